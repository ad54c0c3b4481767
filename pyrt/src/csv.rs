//! The `csv` module: `reader`, `writer`, `DictReader`, `DictWriter`, the `QUOTE_*`
//! constants and `csv.Error`, following CPython 3.11's `_csv.c` state machine and
//! `csv.py` (same rows, same output, same errors).

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

use super::format::{type_err, value_err};
use super::value::*;

pub const QUOTE_MINIMAL: i64 = 0;
pub const QUOTE_ALL: i64 = 1;
pub const QUOTE_NONNUMERIC: i64 = 2;
pub const QUOTE_NONE: i64 = 3;

const FIELD_LIMIT: usize = 131072;

fn csv_err(msg: impl AsRef<str>) -> PyErr {
    PyErr::msg(&exc::CSV_ERROR, msg)
}

#[derive(Clone)]
struct Dialect {
    delimiter: char,
    quotechar: Option<char>,
    escapechar: Option<char>,
    doublequote: bool,
    skipinitialspace: bool,
    lineterminator: String,
    quoting: i64,
    strict: bool,
}

impl Dialect {
    fn excel() -> Dialect {
        Dialect {
            delimiter: ',',
            quotechar: Some('"'),
            escapechar: None,
            doublequote: true,
            skipinitialspace: false,
            lineterminator: "\r\n".into(),
            quoting: QUOTE_MINIMAL,
            strict: false,
        }
    }

    /// The dialect argument (a registered name) plus keyword format parameters, checked as
    /// `_csv.Dialect.__new__` does.
    fn build(dialect: Option<Py>, kw: Vec<(std::borrow::Cow<'static, str>, Py)>) -> PyResult<Dialect> {
        let mut d = match dialect {
            None => Dialect::excel(),
            Some(Py::Str(s)) => match &*s {
                "excel" => Dialect::excel(),
                "excel-tab" => Dialect { delimiter: '\t', ..Dialect::excel() },
                "unix" => Dialect { lineterminator: "\n".into(), quoting: QUOTE_ALL, ..Dialect::excel() },
                _ => return Err(csv_err("unknown dialect")),
            },
            Some(_) => return Err(csv_err("unknown dialect")),
        };
        let mut quotechar_none = false;
        let mut quoting_given = false;
        let mut delimiter_bad = false;
        for (name, v) in kw {
            match &*name {
                "delimiter" => match char_param("delimiter", &v, false)? {
                    Some(c) => d.delimiter = c,
                    None => delimiter_bad = true,
                },
                "quotechar" => {
                    d.quotechar = char_param("quotechar", &v, true)?;
                    quotechar_none = d.quotechar.is_none();
                }
                "escapechar" => d.escapechar = char_param("escapechar", &v, true)?,
                "doublequote" => d.doublequote = v.truthy(),
                "skipinitialspace" => d.skipinitialspace = v.truthy(),
                "strict" => d.strict = v.truthy(),
                "lineterminator" => match v {
                    Py::Str(s) => d.lineterminator = s.to_string(),
                    _ => return Err(type_err("\"lineterminator\" must be a string")),
                },
                "quoting" => {
                    d.quoting = match v {
                        Py::Int(i) => i,
                        Py::Bool(b) => b as i64,
                        _ => return Err(type_err("\"quoting\" must be an integer")),
                    };
                    quoting_given = true;
                }
                other => return Err(type_err(format!("'{other}' is an invalid keyword argument for this function"))),
            }
        }
        if !(0..=3).contains(&d.quoting) {
            return Err(type_err("bad \"quoting\" value"));
        }
        if delimiter_bad {
            return Err(type_err("\"delimiter\" must be a 1-character string"));
        }
        if quotechar_none && !quoting_given {
            d.quoting = QUOTE_NONE;
        }
        if d.quoting != QUOTE_NONE && d.quotechar.is_none() {
            return Err(type_err("quotechar must be set if quoting enabled"));
        }
        Ok(d)
    }
}

/// A one-character parameter; `None` from `None` when `or_none`, and (for the delimiter,
/// whose error comes later) from a string of another length.
fn char_param(name: &str, v: &Py, or_none: bool) -> PyResult<Option<char>> {
    match v {
        Py::None if or_none => Ok(None),
        Py::Str(s) => {
            let mut cs = s.chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) => Ok(Some(c)),
                _ if !or_none => Ok(None),
                _ => Err(type_err(format!("\"{name}\" must be a 1-character string"))),
            }
        }
        _ if or_none => Err(type_err(format!("\"{name}\" must be string or None, not {}", v.type_name()))),
        _ => Err(type_err(format!("\"{name}\" must be string, not {}", v.type_name()))),
    }
}

/// Splits `csv.reader(f, dialect='excel', **fmtparams)`-style arguments.
fn split_args(fname: &str, args: Args) -> PyResult<(Py, Dialect)> {
    let mut pos = args.pos.into_iter();
    let n = pos.len();
    if n > 2 {
        return Err(type_err(format!("{fname} expected at most 2 arguments, got {n}")));
    }
    let mut kw = args.kw;
    let f = match pos.next() {
        Some(f) => f,
        None => return Err(type_err(format!("{fname} expected at least 1 argument, got 0"))),
    };
    let mut dialect = pos.next();
    if let Some(i) = kw.iter().position(|(k, _)| k == "dialect") {
        let (_, v) = kw.remove(i);
        if dialect.is_some() {
            return Err(type_err("argument for Dialect() given by name ('dialect') and position (1)"));
        }
        dialect = Some(v);
    }
    Ok((f, Dialect::build(dialect, kw)?))
}

// ---- reader ----------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    StartRecord,
    StartField,
    EscapedChar,
    InField,
    InQuotedField,
    EscapeInQuotedField,
    QuoteInQuotedField,
    EatCrnl,
    AfterEscapedCrnl,
}

pub struct Reader {
    input: RefCell<PyIter>,
    dialect: Dialect,
    line_num: Cell<i64>,
    state: Cell<State>,
    fields: RefCell<Vec<Py>>,
    field: RefCell<String>,
    field_len: Cell<usize>,
    numeric: Cell<bool>,
}

/// `None` stands for the end of a line (CPython's `EOL`).
type Ch = Option<char>;

impl Reader {
    fn save_field(&self) -> PyResult<()> {
        let text = std::mem::take(&mut *self.field.borrow_mut());
        self.field_len.set(0);
        let v = if self.numeric.get() {
            self.numeric.set(false);
            super::builtins::float(Args::pos(vec![Py::str(&text)]))?
        } else {
            Py::str(&text)
        };
        self.fields.borrow_mut().push(v);
        Ok(())
    }

    fn add_char(&self, c: char) -> PyResult<()> {
        if self.field_len.get() >= FIELD_LIMIT {
            return Err(csv_err(format!("field larger than field limit ({FIELD_LIMIT})")));
        }
        self.field.borrow_mut().push(c);
        self.field_len.set(self.field_len.get() + 1);
        Ok(())
    }

    fn process(&self, c: Ch) -> PyResult<()> {
        let d = &self.dialect;
        let is_nl = |c: Ch| matches!(c, Some('\n') | Some('\r'));
        let quoting_on = d.quoting != QUOTE_NONE;
        let mut state = self.state.get();
        if state == State::StartRecord {
            if c.is_none() {
                return Ok(());
            }
            if is_nl(c) {
                self.state.set(State::EatCrnl);
                return Ok(());
            }
            state = State::StartField;
        }
        if state == State::AfterEscapedCrnl {
            if c.is_none() {
                return Ok(());
            }
            state = State::InField;
        }
        let next = match state {
            State::StartField => {
                if is_nl(c) || c.is_none() {
                    self.save_field()?;
                    if c.is_none() { State::StartRecord } else { State::EatCrnl }
                } else if c == d.quotechar && quoting_on {
                    State::InQuotedField
                } else if c.is_some() && c == d.escapechar {
                    State::EscapedChar
                } else if c == Some(' ') && d.skipinitialspace {
                    State::StartField
                } else if c == Some(d.delimiter) {
                    self.save_field()?;
                    State::StartField
                } else {
                    if d.quoting == QUOTE_NONNUMERIC {
                        self.numeric.set(true);
                    }
                    self.add_char(c.unwrap_or_default())?; // c is Some here
                    State::InField
                }
            }
            State::EscapedChar => {
                if is_nl(c) {
                    self.add_char(c.unwrap_or_default())?; // c is Some here
                    State::AfterEscapedCrnl
                } else {
                    self.add_char(c.unwrap_or('\n'))?;
                    State::InField
                }
            }
            State::InField => {
                if is_nl(c) || c.is_none() {
                    self.save_field()?;
                    if c.is_none() { State::StartRecord } else { State::EatCrnl }
                } else if c.is_some() && c == d.escapechar {
                    State::EscapedChar
                } else if c == Some(d.delimiter) {
                    self.save_field()?;
                    State::StartField
                } else {
                    self.add_char(c.unwrap_or_default())?; // c is Some here
                    State::InField
                }
            }
            State::InQuotedField => {
                if c.is_none() {
                    State::InQuotedField
                } else if c == d.escapechar {
                    State::EscapeInQuotedField
                } else if c == d.quotechar && quoting_on {
                    if d.doublequote { State::QuoteInQuotedField } else { State::InField }
                } else {
                    self.add_char(c.unwrap_or_default())?; // c is Some here
                    State::InQuotedField
                }
            }
            State::EscapeInQuotedField => {
                self.add_char(c.unwrap_or('\n'))?;
                State::InQuotedField
            }
            State::QuoteInQuotedField => {
                if quoting_on && c.is_some() && c == d.quotechar {
                    self.add_char(c.unwrap_or_default())?; // c is Some here
                    State::InQuotedField
                } else if c == Some(d.delimiter) {
                    self.save_field()?;
                    State::StartField
                } else if is_nl(c) || c.is_none() {
                    self.save_field()?;
                    if c.is_none() { State::StartRecord } else { State::EatCrnl }
                } else if !d.strict {
                    self.add_char(c.unwrap_or_default())?; // c is Some here
                    State::InField
                } else {
                    return Err(csv_err(format!(
                        "'{}' expected after '{}'",
                        d.delimiter,
                        d.quotechar.unwrap_or('"')
                    )));
                }
            }
            State::EatCrnl => {
                if is_nl(c) {
                    State::EatCrnl
                } else if c.is_none() {
                    State::StartRecord
                } else {
                    return Err(csv_err(
                        "new-line character seen in unquoted field - do you need to open the file in universal-newline mode?",
                    ));
                }
            }
            State::StartRecord | State::AfterEscapedCrnl => unreachable!(),
        };
        self.state.set(next);
        Ok(())
    }

    fn reset(&self) {
        self.fields.borrow_mut().clear();
        self.field.borrow_mut().clear();
        self.field_len.set(0);
        self.numeric.set(false);
        self.state.set(State::StartRecord);
    }

    /// The next record, `None` at the end of the input.
    fn next_row(&self) -> PyResult<Option<Py>> {
        self.reset();
        loop {
            let line = self.input.borrow_mut().next();
            let line = match line {
                None => {
                    if self.field_len.get() != 0 || self.state.get() == State::InQuotedField {
                        if self.dialect.strict {
                            return Err(csv_err("unexpected end of data"));
                        }
                        self.save_field()?;
                        break;
                    }
                    return Ok(None);
                }
                Some(line) => line?,
            };
            let Py::Str(s) = &line else {
                return Err(csv_err(format!(
                    "iterator should return strings, not {} (the file should be opened in text mode)",
                    line.type_name()
                )));
            };
            self.line_num.set(self.line_num.get() + 1);
            for c in s.chars() {
                self.process(Some(c))?;
            }
            self.process(None)?;
            if self.state.get() == State::StartRecord {
                break;
            }
        }
        Ok(Some(Py::list(std::mem::take(&mut *self.fields.borrow_mut()))))
    }
}

fn stop() -> PyErr {
    PyErr::new(&exc::STOP_ITERATION, vec![])
}

impl Object for Reader {
    fn type_name(&self) -> &str {
        "_csv.reader"
    }
    fn getattr(&self, _this: &Py, name: &str) -> Option<PyResult<Py>> {
        match name {
            "line_num" => Some(Ok(Py::Int(self.line_num.get()))),
            _ => None,
        }
    }
    fn call_method(&self, this: &Py, name: &str, _args: Args) -> Option<PyResult<Py>> {
        match name {
            "__iter__" => Some(Ok(this.clone())),
            "__next__" => Some(self.next_row().and_then(|r| r.ok_or_else(stop))),
            _ => None,
        }
    }
    fn defines(&self, name: &str) -> bool {
        matches!(name, "__iter__" | "__next__")
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `csv.reader(csvfile, dialect='excel', **fmtparams)`
pub fn reader(args: Args) -> PyResult<Py> {
    let (f, dialect) = split_args("", args)?;
    Ok(Py::Object(Rc::new(new_reader(&f, dialect)?)))
}

fn new_reader(f: &Py, dialect: Dialect) -> PyResult<Reader> {
    Ok(Reader {
        input: RefCell::new(f.iter()?),
        dialect,
        line_num: Cell::new(0),
        state: Cell::new(State::StartRecord),
        fields: RefCell::new(Vec::new()),
        field: RefCell::new(String::new()),
        field_len: Cell::new(0),
        numeric: Cell::new(false),
    })
}

// ---- writer ----------------------------------------------------------------------------

pub struct Writer {
    write: Py,
    dialect: Dialect,
}

/// `PyNumber_Check`: ints, floats, bools and objects that stand for numbers.
fn is_number(v: &Py) -> bool {
    match v {
        Py::Int(_) | Py::BigInt(_) | Py::Float(_) | Py::Bool(_) => true,
        Py::Object(o) => {
            o.type_name() == "Decimal" || matches!(o.builtin_value(), Some(Py::Int(_) | Py::Float(_) | Py::BigInt(_)))
        }
        _ => false,
    }
}

impl Writer {
    /// Appends one field to `rec` (CPython's `join_append_data`).
    fn append(&self, rec: &mut String, first: bool, field: &str, mut quoted: bool) -> PyResult<()> {
        let d = &self.dialect;
        let mut body = String::new();
        for c in field.chars() {
            let mut want_escape = false;
            if c == d.delimiter || Some(c) == d.escapechar || Some(c) == d.quotechar || d.lineterminator.contains(c) {
                if d.quoting == QUOTE_NONE {
                    want_escape = true;
                } else {
                    if Some(c) == d.quotechar {
                        if d.doublequote {
                            body.push(c);
                        } else {
                            want_escape = true;
                        }
                    } else if Some(c) == d.escapechar {
                        want_escape = true;
                    }
                    if !want_escape {
                        quoted = true;
                    }
                }
                if want_escape {
                    match d.escapechar {
                        Some(e) => body.push(e),
                        None => return Err(csv_err("need to escape, but no escapechar set")),
                    }
                }
            }
            body.push(c);
        }
        if !first {
            rec.push(d.delimiter);
        }
        let q = d.quotechar.unwrap_or('"');
        if quoted {
            rec.push(q);
        }
        rec.push_str(&body);
        if quoted {
            rec.push(q);
        }
        Ok(())
    }

    fn writerow(&self, row: &Py) -> PyResult<Py> {
        let d = &self.dialect;
        let it = match row.iter() {
            Ok(it) => it,
            Err(e) if e.is_instance("TypeError") => {
                return Err(csv_err(format!("iterable expected, not {}", row.type_name())))
            }
            Err(e) => return Err(e),
        };
        let mut rec = String::new();
        let mut n = 0usize;
        for field in it {
            let field = field?;
            let quoted = match d.quoting {
                QUOTE_NONNUMERIC => !is_number(&field),
                QUOTE_ALL => true,
                _ => false,
            };
            let text = match &field {
                Py::None => String::new(),
                Py::Str(s) => s.to_string(),
                other => super::builtins::str_of(other)?,
            };
            self.append(&mut rec, n == 0, &text, quoted)?;
            n += 1;
        }
        if n == 1 && rec.is_empty() {
            if d.quoting == QUOTE_NONE {
                return Err(csv_err("single empty field record must be quoted"));
            }
            self.append(&mut rec, true, "", true)?;
        }
        rec.push_str(&d.lineterminator);
        self.write.call(Args::pos(vec![Py::str(&rec)]))
    }

    fn writerows(&self, rows: &Py) -> PyResult<Py> {
        for row in rows.iter()? {
            self.writerow(&row?)?;
        }
        Ok(Py::None)
    }
}

impl Object for Writer {
    fn type_name(&self) -> &str {
        "_csv.writer"
    }
    fn getattr(&self, this: &Py, name: &str) -> Option<PyResult<Py>> {
        match name {
            "writerow" | "writerows" => {
                Some(Ok(this.bound_method(name)))
            }
            _ => None,
        }
    }
    fn call_method(&self, _this: &Py, name: &str, args: Args) -> Option<PyResult<Py>> {
        match name {
            "writerow" => Some(one_pos("writerow", args).and_then(|row| self.writerow(&row))),
            "writerows" => Some(one_pos("writerows", args).and_then(|rows| self.writerows(&rows))),
            _ => None,
        }
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn one_pos(name: &str, args: Args) -> PyResult<Py> {
    if !args.kw.is_empty() {
        return Err(type_err(format!("{name}() takes no keyword arguments")));
    }
    if args.pos.len() != 1 {
        return Err(type_err(format!("{name}() takes exactly one argument ({} given)", args.pos.len())));
    }
    Ok(args.pos.into_iter().next().unwrap())
}

/// `csv.writer(csvfile, dialect='excel', **fmtparams)`
pub fn writer(args: Args) -> PyResult<Py> {
    let (f, dialect) = split_args("", args)?;
    Ok(Py::Object(Rc::new(new_writer(&f, dialect)?)))
}

fn new_writer(f: &Py, dialect: Dialect) -> PyResult<Writer> {
    let write = match f.getattr("write") {
        Ok(w) => w,
        Err(e) if e.is_instance("AttributeError") => {
            return Err(type_err("argument 1 must have a \"write\" method"))
        }
        Err(e) => return Err(e),
    };
    Ok(Writer { write, dialect })
}

// ---- DictReader ------------------------------------------------------------------------

pub struct DictReader {
    reader: Rc<Reader>,
    fieldnames: RefCell<Py>,
    restkey: Py,
    restval: Py,
    line_num: Cell<i64>,
}

impl DictReader {
    fn fieldnames(&self) -> PyResult<Py> {
        if self.fieldnames.borrow().is_none() {
            if let Some(row) = self.reader.next_row()? {
                *self.fieldnames.borrow_mut() = row;
            }
        }
        self.line_num.set(self.reader.line_num.get());
        Ok(self.fieldnames.borrow().clone())
    }

    fn next_dict(&self) -> PyResult<Py> {
        if self.line_num.get() == 0 {
            self.fieldnames()?;
        }
        let mut row = self.reader.next_row()?.ok_or_else(stop)?;
        self.line_num.set(self.reader.line_num.get());
        while matches!(&row, Py::List(l) if l.borrow().is_empty()) {
            row = self.reader.next_row()?.ok_or_else(stop)?;
        }
        let names = self.fieldnames()?;
        let names: Vec<Py> = names.iter()?.collect::<PyResult<_>>()?;
        let Py::List(cells) = &row else { unreachable!() };
        let cells = cells.borrow().clone();
        let pairs: Vec<(Py, Py)> = names.iter().cloned().zip(cells.iter().cloned()).collect();
        let d = Py::dict(pairs)?;
        let (lf, lr) = (names.len(), cells.len());
        if lf < lr {
            d.setitem(self.restkey.clone(), Py::list(cells[lf..].to_vec()))?;
        } else if lf > lr {
            for key in &names[lr..] {
                d.setitem(key.clone(), self.restval.clone())?;
            }
        }
        Ok(d)
    }
}

impl Object for DictReader {
    fn type_name(&self) -> &str {
        "DictReader"
    }
    fn getattr(&self, _this: &Py, name: &str) -> Option<PyResult<Py>> {
        match name {
            "fieldnames" => Some(self.fieldnames()),
            "restkey" => Some(Ok(self.restkey.clone())),
            "restval" => Some(Ok(self.restval.clone())),
            "line_num" => Some(Ok(Py::Int(self.line_num.get()))),
            "reader" => Some(Ok(Py::Object(self.reader.clone()))),
            _ => None,
        }
    }
    fn setattr(&self, _this: &Py, name: &str, value: Py) -> PyResult<()> {
        match name {
            "fieldnames" => {
                *self.fieldnames.borrow_mut() = value;
                Ok(())
            }
            _ => Err(PyErr::msg(&exc::ATTRIBUTE_ERROR, format!("'DictReader' object attribute '{name}' is read-only"))),
        }
    }
    fn call_method(&self, this: &Py, name: &str, _args: Args) -> Option<PyResult<Py>> {
        match name {
            "__iter__" => Some(Ok(this.clone())),
            "__next__" => Some(self.next_dict()),
            _ => None,
        }
    }
    fn defines(&self, name: &str) -> bool {
        matches!(name, "__iter__" | "__next__")
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `csv.DictReader(f, fieldnames=None, restkey=None, restval=None, dialect='excel', **kwds)`
pub fn dict_reader(args: Args) -> PyResult<Py> {
    let mut pos = args.pos.into_iter();
    if pos.len() > 5 {
        return Err(type_err("DictReader does not accept extra positional format arguments"));
    }
    let mut slots: [Option<Py>; 5] = std::array::from_fn(|_| pos.next());
    const NAMES: [&str; 5] = ["f", "fieldnames", "restkey", "restval", "dialect"];
    let mut fmt = Vec::new();
    for (k, v) in args.kw {
        match NAMES.iter().position(|n| *n == k) {
            Some(i) if slots[i].is_some() => {
                return Err(type_err(format!("DictReader.__init__() got multiple values for argument '{k}'")))
            }
            Some(i) => slots[i] = Some(v),
            None => fmt.push((k, v)),
        }
    }
    let [f, fieldnames, restkey, restval, dialect] = slots;
    let f = f.ok_or_else(|| type_err("DictReader.__init__() missing 1 required positional argument: 'f'"))?;
    let mut fieldnames = fieldnames.unwrap_or(Py::None);
    if matches!(fieldnames, Py::Iter(_)) {
        fieldnames = super::builtins::list(Args::pos(vec![fieldnames]))?;
    }
    let reader = new_reader(&f, Dialect::build(dialect, fmt)?)?;
    Ok(Py::Object(Rc::new(DictReader {
        reader: Rc::new(reader),
        fieldnames: RefCell::new(fieldnames),
        restkey: restkey.unwrap_or(Py::None),
        restval: restval.unwrap_or(Py::None),
        line_num: Cell::new(0),
    })))
}

// ---- DictWriter ------------------------------------------------------------------------

pub struct DictWriter {
    writer: Rc<Writer>,
    fieldnames: Py,
    restval: Py,
    extrasaction: Py,
}

impl DictWriter {
    fn to_row(&self, rowdict: &Py) -> PyResult<Py> {
        let names: Vec<Py> = self.fieldnames.iter()?.collect::<PyResult<_>>()?;
        if matches!(&self.extrasaction, Py::Str(s) if &**s == "raise") {
            let keys = rowdict.call_method("keys", Args::default())?;
            let mut wrong = Vec::new();
            for k in keys.iter()? {
                let k = k?;
                if !names.iter().any(|n| n.is(&k) || n.py_eq(&k)) {
                    wrong.push(k.repr_string());
                }
            }
            if !wrong.is_empty() {
                return Err(value_err(format!("dict contains fields not in fieldnames: {}", wrong.join(", "))));
            }
        }
        let mut out = Vec::with_capacity(names.len());
        for n in names {
            out.push(rowdict.call_method("get", Args::pos(vec![n, self.restval.clone()]))?);
        }
        Ok(Py::list(out))
    }
}

impl Object for DictWriter {
    fn type_name(&self) -> &str {
        "DictWriter"
    }
    fn getattr(&self, this: &Py, name: &str) -> Option<PyResult<Py>> {
        match name {
            "fieldnames" => Some(Ok(self.fieldnames.clone())),
            "restval" => Some(Ok(self.restval.clone())),
            "extrasaction" => Some(Ok(self.extrasaction.clone())),
            "writer" => Some(Ok(Py::Object(self.writer.clone()))),
            "writeheader" | "writerow" | "writerows" => {
                Some(Ok(this.bound_method(name)))
            }
            _ => None,
        }
    }
    fn call_method(&self, _this: &Py, name: &str, args: Args) -> Option<PyResult<Py>> {
        Some(match name {
            "writeheader" => args.bind("DictWriter.writeheader", [], 0).and_then(|_| {
                let names: Vec<Py> = self.fieldnames.iter()?.collect::<PyResult<_>>()?;
                let header = Py::dict(names.iter().map(|n| (n.clone(), n.clone())).collect::<Vec<_>>())?;
                self.writer.writerow(&self.to_row(&header)?)
            }),
            "writerow" => args
                .bind_def("DictWriter.writerow", ["rowdict"], [false], 1, 1)
                .and_then(|[r]| self.writer.writerow(&self.to_row(&r.unwrap())?)),
            "writerows" => args.bind_def("DictWriter.writerows", ["rowdicts"], [false], 1, 1).and_then(|[rows]| {
                for r in rows.unwrap().iter()? {
                    self.writer.writerow(&self.to_row(&r?)?)?;
                }
                Ok(Py::None)
            }),
            _ => return None,
        })
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `csv.DictWriter(f, fieldnames, restval='', extrasaction='raise', dialect='excel', **kwds)`
pub fn dict_writer(args: Args) -> PyResult<Py> {
    let mut pos = args.pos.into_iter();
    if pos.len() > 5 {
        return Err(type_err("DictWriter does not accept extra positional format arguments"));
    }
    let mut slots: [Option<Py>; 5] = std::array::from_fn(|_| pos.next());
    const NAMES: [&str; 5] = ["f", "fieldnames", "restval", "extrasaction", "dialect"];
    let mut fmt = Vec::new();
    for (k, v) in args.kw {
        match NAMES.iter().position(|n| *n == k) {
            Some(i) if slots[i].is_some() => {
                return Err(type_err(format!("DictWriter.__init__() got multiple values for argument '{k}'")))
            }
            Some(i) => slots[i] = Some(v),
            None => fmt.push((k, v)),
        }
    }
    let [f, fieldnames, restval, extrasaction, dialect] = slots;
    let missing: Vec<&str> = [("f", f.is_none()), ("fieldnames", fieldnames.is_none())]
        .iter()
        .filter(|(_, m)| *m)
        .map(|(n, _)| *n)
        .collect();
    match missing.as_slice() {
        [] => {}
        [one] => {
            return Err(type_err(format!("DictWriter.__init__() missing 1 required positional argument: '{one}'")))
        }
        _ => {
            return Err(type_err(
                "DictWriter.__init__() missing 2 required positional arguments: 'f' and 'fieldnames'",
            ))
        }
    }
    let extrasaction = extrasaction.unwrap_or_else(|| Py::str("raise"));
    let lowered = extrasaction.call_method("lower", Args::default())?;
    if !matches!(&lowered, Py::Str(s) if &**s == "raise" || &**s == "ignore") {
        return Err(value_err(format!(
            "extrasaction ({}) must be 'raise' or 'ignore'",
            super::builtins::str_of(&extrasaction)?
        )));
    }
    let writer = new_writer(&f.unwrap(), Dialect::build(dialect, fmt)?)?;
    Ok(Py::Object(Rc::new(DictWriter {
        writer: Rc::new(writer),
        fieldnames: fieldnames.unwrap(),
        restval: restval.unwrap_or_else(|| Py::str("")),
        extrasaction,
    })))
}
