//! Configuration: flags win over environment variables, which win over defaults.
//!
//! `scripts/serve` exports `PORT`, `DEPYLER_BIND`, `DEPYLER_DIST` and `DEPYLER_CACHE`; every
//! other knob has a default sized for the 2-core machine the project is developed on.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

pub const USAGE: &str = "\
build-backend: serves the playground (dist/) and builds Lambda artifacts with cargo-lambda

usage: build-backend [flags]

  --bind ADDR           listen address (env DEPYLER_BIND; default 127.0.0.1:8080)
  --host HOST           listen host (env DEPYLER_HOST); replaces the host part of --bind
  --port PORT           listen port (env PORT); 0 picks a free port
  --dist DIR            static files of the playground (env DEPYLER_DIST; default ./dist)
  --cache-dir DIR       artifact cache and build projects (env DEPYLER_BUILD_CACHE;
                        default $DEPYLER_CACHE/backend, DEPYLER_CACHE=~/.cache/depyler-lambda)
  --target-dir DIR      shared CARGO_TARGET_DIR root (env DEPYLER_TARGET_DIR;
                        default $DEPYLER_CACHE/backend-target)
  --venv DIR            venv with cargo-lambda and ziglang, put first on PATH
                        (env DEPYLER_VENV; default $DEPYLER_CACHE/venv)
  --concurrency N       builds at the same time (env DEPYLER_BUILD_CONCURRENCY; default 1)
  --max-queue N         builds waiting at most; more get 429 (env DEPYLER_BUILD_QUEUE; default 16)
  --build-timeout SECS  per-build limit, the whole process tree is killed
                        (env DEPYLER_BUILD_TIMEOUT; default 900)
  --max-body BYTES      request body limit, larger gets 413 (env DEPYLER_MAX_BODY; default 262144)
  --cache-max-mb MB     disk cap of the artifact cache, oldest evicted
                        (env DEPYLER_CACHE_MAX_MB; default 2048)
";

#[derive(Debug, Clone)]
pub struct Config {
    pub bind: SocketAddr,
    pub dist: PathBuf,
    pub cache_dir: PathBuf,
    pub target_dir: PathBuf,
    pub venv: PathBuf,
    pub concurrency: usize,
    pub max_queue: usize,
    pub build_timeout: Duration,
    pub max_body: usize,
    pub cache_max_bytes: u64,
}

/// What `parse` wants: run with this config, or print the usage.
#[derive(Debug)]
pub enum Parsed {
    Run(Box<Config>),
    Help,
}

/// `args` without the program name; `env` looks up a variable (empty counts as unset).
pub fn parse(args: &[String], env: &dyn Fn(&str) -> Option<String>) -> Result<Parsed, String> {
    let env = |k: &str| env(k).filter(|v| !v.trim().is_empty());
    let mut flags = std::collections::HashMap::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        if arg == "-h" || arg == "--help" {
            return Ok(Parsed::Help);
        }
        let Some(name) = arg.strip_prefix("--") else {
            return Err(format!("unexpected argument `{arg}` (see --help)"));
        };
        // Both `--flag value` and `--flag=value`.
        let (name, value) = match name.split_once('=') {
            Some((n, v)) => (n.to_string(), v.to_string()),
            None => {
                let v = it.next().ok_or_else(|| format!("--{name} needs a value"))?;
                (name.to_string(), v.clone())
            }
        };
        const KNOWN: [&str; 12] = [
            "bind", "host", "port", "dist", "cache-dir", "target-dir", "venv", "concurrency",
            "max-queue", "build-timeout", "max-body", "cache-max-mb",
        ];
        if !KNOWN.contains(&name.as_str()) {
            return Err(format!("unknown flag --{name} (see --help)"));
        }
        flags.insert(name, value);
    }
    let get = |flag: &str, var: &str| flags.get(flag).cloned().or_else(|| env(var));

    let cache_root = env("DEPYLER_CACHE").map(PathBuf::from).unwrap_or_else(|| {
        let home = env("HOME").map(PathBuf::from).unwrap_or_else(std::env::temp_dir);
        home.join(".cache/depyler-lambda")
    });

    let bind_text = get("bind", "DEPYLER_BIND").unwrap_or_else(|| "127.0.0.1:8080".into());
    let mut bind: SocketAddr =
        bind_text.parse().map_err(|_| format!("bind address `{bind_text}` is not HOST:PORT with an IP host"))?;
    // With no explicit bind address, PORT and DEPYLER_HOST adjust the default; flags always win.
    let bind_given = flags.contains_key("bind") || env("DEPYLER_BIND").is_some();
    let host = flags.get("host").cloned().or_else(|| if bind_given { None } else { env("DEPYLER_HOST") });
    if let Some(h) = host {
        bind.set_ip(h.parse().map_err(|_| format!("host `{h}` is not an IP address"))?);
    }
    let port = flags.get("port").cloned().or_else(|| if bind_given { None } else { env("PORT") });
    if let Some(p) = port {
        bind.set_port(p.parse().map_err(|_| format!("port `{p}` is not a number 0-65535"))?);
    }

    let number = |flag: &str, var: &str, default: u64, min: u64| -> Result<u64, String> {
        match get(flag, var) {
            None => Ok(default),
            Some(v) => match v.trim().parse::<u64>() {
                Ok(n) if n >= min => Ok(n),
                _ => Err(format!("--{flag} / {var} must be a whole number >= {min}, got `{v}`")),
            },
        }
    };

    Ok(Parsed::Run(Box::new(Config {
        bind,
        dist: get("dist", "DEPYLER_DIST").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("dist")),
        cache_dir: get("cache-dir", "DEPYLER_BUILD_CACHE").map(PathBuf::from).unwrap_or_else(|| cache_root.join("backend")),
        target_dir: get("target-dir", "DEPYLER_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| cache_root.join("backend-target")),
        venv: get("venv", "DEPYLER_VENV").map(PathBuf::from).unwrap_or_else(|| cache_root.join("venv")),
        concurrency: number("concurrency", "DEPYLER_BUILD_CONCURRENCY", 1, 1)? as usize,
        max_queue: number("max-queue", "DEPYLER_BUILD_QUEUE", 16, 0)? as usize,
        build_timeout: Duration::from_secs(number("build-timeout", "DEPYLER_BUILD_TIMEOUT", 900, 1)?),
        max_body: number("max-body", "DEPYLER_MAX_BODY", 256 * 1024, 1)? as usize,
        cache_max_bytes: number("cache-max-mb", "DEPYLER_CACHE_MAX_MB", 2048, 1)?.saturating_mul(1024 * 1024),
    })))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(args: &[&str], vars: &[(&str, &str)]) -> Result<Config, String> {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        let vars: Vec<(String, String)> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        let env = move |k: &str| vars.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
        match parse(&args, &env)? {
            Parsed::Run(c) => Ok(*c),
            Parsed::Help => Err("help".into()),
        }
    }

    #[test]
    fn defaults() {
        let c = run(&[], &[("HOME", "/h")]).unwrap();
        assert_eq!(c.bind.to_string(), "127.0.0.1:8080");
        assert_eq!(c.cache_dir, PathBuf::from("/h/.cache/depyler-lambda/backend"));
        assert_eq!(c.target_dir, PathBuf::from("/h/.cache/depyler-lambda/backend-target"));
        assert_eq!(c.venv, PathBuf::from("/h/.cache/depyler-lambda/venv"));
        assert_eq!((c.concurrency, c.max_queue, c.max_body), (1, 16, 262144));
    }

    #[test]
    fn env_then_flags() {
        let c = run(&[], &[("PORT", "9000"), ("DEPYLER_CACHE", "/c"), ("DEPYLER_BUILD_CONCURRENCY", "2")]).unwrap();
        assert_eq!(c.bind.to_string(), "127.0.0.1:9000");
        assert_eq!(c.cache_dir, PathBuf::from("/c/backend"));
        assert_eq!(c.concurrency, 2);
        // scripts/serve exports both; they agree, and DEPYLER_BIND is the precise one.
        let c = run(&[], &[("PORT", "9000"), ("DEPYLER_BIND", "127.0.0.1:9001")]).unwrap();
        assert_eq!(c.bind.port(), 9001);
        let c = run(&["--port", "0", "--host=0.0.0.0", "--max-queue", "0"], &[("DEPYLER_BIND", "127.0.0.1:9001")]).unwrap();
        assert_eq!(c.bind.to_string(), "0.0.0.0:0");
        assert_eq!(c.max_queue, 0);
    }

    #[test]
    fn errors_are_messages() {
        assert!(run(&["--port", "x"], &[]).unwrap_err().contains("port"));
        assert!(run(&["--concurrency", "0"], &[]).unwrap_err().contains(">= 1"));
        assert!(run(&["--nope", "1"], &[]).unwrap_err().contains("unknown flag"));
        assert!(run(&["--port"], &[]).unwrap_err().contains("needs a value"));
        assert_eq!(run(&["--help"], &[]).unwrap_err(), "help");
    }
}
