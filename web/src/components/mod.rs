//! One folder per component. Each reads the shared `Playground` from context.

pub mod build;
pub mod diagnostics;
pub mod editor;
pub mod event_card;
pub mod notice;
pub mod options;
pub mod output;
pub mod status_bar;
pub mod toolbar;

/// Copies `text` to the clipboard; `false` when the browser refuses (no permission, or
/// not a secure context), so the caller can say so instead of claiming success.
pub async fn copy_text(text: &str) -> bool {
    let Some(window) = web_sys::window() else { return false };
    let promise = window.navigator().clipboard().write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}
