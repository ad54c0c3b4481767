//! Every corpus case must be analysed to its labelled event type, with the handler
//! named in case.json, and without errors.

use std::fs;
use std::path::{Path, PathBuf};

use depyler_core::{analyze, AnalyzeOptions};

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

fn cases() -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = fs::read_dir(corpus_dir())
        .expect("tests/corpus exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("case.json").is_file())
        .collect();
    cases.sort();
    cases
}

#[test]
fn corpus_event_types_and_handlers() {
    let cases = cases();
    assert!(cases.len() >= 24, "expected the 24-case corpus, found {}", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let name = case.file_name().unwrap_or_default().to_string_lossy().into_owned();
        let meta: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(case.join("case.json")).unwrap()).unwrap();
        let want_type = meta["event_type"].as_str().unwrap();
        // "module.function" → the function.
        let want_handler = meta["handler"].as_str().unwrap().rsplit('.').next().unwrap();
        let source = fs::read_to_string(case.join("handler.py")).unwrap();

        let a = analyze(&source, &AnalyzeOptions::default());
        let got_handler = a.handler.as_ref().map(|h| h.name.as_str()).unwrap_or("<none>");
        println!(
            "{name}: {} ({:.3}, annotation={}) alts={:?} handler={got_handler}",
            a.event.source,
            a.event.confidence,
            a.event.from_annotation,
            a.event.alternatives.iter().map(|x| format!("{}:{}", x.source, x.confidence)).collect::<Vec<_>>()
        );
        if a.has_errors() {
            failures.push(format!("{name}: errors {:?}", a.diagnostics));
        }
        if a.event.source != want_type {
            failures.push(format!("{name}: event_type {} (conf {}), want {want_type}", a.event.source, a.event.confidence));
        }
        if got_handler != want_handler {
            failures.push(format!("{name}: handler {got_handler}, want {want_handler}"));
        }
        // The analysis must also agree when the handler is named explicitly, as the CLI will.
        let opts = AnalyzeOptions { handler: Some(meta["handler"].as_str().unwrap().to_owned()), event_type: None };
        let b = analyze(&source, &opts);
        if b.event.source != want_type {
            failures.push(format!("{name}: with --handler, event_type {}", b.event.source));
        }
    }
    assert!(failures.is_empty(), "corpus label mismatches:\n{}", failures.join("\n"));
}

/// Annotated cases must say so; unannotated ones must not.
#[test]
fn corpus_from_annotation_flag_matches_source() {
    for case in cases() {
        let source = fs::read_to_string(case.join("handler.py")).unwrap();
        let annotated = source.lines().any(|l| {
            let l = l.trim_start();
            l.starts_with('#') && l.contains("@depyler:") && l.contains("event_type")
        });
        let a = analyze(&source, &AnalyzeOptions::default());
        assert_eq!(a.event.from_annotation, annotated, "{}", case.display());
    }
}

/// Inference alone (annotations removed) must still find the label, except where the
/// case notes say the annotation is needed to override ambiguous code.
#[test]
fn corpus_labels_without_annotations() {
    for case in cases() {
        let meta: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(case.join("case.json")).unwrap()).unwrap();
        if meta["notes"].as_str().unwrap_or("").contains("ANNOTATION OVERRIDE") {
            continue;
        }
        let source = fs::read_to_string(case.join("handler.py")).unwrap();
        let stripped: String = source
            .lines()
            .filter(|l| !(l.trim_start().starts_with('#') && l.contains("@depyler:")))
            .map(|l| format!("{l}\n"))
            .collect();
        let a = analyze(&stripped, &AnalyzeOptions::default());
        assert_eq!(a.event.source, meta["event_type"].as_str().unwrap(), "{}", case.display());
        assert!(!a.event.from_annotation);
    }
}
