//! The context-manager protocol behind `with` (see the converter's `desugar` stage), and
//! `contextlib.suppress` / `contextlib.nullcontext`.

use std::any::Any;

use super::ops::type_error;
use super::value::*;

/// `with mgr [as x]:` entering: `mgr.__enter__()`, after checking that `mgr` is a context
/// manager at all (CPython 3.11's TypeError otherwise).
pub fn with_enter(mgr: &Py) -> PyResult<Py> {
    let supports = matches!(mgr, Py::Object(o) if o.defines("__enter__") && o.defines("__exit__"));
    if !supports {
        return Err(type_error(format!("'{}' object does not support the context manager protocol", mgr.type_name())));
    }
    mgr.call_method("__enter__", Args::default())
}

/// Leaving a `with` block: `mgr.__exit__(None, None, None)` when `exc` is `None`, else
/// `mgr.__exit__(type(exc), exc, None)`; true when the manager swallows the exception.
pub fn with_exit(mgr: &Py, exc: Py) -> PyResult<bool> {
    let args = match &exc {
        Py::None => vec![Py::None, Py::None, Py::None],
        Py::Exc(e) => vec![Py::Type(TypeRef::Exception(e.class())), exc.clone(), Py::None],
        other => vec![super::builtins::type_of(other), exc.clone(), Py::None],
    };
    Ok(mgr.call_method("__exit__", Args::pos(args))?.truthy())
}

/// `contextlib.suppress(*exceptions)`
pub fn suppress(a: Args) -> PyResult<Py> {
    if let Some((name, _)) = a.kw.first() {
        return Err(type_error(format!("suppress() got an unexpected keyword argument '{name}'")));
    }
    Ok(Py::Object(std::rc::Rc::new(Suppress { classes: a.pos })))
}

/// `contextlib.nullcontext(enter_result=None)`
pub fn nullcontext(a: Args) -> PyResult<Py> {
    let [enter_result] = a.bind("nullcontext", ["enter_result"], 0)?;
    Ok(Py::Object(std::rc::Rc::new(NullContext { enter_result: enter_result.unwrap_or(Py::None) })))
}

struct Suppress {
    classes: Vec<Py>,
}

impl Suppress {
    fn matches(&self, exc: &Py) -> PyResult<bool> {
        let Py::Exc(e) = exc else { return Ok(false) };
        for class in &self.classes {
            match class {
                Py::Type(TypeRef::Exception(c)) if e.is_instance(c.name()) => return Ok(true),
                Py::Type(TypeRef::Exception(_)) => {}
                Py::Tuple(t) => {
                    for c in t.iter() {
                        if let Py::Type(TypeRef::Exception(c)) = c {
                            if e.is_instance(c.name()) {
                                return Ok(true);
                            }
                        }
                    }
                }
                _ => return Err(type_error("issubclass() arg 2 must be a class, a tuple of classes, or a union")),
            }
        }
        Ok(false)
    }
}

impl Object for Suppress {
    fn type_name(&self) -> &str {
        "suppress"
    }
    fn getattr(&self, _this: &Py, _name: &str) -> Option<PyResult<Py>> {
        None
    }
    fn call_method(&self, _this: &Py, name: &str, args: Args) -> Option<PyResult<Py>> {
        match name {
            "__enter__" => Some(Ok(Py::None)),
            "__exit__" => Some(self.matches(args.pos.get(1).unwrap_or(&Py::None)).map(Py::Bool)),
            _ => None,
        }
    }
    fn defines(&self, name: &str) -> bool {
        matches!(name, "__enter__" | "__exit__")
    }
    fn repr(&self) -> String {
        "<contextlib.suppress object>".into()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

struct NullContext {
    enter_result: Py,
}

impl Object for NullContext {
    fn type_name(&self) -> &str {
        "nullcontext"
    }
    fn getattr(&self, _this: &Py, _name: &str) -> Option<PyResult<Py>> {
        None
    }
    fn call_method(&self, _this: &Py, name: &str, _args: Args) -> Option<PyResult<Py>> {
        match name {
            "__enter__" => Some(Ok(self.enter_result.clone())),
            "__exit__" => Some(Ok(Py::None)),
            _ => None,
        }
    }
    fn defines(&self, name: &str) -> bool {
        matches!(name, "__enter__" | "__exit__")
    }
    fn repr(&self) -> String {
        "<contextlib.nullcontext object>".into()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
