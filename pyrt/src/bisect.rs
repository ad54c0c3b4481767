//! `bisect`: `bisect_left`/`bisect_right` (`bisect`) and `insort_left`/`insort_right`
//! (`insort`) with `lo`, `hi` and `key=`, CPython's `_bisect` loop and errors.

use super::format::{type_err, value_err};
use super::value::*;

struct Bound {
    seq: Py,
    x: Py,
    lo: i64,
    hi: i64,
    key: Option<Py>,
}

fn parse(a: Args, fname: &str) -> PyResult<Bound> {
    let Args { pos, kw } = a;
    if pos.len() > 4 {
        return Err(type_err(format!("{fname}() takes at most 4 positional arguments ({} given)", pos.len() + kw.len())));
    }
    let names = ["a", "x", "lo", "hi", "key"];
    let mut slots: [Option<Py>; 5] = Default::default();
    for (i, v) in pos.into_iter().enumerate() {
        slots[i] = Some(v);
    }
    for (k, v) in kw {
        match names.iter().position(|n| *n == k) {
            Some(i) if slots[i].is_some() => {
                return Err(type_err(format!("argument for {fname}() given by name ('{k}') and position ({})", i + 1)))
            }
            Some(i) => slots[i] = Some(v),
            None => return Err(type_err(format!("'{k}' is an invalid keyword argument for {fname}()"))),
        }
    }
    let [seq, x, lo, hi, key] = slots;
    let seq = seq.ok_or_else(|| type_err(format!("{fname}() missing required argument 'a' (pos 1)")))?;
    let x = x.ok_or_else(|| type_err(format!("{fname}() missing required argument 'x' (pos 2)")))?;
    let lo = match lo {
        Some(v) => super::ops::index_of(&v)?,
        None => 0,
    };
    if lo < 0 {
        return Err(value_err("lo must be non-negative"));
    }
    let hi = match hi {
        None | Some(Py::None) => -1,
        Some(v) => super::ops::index_of(&v)?,
    };
    let hi = if hi == -1 { seq.len()? as i64 } else { hi };
    Ok(Bound { seq, x, lo, hi, key: key.filter(|k| !k.is_none()) })
}

fn search(b: &Bound, x: &Py, right: bool) -> PyResult<i64> {
    let (mut lo, mut hi) = (b.lo, b.hi);
    while lo < hi {
        let mid = ((lo as u64 + hi as u64) / 2) as i64;
        let mut item = b.seq.getitem(&Py::Int(mid))?;
        if let Some(key) = &b.key {
            item = key.call(Args::pos(vec![item]))?;
        }
        let go_left = if right { x.lt(&item)? } else { !item.lt(x)? };
        if go_left {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    Ok(lo)
}

/// `bisect.bisect_left(a, x, lo=0, hi=len(a), *, key=None)`
pub fn bisect_left(a: Args) -> PyResult<Py> {
    let b = parse(a, "bisect_left")?;
    search(&b, &b.x, false).map(Py::Int)
}

/// `bisect.bisect_right(...)` (also `bisect.bisect`)
pub fn bisect_right(a: Args) -> PyResult<Py> {
    let b = parse(a, "bisect_right")?;
    search(&b, &b.x, true).map(Py::Int)
}

fn insort(a: Args, fname: &str, right: bool) -> PyResult<Py> {
    let b = parse(a, fname)?;
    let probe = match &b.key {
        Some(k) => k.call(Args::pos(vec![b.x.clone()]))?,
        None => b.x.clone(),
    };
    let i = search(&b, &probe, right)?;
    match &b.seq {
        Py::List(l) => {
            let mut l = l.borrow_mut();
            let i = (i.max(0) as usize).min(l.len());
            l.insert(i, b.x.clone());
        }
        other => {
            other.call_method("insert", Args::pos(vec![Py::Int(i), b.x.clone()]))?;
        }
    }
    Ok(Py::None)
}

/// `bisect.insort_left(a, x, lo=0, hi=len(a), *, key=None)`
pub fn insort_left(a: Args) -> PyResult<Py> {
    insort(a, "insort_left", false)
}

/// `bisect.insort_right(...)` (also `bisect.insort`)
pub fn insort_right(a: Args) -> PyResult<Py> {
    insort(a, "insort_right", true)
}
