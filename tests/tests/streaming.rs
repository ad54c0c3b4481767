//! A generator handler becomes the spec's streaming response (5.2): what it yields is the
//! body, in order, streamed through the Runtime API's streaming protocol.

use std::process::Command;
use std::time::Duration;

use depyler_core::package::{convert, ConvertOptions};
use depyler_tests::{cache_dir, cargo_build, sync_files};
use runtime_api::{run_once, InvokeContext, Outcome};

const HANDLER: &str = r#"import json

def handler(event, context):
    yield "data: start\n"
    for i, item in enumerate(event["items"]):
        if item is None:
            continue
        yield f"data: {json.dumps({'i': i, 'item': item})}\n"
    yield b"data: end\n"
"#;

#[test]
fn generator_handler_streams_its_yields() {
    let opts = ConvertOptions { package_name: Some("streaming_handler".into()), ..Default::default() };
    let project = convert(HANDLER, &opts).expect("a generator handler converts");
    assert!(project.file("src/main.rs").unwrap().contains("StreamResponse"));
    let dir = cache_dir().join("projects").join("streaming");
    sync_files(&dir, project.files.iter().map(|f| (f.path.as_str(), &*f.contents)), &["Cargo.lock"]).unwrap();
    let target = cache_dir().join("target");
    let warnings = cargo_build(&dir, &target, 40).unwrap();
    assert!(warnings.rustc.is_empty() && warnings.clippy.is_empty(), "{warnings:?}");
    let binary = target.join("debug").join(&project.name);
    let event = serde_json::json!({"items": ["a", null, {"k": 1}]});
    let outcome = run_once(Command::new(&binary), &[], &event, &InvokeContext::default(), Duration::from_secs(30));
    let body = match &outcome {
        Outcome::Response(v) => v["body"].as_str().map(str::to_string).unwrap_or_else(|| panic!("{v}")),
        Outcome::RawResponse(bytes) => String::from_utf8_lossy(bytes).into_owned(),
        other => panic!("{}", other.summary()),
    };
    assert_eq!(body, "data: start\ndata: {\"i\": 0, \"item\": \"a\"}\ndata: {\"i\": 2, \"item\": {\"k\": 1}}\ndata: end\n");
    // An exception before the first chunk is an ordinary Lambda error.
    let outcome = run_once(Command::new(&binary), &[], &serde_json::json!({}), &InvokeContext::default(), Duration::from_secs(30));
    match outcome {
        Outcome::Error { error_type, error_message, .. } => {
            assert_eq!((error_type.as_str(), error_message.as_str()), ("KeyError", "'items'"));
        }
        other => panic!("{}", other.summary()),
    }
}

#[test]
fn a_generator_helper_is_lazy_and_does_not_make_the_handler_stream() {
    let src = "def gen(n):\n    yield n\n\ndef handler(event, context):\n    return list(gen(1))\n";
    let project = convert(src, &ConvertOptions::default()).unwrap_or_else(|d| panic!("{d:?}"));
    let main = project.file("src/main.rs").unwrap();
    assert!(main.contains("py::generator_function("), "{main}");
    assert!(!main.contains("StreamResponse"), "{main}");
}
