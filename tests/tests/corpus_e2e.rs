//! Corpus end to end: every case in `tests/corpus` is converted to a cargo-lambda project,
//! built, and run on each of its events through the local Lambda Runtime API; the output must
//! match `expected/<event>.json` under the corpus rule ([`runtime_api::outputs_match`]).
//!
//! - projects are written to `$DEPYLER_CACHE/projects/<case>/`, rewriting only changed files;
//! - all builds share `CARGO_TARGET_DIR=$DEPYLER_CACHE/target` (dependencies compile once),
//!   one `cargo build` per case, sequentially;
//! - each event runs in a fresh process ([`runtime_api::run_once`]) with the base environment,
//!   the case's `env` and the default [`InvokeContext`];
//! - `CORPUS_CASES=01,03` limits the run to cases whose folder starts with those prefixes.
//!
//! Every failure is collected (conversion diagnostics, build errors, per-event mismatches),
//! a table is printed, and the test fails if anything failed. Progress goes straight to stderr
//! (not captured by the test harness) so a CI log shows where it is.
//!
//! Gated behind the `corpus-e2e` feature until `depyler_core::package::convert` lands:
//! `cargo test -p depyler-tests --features corpus-e2e --test corpus_e2e`.
#![cfg(feature = "corpus-e2e")]

use depyler_core::package::{convert, ConvertOptions, Project};
use depyler_core::Diagnostic;
use depyler_tests::{cache_dir, cargo_build, corpus_dir, load_cases, parse_filter, sync_files, Case};
use runtime_api::{outcome_matches, run_once_with_logs, InvokeContext};
use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// Per event, including the process's start-up (the corpus context says 30 s remain).
const EVENT_TIMEOUT: Duration = Duration::from_secs(30);

/// The one place this test touches the conversion API.
fn convert_case(case: &Case) -> Result<Project, Vec<Diagnostic>> {
    let opts = ConvertOptions {
        handler: Some(case.function.clone()),
        package_name: Some(case.package_name()),
        ..ConvertOptions::default()
    };
    convert(&case.source, &opts)
}

fn progress(msg: impl AsRef<str>) {
    // Straight to the process's stderr: eprintln! would be captured by the test harness.
    let _ = writeln!(std::io::stderr(), "[corpus] {}", msg.as_ref());
}

struct Row {
    label: String,
    /// `None` = PASS.
    failure: Option<String>,
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or("")
}

/// One line for the table: for a mismatch, its first difference and how many there are.
fn reason(failure: &str) -> String {
    let mut lines = failure.lines();
    let first = lines.next().unwrap_or("");
    let line = match first.strip_suffix(" difference(s):") {
        Some(n) => format!("{n} diff(s), first: {}", lines.next().unwrap_or("").trim()),
        None => first.to_string(),
    };
    if line.chars().count() > 160 {
        format!("{}…", line.chars().take(160).collect::<String>())
    } else {
        line
    }
}

fn run_case(case: &Case, cache: &Path, rows: &mut Vec<Row>) {
    let fail_all = |rows: &mut Vec<Row>, why: String| {
        for ev in &case.events {
            rows.push(Row { label: format!("{}/{}", case.name, ev.name), failure: Some(why.clone()) });
        }
    };
    let t0 = Instant::now();
    let project = match convert_case(case) {
        Ok(p) => p,
        Err(diags) => {
            let text: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
            progress(format!("{}: conversion failed:\n    {}", case.name, text.join("\n    ")));
            return fail_all(rows, format!("conversion failed: {}", text.first().map_or("(no diagnostic)", |s| s.as_str())));
        }
    };
    let warnings = project.diagnostics.len();
    let dir = cache.join("projects").join(&case.name);
    let files = project.files.iter().map(|f| (f.path.as_str(), f.contents.as_str()));
    let stats = match sync_files(&dir, files, &["Cargo.lock"]) {
        Ok(s) => s,
        Err(e) => return fail_all(rows, format!("cannot write project: {e}")),
    };
    progress(format!(
        "{}: converted ({} files, {} rewritten, {warnings} diagnostic(s)); building {} …",
        case.name,
        project.files.len(),
        stats.written,
        project.name
    ));
    let target = cache.join("target");
    if let Err(e) = cargo_build(&dir, &target, 40) {
        progress(format!("{}: BUILD FAILED\n{e}", case.name));
        return fail_all(rows, first_line(&e).to_string());
    }
    let binary = target.join("debug").join(&project.name);
    progress(format!("{}: built in {:.1?}; running {} event(s)", case.name, t0.elapsed(), case.events.len()));
    for ev in &case.events {
        let label = format!("{}/{}", case.name, ev.name);
        let Some(expected) = &ev.expected else {
            rows.push(Row { label, failure: Some("no expected output".into()) });
            continue;
        };
        let (outcome, logs) =
            run_once_with_logs(Command::new(&binary), &case.env, &ev.event, &InvokeContext::default(), EVENT_TIMEOUT);
        let failure = outcome_matches(expected, &outcome).err().map(|e| {
            let mut e = e;
            if !logs.stderr_tail.trim().is_empty() {
                let tail: Vec<&str> = logs.stderr_tail.lines().rev().take(15).collect();
                e.push_str("\nstderr tail:\n  ");
                e.push_str(&tail.into_iter().rev().collect::<Vec<_>>().join("\n  "));
            }
            e
        });
        if let Some(f) = &failure {
            progress(format!("{label}: FAIL\n  {}", f.replace('\n', "\n  ")));
        }
        rows.push(Row { label, failure });
    }
}

#[test]
fn corpus_e2e() {
    let filter = parse_filter(std::env::var("CORPUS_CASES").ok().as_deref());
    let cases = load_cases(&corpus_dir(), &filter).expect("read tests/corpus");
    assert!(!cases.is_empty(), "no corpus case matches CORPUS_CASES={filter:?}");
    let cache = cache_dir();
    progress(format!("{} case(s); projects in {}, target dir {}", cases.len(), cache.join("projects").display(), cache.join("target").display()));
    let started = Instant::now();
    let mut rows = Vec::new();
    for case in &cases {
        run_case(case, &cache, &mut rows);
    }

    let width = rows.iter().map(|r| r.label.len()).max().unwrap_or(0);
    let mut report = String::new();
    for r in &rows {
        match &r.failure {
            None => report.push_str(&format!("{:width$}  PASS\n", r.label)),
            Some(f) => report.push_str(&format!("{:width$}  FAIL {}\n", r.label, reason(f))),
        }
    }
    let passed = rows.iter().filter(|r| r.failure.is_none()).count();
    report.push_str(&format!("corpus: {passed}/{} events match ({:.0?})\n", rows.len(), started.elapsed()));
    let _ = std::io::stderr().write_all(report.as_bytes());
    assert_eq!(passed, rows.len(), "{} corpus event(s) failed; see the table above", rows.len() - passed);
}
