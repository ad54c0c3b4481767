//! `repr(float)` against CPython 3.11 on 2,500 doubles (`data/float_repr.txt`: random bit
//! patterns, random magnitudes, and large values ending in .25/.5/.75 whose shortest
//! round-tripping digits tie, where CPython picks the nearest/even candidate).

use pyrt::repr::float_repr;

#[test]
fn float_repr_matches_cpython() {
    let data = include_str!("data/float_repr.txt");
    let mut failures = Vec::new();
    for line in data.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
        let (bits, expected) = line.split_once(' ').unwrap();
        let f = f64::from_bits(bits.parse().unwrap());
        let got = float_repr(f);
        if got != expected {
            failures.push(format!("{f:e}: expected {expected}, got {got}"));
        }
    }
    assert!(failures.is_empty(), "{} of the doubles differ:\n{}", failures.len(), failures[..failures.len().min(20)].join("\n"));
}
