//! Describes `pyrt/src/*.rs`, the Python-semantics support module that every generated
//! project gets as `src/py/`: which files there are and which of them each one uses (so
//! `package.rs` copies only what a handler needs), and — with the `embedded-runtime`
//! feature — their text, so the core stays free of I/O at run time. The playground builds
//! without that feature and serves the files next to its wasm instead (a fifth of the
//! wasm was this text).
use std::{env, fs, path::PathBuf};

fn main() {
    let dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap()).join("../pyrt");
    let src = dir.join("src");
    println!("cargo:rerun-if-changed={}", src.display());
    println!(
        "cargo:rerun-if-changed={}",
        dir.join("Cargo.toml").display()
    );
    let embed = env::var_os("CARGO_FEATURE_EMBEDDED_RUNTIME").is_some();
    let mut files: Vec<_> = fs::read_dir(&src)
        .expect("pyrt/src")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .collect();
    files.sort();
    let texts: Vec<(String, String)> = files
        .iter()
        .map(|f| {
            println!("cargo:rerun-if-changed={}", f.display());
            let module = f.file_stem().unwrap().to_string_lossy().into_owned();
            (module, fs::read_to_string(f).unwrap())
        })
        .collect();
    let mut out = String::from("const RUNTIME_MODULES: &[RuntimeModule] = &[\n");
    for ((module, text), path) in texts.iter().zip(&files) {
        if module == "mod" {
            continue;
        }
        // `super::json::loads` in a file means it needs `json.rs`.
        let uses: Vec<&str> = texts
            .iter()
            .map(|(other, _)| other.as_str())
            .filter(|other| *other != module && text.contains(&format!("super::{other}::")))
            .collect();
        let text = if embed {
            format!(
                "Some(include_str!({:?}))",
                path.canonicalize().unwrap().display()
            )
        } else {
            "None".to_string()
        };
        out.push_str(&format!(
            "    RuntimeModule {{ name: {module:?}, uses: &{uses:?}, text: {text} }},\n"
        ));
    }
    out.push_str("];\n");
    for (name, path) in [
        ("RUNTIME_MOD_RS", src.join("mod.rs")),
        ("RUNTIME_CARGO_TOML", dir.join("Cargo.toml")),
    ] {
        out.push_str(&format!(
            "const {name}: &str = include_str!({:?});\n",
            path.canonicalize().unwrap().display()
        ));
    }
    fs::write(
        PathBuf::from(env::var("OUT_DIR").unwrap()).join("runtime_files.rs"),
        out,
    )
    .unwrap();
}
