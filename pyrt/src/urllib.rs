//! `urllib.parse`: quoting, unquoting, `urlencode`, `parse_qs`, `parse_qsl`, ported from
//! CPython 3.11's `Lib/urllib/parse.py`.

use std::rc::Rc;

use super::format::{to_str, type_err, value_err};
use super::value::*;

const ALWAYS_SAFE: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~";

/// `quote_from_bytes(bs, safe)`
pub fn quote_bytes(bs: &[u8], safe: &[u8]) -> String {
    let mut out = String::with_capacity(bs.len());
    for &b in bs {
        if ALWAYS_SAFE.contains(&b) || (b < 0x80 && safe.contains(&b)) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn safe_arg(v: Option<Py>, default: &str) -> PyResult<Vec<u8>> {
    match v {
        None => Ok(default.as_bytes().to_vec()),
        // str safe: encode('ascii', 'ignore')
        Some(Py::Str(s)) => Ok(s.bytes().filter(|b| *b < 0x80).collect()),
        Some(Py::Bytes(b)) => Ok(b.to_vec()),
        Some(other) => Err(type_err(format!("'{}' object is not iterable", other.type_name()))),
    }
}

fn quote_value(v: &Py, safe: &[u8]) -> PyResult<String> {
    match v {
        Py::Str(s) => Ok(quote_bytes(s.as_bytes(), safe)),
        Py::Bytes(b) => Ok(quote_bytes(b, safe)),
        _ => Err(type_err("quote_from_bytes() expected bytes")),
    }
}

fn quote_plus_value(v: &Py, safe: &[u8]) -> PyResult<String> {
    let has_space = match v {
        Py::Str(s) => s.contains(' '),
        Py::Bytes(b) => b.contains(&b' '),
        _ => false,
    };
    if !has_space {
        return quote_value(v, safe);
    }
    let mut safe2 = safe.to_vec();
    safe2.push(b' ');
    Ok(quote_value(v, &safe2)?.replace(' ', "+"))
}

/// `urllib.parse.quote(string, safe='/', encoding=None, errors=None)`
pub fn quote(a: Args) -> PyResult<Py> {
    let [s, safe, _enc, _err] = a.bind("quote", ["string", "safe", "encoding", "errors"], 1)?;
    let safe = safe_arg(safe, "/")?;
    Ok(Py::str(&quote_value(&s.unwrap(), &safe)?))
}

/// `urllib.parse.quote_plus(string, safe='', encoding=None, errors=None)`
pub fn quote_plus(a: Args) -> PyResult<Py> {
    let [s, safe, _enc, _err] = a.bind("quote_plus", ["string", "safe", "encoding", "errors"], 1)?;
    let safe = safe_arg(safe, "")?;
    Ok(Py::str(&quote_plus_value(&s.unwrap(), &safe)?))
}

fn hexval(c: u8) -> Option<u8> {
    (c as char).to_digit(16).map(|d| d as u8)
}

/// `unquote_to_bytes` for an ASCII string.
fn unquote_to_bytes(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if s[i] == b'%' && i + 2 < s.len() {
            if let (Some(h), Some(l)) = (hexval(s[i + 1]), hexval(s[i + 2])) {
                out.push(h * 16 + l);
                i += 3;
                continue;
            }
        }
        out.push(s[i]);
        i += 1;
    }
    out
}

/// `unquote(string)` with utf-8 and errors='replace'.
pub fn unquote_str(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    // Split into maximal ASCII / non-ASCII runs (`_asciire`); only ASCII runs are unquoted.
    let mut out = String::with_capacity(s.len());
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let ascii = bytes[i] < 0x80;
        let mut j = i;
        while j < bytes.len() && (bytes[j] < 0x80) == ascii {
            j += 1;
        }
        if ascii {
            out.push_str(&String::from_utf8_lossy(&unquote_to_bytes(&bytes[i..j])));
        } else {
            out.push_str(&s[i..j]);
        }
        i = j;
    }
    out
}

fn unquote_arg(v: &Py) -> PyResult<String> {
    match v {
        Py::Str(s) => Ok(unquote_str(s)),
        Py::Bytes(b) => Ok(String::from_utf8_lossy(&unquote_to_bytes(b)).into_owned()),
        other => {
            // `'%' not in string` on a non-str raises like CPython
            Err(type_err(format!("argument of type '{}' is not iterable", other.type_name())))
        }
    }
}

/// `urllib.parse.unquote(string, encoding='utf-8', errors='replace')`
pub fn unquote(a: Args) -> PyResult<Py> {
    let [s, _enc, _err] = a.bind("unquote", ["string", "encoding", "errors"], 1)?;
    Ok(Py::str(&unquote_arg(&s.unwrap())?))
}

/// `urllib.parse.unquote_plus(string, encoding='utf-8', errors='replace')`
pub fn unquote_plus(a: Args) -> PyResult<Py> {
    let [s, _enc, _err] = a.bind("unquote_plus", ["string", "encoding", "errors"], 1)?;
    match s.unwrap() {
        Py::Str(s) => Ok(Py::str(&unquote_str(&s.replace('+', " ")))),
        Py::Bytes(_) => Err(type_err("a bytes-like object is required, not 'str'")),
        other => Err(PyErr::msg(
            &exc::ATTRIBUTE_ERROR,
            format!("'{}' object has no attribute 'replace'", other.type_name()),
        )),
    }
}

fn parse_pairs(qs: &str, keep_blank: bool, strict: bool, sep: &str, max_fields: Option<i64>) -> PyResult<Vec<(String, String)>> {
    if let Some(m) = max_fields {
        let n = if qs.is_empty() { 0 } else { 1 + qs.matches(sep).count() as i64 };
        if m < n {
            return Err(value_err("Max number of fields exceeded"));
        }
    }
    let mut out = Vec::new();
    if qs.is_empty() {
        return Ok(out);
    }
    for nv in qs.split(sep) {
        if nv.is_empty() && !strict {
            continue;
        }
        let (name, value) = match nv.split_once('=') {
            Some((n, v)) => (n, v),
            None => {
                if strict {
                    return Err(value_err(format!("bad query field: {}", super::repr::str_repr(nv))));
                }
                if keep_blank {
                    (nv, "")
                } else {
                    continue;
                }
            }
        };
        if !value.is_empty() || keep_blank {
            out.push((unquote_str(&name.replace('+', " ")), unquote_str(&value.replace('+', " "))));
        }
    }
    Ok(out)
}

fn qs_args(a: Args, fname: &str) -> PyResult<(Vec<(String, String)>, bool)> {
    let [qs, keep, strict, _enc, _err, max, sep] = a.bind(
        fname,
        ["qs", "keep_blank_values", "strict_parsing", "encoding", "errors", "max_num_fields", "separator"],
        1,
    )?;
    let (qs, is_bytes) = match qs.unwrap() {
        Py::Str(s) => (s.to_string(), false),
        Py::Bytes(b) => (String::from_utf8_lossy(&b).into_owned(), true),
        Py::None => (String::new(), false),
        other if !other.truthy() => (String::new(), false),
        other => return Err(PyErr::msg(&exc::ATTRIBUTE_ERROR, format!("'{}' object has no attribute 'decode'", other.type_name()))),
    };
    let sep = match sep {
        None => "&".to_string(),
        Some(Py::Str(s)) if !s.is_empty() => s.to_string(),
        Some(Py::Bytes(b)) if !b.is_empty() => String::from_utf8_lossy(&b).into_owned(),
        Some(_) => return Err(value_err("Separator must be of type string or bytes.")),
    };
    let max = match max {
        None | Some(Py::None) => None,
        Some(Py::Int(n)) => Some(n),
        Some(other) => return Err(type_err(format!("'<' not supported between instances of '{}' and 'int'", other.type_name()))),
    };
    let keep = keep.map(|v| v.truthy()).unwrap_or(false);
    let strict = strict.map(|v| v.truthy()).unwrap_or(false);
    Ok((parse_pairs(&qs, keep, strict, &sep, max)?, is_bytes))
}

fn text(s: String, as_bytes: bool) -> Py {
    if as_bytes {
        Py::Bytes(Rc::from(s.into_bytes()))
    } else {
        Py::from(s)
    }
}

/// `urllib.parse.parse_qsl(qs, keep_blank_values=False, strict_parsing=False, ...)`
pub fn parse_qsl(a: Args) -> PyResult<Py> {
    let (pairs, b) = qs_args(a, "parse_qsl")?;
    Ok(Py::list(pairs.into_iter().map(|(k, v)| Py::tuple(vec![text(k, b), text(v, b)])).collect()))
}

/// `urllib.parse.parse_qs(qs, keep_blank_values=False, strict_parsing=False, ...)`
pub fn parse_qs(a: Args) -> PyResult<Py> {
    let (pairs, b) = qs_args(a, "parse_qs")?;
    let mut grouped: indexmap::IndexMap<String, Vec<Py>> = indexmap::IndexMap::new();
    for (k, v) in pairs {
        grouped.entry(k).or_default().push(text(v, b));
    }
    Py::dict(grouped.into_iter().map(|(k, vs)| (text(k, b), Py::list(vs))).collect())
}

/// `urllib.parse.urlencode(query, doseq=False, safe='', encoding=None, errors=None, quote_via=quote_plus)`
pub fn urlencode(a: Args) -> PyResult<Py> {
    let [query, doseq, safe, enc, err, quote_via] =
        a.bind("urlencode", ["query", "doseq", "safe", "encoding", "errors", "quote_via"], 1)?;
    let (enc, err) = (enc.unwrap_or(Py::None), err.unwrap_or(Py::None));
    let query = query.unwrap();
    let doseq = doseq.map(|v| v.truthy()).unwrap_or(false);
    let safe_py = safe.clone().unwrap_or_else(|| Py::str(""));
    let safe = safe_arg(safe, "")?;
    let quote_via = quote_via.filter(|v| !v.is_none());
    let q = |v: &Py| -> PyResult<String> {
        match &quote_via {
            None => quote_plus_value(v, &safe),
            // CPython passes (str, safe, encoding, errors) for str and (bytes, safe) for bytes
            Some(f) => to_str(&f.call(Args::pos(match v {
                Py::Bytes(_) => vec![v.clone(), safe_py.clone()],
                _ => vec![v.clone(), safe_py.clone(), enc.clone(), err.clone()],
            }))?),
        }
    };
    let as_text = |v: &Py| -> PyResult<Py> {
        Ok(match v {
            Py::Bytes(_) | Py::Str(_) => v.clone(),
            other => Py::from(to_str(other)?),
        })
    };
    let pairs: Vec<(Py, Py)> = match &query {
        Py::Dict(d) => d.borrow().iter().map(|(k, v)| (k.0.clone(), v.clone())).collect(),
        Py::Object(_) => {
            let items = query.call_method("items", Args::default())?;
            let mut out = Vec::new();
            let mut it = items.iter()?;
            for item in &mut it {
                let kv = item?.unpack(2)?;
                out.push((kv[0].clone(), kv[1].clone()));
            }
            out
        }
        Py::List(_) | Py::Tuple(_) => {
            let items: Vec<Py> = match &query {
                Py::List(l) => l.borrow().clone(),
                Py::Tuple(t) => t.to_vec(),
                _ => unreachable!(),
            };
            if !items.is_empty() && !matches!(items[0], Py::Tuple(_)) {
                return Err(type_err("not a valid non-string sequence or mapping object"));
            }
            let mut out = Vec::new();
            for item in items {
                let kv = item.unpack(2)?;
                out.push((kv[0].clone(), kv[1].clone()));
            }
            out
        }
        Py::Str(s) if s.is_empty() => Vec::new(),
        _ => return Err(type_err("not a valid non-string sequence or mapping object")),
    };
    let mut parts = Vec::new();
    for (k, v) in pairs {
        let k = q(&as_text(&k)?)?;
        if !doseq {
            parts.push(format!("{k}={}", q(&as_text(&v)?)?));
            continue;
        }
        match &v {
            Py::Bytes(_) | Py::Str(_) => parts.push(format!("{k}={}", q(&v)?)),
            Py::List(_) | Py::Tuple(_) | Py::Dict(_) | Py::Set(_) | Py::FrozenSet(_) => {
                let mut it = v.iter()?;
                for elt in &mut it {
                    parts.push(format!("{k}={}", q(&as_text(&elt?)?)?));
                }
            }
            other => parts.push(format!("{k}={}", q(&as_text(other)?)?)),
        }
    }
    Ok(Py::from(parts.join("&")))
}
