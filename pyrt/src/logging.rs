//! The `logging` module as the AWS Lambda Python runtime (`awslambdaric`) configures it:
//! records go to stderr as `[LEVEL]\t<UTC time with ms>Z\t<request id>\t<message>\n`
//! (awslambdaric's StandardLogSink writes the same text to stdout; in Lambda both end up
//! in CloudWatch); the root logger starts at WARNING (or `AWS_LAMBDA_LOG_LEVEL`) and child
//! loggers inherit the nearest explicitly set level.
//!
//! Because the runtime has already given the root logger a handler, `logging.basicConfig`
//! is a no-op, exactly as under awslambdaric, unless `force=True`: then the Lambda format
//! is replaced by basicConfig's (`format=`, default `%(levelname)s:%(name)s:%(message)s`,
//! `datefmt=`) and `level=` applies.
//!
//! Differences from CPython: handlers, formatters and filters are not modelled
//! (`addHandler` etc. are accepted and ignored); `exception()` logs the message without
//! the traceback text; a message whose `%` formatting fails prints a short
//! "--- Logging error ---" report instead of CPython's traceback.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::io::Write;
use std::rc::Rc;

use super::format::{percent_format, to_str, type_err, value_err};
use super::value::*;

thread_local! {
    static REQUEST_ID: RefCell<String> = const { RefCell::new(String::new()) };
    static LOGGERS: RefCell<HashMap<String, Rc<Logger>>> = RefCell::new(HashMap::new());
    static ROOT: Rc<Logger> = Rc::new(Logger::new("root", initial_root_level()));
    /// `basicConfig(force=True)`'s format and datefmt, replacing the Lambda format.
    static BASIC_FORMAT: RefCell<Option<(String, Option<String>)>> = const { RefCell::new(None) };
}

/// awslambdaric: `AWS_LAMBDA_LOG_LEVEL` (TRACE meaning DEBUG) sets the root level.
fn initial_root_level() -> i64 {
    match std::env::var("AWS_LAMBDA_LOG_LEVEL").map(|v| v.to_uppercase()).as_deref() {
        Ok("TRACE" | "DEBUG") => 10,
        Ok("INFO") => 20,
        Ok("WARN" | "WARNING") => 30,
        Ok("ERROR") => 40,
        Ok("CRITICAL" | "FATAL") => 50,
        _ => 30,
    }
}

/// Set the request id printed on every log line (called per invocation).
pub fn set_request_id(id: &str) {
    REQUEST_ID.with(|r| *r.borrow_mut() = id.to_string());
}

pub struct Logger {
    name: String,
    level: Cell<i64>,
    propagate: Cell<bool>,
    disabled: Cell<bool>,
}

impl Logger {
    fn new(name: &str, level: i64) -> Logger {
        Logger { name: name.to_string(), level: Cell::new(level), propagate: Cell::new(true), disabled: Cell::new(false) }
    }

    fn is_root(&self) -> bool {
        ROOT.with(|r| std::ptr::eq(Rc::as_ptr(r), self as *const Logger))
    }

    fn effective_level(&self) -> i64 {
        if self.level.get() != 0 {
            return self.level.get();
        }
        if !self.is_root() {
            let mut name = self.name.as_str();
            while let Some(dot) = name.rfind('.') {
                name = &name[..dot];
                let lvl = LOGGERS.with(|l| l.borrow().get(name).map(|lg| lg.level.get()));
                if let Some(l) = lvl {
                    if l != 0 {
                        return l;
                    }
                }
            }
            return ROOT.with(|r| r.effective_level());
        }
        0
    }

    fn enabled(&self, level: i64) -> bool {
        !self.disabled.get() && level >= self.effective_level()
    }

    fn log(&self, level: i64, args: Args) -> PyResult<Py> {
        let mut pos = args.pos.into_iter();
        let msg = match pos.next() {
            Some(m) => m,
            None => return Err(type_err("Logger.log() missing 1 required positional argument: 'msg'")),
        };
        // exc_info, stack_info, stacklevel, extra: accepted, not modelled
        for (k, _) in &args.kw {
            if !matches!(&**k, "exc_info" | "stack_info" | "stacklevel" | "extra") {
                return Err(type_err(format!("Logger._log() got an unexpected keyword argument '{k}'")));
            }
        }
        if !self.enabled(level) {
            return Ok(Py::None);
        }
        let rest: Vec<Py> = pos.collect();
        emit(level, &self.name, &msg, rest);
        Ok(Py::None)
    }
}

/// `logging.getLevelName(level)`
pub fn level_name(level: i64) -> String {
    match level {
        50 => "CRITICAL".into(),
        40 => "ERROR".into(),
        30 => "WARNING".into(),
        20 => "INFO".into(),
        10 => "DEBUG".into(),
        0 => "NOTSET".into(),
        n => format!("Level {n}"),
    }
}

fn check_level(v: &Py) -> PyResult<i64> {
    match v {
        Py::Int(n) => Ok(*n),
        Py::Bool(b) => Ok(*b as i64),
        Py::Str(s) => match &**s {
            "CRITICAL" | "FATAL" => Ok(50),
            "ERROR" => Ok(40),
            "WARN" | "WARNING" => Ok(30),
            "INFO" => Ok(20),
            "DEBUG" => Ok(10),
            "NOTSET" => Ok(0),
            _ => Err(value_err(format!("Unknown level: {}", v.repr_string()))),
        },
        other => Err(type_err(format!("Level not an integer or a valid string: {}", other.repr_string()))),
    }
}

/// `record.getMessage()`
fn message(msg: &Py, args: Vec<Py>) -> PyResult<String> {
    let text = to_str(msg)?;
    if args.is_empty() {
        return Ok(text);
    }
    let args = if args.len() == 1 && matches!(&args[0], Py::Dict(d) if !d.borrow().is_empty()) {
        args[0].clone()
    } else {
        Py::tuple(args)
    };
    percent_format(&text, &args)
}

fn timestamp() -> String {
    let now = chrono::Utc::now();
    now.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

fn basic_line(fmt: &str, datefmt: Option<&str>, level: i64, name: &str, text: &str) -> PyResult<String> {
    let now = chrono::Utc::now();
    let asctime = match datefmt {
        Some(f) => now.format(f).to_string(),
        None => format!("{},{:03}", now.format("%Y-%m-%d %H:%M:%S"), now.timestamp_subsec_millis()),
    };
    let record = Py::dict(vec![
        (Py::str("levelname"), Py::from(level_name(level))),
        (Py::str("levelno"), Py::Int(level)),
        (Py::str("name"), Py::str(name)),
        (Py::str("message"), Py::str(text)),
        (Py::str("msg"), Py::str(text)),
        (Py::str("asctime"), Py::from(asctime)),
        (Py::str("msecs"), Py::Float(now.timestamp_subsec_millis() as f64)),
        (Py::str("created"), Py::Float(now.timestamp_millis() as f64 / 1000.0)),
        (Py::str("aws_request_id"), Py::from(REQUEST_ID.with(|r| r.borrow().clone()))),
        (Py::str("process"), Py::Int(std::process::id() as i64)),
    ])?;
    Ok(format!("{}\n", percent_format(fmt, &record)?))
}

fn emit(level: i64, name: &str, msg: &Py, args: Vec<Py>) {
    let shown_args = Py::tuple(args.clone());
    let basic = BASIC_FORMAT.with(|b| b.borrow().clone());
    let line = match message(msg, args) {
        Ok(text) => match basic {
            Some((fmt, datefmt)) => basic_line(&fmt, datefmt.as_deref(), level, name, &text)
                .unwrap_or_else(|e| format!("--- Logging error ---\n{}: {}\n", e.error_type(), e.message())),
            None => {
                let rid = REQUEST_ID.with(|r| r.borrow().clone());
                format!("[{}]\t{}\t{}\t{}\n", level_name(level), timestamp(), rid, text)
            }
        },
        Err(e) => format!(
            "--- Logging error ---\n{}: {}\nMessage: {}\nArguments: {}\n",
            e.error_type(),
            e.message(),
            msg.repr_string(),
            shown_args.repr_string()
        ),
    };
    let stderr = std::io::stderr();
    let mut h = stderr.lock();
    let _ = h.write_all(line.as_bytes());
    let _ = h.flush();
}

impl Object for Logger {
    fn type_name(&self) -> &str {
        if self.is_root() {
            "RootLogger"
        } else {
            "Logger"
        }
    }
    fn getattr(&self, _this: &Py, name: &str) -> Option<PyResult<Py>> {
        Some(Ok(match name {
            "name" => Py::str(&self.name),
            "level" => Py::Int(self.level.get()),
            "propagate" => Py::Bool(self.propagate.get()),
            "disabled" => Py::Bool(self.disabled.get()),
            "handlers" => Py::list(Vec::new()),
            "parent" => {
                if self.is_root() {
                    Py::None
                } else {
                    let mut name = self.name.as_str();
                    let mut found = None;
                    while let Some(dot) = name.rfind('.') {
                        name = &name[..dot];
                        if let Some(l) = LOGGERS.with(|l| l.borrow().get(name).cloned()) {
                            found = Some(l);
                            break;
                        }
                    }
                    Py::Object(found.unwrap_or_else(|| ROOT.with(|r| r.clone())))
                }
            }
            _ => return None,
        }))
    }
    fn setattr(&self, _this: &Py, name: &str, value: Py) -> PyResult<()> {
        match name {
            "propagate" => self.propagate.set(value.truthy()),
            "disabled" => self.disabled.set(value.truthy()),
            "level" => self.level.set(check_level(&value)?),
            _ => {
                return Err(PyErr::msg(
                    &exc::ATTRIBUTE_ERROR,
                    format!("'{}' object attribute '{name}' is read-only", self.type_name()),
                ))
            }
        }
        Ok(())
    }
    fn call_method(&self, _this: &Py, name: &str, args: Args) -> Option<PyResult<Py>> {
        let level = match name {
            "debug" => 10,
            "info" => 20,
            "warning" | "warn" => 30,
            "error" | "exception" => 40,
            "critical" | "fatal" => 50,
            _ => -1,
        };
        if level >= 0 {
            return Some(self.log(level, args));
        }
        Some(match name {
            "log" => {
                let mut args = args;
                if args.pos.is_empty() {
                    return Some(Err(type_err("Logger.log() missing 2 required positional arguments: 'level' and 'msg'")));
                }
                let lvl = args.pos.remove(0);
                match lvl {
                    Py::Int(n) => self.log(n, args),
                    _ => Err(type_err("level must be an integer")),
                }
            }
            "setLevel" => args.bind("setLevel", ["level"], 1).and_then(|[l]| {
                self.level.set(check_level(&l.unwrap())?);
                Ok(Py::None)
            }),
            "getEffectiveLevel" => args.bind("getEffectiveLevel", [], 0).map(|_| Py::Int(self.effective_level())),
            "isEnabledFor" => args.bind("isEnabledFor", ["level"], 1).and_then(|[l]| match l.unwrap() {
                Py::Int(n) => Ok(Py::Bool(self.enabled(n))),
                other => Err(type_err(format!(
                    "'>=' not supported between instances of '{}' and 'int'",
                    other.type_name()
                ))),
            }),
            "addHandler" | "removeHandler" | "addFilter" | "removeFilter" => Ok(Py::None),
            "hasHandlers" => Ok(Py::Bool(true)),
            "getChild" => args.bind("getChild", ["suffix"], 1).and_then(|[s]| {
                let s = to_str(&s.unwrap())?;
                Ok(logger(&if self.is_root() { s } else { format!("{}.{s}", self.name) }))
            }),
            _ => return None,
        })
    }
    fn repr(&self) -> String {
        format!("<{} {} ({})>", self.type_name(), self.name, level_name(self.effective_level()))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn logger(name: &str) -> Py {
    if name.is_empty() || name == "root" {
        return Py::Object(ROOT.with(|r| r.clone()));
    }
    let l = LOGGERS.with(|l| {
        l.borrow_mut().entry(name.to_string()).or_insert_with(|| Rc::new(Logger::new(name, 0))).clone()
    });
    Py::Object(l)
}

/// `logging.getLogger(name=None)`
pub fn get_logger(a: Args) -> PyResult<Py> {
    let [name] = a.bind("getLogger", ["name"], 0)?;
    match name {
        None | Some(Py::None) => Ok(logger("")),
        Some(Py::Str(s)) => Ok(logger(&s)),
        Some(v) if !v.truthy() => Ok(logger("")),
        Some(_) => Err(type_err("A logger name must be a string")),
    }
}

fn root_log(level: i64, a: Args) -> PyResult<Py> {
    ROOT.with(|r| r.clone()).log(level, a)
}

/// `logging.debug(msg, *args)`
pub fn debug(a: Args) -> PyResult<Py> {
    root_log(10, a)
}
/// `logging.info(msg, *args)`
pub fn info(a: Args) -> PyResult<Py> {
    root_log(20, a)
}
/// `logging.warning(msg, *args)`
pub fn warning(a: Args) -> PyResult<Py> {
    root_log(30, a)
}
/// `logging.error(msg, *args)`
pub fn error(a: Args) -> PyResult<Py> {
    root_log(40, a)
}
/// `logging.exception(msg, *args)`
pub fn exception(a: Args) -> PyResult<Py> {
    root_log(40, a)
}
/// `logging.critical(msg, *args)`
pub fn critical(a: Args) -> PyResult<Py> {
    root_log(50, a)
}

/// `logging.basicConfig(**kwargs)`: a no-op, as under awslambdaric (the root logger
/// already has the runtime's handler), unless `force=True`.
pub fn basic_config(a: Args) -> PyResult<Py> {
    if !a.pos.is_empty() {
        return Err(type_err(format!("basicConfig() takes 0 positional arguments but {} were given", a.pos.len())));
    }
    let force = a.kw.iter().any(|(k, v)| *k == "force" && v.truthy());
    if !force {
        return Ok(Py::None);
    }
    let (mut fmt, mut datefmt, mut level) = ("%(levelname)s:%(name)s:%(message)s".to_string(), None, None);
    let mut unknown = Vec::new();
    for (k, v) in a.kw {
        match &*k {
            "level" if !v.is_none() => level = Some(check_level(&v)?),
            "format" => fmt = to_str(&v)?,
            "datefmt" if !v.is_none() => datefmt = Some(to_str(&v)?),
            "level" | "datefmt" | "style" | "filename" | "filemode" | "stream" | "handlers" | "force" | "encoding"
            | "errors" => {}
            other => unknown.push(other.to_string()),
        }
    }
    BASIC_FORMAT.with(|b| *b.borrow_mut() = Some((fmt, datefmt)));
    if let Some(l) = level {
        ROOT.with(|r| r.level.set(l));
    }
    if !unknown.is_empty() {
        return Err(value_err(format!("Unrecognised argument(s): {}", unknown.join(", "))));
    }
    Ok(Py::None)
}
