//! `Args::bind_def`: binding errors of functions defined in Python, worded as CPython 3.11
//! prints them (each expectation below was printed by CPython for the signature beside it).

use pyrt::*;

fn ints(n: &[i64]) -> Vec<Py> {
    n.iter().map(|i| Py::Int(*i)).collect()
}

fn error<const N: usize>(r: PyResult<[Option<Py>; N]>) -> String {
    match r {
        Ok(_) => "bound".into(),
        Err(e) => format!("{}: {}", e.error_type(), e.message()),
    }
}

#[test]
fn messages_match_cpython() {
    let kw = |k: &'static str, v: i64| (k, Py::Int(v));
    let cases: Vec<(String, &str)> = vec![
        // def f(a, b=1)  f(1, 2, 3)
        (error(Args::new(ints(&[1, 2, 3]), vec![]).bind_def("f", ["a", "b"], [false, true], 2, 0)),
         "TypeError: f() takes from 1 to 2 positional arguments but 3 were given"),
        // def f(a)  f(1, 2)
        (error(Args::new(ints(&[1, 2]), vec![]).bind_def("f", ["a"], [false], 1, 0)),
         "TypeError: f() takes 1 positional argument but 2 were given"),
        // def f()  f(1)
        (error(Args::new(ints(&[1]), vec![]).bind_def("f", [], [], 0, 0)),
         "TypeError: f() takes 0 positional arguments but 1 was given"),
        // def f(a=1)  f(1, 2)
        (error(Args::new(ints(&[1, 2]), vec![]).bind_def("f", ["a"], [true], 1, 0)),
         "TypeError: f() takes from 0 to 1 positional arguments but 2 were given"),
        // def f(a, b, c=1, d=2)  f(1, 2, 3, 4, 5)
        (error(Args::new(ints(&[1, 2, 3, 4, 5]), vec![]).bind_def("f", ["a", "b", "c", "d"], [false, false, true, true], 4, 0)),
         "TypeError: f() takes from 2 to 4 positional arguments but 5 were given"),
        // def f(a, *, k)  f(1, 2, k=3)
        (error(Args::new(ints(&[1, 2]), vec![kw("k", 3)]).bind_def("f", ["a", "k"], [false, false], 1, 0)),
         "TypeError: f() takes 1 positional argument but 2 positional arguments (and 1 keyword-only argument) were given"),
        // def f(a, *, k)  f(1)
        (error(Args::new(ints(&[1]), vec![]).bind_def("f", ["a", "k"], [false, false], 1, 0)),
         "TypeError: f() missing 1 required keyword-only argument: 'k'"),
        // def f(a, b, *, k, m)  f()
        (error(Args::new(vec![], vec![]).bind_def("f", ["a", "b", "k", "m"], [false; 4], 2, 0)),
         "TypeError: f() missing 2 required positional arguments: 'a' and 'b'"),
        // def f(a, b, c)  f(c=1)
        (error(Args::new(vec![], vec![kw("c", 1)]).bind_def("f", ["a", "b", "c"], [false; 3], 3, 0)),
         "TypeError: f() missing 2 required positional arguments: 'a' and 'b'"),
        // def f(a)  f(1, a=2)
        (error(Args::new(ints(&[1]), vec![kw("a", 2)]).bind_def("f", ["a"], [false], 1, 0)),
         "TypeError: f() got multiple values for argument 'a'"),
        // def f(a)  f(1, 2, z=2): the unknown keyword is reported first
        (error(Args::new(ints(&[1, 2]), vec![kw("z", 2)]).bind_def("f", ["a"], [false], 1, 0)),
         "TypeError: f() got an unexpected keyword argument 'z'"),
        // class C: def m(self, x)  C().m(1, 2)
        (error(Args::new(ints(&[1, 2]), vec![]).bind_def("C.m", ["x"], [false], 1, 1)),
         "TypeError: C.m() takes 2 positional arguments but 3 were given"),
        // class C: def m(self)  C().m(1)
        (error(Args::new(ints(&[1]), vec![]).bind_def("C.m", [], [], 0, 1)),
         "TypeError: C.m() takes 1 positional argument but 2 were given"),
        // class C: def m(self, x, y=1)  C().m(1, 2, 3)
        (error(Args::new(ints(&[1, 2, 3]), vec![]).bind_def("C.m", ["x", "y"], [false, true], 2, 1)),
         "TypeError: C.m() takes from 2 to 3 positional arguments but 4 were given"),
        // class C: def m(self, x, y=1)  C().m()
        (error(Args::new(vec![], vec![]).bind_def("C.m", ["x", "y"], [false, true], 2, 1)),
         "TypeError: C.m() missing 1 required positional argument: 'x'"),
    ];
    for (got, want) in cases {
        assert_eq!(got, want);
    }
}

#[test]
fn binds_positional_keyword_and_defaults() {
    let [a, b, k] = Args::new(ints(&[1]), vec![("k", Py::Int(3))])
        .bind_def("f", ["a", "b", "k"], [false, true, false], 2, 0)
        .unwrap();
    assert_eq!((a.map(|v| v.repr_string()), b.is_none(), k.map(|v| v.repr_string())), (Some("1".into()), true, Some("3".into())));
}
