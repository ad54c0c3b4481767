//! Embeds `pyrt/src/*.rs`, the Python-semantics support module that every generated
//! project gets as `src/py/`, so the core stays free of I/O at run time.
use std::{env, fs, path::PathBuf};

#[path = "src/squeeze.rs"]
mod squeeze;
use squeeze::squeeze;

fn main() {
    let dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap()).join("../pyrt");
    let src = dir.join("src");
    println!("cargo:rerun-if-changed={}", src.display());
    println!(
        "cargo:rerun-if-changed={}",
        dir.join("Cargo.toml").display()
    );
    let mut files: Vec<_> = fs::read_dir(&src)
        .expect("pyrt/src")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .collect();
    files.sort();
    // The playground (wasm) carries the runtime without comments and indentation: it is most
    // of the text in the download, and the native CLI keeps the documented sources.
    let compact = env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|a| a == "wasm32");
    let out_dir = PathBuf::from(env::var("OUT_DIR").unwrap());
    let mut out = String::from("pub const RUNTIME_FILES: &[(&str, &str)] = &[\n");
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let name = f.file_name().unwrap().to_string_lossy();
        let path = if compact {
            let text = fs::read_to_string(f).unwrap();
            let stripped: Vec<&str> = text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with("//"))
                .collect();
            let compact_path = out_dir.join(format!("compact_{name}"));
            let compact = stripped.join("\n") + "\n";
            // `mod.rs` keeps one declaration per line: `package.rs` drops the lines of the
            // modules a handler does not use.
            let compact = if name == "mod.rs" {
                compact
            } else {
                squeeze(&compact)
            };
            fs::write(&compact_path, compact).unwrap();
            compact_path
        } else {
            f.canonicalize().unwrap()
        };
        out.push_str(&format!("    ({:?}, include_str!({:?})),\n", name, path));
    }
    out.push_str("];\n");
    out.push_str(&format!(
        "pub const RUNTIME_CARGO_TOML: &str = include_str!({:?});\n",
        dir.join("Cargo.toml").canonicalize().unwrap()
    ));
    fs::write(
        PathBuf::from(env::var("OUT_DIR").unwrap()).join("runtime_files.rs"),
        out,
    )
    .unwrap();
}
