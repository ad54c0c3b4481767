//! The `statistics` module: `mean`, `fmean`, `median` (`_low`/`_high`), `mode`,
//! `multimode`, `variance`/`pvariance`, `stdev`/`pstdev`. As CPython, sums and sums of
//! squares are exact fractions (so `mean([0.1, 0.2, 0.3])` is `0.2`), converted once to the
//! data's type: int data gives an int when the result is whole, else a float; Decimal data a
//! Decimal; float data a correctly rounded float.

use indexmap::IndexMap;
use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

use super::decimal::{decimal_of, Decimal};
use super::format::type_err;
use super::value::*;

fn stats_err(msg: &str) -> PyErr {
    PyErr::msg(&exc::STATISTICS_ERROR, msg)
}

/// An exact fraction `n / d`, `d > 0`, in lowest terms.
#[derive(Clone, Debug)]
struct Frac {
    n: BigInt,
    d: BigInt,
}

impl Frac {
    fn new(n: BigInt, d: BigInt) -> Frac {
        let (n, d) = if d.is_negative() { (-n, -d) } else { (n, d) };
        let g = n.gcd(&d);
        if g.is_zero() || g.is_one() {
            Frac { n, d }
        } else {
            Frac { n: n / &g, d: d / &g }
        }
    }
    fn int(n: BigInt) -> Frac {
        Frac { n, d: BigInt::one() }
    }
    fn add(&self, o: &Frac) -> Frac {
        Frac::new(&self.n * &o.d + &o.n * &self.d, &self.d * &o.d)
    }
    fn mul(&self, o: &Frac) -> Frac {
        Frac::new(&self.n * &o.n, &self.d * &o.d)
    }
    fn sub(&self, o: &Frac) -> Frac {
        Frac::new(&self.n * &o.d - &o.n * &self.d, &self.d * &o.d)
    }
    fn div_int(&self, k: usize) -> Frac {
        Frac::new(self.n.clone(), &self.d * BigInt::from(k))
    }
}

/// `a / b` for ints, correctly rounded (half to even) as CPython's int true division.
pub fn int_true_div(a: &BigInt, b: &BigInt) -> PyResult<f64> {
    if b.is_zero() {
        return Err(PyErr::msg(&exc::ZERO_DIVISION_ERROR, "division by zero"));
    }
    if a.is_zero() {
        return Ok(if a.is_negative() != b.is_negative() { -0.0 } else { 0.0 });
    }
    let negative = a.is_negative() != b.is_negative();
    let (a, b) = (a.abs(), b.abs());
    // q = floor(a * 2^s / b) with at least 55 bits; the value is (q + sticky) * 2^-s.
    let e = a.bits() as i64 - b.bits() as i64;
    let s = 56 - e;
    let (num, den) = if s >= 0 { (a << s as usize, b) } else { (a, b << (-s) as usize) };
    let (q, r) = num.div_rem(&den);
    let sticky = !r.is_zero();
    // Bits to drop: down to 53, or fewer where the result is subnormal (lsb 2^-1074).
    let drop = (q.bits() as i64 - 53).max(s - 1074);
    let (mut m, k) = if drop > 0 {
        let d = drop as usize;
        let mut m: BigInt = &q >> d;
        let rem: BigInt = &q - (&m << d);
        let half = BigInt::one() << (d - 1);
        if rem > half || (rem == half && (sticky || m.is_odd())) {
            m += 1;
        }
        (m, drop - s)
    } else {
        (q, -s)
    };
    if m.is_zero() {
        return Ok(if negative { -0.0 } else { 0.0 });
    }
    // m < 2^54 now; result = m * 2^k.
    let bits = m.bits() as i64;
    if bits + k > 1024 {
        return Err(PyErr::msg(&exc::OVERFLOW_ERROR, "integer division result too large for a float"));
    }
    let mut f = m.to_f64().unwrap();
    m.set_zero();
    let mut k = k;
    while k > 600 {
        f *= 2f64.powi(600);
        k -= 600;
    }
    while k < -600 {
        f *= 2f64.powi(-600);
        k += 600;
    }
    f *= 2f64.powi(k as i32);
    if f.is_infinite() {
        return Err(PyErr::msg(&exc::OVERFLOW_ERROR, "integer division result too large for a float"));
    }
    Ok(if negative { -f } else { f })
}

fn frac_to_f64(f: &Frac) -> PyResult<f64> {
    int_true_div(&f.n, &f.d)
}

/// The numeric type results are converted to (CPython's `_coerce` over the data's types).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Ty {
    Int,
    Bool,
    Float,
    Decimal,
}

fn ty_name(t: Ty) -> &'static str {
    match t {
        Ty::Int => "int",
        Ty::Bool => "bool",
        Ty::Float => "float",
        Ty::Decimal => "Decimal",
    }
}

fn coerce(t: Ty, s: Ty) -> PyResult<Ty> {
    if t == s || matches!(s, Ty::Int | Ty::Bool) {
        return Ok(t);
    }
    if matches!(t, Ty::Int | Ty::Bool) {
        return Ok(s);
    }
    Err(type_err(format!("don't know how to coerce {} and {}", ty_name(t), ty_name(s))))
}

/// `_exact_ratio(x)`: `None` for a NaN or infinity (kept as the value itself).
fn exact_ratio(v: &Py) -> PyResult<(Ty, Option<Frac>)> {
    Ok(match v {
        Py::Bool(b) => (Ty::Bool, Some(Frac::int(BigInt::from(*b as i64)))),
        Py::Int(i) => (Ty::Int, Some(Frac::int(BigInt::from(*i)))),
        Py::BigInt(b) => (Ty::Int, Some(Frac::int((**b).clone()))),
        Py::Float(f) if !f.is_finite() => (Ty::Float, None),
        Py::Float(f) => (Ty::Float, Some(float_frac(*f))),
        _ => match decimal_of(v) {
            Some(d) if d.kind != super::decimal::Kind::Finite => (Ty::Decimal, None),
            Some(d) => (Ty::Decimal, Some(decimal_frac(d))),
            None => {
                return Err(type_err(format!(
                    "can't convert type '{}' to numerator/denominator",
                    v.type_name()
                )))
            }
        },
    })
}

fn float_frac(f: f64) -> Frac {
    if f == 0.0 {
        return Frac::int(BigInt::zero());
    }
    let bits = f.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    let (mant, e) = if exp == 0 { (frac, -1074) } else { (frac | (1u64 << 52), exp - 1075) };
    let mut n = BigInt::from(mant);
    if bits >> 63 == 1 {
        n = -n;
    }
    if e >= 0 {
        Frac::int(n << e as usize)
    } else {
        Frac::new(n, BigInt::one() << (-e) as usize)
    }
}

fn decimal_frac(d: &Decimal) -> Frac {
    let mut n = BigInt::from_biguint(Sign::Plus, d.coef.clone());
    if d.neg {
        n = -n;
    }
    if d.exp >= 0 {
        Frac::int(n * BigInt::from(10).pow(d.exp as u32))
    } else {
        Frac::new(n, BigInt::from(10).pow((-d.exp) as u32))
    }
}

/// A sum: exact, or (when the data holds a NaN or infinity) the sum of those values alone,
/// as CPython keeps them.
enum Total {
    Exact(Frac),
    NonFinite(Py),
}

struct Summed {
    ty: Ty,
    total: Total,
    count: usize,
}

fn types_of(types: &[Ty]) -> PyResult<Ty> {
    types.iter().try_fold(Ty::Int, |t, s| coerce(t, *s))
}

/// `_sum(data)`
fn sum(data: impl IntoIterator<Item = PyResult<Py>>) -> PyResult<Summed> {
    let mut types: Vec<Ty> = Vec::new();
    let mut exact = Frac::int(BigInt::zero());
    let mut special: Option<Py> = None;
    let mut count = 0;
    for x in data {
        let x = x?;
        let (t, r) = exact_ratio(&x)?;
        if !types.contains(&t) {
            types.push(t);
        }
        count += 1;
        match r {
            Some(f) => exact = exact.add(&f),
            None => special = Some(special.unwrap_or(Py::Int(0)).add(&x)?),
        }
    }
    let ty = types_of(&types)?;
    let total = match special {
        Some(v) => Total::NonFinite(v),
        None => Total::Exact(exact),
    };
    Ok(Summed { ty, total, count })
}

/// `_ss(data, c)`: the sum of squared deviations (exact) and the count.
fn ss(data: &Py, c: Option<Py>) -> PyResult<Summed> {
    if let Some(c) = c {
        let mut products = Vec::new();
        for x in data.iter()? {
            let d = x?.sub(&c)?;
            products.push(d.mul(&d));
        }
        return sum(products);
    }
    let mut types: Vec<Ty> = Vec::new();
    let (mut sx, mut sxx) = (Frac::int(BigInt::zero()), Frac::int(BigInt::zero()));
    let mut special: Option<Py> = None;
    let mut count = 0usize;
    for x in data.iter()? {
        let x = x?;
        let (t, r) = exact_ratio(&x)?;
        if !types.contains(&t) {
            types.push(t);
        }
        count += 1;
        match r {
            Some(f) => {
                sxx = sxx.add(&f.mul(&f));
                sx = sx.add(&f);
            }
            None => special = Some(special.unwrap_or(Py::Int(0)).add(&x)?),
        }
    }
    let total = if let Some(v) = special {
        Total::NonFinite(v)
    } else if count == 0 {
        Total::Exact(Frac::int(BigInt::zero()))
    } else {
        let n = Frac::int(BigInt::from(count));
        Total::Exact(n.mul(&sxx).sub(&sx.mul(&sx)).div_int(count))
    };
    let ty = types_of(&types)?;
    Ok(Summed { ty, total, count })
}

fn decimal_from(n: &BigInt) -> Decimal {
    Decimal::from_bigint(n)
}

/// `_convert(value, T)`
fn convert(value: &Frac, ty: Ty) -> PyResult<Py> {
    match ty {
        Ty::Int | Ty::Bool if value.d.is_one() => Ok(super::ops::int_to_py(value.n.clone())),
        Ty::Int | Ty::Bool | Ty::Float => Ok(Py::Float(frac_to_f64(value)?)),
        Ty::Decimal => Ok(decimal_from(&value.n).div(&decimal_from(&value.d))?.into_py()),
    }
}

/// `total / k` converted, for a sum that may be non-finite.
fn divided(total: &Total, k: usize, ty: Ty) -> PyResult<Py> {
    match total {
        Total::Exact(f) => convert(&f.div_int(k), ty),
        Total::NonFinite(v) => v.truediv(&Py::Int(k as i64)),
    }
}

fn one_data(a: Args, fname: &str) -> PyResult<Py> {
    let [data] = a.bind(fname, ["data"], 1)?;
    Ok(data.unwrap())
}

/// `statistics.mean(data)`
pub fn mean(a: Args) -> PyResult<Py> {
    let data = one_data(a, "mean")?;
    let s = sum(data.iter()?)?;
    if s.count < 1 {
        return Err(stats_err("mean requires at least one data point"));
    }
    divided(&s.total, s.count, s.ty)
}

/// `statistics.fmean(data, weights=None)`
pub fn fmean(a: Args) -> PyResult<Py> {
    let [data, weights] = a.bind("fmean", ["data", "weights"], 1)?;
    let items: Vec<Py> = data.unwrap().iter()?.collect::<PyResult<_>>()?;
    let fsum = |v: Vec<Py>| super::math::fsum(Args::pos(vec![Py::list(v)]));
    let n = items.len();
    match weights.filter(|w| !w.is_none()) {
        None => {
            let total = fsum(items)?;
            if n == 0 {
                return Err(stats_err("fmean requires at least one data point"));
            }
            total.truediv(&Py::Int(n as i64))
        }
        Some(w) => {
            let w: Vec<Py> = w.iter()?.collect::<PyResult<_>>()?;
            let products = items.iter().zip(w.iter()).map(|(x, y)| x.mul(y)).collect::<PyResult<Vec<Py>>>()?;
            let num = fsum(products)?;
            if n != w.len() {
                return Err(stats_err("data and weights must be the same length"));
            }
            let den = fsum(w)?;
            if !den.truthy() {
                return Err(stats_err("sum of weights must be non-zero"));
            }
            num.truediv(&den)
        }
    }
}

fn sorted(data: Py) -> PyResult<Vec<Py>> {
    match super::builtins::sorted(Args::pos(vec![data]))? {
        Py::List(l) => Ok(l.borrow().clone()),
        _ => unreachable!(),
    }
}

fn median_kind(a: Args, fname: &str, kind: i8) -> PyResult<Py> {
    let data = sorted(one_data(a, fname)?)?;
    let n = data.len();
    if n == 0 {
        return Err(stats_err("no median for empty data"));
    }
    if n % 2 == 1 {
        return Ok(data[n / 2].clone());
    }
    match kind {
        -1 => Ok(data[n / 2 - 1].clone()),
        1 => Ok(data[n / 2].clone()),
        _ => data[n / 2 - 1].add(&data[n / 2])?.truediv(&Py::Int(2)),
    }
}

/// `statistics.median(data)`
pub fn median(a: Args) -> PyResult<Py> {
    median_kind(a, "median", 0)
}

/// `statistics.median_low(data)`
pub fn median_low(a: Args) -> PyResult<Py> {
    median_kind(a, "median_low", -1)
}

/// `statistics.median_high(data)`
pub fn median_high(a: Args) -> PyResult<Py> {
    median_kind(a, "median_high", 1)
}

/// Counts in first-seen order (a `Counter`).
fn counts(data: &Py) -> PyResult<IndexMap<Key, usize>> {
    let mut out: IndexMap<Key, usize> = IndexMap::new();
    for x in data.iter()? {
        *out.entry(Key::new(x?)?).or_insert(0) += 1;
    }
    Ok(out)
}

/// `statistics.mode(data)`: the first of the most common values.
pub fn mode(a: Args) -> PyResult<Py> {
    let c = counts(&one_data(a, "mode")?)?;
    let max = c.values().copied().max().ok_or_else(|| stats_err("no mode for empty data"))?;
    Ok(c.into_iter().find(|(_, n)| *n == max).unwrap().0 .0)
}

/// `statistics.multimode(data)`: every most common value, in first-seen order.
pub fn multimode(a: Args) -> PyResult<Py> {
    let c = counts(&one_data(a, "multimode")?)?;
    let max = c.values().copied().max().unwrap_or(0);
    Ok(Py::list(c.into_iter().filter(|(_, n)| *n == max).map(|(k, _)| k.0).collect::<Vec<_>>()))
}

fn spread(a: Args, fname: &str, cname: &str, sample: bool, root: bool) -> PyResult<Py> {
    let [data, c] = a.bind(fname, ["data", cname], 1)?;
    let s = ss(&data.unwrap(), c.filter(|c| !c.is_none()))?;
    let min = if sample { 2 } else { 1 };
    if s.count < min {
        return Err(stats_err(&format!(
            "{fname} requires at least {} data point{}",
            if sample { "two" } else { "one" },
            if sample { "s" } else { "" }
        )));
    }
    let k = if sample { s.count - 1 } else { s.count };
    if !root {
        return divided(&s.total, k, s.ty);
    }
    let mss = match &s.total {
        Total::Exact(f) => f.div_int(k),
        Total::NonFinite(v) => {
            let q = v.truediv(&Py::Int(k as i64))?;
            let shown = if decimal_of(&q).is_some() { "decimal.Decimal" } else { "float" };
            return Err(PyErr::msg(&exc::ATTRIBUTE_ERROR, format!("'{shown}' object has no attribute 'numerator'")));
        }
    };
    if s.ty == Ty::Decimal {
        return decimal_sqrt_of_frac(&mss.n, &mss.d).map(Decimal::into_py);
    }
    float_sqrt_of_frac(&mss.n, &mss.d).map(Py::Float)
}

/// `statistics.variance(data, xbar=None)`
pub fn variance(a: Args) -> PyResult<Py> {
    spread(a, "variance", "xbar", true, false)
}

/// `statistics.pvariance(data, mu=None)`
pub fn pvariance(a: Args) -> PyResult<Py> {
    spread(a, "pvariance", "mu", false, false)
}

/// `statistics.stdev(data, xbar=None)`
pub fn stdev(a: Args) -> PyResult<Py> {
    spread(a, "stdev", "xbar", true, true)
}

/// `statistics.pstdev(data, mu=None)`
pub fn pstdev(a: Args) -> PyResult<Py> {
    spread(a, "pstdev", "mu", false, true)
}

/// `_integer_sqrt_of_frac_rto(n, m)`: isqrt(n/m) rounded to odd.
fn isqrt_rto(n: &BigInt, m: &BigInt) -> BigInt {
    let a = n.div_floor(m).sqrt();
    let inexact = &a * &a * m != *n;
    if inexact {
        a | BigInt::one()
    } else {
        a
    }
}

/// `_float_sqrt_of_frac(n, m)`: the correctly rounded square root of n/m.
fn float_sqrt_of_frac(n: &BigInt, m: &BigInt) -> PyResult<f64> {
    let q = (n.bits() as i64 - m.bits() as i64 - 109).div_euclid(2);
    let (num, den) = if q >= 0 {
        (isqrt_rto(n, &(m << (2 * q) as usize)) << q as usize, BigInt::one())
    } else {
        (isqrt_rto(&(n << (-2 * q) as usize), m), BigInt::one() << (-q) as usize)
    };
    int_true_div(&num, &den)
}

/// With 28 digits: the next Decimal up or down from a positive finite one.
fn decimal_step(d: &Decimal, up: bool) -> Decimal {
    const PREC: u32 = 28;
    let digits = d.coef.to_string().len() as u32;
    let (mut coef, mut exp) = (d.coef.clone(), d.exp);
    if digits < PREC {
        coef *= BigUint::from(10u32).pow(PREC - digits);
        exp -= (PREC - digits) as i64;
    }
    let low = BigUint::from(10u32).pow(PREC - 1);
    if up {
        coef += 1u32;
        if coef == BigUint::from(10u32).pow(PREC) {
            return Decimal::finite(false, low, exp + 1);
        }
        Decimal::finite(false, coef, exp)
    } else if coef == low {
        Decimal::finite(false, BigUint::from(10u32).pow(PREC) - 1u32, exp - 1)
    } else {
        Decimal::finite(false, coef - 1u32, exp)
    }
}

/// `_decimal_sqrt_of_frac(n, m)`: the correctly rounded square root of n/m as a Decimal.
fn decimal_sqrt_of_frac(n: &BigInt, m: &BigInt) -> PyResult<Decimal> {
    let (n, m) = if n.sign() != Sign::Plus {
        if n.is_zero() {
            return Decimal::parse("0.0");
        }
        (-n, -m)
    } else {
        (n.clone(), m.clone())
    };
    let root = decimal_from(&n).div(&decimal_from(&m))?.sqrt()?;
    let r = decimal_frac(&root);
    let (nr, dr) = (&r.n, &r.d);
    let plus = decimal_frac(&decimal_step(&root, true));
    let (np, dp) = (&plus.n, &plus.d);
    let sq = |x: BigInt| &x * &x;
    if BigInt::from(4) * &n * sq(dr * dp) > &m * sq(dr * np + dp * nr) {
        return Ok(decimal_step(&root, true));
    }
    let minus = decimal_frac(&decimal_step(&root, false));
    let (nm, dm) = (&minus.n, &minus.d);
    if BigInt::from(4) * &n * sq(dr * dm) < &m * sq(dr * nm + dm * nr) {
        return Ok(decimal_step(&root, false));
    }
    Ok(root)
}
