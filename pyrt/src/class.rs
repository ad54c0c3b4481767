//! User classes: plain classes (`__init__`, methods, `@property`) and `@dataclass`es.
//!
//! Generated code describes each class with a `static ClassInfo` whose methods are plain
//! Rust functions taking `self` first. Instances keep their attributes in insertion order,
//! as a Python `__dict__` does, so `repr`, `==` and `asdict` of dataclasses come out as in
//! CPython.

use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

use indexmap::IndexMap;

use super::value::*;

/// A method: receives the instance and the remaining arguments.
pub type Method = fn(Py, Args) -> PyResult<Py>;

pub struct ClassInfo {
    pub name: &'static str,
    /// Methods, `__init__` included when the class defines one.
    pub methods: &'static [(&'static str, Method)],
    /// `@property` getters.
    pub properties: &'static [(&'static str, fn(Py) -> PyResult<Py>)],
    /// Dataclass fields in declaration order (empty for plain classes).
    pub fields: &'static [&'static str],
    pub dataclass: bool,
}

impl ClassInfo {
    fn method(&self, name: &str) -> Option<Method> {
        self.methods.iter().find(|(n, _)| *n == name).map(|(_, m)| *m)
    }
}

/// The class as a value: calling it constructs an instance.
pub struct ClassObject(pub &'static ClassInfo);

pub struct Instance {
    pub class: &'static ClassInfo,
    pub attrs: RefCell<IndexMap<String, Py>>,
}

/// `ClassName` used as a value.
pub fn class_value(info: &'static ClassInfo) -> Py {
    Py::Type(TypeRef::Class(Rc::new(ClassObject(info))))
}

/// `ClassName(*args)`: a new instance, initialised by `__init__` (a dataclass's is generated).
pub fn instantiate(info: &'static ClassInfo, args: Args) -> PyResult<Py> {
    let this = Py::Object(Rc::new(Instance { class: info, attrs: RefCell::new(IndexMap::new()) }));
    match info.method("__init__") {
        Some(init) => {
            init(this.clone(), args)?;
        }
        None if !args.pos.is_empty() || !args.kw.is_empty() => {
            return Err(PyErr::msg(&exc::TYPE_ERROR, format!("{}() takes no arguments", info.name)));
        }
        None => {}
    }
    Ok(this)
}

fn instance(v: &Py) -> Option<&Instance> {
    match v {
        Py::Object(o) => o.as_any().downcast_ref::<Instance>(),
        _ => None,
    }
}

/// `dataclasses.asdict(obj)`: dataclass instances become dicts, recursively through lists,
/// tuples and dicts (which are copied, as CPython's deep copy does for them).
pub fn asdict(a: Args) -> PyResult<Py> {
    let [obj] = a.bind("asdict", ["obj"], 1)?;
    let obj = obj.unwrap_or(Py::None);
    match instance(&obj) {
        Some(i) if i.class.dataclass => convert(&obj),
        _ => Err(PyErr::msg(&exc::TYPE_ERROR, "asdict() should be called on dataclass instances")),
    }
}

fn convert(v: &Py) -> PyResult<Py> {
    if let Some(i) = instance(v) {
        if i.class.dataclass {
            let mut pairs = Vec::new();
            for f in i.class.fields {
                let value = i.attrs.borrow().get(*f).cloned().unwrap_or(Py::None);
                pairs.push((Py::str(f), convert(&value)?));
            }
            return Py::dict(pairs);
        }
    }
    Ok(match v {
        Py::List(l) => Py::list(l.borrow().iter().map(convert).collect::<PyResult<_>>()?),
        Py::Tuple(t) => Py::tuple(t.iter().map(convert).collect::<PyResult<_>>()?),
        Py::Dict(d) => {
            let pairs: Vec<(Py, Py)> = d
                .borrow()
                .iter()
                .map(|(k, v)| Ok((convert(&k.0)?, convert(v)?)))
                .collect::<PyResult<_>>()?;
            Py::dict(pairs)?
        }
        other => other.clone(),
    })
}

impl Object for ClassObject {
    fn type_name(&self) -> &str {
        "type"
    }

    fn getattr(&self, _this: &Py, name: &str) -> Option<PyResult<Py>> {
        match name {
            "__name__" | "__qualname__" => Some(Ok(Py::str(self.0.name))),
            _ => None,
        }
    }

    fn call_method(&self, _this: &Py, name: &str, args: Args) -> Option<PyResult<Py>> {
        match name {
            "__instancecheck__" => {
                let is = args.pos.first().and_then(instance).is_some_and(|i| std::ptr::eq(i.class, self.0));
                Some(Ok(Py::Bool(is)))
            }
            _ => None,
        }
    }

    fn call(&self, args: Args) -> Option<PyResult<Py>> {
        Some(instantiate(self.0, args))
    }

    fn repr(&self) -> String {
        format!("<class 'handler.{}'>", self.0.name)
    }

    fn eq(&self, other: &dyn Object) -> Option<bool> {
        other.as_any().downcast_ref::<ClassObject>().map(|o| std::ptr::eq(o.0, self.0))
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

impl Object for Instance {
    fn type_name(&self) -> &str {
        self.class.name
    }

    fn getattr(&self, this: &Py, name: &str) -> Option<PyResult<Py>> {
        if let Some(v) = self.attrs.borrow().get(name) {
            return Some(Ok(v.clone()));
        }
        if let Some((_, getter)) = self.class.properties.iter().find(|(n, _)| *n == name) {
            return Some(getter(this.clone()));
        }
        if name == "__class__" {
            return Some(Ok(class_value(self.class)));
        }
        if let Some(method) = self.class.method(name) {
            let bound = this.clone();
            let label = format!("{}.{}", self.class.name, name);
            return Some(Ok(Py::func(&label, move |args| method(bound.clone(), args))));
        }
        None
    }

    fn setattr(&self, name: &str, value: Py) -> PyResult<()> {
        if self.class.properties.iter().any(|(n, _)| *n == name) {
            return Err(PyErr::msg(
                &exc::ATTRIBUTE_ERROR,
                format!("property '{name}' of '{}' object has no setter", self.class.name),
            ));
        }
        self.attrs.borrow_mut().insert(name.to_string(), value);
        Ok(())
    }

    fn call_method(&self, this: &Py, name: &str, args: Args) -> Option<PyResult<Py>> {
        if let Some(f) = self.attrs.borrow().get(name).cloned() {
            return Some(f.call(args));
        }
        self.class.method(name).map(|m| m(this.clone(), args))
    }

    fn repr(&self) -> String {
        if !self.class.dataclass {
            return format!("<handler.{} object>", self.class.name);
        }
        let attrs = self.attrs.borrow();
        let fields: Vec<String> = self
            .class
            .fields
            .iter()
            .map(|f| format!("{f}={}", attrs.get(*f).map(|v| v.repr_string()).unwrap_or_default()))
            .collect();
        format!("{}({})", self.class.name, fields.join(", "))
    }

    fn eq(&self, other: &dyn Object) -> Option<bool> {
        let other = other.as_any().downcast_ref::<Instance>()?;
        if !std::ptr::eq(other.class, self.class) {
            return Some(false);
        }
        if !self.class.dataclass {
            return Some(std::ptr::eq(self, other));
        }
        let (a, b) = (self.attrs.borrow(), other.attrs.borrow());
        Some(self.class.fields.iter().all(|f| match (a.get(*f), b.get(*f)) {
            (Some(x), Some(y)) => x.py_eq(y),
            (None, None) => true,
            _ => false,
        }))
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}
