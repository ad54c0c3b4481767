//! `enum.Enum`, `IntEnum`, `StrEnum` and the `(str, Enum)` / `(int, Enum)` mix-ins, with
//! CPython 3.11's behaviour: members are singletons created when the class body runs,
//! looked up by value (`Status("active")`) or name (`Status["ACTIVE"]`), aliases for repeated
//! values, `auto()`, and the mix-ins comparing, hashing, formatting and serialising as their
//! value.

use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

use super::class::ClassInfo;
use super::ops::type_error;
use super::value::*;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum EnumKind {
    /// `class Color(Enum)`
    Plain,
    /// `class Status(str, Enum)`
    StrMixin,
    /// `class Code(int, Enum)`
    IntMixin,
    /// `class Level(IntEnum)`
    IntEnum,
    /// `class Kind(StrEnum)`
    StrEnum,
}

/// A user enum class. Its methods and properties live in `body`.
pub struct EnumInfo {
    pub name: &'static str,
    pub kind: EnumKind,
    pub body: &'static ClassInfo,
}

impl EnumInfo {
    fn mixin(&self) -> bool {
        self.kind != EnumKind::Plain
    }
}

/// An enum's members by name (aliases included), in definition order, keyed by its info.
type MemberTable = Vec<(usize, Vec<(String, Py)>)>;

thread_local! {
    static MEMBERS: RefCell<MemberTable> = const { RefCell::new(Vec::new()) };
}

fn key(info: &'static EnumInfo) -> usize {
    info as *const EnumInfo as usize
}

/// `(name, member)` pairs of an enum, aliases included.
fn members(info: &'static EnumInfo) -> Vec<(String, Py)> {
    MEMBERS.with(|m| m.borrow().iter().find(|(k, _)| *k == key(info)).map(|(_, v)| v.clone()).unwrap_or_default())
}

/// The canonical members, in definition order (what iterating the class yields).
fn canonical(info: &'static EnumInfo) -> Vec<Py> {
    members(info)
        .into_iter()
        .filter(|(name, m)| member(m).is_some_and(|m| m.name == *name))
        .map(|(_, m)| m)
        .collect()
}

fn member(v: &Py) -> Option<&EnumMember> {
    match v {
        Py::Object(o) => o.as_any().downcast_ref::<EnumMember>(),
        _ => None,
    }
}

/// Runs the class body's member assignments (`None` = `auto()`), in order, and records the
/// members. Called once, where the `class` statement runs.
pub fn define(info: &'static EnumInfo, entries: impl Into<Vec<(&'static str, Option<Py>)>>, unique: bool) -> PyResult<()> {
    let entries = entries.into();
    let mut defined: Vec<(String, Py)> = Vec::new();
    for (name, value) in entries {
        if defined.iter().any(|(n, _)| n == name) {
            return Err(type_error(format!("'{name}' already defined as {}", defined.iter().find(|(n, _)| n == name).map(|(_, m)| m.repr_string()).unwrap_or_default())));
        }
        let value = match value {
            Some(v) => v,
            None if info.kind == EnumKind::StrEnum => Py::str(&name.to_lowercase()),
            None => {
                // `_generate_next_value_`: one more than the last value, or 1.
                match defined.last().and_then(|(_, m)| member(m)).map(|m| m.value.clone()) {
                    Some(last) => last.add(&Py::Int(1)).map_err(|_| type_error("unable to increment last enum value with auto()"))?,
                    None => Py::Int(1),
                }
            }
        };
        let value = match info.kind {
            EnumKind::IntEnum | EnumKind::IntMixin if !matches!(value, Py::Int(_) | Py::BigInt(_) | Py::Bool(_)) => {
                super::builtins::int(Args::pos(vec![value]))?
            }
            EnumKind::StrEnum if !matches!(value, Py::Str(_)) => {
                return Err(type_error(format!("{} is not a string", value.repr_string())));
            }
            _ => value,
        };
        let alias = defined
            .iter()
            .filter_map(|(_, m)| member(m).map(|mm| (m, mm)))
            .find(|(_, mm)| mm.value.is(&value) || mm.value.py_eq(&value))
            .map(|(m, _)| m.clone());
        let m = match alias {
            Some(first) => first,
            None => Py::Object(Rc::new(EnumMember { info, name: name.to_string(), value })),
        };
        defined.push((name.to_string(), m));
    }
    if unique {
        // `@unique`: CPython's ValueError lists every alias.
        let aliases: Vec<String> = defined
            .iter()
            .filter_map(|(n, m)| member(m).filter(|mm| mm.name != *n).map(|mm| format!("{n} -> {}", mm.name)))
            .collect();
        if !aliases.is_empty() {
            return Err(PyErr::msg(
                &exc::VALUE_ERROR,
                format!("duplicate values found in <enum '{}'>: {}", info.name, aliases.join(", ")),
            ));
        }
    }
    MEMBERS.with(|m| {
        let mut all = m.borrow_mut();
        all.retain(|(k, _)| *k != key(info));
        all.push((key(info), defined));
    });
    Ok(())
}

/// The class itself, as a value (`Status`, `type(member)`).
pub fn class_value(info: &'static EnumInfo) -> Py {
    Py::Type(TypeRef::Class(Rc::new(EnumClass(info))))
}

pub struct EnumMember {
    info: &'static EnumInfo,
    name: String,
    value: Py,
}

impl EnumMember {
    fn qualified(&self) -> String {
        format!("{}.{}", self.info.name, self.name)
    }

    /// What `str(member)` gives without a user `__str__`.
    fn text(&self) -> String {
        match self.info.kind {
            EnumKind::IntEnum | EnumKind::StrEnum => self.value.str_string(),
            _ => self.qualified(),
        }
    }
}

/// The value a mix-in member stands for in operations (members of plain enums stand for
/// themselves).
fn operand(v: &Py) -> Py {
    match member(v) {
        Some(m) if m.info.mixin() => m.value.clone(),
        _ => v.clone(),
    }
}

impl Object for EnumMember {
    fn type_name(&self) -> &str {
        self.info.name
    }

    fn getattr(&self, this: &Py, name: &str) -> Option<PyResult<Py>> {
        match name {
            "name" | "_name_" => return Some(Ok(Py::str(&self.name))),
            "value" | "_value_" => return Some(Ok(self.value.clone())),
            "__class__" => return Some(Ok(class_value(self.info))),
            _ => {}
        }
        if let Some(found) = super::value::ClassBody::getattr(self.info.body, this, name) {
            return Some(found);
        }
        if self.info.mixin() {
            return Some(self.value.getattr(name));
        }
        None
    }

    fn call_method(&self, this: &Py, name: &str, args: Args) -> Option<PyResult<Py>> {
        if let Some(found) = super::value::ClassBody::getattr(self.info.body, this, name) {
            return Some(found.and_then(|f| f.call(args)));
        }
        if name == "__format__" {
            let [spec] = match args.bind("__format__", ["format_spec"], 1) {
                Ok(b) => b,
                Err(e) => return Some(Err(e)),
            };
            let spec = spec.map(|s| s.str_string()).unwrap_or_default();
            let text = match self.info.kind {
                EnumKind::IntEnum | EnumKind::StrEnum => super::format::format_value(&self.value, &spec),
                // 3.11: other members format as `str(member)` does.
                EnumKind::Plain | EnumKind::StrMixin | EnumKind::IntMixin => {
                    super::format::to_str(this).and_then(|s| super::format::format_value(&Py::str(&s), &spec))
                }
            };
            return Some(text.map(Py::from));
        }
        if self.info.mixin() {
            return Some(self.value.call_method(name, args));
        }
        None
    }

    fn repr(&self) -> String {
        format!("<{}: {}>", self.qualified(), self.value.repr_string())
    }

    fn str(&self) -> String {
        self.text()
    }

    fn eq(&self, other: &dyn Object) -> Option<bool> {
        let other = other.as_any().downcast_ref::<EnumMember>()?;
        if std::ptr::eq(self, other) {
            return Some(true);
        }
        if self.info.mixin() && other.info.mixin() {
            return Some(self.value.py_eq(&other.value));
        }
        Some(false)
    }

    fn compare_with(&self, op: &str, other: &Py, reflected: bool) -> Option<PyResult<bool>> {
        if !self.info.mixin() {
            return None;
        }
        let (a, b) = (self.value.clone(), operand(other));
        let (a, b) = if reflected { (b, a) } else { (a, b) };
        Some(match op {
            "==" => Ok(a.py_eq(&b)),
            "<" => a.lt(&b),
            "<=" => a.le(&b),
            ">" => a.gt(&b),
            _ => a.ge(&b),
        })
    }

    fn hash(&self) -> Option<u64> {
        if self.info.mixin() {
            return Some(super::key::py_hash(&self.value) as u64);
        }
        let mut h: u64 = 0xcbf29ce484222325;
        for b in self.qualified().bytes() {
            h = (h ^ b as u64).wrapping_mul(0x100000001b3);
        }
        Some(h)
    }

    fn truthy(&self) -> bool {
        !self.info.mixin() || self.value.truthy()
    }

    fn binop(&self, op: &str, _this: &Py, other: &Py) -> Option<PyResult<Py>> {
        if !self.info.mixin() {
            return None;
        }
        let (reflected, op) = match op.strip_prefix('r') {
            Some(rest) if !rest.is_empty() && !rest.starts_with(char::is_alphabetic) => (true, rest),
            _ => (false, op),
        };
        let (a, b) = if reflected { (operand(other), self.value.clone()) } else { (self.value.clone(), operand(other)) };
        Some(match op {
            "+" => a.add(&b),
            "-" => a.sub(&b),
            "*" => a.mul(&b),
            "/" => a.truediv(&b),
            "//" => a.floordiv(&b),
            "%" => a.rem(&b),
            "**" => a.pow(&b),
            "&" => a.bitand(&b),
            "|" => a.bitor(&b),
            "^" => a.bitxor(&b),
            "<<" => a.lshift(&b),
            ">>" => a.rshift(&b),
            "neg" => a.neg(),
            "pos" => a.pos(),
            "invert" => a.invert(),
            "abs" => super::builtins::abs(Args::pos(vec![a])),
            _ => return None,
        })
    }

    fn to_json(&self) -> Option<PyResult<serde_json::Value>> {
        if self.info.mixin() {
            Some(self.value.to_json())
        } else {
            None
        }
    }

    fn special(&self, this: &Py, name: &str, args: Args) -> Option<PyResult<Py>> {
        super::value::ClassBody::special(self.info.body, this, name, args)
    }

    fn defines(&self, name: &str) -> bool {
        super::value::ClassBody::defines(self.info.body, name)
    }

    fn builtin_value(&self) -> Option<Py> {
        self.info.mixin().then(|| self.value.clone())
    }

    fn builtin_base(&self) -> Option<&'static str> {
        match self.info.kind {
            EnumKind::StrMixin | EnumKind::StrEnum => Some("str"),
            EnumKind::IntMixin | EnumKind::IntEnum => Some("int"),
            EnumKind::Plain => None,
        }
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

pub struct EnumClass(&'static EnumInfo);

impl EnumClass {
    fn by_value(&self, value: &Py) -> PyResult<Py> {
        if let Some(m) = member(value) {
            if std::ptr::eq(m.info, self.0) {
                return Ok(value.clone());
            }
        }
        let found = members(self.0).into_iter().map(|(_, m)| m).find(|m| {
            member(m).is_some_and(|mm| mm.value.is(value) || mm.value.py_eq(value))
        });
        found.ok_or_else(|| {
            PyErr::msg(&exc::VALUE_ERROR, format!("{} is not a valid {}", value.repr_string(), self.0.name))
        })
    }

    fn by_name(&self, name: &Py) -> PyResult<Py> {
        let found = match name {
            Py::Str(s) => members(self.0).into_iter().find(|(n, _)| n.as_str() == &**s).map(|(_, m)| m),
            _ => None,
        };
        found.ok_or_else(|| PyErr::new(&exc::KEY_ERROR, vec![name.clone()]))
    }
}

impl Object for EnumClass {
    fn type_name(&self) -> &str {
        "EnumType"
    }

    fn getattr(&self, _this: &Py, name: &str) -> Option<PyResult<Py>> {
        match name {
            "__name__" | "__qualname__" => return Some(Ok(Py::str(self.0.name))),
            "__members__" => {
                let pairs: Vec<_> = members(self.0).into_iter().map(|(n, m)| (Py::str(&n), m)).collect();
                return Some(Py::dict(pairs));
            }
            _ => {}
        }
        if let Some((_, m)) = members(self.0).into_iter().find(|(n, _)| n == name) {
            return Some(Ok(m));
        }
        super::value::ClassBody::class_getattr(self.0.body, name)
    }

    fn setattr(&self, _this: &Py, name: &str, _value: Py) -> PyResult<()> {
        Err(PyErr::msg(&exc::ATTRIBUTE_ERROR, format!("cannot reassign member '{name}'")))
    }

    fn special(&self, this: &Py, name: &str, args: Args) -> Option<PyResult<Py>> {
        match name {
            "__iter__" | "__len__" | "__getitem__" | "__contains__" => self.call_method(this, name, args),
            _ => None,
        }
    }

    fn defines(&self, name: &str) -> bool {
        matches!(name, "__iter__" | "__len__" | "__getitem__" | "__contains__")
    }

    fn call_method(&self, _this: &Py, name: &str, args: Args) -> Option<PyResult<Py>> {
        Some(match name {
            "__iter__" => Ok(Py::iterator(canonical(self.0).into_iter().map(Ok))),
            "__len__" => Ok(Py::Int(canonical(self.0).len() as i64)),
            "__getitem__" => match args.pos.first() {
                Some(n) => self.by_name(n),
                None => Err(type_error("__getitem__ expected 1 argument")),
            },
            "__contains__" => match args.pos.first() {
                Some(v) => match member(v) {
                    Some(m) => Ok(Py::Bool(std::ptr::eq(m.info, self.0))),
                    None => Err(type_error(format!(
                        "unsupported operand type(s) for 'in': '{}' and 'EnumType'",
                        v.type_name()
                    ))),
                },
                None => Err(type_error("__contains__ expected 1 argument")),
            },
            "__instancecheck__" => {
                let is = args.pos.first().and_then(member).is_some_and(|m| std::ptr::eq(m.info, self.0));
                Ok(Py::Bool(is))
            }
            _ => {
                let found = self.getattr(_this, name)?;
                found.and_then(|f| f.call(args))
            }
        })
    }

    fn call(&self, args: Args) -> Option<PyResult<Py>> {
        Some(match args.bind(self.0.name, ["value"], 1) {
            Ok([value]) => self.by_value(&value.unwrap_or(Py::None)),
            Err(e) => Err(e),
        })
    }

    fn repr(&self) -> String {
        format!("<enum '{}'>", self.0.name)
    }

    fn eq(&self, other: &dyn Object) -> Option<bool> {
        other.as_any().downcast_ref::<EnumClass>().map(|o| std::ptr::eq(o.0, self.0))
    }

    fn hash(&self) -> Option<u64> {
        Some(key(self.0) as u64)
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}
