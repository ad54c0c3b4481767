//! Content-addressed artifact cache on disk: `<dir>/<id>/{bootstrap.zip, meta.json}`.
//!
//! An entry is published by renaming a complete temporary folder into place, so a crash
//! never leaves a half-written artifact behind; `open` reindexes what is on disk, which is
//! why a restart loses no finished build. The disk cap evicts the least recently used
//! entries (meta.json's mtime is touched on use, so the order survives restarts too).

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sizes {
    pub binary: u64,
    pub zip: u64,
}

/// What is known about a finished build; served as-is after a restart.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ArtifactMeta {
    pub id: String,
    pub name: String,
    pub architecture: String,
    pub sizes: Sizes,
    pub duration_ms: u64,
    pub log_tail: String,
    pub core_version: String,
}

struct Entry {
    meta: ArtifactMeta,
    bytes: u64,
    last_used: SystemTime,
}

pub struct Cache {
    dir: PathBuf,
    max_bytes: u64,
    index: Mutex<HashMap<String, Entry>>,
}

const ZIP: &str = "bootstrap.zip";
const META: &str = "meta.json";

/// Ids are lowercase hex digests; anything else never touches the file system.
pub fn valid_id(id: &str) -> bool {
    (16..=64).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

impl Cache {
    /// Opens (creating) the cache and reindexes it: incomplete or unreadable entries are removed.
    pub fn open(dir: &Path, max_bytes: u64) -> io::Result<Cache> {
        fs::create_dir_all(dir)?;
        let mut index = HashMap::new();
        for item in fs::read_dir(dir)? {
            let item = item?;
            let path = item.path();
            let name = item.file_name().to_string_lossy().into_owned();
            match load_entry(&path) {
                Some(entry) if valid_id(&name) && entry.meta.id == name => {
                    index.insert(name, entry);
                }
                _ => {
                    eprintln!("cache: removing incomplete entry {}", path.display());
                    let _ = if path.is_dir() { fs::remove_dir_all(&path) } else { fs::remove_file(&path) };
                }
            }
        }
        let cache = Cache { dir: dir.to_path_buf(), max_bytes, index: Mutex::new(index) };
        cache.evict(None);
        Ok(cache)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Entry>> {
        // A panic elsewhere while holding the lock leaves the map itself consistent.
        self.index.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn len(&self) -> usize {
        self.lock().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn total_bytes(&self) -> u64 {
        self.lock().values().map(|e| e.bytes).sum()
    }

    /// The entry's metadata, marking it as recently used.
    pub fn get(&self, id: &str) -> Option<ArtifactMeta> {
        let mut index = self.lock();
        let entry = index.get_mut(id)?;
        entry.last_used = SystemTime::now();
        let _ = fs::File::options()
            .write(true)
            .open(self.dir.join(id).join(META))
            .and_then(|f| f.set_modified(entry.last_used));
        Some(entry.meta.clone())
    }

    pub fn zip_path(&self, id: &str) -> PathBuf {
        self.dir.join(id).join(ZIP)
    }

    /// Copies `zip` into the cache under `meta.id`, then evicts down to the cap (never the new entry).
    pub fn insert(&self, zip: &Path, meta: ArtifactMeta) -> io::Result<()> {
        if !valid_id(&meta.id) {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, "invalid artifact id"));
        }
        let tmp = self.dir.join(format!(".tmp-{}-{}", meta.id, std::process::id()));
        let _ = fs::remove_dir_all(&tmp);
        fs::create_dir_all(&tmp)?;
        let result = (|| {
            fs::copy(zip, tmp.join(ZIP))?;
            let json = serde_json::to_vec_pretty(&meta).map_err(io::Error::other)?;
            fs::write(tmp.join(META), json)?;
            let dest = self.dir.join(&meta.id);
            let _ = fs::remove_dir_all(&dest);
            fs::rename(&tmp, &dest)
        })();
        if result.is_err() {
            let _ = fs::remove_dir_all(&tmp);
        }
        result?;
        let entry = load_entry(&self.dir.join(&meta.id))
            .ok_or_else(|| io::Error::other("artifact vanished right after it was written"))?;
        let id = meta.id.clone();
        self.lock().insert(id.clone(), entry);
        self.evict(Some(&id));
        Ok(())
    }

    fn evict(&self, keep: Option<&str>) {
        let mut index = self.lock();
        let mut total: u64 = index.values().map(|e| e.bytes).sum();
        while total > self.max_bytes {
            let oldest = index
                .iter()
                .filter(|(id, _)| Some(id.as_str()) != keep)
                .min_by_key(|(_, e)| e.last_used)
                .map(|(id, e)| (id.clone(), e.bytes));
            let Some((id, bytes)) = oldest else { break };
            eprintln!("cache: evicting {id} ({bytes} bytes) to stay under {} bytes", self.max_bytes);
            let _ = fs::remove_dir_all(self.dir.join(&id));
            index.remove(&id);
            total -= bytes;
        }
    }
}

fn load_entry(dir: &Path) -> Option<Entry> {
    let meta_path = dir.join(META);
    let meta: ArtifactMeta = serde_json::from_slice(&fs::read(&meta_path).ok()?).ok()?;
    let zip_len = fs::metadata(dir.join(ZIP)).ok()?.len();
    let meta_file = fs::metadata(&meta_path).ok()?;
    Some(Entry {
        bytes: zip_len + meta_file.len(),
        last_used: meta_file.modified().unwrap_or(SystemTime::UNIX_EPOCH),
        meta,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(id: &str) -> ArtifactMeta {
        ArtifactMeta {
            id: id.into(),
            name: "h".into(),
            architecture: "arm64".into(),
            sizes: Sizes { binary: 1, zip: 1 },
            duration_ms: 1,
            log_tail: String::new(),
            core_version: "0".into(),
        }
    }

    fn tmp(tag: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("bb-cache-{tag}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&d);
        d
    }

    #[test]
    fn insert_reindex_and_evict_oldest() {
        let dir = tmp("evict");
        let zip = dir.with_extension("zip");
        fs::write(&zip, vec![0u8; 1000]).unwrap();
        let ids = ["a".repeat(32), "b".repeat(32), "c".repeat(32)];
        {
            let cache = Cache::open(&dir, 2600).unwrap();
            cache.insert(&zip, meta(&ids[0])).unwrap();
            std::thread::sleep(std::time::Duration::from_millis(20));
            cache.insert(&zip, meta(&ids[1])).unwrap();
            std::thread::sleep(std::time::Duration::from_millis(20));
            assert!(cache.get(&ids[0]).is_some()); // now `b` is the oldest
            std::thread::sleep(std::time::Duration::from_millis(20));
            cache.insert(&zip, meta(&ids[2])).unwrap();
            assert!(cache.get(&ids[1]).is_none());
            assert!(cache.get(&ids[0]).is_some() && cache.get(&ids[2]).is_some());
        }
        // Junk left by a crash is cleaned; complete entries survive a restart.
        fs::create_dir_all(dir.join(".tmp-x")).unwrap();
        fs::create_dir_all(dir.join("d".repeat(32))).unwrap();
        let cache = Cache::open(&dir, 1 << 20).unwrap();
        assert_eq!(cache.len(), 2);
        assert_eq!(cache.get(&ids[2]).unwrap().name, "h");
        assert!(!dir.join(".tmp-x").exists());
        assert!(cache.insert(&zip, meta("../x")).is_err());
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn ids_are_checked() {
        assert!(valid_id(&"0f".repeat(16)));
        assert!(!valid_id("../../etc/passwd"));
        assert!(!valid_id("ABCDEF0123456789"));
        assert!(!valid_id("abc"));
    }
}
