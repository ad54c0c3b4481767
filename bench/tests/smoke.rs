//! A fast check that the benchmark's measuring piece works: one cold start (plus two warm
//! invocations) of a corpus handler under the real Python runtime interface client. Timing
//! values are not checked, only that they were taken. Skipped without the venv that
//! `scripts/test` creates.

use bench::{cold_run, Launch};
use depyler_tests::{cache_dir, corpus_dir, load_cases, parse_filter};
use std::time::Duration;

#[test]
fn python_cold_start_is_measured() {
    let python = cache_dir().join("venv/bin/python");
    if !python.is_file() {
        eprintln!("skipped: no venv at {} (scripts/test creates it)", python.display());
        return;
    }
    let case = load_cases(&corpus_dir(), &parse_filter(Some("11"))).unwrap().remove(0);
    let launch = Launch::python(python, case.dir.clone(), &case.module, &case.function, &case.env);
    let ev = &case.events[0];
    let warm = vec![ev.event.clone(), ev.event.clone()];
    let run = cold_run(&launch, &ev.event, &warm, Duration::from_secs(30)).unwrap();
    assert!(run.init_ms > 0.0 && run.init_ms <= run.cold_ms, "{run:?}");
    assert!(run.peak_rss_kib > 1024, "{run:?}");
    assert!(run.peak_rss_warm_kib >= run.peak_rss_kib, "{run:?}");
    assert_eq!(run.warm_ms.len(), 2);
    runtime_api::outcome_matches(ev.expected.as_ref().unwrap(), &run.outcome).unwrap();
}
