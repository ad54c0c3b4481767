//! Every corpus handler converts without diagnostics, and the project has its parts.
//! (Building and running the projects is `tests/tests/corpus_e2e.rs`.)

use std::fs;
use std::path::PathBuf;

use depyler_core::package::{convert, ConvertOptions};

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/corpus")
}

#[test]
fn every_corpus_handler_converts() {
    let mut failures = Vec::new();
    let mut dirs: Vec<_> = fs::read_dir(corpus())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.join("case.json").exists())
        .collect();
    dirs.sort();
    assert_eq!(dirs.len(), 24);
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
        match convert(
            &source,
            &ConvertOptions {
                handler: Some(handler),
                ..Default::default()
            },
        ) {
            Ok(project) => {
                for needed in ["Cargo.toml", "src/main.rs", "src/py/mod.rs"] {
                    assert!(
                        project.file(needed).is_some(),
                        "{}: no {needed}",
                        dir.display()
                    );
                }
                assert_eq!(
                    project.event_source,
                    case["event_type"].as_str().unwrap(),
                    "{}",
                    dir.display()
                );
            }
            Err(diags) => failures.push(format!(
                "{}:\n{}",
                dir.file_name().unwrap().to_string_lossy(),
                diags
                    .iter()
                    .map(|d| format!("  {d}"))
                    .collect::<Vec<_>>()
                    .join("\n")
            )),
        }
    }
    assert!(
        failures.is_empty(),
        "conversion failed:\n{}",
        failures.join("\n")
    );
}

#[test]
fn absurdly_deep_expressions_are_a_diagnostic_not_a_stack_overflow() {
    let chain = vec!["a"; 5000].join(" + ");
    let source = format!("def handler(event, context):\n    a = 1\n    return {chain}\n");
    let diags = convert(&source, &ConvertOptions::default()).expect_err("refused");
    assert!(
        diags
            .iter()
            .any(|d| d.is_error() && d.line == 3 && d.message.contains("nested")),
        "{diags:?}"
    );
    // A long but ordinary expression still converts.
    let chain = vec!["a"; 40].join(" + ");
    let source = format!("def handler(event, context):\n    a = 1\n    return {chain}\n");
    assert!(convert(&source, &ConvertOptions::default()).is_ok());
}

/// The same handler always converts to the same project: the download is named from a hash
/// of its contents, and the corpus test rewrites only what changed. (Hash maps iterate in a
/// different order in every instance, so a dependence on one shows within a few runs.)
#[test]
fn conversion_is_deterministic() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests");
    let mut sources = Vec::new();
    for dir in ["corpus", "corpus-extra"] {
        for e in fs::read_dir(root.join(dir)).unwrap().filter_map(|e| e.ok()) {
            let path = e.path().join("handler.py");
            if path.is_file() {
                sources.push((
                    path.display().to_string(),
                    fs::read_to_string(path).unwrap(),
                ));
            }
        }
    }
    assert!(sources.len() > 24);
    let mut differ = Vec::new();
    for (name, source) in &sources {
        let first = convert(source, &ConvertOptions::default())
            .ok()
            .map(|p| p.files);
        for _ in 0..4 {
            let again = convert(source, &ConvertOptions::default())
                .ok()
                .map(|p| p.files);
            let same = match (&first, &again) {
                (Some(a), Some(b)) => {
                    a.len() == b.len()
                        && a.iter()
                            .zip(b)
                            .all(|(x, y)| x.path == y.path && x.contents == y.contents)
                }
                (None, None) => true,
                _ => false,
            };
            if !same {
                differ.push(name.clone());
                break;
            }
        }
    }
    assert!(
        differ.is_empty(),
        "converted differently from one run to the next: {differ:#?}"
    );
}

#[test]
fn the_project_carries_every_support_module_it_names() {
    let source =
        std::fs::read_to_string(corpus().join("03-sqs-order-processor/handler.py")).unwrap();
    let project = convert(&source, &ConvertOptions::default()).expect("converts");
    assert!(project.runtime.iter().any(|f| f == "value.rs"));
    assert!(
        project.runtime.iter().any(|f| f == "json.rs"),
        "{:?}",
        project.runtime
    );
    let mod_rs = project.file("src/py/mod.rs").expect("mod.rs");
    for file in &project.runtime {
        let text = project.file(&format!("src/py/{file}")).expect("embedded");
        assert!(!text.is_empty());
        let module = file.trim_end_matches(".rs");
        assert!(
            mod_rs.contains(&format!("pub mod {module};")),
            "mod.rs declares {module}"
        );
    }
    // And nothing else: every `pub mod` kept in mod.rs is a file of the project.
    let declared = mod_rs
        .lines()
        .filter_map(|l| l.trim().strip_prefix("pub mod "))
        .count();
    assert_eq!(declared, project.runtime.len());
}

/// Macro calls are emitted through placeholders (`emit::macro_call`) so prettyplease lays
/// them out; none may survive, whatever names the Python uses.
#[test]
fn no_macro_placeholder_survives_emission() {
    for entry in std::fs::read_dir(corpus()).unwrap() {
        let path = entry.unwrap().path().join("handler.py");
        let Ok(source) = std::fs::read_to_string(&path) else {
            continue;
        };
        let project = convert(&source, &ConvertOptions::default()).expect("converts");
        let main = project.file("src/main.rs").unwrap();
        assert!(!main.contains("__dpy_"), "{}", path.display());
    }
    // A handler whose own names and strings look like placeholders.
    let source = "def handler(event, context):\n    __dpy_label_x = \"__dpy_format(\"\n    try:\n        v = int(event[\"n\"])\n    except KeyError:\n        v = -1\n    return f\"{__dpy_label_x} {v:>4}\"\n";
    let project = convert(source, &ConvertOptions::default()).expect("converts");
    let main = project.file("src/main.rs").unwrap();
    assert!(main.contains("py::attempt!("), "{main}");
    assert!(
        main.contains("\"__dpy_format(\""),
        "the string is kept: {main}"
    );
    assert!(
        !main.contains("__dpy_attempt") && !main.contains("'x"),
        "{main}"
    );
}
