//! Operators, comparisons, subscripts, attributes, calls and iteration on [`Py`].

use std::cell::RefCell;
use std::cmp::Ordering;
use std::rc::Rc;

use indexmap::{IndexMap, IndexSet};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{FromPrimitive, Signed, ToPrimitive, Zero};

use super::value::*;

// ---------------------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------------------

/// A number taken apart for arithmetic (`bool` is an `int`).
#[derive(Clone, Debug)]
pub enum Num {
    I(i64),
    B(BigInt),
    F(f64),
}

/// The numeric view of `v`, if it is a `bool`, `int` or `float`.
pub fn num_of(v: &Py) -> Option<Num> {
    match v {
        Py::Bool(b) => Some(Num::I(*b as i64)),
        Py::Int(i) => Some(Num::I(*i)),
        Py::BigInt(b) => Some(Num::B((**b).clone())),
        Py::Float(f) => Some(Num::F(*f)),
        _ => None,
    }
}

/// The integer value of a `bool`/`int`.
pub fn int_of(v: &Py) -> Option<BigInt> {
    match v {
        Py::Bool(b) => Some(BigInt::from(*b as i64)),
        Py::Int(i) => Some(BigInt::from(*i)),
        Py::BigInt(b) => Some((**b).clone()),
        _ => None,
    }
}

/// A `BigInt` result as a normalised Python `int` (`Int` when it fits in 64 bits).
pub fn int_to_py(b: BigInt) -> Py {
    match b.to_i64() {
        Some(i) => Py::Int(i),
        None => Py::BigInt(Rc::new(b)),
    }
}

/// `float(int)`: `OverflowError: int too large to convert to float`.
pub fn big_to_f64(b: &BigInt) -> PyResult<f64> {
    match b.to_f64() {
        Some(f) if f.is_finite() => Ok(f),
        _ => Err(PyErr::msg(&exc::OVERFLOW_ERROR, "int too large to convert to float")),
    }
}

fn num_f64(n: &Num) -> PyResult<f64> {
    match n {
        Num::I(i) => Ok(*i as f64),
        Num::B(b) => big_to_f64(b),
        Num::F(f) => Ok(*f),
    }
}

fn num_big(n: &Num) -> BigInt {
    match n {
        Num::I(i) => BigInt::from(*i),
        Num::B(b) => b.clone(),
        Num::F(_) => BigInt::zero(),
    }
}

/// `operator.index(v)` as `i64`: `TypeError: 'str' object cannot be interpreted as an
/// integer`; ints beyond 64 bits raise `OverflowError`.
pub fn index_of(v: &Py) -> PyResult<i64> {
    if let Some(i) = super::value::object_index(v) {
        return index_of(&i?);
    }
    match v {
        Py::Bool(b) => Ok(*b as i64),
        Py::Int(i) => Ok(*i),
        Py::BigInt(_) => Err(PyErr::msg(
            &exc::OVERFLOW_ERROR,
            "Python int too large to convert to C ssize_t",
        )),
        _ => Err(type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            v.type_name()
        ))),
    }
}

pub(super) fn type_error(msg: impl AsRef<str>) -> PyErr {
    PyErr::msg(&exc::TYPE_ERROR, msg)
}

pub(super) fn value_error(msg: impl AsRef<str>) -> PyErr {
    PyErr::msg(&exc::VALUE_ERROR, msg)
}

fn unsupported(op: &str, a: &Py, b: &Py) -> PyErr {
    type_error(format!(
        "unsupported operand type(s) for {op}: '{}' and '{}'",
        a.type_name(),
        b.type_name()
    ))
}

fn zero_div(msg: &str) -> PyErr {
    PyErr::msg(&exc::ZERO_DIVISION_ERROR, msg)
}

fn float_overflow() -> PyErr {
    PyErr::msg(&exc::OVERFLOW_ERROR, "(34, 'Numerical result out of range')")
}

/// Exact comparison of two numbers (int vs float compares the exact values, as CPython).
pub fn num_cmp(a: &Num, b: &Num) -> Option<Ordering> {
    match (a, b) {
        (Num::I(x), Num::I(y)) => Some(x.cmp(y)),
        (Num::F(x), Num::F(y)) => x.partial_cmp(y),
        (Num::F(_), _) => num_cmp(b, a).map(Ordering::reverse),
        (_, Num::F(f)) => {
            let f = *f;
            if f.is_nan() {
                return None;
            }
            if f.is_infinite() {
                return Some(if f > 0.0 { Ordering::Less } else { Ordering::Greater });
            }
            if let Num::I(i) = a {
                // Exact when both fit in the 53-bit mantissa.
                if i.unsigned_abs() < (1u64 << 53) {
                    return (*i as f64).partial_cmp(&f);
                }
            }
            let x = num_big(a);
            let fl = f.floor();
            let fb = BigInt::from_f64(fl).unwrap_or_default();
            match x.cmp(&fb) {
                Ordering::Equal if f > fl => Some(Ordering::Less),
                o => Some(o),
            }
        }
        _ => Some(num_big(a).cmp(&num_big(b))),
    }
}

fn int_binop(
    a: &Num,
    b: &Num,
    small: fn(i64, i64) -> Option<i64>,
    big: fn(&BigInt, &BigInt) -> BigInt,
) -> Py {
    if let (Num::I(x), Num::I(y)) = (a, b) {
        if let Some(r) = small(*x, *y) {
            return Py::Int(r);
        }
    }
    int_to_py(big(&num_big(a), &num_big(b)))
}

fn is_float(n: &Num) -> bool {
    matches!(n, Num::F(_))
}

/// CPython's `float_divmod`: `(floor quotient, modulo)`.
fn float_divmod(vx: f64, wx: f64) -> (f64, f64) {
    let mut m = vx % wx;
    let mut div = (vx - m) / wx;
    if m != 0.0 {
        if (wx < 0.0) != (m < 0.0) {
            m += wx;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(wx);
    }
    let floordiv = if div != 0.0 {
        let mut fd = div.floor();
        if div - fd > 0.5 {
            fd += 1.0;
        }
        fd
    } else {
        0.0f64.copysign(vx / wx)
    };
    (floordiv, m)
}

fn float_pow(x: f64, y: f64) -> PyResult<f64> {
    if y == 0.0 {
        return Ok(1.0);
    }
    if x.is_nan() {
        return Ok(x);
    }
    if y.is_nan() {
        return Ok(if x == 1.0 { 1.0 } else { y });
    }
    if x == 0.0 && y < 0.0 && y.is_finite() {
        return Err(zero_div("0.0 cannot be raised to a negative power"));
    }
    if x < 0.0 && x.is_finite() && y.is_finite() && y.floor() != y {
        // CPython returns a complex number here; complex is not supported.
        return Err(value_error("negative number cannot be raised to a fractional power"));
    }
    let r = x.powf(y);
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(float_overflow());
    }
    Ok(r)
}

fn num_pow(a: &Num, b: &Num) -> PyResult<Py> {
    if !is_float(a) && !is_float(b) {
        let e = num_big(b);
        if e.is_negative() {
            let x = num_f64(a)?;
            let y = num_f64(b)?;
            return float_pow(x, y).map(Py::Float);
        }
        if let (Num::I(x), Some(y)) = (a, e.to_u32()) {
            if let Some(r) = x.checked_pow(y) {
                return Ok(Py::Int(r));
            }
        }
        let base = num_big(a);
        if base.is_zero() || base == BigInt::from(1) {
            return Ok(int_to_py(base));
        }
        if base == BigInt::from(-1) {
            return Ok(Py::Int(if e.is_even() { 1 } else { -1 }));
        }
        let e = e
            .to_u32()
            .ok_or_else(|| PyErr::msg(&exc::MEMORY_ERROR, ""))?;
        return Ok(int_to_py(num_traits::Pow::pow(&base, e)));
    }
    float_pow(num_f64(a)?, num_f64(b)?).map(Py::Float)
}

fn int_true_div(a: &Num, b: &Num) -> PyResult<Py> {
    let bb = num_big(b);
    if bb.is_zero() {
        return Err(zero_div("division by zero"));
    }
    let ab = num_big(a);
    const EXACT: u64 = 1 << 53;
    if let (Some(x), Some(y)) = (ab.to_i64(), bb.to_i64()) {
        if x.unsigned_abs() <= EXACT && y.unsigned_abs() <= EXACT {
            return Ok(Py::Float(x as f64 / y as f64));
        }
    }
    // Big operands: scale so the quotient carries enough bits, then divide.
    let negative = ab.is_negative() != bb.is_negative();
    let (ab, bb) = (ab.abs(), bb.abs());
    let shift = (bb.bits() as i64 - ab.bits() as i64 + 60).max(0) as usize;
    let q = (ab << shift) / &bb;
    let f = q.to_f64().unwrap_or(f64::INFINITY) / f64::powi(2.0, shift as i32);
    let f = if negative { -f } else { f };
    if f.is_infinite() {
        return Err(PyErr::msg(
            &exc::OVERFLOW_ERROR,
            "integer division result too large for a float",
        ));
    }
    Ok(Py::Float(f))
}

fn num_arith(op: &str, a: &Num, b: &Num) -> PyResult<Py> {
    let floats = is_float(a) || is_float(b);
    if floats {
        let x = num_f64(a)?;
        let y = num_f64(b)?;
        return Ok(Py::Float(match op {
            "+" => x + y,
            "-" => x - y,
            "*" => x * y,
            "/" => {
                if y == 0.0 {
                    return Err(zero_div("float division by zero"));
                }
                x / y
            }
            "//" => {
                if y == 0.0 {
                    return Err(zero_div("float floor division by zero"));
                }
                float_divmod(x, y).0
            }
            "%" => {
                if y == 0.0 {
                    return Err(zero_div("float modulo"));
                }
                float_divmod(x, y).1
            }
            "**" => return num_pow(a, b),
            _ => unreachable!(),
        }));
    }
    Ok(match op {
        "+" => int_binop(a, b, i64::checked_add, |x, y| x + y),
        "-" => int_binop(a, b, i64::checked_sub, |x, y| x - y),
        "*" => int_binop(a, b, i64::checked_mul, |x, y| x * y),
        "/" => return int_true_div(a, b),
        "//" => {
            if num_big(b).is_zero() {
                return Err(zero_div("integer division or modulo by zero"));
            }
            int_binop(
                a,
                b,
                |x, y| if x == i64::MIN && y == -1 { None } else { Some(Integer::div_floor(&x, &y)) },
                |x, y| x.div_floor(y),
            )
        }
        "%" => {
            if num_big(b).is_zero() {
                return Err(zero_div("integer modulo by zero"));
            }
            int_binop(
                a,
                b,
                |x, y| if y == -1 { Some(0) } else { Some(Integer::mod_floor(&x, &y)) },
                |x, y| x.mod_floor(y),
            )
        }
        "**" => return num_pow(a, b),
        _ => unreachable!(),
    })
}

/// `divmod(a, b)` for numbers.
pub(super) fn num_divmod(a: &Py, b: &Py) -> PyResult<Py> {
    match (num_of(a), num_of(b)) {
        (Some(x), Some(y)) => {
            if is_float(&x) || is_float(&y) {
                let (fx, fy) = (num_f64(&x)?, num_f64(&y)?);
                if fy == 0.0 {
                    return Err(zero_div("float divmod()"));
                }
                let (q, r) = float_divmod(fx, fy);
                Ok(Py::tuple(vec![Py::Float(q), Py::Float(r)]))
            } else {
                if num_big(&y).is_zero() {
                    return Err(zero_div("integer division or modulo by zero"));
                }
                Ok(Py::tuple(vec![num_arith("//", &x, &y)?, num_arith("%", &x, &y)?]))
            }
        }
        // `divmod(timedelta, timedelta)`, a class's `__divmod__`/`__rdivmod__`
        _ => object_binop("divmod", a, b).unwrap_or_else(|| Err(unsupported("divmod()", a, b))),
    }
}

fn repeat_count(seq: &Py, n: &Py) -> PyResult<usize> {
    match n {
        Py::Bool(_) | Py::Int(_) => Ok(index_of(n)?.max(0) as usize),
        Py::BigInt(b) if b.is_negative() => Ok(0),
        Py::BigInt(_) => Err(PyErr::msg(
            &exc::OVERFLOW_ERROR,
            "cannot fit 'int' into an index-sized integer",
        )),
        _ => {
            let _ = seq;
            Err(type_error(format!(
                "can't multiply sequence by non-int of type '{}'",
                n.type_name()
            )))
        }
    }
}

fn repeat(seq: &Py, n: &Py) -> PyResult<Option<Py>> {
    Ok(Some(match seq {
        Py::Str(s) => Py::str(&s.repeat(repeat_count(seq, n)?)),
        Py::Bytes(b) => Py::Bytes(Rc::from(b.repeat(repeat_count(seq, n)?))),
        Py::List(l) => {
            let k = repeat_count(seq, n)?;
            let items = l.borrow();
            let mut out = Vec::with_capacity(items.len() * k);
            for _ in 0..k {
                out.extend(items.iter().cloned());
            }
            Py::list(out)
        }
        Py::Tuple(t) => {
            let k = repeat_count(seq, n)?;
            let mut out = Vec::with_capacity(t.len() * k);
            for _ in 0..k {
                out.extend(t.iter().cloned());
            }
            Py::tuple(out)
        }
        _ => return Ok(None),
    }))
}

fn is_set(v: &Py) -> bool {
    matches!(v, Py::Set(_) | Py::FrozenSet(_))
}

/// The members of a `set`/`frozenset` (a snapshot).
pub(super) fn set_items(v: &Py) -> Option<IndexSet<Key>> {
    match v {
        Py::Set(s) => Some(s.borrow().clone()),
        Py::FrozenSet(s) => Some((**s).clone()),
        _ => None,
    }
}

/// A set result of the same kind as `like` (`frozenset | set` is a frozenset).
pub(super) fn set_like(like: &Py, items: IndexSet<Key>) -> Py {
    match like {
        Py::FrozenSet(_) => Py::FrozenSet(Rc::new(items)),
        _ => Py::Set(Rc::new(RefCell::new(items))),
    }
}

fn set_op(op: &str, a: &Py, b: &Py) -> Option<Py> {
    if !is_set(a) || !is_set(b) {
        return None;
    }
    let x = set_items(a)?;
    let y = set_items(b)?;
    let r: IndexSet<Key> = match op {
        "|" => x.union(&y).cloned().collect(),
        "&" => x.intersection(&y).cloned().collect(),
        "-" => x.difference(&y).cloned().collect(),
        "^" => x.symmetric_difference(&y).cloned().collect(),
        _ => return None,
    };
    Some(set_like(a, r))
}

fn object_binop(op: &str, a: &Py, b: &Py) -> Option<PyResult<Py>> {
    if let Py::Object(o) = a {
        if let Some(r) = o.binop(op, a, b) {
            return Some(r);
        }
    }
    if let Py::Object(o) = b {
        // Reflected operation: the right operand is asked with the op prefixed by "r".
        if let Some(r) = o.binop(&format!("r{op}"), b, a) {
            return Some(r);
        }
    }
    None
}

fn int_bits(op: &str, a: &Py, b: &Py) -> Option<PyResult<Py>> {
    if let (Py::Bool(x), Py::Bool(y)) = (a, b) {
        match op {
            "&" => return Some(Ok(Py::Bool(x & y))),
            "|" => return Some(Ok(Py::Bool(x | y))),
            "^" => return Some(Ok(Py::Bool(x ^ y))),
            _ => {}
        }
    }
    let (x, y) = (int_of(a)?, int_of(b)?);
    Some(Ok(match op {
        "&" => int_to_py(x & y),
        "|" => int_to_py(x | y),
        "^" => int_to_py(x ^ y),
        "<<" | ">>" => {
            if y.is_negative() {
                return Some(Err(value_error("negative shift count")));
            }
            if op == ">>" {
                match y.to_usize() {
                    Some(n) => int_to_py(x >> n),
                    None => Py::Int(if x.is_negative() { -1 } else { 0 }),
                }
            } else if x.is_zero() {
                Py::Int(0)
            } else {
                match y.to_usize() {
                    Some(n) if n < (1 << 32) => int_to_py(x << n),
                    _ => {
                        return Some(Err(PyErr::msg(&exc::OVERFLOW_ERROR, "too many digits in integer")))
                    }
                }
            }
        }
        _ => return None,
    }))
}

impl Py {
    /// `bool(x)`
    pub fn truthy(&self) -> bool {
        match self {
            Py::None => false,
            Py::Bool(b) => *b,
            Py::Int(i) => *i != 0,
            Py::BigInt(b) => !b.is_zero(),
            Py::Float(f) => *f != 0.0,
            Py::Str(s) => !s.is_empty(),
            Py::Bytes(b) => !b.is_empty(),
            Py::List(l) => !l.borrow().is_empty(),
            Py::Tuple(t) => !t.is_empty(),
            Py::Dict(d) => !d.borrow().is_empty(),
            Py::Set(s) => !s.borrow().is_empty(),
            Py::FrozenSet(s) => !s.is_empty(),
            Py::Func(_) | Py::Iter(_) | Py::Exc(_) | Py::Type(_) => true,
            Py::Object(o) => {
                // `__bool__`, else `__len__`, of a Python class.
                if let Some(r) = super::value::special(self, "__bool__", &[]) {
                    return r.is_ok_and(|v| v.truthy());
                }
                if let Some(r) = super::value::special(self, "__len__", &[]) {
                    return r.is_ok_and(|v| v.truthy());
                }
                o.truthy()
            }
        }
    }

    /// `a + b`
    pub fn add(&self, other: &Py) -> PyResult<Py> {
        if let (Py::Dict(a), Py::Dict(b)) = (self, other) {
            if matches!(a.kind, DictKind::Counter) && matches!(b.kind, DictKind::Counter) {
                return super::collections::counter_binop("+", a, b);
            }
        }
        if let (Some(x), Some(y)) = (num_of(self), num_of(other)) {
            return num_arith("+", &x, &y);
        }
        match (self, other) {
            (Py::Str(a), Py::Str(b)) => {
                let mut s = String::with_capacity(a.len() + b.len());
                s.push_str(a);
                s.push_str(b);
                Ok(Py::from(s))
            }
            (Py::Str(_), _) => Err(type_error(format!(
                "can only concatenate str (not \"{}\") to str",
                other.type_name()
            ))),
            (Py::List(a), Py::List(b)) => {
                let mut v = a.borrow().clone();
                v.extend(b.borrow().iter().cloned());
                Ok(Py::list(v))
            }
            (Py::List(_), _) if !matches!(other, Py::Object(_)) => Err(type_error(format!(
                "can only concatenate list (not \"{}\") to list",
                other.type_name()
            ))),
            (Py::Tuple(a), Py::Tuple(b)) => {
                let mut v = a.to_vec();
                v.extend(b.iter().cloned());
                Ok(Py::tuple(v))
            }
            (Py::Tuple(_), _) if !matches!(other, Py::Object(_)) => Err(type_error(format!(
                "can only concatenate tuple (not \"{}\") to tuple",
                other.type_name()
            ))),
            (Py::Bytes(a), Py::Bytes(b)) => {
                let mut v = a.to_vec();
                v.extend_from_slice(b);
                Ok(Py::Bytes(Rc::from(v)))
            }
            (Py::Bytes(_), _) if !matches!(other, Py::Object(_)) => Err(type_error(format!(
                "can't concat {} to bytes",
                other.type_name()
            ))),
            _ => object_binop("+", self, other).unwrap_or_else(|| Err(unsupported("+", self, other))),
        }
    }

    /// `a - b`
    pub fn sub(&self, other: &Py) -> PyResult<Py> {
        if let (Py::Dict(a), Py::Dict(b)) = (self, other) {
            if matches!(a.kind, DictKind::Counter) && matches!(b.kind, DictKind::Counter) {
                return super::collections::counter_binop("-", a, b);
            }
        }
        if let (Some(x), Some(y)) = (num_of(self), num_of(other)) {
            return num_arith("-", &x, &y);
        }
        if let Some(r) = set_op("-", self, other) {
            return Ok(r);
        }
        object_binop("-", self, other).unwrap_or_else(|| Err(unsupported("-", self, other)))
    }

    /// `a * b`
    pub fn mul(&self, other: &Py) -> PyResult<Py> {
        if let (Some(x), Some(y)) = (num_of(self), num_of(other)) {
            return num_arith("*", &x, &y);
        }
        if !matches!(other, Py::Object(_)) {
            if let Some(r) = repeat(self, other)? {
                return Ok(r);
            }
        }
        if matches!(self, Py::Bool(_) | Py::Int(_) | Py::BigInt(_)) {
            if let Some(r) = repeat(other, self)? {
                return Ok(r);
            }
        }
        if matches!(other, Py::Str(_) | Py::List(_) | Py::Tuple(_) | Py::Bytes(_))
            && !matches!(self, Py::Object(_))
        {
            return Err(type_error(format!(
                "can't multiply sequence by non-int of type '{}'",
                self.type_name()
            )));
        }
        object_binop("*", self, other).unwrap_or_else(|| Err(unsupported("*", self, other)))
    }

    /// `a / b`
    pub fn truediv(&self, other: &Py) -> PyResult<Py> {
        if let (Some(x), Some(y)) = (num_of(self), num_of(other)) {
            return num_arith("/", &x, &y);
        }
        object_binop("/", self, other).unwrap_or_else(|| Err(unsupported("/", self, other)))
    }

    /// `a // b` (floor division)
    pub fn floordiv(&self, other: &Py) -> PyResult<Py> {
        if let (Some(x), Some(y)) = (num_of(self), num_of(other)) {
            return num_arith("//", &x, &y);
        }
        object_binop("//", self, other).unwrap_or_else(|| Err(unsupported("//", self, other)))
    }

    /// `a % b` (floor modulo; `str % args` formats)
    pub fn rem(&self, other: &Py) -> PyResult<Py> {
        if let (Some(x), Some(y)) = (num_of(self), num_of(other)) {
            return num_arith("%", &x, &y);
        }
        if let Py::Str(s) = self {
            return super::format::percent_format(s, other).map(Py::from);
        }
        if let Py::Bytes(b) = self {
            return super::format::bytes_percent_format(b, other).map(|v| Py::Bytes(v.into()));
        }
        object_binop("%", self, other).unwrap_or_else(|| Err(unsupported("%", self, other)))
    }

    /// `a ** b`
    pub fn pow(&self, other: &Py) -> PyResult<Py> {
        if let (Some(x), Some(y)) = (num_of(self), num_of(other)) {
            return num_arith("**", &x, &y);
        }
        object_binop("**", self, other)
            .unwrap_or_else(|| Err(unsupported("** or pow()", self, other)))
    }

    /// `a << b`
    pub fn lshift(&self, other: &Py) -> PyResult<Py> {
        int_bits("<<", self, other)
            .or_else(|| object_binop("<<", self, other))
            .unwrap_or_else(|| Err(unsupported("<<", self, other)))
    }

    /// `a >> b`
    pub fn rshift(&self, other: &Py) -> PyResult<Py> {
        int_bits(">>", self, other)
            .or_else(|| object_binop(">>", self, other))
            .unwrap_or_else(|| Err(unsupported(">>", self, other)))
    }

    /// `a & b` (ints, bools, sets)
    pub fn bitand(&self, other: &Py) -> PyResult<Py> {
        if let (Py::Dict(a), Py::Dict(b)) = (self, other) {
            if matches!(a.kind, DictKind::Counter) && matches!(b.kind, DictKind::Counter) {
                return super::collections::counter_binop("&", a, b);
            }
        }
        if let Some(r) = set_op("&", self, other) {
            return Ok(r);
        }
        int_bits("&", self, other)
            .or_else(|| object_binop("&", self, other))
            .unwrap_or_else(|| Err(unsupported("&", self, other)))
    }

    /// `a | b` (ints, bools, sets, `dict | dict`)
    pub fn bitor(&self, other: &Py) -> PyResult<Py> {
        if let Some(r) = set_op("|", self, other) {
            return Ok(r);
        }
        if let (Py::Dict(a), Py::Dict(b)) = (self, other) {
            if matches!(a.kind, DictKind::Counter) && matches!(b.kind, DictKind::Counter) {
                return super::collections::counter_binop("|", a, b);
            }
        }
        if let (Py::Dict(a), Py::Dict(b)) = (self, other) {
            let mut m = a.borrow().clone();
            for (k, v) in b.borrow().iter() {
                m.insert(k.clone(), v.clone());
            }
            return Ok(Py::from_map(m));
        }
        if let Some(u) = super::builtins::type_union(self, other) {
            return Ok(u);
        }
        int_bits("|", self, other)
            .or_else(|| object_binop("|", self, other))
            .unwrap_or_else(|| Err(unsupported("|", self, other)))
    }

    /// `a ^ b` (ints, bools, sets)
    pub fn bitxor(&self, other: &Py) -> PyResult<Py> {
        if let Some(r) = set_op("^", self, other) {
            return Ok(r);
        }
        int_bits("^", self, other)
            .or_else(|| object_binop("^", self, other))
            .unwrap_or_else(|| Err(unsupported("^", self, other)))
    }

    /// `a += b`: a list extends in place (with any iterable) and is returned; a set `|=`
    /// style update is not done here. Everything else is `a + b`.
    pub fn iadd(&self, other: &Py) -> PyResult<Py> {
        if let Py::List(l) = self {
            let items: Vec<Py> = match other {
                Py::List(o) => o.borrow().clone(),
                _ => other.iter()?.collect::<PyResult<Vec<Py>>>()?,
            };
            l.borrow_mut().extend(items);
            return Ok(self.clone());
        }
        // `deque += iterable` extends in place.
        if let Py::Object(o) = self {
            if o.type_name() == "deque" {
                if let Some(r) = o.call_method(self, "__iadd__", Args::pos(vec![other.clone()])) {
                    return r;
                }
            }
        }
        self.add(other)
    }

    /// `-a`
    pub fn neg(&self) -> PyResult<Py> {
        match self {
            Py::Bool(b) => Ok(Py::Int(-(*b as i64))),
            Py::Int(i) => Ok(i.checked_neg().map(Py::Int).unwrap_or_else(|| int_to_py(-BigInt::from(*i)))),
            Py::BigInt(b) => Ok(int_to_py(-(**b).clone())),
            Py::Float(f) => Ok(Py::Float(-f)),
            // `-counter` is `Counter() - counter`: the negative counts, negated.
            Py::Dict(d) if matches!(d.kind, DictKind::Counter) => {
                super::collections::counter_binop("-", &PyDict { map: RefCell::new(IndexMap::new()), kind: DictKind::Counter }, d)
            }
            Py::Object(o) => o
                .binop("neg", self, &Py::None)
                .unwrap_or_else(|| Err(type_error(format!("bad operand type for unary -: '{}'", self.type_name())))),
            _ => Err(type_error(format!("bad operand type for unary -: '{}'", self.type_name()))),
        }
    }

    /// `+a`
    pub fn pos(&self) -> PyResult<Py> {
        match self {
            Py::Bool(b) => Ok(Py::Int(*b as i64)),
            Py::Int(_) | Py::BigInt(_) | Py::Float(_) => Ok(self.clone()),
            // `+counter` is `Counter() + counter`: the positive counts.
            Py::Dict(d) if matches!(d.kind, DictKind::Counter) => {
                super::collections::counter_binop("+", &PyDict { map: RefCell::new(IndexMap::new()), kind: DictKind::Counter }, d)
            }
            Py::Object(o) => o
                .binop("pos", self, &Py::None)
                .unwrap_or_else(|| Err(type_error(format!("bad operand type for unary +: '{}'", self.type_name())))),
            _ => Err(type_error(format!("bad operand type for unary +: '{}'", self.type_name()))),
        }
    }

    /// `~a`
    pub fn invert(&self) -> PyResult<Py> {
        match self {
            Py::Bool(b) => Ok(Py::Int(!(*b as i64))),
            Py::Int(i) => Ok(Py::Int(!i)),
            Py::BigInt(b) => Ok(int_to_py(-(**b).clone() - 1)),
            // A class's `__invert__`, or an `IntEnum` member's value.
            Py::Object(o) => super::value::special(self, "__invert__", &[])
                .or_else(|| o.binop("invert", self, &Py::None))
                .unwrap_or_else(|| Err(type_error(format!("bad operand type for unary ~: '{}'", self.type_name())))),
            _ => Err(type_error(format!("bad operand type for unary ~: '{}'", self.type_name()))),
        }
    }

    // -----------------------------------------------------------------------------------
    // Comparisons
    // -----------------------------------------------------------------------------------

    /// `a == b`
    pub fn py_eq(&self, other: &Py) -> bool {
        if let (Some(x), Some(y)) = (num_of(self), num_of(other)) {
            return num_cmp(&x, &y) == Some(Ordering::Equal);
        }
        // A class's `__eq__`, then the other operand's (reflected), as Python tries them.
        if let Some(r) = super::value::special(self, "__eq__", std::slice::from_ref(other))
            .or_else(|| super::value::special(other, "__eq__", std::slice::from_ref(self)))
        {
            return r.is_ok_and(|v| v.truthy());
        }
        if let Py::Object(o) = self {
            if let Some(r) = o.compare_with("==", other, false) {
                return r.unwrap_or(false);
            }
        }
        if let Py::Object(o) = other {
            if let Some(r) = o.compare_with("==", self, true) {
                return r.unwrap_or(false);
            }
        }
        match (self, other) {
            (Py::None, Py::None) => true,
            (Py::Str(a), Py::Str(b)) => a == b,
            (Py::Bytes(a), Py::Bytes(b)) => a == b,
            (Py::List(a), Py::List(b)) => {
                if Rc::ptr_eq(a, b) {
                    return true;
                }
                let (a, b) = (a.borrow(), b.borrow());
                a.len() == b.len() && a.iter().zip(b.iter()).all(|(x, y)| x.is(y) || x.py_eq(y))
            }
            (Py::Tuple(a), Py::Tuple(b)) => {
                a.len() == b.len() && a.iter().zip(b.iter()).all(|(x, y)| x.is(y) || x.py_eq(y))
            }
            (Py::Dict(a), Py::Dict(b)) => {
                if Rc::ptr_eq(a, b) {
                    return true;
                }
                let same = |v: &Py, w: &Py| v.is(w) || v.py_eq(w);
                match (&a.kind, &b.kind) {
                    // Two OrderedDicts are equal only in the same order.
                    (DictKind::OrderedDict, DictKind::OrderedDict) => {
                        let (a, b) = (a.borrow(), b.borrow());
                        a.len() == b.len()
                            && a.iter().zip(b.iter()).all(|((k, v), (l, w))| (k.0.is(&l.0) || k.0.py_eq(&l.0)) && same(v, w))
                    }
                    // Two Counters: a missing element counts as zero (Python 3.10+).
                    (DictKind::Counter, DictKind::Counter) => {
                        let (a, b) = (a.borrow(), b.borrow());
                        let zero = Py::Int(0);
                        a.iter().all(|(k, v)| same(v, b.get(k).unwrap_or(&zero)))
                            && b.iter().all(|(k, w)| same(a.get(k).unwrap_or(&zero), w))
                    }
                    _ => {
                        let (a, b) = (a.borrow(), b.borrow());
                        a.len() == b.len() && a.iter().all(|(k, v)| b.get(k).is_some_and(|w| same(v, w)))
                    }
                }
            }
            (Py::Set(_) | Py::FrozenSet(_), Py::Set(_) | Py::FrozenSet(_)) => {
                let (a, b) = (set_items(self).unwrap(), set_items(other).unwrap());
                a.len() == b.len() && a.iter().all(|k| b.contains(k))
            }
            (Py::Type(a), Py::Type(b)) => match (a, b) {
                (TypeRef::Builtin(x), TypeRef::Builtin(y)) => x == y,
                (TypeRef::Exception(x), TypeRef::Exception(y)) => std::ptr::eq(*x, *y) || x.mro == y.mro,
                (TypeRef::Class(x), TypeRef::Class(y)) => {
                    Rc::ptr_eq(x, y) || x.eq(&**y).unwrap_or(false)
                }
                _ => false,
            },
            (Py::Object(a), Py::Object(b)) => {
                Rc::ptr_eq(a, b) || a.eq(&**b).unwrap_or(false)
            }
            _ => self.is(other),
        }
    }

    /// `a != b`
    pub fn py_ne(&self, other: &Py) -> bool {
        !self.py_eq(other)
    }

    fn compare(&self, other: &Py, op: &str) -> PyResult<bool> {
        fn apply(op: &str, o: Ordering) -> bool {
            match op {
                "<" => o == Ordering::Less,
                "<=" => o != Ordering::Greater,
                ">" => o == Ordering::Greater,
                _ => o != Ordering::Less,
            }
        }
        if let (Some(x), Some(y)) = (num_of(self), num_of(other)) {
            return Ok(num_cmp(&x, &y).is_some_and(|o| apply(op, o)));
        }
        let (method, reflected) = match op {
            "<" => ("__lt__", "__gt__"),
            "<=" => ("__le__", "__ge__"),
            ">" => ("__gt__", "__lt__"),
            _ => ("__ge__", "__le__"),
        };
        if let Some(r) = super::value::special(self, method, std::slice::from_ref(other))
            .or_else(|| super::value::special(other, reflected, std::slice::from_ref(self)))
        {
            return r.map(|v| v.truthy());
        }
        if let Py::Object(o) = self {
            if let Some(r) = o.compare_with(op, other, false) {
                return r;
            }
        }
        if let Py::Object(o) = other {
            if let Some(r) = o.compare_with(op, self, true) {
                return r;
            }
        }
        let seq = |a: &[Py], b: &[Py]| -> PyResult<bool> {
            for (x, y) in a.iter().zip(b.iter()) {
                if !(x.is(y) || x.py_eq(y)) {
                    return x.compare(y, op);
                }
            }
            Ok(apply(op, a.len().cmp(&b.len())))
        };
        match (self, other) {
            (Py::Str(a), Py::Str(b)) => Ok(apply(op, a.cmp(b))),
            (Py::Bytes(a), Py::Bytes(b)) => Ok(apply(op, a.cmp(b))),
            (Py::List(a), Py::List(b)) => {
                let (a, b) = (a.borrow().clone(), b.borrow().clone());
                seq(&a, &b)
            }
            (Py::Tuple(a), Py::Tuple(b)) => seq(a, b),
            (Py::Set(_) | Py::FrozenSet(_), Py::Set(_) | Py::FrozenSet(_)) => {
                let (a, b) = (set_items(self).unwrap(), set_items(other).unwrap());
                Ok(match op {
                    "<" => a.len() < b.len() && a.is_subset(&b),
                    "<=" => a.is_subset(&b),
                    ">" => a.len() > b.len() && a.is_superset(&b),
                    _ => a.is_superset(&b),
                })
            }
            (Py::Object(a), Py::Object(b)) => match a.cmp(&**b) {
                Some(o) => Ok(apply(op, o)),
                None => Err(not_supported(op, self, other)),
            },
            _ => Err(not_supported(op, self, other)),
        }
    }

    /// `a < b`
    pub fn lt(&self, other: &Py) -> PyResult<bool> {
        self.compare(other, "<")
    }
    /// `a <= b`
    pub fn le(&self, other: &Py) -> PyResult<bool> {
        self.compare(other, "<=")
    }
    /// `a > b`
    pub fn gt(&self, other: &Py) -> PyResult<bool> {
        self.compare(other, ">")
    }
    /// `a >= b`
    pub fn ge(&self, other: &Py) -> PyResult<bool> {
        self.compare(other, ">=")
    }

    /// `a is b`: values for None/bool/int/float, identity for everything shared.
    pub fn is(&self, other: &Py) -> bool {
        match (self, other) {
            (Py::None, Py::None) => true,
            (Py::Bool(a), Py::Bool(b)) => a == b,
            (Py::Int(a), Py::Int(b)) => a == b,
            (Py::BigInt(a), Py::BigInt(b)) => Rc::ptr_eq(a, b),
            (Py::Float(a), Py::Float(b)) => a.to_bits() == b.to_bits(),
            (Py::Str(a), Py::Str(b)) => Rc::ptr_eq(a, b),
            (Py::Bytes(a), Py::Bytes(b)) => Rc::ptr_eq(a, b),
            (Py::List(a), Py::List(b)) => Rc::ptr_eq(a, b),
            (Py::Tuple(a), Py::Tuple(b)) => Rc::ptr_eq(a, b) || (a.is_empty() && b.is_empty()),
            (Py::Dict(a), Py::Dict(b)) => Rc::ptr_eq(a, b),
            (Py::Set(a), Py::Set(b)) => Rc::ptr_eq(a, b),
            (Py::FrozenSet(a), Py::FrozenSet(b)) => Rc::ptr_eq(a, b),
            (Py::Func(a), Py::Func(b)) => Rc::ptr_eq(a, b),
            (Py::Iter(a), Py::Iter(b)) => Rc::ptr_eq(a, b),
            (Py::Exc(a), Py::Exc(b)) => Rc::ptr_eq(&a.0, &b.0),
            (Py::Type(_), Py::Type(_)) => self.py_eq(other),
            (Py::Object(a), Py::Object(b)) => Rc::ptr_eq(a, b),
            _ => false,
        }
    }

    /// `item in self`
    pub fn contains(&self, item: &Py) -> PyResult<bool> {
        match self {
            Py::Str(s) => match item {
                Py::Str(sub) => Ok(s.contains(&**sub)),
                _ => Err(type_error(format!(
                    "'in <string>' requires string as left operand, not {}",
                    item.type_name()
                ))),
            },
            Py::Bytes(b) => match item {
                Py::Bytes(sub) => Ok(sub.is_empty() || b.windows(sub.len()).any(|w| w == &**sub)),
                Py::Int(_) | Py::Bool(_) | Py::BigInt(_) => {
                    let v = index_of(item).ok().filter(|v| (0..256).contains(v)).ok_or_else(|| {
                        value_error("byte must be in range(0, 256)")
                    })?;
                    Ok(b.contains(&(v as u8)))
                }
                _ => Err(type_error(format!(
                    "a bytes-like object is required, not '{}'",
                    item.type_name()
                ))),
            },
            Py::List(l) => {
                let mut i = 0;
                loop {
                    let x = match l.borrow().get(i) {
                        Some(x) => x.clone(),
                        None => return Ok(false),
                    };
                    if x.is(item) || x.py_eq(item) {
                        return Ok(true);
                    }
                    i += 1;
                }
            }
            Py::Tuple(t) => Ok(t.iter().any(|x| x.is(item) || x.py_eq(item))),
            Py::Dict(d) => {
                let k = Key::new(item.clone())?;
                Ok(d.borrow().contains_key(&k))
            }
            Py::Set(s) => {
                let k = Key::new(set_member(item))?;
                Ok(s.borrow().contains(&k))
            }
            Py::FrozenSet(s) => {
                let k = Key::new(set_member(item))?;
                Ok(s.contains(&k))
            }
            Py::Iter(_) => {
                for x in self.iter()? {
                    let x = x?;
                    if x.is(item) || x.py_eq(item) {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            // An enum class: `member in Color`.
            Py::Type(TypeRef::Class(o)) => match o.special(self, "__contains__", Args::pos(vec![item.clone()])) {
                Some(r) => Ok(r?.truthy()),
                None => Err(type_error(format!("argument of type '{}' is not iterable", self.type_name()))),
            },
            Py::Object(o) => {
                if let Some(r) = o.call_method(self, "__contains__", Args::pos(vec![item.clone()])) {
                    return Ok(r?.truthy());
                }
                if let Some(r) = o.call_method(self, "__iter__", Args::default()) {
                    return r?.contains(item);
                }
                Err(type_error(format!("argument of type '{}' is not iterable", self.type_name())))
            }
            _ => Err(type_error(format!("argument of type '{}' is not iterable", self.type_name()))),
        }
    }

    // -----------------------------------------------------------------------------------
    // Subscripts
    // -----------------------------------------------------------------------------------

    /// `self[key]`
    /// `self["key"]`: `getitem` with a string-literal key.
    pub fn item(&self, key: &str) -> PyResult<Py> {
        self.getitem(&Py::str(key))
    }

    /// `self.get("key")`: a call of the object's own `get` method (a dict's, or a class's).
    pub fn get(&self, key: &str) -> PyResult<Py> {
        self.call_method("get", [Py::str(key)])
    }

    /// `self.get("key", default)`.
    pub fn get_or(&self, key: &str, default: Py) -> PyResult<Py> {
        self.call_method("get", [Py::str(key), default])
    }

    pub fn getitem(&self, key: &Py) -> PyResult<Py> {
        match self {
            Py::List(l) => {
                let l = l.borrow();
                let i = seq_index(key, l.len(), "list")?;
                Ok(l[i].clone())
            }
            Py::Tuple(t) => {
                let i = seq_index(key, t.len(), "tuple")?;
                Ok(t[i].clone())
            }
            Py::Str(_) if matches!(key, Py::Object(_)) => match super::value::object_index(key) {
                Some(i) => self.getitem(&i?),
                None => Err(type_error(format!("string indices must be integers, not '{}'", key.type_name()))),
            },
            Py::Str(s) => {
                if !matches!(key, Py::Int(_) | Py::Bool(_) | Py::BigInt(_)) {
                    return Err(type_error(format!(
                        "string indices must be integers, not '{}'",
                        key.type_name()
                    )));
                }
                if s.is_ascii() {
                    let i = seq_index(key, s.len(), "string")?;
                    return Ok(Py::str(&s[i..i + 1]));
                }
                let n = s.chars().count();
                let i = seq_index(key, n, "string")?;
                Ok(Py::from(s.chars().nth(i).unwrap().to_string()))
            }
            Py::Bytes(b) => {
                let i = seq_index(key, b.len(), "byte")?;
                Ok(Py::Int(b[i] as i64))
            }
            Py::Dict(d) => {
                let k = Key::new(key.clone())?;
                let found = d.borrow().get(&k).cloned();
                match found {
                    Some(v) => Ok(v),
                    None => match super::collections::missing(d, key) {
                        Some(r) => r,
                        None => Err(PyErr::new(&exc::KEY_ERROR, vec![key.clone()])),
                    },
                }
            }
            Py::Object(o) => o
                .call_method(self, "__getitem__", Args::pos(vec![key.clone()]))
                .unwrap_or_else(|| Err(not_subscriptable(self))),
            Py::Type(TypeRef::Class(o)) => o
                .special(self, "__getitem__", Args::pos(vec![key.clone()]))
                .unwrap_or_else(|| Err(not_subscriptable(self))),
            _ => Err(not_subscriptable(self)),
        }
    }

    /// `self[key] = value`
    pub fn setitem(&self, key: Py, value: Py) -> PyResult<()> {
        match self {
            Py::List(l) => {
                let mut l = l.borrow_mut();
                let i = match seq_index(&key, l.len(), "list") {
                    Err(e) if e.is_instance("IndexError") && matches!(key, Py::Int(_) | Py::Bool(_)) => {
                        return Err(PyErr::msg(&exc::INDEX_ERROR, "list assignment index out of range"))
                    }
                    r => r?,
                };
                l[i] = value;
                Ok(())
            }
            Py::Dict(d) => {
                let k = Key::new(key)?;
                d.borrow_mut().insert(k, value);
                Ok(())
            }
            Py::Object(o) => o
                .call_method(self, "__setitem__", Args::pos(vec![key, value]))
                .map(|r| r.map(|_| ()))
                .unwrap_or_else(|| {
                    Err(type_error(format!(
                        "'{}' object does not support item assignment",
                        self.type_name()
                    )))
                }),
            _ => Err(type_error(format!(
                "'{}' object does not support item assignment",
                self.type_name()
            ))),
        }
    }

    /// `del self[key]`
    pub fn delitem(&self, key: &Py) -> PyResult<()> {
        match self {
            Py::List(l) => {
                let mut l = l.borrow_mut();
                let i = match seq_index(key, l.len(), "list") {
                    Err(e) if e.is_instance("IndexError") && matches!(key, Py::Int(_) | Py::Bool(_)) => {
                        return Err(PyErr::msg(&exc::INDEX_ERROR, "list assignment index out of range"))
                    }
                    r => r?,
                };
                l.remove(i);
                Ok(())
            }
            Py::Dict(d) => {
                let k = Key::new(key.clone())?;
                match d.borrow_mut().shift_remove(&k) {
                    Some(_) => Ok(()),
                    None => Err(PyErr::new(&exc::KEY_ERROR, vec![key.clone()])),
                }
            }
            Py::Object(o) => o
                .call_method(self, "__delitem__", Args::pos(vec![key.clone()]))
                .map(|r| r.map(|_| ()))
                .unwrap_or_else(|| {
                    Err(type_error(format!("'{}' object doesn't support item deletion", self.type_name())))
                }),
            _ => Err(type_error(format!("'{}' object doesn't support item deletion", self.type_name()))),
        }
    }

    /// `del self[start:stop:step]` (lists; `Py::None` for an omitted part).
    pub fn del_slice(&self, start: &Py, stop: &Py, step: &Py) -> PyResult<()> {
        match self {
            Py::List(l) => {
                let len = l.borrow().len();
                let gone: std::collections::HashSet<usize> = slice_indices(len, start, stop, step)?.collect();
                let mut position = 0;
                l.borrow_mut().retain(|_| {
                    let keep = !gone.contains(&position);
                    position += 1;
                    keep
                });
                Ok(())
            }
            Py::Dict(_) => Err(type_error("unhashable type: 'slice'")),
            _ => Err(type_error(format!("'{}' object does not support item deletion", self.type_name()))),
        }
    }

    /// `self[start:stop:step]` (`Py::None` for an omitted part).
    pub fn slice(&self, start: &Py, stop: &Py, step: &Py) -> PyResult<Py> {
        let len = match self {
            Py::List(l) => l.borrow().len(),
            Py::Tuple(t) => t.len(),
            Py::Bytes(b) => b.len(),
            Py::Str(s) => {
                if s.is_ascii() {
                    s.len()
                } else {
                    s.chars().count()
                }
            }
            Py::Object(o) => {
                let sl = Py::tuple(vec![start.clone(), stop.clone(), step.clone()]);
                return o
                    .call_method(self, "__getitem__", Args::pos(vec![sl]))
                    .unwrap_or_else(|| Err(not_subscriptable(self)));
            }
            _ => return Err(not_subscriptable(self)),
        };
        let idx = slice_indices(len, start, stop, step)?;
        Ok(match self {
            Py::List(l) => {
                let l = l.borrow();
                Py::list(idx.map(|i| l[i].clone()).collect::<Vec<_>>())
            }
            Py::Tuple(t) => Py::tuple(idx.map(|i| t[i].clone()).collect::<Vec<_>>()),
            Py::Bytes(b) => Py::Bytes(idx.map(|i| b[i]).collect::<Vec<u8>>().into()),
            Py::Str(s) => {
                if s.is_ascii() {
                    let b = s.as_bytes();
                    Py::from(idx.map(|i| b[i] as char).collect::<String>())
                } else {
                    let chars: Vec<char> = s.chars().collect();
                    Py::from(idx.map(|i| chars[i]).collect::<String>())
                }
            }
            _ => unreachable!(),
        })
    }

    // -----------------------------------------------------------------------------------
    // Attributes and calls
    // -----------------------------------------------------------------------------------

    /// `self.name`
    /// `obj.name` of a method: a function that calls `obj.name(...)`.
    pub fn bound_method(&self, name: &str) -> Py {
        let (this, method) = (self.clone(), name.to_string());
        Py::func(name, move |args| this.call_method(&method, args))
    }

    pub fn getattr(&self, name: &str) -> PyResult<Py> {
        match self {
            Py::Object(o) => {
                if let Some(r) = o.getattr(self, name) {
                    return r;
                }
                if name == "__class__" {
                    return Ok(super::builtins::type_of(self));
                }
                return Err(no_attribute(self, name));
            }
            Py::Exc(e) => {
                if name == "args" {
                    return Ok(Py::tuple(e.0.args.borrow().clone()));
                }
                if let Some(v) = e.0.attrs.borrow().get(name) {
                    return Ok(v.clone());
                }
                if let Some(r) = e.class().body.and_then(|body| body.getattr(self, name)) {
                    return r;
                }
                // Set by `raise … from …`; unset they are None/False, as in CPython.
                match name {
                    "__cause__" => return Ok(Py::None),
                    "__suppress_context__" => return Ok(Py::Bool(false)),
                    _ => {}
                }
            }
            Py::Type(t) => match (t, name) {
                (TypeRef::Class(o), _) => {
                    if let Some(r) = o.getattr(self, name) {
                        return r;
                    }
                }
                (TypeRef::Builtin(n), "__name__" | "__qualname__") => return Ok(Py::str(n)),
                // `str.lower`, `dict.items`, …: the method as a function of the instance.
                (TypeRef::Builtin(type_name), _) => {
                    if let Some(sample) = unbound_method_of(type_name, name) {
                        let (type_name, method) = (*type_name, name.to_string());
                        return Ok(Py::func(name, move |mut args| {
                            if args.pos.is_empty() {
                                return Err(type_error(format!("unbound method {type_name}.{method}() needs an argument")));
                            }
                            let this = args.pos.remove(0);
                            let int_like = |v: &Py| matches!(v, Py::Int(_) | Py::BigInt(_) | Py::Bool(_));
                            let applies = std::mem::discriminant(&this) == std::mem::discriminant(&sample)
                                || (int_like(&this) && int_like(&sample));
                            if !applies {
                                return Err(type_error(format!(
                                    "descriptor '{method}' for '{type_name}' objects doesn't apply to a '{}' object",
                                    this.type_name()
                                )));
                            }
                            this.call_method(&method, args)
                        }));
                    }
                }
                (TypeRef::Exception(c), "__name__" | "__qualname__") => return Ok(Py::str(c.name())),
                (TypeRef::Exception(c), _) => {
                    if let Some(r) = c.body.and_then(|body| body.class_getattr(name)) {
                        return r;
                    }
                }
            },
            Py::Dict(d) => {
                if let Some(v) = super::collections::getattr(d, name) {
                    return Ok(v);
                }
            }
            Py::Func(f) if name == "__name__" || name == "__qualname__" => return Ok(Py::str(&f.name)),
            Py::Bool(_) | Py::Int(_) | Py::BigInt(_) | Py::Float(_) => match name {
                "real" => return self.pos(),
                "imag" => return Ok(if matches!(self, Py::Float(_)) { Py::Float(0.0) } else { Py::Int(0) }),
                "numerator" if !matches!(self, Py::Float(_)) => return self.pos(),
                "denominator" if !matches!(self, Py::Float(_)) => return Ok(Py::Int(1)),
                _ => {}
            },
            _ => {}
        }
        if name == "__class__" {
            return Ok(super::builtins::type_of(self));
        }
        if super::methods::has_method(self, name) {
            return Ok(self.bound_method(name));
        }
        Err(no_attribute(self, name))
    }

    /// `self.name = value`
    pub fn setattr(&self, name: &str, value: Py) -> PyResult<()> {
        match self {
            Py::Object(o) => o.setattr(self, name, value),
            Py::Type(TypeRef::Class(o)) => o.setattr(self, name, value),
            Py::Exc(e) => {
                e.0.attrs.borrow_mut().insert(name.to_string(), value);
                Ok(())
            }
            _ => Err(no_attribute(self, name)),
        }
    }

    /// `self(*args, **kwargs)`
    pub fn call(&self, args: impl Into<Args>) -> PyResult<Py> {
        let args = args.into();
        match self {
            Py::Func(f) => (f.call)(args),
            Py::Type(t) => super::builtins::call_type(t, args),
            Py::Object(o) if o.defines("__call__") => {
                o.special(self, "__call__", args).unwrap_or_else(|| Err(not_callable(self)))
            }
            Py::Object(o) => o.call(args).unwrap_or_else(|| Err(not_callable(self))),
            _ => Err(not_callable(self)),
        }
    }

    /// `self.name(*args, **kwargs)`
    pub fn call_method(&self, name: &str, args: impl Into<Args>) -> PyResult<Py> {
        let args = args.into();
        match self {
            Py::Object(o) => match o.call_method(self, name, args) {
                Some(r) => r,
                None => Err(no_attribute(self, name)),
            },
            Py::Type(TypeRef::Class(o)) => match o.call_method(self, name, args) {
                Some(r) => r,
                None => Err(no_attribute(self, name)),
            },
            Py::Type(TypeRef::Builtin(t)) if unbound_method_of(t, name).is_some() => self.getattr(name)?.call(args),
            Py::Type(TypeRef::Exception(c)) if c.body.is_some() => match c.body.and_then(|body| body.class_getattr(name)) {
                Some(member) => member?.call(args),
                None => super::methods::call_method(self, name, args),
            },
            Py::Exc(e) if e.0.attrs.borrow().contains_key(name) => self.getattr(name)?.call(args),
            Py::Exc(e) => match e.class().body {
                Some(body) => match body.getattr(self, name) {
                    Some(member) => member?.call(args),
                    None => super::methods::call_method(self, name, args),
                },
                None => super::methods::call_method(self, name, args),
            },
            _ => super::methods::call_method(self, name, args),
        }
    }

    /// `iter(self)`
    pub fn iter(&self) -> PyResult<PyIter> {
        Ok(match self {
            Py::List(l) => {
                let l = l.clone();
                let mut i = 0;
                Box::new(std::iter::from_fn(move || {
                    let v = l.borrow().get(i).cloned();
                    i += 1;
                    v.map(Ok)
                }))
            }
            Py::Tuple(t) => {
                let t = t.clone();
                let mut i = 0;
                Box::new(std::iter::from_fn(move || {
                    let v = t.get(i).cloned();
                    i += 1;
                    v.map(Ok)
                }))
            }
            Py::Str(s) => {
                let s = s.clone();
                let mut pos = 0;
                Box::new(std::iter::from_fn(move || {
                    let c = s[pos..].chars().next()?;
                    let start = pos;
                    pos += c.len_utf8();
                    Some(Ok(Py::str(&s[start..pos])))
                }))
            }
            Py::Bytes(b) => {
                let b = b.clone();
                let mut i = 0;
                Box::new(std::iter::from_fn(move || {
                    let v = b.get(i).copied();
                    i += 1;
                    v.map(|x| Ok(Py::Int(x as i64)))
                }))
            }
            Py::Dict(d) => {
                let d = d.clone();
                let n0 = d.borrow().len();
                let mut i = 0;
                let mut done = false;
                Box::new(std::iter::from_fn(move || {
                    if done {
                        return None;
                    }
                    let d = d.borrow();
                    if d.len() != n0 {
                        done = true;
                        return Some(Err(PyErr::msg(
                            &exc::RUNTIME_ERROR,
                            "dictionary changed size during iteration",
                        )));
                    }
                    let k = d.get_index(i).map(|(k, _)| k.0.clone());
                    i += 1;
                    k.map(Ok)
                }))
            }
            Py::Set(s) => {
                let s = s.clone();
                let n0 = s.borrow().len();
                let order = super::key::cpython_set_order(&s.borrow());
                let mut i = 0;
                let mut done = false;
                Box::new(std::iter::from_fn(move || {
                    if done {
                        return None;
                    }
                    let s = s.borrow();
                    if s.len() != n0 {
                        done = true;
                        return Some(Err(PyErr::msg(
                            &exc::RUNTIME_ERROR,
                            "Set changed size during iteration",
                        )));
                    }
                    let at = order.as_ref().map_or(Some(i), |o| o.get(i).copied());
                    let k = at.and_then(|at| s.get_index(at)).map(|k| k.0.clone());
                    i += 1;
                    k.map(Ok)
                }))
            }
            Py::FrozenSet(s) => {
                let s = s.clone();
                let order = super::key::cpython_set_order(&s);
                let mut i = 0;
                Box::new(std::iter::from_fn(move || {
                    let at = order.as_ref().map_or(Some(i), |o| o.get(i).copied());
                    let k = at.and_then(|at| s.get_index(at)).map(|k| k.0.clone());
                    i += 1;
                    k.map(Ok)
                }))
            }
            Py::Iter(it) => {
                let it = it.clone();
                Box::new(std::iter::from_fn(move || match it.try_borrow_mut() {
                    Ok(mut it) => it.next(),
                    Err(_) => Some(Err(value_error("generator already executing"))),
                }))
            }
            Py::Type(TypeRef::Class(o)) if o.defines("__iter__") => {
                return o.special(self, "__iter__", Args::default()).unwrap_or_else(|| Err(not_iterable(self)))?.iter();
            }
            Py::Object(o) => match o.call_method(self, "__iter__", Args::default()) {
                Some(r) => {
                    let r = r?;
                    if let Py::Object(o2) = &r {
                        // An iterator object (often `self`): `__next__` until StopIteration.
                        if !o2.defines("__next__") {
                            return Err(type_error(format!(
                                "iter() returned non-iterator of type '{}'",
                                r.type_name()
                            )));
                        }
                        let (it, o2) = (r.clone(), o2.clone());
                        let mut done = false;
                        return Ok(Box::new(std::iter::from_fn(move || {
                            if done {
                                return None;
                            }
                            match o2.call_method(&it, "__next__", Args::default()) {
                                Some(Ok(v)) => Some(Ok(v)),
                                Some(Err(e)) if e.is_instance("StopIteration") => {
                                    done = true;
                                    None
                                }
                                other => {
                                    done = true;
                                    Some(other.unwrap_or_else(|| Err(not_iterable(&it))))
                                }
                            }
                        })));
                    }
                    if !matches!(r, Py::Iter(_)) {
                        return Err(type_error(format!(
                            "iter() returned non-iterator of type '{}'",
                            r.type_name()
                        )));
                    }
                    return r.iter();
                }
                // The old sequence protocol: `__getitem__(0)`, `(1)`, … until IndexError.
                None if o.defines("__getitem__") => {
                    let (this, o) = (self.clone(), o.clone());
                    let mut i = 0;
                    let mut done = false;
                    return Ok(Box::new(std::iter::from_fn(move || {
                        if done {
                            return None;
                        }
                        let r = o.call_method(&this, "__getitem__", Args::pos(vec![Py::Int(i)]));
                        i += 1;
                        match r {
                            Some(Ok(v)) => Some(Ok(v)),
                            Some(Err(e)) if e.is_instance("IndexError") || e.is_instance("StopIteration") => {
                                done = true;
                                None
                            }
                            other => {
                                done = true;
                                Some(other.unwrap_or_else(|| Err(not_iterable(&this))))
                            }
                        }
                    })));
                }
                None => return Err(not_iterable(self)),
            },
            _ => return Err(not_iterable(self)),
        })
    }

    /// `a, b = self` for `n` targets.
    /// `a, b = value` as an array, for `let [a, b] = value.unpack_n()?`.
    pub fn unpack_n<const N: usize>(&self) -> PyResult<[Py; N]> {
        <[Py; N]>::try_from(self.unpack(N)?)
            .map_err(|v| value_error(format!("expected {N} values to unpack, got {}", v.len())))
    }

    /// `a, *rest, b = value` as an array (`rest` a list), `before`/`after` items around it.
    pub fn unpack_starred_n<const N: usize>(&self, before: usize, after: usize) -> PyResult<[Py; N]> {
        <[Py; N]>::try_from(self.unpack_starred(before, after)?)
            .map_err(|v| value_error(format!("expected {N} values to unpack, got {}", v.len())))
    }

    /// `a, *rest, b = value`: `before` items, a list of the middle, `after` items.
    pub fn unpack_starred(&self, before: usize, after: usize) -> PyResult<Vec<Py>> {
        let it = match self.iter() {
            Ok(it) => it,
            Err(e) if e.is_instance("TypeError") && !matches!(self, Py::Object(_)) => {
                return Err(type_error(format!("cannot unpack non-iterable {} object", self.type_name())))
            }
            Err(e) => return Err(e),
        };
        let items: Vec<Py> = it.collect::<PyResult<_>>()?;
        if items.len() < before + after {
            return Err(value_error(format!(
                "not enough values to unpack (expected at least {}, got {})",
                before + after,
                items.len()
            )));
        }
        let mut out: Vec<Py> = items[..before].to_vec();
        out.push(Py::list(items[before..items.len() - after].to_vec()));
        out.extend_from_slice(&items[items.len() - after..]);
        Ok(out)
    }

    pub fn unpack(&self, n: usize) -> PyResult<Vec<Py>> {
        if let Py::Tuple(t) = self {
            if t.len() == n {
                return Ok(t.to_vec());
            }
        }
        let it = match self.iter() {
            Ok(it) => it,
            Err(e) if e.is_instance("TypeError") && !matches!(self, Py::Object(_)) => {
                return Err(type_error(format!(
                    "cannot unpack non-iterable {} object",
                    self.type_name()
                )))
            }
            Err(e) => return Err(e),
        };
        let mut out = Vec::with_capacity(n);
        for x in it {
            let x = x?;
            if out.len() == n {
                return Err(value_error(format!("too many values to unpack (expected {n})")));
            }
            out.push(x);
        }
        if out.len() < n {
            return Err(value_error(format!(
                "not enough values to unpack (expected {n}, got {})",
                out.len()
            )));
        }
        Ok(out)
    }

    /// `len(self) == 0`
    pub fn is_empty(&self) -> PyResult<bool> {
        Ok(self.len()? == 0)
    }

    /// `len(self)`
    pub fn len(&self) -> PyResult<usize> {
        Ok(match self {
            Py::Str(s) => {
                if s.is_ascii() {
                    s.len()
                } else {
                    s.chars().count()
                }
            }
            Py::Bytes(b) => b.len(),
            Py::List(l) => l.borrow().len(),
            Py::Tuple(t) => t.len(),
            Py::Dict(d) => d.borrow().len(),
            Py::Set(s) => s.borrow().len(),
            Py::FrozenSet(s) => s.len(),
            Py::Type(TypeRef::Class(o)) if o.defines("__len__") => {
                index_of(&o.special(self, "__len__", Args::default()).unwrap_or(Ok(Py::Int(0)))?)? as usize
            }
            Py::Object(o) => match o.call_method(self, "__len__", Args::default()) {
                Some(r) => {
                    let v = r?;
                    let n = index_of(&v)?;
                    if n < 0 {
                        return Err(value_error("__len__() should return >= 0"));
                    }
                    n as usize
                }
                None => {
                    return Err(type_error(format!("object of type '{}' has no len()", self.type_name())))
                }
            },
            _ => return Err(type_error(format!("object of type '{}' has no len()", self.type_name()))),
        })
    }

    /// `{k: v, ...}` (later duplicates overwrite the value and keep the first position).
    pub fn dict(pairs: impl Into<Vec<(Py, Py)>>) -> PyResult<Py> {
        let pairs = pairs.into();
        let mut m = IndexMap::with_capacity(pairs.len());
        for (k, v) in pairs {
            m.insert(Key::new(k)?, v);
        }
        Ok(Py::from_map(m))
    }

    /// `{"k": v, ...}`: a dict literal whose keys are all string literals, which cannot
    /// fail (later duplicates overwrite the value and keep the first position).
    pub fn str_dict(pairs: impl Into<Vec<(&'static str, Py)>>) -> Py {
        let pairs = pairs.into();
        let mut m = IndexMap::with_capacity(pairs.len());
        for (k, v) in pairs {
            m.insert(Key::str(k), v);
        }
        Py::from_map(m)
    }

    /// `{a, b, c}`
    pub fn set(items: impl Into<Vec<Py>>) -> PyResult<Py> {
        let items = items.into();
        let mut s = IndexSet::with_capacity(items.len());
        for v in items {
            s.insert(Key::new(v)?);
        }
        Ok(Py::Set(Rc::new(RefCell::new(s))))
    }

    /// An integer literal of any size (`123456789012345678901234567890`, `0xff`, `1_000`).
    pub fn int_from_str(digits: &str) -> Py {
        let d: String = digits.chars().filter(|c| *c != '_').collect();
        let (radix, body) = match d.get(..2).map(|p| p.to_ascii_lowercase()) {
            Some(p) if p == "0x" => (16, &d[2..]),
            Some(p) if p == "0o" => (8, &d[2..]),
            Some(p) if p == "0b" => (2, &d[2..]),
            _ => (10, &d[..]),
        };
        BigInt::parse_bytes(body.as_bytes(), radix).map(int_to_py).unwrap_or(Py::Int(0))
    }

    /// `{**a, 'k': v}`
    pub fn dict_build(parts: impl Into<Vec<DictPart>>) -> PyResult<Py> {
        let parts = parts.into();
        let mut m: IndexMap<Key, Py> = IndexMap::new();
        for part in parts {
            match part {
                DictPart::Pair(k, v) => {
                    m.insert(Key::new(k)?, v);
                }
                DictPart::Splat(d) => match &d {
                    Py::Dict(d) => {
                        for (k, v) in d.borrow().iter() {
                            m.insert(k.clone(), v.clone());
                        }
                    }
                    Py::Object(_) => {
                        let keys = d.call_method("keys", Args::default()).map_err(|e| {
                            if e.is_instance("AttributeError") {
                                type_error(format!("'{}' object is not a mapping", d.type_name()))
                            } else {
                                e
                            }
                        })?;
                        for k in keys.iter()? {
                            let k = k?;
                            let v = d.getitem(&k)?;
                            m.insert(Key::new(k)?, v);
                        }
                    }
                    _ => {
                        return Err(type_error(format!("'{}' object is not a mapping", d.type_name())))
                    }
                },
            }
        }
        Ok(Py::from_map(m))
    }

    /// `[a, *b, c]`
    pub fn list_build(parts: impl Into<Vec<ListPart>>) -> PyResult<Py> {
        let parts = parts.into();
        Ok(Py::list(collect_parts(parts, true)?))
    }

    /// `(a, *b, c)`
    pub fn tuple_build(parts: impl Into<Vec<ListPart>>) -> PyResult<Py> {
        let parts = parts.into();
        Ok(Py::tuple(collect_parts(parts, true)?))
    }

    /// `{a, *b, c}`
    pub fn set_build(parts: impl Into<Vec<ListPart>>) -> PyResult<Py> {
        let parts = parts.into();
        Py::set(collect_parts(parts, false)?)
    }

    /// `type(self).__name__`
    pub fn type_name(&self) -> &str {
        match self {
            Py::None => "NoneType",
            Py::Bool(_) => "bool",
            Py::Int(_) | Py::BigInt(_) => "int",
            Py::Float(_) => "float",
            Py::Str(_) => "str",
            Py::Bytes(_) => "bytes",
            Py::List(_) => "list",
            Py::Tuple(_) => "tuple",
            Py::Dict(d) => super::collections::type_name(d),
            Py::Set(_) => "set",
            Py::FrozenSet(_) => "frozenset",
            Py::Func(_) => "function",
            Py::Iter(_) => "generator",
            Py::Exc(e) => e.class().name(),
            Py::Type(_) => "type",
            Py::Object(o) => o.type_name(),
        }
    }
}

/// A part of a dict display: `'k': v` or `**mapping`.
pub enum DictPart {
    Pair(Py, Py),
    Splat(Py),
}

/// A part of a list/tuple/set display: `x` or `*iterable`.
pub enum ListPart {
    Item(Py),
    Splat(Py),
}

fn collect_parts(parts: Vec<ListPart>, star_message: bool) -> PyResult<Vec<Py>> {
    let mut out = Vec::with_capacity(parts.len());
    for part in parts {
        match part {
            ListPart::Item(v) => out.push(v),
            ListPart::Splat(v) => {
                let it = v.iter().map_err(|e| {
                    if star_message && e.is_instance("TypeError") && !matches!(v, Py::Object(_)) {
                        type_error(format!("Value after * must be an iterable, not {}", v.type_name()))
                    } else {
                        e
                    }
                })?;
                for x in it {
                    out.push(x?);
                }
            }
        }
    }
    Ok(out)
}

/// `set` members: a `set` looked up in a set is treated as the equal `frozenset`.
fn set_member(v: &Py) -> Py {
    match v {
        Py::Set(s) => Py::FrozenSet(Rc::new(s.borrow().clone())),
        _ => v.clone(),
    }
}

/// Whether an object looks like a mapping (has `keys()`), for `dict(obj)`/`update(obj)`.
pub(super) fn has_keys(v: &Py) -> bool {
    match v {
        Py::Dict(_) => true,
        Py::Object(o) => o.getattr(v, "keys").is_some(),
        _ => false,
    }
}

/// `type_name.name` is an instance method (`str.lower`), not a class method (`dict.fromkeys`):
/// a value of the type to compare the instance with.
fn unbound_method_of(type_name: &str, name: &str) -> Option<Py> {
    if matches!(name, "fromkeys" | "maketrans" | "from_bytes" | "fromhex") {
        return None;
    }
    empty_instance(type_name).filter(|v| super::methods::has_method(v, name))
}

/// A value of a builtin type, to ask which methods the type has.
fn empty_instance(type_name: &str) -> Option<Py> {
    Some(match type_name {
        "str" => Py::str(""),
        "bytes" => Py::Bytes(Rc::from(Vec::new())),
        "list" => Py::list(Vec::new()),
        "tuple" => Py::tuple(Vec::new()),
        "dict" => Py::from_map(IndexMap::new()),
        "set" => Py::Set(Rc::new(std::cell::RefCell::new(indexmap::IndexSet::new()))),
        "int" => Py::Int(0),
        "float" => Py::Float(0.0),
        _ => return None,
    })
}

fn not_supported(op: &str, a: &Py, b: &Py) -> PyErr {
    type_error(format!(
        "'{op}' not supported between instances of '{}' and '{}'",
        a.type_name(),
        b.type_name()
    ))
}

fn not_subscriptable(v: &Py) -> PyErr {
    if let Py::Type(TypeRef::Builtin(_)) = v {
        // `dict[str, int]` in an annotation evaluated at runtime: not supported here.
    }
    type_error(format!("'{}' object is not subscriptable", v.type_name()))
}

fn not_callable(v: &Py) -> PyErr {
    type_error(format!("'{}' object is not callable", v.type_name()))
}

pub(super) fn not_iterable(v: &Py) -> PyErr {
    type_error(format!("'{}' object is not iterable", v.type_name()))
}

pub(super) fn no_attribute(v: &Py, name: &str) -> PyErr {
    let msg = match v {
        Py::Type(t) => {
            let n = match t {
                TypeRef::Builtin(n) => n.to_string(),
                TypeRef::Exception(c) => c.name().to_string(),
                TypeRef::Class(o) => o.type_name().to_string(),
            };
            format!("type object '{n}' has no attribute '{name}'")
        }
        _ => format!("'{}' object has no attribute '{name}'", v.type_name()),
    };
    PyErr::msg(&exc::ATTRIBUTE_ERROR, msg).with_attr("name", Py::str(name))
}

/// A sequence index: negative indices count from the end; `what` names the sequence in
/// the error messages ("list", "tuple", "string", "byte").
pub(super) fn seq_index(key: &Py, len: usize, what: &str) -> PyResult<usize> {
    if let Some(i) = super::value::object_index(key) {
        return seq_index(&i?, len, what);
    }
    let i = match key {
        Py::Int(i) => *i,
        Py::Bool(b) => *b as i64,
        Py::BigInt(_) => {
            return Err(PyErr::msg(
                &exc::INDEX_ERROR,
                "cannot fit 'int' into an index-sized integer",
            ))
        }
        _ => {
            return Err(type_error(match what {
                "string" => format!("string indices must be integers, not '{}'", key.type_name()),
                _ => format!("{what} indices must be integers or slices, not {}", key.type_name()),
            }))
        }
    };
    let j = if i < 0 { i + len as i64 } else { i };
    if j < 0 || j >= len as i64 {
        return Err(PyErr::msg(
            &exc::INDEX_ERROR,
            match what {
                "byte" => "index out of range".to_string(),
                _ => format!("{what} index out of range"),
            },
        ));
    }
    Ok(j as usize)
}

fn slice_part(v: &Py) -> PyResult<Option<i64>> {
    match v {
        Py::None => Ok(None),
        Py::Int(i) => Ok(Some(*i)),
        Py::Bool(b) => Ok(Some(*b as i64)),
        Py::BigInt(b) => Ok(Some(if b.is_negative() { i64::MIN } else { i64::MAX })),
        _ => Err(type_error("slice indices must be integers or None or have an __index__ method")),
    }
}

/// The indices selected by `[start:stop:step]` on a sequence of `len` items, as CPython's
/// `PySlice_AdjustIndices`.
pub fn slice_indices(
    len: usize,
    start: &Py,
    stop: &Py,
    step: &Py,
) -> PyResult<impl Iterator<Item = usize>> {
    let step = slice_part(step)?.unwrap_or(1);
    if step == 0 {
        return Err(value_error("slice step cannot be zero"));
    }
    let len = len as i128;
    let step = step as i128;
    let adjust = |v: Option<i64>, default: i128| -> i128 {
        match v {
            None => default,
            Some(v) => {
                let mut v = v as i128;
                if v < 0 {
                    v += len;
                    if v < 0 {
                        v = if step < 0 { -1 } else { 0 };
                    }
                } else if v >= len {
                    v = if step < 0 { len - 1 } else { len };
                }
                v
            }
        }
    };
    let start = adjust(slice_part(start)?, if step < 0 { len - 1 } else { 0 });
    let stop = adjust(slice_part(stop)?, if step < 0 { -1 } else { len });
    let count = if step < 0 {
        if stop < start {
            (start - stop - 1) / (-step) + 1
        } else {
            0
        }
    } else if start < stop {
        (stop - start - 1) / step + 1
    } else {
        0
    };
    Ok((0..count).map(move |k| (start + k * step) as usize))
}
