//! The measuring pieces of `scripts/bench` (`cargo run -p bench --release`): one cold start
//! of a Lambda process against a local Runtime API, with init time, cold-start time, peak RSS
//! and optional warm invocations; and the statistics the report uses.
//!
//! The orchestration (conversion, builds, the report) is in `main.rs`.

use runtime_api::{InvokeContext, Outcome, RuntimeApi, BASE_ENV, PASSTHROUGH_ENV};
use serde_json::Value;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How to start one Lambda process: a generated binary, or `python -m awslambdaric module.fn`.
#[derive(Debug, Clone)]
pub struct Launch {
    pub program: PathBuf,
    pub args: Vec<String>,
    pub cwd: Option<PathBuf>,
    /// On top of [`BASE_ENV`] and `AWS_LAMBDA_RUNTIME_API` (the case's `env`, `PYTHONPATH`, …).
    pub env: Vec<(String, String)>,
}

impl Launch {
    /// A generated Lambda binary with the case's environment.
    pub fn binary(path: PathBuf, env: &[(String, String)]) -> Self {
        Launch { program: path, args: Vec::new(), cwd: None, env: env.to_vec() }
    }

    /// `python -m awslambdaric <module>.<function>` run in `dir` (the deployment package),
    /// with `PYTHONPATH=dir` and no bytecode writing (Lambda's `/var/task` is read-only, so a
    /// package without `.pyc` files compiles the handler on every cold start, as here).
    pub fn python(python: PathBuf, dir: PathBuf, module: &str, function: &str, env: &[(String, String)]) -> Self {
        let mut env = env.to_vec();
        env.push(("PYTHONPATH".into(), dir.display().to_string()));
        env.push(("PYTHONDONTWRITEBYTECODE".into(), "1".into()));
        Launch {
            program: python,
            args: vec!["-m".into(), "awslambdaric".into(), format!("{module}.{function}")],
            cwd: Some(dir),
            env,
        }
    }
}

/// One fresh process: timings in milliseconds from just before `spawn`.
#[derive(Debug, Clone)]
pub struct ColdRun {
    /// spawn → the first `GET /invocation/next` (init done).
    pub init_ms: f64,
    /// spawn → the first `/response` (or `/error`): the cold start the caller sees.
    pub cold_ms: f64,
    /// `VmHWM` after the first response, KiB.
    pub peak_rss_kib: u64,
    /// What the first invocation returned.
    pub outcome: Outcome,
    /// submit → result of each warm invocation through the same process.
    pub warm_ms: Vec<f64>,
    /// `VmHWM` after the warm invocations, KiB (equal to `peak_rss_kib` when there were none).
    pub peak_rss_warm_kib: u64,
}

/// `VmHWM` (peak resident set) of a live process, KiB.
pub fn peak_rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

struct KillOnDrop(Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts a Runtime API on 127.0.0.1, queues `event`, spawns the process (cleared environment:
/// [`PASSTHROUGH_ENV`], [`BASE_ENV`], `AWS_LAMBDA_RUNTIME_API`, then `launch.env`; output
/// discarded), and times init and the first response; then runs `warm` events one after the
/// other through the same process, reads its peak RSS and kills it.
pub fn cold_run(launch: &Launch, event: &Value, warm: &[Value], timeout: Duration) -> Result<ColdRun, String> {
    let api = RuntimeApi::start().map_err(|e| format!("cannot start the runtime API: {e}"))?;
    let mut cmd = Command::new(&launch.program);
    cmd.args(&launch.args).env_clear();
    if let Some(d) = &launch.cwd {
        cmd.current_dir(d);
    }
    for k in PASSTHROUGH_ENV {
        if let Some(v) = std::env::var_os(k) {
            cmd.env(k, v);
        }
    }
    for (k, v) in BASE_ENV {
        cmd.env(k, v);
    }
    cmd.env("AWS_LAMBDA_RUNTIME_API", api.address());
    for (k, v) in &launch.env {
        cmd.env(k, v);
    }
    cmd.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null());
    let ctx = InvokeContext::default();
    let ticket = api.submit(event, &ctx);

    let t0 = Instant::now();
    let child = cmd.spawn().map_err(|e| format!("cannot spawn {}: {e}", launch.program.display()))?;
    let mut child = KillOnDrop(child);
    let deadline = t0 + timeout;
    let slice = Duration::from_millis(50);
    let exited = |c: &mut KillOnDrop| -> Result<(), String> {
        match c.0.try_wait() {
            Ok(Some(s)) => Err(format!("{} exited ({s}) before answering", launch.program.display())),
            _ => Ok(()),
        }
    };

    let init = loop {
        if api.wait_first_next(slice) {
            break t0.elapsed();
        }
        if api.next_calls() == 0 && Instant::now() >= deadline {
            return Err("no GET /next before the timeout".into());
        }
        // An init error also ends `wait_first_next`; the outcome below reports it.
        if let Some(o) = api.wait(&ticket, Duration::ZERO) {
            return Err(format!("init failed: {}", o.summary()));
        }
        exited(&mut child)?;
    };
    let (outcome, cold) = loop {
        if let Some(o) = api.wait(&ticket, slice) {
            break (o, t0.elapsed());
        }
        if Instant::now() >= deadline {
            return Err("no response before the timeout".into());
        }
        exited(&mut child)?;
    };
    let pid = child.0.id();
    let peak = peak_rss_kib(pid).ok_or("cannot read VmHWM")?;

    let mut warm_ms = Vec::with_capacity(warm.len());
    for ev in warm {
        let t = Instant::now();
        let tk = api.submit(ev, &ctx);
        match api.wait(&tk, timeout) {
            Some(_) => warm_ms.push(ms(t.elapsed())),
            None => return Err("warm invocation timed out".into()),
        }
    }
    let peak_warm = if warm.is_empty() { peak } else { peak_rss_kib(pid).unwrap_or(peak) };
    drop(child);
    drop(api);
    Ok(ColdRun { init_ms: ms(init), cold_ms: ms(cold), peak_rss_kib: peak, outcome, warm_ms, peak_rss_warm_kib: peak_warm })
}

/// Nearest-rank percentile (`p` in 0..=100) of `xs`; `NaN` when empty.
pub fn percentile(xs: &[f64], p: f64) -> f64 {
    if xs.is_empty() {
        return f64::NAN;
    }
    let mut s = xs.to_vec();
    s.sort_by(f64::total_cmp);
    let rank = ((p / 100.0) * s.len() as f64).ceil() as usize;
    s[rank.clamp(1, s.len()) - 1]
}

/// The median (mean of the middle two for an even count); `NaN` when empty.
pub fn median(xs: &[f64]) -> f64 {
    if xs.is_empty() {
        return f64::NAN;
    }
    let mut s = xs.to_vec();
    s.sort_by(f64::total_cmp);
    let n = s.len();
    if n % 2 == 1 {
        s[n / 2]
    } else {
        (s[n / 2 - 1] + s[n / 2]) / 2.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stats() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), 2.5);
        assert_eq!(percentile(&[1.0, 2.0, 3.0, 4.0, 5.0], 95.0), 5.0);
        assert_eq!(percentile(&(1..=100).map(f64::from).collect::<Vec<_>>(), 95.0), 95.0);
        assert_eq!(percentile(&[7.0], 50.0), 7.0);
        assert!(median(&[]).is_nan());
    }
}
