//! Runtime checks behind `match` statements (see the converter's `desugar` stage), as
//! PEP 634 defines them.



use super::ops::type_error;
use super::value::*;

/// A sequence pattern applies: lists, tuples, named tuples and other sequences, but not
/// `str`, `bytes` or mappings.
pub fn is_sequence(subject: Py) -> PyResult<Py> {
    Ok(Py::Bool(match &subject {
        Py::List(_) | Py::Tuple(_) => true,
        Py::Object(o) => super::collections::namedtuple_items(&**o).is_some(),
        _ => false,
    }))
}

/// A mapping pattern applies: dicts (and their `collections` kinds).
pub fn is_mapping(subject: Py) -> PyResult<Py> {
    Ok(Py::Bool(matches!(subject, Py::Dict(_))))
}

/// `{"a": x, **rest}`: the entries whose keys the pattern did not name.
pub fn rest(subject: Py, keys: Py) -> PyResult<Py> {
    let Py::Dict(d) = &subject else { return Err(type_error("mapping pattern on a non-mapping")) };
    let named: Vec<Py> = keys.iter()?.collect::<PyResult<_>>()?;
    let entries: Vec<_> = d
        .borrow()
        .iter()
        .filter(|(k, _)| !named.iter().any(|n| n.py_eq(&k.0)))
        .map(|(k, v)| (k.0.clone(), v.clone()))
        .collect();
    Py::dict(entries)
}

/// The `index`-th positional sub-pattern of `Cls(...)` with `count` of them: the subject
/// itself for the builtin types that match by value (`str(x)`), else the attribute named
/// by `__match_args__` (a dataclass's fields, a named tuple's fields).
pub fn arg(subject: Py, class: Py, index: Py, count: Py) -> PyResult<Py> {
    let (Py::Int(index), Py::Int(count)) = (index, count) else { return Err(type_error("bad sub-pattern index")) };
    let class_name = match &class {
        Py::Type(TypeRef::Builtin(n)) => Some(*n),
        _ => None,
    };
    if let Some(n) = class_name {
        if matches!(n, "bool" | "bytearray" | "bytes" | "dict" | "float" | "frozenset" | "int" | "list" | "set" | "str" | "tuple") {
            if count > 1 {
                return Err(type_error(format!("{n}() accepts 1 positional sub-pattern ({count} given)")));
            }
            return Ok(subject);
        }
    }
    let names = match class.getattr("__match_args__") {
        Ok(names) => names.iter()?.collect::<PyResult<Vec<Py>>>()?,
        Err(_) => Vec::new(),
    };
    let class_label = match class.getattr("__name__") {
        Ok(Py::Str(s)) => s.to_string(),
        _ => class.type_name().to_string(),
    };
    if count as usize > names.len() {
        return Err(type_error(format!(
            "{class_label}() accepts {} positional sub-pattern{} ({count} given)",
            names.len(),
            if names.len() == 1 { "" } else { "s" }
        )));
    }
    match &names[index as usize] {
        Py::Str(attr) => subject.getattr(attr),
        other => Err(type_error(format!("__match_args__ elements must be strings (got {})", other.type_name()))),
    }
}

