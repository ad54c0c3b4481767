//! `gzip.compress` / `gzip.decompress`, and `zlib`'s one-shot functions (`decompress` with
//! every `wbits` form, `compress`, `crc32`, `adler32`).
//!
//! `decompress` follows CPython 3.11's `gzip.decompress` exactly: concatenated members,
//! zero padding between members, the header fields, and its errors (`BadGzipFile`,
//! `EOFError`). A corrupt deflate stream raises `zlib.error` with zlib's code -3 but the
//! reason text comes from the Rust inflater and may differ from zlib's.
//!
//! `compress` produces a valid gzip member (header with the current mtime, XFL and OS=255
//! as CPython writes them) that round-trips through any gzip reader; the deflate bytes
//! themselves need not match zlib's byte for byte.

use std::io::Write;
use std::rc::Rc;

use flate2::{Compress, Compression, Crc, Decompress, FlushCompress, FlushDecompress, Status};

use super::format::type_err;
use super::value::*;

use super::value::exc::ZLIB_ERROR;

fn eof() -> PyErr {
    PyErr::msg(&exc::EOF_ERROR, "Compressed file ended before the end-of-stream marker was reached")
}

fn bad(msg: impl AsRef<str>) -> PyErr {
    PyErr::msg(&exc::BAD_GZIP_FILE, msg)
}

fn data_arg(v: &Py) -> PyResult<Vec<u8>> {
    match v {
        Py::Bytes(b) => Ok(b.to_vec()),
        other => Err(type_err(format!("a bytes-like object is required, not '{}'", other.type_name()))),
    }
}

/// Parse one member header at `pos`; `Ok(None)` at end of data.
fn read_header(data: &[u8], pos: usize) -> PyResult<Option<usize>> {
    let rest = &data[pos..];
    if rest.is_empty() {
        return Ok(None);
    }
    let magic = &rest[..rest.len().min(2)];
    if magic != b"\x1f\x8b" {
        return Err(bad(format!("Not a gzipped file ({})", super::repr::bytes_repr(magic))));
    }
    let mut p = 2;
    let take = |p: &mut usize, n: usize| -> PyResult<&[u8]> {
        if *p + n > rest.len() {
            return Err(eof());
        }
        let s = &rest[*p..*p + n];
        *p += n;
        Ok(s)
    };
    let hdr = take(&mut p, 8)?;
    let (method, flag) = (hdr[0], hdr[1]);
    if method != 8 {
        return Err(bad("Unknown compression method"));
    }
    if flag & 4 != 0 {
        let l = take(&mut p, 2)?;
        let n = u16::from_le_bytes([l[0], l[1]]) as usize;
        take(&mut p, n)?;
    }
    for bit in [8u8, 16] {
        if flag & bit != 0 {
            loop {
                if p >= rest.len() {
                    break;
                }
                let c = rest[p];
                p += 1;
                if c == 0 {
                    break;
                }
            }
        }
    }
    if flag & 2 != 0 {
        take(&mut p, 2)?;
    }
    Ok(Some(pos + p))
}

/// zlib's wording for the most common corruptions, read off the first block header
/// (the Rust inflater does not say why it failed).
fn zlib_reason(deflate: &[u8]) -> &'static str {
    if let Some(&b0) = deflate.first() {
        match (b0 >> 1) & 3 {
            3 => return "invalid block type",
            0 if deflate.len() >= 5 => {
                let len = u16::from_le_bytes([deflate[1], deflate[2]]);
                let nlen = u16::from_le_bytes([deflate[3], deflate[4]]);
                if len != !nlen {
                    return "invalid stored block lengths";
                }
            }
            _ => {}
        }
    }
    "invalid data"
}

/// Decompress gzip data (all members).
pub fn decompress_bytes(data: &[u8]) -> PyResult<Vec<u8>> {
    let mut out = Vec::new();
    let mut pos = 0;
    loop {
        let start = match read_header(data, pos)? {
            None => return Ok(out),
            Some(s) => s,
        };
        let mut d = Decompress::new(false);
        let mut member = Vec::with_capacity((data.len() - start) * 3 + 64);
        let input = &data[start..];
        let ended = loop {
            if member.capacity() - member.len() < 4096 {
                member.reserve(member.capacity().max(4096));
            }
            let (in0, out0) = (d.total_in(), d.total_out());
            let status = d
                .decompress_vec(&input[in0 as usize..], &mut member, FlushDecompress::None)
                .map_err(|_| {
                    PyErr::msg(&ZLIB_ERROR, format!("Error -3 while decompressing data: {}", zlib_reason(input)))
                })?;
            if status == Status::StreamEnd {
                break true;
            }
            if d.total_in() == in0 && d.total_out() == out0 {
                break false;
            }
        };
        let used = d.total_in() as usize;
        let unused = &input[used..];
        if !ended || unused.len() < 8 {
            return Err(eof());
        }
        let crc = u32::from_le_bytes([unused[0], unused[1], unused[2], unused[3]]);
        let len = u32::from_le_bytes([unused[4], unused[5], unused[6], unused[7]]);
        let mut c = Crc::new();
        c.update(&member);
        if crc != c.sum() {
            return Err(bad("CRC check failed"));
        }
        if len != member.len() as u32 {
            return Err(bad("Incorrect length of data produced"));
        }
        out.extend_from_slice(&member);
        pos = start + used + 8;
        while pos < data.len() && data[pos] == 0 {
            pos += 1;
        }
    }
}

/// A raw deflate stream of `data` at `level`.
fn deflate_raw(data: &[u8], level: u32) -> Vec<u8> {
    let mut c = Compress::new(Compression::new(level), false);
    let mut body = Vec::with_capacity(data.len() / 2 + 64);
    loop {
        if body.capacity() - body.len() < 1024 {
            body.reserve(body.capacity().max(1024));
        }
        let consumed = c.total_in() as usize;
        match c.compress_vec(&data[consumed..], &mut body, FlushCompress::Finish) {
            Ok(Status::StreamEnd) => break,
            Ok(_) => continue,
            Err(_) => break,
        }
    }
    body
}

/// Compress to one gzip member.
pub fn compress_bytes(data: &[u8], level: u32, mtime: u32) -> Vec<u8> {
    let xfl = match level {
        9 => 2,
        1 => 4,
        _ => 0,
    };
    let mut out = vec![0x1f, 0x8b, 8, 0];
    out.extend_from_slice(&mtime.to_le_bytes());
    out.push(xfl);
    out.push(255);
    let body = deflate_raw(data, level);
    let _ = out.write_all(&body);
    let mut crc = Crc::new();
    crc.update(data);
    out.extend_from_slice(&crc.sum().to_le_bytes());
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out
}

/// `gzip.decompress(data)`
pub fn decompress(a: Args) -> PyResult<Py> {
    let [data] = a.bind("decompress", ["data"], 1)?;
    let data = data_arg(&data.unwrap())?;
    Ok(Py::Bytes(Rc::from(decompress_bytes(&data)?)))
}

/// `gzip.compress(data, compresslevel=9, *, mtime=None)`
pub fn compress(a: Args) -> PyResult<Py> {
    if a.pos.len() > 2 {
        return Err(type_err(format!("compress() takes from 1 to 2 positional arguments but {} were given", a.pos.len())));
    }
    let [data, level, mtime] = a.bind("compress", ["data", "compresslevel", "mtime"], 1)?;
    let data = data_arg(&data.unwrap())?;
    let level = match level {
        None => 9,
        Some(Py::Int(n)) if (-1..=9).contains(&n) => {
            if n == -1 {
                6
            } else {
                n as u32
            }
        }
        Some(Py::Int(_)) => return Err(PyErr::msg(&ZLIB_ERROR, "Bad compression level")),
        Some(other) => {
            return Err(type_err(format!("'{}' object cannot be interpreted as an integer", other.type_name())))
        }
    };
    let mtime = match mtime {
        None | Some(Py::None) => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as u32)
            .unwrap_or(0),
        Some(Py::Int(n)) => n as u32,
        Some(Py::Float(f)) => f as u32,
        Some(other) => {
            return Err(type_err(format!("'{}' object cannot be interpreted as an integer", other.type_name())))
        }
    };
    Ok(Py::Bytes(Rc::from(compress_bytes(&data, level, mtime))))
}

// ---------------------------------------------------------------------------------------
// zlib
// ---------------------------------------------------------------------------------------

fn zlib_error(msg: impl AsRef<str>) -> PyErr {
    PyErr::msg(&ZLIB_ERROR, msg)
}

/// Inflate a zlib (`zlib_header`) or raw deflate stream; data after its end is ignored.
fn inflate(input: &[u8], zlib_header: bool) -> PyResult<Vec<u8>> {
    let mut d = Decompress::new(zlib_header);
    let mut out = Vec::with_capacity(input.len() * 3 + 64);
    loop {
        if out.capacity() - out.len() < 4096 {
            out.reserve(out.capacity().max(4096));
        }
        let (in0, out0) = (d.total_in(), d.total_out());
        let status = d.decompress_vec(&input[in0 as usize..], &mut out, FlushDecompress::None).map_err(|_| {
            let reason = if zlib_header && (input.len() < 2 || (u16::from(input[0]) << 8 | u16::from(input[1])) % 31 != 0 || input[0] & 0x0f != 8) {
                "incorrect header check"
            } else {
                zlib_reason(input)
            };
            zlib_error(format!("Error -3 while decompressing data: {reason}"))
        })?;
        if status == Status::StreamEnd {
            return Ok(out);
        }
        if d.total_in() == in0 && d.total_out() == out0 {
            return Err(zlib_error("Error -5 while decompressing data: incomplete or truncated stream"));
        }
    }
}

/// `zlib.decompress(data, /, wbits=15, bufsize=16384)`: zlib (8..15), raw deflate (-8..-15),
/// gzip (24..31) or either of zlib/gzip by header (40..47).
pub fn zlib_decompress(a: Args) -> PyResult<Py> {
    let [data, wbits, _bufsize] = a.bind("decompress", ["data", "wbits", "bufsize"], 1)?;
    let data = data_arg(&data.unwrap_or(Py::None))?;
    let wbits = match wbits {
        None => 15,
        Some(Py::Int(n)) => n,
        Some(other) => return Err(type_err(format!("'{}' object cannot be interpreted as an integer", other.type_name()))),
    };
    let gzip = |data: &[u8]| -> PyResult<Vec<u8>> {
        let start = match read_header(data, 0) {
            Ok(Some(start)) => start,
            Ok(None) => return Err(zlib_error("Error -5 while decompressing data: incomplete or truncated stream")),
            Err(_) => return Err(zlib_error("Error -3 while decompressing data: incorrect header check")),
        };
        inflate(&data[start..], false)
    };
    let out = match wbits {
        0 | 8..=15 => inflate(&data, true)?,
        -15..=-8 => inflate(&data, false)?,
        24..=31 => gzip(&data)?,
        40..=47 if data.starts_with(&[0x1f, 0x8b]) => gzip(&data)?,
        40..=47 => inflate(&data, true)?,
        _ => return Err(zlib_error("Error -2 while preparing to decompress data: inconsistent stream state")),
    };
    Ok(Py::Bytes(Rc::from(out)))
}

/// `zlib.compress(data, /, level=-1, wbits=15)`: a zlib stream (header, deflate, Adler-32).
pub fn zlib_compress(a: Args) -> PyResult<Py> {
    let [data, level, wbits] = a.bind("compress", ["data", "level", "wbits"], 1)?;
    let data = data_arg(&data.unwrap_or(Py::None))?;
    let level = match level {
        None | Some(Py::Int(-1)) => 6,
        Some(Py::Int(n)) if (0..=9).contains(&n) => n as u32,
        Some(Py::Int(_)) => return Err(zlib_error("Bad compression level")),
        Some(other) => return Err(type_err(format!("'{}' object cannot be interpreted as an integer", other.type_name()))),
    };
    let body = deflate_raw(&data, level);
    let out = match wbits {
        Some(Py::Int(n)) if (-15..=-9).contains(&n) => body,
        Some(Py::Int(n)) if (25..=31).contains(&n) => compress_bytes(&data, level, 0),
        _ => {
            let flevel: u8 = match level {
                0 | 1 => 0,
                2..=5 => 1,
                6 => 2,
                _ => 3,
            };
            let cmf = 0x78u8;
            let mut flg = flevel << 6;
            flg += (31 - ((u16::from(cmf) << 8 | u16::from(flg)) % 31)) as u8 % 31;
            let mut out = vec![cmf, flg];
            out.extend_from_slice(&body);
            out.extend_from_slice(&adler32_of(&data, 1).to_be_bytes());
            out
        }
    };
    Ok(Py::Bytes(Rc::from(out)))
}

fn adler32_of(data: &[u8], start: u32) -> u32 {
    let (mut a, mut b) = (start & 0xffff, start >> 16);
    for chunk in data.chunks(5552) {
        for &byte in chunk {
            a += u32::from(byte);
            b += a;
        }
        a %= 65521;
        b %= 65521;
    }
    (b << 16) | a
}

fn crc32_of(data: &[u8], start: u32) -> u32 {
    let mut crc = !start;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

fn checksum(a: Args, name: &str, initial: u32, f: fn(&[u8], u32) -> u32) -> PyResult<Py> {
    let [data, value] = a.bind(name, ["data", "value"], 1)?;
    let data = data_arg(&data.unwrap_or(Py::None))?;
    let start = match value {
        None => initial,
        Some(v) => (super::ops::int_of(&v).ok_or_else(|| type_err(format!("'{}' object cannot be interpreted as an integer", v.type_name())))? & num_bigint::BigInt::from(0xffff_ffffu32))
            .try_into()
            .unwrap_or(0),
    };
    Ok(Py::Int(i64::from(f(&data, start))))
}

/// `zlib.crc32(data, value=0)`
pub fn crc32(a: Args) -> PyResult<Py> {
    checksum(a, "crc32", 0, crc32_of)
}

/// `zlib.adler32(data, value=1)`
pub fn adler32(a: Args) -> PyResult<Py> {
    checksum(a, "adler32", 1, adler32_of)
}
