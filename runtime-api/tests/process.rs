//! Real processes against the Runtime API: a python3 fake function, and AWS's own Python
//! runtime interface client (`awslambdaric`) from the project venv.

use runtime_api::{outcome_matches, run_once, run_once_with_logs, InvokeContext, Outcome, RuntimeApi};
use serde_json::{json, Value};
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const T: Duration = Duration::from_secs(20);

/// The real interpreter behind `python3` (which may be a pyenv shim that adds variables).
fn python3() -> String {
    let out = Command::new("python3").args(["-c", "import sys; print(sys.executable)"]).output().expect("python3 is needed");
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

fn fake() -> Command {
    let mut c = Command::new(python3());
    c.arg(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fake_function.py"));
    c
}

fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

#[test]
fn run_once_echo_sees_base_env_and_context() {
    let out = run_once(fake(), &env(&[("CASE_VAR", "x"), ("TZ", "Europe/Paris")]), &json!({"a": [1, 2.0]}), &InvokeContext::default(), T);
    let Outcome::Response(v) = out else { panic!("{out:?}") };
    assert_eq!(v["event"], json!({"a": [1, 2.0]}));
    assert_eq!(v["request_id"], "req-123");
    assert_eq!(v["arn"], "arn:aws:lambda:us-east-1:123456789012:function:fn");
    let remaining = v["remaining_ms"].as_i64().unwrap();
    assert!((20_000..=30_000).contains(&remaining), "{remaining}");
    let e = v["env"].as_object().unwrap();
    assert_eq!(e["AWS_LAMBDA_FUNCTION_NAME"], "fn");
    assert_eq!(e["AWS_LAMBDA_FUNCTION_VERSION"], "$LATEST");
    assert_eq!(e["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"], "128");
    assert_eq!(e["AWS_LAMBDA_LOG_STREAM_NAME"], "2024/01/01/[$LATEST]0123456789abcdef");
    assert_eq!(e["CASE_VAR"], "x");
    assert_eq!(e["TZ"], "Europe/Paris", "case env overrides the base");
    assert!(e["AWS_LAMBDA_RUNTIME_API"].as_str().unwrap().starts_with("127.0.0.1:"));
    // Nothing else leaks in from the test's own environment (python may add LC_CTYPE itself).
    let mut extra: Vec<&String> = e.keys().filter(|k| !k.starts_with("AWS_") && *k != "TZ" && *k != "CASE_VAR" && *k != "LC_CTYPE").collect();
    extra.retain(|k| !runtime_api::PASSTHROUGH_ENV.contains(&k.as_str()));
    assert!(extra.is_empty(), "unexpected variables {extra:?}");
}

#[test]
fn run_once_error_raw_stream_and_exits() {
    let ctx = InvokeContext::default();
    let out = run_once(fake(), &[], &json!({"action": "error"}), &ctx, T);
    outcome_matches(&json!({"errorType": "KeyError", "errorMessage": "'userId'"}), &out).unwrap();

    let out = run_once(fake(), &[], &json!({"action": "raw"}), &ctx, T);
    assert_eq!(out, Outcome::RawResponse(b"not json".to_vec()));

    let out = run_once(fake(), &[], &json!({"action": "stream"}), &ctx, T);
    assert_eq!(out, Outcome::Response(json!({"statusCode": 201, "headers": {"x": "y"}, "body": "hello world"})));

    let out = run_once(fake(), &[], &json!({"action": "stream_error"}), &ctx, T);
    outcome_matches(&json!({"errorType": "ValueError", "errorMessage": "mid-stream"}), &out).unwrap();

    let out = run_once(fake(), &[], &json!({"action": "exit"}), &ctx, T);
    match &out {
        Outcome::ProcessExited { status, stderr_tail } => {
            assert_eq!(*status, Some(3));
            assert!(stderr_tail.contains("fatal: the handler blew up"), "{stderr_tail:?}");
        }
        o => panic!("{o:?}"),
    }

    let out = run_once(fake(), &env(&[("FAKE_INIT_ERROR", "1")]), &json!({}), &ctx, T);
    assert!(matches!(&out, Outcome::InitError { error_type, .. } if error_type == "Runtime.ImportModuleError"), "{out:?}");

    let started = Instant::now();
    let (out, logs) = run_once_with_logs(fake(), &[], &json!({"action": "sleep"}), &ctx, Duration::from_millis(1500));
    assert_eq!(out, Outcome::Timeout);
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(logs.exit_status, None);

    let out = run_once(Command::new("/nonexistent/binary"), &[], &json!({}), &ctx, T);
    assert!(matches!(out, Outcome::LaunchFailed(_)), "{out:?}");
}

#[test]
fn one_process_many_invocations() {
    let api = RuntimeApi::start().unwrap();
    let mut child = fake()
        .env("AWS_LAMBDA_RUNTIME_API", api.address())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    assert!(api.wait_first_next(T), "the function never polled");
    for i in 0..5 {
        let ctx = InvokeContext { request_id: format!("id-{i}"), ..InvokeContext::default() };
        let Outcome::Response(v) = api.invoke(&json!({"i": i}), &ctx, T) else { panic!() };
        assert_eq!((v["event"]["i"].as_i64(), v["request_id"].as_str()), (Some(i), Some(format!("id-{i}").as_str())));
    }
    assert!(api.next_calls() >= 5);
    child.kill().unwrap();
    child.wait().unwrap();
}

fn venv_python() -> Option<PathBuf> {
    let cache = std::env::var_os("DEPYLER_CACHE")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache/depyler-lambda")))?;
    let py = cache.join("venv/bin/python");
    let ok = py.exists()
        && Command::new(&py).args(["-c", "import awslambdaric"]).stderr(Stdio::null()).status().is_ok_and(|s| s.success());
    ok.then_some(py)
}

/// The real Python runtime interface client, as AWS runs it.
#[test]
fn awslambdaric_real_client() {
    let Some(py) = venv_python() else {
        // Straight to stderr (eprintln! is captured) so the skip shows in every log.
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED awslambdaric_real_client: no venv with awslambdaric at $DEPYLER_CACHE/venv (scripts/test creates it)"
        );
        return;
    };
    let dir = std::env::temp_dir().join(format!("runtime-api-ric-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("mod.py"),
        r#"import os
def fn(event, context):
    if event.get("fail"):
        return {}["userId"]
    return {"echo": event, "rid": context.aws_request_id, "arn": context.invoked_function_arn,
            "name": context.function_name, "mem": context.memory_limit_in_mb,
            "remaining_ok": 20000 < context.get_remaining_time_in_millis() <= 30000,
            "case": os.environ.get("CASE_VAR"), "tz": os.environ.get("TZ")}
"#,
    )
    .unwrap();
    std::fs::write(dir.join("broken.py"), "import no_such_module_here\ndef fn(e, c):\n    return 1\n").unwrap();
    let cmd = |handler: &str| {
        let mut c = Command::new(&py);
        c.args(["-m", "awslambdaric", handler]).current_dir(&dir);
        c
    };
    let task_root = vec![("LAMBDA_TASK_ROOT".to_string(), dir.display().to_string()), ("CASE_VAR".into(), "v".into())];
    let ctx = InvokeContext::default();

    // Note: awslambdaric's context.memory_limit_in_mb is the env string "128" (the corpus's fake context has int 128).
    let out = run_once(cmd("mod.fn"), &task_root, &json!({"k": [1, 1.5, "s"]}), &ctx, T);
    let expected = json!({"echo": {"k": [1, 1.5, "s"]}, "rid": "req-123",
        "arn": "arn:aws:lambda:us-east-1:123456789012:function:fn", "name": "fn", "mem": "128",
        "remaining_ok": true, "case": "v", "tz": "UTC"});
    outcome_matches(&expected, &out).unwrap_or_else(|e| panic!("{e}"));

    let out = run_once(cmd("mod.fn"), &task_root, &json!({"fail": true}), &ctx, T);
    outcome_matches(&json!({"errorType": "KeyError", "errorMessage": "'userId'"}), &out).unwrap_or_else(|e| panic!("{e}"));

    // An import failure is reported by the client (as an error for the first invocation).
    let out = run_once(cmd("broken.fn"), &task_root, &json!({}), &ctx, T);
    let Some(v) = out.comparable() else { panic!("{out:?}") };
    assert_eq!(v["errorType"], "Runtime.ImportModuleError", "{v}");

    // Several invocations through one long-lived client process (keep-alive, request ids).
    let api = RuntimeApi::start().unwrap();
    let mut c = cmd("mod.fn");
    c.env("AWS_LAMBDA_RUNTIME_API", api.address()).env("LAMBDA_TASK_ROOT", &dir).stdout(Stdio::null()).stderr(Stdio::null());
    for (k, v) in runtime_api::BASE_ENV {
        c.env(k, v);
    }
    let mut child = c.spawn().unwrap();
    for i in 0..3 {
        let ctx = InvokeContext { request_id: format!("r{i}"), ..InvokeContext::default() };
        let out = api.invoke(&json!({"i": i}), &ctx, T);
        let Outcome::Response(v) = &out else { panic!("{out:?}") };
        assert_eq!(v["rid"], Value::from(format!("r{i}")));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let _ = std::fs::remove_dir_all(&dir);
}
