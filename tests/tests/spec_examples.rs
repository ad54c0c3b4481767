//! The spec's section 8 examples: 8.1 converts, builds and runs; 8.2 and 8.3 call functions
//! the spec never defines, so conversion stops with a diagnostic naming them.

use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use depyler_core::package::{convert, ConvertOptions};
use depyler_tests::{cache_dir, cargo_build, sync_files};
use runtime_api::{run_once, InvokeContext, Outcome};

fn example(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("spec-examples").join(name);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn undefined_helpers_are_named_in_diagnostics() {
    for (file, missing, line) in [
        ("8.2-sqs-batch.py", "process_order", 25),
        ("8.3-eventbridge.py", "handle_order_placed", 11),
        ("8.3-eventbridge.py", "handle_order_cancelled", 18),
    ] {
        let diags = convert(&example(file), &ConvertOptions::default()).expect_err(file);
        assert!(
            diags.iter().any(|d| d.is_error() && d.message.contains(missing) && d.line == line),
            "{file}: no diagnostic for `{missing}` at line {line}: {diags:?}"
        );
    }
}

#[test]
fn apigw_example_converts_builds_and_answers() {
    let opts = ConvertOptions { package_name: Some("spec_8_1_apigw_rest".into()), ..Default::default() };
    let project = convert(&example("8.1-apigw-rest.py"), &opts).expect("8.1 converts");
    assert_eq!(project.event_source, "apigw_rest");
    let dir = cache_dir().join("projects").join("spec-8.1");
    sync_files(&dir, project.files.iter().map(|f| (f.path.as_str(), &*f.contents)), &["Cargo.lock"]).unwrap();
    let target = cache_dir().join("target");
    let warnings = cargo_build(&dir, &target, 40).unwrap();
    assert!(warnings.rustc.is_empty() && warnings.clippy.is_empty(), "{warnings:?}");
    let binary = target.join("debug").join(&project.name);
    let run = |event: &serde_json::Value| {
        run_once(Command::new(&binary), &[], event, &InvokeContext::default(), Duration::from_secs(30))
    };
    let mut event: serde_json::Value = serde_json::from_str(project.file("events/sample.json").expect("sample event")).unwrap();
    // The sample has no `userId` path parameter: the example's `except KeyError` answers 400
    // (CPython gives exactly this body).
    let expected = serde_json::json!({"statusCode": 400, "body": "{\"error\": \"Missing parameter: 'userId'\"}"});
    assert_eq!(run(&event).comparable(), Some(expected));
    // With one, it reaches `context.request_id`, which the Python Lambda context does not
    // have: CPython raises AttributeError, and so must the Rust.
    event["pathParameters"] = serde_json::json!({"userId": "u-1"});
    match run(&event) {
        Outcome::Error { error_type, error_message, .. } => {
            assert_eq!(error_type, "AttributeError");
            assert_eq!(error_message, "'LambdaContext' object has no attribute 'request_id'");
        }
        other => panic!("unexpected outcome: {}", other.summary()),
    }
}
