//! The playground's static files (`dist/`, built by trunk) at `/`, with `index.html` as the
//! fallback for page addresses so the app's own routes work on reload. A missing *file*
//! (`/runtime/x.rs`, a stale `.wasm`) is a plain 404: the page fetches the support module's
//! sources for its download, and an HTML page in their place would be a broken project.
//!
//! Whether `dist/` exists is checked per request: the playground is often built (or rebuilt
//! by `trunk watch`) while the service runs, and it should appear without a restart.

use std::path::PathBuf;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

pub async fn serve(State(dist): State<PathBuf>, req: Request) -> Response {
    let index = dist.join("index.html");
    if !index.is_file() {
        return missing_page(&dist);
    }
    let is_file = req.uri().path().rsplit('/').next().is_some_and(|last| last.contains('.'));
    let files = ServeDir::new(&dist).append_index_html_on_directories(true);
    let resp = if is_file {
        files.oneshot(req).await.map(|r| r.map(Body::new))
    } else {
        files.fallback(ServeFile::new(index)).oneshot(req).await.map(|r| r.map(Body::new))
    };
    match resp {
        Ok(resp) => resp,
        Err(never) => match never {},
    }
}

fn missing_page(dist: &std::path::Path) -> Response {
    let dist = html_escape(&dist.display().to_string());
    let body = format!(
        "<!doctype html><meta charset=utf-8><title>Depyler Lambda: playground not built</title>\
         <body style=\"font-family:sans-serif;max-width:40em;margin:3em auto\">\
         <h1>The playground is not built yet</h1>\
         <p>This service serves the playground from <code>{dist}</code>, which has no <code>index.html</code>.</p>\
         <p>Run <code>scripts/serve</code> (it builds <code>web/</code> with trunk and starts this service), \
         or build it yourself with <code>trunk build --release --dist {dist}</code> in <code>web/</code>. \
         The page appears on reload, no restart needed.</p>\
         <p>The build API works regardless: <a href=\"/api/health\">/api/health</a>, \
         <a href=\"/api/version\">/api/version</a>.</p></body>"
    );
    (StatusCode::SERVICE_UNAVAILABLE, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response()
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
