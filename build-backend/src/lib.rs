//! The build backend: serves the playground's static files and builds deployable Lambda
//! artifacts (`bootstrap.zip`) from Python source with the same core the playground uses.
//!
//! `config` (flags/env) → `cache` (artifacts on disk) + `builder` (one cargo-lambda build)
//! → `queue` (bounded queue, workers, dedup) → `api` (HTTP) with `static_files` (dist/).

pub mod api;
pub mod builder;
pub mod cache;
pub mod config;
pub mod convert;
pub mod queue;
pub mod static_files;
pub mod zipinfo;

use std::io::Write;
use std::sync::Arc;

/// Opens the cache, starts the workers and serves until SIGINT/SIGTERM; then stops every
/// running build so no compiler outlives the service.
pub async fn run(cfg: config::Config) -> Result<(), String> {
    let artifacts = cfg.cache_dir.join("artifacts");
    let cache = cache::Cache::open(&artifacts, cfg.cache_max_bytes)
        .map_err(|e| format!("cannot open the artifact cache {}: {e}", artifacts.display()))?;
    let builder = Arc::new(builder::Builder::new(&cfg.cache_dir, &cfg.target_dir, &cfg.venv, cfg.build_timeout));
    let exe = std::env::current_exe().map_err(|e| format!("cannot find this binary (for the converter): {e}"))?;
    let converter = Arc::new(convert::Converter::new(exe));
    let queue = queue::Queue::new(Arc::new(cache), builder.clone(), converter, cfg.concurrency, cfg.max_queue);
    queue.start_workers();
    let cached = queue.cache.len();
    let state = api::AppState::new(queue, cfg.max_body);
    let app = api::router(state, cfg.dist.clone());

    let listener = tokio::net::TcpListener::bind(cfg.bind).await.map_err(|e| format!("cannot listen on {}: {e}", cfg.bind))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    // The first stdout line is the address: tests (and scripts) started with --port 0 read it.
    println!("listening on http://{addr}");
    let _ = std::io::stdout().flush();
    eprintln!(
        "build-backend: dist {}{}; cache {} ({cached} artifacts, cap {} MiB); target {}; {} concurrent build(s), queue {}, timeout {} s",
        cfg.dist.display(),
        if cfg.dist.join("index.html").is_file() { "" } else { " (missing: the playground is not built yet)" },
        cfg.cache_dir.display(),
        cfg.cache_max_bytes / (1024 * 1024),
        cfg.target_dir.display(),
        cfg.concurrency,
        cfg.max_queue,
        cfg.build_timeout.as_secs(),
    );
    let served = tokio::select! {
        r = axum::serve(listener, app) => r.map_err(|e| format!("server error: {e}")),
        _ = shutdown_signal() => Ok(()),
    };
    builder.kill_all();
    served
}

async fn shutdown_signal() {
    use tokio::signal::unix::{signal, SignalKind};
    let mut term = match signal(SignalKind::terminate()) {
        Ok(s) => s,
        Err(_) => return std::future::pending().await,
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = term.recv() => {}
    }
    eprintln!("build-backend: stopping (running builds are killed)");
}
