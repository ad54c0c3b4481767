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

#[test]
fn varargs_collect_the_rest_in_call_order() {
    // def f(a, *rest, k=0, **extra)  f(1, 2, 3, z=4, k=5, y=6)
    let (bound, rest, extra) = Args::new(ints(&[1, 2, 3]), vec![("z", Py::Int(4)), ("k", Py::Int(5)), ("y", Py::Int(6))])
        .bind_def_var("f", ["a", "k"], [false, true], 1, 0, true, true)
        .unwrap();
    let show = |v: &Option<Py>| v.as_ref().map(|v| v.repr_string());
    assert_eq!((show(&bound[0]), show(&bound[1])), (Some("1".into()), Some("5".into())));
    assert_eq!(rest.iter().map(|v| v.repr_string()).collect::<Vec<_>>(), ["2", "3"]);
    assert_eq!(extra.iter().map(|(k, v)| format!("{k}={}", v.repr_string())).collect::<Vec<_>>(), ["z=4", "y=6"]);
    // def f(a, **extra)  f(1, 2): no *args, so too many positionals is still an error
    let err = Args::new(ints(&[1, 2]), vec![]).bind_def_var("f", ["a"], [false], 1, 0, false, true).err().unwrap();
    assert_eq!(err.message(), "f() takes 1 positional argument but 2 were given");
}

fn unpack(build: impl FnOnce(&mut Args) -> PyResult<()>) -> String {
    let mut args = Args::pos(ints(&[1]));
    match build(&mut args) {
        Ok(()) => {
            let pos: Vec<String> = args.pos.iter().map(|v| v.repr_string()).collect();
            let kw: Vec<String> = args.kw.iter().map(|(k, v)| format!("{k}={}", v.repr_string())).collect();
            format!("({}) {{{}}}", pos.join(", "), kw.join(", "))
        }
        Err(e) => format!("{}: {}", e.error_type(), e.message()),
    }
}

#[test]
fn call_site_unpacking_matches_cpython() {
    let dict = |entries: Vec<(&str, Py)>| Py::dict(entries.into_iter().map(|(k, v)| (Py::str(k), v)).collect::<Vec<_>>()).unwrap();
    let cases: Vec<(String, &str)> = vec![
        // f(1, *[2, 3], *"ab")
        (unpack(|a| {
            a.star("handler.f", &Py::list(ints(&[2, 3])))?;
            a.star("handler.f", &Py::str("ab"))
        }), "(1, 2, 3, 'a', 'b') {}"),
        // f(1, *5)
        (unpack(|a| a.star("handler.f", &Py::Int(5))), "TypeError: handler.f() argument after * must be an iterable, not int"),
        // f(1, *None)
        (unpack(|a| a.star("handler.f", &Py::None)), "TypeError: handler.f() argument after * must be an iterable, not NoneType"),
        // f(1, k=2, **{'z': 3})
        (unpack(|a| {
            a.keyword("handler.f", "k", Py::Int(2))?;
            a.star_star("handler.f", &dict(vec![("z", Py::Int(3))]))
        }), "(1) {k=2, z=3}"),
        // f(1, **[1])
        (unpack(|a| a.star_star("handler.f", &Py::list(ints(&[1])))), "TypeError: handler.f() argument after ** must be a mapping, not list"),
        // f(1, k=1, **{'k': 2})
        (unpack(|a| {
            a.keyword("handler.f", "k", Py::Int(1))?;
            a.star_star("handler.f", &dict(vec![("k", Py::Int(2))]))
        }), "TypeError: handler.f() got multiple values for keyword argument 'k'"),
        // f(1, **{'k': 1}, k=2)
        (unpack(|a| {
            a.star_star("handler.f", &dict(vec![("k", Py::Int(1))]))?;
            a.keyword("handler.f", "k", Py::Int(2))
        }), "TypeError: handler.f() got multiple values for keyword argument 'k'"),
        // f(1, **{1: 2})
        (unpack(|a| a.star_star("handler.f", &Py::dict(vec![(Py::Int(1), Py::Int(2))]).unwrap())), "TypeError: keywords must be strings"),
    ];
    for (got, want) in cases {
        assert_eq!(got, want);
    }
}
