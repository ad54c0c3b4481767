"""Generates ../stdlib_extra.rs from CPython: python3 gen_stdlib_extra.py > ../stdlib_extra.rs
collections.deque, heapq, bisect, statistics and small modules (calendar, html, fnmatch,
os.path, functools.cmp_to_key, int.bit_count), compared with `repr(result)` or `Type: message`."""
import collections, heapq, bisect, statistics, functools, calendar, html, fnmatch, os.path, decimal, fractions
from collections import deque
from pylit import rs_str, outcome, lit, args

TESTS = {}
def c(group, py, rs):
    TESTS.setdefault(group, []).append((py, rs))

def A(*pos, **kw):
    return args(list(pos), kw)

# ---- deque
def D(items=None, maxlen=None):
    pos = [] if items is None else [items]
    kw = {} if maxlen is None else {'maxlen': maxlen}
    return f"deque::deque_type().call({args(pos, kw)})"
def run(setup_py, steps):
    """A deque built by setup_py then a sequence of method calls; the result is (d, [results])."""
    return setup_py
dq = lambda py, rs: c('deque', py, rs)
dq("deque()", f"{D()}")
dq("deque([1, 2, 3], maxlen=3)", D([1, 2, 3], 3))
dq("deque(maxlen=2)", f"deque::deque_type().call(Args::new(vec![], vec![(\"maxlen\", Py::Int(2))]))")
dq("deque('abc', maxlen=2)", D('abc', 2))
dq("deque([1], -1)", f"deque::deque_type().call({A([1], -1)})")
dq("deque([1], 'a')", f"deque::deque_type().call({A([1], 'a')})")
dq("deque(5)", f"deque::deque_type().call({A(5)})")
dq("deque([1], 0)", f"deque::deque_type().call({A([1], 0)})")
dq("str(deque([1, 'a']))", f"Ok(Py::from({D([1, 'a'])}?.str_string()))")
dq("type(deque()).__name__", f"builtins::type_of(&{D()}?).getattr(\"__name__\")")
dq("isinstance(deque(), deque)", f"builtins::isinstance(Args::pos(vec![{D()}?, deque::deque_type()]))")
dq("isinstance([], deque)", f"builtins::isinstance(Args::pos(vec![Py::list(vec![]), deque::deque_type()]))")
# method sequences: (python statements on d, rust statements on d)
def seq(init, maxlen, ops):
    """ops: list of (method, [args]); returns (d, [results...])"""
    py = f"(lambda d: ([getattr(d, m)(*a) for m, a in {ops!r}], d)[::-1])(deque({init!r}, {maxlen!r}))"
    rs = f"let d = deque::deque_type().call({A(init, maxlen)})?; let mut out = vec![]; "
    for m, a in ops:
        rs += f"out.push(d.call_method(\"{m}\", {args(a)})?); "
    rs += "Ok(Py::tuple(vec![d, Py::list(out)]))"
    dq(py, rs)
seq([1, 2, 3], None, [('append', [4]), ('appendleft', [0]), ('pop', []), ('popleft', []), ('extend', [[7, 8]]), ('extendleft', [[5, 6]])])
seq([1, 2, 3], 3, [('append', [4]), ('appendleft', [0]), ('extend', [[7, 8]]), ('extendleft', [[5, 6, 9]])])
seq([1, 2, 3, 4, 5], None, [('rotate', []), ('rotate', [2]), ('rotate', [-3]), ('rotate', [12])])
seq([], None, [('rotate', [3])])
seq([1, 2, 1, 3], None, [('count', [1]), ('index', [3]), ('index', [1, 1]), ('index', [1, -2, 4]), ('remove', [1]), ('insert', [1, 'x']), ('insert', [-10, 'y']), ('insert', [99, 'z']), ('reverse', [])])
seq([1, 2], None, [('clear', []), ('append', [3])])
seq([1, 2], 0, [('append', [3]), ('extend', [[1]])])
seq([1, 2, 3], None, [('pop', [])])
for init, mx, op in [([], None, ('pop', [])), ([], None, ('popleft', [])), ([1], None, ('remove', [5])), ([1], None, ('index', [5])),
                     ([1, 2], 2, ('insert', [0, 5])), ([1, 2], None, ('pop', [0])), ([1, 2], None, ('count', [])), ([1, 2], None, ('rotate', ['a'])),
                     ([1, 2], None, ('index', [2, 0, 1]))]:
    seq(init, mx, [op])
def ex(py, rs): dq(py, rs)
ex("deque([1, 2, 3])[0]", f"{D([1,2,3])}?.getitem(&Py::Int(0))")
ex("deque([1, 2, 3])[-1]", f"{D([1,2,3])}?.getitem(&Py::Int(-1))")
ex("deque([1])[5]", f"{D([1])}?.getitem(&Py::Int(5))")
ex("deque([1])['a']", f"{D([1])}?.getitem(&Py::str(\"a\"))")
ex("deque([1])[0:1]", f"{D([1])}?.slice(&Py::Int(0), &Py::Int(1), &Py::None)")
ex("(lambda d: (d.__setitem__(1, 'x'), d)[1])(deque([1, 2]))", f"let d = {D([1,2])}?; d.setitem(Py::Int(1), Py::str(\"x\"))?; Ok(d)")
ex("(lambda d: (d.__delitem__(0), d)[1])(deque([1, 2]))", f"let d = {D([1,2])}?; d.delitem(&Py::Int(0))?; Ok(d)")
ex("deque([1]).__setitem__(3, 1)", f"{D([1])}?.setitem(Py::Int(3), Py::Int(1)).map(|_| Py::None)")
ex("len(deque([1, 2]))", f"Ok(Py::Int({D([1,2])}?.len()? as i64))")
ex("2 in deque([1, 2])", f"Ok(Py::Bool({D([1,2])}?.contains(&Py::Int(2))?))")
ex("5 in deque([1, 2])", f"Ok(Py::Bool({D([1,2])}?.contains(&Py::Int(5))?))")
ex("list(deque([1, 2]))", f"builtins::list(Args::pos(vec![{D([1,2])}?]))")
ex("list(reversed(deque([1, 2, 3])))", f"builtins::list(Args::pos(vec![builtins::reversed(Args::pos(vec![{D([1,2,3])}?]))?]))")
ex("(bool(deque()), bool(deque([0])))", f"Ok(Py::tuple(vec![Py::Bool({D()}?.truthy()), Py::Bool({D([0])}?.truthy())]))")
ex("deque([1, 2]) == deque([1, 2])", f"Ok(Py::Bool({D([1,2])}?.py_eq(&{D([1,2])}?)))")
ex("deque([1, 2], 5) == deque([1, 2])", f"Ok(Py::Bool({D([1,2],5)}?.py_eq(&{D([1,2])}?)))")
ex("deque([1, 2]) == [1, 2]", f"Ok(Py::Bool({D([1,2])}?.py_eq(&{lit([1,2])})))")
ex("deque([1]) < deque([2])", f"Ok(Py::Bool({D([1])}?.lt(&{D([2])}?)?))")
ex("deque([1]) < [2]", f"Ok(Py::Bool({D([1])}?.lt(&{lit([2])})?))")
ex("deque([1]) + deque([2])", f"{D([1])}?.add(&{D([2])}?)")
ex("deque([1], 2) + deque([2, 3])", f"{D([1],2)}?.add(&{D([2,3])}?)")
ex("deque([1]) + [2]", f"{D([1])}?.add(&{lit([2])})")
ex("deque([1, 2]) * 2", f"{D([1,2])}?.mul(&Py::Int(2))")
ex("(lambda d: (d.__iadd__([3, 4]), d)[1])(deque([1], 3))", f"let d = {D([1],3)}?; let r = d.iadd(&{lit([3,4])})?; Ok(Py::tuple(vec![Py::Bool(r.is(&d)), d]))".replace("Ok(Py::tuple(vec![Py::Bool(r.is(&d)), d]))", "Ok(d).and_then(|d| if r.is(&d) { Ok(d) } else { Ok(Py::None) })"))
ex("hash(deque())", f"builtins::hash(Args::pos(vec![{D()}?]))")
ex("deque([1, 2]).maxlen", f"{D([1,2])}?.getattr(\"maxlen\")")
ex("deque([1, 2], 4).maxlen", f"{D([1,2],4)}?.getattr(\"maxlen\")")
ex("(lambda d: [d.append(x) for x in d])(deque([1]))", f"let d = {D([1])}?; let mut out = vec![]; for x in d.iter()? {{ out.push(d.call_method(\"append\", Args::pos(vec![x?]))?); }} Ok(Py::list(out))")
ex("(lambda d: (d.extend(d), d)[1])(deque([1, 2]))", f"let d = {D([1,2])}?; d.call_method(\"extend\", Args::pos(vec![d.clone()]))?; Ok(d)")
ex("(lambda d: d.copy())(deque([1, 2], 3))", f"{D([1,2],3)}?.call_method(\"copy\", Args::default())")

ENV = dict(collections=collections, deque=deque, heapq=heapq, bisect=bisect, statistics=statistics, functools=functools,
           calendar=calendar, html=html, fnmatch=fnmatch, os=os, decimal=decimal, Decimal=decimal.Decimal, fractions=fractions)
print('''//! Generated from CPython 3.11 by gen/gen_stdlib_extra.py: collections.deque, heapq,
//! bisect, statistics and small modules, compared with `repr(result)` or `Type: message`.
#![allow(clippy::redundant_closure_call)]

mod common;
use common::Checker;
use pyrt::*;''')
for group, cases in TESTS.items():
    print(f'''
#[test]
fn {group}() {{
    let mut c = Checker::default();''')
    for py, rs in cases:
        print(f'    c.check((|| -> PyResult<Py> {{ {rs} }})(), {rs_str(outcome(lambda: eval(py, ENV)))}); // {py}')
    print('''    c.finish();
}''')
