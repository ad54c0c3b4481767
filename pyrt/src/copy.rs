//! `copy.copy` and `copy.deepcopy` for the builtin containers, deques and instances of
//! user classes (a new instance of the class with copied attributes). Immutable values and
//! other objects (datetime values, enum members, loggers, ...) are returned as they are;
//! shared references and cycles inside a deep copy are preserved through a memo, as CPython
//! does.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use indexmap::{IndexMap, IndexSet};

use super::class::Instance;
use super::deque::Deque;
use super::value::*;

/// `copy.copy(x)`
pub fn copy(a: Args) -> PyResult<Py> {
    let [x] = a.bind("copy", ["x"], 1)?;
    Ok(shallow(&x.unwrap()))
}

/// A shallow copy.
pub fn shallow(x: &Py) -> Py {
    match x {
        Py::List(l) => Py::List(Rc::new(RefCell::new(l.borrow().clone()))),
        Py::Dict(d) => Py::dict_of_kind(d.borrow().clone(), d.kind.clone()),
        Py::Set(s) => Py::Set(Rc::new(RefCell::new(s.borrow().clone()))),
        Py::Object(o) => {
            if let Some(i) = o.as_any().downcast_ref::<Instance>() {
                return new_instance(i.class, i.attrs.borrow().clone());
            }
            if let Some(d) = o.as_any().downcast_ref::<Deque>() {
                if let Ok(copy) = d.map_copy(&mut |v| Ok(v.clone())) {
                    return copy;
                }
            }
            x.clone()
        }
        other => other.clone(),
    }
}

fn new_instance(class: &'static super::class::ClassInfo, attrs: IndexMap<String, Py>) -> Py {
    Py::Object(Rc::new(Instance { class, attrs: RefCell::new(attrs) }))
}

/// `copy.deepcopy(x, memo=None)`
pub fn deepcopy(a: Args) -> PyResult<Py> {
    let [x, _memo] = a.bind("deepcopy", ["x", "memo"], 1)?;
    let mut memo = HashMap::new();
    deep(&x.unwrap(), &mut memo)
}

fn deep(x: &Py, memo: &mut HashMap<usize, Py>) -> PyResult<Py> {
    match x {
        Py::List(l) => {
            let id = Rc::as_ptr(l) as *const u8 as usize;
            if let Some(v) = memo.get(&id) {
                return Ok(v.clone());
            }
            let new = Rc::new(RefCell::new(Vec::new()));
            memo.insert(id, Py::List(new.clone()));
            let items = l.borrow().clone();
            let mut out = Vec::with_capacity(items.len());
            for item in &items {
                out.push(deep(item, memo)?);
            }
            *new.borrow_mut() = out;
            Ok(Py::List(new))
        }
        Py::Dict(d) => {
            let id = Rc::as_ptr(d) as *const u8 as usize;
            if let Some(v) = memo.get(&id) {
                return Ok(v.clone());
            }
            let new = Rc::new(PyDict { map: RefCell::new(IndexMap::new()), kind: d.kind.clone() });
            memo.insert(id, Py::Dict(new.clone()));
            let items: Vec<(Key, Py)> = d.borrow().iter().map(|(k, v)| (k.clone(), v.clone())).collect();
            for (k, v) in items {
                let k2 = Key(deep(&k.0, memo)?);
                let v2 = deep(&v, memo)?;
                new.borrow_mut().insert(k2, v2);
            }
            Ok(Py::Dict(new))
        }
        Py::Set(s) => {
            let id = Rc::as_ptr(s) as *const u8 as usize;
            if let Some(v) = memo.get(&id) {
                return Ok(v.clone());
            }
            let items: Vec<Key> = s.borrow().iter().cloned().collect();
            let mut out = IndexSet::new();
            for k in items {
                out.insert(Key(deep(&k.0, memo)?));
            }
            let new = Py::Set(Rc::new(RefCell::new(out)));
            memo.insert(id, new.clone());
            Ok(new)
        }
        Py::Tuple(t) => {
            let mut changed = false;
            let mut out = Vec::with_capacity(t.len());
            for item in t.iter() {
                let c = deep(item, memo)?;
                if !c.is(item) {
                    changed = true;
                }
                out.push(c);
            }
            Ok(if changed { Py::tuple(out) } else { x.clone() })
        }
        Py::Object(o) => {
            let id = Rc::as_ptr(o) as *const u8 as usize;
            if let Some(v) = memo.get(&id) {
                return Ok(v.clone());
            }
            if let Some(i) = o.as_any().downcast_ref::<Instance>() {
                let new = new_instance(i.class, IndexMap::new());
                memo.insert(id, new.clone());
                let attrs: Vec<(String, Py)> = i.attrs.borrow().iter().map(|(k, v)| (k.clone(), v.clone())).collect();
                let mut copied = IndexMap::with_capacity(attrs.len());
                for (k, v) in attrs {
                    copied.insert(k, deep(&v, memo)?);
                }
                if let Py::Object(n) = &new {
                    if let Some(n) = n.as_any().downcast_ref::<Instance>() {
                        *n.attrs.borrow_mut() = copied;
                    }
                }
                return Ok(new);
            }
            if let Some(d) = o.as_any().downcast_ref::<Deque>() {
                let new = d.map_copy(&mut |v| deep(v, memo))?;
                memo.insert(id, new.clone());
                return Ok(new);
            }
            Ok(x.clone())
        }
        other => Ok(other.clone()),
    }
}
