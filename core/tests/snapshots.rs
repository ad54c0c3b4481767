//! Snapshot tests of generated code: the `src/main.rs` of every corpus handler.
//! A change to the converter's output shows up as a reviewable diff
//! (`INSTA_UPDATE=always cargo test -p depyler-core --test snapshots` rewrites them).

use std::fs;
use std::path::PathBuf;

use depyler_core::package::{convert, ConvertOptions};

#[test]
fn corpus_main_rs() {
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/corpus");
    let mut dirs: Vec<_> = fs::read_dir(&corpus)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.join("case.json").exists())
        .collect();
    dirs.sort();
    for dir in dirs {
        let case: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(dir.join("case.json")).unwrap()).unwrap();
        let handler = case["handler"]
            .as_str()
            .unwrap()
            .rsplit('.')
            .next()
            .unwrap()
            .to_string();
        let source = fs::read_to_string(dir.join("handler.py")).unwrap();
        let project = convert(
            &source,
            &ConvertOptions {
                handler: Some(handler),
                ..Default::default()
            },
        )
        .unwrap_or_else(|d| panic!("{}: {d:?}", dir.display()));
        let name = dir.file_name().unwrap().to_string_lossy().to_string();
        insta::assert_snapshot!(name, project.file("src/main.rs").unwrap());
    }
}
