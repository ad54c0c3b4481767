//! End-to-end tests: start the real `build-backend` binary on a loopback port and talk HTTP
//! to it. The tests marked "heavy" run real `cargo lambda build`s; they skip (saying why)
//! when the venv with cargo-lambda is missing — scripts/test creates it, so CI runs them.
//!
//! Builds share one CARGO_TARGET_DIR under ~/.cache/depyler-lambda/backend-target (the
//! service's default), so dependencies compile once per machine, not per test run; each test
//! gets a stable cache folder whose artifacts are wiped first, so its builds really run.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use build_backend::zipinfo;
use serde_json::{json, Value};

fn cache_root() -> PathBuf {
    match std::env::var_os("DEPYLER_CACHE").filter(|c| !c.is_empty()) {
        Some(c) => PathBuf::from(c),
        None => PathBuf::from(std::env::var_os("HOME").unwrap_or_else(|| "/tmp".into())).join(".cache/depyler-lambda"),
    }
}

/// The venv's cargo-lambda, or None after printing why heavy tests skip.
fn toolchain(test: &str) -> Option<PathBuf> {
    let venv = cache_root().join("venv");
    if venv.join("bin/cargo-lambda").is_file() {
        return Some(venv);
    }
    eprintln!(
        "SKIPPED {test}: no cargo-lambda in {} (scripts/test creates the venv; or: python3 -m venv {0} && {0}/bin/pip install cargo-lambda ziglang)",
        venv.display()
    );
    None
}

/// A stable cache folder for one test, without artifacts from earlier runs.
fn test_cache(test: &str) -> PathBuf {
    let dir = cache_root().join("backend-tests").join(test);
    let _ = std::fs::remove_dir_all(dir.join("artifacts"));
    dir
}

fn corpus_source(case: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/corpus").join(case).join("handler.py");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

struct Service {
    child: Child,
    addr: String,
    log: PathBuf,
}

impl Service {
    fn start(cache: &Path, args: &[&str], env: &[(&str, &str)]) -> Service {
        std::fs::create_dir_all(cache).unwrap();
        let log = cache.join("service.log");
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_build-backend"));
        cmd.args(["--port", "0", "--cache-dir"])
            .arg(cache)
            .args(args)
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&log).unwrap());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("start build-backend");
        let mut first = Vec::new();
        let mut out = child.stdout.take().unwrap();
        let mut byte = [0u8; 1];
        while out.read(&mut byte).unwrap_or(0) == 1 && byte[0] != b'\n' {
            first.push(byte[0]);
        }
        let line = String::from_utf8_lossy(&first).to_string();
        let Some(addr) = line.strip_prefix("listening on http://") else {
            let _ = child.kill();
            panic!("service did not start: {line:?}\n{}", std::fs::read_to_string(&log).unwrap_or_default());
        };
        Service { child, addr: addr.trim().to_string(), log }
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    fn request(&self, method: &str, path: &str, body: Option<&[u8]>) -> Resp {
        request(&self.addr, method, path, body, Duration::from_secs(120))
    }

    fn get_json(&self, path: &str) -> (u16, Value) {
        let r = self.request("GET", path, None);
        (r.status, r.json())
    }

    fn post_build(&self, body: &Value) -> Resp {
        self.request("POST", "/api/builds", Some(body.to_string().as_bytes()))
    }

    /// Polls until the build is final.
    fn wait_final(&self, id: &str, limit: Duration) -> Value {
        let start = Instant::now();
        loop {
            let (status, v) = self.get_json(&format!("/api/builds/{id}"));
            assert_eq!(status, 200, "{v}");
            if v["status"] == "succeeded" || v["status"] == "failed" {
                return v;
            }
            assert!(start.elapsed() < limit, "build {id} not done after {limit:?}: {v}\n{}", self.log());
            std::thread::sleep(Duration::from_millis(500));
        }
    }

    /// SIGTERM first, so the service stops its builds like it would in production.
    fn stop(mut self) {
        // SAFETY: kill(2) on our own child's pid.
        unsafe {
            libc::kill(self.child.id() as i32, libc::SIGTERM);
        }
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            // SAFETY: as above; a panicking test must not leave the service running.
            unsafe {
                libc::kill(self.child.id() as i32, libc::SIGTERM);
            }
            std::thread::sleep(Duration::from_millis(300));
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
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

    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// A minimal HTTP/1.0 client: the server closes the connection after the response, so the
/// body is everything up to EOF (streams too: an event stream ends when the build is done).
fn request(addr: &str, method: &str, path: &str, body: Option<&[u8]>, timeout: Duration) -> Resp {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(timeout)).unwrap();
    let body = body.unwrap_or(b"");
    let head = format!(
        "{method} {path} HTTP/1.0\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    // The server may answer (413) before reading a large body and close; a failed write
    // still leaves its answer to read.
    let _ = s.write_all(head.as_bytes()).and_then(|_| s.write_all(body));
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap_or_else(|| {
        panic!("no HTTP response to {method} {path}: {:?}", String::from_utf8_lossy(&raw))
    });
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let mut lines = head.lines();
    let status = lines.next().and_then(|l| l.split_whitespace().nth(1)).and_then(|c| c.parse().ok()).unwrap_or(0);
    let headers = lines
        .filter_map(|l| l.split_once(':').map(|(k, v)| (k.trim().to_string(), v.trim().to_string())))
        .collect();
    Resp { status, headers, body: raw[split + 4..].to_vec() }
}

#[test]
fn bad_requests_get_clear_answers_and_static_files_are_served() {
    let cache = std::env::temp_dir().join(format!("bb-light-{}", std::process::id()));
    let dist = cache.join("dist");
    let svc = Service::start(&cache, &["--dist", dist.to_str().unwrap(), "--max-body", "65536"], &[]);

    // No playground built yet: a page that says so (the API still works).
    let r = svc.request("GET", "/", None);
    assert_eq!(r.status, 503);
    assert!(r.text().contains("not built"), "{}", r.text());
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(dist.join("index.html"), "<html>playground</html>").unwrap();
    std::fs::write(dist.join("app.css"), "body{}").unwrap();
    let r = svc.request("GET", "/", None);
    assert_eq!((r.status, r.text().as_str()), (200, "<html>playground</html>"));
    let r = svc.request("GET", "/app.css", None);
    assert_eq!((r.status, r.header("content-type")), (200, Some("text/css")));
    let r = svc.request("GET", "/some/app/route", None);
    assert_eq!((r.status, r.text().as_str()), (200, "<html>playground</html>"));
    // A missing file is a 404, never the page in its place (the download fetches runtime/).
    std::fs::create_dir_all(dist.join("runtime")).unwrap();
    std::fs::write(dist.join("runtime/value.rs"), "pub enum Py {}").unwrap();
    let r = svc.request("GET", "/runtime/value.rs", None);
    assert_eq!((r.status, r.text().as_str()), (200, "pub enum Py {}"));
    assert_eq!(svc.request("GET", "/runtime/gone.rs", None).status, 404);

    let (s, v) = svc.get_json("/api/health");
    assert_eq!((s, v["status"].as_str()), (200, Some("ok")));
    let (s, v) = svc.get_json("/api/version");
    assert_eq!((s, v["core"].as_str()), (200, Some(depyler_core::VERSION)));
    assert!(v["toolchain"].get("rustc").is_some() && v["toolchain"].get("zig").is_some(), "{v}");
    assert_eq!(svc.get_json("/api/nope").0, 404);

    // Junk and malformed requests: 400 with a reason.
    for junk in [&b"{junk"[..], b"", b"[]", b"{\"handler\": \"h\"}", b"{\"source\": 5}"] {
        let r = svc.request("POST", "/api/builds", Some(junk));
        assert_eq!(r.status, 400, "{:?} -> {}", String::from_utf8_lossy(junk), r.text());
        assert!(r.json()["error"].as_str().is_some_and(|e| !e.is_empty()));
    }
    let r = svc.post_build(&json!({"source": "def handler(event, context):\n    return 1\n", "options": {"architecture": "sparc"}}));
    assert_eq!(r.status, 400);
    assert!(r.json()["error"].as_str().unwrap().contains("architecture"));

    // Oversized body: 413.
    let big = json!({ "source": "#".repeat(300 * 1024) }).to_string();
    let r = svc.request("POST", "/api/builds", Some(big.as_bytes()));
    assert_eq!(r.status, 413, "{}", r.text());

    // Python that does not convert: 422 with the diagnostics, pinned to lines.
    let r = svc.post_build(&json!({"source": "def handler(event, context):\n    return event[\n"}));
    assert_eq!(r.status, 422, "{}", r.text());
    let v = r.json();
    let diags = v["diagnostics"].as_array().expect("diagnostics");
    assert!(!diags.is_empty() && diags[0]["line"].as_u64().is_some() && diags[0]["message"].is_string(), "{v}");
    let r = svc.post_build(&json!({"source": "x = 1\n"}));
    assert_eq!(r.status, 422, "{}", r.text());

    // Unknown and malformed ids.
    assert_eq!(svc.get_json(&format!("/api/builds/{}", "0".repeat(32))).0, 404);
    assert_eq!(svc.get_json("/api/builds/..%2F..%2Fetc").0, 404);
    assert_eq!(svc.request("GET", &format!("/api/builds/{}/artifact", "a".repeat(32)), None).status, 404);
    assert_eq!(svc.request("GET", &format!("/api/builds/{}/events", "a".repeat(32)), None).status, 404);

    assert_eq!(svc.get_json("/api/health").0, 200, "{}", svc.log());
    svc.stop();
    let _ = std::fs::remove_dir_all(&cache);
}

#[test]
fn missing_toolchain_fails_the_build_with_the_install_command() {
    let cache = std::env::temp_dir().join(format!("bb-notools-{}", std::process::id()));
    // cargo is there, the venv (cargo-lambda, zig) is not.
    let cargo_dir = Command::new("rustup").args(["which", "cargo"]).output().ok().and_then(|o| {
        let p = PathBuf::from(String::from_utf8_lossy(&o.stdout).trim());
        p.parent().map(Path::to_path_buf)
    });
    let home_cargo = PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".cargo/bin");
    let path = format!(
        "{}:{}:/usr/bin:/bin",
        cargo_dir.unwrap_or_else(|| home_cargo.clone()).display(),
        home_cargo.display()
    );
    let svc = Service::start(&cache, &["--venv", "/nonexistent/venv"], &[("PATH", &path)]);
    let r = svc.post_build(&json!({"source": corpus_source("20-cognito-presignup-domains")}));
    assert_eq!(r.status, 202, "{}", r.text());
    let id = r.json()["id"].as_str().unwrap().to_string();
    let v = svc.wait_final(&id, Duration::from_secs(60));
    assert_eq!(v["status"], "failed", "{v}");
    let err = v["error"].as_str().unwrap();
    assert!(err.contains("toolchain missing") && err.contains("pip install cargo-lambda"), "{err}");
    assert_eq!(svc.request("GET", &format!("/api/builds/{id}/artifact"), None).status, 409);

    // Input that overflowed the core's stack (and aborted the whole service) when it was
    // converted in-process: now converted or refused, and the service lives on.
    let chain = vec!["event"; 1500].join(" + ");
    let r = svc.post_build(&json!({"source": format!("def handler(event, context):\n    return {chain}\n")}));
    assert!(matches!(r.status, 202 | 422), "{} {}", r.status, r.text());
    assert_eq!(svc.get_json("/api/health").0, 200, "{}", svc.log());
    svc.stop();
    let _ = std::fs::remove_dir_all(&cache);
}

/// The compiler's failure is acceptable while the runtime (pyrt) is incomplete; anything
/// else (timeout, toolchain, internal) is a bug of the service.
fn assert_clean_failure(v: &Value) {
    let err = v["error"].as_str().unwrap_or_default();
    assert!(err.starts_with("cargo lambda build failed"), "unexpected failure: {v}");
    assert!(!v["log_tail"].as_str().unwrap_or_default().is_empty(), "failure without a log: {v}");
    eprintln!("NOTE: the generated project does not compile yet (reported cleanly): {err}");
}

#[test]
fn builds_an_arm64_bootstrap_zip_and_serves_repeats_from_cache() {
    let Some(_) = toolchain("builds_an_arm64_bootstrap_zip_and_serves_repeats_from_cache") else { return };
    let cache = test_cache("arm64");
    let svc = Service::start(&cache, &[], &[]);
    let req = json!({"source": corpus_source("11-apigw-rest-greeter"), "options": {"architecture": "arm64"}});
    let started = Instant::now();
    let r = svc.post_build(&req);
    assert_eq!(r.status, 202, "{}", r.text());
    let v = r.json();
    assert_eq!((v["status"].as_str(), v["position"].as_u64()), (Some("queued"), Some(1)), "{v}");
    let id = v["id"].as_str().unwrap().to_string();

    // Live progress: the event stream carries log lines and ends with the final status.
    let events = request(&svc.addr, "GET", &format!("/api/builds/{id}/events"), None, Duration::from_secs(1800)).text();
    assert!(events.contains("event: log"), "{events}");
    let last_status = events.rsplit("event: status\ndata: ").next().unwrap_or_default();
    let final_from_stream: Value = serde_json::from_str(last_status.lines().next().unwrap_or_default())
        .unwrap_or_else(|e| panic!("{e}: {events}"));
    let v = svc.wait_final(&id, Duration::from_secs(60));
    assert_eq!(final_from_stream["status"], v["status"]);
    eprintln!("first arm64 build: {} in {:?}", v["status"], started.elapsed());
    if v["status"] == "failed" {
        assert_clean_failure(&v);
        svc.stop();
        return;
    }

    // The artifact: a zip holding an aarch64 ELF `bootstrap`, sizes as reported.
    let r = svc.request("GET", v["artifact_url"].as_str().unwrap(), None);
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("application/zip"));
    let disposition = r.header("content-disposition").unwrap_or_default();
    assert!(disposition.starts_with("attachment; filename=\"") && disposition.ends_with("-arm64-bootstrap.zip\""), "{disposition}");
    let entries = zipinfo::entries(&r.body).expect("a zip");
    let boot = entries.iter().find(|e| e.name == "bootstrap").expect("bootstrap in the zip");
    let head = zipinfo::read_prefix(&r.body, boot, 64).unwrap();
    assert_eq!(&head[..4], b"\x7fELF");
    assert_eq!(u16::from_le_bytes([head[18], head[19]]), 183, "e_machine must be aarch64");
    // Statically linked (musl), as the generated build.sh builds: no PT_INTERP program header.
    let elf = zipinfo::read_prefix(&r.body, boot, boot.size as usize).unwrap();
    let u16_at = |o: usize| u16::from_le_bytes([elf[o], elf[o + 1]]) as usize;
    let phoff = u64::from_le_bytes(elf[32..40].try_into().unwrap()) as usize;
    let interp = (0..u16_at(56)).any(|i| {
        let o = phoff + i * u16_at(54);
        u32::from_le_bytes(elf[o..o + 4].try_into().unwrap()) == 3
    });
    assert!(!interp, "the bootstrap must be statically linked (it has a dynamic loader)");
    assert_eq!(v["sizes"]["zip"].as_u64(), Some(r.body.len() as u64));
    assert_eq!(v["sizes"]["binary"].as_u64(), Some(boot.size));

    // The same request again: 200 with the finished build, from the cache, fast.
    let t = Instant::now();
    let r = svc.post_build(&req);
    let again = r.json();
    assert_eq!((r.status, again["status"].as_str(), again["id"].as_str()), (200, Some("succeeded"), Some(id.as_str())));
    assert!(t.elapsed() < Duration::from_secs(3), "cached answer took {:?}", t.elapsed());
    eprintln!("repeat request answered from the cache in {:?}", t.elapsed());

    // A restart loses no finished artifact: the cache is reindexed.
    svc.stop();
    let svc = Service::start(&cache, &[], &[]);
    let (s, v) = svc.get_json(&format!("/api/builds/{id}"));
    assert_eq!((s, v["status"].as_str(), v["cached"].as_bool()), (200, Some("succeeded"), Some(true)), "{v}");
    assert_eq!(svc.post_build(&req).status, 200);
    assert_eq!(svc.request("GET", &format!("/api/builds/{id}/artifact"), None).body.len() as u64, v["sizes"]["zip"].as_u64().unwrap());
    svc.stop();
}

#[test]
fn a_flood_of_requests_gets_2xx_or_429_and_every_accepted_build_finishes() {
    let Some(_) = toolchain("a_flood_of_requests_gets_2xx_or_429_and_every_accepted_build_finishes") else { return };
    let cache = test_cache("flood");
    let svc = Service::start(&cache, &["--max-queue", "1", "--concurrency", "1"], &[]);
    // Four variants differing only in a comment: one builds, one waits, the rest are turned
    // away while those run; identical requests join the same build.
    let base = corpus_source("20-cognito-presignup-domains");
    let bodies: Vec<String> =
        (0..4).map(|i| json!({"source": format!("{base}\n# variant {i}\n")}).to_string()).collect();
    let addr = svc.addr.clone();
    let threads: Vec<_> = (0..30)
        .map(|i| {
            let (addr, body) = (addr.clone(), bodies[i % 4].clone());
            std::thread::spawn(move || {
                let r = request(&addr, "POST", "/api/builds", Some(body.as_bytes()), Duration::from_secs(120));
                (r.status, r.header("retry-after").map(String::from), r.text())
            })
        })
        .collect();
    let mut accepted = std::collections::BTreeSet::new();
    let mut rejected = 0;
    for t in threads {
        let (status, retry_after, text) = t.join().expect("client thread");
        match status {
            200 | 202 => {
                let v: Value = serde_json::from_str(&text).unwrap();
                accepted.insert(v["id"].as_str().unwrap().to_string());
            }
            429 => {
                rejected += 1;
                assert!(retry_after.is_some_and(|s| s.parse::<u64>().is_ok_and(|n| n >= 1)), "429 without Retry-After");
            }
            other => panic!("flood request got {other}: {text}\n{}", svc.log()),
        }
    }
    eprintln!("flood: {} distinct builds accepted, {rejected} requests got 429", accepted.len());
    assert!(!accepted.is_empty() && accepted.len() <= 4);
    assert!(rejected > 0, "with one worker and a queue of one, some of 4 distinct builds must be turned away");
    for id in &accepted {
        let v = svc.wait_final(id, Duration::from_secs(1800));
        if v["status"] == "failed" {
            assert_clean_failure(&v);
        }
    }
    let (s, v) = svc.get_json("/api/health");
    assert_eq!((s, v["queued"].as_u64(), v["building"].as_u64()), (200, Some(0), Some(0)), "{v}");
    svc.stop();
}

#[test]
fn a_build_over_the_timeout_is_killed_with_its_process_tree() {
    let Some(_) = toolchain("a_build_over_the_timeout_is_killed_with_its_process_tree") else { return };
    let cache = test_cache("timeout");
    let svc = Service::start(&cache, &["--build-timeout", "1"], &[]);
    // A fresh string in the code, so the crate must recompile: far more than a second.
    let nonce = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
    let source = format!("def handler(event, context):\n    return {{\"run\": \"{nonce}\"}}\n");
    let r = svc.post_build(&json!({ "source": source }));
    assert_eq!(r.status, 202, "{}", r.text());
    let id = r.json()["id"].as_str().unwrap().to_string();
    let v = svc.wait_final(&id, Duration::from_secs(120));
    assert_eq!(v["status"], "failed", "{v}");
    assert!(v["error"].as_str().unwrap().contains("timed out after 1 s"), "{v}");

    // Nothing of the build is left running in its project folder.
    let work = std::fs::canonicalize(cache.join("work")).unwrap_or(cache.join("work"));
    std::thread::sleep(Duration::from_millis(500));
    let survivors: Vec<String> = std::fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter(|p| p.file_name().to_string_lossy().bytes().all(|b| b.is_ascii_digit()))
        .filter(|p| std::fs::read_link(p.path().join("cwd")).is_ok_and(|cwd| cwd.starts_with(&work)))
        .map(|p| std::fs::read_to_string(p.path().join("cmdline")).unwrap_or_default().replace('\0', " "))
        .collect();
    assert!(survivors.is_empty(), "processes left after the timeout: {survivors:?}");
    assert_eq!(svc.get_json("/api/health").0, 200);
    svc.stop();
}
