//! Every generated project carries the spec's local test (12.1): its sample event parses as
//! the inferred `aws_lambda_events` type and the handler answers it without panicking.
//! Run `cargo test` in one generated project per event source of the corpus.

use std::collections::BTreeSet;

use depyler_core::package::{convert, ConvertOptions};
use depyler_tests::{cache_dir, corpus_dir, generated_project_cargo, load_cases, sync_files};

#[test]
fn generated_projects_pass_their_own_tests() {
    let cases = load_cases(&corpus_dir(), &[]).unwrap();
    let mut seen = BTreeSet::new();
    let mut failures = Vec::new();
    for case in &cases {
        let opts = ConvertOptions {
            handler: Some(case.function.clone()),
            package_name: Some(case.package_name()),
            ..Default::default()
        };
        let project = convert(&case.source, &opts).unwrap_or_else(|d| panic!("{}: {d:?}", case.name));
        if project.file("events/sample.json").is_none() || !seen.insert(project.event_source.clone()) {
            continue; // plain-dict handlers have no typed sample; one project per source is enough
        }
        let dir = cache_dir().join("projects").join(&case.name);
        sync_files(&dir, project.files.iter().map(|f| (f.path.as_str(), &*f.contents)), &["Cargo.lock"]).unwrap();
        let out = generated_project_cargo(&cache_dir().join("target"))
            .args(["test", "--quiet"])
            .current_dir(&dir)
            .output()
            .expect("cargo runs");
        eprintln!("[generated-tests] {} ({}): {}", case.name, project.event_source, if out.status.success() { "ok" } else { "FAILED" });
        if !out.status.success() {
            failures.push(format!("{}:\n{}{}", case.name, String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)));
        }
    }
    assert!(seen.len() >= 15, "expected every event source of the corpus, saw {seen:?}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
