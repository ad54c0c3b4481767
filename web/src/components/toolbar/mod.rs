//! Top bar: examples, reset, share, download, theme. Ctrl/Cmd+S copies the share link.

use gloo_file::{Blob, ObjectUrl};
use gloo_timers::callback::Timeout;
use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::components::copy_text;
use crate::examples::{self, EXAMPLES};
use crate::share;
use crate::api;
use crate::state::{default_session, Notice, NoticeKind, Playground, Theme};
use crate::zip;

#[derive(Clone, Copy, PartialEq, Eq)]
enum ShareKind {
    Link,
    Markdown,
}

#[component]
pub fn Toolbar() -> impl IntoView {
    let pg = expect_context::<Playground>();
    // Which button just copied, and whether it worked; cleared after a moment.
    let copied = RwSignal::new(None::<(ShareKind, bool)>);
    let reset_copied = StoredValue::new_local(None::<Timeout>);

    let share = move |kind: ShareKind| {
        let url = pg.share_url();
        // The address bar shows the link too, so it can also be copied from there.
        if let Ok(h) = window().history() {
            let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
        let text = match kind {
            ShareKind::Link => url,
            ShareKind::Markdown => {
                let title = pg.conversion.with_untracked(|c| {
                    c.as_ref().and_then(|c| c.analysis.handler.as_ref().map(|h| h.name.clone())).unwrap_or_default()
                });
                share::markdown_link(&format!("Depyler Lambda: {title}() in Rust"), &url)
            }
        };
        spawn_local(async move {
            let ok = copy_text(&text).await;
            copied.set(Some((kind, ok)));
            reset_copied.set_value(Some(Timeout::new(1800, move || copied.set(None))));
        });
    };
    let label = move |kind: ShareKind, idle: &'static str| {
        move || match copied.get() {
            Some((k, true)) if k == kind => "Copied!",
            Some((k, false)) if k == kind => "Copy failed: use the address bar",
            _ => idle,
        }
    };

    // Ctrl/Cmd+S: "save" means "give me the link" here; the browser's save dialog is
    // never what a playground user wants.
    let handle = window_event_listener(ev::keydown, move |e| {
        if (e.ctrl_key() || e.meta_key()) && !e.alt_key() && e.key().eq_ignore_ascii_case("s") {
            e.prevent_default();
            share(ShareKind::Link);
        }
    });
    on_cleanup(move || handle.remove());

    let can_download = Memo::new(move |_| pg.conversion.with(|c| c.as_ref().is_some_and(|c| c.project.is_ok())));
    let download = move |_| {
        let Some(project) = pg.conversion.with_untracked(|c| c.as_ref().and_then(|c| c.project.clone().ok())) else {
            return;
        };
        spawn_local(async move {
            // The wasm does not carry the support module's text: it comes from the server.
            let runtime = match api::runtime_files(&project.runtime).await {
                Ok(runtime) => runtime,
                Err(why) => {
                    pg.notice.set(Some(Notice {
                        kind: NoticeKind::Error,
                        text: format!("Download failed: {why}. Reload the page and try again."),
                        offer_previous: false,
                    }));
                    return;
                }
            };
            let files: Vec<(String, &str)> = project
                .files
                .iter()
                .map(|f| (f.path.clone(), &*f.contents))
                .chain(runtime.iter().map(|(name, text)| (format!("src/py/{name}"), text.as_str())))
                .collect();
            let hash = zip::content_hash(files.iter().map(|(path, text)| (path.as_str(), *text)));
            let folder = format!("{}-{:08x}", project.name, hash as u32);
            let paths: Vec<String> = files.iter().map(|(path, _)| format!("{folder}/{path}")).collect();
            let entries: Vec<zip::Entry<'_>> = files
                .iter()
                .zip(&paths)
                .map(|((path, text), zip_path)| zip::Entry {
                    path: zip_path,
                    data: text.as_bytes(),
                    executable: path.ends_with(".sh"),
                })
                .collect();
            let bytes = zip::write(&entries);
            save_file(&format!("{folder}.zip"), &bytes, "application/zip");
        });
    };

    let toggle_theme = move |_| {
        let next = match pg.effective_theme() {
            Theme::Dark => Theme::Light,
            Theme::Light => Theme::Dark,
        };
        pg.theme.set(Some(next));
        let _ = <gloo_storage::LocalStorage as gloo_storage::Storage>::set(crate::state::THEME_KEY, next);
    };

    view! {
        <header class="toolbar">
            <div class="brand">
                <span class="logo" aria-hidden="true">"λ"</span>
                <span class="title">"Depyler Lambda"</span>
                <span class="subtitle">"Python handler → Rust Lambda"</span>
            </div>
            <div class="actions">
                <select
                    class="examples"
                    aria-label="Examples"
                    data-testid="examples"
                    prop:value=""
                    on:change=move |ev| {
                        if let Some(ex) = examples::by_id(&event_target_value(&ev)) {
                            pg.source.set(ex.source.to_owned());
                            pg.handler.set(String::new());
                        }
                        // Back to the placeholder, so choosing the same example again works.
                        if let Some(t) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok()) {
                            t.set_value("");
                        }
                    }
                >
                    <option value="" disabled=true selected=true>"Examples…"</option>
                    {EXAMPLES.iter().map(|e| view! { <option value=e.id>{e.title}</option> }).collect_view()}
                </select>
                <button class="btn" title="Back to the default example (your share links keep working)"
                    on:click=move |_| { pg.apply(default_session()); pg.notice.set(None); }>
                    "Reset"
                </button>
                <button class="btn btn-primary" data-testid="share-button" title="Copy a link to this handler (Ctrl/Cmd+S)"
                    on:click=move |_| share(ShareKind::Link)>
                    {label(ShareKind::Link, "Copy link")}
                </button>
                <button class="btn" data-testid="share-markdown-button" on:click=move |_| share(ShareKind::Markdown)>
                    {label(ShareKind::Markdown, "Copy Markdown link")}
                </button>
                <button class="btn" data-testid="download-button"
                    disabled=move || !can_download.get()
                    title=move || if can_download.get() { "Download the cargo-lambda project as a .zip" } else { "Fix the errors first: there is no project to download" }
                    on:click=download>
                    "Download .zip"
                </button>
                <button class="btn btn-icon" data-testid="theme-toggle"
                    aria-label=move || format!("Switch to {} mode", if pg.effective_theme() == Theme::Dark { "light" } else { "dark" })
                    title="Toggle dark mode"
                    on:click=toggle_theme>
                    {move || if pg.effective_theme() == Theme::Dark { "☀" } else { "☾" }}
                </button>
            </div>
        </header>
    }
}

/// Offers `bytes` as a download named `name`.
fn save_file(name: &str, bytes: &[u8], mime: &str) {
    let url = ObjectUrl::from(Blob::new_with_options(bytes, Some(mime)));
    let Ok(a) = document().create_element("a") else { return };
    let Ok(a) = a.dyn_into::<web_sys::HtmlAnchorElement>() else { return };
    a.set_href(&url);
    a.set_download(name);
    a.click();
    // The object URL is revoked when `url` drops; give the download a moment to start.
    Timeout::new(10_000, move || drop(url)).forget();
}
