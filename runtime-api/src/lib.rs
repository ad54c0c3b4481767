//! A local AWS Lambda Runtime API (protocol version `2018-06-01`), to run a Lambda function
//! binary — ours or anyone's, e.g. Python's `awslambdaric` — exactly as the Lambda service does.
//!
//! [`RuntimeApi::start`] listens on `127.0.0.1` on an ephemeral port; give the process
//! `AWS_LAMBDA_RUNTIME_API=<`[`RuntimeApi::address`]`>`. The function then long-polls
//! `GET /2018-06-01/runtime/invocation/next` (held open until an event is queued, never answered
//! with an error, since some clients crash on that) and answers with
//! `POST /2018-06-01/runtime/invocation/{id}/response` (plain or streamed: chunked, with
//! `Lambda-Runtime-Function-Error-Type`/`-Body` trailers for a mid-stream error),
//! `POST /2018-06-01/runtime/invocation/{id}/error` or `POST /2018-06-01/runtime/init/error`.
//! The server speaks HTTP/1.1 with keep-alive, `Content-Length` and chunked request bodies;
//! one thread per connection, std only.
//!
//! [`RuntimeApi::invoke`] queues an event and waits for its [`Outcome`]; [`run_once`] does the
//! whole "fresh process per event" dance (start the API, spawn the function with the corpus
//! base environment, invoke, kill). [`outputs_match`] and [`outcome_matches`] implement the
//! corpus comparison rule.

mod compare;
mod http;

pub use compare::{outcome_matches, outputs_match};

use serde_json::{json, Value};
use std::collections::{HashMap, HashSet, VecDeque};
use std::io::{self, BufReader, Read};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::{mpsc, Arc, Condvar, Mutex, MutexGuard};
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// The environment every corpus handler runs with (before the case's own `env`).
pub const BASE_ENV: &[(&str, &str)] = &[
    ("AWS_REGION", "us-east-1"),
    ("AWS_DEFAULT_REGION", "us-east-1"),
    ("AWS_LAMBDA_FUNCTION_NAME", "fn"),
    ("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST"),
    ("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128"),
    ("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/fn"),
    ("AWS_LAMBDA_LOG_STREAM_NAME", "2024/01/01/[$LATEST]0123456789abcdef"),
    ("TZ", "UTC"),
];

/// Variables of the calling process that [`run_once`] passes through (everything else is cleared).
pub const PASSTHROUGH_ENV: &[&str] = &["PATH", "HOME", "TMPDIR", "LD_LIBRARY_PATH", "RUST_BACKTRACE", "RUST_LOG"];

/// The trace id handed out with every invocation (`Lambda-Runtime-Trace-Id`).
pub const TRACE_ID: &str = "Root=1-00000000-000000000000000000000000;Parent=0000000000000000;Sampled=0";

/// Per-invocation values sent in the `next` response headers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvokeContext {
    /// `Lambda-Runtime-Aws-Request-Id`.
    pub request_id: String,
    /// `Lambda-Runtime-Invoked-Function-Arn`.
    pub function_arn: String,
    /// `Lambda-Runtime-Deadline-Ms` is now + this (so `get_remaining_time_in_millis()` ≈ this).
    pub deadline_ms_from_now: u64,
}

impl Default for InvokeContext {
    /// The corpus context: `req-123`, `arn:aws:lambda:us-east-1:123456789012:function:fn`, 30 s.
    fn default() -> Self {
        Self {
            request_id: "req-123".into(),
            function_arn: "arn:aws:lambda:us-east-1:123456789012:function:fn".into(),
            deadline_ms_from_now: 30_000,
        }
    }
}

/// What became of one invocation.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The function posted a JSON response. A streamed HTTP-integration response
    /// (`application/vnd.awslambda.http-integration-response`) is returned as its JSON prelude
    /// plus `"body"` (the streamed payload as a string).
    Response(Value),
    /// The function posted a response body that is not JSON.
    RawResponse(Vec<u8>),
    /// `POST …/invocation/{id}/error`, or a streamed response with an error trailer.
    /// `error_type` comes from the body's `errorType`, else the `Lambda-Runtime-Function-Error-Type` header.
    Error { error_type: String, error_message: String, raw: Value },
    /// `POST /runtime/init/error`: the function failed before it could take an event.
    InitError { error_type: String, error_message: String, raw: Value },
    /// The process exited before answering (only from [`run_once`]).
    ProcessExited { status: Option<i32>, stderr_tail: String },
    /// No answer within the timeout.
    Timeout,
    /// The harness itself failed: no socket, or the command could not be spawned.
    LaunchFailed(String),
}

impl Outcome {
    /// The JSON Lambda would report to the caller: the response, or
    /// `{"errorType", "errorMessage"}` for an error; `None` when there is no such JSON.
    pub fn comparable(&self) -> Option<Value> {
        match self {
            Outcome::Response(v) => Some(v.clone()),
            Outcome::Error { error_type, error_message, .. } | Outcome::InitError { error_type, error_message, .. } => {
                Some(json!({"errorType": error_type, "errorMessage": error_message}))
            }
            _ => None,
        }
    }

    /// A one-line description for reports.
    pub fn summary(&self) -> String {
        fn cut(s: &str, n: usize) -> String {
            if s.chars().count() <= n {
                s.to_string()
            } else {
                let tail: String = s.chars().rev().take(n).collect::<Vec<_>>().into_iter().rev().collect();
                format!("…{tail}")
            }
        }
        match self {
            Outcome::Response(v) => format!("response {}", cut(&v.to_string(), 200)),
            Outcome::RawResponse(b) => format!("non-JSON response {:?}", cut(&String::from_utf8_lossy(b), 200)),
            Outcome::Error { error_type, error_message, .. } => format!("error {error_type}: {}", cut(error_message, 200)),
            Outcome::InitError { error_type, error_message, .. } => {
                format!("init error {error_type}: {}", cut(error_message, 200))
            }
            Outcome::ProcessExited { status, stderr_tail } => format!(
                "process exited ({}) before answering; stderr tail: {}",
                status.map_or("signal".to_string(), |s| format!("status {s}")),
                cut(stderr_tail.trim(), 600)
            ),
            Outcome::Timeout => "timed out".to_string(),
            Outcome::LaunchFailed(m) => format!("launch failed: {m}"),
        }
    }
}

struct Pending {
    request_id: String,
    body: Vec<u8>,
    function_arn: String,
    deadline_ms_from_now: u64,
}

#[derive(Default)]
struct State {
    queue: VecDeque<Pending>,
    in_flight: HashSet<String>,
    results: HashMap<String, Outcome>,
    init_error: Option<Outcome>,
    next_calls: u64,
    shutdown: bool,
    conns: Vec<TcpStream>,
}

struct Shared {
    state: Mutex<State>,
    cond: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// A running Runtime API server. Dropping it stops the server and closes its connections.
pub struct RuntimeApi {
    shared: Arc<Shared>,
    addr: std::net::SocketAddr,
    accept_thread: Option<thread::JoinHandle<()>>,
}

/// A queued invocation, to wait on with [`RuntimeApi::wait`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ticket(pub String);

impl RuntimeApi {
    /// Listens on `127.0.0.1:0` and serves on background threads.
    pub fn start() -> io::Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared { state: Mutex::new(State::default()), cond: Condvar::new() });
        let s = shared.clone();
        let accept_thread = thread::Builder::new().name("runtime-api-accept".into()).spawn(move || {
            for stream in listener.incoming() {
                if s.lock().shutdown {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let _ = stream.set_nodelay(true);
                if let Ok(c) = stream.try_clone() {
                    s.lock().conns.push(c);
                }
                let s2 = s.clone();
                let _ = thread::Builder::new().name("runtime-api-conn".into()).spawn(move || serve_connection(stream, s2));
            }
        })?;
        Ok(Self { shared, addr, accept_thread: Some(accept_thread) })
    }

    /// `127.0.0.1:PORT`, the value for `AWS_LAMBDA_RUNTIME_API`.
    pub fn address(&self) -> String {
        self.addr.to_string()
    }

    /// How many `GET …/invocation/next` requests have arrived so far.
    pub fn next_calls(&self) -> u64 {
        self.shared.lock().next_calls
    }

    /// Waits until the function's first `GET next` arrives (its init is done): `true`, or
    /// `false` on timeout or when it reported an init error.
    pub fn wait_first_next(&self, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        let mut st = self.shared.lock();
        loop {
            if st.next_calls > 0 {
                return true;
            }
            if st.init_error.is_some() {
                return false;
            }
            let now = Instant::now();
            if now >= deadline {
                return false;
            }
            st = self.shared.cond.wait_timeout(st, deadline - now).unwrap_or_else(|p| p.into_inner()).0;
        }
    }

    /// Queues an event for the next `GET next`. A previous result for the same request id is forgotten.
    pub fn submit(&self, event: &Value, ctx: &InvokeContext) -> Ticket {
        let body = serde_json::to_vec(event).expect("a serde_json::Value always serialises");
        let mut st = self.shared.lock();
        st.results.remove(&ctx.request_id);
        st.queue.push_back(Pending {
            request_id: ctx.request_id.clone(),
            body,
            function_arn: ctx.function_arn.clone(),
            deadline_ms_from_now: ctx.deadline_ms_from_now,
        });
        drop(st);
        self.shared.cond.notify_all();
        Ticket(ctx.request_id.clone())
    }

    /// Waits up to `timeout` for the outcome of a submitted invocation (or an init error).
    /// `None` on timeout; the invocation stays pending, so this can be called again.
    pub fn wait(&self, ticket: &Ticket, timeout: Duration) -> Option<Outcome> {
        let deadline = Instant::now() + timeout;
        let mut st = self.shared.lock();
        loop {
            if let Some(o) = st.results.remove(&ticket.0) {
                return Some(o);
            }
            if let Some(e) = &st.init_error {
                return Some(e.clone());
            }
            let now = Instant::now();
            if now >= deadline {
                return None;
            }
            st = self.shared.cond.wait_timeout(st, deadline - now).unwrap_or_else(|p| p.into_inner()).0;
        }
    }

    /// Queues `event` and waits for the function's answer; [`Outcome::Timeout`] if none comes in time
    /// (the event is then withdrawn if no function had taken it yet).
    pub fn invoke(&self, event: &Value, ctx: &InvokeContext, timeout: Duration) -> Outcome {
        let t = self.submit(event, ctx);
        match self.wait(&t, timeout) {
            Some(o) => o,
            None => {
                self.withdraw(&t);
                Outcome::Timeout
            }
        }
    }

    fn withdraw(&self, t: &Ticket) {
        let mut st = self.shared.lock();
        st.queue.retain(|p| p.request_id != t.0);
        st.in_flight.remove(&t.0);
    }
}

impl Drop for RuntimeApi {
    fn drop(&mut self) {
        let conns = {
            let mut st = self.shared.lock();
            st.shutdown = true;
            std::mem::take(&mut st.conns)
        };
        self.shared.cond.notify_all();
        for c in conns {
            let _ = c.shutdown(Shutdown::Both);
        }
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_millis(200));
        if let Some(t) = self.accept_thread.take() {
            let _ = t.join();
        }
    }
}

fn now_epoch_ms() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as u64).unwrap_or(0)
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let Some(v) = std::str::from_utf8(&b[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn error_json(error_type: &str, message: &str) -> Vec<u8> {
    serde_json::to_vec(&json!({"errorType": error_type, "errorMessage": message})).unwrap_or_default()
}

fn serve_connection(stream: TcpStream, shared: Arc<Shared>) {
    let Ok(read_half) = stream.try_clone() else { return };
    let mut reader = BufReader::new(read_half);
    let mut writer = stream;
    loop {
        let req = match http::read_request(&mut reader, &mut writer) {
            Ok(Some(r)) => r,
            Ok(None) => return,
            Err(e) => {
                if e.kind() == io::ErrorKind::InvalidData {
                    let _ = http::write_response(&mut writer, 400, &[], &error_json("InvalidRequest", &e.to_string()), false);
                }
                return;
            }
        };
        let keep_alive = req.keep_alive();
        let Some((status, headers, body)) = route(&req, &shared) else {
            return; // shutting down while a `next` was pending: just close
        };
        if http::write_response(&mut writer, status, &headers, &body, keep_alive).is_err() || !keep_alive {
            return;
        }
    }
}

type Reply = (u16, Vec<(&'static str, String)>, Vec<u8>);

const PREFIX: &str = "/2018-06-01/runtime/";

fn route(req: &http::Request, shared: &Shared) -> Option<Reply> {
    let accepted = || (202, vec![], br#"{"status":"OK"}"#.to_vec());
    let Some(rest) = req.path.strip_prefix(PREFIX) else {
        return Some((404, vec![], error_json("NotFound", &format!("unknown path {}", req.path))));
    };
    let segs: Vec<&str> = rest.split('/').collect();
    match (req.method.as_str(), segs.as_slice()) {
        ("GET", ["invocation", "next"]) => next_invocation(shared),
        ("POST", ["invocation", id, kind @ ("response" | "error")]) => {
            let id = percent_decode(id);
            let outcome = if *kind == "response" { response_outcome(req) } else { error_outcome(req, false) };
            let mut st = shared.lock();
            if !st.in_flight.remove(&id) {
                return Some((
                    400,
                    vec![],
                    error_json("InvalidRequestID", &format!("request id {id} is not awaiting a result")),
                ));
            }
            st.results.insert(id, outcome);
            drop(st);
            shared.cond.notify_all();
            Some(accepted())
        }
        ("POST", ["init", "error"]) => {
            let outcome = error_outcome(req, true);
            shared.lock().init_error = Some(outcome);
            shared.cond.notify_all();
            Some(accepted())
        }
        (_, ["invocation", "next"]) | (_, ["invocation", _, "response" | "error"]) | (_, ["init", "error"]) => {
            Some((405, vec![], error_json("MethodNotAllowed", &format!("{} {}", req.method, req.path))))
        }
        _ => Some((404, vec![], error_json("NotFound", &format!("unknown path {}", req.path)))),
    }
}

fn next_invocation(shared: &Shared) -> Option<Reply> {
    let mut st = shared.lock();
    st.next_calls += 1;
    shared.cond.notify_all();
    loop {
        if st.shutdown {
            return None;
        }
        if let Some(p) = st.queue.pop_front() {
            st.in_flight.insert(p.request_id.clone());
            let headers = vec![
                ("Lambda-Runtime-Aws-Request-Id", p.request_id),
                ("Lambda-Runtime-Deadline-Ms", (now_epoch_ms() + p.deadline_ms_from_now).to_string()),
                ("Lambda-Runtime-Invoked-Function-Arn", p.function_arn),
                ("Lambda-Runtime-Trace-Id", TRACE_ID.to_string()),
            ];
            return Some((200, headers, p.body));
        }
        st = shared.cond.wait(st).unwrap_or_else(|p| p.into_inner());
    }
}

const HTTP_INTEGRATION: &str = "application/vnd.awslambda.http-integration-response";

fn response_outcome(req: &http::Request) -> Outcome {
    // A streamed response reports a mid-stream failure in trailers.
    if let Some(t) = req.trailers.get("lambda-runtime-function-error-type") {
        let raw = req
            .trailers
            .get("lambda-runtime-function-error-body")
            .and_then(|b| http::base64_decode(b))
            .and_then(|b| serde_json::from_slice::<Value>(&b).ok())
            .unwrap_or(Value::Null);
        let error_type = raw.get("errorType").and_then(Value::as_str).unwrap_or(t).to_string();
        let error_message = raw.get("errorMessage").and_then(Value::as_str).unwrap_or("").to_string();
        return Outcome::Error { error_type, error_message, raw };
    }
    let body = &req.body;
    if req.header("content-type").is_some_and(|c| c.starts_with(HTTP_INTEGRATION)) {
        // Prelude JSON, eight NUL bytes, then the payload.
        if let Some(pos) = body.windows(8).position(|w| w == [0u8; 8]) {
            if let Ok(Value::Object(mut prelude)) = serde_json::from_slice::<Value>(&body[..pos]) {
                prelude.insert("body".into(), Value::String(String::from_utf8_lossy(&body[pos + 8..]).into_owned()));
                return Outcome::Response(Value::Object(prelude));
            }
        }
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(v) => Outcome::Response(v),
        Err(_) => Outcome::RawResponse(body.clone()),
    }
}

fn error_outcome(req: &http::Request, init: bool) -> Outcome {
    let header_type = req.trailer_or_header("lambda-runtime-function-error-type").unwrap_or("Unhandled");
    let (error_type, error_message, raw) = match serde_json::from_slice::<Value>(&req.body) {
        Ok(raw) => (
            raw.get("errorType").and_then(Value::as_str).unwrap_or(header_type).to_string(),
            raw.get("errorMessage").and_then(Value::as_str).unwrap_or("").to_string(),
            raw,
        ),
        Err(_) => {
            let text = String::from_utf8_lossy(&req.body).into_owned();
            (header_type.to_string(), text.clone(), Value::String(text))
        }
    };
    if init {
        Outcome::InitError { error_type, error_message, raw }
    } else {
        Outcome::Error { error_type, error_message, raw }
    }
}

/// Output captured from a [`run_once_with_logs`] process.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Logs {
    /// Last [`TAIL_BYTES`] of stdout.
    pub stdout_tail: String,
    /// Last [`TAIL_BYTES`] of stderr.
    pub stderr_tail: String,
    /// Exit code, if the process exited on its own with one (before it was killed).
    pub exit_status: Option<i32>,
}

/// How much of each output stream [`run_once`] keeps.
pub const TAIL_BYTES: usize = 16 * 1024;

fn tail_reader(mut r: impl Read + Send + 'static) -> (Arc<Mutex<Vec<u8>>>, mpsc::Receiver<()>) {
    let buf = Arc::new(Mutex::new(Vec::new()));
    let (tx, rx) = mpsc::channel();
    let b = buf.clone();
    thread::spawn(move || {
        let mut chunk = [0u8; 8192];
        loop {
            match r.read(&mut chunk) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    let mut v = b.lock().unwrap_or_else(|p| p.into_inner());
                    v.extend_from_slice(&chunk[..n]);
                    if v.len() > 2 * TAIL_BYTES {
                        let cut = v.len() - TAIL_BYTES;
                        v.drain(..cut);
                    }
                }
            }
        }
        let _ = tx.send(());
    });
    (buf, rx)
}

fn take_tail(buf: &Mutex<Vec<u8>>) -> String {
    let v = buf.lock().unwrap_or_else(|p| p.into_inner());
    let start = v.len().saturating_sub(TAIL_BYTES);
    String::from_utf8_lossy(&v[start..]).into_owned()
}

/// [`run_once_with_logs`] without the logs.
pub fn run_once(cmd: Command, env: &[(String, String)], event: &Value, ctx: &InvokeContext, timeout: Duration) -> Outcome {
    run_once_with_logs(cmd, env, event, ctx, timeout).0
}

/// Runs one event through a fresh process, as Lambda does on a cold start.
///
/// Starts a [`RuntimeApi`], spawns `cmd` with a cleared environment holding only
/// [`PASSTHROUGH_ENV`] (from this process), [`BASE_ENV`], `AWS_LAMBDA_RUNTIME_API` and then `env`
/// (which may override any of them), stdin closed and stdout/stderr captured; queues `event`,
/// waits up to `timeout` (which includes the process's start-up), then kills the process.
/// A process that exits before answering gives [`Outcome::ProcessExited`] with its stderr tail.
pub fn run_once_with_logs(
    mut cmd: Command,
    env: &[(String, String)],
    event: &Value,
    ctx: &InvokeContext,
    timeout: Duration,
) -> (Outcome, Logs) {
    let api = match RuntimeApi::start() {
        Ok(a) => a,
        Err(e) => return (Outcome::LaunchFailed(format!("cannot start the runtime API: {e}")), Logs::default()),
    };
    cmd.env_clear();
    for k in PASSTHROUGH_ENV {
        if let Some(v) = std::env::var_os(k) {
            cmd.env(k, v);
        }
    }
    for (k, v) in BASE_ENV {
        cmd.env(k, v);
    }
    cmd.env("AWS_LAMBDA_RUNTIME_API", api.address());
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => return (Outcome::LaunchFailed(format!("cannot spawn {:?}: {e}", cmd.get_program())), Logs::default()),
    };
    let (out_buf, out_done) = tail_reader(child.stdout.take().expect("piped"));
    let (err_buf, err_done) = tail_reader(child.stderr.take().expect("piped"));

    let ticket = api.submit(event, ctx);
    let deadline = Instant::now() + timeout;
    let mut exit: Option<ExitStatus> = None;
    let outcome = loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if let Some(o) = api.wait(&ticket, left.min(Duration::from_millis(20))) {
            break o;
        }
        if let Ok(Some(status)) = child.try_wait() {
            exit = Some(status);
            // An answer may still be on its way through the socket.
            if let Some(o) = api.wait(&ticket, Duration::from_millis(100)) {
                break o;
            }
            // Let the readers drain the pipes before taking the tail.
            let _ = err_done.recv_timeout(Duration::from_millis(500));
            let _ = out_done.recv_timeout(Duration::from_millis(100));
            break Outcome::ProcessExited { status: status.code(), stderr_tail: take_tail(&err_buf) };
        }
        if Instant::now() >= deadline {
            break Outcome::Timeout;
        }
    };
    if exit.is_none() {
        let _ = child.kill();
        let _ = child.wait();
    }
    drop(api);
    let _ = err_done.recv_timeout(Duration::from_millis(500));
    let _ = out_done.recv_timeout(Duration::from_millis(100));
    let logs = Logs {
        stdout_tail: take_tail(&out_buf),
        stderr_tail: take_tail(&err_buf),
        exit_status: exit.and_then(|s| s.code()),
    };
    (outcome, logs)
}
