//! Python's builtin functions, each `fn(Args) -> PyResult<Py>`, with CPython's messages.

use std::cell::RefCell;
use std::collections::HashMap;
use std::io::Write;
use std::rc::Rc;

use indexmap::{IndexMap, IndexSet};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{FromPrimitive, One, Signed, ToPrimitive, Zero};

use super::methods::{decode_bytes, dict_update, is_py_space, sort_values, uni};
use super::ops::{big_to_f64, index_of, int_of, int_to_py, type_error, value_error};
use super::value::*;

fn one_arg(a: Args, name: &str) -> PyResult<Py> {
    if !a.kw.is_empty() {
        return Err(type_error(format!("{name}() takes no keyword arguments")));
    }
    if a.pos.len() != 1 {
        return Err(type_error(format!(
            "{name}() takes exactly one argument ({} given)",
            a.pos.len()
        )));
    }
    Ok(a.pos.into_iter().next().unwrap())
}

fn no_kw(a: &Args, name: &str) -> PyResult<()> {
    if a.kw.is_empty() {
        Ok(())
    } else {
        Err(type_error(format!("{name}() takes no keyword arguments")))
    }
}

fn at_most(a: &Args, name: &str, n: usize) -> PyResult<()> {
    no_kw(a, name)?;
    if a.pos.len() > n {
        return Err(type_error(format!(
            "{name} expected at most {n} argument{}, got {}",
            if n == 1 { "" } else { "s" },
            a.pos.len()
        )));
    }
    Ok(())
}

fn collect(v: &Py) -> PyResult<Vec<Py>> {
    match v {
        Py::List(l) => Ok(l.borrow().clone()),
        Py::Tuple(t) => Ok(t.to_vec()),
        _ => v.iter()?.collect(),
    }
}

/// `len(x)`
pub fn len(a: Args) -> PyResult<Py> {
    let v = one_arg(a, "len")?;
    Ok(Py::Int(v.len()? as i64))
}

/// `str(x)` as a Rust `String` (for locals typed `str`).
pub fn str_of(v: &Py) -> PyResult<String> {
    match v {
        Py::Str(s) => Ok(s.to_string()),
        _ => super::format::to_str(v),
    }
}

/// `float(x)` as a Rust `f64` (for locals typed `float`); a `__float__` that returns
/// something else is CPython's `TypeError`.
pub fn to_float(v: Py) -> PyResult<f64> {
    let class = v.type_name().to_string();
    match float(Args::pos(vec![v]))? {
        Py::Float(f) => Ok(f),
        other => Err(type_error(format!(
            "{class}.__float__ returned non-float (type {})",
            other.type_name()
        ))),
    }
}

/// `str(x)`, `str(b, encoding[, errors])`
pub fn str(a: Args) -> PyResult<Py> {
    let [obj, enc, errors] = a.bind("str", ["object", "encoding", "errors"], 0)?;
    let Some(obj) = obj else { return Ok(Py::str("")) };
    if enc.is_none() && errors.is_none() {
        return Ok(match &obj {
            Py::Str(_) => obj,
            _ => Py::from(super::format::to_str(&obj)?),
        });
    }
    match &obj {
        Py::Bytes(b) => {
            let enc = match enc {
                Some(Py::Str(e)) => e.to_string(),
                _ => "utf-8".into(),
            };
            let errors = match errors {
                Some(Py::Str(e)) => e.to_string(),
                _ => "strict".into(),
            };
            decode_bytes(b, &enc, &errors).map(Py::from)
        }
        Py::Str(_) => Err(type_error("decoding str is not supported")),
        _ => Err(type_error(format!(
            "decoding to str: need a bytes-like object, {} found",
            obj.type_name()
        ))),
    }
}

/// `ascii(x)`: `repr` with non-ASCII characters escaped.
pub fn ascii(a: Args) -> PyResult<Py> {
    let v = one_arg(a, "ascii")?;
    Ok(Py::from(super::format::ascii_escape(&super::format::to_repr(&v)?)))
}

/// `repr(x)`
pub fn repr(a: Args) -> PyResult<Py> {
    Ok(Py::from(super::format::to_repr(&one_arg(a, "repr")?)?))
}

/// Parse an `int` literal as `int(s, base)` does; `None` when invalid.
pub fn parse_int(s: &str, base: u32) -> Option<BigInt> {
    let s = s.trim_matches(is_py_space);
    let (neg, mut body) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let mut base = base;
    let lower = body.get(..2).map(|p| p.to_ascii_lowercase());
    let prefixed = match lower.as_deref() {
        Some("0x") if base == 16 || base == 0 => Some(16),
        Some("0o") if base == 8 || base == 0 => Some(8),
        Some("0b") if base == 2 || base == 0 => Some(2),
        _ => None,
    };
    let mut allow_leading_underscore = false;
    if let Some(b) = prefixed {
        base = b;
        body = &body[2..];
        allow_leading_underscore = true;
    } else if base == 0 {
        base = 10;
        // Base 0: a decimal literal may not have leading zeros (except "0", "00", "0_0").
        let digits: String = body.chars().filter(|c| *c != '_').collect();
        if digits.len() > 1 && digits.starts_with('0') && digits.chars().any(|c| c != '0') {
            return None;
        }
    }
    let mut digits = String::with_capacity(body.len());
    let mut prev_underscore = !allow_leading_underscore;
    for (i, c) in body.chars().enumerate() {
        if c == '_' {
            if prev_underscore && !(i == 0 && allow_leading_underscore) {
                return None;
            }
            prev_underscore = true;
            continue;
        }
        prev_underscore = false;
        let d = match uni::decimal_value(c) {
            Some(d) if !c.is_ascii() => d,
            _ => c.to_digit(36)?,
        };
        if d >= base {
            return None;
        }
        digits.push(std::char::from_digit(d, 36).unwrap());
    }
    if digits.is_empty() || prev_underscore {
        return None;
    }
    let v = BigInt::parse_bytes(digits.as_bytes(), base)?;
    Some(if neg { -v } else { v })
}

/// `int(x)`, `int(s, base)`
pub fn int(a: Args) -> PyResult<Py> {
    let explicit_base = a.pos.len() > 1 || a.kw.iter().any(|(k, _)| *k == "base");
    let [x, base] = a.bind("int", ["x", "base"], 0)?;
    let Some(x) = x else {
        if explicit_base {
            return Err(type_error("int() missing string argument"));
        }
        return Ok(Py::Int(0));
    };
    let base = match base {
        Some(b) => {
            let b = index_of(&b)?;
            if b != 0 && !(2..=36).contains(&b) {
                return Err(value_error("int() base must be >= 2 and <= 36, or 0"));
            }
            b as u32
        }
        None => 10,
    };
    let (text, shown) = match &x {
        Py::Str(s) => (s.to_string(), x.repr_string()),
        Py::Bytes(b) => match std::str::from_utf8(b) {
            Ok(s) => (s.to_string(), x.repr_string()),
            Err(_) => (String::new(), x.repr_string()),
        },
        _ if explicit_base => return Err(type_error("int() can't convert non-string with explicit base")),
        Py::Bool(b) => return Ok(Py::Int(*b as i64)),
        Py::Int(_) | Py::BigInt(_) => return Ok(x),
        Py::Float(f) => return float_to_int(*f),
        Py::Object(o) => {
            if let Some(value) = o.builtin_value() {
                return int(Args::pos(vec![value]));
            }
            if let Some(r) = super::value::special(&x, "__int__", &[]).or_else(|| super::value::object_index(&x)) {
                return r;
            }
            if let Some(r) = o.call_method(&x, "__int__", Args::default()) {
                return r;
            }
            return Err(type_error(format!(
                "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                x.type_name()
            )));
        }
        _ => {
            return Err(type_error(format!(
                "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                x.type_name()
            )))
        }
    };
    if base == 10 || base == 0 {
        let ndigits = text.chars().filter(|c| c.is_ascii_digit()).count();
        if ndigits > 4300 {
            return Err(value_error(format!(
                "Exceeds the limit (4300 digits) for integer string conversion: value has {ndigits} digits; use sys.set_int_max_str_digits() to increase the limit"
            )));
        }
    }
    match parse_int(&text, base) {
        Some(v) => Ok(int_to_py(v)),
        None => Err(value_error(format!("invalid literal for int() with base {base}: {shown}"))),
    }
}

/// `int(f)` for a float: truncation.
pub fn float_to_int(f: f64) -> PyResult<Py> {
    if f.is_nan() {
        return Err(value_error("cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(PyErr::msg(&exc::OVERFLOW_ERROR, "cannot convert float infinity to integer"));
    }
    let t = f.trunc();
    if t.abs() < 9.2e18 {
        return Ok(Py::Int(t as i64));
    }
    Ok(int_to_py(BigInt::from_f64(t).unwrap_or_default()))
}

/// Parse a `float()` string; `None` when invalid.
pub fn parse_float(s: &str) -> Option<f64> {
    let t = s.trim_matches(is_py_space);
    let (sign, body) = match t.as_bytes().first() {
        Some(b'-') => (-1.0, &t[1..]),
        Some(b'+') => (1.0, &t[1..]),
        _ => (1.0, t),
    };
    let lower = body.to_ascii_lowercase();
    if lower == "inf" || lower == "infinity" {
        return Some(sign * f64::INFINITY);
    }
    if lower == "nan" {
        return Some(f64::NAN.copysign(sign));
    }
    // digits [. digits] [e [sign] digits], underscores only between digits.
    let mut clean = String::with_capacity(body.len());
    let chars: Vec<char> = body.chars().collect();
    let mut seen_digit = false;
    let mut seen_exp = false;
    let mut seen_dot = false;
    let mut exp_digit = false;
    for (i, &c) in chars.iter().enumerate() {
        let digit = if c.is_ascii_digit() { Some(c) } else if !c.is_ascii() {
            uni::decimal_value(c).map(|d| std::char::from_digit(d, 10).unwrap())
        } else {
            None
        };
        if let Some(d) = digit {
            clean.push(d);
            if seen_exp {
                exp_digit = true;
            } else {
                seen_digit = true;
            }
            continue;
        }
        match c {
            '_' => {
                let ok = |j: Option<&char>| j.is_some_and(|c| c.is_ascii_digit() || uni::is_decimal(*c));
                if !(i > 0 && ok(chars.get(i - 1)) && ok(chars.get(i + 1))) {
                    return None;
                }
            }
            '.' if !seen_dot && !seen_exp => {
                seen_dot = true;
                clean.push('.');
            }
            'e' | 'E' if !seen_exp && seen_digit => {
                seen_exp = true;
                clean.push('e');
                if let Some(&s @ ('+' | '-')) = chars.get(i + 1) {
                    let _ = s;
                }
            }
            '+' | '-' if i > 0 && matches!(chars[i - 1], 'e' | 'E') => clean.push(c),
            _ => return None,
        }
    }
    if !seen_digit || (seen_exp && !exp_digit) {
        return None;
    }
    clean.parse::<f64>().ok().map(|v| sign * v)
}

/// `float(x)`
pub fn float(a: Args) -> PyResult<Py> {
    no_kw(&a, "float")?;
    if a.pos.len() > 1 {
        return Err(type_error(format!("float expected at most 1 argument, got {}", a.pos.len())));
    }
    let Some(x) = a.pos.into_iter().next() else { return Ok(Py::Float(0.0)) };
    match &x {
        Py::Float(_) => Ok(x),
        Py::Bool(b) => Ok(Py::Float(*b as i64 as f64)),
        Py::Int(i) => Ok(Py::Float(*i as f64)),
        Py::BigInt(b) => Ok(Py::Float(big_to_f64(b)?)),
        Py::Str(s) => parse_float(s)
            .map(Py::Float)
            .ok_or_else(|| value_error(format!("could not convert string to float: {}", x.repr_string()))),
        Py::Bytes(b) => std::str::from_utf8(b)
            .ok()
            .and_then(parse_float)
            .map(Py::Float)
            .ok_or_else(|| value_error(format!("could not convert string to float: {}", x.repr_string()))),
        Py::Object(o) if o.builtin_value().is_some() => float(Args::pos(vec![o.builtin_value().unwrap_or(Py::None)])),
        Py::Object(_) if super::value::special(&x, "__float__", &[]).is_some() || super::value::object_index(&x).is_some() => {
            match super::value::special(&x, "__float__", &[]) {
                Some(r) => r,
                None => float(Args::pos(vec![super::value::object_index(&x).unwrap_or(Ok(Py::None))?])),
            }
        }
        Py::Object(o) => o.call_method(&x, "__float__", Args::default()).unwrap_or_else(|| {
            Err(type_error(format!(
                "float() argument must be a string or a real number, not '{}'",
                x.type_name()
            )))
        }),
        _ => Err(type_error(format!(
            "float() argument must be a string or a real number, not '{}'",
            x.type_name()
        ))),
    }
}

/// `bool(x)`
pub fn bool(a: Args) -> PyResult<Py> {
    at_most(&a, "bool", 1)?;
    Ok(Py::Bool(a.pos.first().is_some_and(|v| v.truthy())))
}

/// `list(iterable)`
pub fn list(a: Args) -> PyResult<Py> {
    at_most(&a, "list", 1)?;
    match a.pos.first() {
        None => Ok(Py::list(vec![])),
        Some(v) => Ok(Py::list(collect(v)?)),
    }
}

/// `tuple(iterable)`
pub fn tuple(a: Args) -> PyResult<Py> {
    at_most(&a, "tuple", 1)?;
    match a.pos.first() {
        None => Ok(Py::tuple(vec![])),
        Some(t @ Py::Tuple(_)) => Ok(t.clone()),
        Some(v) => Ok(Py::tuple(collect(v)?)),
    }
}

/// `dict(mapping_or_pairs, **kwargs)`
pub fn dict(a: Args) -> PyResult<Py> {
    if a.pos.len() > 1 {
        return Err(type_error(format!("dict expected at most 1 argument, got {}", a.pos.len())));
    }
    let d = RefCell::new(IndexMap::new());
    if let Some(v) = a.pos.first() {
        dict_update(&d, v)?;
    }
    for (k, v) in a.kw {
        d.borrow_mut().insert(Key(Py::str(&k)), v);
    }
    Ok(Py::from_map(d.into_inner()))
}

fn key_set(v: Option<&Py>) -> PyResult<IndexSet<Key>> {
    let mut s = IndexSet::new();
    if let Some(v) = v {
        for x in v.iter()? {
            s.insert(Key::new(x?)?);
        }
    }
    Ok(s)
}

/// `set(iterable)`
pub fn set(a: Args) -> PyResult<Py> {
    at_most(&a, "set", 1)?;
    Ok(Py::Set(Rc::new(RefCell::new(key_set(a.pos.first())?))))
}

/// `frozenset(iterable)`
pub fn frozenset(a: Args) -> PyResult<Py> {
    at_most(&a, "frozenset", 1)?;
    if let Some(f @ Py::FrozenSet(_)) = a.pos.first() {
        return Ok(f.clone());
    }
    Ok(Py::FrozenSet(Rc::new(key_set(a.pos.first())?)))
}

/// `sorted(iterable, key=None, reverse=False)`
pub fn sorted(a: Args) -> PyResult<Py> {
    if a.pos.len() != 1 {
        return Err(type_error(format!("sorted expected 1 argument, got {}", a.pos.len())));
    }
    let Args { pos, kw } = a;
    let [key, reverse] = Args { pos: vec![], kw }.bind("sort", ["key", "reverse"], 0)?;
    let items = collect(&pos[0])?;
    let key = key.filter(|k| !k.is_none());
    Ok(Py::list(sort_values(items, key, reverse.is_some_and(|r| r.truthy()))?))
}

/// `reversed(seq)`
pub fn reversed(a: Args) -> PyResult<Py> {
    let v = one_arg(a, "reversed")?;
    let items: Vec<Py> = match &v {
        Py::List(l) => l.borrow().clone(),
        Py::Tuple(t) => t.to_vec(),
        Py::Str(_) | Py::Bytes(_) | Py::Dict(_) => collect(&v)?,
        // Dict views are reversible too (Python 3.8+).
        Py::Object(o) if matches!(o.type_name(), "dict_keys" | "dict_values" | "dict_items") => collect(&v)?,
        Py::Object(o) => match o.call_method(&v, "__reversed__", Args::default()) {
            Some(r) => return r,
            None => return Err(type_error(format!("'{}' object is not reversible", v.type_name()))),
        },
        _ => return Err(type_error(format!("'{}' object is not reversible", v.type_name()))),
    };
    Ok(Py::iterator(items.into_iter().rev().map(Ok)))
}

fn min_max(a: Args, name: &str, want_greater: bool) -> PyResult<Py> {
    let Args { pos, kw } = a;
    let mut key = None;
    let mut default = None;
    for (k, v) in kw {
        match &*k {
            "key" => key = Some(v).filter(|v| !v.is_none()),
            "default" => default = Some(v),
            _ => {
                return Err(type_error(format!(
                    "{name}() got an unexpected keyword argument '{k}'"
                )))
            }
        }
    }
    let items: PyIter = match pos.len() {
        0 => return Err(type_error(format!("{name} expected at least 1 argument, got 0"))),
        1 => pos[0].iter()?,
        _ => {
            if default.is_some() {
                return Err(type_error(format!(
                    "Cannot specify a default for {name}() with multiple positional arguments"
                )));
            }
            Box::new(pos.into_iter().map(Ok))
        }
    };
    let mut best: Option<(Py, Py)> = None;
    for item in items {
        let item = item?;
        let k = match &key {
            Some(f) => f.call(Args::pos(vec![item.clone()]))?,
            None => item.clone(),
        };
        best = Some(match best {
            None => (k, item),
            Some((bk, bv)) => {
                let better = if want_greater { k.gt(&bk)? } else { k.lt(&bk)? };
                if better {
                    (k, item)
                } else {
                    (bk, bv)
                }
            }
        });
    }
    match best {
        Some((_, v)) => Ok(v),
        None => default.ok_or_else(|| value_error(format!("{name}() arg is an empty sequence"))),
    }
}

/// `min(iterable, *, key=None, default=...)` / `min(a, b, ...)`
pub fn min(a: Args) -> PyResult<Py> {
    min_max(a, "min", false)
}

/// `max(iterable, *, key=None, default=...)` / `max(a, b, ...)`
pub fn max(a: Args) -> PyResult<Py> {
    min_max(a, "max", true)
}

/// `sum(iterable, start=0)`
pub fn sum(a: Args) -> PyResult<Py> {
    let [it, start] = a.bind("sum", ["iterable", "start"], 1)?;
    let mut acc = start.unwrap_or(Py::Int(0));
    match acc {
        Py::Str(_) => return Err(type_error("sum() can't sum strings [use ''.join(seq) instead]")),
        Py::Bytes(_) => return Err(type_error("sum() can't sum bytes [use b''.join(seq) instead]")),
        _ => {}
    }
    for x in it.unwrap().iter()? {
        acc = acc.add(&x?)?;
    }
    Ok(acc)
}

/// `any(iterable)`
pub fn any(a: Args) -> PyResult<Py> {
    for x in one_arg(a, "any")?.iter()? {
        if x?.truthy() {
            return Ok(Py::Bool(true));
        }
    }
    Ok(Py::Bool(false))
}

/// `all(iterable)`
pub fn all(a: Args) -> PyResult<Py> {
    for x in one_arg(a, "all")?.iter()? {
        if !x?.truthy() {
            return Ok(Py::Bool(false));
        }
    }
    Ok(Py::Bool(true))
}

/// `enumerate(iterable, start=0)` (lazy)
pub fn enumerate(a: Args) -> PyResult<Py> {
    let [it, start] = a.bind("enumerate", ["iterable", "start"], 1)?;
    let it = it.unwrap().iter()?;
    let mut i = match start {
        Some(s) => int_of(&s).ok_or_else(|| {
            type_error(format!("'{}' object cannot be interpreted as an integer", s.type_name()))
        })?,
        None => BigInt::zero(),
    };
    Ok(Py::iterator(it.map(move |x| {
        let x = x?;
        let n = int_to_py(i.clone());
        i += 1;
        Ok(Py::tuple(vec![n, x]))
    })))
}

/// `zip(*iterables, strict=False)` (lazy, stops at the shortest)
pub fn zip(a: Args) -> PyResult<Py> {
    let Args { pos, kw } = a;
    let [strict] = Args { pos: vec![], kw }.bind("zip", ["strict"], 0)?;
    let strict = strict.is_some_and(|s| s.truthy());
    let mut its: Vec<PyIter> = pos.iter().map(|v| v.iter()).collect::<PyResult<_>>()?;
    let mut done = its.is_empty();
    Ok(Py::iterator(std::iter::from_fn(move || {
        if done {
            return None;
        }
        let mut row = Vec::with_capacity(its.len());
        for (i, it) in its.iter_mut().enumerate() {
            match it.next() {
                Some(Ok(v)) => row.push(v),
                Some(Err(e)) => {
                    done = true;
                    return Some(Err(e));
                }
                None => {
                    done = true;
                    if strict {
                        if i > 0 {
                            let s = if i == 1 { " " } else { "s 1-" };
                            let range = if i == 1 { "1".to_string() } else { format!("{i}") };
                            return Some(Err(value_error(format!(
                                "zip() argument {} is shorter than argument{s}{range}",
                                i + 1
                            ))));
                        }
                        for (j, rest) in its.iter_mut().enumerate().skip(1) {
                            if rest.next().is_some() {
                                let s = if j == 1 { " " } else { "s 1-" };
                                return Some(Err(value_error(format!(
                                    "zip() argument {} is longer than argument{s}{j}",
                                    j + 1
                                ))));
                            }
                        }
                    }
                    return None;
                }
            }
        }
        Some(Ok(Py::tuple(row)))
    })))
}

/// The `range` object: lazy, with `len`, `in`, indexing, slicing and equality.
pub struct Range {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
}

impl Range {
    pub fn len(&self) -> i64 {
        let (a, b, s) = (self.start as i128, self.stop as i128, self.step as i128);
        let n = if s > 0 && a < b {
            (b - a - 1) / s + 1
        } else if s < 0 && a > b {
            (a - b - 1) / (-s) + 1
        } else {
            0
        };
        n as i64
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn at(&self, i: i64) -> i64 {
        self.start + i * self.step
    }
}

impl Object for Range {
    fn type_name(&self) -> &str {
        "range"
    }
    fn getattr(&self, _this: &Py, name: &str) -> Option<PyResult<Py>> {
        match name {
            "start" => Some(Ok(Py::Int(self.start))),
            "stop" => Some(Ok(Py::Int(self.stop))),
            "step" => Some(Ok(Py::Int(self.step))),
            _ => None,
        }
    }
    fn call_method(&self, _this: &Py, name: &str, args: Args) -> Option<PyResult<Py>> {
        let n = self.len();
        Some(match name {
            "__len__" => Ok(Py::Int(n)),
            "__iter__" => {
                let (start, step) = (self.start, self.step);
                Ok(Py::iterator((0..n).map(move |i| Ok(Py::Int(start + i * step)))))
            }
            "__reversed__" => {
                let (start, step) = (self.start, self.step);
                Ok(Py::iterator((0..n).rev().map(move |i| Ok(Py::Int(start + i * step)))))
            }
            "__contains__" | "count" | "index" => {
                let x = args.pos.into_iter().next().unwrap_or(Py::None);
                let pos = match &x {
                    Py::Int(_) | Py::Bool(_) => {
                        let v = index_of(&x).unwrap_or(0) as i128;
                        let off = v - self.start as i128;
                        let s = self.step as i128;
                        if off % s == 0 && off / s >= 0 && off / s < n as i128 {
                            Some(off / s)
                        } else {
                            None
                        }
                    }
                    _ => (0..n).find(|i| Py::Int(self.at(*i)).py_eq(&x)).map(|i| i as i128),
                };
                match name {
                    "__contains__" => Ok(Py::Bool(pos.is_some())),
                    "count" => Ok(Py::Int(pos.is_some() as i64)),
                    _ => pos
                        .map(|p| Py::Int(p as i64))
                        .ok_or_else(|| value_error(format!("{} is not in range", x.repr_string()))),
                }
            }
            "__getitem__" => {
                let k = args.pos.into_iter().next().unwrap_or(Py::None);
                match &k {
                    Py::Tuple(t) if t.len() == 3 => {
                        // A slice: range(10)[2:5] -> range(2, 5)
                        let idx: Vec<usize> = match super::ops::slice_indices(n as usize, &t[0], &t[1], &t[2]) {
                            Ok(it) => it.collect(),
                            Err(e) => return Some(Err(e)),
                        };
                        let step = match &t[2] {
                            Py::None => 1,
                            s => index_of(s).unwrap_or(1),
                        } * self.step;
                        let start = idx.first().map(|&i| self.at(i as i64)).unwrap_or(self.start);
                        let stop = start + idx.len() as i64 * step;
                        Ok(Py::Object(Rc::new(Range { start, stop, step })))
                    }
                    _ => match index_of(&k) {
                        Ok(i) => {
                            let j = if i < 0 { i + n } else { i };
                            if j < 0 || j >= n {
                                Err(PyErr::msg(&exc::INDEX_ERROR, "range object index out of range"))
                            } else {
                                Ok(Py::Int(self.at(j)))
                            }
                        }
                        Err(_) => Err(type_error(format!(
                            "range indices must be integers or slices, not {}",
                            k.type_name()
                        ))),
                    },
                }
            }
            _ => return None,
        })
    }
    fn repr(&self) -> String {
        if self.step == 1 {
            format!("range({}, {})", self.start, self.stop)
        } else {
            format!("range({}, {}, {})", self.start, self.stop, self.step)
        }
    }
    fn eq(&self, other: &dyn Object) -> Option<bool> {
        let o = other.as_any().downcast_ref::<Range>()?;
        let (n, m) = (self.len(), o.len());
        Some(n == m && (n == 0 || (self.start == o.start && (n == 1 || self.step == o.step))))
    }
    fn hash(&self) -> Option<u64> {
        Some(self.len() as u64 ^ (self.start as u64).rotate_left(17) ^ (self.step as u64).rotate_left(41))
    }
    fn truthy(&self) -> bool {
        !self.is_empty()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// `range(stop)`, `range(start, stop[, step])`
pub fn range(a: Args) -> PyResult<Py> {
    no_kw(&a, "range")?;
    let v: Vec<i64> = a.pos.iter().map(index_of).collect::<PyResult<_>>()?;
    let (start, stop, step) = match v.len() {
        1 => (0, v[0], 1),
        2 => (v[0], v[1], 1),
        3 => (v[0], v[1], v[2]),
        0 => return Err(type_error("range expected at least 1 argument, got 0")),
        n => return Err(type_error(format!("range expected at most 3 arguments, got {n}"))),
    };
    if step == 0 {
        return Err(value_error("range() arg 3 must not be zero"));
    }
    Ok(Py::Object(Rc::new(Range { start, stop, step })))
}

/// `next(iterator[, default])`
pub fn next(a: Args) -> PyResult<Py> {
    no_kw(&a, "next")?;
    let mut pos = a.pos.into_iter();
    let it = pos.next().ok_or_else(|| type_error("next expected at least 1 argument, got 0"))?;
    let default = pos.next();
    let r = match &it {
        Py::Iter(cell) => match cell.try_borrow_mut() {
            Ok(mut i) => i.next(),
            Err(_) => return Err(value_error("generator already executing")),
        },
        Py::Object(o) => match o.call_method(&it, "__next__", Args::default()) {
            Some(Ok(v)) => Some(Ok(v)),
            Some(Err(e)) if e.is_instance("StopIteration") => None,
            Some(Err(e)) => Some(Err(e)),
            None => return Err(type_error(format!("'{}' object is not an iterator", it.type_name()))),
        },
        _ => return Err(type_error(format!("'{}' object is not an iterator", it.type_name()))),
    };
    match r {
        Some(v) => v,
        None => default.ok_or_else(|| PyErr::new(&exc::STOP_ITERATION, vec![])),
    }
}

/// `iter(x)`
pub fn iter(a: Args) -> PyResult<Py> {
    // `iter(callable, sentinel)`: call until the sentinel comes back.
    if a.pos.len() == 2 && a.kw.is_empty() {
        let (f, sentinel) = (a.pos[0].clone(), a.pos[1].clone());
        if !callable(Args::pos(vec![f.clone()]))?.truthy() {
            return Err(type_error("iter(v, w): v must be callable"));
        }
        let mut done = false;
        let it: PyIter = Box::new(std::iter::from_fn(move || {
            if done {
                return None;
            }
            match f.call(Args::default()) {
                Ok(v) if v.py_eq(&sentinel) => {
                    done = true;
                    None
                }
                Ok(v) => Some(Ok(v)),
                Err(e) if e.is_instance("StopIteration") => {
                    done = true;
                    None
                }
                Err(e) => {
                    done = true;
                    Some(Err(e))
                }
            }
        }));
        return Ok(Py::Iter(Rc::new(RefCell::new(it))));
    }
    let v = one_arg(a, "iter")?;
    if let Py::Iter(_) = v {
        return Ok(v);
    }
    let it = v.iter()?;
    Ok(Py::Iter(Rc::new(RefCell::new(it))))
}

fn base_is(obj: &Py, type_name: &str) -> bool {
    matches!(obj, Py::Object(o) if o.builtin_base() == Some(type_name))
}

fn instance_of(obj: &Py, t: &Py) -> PyResult<bool> {
    match t {
        Py::Tuple(ts) => {
            for t in ts.iter() {
                if instance_of(obj, t)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        Py::Type(TypeRef::Builtin(name)) => Ok(match *name {
            "object" => true,
            "int" => matches!(obj, Py::Int(_) | Py::BigInt(_) | Py::Bool(_)) || base_is(obj, "int"),
            "dict" => matches!(obj, Py::Dict(_)),
            n => obj.type_name() == n || (n == "type" && matches!(obj, Py::Type(_))) || base_is(obj, n),
        }),
        Py::Type(TypeRef::Exception(c)) => Ok(match obj {
            Py::Exc(e) => e.is_instance(c.match_name()),
            _ => false,
        }),
        Py::Type(TypeRef::Class(c)) => {
            if let Some(r) = c.call_method(t, "__instancecheck__", Args::pos(vec![obj.clone()])) {
                return Ok(r?.truthy());
            }
            let name = match c.getattr(t, "__name__") {
                Some(Ok(Py::Str(n))) => n.to_string(),
                _ => c.type_name().to_string(),
            };
            Ok(obj.type_name() == name)
        }
        Py::Object(o) if o.as_any().downcast_ref::<UnionType>().is_some() => {
            for t in &o.as_any().downcast_ref::<UnionType>().unwrap().members {
                if instance_of(obj, t)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ => Err(type_error("isinstance() arg 2 must be a type, a tuple of types, or a union")),
    }
}

/// `X | Y` between types (`int | str`, `int | None`): a `types.UnionType`, which
/// `isinstance` accepts and whose repr is `int | str`.
pub struct UnionType {
    members: Vec<Py>,
}

/// The members `|` combines: a type, `None` (as `NoneType`) or a union's members; `None`
/// for any other value.
fn union_members(v: &Py) -> Option<Vec<Py>> {
    match v {
        Py::None => Some(vec![type_value("NoneType")]),
        Py::Type(_) => Some(vec![v.clone()]),
        Py::Object(o) => o.as_any().downcast_ref::<UnionType>().map(|u| u.members.clone()),
        _ => None,
    }
}

/// `a | b` when both are types, `None` or unions (not both `None`): the union of their
/// members without repeats; a single member is that type itself (`int | int` is `int`).
pub(crate) fn type_union(a: &Py, b: &Py) -> Option<Py> {
    if a.is_none() && b.is_none() {
        return None;
    }
    let mut members: Vec<Py> = Vec::new();
    for m in union_members(a)?.into_iter().chain(union_members(b)?) {
        if !members.iter().any(|x| x.py_eq(&m)) {
            members.push(m);
        }
    }
    Some(if members.len() == 1 { members.pop().unwrap() } else { Py::Object(Rc::new(UnionType { members })) })
}

impl UnionType {
    fn label(t: &Py) -> String {
        match t {
            Py::Type(TypeRef::Builtin("NoneType")) => "None".to_string(),
            Py::Type(TypeRef::Builtin(n)) => n.to_string(),
            _ => {
                let r = t.repr_string();
                r.strip_prefix("<class '").and_then(|r| r.strip_suffix("'>")).map(String::from).unwrap_or(r)
            }
        }
    }
}

impl Object for UnionType {
    fn type_name(&self) -> &str {
        "UnionType"
    }
    fn getattr(&self, _this: &Py, name: &str) -> Option<PyResult<Py>> {
        match name {
            "__args__" => Some(Ok(Py::tuple(self.members.clone()))),
            _ => None,
        }
    }
    fn call_method(&self, _this: &Py, _name: &str, _args: Args) -> Option<PyResult<Py>> {
        None
    }
    fn repr(&self) -> String {
        self.members.iter().map(UnionType::label).collect::<Vec<_>>().join(" | ")
    }
    fn eq(&self, other: &dyn Object) -> Option<bool> {
        // Unions are equal when they have the same members, in any order.
        let o = other.as_any().downcast_ref::<UnionType>()?;
        let within = |a: &[Py], b: &[Py]| a.iter().all(|x| b.iter().any(|y| x.py_eq(y)));
        Some(within(&self.members, &o.members) && within(&o.members, &self.members))
    }
    fn hash(&self) -> Option<u64> {
        // Order-independent, as the frozenset of members CPython hashes.
        Some(self.members.iter().fold(0x7a3f_u64, |h, m| h ^ super::key::py_hash(m) as u64))
    }
    fn binop(&self, op: &str, this: &Py, other: &Py) -> Option<PyResult<Py>> {
        match op {
            "|" => type_union(this, other).map(Ok),
            "r|" => type_union(other, this).map(Ok),
            _ => None,
        }
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// `isinstance(obj, type_or_tuple)`
pub fn isinstance(a: Args) -> PyResult<Py> {
    no_kw(&a, "isinstance")?;
    if a.pos.len() != 2 {
        return Err(type_error(format!("isinstance expected 2 arguments, got {}", a.pos.len())));
    }
    Ok(Py::Bool(instance_of(&a.pos[0], &a.pos[1])?))
}

/// `abs(x)`
pub fn abs(a: Args) -> PyResult<Py> {
    let v = one_arg(a, "abs")?;
    match &v {
        Py::Bool(b) => Ok(Py::Int(*b as i64)),
        Py::Int(i) => Ok(i.checked_abs().map(Py::Int).unwrap_or_else(|| int_to_py(BigInt::from(*i).abs()))),
        Py::BigInt(b) => Ok(int_to_py(b.abs())),
        Py::Float(f) => Ok(Py::Float(f.abs())),
        Py::Object(o) => o
            .binop("abs", &v, &Py::None)
            .unwrap_or_else(|| Err(type_error(format!("bad operand type for abs(): '{}'", v.type_name())))),
        _ => Err(type_error(format!("bad operand type for abs(): '{}'", v.type_name()))),
    }
}

/// Round an integer to a multiple of `10**k` (half to even).
fn round_int(x: &BigInt, k: u32) -> BigInt {
    let m = num_traits::pow(BigInt::from(10), k as usize);
    let (q, r) = x.div_mod_floor(&m);
    let twice: BigInt = &r * BigInt::from(2);
    let up = match twice.cmp(&m) {
        std::cmp::Ordering::Greater => true,
        std::cmp::Ordering::Less => false,
        std::cmp::Ordering::Equal => q.is_odd(),
    };
    (if up { q + 1 } else { q }) * m
}

/// Round a float to `n` decimal places, half-even on its exact binary value.
pub fn round_float(x: f64, n: i64) -> PyResult<f64> {
    if !x.is_finite() || x == 0.0 {
        return Ok(x);
    }
    if n > 323 {
        return Ok(x);
    }
    if n < -308 {
        return Ok(0.0f64.copysign(x));
    }
    let r = if n >= 0 {
        // Rust's fixed-precision formatting is exact and rounds ties to even.
        format!("{:.*}", n as usize, x).parse::<f64>().unwrap()
    } else {
        // Exact: the integer part rounded to a multiple of 10**-n; ties look at the fraction.
        let t = x.trunc();
        let frac = x - t;
        let xi = BigInt::from_f64(t).unwrap_or_default();
        let k = (-n) as u32;
        let m = num_traits::pow(BigInt::from(10), k as usize);
        let ax = xi.abs();
        let (q, r) = ax.div_mod_floor(&m);
        let twice: BigInt = &r * BigInt::from(2);
        let up = match twice.cmp(&m) {
            std::cmp::Ordering::Greater => true,
            std::cmp::Ordering::Less => false,
            std::cmp::Ordering::Equal => frac != 0.0 || q.is_odd(),
        };
        let v = (if up { q + 1 } else { q }) * m;
        let f = v.to_f64().unwrap_or(f64::INFINITY);
        if f.is_infinite() {
            return Err(PyErr::msg(&exc::OVERFLOW_ERROR, "rounded value too large to represent"));
        }
        f.copysign(x)
    };
    if r.is_infinite() {
        return Err(PyErr::msg(&exc::OVERFLOW_ERROR, "rounded value too large to represent"));
    }
    Ok(r)
}

/// `round(x, ndigits=None)`
pub fn round(a: Args) -> PyResult<Py> {
    let [x, nd] = a.bind("round", ["number", "ndigits"], 1)?;
    let x = x.unwrap();
    let nd = match nd {
        None | Some(Py::None) => None,
        Some(n) => Some(match &n {
            Py::BigInt(b) => {
                if b.is_negative() {
                    i64::MIN / 2
                } else {
                    i64::MAX / 2
                }
            }
            _ => index_of(&n)?,
        }),
    };
    match (&x, nd) {
        (Py::Float(f), None) => float_to_int(f.round_ties_even()),
        (Py::Float(f), Some(n)) => round_float(*f, n).map(Py::Float),
        (Py::Bool(_) | Py::Int(_) | Py::BigInt(_), None) => x.pos(),
        (Py::Bool(_) | Py::Int(_) | Py::BigInt(_), Some(n)) => {
            if n >= 0 {
                return x.pos();
            }
            let v = int_of(&x).unwrap();
            if -n > 5000 {
                return Ok(Py::Int(0));
            }
            let neg = v.is_negative();
            let r = round_int(&v.abs(), (-n) as u32);
            Ok(int_to_py(if neg { -r } else { r }))
        }
        (Py::Object(o), _) => {
            let args = match nd {
                Some(n) => vec![Py::Int(n)],
                None => vec![],
            };
            o.call_method(&x, "__round__", Args::pos(args)).unwrap_or_else(|| {
                Err(type_error(format!(
                    "type {} doesn't define __round__ method",
                    x.type_name()
                )))
            })
        }
        _ => Err(type_error(format!("type {} doesn't define __round__ method", x.type_name()))),
    }
}

/// `divmod(a, b)`
pub fn divmod(a: Args) -> PyResult<Py> {
    no_kw(&a, "divmod")?;
    if a.pos.len() != 2 {
        return Err(type_error(format!("divmod expected 2 arguments, got {}", a.pos.len())));
    }
    super::ops::num_divmod(&a.pos[0], &a.pos[1])
}

/// `filter(func_or_None, iterable)` (lazy)
pub fn filter(a: Args) -> PyResult<Py> {
    no_kw(&a, "filter")?;
    if a.pos.len() != 2 {
        return Err(type_error(format!("filter expected 2 arguments, got {}", a.pos.len())));
    }
    let f = a.pos[0].clone();
    let it = a.pos[1].iter()?;
    Ok(Py::iterator(it.filter_map(move |x| {
        let x = match x {
            Ok(x) => x,
            Err(e) => return Some(Err(e)),
        };
        let keep = if f.is_none() {
            x.truthy()
        } else {
            match f.call(Args::pos(vec![x.clone()])) {
                Ok(r) => r.truthy(),
                Err(e) => return Some(Err(e)),
            }
        };
        keep.then_some(Ok(x))
    })))
}

/// `map(func, *iterables)` (lazy, stops at the shortest)
pub fn map(a: Args) -> PyResult<Py> {
    no_kw(&a, "map")?;
    if a.pos.len() < 2 {
        return Err(type_error("map() must have at least two arguments."));
    }
    let mut pos = a.pos.into_iter();
    let f = pos.next().unwrap();
    let mut its: Vec<PyIter> = pos.map(|v| v.iter()).collect::<PyResult<_>>()?;
    let mut done = false;
    Ok(Py::iterator(std::iter::from_fn(move || {
        if done {
            return None;
        }
        let mut row = Vec::with_capacity(its.len());
        for it in its.iter_mut() {
            match it.next() {
                Some(Ok(v)) => row.push(v),
                Some(Err(e)) => {
                    done = true;
                    return Some(Err(e));
                }
                None => {
                    done = true;
                    return None;
                }
            }
        }
        Some(f.call(Args::pos(row)))
    })))
}

/// The text `print(*args, sep=, end=)` writes.
pub fn print_text(a: Args) -> PyResult<String> {
    let Args { pos, kw } = a;
    let mut sep = " ".to_string();
    let mut end = "\n".to_string();
    for (k, v) in kw {
        match (&*k, &v) {
            ("sep" | "end", Py::None) => {}
            ("sep", Py::Str(s)) => sep = s.to_string(),
            ("end", Py::Str(s)) => end = s.to_string(),
            ("sep" | "end", _) => {
                return Err(type_error(format!("{k} must be None or a string, not {}", v.type_name())))
            }
            ("file" | "flush", _) => {}
            _ => {
                return Err(type_error(format!(
                    "'{k}' is an invalid keyword argument for print()"
                )))
            }
        }
    }
    let parts: Vec<String> = pos.iter().map(|v| v.str_string()).collect();
    Ok(parts.join(&sep) + &end)
}

/// `print(*args, sep=' ', end='\n')` to stdout.
pub fn print(a: Args) -> PyResult<Py> {
    let text = print_text(a)?;
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
    Ok(Py::None)
}

fn attr_name(v: &Py) -> PyResult<Rc<str>> {
    match v {
        Py::Str(s) => Ok(s.clone()),
        _ => Err(type_error(format!("attribute name must be string, not '{}'", v.type_name()))),
    }
}

/// `hasattr(obj, name)`
pub fn hasattr(a: Args) -> PyResult<Py> {
    no_kw(&a, "hasattr")?;
    if a.pos.len() != 2 {
        return Err(type_error(format!("hasattr expected 2 arguments, got {}", a.pos.len())));
    }
    let name = attr_name(&a.pos[1])?;
    match a.pos[0].getattr(&name) {
        Ok(_) => Ok(Py::Bool(true)),
        Err(e) if e.is_instance("AttributeError") => Ok(Py::Bool(false)),
        Err(e) => Err(e),
    }
}

/// `getattr(obj, name[, default])`
pub fn getattr(a: Args) -> PyResult<Py> {
    no_kw(&a, "getattr")?;
    if a.pos.len() < 2 || a.pos.len() > 3 {
        return Err(type_error(format!("getattr expected at least 2 arguments, got {}", a.pos.len())));
    }
    let name = attr_name(&a.pos[1])?;
    match a.pos[0].getattr(&name) {
        Err(e) if e.is_instance("AttributeError") && a.pos.len() == 3 => Ok(a.pos[2].clone()),
        r => r,
    }
}

/// `setattr(obj, name, value)`
pub fn setattr(a: Args) -> PyResult<Py> {
    no_kw(&a, "setattr")?;
    if a.pos.len() != 3 {
        return Err(type_error(format!("setattr expected 3 arguments, got {}", a.pos.len())));
    }
    let name = attr_name(&a.pos[1])?;
    a.pos[0].setattr(&name, a.pos[2].clone())?;
    Ok(Py::None)
}

thread_local! {
    static TYPE_NAMES: RefCell<HashMap<String, &'static str>> = RefCell::new(HashMap::new());
}

fn intern(name: &str) -> &'static str {
    TYPE_NAMES.with(|m| {
        *m.borrow_mut()
            .entry(name.to_string())
            .or_insert_with(|| Box::leak(name.to_string().into_boxed_str()))
    })
}

/// `type(x)` as a value.
pub fn type_of(v: &Py) -> Py {
    Py::Type(match v {
        Py::Exc(e) => TypeRef::Exception(e.class()),
        Py::Object(o) => {
            if let Some(Ok(t @ Py::Type(_))) = o.getattr(v, "__class__") {
                return t;
            }
            TypeRef::Builtin(intern(o.type_name()))
        }
        Py::None => TypeRef::Builtin("NoneType"),
        Py::Bool(_) => TypeRef::Builtin("bool"),
        Py::Int(_) | Py::BigInt(_) => TypeRef::Builtin("int"),
        Py::Float(_) => TypeRef::Builtin("float"),
        Py::Str(_) => TypeRef::Builtin("str"),
        Py::Bytes(_) => TypeRef::Builtin("bytes"),
        Py::List(_) => TypeRef::Builtin("list"),
        Py::Tuple(_) => TypeRef::Builtin("tuple"),
        Py::Dict(d) => match super::collections::type_of(d) {
            Some(Py::Type(t)) => t,
            _ => TypeRef::Builtin("dict"),
        },
        Py::Set(_) => TypeRef::Builtin("set"),
        Py::FrozenSet(_) => TypeRef::Builtin("frozenset"),
        Py::Func(_) => TypeRef::Builtin("function"),
        Py::Iter(_) => TypeRef::Builtin("generator"),
        Py::Type(_) => TypeRef::Builtin("type"),
    })
}

/// `type(x)`
pub fn r#type(a: Args) -> PyResult<Py> {
    no_kw(&a, "type")?;
    if a.pos.len() != 1 {
        return Err(type_error("type() takes 1 or 3 arguments"));
    }
    Ok(type_of(&a.pos[0]))
}

/// `chr(i)`
pub fn chr(a: Args) -> PyResult<Py> {
    let v = one_arg(a, "chr")?;
    let i = match &v {
        Py::BigInt(_) => return Err(PyErr::msg(&exc::OVERFLOW_ERROR, "Python int too large to convert to C int")),
        _ => index_of(&v)?,
    };
    match u32::try_from(i).ok().filter(|i| *i < 0x110000) {
        None => Err(value_error("chr() arg not in range(0x110000)")),
        Some(i) => Ok(Py::from(
            char::from_u32(i).map(|c| c.to_string()).unwrap_or_else(|| "\u{fffd}".to_string()),
        )),
    }
}

/// `ord(c)`
pub fn ord(a: Args) -> PyResult<Py> {
    let v = one_arg(a, "ord")?;
    match &v {
        Py::Str(s) => {
            let mut it = s.chars();
            match (it.next(), it.next()) {
                (Some(c), None) => Ok(Py::Int(c as i64)),
                _ => Err(type_error(format!(
                    "ord() expected a character, but string of length {} found",
                    s.chars().count()
                ))),
            }
        }
        Py::Bytes(b) if b.len() == 1 => Ok(Py::Int(b[0] as i64)),
        Py::Bytes(b) => Err(type_error(format!(
            "ord() expected a character, but string of length {} found",
            b.len()
        ))),
        _ => Err(type_error(format!(
            "ord() expected string of length 1, but {} found",
            v.type_name()
        ))),
    }
}

fn radix(a: Args, name: &str, prefix: &str, r: u32) -> PyResult<Py> {
    let v = one_arg(a, name)?;
    let v = match super::value::object_index(&v) {
        Some(i) => i?,
        None => v,
    };
    let i = int_of(&v).ok_or_else(|| {
        type_error(format!("'{}' object cannot be interpreted as an integer", v.type_name()))
    })?;
    let sign = if i.is_negative() { "-" } else { "" };
    Ok(Py::from(format!("{sign}{prefix}{}", i.abs().to_str_radix(r))))
}

/// `hex(i)`
pub fn hex(a: Args) -> PyResult<Py> {
    radix(a, "hex", "0x", 16)
}

/// `oct(i)`
pub fn oct(a: Args) -> PyResult<Py> {
    radix(a, "oct", "0o", 8)
}

/// `bin(i)`
pub fn bin(a: Args) -> PyResult<Py> {
    radix(a, "bin", "0b", 2)
}

/// `callable(x)`
pub fn callable(a: Args) -> PyResult<Py> {
    let v = one_arg(a, "callable")?;
    Ok(Py::Bool(match &v {
        Py::Func(_) | Py::Type(_) => true,
        Py::Object(o) => o.getattr(&v, "__call__").is_some(),
        _ => false,
    }))
}

/// `format(value, spec='')`
pub fn format(a: Args) -> PyResult<Py> {
    let [v, spec] = a.bind("format", ["value", "format_spec"], 1)?;
    let spec = match spec {
        None => String::new(),
        Some(Py::Str(s)) => s.to_string(),
        Some(s) => {
            return Err(type_error(format!(
                "format() argument 2 must be str, not {}",
                s.type_name()
            )))
        }
    };
    super::format::format_value(&v.unwrap(), &spec).map(Py::from)
}

/// `pow(base, exp[, mod])`
pub fn pow(a: Args) -> PyResult<Py> {
    let [base, exp, m] = a.bind("pow", ["base", "exp", "mod"], 2)?;
    let (base, exp) = (base.unwrap(), exp.unwrap());
    let m = m.filter(|m| !m.is_none());
    let Some(m) = m else { return base.pow(&exp) };
    let (Some(b), Some(e), Some(m)) = (int_of(&base), int_of(&exp), int_of(&m)) else {
        return Err(type_error("pow() 3rd argument not allowed unless all arguments are integers"));
    };
    if m.is_zero() {
        return Err(value_error("pow() 3rd argument cannot be 0"));
    }
    let am = m.abs();
    let mut b = b.mod_floor(&am);
    let mut e = e;
    if e.is_negative() {
        // Modular inverse by the extended Euclidean algorithm.
        let g = b.extended_gcd(&am);
        if !g.gcd.is_one() {
            return Err(value_error("base is not invertible for the given modulus"));
        }
        b = g.x.mod_floor(&am);
        e = -e;
    }
    let mut r = b.modpow(&e, &am);
    if m.is_negative() && !r.is_zero() {
        r -= &am;
    }
    Ok(int_to_py(r))
}

/// `hash(x)`
pub fn hash(a: Args) -> PyResult<Py> {
    let v = one_arg(a, "hash")?;
    let k = Key::new(v)?;
    Ok(Py::Int(super::key::py_hash(&k.0)))
}

/// `id(x)`: stable for the object's lifetime (addresses for shared values).
pub fn id(a: Args) -> PyResult<Py> {
    let v = one_arg(a, "id")?;
    let p = match &v {
        Py::Str(s) => Rc::as_ptr(s) as *const u8 as usize,
        Py::Bytes(b) => Rc::as_ptr(b) as *const u8 as usize,
        Py::BigInt(b) => Rc::as_ptr(b) as *const u8 as usize,
        Py::List(l) => Rc::as_ptr(l) as *const u8 as usize,
        Py::Tuple(t) => Rc::as_ptr(t) as *const u8 as usize,
        Py::Dict(d) => Rc::as_ptr(d) as *const u8 as usize,
        Py::Set(s) => Rc::as_ptr(s) as *const u8 as usize,
        Py::FrozenSet(s) => Rc::as_ptr(s) as *const u8 as usize,
        Py::Func(f) => Rc::as_ptr(f) as *const u8 as usize,
        Py::Iter(i) => Rc::as_ptr(i) as *const u8 as usize,
        Py::Exc(e) => Rc::as_ptr(&e.0) as *const u8 as usize,
        Py::Object(o) => Rc::as_ptr(o) as *const u8 as usize,
        _ => super::key::py_hash(&v) as usize,
    };
    Ok(Py::Int((p & (i64::MAX as usize)) as i64))
}

/// A plain `object()` (used as a sentinel).
struct PlainObject;

impl Object for PlainObject {
    fn type_name(&self) -> &str {
        "object"
    }
    fn getattr(&self, _this: &Py, _name: &str) -> Option<PyResult<Py>> {
        None
    }
    fn call_method(&self, _this: &Py, _name: &str, _args: Args) -> Option<PyResult<Py>> {
        None
    }
    fn repr(&self) -> String {
        format!("<object object at {:#x}>", self as *const Self as usize)
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// `object()`: a new featureless object (a sentinel: equal only to itself, hashable).
pub fn object(a: Args) -> PyResult<Py> {
    call_type(&TypeRef::Builtin("object"), a)
}

/// A builtin type or exception class as a value: `type_value("dict")`,
/// `type_value("ValueError")`.
pub fn type_value(name: &'static str) -> Py {
    if let Some(c) = exc::builtin(name) {
        return Py::Type(TypeRef::Exception(c));
    }
    Py::Type(TypeRef::Builtin(name))
}

/// Calling a type value: construct an instance.
pub fn call_type(t: &TypeRef, a: Args) -> PyResult<Py> {
    match t {
        TypeRef::Builtin(name) => match *name {
            "int" => int(a),
            "str" => str(a),
            "float" => float(a),
            "bool" => bool(a),
            "list" => list(a),
            "tuple" => tuple(a),
            "dict" => dict(a),
            "set" => set(a),
            "frozenset" => frozenset(a),
            "type" => r#type(a),
            "range" => range(a),
            "bytes" => bytes(a),
            "object" => {
                if !a.pos.is_empty() || !a.kw.is_empty() {
                    return Err(type_error("object() takes no arguments"));
                }
                Ok(Py::Object(Rc::new(PlainObject)))
            }
            "NoneType" => Ok(Py::None),
            n => Err(type_error(format!("cannot create '{n}' instances"))),
        },
        TypeRef::Exception(c) => {
            if !a.kw.is_empty() {
                return Err(type_error(format!("{}() takes no keyword arguments", c.name())));
            }
            Ok(Py::Exc(PyErr::new(c, a.pos)))
        }
        TypeRef::Class(o) => o
            .call(a)
            .unwrap_or_else(|| Err(type_error(format!("'{}' object is not callable", o.type_name())))),
    }
}

/// `bytes(x)`: from a str with an encoding, an iterable of ints, or a size.
pub fn bytes(a: Args) -> PyResult<Py> {
    let [src, enc, errors] = a.bind("bytes", ["source", "encoding", "errors"], 0)?;
    let Some(src) = src else { return Ok(Py::Bytes(Rc::from(Vec::new()))) };
    match &src {
        Py::Str(s) => match enc {
            Some(Py::Str(e)) => {
                let errors = match errors {
                    Some(Py::Str(x)) => x.to_string(),
                    _ => "strict".into(),
                };
                Ok(Py::Bytes(super::methods::encode_str(s, &e, &errors)?.into()))
            }
            _ => Err(type_error("string argument without an encoding")),
        },
        Py::Bytes(_) => Ok(src),
        Py::Int(n) => {
            if *n < 0 {
                return Err(value_error("negative count"));
            }
            Ok(Py::Bytes(vec![0u8; *n as usize].into()))
        }
        _ => {
            let mut out = Vec::new();
            for x in src.iter().map_err(|_| {
                type_error(format!("cannot convert '{}' object to bytes", src.type_name()))
            })? {
                let x = x?;
                let i = index_of(&x)?;
                if !(0..256).contains(&i) {
                    return Err(value_error("bytes must be in range(0, 256)"));
                }
                out.push(i as u8);
            }
            Ok(Py::Bytes(out.into()))
        }
    }
}
