//! `operator.itemgetter` / `attrgetter` / `methodcaller`, the arithmetic and comparison
//! functions of `operator`, and `heapq.nlargest` / `nsmallest`.

use super::format::type_err;
use super::value::*;

/// `operator.itemgetter(*items)`: `obj[item]`, or a tuple of them for several items.
pub fn itemgetter(a: Args) -> PyResult<Py> {
    if !a.kw.is_empty() {
        return Err(type_err("itemgetter() takes no keyword arguments"));
    }
    let items = a.pos;
    if items.is_empty() {
        return Err(type_err("itemgetter expected 1 argument, got 0"));
    }
    Ok(Py::func("itemgetter", move |args: Args| {
        let [obj] = args.bind("itemgetter", ["obj"], 1)?;
        let obj = obj.unwrap_or(Py::None);
        match items.as_slice() {
            [one] => obj.getitem(one),
            many => Ok(Py::tuple(many.iter().map(|i| obj.getitem(i)).collect::<PyResult<Vec<_>>>()?)),
        }
    }))
}

/// `operator.attrgetter(*attrs)`: dotted names follow attributes (`"a.b"`).
pub fn attrgetter(a: Args) -> PyResult<Py> {
    if !a.kw.is_empty() {
        return Err(type_err("attrgetter() takes no keyword arguments"));
    }
    let mut paths: Vec<Vec<String>> = Vec::new();
    for v in &a.pos {
        match v {
            Py::Str(s) => paths.push(s.split('.').map(String::from).collect()),
            _ => return Err(type_err("attribute name must be a string")),
        }
    }
    if paths.is_empty() {
        return Err(type_err("attrgetter expected 1 argument, got 0"));
    }
    Ok(Py::func("attrgetter", move |args: Args| {
        let [obj] = args.bind("attrgetter", ["obj"], 1)?;
        let obj = obj.unwrap_or(Py::None);
        let get = |path: &Vec<String>| -> PyResult<Py> {
            let mut v = obj.clone();
            for name in path {
                v = v.getattr(name)?;
            }
            Ok(v)
        };
        match paths.as_slice() {
            [one] => get(one),
            many => Ok(Py::tuple(many.iter().map(get).collect::<PyResult<Vec<_>>>()?)),
        }
    }))
}

/// `operator.methodcaller(name, /, *args, **kwargs)`
pub fn methodcaller(a: Args) -> PyResult<Py> {
    let Args { mut pos, kw } = a;
    if pos.is_empty() {
        return Err(type_err("methodcaller needs at least one argument, the method name"));
    }
    let name = match pos.remove(0) {
        Py::Str(s) => s.to_string(),
        _ => return Err(type_err("method name must be a string")),
    };
    Ok(Py::func("methodcaller", move |args: Args| {
        let [obj] = args.bind("methodcaller", ["obj"], 1)?;
        obj.unwrap_or(Py::None).call_method(&name, Args { pos: pos.clone(), kw: kw.clone() })
    }))
}

macro_rules! binary {
    ($($name:ident => $op:ident),* $(,)?) => {$(
        #[doc = concat!("`operator.", stringify!($name), "(a, b)`")]
        pub fn $name(a: Args) -> PyResult<Py> {
            let [x, y] = a.bind(stringify!($name), ["a", "b"], 2)?;
            let (x, y) = (x.unwrap_or(Py::None), y.unwrap_or(Py::None));
            x.$op(&y)
        }
    )*};
}

binary! {
    add => add, sub => sub, mul => mul, truediv => truediv, floordiv => floordiv, mod_ => rem,
}

macro_rules! compare {
    ($($name:ident => $op:ident),* $(,)?) => {$(
        #[doc = concat!("`operator.", stringify!($name), "(a, b)`")]
        pub fn $name(a: Args) -> PyResult<Py> {
            let [x, y] = a.bind(stringify!($name), ["a", "b"], 2)?;
            let (x, y) = (x.unwrap_or(Py::None), y.unwrap_or(Py::None));
            Ok(Py::Bool(x.$op(&y)?))
        }
    )*};
}

compare! { lt => lt, le => le, gt => gt, ge => ge }

/// `operator.eq(a, b)`
pub fn eq(a: Args) -> PyResult<Py> {
    let [x, y] = a.bind("eq", ["a", "b"], 2)?;
    Ok(Py::Bool(x.unwrap_or(Py::None).py_eq(&y.unwrap_or(Py::None))))
}

/// `operator.ne(a, b)`
pub fn ne(a: Args) -> PyResult<Py> {
    let [x, y] = a.bind("ne", ["a", "b"], 2)?;
    Ok(Py::Bool(!x.unwrap_or(Py::None).py_eq(&y.unwrap_or(Py::None))))
}

/// `heapq.nlargest(n, iterable, key=None)`: `sorted(iterable, key=key, reverse=True)[:n]`.
pub fn nlargest(a: Args) -> PyResult<Py> {
    n_extreme(a, "nlargest", true)
}

/// `heapq.nsmallest(n, iterable, key=None)`: `sorted(iterable, key=key)[:n]`.
pub fn nsmallest(a: Args) -> PyResult<Py> {
    n_extreme(a, "nsmallest", false)
}

fn n_extreme(a: Args, name: &str, reverse: bool) -> PyResult<Py> {
    let [n, iterable, key] = a.bind(name, ["n", "iterable", "key"], 2)?;
    let n = super::ops::index_of(&n.unwrap_or(Py::None))?;
    let mut kw: Vec<(&'static str, Py)> = vec![("reverse", Py::Bool(reverse))];
    if let Some(k) = key {
        kw.push(("key", k));
    }
    let sorted = super::builtins::sorted(Args::new(vec![iterable.unwrap_or(Py::None)], kw))?;
    let items: Vec<Py> = sorted.iter()?.take(n.max(0) as usize).collect::<PyResult<Vec<_>>>()?;
    Ok(Py::list(items))
}
