//! Just enough of the ZIP format to check an artifact before it is published: the entries'
//! sizes from the central directory and the first bytes of one entry (to read its ELF header).
//! cargo-lambda writes small, plain zips (stored or deflated, no ZIP64), so a full zip crate
//! would only add compile time.

use std::io::Read;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub method: u16,
    pub compressed_size: u64,
    pub size: u64,
    local_header: u64,
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// The entries of the central directory.
pub fn entries(zip: &[u8]) -> Result<Vec<Entry>, String> {
    const EOCD: [u8; 4] = [0x50, 0x4b, 0x05, 0x06];
    // The end record is 22 bytes plus a comment of at most 64 KiB, at the very end.
    let search_from = zip.len().saturating_sub(22 + 0xffff);
    let eocd = (search_from..zip.len().saturating_sub(21))
        .rev()
        .find(|&i| zip[i..].starts_with(&EOCD))
        .ok_or("not a zip file (no end of central directory)")?;
    let count = u16_at(zip, eocd + 10).ok_or("truncated zip")? as usize;
    let cd_offset = u32_at(zip, eocd + 16).ok_or("truncated zip")?;
    if cd_offset == u32::MAX {
        return Err("ZIP64 archives are not supported".into());
    }
    let mut at = cd_offset as usize;
    let mut out = Vec::with_capacity(count);
    for _ in 0..count {
        if u32_at(zip, at) != Some(0x0201_4b50) {
            return Err("corrupt zip central directory".into());
        }
        let field = |off| u32_at(zip, at + off).ok_or("truncated zip central directory");
        let short = |off| u16_at(zip, at + off).ok_or("truncated zip central directory");
        let (name_len, extra_len, comment_len) = (short(28)? as usize, short(30)? as usize, short(32)? as usize);
        let name = zip.get(at + 46..at + 46 + name_len).ok_or("truncated zip entry name")?;
        out.push(Entry {
            name: String::from_utf8_lossy(name).into_owned(),
            method: short(10)?,
            compressed_size: field(20)? as u64,
            size: field(24)? as u64,
            local_header: field(42)? as u64,
        });
        at += 46 + name_len + extra_len + comment_len;
    }
    Ok(out)
}

/// Up to `limit` bytes from the start of `entry`'s uncompressed data.
pub fn read_prefix(zip: &[u8], entry: &Entry, limit: usize) -> Result<Vec<u8>, String> {
    let at = usize::try_from(entry.local_header).map_err(|_| "zip offset out of range")?;
    if u32_at(zip, at) != Some(0x0403_4b50) {
        return Err("corrupt zip local header".into());
    }
    let name_len = u16_at(zip, at + 26).ok_or("truncated zip")? as usize;
    let extra_len = u16_at(zip, at + 28).ok_or("truncated zip")? as usize;
    let start = at + 30 + name_len + extra_len;
    let end = start.saturating_add(entry.compressed_size as usize).min(zip.len());
    let data = zip.get(start..end).ok_or("truncated zip data")?;
    match entry.method {
        0 => Ok(data[..data.len().min(limit)].to_vec()),
        8 => {
            let mut out = Vec::new();
            flate2::read::DeflateDecoder::new(data)
                .take(limit as u64)
                .read_to_end(&mut out)
                .map_err(|e| format!("cannot inflate {}: {e}", entry.name))?;
            Ok(out)
        }
        m => Err(format!("zip compression method {m} is not supported")),
    }
}

/// ELF `e_machine` of an executable's first bytes: 183 = aarch64, 62 = x86-64.
pub fn elf_machine(head: &[u8]) -> Option<u16> {
    if head.len() < 20 || &head[..4] != b"\x7fELF" || head[5] != 1 {
        return None; // not ELF, or not little-endian (every Lambda target is)
    }
    u16_at(head, 18)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// A one-entry zip written by hand (deflated), like cargo-lambda's.
    fn zip_with(name: &str, data: &[u8]) -> Vec<u8> {
        let mut enc = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(data).unwrap();
        let comp = enc.finish().unwrap();
        let mut z = Vec::new();
        z.extend_from_slice(&[0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        z.extend_from_slice(&(comp.len() as u32).to_le_bytes());
        z.extend_from_slice(&(data.len() as u32).to_le_bytes());
        z.extend_from_slice(&(name.len() as u16).to_le_bytes());
        z.extend_from_slice(&[0, 0]);
        z.extend_from_slice(name.as_bytes());
        z.extend_from_slice(&comp);
        let cd = z.len();
        z.extend_from_slice(&[0x50, 0x4b, 0x01, 0x02, 20, 3, 20, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        z.extend_from_slice(&(comp.len() as u32).to_le_bytes());
        z.extend_from_slice(&(data.len() as u32).to_le_bytes());
        z.extend_from_slice(&(name.len() as u16).to_le_bytes());
        z.extend_from_slice(&[0; 12]);
        z.extend_from_slice(&0u32.to_le_bytes());
        z.extend_from_slice(name.as_bytes());
        let cd_len = z.len() - cd;
        z.extend_from_slice(&[0x50, 0x4b, 0x05, 0x06, 0, 0, 0, 0, 1, 0, 1, 0]);
        z.extend_from_slice(&(cd_len as u32).to_le_bytes());
        z.extend_from_slice(&(cd as u32).to_le_bytes());
        z.extend_from_slice(&[0, 0]);
        z
    }

    #[test]
    fn reads_entries_and_elf_machine() {
        let mut elf = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x02\0\xb7\0".to_vec();
        elf.extend(std::iter::repeat_n(7u8, 5000));
        let z = zip_with("bootstrap", &elf);
        let e = entries(&z).unwrap();
        assert_eq!(e.len(), 1);
        assert_eq!((e[0].name.as_str(), e[0].size), ("bootstrap", elf.len() as u64));
        let head = read_prefix(&z, &e[0], 64).unwrap();
        assert_eq!(elf_machine(&head), Some(183));
    }

    #[test]
    fn junk_is_an_error_not_a_panic() {
        for junk in [&b""[..], b"PK", b"PK\x05\x06", &[0x50, 0x4b, 0x05, 0x06, 0, 0, 0, 0, 9, 0, 9, 0, 1, 0, 0, 0, 200, 0, 0, 0, 0, 0]] {
            assert!(entries(junk).is_err() || entries(junk).unwrap().is_empty());
        }
        let mut z = zip_with("bootstrap", b"hello");
        let n = z.len();
        z.truncate(n - 30);
        assert!(entries(&z).is_err());
        assert_eq!(elf_machine(b"#!/bin/sh"), None);
    }
}
