//! The typed forms of `str(x)` and `float(x)` that typed locals use: the same results and
//! errors as the `Py` builtins (expectations from CPython 3.11).

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
