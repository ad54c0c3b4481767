//! The Python editor: a plain `<textarea>` (so typing, IME, undo and mobile keyboards
//! behave natively) stacked exactly over a highlighted `<pre>` that draws the text.
//! Both sit in one grid cell sized by the `<pre>`, and the outer box scrolls them
//! together with the line numbers, so nothing has to sync scroll positions.

mod indent;

use leptos::ev::KeyboardEvent;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::highlight;
use crate::state::Playground;

/// Must match `--lh` in style.css: line marks and jumps compute positions from it.
const LINE_HEIGHT_PX: f64 = 20.0;

#[component]
pub fn Editor() -> impl IntoView {
    let pg = expect_context::<Playground>();
    let textarea = NodeRef::<html::Textarea>::new();
    let scroller = NodeRef::<html::Div>::new();
    // After Escape, Tab moves focus out as usual instead of indenting (keyboard users
    // must be able to leave the editor).
    let tab_leaves = StoredValue::new(false);

    // Highlighting follows every keystroke (the overlay must never lag the caret); the
    // lexer takes well under a millisecond for a handler.
    let highlighted = Memo::new(move |_| pg.source.with(|s| highlight::python(s)));
    // (line, is_error) for every diagnostic line, for gutter and line marks.
    let marks = Memo::new(move |_| {
        pg.conversion.with(|c| {
            let mut lines: Vec<(u32, bool)> = c
                .as_ref()
                .map(|c| c.diagnostics.iter().map(|d| (d.line.max(1), d.is_error())).collect())
                .unwrap_or_default();
            lines.sort_unstable_by_key(|&(l, e)| (l, !e));
            lines.dedup_by_key(|(l, _)| *l);
            lines
        })
    });
    let gutter = move || {
        let n = pg.source.with(|s| s.split('\n').count());
        let marks = marks.get();
        let mut html = String::with_capacity(n * 8);
        for line in 1..=n {
            match marks.iter().find(|(l, _)| *l as usize == line) {
                Some((_, true)) => html.push_str(&format!("<span class=\"ln ln-error\">{line}</span>\n")),
                Some((_, false)) => html.push_str(&format!("<span class=\"ln ln-warning\">{line}</span>\n")),
                None => html.push_str(&format!("{line}\n")),
            }
        }
        html
    };

    // Jumps from diagnostics and evidence: caret to line:column, line into view.
    Effect::new(move |_| {
        let Some(jump) = pg.jump.get() else { return };
        let (Some(ta), Some(sc)) = (textarea.get_untracked(), scroller.get_untracked()) else { return };
        let text = ta.value();
        let offset = indent::utf16_offset_of(&text, jump.line, jump.column);
        let _ = ta.set_selection_range(offset, offset);
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = ta.focus_with_options(&options);
        let top = (f64::from(jump.line.max(1)) - 1.0) * LINE_HEIGHT_PX;
        let visible = f64::from(sc.client_height());
        sc.set_scroll_top((top - visible / 3.0).max(0.0) as i32);
        sc.scroll_into_view_with_bool(false);
    });

    let on_keydown = move |ev: KeyboardEvent| {
        let key = ev.key();
        if key == "Escape" {
            tab_leaves.set_value(true);
            return;
        }
        if key == "Tab" && tab_leaves.get_value() {
            tab_leaves.set_value(false);
            return;
        }
        tab_leaves.set_value(false);
        if ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        let Some(ta) = textarea.get_untracked() else { return };
        let handled = match key.as_str() {
            "Tab" => indent::indent(&ta, ev.shift_key()),
            "Enter" if !ev.shift_key() => indent::newline(&ta),
            _ => false,
        };
        if handled {
            ev.prevent_default();
            // The edit may not have fired `input` (fallback path): read it back.
            pg.source.set(ta.value());
        }
    };

    view! {
        <section class="card editor-card">
            <div class="card-head">
                <h2>"handler.py"</h2>
                <span class="hint">"Tab / Shift+Tab indent · Esc then Tab leaves"</span>
            </div>
            <div class="editor" node_ref=scroller>
                <div class="editor-inner">
                    <pre class="gutter" aria-hidden="true" inner_html=gutter></pre>
                    <div class="code-stack">
                        <div class="line-marks" aria-hidden="true">
                            {move || marks.get().into_iter().map(|(line, error)| {
                                let style = format!("top: calc({} * var(--lh) + var(--pad))", line - 1);
                                let class = if error { "line-mark line-mark-error" } else { "line-mark line-mark-warning" };
                                view! { <div class=class style=style></div> }
                            }).collect_view()}
                        </div>
                        // The extra newline gives the last (possibly empty) line its height.
                        <pre class="code-hl" aria-hidden="true" inner_html=move || highlighted.get() + "\n"></pre>
                        <textarea
                            node_ref=textarea
                            data-testid="python-editor"
                            aria-label="Python handler source"
                            spellcheck="false"
                            autocapitalize="off"
                            autocomplete="off"
                            wrap="off"
                            prop:value=move || pg.source.get()
                            on:input=move |ev| {
                                let value = ev
                                    .target()
                                    .and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
                                    .map(|t| t.value());
                                if let Some(value) = value {
                                    pg.source.set(value);
                                }
                            }
                            on:keydown=on_keydown
                        ></textarea>
                    </div>
                </div>
            </div>
        </section>
    }
}
