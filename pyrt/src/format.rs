//! String formatting: `str % args`, `str.format`, `format()` and f-string `{v:spec}`,
//! following CPython 3.11 (`Objects/unicodeobject.c`, `Python/formatter_unicode.c`).

use num_bigint::{BigInt, Sign};
use num_traits::ToPrimitive;

use super::value::*;

// ---------------------------------------------------------------------------------------
// Small helpers shared with the other stdlib modules.
// ---------------------------------------------------------------------------------------

pub(crate) fn value_err(msg: impl AsRef<str>) -> PyErr {
    PyErr::msg(&exc::VALUE_ERROR, msg)
}

pub(crate) fn type_err(msg: impl AsRef<str>) -> PyErr {
    PyErr::msg(&exc::TYPE_ERROR, msg)
}

/// `str(v)`
pub(crate) fn to_str(v: &Py) -> PyResult<String> {
    match v {
        Py::Str(s) => Ok(s.to_string()),
        // A class's own `__str__` (or `__repr__`) may raise: that error is the result.
        Py::Object(_) => super::value::special_text(v, "__str__")
            .or_else(|| super::value::special_text(v, "__repr__"))
            .unwrap_or_else(|| Ok(v.str_string())),
        _ => Ok(v.str_string()),
    }
}

/// `repr(v)`
pub(crate) fn to_repr(v: &Py) -> PyResult<String> {
    super::value::special_text(v, "__repr__").unwrap_or_else(|| Ok(v.repr_string()))
}

/// An `int` value (bool counts) as a BigInt.
pub(crate) fn as_bigint(v: &Py) -> Option<BigInt> {
    match v {
        Py::Bool(b) => Some(BigInt::from(*b as i64)),
        Py::Int(i) => Some(BigInt::from(*i)),
        Py::BigInt(b) => Some((**b).clone()),
        _ => None,
    }
}

/// A BigInt as a Python int (small ints as `Py::Int`).
pub(crate) fn int_from_bigint(b: BigInt) -> Py {
    match b.to_i64() {
        Some(i) => Py::Int(i),
        None => Py::BigInt(std::rc::Rc::new(b)),
    }
}

/// `int(x)` for a float: truncation, with CPython's errors for inf/nan.
pub(crate) fn float_to_int(f: f64) -> PyResult<Py> {
    if f.is_nan() {
        return Err(value_err("cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(PyErr::msg(&exc::OVERFLOW_ERROR, "cannot convert float infinity to integer"));
    }
    let t = f.trunc();
    if t.abs() < 9.0e18 {
        return Ok(Py::Int(t as i64));
    }
    Ok(int_from_bigint(bigint_from_f64(t)))
}

pub(crate) fn bigint_from_f64(t: f64) -> BigInt {
    use num_traits::FromPrimitive;
    BigInt::from_f64(t).unwrap_or_default()
}

/// `float(int)` with CPython's OverflowError.
pub(crate) fn bigint_to_f64(b: &BigInt) -> PyResult<f64> {
    match b.to_f64() {
        Some(f) if f.is_finite() => Ok(f),
        _ => Err(PyErr::msg(&exc::OVERFLOW_ERROR, "int too large to convert to float")),
    }
}

/// A real number (`int`, `bool`, `float`) as f64, `None` for other types.
pub(crate) fn as_f64(v: &Py) -> Option<PyResult<f64>> {
    match v {
        Py::Float(f) => Some(Ok(*f)),
        Py::Int(i) => Some(Ok(*i as f64)),
        Py::Bool(b) => Some(Ok(*b as i64 as f64)),
        Py::BigInt(b) => Some(bigint_to_f64(b)),
        _ => None,
    }
}

fn char_len(s: &str) -> usize {
    s.chars().count()
}

// ---------------------------------------------------------------------------------------
// Float rendering (the C `PyOS_double_to_string` modes), magnitude only.
// ---------------------------------------------------------------------------------------

/// `x` (finite, non-negative) in `%.{prec}e` form: "1.500000e+02".
fn fmt_e(x: f64, prec: usize, alt: bool, upper: bool) -> String {
    let s = format!("{:.*e}", prec, x);
    let (mant, exp) = s.split_once('e').unwrap();
    let exp: i32 = exp.parse().unwrap();
    let mut out = String::from(mant);
    if alt && prec == 0 {
        out.push('.');
    }
    out.push(if upper { 'E' } else { 'e' });
    out.push(if exp < 0 { '-' } else { '+' });
    out.push_str(&format!("{:02}", exp.abs()));
    out
}

fn fmt_f(x: f64, prec: usize, alt: bool) -> String {
    let mut s = format!("{:.*}", prec, x);
    if alt && prec == 0 {
        s.push('.');
    }
    s
}

/// Decimal exponent of `x` once rounded to `digits` significant digits.
fn exp10_after_round(x: f64, digits: usize) -> i32 {
    if x == 0.0 {
        return 0;
    }
    let s = format!("{:.*e}", digits.max(1) - 1, x);
    s.split_once('e').unwrap().1.parse().unwrap()
}

fn strip_zeros(s: String) -> String {
    if let Some(epos) = s.find(['e', 'E']) {
        let (m, e) = s.split_at(epos);
        if m.contains('.') {
            let m = m.trim_end_matches('0').trim_end_matches('.');
            return format!("{m}{e}");
        }
        s
    } else if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// `%g` with `prec` significant digits; `add_dot_0` is the "no presentation type" variant
/// of `format()` (switches to exponent one digit earlier and keeps a ".0").
fn fmt_g(x: f64, prec: usize, alt: bool, upper: bool, add_dot_0: bool) -> String {
    let p = if prec == 0 { 1 } else { prec };
    let exp = exp10_after_round(x, p);
    let limit = if add_dot_0 { p as i32 - 1 } else { p as i32 };
    let s = if exp < -4 || exp >= limit {
        fmt_e(x, p - 1, alt, upper)
    } else {
        fmt_f(x, (p as i32 - 1 - exp) as usize, alt)
    };
    let mut s = if alt { s } else { strip_zeros(s) };
    if add_dot_0 && !s.contains(['.', 'e', 'E']) {
        s.push_str(".0");
    }
    s
}

/// repr(float) of a non-negative finite value.
fn fmt_repr(x: f64) -> String {
    super::repr::float_repr(x)
}

/// Render a float's magnitude (sign handled by the caller) for a presentation type.
fn float_body(x: f64, ty: Option<char>, prec: Option<usize>, alt: bool) -> String {
    let ax = x.abs();
    let upper = matches!(ty, Some('E' | 'F' | 'G'));
    if x.is_nan() {
        return if upper { "NAN".into() } else { "nan".into() };
    }
    if x.is_infinite() {
        return if upper { "INF".into() } else { "inf".into() };
    }
    match ty {
        None => match prec {
            None => {
                let r = fmt_repr(ax);
                if alt && !r.contains('.') {
                    match r.find('e') {
                        Some(e) => format!("{}.{}", &r[..e], &r[e..]),
                        None => format!("{r}."),
                    }
                } else {
                    r
                }
            }
            Some(p) => fmt_g(ax, p, alt, false, true),
        },
        Some('e' | 'E') => fmt_e(ax, prec.unwrap_or(6), alt, upper),
        Some('f' | 'F') => fmt_f(ax, prec.unwrap_or(6), alt),
        Some('g' | 'G' | 'n') => fmt_g(ax, prec.unwrap_or(6), alt, upper, false),
        Some('%') => fmt_f(ax * 100.0, prec.unwrap_or(6), alt),
        _ => unreachable!(),
    }
}

// ---------------------------------------------------------------------------------------
// format(value, spec)
// ---------------------------------------------------------------------------------------

struct Spec {
    fill: char,
    align: Option<char>,
    sign: Option<char>,
    z: bool,
    alt: bool,
    width: Option<usize>,
    grouping: Option<char>,
    precision: Option<usize>,
    ty: Option<char>,
}

fn parse_spec(spec: &str, type_name: &str, default_align: char) -> PyResult<Spec> {
    let c: Vec<char> = spec.chars().collect();
    let mut i = 0;
    let mut out = Spec {
        fill: ' ',
        align: None,
        sign: None,
        z: false,
        alt: false,
        width: None,
        grouping: None,
        precision: None,
        ty: None,
    };
    let is_align = |ch: char| matches!(ch, '<' | '>' | '^' | '=');
    let mut fill_specified = false;
    if c.len() >= 2 && is_align(c[1]) {
        out.fill = c[0];
        out.align = Some(c[1]);
        fill_specified = true;
        i = 2;
    } else if !c.is_empty() && is_align(c[0]) {
        out.align = Some(c[0]);
        i = 1;
    }
    if i < c.len() && matches!(c[i], '+' | '-' | ' ') {
        out.sign = Some(c[i]);
        i += 1;
    }
    if i < c.len() && c[i] == 'z' {
        out.z = true;
        i += 1;
    }
    if i < c.len() && c[i] == '#' {
        out.alt = true;
        i += 1;
    }
    if !fill_specified && i < c.len() && c[i] == '0' {
        out.fill = '0';
        if out.align.is_none() && default_align == '>' {
            out.align = Some('=');
        }
        i += 1;
    }
    let start = i;
    while i < c.len() && c[i].is_ascii_digit() {
        i += 1;
    }
    if i > start {
        let w: String = c[start..i].iter().collect();
        out.width = Some(w.parse().map_err(|_| value_err("Too many decimal digits in format string"))?);
    }
    if i < c.len() && (c[i] == ',' || c[i] == '_') {
        out.grouping = Some(c[i]);
        i += 1;
        if i < c.len() && (c[i] == ',' || c[i] == '_') {
            if c[i] == out.grouping.unwrap() {
                return Err(value_err(format!("Cannot specify '{}' with '{}'.", c[i], c[i])));
            }
            return Err(value_err("Cannot specify both ',' and '_'."));
        }
    }
    if i < c.len() && c[i] == '.' {
        i += 1;
        let start = i;
        while i < c.len() && c[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return Err(value_err("Format specifier missing precision"));
        }
        let p: String = c[start..i].iter().collect();
        out.precision = Some(p.parse().map_err(|_| value_err("Too many decimal digits in format string"))?);
    }
    if c.len() - i > 1 {
        return Err(value_err(format!(
            "Invalid format specifier '{spec}' for object of type '{type_name}'"
        )));
    }
    if i < c.len() {
        out.ty = Some(c[i]);
    }
    if let Some(g) = out.grouping {
        let ty = out.ty.or(if default_align == '<' { Some('s') } else { None });
        let ok = match ty {
            None | Some('d' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F') => true,
            Some('b' | 'o' | 'x' | 'X') => g == '_',
            _ => false,
        };
        if !ok {
            return Err(value_err(format!("Cannot specify '{g}' with '{}'.", ty.unwrap())));
        }
    }
    Ok(out)
}

/// Insert thousands separators into `digits`, zero-extending to `min_width` the way
/// CPython's `_PyUnicode_InsertThousandsGrouping` does.
fn group_digits(digits: &str, sep: char, size: isize, mut min_width: isize) -> String {
    let ds: Vec<char> = digits.chars().collect();
    let mut remaining = ds.len() as isize;
    let mut out: Vec<char> = Vec::new();
    let mut use_sep = false;
    loop {
        let l = size.min(remaining.max(min_width).max(1));
        let n_zeros = (l - remaining).max(0);
        let n_chars = remaining.min(l).max(0);
        if use_sep {
            out.push(sep);
        }
        for k in 0..n_chars {
            out.push(ds[(remaining - 1 - k) as usize]);
        }
        out.extend(std::iter::repeat_n('0', n_zeros as usize));
        use_sep = true;
        remaining -= n_chars;
        min_width -= l;
        if remaining <= 0 && min_width <= 0 {
            break;
        }
        min_width -= 1;
    }
    out.iter().rev().collect()
}

fn pad(body: String, width: Option<usize>, align: char, fill: char) -> String {
    let len = char_len(&body);
    let width = width.unwrap_or(0);
    if len >= width {
        return body;
    }
    let n = width - len;
    let f = |k: usize| std::iter::repeat_n(fill, k).collect::<String>();
    match align {
        '<' => body + &f(n),
        '^' => f(n / 2) + &body + &f(n - n / 2),
        _ => f(n) + &body,
    }
}

/// Assemble sign + prefix + (grouped) digits + rest + suffix with fill/alignment.
fn assemble_number(sign: &str, prefix: &str, digits: &str, rest: &str, spec: &Spec) -> String {
    let align = spec.align.unwrap_or('>');
    let width = spec.width.unwrap_or(0) as isize;
    let non_digit = (char_len(sign) + char_len(prefix) + char_len(rest)) as isize;
    let digits = match spec.grouping {
        Some(g) => {
            let size = if matches!(spec.ty, Some('b' | 'o' | 'x' | 'X')) { 4 } else { 3 };
            let min_width = if spec.fill == '0' && align == '=' { width - non_digit } else { 0 };
            group_digits(digits, g, size, min_width)
        }
        None => digits.to_string(),
    };
    if align == '=' {
        let body_len = non_digit + char_len(&digits) as isize;
        let padn = (width - body_len).max(0) as usize;
        let fill: String = std::iter::repeat_n(spec.fill, padn).collect();
        return format!("{sign}{prefix}{fill}{digits}{rest}");
    }
    pad(format!("{sign}{prefix}{digits}{rest}"), spec.width, align, spec.fill)
}

fn sign_str(negative: bool, sign: Option<char>) -> &'static str {
    if negative {
        "-"
    } else {
        match sign {
            Some('+') => "+",
            Some(' ') => " ",
            _ => "",
        }
    }
}

fn format_int(v: &BigInt, spec: &Spec, type_name: &str) -> PyResult<String> {
    match spec.ty {
        Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') => {
            return format_float(bigint_to_f64(v)?, spec, type_name);
        }
        None | Some('d' | 'n' | 'b' | 'o' | 'x' | 'X' | 'c') => {}
        Some(t) => {
            return Err(value_err(format!(
                "Unknown format code '{t}' for object of type '{type_name}'"
            )))
        }
    }
    if spec.precision.is_some() {
        return Err(value_err("Precision not allowed in integer format specifier"));
    }
    if spec.z {
        return Err(value_err("Negative zero coercion (z) not allowed in integer format specifier"));
    }
    if spec.ty == Some('c') {
        if spec.sign.is_some() {
            return Err(value_err("Sign not allowed with integer format specifier 'c'"));
        }
        if spec.alt {
            return Err(value_err("Alternate form (#) not allowed with integer format specifier 'c'"));
        }
        if v.to_i64().is_none() {
            return Err(PyErr::msg(&exc::OVERFLOW_ERROR, "Python int too large to convert to C long"));
        }
        let ch = v
            .to_u32()
            .filter(|c| *c < 0x110000)
            .and_then(char::from_u32)
            .ok_or_else(|| PyErr::msg(&exc::OVERFLOW_ERROR, "%c arg not in range(0x110000)"))?;
        return Ok(pad(ch.to_string(), spec.width, spec.align.unwrap_or('>'), spec.fill));
    }
    let negative = v.sign() == Sign::Minus;
    let mag = v.magnitude();
    let (digits, prefix) = match spec.ty {
        Some('b') => (mag.to_str_radix(2), "0b"),
        Some('o') => (mag.to_str_radix(8), "0o"),
        Some('x') => (mag.to_str_radix(16), "0x"),
        Some('X') => (mag.to_str_radix(16).to_uppercase(), "0X"),
        _ => (mag.to_str_radix(10), ""),
    };
    let prefix = if spec.alt { prefix } else { "" };
    Ok(assemble_number(sign_str(negative, spec.sign), prefix, &digits, "", spec))
}

fn format_float(x: f64, spec: &Spec, type_name: &str) -> PyResult<String> {
    match spec.ty {
        None | Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' | 'n') => {}
        Some(t) => {
            return Err(value_err(format!(
                "Unknown format code '{t}' for object of type '{type_name}'"
            )))
        }
    }
    let mut body = float_body(x, spec.ty, spec.precision, spec.alt);
    let mut negative = x.is_sign_negative() && !x.is_nan();
    // 'z': a value that rounds to zero loses its minus sign
    if negative && spec.z && x.is_finite() {
        let mant = body.split(['e', 'E']).next().unwrap_or("");
        if mant.chars().filter(|c| c.is_ascii_digit()).all(|c| c == '0') {
            negative = false;
        }
    }
    let mut suffix = String::new();
    if spec.ty == Some('%') {
        suffix.push('%');
    }
    // split off the part after the integer digits (decimal point, fraction, exponent)
    let split = body.find(|c: char| !c.is_ascii_digit()).unwrap_or(body.len());
    let rest = body.split_off(split);
    let (digits, rest) = if x.is_finite() { (body, rest + &suffix) } else { (String::new(), body + &rest + &suffix) };
    if !x.is_finite() {
        // inf/nan are not grouped; they are padded (even with zeros) like numbers
        let spec2 = Spec { grouping: None, ..*spec };
        return Ok(assemble_number(sign_str(negative, spec.sign), "", "", &rest, &spec2));
    }
    Ok(assemble_number(sign_str(negative, spec.sign), "", &digits, &rest, spec))
}

fn format_str(s: &str, spec: &Spec) -> PyResult<String> {
    match spec.ty {
        None | Some('s') => {}
        Some(t) => {
            return Err(value_err(format!("Unknown format code '{t}' for object of type 'str'")))
        }
    }
    if let Some(sign) = spec.sign {
        return Err(value_err(if sign == ' ' {
            "Space not allowed in string format specifier"
        } else {
            "Sign not allowed in string format specifier"
        }));
    }
    if spec.z {
        return Err(value_err("Negative zero coercion (z) not allowed in string format specifier"));
    }
    if spec.alt {
        return Err(value_err("Alternate form (#) not allowed in string format specifier"));
    }
    if spec.align == Some('=') {
        return Err(value_err("'=' alignment not allowed in string format specifier"));
    }
    let s: String = match spec.precision {
        Some(p) => s.chars().take(p).collect(),
        None => s.to_string(),
    };
    Ok(pad(s, spec.width, spec.align.unwrap_or('<'), spec.fill))
}

/// `format(v, spec)` / f-string `{v:spec}`.
pub fn format_value(v: &Py, spec: &str) -> PyResult<String> {
    match v {
        Py::Str(s) => {
            if spec.is_empty() {
                return Ok(s.to_string());
            }
            format_str(s, &parse_spec(spec, "str", '<')?)
        }
        Py::Bool(b) if spec.is_empty() => Ok(if *b { "True" } else { "False" }.to_string()),
        Py::Bool(_) | Py::Int(_) | Py::BigInt(_) => {
            if spec.is_empty() {
                return to_str(v);
            }
            let tn = if matches!(v, Py::Bool(_)) { "bool" } else { "int" };
            format_int(&as_bigint(v).unwrap(), &parse_spec(spec, tn, '>')?, tn)
        }
        Py::Float(f) => {
            if spec.is_empty() {
                return to_str(v);
            }
            format_float(*f, &parse_spec(spec, "float", '>')?, "float")
        }
        Py::Object(o) => match o.call_method(v, "__format__", Args::pos(vec![Py::str(spec)])) {
            Some(r) => to_str(&r?),
            None if spec.is_empty() => to_str(v),
            None => Err(type_err(format!(
                "unsupported format string passed to {}.__format__",
                o.type_name()
            ))),
        },
        _ => {
            if spec.is_empty() {
                to_str(v)
            } else {
                Err(type_err(format!(
                    "unsupported format string passed to {}.__format__",
                    v.type_name()
                )))
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// str % args
// ---------------------------------------------------------------------------------------

/// `ascii(v)`: repr with non-ASCII characters escaped.
pub(crate) fn ascii_escape(s: &str) -> String {
    let mut out = String::new();
    for ch in s.chars() {
        let c = ch as u32;
        if c < 0x80 {
            out.push(ch);
        } else if c < 0x100 {
            out.push_str(&format!("\\x{c:02x}"));
        } else if c < 0x10000 {
            out.push_str(&format!("\\u{c:04x}"));
        } else {
            out.push_str(&format!("\\U{c:08x}"));
        }
    }
    out
}

fn is_mapping_arg(args: &Py) -> bool {
    // PyMapping_Check && !tuple && !str: anything with __getitem__ (lists included; the
    // runtime's objects — datetime, context, loggers — have none)
    matches!(args, Py::Dict(_) | Py::List(_) | Py::Bytes(_))
}

/// `fmt % args`
pub fn percent_format(fmt: &str, args: &Py) -> PyResult<String> {
    percent(fmt, args, false)
}

/// `fmt % args` for a bytes `fmt`: the str rules run over the bytes as Latin-1 chars, with
/// bytes' own conversions (`%s`/`%b` take bytes, `%r`/`%a` are `ascii()`, `%c` a byte).
pub fn bytes_percent_format(fmt: &[u8], args: &Py) -> PyResult<Vec<u8>> {
    let text: String = fmt.iter().map(|&b| b as char).collect();
    Ok(percent(&text, args, true)?.chars().map(|c| c as u32 as u8).collect())
}

/// A real number for `%f`/`%e`/`%g`: what `float(arg)` gives for objects (`Decimal`, a
/// class with `__float__`), as CPython's `PyFloat_AsDouble`.
fn percent_float(arg: &Py) -> PyResult<f64> {
    if let Some(r) = as_f64(arg) {
        return r;
    }
    let wrong = || type_err(format!("must be real number, not {}", qualified_name(arg)));
    if !matches!(arg, Py::Object(_)) {
        return Err(wrong());
    }
    match super::builtins::float(Args::pos(vec![arg.clone()])) {
        Ok(Py::Float(f)) => Ok(f),
        Err(e) if !e.is_instance("TypeError") => Err(e),
        _ => Err(wrong()),
    }
}

/// `type(v).__name__` as CPython's C code names it in messages (`decimal.Decimal`).
fn qualified_name(v: &Py) -> String {
    super::decimal::qualified(v)
}

fn percent(fmt: &str, args: &Py, bytes: bool) -> PyResult<String> {
    let chars: Vec<char> = fmt.chars().collect();
    let tuple_items: Option<Vec<Py>> = match args {
        Py::Tuple(t) => Some(t.to_vec()),
        _ => None,
    };
    let mapping = is_mapping_arg(args) && !(bytes && matches!(args, Py::Bytes(_)));
    let dict = if tuple_items.is_none() && mapping { Some(args.clone()) } else { None };
    let (mut arglen, mut argidx): (isize, isize) = match &tuple_items {
        Some(t) => (t.len() as isize, 0),
        None => (-1, -2),
    };
    let mut cur_args = args.clone();
    let mut cur_items = tuple_items;
    let mut out = String::new();
    let mut i = 0;

    let next_arg = |argidx: &mut isize, arglen: isize, cur_args: &Py, cur_items: &Option<Vec<Py>>| -> PyResult<Py> {
        if *argidx < arglen {
            let idx = *argidx;
            *argidx += 1;
            if arglen < 0 {
                Ok(cur_args.clone())
            } else {
                Ok(cur_items.as_ref().unwrap()[idx as usize].clone())
            }
        } else {
            Err(type_err("not enough arguments for format string"))
        }
    };

    while i < chars.len() {
        let c = chars[i];
        if c != '%' {
            out.push(c);
            i += 1;
            continue;
        }
        i += 1;
        if i >= chars.len() {
            return Err(value_err("incomplete format"));
        }
        if chars[i] == '%' {
            out.push('%');
            i += 1;
            continue;
        }
        // %(key)
        if chars[i] == '(' {
            let d = match &dict {
                Some(d) => d.clone(),
                None => return Err(type_err("format requires a mapping")),
            };
            i += 1;
            let start = i;
            let mut depth = 1;
            while i < chars.len() {
                if chars[i] == ')' {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                } else if chars[i] == '(' {
                    depth += 1;
                }
                i += 1;
            }
            if i >= chars.len() {
                return Err(value_err("incomplete format key"));
            }
            let key: String = chars[start..i].iter().collect();
            i += 1;
            let key = if bytes { Py::Bytes(key.chars().map(|c| c as u32 as u8).collect()) } else { Py::str(&key) };
            cur_args = d.getitem(&key)?;
            cur_items = None;
            arglen = -1;
            argidx = -2;
        }
        // flags
        let (mut left, mut plus, mut space, mut alt, mut zero) = (false, false, false, false, false);
        while i < chars.len() {
            match chars[i] {
                '-' => left = true,
                '+' => plus = true,
                ' ' => space = true,
                '#' => alt = true,
                '0' => zero = true,
                _ => break,
            }
            i += 1;
        }
        // width
        let mut width: Option<usize> = None;
        if i < chars.len() && chars[i] == '*' {
            let w = next_arg(&mut argidx, arglen, &cur_args, &cur_items)?;
            let w = match w {
                Py::Int(n) => n,
                Py::Bool(b) => b as i64,
                _ => return Err(type_err("* wants int")),
            };
            if w < 0 {
                left = true;
            }
            width = Some(w.unsigned_abs() as usize);
            i += 1;
        } else {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            if i > start {
                let s: String = chars[start..i].iter().collect();
                width = Some(s.parse().map_err(|_| value_err("width too big"))?);
            }
        }
        // precision
        let mut prec: Option<usize> = None;
        if i < chars.len() && chars[i] == '.' {
            i += 1;
            if i < chars.len() && chars[i] == '*' {
                let p = next_arg(&mut argidx, arglen, &cur_args, &cur_items)?;
                let p = match p {
                    Py::Int(n) => n,
                    Py::Bool(b) => b as i64,
                    _ => return Err(type_err("* wants int")),
                };
                prec = Some(p.max(0) as usize);
                i += 1;
            } else {
                let start = i;
                while i < chars.len() && chars[i].is_ascii_digit() {
                    i += 1;
                }
                let s: String = chars[start..i].iter().collect();
                prec = Some(if s.is_empty() { 0 } else { s.parse().map_err(|_| value_err("precision too big"))? });
            }
        }
        // length modifiers are accepted and ignored
        while i < chars.len() && matches!(chars[i], 'h' | 'l' | 'L') {
            i += 1;
        }
        if i >= chars.len() {
            return Err(value_err("incomplete format"));
        }
        let conv = chars[i];
        let conv_index = i;
        i += 1;
        if conv == '%' {
            // "%5%" style: a literal percent (CPython skips the argument fetch)
            out.push('%');
            continue;
        }
        let known = matches!(conv, 's' | 'r' | 'a' | 'd' | 'i' | 'u' | 'o' | 'x' | 'X' | 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'c');
        if !(known || (bytes && conv == 'b')) {
            return Err(value_err(format!(
                "unsupported format character '{}' (0x{:x}) at index {}",
                conv, conv as u32, conv_index
            )));
        }
        let arg = next_arg(&mut argidx, arglen, &cur_args, &cur_items)?;
        let sign_of = |neg: bool| -> &'static str {
            if neg {
                "-"
            } else if plus {
                "+"
            } else if space {
                " "
            } else {
                ""
            }
        };
        let piece: String = match conv {
            's' | 'r' | 'a' | 'b' => {
                let s = match conv {
                    's' | 'b' if bytes => match &arg {
                        Py::Bytes(b) => b.iter().map(|&b| b as char).collect(),
                        _ => {
                            return Err(type_err(format!(
                                "%b requires a bytes-like object, or an object that implements __bytes__, not '{}'",
                                arg.type_name()
                            )))
                        }
                    },
                    'r' | 'a' if bytes => ascii_escape(&to_repr(&arg)?),
                    's' => to_str(&arg)?,
                    'r' => to_repr(&arg)?,
                    _ => ascii_escape(&to_repr(&arg)?),
                };
                let s: String = match prec {
                    Some(p) => s.chars().take(p).collect(),
                    None => s,
                };
                pad(s, width, if left { '<' } else { '>' }, ' ')
            }
            'c' if bytes => {
                let byte = match &arg {
                    Py::Bytes(b) if b.len() == 1 => b[0],
                    Py::Int(_) | Py::BigInt(_) | Py::Bool(_) => as_bigint(&arg)
                        .unwrap()
                        .to_u8()
                        .ok_or_else(|| PyErr::msg(&exc::OVERFLOW_ERROR, "%c arg not in range(256)"))?,
                    _ => return Err(type_err("%c requires an integer in range(256) or a single byte")),
                };
                pad((byte as char).to_string(), width, if left { '<' } else { '>' }, ' ')
            }
            'c' => {
                let ch = match &arg {
                    Py::Str(s) if s.chars().count() == 1 => s.to_string(),
                    Py::Int(_) | Py::BigInt(_) | Py::Bool(_) => {
                        let b = as_bigint(&arg).unwrap();
                        let ch = b
                            .to_u32()
                            .filter(|c| *c < 0x110000)
                            .and_then(char::from_u32)
                            .ok_or_else(|| PyErr::msg(&exc::OVERFLOW_ERROR, "%c arg not in range(0x110000)"))?;
                        ch.to_string()
                    }
                    _ => return Err(type_err("%c requires int or char")),
                };
                pad(ch, width, if left { '<' } else { '>' }, ' ')
            }
            'd' | 'i' | 'u' | 'o' | 'x' | 'X' => {
                let arg = match super::value::object_index(&arg) {
                    Some(i) => i?,
                    // `%d` takes what `int()` takes (a Decimal, a class with `__int__`).
                    None if matches!(conv, 'd' | 'i' | 'u') && matches!(arg, Py::Object(_)) => {
                        match super::builtins::int(Args::pos(vec![arg.clone()])) {
                            Ok(i) => i,
                            Err(e) if !e.is_instance("TypeError") => return Err(e),
                            Err(_) => arg,
                        }
                    }
                    None => arg,
                };
                let n: BigInt = match &arg {
                    Py::Int(_) | Py::BigInt(_) | Py::Bool(_) => as_bigint(&arg).unwrap(),
                    Py::Float(f) if matches!(conv, 'd' | 'i' | 'u') => as_bigint(&float_to_int(*f)?).unwrap(),
                    _ => {
                        let what = if matches!(conv, 'd' | 'i' | 'u') {
                            "a real number"
                        } else {
                            "an integer"
                        };
                        return Err(type_err(format!(
                            "%{} format: {} is required, not {}",
                            conv,
                            what,
                            qualified_name(&arg)
                        )));
                    }
                };
                let neg = n.sign() == Sign::Minus;
                let mag = n.magnitude();
                let (mut digits, prefix) = match conv {
                    'o' => (mag.to_str_radix(8), "0o"),
                    'x' => (mag.to_str_radix(16), "0x"),
                    'X' => (mag.to_str_radix(16).to_uppercase(), "0X"),
                    _ => (mag.to_str_radix(10), ""),
                };
                if let Some(p) = prec {
                    while digits.len() < p {
                        digits.insert(0, '0');
                    }
                }
                let prefix = if alt { prefix } else { "" };
                num_pad(sign_of(neg), prefix, &digits, width, left, zero)
            }
            _ => {
                // e E f F g G
                let x = percent_float(&arg)?;
                let p = prec.unwrap_or(6);
                let upper = conv.is_ascii_uppercase();
                let body = if !x.is_finite() {
                    float_body(x, Some(conv), None, false)
                } else {
                    match conv {
                        'e' | 'E' => fmt_e(x.abs(), p, alt, upper),
                        'f' | 'F' => fmt_f(x.abs(), p, alt),
                        _ => fmt_g(x.abs(), p, alt, upper, false),
                    }
                };
                let neg = x.is_sign_negative() && !x.is_nan();
                num_pad(sign_of(neg), "", &body, width, left, zero)
            }
        };
        out.push_str(&piece);
    }
    if argidx < arglen && dict.is_none() {
        return Err(type_err(if bytes {
            "not all arguments converted during bytes formatting"
        } else {
            "not all arguments converted during string formatting"
        }));
    }
    let _ = &cur_items;
    Ok(out)
}

fn num_pad(sign: &str, prefix: &str, digits: &str, width: Option<usize>, left: bool, zero: bool) -> String {
    let body_len = char_len(sign) + char_len(prefix) + char_len(digits);
    let w = width.unwrap_or(0);
    if body_len >= w {
        return format!("{sign}{prefix}{digits}");
    }
    let n = w - body_len;
    if left {
        format!("{sign}{prefix}{digits}{}", " ".repeat(n))
    } else if zero {
        format!("{sign}{prefix}{}{digits}", "0".repeat(n))
    } else {
        format!("{}{sign}{prefix}{digits}", " ".repeat(n))
    }
}

// ---------------------------------------------------------------------------------------
// str.format
// ---------------------------------------------------------------------------------------

struct FmtState<'a> {
    args: &'a Args,
    auto_idx: Option<usize>,
    manual: bool,
}

/// `fmt.format(*args, **kwargs)`
pub fn str_format(fmt: &str, args: Args) -> PyResult<String> {
    let mut st = FmtState { args: &args, auto_idx: Some(0), manual: false };
    render(fmt, &mut st, 2)
}

fn render(fmt: &str, st: &mut FmtState, depth: usize) -> PyResult<String> {
    let c: Vec<char> = fmt.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < c.len() {
        let ch = c[i];
        if ch == '}' {
            if i + 1 < c.len() && c[i + 1] == '}' {
                out.push('}');
                i += 2;
                continue;
            }
            return Err(value_err("Single '}' encountered in format string"));
        }
        if ch != '{' {
            out.push(ch);
            i += 1;
            continue;
        }
        if i + 1 < c.len() && c[i + 1] == '{' {
            out.push('{');
            i += 2;
            continue;
        }
        // a replacement field: find its matching '}'
        let start = i + 1;
        let mut j = start;
        let mut nest = 1;
        let mut in_brackets = false;
        while j < c.len() {
            match c[j] {
                '[' if !in_brackets => in_brackets = true,
                ']' if in_brackets => in_brackets = false,
                '{' if !in_brackets => nest += 1,
                '}' if !in_brackets => {
                    nest -= 1;
                    if nest == 0 {
                        break;
                    }
                }
                _ => {}
            }
            j += 1;
        }
        if j >= c.len() {
            if nest > 1 || in_brackets {
                return Err(value_err("expected '}' before end of string"));
            }
            return Err(value_err("Single '{' encountered in format string"));
        }
        let field: String = c[start..j].iter().collect();
        i = j + 1;
        out.push_str(&render_field(&field, st, depth)?);
    }
    Ok(out)
}

fn render_field(field: &str, st: &mut FmtState, depth: usize) -> PyResult<String> {
    // split "name!conv:spec" (':' and '!' inside [] belong to the name)
    let chars: Vec<char> = field.chars().collect();
    let mut k = 0;
    let mut in_brackets = false;
    while k < chars.len() {
        match chars[k] {
            '[' => in_brackets = true,
            ']' => in_brackets = false,
            '!' | ':' if !in_brackets => break,
            _ => {}
        }
        k += 1;
    }
    let name: String = chars[..k].iter().collect();
    let mut conv: Option<char> = None;
    let mut spec = String::new();
    if k < chars.len() && chars[k] == '!' {
        if k + 1 >= chars.len() {
            return Err(value_err("end of string while looking for conversion specifier"));
        }
        conv = Some(chars[k + 1]);
        k += 2;
        if k < chars.len() && chars[k] != ':' {
            return Err(value_err("expected ':' after conversion specifier"));
        }
    }
    if k < chars.len() && chars[k] == ':' {
        spec = chars[k + 1..].iter().collect();
    }
    let value = resolve_field(&name, st)?;
    let value = match conv {
        None => value,
        Some('s') => Py::str(&to_str(&value)?),
        Some('r') => Py::str(&to_repr(&value)?),
        Some('a') => Py::str(&ascii_escape(&to_repr(&value)?)),
        Some(other) => return Err(value_err(format!("Unknown conversion specifier {other}"))),
    };
    let spec = if spec.contains('{') {
        if depth == 0 {
            return Err(value_err("Max string recursion exceeded"));
        }
        render(&spec, st, depth - 1)?
    } else {
        spec
    };
    format_value(&value, &spec)
}

fn resolve_field(name: &str, st: &mut FmtState) -> PyResult<Py> {
    let first_end = name.find(['.', '[']).unwrap_or(name.len());
    let first = &name[..first_end];
    let mut value = if first.is_empty() {
        if st.manual {
            return Err(value_err(
                "cannot switch from manual field specification to automatic field numbering",
            ));
        }
        let idx = st.auto_idx.unwrap_or(0);
        st.auto_idx = Some(idx + 1);
        positional(st, idx)?
    } else if let Ok(idx) = first.parse::<usize>() {
        if st.auto_idx.map(|n| n > 0).unwrap_or(false) {
            return Err(value_err(
                "cannot switch from automatic field numbering to manual field specification",
            ));
        }
        st.manual = true;
        positional(st, idx)?
    } else {
        match st.args.kw.iter().find(|(k, _)| *k == first) {
            Some((_, v)) => v.clone(),
            None => return Err(PyErr::new(&exc::KEY_ERROR, vec![Py::str(first)])),
        }
    };
    let rest: Vec<char> = name[first_end..].chars().collect();
    let mut i = 0;
    while i < rest.len() {
        if rest[i] == '.' {
            let start = i + 1;
            let mut j = start;
            while j < rest.len() && rest[j] != '.' && rest[j] != '[' {
                j += 1;
            }
            let attr: String = rest[start..j].iter().collect();
            if attr.is_empty() {
                return Err(value_err("Empty attribute in format string"));
            }
            value = value.getattr(&attr)?;
            i = j;
        } else if rest[i] == '[' {
            let start = i + 1;
            let mut j = start;
            while j < rest.len() && rest[j] != ']' {
                j += 1;
            }
            if j >= rest.len() {
                return Err(value_err("Missing ']' in format string"));
            }
            let key: String = rest[start..j].iter().collect();
            if key.is_empty() {
                return Err(value_err("Empty attribute in format string"));
            }
            let key_py = match key.parse::<i64>() {
                Ok(n) if key.chars().all(|c| c.is_ascii_digit()) => Py::Int(n),
                _ => Py::str(&key),
            };
            value = value.getitem(&key_py)?;
            i = j + 1;
            if i < rest.len() && rest[i] != '.' && rest[i] != '[' {
                return Err(value_err("Only '.' or '[' may follow ']' in format field specifier"));
            }
        } else {
            return Err(value_err("Only '.' or '[' may follow ']' in format field specifier"));
        }
    }
    Ok(value)
}

fn positional(st: &FmtState, idx: usize) -> PyResult<Py> {
    st.args.pos.get(idx).cloned().ok_or_else(|| {
        PyErr::msg(
            &exc::INDEX_ERROR,
            format!("Replacement index {idx} out of range for positional args tuple"),
        )
    })
}
