//! Generated from CPython 3.11 by gen/gen_collections.py: collections.defaultdict,
//! Counter, OrderedDict and namedtuple, compared with `repr(result)` or `Type: message`.
#![allow(clippy::redundant_closure_call)]

mod common;
use common::Checker;
use pyrt::*;

fn s(v: &str) -> Py { Py::str(v) }
fn list_t() -> Py { Py::Type(TypeRef::Builtin("list")) }
fn int_t() -> Py { Py::Type(TypeRef::Builtin("int")) }
fn dict_t() -> Py { Py::Type(TypeRef::Builtin("dict")) }
fn dict1() -> Py { Py::dict(vec![(s("a"), Py::Int(1))]).unwrap() }
fn dict_a5() -> Py { Py::dict(vec![(s("a"), Py::Int(5))]).unwrap() }
fn coll(name: &str) -> Py {
    match name {
        "defaultdict" => collections::defaultdict_type(),
        "Counter" => collections::counter_type(),
        "OrderedDict" => collections::ordereddict_type(),
        _ => Py::func("namedtuple", collections::namedtuple),
    }
}
fn dd(f: Py) -> Py { coll("defaultdict").call(Args::pos(vec![f])).unwrap() }
fn counter(v: Py) -> PyResult<Py> { coll("Counter").call(Args::pos(vec![v])) }
fn ordered() -> PyResult<Py> {
    coll("OrderedDict").call(Args::pos(vec![Py::list(vec![Py::tuple(vec![s("a"), Py::Int(1)]), Py::tuple(vec![s("b"), Py::Int(2)])])]))
}
fn pt() -> PyResult<Py> { coll("namedtuple").call(Args::pos(vec![s("P"), s("x y")])) }

#[test]
fn collections_module() {
    let mut c = Checker::default();
    c.check((|| -> PyResult<Py> { let d = dd(list_t()); d.getitem(&s("a"))?.call_method("append", Args::pos(vec![Py::Int(1)]))?; d.getitem(&s("a"))?.call_method("append", Args::pos(vec![Py::Int(2)]))?; d.getitem(&s("b"))?; Ok(d) })(), "defaultdict(<class 'list'>, {'a': [1, 2], 'b': []})"); // (lambda d: (d['a'].append(1), d['a'].append(2), d['b'], d)[-1])(defaultdict(list))
    c.check((|| -> PyResult<Py> { let d = dd(int_t()); let v = d.getitem(&s("x"))?.add(&Py::Int(1))?; d.setitem(s("x"), v)?; let v = d.getitem(&s("x"))?.add(&Py::Int(1))?; d.setitem(s("x"), v)?; Ok(d) })(), "defaultdict(<class 'int'>, {'x': 2})"); // (lambda d: (d.__setitem__('x', d['x'] + 1), d.__setitem__('x', d['x'] + 1), d)[-1])(defaultdict(int))
    c.check((|| -> PyResult<Py> { let d = dd(int_t()); Ok(Py::tuple(vec![d.call_method("get", Args::pos(vec![s("q")]))?, Py::Bool(d.contains(&s("q"))?), Py::Int(d.len()? as i64)])) })(), "(None, False, 0)"); // (lambda d: (d.get('q'), 'q' in d, len(d)))(defaultdict(int))
    c.check((|| -> PyResult<Py> { dd(Py::None).getitem(&s("k")) })(), "KeyError: 'k'"); // defaultdict(None)['k']
    c.check((|| -> PyResult<Py> { coll("defaultdict").call(Args::pos(vec![Py::Int(5)])) })(), "TypeError: first argument must be callable or None"); // defaultdict(5)
    c.check((|| -> PyResult<Py> { coll("defaultdict").call(Args::new(vec![list_t(), dict1()], vec![("b", Py::Int(2))])) })(), "defaultdict(<class 'list'>, {'a': 1, 'b': 2})"); // defaultdict(list, {'a': 1}, b=2)
    c.check((|| -> PyResult<Py> { builtins::isinstance(Args::pos(vec![dd(list_t()), dict_t()])) })(), "True"); // isinstance(defaultdict(list), dict)
    c.check((|| -> PyResult<Py> { builtins::isinstance(Args::pos(vec![dd(list_t()), coll("defaultdict")])) })(), "True"); // isinstance(defaultdict(list), defaultdict)
    c.check((|| -> PyResult<Py> { builtins::isinstance(Args::pos(vec![Py::dict(vec![])?, coll("defaultdict")])) })(), "False"); // isinstance({}, defaultdict)
    c.check((|| -> PyResult<Py> { builtins::r#type(Args::pos(vec![dd(list_t())]))?.getattr("__name__") })(), "'defaultdict'"); // type(defaultdict(list)).__name__
    c.check((|| -> PyResult<Py> { builtins::r#type(Args::pos(vec![dd(list_t())])) })(), "<class 'collections.defaultdict'>"); // type(defaultdict(list))
    c.check((|| -> PyResult<Py> { dd(list_t()).getattr("default_factory") })(), "<class 'list'>"); // defaultdict(list).default_factory
    c.check((|| -> PyResult<Py> { let d = dd(list_t()); d.getitem(&s("a"))?.call_method("append", Args::pos(vec![Py::Int(1)]))?; json::dumps(Args::pos(vec![d])) })(), "'{\"a\": [1]}'"); // json.dumps((lambda d: (d['a'].append(1), d)[1])(defaultdict(list)))
    c.check((|| -> PyResult<Py> { let d = dd(Py::Type(TypeRef::Builtin("set"))); d.getitem(&s("a"))?; Ok(Py::tuple(vec![d.getitem(&s("a"))?, d.call_method("copy", Args::default())?])) })(), "(set(), defaultdict(<class 'set'>, {'a': set()}))"); // (lambda d: (d['a'], d.copy()))(defaultdict(set))
    c.check((|| -> PyResult<Py> { builtins::dict(Args::pos(vec![coll("defaultdict").call(Args::pos(vec![list_t(), dict1()]))?])) })(), "{'a': 1}"); // dict(defaultdict(list, {'a': 1}))
    c.check((|| -> PyResult<Py> { let d = coll("defaultdict").call(Args::pos(vec![list_t(), dict1()]))?; Ok(Py::tuple(vec![d.call_method("pop", Args::pos(vec![s("a")]))?, d.call_method("setdefault", Args::pos(vec![s("z"), Py::Int(3)]))?, d])) })(), "(1, 3, defaultdict(<class 'list'>, {'z': 3}))"); // (lambda d: (d.pop('a'), d.setdefault('z', 3), d))(defaultdict(list, {'a': 1}))
    c.check((|| -> PyResult<Py> { counter(s("abracadabra")) })(), "Counter({'a': 5, 'b': 2, 'r': 2, 'c': 1, 'd': 1})"); // Counter('abracadabra')
    c.check((|| -> PyResult<Py> { counter(s("abracadabra"))?.call_method("most_common", Args::pos(vec![Py::Int(3)])) })(), "[('a', 5), ('b', 2), ('r', 2)]"); // Counter('abracadabra').most_common(3)
    c.check((|| -> PyResult<Py> { counter(s("abcab"))?.call_method("most_common", Args::default()) })(), "[('a', 2), ('b', 2), ('c', 1)]"); // Counter('abcab').most_common()
    c.check((|| -> PyResult<Py> { counter(Py::list(vec![s("x"), s("y"), s("x")]))?.getitem(&s("z")) })(), "0"); // Counter(['x', 'y', 'x'])['z']
    c.check((|| -> PyResult<Py> { let c = counter(s("ab"))?; Ok(Py::tuple(vec![c.getitem(&s("z"))?, Py::Int(c.len()? as i64)])) })(), "(0, 2)"); // (lambda c: (c['z'], len(c)))(Counter('ab'))
    c.check((|| -> PyResult<Py> { let c = counter(s("ab"))?; c.call_method("update", Args::pos(vec![s("aaz")]))?; Ok(c) })(), "Counter({'a': 3, 'b': 1, 'z': 1})"); // (lambda c: (c.update('aaz'), c)[1])(Counter('ab'))
    c.check((|| -> PyResult<Py> { let c = counter(s("ab"))?; c.call_method("update", Args::pos(vec![dict_a5()]))?; Ok(c) })(), "Counter({'a': 6, 'b': 1})"); // (lambda c: (c.update({'a': 5}), c)[1])(Counter('ab'))
    c.check((|| -> PyResult<Py> { let c = counter(s("ab"))?; c.call_method("subtract", Args::pos(vec![s("aaz")]))?; Ok(c) })(), "Counter({'b': 1, 'a': -1, 'z': -1})"); // (lambda c: (c.subtract('aaz'), c)[1])(Counter('ab'))
    c.check((|| -> PyResult<Py> { counter(s("aab"))?.add(&counter(s("abcc"))?) })(), "Counter({'a': 3, 'b': 2, 'c': 2})"); // Counter('aab') + Counter('abcc')
    c.check((|| -> PyResult<Py> { counter(s("aab"))?.sub(&counter(s("abcc"))?) })(), "Counter({'a': 1})"); // Counter('aab') - Counter('abcc')
    c.check((|| -> PyResult<Py> { counter(s("aab"))?.bitor(&counter(s("abcc"))?) })(), "Counter({'a': 2, 'c': 2, 'b': 1})"); // Counter('aab') | Counter('abcc')
    c.check((|| -> PyResult<Py> { counter(s("aab"))?.bitand(&counter(s("abcc"))?) })(), "Counter({'a': 1, 'b': 1})"); // Counter('aab') & Counter('abcc')
    c.check((|| -> PyResult<Py> { builtins::sorted(Args::pos(vec![counter(s("aab"))?.call_method("elements", Args::default())?])) })(), "['a', 'a', 'b']"); // sorted(Counter('aab').elements())
    c.check((|| -> PyResult<Py> { counter(s("aab"))?.call_method("total", Args::default()) })(), "3"); // Counter('aab').total()
    c.check((|| -> PyResult<Py> { coll("Counter").call(Args::default()) })(), "Counter()"); // Counter()
    c.check((|| -> PyResult<Py> { coll("Counter").call(Args::new(vec![], vec![("a", Py::Int(2)), ("b", Py::Int(1))])) })(), "Counter({'a': 2, 'b': 1})"); // Counter(a=2, b=1)
    c.check((|| -> PyResult<Py> { json::dumps(Args::pos(vec![counter(s("aba"))?])) })(), "'{\"a\": 2, \"b\": 1}'"); // json.dumps(Counter('aba'))
    c.check((|| -> PyResult<Py> { builtins::isinstance(Args::pos(vec![counter(s(""))?, dict_t()])) })(), "True"); // isinstance(Counter(), dict)
    c.check((|| -> PyResult<Py> { Ok(Py::Bool(counter(s("ab"))?.py_eq(&Py::dict(vec![(s("a"), Py::Int(1)), (s("b"), Py::Int(1))])?))) })(), "True"); // Counter('ab') == {'a': 1, 'b': 1}
    c.check((|| -> PyResult<Py> { builtins::dict(Args::pos(vec![counter(s("aba"))?])) })(), "{'a': 2, 'b': 1}"); // dict(Counter('aba'))
    c.check((|| -> PyResult<Py> { builtins::list(Args::pos(vec![counter(s("bab"))?])) })(), "['b', 'a']"); // list(Counter('bab'))
    c.check((|| -> PyResult<Py> { builtins::list(Args::pos(vec![counter(s("bab"))?.call_method("items", Args::default())?])) })(), "[('b', 2), ('a', 1)]"); // list(Counter('bab').items())
    c.check((|| -> PyResult<Py> { ordered() })(), "OrderedDict([('a', 1), ('b', 2)])"); // OrderedDict([('a', 1), ('b', 2)])
    c.check((|| -> PyResult<Py> { coll("OrderedDict").call(Args::default()) })(), "OrderedDict()"); // OrderedDict()
    c.check((|| -> PyResult<Py> { let d = ordered()?; d.call_method("move_to_end", Args::pos(vec![s("a")]))?; Ok(d) })(), "OrderedDict([('b', 2), ('a', 1)])"); // (lambda d: (d.move_to_end('a'), d)[1])(OrderedDict([('a', 1), ('b', 2)]))
    c.check((|| -> PyResult<Py> { let d = ordered()?; d.call_method("move_to_end", Args::new(vec![s("b")], vec![("last", Py::Bool(false))]))?; Ok(d) })(), "OrderedDict([('b', 2), ('a', 1)])"); // (lambda d: (d.move_to_end('b', last=False), d)[1])(OrderedDict([('a', 1), ('b', 2)]))
    c.check((|| -> PyResult<Py> { ordered()?.call_method("popitem", Args::new(vec![], vec![("last", Py::Bool(false))])) })(), "('a', 1)"); // OrderedDict([('a', 1), ('b', 2)]).popitem(last=False)
    c.check((|| -> PyResult<Py> { ordered()?.call_method("move_to_end", Args::pos(vec![s("q")])) })(), "KeyError: 'q'"); // OrderedDict([('a', 1), ('b', 2)]).move_to_end('q')
    c.check((|| -> PyResult<Py> { json::dumps(Args::pos(vec![ordered()?])) })(), "'{\"a\": 1, \"b\": 2}'"); // json.dumps(OrderedDict([('a', 1), ('b', 2)]))
    c.check((|| -> PyResult<Py> { ordered()?.getitem(&s("c")) })(), "KeyError: 'c'"); // OrderedDict([('a', 1), ('b', 2)])['c']
    c.check((|| -> PyResult<Py> { pt()?.call(Args::new(vec![Py::Int(1)], vec![("y", Py::Int(2))])) })(), "P(x=1, y=2)"); // P(1, y=2)
    c.check((|| -> PyResult<Py> { let p = pt()?.call(Args::pos(vec![Py::Int(1), Py::Int(2)]))?; p.getattr("x")?.add(&p.getitem(&Py::Int(1))?) })(), "3"); // P(1, 2).x + P(1, 2)[1]
    c.check((|| -> PyResult<Py> { pt()?.call(Args::pos(vec![Py::Int(1), Py::Int(2)]))?.call_method("_asdict", Args::default()) })(), "{'x': 1, 'y': 2}"); // P(1, 2)._asdict()
    c.check((|| -> PyResult<Py> { pt()?.call(Args::pos(vec![Py::Int(1), Py::Int(2)]))?.call_method("_replace", Args::new(vec![], vec![("x", Py::Int(5))])) })(), "P(x=5, y=2)"); // P(1, 2)._replace(x=5)
    c.check((|| -> PyResult<Py> { pt()?.call(Args::pos(vec![Py::Int(1)])) })(), "TypeError: P.__new__() missing 1 required positional argument: 'y'"); // P(1)
    c.check((|| -> PyResult<Py> { pt()?.call(Args::pos(vec![Py::Int(1), Py::Int(2), Py::Int(3)])) })(), "TypeError: P.__new__() takes 3 positional arguments but 4 were given"); // P(1, 2, 3)
    c.check((|| -> PyResult<Py> { json::dumps(Args::pos(vec![pt()?.call(Args::pos(vec![Py::Int(1), Py::Int(2)]))?])) })(), "'[1, 2]'"); // json.dumps(P(1, 2))
    c.check((|| -> PyResult<Py> { let p = pt()?.call(Args::pos(vec![Py::Int(1), Py::Int(2)]))?; Ok(Py::tuple(vec![Py::Int(p.len()? as i64), builtins::list(Args::pos(vec![p.clone()]))?, Py::Bool(p.py_eq(&pt()?.call(Args::pos(vec![Py::Int(1), Py::Int(2)]))?))])) })(), "(2, [1, 2], True)"); // len(P(1, 2)), list(P(1, 2)), P(1, 2) == P(1, 2)
    c.check((|| -> PyResult<Py> { coll("namedtuple").call(Args::new(vec![s("Q"), s("a b")], vec![("defaults", Py::list(vec![Py::Int(0)]))]))?.call(Args::pos(vec![Py::Int(1)])) })(), "Q(a=1, b=0)"); // namedtuple('Q', 'a b', defaults=[0])(1)
    c.check((|| -> PyResult<Py> { coll("namedtuple").call(Args::pos(vec![s("Q"), Py::list(vec![s("a"), s("def")])])) })(), "ValueError: Type names and field names cannot be a keyword: 'def'"); // namedtuple('Q', ['a', 'def'])
    c.check((|| -> PyResult<Py> { coll("namedtuple").call(Args::pos(vec![s("Q"), s("a, _b")])) })(), "ValueError: Field names cannot start with an underscore: '_b'"); // namedtuple('Q', 'a, _b')
    c.check((|| -> PyResult<Py> { coll("namedtuple").call(Args::pos(vec![s("Q"), s("a b a")])) })(), "ValueError: Encountered duplicate field name: 'a'"); // namedtuple('Q', 'a b a')
    c.finish();
}
