//! The `math` module functions a handler uses, with CPython's results and errors.

use super::format::{as_f64, float_to_int, type_err, value_err};
use super::value::*;

fn real(fname: &str, v: &Py) -> PyResult<f64> {
    let _ = fname;
    match as_f64(v) {
        Some(r) => r,
        None => Err(type_err(format!("must be real number, not {}", v.type_name()))),
    }
}

fn domain() -> PyErr {
    value_err("math domain error")
}

fn range() -> PyErr {
    PyErr::msg(&exc::OVERFLOW_ERROR, "math range error")
}

fn one(a: Args, fname: &str) -> PyResult<Py> {
    let [x] = a.bind(fname, ["x"], 1)?;
    Ok(x.unwrap())
}

/// `math.floor(x)`
pub fn floor(a: Args) -> PyResult<Py> {
    let x = one(a, "floor")?;
    match &x {
        Py::Int(_) | Py::BigInt(_) => Ok(x),
        Py::Bool(b) => Ok(Py::Int(*b as i64)),
        _ => float_to_int(real("floor", &x)?.floor()),
    }
}

/// `math.ceil(x)`
pub fn ceil(a: Args) -> PyResult<Py> {
    let x = one(a, "ceil")?;
    match &x {
        Py::Int(_) | Py::BigInt(_) => Ok(x),
        Py::Bool(b) => Ok(Py::Int(*b as i64)),
        _ => float_to_int(real("ceil", &x)?.ceil()),
    }
}

/// `math.trunc(x)`
pub fn trunc(a: Args) -> PyResult<Py> {
    let x = one(a, "trunc")?;
    match &x {
        Py::Int(_) | Py::BigInt(_) => Ok(x),
        Py::Bool(b) => Ok(Py::Int(*b as i64)),
        Py::Float(f) => float_to_int(*f),
        other => Err(type_err(format!("type {} doesn't define __trunc__ method", other.type_name()))),
    }
}

/// `math.sqrt(x)`
pub fn sqrt(a: Args) -> PyResult<Py> {
    let x = real("sqrt", &one(a, "sqrt")?)?;
    if x < 0.0 {
        return Err(domain());
    }
    Ok(Py::Float(x.sqrt()))
}

/// `math.fabs(x)`
pub fn fabs(a: Args) -> PyResult<Py> {
    Ok(Py::Float(real("fabs", &one(a, "fabs")?)?.abs()))
}

/// `math.exp(x)`
pub fn exp(a: Args) -> PyResult<Py> {
    let x = real("exp", &one(a, "exp")?)?;
    let r = x.exp();
    if r.is_infinite() && x.is_finite() {
        return Err(range());
    }
    Ok(Py::Float(r))
}

/// ln(x) for any positive int or float (big ints beyond f64 range included).
fn ln(v: &Py) -> PyResult<f64> {
    if let Py::BigInt(b) = v {
        use num_traits::Signed;
        if !b.is_positive() {
            return Err(domain());
        }
        let bits = b.bits();
        if bits > 1000 {
            let shift = bits - 53;
            let top: num_bigint::BigInt = &**b >> shift;
            let f = super::format::bigint_to_f64(&top)?;
            return Ok(f.ln() + shift as f64 * std::f64::consts::LN_2);
        }
    }
    let x = real("log", v)?;
    if x.is_nan() {
        return Ok(x);
    }
    if x <= 0.0 {
        return Err(domain());
    }
    Ok(x.ln())
}

/// `math.log(x[, base])`
pub fn log(a: Args) -> PyResult<Py> {
    let [x, base] = a.bind("log", ["x", "base"], 1)?;
    let num = ln(&x.unwrap())?;
    match base {
        None => Ok(Py::Float(num)),
        Some(b) => {
            let den = ln(&b)?;
            if den == 0.0 {
                return Err(PyErr::msg(&exc::ZERO_DIVISION_ERROR, "float division by zero"));
            }
            Ok(Py::Float(num / den))
        }
    }
}

/// `math.log10(x)`
pub fn log10(a: Args) -> PyResult<Py> {
    let x = one(a, "log10")?;
    if let Py::Float(f) = x {
        if f > 0.0 {
            return Ok(Py::Float(f.log10()));
        }
    }
    Ok(Py::Float(ln(&x)? / std::f64::consts::LN_10))
}

/// `math.log2(x)`
pub fn log2(a: Args) -> PyResult<Py> {
    let x = one(a, "log2")?;
    if let Py::Float(f) = x {
        if f > 0.0 {
            return Ok(Py::Float(f.log2()));
        }
    }
    Ok(Py::Float(ln(&x)? / std::f64::consts::LN_2))
}

/// `math.pow(x, y)`
pub fn pow(a: Args) -> PyResult<Py> {
    let [x, y] = a.bind("pow", ["x", "y"], 2)?;
    let x = real("pow", &x.unwrap())?;
    let y = real("pow", &y.unwrap())?;
    if x.is_finite() && y.is_finite() {
        if x == 0.0 && y < 0.0 {
            return Err(domain());
        }
        if x < 0.0 && y.fract() != 0.0 {
            return Err(domain());
        }
    }
    let r = x.powf(y);
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(range());
    }
    Ok(Py::Float(r))
}

/// `math.isclose(a, b, *, rel_tol=1e-09, abs_tol=0.0)`
pub fn isclose(a: Args) -> PyResult<Py> {
    if a.pos.len() > 2 {
        return Err(type_err(format!("isclose() takes exactly 2 positional arguments ({} given)", a.pos.len())));
    }
    let [x, y, rel, abs] = a.bind("isclose", ["a", "b", "rel_tol", "abs_tol"], 2)?;
    let x = real("isclose", &x.unwrap())?;
    let y = real("isclose", &y.unwrap())?;
    let rel = rel.map(|v| real("isclose", &v)).transpose()?.unwrap_or(1e-9);
    let abs = abs.map(|v| real("isclose", &v)).transpose()?.unwrap_or(0.0);
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
    Ok(Py::Bool(real("isnan", &one(a, "isnan")?)?.is_nan()))
}

/// `math.isinf(x)`
pub fn isinf(a: Args) -> PyResult<Py> {
    Ok(Py::Bool(real("isinf", &one(a, "isinf")?)?.is_infinite()))
}

/// `math.isfinite(x)`
pub fn isfinite(a: Args) -> PyResult<Py> {
    Ok(Py::Bool(real("isfinite", &one(a, "isfinite")?)?.is_finite()))
}

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
