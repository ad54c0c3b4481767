//! Runs `depyler_core::package::convert` where hostile input cannot hurt the service.
//!
//! The core's stages recurse over the syntax tree, and a long chain like `a+a+…+a` (easily
//! made within the body limit) nests as deep as it is long: on a normal thread that
//! overflows the stack, which aborts the whole process, and with a big stack some inputs
//! take minutes. So each conversion runs in a child process — this same binary with the
//! hidden `__convert` argument — under a time limit and an address-space limit, on a thread
//! with a large stack. A crash or timeout fails that one request; a semaphore bounds how
//! many conversions run at once.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{ExitCode, Stdio};
use std::time::Duration;

use depyler_core::package::{self, ConvertOptions, ProjectFile};
use depyler_core::Diagnostic;
use serde::{Deserialize, Serialize};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::sync::Semaphore;

/// The argument that turns the binary into a one-shot converter.
pub const CHILD_ARG: &str = "__convert";
const STACK: usize = 512 << 20;
const ADDRESS_SPACE: u64 = 4 << 30;
const TIME_LIMIT: Duration = Duration::from_secs(30);
const PARALLEL: usize = 2;

#[derive(Serialize, Deserialize)]
struct Input {
    source: String,
    handler: Option<String>,
    event_type: Option<String>,
    package_name: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct File {
    path: String,
    contents: String,
}

/// What the build backend needs of a `Project`.
#[derive(Serialize, Deserialize)]
pub struct Converted {
    pub name: String,
    files: Vec<File>,
}

impl Converted {
    pub fn files(&self) -> impl Iterator<Item = (&str, &str)> {
        self.files.iter().map(|f| (f.path.as_str(), &*f.contents))
    }

    pub fn into_files(self) -> Vec<ProjectFile> {
        self.files.into_iter().map(|f| ProjectFile { path: f.path, contents: f.contents.into() }).collect()
    }
}

#[derive(Serialize, Deserialize)]
enum Output {
    Project(Converted),
    Diagnostics(Vec<Diagnostic>),
}

pub struct Converter {
    exe: PathBuf,
    slots: Semaphore,
}

impl Converter {
    /// `exe` is this binary (it must handle `CHILD_ARG`, see `child_main`).
    pub fn new(exe: PathBuf) -> Converter {
        Converter { exe, slots: Semaphore::new(PARALLEL) }
    }

    /// `Ok(Err(diagnostics))` when the source does not convert (a crash or timeout of the
    /// converter counts as that: it is the input's doing); `Err` for internal failures.
    pub async fn convert(&self, source: &str, opts: &ConvertOptions) -> Result<Result<Converted, Vec<Diagnostic>>, String> {
        let input = Input {
            source: source.to_string(),
            handler: opts.handler.clone(),
            event_type: opts.event_type.clone(),
            package_name: opts.package_name.clone(),
        };
        let input = serde_json::to_vec(&input).map_err(|e| e.to_string())?;
        let _permit = self.slots.acquire().await.map_err(|_| "converter is shutting down".to_string())?;
        let mut cmd = tokio::process::Command::new(&self.exe);
        cmd.arg(CHILD_ARG)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .kill_on_drop(true);
        // SAFETY: setrlimit is async-signal-safe and touches no memory of the parent.
        unsafe {
            cmd.pre_exec(|| {
                let lim = libc::rlimit { rlim_cur: ADDRESS_SPACE, rlim_max: ADDRESS_SPACE };
                libc::setrlimit(libc::RLIMIT_AS, &lim);
                Ok(())
            });
        }
        let mut child = cmd.spawn().map_err(|e| format!("cannot start the converter: {e}"))?;
        let mut stdin = child.stdin.take().ok_or("converter has no stdin")?;
        let mut stdout = child.stdout.take().ok_or("converter has no stdout")?;
        let run = async {
            // Write and read at once: a large project could fill the pipe before we read.
            let write = async move {
                let _ = stdin.write_all(&input).await;
                drop(stdin);
            };
            let mut out = Vec::new();
            let (_, read) = tokio::join!(write, stdout.read_to_end(&mut out));
            read.map(|_| out)
        };
        let out = match tokio::time::timeout(TIME_LIMIT, run).await {
            Ok(Ok(out)) => out,
            Ok(Err(e)) => return Err(format!("lost the converter's output: {e}")),
            Err(_) => {
                let _ = child.kill().await;
                return Ok(Err(vec![refused(format!(
                    "conversion took longer than {} s and was stopped; simplify the source",
                    TIME_LIMIT.as_secs()
                ))]));
            }
        };
        let status = child.wait().await.map_err(|e| e.to_string())?;
        match serde_json::from_slice::<Output>(&out) {
            Ok(Output::Project(p)) => Ok(Ok(p)),
            Ok(Output::Diagnostics(d)) => Ok(Err(d)),
            Err(_) if !status.success() => Ok(Err(vec![refused(
                "the converter crashed on this source (too deeply nested or too large); simplify it".into(),
            )])),
            Err(e) => Err(format!("unreadable converter output: {e}")),
        }
    }
}

fn refused(message: String) -> Diagnostic {
    Diagnostic::error(1, 1, message)
}

/// The child side: JSON `Input` on stdin, JSON `Output` on stdout.
pub fn child_main() -> ExitCode {
    let mut raw = Vec::new();
    if std::io::stdin().read_to_end(&mut raw).is_err() {
        return ExitCode::FAILURE;
    }
    let Ok(input) = serde_json::from_slice::<Input>(&raw) else { return ExitCode::FAILURE };
    let worker = std::thread::Builder::new().stack_size(STACK).spawn(move || {
        let opts = ConvertOptions { handler: input.handler, event_type: input.event_type, package_name: input.package_name };
        match package::convert(&input.source, &opts) {
            Ok(p) => Output::Project(Converted {
                name: p.name,
                files: p.files.into_iter().map(|f| File { path: f.path, contents: f.contents.into_owned() }).collect(),
            }),
            Err(d) => Output::Diagnostics(d),
        }
    });
    let Ok(Ok(output)) = worker.map(|w| w.join()) else { return ExitCode::FAILURE };
    let Ok(json) = serde_json::to_vec(&output) else { return ExitCode::FAILURE };
    let mut stdout = std::io::stdout().lock();
    if stdout.write_all(&json).and_then(|_| stdout.flush()).is_err() {
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
