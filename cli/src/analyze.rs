//! `depyler lambda analyze FILE [--format text|json] [--handler NAME] [--event-type TYPE]`
//!
//! JSON mode prints exactly one JSON object on stdout whatever happens (even when the
//! file cannot be read), so scripts can always parse it; text mode is for people and
//! sends diagnostics to stderr.

use std::fmt::Write as _;
use std::process::ExitCode;

use depyler_core::analysis::Analysis;
use depyler_core::annotations::LambdaAnnotations;
use depyler_core::inference::EventInference;
use depyler_core::{analyze, AnalyzeOptions, Diagnostic};

use crate::args;

const USAGE: &str = "\
Usage: depyler lambda analyze FILE [OPTIONS]

Analyse a Python Lambda handler: which function is the handler, which AWS event
source it serves (with confidence and evidence), its `# @depyler:` annotations,
and optimisation opportunities.

Options:
  --format text|json   Output format (default: text). json prints one object on stdout.
  --handler NAME       Handler function (also `module.function`); default: auto-detect
  --event-type TYPE    Event type override, same syntax as the annotation
                       (e.g. sqs, ApiGatewayProxyRequest, EventBridgeEvent<Order>, unknown)
  -h, --help           Print this help

Exit status: 0 analysed (warnings allowed), 1 the handler has errors, 2 usage/I-O error.
";

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Text,
    Json,
}

pub fn run(argv: &[&str]) -> ExitCode {
    let parsed = match args::parse(argv, &["--format", "--handler", "--event-type"]) {
        Ok(p) => p,
        Err(e) => return crate::usage_error(&e, USAGE),
    };
    if parsed.help {
        print!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let format = match parsed.value("--format").unwrap_or("text") {
        "text" => Format::Text,
        "json" => Format::Json,
        other => return crate::usage_error(&format!("unknown format `{other}` (text or json)"), USAGE),
    };
    let path = match parsed.positionals.as_slice() {
        [one] => one.as_str(),
        [] => return crate::usage_error("missing FILE", USAGE),
        _ => return crate::usage_error("expected exactly one FILE", USAGE),
    };

    let source = match read_source(path) {
        Ok(s) => s,
        Err(message) => return io_failure(format, path, &message),
    };
    let opts = AnalyzeOptions {
        handler: parsed.value("--handler").map(str::to_owned),
        event_type: parsed.value("--event-type").map(str::to_owned),
    };
    let analysis = analyze(&source, &opts);

    match format {
        Format::Json => print_json(&analysis),
        Format::Text => {
            for d in &analysis.diagnostics {
                eprintln!("{path}:{d}");
            }
            if !analysis.has_errors() {
                print!("{}", render_text(path, &analysis));
            }
        }
    }
    if analysis.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn read_source(path: &str) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    String::from_utf8(bytes).map_err(|e| {
        format!("{path} is not valid UTF-8 (first bad byte at offset {}); save it as UTF-8", e.utf8_error().valid_up_to())
    })
}

fn io_failure(format: Format, path: &str, message: &str) -> ExitCode {
    eprintln!("depyler: {message}");
    if format == Format::Json {
        let analysis = Analysis {
            handler: None,
            event: EventInference::unknown(),
            annotations: LambdaAnnotations::default(),
            diagnostics: vec![Diagnostic::error(0, 0, message)],
            optimizations: Vec::new(),
            module: None,
        };
        print_json(&analysis);
    }
    let _ = path;
    ExitCode::from(2)
}

fn print_json(analysis: &Analysis) {
    match serde_json::to_string_pretty(analysis) {
        Ok(s) => println!("{s}"),
        // Serialising plain data cannot fail; keep the one-object promise regardless.
        Err(e) => println!("{{\"diagnostics\":[{{\"severity\":\"error\",\"message\":{:?},\"line\":0,\"column\":0}}]}}", e.to_string()),
    }
}

fn render_text(path: &str, a: &Analysis) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{path}");
    if let Some(h) = &a.handler {
        let _ = writeln!(out, "  handler:   {} (line {})", h.name, h.line);
    }
    let e = &a.event;
    let how = if e.from_annotation { "from event_type annotation".to_owned() } else { format!("confidence {:.2}", e.confidence) };
    let _ = writeln!(out, "  event:     {} -> {} ({how})", e.source, e.rust_type);
    if !e.evidence.is_empty() {
        let _ = writeln!(out, "  evidence:");
        for ev in &e.evidence {
            let _ = writeln!(out, "    line {:>4}  {}", ev.line, ev.path);
        }
    }
    if !e.alternatives.is_empty() {
        let alts: Vec<String> = e.alternatives.iter().map(|x| format!("{} {:.2}", x.source, x.confidence)).collect();
        let _ = writeln!(out, "  also possible: {}", alts.join(", "));
    }
    let an = &a.annotations;
    let _ = writeln!(
        out,
        "  settings:  {} {}, {} MB, timeout {} s, cold_start_optimize={}, batch_failure_reporting={}, tracing={}",
        an.runtime.as_str(),
        an.architecture.as_str(),
        an.memory_size,
        an.timeout,
        an.cold_start_optimize,
        an.batch_failure_reporting,
        an.tracing
    );
    if !a.optimizations.is_empty() {
        let _ = writeln!(out, "  optimisations:");
        for o in &a.optimizations {
            let at = o.line.map(|l| format!(" (line {l})")).unwrap_or_default();
            let _ = writeln!(out, "    - [{}]{at} {}", o.kind, o.message);
        }
    }
    out
}
