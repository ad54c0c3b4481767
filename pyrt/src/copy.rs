//! `copy.copy` and `copy.deepcopy` for the builtin containers. Immutable values and
//! objects (datetime values, loggers, ...) are returned as they are; shared references
//! and cycles inside a deep copy are preserved through a memo, as CPython does.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use indexmap::{IndexMap, IndexSet};

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
        other => other.clone(),
    }
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
        other => Ok(other.clone()),
    }
}
