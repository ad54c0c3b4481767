//! The analysis report: parse → annotations → handler → event inference →
//! optimisation hints. `analyze` never panics and never fails outright: problems are
//! diagnostics in the report, and `has_errors` tells the caller whether to stop.

use serde::{Deserialize, Serialize};

use crate::annotations::{parse_annotations, Architecture, LambdaAnnotations};
use crate::diagnostics::Diagnostic;
use crate::frontend::{self, ParsedModule};
use crate::handler::{detect_handler, HandlerInfo};
use crate::inference::{self, EventInference, Facts};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnalyzeOptions {
    /// Handler function name (`--handler`); `module.function` is accepted too.
    pub handler: Option<String>,
    /// Event type override (`--event-type`), same syntax as the annotation; wins over both.
    pub event_type: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Optimization {
    /// Stable identifier: `pre_warm_paths`, `batch_failure_reporting`,
    /// `cold_start_optimize`, `pin_event_type`, `architecture`.
    pub kind: String,
    pub message: String,
    pub line: Option<u32>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Analysis {
    pub handler: Option<HandlerInfo>,
    pub event: EventInference,
    pub annotations: LambdaAnnotations,
    pub diagnostics: Vec<Diagnostic>,
    pub optimizations: Vec<Optimization>,
    /// The parsed module, so conversion does not parse again.
    #[serde(skip)]
    pub module: Option<ParsedModule>,
}

impl Analysis {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

pub fn analyze(source: &str, opts: &AnalyzeOptions) -> Analysis {
    let (mut annotations, mut diagnostics) = parse_annotations(source);
    let module = match frontend::parse(source) {
        Ok(m) => m,
        Err(d) => {
            diagnostics.insert(0, d);
            return Analysis {
                handler: None,
                event: EventInference::unknown(),
                annotations,
                diagnostics,
                optimizations: Vec::new(),
                module: None,
            };
        }
    };

    let handler = match detect_handler(&module, opts.handler.as_deref()) {
        Ok(h) => Some(h),
        Err(d) => {
            diagnostics.push(d);
            None
        }
    };
    let facts = handler
        .as_ref()
        .and_then(|h| module.function(&h.name))
        .map(|f| inference::extract(&module, &f))
        .unwrap_or_default();

    let event = decide_event(&opts.event_type, &annotations, &facts, &mut diagnostics);
    let used_paths = used_paths(&facts);
    if annotations.cold_start_optimize && annotations.pre_warm_paths.is_empty() {
        annotations.pre_warm_paths = used_paths.clone();
    }
    let optimizations = optimizations(&event, &annotations, &facts, &used_paths);

    Analysis {
        handler,
        event,
        annotations,
        diagnostics,
        optimizations,
        module: Some(module),
    }
}

/// CLI override > annotation > inference. A bad CLI value is an error (the user asked
/// for something impossible right now); a bad annotation was already a warning.
fn decide_event(
    cli: &Option<String>,
    annotations: &LambdaAnnotations,
    facts: &Facts,
    diagnostics: &mut Vec<Diagnostic>,
) -> EventInference {
    if let Some(value) = cli {
        match inference::from_explicit(value, facts) {
            Some(e) => return e,
            None => diagnostics.push(Diagnostic::error(
                1,
                1,
                format!(
                    "--event-type `{value}` names no known event source; accepted: unknown, {}",
                    ids()
                ),
            )),
        }
    }
    if let Some(value) = &annotations.event_type {
        if let Some(e) = inference::from_explicit(value, facts) {
            return e;
        }
    }
    inference::infer(facts)
}

fn ids() -> String {
    crate::catalog::sources()
        .iter()
        .map(|s| s.id)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Event paths the handler reads, deepest only, in source order (ties by name).
fn used_paths(facts: &Facts) -> Vec<String> {
    let mut paths: Vec<(&String, &u32)> = facts
        .accesses
        .iter()
        .filter(|(p, _)| {
            !facts
                .accesses
                .keys()
                .any(|o| o != *p && inference::is_prefix(p, o))
        })
        .collect();
    paths.sort_by(|a, b| a.1.cmp(b.1).then_with(|| a.0.cmp(b.0)));
    paths.into_iter().map(|(p, _)| p.clone()).collect()
}

const BATCH_SOURCES: &[&str] = &["sqs", "kinesis", "dynamodb"];

fn optimizations(
    event: &EventInference,
    ann: &LambdaAnnotations,
    facts: &Facts,
    used_paths: &[String],
) -> Vec<Optimization> {
    let mut out = Vec::new();
    let mut add = |kind: &str, message: String, line: Option<u32>| {
        out.push(Optimization {
            kind: kind.to_owned(),
            message,
            line,
        });
    };

    if ann.cold_start_optimize && !used_paths.is_empty() {
        add(
            "pre_warm_paths",
            format!(
                "pre-warm deserialisation of the {} event path(s) the handler reads: {}",
                used_paths.len(),
                used_paths.join(", ")
            ),
            None,
        );
    }
    if !ann.cold_start_optimize {
        add(
            "cold_start_optimize",
            "cold_start_optimize is off: enabling it adds size-optimised release settings and \
             init-time pre-warming, typically the largest cold-start win"
                .to_owned(),
            None,
        );
    }

    if BATCH_SOURCES.contains(&event.source.as_str()) && !ann.batch_failure_reporting {
        if let Some(line) = facts.try_in_record_loop.first() {
            add(
                "batch_failure_reporting",
                "the handler catches errors per record but batch_failure_reporting is off, so one \
                 bad record retries the whole batch; add `# @depyler: batch_failure_reporting = true` \
                 and report failed records in batchItemFailures"
                    .to_owned(),
                Some(*line),
            );
        } else if let Some(line) = facts.returns.get("return.batchItemFailures") {
            add(
                "batch_failure_reporting",
                "the handler returns batchItemFailures but batch_failure_reporting is off; add \
                 `# @depyler: batch_failure_reporting = true` so the event source mapping honours it"
                    .to_owned(),
                Some(*line),
            );
        }
    }

    if !event.from_annotation {
        if event.is_unknown() {
            if let Some(alt) = event.alternatives.first() {
                add(
                    "pin_event_type",
                    format!(
                        "the event type could not be determined (closest: {} at {:.2}); add \
                         `# @depyler: event_type = <type>` to get a typed event instead of serde_json::Value",
                        alt.source, alt.confidence
                    ),
                    None,
                );
            }
        } else if event.confidence < 0.8 {
            add(
                "pin_event_type",
                format!(
                    "{} was inferred with confidence {:.2}; add `# @depyler: event_type = {}` to pin it",
                    event.source, event.confidence, event.source
                ),
                None,
            );
        }
    }

    if ann.architecture == Architecture::X86_64 {
        add(
            "architecture",
            "arm64 (Graviton) is cheaper per GB-second and the generated Rust has no \
             architecture-specific code; consider `# @depyler: architecture = arm64`"
                .to_owned(),
            None,
        );
    }
    out
}
