//! `dict.keys()`, `dict.values()` and `dict.items()`: live views of a dict, as in Python.
//! Keys and items views are set-like (`keys - {"a"}`, `{"a", "b"} - data.keys()`), values
//! views are not; none of them is a list (no indexing, no JSON form).

use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

use indexmap::IndexSet;


use super::ops::type_error;
use super::value::*;

#[derive(Clone, Copy, PartialEq)]
pub enum ViewKind {
    Keys,
    Values,
    Items,
}

pub struct DictView {
    pub dict: Rc<PyDict>,
    pub kind: ViewKind,
}

/// The view of `dict` of this kind.
pub fn view(dict: &Rc<PyDict>, kind: ViewKind) -> Py {
    Py::Object(Rc::new(DictView { dict: dict.clone(), kind }))
}

impl DictView {
    /// What iterating the view yields now.
    fn members(&self) -> Vec<Py> {
        let map = self.dict.borrow();
        match self.kind {
            ViewKind::Keys => map.keys().map(|k| k.0.clone()).collect(),
            ViewKind::Values => map.values().cloned().collect(),
            ViewKind::Items => map.iter().map(|(k, v)| Py::tuple(vec![k.0.clone(), v.clone()])).collect(),
        }
    }

    fn set_like(&self) -> bool {
        self.kind != ViewKind::Values
    }

    /// The members as a set (items with unhashable values raise, as in Python).
    fn as_set(&self) -> PyResult<IndexSet<Key>> {
        self.members().into_iter().map(Key::new).collect()
    }

    fn contains(&self, item: &Py) -> PyResult<bool> {
        match self.kind {
            ViewKind::Keys => Py::Dict(self.dict.clone()).contains(item),
            ViewKind::Values => Ok(self.members().iter().any(|v| v.is(item) || v.py_eq(item))),
            ViewKind::Items => {
                let Py::Tuple(pair) = item else { return Ok(false) };
                let [k, v] = &pair[..] else { return Ok(false) };
                let Ok(key) = Key::new(k.clone()) else { return Ok(false) };
                Ok(self.dict.borrow().get(&key).is_some_and(|found| found.is(v) || found.py_eq(v)))
            }
        }
    }
}

/// The members of any iterable, as a set (the other operand of a view's set operation).
fn iterable_set(v: &Py) -> PyResult<IndexSet<Key>> {
    let mut out = IndexSet::new();
    for item in v.iter()? {
        out.insert(Key::new(item?)?);
    }
    Ok(out)
}

fn set_value(items: IndexSet<Key>) -> Py {
    Py::Set(Rc::new(RefCell::new(items)))
}

impl Object for DictView {
    fn type_name(&self) -> &str {
        match self.kind {
            ViewKind::Keys => "dict_keys",
            ViewKind::Values => "dict_values",
            ViewKind::Items => "dict_items",
        }
    }

    fn getattr(&self, _this: &Py, _name: &str) -> Option<PyResult<Py>> {
        None
    }

    fn call_method(&self, _this: &Py, name: &str, args: Args) -> Option<PyResult<Py>> {
        Some(match name {
            "__iter__" => Ok(Py::iterator(self.members().into_iter().map(Ok))),
            "__len__" => Ok(Py::Int(self.dict.borrow().len() as i64)),
            "__contains__" => args.bind(name, ["key"], 1).and_then(|[k]| self.contains(&k.unwrap_or(Py::None)).map(Py::Bool)),
            "isdisjoint" if self.set_like() => args.bind(name, ["other"], 1).and_then(|[o]| {
                let mine = self.as_set()?;
                let other = iterable_set(&o.unwrap_or(Py::None))?;
                Ok(Py::Bool(mine.is_disjoint(&other)))
            }),
            _ => return None,
        })
    }

    fn repr(&self) -> String {
        format!("{}({})", self.type_name(), Py::list(self.members()).repr_string())
    }

    fn eq(&self, other: &dyn Object) -> Option<bool> {
        let other = other.as_any().downcast_ref::<DictView>()?;
        if !self.set_like() || !other.set_like() {
            return Some(std::ptr::eq(self, other));
        }
        match (self.as_set(), other.as_set()) {
            (Ok(a), Ok(b)) => Some(a.len() == b.len() && a.iter().all(|k| b.contains(k))),
            _ => Some(false),
        }
    }

    fn compare_with(&self, op: &str, other: &Py, reflected: bool) -> Option<PyResult<bool>> {
        // Keys and items views compare as sets with sets and other set-like views
        // (`data.keys() == {"a"}`, `required <= data.keys()`); anything else is
        // NotImplemented, as in CPython's `dictview_richcompare`.
        let other_set_like = match other {
            Py::Set(_) | Py::FrozenSet(_) => true,
            Py::Object(o) => o.as_any().downcast_ref::<DictView>().is_some_and(DictView::set_like),
            _ => false,
        };
        if !self.set_like() || !other_set_like {
            return None;
        }
        // `other OP view` is `view SWAPPED other`.
        let op = match (reflected, op) {
            (true, "<") => ">",
            (true, "<=") => ">=",
            (true, ">") => "<",
            (true, ">=") => "<=",
            _ => op,
        };
        Some((|| {
            let mine = self.members();
            let (n, m) = (mine.len(), other.len()?);
            let mine_in_other = || -> PyResult<bool> {
                for x in &mine {
                    if !other.contains(x)? {
                        return Ok(false);
                    }
                }
                Ok(true)
            };
            let other_in_mine = || -> PyResult<bool> {
                for x in other.iter()? {
                    if !self.contains(&x?)? {
                        return Ok(false);
                    }
                }
                Ok(true)
            };
            Ok(match op {
                "==" => n == m && mine_in_other()?,
                "<" => n < m && mine_in_other()?,
                "<=" => n <= m && mine_in_other()?,
                ">" => n > m && other_in_mine()?,
                _ => n >= m && other_in_mine()?,
            })
        })())
    }

    fn truthy(&self) -> bool {
        !self.dict.borrow().is_empty()
    }

    fn binop(&self, op: &str, _this: &Py, other: &Py) -> Option<PyResult<Py>> {
        if !self.set_like() {
            return None;
        }
        let (reflected, op) = match op.strip_prefix('r') {
            Some(rest) if matches!(rest, "&" | "|" | "-" | "^") => (true, rest),
            _ => (false, op),
        };
        if !matches!(op, "&" | "|" | "-" | "^") {
            return None;
        }
        Some((|| {
            let mine = self.as_set()?;
            let theirs = iterable_set(other).map_err(|e| {
                if e.is_instance("TypeError") && other.iter().is_err() {
                    type_error(format!("'{}' object is not iterable", other.type_name()))
                } else {
                    e
                }
            })?;
            let (a, b) = if reflected { (theirs, mine) } else { (mine, theirs) };
            Ok(set_value(match op {
                "&" => a.intersection(&b).cloned().collect(),
                "|" => a.union(&b).cloned().collect(),
                "-" => a.difference(&b).cloned().collect(),
                _ => a.symmetric_difference(&b).cloned().collect(),
            }))
        })())
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}
