//! What triggers the handler: the inferred (or annotated) event source, how sure the
//! inference is, the accesses that gave it away, and the runners-up.

use depyler_core::catalog;
use leptos::prelude::*;

use crate::state::{Jump, Playground};

fn display_name(id: &str) -> &'static str {
    catalog::by_id(id).map_or("no AWS event shape recognised (plain JSON)", |s| s.display_name)
}

fn percent(confidence: f64) -> u32 {
    // Confidence is 0..=1; clamp so a bar never overflows its track.
    (confidence.clamp(0.0, 1.0) * 100.0).round() as u32
}

#[component]
pub fn EventCard() -> impl IntoView {
    let pg = expect_context::<Playground>();
    let event = Memo::new(move |_| pg.conversion.with(|c| c.as_ref().map(|c| c.analysis.event.clone())));
    // No handler found (the source does not parse, or has no handler-shaped function):
    // there was nothing to infer from, and the card should say so rather than just "0%".
    let why_unknown = Memo::new(move |_| {
        pg.conversion.with(|c| {
            c.as_ref().filter(|c| c.analysis.handler.is_none()).map(|c| {
                c.diagnostics.iter().find(|d| d.is_error()).map_or_else(
                    || "No handler function found.".to_owned(),
                    |d| format!("Nothing to infer from until line {} is fixed.", d.line),
                )
            })
        })
    });
    let handler = Memo::new(move |_| {
        pg.conversion.with(|c| c.as_ref().and_then(|c| c.analysis.handler.as_ref().map(|h| (h.name.clone(), h.line))))
    });

    view! {
        <section class="card event-card" aria-live="polite">
            <div class="card-head">
                <h2>"Event source"</h2>
                {move || handler.get().map(|(name, line)| view! {
                    <button class="link" title="Go to the handler" on:click=move |_| pg.jump.set(Some(Jump { line, column: 1 }))>
                        <code>{format!("{name}()")}</code>
                    </button>
                })}
            </div>
            {move || match event.get() {
                None => view! { <p class="muted">"Analysing…"</p> }.into_any(),
                Some(ev) => {
                    let pct = percent(ev.confidence);
                    let evidence = ev.evidence.clone();
                    let alternatives = ev.alternatives.clone();
                    view! {
                        <div class="event-head">
                            <span class="badge" data-testid="event-source">{ev.source.clone()}</span>
                            <span class="event-name">{display_name(&ev.source)}</span>
                            {ev.from_annotation.then(|| view! {
                                <span class="pill" title="An event_type annotation decided this, not inference">"from annotation"</span>
                            })}
                        </div>
                        {move || why_unknown.get().map(|why| view! { <p class="muted">{why}</p> })}
                        <div class="rust-type">"Rust type " <code>{ev.rust_type.clone()}</code></div>
                        <div class="confidence" title="How well the handler's accesses match this source">
                            <div class="bar"><div class="fill" style=format!("width: {pct}%")></div></div>
                            <span class="confidence-value" data-testid="event-confidence">{format!("{pct}%")}</span>
                        </div>
                        {(!evidence.is_empty()).then(|| view! {
                            <h3>"Evidence"</h3>
                            <ul class="evidence">
                                {evidence.into_iter().map(|e| {
                                    let line = e.line;
                                    view! {
                                        <li>
                                            <button class="link" on:click=move |_| pg.jump.set(Some(Jump { line, column: 1 }))>
                                                {format!("line {line}")}
                                            </button>
                                            <code>{e.path}</code>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        })}
                        {(!alternatives.is_empty()).then(|| view! {
                            <h3>"Runners-up"</h3>
                            <ul class="alternatives">
                                {alternatives.into_iter().take(4).map(|a| {
                                    let pct = percent(a.confidence);
                                    view! {
                                        <li>
                                            <span class="alt-name">{display_name(&a.source)}</span>
                                            <div class="bar bar-small"><div class="fill" style=format!("width: {pct}%")></div></div>
                                            <span class="muted">{format!("{pct}%")}</span>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        })}
                    }.into_any()
                }
            }}
        </section>
    }
}
