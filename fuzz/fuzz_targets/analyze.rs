//! `analyze` must never panic, whatever the bytes. Inputs are tried as-is (when UTF-8)
//! and, to reach deeper into inference, appended to a real handler prelude.
#![no_main]

use depyler_core::{analyze, AnalyzeOptions};
use libfuzzer_sys::fuzz_target;

const PRELUDE: &str = "def helper(r, k='body'):\n    return r.get(k) or {}\n\ndef handler(event, context):\n    records = event.get('Records', [])\n";

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else { return };
    let opts = AnalyzeOptions::default();
    let a = analyze(src, &opts);
    let _ = a.has_errors();
    let body: String = src.lines().map(|l| format!("    {l}\n")).collect();
    let b = analyze(&format!("{PRELUDE}{body}"), &AnalyzeOptions { handler: Some("handler".into()), event_type: None });
    assert!((0.0..=1.0).contains(&b.event.confidence));
});
