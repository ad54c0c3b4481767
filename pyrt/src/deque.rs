//! `collections.deque`: a double-ended queue with an optional `maxlen`, CPython's methods,
//! errors and `repr` (`deque([1, 2], maxlen=3)`).

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use super::format::{type_err, value_err};
use super::value::*;

pub struct Deque {
    items: RefCell<VecDeque<Py>>,
    maxlen: Option<usize>,
    /// Bumped on every mutation, so an iterator notices (`deque mutated during iteration`).
    state: Cell<u64>,
}

fn index_err(msg: &str) -> PyErr {
    PyErr::msg(&exc::INDEX_ERROR, msg)
}

fn runtime_err(msg: &str) -> PyErr {
    PyErr::msg(&exc::RUNTIME_ERROR, msg)
}

impl Deque {
    fn new(maxlen: Option<usize>) -> Deque {
        Deque { items: RefCell::new(VecDeque::new()), maxlen, state: Cell::new(0) }
    }

    /// `copy.copy` / `copy.deepcopy`: a deque of the same `maxlen` holding `f` of each item.
    pub fn map_copy(&self, f: &mut dyn FnMut(&Py) -> PyResult<Py>) -> PyResult<Py> {
        let items: Vec<Py> = self.items.borrow().iter().cloned().collect();
        let mut out = VecDeque::with_capacity(items.len());
        for item in &items {
            out.push_back(f(item)?);
        }
        Ok(Py::Object(Rc::new(Deque { items: RefCell::new(out), maxlen: self.maxlen, state: Cell::new(0) })))
    }

    fn touch(&self) {
        self.state.set(self.state.get().wrapping_add(1));
    }

    fn push_back(&self, v: Py) {
        self.touch();
        if self.maxlen == Some(0) {
            return;
        }
        let mut items = self.items.borrow_mut();
        items.push_back(v);
        if self.maxlen.is_some_and(|m| items.len() > m) {
            items.pop_front();
        }
    }

    fn push_front(&self, v: Py) {
        self.touch();
        if self.maxlen == Some(0) {
            return;
        }
        let mut items = self.items.borrow_mut();
        items.push_front(v);
        if self.maxlen.is_some_and(|m| items.len() > m) {
            items.pop_back();
        }
    }

    fn extend(&self, iterable: &Py, left: bool) -> PyResult<()> {
        // `d.extend(d)` reads a snapshot, as CPython does.
        let items: Vec<Py> = match iterable {
            Py::Object(o) if o.as_any().downcast_ref::<Deque>().is_some_and(|d| std::ptr::eq(d, self)) => {
                self.items.borrow().iter().cloned().collect()
            }
            _ => {
                for x in iterable.iter()? {
                    let x = x?;
                    if left {
                        self.push_front(x);
                    } else {
                        self.push_back(x);
                    }
                }
                return Ok(());
            }
        };
        for x in items {
            if left {
                self.push_front(x);
            } else {
                self.push_back(x);
            }
        }
        Ok(())
    }

    fn snapshot(&self) -> Vec<Py> {
        self.items.borrow().iter().cloned().collect()
    }

    fn norm_index(&self, key: &Py) -> PyResult<usize> {
        let i = match key {
            Py::Int(i) => *i,
            Py::Bool(b) => *b as i64,
            Py::BigInt(_) => return Err(index_err("cannot fit 'int' into an index-sized integer")),
            // `d[a:b]` arrives as a (start, stop, step) tuple.
            Py::Tuple(t) if t.len() == 3 => return Err(type_err("sequence index must be integer, not 'slice'")),
            Py::Object(_) => match object_index(key) {
                Some(i) => return self.norm_index(&i?),
                None => return Err(type_err(format!("sequence index must be integer, not '{}'", key.type_name()))),
            },
            _ => return Err(type_err(format!("sequence index must be integer, not '{}'", key.type_name()))),
        };
        let n = self.items.borrow().len() as i64;
        let j = if i < 0 { i + n } else { i };
        if j < 0 || j >= n {
            return Err(index_err("deque index out of range"));
        }
        Ok(j as usize)
    }

    fn rotate(&self, n: i64) {
        let mut items = self.items.borrow_mut();
        let len = items.len() as i64;
        if len <= 1 {
            return;
        }
        self.touch();
        let k = n.rem_euclid(len) as usize;
        items.rotate_right(k);
    }

    fn find(&self, x: &Py, start: usize, stop: usize) -> PyResult<Option<usize>> {
        let state = self.state.get();
        let items = self.snapshot();
        for (i, item) in items.iter().enumerate().take(stop).skip(start) {
            let eq = item.is(x) || item.py_eq(x);
            if self.state.get() != state {
                return Err(runtime_err("deque mutated during iteration"));
            }
            if eq {
                return Ok(Some(i));
            }
        }
        Ok(None)
    }

    fn repr_text(&self) -> String {
        let items: Vec<String> = self.snapshot().iter().map(|v| v.repr_string()).collect();
        match self.maxlen {
            Some(m) => format!("deque([{}], maxlen={m})", items.join(", ")),
            None => format!("deque([{}])", items.join(", ")),
        }
    }

    fn copy(&self) -> Py {
        let d = Deque::new(self.maxlen);
        *d.items.borrow_mut() = self.items.borrow().clone();
        Py::Object(Rc::new(d))
    }
}

fn deque_of(v: &Py) -> Option<&Deque> {
    match v {
        Py::Object(o) => o.as_any().downcast_ref::<Deque>(),
        _ => None,
    }
}

fn no_args(name: &str, args: &Args) -> PyResult<()> {
    if !args.kw.is_empty() {
        return Err(type_err(format!("deque.{name}() takes no keyword arguments")));
    }
    if !args.pos.is_empty() {
        return Err(type_err(format!("deque.{name}() takes no arguments ({} given)", args.pos.len())));
    }
    Ok(())
}

fn one_arg(name: &str, args: Args) -> PyResult<Py> {
    if !args.kw.is_empty() {
        return Err(type_err(format!("deque.{name}() takes no keyword arguments")));
    }
    if args.pos.len() != 1 {
        return Err(type_err(format!("deque.{name}() takes exactly one argument ({} given)", args.pos.len())));
    }
    Ok(args.pos.into_iter().next().unwrap())
}

fn clamp(v: &Py, n: usize) -> PyResult<usize> {
    let i = super::ops::index_of(v)?;
    let n = n as i64;
    Ok((if i < 0 { (i + n).max(0) } else { i.min(n) }) as usize)
}

impl Object for Deque {
    fn type_name(&self) -> &str {
        "deque"
    }
    fn getattr(&self, this: &Py, name: &str) -> Option<PyResult<Py>> {
        match name {
            "maxlen" => Some(Ok(self.maxlen.map_or(Py::None, |m| Py::Int(m as i64)))),
            "__class__" => Some(Ok(deque_type())),
            _ if METHODS.contains(&name) => {
                Some(Ok(this.bound_method(name)))
            }
            _ => None,
        }
    }
    fn call_method(&self, this: &Py, name: &str, args: Args) -> Option<PyResult<Py>> {
        if !METHODS.contains(&name) && !SPECIAL.contains(&name) {
            return None;
        }
        Some((|| -> PyResult<Py> {
            match name {
                "append" => self.push_back(one_arg(name, args)?),
                "appendleft" => self.push_front(one_arg(name, args)?),
                "extend" => self.extend(&one_arg(name, args)?, false)?,
                "extendleft" => self.extend(&one_arg(name, args)?, true)?,
                "pop" | "popleft" => {
                    no_args(name, &args)?;
                    let mut items = self.items.borrow_mut();
                    let v = if name == "pop" { items.pop_back() } else { items.pop_front() };
                    drop(items);
                    self.touch();
                    return v.ok_or_else(|| index_err("pop from an empty deque"));
                }
                "clear" => {
                    no_args(name, &args)?;
                    self.touch();
                    self.items.borrow_mut().clear();
                }
                "copy" | "__copy__" => {
                    no_args(name, &args)?;
                    return Ok(self.copy());
                }
                "reverse" => {
                    no_args(name, &args)?;
                    self.touch();
                    self.items.borrow_mut().make_contiguous().reverse();
                }
                "rotate" => {
                    if !args.kw.is_empty() {
                        return Err(type_err("rotate() takes no keyword arguments"));
                    }
                    if args.pos.len() > 1 {
                        return Err(type_err(format!("rotate expected at most 1 argument, got {}", args.pos.len())));
                    }
                    let n = match args.pos.first() {
                        Some(v) => super::ops::index_of(v)?,
                        None => 1,
                    };
                    self.rotate(n);
                }
                "count" => {
                    let x = one_arg(name, args)?;
                    let state = self.state.get();
                    let mut n = 0;
                    for item in self.snapshot() {
                        let eq = item.is(&x) || item.py_eq(&x);
                        if self.state.get() != state {
                            return Err(runtime_err("deque mutated during iteration"));
                        }
                        n += eq as i64;
                    }
                    return Ok(Py::Int(n));
                }
                "index" => {
                    if !args.kw.is_empty() {
                        return Err(type_err("index() takes no keyword arguments"));
                    }
                    let n = self.items.borrow().len();
                    let (x, start, stop) = match args.pos.as_slice() {
                        [x] => (x.clone(), 0, n),
                        [x, s] => (x.clone(), clamp(s, n)?, n),
                        [x, s, e] => (x.clone(), clamp(s, n)?, clamp(e, n)?),
                        [] => return Err(type_err("index expected at least 1 argument, got 0")),
                        more => return Err(type_err(format!("index expected at most 3 arguments, got {}", more.len()))),
                    };
                    return match self.find(&x, start, stop.max(start))? {
                        Some(i) => Ok(Py::Int(i as i64)),
                        None => Err(value_err(format!("{} is not in deque", x.repr_string()))),
                    };
                }
                "remove" => {
                    let x = one_arg(name, args)?;
                    let n = self.items.borrow().len();
                    match self.find(&x, 0, n)? {
                        Some(i) => {
                            self.touch();
                            self.items.borrow_mut().remove(i);
                        }
                        None => return Err(value_err(format!("{} is not in deque", x.repr_string()))),
                    }
                }
                "insert" => {
                    if !args.kw.is_empty() {
                        return Err(type_err("insert() takes no keyword arguments"));
                    }
                    if args.pos.len() != 2 {
                        return Err(type_err(format!("insert expected 2 arguments, got {}", args.pos.len())));
                    }
                    let n = self.items.borrow().len();
                    if self.maxlen == Some(n) {
                        return Err(index_err("deque already at its maximum size"));
                    }
                    let i = clamp(&args.pos[0], n)?;
                    self.touch();
                    self.items.borrow_mut().insert(i, args.pos[1].clone());
                }
                // `d += iterable`: extends in place (any iterable, as CPython's deque accepts).
                "__iadd__" => {
                    self.extend(&one_arg(name, args)?, false)?;
                    return Ok(this.clone());
                }
                "__len__" => return Ok(Py::Int(self.items.borrow().len() as i64)),
                "__contains__" => {
                    let x = one_arg(name, args)?;
                    let n = self.items.borrow().len();
                    return Ok(Py::Bool(self.find(&x, 0, n)?.is_some()));
                }
                "__getitem__" => {
                    let i = self.norm_index(&one_arg(name, args)?)?;
                    return Ok(self.items.borrow()[i].clone());
                }
                "__setitem__" => {
                    let [k, v]: [Py; 2] = args.pos.try_into().map_err(|_| type_err("expected 2 arguments"))?;
                    let i = self.norm_index(&k)?;
                    self.items.borrow_mut()[i] = v;
                }
                "__delitem__" => {
                    let i = self.norm_index(&one_arg(name, args)?)?;
                    self.touch();
                    self.items.borrow_mut().remove(i);
                }
                "__iter__" | "__reversed__" => {
                    let this = this.clone();
                    let state = self.state.get();
                    let len = self.items.borrow().len();
                    let reverse = name == "__reversed__";
                    let mut i = 0;
                    return Ok(Py::iterator(std::iter::from_fn(move || {
                        let d = deque_of(&this)?;
                        if d.state.get() != state || d.items.borrow().len() != len {
                            // Raised once, then the iterator is exhausted.
                            if i <= len {
                                i = len + 1;
                                return Some(Err(runtime_err("deque mutated during iteration")));
                            }
                            return None;
                        }
                        if i >= len {
                            return None;
                        }
                        let at = if reverse { len - 1 - i } else { i };
                        i += 1;
                        Some(Ok(d.items.borrow()[at].clone()))
                    })));
                }
                _ => unreachable!(),
            }
            Ok(Py::None)
        })())
    }
    fn repr(&self) -> String {
        self.repr_text()
    }
    fn truthy(&self) -> bool {
        !self.items.borrow().is_empty()
    }
    fn unhashable(&self) -> bool {
        true
    }
    fn eq(&self, other: &dyn Object) -> Option<bool> {
        let other = other.as_any().downcast_ref::<Deque>()?;
        Some(Py::list(self.snapshot()).py_eq(&Py::list(other.snapshot())))
    }
    fn compare_with(&self, op: &str, other: &Py, reflected: bool) -> Option<PyResult<bool>> {
        if op == "==" {
            return None;
        }
        let Some(o) = deque_of(other) else {
            let (a, b) = if reflected { (other.type_name(), "collections.deque") } else { ("collections.deque", other.type_name()) };
            return Some(Err(type_err(format!("'{op}' not supported between instances of '{a}' and '{b}'"))));
        };
        let (a, b) = (Py::list(self.snapshot()), Py::list(o.snapshot()));
        let (a, b) = if reflected { (b, a) } else { (a, b) };
        Some(match op {
            "<" => a.lt(&b),
            "<=" => a.le(&b),
            ">" => a.gt(&b),
            _ => a.ge(&b),
        })
    }
    fn binop(&self, op: &str, _this: &Py, other: &Py) -> Option<PyResult<Py>> {
        match op {

            "+" => Some(match deque_of(other) {
                Some(o) => {
                    let out = self.copy();
                    let d = deque_of(&out).unwrap();
                    for x in o.snapshot() {
                        d.push_back(x);
                    }
                    Ok(out)
                }
                None => Err(type_err(format!("can only concatenate deque (not \"{}\") to deque", other.type_name()))),
            }),
            "*" | "r*" => {
                let n = match other {
                    Py::Int(i) => *i,
                    Py::Bool(b) => *b as i64,
                    _ => return None,
                };
                let out = Deque::new(self.maxlen);
                let items = self.snapshot();
                for _ in 0..n.max(0) {
                    for x in &items {
                        out.push_back(x.clone());
                    }
                }
                Some(Ok(Py::Object(Rc::new(out))))
            }
            _ => None,
        }
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}


const METHODS: &[&str] = &[
    "append", "appendleft", "extend", "extendleft", "pop", "popleft", "clear", "copy", "reverse", "rotate",
    "count", "index", "remove", "insert",
];

const SPECIAL: &[&str] = &[
    "__copy__", "__iadd__", "__len__", "__contains__", "__getitem__", "__setitem__", "__delitem__", "__iter__", "__reversed__",
];

/// `collections.deque`
pub fn deque_type() -> Py {
    NativeClass { name: "deque", module: "collections", construct: new_deque, is_instance: |v| deque_of(v).is_some() }.value()
}

/// `deque(iterable=(), maxlen=None)`
pub fn new_deque(args: Args) -> PyResult<Py> {
    let [iterable, maxlen] = args.bind("deque", ["iterable", "maxlen"], 0)?;
    let maxlen = match maxlen {
        None | Some(Py::None) => None,
        Some(m @ (Py::Int(_) | Py::Bool(_))) => {
            let m = super::ops::index_of(&m)?;
            if m < 0 {
                return Err(value_err("maxlen must be non-negative"));
            }
            Some(m as usize)
        }
        Some(Py::BigInt(_)) => return Err(PyErr::msg(&exc::OVERFLOW_ERROR, "Python int too large to convert to C ssize_t")),
        Some(_) => return Err(type_err("an integer is required")),
    };
    let d = Deque::new(maxlen);
    if let Some(it) = iterable {
        d.extend(&it, false)?;
    }
    Ok(Py::Object(Rc::new(d)))
}
