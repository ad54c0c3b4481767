//! `io.StringIO`: an in-memory text file (writes, reads by line, seeking, `close`, use as a
//! context manager and as an iterator over its lines), with CPython 3.11's errors.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

use super::format::{type_err, value_err};
use super::value::*;

pub struct StringIO {
    buf: RefCell<Vec<char>>,
    pos: Cell<usize>,
    closed: Cell<bool>,
    /// `None` = universal newlines translated on write; `Some("")` = universal line ends
    /// untranslated; `Some("\n")` (the default), `Some("\r")`, `Some("\r\n")`.
    newline: Option<String>,
}

fn closed_err() -> PyErr {
    value_err("I/O operation on closed file")
}

/// `size` arguments of `read`/`readline`/`readlines`: an int or None (= -1).
fn size_arg(v: Option<Py>) -> PyResult<i64> {
    match v {
        None | Some(Py::None) => Ok(-1),
        Some(v @ (Py::Int(_) | Py::Bool(_) | Py::BigInt(_) | Py::Object(_))) => super::ops::index_of(&v),
        Some(v) => Err(type_err(format!("argument should be integer or None, not '{}'", v.type_name()))),
    }
}

impl StringIO {
    fn check_open(&self) -> PyResult<()> {
        if self.closed.get() {
            return Err(closed_err());
        }
        Ok(())
    }

    /// The text as stored: universal newlines translated (`newline=None`) or `\n` turned
    /// into the chosen line end (`"\r"`, `"\r\n"`).
    fn translate(&self, s: &str) -> String {
        match self.newline.as_deref() {
            None => s.replace("\r\n", "\n").replace('\r', "\n"),
            Some(nl @ ("\r" | "\r\n")) => s.replace('\n', nl),
            _ => s.to_string(),
        }
    }

    fn write_str(&self, s: &str) {
        let text: Vec<char> = self.translate(s).chars().collect();
        if text.is_empty() {
            return;
        }
        let mut buf = self.buf.borrow_mut();
        let pos = self.pos.get();
        if pos > buf.len() {
            buf.resize(pos, '\0');
        }
        let end = pos + text.len();
        let overlap = end.min(buf.len());
        buf.splice(pos..overlap, text);
        self.pos.set(end);
    }

    /// The next line from the current position (at most `limit` characters when >= 0).
    fn read_line(&self, limit: i64) -> String {
        let buf = self.buf.borrow();
        let start = self.pos.get().min(buf.len());
        let max_end = if limit >= 0 { (start + limit as usize).min(buf.len()) } else { buf.len() };
        let mut end = max_end;
        let mut i = start;
        while i < max_end {
            let c = buf[i];
            match self.newline.as_deref() {
                Some("") => {
                    if c == '\n' {
                        end = i + 1;
                        break;
                    }
                    if c == '\r' {
                        end = if i + 1 < max_end && buf[i + 1] == '\n' { i + 2 } else { i + 1 };
                        break;
                    }
                }
                Some("\r") => {
                    if c == '\r' {
                        end = i + 1;
                        break;
                    }
                }
                Some("\r\n") => {
                    if c == '\r' && i + 1 < max_end && buf[i + 1] == '\n' {
                        end = i + 2;
                        break;
                    }
                }
                _ => {
                    if c == '\n' {
                        end = i + 1;
                        break;
                    }
                }
            }
            i += 1;
        }
        let out: String = buf[start..end].iter().collect();
        if end > start {
            self.pos.set(end);
        }
        out
    }

    fn read(&self, size: i64) -> String {
        let buf = self.buf.borrow();
        let start = self.pos.get().min(buf.len());
        let end = if size >= 0 { (start + size as usize).min(buf.len()) } else { buf.len() };
        if end > start {
            self.pos.set(end);
        }
        buf[start..end].iter().collect()
    }

    pub fn getvalue(&self) -> PyResult<String> {
        self.check_open()?;
        Ok(self.buf.borrow().iter().collect())
    }
}

fn sio_of(v: &Py) -> Option<&StringIO> {
    match v {
        Py::Object(o) => o.as_any().downcast_ref::<StringIO>(),
        _ => None,
    }
}

const METHODS: &[&str] = &[
    "write", "writelines", "getvalue", "read", "readline", "readlines", "seek", "tell", "truncate", "close",
    "readable", "writable", "seekable", "flush", "isatty",
];

const SPECIAL: &[&str] = &["__iter__", "__next__", "__enter__", "__exit__"];

impl Object for StringIO {
    fn type_name(&self) -> &str {
        "StringIO"
    }
    fn getattr(&self, this: &Py, name: &str) -> Option<PyResult<Py>> {
        match name {
            "closed" => Some(Ok(Py::Bool(self.closed.get()))),
            "newlines" => Some(Ok(Py::None)),
            "line_buffering" => Some(Ok(Py::Bool(false))),
            _ if METHODS.contains(&name) => {
                Some(Ok(this.bound_method(name)))
            }
            _ => None,
        }
    }
    fn call_method(&self, this: &Py, name: &str, args: Args) -> Option<PyResult<Py>> {
        if !METHODS.contains(&name) && !SPECIAL.contains(&name) {
            return None;
        }
        Some((|| -> PyResult<Py> {
            match name {
                "write" => {
                    let [s] = args.bind("write", ["s"], 1)?;
                    self.check_open()?;
                    let s = match s.unwrap() {
                        Py::Str(s) => s,
                        other => return Err(type_err(format!("string argument expected, got '{}'", other.type_name()))),
                    };
                    self.write_str(&s);
                    Ok(Py::Int(s.chars().count() as i64))
                }
                "writelines" => {
                    let [lines] = args.bind("writelines", ["lines"], 1)?;
                    self.check_open()?;
                    for line in lines.unwrap().iter()? {
                        match line? {
                            Py::Str(s) => self.write_str(&s),
                            other => {
                                return Err(type_err(format!("string argument expected, got '{}'", other.type_name())))
                            }
                        }
                    }
                    Ok(Py::None)
                }
                "getvalue" => {
                    args.bind("getvalue", [], 0)?;
                    Ok(Py::str(&self.getvalue()?))
                }
                "read" => {
                    let [size] = args.bind("read", ["size"], 0)?;
                    let size = size_arg(size)?;
                    self.check_open()?;
                    Ok(Py::str(&self.read(size)))
                }
                "readline" => {
                    let [size] = args.bind("readline", ["size"], 0)?;
                    let size = size_arg(size)?;
                    self.check_open()?;
                    Ok(Py::str(&self.read_line(size)))
                }
                "readlines" => {
                    let [hint] = args.bind("readlines", ["hint"], 0)?;
                    let hint = size_arg(hint)?;
                    self.check_open()?;
                    let mut out = Vec::new();
                    let mut total = 0i64;
                    loop {
                        let line = self.read_line(-1);
                        if line.is_empty() {
                            break;
                        }
                        total += line.chars().count() as i64;
                        out.push(Py::str(&line));
                        if hint > 0 && total >= hint {
                            break;
                        }
                    }
                    Ok(Py::list(out))
                }
                "seek" => {
                    let [pos, whence] = args.bind("seek", ["pos", "whence"], 1)?;
                    let pos = super::ops::index_of(&pos.unwrap())?;
                    let whence = match whence {
                        Some(w) => super::ops::index_of(&w)?,
                        None => 0,
                    };
                    self.check_open()?;
                    match whence {
                        0 if pos < 0 => Err(value_err(format!("Negative seek position {pos}"))),
                        0 => {
                            self.pos.set(pos as usize);
                            Ok(Py::Int(pos))
                        }
                        1 | 2 if pos != 0 => {
                            Err(PyErr::msg(&exc::OS_ERROR, "Can't do nonzero cur-relative seeks"))
                        }
                        1 => Ok(Py::Int(self.pos.get() as i64)),
                        2 => {
                            let n = self.buf.borrow().len();
                            self.pos.set(n);
                            Ok(Py::Int(n as i64))
                        }
                        w => Err(value_err(format!("Invalid whence ({w}, should be 0, 1 or 2)"))),
                    }
                }
                "tell" => {
                    args.bind("tell", [], 0)?;
                    self.check_open()?;
                    Ok(Py::Int(self.pos.get() as i64))
                }
                "truncate" => {
                    let [size] = args.bind("truncate", ["pos"], 0)?;
                    self.check_open()?;
                    let size = match size {
                        None | Some(Py::None) => self.pos.get() as i64,
                        Some(v) => super::ops::index_of(&v)?,
                    };
                    if size < 0 {
                        return Err(value_err(format!("Negative size value {size}")));
                    }
                    let mut buf = self.buf.borrow_mut();
                    if (size as usize) < buf.len() {
                        buf.truncate(size as usize);
                    }
                    Ok(Py::Int(size))
                }
                "close" => {
                    args.bind("close", [], 0)?;
                    self.closed.set(true);
                    Ok(Py::None)
                }
                "readable" | "writable" | "seekable" => {
                    args.bind(name, [], 0)?;
                    self.check_open()?;
                    Ok(Py::Bool(true))
                }
                "isatty" => {
                    args.bind(name, [], 0)?;
                    self.check_open()?;
                    Ok(Py::Bool(false))
                }
                "flush" => {
                    args.bind(name, [], 0)?;
                    self.check_open()?;
                    Ok(Py::None)
                }
                "__iter__" => {
                    if self.closed.get() {
                        return Err(value_err("I/O operation on closed file."));
                    }
                    Ok(this.clone())
                }
                "__next__" => {
                    if self.closed.get() {
                        return Err(value_err("I/O operation on closed file."));
                    }
                    let line = self.read_line(-1);
                    if line.is_empty() {
                        return Err(PyErr::new(&exc::STOP_ITERATION, vec![]));
                    }
                    Ok(Py::str(&line))
                }
                "__enter__" => {
                    if self.closed.get() {
                        return Err(value_err("I/O operation on closed file."));
                    }
                    Ok(this.clone())
                }
                "__exit__" => {
                    self.closed.set(true);
                    Ok(Py::None)
                }
                _ => unreachable!(),
            }
        })())
    }
    fn defines(&self, name: &str) -> bool {
        SPECIAL.contains(&name)
    }
    fn repr(&self) -> String {
        "<_io.StringIO object>".to_string()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `io.StringIO`
pub fn string_io_type() -> Py {
    NativeClass { name: "StringIO", module: "_io", construct: string_io, is_instance: |v| sio_of(v).is_some() }.value()
}

/// `io.StringIO(initial_value='', newline='\n')`
pub fn string_io(args: Args) -> PyResult<Py> {
    let [initial, newline] = args.bind("StringIO", ["initial_value", "newline"], 0)?;
    let newline = match newline {
        None => Some("\n".to_string()),
        Some(Py::None) => None,
        Some(Py::Str(s)) => match &*s {
            "" | "\n" | "\r" | "\r\n" => Some(s.to_string()),
            _ => return Err(value_err(format!("illegal newline value: {}", Py::Str(s.clone()).repr_string()))),
        },
        Some(other) => return Err(type_err(format!("newline must be str or None, not {}", other.type_name()))),
    };
    let initial = match initial {
        None | Some(Py::None) => None,
        Some(Py::Str(s)) => Some(s),
        Some(other) => {
            return Err(type_err(format!("initial_value must be str or None, not {}", other.type_name())))
        }
    };
    let sio = StringIO { buf: RefCell::new(Vec::new()), pos: Cell::new(0), closed: Cell::new(false), newline };
    if let Some(s) = initial {
        sio.write_str(&s);
        sio.pos.set(0);
    }
    Ok(Py::Object(Rc::new(sio)))
}
