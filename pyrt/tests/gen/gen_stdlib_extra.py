"""Generates ../stdlib_extra.rs from CPython: python3 gen_stdlib_extra.py > ../stdlib_extra.rs
collections.deque, heapq, bisect, statistics and small modules (calendar, html, fnmatch,
os.path, functools.cmp_to_key, int.bit_count), compared with `repr(result)` or `Type: message`."""
import collections, heapq, bisect, statistics, functools, calendar, html, fnmatch, os.path, decimal, fractions
from collections import deque
from pylit import rs_str, outcome, lit, args, Raw

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


# ---- heapq: the list after each call, and what the call returned
import random
def hq(py, rs): c('heapq', py, rs)
def heap_seq(init, ops):
    py = f"(lambda h: ([getattr(heapq, f)(h, *a) for f, a in {ops!r}], h))({init!r})"
    rs = f"let h = {lit(init)}; let mut out = vec![]; "
    for f, a in ops:
        rs += f"out.push(heapq::{f}({args([Raw('h.clone()')] + a)})?); "
    rs += "Ok(Py::tuple(vec![Py::list(out), h]))"
    hq(py, rs)
rnd = random.Random(7)
vals = [rnd.randrange(50) for _ in range(40)]
heap_seq([], [('heappush', [v]) for v in vals[:20]] + [('heappop', []) for _ in range(8)])
heap_seq(vals[:25], [('heapify', [])] + [('heappushpop', [v]) for v in vals[25:30]] + [('heapreplace', [v]) for v in vals[30:35]] + [('heappop', []) for _ in range(5)])
heap_seq([(2, 'b'), (1, 'z'), (2, 'a'), (1, 'y'), (3, 'c')], [('heapify', []), ('heappush', [(0, 'q')]), ('heappop', []), ('heappop', [])])
heap_seq([5.5, 1, 3.25, True, 0], [('heapify', []), ('heappushpop', [-1]), ('heappushpop', [10])])
heap_seq([], [('heappushpop', [3])])
big = [rnd.randrange(100) for _ in range(3000)]
hq(f"(lambda h: (heapq.heapify(h), h)[1])({big!r})", f"let h = {lit(big)}; heapq::heapify(Args::pos(vec![h.clone()]))?; Ok(h)")
for py, rs in [("heapq.heappop([])", "heapq::heappop(Args::pos(vec![Py::list(vec![])]))"),
               ("heapq.heapreplace([], 1)", "heapq::heapreplace(Args::pos(vec![Py::list(vec![]), Py::Int(1)]))"),
               ("heapq.heappush((), 1)", "heapq::heappush(Args::pos(vec![Py::tuple(vec![]), Py::Int(1)]))"),
               ("heapq.heapify((1,))", "heapq::heapify(Args::pos(vec![Py::tuple(vec![Py::Int(1)])]))"),
               ("heapq.heappop(())", "heapq::heappop(Args::pos(vec![Py::tuple(vec![])]))"),
               ("heapq.heappushpop((), 1)", "heapq::heappushpop(Args::pos(vec![Py::tuple(vec![]), Py::Int(1)]))"),
               ("heapq.heappush([1], 'a')", "heapq::heappush(Args::pos(vec![Py::list(vec![Py::Int(1)]), Py::str(\"a\")]))"),
               ("heapq.heappush([])", "heapq::heappush(Args::pos(vec![Py::list(vec![])]))")]:
    hq(py, rs)
# ---- bisect
KEY0 = Raw('Py::func("k", |a: Args| a.pos[0].getitem(&Py::Int(0)))')
def bs(py, rs): c('bisect', py, rs)
A5 = [1, 2, 2, 2, 5, 8]
for f in ['bisect_left', 'bisect_right', 'bisect']:
    rf = 'bisect_right' if f == 'bisect' else f
    for x in [0, 2, 3, 8, 9]:
        bs(f"bisect.{f}({A5!r}, {x})", f"bisect::{rf}({args([A5, x])})")
    bs(f"bisect.{f}({A5!r}, 2, 2)", f"bisect::{rf}({args([A5, 2, 2])})")
    bs(f"bisect.{f}({A5!r}, 2, 0, 2)", f"bisect::{rf}({args([A5, 2, 0, 2])})")
    bs(f"bisect.{f}({A5!r}, 2, hi=-1)", f"bisect::{rf}({args([A5, 2], {'hi': -1})})")
    bs(f"bisect.{f}({A5!r}, 2, hi=-5)", f"bisect::{rf}({args([A5, 2], {'hi': -5})})")
    bs(f"bisect.{f}({A5!r}, 2, hi=None)", f"bisect::{rf}({args([A5, 2], {'hi': None})})")
    bs(f"bisect.{f}([[1, 'a'], [3, 'b'], [3, 'c']], 3, key=lambda r: r[0])", f"bisect::{rf}({args([[[1, 'a'], [3, 'b'], [3, 'c']], 3], {'key': KEY0})})")
for f in ['insort_left', 'insort_right', 'insort']:
    rf = 'insort_right' if f == 'insort' else f
    bs(f"(lambda a: (bisect.{f}(a, 2.0), bisect.{f}(a, 7), bisect.{f}(a, 0, 1), a)[3])([1, 2, 2, 5])", f"let a = {lit([1, 2, 2, 5])}; bisect::{rf}({args([Raw('a.clone()'), 2.0])})?; bisect::{rf}({args([Raw('a.clone()'), 7])})?; bisect::{rf}({args([Raw('a.clone()'), 0, 1])})?; Ok(a)")
    bs(f"(lambda a: (bisect.{f}(a, [3, 'x'], key=lambda r: r[0]), a)[1])([[1, 'a'], [3, 'b'], [5, 'c']])", f"let a = {lit([[1, 'a'], [3, 'b'], [5, 'c']])}; bisect::{rf}({args([Raw('a.clone()'), [3, 'x']], {'key': KEY0})})?; Ok(a)")
for py, rs in [("bisect.bisect([1, 2], 1, -1)", f"bisect::bisect_right({args([[1, 2], 1, -1])})"),
               ("bisect.bisect([1, 2], 1, hi=5)", f"bisect::bisect_right({args([[1, 2], 1], {'hi': 5})})"),
               ("bisect.bisect(5, 1)", f"bisect::bisect_right({args([5, 1])})"),
               ("bisect.bisect([1, 2], 'a')", f"bisect::bisect_right({args([[1, 2], 'a'])})"),
               ("bisect.insort((1, 2), 1)", f"bisect::insort_right({args([(1, 2), 1])})"),
               ("bisect.bisect_left([1, 2], 1, 0, 2, lambda x: x)", f"bisect::bisect_left({args([[1, 2], 1, 0, 2, None])})"),
               ("bisect.bisect_left([1, 2], 1, foo=1)", f"bisect::bisect_left({args([[1, 2], 1], {'foo': 1})})"),
               ("bisect.bisect_left([1, 2])", f"bisect::bisect_left({args([[1, 2]])})"),
               ("bisect.bisect_left('abc', 'b')", f"bisect::bisect_left({args(['abc', 'b'])})"),
               ("bisect.bisect_left((1, 3, 5), 4)", f"bisect::bisect_left({args([(1, 3, 5), 4])})")]:
    bs(py, rs)


# ---- statistics
def st(py, rs): c('statistics', py, rs)
def DEC(s): return Raw(f'decimal::decimal_type().call(Args::pos(vec![Py::str("{s}")])).unwrap()', decimal.Decimal(s))
def pyv(v):
    if isinstance(v, Raw) and isinstance(v.value, int): return repr(v.value)
    if isinstance(v, Raw): return f"Decimal('{v.value}')"
    if isinstance(v, list): return '[' + ', '.join(pyv(x) for x in v) + ']'
    if isinstance(v, float) and v != v: return "float('nan')"
    if isinstance(v, float) and v in (float('inf'), float('-inf')): return f"float('{v}')"
    return repr(v)
rnd2 = random.Random(11)
floats = [round(rnd2.uniform(-100, 100), rnd2.randrange(1, 6)) for _ in range(30)]
datasets = [[0.1, 0.2, 0.3], [1, 2], [2, 4], [1, 2, 3], [1, 2, 3, 4], [1.5, 2, 3], [True, True, False], [True, True],
            [3, 2.25, 4.5, -0.5, 0.25], [1e50, 1, -1e50] * 10, floats, [0.1] * 7, [1, 1.0, 1], [5], [2.5], [],
            [Raw('Py::int_from_str("1000000000000000000000000000000")', 10**30), 3], [1, float('inf')], [1.0, float('inf'), float('-inf')], [float('nan'), 1.0],
            [DEC('1'), DEC('2')], [DEC('1'), DEC('2'), 3], [DEC('1.5'), DEC('2.25'), DEC('7')], [DEC('0.1'), DEC('0.2'), DEC('0.3')],
            [DEC('1'), 2.0], [2.0, DEC('1')], ['a'], [1, 'a'], ['a', 'b'], ['a', 'b', 'c'], [DEC('NaN'), DEC('1')], [3, 1, 2, 2, 3, 3, 1]]
for f in ['mean', 'fmean', 'median', 'median_low', 'median_high', 'mode', 'multimode', 'variance', 'pvariance', 'stdev', 'pstdev']:
    for data in datasets:
        st(f"statistics.{f}({pyv(data)})", f"statistics::{f}(Args::pos(vec![{lit(data)}]))")
for py, rs in [("statistics.variance([1, 2, 3], 2)", f"statistics::variance({args([[1, 2, 3], 2])})"),
               ("statistics.variance([1.5, 2, 3], 2)", f"statistics::variance({args([[1.5, 2, 3], 2])})"),
               ("statistics.pvariance([1.5, 2, 3], 2)", f"statistics::pvariance({args([[1.5, 2, 3], 2])})"),
               ("statistics.pvariance([1.5, 2, 3], mu=2.25)", f"statistics::pvariance({args([[1.5, 2, 3]], {'mu': 2.25})})"),
               ("statistics.stdev([1.5, 2, 3], xbar=2)", f"statistics::stdev({args([[1.5, 2, 3]], {'xbar': 2})})"),
               ("statistics.mean(iter([1, 2]))", f"statistics::mean(Args::pos(vec![builtins::iter(Args::pos(vec![{lit([1, 2])}]))?]))"),
               ("statistics.mean(5)", "statistics::mean(Args::pos(vec![Py::Int(5)]))"),
               ("statistics.mode([[1]])", f"statistics::mode(Args::pos(vec![{lit([[1]])}]))"),
               ("statistics.mode('aabbbc')", "statistics::mode(Args::pos(vec![Py::str(\"aabbbc\")]))"),
               ("statistics.multimode('aabbcd')", "statistics::multimode(Args::pos(vec![Py::str(\"aabbcd\")]))"),
               ("statistics.fmean([1, 2, 3], weights=[3, 1, 0])", f"statistics::fmean({args([[1, 2, 3]], {'weights': [3, 1, 0]})})"),
               ("statistics.fmean([1, 2], weights=[1])", f"statistics::fmean({args([[1, 2]], {'weights': [1]})})"),
               ("statistics.fmean([1, 2], weights=[1, -1])", f"statistics::fmean({args([[1, 2]], {'weights': [1, -1]})})"),
               ("statistics.fmean(iter([0.1, 0.2, 0.3]))", f"statistics::fmean(Args::pos(vec![builtins::iter(Args::pos(vec![{lit([0.1, 0.2, 0.3])}]))?]))"),
               ("isinstance(statistics.StatisticsError('x'), ValueError)", "Ok(Py::Bool(PyErr::msg(&exc::STATISTICS_ERROR, \"x\").is_instance(\"ValueError\")))")]:
    st(py, rs)


# ---- small modules
def sm(py, rs): c('small_modules', py, rs)
for p in ['', '/', 'a', 'a/b', '/a/b/', '//a//b', 'a/b/c.txt', '///x', 'a///b']:
    sm(f"os.path.split({p!r})", f"os::path_split(Args::pos(vec![{lit(p)}]))")
for p in ['', '.', '/', '//', '///', 'a/./b/../c', '../a/..', '/../a', 'a//b/', './', '//a/b', '///a', 'a/../..', '/a/b/../../..', '../../x/./y', 'x/..']:
    sm(f"os.path.normpath({p!r})", f"os::path_normpath(Args::pos(vec![{lit(p)}]))")
sm("os.path.split(5)", "os::path_split(Args::pos(vec![Py::Int(5)]))")
sm("os.path.normpath(None)", "os::path_normpath(Args::pos(vec![Py::None]))")
for s_ in ['<a href="x">&\'</a>', 'plain', '']:
    sm(f"html.escape({s_!r})", f"html::escape(Args::pos(vec![{lit(s_)}]))")
    sm(f"html.escape({s_!r}, quote=False)", f"html::escape({args([s_], {'quote': False})})")
sm("html.escape(5)", "html::escape(Args::pos(vec![Py::Int(5)]))")
for y, m in [(2024, 2), (2023, 2), (1900, 2), (2000, 2), (2023, 13), (2024, 0), (1, 1), (0, 1), (9999, 12), (10000, 3), (-5, 7), (2025, 6)]:
    sm(f"calendar.monthrange({y}, {m})", f"calendar::monthrange(Args::pos(vec![Py::Int({y}), Py::Int({m})]))")
for y in [1900, 2000, 2024, 2023, 0, -4]:
    sm(f"calendar.isleap({y})", f"calendar::isleap(Args::pos(vec![Py::Int({y})]))")
sm("isinstance(calendar.IllegalMonthError(1), ValueError)", "Ok(Py::Bool(PyErr::msg(&exc::ILLEGAL_MONTH_ERROR, \"x\").is_instance(\"ValueError\")))")
for name, pat in [('a.TXT', '*.txt'), ('a.txt', '*.txt'), ('abc', 'a?c'), ('a[b', 'a[b'), ('ab', 'a[!c]'), ('ac', 'a[!c]'), ('a/b', '*'),
                  ('a-', 'a[-]'), ('b', '[a-c]'), ('d', '[a-c]'), ('-', '[a-]'), ('b', '[z-a]'), ('b', '[!z-a]'), ('x', '[!]'), (']', '[]]'), ('a', '[]a]'),
                  ('!', '[!!]'), ('-', '[!-a]'), ('b', '[!-a]'), ('\\', '[\\]'), ('q', '[a-cx-z]'), ('y', '[a-cx-z]'), ('aXbXc', 'a*b*c'), ('abc', '**c'),
                  ('line\nbreak', 'line*'), ('', '*'), ('', '?'), ('data/2024/file.json', 'data/*/*.json'), ('b-', '[a-c-]'), ('-', '[a-c-]'), ('x', '[b-a-x]'), ('-', '[!b-a-x]')]:
    sm(f"fnmatch.fnmatch({name!r}, {pat!r})", f"fnmatch::fnmatch(Args::pos(vec![{lit(name)}, {lit(pat)}]))")
sm("fnmatch.fnmatchcase('A', 'a')", "fnmatch::fnmatchcase(Args::pos(vec![Py::str(\"A\"), Py::str(\"a\")]))")
sm("fnmatch.filter(['a.py', 'b.txt', 'c.py'], '*.py')", f"fnmatch::filter(Args::pos(vec![{lit(['a.py', 'b.txt', 'c.py'])}, Py::str(\"*.py\")]))")
for v in [5, -5, 0, 2**70 - 1, True]:
    rv = lit(v) if v < 2**63 else 'Py::int_from_str("%d")' % v
    sm(f"({v!r}).bit_count()", rv + '.call_method("bit_count", Args::default())')
CMP = Raw('Py::func("cmp", |a: Args| a.pos[0].sub(&a.pos[1]))')
sm("sorted([3, 1, 2], key=functools.cmp_to_key(lambda a, b: a - b))", f"builtins::sorted({args([[3, 1, 2]], {'key': Raw('functools::cmp_to_key(Args::pos(vec![' + CMP.code + ']))?')})})")
sm("sorted(['bb', 'a', 'ccc'], key=functools.cmp_to_key(lambda a, b: len(b) - len(a)))", "builtins::sorted(Args::new(vec![Py::list(vec![Py::str(\"bb\"), Py::str(\"a\"), Py::str(\"ccc\")])], vec![(\"key\", functools::cmp_to_key(Args::pos(vec![Py::func(\"cmp\", |a: Args| Ok(Py::Int(a.pos[1].len()? as i64 - a.pos[0].len()? as i64)))]))?)]))")
sm("(lambda k: (k(1) < k(2), k(1) == k(1), k(2) <= k(1), k(3) > k(2)))(functools.cmp_to_key(lambda a, b: a - b))",
   f"let k = functools::cmp_to_key(Args::pos(vec![{CMP.code}]))?; let n = |i: i64| k.call(Args::pos(vec![Py::Int(i)])); Ok(Py::tuple(vec![Py::Bool(n(1)?.lt(&n(2)?)?), Py::Bool(n(1)?.py_eq(&n(1)?)), Py::Bool(n(2)?.le(&n(1)?)?), Py::Bool(n(3)?.gt(&n(2)?)?)]))")
sm("hash(functools.cmp_to_key(lambda a, b: a - b)(1))", f"builtins::hash(Args::pos(vec![functools::cmp_to_key(Args::pos(vec![{CMP.code}]))?.call(Args::pos(vec![Py::Int(1)]))?]))")
sm("functools.cmp_to_key(lambda a, b: a - b)(1) < 5", f"Ok(Py::Bool(functools::cmp_to_key(Args::pos(vec![{CMP.code}]))?.call(Args::pos(vec![Py::Int(1)]))?.lt(&Py::Int(5))?))")

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
