//! Problems found in the handler, in source order; clicking one moves the caret there.

use depyler_core::Severity;
use leptos::prelude::*;

use crate::state::{Jump, Playground};

#[component]
pub fn Diagnostics() -> impl IntoView {
    let pg = expect_context::<Playground>();
    let items = Memo::new(move |_| pg.conversion.with(|c| c.as_ref().map(|c| c.diagnostics.clone()).unwrap_or_default()));

    view! {
        <section class="card diagnostics-card">
            <div class="card-head">
                <h2>"Diagnostics"</h2>
                <span class="muted">{move || {
                    let (e, w) = items.with(|d| (d.iter().filter(|d| d.is_error()).count(), d.iter().filter(|d| !d.is_error()).count()));
                    format!("{e} error{} · {w} warning{}", if e == 1 { "" } else { "s" }, if w == 1 { "" } else { "s" })
                }}</span>
            </div>
            <ul class="diagnostics" data-testid="diagnostics">
                {move || {
                    let items = items.get();
                    if items.is_empty() {
                        return view! { <li class="muted empty">"No problems found."</li> }.into_any();
                    }
                    items.into_iter().map(|d| {
                        let (line, column) = (d.line, d.column);
                        let (class, label) = match d.severity {
                            Severity::Error => ("diag diag-error", "error"),
                            _ => ("diag diag-warning", "warning"),
                        };
                        view! {
                            <li class=class>
                                <button class="diag-button" on:click=move |_| pg.jump.set(Some(Jump { line, column }))>
                                    <span class="sev">{label}</span>
                                    <span class="pos">{format!("{line}:{column}")}</span>
                                    <span class="msg">{d.message}</span>
                                </button>
                                {d.suggestion.map(|s| view! { <div class="suggestion">{s}</div> })}
                            </li>
                        }
                    }).collect_view().into_any()
                }}
            </ul>
        </section>
    }
}
