//! The generated project: one tab per interesting file, highlighted, with a copy button.
//! While the source does not convert, the last good output stays, greyed, under the
//! reason, so a half-typed line does not blank the page.

use std::sync::Arc;

use depyler_core::package::Project;
use gloo_timers::callback::Timeout;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::copy_text;
use crate::highlight::{self, Lang};
use crate::state::{Playground, MAIN_TAB};

/// The tabs, in order, with short labels; other files (src/py/…) are in the download.
const TABS: &[(&str, &str)] = &[
    (MAIN_TAB, "main.rs"),
    ("Cargo.toml", "Cargo.toml"),
    ("template.yaml", "template.yaml"),
    ("build.sh", "build.sh"),
    ("cdk/handler-stack.ts", "CDK"),
    ("README.md", "README"),
    ("events/sample.json", "sample event"),
];

#[component]
pub fn Output() -> impl IntoView {
    let pg = expect_context::<Playground>();
    // The reason the current source does not convert, if it does not.
    let failure = Memo::new(move |_| pg.conversion.with(|c| c.as_ref().and_then(|c| c.project.as_ref().err().cloned())));
    let project = pg.last_good;
    let open = Memo::new(move |_| {
        let tab = pg.tab.get();
        // A shared link may name a tab this project does not have.
        project.with(|p| match p {
            Some(p) if p.file(&tab).is_some() => tab,
            _ => MAIN_TAB.to_owned(),
        })
    });
    let contents = Memo::new(move |_| {
        project.with(|p| p.as_ref().and_then(|p: &Arc<Project>| p.file(&open.get()).map(str::to_owned)))
    });
    let html = Memo::new(move |_| contents.with(|c| c.as_deref().map(|c| highlight::code(c, Lang::for_path(&open.get())))));
    let copied = RwSignal::new(None::<&'static str>);
    let reset = StoredValue::new_local(None::<Timeout>);

    let copy = move |_| {
        let Some(text) = contents.get_untracked() else { return };
        spawn_local(async move {
            let ok = copy_text(&text).await;
            copied.set(Some(if ok { "Copied!" } else { "Copy failed" }));
            reset.set_value(Some(Timeout::new(1500, move || copied.set(None))));
        });
    };

    view! {
        <section class="card output-card">
            <div class="card-head">
                <h2>"Generated Rust"</h2>
                <button class="btn btn-small" on:click=copy disabled=move || contents.with(Option::is_none)>
                    {move || copied.get().unwrap_or("Copy")}
                </button>
            </div>
            <div class="tabs" role="tablist">
                {TABS.iter().map(|&(path, label)| {
                    let selected = move || open.get() == path;
                    view! {
                        <button
                            role="tab"
                            class="tab"
                            class:active=selected
                            aria-selected=move || selected().to_string()
                            title=path
                            data-tab=path
                            on:click=move |_| pg.tab.set(path.to_owned())
                        >
                            {label}
                        </button>
                    }
                }).collect_view()}
            </div>
            {move || failure.get().map(|why| view! {
                <div class="stale-reason" role="status">
                    <strong>"Conversion failed: "</strong>{why}
                    {move || project.with(Option::is_some).then_some(" — showing the last output that converted.")}
                </div>
            })}
            <pre
                class="code-out"
                class:stale=move || failure.with(Option::is_some)
                data-testid="rust-output"
                data-file=move || open.get()
                inner_html=move || html.get().unwrap_or_default()
            ></pre>
        </section>
    }
}
