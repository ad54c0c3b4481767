"""Generates ../collections.rs from CPython: python3 gen_collections.py > ../collections.rs
Each case is a Python expression and the same computation in Rust (a closure body)."""
import collections, json
from collections import defaultdict, Counter, OrderedDict, namedtuple
from pylit import rs_str, outcome

CASES = [
 # defaultdict
 ("(lambda d: (d['a'].append(1), d['a'].append(2), d['b'], d)[-1])(defaultdict(list))",
  "let d = dd(list_t()); d.getitem(&s(\"a\"))?.call_method(\"append\", Args::pos(vec![Py::Int(1)]))?; d.getitem(&s(\"a\"))?.call_method(\"append\", Args::pos(vec![Py::Int(2)]))?; d.getitem(&s(\"b\"))?; Ok(d)"),
 ("(lambda d: (d.__setitem__('x', d['x'] + 1), d.__setitem__('x', d['x'] + 1), d)[-1])(defaultdict(int))",
  "let d = dd(int_t()); let v = d.getitem(&s(\"x\"))?.add(&Py::Int(1))?; d.setitem(s(\"x\"), v)?; let v = d.getitem(&s(\"x\"))?.add(&Py::Int(1))?; d.setitem(s(\"x\"), v)?; Ok(d)"),
 ("(lambda d: (d.get('q'), 'q' in d, len(d)))(defaultdict(int))",
  "let d = dd(int_t()); Ok(Py::tuple(vec![d.call_method(\"get\", Args::pos(vec![s(\"q\")]))?, Py::Bool(d.contains(&s(\"q\"))?), Py::Int(d.len()? as i64)]))"),
 ("defaultdict(None)['k']", "dd(Py::None).getitem(&s(\"k\"))"),
 ("defaultdict(5)", "coll(\"defaultdict\").call(Args::pos(vec![Py::Int(5)]))"),
 ("defaultdict(list, {'a': 1}, b=2)", "coll(\"defaultdict\").call(Args::new(vec![list_t(), dict1()], vec![(\"b\", Py::Int(2))]))"),
 ("isinstance(defaultdict(list), dict)", "builtins::isinstance(Args::pos(vec![dd(list_t()), dict_t()]))"),
 ("isinstance(defaultdict(list), defaultdict)", "builtins::isinstance(Args::pos(vec![dd(list_t()), coll(\"defaultdict\")]))"),
 ("isinstance({}, defaultdict)", "builtins::isinstance(Args::pos(vec![Py::dict(vec![])?, coll(\"defaultdict\")]))"),
 ("type(defaultdict(list)).__name__", "builtins::r#type(Args::pos(vec![dd(list_t())]))?.getattr(\"__name__\")"),
 ("type(defaultdict(list))", "builtins::r#type(Args::pos(vec![dd(list_t())]))"),
 ("defaultdict(list).default_factory", "dd(list_t()).getattr(\"default_factory\")"),
 ("json.dumps((lambda d: (d['a'].append(1), d)[1])(defaultdict(list)))",
  "let d = dd(list_t()); d.getitem(&s(\"a\"))?.call_method(\"append\", Args::pos(vec![Py::Int(1)]))?; json::dumps(Args::pos(vec![d]))"),
 ("(lambda d: (d['a'], d.copy()))(defaultdict(set))", "let d = dd(Py::Type(TypeRef::Builtin(\"set\"))); d.getitem(&s(\"a\"))?; Ok(Py::tuple(vec![d.getitem(&s(\"a\"))?, d.call_method(\"copy\", Args::default())?]))"),
 ("dict(defaultdict(list, {'a': 1}))", "builtins::dict(Args::pos(vec![coll(\"defaultdict\").call(Args::pos(vec![list_t(), dict1()]))?]))"),
 ("(lambda d: (d.pop('a'), d.setdefault('z', 3), d))(defaultdict(list, {'a': 1}))",
  "let d = coll(\"defaultdict\").call(Args::pos(vec![list_t(), dict1()]))?; Ok(Py::tuple(vec![d.call_method(\"pop\", Args::pos(vec![s(\"a\")]))?, d.call_method(\"setdefault\", Args::pos(vec![s(\"z\"), Py::Int(3)]))?, d]))"),
 # Counter
 ("Counter('abracadabra')", "counter(s(\"abracadabra\"))"),
 ("Counter('abracadabra').most_common(3)", "counter(s(\"abracadabra\"))?.call_method(\"most_common\", Args::pos(vec![Py::Int(3)]))"),
 ("Counter('abcab').most_common()", "counter(s(\"abcab\"))?.call_method(\"most_common\", Args::default())"),
 ("Counter(['x', 'y', 'x'])['z']", "counter(Py::list(vec![s(\"x\"), s(\"y\"), s(\"x\")]))?.getitem(&s(\"z\"))"),
 ("(lambda c: (c['z'], len(c)))(Counter('ab'))", "let c = counter(s(\"ab\"))?; Ok(Py::tuple(vec![c.getitem(&s(\"z\"))?, Py::Int(c.len()? as i64)]))"),
 ("(lambda c: (c.update('aaz'), c)[1])(Counter('ab'))", "let c = counter(s(\"ab\"))?; c.call_method(\"update\", Args::pos(vec![s(\"aaz\")]))?; Ok(c)"),
 ("(lambda c: (c.update({'a': 5}), c)[1])(Counter('ab'))", "let c = counter(s(\"ab\"))?; c.call_method(\"update\", Args::pos(vec![dict_a5()]))?; Ok(c)"),
 ("(lambda c: (c.subtract('aaz'), c)[1])(Counter('ab'))", "let c = counter(s(\"ab\"))?; c.call_method(\"subtract\", Args::pos(vec![s(\"aaz\")]))?; Ok(c)"),
 ("Counter('aab') + Counter('abcc')", "counter(s(\"aab\"))?.add(&counter(s(\"abcc\"))?)"),
 ("Counter('aab') - Counter('abcc')", "counter(s(\"aab\"))?.sub(&counter(s(\"abcc\"))?)"),
 ("Counter('aab') | Counter('abcc')", "counter(s(\"aab\"))?.bitor(&counter(s(\"abcc\"))?)"),
 ("Counter('aab') & Counter('abcc')", "counter(s(\"aab\"))?.bitand(&counter(s(\"abcc\"))?)"),
 ("sorted(Counter('aab').elements())", "builtins::sorted(Args::pos(vec![counter(s(\"aab\"))?.call_method(\"elements\", Args::default())?]))"),
 ("Counter('aab').total()", "counter(s(\"aab\"))?.call_method(\"total\", Args::default())"),
 ("Counter()", "coll(\"Counter\").call(Args::default())"),
 ("Counter(a=2, b=1)", "coll(\"Counter\").call(Args::new(vec![], vec![(\"a\", Py::Int(2)), (\"b\", Py::Int(1))]))"),
 ("json.dumps(Counter('aba'))", "json::dumps(Args::pos(vec![counter(s(\"aba\"))?]))"),
 ("isinstance(Counter(), dict)", "builtins::isinstance(Args::pos(vec![counter(s(\"\"))?, dict_t()]))"),
 ("Counter('ab') == {'a': 1, 'b': 1}", "Ok(Py::Bool(counter(s(\"ab\"))?.py_eq(&Py::dict(vec![(s(\"a\"), Py::Int(1)), (s(\"b\"), Py::Int(1))])?)))"),
 ("dict(Counter('aba'))", "builtins::dict(Args::pos(vec![counter(s(\"aba\"))?]))"),
 ("list(Counter('bab'))", "builtins::list(Args::pos(vec![counter(s(\"bab\"))?]))"),
 ("list(Counter('bab').items())", "builtins::list(Args::pos(vec![counter(s(\"bab\"))?.call_method(\"items\", Args::default())?]))"),
 # OrderedDict
 ("OrderedDict([('a', 1), ('b', 2)])", "ordered()"),
 ("OrderedDict()", "coll(\"OrderedDict\").call(Args::default())"),
 ("(lambda d: (d.move_to_end('a'), d)[1])(OrderedDict([('a', 1), ('b', 2)]))", "let d = ordered()?; d.call_method(\"move_to_end\", Args::pos(vec![s(\"a\")]))?; Ok(d)"),
 ("(lambda d: (d.move_to_end('b', last=False), d)[1])(OrderedDict([('a', 1), ('b', 2)]))", "let d = ordered()?; d.call_method(\"move_to_end\", Args::new(vec![s(\"b\")], vec![(\"last\", Py::Bool(false))]))?; Ok(d)"),
 ("OrderedDict([('a', 1), ('b', 2)]).popitem(last=False)", "ordered()?.call_method(\"popitem\", Args::new(vec![], vec![(\"last\", Py::Bool(false))]))"),
 ("OrderedDict([('a', 1), ('b', 2)]).move_to_end('q')", "ordered()?.call_method(\"move_to_end\", Args::pos(vec![s(\"q\")]))"),
 ("json.dumps(OrderedDict([('a', 1), ('b', 2)]))", "json::dumps(Args::pos(vec![ordered()?]))"),
 ("OrderedDict([('a', 1), ('b', 2)])['c']", "ordered()?.getitem(&s(\"c\"))"),
 # namedtuple
 ("P(1, y=2)", "pt()?.call(Args::new(vec![Py::Int(1)], vec![(\"y\", Py::Int(2))]))"),
 ("P(1, 2).x + P(1, 2)[1]", "let p = pt()?.call(Args::pos(vec![Py::Int(1), Py::Int(2)]))?; p.getattr(\"x\")?.add(&p.getitem(&Py::Int(1))?)"),
 ("P(1, 2)._asdict()", "pt()?.call(Args::pos(vec![Py::Int(1), Py::Int(2)]))?.call_method(\"_asdict\", Args::default())"),
 ("P(1, 2)._replace(x=5)", "pt()?.call(Args::pos(vec![Py::Int(1), Py::Int(2)]))?.call_method(\"_replace\", Args::new(vec![], vec![(\"x\", Py::Int(5))]))"),
 ("P(1)", "pt()?.call(Args::pos(vec![Py::Int(1)]))"),
 ("P(1, 2, 3)", "pt()?.call(Args::pos(vec![Py::Int(1), Py::Int(2), Py::Int(3)]))"),
 ("json.dumps(P(1, 2))", "json::dumps(Args::pos(vec![pt()?.call(Args::pos(vec![Py::Int(1), Py::Int(2)]))?]))"),
 ("len(P(1, 2)), list(P(1, 2)), P(1, 2) == P(1, 2)", "let p = pt()?.call(Args::pos(vec![Py::Int(1), Py::Int(2)]))?; Ok(Py::tuple(vec![Py::Int(p.len()? as i64), builtins::list(Args::pos(vec![p.clone()]))?, Py::Bool(p.py_eq(&pt()?.call(Args::pos(vec![Py::Int(1), Py::Int(2)]))?))]))"),
 ("namedtuple('Q', 'a b', defaults=[0])(1)", "coll(\"namedtuple\").call(Args::new(vec![s(\"Q\"), s(\"a b\")], vec![(\"defaults\", Py::list(vec![Py::Int(0)]))]))?.call(Args::pos(vec![Py::Int(1)]))"),
 ("namedtuple('Q', ['a', 'def'])", "coll(\"namedtuple\").call(Args::pos(vec![s(\"Q\"), Py::list(vec![s(\"a\"), s(\"def\")])]))"),
 ("namedtuple('Q', 'a, _b')", "coll(\"namedtuple\").call(Args::pos(vec![s(\"Q\"), s(\"a, _b\")]))"),
 ("namedtuple('Q', 'a b a')", "coll(\"namedtuple\").call(Args::pos(vec![s(\"Q\"), s(\"a b a\")]))"),
]
P = namedtuple('P', 'x y')
env = dict(defaultdict=defaultdict, Counter=Counter, OrderedDict=OrderedDict, namedtuple=namedtuple, json=json, P=P)
print('''//! Generated from CPython 3.11 by gen/gen_collections.py: collections.defaultdict,
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
    let mut c = Checker::default();''')
for py, rs in CASES:
    exp = outcome(lambda: eval(py, env))
    print(f'    c.check((|| -> PyResult<Py> {{ {rs} }})(), {rs_str(exp)}); // {py}')
print('''    c.finish();
}''')
