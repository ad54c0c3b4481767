//! JSON in and out, and the Lambda outcome (expectations from CPython's `json.dumps` and
//! the AWS Python runtime's error reporting).

use pyrt::*;
use serde_json::json;

fn s(v: &str) -> Py {
    Py::str(v)
}

#[test]
fn from_json_builds_python_values() {
    let v = Py::from_json(json!({"b": [1, 2.5, "x", null, true], "a": {"n": 18446744073709551615u64}, "f": 1.0}));
    assert_eq!(v.repr_string(), "{'b': [1, 2.5, 'x', None, True], 'a': {'n': 18446744073709551615}, 'f': 1.0}");
    assert!(matches!(v.getitem(&s("f")).unwrap(), Py::Float(_)));
    assert!(matches!(v.getitem(&s("a")).unwrap().getitem(&s("n")).unwrap(), Py::BigInt(_)));
    assert_eq!(Py::from_json(json!(-9223372036854775808i64)).repr_string(), "-9223372036854775808");
}

#[test]
fn to_json_follows_json_dumps() {
    let d = Py::dict(vec![
        (Py::Float(1.5), Py::Int(1)),
        (Py::Bool(true), Py::Int(2)),
        (Py::None, Py::Int(3)),
        (Py::Int(2), Py::tuple(vec![Py::Int(1), s("x")])),
        (Py::Float(f64::INFINITY), Py::Float(0.1)),
    ])
    .unwrap();
    // json.dumps(...) == '{"1.5": 1, "true": 2, "null": 3, "2": [1, "x"], "Infinity": 0.1}'
    assert_eq!(
        serde_json::to_string(&d.to_json().unwrap()).unwrap(),
        r#"{"1.5":1,"true":2,"null":3,"2":[1,"x"],"Infinity":0.1}"#
    );
    let e = Py::dict(vec![(Py::tuple(vec![Py::Int(1)]), Py::Int(1))]).unwrap().to_json().unwrap_err();
    assert_eq!(format!("{e}"), "TypeError: keys must be str, int, float, bool or None, not tuple");
    let e = Py::set(vec![Py::Int(1)]).unwrap().to_json().unwrap_err();
    assert_eq!(format!("{e}"), "TypeError: Object of type set is not JSON serializable");
    let e = Py::Bytes(std::rc::Rc::from(&b"a"[..])).to_json().unwrap_err();
    assert_eq!(format!("{e}"), "TypeError: Object of type bytes is not JSON serializable");
    let e = Py::Float(f64::NAN).to_json().unwrap_err();
    assert_eq!(format!("{e}"), "ValueError: Out of range float values are not JSON compliant");
    let l = Py::list(vec![]);
    l.call_method("append", Args::pos(vec![l.clone()])).unwrap();
    assert_eq!(format!("{}", l.to_json().unwrap_err()), "ValueError: Circular reference detected");
    assert_eq!(Py::int_from_str("18446744073709551615").to_json().unwrap(), json!(18446744073709551615u64));
    // The response: ints beyond 64 bits with every digit, as CPython writes them (2**100 + 1
    // is not a double), floats as `repr` spells them, non-ASCII text as is.
    let text = |v: Py| lambda_result(Ok(v)).unwrap().get().to_string();
    assert_eq!(text(Py::int_from_str("1267650600228229401496703205377")), "1267650600228229401496703205377");
    assert_eq!(text(Py::int_from_str("-18849496460467696131")), "-18849496460467696131");
    assert_eq!(text(Py::Float(1e16)), "1e+16");
    assert_eq!(text(Py::Float(0.1)), "0.1");
    assert_eq!(text(Py::Float(-0.0)), "-0.0");
    assert_eq!(text(Py::list(vec![s("café"), Py::None, Py::Bool(true)])), r#"["café",null,true]"#);
    // And the event: json.loads keeps big ints exact.
    let back = pyrt::json::event("[18849496460467696131, 2.5, 7]").unwrap();
    assert_eq!(back.repr_string(), "[18849496460467696131, 2.5, 7]");
    let r = builtins::range(Args::pos(vec![Py::Int(3)])).unwrap();
    assert_eq!(format!("{}", r.to_json().unwrap_err()), "TypeError: Object of type range is not JSON serializable");
}

#[test]
fn lambda_outcomes() {
    let ok = lambda_result(Ok(Py::dict(vec![(s("statusCode"), Py::Int(200))]).unwrap()));
    assert_eq!(ok.unwrap().get(), r#"{"statusCode":200}"#);
    let err = lambda_result(Ok(Py::Float(f64::NAN)));
    assert_eq!(
        err.unwrap_err(),
        ("Runtime.MarshalError".to_string(), "Out of range float values are not JSON compliant".to_string())
    );
    let err = lambda_result(Err(PyErr::new(&exc::KEY_ERROR, vec![s("user_id")])));
    assert_eq!(err.unwrap_err(), ("KeyError".to_string(), "'user_id'".to_string()));
    let err = lambda_result(Err(PyErr::msg(&exc::VALUE_ERROR, "bad input")));
    assert_eq!(err.unwrap_err(), ("ValueError".to_string(), "bad input".to_string()));
    let err = lambda_result(Ok(Py::set(vec![Py::Int(1)]).unwrap()));
    assert_eq!(
        err.unwrap_err(),
        (
            "Runtime.MarshalError".to_string(),
            "Object of type set is not JSON serializable".to_string()
        )
    );
}

#[test]
fn ints_beyond_64_bits_marshal_with_every_digit() {
    let big = Py::int_from_str;
    let v = Py::tuple(vec![
        big("123456789012345678901234567890"),
        big("-8159152832478977343456112696"),
        big("18446744073709551615"),
        big("-9223372036854775809"),
        big("1267650600228229401496703205376"),
        Py::Int(7034535277573963776),
    ]);
    // python3 -c 'import json; print(json.dumps([123456789012345678901234567890,
    //   -8159152832478977343456112696, 2**64-1, -2**63-1, 2**100, 7034535277573963776]))'
    let cpython = "[123456789012345678901234567890, -8159152832478977343456112696, 18446744073709551615, \
                   -9223372036854775809, 1267650600228229401496703205376, 7034535277573963776]";
    let out = lambda_result(Ok(v)).expect("big ints have a JSON form, as in json.dumps");
    assert_eq!(out.get(), cpython.replace(", ", ","));
    // A handler returning one is a normal response, not Runtime.MarshalError.
    let r = lambda_result(Ok(Py::dict(vec![(s("total"), big("3541774862152233910272"))]).unwrap()));
    assert_eq!(r.unwrap().get(), r#"{"total":3541774862152233910272}"#);
}
