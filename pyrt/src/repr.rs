//! `repr()` and `str()` with CPython's exact output, and `str(exc)`.

use std::cell::RefCell;
use std::fmt;

use super::methods::uni;
use super::value::*;

thread_local! {
    /// Containers being printed (for `[...]` / `{...}` on self-reference).
    static REPR_STACK: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
}

/// Run `f` unless the container at `ptr` is already being printed (then `[...]`).
fn guarded(ptr: usize, recursive: &str, f: impl FnOnce() -> String) -> String {
    let seen = REPR_STACK.with(|s| s.borrow().contains(&ptr));
    if seen {
        return recursive.to_string();
    }
    REPR_STACK.with(|s| s.borrow_mut().push(ptr));
    let out = f();
    REPR_STACK.with(|s| {
        s.borrow_mut().pop();
    });
    out
}

/// `repr(s)` for a `str`.
pub fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x7f && (c as u32) >= 0x20 => out.push(c),
            c if uni::is_printable(c) => out.push(c),
            c => {
                let n = c as u32;
                if n < 0x100 {
                    out.push_str(&format!("\\x{n:02x}"));
                } else if n < 0x10000 {
                    out.push_str(&format!("\\u{n:04x}"));
                } else {
                    out.push_str(&format!("\\U{n:08x}"));
                }
            }
        }
    }
    out.push(quote);
    out
}

/// `repr(b)` for `bytes`.
pub fn bytes_repr(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') { b'"' } else { b'\'' };
    let mut out = String::with_capacity(b.len() + 3);
    out.push('b');
    out.push(quote as char);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c as char);
            }
            0x20..=0x7e => out.push(c as char),
            c => out.push_str(&format!("\\x{c:02x}")),
        }
    }
    out.push(quote as char);
    out
}

/// `repr(f)` for a float: the shortest string that round-trips, laid out as CPython does
/// (`1e+16`, `1e-05`, `0.1`, `1.0`, `inf`, `nan`, `-0.0`).
pub fn float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if f == 0.0 {
        return if f.is_sign_negative() { "-0.0".into() } else { "0.0".into() };
    }
    // Rust's `{:e}` gives the shortest round-tripping digits: "d.ddde<exp>".
    let e = format!("{:e}", f);
    let (mant, exp) = e.split_once('e').unwrap();
    let exp: i32 = exp.parse().unwrap();
    let (neg, mant) = match mant.strip_prefix('-') {
        Some(m) => (true, m),
        None => (false, mant),
    };
    let digits: String = mant.chars().filter(|c| *c != '.').collect();
    let digits = nearest_shortest(f.abs(), digits, exp);
    let decpt = exp + 1; // position of the decimal point relative to the digits
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    if (-4..16).contains(&exp) {
        if decpt <= 0 {
            out.push_str("0.");
            out.push_str(&"0".repeat((-decpt) as usize));
            out.push_str(&digits);
        } else if decpt as usize >= digits.len() {
            out.push_str(&digits);
            out.push_str(&"0".repeat(decpt as usize - digits.len()));
            out.push_str(".0");
        } else {
            out.push_str(&digits[..decpt as usize]);
            out.push('.');
            out.push_str(&digits[decpt as usize..]);
        }
    } else {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        out.push('e');
        out.push(if exp < 0 { '-' } else { '+' });
        out.push_str(&format!("{:02}", exp.abs()));
    }
    out
}

/// Of the shortest digit strings that round-trip to `f` (Rust's choice and its last digit
/// ±1), the one nearest the exact binary value, a tie going to the even digit — as CPython's
/// `repr` (David Gay's dtoa, mode 0) chooses: `1e15 + 0.3` is `1000000000000000.2`.
fn nearest_shortest(f: f64, digits: String, exp: i32) -> String {
    use num_bigint::BigInt;
    use num_traits::Signed;
    let n = digits.len();
    if n < 16 {
        return digits;
    }
    let last = digits.as_bytes()[n - 1] - b'0';
    let with_last = |d: u8| format!("{}{}", &digits[..n - 1], (b'0' + d) as char);
    let mut candidates = vec![digits.clone()];
    if last > 0 {
        candidates.push(with_last(last - 1));
    }
    if last < 9 {
        candidates.push(with_last(last + 1));
    }
    let round_trips = |c: &String| format!("{}.{}e{}", &c[..1], &c[1..], exp).parse::<f64>().ok() == Some(f);
    let valid: Vec<String> = candidates.into_iter().filter(round_trips).collect();
    if valid.len() < 2 {
        return digits;
    }
    // f = m * 2^e2 exactly; a candidate is C * 10^k. Compare on a common integer scale.
    let bits = f.to_bits();
    let (raw_exp, frac) = ((bits >> 52) & 0x7ff, bits & ((1u64 << 52) - 1));
    let (m, e2) = if raw_exp == 0 { (frac, -1074i32) } else { (frac | (1u64 << 52), raw_exp as i32 - 1075) };
    let k = exp - (n as i32 - 1);
    let (a, b) = ((-e2).max(0) as u32, (-k).max(0) as u32);
    let pow = |base: u32, e: u32| BigInt::from(base).pow(e);
    let x = BigInt::from(m) * pow(2, (e2 + a as i32) as u32) * pow(10, b);
    let distance = |c: &String| {
        let value = c.parse::<BigInt>().unwrap_or_default() * pow(10, (k + b as i32) as u32) * pow(2, a);
        (value - &x).abs()
    };
    let mut best = valid[0].clone();
    let mut best_distance = distance(&best);
    for c in &valid[1..] {
        let d = distance(c);
        let even = (c.as_bytes()[n - 1] - b'0') & 1 == 0;
        if d < best_distance || (d == best_distance && even) {
            best = c.clone();
            best_distance = d;
        }
    }
    best
}

fn join_reprs<'a>(items: impl Iterator<Item = &'a Py>) -> String {
    let mut out = String::new();
    for (i, v) in items.enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&v.repr_string());
    }
    out
}

fn type_repr(t: &TypeRef) -> String {
    match t {
        TypeRef::Builtin(n) => format!("<class '{n}'>"),
        TypeRef::Exception(c) => format!("<class '{}'>", c.name()),
        TypeRef::Class(o) => o.repr(),
    }
}

impl Py {
    /// `repr(self)`
    pub fn repr_string(&self) -> String {
        match self {
            Py::None => "None".into(),
            Py::Bool(true) => "True".into(),
            Py::Bool(false) => "False".into(),
            Py::Int(i) => i.to_string(),
            Py::BigInt(b) => b.to_string(),
            Py::Float(f) => float_repr(*f),
            Py::Str(s) => str_repr(s),
            Py::Bytes(b) => bytes_repr(b),
            Py::List(l) => guarded(std::rc::Rc::as_ptr(l) as *const u8 as usize, "[...]", || {
                let items = l.borrow().clone();
                format!("[{}]", join_reprs(items.iter()))
            }),
            Py::Tuple(t) => {
                if t.len() == 1 {
                    format!("({},)", t[0].repr_string())
                } else {
                    format!("({})", join_reprs(t.iter()))
                }
            }
            Py::Dict(d) => guarded(std::rc::Rc::as_ptr(d) as *const u8 as usize, "{...}", || {
                let plain = || {
                let items: Vec<(Py, Py)> =
                    d.borrow().iter().map(|(k, v)| (k.0.clone(), v.clone())).collect();
                let mut out = String::from("{");
                for (i, (k, v)) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    out.push_str(&k.repr_string());
                    out.push_str(": ");
                    out.push_str(&v.repr_string());
                }
                out.push('}');
                out
                };
                super::collections::repr(d, plain).unwrap_or_else(plain)
            }),
            Py::Set(s) => {
                let s = s.borrow();
                let items: Vec<Py> = match super::key::cpython_set_order(&s) {
                    Some(order) => order.iter().filter_map(|i| s.get_index(*i)).map(|k| k.0.clone()).collect(),
                    None => s.iter().map(|k| k.0.clone()).collect(),
                };
                if items.is_empty() {
                    "set()".into()
                } else {
                    format!("{{{}}}", join_reprs(items.iter()))
                }
            }
            Py::FrozenSet(s) => {
                if s.is_empty() {
                    "frozenset()".into()
                } else {
                    let items: Vec<Py> = match super::key::cpython_set_order(s) {
                        Some(order) => order.iter().filter_map(|i| s.get_index(*i)).map(|k| k.0.clone()).collect(),
                        None => s.iter().map(|k| k.0.clone()).collect(),
                    };
                    format!("frozenset({{{}}})", join_reprs(items.iter()))
                }
            }
            Py::Func(f) => format!("<function {}>", f.name),
            Py::Iter(_) => "<generator object>".into(),
            Py::Exc(e) => e.repr(),
            Py::Type(t) => type_repr(t),
            Py::Object(o) => match super::value::special_text(self, "__repr__") {
                Some(Ok(s)) => s,
                _ => o.repr(),
            },
        }
    }

    /// `str(self)`
    pub fn str_string(&self) -> String {
        match self {
            Py::Str(s) => s.to_string(),
            Py::Exc(e) => e.message(),
            Py::Object(o) => match super::value::special_text(self, "__str__") {
                Some(Ok(s)) => s,
                Some(Err(_)) => o.str(),
                None => match super::value::special_text(self, "__repr__") {
                    Some(Ok(s)) => s,
                    _ => o.str(),
                },
            },
            _ => self.repr_string(),
        }
    }
}

impl PyErr {
    /// `str(exc)`: `KeyError` (or a subclass) with one argument shows its repr; otherwise no arguments
    /// give "", one gives `str(arg)` and several the repr of the args tuple.
    pub fn message(&self) -> String {
        if self.0.class.body.is_some() {
            if let Some(Ok(s)) = super::value::special_text(&Py::Exc(self.clone()), "__str__") {
                return s;
            }
        }
        let args = self.0.args.borrow();
        match args.len() {
            0 => String::new(),
            1 if self.0.class.mro.contains(&"KeyError") => args[0].repr_string(),
            1 => args[0].str_string(),
            _ => Py::tuple(args.clone()).repr_string(),
        }
    }

    /// `repr(exc)`: `ValueError('x')`, `ValueError()`, `ValueError('a', 1)`.
    pub fn repr(&self) -> String {
        if self.0.class.body.is_some() {
            if let Some(Ok(s)) = super::value::special_text(&Py::Exc(self.clone()), "__repr__") {
                return s;
            }
        }
        let args = self.0.args.borrow();
        let name = self.0.class.name();
        if args.len() == 1 {
            format!("{name}({})", args[0].repr_string())
        } else {
            format!("{name}{}", Py::tuple(args.clone()).repr_string())
        }
    }
}

impl fmt::Debug for Py {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.repr_string())
    }
}

/// `Type: message`, or just `Type` when the message is empty (as a traceback's last line).
impl fmt::Display for PyErr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let m = self.message();
        if m.is_empty() {
            f.write_str(self.error_type())
        } else {
            write!(f, "{}: {}", self.error_type(), m)
        }
    }
}

impl fmt::Debug for PyErr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.repr())
    }
}
