//! The Runtime API's HTTP side, driven over raw sockets.

use runtime_api::{InvokeContext, Outcome, RuntimeApi};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::thread;
use std::time::Duration;

struct Client {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
}

struct Resp {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Resp {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

impl Client {
    fn connect(api: &RuntimeApi) -> Self {
        let s = TcpStream::connect(api.address()).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        Self { reader: BufReader::new(s.try_clone().unwrap()), writer: s }
    }
    fn send(&mut self, raw: &[u8]) {
        self.writer.write_all(raw).unwrap();
    }
    fn read(&mut self) -> Resp {
        let mut line = String::new();
        self.reader.read_line(&mut line).unwrap();
        let status: u16 = line.split_whitespace().nth(1).expect("status line").parse().unwrap();
        let mut headers = Vec::new();
        loop {
            let mut l = String::new();
            self.reader.read_line(&mut l).unwrap();
            let l = l.trim_end();
            if l.is_empty() {
                break;
            }
            let (k, v) = l.split_once(':').unwrap();
            headers.push((k.trim().to_string(), v.trim().to_string()));
        }
        let mut r = Resp { status, headers, body: Vec::new() };
        let len: usize = r.header("content-length").map_or(0, |v| v.parse().unwrap());
        r.body = vec![0; len];
        self.reader.read_exact(&mut r.body).unwrap();
        r
    }
    fn get_next(&mut self) -> Resp {
        self.send(b"GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: x\r\n\r\n");
        self.read()
    }
    fn post(&mut self, path: &str, extra: &str, body: &[u8]) -> Resp {
        let mut raw =
            format!("POST {path} HTTP/1.1\r\nHost: x\r\nContent-Length: {}\r\n{extra}\r\n", body.len()).into_bytes();
        raw.extend_from_slice(body);
        self.send(&raw);
        self.read()
    }
}

fn spawn_invoke(api: &Arc<RuntimeApi>, event: Value, ctx: InvokeContext) -> thread::JoinHandle<Outcome> {
    let api = api.clone();
    thread::spawn(move || api.invoke(&event, &ctx, Duration::from_secs(10)))
}

#[test]
fn next_then_response_on_one_keep_alive_connection() {
    let api = Arc::new(RuntimeApi::start().unwrap());
    assert!(api.address().starts_with("127.0.0.1:"));
    let mut c = Client::connect(&api);
    for i in 0..3 {
        let h = spawn_invoke(&api, json!({"n": i, "k": "v"}), InvokeContext::default());
        let next = c.get_next();
        assert_eq!(next.status, 200);
        assert_eq!(next.header("Lambda-Runtime-Aws-Request-Id"), Some("req-123"));
        assert_eq!(
            next.header("Lambda-Runtime-Invoked-Function-Arn"),
            Some("arn:aws:lambda:us-east-1:123456789012:function:fn")
        );
        assert!(next.header("Lambda-Runtime-Trace-Id").unwrap().starts_with("Root="));
        let deadline: u64 = next.header("Lambda-Runtime-Deadline-Ms").unwrap().parse().unwrap();
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis() as u64;
        assert!(deadline > now + 25_000 && deadline <= now + 30_000, "deadline {deadline} now {now}");
        let ev: Value = serde_json::from_slice(&next.body).unwrap();
        assert_eq!(ev, json!({"n": i, "k": "v"}));
        let r = c.post("/2018-06-01/runtime/invocation/req-123/response", "", format!("{{\"got\": {i}}}").as_bytes());
        assert_eq!(r.status, 202);
        assert_eq!(h.join().unwrap(), Outcome::Response(json!({"got": i})));
    }
    assert_eq!(api.next_calls(), 3);
}

#[test]
fn next_is_held_open_until_an_event_is_queued() {
    let api = Arc::new(RuntimeApi::start().unwrap());
    let mut c = Client::connect(&api);
    c.send(b"GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: x\r\n\r\n");
    assert!(api.wait_first_next(Duration::from_secs(5)));
    c.writer.set_read_timeout(Some(Duration::from_millis(300))).unwrap();
    let mut b = [0u8; 1];
    let err = c.writer.peek(&mut b).unwrap_err();
    assert!(matches!(err.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut), "{err}");
    c.writer.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let ctx = InvokeContext { request_id: "abc-1".into(), function_arn: "arn:x".into(), deadline_ms_from_now: 5000 };
    let h = spawn_invoke(&api, json!([1, 2.5, "x"]), ctx);
    let next = c.read();
    assert_eq!(next.status, 200);
    assert_eq!(next.header("Lambda-Runtime-Aws-Request-Id"), Some("abc-1"));
    assert_eq!(next.header("Lambda-Runtime-Invoked-Function-Arn"), Some("arn:x"));
    assert_eq!(next.body, b"[1,2.5,\"x\"]");
    let r = c.post("/2018-06-01/runtime/invocation/abc-1/response", "Content-Type: text/plain\r\n", b"plain text");
    assert_eq!(r.status, 202);
    assert_eq!(h.join().unwrap(), Outcome::RawResponse(b"plain text".to_vec()));
}

#[test]
fn error_endpoint_and_header_fallback() {
    let api = Arc::new(RuntimeApi::start().unwrap());
    let mut c = Client::connect(&api);
    let h = spawn_invoke(&api, json!({}), InvokeContext::default());
    c.get_next();
    let body = br#"{"errorType":"KeyError","errorMessage":"'userId'","stackTrace":["x"]}"#;
    let r = c.post("/2018-06-01/runtime/invocation/req-123/error", "Lambda-Runtime-Function-Error-Type: Unhandled\r\n", body);
    assert_eq!(r.status, 202);
    match h.join().unwrap() {
        Outcome::Error { error_type, error_message, raw } => {
            assert_eq!((error_type.as_str(), error_message.as_str()), ("KeyError", "'userId'"));
            assert_eq!(raw["stackTrace"], json!(["x"]));
        }
        o => panic!("{o:?}"),
    }
    // A body that is not JSON: the type comes from the header.
    let h = spawn_invoke(&api, json!({}), InvokeContext::default());
    c.get_next();
    c.post("/2018-06-01/runtime/invocation/req-123/error", "Lambda-Runtime-Function-Error-Type: Runtime.Panic\r\n", b"oops");
    match h.join().unwrap() {
        Outcome::Error { error_type, error_message, .. } => assert_eq!((error_type.as_str(), error_message.as_str()), ("Runtime.Panic", "oops")),
        o => panic!("{o:?}"),
    }
    // A result for an id nobody is waiting on.
    let r = c.post("/2018-06-01/runtime/invocation/nope/response", "", b"{}");
    assert_eq!(r.status, 400);
    let r = c.post("/2018-06-01/runtime/elsewhere", "", b"{}");
    assert_eq!(r.status, 404);
}

#[test]
fn chunked_streaming_response_with_trailers_and_expect_continue() {
    let api = Arc::new(RuntimeApi::start().unwrap());
    let mut c = Client::connect(&api);
    // Streamed HTTP-integration response: prelude, 8 NULs, payload in several chunks.
    let h = spawn_invoke(&api, json!({}), InvokeContext::default());
    c.get_next();
    let mut raw = b"POST /2018-06-01/runtime/invocation/req-123/response HTTP/1.1\r\nHost: x\r\n\
Lambda-Runtime-Function-Response-Mode: streaming\r\n\
Content-Type: application/vnd.awslambda.http-integration-response\r\n\
Transfer-Encoding: chunked\r\nTrailer: Lambda-Runtime-Function-Error-Type\r\n\r\n"
        .to_vec();
    let prelude = br#"{"statusCode":200,"headers":{"a":"b"}}"#;
    raw.extend_from_slice(format!("{:x}\r\n", prelude.len() + 8).as_bytes());
    raw.extend_from_slice(prelude);
    raw.extend_from_slice(&[0; 8]);
    raw.extend_from_slice(b"\r\n3\r\nabc\r\n4;x=y\r\ndefg\r\n0\r\n\r\n");
    c.send(&raw);
    assert_eq!(c.read().status, 202);
    assert_eq!(h.join().unwrap(), Outcome::Response(json!({"statusCode": 200, "headers": {"a": "b"}, "body": "abcdefg"})));

    // Mid-stream error reported in trailers (body base64 JSON).
    let h = spawn_invoke(&api, json!({}), InvokeContext::default());
    c.get_next();
    c.send(
        b"POST /2018-06-01/runtime/invocation/req-123/response HTTP/1.1\r\nHost: x\r\n\
Transfer-Encoding: chunked\r\n\r\n2\r\n{\"\r\n0\r\nLambda-Runtime-Function-Error-Type: ValueError\r\n\
Lambda-Runtime-Function-Error-Body: eyJlcnJvclR5cGUiOiJWYWx1ZUVycm9yIiwiZXJyb3JNZXNzYWdlIjoiYmFkIn0=\r\n\r\n",
    );
    assert_eq!(c.read().status, 202);
    match h.join().unwrap() {
        Outcome::Error { error_type, error_message, .. } => assert_eq!((error_type.as_str(), error_message.as_str()), ("ValueError", "bad")),
        o => panic!("{o:?}"),
    }

    // Expect: 100-continue (curl sends it for larger bodies).
    let h = spawn_invoke(&api, json!({}), InvokeContext::default());
    c.get_next();
    c.send(b"POST /2018-06-01/runtime/invocation/req-123/response HTTP/1.1\r\nHost: x\r\nContent-Length: 7\r\nExpect: 100-continue\r\n\r\n");
    let mut line = String::new();
    c.reader.read_line(&mut line).unwrap();
    assert_eq!(line, "HTTP/1.1 100 Continue\r\n");
    line.clear();
    c.reader.read_line(&mut line).unwrap();
    assert_eq!(line, "\r\n");
    c.send(b"{\"a\":1}");
    assert_eq!(c.read().status, 202);
    assert_eq!(h.join().unwrap(), Outcome::Response(json!({"a": 1})));
}

#[test]
fn init_error_ends_a_pending_invoke() {
    let api = Arc::new(RuntimeApi::start().unwrap());
    let h = spawn_invoke(&api, json!({}), InvokeContext::default());
    let mut c = Client::connect(&api);
    let r = c.post(
        "/2018-06-01/runtime/init/error",
        "Lambda-Runtime-Function-Error-Type: Runtime.ImportModuleError\r\nConnection: close\r\n",
        br#"{"errorType":"Runtime.ImportModuleError","errorMessage":"No module named 'x'"}"#,
    );
    assert_eq!(r.status, 202);
    assert_eq!(r.header("Connection"), Some("close"));
    match h.join().unwrap() {
        Outcome::InitError { error_type, .. } => assert_eq!(error_type, "Runtime.ImportModuleError"),
        o => panic!("{o:?}"),
    }
    assert!(!api.wait_first_next(Duration::from_millis(10)));
}

#[test]
fn invoke_times_out_and_withdraws_the_event() {
    let api = RuntimeApi::start().unwrap();
    assert_eq!(api.invoke(&json!({}), &InvokeContext::default(), Duration::from_millis(50)), Outcome::Timeout);
    // The withdrawn event is not handed to a late poller: its next stays open.
    let mut c = Client::connect(&api);
    c.send(b"GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: x\r\n\r\n");
    c.writer.set_read_timeout(Some(Duration::from_millis(200))).unwrap();
    let mut b = [0u8; 1];
    assert!(c.writer.peek(&mut b).is_err());
    drop(api); // shutting down closes the held connection without an error response
    c.writer.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    assert_eq!(c.writer.read(&mut b).unwrap(), 0);
}
