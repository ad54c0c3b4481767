//! A small ZIP writer (deflate via miniz_oxide) for "Download project".
//!
//! Small on purpose: the playground only ever writes a handful of text files, so it
//! needs neither zip64 nor streaming, and a dependency-free writer keeps the wasm small.
//! Output is deterministic (fixed timestamps), so the same project always produces the
//! same bytes and the same content-hash file name.

/// One file to store. `executable` sets the Unix mode 0755 (for `build.sh`).
pub struct Entry<'a> {
    pub path: &'a str,
    pub data: &'a [u8],
    pub executable: bool,
}

pub fn write(entries: &[Entry<'_>]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    // MS-DOS date 1980-01-01 00:00: the earliest a zip can say, and the same every time.
    const DOS_TIME: u16 = 0;
    const DOS_DATE: u16 = (1 << 5) | 1;
    const UTF8_NAMES: u16 = 1 << 11;

    for e in entries {
        let crc = crc32(e.data);
        let deflated = miniz_oxide::deflate::compress_to_vec(e.data, 9);
        // Tiny files can grow when deflated; store those.
        let (method, body): (u16, &[u8]) =
            if deflated.len() < e.data.len() { (8, &deflated) } else { (0, e.data) };
        let offset = out.len() as u32;
        let name = e.path.as_bytes();

        put32(&mut out, 0x0403_4b50);
        put16(&mut out, 20); // version needed: 2.0 (deflate)
        put16(&mut out, UTF8_NAMES);
        put16(&mut out, method);
        put16(&mut out, DOS_TIME);
        put16(&mut out, DOS_DATE);
        put32(&mut out, crc);
        put32(&mut out, body.len() as u32);
        put32(&mut out, e.data.len() as u32);
        put16(&mut out, name.len() as u16);
        put16(&mut out, 0); // extra field length
        out.extend_from_slice(name);
        out.extend_from_slice(body);

        let mode: u32 = if e.executable { 0o100755 } else { 0o100644 };
        put32(&mut central, 0x0201_4b50);
        put16(&mut central, (3 << 8) | 20); // made by: Unix, so unzip honours the mode
        put16(&mut central, 20);
        put16(&mut central, UTF8_NAMES);
        put16(&mut central, method);
        put16(&mut central, DOS_TIME);
        put16(&mut central, DOS_DATE);
        put32(&mut central, crc);
        put32(&mut central, body.len() as u32);
        put32(&mut central, e.data.len() as u32);
        put16(&mut central, name.len() as u16);
        put16(&mut central, 0); // extra
        put16(&mut central, 0); // comment
        put16(&mut central, 0); // disk number
        put16(&mut central, 0); // internal attributes
        put32(&mut central, mode << 16);
        put32(&mut central, offset);
        central.extend_from_slice(name);
    }

    let cd_offset = out.len() as u32;
    let cd_size = central.len() as u32;
    out.extend_from_slice(&central);
    put32(&mut out, 0x0605_4b50);
    put16(&mut out, 0);
    put16(&mut out, 0);
    put16(&mut out, entries.len() as u16);
    put16(&mut out, entries.len() as u16);
    put32(&mut out, cd_size);
    put32(&mut out, cd_offset);
    put16(&mut out, 0);
    out
}

fn put16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// CRC-32 (IEEE), as zip wants it; bitwise, which is plenty fast for a few hundred KB.
pub fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = (crc >> 1) ^ (0xEDB8_8320 & (crc & 1).wrapping_neg());
        }
    }
    !crc
}

/// FNV-1a over the files' paths and contents: names the download after what is in it.
pub fn content_hash<'a>(files: impl IntoIterator<Item = (&'a str, &'a str)>) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    };
    for (path, contents) in files {
        eat(path.as_bytes());
        eat(&[0]);
        eat(contents.as_bytes());
        eat(&[0]);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_known_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn unzips_with_the_system_unzip_when_available() {
        let big = "fn main() {}\n".repeat(200);
        let bytes = write(&[
            Entry { path: "p/Cargo.toml", data: b"[package]\nname = \"p\"\n", executable: false },
            Entry { path: "p/src/main.rs", data: big.as_bytes(), executable: false },
            Entry { path: "p/build.sh", data: b"#!/bin/sh\necho hi\n", executable: true },
        ]);
        assert_eq!(&bytes[..4], b"PK\x03\x04");
        let dir = std::env::temp_dir().join(format!("depyler-web-zip-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let zip = dir.join("p.zip");
        std::fs::write(&zip, &bytes).unwrap();
        // Python's zipfile is a strict, independent reader and is on every dev machine.
        let ok = std::process::Command::new("python3")
            .args(["-c", "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; z.extractall(sys.argv[2]); print(oct(z.getinfo('p/build.sh').external_attr >> 16))"])
            .arg(&zip)
            .arg(&dir)
            .output();
        let Ok(out) = ok else { return }; // no python3: the byte-level checks above must do
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "0o100755");
        assert_eq!(std::fs::read_to_string(dir.join("p/src/main.rs")).unwrap(), big);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn deterministic_and_hash_sensitive() {
        let e = [Entry { path: "a", data: b"x", executable: false }];
        assert_eq!(write(&e), write(&e));
        assert_ne!(content_hash([("a", "x")]), content_hash([("a", "y")]));
        assert_ne!(content_hash([("ab", "")]), content_hash([("a", "b")]));
    }
}
