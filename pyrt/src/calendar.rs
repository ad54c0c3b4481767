//! `calendar.isleap` and `calendar.monthrange`.

use super::value::*;

fn is_leap(y: i64) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

/// `calendar.isleap(year)`
pub fn isleap(a: Args) -> PyResult<Py> {
    let [year] = a.bind("isleap", ["year"], 1)?;
    let year = year.unwrap();
    // `year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)` on any value, as CPython.
    let m = |k: i64| -> PyResult<Py> { year.rem(&Py::Int(k)) };
    if !m(4)?.py_eq(&Py::Int(0)) {
        return Ok(Py::Bool(false));
    }
    Ok(Py::Bool(!m(100)?.py_eq(&Py::Int(0)) || m(400)?.py_eq(&Py::Int(0))))
}

/// `calendar.monthrange(year, month)`: (weekday of the 1st, Monday = 0; days in the month).
pub fn monthrange(a: Args) -> PyResult<Py> {
    let [year, month] = a.bind("monthrange", ["year", "month"], 2)?;
    let (year, month) = (year.unwrap(), month.unwrap());
    if !(Py::Int(1).le(&month)? && month.le(&Py::Int(12))?) {
        return Err(PyErr::msg(
            &exc::ILLEGAL_MONTH_ERROR,
            format!("bad month number {}; must be 1-12", month.str_string()),
        ));
    }
    let m = super::ops::index_of(&month)?;
    // `weekday()`: years outside 1..=9999 are moved into the 400-year cycle.
    let y = if Py::Int(1).le(&year)? && year.le(&Py::Int(9999))? {
        super::ops::index_of(&year)?
    } else {
        2000 + super::ops::index_of(&year.rem(&Py::Int(400))?)?
    };
    let days = [31, if is_leap(y) { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][(m - 1) as usize];
    // Days since 0001-01-01 (a Monday).
    let py = y - 1;
    let mut ordinal = py * 365 + py / 4 - py / 100 + py / 400;
    for k in 1..m {
        ordinal += [31, if is_leap(y) { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][(k - 1) as usize];
    }
    Ok(Py::tuple(vec![Py::Int(ordinal % 7), Py::Int(days)]))
}
