//! The `base64` module (standard and URL-safe alphabets), decoding like CPython's
//! `binascii.a2b_base64` including its non-strict mode and its exact errors.

use std::rc::Rc;

use super::format::type_err;
use super::value::*;

const STD: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn binascii_err(msg: impl AsRef<str>) -> PyErr {
    PyErr::msg(&exc::BINASCII_ERROR, msg)
}

/// `_bytes_from_decode_data(s)`: str (ASCII only) or bytes.
fn decode_data(s: &Py) -> PyResult<Vec<u8>> {
    match s {
        Py::Str(t) => {
            if !t.is_ascii() {
                return Err(PyErr::msg(&exc::VALUE_ERROR, "string argument should contain only ASCII characters"));
            }
            Ok(t.as_bytes().to_vec())
        }
        Py::Bytes(b) => Ok(b.to_vec()),
        other => Err(type_err(format!(
            "argument should be a bytes-like object or ASCII string, not '{}'",
            other.type_name()
        ))),
    }
}

fn bytes_like(s: &Py) -> PyResult<Vec<u8>> {
    match s {
        Py::Bytes(b) => Ok(b.to_vec()),
        other => Err(type_err(format!("a bytes-like object is required, not '{}'", other.type_name()))),
    }
}

fn bytes(v: Vec<u8>) -> Py {
    Py::Bytes(Rc::from(v))
}

/// `binascii.b2a_base64(data, newline=False)`
pub fn encode_bytes(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = ((b[0] as u32) << 16) | ((b[1] as u32) << 8) | b[2] as u32;
        out.push(STD[(n >> 18) as usize & 63]);
        out.push(STD[(n >> 12) as usize & 63]);
        out.push(if chunk.len() > 1 { STD[(n >> 6) as usize & 63] } else { b'=' });
        out.push(if chunk.len() > 2 { STD[n as usize & 63] } else { b'=' });
    }
    out
}

fn table(c: u8) -> Option<u8> {
    match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

/// `binascii.a2b_base64(data, strict_mode=strict)` (CPython 3.11).
pub fn decode_bytes(data: &[u8], strict: bool) -> PyResult<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len() / 4 * 3);
    let mut quad_pos = 0;
    let mut leftchar: u32 = 0;
    let mut pads = 0;
    let mut padding_started = false;
    if strict && !data.is_empty() && data[0] == b'=' {
        return Err(binascii_err("Leading padding not allowed"));
    }
    for (i, &ch) in data.iter().enumerate() {
        if ch == b'=' {
            padding_started = true;
            if strict && quad_pos == 0 {
                return Err(binascii_err("Excess padding not allowed"));
            }
            if quad_pos >= 2 {
                pads += 1;
                if quad_pos + pads >= 4 {
                    if strict && i + 1 < data.len() {
                        return Err(binascii_err("Excess data after padding"));
                    }
                    return Ok(out);
                }
            }
            continue;
        }
        let v = match table(ch) {
            Some(v) => v as u32,
            None => {
                if strict {
                    return Err(binascii_err("Only base64 data is allowed"));
                }
                continue;
            }
        };
        if strict && padding_started {
            return Err(binascii_err("Discontinuous padding not allowed"));
        }
        pads = 0;
        match quad_pos {
            0 => {
                quad_pos = 1;
                leftchar = v;
            }
            1 => {
                quad_pos = 2;
                out.push(((leftchar << 2) | (v >> 4)) as u8);
                leftchar = v & 0x0f;
            }
            2 => {
                quad_pos = 3;
                out.push(((leftchar << 4) | (v >> 2)) as u8);
                leftchar = v & 0x03;
            }
            _ => {
                quad_pos = 0;
                out.push(((leftchar << 6) | v) as u8);
                leftchar = 0;
            }
        }
    }
    if quad_pos != 0 {
        if quad_pos == 1 {
            return Err(binascii_err(format!(
                "Invalid base64-encoded string: number of data characters ({}) cannot be 1 more than a multiple of 4",
                out.len() / 3 * 4 + 1
            )));
        }
        return Err(binascii_err("Incorrect padding"));
    }
    Ok(out)
}

fn translate(data: &mut [u8], from: &[u8], to: &[u8]) {
    for b in data.iter_mut() {
        if let Some(i) = from.iter().position(|f| f == b) {
            *b = to[i];
        }
    }
}

/// `base64.b64encode(s, altchars=None)`
pub fn b64encode(a: Args) -> PyResult<Py> {
    let [s, altchars] = a.bind("b64encode", ["s", "altchars"], 1)?;
    let data = bytes_like(&s.unwrap())?;
    let mut out = encode_bytes(&data);
    if let Some(alt) = altchars.filter(|v| !v.is_none()) {
        let alt = bytes_like(&alt)?;
        if alt.len() != 2 {
            return Err(PyErr::new(&exc::ASSERTION_ERROR, vec![Py::str(&super::repr::bytes_repr(&alt))]));
        }
        translate(&mut out, b"+/", &alt);
    }
    Ok(bytes(out))
}

/// `base64.b64decode(s, altchars=None, validate=False)`
pub fn b64decode(a: Args) -> PyResult<Py> {
    let [s, altchars, validate] = a.bind("b64decode", ["s", "altchars", "validate"], 1)?;
    let mut data = decode_data(&s.unwrap())?;
    if let Some(alt) = altchars.filter(|v| !v.is_none()) {
        let alt = decode_data(&alt)?;
        if alt.len() != 2 {
            return Err(PyErr::new(&exc::ASSERTION_ERROR, vec![Py::str(&super::repr::bytes_repr(&alt))]));
        }
        translate(&mut data, &alt, b"+/");
    }
    let strict = validate.map(|v| v.truthy()).unwrap_or(false);
    Ok(bytes(decode_bytes(&data, strict)?))
}

/// `base64.standard_b64encode(s)`
pub fn standard_b64encode(a: Args) -> PyResult<Py> {
    let [s] = a.bind("standard_b64encode", ["s"], 1)?;
    Ok(bytes(encode_bytes(&bytes_like(&s.unwrap())?)))
}

/// `base64.standard_b64decode(s)`
pub fn standard_b64decode(a: Args) -> PyResult<Py> {
    let [s] = a.bind("standard_b64decode", ["s"], 1)?;
    Ok(bytes(decode_bytes(&decode_data(&s.unwrap())?, false)?))
}

/// `base64.urlsafe_b64encode(s)`
pub fn urlsafe_b64encode(a: Args) -> PyResult<Py> {
    let [s] = a.bind("urlsafe_b64encode", ["s"], 1)?;
    let mut out = encode_bytes(&bytes_like(&s.unwrap())?);
    translate(&mut out, b"+/", b"-_");
    Ok(bytes(out))
}

/// `base64.urlsafe_b64decode(s)`
pub fn urlsafe_b64decode(a: Args) -> PyResult<Py> {
    let [s] = a.bind("urlsafe_b64decode", ["s"], 1)?;
    let mut data = decode_data(&s.unwrap())?;
    translate(&mut data, b"-_", b"+/");
    Ok(bytes(decode_bytes(&data, false)?))
}
