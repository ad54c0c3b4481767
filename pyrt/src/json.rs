//! `json.loads` / `json.dumps`: a port of CPython 3.11's `json` package (the C scanner
//! `Modules/_json.c` for decoding, `json/encoder.py` for encoding), with its exact error
//! messages and positions.

use std::rc::Rc;

use num_bigint::BigInt;

use super::format::{int_from_bigint, type_err, value_err};
use super::value::*;

// ---------------------------------------------------------------------------------------
// Decoding
// ---------------------------------------------------------------------------------------

/// Build a `json.JSONDecodeError` exactly as `JSONDecodeError(msg, doc, pos)` does.
fn decode_error(msg: &str, doc: &[char], pos: usize) -> PyErr {
    let before = &doc[..pos.min(doc.len())];
    let lineno = before.iter().filter(|c| **c == '\n').count() + 1;
    let colno = match before.iter().rposition(|c| *c == '\n') {
        Some(nl) => pos - nl,
        None => pos + 1,
    };
    let full = format!("{msg}: line {lineno} column {colno} (char {pos})");
    let doc_s: String = doc.iter().collect();
    PyErr::new(&exc::JSON_DECODE_ERROR, vec![Py::str(&full)])
        .with_attr("msg", Py::str(msg))
        .with_attr("doc", Py::str(&doc_s))
        .with_attr("pos", Py::Int(pos as i64))
        .with_attr("lineno", Py::Int(lineno as i64))
        .with_attr("colno", Py::Int(colno as i64))
}

enum ScanErr {
    /// StopIteration(idx): becomes "Expecting value" at the top level.
    Stop(usize),
    Err(PyErr),
}

impl From<PyErr> for ScanErr {
    fn from(e: PyErr) -> ScanErr {
        ScanErr::Err(e)
    }
}

type ScanResult = Result<(Py, usize), ScanErr>;

const MAX_DEPTH: usize = 990;

struct Scanner<'a> {
    s: &'a [char],
    depth: usize,
    hooks: Hooks,
}

/// `json.loads`' hooks (`parse_float=Decimal`, `object_hook=...`); `None` = the default.
#[derive(Default)]
struct Hooks {
    object_hook: Option<Py>,
    object_pairs_hook: Option<Py>,
    parse_float: Option<Py>,
    parse_int: Option<Py>,
    parse_constant: Option<Py>,
}

fn call_hook(hook: &Py, arg: Py) -> Result<Py, ScanErr> {
    hook.call(Args::pos(vec![arg])).map_err(ScanErr::Err)
}

fn is_ws(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

impl<'a> Scanner<'a> {
    fn err(&self, msg: &str, pos: usize) -> ScanErr {
        ScanErr::Err(decode_error(msg, self.s, pos))
    }

    fn skip_ws(&self, mut idx: usize) -> usize {
        while idx < self.s.len() && is_ws(self.s[idx]) {
            idx += 1;
        }
        idx
    }

    fn at(&self, idx: usize) -> Option<char> {
        self.s.get(idx).copied()
    }

    fn matches(&self, idx: usize, word: &str) -> bool {
        let w: Vec<char> = word.chars().collect();
        idx + w.len() <= self.s.len() && self.s[idx..idx + w.len()] == w[..]
    }

    fn scan_once(&mut self, idx: usize) -> ScanResult {
        let s = self.s;
        if idx >= s.len() {
            return Err(ScanErr::Stop(idx));
        }
        match s[idx] {
            '"' => {
                let (v, end) = self.scanstring(idx + 1)?;
                return Ok((Py::Str(Rc::from(v.as_str())), end));
            }
            '{' => {
                if self.depth >= MAX_DEPTH {
                    return Err(ScanErr::Err(PyErr::msg(
                        &exc::RECURSION_ERROR,
                        "maximum recursion depth exceeded while decoding a JSON object from a unicode string",
                    )));
                }
                self.depth += 1;
                let r = self.parse_object(idx + 1);
                self.depth -= 1;
                return r;
            }
            '[' => {
                if self.depth >= MAX_DEPTH {
                    return Err(ScanErr::Err(PyErr::msg(
                        &exc::RECURSION_ERROR,
                        "maximum recursion depth exceeded while decoding a JSON array from a unicode string",
                    )));
                }
                self.depth += 1;
                let r = self.parse_array(idx + 1);
                self.depth -= 1;
                return r;
            }
            'n' if self.matches(idx, "null") => return Ok((Py::None, idx + 4)),
            't' if self.matches(idx, "true") => return Ok((Py::Bool(true), idx + 4)),
            'f' if self.matches(idx, "false") => return Ok((Py::Bool(false), idx + 5)),
            'N' if self.matches(idx, "NaN") => return self.constant("NaN", f64::NAN, idx + 3),
            'I' if self.matches(idx, "Infinity") => return self.constant("Infinity", f64::INFINITY, idx + 8),
            '-' if self.matches(idx, "-Infinity") => {
                return self.constant("-Infinity", f64::NEG_INFINITY, idx + 9)
            }
            _ => {}
        }
        self.match_number(idx)
    }

    fn constant(&self, name: &str, value: f64, end: usize) -> ScanResult {
        match &self.hooks.parse_constant {
            Some(hook) => Ok((call_hook(hook, Py::str(name))?, end)),
            None => Ok((Py::Float(value), end)),
        }
    }

    fn match_number(&self, start: usize) -> ScanResult {
        let s = self.s;
        let digit = |i: usize| s.get(i).map(|c| c.is_ascii_digit()).unwrap_or(false);
        let mut idx = start;
        if s[idx] == '-' {
            idx += 1;
            if idx >= s.len() {
                return Err(ScanErr::Stop(start));
            }
        }
        if ('1'..='9').contains(&s[idx]) {
            idx += 1;
            while digit(idx) {
                idx += 1;
            }
        } else if s[idx] == '0' {
            idx += 1;
        } else {
            return Err(ScanErr::Stop(start));
        }
        let mut is_float = false;
        if idx + 1 < s.len() && s[idx] == '.' && digit(idx + 1) {
            is_float = true;
            idx += 2;
            while digit(idx) {
                idx += 1;
            }
        }
        if idx + 1 < s.len() && (s[idx] == 'e' || s[idx] == 'E') {
            let e_start = idx;
            idx += 1;
            if idx + 1 < s.len() && (s[idx] == '-' || s[idx] == '+') {
                idx += 1;
            }
            while digit(idx) {
                idx += 1;
            }
            if s[idx - 1].is_ascii_digit() {
                is_float = true;
            } else {
                idx = e_start;
            }
        }
        let text: String = s[start..idx].iter().collect();
        let hook = if is_float { &self.hooks.parse_float } else { &self.hooks.parse_int };
        if let Some(hook) = hook {
            return Ok((call_hook(hook, Py::from(text))?, idx));
        }
        if is_float {
            let f: f64 = text.parse().unwrap_or(f64::NAN);
            Ok((Py::Float(f), idx))
        } else {
            Ok((parse_int(&text)?, idx))
        }
    }

    fn scanstring(&self, mut end: usize) -> Result<(String, usize), ScanErr> {
        let s = self.s;
        let len = s.len();
        let begin = end - 1;
        let mut out = String::new();
        loop {
            let mut next = end;
            while next < len {
                let d = s[next];
                if d == '"' || d == '\\' {
                    break;
                }
                if (d as u32) <= 0x1f {
                    return Err(self.err("Invalid control character at", next));
                }
                next += 1;
            }
            if next >= len {
                return Err(self.err("Unterminated string starting at", begin));
            }
            out.extend(&s[end..next]);
            let c = s[next];
            next += 1;
            if c == '"' {
                end = next;
                break;
            }
            if next == len {
                return Err(self.err("Unterminated string starting at", begin));
            }
            let c = s[next];
            if c != 'u' {
                end = next + 1;
                let ch = match c {
                    '"' => '"',
                    '\\' => '\\',
                    '/' => '/',
                    'b' => '\u{8}',
                    'f' => '\u{c}',
                    'n' => '\n',
                    'r' => '\r',
                    't' => '\t',
                    _ => return Err(self.err("Invalid \\escape", end - 2)),
                };
                out.push(ch);
            } else {
                next += 1;
                end = next + 4;
                if end >= len {
                    return Err(self.err("Invalid \\uXXXX escape", next - 1));
                }
                let mut cp: u32 = 0;
                while next < end {
                    match s[next].to_digit(16) {
                        Some(d) if s[next].is_ascii() => cp = (cp << 4) | d,
                        _ => return Err(self.err("Invalid \\uXXXX escape", end - 5)),
                    }
                    next += 1;
                }
                if (0xd800..0xdc00).contains(&cp) && end + 6 < len && s[next] == '\\' && s[next + 1] == 'u' {
                    next += 2;
                    let mut c2: u32 = 0;
                    end += 6;
                    while next < end {
                        match s[next].to_digit(16) {
                            Some(d) if s[next].is_ascii() => c2 = (c2 << 4) | d,
                            _ => return Err(self.err("Invalid \\uXXXX escape", end - 5)),
                        }
                        next += 1;
                    }
                    if (0xdc00..0xe000).contains(&c2) {
                        cp = 0x10000 + (((cp - 0xd800) << 10) | (c2 - 0xdc00));
                    } else {
                        end -= 6;
                    }
                }
                // A lone surrogate cannot live in a Rust string: U+FFFD stands in for it.
                out.push(char::from_u32(cp).unwrap_or('\u{fffd}'));
            }
        }
        Ok((out, end))
    }

    fn parse_object(&mut self, idx: usize) -> ScanResult {
        let s = self.s;
        let mut idx = self.skip_ws(idx);
        let mut pairs: Vec<(Py, Py)> = Vec::new();
        if self.at(idx) != Some('}') {
            loop {
                if self.at(idx) != Some('"') {
                    return Err(self.err("Expecting property name enclosed in double quotes", idx));
                }
                let (key, next) = self.scanstring(idx + 1)?;
                idx = self.skip_ws(next);
                if self.at(idx) != Some(':') {
                    return Err(self.err("Expecting ':' delimiter", idx));
                }
                idx = self.skip_ws(idx + 1);
                let (val, next) = self.scan_once(idx)?;
                pairs.push((Py::str(&key), val));
                idx = self.skip_ws(next);
                if self.at(idx) == Some('}') {
                    break;
                }
                if self.at(idx) != Some(',') {
                    return Err(self.err("Expecting ',' delimiter", idx));
                }
                idx = self.skip_ws(idx + 1);
            }
        }
        let _ = s;
        if let Some(hook) = &self.hooks.object_pairs_hook {
            let pairs: Vec<Py> = pairs.into_iter().map(|(k, v)| Py::tuple(vec![k, v])).collect();
            return Ok((call_hook(hook, Py::list(pairs))?, idx + 1));
        }
        let dict = Py::dict(pairs)?;
        match &self.hooks.object_hook {
            Some(hook) => Ok((call_hook(hook, dict)?, idx + 1)),
            None => Ok((dict, idx + 1)),
        }
    }

    fn parse_array(&mut self, idx: usize) -> ScanResult {
        let mut idx = self.skip_ws(idx);
        let mut items = Vec::new();
        if self.at(idx) != Some(']') {
            loop {
                let (val, next) = self.scan_once(idx)?;
                items.push(val);
                idx = self.skip_ws(next);
                if self.at(idx) == Some(']') {
                    break;
                }
                if self.at(idx) != Some(',') {
                    return Err(self.err("Expecting ',' delimiter", idx));
                }
                idx = self.skip_ws(idx + 1);
            }
        }
        Ok((Py::list(items), idx + 1))
    }
}

/// `int(text)` for an optional '-' followed by ASCII digits, with CPython's digit limit.
pub(crate) fn parse_int(text: &str) -> PyResult<Py> {
    if let Ok(i) = text.parse::<i64>() {
        return Ok(Py::Int(i));
    }
    let ndigits = text.trim_start_matches('-').len();
    if ndigits > 4300 {
        return Err(value_err(format!(
            "Exceeds the limit (4300 digits) for integer string conversion: value has {ndigits} digits; use sys.set_int_max_str_digits() to increase the limit"
        )));
    }
    let b: BigInt = text.parse().map_err(|_| value_err(format!("invalid literal for int() with base 10: '{text}'")))?;
    Ok(int_from_bigint(b))
}

/// `bytes.decode('utf-8')` with CPython's UnicodeDecodeError message.
pub(crate) fn decode_utf8(b: &[u8]) -> PyResult<String> {
    match std::str::from_utf8(b) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let start = e.valid_up_to();
            let byte = b[start];
            let (end, reason) = match e.error_len() {
                None => (b.len(), "unexpected end of data"),
                Some(n) => {
                    let valid_start = matches!(byte, 0xc2..=0xf4);
                    (start + n, if valid_start { "invalid continuation byte" } else { "invalid start byte" })
                }
            };
            let msg = if end - start == 1 {
                format!("'utf-8' codec can't decode byte 0x{byte:02x} in position {start}: {reason}")
            } else {
                format!("'utf-8' codec can't decode bytes in position {start}-{}: {reason}", end - 1)
            };
            Err(PyErr::msg(&exc::UNICODE_DECODE_ERROR, msg)
                .with_attr("encoding", Py::str("utf-8"))
                .with_attr("start", Py::Int(start as i64))
                .with_attr("end", Py::Int(end as i64))
                .with_attr("reason", Py::str(reason)))
        }
    }
}

fn decode_utf16(b: &[u8], little: bool) -> PyResult<String> {
    let enc = if little { "utf-16-le" } else { "utf-16-be" };
    if b.len() % 2 == 1 {
        let pos = b.len() - 1;
        return Err(PyErr::msg(
            &exc::UNICODE_DECODE_ERROR,
            format!("'{enc}' codec can't decode byte 0x{:02x} in position {pos}: truncated data", b[pos]),
        ));
    }
    let units: Vec<u16> = b
        .chunks(2)
        .map(|c| if little { u16::from_le_bytes([c[0], c[1]]) } else { u16::from_be_bytes([c[0], c[1]]) })
        .collect();
    Ok(char::decode_utf16(units).map(|r| r.unwrap_or('\u{fffd}')).collect())
}

#[allow(clippy::manual_is_multiple_of)]
fn decode_utf32(b: &[u8], little: bool) -> PyResult<String> {
    let enc = if little { "utf-32-le" } else { "utf-32-be" };
    if b.len() % 4 != 0 {
        let pos = b.len() - b.len() % 4;
        return Err(PyErr::msg(
            &exc::UNICODE_DECODE_ERROR,
            format!("'{enc}' codec can't decode bytes in position {pos}-{}: truncated data", b.len() - 1),
        ));
    }
    let mut out = String::new();
    for (k, c) in b.chunks(4).enumerate() {
        let cp = if little { u32::from_le_bytes([c[0], c[1], c[2], c[3]]) } else { u32::from_be_bytes([c[0], c[1], c[2], c[3]]) };
        match char::from_u32(cp) {
            Some(ch) => out.push(ch),
            None => {
                return Err(PyErr::msg(
                    &exc::UNICODE_DECODE_ERROR,
                    format!("'{enc}' codec can't decode bytes in position {}-{}: code point not in range(0x110000)", k * 4, k * 4 + 3),
                ))
            }
        }
    }
    Ok(out)
}

/// `json.detect_encoding(b)` followed by `b.decode(encoding)`.
fn decode_bytes(b: &[u8]) -> PyResult<String> {
    if b.starts_with(&[0, 0, 0xfe, 0xff]) {
        return decode_utf32(&b[4..], false);
    }
    if b.starts_with(&[0xff, 0xfe, 0, 0]) {
        return decode_utf32(&b[4..], true);
    }
    if b.starts_with(&[0xfe, 0xff]) {
        return decode_utf16(&b[2..], false);
    }
    if b.starts_with(&[0xff, 0xfe]) {
        return decode_utf16(&b[2..], true);
    }
    if b.starts_with(&[0xef, 0xbb, 0xbf]) {
        return decode_utf8(&b[3..]);
    }
    if b.len() >= 4 {
        if b[0] == 0 {
            return if b[1] != 0 { decode_utf16(b, false) } else { decode_utf32(b, false) };
        }
        if b[1] == 0 {
            return if b[2] != 0 || b[3] != 0 { decode_utf16(b, true) } else { decode_utf32(b, true) };
        }
    } else if b.len() == 2 {
        if b[0] == 0 {
            return decode_utf16(b, false);
        }
        if b[1] == 0 {
            return decode_utf16(b, true);
        }
    }
    decode_utf8(b)
}

/// Decode a whole document (what `json.loads` does after type checks).
pub fn decode_str(text: &str) -> PyResult<Py> {
    decode_with(text, Hooks::default())
}

fn decode_with(text: &str, hooks: Hooks) -> PyResult<Py> {
    let chars: Vec<char> = text.chars().collect();
    if chars.first() == Some(&'\u{feff}') {
        return Err(decode_error("Unexpected UTF-8 BOM (decode using utf-8-sig)", &chars, 0));
    }
    let mut sc = Scanner { s: &chars, depth: 0, hooks };
    let idx = sc.skip_ws(0);
    let (value, end) = match sc.scan_once(idx) {
        Ok(r) => r,
        Err(ScanErr::Stop(pos)) => return Err(decode_error("Expecting value", &chars, pos)),
        Err(ScanErr::Err(e)) => return Err(e),
    };
    let end = sc.skip_ws(end);
    if end != chars.len() {
        return Err(decode_error("Extra data", &chars, end));
    }
    Ok(value)
}

/// `json.loads(s)`
pub fn loads(a: Args) -> PyResult<Py> {
    let [s, _cls, object_hook, parse_float, parse_int_, parse_constant, object_pairs_hook] = a.bind(
        "loads",
        ["s", "cls", "object_hook", "parse_float", "parse_int", "parse_constant", "object_pairs_hook"],
        1,
    )?;
    let s = s.unwrap();
    let text = match &s {
        Py::Str(t) => t.to_string(),
        Py::Bytes(b) => decode_bytes(b)?,
        other => {
            return Err(type_err(format!(
                "the JSON object must be str, bytes or bytearray, not {}",
                other.type_name()
            )))
        }
    };
    let hook = |h: Option<Py>| h.filter(|v| !v.is_none());
    let hooks = Hooks {
        object_hook: hook(object_hook),
        object_pairs_hook: hook(object_pairs_hook),
        parse_float: hook(parse_float),
        parse_int: hook(parse_int_),
        parse_constant: hook(parse_constant),
    };
    decode_with(&text, hooks)
}

// ---------------------------------------------------------------------------------------
// Encoding
// ---------------------------------------------------------------------------------------

struct Encoder {
    indent: Option<String>,
    item_sep: String,
    key_sep: String,
    sort_keys: bool,
    ensure_ascii: bool,
    skipkeys: bool,
    allow_nan: bool,
    check_circular: bool,
    default: Option<Py>,
    markers: Vec<usize>,
}

/// A JSON string literal, as `json.encoder.(py_)encode_basestring(_ascii)` produces it.
pub fn encode_string(s: &str, ensure_ascii: bool, out: &mut String) {
    out.push('"');
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c if ensure_ascii && (c as u32) > 0x7e => {
                let cp = c as u32;
                if cp >= 0x10000 {
                    let v = cp - 0x10000;
                    out.push_str(&format!("\\u{:04x}\\u{:04x}", 0xd800 | (v >> 10), 0xdc00 | (v & 0x3ff)));
                } else {
                    out.push_str(&format!("\\u{:04x}", cp));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn ptr_of(v: &Py) -> Option<usize> {
    match v {
        Py::List(l) => Some(Rc::as_ptr(l) as *const u8 as usize),
        Py::Dict(d) => Some(Rc::as_ptr(d) as *const u8 as usize),
        Py::Tuple(t) => Some(t.as_ptr() as *const u8 as usize),
        Py::Object(o) => Some(Rc::as_ptr(o) as *const u8 as usize),
        Py::Set(s) => Some(Rc::as_ptr(s) as *const u8 as usize),
        _ => None,
    }
}

/// `sorted(items)` for (key, value) pairs, raising the TypeError of the first failing key
/// comparison in the order CPython's list.sort performs them (run detection + binary
/// insertion; exact for fewer than 64 keys, which is what the sort uses then).
pub(crate) fn sort_pairs(items: &mut [(Py, Py)]) -> PyResult<()> {
    let lt = |a: &Py, b: &Py| -> PyResult<bool> { a.lt(b) };
    let n = items.len();
    if n < 2 {
        return Ok(());
    }
    // count_run
    let mut run = 2;
    let descending = lt(&items[1].0, &items[0].0)?;
    if descending {
        while run < n && lt(&items[run].0, &items[run - 1].0)? {
            run += 1;
        }
        items[..run].reverse();
    } else {
        while run < n && !lt(&items[run].0, &items[run - 1].0)? {
            run += 1;
        }
    }
    // binary insertion of the rest
    for start in run..n {
        let pivot = items[start].clone();
        let (mut l, mut r) = (0, start);
        while l < r {
            let p = l + (r - l) / 2;
            if lt(&pivot.0, &items[p].0)? {
                r = p;
            } else {
                l = p + 1;
            }
        }
        items[l..=start].rotate_right(1);
    }
    Ok(())
}

impl Encoder {
    fn float_str(&self, f: f64) -> PyResult<String> {
        let text = if f.is_nan() {
            "NaN".to_string()
        } else if f == f64::INFINITY {
            "Infinity".to_string()
        } else if f == f64::NEG_INFINITY {
            "-Infinity".to_string()
        } else {
            return Ok(super::repr::float_repr(f));
        };
        if !self.allow_nan {
            return Err(if self.indent.is_some() {
                value_err(format!(
                    "Out of range float values are not JSON compliant: {}",
                    if f.is_nan() { "nan" } else if f > 0.0 { "inf" } else { "-inf" }
                ))
            } else {
                value_err("Out of range float values are not JSON compliant")
            });
        }
        Ok(text)
    }

    fn enter(&mut self, v: &Py) -> PyResult<Option<usize>> {
        if !self.check_circular {
            return Ok(None);
        }
        match ptr_of(v) {
            Some(p) => {
                if self.markers.contains(&p) {
                    return Err(value_err("Circular reference detected"));
                }
                self.markers.push(p);
                Ok(Some(p))
            }
            None => Ok(None),
        }
    }

    fn leave(&mut self, marker: Option<usize>) {
        if marker.is_some() {
            self.markers.pop();
        }
    }

    fn encode(&mut self, v: &Py, level: usize, out: &mut String) -> PyResult<()> {
        match v {
            Py::None => out.push_str("null"),
            Py::Bool(true) => out.push_str("true"),
            Py::Bool(false) => out.push_str("false"),
            Py::Int(i) => out.push_str(&i.to_string()),
            Py::BigInt(b) => out.push_str(&b.to_string()),
            Py::Float(f) => out.push_str(&self.float_str(*f)?),
            Py::Str(s) => encode_string(s, self.ensure_ascii, out),
            Py::List(l) => {
                let items = l.borrow().clone();
                self.encode_list(v, &items, level, out)?;
            }
            Py::Tuple(t) => {
                let items = t.to_vec();
                self.encode_list(v, &items, level, out)?;
            }
            Py::Dict(d) => {
                let items: Vec<(Py, Py)> = d.borrow().iter().map(|(k, v)| (k.0.clone(), v.clone())).collect();
                self.encode_dict(v, items, level, out)?;
            }
            Py::Object(o) if o.to_json().is_some() => {
                let j = o.to_json().unwrap()?;
                let py = from_serde(&j)?;
                self.encode(&py, level, out)?;
            }
            _ => {
                let default = match &self.default {
                    Some(d) => d.clone(),
                    None => {
                        return Err(type_err(format!(
                            "Object of type {} is not JSON serializable",
                            v.type_name()
                        )))
                    }
                };
                let marker = self.enter(v)?;
                let replaced = default.call(Args::pos(vec![v.clone()]))?;
                self.encode(&replaced, level, out)?;
                self.leave(marker);
            }
        }
        Ok(())
    }

    fn encode_list(&mut self, v: &Py, items: &[Py], level: usize, out: &mut String) -> PyResult<()> {
        if items.is_empty() {
            out.push_str("[]");
            return Ok(());
        }
        let marker = self.enter(v)?;
        out.push('[');
        let (newline_indent, level) = match &self.indent {
            Some(ind) => (Some(format!("\n{}", ind.repeat(level + 1))), level + 1),
            None => (None, level),
        };
        if let Some(nl) = &newline_indent {
            out.push_str(nl);
        }
        for (k, item) in items.iter().enumerate() {
            if k > 0 {
                out.push_str(&self.item_sep);
                if let Some(nl) = &newline_indent {
                    out.push_str(nl);
                }
            }
            self.encode(item, level, out)?;
        }
        if newline_indent.is_some() {
            out.push('\n');
            out.push_str(&self.indent.as_ref().unwrap().repeat(level - 1));
        }
        out.push(']');
        self.leave(marker);
        Ok(())
    }

    fn encode_dict(&mut self, v: &Py, mut items: Vec<(Py, Py)>, level: usize, out: &mut String) -> PyResult<()> {
        if items.is_empty() {
            out.push_str("{}");
            return Ok(());
        }
        let marker = self.enter(v)?;
        out.push('{');
        let (newline_indent, level) = match &self.indent {
            Some(ind) => (Some(format!("\n{}", ind.repeat(level + 1))), level + 1),
            None => (None, level),
        };
        if let Some(nl) = &newline_indent {
            out.push_str(nl);
        }
        if self.sort_keys {
            sort_pairs(&mut items)?;
        }
        let mut first = true;
        for (key, value) in items.iter() {
            let key_s = match key {
                Py::Str(s) => s.to_string(),
                Py::Float(f) => self.float_str(*f)?,
                Py::Bool(true) => "true".into(),
                Py::Bool(false) => "false".into(),
                Py::None => "null".into(),
                Py::Int(i) => i.to_string(),
                Py::BigInt(b) => b.to_string(),
                // A `(str, Enum)` / `IntEnum` member is its value.
                Py::Object(o) if matches!(o.builtin_value(), Some(Py::Str(_) | Py::Int(_) | Py::BigInt(_) | Py::Float(_) | Py::Bool(_))) => {
                    match o.builtin_value() {
                        Some(Py::Str(s)) => s.to_string(),
                        Some(Py::Int(i)) => i.to_string(),
                        Some(Py::BigInt(b)) => b.to_string(),
                        Some(Py::Float(f)) => self.float_str(f)?,
                        Some(Py::Bool(b)) => if b { "true".into() } else { "false".into() },
                        _ => continue,
                    }
                }
                _ if self.skipkeys => continue,
                other => {
                    return Err(type_err(format!(
                        "keys must be str, int, float, bool or None, not {}",
                        other.type_name()
                    )))
                }
            };
            if !first {
                out.push_str(&self.item_sep);
                if let Some(nl) = &newline_indent {
                    out.push_str(nl);
                }
            }
            first = false;
            encode_string(&key_s, self.ensure_ascii, out);
            out.push_str(&self.key_sep);
            self.encode(value, level, out)?;
        }
        if newline_indent.is_some() {
            out.push('\n');
            out.push_str(&self.indent.as_ref().unwrap().repeat(level - 1));
        }
        out.push('}');
        self.leave(marker);
        Ok(())
    }
}

/// A `serde_json::Value` as a Python value (for objects that define their JSON form).
pub(crate) fn from_serde(v: &serde_json::Value) -> PyResult<Py> {
    use serde_json::Value as J;
    Ok(match v {
        J::Null => Py::None,
        J::Bool(b) => Py::Bool(*b),
        J::Number(n) => {
            if let Some(i) = n.as_i64() {
                Py::Int(i)
            } else if n.is_f64() {
                Py::Float(n.as_f64().unwrap())
            } else {
                parse_int(&n.to_string())?
            }
        }
        J::String(s) => Py::str(s),
        J::Array(a) => Py::list(a.iter().map(from_serde).collect::<PyResult<Vec<_>>>()?),
        J::Object(o) => Py::dict(
            o.iter().map(|(k, v)| Ok((Py::str(k), from_serde(v)?))).collect::<PyResult<Vec<_>>>()?,
        )?,
    })
}

fn truthy_opt(v: &Option<Py>, default: bool) -> PyResult<bool> {
    match v {
        None => Ok(default),
        Some(p) => Ok(p.truthy()),
    }
}

/// `json.dumps(obj, *, skipkeys=False, ensure_ascii=True, check_circular=True,
/// allow_nan=True, cls=None, indent=None, separators=None, default=None, sort_keys=False)`
/// The Lambda response body: `v` as compact JSON with CPython's digits (ints of any size,
/// floats as `repr` spells them), or the error `json.dumps` raises for it.
pub fn response_text(v: &Py) -> PyResult<String> {
    let mut enc = Encoder {
        indent: None,
        item_sep: ",".to_string(),
        key_sep: ":".to_string(),
        sort_keys: false,
        ensure_ascii: false,
        skipkeys: false,
        allow_nan: false,
        check_circular: true,
        default: None,
        markers: Vec::new(),
    };
    let mut out = String::new();
    enc.encode(v, 0, &mut out)?;
    Ok(out)
}

/// A Lambda event (JSON text) as `json.loads` reads it: every digit of big integers kept.
pub fn event(text: &str) -> PyResult<Py> {
    decode_str(text)
}

/// `cls=MyEncoder`: a `json.JSONEncoder` subclass, whose `default` method (if it defines
/// one) is the `default` hook.
fn encoder_class_default(cls: Option<Py>) -> PyResult<Option<Py>> {
    let Some(cls) = cls.filter(|c| !c.is_none()) else { return Ok(None) };
    let encoder = cls.call(Args::default())?;
    Ok(encoder.getattr("default").ok())
}

/// `json.JSONEncoder.default(self, o)` (what `super().default(o)` reaches in an encoder
/// subclass): the error for a value with no JSON form.
pub fn encoder_default(o: &Py) -> PyResult<Py> {
    Err(type_err(format!("Object of type {} is not JSON serializable", o.type_name())))
}

pub fn dumps(a: Args) -> PyResult<Py> {
    if a.pos.len() > 1 {
        return Err(type_err(format!("dumps() takes 1 positional argument but {} were given", a.pos.len())));
    }
    let [obj, skipkeys, ensure_ascii, check_circular, allow_nan, cls, indent, separators, default, sort_keys] = a
        .bind(
            "dumps",
            [
                "obj",
                "skipkeys",
                "ensure_ascii",
                "check_circular",
                "allow_nan",
                "cls",
                "indent",
                "separators",
                "default",
                "sort_keys",
            ],
            1,
        )?;
    let indent = match indent {
        None | Some(Py::None) => None,
        Some(Py::Str(s)) => Some(s.to_string()),
        Some(Py::Int(n)) => Some(" ".repeat(n.max(0) as usize)),
        Some(Py::Bool(b)) => Some(" ".repeat(b as usize)),
        Some(other) => {
            return Err(type_err(format!(
                "can't multiply sequence by non-int of type '{}'",
                other.type_name()
            )))
        }
    };
    let (item_sep, key_sep) = match separators {
        None | Some(Py::None) => {
            (if indent.is_some() { ",".to_string() } else { ", ".to_string() }, ": ".to_string())
        }
        Some(seps) => {
            let parts: Vec<Py> = match &seps {
                Py::Tuple(t) => t.to_vec(),
                Py::List(l) => l.borrow().clone(),
                _ => return Err(type_err("cannot unpack non-iterable separators")),
            };
            if parts.len() > 2 {
                return Err(value_err("too many values to unpack (expected 2)"));
            }
            if parts.len() < 2 {
                return Err(value_err(format!("not enough values to unpack (expected 2, got {})", parts.len())));
            }
            let s = |p: &Py| -> PyResult<String> {
                match p {
                    Py::Str(s) => Ok(s.to_string()),
                    other => Err(type_err(format!(
                        "make_encoder() argument 6 must be str, not {}",
                        other.type_name()
                    ))),
                }
            };
            (s(&parts[0])?, s(&parts[1])?)
        }
    };
    let mut enc = Encoder {
        indent,
        item_sep,
        key_sep,
        sort_keys: truthy_opt(&sort_keys, false)?,
        ensure_ascii: truthy_opt(&ensure_ascii, true)?,
        skipkeys: truthy_opt(&skipkeys, false)?,
        allow_nan: truthy_opt(&allow_nan, true)?,
        check_circular: truthy_opt(&check_circular, true)?,
        default: match default.filter(|d| !d.is_none()) {
            Some(d) => Some(d),
            None => encoder_class_default(cls)?,
        },
        markers: Vec::new(),
    };
    let mut out = String::new();
    enc.encode(&obj.unwrap(), 0, &mut out)?;
    Ok(Py::Str(Rc::from(out.as_str())))
}
