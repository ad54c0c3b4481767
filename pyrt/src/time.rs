//! `time`: `time()`, `time_ns()`, `monotonic()`, `perf_counter()`, `sleep()`.

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use super::format::{type_err, value_err};
use super::value::*;

fn since_epoch() -> Duration {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default()
}

thread_local! {
    static START: Instant = Instant::now();
}

/// `time.time()`
pub fn time(a: Args) -> PyResult<Py> {
    a.bind("time", [], 0)?;
    Ok(Py::Float(since_epoch().as_secs_f64()))
}

/// `time.time_ns()`
pub fn time_ns(a: Args) -> PyResult<Py> {
    a.bind("time_ns", [], 0)?;
    Ok(Py::Int(since_epoch().as_nanos() as i64))
}

fn elapsed() -> f64 {
    // Never 0 at first use, like CPython's clocks (which count from boot).
    START.with(|s| s.elapsed().as_secs_f64()) + 1000.0
}

/// `time.monotonic()`
pub fn monotonic(a: Args) -> PyResult<Py> {
    a.bind("monotonic", [], 0)?;
    Ok(Py::Float(elapsed()))
}

/// `time.perf_counter()`
pub fn perf_counter(a: Args) -> PyResult<Py> {
    a.bind("perf_counter", [], 0)?;
    Ok(Py::Float(elapsed()))
}

/// `time.sleep(secs)`
pub fn sleep(a: Args) -> PyResult<Py> {
    let [s] = a.bind("sleep", ["secs"], 1)?;
    let secs = match s.unwrap() {
        Py::Int(i) => i as f64,
        Py::Bool(b) => b as i64 as f64,
        Py::Float(f) => f,
        other => {
            return Err(type_err(format!("'{}' object cannot be interpreted as an integer", other.type_name())))
        }
    };
    if secs.is_nan() {
        return Err(value_err("Invalid value NaN (not a number)"));
    }
    if secs < 0.0 {
        return Err(value_err("sleep length must be non-negative"));
    }
    std::thread::sleep(Duration::from_secs_f64(secs));
    Ok(Py::None)
}
