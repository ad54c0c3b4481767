//! `heapq` on lists: `heappush`, `heappop`, `heapify`, `heappushpop`, `heapreplace`, with
//! CPython's `_heapq` algorithms (so the list order after each call is the same) and errors.

use std::cell::RefCell;
use std::rc::Rc;

use super::format::type_err;
use super::value::*;

type List = Rc<RefCell<Vec<Py>>>;

fn runtime_err() -> PyErr {
    PyErr::msg(&exc::RUNTIME_ERROR, "list changed size during iteration")
}

fn lt(a: &Py, b: &Py) -> PyResult<bool> {
    a.lt(b)
}

fn get(heap: &List, i: usize) -> Py {
    heap.borrow()[i].clone()
}

/// Follow the path to the root, moving parents down until finding a place `newitem` fits.
fn siftdown(heap: &List, startpos: usize, mut pos: usize) -> PyResult<()> {
    let size = heap.borrow().len();
    let newitem = get(heap, pos);
    while pos > startpos {
        let parentpos = (pos - 1) >> 1;
        let parent = get(heap, parentpos);
        let cmp = lt(&newitem, &parent)?;
        if heap.borrow().len() != size {
            return Err(runtime_err());
        }
        if !cmp {
            break;
        }
        let mut h = heap.borrow_mut();
        h.swap(pos, parentpos);
        pos = parentpos;
    }
    Ok(())
}

/// Bubble the smaller child up until hitting a leaf, then sift the item down (CPython's
/// `siftup`).
fn siftup(heap: &List, mut pos: usize) -> PyResult<()> {
    let endpos = heap.borrow().len();
    let startpos = pos;
    let limit = endpos >> 1;
    while pos < limit {
        let mut childpos = 2 * pos + 1;
        if childpos + 1 < endpos {
            let (a, b) = (get(heap, childpos), get(heap, childpos + 1));
            let cmp = lt(&a, &b)?;
            childpos += usize::from(!cmp);
            if heap.borrow().len() != endpos {
                return Err(runtime_err());
            }
        }
        heap.borrow_mut().swap(pos, childpos);
        pos = childpos;
    }
    siftdown(heap, startpos, pos)
}

fn list_arg(v: &Py, fname: &str, numbered: bool) -> PyResult<List> {
    match v {
        Py::List(l) => Ok(l.clone()),
        _ => Err(type_err(format!(
            "{fname}() argument{} must be list, not {}",
            if numbered { " 1" } else { "" },
            v.type_name()
        ))),
    }
}

fn two(a: Args, fname: &str) -> PyResult<(List, Py)> {
    if !a.kw.is_empty() {
        return Err(type_err(format!("{fname}() takes no keyword arguments")));
    }
    if a.pos.len() != 2 {
        return Err(type_err(format!("{fname} expected 2 arguments, got {}", a.pos.len())));
    }
    let mut it = a.pos.into_iter();
    let heap = it.next().unwrap();
    Ok((list_arg(&heap, fname, true)?, it.next().unwrap()))
}

fn one(a: Args, fname: &str) -> PyResult<List> {
    if !a.kw.is_empty() {
        return Err(type_err(format!("{fname}() takes no keyword arguments")));
    }
    if a.pos.len() != 1 {
        return Err(type_err(format!("_heapq.{fname}() takes exactly one argument ({} given)", a.pos.len())));
    }
    list_arg(&a.pos[0], fname, false)
}

fn index_error() -> PyErr {
    PyErr::msg(&exc::INDEX_ERROR, "index out of range")
}

/// `heapq.heappush(heap, item)`
pub fn heappush(a: Args) -> PyResult<Py> {
    let (heap, item) = two(a, "heappush")?;
    let n = {
        let mut h = heap.borrow_mut();
        h.push(item);
        h.len()
    };
    siftdown(&heap, 0, n - 1)?;
    Ok(Py::None)
}

/// `heapq.heappop(heap)`
pub fn heappop(a: Args) -> PyResult<Py> {
    let heap = one(a, "heappop")?;
    let last = heap.borrow_mut().pop().ok_or_else(index_error)?;
    if heap.borrow().is_empty() {
        return Ok(last);
    }
    let top = std::mem::replace(&mut heap.borrow_mut()[0], last);
    siftup(&heap, 0)?;
    Ok(top)
}

/// `heapq.heapreplace(heap, item)`: pop then push.
pub fn heapreplace(a: Args) -> PyResult<Py> {
    let (heap, item) = two(a, "heapreplace")?;
    if heap.borrow().is_empty() {
        return Err(index_error());
    }
    let top = std::mem::replace(&mut heap.borrow_mut()[0], item);
    siftup(&heap, 0)?;
    Ok(top)
}

/// `heapq.heappushpop(heap, item)`: push then pop, faster.
pub fn heappushpop(a: Args) -> PyResult<Py> {
    let (heap, item) = two(a, "heappushpop")?;
    let Some(top) = heap.borrow().first().cloned() else {
        return Ok(item);
    };
    if !lt(&top, &item)? {
        return Ok(item);
    }
    if heap.borrow().is_empty() {
        return Err(index_error());
    }
    let top = std::mem::replace(&mut heap.borrow_mut()[0], item);
    siftup(&heap, 0)?;
    Ok(top)
}

/// `heapq.heapify(x)`: CPython's loop, or its cache-friendly order beyond 2500 items.
pub fn heapify(a: Args) -> PyResult<Py> {
    let heap = one(a, "heapify")?;
    let n = heap.borrow().len();
    if n > 2500 {
        let m = n >> 1;
        let leftmost = keep_top_bit(m + 1) - 1;
        let mhalf = m >> 1;
        for range in [(mhalf, leftmost), (leftmost, m)] {
            for i in (range.0..range.1).rev() {
                let mut j = i;
                loop {
                    siftup(&heap, j)?;
                    if j & 1 == 0 {
                        break;
                    }
                    j >>= 1;
                }
            }
        }
    } else {
        for i in (0..n / 2).rev() {
            siftup(&heap, i)?;
        }
    }
    Ok(Py::None)
}

fn keep_top_bit(mut n: usize) -> usize {
    let mut i = 0;
    while n > 1 {
        n >>= 1;
        i += 1;
    }
    n << i
}
