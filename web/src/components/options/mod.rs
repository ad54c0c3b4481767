//! Lambda settings as form controls. They edit the `# @depyler:` lines in the source,
//! and show what the core read from the source, so hand-written annotations and the
//! panel always agree. A setting put back to its default removes its line.

use depyler_core::annotations::LambdaAnnotations;
use depyler_core::catalog;
use leptos::prelude::*;

use crate::annotations;
use crate::state::Playground;

#[component]
pub fn OptionsPanel() -> impl IntoView {
    let pg = expect_context::<Playground>();
    let defaults = LambdaAnnotations::default();
    // The effective settings: the core's reading of the annotations (defaults filled in).
    let ann = Memo::new(move |_| {
        pg.conversion.with(|c| c.as_ref().map(|c| c.analysis.annotations.clone()).unwrap_or_default())
    });
    let set = move |key: &'static str, value: Option<String>| {
        pg.source.update(|s| *s = annotations::set(s, key, value.as_deref()));
    };
    // Writes `value`, or removes the line when it is the default.
    let set_or_default = move |key: &'static str, value: String, default: String| {
        set(key, (value != default).then_some(value));
    };

    let event_type = move || annotations::get(&pg.source.read(), "event_type").unwrap_or_else(|| "auto".into());
    let d = defaults.clone();

    view! {
        <section class="card options-card">
            <details open>
                <summary><h2>"Lambda options"</h2><span class="muted">" edits the # @depyler: lines"</span></summary>
                <div class="options-grid">
                    <label>
                        <span>"Event type"</span>
                        <select
                            data-testid="option-event-type"
                            prop:value=event_type
                            on:change=move |ev| {
                                let v = event_target_value(&ev);
                                set("event_type", (v != "auto").then_some(v));
                            }
                        >
                            <option value="auto">"auto (inferred)"</option>
                            {catalog::sources().iter().map(|s| view! {
                                <option value=s.id>{format!("{} ({})", s.display_name, s.id)}</option>
                            }).collect_view()}
                            <option value="unknown">"plain JSON (unknown)"</option>
                            // A hand-written type name (SqsEvent, EventBridgeEvent<T>) keeps its own entry.
                            {move || {
                                let v = event_type();
                                let listed = v == "auto" || v == "unknown" || catalog::sources().iter().any(|s| s.id == v);
                                (!listed).then(|| view! { <option value=v.clone()>{v.clone()}</option> })
                            }}
                        </select>
                    </label>
                    <label>
                        <span>"Memory (MB)"</span>
                        <input type="number" min="128" max="10240" step="64"
                            prop:value=move || ann.get().memory_size.to_string()
                            on:change={
                                let d = d.memory_size.to_string();
                                move |ev| set_or_default("memory_size", event_target_value(&ev).trim().to_owned(), d.clone())
                            }
                        />
                    </label>
                    <label>
                        <span>"Timeout (s)"</span>
                        <input type="number" min="1" max="900"
                            prop:value=move || ann.get().timeout.to_string()
                            on:change={
                                let d = d.timeout.to_string();
                                move |ev| set_or_default("timeout", event_target_value(&ev).trim().to_owned(), d.clone())
                            }
                        />
                    </label>
                    <label>
                        <span>"Architecture"</span>
                        <select
                            prop:value=move || ann.get().architecture.as_str().to_owned()
                            on:change={
                                let d = d.architecture.as_str().to_owned();
                                move |ev| set_or_default("architecture", event_target_value(&ev), d.clone())
                            }
                        >
                            <option value="arm64">"arm64 (Graviton)"</option>
                            <option value="x86_64">"x86_64"</option>
                        </select>
                    </label>
                    <label>
                        <span>"Runtime"</span>
                        <select
                            prop:value=move || ann.get().runtime.as_str().to_owned()
                            on:change={
                                let d = d.runtime.as_str().to_owned();
                                move |ev| set_or_default("lambda_runtime", event_target_value(&ev), d.clone())
                            }
                        >
                            <option value="provided.al2">"provided.al2"</option>
                            <option value="provided.al2023">"provided.al2023"</option>
                        </select>
                    </label>
                    <label>
                        <span>"Handler function"</span>
                        <input type="text" placeholder="detected" spellcheck="false"
                            prop:value=move || pg.handler.get()
                            on:change=move |ev| pg.handler.set(event_target_value(&ev).trim().to_owned())
                        />
                    </label>
                    {[
                        ("batch_failure_reporting", "Batch failure reporting", d.batch_failure_reporting),
                        ("cold_start_optimize", "Cold-start optimisation", d.cold_start_optimize),
                        ("tracing", "X-Ray tracing", d.tracing),
                        ("custom_serialization", "Custom serialization", d.custom_serialization),
                    ].into_iter().map(|(key, label, default)| {
                        let checked = move || {
                            let a = ann.get();
                            match key {
                                "batch_failure_reporting" => a.batch_failure_reporting,
                                "cold_start_optimize" => a.cold_start_optimize,
                                "tracing" => a.tracing,
                                _ => a.custom_serialization,
                            }
                        };
                        view! {
                            <label class="check">
                                <input type="checkbox"
                                    prop:checked=checked
                                    on:change=move |ev| set_or_default(key, event_target_checked(&ev).to_string(), default.to_string())
                                />
                                <span>{label}</span>
                            </label>
                        }
                    }).collect_view()}
                </div>
            </details>
        </section>
    }
}
