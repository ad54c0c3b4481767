//! Hand-written checks (expectations from CPython 3.11): the typed forms of `str(x)` and
//! `float(x)` that typed locals use, `utf-8-sig`, `del xs[a:b]`, `iter(f, sentinel)`, `±counter`,
//! `reversed` of dict views, the `cp1252` codec.

use pyrt::*;

#[test]
fn str_of_matches_str() {
    assert_eq!(builtins::str_of(&Py::Int(5)).unwrap(), "5");
    assert_eq!(builtins::str_of(&Py::Float(2.5)).unwrap(), "2.5");
    assert_eq!(builtins::str_of(&Py::Float(1e16)).unwrap(), "1e+16");
    assert_eq!(builtins::str_of(&Py::str("héllo")).unwrap(), "héllo");
    assert_eq!(builtins::str_of(&Py::None).unwrap(), "None");
    assert_eq!(builtins::str_of(&Py::Bool(true)).unwrap(), "True");
    assert_eq!(
        builtins::str_of(&Py::list(vec![Py::str("a"), Py::Int(1)])).unwrap(),
        "['a', 1]"
    );
}

#[test]
fn to_float_matches_float() {
    assert_eq!(builtins::to_float(Py::str(" 1.5 ")).unwrap(), 1.5);
    assert_eq!(builtins::to_float(Py::Int(3)).unwrap(), 3.0);
    assert_eq!(builtins::to_float(Py::Bool(true)).unwrap(), 1.0);
    assert!(builtins::to_float(Py::str("nan")).unwrap().is_nan());
    let err = builtins::to_float(Py::str("abc")).unwrap_err();
    assert_eq!(err.error_type(), "ValueError");
    assert_eq!(err.message(), "could not convert string to float: 'abc'");
    let err = builtins::to_float(Py::None).unwrap_err();
    assert_eq!(err.error_type(), "TypeError");
    assert_eq!(
        err.message(),
        "float() argument must be a string or a real number, not 'NoneType'"
    );
}

/// `utf-8-sig`: Excel's CSV exports start with a byte-order mark (CPython 3.11 results).
#[test]
fn utf8_sig() {
    use pyrt::methods::{decode_bytes, encode_str};
    assert_eq!(decode_bytes(b"\xef\xbb\xbfab", "utf-8-sig", "strict").unwrap(), "ab");
    assert_eq!(decode_bytes(b"ab", "utf_8_sig", "strict").unwrap(), "ab");
    let err = decode_bytes(b"\xef\xbb\xbfab\xff", "utf-8-sig", "strict").unwrap_err();
    assert_eq!(err.message(), "'utf-8' codec can't decode byte 0xff in position 2: invalid start byte");
    assert_eq!(encode_str("é", "utf-8-sig", "strict").unwrap(), b"\xef\xbb\xbf\xc3\xa9".to_vec());
}

/// `del xs[start:stop:step]` (CPython 3.11 results).
#[test]
fn del_slice() {
    let ints = |n: i64| Py::list((0..n).map(Py::Int).collect::<Vec<_>>());
    let after = |start: Py, stop: Py, step: Py| {
        let l = ints(10);
        l.del_slice(&start, &stop, &step).unwrap();
        l.repr_string()
    };
    assert_eq!(after(Py::Int(1), Py::Int(3), Py::None), "[0, 3, 4, 5, 6, 7, 8, 9]");
    assert_eq!(after(Py::None, Py::None, Py::Int(3)), "[1, 2, 4, 5, 7, 8]");
    assert_eq!(after(Py::Int(-2), Py::None, Py::None), "[0, 1, 2, 3, 4, 5, 6, 7]");
    assert_eq!(after(Py::Int(8), Py::Int(2), Py::Int(-2)), "[0, 1, 2, 3, 5, 7, 9]");
    let t = Py::tuple(vec![Py::Int(1)]);
    let err = t.del_slice(&Py::Int(0), &Py::Int(1), &Py::None).unwrap_err();
    assert_eq!(err.message(), "'tuple' object does not support item deletion");
}

/// `iter(callable, sentinel)` (CPython 3.11 results).
#[test]
fn iter_with_sentinel() {
    let source = builtins::iter(Args::pos(vec![Py::list(vec![Py::Int(1), Py::Int(2), Py::Int(0), Py::Int(5)])])).unwrap();
    let next = Py::func("next", move |_| builtins::next(Args::pos(vec![source.clone()])));
    let it = builtins::iter(Args::pos(vec![next, Py::Int(0)])).unwrap();
    assert_eq!(builtins::list(Args::pos(vec![it])).unwrap().repr_string(), "[1, 2]");
    let err = builtins::iter(Args::pos(vec![Py::Int(5), Py::Int(0)])).unwrap_err();
    assert_eq!(err.message(), "iter(v, w): v must be callable");
}

/// `+counter` / `-counter` (CPython 3.11 results).
#[test]
fn counter_unary() {
    let c = collections::counter_type().call(Args::new(vec![], vec![("a", Py::Int(3)), ("b", Py::Int(0)), ("c", Py::Int(-2)), ("d", Py::Int(1))])).unwrap();
    assert_eq!(c.pos().unwrap().repr_string(), "Counter({'a': 3, 'd': 1})");
    assert_eq!(c.neg().unwrap().repr_string(), "Counter({'c': 2})");
}

/// `reversed(d.items())` and the other views (CPython 3.11 results).
#[test]
fn reversed_views() {
    let d = Py::dict(vec![(Py::str("a"), Py::Int(1)), (Py::str("b"), Py::Int(2))]).unwrap();
    let rev = |view: &str| {
        let v = d.call_method(view, Args::default()).unwrap();
        let r = builtins::reversed(Args::pos(vec![v])).unwrap();
        builtins::list(Args::pos(vec![r])).unwrap().repr_string()
    };
    assert_eq!(rev("items"), "[('b', 2), ('a', 1)]");
    assert_eq!(rev("keys"), "['b', 'a']");
    assert_eq!(rev("values"), "[2, 1]");
}

/// The `cp1252` codec (CPython 3.11 results).
#[test]
fn cp1252() {
    use pyrt::methods::{decode_bytes, encode_str};
    assert_eq!(decode_bytes(b"\x80\x93hi\x94 caf\xe9", "cp1252", "strict").unwrap(), "€“hi” café");
    assert_eq!(decode_bytes(b"x", "windows_1252", "strict").unwrap(), "x");
    let err = decode_bytes(b"ab\x81", "cp1252", "strict").unwrap_err();
    assert_eq!(err.message(), "'charmap' codec can't decode byte 0x81 in position 2: character maps to <undefined>");
    assert_eq!(decode_bytes(b"ab\x81", "cp1252", "replace").unwrap(), "ab\u{fffd}");
    assert_eq!(encode_str("é€", "cp1252", "strict").unwrap(), b"\xe9\x80".to_vec());
    let err = encode_str("a中", "cp1252", "strict").unwrap_err();
    assert_eq!(err.message(), "'charmap' codec can't encode character '\\u4e2d' in position 1: character maps to <undefined>");
    assert_eq!(encode_str("a中", "cp1252", "replace").unwrap(), b"a?".to_vec());
}
