//! Bottom line: how long the last conversion took, and what was converted.

use leptos::prelude::*;

use crate::state::Playground;

#[component]
pub fn StatusBar() -> impl IntoView {
    let pg = expect_context::<Playground>();
    let lines = Memo::new(move |_| pg.source.with(|s| s.lines().count()));
    view! {
        <footer class="status-bar">
            {move || pg.conversion.with(|c| match c {
                None => view! { <span data-testid="convert-time">"Converting…"</span> }.into_any(),
                Some(c) => {
                    let ms = format!("{:.1}", c.millis);
                    let text = match &c.project {
                        Ok(_) => format!("Converted in {ms} ms"),
                        Err(_) => format!("Not converted ({ms} ms): see Diagnostics"),
                    };
                    let state = if c.project.is_ok() { "ok" } else { "error" };
                    view! {
                        <span data-testid="convert-time" data-ms=ms data-seq=c.seq data-state=state class=format!("status-{state}")>{text}</span>
                    }.into_any()
                }
            })}
            <span class="muted">{move || format!("{} lines", lines.get())}</span>
            <span class="muted">{format!("depyler-core {}", depyler_core::VERSION)}</span>
        </footer>
    }
}
