//! The `math` module, with CPython 3.11's results and errors (`Modules/mathmodule.c`):
//! the libm wrappers (`math_1`/`math_2`), the integer functions on arbitrary-size ints,
//! `fsum` (Shewchuk's exactly rounded sum) and `hypot`/`dist` (`vector_norm`).

// Polynomial coefficients are copied from glibc/fdlibm digit for digit.
#![allow(clippy::excessive_precision)]

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

use super::format::{as_f64, float_to_int, type_err, value_err};
use super::value::*;

// ---------------------------------------------------------------------------------------
// Arguments and errors
// ---------------------------------------------------------------------------------------

/// `PyFloat_AsDouble`: floats, ints, and objects with `__float__`/`__index__`.
fn real(v: &Py) -> PyResult<f64> {
    if let Some(r) = as_f64(v) {
        return r;
    }
    if let Py::Object(_) = v {
        return match super::builtins::float(Args::pos(vec![v.clone()])) {
            Ok(Py::Float(f)) => Ok(f),
            Ok(other) => real(&other),
            Err(e) if e.is_instance("TypeError") && e.message().starts_with("float() argument must be") => {
                Err(type_err(format!("must be real number, not {}", v.type_name())))
            }
            Err(e) => Err(e),
        };
    }
    Err(type_err(format!("must be real number, not {}", v.type_name())))
}

/// `PyNumber_Index`: an int (or an object with `__index__`) as a BigInt.
fn int_arg(v: &Py) -> PyResult<BigInt> {
    if let Some(i) = super::value::object_index(v) {
        return int_arg(&i?);
    }
    super::format::as_bigint(v)
        .ok_or_else(|| type_err(format!("'{}' object cannot be interpreted as an integer", v.type_name())))
}

fn domain() -> PyErr {
    value_err("math domain error")
}

fn range() -> PyErr {
    PyErr::msg(&exc::OVERFLOW_ERROR, "math range error")
}

fn no_kw(a: &Args, fname: &str) -> PyResult<()> {
    if a.kw.is_empty() {
        Ok(())
    } else {
        Err(type_err(format!("math.{fname}() takes no keyword arguments")))
    }
}

/// A one-argument (`METH_O`) function's argument.
fn one(a: Args, fname: &str) -> PyResult<Py> {
    no_kw(&a, fname)?;
    if a.pos.len() != 1 {
        return Err(type_err(format!("math.{fname}() takes exactly one argument ({} given)", a.pos.len())));
    }
    Ok(a.pos.into_iter().next().unwrap())
}

/// A two-argument positional-only function's arguments.
fn two(a: Args, fname: &str) -> PyResult<(Py, Py)> {
    no_kw(&a, fname)?;
    if a.pos.len() != 2 {
        return Err(type_err(format!("{fname} expected 2 arguments, got {}", a.pos.len())));
    }
    let mut it = a.pos.into_iter();
    Ok((it.next().unwrap(), it.next().unwrap()))
}

/// CPython's `math_1`: a libm function of one float, NaN from a non-NaN is a domain
/// error, an infinity from a finite value overflow (or a singularity).
fn math_1(x: &Py, f: fn(f64) -> f64, can_overflow: bool) -> PyResult<Py> {
    let x = real(x)?;
    let r = f(x);
    if r.is_nan() && !x.is_nan() {
        return Err(domain());
    }
    if r.is_infinite() && x.is_finite() {
        return Err(if can_overflow { range() } else { domain() });
    }
    Ok(Py::Float(r))
}

/// CPython's `math_2` error rules for a function of two floats.
fn math_2_check(x: f64, y: f64, r: f64) -> PyResult<Py> {
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(domain());
    }
    if r.is_infinite() && x.is_finite() && y.is_finite() && r.abs() >= 1.5 {
        return Err(range());
    }
    Ok(Py::Float(r))
}

fn math_2(a: Args, fname: &str, f: fn(f64, f64) -> f64) -> PyResult<Py> {
    let (x, y) = two(a, fname)?;
    let (x, y) = (real(&x)?, real(&y)?);
    math_2_check(x, y, f(x, y))
}

// ---------------------------------------------------------------------------------------
// Rounding
// ---------------------------------------------------------------------------------------

/// `math.floor(x)`
pub fn floor(a: Args) -> PyResult<Py> {
    let x = one(a, "floor")?;
    match &x {
        Py::Int(_) | Py::BigInt(_) => Ok(x),
        Py::Bool(b) => Ok(Py::Int(*b as i64)),
        _ => float_to_int(real(&x)?.floor()),
    }
}

/// `math.ceil(x)`
pub fn ceil(a: Args) -> PyResult<Py> {
    let x = one(a, "ceil")?;
    match &x {
        Py::Int(_) | Py::BigInt(_) => Ok(x),
        Py::Bool(b) => Ok(Py::Int(*b as i64)),
        _ => float_to_int(real(&x)?.ceil()),
    }
}

/// `math.trunc(x)`
pub fn trunc(a: Args) -> PyResult<Py> {
    let x = one(a, "trunc")?;
    match &x {
        Py::Int(_) | Py::BigInt(_) => Ok(x),
        Py::Bool(b) => Ok(Py::Int(*b as i64)),
        Py::Float(f) => float_to_int(*f),
        Py::Object(_) => {
            if let Some(r) = super::value::special(&x, "__trunc__", &[]) {
                return r;
            }
            match super::value::object_index(&x) {
                Some(i) => i,
                None => Err(type_err(format!("type {} doesn't define __trunc__ method", x.type_name()))),
            }
        }
        other => Err(type_err(format!("type {} doesn't define __trunc__ method", other.type_name()))),
    }
}

/// `math.modf(x)`
pub fn modf(a: Args) -> PyResult<Py> {
    let x = real(&one(a, "modf")?)?;
    let pair = |f: f64, i: f64| Ok(Py::tuple(vec![Py::Float(f), Py::Float(i)]));
    if x.is_infinite() {
        return pair(0f64.copysign(x), x);
    }
    if x.is_nan() {
        return pair(x, x);
    }
    let i = x.trunc();
    pair((x - i).copysign(x), i)
}

/// C `frexp`: `x == m * 2**e` with `0.5 <= |m| < 1`.
fn frexp_f(x: f64) -> (f64, i32) {
    let bits = x.to_bits();
    let ee = ((bits >> 52) & 0x7ff) as i32;
    if ee == 0 {
        if x != 0.0 {
            let (m, e) = frexp_f(x * f64::from_bits(0x43f0000000000000)); // 2**64
            return (m, e - 64);
        }
        return (x, 0);
    }
    if ee == 0x7ff {
        return (x, 0);
    }
    (f64::from_bits((bits & 0x800f_ffff_ffff_ffff) | 0x3fe0_0000_0000_0000), ee - 0x3fe)
}

/// C `ldexp`/`scalbn` (musl's, correctly rounded in the subnormal range).
fn ldexp_f(x: f64, n: i32) -> f64 {
    let (mut y, mut n) = (x, n);
    let p1023 = f64::from_bits(0x7fe0000000000000);
    let m = f64::from_bits(0x0010000000000000) * f64::from_bits(0x4340000000000000); // 2**-1022 * 2**53
    if n > 1023 {
        y *= p1023;
        n -= 1023;
        if n > 1023 {
            y *= p1023;
            n -= 1023;
            n = n.min(1023);
        }
    } else if n < -1022 {
        y *= m;
        n += 1022 - 53;
        if n < -1022 {
            y *= m;
            n += 1022 - 53;
            n = n.max(-1022);
        }
    }
    y * f64::from_bits(((0x3ff + n) as u64) << 52)
}

/// `math.frexp(x)`
pub fn frexp(a: Args) -> PyResult<Py> {
    let x = real(&one(a, "frexp")?)?;
    let (m, e) = frexp_f(x);
    Ok(Py::tuple(vec![Py::Float(m), Py::Int(e as i64)]))
}

/// `math.ldexp(x, i)`
pub fn ldexp(a: Args) -> PyResult<Py> {
    let (x, i) = two(a, "ldexp")?;
    let x = real(&x)?;
    let exp = match &i {
        Py::Int(_) | Py::BigInt(_) | Py::Bool(_) => super::format::as_bigint(&i).unwrap(),
        _ => return Err(type_err("Expected an int as second argument to ldexp.")),
    };
    let exp = exp.to_i64().unwrap_or(if exp.is_negative() { i64::MIN } else { i64::MAX });
    let r = if x == 0.0 || !x.is_finite() {
        return Ok(Py::Float(x));
    } else if exp > i32::MAX as i64 {
        f64::INFINITY.copysign(x)
    } else if exp < i32::MIN as i64 {
        0f64.copysign(x)
    } else {
        ldexp_f(x, exp as i32)
    };
    if r.is_infinite() {
        return Err(range());
    }
    Ok(Py::Float(r))
}

// ---------------------------------------------------------------------------------------
// Powers, logarithms, trigonometry
// ---------------------------------------------------------------------------------------

/// `math.sqrt(x)`
pub fn sqrt(a: Args) -> PyResult<Py> {
    math_1(&one(a, "sqrt")?, f64::sqrt, false)
}

/// `math.cbrt(x)`
pub fn cbrt(a: Args) -> PyResult<Py> {
    math_1(&one(a, "cbrt")?, cbrt_f, false)
}

/// `math.fabs(x)`
pub fn fabs(a: Args) -> PyResult<Py> {
    math_1(&one(a, "fabs")?, f64::abs, false)
}

/// `math.exp(x)`
pub fn exp(a: Args) -> PyResult<Py> {
    math_1(&one(a, "exp")?, f64::exp, true)
}

/// `math.exp2(x)`
pub fn exp2(a: Args) -> PyResult<Py> {
    math_1(&one(a, "exp2")?, f64::exp2, true)
}

/// `math.expm1(x)`
pub fn expm1(a: Args) -> PyResult<Py> {
    math_1(&one(a, "expm1")?, f64::exp_m1, true)
}

/// `math.log1p(x)`
pub fn log1p(a: Args) -> PyResult<Py> {
    math_1(&one(a, "log1p")?, f64::ln_1p, false)
}

macro_rules! trig {
    ($($name:ident = $f:path, $overflow:expr;)*) => {
        $(
            #[doc = concat!("`math.", stringify!($name), "(x)`")]
            pub fn $name(a: Args) -> PyResult<Py> {
                math_1(&one(a, stringify!($name))?, $f, $overflow)
            }
        )*
    };
}

trig! {
    sin = f64::sin, false;
    cos = f64::cos, false;
    tan = f64::tan, false;
    asin = f64::asin, false;
    acos = f64::acos, false;
    atan = f64::atan, false;
    sinh = f64::sinh, true;
    cosh = f64::cosh, true;
    tanh = f64::tanh, false;
    asinh = asinh_f, false;
    acosh = acosh_f, false;
    atanh = atanh_f, false;
}

// Rust's `cbrt` (compiler-builtins) and `asinh`/`acosh`/`atanh` (computed in std) are not
// glibc's, which CPython calls: these are glibc's (fdlibm's) algorithms, so the results
// agree to the last bit.

/// glibc's `cbrt` (`sysdeps/ieee754/dbl-64/s_cbrt.c`).
fn cbrt_f(x: f64) -> f64 {
    const CBRT2: f64 = 1.2599210498948731648;
    const SQR_CBRT2: f64 = 1.5874010519681994748;
    let factor = [1.0 / SQR_CBRT2, 1.0 / CBRT2, 1.0, CBRT2, SQR_CBRT2];
    if x == 0.0 || !x.is_finite() {
        return x + x;
    }
    let (xm, xe) = frexp_f(x.abs());
    let u = 0.354895765043919860
        + ((1.50819193781584896
            + ((-2.11499494167371287
                + ((2.44693122563534430
                    + ((-1.83469277483613086 + (0.784932344976639262 - 0.145263899385486377 * xm) * xm) * xm))
                    * xm))
                * xm))
            * xm);
    let t2 = u * u * u;
    let ym = u * (t2 + 2.0 * xm) / (2.0 * t2 + xm) * factor[(2 + xe % 3) as usize];
    ldexp_f(if x > 0.0 { ym } else { -ym }, xe / 3)
}

const LN2: f64 = std::f64::consts::LN_2;

/// fdlibm's `asinh`.
fn asinh_f(x: f64) -> f64 {
    let ix = (x.to_bits() >> 32) as u32 & 0x7fff_ffff;
    if ix < 0x3e30_0000 {
        return x; // |x| < 2**-28
    }
    let xa = x.abs();
    let w = if ix > 0x41b0_0000 {
        if ix >= 0x7ff0_0000 {
            return x + x;
        }
        xa.ln() + LN2
    } else if ix > 0x4000_0000 {
        (2.0 * xa + 1.0 / ((xa * xa + 1.0).sqrt() + xa)).ln()
    } else {
        let t = xa * xa;
        (xa + t / (1.0 + (1.0 + t).sqrt())).ln_1p()
    };
    w.copysign(x)
}

/// fdlibm's `acosh`.
fn acosh_f(x: f64) -> f64 {
    let hx = x.to_bits() as i64;
    if hx > 0x4000_0000_0000_0000 {
        if hx >= 0x41b0_0000_0000_0000 {
            if hx >= 0x7ff0_0000_0000_0000 {
                return x + x;
            }
            return x.ln() + LN2;
        }
        let t = x * x;
        (2.0 * x - 1.0 / (x + (t - 1.0).sqrt())).ln()
    } else if hx > 0x3ff0_0000_0000_0000 {
        let t = x - 1.0;
        (t + (2.0 * t + t * t).sqrt()).ln_1p()
    } else if hx == 0x3ff0_0000_0000_0000 {
        0.0
    } else {
        f64::NAN
    }
}

/// glibc's `atanh`.
fn atanh_f(x: f64) -> f64 {
    let xa = x.abs();
    let t = if xa < 0.5 {
        if xa < f64::from_bits(0x3e30_0000_0000_0000) {
            return x;
        }
        let t2 = xa + xa;
        0.5 * (t2 + t2 * xa / (1.0 - xa)).ln_1p()
    } else if xa < 1.0 {
        0.5 * ((xa + xa) / (1.0 - xa)).ln_1p()
    } else if xa > 1.0 || xa.is_nan() {
        return f64::NAN + x;
    } else {
        return x / 0.0;
    };
    t.copysign(x)
}

/// `math.atan2(y, x)`
pub fn atan2(a: Args) -> PyResult<Py> {
    math_2(a, "atan2", f64::atan2)
}

/// `math.copysign(x, y)`
pub fn copysign(a: Args) -> PyResult<Py> {
    math_2(a, "copysign", f64::copysign)
}

/// `math.fmod(x, y)`
pub fn fmod(a: Args) -> PyResult<Py> {
    let (x, y) = two(a, "fmod")?;
    let (x, y) = (real(&x)?, real(&y)?);
    if y.is_infinite() && x.is_finite() {
        return Ok(Py::Float(x));
    }
    let r = x % y;
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(domain());
    }
    Ok(Py::Float(r))
}

/// `math.remainder(x, y)` (IEEE 754 remainder, CPython's `m_remainder`).
pub fn remainder(a: Args) -> PyResult<Py> {
    math_2(a, "remainder", |x, y| {
        if x.is_finite() && y.is_finite() {
            if y == 0.0 {
                return f64::NAN;
            }
            let (absx, absy) = (x.abs(), y.abs());
            let m = absx % absy;
            let c = absy - m;
            let r = if m < c {
                m
            } else if m > c {
                -c
            } else {
                m - 2.0 * ((0.5 * (absx - m)) % absy)
            };
            return 1f64.copysign(x) * r;
        }
        if x.is_nan() {
            return x;
        }
        if y.is_nan() {
            return y;
        }
        if x.is_infinite() {
            return f64::NAN;
        }
        x
    })
}

/// `math.pow(x, y)`
pub fn pow(a: Args) -> PyResult<Py> {
    let (x, y) = two(a, "pow")?;
    let (x, y) = (real(&x)?, real(&y)?);
    let r;
    if !x.is_finite() || !y.is_finite() {
        r = if x.is_nan() {
            if y == 0.0 {
                1.0
            } else {
                x
            }
        } else if y.is_nan() {
            if x == 1.0 {
                1.0
            } else {
                y
            }
        } else if x.is_infinite() {
            let odd_y = y.is_finite() && (y.abs() % 2.0) == 1.0;
            if y > 0.0 {
                if odd_y {
                    x
                } else {
                    x.abs()
                }
            } else if y == 0.0 {
                1.0
            } else if odd_y {
                0f64.copysign(x)
            } else {
                0.0
            }
        } else if x.abs() == 1.0 {
            1.0
        } else if y > 0.0 && x.abs() > 1.0 {
            y
        } else if y < 0.0 && x.abs() < 1.0 {
            -y
        } else {
            0.0
        };
        return Ok(Py::Float(r));
    }
    r = x.powf(y);
    if r.is_nan() {
        return Err(domain());
    }
    if r.is_infinite() {
        return Err(if x == 0.0 { domain() } else { range() });
    }
    Ok(Py::Float(r))
}

/// `_PyLong_Frexp`: a positive int too large for a float as `x * 2**e`, `0.5 <= x < 1`.
fn long_frexp(b: &BigInt) -> (f64, i64) {
    let bits = b.bits() as i64;
    let shift = bits - 55;
    // Keep 55 bits plus a sticky bit, then let the float conversion round (half-even).
    let mut top: u64 = (b >> shift as usize).to_u64().unwrap_or(0);
    let low_mask = (BigInt::one() << shift as usize) - 1u8;
    if !(b & low_mask).is_zero() {
        top |= 1;
    }
    let x = top as f64 / (1u64 << 55) as f64;
    if x == 1.0 {
        return (0.5, bits + 1);
    }
    (x, bits)
}

/// CPython's `loghelper`: ints of any size, else `math_1`.
fn loghelper(v: &Py, f: fn(f64) -> f64) -> PyResult<f64> {
    if let Py::Int(_) | Py::BigInt(_) | Py::Bool(_) = v {
        let b = super::format::as_bigint(v).unwrap();
        if !b.is_positive() {
            return Err(domain());
        }
        return Ok(match b.to_f64().filter(|f| f.is_finite()) {
            Some(x) => f(x),
            None => {
                let (x, e) = long_frexp(&b);
                f(x) + f(2.0) * e as f64
            }
        });
    }
    match math_1(v, f, false)? {
        Py::Float(r) => Ok(r),
        _ => unreachable!(),
    }
}

/// `math.log(x[, base])`
pub fn log(a: Args) -> PyResult<Py> {
    if !a.kw.is_empty() {
        return Err(type_err("log() takes no keyword arguments"));
    }
    if !(1..=2).contains(&a.pos.len()) {
        return Err(type_err("math.log requires 1 to 2 arguments"));
    }
    let num = loghelper(&a.pos[0], f64::ln)?;
    match a.pos.get(1) {
        None => Ok(Py::Float(num)),
        Some(b) => {
            let den = loghelper(b, f64::ln)?;
            if den == 0.0 {
                return Err(PyErr::msg(&exc::ZERO_DIVISION_ERROR, "float division by zero"));
            }
            Ok(Py::Float(num / den))
        }
    }
}

/// `math.log10(x)`
pub fn log10(a: Args) -> PyResult<Py> {
    Ok(Py::Float(loghelper(&one(a, "log10")?, f64::log10)?))
}

/// `math.log2(x)`
pub fn log2(a: Args) -> PyResult<Py> {
    Ok(Py::Float(loghelper(&one(a, "log2")?, f64::log2)?))
}

/// `math.degrees(x)`
pub fn degrees(a: Args) -> PyResult<Py> {
    Ok(Py::Float(real(&one(a, "degrees")?)? * (180.0 / std::f64::consts::PI)))
}

/// `math.radians(x)`
pub fn radians(a: Args) -> PyResult<Py> {
    Ok(Py::Float(real(&one(a, "radians")?)? * (std::f64::consts::PI / 180.0)))
}

// ---------------------------------------------------------------------------------------
// Classification
// ---------------------------------------------------------------------------------------

/// `math.isclose(a, b, *, rel_tol=1e-09, abs_tol=0.0)`
pub fn isclose(a: Args) -> PyResult<Py> {
    if a.pos.len() > 2 {
        return Err(type_err(format!("isclose() takes exactly 2 positional arguments ({} given)", a.pos.len())));
    }
    let names = ["a", "b", "rel_tol", "abs_tol"];
    let npos = a.pos.len();
    let mut slots: [Option<Py>; 4] = [None, None, None, None];
    for (i, v) in a.pos.into_iter().enumerate() {
        slots[i] = Some(v);
    }
    for (i, name) in names.iter().enumerate().skip(npos) {
        slots[i] = a.kw.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
        if i < 2 && slots[i].is_none() {
            return Err(type_err(format!("isclose() missing required argument '{name}' (pos {})", i + 1)));
        }
    }
    for (k, _) in &a.kw {
        match names.iter().position(|n| n == k) {
            Some(i) if i < npos => {
                return Err(type_err(format!("argument for isclose() given by name ('{k}') and position ({})", i + 1)))
            }
            Some(_) => {}
            None => return Err(type_err(format!("'{k}' is an invalid keyword argument for isclose()"))),
        }
    }
    let [x, y, rel, abs] = slots;
    let x = real(&x.unwrap())?;
    let y = real(&y.unwrap())?;
    let rel = rel.map(|v| real(&v)).transpose()?.unwrap_or(1e-9);
    let abs = abs.map(|v| real(&v)).transpose()?.unwrap_or(0.0);
    if rel < 0.0 || abs < 0.0 {
        return Err(value_err("tolerances must be non-negative"));
    }
    if x == y {
        return Ok(Py::Bool(true));
    }
    if x.is_infinite() || y.is_infinite() {
        return Ok(Py::Bool(false));
    }
    let diff = (y - x).abs();
    Ok(Py::Bool((diff <= (rel * y).abs()) || (diff <= (rel * x).abs()) || diff <= abs))
}

/// `math.isnan(x)`
pub fn isnan(a: Args) -> PyResult<Py> {
    Ok(Py::Bool(real(&one(a, "isnan")?)?.is_nan()))
}

/// `math.isinf(x)`
pub fn isinf(a: Args) -> PyResult<Py> {
    Ok(Py::Bool(real(&one(a, "isinf")?)?.is_infinite()))
}

/// `math.isfinite(x)`
pub fn isfinite(a: Args) -> PyResult<Py> {
    Ok(Py::Bool(real(&one(a, "isfinite")?)?.is_finite()))
}

// ---------------------------------------------------------------------------------------
// Sums and norms
// ---------------------------------------------------------------------------------------

/// `math.fsum(iterable)`: the correctly rounded sum (CPython's `math_fsum`).
pub fn fsum(a: Args) -> PyResult<Py> {
    let seq = one(a, "fsum")?;
    let mut partials: Vec<f64> = Vec::new();
    let (mut special_sum, mut inf_sum) = (0.0f64, 0.0f64);
    for item in seq.iter()? {
        let mut x = real(&item?)?;
        let xsave = x;
        let mut i = 0;
        for j in 0..partials.len() {
            let mut y = partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                partials[i] = lo;
                i += 1;
            }
            x = hi;
        }
        partials.truncate(i);
        if x != 0.0 {
            if !x.is_finite() {
                // From an overflow, or from an inf/nan summand.
                if xsave.is_finite() {
                    return Err(PyErr::msg(&exc::OVERFLOW_ERROR, "intermediate overflow in fsum"));
                }
                if xsave.is_infinite() {
                    inf_sum += xsave;
                }
                special_sum += xsave;
                partials.clear();
            } else {
                partials.push(x);
            }
        }
    }
    if special_sum != 0.0 {
        if inf_sum.is_nan() {
            return Err(value_err("-inf + inf in fsum"));
        }
        return Ok(Py::Float(special_sum));
    }
    let p = &partials;
    let mut n = p.len();
    let mut hi = 0.0;
    if n > 0 {
        n -= 1;
        hi = p[n];
        let mut lo = 0.0;
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = p[n];
            hi = x + y;
            let yr = hi - x;
            lo = y - yr;
            if lo != 0.0 {
                break;
            }
        }
        // Half-even rounding across partials (sum([1e-16, 1, 1e16]) rounds up).
        if n > 0 && ((lo < 0.0 && p[n - 1] < 0.0) || (lo > 0.0 && p[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            let yr = x - hi;
            if y == yr {
                hi = x;
            }
        }
    }
    Ok(Py::Float(hi))
}

/// CPython's `vector_norm`: the Euclidean norm of non-negative finite values (or an
/// inf/nan), accurate to within 1 ulp and usually correctly rounded.
fn vector_norm(vec: &mut [f64], max: f64, found_nan: bool) -> f64 {
    if max.is_infinite() {
        return max;
    }
    if found_nan {
        return f64::NAN;
    }
    if max == 0.0 || vec.len() <= 1 {
        return max;
    }
    let (_, max_e) = frexp_f(max);
    if max_e < -1023 {
        // ldexp(1.0, -max_e) would overflow: convert subnormals to normals first.
        let dbl_min = f64::MIN_POSITIVE;
        for x in vec.iter_mut() {
            *x /= dbl_min;
        }
        return dbl_min * vector_norm(vec, max / dbl_min, found_nan);
    }
    let scale = ldexp_f(1.0, -max_e);
    let (mut csum, mut frac1, mut frac2) = (1.0f64, 0.0f64, 0.0f64);
    // Error-free product and (fast, |a| >= |b|) sum.
    let dl_mul = |x: f64, y: f64| {
        let z = x * y;
        (z, x.mul_add(y, -z))
    };
    let dl_fast_sum = |a: f64, b: f64| {
        let x = a + b;
        (x, (a - x) + b)
    };
    for &x in vec.iter() {
        let x = x * scale;
        let (pr_hi, pr_lo) = dl_mul(x, x);
        let (sm_hi, sm_lo) = dl_fast_sum(csum, pr_hi);
        csum = sm_hi;
        frac1 += pr_lo;
        frac2 += sm_lo;
    }
    let mut h = (csum - 1.0 + (frac1 + frac2)).sqrt();
    let (pr_hi, pr_lo) = dl_mul(-h, h);
    let (sm_hi, sm_lo) = dl_fast_sum(csum, pr_hi);
    csum = sm_hi;
    frac1 += pr_lo;
    frac2 += sm_lo;
    let x = csum - 1.0 + (frac1 + frac2);
    h += x / (2.0 * h);
    h / scale
}

/// `math.hypot(*coordinates)`
pub fn hypot(a: Args) -> PyResult<Py> {
    no_kw(&a, "hypot")?;
    let mut coords = Vec::with_capacity(a.pos.len());
    let (mut max, mut found_nan) = (0.0f64, false);
    for v in &a.pos {
        let x = real(v)?.abs();
        found_nan |= x.is_nan();
        if x > max {
            max = x;
        }
        coords.push(x);
    }
    Ok(Py::Float(vector_norm(&mut coords, max, found_nan)))
}

fn as_items(v: &Py) -> PyResult<Vec<Py>> {
    match v {
        Py::Tuple(t) => Ok(t.to_vec()),
        _ => v.iter()?.collect(),
    }
}

/// `math.dist(p, q)`
pub fn dist(a: Args) -> PyResult<Py> {
    let (p, q) = two(a, "dist")?;
    let p = as_items(&p)?;
    let q = as_items(&q)?;
    if p.len() != q.len() {
        return Err(value_err("both points must have the same number of dimensions"));
    }
    let mut diffs = Vec::with_capacity(p.len());
    let (mut max, mut found_nan) = (0.0f64, false);
    for (px, qx) in p.iter().zip(q.iter()) {
        let px = real(px)?;
        let qx = real(qx)?;
        let x = (px - qx).abs();
        found_nan |= x.is_nan();
        if x > max {
            max = x;
        }
        diffs.push(x);
    }
    Ok(Py::Float(vector_norm(&mut diffs, max, found_nan)))
}

/// `math.prod(iterable, /, *, start=1)`
pub fn prod(a: Args) -> PyResult<Py> {
    if a.pos.len() != 1 {
        return Err(type_err(format!("prod() takes exactly 1 positional argument ({} given)", a.pos.len())));
    }
    let mut start = Py::Int(1);
    for (k, v) in a.kw {
        if k != "start" {
            return Err(type_err(format!("'{k}' is an invalid keyword argument for prod()")));
        }
        start = v;
    }
    let mut acc = start;
    for item in a.pos[0].iter()? {
        acc = acc.mul(&item?)?;
    }
    Ok(acc)
}

// ---------------------------------------------------------------------------------------
// Integer functions
// ---------------------------------------------------------------------------------------

fn big(b: BigInt) -> Py {
    super::ops::int_to_py(b)
}

/// `math.gcd(*integers)`
pub fn gcd(a: Args) -> PyResult<Py> {
    no_kw(&a, "gcd")?;
    let mut g = BigInt::zero();
    for v in &a.pos {
        let x = int_arg(v)?;
        g = g.gcd(&x);
    }
    Ok(big(g))
}

/// `math.lcm(*integers)`
pub fn lcm(a: Args) -> PyResult<Py> {
    no_kw(&a, "lcm")?;
    let mut l = BigInt::one();
    for v in &a.pos {
        let x = int_arg(v)?;
        l = if l.is_zero() || x.is_zero() { BigInt::zero() } else { l.lcm(&x) };
    }
    Ok(big(l.abs()))
}

/// `math.isqrt(n)`
pub fn isqrt(a: Args) -> PyResult<Py> {
    let n = int_arg(&one(a, "isqrt")?)?;
    if n.is_negative() {
        return Err(value_err("isqrt() argument must be nonnegative"));
    }
    Ok(big(n.sqrt()))
}

/// The product of the integers in `lo..=hi` (binary splitting keeps the operands balanced).
fn range_product(lo: u64, hi: u64) -> BigInt {
    if lo > hi {
        return BigInt::one();
    }
    if hi - lo < 16 {
        let mut acc = BigInt::from(lo);
        for i in lo + 1..=hi {
            acc *= i;
        }
        return acc;
    }
    let mid = lo + (hi - lo) / 2;
    range_product(lo, mid) * range_product(mid + 1, hi)
}

/// `n - k + 1 ..= n` as a product, for a big `n`.
fn falling_product(n: &BigInt, k: u64) -> BigInt {
    if k == 0 {
        return BigInt::one();
    }
    if let Some(n64) = n.to_u64() {
        return range_product(n64 - k + 1, n64);
    }
    let mut acc = BigInt::one();
    let mut i = n - (k - 1);
    while &i <= n {
        acc *= &i;
        i += 1u8;
    }
    acc
}

/// `math.factorial(n)`
pub fn factorial(a: Args) -> PyResult<Py> {
    let n = int_arg(&one(a, "factorial")?)?;
    let Some(n) = n.to_i64() else {
        if n.is_negative() {
            return Err(value_err("factorial() not defined for negative values"));
        }
        return Err(PyErr::msg(&exc::OVERFLOW_ERROR, "factorial() argument should not exceed 9223372036854775807"));
    };
    if n < 0 {
        return Err(value_err("factorial() not defined for negative values"));
    }
    Ok(big(range_product(1, n as u64)))
}

/// `math.comb(n, k)`
pub fn comb(a: Args) -> PyResult<Py> {
    let (n, k) = two(a, "comb")?;
    let n = int_arg(&n)?;
    let k = int_arg(&k)?;
    if n.is_negative() {
        return Err(value_err("n must be a non-negative integer"));
    }
    if k.is_negative() {
        return Err(value_err("k must be a non-negative integer"));
    }
    if k > n {
        return Ok(Py::Int(0));
    }
    let other = &n - &k;
    let k = if other < k { other } else { k };
    let Some(k) = k.to_u64().filter(|k| *k <= i64::MAX as u64) else {
        return Err(PyErr::msg(&exc::OVERFLOW_ERROR, "min(n - k, k) must not exceed 9223372036854775807"));
    };
    Ok(big(falling_product(&n, k) / range_product(1, k)))
}

/// `math.perm(n, k=None)`
pub fn perm(a: Args) -> PyResult<Py> {
    no_kw(&a, "perm")?;
    match a.pos.len() {
        0 => return Err(type_err("perm expected at least 1 argument, got 0")),
        1 | 2 => {}
        n => return Err(type_err(format!("perm expected at most 2 arguments, got {n}"))),
    }
    let mut it = a.pos.into_iter();
    let n = it.next().unwrap();
    let k = it.next().unwrap_or(Py::None);
    if k.is_none() {
        return factorial(Args::pos(vec![n]));
    }
    let n = int_arg(&n)?;
    let k = int_arg(&k)?;
    if n.is_negative() {
        return Err(value_err("n must be a non-negative integer"));
    }
    if k.is_negative() {
        return Err(value_err("k must be a non-negative integer"));
    }
    if k > n {
        return Ok(Py::Int(0));
    }
    let Some(k) = k.to_u64().filter(|k| *k <= i64::MAX as u64) else {
        return Err(PyErr::msg(&exc::OVERFLOW_ERROR, "k must not exceed 9223372036854775807"));
    };
    Ok(big(falling_product(&n, k)))
}

// ---------------------------------------------------------------------------------------
// Constants
// ---------------------------------------------------------------------------------------

/// `math.inf`
pub fn inf() -> Py {
    Py::Float(f64::INFINITY)
}
/// `math.nan`
pub fn nan() -> Py {
    Py::Float(f64::NAN)
}
/// `math.pi`
pub fn pi() -> Py {
    Py::Float(std::f64::consts::PI)
}
/// `math.e`
pub fn e() -> Py {
    Py::Float(std::f64::consts::E)
}
/// `math.tau`
pub fn tau() -> Py {
    Py::Float(std::f64::consts::TAU)
}
