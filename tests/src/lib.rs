//! Helpers for the corpus-driven end-to-end tests in `tests/tests/`: loading the corpus,
//! writing generated projects incrementally, building them with a shared target dir.

use serde_json::Value;
use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::process::Command;

/// `tests/corpus` in this checkout.
pub fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// `tests/corpus-extra` in this checkout: more handlers in the same layout, labelled `extra/…`.
pub fn extra_corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus-extra")
}

/// Every corpus the end-to-end test runs, with the label prefix of its cases: the visible
/// corpus (`""`: labels are the folder names) and `tests/corpus-extra` (`"extra/"`).
pub fn all_corpora() -> Vec<(PathBuf, &'static str)> {
    vec![(corpus_dir(), ""), (extra_corpus_dir(), "extra/")]
}

/// What a case expects from the converter (case.json `expect`, absent = `run`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expect {
    /// Converts, builds and matches CPython on every event.
    Run,
    /// `"expect": "unsupported"`: the handler uses `construct`, which the converter does not
    /// support yet; conversion must fail with an error diagnostic that has a line and a
    /// message. Once it converts, the case is run for real (and the mark should go).
    Unsupported { construct: String },
    /// `"expect": "known-bug"`: run for real, but failures are reported as known (with
    /// `note`) instead of failing the test.
    KnownBug { note: String },
}

/// `$DEPYLER_CACHE`, else `~/.cache/depyler-lambda` (the scripts use the same rule).
pub fn cache_dir() -> PathBuf {
    if let Some(c) = std::env::var_os("DEPYLER_CACHE").filter(|c| !c.is_empty()) {
        return PathBuf::from(c);
    }
    let home = std::env::var_os("HOME").map(PathBuf::from).unwrap_or_else(std::env::temp_dir);
    home.join(".cache/depyler-lambda")
}

/// One `events/<name>.json` with its `expected/<name>.json` (if any).
#[derive(Debug, Clone)]
pub struct EventCase {
    /// File stem, e.g. `put-encoded-key`.
    pub name: String,
    pub event: Value,
    pub expected: Option<Value>,
}

/// One corpus case folder.
#[derive(Debug, Clone)]
pub struct Case {
    /// Folder name, e.g. `01-s3-thumbnail-planner`.
    pub name: String,
    /// Name in reports, filters and the project folder: the corpus's label prefix plus the
    /// folder name (`01-s3-thumbnail-planner`, `extra/03-sns-metric-rollup`).
    pub label: String,
    pub dir: PathBuf,
    pub source: String,
    /// `handler` of case.json split at the last dot: module and function.
    pub module: String,
    pub function: String,
    /// case.json `env`, values as strings.
    pub env: Vec<(String, String)>,
    /// case.json `event_type` (the ground-truth label).
    pub event_type: String,
    pub events: Vec<EventCase>,
    /// case.json `expect` (with `construct` / `note`).
    pub expect: Expect,
}

impl Case {
    /// The cargo package and binary name for this case: `case_<label with _>`
    /// (`case_01_s3_thumbnail_planner`, `case_extra_03_sns_metric_rollup`).
    pub fn package_name(&self) -> String {
        package_name(&self.label)
    }

    /// Folder name under `$DEPYLER_CACHE/projects/` (the label without `/`).
    pub fn project_dir_name(&self) -> String {
        self.label.replace('/', "-")
    }
}

/// `01-s3-thumbnail-planner` → `case_01_s3_thumbnail_planner`.
pub fn package_name(case: &str) -> String {
    let slug: String = case.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' }).collect();
    format!("case_{slug}")
}

/// Parses a `CORPUS_CASES`-style filter: comma-separated folder-name prefixes; empty = all.
pub fn parse_filter(s: Option<&str>) -> Vec<String> {
    s.unwrap_or("").split(',').map(str::trim).filter(|p| !p.is_empty()).map(String::from).collect()
}

fn read_json(p: &Path) -> io::Result<Value> {
    let text = fs::read_to_string(p)?;
    serde_json::from_str(&text).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, format!("{}: {e}", p.display())))
}

/// Loads every case folder of `corpus` (sorted by name) whose name starts with one of
/// `prefixes` (all when empty).
pub fn load_cases(corpus: &Path, prefixes: &[String]) -> io::Result<Vec<Case>> {
    load_labeled_cases(corpus, "", prefixes)
}

/// Loads the cases of every corpus in [`all_corpora`] whose label starts with one of
/// `prefixes` (all when empty): `01` picks the visible corpus's case 01, `extra/01` the extra
/// corpus's, `extra/` all of the extra corpus. A corpus folder that does not exist is skipped.
pub fn load_all_cases(prefixes: &[String]) -> io::Result<Vec<Case>> {
    let mut all = Vec::new();
    for (dir, label) in all_corpora() {
        if dir.is_dir() {
            all.extend(load_labeled_cases(&dir, label, prefixes)?);
        }
    }
    Ok(all)
}

/// Like [`load_cases`], with `label_prefix` in front of each folder name for labels and
/// filtering.
pub fn load_labeled_cases(corpus: &Path, label_prefix: &str, prefixes: &[String]) -> io::Result<Vec<Case>> {
    let mut names: Vec<String> = fs::read_dir(corpus)?
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("case.json").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| {
            let label = format!("{label_prefix}{n}");
            prefixes.is_empty() || prefixes.iter().any(|p| label.starts_with(p.as_str()))
        })
        .collect();
    names.sort();
    let mut cases = Vec::new();
    for name in names {
        let dir = corpus.join(&name);
        let meta = read_json(&dir.join("case.json"))?;
        let handler = meta["handler"].as_str().unwrap_or("handler.handler");
        let (module, function) = handler.rsplit_once('.').unwrap_or(("handler", handler));
        let source = fs::read_to_string(dir.join(format!("{}.py", module.replace('.', "/"))))?;
        let env = meta["env"]
            .as_object()
            .map(|m| {
                m.iter()
                    .map(|(k, v)| (k.clone(), v.as_str().map(String::from).unwrap_or_else(|| v.to_string())))
                    .collect()
            })
            .unwrap_or_default();
        let mut event_files: Vec<PathBuf> = fs::read_dir(dir.join("events"))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        event_files.sort();
        let mut events = Vec::new();
        for p in event_files {
            let stem = p.file_stem().unwrap_or_default().to_string_lossy().into_owned();
            let exp = dir.join("expected").join(format!("{stem}.json"));
            events.push(EventCase {
                event: read_json(&p)?,
                expected: if exp.is_file() { Some(read_json(&exp)?) } else { None },
                name: stem,
            });
        }
        let text = |k: &str| meta[k].as_str().unwrap_or("").to_string();
        let expect = match meta["expect"].as_str().unwrap_or("run") {
            "run" => Expect::Run,
            "unsupported" => Expect::Unsupported { construct: text("construct") },
            "known-bug" => Expect::KnownBug { note: text("note") },
            other => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!("{}: unknown \"expect\": {other:?} (run, unsupported, known-bug)", dir.display()),
                ))
            }
        };
        cases.push(Case {
            label: format!("{label_prefix}{name}"),
            expect,
            name,
            source,
            module: module.to_string(),
            function: function.to_string(),
            env,
            event_type: meta["event_type"].as_str().unwrap_or("unknown").to_string(),
            events,
            dir,
        });
    }
    Ok(cases)
}

/// What [`sync_files`] changed.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct SyncStats {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
}

/// Makes `root` hold exactly `files` (relative, `/`-separated paths): writes only files whose
/// content changed (so cargo's incremental build sees untouched mtimes), deletes files not in
/// the list (except those named in `keep`, e.g. `Cargo.lock`) and then-empty folders.
pub fn sync_files<'a>(
    root: &Path,
    files: impl IntoIterator<Item = (&'a str, &'a str)>,
    keep: &[&str],
) -> io::Result<SyncStats> {
    let mut stats = SyncStats::default();
    let mut wanted = BTreeSet::new();
    fs::create_dir_all(root)?;
    for (rel, contents) in files {
        let rel_path = Path::new(rel);
        if rel.is_empty() || !rel_path.components().all(|c| matches!(c, Component::Normal(_))) {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, format!("unsafe project path {rel:?}")));
        }
        let path = root.join(rel_path);
        wanted.insert(path.clone());
        if fs::read(&path).is_ok_and(|old| old == contents.as_bytes()) {
            stats.unchanged += 1;
            continue;
        }
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(&path, contents)?;
        stats.written += 1;
    }
    for k in keep {
        wanted.insert(root.join(k));
    }
    remove_stale(root, &wanted, &mut stats, true)?;
    Ok(stats)
}

fn remove_stale(dir: &Path, wanted: &BTreeSet<PathBuf>, stats: &mut SyncStats, is_root: bool) -> io::Result<bool> {
    let mut empty = true;
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() && !path.is_symlink() {
            if remove_stale(&path, wanted, stats, false)? {
                fs::remove_dir(&path)?;
            } else {
                empty = false;
            }
        } else if wanted.contains(&path) {
            empty = false;
        } else {
            fs::remove_file(&path)?;
            stats.removed += 1;
        }
    }
    Ok(empty && !is_root)
}

/// `cargo` for a throwaway debug build of a generated project in the shared `target_dir`.
///
/// Generated projects are built once to be run, never debugged, and there are over a hundred
/// of them: with debug info and incremental state the shared target dir grew to 27 GB and
/// filled a CI disk; without, it stays a few GB.
pub fn generated_project_cargo(target_dir: &Path) -> Command {
    let mut cmd = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    cmd.env("CARGO_TARGET_DIR", target_dir)
        .env("CARGO_INCREMENTAL", "0")
        .env("CARGO_PROFILE_DEV_DEBUG", "false")
        .env("CARGO_PROFILE_TEST_DEBUG", "false");
    cmd
}

/// What the compilers said about a generated project's own code (`src/…`).
#[derive(Debug, Default)]
pub struct BuildWarnings {
    /// rustc's warnings, one short line each.
    pub rustc: Vec<String>,
    /// clippy's (default lint set), as (lint name, short line); empty when clippy is not
    /// installed (`clippy_available`).
    pub clippy: Vec<(String, String)>,
}

/// `clippy-driver` runs: the build then also applies clippy's lints to the project itself
/// (`RUSTC_WORKSPACE_WRAPPER`, what `cargo clippy` uses, but with code generation).
pub fn clippy_available() -> bool {
    static AVAILABLE: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *AVAILABLE.get_or_init(|| {
        Command::new("clippy-driver").arg("--version").output().is_ok_and(|o| o.status.success())
    })
}

/// `cargo build` (debug) of the project at `dir` with `CARGO_TARGET_DIR=target_dir`, linted
/// by clippy when it is installed. `Ok` carries the warnings about the project's own code
/// (cargo replays them from its cache when nothing was rebuilt); `Err` the last
/// `tail_lines` lines of the compiler's output.
pub fn cargo_build(dir: &Path, target_dir: &Path, tail_lines: usize) -> Result<BuildWarnings, String> {
    let mut cmd = generated_project_cargo(target_dir);
    cmd.args(["build", "--quiet", "--message-format=json-diagnostic-short"]).current_dir(dir);
    if clippy_available() {
        // Only the project itself: its dependencies keep their plain-rustc builds.
        cmd.env("RUSTC_WORKSPACE_WRAPPER", "clippy-driver");
    }
    let out = cmd.output().map_err(|e| format!("cannot run cargo: {e}"))?;
    let mut warnings = BuildWarnings::default();
    let mut errors = Vec::new();
    let mut lines: Vec<String> = Vec::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let Ok(msg) = serde_json::from_str::<Value>(line) else { continue };
        if msg["reason"] != "compiler-message" {
            continue;
        }
        let m = &msg["message"];
        let rendered = m["rendered"].as_str().unwrap_or("").trim_end().to_string();
        let in_project = m["spans"]
            .as_array()
            .is_some_and(|spans| spans.iter().any(|s| s["is_primary"] == true && s["file_name"].as_str().is_some_and(|f| f.starts_with("src/"))));
        match m["level"].as_str() {
            Some("error") => errors.push(rendered.clone()),
            Some("warning") if in_project => match m["code"]["code"].as_str() {
                Some(lint) if lint.starts_with("clippy::") => warnings.clippy.push((lint.to_string(), rendered.clone())),
                _ => warnings.rustc.push(rendered.clone()),
            },
            _ => {}
        }
        lines.push(rendered);
    }
    if out.status.success() {
        return Ok(warnings);
    }
    lines.extend(String::from_utf8_lossy(&out.stderr).lines().map(str::to_string));
    let tail = &lines[lines.len().saturating_sub(tail_lines)..];
    Err(format!(
        "build failed: {} ({} error(s), {})\n{}",
        errors.first().and_then(|e| e.lines().next()).unwrap_or("(no error line)"),
        errors.len(),
        out.status,
        tail.join("\n")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corpus_loads() {
        let all = load_cases(&corpus_dir(), &[]).unwrap();
        assert!(all.len() >= 24, "{}", all.len());
        assert!(all.windows(2).all(|w| w[0].name < w[1].name));
        for c in &all {
            assert!(!c.events.is_empty(), "{}", c.name);
            assert!(c.events.iter().all(|e| e.expected.is_some()), "{} lacks expected outputs", c.name);
        }
        let first = &all[0];
        assert_eq!(first.package_name(), "case_01_s3_thumbnail_planner");
        assert_eq!((first.module.as_str(), first.function.as_str()), ("handler", "handler"));
        assert!(first.env.contains(&("THUMB_SIZES".to_string(), "128,512".to_string())));
        let some = load_cases(&corpus_dir(), &parse_filter(Some("01, 03"))).unwrap();
        assert_eq!(some.iter().map(|c| &c.name[..2]).collect::<Vec<_>>(), ["01", "03"]);
    }

    #[test]
    fn extra_corpus_loads_with_unique_labels_and_packages() {
        let extra = load_labeled_cases(&extra_corpus_dir(), "extra/", &[]).unwrap();
        assert!(extra.len() >= 16, "{}", extra.len());
        for c in &extra {
            assert!(c.label.starts_with("extra/"), "{}", c.label);
            assert!(!c.events.is_empty(), "{}", c.name);
            assert!(c.events.iter().all(|e| e.expected.is_some()), "{} lacks expected outputs", c.name);
            if let Expect::Unsupported { construct } = &c.expect {
                assert!(!construct.is_empty(), "{}: an unsupported case names its construct", c.name);
            }
        }
        let all = load_all_cases(&[]).unwrap();
        let packages: BTreeSet<String> = all.iter().map(Case::package_name).collect();
        assert_eq!(packages.len(), all.len(), "package names must be unique across corpora");
        let dirs: BTreeSet<String> = all.iter().map(Case::project_dir_name).collect();
        assert_eq!(dirs.len(), all.len(), "project folders must be unique across corpora");
        assert_eq!(extra[0].package_name(), format!("case_extra_{}", extra[0].name.replace('-', "_")));
        // Filters match labels: `01` is the visible corpus's case only, `extra/01` the extra one.
        let one = load_all_cases(&parse_filter(Some("01"))).unwrap();
        assert_eq!(one.iter().map(|c| c.label.as_str()).collect::<Vec<_>>(), ["01-s3-thumbnail-planner"]);
        let x = load_all_cases(&parse_filter(Some("extra/01"))).unwrap();
        assert_eq!(x.len(), 1);
        assert!(x[0].label.starts_with("extra/01-"));
        assert_eq!(load_all_cases(&parse_filter(Some("extra/"))).unwrap().len(), extra.len());
    }

    #[test]
    fn sync_is_incremental_and_prunes() {
        let root = std::env::temp_dir().join(format!("depyler-sync-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        let s = sync_files(&root, [("Cargo.toml", "a"), ("src/main.rs", "b"), ("src/py/mod.rs", "c")], &["Cargo.lock"]).unwrap();
        assert_eq!(s, SyncStats { written: 3, unchanged: 0, removed: 0 });
        fs::write(root.join("Cargo.lock"), "lock").unwrap();
        let mtime = fs::metadata(root.join("src/main.rs")).unwrap().modified().unwrap();
        let s = sync_files(&root, [("Cargo.toml", "a2"), ("src/main.rs", "b")], &["Cargo.lock"]).unwrap();
        assert_eq!(s, SyncStats { written: 1, unchanged: 1, removed: 1 });
        assert_eq!(fs::metadata(root.join("src/main.rs")).unwrap().modified().unwrap(), mtime);
        assert!(!root.join("src/py").exists(), "empty folder pruned");
        assert!(root.join("Cargo.lock").exists());
        assert!(sync_files(&root, [("../evil", "x")], &[]).is_err());
        assert!(sync_files(&root, [("/abs", "x")], &[]).is_err());
        fs::remove_dir_all(&root).unwrap();
    }
}
