//! "Build arm64": hands the handler to the build backend (same origin) and follows the
//! build by polling. Static hosting has no backend; the panel says so up front instead
//! of offering a button that cannot work.

use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{self, BuildOptions, BuildRequest, BuildStatus};
use crate::state::Playground;

const POLL_MS: u32 = 1000;

#[derive(Debug, Clone, PartialEq)]
enum Backend {
    Checking,
    Available,
    Unavailable(String),
}

#[derive(Debug, Clone, PartialEq)]
enum Build {
    Idle,
    Submitting,
    Running(BuildStatus),
    Failed(String),
}

fn human_bytes(n: u64) -> String {
    match n {
        n if n >= 1 << 20 => format!("{:.1} MB", n as f64 / f64::from(1 << 20)),
        n if n >= 1 << 10 => format!("{:.0} KB", n as f64 / 1024.0),
        n => format!("{n} B"),
    }
}

#[component]
pub fn BuildPanel() -> impl IntoView {
    let pg = expect_context::<Playground>();
    let backend = RwSignal::new(Backend::Checking);
    let build = RwSignal::new(Build::Idle);
    // Bumped per build, so an old build's polling loop stops when a new one starts.
    let generation = StoredValue::new(0u32);

    spawn_local(async move {
        backend.set(match api::health().await {
            Ok(()) => Backend::Available,
            Err(why) => Backend::Unavailable(why),
        });
    });

    let start = move |_| {
        let Some(conv) = pg.conversion.get_untracked() else { return };
        let a = &conv.analysis.annotations;
        let request = BuildRequest {
            source: pg.source.get_untracked(),
            handler: conv.analysis.handler.as_ref().map(|h| h.name.clone()),
            options: BuildOptions {
                architecture: "arm64".into(),
                memory_size: a.memory_size,
                timeout: a.timeout,
                event_type: a.event_type.clone(),
                batch_failure_reporting: a.batch_failure_reporting,
                cold_start_optimize: a.cold_start_optimize,
                tracing: a.tracing,
            },
        };
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        build.set(Build::Submitting);
        spawn_local(async move {
            let mut status = match api::submit(&request).await {
                Ok(s) => s,
                Err(e) => return build.set(Build::Failed(e)),
            };
            loop {
                if generation.get_value() != mine {
                    return;
                }
                let id = status.id_string();
                let done = status.finished();
                build.set(Build::Running(status));
                if done {
                    return;
                }
                let Some(id) = id else {
                    return build.set(Build::Failed("the build service did not say which build this is".into()));
                };
                TimeoutFuture::new(POLL_MS).await;
                status = match api::poll(&id).await {
                    Ok(s) => s,
                    Err(e) => return build.set(Build::Failed(e)),
                };
            }
        });
    };

    let converts = Memo::new(move |_| pg.conversion.with(|c| c.as_ref().is_some_and(|c| c.project.is_ok())));
    let busy = move || matches!(build.get(), Build::Submitting) || matches!(build.get(), Build::Running(ref s) if !s.finished());

    view! {
        <section class="card build-card">
            <div class="card-head">
                <h2>"Build for AWS Lambda (arm64)"</h2>
                <button class="btn btn-primary" data-testid="build-button"
                    disabled=move || backend.get() != Backend::Available || !converts.get() || busy()
                    on:click=start>
                    {move || if busy() { "Building…" } else { "Build arm64" }}
                </button>
            </div>
            <div class="build-status" data-testid="build-status" aria-live="polite">
                {move || match (backend.get(), build.get()) {
                    (Backend::Checking, _) => view! { <p class="muted">"Looking for a build service…"</p> }.into_any(),
                    (Backend::Unavailable(why), _) => view! {
                        <p class="muted" data-state="unavailable">
                            {format!("Builds are not available here: {why}. ")}
                            "Download the .zip and run " <code>"./build.sh"</code> " yourself."
                        </p>
                    }.into_any(),
                    (_, Build::Idle) => view! {
                        <p class="muted" data-state="idle">"Compiles the generated project with cargo-lambda into a bootstrap.zip you can deploy."</p>
                    }.into_any(),
                    (_, Build::Submitting) => view! { <p data-state="submitting">"Sending the handler…"</p> }.into_any(),
                    (_, Build::Failed(why)) => view! { <p class="error" data-state="failed">{why}</p> }.into_any(),
                    (_, Build::Running(s)) => status_view(s).into_any(),
                }}
            </div>
        </section>
    }
}

fn status_view(s: BuildStatus) -> impl IntoView {
    let headline = match s.status.as_str() {
        "queued" => match s.position {
            Some(p) if p > 0 => format!("Queued: {p} build{} ahead", if p == 1 { "" } else { "s" }),
            _ => "Queued: next up".into(),
        },
        "building" => "Building with cargo-lambda…".into(),
        "succeeded" => match s.duration_ms {
            Some(ms) => format!("Built in {:.1} s", ms as f64 / 1000.0),
            None => "Built".into(),
        },
        "failed" => s.error.clone().unwrap_or_else(|| "The build failed; see the log below.".into()),
        other => other.to_owned(),
    };
    let sizes = s.sizes.map(|z| {
        [z.binary.map(|b| format!("binary {}", human_bytes(b))), z.zip.map(|b| format!("zip {}", human_bytes(b)))]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ")
    });
    let log = s.log_text();
    let class = if s.status == "failed" { "error" } else { "" };
    view! {
        <p class=class data-state=s.status.clone()>{headline}</p>
        {(s.status == "building" || s.status == "queued").then(|| view! { <div class="progress"><div class="progress-bar"></div></div> })}
        {sizes.filter(|t| !t.is_empty()).map(|t| view! { <p class="muted">{t}</p> })}
        {s.artifact_url.clone().filter(|_| s.status == "succeeded").map(|url| view! {
            <a class="btn btn-primary" href=url download="bootstrap.zip" data-testid="artifact-link">"Download bootstrap.zip"</a>
        })}
        {(!log.is_empty()).then(|| view! {
            <details open=s.status == "failed">
                <summary>"Build log"</summary>
                <pre class="build-log">{log}</pre>
            </details>
        })}
    }
}
