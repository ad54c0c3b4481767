//! `uuid`: `uuid4()` (random, from the OS), `uuid3`/`uuid5` (name-based, MD5/SHA-1), the
//! `NAMESPACE_*` constants, `UUID(hex)` parsing, `str`, `.hex`, `int`, `version`,
//! `==`/hashing; like CPython, UUIDs are not JSON serializable.

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

/// A UUID from 16 digest bytes with the RFC 4122 variant and `version` set
/// (`UUID(bytes=digest[:16], version=version)`).
fn from_digest(digest: &[u8], version: u128) -> Py {
    let mut v = u128::from_be_bytes(digest[..16].try_into().unwrap());
    v &= !(0xc000u128 << 48);
    v |= 0x8000u128 << 48;
    v &= !(0xf000u128 << 64);
    v |= version << 76;
    Py::Object(Rc::new(Uuid(v)))
}

/// `namespace.bytes + bytes(name, "utf-8")`, with CPython's errors.
fn name_based_input(namespace: &Py, name: &Py) -> PyResult<Vec<u8>> {
    let ns = namespace.getattr("bytes")?;
    let Py::Str(name) = name else {
        return Err(type_err("encoding without a string argument"));
    };
    match ns.add(&Py::Bytes(Rc::from(name.as_bytes())))? {
        Py::Bytes(b) => Ok(b.to_vec()),
        other => Err(type_err(format!("object supporting the buffer API required (got '{}')", other.type_name()))),
    }
}

/// `uuid.uuid3(namespace, name)`: from the MD5 hash of the namespace and the name.
pub fn uuid3(a: Args) -> PyResult<Py> {
    let [ns, name] = a.bind_def("uuid3", ["namespace", "name"], [false, false], 2, 0)?;
    let data = name_based_input(&ns.unwrap(), &name.unwrap())?;
    use md5::Digest;
    Ok(from_digest(&md5::Md5::digest(&data), 3))
}

/// `uuid.uuid5(namespace, name)`: from the SHA-1 hash of the namespace and the name.
pub fn uuid5(a: Args) -> PyResult<Py> {
    let [ns, name] = a.bind_def("uuid5", ["namespace", "name"], [false, false], 2, 0)?;
    let data = name_based_input(&ns.unwrap(), &name.unwrap())?;
    use sha1::Digest;
    Ok(from_digest(&sha1::Sha1::digest(&data), 5))
}

/// `uuid.NAMESPACE_DNS`
pub fn namespace_dns() -> Py {
    Py::Object(Rc::new(Uuid(0x6ba7b810_9dad_11d1_80b4_00c04fd430c8)))
}

/// `uuid.NAMESPACE_URL`
pub fn namespace_url() -> Py {
    Py::Object(Rc::new(Uuid(0x6ba7b811_9dad_11d1_80b4_00c04fd430c8)))
}

/// `uuid.NAMESPACE_OID`
pub fn namespace_oid() -> Py {
    Py::Object(Rc::new(Uuid(0x6ba7b812_9dad_11d1_80b4_00c04fd430c8)))
}

/// `uuid.NAMESPACE_X500`
pub fn namespace_x500() -> Py {
    Py::Object(Rc::new(Uuid(0x6ba7b814_9dad_11d1_80b4_00c04fd430c8)))
}
