//! Typed views of the Lambda event.
//!
//! The generated handler declares, per event, a struct holding the fields the Python reads
//! (`struct SqsMessage { body, message_id }`, named after the `aws_lambda_events` type the
//! part of the event corresponds to) and reads them as methods (`record.body()?`). Only
//! those fields are parsed; the rest of the event is skipped.
//!
//! A view answers exactly as the Python dict would, whatever the event holds:
//! - a missing field is the `KeyError` of `event["key"]` (and `None`/the default of
//!   `.get`, `False` for `in`); a field holding `null` is `None`, as in Python;
//! - a part of the event that is not the object or list the handler expects (a string where
//!   an object should be, keys with unpaired surrogates, ...) is kept as the Python value
//!   (`Node::Value`, `Items::Value`), and every read of it is the dynamic operation, raising
//!   what Python raises;
//! - duplicate keys keep the last value, as `json.loads` does.
//!
//! `aws_lambda_events`' own structs cannot serve here: they drop unknown fields, read a
//! missing field and `null` alike, lowercase header names and fail on shapes Python accepts.

use std::collections::HashMap;
use std::rc::Rc;

use serde_json::value::RawValue;

use super::value::*;

/// A value read from the event's JSON text.
pub trait FromEvent: Sized + Clone {
    /// The value of this JSON text (an object or list view when it has that shape).
    fn from_event(text: &str) -> PyResult<Self>;
    /// A Python value standing where the view expected another shape.
    fn from_py(value: Py) -> Self;
    /// What `.get(key, [])` / `.get(key, {})` gives for a missing key.
    fn empty() -> PyResult<Self>;
    /// `value or []` / `value or {}`: an empty view reads like the new empty value, so
    /// only a falsy value of another shape is replaced.
    fn or_empty(self) -> PyResult<Self>;
}

/// The event the handler receives: its JSON text read as `T` (a view or a `Py`).
pub fn from_json<T: FromEvent>(text: &str) -> PyResult<T> {
    T::from_event(text)
}

/// `json.loads(text)` read as `T`: a `str` of valid JSON is parsed into the view; anything
/// else is exactly what `json.loads` returns or raises (bytes, `NaN`, other types, errors).
pub fn loads<T: FromEvent>(text: Py) -> PyResult<T> {
    if let Py::Str(s) = &text {
        if serde_json::from_str::<&RawValue>(s).is_ok() {
            return T::from_event(s);
        }
    }
    Ok(T::from_py(super::json::loads(Args::pos(vec![text]))?))
}

impl FromEvent for Py {
    fn from_event(text: &str) -> PyResult<Py> {
        super::json::event(text)
    }
    fn from_py(value: Py) -> Py {
        value
    }
    fn empty() -> PyResult<Py> {
        Ok(Py::None)
    }
    fn or_empty(self) -> PyResult<Py> {
        Ok(self)
    }
}

/// The fields of one JSON object, by key; a view takes the ones it declares.
pub struct Fields<'a> {
    values: HashMap<String, &'a RawValue>,
}

impl Fields<'_> {
    /// The field `key`, parsed as `F`; `None` when the object has no such key.
    pub fn take<F: FromEvent>(&mut self, key: &str) -> PyResult<Option<F>> {
        match self.values.remove(key) {
            Some(raw) => F::from_event(raw.get()).map(Some),
            None => Ok(None),
        }
    }
}

/// A struct of the fields the handler reads from one JSON object of the event.
pub trait View: Sized {
    fn build(fields: &mut Fields) -> PyResult<Self>;
}

/// First non-blank character of a JSON text.
fn starts_with(text: &str, c: char) -> bool {
    text.trim_start().starts_with(c)
}

/// A JSON object of the event, as the view `T`, or whatever else the event holds there.
pub enum Node<T> {
    View(Rc<T>),
    Value(Py),
}

impl<T> Clone for Node<T> {
    fn clone(&self) -> Self {
        match self {
            Node::View(v) => Node::View(v.clone()),
            Node::Value(p) => Node::Value(p.clone()),
        }
    }
}

impl<T: View> FromEvent for Node<T> {
    fn from_event(text: &str) -> PyResult<Self> {
        if starts_with(text, '{') {
            if let Ok(values) = serde_json::from_str::<HashMap<String, &RawValue>>(text) {
                return Ok(Node::View(Rc::new(T::build(&mut Fields { values })?)));
            }
        }
        Ok(Node::Value(super::json::event(text)?))
    }
    fn from_py(value: Py) -> Self {
        Node::Value(value)
    }
    fn empty() -> PyResult<Self> {
        Ok(Node::View(Rc::new(T::build(&mut Fields { values: HashMap::new() })?)))
    }
    fn or_empty(self) -> PyResult<Self> {
        match self {
            Node::Value(p) if !p.truthy() => Self::empty(),
            other => Ok(other),
        }
    }
}

fn key(name: &str) -> Py {
    Py::str(name)
}

impl<T: View> Node<T> {
    /// `obj["key"]`.
    pub fn view_get<F: FromEvent>(&self, name: &str, field: impl FnOnce(&T) -> &Option<F>) -> PyResult<F> {
        match self {
            Node::View(v) => match field(v) {
                Some(value) => Ok(value.clone()),
                None => Err(PyErr::new(&exc::KEY_ERROR, vec![key(name)])),
            },
            Node::Value(p) => Ok(F::from_py(p.getitem(&key(name))?)),
        }
    }

    /// `obj.get("key", default)` of a field the handler only reads as a value.
    pub fn view_get_or(&self, name: &str, field: impl FnOnce(&T) -> &Option<Py>, default: Py) -> PyResult<Py> {
        match self {
            Node::View(v) => Ok(field(v).clone().unwrap_or(default)),
            Node::Value(p) => p.call_method("get", Args::pos(vec![key(name), default])),
        }
    }

    /// `obj.get("key", [])` / `obj.get("key", {})` of a field read as a view: a missing
    /// field reads as an empty one (`empty` is that default, for a non-object `obj`).
    pub fn view_get_or_empty<F: FromEvent>(
        &self,
        name: &str,
        field: impl FnOnce(&T) -> &Option<F>,
        empty: Py,
    ) -> PyResult<F> {
        match self {
            Node::View(v) => match field(v) {
                Some(value) => Ok(value.clone()),
                None => F::empty(),
            },
            Node::Value(p) => Ok(F::from_py(p.call_method("get", Args::pos(vec![key(name), empty]))?)),
        }
    }

    /// `obj.get("key") or []` / `obj.get("key") or {}` of a field read as a view.
    pub fn view_get_or_empty_if_falsy<F: FromEvent>(
        &self,
        name: &str,
        field: impl FnOnce(&T) -> &Option<F>,
    ) -> PyResult<F> {
        match self {
            Node::View(v) => match field(v) {
                Some(value) => value.clone().or_empty(),
                None => F::empty(),
            },
            Node::Value(p) => {
                let value = p.call_method("get", Args::pos(vec![key(name)]))?;
                if value.truthy() {
                    Ok(F::from_py(value))
                } else {
                    F::empty()
                }
            }
        }
    }

    /// `"key" in obj`.
    pub fn view_has<F>(&self, name: &str, field: impl FnOnce(&T) -> &Option<F>) -> PyResult<bool> {
        match self {
            Node::View(v) => Ok(field(v).is_some()),
            Node::Value(p) => p.contains(&key(name)),
        }
    }
}

/// A JSON array of the event, its items read as `T`, or whatever else the event holds there.
pub enum Items<T> {
    View(Rc<Vec<T>>),
    Value(Py),
}

impl<T> Clone for Items<T> {
    fn clone(&self) -> Self {
        match self {
            Items::View(v) => Items::View(v.clone()),
            Items::Value(p) => Items::Value(p.clone()),
        }
    }
}

impl<T: FromEvent> FromEvent for Items<T> {
    fn from_event(text: &str) -> PyResult<Self> {
        if starts_with(text, '[') {
            if let Ok(raw) = serde_json::from_str::<Vec<&RawValue>>(text) {
                let items = raw.iter().map(|r| T::from_event(r.get())).collect::<PyResult<Vec<T>>>()?;
                return Ok(Items::View(Rc::new(items)));
            }
        }
        Ok(Items::Value(super::json::event(text)?))
    }
    fn from_py(value: Py) -> Self {
        Items::Value(value)
    }
    fn empty() -> PyResult<Self> {
        Ok(Items::View(Rc::new(Vec::new())))
    }
    fn or_empty(self) -> PyResult<Self> {
        match self {
            Items::Value(p) if !p.truthy() => Self::empty(),
            other => Ok(other),
        }
    }
}

/// The items of an `Items`, in order (`for x in items`).
pub enum ItemsIter<T> {
    View(Rc<Vec<T>>, usize),
    Value(PyIter),
}

impl<T: FromEvent> Iterator for ItemsIter<T> {
    type Item = PyResult<T>;
    fn next(&mut self) -> Option<PyResult<T>> {
        match self {
            ItemsIter::View(items, at) => {
                let item = items.get(*at)?.clone();
                *at += 1;
                Some(Ok(item))
            }
            ItemsIter::Value(it) => it.next().map(|r| r.map(T::from_py)),
        }
    }
}

impl<T: FromEvent> Items<T> {
    /// `for x in items`.
    pub fn iter(&self) -> PyResult<ItemsIter<T>> {
        match self {
            Items::View(v) => Ok(ItemsIter::View(v.clone(), 0)),
            Items::Value(p) => Ok(ItemsIter::Value(p.iter()?)),
        }
    }

    /// `len(items)`.
    pub fn len(&self) -> PyResult<usize> {
        match self {
            Items::View(v) => Ok(v.len()),
            Items::Value(p) => p.len(),
        }
    }

    /// `not items`.
    pub fn is_empty(&self) -> PyResult<bool> {
        Ok(self.len()? == 0)
    }

    /// `items[i]`, negative indexes counting from the end.
    pub fn index(&self, i: i64) -> PyResult<T> {
        match self {
            Items::View(v) => {
                let at = if i < 0 { i + v.len() as i64 } else { i };
                match usize::try_from(at).ok().and_then(|at| v.get(at)) {
                    Some(item) => Ok(item.clone()),
                    None => Err(PyErr::msg(&exc::INDEX_ERROR, "list index out of range")),
                }
            }
            Items::Value(p) => Ok(T::from_py(p.getitem(&Py::Int(i))?)),
        }
    }
}
