//! The `collections` module: `defaultdict`, `Counter` and `OrderedDict` are [`Py::Dict`]
//! values with a [`DictKind`], so every dict operation (indexing, iteration, `len`, `in`,
//! the dict methods, `json.dumps`, the Lambda response) applies to them unchanged; what
//! differs — `__missing__`, the Counter methods and arithmetic, `repr`, `type()` — is here.
//! `namedtuple` builds a class whose instances are tuple-like objects.

use std::any::Any;
use std::cmp::Ordering;
use std::rc::Rc;

use indexmap::IndexMap;

use super::format::type_err;
use super::value::*;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    DefaultDict,
    Counter,
    OrderedDict,
}

/// The class objects `collections.defaultdict` / `Counter` / `OrderedDict`.
struct Class(Kind);

fn kind_name(k: Kind) -> &'static str {
    match k {
        Kind::DefaultDict => "defaultdict",
        Kind::Counter => "Counter",
        Kind::OrderedDict => "OrderedDict",
    }
}

fn kind_of(d: &PyDict) -> Option<Kind> {
    match d.kind {
        DictKind::Dict => None,
        DictKind::DefaultDict(_) => Some(Kind::DefaultDict),
        DictKind::Counter => Some(Kind::Counter),
        DictKind::OrderedDict => Some(Kind::OrderedDict),
    }
}

/// `type(d).__name__` for a dict.
pub fn type_name(d: &PyDict) -> &'static str {
    kind_of(d).map(kind_name).unwrap_or("dict")
}

/// `type(d)` for a dict of a collections kind.
pub fn type_of(d: &PyDict) -> Option<Py> {
    kind_of(d).map(class)
}

fn class(k: Kind) -> Py {
    Py::Type(TypeRef::Class(Rc::new(Class(k))))
}

impl Object for Class {
    fn type_name(&self) -> &str {
        "type"
    }
    fn getattr(&self, _this: &Py, name: &str) -> Option<PyResult<Py>> {
        match name {
            "__name__" | "__qualname__" => Some(Ok(Py::str(kind_name(self.0)))),
            "__module__" => Some(Ok(Py::str("collections"))),
            "fromkeys" if self.0 != Kind::Counter => {
                let k = self.0;
                Some(Ok(Py::func("fromkeys", move |args| {
                    let d = Py::from_map(IndexMap::new()).call_method("fromkeys", args)?;
                    let map = match &d {
                        Py::Dict(d) => d.borrow().clone(),
                        _ => unreachable!(),
                    };
                    Ok(Py::dict_of_kind(map, if k == Kind::OrderedDict { DictKind::OrderedDict } else { DictKind::DefaultDict(Py::None) }))
                })))
            }
            _ => None,
        }
    }
    fn call_method(&self, this: &Py, name: &str, args: Args) -> Option<PyResult<Py>> {
        match name {
            "__instancecheck__" => Some((|| {
                let [v] = args.bind("__instancecheck__", ["instance"], 1)?;
                Ok(Py::Bool(match v.unwrap() {
                    Py::Dict(d) => kind_of(&d) == Some(self.0),
                    _ => false,
                }))
            })()),
            "fromkeys" => Some(this.getattr("fromkeys").and_then(|f| f.call(args))),
            _ => None,
        }
    }
    fn call(&self, args: Args) -> Option<PyResult<Py>> {
        Some(match self.0 {
            Kind::DefaultDict => new_defaultdict(args),
            Kind::Counter => new_counter(args),
            Kind::OrderedDict => new_ordered(args),
        })
    }
    fn repr(&self) -> String {
        format!("<class 'collections.{}'>", kind_name(self.0))
    }
    fn eq(&self, other: &dyn Object) -> Option<bool> {
        Some(other.as_any().downcast_ref::<Class>().is_some_and(|o| o.0 == self.0))
    }
    fn hash(&self) -> Option<u64> {
        Some(self.0 as u64 + 0xc011)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `collections.defaultdict`
pub fn defaultdict_type() -> Py {
    class(Kind::DefaultDict)
}

/// `collections.Counter`
pub fn counter_type() -> Py {
    class(Kind::Counter)
}

/// `collections.OrderedDict`
pub fn ordereddict_type() -> Py {
    class(Kind::OrderedDict)
}

fn is_callable(v: &Py) -> bool {
    matches!(v, Py::Func(_) | Py::Type(_)) || matches!(v, Py::Object(o) if o.call(Args::default()).is_some())
}

fn plain_dict(args: Args) -> PyResult<IndexMap<Key, Py>> {
    match super::builtins::dict(args)? {
        Py::Dict(d) => Ok(d.borrow().clone()),
        _ => unreachable!(),
    }
}

fn new_defaultdict(mut args: Args) -> PyResult<Py> {
    let factory = if args.pos.is_empty() { Py::None } else { args.pos.remove(0) };
    if !factory.is_none() && !is_callable(&factory) {
        return Err(type_err("first argument must be callable or None"));
    }
    let map = plain_dict(args)?;
    Ok(Py::dict_of_kind(map, DictKind::DefaultDict(factory)))
}

fn new_ordered(args: Args) -> PyResult<Py> {
    if args.pos.len() > 1 {
        return Err(type_err(format!("OrderedDict expected at most 1 arguments, got {}", args.pos.len())));
    }
    let map = plain_dict(args)?;
    Ok(Py::dict_of_kind(map, DictKind::OrderedDict))
}

fn new_counter(args: Args) -> PyResult<Py> {
    if args.pos.len() > 1 {
        return Err(type_err(format!("expected at most 1 arguments, got {}", args.pos.len())));
    }
    let c = Py::dict_of_kind(IndexMap::new(), DictKind::Counter);
    if let Py::Dict(d) = &c {
        counter_update(d, args, 1)?;
    }
    Ok(c)
}

/// `Counter.update` (sign 1) / `Counter.subtract` (sign -1).
fn counter_update(d: &PyDict, args: Args, sign: i64) -> PyResult<()> {
    let name = if sign > 0 { "update" } else { "subtract" };
    if args.pos.len() > 1 {
        return Err(type_err(format!("expected at most 1 arguments, got {}", args.pos.len())));
    }
    let add = |k: Py, n: Py| -> PyResult<()> {
        let key = Key::new(k)?;
        let cur = d.borrow().get(&key).cloned();
        let new = match cur {
            Some(c) => {
                if sign > 0 {
                    c.add(&n)?
                } else {
                    c.sub(&n)?
                }
            }
            None if sign > 0 => n,
            None => Py::Int(0).sub(&n)?,
        };
        d.borrow_mut().insert(key, new);
        Ok(())
    };
    let Args { pos, kw } = args;
    if let Some(src) = pos.into_iter().next() {
        let is_mapping = matches!(src, Py::Dict(_)) || super::ops::has_keys(&src);
        if is_mapping {
            let keys: Vec<Py> = src.iter()?.collect::<PyResult<_>>()?;
            for k in keys {
                let v = src.getitem(&k)?;
                add(k, v)?;
            }
        } else {
            for item in src.iter()? {
                let item = item?;
                if sign > 0 {
                    add(item, Py::Int(1))?;
                } else {
                    // subtract() of an iterable counts each element once
                    add(item, Py::Int(1))?;
                }
            }
        }
    }
    for (k, v) in kw {
        add(Py::str(&k), v)?;
    }
    let _ = name;
    Ok(())
}

/// Items sorted by count, largest first; ties keep insertion order (a stable sort, as
/// CPython's `sorted(..., key=itemgetter(1), reverse=True)`).
fn most_common(d: &PyDict) -> PyResult<Vec<(Py, Py)>> {
    let mut items: Vec<(Py, Py)> = d.borrow().iter().map(|(k, v)| (k.0.clone(), v.clone())).collect();
    let mut err = None;
    items.sort_by(|a, b| match b.1.lt(&a.1) {
        Ok(true) => Ordering::Less,
        Ok(false) => match a.1.lt(&b.1) {
            Ok(true) => Ordering::Greater,
            Ok(false) => Ordering::Equal,
            Err(e) => {
                err.get_or_insert(e);
                Ordering::Equal
            }
        },
        Err(e) => {
            err.get_or_insert(e);
            Ordering::Equal
        }
    });
    match err {
        Some(e) => Err(e),
        None => Ok(items),
    }
}

fn counter_get(d: &PyDict, k: &Key) -> Py {
    d.borrow().get(k).cloned().unwrap_or(Py::Int(0))
}

/// `Counter` `+ - | &` with CPython's rules (only positive counts are kept).
pub fn counter_binop(op: &str, a: &PyDict, b: &PyDict) -> PyResult<Py> {
    let mut out = IndexMap::new();
    let zero = Py::Int(0);
    let a_items: Vec<(Key, Py)> = a.borrow().iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    let b_items: Vec<(Key, Py)> = b.borrow().iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    for (k, v) in &a_items {
        let other = counter_get(b, k);
        let n = match op {
            "+" => v.add(&other)?,
            "-" => v.sub(&other)?,
            "|" => {
                if v.lt(&other)? {
                    other
                } else {
                    v.clone()
                }
            }
            _ => {
                if v.lt(&other)? {
                    v.clone()
                } else {
                    other
                }
            }
        };
        if zero.lt(&n)? {
            out.insert(k.clone(), n);
        }
    }
    if op != "&" {
        for (k, v) in &b_items {
            if a.borrow().contains_key(k) {
                continue;
            }
            let n = if op == "-" { zero.sub(v)? } else { v.clone() };
            if zero.lt(&n)? {
                out.insert(k.clone(), n);
            }
        }
    }
    Ok(Py::dict_of_kind(out, DictKind::Counter))
}

/// `d[key]` for a missing key: `__missing__` of defaultdict/Counter; `None` for dicts
/// that raise KeyError.
pub fn missing(d: &PyDict, key: &Py) -> Option<PyResult<Py>> {
    match &d.kind {
        DictKind::DefaultDict(f) if !f.is_none() => Some((|| {
            let v = f.call(Args::default())?;
            d.borrow_mut().insert(Key::new(key.clone())?, v.clone());
            Ok(v)
        })()),
        DictKind::Counter => Some(Ok(Py::Int(0))),
        _ => None,
    }
}

/// Attributes of collections dicts (`default_factory`).
pub fn getattr(d: &PyDict, name: &str) -> Option<Py> {
    match (&d.kind, name) {
        (DictKind::DefaultDict(f), "default_factory") => Some(f.clone()),
        _ => None,
    }
}

/// `repr()` of a collections dict; `None` for a plain dict.
pub fn repr(d: &PyDict, plain: impl Fn() -> String) -> Option<String> {
    Some(match &d.kind {
        DictKind::Dict => return None,
        DictKind::DefaultDict(f) => format!("defaultdict({}, {})", f.repr_string(), plain()),
        DictKind::OrderedDict => {
            if d.borrow().is_empty() {
                "OrderedDict()".into()
            } else {
                let items: Vec<Py> =
                    d.borrow().iter().map(|(k, v)| Py::tuple(vec![k.0.clone(), v.clone()])).collect();
                format!("OrderedDict({})", Py::list(items).repr_string())
            }
        }
        DictKind::Counter => {
            if d.borrow().is_empty() {
                "Counter()".into()
            } else {
                match most_common(d) {
                    Ok(items) => {
                        let parts: Vec<String> =
                            items.iter().map(|(k, v)| format!("{}: {}", k.repr_string(), v.repr_string())).collect();
                        format!("Counter({{{}}})", parts.join(", "))
                    }
                    Err(_) => format!("Counter({})", plain()),
                }
            }
        }
    })
}

/// The extra methods of a collections dict (for bound-method values).
pub fn has_method(d: &PyDict, name: &str) -> bool {
    match d.kind {
        DictKind::Counter => matches!(name, "most_common" | "elements" | "subtract" | "total"),
        DictKind::OrderedDict => name == "move_to_end",
        _ => false,
    }
}

/// Methods that differ from dict's; `Err(args)` hands the call back to the dict methods.
pub fn dict_method(this: &Py, d: &Rc<PyDict>, name: &str, args: Args) -> Result<PyResult<Py>, Args> {
    let r = match (&d.kind, name) {
        (_, "copy") => args.bind("copy", [], 0).map(|_| Py::dict_of_kind(d.borrow().clone(), d.kind.clone())),
        (DictKind::Counter, "most_common") => (|| {
            let [n] = args.bind("most_common", ["n"], 0)?;
            let items = most_common(d)?;
            let n = match n {
                None | Some(Py::None) => items.len(),
                Some(v) => super::ops::index_of(&v)?.max(0) as usize,
            };
            Ok(Py::list(items.into_iter().take(n).map(|(k, v)| Py::tuple(vec![k, v])).collect::<Vec<_>>()))
        })(),
        (DictKind::Counter, "elements") => (|| {
            args.bind("elements", [], 0)?;
            let mut out = Vec::new();
            for (k, v) in d.borrow().iter() {
                let n = match v {
                    Py::Int(n) => *n,
                    Py::Bool(b) => *b as i64,
                    other => return Err(type_err(format!("'{}' object cannot be interpreted as an integer", other.type_name()))),
                };
                for _ in 0..n.max(0) {
                    out.push(Ok(k.0.clone()));
                }
            }
            Ok(Py::iterator(out.into_iter()))
        })(),
        (DictKind::Counter, "update") => counter_update(d, args, 1).map(|_| Py::None),
        (DictKind::Counter, "subtract") => counter_update(d, args, -1).map(|_| Py::None),
        (DictKind::Counter, "total") => (|| {
            args.bind("total", [], 0)?;
            let mut t = Py::Int(0);
            for v in d.borrow().values() {
                t = t.add(v)?;
            }
            Ok(t)
        })(),
        (DictKind::Counter, "fromkeys") => Err(PyErr::msg(
            &exc::NOT_IMPLEMENTED_ERROR,
            "Counter.fromkeys() is undefined.  Use Counter(iterable) instead.",
        )),
        (DictKind::OrderedDict, "move_to_end") => (|| {
            let [k, last] = args.bind("move_to_end", ["key", "last"], 1)?;
            let k = k.unwrap();
            let key = Key::new(k.clone())?;
            let last = last.map(|l| l.truthy()).unwrap_or(true);
            let mut m = d.borrow_mut();
            let idx = m.get_index_of(&key).ok_or_else(|| PyErr::new(&exc::KEY_ERROR, vec![k]))?;
            let to = if last { m.len() - 1 } else { 0 };
            m.move_index(idx, to);
            Ok(Py::None)
        })(),
        (DictKind::OrderedDict, "popitem") => (|| {
            let [last] = args.bind("popitem", ["last"], 0)?;
            let last = last.map(|l| l.truthy()).unwrap_or(true);
            let mut m = d.borrow_mut();
            let r = if last { m.pop() } else { m.shift_remove_index(0) };
            match r {
                Some((k, v)) => Ok(Py::tuple(vec![k.0, v])),
                None => Err(PyErr::new(&exc::KEY_ERROR, vec![Py::str("dictionary is empty")])),
            }
        })(),
        _ => return Err(args),
    };
    let _ = this;
    Ok(r)
}

// ---------------------------------------------------------------------------------------
// namedtuple
// ---------------------------------------------------------------------------------------

/// A class made by `namedtuple(typename, field_names, defaults=...)`.
pub struct TupleClass {
    name: String,
    fields: Vec<String>,
    defaults: Vec<Py>,
    /// The dotted name of a C struct sequence (`time.struct_time`), which its instances'
    /// repr shows; `None` for `namedtuple` classes.
    qualname: Option<&'static str>,
}

/// An instance: a tuple with field names.
pub struct NamedTuple {
    class: Rc<TupleClass>,
    items: Rc<[Py]>,
}

/// `collections.namedtuple(typename, field_names, *, rename=False, defaults=None, module=None)`
pub fn namedtuple(a: Args) -> PyResult<Py> {
    let [name, fields, rename, defaults, _module] =
        a.bind("namedtuple", ["typename", "field_names", "rename", "defaults", "module"], 2)?;
    let name = match name.unwrap() {
        Py::Str(s) => s.to_string(),
        other => return Err(type_err(format!("namedtuple() argument 1 must be str, not {}", other.type_name()))),
    };
    let fields: Vec<String> = match fields.unwrap() {
        Py::Str(s) => s.replace(',', " ").split_whitespace().map(String::from).collect(),
        other => other.iter()?.map(|f| f.map(|f| f.str_string())).collect::<PyResult<_>>()?,
    };
    let rename = rename.is_some_and(|r| r.truthy());
    let mut checked = Vec::new();
    for (i, f) in fields.iter().enumerate() {
        let ok_ident = f.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_')
            && f.chars().all(|c| c.is_alphanumeric() || c == '_');
        let bad = !ok_ident || is_keyword(f) || f.starts_with('_') || checked.contains(f);
        if bad && rename {
            checked.push(format!("_{i}"));
            continue;
        }
        if !ok_ident {
            return Err(super::format::value_err(format!(
                "Type names and field names must be valid identifiers: {}",
                Py::str(f).repr_string()
            )));
        }
        if is_keyword(f) {
            return Err(super::format::value_err(format!(
                "Type names and field names cannot be a keyword: {}",
                Py::str(f).repr_string()
            )));
        }
        if f.starts_with('_') {
            return Err(super::format::value_err(format!(
                "Field names cannot start with an underscore: {}",
                Py::str(f).repr_string()
            )));
        }
        if checked.contains(f) {
            return Err(super::format::value_err(format!(
                "Encountered duplicate field name: {}",
                Py::str(f).repr_string()
            )));
        }
        checked.push(f.clone());
    }
    let defaults: Vec<Py> = match defaults {
        None | Some(Py::None) => Vec::new(),
        Some(d) => d.iter()?.collect::<PyResult<_>>()?,
    };
    if defaults.len() > checked.len() {
        return Err(type_err("Got more default values than field names"));
    }
    Ok(Py::Type(TypeRef::Class(Rc::new(ClassRef(Rc::new(TupleClass { name, fields: checked, defaults, qualname: None }))))))
}

fn is_keyword(s: &str) -> bool {
    matches!(
        s,
        "False" | "None" | "True" | "and" | "as" | "assert" | "async" | "await" | "break" | "class"
            | "continue" | "def" | "del" | "elif" | "else" | "except" | "finally" | "for" | "from"
            | "global" | "if" | "import" | "in" | "is" | "lambda" | "nonlocal" | "not" | "or"
            | "pass" | "raise" | "return" | "try" | "while" | "with" | "yield"
    )
}

impl TupleClass {
    fn make(self: &Rc<Self>, args: Args) -> PyResult<Py> {
        let n = self.fields.len();
        let mut slots: Vec<Option<Py>> = vec![None; n];
        if args.pos.len() > n {
            return Err(type_err(format!(
                "{}.__new__() takes {} positional argument{} but {} were given",
                self.name,
                n + 1,
                if n + 1 == 1 { "" } else { "s" },
                args.pos.len() + 1
            )));
        }
        for (i, v) in args.pos.into_iter().enumerate() {
            slots[i] = Some(v);
        }
        for (k, v) in args.kw {
            match self.fields.iter().position(|f| *f == k) {
                Some(i) if slots[i].is_some() => {
                    return Err(type_err(format!("{}.__new__() got multiple values for argument '{k}'", self.name)))
                }
                Some(i) => slots[i] = Some(v),
                None => {
                    return Err(type_err(format!("{}.__new__() got an unexpected keyword argument '{k}'", self.name)))
                }
            }
        }
        let first_default = n - self.defaults.len();
        for (i, slot) in slots.iter_mut().enumerate() {
            if slot.is_none() && i >= first_default {
                *slot = Some(self.defaults[i - first_default].clone());
            }
        }
        let missing: Vec<String> =
            slots.iter().enumerate().filter(|(_, s)| s.is_none()).map(|(i, _)| format!("'{}'", self.fields[i])).collect();
        if !missing.is_empty() {
            let list = match missing.len() {
                1 => missing[0].clone(),
                2 => format!("{} and {}", missing[0], missing[1]),
                _ => format!("{}, and {}", missing[..missing.len() - 1].join(", "), missing[missing.len() - 1]),
            };
            return Err(type_err(format!(
                "{}.__new__() missing {} required positional argument{}: {list}",
                self.name,
                missing.len(),
                if missing.len() == 1 { "" } else { "s" }
            )));
        }
        Ok(Py::Object(Rc::new(NamedTuple {
            class: self.clone(),
            items: slots.into_iter().map(Option::unwrap).collect::<Vec<_>>().into(),
        })))
    }
}

/// `Rc<TupleClass>` as the class value (so instances can point back at it).
struct ClassRef(Rc<TupleClass>);

impl Object for TupleClass {
    fn type_name(&self) -> &str {
        "type"
    }
    fn getattr(&self, _this: &Py, name: &str) -> Option<PyResult<Py>> {
        match name {
            "__name__" | "__qualname__" => Some(Ok(Py::str(&self.name))),
            "_fields" | "__match_args__" => Some(Ok(Py::tuple(self.fields.iter().map(|f| Py::str(f)).collect::<Vec<_>>()))),
            _ => None,
        }
    }
    fn call_method(&self, this: &Py, name: &str, args: Args) -> Option<PyResult<Py>> {
        match name {
            "__instancecheck__" => Some((|| {
                let [v] = args.bind("__instancecheck__", ["instance"], 1)?;
                Ok(Py::Bool(match v.unwrap() {
                    Py::Object(o) => o
                        .as_any()
                        .downcast_ref::<NamedTuple>()
                        .is_some_and(|t| std::ptr::eq(Rc::as_ptr(&t.class), self)),
                    _ => false,
                }))
            })()),
            "_make" => Some((|| {
                let [it] = args.bind("_make", ["iterable"], 1)?;
                let items: Vec<Py> = it.unwrap().iter()?.collect::<PyResult<_>>()?;
                let n = self.fields.len();
                if items.len() != n {
                    return Err(type_err(format!("Expected {n} arguments, got {}", items.len())));
                }
                this.call(Args::pos(items))
            })()),
            _ => None,
        }
    }
    fn call(&self, _args: Args) -> Option<PyResult<Py>> {
        // Needs the Rc: see `call_class`.
        None
    }
    fn repr(&self) -> String {
        match self.qualname {
            Some(q) => format!("<class '{q}'>"),
            None => format!("<class '__main__.{}'>", self.name),
        }
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

impl Object for ClassRef {
    fn type_name(&self) -> &str {
        "type"
    }
    fn getattr(&self, this: &Py, name: &str) -> Option<PyResult<Py>> {
        self.0.getattr(this, name)
    }
    fn call_method(&self, this: &Py, name: &str, args: Args) -> Option<PyResult<Py>> {
        self.0.call_method(this, name, args)
    }
    fn call(&self, args: Args) -> Option<PyResult<Py>> {
        Some(self.0.make(args))
    }
    fn repr(&self) -> String {
        self.0.repr()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

impl NamedTuple {
    fn as_tuple(&self) -> Py {
        Py::Tuple(self.items.clone())
    }
    fn asdict(&self) -> Py {
        Py::from_map(self.class.fields.iter().zip(self.items.iter()).map(|(f, v)| (Key(Py::str(f)), v.clone())).collect())
    }
}

/// An instance of a C struct sequence such as `time.struct_time` (`qualname`): a tuple
/// whose items are also attributes, shown as `time.struct_time(tm_year=2024, ...)`.
pub fn struct_seq(qualname: &'static str, fields: &[&str], items: Vec<Py>) -> Py {
    thread_local! {
        static CLASSES: std::cell::RefCell<Vec<Rc<TupleClass>>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let class = CLASSES.with(|c| {
        let mut c = c.borrow_mut();
        if let Some(k) = c.iter().find(|k| k.qualname == Some(qualname)) {
            return k.clone();
        }
        let k = Rc::new(TupleClass {
            name: qualname.rsplit('.').next().unwrap_or(qualname).to_string(),
            fields: fields.iter().map(|f| f.to_string()).collect(),
            defaults: Vec::new(),
            qualname: Some(qualname),
        });
        c.push(k.clone());
        k
    });
    Py::Object(Rc::new(NamedTuple { class, items: items.into() }))
}

/// A namedtuple instance as the dict of its fields (the Lambda response writes
/// namedtuples as JSON objects, `json.dumps` as arrays).
/// The items of a namedtuple (a tuple to `json.dumps`).
pub fn namedtuple_items(o: &dyn Object) -> Option<Vec<Py>> {
    o.as_any().downcast_ref::<NamedTuple>().map(|t| t.items.to_vec())
}

pub fn namedtuple_fields(o: &dyn Object) -> Option<Py> {
    o.as_any().downcast_ref::<NamedTuple>().map(NamedTuple::asdict)
}

impl Object for NamedTuple {
    fn type_name(&self) -> &str {
        &self.class.name
    }
    fn getattr(&self, this: &Py, name: &str) -> Option<PyResult<Py>> {
        if let Some(i) = self.class.fields.iter().position(|f| f == name) {
            return Some(Ok(self.items[i].clone()));
        }
        match name {
            "_fields" => Some(Ok(Py::tuple(self.class.fields.iter().map(|f| Py::str(f)).collect::<Vec<_>>()))),
            "_asdict" | "_replace" | "count" | "index" => {
                Some(Ok(this.bound_method(name)))
            }
            _ => None,
        }
    }
    fn call_method(&self, _this: &Py, name: &str, args: Args) -> Option<PyResult<Py>> {
        Some(match name {
            "_asdict" => args.bind("_asdict", [], 0).map(|_| self.asdict()),
            "_replace" => (|| {
                let mut items = self.items.to_vec();
                if !args.pos.is_empty() {
                    return Err(type_err(format!(
                        "{}._replace() takes 1 positional argument but {} were given",
                        self.class.name,
                        args.pos.len() + 1
                    )));
                }
                let mut unknown = Vec::new();
                for (k, v) in args.kw {
                    match self.class.fields.iter().position(|f| *f == k) {
                        Some(i) => items[i] = v,
                        None => unknown.push(format!("'{k}'")),
                    }
                }
                if !unknown.is_empty() {
                    return Err(super::format::value_err(format!("Got unexpected field names: [{}]", unknown.join(", "))));
                }
                Ok(Py::Object(Rc::new(NamedTuple { class: self.class.clone(), items: items.into() })))
            })(),
            "__len__" => Ok(Py::Int(self.items.len() as i64)),
            "__iter__" => self.as_tuple().iter().map(|it| Py::Iter(Rc::new(std::cell::RefCell::new(it)))),
            "__getitem__" => (|| {
                let [k] = args.bind("__getitem__", ["key"], 1)?;
                self.as_tuple().getitem(&k.unwrap())
            })(),
            "__contains__" => (|| {
                let [k] = args.bind("__contains__", ["key"], 1)?;
                Ok(Py::Bool(self.as_tuple().contains(&k.unwrap())?))
            })(),
            "count" | "index" => self.as_tuple().call_method(name, args),
            _ => return None,
        })
    }
    fn repr(&self) -> String {
        let parts: Vec<String> = self
            .class
            .fields
            .iter()
            .zip(self.items.iter())
            .map(|(f, v)| format!("{f}={}", v.repr_string()))
            .collect();
        format!("{}({})", self.class.qualname.unwrap_or(&self.class.name), parts.join(", "))
    }
    fn eq(&self, other: &dyn Object) -> Option<bool> {
        other.as_any().downcast_ref::<NamedTuple>().map(|o| self.as_tuple().py_eq(&o.as_tuple()))
    }
    fn cmp(&self, other: &dyn Object) -> Option<Ordering> {
        let o = other.as_any().downcast_ref::<NamedTuple>()?;
        let (a, b) = (self.as_tuple(), o.as_tuple());
        if a.lt(&b).ok()? {
            Some(Ordering::Less)
        } else if b.lt(&a).ok()? {
            Some(Ordering::Greater)
        } else {
            Some(Ordering::Equal)
        }
    }
    fn compare_with(&self, op: &str, other: &Py, reflected: bool) -> Option<PyResult<bool>> {
        // A named tuple is a tuple: it compares with plain tuples too.
        let Py::Tuple(_) = other else { return None };
        let (a, b) = if reflected { (other.clone(), self.as_tuple()) } else { (self.as_tuple(), other.clone()) };
        Some(match op {
            "==" => Ok(a.py_eq(&b)),
            "<" => a.lt(&b),
            "<=" => a.le(&b),
            ">" => a.gt(&b),
            _ => a.ge(&b),
        })
    }
    fn hash(&self) -> Option<u64> {
        Some(super::key::py_hash(&self.as_tuple()) as u64)
    }
    fn to_json(&self) -> Option<PyResult<serde_json::Value>> {
        Some(self.as_tuple().to_json())
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
