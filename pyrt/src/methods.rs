//! Methods of the builtin types: `str`, `bytes`, `list`, `dict`, `set`, `tuple`, `int`,
//! `float`. `dict.keys()/values()/items()` return lists (snapshots), not live views.

use std::cell::RefCell;
use std::rc::Rc;

use indexmap::{IndexMap, IndexSet};
use num_bigint::BigInt;

use super::ops::{index_of, int_of, no_attribute, set_items, set_like, type_error, value_error};
use super::value::*;

const STR_METHODS: &[&str] = &[
    "split", "rsplit", "strip", "lstrip", "rstrip", "lower", "upper", "title", "capitalize",
    "casefold", "swapcase", "startswith", "endswith", "find", "rfind", "index", "rindex",
    "count", "join", "replace", "format", "encode", "isdigit", "isalpha", "isalnum", "isspace",
    "isupper", "islower", "isnumeric", "isdecimal", "istitle", "isascii", "isidentifier",
    "isprintable", "zfill", "center", "ljust", "rjust", "partition", "rpartition", "splitlines",
    "removeprefix", "removesuffix", "expandtabs", "format_map", "translate", "maketrans",
];
const BYTES_METHODS: &[&str] = &[
    "decode", "hex", "split", "rsplit", "strip", "lstrip", "rstrip", "lower", "upper",
    "startswith", "endswith", "find", "rfind", "index", "rindex", "count", "join", "replace",
    "partition", "rpartition", "splitlines", "isdigit", "isalpha", "isalnum", "isspace",
    "isascii", "islower", "isupper", "zfill", "center", "ljust", "rjust", "removeprefix",
    "removesuffix",
];
const LIST_METHODS: &[&str] = &[
    "append", "extend", "insert", "pop", "remove", "index", "count", "sort", "reverse", "copy",
    "clear",
];
const DICT_METHODS: &[&str] = &[
    "get", "setdefault", "items", "keys", "values", "pop", "popitem", "update", "copy", "clear",
    "fromkeys",
];
const SET_METHODS: &[&str] = &[
    "add", "discard", "remove", "pop", "update", "union", "intersection", "difference",
    "symmetric_difference", "issubset", "issuperset", "isdisjoint", "copy", "clear",
    "intersection_update", "difference_update", "symmetric_difference_update",
];
const FROZENSET_METHODS: &[&str] = &[
    "union", "intersection", "difference", "symmetric_difference", "issubset", "issuperset",
    "isdisjoint", "copy",
];
const TUPLE_METHODS: &[&str] = &["index", "count"];
const INT_METHODS: &[&str] = &["bit_length", "bit_count", "to_bytes", "conjugate", "as_integer_ratio"];
const FLOAT_METHODS: &[&str] = &["is_integer", "conjugate", "as_integer_ratio", "hex"];

/// Whether `this.name` is a method of a builtin type (for bound-method values).
pub fn has_method(this: &Py, name: &str) -> bool {
    let table: &[&str] = match this {
        Py::Str(_) => STR_METHODS,
        Py::Bytes(_) => BYTES_METHODS,
        Py::List(_) => LIST_METHODS,
        Py::Dict(d) => {
            if super::collections::has_method(d, name) {
                return true;
            }
            DICT_METHODS
        }
        Py::Set(_) => SET_METHODS,
        Py::FrozenSet(_) => FROZENSET_METHODS,
        Py::Tuple(_) => TUPLE_METHODS,
        Py::Int(_) | Py::BigInt(_) | Py::Bool(_) => INT_METHODS,
        Py::Float(_) => FLOAT_METHODS,
        _ => &[],
    };
    table.contains(&name)
}

/// `this.name(*args)` for the builtin types.
pub fn call_method(this: &Py, name: &str, args: Args) -> PyResult<Py> {
    match this {
        Py::Str(s) => str_method(this, s, name, args),
        Py::Bytes(b) => bytes_method(this, b, name, args),
        Py::List(l) => list_method(this, l, name, args),
        Py::Dict(d) => dict_method(this, d, name, args),
        Py::Set(_) | Py::FrozenSet(_) => set_method(this, name, args),
        Py::Tuple(t) => tuple_method(this, t, name, args),
        Py::Int(_) | Py::BigInt(_) | Py::Bool(_) => int_method(this, name, args),
        Py::Float(f) => float_method(this, *f, name, args),
        Py::Type(TypeRef::Builtin(t)) => type_method(this, t, name, args),
        _ => Err(no_attribute(this, name)),
    }
}

fn no_method(this: &Py, name: &str) -> PyErr {
    no_attribute(this, name)
}

// ---------------------------------------------------------------------------------------
// Argument helpers
// ---------------------------------------------------------------------------------------

fn opt(v: Option<Py>) -> Option<Py> {
    v.filter(|v| !v.is_none())
}

fn need_str(v: &Py, what: impl FnOnce(&Py) -> String) -> PyResult<Rc<str>> {
    match v {
        Py::Str(s) => Ok(s.clone()),
        _ => Err(type_error(what(v))),
    }
}

fn must_be_str(v: &Py) -> PyResult<Rc<str>> {
    need_str(v, |v| format!("must be str, not {}", v.type_name()))
}

/// A method of a builtin type that takes no arguments (`b"a".upper()`).
fn no_args(this: &Py, name: &str, args: &Args) -> PyResult<()> {
    if !args.kw.is_empty() {
        return Err(type_error(format!("{}.{name}() takes no keyword arguments", this.type_name())));
    }
    if !args.pos.is_empty() {
        return Err(type_error(format!("{}.{name}() takes no arguments ({} given)", this.type_name(), args.pos.len())));
    }
    Ok(())
}

fn int_arg(v: Option<Py>, default: i64) -> PyResult<i64> {
    match v {
        None => Ok(default),
        Some(v) => index_of(&v),
    }
}

fn char_len(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

/// Byte offset of char index `ci` (clamped to the end).
fn byte_at(s: &str, ci: usize) -> usize {
    if s.is_ascii() {
        return ci.min(s.len());
    }
    s.char_indices().nth(ci).map(|(b, _)| b).unwrap_or(s.len())
}

fn char_index(s: &str, byte: usize) -> usize {
    if s.is_ascii() {
        byte
    } else {
        s[..byte].chars().count()
    }
}

/// `start`/`end` arguments as slice bounds in chars; `None` when start > len.
fn str_bounds(s: &str, start: Option<Py>, end: Option<Py>) -> PyResult<Option<(usize, usize)>> {
    bounds(char_len(s) as i64, start, end)
}

/// `start`/`end` arguments as slice bounds into a sequence of length `n` (chars of a str,
/// bytes of a bytes); `None` when start > len.
fn bounds(n: i64, start: Option<Py>, end: Option<Py>) -> PyResult<Option<(usize, usize)>> {
    let adj = |v: Option<Py>, d: i64| -> PyResult<i64> {
        match opt(v) {
            None => Ok(d),
            Some(v) => {
                let mut i = match v {
                    Py::BigInt(ref b) => {
                        if num_traits::Signed::is_negative(&**b) {
                            i64::MIN / 2
                        } else {
                            i64::MAX / 2
                        }
                    }
                    _ => index_of(&v).map_err(|_| {
                        type_error("slice indices must be integers or None or have an __index__ method")
                    })?,
                };
                if i < 0 {
                    i = (i + n).max(0);
                }
                Ok(i.min(n))
            }
        }
    };
    let raw_start = match opt(start.clone()) {
        Some(Py::Int(i)) if i > n => return Ok(None),
        _ => adj(start, 0)?,
    };
    let e = adj(end, n)?;
    if raw_start > e {
        return Ok(None);
    }
    Ok(Some((raw_start as usize, e as usize)))
}

pub(super) fn is_py_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\x0b' | '\x0c' | '\r' | '\x1c'..='\x1f' | ' ' | '\u{85}' | '\u{a0}'
            | '\u{1680}' | '\u{2000}'..='\u{200a}' | '\u{2028}' | '\u{2029}' | '\u{202f}'
            | '\u{205f}' | '\u{3000}'
    )
}

fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\x0b' | '\x0c' | '\x1c' | '\x1d' | '\x1e' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

fn is_cased(c: char) -> bool {
    c.is_lowercase() || c.is_uppercase() || is_titlecase(c)
}

fn is_titlecase(c: char) -> bool {
    matches!(c as u32, 0x1c5 | 0x1c8 | 0x1cb | 0x1f2 | 0x1f88..=0x1f8f | 0x1f98..=0x1f9f
        | 0x1fa8..=0x1faf | 0x1fbc | 0x1fcc | 0x1ffc)
}

fn to_title(c: char, out: &mut String) {
    match c as u32 {
        0x1c4..=0x1c6 => out.push('\u{1c5}'),
        0x1c7..=0x1c9 => out.push('\u{1c8}'),
        0x1ca..=0x1cc => out.push('\u{1cb}'),
        0x1f1..=0x1f3 => out.push('\u{1f2}'),
        0xdf => out.push_str("Ss"),
        0xfb00 => out.push_str("Ff"),
        0xfb01 => out.push_str("Fi"),
        0xfb02 => out.push_str("Fl"),
        0xfb03 => out.push_str("Ffi"),
        0xfb04 => out.push_str("Ffl"),
        0xfb05 | 0xfb06 => out.push_str("St"),
        _ => out.extend(c.to_uppercase()),
    }
}

fn casefold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            'ß' | 'ẞ' => out.push_str("ss"),
            'ſ' => out.push('s'),
            'ς' => out.push('σ'),
            'µ' => out.push('μ'),
            'ﬀ' => out.push_str("ff"),
            'ﬁ' => out.push_str("fi"),
            'ﬂ' => out.push_str("fl"),
            'ﬃ' => out.push_str("ffi"),
            'ﬄ' => out.push_str("ffl"),
            'ﬅ' | 'ﬆ' => out.push_str("st"),
            'ϐ' => out.push('β'),
            'ϑ' => out.push('θ'),
            'ϕ' => out.push('φ'),
            'ϖ' => out.push('π'),
            'ϰ' => out.push('κ'),
            'ϱ' => out.push('ρ'),
            'ϵ' => out.push('ε'),
            'ẛ' => out.push('ṡ'),
            'ı' => out.push('ı'),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// `XID_Start`, approximated: `_`, letters and letter numbers (`Nl`).
fn id_start(c: char) -> bool {
    c == '_'
        || uni::is_alpha(c)
        || matches!(c as u32, 0x16ee..=0x16f0 | 0x2160..=0x2188 | 0x3007 | 0x3021..=0x3029
            | 0x3038..=0x303a | 0x10140..=0x10174 | 0x10341 | 0x1034a | 0x103d1..=0x103d5
            | 0x12400..=0x1246e)
}

fn fill_char(v: Option<Py>) -> PyResult<char> {
    match v {
        None => Ok(' '),
        Some(Py::Str(s)) => {
            let mut it = s.chars();
            match (it.next(), it.next()) {
                (Some(c), None) => Ok(c),
                _ => Err(type_error("The fill character must be exactly one character long")),
            }
        }
        Some(v) => Err(type_error(format!(
            "The fill character must be a unicode character, not {}",
            v.type_name()
        ))),
    }
}

fn strip_chars(a: Option<Py>, name: &str) -> PyResult<Option<Vec<char>>> {
    match opt(a) {
        None => Ok(None),
        Some(Py::Str(c)) => Ok(Some(c.chars().collect())),
        Some(_) => Err(type_error(format!("{name} arg must be None or str"))),
    }
}

fn str_list(v: Vec<&str>) -> Py {
    Py::list(v.into_iter().map(Py::str).collect::<Vec<_>>())
}

fn split_whitespace(s: &str, maxsplit: i64) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = s.trim_start_matches(is_py_space);
    while !rest.is_empty() {
        if maxsplit >= 0 && out.len() as i64 >= maxsplit {
            out.push(rest);
            break;
        }
        match rest.find(is_py_space) {
            Some(i) => {
                out.push(&rest[..i]);
                rest = rest[i..].trim_start_matches(is_py_space);
            }
            None => {
                out.push(rest);
                break;
            }
        }
    }
    out
}

fn rsplit_whitespace(s: &str, maxsplit: i64) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = s.trim_end_matches(is_py_space);
    while !rest.is_empty() {
        if maxsplit >= 0 && out.len() as i64 >= maxsplit {
            out.push(rest);
            break;
        }
        match rest.rfind(is_py_space) {
            Some(i) => {
                let c = rest[i..].chars().next().unwrap();
                out.push(&rest[i + c.len_utf8()..]);
                rest = rest[..i].trim_end_matches(is_py_space);
            }
            None => {
                out.push(rest);
                break;
            }
        }
    }
    out.reverse();
    out
}

fn prefix_arg(v: &Py, name: &str) -> PyResult<Vec<Rc<str>>> {
    match v {
        Py::Str(s) => Ok(vec![s.clone()]),
        Py::Tuple(t) => t
            .iter()
            .map(|x| {
                need_str(x, |x| {
                    format!("tuple for {name} must only contain str, not {}", x.type_name())
                })
            })
            .collect(),
        _ => Err(type_error(format!(
            "{name} first arg must be str or a tuple of str, not {}",
            v.type_name()
        ))),
    }
}

pub(super) fn unicode_error(
    class: &'static ExcClass,
    codec: &str,
    verb: &str,
    what: String,
    start: usize,
    end: usize,
    reason: &str,
) -> PyErr {
    let msg = if end - start == 1 {
        format!("'{codec}' codec can't {verb} {what} in position {start}: {reason}")
    } else {
        format!(
            "'{codec}' codec can't {verb} {}s in position {start}-{}: {reason}",
            if verb == "encode" { "character" } else { "byte" },
            end - 1
        )
    };
    PyErr::msg(class, msg)
        .with_attr("encoding", Py::str(codec))
        .with_attr("start", Py::Int(start as i64))
        .with_attr("end", Py::Int(end as i64))
        .with_attr("reason", Py::str(reason))
}

/// The items `str.join`/`bytes.join` iterate, with their error for a non-iterable.
fn join_items(it: &Py) -> PyResult<PyIter> {
    it.iter().map_err(|e| if e.is_instance("TypeError") { type_error("can only join an iterable") } else { e })
}

/// Windows-1252 (`cp1252`) bytes 0x80–0x9F; 0 = undefined. Every other byte is Latin-1.
const CP1252_HIGH: [u32; 32] = [
    0x20ac, 0, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0, 0x17d, 0, 0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0, 0x17e, 0x178,
];

fn cp1252_char(b: u8) -> Option<char> {
    match b {
        0x80..=0x9f => char::from_u32(CP1252_HIGH[(b - 0x80) as usize]).filter(|&c| c != '\0'),
        _ => Some(b as char),
    }
}

fn cp1252_byte(c: char) -> Option<u8> {
    let n = c as u32;
    if n < 0x80 || (0xa0..=0xff).contains(&n) {
        return Some(n as u8);
    }
    CP1252_HIGH.iter().position(|&m| m == n && m != 0).map(|i| 0x80 + i as u8)
}

fn normalize_encoding(e: &str) -> String {
    e.to_ascii_lowercase().replace('_', "-")
}

/// `str.encode(encoding)`
pub fn encode_str(s: &str, encoding: &str, errors: &str) -> PyResult<Vec<u8>> {
    match normalize_encoding(encoding).as_str() {
        "cp1252" | "windows-1252" => {
            let mut out = Vec::with_capacity(s.len());
            for (i, c) in s.chars().enumerate() {
                match (cp1252_byte(c), errors) {
                    (Some(b), _) => out.push(b),
                    (None, "ignore") => {}
                    (None, "replace") => out.push(b'?'),
                    (None, _) => {
                        let n = c as u32;
                        let shown = if n < 0x10000 { format!("'\\u{n:04x}'") } else { format!("'\\U{n:08x}'") };
                        return Err(unicode_error(
                            &exc::UNICODE_ENCODE_ERROR,
                            "charmap",
                            "encode",
                            format!("character {shown}"),
                            i,
                            i + 1,
                            "character maps to <undefined>",
                        ));
                    }
                }
            }
            Ok(out)
        }
        "utf-8-sig" | "utf8-sig" => Ok([&b"\xef\xbb\xbf"[..], s.as_bytes()].concat()),
        "utf-8" | "utf8" | "u8" | "utf" => Ok(s.as_bytes().to_vec()),
        enc @ ("ascii" | "us-ascii" | "latin-1" | "latin1" | "iso-8859-1" | "iso8859-1" | "l1") => {
            let (limit, codec) = if enc.contains("ascii") { (128, "ascii") } else { (256, "latin-1") };
            let mut out = Vec::with_capacity(s.len());
            let chars: Vec<char> = s.chars().collect();
            for (i, &c) in chars.iter().enumerate() {
                if (c as u32) < limit {
                    out.push(c as u32 as u8);
                } else {
                    match errors {
                        "ignore" => {}
                        "replace" => out.push(b'?'),
                        _ => {
                            let n = c as u32;
                            let shown = if n < 0x100 {
                                format!("'\\x{n:02x}'")
                            } else if n < 0x10000 {
                                format!("'\\u{n:04x}'")
                            } else {
                                format!("'\\U{n:08x}'")
                            };
                            // The error covers the whole run of unencodable characters.
                            let end = (i..chars.len()).find(|&j| (chars[j] as u32) < limit).unwrap_or(chars.len());
                            return Err(unicode_error(
                                &exc::UNICODE_ENCODE_ERROR,
                                codec,
                                "encode",
                                format!("character {shown}"),
                                i,
                                end,
                                &format!("ordinal not in range({limit})"),
                            ));
                        }
                    }
                }
            }
            Ok(out)
        }
        _ => Err(PyErr::msg(&exc::LOOKUP_ERROR, format!("unknown encoding: {encoding}"))),
    }
}

/// `bytes.decode(encoding, errors)` with CPython's `UnicodeDecodeError` messages.
pub fn decode_bytes(b: &[u8], encoding: &str, errors: &str) -> PyResult<String> {
    match normalize_encoding(encoding).as_str() {
        "cp1252" | "windows-1252" => {
            let mut out = String::with_capacity(b.len());
            for (i, &byte) in b.iter().enumerate() {
                match (cp1252_char(byte), errors) {
                    (Some(c), _) => out.push(c),
                    (None, "ignore") => {}
                    (None, "replace") => out.push('\u{fffd}'),
                    (None, _) => {
                        return Err(unicode_error(
                            &exc::UNICODE_DECODE_ERROR,
                            "charmap",
                            "decode",
                            format!("byte 0x{byte:02x}"),
                            i,
                            i + 1,
                            "character maps to <undefined>",
                        ))
                    }
                }
            }
            Ok(out)
        }
        // UTF-8 after an optional byte-order mark (Excel's CSV exports).
        "utf-8-sig" | "utf8-sig" => decode_bytes(b.strip_prefix(b"\xef\xbb\xbf").unwrap_or(b), "utf-8", errors),
        "utf-8" | "utf8" | "u8" | "utf" => match std::str::from_utf8(b) {
            Ok(s) => Ok(s.to_string()),
            Err(_) if errors == "replace" => Ok(String::from_utf8_lossy(b).into_owned()),
            Err(_) if errors == "ignore" => {
                let mut out = String::new();
                let mut rest = b;
                loop {
                    match std::str::from_utf8(rest) {
                        Ok(s) => {
                            out.push_str(s);
                            return Ok(out);
                        }
                        Err(e) => {
                            let p = e.valid_up_to();
                            out.push_str(std::str::from_utf8(&rest[..p]).unwrap());
                            rest = &rest[p + e.error_len().unwrap_or(rest.len() - p)..];
                        }
                    }
                }
            }
            Err(e) => {
                let p = e.valid_up_to();
                let (end, reason) = match e.error_len() {
                    None => (b.len(), "unexpected end of data"),
                    Some(n) => {
                        let lead = b[p];
                        if n == 1 && ((0x80..=0xc1).contains(&lead) || lead >= 0xf5) {
                            (p + 1, "invalid start byte")
                        } else {
                            (p + n, "invalid continuation byte")
                        }
                    }
                };
                Err(unicode_error(
                    &exc::UNICODE_DECODE_ERROR,
                    "utf-8",
                    "decode",
                    format!("byte 0x{:02x}", b[p]),
                    p,
                    end,
                    reason,
                ))
            }
        },
        "ascii" | "us-ascii" => {
            let mut out = String::with_capacity(b.len());
            for (i, &c) in b.iter().enumerate() {
                if c < 128 {
                    out.push(c as char);
                } else {
                    match errors {
                        "ignore" => {}
                        "replace" => out.push('\u{fffd}'),
                        _ => {
                            return Err(unicode_error(
                                &exc::UNICODE_DECODE_ERROR,
                                "ascii",
                                "decode",
                                format!("byte 0x{c:02x}"),
                                i,
                                i + 1,
                                "ordinal not in range(128)",
                            ))
                        }
                    }
                }
            }
            Ok(out)
        }
        "latin-1" | "latin1" | "iso-8859-1" | "iso8859-1" | "l1" => {
            Ok(b.iter().map(|&c| c as char).collect())
        }
        _ => Err(PyErr::msg(&exc::LOOKUP_ERROR, format!("unknown encoding: {encoding}"))),
    }
}

// ---------------------------------------------------------------------------------------
// str
// ---------------------------------------------------------------------------------------

fn str_method(this: &Py, s: &Rc<str>, name: &str, args: Args) -> PyResult<Py> {
    let s: &str = s;
    match name {
        "split" | "rsplit" => {
            let [sep, maxsplit] = args.bind(name, ["sep", "maxsplit"], 0)?;
            let maxsplit = int_arg(maxsplit, -1)?;
            match opt(sep) {
                None => Ok(str_list(if name == "split" {
                    split_whitespace(s, maxsplit)
                } else {
                    rsplit_whitespace(s, maxsplit)
                })),
                Some(sep) => {
                    let sep = need_str(&sep, |v| format!("must be str or None, not {}", v.type_name()))?;
                    if sep.is_empty() {
                        return Err(value_error("empty separator"));
                    }
                    let parts: Vec<&str> = match (name, maxsplit < 0) {
                        ("split", true) => s.split(&*sep).collect(),
                        ("split", false) => s.splitn(maxsplit as usize + 1, &*sep).collect(),
                        (_, true) => s.split(&*sep).collect(),
                        (_, false) => {
                            let mut v: Vec<&str> = s.rsplitn(maxsplit as usize + 1, &*sep).collect();
                            v.reverse();
                            v
                        }
                    };
                    Ok(str_list(parts))
                }
            }
        }
        "strip" | "lstrip" | "rstrip" => {
            let [chars] = args.bind(name, ["chars"], 0)?;
            let chars = strip_chars(chars, name)?;
            let f = |c: char| match &chars {
                None => is_py_space(c),
                Some(cs) => cs.contains(&c),
            };
            Ok(Py::str(match name {
                "strip" => s.trim_matches(f),
                "lstrip" => s.trim_start_matches(f),
                _ => s.trim_end_matches(f),
            }))
        }
        "lower" => {
            args.bind(name, [], 0)?;
            Ok(Py::from(s.to_lowercase()))
        }
        "upper" => {
            args.bind(name, [], 0)?;
            Ok(Py::from(s.to_uppercase()))
        }
        "casefold" => {
            args.bind(name, [], 0)?;
            Ok(Py::from(casefold(s)))
        }
        "swapcase" => {
            args.bind(name, [], 0)?;
            let mut out = String::with_capacity(s.len());
            for c in s.chars() {
                if c.is_uppercase() {
                    out.extend(c.to_lowercase());
                } else if c.is_lowercase() {
                    out.extend(c.to_uppercase());
                } else {
                    out.push(c);
                }
            }
            Ok(Py::from(out))
        }
        "title" => {
            args.bind(name, [], 0)?;
            let mut out = String::with_capacity(s.len());
            let mut prev_cased = false;
            for c in s.chars() {
                if prev_cased {
                    out.extend(c.to_lowercase());
                } else {
                    to_title(c, &mut out);
                }
                prev_cased = is_cased(c);
            }
            Ok(Py::from(out))
        }
        "capitalize" => {
            args.bind(name, [], 0)?;
            let mut out = String::with_capacity(s.len());
            let mut it = s.chars();
            if let Some(c) = it.next() {
                to_title(c, &mut out);
            }
            for c in it {
                out.extend(c.to_lowercase());
            }
            Ok(Py::from(out))
        }
        "startswith" | "endswith" => {
            let [prefix, start, end] = args.bind(name, ["prefix", "start", "end"], 1)?;
            let prefix = prefix.unwrap();
            let bounds = str_bounds(s, start, end)?;
            let candidates: Vec<Py> = match &prefix {
                Py::Tuple(t) => t.to_vec(),
                _ => vec![prefix.clone()],
            };
            for p in candidates {
                // CPython checks the tuple's items in order and stops at the first match.
                let p = prefix_arg(&p, name).map_err(|e| {
                    if matches!(prefix, Py::Tuple(_)) {
                        type_error(format!("tuple for {name} must only contain str, not {}", p.type_name()))
                    } else {
                        e
                    }
                })?;
                let Some((a, b)) = bounds else { continue };
                let sub = &s[byte_at(s, a)..byte_at(s, b)];
                let hit = if name == "startswith" { sub.starts_with(&*p[0]) } else { sub.ends_with(&*p[0]) };
                if hit {
                    return Ok(Py::Bool(true));
                }
            }
            Ok(Py::Bool(false))
        }
        "find" | "rfind" | "index" | "rindex" => {
            let [sub, start, end] = args.bind(name, ["sub", "start", "end"], 1)?;
            let sub = must_be_str(sub.as_ref().unwrap())?;
            let found = str_bounds(s, start, end)?.and_then(|(a, b)| {
                let (ba, bb) = (byte_at(s, a), byte_at(s, b));
                let hay = &s[ba..bb];
                let r = if name.starts_with('r') { hay.rfind(&*sub) } else { hay.find(&*sub) };
                r.map(|i| char_index(s, ba + i) as i64)
            });
            match found {
                Some(i) => Ok(Py::Int(i)),
                None if name.ends_with("find") => Ok(Py::Int(-1)),
                None => Err(value_error("substring not found")),
            }
        }
        "count" => {
            let [sub, start, end] = args.bind(name, ["sub", "start", "end"], 1)?;
            let sub = must_be_str(sub.as_ref().unwrap())?;
            let Some((a, b)) = str_bounds(s, start, end)? else { return Ok(Py::Int(0)) };
            if sub.is_empty() {
                return Ok(Py::Int((b - a + 1) as i64));
            }
            let hay = &s[byte_at(s, a)..byte_at(s, b)];
            Ok(Py::Int(hay.matches(&*sub).count() as i64))
        }
        "join" => {
            let [it] = args.bind(name, ["iterable"], 1)?;
            let it = it.unwrap();
            let iter = join_items(&it)?;
            let mut out = String::new();
            for (i, x) in iter.enumerate() {
                let x = x?;
                match &x {
                    Py::Str(p) => {
                        if i > 0 {
                            out.push_str(s);
                        }
                        out.push_str(p);
                    }
                    _ => {
                        return Err(type_error(format!(
                            "sequence item {i}: expected str instance, {} found",
                            x.type_name()
                        )))
                    }
                }
            }
            Ok(Py::from(out))
        }
        "replace" => {
            let [old, new, count] = args.bind(name, ["old", "new", "count"], 2)?;
            let old = need_str(old.as_ref().unwrap(), |v| {
                format!("replace() argument 1 must be str, not {}", v.type_name())
            })?;
            let new = need_str(new.as_ref().unwrap(), |v| {
                format!("replace() argument 2 must be str, not {}", v.type_name())
            })?;
            let count = int_arg(count, -1)?;
            Ok(Py::from(if count < 0 {
                s.replace(&*old, &new)
            } else {
                s.replacen(&*old, &new, count as usize)
            }))
        }
        "format" => super::format::str_format(s, args).map(Py::from),
        "format_map" => {
            let [m] = args.bind(name, ["mapping"], 1)?;
            let m = m.unwrap();
            let mut kw: Vec<(std::borrow::Cow<'static, str>, Py)> = Vec::new();
            if let Py::Dict(d) = &m {
                for (k, v) in d.borrow().iter() {
                    if let Py::Str(k) = &k.0 {
                        kw.push((k.to_string().into(), v.clone()));
                    }
                }
            }
            super::format::str_format(s, Args { pos: vec![], kw }).map(Py::from)
        }
        "encode" => {
            let [enc, errors] = args.bind(name, ["encoding", "errors"], 0)?;
            let enc = match enc {
                Some(e) => need_str(&e, |v| {
                    format!("encode() argument 'encoding' must be str, not {}", v.type_name())
                })?,
                None => Rc::from("utf-8"),
            };
            let errors = match errors {
                Some(Py::Str(e)) => e.to_string(),
                _ => "strict".to_string(),
            };
            Ok(Py::Bytes(encode_str(s, &enc, &errors)?.into()))
        }
        "isdigit" | "isalpha" | "isalnum" | "isspace" | "isnumeric" | "isdecimal" | "isascii"
        | "isprintable" => {
            args.bind(name, [], 0)?;
            let f: fn(char) -> bool = match name {
                "isdigit" => uni::is_digit,
                "isalpha" => uni::is_alpha,
                "isalnum" => |c| uni::is_alpha(c) || uni::is_numeric(c),
                "isspace" => is_py_space,
                "isnumeric" => uni::is_numeric,
                "isdecimal" => uni::is_decimal,
                "isascii" => |c| c.is_ascii(),
                _ => uni::is_printable,
            };
            let empty_ok = matches!(name, "isascii" | "isprintable");
            Ok(Py::Bool((empty_ok || !s.is_empty()) && s.chars().all(f)))
        }
        "isupper" | "islower" => {
            args.bind(name, [], 0)?;
            let mut cased = false;
            for c in s.chars() {
                let (good, bad) = if name == "isupper" {
                    (c.is_uppercase(), c.is_lowercase() || is_titlecase(c))
                } else {
                    (c.is_lowercase(), c.is_uppercase() || is_titlecase(c))
                };
                if bad {
                    return Ok(Py::Bool(false));
                }
                cased |= good;
            }
            Ok(Py::Bool(cased))
        }
        "istitle" => {
            args.bind(name, [], 0)?;
            let mut cased = false;
            let mut prev_cased = false;
            for c in s.chars() {
                if c.is_uppercase() || is_titlecase(c) {
                    if prev_cased {
                        return Ok(Py::Bool(false));
                    }
                    prev_cased = true;
                    cased = true;
                } else if c.is_lowercase() {
                    if !prev_cased {
                        return Ok(Py::Bool(false));
                    }
                    prev_cased = true;
                    cased = true;
                } else {
                    prev_cased = false;
                }
            }
            Ok(Py::Bool(cased))
        }
        "isidentifier" => {
            args.bind(name, [], 0)?;
            let mut it = s.chars();
            let ok = match it.next() {
                Some(c) => id_start(c) && it.all(|c| id_start(c) || uni::is_decimal(c)),
                None => false,
            };
            Ok(Py::Bool(ok))
        }
        "zfill" => {
            let [w] = args.bind(name, ["width"], 1)?;
            let w = index_of(w.as_ref().unwrap())?;
            let n = char_len(s) as i64;
            if w <= n {
                return Ok(this.clone());
            }
            let pad = "0".repeat((w - n) as usize);
            Ok(Py::from(match s.chars().next() {
                Some(c @ ('+' | '-')) => format!("{c}{pad}{}", &s[1..]),
                _ => format!("{pad}{s}"),
            }))
        }
        "center" | "ljust" | "rjust" => {
            let [w, fill] = args.bind(name, ["width", "fillchar"], 1)?;
            let w = index_of(w.as_ref().unwrap())?;
            let fill = fill_char(fill)?;
            let n = char_len(s) as i64;
            if w <= n {
                return Ok(this.clone());
            }
            let pad = w - n;
            let left = match name {
                "ljust" => 0,
                "rjust" => pad,
                _ => pad / 2 + (pad & w & 1),
            };
            let mut out = String::new();
            out.extend(std::iter::repeat_n(fill, left as usize));
            out.push_str(s);
            out.extend(std::iter::repeat_n(fill, (pad - left) as usize));
            Ok(Py::from(out))
        }
        "partition" | "rpartition" => {
            let [sep] = args.bind(name, ["sep"], 1)?;
            let sep = must_be_str(sep.as_ref().unwrap())?;
            if sep.is_empty() {
                return Err(value_error("empty separator"));
            }
            let found = if name == "partition" { s.find(&*sep) } else { s.rfind(&*sep) };
            Ok(Py::tuple(match found {
                Some(i) => vec![Py::str(&s[..i]), Py::Str(sep.clone()), Py::str(&s[i + sep.len()..])],
                None if name == "partition" => vec![this.clone(), Py::str(""), Py::str("")],
                None => vec![Py::str(""), Py::str(""), this.clone()],
            }))
        }
        "splitlines" => {
            let [keep] = args.bind(name, ["keepends"], 0)?;
            let keep = keep.is_some_and(|k| k.truthy());
            let mut out = Vec::new();
            let mut start = 0;
            let mut it = s.char_indices().peekable();
            while let Some((i, c)) = it.next() {
                if is_line_break(c) {
                    let mut end = i + c.len_utf8();
                    if c == '\r' {
                        if let Some((_, '\n')) = it.peek() {
                            it.next();
                            end += 1;
                        }
                    }
                    out.push(Py::str(&s[start..if keep { end } else { i }]));
                    start = end;
                }
            }
            if start < s.len() {
                out.push(Py::str(&s[start..]));
            }
            Ok(Py::list(out))
        }
        "maketrans" => str_maketrans(args),
        "translate" => {
            let [table] = args.bind(name, ["table"], 1)?;
            let table = table.unwrap_or(Py::None);
            let mut out = String::with_capacity(s.len());
            for ch in s.chars() {
                match table.getitem(&Py::Int(ch as i64)) {
                    Ok(Py::None) => {}
                    Ok(Py::Str(r)) => out.push_str(&r),
                    Ok(Py::Int(i)) => match u32::try_from(i).ok().and_then(char::from_u32) {
                        Some(c) => out.push(c),
                        None => return Err(value_error("character mapping must be in range(0x110000)")),
                    },
                    Ok(_) => return Err(type_error("character mapping must return integer, None or str")),
                    Err(e) if e.is_instance("LookupError") => out.push(ch),
                    Err(e) => return Err(e),
                }
            }
            Ok(Py::from(out))
        }
        "removeprefix" | "removesuffix" => {
            let [a] = args.bind(name, ["prefix"], 1)?;
            let a = need_str(a.as_ref().unwrap(), |v| {
                format!("{name}() argument must be str, not {}", v.type_name())
            })?;
            Ok(match if name == "removeprefix" { s.strip_prefix(&*a) } else { s.strip_suffix(&*a) } {
                Some(r) => Py::str(r),
                None => this.clone(),
            })
        }
        "expandtabs" => {
            let [ts] = args.bind(name, ["tabsize"], 0)?;
            let ts = int_arg(ts, 8)?;
            let mut out = String::new();
            let mut col = 0i64;
            for c in s.chars() {
                match c {
                    '\t' => {
                        if ts > 0 {
                            let n = ts - col % ts;
                            out.extend(std::iter::repeat_n(' ', n as usize));
                            col += n;
                        }
                    }
                    '\n' | '\r' => {
                        out.push(c);
                        col = 0;
                    }
                    _ => {
                        out.push(c);
                        col += 1;
                    }
                }
            }
            Ok(Py::from(out))
        }
        _ => Err(no_method(this, name)),
    }
}

// ---------------------------------------------------------------------------------------
// bytes
// ---------------------------------------------------------------------------------------

/// ASCII whitespace, what `bytes.split()`/`strip()`/`isspace()` treat as space.
fn is_byte_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c')
}

/// A bytes argument (`bytearray`/`memoryview` do not exist in the runtime).
fn need_bytes(v: &Py) -> PyResult<Rc<[u8]>> {
    match v {
        Py::Bytes(b) => Ok(b.clone()),
        _ => Err(type_error(format!("a bytes-like object is required, not '{}'", v.type_name()))),
    }
}

/// The `sub` of `bytes.find/count/index`: bytes or an int in range(256).
fn byte_sub(v: &Py) -> PyResult<Vec<u8>> {
    match v {
        Py::Bytes(b) => Ok(b.to_vec()),
        Py::Int(_) | Py::BigInt(_) | Py::Bool(_) => match index_of(v) {
            Ok(i) if (0..256).contains(&i) => Ok(vec![i as u8]),
            _ => Err(value_error("byte must be in range(0, 256)")),
        },
        _ => Err(type_error(format!(
            "argument should be integer or bytes-like object, not '{}'",
            v.type_name()
        ))),
    }
}

fn find_sub(hay: &[u8], sub: &[u8]) -> Option<usize> {
    if sub.is_empty() {
        return Some(0);
    }
    hay.windows(sub.len()).position(|w| w == sub)
}

fn rfind_sub(hay: &[u8], sub: &[u8]) -> Option<usize> {
    if sub.is_empty() {
        return Some(hay.len());
    }
    hay.windows(sub.len()).rposition(|w| w == sub)
}

fn trim_bytes(s: &[u8], f: impl Fn(u8) -> bool, left: bool, right: bool) -> &[u8] {
    let a = if left { s.iter().position(|&c| !f(c)).unwrap_or(s.len()) } else { 0 };
    let b = if right { s.iter().rposition(|&c| !f(c)).map_or(a, |i| i + 1) } else { s.len() };
    &s[a..b.max(a)]
}

/// `bytes.split`/`rsplit` (`right`): on `sep`, or on runs of whitespace when `None`.
fn split_bytes<'a>(s: &'a [u8], sep: Option<&[u8]>, maxsplit: i64, right: bool) -> Vec<&'a [u8]> {
    let max = usize::try_from(maxsplit).unwrap_or(usize::MAX);
    let mut out = Vec::new();
    let mut rest = s;
    match sep {
        None => loop {
            rest = trim_bytes(rest, is_byte_space, !right, right);
            if rest.is_empty() {
                break;
            }
            if out.len() == max {
                out.push(rest);
                break;
            }
            if right {
                let i = rest.iter().rposition(|&c| is_byte_space(c)).map_or(0, |i| i + 1);
                out.push(&rest[i..]);
                rest = &rest[..i];
            } else {
                let i = rest.iter().position(|&c| is_byte_space(c)).unwrap_or(rest.len());
                out.push(&rest[..i]);
                rest = &rest[i..];
            }
        },
        Some(sep) => {
            while out.len() < max {
                let found = if right { rfind_sub(rest, sep) } else { find_sub(rest, sep) };
                let Some(i) = found else { break };
                if right {
                    out.push(&rest[i + sep.len()..]);
                    rest = &rest[..i];
                } else {
                    out.push(&rest[..i]);
                    rest = &rest[i + sep.len()..];
                }
            }
            out.push(rest);
        }
    }
    if right {
        out.reverse();
    }
    out
}

/// `s.replace(old, new, count)` on bytes (an empty `old` inserts `new` around every byte).
fn replace_bytes(s: &[u8], old: &[u8], new: &[u8], count: i64) -> Vec<u8> {
    let max = usize::try_from(count).unwrap_or(usize::MAX);
    let mut out = Vec::with_capacity(s.len());
    let mut n = 0;
    if old.is_empty() {
        for &c in s {
            if n < max {
                out.extend_from_slice(new);
                n += 1;
            }
            out.push(c);
        }
        if n < max {
            out.extend_from_slice(new);
        }
        return out;
    }
    let mut i = 0;
    while n < max {
        let Some(j) = find_sub(&s[i..], old) else { break };
        out.extend_from_slice(&s[i..i + j]);
        out.extend_from_slice(new);
        i += j + old.len();
        n += 1;
    }
    out.extend_from_slice(&s[i..]);
    out
}

/// `bytes.hex(sep, bytes_per_sep)`: `sep` between every `bytes_per_sep` bytes, counted
/// from the right (from the left when negative).
#[allow(clippy::manual_is_multiple_of)] // is_multiple_of needs Rust 1.87
fn bytes_hex(b: &[u8], sep: Option<Py>, per: Option<Py>) -> PyResult<Py> {
    let sep = match opt(sep) {
        None => None,
        Some(v) => {
            let s: Vec<u8> = match &v {
                Py::Str(s) => {
                    if s.chars().count() != 1 {
                        return Err(value_error("sep must be length 1."));
                    }
                    if !s.is_ascii() {
                        return Err(value_error("sep must be ASCII."));
                    }
                    s.as_bytes().to_vec()
                }
                Py::Bytes(b) => b.to_vec(),
                _ => return Err(type_error(format!("object of type '{}' has no len()", v.type_name()))),
            };
            if s.len() != 1 {
                return Err(value_error("sep must be length 1."));
            }
            if !s[0].is_ascii() {
                return Err(value_error("sep must be ASCII."));
            }
            Some(s[0] as char)
        }
    };
    let per = int_arg(per, 1)?;
    let mut out = String::with_capacity(b.len() * 3);
    let group = per.unsigned_abs() as usize;
    for (i, x) in b.iter().enumerate() {
        if let Some(sep) = sep.filter(|_| i > 0 && group > 0) {
            let at = if per > 0 { (b.len() - i) % group == 0 } else { i % group == 0 };
            if at {
                out.push(sep);
            }
        }
        out.push_str(&format!("{x:02x}"));
    }
    Ok(Py::from(out))
}

fn bytes_value(v: impl Into<Rc<[u8]>>) -> Py {
    Py::Bytes(v.into())
}

fn bytes_list(v: Vec<&[u8]>) -> Py {
    Py::list(v.into_iter().map(bytes_value).collect::<Vec<_>>())
}

fn bytes_method(this: &Py, b: &Rc<[u8]>, name: &str, args: Args) -> PyResult<Py> {
    let s: &[u8] = b;
    match name {
        "decode" => {
            let [enc, errors] = args.bind(name, ["encoding", "errors"], 0)?;
            let enc = match enc {
                Some(Py::Str(e)) => e.to_string(),
                Some(v) => {
                    return Err(type_error(format!(
                        "decode() argument 'encoding' must be str, not {}",
                        v.type_name()
                    )))
                }
                None => "utf-8".into(),
            };
            let errors = match errors {
                Some(Py::Str(e)) => e.to_string(),
                _ => "strict".into(),
            };
            decode_bytes(b, &enc, &errors).map(Py::from)
        }
        "hex" => {
            let [sep, per] = args.bind(name, ["sep", "bytes_per_sep"], 0)?;
            bytes_hex(s, sep, per)
        }
        "split" | "rsplit" => {
            let [sep, maxsplit] = args.bind(name, ["sep", "maxsplit"], 0)?;
            let maxsplit = int_arg(maxsplit, -1)?;
            let sep = opt(sep).map(|v| need_bytes(&v)).transpose()?;
            if sep.as_ref().is_some_and(|p| p.is_empty()) {
                return Err(value_error("empty separator"));
            }
            Ok(bytes_list(split_bytes(s, sep.as_deref(), maxsplit, name == "rsplit")))
        }
        "strip" | "lstrip" | "rstrip" => {
            let [chars] = args.bind(name, ["bytes"], 0)?;
            let chars = opt(chars).map(|v| need_bytes(&v)).transpose()?;
            let f = |c: u8| match &chars {
                None => is_byte_space(c),
                Some(cs) => cs.contains(&c),
            };
            Ok(bytes_value(trim_bytes(s, f, name != "rstrip", name != "lstrip")))
        }
        "lower" | "upper" => {
            no_args(this, name, &args)?;
            let up = name == "upper";
            Ok(bytes_value(s.iter().map(|c| if up { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() }).collect::<Vec<u8>>()))
        }
        "startswith" | "endswith" => {
            let [prefix, start, end] = args.bind(name, ["prefix", "start", "end"], 1)?;
            let prefix = prefix.unwrap();
            let candidates: Vec<Py> = match &prefix {
                Py::Bytes(_) => vec![prefix.clone()],
                Py::Tuple(t) => t.to_vec(),
                v => {
                    return Err(type_error(format!(
                        "{name} first arg must be bytes or a tuple of bytes, not {}",
                        v.type_name()
                    )))
                }
            };
            let range = bounds(s.len() as i64, start, end)?;
            // CPython checks the tuple's items in order and stops at the first match.
            for p in candidates {
                let p = need_bytes(&p)?;
                let Some((a, e)) = range else { continue };
                if if name == "startswith" { s[a..e].starts_with(&p) } else { s[a..e].ends_with(&p) } {
                    return Ok(Py::Bool(true));
                }
            }
            Ok(Py::Bool(false))
        }
        "find" | "rfind" | "index" | "rindex" | "count" => {
            let [sub, start, end] = args.bind(name, ["sub", "start", "end"], 1)?;
            let sub = byte_sub(sub.as_ref().unwrap())?;
            let range = bounds(s.len() as i64, start, end)?;
            if name == "count" {
                let Some((a, e)) = range else { return Ok(Py::Int(0)) };
                if sub.is_empty() {
                    return Ok(Py::Int((e - a + 1) as i64));
                }
                let (mut hay, mut n) = (&s[a..e], 0);
                while let Some(i) = find_sub(hay, &sub) {
                    n += 1;
                    hay = &hay[i + sub.len()..];
                }
                return Ok(Py::Int(n));
            }
            let found = range.and_then(|(a, e)| {
                let hay = &s[a..e];
                let r = if name.starts_with('r') { rfind_sub(hay, &sub) } else { find_sub(hay, &sub) };
                r.map(|i| (a + i) as i64)
            });
            match found {
                Some(i) => Ok(Py::Int(i)),
                None if name.ends_with("find") => Ok(Py::Int(-1)),
                None => Err(value_error("subsection not found")),
            }
        }
        "join" => {
            let [it] = args.bind(name, ["iterable_of_bytes"], 1)?;
            let it = it.unwrap();
            let iter = join_items(&it)?;
            let mut out = Vec::new();
            for (i, x) in iter.enumerate() {
                let x = x?;
                let Py::Bytes(p) = &x else {
                    return Err(type_error(format!(
                        "sequence item {i}: expected a bytes-like object, {} found",
                        x.type_name()
                    )));
                };
                if i > 0 {
                    out.extend_from_slice(s);
                }
                out.extend_from_slice(p);
            }
            Ok(bytes_value(out))
        }
        "replace" => {
            if !args.kw.is_empty() {
                return Err(type_error("bytes.replace() takes no keyword arguments"));
            }
            let [old, new, count] = args.bind(name, ["old", "new", "count"], 2)?;
            let (old, new) = (need_bytes(old.as_ref().unwrap())?, need_bytes(new.as_ref().unwrap())?);
            Ok(bytes_value(replace_bytes(s, &old, &new, int_arg(count, -1)?)))
        }
        "partition" | "rpartition" => {
            let [sep] = args.bind(name, ["sep"], 1)?;
            let sep = need_bytes(sep.as_ref().unwrap())?;
            if sep.is_empty() {
                return Err(value_error("empty separator"));
            }
            let found = if name == "partition" { find_sub(s, &sep) } else { rfind_sub(s, &sep) };
            let empty = || bytes_value(&[][..]);
            Ok(Py::tuple(match found {
                Some(i) => vec![bytes_value(&s[..i]), Py::Bytes(sep.clone()), bytes_value(&s[i + sep.len()..])],
                None if name == "partition" => vec![this.clone(), empty(), empty()],
                None => vec![empty(), empty(), this.clone()],
            }))
        }
        "splitlines" => {
            let [keep] = args.bind(name, ["keepends"], 0)?;
            let keep = keep.is_some_and(|k| k.truthy());
            let (mut out, mut start, mut i) = (Vec::new(), 0, 0);
            while i < s.len() {
                if matches!(s[i], b'\n' | b'\r') {
                    let end = if s[i] == b'\r' && s.get(i + 1) == Some(&b'\n') { i + 2 } else { i + 1 };
                    out.push(bytes_value(&s[start..if keep { end } else { i }]));
                    start = end;
                    i = end;
                } else {
                    i += 1;
                }
            }
            if start < s.len() {
                out.push(bytes_value(&s[start..]));
            }
            Ok(Py::list(out))
        }
        "isdigit" | "isalpha" | "isalnum" | "isspace" | "isascii" => {
            no_args(this, name, &args)?;
            let f: fn(u8) -> bool = match name {
                "isdigit" => |c| c.is_ascii_digit(),
                "isalpha" => |c| c.is_ascii_alphabetic(),
                "isalnum" => |c| c.is_ascii_alphanumeric(),
                "isspace" => is_byte_space,
                _ => |c| c.is_ascii(),
            };
            Ok(Py::Bool((name == "isascii" || !s.is_empty()) && s.iter().all(|&c| f(c))))
        }
        "islower" | "isupper" => {
            no_args(this, name, &args)?;
            let (lower, upper) = (s.iter().any(u8::is_ascii_lowercase), s.iter().any(u8::is_ascii_uppercase));
            Ok(Py::Bool(if name == "islower" { lower && !upper } else { upper && !lower }))
        }
        "zfill" => {
            let [w] = args.bind(name, ["width"], 1)?;
            let w = index_of(w.as_ref().unwrap())?;
            if w <= s.len() as i64 {
                return Ok(this.clone());
            }
            let pad = vec![b'0'; w as usize - s.len()];
            Ok(bytes_value(match s.first() {
                Some(c @ (b'+' | b'-')) => [&[*c][..], &pad, &s[1..]].concat(),
                _ => [&pad[..], s].concat(),
            }))
        }
        "center" | "ljust" | "rjust" => {
            let [w, fill] = args.bind(name, ["width", "fillchar"], 1)?;
            let w = index_of(w.as_ref().unwrap())?;
            let fill = match fill {
                None => b' ',
                Some(Py::Bytes(f)) if f.len() == 1 => f[0],
                Some(v) => {
                    return Err(type_error(format!(
                        "{name}() argument 2 must be a byte string of length 1, not {}",
                        v.type_name()
                    )))
                }
            };
            let n = s.len() as i64;
            if w <= n {
                return Ok(this.clone());
            }
            let pad = w - n;
            let left = match name {
                "ljust" => 0,
                "rjust" => pad,
                _ => pad / 2 + (pad & w & 1),
            } as usize;
            Ok(bytes_value([&vec![fill; left][..], s, &vec![fill; pad as usize - left]].concat()))
        }
        "removeprefix" | "removesuffix" => {
            let [a] = args.bind(name, ["prefix"], 1)?;
            let a = need_bytes(a.as_ref().unwrap())?;
            Ok(match if name == "removeprefix" { s.strip_prefix(&a[..]) } else { s.strip_suffix(&a[..]) } {
                Some(r) => bytes_value(r),
                None => this.clone(),
            })
        }
        _ => Err(no_method(this, name)),
    }
}

// ---------------------------------------------------------------------------------------
// list
// ---------------------------------------------------------------------------------------

/// Sort `(key, value)` pairs by key with Python's `<` (stable; errors propagate). Small
/// inputs follow CPython's run detection and binary insertion, so a mixed-type list
/// raises the same TypeError (the operands in the same order) as CPython.
pub fn sort_pairs(mut v: Vec<(Py, Py)>) -> PyResult<Vec<(Py, Py)>> {
    fn binary_insertion(v: &mut [(Py, Py)], sorted_upto: usize) -> PyResult<()> {
        for i in sorted_upto..v.len() {
            let (mut lo, mut hi) = (0, i);
            while lo < hi {
                let mid = (lo + hi) / 2;
                if v[i].0.lt(&v[mid].0)? {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            v[lo..=i].rotate_right(1);
        }
        Ok(())
    }
    fn run_sort(v: &mut [(Py, Py)]) -> PyResult<()> {
        if v.len() < 2 {
            return Ok(());
        }
        // count_run
        let mut n = 2;
        if v[1].0.lt(&v[0].0)? {
            while n < v.len() && v[n].0.lt(&v[n - 1].0)? {
                n += 1;
            }
            v[..n].reverse();
        } else {
            while n < v.len() && !v[n].0.lt(&v[n - 1].0)? {
                n += 1;
            }
        }
        binary_insertion(v, n)
    }
    const CHUNK: usize = 32;
    if v.len() <= 64 {
        run_sort(&mut v)?;
        return Ok(v);
    }
    for chunk in v.chunks_mut(CHUNK) {
        run_sort(chunk)?;
    }
    let mut width = CHUNK;
    while width < v.len() {
        let mut out: Vec<(Py, Py)> = Vec::with_capacity(v.len());
        let mut it = v.into_iter().peekable();
        loop {
            let left: Vec<(Py, Py)> = it.by_ref().take(width).collect();
            if left.is_empty() {
                break;
            }
            let right: Vec<(Py, Py)> = it.by_ref().take(width).collect();
            let (mut i, mut j) = (0, 0);
            let mut l = left.into_iter().map(Some).collect::<Vec<_>>();
            let mut r = right.into_iter().map(Some).collect::<Vec<_>>();
            while i < l.len() && j < r.len() {
                if r[j].as_ref().unwrap().0.lt(&l[i].as_ref().unwrap().0)? {
                    out.push(r[j].take().unwrap());
                    j += 1;
                } else {
                    out.push(l[i].take().unwrap());
                    i += 1;
                }
            }
            out.extend(l.into_iter().skip(i).flatten());
            out.extend(r.into_iter().skip(j).flatten());
        }
        v = out;
        width *= 2;
    }
    Ok(v)
}

/// Sort values, as `list.sort(key=..., reverse=...)` / `sorted()`.
pub fn sort_values(items: Vec<Py>, key: Option<Py>, reverse: bool) -> PyResult<Vec<Py>> {
    let mut pairs = Vec::with_capacity(items.len());
    for v in items {
        let k = match &key {
            Some(f) => f.call(Args::pos(vec![v.clone()]))?,
            None => v.clone(),
        };
        pairs.push((k, v));
    }
    if reverse {
        pairs.reverse();
    }
    let mut sorted = sort_pairs(pairs)?;
    if reverse {
        sorted.reverse();
    }
    Ok(sorted.into_iter().map(|(_, v)| v).collect())
}

fn list_method(this: &Py, l: &Rc<RefCell<Vec<Py>>>, name: &str, args: Args) -> PyResult<Py> {
    match name {
        "append" => {
            let [x] = args.bind(name, ["object"], 1)?;
            l.borrow_mut().push(x.unwrap());
            Ok(Py::None)
        }
        "extend" => {
            let [x] = args.bind(name, ["iterable"], 1)?;
            this.iadd(&x.unwrap())?;
            Ok(Py::None)
        }
        "insert" => {
            let [i, x] = args.bind(name, ["index", "object"], 2)?;
            let i = index_of(i.as_ref().unwrap())?;
            let mut l = l.borrow_mut();
            let n = l.len() as i64;
            let i = if i < 0 { (i + n).max(0) } else { i.min(n) };
            l.insert(i as usize, x.unwrap());
            Ok(Py::None)
        }
        "pop" => {
            let [i] = args.bind(name, ["index"], 0)?;
            let mut l = l.borrow_mut();
            if l.is_empty() {
                return Err(PyErr::msg(&exc::INDEX_ERROR, "pop from empty list"));
            }
            let n = l.len() as i64;
            let i = int_arg(i, -1)?;
            let j = if i < 0 { i + n } else { i };
            if j < 0 || j >= n {
                return Err(PyErr::msg(&exc::INDEX_ERROR, "pop index out of range"));
            }
            Ok(l.remove(j as usize))
        }
        "remove" => {
            let [x] = args.bind(name, ["value"], 1)?;
            let x = x.unwrap();
            let pos = l.borrow().iter().position(|v| v.is(&x) || v.py_eq(&x));
            match pos {
                Some(i) => {
                    l.borrow_mut().remove(i);
                    Ok(Py::None)
                }
                None => Err(value_error("list.remove(x): x not in list")),
            }
        }
        "index" => {
            let [x, start, end] = args.bind(name, ["value", "start", "stop"], 1)?;
            let x = x.unwrap();
            let items = l.borrow().clone();
            let (a, b) = seq_bounds(items.len(), start, end)?;
            for (i, v) in items.iter().enumerate().take(b).skip(a) {
                if v.is(&x) || v.py_eq(&x) {
                    return Ok(Py::Int(i as i64));
                }
            }
            Err(value_error(format!("{} is not in list", x.repr_string())))
        }
        "count" => {
            let [x] = args.bind(name, ["value"], 1)?;
            let x = x.unwrap();
            Ok(Py::Int(l.borrow().iter().filter(|v| v.is(&x) || v.py_eq(&x)).count() as i64))
        }
        "sort" => {
            if !args.pos.is_empty() {
                return Err(type_error("sort() takes no positional arguments"));
            }
            let [key, reverse] = args.bind(name, ["key", "reverse"], 0)?;
            let items = l.borrow().clone();
            let sorted = sort_values(items, opt(key), reverse.is_some_and(|r| r.truthy()))?;
            *l.borrow_mut() = sorted;
            Ok(Py::None)
        }
        "reverse" => {
            args.bind(name, [], 0)?;
            l.borrow_mut().reverse();
            Ok(Py::None)
        }
        "copy" => {
            args.bind(name, [], 0)?;
            Ok(Py::list(l.borrow().clone()))
        }
        "clear" => {
            args.bind(name, [], 0)?;
            l.borrow_mut().clear();
            Ok(Py::None)
        }
        _ => Err(no_method(this, name)),
    }
}

fn seq_bounds(n: usize, start: Option<Py>, end: Option<Py>) -> PyResult<(usize, usize)> {
    let n = n as i64;
    let adj = |v: Option<Py>, d: i64| -> PyResult<usize> {
        Ok(match v {
            None => d,
            Some(v) => {
                let i = index_of(&v)?;
                if i < 0 {
                    (i + n).max(0)
                } else {
                    i.min(n)
                }
            }
        } as usize)
    };
    Ok((adj(start, 0)?, adj(end, n)?))
}

// ---------------------------------------------------------------------------------------
// dict
// ---------------------------------------------------------------------------------------

/// `dict.update(other)`: a mapping, or an iterable of pairs, as CPython.
pub fn dict_update(d: &RefCell<IndexMap<Key, Py>>, other: &Py) -> PyResult<()> {
    match other {
        Py::Dict(o) => {
            let items: Vec<(Key, Py)> = o.borrow().iter().map(|(k, v)| (k.clone(), v.clone())).collect();
            let mut d = d.borrow_mut();
            for (k, v) in items {
                d.insert(k, v);
            }
            Ok(())
        }
        Py::Object(_) if super::ops::has_keys(other) => {
            let keys = other.call_method("keys", Args::default())?;
            for k in keys.iter()? {
                let k = k?;
                let v = other.getitem(&k)?;
                d.borrow_mut().insert(Key::new(k)?, v);
            }
            Ok(())
        }
        _ => {
            for (i, item) in other.iter()?.enumerate() {
                let item = item?;
                let pair: Vec<Py> = match item.iter() {
                    Ok(it) => it.collect::<PyResult<_>>()?,
                    Err(_) => {
                        return Err(type_error(format!(
                            "cannot convert dictionary update sequence element #{i} to a sequence"
                        )))
                    }
                };
                if pair.len() != 2 {
                    return Err(value_error(format!(
                        "dictionary update sequence element #{i} has length {}; 2 is required",
                        pair.len()
                    )));
                }
                let mut p = pair.into_iter();
                let (k, v) = (p.next().unwrap(), p.next().unwrap());
                d.borrow_mut().insert(Key::new(k)?, v);
            }
            Ok(())
        }
    }
}

fn dict_method(this: &Py, d: &Rc<PyDict>, name: &str, args: Args) -> PyResult<Py> {
    let args = if matches!(d.kind, DictKind::Dict) {
        args
    } else {
        match super::collections::dict_method(this, d, name, args) {
            Ok(r) => return r,
            Err(args) => args,
        }
    };
    match name {
        "get" => {
            let [k, default] = args.bind(name, ["key", "default"], 1)?;
            let k = Key::new(k.unwrap())?;
            Ok(d.borrow().get(&k).cloned().unwrap_or_else(|| default.unwrap_or(Py::None)))
        }
        "setdefault" => {
            let [k, default] = args.bind(name, ["key", "default"], 1)?;
            let k = Key::new(k.unwrap())?;
            let mut d = d.borrow_mut();
            Ok(d.entry(k).or_insert_with(|| default.unwrap_or(Py::None)).clone())
        }
        "keys" => {
            args.bind(name, [], 0)?;
            Ok(super::views::view(d, super::views::ViewKind::Keys))
        }
        "values" => {
            args.bind(name, [], 0)?;
            Ok(super::views::view(d, super::views::ViewKind::Values))
        }
        "items" => {
            args.bind(name, [], 0)?;
            Ok(super::views::view(d, super::views::ViewKind::Items))
        }
        "pop" => {
            let has_default = args.pos.len() + args.kw.len() >= 2;
            let [k, default] = args.bind(name, ["key", "default"], 1)?;
            let k = k.unwrap();
            let key = Key::new(k.clone())?;
            let r = d.borrow_mut().shift_remove(&key);
            match r {
                Some(v) => Ok(v),
                None if has_default => Ok(default.unwrap_or(Py::None)),
                None => Err(PyErr::new(&exc::KEY_ERROR, vec![k])),
            }
        }
        "popitem" => {
            args.bind(name, [], 0)?;
            match d.borrow_mut().pop() {
                Some((k, v)) => Ok(Py::tuple(vec![k.0, v])),
                None => Err(PyErr::new(&exc::KEY_ERROR, vec![Py::str("popitem(): dictionary is empty")])),
            }
        }
        "update" => {
            if args.pos.len() > 1 {
                return Err(type_error(format!(
                    "update expected at most 1 argument, got {}",
                    args.pos.len()
                )));
            }
            let Args { pos, kw } = args;
            if let Some(other) = pos.into_iter().next() {
                dict_update(d, &other)?;
            }
            for (k, v) in kw {
                d.borrow_mut().insert(Key(Py::str(&k)), v);
            }
            Ok(Py::None)
        }
        "copy" => {
            args.bind(name, [], 0)?;
            Ok(Py::from_map(d.borrow().clone()))
        }
        "clear" => {
            args.bind(name, [], 0)?;
            d.borrow_mut().clear();
            Ok(Py::None)
        }
        "fromkeys" => dict_fromkeys(args),
        _ => Err(no_method(this, name)),
    }
}

fn dict_fromkeys(args: Args) -> PyResult<Py> {
    let [it, v] = args.bind("fromkeys", ["iterable", "value"], 1)?;
    let v = v.unwrap_or(Py::None);
    let mut m = IndexMap::new();
    for k in it.unwrap().iter()? {
        m.insert(Key::new(k?)?, v.clone());
    }
    Ok(Py::from_map(m))
}

// ---------------------------------------------------------------------------------------
// set / frozenset
// ---------------------------------------------------------------------------------------

fn keys_of(v: &Py) -> PyResult<IndexSet<Key>> {
    if let Some(s) = set_items(v) {
        return Ok(s);
    }
    let mut out = IndexSet::new();
    for x in v.iter()? {
        out.insert(Key::new(x?)?);
    }
    Ok(out)
}

fn set_method(this: &Py, name: &str, args: Args) -> PyResult<Py> {
    let mine = || set_items(this).unwrap();
    let cell = match this {
        Py::Set(s) => Some(s.clone()),
        _ => None,
    };
    let mutable = |n: &str| -> PyResult<Rc<RefCell<IndexSet<Key>>>> {
        cell.clone().ok_or_else(|| no_attribute(this, n))
    };
    match name {
        "add" => {
            let [x] = args.bind(name, ["object"], 1)?;
            let k = Key::new(x.unwrap())?;
            mutable(name)?.borrow_mut().insert(k);
            Ok(Py::None)
        }
        "discard" | "remove" => {
            let [x] = args.bind(name, ["object"], 1)?;
            let x = x.unwrap();
            let k = Key::new(x.clone())?;
            let removed = mutable(name)?.borrow_mut().shift_remove(&k);
            if !removed && name == "remove" {
                return Err(PyErr::new(&exc::KEY_ERROR, vec![x]));
            }
            Ok(Py::None)
        }
        "pop" => {
            args.bind(name, [], 0)?;
            let s = mutable(name)?;
            let mut s = s.borrow_mut();
            if s.is_empty() {
                return Err(PyErr::new(&exc::KEY_ERROR, vec![Py::str("pop from an empty set")]));
            }
            Ok(s.shift_remove_index(0).unwrap().0)
        }
        "clear" => {
            args.bind(name, [], 0)?;
            mutable(name)?.borrow_mut().clear();
            Ok(Py::None)
        }
        "copy" => {
            args.bind(name, [], 0)?;
            Ok(set_like(this, mine()))
        }
        "update" | "intersection_update" | "difference_update" | "symmetric_difference_update" => {
            let s = mutable(name)?;
            let mut cur = mine();
            for other in &args.pos {
                let o = keys_of(other)?;
                cur = match name {
                    "update" => cur.union(&o).cloned().collect(),
                    "intersection_update" => cur.intersection(&o).cloned().collect(),
                    "difference_update" => cur.difference(&o).cloned().collect(),
                    _ => cur.symmetric_difference(&o).cloned().collect(),
                };
            }
            *s.borrow_mut() = cur;
            Ok(Py::None)
        }
        "union" | "intersection" | "difference" | "symmetric_difference" => {
            let mut cur = mine();
            for other in &args.pos {
                let o = keys_of(other)?;
                cur = match name {
                    "union" => cur.union(&o).cloned().collect(),
                    "intersection" => cur.intersection(&o).cloned().collect(),
                    "difference" => cur.difference(&o).cloned().collect(),
                    _ => cur.symmetric_difference(&o).cloned().collect(),
                };
            }
            Ok(set_like(this, cur))
        }
        "issubset" | "issuperset" | "isdisjoint" => {
            let [o] = args.bind(name, ["other"], 1)?;
            let o = keys_of(&o.unwrap())?;
            let m = mine();
            Ok(Py::Bool(match name {
                "issubset" => m.is_subset(&o),
                "issuperset" => m.is_superset(&o),
                _ => m.is_disjoint(&o),
            }))
        }
        _ => Err(no_method(this, name)),
    }
}

// ---------------------------------------------------------------------------------------
// tuple, int, float, type
// ---------------------------------------------------------------------------------------

fn tuple_method(this: &Py, t: &Rc<[Py]>, name: &str, args: Args) -> PyResult<Py> {
    match name {
        "index" => {
            let [x, start, end] = args.bind(name, ["value", "start", "stop"], 1)?;
            let x = x.unwrap();
            let (a, b) = seq_bounds(t.len(), start, end)?;
            for (i, v) in t.iter().enumerate().take(b).skip(a) {
                if v.is(&x) || v.py_eq(&x) {
                    return Ok(Py::Int(i as i64));
                }
            }
            Err(value_error("tuple.index(x): x not in tuple"))
        }
        "count" => {
            let [x] = args.bind(name, ["value"], 1)?;
            let x = x.unwrap();
            Ok(Py::Int(t.iter().filter(|v| v.is(&x) || v.py_eq(&x)).count() as i64))
        }
        _ => Err(no_method(this, name)),
    }
}

fn int_method(this: &Py, name: &str, args: Args) -> PyResult<Py> {
    let v: BigInt = int_of(this).unwrap();
    match name {
        "bit_length" => {
            args.bind(name, [], 0)?;
            Ok(Py::Int(v.bits() as i64))
        }
        "bit_count" => {
            args.bind(name, [], 0)?;
            Ok(Py::Int(v.magnitude().count_ones() as i64))
        }
        "conjugate" => {
            args.bind(name, [], 0)?;
            this.pos()
        }
        "as_integer_ratio" => {
            args.bind(name, [], 0)?;
            Ok(Py::tuple(vec![this.pos()?, Py::Int(1)]))
        }
        "to_bytes" => {
            let [length, order, signed] = args.bind(name, ["length", "byteorder", "signed"], 0)?;
            let length = int_arg(length, 1)? as usize;
            let big = match order {
                None => true,
                Some(Py::Str(s)) if &*s == "big" => true,
                Some(Py::Str(s)) if &*s == "little" => false,
                _ => return Err(value_error("byteorder must be either 'little' or 'big'")),
            };
            let signed = signed.is_some_and(|s| s.truthy());
            if !signed && num_traits::Signed::is_negative(&v) {
                return Err(PyErr::msg(&exc::OVERFLOW_ERROR, "can't convert negative int to unsigned"));
            }
            let mut bytes = v.to_signed_bytes_le();
            if !signed && bytes.len() > 1 && *bytes.last().unwrap() == 0 {
                bytes.pop();
            }
            if v == BigInt::from(0) {
                bytes = vec![];
            }
            if bytes.len() > length {
                return Err(PyErr::msg(&exc::OVERFLOW_ERROR, "int too big to convert"));
            }
            let fill = if num_traits::Signed::is_negative(&v) { 0xff } else { 0 };
            bytes.resize(length, fill);
            if big {
                bytes.reverse();
            }
            Ok(Py::Bytes(bytes.into()))
        }
        _ => Err(no_method(this, name)),
    }
}

fn float_method(this: &Py, f: f64, name: &str, args: Args) -> PyResult<Py> {
    match name {
        "is_integer" => {
            args.bind(name, [], 0)?;
            Ok(Py::Bool(f.is_finite() && f.fract() == 0.0))
        }
        "conjugate" => {
            args.bind(name, [], 0)?;
            Ok(this.clone())
        }
        _ => Err(no_method(this, name)),
    }
}

fn type_method(this: &Py, t: &str, name: &str, args: Args) -> PyResult<Py> {
    match (t, name) {
        ("dict", "fromkeys") => dict_fromkeys(args),
        ("str", "maketrans") => str_maketrans(args),
        ("bytes", "fromhex") => {
            let [s] = args.bind(name, ["string"], 1)?;
            let s = must_be_str(s.as_ref().unwrap())?;
            let mut out = Vec::new();
            let chars: Vec<char> = s.chars().collect();
            let mut i = 0;
            while i < chars.len() {
                if chars[i].is_ascii_whitespace() {
                    i += 1;
                    continue;
                }
                let hi = chars[i].to_digit(16);
                let lo = chars.get(i + 1).and_then(|c| c.to_digit(16));
                match (hi, lo) {
                    (Some(h), Some(l)) => out.push((h * 16 + l) as u8),
                    (None, _) => {
                        return Err(value_error(format!(
                            "non-hexadecimal number found in fromhex() arg at position {i}"
                        )))
                    }
                    (Some(_), None) => {
                        return Err(value_error(format!(
                            "non-hexadecimal number found in fromhex() arg at position {}",
                            i + 1
                        )))
                    }
                }
                i += 2;
            }
            Ok(Py::Bytes(out.into()))
        }
        ("int", "from_bytes") => {
            let [b, order, signed] = args.bind(name, ["bytes", "byteorder", "signed"], 1)?;
            let mut bytes: Vec<u8> = match b.unwrap() {
                Py::Bytes(b) => b.to_vec(),
                other => other
                    .iter()?
                    .map(|x| x.and_then(|x| index_of(&x)).map(|x| x as u8))
                    .collect::<PyResult<_>>()?,
            };
            match order {
                None => {}
                Some(Py::Str(s)) if &*s == "big" => {}
                Some(Py::Str(s)) if &*s == "little" => bytes.reverse(),
                _ => return Err(value_error("byteorder must be either 'little' or 'big'")),
            }
            let v = if signed.is_some_and(|s| s.truthy()) {
                BigInt::from_signed_bytes_be(&bytes)
            } else {
                BigInt::from_bytes_be(num_bigint::Sign::Plus, &bytes)
            };
            Ok(super::ops::int_to_py(v))
        }
        _ => {
            // Unbound method: `str.lower(s)`, `dict.get(d, k)`.
            let mut args = args;
            if !args.pos.is_empty() && args.pos[0].type_name() == t {
                let first = args.pos.remove(0);
                return call_method(&first, name, args);
            }
            Err(no_attribute(this, name))
        }
    }
}

/// Unicode property tables generated from CPython 3.11's `unicodedata` (Unicode 14.0).
pub mod uni {
    fn lookup(table: &[(u32, u32)], c: char) -> bool {
        let c = c as u32;
        table.binary_search_by(|&(lo, hi)| if hi < c { std::cmp::Ordering::Less } else if lo > c { std::cmp::Ordering::Greater } else { std::cmp::Ordering::Equal }).is_ok()
    }
    /// `str.isprintable()` for one character.
    pub fn is_printable(c: char) -> bool {
        !lookup(NONPRINTABLE, c)
    }
    #[rustfmt::skip]
    const NONPRINTABLE: &[(u32, u32)] = &[
        (0x0, 0x1f), (0x7f, 0xa0), (0xad, 0xad), (0x378, 0x379), (0x380, 0x383), (0x38b, 0x38b),
        (0x38d, 0x38d), (0x3a2, 0x3a2), (0x530, 0x530), (0x557, 0x558), (0x58b, 0x58c),
        (0x590, 0x590), (0x5c8, 0x5cf), (0x5eb, 0x5ee), (0x5f5, 0x605), (0x61c, 0x61c),
        (0x6dd, 0x6dd), (0x70e, 0x70f), (0x74b, 0x74c), (0x7b2, 0x7bf), (0x7fb, 0x7fc),
        (0x82e, 0x82f), (0x83f, 0x83f), (0x85c, 0x85d), (0x85f, 0x85f), (0x86b, 0x86f),
        (0x88f, 0x897), (0x8e2, 0x8e2), (0x984, 0x984), (0x98d, 0x98e), (0x991, 0x992),
        (0x9a9, 0x9a9), (0x9b1, 0x9b1), (0x9b3, 0x9b5), (0x9ba, 0x9bb), (0x9c5, 0x9c6),
        (0x9c9, 0x9ca), (0x9cf, 0x9d6), (0x9d8, 0x9db), (0x9de, 0x9de), (0x9e4, 0x9e5),
        (0x9ff, 0xa00), (0xa04, 0xa04), (0xa0b, 0xa0e), (0xa11, 0xa12), (0xa29, 0xa29),
        (0xa31, 0xa31), (0xa34, 0xa34), (0xa37, 0xa37), (0xa3a, 0xa3b), (0xa3d, 0xa3d),
        (0xa43, 0xa46), (0xa49, 0xa4a), (0xa4e, 0xa50), (0xa52, 0xa58), (0xa5d, 0xa5d),
        (0xa5f, 0xa65), (0xa77, 0xa80), (0xa84, 0xa84), (0xa8e, 0xa8e), (0xa92, 0xa92),
        (0xaa9, 0xaa9), (0xab1, 0xab1), (0xab4, 0xab4), (0xaba, 0xabb), (0xac6, 0xac6),
        (0xaca, 0xaca), (0xace, 0xacf), (0xad1, 0xadf), (0xae4, 0xae5), (0xaf2, 0xaf8),
        (0xb00, 0xb00), (0xb04, 0xb04), (0xb0d, 0xb0e), (0xb11, 0xb12), (0xb29, 0xb29),
        (0xb31, 0xb31), (0xb34, 0xb34), (0xb3a, 0xb3b), (0xb45, 0xb46), (0xb49, 0xb4a),
        (0xb4e, 0xb54), (0xb58, 0xb5b), (0xb5e, 0xb5e), (0xb64, 0xb65), (0xb78, 0xb81),
        (0xb84, 0xb84), (0xb8b, 0xb8d), (0xb91, 0xb91), (0xb96, 0xb98), (0xb9b, 0xb9b),
        (0xb9d, 0xb9d), (0xba0, 0xba2), (0xba5, 0xba7), (0xbab, 0xbad), (0xbba, 0xbbd),
        (0xbc3, 0xbc5), (0xbc9, 0xbc9), (0xbce, 0xbcf), (0xbd1, 0xbd6), (0xbd8, 0xbe5),
        (0xbfb, 0xbff), (0xc0d, 0xc0d), (0xc11, 0xc11), (0xc29, 0xc29), (0xc3a, 0xc3b),
        (0xc45, 0xc45), (0xc49, 0xc49), (0xc4e, 0xc54), (0xc57, 0xc57), (0xc5b, 0xc5c),
        (0xc5e, 0xc5f), (0xc64, 0xc65), (0xc70, 0xc76), (0xc8d, 0xc8d), (0xc91, 0xc91),
        (0xca9, 0xca9), (0xcb4, 0xcb4), (0xcba, 0xcbb), (0xcc5, 0xcc5), (0xcc9, 0xcc9),
        (0xcce, 0xcd4), (0xcd7, 0xcdc), (0xcdf, 0xcdf), (0xce4, 0xce5), (0xcf0, 0xcf0),
        (0xcf3, 0xcff), (0xd0d, 0xd0d), (0xd11, 0xd11), (0xd45, 0xd45), (0xd49, 0xd49),
        (0xd50, 0xd53), (0xd64, 0xd65), (0xd80, 0xd80), (0xd84, 0xd84), (0xd97, 0xd99),
        (0xdb2, 0xdb2), (0xdbc, 0xdbc), (0xdbe, 0xdbf), (0xdc7, 0xdc9), (0xdcb, 0xdce),
        (0xdd5, 0xdd5), (0xdd7, 0xdd7), (0xde0, 0xde5), (0xdf0, 0xdf1), (0xdf5, 0xe00),
        (0xe3b, 0xe3e), (0xe5c, 0xe80), (0xe83, 0xe83), (0xe85, 0xe85), (0xe8b, 0xe8b),
        (0xea4, 0xea4), (0xea6, 0xea6), (0xebe, 0xebf), (0xec5, 0xec5), (0xec7, 0xec7),
        (0xece, 0xecf), (0xeda, 0xedb), (0xee0, 0xeff), (0xf48, 0xf48), (0xf6d, 0xf70),
        (0xf98, 0xf98), (0xfbd, 0xfbd), (0xfcd, 0xfcd), (0xfdb, 0xfff), (0x10c6, 0x10c6),
        (0x10c8, 0x10cc), (0x10ce, 0x10cf), (0x1249, 0x1249), (0x124e, 0x124f), (0x1257, 0x1257),
        (0x1259, 0x1259), (0x125e, 0x125f), (0x1289, 0x1289), (0x128e, 0x128f), (0x12b1, 0x12b1),
        (0x12b6, 0x12b7), (0x12bf, 0x12bf), (0x12c1, 0x12c1), (0x12c6, 0x12c7), (0x12d7, 0x12d7),
        (0x1311, 0x1311), (0x1316, 0x1317), (0x135b, 0x135c), (0x137d, 0x137f), (0x139a, 0x139f),
        (0x13f6, 0x13f7), (0x13fe, 0x13ff), (0x1680, 0x1680), (0x169d, 0x169f), (0x16f9, 0x16ff),
        (0x1716, 0x171e), (0x1737, 0x173f), (0x1754, 0x175f), (0x176d, 0x176d), (0x1771, 0x1771),
        (0x1774, 0x177f), (0x17de, 0x17df), (0x17ea, 0x17ef), (0x17fa, 0x17ff), (0x180e, 0x180e),
        (0x181a, 0x181f), (0x1879, 0x187f), (0x18ab, 0x18af), (0x18f6, 0x18ff), (0x191f, 0x191f),
        (0x192c, 0x192f), (0x193c, 0x193f), (0x1941, 0x1943), (0x196e, 0x196f), (0x1975, 0x197f),
        (0x19ac, 0x19af), (0x19ca, 0x19cf), (0x19db, 0x19dd), (0x1a1c, 0x1a1d), (0x1a5f, 0x1a5f),
        (0x1a7d, 0x1a7e), (0x1a8a, 0x1a8f), (0x1a9a, 0x1a9f), (0x1aae, 0x1aaf), (0x1acf, 0x1aff),
        (0x1b4d, 0x1b4f), (0x1b7f, 0x1b7f), (0x1bf4, 0x1bfb), (0x1c38, 0x1c3a), (0x1c4a, 0x1c4c),
        (0x1c89, 0x1c8f), (0x1cbb, 0x1cbc), (0x1cc8, 0x1ccf), (0x1cfb, 0x1cff), (0x1f16, 0x1f17),
        (0x1f1e, 0x1f1f), (0x1f46, 0x1f47), (0x1f4e, 0x1f4f), (0x1f58, 0x1f58), (0x1f5a, 0x1f5a),
        (0x1f5c, 0x1f5c), (0x1f5e, 0x1f5e), (0x1f7e, 0x1f7f), (0x1fb5, 0x1fb5), (0x1fc5, 0x1fc5),
        (0x1fd4, 0x1fd5), (0x1fdc, 0x1fdc), (0x1ff0, 0x1ff1), (0x1ff5, 0x1ff5), (0x1fff, 0x200f),
        (0x2028, 0x202f), (0x205f, 0x206f), (0x2072, 0x2073), (0x208f, 0x208f), (0x209d, 0x209f),
        (0x20c1, 0x20cf), (0x20f1, 0x20ff), (0x218c, 0x218f), (0x2427, 0x243f), (0x244b, 0x245f),
        (0x2b74, 0x2b75), (0x2b96, 0x2b96), (0x2cf4, 0x2cf8), (0x2d26, 0x2d26), (0x2d28, 0x2d2c),
        (0x2d2e, 0x2d2f), (0x2d68, 0x2d6e), (0x2d71, 0x2d7e), (0x2d97, 0x2d9f), (0x2da7, 0x2da7),
        (0x2daf, 0x2daf), (0x2db7, 0x2db7), (0x2dbf, 0x2dbf), (0x2dc7, 0x2dc7), (0x2dcf, 0x2dcf),
        (0x2dd7, 0x2dd7), (0x2ddf, 0x2ddf), (0x2e5e, 0x2e7f), (0x2e9a, 0x2e9a), (0x2ef4, 0x2eff),
        (0x2fd6, 0x2fef), (0x2ffc, 0x3000), (0x3040, 0x3040), (0x3097, 0x3098), (0x3100, 0x3104),
        (0x3130, 0x3130), (0x318f, 0x318f), (0x31e4, 0x31ef), (0x321f, 0x321f), (0xa48d, 0xa48f),
        (0xa4c7, 0xa4cf), (0xa62c, 0xa63f), (0xa6f8, 0xa6ff), (0xa7cb, 0xa7cf), (0xa7d2, 0xa7d2),
        (0xa7d4, 0xa7d4), (0xa7da, 0xa7f1), (0xa82d, 0xa82f), (0xa83a, 0xa83f), (0xa878, 0xa87f),
        (0xa8c6, 0xa8cd), (0xa8da, 0xa8df), (0xa954, 0xa95e), (0xa97d, 0xa97f), (0xa9ce, 0xa9ce),
        (0xa9da, 0xa9dd), (0xa9ff, 0xa9ff), (0xaa37, 0xaa3f), (0xaa4e, 0xaa4f), (0xaa5a, 0xaa5b),
        (0xaac3, 0xaada), (0xaaf7, 0xab00), (0xab07, 0xab08), (0xab0f, 0xab10), (0xab17, 0xab1f),
        (0xab27, 0xab27), (0xab2f, 0xab2f), (0xab6c, 0xab6f), (0xabee, 0xabef), (0xabfa, 0xabff),
        (0xd7a4, 0xd7af), (0xd7c7, 0xd7ca), (0xd7fc, 0xf8ff), (0xfa6e, 0xfa6f), (0xfada, 0xfaff),
        (0xfb07, 0xfb12), (0xfb18, 0xfb1c), (0xfb37, 0xfb37), (0xfb3d, 0xfb3d), (0xfb3f, 0xfb3f),
        (0xfb42, 0xfb42), (0xfb45, 0xfb45), (0xfbc3, 0xfbd2), (0xfd90, 0xfd91), (0xfdc8, 0xfdce),
        (0xfdd0, 0xfdef), (0xfe1a, 0xfe1f), (0xfe53, 0xfe53), (0xfe67, 0xfe67), (0xfe6c, 0xfe6f),
        (0xfe75, 0xfe75), (0xfefd, 0xff00), (0xffbf, 0xffc1), (0xffc8, 0xffc9), (0xffd0, 0xffd1),
        (0xffd8, 0xffd9), (0xffdd, 0xffdf), (0xffe7, 0xffe7), (0xffef, 0xfffb), (0xfffe, 0xffff),
        (0x1000c, 0x1000c), (0x10027, 0x10027), (0x1003b, 0x1003b), (0x1003e, 0x1003e),
        (0x1004e, 0x1004f), (0x1005e, 0x1007f), (0x100fb, 0x100ff), (0x10103, 0x10106),
        (0x10134, 0x10136), (0x1018f, 0x1018f), (0x1019d, 0x1019f), (0x101a1, 0x101cf),
        (0x101fe, 0x1027f), (0x1029d, 0x1029f), (0x102d1, 0x102df), (0x102fc, 0x102ff),
        (0x10324, 0x1032c), (0x1034b, 0x1034f), (0x1037b, 0x1037f), (0x1039e, 0x1039e),
        (0x103c4, 0x103c7), (0x103d6, 0x103ff), (0x1049e, 0x1049f), (0x104aa, 0x104af),
        (0x104d4, 0x104d7), (0x104fc, 0x104ff), (0x10528, 0x1052f), (0x10564, 0x1056e),
        (0x1057b, 0x1057b), (0x1058b, 0x1058b), (0x10593, 0x10593), (0x10596, 0x10596),
        (0x105a2, 0x105a2), (0x105b2, 0x105b2), (0x105ba, 0x105ba), (0x105bd, 0x105ff),
        (0x10737, 0x1073f), (0x10756, 0x1075f), (0x10768, 0x1077f), (0x10786, 0x10786),
        (0x107b1, 0x107b1), (0x107bb, 0x107ff), (0x10806, 0x10807), (0x10809, 0x10809),
        (0x10836, 0x10836), (0x10839, 0x1083b), (0x1083d, 0x1083e), (0x10856, 0x10856),
        (0x1089f, 0x108a6), (0x108b0, 0x108df), (0x108f3, 0x108f3), (0x108f6, 0x108fa),
        (0x1091c, 0x1091e), (0x1093a, 0x1093e), (0x10940, 0x1097f), (0x109b8, 0x109bb),
        (0x109d0, 0x109d1), (0x10a04, 0x10a04), (0x10a07, 0x10a0b), (0x10a14, 0x10a14),
        (0x10a18, 0x10a18), (0x10a36, 0x10a37), (0x10a3b, 0x10a3e), (0x10a49, 0x10a4f),
        (0x10a59, 0x10a5f), (0x10aa0, 0x10abf), (0x10ae7, 0x10aea), (0x10af7, 0x10aff),
        (0x10b36, 0x10b38), (0x10b56, 0x10b57), (0x10b73, 0x10b77), (0x10b92, 0x10b98),
        (0x10b9d, 0x10ba8), (0x10bb0, 0x10bff), (0x10c49, 0x10c7f), (0x10cb3, 0x10cbf),
        (0x10cf3, 0x10cf9), (0x10d28, 0x10d2f), (0x10d3a, 0x10e5f), (0x10e7f, 0x10e7f),
        (0x10eaa, 0x10eaa), (0x10eae, 0x10eaf), (0x10eb2, 0x10eff), (0x10f28, 0x10f2f),
        (0x10f5a, 0x10f6f), (0x10f8a, 0x10faf), (0x10fcc, 0x10fdf), (0x10ff7, 0x10fff),
        (0x1104e, 0x11051), (0x11076, 0x1107e), (0x110bd, 0x110bd), (0x110c3, 0x110cf),
        (0x110e9, 0x110ef), (0x110fa, 0x110ff), (0x11135, 0x11135), (0x11148, 0x1114f),
        (0x11177, 0x1117f), (0x111e0, 0x111e0), (0x111f5, 0x111ff), (0x11212, 0x11212),
        (0x1123f, 0x1127f), (0x11287, 0x11287), (0x11289, 0x11289), (0x1128e, 0x1128e),
        (0x1129e, 0x1129e), (0x112aa, 0x112af), (0x112eb, 0x112ef), (0x112fa, 0x112ff),
        (0x11304, 0x11304), (0x1130d, 0x1130e), (0x11311, 0x11312), (0x11329, 0x11329),
        (0x11331, 0x11331), (0x11334, 0x11334), (0x1133a, 0x1133a), (0x11345, 0x11346),
        (0x11349, 0x1134a), (0x1134e, 0x1134f), (0x11351, 0x11356), (0x11358, 0x1135c),
        (0x11364, 0x11365), (0x1136d, 0x1136f), (0x11375, 0x113ff), (0x1145c, 0x1145c),
        (0x11462, 0x1147f), (0x114c8, 0x114cf), (0x114da, 0x1157f), (0x115b6, 0x115b7),
        (0x115de, 0x115ff), (0x11645, 0x1164f), (0x1165a, 0x1165f), (0x1166d, 0x1167f),
        (0x116ba, 0x116bf), (0x116ca, 0x116ff), (0x1171b, 0x1171c), (0x1172c, 0x1172f),
        (0x11747, 0x117ff), (0x1183c, 0x1189f), (0x118f3, 0x118fe), (0x11907, 0x11908),
        (0x1190a, 0x1190b), (0x11914, 0x11914), (0x11917, 0x11917), (0x11936, 0x11936),
        (0x11939, 0x1193a), (0x11947, 0x1194f), (0x1195a, 0x1199f), (0x119a8, 0x119a9),
        (0x119d8, 0x119d9), (0x119e5, 0x119ff), (0x11a48, 0x11a4f), (0x11aa3, 0x11aaf),
        (0x11af9, 0x11bff), (0x11c09, 0x11c09), (0x11c37, 0x11c37), (0x11c46, 0x11c4f),
        (0x11c6d, 0x11c6f), (0x11c90, 0x11c91), (0x11ca8, 0x11ca8), (0x11cb7, 0x11cff),
        (0x11d07, 0x11d07), (0x11d0a, 0x11d0a), (0x11d37, 0x11d39), (0x11d3b, 0x11d3b),
        (0x11d3e, 0x11d3e), (0x11d48, 0x11d4f), (0x11d5a, 0x11d5f), (0x11d66, 0x11d66),
        (0x11d69, 0x11d69), (0x11d8f, 0x11d8f), (0x11d92, 0x11d92), (0x11d99, 0x11d9f),
        (0x11daa, 0x11edf), (0x11ef9, 0x11faf), (0x11fb1, 0x11fbf), (0x11ff2, 0x11ffe),
        (0x1239a, 0x123ff), (0x1246f, 0x1246f), (0x12475, 0x1247f), (0x12544, 0x12f8f),
        (0x12ff3, 0x12fff), (0x1342f, 0x143ff), (0x14647, 0x167ff), (0x16a39, 0x16a3f),
        (0x16a5f, 0x16a5f), (0x16a6a, 0x16a6d), (0x16abf, 0x16abf), (0x16aca, 0x16acf),
        (0x16aee, 0x16aef), (0x16af6, 0x16aff), (0x16b46, 0x16b4f), (0x16b5a, 0x16b5a),
        (0x16b62, 0x16b62), (0x16b78, 0x16b7c), (0x16b90, 0x16e3f), (0x16e9b, 0x16eff),
        (0x16f4b, 0x16f4e), (0x16f88, 0x16f8e), (0x16fa0, 0x16fdf), (0x16fe5, 0x16fef),
        (0x16ff2, 0x16fff), (0x187f8, 0x187ff), (0x18cd6, 0x18cff), (0x18d09, 0x1afef),
        (0x1aff4, 0x1aff4), (0x1affc, 0x1affc), (0x1afff, 0x1afff), (0x1b123, 0x1b14f),
        (0x1b153, 0x1b163), (0x1b168, 0x1b16f), (0x1b2fc, 0x1bbff), (0x1bc6b, 0x1bc6f),
        (0x1bc7d, 0x1bc7f), (0x1bc89, 0x1bc8f), (0x1bc9a, 0x1bc9b), (0x1bca0, 0x1ceff),
        (0x1cf2e, 0x1cf2f), (0x1cf47, 0x1cf4f), (0x1cfc4, 0x1cfff), (0x1d0f6, 0x1d0ff),
        (0x1d127, 0x1d128), (0x1d173, 0x1d17a), (0x1d1eb, 0x1d1ff), (0x1d246, 0x1d2df),
        (0x1d2f4, 0x1d2ff), (0x1d357, 0x1d35f), (0x1d379, 0x1d3ff), (0x1d455, 0x1d455),
        (0x1d49d, 0x1d49d), (0x1d4a0, 0x1d4a1), (0x1d4a3, 0x1d4a4), (0x1d4a7, 0x1d4a8),
        (0x1d4ad, 0x1d4ad), (0x1d4ba, 0x1d4ba), (0x1d4bc, 0x1d4bc), (0x1d4c4, 0x1d4c4),
        (0x1d506, 0x1d506), (0x1d50b, 0x1d50c), (0x1d515, 0x1d515), (0x1d51d, 0x1d51d),
        (0x1d53a, 0x1d53a), (0x1d53f, 0x1d53f), (0x1d545, 0x1d545), (0x1d547, 0x1d549),
        (0x1d551, 0x1d551), (0x1d6a6, 0x1d6a7), (0x1d7cc, 0x1d7cd), (0x1da8c, 0x1da9a),
        (0x1daa0, 0x1daa0), (0x1dab0, 0x1deff), (0x1df1f, 0x1dfff), (0x1e007, 0x1e007),
        (0x1e019, 0x1e01a), (0x1e022, 0x1e022), (0x1e025, 0x1e025), (0x1e02b, 0x1e0ff),
        (0x1e12d, 0x1e12f), (0x1e13e, 0x1e13f), (0x1e14a, 0x1e14d), (0x1e150, 0x1e28f),
        (0x1e2af, 0x1e2bf), (0x1e2fa, 0x1e2fe), (0x1e300, 0x1e7df), (0x1e7e7, 0x1e7e7),
        (0x1e7ec, 0x1e7ec), (0x1e7ef, 0x1e7ef), (0x1e7ff, 0x1e7ff), (0x1e8c5, 0x1e8c6),
        (0x1e8d7, 0x1e8ff), (0x1e94c, 0x1e94f), (0x1e95a, 0x1e95d), (0x1e960, 0x1ec70),
        (0x1ecb5, 0x1ed00), (0x1ed3e, 0x1edff), (0x1ee04, 0x1ee04), (0x1ee20, 0x1ee20),
        (0x1ee23, 0x1ee23), (0x1ee25, 0x1ee26), (0x1ee28, 0x1ee28), (0x1ee33, 0x1ee33),
        (0x1ee38, 0x1ee38), (0x1ee3a, 0x1ee3a), (0x1ee3c, 0x1ee41), (0x1ee43, 0x1ee46),
        (0x1ee48, 0x1ee48), (0x1ee4a, 0x1ee4a), (0x1ee4c, 0x1ee4c), (0x1ee50, 0x1ee50),
        (0x1ee53, 0x1ee53), (0x1ee55, 0x1ee56), (0x1ee58, 0x1ee58), (0x1ee5a, 0x1ee5a),
        (0x1ee5c, 0x1ee5c), (0x1ee5e, 0x1ee5e), (0x1ee60, 0x1ee60), (0x1ee63, 0x1ee63),
        (0x1ee65, 0x1ee66), (0x1ee6b, 0x1ee6b), (0x1ee73, 0x1ee73), (0x1ee78, 0x1ee78),
        (0x1ee7d, 0x1ee7d), (0x1ee7f, 0x1ee7f), (0x1ee8a, 0x1ee8a), (0x1ee9c, 0x1eea0),
        (0x1eea4, 0x1eea4), (0x1eeaa, 0x1eeaa), (0x1eebc, 0x1eeef), (0x1eef2, 0x1efff),
        (0x1f02c, 0x1f02f), (0x1f094, 0x1f09f), (0x1f0af, 0x1f0b0), (0x1f0c0, 0x1f0c0),
        (0x1f0d0, 0x1f0d0), (0x1f0f6, 0x1f0ff), (0x1f1ae, 0x1f1e5), (0x1f203, 0x1f20f),
        (0x1f23c, 0x1f23f), (0x1f249, 0x1f24f), (0x1f252, 0x1f25f), (0x1f266, 0x1f2ff),
        (0x1f6d8, 0x1f6dc), (0x1f6ed, 0x1f6ef), (0x1f6fd, 0x1f6ff), (0x1f774, 0x1f77f),
        (0x1f7d9, 0x1f7df), (0x1f7ec, 0x1f7ef), (0x1f7f1, 0x1f7ff), (0x1f80c, 0x1f80f),
        (0x1f848, 0x1f84f), (0x1f85a, 0x1f85f), (0x1f888, 0x1f88f), (0x1f8ae, 0x1f8af),
        (0x1f8b2, 0x1f8ff), (0x1fa54, 0x1fa5f), (0x1fa6e, 0x1fa6f), (0x1fa75, 0x1fa77),
        (0x1fa7d, 0x1fa7f), (0x1fa87, 0x1fa8f), (0x1faad, 0x1faaf), (0x1fabb, 0x1fabf),
        (0x1fac6, 0x1facf), (0x1fada, 0x1fadf), (0x1fae8, 0x1faef), (0x1faf7, 0x1faff),
        (0x1fb93, 0x1fb93), (0x1fbcb, 0x1fbef), (0x1fbfa, 0x1ffff), (0x2a6e0, 0x2a6ff),
        (0x2b739, 0x2b73f), (0x2b81e, 0x2b81f), (0x2cea2, 0x2ceaf), (0x2ebe1, 0x2f7ff),
        (0x2fa1e, 0x2ffff), (0x3134b, 0xe00ff), (0xe01f0, 0x10ffff),
    ];
    pub fn is_alpha(c: char) -> bool {
        lookup(ALPHA, c)
    }
    #[rustfmt::skip]
    const ALPHA: &[(u32, u32)] = &[
        (0x41, 0x5a), (0x61, 0x7a), (0xaa, 0xaa), (0xb5, 0xb5), (0xba, 0xba), (0xc0, 0xd6),
        (0xd8, 0xf6), (0xf8, 0x2c1), (0x2c6, 0x2d1), (0x2e0, 0x2e4), (0x2ec, 0x2ec), (0x2ee, 0x2ee),
        (0x370, 0x374), (0x376, 0x377), (0x37a, 0x37d), (0x37f, 0x37f), (0x386, 0x386),
        (0x388, 0x38a), (0x38c, 0x38c), (0x38e, 0x3a1), (0x3a3, 0x3f5), (0x3f7, 0x481),
        (0x48a, 0x52f), (0x531, 0x556), (0x559, 0x559), (0x560, 0x588), (0x5d0, 0x5ea),
        (0x5ef, 0x5f2), (0x620, 0x64a), (0x66e, 0x66f), (0x671, 0x6d3), (0x6d5, 0x6d5),
        (0x6e5, 0x6e6), (0x6ee, 0x6ef), (0x6fa, 0x6fc), (0x6ff, 0x6ff), (0x710, 0x710),
        (0x712, 0x72f), (0x74d, 0x7a5), (0x7b1, 0x7b1), (0x7ca, 0x7ea), (0x7f4, 0x7f5),
        (0x7fa, 0x7fa), (0x800, 0x815), (0x81a, 0x81a), (0x824, 0x824), (0x828, 0x828),
        (0x840, 0x858), (0x860, 0x86a), (0x870, 0x887), (0x889, 0x88e), (0x8a0, 0x8c9),
        (0x904, 0x939), (0x93d, 0x93d), (0x950, 0x950), (0x958, 0x961), (0x971, 0x980),
        (0x985, 0x98c), (0x98f, 0x990), (0x993, 0x9a8), (0x9aa, 0x9b0), (0x9b2, 0x9b2),
        (0x9b6, 0x9b9), (0x9bd, 0x9bd), (0x9ce, 0x9ce), (0x9dc, 0x9dd), (0x9df, 0x9e1),
        (0x9f0, 0x9f1), (0x9fc, 0x9fc), (0xa05, 0xa0a), (0xa0f, 0xa10), (0xa13, 0xa28),
        (0xa2a, 0xa30), (0xa32, 0xa33), (0xa35, 0xa36), (0xa38, 0xa39), (0xa59, 0xa5c),
        (0xa5e, 0xa5e), (0xa72, 0xa74), (0xa85, 0xa8d), (0xa8f, 0xa91), (0xa93, 0xaa8),
        (0xaaa, 0xab0), (0xab2, 0xab3), (0xab5, 0xab9), (0xabd, 0xabd), (0xad0, 0xad0),
        (0xae0, 0xae1), (0xaf9, 0xaf9), (0xb05, 0xb0c), (0xb0f, 0xb10), (0xb13, 0xb28),
        (0xb2a, 0xb30), (0xb32, 0xb33), (0xb35, 0xb39), (0xb3d, 0xb3d), (0xb5c, 0xb5d),
        (0xb5f, 0xb61), (0xb71, 0xb71), (0xb83, 0xb83), (0xb85, 0xb8a), (0xb8e, 0xb90),
        (0xb92, 0xb95), (0xb99, 0xb9a), (0xb9c, 0xb9c), (0xb9e, 0xb9f), (0xba3, 0xba4),
        (0xba8, 0xbaa), (0xbae, 0xbb9), (0xbd0, 0xbd0), (0xc05, 0xc0c), (0xc0e, 0xc10),
        (0xc12, 0xc28), (0xc2a, 0xc39), (0xc3d, 0xc3d), (0xc58, 0xc5a), (0xc5d, 0xc5d),
        (0xc60, 0xc61), (0xc80, 0xc80), (0xc85, 0xc8c), (0xc8e, 0xc90), (0xc92, 0xca8),
        (0xcaa, 0xcb3), (0xcb5, 0xcb9), (0xcbd, 0xcbd), (0xcdd, 0xcde), (0xce0, 0xce1),
        (0xcf1, 0xcf2), (0xd04, 0xd0c), (0xd0e, 0xd10), (0xd12, 0xd3a), (0xd3d, 0xd3d),
        (0xd4e, 0xd4e), (0xd54, 0xd56), (0xd5f, 0xd61), (0xd7a, 0xd7f), (0xd85, 0xd96),
        (0xd9a, 0xdb1), (0xdb3, 0xdbb), (0xdbd, 0xdbd), (0xdc0, 0xdc6), (0xe01, 0xe30),
        (0xe32, 0xe33), (0xe40, 0xe46), (0xe81, 0xe82), (0xe84, 0xe84), (0xe86, 0xe8a),
        (0xe8c, 0xea3), (0xea5, 0xea5), (0xea7, 0xeb0), (0xeb2, 0xeb3), (0xebd, 0xebd),
        (0xec0, 0xec4), (0xec6, 0xec6), (0xedc, 0xedf), (0xf00, 0xf00), (0xf40, 0xf47),
        (0xf49, 0xf6c), (0xf88, 0xf8c), (0x1000, 0x102a), (0x103f, 0x103f), (0x1050, 0x1055),
        (0x105a, 0x105d), (0x1061, 0x1061), (0x1065, 0x1066), (0x106e, 0x1070), (0x1075, 0x1081),
        (0x108e, 0x108e), (0x10a0, 0x10c5), (0x10c7, 0x10c7), (0x10cd, 0x10cd), (0x10d0, 0x10fa),
        (0x10fc, 0x1248), (0x124a, 0x124d), (0x1250, 0x1256), (0x1258, 0x1258), (0x125a, 0x125d),
        (0x1260, 0x1288), (0x128a, 0x128d), (0x1290, 0x12b0), (0x12b2, 0x12b5), (0x12b8, 0x12be),
        (0x12c0, 0x12c0), (0x12c2, 0x12c5), (0x12c8, 0x12d6), (0x12d8, 0x1310), (0x1312, 0x1315),
        (0x1318, 0x135a), (0x1380, 0x138f), (0x13a0, 0x13f5), (0x13f8, 0x13fd), (0x1401, 0x166c),
        (0x166f, 0x167f), (0x1681, 0x169a), (0x16a0, 0x16ea), (0x16f1, 0x16f8), (0x1700, 0x1711),
        (0x171f, 0x1731), (0x1740, 0x1751), (0x1760, 0x176c), (0x176e, 0x1770), (0x1780, 0x17b3),
        (0x17d7, 0x17d7), (0x17dc, 0x17dc), (0x1820, 0x1878), (0x1880, 0x1884), (0x1887, 0x18a8),
        (0x18aa, 0x18aa), (0x18b0, 0x18f5), (0x1900, 0x191e), (0x1950, 0x196d), (0x1970, 0x1974),
        (0x1980, 0x19ab), (0x19b0, 0x19c9), (0x1a00, 0x1a16), (0x1a20, 0x1a54), (0x1aa7, 0x1aa7),
        (0x1b05, 0x1b33), (0x1b45, 0x1b4c), (0x1b83, 0x1ba0), (0x1bae, 0x1baf), (0x1bba, 0x1be5),
        (0x1c00, 0x1c23), (0x1c4d, 0x1c4f), (0x1c5a, 0x1c7d), (0x1c80, 0x1c88), (0x1c90, 0x1cba),
        (0x1cbd, 0x1cbf), (0x1ce9, 0x1cec), (0x1cee, 0x1cf3), (0x1cf5, 0x1cf6), (0x1cfa, 0x1cfa),
        (0x1d00, 0x1dbf), (0x1e00, 0x1f15), (0x1f18, 0x1f1d), (0x1f20, 0x1f45), (0x1f48, 0x1f4d),
        (0x1f50, 0x1f57), (0x1f59, 0x1f59), (0x1f5b, 0x1f5b), (0x1f5d, 0x1f5d), (0x1f5f, 0x1f7d),
        (0x1f80, 0x1fb4), (0x1fb6, 0x1fbc), (0x1fbe, 0x1fbe), (0x1fc2, 0x1fc4), (0x1fc6, 0x1fcc),
        (0x1fd0, 0x1fd3), (0x1fd6, 0x1fdb), (0x1fe0, 0x1fec), (0x1ff2, 0x1ff4), (0x1ff6, 0x1ffc),
        (0x2071, 0x2071), (0x207f, 0x207f), (0x2090, 0x209c), (0x2102, 0x2102), (0x2107, 0x2107),
        (0x210a, 0x2113), (0x2115, 0x2115), (0x2119, 0x211d), (0x2124, 0x2124), (0x2126, 0x2126),
        (0x2128, 0x2128), (0x212a, 0x212d), (0x212f, 0x2139), (0x213c, 0x213f), (0x2145, 0x2149),
        (0x214e, 0x214e), (0x2183, 0x2184), (0x2c00, 0x2ce4), (0x2ceb, 0x2cee), (0x2cf2, 0x2cf3),
        (0x2d00, 0x2d25), (0x2d27, 0x2d27), (0x2d2d, 0x2d2d), (0x2d30, 0x2d67), (0x2d6f, 0x2d6f),
        (0x2d80, 0x2d96), (0x2da0, 0x2da6), (0x2da8, 0x2dae), (0x2db0, 0x2db6), (0x2db8, 0x2dbe),
        (0x2dc0, 0x2dc6), (0x2dc8, 0x2dce), (0x2dd0, 0x2dd6), (0x2dd8, 0x2dde), (0x2e2f, 0x2e2f),
        (0x3005, 0x3006), (0x3031, 0x3035), (0x303b, 0x303c), (0x3041, 0x3096), (0x309d, 0x309f),
        (0x30a1, 0x30fa), (0x30fc, 0x30ff), (0x3105, 0x312f), (0x3131, 0x318e), (0x31a0, 0x31bf),
        (0x31f0, 0x31ff), (0x3400, 0x4dbf), (0x4e00, 0xa48c), (0xa4d0, 0xa4fd), (0xa500, 0xa60c),
        (0xa610, 0xa61f), (0xa62a, 0xa62b), (0xa640, 0xa66e), (0xa67f, 0xa69d), (0xa6a0, 0xa6e5),
        (0xa717, 0xa71f), (0xa722, 0xa788), (0xa78b, 0xa7ca), (0xa7d0, 0xa7d1), (0xa7d3, 0xa7d3),
        (0xa7d5, 0xa7d9), (0xa7f2, 0xa801), (0xa803, 0xa805), (0xa807, 0xa80a), (0xa80c, 0xa822),
        (0xa840, 0xa873), (0xa882, 0xa8b3), (0xa8f2, 0xa8f7), (0xa8fb, 0xa8fb), (0xa8fd, 0xa8fe),
        (0xa90a, 0xa925), (0xa930, 0xa946), (0xa960, 0xa97c), (0xa984, 0xa9b2), (0xa9cf, 0xa9cf),
        (0xa9e0, 0xa9e4), (0xa9e6, 0xa9ef), (0xa9fa, 0xa9fe), (0xaa00, 0xaa28), (0xaa40, 0xaa42),
        (0xaa44, 0xaa4b), (0xaa60, 0xaa76), (0xaa7a, 0xaa7a), (0xaa7e, 0xaaaf), (0xaab1, 0xaab1),
        (0xaab5, 0xaab6), (0xaab9, 0xaabd), (0xaac0, 0xaac0), (0xaac2, 0xaac2), (0xaadb, 0xaadd),
        (0xaae0, 0xaaea), (0xaaf2, 0xaaf4), (0xab01, 0xab06), (0xab09, 0xab0e), (0xab11, 0xab16),
        (0xab20, 0xab26), (0xab28, 0xab2e), (0xab30, 0xab5a), (0xab5c, 0xab69), (0xab70, 0xabe2),
        (0xac00, 0xd7a3), (0xd7b0, 0xd7c6), (0xd7cb, 0xd7fb), (0xf900, 0xfa6d), (0xfa70, 0xfad9),
        (0xfb00, 0xfb06), (0xfb13, 0xfb17), (0xfb1d, 0xfb1d), (0xfb1f, 0xfb28), (0xfb2a, 0xfb36),
        (0xfb38, 0xfb3c), (0xfb3e, 0xfb3e), (0xfb40, 0xfb41), (0xfb43, 0xfb44), (0xfb46, 0xfbb1),
        (0xfbd3, 0xfd3d), (0xfd50, 0xfd8f), (0xfd92, 0xfdc7), (0xfdf0, 0xfdfb), (0xfe70, 0xfe74),
        (0xfe76, 0xfefc), (0xff21, 0xff3a), (0xff41, 0xff5a), (0xff66, 0xffbe), (0xffc2, 0xffc7),
        (0xffca, 0xffcf), (0xffd2, 0xffd7), (0xffda, 0xffdc), (0x10000, 0x1000b),
        (0x1000d, 0x10026), (0x10028, 0x1003a), (0x1003c, 0x1003d), (0x1003f, 0x1004d),
        (0x10050, 0x1005d), (0x10080, 0x100fa), (0x10280, 0x1029c), (0x102a0, 0x102d0),
        (0x10300, 0x1031f), (0x1032d, 0x10340), (0x10342, 0x10349), (0x10350, 0x10375),
        (0x10380, 0x1039d), (0x103a0, 0x103c3), (0x103c8, 0x103cf), (0x10400, 0x1049d),
        (0x104b0, 0x104d3), (0x104d8, 0x104fb), (0x10500, 0x10527), (0x10530, 0x10563),
        (0x10570, 0x1057a), (0x1057c, 0x1058a), (0x1058c, 0x10592), (0x10594, 0x10595),
        (0x10597, 0x105a1), (0x105a3, 0x105b1), (0x105b3, 0x105b9), (0x105bb, 0x105bc),
        (0x10600, 0x10736), (0x10740, 0x10755), (0x10760, 0x10767), (0x10780, 0x10785),
        (0x10787, 0x107b0), (0x107b2, 0x107ba), (0x10800, 0x10805), (0x10808, 0x10808),
        (0x1080a, 0x10835), (0x10837, 0x10838), (0x1083c, 0x1083c), (0x1083f, 0x10855),
        (0x10860, 0x10876), (0x10880, 0x1089e), (0x108e0, 0x108f2), (0x108f4, 0x108f5),
        (0x10900, 0x10915), (0x10920, 0x10939), (0x10980, 0x109b7), (0x109be, 0x109bf),
        (0x10a00, 0x10a00), (0x10a10, 0x10a13), (0x10a15, 0x10a17), (0x10a19, 0x10a35),
        (0x10a60, 0x10a7c), (0x10a80, 0x10a9c), (0x10ac0, 0x10ac7), (0x10ac9, 0x10ae4),
        (0x10b00, 0x10b35), (0x10b40, 0x10b55), (0x10b60, 0x10b72), (0x10b80, 0x10b91),
        (0x10c00, 0x10c48), (0x10c80, 0x10cb2), (0x10cc0, 0x10cf2), (0x10d00, 0x10d23),
        (0x10e80, 0x10ea9), (0x10eb0, 0x10eb1), (0x10f00, 0x10f1c), (0x10f27, 0x10f27),
        (0x10f30, 0x10f45), (0x10f70, 0x10f81), (0x10fb0, 0x10fc4), (0x10fe0, 0x10ff6),
        (0x11003, 0x11037), (0x11071, 0x11072), (0x11075, 0x11075), (0x11083, 0x110af),
        (0x110d0, 0x110e8), (0x11103, 0x11126), (0x11144, 0x11144), (0x11147, 0x11147),
        (0x11150, 0x11172), (0x11176, 0x11176), (0x11183, 0x111b2), (0x111c1, 0x111c4),
        (0x111da, 0x111da), (0x111dc, 0x111dc), (0x11200, 0x11211), (0x11213, 0x1122b),
        (0x11280, 0x11286), (0x11288, 0x11288), (0x1128a, 0x1128d), (0x1128f, 0x1129d),
        (0x1129f, 0x112a8), (0x112b0, 0x112de), (0x11305, 0x1130c), (0x1130f, 0x11310),
        (0x11313, 0x11328), (0x1132a, 0x11330), (0x11332, 0x11333), (0x11335, 0x11339),
        (0x1133d, 0x1133d), (0x11350, 0x11350), (0x1135d, 0x11361), (0x11400, 0x11434),
        (0x11447, 0x1144a), (0x1145f, 0x11461), (0x11480, 0x114af), (0x114c4, 0x114c5),
        (0x114c7, 0x114c7), (0x11580, 0x115ae), (0x115d8, 0x115db), (0x11600, 0x1162f),
        (0x11644, 0x11644), (0x11680, 0x116aa), (0x116b8, 0x116b8), (0x11700, 0x1171a),
        (0x11740, 0x11746), (0x11800, 0x1182b), (0x118a0, 0x118df), (0x118ff, 0x11906),
        (0x11909, 0x11909), (0x1190c, 0x11913), (0x11915, 0x11916), (0x11918, 0x1192f),
        (0x1193f, 0x1193f), (0x11941, 0x11941), (0x119a0, 0x119a7), (0x119aa, 0x119d0),
        (0x119e1, 0x119e1), (0x119e3, 0x119e3), (0x11a00, 0x11a00), (0x11a0b, 0x11a32),
        (0x11a3a, 0x11a3a), (0x11a50, 0x11a50), (0x11a5c, 0x11a89), (0x11a9d, 0x11a9d),
        (0x11ab0, 0x11af8), (0x11c00, 0x11c08), (0x11c0a, 0x11c2e), (0x11c40, 0x11c40),
        (0x11c72, 0x11c8f), (0x11d00, 0x11d06), (0x11d08, 0x11d09), (0x11d0b, 0x11d30),
        (0x11d46, 0x11d46), (0x11d60, 0x11d65), (0x11d67, 0x11d68), (0x11d6a, 0x11d89),
        (0x11d98, 0x11d98), (0x11ee0, 0x11ef2), (0x11fb0, 0x11fb0), (0x12000, 0x12399),
        (0x12480, 0x12543), (0x12f90, 0x12ff0), (0x13000, 0x1342e), (0x14400, 0x14646),
        (0x16800, 0x16a38), (0x16a40, 0x16a5e), (0x16a70, 0x16abe), (0x16ad0, 0x16aed),
        (0x16b00, 0x16b2f), (0x16b40, 0x16b43), (0x16b63, 0x16b77), (0x16b7d, 0x16b8f),
        (0x16e40, 0x16e7f), (0x16f00, 0x16f4a), (0x16f50, 0x16f50), (0x16f93, 0x16f9f),
        (0x16fe0, 0x16fe1), (0x16fe3, 0x16fe3), (0x17000, 0x187f7), (0x18800, 0x18cd5),
        (0x18d00, 0x18d08), (0x1aff0, 0x1aff3), (0x1aff5, 0x1affb), (0x1affd, 0x1affe),
        (0x1b000, 0x1b122), (0x1b150, 0x1b152), (0x1b164, 0x1b167), (0x1b170, 0x1b2fb),
        (0x1bc00, 0x1bc6a), (0x1bc70, 0x1bc7c), (0x1bc80, 0x1bc88), (0x1bc90, 0x1bc99),
        (0x1d400, 0x1d454), (0x1d456, 0x1d49c), (0x1d49e, 0x1d49f), (0x1d4a2, 0x1d4a2),
        (0x1d4a5, 0x1d4a6), (0x1d4a9, 0x1d4ac), (0x1d4ae, 0x1d4b9), (0x1d4bb, 0x1d4bb),
        (0x1d4bd, 0x1d4c3), (0x1d4c5, 0x1d505), (0x1d507, 0x1d50a), (0x1d50d, 0x1d514),
        (0x1d516, 0x1d51c), (0x1d51e, 0x1d539), (0x1d53b, 0x1d53e), (0x1d540, 0x1d544),
        (0x1d546, 0x1d546), (0x1d54a, 0x1d550), (0x1d552, 0x1d6a5), (0x1d6a8, 0x1d6c0),
        (0x1d6c2, 0x1d6da), (0x1d6dc, 0x1d6fa), (0x1d6fc, 0x1d714), (0x1d716, 0x1d734),
        (0x1d736, 0x1d74e), (0x1d750, 0x1d76e), (0x1d770, 0x1d788), (0x1d78a, 0x1d7a8),
        (0x1d7aa, 0x1d7c2), (0x1d7c4, 0x1d7cb), (0x1df00, 0x1df1e), (0x1e100, 0x1e12c),
        (0x1e137, 0x1e13d), (0x1e14e, 0x1e14e), (0x1e290, 0x1e2ad), (0x1e2c0, 0x1e2eb),
        (0x1e7e0, 0x1e7e6), (0x1e7e8, 0x1e7eb), (0x1e7ed, 0x1e7ee), (0x1e7f0, 0x1e7fe),
        (0x1e800, 0x1e8c4), (0x1e900, 0x1e943), (0x1e94b, 0x1e94b), (0x1ee00, 0x1ee03),
        (0x1ee05, 0x1ee1f), (0x1ee21, 0x1ee22), (0x1ee24, 0x1ee24), (0x1ee27, 0x1ee27),
        (0x1ee29, 0x1ee32), (0x1ee34, 0x1ee37), (0x1ee39, 0x1ee39), (0x1ee3b, 0x1ee3b),
        (0x1ee42, 0x1ee42), (0x1ee47, 0x1ee47), (0x1ee49, 0x1ee49), (0x1ee4b, 0x1ee4b),
        (0x1ee4d, 0x1ee4f), (0x1ee51, 0x1ee52), (0x1ee54, 0x1ee54), (0x1ee57, 0x1ee57),
        (0x1ee59, 0x1ee59), (0x1ee5b, 0x1ee5b), (0x1ee5d, 0x1ee5d), (0x1ee5f, 0x1ee5f),
        (0x1ee61, 0x1ee62), (0x1ee64, 0x1ee64), (0x1ee67, 0x1ee6a), (0x1ee6c, 0x1ee72),
        (0x1ee74, 0x1ee77), (0x1ee79, 0x1ee7c), (0x1ee7e, 0x1ee7e), (0x1ee80, 0x1ee89),
        (0x1ee8b, 0x1ee9b), (0x1eea1, 0x1eea3), (0x1eea5, 0x1eea9), (0x1eeab, 0x1eebb),
        (0x20000, 0x2a6df), (0x2a700, 0x2b738), (0x2b740, 0x2b81d), (0x2b820, 0x2cea1),
        (0x2ceb0, 0x2ebe0), (0x2f800, 0x2fa1d), (0x30000, 0x3134a),
    ];
    pub fn is_decimal(c: char) -> bool {
        lookup(DECIMAL, c)
    }
    /// The value of a Unicode decimal digit (every `Nd` block starts at its zero).
    pub fn decimal_value(c: char) -> Option<u32> {
        if c.is_ascii_digit() {
            return Some(c as u32 - '0' as u32);
        }
        let n = c as u32;
        let i = DECIMAL.binary_search_by(|&(lo, hi)| if hi < n { std::cmp::Ordering::Less } else if lo > n { std::cmp::Ordering::Greater } else { std::cmp::Ordering::Equal }).ok()?;
        Some((n - DECIMAL[i].0) % 10)
    }
    #[rustfmt::skip]
    const DECIMAL: &[(u32, u32)] = &[
        (0x30, 0x39), (0x660, 0x669), (0x6f0, 0x6f9), (0x7c0, 0x7c9), (0x966, 0x96f),
        (0x9e6, 0x9ef), (0xa66, 0xa6f), (0xae6, 0xaef), (0xb66, 0xb6f), (0xbe6, 0xbef),
        (0xc66, 0xc6f), (0xce6, 0xcef), (0xd66, 0xd6f), (0xde6, 0xdef), (0xe50, 0xe59),
        (0xed0, 0xed9), (0xf20, 0xf29), (0x1040, 0x1049), (0x1090, 0x1099), (0x17e0, 0x17e9),
        (0x1810, 0x1819), (0x1946, 0x194f), (0x19d0, 0x19d9), (0x1a80, 0x1a89), (0x1a90, 0x1a99),
        (0x1b50, 0x1b59), (0x1bb0, 0x1bb9), (0x1c40, 0x1c49), (0x1c50, 0x1c59), (0xa620, 0xa629),
        (0xa8d0, 0xa8d9), (0xa900, 0xa909), (0xa9d0, 0xa9d9), (0xa9f0, 0xa9f9), (0xaa50, 0xaa59),
        (0xabf0, 0xabf9), (0xff10, 0xff19), (0x104a0, 0x104a9), (0x10d30, 0x10d39),
        (0x11066, 0x1106f), (0x110f0, 0x110f9), (0x11136, 0x1113f), (0x111d0, 0x111d9),
        (0x112f0, 0x112f9), (0x11450, 0x11459), (0x114d0, 0x114d9), (0x11650, 0x11659),
        (0x116c0, 0x116c9), (0x11730, 0x11739), (0x118e0, 0x118e9), (0x11950, 0x11959),
        (0x11c50, 0x11c59), (0x11d50, 0x11d59), (0x11da0, 0x11da9), (0x16a60, 0x16a69),
        (0x16ac0, 0x16ac9), (0x16b50, 0x16b59), (0x1d7ce, 0x1d7ff), (0x1e140, 0x1e149),
        (0x1e2f0, 0x1e2f9), (0x1e950, 0x1e959), (0x1fbf0, 0x1fbf9),
    ];
    pub fn is_digit(c: char) -> bool {
        lookup(DIGIT, c)
    }
    #[rustfmt::skip]
    const DIGIT: &[(u32, u32)] = &[
        (0x30, 0x39), (0xb2, 0xb3), (0xb9, 0xb9), (0x660, 0x669), (0x6f0, 0x6f9), (0x7c0, 0x7c9),
        (0x966, 0x96f), (0x9e6, 0x9ef), (0xa66, 0xa6f), (0xae6, 0xaef), (0xb66, 0xb6f),
        (0xbe6, 0xbef), (0xc66, 0xc6f), (0xce6, 0xcef), (0xd66, 0xd6f), (0xde6, 0xdef),
        (0xe50, 0xe59), (0xed0, 0xed9), (0xf20, 0xf29), (0x1040, 0x1049), (0x1090, 0x1099),
        (0x1369, 0x1371), (0x17e0, 0x17e9), (0x1810, 0x1819), (0x1946, 0x194f), (0x19d0, 0x19da),
        (0x1a80, 0x1a89), (0x1a90, 0x1a99), (0x1b50, 0x1b59), (0x1bb0, 0x1bb9), (0x1c40, 0x1c49),
        (0x1c50, 0x1c59), (0x2070, 0x2070), (0x2074, 0x2079), (0x2080, 0x2089), (0x2460, 0x2468),
        (0x2474, 0x247c), (0x2488, 0x2490), (0x24ea, 0x24ea), (0x24f5, 0x24fd), (0x24ff, 0x24ff),
        (0x2776, 0x277e), (0x2780, 0x2788), (0x278a, 0x2792), (0xa620, 0xa629), (0xa8d0, 0xa8d9),
        (0xa900, 0xa909), (0xa9d0, 0xa9d9), (0xa9f0, 0xa9f9), (0xaa50, 0xaa59), (0xabf0, 0xabf9),
        (0xff10, 0xff19), (0x104a0, 0x104a9), (0x10a40, 0x10a43), (0x10d30, 0x10d39),
        (0x10e60, 0x10e68), (0x11052, 0x1105a), (0x11066, 0x1106f), (0x110f0, 0x110f9),
        (0x11136, 0x1113f), (0x111d0, 0x111d9), (0x112f0, 0x112f9), (0x11450, 0x11459),
        (0x114d0, 0x114d9), (0x11650, 0x11659), (0x116c0, 0x116c9), (0x11730, 0x11739),
        (0x118e0, 0x118e9), (0x11950, 0x11959), (0x11c50, 0x11c59), (0x11d50, 0x11d59),
        (0x11da0, 0x11da9), (0x16a60, 0x16a69), (0x16ac0, 0x16ac9), (0x16b50, 0x16b59),
        (0x1d7ce, 0x1d7ff), (0x1e140, 0x1e149), (0x1e2f0, 0x1e2f9), (0x1e950, 0x1e959),
        (0x1f100, 0x1f10a), (0x1fbf0, 0x1fbf9),
    ];
    pub fn is_numeric(c: char) -> bool {
        lookup(NUMERIC, c)
    }
    #[rustfmt::skip]
    const NUMERIC: &[(u32, u32)] = &[
        (0x30, 0x39), (0xb2, 0xb3), (0xb9, 0xb9), (0xbc, 0xbe), (0x660, 0x669), (0x6f0, 0x6f9),
        (0x7c0, 0x7c9), (0x966, 0x96f), (0x9e6, 0x9ef), (0x9f4, 0x9f9), (0xa66, 0xa6f),
        (0xae6, 0xaef), (0xb66, 0xb6f), (0xb72, 0xb77), (0xbe6, 0xbf2), (0xc66, 0xc6f),
        (0xc78, 0xc7e), (0xce6, 0xcef), (0xd58, 0xd5e), (0xd66, 0xd78), (0xde6, 0xdef),
        (0xe50, 0xe59), (0xed0, 0xed9), (0xf20, 0xf33), (0x1040, 0x1049), (0x1090, 0x1099),
        (0x1369, 0x137c), (0x16ee, 0x16f0), (0x17e0, 0x17e9), (0x17f0, 0x17f9), (0x1810, 0x1819),
        (0x1946, 0x194f), (0x19d0, 0x19da), (0x1a80, 0x1a89), (0x1a90, 0x1a99), (0x1b50, 0x1b59),
        (0x1bb0, 0x1bb9), (0x1c40, 0x1c49), (0x1c50, 0x1c59), (0x2070, 0x2070), (0x2074, 0x2079),
        (0x2080, 0x2089), (0x2150, 0x2182), (0x2185, 0x2189), (0x2460, 0x249b), (0x24ea, 0x24ff),
        (0x2776, 0x2793), (0x2cfd, 0x2cfd), (0x3007, 0x3007), (0x3021, 0x3029), (0x3038, 0x303a),
        (0x3192, 0x3195), (0x3220, 0x3229), (0x3248, 0x324f), (0x3251, 0x325f), (0x3280, 0x3289),
        (0x32b1, 0x32bf), (0x3405, 0x3405), (0x3483, 0x3483), (0x382a, 0x382a), (0x3b4d, 0x3b4d),
        (0x4e00, 0x4e00), (0x4e03, 0x4e03), (0x4e07, 0x4e07), (0x4e09, 0x4e09), (0x4e5d, 0x4e5d),
        (0x4e8c, 0x4e8c), (0x4e94, 0x4e94), (0x4e96, 0x4e96), (0x4ebf, 0x4ec0), (0x4edf, 0x4edf),
        (0x4ee8, 0x4ee8), (0x4f0d, 0x4f0d), (0x4f70, 0x4f70), (0x5104, 0x5104), (0x5146, 0x5146),
        (0x5169, 0x5169), (0x516b, 0x516b), (0x516d, 0x516d), (0x5341, 0x5341), (0x5343, 0x5345),
        (0x534c, 0x534c), (0x53c1, 0x53c4), (0x56db, 0x56db), (0x58f1, 0x58f1), (0x58f9, 0x58f9),
        (0x5e7a, 0x5e7a), (0x5efe, 0x5eff), (0x5f0c, 0x5f0e), (0x5f10, 0x5f10), (0x62fe, 0x62fe),
        (0x634c, 0x634c), (0x67d2, 0x67d2), (0x6f06, 0x6f06), (0x7396, 0x7396), (0x767e, 0x767e),
        (0x8086, 0x8086), (0x842c, 0x842c), (0x8cae, 0x8cae), (0x8cb3, 0x8cb3), (0x8d30, 0x8d30),
        (0x9621, 0x9621), (0x9646, 0x9646), (0x964c, 0x964c), (0x9678, 0x9678), (0x96f6, 0x96f6),
        (0xa620, 0xa629), (0xa6e6, 0xa6ef), (0xa830, 0xa835), (0xa8d0, 0xa8d9), (0xa900, 0xa909),
        (0xa9d0, 0xa9d9), (0xa9f0, 0xa9f9), (0xaa50, 0xaa59), (0xabf0, 0xabf9), (0xf96b, 0xf96b),
        (0xf973, 0xf973), (0xf978, 0xf978), (0xf9b2, 0xf9b2), (0xf9d1, 0xf9d1), (0xf9d3, 0xf9d3),
        (0xf9fd, 0xf9fd), (0xff10, 0xff19), (0x10107, 0x10133), (0x10140, 0x10178),
        (0x1018a, 0x1018b), (0x102e1, 0x102fb), (0x10320, 0x10323), (0x10341, 0x10341),
        (0x1034a, 0x1034a), (0x103d1, 0x103d5), (0x104a0, 0x104a9), (0x10858, 0x1085f),
        (0x10879, 0x1087f), (0x108a7, 0x108af), (0x108fb, 0x108ff), (0x10916, 0x1091b),
        (0x109bc, 0x109bd), (0x109c0, 0x109cf), (0x109d2, 0x109ff), (0x10a40, 0x10a48),
        (0x10a7d, 0x10a7e), (0x10a9d, 0x10a9f), (0x10aeb, 0x10aef), (0x10b58, 0x10b5f),
        (0x10b78, 0x10b7f), (0x10ba9, 0x10baf), (0x10cfa, 0x10cff), (0x10d30, 0x10d39),
        (0x10e60, 0x10e7e), (0x10f1d, 0x10f26), (0x10f51, 0x10f54), (0x10fc5, 0x10fcb),
        (0x11052, 0x1106f), (0x110f0, 0x110f9), (0x11136, 0x1113f), (0x111d0, 0x111d9),
        (0x111e1, 0x111f4), (0x112f0, 0x112f9), (0x11450, 0x11459), (0x114d0, 0x114d9),
        (0x11650, 0x11659), (0x116c0, 0x116c9), (0x11730, 0x1173b), (0x118e0, 0x118f2),
        (0x11950, 0x11959), (0x11c50, 0x11c6c), (0x11d50, 0x11d59), (0x11da0, 0x11da9),
        (0x11fc0, 0x11fd4), (0x12400, 0x1246e), (0x16a60, 0x16a69), (0x16ac0, 0x16ac9),
        (0x16b50, 0x16b59), (0x16b5b, 0x16b61), (0x16e80, 0x16e96), (0x1d2e0, 0x1d2f3),
        (0x1d360, 0x1d378), (0x1d7ce, 0x1d7ff), (0x1e140, 0x1e149), (0x1e2f0, 0x1e2f9),
        (0x1e8c7, 0x1e8cf), (0x1e950, 0x1e959), (0x1ec71, 0x1ecab), (0x1ecad, 0x1ecaf),
        (0x1ecb1, 0x1ecb4), (0x1ed01, 0x1ed2d), (0x1ed2f, 0x1ed3d), (0x1f100, 0x1f10c),
        (0x1fbf0, 0x1fbf9), (0x20001, 0x20001), (0x20064, 0x20064), (0x200e2, 0x200e2),
        (0x20121, 0x20121), (0x2092a, 0x2092a), (0x20983, 0x20983), (0x2098c, 0x2098c),
        (0x2099c, 0x2099c), (0x20aea, 0x20aea), (0x20afd, 0x20afd), (0x20b19, 0x20b19),
        (0x22390, 0x22390), (0x22998, 0x22998), (0x23b1b, 0x23b1b), (0x2626d, 0x2626d),
        (0x2f890, 0x2f890),
    ];
}

/// `str.maketrans(x[, y[, z]])`: the table `str.translate` takes (code point → str/int/None).
fn str_maketrans(args: Args) -> PyResult<Py> {
    let [x, y, z] = args.bind("maketrans", ["x", "y", "z"], 1)?;
    let mut table: Vec<(Py, Py)> = Vec::new();
    match (x.unwrap_or(Py::None), y) {
        (Py::Dict(d), None) => {
            for (k, v) in d.borrow().iter() {
                let key = match &k.0 {
                    Py::Str(c) if c.chars().count() == 1 => Py::Int(c.chars().next().unwrap_or('\0') as i64),
                    Py::Str(_) => return Err(value_error("string keys in translate table must be of length 1")),
                    Py::Int(_) | Py::BigInt(_) | Py::Bool(_) => k.0.clone(),
                    _ => return Err(type_error("keys in translate table must be strings or integers")),
                };
                table.push((key, v.clone()));
            }
        }
        (_, None) => return Err(type_error("if you give only one argument to maketrans it must be a dict")),
        (Py::Str(from), Some(Py::Str(to))) => {
            if from.chars().count() != to.chars().count() {
                return Err(value_error("the first two maketrans arguments must have equal length"));
            }
            for (a, b) in from.chars().zip(to.chars()) {
                table.push((Py::Int(a as i64), Py::Int(b as i64)));
            }
        }
        (Py::Str(_), Some(other)) => return Err(type_error(format!("maketrans() argument 2 must be str, not {}", other.type_name()))),
        (other, Some(_)) => return Err(type_error(format!("maketrans() argument 1 must be str, not {}", other.type_name()))),
    }
    match z {
        None => {}
        Some(Py::Str(delete)) => table.extend(delete.chars().map(|c| (Py::Int(c as i64), Py::None))),
        Some(other) => return Err(type_error(format!("maketrans() argument 3 must be str, not {}", other.type_name()))),
    }
    Py::dict(table)
}
