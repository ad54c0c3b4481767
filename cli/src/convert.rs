//! `depyler lambda convert FILE --output DIR [--handler NAME] [--event-type TYPE] [--name NAME]`
//!
//! Writes the generated cargo-lambda project. Nothing is written when conversion fails:
//! the diagnostics go to stderr and the exit status is 1.

use std::fs;
use std::path::Path;
use std::process::ExitCode;

use depyler_core::package::{convert, ConvertOptions};

use crate::args;

const USAGE: &str = "\
Usage: depyler lambda convert FILE --output DIR [OPTIONS]

Convert a Python Lambda handler into a complete cargo-lambda project in DIR
(Cargo.toml, src/main.rs, src/py/, events/sample.json, handler.py).

Options:
  --output DIR         Where to write the project (created if missing)
  --handler NAME       Handler function (also `module.function`); default: auto-detect
  --event-type TYPE    Event type override, same syntax as the annotation
  --name NAME          Cargo package and binary name (default: from the handler)
  -h, --help           Print this help

Exit status: 0 written (warnings allowed), 1 the handler cannot be converted, 2 usage/I-O error.
";

pub fn run(argv: &[&str]) -> ExitCode {
    let parsed = match args::parse(argv, &["--output", "-o", "--handler", "--event-type", "--name"]) {
        Ok(p) => p,
        Err(e) => return usage_error(&e),
    };
    if parsed.help {
        print!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let [file] = parsed.positionals.as_slice() else {
        return usage_error("expected exactly one FILE");
    };
    let Some(output) = parsed.value("--output").or(parsed.value("-o")) else {
        return usage_error("--output DIR is required");
    };
    let source = match fs::read(file) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(s) => s,
            Err(_) => return io_error(&format!("{file} is not UTF-8 text")),
        },
        Err(e) => return io_error(&format!("cannot read {file}: {e}")),
    };
    let handler = parsed.value("--handler").map(|h| h.rsplit('.').next().unwrap_or(h).to_string());
    let opts = ConvertOptions {
        handler,
        event_type: parsed.value("--event-type").map(str::to_string),
        package_name: parsed.value("--name").map(str::to_string),
    };
    let project = match convert(&source, &opts) {
        Ok(p) => p,
        Err(diags) => {
            for d in &diags {
                eprintln!("{file}:{d}");
            }
            eprintln!("depyler: {file} was not converted ({} error(s)); nothing was written", diags.iter().filter(|d| d.is_error()).count());
            return ExitCode::from(1);
        }
    };
    for d in &project.diagnostics {
        eprintln!("{file}:{d}");
    }
    let root = Path::new(output);
    for f in &project.files {
        let path = root.join(&f.path);
        if let Some(parent) = path.parent() {
            if let Err(e) = fs::create_dir_all(parent) {
                return io_error(&format!("cannot create {}: {e}", parent.display()));
            }
        }
        if let Err(e) = fs::write(&path, f.contents.as_bytes()) {
            return io_error(&format!("cannot write {}: {e}", path.display()));
        }
    }
    println!(
        "wrote {} ({} files; event source: {} → {}); build it with: cd {} && ./build.sh",
        root.display(),
        project.files.len(),
        project.event_source,
        project.rust_type,
        root.display()
    );
    ExitCode::SUCCESS
}

fn usage_error(msg: &str) -> ExitCode {
    eprintln!("depyler lambda convert: {msg}\n\n{USAGE}");
    ExitCode::from(2)
}

fn io_error(msg: &str) -> ExitCode {
    eprintln!("depyler lambda convert: {msg}");
    ExitCode::from(2)
}
