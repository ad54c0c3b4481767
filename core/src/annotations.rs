//! `# @depyler: key = value` annotation comments (spec §3).
//!
//! Annotations are advice from the user, so a bad one must never stop the analysis:
//! every problem is a *warning* on the annotation's line that lists the accepted values,
//! and the default is kept. (Corpus case 08 carries `lambda_runtime = python3.12` and
//! must still convert.)

use serde::{Deserialize, Serialize};

use crate::catalog;
use crate::diagnostics::Diagnostic;

const PREFIX: &str = "@depyler:";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum LambdaRuntime {
    #[serde(rename = "provided.al2")]
    ProvidedAl2,
    /// The default, unlike the spec's section 3.2: AWS deprecated `provided.al2` on
    /// 2026-07-31 (cfn-lint W2531 flags every template that still uses it).
    #[default]
    #[serde(rename = "provided.al2023")]
    ProvidedAl2023,
}

impl LambdaRuntime {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ProvidedAl2 => "provided.al2",
            Self::ProvidedAl2023 => "provided.al2023",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Architecture {
    #[default]
    #[serde(rename = "arm64")]
    Arm64,
    #[serde(rename = "x86_64")]
    X86_64,
}

impl Architecture {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Arm64 => "arm64",
            Self::X86_64 => "x86_64",
        }
    }
}

/// The effective Lambda settings: defaults (spec §3.2) overridden by annotations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LambdaAnnotations {
    pub runtime: LambdaRuntime,
    /// Raw value as written (`"sns"`, `"SqsEvent"`, `"EventBridgeEvent<OrderEvent>"`);
    /// `None` for absent, `auto`, or a value the catalog does not know.
    pub event_type: Option<String>,
    pub cold_start_optimize: bool,
    pub memory_size: u16,
    pub architecture: Architecture,
    pub batch_failure_reporting: bool,
    pub custom_serialization: bool,
    /// Seconds.
    pub timeout: u16,
    /// X-Ray active tracing.
    pub tracing: bool,
    /// Event paths whose deserialisation is warmed up at init. Written by the user, or
    /// (when cold_start_optimize is on and none were written) filled by `analysis` with
    /// the paths the handler reads.
    pub pre_warm_paths: Vec<String>,
}

impl Default for LambdaAnnotations {
    fn default() -> Self {
        Self {
            runtime: LambdaRuntime::ProvidedAl2023,
            event_type: None,
            cold_start_optimize: true,
            memory_size: 128,
            architecture: Architecture::Arm64,
            batch_failure_reporting: false,
            custom_serialization: false,
            timeout: 15,
            tracing: false,
            pre_warm_paths: Vec::new(),
        }
    }
}

/// Every key we understand, for the "unknown key" message.
pub const KNOWN_KEYS: &[&str] = &[
    "lambda_runtime",
    "event_type",
    "cold_start_optimize",
    "memory_size",
    "architecture",
    "batch_failure_reporting",
    "custom_serialization",
    "timeout",
    "tracing",
    "pre_warm_paths",
];

/// Scan comment lines for annotations. Only whole-line comments count, so a
/// `@depyler:` inside code or after a statement is left alone.
pub fn parse_annotations(source: &str) -> (LambdaAnnotations, Vec<Diagnostic>) {
    let mut ann = LambdaAnnotations::default();
    let mut diags = Vec::new();
    let mut seen: Vec<(String, u32)> = Vec::new();

    for (idx, raw_line) in source.lines().enumerate() {
        let line_no = u32::try_from(idx + 1).unwrap_or(u32::MAX);
        let Some(body_col) = annotation_body(raw_line) else {
            continue;
        };
        let body = &raw_line[body_col..];
        let col = |byte: usize| char_col(raw_line, body_col + byte);

        let Some((key_part, value_part)) = body.split_once('=') else {
            diags.push(
                Diagnostic::warning(
                    line_no,
                    col(0),
                    format!("malformed annotation `{}`", body.trim()),
                )
                .with_suggestion("write `# @depyler: key = value`"),
            );
            continue;
        };
        let key = key_part.trim();
        let value_offset = key_part.len() + 1 + (value_part.len() - value_part.trim_start().len());
        let value = unquote(strip_trailing_comment(value_part.trim()));
        let key_col = col(key_part.len() - key_part.trim_start().len());
        let value_col = col(value_offset);

        if let Some((_, prev)) = seen.iter().find(|(k, _)| k == key) {
            diags.push(Diagnostic::warning(
                line_no,
                key_col,
                format!("`{key}` already set on line {prev}; this later value wins"),
            ));
        }
        seen.push((key.to_owned(), line_no));

        if let Err(message) = apply(&mut ann, key, value) {
            let column = if KNOWN_KEYS.contains(&key) {
                value_col
            } else {
                key_col
            };
            diags.push(
                Diagnostic::warning(line_no, column, message)
                    .with_suggestion("the default is used"),
            );
        }
    }
    (ann, diags)
}

/// Byte offset of the text after `@depyler:` when the line is an annotation comment.
fn annotation_body(line: &str) -> Option<usize> {
    let trimmed = line.trim_start();
    let after_hash = trimmed.strip_prefix('#')?;
    let rest = after_hash.trim_start();
    let body = rest.strip_prefix(PREFIX)?;
    Some(line.len() - body.len())
}

fn char_col(line: &str, byte: usize) -> u32 {
    let chars = line.get(..byte).map(|s| s.chars().count()).unwrap_or(byte);
    u32::try_from(chars + 1).unwrap_or(u32::MAX)
}

/// `256  # MB` → `256`, but a `#` inside quotes is part of the value.
fn strip_trailing_comment(value: &str) -> &str {
    if value.starts_with('"') || value.starts_with('\'') {
        return value;
    }
    match value.find(" #") {
        Some(i) => value[..i].trim_end(),
        None => value,
    }
}

fn unquote(value: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = value.strip_prefix(q).and_then(|v| v.strip_suffix(q)) {
            return inner.trim();
        }
    }
    value
}

/// Apply one annotation; on a bad key or value return the warning text.
fn apply(ann: &mut LambdaAnnotations, key: &str, value: &str) -> Result<(), String> {
    match key {
        "lambda_runtime" => {
            ann.runtime = match value.to_ascii_lowercase().as_str() {
                "provided.al2" => LambdaRuntime::ProvidedAl2,
                "provided.al2023" => LambdaRuntime::ProvidedAl2023,
                _ => {
                    return Err(format!(
                        "unsupported lambda_runtime `{value}`: a Rust Lambda runs on an OS-only \
                         runtime; accepted values: provided.al2, provided.al2023"
                    ))
                }
            }
        }
        "event_type" => {
            if value.eq_ignore_ascii_case("auto") {
                ann.event_type = None;
            } else if is_unknown_event_type(value) || catalog::resolve_annotation(value).is_some() {
                ann.event_type = Some(value.to_owned());
            } else {
                let ids: Vec<&str> = catalog::sources().iter().map(|s| s.id).collect();
                return Err(format!(
                    "unknown event_type `{value}`; accepted values: auto, unknown, {} \
                     (or an aws_lambda_events type name such as SqsEvent, ApiGatewayProxyRequest, \
                     EventBridgeEvent<MyDetail>)",
                    ids.join(", ")
                ));
            }
        }
        "cold_start_optimize" => ann.cold_start_optimize = parse_bool(key, value)?,
        "batch_failure_reporting" => ann.batch_failure_reporting = parse_bool(key, value)?,
        "custom_serialization" => ann.custom_serialization = parse_bool(key, value)?,
        "memory_size" => ann.memory_size = parse_range(key, value, 128, 10240, " (MB)")?,
        "timeout" => ann.timeout = parse_range(key, value, 1, 900, " (seconds)")?,
        "architecture" => {
            ann.architecture = match value.to_ascii_lowercase().as_str() {
                "arm64" | "aarch64" => Architecture::Arm64,
                "x86_64" | "x86-64" | "amd64" => Architecture::X86_64,
                _ => {
                    return Err(format!(
                        "unsupported architecture `{value}`; accepted values: arm64, x86_64"
                    ))
                }
            }
        }
        "tracing" => {
            // SAM spells it `Tracing: Active | PassThrough`; accept that as well as booleans.
            ann.tracing = match value.to_ascii_lowercase().as_str() {
                "active" => true,
                "passthrough" => false,
                _ => parse_bool(key, value)
                    .map_err(|_| format!("bad tracing value `{value}`; accepted values: true, false, Active, PassThrough"))?,
            }
        }
        "pre_warm_paths" => {
            ann.pre_warm_paths = value
                .split(',')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::to_owned)
                .collect();
        }
        _ => {
            return Err(format!(
                "unknown annotation key `{key}`; accepted keys: {}",
                KNOWN_KEYS.join(", ")
            ));
        }
    }
    Ok(())
}

/// `event_type = unknown` pins "plain dict, no AWS shape" explicitly.
pub fn is_unknown_event_type(value: &str) -> bool {
    matches!(
        value.to_ascii_lowercase().as_str(),
        "unknown" | "dict" | "value" | "serde_json::value"
    )
}

fn parse_bool(key: &str, value: &str) -> Result<bool, String> {
    match value.to_ascii_lowercase().as_str() {
        "true" | "yes" | "on" | "1" => Ok(true),
        "false" | "no" | "off" | "0" => Ok(false),
        _ => Err(format!(
            "bad {key} value `{value}`; accepted values: true, false"
        )),
    }
}

fn parse_range(key: &str, value: &str, min: u16, max: u16, unit: &str) -> Result<u16, String> {
    match value.parse::<u32>() {
        Ok(n) if (u32::from(min)..=u32::from(max)).contains(&n) => Ok(n as u16),
        _ => Err(format!(
            "bad {key} value `{value}`; accepted values: integers {min}..={max}{unit}"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Severity;

    #[test]
    fn defaults_match_spec() {
        let (a, d) = parse_annotations("def handler(event, context):\n    pass\n");
        assert!(d.is_empty());
        assert_eq!(a, LambdaAnnotations::default());
        assert_eq!(a.runtime, LambdaRuntime::ProvidedAl2023);
        assert!(a.cold_start_optimize);
        assert_eq!(a.memory_size, 128);
        assert_eq!(a.architecture, Architecture::Arm64);
        assert_eq!(a.timeout, 15);
    }

    #[test]
    fn spec_example_quoted_values() {
        let src = "# @depyler: lambda_runtime = \"provided.al2\"\n\
                   # @depyler: event_type = \"APIGatewayProxyRequest\"\n\
                   # @depyler: cold_start_optimize = false\n\
                   # @depyler: memory_size = 1024\n\
                   # @depyler: architecture = \"x86_64\"\n\
                   # @depyler: timeout = 900\n\
                   # @depyler: tracing = Active\n\
                   #   @depyler:batch_failure_reporting=true\n\
                   # @depyler: custom_serialization = 'true'  \n";
        let (a, d) = parse_annotations(src);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(a.runtime, LambdaRuntime::ProvidedAl2);
        assert_eq!(a.event_type.as_deref(), Some("APIGatewayProxyRequest"));
        assert!(!a.cold_start_optimize);
        assert_eq!(a.memory_size, 1024);
        assert_eq!(a.architecture, Architecture::X86_64);
        assert_eq!(a.timeout, 900);
        assert!(a.tracing && a.batch_failure_reporting && a.custom_serialization);
    }

    #[test]
    fn bad_runtime_is_a_warning_listing_values_and_keeps_default() {
        let (a, d) = parse_annotations("import json\n# @depyler: lambda_runtime = python3.12\n");
        assert_eq!(a.runtime, LambdaRuntime::ProvidedAl2023);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, Severity::Warning);
        assert_eq!(d[0].line, 2);
        assert_eq!(d[0].column, 30);
        assert!(d[0].message.contains("provided.al2, provided.al2023"));
    }

    #[test]
    fn range_checks() {
        for (src, field) in [
            ("# @depyler: memory_size = 64", "128..=10240"),
            ("# @depyler: memory_size = 20000", "128..=10240"),
            ("# @depyler: memory_size = big", "128..=10240"),
            ("# @depyler: timeout = 0", "1..=900"),
            ("# @depyler: timeout = 901", "1..=900"),
        ] {
            let (a, d) = parse_annotations(src);
            assert_eq!(a, LambdaAnnotations::default(), "{src}");
            assert_eq!(d.len(), 1, "{src}");
            assert!(d[0].message.contains(field), "{}", d[0].message);
        }
    }

    #[test]
    fn unknown_key_bad_bool_bad_arch_bad_event_type() {
        let src = "# @depyler: colour = blue\n# @depyler: tracing = maybe\n\
                   # @depyler: architecture = sparc\n# @depyler: event_type = Carrier Pigeon\n\
                   # @depyler: cold_start_optimize = perhaps\n";
        let (a, d) = parse_annotations(src);
        assert_eq!(a, LambdaAnnotations::default());
        assert_eq!(d.len(), 5);
        assert!(d[0].message.contains("accepted keys") && d[0].line == 1 && d[0].column == 13);
        assert!(d[1].message.contains("Active"));
        assert!(d[2].message.contains("arm64, x86_64"));
        assert!(d[3].message.contains("sqs") && d[3].message.contains("auto"));
        assert!(d[4].message.contains("true, false"));
        assert!(d.iter().all(|x| x.severity == Severity::Warning));
    }

    #[test]
    fn event_type_forms() {
        for v in [
            "sns",
            "SqsEvent",
            "EventBridgeEvent<OrderEvent>",
            "unknown",
            "'s3'",
        ] {
            let (a, d) = parse_annotations(&format!("# @depyler: event_type = {v}"));
            assert!(d.is_empty(), "{v}: {d:?}");
            assert_eq!(a.event_type.as_deref(), Some(v.trim_matches('\'')));
        }
        let (a, _) = parse_annotations("# @depyler: event_type = auto");
        assert_eq!(a.event_type, None);
    }

    #[test]
    fn malformed_duplicate_and_trailing_comment() {
        let (a, d) = parse_annotations("# @depyler: memory_size\n# @depyler: memory_size = 256  # MB\n# @depyler: memory_size = 512\n");
        assert_eq!(a.memory_size, 512);
        assert_eq!(d.len(), 2);
        assert!(d[0].message.contains("malformed"));
        assert!(d[1].message.contains("line 2"));
    }

    #[test]
    fn code_is_not_an_annotation() {
        let (a, d) = parse_annotations("x = '# @depyler: memory_size = 512'\n");
        assert!(d.is_empty());
        assert_eq!(a.memory_size, 128);
    }
}
