//! The `decimal` module: `Decimal` with CPython 3.11's semantics under the default context
//! (`prec=28`, `ROUND_HALF_EVEN`, `Emax=999999`, `Emin=-999999`, `capitals=1`, `clamp=0`,
//! traps on InvalidOperation, DivisionByZero and Overflow). A value is a sign, a big-integer
//! coefficient and an exponent, exactly as `_pydecimal` keeps it; the operations follow
//! `_pydecimal`'s algorithms (the reference the C implementation is tested against), and
//! the exceptions carry libmpdec's messages (`[<class 'decimal.ConversionSyntax'>]`).

use std::any::Any;
use std::cmp::Ordering;
use std::rc::Rc;

use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_traits::{One, ToPrimitive, Zero};

use super::format::{type_err, value_err};
use super::value::*;

const PREC: i64 = 28;
const EMAX: i64 = 999_999;
const EMIN: i64 = -999_999;
const ETINY: i64 = EMIN - PREC + 1;
const ETOP: i64 = EMAX - PREC + 1;

/// Finite numbers, infinities and (quiet / signalling) NaNs.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    Finite,
    Inf,
    NaN,
    SNaN,
}

/// A `decimal.Decimal`: `(-1)**neg * coef * 10**exp` (a NaN keeps its payload in `coef`).
#[derive(Clone, Debug)]
pub struct Decimal {
    pub neg: bool,
    pub coef: BigUint,
    pub exp: i64,
    pub kind: Kind,
}

/// The rounding modes (`decimal.ROUND_*`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Rounding {
    Down,
    HalfUp,
    HalfEven,
    Ceiling,
    Floor,
    Up,
    HalfDown,
    Up05,
}

const ROUNDING_NAMES: [(&str, Rounding); 8] = [
    ("ROUND_DOWN", Rounding::Down),
    ("ROUND_HALF_UP", Rounding::HalfUp),
    ("ROUND_HALF_EVEN", Rounding::HalfEven),
    ("ROUND_CEILING", Rounding::Ceiling),
    ("ROUND_FLOOR", Rounding::Floor),
    ("ROUND_UP", Rounding::Up),
    ("ROUND_HALF_DOWN", Rounding::HalfDown),
    ("ROUND_05UP", Rounding::Up05),
];

const DEFAULT_ROUNDING: Rounding = Rounding::HalfEven;

// ---------------------------------------------------------------------------------------
// signals
// ---------------------------------------------------------------------------------------

/// A decimal signal class shown inside an exception's message (`<class 'decimal.X'>`).
struct Signal(&'static str);

impl Object for Signal {
    fn type_name(&self) -> &str {
        "type"
    }
    fn getattr(&self, _this: &Py, name: &str) -> Option<PyResult<Py>> {
        match name {
            "__name__" | "__qualname__" => Some(Ok(Py::str(self.0))),
            "__module__" => Some(Ok(Py::str("decimal"))),
            _ => None,
        }
    }
    fn call_method(&self, _this: &Py, _name: &str, _args: Args) -> Option<PyResult<Py>> {
        None
    }
    fn repr(&self) -> String {
        format!("<class 'decimal.{}'>", self.0)
    }
    fn eq(&self, other: &dyn Object) -> Option<bool> {
        Some(other.as_any().downcast_ref::<Signal>().is_some_and(|o| o.0 == self.0))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// The exception CPython raises for a trapped condition: `class` is the signal that traps
/// (`InvalidOperation`, `DivisionByZero`, `Overflow`), `condition` what the message names.
fn signal(class: &'static ExcClass, condition: &'static str) -> PyErr {
    let cond = Py::Type(TypeRef::Class(Rc::new(Signal(condition))));
    PyErr::new(class, vec![Py::list(vec![cond])])
}

fn invalid(condition: &'static str) -> PyErr {
    signal(&exc::INVALID_OPERATION, condition)
}

fn invalid_op() -> PyErr {
    invalid("InvalidOperation")
}

fn overflow() -> PyErr {
    signal(&exc::DECIMAL_OVERFLOW, "Overflow")
}

// ---------------------------------------------------------------------------------------
// helpers
// ---------------------------------------------------------------------------------------

fn pow10(n: u64) -> BigUint {
    num_traits::pow(BigUint::from(10u32), n as usize)
}

/// The number of decimal digits of `c` (`0` has one).
fn ndigits(c: &BigUint) -> i64 {
    if c.is_zero() {
        return 1;
    }
    // bits * log10(2) is within one of the answer; correct with a comparison.
    let est = ((c.bits() as f64 - 1.0) * std::f64::consts::LOG10_2).floor() as i64 + 1;
    if est <= 1 {
        return c.to_string().len() as i64;
    }
    if *c >= pow10(est as u64) {
        est + 1
    } else {
        est
    }
}

/// Drop the last `k` digits of `coef` and round the rest the `mode` way (`neg` is the sign).
fn drop_digits(neg: bool, coef: &BigUint, k: i64, mode: Rounding) -> BigUint {
    if k <= 0 {
        return coef.clone();
    }
    let (q, rest_nonzero, half) = if k > ndigits(coef) {
        // Everything dropped is below half a unit of the last kept place.
        (BigUint::zero(), !coef.is_zero(), Ordering::Less)
    } else {
        let p = pow10(k as u64);
        let (q, r) = coef.div_rem(&p);
        let half = (&r * 2u32).cmp(&p);
        (q, !r.is_zero(), half)
    };
    let bump = match mode {
        Rounding::Down => false,
        Rounding::Up => rest_nonzero,
        Rounding::HalfUp => half != Ordering::Less,
        Rounding::HalfDown => half == Ordering::Greater,
        Rounding::HalfEven => half == Ordering::Greater || (half == Ordering::Equal && q.is_odd()),
        Rounding::Ceiling => !neg && rest_nonzero,
        Rounding::Floor => neg && rest_nonzero,
        Rounding::Up05 => {
            let last = (&q % 10u32).to_u32().unwrap_or(0);
            rest_nonzero && (last == 0 || last == 5)
        }
    };
    if bump {
        q + 1u32
    } else {
        q
    }
}

fn rounding_arg(v: Option<Py>) -> PyResult<Rounding> {
    match v {
        None | Some(Py::None) => Ok(DEFAULT_ROUNDING),
        Some(Py::Str(s)) if ROUNDING_NAMES.iter().any(|(n, _)| *n == &*s) => {
            Ok(ROUNDING_NAMES.iter().find(|(n, _)| *n == &*s).unwrap().1)
        }
        Some(_) => Err(type_err(
            "valid values for rounding are:\n  [ROUND_CEILING, ROUND_FLOOR, ROUND_UP, ROUND_DOWN,\n   ROUND_HALF_UP, ROUND_HALF_DOWN, ROUND_HALF_EVEN,\n   ROUND_05UP]",
        )),
    }
}

// ---------------------------------------------------------------------------------------
// construction
// ---------------------------------------------------------------------------------------

impl Decimal {
    pub fn finite(neg: bool, coef: BigUint, exp: i64) -> Decimal {
        Decimal { neg, coef, exp, kind: Kind::Finite }
    }

    fn special(neg: bool, kind: Kind) -> Decimal {
        Decimal { neg, coef: BigUint::zero(), exp: 0, kind }
    }

    fn nan() -> Decimal {
        Decimal::special(false, Kind::NaN)
    }

    pub fn from_bigint(v: &BigInt) -> Decimal {
        Decimal::finite(v.sign() == Sign::Minus, v.magnitude().clone(), 0)
    }

    pub fn from_i64(v: i64) -> Decimal {
        Decimal::from_bigint(&BigInt::from(v))
    }

    /// The exact value of a binary float (`Decimal(0.1)`).
    pub fn from_f64(f: f64) -> Decimal {
        if f.is_nan() {
            return Decimal::nan();
        }
        if f.is_infinite() {
            return Decimal::special(f < 0.0, Kind::Inf);
        }
        let neg = f.is_sign_negative();
        let bits = f.abs().to_bits();
        let biased = ((bits >> 52) & 0x7ff) as i64;
        let frac = bits & ((1u64 << 52) - 1);
        let (mut m, mut e) = if biased == 0 { (frac, -1074) } else { (frac | (1u64 << 52), biased - 1075) };
        if m == 0 {
            return Decimal::finite(neg, BigUint::zero(), 0);
        }
        while m % 2 == 0 {
            m /= 2;
            e += 1;
        }
        if e >= 0 {
            Decimal::finite(neg, BigUint::from(m) << (e as usize), 0)
        } else {
            // m / 2**k == m * 5**k / 10**k
            let k = (-e) as u32;
            Decimal::finite(neg, BigUint::from(m) * num_traits::pow(BigUint::from(5u32), k as usize), e)
        }
    }

    /// `Decimal(str)`: CPython's grammar (whitespace around, underscores ignored, any
    /// Unicode decimal digit); anything else raises InvalidOperation/ConversionSyntax.
    pub fn parse(s: &str) -> PyResult<Decimal> {
        let t: String = s
            .trim_matches(|c: char| super::methods::is_py_space(c))
            .chars()
            .filter(|c| *c != '_')
            .map(|c| {
                if c.is_ascii() {
                    c
                } else {
                    match super::methods::uni::decimal_value(c) {
                        Some(d) => char::from_digit(d, 10).unwrap(),
                        None => c,
                    }
                }
            })
            .collect();
        match Decimal::parse_ascii(&t) {
            Some(d) => Ok(d),
            None if looks_numeric(&t) => Err(invalid_op()),
            None => Err(invalid("ConversionSyntax")),
        }
    }

    fn parse_ascii(t: &str) -> Option<Decimal> {
        if t.is_empty() {
            return None;
        }
        let (neg, body) = match t.as_bytes().first()? {
            b'-' => (true, &t[1..]),
            b'+' => (false, &t[1..]),
            _ => (false, t),
        };
        let lower = body.to_ascii_lowercase();
        if lower == "inf" || lower == "infinity" {
            return Some(Decimal::special(neg, Kind::Inf));
        }
        for (prefix, kind) in [("snan", Kind::SNaN), ("nan", Kind::NaN)] {
            if let Some(payload) = lower.strip_prefix(prefix) {
                if !payload.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                let digits = payload.trim_start_matches('0');
                if digits.len() as i64 > PREC {
                    return None;
                }
                let coef = if digits.is_empty() { BigUint::zero() } else { digits.parse().ok()? };
                return Some(Decimal { neg, coef, exp: 0, kind });
            }
        }
        let (mant, exp) = match lower.find('e') {
            Some(i) => (&lower[..i], Some(&lower[i + 1..])),
            None => (&lower[..], None),
        };
        let (int_part, frac_part) = match mant.find('.') {
            Some(i) => (&mant[..i], &mant[i + 1..]),
            None => (mant, ""),
        };
        if int_part.is_empty() && frac_part.is_empty() {
            return None;
        }
        if !int_part.bytes().all(|b| b.is_ascii_digit()) || !frac_part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let mut e: i128 = 0;
        if let Some(x) = exp {
            let (eneg, digits) = match x.as_bytes().first()? {
                b'-' => (true, &x[1..]),
                b'+' => (false, &x[1..]),
                _ => (false, x),
            };
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let trimmed = digits.trim_start_matches('0');
            if trimmed.len() > 20 {
                return None;
            }
            let v: i128 = trimmed.parse().unwrap_or(0);
            e = if eneg { -v } else { v };
        }
        let digits = format!("{int_part}{frac_part}");
        let digits = digits.trim_start_matches('0');
        let coef: BigUint = if digits.is_empty() { BigUint::zero() } else { digits.parse().ok()? };
        // libmpdec's limits (MPD_MAX_EMAX, MPD_MIN_ETINY): beyond them the string is invalid.
        let exp = e - frac_part.len() as i128;
        let adjusted = exp + ndigits(&coef) as i128 - 1;
        if adjusted > 999_999_999_999_999_999 || exp < -1_999_999_999_999_999_997 {
            return None;
        }
        Some(Decimal::finite(neg, coef, exp as i64))
    }

    pub fn into_py(self) -> Py {
        Py::Object(Rc::new(self))
    }

    fn is_special(&self) -> bool {
        self.kind != Kind::Finite
    }

    fn is_nan(&self) -> bool {
        matches!(self.kind, Kind::NaN | Kind::SNaN)
    }

    fn is_zero(&self) -> bool {
        self.kind == Kind::Finite && self.coef.is_zero()
    }

    /// `adjusted()`: the exponent of the most significant digit.
    pub fn adjusted(&self) -> i64 {
        if self.is_special() {
            return 0;
        }
        self.exp + ndigits(&self.coef) - 1
    }

    fn negated(&self) -> Decimal {
        Decimal { neg: !self.neg, ..self.clone() }
    }

    fn abs_value(&self) -> Decimal {
        Decimal { neg: false, ..self.clone() }
    }

    fn is_integer(&self) -> bool {
        if self.kind != Kind::Finite {
            return false;
        }
        if self.exp >= 0 || self.coef.is_zero() {
            return true;
        }
        let k = -self.exp;
        k <= ndigits(&self.coef) && (&self.coef % pow10(k as u64)).is_zero()
    }

    /// The integer value of an integral finite decimal (truncated otherwise).
    fn trunc_int(&self) -> BigInt {
        let mag = if self.exp >= 0 {
            &self.coef * pow10(self.exp as u64)
        } else {
            drop_digits(self.neg, &self.coef, -self.exp, Rounding::Down)
        };
        BigInt::from_biguint(if self.neg { Sign::Minus } else { Sign::Plus }, mag)
    }

    // -----------------------------------------------------------------------------------
    // the context: rounding to 28 digits, exponent limits
    // -----------------------------------------------------------------------------------

    /// `_fix`: round to the context precision and check the exponent range.
    fn fix(self) -> PyResult<Decimal> {
        self.fix_with(DEFAULT_ROUNDING)
    }

    fn fix_with(self, mode: Rounding) -> PyResult<Decimal> {
        match self.kind {
            Kind::Inf => return Ok(self),
            Kind::NaN | Kind::SNaN => {
                if ndigits(&self.coef) > PREC {
                    let keep = &self.coef % pow10(PREC as u64);
                    return Ok(Decimal { coef: keep, ..self });
                }
                return Ok(self);
            }
            Kind::Finite => {}
        }
        if self.coef.is_zero() {
            let exp = self.exp.clamp(ETINY, EMAX);
            return Ok(Decimal { exp, ..self });
        }
        let nd = ndigits(&self.coef);
        let mut exp_min = nd + self.exp - PREC;
        if exp_min > ETOP {
            return Err(overflow());
        }
        if exp_min < ETINY {
            exp_min = ETINY;
        }
        if self.exp < exp_min {
            let mut coef = drop_digits(self.neg, &self.coef, exp_min - self.exp, mode);
            if ndigits(&coef) > PREC {
                coef /= 10u32;
                exp_min += 1;
            }
            if exp_min > ETOP {
                return Err(overflow());
            }
            return Ok(Decimal::finite(self.neg, coef, exp_min));
        }
        Ok(self)
    }

    /// `_rescale`: the same value with exponent `exp`, rounding away digits if needed
    /// (no context check).
    fn rescale(&self, exp: i64, mode: Rounding) -> Decimal {
        if self.is_special() {
            return self.clone();
        }
        if self.coef.is_zero() {
            return Decimal::finite(self.neg, BigUint::zero(), exp);
        }
        if self.exp >= exp {
            return Decimal::finite(self.neg, &self.coef * pow10((self.exp - exp) as u64), exp);
        }
        Decimal::finite(self.neg, drop_digits(self.neg, &self.coef, exp - self.exp, mode), exp)
    }

    /// `_round(places)`: round to `places` significant digits.
    fn round_places(&self, places: i64, mode: Rounding) -> Decimal {
        if self.is_special() || self.coef.is_zero() {
            return self.clone();
        }
        let ans = self.rescale(self.adjusted() + 1 - places, mode);
        if ans.adjusted() != self.adjusted() {
            return ans.rescale(ans.adjusted() + 1 - places, mode);
        }
        ans
    }

    /// NaN operands: a signalling NaN raises, a quiet NaN is the result.
    fn check_nans(&self, other: Option<&Decimal>) -> PyResult<Option<Decimal>> {
        if self.kind == Kind::SNaN || other.is_some_and(|o| o.kind == Kind::SNaN) {
            return Err(invalid_op());
        }
        if self.kind == Kind::NaN {
            return Ok(Some(self.clone().fix()?));
        }
        if let Some(o) = other {
            if o.kind == Kind::NaN {
                return Ok(Some(o.clone().fix()?));
            }
        }
        Ok(None)
    }

    // -----------------------------------------------------------------------------------
    // arithmetic
    // -----------------------------------------------------------------------------------

    pub fn add(&self, other: &Decimal) -> PyResult<Decimal> {
        if self.is_special() || other.is_special() {
            if let Some(n) = self.check_nans(Some(other))? {
                return Ok(n);
            }
            if self.kind == Kind::Inf {
                if other.kind == Kind::Inf && self.neg != other.neg {
                    return Err(invalid_op());
                }
                return Ok(self.clone());
            }
            return Ok(other.clone());
        }
        let mut exp = self.exp.min(other.exp);
        if self.coef.is_zero() && other.coef.is_zero() {
            return Decimal::finite(self.neg && other.neg, BigUint::zero(), exp).fix();
        }
        if self.coef.is_zero() {
            exp = exp.max(other.exp - PREC - 1);
            return other.rescale(exp, DEFAULT_ROUNDING).fix();
        }
        if other.coef.is_zero() {
            exp = exp.max(self.exp - PREC - 1);
            return self.rescale(exp, DEFAULT_ROUNDING).fix();
        }
        // `_normalize`: an operand far below the other's last digit only matters as a
        // sticky digit, so it is replaced by a 1 just below the result's precision.
        let (mut a, mut b) = ((self.neg, self.coef.clone(), self.exp), (other.neg, other.coef.clone(), other.exp));
        {
            let (tmp, oth) = if a.2 < b.2 { (&mut b, &mut a) } else { (&mut a, &mut b) };
            let tmp_len = ndigits(&tmp.1);
            let oth_len = ndigits(&oth.1);
            let e = tmp.2 + (-1i64).min(tmp_len - PREC - 2);
            if oth_len + oth.2 - 1 < e {
                oth.1 = BigUint::one();
                oth.2 = e;
            }
            tmp.1 = &tmp.1 * pow10((tmp.2 - oth.2) as u64);
            tmp.2 = oth.2;
        }
        let exp = a.2;
        if a.0 != b.0 {
            match a.1.cmp(&b.1) {
                Ordering::Equal => Decimal::finite(false, BigUint::zero(), exp).fix(),
                Ordering::Greater => Decimal::finite(a.0, &a.1 - &b.1, exp).fix(),
                Ordering::Less => Decimal::finite(b.0, &b.1 - &a.1, exp).fix(),
            }
        } else {
            Decimal::finite(a.0, &a.1 + &b.1, exp).fix()
        }
    }

    pub fn sub(&self, other: &Decimal) -> PyResult<Decimal> {
        if let Some(n) = self.check_nans(Some(other))? {
            return Ok(n);
        }
        self.add(&other.negated())
    }

    pub fn mul(&self, other: &Decimal) -> PyResult<Decimal> {
        let neg = self.neg != other.neg;
        if self.is_special() || other.is_special() {
            if let Some(n) = self.check_nans(Some(other))? {
                return Ok(n);
            }
            if self.kind == Kind::Inf {
                if other.is_zero() {
                    return Err(invalid_op());
                }
                return Ok(Decimal::special(neg, Kind::Inf));
            }
            if self.is_zero() {
                return Err(invalid_op());
            }
            return Ok(Decimal::special(neg, Kind::Inf));
        }
        Decimal::finite(neg, &self.coef * &other.coef, self.exp + other.exp).fix()
    }

    pub fn div(&self, other: &Decimal) -> PyResult<Decimal> {
        let neg = self.neg != other.neg;
        if self.is_special() || other.is_special() {
            if let Some(n) = self.check_nans(Some(other))? {
                return Ok(n);
            }
            if self.kind == Kind::Inf && other.kind == Kind::Inf {
                return Err(invalid_op());
            }
            if self.kind == Kind::Inf {
                return Ok(Decimal::special(neg, Kind::Inf));
            }
            return Ok(Decimal::finite(neg, BigUint::zero(), ETINY));
        }
        if other.coef.is_zero() {
            if self.coef.is_zero() {
                return Err(invalid("DivisionUndefined"));
            }
            return Err(signal(&exc::DIVISION_BY_ZERO, "DivisionByZero"));
        }
        let (coef, exp) = if self.coef.is_zero() {
            (BigUint::zero(), self.exp - other.exp)
        } else {
            let shift = ndigits(&other.coef) - ndigits(&self.coef) + PREC + 1;
            let mut exp = self.exp - other.exp - shift;
            let (mut coef, rem) = if shift >= 0 {
                (&self.coef * pow10(shift as u64)).div_rem(&other.coef)
            } else {
                self.coef.div_rem(&(&other.coef * pow10((-shift) as u64)))
            };
            if !rem.is_zero() {
                if (&coef % 5u32).is_zero() {
                    coef += 1u32;
                }
            } else {
                let ideal = self.exp - other.exp;
                while exp < ideal && (&coef % 10u32).is_zero() {
                    coef /= 10u32;
                    exp += 1;
                }
            }
            (coef, exp)
        };
        Decimal::finite(neg, coef, exp).fix()
    }

    /// `_divide`: the integer quotient (truncated) and the remainder, both finite, nonzero
    /// divisor.
    fn divide_int(&self, other: &Decimal) -> PyResult<(Decimal, Decimal)> {
        let neg = self.neg != other.neg;
        let ideal = if other.kind == Kind::Inf { self.exp } else { self.exp.min(other.exp) };
        let expdiff = self.adjusted() - other.adjusted();
        if self.coef.is_zero() || other.kind == Kind::Inf || expdiff <= -2 {
            return Ok((Decimal::finite(neg, BigUint::zero(), 0), self.rescale(ideal, DEFAULT_ROUNDING)));
        }
        if expdiff <= PREC {
            let (mut a, mut b) = (self.coef.clone(), other.coef.clone());
            if self.exp >= other.exp {
                a *= pow10((self.exp - other.exp) as u64);
            } else {
                b *= pow10((other.exp - self.exp) as u64);
            }
            let (q, r) = a.div_rem(&b);
            if q < pow10(PREC as u64) {
                return Ok((Decimal::finite(neg, q, 0), Decimal::finite(self.neg, r, ideal)));
            }
        }
        Err(invalid("DivisionImpossible"))
    }

    pub fn floordiv(&self, other: &Decimal) -> PyResult<Decimal> {
        let neg = self.neg != other.neg;
        if self.is_special() || other.is_special() {
            if let Some(n) = self.check_nans(Some(other))? {
                return Ok(n);
            }
            if self.kind == Kind::Inf {
                if other.kind == Kind::Inf {
                    return Err(invalid_op());
                }
                return Ok(Decimal::special(neg, Kind::Inf));
            }
        }
        if other.is_zero() {
            if self.coef.is_zero() {
                return Err(invalid("DivisionUndefined"));
            }
            return Err(signal(&exc::DIVISION_BY_ZERO, "DivisionByZero"));
        }
        Ok(self.divide_int(other)?.0)
    }

    pub fn rem(&self, other: &Decimal) -> PyResult<Decimal> {
        if self.is_special() || other.is_special() {
            if let Some(n) = self.check_nans(Some(other))? {
                return Ok(n);
            }
            if self.kind == Kind::Inf {
                return Err(invalid_op());
            }
        }
        if other.is_zero() {
            if self.coef.is_zero() {
                return Err(invalid("DivisionUndefined"));
            }
            return Err(invalid_op());
        }
        self.divide_int(other)?.1.fix()
    }

    /// `x ** y` for an integral `y` (a non-integral exponent is not supported here).
    pub fn pow(&self, other: &Decimal) -> PyResult<Decimal> {
        if let Some(n) = self.check_nans(Some(other))? {
            return Ok(n);
        }
        if other.is_zero() {
            if self.is_zero() {
                return Err(invalid_op());
            }
            return Ok(Decimal::from_i64(1));
        }
        let integral = other.is_integer();
        let mut neg = false;
        if self.neg {
            if integral {
                neg = other.trunc_int().is_odd();
            } else if !self.is_zero() {
                return Err(invalid_op());
            }
        }
        let base = self.abs_value();
        if base.is_zero() {
            return Ok(if !other.neg {
                Decimal::finite(neg, BigUint::zero(), 0)
            } else {
                Decimal::special(neg, Kind::Inf)
            });
        }
        if base.kind == Kind::Inf {
            return Ok(if !other.neg {
                Decimal::special(neg, Kind::Inf)
            } else {
                Decimal::finite(neg, BigUint::zero(), 0)
            });
        }
        if other.kind == Kind::Inf {
            // |x| < 1 ** inf -> 0, |x| > 1 ** inf -> inf, 1 ** inf -> 1.000...
            let one = Decimal::from_i64(1);
            return Ok(match base.cmp_finite(&one) {
                Ordering::Equal => Decimal::finite(neg, pow10((PREC - 1) as u64), 1 - PREC),
                o if (o == Ordering::Greater) != other.neg => Decimal::special(neg, Kind::Inf),
                _ => Decimal::finite(neg, BigUint::zero(), 0),
            });
        }
        if base.exp <= 0 && base.coef == pow10((-base.exp) as u64) {
            // 1 ** y: a power of one, with the exponent `_pydecimal` gives it.
            let exp = if !integral {
                1 - PREC
            } else {
                let multiplier = if other.neg { 0 } else { other.trunc_int().to_i64().unwrap_or(i64::MAX).min(PREC) };
                (base.exp * multiplier).max(1 - PREC)
            };
            return Ok(Decimal::finite(neg, pow10((-exp) as u64), exp));
        }
        if !integral {
            return Err(PyErr::msg(
                &exc::NOT_IMPLEMENTED_ERROR,
                "Decimal ** non-integral exponent is not supported by this runtime",
            ));
        }
        let n = other.trunc_int();
        let mag = n.magnitude().to_u64().unwrap_or(u64::MAX);
        // The exact power, when it is small enough to compute; otherwise it overflows or
        // underflows the context anyway.
        let digits = ndigits(&base.coef) as u128 * mag as u128;
        let adj = base.adjusted() as i128 * mag as i128;
        if digits > 200_000 || adj.abs() > 2 * EMAX as i128 {
            let grows = (base.adjusted() >= 0) != (n.sign() == Sign::Minus);
            return if grows { Err(overflow()) } else { Decimal::finite(neg, BigUint::zero(), ETINY - 1).fix() };
        }
        let coef = num_traits::pow(base.coef.clone(), mag as usize);
        let exact = Decimal::finite(neg, coef, base.exp * mag as i64);
        if n.sign() == Sign::Minus {
            let one = Decimal::from_i64(1);
            let r = one.div(&exact.abs_value())?;
            return Ok(Decimal { neg, ..r });
        }
        exact.fix()
    }

    pub fn neg_op(&self) -> PyResult<Decimal> {
        if self.is_special() {
            if let Some(n) = self.check_nans(None)? {
                return Ok(n);
            }
        }
        if self.is_zero() {
            return self.abs_value().fix();
        }
        self.negated().fix()
    }

    pub fn pos_op(&self) -> PyResult<Decimal> {
        if self.is_special() {
            if let Some(n) = self.check_nans(None)? {
                return Ok(n);
            }
        }
        if self.is_zero() {
            return self.abs_value().fix();
        }
        self.clone().fix()
    }

    pub fn abs_op(&self) -> PyResult<Decimal> {
        if self.is_special() {
            if let Some(n) = self.check_nans(None)? {
                return Ok(n);
            }
        }
        if self.neg {
            self.neg_op()
        } else {
            self.pos_op()
        }
    }

    // -----------------------------------------------------------------------------------
    // comparison, hashing
    // -----------------------------------------------------------------------------------

    /// Numeric order of two non-NaN values.
    fn cmp_finite(&self, other: &Decimal) -> Ordering {
        let sign = |d: &Decimal| -> i8 {
            if d.is_zero() {
                0
            } else if d.neg {
                -1
            } else {
                1
            }
        };
        let (sa, sb) = (sign(self), sign(other));
        if sa != sb {
            return sa.cmp(&sb);
        }
        if sa == 0 {
            return Ordering::Equal;
        }
        let mag = match (self.kind == Kind::Inf, other.kind == Kind::Inf) {
            (true, true) => Ordering::Equal,
            (true, false) => Ordering::Greater,
            (false, true) => Ordering::Less,
            (false, false) => {
                let (aa, ab) = (self.adjusted(), other.adjusted());
                if aa != ab {
                    aa.cmp(&ab)
                } else if self.exp >= other.exp {
                    (&self.coef * pow10((self.exp - other.exp) as u64)).cmp(&other.coef)
                } else {
                    self.coef.cmp(&(&other.coef * pow10((other.exp - self.exp) as u64)))
                }
            }
        };
        if sa < 0 {
            mag.reverse()
        } else {
            mag
        }
    }

    /// `==`: NaN equals nothing.
    pub fn num_eq(&self, other: &Decimal) -> bool {
        !self.is_nan() && !other.is_nan() && self.cmp_finite(other) == Ordering::Equal
    }

    /// `<` and friends: a NaN operand raises InvalidOperation.
    pub fn ordering(&self, other: &Decimal) -> PyResult<Ordering> {
        if self.is_nan() || other.is_nan() {
            return Err(invalid_op());
        }
        Ok(self.cmp_finite(other))
    }

    /// `hash(d)`: equal to the hash of an equal int or float.
    pub fn py_hash(&self) -> i64 {
        const M: u64 = (1u64 << 61) - 1;
        match self.kind {
            Kind::Inf => return if self.neg { -314159 } else { 314159 },
            Kind::NaN | Kind::SNaN => return 0,
            Kind::Finite => {}
        }
        let m = BigUint::from(M);
        let exp_hash = if self.exp >= 0 {
            BigUint::from(10u32).modpow(&BigUint::from(self.exp as u64), &m)
        } else {
            let inv10 = BigUint::from(10u32).modpow(&BigUint::from(M - 2), &m);
            inv10.modpow(&BigUint::from((-self.exp) as u64), &m)
        };
        let h = ((&self.coef * exp_hash) % &m).to_i64().unwrap();
        let h = if self.neg { -h } else { h };
        if h == -1 {
            -2
        } else {
            h
        }
    }

    // -----------------------------------------------------------------------------------
    // methods
    // -----------------------------------------------------------------------------------

    pub fn quantize(&self, exp: &Decimal, mode: Rounding) -> PyResult<Decimal> {
        if self.is_special() || exp.is_special() {
            if let Some(n) = self.check_nans(Some(exp))? {
                return Ok(n);
            }
            if self.kind == Kind::Inf && exp.kind == Kind::Inf {
                return Ok(self.clone());
            }
            return Err(invalid_op());
        }
        if !(ETINY..=EMAX).contains(&exp.exp) {
            return Err(invalid_op());
        }
        if self.coef.is_zero() {
            return Decimal::finite(self.neg, BigUint::zero(), exp.exp).fix();
        }
        let adj = self.adjusted();
        if adj > EMAX || adj - exp.exp + 1 > PREC {
            return Err(invalid_op());
        }
        let ans = self.rescale(exp.exp, mode);
        if ans.adjusted() > EMAX || ndigits(&ans.coef) > PREC {
            return Err(invalid_op());
        }
        ans.fix()
    }

    /// `Decimal.sqrt()`: correctly rounded (half-even) to the context precision, with the
    /// ideal exponent when exact, as the General Decimal Arithmetic spec (and CPython) does.
    pub fn sqrt(&self) -> PyResult<Decimal> {
        if self.is_special() {
            if let Some(n) = self.check_nans(None)? {
                return Ok(n);
            }
            if !self.neg {
                return Ok(self.clone());
            }
            return Err(invalid_op());
        }
        if self.is_zero() {
            return Decimal::finite(self.neg, BigUint::zero(), self.exp.div_euclid(2)).fix();
        }
        if self.neg {
            return Err(invalid_op());
        }
        let prec = PREC + 1;
        let digits = self.coef.to_string().len() as i64;
        let mut e = self.exp.div_euclid(2);
        let (mut c, l) = if self.exp.rem_euclid(2) == 1 {
            (&self.coef * BigUint::from(10u32), (digits >> 1) + 1)
        } else {
            (self.coef.clone(), (digits + 1) >> 1)
        };
        let shift = prec - l;
        let mut exact = true;
        if shift >= 0 {
            c *= pow10(2 * shift as u64);
        } else {
            let (q, r) = c.div_rem(&pow10(2 * (-shift) as u64));
            c = q;
            exact = r.is_zero();
        }
        e -= shift;
        let mut n = num_integer::Roots::sqrt(&c);
        exact = exact && &n * &n == c;
        if exact {
            if shift >= 0 {
                n /= pow10(shift as u64);
            } else {
                n *= pow10((-shift) as u64);
            }
            e += shift;
        } else if (&n % BigUint::from(5u32)).is_zero() {
            n += BigUint::one();
        }
        Decimal::finite(false, n, e).fix_with(Rounding::HalfEven)
    }

    pub fn to_integral_value(&self, mode: Rounding) -> PyResult<Decimal> {
        if self.is_special() {
            if let Some(n) = self.check_nans(None)? {
                return Ok(n);
            }
            return Ok(self.clone());
        }
        if self.exp >= 0 {
            return Ok(self.clone());
        }
        Ok(self.rescale(0, mode))
    }

    pub fn normalize(&self) -> PyResult<Decimal> {
        if self.is_special() {
            if let Some(n) = self.check_nans(None)? {
                return Ok(n);
            }
        }
        let dup = self.clone().fix()?;
        if dup.kind == Kind::Inf {
            return Ok(dup);
        }
        if dup.coef.is_zero() {
            return Ok(Decimal::finite(dup.neg, BigUint::zero(), 0));
        }
        let (mut coef, mut exp) = (dup.coef, dup.exp);
        while exp < EMAX && (&coef % 10u32).is_zero() {
            coef /= 10u32;
            exp += 1;
        }
        Ok(Decimal::finite(dup.neg, coef, exp))
    }

    /// `str(d)` (`to_sci_string`).
    pub fn to_sci(&self) -> String {
        let sign = if self.neg { "-" } else { "" };
        match self.kind {
            Kind::Inf => return format!("{sign}Infinity"),
            Kind::NaN | Kind::SNaN => {
                let payload = if self.coef.is_zero() { String::new() } else { self.coef.to_string() };
                let s = if self.kind == Kind::NaN { "NaN" } else { "sNaN" };
                return format!("{sign}{s}{payload}");
            }
            Kind::Finite => {}
        }
        let digits = self.coef.to_string();
        let n = digits.len() as i64;
        let leftdigits = self.exp + n;
        let dotplace = if self.exp <= 0 && leftdigits > -6 { leftdigits } else { 1 };
        let (intpart, fracpart) = if dotplace <= 0 {
            ("0".to_string(), format!(".{}{}", "0".repeat((-dotplace) as usize), digits))
        } else if dotplace >= n {
            (format!("{}{}", digits, "0".repeat((dotplace - n) as usize)), String::new())
        } else {
            (digits[..dotplace as usize].to_string(), format!(".{}", &digits[dotplace as usize..]))
        };
        let exp = if leftdigits == dotplace { String::new() } else { format!("E{:+}", leftdigits - dotplace) };
        format!("{sign}{intpart}{fracpart}{exp}")
    }

    /// `float(d)`
    pub fn to_f64(&self) -> PyResult<f64> {
        match self.kind {
            Kind::NaN => Ok(if self.neg { -f64::NAN } else { f64::NAN }),
            Kind::SNaN => Err(value_err("cannot convert signaling NaN to float")),
            Kind::Inf => Ok(if self.neg { f64::NEG_INFINITY } else { f64::INFINITY }),
            Kind::Finite => {
                let s = format!("{}{}e{}", if self.neg { "-" } else { "" }, self.coef, self.exp);
                Ok(s.parse::<f64>().unwrap_or(0.0))
            }
        }
    }

    /// `int(d)`: truncation toward zero.
    pub fn to_int(&self) -> PyResult<Py> {
        match self.kind {
            Kind::NaN | Kind::SNaN => Err(value_err("cannot convert NaN to integer")),
            Kind::Inf => Err(PyErr::msg(&exc::OVERFLOW_ERROR, "cannot convert Infinity to integer")),
            Kind::Finite => Ok(super::format::int_from_bigint(self.trunc_int())),
        }
    }

    /// `format(d, spec)` with libmpdec's format language.
    pub fn format(&self, spec: &str) -> PyResult<String> {
        let spec = FmtSpec::parse(spec).ok_or_else(|| value_err("invalid format string"))?;
        let mut d = self.clone();
        if d.is_special() {
            let sign = fmt_sign(d.neg, spec.sign);
            let mut body = d.abs_value().to_sci();
            if spec.ty == Some('%') {
                body.push('%');
            }
            return Ok(fmt_align(sign, &body, &spec));
        }
        let ty = spec.ty.unwrap_or('G');
        if ty == '%' {
            d.exp += 2;
        }
        if let Some(p) = spec.precision {
            let p = p as i64;
            match ty {
                'e' | 'E' => d = d.round_places(p + 1, DEFAULT_ROUNDING),
                'f' | 'F' | '%' => d = d.rescale(-p, DEFAULT_ROUNDING),
                'g' | 'G' if ndigits(&d.coef) > p => d = d.round_places(p, DEFAULT_ROUNDING),
                _ => {}
            }
        }
        if d.coef.is_zero() && d.exp > 0 && matches!(ty, 'f' | 'F' | '%') {
            d = d.rescale(0, DEFAULT_ROUNDING);
        }
        let neg = if d.coef.is_zero() && spec.no_neg_0 { false } else { d.neg };
        let digits = d.coef.to_string();
        let n = digits.len() as i64;
        let leftdigits = d.exp + n;
        let dotplace = match ty {
            'e' | 'E' => {
                match spec.precision {
                    Some(p) if d.coef.is_zero() => 1 - p as i64,
                    _ => 1,
                }
            }
            'f' | 'F' | '%' => leftdigits,
            _ => {
                if d.exp <= 0 && leftdigits > -6 {
                    leftdigits
                } else {
                    1
                }
            }
        };
        let (intpart, fracpart) = if dotplace < 0 {
            ("0".to_string(), format!("{}{}", "0".repeat((-dotplace) as usize), digits))
        } else if dotplace > n {
            (format!("{}{}", digits, "0".repeat((dotplace - n) as usize)), String::new())
        } else {
            let ip = &digits[..dotplace as usize];
            (if ip.is_empty() { "0".to_string() } else { ip.to_string() }, digits[dotplace as usize..].to_string())
        };
        let exp = leftdigits - dotplace;
        let sign = fmt_sign(neg, spec.sign);
        let mut frac = if fracpart.is_empty() { String::new() } else { format!(".{fracpart}") };
        if exp != 0 || matches!(ty, 'e' | 'E') {
            let echar = if matches!(ty, 'E' | 'G') { 'E' } else { 'e' };
            frac.push_str(&format!("{echar}{exp:+}"));
        }
        if ty == '%' {
            frac.push('%');
        }
        let min_width = if spec.zeropad {
            spec.width as i64 - frac.chars().count() as i64 - sign.len() as i64
        } else {
            0
        };
        let intpart = group(&intpart, spec.thousands, min_width);
        Ok(fmt_align(sign, &format!("{intpart}{frac}"), &spec))
    }
}

// ---------------------------------------------------------------------------------------
// format specs
// ---------------------------------------------------------------------------------------

struct FmtSpec {
    fill: char,
    align: char,
    sign: char,
    no_neg_0: bool,
    zeropad: bool,
    width: usize,
    thousands: bool,
    precision: Option<usize>,
    ty: Option<char>,
}

impl FmtSpec {
    /// `[[fill]align][sign][z][0][width][,][.precision][type]`, type one of `eEfFgGn%`.
    fn parse(spec: &str) -> Option<FmtSpec> {
        let c: Vec<char> = spec.chars().collect();
        let mut i = 0;
        let is_align = |ch: char| matches!(ch, '<' | '>' | '^' | '=');
        let (mut fill, mut align) = (None, None);
        if c.len() >= 2 && is_align(c[1]) {
            fill = Some(c[0]);
            align = Some(c[1]);
            i = 2;
        } else if !c.is_empty() && is_align(c[0]) {
            align = Some(c[0]);
            i = 1;
        }
        let mut sign = None;
        let mut no_neg_0 = false;
        for _ in 0..2 {
            if sign.is_none() && i < c.len() && matches!(c[i], '+' | '-' | ' ') {
                sign = Some(c[i]);
                i += 1;
            } else if !no_neg_0 && i < c.len() && c[i] == 'z' {
                no_neg_0 = true;
                i += 1;
            }
        }
        let mut zeropad = false;
        if i < c.len() && c[i] == '0' {
            if fill.is_some() || align.is_some() {
                return None;
            }
            zeropad = true;
            i += 1;
        }
        let start = i;
        while i < c.len() && c[i].is_ascii_digit() {
            i += 1;
        }
        if i > start && c[start] == '0' {
            return None;
        }
        let width: usize = if i > start { c[start..i].iter().collect::<String>().parse().ok()? } else { 0 };
        let mut thousands = false;
        if i < c.len() && c[i] == ',' {
            thousands = true;
            i += 1;
        }
        let mut precision = None;
        if i < c.len() && c[i] == '.' {
            i += 1;
            let start = i;
            while i < c.len() && c[i].is_ascii_digit() {
                i += 1;
            }
            if i == start {
                return None;
            }
            precision = Some(c[start..i].iter().collect::<String>().parse().ok()?);
        }
        let mut ty = None;
        if i < c.len() && matches!(c[i], 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%') {
            ty = Some(c[i]);
            i += 1;
        }
        if i != c.len() {
            return None;
        }
        if precision == Some(0) && matches!(ty, None | Some('g' | 'G' | 'n')) {
            precision = Some(1);
        }
        if ty == Some('n') {
            ty = Some('g');
        }
        Some(FmtSpec {
            fill: fill.unwrap_or(' '),
            align: align.unwrap_or('>'),
            sign: sign.unwrap_or('-'),
            no_neg_0,
            zeropad,
            width,
            thousands,
            precision,
            ty,
        })
    }
}

fn fmt_sign(neg: bool, sign: char) -> &'static str {
    if neg {
        "-"
    } else {
        match sign {
            '+' => "+",
            ' ' => " ",
            _ => "",
        }
    }
}

fn fmt_align(sign: &str, body: &str, spec: &FmtSpec) -> String {
    let len = sign.chars().count() + body.chars().count();
    let padding: String = std::iter::repeat_n(spec.fill, spec.width.saturating_sub(len)).collect();
    match spec.align {
        '<' => format!("{sign}{body}{padding}"),
        '=' => format!("{sign}{padding}{body}"),
        '^' => {
            let half = padding.chars().count() / 2;
            let (l, r): (String, String) = (padding.chars().take(half).collect(), padding.chars().skip(half).collect());
            format!("{l}{sign}{body}{r}")
        }
        _ => format!("{padding}{sign}{body}"),
    }
}

/// `_insert_thousands_sep`: groups of three with `,` (when asked), zero-padded to `min_width`.
fn group(digits: &str, thousands: bool, mut min_width: i64) -> String {
    let mut digits: Vec<char> = digits.chars().collect();
    let zeros = |k: i64| "0".repeat(k.max(0) as usize);
    if !thousands {
        let l = (digits.len() as i64).max(min_width).max(1);
        return format!("{}{}", zeros(l - digits.len() as i64), digits.iter().collect::<String>());
    }
    let mut groups: Vec<String> = Vec::new();
    loop {
        let l = (digits.len() as i64).max(min_width).clamp(1, 3);
        let take = (l as usize).min(digits.len());
        let part: String = digits[digits.len() - take..].iter().collect();
        groups.push(format!("{}{}", zeros(l - take as i64), part));
        digits.truncate(digits.len() - take);
        min_width -= l;
        if digits.is_empty() && min_width <= 0 {
            break;
        }
        min_width -= 1;
    }
    groups.reverse();
    groups.join(",")
}

// ---------------------------------------------------------------------------------------
// conversion of operands
// ---------------------------------------------------------------------------------------

/// The Decimal behind a value, if it is one.
pub fn decimal_of(v: &Py) -> Option<&Decimal> {
    match v {
        Py::Object(o) => o.as_any().downcast_ref::<Decimal>(),
        _ => None,
    }
}

/// An operand of arithmetic: a Decimal or an int (bool included).
fn operand(v: &Py) -> Option<Decimal> {
    match v {
        Py::Bool(b) => Some(Decimal::from_i64(*b as i64)),
        Py::Int(i) => Some(Decimal::from_i64(*i)),
        Py::BigInt(b) => Some(Decimal::from_bigint(b)),
        _ => decimal_of(v).cloned(),
    }
}

/// An operand of comparison: also a float (compared exactly).
fn cmp_operand(v: &Py) -> Option<Decimal> {
    match v {
        Py::Float(f) => Some(Decimal::from_f64(*f)),
        _ => operand(v),
    }
}

pub(crate) fn qualified(v: &Py) -> String {
    if decimal_of(v).is_some() {
        "decimal.Decimal".to_string()
    } else {
        v.type_name().to_string()
    }
}

/// `Decimal(value)`
pub fn construct(value: Option<Py>) -> PyResult<Decimal> {
    let Some(v) = value else { return Ok(Decimal::from_i64(0)) };
    match &v {
        Py::Str(s) => Decimal::parse(s),
        Py::Float(f) => Ok(Decimal::from_f64(*f)),
        Py::Tuple(_) | Py::List(_) => from_tuple(&v),
        _ => match operand(&v) {
            Some(d) => Ok(d),
            None => Err(type_err(format!("conversion from {} to Decimal is not supported", v.type_name()))),
        },
    }
}

fn from_tuple(v: &Py) -> PyResult<Decimal> {
    let items: Vec<Py> = v.iter()?.collect::<PyResult<_>>()?;
    if items.len() != 3 {
        return Err(value_err("argument must be a sequence of length 3"));
    }
    let neg = match &items[0] {
        Py::Int(0) | Py::Bool(false) => false,
        Py::Int(1) | Py::Bool(true) => true,
        _ => return Err(value_err("sign must be an integer with the value 0 or 1")),
    };
    let mut coef = BigUint::zero();
    for d in items[1].iter()? {
        match d? {
            Py::Int(x) if (0..=9).contains(&x) => coef = coef * 10u32 + x as u32,
            _ => return Err(value_err("coefficient must be a tuple of digits")),
        }
    }
    match &items[2] {
        Py::Int(e) => Ok(Decimal::finite(neg, coef, *e)),
        Py::Str(s) if &**s == "F" => Ok(Decimal::special(neg, Kind::Inf)),
        Py::Str(s) if &**s == "n" => Ok(Decimal { neg, coef, exp: 0, kind: Kind::NaN }),
        Py::Str(s) if &**s == "N" => Ok(Decimal { neg, coef, exp: 0, kind: Kind::SNaN }),
        _ => Err(value_err("exponent must be an integer")),
    }
}

// ---------------------------------------------------------------------------------------
// the Python object
// ---------------------------------------------------------------------------------------

fn method_arg_decimal(v: Py) -> PyResult<Decimal> {
    operand(&v).ok_or_else(|| type_err(format!("conversion from {} to Decimal is not supported", v.type_name())))
}

impl Object for Decimal {
    fn type_name(&self) -> &str {
        "Decimal"
    }
    fn getattr(&self, this: &Py, name: &str) -> Option<PyResult<Py>> {
        match name {
            "real" => Some(Ok(this.clone())),
            "imag" => Some(Ok(Decimal::from_i64(0).into_py())),
            "quantize" | "to_integral_value" | "to_integral" | "normalize" | "is_zero" | "is_signed"
            | "is_nan" | "is_snan" | "is_qnan" | "is_infinite" | "is_finite" | "adjusted" | "as_tuple"
            | "copy_abs" | "copy_negate" | "compare" | "as_integer_ratio" | "is_normal" => {
                Some(Ok(this.bound_method(name)))
            }
            _ => None,
        }
    }
    fn call_method(&self, _this: &Py, name: &str, args: Args) -> Option<PyResult<Py>> {
        let flag = |args: Args, v: bool| args.bind(name, [], 0).map(|_| Py::Bool(v));
        Some(match name {
            "quantize" => (|| {
                let [exp, rounding, _ctx] = args.bind("quantize", ["exp", "rounding", "context"], 1)?;
                let exp = method_arg_decimal(exp.unwrap())?;
                Ok(self.quantize(&exp, rounding_arg(rounding)?)?.into_py())
            })(),
            "to_integral_value" | "to_integral" => (|| {
                let [rounding, _ctx] = args.bind(name, ["rounding", "context"], 0)?;
                Ok(self.to_integral_value(rounding_arg(rounding)?)?.into_py())
            })(),
            "normalize" => args.bind("normalize", ["context"], 0).and_then(|_| Ok(self.normalize()?.into_py())),
            "sqrt" => args.bind("sqrt", ["context"], 0).and_then(|_| Ok(self.sqrt()?.into_py())),
            "is_zero" => flag(args, self.is_zero()),
            "is_signed" => flag(args, self.neg),
            "is_nan" => flag(args, self.is_nan()),
            "is_snan" => flag(args, self.kind == Kind::SNaN),
            "is_qnan" => flag(args, self.kind == Kind::NaN),
            "is_infinite" => flag(args, self.kind == Kind::Inf),
            "is_finite" => flag(args, self.kind == Kind::Finite),
            "is_normal" => flag(args, self.kind == Kind::Finite && !self.coef.is_zero() && self.adjusted() >= EMIN),
            "adjusted" => args.bind("adjusted", [], 0).map(|_| Py::Int(self.adjusted())),
            "copy_abs" => args.bind("copy_abs", [], 0).map(|_| self.abs_value().into_py()),
            "copy_negate" => args.bind("copy_negate", [], 0).map(|_| self.negated().into_py()),
            "compare" => (|| {
                let [other, _ctx] = args.bind("compare", ["other", "context"], 1)?;
                let other = method_arg_decimal(other.unwrap())?;
                if let Some(n) = self.check_nans(Some(&other))? {
                    return Ok(n.into_py());
                }
                Ok(Decimal::from_i64(match self.cmp_finite(&other) {
                    Ordering::Less => -1,
                    Ordering::Equal => 0,
                    Ordering::Greater => 1,
                })
                .into_py())
            })(),
            "as_tuple" => (|| {
                args.bind("as_tuple", [], 0)?;
                let digits: Vec<Py> = if self.kind == Kind::Inf {
                    vec![Py::Int(0)]
                } else if self.is_nan() && self.coef.is_zero() {
                    vec![]
                } else {
                    self.coef.to_string().bytes().map(|b| Py::Int((b - b'0') as i64)).collect()
                };
                let exp = match self.kind {
                    Kind::Finite => Py::Int(self.exp),
                    Kind::Inf => Py::str("F"),
                    Kind::NaN => Py::str("n"),
                    Kind::SNaN => Py::str("N"),
                };
                let class = super::collections::namedtuple(Args::pos(vec![
                    Py::str("DecimalTuple"),
                    Py::str("sign digits exponent"),
                ]))?;
                class.call(Args::pos(vec![Py::Int(self.neg as i64), Py::tuple(digits), exp]))
            })(),
            "as_integer_ratio" => (|| {
                args.bind("as_integer_ratio", [], 0)?;
                match self.kind {
                    Kind::NaN | Kind::SNaN => return Err(value_err("cannot convert NaN to integer ratio")),
                    Kind::Inf => {
                        return Err(PyErr::msg(&exc::OVERFLOW_ERROR, "cannot convert Infinity to integer ratio"))
                    }
                    Kind::Finite => {}
                }
                let sign = if self.neg { Sign::Minus } else { Sign::Plus };
                let (n, d) = if self.exp >= 0 {
                    (&self.coef * pow10(self.exp as u64), BigUint::one())
                } else {
                    let d = pow10((-self.exp) as u64);
                    let g = self.coef.gcd(&d);
                    (&self.coef / &g, d / g)
                };
                let n = if n.is_zero() { BigInt::zero() } else { BigInt::from_biguint(sign, n) };
                Ok(Py::tuple(vec![
                    super::format::int_from_bigint(n),
                    super::format::int_from_bigint(BigInt::from(d)),
                ]))
            })(),
            "__format__" => (|| {
                let [spec] = args.bind("__format__", ["format_spec"], 1)?;
                match spec.unwrap() {
                    Py::Str(s) => Ok(Py::from(self.format(&s)?)),
                    other => Err(type_err(format!("format() argument must be str, not {}", other.type_name()))),
                }
            })(),
            "__int__" | "__trunc__" => args.bind(name, [], 0).and_then(|_| self.to_int()),
            "__float__" => args.bind("__float__", [], 0).and_then(|_| Ok(Py::Float(self.to_f64()?))),
            "__round__" => (|| {
                let [n] = args.bind("__round__", ["ndigits"], 0)?;
                match n {
                    None | Some(Py::None) => {
                        self.rescale(0, DEFAULT_ROUNDING).to_int()
                    }
                    Some(Py::Int(n)) => {
                        let q = Decimal::finite(false, BigUint::one(), -n);
                        Ok(self.quantize(&q, DEFAULT_ROUNDING)?.into_py())
                    }
                    Some(Py::Bool(b)) => {
                        let q = Decimal::finite(false, BigUint::one(), -(b as i64));
                        Ok(self.quantize(&q, DEFAULT_ROUNDING)?.into_py())
                    }
                    Some(_) => Err(type_err("optional arg must be an integer")),
                }
            })(),
            _ => return None,
        })
    }
    fn repr(&self) -> String {
        format!("Decimal('{}')", self.to_sci())
    }
    fn str(&self) -> String {
        self.to_sci()
    }
    fn eq(&self, other: &dyn Object) -> Option<bool> {
        Some(other.as_any().downcast_ref::<Decimal>().is_some_and(|o| self.num_eq(o)))
    }
    fn cmp(&self, other: &dyn Object) -> Option<Ordering> {
        let o = other.as_any().downcast_ref::<Decimal>()?;
        self.ordering(o).ok()
    }
    fn compare_with(&self, op: &str, other: &Py, reflected: bool) -> Option<PyResult<bool>> {
        let Some(o) = cmp_operand(other) else {
            if op == "==" || matches!(other, Py::Object(_)) {
                return None;
            }
            let (a, b) = if reflected {
                (other.type_name().to_string(), "decimal.Decimal".to_string())
            } else {
                ("decimal.Decimal".to_string(), qualified(other))
            };
            return Some(Err(type_err(format!("'{op}' not supported between instances of '{a}' and '{b}'"))));
        };
        if op == "==" {
            return Some(Ok(self.num_eq(&o)));
        }
        let ord = match self.ordering(&o) {
            Ok(x) => x,
            Err(e) => return Some(Err(e)),
        };
        let ord = if reflected { ord.reverse() } else { ord };
        Some(Ok(match op {
            "<" => ord == Ordering::Less,
            "<=" => ord != Ordering::Greater,
            ">" => ord == Ordering::Greater,
            _ => ord != Ordering::Less,
        }))
    }
    fn hash(&self) -> Option<u64> {
        Some(self.py_hash() as u64)
    }
    fn truthy(&self) -> bool {
        self.kind != Kind::Finite || !self.coef.is_zero()
    }
    fn binop(&self, op: &str, this: &Py, other: &Py) -> Option<PyResult<Py>> {
        match op {
            "neg" => return Some(self.neg_op().map(Decimal::into_py)),
            "pos" => return Some(self.pos_op().map(Decimal::into_py)),
            "abs" => return Some(self.abs_op().map(Decimal::into_py)),
            _ => {}
        }
        let (reflected, sym) = match op.strip_prefix('r') {
            Some(s) if !s.is_empty() => (true, s),
            _ => (false, op),
        };
        let Some(o) = operand(other) else {
            if matches!(other, Py::Object(_)) {
                return None;
            }
            let seq = matches!(other, Py::Str(_) | Py::List(_) | Py::Tuple(_) | Py::Bytes(_));
            if seq && sym == "*" {
                return Some(Err(type_err("can't multiply sequence by non-int of type 'decimal.Decimal'")));
            }
            if seq && reflected && sym == "+" && !matches!(other, Py::Bytes(_)) {
                return Some(Err(type_err(format!(
                    "can only concatenate {} (not \"decimal.Decimal\") to {}",
                    other.type_name(),
                    other.type_name()
                ))));
            }
            let shown = if sym == "**" { "** or pow()" } else { sym };
            let (a, b) = if reflected { (other, this) } else { (this, other) };
            return Some(Err(type_err(format!(
                "unsupported operand type(s) for {shown}: '{}' and '{}'",
                qualified(a),
                qualified(b)
            ))));
        };
        let (a, b) = if reflected { (&o, self) } else { (self, &o) };
        let r = match sym {
            "+" => a.add(b),
            "-" => a.sub(b),
            "*" => a.mul(b),
            "/" => a.div(b),
            "//" => a.floordiv(b),
            "%" => a.rem(b),
            "**" => a.pow(b),
            _ => return None,
        };
        Some(r.map(Decimal::into_py))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

// ---------------------------------------------------------------------------------------
// the class and the module's values
// ---------------------------------------------------------------------------------------

struct DecimalClass;

impl Object for DecimalClass {
    fn type_name(&self) -> &str {
        "type"
    }
    fn getattr(&self, this: &Py, name: &str) -> Option<PyResult<Py>> {
        Some(Ok(match name {
            "__name__" | "__qualname__" => Py::str("Decimal"),
            "__module__" => Py::str("decimal"),
            "from_float" => {
                let this = this.clone();
                Py::func("from_float", move |args| this.call_method("from_float", args))
            }
            _ => return None,
        }))
    }
    fn call(&self, args: Args) -> Option<PyResult<Py>> {
        Some((|| {
            let [value, _ctx] = args.bind("Decimal", ["value", "context"], 0)?;
            Ok(construct(value)?.into_py())
        })())
    }
    fn call_method(&self, this: &Py, name: &str, args: Args) -> Option<PyResult<Py>> {
        Some(match name {
            "__instancecheck__" => (|| {
                let [v] = args.bind("__instancecheck__", ["instance"], 1)?;
                let _ = this;
                Ok(Py::Bool(decimal_of(&v.unwrap()).is_some()))
            })(),
            "from_float" => (|| {
                let [f] = args.bind("from_float", ["f"], 1)?;
                let f = f.unwrap();
                match &f {
                    Py::Float(x) => Ok(Decimal::from_f64(*x).into_py()),
                    Py::Int(_) | Py::BigInt(_) | Py::Bool(_) => Ok(operand(&f).unwrap().into_py()),
                    other => Err(type_err(format!("argument must be int or float, not {}", other.type_name()))),
                }
            })(),
            _ => return None,
        })
    }
    fn repr(&self) -> String {
        "<class 'decimal.Decimal'>".to_string()
    }
    fn eq(&self, other: &dyn Object) -> Option<bool> {
        Some(other.as_any().downcast_ref::<DecimalClass>().is_some())
    }
    fn hash(&self) -> Option<u64> {
        Some(0x0dec_14a1)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `decimal.Decimal`
pub fn decimal_type() -> Py {
    Py::Type(TypeRef::Class(Rc::new(DecimalClass)))
}

/// `Decimal(value)` called directly (`py::decimal::new(...)`).
pub fn new(a: Args) -> PyResult<Py> {
    decimal_type().call(a)
}

pub fn round_down() -> Py {
    Py::str("ROUND_DOWN")
}
pub fn round_half_up() -> Py {
    Py::str("ROUND_HALF_UP")
}
pub fn round_half_even() -> Py {
    Py::str("ROUND_HALF_EVEN")
}
pub fn round_ceiling() -> Py {
    Py::str("ROUND_CEILING")
}
pub fn round_floor() -> Py {
    Py::str("ROUND_FLOOR")
}
pub fn round_up() -> Py {
    Py::str("ROUND_UP")
}
pub fn round_half_down() -> Py {
    Py::str("ROUND_HALF_DOWN")
}
pub fn round_05up() -> Py {
    Py::str("ROUND_05UP")
}

/// A string that has the shape of a number whose exponent is out of libmpdec's range
/// (CPython reports those as plain InvalidOperation, not ConversionSyntax).
fn looks_numeric(t: &str) -> bool {
    let b = t.trim_start_matches(['+', '-']);
    let mut parts = b.splitn(2, ['e', 'E']);
    let mant = parts.next().unwrap_or("");
    let exp = parts.next();
    let mant_ok = !mant.is_empty()
        && mant.chars().all(|c| c.is_ascii_digit() || c == '.')
        && mant.matches('.').count() <= 1
        && mant != ".";
    let exp_ok = exp.is_some_and(|e| {
        let d = e.trim_start_matches(['+', '-']);
        e.len() - d.len() <= 1 && !d.is_empty() && d.chars().all(|c| c.is_ascii_digit())
    });
    mant_ok && exp_ok
}
