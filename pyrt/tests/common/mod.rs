//! Shared by the generated tests: compare a result with CPython's `repr(result)` or
//! `Type: message`, collecting every mismatch before failing.
#![allow(dead_code)]

use pyrt::*;

#[derive(Default)]
pub struct Checker {
    failures: Vec<String>,
    count: usize,
}

/// `repr(v)` for a value, `Type: message` (or `Type`) for an exception.
pub fn outcome(r: &PyResult<Py>) -> String {
    match r {
        Ok(v) => v.repr_string(),
        Err(e) => format!("{e}"),
    }
}

impl Checker {
    #[track_caller]
    pub fn check(&mut self, r: PyResult<Py>, expected: &str) {
        self.count += 1;
        let got = outcome(&r);
        if got != expected {
            let loc = std::panic::Location::caller();
            self.failures.push(format!("line {}: expected {expected}\n            got {got}", loc.line()));
        }
    }

    pub fn finish(self) {
        if !self.failures.is_empty() {
            panic!(
                "{} of {} checks failed:\n{}",
                self.failures.len(),
                self.count,
                self.failures.join("\n")
            );
        }
    }
}
