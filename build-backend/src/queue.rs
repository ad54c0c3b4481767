//! The build queue: bounded waiting list, a fixed number of workers, deduplication of
//! identical requests, and the live state of every build that the API and the event stream
//! read.
//!
//! A build's id is its cache key, so "the same request" and "the same artifact" are the same
//! thing: a request whose artifact is cached is answered from the cache, one that is already
//! queued or building joins that build, and only a new one takes a place in the queue.
//! Finished builds stay in memory for a while (failures only live here; successes are on
//! disk in the cache and survive restarts).

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

use depyler_core::package::ConvertOptions;
use serde::Serialize;
use tokio::sync::{watch, Notify};

use crate::builder::{first_error, Arch, Builder, LogSink, PACKAGE};
use crate::cache::{ArtifactMeta, Cache, Sizes};
use crate::convert::Converter;

/// Lines of build output kept per build (the event stream and `log_tail` read from it).
const LOG_LINES: usize = 400;
/// Lines shown in `log_tail`.
const TAIL_LINES: usize = 60;
/// One line of compiler output is capped so a pathological build cannot eat memory.
const MAX_LINE: usize = 4000;
/// Finished builds remembered in memory (beyond that, successes are still in the cache).
const FINISHED_KEPT: usize = 256;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Queued,
    Building,
    Succeeded,
    Failed,
}

impl Status {
    pub fn is_final(self) -> bool {
        matches!(self, Status::Succeeded | Status::Failed)
    }
}

/// What to build: the client's Python and options, never generated code.
#[derive(Debug, Clone)]
pub struct Spec {
    pub source: String,
    pub handler: Option<String>,
    pub event_type: Option<String>,
    pub arch: Arch,
    /// Display name (the project's name), used for the download's file name.
    pub name: String,
}

/// The JSON the API returns for a build (field names are the playground's contract).
#[derive(Debug, Clone, Serialize)]
pub struct StatusView {
    pub id: String,
    pub status: Status,
    /// 1-based place in the queue while queued (1 = starts next), otherwise null.
    pub position: Option<usize>,
    pub log_tail: String,
    pub artifact_url: Option<String>,
    pub sizes: Option<Sizes>,
    pub duration_ms: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    pub name: String,
    pub architecture: String,
    /// True when the answer came from the artifact cache without building.
    pub cached: bool,
}

#[derive(Default)]
struct JobState {
    status: Option<Status>,
    log: VecDeque<String>,
    lines_total: u64,
    error: Option<String>,
    sizes: Option<Sizes>,
    duration_ms: Option<u64>,
}

pub struct Job {
    pub id: String,
    pub spec: Spec,
    state: Mutex<JobState>,
    /// Bumped on every change; the event stream waits on it.
    changed: watch::Sender<u64>,
}

impl Job {
    fn new(id: String, spec: Spec) -> Job {
        let state = JobState { status: Some(Status::Queued), ..Default::default() };
        Job { id, spec, state: Mutex::new(state), changed: watch::channel(0).0 }
    }

    fn lock(&self) -> MutexGuard<'_, JobState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn touch(&self) {
        self.changed.send_modify(|v| *v = v.wrapping_add(1));
    }

    pub fn status(&self) -> Status {
        self.lock().status.unwrap_or(Status::Queued)
    }

    pub fn subscribe(&self) -> watch::Receiver<u64> {
        self.changed.subscribe()
    }

    pub fn push_line(&self, mut line: String) {
        // A bare CR would end an event-stream line early (progress bars print them).
        if line.contains('\r') {
            line = line.replace('\r', "");
        }
        if line.len() > MAX_LINE {
            let mut cut = MAX_LINE;
            while !line.is_char_boundary(cut) {
                cut -= 1;
            }
            line.truncate(cut);
            line.push('…');
        }
        {
            let mut s = self.lock();
            if s.log.len() == LOG_LINES {
                s.log.pop_front();
            }
            s.log.push_back(line);
            s.lines_total += 1;
        }
        self.touch();
    }

    /// Output lines after the first `seen` (as many as are still kept) and the new count.
    pub fn lines_since(&self, seen: u64) -> (Vec<String>, u64) {
        let s = self.lock();
        let kept_from = s.lines_total - s.log.len() as u64;
        let skip = seen.saturating_sub(kept_from) as usize;
        (s.log.iter().skip(skip).cloned().collect(), s.lines_total)
    }

    fn log_lines(&self) -> Vec<String> {
        self.lock().log.iter().cloned().collect()
    }

    fn set(&self, f: impl FnOnce(&mut JobState)) {
        f(&mut self.lock());
        self.touch();
    }

    fn view(&self, position: Option<usize>) -> StatusView {
        let s = self.lock();
        let status = s.status.unwrap_or(Status::Queued);
        StatusView {
            id: self.id.clone(),
            status,
            position: if status == Status::Queued { position } else { None },
            log_tail: tail(s.log.iter().map(String::as_str)),
            artifact_url: (status == Status::Succeeded).then(|| artifact_url(&self.id)),
            sizes: s.sizes,
            duration_ms: s.duration_ms,
            error: s.error.clone(),
            name: self.spec.name.clone(),
            architecture: self.spec.arch.name().into(),
            cached: false,
        }
    }
}

fn tail<'a>(lines: impl DoubleEndedIterator<Item = &'a str> + ExactSizeIterator) -> String {
    let skip = lines.len().saturating_sub(TAIL_LINES);
    lines.skip(skip).collect::<Vec<_>>().join("\n")
}

pub fn artifact_url(id: &str) -> String {
    format!("/api/builds/{id}/artifact")
}

fn cached_view(meta: ArtifactMeta) -> StatusView {
    StatusView {
        artifact_url: Some(artifact_url(&meta.id)),
        id: meta.id,
        status: Status::Succeeded,
        position: None,
        log_tail: meta.log_tail,
        sizes: Some(meta.sizes),
        duration_ms: Some(meta.duration_ms),
        error: None,
        name: meta.name,
        architecture: meta.architecture,
        cached: true,
    }
}

pub enum Submitted {
    /// Already built: the finished build, from the cache.
    Cached(StatusView),
    /// Queued now, or joined an identical build that is queued or running.
    Accepted(StatusView),
    /// The queue is full; try again after this many seconds.
    Full { retry_after_secs: u64 },
}

#[derive(Default)]
struct Inner {
    pending: VecDeque<Arc<Job>>,
    jobs: HashMap<String, Arc<Job>>,
    finished: VecDeque<String>,
    building: usize,
}

pub struct Queue {
    inner: Mutex<Inner>,
    notify: Notify,
    pub cache: Arc<Cache>,
    pub builder: Arc<Builder>,
    pub converter: Arc<Converter>,
    concurrency: usize,
    max_queue: usize,
    /// Moving average of build durations, for Retry-After.
    avg_build_ms: AtomicU64,
}

impl Queue {
    pub fn new(cache: Arc<Cache>, builder: Arc<Builder>, converter: Arc<Converter>, concurrency: usize, max_queue: usize) -> Arc<Queue> {
        Arc::new(Queue {
            inner: Mutex::new(Inner::default()),
            notify: Notify::new(),
            cache,
            builder,
            converter,
            concurrency: concurrency.max(1),
            max_queue,
            avg_build_ms: AtomicU64::new(60_000),
        })
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn start_workers(self: &Arc<Self>) {
        for slot in 0..self.concurrency {
            tokio::spawn(self.clone().worker(slot));
        }
    }

    pub fn submit(&self, id: String, spec: Spec) -> Submitted {
        let mut inner = self.lock();
        if let Some(meta) = self.cache.get(&id) {
            return Submitted::Cached(cached_view(meta));
        }
        if let Some(job) = inner.jobs.get(&id) {
            if !job.status().is_final() {
                let position = inner.pending.iter().position(|j| j.id == id).map(|p| p + 1);
                return Submitted::Accepted(job.view(position));
            }
        }
        // An idle worker takes a build at once, so it needs no waiting place.
        let idle_worker = inner.pending.is_empty() && inner.building < self.concurrency;
        if inner.pending.len() >= self.max_queue && !idle_worker {
            let waiting = (inner.pending.len() + inner.building) as u64;
            let secs = self.avg_build_ms.load(Ordering::Relaxed) * waiting / self.concurrency as u64 / 1000;
            return Submitted::Full { retry_after_secs: secs.clamp(1, 900) };
        }
        let job = Arc::new(Job::new(id.clone(), spec));
        inner.jobs.insert(id, job.clone());
        inner.pending.push_back(job.clone());
        let view = job.view(Some(inner.pending.len()));
        drop(inner);
        self.notify.notify_one();
        Submitted::Accepted(view)
    }

    /// The build's state: live if it is in memory, otherwise from the cache.
    pub fn status(&self, id: &str) -> Option<StatusView> {
        let inner = self.lock();
        let job = inner.jobs.get(id);
        if job.is_none_or(|j| j.status() == Status::Succeeded) {
            if let Some(meta) = self.cache.get(id) {
                let mut view = cached_view(meta);
                view.cached = job.is_none();
                return Some(view);
            }
        }
        let position = inner.pending.iter().position(|j| j.id == id).map(|p| p + 1);
        job.map(|j| j.view(position))
    }

    pub fn job(&self, id: &str) -> Option<Arc<Job>> {
        self.lock().jobs.get(id).cloned()
    }

    /// (queued, building)
    pub fn counts(&self) -> (usize, usize) {
        let inner = self.lock();
        (inner.pending.len(), inner.building)
    }

    pub fn limits(&self) -> (usize, usize) {
        (self.concurrency, self.max_queue)
    }

    async fn worker(self: Arc<Self>, slot: usize) {
        loop {
            let next = {
                let mut inner = self.lock();
                let job = inner.pending.pop_front();
                if job.is_some() {
                    inner.building += 1;
                    // Everyone behind moved up one place.
                    for j in &inner.pending {
                        j.touch();
                    }
                }
                job
            };
            let Some(job) = next else {
                self.notify.notified().await;
                continue;
            };
            job.set(|s| s.status = Some(Status::Building));
            let started = Instant::now();
            eprintln!("build {} ({}, {}): started in slot {slot}", job.id, job.spec.name, job.spec.arch.name());
            // A panic anywhere in a build fails that build, not the worker.
            let run = tokio::spawn(run_build(self.clone(), job.clone(), slot)).await;
            let result = run.unwrap_or_else(|e| Err(format!("internal error in the build: {e}")));
            let duration_ms = started.elapsed().as_millis() as u64;
            match result {
                Ok(sizes) => {
                    let avg = self.avg_build_ms.load(Ordering::Relaxed);
                    self.avg_build_ms.store((avg * 3 + duration_ms) / 4, Ordering::Relaxed);
                    job.set(|s| {
                        s.status = Some(Status::Succeeded);
                        s.sizes = Some(sizes);
                        s.duration_ms = Some(duration_ms);
                    });
                    eprintln!("build {}: succeeded in {duration_ms} ms", job.id);
                }
                Err(mut error) => {
                    if error.starts_with("cargo lambda build failed") {
                        if let Some(first) = first_error(&job.log_lines()) {
                            error = format!("{error}; first error: {first}");
                        }
                    }
                    eprintln!("build {}: failed after {duration_ms} ms: {error}", job.id);
                    job.set(|s| {
                        s.status = Some(Status::Failed);
                        s.error = Some(error);
                        s.duration_ms = Some(duration_ms);
                    });
                }
            }
            let mut inner = self.lock();
            inner.building -= 1;
            inner.finished.push_back(job.id.clone());
            while inner.finished.len() > FINISHED_KEPT {
                if let Some(old) = inner.finished.pop_front() {
                    // The id may have been queued again since; only forget finished records.
                    if inner.jobs.get(&old).is_some_and(|j| j.status().is_final()) && !inner.finished.contains(&old) {
                        inner.jobs.remove(&old);
                    }
                }
            }
        }
    }
}

/// Regenerates the project from the Python, builds it and stores the artifact.
async fn run_build(queue: Arc<Queue>, job: Arc<Job>, slot: usize) -> Result<Sizes, String> {
    let started = Instant::now();
    let spec = &job.spec;
    let opts = ConvertOptions {
        handler: spec.handler.clone(),
        event_type: spec.event_type.clone(),
        package_name: Some(PACKAGE.into()),
    };
    let files = match queue.converter.convert(&spec.source, &opts).await? {
        Ok(project) => project.into_files(),
        Err(diags) => {
            let msgs: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
            return Err(format!("conversion failed: {}", msgs.join("; ")));
        }
    };
    let log_job = job.clone();
    let log: LogSink = Arc::new(move |line| log_job.push_line(line));
    let built = queue.builder.build(slot, files, job.spec.arch, log).await?;
    let meta = ArtifactMeta {
        id: job.id.clone(),
        name: job.spec.name.clone(),
        architecture: job.spec.arch.name().into(),
        sizes: built.sizes,
        duration_ms: started.elapsed().as_millis() as u64,
        log_tail: tail(job.log_lines().iter().map(String::as_str)),
        core_version: depyler_core::VERSION.into(),
    };
    let cache = queue.cache.clone();
    let sizes = built.sizes;
    tokio::task::spawn_blocking(move || cache.insert(&built.zip, meta))
    .await
    .map_err(|e| format!("internal error storing the artifact: {e}"))?
    .map_err(|e| format!("could not store the artifact in the cache: {e}"))?;
    Ok(sizes)
}
