//! HTTP API (`/api/…`) and the router that puts it in front of the static playground.
//!
//! Every handler answers with JSON, including errors (`{"error": …}`), and none of them can
//! panic on input: bodies are parsed by hand so each failure gets the right status (junk →
//! 400, too large → 413, Python that does not convert → 422 with the diagnostics).

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::{Json, Router};
use depyler_core::package::ConvertOptions;
use serde::Deserialize;
use serde_json::json;
use sha2::{Digest, Sha256};
use tokio::sync::Mutex;

use crate::builder::{Arch, Versions};
use crate::cache::valid_id;
use crate::queue::{Queue, Spec, Status, Submitted};
use crate::static_files;

/// Bump when the way artifacts are built changes (flags, checks): it is part of every cache key.
const RECIPE: &str = "cargo-lambda-release-zip/1";

pub struct AppState {
    pub queue: Arc<Queue>,
    pub max_body: usize,
    pub started: Instant,
    versions: Mutex<Option<(Instant, Versions)>>,
    /// rustc's version as first seen: part of every cache key, so it must not change under
    /// a running service (a toolchain update takes effect on restart).
    rustc: tokio::sync::OnceCell<String>,
}

impl AppState {
    pub fn new(queue: Arc<Queue>, max_body: usize) -> Arc<AppState> {
        Arc::new(AppState { queue, max_body, started: Instant::now(), versions: Mutex::new(None), rustc: Default::default() })
    }

    /// Toolchain versions, re-detected at most once a minute (someone may install a tool
    /// while the service runs).
    async fn versions(&self) -> Versions {
        let mut cached = self.versions.lock().await;
        if let Some((at, v)) = cached.as_ref() {
            if at.elapsed() < Duration::from_secs(60) {
                return v.clone();
            }
        }
        let v = self.queue.builder.versions().await;
        *cached = Some((Instant::now(), v.clone()));
        v
    }
}

pub fn router(state: Arc<AppState>, dist: PathBuf) -> Router {
    let max_body = state.max_body;
    let api = Router::new()
        .route("/api/builds", post(create_build))
        .route("/api/builds/{id}", get(get_build))
        .route("/api/builds/{id}/events", get(build_events))
        .route("/api/builds/{id}/artifact", get(artifact))
        .route("/api/health", get(health))
        .route("/api/version", get(version))
        .route("/api", any(not_found))
        .route("/api/{*rest}", any(not_found))
        .layer(DefaultBodyLimit::max(max_body))
        .with_state(state);
    let playground = Router::new().fallback(static_files::serve).with_state(dist);
    api.fallback_service(playground)
}

fn error(status: StatusCode, message: impl Into<String>) -> Response {
    (status, Json(json!({ "error": message.into() }))).into_response()
}

async fn not_found() -> Response {
    error(StatusCode::NOT_FOUND, "no such API endpoint")
}

#[derive(Deserialize)]
struct BuildRequest {
    source: String,
    #[serde(default)]
    handler: Option<String>,
    #[serde(default)]
    options: Option<BuildOptions>,
}

/// Unknown option fields are ignored, so the playground can send more than this version uses.
#[derive(Deserialize, Default)]
struct BuildOptions {
    #[serde(default)]
    event_type: Option<String>,
    #[serde(default)]
    architecture: Option<String>,
}

fn non_empty(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

async fn create_build(State(st): State<Arc<AppState>>, body: Result<Bytes, BytesRejection>) -> Response {
    let body = match body {
        Ok(b) => b,
        Err(rej) if rej.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            return error(rej.status(), format!("request body is larger than the limit of {} bytes", st.max_body));
        }
        Err(rej) => return error(rej.status(), rej.body_text()),
    };
    let req: BuildRequest = match serde_json::from_slice(&body) {
        Ok(r) => r,
        Err(e) => {
            return error(
                StatusCode::BAD_REQUEST,
                format!("invalid request: {e}; expected {{\"source\": \"<python>\", \"handler\"?, \"options\"?: {{\"event_type\"?, \"architecture\"?: \"arm64\"|\"x86_64\"}}}}"),
            )
        }
    };
    let opts = req.options.unwrap_or_default();
    let arch = match non_empty(opts.architecture) {
        None => Arch::Arm64,
        Some(a) => match Arch::parse(&a) {
            Some(arch) => arch,
            None => return error(StatusCode::BAD_REQUEST, format!("unknown architecture `{a}`: use \"arm64\" or \"x86_64\"")),
        },
    };
    let handler = non_empty(req.handler);
    let event_type = non_empty(opts.event_type);
    let source = req.source;

    // Convert here, before queueing, so Python that does not convert is a 422 right away and
    // the cache key covers exactly what would be built.
    let convert_opts = ConvertOptions { handler: handler.clone(), event_type: event_type.clone(), package_name: None };
    let project = match st.queue.converter.convert(&source, &convert_opts).await {
        Ok(Ok(project)) => project,
        Ok(Err(diagnostics)) => {
            let body = json!({ "error": "the handler does not convert", "diagnostics": diagnostics });
            return (StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response();
        }
        Err(e) => return error(StatusCode::INTERNAL_SERVER_ERROR, format!("internal error while converting: {e}")),
    };

    let rustc = st.rustc.get_or_init(|| async { st.versions().await.rustc.unwrap_or_default() }).await;
    let mut key = Sha256::new();
    let mut part = |bytes: &[u8]| {
        // Length-prefixed, so no two different inputs concatenate to the same stream.
        key.update((bytes.len() as u64).to_le_bytes());
        key.update(bytes);
    };
    for p in [RECIPE, depyler_core::VERSION, rustc.as_str(), arch.name()] {
        part(p.as_bytes());
    }
    part(handler.as_deref().unwrap_or("").as_bytes());
    part(event_type.as_deref().unwrap_or("").as_bytes());
    part(source.as_bytes());
    // The generated files too: the core changes between version bumps during development.
    for (path, contents) in project.files() {
        part(path.as_bytes());
        part(contents.as_bytes());
    }
    let id: String = key.finalize().iter().take(16).map(|b| format!("{b:02x}")).collect();

    let spec = Spec { source, handler, event_type, arch, name: project.name };
    match st.queue.submit(id, spec) {
        Submitted::Cached(view) => (StatusCode::OK, Json(view)).into_response(),
        Submitted::Accepted(view) => (StatusCode::ACCEPTED, Json(view)).into_response(),
        Submitted::Full { retry_after_secs } => {
            let (queued, _) = st.queue.counts();
            let mut resp = (
                StatusCode::TOO_MANY_REQUESTS,
                Json(json!({
                    "error": format!("the build queue is full ({queued} waiting); retry in {retry_after_secs} s"),
                    "retry_after": retry_after_secs,
                })),
            )
                .into_response();
            resp.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
            resp
        }
    }
}

fn unknown_build(id: &str) -> Response {
    error(StatusCode::NOT_FOUND, format!("no build with id `{id}` (failed builds are forgotten on restart)"))
}

async fn get_build(State(st): State<Arc<AppState>>, Path(id): Path<String>) -> Response {
    match valid_id(&id).then(|| st.queue.status(&id)).flatten() {
        Some(view) => Json(view).into_response(),
        None => unknown_build(&id),
    }
}

/// Server-sent events: `log` (one output line each), `status` (the build's JSON when its
/// status or place changes) and a final `status` when it is done, after which the stream ends.
async fn build_events(State(st): State<Arc<AppState>>, Path(id): Path<String>) -> Response {
    let Some(first) = valid_id(&id).then(|| st.queue.status(&id)).flatten() else {
        return unknown_build(&id);
    };
    let job = st.queue.job(&id);
    let queue = st.queue.clone();
    let (tx, rx) = tokio::sync::mpsc::channel::<Event>(64);
    tokio::spawn(async move {
        let status_event = |view: &crate::queue::StatusView| {
            Event::default().event("status").json_data(view).unwrap_or_else(|_| Event::default().event("status"))
        };
        let Some(job) = job.filter(|_| !first.status.is_final()) else {
            let _ = tx.send(status_event(&first)).await;
            return;
        };
        let mut changed = job.subscribe();
        let mut seen = 0;
        let mut last: Option<(Status, Option<usize>)> = None;
        loop {
            let (lines, total) = job.lines_since(seen);
            seen = total;
            for line in lines {
                if tx.send(Event::default().event("log").data(line)).await.is_err() {
                    return; // the client went away
                }
            }
            let Some(view) = queue.status(&id) else { return };
            if last != Some((view.status, view.position)) || view.status.is_final() {
                last = Some((view.status, view.position));
                if tx.send(status_event(&view)).await.is_err() || view.status.is_final() {
                    return;
                }
            }
            if changed.changed().await.is_err() {
                return;
            }
        }
    });
    let stream = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|ev| (Ok::<_, std::convert::Infallible>(ev), rx))
    });
    Sse::new(stream).keep_alive(KeepAlive::default()).into_response()
}

async fn artifact(State(st): State<Arc<AppState>>, Path(id): Path<String>) -> Response {
    if !valid_id(&id) {
        return unknown_build(&id);
    }
    let Some(meta) = st.queue.cache.get(&id) else {
        return match st.queue.status(&id) {
            Some(view) => error(StatusCode::CONFLICT, format!("build {id} is {:?}; it has no artifact", view.status).to_lowercase()),
            None => unknown_build(&id),
        };
    };
    // Artifacts are a few MB; reading one whole keeps this simple.
    let bytes = match tokio::fs::read(st.queue.cache.zip_path(&id)).await {
        Ok(b) => b,
        Err(e) => return error(StatusCode::NOT_FOUND, format!("artifact of build {id} is gone from the cache: {e}")),
    };
    let name: String = meta
        .name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '-' })
        .collect();
    let disposition = format!("attachment; filename=\"{name}-{}-bootstrap.zip\"", meta.architecture);
    let mut resp = bytes.into_response();
    let h = resp.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/zip"));
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    resp
}

async fn health(State(st): State<Arc<AppState>>) -> Response {
    let (queued, building) = st.queue.counts();
    let (concurrency, max_queue) = st.queue.limits();
    Json(json!({
        "status": "ok",
        "queued": queued,
        "building": building,
        "concurrency": concurrency,
        "max_queue": max_queue,
        "cached_artifacts": st.queue.cache.len(),
        "cache_bytes": st.queue.cache.total_bytes(),
        "uptime_s": st.started.elapsed().as_secs(),
    }))
    .into_response()
}

async fn version(State(st): State<Arc<AppState>>) -> Response {
    let v = st.versions().await;
    Json(json!({
        "core": depyler_core::VERSION,
        "backend": env!("CARGO_PKG_VERSION"),
        "toolchain": { "rustc": v.rustc, "cargo": v.cargo, "cargo_lambda": v.cargo_lambda, "zig": v.zig },
    }))
    .into_response()
}
