//! The Python value, its exceptions and the calling convention.
//!
//! Everything here is single-threaded (`Rc`/`RefCell`): a Lambda handles one event at a
//! time and the generated `main` runs on a `current_thread` runtime. Values never leave
//! the synchronous handler body: the result is turned into `serde_json::Value` (and an
//! escaping exception into `lambda_runtime::Diagnostic`) before any `.await`.

use std::borrow::Cow;
use std::cell::RefCell;
use std::rc::Rc;

use indexmap::{IndexMap, IndexSet};
use num_bigint::BigInt;

/// A Python object. Reference types (`list`, `dict`, `set`, objects) are shared and
/// mutable, as in Python: cloning a `Py` clones the reference, not the contents.
#[derive(Clone)]
pub enum Py {
    None,
    Bool(bool),
    /// An `int` that fits in 64 bits; results that do not fit become [`Py::BigInt`].
    Int(i64),
    /// An `int` beyond 64 bits (always normalised back to `Int` when it fits).
    BigInt(Rc<BigInt>),
    Float(f64),
    Str(Rc<str>),
    Bytes(Rc<[u8]>),
    List(Rc<RefCell<Vec<Py>>>),
    Tuple(Rc<[Py]>),
    /// Insertion-ordered, as Python's `dict`; also `defaultdict`, `Counter` and
    /// `OrderedDict` (see [`DictKind`]), which are dicts everywhere a dict is expected.
    /// Derefs to the `RefCell<IndexMap>`, so `d.borrow()` reads the entries.
    Dict(Rc<PyDict>),
    /// Insertion-ordered (CPython's order is a hash order; no correct program depends on it).
    Set(Rc<RefCell<IndexSet<Key>>>),
    FrozenSet(Rc<IndexSet<Key>>),
    /// A callable: a user function, a lambda, a bound builtin.
    Func(Rc<Func>),
    /// A lazy iterator (generator expressions, `iter()`, `enumerate`, `zip`, `map`, …).
    Iter(Rc<RefCell<PyIter>>),
    /// An exception instance (what `except E as e:` binds).
    Exc(PyErr),
    /// A class or builtin type used as a value (`isinstance(x, dict)`, `type(x).__name__`,
    /// `except (KeyError, ValueError)`, `defaultdict(list)`).
    Type(TypeRef),
    /// Everything else (datetime values, the Lambda context, loggers, class instances,
    /// regex patterns, …): an object that knows its type name, attributes and methods.
    Object(Rc<dyn Object>),
}

/// The storage of [`Py::Dict`]: the entries and which dict subclass this is.
pub struct PyDict {
    pub map: RefCell<IndexMap<Key, Py>>,
    pub kind: DictKind,
}

/// `dict` or one of the `collections` subclasses of it.
#[derive(Clone)]
pub enum DictKind {
    Dict,
    /// `defaultdict(factory)`; `None` means no factory (missing keys raise KeyError).
    DefaultDict(Py),
    Counter,
    OrderedDict,
}

impl std::ops::Deref for PyDict {
    type Target = RefCell<IndexMap<Key, Py>>;
    fn deref(&self) -> &Self::Target {
        &self.map
    }
}

/// The iterator behind [`Py::Iter`]. Items are results: a generator may raise.
pub type PyIter = Box<dyn Iterator<Item = PyResult<Py>>>;

pub type PyResult<T> = Result<T, PyErr>;

/// A hashable Python value used as a dict key or set member. Equality and hashing follow
/// Python: `1`, `1.0` and `True` are the same key.
#[derive(Clone)]
pub struct Key(pub Py);

/// Builtin types and classes, as values.
#[derive(Clone)]
pub enum TypeRef {
    /// `int`, `str`, `dict`, `list`, `float`, `bool`, `tuple`, `set`, `frozenset`, `bytes`,
    /// `NoneType`, `object`, ...
    Builtin(&'static str),
    Exception(&'static ExcClass),
    Class(Rc<dyn Object>),
}

/// An exception class. `mro` lists the class first, up to `BaseException`; `except X`
/// matches when `X`'s name is in the raised exception's `mro`. Generated code declares
/// user exception classes as `static`s of this type.
pub struct ExcClass {
    pub mro: &'static [&'static str],
    /// What a user exception class's body defines besides `__init__` (methods,
    /// properties, class attributes, `__str__`); `None` for builtin ones.
    pub body: Option<&'static dyn ClassBody>,
}

/// The body of a user exception or enum class: methods, properties, class attributes
/// (implemented by `class::ClassInfo`).
pub trait ClassBody: Sync {
    /// `exc.name`, after the instance's own attributes.
    fn getattr(&'static self, this: &Py, name: &str) -> Option<PyResult<Py>>;
    /// `ExcClass.name` on the class itself.
    fn class_getattr(&'static self, name: &str) -> Option<PyResult<Py>>;
    /// A special method (`__str__`, `__repr__`, …) the body defines, called on `this`.
    fn special(&'static self, this: &Py, name: &str, args: Args) -> Option<PyResult<Py>>;
    /// Whether the body defines a method `name` (nothing is called).
    fn defines(&'static self, name: &str) -> bool;
}

impl ExcClass {
    pub fn name(&self) -> &'static str {
        self.mro[0]
    }

    /// The name `except`/`isinstance` match this class by: its qualified name when its
    /// short one is ambiguous (`csv.Error`), else its name.
    pub fn match_name(&self) -> &'static str {
        self.mro.get(1).copied().filter(|n| n.contains('.')).unwrap_or(self.mro[0])
    }
}

impl std::fmt::Debug for ExcClass {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ExcClass").field("mro", &self.mro).finish_non_exhaustive()
    }
}

/// A raised Python exception. Cheap to clone (shared).
#[derive(Clone)]
pub struct PyErr(pub Rc<ExcData>);

pub struct ExcData {
    pub class: &'static ExcClass,
    /// `exc.args`; a user class's `__init__` sets them through `super().__init__(...)`.
    pub args: RefCell<Vec<Py>>,
    /// Extra attributes (`JSONDecodeError.msg`/`.pos`/`.lineno`, `KeyError` has none, …).
    pub attrs: RefCell<IndexMap<String, Py>>,
}

/// Positional and keyword arguments of a call, as Python passes them.
#[derive(Default)]
pub struct Args {
    pub pos: Vec<Py>,
    /// Keyword arguments in call order; names are usually the call site's literals, owned
    /// only when they come from a `**mapping`.
    pub kw: Vec<(Cow<'static, str>, Py)>,
}

/// A callable value. `name` is what `repr` and error messages show.
pub struct Func {
    pub name: String,
    pub call: Box<dyn Fn(Args) -> PyResult<Py>>,
}

/// Objects implemented in Rust (datetime, context, logger, user classes, …).
pub trait Object {
    /// `type(x).__name__`
    fn type_name(&self) -> &str;
    /// `x.name`; `None` means "no such attribute" (the caller raises AttributeError).
    fn getattr(&self, this: &Py, name: &str) -> Option<PyResult<Py>>;
    /// `x.name = value`
    fn setattr(&self, _this: &Py, _name: &str, _value: Py) -> PyResult<()> {
        Err(PyErr::new(&exc::ATTRIBUTE_ERROR, vec![Py::str(&format!(
            "'{}' object attribute is read-only",
            self.type_name()
        ))]))
    }
    /// `x.name(*args)`; `None` means "no such method".
    fn call_method(&self, this: &Py, name: &str, args: Args) -> Option<PyResult<Py>>;
    fn repr(&self) -> String {
        format!("<{} object>", self.type_name())
    }
    fn str(&self) -> String {
        self.repr()
    }
    /// `==` between two objects of this kind (identity by default).
    fn eq(&self, _other: &dyn Object) -> Option<bool> {
        None
    }
    /// `<` etc.: `Some(ordering)` when comparable.
    fn cmp(&self, _other: &dyn Object) -> Option<std::cmp::Ordering> {
        None
    }
    /// `==`, `<`, `<=`, `>`, `>=` (`op` as written) against a value of any kind
    /// (`Decimal(1) == 1`, `2 < Decimal('2.5')`); `reflected` means this object is the right
    /// operand. Asked before `eq`/`cmp`; `None` = no opinion (the default rules apply).
    fn compare_with(&self, _op: &str, _other: &Py, _reflected: bool) -> Option<PyResult<bool>> {
        None
    }
    fn hash(&self) -> Option<u64> {
        None
    }
    fn truthy(&self) -> bool {
        true
    }
    /// Called as a function (classes construct instances).
    fn call(&self, _args: Args) -> Option<PyResult<Py>> {
        None
    }
    /// `a + b` / `a - b` where the left operand is this object; `None` = unsupported.
    fn binop(&self, _op: &str, _this: &Py, _other: &Py) -> Option<PyResult<Py>> {
        None
    }
    /// A special method (`__repr__`, `__eq__`, `__bool__`, `__call__`, …) that the object's
    /// Python class defines; `None` when it does not (the builtin behaviour applies).
    fn special(&self, _this: &Py, _name: &str, _args: Args) -> Option<PyResult<Py>> {
        None
    }
    /// The builtin type the object's Python class derives from (`str` for a `(str, Enum)`
    /// member), for `isinstance`.
    fn builtin_base(&self) -> Option<&'static str> {
        None
    }
    /// The builtin value such an object stands for in conversions (`int(member)`, indexing,
    /// `%d`, JSON keys).
    fn builtin_value(&self) -> Option<Py> {
        None
    }
    /// `hash(x)` raises: a class that defines `__eq__` without `__hash__`, a plain dataclass.
    fn unhashable(&self) -> bool {
        false
    }
    /// Whether [`Object::special`] would find `name`.
    fn defines(&self, _name: &str) -> bool {
        false
    }
    /// `json.dumps`/the Lambda response: objects that have a JSON form (user dataclasses do not).
    fn to_json(&self) -> Option<PyResult<serde_json::Value>> {
        None
    }
    /// For `isinstance` against user classes and for downcasting.
    fn as_any(&self) -> &dyn std::any::Any;
}

/// A type implemented in Rust (`collections.deque`, `io.StringIO`) used as a value: its
/// `__name__`/`__module__`, `repr`, `isinstance` and a call that constructs an instance.
pub struct NativeClass {
    pub name: &'static str,
    pub module: &'static str,
    pub construct: fn(Args) -> PyResult<Py>,
    pub is_instance: fn(&Py) -> bool,
}

impl NativeClass {
    pub fn value(self) -> Py {
        Py::Type(TypeRef::Class(std::rc::Rc::new(self)))
    }
}

impl Object for NativeClass {
    fn type_name(&self) -> &str {
        "type"
    }
    fn getattr(&self, _this: &Py, name: &str) -> Option<PyResult<Py>> {
        match name {
            "__name__" | "__qualname__" => Some(Ok(Py::str(self.name))),
            "__module__" => Some(Ok(Py::str(self.module))),
            _ => None,
        }
    }
    fn call_method(&self, _this: &Py, name: &str, args: Args) -> Option<PyResult<Py>> {
        match name {
            "__instancecheck__" => Some(
                args.bind("__instancecheck__", ["instance"], 1)
                    .map(|[v]| Py::Bool(v.is_some_and(|v| (self.is_instance)(&v)))),
            ),
            _ => None,
        }
    }
    fn call(&self, args: Args) -> Option<PyResult<Py>> {
        Some((self.construct)(args))
    }
    fn repr(&self) -> String {
        format!("<class '{}.{}'>", self.module, self.name)
    }
    fn eq(&self, other: &dyn Object) -> Option<bool> {
        Some(
            other
                .as_any()
                .downcast_ref::<NativeClass>()
                .is_some_and(|o| (o.module, o.name) == (self.module, self.name)),
        )
    }
    fn hash(&self) -> Option<u64> {
        // FNV-1a of the qualified name: stable, and equal classes hash equal.
        let text = format!("{}.{}", self.module, self.name);
        Some(text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ b as u64).wrapping_mul(0x100_0000_01b3)))
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// Builtin exception classes, with CPython's hierarchy.
pub mod exc {
    use super::ExcClass;

    macro_rules! classes {
        ($($id:ident = [$($name:literal),+];)*) => {
            $(pub static $id: ExcClass = ExcClass { mro: &[$($name),+], body: None };)*
            /// Look a builtin exception class up by its Python name.
            pub fn builtin(name: &str) -> Option<&'static ExcClass> {
                match name {
                    $(n if n == $id.mro[0] => Some(&$id),)*
                    _ => None,
                }
            }
        };
    }

    classes! {
        BASE_EXCEPTION = ["BaseException"];
        EXCEPTION = ["Exception", "BaseException"];
        ARITHMETIC_ERROR = ["ArithmeticError", "Exception", "BaseException"];
        ZERO_DIVISION_ERROR = ["ZeroDivisionError", "ArithmeticError", "Exception", "BaseException"];
        OVERFLOW_ERROR = ["OverflowError", "ArithmeticError", "Exception", "BaseException"];
        ASSERTION_ERROR = ["AssertionError", "Exception", "BaseException"];
        ATTRIBUTE_ERROR = ["AttributeError", "Exception", "BaseException"];
        FROZEN_INSTANCE_ERROR = ["FrozenInstanceError", "AttributeError", "Exception", "BaseException"];
        LOOKUP_ERROR = ["LookupError", "Exception", "BaseException"];
        KEY_ERROR = ["KeyError", "LookupError", "Exception", "BaseException"];
        INDEX_ERROR = ["IndexError", "LookupError", "Exception", "BaseException"];
        NAME_ERROR = ["NameError", "Exception", "BaseException"];
        UNBOUND_LOCAL_ERROR = ["UnboundLocalError", "NameError", "Exception", "BaseException"];
        NOT_IMPLEMENTED_ERROR = ["NotImplementedError", "RuntimeError", "Exception", "BaseException"];
        RUNTIME_ERROR = ["RuntimeError", "Exception", "BaseException"];
        RECURSION_ERROR = ["RecursionError", "RuntimeError", "Exception", "BaseException"];
        STOP_ITERATION = ["StopIteration", "Exception", "BaseException"];
        TYPE_ERROR = ["TypeError", "Exception", "BaseException"];
        VALUE_ERROR = ["ValueError", "Exception", "BaseException"];
        UNICODE_ERROR = ["UnicodeError", "ValueError", "Exception", "BaseException"];
        UNICODE_DECODE_ERROR = ["UnicodeDecodeError", "UnicodeError", "ValueError", "Exception", "BaseException"];
        UNICODE_ENCODE_ERROR = ["UnicodeEncodeError", "UnicodeError", "ValueError", "Exception", "BaseException"];
        JSON_DECODE_ERROR = ["JSONDecodeError", "ValueError", "Exception", "BaseException"];
        // Module exceptions named `Error` carry their qualified name second, so `except
        // csv.Error` and `except binascii.Error` tell them apart (`ExcClass::match_name`).
        BINASCII_ERROR = ["Error", "binascii.Error", "ValueError", "Exception", "BaseException"];
        OS_ERROR = ["OSError", "Exception", "BaseException"];
        FILE_NOT_FOUND_ERROR = ["FileNotFoundError", "OSError", "Exception", "BaseException"];
        TIMEOUT_ERROR = ["TimeoutError", "OSError", "Exception", "BaseException"];
        CONNECTION_ERROR = ["ConnectionError", "OSError", "Exception", "BaseException"];
        PERMISSION_ERROR = ["PermissionError", "OSError", "Exception", "BaseException"];
        EOF_ERROR = ["EOFError", "Exception", "BaseException"];
        MEMORY_ERROR = ["MemoryError", "Exception", "BaseException"];
        BAD_GZIP_FILE = ["BadGzipFile", "OSError", "Exception", "BaseException"];
        ZLIB_ERROR = ["error", "Exception", "BaseException"];
        DECIMAL_EXCEPTION = ["DecimalException", "ArithmeticError", "Exception", "BaseException"];
        INVALID_OPERATION = ["InvalidOperation", "DecimalException", "ArithmeticError", "Exception", "BaseException"];
        DIVISION_BY_ZERO = ["DivisionByZero", "DecimalException", "ZeroDivisionError", "ArithmeticError", "Exception", "BaseException"];
        DECIMAL_OVERFLOW = ["Overflow", "Inexact", "Rounded", "DecimalException", "ArithmeticError", "Exception", "BaseException"];
        RE_ERROR = ["error", "Exception", "BaseException"];
        STATISTICS_ERROR = ["StatisticsError", "ValueError", "Exception", "BaseException"];
        ILLEGAL_MONTH_ERROR = ["IllegalMonthError", "ValueError", "Exception", "BaseException"];
        CSV_ERROR = ["Error", "csv.Error", "Exception", "BaseException"];
    }
}

impl PyErr {
    pub fn new(class: &'static ExcClass, args: impl Into<Vec<Py>>) -> PyErr {
        PyErr(Rc::new(ExcData { class, args: RefCell::new(args.into()), attrs: RefCell::new(IndexMap::new()) }))
    }

    /// The common case: an exception with one message argument.
    pub fn msg(class: &'static ExcClass, message: impl AsRef<str>) -> PyErr {
        PyErr::new(class, vec![Py::str(message.as_ref())])
    }

    pub fn with_attr(self, name: &str, value: Py) -> PyErr {
        self.0.attrs.borrow_mut().insert(name.to_string(), value);
        self
    }

    pub fn class(&self) -> &'static ExcClass {
        self.0.class
    }

    /// `except <name>:` matches this exception.
    pub fn is_instance(&self, class_name: &str) -> bool {
        self.0.class.mro.contains(&class_name)
    }

    /// The Lambda `errorType`: the exception's class name.
    pub fn error_type(&self) -> &'static str {
        self.0.class.name()
    }
}

impl Args {
    /// Positional and keyword arguments: `Args::new([a], [("sep", b)])`.
    pub fn new(pos: impl Into<Vec<Py>>, kw: impl Into<Vec<(&'static str, Py)>>) -> Args {
        Args { pos: pos.into(), kw: kw.into().into_iter().map(|(k, v)| (Cow::Borrowed(k), v)).collect() }
    }

    /// Positional arguments only: `Args::pos([a, b])`.
    pub fn pos(pos: impl Into<Vec<Py>>) -> Args {
        Args { pos: pos.into(), kw: Vec::new() }
    }
}

/// `x.method([a, b])`: an array of values is that many positional arguments.
impl<const N: usize> From<[Py; N]> for Args {
    fn from(pos: [Py; N]) -> Args {
        Args::pos(pos)
    }
}

impl Py {
    pub fn str(s: &str) -> Py {
        Py::Str(Rc::from(s))
    }

    pub fn list(items: impl Into<Vec<Py>>) -> Py {
        Py::List(Rc::new(RefCell::new(items.into())))
    }

    /// A plain `dict` holding these entries.
    pub fn from_map(map: IndexMap<Key, Py>) -> Py {
        Py::Dict(Rc::new(PyDict { map: RefCell::new(map), kind: DictKind::Dict }))
    }

    /// A dict of the given kind (`defaultdict`, `Counter`, `OrderedDict`).
    pub fn dict_of_kind(map: IndexMap<Key, Py>, kind: DictKind) -> Py {
        Py::Dict(Rc::new(PyDict { map: RefCell::new(map), kind }))
    }

    pub fn tuple(items: impl Into<Vec<Py>>) -> Py {
        Py::Tuple(Rc::from(items.into()))
    }

    pub fn func(name: &str, call: impl Fn(Args) -> PyResult<Py> + 'static) -> Py {
        Py::Func(Rc::new(Func { name: name.to_string(), call: Box::new(call) }))
    }

    pub fn iterator(iter: impl Iterator<Item = PyResult<Py>> + 'static) -> Py {
        Py::Iter(Rc::new(RefCell::new(Box::new(iter))))
    }

    pub fn is_none(&self) -> bool {
        matches!(self, Py::None)
    }
}

impl From<bool> for Py {
    fn from(v: bool) -> Py {
        Py::Bool(v)
    }
}
impl From<i64> for Py {
    fn from(v: i64) -> Py {
        Py::Int(v)
    }
}
impl From<f64> for Py {
    fn from(v: f64) -> Py {
        Py::Float(v)
    }
}
impl From<&str> for Py {
    fn from(v: &str) -> Py {
        Py::str(v)
    }
}
impl From<String> for Py {
    fn from(v: String) -> Py {
        Py::Str(Rc::from(v))
    }
}

impl Args {
    /// `f(..., *iterable)`: the iterable's items become positional arguments. `callee` is
    /// how CPython names the function in its error (`handler.f`, `print`).
    pub fn star(&mut self, callee: &str, iterable: &Py) -> PyResult<()> {
        let items = iterable.iter().map_err(|_| {
            PyErr::msg(
                &exc::TYPE_ERROR,
                format!("{callee}() argument after * must be an iterable, not {}", iterable.type_name()),
            )
        })?;
        for item in items {
            self.pos.push(item?);
        }
        Ok(())
    }

    /// `f(..., **mapping)`: the mapping's items become keyword arguments, after the ones
    /// already given, with CPython's errors for non-mappings, non-str keys and repeats.
    pub fn star_star(&mut self, callee: &str, mapping: &Py) -> PyResult<()> {
        let entries: Vec<(Py, Py)> = match mapping {
            Py::Dict(d) => d.borrow().iter().map(|(k, v)| (k.0.clone(), v.clone())).collect(),
            Py::Object(_) if super::ops::has_keys(mapping) => {
                let mut entries = Vec::new();
                for key in mapping.call_method("keys", Args::default())?.iter()? {
                    let key = key?;
                    let value = mapping.getitem(&key)?;
                    entries.push((key, value));
                }
                entries
            }
            _ => {
                return Err(PyErr::msg(
                    &exc::TYPE_ERROR,
                    format!("{callee}() argument after ** must be a mapping, not {}", mapping.type_name()),
                ))
            }
        };
        for (key, value) in entries {
            let Py::Str(name) = key else {
                return Err(PyErr::msg(&exc::TYPE_ERROR, "keywords must be strings"));
            };
            if self.kw.iter().any(|(k, _)| **k == *name) {
                return Err(PyErr::msg(
                    &exc::TYPE_ERROR,
                    format!("{callee}() got multiple values for keyword argument '{name}'"),
                ));
            }
            self.kw.push((Cow::Owned(name.to_string()), value));
        }
        Ok(())
    }

    /// A keyword argument written at the call site, after a `**mapping` (which may
    /// already have supplied it).
    pub fn keyword(&mut self, callee: &str, name: &'static str, value: Py) -> PyResult<()> {
        if self.kw.iter().any(|(k, _)| k == name) {
            return Err(PyErr::msg(
                &exc::TYPE_ERROR,
                format!("{callee}() got multiple values for keyword argument '{name}'"),
            ));
        }
        self.kw.push((Cow::Borrowed(name), value));
        Ok(())
    }

    /// Bind arguments to parameter names the way Python does for a function
    /// `fname(names[0], names[1], ...)` whose first `required` parameters have no default.
    /// Missing optional parameters come back as `None`; errors are CPython's TypeErrors.
    pub fn bind<const N: usize>(
        self,
        fname: &str,
        names: [&str; N],
        required: usize,
    ) -> PyResult<[Option<Py>; N]> {
        let mut out: [Option<Py>; N] = std::array::from_fn(|_| None);
        let npos = self.pos.len();
        if npos > N {
            return Err(PyErr::msg(
                &exc::TYPE_ERROR,
                format!("{fname}() takes {N} positional argument{} but {npos} were given", if N == 1 { "" } else { "s" }),
            ));
        }
        for (slot, value) in out.iter_mut().zip(self.pos) {
            *slot = Some(value);
        }
        for (name, value) in self.kw {
            match names.iter().position(|n| *n == name) {
                Some(i) if out[i].is_some() => {
                    return Err(PyErr::msg(
                        &exc::TYPE_ERROR,
                        format!("{fname}() got multiple values for argument '{name}'"),
                    ))
                }
                Some(i) => out[i] = Some(value),
                None => {
                    return Err(PyErr::msg(
                        &exc::TYPE_ERROR,
                        format!("{fname}() got an unexpected keyword argument '{name}'"),
                    ))
                }
            }
        }
        let missing: Vec<&str> =
            (0..required.min(N)).filter(|i| out[*i].is_none()).map(|i| names[i]).collect();
        if !missing.is_empty() {
            let quoted: Vec<String> = missing.iter().map(|m| format!("'{m}'")).collect();
            let list = match quoted.len() {
                1 => quoted[0].clone(),
                2 => format!("{} and {}", quoted[0], quoted[1]),
                _ => format!("{}, and {}", quoted[..quoted.len() - 1].join(", "), quoted[quoted.len() - 1]),
            };
            return Err(PyErr::msg(
                &exc::TYPE_ERROR,
                format!(
                    "{fname}() missing {} required positional argument{}: {list}",
                    missing.len(),
                    if missing.len() == 1 { "" } else { "s" }
                ),
            ));
        }
        Ok(out)
    }

    /// Bind arguments the way CPython 3.11 does for a function defined in Python (`def`,
    /// `lambda`, a dataclass's `__init__`), with its error messages: `names` are the parameters
    /// after `self`, the first `positional` of them may be passed by position, `has_default`
    /// marks the optional ones, and `offset` is 1 when CPython counts a `self`/`cls` in its
    /// "takes N positional arguments" message (methods), else 0.
    pub fn bind_def<const N: usize>(
        self,
        qualname: &str,
        names: [&str; N],
        has_default: [bool; N],
        positional: usize,
        offset: usize,
    ) -> PyResult<[Option<Py>; N]> {
        let (bound, _, _) = self.bind_def_var(qualname, names, has_default, positional, offset, false, false)?;
        Ok(bound)
    }

    /// [`Args::bind_def`] for a function that also takes `*args` (`vararg`: the extra
    /// positionals come back second) and/or `**kwargs` (`kwarg`: unknown keywords come back
    /// third, in call order).
    #[allow(clippy::too_many_arguments, clippy::type_complexity)]
    pub fn bind_def_var<const N: usize>(
        self,
        qualname: &str,
        names: [&str; N],
        has_default: [bool; N],
        positional: usize,
        offset: usize,
        vararg: bool,
        kwarg: bool,
    ) -> PyResult<([Option<Py>; N], Vec<Py>, Vec<(Cow<'static, str>, Py)>)> {
        let type_error = |msg: String| Err(PyErr::msg(&exc::TYPE_ERROR, msg));
        let mut out: [Option<Py>; N] = std::array::from_fn(|_| None);
        let given = self.pos.len();
        let mut pos = self.pos.into_iter();
        for (slot, value) in out.iter_mut().take(positional).zip(pos.by_ref()) {
            *slot = Some(value);
        }
        let rest: Vec<Py> = pos.collect();
        let mut extra_kw = Vec::new();
        // Keywords first: CPython reports an unknown keyword before too many positionals.
        let mut kwonly_given = 0;
        for (name, value) in self.kw {
            match names.iter().position(|n| *n == name) {
                Some(i) if out[i].is_some() => return type_error(format!("{qualname}() got multiple values for argument '{name}'")),
                Some(i) => {
                    kwonly_given += usize::from(i >= positional);
                    out[i] = Some(value);
                }
                None if kwarg => extra_kw.push((name, value)),
                None => return type_error(format!("{qualname}() got an unexpected keyword argument '{name}'")),
            }
        }
        if given > positional && !vararg {
            let argcount = positional + offset;
            let defcount = has_default[..positional.min(N)].iter().filter(|d| **d).count();
            let (sig, plural) = if defcount > 0 {
                (format!("from {} to {argcount}", argcount - defcount), true)
            } else {
                (argcount.to_string(), argcount != 1)
            };
            let given = given + offset;
            let kwonly = if kwonly_given > 0 {
                format!(
                    " positional argument{} (and {kwonly_given} keyword-only argument{})",
                    if given != 1 { "s" } else { "" },
                    if kwonly_given != 1 { "s" } else { "" }
                )
            } else {
                String::new()
            };
            let verb = if given == 1 && kwonly_given == 0 { "was" } else { "were" };
            return type_error(format!(
                "{qualname}() takes {sig} positional argument{} but {given}{kwonly} {verb} given",
                if plural { "s" } else { "" }
            ));
        }
        for (kind, range) in [("positional", 0..positional.min(N)), ("keyword-only", positional.min(N)..N)] {
            let missing: Vec<String> =
                range.filter(|i| out[*i].is_none() && !has_default[*i]).map(|i| format!("'{}'", names[i])).collect();
            if missing.is_empty() {
                continue;
            }
            let list = match missing.as_slice() {
                [one] => one.clone(),
                [a, b] => format!("{a} and {b}"),
                [init @ .., last] => format!("{}, and {last}", init.join(", ")),
                [] => unreachable!(),
            };
            return type_error(format!(
                "{qualname}() missing {} required {kind} argument{}: {list}",
                missing.len(),
                if missing.len() == 1 { "" } else { "s" }
            ));
        }
        Ok((out, rest, extra_kw))
    }
}

/// A module-level Python variable. Generated code keeps each one in a `thread_local!`;
/// reading it before the module body assigned it raises NameError, as Python does.
pub struct Global {
    name: &'static str,
    value: RefCell<Option<Py>>,
}

impl Global {
    pub const fn new(name: &'static str) -> Global {
        Global { name, value: RefCell::new(None) }
    }

    pub fn get(&self) -> PyResult<Py> {
        self.value.borrow().clone().ok_or_else(|| {
            PyErr::msg(&exc::NAME_ERROR, format!("name '{}' is not defined", self.name))
        })
    }

    pub fn set(&self, value: Py) {
        *self.value.borrow_mut() = Some(value);
    }
}

/// A lazy generator expression over one `for` clause: `step` returns `Ok(None)` for items
/// its `if` filters out. Python evaluates the source iterable eagerly and the rest lazily.
pub fn generator(source: PyIter, mut step: impl FnMut(Py) -> PyResult<Option<Py>> + 'static) -> Py {
    Py::iterator(source.filter_map(move |item| match item {
        Ok(value) => step(value).transpose(),
        Err(err) => Some(Err(err)),
    }))
}

/// A generator function's body, run lazily: `async` turns the body into a state machine that
/// stops at each `yield` (`yielder.send(value).await`) and resumes when the consumer asks for
/// the next item, so the body and its consumer interleave exactly as in Python (side effects,
/// an exception after some items, a consumer that stops early, an endless generator).
pub fn generator_function<F>(body: impl FnOnce(Yielder) -> F) -> Py
where
    F: std::future::Future<Output = PyResult<Py>> + 'static,
{
    use std::task::{Context, Poll, Waker};
    let slot = Rc::new(RefCell::new(None));
    let mut state = Some(Box::pin(body(Yielder { slot: slot.clone() })));
    Py::iterator(std::iter::from_fn(move || {
        let running = state.as_mut()?;
        // Nothing but `Yield` ever returns `Pending`, so no waker is needed.
        match running.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
            Poll::Pending => Some(Ok(slot.borrow_mut().take().unwrap_or(Py::None))),
            Poll::Ready(result) => {
                state = None;
                result.err().map(Err)
            }
        }
    }))
}

/// The handle a generator body yields through.
pub struct Yielder {
    slot: Rc<RefCell<Option<Py>>>,
}

impl Yielder {
    /// `yield value`: hands `value` to the consumer and suspends the body once.
    pub fn send(&self, value: Py) -> Yield {
        *self.slot.borrow_mut() = Some(value);
        Yield { suspended: false }
    }
}

/// The future of one `yield`: pending once (the body suspends), ready when resumed.
pub struct Yield {
    suspended: bool,
}

impl std::future::Future for Yield {
    type Output = ();

    fn poll(mut self: std::pin::Pin<&mut Self>, _: &mut std::task::Context<'_>) -> std::task::Poll<()> {
        if self.suspended {
            std::task::Poll::Ready(())
        } else {
            self.suspended = true;
            std::task::Poll::Pending
        }
    }
}

/// How a `try ... finally` body was left, so the `finally` body can run before the
/// `return`/`break`/`continue` takes effect.
pub enum Flow {
    Normal,
    Return(Py),
    Break,
    Continue,
}

/// `UserError(...)` for an exception class with its own `__init__`: the instance starts with
/// no args, and `__init__` (which usually calls `super().__init__(message)`) fills it in.
pub fn new_exception(class: &'static ExcClass, init: fn(Py, Args) -> PyResult<Py>, args: Args) -> PyResult<PyErr> {
    // `BaseException.__new__` keeps the positional arguments as `args` before `__init__`
    // runs (which may replace them through `super().__init__(...)`).
    let err = PyErr::new(class, args.pos.clone());
    init(Py::Exc(err.clone()), args)?;
    Ok(err)
}

/// `super().__init__(*args)` inside an exception class's `__init__`.
pub fn exception_init(this: &Py, args: Args) -> PyResult<Py> {
    match this {
        Py::Exc(e) => {
            *e.0.args.borrow_mut() = args.pos;
            Ok(Py::None)
        }
        _ => Err(PyErr::msg(&exc::TYPE_ERROR, "super().__init__() of an exception outside an exception")),
    }
}

/// `except types:` with `types` computed at run time: an exception class or a tuple of them.
pub fn exception_matches(err: &PyErr, types: &Py) -> bool {
    match types {
        Py::Type(TypeRef::Exception(c)) => err.is_instance(c.name()),
        Py::Tuple(t) => t.iter().any(|c| exception_matches(err, c)),
        _ => false,
    }
}

/// `raise value`: an exception instance is raised as is, a class is instantiated.
pub fn raise(value: Py) -> PyErr {
    match value {
        Py::Exc(err) => err,
        Py::Type(TypeRef::Exception(class)) => PyErr::new(class, Vec::new()),
        _ => PyErr::msg(&exc::TYPE_ERROR, "exceptions must derive from BaseException"),
    }
}

/// `?` inside a Python `try` body: an exception leaves the labelled block that stands for
/// the `try`, so the generated `match` can run the matching `except` clause.
#[allow(unused_macros)]
macro_rules! attempt {
    ($e:expr, $label:lifetime $(,)?) => {
        match $e {
            Ok(value) => value,
            Err(err) => break $label Err(err),
        }
    };
}
#[allow(unused_imports)]
pub(crate) use attempt;

/// Python's `NotImplemented`: what a special method returns to let the other operand try.
struct NotImplementedType;

impl Object for NotImplementedType {
    fn type_name(&self) -> &str {
        "NotImplementedType"
    }
    fn getattr(&self, _this: &Py, _name: &str) -> Option<PyResult<Py>> {
        None
    }
    fn call_method(&self, _this: &Py, _name: &str, _args: Args) -> Option<PyResult<Py>> {
        None
    }
    fn repr(&self) -> String {
        "NotImplemented".into()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

thread_local! {
    static NOT_IMPLEMENTED: Py = Py::Object(Rc::new(NotImplementedType));
}

/// The `NotImplemented` singleton.
pub fn not_implemented() -> Py {
    NOT_IMPLEMENTED.with(Py::clone)
}

pub fn is_not_implemented(v: &Py) -> bool {
    matches!(v, Py::Object(o) if o.as_any().is::<NotImplementedType>())
}

/// A special method of `v`'s Python class, unless it answered `NotImplemented`.
/// The arguments are copied only when `v` can have special methods at all: operators call
/// this on every comparison.
pub(crate) fn special(v: &Py, name: &str, args: &[Py]) -> Option<PyResult<Py>> {
    let found = match v {
        Py::Object(o) => o.special(v, name, Args::pos(args.to_vec())),
        Py::Exc(e) => e.class().body?.special(v, name, Args::pos(args.to_vec())),
        _ => None,
    };
    match found? {
        Ok(r) if is_not_implemented(&r) => None,
        r => Some(r),
    }
}

/// An object that stands for an integer (`__index__`, an `IntEnum` member), as that integer.
pub fn object_index(v: &Py) -> Option<PyResult<Py>> {
    let Py::Object(o) = v else { return None };
    if let Some(value) = o.builtin_value().filter(|b| matches!(b, Py::Int(_) | Py::BigInt(_) | Py::Bool(_))) {
        return Some(Ok(value));
    }
    special(v, "__index__", &[]).map(|r| {
        r.and_then(|i| match i {
            Py::Int(_) | Py::BigInt(_) | Py::Bool(_) => Ok(i),
            other => Err(PyErr::msg(&exc::TYPE_ERROR, format!("__index__ returned non-int (type {})", other.type_name()))),
        })
    })
}

/// `__str__`/`__repr__` of a Python class: `None` when the class does not define it.
pub(crate) fn special_text(v: &Py, name: &str) -> Option<PyResult<String>> {
    Some(match special(v, name, &[])? {
        Ok(Py::Str(s)) => Ok(s.to_string()),
        Ok(other) => Err(PyErr::msg(&exc::TYPE_ERROR, format!("{name} returned non-string (type {})", other.type_name()))),
        Err(e) => Err(e),
    })
}
