//! `hashlib` (md5, sha1, sha224, sha256, sha384, sha512) and `hmac` (`new`, `digest`,
//! `compare_digest`), with CPython's argument checks and messages.

use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

use sha2::digest::DynDigest;

use super::format::{type_err, value_err};
use super::value::*;

fn hasher(name: &str) -> Option<Box<dyn DynDigest>> {
    Some(match name {
        "md5" => Box::new(md5::Md5::default()),
        "sha1" => Box::new(sha1::Sha1::default()),
        "sha224" => Box::new(sha2::Sha224::default()),
        "sha256" => Box::new(sha2::Sha256::default()),
        "sha384" => Box::new(sha2::Sha384::default()),
        "sha512" => Box::new(sha2::Sha512::default()),
        _ => return None,
    })
}

fn block_size(name: &str) -> usize {
    match name {
        "sha384" | "sha512" => 128,
        _ => 64,
    }
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// Bytes-like data to hash: `str` is refused as CPython does.
fn data_of(v: &Py) -> PyResult<Vec<u8>> {
    match v {
        Py::Bytes(b) => Ok(b.to_vec()),
        Py::Str(_) => Err(type_err("Strings must be encoded before hashing")),
        other => Err(type_err(format!("object supporting the buffer API required (got '{}')", other.type_name()))),
    }
}

/// A hash object (`hashlib.sha256()`).
pub struct Hash {
    name: &'static str,
    state: RefCell<Box<dyn DynDigest>>,
}

impl Hash {
    fn digest(&self) -> Vec<u8> {
        self.state.borrow().box_clone().finalize().to_vec()
    }
}

impl Object for Hash {
    fn type_name(&self) -> &str {
        "HASH"
    }
    fn getattr(&self, this: &Py, name: &str) -> Option<PyResult<Py>> {
        Some(Ok(match name {
            "name" => Py::str(self.name),
            "digest_size" => Py::Int(self.state.borrow().output_size() as i64),
            "block_size" => Py::Int(block_size(self.name) as i64),
            "update" | "digest" | "hexdigest" | "copy" => {
                this.bound_method(name)
            }
            _ => return None,
        }))
    }
    fn call_method(&self, _this: &Py, name: &str, args: Args) -> Option<PyResult<Py>> {
        Some(match name {
            "update" => (|| {
                let [d] = args.bind("update", ["obj"], 1)?;
                let d = data_of(&d.unwrap())?;
                self.state.borrow_mut().update(&d);
                Ok(Py::None)
            })(),
            "digest" => args.bind("digest", [], 0).map(|_| Py::Bytes(Rc::from(self.digest()))),
            "hexdigest" => args.bind("hexdigest", [], 0).map(|_| Py::from(hex(&self.digest()))),
            "copy" => args.bind("copy", [], 0).map(|_| {
                Py::Object(Rc::new(Hash { name: self.name, state: RefCell::new(self.state.borrow().box_clone()) }))
            }),
            _ => return None,
        })
    }
    fn repr(&self) -> String {
        format!("<{} _hashlib.HASH object>", self.name)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn make(name: &'static str, data: Option<Py>) -> PyResult<Py> {
    let mut state = hasher(name).unwrap();
    if let Some(d) = data {
        state.update(&data_of(&d)?);
    }
    Ok(Py::Object(Rc::new(Hash { name, state: RefCell::new(state) })))
}

fn constructor(name: &'static str, a: Args) -> PyResult<Py> {
    let [d, _usedforsecurity] = a.bind(name, ["string", "usedforsecurity"], 0)?;
    make(name, d)
}

/// `hashlib.md5(data=b'')`
pub fn md5(a: Args) -> PyResult<Py> {
    constructor("md5", a)
}
/// `hashlib.sha1(data=b'')`
pub fn sha1(a: Args) -> PyResult<Py> {
    constructor("sha1", a)
}
/// `hashlib.sha224(data=b'')`
pub fn sha224(a: Args) -> PyResult<Py> {
    constructor("sha224", a)
}
/// `hashlib.sha256(data=b'')`
pub fn sha256(a: Args) -> PyResult<Py> {
    constructor("sha256", a)
}
/// `hashlib.sha384(data=b'')`
pub fn sha384(a: Args) -> PyResult<Py> {
    constructor("sha384", a)
}
/// `hashlib.sha512(data=b'')`
pub fn sha512(a: Args) -> PyResult<Py> {
    constructor("sha512", a)
}

fn canonical(name: &str) -> Option<&'static str> {
    Some(match name.to_ascii_lowercase().replace('-', "").as_str() {
        "md5" => "md5",
        "sha1" => "sha1",
        "sha224" => "sha224",
        "sha256" => "sha256",
        "sha384" => "sha384",
        "sha512" => "sha512",
        _ => return None,
    })
}

/// `hashlib.new(name, data=b'')`
pub fn new(a: Args) -> PyResult<Py> {
    let [n, d, _u] = a.bind("new", ["name", "data", "usedforsecurity"], 1)?;
    let n = match n.unwrap() {
        Py::Str(s) => s,
        other => return Err(type_err(format!("new() argument 'name' must be str, not {}", other.type_name()))),
    };
    match canonical(&n) {
        Some(c) => make(c, d),
        None => Err(value_err(format!("unsupported hash type {n}"))),
    }
}

// ---------------------------------------------------------------------------------------
// hmac
// ---------------------------------------------------------------------------------------

/// The digest name behind a `digestmod` (a name or a hashlib constructor).
fn digest_name(v: &Py) -> PyResult<&'static str> {
    match v {
        Py::Str(s) => canonical(s).ok_or_else(|| value_err(format!("unsupported hash type {s}"))),
        Py::Func(f) => canonical(&f.name).ok_or_else(|| value_err(format!("unsupported hash type {}", f.name))),
        _ => Err(type_err("object supporting the buffer API required")),
    }
}

pub struct Hmac {
    name: &'static str,
    inner: RefCell<Box<dyn DynDigest>>,
    outer: Box<dyn DynDigest>,
}

impl Hmac {
    fn digest(&self) -> Vec<u8> {
        let inner = self.inner.borrow().box_clone().finalize();
        let mut outer = self.outer.box_clone();
        outer.update(&inner);
        outer.finalize().to_vec()
    }
}

fn hmac_make(key: &[u8], name: &'static str) -> Hmac {
    let bs = block_size(name);
    let mut k = key.to_vec();
    if k.len() > bs {
        let mut h = hasher(name).unwrap();
        h.update(&k);
        k = h.finalize().to_vec();
    }
    k.resize(bs, 0);
    let mut inner = hasher(name).unwrap();
    inner.update(&k.iter().map(|b| b ^ 0x36).collect::<Vec<_>>());
    let mut outer = hasher(name).unwrap();
    outer.update(&k.iter().map(|b| b ^ 0x5c).collect::<Vec<_>>());
    Hmac { name, inner: RefCell::new(inner), outer }
}

fn key_of(v: &Py) -> PyResult<Vec<u8>> {
    match v {
        Py::Bytes(b) => Ok(b.to_vec()),
        other => Err(type_err(format!("key: expected bytes or bytearray, but got '{}'", other.type_name()))),
    }
}

impl Object for Hmac {
    fn type_name(&self) -> &str {
        "HMAC"
    }
    fn getattr(&self, this: &Py, name: &str) -> Option<PyResult<Py>> {
        Some(Ok(match name {
            "name" => Py::from(format!("hmac-{}", self.name)),
            "digest_size" => Py::Int(self.outer.output_size() as i64),
            "block_size" => Py::Int(block_size(self.name) as i64),
            "update" | "digest" | "hexdigest" | "copy" => {
                this.bound_method(name)
            }
            _ => return None,
        }))
    }
    fn call_method(&self, _this: &Py, name: &str, args: Args) -> Option<PyResult<Py>> {
        Some(match name {
            "update" => (|| {
                let [d] = args.bind("update", ["msg"], 1)?;
                let d = data_of(&d.unwrap())?;
                self.inner.borrow_mut().update(&d);
                Ok(Py::None)
            })(),
            "digest" => args.bind("digest", [], 0).map(|_| Py::Bytes(Rc::from(self.digest()))),
            "hexdigest" => args.bind("hexdigest", [], 0).map(|_| Py::from(hex(&self.digest()))),
            "copy" => args.bind("copy", [], 0).map(|_| {
                Py::Object(Rc::new(Hmac {
                    name: self.name,
                    inner: RefCell::new(self.inner.borrow().box_clone()),
                    outer: self.outer.box_clone(),
                }))
            }),
            _ => return None,
        })
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `hmac.new(key, msg=None, digestmod=None)`
pub fn hmac_new(a: Args) -> PyResult<Py> {
    let [key, msg, digestmod] = a.bind("new", ["key", "msg", "digestmod"], 1)?;
    let key = key_of(&key.unwrap())?;
    let name = match digestmod {
        None | Some(Py::None) => return Err(type_err("Missing required parameter 'digestmod'.")),
        Some(d) => digest_name(&d)?,
    };
    let h = hmac_make(&key, name);
    if let Some(m) = msg {
        if !m.is_none() {
            h.inner.borrow_mut().update(&data_of(&m)?);
        }
    }
    Ok(Py::Object(Rc::new(h)))
}

/// `hmac.digest(key, msg, digest)`
pub fn hmac_digest(a: Args) -> PyResult<Py> {
    let [key, msg, digest] = a.bind("digest", ["key", "msg", "digest"], 3)?;
    let key = key_of(&key.unwrap())?;
    let h = hmac_make(&key, digest_name(&digest.unwrap())?);
    h.inner.borrow_mut().update(&data_of(&msg.unwrap())?);
    Ok(Py::Bytes(Rc::from(h.digest())))
}

/// `hmac.compare_digest(a, b)`
pub fn compare_digest(a: Args) -> PyResult<Py> {
    let [x, y] = a.bind("compare_digest", ["a", "b"], 2)?;
    match (x.unwrap(), y.unwrap()) {
        (Py::Str(a), Py::Str(b)) => {
            if !a.is_ascii() || !b.is_ascii() {
                return Err(type_err("comparing strings with non-ASCII characters is not supported"));
            }
            Ok(Py::Bool(a.as_bytes() == b.as_bytes()))
        }
        (Py::Bytes(a), Py::Bytes(b)) => Ok(Py::Bool(a == b)),
        (Py::Bytes(_), o) | (o, Py::Bytes(_)) => {
            Err(type_err(format!("a bytes-like object is required, not '{}'", o.type_name())))
        }
        (a, b) => Err(type_err(format!(
            "unsupported operand types(s) or combination of types: '{}' and '{}'",
            a.type_name(),
            b.type_name()
        ))),
    }
}
