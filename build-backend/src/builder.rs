//! Runs one build: writes the generated project, runs `cargo lambda build` in its own process
//! group under a timeout, and checks the zip it produced.
//!
//! The project always comes from `depyler_core::package::convert` inside this service, never
//! from the client. Each worker slot has its own project folder and CARGO_TARGET_DIR (cargo
//! locks a target dir for the whole build, so two slots sharing one would just take turns),
//! and always uses the same package name, so the target dir holds one handler's outputs per
//! slot instead of growing with every distinct source.

use std::collections::{BTreeSet, HashSet};
use std::ffi::OsString;
use std::io;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use depyler_core::package::ProjectFile;
use tokio::io::{AsyncBufReadExt, AsyncRead, BufReader};
use tokio::process::Command;

use crate::cache::Sizes;
use crate::zipinfo;

/// Cargo package (and binary) name of every generated project this service builds.
pub const PACKAGE: &str = "depyler-build";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Arch {
    Arm64,
    X86_64,
}

impl Arch {
    pub fn parse(s: &str) -> Option<Arch> {
        match s {
            "arm64" | "aarch64" => Some(Arch::Arm64),
            "x86_64" | "x86-64" | "amd64" => Some(Arch::X86_64),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Arch::Arm64 => "arm64",
            Arch::X86_64 => "x86_64",
        }
    }

    /// Static musl, as the generated `build.sh` builds: measured by `scripts/bench`, it needs
    /// ~60 % less memory and starts faster than the glibc build (no dynamic loader).
    fn rust_target(self) -> &'static str {
        match self {
            Arch::Arm64 => "aarch64-unknown-linux-musl",
            Arch::X86_64 => "x86_64-unknown-linux-musl",
        }
    }

    /// ELF `e_machine` of a binary for this architecture.
    fn elf_machine(self) -> u16 {
        match self {
            Arch::Arm64 => 183,
            Arch::X86_64 => 62,
        }
    }
}

/// Where build output goes, line by line.
pub type LogSink = Arc<dyn Fn(String) + Send + Sync>;

pub struct Built {
    pub zip: PathBuf,
    pub sizes: Sizes,
}

#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Versions {
    pub rustc: Option<String>,
    pub cargo: Option<String>,
    pub cargo_lambda: Option<String>,
    pub zig: Option<String>,
}

pub struct Builder {
    work_root: PathBuf,
    target_root: PathBuf,
    venv: PathBuf,
    path_env: OsString,
    timeout: Duration,
    /// Process groups of running builds, killed on shutdown.
    groups: Mutex<HashSet<i32>>,
}

impl Builder {
    pub fn new(cache_dir: &Path, target_root: &Path, venv: &Path, timeout: Duration) -> Builder {
        // The venv's bin goes first so `cargo lambda` and zig resolve to the pinned versions,
        // whether or not the service was started through scripts/serve.
        let mut dirs = vec![venv.join("bin")];
        if let Some(path) = std::env::var_os("PATH") {
            dirs.extend(std::env::split_paths(&path));
        }
        let path_env = std::env::join_paths(dirs).unwrap_or_else(|_| std::env::var_os("PATH").unwrap_or_default());
        Builder {
            work_root: cache_dir.join("work"),
            target_root: target_root.to_path_buf(),
            venv: venv.to_path_buf(),
            path_env,
            timeout,
            groups: Mutex::new(HashSet::new()),
        }
    }

    fn command(&self, program: &str) -> Command {
        let mut c = Command::new(program);
        c.env("PATH", &self.path_env).stdin(Stdio::null()).kill_on_drop(true);
        c
    }

    /// First line of `program args…`'s output, or None when it cannot run or fails.
    async fn first_line(&self, program: &str, args: &[&str]) -> Option<String> {
        let mut c = self.command(program);
        c.args(args).stdout(Stdio::piped()).stderr(Stdio::null());
        let out = tokio::time::timeout(Duration::from_secs(30), c.output()).await.ok()?.ok()?;
        if !out.status.success() {
            return None;
        }
        String::from_utf8_lossy(&out.stdout).lines().map(str::trim).find(|l| !l.is_empty()).map(String::from)
    }

    async fn zig_version(&self) -> Option<String> {
        match self.first_line("zig", &["version"]).await {
            Some(v) => Some(v),
            // The ziglang wheel ships zig as a Python module; cargo-lambda finds it the same way.
            None => self.first_line("python3", &["-m", "ziglang", "version"]).await,
        }
    }

    pub async fn versions(&self) -> Versions {
        Versions {
            rustc: self.first_line("rustc", &["--version"]).await,
            cargo: self.first_line("cargo", &["--version"]).await,
            cargo_lambda: self.first_line("cargo", &["lambda", "--version"]).await,
            zig: self.zig_version().await,
        }
    }

    /// Everything the build needs, each missing piece with the command that installs it.
    async fn preflight(&self, arch: Arch) -> Result<(), String> {
        let venv = self.venv.display();
        let pip = format!(
            "run scripts/serve (it creates the venv), or: python3 -m venv {venv} && {venv}/bin/pip install cargo-lambda ziglang"
        );
        if self.first_line("cargo", &["--version"]).await.is_none() {
            return Err("toolchain missing: cargo not found on PATH; install Rust with rustup (https://rustup.rs)".into());
        }
        if self.first_line("cargo", &["lambda", "--version"]).await.is_none() {
            return Err(format!("toolchain missing: cargo-lambda not found; {pip}"));
        }
        if self.zig_version().await.is_none() {
            return Err(format!("toolchain missing: zig (the cross-linker) not found; {pip}"));
        }
        let target = arch.rust_target();
        let libdir = self.first_line("rustc", &["--print", "target-libdir", "--target", target]).await;
        if !libdir.is_some_and(|d| Path::new(&d).is_dir()) {
            return Err(format!("toolchain missing: Rust target {target}; install it with: rustup target add {target}"));
        }
        Ok(())
    }

    /// Builds `files` for `arch` in worker slot `slot`. `Err` is the reason, for the user.
    pub async fn build(&self, slot: usize, files: Vec<ProjectFile>, arch: Arch, log: LogSink) -> Result<Built, String> {
        self.preflight(arch).await?;
        let dir = self.work_root.join(format!("slot{slot}"));
        let target_dir = self.target_root.join(format!("slot{slot}"));
        let sync_dir = dir.clone();
        tokio::task::spawn_blocking(move || sync_project(&sync_dir, &files))
            .await
            .map_err(|e| format!("internal error writing the project: {e}"))?
            .map_err(|e| format!("cannot write the project to {}: {e}", dir.display()))?;

        let mut cmd = self.command("cargo");
        cmd.args(["lambda", "build", "--release", "--target", arch.rust_target(), "--output-format", "zip"])
            .current_dir(&dir)
            .env("CARGO_TARGET_DIR", &target_dir)
            .env("CARGO_TERM_COLOR", "never")
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            // Its own process group, so a timeout can kill cargo, rustc, zig and all the rest.
            .process_group(0);
        log(format!("$ cargo lambda build --release --target {} --output-format zip", arch.rust_target()));
        let mut child = cmd.spawn().map_err(|e| format!("cannot start cargo lambda: {e}"))?;
        let Some(pid) = child.id() else {
            return Err("cargo lambda exited before it could be tracked".into());
        };
        let mut group = GroupGuard::new(pid as i32, &self.groups);
        let readers: Vec<_> = [
            child.stdout.take().map(|s| spawn_reader(s, log.clone())),
            child.stderr.take().map(|s| spawn_reader(s, log.clone())),
        ]
        .into_iter()
        .flatten()
        .collect();

        let status = match tokio::time::timeout(self.timeout, child.wait()).await {
            Ok(Ok(status)) => {
                // cargo-lambda waits for cargo, cargo for rustc: the tree is gone. Killing the
                // group now could hit an unrelated group that reused the id after the reap.
                group.disarm();
                status
            }
            Ok(Err(e)) => return Err(format!("lost track of cargo lambda: {e}")),
            Err(_) => {
                drop(group); // kills the whole tree
                let _ = child.wait().await;
                let msg = format!(
                    "build timed out after {} s and was stopped (its whole process tree was killed); \
                     raise --build-timeout / DEPYLER_BUILD_TIMEOUT if builds legitimately take longer",
                    self.timeout.as_secs()
                );
                log(msg.clone());
                return Err(msg);
            }
        };
        for r in readers {
            // The pipes close once the group is gone; don't wait forever on a stray holder.
            let _ = tokio::time::timeout(Duration::from_secs(5), r).await;
        }
        if !status.success() {
            let code = status.code().map(|c| c.to_string()).unwrap_or_else(|| "a signal".into());
            return Err(format!("cargo lambda build failed (exit {code}); the compiler output is in log_tail"));
        }
        let zip = target_dir.join("lambda").join(PACKAGE).join("bootstrap.zip");
        let check = zip.clone();
        let sizes = tokio::task::spawn_blocking(move || check_artifact(&check, arch))
            .await
            .map_err(|e| format!("internal error checking the artifact: {e}"))??;
        Ok(Built { zip, sizes })
    }

    /// Kills every running build (shutdown).
    pub fn kill_all(&self) {
        let groups = self.groups.lock().unwrap_or_else(|e| e.into_inner());
        for &g in groups.iter() {
            kill_group(g);
        }
    }
}

/// The error message of a failed build's log: cargo's first `error…` line.
pub fn first_error(lines: &[String]) -> Option<&str> {
    lines.iter().map(|l| l.trim()).find(|l| l.starts_with("error"))
}

fn kill_group(pgid: i32) {
    if pgid > 1 {
        // SAFETY: kill(2) has no memory-safety preconditions; a negative pid names a group.
        unsafe {
            libc::kill(-pgid, libc::SIGKILL);
        }
    }
}

/// Kills the build's process group when dropped while the build runs: on timeout, and when
/// the worker's future is dropped for any other reason, so no compiler outlives its build.
struct GroupGuard<'a> {
    pgid: i32,
    groups: &'a Mutex<HashSet<i32>>,
    armed: bool,
}

impl<'a> GroupGuard<'a> {
    fn new(pgid: i32, groups: &'a Mutex<HashSet<i32>>) -> Self {
        groups.lock().unwrap_or_else(|e| e.into_inner()).insert(pgid);
        GroupGuard { pgid, groups, armed: true }
    }

    /// The build exited on its own; forget the group without killing.
    fn disarm(&mut self) {
        self.armed = false;
        self.groups.lock().unwrap_or_else(|e| e.into_inner()).remove(&self.pgid);
    }
}

impl Drop for GroupGuard<'_> {
    fn drop(&mut self) {
        if !self.armed {
            return;
        }
        kill_group(self.pgid);
        self.groups.lock().unwrap_or_else(|e| e.into_inner()).remove(&self.pgid);
    }
}

fn spawn_reader(stream: impl AsyncRead + Unpin + Send + 'static, log: LogSink) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut reader = BufReader::new(stream);
        let mut buf = Vec::new();
        loop {
            buf.clear();
            match reader.read_until(b'\n', &mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(_) => log(String::from_utf8_lossy(&buf).trim_end().to_string()),
            }
        }
    })
}

/// Writes the project into `dir`, touching only files whose contents changed (cargo decides
/// what to rebuild from mtimes) and removing files the project no longer has. `Cargo.lock`
/// stays: it is ours, and keeping it saves a dependency resolution per build.
fn sync_project(dir: &Path, files: &[ProjectFile]) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let mut wanted = BTreeSet::new();
    for f in files {
        // The core writes relative `/`-separated paths; refuse anything that would escape.
        let rel = Path::new(&f.path);
        if rel.is_absolute() || rel.components().any(|c| !matches!(c, std::path::Component::Normal(_))) {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, format!("bad project path {}", f.path)));
        }
        let path = dir.join(rel);
        if std::fs::read(&path).ok().as_deref() != Some(f.contents.as_bytes()) {
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(&path, f.contents.as_bytes())?;
        }
        wanted.insert(path);
    }
    wanted.insert(dir.join("Cargo.lock"));
    remove_stale(dir, &wanted)
}

fn remove_stale(dir: &Path, wanted: &BTreeSet<PathBuf>) -> io::Result<()> {
    for item in std::fs::read_dir(dir)? {
        let path = item?.path();
        if path.is_dir() {
            remove_stale(&path, wanted)?;
            if std::fs::read_dir(&path)?.next().is_none() {
                std::fs::remove_dir(&path)?;
            }
        } else if !wanted.contains(&path) {
            std::fs::remove_file(&path)?;
        }
    }
    Ok(())
}

/// The zip must hold an executable `bootstrap` for the requested architecture.
fn check_artifact(zip: &Path, arch: Arch) -> Result<Sizes, String> {
    let bytes = std::fs::read(zip).map_err(|e| format!("cargo lambda reported success but {} is unreadable: {e}", zip.display()))?;
    let entries = zipinfo::entries(&bytes).map_err(|e| format!("bad artifact zip: {e}"))?;
    let boot = entries.iter().find(|e| e.name == "bootstrap").ok_or("artifact zip has no `bootstrap` entry")?;
    let head = zipinfo::read_prefix(&bytes, boot, 64).map_err(|e| format!("bad artifact zip: {e}"))?;
    match zipinfo::elf_machine(&head) {
        Some(m) if m == arch.elf_machine() => Ok(Sizes { binary: boot.size, zip: bytes.len() as u64 }),
        other => Err(format!("artifact `bootstrap` is not a {} ELF binary (e_machine {other:?})", arch.name())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sync_rewrites_only_changes_and_prunes() {
        let dir = std::env::temp_dir().join(format!("bb-sync-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let f = |p: &str, c: &str| ProjectFile { path: p.into(), contents: c.to_string().into() };
        sync_project(&dir, &[f("Cargo.toml", "a"), f("src/py/x.rs", "x"), f("src/main.rs", "m")]).unwrap();
        std::fs::write(dir.join("Cargo.lock"), "lock").unwrap();
        let before = std::fs::metadata(dir.join("src/main.rs")).unwrap().modified().unwrap();
        std::thread::sleep(Duration::from_millis(20));
        sync_project(&dir, &[f("Cargo.toml", "b"), f("src/main.rs", "m")]).unwrap();
        assert_eq!(std::fs::metadata(dir.join("src/main.rs")).unwrap().modified().unwrap(), before);
        assert_eq!(std::fs::read_to_string(dir.join("Cargo.toml")).unwrap(), "b");
        assert!(!dir.join("src/py").exists());
        assert!(dir.join("Cargo.lock").exists());
        assert!(sync_project(&dir, &[f("../evil", "x")]).is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn arch_names() {
        assert_eq!(Arch::parse("arm64"), Some(Arch::Arm64));
        assert_eq!(Arch::parse("x86_64").map(Arch::name), Some("x86_64"));
        assert_eq!(Arch::parse("mips"), None);
    }
}
