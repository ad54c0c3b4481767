//! Packaging: everything `convert` returns — a complete cargo-lambda project.

use std::borrow::Cow;

use crate::analysis::{analyze, AnalyzeOptions};
use crate::annotations::{Architecture, LambdaAnnotations};
use crate::catalog;
use crate::diagnostics::Diagnostic;
use crate::{deploy, emit, lower};

include!(concat!(env!("OUT_DIR"), "/runtime_files.rs"));

#[derive(Debug, Clone, Default)]
pub struct ConvertOptions {
    pub handler: Option<String>,
    /// Same syntax as the `event_type` annotation; wins over it.
    pub event_type: Option<String>,
    /// Cargo package and binary name (default: `lambda_handler`-style name from the handler).
    pub package_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ProjectFile {
    /// Relative to the project root, `/`-separated.
    pub path: String,
    /// Borrowed for the embedded support-module files, which are copied into every project
    /// unchanged (copying them was a tenth of `convert`'s time).
    pub contents: Cow<'static, str>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Project {
    pub name: String,
    pub files: Vec<ProjectFile>,
    /// Warnings (conversion succeeded).
    pub diagnostics: Vec<Diagnostic>,
    pub event_source: String,
    pub rust_type: String,
    /// The support-module files the project needs as `src/py/<file>`, copied unchanged from
    /// `pyrt/src/<file>` (`mod.rs`, cut down per handler, is always in `files`). With the
    /// `embedded-runtime` feature (the default) they are in `files` too; without it the
    /// caller adds them: the playground, whose wasm stays smaller that way, fetches them
    /// from `runtime/<file>`, which its build copies from `pyrt/src`.
    pub runtime: Vec<String>,
}

impl Project {
    pub fn file(&self, path: &str) -> Option<&str> {
        self.files
            .iter()
            .find(|f| f.path == path)
            .map(|f| &*f.contents)
    }
}

/// Python source → project. Errors are diagnostics (never a panic).
pub fn convert(source: &str, opts: &ConvertOptions) -> Result<Project, Vec<Diagnostic>> {
    let analysis = analyze(
        source,
        &AnalyzeOptions {
            handler: opts.handler.clone(),
            event_type: opts.event_type.clone(),
        },
    );
    if analysis.has_errors() {
        return Err(analysis.diagnostics);
    }
    let (Some(module), Some(handler)) = (analysis.module.as_ref(), analysis.handler.as_ref())
    else {
        return Err(analysis.diagnostics);
    };
    let shape = catalog::by_id(&analysis.event.source).map(|_| lower::EventShape {
        source: &analysis.event.source,
        rust_type: &analysis.event.rust_type,
    });
    let mut ir = match lower::lower(module, &handler.name, shape) {
        Ok(ir) => ir,
        Err(mut diags) => {
            diags.sort_by_key(|d| (d.line, d.column));
            diags.dedup();
            return Err(diags);
        }
    };
    let event = &analysis.event;
    let ann = &analysis.annotations;
    let main = emit::main_rs(
        &mut ir,
        &emit::Header {
            source_file: "handler.py",
            event_source: &event.source,
            rust_type: &event.rust_type,
            cold_start_optimize: ann.cold_start_optimize,
            typed_event: catalog::by_id(&event.source).map(|_| event.rust_type.as_str()),
            placeholders_are_unique: !source.contains("__dpy_"),
        },
    )
    .map_err(|e| vec![Diagnostic::error(1, 1, e)])?;
    let streaming = ir.streaming;
    let name = opts
        .package_name
        .clone()
        .unwrap_or_else(|| sanitize(&handler.name));
    let source_info = catalog::by_id(&event.source);
    let mut files = vec![
        ProjectFile {
            path: "Cargo.toml".into(),
            contents: cargo_toml(&name, ann, source_info, streaming).into(),
        },
        ProjectFile {
            path: "src/main.rs".into(),
            contents: main.into(),
        },
    ];
    let (mod_rs, modules) = runtime_modules(main_rs_text(&files));
    files.push(ProjectFile {
        path: "src/py/mod.rs".into(),
        contents: mod_rs.into(),
    });
    let mut runtime = Vec::new();
    for module in modules {
        let file = format!("{}.rs", module.name);
        if let Some(text) = module.text {
            files.push(ProjectFile {
                path: format!("src/py/{file}"),
                contents: Cow::Borrowed(text),
            });
        }
        runtime.push(file);
    }
    if let Some(src) = source_info {
        files.push(ProjectFile {
            path: "events/sample.json".into(),
            contents: src.sample_event.to_string().into(),
        });
    }
    files.push(ProjectFile {
        path: "handler.py".into(),
        contents: source.to_string().into(),
    });
    files.push(ProjectFile {
        path: "template.yaml".into(),
        contents: deploy::template_yaml(&name, source_info, ann).into(),
    });
    files.push(ProjectFile {
        path: "build.sh".into(),
        contents: deploy::build_sh(&name, ann).into(),
    });
    files.push(ProjectFile {
        path: "cdk/handler-stack.ts".into(),
        contents: deploy::cdk_ts(&name, ann).into(),
    });
    files.push(ProjectFile {
        path: "README.md".into(),
        contents: deploy::readme(&name, source_info).into(),
    });
    Ok(Project {
        name,
        files,
        diagnostics: analysis.diagnostics.clone(),
        event_source: event.source.clone(),
        rust_type: event.rust_type.clone(),
        runtime,
    })
}

fn main_rs_text(files: &[ProjectFile]) -> &str {
    files
        .iter()
        .find(|f| f.path == "src/main.rs")
        .map(|f| &*f.contents)
        .unwrap_or("")
}

/// One file of `pyrt/src` (not `mod.rs`), described by `build.rs`.
struct RuntimeModule {
    /// The module name: the file is `<name>.rs`.
    name: &'static str,
    /// The other modules it names (`super::<module>::`).
    uses: &'static [&'static str],
    /// The file's text, with the `embedded-runtime` feature.
    text: Option<&'static str>,
}

/// The support modules the handler needs: those `main.rs` names (`py::json::…`), the
/// core ones every handler uses, and what they use in turn. `mod.rs` is cut down to
/// match, so a handler carries only the helpers it uses. Returns the cut `mod.rs` and the
/// modules, in file-name order.
fn runtime_modules(main_rs: &str) -> (String, Vec<&'static RuntimeModule>) {
    let mut needed: std::collections::BTreeSet<&str> = [
        "value", "key", "ops", "repr", "methods", "builtins", "convert", "format", "logging",
        "context",
    ]
    .into_iter()
    .collect();
    // One pass over `main.rs`: the module of every `py::<module>::` path it names.
    let mut named: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for (at, _) in main_rs.match_indices("py::") {
        let rest = &main_rs[at + 4..];
        let end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        if rest[end..].starts_with("::") {
            named.insert(&rest[..end]);
        }
    }
    needed.extend(
        RUNTIME_MODULES
            .iter()
            .map(|m| m.name)
            .filter(|m| named.contains(m)),
    );
    loop {
        let before = needed.len();
        for module in RUNTIME_MODULES {
            if needed.contains(module.name) {
                needed.extend(module.uses.iter().copied());
            }
        }
        if needed.len() == before {
            break;
        }
    }
    let kept: Vec<&str> = RUNTIME_MOD_RS
        .lines()
        .filter(|line| {
            let l = line.trim();
            let decl = l
                .strip_prefix("pub mod ")
                .or_else(|| l.strip_prefix("pub use "));
            match decl {
                Some(rest) => needed.contains(rest.split([':', ';']).next().unwrap_or("")),
                None => true,
            }
        })
        .collect();
    let modules = RUNTIME_MODULES
        .iter()
        .filter(|m| needed.contains(m.name))
        .collect();
    (kept.join("\n") + "\n", modules)
}

fn sanitize(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    if s.is_empty() {
        "handler".into()
    } else {
        s
    }
}

/// The `[dependencies]` of `pyrt/Cargo.toml`, which the support module needs.
fn runtime_dependencies() -> &'static str {
    let start = RUNTIME_CARGO_TOML
        .find("[dependencies]")
        .map(|i| i + "[dependencies]".len())
        .unwrap_or(0);
    let rest = &RUNTIME_CARGO_TOML[start..];
    let end = rest.find("\n[").unwrap_or(rest.len());
    rest[..end].trim()
}

fn cargo_toml(
    name: &str,
    ann: &LambdaAnnotations,
    source: Option<&catalog::EventSource>,
    streaming: bool,
) -> String {
    let arch = match ann.architecture {
        Architecture::Arm64 => "arm64",
        Architecture::X86_64 => "x86_64",
    };
    let mut out = format!(
        "[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\nlambda_runtime = \"1.5\"\ntokio = {{ version = \"1\", features = [\"macros\", \"rt\"] }}\n{}\n",
        runtime_dependencies()
    );
    if streaming {
        out.push_str("bytes = \"1\"\nfutures = { version = \"0.3\", default-features = false, features = [\"std\"] }\n");
    }
    if let Some(src) = source {
        out.push_str(&format!(
            "\n[dev-dependencies]\naws_lambda_events = {{ version = \"1.2\", default-features = false, features = [\"{}\"] }}\n",
            src.feature
        ));
    }
    if ann.cold_start_optimize {
        // The spec's size profile (section 4.1): small binaries start faster.
        out.push_str("\n[profile.release]\nopt-level = \"z\"\nlto = true\ncodegen-units = 1\npanic = \"abort\"\nstrip = true\n");
    }
    out.push_str(&format!(
        "\n[package.metadata.lambda.deploy]\nmemory = {}\ntimeout = {}\narchitecture = \"{arch}\"\ntracing = \"{}\"\n",
        ann.memory_size,
        ann.timeout,
        if ann.tracing { "Active" } else { "PassThrough" }
    ));
    out
}
