//! `uuid`: `uuid4()` (random, from the OS), `UUID(hex)` parsing, `str`, `.hex`, `int`,
//! `version`, `==`/hashing; like CPython, UUIDs are not JSON serializable.

use std::any::Any;
use std::rc::Rc;

use super::format::{type_err, value_err};
use super::value::*;

pub struct Uuid(pub u128);

impl Uuid {
    fn hex(&self) -> String {
        format!("{:032x}", self.0)
    }
    fn text(&self) -> String {
        let h = self.hex();
        format!("{}-{}-{}-{}-{}", &h[0..8], &h[8..12], &h[12..16], &h[16..20], &h[20..32])
    }
}

impl Object for Uuid {
    fn type_name(&self) -> &str {
        "UUID"
    }
    fn getattr(&self, _this: &Py, name: &str) -> Option<PyResult<Py>> {
        Some(Ok(match name {
            "hex" => Py::from(self.hex()),
            "int" => super::ops::int_to_py(num_bigint::BigInt::from(self.0)),
            "urn" => Py::from(format!("urn:uuid:{}", self.text())),
            "bytes" => Py::Bytes(Rc::from(self.0.to_be_bytes().to_vec())),
            "version" => {
                if (self.0 >> 62) & 0b11 == 0b10 {
                    Py::Int(((self.0 >> 76) & 0xf) as i64)
                } else {
                    Py::None
                }
            }
            "variant" => Py::str(match (self.0 >> 61) & 0b111 {
                0..=3 => "reserved for NCS compatibility",
                4 | 5 => "specified in RFC 4122",
                6 => "reserved for Microsoft compatibility",
                _ => "reserved for future definition",
            }),
            _ => return None,
        }))
    }
    fn call_method(&self, _this: &Py, _name: &str, _args: Args) -> Option<PyResult<Py>> {
        None
    }
    fn repr(&self) -> String {
        format!("UUID('{}')", self.text())
    }
    fn str(&self) -> String {
        self.text()
    }
    fn eq(&self, other: &dyn Object) -> Option<bool> {
        Some(other.as_any().downcast_ref::<Uuid>().is_some_and(|o| o.0 == self.0))
    }
    fn cmp(&self, other: &dyn Object) -> Option<std::cmp::Ordering> {
        other.as_any().downcast_ref::<Uuid>().map(|o| self.0.cmp(&o.0))
    }
    fn hash(&self) -> Option<u64> {
        Some((self.0 as u64) ^ ((self.0 >> 64) as u64))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `uuid.uuid4()`
pub fn uuid4(a: Args) -> PyResult<Py> {
    a.bind("uuid4", [], 0)?;
    let mut b = [0u8; 16];
    getrandom::getrandom(&mut b).map_err(|e| PyErr::msg(&exc::OS_ERROR, e.to_string()))?;
    let mut v = u128::from_be_bytes(b);
    v &= !(0xc000u128 << 48);
    v |= 0x8000u128 << 48;
    v &= !(0xf000u128 << 64);
    v |= 4u128 << 76;
    Ok(Py::Object(Rc::new(Uuid(v))))
}

/// The class `uuid.UUID(hex=None, bytes=None, ..., int=None)`.
struct Class;

impl Object for Class {
    fn type_name(&self) -> &str {
        "type"
    }
    fn getattr(&self, _this: &Py, name: &str) -> Option<PyResult<Py>> {
        match name {
            "__name__" | "__qualname__" => Some(Ok(Py::str("UUID"))),
            _ => None,
        }
    }
    fn call_method(&self, _this: &Py, name: &str, args: Args) -> Option<PyResult<Py>> {
        match name {
            "__instancecheck__" => Some(args.bind("__instancecheck__", ["instance"], 1).map(|[v]| {
                Py::Bool(matches!(v.unwrap(), Py::Object(o) if o.as_any().downcast_ref::<Uuid>().is_some()))
            })),
            _ => None,
        }
    }
    fn call(&self, args: Args) -> Option<PyResult<Py>> {
        Some((|| {
            let [hex, bytes, _le, _fields, int, version] =
                args.bind("UUID", ["hex", "bytes", "bytes_le", "fields", "int", "version"], 0)?;
            let mut v: u128 = if let Some(h) = hex.filter(|h| !h.is_none()) {
                let s = match &h {
                    Py::Str(s) => s.to_string(),
                    other => return Err(PyErr::msg(&exc::ATTRIBUTE_ERROR, format!("'{}' object has no attribute 'replace'", other.type_name()))),
                };
                let mut t = s.replace("urn:", "").replace("uuid:", "");
                t = t.trim_matches(|c| c == '{' || c == '}').replace('-', "");
                if t.len() != 32 || !t.chars().all(|c| c.is_ascii_hexdigit()) {
                    return Err(value_err("badly formed hexadecimal UUID string"));
                }
                u128::from_str_radix(&t, 16).unwrap()
            } else if let Some(b) = bytes.filter(|b| !b.is_none()) {
                match b {
                    Py::Bytes(b) if b.len() == 16 => u128::from_be_bytes(b[..].try_into().unwrap()),
                    Py::Bytes(_) => return Err(value_err("bytes is not a 16-char string")),
                    other => return Err(type_err(format!("object of type '{}' has no len()", other.type_name()))),
                }
            } else if let Some(i) = int.filter(|i| !i.is_none()) {
                let b = super::ops::int_of(&i).ok_or_else(|| type_err("int must be an integer"))?;
                use num_traits::ToPrimitive;
                b.to_u128().ok_or_else(|| value_err("int is out of range (need a 128-bit value)"))?
            } else {
                return Err(type_err("one of the hex, bytes, bytes_le, fields, or int arguments must be given"));
            };
            if let Some(ver) = version.filter(|v| !v.is_none()) {
                let n = super::ops::index_of(&ver)?;
                if !(1..=5).contains(&n) {
                    return Err(value_err("illegal version number"));
                }
                v &= !(0xc000u128 << 48);
                v |= 0x8000u128 << 48;
                v &= !(0xf000u128 << 64);
                v |= (n as u128) << 76;
            }
            Ok(Py::Object(Rc::new(Uuid(v))))
        })())
    }
    fn repr(&self) -> String {
        "<class 'uuid.UUID'>".into()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `uuid.UUID`
pub fn uuid_type() -> Py {
    Py::Type(TypeRef::Class(Rc::new(Class)))
}
