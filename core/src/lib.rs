//! Depyler Lambda core: Python source in, analysis and a cargo-lambda project out.
//!
//! No I/O here: this crate builds for native and for `wasm32-unknown-unknown`.
//! The pipeline, one module per stage:
//!
//! `frontend` (parse) → `annotations` (`# @depyler:` comments) → `handler` (which function)
//! → `inference` (event source, driven by the data in `catalog`) → `analysis` (the report)
//! → `lower` (Python AST → `ir`) → `emit` (IR → Rust via syn/quote/prettyplease)
//! → `package` (the complete cargo-lambda project).

pub mod analysis;
pub mod annotations;
pub mod catalog;
pub mod closures;
pub mod deploy;
pub mod desugar;
pub mod diagnostics;
pub mod emit;
pub mod frontend;
pub mod handler;
pub mod inference;
pub mod ir;
pub mod lower;
pub mod package;
pub mod scope;
pub mod stdlib;
pub mod types;
pub mod views;
#[cfg(feature = "wasm")]
pub mod wasm;

pub use analysis::{analyze, Analysis, AnalyzeOptions};
pub use diagnostics::{Diagnostic, Severity};

/// The core's version, part of every cache key that depends on generated code.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
