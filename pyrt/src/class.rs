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
/// A `@property` getter: receives the instance.
pub type Getter = fn(Py) -> PyResult<Py>;

pub struct ClassInfo {
    pub name: &'static str,
    /// Methods, `__init__` included when the class defines one.
    pub methods: &'static [(&'static str, Method)],
    /// `@property` getters.
    pub properties: &'static [(&'static str, Getter)],
    /// Dataclass fields in declaration order, inherited ones first (empty for plain classes).
    pub fields: &'static [&'static str],
    pub dataclass: bool,
    /// The base class (single inheritance): searched after this one, as Python's MRO does.
    pub base: Option<&'static ClassInfo>,
    /// Which of `methods` are `@staticmethod`s (called without the instance) and which are
    /// `@classmethod`s (called with the class of the instance or the class itself).
    pub static_methods: &'static [&'static str],
    pub class_methods: &'static [&'static str],
    /// The class attributes set in the class body (`sides = 4`), by name.
    pub class_attr: fn(&str) -> Option<Py>,
    /// What decorators add: setters, dataclass options, abstract methods, …
    pub options: ClassOptions,
}

/// The less common parts of a class, in one place so most classes just use `PLAIN`.
pub struct ClassOptions {
    /// `@name.setter` methods, called with the new value.
    pub setters: &'static [(&'static str, Method)],
    /// `@functools.cached_property` getters (the value is kept on the instance).
    pub cached_properties: &'static [&'static str],
    /// `@dataclass(frozen=True)`: fields cannot be assigned after `__init__`; hashable.
    pub frozen: bool,
    /// `@dataclass(order=True)`: `<`, `<=`, `>`, `>=` compare the fields as tuples.
    pub order: bool,
    /// `@abstractmethod`s of an `abc.ABC` subclass.
    pub abstract_methods: &'static [&'static str],
    /// `@functools.total_ordering`: the missing comparisons come from the one defined.
    pub total_ordering: bool,
}

impl ClassOptions {
    pub const PLAIN: ClassOptions = ClassOptions {
        setters: &[],
        cached_properties: &[],
        frozen: false,
        order: false,
        abstract_methods: &[],
        total_ordering: false,
    };
}

/// `class_attr` of a class whose body sets no attributes.
pub fn no_class_attrs(_: &str) -> Option<Py> {
    None
}

/// What a name finds on a class (or one of its bases).
#[derive(Clone)]
enum Member {
    Method(Method),
    Static(Method),
    ClassMethod(Method),
    Property(fn(Py) -> PyResult<Py>),
    Attr(Py),
}

impl Member {
    /// Calls what was found on `class` (or a base) for `this`: an instance of `class`, or the
    /// class value itself.
    fn call(self, this: &Py, class: &'static ClassInfo, args: Args) -> PyResult<Py> {
        match self {
            Member::Method(m) => m(this.clone(), args),
            Member::Static(m) => m(Py::None, args),
            Member::ClassMethod(m) => m(class_value(class), args),
            Member::Property(getter) => getter(this.clone())?.call(args),
            Member::Attr(v) => v.call(args),
        }
    }
}

impl ClassInfo {
    /// This class, then its bases.
    fn chain(&'static self) -> impl Iterator<Item = &'static ClassInfo> {
        std::iter::successors(Some(self), |c| c.base)
    }

    fn lookup(&'static self, name: &str) -> Option<Member> {
        for c in self.chain() {
            if let Some((_, p)) = c.properties.iter().find(|(n, _)| *n == name) {
                return Some(Member::Property(*p));
            }
            if let Some((_, m)) = c.methods.iter().find(|(n, _)| *n == name) {
                return Some(if c.static_methods.contains(&name) {
                    Member::Static(*m)
                } else if c.class_methods.contains(&name) {
                    Member::ClassMethod(*m)
                } else {
                    Member::Method(*m)
                });
            }
            if let Some(v) = (c.class_attr)(name) {
                return Some(Member::Attr(v));
            }
        }
        None
    }

    fn method(&'static self, name: &str) -> Option<Method> {
        match self.lookup(name) {
            Some(Member::Method(m)) => Some(m),
            _ => None,
        }
    }

    fn is_subclass_of(&'static self, other: &'static ClassInfo) -> bool {
        self.chain().any(|c| std::ptr::eq(c, other))
    }

    fn setter(&'static self, name: &str) -> Option<Method> {
        self.chain().find_map(|c| c.options.setters.iter().find(|(n, _)| *n == name).map(|(_, m)| *m))
    }

    fn is_cached_property(&'static self, name: &str) -> bool {
        self.chain().any(|c| c.options.cached_properties.contains(&name))
    }

    /// Abstract methods no class along the chain implements, sorted (CPython's message order).
    fn unimplemented_abstract(&'static self) -> Vec<&'static str> {
        let mut names: Vec<&'static str> = Vec::new();
        for c in self.chain() {
            for name in c.options.abstract_methods {
                let owner = self.chain().find(|k| {
                    k.methods.iter().any(|(n, _)| n == name) || k.properties.iter().any(|(n, _)| n == name)
                });
                if owner.is_some_and(|o| o.options.abstract_methods.contains(name)) && !names.contains(name) {
                    names.push(name);
                }
            }
        }
        names.sort_unstable();
        names
    }
}

/// `super().name(*args)` in a method of a class whose base is `base`.
pub fn super_call(base: &'static ClassInfo, this: &Py, name: &str, args: Args) -> PyResult<Py> {
    let class = instance(this).map(|i| i.class).unwrap_or(base);
    match base.lookup(name) {
        Some(member) => member.call(this, class, args),
        None if name == "__init__" => {
            if args.pos.is_empty() && args.kw.is_empty() {
                Ok(Py::None)
            } else {
                Err(PyErr::msg(&exc::TYPE_ERROR, "object.__init__() takes exactly one argument (the instance to initialize)"))
            }
        }
        None => Err(PyErr::msg(&exc::ATTRIBUTE_ERROR, format!("'super' object has no attribute '{name}'"))),
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

/// A dataclass's generated `__init__` setting a field (also on frozen ones).
pub fn init_field(this: &Py, name: &str, value: Py) {
    if let Some(i) = instance(this) {
        i.attrs.borrow_mut().insert(name.to_string(), value);
    }
}

/// `ClassName(*args)`: a new instance, initialised by `__init__` (a dataclass's is generated).
pub fn instantiate(info: &'static ClassInfo, args: Args) -> PyResult<Py> {
    let missing = info.unimplemented_abstract();
    if !missing.is_empty() {
        return Err(PyErr::msg(
            &exc::TYPE_ERROR,
            format!(
                "Can't instantiate abstract class {} with abstract method{} {}",
                info.name,
                if missing.len() == 1 { "" } else { "s" },
                missing.join(", ")
            ),
        ));
    }
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

/// `dataclasses.replace(obj, /, **changes)`: a new instance with some fields changed.
pub fn replace(a: Args) -> PyResult<Py> {
    let Args { pos, kw } = a;
    let obj = match pos.as_slice() {
        [obj] => obj.clone(),
        _ => return Err(PyErr::msg(&exc::TYPE_ERROR, format!("replace() takes 1 positional argument but {} were given", pos.len()))),
    };
    let Some(i) = instance(&obj).filter(|i| i.class.dataclass) else {
        return Err(PyErr::msg(&exc::TYPE_ERROR, "replace() should be called on dataclass instances"));
    };
    let attrs = i.attrs.borrow().clone();
    let mut fields: Vec<(std::borrow::Cow<'static, str>, Py)> = Vec::new();
    for f in i.class.fields {
        let value = match kw.iter().find(|(k, _)| k == f) {
            Some((_, v)) => v.clone(),
            None => attrs.get(*f).cloned().unwrap_or(Py::None),
        };
        fields.push(((*f).into(), value));
    }
    for (k, _) in &kw {
        if !i.class.fields.contains(&&**k) {
            return Err(PyErr::msg(&exc::TYPE_ERROR, format!("{}.__init__() got an unexpected keyword argument '{k}'", i.class.name)));
        }
    }
    instantiate(i.class, Args { pos: Vec::new(), kw: fields })
}

/// `dataclasses.fields(obj_or_class)`: the fields, each with `.name`.
pub fn fields(a: Args) -> PyResult<Py> {
    let [obj] = a.bind("fields", ["class_or_instance"], 1)?;
    let obj = obj.unwrap_or(Py::None);
    let class = match &obj {
        Py::Type(TypeRef::Class(c)) => c.as_any().downcast_ref::<ClassObject>().map(|c| c.0),
        other => instance(other).map(|i| i.class),
    };
    let Some(class) = class.filter(|c| c.dataclass) else {
        return Err(PyErr::msg(&exc::TYPE_ERROR, "must be called with a dataclass type or instance"));
    };
    let field_type = super::collections::namedtuple(Args::pos(vec![Py::str("Field"), Py::list(vec![Py::str("name")])]))?;
    let items = class.fields.iter().map(|f| field_type.call(Args::pos(vec![Py::str(f)]))).collect::<PyResult<Vec<Py>>>()?;
    Ok(Py::tuple(items))
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
        Py::List(l) => Py::list(l.borrow().iter().map(convert).collect::<PyResult<Vec<_>>>()?),
        Py::Tuple(t) => Py::tuple(t.iter().map(convert).collect::<PyResult<Vec<_>>>()?),
        Py::Dict(d) => {
            let pairs: Vec<(Py, Py)> = d
                .borrow()
                .iter()
                .map(|(k, v)| Ok((convert(&k.0)?, convert(v)?)))
                .collect::<PyResult<Vec<_>>>()?;
            Py::dict(pairs)?
        }
        other => other.clone(),
    })
}

/// A user exception class's body: looked up as a plain class's, on the exception value.
impl super::value::ClassBody for ClassInfo {
    fn getattr(&'static self, this: &Py, name: &str) -> Option<PyResult<Py>> {
        let class = self;
        let label = format!("{}.{}", class.name, name);
        Some(match class.lookup(name)? {
            Member::Property(getter) => getter(this.clone()),
            Member::Attr(v) => Ok(v),
            member => {
                let bound = this.clone();
                Ok(Py::func(&label, move |args| member.clone().call(&bound, class, args)))
            }
        })
    }

    fn defines(&'static self, name: &str) -> bool {
        matches!(self.lookup(name), Some(Member::Method(_) | Member::Static(_) | Member::ClassMethod(_)))
    }

    fn class_getattr(&'static self, name: &str) -> Option<PyResult<Py>> {
        ClassObject(self).getattr(&Py::None, name)
    }

    fn special(&'static self, this: &Py, name: &str, args: Args) -> Option<PyResult<Py>> {
        let class = self;
        match class.lookup(name)? {
            Member::Property(_) | Member::Attr(_) => None,
            member => Some(member.call(this, class, args)),
        }
    }
}

impl Object for ClassObject {
    fn type_name(&self) -> &str {
        "type"
    }

    fn getattr(&self, this: &Py, name: &str) -> Option<PyResult<Py>> {
        if let "__name__" | "__qualname__" = name {
            return Some(Ok(Py::str(self.0.name)));
        }
        if name == "__match_args__" && self.0.dataclass {
            return Some(Ok(Py::tuple(self.0.fields.iter().map(|f| Py::str(f)).collect::<Vec<_>>())));
        }
        let label = format!("{}.{}", self.0.name, name);
        Some(Ok(match self.0.lookup(name)? {
            // `Class.method` is the plain function: the instance is its first argument.
            Member::Method(m) => Py::func(&label.clone(), move |mut args| {
                if args.pos.is_empty() {
                    return Err(PyErr::msg(&exc::TYPE_ERROR, format!("{label}() missing 1 required positional argument: 'self'")));
                }
                let this = args.pos.remove(0);
                m(this, args)
            }),
            Member::Property(_) => return None,
            Member::Attr(v) => v,
            member => {
                let (this, class) = (this.clone(), self.0);
                Py::func(&label, move |args| member.clone().call(&this, class, args))
            }
        }))
    }

    fn setattr(&self, _this: &Py, name: &str, _value: Py) -> PyResult<()> {
        // Class attributes live in the generated module's statics; rebinding them at run time
        // is not translated (the converter refuses `Class.attr = ...` it can see).
        Err(PyErr::msg(
            &exc::TYPE_ERROR,
            format!("setting class attribute '{name}' of '{}' is not supported by the converted code", self.0.name),
        ))
    }

    fn call_method(&self, this: &Py, name: &str, args: Args) -> Option<PyResult<Py>> {
        if name == "__instancecheck__" {
            let is = args.pos.first().and_then(instance).is_some_and(|i| i.class.is_subclass_of(self.0));
            return Some(Ok(Py::Bool(is)));
        }
        Some(self.getattr(this, name)?.and_then(|f| f.call(args)))
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
        if name == "__class__" {
            return Some(Ok(class_value(self.class)));
        }
        let label = format!("{}.{}", self.class.name, name);
        let Some(member) = self.class.lookup(name) else {
            // A missing attribute goes to the class's `__getattr__`, as in Python (special
            // names are looked up on the class, never through it).
            let dunder = name.starts_with("__") && name.ends_with("__");
            let fallback = self.class.lookup("__getattr__").filter(|_| !dunder)?;
            return Some(fallback.call(this, self.class, Args::pos(vec![Py::str(name)])));
        };
        Some(match member {
            Member::Property(getter) if self.class.is_cached_property(name) => getter(this.clone()).inspect(|v| {
                self.attrs.borrow_mut().insert(name.to_string(), v.clone());
            }),
            Member::Property(getter) => getter(this.clone()),
            Member::Attr(v) => Ok(v),
            member => {
                let (bound, class) = (this.clone(), self.class);
                Ok(Py::func(&label, move |args| member.clone().call(&bound, class, args)))
            }
        })
    }

    fn setattr(&self, this: &Py, name: &str, value: Py) -> PyResult<()> {
        if self.class.chain().any(|c| c.options.frozen) {
            return Err(PyErr::new(&exc::FROZEN_INSTANCE_ERROR, vec![Py::str(&format!("cannot assign to field '{name}'"))]));
        }
        if let Some(setter) = self.class.setter(name) {
            return setter(this.clone(), Args::pos(vec![value])).map(|_| ());
        }
        if matches!(self.class.lookup(name), Some(Member::Property(_))) && !self.class.is_cached_property(name) {
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
        Some(self.class.lookup(name)?.call(this, self.class, args))
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

    fn special(&self, this: &Py, name: &str, args: Args) -> Option<PyResult<Py>> {
        match self.class.lookup(name) {
            Some(Member::Property(_) | Member::Attr(_)) => None,
            Some(member) => Some(member.call(this, self.class, args)),
            None if self.class.chain().any(|c| c.options.total_ordering) => {
                let other = args.pos.into_iter().next()?;
                total_ordering(this, self.class, name, &other)
            }
            None => None,
        }
    }

    fn defines(&self, name: &str) -> bool {
        matches!(self.class.lookup(name), Some(Member::Method(_) | Member::Static(_) | Member::ClassMethod(_)))
    }

    /// Arithmetic through the class's `__add__`, `__radd__`, `__neg__`, …
    fn binop(&self, op: &str, this: &Py, other: &Py) -> Option<PyResult<Py>> {
        let (reflected, op) = match op.strip_prefix('r') {
            Some(rest) if !rest.is_empty() && !rest.starts_with('s') => (true, rest),
            _ => (false, op),
        };
        let base = match op {
            "+" => "add",
            "-" => "sub",
            "*" => "mul",
            "/" => "truediv",
            "//" => "floordiv",
            "%" => "mod",
            "**" => "pow",
            "<<" => "lshift",
            ">>" => "rshift",
            "&" => "and",
            "|" => "or",
            "^" => "xor",
            "@" => "matmul",
            "divmod" => "divmod",
            "neg" | "pos" | "abs" if !reflected => {
                return super::value::special(this, &format!("__{op}__"), &[]);
            }
            _ => return None,
        };
        let name = if reflected { format!("__r{base}__") } else { format!("__{base}__") };
        super::value::special(this, &name, std::slice::from_ref(other))
    }

    fn compare_with(&self, op: &str, other: &Py, _reflected: bool) -> Option<PyResult<bool>> {
        // `@dataclass(order=True)`: fields compared as tuples, only against the same class.
        if op == "==" || !self.class.options.order {
            return None;
        }
        let other = instance(other).filter(|o| std::ptr::eq(o.class, self.class))?;
        let fields = |i: &Instance| {
            let attrs = i.attrs.borrow();
            Py::tuple(self.class.fields.iter().map(|f| attrs.get(*f).cloned().unwrap_or(Py::None)).collect::<Vec<_>>())
        };
        let (a, b) = (fields(self), fields(other));
        Some(match op {
            "<" => a.lt(&b),
            "<=" => a.le(&b),
            ">" => a.gt(&b),
            _ => a.ge(&b),
        })
    }

    fn unhashable(&self) -> bool {
        // `__eq__` without `__hash__` sets `__hash__ = None`; so does a non-frozen dataclass.
        let defines = |name: &str| self.class.chain().any(|c| c.methods.iter().any(|(n, _)| *n == name));
        if defines("__hash__") {
            return false;
        }
        defines("__eq__") || (self.class.dataclass && !self.class.chain().any(|c| c.options.frozen))
    }

    fn hash(&self) -> Option<u64> {
        // A frozen dataclass hashes its fields.
        if !(self.class.dataclass && self.class.options.frozen) {
            return None;
        }
        let attrs = self.attrs.borrow();
        let fields = Py::tuple(self.class.fields.iter().map(|f| attrs.get(*f).cloned().unwrap_or(Py::None)).collect::<Vec<_>>());
        Some(super::key::py_hash(&fields) as u64)
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

/// `@functools.total_ordering`: a comparison the class lacks, from the one it defines and
/// `__eq__`, as `functools` derives them.
fn total_ordering(this: &Py, class: &'static ClassInfo, name: &str, other: &Py) -> Option<PyResult<Py>> {
    let root = ["__lt__", "__le__", "__gt__", "__ge__"].into_iter().find(|r| class.method(r).is_some())?;
    let call = |m: &str| -> PyResult<Py> {
        match class.method(m) {
            Some(f) => f(this.clone(), Args::pos(vec![other.clone()])),
            None => Ok(not_implemented()),
        }
    };
    let derived = (|| -> PyResult<Py> {
        let r = call(root)?;
        if is_not_implemented(&r) {
            return Ok(r);
        }
        let r = r.truthy();
        let eq = || this.py_eq(other);
        Ok(Py::Bool(match (root, name) {
            ("__lt__", "__gt__") => !r && !eq(),
            ("__lt__", "__le__") => r || eq(),
            ("__lt__", "__ge__") => !r,
            ("__le__", "__ge__") => !r || eq(),
            ("__le__", "__lt__") => r && !eq(),
            ("__le__", "__gt__") => !r,
            ("__gt__", "__lt__") => !r && !eq(),
            ("__gt__", "__ge__") => r || eq(),
            ("__gt__", "__le__") => !r,
            ("__ge__", "__le__") => !r || eq(),
            ("__ge__", "__gt__") => r && !eq(),
            ("__ge__", "__lt__") => !r,
            _ => return Ok(not_implemented()),
        }))
    })();
    match derived {
        Ok(v) if is_not_implemented(&v) => None,
        other => Some(other),
    }
}
