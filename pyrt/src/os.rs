//! `os.environ`, `os.getenv` and the `os.path` string functions (POSIX rules).
//!
//! `os.environ` is a `dict` snapshot of the process environment taken on first use and
//! shared for the life of the process, so every dict operation behaves like CPython's
//! `os._Environ` (`[]` raises `KeyError('NAME')`, `get`, `in`, `items`, `copy`, ...) and
//! assignments made by the handler are seen by later reads and by `os.getenv`. Its
//! `repr` is a dict's, not `environ({...})`.

use std::cell::RefCell;

use super::format::type_err;
use super::value::*;

thread_local! {
    static ENVIRON: RefCell<Option<Py>> = const { RefCell::new(None) };
}

/// `os.environ`
pub fn environ() -> Py {
    ENVIRON.with(|e| {
        let mut slot = e.borrow_mut();
        if let Some(d) = &*slot {
            return d.clone();
        }
        let pairs: Vec<(Py, Py)> =
            std::env::vars_os().map(|(k, v)| (Py::from(k.to_string_lossy().into_owned()), Py::from(v.to_string_lossy().into_owned()))).collect();
        let d = Py::dict(pairs).unwrap_or_else(|_| Py::dict(Vec::new()).unwrap());
        *slot = Some(d.clone());
        d
    })
}

/// `os.getenv(key, default=None)`
pub fn getenv(a: Args) -> PyResult<Py> {
    let [key, default] = a.bind("getenv", ["key", "default"], 1)?;
    let key = key.unwrap();
    if !matches!(key, Py::Str(_)) {
        return Err(type_err(format!("str expected, not {}", key.type_name())));
    }
    let env = environ();
    if env.contains(&key)? {
        return env.getitem(&key);
    }
    Ok(default.unwrap_or(Py::None))
}

fn fspath(v: &Py) -> PyResult<String> {
    match v {
        Py::Str(s) => Ok(s.to_string()),
        other => Err(type_err(format!(
            "expected str, bytes or os.PathLike object, not {}",
            other.type_name()
        ))),
    }
}

fn dirname_of(p: &str) -> String {
    let i = p.rfind('/').map(|i| i + 1).unwrap_or(0);
    let head = &p[..i];
    if !head.is_empty() && !head.chars().all(|c| c == '/') {
        head.trim_end_matches('/').to_string()
    } else {
        head.to_string()
    }
}

/// `os.path.basename(p)`
pub fn path_basename(a: Args) -> PyResult<Py> {
    let [p] = a.bind("basename", ["p"], 1)?;
    let p = fspath(&p.unwrap())?;
    let i = p.rfind('/').map(|i| i + 1).unwrap_or(0);
    Ok(Py::str(&p[i..]))
}

/// `os.path.dirname(p)`
pub fn path_dirname(a: Args) -> PyResult<Py> {
    let [p] = a.bind("dirname", ["p"], 1)?;
    Ok(Py::from(dirname_of(&fspath(&p.unwrap())?)))
}

/// `os.path.join(a, *p)`
pub fn path_join(a: Args) -> PyResult<Py> {
    if !a.kw.is_empty() {
        return Err(type_err(format!("join() got an unexpected keyword argument '{}'", a.kw[0].0)));
    }
    if a.pos.is_empty() {
        return Err(type_err("join() missing 1 required positional argument: 'a'"));
    }
    let mut parts = Vec::new();
    for v in &a.pos {
        match v {
            Py::Str(s) => parts.push(s.to_string()),
            other => {
                if parts.is_empty() && a.pos.len() == 1 {
                    return Err(type_err(format!(
                        "expected str, bytes or os.PathLike object, not {}",
                        other.type_name()
                    )));
                }
                return Err(type_err(format!(
                    "join() argument must be str, bytes, or os.PathLike object, not '{}'",
                    other.type_name()
                )));
            }
        }
    }
    let mut path = parts[0].clone();
    for b in &parts[1..] {
        if b.starts_with('/') {
            path = b.clone();
        } else if path.is_empty() || path.ends_with('/') {
            path.push_str(b);
        } else {
            path.push('/');
            path.push_str(b);
        }
    }
    Ok(Py::from(path))
}

/// `os.path.splitext(p)`
pub fn path_splitext(a: Args) -> PyResult<Py> {
    let [p] = a.bind("splitext", ["p"], 1)?;
    let p = fspath(&p.unwrap())?;
    let sep_index = p.rfind('/').map(|i| i as isize).unwrap_or(-1);
    if let Some(dot) = p.rfind('.') {
        if dot as isize > sep_index {
            let mut fi = (sep_index + 1) as usize;
            while fi < dot {
                if p.as_bytes()[fi] != b'.' {
                    return Ok(Py::tuple(vec![Py::str(&p[..dot]), Py::str(&p[dot..])]));
                }
                fi += 1;
            }
        }
    }
    Ok(Py::tuple(vec![Py::from(p), Py::str("")]))
}

/// `os.path.split(p)`: `(head, tail)`, the head's trailing slashes stripped unless it is all
/// slashes.
pub fn path_split(a: Args) -> PyResult<Py> {
    let [p] = a.bind("split", ["p"], 1)?;
    let p = fspath(&p.unwrap())?;
    let i = p.rfind('/').map(|i| i + 1).unwrap_or(0);
    let (head, tail) = p.split_at(i);
    let stripped = head.trim_end_matches('/');
    let head = if stripped.is_empty() { head } else { stripped };
    Ok(Py::tuple(vec![Py::str(head), Py::str(tail)]))
}

/// `os.path.normpath(path)` (POSIX: `//` at the start is kept, three or more become `/`).
pub fn path_normpath(a: Args) -> PyResult<Py> {
    let [p] = a.bind("normpath", ["path"], 1)?;
    let p = fspath(&p.unwrap())?;
    if p.is_empty() {
        return Ok(Py::str("."));
    }
    let initial = if p.starts_with('/') {
        if p.starts_with("//") && !p.starts_with("///") {
            2
        } else {
            1
        }
    } else {
        0
    };
    let mut comps: Vec<&str> = Vec::new();
    for comp in p.split('/') {
        if comp.is_empty() || comp == "." {
            continue;
        }
        if comp != ".." || (initial == 0 && comps.is_empty()) || comps.last() == Some(&"..") {
            comps.push(comp);
        } else if !comps.is_empty() {
            comps.pop();
        }
    }
    let out = "/".repeat(initial) + &comps.join("/");
    Ok(Py::from(if out.is_empty() { ".".to_string() } else { out }))
}
