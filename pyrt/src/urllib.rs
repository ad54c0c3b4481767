//! `urllib.parse`: quoting, unquoting, `urlencode`, `parse_qs`, `parse_qsl`, `urlsplit`/
//! `urlparse` (named tuples with `hostname`, `port`, `username`, `password`, `geturl()`),
//! `urlunsplit`/`urlunparse`, `urljoin`, `urldefrag`, ported from CPython 3.11's
//! `Lib/urllib/parse.py`.

use std::rc::Rc;

use super::format::{to_str, type_err, value_err};
use super::value::*;

const ALWAYS_SAFE: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~";

/// `quote_from_bytes(bs, safe)`
pub fn quote_bytes(bs: &[u8], safe: &[u8]) -> String {
    let mut out = String::with_capacity(bs.len());
    for &b in bs {
        if ALWAYS_SAFE.contains(&b) || (b < 0x80 && safe.contains(&b)) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn safe_arg(v: Option<Py>, default: &str) -> PyResult<Vec<u8>> {
    match v {
        None => Ok(default.as_bytes().to_vec()),
        // str safe: encode('ascii', 'ignore')
        Some(Py::Str(s)) => Ok(s.bytes().filter(|b| *b < 0x80).collect()),
        Some(Py::Bytes(b)) => Ok(b.to_vec()),
        Some(other) => Err(type_err(format!("'{}' object is not iterable", other.type_name()))),
    }
}

fn quote_value(v: &Py, safe: &[u8]) -> PyResult<String> {
    match v {
        Py::Str(s) => Ok(quote_bytes(s.as_bytes(), safe)),
        Py::Bytes(b) => Ok(quote_bytes(b, safe)),
        _ => Err(type_err("quote_from_bytes() expected bytes")),
    }
}

fn quote_plus_value(v: &Py, safe: &[u8]) -> PyResult<String> {
    let has_space = match v {
        Py::Str(s) => s.contains(' '),
        Py::Bytes(b) => b.contains(&b' '),
        _ => false,
    };
    if !has_space {
        return quote_value(v, safe);
    }
    let mut safe2 = safe.to_vec();
    safe2.push(b' ');
    Ok(quote_value(v, &safe2)?.replace(' ', "+"))
}

/// `urllib.parse.quote(string, safe='/', encoding=None, errors=None)`
pub fn quote(a: Args) -> PyResult<Py> {
    let [s, safe, _enc, _err] = a.bind("quote", ["string", "safe", "encoding", "errors"], 1)?;
    let safe = safe_arg(safe, "/")?;
    Ok(Py::str(&quote_value(&s.unwrap(), &safe)?))
}

/// `urllib.parse.quote_plus(string, safe='', encoding=None, errors=None)`
pub fn quote_plus(a: Args) -> PyResult<Py> {
    let [s, safe, _enc, _err] = a.bind("quote_plus", ["string", "safe", "encoding", "errors"], 1)?;
    let safe = safe_arg(safe, "")?;
    Ok(Py::str(&quote_plus_value(&s.unwrap(), &safe)?))
}

fn hexval(c: u8) -> Option<u8> {
    (c as char).to_digit(16).map(|d| d as u8)
}

/// `unquote_to_bytes` for an ASCII string.
fn unquote_bytes(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if s[i] == b'%' && i + 2 < s.len() {
            if let (Some(h), Some(l)) = (hexval(s[i + 1]), hexval(s[i + 2])) {
                out.push(h * 16 + l);
                i += 3;
                continue;
            }
        }
        out.push(s[i]);
        i += 1;
    }
    out
}

/// `unquote(string)` with utf-8 and errors='replace'.
pub fn unquote_str(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    // Split into maximal ASCII / non-ASCII runs (`_asciire`); only ASCII runs are unquoted.
    let mut out = String::with_capacity(s.len());
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let ascii = bytes[i] < 0x80;
        let mut j = i;
        while j < bytes.len() && (bytes[j] < 0x80) == ascii {
            j += 1;
        }
        if ascii {
            out.push_str(&String::from_utf8_lossy(&unquote_bytes(&bytes[i..j])));
        } else {
            out.push_str(&s[i..j]);
        }
        i = j;
    }
    out
}

fn unquote_arg(v: &Py) -> PyResult<String> {
    match v {
        Py::Str(s) => Ok(unquote_str(s)),
        Py::Bytes(b) => Ok(String::from_utf8_lossy(&unquote_bytes(b)).into_owned()),
        other => {
            // `'%' not in string` on a non-str raises like CPython
            Err(type_err(format!("argument of type '{}' is not iterable", other.type_name())))
        }
    }
}

/// `urllib.parse.unquote(string, encoding='utf-8', errors='replace')`
pub fn unquote(a: Args) -> PyResult<Py> {
    let [s, _enc, _err] = a.bind("unquote", ["string", "encoding", "errors"], 1)?;
    Ok(Py::str(&unquote_arg(&s.unwrap())?))
}

/// `urllib.parse.unquote_plus(string, encoding='utf-8', errors='replace')`
pub fn unquote_plus(a: Args) -> PyResult<Py> {
    let [s, _enc, _err] = a.bind("unquote_plus", ["string", "encoding", "errors"], 1)?;
    match s.unwrap() {
        Py::Str(s) => Ok(Py::str(&unquote_str(&s.replace('+', " ")))),
        Py::Bytes(_) => Err(type_err("a bytes-like object is required, not 'str'")),
        other => Err(PyErr::msg(
            &exc::ATTRIBUTE_ERROR,
            format!("'{}' object has no attribute 'replace'", other.type_name()),
        )),
    }
}

fn parse_pairs(qs: &str, keep_blank: bool, strict: bool, sep: &str, max_fields: Option<i64>) -> PyResult<Vec<(String, String)>> {
    if let Some(m) = max_fields {
        let n = if qs.is_empty() { 0 } else { 1 + qs.matches(sep).count() as i64 };
        if m < n {
            return Err(value_err("Max number of fields exceeded"));
        }
    }
    let mut out = Vec::new();
    if qs.is_empty() {
        return Ok(out);
    }
    for nv in qs.split(sep) {
        if nv.is_empty() && !strict {
            continue;
        }
        let (name, value) = match nv.split_once('=') {
            Some((n, v)) => (n, v),
            None => {
                if strict {
                    return Err(value_err(format!("bad query field: {}", super::repr::str_repr(nv))));
                }
                if keep_blank {
                    (nv, "")
                } else {
                    continue;
                }
            }
        };
        if !value.is_empty() || keep_blank {
            out.push((unquote_str(&name.replace('+', " ")), unquote_str(&value.replace('+', " "))));
        }
    }
    Ok(out)
}

fn qs_args(a: Args, fname: &str) -> PyResult<(Vec<(String, String)>, bool)> {
    let [qs, keep, strict, _enc, _err, max, sep] = a.bind(
        fname,
        ["qs", "keep_blank_values", "strict_parsing", "encoding", "errors", "max_num_fields", "separator"],
        1,
    )?;
    let (qs, is_bytes) = match qs.unwrap() {
        Py::Str(s) => (s.to_string(), false),
        Py::Bytes(b) => (String::from_utf8_lossy(&b).into_owned(), true),
        Py::None => (String::new(), false),
        other if !other.truthy() => (String::new(), false),
        other => return Err(PyErr::msg(&exc::ATTRIBUTE_ERROR, format!("'{}' object has no attribute 'decode'", other.type_name()))),
    };
    let sep = match sep {
        None => "&".to_string(),
        Some(Py::Str(s)) if !s.is_empty() => s.to_string(),
        Some(Py::Bytes(b)) if !b.is_empty() => String::from_utf8_lossy(&b).into_owned(),
        Some(_) => return Err(value_err("Separator must be of type string or bytes.")),
    };
    let max = match max {
        None | Some(Py::None) => None,
        Some(Py::Int(n)) => Some(n),
        Some(other) => return Err(type_err(format!("'<' not supported between instances of '{}' and 'int'", other.type_name()))),
    };
    let keep = keep.map(|v| v.truthy()).unwrap_or(false);
    let strict = strict.map(|v| v.truthy()).unwrap_or(false);
    Ok((parse_pairs(&qs, keep, strict, &sep, max)?, is_bytes))
}

fn text(s: String, as_bytes: bool) -> Py {
    if as_bytes {
        Py::Bytes(Rc::from(s.into_bytes()))
    } else {
        Py::from(s)
    }
}

/// `urllib.parse.parse_qsl(qs, keep_blank_values=False, strict_parsing=False, ...)`
pub fn parse_qsl(a: Args) -> PyResult<Py> {
    let (pairs, b) = qs_args(a, "parse_qsl")?;
    Ok(Py::list(pairs.into_iter().map(|(k, v)| Py::tuple(vec![text(k, b), text(v, b)])).collect::<Vec<_>>()))
}

/// `urllib.parse.parse_qs(qs, keep_blank_values=False, strict_parsing=False, ...)`
pub fn parse_qs(a: Args) -> PyResult<Py> {
    let (pairs, b) = qs_args(a, "parse_qs")?;
    let mut grouped: indexmap::IndexMap<String, Vec<Py>> = indexmap::IndexMap::new();
    for (k, v) in pairs {
        grouped.entry(k).or_default().push(text(v, b));
    }
    Py::dict(grouped.into_iter().map(|(k, vs)| (text(k, b), Py::list(vs))).collect::<Vec<_>>())
}

/// `urllib.parse.urlencode(query, doseq=False, safe='', encoding=None, errors=None, quote_via=quote_plus)`
pub fn urlencode(a: Args) -> PyResult<Py> {
    let [query, doseq, safe, enc, err, quote_via] =
        a.bind("urlencode", ["query", "doseq", "safe", "encoding", "errors", "quote_via"], 1)?;
    let (enc, err) = (enc.unwrap_or(Py::None), err.unwrap_or(Py::None));
    let query = query.unwrap();
    let doseq = doseq.map(|v| v.truthy()).unwrap_or(false);
    let safe_py = safe.clone().unwrap_or_else(|| Py::str(""));
    let safe = safe_arg(safe, "")?;
    let quote_via = quote_via.filter(|v| !v.is_none());
    let q = |v: &Py| -> PyResult<String> {
        match &quote_via {
            None => quote_plus_value(v, &safe),
            // CPython passes (str, safe, encoding, errors) for str and (bytes, safe) for bytes
            Some(f) => to_str(&f.call(Args::pos(match v {
                Py::Bytes(_) => vec![v.clone(), safe_py.clone()],
                _ => vec![v.clone(), safe_py.clone(), enc.clone(), err.clone()],
            }))?),
        }
    };
    let as_text = |v: &Py| -> PyResult<Py> {
        Ok(match v {
            Py::Bytes(_) | Py::Str(_) => v.clone(),
            other => Py::from(to_str(other)?),
        })
    };
    let pairs: Vec<(Py, Py)> = match &query {
        Py::Dict(d) => d.borrow().iter().map(|(k, v)| (k.0.clone(), v.clone())).collect(),
        Py::Object(_) => {
            let items = query.call_method("items", Args::default())?;
            let mut out = Vec::new();
            let mut it = items.iter()?;
            for item in &mut it {
                let kv = item?.unpack(2)?;
                out.push((kv[0].clone(), kv[1].clone()));
            }
            out
        }
        Py::List(_) | Py::Tuple(_) => {
            let items: Vec<Py> = match &query {
                Py::List(l) => l.borrow().clone(),
                Py::Tuple(t) => t.to_vec(),
                _ => unreachable!(),
            };
            if !items.is_empty() && !matches!(items[0], Py::Tuple(_)) {
                return Err(type_err("not a valid non-string sequence or mapping object"));
            }
            let mut out = Vec::new();
            for item in items {
                let kv = item.unpack(2)?;
                out.push((kv[0].clone(), kv[1].clone()));
            }
            out
        }
        Py::Str(s) if s.is_empty() => Vec::new(),
        _ => return Err(type_err("not a valid non-string sequence or mapping object")),
    };
    let mut parts = Vec::new();
    for (k, v) in pairs {
        let k = q(&as_text(&k)?)?;
        if !doseq {
            parts.push(format!("{k}={}", q(&as_text(&v)?)?));
            continue;
        }
        match &v {
            Py::Bytes(_) | Py::Str(_) => parts.push(format!("{k}={}", q(&v)?)),
            Py::List(_) | Py::Tuple(_) | Py::Dict(_) | Py::Set(_) | Py::FrozenSet(_) => {
                let mut it = v.iter()?;
                for elt in &mut it {
                    parts.push(format!("{k}={}", q(&as_text(&elt?)?)?));
                }
            }
            other => parts.push(format!("{k}={}", q(&as_text(other)?)?)),
        }
    }
    Ok(Py::from(parts.join("&")))
}

// ---------------------------------------------------------------------------------------
// quote_from_bytes / unquote_to_bytes
// ---------------------------------------------------------------------------------------

/// `urllib.parse.quote_from_bytes(bs, safe='/')`
pub fn quote_from_bytes(a: Args) -> PyResult<Py> {
    let [bs, safe] = a.bind_def("quote_from_bytes", ["bs", "safe"], [false, true], 2, 0)?;
    let Py::Bytes(bs) = bs.unwrap() else {
        return Err(type_err("quote_from_bytes() expected bytes"));
    };
    if bs.is_empty() {
        return Ok(Py::str(""));
    }
    let safe = match safe {
        None => b"/".to_vec(),
        Some(Py::Str(s)) => s.bytes().filter(|b| *b < 0x80).collect(),
        Some(Py::Bytes(b)) => b.iter().copied().filter(|b| *b < 0x80).collect(),
        // Any other iterable: `bytes([c for c in safe if c < 128])`.
        Some(other) => {
            let mut out = Vec::new();
            for c in other.iter()? {
                let c = c?;
                if c.lt(&Py::Int(128))? {
                    match c {
                        Py::Int(n) if n >= 0 => out.push(n as u8),
                        Py::Bool(b) => out.push(b as u8),
                        Py::Int(_) => return Err(value_err("bytes must be in range(0, 256)")),
                        other => return Err(type_err(format!("'{}' object cannot be interpreted as an integer", other.type_name()))),
                    }
                }
            }
            out
        }
    };
    Ok(Py::from(quote_bytes(&bs, &safe)))
}

/// `urllib.parse.unquote_to_bytes(string)`
pub fn unquote_to_bytes(a: Args) -> PyResult<Py> {
    let [s] = a.bind_def("unquote_to_bytes", ["string"], [false], 1, 0)?;
    let s = s.unwrap();
    let data: Vec<u8> = match &s {
        Py::Str(t) => t.as_bytes().to_vec(),
        Py::Bytes(b) => b.to_vec(),
        other => {
            return Err(PyErr::msg(
                &exc::ATTRIBUTE_ERROR,
                format!("'{}' object has no attribute 'split'", other.type_name()),
            ))
        }
    };
    Ok(Py::Bytes(Rc::from(unquote_bytes(&data))))
}

// ---------------------------------------------------------------------------------------
// urlsplit / urlparse / urlunsplit / urlunparse / urljoin / urldefrag
// ---------------------------------------------------------------------------------------

const USES_RELATIVE: &[&str] = &[
    "", "ftp", "http", "gopher", "nntp", "imap", "wais", "file", "https", "shttp", "mms", "prospero", "rtsp",
    "rtsps", "rtspu", "sftp", "svn", "svn+ssh", "ws", "wss",
];

const USES_NETLOC: &[&str] = &[
    "", "ftp", "http", "gopher", "nntp", "telnet", "imap", "wais", "file", "mms", "https", "shttp", "snews",
    "prospero", "rtsp", "rtsps", "rtspu", "rsync", "svn", "svn+ssh", "sftp", "nfs", "git", "git+ssh", "ws", "wss",
];

const USES_PARAMS: &[&str] = &[
    "", "ftp", "hdl", "prospero", "http", "imap", "https", "shttp", "rtsp", "rtsps", "rtspu", "sip", "sips", "mms",
    "sftp", "tel",
];

/// Characters whose NFKC normalization contains one of `/?#@:` (`_checknetloc`).
const NFKC_DELIMITERS: &[char] = &[
    '\u{2047}', '\u{2048}', '\u{2049}', '\u{2100}', '\u{2101}', '\u{2105}', '\u{2106}', '\u{2a74}', '\u{fe13}',
    '\u{fe16}', '\u{fe55}', '\u{fe56}', '\u{fe5f}', '\u{fe6b}', '\u{ff03}', '\u{ff0f}', '\u{ff1a}', '\u{ff1f}',
    '\u{ff20}',
];

/// Which result type: `SplitResult`, `ParseResult` or `DefragResult`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Split,
    Parse,
    Defrag,
}

impl Kind {
    fn name(self, bytes: bool) -> &'static str {
        match (self, bytes) {
            (Kind::Split, false) => "SplitResult",
            (Kind::Parse, false) => "ParseResult",
            (Kind::Defrag, false) => "DefragResult",
            (Kind::Split, true) => "SplitResultBytes",
            (Kind::Parse, true) => "ParseResultBytes",
            (Kind::Defrag, true) => "DefragResultBytes",
        }
    }
    fn fields(self) -> &'static str {
        match self {
            Kind::Split => "scheme netloc path query fragment",
            Kind::Parse => "scheme netloc path params query fragment",
            Kind::Defrag => "url fragment",
        }
    }
}

thread_local! {
    static CLASSES: std::cell::RefCell<Vec<(&'static str, Py)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The `collections.namedtuple` class behind a result type (made once per thread).
fn result_class(kind: Kind, bytes: bool) -> PyResult<Py> {
    let name = kind.name(bytes);
    if let Some(c) = CLASSES.with(|c| c.borrow().iter().find(|(n, _)| *n == name).map(|(_, c)| c.clone())) {
        return Ok(c);
    }
    let class = super::collections::namedtuple(Args::pos(vec![Py::str(name), Py::str(kind.fields())]))?;
    CLASSES.with(|c| c.borrow_mut().push((name, class.clone())));
    Ok(class)
}

/// A `SplitResult`/`ParseResult`/`DefragResult` (or its `...Bytes` form): a named tuple
/// with `geturl()`, `encode()`/`decode()` and, but for `DefragResult`, `username`,
/// `password`, `hostname` and `port`.
struct UrlResult {
    kind: Kind,
    bytes: bool,
    /// The named tuple instance that holds the fields.
    inner: Py,
}

fn make_result(kind: Kind, bytes: bool, items: Vec<Py>) -> PyResult<Py> {
    let inner = result_class(kind, bytes)?.call(Args::pos(items))?;
    Ok(Py::Object(Rc::new(UrlResult { kind, bytes, inner })))
}

fn make_text_result(kind: Kind, bytes: bool, parts: Vec<String>) -> PyResult<Py> {
    make_result(kind, bytes, parts.into_iter().map(|p| text(p, bytes)).collect())
}

/// A `str` or (ASCII) `bytes` field as text.
fn field_text(v: &Py) -> String {
    match v {
        Py::Str(s) => s.to_string(),
        Py::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
        other => other.str_string(),
    }
}

impl UrlResult {
    fn items(&self) -> Vec<Py> {
        match &self.inner {
            Py::Object(o) => super::collections::namedtuple_items(&**o).unwrap_or_default(),
            _ => Vec::new(),
        }
    }
    fn field(&self, name: &str) -> PyResult<Py> {
        self.inner.getattr(name)
    }
    fn netloc(&self) -> PyResult<String> {
        Ok(field_text(&self.field("netloc")?))
    }
    fn out(&self, s: &str) -> Py {
        text(s.to_string(), self.bytes)
    }
    /// `_userinfo`: `(username, password)`.
    fn userinfo(&self) -> PyResult<(Option<String>, Option<String>)> {
        let netloc = self.netloc()?;
        Ok(match netloc.rsplit_once('@') {
            Some((userinfo, _)) => match userinfo.split_once(':') {
                Some((u, p)) => (Some(u.to_string()), Some(p.to_string())),
                None => (Some(userinfo.to_string()), None),
            },
            None => (None, None),
        })
    }
    /// `_hostinfo`: `(hostname, port)`.
    fn hostinfo(&self) -> PyResult<(String, Option<String>)> {
        let netloc = self.netloc()?;
        let hostinfo = netloc.rsplit_once('@').map_or(netloc.as_str(), |(_, h)| h);
        let (hostname, port) = match hostinfo.split_once('[') {
            Some((_, bracketed)) => {
                let (hostname, rest) = bracketed.split_once(']').unwrap_or((bracketed, ""));
                (hostname, rest.split_once(':').map_or("", |(_, p)| p))
            }
            None => hostinfo.split_once(':').unwrap_or((hostinfo, "")),
        };
        Ok((hostname.to_string(), if port.is_empty() { None } else { Some(port.to_string()) }))
    }
    fn hostname(&self) -> PyResult<Py> {
        let (hostname, _) = self.hostinfo()?;
        if hostname.is_empty() {
            return Ok(Py::None);
        }
        // A scoped IPv6 address's zone is not lower-cased.
        Ok(self.out(&match hostname.split_once('%') {
            Some((h, zone)) => format!("{}%{zone}", h.to_lowercase()),
            None => hostname.to_lowercase(),
        }))
    }
    fn port(&self) -> PyResult<Py> {
        let (_, port) = self.hostinfo()?;
        let Some(port) = port else { return Ok(Py::None) };
        if !port.bytes().all(|b| b.is_ascii_digit()) {
            return Err(value_err(format!(
                "Port could not be cast to integer value as {}",
                self.out(&port).repr_string()
            )));
        }
        match port.trim_start_matches('0').parse::<u32>() {
            Ok(n) if n <= 65535 => Ok(Py::Int(n as i64)),
            _ if port.bytes().all(|b| b == b'0') => Ok(Py::Int(0)),
            _ => Err(value_err("Port out of range 0-65535")),
        }
    }
    fn geturl(&self) -> PyResult<Py> {
        let parts: Vec<String> = self.items().iter().map(field_text).collect();
        let url = match self.kind {
            Kind::Split => unsplit(&parts),
            Kind::Parse => unparse(&parts),
            Kind::Defrag => {
                if parts[1].is_empty() {
                    parts[0].clone()
                } else {
                    format!("{}#{}", parts[0], parts[1])
                }
            }
        };
        Ok(self.out(&url))
    }
    /// `encode()` on a str result / `decode()` on a bytes result.
    fn transcode(&self, method: &str, args: Args) -> PyResult<Py> {
        let qualname = if self.bytes { "_ResultMixinBytes.decode" } else { "_ResultMixinStr.encode" };
        let [enc, errors] = args.bind_def(qualname, ["encoding", "errors"], [true, true], 2, 1)?;
        let mut call_args = vec![enc.unwrap_or_else(|| Py::str("ascii"))];
        call_args.push(errors.unwrap_or_else(|| Py::str("strict")));
        let mut items = Vec::new();
        for item in self.items() {
            items.push(item.call_method(method, Args::pos(call_args.clone()))?);
        }
        make_result(self.kind, !self.bytes, items)
    }
}

impl Object for UrlResult {
    fn type_name(&self) -> &str {
        self.kind.name(self.bytes)
    }
    fn getattr(&self, this: &Py, name: &str) -> Option<PyResult<Py>> {
        let netloc_attr = self.kind != Kind::Defrag;
        match name {
            "username" if netloc_attr => Some(self.userinfo().map(|(u, _)| u.map_or(Py::None, |u| self.out(&u)))),
            "password" if netloc_attr => Some(self.userinfo().map(|(_, p)| p.map_or(Py::None, |p| self.out(&p)))),
            "hostname" if netloc_attr => Some(self.hostname()),
            "port" if netloc_attr => Some(self.port()),
            "geturl" | "_replace" => {
                Some(Ok(this.bound_method(name)))
            }
            "encode" if !self.bytes => {
                let this = this.clone();
                Some(Ok(Py::func(name, move |args| this.call_method("encode", args))))
            }
            "decode" if self.bytes => {
                let this = this.clone();
                Some(Ok(Py::func(name, move |args| this.call_method("decode", args))))
            }
            _ => match &self.inner {
                Py::Object(o) => o.getattr(&self.inner, name),
                _ => None,
            },
        }
    }
    fn call_method(&self, _this: &Py, name: &str, args: Args) -> Option<PyResult<Py>> {
        match name {
            "geturl" => Some(
                args.bind_def(&format!("{}.geturl", self.kind.name(self.bytes)), [], [], 0, 1).and_then(|_| self.geturl()),
            ),
            "_replace" => Some(self.inner.call_method("_replace", args).map(|inner| {
                Py::Object(Rc::new(UrlResult { kind: self.kind, bytes: self.bytes, inner }))
            })),
            "encode" if !self.bytes => Some(self.transcode("encode", args)),
            "decode" if self.bytes => Some(self.transcode("decode", args)),
            // `r[a:b:c]` arrives as `__getitem__((a, b, c))` (see `Py::slice`).
            "__getitem__" if matches!(args.pos.as_slice(), [Py::Tuple(t)] if t.len() == 3) => {
                let Some(Py::Tuple(t)) = args.pos.first() else { unreachable!() };
                Some(Py::tuple(self.items()).slice(&t[0], &t[1], &t[2]))
            }
            _ => match &self.inner {
                Py::Object(o) => o.call_method(&self.inner, name, args),
                _ => None,
            },
        }
    }
    fn repr(&self) -> String {
        self.inner.repr_string()
    }
    fn eq(&self, other: &dyn Object) -> Option<bool> {
        let o = other.as_any().downcast_ref::<UrlResult>()?;
        Some(self.inner.py_eq(&o.inner))
    }
    fn cmp(&self, other: &dyn Object) -> Option<std::cmp::Ordering> {
        let o = other.as_any().downcast_ref::<UrlResult>()?;
        match (&self.inner, &o.inner) {
            (Py::Object(a), Py::Object(b)) => a.cmp(&**b),
            _ => None,
        }
    }
    fn compare_with(&self, op: &str, other: &Py, reflected: bool) -> Option<PyResult<bool>> {
        match &self.inner {
            Py::Object(o) => o.compare_with(op, other, reflected),
            _ => None,
        }
    }
    fn hash(&self) -> Option<u64> {
        match &self.inner {
            Py::Object(o) => o.hash(),
            _ => None,
        }
    }
    fn builtin_base(&self) -> Option<&'static str> {
        Some("tuple")
    }
    fn to_json(&self) -> Option<PyResult<serde_json::Value>> {
        Some(Py::tuple(self.items()).to_json())
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

fn unicode_decode_error(s: &[u8]) -> PyErr {
    let (pos, byte) = s.iter().enumerate().find(|(_, b)| **b >= 0x80).map(|(i, b)| (i, *b)).unwrap_or((0, 0));
    PyErr::msg(
        &exc::UNICODE_DECODE_ERROR,
        format!("'ascii' codec can't decode byte 0x{byte:02x} in position {pos}: ordinal not in range(128)"),
    )
}

/// `_coerce_args(*args)`: the arguments as text, and whether they are bytes (the result
/// is then encoded back). `None` marks a falsy non-str argument next to str ones.
fn coerce(args: &[Py]) -> PyResult<(Vec<Option<String>>, bool)> {
    let Some(first) = args.first() else {
        return Err(PyErr::msg(&exc::INDEX_ERROR, "tuple index out of range"));
    };
    let str_input = matches!(first, Py::Str(_));
    for a in &args[1..] {
        if a.truthy() && matches!(a, Py::Str(_)) != str_input {
            return Err(type_err("Cannot mix str and non-str arguments"));
        }
    }
    let mut out = Vec::with_capacity(args.len());
    for a in args {
        out.push(match a {
            Py::Str(s) => Some(s.to_string()),
            _ if str_input => None,
            _ if !a.truthy() => Some(String::new()),
            Py::Bytes(b) => match std::str::from_utf8(b) {
                Ok(s) if s.is_ascii() => Some(s.to_string()),
                _ => return Err(unicode_decode_error(b)),
            },
            other => {
                return Err(PyErr::msg(
                    &exc::ATTRIBUTE_ERROR,
                    format!("'{}' object has no attribute 'decode'", other.type_name()),
                ))
            }
        });
    }
    Ok((out, !str_input))
}

fn is_c0_or_space(c: char) -> bool {
    c <= ' '
}

/// `_splitnetloc(url, start)`: the network location and the rest.
fn split_netloc(url: &str, start: usize) -> (String, String) {
    let delim = url[start..].find(['/', '?', '#']).map_or(url.len(), |i| i + start);
    (url[start..delim].to_string(), url[delim..].to_string())
}

/// `_check_bracketed_host`: an IPv6 address or an IPvFuture literal.
fn check_bracketed_host(hostname: &str) -> PyResult<()> {
    if let Some(rest) = hostname.strip_prefix('v') {
        let ok = match rest.split_once('.') {
            Some((hex, tail)) => !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()) && !tail.is_empty(),
            None => false,
        };
        if !ok {
            return Err(value_err("IPvFuture address is invalid"));
        }
        return Ok(());
    }
    if hostname.parse::<std::net::Ipv4Addr>().is_ok() {
        return Err(value_err("An IPv4 address cannot be in brackets"));
    }
    let (addr, scope) = match hostname.split_once('%') {
        Some((a, s)) => (a, Some(s)),
        None => (hostname, None),
    };
    if scope.is_some_and(|s| s.is_empty()) || addr.parse::<std::net::Ipv6Addr>().is_err() {
        return Err(value_err(format!(
            "{} does not appear to be an IPv4 or IPv6 address",
            Py::str(hostname).repr_string()
        )));
    }
    Ok(())
}

/// `_checknetloc`: characters that NFKC-normalize into URL delimiters are refused.
fn check_netloc(netloc: &str) -> PyResult<()> {
    if netloc.is_ascii() {
        return Ok(());
    }
    if netloc.chars().any(|c| NFKC_DELIMITERS.contains(&c)) {
        return Err(value_err(format!(
            "netloc '{netloc}' contains invalid characters under NFKC normalization"
        )));
    }
    Ok(())
}

/// `urlsplit` on text: `[scheme, netloc, path, query, fragment]`.
fn split(url: &str, scheme: &str, allow_fragments: bool) -> PyResult<Vec<String>> {
    let mut url: String = url.trim_start_matches(is_c0_or_space).chars().filter(|c| !matches!(c, '\t' | '\r' | '\n')).collect();
    let mut scheme: String =
        scheme.trim_matches(is_c0_or_space).chars().filter(|c| !matches!(c, '\t' | '\r' | '\n')).collect();
    let (mut netloc, mut query, mut fragment) = (String::new(), String::new(), String::new());
    if let Some(i) = url.find(':') {
        let first = url.as_bytes()[0];
        if i > 0
            && first.is_ascii_alphabetic()
            && url[..i].bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
        {
            scheme = url[..i].to_ascii_lowercase();
            url = url[i + 1..].to_string();
        }
    }
    if url.starts_with("//") {
        let (n, rest) = split_netloc(&url, 2);
        netloc = n;
        url = rest;
        let (open, close) = (netloc.contains('['), netloc.contains(']'));
        if open != close {
            return Err(value_err("Invalid IPv6 URL"));
        }
        if open && close {
            let after = netloc.split_once('[').map_or("", |(_, a)| a);
            let host = after.split_once(']').map_or(after, |(h, _)| h);
            check_bracketed_host(host)?;
        }
    }
    if allow_fragments {
        if let Some((u, f)) = url.split_once('#') {
            fragment = f.to_string();
            url = u.to_string();
        }
    }
    if let Some((u, q)) = url.split_once('?') {
        query = q.to_string();
        url = u.to_string();
    }
    check_netloc(&netloc)?;
    Ok(vec![scheme, netloc, url, query, fragment])
}

/// `_splitparams(url)`
fn split_params(url: &str) -> (String, String) {
    let i = match url.rfind('/') {
        Some(slash) => match url[slash..].find(';') {
            Some(j) => slash + j,
            None => return (url.to_string(), String::new()),
        },
        None => url.find(';').unwrap_or(0),
    };
    (url[..i].to_string(), url[i + 1..].to_string())
}

/// `urlparse` on text: `[scheme, netloc, path, params, query, fragment]`.
fn parse(url: &str, scheme: &str, allow_fragments: bool) -> PyResult<Vec<String>> {
    let s = split(url, scheme, allow_fragments)?;
    let (mut path, mut params) = (s[2].clone(), String::new());
    if USES_PARAMS.contains(&s[0].as_str()) && path.contains(';') {
        (path, params) = split_params(&path);
    }
    Ok(vec![s[0].clone(), s[1].clone(), path, params, s[3].clone(), s[4].clone()])
}

/// `urlunsplit` on text.
fn unsplit(p: &[String]) -> String {
    let (scheme, netloc, query, fragment) = (&p[0], &p[1], &p[3], &p[4]);
    let mut url = p[2].clone();
    if !netloc.is_empty() || (!scheme.is_empty() && USES_NETLOC.contains(&scheme.as_str()) && !url.starts_with("//")) {
        if !url.is_empty() && !url.starts_with('/') {
            url = format!("/{url}");
        }
        url = format!("//{netloc}{url}");
    }
    if !scheme.is_empty() {
        url = format!("{scheme}:{url}");
    }
    if !query.is_empty() {
        url = format!("{url}?{query}");
    }
    if !fragment.is_empty() {
        url = format!("{url}#{fragment}");
    }
    url
}

/// `urlunparse` on text.
fn unparse(p: &[String]) -> String {
    let mut url = p[2].clone();
    if !p[3].is_empty() {
        url = format!("{url};{}", p[3]);
    }
    unsplit(&[p[0].clone(), p[1].clone(), url, p[4].clone(), p[5].clone()])
}

/// The `url` and `scheme` arguments of `urlsplit`/`urlparse`, coerced.
fn url_scheme_args(fname: &str, url: Py, scheme: Option<Py>, hashable: bool) -> PyResult<(String, String, bool)> {
    let scheme = scheme.unwrap_or_else(|| Py::str(""));
    if hashable {
        // `urlsplit` is an `lru_cache` wrapper: its arguments are hashed first.
        Key::new(url.clone())?;
        Key::new(scheme.clone())?;
    }
    let _ = fname;
    let (parts, bytes) = coerce(&[url, scheme.clone()])?;
    let url = parts[0].clone().unwrap_or_default();
    let scheme = match &parts[1] {
        Some(s) => s.clone(),
        None => {
            return Err(match scheme {
                Py::Bytes(_) => type_err("a bytes-like object is required, not 'str'"),
                other => PyErr::msg(
                    &exc::ATTRIBUTE_ERROR,
                    format!("'{}' object has no attribute 'strip'", other.type_name()),
                ),
            })
        }
    };
    Ok((url, scheme, bytes))
}

/// `urllib.parse.urlsplit(url, scheme='', allow_fragments=True)`
pub fn urlsplit(a: Args) -> PyResult<Py> {
    let [url, scheme, frags] = a.bind_def("urlsplit", ["url", "scheme", "allow_fragments"], [false, true, true], 3, 0)?;
    if let Some(f) = &frags {
        Key::new(f.clone())?;
    }
    let (url, scheme, bytes) = url_scheme_args("urlsplit", url.unwrap(), scheme, true)?;
    let parts = split(&url, &scheme, frags.is_none_or(|f| f.truthy()))?;
    make_text_result(Kind::Split, bytes, parts)
}

/// `urllib.parse.urlparse(url, scheme='', allow_fragments=True)`
pub fn urlparse(a: Args) -> PyResult<Py> {
    let [url, scheme, frags] = a.bind_def("urlparse", ["url", "scheme", "allow_fragments"], [false, true, true], 3, 0)?;
    let (url, scheme, bytes) = url_scheme_args("urlparse", url.unwrap(), scheme, false)?;
    if let Some(f) = &frags {
        // `urlparse` calls the `lru_cache`d `urlsplit`, which hashes its arguments.
        Key::new(f.clone())?;
    }
    let parts = parse(&url, &scheme, frags.is_none_or(|f| f.truthy()))?;
    make_text_result(Kind::Parse, bytes, parts)
}

/// The components of `urlunsplit`/`urlunparse`: `n` of them, coerced as CPython does
/// (`scheme, ..., _coerce_result = _coerce_args(*components)`).
fn components(v: &Py, n: usize) -> PyResult<(Vec<String>, bool)> {
    let it = v.iter().map_err(|e| {
        if e.is_instance("TypeError") {
            type_err(format!(
                "urllib.parse._coerce_args() argument after * must be an iterable, not {}",
                v.type_name()
            ))
        } else {
            e
        }
    })?;
    let items: Vec<Py> = it.collect::<PyResult<_>>()?;
    let (parts, bytes) = coerce(&items)?;
    let got = parts.len() + 1;
    if got > n + 1 {
        return Err(value_err(format!("too many values to unpack (expected {})", n + 1)));
    }
    if got < n + 1 {
        return Err(value_err(format!("not enough values to unpack (expected {}, got {got})", n + 1)));
    }
    Ok((parts.into_iter().map(Option::unwrap_or_default).collect(), bytes))
}

/// `urllib.parse.urlunsplit(components)`
pub fn urlunsplit(a: Args) -> PyResult<Py> {
    let [c] = a.bind_def("urlunsplit", ["components"], [false], 1, 0)?;
    let (parts, bytes) = components(&c.unwrap(), 5)?;
    Ok(text(unsplit(&parts), bytes))
}

/// `urllib.parse.urlunparse(components)`
pub fn urlunparse(a: Args) -> PyResult<Py> {
    let [c] = a.bind_def("urlunparse", ["components"], [false], 1, 0)?;
    let (parts, bytes) = components(&c.unwrap(), 6)?;
    Ok(text(unparse(&parts), bytes))
}

/// `urllib.parse.urljoin(base, url, allow_fragments=True)`: RFC 3986 resolution as
/// CPython 3.11 does it.
pub fn urljoin(a: Args) -> PyResult<Py> {
    let [base, url, frags] = a.bind_def("urljoin", ["base", "url", "allow_fragments"], [false, false, true], 3, 0)?;
    let (base, url) = (base.unwrap(), url.unwrap());
    if !base.truthy() {
        return Ok(url);
    }
    if !url.truthy() {
        return Ok(base);
    }
    let allow = frags.is_none_or(|f| f.truthy());
    let (parts, bytes) = coerce(&[base, url.clone()])?;
    let base = parts[0].clone().unwrap_or_default();
    let url_text = parts[1].clone().unwrap_or_default();
    let b = parse(&base, "", allow)?;
    let (bscheme, bnetloc, bpath, bparams, bquery) = (&b[0], &b[1], &b[2], &b[3], &b[4]);
    let u = parse(&url_text, bscheme, allow)?;
    let (scheme, mut netloc, mut path, mut params, mut query, fragment) =
        (u[0].clone(), u[1].clone(), u[2].clone(), u[3].clone(), u[4].clone(), u[5].clone());
    let done = |p: Vec<String>| Ok(text(unparse(&p), bytes));
    if scheme != *bscheme || !USES_RELATIVE.contains(&scheme.as_str()) {
        return Ok(text(url_text, bytes));
    }
    if USES_NETLOC.contains(&scheme.as_str()) {
        if !netloc.is_empty() {
            return done(vec![scheme, netloc, path, params, query, fragment]);
        }
        netloc = bnetloc.clone();
    }
    if path.is_empty() && params.is_empty() {
        path = bpath.clone();
        params = bparams.clone();
        if query.is_empty() {
            query = bquery.clone();
        }
        return done(vec![scheme, netloc, path, params, query, fragment]);
    }
    let mut base_parts: Vec<&str> = bpath.split('/').collect();
    if base_parts.last() != Some(&"") {
        // The last item is not a directory: it does not take part in the resolution.
        base_parts.pop();
    }
    let segments: Vec<&str> = if path.starts_with('/') {
        path.split('/').collect()
    } else {
        let mut s: Vec<&str> = base_parts;
        s.extend(path.split('/'));
        // Drop empty inner segments (they would make redundant slashes).
        if s.len() > 2 {
            let last = s.len() - 1;
            let inner: Vec<&str> = s[1..last].iter().copied().filter(|x| !x.is_empty()).collect();
            let mut joined = vec![s[0]];
            joined.extend(inner);
            joined.push(s[last]);
            s = joined;
        }
        s
    };
    let mut resolved: Vec<&str> = Vec::new();
    for seg in &segments {
        match *seg {
            ".." => {
                resolved.pop();
            }
            "." => {}
            other => resolved.push(other),
        }
    }
    if matches!(segments.last(), Some(&".") | Some(&"..")) {
        // A trailing relative directory keeps its slash.
        resolved.push("");
    }
    let mut joined = resolved.join("/");
    if joined.is_empty() {
        joined = "/".to_string();
    }
    done(vec![scheme, netloc, joined, params, query, fragment])
}

/// `urllib.parse.urldefrag(url)`
pub fn urldefrag(a: Args) -> PyResult<Py> {
    let [url] = a.bind_def("urldefrag", ["url"], [false], 1, 0)?;
    let (parts, bytes) = coerce(&[url.unwrap()])?;
    let url = parts[0].clone().unwrap_or_default();
    let (defrag, frag) = if url.contains('#') {
        let p = parse(&url, "", true)?;
        let frag = p[5].clone();
        (unparse(&[p[0].clone(), p[1].clone(), p[2].clone(), p[3].clone(), p[4].clone(), String::new()]), frag)
    } else {
        (url, String::new())
    };
    make_text_result(Kind::Defrag, bytes, vec![defrag, frag])
}
