//! Embeds `pyrt/src/*.rs`, the Python-semantics support module that every generated
//! project gets as `src/py/`, so the core stays free of I/O at run time.
use std::{env, fs, path::PathBuf};

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
    let mut out = String::from("pub const RUNTIME_FILES: &[(&str, &str)] = &[\n");
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let name = f.file_name().unwrap().to_string_lossy();
        out.push_str(&format!(
            "    ({:?}, include_str!({:?})),\n",
            name,
            f.canonicalize().unwrap()
        ));
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
