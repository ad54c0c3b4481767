//! Event-type inference: score every catalog source against the handler's facts.
//!
//! Model. For each source, add the weights of its catalog patterns that the facts
//! match (each pattern once), and subtract [`MISMATCH_PENALTY`] for every distinct
//! event field the handler uses that the source's schema does not have (an HTTP API
//! event has no `path`, an SQS record has no `Sns`). Sources with no positive match
//! drop out. The remaining scores, plus a constant score for the hypothesis "plain
//! dict / no AWS shape" ([`NULL_SCORE`]), go through a softmax: each source's
//! probability is its confidence. The best source is reported only if it beats the
//! null hypothesis and holds at least [`MIN_CONFIDENCE`]; otherwise the answer is
//! `unknown`, with confidence `1 - P(best source)`. So confidence grows with the
//! amount of agreeing evidence and shrinks with competing explanations.

mod extract;

use serde::{Deserialize, Serialize};

pub use extract::{extract, Facts};

use crate::annotations::is_unknown_event_type;
use crate::catalog::{self, EventSource, Matcher, Pattern};

/// Score of the "not an AWS event shape" hypothesis.
pub const NULL_SCORE: f64 = 1.0;
/// Cost of each used event field the source's schema lacks.
pub const MISMATCH_PENALTY: f64 = 2.5;
/// Below this probability the best source is not trusted.
pub const MIN_CONFIDENCE: f64 = 0.5;

pub const UNKNOWN: &str = "unknown";
pub const UNKNOWN_RUST_TYPE: &str = "serde_json::Value";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// An access path (`Records[].s3.bucket.name`), a literal test
    /// (`detail-type == "Scheduled Event"`), or a returned key (`return.statusDescription`).
    pub path: String,
    pub line: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Alternative {
    pub source: String,
    pub confidence: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventInference {
    /// Catalog id, or `unknown`.
    pub source: String,
    /// aws_lambda_events path (with the generic argument when one was annotated), or
    /// `serde_json::Value` for `unknown`.
    pub rust_type: String,
    pub confidence: f64,
    pub evidence: Vec<Evidence>,
    /// Other sources, best first.
    pub alternatives: Vec<Alternative>,
    /// True when an explicit `event_type` (annotation or `--event-type`) decided.
    pub from_annotation: bool,
    /// `OrderEvent` from `EventBridgeEvent<OrderEvent>`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generic_param: Option<String>,
}

impl EventInference {
    pub fn unknown() -> Self {
        Self {
            source: UNKNOWN.to_owned(),
            rust_type: UNKNOWN_RUST_TYPE.to_owned(),
            confidence: 0.0,
            evidence: Vec::new(),
            alternatives: Vec::new(),
            from_annotation: false,
            generic_param: None,
        }
    }

    pub fn is_unknown(&self) -> bool {
        self.source == UNKNOWN
    }

    /// The catalog entry, when the source is known.
    pub fn catalog_entry(&self) -> Option<&'static EventSource> {
        catalog::by_id(&self.source)
    }
}

/// One source's score and the facts that supported it.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub source: &'static EventSource,
    pub score: f64,
    pub probability: f64,
    /// The facts that supported it: collected for the best candidate only (the others are
    /// reported by confidence alone, and collecting evidence for every source was most of
    /// the ranking's time).
    pub evidence: Vec<Evidence>,
}

/// Score all sources; best first. Sources with no supporting fact are omitted.
pub fn rank(facts: &Facts) -> Vec<Candidate> {
    let mut cands: Vec<Candidate> = catalog::sources()
        .iter()
        .filter_map(|s| {
            let (positive, _) = support(s, facts, false);
            (positive > 0.0).then(|| Candidate {
                source: s,
                score: positive - MISMATCH_PENALTY * mismatches(s, facts) as f64,
                probability: 0.0,
                evidence: Vec::new(),
            })
        })
        .collect();
    let max = cands.iter().map(|c| c.score).fold(NULL_SCORE, f64::max);
    let null = (NULL_SCORE - max).exp();
    let total: f64 = null + cands.iter().map(|c| (c.score - max).exp()).sum::<f64>();
    for c in &mut cands {
        c.probability = (c.score - max).exp() / total;
    }
    // Stable order on ties: catalog order.
    cands.sort_by(|a, b| b.score.total_cmp(&a.score));
    if let Some(best) = cands.first_mut() {
        best.evidence = support(best.source, facts, true).1;
    }
    cands
}

/// Infer from facts alone.
pub fn infer(facts: &Facts) -> EventInference {
    let ranked = rank(facts);
    let best_p = ranked.first().map(|c| c.probability).unwrap_or(0.0);
    let best_beats_null = ranked.first().is_some_and(|c| c.score > NULL_SCORE);
    match ranked.first() {
        Some(best) if best_beats_null && best_p >= MIN_CONFIDENCE => EventInference {
            source: best.source.id.to_owned(),
            rust_type: best.source.rust_type.to_owned(),
            confidence: round3(best.probability),
            evidence: best.evidence.clone(),
            alternatives: alternatives(&ranked, best.source.id),
            from_annotation: false,
            generic_param: None,
        },
        _ => EventInference {
            confidence: round3(1.0 - best_p),
            alternatives: alternatives(&ranked, UNKNOWN),
            ..EventInference::unknown()
        },
    }
}

/// An explicit event type (annotation or CLI) decides; inference still supplies the
/// evidence for that source and the runners-up, so disagreements stay visible.
/// Returns None when the value names no known source.
pub fn from_explicit(value: &str, facts: &Facts) -> Option<EventInference> {
    let ranked = rank(facts);
    if is_unknown_event_type(value) {
        return Some(EventInference {
            confidence: 1.0,
            alternatives: alternatives(&ranked, UNKNOWN),
            from_annotation: true,
            ..EventInference::unknown()
        });
    }
    let source = catalog::resolve_annotation(value)?;
    let (_, generic) = catalog::split_generic(value);
    let rust_type = match generic {
        Some(g) => format!("{}<{g}>", source.rust_type),
        None => source.rust_type.to_owned(),
    };
    Some(EventInference {
        source: source.id.to_owned(),
        rust_type,
        confidence: 1.0,
        evidence: support(source, facts, true).1,
        alternatives: alternatives(&ranked, source.id),
        from_annotation: true,
        generic_param: generic.map(str::to_owned),
    })
}

fn alternatives(ranked: &[Candidate], chosen: &str) -> Vec<Alternative> {
    ranked
        .iter()
        .filter(|c| c.source.id != chosen && c.probability >= 0.01)
        .take(3)
        .map(|c| Alternative {
            source: c.source.id.to_owned(),
            confidence: round3(c.probability),
        })
        .collect()
}

fn round3(x: f64) -> f64 {
    (x.clamp(0.0, 1.0) * 1000.0).round() / 1000.0
}

/// Sum of matched pattern weights, and the facts that matched (sorted by line).
fn support(source: &EventSource, facts: &Facts, with_evidence: bool) -> (f64, Vec<Evidence>) {
    let mut score = 0.0;
    let mut evidence: Vec<Evidence> = Vec::new();
    let mut push = |path: &dyn Fn() -> String, line: u32| {
        if with_evidence {
            let path = path();
            if !evidence.iter().any(|e| e.path == path) {
                evidence.push(Evidence { path, line });
            }
        }
    };
    for p in source.patterns.iter().filter(|p| p.weight > 0.0) {
        let mut matched = false;
        match p.matcher {
            Matcher::Access => {
                let pool = if p.path.starts_with("return.") {
                    &facts.returns
                } else {
                    &facts.accesses
                };
                for (path, line) in pool {
                    if is_prefix(p.path, path) {
                        matched = true;
                        if !with_evidence {
                            break;
                        }
                        push(&|| path.clone(), *line);
                    }
                }
            }
            _ => {
                for ((path, lit), line) in &facts.literals {
                    if literal_matches(p, path, lit) {
                        matched = true;
                        if !with_evidence {
                            break;
                        }
                        push(&|| format!("{path} == {lit:?}"), *line);
                    }
                }
            }
        }
        if matched {
            score += p.weight;
        }
    }
    // Show only the deepest paths: `Records[].s3` adds nothing next to `Records[].s3.bucket.name`.
    let deepest: Vec<Evidence> = evidence
        .iter()
        .filter(|e| {
            !evidence
                .iter()
                .any(|o| o.path != e.path && is_prefix(&e.path, &o.path))
        })
        .cloned()
        .collect();
    let mut deepest = deepest;
    deepest.sort_by(|a, b| a.line.cmp(&b.line).then_with(|| a.path.cmp(&b.path)));
    (score, deepest)
}

fn literal_matches(p: &Pattern, path: &str, lit: &str) -> bool {
    if p.path != "*" && p.path != path {
        return false;
    }
    match p.matcher {
        Matcher::Access => false,
        Matcher::Equals(v) => lit.eq_ignore_ascii_case(v),
        Matcher::Prefix(v) => lit.starts_with(v) || (lit.len() >= 4 && v.starts_with(lit)),
        Matcher::Contains(v) => lit.contains(v),
    }
}

/// Number of distinct event fields (cut after their second key) that fit none of the
/// source's patterns.
fn mismatches(source: &EventSource, facts: &Facts) -> usize {
    let mut heads: Vec<&str> = facts
        .accesses
        .keys()
        .map(|p| head(p))
        .filter(|h| !h.is_empty())
        .collect();
    heads.sort_unstable();
    heads.dedup();
    heads
        .into_iter()
        .filter(|h| {
            !source
                .patterns
                .iter()
                .filter(|p| p.matcher == Matcher::Access && !p.path.starts_with("return."))
                .any(|p| is_prefix(h, p.path) || vouches_for(p.path, h))
        })
        .count()
}

/// A pattern covers the fields below it when it names a map (`detail`, `headers`
/// are free-form), but not the elements of a list: `Records` says nothing about
/// whether `Records[].body` exists, so list element fields must be declared.
fn vouches_for(pattern: &str, head: &str) -> bool {
    is_prefix(pattern, head) && !head[pattern.len()..].starts_with("[]")
}

/// `prefix` is `path` or an ancestor of it (segment-wise).
pub fn is_prefix(prefix: &str, path: &str) -> bool {
    path == prefix
        || (path.starts_with(prefix)
            && (prefix.is_empty()
                || matches!(path.as_bytes().get(prefix.len()), Some(b'.') | Some(b'['))))
}

/// The path up to and including its second key: `Records[].s3.bucket.name` →
/// `Records[].s3`, `requestContext.http.method` → `requestContext.http`.
fn head(path: &str) -> &str {
    let mut keys = 0;
    let bytes = path.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'.' => {
                keys += 1;
                if keys == 2 {
                    return &path[..i];
                }
            }
            b'[' => {}
            _ => {}
        }
        i += 1;
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_is_segment_wise() {
        assert!(is_prefix("Records[].s3", "Records[].s3.bucket"));
        assert!(is_prefix("Records", "Records[].s3"));
        assert!(!is_prefix("Records[].s", "Records[].s3"));
        assert!(is_prefix("path", "path"));
        assert!(!is_prefix("path", "pathParameters"));
    }

    #[test]
    fn heads() {
        assert_eq!(head("Records[].s3.bucket.name"), "Records[].s3");
        assert_eq!(head("requestContext.http.method"), "requestContext.http");
        assert_eq!(head("detail-type"), "detail-type");
        assert_eq!(head("Records[]"), "Records[]");
    }

    #[test]
    fn no_facts_is_unknown_with_full_confidence() {
        let inf = infer(&Facts::default());
        assert!(inf.is_unknown());
        assert_eq!(inf.rust_type, UNKNOWN_RUST_TYPE);
        assert_eq!(inf.confidence, 1.0);
    }
}
