//! Corpus end to end: every case in `tests/corpus` and `tests/corpus-extra` (labelled
//! `extra/<case>`) is converted to a cargo-lambda project, built, and run on each of its events
//! through the local Lambda Runtime API; the output must match `expected/<event>.json` under
//! the corpus rule ([`runtime_api::outputs_match`]).
//!
//! - a case marked `"expect": "unsupported"` in case.json must instead fail to convert with an
//!   error diagnostic carrying a line and a message (one row, `UNSUPPORTED`); if it converts,
//!   it is run like any other case and the table says the mark can go;
//! - a case marked `"expect": "known-bug"` is run, but its failures are listed as `KNOWN-BUG`
//!   (with the case's note) and do not fail the test;
//! - projects are written to `$DEPYLER_CACHE/projects/<label with - for />/`, rewriting only changed files;
//! - all builds share `CARGO_TARGET_DIR=$DEPYLER_CACHE/target` (dependencies compile once),
//!   one `cargo build` per case, sequentially;
//! - each event runs in a fresh process ([`runtime_api::run_once`]) with the base environment,
//!   the case's `env` and the default [`InvokeContext`];
//! - `CORPUS_CASES=01,03` limits the run to cases whose label starts with those prefixes
//!   (`01` = visible case 01, `extra/01` = extra case 01, `extra/` = the whole extra corpus).
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
use depyler_tests::{clippy_available, cache_dir, cargo_build, load_all_cases, parse_filter, sync_files, Case, Expect};
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
    /// Passing, but worth a word in the table (an unsupported construct that was refused as
    /// expected, a mark that can go).
    note: Option<String>,
    /// A failure of a case marked `known-bug`: listed, not counted against the run.
    known_bug: bool,
}

impl Row {
    fn new(label: String, failure: Option<String>) -> Self {
        Row { label, failure, note: None, known_bug: false }
    }
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

/// An `"expect": "unsupported"` case: conversion must fail with a located error diagnostic.
/// `Some(project)` when it converted after all (the caller then runs it for real).
fn check_unsupported(case: &Case, construct: &str, rows: &mut Vec<Row>) -> Option<Project> {
    match convert_case(case) {
        Ok(project) => {
            progress(format!("{}: marked unsupported ({construct}) but converts: running it", case.label));
            Some(project)
        }
        Err(diags) => {
            let located = diags.iter().find(|d| d.is_error() && d.line > 0 && !d.message.trim().is_empty());
            let row = match located {
                Some(d) => {
                    progress(format!("{}: unsupported as expected ({construct}): {d}", case.label));
                    Row { note: Some(format!("UNSUPPORTED {construct}: {d}")), ..Row::new(case.label.clone(), None) }
                }
                None => {
                    let text: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
                    Row::new(
                        case.label.clone(),
                        Some(format!("refused without a located error diagnostic ({construct}): {}", text.join(" | "))),
                    )
                }
            };
            rows.push(row);
            None
        }
    }
}

fn clip(s: &str) -> String {
    if s.chars().count() > 160 {
        format!("{}…", s.chars().take(160).collect::<String>())
    } else {
        s.to_string()
    }
}

fn run_case(case: &Case, cache: &Path, rows: &mut Vec<Row>, lints: &mut Vec<(String, String)>) {
    let first_row = rows.len();
    let converted = match &case.expect {
        Expect::Unsupported { construct } => match check_unsupported(case, construct, rows) {
            Some(project) => Some(Ok(project)),
            None => return,
        },
        _ => None,
    };
    run_converted(case, cache, rows, lints, converted);
    match &case.expect {
        Expect::Run => {}
        Expect::Unsupported { construct } => {
            if rows[first_row..].iter().all(|r| r.failure.is_none()) {
                for r in &mut rows[first_row..] {
                    r.note = Some(format!("converts and passes now: drop the `unsupported` mark ({construct})"));
                }
            }
        }
        Expect::KnownBug { note } => {
            let failing = rows[first_row..].iter().filter(|r| r.failure.is_some()).count();
            for r in &mut rows[first_row..] {
                if r.failure.is_some() {
                    r.known_bug = true;
                } else if failing == 0 {
                    r.note = Some(format!("passes now: drop the `known-bug` mark ({note})"));
                }
            }
            if failing > 0 {
                progress(format!("{}: known bug ({note}): {failing} event(s) fail", case.label));
            }
        }
    }
}

/// `lints` collects clippy's warnings about the generated code, as (lint, where and what).
fn run_converted(
    case: &Case,
    cache: &Path,
    rows: &mut Vec<Row>,
    lints: &mut Vec<(String, String)>,
    converted: Option<Result<Project, Vec<Diagnostic>>>,
) {
    let fail_all = |rows: &mut Vec<Row>, why: String| {
        for ev in &case.events {
            rows.push(Row::new(format!("{}/{}", case.label, ev.name), Some(why.clone())));
        }
    };
    let t0 = Instant::now();
    let project = match converted.unwrap_or_else(|| convert_case(case)) {
        Ok(p) => p,
        Err(diags) => {
            let text: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
            progress(format!("{}: conversion failed:\n    {}", case.label, text.join("\n    ")));
            return fail_all(rows, format!("conversion failed: {}", text.first().map_or("(no diagnostic)", |s| s.as_str())));
        }
    };
    let warnings = project.diagnostics.len();
    let dir = cache.join("projects").join(case.project_dir_name());
    let files = project.files.iter().map(|f| (f.path.as_str(), &*f.contents));
    let stats = match sync_files(&dir, files, &["Cargo.lock"]) {
        Ok(s) => s,
        Err(e) => return fail_all(rows, format!("cannot write project: {e}")),
    };
    progress(format!(
        "{}: converted ({} files, {} rewritten, {warnings} diagnostic(s)); building {} …",
        case.label,
        project.files.len(),
        stats.written,
        project.name
    ));
    let target = cache.join("target");
    match cargo_build(&dir, &target, 40) {
        Err(e) => {
            progress(format!("{}: BUILD FAILED\n{e}", case.label));
            return fail_all(rows, first_line(&e).to_string());
        }
        // Generated code compiles without warnings; one is a converter bug like any other.
        Ok(warnings) if !warnings.rustc.is_empty() => {
            progress(format!("{}: RUSTC WARNINGS\n{}", case.label, warnings.rustc.join("\n")));
            return fail_all(rows, format!("rustc warning: {}", warnings.rustc[0]));
        }
        Ok(warnings) => {
            for (lint, line) in warnings.clippy {
                progress(format!("{}: clippy: {line} [{lint}]", case.label));
                lints.push((lint, format!("{}: {line}", case.label)));
            }
        }
    }
    let binary = target.join("debug").join(&project.name);
    progress(format!("{}: built in {:.1?}; running {} event(s)", case.label, t0.elapsed(), case.events.len()));
    for ev in &case.events {
        let label = format!("{}/{}", case.label, ev.name);
        let Some(expected) = &ev.expected else {
            rows.push(Row::new(label, Some("no expected output".into())));
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
        rows.push(Row::new(label, failure));
    }
}

#[test]
fn corpus_e2e() {
    let filter = parse_filter(std::env::var("CORPUS_CASES").ok().as_deref());
    let cases = load_all_cases(&filter).expect("read tests/corpus and tests/corpus-extra");
    assert!(!cases.is_empty(), "no corpus case matches CORPUS_CASES={filter:?}");
    let cache = cache_dir();
    progress(format!("{} case(s); projects in {}, target dir {}", cases.len(), cache.join("projects").display(), cache.join("target").display()));
    let started = Instant::now();
    let mut rows = Vec::new();
    let mut lints = Vec::new();
    for case in &cases {
        run_case(case, &cache, &mut rows, &mut lints);
    }

    let width = rows.iter().map(|r| r.label.len()).max().unwrap_or(0);
    let mut report = String::new();
    for r in &rows {
        let note = r.note.as_deref().map(|n| format!(" ({})", clip(n))).unwrap_or_default();
        match (&r.failure, r.known_bug) {
            (None, _) if r.note.as_deref().is_some_and(|n| n.starts_with("UNSUPPORTED")) => {
                report.push_str(&format!("{:width$}  {}\n", r.label, clip(r.note.as_deref().unwrap_or(""))))
            }
            (None, _) => report.push_str(&format!("{:width$}  PASS{note}\n", r.label)),
            (Some(f), true) => report.push_str(&format!("{:width$}  KNOWN-BUG {}\n", r.label, reason(f))),
            (Some(f), false) => report.push_str(&format!("{:width$}  FAIL {}\n", r.label, reason(f))),
        }
    }
    let unsupported = rows.iter().filter(|r| r.note.as_deref().is_some_and(|n| n.starts_with("UNSUPPORTED"))).count();
    let known = rows.iter().filter(|r| r.known_bug).count();
    let failed = rows.iter().filter(|r| r.failure.is_some() && !r.known_bug).count();
    let events = rows.len() - unsupported;
    let passed = events - failed - known;
    report.push_str(&format!(
        "corpus: {passed}/{events} events match, {known} known bug(s), {unsupported} case(s) refused as unsupported ({:.0?})\n",
        started.elapsed()
    ));
    report.push_str(&clippy_summary(&lints));
    let _ = std::io::stderr().write_all(report.as_bytes());
    assert_eq!(failed, 0, "{failed} corpus event(s) failed; see the table above");
    // The generated code is held to clippy's default lints like any Rust a person would keep;
    // a warning is a converter bug to fix (or, for a name carried over from the Python, to
    // rename there).
    assert!(lints.is_empty(), "clippy warned {} time(s) about generated code; see above", lints.len());
}

/// One line per lint with its count, or why there is none.
fn clippy_summary(lints: &[(String, String)]) -> String {
    if !clippy_available() {
        return "clippy: not installed (`rustup component add clippy`), generated code not linted\n".to_string();
    }
    let mut by_lint = std::collections::BTreeMap::<&str, usize>::new();
    for (lint, _) in lints {
        *by_lint.entry(lint).or_default() += 1;
    }
    let mut out = format!("clippy (default lints) over the generated code: {} warning(s)\n", lints.len());
    for (lint, n) in by_lint {
        out.push_str(&format!("  {n:4}  {lint}\n"));
    }
    out
}
