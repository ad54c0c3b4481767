//! Between `Py` and `serde_json::Value` (the Lambda event in, the response out).

use std::rc::Rc;

use indexmap::IndexMap;
use num_bigint::BigInt;
use serde_json::value::RawValue;
use serde_json::{Map, Number, Value};

use super::ops::{type_error, value_error};
use super::value::*;

impl Py {
    /// A JSON value as Python's `json.loads` builds it: objects become dicts in document
    /// order, integers `int` (beyond 64 bits as big ints), other numbers `float`.
    pub fn from_json(v: Value) -> Py {
        match v {
            Value::Null => Py::None,
            Value::Bool(b) => Py::Bool(b),
            Value::Number(n) => {
                if let Some(i) = n.as_i64() {
                    Py::Int(i)
                } else if n.is_f64() {
                    Py::Float(n.as_f64().unwrap_or(f64::NAN))
                } else {
                    // An integer beyond 64 bits: its text is kept (`arbitrary_precision`).
                    match n.to_string().parse::<BigInt>() {
                        Ok(b) => Py::BigInt(Rc::new(b)),
                        Err(_) => Py::Float(n.as_f64().unwrap_or(f64::NAN)),
                    }
                }
            }
            Value::String(s) => Py::from(s),
            Value::Array(a) => Py::list(a.into_iter().map(Py::from_json).collect::<Vec<_>>()),
            Value::Object(o) => {
                let mut m = IndexMap::with_capacity(o.len());
                for (k, v) in o {
                    m.insert(Key(Py::from(k)), Py::from_json(v));
                }
                Py::from_map(m)
            }
        }
    }

    /// This value as JSON, with `json.dumps`' rules: dict keys that are int/float/bool/None
    /// become strings as `json.dumps` writes them, tuples become arrays, and anything else
    /// raises `TypeError: Object of type set is not JSON serializable`. NaN/infinity raise
    /// `ValueError` (they have no JSON form); an int beyond 64 bits becomes a JSON number
    /// only when an `f64` holds it exactly, otherwise `OverflowError`.
    pub fn to_json(&self) -> PyResult<Value> {
        let mut stack = Vec::new();
        to_json(self, &mut stack)
    }
}

fn not_serializable(v: &Py) -> PyErr {
    type_error(format!("Object of type {} is not JSON serializable", v.type_name()))
}

/// A float as CPython's `json.dumps` spells it (`repr`: `1e+16`, `0.1`); `inf` and `nan`
/// have no JSON form.
fn float_json(f: f64) -> PyResult<Value> {
    if !f.is_finite() {
        return Err(value_error("Out of range float values are not JSON compliant"));
    }
    super::repr::float_repr(f)
        .parse::<Number>()
        .map(Value::Number)
        .map_err(|_| value_error("Out of range float values are not JSON compliant"))
}

fn json_key(k: &Py) -> PyResult<String> {
    Ok(match k {
        Py::Str(s) => s.to_string(),
        Py::Int(i) => i.to_string(),
        Py::BigInt(b) => b.to_string(),
        Py::Bool(true) => "true".into(),
        Py::Bool(false) => "false".into(),
        Py::None => "null".into(),
        Py::Float(f) if f.is_nan() => "NaN".into(),
        Py::Float(f) if f.is_infinite() => if *f > 0.0 { "Infinity" } else { "-Infinity" }.into(),
        Py::Float(f) => super::repr::float_repr(*f),
        _ => {
            return Err(type_error(format!(
                "keys must be str, int, float, bool or None, not {}",
                k.type_name()
            )))
        }
    })
}

fn to_json(v: &Py, stack: &mut Vec<usize>) -> PyResult<Value> {
    let enter = |stack: &mut Vec<usize>, p: usize| -> PyResult<()> {
        if stack.contains(&p) {
            return Err(value_error("Circular reference detected"));
        }
        stack.push(p);
        Ok(())
    };
    Ok(match v {
        Py::None => Value::Null,
        Py::Bool(b) => Value::Bool(*b),
        Py::Int(i) => Value::Number(Number::from(*i)),
        // Every digit, as CPython writes them (serde_json's `arbitrary_precision` keeps a
        // number's text).
        Py::BigInt(b) => Value::Number(
            b.to_string()
                .parse::<Number>()
                .map_err(|_| value_error(format!("int has no JSON form: {b}")))?,
        ),
        Py::Float(f) => float_json(*f)?,
        Py::Str(s) => Value::String(s.to_string()),
        Py::List(l) => {
            enter(stack, Rc::as_ptr(l) as *const u8 as usize)?;
            let items = l.borrow().clone();
            let out = items.iter().map(|x| to_json(x, stack)).collect::<PyResult<Vec<_>>>()?;
            stack.pop();
            Value::Array(out)
        }
        Py::Tuple(t) => Value::Array(t.iter().map(|x| to_json(x, stack)).collect::<PyResult<Vec<_>>>()?),
        Py::Dict(d) => {
            enter(stack, Rc::as_ptr(d) as *const u8 as usize)?;
            let items: Vec<(Py, Py)> = d.borrow().iter().map(|(k, v)| (k.0.clone(), v.clone())).collect();
            let mut m = Map::with_capacity(items.len());
            for (k, v) in items {
                let k = json_key(&k)?;
                m.insert(k, to_json(&v, stack)?);
            }
            stack.pop();
            Value::Object(m)
        }
        // A namedtuple is a tuple to json.dumps, which is what the corpus contract uses.
        Py::Object(o) if super::collections::namedtuple_items(&**o).is_some() => {
            let items = super::collections::namedtuple_items(&**o).unwrap_or_default();
            Value::Array(items.iter().map(|x| to_json(x, stack)).collect::<PyResult<Vec<_>>>()?)
        }
        Py::Object(o) => match o.to_json() {
            Some(r) => r?,
            None => return Err(not_serializable(v)),
        },
        _ => return Err(not_serializable(v)),
    })
}

/// The Lambda outcome of a handler's result: the JSON response, or
/// `(errorType, errorMessage)` — the exception's class name and `str(exc)`, or
/// `Runtime.MarshalError` with `json.dumps`'s message when the value has no JSON form.
/// (The corpus contract records `str(exc)`; AWS's runtime prefixes it with
/// "Unable to marshal response: ".)
pub fn lambda_result(r: PyResult<Py>) -> Result<Box<RawValue>, (String, String)> {
    match r {
        Ok(v) => super::json::response_text(&v)
            .and_then(|text| {
                RawValue::from_string(text).map_err(|e| value_error(format!("invalid JSON response: {e}")))
            })
            .map_err(|e| ("Runtime.MarshalError".to_string(), e.message())),
        Err(e) => Err((e.error_type().to_string(), e.message())),
    }
}
