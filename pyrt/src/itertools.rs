//! `itertools`: chain, islice, groupby, product, combinations, permutations,
//! accumulate, count, zip_longest, repeat, pairwise, takewhile, dropwhile, filterfalse,
//! starmap, compress, cycle, tee — lazy where CPython is lazy.

use super::format::{type_err, value_err};
use super::value::*;

fn no_kw(a: &Args, name: &str) -> PyResult<()> {
    if a.kw.is_empty() {
        Ok(())
    } else {
        Err(type_err(format!("{name}() takes no keyword arguments")))
    }
}

fn collect(v: &Py) -> PyResult<Vec<Py>> {
    v.iter()?.collect()
}

/// `itertools.chain(*iterables)`
pub fn chain(a: Args) -> PyResult<Py> {
    no_kw(&a, "chain")?;
    let mut its = Vec::new();
    for x in a.pos {
        its.push(x.iter()?);
    }
    Ok(Py::iterator(its.into_iter().flatten()))
}

/// `itertools.chain.from_iterable(iterable)` (as `itertools.chain_from_iterable`)
pub fn chain_from_iterable(a: Args) -> PyResult<Py> {
    let [it] = a.bind("from_iterable", ["iterable"], 1)?;
    let outer = it.unwrap().iter()?;
    Ok(Py::iterator(outer.flat_map(|x| match x.and_then(|x| x.iter()) {
        Ok(inner) => inner,
        Err(e) => Box::new(std::iter::once(Err(e))),
    })))
}

fn islice_arg(v: &Py, what: &str) -> PyResult<Option<usize>> {
    match v {
        Py::None => Ok(None),
        Py::Int(i) if *i >= 0 => Ok(Some(*i as usize)),
        _ => Err(value_err(format!(
            "{what} argument for islice() must be None or an integer: 0 <= x <= sys.maxsize."
        ))),
    }
}

/// `itertools.islice(iterable, stop)` / `islice(iterable, start, stop[, step])`
pub fn islice(a: Args) -> PyResult<Py> {
    no_kw(&a, "islice")?;
    let n = a.pos.len();
    if !(2..=4).contains(&n) {
        return Err(type_err(format!("islice expected {} arguments, got {n}", if n < 2 { "at least 2" } else { "at most 4" })));
    }
    let it = a.pos[0].iter()?;
    let (start, stop, step) = if n == 2 {
        (0, islice_arg(&a.pos[1], "Stop")?, 1)
    } else {
        let start = islice_arg(&a.pos[1], "Indices")?.unwrap_or(0);
        let stop = islice_arg(&a.pos[2], "Stop")?;
        let step = if n == 4 {
            match &a.pos[3] {
                Py::None => 1,
                Py::Int(i) if *i >= 1 => *i as usize,
                _ => return Err(value_err("Step for islice() must be a positive integer or None.")),
            }
        } else {
            1
        };
        (start, stop, step)
    };
    let limited: Box<dyn Iterator<Item = PyResult<Py>>> = match stop {
        Some(s) => Box::new(it.take(s)),
        None => it,
    };
    Ok(Py::iterator(limited.skip(start).step_by(step)))
}

/// `itertools.groupby(iterable, key=None)`: consecutive runs as `(key, iterator)` pairs.
pub fn groupby(a: Args) -> PyResult<Py> {
    let [it, key] = a.bind("groupby", ["iterable", "key"], 1)?;
    let items = collect(&it.unwrap())?;
    let key = key.filter(|k| !k.is_none());
    let mut groups: Vec<PyResult<Py>> = Vec::new();
    let mut cur: Option<(Py, Vec<Py>)> = None;
    for x in items {
        let k = match &key {
            Some(f) => f.call(Args::pos(vec![x.clone()]))?,
            None => x.clone(),
        };
        match &mut cur {
            Some((ck, members)) if ck.py_eq(&k) => members.push(x),
            _ => {
                if let Some((ck, members)) = cur.take() {
                    groups.push(Ok(Py::tuple(vec![ck, Py::iterator(members.into_iter().map(Ok))])));
                }
                cur = Some((k, vec![x]));
            }
        }
    }
    if let Some((ck, members)) = cur {
        groups.push(Ok(Py::tuple(vec![ck, Py::iterator(members.into_iter().map(Ok))])));
    }
    Ok(Py::iterator(groups.into_iter()))
}

/// `itertools.product(*iterables, repeat=1)`
pub fn product(a: Args) -> PyResult<Py> {
    let mut repeat = 1;
    for (k, v) in &a.kw {
        if *k != "repeat" {
            return Err(type_err(format!("product() got an unexpected keyword argument '{k}'")));
        }
        repeat = super::ops::index_of(v)?;
    }
    if repeat < 0 {
        return Err(value_err("repeat argument cannot be negative"));
    }
    let mut pools = Vec::new();
    for x in &a.pos {
        pools.push(collect(x)?);
    }
    let pools: Vec<Vec<Py>> = (0..repeat).flat_map(|_| pools.clone()).collect();
    let mut out: Vec<Vec<Py>> = vec![Vec::new()];
    for pool in &pools {
        let mut next = Vec::new();
        for prefix in &out {
            for x in pool {
                let mut p = prefix.clone();
                p.push(x.clone());
                next.push(p);
            }
        }
        out = next;
    }
    Ok(Py::iterator(out.into_iter().map(|t| Ok(Py::tuple(t)))))
}

fn r_arg(v: &Py) -> PyResult<usize> {
    let r = super::ops::index_of(v)?;
    if r < 0 {
        return Err(value_err("r must be non-negative"));
    }
    Ok(r as usize)
}

fn combos(pool: &[Py], r: usize, start: usize, cur: &mut Vec<Py>, out: &mut Vec<Py>) {
    if cur.len() == r {
        out.push(Py::tuple(cur.clone()));
        return;
    }
    for i in start..pool.len() {
        cur.push(pool[i].clone());
        combos(pool, r, i + 1, cur, out);
        cur.pop();
    }
}

/// `itertools.combinations(iterable, r)`
pub fn combinations(a: Args) -> PyResult<Py> {
    let [it, r] = a.bind("combinations", ["iterable", "r"], 2)?;
    let pool = collect(&it.unwrap())?;
    let r = r_arg(&r.unwrap())?;
    let mut out = Vec::new();
    if r <= pool.len() {
        combos(&pool, r, 0, &mut Vec::new(), &mut out);
    }
    Ok(Py::iterator(out.into_iter().map(Ok)))
}

fn perms(pool: &[Py], r: usize, used: &mut Vec<bool>, cur: &mut Vec<Py>, out: &mut Vec<Py>) {
    if cur.len() == r {
        out.push(Py::tuple(cur.clone()));
        return;
    }
    for i in 0..pool.len() {
        if !used[i] {
            used[i] = true;
            cur.push(pool[i].clone());
            perms(pool, r, used, cur, out);
            cur.pop();
            used[i] = false;
        }
    }
}

/// `itertools.permutations(iterable, r=None)`
pub fn permutations(a: Args) -> PyResult<Py> {
    let [it, r] = a.bind("permutations", ["iterable", "r"], 1)?;
    let pool = collect(&it.unwrap())?;
    let r = match r {
        None | Some(Py::None) => pool.len(),
        Some(r) => r_arg(&r)?,
    };
    let mut out = Vec::new();
    if r <= pool.len() {
        perms(&pool, r, &mut vec![false; pool.len()], &mut Vec::new(), &mut out);
    }
    Ok(Py::iterator(out.into_iter().map(Ok)))
}

/// `itertools.accumulate(iterable, func=None, *, initial=None)`
pub fn accumulate(a: Args) -> PyResult<Py> {
    let [it, func, initial] = a.bind("accumulate", ["iterable", "func", "initial"], 1)?;
    let src = it.unwrap().iter()?;
    let func = func.filter(|f| !f.is_none());
    let mut acc = initial.filter(|i| !i.is_none());
    let first = acc.clone().map(Ok);
    let rest = src.map(move |x| {
        let x = x?;
        let v = match acc.take() {
            None => x,
            Some(prev) => match &func {
                Some(f) => f.call(Args::pos(vec![prev, x]))?,
                None => prev.add(&x)?,
            },
        };
        acc = Some(v.clone());
        Ok(v)
    });
    Ok(Py::iterator(first.into_iter().chain(rest)))
}

/// `itertools.count(start=0, step=1)`
pub fn count(a: Args) -> PyResult<Py> {
    let [start, step] = a.bind("count", ["start", "step"], 0)?;
    let mut cur = start.unwrap_or(Py::Int(0));
    let step = step.unwrap_or(Py::Int(1));
    if super::ops::num_of(&cur).is_none() {
        return Err(type_err("a number is required"));
    }
    Ok(Py::iterator(std::iter::from_fn(move || {
        let v = cur.clone();
        match cur.add(&step) {
            Ok(n) => cur = n,
            Err(e) => return Some(Err(e)),
        }
        Some(Ok(v))
    })))
}

/// `itertools.repeat(object, times=None)`
pub fn repeat(a: Args) -> PyResult<Py> {
    let [obj, times] = a.bind("repeat", ["object", "times"], 1)?;
    let obj = obj.unwrap();
    match times {
        None => Ok(Py::iterator(std::iter::repeat(obj).map(Ok))),
        Some(t) => {
            let n = super::ops::index_of(&t)?.max(0) as usize;
            Ok(Py::iterator(std::iter::repeat_n(obj, n).map(Ok)))
        }
    }
}

/// `itertools.zip_longest(*iterables, fillvalue=None)`
pub fn zip_longest(a: Args) -> PyResult<Py> {
    let mut fill = Py::None;
    for (k, v) in a.kw {
        if k != "fillvalue" {
            return Err(type_err("zip_longest() got an unexpected keyword argument"));
        }
        fill = v;
    }
    let mut its: Vec<Option<PyIter>> = Vec::with_capacity(a.pos.len());
    for x in &a.pos {
        its.push(Some(x.iter()?));
    }
    let mut active = its.len();
    Ok(Py::iterator(std::iter::from_fn(move || {
        if active == 0 {
            return None;
        }
        let mut row = Vec::with_capacity(its.len());
        for slot in its.iter_mut() {
            let item = match slot {
                None => fill.clone(),
                Some(it) => match it.next() {
                    Some(Ok(v)) => v,
                    Some(Err(e)) => {
                        active = 0;
                        return Some(Err(e));
                    }
                    None => {
                        *slot = None;
                        active -= 1;
                        if active == 0 {
                            return None;
                        }
                        fill.clone()
                    }
                },
            };
            row.push(item);
        }
        Some(Ok(Py::tuple(row)))
    })))
}

/// Positional-only arguments of a C iterator type: `name() takes no keyword arguments`,
/// `name expected N arguments, got M`.
fn exact_args<const N: usize>(a: Args, name: &str) -> PyResult<[Py; N]> {
    no_kw(&a, name)?;
    let n = a.pos.len();
    <[Py; N]>::try_from(a.pos).map_err(|_| {
        type_err(format!("{name} expected {N} argument{}, got {n}", if N == 1 { "" } else { "s" }))
    })
}

/// `itertools.pairwise(iterable)`
pub fn pairwise(a: Args) -> PyResult<Py> {
    let [it] = exact_args(a, "pairwise")?;
    let mut it = Some(it.iter()?);
    let mut old: Option<Py> = None;
    Ok(Py::iterator(std::iter::from_fn(move || {
        let src = it.as_mut()?;
        if old.is_none() {
            match src.next() {
                Some(Ok(v)) => old = Some(v),
                Some(Err(e)) => return Some(Err(e)),
                None => {
                    it = None;
                    return None;
                }
            }
        }
        match src.next() {
            Some(Ok(new)) => {
                let prev = old.replace(new.clone()).unwrap();
                Some(Ok(Py::tuple(vec![prev, new])))
            }
            Some(Err(e)) => Some(Err(e)),
            None => {
                it = None;
                old = None;
                None
            }
        }
    })))
}

/// `itertools.takewhile(predicate, iterable)`
pub fn takewhile(a: Args) -> PyResult<Py> {
    let [pred, it] = exact_args(a, "takewhile")?;
    let mut src = it.iter()?;
    let mut stopped = false;
    Ok(Py::iterator(std::iter::from_fn(move || {
        if stopped {
            return None;
        }
        let item = match src.next()? {
            Ok(v) => v,
            Err(e) => return Some(Err(e)),
        };
        match pred.call(Args::pos(vec![item.clone()])) {
            Ok(r) if r.truthy() => Some(Ok(item)),
            Ok(_) => {
                stopped = true;
                None
            }
            Err(e) => Some(Err(e)),
        }
    })))
}

/// `itertools.dropwhile(predicate, iterable)`
pub fn dropwhile(a: Args) -> PyResult<Py> {
    let [pred, it] = exact_args(a, "dropwhile")?;
    let mut src = it.iter()?;
    let mut dropping = true;
    Ok(Py::iterator(std::iter::from_fn(move || loop {
        let item = match src.next()? {
            Ok(v) => v,
            Err(e) => return Some(Err(e)),
        };
        if !dropping {
            return Some(Ok(item));
        }
        match pred.call(Args::pos(vec![item.clone()])) {
            Ok(r) if r.truthy() => continue,
            Ok(_) => {
                dropping = false;
                return Some(Ok(item));
            }
            Err(e) => return Some(Err(e)),
        }
    })))
}

/// `itertools.filterfalse(function or None, iterable)`
pub fn filterfalse(a: Args) -> PyResult<Py> {
    let [func, it] = exact_args(a, "filterfalse")?;
    let mut src = it.iter()?;
    Ok(Py::iterator(std::iter::from_fn(move || loop {
        let item = match src.next()? {
            Ok(v) => v,
            Err(e) => return Some(Err(e)),
        };
        let keep = if func.is_none() {
            !item.truthy()
        } else {
            match func.call(Args::pos(vec![item.clone()])) {
                Ok(r) => !r.truthy(),
                Err(e) => return Some(Err(e)),
            }
        };
        if keep {
            return Some(Ok(item));
        }
    })))
}

/// `itertools.starmap(function, iterable)`
pub fn starmap(a: Args) -> PyResult<Py> {
    let [func, it] = exact_args(a, "starmap")?;
    let mut src = it.iter()?;
    Ok(Py::iterator(std::iter::from_fn(move || {
        let item = match src.next()? {
            Ok(v) => v,
            Err(e) => return Some(Err(e)),
        };
        let args = match &item {
            Py::Tuple(t) => t.to_vec(),
            _ => match item.iter().and_then(|i| i.collect::<PyResult<Vec<Py>>>()) {
                Ok(v) => v,
                Err(e) => return Some(Err(e)),
            },
        };
        Some(func.call(Args::pos(args)))
    })))
}

/// `itertools.compress(data, selectors)`
pub fn compress(a: Args) -> PyResult<Py> {
    let names = ["data", "selectors"];
    let total = a.pos.len() + a.kw.len();
    if total > 2 {
        return Err(type_err(format!("compress() takes at most 2 arguments ({total} given)")));
    }
    let npos = a.pos.len();
    let mut vals: Vec<Py> = Vec::with_capacity(2);
    for (i, name) in names.iter().enumerate() {
        let v = if i < npos {
            a.pos[i].clone()
        } else {
            match a.kw.iter().find(|(k, _)| k == name) {
                Some((_, v)) => v.clone(),
                None => return Err(type_err(format!("compress() missing required argument '{name}' (pos {})", i + 1))),
            }
        };
        vals.push(v);
    }
    for (k, _) in &a.kw {
        match names.iter().position(|n| n == k) {
            Some(i) if i < npos => {
                return Err(type_err(format!("argument for compress() given by name ('{k}') and position ({})", i + 1)))
            }
            Some(_) => {}
            None => return Err(type_err(format!("'{k}' is an invalid keyword argument for compress()"))),
        }
    }
    let mut data = vals[0].iter()?;
    let mut selectors = vals[1].iter()?;
    Ok(Py::iterator(std::iter::from_fn(move || loop {
        let datum = match data.next()? {
            Ok(v) => v,
            Err(e) => return Some(Err(e)),
        };
        match selectors.next()? {
            Ok(s) if s.truthy() => return Some(Ok(datum)),
            Ok(_) => continue,
            Err(e) => return Some(Err(e)),
        }
    })))
}

/// `itertools.cycle(iterable)`
pub fn cycle(a: Args) -> PyResult<Py> {
    let [it] = exact_args(a, "cycle")?;
    let mut src = Some(it.iter()?);
    let mut saved: Vec<Py> = Vec::new();
    let mut index = 0;
    Ok(Py::iterator(std::iter::from_fn(move || {
        if let Some(s) = src.as_mut() {
            match s.next() {
                Some(Ok(v)) => {
                    saved.push(v.clone());
                    return Some(Ok(v));
                }
                Some(Err(e)) => return Some(Err(e)),
                None => src = None,
            }
        }
        if saved.is_empty() {
            return None;
        }
        let v = saved[index].clone();
        index = (index + 1) % saved.len();
        Some(Ok(v))
    })))
}

/// The buffer the iterators of one `tee` share: items not yet read by every one of them.
struct TeeData {
    src: PyIter,
    buf: std::collections::VecDeque<Py>,
    /// The absolute index of `buf[0]`.
    base: usize,
    /// Each iterator's next absolute index (`usize::MAX` once dropped).
    positions: Vec<usize>,
}

struct TeeIter {
    data: std::rc::Rc<std::cell::RefCell<TeeData>>,
    id: usize,
}

impl Iterator for TeeIter {
    type Item = PyResult<Py>;

    fn next(&mut self) -> Option<PyResult<Py>> {
        let mut d = self.data.borrow_mut();
        let pos = d.positions[self.id];
        let item = if pos < d.base + d.buf.len() {
            d.buf[pos - d.base].clone()
        } else {
            match d.src.next()? {
                Ok(v) => {
                    d.buf.push_back(v.clone());
                    v
                }
                Err(e) => return Some(Err(e)),
            }
        };
        d.positions[self.id] = pos + 1;
        let min = d.positions.iter().copied().min().unwrap_or(usize::MAX);
        while d.base < min && !d.buf.is_empty() {
            d.buf.pop_front();
            d.base += 1;
        }
        Some(Ok(item))
    }
}

impl Drop for TeeIter {
    fn drop(&mut self) {
        if let Ok(mut d) = self.data.try_borrow_mut() {
            d.positions[self.id] = usize::MAX;
        }
    }
}

/// `itertools.tee(iterable, n=2)`
pub fn tee(a: Args) -> PyResult<Py> {
    if !a.kw.is_empty() {
        return Err(type_err("itertools.tee() takes no keyword arguments"));
    }
    match a.pos.len() {
        0 => return Err(type_err("tee expected at least 1 argument, got 0")),
        1 | 2 => {}
        n => return Err(type_err(format!("tee expected at most 2 arguments, got {n}"))),
    }
    let n = match a.pos.get(1) {
        Some(v) => super::ops::index_of(v)?,
        None => 2,
    };
    if n < 0 {
        return Err(value_err("n must be >= 0"));
    }
    let src = a.pos[0].iter()?;
    let n = n as usize;
    let data = std::rc::Rc::new(std::cell::RefCell::new(TeeData {
        src,
        buf: std::collections::VecDeque::new(),
        base: 0,
        positions: vec![0; n],
    }));
    Ok(Py::tuple((0..n).map(|id| Py::iterator(TeeIter { data: data.clone(), id })).collect::<Vec<_>>()))
}
