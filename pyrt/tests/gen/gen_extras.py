"""Generates ../extras.rs from CPython 3.11: python3 gen_extras.py > ../extras.rs
urllib.parse (urlsplit/urlparse/urlunsplit/urlunparse/urljoin/urldefrag/quote_from_bytes/
unquote_to_bytes), uuid (uuid3/uuid5/NAMESPACE_*), math (gcd ... factorial, fsum, hypot)
and itertools (pairwise ... tee, lazy zip_longest)."""
import itertools, json, math, random, struct, uuid, urllib.parse
from pylit import rs_str, outcome

ENV = dict(math=math, itertools=itertools, uuid=uuid, urllib=urllib, json=json, inf=math.inf, nan=math.nan)


def lit(v):
    """A Python value as a Rust `Py` expression."""
    if v is None: return 'Py::None'
    if v is True: return 'Py::Bool(true)'
    if v is False: return 'Py::Bool(false)'
    if isinstance(v, int):
        return f'Py::Int({v})' if -2**63 < v < 2**63 else f'Py::int_from_str("{v}")'
    if isinstance(v, float):
        return f'Py::Float(f64::from_bits({hex(struct.unpack("<Q", struct.pack("<d", v))[0])}))'
    if isinstance(v, str): return f'Py::str({rs_str(v)})'
    if isinstance(v, bytes): return f'Py::Bytes(std::rc::Rc::from(&{list(v)}[..]))' if v else 'Py::Bytes(std::rc::Rc::from(&[][..]))'
    if isinstance(v, list): return 'Py::list(vec![' + ', '.join(lit(x) for x in v) + '])'
    if isinstance(v, tuple): return 'Py::tuple(vec![' + ', '.join(lit(x) for x in v) + '])'
    if isinstance(v, E): return f'({v.rs})?'
    raise TypeError(type(v))


def pyrepr(v):
    if isinstance(v, E): return v.py
    if isinstance(v, float):
        if v != v: return 'nan'
        if v in (math.inf, -math.inf): return 'inf' if v > 0 else '-inf'
    if isinstance(v, (list, tuple)):
        inner = ', '.join(pyrepr(x) for x in v)
        return f'[{inner}]' if isinstance(v, list) else f'({inner}{"," if len(v) == 1 else ""})'
    return repr(v)


def args_rs(pos, kw):
    return 'Args::new(vec![' + ', '.join(lit(p) for p in pos) + '], vec![' + ', '.join(f'("{k}", {lit(v)})' for k, v in kw.items()) + '])'


def args_py(pos, kw):
    return ', '.join([pyrepr(p) for p in pos] + [f'{k}={pyrepr(v)}' for k, v in kw.items()])


class E:
    """An expression both as Python source and as a Rust `PyResult<Py>` expression."""
    def __init__(self, py, rs): self.py, self.rs = py, rs
    def attr(self, name): return E(f'{self.py}.{name}', f'({self.rs})?.getattr("{name}")')
    def method(self, name, *pos, **kw):
        return E(f'{self.py}.{name}({args_py(pos, kw)})', f'({self.rs})?.call_method("{name}", {args_rs(pos, kw)})')
    def index(self, i): return E(f'{self.py}[{i!r}]', f'({self.rs})?.getitem(&{lit(i)})')


def fn(py_path, rs_path):
    return lambda *pos, **kw: E(f'{py_path}({args_py(pos, kw)})', f'{rs_path}({args_rs(pos, kw)})')


def lst(e): return E(f'list({e.py})', f'builtins::list(Args::pos(vec![({e.rs})?]))')
def tup(*es): return E('(' + ', '.join(e.py for e in es) + ',)', 'Ok(Py::tuple(vec![' + ', '.join(f'({e.rs})?' for e in es) + ']))')
def eq(a, b): return E(f'{a.py} == {pyrepr(b)}', f'Ok(Py::Bool(({a.rs})?.py_eq(&{lit(b)})))')
def str_(e): return E(f'str({e.py})', f'Ok(Py::from(({e.rs})?.str_string()))')
def islice(e, n): return lst(fn('itertools.islice', 'itertools::islice')(e, n))
def val(py, rs): return E(py, f'Ok({rs})')


C = []
def c(e): C.append(e)


# ------------------------------------------------------------------ math
M = lambda name: fn(f'math.{name}', f'math::{name}')
one_arg = ['floor', 'ceil', 'trunc', 'sqrt', 'fabs', 'exp', 'log2', 'log10', 'log1p', 'expm1', 'isnan', 'isinf',
           'isfinite', 'modf', 'frexp', 'degrees', 'radians', 'isqrt', 'factorial', 'sin', 'cos', 'tan', 'asin',
           'acos', 'atan', 'sinh', 'cosh', 'tanh', 'asinh', 'acosh', 'atanh', 'exp2', 'cbrt', 'fsum']
for name in one_arg:
    c(M(name)())
    c(M(name)(1, 2))
    c(M(name)(x=1))
two_arg = ['pow', 'copysign', 'fmod', 'ldexp', 'atan2', 'dist', 'comb', 'remainder']
for name in two_arg:
    c(M(name)())
    c(M(name)(1, 2, 3))
    c(M(name)(x=1))
for a in [(), (1, 2, 3)]:
    c(M('log')(*a))
c(M('log')(x=1))
c(M('perm')()); c(M('perm')(1, 2, 3)); c(M('perm')(n=1))
c(M('isclose')()); c(M('isclose')(1)); c(M('isclose')(1, b=2)); c(M('isclose')(a=1, b=2)); c(M('isclose')(1, 2, x=2))
c(M('isclose')(1, 2, 3)); c(M('isclose')(1, 1.0000000001)); c(M('isclose')(1, 2, rel_tol=-1)); c(M('isclose')(1, 1.1, abs_tol=0.2))
c(M('isclose')(1, a=2))

for a in [(), (0,), (-12, 18), (12, 18, 8), (2**70, 2**65 * 3), (True, 4), (1.5, 2), ('a',), (0, 0), (-2**64, 0)]:
    c(M('gcd')(*a))
c(M('gcd')(a=1))
for a in [(), (4, 6), (-4, 6), (0, 5), (2**40, 3**30), (1.0,), (4, 6, 10), (-7,), (2**64, 2**64 + 2)]:
    c(M('lcm')(*a))
c(M('lcm')(a=1))
c(M('prod')([1, 2, 3])); c(M('prod')([])); c(M('prod')([1, 2], start=2)); c(M('prod')([1, 2], 2)); c(M('prod')())
c(M('prod')(5)); c(M('prod')(['a', 2])); c(M('prod')([2, 'a'])); c(M('prod')([], start='x')); c(M('prod')([1.5, 2]))
c(M('prod')(iterable=[1])); c(M('prod')([1], stat=2)); c(M('prod')([2**40] * 3)); c(M('prod')([True, True]))
c(M('prod')((2, 3.5))); c(M('prod')([[1], 2])); c(M('prod')([None, 2]))

for a in [[0.1] * 10, [1e308, 1e308], [math.inf, -math.inf], [math.inf, 1], [math.nan], 5, ['a'], [2**1100], [],
          [1e-16, 1, 1e16], [1, 2], [1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50], [math.inf, math.inf],
          [-math.inf, 1e308, 1e308], [True, 2**53, 1], (0.1, 0.2, 0.3), [-0.0, -0.0], [-0.0], [2.0**-1074] * 3]:
    c(M('fsum')(a))
rng = random.Random(3.11)
for _ in range(60):
    n = rng.randint(2, 12)
    xs = [rng.choice([1, -1]) * rng.random() * 10.0 ** rng.randint(-20, 20) for _ in range(n)]
    c(M('fsum')(xs))

for a in [(), (3,), (-3,), (3, 4), (1, 2, 3), ('a',), (math.inf, math.nan), (1, math.nan), (1e-320, 1e-320),
          (1e308, 1e308), (1.5, 2**60), (-0.0, 0.0), (1e-300, 1e-300, 1e-300), (True, True), (3, 4, 12, 84)]:
    c(M('hypot')(*a))
for _ in range(60):
    n = rng.randint(2, 6)
    xs = [rng.choice([1, -1]) * rng.random() * 10.0 ** rng.randint(-5, 5) for _ in range(n)]
    c(M('hypot')(*xs))
for a in [([0, 0], [3, 4]), ((1,), (1, 2)), (5, [1]), (['a'], [1]), ([], []), ([1.5, 2.5, -3.0], (0.25, 1, 2)),
          ((math.inf,), (math.inf,)), ('ab', 'cd')]:
    c(M('dist')(*a))
c(M('dist')(fn('iter', 'builtins::iter')([0]), fn('iter', 'builtins::iter')([1])))
for _ in range(30):
    n = rng.randint(1, 5)
    p = [rng.random() * 100 - 50 for _ in range(n)]
    q = [rng.random() * 100 - 50 for _ in range(n)]
    c(M('dist')(p, q))

for a in [(5, 2), (5, 7), (-1, 2), (5, -1), (5.0, 2), (100, 50), (2**64, 2), (10**20, 10**20 - 1), (0, 0), (True, True),
          (2**64, 2**63), (10**20, 3), (60, 30)]:
    c(M('comb')(*a))
for a in [(5, 2), (5,), (5, None), (5, 7), (-1,), (5, -1), (5, 2.0), (30, 20), (-1, 2), (0,), (2**64, 2**64 + 1),
          (2**70, 2**64), (10**20, 3), (2.5,)]:
    c(M('perm')(*a))
for a in [(1, -0.0), (-3, 2), ('a', 1), (0.0, -1), (math.nan, -1), (math.inf, -0.0)]:
    c(M('copysign')(*a))
for a in [2.7, -2.7, 'a', math.inf, math.nan, 2**80, True, 1e20]:
    c(M('trunc')(a))
for a in [8, 0, 2**2000, 2**1023 + 1, 10, 1.5, -1, 'a', math.inf, True, 3**700]:
    c(M('log2')(a))
    c(M('log10')(a))
for a in [(8, 2), (100, 10), (2**3000, 2), (1, 1), (10, 0), (0, 10), (math.e,), (2**1024,), (5, 'a'), (-1,)]:
    c(M('log')(*a))
for a in [-1, 1e-20, -2, 0.5, math.inf, -math.inf, 'x']:
    c(M('log1p')(a))
for a in [1e-10, 1000, -math.inf, 0.5, 709.0, 710.0]:
    c(M('expm1')(a))
for a in [-2, -2.5, 'a', -math.inf, 2**1024]:
    c(M('fabs')(a))
for a in [(7, 3), (-7, 3), (7, 0), (math.inf, 2), (3, math.inf), (math.nan, 1), (5.5, -2), (-0.0, 1), (1e300, 3e-300)]:
    c(M('fmod')(*a))
for a in [(7, 3), (5, 2), (-5, 2), (7, 0), (math.inf, 1), (1, math.inf), (3, 2), (-3, 2), (1e300, 3e-300), (math.nan, 0)]:
    c(M('remainder')(*a))
for a in [3.5, -3.5, math.inf, -math.inf, math.nan, 2, -3.0, -0.0, 1e300]:
    c(M('modf')(a))
for a in [8, 0.0, -0.0, math.inf, 1e-310, -5e-324, 0.1, -1e300, math.nan, 2**1000, True]:
    c(M('frexp')(a))
for a in [(1, 3), (1, 2000), (1, -2000), (1, 2.0), (1, 2**100), (1, -2**100), (0, 2**100), (math.inf, -5), (1.5, True),
          (1.5, -1074), (3, -1075), (1, -1074), (0.75, -1073), (1.0000000000000002, 1023), (2.0, 1023), (-1, 1024),
          (1, 'a'), ('a', 1), (1e-300, 200), (math.nan, 1)]:
    c(M('ldexp')(*a))
for a in [math.pi, 180, 'a', -90.5, 2**60]:
    c(M('degrees')(a))
    c(M('radians')(a))
for a in [17, 0, -1, 2**130, 1.0, True, 10**50, 2**64 - 1, 99]:
    c(M('isqrt')(a))
for a in [5, 0, -1, 5.0, 25, 2**70, True, 'a', 100, -2**70, 170]:
    c(M('factorial')(a))
for name, args in [('sin', [math.inf, 1, 0.5, -0.0]), ('cos', [math.inf, 1, 2**60]), ('tan', [1, math.inf]),
                   ('asin', [2, 0.5, -1]), ('acos', [2, 0.5]), ('atan', [1, math.inf]), ('sinh', [1000, 1]),
                   ('cosh', [1000, 1]), ('tanh', [1000, 0.5]), ('asinh', [1, -math.inf]), ('acosh', [0.5, 2]),
                   ('atanh', [1, 0.5, -1, 2]), ('exp', [1, 1000, -1000, math.inf, -math.inf, math.nan, 2**1024]),
                   ('exp2', [3, 2000, -2000, 0.5]), ('cbrt', [27, -8, 2, math.inf]), ('sqrt', [4, -1, -0.0, 2, -math.inf, 2**1100, 'a'])]:
    for a in args:
        c(M(name)(a))
for a in [(1, 1), ('a', 1), (0, 0), (-0.0, -1), (math.inf, math.inf), (1, math.nan)]:
    c(M('atan2')(*a))
for a in [(2, 3), (0, -1), (-8, 1 / 3), (2, 1e4), (math.inf, -1), (-math.inf, 3), (math.nan, 0), (1, math.nan),
          (0.5, -math.inf), (2, math.inf), (-1, math.inf), (-2, 3), (4, 0.5), (0.0, 0.0), (2, -1075), ('x', 1)]:
    c(M('pow')(*a))
for a in [2.5, -2.5, 'a', None, math.inf, math.nan, 2**70, True]:
    c(M('floor')(a))
    c(M('ceil')(a))
c(val('math.tau', 'math::tau()'))

# ------------------------------------------------------------------ itertools
IT = lambda name: fn(f'itertools.{name}', f'itertools::{name}')
lt3 = E('(lambda x: x < 3)', 'Ok(Py::func("<lambda>", |a: Args| a.pos[0].lt(&Py::Int(3)).map(Py::Bool)))')
odd = E('(lambda x: x % 2)', 'Ok(Py::func("<lambda>", |a: Args| a.pos[0].rem(&Py::Int(2))))')
boom = E('(lambda x: 1 // (x - 2))', 'Ok(Py::func("<lambda>", |a: Args| Py::Int(1).floordiv(&a.pos[0].sub(&Py::Int(2))?)))')
pow_ = E('pow', 'Ok(Py::func("pow", builtins::pow))')
count = lambda *a: IT('count')(*a)

c(lst(IT('pairwise')([1, 2, 3, 4]))); c(lst(IT('pairwise')([]))); c(lst(IT('pairwise')([1]))); c(lst(IT('pairwise')('abc')))
c(lst(IT('pairwise')(5))); c(IT('pairwise')([1], x=2)); c(IT('pairwise')(iterable=[1])); c(IT('pairwise')()); c(IT('pairwise')([1], [2]))
c(islice(IT('pairwise')(count()), 3))
c(lst(IT('takewhile')(lt3, [1, 2, 3, 1]))); c(islice(IT('takewhile')(lt3, count()), 5)); c(IT('takewhile')(1))
c(IT('takewhile')(None, 5)); c(lst(IT('takewhile')(None, [1, 0, 2]))); c(IT('takewhile')(f=1, i=2)); c(lst(IT('takewhile')(lt3, [])))
c(lst(IT('takewhile')(boom, [5, 4, 3, 2, 1])))
c(lst(IT('dropwhile')(lt3, [1, 2, 3, 1, 0]))); c(IT('dropwhile')(1)); c(lst(IT('dropwhile')(lt3, [1, 2]))); c(IT('dropwhile')(lt3, 5))
c(islice(IT('dropwhile')(lt3, count()), 3)); c(lst(IT('dropwhile')(boom, [3, 2, 1]))); c(lst(IT('dropwhile')(boom, [1, 2, 3])))
c(lst(IT('filterfalse')(None, [0, 1, '', 2, None, [], [0]]))); c(lst(IT('filterfalse')(odd, range(10) if False else [0, 1, 2, 3, 4, 5])))
c(IT('filterfalse')(None)); c(IT('filterfalse')(None, 5)); c(IT('filterfalse')(1, 2, 3)); c(islice(IT('filterfalse')(odd, count()), 3))
c(lst(IT('starmap')(pow_, [(2, 3), (3, 2), [10, 2]]))); c(lst(IT('starmap')(pow_, [(2, 3), 5]))); c(IT('starmap')(pow_))
c(IT('starmap')(pow_, 5)); c(IT('starmap')(f=1)); c(lst(IT('starmap')(pow_, []))); c(lst(IT('starmap')(pow_, [(2, 3, 5)])))
c(lst(IT('starmap')(pow_, ['ab'])))
c(lst(IT('compress')('abcdef', [1, 0, 1, 0, 1, 1]))); c(lst(IT('compress')('abc', [1, 0]))); c(IT('compress')('abc'))
c(lst(IT('compress')(data='abc', selectors=[1, 1]))); c(IT('compress')(5, [1])); c(IT('compress')('a', 5)); c(IT('compress')())
c(IT('compress')(1, 2, 3)); c(IT('compress')('a', selectors=[1], data='b')); c(IT('compress')('a', [1], x=1))
c(IT('compress')('a', data='b')); c(IT('compress')('a', x=[1])); c(lst(IT('compress')('abc', ['', 'x', None])))
c(islice(IT('compress')(count(), IT('cycle')([0, 1])), 3))
c(islice(IT('cycle')('abc'), 7)); c(lst(IT('cycle')([]))); c(IT('cycle')()); c(IT('cycle')(5)); c(IT('cycle')([1], [2]))
c(IT('cycle')(iterable=[1])); c(islice(IT('cycle')(IT('pairwise')([1, 2, 3])), 5))
c(IT('tee')([1], -1)); c(IT('tee')([1], 0)); c(IT('tee')(5)); c(IT('tee')([1], 'a')); c(IT('tee')([1], n=2)); c(IT('tee')())
c(IT('tee')([1], 2, 3))
c(E('[list(t) for t in itertools.tee([1, 2, 3], 3)]',
    'let mut out = vec![]; for t in itertools::tee(Args::pos(vec![Py::list(vec![Py::Int(1), Py::Int(2), Py::Int(3)])]))?.iter()? { out.push(builtins::list(Args::pos(vec![t?]))?); } Ok(Py::list(out))'.replace('vec![Py::list(vec![Py::Int(1), Py::Int(2), Py::Int(3)])]', 'vec![Py::list(vec![Py::Int(1), Py::Int(2), Py::Int(3)]), Py::Int(3)]')))
c(E('(lambda a, b: (next(a), next(a), list(b), list(a)))(*itertools.tee(iter([1, 2, 3])))',
    'let [a, b] = itertools::tee(Args::pos(vec![builtins::iter(Args::pos(vec![Py::list(vec![Py::Int(1), Py::Int(2), Py::Int(3)])]))?]))?.unpack_n::<2>()?; '
    'let x = builtins::next(Args::pos(vec![a.clone()]))?; let y = builtins::next(Args::pos(vec![a.clone()]))?; '
    'Ok(Py::tuple(vec![x, y, builtins::list(Args::pos(vec![b]))?, builtins::list(Args::pos(vec![a]))?]))'))
c(E('(lambda a, b: (list(itertools.islice(a, 3)), list(itertools.islice(b, 2))))(*itertools.tee(itertools.count()))',
    'let [a, b] = itertools::tee(Args::pos(vec![itertools::count(Args::default())?]))?.unpack_n::<2>()?; '
    'Ok(Py::tuple(vec![builtins::list(Args::pos(vec![itertools::islice(Args::pos(vec![a, Py::Int(3)]))?]))?, builtins::list(Args::pos(vec![itertools::islice(Args::pos(vec![b, Py::Int(2)]))?]))?]))'))
c(lst(IT('zip_longest')('ab', [1], fillvalue=0))); c(IT('zip_longest')(1, [2])); c(IT('zip_longest')([1], 5))
c(IT('zip_longest')([1], fill=2)); c(lst(IT('zip_longest')())); c(lst(IT('zip_longest')([1, 2], [3], fillvalue=None)))
c(islice(IT('zip_longest')(count(), 'ab'), 4)); c(lst(IT('zip_longest')('abc'))); c(lst(IT('zip_longest')([], [], fillvalue=1)))
c(IT('zip_longest')([1], fillvalue=1, x=2)); c(lst(IT('zip_longest')('a', 'bcd', [1, 2], fillvalue='-')))

# ------------------------------------------------------------------ uuid
NS = {n: val(f'uuid.{n}', f'uuid::{n.lower()}()') for n in ['NAMESPACE_DNS', 'NAMESPACE_URL', 'NAMESPACE_OID', 'NAMESPACE_X500']}
U = lambda name: fn(f'uuid.{name}', f'uuid::{name}')
for ns in NS.values():
    c(ns); c(str_(ns)); c(ns.attr('version'))
    for name in ['python.org', '', 'héllo wörld', 'https://example.com/a?b=c']:
        c(U('uuid5')(ns, name)); c(U('uuid3')(ns, name))
c(U('uuid5')(NS['NAMESPACE_DNS'], 'python.org').attr('version')); c(U('uuid3')(NS['NAMESPACE_DNS'], 'python.org').attr('version'))
c(U('uuid5')(NS['NAMESPACE_DNS'], 'python.org').attr('variant')); c(str_(U('uuid5')(NS['NAMESPACE_URL'], 'x')))
c(U('uuid5')(NS['NAMESPACE_DNS'], b'x')); c(U('uuid5')(NS['NAMESPACE_DNS'], 5)); c(U('uuid5')('x', 'y')); c(U('uuid3')(None, 'y'))
c(U('uuid5')(NS['NAMESPACE_DNS'], None)); c(U('uuid5')()); c(U('uuid3')(NS['NAMESPACE_DNS'])); c(U('uuid5')(1, 2, 3))
c(U('uuid5')(namespace=NS['NAMESPACE_OID'], name='1.3.6.1'))
c(U('uuid5')(U('uuid4')(), 'x').attr('version'))
c(U('uuid5')(fn('uuid.UUID', 'uuid::uuid_type().call')('12345678-1234-5678-1234-567812345678'), 'name'))
c(eq(U('uuid5')(NS['NAMESPACE_DNS'], 'a'), U('uuid5')(NS['NAMESPACE_DNS'], 'a')))

# ------------------------------------------------------------------ urllib.parse
P = lambda name: fn(f'urllib.parse.{name}', f'urllib::{name}')
URLS = ['https://user:pw@Example.COM:8080/path/to;params?q=1&r=2#frag', 'http://[::1]:80/', 'http://[fe80::1%25eTh0]:8/x',
        'mailto:someone@example.com', 'file:///etc/passwd', '//host/path', '/relative/path?x=1', 'path;p?q#f',
        '  http://x/y', 'http://x:abc/', 'http://x:99999/', 'HTTP://X.com', 'http://a/b/c/d;p?q', 'tel:+1-816-555-1212;ext=1',
        'git+ssh://git@github.com/a/b.git', 'http://a\tb\n/c', 'sip:alice@atlanta.com;transport=tcp', 'http://host/a;b/c;d',
        'data:text/plain;base64,SGVsbG8=', '1http://x', 'http:80', 'localhost:8080/path', 'www.example.com/x', 'http://u@h/',
        'http://:pw@h', 'http://h:/', 'http://[::1/', 'http://[1.2.3.4]/', 'http://[zz]/', 'http://[vAB.x]/', 'http://[v1]/',
        'http://a\u2100b/', 'http://ex\u00e4mple.com/', 'http://h:0080/', 'http://h:-1/', 'http://h:65536/', 'http://h:00000/',
        'http://a@b@c:1/', 'http://u:p:q@h/', 'https://h?#', '', '#x', '?q', 'http://h#f?q', 'http://h/p?q#f#g',
        b'http://u:p@H:80/p;q?x#f', b'http://u:p@H:8a0/p', None, 5, [1], 'http://H%2E.com/', 'http://[::1]x:5/',
        'http://x]/', 'HtTp+S://X/', 'a:b', 'a1+-.:x', 'ht tp://x', '\x00\x1fhttp://x/ ', 'http://[::FFFF:1.2.3.4]/',
        'http://[v1.]/', 'http://[::1%]/', 'https://h:443', 'svn+ssh://h/p;a?b']
for u in URLS:
    for f in ['urlsplit', 'urlparse']:
        r = P(f)(u)
        c(r)
        if isinstance(u, (str, bytes)):
            for a in ['hostname', 'port', 'username', 'password']:
                c(r.attr(a))
            c(r.method('geturl'))
for f in ['urlsplit', 'urlparse']:
    c(P(f)('//x/y', 'https')); c(P(f)('x/y', scheme='ftp')); c(P(f)('http://x/y#f?q', allow_fragments=False))
    c(P(f)('//x/y#f', '', False)); c(P(f)('http://x', None)); c(P(f)('http://x', b'')); c(P(f)(b'http://a/b', 'x'))
    c(P(f)(b'http://\xc3\xa9/')); c(P(f)('x', ' \tft\np ')); c(P(f)()); c(P(f)('a', 'b', True, 4)); c(P(f)(url='http://k'))
    c(P(f)('mailto:x', 'http')); c(P(f)(b'//h/p', b'ftp')); c(P(f)('', 'HTTP')); c(P(f)('http://x', allow_fragments=[]))
r = P('urlparse')('https://user:pw@Example.COM:8080/path/to;params?q=1&r=2#frag')
s = P('urlsplit')('https://user:pw@Example.COM:8080/path/to?q=1#frag')
for e in [r, s]:
    c(e.attr('scheme')); c(e.attr('netloc')); c(e.attr('path')); c(e.attr('query')); c(e.attr('fragment')); c(e.index(0))
    c(e.index(-1)); c(e.index(9)); c(e.method('_replace', path='/y')); c(e.method('_replace', path='/y').method('geturl'))
    c(e.method('_replace', foo=1)); c(e.method('_asdict')); c(e.attr('_fields')); c(e.method('encode'))
    c(e.method('encode').method('decode')); c(e.method('encode').attr('hostname')); c(e.method('geturl', 1))
    c(lst(e)); c(fn('len', 'builtins::len')(e)); c(fn('json.dumps', 'json::dumps')(e)); c(e.method('count', 'frag'))
    c(fn('isinstance', 'builtins::isinstance')(e, val('tuple', 'Py::Type(TypeRef::Builtin("tuple"))')))
    c(fn('type', 'builtins::r#type')(e).attr('__name__'))
c(r.attr('params')); c(s.attr('params'))
c(E("urllib.parse.urlsplit('http://x/y?q')[1:3]", "(urllib::urlsplit(Args::pos(vec![Py::str(\"http://x/y?q\")])))?.slice(&Py::Int(1), &Py::Int(3), &Py::None)"))
c(E("{urllib.parse.urlsplit('http://x'): 1}[('http', 'x', '', '', '')]", "Py::dict(vec![(urllib::urlsplit(Args::pos(vec![Py::str(\"http://x\")]))?, Py::Int(1))])?.getitem(&Py::tuple(vec![Py::str(\"http\"), Py::str(\"x\"), Py::str(\"\"), Py::str(\"\"), Py::str(\"\")]))"))
c(E("(lambda s, n, *rest: (s, n, rest))(*urllib.parse.urlparse('https://h/p?q'))", "let v = (urllib::urlparse(Args::pos(vec![Py::str(\"https://h/p?q\")])))?.unpack_starred(2, 0)?; Ok(Py::tuple(vec![v[0].clone(), v[1].clone(), builtins::tuple(Args::pos(vec![v[2].clone()]))?]))"))
c(E("urllib.parse.urlsplit('http://x') < ('https',)", "Ok(Py::Bool((urllib::urlsplit(Args::pos(vec![Py::str(\"http://x\")])))?.lt(&Py::tuple(vec![Py::str(\"https\")]))?))"))
c(E("'x' in urllib.parse.urlsplit('http://x')", "Ok(Py::Bool((urllib::urlsplit(Args::pos(vec![Py::str(\"http://x\")])))?.contains(&Py::str(\"x\"))?))"))
c(eq(P('urlsplit')('http://x/y'), ('http', 'x', '/y', '', '')))
c(eq(P('urlsplit')('http://x/y'), P('urlsplit')('http://x/y')))
c(eq(P('urlsplit')('http://x/y'), P('urlsplit')('http://x/z')))
c(P('urlparse')('http://xé').method('encode')); c(P('urlparse')(b'http://x').method('decode'))
c(P('urlparse')('http://x').method('encode', 'utf-8')); c(P('urlparse')(b'http://x').attr('encode'))
c(fn('type', 'builtins::r#type')(P('urlparse')(b'http://x').method('decode')).attr('__name__'))
for comps in [('http', 'x', '/p', '', 'q=1', 'f'), ('https', 'h:1', 'p', 'a;b', '', ''), ('', '', 'p', '', '', ''),
              ('mailto', '', 'a@b', '', '', ''), ('http', '', '//p', '', '', ''), ('file', '', '/etc', '', '', ''),
              ('http', None, '/p', None, None, None), (b'http', b'x', b'/p', b'', b'q', b''), ('http', b'x', '', '', '', ''),
              (), ('a', 'b'), ('a', 'b', 'c', 'd', 'e', 'f', 'g'), 'abcdef', ['ftp', 'h', '', '', '', ''], (1, 2, 3, 4, 5, 6),
              ('', 'h', 'p', '', '', ''), ('x', '', 'p', '', '', '')]:
    c(P('urlunparse')(comps))
    c(P('urlunsplit')(comps[:5] if isinstance(comps, (tuple, list)) and len(comps) >= 5 else comps))
c(P('urlunsplit')(('http', None, '/p', None, None))); c(P('urlunsplit')('abcde')); c(P('urlunsplit')(5)); c(P('urlunsplit')())
c(P('urlunsplit')(P('urlsplit')('http://u@h:1/p?q#f'))); c(P('urlunparse')(P('urlparse')('http://u@h:1/p;x?q#f')))
c(P('urlunparse')((b'', b'', b'', b'', b'', b'')))
BASE = 'http://a/b/c/d;p?q'
for ref in ['g:h', 'g', './g', 'g/', '/g', '//g', '?y', 'g?y', '#s', 'g#s', 'g?y#s', ';x', 'g;x', 'g;x?y#s', '', '.', './',
            '..', '../', '../g', '../..', '../../', '../../g', '../../../g', '../../../../g', '/./g', '/../g', 'g.', '.g',
            'g..', '..g', './../g', './g/.', 'g/./h', 'g/../h', 'g;x=1/./y', 'g;x=1/../y', 'g?y/./x', 'g?y/../x', 'g#s/./x',
            'g#s/../x', 'http:g', 'http:', 'http://x', 'https:g', '//', '///x', 'g//h', 'a/./../b', '../a//b/../c', './/g']:
    c(P('urljoin')(BASE, ref))
for b, u in [('http://a', 'b'), ('http://a/b/', '../../c'), ('mailto:x@y', 'z'), ('https://x', 'ftp://y'), ('http://a/b', b'c'),
             (b'http://a/b/c', b'../d'), (None, 'a'), ('a', None), ('', 'x'), ('x', ''), ('http://a/b', 5), (5, 'x'),
             ('http://a/b/c', 'd/e/../../f'), ('http://a/b/c/', './'), ('http://a/b/c/', '.'), ('http://a/b//c/', '../x'),
             ('file:///tmp/a', 'b'), ('ftp://h/a/b', '/c'), ('svn://h/a/', 'b'), ('tel:123', 'x'), ('a/b/c', 'd'),
             ('/a/b/c', '../d'), ('http://a/b?q#f', ''), ('http://a/b?q#f', '#g'), ('http://a/b?q', '?'), ('http://h/a;p', 'b'),
             ('http://h/a/b', '..'), ('http://h/', '../../..'), ('http://a/b/c/d', '../../../..'), ('http://x/y', 'HTTP:z')]:
    c(P('urljoin')(b, u))
c(P('urljoin')('http://a/b/c', 'd#f', False)); c(P('urljoin')('http://a/b/c#x', '', allow_fragments=False)); c(P('urljoin')('a'))
for u in ['http://a/b#frag', 'http://a/b', 'a#b', b'a#b', 5, None, 'http://a/b;p?q#', '#', 'http://a/b?q#f#g', '']:
    d = P('urldefrag')(u)
    c(d)
    if isinstance(u, (str, bytes)):
        c(d.attr('url')); c(d.attr('fragment')); c(d.method('geturl')); c(d.attr('hostname'))
c(P('urldefrag')('http://a/b#f').method('encode')); c(P('urldefrag')('x#y').index(1)); c(P('urldefrag')())
for a, kw in [((b'abc def?',), {}), ((b'',), {}), ((b'a/b',), {'safe': ''}), (('a',), {}), ((b'\xff\x00~',), {}),
              ((b'a/b;c',), {'safe': b';'}), ((b'a b',), {'safe': 'é '}), ((b'ab',), {'safe': [97]}), ((b'ab',), {'safe': 5}),
              ((), {}), ((bytearray(b'x') if False else b'x', '/', 1), {})]:
    c(P('quote_from_bytes')(*a, **kw))
UB = fn('urllib.parse.unquote_to_bytes', 'urllib::unquote_to_bytes')
for a in ['abc%20def', 'a%2', '%E2%82%AC', b'%41', '', None, 5, 'é%41', '%zz%4', b'', '%', '100%', '%%41']:
    c(UB(a))
c(UB()); c(UB(string='%41'))

# ------------------------------------------------------------------ fuzz: glibc-exact libm ports, random URLs
for name, lo, hi in [('cbrt', -300, 300), ('asinh', -10, 10), ('acosh', -10, 10), ('atanh', -12, 0)]:
    for _ in range(40):
        x = rng.random() * 10.0 ** rng.randint(lo, hi)
        if name == 'acosh':
            x = 1 + x
        if name != 'acosh' and rng.random() < 0.5:
            x = -x
        c(M(name)(x))
for x in [5e-324, -2.5e-310, 1e-300, 2.0 ** -1022, 0.999999999, 1.0000001, 2.0 ** 28, 2.0 ** 29, -0.0, 0.5, -0.5, 2.0]:
    for name in ['cbrt', 'asinh', 'acosh', 'atanh']:
        c(M(name)(x))
ALPHA = ['a', 'b', 'c', '/', '/', '//', '.', '..', './', '../', ':', ';', '?', '#', '@', '[', ']', '%', '=', '&', '1', '80',
         'http:', 'https://', 'H', 'x.y', '::1', ' ', 'é', 'mailto:', 'file:', 'ftp://']
def rurl():
    return ''.join(rng.choice(ALPHA) for _ in range(rng.randint(0, 8)))
for _ in range(250):
    u = rurl()
    f = rng.choice(['urlsplit', 'urlparse'])
    r = P(f)(u)
    c(r)
    c(r.attr(rng.choice(['hostname', 'port', 'username', 'password'])))
    c(r.method('geturl'))
    c(P('urldefrag')(u))
BASES = ['http://a/b/c/d;p?q', 'https://h/x/', 'http://h', 'ftp://u@h/a/b/../c/', 'http://h/a//b/', 'mailto:x@y',
         'file:///a/b', '/a/b/', 'a/b', 'http://h/a?q#f', 'svn+ssh://h/r/']
for _ in range(300):
    c(P('urljoin')(rng.choice(BASES + [rurl()]), rurl()))
for _ in range(60):
    comps = tuple(rng.choice(['', 'http', 'h', '/p', 'p', '//x', 'q=1', 'f', 'a;b', 'mailto', 'x:y']) for _ in range(6))
    c(P('urlunparse')(comps))
    c(P('urlunsplit')(comps[:5]))

print('''//! Generated from CPython 3.11 by gen/gen_extras.py: urllib.parse (urlsplit, urlparse,
//! urlunsplit, urlunparse, urljoin, urldefrag, quote_from_bytes, unquote_to_bytes), uuid
//! (uuid3, uuid5, NAMESPACE_*), math (gcd ... factorial, fsum, hypot, dist) and itertools
//! (pairwise ... tee), compared with `repr(result)` or `Type: message`.
#![allow(clippy::redundant_closure_call, clippy::approx_constant, clippy::excessive_precision)]

mod common;
use common::Checker;
use pyrt::*;

#[test]
fn extras() {
    let mut c = Checker::default();''')
for e in C:
    expected = outcome(lambda: eval(e.py, ENV))
    print(f'    c.check((|| -> PyResult<Py> {{ {e.rs} }})(), {rs_str(expected)}); // {e.py}'.replace('\n', '\\n'))
print('''    c.finish();
}''')
