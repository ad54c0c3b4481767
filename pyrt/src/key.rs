//! Dict keys and set members: hashing and equality with Python's semantics.
//!
//! Numbers hash exactly as CPython hashes them (`hash(1) == hash(1.0) == hash(True)`,
//! `hash(-1) == -2`, `hash(2**61) == 1`, …) and tuples use CPython's xxHash-based tuple
//! hash; `str` hashes are deterministic here (CPython's are randomised per process).

use std::hash::{Hash, Hasher};
use std::rc::Rc;

use num_bigint::{BigInt, Sign};
use num_traits::ToPrimitive;

use super::value::*;

const MODULUS: u64 = (1u64 << 61) - 1;
const INF_HASH: i64 = 314159;

impl Key {
    /// Wrap a value as a dict key / set member; unhashable values raise
    /// `TypeError: unhashable type: 'list'`.
    pub fn new(v: Py) -> PyResult<Key> {
        check_hashable(&v)?;
        Ok(Key(v))
    }

    /// A `str` key: always hashable.
    pub fn str(s: &str) -> Key {
        Key(Py::str(s))
    }
}

fn check_hashable(v: &Py) -> PyResult<()> {
    match v {
        Py::List(_) | Py::Dict(_) | Py::Set(_) => Err(PyErr::msg(
            &exc::TYPE_ERROR,
            format!("unhashable type: '{}'", v.type_name()),
        )),
        Py::Tuple(items) => items.iter().try_for_each(check_hashable),
        Py::Object(o) if o.unhashable() => {
            // CPython names C types by their qualified name here (`collections.deque`).
            let name = match v.type_name() {
                "deque" if o.getattr(v, "maxlen").is_some() => "collections.deque",
                n => n,
            };
            Err(PyErr::msg(&exc::TYPE_ERROR, format!("unhashable type: '{name}'")))
        }
        _ => Ok(()),
    }
}

impl PartialEq for Key {
    fn eq(&self, other: &Key) -> bool {
        // Python's containers test identity before equality (so a NaN key finds itself).
        self.0.is(&other.0) || self.0.py_eq(&other.0)
    }
}
impl Eq for Key {}

impl Hash for Key {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_i64(py_hash(&self.0));
    }
}

/// `hash(x)` as CPython computes it for numbers, tuples and frozensets; a deterministic
/// hash for `str`/`bytes`; identity for functions and objects without `Object::hash`.
/// Unhashable values (check with [`Key::new`] first) hash to 0.
pub fn py_hash(v: &Py) -> i64 {
    match v {
        Py::None => 0xFCA86420,
        Py::Bool(b) => *b as i64,
        Py::Int(i) => hash_i64(*i),
        Py::BigInt(b) => hash_bigint(b),
        Py::Float(f) => hash_float(*f),
        Py::Str(s) => fix(hash_bytes(0, s.as_bytes())),
        Py::Bytes(b) => fix(hash_bytes(1, b)),
        Py::Tuple(items) => hash_tuple(items),
        Py::FrozenSet(items) => hash_frozenset(items.iter()),
        Py::List(_) | Py::Dict(_) | Py::Set(_) => 0,
        Py::Func(f) => fix((Rc::as_ptr(f) as *const u8 as usize >> 4) as i64),
        Py::Iter(i) => fix((Rc::as_ptr(i) as *const u8 as usize >> 4) as i64),
        Py::Exc(e) => fix((Rc::as_ptr(&e.0) as *const u8 as usize >> 4) as i64),
        Py::Type(t) => match t {
            TypeRef::Builtin(n) => fix(hash_bytes(2, n.as_bytes())),
            TypeRef::Exception(c) => fix(hash_bytes(3, c.name().as_bytes())),
            TypeRef::Class(o) => {
                o.hash().map(|h| h as i64).unwrap_or((Rc::as_ptr(o) as *const u8 as usize >> 4) as i64)
            }
        },
        Py::Object(o) => {
            // A class's own `__hash__` (an int, hashed again as CPython does).
            if let Some(Ok(h @ (Py::Int(_) | Py::BigInt(_) | Py::Bool(_)))) = super::value::special(v, "__hash__", &[]) {
                return py_hash(&h);
            }
            fix(o.hash().map(|h| h as i64).unwrap_or((Rc::as_ptr(o) as *const u8 as usize >> 4) as i64))
        }
    }
}

fn fix(h: i64) -> i64 {
    if h == -1 {
        -2
    } else {
        h
    }
}

fn hash_bytes(tag: u8, b: &[u8]) -> i64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    h.write_u8(tag);
    h.write(b);
    h.finish() as i64
}

fn hash_i64(i: i64) -> i64 {
    let m = (i.unsigned_abs() % MODULUS) as i64;
    fix(if i < 0 { -m } else { m })
}

fn hash_bigint(b: &BigInt) -> i64 {
    let m = (b.magnitude() % BigInt::from(MODULUS).magnitude()).to_u64().unwrap_or(0) as i64;
    fix(if b.sign() == Sign::Minus { -m } else { m })
}

/// `frexp`: `v = m * 2**e` with `0.5 <= |m| < 1`.
fn frexp(v: f64) -> (f64, i32) {
    if v == 0.0 || !v.is_finite() {
        return (v, 0);
    }
    let bits = v.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        let (m, e) = frexp(v * f64::powi(2.0, 54));
        return (m, e - 54);
    }
    let m = f64::from_bits((bits & !(0x7ffu64 << 52)) | (1022u64 << 52));
    (m, exp - 1022)
}

fn hash_float(v: f64) -> i64 {
    if v.is_infinite() {
        return if v > 0.0 { INF_HASH } else { -INF_HASH };
    }
    if v.is_nan() {
        return 0;
    }
    let (mut m, mut e) = frexp(v);
    let mut sign = 1i64;
    if m < 0.0 {
        sign = -1;
        m = -m;
    }
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & MODULUS) | (x >> (61 - 28));
        m *= 268435456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= MODULUS {
            x -= MODULUS;
        }
    }
    let e = if e >= 0 { e % 61 } else { 61 - 1 - ((-1 - e) % 61) } as u32;
    x = ((x << e) & MODULUS) | (x >> (61 - e));
    fix(x as i64 * sign)
}

fn hash_tuple(items: &[Py]) -> i64 {
    const P1: u64 = 11400714785074694791;
    const P2: u64 = 14029467366897019727;
    const P5: u64 = 2870177450012600261;
    let mut acc = P5;
    for item in items {
        let lane = py_hash(item) as u64;
        acc = acc.wrapping_add(lane.wrapping_mul(P2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(P1);
    }
    acc = acc.wrapping_add((items.len() as u64) ^ (P5 ^ 3527539));
    if acc == u64::MAX {
        return 1546275796;
    }
    acc as i64
}

pub(super) fn hash_frozenset<'a>(items: impl ExactSizeIterator<Item = &'a Key>) -> i64 {
    fn shuffle(h: u64) -> u64 {
        ((h ^ 89869747) ^ (h << 16)).wrapping_mul(3644798167)
    }
    let n = items.len() as u64;
    let mut h: u64 = 0;
    for k in items {
        h ^= shuffle(py_hash(&k.0) as u64);
    }
    h ^= (n + 1).wrapping_mul(1927868237);
    h ^= (h >> 11) ^ (h >> 25);
    h = h.wrapping_mul(69069).wrapping_add(907133923);
    if h == u64::MAX {
        h = 590923713;
    }
    h as i64
}

/// Whether CPython hashes `v` the same in every process (numbers, `None`, tuples of them);
/// `str`/`bytes` hashes are randomised per process, objects hash by address.
fn deterministic_hash(v: &Py) -> bool {
    match v {
        Py::None | Py::Bool(_) | Py::Int(_) | Py::BigInt(_) | Py::Float(_) => true,
        Py::Tuple(items) => items.iter().all(deterministic_hash),
        Py::FrozenSet(items) => items.iter().all(|k| deterministic_hash(&k.0)),
        _ => false,
    }
}

/// The order CPython iterates a set whose members were added in `members`' order: the
/// slots of its open-addressing table (`Objects/setobject.c`: linear probes of 9, then
/// perturbed probing; resized to 4x `used` when 3/5 full). `None` when that order is not
/// reproducible (members with per-process hashes), where insertion order stands in.
pub fn cpython_set_order(members: &indexmap::IndexSet<Key>) -> Option<Vec<usize>> {
    if members.len() < 2 || !members.iter().all(|k| deterministic_hash(&k.0)) {
        return None;
    }
    let hashes: Vec<u64> = members.iter().map(|k| py_hash(&k.0) as u64).collect();
    fn insert(table: &mut [Option<usize>], hash: u64, index: usize) {
        let mask = table.len() - 1;
        let (mut i, mut perturb) = (hash as usize & mask, hash);
        loop {
            if table[i].is_none() {
                table[i] = Some(index);
                return;
            }
            if i + 9 <= mask {
                if let Some(j) = (i + 1..=i + 9).find(|j| table[*j].is_none()) {
                    table[j] = Some(index);
                    return;
                }
            }
            perturb >>= 5;
            i = i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize) & mask;
        }
    }
    let mut table: Vec<Option<usize>> = vec![None; 8];
    for (index, hash) in hashes.iter().enumerate() {
        insert(&mut table, *hash, index);
        let (fill, mask) = (index + 1, table.len() - 1);
        if fill * 5 >= mask * 3 {
            let minused = if fill > 50_000 { fill * 2 } else { fill * 4 };
            let mut size = 8;
            while size <= minused {
                size <<= 1;
            }
            let old = std::mem::replace(&mut table, vec![None; size]);
            for i in old.into_iter().flatten() {
                insert(&mut table, hashes[i], i);
            }
        }
    }
    Some(table.into_iter().flatten().collect())
}
