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

/// `functools.wraps(wrapped)`: a decorator giving the wrapper the wrapped function's name.
pub fn wraps(a: Args) -> PyResult<Py> {
    let [wrapped, _assigned, _updated] = a.bind("wraps", ["wrapped", "assigned", "updated"], 1)?;
    let name = match wrapped.unwrap_or(Py::None).getattr("__name__") {
        Ok(Py::Str(n)) => n.to_string(),
        _ => "wrapper".to_string(),
    };
    Ok(Py::func("update_wrapper", move |args: Args| {
        let [wrapper] = args.bind("update_wrapper", ["wrapper"], 1)?;
        let wrapper = wrapper.unwrap_or(Py::None);
        Ok(Py::func(&name, move |args| wrapper.call(args)))
    }))
}

/// `functools.lru_cache(maxsize=128, typed=False)`, also used bare (`@lru_cache`).
pub fn lru_cache(a: Args) -> PyResult<Py> {
    if let [f @ (Py::Func(_) | Py::Object(_) | Py::Type(_))] = a.pos.as_slice() {
        if a.kw.is_empty() {
            return Ok(cached(f.clone(), Some(128)));
        }
    }
    let [maxsize, _typed] = a.bind("lru_cache", ["maxsize", "typed"], 0)?;
    let maxsize = match maxsize {
        None => Some(128),
        Some(Py::None) => None,
        Some(Py::Int(n)) => Some(n.max(0) as usize),
        Some(other) => return Err(type_err(format!("Expected first argument to be an integer, a callable, or None, not {}", other.type_name()))),
    };
    Ok(Py::func("decorating_function", move |args: Args| {
        let [f] = args.bind("decorating_function", ["user_function"], 1)?;
        Ok(cached(f.unwrap_or(Py::None), maxsize))
    }))
}

/// `functools.cache(user_function)`: `lru_cache(maxsize=None)`.
pub fn cache(a: Args) -> PyResult<Py> {
    let [f] = a.bind("cache", ["user_function"], 1)?;
    Ok(cached(f.unwrap_or(Py::None), None))
}

/// `f` memoised on its arguments (least recently used dropped beyond `maxsize`); raising
/// calls are not cached, unhashable arguments raise TypeError, as in CPython.
fn cached(f: Py, maxsize: Option<usize>) -> Py {
    let name = match &f {
        Py::Func(func) => func.name.clone(),
        _ => "cached".into(),
    };
    let memo: std::cell::RefCell<indexmap::IndexMap<Key, Py>> = Default::default();
    Py::func(&name, move |args: Args| {
        let mut parts = args.pos.clone();
        for (k, v) in &args.kw {
            parts.push(Py::str(k));
            parts.push(v.clone());
        }
        let key = Key::new(Py::tuple(parts))?;
        let hit = memo.borrow_mut().shift_remove(&key);
        if let Some(hit) = hit {
            // Most recently used last.
            memo.borrow_mut().insert(key, hit.clone());
            return Ok(hit);
        }
        let value = f.call(args)?;
        if maxsize != Some(0) {
            let mut memo = memo.borrow_mut();
            memo.insert(key, value.clone());
            if maxsize.is_some_and(|m| memo.len() > m) {
                memo.shift_remove_index(0);
            }
        }
        Ok(value)
    })
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

/// `functools.cmp_to_key(mycmp)`: a key function whose keys compare through `mycmp`.
pub fn cmp_to_key(a: Args) -> PyResult<Py> {
    let [cmp] = a.bind("cmp_to_key", ["mycmp"], 1)?;
    let cmp = cmp.unwrap();
    Ok(Py::func("K", move |args: Args| {
        let [obj] = args.bind("K", ["obj"], 1)?;
        Ok(Py::Object(std::rc::Rc::new(KeyWrapper { cmp: cmp.clone(), obj: obj.unwrap() })))
    }))
}

/// A key made by `cmp_to_key`.
struct KeyWrapper {
    cmp: Py,
    obj: Py,
}

impl Object for KeyWrapper {
    fn type_name(&self) -> &str {
        "functools.KeyWrapper"
    }
    fn getattr(&self, _this: &Py, name: &str) -> Option<PyResult<Py>> {
        (name == "obj").then(|| Ok(self.obj.clone()))
    }
    fn call_method(&self, _this: &Py, _name: &str, _args: Args) -> Option<PyResult<Py>> {
        None
    }
    fn compare_with(&self, op: &str, other: &Py, reflected: bool) -> Option<PyResult<bool>> {
        Some((|| {
            let other = match other {
                Py::Object(o) => o.as_any().downcast_ref::<KeyWrapper>(),
                _ => None,
            }
            .ok_or_else(|| type_err("other argument must be K instance"))?;
            let (x, y) = if reflected { (&other.obj, &self.obj) } else { (&self.obj, &other.obj) };
            let r = self.cmp.call(Args::pos(vec![x.clone(), y.clone()]))?;
            let zero = Py::Int(0);
            match op {
                "<" => r.lt(&zero),
                "<=" => r.le(&zero),
                ">" => r.gt(&zero),
                ">=" => r.ge(&zero),
                _ => Ok(r.py_eq(&zero)),
            }
        })())
    }
    fn unhashable(&self) -> bool {
        true
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
