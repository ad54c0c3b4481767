//! CPython's recursion limit for converted recursive functions: recursing too deep is a
//! `RecursionError` the handler can catch, not a crashed process.

use std::cell::Cell;

use super::value::*;

/// The depth of recursive calls at which CPython 3.11 raises, for a handler run by the
/// Lambda runtime: the default limit (1000) less the frames below the handler's own
/// recursion (the runtime's, the handler's).
const LIMIT: usize = 990;

thread_local! {
    static DEPTH: Cell<usize> = const { Cell::new(0) };
}

/// One active call of a recursive function; dropping it leaves the call.
pub struct Frame(());

impl Frame {
    pub fn enter() -> PyResult<Frame> {
        DEPTH.with(|depth| {
            if depth.get() >= LIMIT {
                return Err(PyErr::msg(&exc::RECURSION_ERROR, "maximum recursion depth exceeded"));
            }
            depth.set(depth.get() + 1);
            Ok(Frame(()))
        })
    }
}

impl Drop for Frame {
    fn drop(&mut self) {
        DEPTH.with(|depth| depth.set(depth.get() - 1));
    }
}
