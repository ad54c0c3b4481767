//! `depyler lambda test FILE --event EVENT.json [--env K=V]... [--handler NAME] [--event-type TYPE]`
//!
//! The user's proof that a conversion is right: convert, build (host target, debug, shared
//! cached target dir), run the binary on the event through a local Lambda Runtime API
//! (the real 2018-06-01 protocol, a fresh process per event), run the original Python on
//! the same event through the real Python runtime client (awslambdaric) when it is
//! available, and compare the two as the corpus does.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Duration;

use depyler_core::package::{convert, ConvertOptions};
use runtime_api::{outputs_match, run_once_with_logs, InvokeContext, Outcome};
use serde_json::Value;

use crate::args;

const USAGE: &str = "\
Usage: depyler lambda test FILE --event EVENT.json [OPTIONS]

Convert FILE, build it, run it on EVENT through a local Lambda Runtime API, run the
Python handler on the same event (awslambdaric, when installed), and compare.

Options:
  --event FILE         The event JSON (required)
  --env K=V            An environment variable for both runs (repeatable)
  --handler NAME       Handler function (also `module.function`); default: auto-detect
  --event-type TYPE    Event type override, same syntax as the annotation
  -h, --help           Print this help

Environment: DEPYLER_CACHE (default ~/.cache/depyler-lambda) holds the build.
Exit status: 0 outputs match (or no Python to compare with), 1 mismatch or
conversion/build failure, 2 usage/I-O error.
";

const TIMEOUT: Duration = Duration::from_secs(60);

fn cache_dir() -> PathBuf {
    std::env::var_os("DEPYLER_CACHE").map(PathBuf::from).unwrap_or_else(|| {
        PathBuf::from(std::env::var_os("HOME").unwrap_or_else(|| "/tmp".into())).join(".cache/depyler-lambda")
    })
}

pub fn run(argv: &[&str]) -> ExitCode {
    let parsed = match args::parse(argv, &["--event", "--env", "--handler", "--event-type"]) {
        Ok(p) => p,
        Err(e) => return usage(&e),
    };
    if parsed.help {
        print!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let [file] = parsed.positionals.as_slice() else {
        return usage("expected exactly one FILE");
    };
    let Some(event_path) = parsed.value("--event") else {
        return usage("--event EVENT.json is required");
    };
    let mut env = Vec::new();
    for (k, v) in &parsed.options {
        if k == "--env" {
            match v.split_once('=') {
                Some((name, value)) if !name.is_empty() => env.push((name.to_string(), value.to_string())),
                _ => return usage(&format!("--env takes K=V, got `{v}`")),
            }
        }
    }
    let source = match fs::read_to_string(file) {
        Ok(s) => s,
        Err(e) => return io_error(&format!("cannot read {file}: {e}")),
    };
    let event: Value = match fs::read_to_string(event_path).map_err(|e| e.to_string()).and_then(|t| serde_json::from_str(&t).map_err(|e| e.to_string())) {
        Ok(v) => v,
        Err(e) => return io_error(&format!("cannot read the event {event_path}: {e}")),
    };
    let handler = parsed.value("--handler").map(|h| h.rsplit('.').next().unwrap_or(h).to_string());
    let stem = Path::new(file).file_stem().and_then(|s| s.to_str()).unwrap_or("handler").to_string();
    // One project folder per source file: runs of different handlers never share a build.
    let absolute = fs::canonicalize(file).unwrap_or_else(|_| PathBuf::from(file));
    let mut hash: u64 = 0xcbf29ce484222325;
    for b in absolute.to_string_lossy().bytes() {
        hash = (hash ^ b as u64).wrapping_mul(0x100000001b3);
    }
    let name = format!(
        "depyler-test-{}-{:08x}",
        stem.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect::<String>(),
        hash as u32
    );
    let opts = ConvertOptions { handler, event_type: parsed.value("--event-type").map(str::to_string), package_name: Some(name.clone()) };
    let project = match convert(&source, &opts) {
        Ok(p) => p,
        Err(diags) => {
            for d in &diags {
                eprintln!("{file}:{d}");
            }
            eprintln!("depyler: {file} was not converted");
            return ExitCode::from(1);
        }
    };
    let cache = cache_dir();
    let dir = cache.join("cli-projects").join(&name);
    for f in &project.files {
        let path = dir.join(&f.path);
        if fs::read(&path).is_ok_and(|old| old == f.contents.as_bytes()) {
            continue; // unchanged: keep the mtime so cargo stays incremental
        }
        if let Some(parent) = path.parent() {
            if let Err(e) = fs::create_dir_all(parent) {
                return io_error(&format!("cannot create {}: {e}", parent.display()));
            }
        }
        if let Err(e) = fs::write(&path, f.contents.as_bytes()) {
            return io_error(&format!("cannot write {}: {e}", path.display()));
        }
    }
    let target = cache.join("target");
    eprintln!("building {} …", dir.display());
    let build = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .args(["build", "--quiet", "--message-format=short"])
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", &target)
        // A throwaway build to run once: without debug info and incremental state the shared
        // target dir stays small however many handlers are tested.
        .env("CARGO_INCREMENTAL", "0")
        .env("CARGO_PROFILE_DEV_DEBUG", "false")
        .output();
    match build {
        Ok(out) if out.status.success() => {}
        Ok(out) => {
            eprintln!("{}", String::from_utf8_lossy(&out.stderr));
            eprintln!("depyler: the generated project did not build (a converter bug: please report it with the handler)");
            return ExitCode::from(1);
        }
        Err(e) => return io_error(&format!("cannot run cargo: {e}")),
    }
    let binary = target.join("debug").join(&project.name);
    let (rust, logs) = run_once_with_logs(Command::new(&binary), &env, &event, &InvokeContext::default(), TIMEOUT);
    println!("Rust   ({}): {}", project.event_source, describe(&rust));
    if !logs.stderr_tail.trim().is_empty() {
        eprintln!("--- Rust logs ---\n{}", logs.stderr_tail.trim_end());
    }
    let Some(python) = python_with_runtime_client(&cache) else {
        println!("Python: not run (no python3 with awslambdaric; `scripts/test` installs it in {}/venv)", cache.display());
        return if rust.comparable().is_some() { ExitCode::SUCCESS } else { ExitCode::from(1) };
    };
    let module_dir = Path::new(file).parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let fn_name = opts.handler.clone().unwrap_or_else(|| detect_handler(&source));
    let mut cmd = Command::new(python);
    cmd.args(["-m", "awslambdaric", &format!("{stem}.{fn_name}")]).current_dir(module_dir);
    let mut py_env = env.clone();
    py_env.push(("PYTHONPATH".into(), module_dir.display().to_string()));
    py_env.push(("PYTHONDONTWRITEBYTECODE".into(), "1".into()));
    let (py, _) = run_once_with_logs(cmd, &py_env, &event, &InvokeContext::default(), TIMEOUT);
    println!("Python: {}", describe(&py));
    match (py.comparable(), rust.comparable()) {
        (Some(expected), Some(actual)) => match outputs_match(&expected, &actual) {
            Ok(()) => {
                println!("MATCH");
                ExitCode::SUCCESS
            }
            Err(diff) => {
                println!("MISMATCH\n{diff}");
                ExitCode::from(1)
            }
        },
        _ => {
            println!("MISMATCH (one side gave no result)");
            ExitCode::from(1)
        }
    }
}

fn describe(o: &Outcome) -> String {
    match o.comparable() {
        Some(v) => v.to_string(),
        None => o.summary(),
    }
}

fn detect_handler(source: &str) -> String {
    depyler_core::analyze(source, &Default::default()).handler.map(|h| h.name).unwrap_or_else(|| "handler".into())
}

/// The cache's venv python (scripts/test installs awslambdaric there), else a system
/// python3 that can import it.
fn python_with_runtime_client(cache: &Path) -> Option<PathBuf> {
    let venv = cache.join("venv/bin/python");
    let candidates = [venv, PathBuf::from("python3")];
    candidates.into_iter().find(|p| {
        Command::new(p).args(["-c", "import awslambdaric"]).output().is_ok_and(|o| o.status.success())
    })
}

fn usage(msg: &str) -> ExitCode {
    eprintln!("depyler lambda test: {msg}\n\n{USAGE}");
    ExitCode::from(2)
}

fn io_error(msg: &str) -> ExitCode {
    eprintln!("depyler lambda test: {msg}");
    ExitCode::from(2)
}
