//! The corpus comparison rule.
//!
//! Canonical JSON equality: `1` and `1.0` differ (serde_json keeps integers and floats apart),
//! `"1"` and `1` differ, key order inside objects does not matter, order inside lists and the
//! exact contents of strings (e.g. an API Gateway `body` made by `json.dumps`) do.
//!
//! One tolerance, at the top level of a response object only: a field at its default value —
//! `isBase64Encoded: false`, `headers: {}`, `multiValueHeaders: {}`, `cookies: []` — may be
//! present on one side and absent on the other (Rust's `aws_lambda_events` response types
//! serialise these defaults, Python handlers usually leave them out).

use crate::Outcome;
use serde_json::Value;

/// Top-level response fields that may be missing on one side when at their default.
pub const DEFAULT_FIELDS: &[&str] = &["isBase64Encoded", "headers", "multiValueHeaders", "cookies"];

fn is_default(key: &str, v: &Value) -> bool {
    match key {
        "isBase64Encoded" => v == &Value::Bool(false),
        "headers" | "multiValueHeaders" => v.as_object().is_some_and(|m| m.is_empty()),
        "cookies" => v.as_array().is_some_and(|a| a.is_empty()),
        _ => false,
    }
}

const MAX_DIFFS: usize = 20;

/// `Ok(())` when `actual` matches `expected` under the corpus rule, else a readable list of the
/// differences (JSON-path-like locations, at most 20) followed by both values.
pub fn outputs_match(expected: &Value, actual: &Value) -> Result<(), String> {
    let (mut e, mut a) = (expected.clone(), actual.clone());
    if let (Value::Object(em), Value::Object(am)) = (&mut e, &mut a) {
        for key in DEFAULT_FIELDS {
            match (em.get(*key), am.get(*key)) {
                (Some(v), None) if is_default(key, v) => {
                    em.remove(*key);
                }
                (None, Some(v)) if is_default(key, v) => {
                    am.remove(*key);
                }
                _ => {}
            }
        }
    }
    let mut diffs = Vec::new();
    diff("$", &e, &a, &mut diffs);
    if diffs.is_empty() {
        return Ok(());
    }
    let more = if diffs.len() > MAX_DIFFS { format!("\n  … and {} more", diffs.len() - MAX_DIFFS) } else { String::new() };
    diffs.truncate(MAX_DIFFS);
    Err(format!(
        "{} difference(s):\n  {}{more}\nexpected: {}\nactual:   {}",
        diffs.len(),
        diffs.join("\n  "),
        short(&canonical(expected), 1000),
        short(&canonical(actual), 1000)
    ))
}

/// Compares an [`Outcome`] with an expected output: a response against the expected JSON, an
/// error (invocation or init) as `{"errorType", "errorMessage"}`. Anything else is a mismatch.
pub fn outcome_matches(expected: &Value, outcome: &Outcome) -> Result<(), String> {
    match outcome.comparable() {
        Some(actual) => outputs_match(expected, &actual),
        None => Err(format!("expected {}, got {}", short(&canonical(expected), 300), outcome.summary())),
    }
}

/// Sorted-keys JSON, as Python's `json.dumps(sort_keys=True)` (number spelling aside).
pub fn canonical(v: &Value) -> String {
    fn sorted(v: &Value) -> Value {
        match v {
            Value::Object(m) => {
                let mut keys: Vec<&String> = m.keys().collect();
                keys.sort();
                Value::Object(keys.into_iter().map(|k| (k.clone(), sorted(&m[k]))).collect())
            }
            Value::Array(a) => Value::Array(a.iter().map(sorted).collect()),
            other => other.clone(),
        }
    }
    sorted(v).to_string()
}

fn short(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(n).collect::<String>())
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(n) if n.is_f64() => "float",
        Value::Number(_) => "int",
        Value::String(_) => "string",
        Value::Array(_) => "list",
        Value::Object(_) => "object",
    }
}

/// Floats by value (`1e+16` and `1e16` are one double); integers exactly, whatever their
/// size (`arbitrary_precision` keeps their digits; JSON integers have one spelling).
fn numbers_equal(a: &serde_json::Number, b: &serde_json::Number) -> bool {
    match (a.is_f64(), b.is_f64()) {
        (true, true) => a.as_f64().map(f64::to_bits) == b.as_f64().map(f64::to_bits),
        (false, false) => a.to_string() == b.to_string(),
        _ => false,
    }
}

fn key_path(path: &str, k: &str) -> String {
    if !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        format!("{path}.{k}")
    } else {
        format!("{path}[{}]", Value::String(k.to_string()))
    }
}

fn diff(path: &str, e: &Value, a: &Value, out: &mut Vec<String>) {
    match (e, a) {
        (Value::Object(em), Value::Object(am)) => {
            let mut keys: Vec<&String> = em.keys().chain(am.keys().filter(|k| !em.contains_key(*k))).collect();
            keys.sort();
            for k in keys {
                let p = key_path(path, k);
                match (em.get(k), am.get(k)) {
                    (Some(ev), Some(av)) => diff(&p, ev, av, out),
                    (Some(ev), None) => out.push(format!("{p}: missing (expected {})", short(&canonical(ev), 200))),
                    (None, Some(av)) => out.push(format!("{p}: unexpected (got {})", short(&canonical(av), 200))),
                    (None, None) => unreachable!(),
                }
            }
        }
        (Value::Array(ev), Value::Array(av)) => {
            if ev.len() != av.len() {
                out.push(format!("{path}: list length {} expected, got {}", ev.len(), av.len()));
            }
            for (i, (x, y)) in ev.iter().zip(av).enumerate() {
                diff(&format!("{path}[{i}]"), x, y, out);
            }
        }
        (Value::String(es), Value::String(as_)) => {
            if es != as_ {
                let at = es.chars().zip(as_.chars()).take_while(|(x, y)| x == y).count();
                let from = at.saturating_sub(30);
                let window = |s: &str| s.chars().skip(from).take(80).collect::<String>();
                out.push(format!(
                    "{path}: strings differ at char {at}: expected …{:?}…, got …{:?}…",
                    window(es),
                    window(as_)
                ));
            }
        }
        (Value::Number(en), Value::Number(an)) => {
            if !numbers_equal(en, an) {
                let note = if en.is_f64() != an.is_f64() { format!(" ({} vs {})", kind(e), kind(a)) } else { String::new() };
                out.push(format!("{path}: expected {en}, got {an}{note}"));
            }
        }
        _ => {
            if e != a {
                out.push(format!(
                    "{path}: expected {} {}, got {} {}",
                    kind(e),
                    short(&canonical(e), 200),
                    kind(a),
                    short(&canonical(a), 200)
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn int_and_float_differ() {
        assert!(outputs_match(&json!({"a": 1}), &json!({"a": 1.0})).unwrap_err().contains("int vs float"));
        assert!(outputs_match(&json!(1.5), &json!(1.5)).is_ok());
        assert!(outputs_match(&json!(-0.0), &json!(0.0)).is_err());
        assert!(outputs_match(&json!("1"), &json!(1)).is_err());
    }

    #[test]
    fn big_integers_compare_exactly() {
        let parse = |s: &str| serde_json::from_str::<Value>(s).unwrap();
        let big = parse(r#"{"seq": 18849496460467696131}"#);
        assert!(outputs_match(&big, &parse(r#"{"seq": 18849496460467696131}"#)).is_ok());
        // The nearest double is a different number.
        assert!(outputs_match(&big, &parse(r#"{"seq": 1.8849496460467696e+19}"#)).is_err());
        assert!(outputs_match(&big, &parse(r#"{"seq": 18849496460467696130}"#)).is_err());
        // Float spellings of one double are equal.
        assert!(outputs_match(&parse("1e+16"), &parse("1e16")).is_ok());
    }

    #[test]
    fn key_order_ignored_list_order_not() {
        let a: Value = serde_json::from_str(r#"{"x":1,"y":[1,2]}"#).unwrap();
        let b: Value = serde_json::from_str(r#"{"y":[1,2],"x":1}"#).unwrap();
        assert!(outputs_match(&a, &b).is_ok());
        assert!(outputs_match(&json!([1, 2]), &json!([2, 1])).is_err());
    }

    #[test]
    fn top_level_defaults_tolerated_one_side_only() {
        let py = json!({"statusCode": 200, "body": "{\"a\": 1}"});
        let rs = json!({"statusCode": 200, "body": "{\"a\": 1}", "isBase64Encoded": false, "headers": {},
                        "multiValueHeaders": {}, "cookies": []});
        assert!(outputs_match(&py, &rs).is_ok());
        assert!(outputs_match(&rs, &py).is_ok());
        // Not at their default: a real difference.
        assert!(outputs_match(&py, &json!({"statusCode": 200, "body": "{\"a\": 1}", "isBase64Encoded": true})).is_err());
        assert!(outputs_match(&py, &json!({"statusCode": 200, "body": "{\"a\": 1}", "headers": {"a": "b"}})).is_err());
        // Only at the top level.
        assert!(outputs_match(&json!({"r": {}}), &json!({"r": {"headers": {}}})).is_err());
        // Both sides present: compared as usual.
        assert!(outputs_match(&json!({"headers": {}}), &json!({"headers": {"a": "b"}})).is_err());
    }

    #[test]
    fn string_diff_is_readable() {
        let err = outputs_match(&json!({"body": "{\"a\": 1, \"b\": 2}"}), &json!({"body": "{\"a\":1,\"b\":2}"})).unwrap_err();
        assert!(err.contains("$.body: strings differ at char 5"), "{err}");
        let err = outputs_match(&json!({"a b": [1]}), &json!({"a b": []})).unwrap_err();
        assert!(err.contains("$[\"a b\"]: list length 1 expected, got 0"), "{err}");
    }

    #[test]
    fn errors_compare_as_type_and_message() {
        let o = Outcome::Error {
            error_type: "KeyError".into(),
            error_message: "'userId'".into(),
            raw: json!({"errorType": "KeyError", "errorMessage": "'userId'", "stackTrace": []}),
        };
        assert!(outcome_matches(&json!({"errorType": "KeyError", "errorMessage": "'userId'"}), &o).is_ok());
        assert!(outcome_matches(&json!({"errorType": "KeyError", "errorMessage": "userId"}), &o).is_err());
        assert!(outcome_matches(&json!({}), &Outcome::Timeout).unwrap_err().contains("timed out"));
    }
}
