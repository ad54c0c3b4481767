//! `scripts/bench` (`cargo run -p bench --release`): what Depyler Lambda delivers on this
//! machine, Rust next to Python, in one run. Prints a Markdown report and writes the raw
//! numbers to `bench/results/latest.json` (and the report to `latest.md`).
//!
//! 1. Conversion speed: `depyler_core::analyze` and `package::convert` over the corpus, handlers/s.
//! 2. The corpus projects are converted and written as one cargo workspace (per distinct
//!    generated `[profile.release]`, which becomes the workspace's profile, so the build is the
//!    generated one) under `$DEPYLER_CACHE/bench/`, built as the generated `build.sh` builds
//!    them — statically linked with musl — natively (to run here) and for arm64 with
//!    `cargo lambda build --release --target aarch64-unknown-linux-musl --output-format zip`
//!    (the deployed artifact), sharing `CARGO_TARGET_DIR=$DEPYLER_CACHE/bench-target`.
//! 3. Cold starts: per handler and round, a fresh Rust process and a fresh `python -m
//!    awslambdaric` process (alternating which goes first) against a local Runtime API, same
//!    event; spawn → first `/next`, spawn → first response, peak RSS. The first round also
//!    sends `BENCH_WARM` more events through the same process (warm latency).
//! 4. Build-setting variants of one handler (`BENCH_REP`): each a full native release build
//!    with one setting of the generated profile changed; size and cold start.
//!
//! `bench conversion` measures the conversion speed only (prints JSON).
//!
//! Settings (environment): `BENCH_ROUNDS` (5), `BENCH_WARM` (50), `BENCH_CASES` (case
//! prefixes, default all), `BENCH_REP` (12), `BENCH_VARIANTS` (1 = the default set, `all`, `0`, or a list),
//! `BENCH_VARIANT_ROUNDS` (10), `BENCH_ARM64` (1; 0 skips the arm64 build),
//! `BENCH_CONVERT_SECS` (1), `BENCH_OUT` (bench/results), `BENCH_BROWSER_MD` (a file with the
//! playground benchmark's table to include).

// The allocator of the `depyler` CLI, so conversion speed is what the CLI gets.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use bench::{cold_run, median, percentile, ColdRun, Launch};
use depyler_core::package::{convert, ConvertOptions};
use depyler_core::{analyze, AnalyzeOptions};
use depyler_tests::{cache_dir, corpus_dir, load_cases, parse_filter, sync_files, Case};
use runtime_api::outcome_matches;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(30);
const MIB: f64 = 1024.0 * 1024.0;

// Goals of issue #6.
const GOAL_COLD_RATIO: f64 = 0.05;
const GOAL_RSS_RATIO: f64 = 0.2;
const GOAL_ZIP_BYTES: u64 = 1024 * 1024;
const GOAL_CONVERSIONS_PER_S: f64 = 1000.0;

fn env_or<T: std::str::FromStr>(k: &str, default: T) -> T {
    std::env::var(k).ok().and_then(|v| v.trim().parse().ok()).unwrap_or(default)
}

fn say(msg: impl AsRef<str>) {
    eprintln!("[bench] {}", msg.as_ref());
}

fn die(msg: impl AsRef<str>) -> ! {
    eprintln!("bench: {}", msg.as_ref());
    std::process::exit(1)
}

/// A build-setting variant of the representative handler.
struct Variant {
    name: &'static str,
    what: &'static str,
    /// Lines of a custom profile inheriting `release`; `None` = the release profile itself.
    profile: Option<&'static str>,
    /// Built from a copy of the project with mimalloc as its global allocator.
    with_mimalloc: bool,
    /// Built for this target instead of the host's (the release profile).
    target: Option<&'static str>,
}

const VARIANTS: &[Variant] = &[
    Variant { name: "generated", what: "the generated profile, as deployed", profile: None, with_mimalloc: false, target: None },
    Variant { name: "opt-level-3", what: "`opt-level = 3` instead of `\"z\"`", profile: Some("opt-level = 3"), with_mimalloc: false, target: None },
    Variant { name: "opt-level-s", what: "`opt-level = \"s\"`", profile: Some("opt-level = \"s\""), with_mimalloc: false, target: None },
    Variant { name: "no-lto", what: "`lto = false` (thin local LTO)", profile: Some("lto = false"), with_mimalloc: false, target: None },
    Variant { name: "cgu-16", what: "`codegen-units = 16`", profile: Some("codegen-units = 16"), with_mimalloc: false, target: None },
    Variant { name: "unwind", what: "`panic = \"unwind\"`", profile: Some("panic = \"unwind\""), with_mimalloc: false, target: None },
    Variant { name: "no-strip", what: "`strip = false`", profile: Some("strip = false"), with_mimalloc: false, target: None },
    Variant { name: "mimalloc", what: "mimalloc as global allocator (the spec's 4.2 suggestion)", profile: None, with_mimalloc: true, target: None },
    Variant {
        name: "cargo-default",
        what: "cargo's release defaults (opt-level 3, no LTO, 16 CGUs, unwind, no strip)",
        profile: Some("opt-level = 3\nlto = false\ncodegen-units = 16\npanic = \"unwind\"\nstrip = false"),
        with_mimalloc: false,
        target: None,
    },
    Variant {
        name: "glibc",
        what: "dynamically linked with glibc, as `cargo lambda build --arm64` and `sam build` make it",
        profile: None,
        with_mimalloc: false,
        target: Some(GLIBC_TARGET),
    },
];

/// Where `cargo lambda build --target NATIVE_TARGET` leaves a package's binary.
fn native_binary(cfg: &Cfg, package: &str) -> PathBuf {
    cfg.target.join("lambda-native").join(package).join("bootstrap")
}

/// What the generated `build.sh` (and the build backend) deploy: a static musl binary.
/// Native builds use the host's musl target so they can run here.
#[cfg(target_arch = "aarch64")]
const NATIVE_TARGET: &str = "aarch64-unknown-linux-musl";
#[cfg(not(target_arch = "aarch64"))]
const NATIVE_TARGET: &str = "x86_64-unknown-linux-musl";
const ARM64_TARGET: &str = "aarch64-unknown-linux-musl";
#[cfg(target_arch = "aarch64")]
const GLIBC_TARGET: &str = "aarch64-unknown-linux-gnu";
#[cfg(not(target_arch = "aarch64"))]
const GLIBC_TARGET: &str = "x86_64-unknown-linux-gnu";

/// What `scripts/bench` builds unless `BENCH_VARIANTS` says otherwise (`all`, `0`, or a
/// comma-separated list): every variant but `generated` and `mimalloc` is a full build of
/// all dependencies (minutes on 2 cores), so the default keeps within the 15-minute budget.
const DEFAULT_VARIANTS: &[&str] = &["generated", "mimalloc", "opt-level-3", "glibc"];

const MIMALLOC_PKG: &str = "variant_mimalloc";

struct Cfg {
    rounds: usize,
    warm: usize,
    rep: String,
    variants: Vec<String>,
    variant_rounds: usize,
    arm64: bool,
    convert_secs: f64,
    out: PathBuf,
    cache: PathBuf,
    target: PathBuf,
    python: PathBuf,
}

fn main() -> ExitCode {
    let started = Instant::now();
    let cache = cache_dir();
    let variants_env: String = env_or("BENCH_VARIANTS", "1".to_string());
    let variants = match variants_env.as_str() {
        "0" | "" => Vec::new(),
        "1" => DEFAULT_VARIANTS.iter().map(|v| v.to_string()).collect(),
        "all" => VARIANTS.iter().map(|v| v.name.to_string()).collect(),
        list => {
            let mut v: Vec<String> = vec!["generated".into()];
            v.extend(list.split(',').map(|s| s.trim().to_string()).filter(|s| s != "generated"));
            for n in &v {
                if !VARIANTS.iter().any(|x| x.name == n) {
                    die(format!("unknown variant {n}; known: {}", VARIANTS.iter().map(|v| v.name).collect::<Vec<_>>().join(", ")));
                }
            }
            v
        }
    };
    let cfg = Cfg {
        rounds: env_or("BENCH_ROUNDS", 5usize).max(1),
        warm: env_or("BENCH_WARM", 50usize),
        rep: env_or("BENCH_REP", "12".to_string()),
        variants,
        variant_rounds: env_or("BENCH_VARIANT_ROUNDS", 10usize).max(1),
        arm64: env_or("BENCH_ARM64", 1u8) != 0,
        convert_secs: env_or("BENCH_CONVERT_SECS", 1.0f64),
        out: PathBuf::from(env_or("BENCH_OUT", concat!(env!("CARGO_MANIFEST_DIR"), "/results").to_string())),
        target: cache.join("bench-target"),
        python: cache.join("venv/bin/python"),
        cache,
    };
    if !cfg.python.is_file() {
        die(format!("no venv python at {} (scripts/bench creates it)", cfg.python.display()));
    }
    let filter = parse_filter(std::env::var("BENCH_CASES").ok().as_deref());
    let cases = load_cases(&corpus_dir(), &filter).unwrap_or_else(|e| die(format!("cannot load the corpus: {e}")));
    if cases.is_empty() {
        die("no corpus case matches BENCH_CASES");
    }
    let machine = machine_info(&cfg);
    say(format!("{} handlers, {} rounds, {} warm events; machine: {}", cases.len(), cfg.rounds, cfg.warm, machine["summary"]));

    // 1. Conversion speed (first, while nothing else of ours runs).
    let conversion = conversion_speed(&cases, cfg.convert_secs);
    if std::env::args().nth(1).as_deref() == Some("conversion") {
        println!("{}", serde_json::to_string_pretty(&conversion).unwrap_or_default());
        return ExitCode::SUCCESS;
    }
    say(format!(
        "conversion: analyze {:.0}/s, convert {:.0}/s",
        conversion["analyze_per_s"].as_f64().unwrap_or(0.0),
        conversion["convert_per_s"].as_f64().unwrap_or(0.0)
    ));

    // 2. Projects and builds.
    let layout = write_workspaces(&cfg, &cases);
    let mut build_secs = BTreeMap::new();
    for ws in &layout.workspaces {
        let t = Instant::now();
        // Through cargo-lambda, so zig compiles and links any C dependency (mimalloc's) for musl.
        say(format!("cargo lambda build --release --target {NATIVE_TARGET} ({} packages) in {}", ws.packages.len(), ws.dir.display()));
        let lambda_dir = cfg.target.join("lambda-native");
        run_cargo(
            &cfg,
            &ws.dir,
            &["lambda", "build", "--release", "--target", NATIVE_TARGET, "--workspace", "--lambda-dir", &lambda_dir.to_string_lossy()],
        );
        *build_secs.entry("native".to_string()).or_insert(0.0) += t.elapsed().as_secs_f64();
    }
    if cfg.arm64 {
        for ws in &layout.workspaces {
            let t = Instant::now();
            say(format!("cargo lambda build --release --target {ARM64_TARGET} --output-format zip"));
            let lambda_dir = cfg.target.join("lambda");
            run_cargo(
                &cfg,
                &ws.dir,
                &["lambda", "build", "--release", "--target", ARM64_TARGET, "--output-format", "zip", "--workspace", "--lambda-dir", &lambda_dir.to_string_lossy()],
            );
            *build_secs.entry("arm64".to_string()).or_insert(0.0) += t.elapsed().as_secs_f64();
        }
    }
    let rep_case = cases.iter().find(|c| c.name.starts_with(&cfg.rep));
    let mut variant_bins: Vec<(&Variant, PathBuf)> = Vec::new();
    if let (Some(rep), Some(rep_ws)) = (rep_case, layout.rep_ws.as_ref()) {
        let pkg = rep.package_name();
        for v in VARIANTS.iter().filter(|v| cfg.variants.iter().any(|n| n == v.name)) {
            // One full release build of the representative package with `extra` cargo args.
            let mut build = |extra: &[&str]| {
                let t = Instant::now();
                say(format!("variant {}: cargo build {} -p {pkg}", v.name, extra.join(" ")));
                run_cargo(&cfg, rep_ws, &[&["build"], extra, &["-p", &pkg]].concat());
                build_secs.insert(format!("variant {}", v.name), t.elapsed().as_secs_f64());
            };
            let bin = match (v.target, v.profile, v.with_mimalloc) {
                (Some(target), _, _) => {
                    build(&["--release", "--target", target]);
                    cfg.target.join(target).join("release").join(&pkg)
                }
                (None, _, true) if !layout.has_mimalloc_variant => continue,
                (None, _, true) => native_binary(&cfg, MIMALLOC_PKG),
                (None, None, false) => native_binary(&cfg, &pkg),
                (None, Some(_), false) => {
                    let profile = format!("bench-{}", v.name);
                    build(&["--profile", &profile, "--target", NATIVE_TARGET]);
                    cfg.target.join(NATIVE_TARGET).join(&profile).join(&pkg)
                }
            };
            variant_bins.push((v, bin));
        }
    }

    // Deployment packages for Python: the handler module alone (the runtime is AWS's).
    let py_root = cfg.cache.join("bench/python");
    let mut py_dirs = BTreeMap::new();
    for c in &cases {
        let dir = py_root.join(&c.name);
        let file = format!("{}.py", c.module.replace('.', "/"));
        sync_files(&dir, [(file.as_str(), c.source.as_str())], &[]).unwrap_or_else(|e| die(format!("{}: {e}", dir.display())));
        py_dirs.insert(c.name.clone(), (dir, file));
    }

    // 3. Cold starts, Rust and Python, alternating.
    let mut per_case: Vec<CaseResult> = cases.iter().map(CaseResult::new).collect();
    for round in 0..cfg.rounds {
        say(format!("cold starts, round {}/{}", round + 1, cfg.rounds));
        for (c, r) in cases.iter().zip(per_case.iter_mut()) {
            let event = &c.events[0].event;
            let warm: Vec<Value> = if round == 0 {
                (0..cfg.warm).map(|i| c.events[(i + 1) % c.events.len()].event.clone()).collect()
            } else {
                Vec::new()
            };
            let rust = Launch::binary(native_binary(&cfg, &c.package_name()), &c.env);
            let (dir, _) = &py_dirs[&c.name];
            let py = Launch::python(cfg.python.clone(), dir.clone(), &c.module, &c.function, &c.env);
            let order: [(&Launch, bool); 2] = if round % 2 == 0 { [(&rust, true), (&py, false)] } else { [(&py, false), (&rust, true)] };
            for (launch, is_rust) in order {
                let run = cold_run(launch, event, &warm, TIMEOUT)
                    .unwrap_or_else(|e| die(format!("{} ({}): {e}", c.name, if is_rust { "Rust" } else { "Python" })));
                let expected = c.events[0].expected.as_ref();
                let ok = expected.is_none_or(|e| outcome_matches(e, &run.outcome).is_ok());
                let side = if is_rust { &mut r.rust } else { &mut r.python };
                side.push(run, ok);
            }
        }
    }

    // Sizes.
    for (c, r) in cases.iter().zip(per_case.iter_mut()) {
        let (dir, file) = &py_dirs[&c.name];
        r.python_zip = zip_size(&cfg, &dir.join(file), file);
        if cfg.arm64 {
            r.bootstrap = file_size(&cfg.target.join(ARM64_TARGET).join("release").join(c.package_name()));
            r.bootstrap_zip = file_size(&cfg.target.join("lambda").join(c.package_name()).join("bootstrap.zip"));
        }
    }

    // 4. Variants: size and cold start of the representative handler.
    let mut variant_results = Vec::new();
    if let Some(rep) = rep_case.filter(|_| !variant_bins.is_empty()) {
        let mut runs: Vec<Side> = variant_bins.iter().map(|_| Side::default()).collect();
        for round in 0..cfg.variant_rounds {
            say(format!("variants, round {}/{}", round + 1, cfg.variant_rounds));
            for (i, (_, bin)) in variant_bins.iter().enumerate() {
                let warm: Vec<Value> = if round == 0 {
                    (0..cfg.warm).map(|k| rep.events[(k + 1) % rep.events.len()].event.clone()).collect()
                } else {
                    Vec::new()
                };
                let run = cold_run(&Launch::binary(bin.clone(), &rep.env), &rep.events[0].event, &warm, TIMEOUT)
                    .unwrap_or_else(|e| die(format!("variant {}: {e}", variant_bins[i].0.name)));
                let ok = rep.events[0].expected.as_ref().is_none_or(|e| outcome_matches(e, &run.outcome).is_ok());
                runs[i].push(run, ok);
            }
        }
        let arm64_mimalloc = cfg.target.join("lambda").join(MIMALLOC_PKG).join("bootstrap.zip");
        for ((v, bin), side) in variant_bins.iter().zip(runs) {
            let arm64_zip = match v.name {
                "generated" => file_size(&cfg.target.join("lambda").join(rep.package_name()).join("bootstrap.zip")),
                "mimalloc" => file_size(&arm64_mimalloc),
                _ => None,
            };
            variant_results.push(json!({
                "name": v.name,
                "what": v.what,
                "profile": v.profile,
                "binary_bytes": file_size(bin),
                "zip_bytes": zip_size(&cfg, bin, "bootstrap"),
                "arm64_zip_bytes": arm64_zip,
                "build_secs": build_secs.get(&format!("variant {}", v.name)),
                "runs": side.to_json(),
            }));
        }
    }

    let browser = std::env::var_os("BENCH_BROWSER_MD")
        .map(PathBuf::from)
        .filter(|p| p.is_file())
        .and_then(|p| fs::read_to_string(p).ok());

    let results = json!({
        "date": date_utc(),
        "command": "scripts/bench",
        "machine": machine,
        "settings": {
            "rounds": cfg.rounds, "warm_events": cfg.warm, "representative": rep_case.map(|c| c.name.clone()),
            "variant_rounds": cfg.variant_rounds, "arm64": cfg.arm64,
            "generated_profiles": layout.workspaces.iter().map(|w| json!({"profile": w.profile, "packages": w.packages})).collect::<Vec<_>>(),
        },
        "conversion": conversion,
        "build_secs": build_secs,
        "handlers": per_case.iter().map(CaseResult::to_json).collect::<Vec<_>>(),
        "variants": variant_results,
        "browser_markdown": browser,
        "total_secs": started.elapsed().as_secs_f64(),
    });
    let md = report(&results);
    println!("{md}");
    fs::create_dir_all(&cfg.out).unwrap_or_else(|e| die(format!("{}: {e}", cfg.out.display())));
    let json_path = cfg.out.join("latest.json");
    fs::write(&json_path, serde_json::to_string_pretty(&results).unwrap_or_default() + "\n")
        .unwrap_or_else(|e| die(format!("{}: {e}", json_path.display())));
    fs::write(cfg.out.join("latest.md"), &md).unwrap_or_else(|e| die(format!("{}: {e}", cfg.out.display())));
    say(format!("wrote {} and latest.md ({:.0} s in all)", json_path.display(), started.elapsed().as_secs_f64()));
    let all_ok = per_case.iter().all(|r| r.rust.all_ok && r.python.all_ok);
    if all_ok {
        ExitCode::SUCCESS
    } else {
        say("some outputs differed from the corpus's expected ones (see the `output` column)");
        ExitCode::from(1)
    }
}

// ---------------------------------------------------------------------------------------------
// Measurements kept per handler.

#[derive(Default)]
struct Side {
    init: Vec<f64>,
    cold: Vec<f64>,
    rss_kib: Vec<f64>,
    rss_warm_kib: Vec<f64>,
    warm: Vec<f64>,
    all_ok: bool,
    runs: usize,
}

impl Side {
    fn push(&mut self, r: ColdRun, ok: bool) {
        self.all_ok = if self.runs == 0 { ok } else { self.all_ok && ok };
        self.runs += 1;
        self.init.push(r.init_ms);
        self.cold.push(r.cold_ms);
        self.rss_kib.push(r.peak_rss_kib as f64);
        if !r.warm_ms.is_empty() {
            self.rss_warm_kib.push(r.peak_rss_warm_kib as f64);
        }
        self.warm.extend(r.warm_ms);
    }

    fn to_json(&self) -> Value {
        let s = |xs: &[f64]| json!({"median": median(xs), "p95": percentile(xs, 95.0), "all": xs});
        json!({
            "init_ms": s(&self.init),
            "cold_ms": s(&self.cold),
            "peak_rss_kib": s(&self.rss_kib),
            "peak_rss_after_warm_kib": s(&self.rss_warm_kib),
            "warm_ms": {"p50": percentile(&self.warm, 50.0), "p95": percentile(&self.warm, 95.0), "all": self.warm},
            "output_matches_expected": self.all_ok,
        })
    }
}

struct CaseResult {
    name: String,
    rust: Side,
    python: Side,
    bootstrap: Option<u64>,
    bootstrap_zip: Option<u64>,
    python_zip: Option<u64>,
}

impl CaseResult {
    fn new(c: &Case) -> Self {
        CaseResult { name: c.name.clone(), rust: Side::default(), python: Side::default(), bootstrap: None, bootstrap_zip: None, python_zip: None }
    }

    fn to_json(&self) -> Value {
        let ratio = |a: &[f64], b: &[f64]| median(a) / median(b);
        json!({
            "name": self.name,
            "rust": self.rust.to_json(),
            "python": self.python.to_json(),
            "cold_ratio": ratio(&self.rust.cold, &self.python.cold),
            "init_ratio": ratio(&self.rust.init, &self.python.init),
            "rss_ratio": ratio(&self.rust.rss_kib, &self.python.rss_kib),
            "arm64_bootstrap_bytes": self.bootstrap,
            "arm64_bootstrap_zip_bytes": self.bootstrap_zip,
            "python_zip_bytes": self.python_zip,
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Conversion speed.

fn conversion_speed(cases: &[Case], secs: f64) -> Value {
    let inputs: Vec<(&str, AnalyzeOptions, ConvertOptions)> = cases
        .iter()
        .map(|c| {
            let a = AnalyzeOptions { handler: Some(c.function.clone()), ..Default::default() };
            let o = ConvertOptions { handler: Some(c.function.clone()), package_name: Some(c.package_name()), ..Default::default() };
            (c.source.as_str(), a, o)
        })
        .collect();
    let bytes: usize = inputs.iter().map(|i| i.0.len()).sum();
    let lines: usize = inputs.iter().map(|i| i.0.lines().count()).sum();
    // Warm-up, and a check that every handler converts.
    for (src, a, o) in &inputs {
        std::hint::black_box(analyze(src, a));
        if let Err(d) = convert(src, o) {
            die(format!("a corpus handler does not convert: {:?}", d.first()));
        }
    }
    let time = |f: &dyn Fn(usize)| {
        let mut per_handler = Vec::new();
        let t = Instant::now();
        let mut n = 0;
        while t.elapsed().as_secs_f64() < secs || n == 0 {
            for i in 0..inputs.len() {
                let s = Instant::now();
                f(i);
                per_handler.push(s.elapsed().as_secs_f64() * 1000.0);
            }
            n += inputs.len();
        }
        let total = t.elapsed().as_secs_f64();
        (n as f64 / total, per_handler)
    };
    let (a_rate, a_ms) = time(&|i| {
        std::hint::black_box(analyze(inputs[i].0, &inputs[i].1));
    });
    let (c_rate, c_ms) = time(&|i| {
        let _ = std::hint::black_box(convert(inputs[i].0, &inputs[i].2));
    });
    json!({
        "handlers": inputs.len(), "source_bytes": bytes, "source_lines": lines,
        "analyze_per_s": a_rate, "analyze_ms_p50": percentile(&a_ms, 50.0), "analyze_ms_p95": percentile(&a_ms, 95.0),
        "convert_per_s": c_rate, "convert_ms_p50": percentile(&c_ms, 50.0), "convert_ms_p95": percentile(&c_ms, 95.0),
        "threads": 1,
    })
}

// ---------------------------------------------------------------------------------------------
// Projects as workspaces.

struct Workspace {
    dir: PathBuf,
    profile: String,
    packages: Vec<String>,
}

struct Layout {
    workspaces: Vec<Workspace>,
    /// The workspace holding the representative handler and the variant profiles.
    rep_ws: Option<PathBuf>,
    has_mimalloc_variant: bool,
}

/// Splits a generated Cargo.toml into (the file without `[profile.release]`, that section's body).
fn split_profile(toml: &str) -> (String, String) {
    let head = "[profile.release]\n";
    let Some(start) = toml.find(head) else { return (toml.to_string(), String::new()) };
    let body_start = start + head.len();
    let end = toml[body_start..].find("\n[").map(|i| body_start + i + 1).unwrap_or(toml.len());
    (format!("{}{}", &toml[..start], &toml[end..]), toml[body_start..end].trim().to_string())
}

fn write_if_changed(path: &Path, contents: &str) {
    if fs::read_to_string(path).is_ok_and(|old| old == contents) {
        return;
    }
    fs::write(path, contents).unwrap_or_else(|e| die(format!("{}: {e}", path.display())));
}

/// Converts every case and writes one cargo workspace per distinct generated release profile
/// (normally one): `$DEPYLER_CACHE/bench/ws[-N]/<case>/`, the profile at the root.
fn write_workspaces(cfg: &Cfg, cases: &[Case]) -> Layout {
    let mut groups: Vec<(String, Vec<(&Case, Vec<(String, String)>)>)> = Vec::new();
    for c in cases {
        let opts = ConvertOptions { handler: Some(c.function.clone()), package_name: Some(c.package_name()), ..Default::default() };
        let project = convert(&c.source, &opts).unwrap_or_else(|d| die(format!("{} does not convert: {:?}", c.name, d.first())));
        let mut profile = String::new();
        let files: Vec<(String, String)> = project
            .files
            .iter()
            .map(|f| {
                if f.path == "Cargo.toml" {
                    let (rest, p) = split_profile(&f.contents);
                    profile = p;
                    (f.path.clone(), rest)
                } else {
                    (f.path.clone(), f.contents.to_string())
                }
            })
            .collect();
        match groups.iter_mut().find(|g| g.0 == profile) {
            Some(g) => g.1.push((c, files)),
            None => groups.push((profile, vec![(c, files)])),
        }
    }
    let mut layout = Layout { workspaces: Vec::new(), rep_ws: None, has_mimalloc_variant: false };
    for (i, (profile, members)) in groups.iter().enumerate() {
        let dir = cfg.cache.join(if i == 0 { "bench/ws".to_string() } else { format!("bench/ws-{i}") });
        let mut names = Vec::new();
        let mut packages = Vec::new();
        let mut extra_profiles = String::new();
        for (c, files) in members {
            let member = c.name.clone();
            sync_files(&dir.join(&member), files.iter().map(|(p, s)| (p.as_str(), s.as_str())), &[])
                .unwrap_or_else(|e| die(format!("{}: {e}", dir.display())));
            names.push(member);
            packages.push(c.package_name());
            if c.name.starts_with(&cfg.rep) && layout.rep_ws.is_none() {
                layout.rep_ws = Some(dir.clone());
                for v in VARIANTS {
                    if let Some(p) = v.profile {
                        let _ = write!(extra_profiles, "\n[profile.bench-{}]\ninherits = \"release\"\n{p}\n", v.name);
                    }
                }
                // The same project with mimalloc as its global allocator.
                let toml = files.iter().find(|f| f.0 == "Cargo.toml").map(|f| f.1.as_str()).unwrap_or("");
                let main = files.iter().find(|f| f.0 == "src/main.rs").map(|f| f.1.as_str()).unwrap_or("");
                if toml.contains("\n[dependencies]\n") && !main.contains("#[global_allocator]") {
                    let toml2: String = toml
                        .lines()
                        .map(|l| match l {
                            l if l.starts_with("name = ") => format!("name = \"{MIMALLOC_PKG}\""),
                            "[dependencies]" => "[dependencies]\nmimalloc = \"0.1\"".to_string(),
                            l => l.to_string(),
                        })
                        .collect::<Vec<_>>()
                        .join("\n")
                        + "\n";
                    let main2 = format!(
                        "{main}\n#[global_allocator]\nstatic GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;\n"
                    );
                    let files2: Vec<(String, String)> = files
                        .iter()
                        .map(|(p, s)| match p.as_str() {
                            "Cargo.toml" => (p.clone(), toml2.clone()),
                            "src/main.rs" => (p.clone(), main2.clone()),
                            _ => (p.clone(), s.clone()),
                        })
                        .collect();
                    sync_files(&dir.join("variant-mimalloc"), files2.iter().map(|(p, s)| (p.as_str(), s.as_str())), &[])
                        .unwrap_or_else(|e| die(format!("{}: {e}", dir.display())));
                    names.push("variant-mimalloc".into());
                    layout.has_mimalloc_variant = true;
                }
            }
        }
        let root = format!(
            "# Written by the bench crate (scripts/bench): the corpus projects as one workspace, so\n\
             # their dependencies build once. The [profile.release] below is the one the converter\n\
             # generated for every member (member profiles are ignored in a workspace).\n\
             [workspace]\nresolver = \"2\"\nmembers = [{}]\n\n[profile.release]\n{profile}\n{extra_profiles}",
            names.iter().map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(", ")
        );
        write_if_changed(&dir.join("Cargo.toml"), &root);
        layout.workspaces.push(Workspace { dir, profile: profile.clone(), packages });
    }
    layout
}

fn run_cargo(cfg: &Cfg, dir: &Path, args: &[&str]) {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let out = Command::new(cargo)
        .args(args)
        .arg("--quiet")
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", &cfg.target)
        .output()
        .unwrap_or_else(|e| die(format!("cannot run cargo: {e}")));
    if !out.status.success() {
        let text = String::from_utf8_lossy(&out.stderr);
        let lines: Vec<&str> = text.lines().collect();
        die(format!("`cargo {}` in {} failed:\n{}", args.join(" "), dir.display(), lines[lines.len().saturating_sub(40)..].join("\n")));
    }
}

// ---------------------------------------------------------------------------------------------
// Sizes and machine.

fn file_size(p: &Path) -> Option<u64> {
    fs::metadata(p).ok().map(|m| m.len())
}

/// Size of a zip holding `file` as `name` (deflate, Python's zipfile defaults, as cargo-lambda).
fn zip_size(cfg: &Cfg, file: &Path, name: &str) -> Option<u64> {
    let out = std::env::temp_dir().join(format!("depyler-bench-{}.zip", std::process::id()));
    let ok = Command::new(&cfg.python)
        .args([
            "-c",
            "import sys, zipfile\nwith zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z: z.write(sys.argv[2], sys.argv[3])",
        ])
        .arg(&out)
        .arg(file)
        .arg(name)
        .status()
        .is_ok_and(|s| s.success());
    let size = if ok { file_size(&out) } else { None };
    let _ = fs::remove_file(&out);
    size
}

fn command_line(program: &str, args: &[&str]) -> String {
    Command::new(program)
        .args(args)
        .output()
        .ok()
        .map(|o| format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr)).trim().to_string())
        .unwrap_or_default()
}

fn date_utc() -> String {
    command_line("date", &["-u", "+%Y-%m-%d %H:%M UTC"])
}

fn machine_info(cfg: &Cfg) -> Value {
    let cpuinfo = fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo.lines().find(|l| l.starts_with("model name")).and_then(|l| l.split(':').nth(1)).unwrap_or("?").trim().to_string();
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let mem_kib: u64 = fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| m.lines().next().and_then(|l| l.split_whitespace().nth(1)).and_then(|v| v.parse().ok()))
        .unwrap_or(0);
    let load = fs::read_to_string("/proc/loadavg").unwrap_or_default().split_whitespace().next().unwrap_or("?").to_string();
    let kernel = fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default().trim().to_string();
    let rustc = command_line("rustc", &["-V"]);
    let python = command_line(&cfg.python.to_string_lossy(), &["-V"]);
    let arch = std::env::consts::ARCH;
    json!({
        "summary": format!("{cores} cores ({model}), {:.0} GiB, {arch}, load {load}", mem_kib as f64 / 1024.0 / 1024.0),
        "cores": cores, "cpu": model, "mem_kib": mem_kib, "arch": arch, "kernel": kernel,
        "load_average_1m_at_start": load, "rustc": rustc, "python": python,
    })
}

// ---------------------------------------------------------------------------------------------
// The Markdown report.

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or(f64::NAN)
}

fn ms_str(v: f64) -> String {
    if v.is_nan() {
        "–".into()
    } else if v < 10.0 {
        format!("{v:.2}")
    } else {
        format!("{v:.0}")
    }
}

fn mib_kib(kib: f64) -> String {
    format!("{:.1}", kib / 1024.0)
}

fn bytes_str(b: &Value) -> String {
    match b.as_u64() {
        None => "–".into(),
        Some(n) if n >= 1024 * 1024 => format!("{:.2} MB", n as f64 / MIB),
        Some(n) => format!("{:.1} KB", n as f64 / 1024.0),
    }
}

fn check(ok: bool) -> &'static str {
    if ok {
        "✅"
    } else {
        "❌"
    }
}

fn report(r: &Value) -> String {
    let mut o = String::new();
    let m = &r["machine"];
    let hs = r["handlers"].as_array().cloned().unwrap_or_default();
    let rounds = &r["settings"]["rounds"];
    let warm = &r["settings"]["warm_events"];
    let _ = writeln!(
        o,
        "Measured {} on {} (Linux {}, {}, {}); `scripts/bench` ({} handlers, {rounds} cold rounds each side, {warm} warm events).\n",
        r["date"].as_str().unwrap_or("?"),
        m["summary"].as_str().unwrap_or("?"),
        m["kernel"].as_str().unwrap_or("?"),
        m["rustc"].as_str().unwrap_or("?"),
        m["python"].as_str().unwrap_or("?"),
        hs.len()
    );

    // Goals.
    let cold_ratios: Vec<f64> = hs.iter().map(|h| f(&h["cold_ratio"])).collect();
    let rss_ratios: Vec<f64> = hs.iter().map(|h| f(&h["rss_ratio"])).collect();
    let zips: Vec<u64> = hs.iter().filter_map(|h| h["arm64_bootstrap_zip_bytes"].as_u64()).collect();
    let max_zip = zips.iter().copied().max();
    let conv = &r["conversion"];
    let worst = |xs: &[f64]| xs.iter().copied().fold(f64::NAN, f64::max);
    let met = |xs: &[f64], g: f64| xs.iter().filter(|&&x| x <= g).count();
    let _ = writeln!(o, "| goal | measured | met |\n| --- | --- | --- |");
    let _ = writeln!(
        o,
        "| cold start (spawn → first response) Rust ≤ {GOAL_COLD_RATIO} × Python | median ratio {:.3}, worst {:.3} ({}/{} handlers) | {} |",
        median(&cold_ratios),
        worst(&cold_ratios),
        met(&cold_ratios, GOAL_COLD_RATIO),
        hs.len(),
        check(met(&cold_ratios, GOAL_COLD_RATIO) == hs.len())
    );
    let _ = writeln!(
        o,
        "| peak RSS Rust ≤ {GOAL_RSS_RATIO} × Python | median ratio {:.3}, worst {:.3} ({}/{} handlers) | {} |",
        median(&rss_ratios),
        worst(&rss_ratios),
        met(&rss_ratios, GOAL_RSS_RATIO),
        hs.len(),
        check(met(&rss_ratios, GOAL_RSS_RATIO) == hs.len())
    );
    match max_zip {
        Some(z) => {
            let _ = writeln!(
                o,
                "| arm64 `bootstrap.zip` ≤ 1 MB | largest {} ({}/{} handlers) | {} |",
                bytes_str(&json!(z)),
                zips.iter().filter(|&&b| b <= GOAL_ZIP_BYTES).count(),
                hs.len(),
                check(zips.iter().all(|&b| b <= GOAL_ZIP_BYTES) && zips.len() == hs.len())
            );
        }
        None => {
            let _ = writeln!(o, "| arm64 `bootstrap.zip` ≤ 1 MB | not built (BENCH_ARM64=0) | – |");
        }
    }
    let cps = f(&conv["convert_per_s"]);
    let _ = writeln!(
        o,
        "| native conversion ≥ {GOAL_CONVERSIONS_PER_S:.0} handlers/s | {cps:.0}/s (analysis alone {:.0}/s), one thread | {} |",
        f(&conv["analyze_per_s"]),
        check(cps >= GOAL_CONVERSIONS_PER_S)
    );

    // Per handler.
    let _ = writeln!(
        o,
        "\nPer handler (times in ms, medians of {rounds} fresh processes, p95 after `/`; RSS = peak resident set, MiB; \
         warm = per-invocation latency p50 over {warm} events through one process; sizes: arm64 build):\n"
    );
    let _ = writeln!(
        o,
        "| handler | init Rust | init Py | cold start Rust | cold start Py | ratio | RSS Rust | RSS Py | ratio | warm Rust | warm Py | bootstrap | bootstrap.zip | Py zip | output |"
    );
    let _ = writeln!(o, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
    for h in &hs {
        let (ru, py) = (&h["rust"], &h["python"]);
        let ok = ru["output_matches_expected"].as_bool() == Some(true) && py["output_matches_expected"].as_bool() == Some(true);
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} / {} | {} / {} | {:.3} | {} | {} | {:.2} | {} | {} | {} | {} | {} | {} |",
            h["name"].as_str().unwrap_or("?"),
            ms_str(f(&ru["init_ms"]["median"])),
            ms_str(f(&py["init_ms"]["median"])),
            ms_str(f(&ru["cold_ms"]["median"])),
            ms_str(f(&ru["cold_ms"]["p95"])),
            ms_str(f(&py["cold_ms"]["median"])),
            ms_str(f(&py["cold_ms"]["p95"])),
            f(&h["cold_ratio"]),
            mib_kib(f(&ru["peak_rss_kib"]["median"])),
            mib_kib(f(&py["peak_rss_kib"]["median"])),
            f(&h["rss_ratio"]),
            ms_str(f(&ru["warm_ms"]["p50"])),
            ms_str(f(&py["warm_ms"]["p50"])),
            bytes_str(&h["arm64_bootstrap_bytes"]),
            bytes_str(&h["arm64_bootstrap_zip_bytes"]),
            bytes_str(&h["python_zip_bytes"]),
            if ok { "same" } else { "DIFFERS" }
        );
    }
    let col = |side: &str, k: &str, s: &str| -> Vec<f64> { hs.iter().map(|h| f(&h[side][k][s])).collect() };
    let _ = writeln!(
        o,
        "| **median of handlers** | {} | {} | {} | {} | {:.3} | {} | {} | {:.2} | {} | {} | | | | |",
        ms_str(median(&col("rust", "init_ms", "median"))),
        ms_str(median(&col("python", "init_ms", "median"))),
        ms_str(median(&col("rust", "cold_ms", "median"))),
        ms_str(median(&col("python", "cold_ms", "median"))),
        median(&cold_ratios),
        mib_kib(median(&col("rust", "peak_rss_kib", "median"))),
        mib_kib(median(&col("python", "peak_rss_kib", "median"))),
        median(&rss_ratios),
        ms_str(median(&col("rust", "warm_ms", "p50"))),
        ms_str(median(&col("python", "warm_ms", "p50"))),
    );

    // Variants.
    if let Some(vs) = r["variants"].as_array().filter(|v| !v.is_empty()) {
        let vr = &r["settings"]["variant_rounds"];
        let _ = writeln!(
            o,
            "\nBuild settings, measured on `{}` (one full release build each; native {} build, so sizes are for {} — \
             the arm64 zip is given where it was built; cold start = median of {vr} fresh processes):\n",
            r["settings"]["representative"].as_str().unwrap_or("?"),
            m["arch"].as_str().unwrap_or("?"),
            m["arch"].as_str().unwrap_or("?"),
        );
        let _ = writeln!(o, "| variant | change | binary | zip | arm64 zip | cold start | init | RSS MiB | warm p50 | build |");
        let _ = writeln!(o, "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for v in vs {
            let runs = &v["runs"];
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
                v["name"].as_str().unwrap_or("?"),
                v["what"].as_str().unwrap_or(""),
                bytes_str(&v["binary_bytes"]),
                bytes_str(&v["zip_bytes"]),
                bytes_str(&v["arm64_zip_bytes"]),
                ms_str(f(&runs["cold_ms"]["median"])),
                ms_str(f(&runs["init_ms"]["median"])),
                mib_kib(f(&runs["peak_rss_kib"]["median"])),
                ms_str(f(&runs["warm_ms"]["p50"])),
                v["build_secs"].as_f64().map(|s| format!("{s:.0} s")).unwrap_or_else(|| "–".into()),
            );
        }
    }

    // Conversion.
    let _ = writeln!(
        o,
        "\nConversion speed (native, release, one thread, {} corpus handlers, {} lines in all):\n\n\
         | step | handlers/s | per handler p50 / p95 |\n| --- | ---: | ---: |\n\
         | `depyler_core::analyze` | {:.0} | {:.3} / {:.3} ms |\n\
         | `package::convert` (analysis + lowering + Rust + project files) | {:.0} | {:.3} / {:.3} ms |",
        conv["handlers"],
        conv["source_lines"],
        f(&conv["analyze_per_s"]),
        f(&conv["analyze_ms_p50"]),
        f(&conv["analyze_ms_p95"]),
        cps,
        f(&conv["convert_ms_p50"]),
        f(&conv["convert_ms_p95"]),
    );
    if let Some(b) = r["browser_markdown"].as_str() {
        let _ = writeln!(o, "\nPlayground in the browser (`tests/browser/bench.mjs` run by `scripts/bench`, headless Chromium):\n\n{}", b.trim());
    }
    let builds = r["build_secs"].as_object().map(|m| {
        m.iter().map(|(k, v)| format!("{k} {:.0} s", v.as_f64().unwrap_or(0.0))).collect::<Vec<_>>().join(", ")
    });
    let _ = writeln!(o, "\nBuild times: {}; whole run {:.0} s.", builds.unwrap_or_default(), f(&r["total_secs"]));
    o
}
