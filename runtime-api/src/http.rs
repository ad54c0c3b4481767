//! Just enough HTTP/1.1 server side for the Lambda Runtime API: keep-alive, `Content-Length`
//! and chunked request bodies (with trailers), `Expect: 100-continue`.

use std::collections::HashMap;
use std::io::{self, BufRead, Read, Write};

/// Upper bound for the request line plus headers (and for chunked trailers).
const MAX_HEAD: usize = 64 * 1024;
/// Upper bound for a request body: Lambda's own limit for a response is 6 MB (20 MB streamed).
const MAX_BODY: usize = 32 * 1024 * 1024;

#[derive(Debug)]
pub(crate) struct Request {
    pub method: String,
    /// The path without the query string.
    pub path: String,
    pub http10: bool,
    /// Header names lower-cased; a repeated header keeps its last value.
    pub headers: HashMap<String, String>,
    /// Chunked trailers, names lower-cased.
    pub trailers: HashMap<String, String>,
    pub body: Vec<u8>,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(String::as_str)
    }

    /// A trailer, or else a header of the same name.
    pub fn trailer_or_header(&self, name: &str) -> Option<&str> {
        self.trailers.get(name).or_else(|| self.headers.get(name)).map(String::as_str)
    }

    pub fn keep_alive(&self) -> bool {
        let conn = self.header("connection").unwrap_or("").to_ascii_lowercase();
        if self.http10 {
            conn.contains("keep-alive")
        } else {
            !conn.contains("close")
        }
    }
}

fn bad(msg: impl Into<String>) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, msg.into())
}

/// Reads one CRLF (or LF) terminated line, without the terminator. `Ok(None)` on EOF before any byte.
fn read_line(r: &mut impl BufRead, budget: &mut usize) -> io::Result<Option<String>> {
    let mut buf = Vec::new();
    let n = r.by_ref().take(*budget as u64 + 1).read_until(b'\n', &mut buf)?;
    if n == 0 {
        return Ok(None);
    }
    if n > *budget {
        return Err(bad("request head too large"));
    }
    *budget -= n;
    if buf.last() != Some(&b'\n') {
        return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "connection closed mid-line"));
    }
    buf.pop();
    if buf.last() == Some(&b'\r') {
        buf.pop();
    }
    String::from_utf8(buf).map(Some).map_err(|_| bad("non-UTF-8 header line"))
}

fn read_fields(r: &mut impl BufRead, budget: &mut usize, into: &mut HashMap<String, String>) -> io::Result<()> {
    loop {
        let line = read_line(r, budget)?.ok_or_else(|| bad("EOF in headers"))?;
        if line.is_empty() {
            return Ok(());
        }
        let (name, value) = line.split_once(':').ok_or_else(|| bad(format!("bad header line {line:?}")))?;
        into.insert(name.trim().to_ascii_lowercase(), value.trim().to_string());
    }
}

/// Reads the next request from a keep-alive connection. `Ok(None)` when the peer closed the
/// connection cleanly between requests. `w` is used only to send `100 Continue`.
pub(crate) fn read_request(r: &mut impl BufRead, w: &mut impl Write) -> io::Result<Option<Request>> {
    let mut budget = MAX_HEAD;
    // RFC 9112 2.2: ignore at least one empty line before the request line.
    let line = loop {
        match read_line(r, &mut budget)? {
            None => return Ok(None),
            Some(l) if l.is_empty() => continue,
            Some(l) => break l,
        }
    };
    let mut parts = line.split_whitespace();
    let (method, target, version) = match (parts.next(), parts.next(), parts.next()) {
        (Some(m), Some(t), Some(v)) => (m.to_string(), t, v),
        _ => return Err(bad(format!("bad request line {line:?}"))),
    };
    if !version.starts_with("HTTP/1.") {
        return Err(bad(format!("unsupported HTTP version {version}")));
    }
    let http10 = version == "HTTP/1.0";
    let path = target.split('?').next().unwrap_or("").to_string();
    let mut headers = HashMap::new();
    read_fields(r, &mut budget, &mut headers)?;

    if headers.get("expect").is_some_and(|e| e.eq_ignore_ascii_case("100-continue")) && !http10 {
        w.write_all(b"HTTP/1.1 100 Continue\r\n\r\n")?;
        w.flush()?;
    }

    let mut trailers = HashMap::new();
    let chunked = headers
        .get("transfer-encoding")
        .is_some_and(|te| te.to_ascii_lowercase().split(',').any(|c| c.trim() == "chunked"));
    let body = if chunked {
        let mut body = Vec::new();
        loop {
            let mut line_budget = 4096;
            let size_line = read_line(r, &mut line_budget)?.ok_or_else(|| bad("EOF in chunk size"))?;
            let hex = size_line.split(';').next().unwrap_or("").trim();
            let size = usize::from_str_radix(hex, 16).map_err(|_| bad(format!("bad chunk size {size_line:?}")))?;
            if size == 0 {
                let mut tbudget = MAX_HEAD;
                read_fields(r, &mut tbudget, &mut trailers)?;
                break;
            }
            if body.len() + size > MAX_BODY {
                return Err(bad("request body too large"));
            }
            let start = body.len();
            body.resize(start + size, 0);
            r.read_exact(&mut body[start..])?;
            let mut crlf_budget = 2;
            match read_line(r, &mut crlf_budget)? {
                Some(l) if l.is_empty() => {}
                _ => return Err(bad("missing CRLF after chunk")),
            }
        }
        body
    } else if let Some(cl) = headers.get("content-length") {
        let len: usize = cl.parse().map_err(|_| bad(format!("bad Content-Length {cl:?}")))?;
        if len > MAX_BODY {
            return Err(bad("request body too large"));
        }
        let mut body = vec![0; len];
        r.read_exact(&mut body)?;
        body
    } else {
        Vec::new()
    };
    Ok(Some(Request { method, path, http10, headers, trailers, body }))
}

pub(crate) fn write_response(
    w: &mut impl Write,
    status: u16,
    headers: &[(&str, String)],
    body: &[u8],
    keep_alive: bool,
) -> io::Result<()> {
    let reason = match status {
        200 => "OK",
        202 => "Accepted",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        413 => "Payload Too Large",
        _ => "Error",
    };
    let mut head = format!("HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n", body.len());
    for (k, v) in headers {
        head.push_str(k);
        head.push_str(": ");
        head.push_str(v);
        head.push_str("\r\n");
    }
    if !keep_alive {
        head.push_str("Connection: close\r\n");
    }
    head.push_str("\r\n");
    let mut out = head.into_bytes();
    out.extend_from_slice(body);
    w.write_all(&out)?;
    w.flush()
}

/// Standard base64 (with or without padding); `None` on invalid input.
pub(crate) fn base64_decode(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for c in s.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            b'=' => break,
            b' ' | b'\r' | b'\n' | b'\t' => continue,
            _ => return None,
        } as u32;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    #[test]
    fn parses_pipelined_requests_and_chunked_trailers() {
        let raw = b"GET /a?x=1 HTTP/1.1\r\nHost: h\r\n\r\n\
POST /b HTTP/1.1\r\nTransfer-Encoding: chunked\r\nTrailer: X-T\r\n\r\n3;ext=1\r\nabc\r\n2\r\nde\r\n0\r\nX-T: v\r\n\r\n\
POST /c HTTP/1.1\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi";
        let mut r = Cursor::new(&raw[..]);
        let mut w = Vec::new();
        let a = read_request(&mut r, &mut w).unwrap().unwrap();
        assert_eq!((a.method.as_str(), a.path.as_str()), ("GET", "/a"));
        assert!(a.keep_alive());
        let b = read_request(&mut r, &mut w).unwrap().unwrap();
        assert_eq!(b.body, b"abcde");
        assert_eq!(b.trailers.get("x-t").map(String::as_str), Some("v"));
        let c = read_request(&mut r, &mut w).unwrap().unwrap();
        assert_eq!(c.body, b"hi");
        assert!(!c.keep_alive());
        assert!(read_request(&mut r, &mut w).unwrap().is_none());
        assert!(w.is_empty());
    }

    #[test]
    fn base64() {
        assert_eq!(base64_decode("eyJhIjoxfQ==").unwrap(), br#"{"a":1}"#);
        assert_eq!(base64_decode("aGk").unwrap(), b"hi");
        assert!(base64_decode("*").is_none());
    }
}
