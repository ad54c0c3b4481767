//! The `datetime` module: `datetime`, `date`, `time`, `timedelta` and `timezone` with
//! CPython 3.11's behaviour (constructors, normalisation, arithmetic, `isoformat`,
//! `strftime` as glibc renders it in the C locale, `strptime` as `_strptime` parses,
//! `fromisoformat` with the 3.11 grammar). Local time is UTC, as in AWS Lambda.

use std::any::Any;
use std::cmp::Ordering;
use std::rc::Rc;

use chrono::{Datelike, NaiveDate};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};

use super::format::{type_err, value_err};
use super::value::*;

const US_PER_SEC: i128 = 1_000_000;
const US_PER_DAY: i128 = 86_400_000_000;
const MAX_DELTA_DAYS: i128 = 999_999_999;
const MAX_ORDINAL: i64 = 3_652_059; // date(9999, 12, 31).toordinal()

fn overflow(msg: &str) -> PyErr {
    PyErr::msg(&exc::OVERFLOW_ERROR, msg)
}

fn obj(o: impl Object + 'static) -> Py {
    Py::Object(Rc::new(o))
}

fn downcast<T: 'static>(v: &Py) -> Option<&T> {
    match v {
        Py::Object(o) => o.as_any().downcast_ref::<T>(),
        _ => None,
    }
}

/// The value's type name as CPython's C types print it in operator errors.
fn qualified_type(v: &Py) -> String {
    match v {
        Py::Object(o) => match o.type_name() {
            n @ ("datetime" | "date" | "time" | "timedelta" | "timezone") => format!("datetime.{n}"),
            n => n.to_string(),
        },
        other => other.type_name().to_string(),
    }
}

fn unsupported(op: &str, a: &Py, b: &Py) -> Option<PyResult<Py>> {
    if matches!(b, Py::Object(o) if o.as_any().downcast_ref::<Delta>().is_none()
        && o.as_any().downcast_ref::<DateTime>().is_none()
        && o.as_any().downcast_ref::<Date>().is_none())
    {
        return None; // let the other operand try its reflected operation
    }
    Some(Err(type_err(format!(
        "unsupported operand type(s) for {op}: '{}' and '{}'",
        qualified_type(a),
        qualified_type(b)
    ))))
}

// ---------------------------------------------------------------------------------------
// timedelta
// ---------------------------------------------------------------------------------------

/// A normalised `timedelta`: `0 <= seconds < 86400`, `0 <= micros < 10**6`.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct Delta {
    pub days: i64,
    pub seconds: i64,
    pub micros: i64,
}

impl Delta {
    pub fn from_micros(total: i128) -> PyResult<Delta> {
        let days = total.div_euclid(US_PER_DAY);
        let rem = total.rem_euclid(US_PER_DAY);
        if days.abs() > MAX_DELTA_DAYS {
            return Err(overflow(&format!("days={days}; must have magnitude <= 999999999")));
        }
        Ok(Delta { days: days as i64, seconds: (rem / US_PER_SEC) as i64, micros: (rem % US_PER_SEC) as i64 })
    }

    pub fn total(&self) -> i128 {
        self.days as i128 * US_PER_DAY + self.seconds as i128 * US_PER_SEC + self.micros as i128
    }

    pub fn into_py(self) -> Py {
        obj(self)
    }

    fn total_seconds(&self) -> f64 {
        let t = self.total();
        if t.unsigned_abs() < (1u128 << 53) {
            t as f64 / 1e6
        } else {
            big_true_div(&BigInt::from(t), &BigInt::from(1_000_000))
        }
    }

    fn repr(&self) -> String {
        let mut args = Vec::new();
        if self.days != 0 {
            args.push(format!("days={}", self.days));
        }
        if self.seconds != 0 {
            args.push(format!("seconds={}", self.seconds));
        }
        if self.micros != 0 {
            args.push(format!("microseconds={}", self.micros));
        }
        if args.is_empty() {
            args.push("0".into());
        }
        format!("datetime.timedelta({})", args.join(", "))
    }

    fn str(&self) -> String {
        let (mm, ss) = (self.seconds / 60, self.seconds % 60);
        let (hh, mm) = (mm / 60, mm % 60);
        let mut s = format!("{hh}:{mm:02}:{ss:02}");
        if self.days != 0 {
            s = format!("{} day{}, {s}", self.days, if self.days.abs() != 1 { "s" } else { "" });
        }
        if self.micros != 0 {
            s.push_str(&format!(".{:06}", self.micros));
        }
        s
    }
}

/// `a / b` for ints, correctly rounded like Python's int true division.
fn big_true_div(a: &BigInt, b: &BigInt) -> f64 {
    // scale so the quotient has ~64 significant bits, then let f64 parsing round
    let q = (a * BigInt::from(10).pow(30)) / b;
    let s = q.to_string();
    let (neg, digits) = match s.strip_prefix('-') {
        Some(d) => (true, d.to_string()),
        None => (false, s),
    };
    let txt = format!("{}{}e-30", if neg { "-" } else { "" }, digits);
    txt.parse().unwrap_or(0.0)
}

/// Round `num / den` half to even (den > 0).
fn div_round_half_even(num: &BigInt, den: &BigInt) -> BigInt {
    let (q, r) = num.div_mod_floor(den);
    let twice: BigInt = &r * BigInt::from(2);
    match twice.cmp(den) {
        Ordering::Greater => q + 1,
        Ordering::Less => q,
        Ordering::Equal => {
            if q.is_odd() {
                q + 1
            } else {
                q
            }
        }
    }
}

/// `f.as_integer_ratio()`
fn float_ratio(f: f64) -> (BigInt, BigInt) {
    if f == 0.0 {
        return (BigInt::zero(), BigInt::from(1));
    }
    let bits = f.to_bits();
    let sign = if bits >> 63 == 1 { -1 } else { 1 };
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    let (mant, e) = if exp == 0 { (frac, -1074) } else { (frac | (1u64 << 52), exp - 1075) };
    let mut num: BigInt = BigInt::from(mant) * BigInt::from(sign);
    let mut den = BigInt::from(1);
    if e >= 0 {
        num <<= e as usize;
    } else {
        den <<= (-e) as usize;
    }
    let g = num.gcd(&den);
    (num / &g, den / g)
}

fn int_arg(v: &Py) -> PyResult<i64> {
    match v {
        Py::Int(i) => Ok(*i),
        Py::Bool(b) => Ok(*b as i64),
        Py::BigInt(_) => Err(overflow("Python int too large to convert to C int")),
        other => Err(type_err(format!("'{}' object cannot be interpreted as an integer", other.type_name()))),
    }
}

/// `timedelta(days, seconds, microseconds, milliseconds, minutes, hours, weeks)` with
/// CPython's exact handling of float arguments.
fn make_delta(a: Args) -> PyResult<Py> {
    let [days, seconds, micros, millis, minutes, hours, weeks] = a.bind(
        "timedelta",
        ["days", "seconds", "microseconds", "milliseconds", "minutes", "hours", "weeks"],
        0,
    )?;
    // CPython accumulates in this order: us, ms, s, min, h, d, w
    let parts: [(Option<Py>, i128); 7] = [
        (micros, 1),
        (millis, 1000),
        (seconds, US_PER_SEC),
        (minutes, 60 * US_PER_SEC),
        (hours, 3600 * US_PER_SEC),
        (days, US_PER_DAY),
        (weeks, 7 * US_PER_DAY),
    ];
    let mut sum = BigInt::zero();
    let mut leftover = 0.0f64;
    for (v, factor) in parts {
        let v = match v {
            None => continue,
            Some(v) => v,
        };
        match &v {
            Py::Int(_) | Py::Bool(_) | Py::BigInt(_) => {
                sum += super::format::as_bigint(&v).unwrap() * BigInt::from(factor);
            }
            Py::Float(f) => {
                let f = *f;
                if !f.is_finite() {
                    return Err(if f.is_nan() {
                        value_err("cannot convert float NaN to integer")
                    } else {
                        overflow("cannot convert float infinity to integer")
                    });
                }
                let intpart = f.trunc();
                let fracpart = f - intpart;
                sum += super::format::bigint_from_f64(intpart) * BigInt::from(factor);
                if fracpart != 0.0 {
                    let d = factor as f64 * fracpart;
                    let ip = d.trunc();
                    sum += super::format::bigint_from_f64(ip);
                    leftover += d - ip;
                }
            }
            other => {
                return Err(type_err(format!(
                    "unsupported type for timedelta {} component: {}",
                    match factor {
                        1 => "microseconds",
                        1000 => "milliseconds",
                        US_PER_SEC => "seconds",
                        f if f == 60 * US_PER_SEC => "minutes",
                        f if f == 3600 * US_PER_SEC => "hours",
                        f if f == US_PER_DAY => "days",
                        _ => "weeks",
                    },
                    other.type_name()
                )))
            }
        }
    }
    if leftover != 0.0 {
        let mut whole = leftover.round();
        if (whole - leftover).abs() == 0.5 {
            let x_is_odd = if sum.is_odd() { 1.0 } else { 0.0 };
            whole = 2.0 * ((leftover + x_is_odd) * 0.5).round() - x_is_odd;
        }
        sum += BigInt::from(whole as i64);
    }
    let total = sum.to_i128().filter(|t| (t / US_PER_DAY).abs() <= MAX_DELTA_DAYS + 1);
    match total {
        Some(t) => Ok(Delta::from_micros(t)?.into_py()),
        None => {
            let days = sum.div_floor(&BigInt::from(US_PER_DAY));
            Err(overflow(&format!("days={days}; must have magnitude <= 999999999")))
        }
    }
}

fn delta_of(v: &Py) -> Option<Delta> {
    downcast::<Delta>(v).copied()
}

impl Object for Delta {
    fn type_name(&self) -> &str {
        "timedelta"
    }
    fn getattr(&self, _this: &Py, name: &str) -> Option<PyResult<Py>> {
        Some(Ok(match name {
            "days" => Py::Int(self.days),
            "seconds" => Py::Int(self.seconds),
            "microseconds" => Py::Int(self.micros),
            _ => return no_attr("timedelta", name),
        }))
    }
    fn call_method(&self, _this: &Py, name: &str, args: Args) -> Option<PyResult<Py>> {
        Some(match name {
            "total_seconds" => args.bind("total_seconds", [], 0).map(|_| Py::Float(self.total_seconds())),
            "__format__" => fmt_via_str(args, Delta::str(self), "datetime.timedelta"),
            _ => return None,
        })
    }
    fn repr(&self) -> String {
        Delta::repr(self)
    }
    fn str(&self) -> String {
        Delta::str(self)
    }
    fn eq(&self, other: &dyn Object) -> Option<bool> {
        Some(other.as_any().downcast_ref::<Delta>().map(|o| o == self).unwrap_or(false))
    }
    fn cmp(&self, other: &dyn Object) -> Option<Ordering> {
        other.as_any().downcast_ref::<Delta>().map(|o| Ord::cmp(self, o))
    }
    fn hash(&self) -> Option<u64> {
        Some(self.total() as u64 ^ 0x5bd1e995)
    }
    fn truthy(&self) -> bool {
        self.total() != 0
    }
    fn binop(&self, op: &str, this: &Py, other: &Py) -> Option<PyResult<Py>> {
        let me = self.total();
        let zero_div = || PyErr::msg(&exc::ZERO_DIVISION_ERROR, "integer division or modulo by zero");
        match op {
            "neg" => return Some(Delta::from_micros(-me).map(Delta::into_py)),
            "pos" => return Some(Ok(this.clone())),
            "abs" => return Some(Delta::from_micros(me.abs()).map(Delta::into_py)),
            _ => {}
        }
        if let Some(o) = delta_of(other) {
            let ot = o.total();
            return Some(match op {
                "+" | "r+" => Delta::from_micros(me + ot).map(Delta::into_py),
                "-" => Delta::from_micros(me - ot).map(Delta::into_py),
                "r-" => Delta::from_micros(ot - me).map(Delta::into_py),
                "/" => {
                    if ot == 0 {
                        Err(zero_div())
                    } else {
                        Ok(Py::Float(big_true_div(&BigInt::from(me), &BigInt::from(ot))))
                    }
                }
                "//" => {
                    if ot == 0 {
                        Err(zero_div())
                    } else {
                        Ok(super::format::int_from_bigint(BigInt::from(me).div_floor(&BigInt::from(ot))))
                    }
                }
                "%" => {
                    if ot == 0 {
                        Err(zero_div())
                    } else {
                        let r = BigInt::from(me).mod_floor(&BigInt::from(ot));
                        Delta::from_micros(r.to_i128().unwrap()).map(Delta::into_py)
                    }
                }
                "divmod" => {
                    if ot == 0 {
                        Err(zero_div())
                    } else {
                        let (q, r) = BigInt::from(me).div_mod_floor(&BigInt::from(ot));
                        Delta::from_micros(r.to_i128().unwrap())
                            .map(|r| Py::tuple(vec![super::format::int_from_bigint(q), r.into_py()]))
                    }
                }
                _ => return unsupported(op_symbol(op), this, other),
            });
        }
        if let Some(rest) = op.strip_suffix("divmod") {
            if matches!(other, Py::Object(_)) {
                return None; // the other operand may know
            }
            let (a, b) = if rest == "r" { (other, this) } else { (this, other) };
            return Some(Err(type_err(format!(
                "unsupported operand type(s) for divmod(): '{}' and '{}'",
                qualified_type(a),
                qualified_type(b)
            ))));
        }
        match (op, other) {
            ("*" | "r*", Py::Int(_) | Py::Bool(_) | Py::BigInt(_)) => {
                let n = super::format::as_bigint(other).unwrap();
                let t = BigInt::from(me) * n;
                Some(match t.to_i128() {
                    Some(t) => Delta::from_micros(t).map(Delta::into_py),
                    None => Err(overflow("Python int too large to convert to C int")),
                })
            }
            ("*" | "r*", Py::Float(f)) => {
                let (n, d) = float_ratio(*f);
                let r = div_round_half_even(&(BigInt::from(me) * n), &d);
                Some(Delta::from_micros(r.to_i128().unwrap_or(i128::MAX)).map(Delta::into_py))
            }
            ("/", Py::Int(_) | Py::Bool(_) | Py::BigInt(_)) => {
                let n = super::format::as_bigint(other).unwrap();
                if n.is_zero() {
                    return Some(Err(zero_div()));
                }
                let (num, den) = if n.is_negative() { (-BigInt::from(me), -n) } else { (BigInt::from(me), n) };
                let r = div_round_half_even(&num, &den);
                Some(Delta::from_micros(r.to_i128().unwrap()).map(Delta::into_py))
            }
            ("/", Py::Float(f)) => {
                let (n, d) = float_ratio(*f);
                if n.is_zero() {
                    return Some(Err(PyErr::msg(&exc::ZERO_DIVISION_ERROR, "division by zero")));
                }
                let (num, den) = (BigInt::from(me) * d, n);
                let (num, den) = if den.is_negative() { (-num, -den) } else { (num, den) };
                let r = div_round_half_even(&num, &den);
                Some(match r.to_i128() {
                    Some(r) => Delta::from_micros(r).map(Delta::into_py),
                    None => Err(overflow("date value out of range")),
                })
            }
            ("//", Py::Int(_) | Py::Bool(_) | Py::BigInt(_)) => {
                let n = super::format::as_bigint(other).unwrap();
                if n.is_zero() {
                    return Some(Err(zero_div()));
                }
                let r = BigInt::from(me).div_floor(&n);
                Some(Delta::from_micros(r.to_i128().unwrap()).map(Delta::into_py))
            }
            _ => match other {
                Py::Object(_) => None,
                _ => unsupported(op_symbol(op), this, other),
            },
        }
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn op_symbol(op: &str) -> &str {
    op.strip_prefix('r').filter(|s| !s.is_empty()).unwrap_or(op)
}

/// `object.__format__`: only the empty spec is allowed.
fn fmt_via_str(args: Args, s: String, tname: &str) -> PyResult<Py> {
    let [spec] = args.bind("__format__", ["format_spec"], 1)?;
    let spec = spec.unwrap();
    match &spec {
        Py::Str(sp) if sp.is_empty() => Ok(Py::from(s)),
        Py::Str(_) => Err(type_err(format!("unsupported format string passed to {tname}.__format__"))),
        other => Err(type_err(format!("__format__() argument must be str, not {}", other.type_name()))),
    }
}

/// AttributeError with the C type's qualified name, as CPython words it.
fn no_attr(tname: &str, name: &str) -> Option<PyResult<Py>> {
    if name.starts_with("__") {
        return None;
    }
    Some(Err(PyErr::msg(&exc::ATTRIBUTE_ERROR, format!("'datetime.{tname}' object has no attribute '{name}'"))))
}

// ---------------------------------------------------------------------------------------
// timezone
// ---------------------------------------------------------------------------------------

/// A fixed-offset `datetime.timezone`.
pub struct Tz {
    /// Offset in microseconds (strictly within ±24h).
    pub offset: i64,
    pub name: Option<String>,
}

thread_local! {
    static UTC: Rc<Tz> = Rc::new(Tz { offset: 0, name: None });
}

fn utc() -> Rc<Tz> {
    UTC.with(|u| u.clone())
}

fn tz_py(tz: &Rc<Tz>) -> Py {
    Py::Object(tz.clone())
}

fn tz_of(v: &Py) -> Option<Rc<Tz>> {
    match v {
        Py::Object(o) => {
            if o.as_any().downcast_ref::<Tz>().is_some() {
                // Keep the same allocation (so `dt.tzinfo is tz` holds): turn the
                // Rc<dyn Object> back into the Rc<Tz> it was coerced from.
                let raw = Rc::into_raw(o.clone()) as *const Tz;
                // SAFETY: the downcast above proves the pointee is a `Tz`, and this Rc was
                // created as `Rc<Tz>` and unsize-coerced, which `Rc::from_raw` allows.
                // (Trait upcasting to `Rc<dyn Any>` would avoid this but needs Rust 1.86.)
                Some(unsafe { Rc::from_raw(raw) })
            } else {
                None
            }
        }
        _ => None,
    }
}

fn offset_str(offset_us: i64, sep: &str) -> String {
    let sign = if offset_us < 0 { '-' } else { '+' };
    let d = offset_us.unsigned_abs();
    let (secs, us) = (d / 1_000_000, d % 1_000_000);
    let (hh, mm, ss) = (secs / 3600, secs / 60 % 60, secs % 60);
    let mut s = format!("{sign}{hh:02}{sep}{mm:02}");
    if ss != 0 || us != 0 {
        s.push_str(&format!("{sep}{ss:02}"));
    }
    if us != 0 {
        s.push_str(&format!(".{us:06}"));
    }
    s
}

impl Tz {
    fn tzname(&self) -> String {
        if let Some(n) = &self.name {
            return n.clone();
        }
        if self.offset == 0 {
            return "UTC".into();
        }
        format!("UTC{}", offset_str(self.offset, ":"))
    }

    fn is_utc_singleton(&self) -> bool {
        UTC.with(|u| std::ptr::eq(Rc::as_ptr(u), self as *const Tz))
    }
}

fn make_tz(offset: &Py, name: Option<Py>) -> PyResult<Py> {
    let d = delta_of(offset).ok_or_else(|| {
        type_err(format!("timezone() argument 1 must be datetime.timedelta, not {}", offset.type_name()))
    })?;
    let name = match name {
        None => None,
        Some(Py::Str(s)) => Some(s.to_string()),
        Some(other) => {
            return Err(type_err(format!("timezone() argument 2 must be str, not {}", other.type_name())))
        }
    };
    let t = d.total();
    if t.abs() >= 24 * 3600 * US_PER_SEC {
        return Err(value_err(format!(
            "offset must be a timedelta strictly between -timedelta(hours=24) and timedelta(hours=24), not {}.",
            d.repr()
        )));
    }
    if t == 0 && name.is_none() {
        return Ok(tz_py(&utc()));
    }
    Ok(Py::Object(Rc::new(Tz { offset: t as i64, name })))
}

impl Object for Tz {
    fn type_name(&self) -> &str {
        "timezone"
    }
    fn getattr(&self, _this: &Py, _name: &str) -> Option<PyResult<Py>> {
        None
    }
    fn call_method(&self, _this: &Py, name: &str, args: Args) -> Option<PyResult<Py>> {
        Some(match name {
            "utcoffset" => args
                .bind("utcoffset", ["dt"], 1)
                .and_then(|_| Delta::from_micros(self.offset as i128).map(Delta::into_py)),
            "tzname" => args.bind("tzname", ["dt"], 1).map(|_| Py::str(&self.tzname())),
            "dst" => args.bind("dst", ["dt"], 1).map(|_| Py::None),
            "fromutc" => args.bind("fromutc", ["dt"], 1).and_then(|[dt]| {
                let dt = dt.unwrap();
                let d = downcast::<DateTime>(&dt)
                    .ok_or_else(|| type_err("fromutc: argument must be a datetime"))?;
                d.shift(self.offset as i128).map(|x| x.into_py())
            }),
            "__format__" => fmt_via_str(args, self.tzname(), "datetime.timezone"),
            _ => return None,
        })
    }
    fn repr(&self) -> String {
        if self.is_utc_singleton() {
            return "datetime.timezone.utc".into();
        }
        let d = Delta::from_micros(self.offset as i128).unwrap();
        match &self.name {
            Some(n) => format!("datetime.timezone({}, {})", d.repr(), super::repr::str_repr(n)),
            None => format!("datetime.timezone({})", d.repr()),
        }
    }
    fn str(&self) -> String {
        self.tzname()
    }
    fn eq(&self, other: &dyn Object) -> Option<bool> {
        Some(other.as_any().downcast_ref::<Tz>().map(|o| o.offset == self.offset).unwrap_or(false))
    }
    fn hash(&self) -> Option<u64> {
        Some(self.offset as u64 ^ 0x2545f491)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

// ---------------------------------------------------------------------------------------
// date
// ---------------------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

fn check_date(y: i64, m: i64, d: i64) -> PyResult<NaiveDate> {
    if !(1..=9999).contains(&y) {
        return Err(value_err(format!("year {y} is out of range")));
    }
    if !(1..=12).contains(&m) {
        return Err(value_err("month must be in 1..12"));
    }
    NaiveDate::from_ymd_opt(y as i32, m as u32, d.clamp(0, 40) as u32)
        .filter(|_| d >= 1)
        .ok_or_else(|| value_err("day is out of range for month"))
}

fn ordinal(d: NaiveDate) -> i64 {
    d.num_days_from_ce() as i64
}

fn from_ordinal(o: i64) -> PyResult<NaiveDate> {
    if !(1..=MAX_ORDINAL).contains(&o) {
        return Err(overflow("date value out of range"));
    }
    Ok(NaiveDate::from_num_days_from_ce_opt(o as i32).unwrap())
}

const DAY_ABBR: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const DAY_FULL: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const MON_ABBR: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const MON_FULL: [&str; 12] = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
];

fn weekday(d: NaiveDate) -> usize {
    d.weekday().num_days_from_monday() as usize
}

fn date_iso(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

fn ctime(d: NaiveDate, h: u32, m: u32, s: u32) -> String {
    format!(
        "{} {} {:2} {:02}:{:02}:{:02} {:04}",
        DAY_ABBR[weekday(d)],
        MON_ABBR[d.month0() as usize],
        d.day(),
        h,
        m,
        s,
        d.year()
    )
}

/// `d.isocalendar()`: an `IsoCalendarDate(year, week, weekday)` named tuple.
fn isocalendar(d: NaiveDate) -> Py {
    let w = d.iso_week();
    let values = vec![Py::Int(w.year() as i64), Py::Int(w.week() as i64), Py::Int(weekday(d) as i64 + 1)];
    let fields = Py::list(vec![Py::str("year"), Py::str("week"), Py::str("weekday")]);
    super::collections::namedtuple(Args::pos(vec![Py::str("IsoCalendarDate"), fields]))
        .and_then(|class| class.call(Args::pos(values.clone())))
        .unwrap_or_else(|_| Py::tuple(values))
}

impl Date {
    pub fn into_py(self) -> Py {
        obj(self)
    }
    fn tm(&self) -> Tm {
        Tm { date: self.0, hour: 0, minute: 0, second: 0, micro: 0, offset: None, tzname: None }
    }
}

fn date_replace(d: NaiveDate, args: Args) -> PyResult<NaiveDate> {
    let [y, m, dd] = args.bind("replace", ["year", "month", "day"], 0)?;
    let y = y.map(|v| int_arg(&v)).transpose()?.unwrap_or(d.year() as i64);
    let m = m.map(|v| int_arg(&v)).transpose()?.unwrap_or(d.month() as i64);
    let dd = dd.map(|v| int_arg(&v)).transpose()?.unwrap_or(d.day() as i64);
    check_date(y, m, dd)
}

fn date_common(d: NaiveDate, name: &str) -> Option<Py> {
    Some(match name {
        "year" => Py::Int(d.year() as i64),
        "month" => Py::Int(d.month() as i64),
        "day" => Py::Int(d.day() as i64),
        _ => return None,
    })
}

impl Object for Date {
    fn type_name(&self) -> &str {
        "date"
    }
    fn getattr(&self, _this: &Py, name: &str) -> Option<PyResult<Py>> {
        match date_common(self.0, name) {
            Some(v) => Some(Ok(v)),
            None => no_attr("date", name),
        }
    }
    fn call_method(&self, _this: &Py, name: &str, args: Args) -> Option<PyResult<Py>> {
        let d = self.0;
        let noargs = |args: Args, n: &str| args.bind(n, [], 0).map(|_| ());
        Some(match name {
            "isoformat" => noargs(args, name).map(|_| Py::str(&date_iso(d))),
            "strftime" => strftime_args(args, &self.tm()),
            "__format__" => format_args(args, &self.tm(), date_iso(d)),
            "weekday" => noargs(args, name).map(|_| Py::Int(weekday(d) as i64)),
            "isoweekday" => noargs(args, name).map(|_| Py::Int(weekday(d) as i64 + 1)),
            "toordinal" => noargs(args, name).map(|_| Py::Int(ordinal(d))),
            "isocalendar" => noargs(args, name).map(|_| isocalendar(d)),
            "ctime" => noargs(args, name).map(|_| Py::str(&ctime(d, 0, 0, 0))),
            "replace" => date_replace(d, args).map(|d| Date(d).into_py()),
            "timetuple" => noargs(args, name).map(|_| timetuple(&self.tm(), -1)),
            _ => return None,
        })
    }
    fn repr(&self) -> String {
        format!("datetime.date({}, {}, {})", self.0.year(), self.0.month(), self.0.day())
    }
    fn str(&self) -> String {
        date_iso(self.0)
    }
    fn eq(&self, other: &dyn Object) -> Option<bool> {
        Some(other.as_any().downcast_ref::<Date>().map(|o| o == self).unwrap_or(false))
    }
    fn cmp(&self, other: &dyn Object) -> Option<Ordering> {
        other.as_any().downcast_ref::<Date>().map(|o| self.0.cmp(&o.0))
    }
    fn hash(&self) -> Option<u64> {
        Some(ordinal(self.0) as u64 ^ 0x9e3779b9)
    }
    fn binop(&self, op: &str, this: &Py, other: &Py) -> Option<PyResult<Py>> {
        if let Some(td) = delta_of(other) {
            return match op {
                "+" | "r+" => Some(from_ordinal(ordinal(self.0) + td.days).map(|d| Date(d).into_py())),
                "-" => Some(from_ordinal(ordinal(self.0) - td.days).map(|d| Date(d).into_py())),
                _ => unsupported(op_symbol(op), this, other),
            };
        }
        if let Some(o) = downcast::<Date>(other) {
            return match op {
                "-" => Some(Delta::from_micros((ordinal(self.0) - ordinal(o.0)) as i128 * US_PER_DAY).map(Delta::into_py)),
                _ => unsupported(op_symbol(op), this, other),
            };
        }
        if op.starts_with('r') {
            return unsupported(op_symbol(op), other, this);
        }
        unsupported(op_symbol(op), this, other)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

// ---------------------------------------------------------------------------------------
// time (what `datetime.time()` returns)
// ---------------------------------------------------------------------------------------

pub struct Time {
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
    pub micro: u32,
    pub tz: Option<Rc<Tz>>,
}

fn time_iso(h: u32, m: u32, s: u32, us: u32, timespec: &str) -> PyResult<String> {
    Ok(match timespec {
        "auto" => {
            if us != 0 {
                format!("{h:02}:{m:02}:{s:02}.{us:06}")
            } else {
                format!("{h:02}:{m:02}:{s:02}")
            }
        }
        "hours" => format!("{h:02}"),
        "minutes" => format!("{h:02}:{m:02}"),
        "seconds" => format!("{h:02}:{m:02}:{s:02}"),
        "milliseconds" => format!("{h:02}:{m:02}:{s:02}.{:03}", us / 1000),
        "microseconds" => format!("{h:02}:{m:02}:{s:02}.{us:06}"),
        _ => return Err(value_err("Unknown timespec value")),
    })
}

fn timespec_arg(v: Option<Py>) -> PyResult<String> {
    match v {
        None => Ok("auto".into()),
        Some(Py::Str(s)) => Ok(s.to_string()),
        Some(other) => Err(type_err(format!("isoformat() argument 2 must be str, not {}", other.type_name()))),
    }
}

impl Time {
    fn iso(&self, timespec: &str) -> PyResult<String> {
        let mut s = time_iso(self.hour, self.minute, self.second, self.micro, timespec)?;
        if let Some(tz) = &self.tz {
            s.push_str(&offset_str(tz.offset, ":"));
        }
        Ok(s)
    }
    fn tm(&self) -> Tm {
        Tm {
            date: NaiveDate::from_ymd_opt(1900, 1, 1).unwrap(),
            hour: self.hour,
            minute: self.minute,
            second: self.second,
            micro: self.micro,
            offset: self.tz.as_ref().map(|t| t.offset),
            tzname: self.tz.as_ref().map(|t| t.tzname()),
        }
    }
    fn key(&self) -> (u32, u32, u32, u32) {
        (self.hour, self.minute, self.second, self.micro)
    }
}

impl Object for Time {
    fn type_name(&self) -> &str {
        "time"
    }
    fn getattr(&self, _this: &Py, name: &str) -> Option<PyResult<Py>> {
        Some(Ok(match name {
            "hour" => Py::Int(self.hour as i64),
            "minute" => Py::Int(self.minute as i64),
            "second" => Py::Int(self.second as i64),
            "microsecond" => Py::Int(self.micro as i64),
            "tzinfo" => self.tz.as_ref().map(tz_py).unwrap_or(Py::None),
            "fold" => Py::Int(0),
            _ => return no_attr("time", name),
        }))
    }
    fn call_method(&self, _this: &Py, name: &str, args: Args) -> Option<PyResult<Py>> {
        Some(match name {
            "isoformat" => args
                .bind("isoformat", ["timespec"], 0)
                .and_then(|[ts]| self.iso(&timespec_arg(ts)?))
                .map(|s| Py::str(&s)),
            "strftime" => strftime_args(args, &self.tm()),
            "__format__" => match self.iso("auto") {
                Ok(s) => format_args(args, &self.tm(), s),
                Err(e) => Err(e),
            },
            "replace" => (|| {
                let v = bind_c(args, &["hour", "minute", "second", "microsecond", "tzinfo", "fold"], 0, 5)?;
                let g = |i: usize, cur: u32| -> PyResult<i64> { v[i].as_ref().map(int_arg).transpose().map(|o| o.unwrap_or(cur as i64)) };
                let tz = match &v[4] {
                    Some(t) => tz_arg(t)?,
                    None => self.tz.clone(),
                };
                let d = build_datetime(1, 1, 1, g(0, self.hour)?, g(1, self.minute)?, g(2, self.second)?, g(3, self.micro)?, tz)?;
                Ok(obj(Time { hour: d.hour, minute: d.minute, second: d.second, micro: d.micro, tz: d.tz }))
            })(),
            "utcoffset" => args.bind("utcoffset", [], 0).and_then(|_| match &self.tz {
                Some(tz) => Delta::from_micros(tz.offset as i128).map(Delta::into_py),
                None => Ok(Py::None),
            }),
            _ => return None,
        })
    }
    fn repr(&self) -> String {
        let mut parts = vec![self.hour.to_string(), self.minute.to_string()];
        if self.second != 0 || self.micro != 0 {
            parts.push(self.second.to_string());
        }
        if self.micro != 0 {
            parts.push(self.micro.to_string());
        }
        let mut s = format!("datetime.time({})", parts.join(", "));
        if let Some(tz) = &self.tz {
            s.pop();
            s.push_str(&format!(", tzinfo={})", tz.repr()));
        }
        s
    }
    fn str(&self) -> String {
        self.iso("auto").unwrap()
    }
    fn eq(&self, other: &dyn Object) -> Option<bool> {
        Some(other.as_any().downcast_ref::<Time>().map(|o| o.key() == self.key()).unwrap_or(false))
    }
    fn cmp(&self, other: &dyn Object) -> Option<Ordering> {
        other.as_any().downcast_ref::<Time>().map(|o| self.key().cmp(&o.key()))
    }
    fn hash(&self) -> Option<u64> {
        let (h, m, s, u) = self.key();
        Some((((h as u64 * 60 + m as u64) * 60 + s as u64) * 1_000_000 + u as u64) ^ 0x1234567)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

// ---------------------------------------------------------------------------------------
// datetime
// ---------------------------------------------------------------------------------------

#[derive(Clone)]
pub struct DateTime {
    pub date: NaiveDate,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
    pub micro: u32,
    pub tz: Option<Rc<Tz>>,
}

impl DateTime {
    pub fn into_py(self) -> Py {
        obj(self)
    }

    /// Microseconds since 0001-01-01T00:00 of the wall time.
    fn wall_micros(&self) -> i128 {
        (ordinal(self.date) - 1) as i128 * US_PER_DAY
            + ((self.hour as i128 * 60 + self.minute as i128) * 60 + self.second as i128) * US_PER_SEC
            + self.micro as i128
    }

    /// Microseconds since 0001-01-01T00:00 UTC (naive values count as UTC/local).
    fn utc_micros(&self) -> i128 {
        self.wall_micros() - self.tz.as_ref().map(|t| t.offset as i128).unwrap_or(0)
    }

    fn from_wall_micros(t: i128, tz: Option<Rc<Tz>>) -> PyResult<DateTime> {
        let days = t.div_euclid(US_PER_DAY);
        let rem = t.rem_euclid(US_PER_DAY);
        let date = from_ordinal(days as i64 + 1)?;
        let secs = (rem / US_PER_SEC) as u32;
        Ok(DateTime {
            date,
            hour: secs / 3600,
            minute: secs / 60 % 60,
            second: secs % 60,
            micro: (rem % US_PER_SEC) as u32,
            tz,
        })
    }

    fn shift(&self, us: i128) -> PyResult<DateTime> {
        DateTime::from_wall_micros(self.wall_micros() + us, self.tz.clone())
    }

    fn iso(&self, sep: &str, timespec: &str) -> PyResult<String> {
        let mut s = format!("{}{sep}{}", date_iso(self.date), time_iso(self.hour, self.minute, self.second, self.micro, timespec)?);
        if let Some(tz) = &self.tz {
            s.push_str(&offset_str(tz.offset, ":"));
        }
        Ok(s)
    }

    fn tm(&self) -> Tm {
        Tm {
            date: self.date,
            hour: self.hour,
            minute: self.minute,
            second: self.second,
            micro: self.micro,
            offset: self.tz.as_ref().map(|t| t.offset),
            tzname: self.tz.as_ref().map(|t| t.tzname()),
        }
    }

    fn timestamp(&self) -> f64 {
        let epoch = (ordinal(NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()) - 1) as i128 * US_PER_DAY;
        let t = self.utc_micros() - epoch;
        Delta::from_micros(t).map(|d| d.total_seconds()).unwrap_or(f64::NAN)
    }

    fn replace(&self, args: Args) -> PyResult<DateTime> {
        let [y, mo, d, h, mi, s, us, tz, _fold] = args.bind(
            "replace",
            ["year", "month", "day", "hour", "minute", "second", "microsecond", "tzinfo", "fold"],
            0,
        )?;
        let get = |v: Option<Py>, cur: i64| -> PyResult<i64> { v.map(|v| int_arg(&v)).transpose().map(|o| o.unwrap_or(cur)) };
        let tz = match tz {
            None => self.tz.clone(),
            Some(v) => tz_arg(&v)?,
        };
        build_datetime(
            get(y, self.date.year() as i64)?,
            get(mo, self.date.month() as i64)?,
            get(d, self.date.day() as i64)?,
            get(h, self.hour as i64)?,
            get(mi, self.minute as i64)?,
            get(s, self.second as i64)?,
            get(us, self.micro as i64)?,
            tz,
        )
    }

    fn astimezone(&self, tz: Option<Rc<Tz>>) -> PyResult<DateTime> {
        let target = match tz {
            Some(t) => t,
            // the local zone: UTC in Lambda, named like time.tzname
            None => Rc::new(Tz { offset: 0, name: Some("UTC".into()) }),
        };
        let utc_us = self.utc_micros();
        DateTime::from_wall_micros(utc_us + target.offset as i128, Some(target))
    }
}

fn tz_arg(v: &Py) -> PyResult<Option<Rc<Tz>>> {
    match v {
        Py::None => Ok(None),
        other => match tz_of(other) {
            Some(t) => Ok(Some(t)),
            None => Err(type_err(format!(
                "tzinfo argument must be None or of a tzinfo subclass, not type '{}'",
                other.type_name()
            ))),
        },
    }
}

#[allow(clippy::too_many_arguments)]
fn build_datetime(y: i64, mo: i64, d: i64, h: i64, mi: i64, s: i64, us: i64, tz: Option<Rc<Tz>>) -> PyResult<DateTime> {
    let date = check_date(y, mo, d)?;
    if !(0..=23).contains(&h) {
        return Err(value_err("hour must be in 0..23"));
    }
    if !(0..=59).contains(&mi) {
        return Err(value_err("minute must be in 0..59"));
    }
    if !(0..=59).contains(&s) {
        return Err(value_err("second must be in 0..59"));
    }
    if !(0..=999_999).contains(&us) {
        return Err(value_err("microsecond must be in 0..999999"));
    }
    Ok(DateTime { date, hour: h as u32, minute: mi as u32, second: s as u32, micro: us as u32, tz })
}

/// Bind constructor arguments the way C functions with `PyArg_ParseTupleAndKeywords` do.
fn bind_c(args: Args, names: &[&str], required: usize, max_pos: usize) -> PyResult<Vec<Option<Py>>> {
    let n = max_pos;
    if args.pos.len() > n {
        return Err(type_err(format!(
            "function takes at most {n} positional arguments ({} given)",
            args.pos.len()
        )));
    }
    let mut out: Vec<Option<Py>> = vec![None; names.len()];
    for (i, v) in args.pos.into_iter().enumerate() {
        out[i] = Some(v);
    }
    for (k, v) in args.kw {
        match names.iter().position(|nm| *nm == k) {
            Some(i) if out[i].is_some() => {
                return Err(type_err(format!(
                    "argument for function given by name ('{k}') and position ({})",
                    i + 1
                )))
            }
            Some(i) => out[i] = Some(v),
            None => return Err(type_err(format!("'{k}' is an invalid keyword argument for this function"))),
        }
    }
    for (i, name) in names.iter().enumerate().take(required) {
        if out[i].is_none() {
            return Err(type_err(format!("function missing required argument '{name}' (pos {})", i + 1)));
        }
    }
    Ok(out)
}

fn new_datetime(args: Args) -> PyResult<Py> {
    let v = bind_c(
        args,
        &["year", "month", "day", "hour", "minute", "second", "microsecond", "tzinfo", "fold"],
        3,
        8,
    )?;
    let g = |i: usize| -> PyResult<i64> { v[i].as_ref().map(int_arg).transpose().map(|o| o.unwrap_or(0)) };
    let tz = match &v[7] {
        Some(t) => tz_arg(t)?,
        None => None,
    };
    Ok(build_datetime(g(0)?, g(1)?, g(2)?, g(3)?, g(4)?, g(5)?, g(6)?, tz)?.into_py())
}

fn new_time(args: Args) -> PyResult<Py> {
    let v = bind_c(args, &["hour", "minute", "second", "microsecond", "tzinfo", "fold"], 0, 5)?;
    let g = |i: usize| -> PyResult<i64> { v[i].as_ref().map(int_arg).transpose().map(|o| o.unwrap_or(0)) };
    let tz = match &v[4] {
        Some(t) => tz_arg(t)?,
        None => None,
    };
    let d = build_datetime(1, 1, 1, g(0)?, g(1)?, g(2)?, g(3)?, tz)?;
    Ok(obj(Time { hour: d.hour, minute: d.minute, second: d.second, micro: d.micro, tz: d.tz }))
}

fn new_date(args: Args) -> PyResult<Py> {
    let v = bind_c(args, &["year", "month", "day"], 3, 3)?;
    let g = |i: usize| -> PyResult<i64> { int_arg(v[i].as_ref().unwrap()) };
    Ok(Date(check_date(g(0)?, g(1)?, g(2)?)?).into_py())
}

fn dt_of(v: &Py) -> Option<&DateTime> {
    downcast::<DateTime>(v)
}

impl Object for DateTime {
    fn type_name(&self) -> &str {
        "datetime"
    }
    fn getattr(&self, _this: &Py, name: &str) -> Option<PyResult<Py>> {
        if let Some(v) = date_common(self.date, name) {
            return Some(Ok(v));
        }
        Some(Ok(match name {
            "hour" => Py::Int(self.hour as i64),
            "minute" => Py::Int(self.minute as i64),
            "second" => Py::Int(self.second as i64),
            "microsecond" => Py::Int(self.micro as i64),
            "tzinfo" => self.tz.as_ref().map(tz_py).unwrap_or(Py::None),
            "fold" => Py::Int(0),
            _ => return no_attr("datetime", name),
        }))
    }
    fn call_method(&self, _this: &Py, name: &str, args: Args) -> Option<PyResult<Py>> {
        let noargs = |args: Args, n: &str| args.bind(n, [], 0).map(|_| ());
        Some(match name {
            "isoformat" => (|| {
                let [sep, ts] = args.bind("isoformat", ["sep", "timespec"], 0)?;
                let sep = match sep {
                    None => "T".to_string(),
                    Some(Py::Str(s)) if s.chars().count() == 1 => s.to_string(),
                    Some(Py::Str(_)) => {
                        return Err(type_err("isoformat() argument 1 must be a unicode character, not str"))
                    }
                    Some(o) => {
                        return Err(type_err(format!(
                            "isoformat() argument 1 must be a unicode character, not {}",
                            o.type_name()
                        )))
                    }
                };
                Ok(Py::str(&self.iso(&sep, &timespec_arg(ts)?)?))
            })(),
            "strftime" => strftime_args(args, &self.tm()),
            "__format__" => format_args(args, &self.tm(), self.iso(" ", "auto").unwrap()),
            "date" => noargs(args, name).map(|_| Date(self.date).into_py()),
            "time" => noargs(args, name).map(|_| {
                obj(Time { hour: self.hour, minute: self.minute, second: self.second, micro: self.micro, tz: None })
            }),
            "timetz" => noargs(args, name).map(|_| {
                obj(Time { hour: self.hour, minute: self.minute, second: self.second, micro: self.micro, tz: self.tz.clone() })
            }),
            "timestamp" => noargs(args, name).map(|_| Py::Float(self.timestamp())),
            "weekday" => noargs(args, name).map(|_| Py::Int(weekday(self.date) as i64)),
            "isoweekday" => noargs(args, name).map(|_| Py::Int(weekday(self.date) as i64 + 1)),
            "toordinal" => noargs(args, name).map(|_| Py::Int(ordinal(self.date))),
            "isocalendar" => noargs(args, name).map(|_| isocalendar(self.date)),
            "ctime" => noargs(args, name).map(|_| Py::str(&ctime(self.date, self.hour, self.minute, self.second))),
            "replace" => self.replace(args).map(DateTime::into_py),
            "astimezone" => args
                .bind("astimezone", ["tz"], 0)
                .and_then(|[tz]| self.astimezone(match tz { None => None, Some(t) => tz_arg(&t)? }))
                .map(DateTime::into_py),
            "utcoffset" => noargs(args, name).and_then(|_| match &self.tz {
                None => Ok(Py::None),
                Some(t) => Delta::from_micros(t.offset as i128).map(Delta::into_py),
            }),
            "tzname" => noargs(args, name).map(|_| match &self.tz {
                None => Py::None,
                Some(t) => Py::str(&t.tzname()),
            }),
            "dst" => noargs(args, name).map(|_| Py::None),
            "timetuple" => noargs(args, name).map(|_| timetuple(&self.tm(), -1)),
            "utctimetuple" => noargs(args, name).and_then(|_| {
                let u = DateTime::from_wall_micros(self.utc_micros(), None)?;
                Ok(timetuple(&u.tm(), 0))
            }),
            _ => return None,
        })
    }
    fn repr(&self) -> String {
        let mut parts: Vec<String> = vec![
            self.date.year().to_string(),
            self.date.month().to_string(),
            self.date.day().to_string(),
            self.hour.to_string(),
            self.minute.to_string(),
            self.second.to_string(),
            self.micro.to_string(),
        ];
        if parts.last().unwrap() == "0" {
            parts.pop();
            if parts.last().unwrap() == "0" {
                parts.pop();
            }
        }
        let mut s = format!("datetime.datetime({})", parts.join(", "));
        if let Some(tz) = &self.tz {
            s.pop();
            s.push_str(&format!(", tzinfo={})", tz.repr()));
        }
        s
    }
    fn str(&self) -> String {
        self.iso(" ", "auto").unwrap()
    }
    fn eq(&self, other: &dyn Object) -> Option<bool> {
        Some(match other.as_any().downcast_ref::<DateTime>() {
            Some(o) if self.tz.is_some() == o.tz.is_some() => self.utc_micros() == o.utc_micros(),
            _ => false,
        })
    }
    fn cmp(&self, other: &dyn Object) -> Option<Ordering> {
        match other.as_any().downcast_ref::<DateTime>() {
            Some(o) if self.tz.is_some() == o.tz.is_some() => Some(self.utc_micros().cmp(&o.utc_micros())),
            _ => None,
        }
    }
    fn compare_with(&self, op: &str, other: &Py, _reflected: bool) -> Option<PyResult<bool>> {
        // Ordering a naive and an aware datetime is CPython's own TypeError (`==` is False).
        let Py::Object(o) = other else { return None };
        let o = o.as_any().downcast_ref::<DateTime>()?;
        (op != "==" && self.tz.is_some() != o.tz.is_some())
            .then(|| Err(type_err("can't compare offset-naive and offset-aware datetimes")))
    }
    fn hash(&self) -> Option<u64> {
        Some(self.utc_micros() as u64 ^ if self.tz.is_some() { 0x2f6b_1c3d } else { 0x7f4a7c15 })
    }
    fn binop(&self, op: &str, this: &Py, other: &Py) -> Option<PyResult<Py>> {
        if let Some(td) = delta_of(other) {
            return match op {
                "+" | "r+" => Some(self.shift(td.total()).map(DateTime::into_py).map_err(|_| overflow("date value out of range"))),
                "-" => Some(self.shift(-td.total()).map(DateTime::into_py).map_err(|_| overflow("date value out of range"))),
                _ => unsupported(op_symbol(op), this, other),
            };
        }
        if let Some(o) = dt_of(other) {
            if op == "-" {
                if self.tz.is_some() != o.tz.is_some() {
                    return Some(Err(type_err("can't subtract offset-naive and offset-aware datetimes")));
                }
                return Some(Delta::from_micros(self.utc_micros() - o.utc_micros()).map(Delta::into_py));
            }
        }
        if let Some(stripped) = op.strip_prefix('r') {
            if !stripped.is_empty() {
                return unsupported(stripped, other, this);
            }
        }
        unsupported(op_symbol(op), this, other)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

// ---------------------------------------------------------------------------------------
// strftime
// ---------------------------------------------------------------------------------------

/// The broken-down time `strftime` renders.
pub struct Tm {
    pub date: NaiveDate,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
    pub micro: u32,
    pub offset: Option<i64>,
    pub tzname: Option<String>,
}

/// `timetuple()`/`utctimetuple()`: a `time.struct_time` (`isdst` is -1, or 0 for UTC).
fn timetuple(tm: &Tm, isdst: i64) -> Py {
    let d = tm.date;
    super::collections::struct_seq("time.struct_time", &STRUCT_TIME_FIELDS, vec![
        Py::Int(d.year() as i64),
        Py::Int(d.month() as i64),
        Py::Int(d.day() as i64),
        Py::Int(tm.hour as i64),
        Py::Int(tm.minute as i64),
        Py::Int(tm.second as i64),
        Py::Int(weekday(d) as i64),
        Py::Int(d.ordinal() as i64),
        Py::Int(isdst),
    ])
}

const STRUCT_TIME_FIELDS: [&str; 9] =
    ["tm_year", "tm_mon", "tm_mday", "tm_hour", "tm_min", "tm_sec", "tm_wday", "tm_yday", "tm_isdst"];

fn strftime_args(args: Args, tm: &Tm) -> PyResult<Py> {
    let [fmt] = args.bind("strftime", ["format"], 1)?;
    match fmt.unwrap() {
        Py::Str(f) => Ok(Py::str(&strftime(tm, &f))),
        other => Err(type_err(format!("strftime() argument 1 must be str, not {}", other.type_name()))),
    }
}

fn format_args(args: Args, tm: &Tm, default: String) -> PyResult<Py> {
    let [spec] = args.bind("__format__", ["format_spec"], 1)?;
    match spec.unwrap() {
        Py::Str(s) if s.is_empty() => Ok(Py::str(&default)),
        Py::Str(s) => Ok(Py::str(&strftime(tm, &s))),
        other => Err(type_err(format!("__format__() argument 1 must be str, not {}", other.type_name()))),
    }
}

/// `strftime` with CPython's own `%f`/`%z`/`%Z` and glibc's C-locale directives and flags.
#[allow(clippy::manual_is_multiple_of)]
pub fn strftime(tm: &Tm, fmt: &str) -> String {
    let c: Vec<char> = fmt.chars().collect();
    let mut out = String::new();
    let d = tm.date;
    let wd = weekday(d); // Monday = 0
    let sunday_wd = (wd + 1) % 7; // Sunday = 0
    let yday0 = d.ordinal0() as usize;
    let h12 = if tm.hour % 12 == 0 { 12 } else { tm.hour % 12 };
    let mut i = 0;
    while i < c.len() {
        if c[i] != '%' {
            out.push(c[i]);
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        // glibc flags and width
        let mut flag: Option<char> = None;
        let mut upper = false;
        while i < c.len() && matches!(c[i], '-' | '_' | '0' | '^' | '#') {
            match c[i] {
                '^' | '#' => upper = true,
                f => flag = Some(f),
            }
            i += 1;
        }
        let wstart = i;
        while i < c.len() && c[i].is_ascii_digit() {
            i += 1;
        }
        let width: Option<usize> = if i > wstart { c[wstart..i].iter().collect::<String>().parse().ok() } else { None };
        while i < c.len() && matches!(c[i], 'E' | 'O') {
            i += 1;
        }
        if i >= c.len() {
            out.extend(&c[start..]);
            break;
        }
        let conv = c[i];
        i += 1;
        // numeric directive: (value, default width, default pad char)
        let num = |v: i64, w: usize, pad: char| -> String {
            let (w, pad) = match flag {
                Some('-') => (0, pad),
                Some('_') => (width.unwrap_or(w), ' '),
                Some('0') => (width.unwrap_or(w), '0'),
                _ => (width.unwrap_or(w), pad),
            };
            let s = v.abs().to_string();
            let sign = if v < 0 { "-" } else { "" };
            let n = sign.len() + s.len();
            if n >= w {
                format!("{sign}{s}")
            } else if pad == '0' {
                format!("{sign}{}{s}", "0".repeat(w - n))
            } else {
                format!("{}{sign}{s}", " ".repeat(w - n))
            }
        };
        let text = |s: String| -> String {
            let s = if upper { s.to_uppercase() } else { s };
            match width {
                Some(w) if s.chars().count() < w => {
                    let pad = if flag == Some('0') { '0' } else { ' ' };
                    format!("{}{s}", pad.to_string().repeat(w - s.chars().count()))
                }
                _ => s,
            }
        };
        let year = d.year() as i64;
        let piece = match conv {
            'a' => text(DAY_ABBR[wd].into()),
            'A' => text(DAY_FULL[wd].into()),
            'b' | 'h' => text(MON_ABBR[d.month0() as usize].into()),
            'B' => text(MON_FULL[d.month0() as usize].into()),
            'c' => text(ctime(d, tm.hour, tm.minute, tm.second).replacen(&format!("{:04}", year), &year.to_string(), 1)),
            'C' => num(year / 100, if year >= 1000 { 2 } else { 1 }, '0'),
            'd' => num(d.day() as i64, 2, '0'),
            'D' => text(format!("{:02}/{:02}/{:02}", d.month(), d.day(), year % 100)),
            'e' => num(d.day() as i64, 2, ' '),
            'F' => text(format!("{}-{:02}-{:02}", year, d.month(), d.day())),
            'G' => num(d.iso_week().year() as i64, 1, '0'),
            'g' => num(d.iso_week().year() as i64 % 100, 2, '0'),
            'H' => num(tm.hour as i64, 2, '0'),
            'I' => num(h12 as i64, 2, '0'),
            'j' => num(yday0 as i64 + 1, 3, '0'),
            'k' => num(tm.hour as i64, 2, ' '),
            'l' => num(h12 as i64, 2, ' '),
            'm' => num(d.month() as i64, 2, '0'),
            'M' => num(tm.minute as i64, 2, '0'),
            'n' => "\n".into(),
            't' => "\t".into(),
            'p' => text(if tm.hour < 12 { "AM" } else { "PM" }.into()),
            'P' => text(if tm.hour < 12 { "am" } else { "pm" }.into()),
            'r' => text(format!("{:02}:{:02}:{:02} {}", h12, tm.minute, tm.second, if tm.hour < 12 { "AM" } else { "PM" })),
            'R' => text(format!("{:02}:{:02}", tm.hour, tm.minute)),
            's' => {
                let wall = (ordinal(d) - ordinal(NaiveDate::from_ymd_opt(1970, 1, 1).unwrap())) * 86400
                    + (tm.hour as i64 * 60 + tm.minute as i64) * 60
                    + tm.second as i64;
                num(wall, 1, '0')
            }
            'S' => num(tm.second as i64, 2, '0'),
            'T' => text(format!("{:02}:{:02}:{:02}", tm.hour, tm.minute, tm.second)),
            'u' => num(wd as i64 + 1, 1, '0'),
            'U' => num(((yday0 + 7 - sunday_wd) / 7) as i64, 2, '0'),
            'V' => num(d.iso_week().week() as i64, 2, '0'),
            'w' => num(sunday_wd as i64, 1, '0'),
            'W' => num(((yday0 + 7 - wd) / 7) as i64, 2, '0'),
            'x' => text(format!("{:02}/{:02}/{:02}", d.month(), d.day(), year % 100)),
            'X' => text(format!("{:02}:{:02}:{:02}", tm.hour, tm.minute, tm.second)),
            'y' => num(year % 100, 2, '0'),
            'Y' => num(year, 1, '0'),
            'f' if flag.is_none() && width.is_none() => format!("{:06}", tm.micro),
            'z' if flag.is_none() && width.is_none() => match tm.offset {
                Some(o) => offset_str(o, ""),
                None => String::new(),
            },
            'Z' if flag.is_none() && width.is_none() => tm.tzname.clone().unwrap_or_default(),
            '%' => "%".into(),
            _ => c[start..i].iter().collect(),
        };
        out.push_str(&piece);
    }
    out
}

// ---------------------------------------------------------------------------------------
// strptime
// ---------------------------------------------------------------------------------------

enum Elem {
    Lit(char),
    Ws,
    Dir(char),
}

/// Candidate lengths (in the regex's preference order) for simple alternations written
/// with `d` = any ASCII digit and `[xy]` = a range.
fn alt_candidates(s: &[char], pos: usize, alts: &[&str]) -> Vec<usize> {
    let mut out = Vec::new();
    'alt: for alt in alts {
        let pat: Vec<char> = alt.chars().collect();
        let (mut pi, mut si) = (0, pos);
        while pi < pat.len() {
            let ch = match s.get(si) {
                Some(c) => *c,
                None => continue 'alt,
            };
            match pat[pi] {
                'd' => {
                    if !ch.is_ascii_digit() {
                        continue 'alt;
                    }
                    pi += 1;
                }
                '[' => {
                    let (lo, hi) = (pat[pi + 1], pat[pi + 3]);
                    if !(lo..=hi).contains(&ch) {
                        continue 'alt;
                    }
                    pi += 5;
                }
                lit => {
                    if ch != lit {
                        continue 'alt;
                    }
                    pi += 1;
                }
            }
            si += 1;
        }
        out.push(si - pos);
    }
    out
}

fn names_candidates(s: &[char], pos: usize, names: &[&str]) -> Vec<usize> {
    let mut sorted: Vec<&str> = names.to_vec();
    sorted.sort_by_key(|n| std::cmp::Reverse(n.len()));
    let mut out = Vec::new();
    for n in sorted {
        let nc: Vec<char> = n.chars().collect();
        if pos + nc.len() <= s.len()
            && s[pos..pos + nc.len()].iter().zip(nc.iter()).all(|(a, b)| a.to_lowercase().eq(b.to_lowercase()))
        {
            out.push(nc.len());
        }
    }
    out
}

fn z_candidates(s: &[char], pos: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let at = |i: usize| s.get(i).copied();
    let digit = |i: usize| at(i).map(|c| c.is_ascii_digit()).unwrap_or(false);
    let d05 = |i: usize| at(i).map(|c| ('0'..='5').contains(&c)).unwrap_or(false);
    if matches!(at(pos), Some('+' | '-')) && digit(pos + 1) && digit(pos + 2) {
        let p = pos + 3;
        // ':?' greedy: with the colon first
        let colon_opts: Vec<usize> = if at(p) == Some(':') { vec![p + 1, p] } else { vec![p] };
        for q in colon_opts {
            if !(d05(q) && digit(q + 1)) {
                continue;
            }
            let q = q + 2;
            // optional (:?[0-5]\d(\.\d{1,6})?) greedy: try present first
            let colon2: Vec<usize> = if at(q) == Some(':') { vec![q + 1, q] } else { vec![q] };
            for r in colon2 {
                if d05(r) && digit(r + 1) {
                    let r = r + 2;
                    if at(r) == Some('.') && digit(r + 1) {
                        let mut n = 0;
                        while n < 6 && digit(r + 1 + n) {
                            n += 1;
                        }
                        for k in (1..=n).rev() {
                            out.push(r + 1 + k - pos);
                        }
                    }
                    out.push(r - pos);
                }
            }
            out.push(q - pos);
        }
    }
    if at(pos) == Some('Z') {
        out.push(1);
    }
    out
}

fn dir_candidates(d: char, s: &[char], pos: usize) -> Vec<usize> {
    match d {
        'd' => alt_candidates(s, pos, &["3[0-1]", "[1-2]d", "0[1-9]", "[1-9]", " [1-9]"]),
        'f' => {
            let mut n = 0;
            while n < 6 && s.get(pos + n).map(|c| c.is_ascii_digit()).unwrap_or(false) {
                n += 1;
            }
            (1..=n).rev().collect()
        }
        'H' => alt_candidates(s, pos, &["2[0-3]", "[0-1]d", "d"]),
        'I' => alt_candidates(s, pos, &["1[0-2]", "0[1-9]", "[1-9]"]),
        'G' | 'Y' => alt_candidates(s, pos, &["dddd"]),
        'j' => alt_candidates(s, pos, &["36[0-6]", "3[0-5]d", "[1-2]dd", "0[1-9]d", "00[1-9]", "[1-9]d", "0[1-9]", "[1-9]"]),
        'm' => alt_candidates(s, pos, &["1[0-2]", "0[1-9]", "[1-9]"]),
        'M' => alt_candidates(s, pos, &["[0-5]d", "d"]),
        'S' => alt_candidates(s, pos, &["6[0-1]", "[0-5]d", "d"]),
        'U' | 'W' => alt_candidates(s, pos, &["5[0-3]", "[0-4]d", "d"]),
        'w' => alt_candidates(s, pos, &["[0-6]"]),
        'u' => alt_candidates(s, pos, &["[1-7]"]),
        'V' => alt_candidates(s, pos, &["5[0-3]", "0[1-9]", "[1-4]d", "d"]),
        'y' => alt_candidates(s, pos, &["dd"]),
        'z' => z_candidates(s, pos),
        'A' => names_candidates(s, pos, &DAY_FULL),
        'a' => names_candidates(s, pos, &DAY_ABBR),
        'B' => names_candidates(s, pos, &MON_FULL),
        'b' => names_candidates(s, pos, &MON_ABBR),
        'p' => names_candidates(s, pos, &["AM", "PM"]),
        'Z' => names_candidates(s, pos, &["UTC", "GMT"]),
        _ => Vec::new(),
    }
}

type Captures = Vec<(char, String)>;

fn match_elems(elems: &[Elem], s: &[char], pos: usize, caps: &mut Captures) -> Option<usize> {
    let Some(first) = elems.first() else { return Some(pos) };
    match first {
        Elem::Lit(c) => {
            let ch = *s.get(pos)?;
            if ch == *c || ch.to_lowercase().eq(c.to_lowercase()) {
                match_elems(&elems[1..], s, pos + 1, caps)
            } else {
                None
            }
        }
        Elem::Ws => {
            let mut n = 0;
            while s.get(pos + n).map(|c| c.is_whitespace()).unwrap_or(false) {
                n += 1;
            }
            for k in (1..=n).rev() {
                if let Some(end) = match_elems(&elems[1..], s, pos + k, caps) {
                    return Some(end);
                }
            }
            None
        }
        Elem::Dir(d) => {
            for len in dir_candidates(*d, s, pos) {
                let mark = caps.len();
                caps.push((*d, s[pos..pos + len].iter().collect()));
                if let Some(end) = match_elems(&elems[1..], s, pos + len, caps) {
                    return Some(end);
                }
                caps.truncate(mark);
            }
            None
        }
    }
}

fn compile_strptime(fmt: &str) -> PyResult<Vec<Elem>> {
    let c: Vec<char> = fmt.chars().collect();
    let mut elems = Vec::new();
    let mut i = 0;
    let expand = |elems: &mut Vec<Elem>, f: &str| {
        for ch in f.chars() {
            match ch {
                ' ' => elems.push(Elem::Ws),
                ':' | '/' => elems.push(Elem::Lit(ch)),
                _ => elems.push(Elem::Dir(ch)),
            }
        }
    };
    while i < c.len() {
        let ch = c[i];
        if ch.is_whitespace() {
            while i < c.len() && c[i].is_whitespace() {
                i += 1;
            }
            elems.push(Elem::Ws);
            continue;
        }
        if ch != '%' {
            elems.push(Elem::Lit(ch));
            i += 1;
            continue;
        }
        let Some(&d) = c.get(i + 1) else {
            return Err(value_err(format!("stray % in format '{fmt}'")));
        };
        i += 2;
        match d {
            'd' | 'f' | 'H' | 'I' | 'G' | 'j' | 'm' | 'M' | 'S' | 'U' | 'W' | 'w' | 'u' | 'V' | 'y' | 'Y' | 'z'
            | 'A' | 'a' | 'B' | 'b' | 'p' | 'Z' => elems.push(Elem::Dir(d)),
            '%' => elems.push(Elem::Lit('%')),
            'c' => {
                // "%a %b %d %H:%M:%S %Y"
                for (k, part) in ["a", " ", "b", " ", "d", " ", "H", ":", "M", ":", "S", " ", "Y"].iter().enumerate() {
                    let _ = k;
                    expand(&mut elems, part);
                }
            }
            'x' => {
                for part in ["m", "/", "d", "/", "y"] {
                    expand(&mut elems, part);
                }
            }
            'X' => {
                for part in ["H", ":", "M", ":", "S"] {
                    expand(&mut elems, part);
                }
            }
            d if d.is_whitespace() || "\\.^$*+?(){}[]|".contains(d) => {
                return Err(value_err(format!("'%' is a bad directive in format '{fmt}'")))
            }
            d => return Err(value_err(format!("'{d}' is a bad directive in format '{fmt}'"))),
        }
    }
    Ok(elems)
}

fn strptime(data: &str, fmt: &str) -> PyResult<DateTime> {
    let elems = compile_strptime(fmt)?;
    let s: Vec<char> = data.chars().collect();
    let mut caps = Vec::new();
    let end = match match_elems(&elems, &s, 0, &mut caps) {
        Some(e) => e,
        None => {
            return Err(value_err(format!(
                "time data {} does not match format {}",
                super::repr::str_repr(data),
                super::repr::str_repr(fmt)
            )))
        }
    };
    if end != s.len() {
        let rest: String = s[end..].iter().collect();
        return Err(value_err(format!("unconverted data remains: {rest}")));
    }
    let num = |t: &str| -> i64 { t.trim().parse().unwrap_or(0) };
    let (mut year, mut iso_year): (Option<i64>, Option<i64>) = (None, None);
    let (mut month, mut day, mut hour, mut minute, mut second, mut fraction) = (1i64, 1i64, 0i64, 0i64, 0i64, 0i64);
    let mut gmtoff: Option<i64> = None; // microseconds
    let (mut weekday_v, mut julian, mut week_of_year, mut week_starts_mon, mut iso_week): (
        Option<i64>,
        Option<i64>,
        Option<i64>,
        bool,
        Option<i64>,
    ) = (None, None, None, false, None);
    let mut tzname: Option<String> = None;
    let ampm = caps.iter().find(|(k, _)| *k == 'p').map(|(_, v)| v.to_lowercase());
    let find_name = |names: &[&str], v: &str| names.iter().position(|n| n.to_lowercase() == v.to_lowercase()).unwrap() as i64;
    for (k, v) in &caps {
        match k {
            'y' => {
                let y = num(v);
                year = Some(if y <= 68 { y + 2000 } else { y + 1900 });
            }
            'Y' => year = Some(num(v)),
            'G' => iso_year = Some(num(v)),
            'm' => month = num(v),
            'B' => month = find_name(&MON_FULL, v) + 1,
            'b' => month = find_name(&MON_ABBR, v) + 1,
            'd' => day = num(v),
            'H' => hour = num(v),
            'I' => {
                hour = num(v);
                match ampm.as_deref() {
                    None | Some("am") => {
                        if hour == 12 {
                            hour = 0
                        }
                    }
                    _ => {
                        if hour != 12 {
                            hour += 12
                        }
                    }
                }
            }
            'M' => minute = num(v),
            'S' => second = num(v),
            'f' => fraction = num(&format!("{v:0<6}")),
            'A' => weekday_v = Some(find_name(&DAY_FULL, v)),
            'a' => weekday_v = Some(find_name(&DAY_ABBR, v)),
            'w' => {
                let w = num(v);
                weekday_v = Some(if w == 0 { 6 } else { w - 1 });
            }
            'u' => weekday_v = Some(num(v) - 1),
            'j' => julian = Some(num(v)),
            'U' | 'W' => {
                week_of_year = Some(num(v));
                week_starts_mon = *k == 'W';
            }
            'V' => iso_week = Some(num(v)),
            'z' => {
                if v == "Z" {
                    gmtoff = Some(0);
                } else {
                    let mut z: Vec<char> = v.chars().collect();
                    if z[3] == ':' {
                        z.remove(3);
                        if z.len() > 5 {
                            if z[5] != ':' {
                                return Err(value_err(format!("Inconsistent use of : in {v}")));
                            }
                            z.remove(5);
                        }
                    }
                    let zs: String = z.iter().collect();
                    let sl = |a: usize, b: usize| -> String { zs.chars().skip(a).take(b.saturating_sub(a)).collect() };
                    let int = |t: String| -> PyResult<i64> {
                        t.trim().parse::<i64>().map_err(|_| {
                            value_err(format!("invalid literal for int() with base 10: {}", super::repr::str_repr(&t)))
                        })
                    };
                    let hours = int(sl(1, 3))?;
                    let minutes = int(sl(3, 5))?;
                    let sec_s = sl(5, 7);
                    let seconds = if sec_s.is_empty() { 0 } else { int(sec_s)? };
                    let rem = sl(8, usize::MAX);
                    let frac = int(format!("{rem:0<6}"))?;
                    let mut off = ((hours * 60 + minutes) * 60 + seconds) * 1_000_000 + frac;
                    if zs.starts_with('-') {
                        off = -off;
                    }
                    gmtoff = Some(off);
                }
            }
            'Z' => tzname = Some(v.clone()),
            _ => {}
        }
    }
    if year.is_none() && iso_year.is_some() {
        if iso_week.is_none() || weekday_v.is_none() {
            return Err(value_err("ISO year directive '%G' must be used with the ISO week directive '%V' and a weekday directive ('%A', '%a', '%w', or '%u')."));
        }
        if julian.is_some() {
            return Err(value_err("Day of the year directive '%j' is not compatible with ISO year directive '%G'. Use '%Y' instead."));
        }
    } else if week_of_year.is_none() && iso_week.is_some() {
        if weekday_v.is_none() {
            return Err(value_err("ISO week directive '%V' must be used with the ISO year directive '%G' and a weekday directive ('%A', '%a', '%w', or '%u')."));
        } else {
            return Err(value_err("ISO week directive '%V' is incompatible with the year directive '%Y'. Use the ISO year '%G' instead."));
        }
    }
    let mut leap_year_fix = false;
    let mut y = match year {
        Some(y) => y,
        None if month == 2 && day == 29 => {
            leap_year_fix = true;
            1904
        }
        None => 1900,
    };
    let jan1 = |y: i64| -> PyResult<i64> { Ok(ordinal(check_date(y, 1, 1)?)) };
    if julian.is_none() {
        if let Some(wdv) = weekday_v {
            if let Some(woy) = week_of_year {
                let mut first_weekday = weekday(check_date(y, 1, 1)?) as i64;
                let mut dow = wdv;
                if !week_starts_mon {
                    first_weekday = (first_weekday + 1) % 7;
                    dow = (dow + 1) % 7;
                }
                let week_0_length = (7 - first_weekday) % 7;
                julian = Some(if woy == 0 { 1 + dow - first_weekday } else { 1 + week_0_length + 7 * (woy - 1) + dow });
            } else if let (Some(iy), Some(iw)) = (iso_year, iso_week) {
                let correction = weekday(check_date(iy, 1, 4)?) as i64 + 1 + 3;
                let mut ord = iw * 7 + (wdv + 1) - correction;
                let mut iy = iy;
                if ord < 1 {
                    ord += jan1(iy)?;
                    iy -= 1;
                    ord -= jan1(iy)?;
                }
                y = iy;
                julian = Some(ord);
            }
            if let Some(j) = julian {
                if j <= 0 {
                    y -= 1;
                    let leap = NaiveDate::from_ymd_opt(y as i32, 2, 29).is_some();
                    julian = Some(j + if leap { 366 } else { 365 });
                }
            }
        }
    }
    if let Some(j) = julian {
        let d = from_ordinal(j - 1 + jan1(y)?).map_err(|_| value_err("year is out of range"))?;
        y = d.year() as i64;
        month = d.month() as i64;
        day = d.day() as i64;
    }
    if leap_year_fix {
        y = 1900;
    }
    let tz = match gmtoff {
        None => None,
        Some(off) => {
            let delta = Delta::from_micros(off as i128)?.into_py();
            let tzv = make_tz(&delta, tzname.map(|n| Py::str(&n)).filter(|n| n.truthy()))?;
            tz_of(&tzv)
        }
    };
    build_datetime(y, month, day, hour, minute, second, fraction, tz)
}

// ---------------------------------------------------------------------------------------
// fromisoformat (3.11 grammar)
// ---------------------------------------------------------------------------------------

fn digits(s: &[char], from: usize, n: usize) -> Result<i64, ()> {
    if from + n > s.len() || !s[from..from + n].iter().all(|c| c.is_ascii_digit()) {
        return Err(());
    }
    Ok(s[from..from + n].iter().collect::<String>().parse().unwrap())
}

#[allow(clippy::manual_is_multiple_of)]
fn iso_separator(s: &[char]) -> Result<usize, ()> {
    let n = s.len();
    if n == 7 {
        return Ok(7);
    }
    if s[4] == '-' {
        if s[5] == 'W' {
            if n > 8 && s[8] == '-' {
                if n == 9 {
                    return Err(());
                }
                if n > 10 && s[10].is_ascii_digit() {
                    return Ok(8);
                }
                return Ok(10);
            }
            return Ok(8);
        }
        Ok(10)
    } else if s[4] == 'W' {
        let mut idx = 7;
        while idx < n && s[idx].is_ascii_digit() {
            idx += 1;
        }
        if idx < 9 {
            return Ok(idx);
        }
        Ok(if idx % 2 == 0 { 7 } else { 8 })
    } else {
        Ok(8)
    }
}

enum IsoErr {
    Invalid,
    Value(PyErr),
}

fn iso_date(s: &[char]) -> Result<(i64, i64, i64), IsoErr> {
    if !matches!(s.len(), 7 | 8 | 10) {
        return Err(IsoErr::Invalid);
    }
    let year = digits(s, 0, 4).map_err(|_| IsoErr::Invalid)?;
    let has_sep = s[4] == '-';
    let mut pos = 4 + has_sep as usize;
    if s.get(pos) == Some(&'W') {
        pos += 1;
        let week = digits(s, pos, 2).map_err(|_| IsoErr::Invalid)?;
        pos += 2;
        let mut dayno = 1;
        if s.len() > pos {
            if (s[pos] == '-') != has_sep {
                return Err(IsoErr::Invalid);
            }
            pos += has_sep as usize;
            dayno = digits(s, pos, 1).map_err(|_| IsoErr::Invalid)?;
            if pos + 1 != s.len() {
                return Err(IsoErr::Invalid);
            }
        }
        if !(1..=9999).contains(&year) {
            return Err(IsoErr::Invalid);
        }
        let jan1 = check_date(year, 1, 1).map_err(IsoErr::Value)?;
        let first_weekday = weekday(jan1) as i64;
        if !(1..53).contains(&week) {
            let leap = NaiveDate::from_ymd_opt(year as i32, 2, 29).is_some();
            let ok = week == 53 && (first_weekday == 3 || (first_weekday == 2 && leap));
            if !ok {
                return Err(IsoErr::Invalid);
            }
        }
        if !(1..8).contains(&dayno) {
            return Err(IsoErr::Invalid);
        }
        // Monday of ISO week 1
        let jan4 = ordinal(check_date(year, 1, 4).map_err(IsoErr::Value)?);
        let week1_monday = jan4 - weekday(check_date(year, 1, 4).unwrap()) as i64;
        let ord = week1_monday + (week - 1) * 7 + (dayno - 1);
        let d = from_ordinal(ord).map_err(IsoErr::Value)?;
        return Ok((d.year() as i64, d.month() as i64, d.day() as i64));
    }
    let month = digits(s, pos, 2).map_err(|_| IsoErr::Invalid)?;
    pos += 2;
    if (s.get(pos) == Some(&'-')) != has_sep {
        return Err(IsoErr::Invalid);
    }
    pos += has_sep as usize;
    let day = digits(s, pos, 2).map_err(|_| IsoErr::Invalid)?;
    if pos + 2 != s.len() {
        return Err(IsoErr::Invalid);
    }
    Ok((year, month, day))
}

fn iso_hms(s: &[char]) -> Result<[i64; 4], ()> {
    let n = s.len();
    let mut comps = [0i64; 4];
    let mut pos = 0;
    let mut has_sep = false;
    #[allow(clippy::needless_range_loop)]
    for comp in 0..3 {
        if n - pos < 2 {
            return Err(());
        }
        comps[comp] = digits(s, pos, 2)?;
        pos += 2;
        let next = s.get(pos).copied();
        if comp == 0 {
            has_sep = next == Some(':');
        }
        if next.is_none() || comp >= 2 {
            break;
        }
        if has_sep && next != Some(':') {
            return Err(());
        }
        pos += has_sep as usize;
    }
    if pos < n {
        if s[pos] != '.' && s[pos] != ',' {
            return Err(());
        }
        pos += 1;
        let remainder = n - pos;
        let to_parse = remainder.min(6);
        if to_parse == 0 {
            return Err(());
        }
        let mut us = digits(s, pos, to_parse)?;
        for _ in to_parse..6 {
            us *= 10;
        }
        comps[3] = us;
        if remainder > to_parse && !s[pos + to_parse..].iter().all(|c| c.is_ascii_digit()) {
            return Err(());
        }
    }
    Ok(comps)
}

fn iso_time(s: &[char]) -> Result<([i64; 4], Option<Rc<Tz>>), ()> {
    let n = s.len();
    if n < 2 {
        return Err(());
    }
    let find = |c: char| s.iter().position(|x| *x == c).map(|p| p + 1).unwrap_or(0);
    let mut tz_pos = find('-');
    if tz_pos == 0 {
        tz_pos = find('+');
    }
    if tz_pos == 0 {
        tz_pos = find('Z');
    }
    let timestr = if tz_pos > 0 { &s[..tz_pos - 1] } else { s };
    let comps = iso_hms(timestr)?;
    let mut tz = None;
    if tz_pos == n && s[n - 1] == 'Z' {
        tz = Some(utc());
    } else if tz_pos > 0 {
        let tzstr = &s[tz_pos..];
        if matches!(tzstr.len(), 0 | 1 | 3) {
            return Err(());
        }
        let tc = iso_hms(tzstr)?;
        if tc.iter().all(|x| *x == 0) {
            tz = Some(utc());
        } else {
            let sign = if s[tz_pos - 1] == '-' { -1 } else { 1 };
            let off = sign * (((tc[0] * 60 + tc[1]) * 60 + tc[2]) * 1_000_000 + tc[3]);
            if off.abs() >= 86_400_000_000 {
                return Err(());
            }
            tz = Some(Rc::new(Tz { offset: off, name: None }));
        }
    }
    Ok((comps, tz))
}

fn fromisoformat_dt(text: &str) -> PyResult<DateTime> {
    let s: Vec<char> = text.chars().collect();
    let invalid = || value_err(format!("Invalid isoformat string: {}", super::repr::str_repr(text)));
    if s.len() < 7 {
        return Err(invalid());
    }
    let sep = iso_separator(&s).map_err(|_| invalid())?;
    let dstr = &s[..sep.min(s.len())];
    let tstr = if sep < s.len() { &s[sep + 1..] } else { &[][..] };
    let (y, m, d) = match iso_date(dstr) {
        Ok(v) => v,
        Err(IsoErr::Invalid) => return Err(invalid()),
        Err(IsoErr::Value(e)) => return Err(e),
    };
    if sep < s.len() && tstr.is_empty() {
        return Err(invalid());
    }
    let (comps, tz) = if tstr.is_empty() { ([0; 4], None) } else { iso_time(tstr).map_err(|_| invalid())? };
    build_datetime(y, m, d, comps[0], comps[1], comps[2], comps[3], tz)
}

// ---------------------------------------------------------------------------------------
// timestamps and the clock
// ---------------------------------------------------------------------------------------

fn now_micros() -> i128 {
    let d = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    d.as_micros() as i128
}

fn epoch_wall() -> i128 {
    (ordinal(NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()) - 1) as i128 * US_PER_DAY
}

/// `_PyTime_ObjectToTimeval(ts, ROUND_HALF_EVEN)`: seconds and microseconds.
fn timestamp_micros(ts: &Py) -> PyResult<i128> {
    match ts {
        Py::Int(_) | Py::Bool(_) | Py::BigInt(_) => {
            let b = super::format::as_bigint(ts).unwrap();
            b.to_i128()
                .and_then(|s| s.checked_mul(US_PER_SEC))
                .ok_or_else(|| overflow("timestamp out of range for platform time_t"))
        }
        Py::Float(f) => {
            let f = *f;
            if f.is_nan() {
                return Err(value_err("Invalid value NaN (not a number)"));
            }
            let mut intpart = f.trunc();
            let mut frac = (f - intpart) * 1e6;
            let r = frac.round();
            frac = if (r - frac).abs() == 0.5 { 2.0 * (frac / 2.0).round() } else { r };
            if frac >= 1e6 {
                frac -= 1e6;
                intpart += 1.0;
            } else if frac < 0.0 {
                frac += 1e6;
                intpart -= 1.0;
            }
            if intpart.abs() > 1e17 {
                return Err(overflow("timestamp out of range for platform time_t"));
            }
            Ok(intpart as i128 * US_PER_SEC + frac as i128)
        }
        other => Err(type_err(format!("'{}' object cannot be interpreted as an integer", other.type_name()))),
    }
}

fn from_utc_micros(us_since_epoch: i128, tz: Option<Rc<Tz>>) -> PyResult<DateTime> {
    let off = tz.as_ref().map(|t| t.offset as i128).unwrap_or(0);
    DateTime::from_wall_micros(epoch_wall() + us_since_epoch + off, tz)
        .map_err(|_| value_err("year is out of range"))
}

// ---------------------------------------------------------------------------------------
// The classes
// ---------------------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    DateTime,
    Date,
    Time,
    TimeDelta,
    Timezone,
}

struct Class(Kind);

impl Class {
    fn qualname(&self) -> &'static str {
        match self.0 {
            Kind::DateTime => "datetime",
            Kind::Date => "date",
            Kind::Time => "time",
            Kind::TimeDelta => "timedelta",
            Kind::Timezone => "timezone",
        }
    }
}

fn str_arg(fname: &str, v: &Py, argno: usize) -> PyResult<String> {
    match v {
        Py::Str(s) => Ok(s.to_string()),
        other => Err(type_err(format!("{fname}() argument {argno} must be str, not {}", other.type_name()))),
    }
}

impl Object for Class {
    fn type_name(&self) -> &str {
        "type"
    }
    fn getattr(&self, this: &Py, name: &str) -> Option<PyResult<Py>> {
        Some(Ok(match (self.0, name) {
            (_, "__name__" | "__qualname__") => Py::str(self.qualname()),
            (_, "__module__") => Py::str("datetime"),
            (Kind::Timezone, "utc") => tz_py(&utc()),
            (Kind::TimeDelta, "min") => Delta { days: -999_999_999, seconds: 0, micros: 0 }.into_py(),
            (Kind::TimeDelta, "max") => Delta { days: 999_999_999, seconds: 86399, micros: 999_999 }.into_py(),
            (Kind::TimeDelta, "resolution") => Delta { days: 0, seconds: 0, micros: 1 }.into_py(),
            (Kind::DateTime, "min") => build_datetime(1, 1, 1, 0, 0, 0, 0, None).unwrap().into_py(),
            (Kind::DateTime, "max") => build_datetime(9999, 12, 31, 23, 59, 59, 999_999, None).unwrap().into_py(),
            (Kind::Date, "min") => Date(check_date(1, 1, 1).unwrap()).into_py(),
            (Kind::Time, "min") => obj(Time { hour: 0, minute: 0, second: 0, micro: 0, tz: None }),
            (Kind::Time, "max") => obj(Time { hour: 23, minute: 59, second: 59, micro: 999_999, tz: None }),
            (Kind::Date, "max") => Date(check_date(9999, 12, 31).unwrap()).into_py(),
            _ => {
                // classmethods as bound callables (`f = datetime.now`)
                let known = matches!(
                    (self.0, name),
                    (Kind::DateTime, "now" | "utcnow" | "today" | "strptime" | "fromisoformat" | "fromtimestamp" | "utcfromtimestamp" | "combine" | "fromordinal")
                        | (Kind::Date, "today" | "fromisoformat" | "fromtimestamp" | "fromordinal")
                );
                if !known {
                    return None;
                }
                this.bound_method(name)
            }
        }))
    }
    fn call(&self, args: Args) -> Option<PyResult<Py>> {
        Some(match self.0 {
            Kind::DateTime => new_datetime(args),
            Kind::Date => new_date(args),
            Kind::Time => new_time(args),
            Kind::TimeDelta => make_delta(args),
            Kind::Timezone => args.bind("timezone", ["offset", "name"], 1).and_then(|[o, n]| make_tz(&o.unwrap(), n)),
        })
    }
    fn call_method(&self, this: &Py, name: &str, args: Args) -> Option<PyResult<Py>> {
        let r = match (self.0, name) {
            (_, "__instancecheck__") => (|| {
                let [v] = args.bind("__instancecheck__", ["instance"], 1)?;
                Ok(Py::Bool(is_instance(&v.unwrap(), this).unwrap_or(false)))
            })(),
            (Kind::DateTime, "strptime") => (|| {
                let [s, f] = args.bind("strptime", ["date_string", "format"], 2)?;
                let s = str_arg("strptime", &s.unwrap(), 1)?;
                let f = str_arg("strptime", &f.unwrap(), 2)?;
                Ok(strptime(&s, &f)?.into_py())
            })(),
            (Kind::DateTime, "fromisoformat") => (|| {
                let [s] = args.bind("fromisoformat", ["date_string"], 1)?;
                match s.unwrap() {
                    Py::Str(t) => Ok(fromisoformat_dt(&t)?.into_py()),
                    _ => Err(type_err("fromisoformat: argument must be str")),
                }
            })(),
            (Kind::Date, "fromisoformat") => (|| {
                let [s] = args.bind("fromisoformat", ["date_string"], 1)?;
                match s.unwrap() {
                    Py::Str(t) => {
                        let chars: Vec<char> = t.chars().collect();
                        match iso_date(&chars) {
                            Ok((y, m, d)) => Ok(Date(check_date(y, m, d)?).into_py()),
                            Err(IsoErr::Value(e)) => Err(e),
                            Err(IsoErr::Invalid) => Err(value_err(format!(
                                "Invalid isoformat string: {}",
                                super::repr::str_repr(&t)
                            ))),
                        }
                    }
                    _ => Err(type_err("fromisoformat: argument must be str")),
                }
            })(),
            (Kind::DateTime, "now") => (|| {
                let [tz] = args.bind("now", ["tz"], 0)?;
                let tz = match tz {
                    None => None,
                    Some(t) => tz_arg(&t)?,
                };
                Ok(from_utc_micros(now_micros(), tz)?.into_py())
            })(),
            (Kind::DateTime, "utcnow" | "today") => {
                args.bind(name, [], 0).and_then(|_| from_utc_micros(now_micros(), None).map(DateTime::into_py))
            }
            (Kind::Date, "today") => {
                args.bind("today", [], 0).and_then(|_| from_utc_micros(now_micros(), None).map(|d| Date(d.date).into_py()))
            }
            (Kind::DateTime, "fromtimestamp") => (|| {
                let [ts, tz] = args.bind("fromtimestamp", ["timestamp", "tz"], 1)?;
                let tz = match tz {
                    None => None,
                    Some(t) => tz_arg(&t)?,
                };
                Ok(from_utc_micros(timestamp_micros(&ts.unwrap())?, tz)?.into_py())
            })(),
            (Kind::DateTime, "utcfromtimestamp") => (|| {
                let [ts] = args.bind("utcfromtimestamp", ["timestamp"], 1)?;
                Ok(from_utc_micros(timestamp_micros(&ts.unwrap())?, None)?.into_py())
            })(),
            (Kind::Date, "fromtimestamp") => (|| {
                let [ts] = args.bind("fromtimestamp", ["timestamp"], 1)?;
                Ok(Date(from_utc_micros(timestamp_micros(&ts.unwrap())?, None)?.date).into_py())
            })(),
            (Kind::DateTime | Kind::Date, "fromordinal") => (|| {
                let [o] = args.bind("fromordinal", ["ordinal"], 1)?;
                let o = int_arg(&o.unwrap())?;
                if o < 1 {
                    return Err(value_err("ordinal must be >= 1"));
                }
                let d = from_ordinal(o).map_err(|_| value_err(format!("year {} is out of range", o / 365 + 1)))?;
                Ok(if self.0 == Kind::Date {
                    Date(d).into_py()
                } else {
                    DateTime { date: d, hour: 0, minute: 0, second: 0, micro: 0, tz: None }.into_py()
                })
            })(),
            (Kind::DateTime, "combine") => (|| {
                let [d, t, tz] = args.bind("combine", ["date", "time", "tzinfo"], 2)?;
                let (d, t) = (d.unwrap(), t.unwrap());
                let date = if let Some(x) = downcast::<Date>(&d) {
                    x.0
                } else if let Some(x) = dt_of(&d) {
                    x.date
                } else {
                    return Err(type_err(format!(
                        "combine() argument 1 must be datetime.date, not {}",
                        d.type_name()
                    )));
                };
                let tm = downcast::<Time>(&t).ok_or_else(|| {
                    type_err(format!("combine() argument 2 must be datetime.time, not {}", t.type_name()))
                })?;
                let tz = match tz {
                    None => tm.tz.clone(),
                    Some(v) => tz_arg(&v)?,
                };
                Ok(DateTime { date, hour: tm.hour, minute: tm.minute, second: tm.second, micro: tm.micro, tz }.into_py())
            })(),
            _ => return None,
        };
        Some(r)
    }
    fn repr(&self) -> String {
        format!("<class 'datetime.{}'>", self.qualname())
    }
    fn eq(&self, other: &dyn Object) -> Option<bool> {
        Some(other.as_any().downcast_ref::<Class>().map(|o| o.0 == self.0).unwrap_or(false))
    }
    fn hash(&self) -> Option<u64> {
        Some(self.0 as u64 + 0xda7e)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn class(kind: Kind) -> Py {
    Py::Type(TypeRef::Class(Rc::new(Class(kind))))
}

/// `datetime.datetime`
pub fn datetime_type() -> Py {
    class(Kind::DateTime)
}

/// `datetime.date`
pub fn date_type() -> Py {
    class(Kind::Date)
}

/// `datetime.time`
pub fn time_type() -> Py {
    class(Kind::Time)
}

/// `datetime.timedelta`
pub fn timedelta_type() -> Py {
    class(Kind::TimeDelta)
}

/// `datetime.timezone`
pub fn timezone_type() -> Py {
    class(Kind::Timezone)
}

/// `isinstance(v, datetime.<kind>)` for the class values above (`datetime` is a `date`).
pub fn is_instance(v: &Py, class: &Py) -> Option<bool> {
    let kind = match class {
        Py::Type(TypeRef::Class(c)) => c.as_any().downcast_ref::<Class>()?.0,
        _ => return None,
    };
    Some(match kind {
        Kind::DateTime => dt_of(v).is_some(),
        Kind::Date => dt_of(v).is_some() || downcast::<Date>(v).is_some(),
        Kind::Time => downcast::<Time>(v).is_some(),
        Kind::TimeDelta => delta_of(v).is_some(),
        Kind::Timezone => downcast::<Tz>(v).is_some(),
    })
}
