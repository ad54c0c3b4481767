//! `functools.reduce`/`partial` and the `string` module's constants.

use super::format::type_err;
use super::value::*;

/// `functools.reduce(function, iterable[, initial])`
pub fn reduce(a: Args) -> PyResult<Py> {
    if !a.kw.is_empty() {
        return Err(type_err("reduce() takes no keyword arguments"));
    }
    let n = a.pos.len();
    if !(2..=3).contains(&n) {
        return Err(type_err(if n < 2 {
            format!("reduce expected at least 2 arguments, got {n}")
        } else {
            format!("reduce expected at most 3 arguments, got {n}")
        }));
    }
    let mut it = a.pos.into_iter();
    let f = it.next().unwrap();
    let seq = it.next().unwrap();
    let mut acc = it.next();
    let items = seq.iter().map_err(|e| {
        if e.is_instance("TypeError") {
            type_err("reduce() arg 2 must support iteration")
        } else {
            e
        }
    })?;
    for x in items {
        let x = x?;
        acc = Some(match acc {
            None => x,
            Some(v) => f.call(Args::pos(vec![v, x]))?,
        });
    }
    acc.ok_or_else(|| type_err("reduce() of empty iterable with no initial value"))
}

/// `functools.partial(func, *args, **keywords)`
pub fn partial(a: Args) -> PyResult<Py> {
    let mut pos = a.pos.into_iter();
    let f = match pos.next() {
        Some(f) => f,
        None => return Err(type_err("type 'partial' takes at least one argument")),
    };
    if !matches!(f, Py::Func(_) | Py::Type(_) | Py::Object(_)) {
        return Err(type_err("the first argument must be callable"));
    }
    let bound: Vec<Py> = pos.collect();
    let kw = a.kw;
    let name = match &f {
        Py::Func(func) => func.name.clone(),
        _ => "partial".into(),
    };
    Ok(Py::func(&name, move |args: Args| {
        let mut p = bound.clone();
        p.extend(args.pos);
        let mut k: Vec<(std::borrow::Cow<'static, str>, Py)> = kw.iter().filter(|(n, _)| !args.kw.iter().any(|(m, _)| m == n)).cloned().collect();
        k.extend(args.kw);
        f.call(Args { pos: p, kw: k })
    }))
}

/// `string.ascii_letters`
pub fn ascii_letters() -> Py {
    Py::str("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
}
/// `string.ascii_lowercase`
pub fn ascii_lowercase() -> Py {
    Py::str("abcdefghijklmnopqrstuvwxyz")
}
/// `string.ascii_uppercase`
pub fn ascii_uppercase() -> Py {
    Py::str("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
}
/// `string.digits`
pub fn digits() -> Py {
    Py::str("0123456789")
}
/// `string.hexdigits`
pub fn hexdigits() -> Py {
    Py::str("0123456789abcdefABCDEF")
}
/// `string.octdigits`
pub fn octdigits() -> Py {
    Py::str("01234567")
}
/// `string.punctuation`
pub fn punctuation() -> Py {
    Py::str("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
}
/// `string.whitespace`
pub fn whitespace() -> Py {
    Py::str(" \t\n\r\x0b\x0c")
}
/// `string.printable`
pub fn printable() -> Py {
    Py::str("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ \t\n\r\x0b\x0c")
}
