//! Everything the playground asks of others: the core (in-process, compiled into this
//! wasm) and the build backend (`/api/…` on the same origin, when there is one).

use std::sync::Arc;

use depyler_core::package::{self, ConvertOptions, Project};
use depyler_core::{Analysis, AnalyzeOptions, Diagnostic};
use serde::{Deserialize, Serialize};

/// One conversion of the editor's contents.
#[derive(Debug, Clone)]
pub struct Conversion {
    pub analysis: Analysis,
    /// The project, or why there is none.
    pub project: Result<Arc<Project>, String>,
    /// Analysis and conversion diagnostics together, in source order, without repeats.
    pub diagnostics: Vec<Diagnostic>,
    pub millis: f64,
    /// 1 for the first conversion of the page, then counting up (tests wait on it).
    pub seq: usize,
}

impl Conversion {
    pub fn error_lines(&self) -> Vec<u32> {
        self.diagnostics.iter().filter(|d| d.is_error()).map(|d| d.line).collect()
    }
}

/// Milliseconds from a monotonic clock (0 off the browser, where nothing is timed).
pub fn now_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0.0
    }
}

/// Analyse and convert. Runs on the main thread: a corpus handler takes a few ms,
/// and the editor debounces, so typing never waits on it.
pub fn convert(source: &str, handler: Option<&str>) -> Conversion {
    let start = now_ms();
    let handler = handler.map(str::trim).filter(|h| !h.is_empty()).map(str::to_owned);
    let mut analysis = analyze_only(source, handler.clone());
    let result = package::convert(source, &ConvertOptions { handler, event_type: None, package_name: None });
    // The AST is only needed inside the core; do not keep it alive in the UI state.
    analysis.module = None;

    let mut diagnostics = analysis.diagnostics.clone();
    let project = match result {
        Ok(p) => Ok(Arc::new(p)),
        Err(errors) => {
            let reason = errors
                .iter()
                .find(|d| d.is_error())
                .or(errors.first())
                .map(|d| format!("line {}: {}", d.line, d.message))
                .unwrap_or_else(|| "conversion failed".into());
            diagnostics.extend(errors);
            Err(reason)
        }
    };
    diagnostics.sort_by_key(|d| (d.line, d.column, !d.is_error()));
    diagnostics.dedup();
    Conversion { analysis, project, diagnostics, millis: now_ms() - start, seq: 0 }
}

fn analyze_only(source: &str, handler: Option<String>) -> Analysis {
    depyler_core::analyze(source, &AnalyzeOptions { handler, event_type: None })
}

// ---- build backend -------------------------------------------------------------------

/// `POST /api/builds` body.
#[derive(Debug, Clone, Serialize)]
pub struct BuildRequest {
    pub source: String,
    pub handler: Option<String>,
    pub options: BuildOptions,
}

#[derive(Debug, Clone, Serialize)]
pub struct BuildOptions {
    pub architecture: String,
    pub memory_size: u16,
    pub timeout: u16,
    pub event_type: Option<String>,
    pub batch_failure_reporting: bool,
    pub cold_start_optimize: bool,
    pub tracing: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
pub struct Sizes {
    #[serde(default)]
    pub binary: Option<u64>,
    #[serde(default)]
    pub zip: Option<u64>,
}

/// `GET /api/builds/{id}` (and the POST's answer). Every field is optional so a backend
/// that says less (or more) still renders.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct BuildStatus {
    pub id: Option<serde_json::Value>,
    /// queued | building | succeeded | failed
    pub status: String,
    pub position: Option<u32>,
    pub log_tail: Option<serde_json::Value>,
    pub artifact_url: Option<String>,
    pub sizes: Option<Sizes>,
    pub duration_ms: Option<u64>,
    pub error: Option<String>,
}

impl BuildStatus {
    pub fn id_string(&self) -> Option<String> {
        match self.id.as_ref()? {
            serde_json::Value::String(s) => Some(s.clone()),
            serde_json::Value::Number(n) => Some(n.to_string()),
            _ => None,
        }
    }

    pub fn finished(&self) -> bool {
        matches!(self.status.as_str(), "succeeded" | "failed")
    }

    /// The log tail as text, whether the backend sends a string or a list of lines.
    pub fn log_text(&self) -> String {
        match &self.log_tail {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(serde_json::Value::Array(lines)) => {
                lines.iter().map(|l| l.as_str().map_or_else(|| l.to_string(), str::to_owned)).collect::<Vec<_>>().join("\n")
            }
            _ => String::new(),
        }
    }
}

/// The support-module files a project names in `Project::runtime`, fetched from
/// `runtime/` (the build copies `pyrt/src` there; the wasm does not carry them). Fetched
/// once per page: they change only with a new build of the page.
pub async fn runtime_files(names: &[String]) -> Result<Vec<(String, String)>, String> {
    thread_local! {
        static FETCHED: std::cell::RefCell<std::collections::HashMap<String, String>> = Default::default();
    }
    let mut out = Vec::with_capacity(names.len());
    for name in names {
        if let Some(text) = FETCHED.with(|f| f.borrow().get(name).cloned()) {
            out.push((name.clone(), text));
            continue;
        }
        let url = format!("runtime/{name}");
        let resp = gloo_net::http::Request::get(&url)
            .send()
            .await
            .map_err(|_| format!("cannot fetch {url}: the page's server is unreachable"))?;
        if !resp.ok() {
            return Err(format!("cannot fetch {url}: {} {}", resp.status(), resp.status_text()));
        }
        let text = resp.text().await.map_err(|e| format!("cannot read {url}: {e}"))?;
        // A host that answers every path with the page (single-page-app hosting) would
        // otherwise put HTML into the project.
        if text.trim_start().starts_with('<') {
            return Err(format!("cannot fetch {url}: the server sent a web page instead"));
        }
        FETCHED.with(|f| f.borrow_mut().insert(name.clone(), text.clone()));
        out.push((name.clone(), text));
    }
    Ok(out)
}

/// Whether a build backend answers on this origin. `Err` says why not, in words.
pub async fn health() -> Result<(), String> {
    match gloo_net::http::Request::get("/api/health").send().await {
        Ok(r) if r.ok() => Ok(()),
        Ok(r) if r.status() == 404 => {
            Err("no build service on this host (the playground is served as static files)".into())
        }
        Ok(r) => Err(format!("the build service answered {} {}", r.status(), r.status_text())),
        Err(_) => Err("the build service cannot be reached".into()),
    }
}

pub async fn submit(req: &BuildRequest) -> Result<BuildStatus, String> {
    let resp = gloo_net::http::Request::post("/api/builds")
        .json(req)
        .map_err(|e| e.to_string())?
        .send()
        .await
        .map_err(|_| "the build service cannot be reached".to_string())?;
    read_status(resp).await
}

pub async fn poll(id: &str) -> Result<BuildStatus, String> {
    let resp = gloo_net::http::Request::get(&format!("/api/builds/{id}"))
        .send()
        .await
        .map_err(|_| "lost contact with the build service".to_string())?;
    read_status(resp).await
}

async fn read_status(resp: gloo_net::http::Response) -> Result<BuildStatus, String> {
    let code = resp.status();
    let text = resp.text().await.unwrap_or_default();
    if !(200..300).contains(&code) {
        // Prefer the backend's own explanation ({"error": "..."}) over the bare code.
        let why = serde_json::from_str::<BuildStatus>(&text).ok().and_then(|s| s.error).unwrap_or(text);
        return Err(format!("build service: {code} {}", why.trim()));
    }
    serde_json::from_str(&text).map_err(|e| format!("unexpected answer from the build service: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_an_sqs_handler() {
        let src = "def handler(event, context):\n    for r in event['Records']:\n        print(r['body'], r['messageId'])\n    return {'batchItemFailures': []}\n";
        let c = convert(src, None);
        assert_eq!(c.analysis.event.source, "sqs");
        let project = c.project.expect("converts");
        assert!(project.file("src/main.rs").unwrap().contains("SqsEvent"));
    }

    #[test]
    fn syntax_error_is_a_diagnostic_with_its_line() {
        let c = convert("def handler(event, context):\n    return (\n\nx = 1\n", None);
        assert!(c.project.is_err());
        assert!(c.diagnostics.iter().any(|d| d.is_error() && d.line >= 2), "{:?}", c.diagnostics);
    }

    #[test]
    fn build_status_is_lenient() {
        let s: BuildStatus =
            serde_json::from_str(r#"{"id":"ab12","status":"queued","position":3,"log_tail":["a","b"],"extra":1}"#).unwrap();
        assert_eq!(s.id_string().as_deref(), Some("ab12"));
        assert_eq!(s.log_text(), "a\nb");
        assert!(!s.finished());
    }
}
