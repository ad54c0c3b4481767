"""Generates ../bytes.rs from CPython 3.11: python3 gen_bytes.py > ../bytes.rs
The methods of `bytes` (strip ... hex with a separator), `bytes % args`, and `str % args`
with `Decimal` arguments (converted with float()/int() as CPython does)."""
from decimal import Decimal
from pylit import rs_str, outcome, lit, Raw


def dec(s):
    return Raw(f'decimal::new(Args::pos(vec![Py::str({rs_str(s)})]))?', Decimal(s))


def pyval(v):
    if isinstance(v, Raw): return v.value
    if isinstance(v, tuple): return tuple(pyval(x) for x in v)
    if isinstance(v, list): return [pyval(x) for x in v]
    if isinstance(v, dict): return {pyval(k): pyval(x) for k, x in v.items()}
    return v


def rlit(v):
    if isinstance(v, tuple): return 'Py::tuple(vec![' + ', '.join(rlit(x) for x in v) + '])'
    if isinstance(v, list): return 'Py::list(vec![' + ', '.join(rlit(x) for x in v) + '])'
    return lit(v)


C = []
def m(recv, name, *pos, **kw):
    rs = f'{lit(recv)}.call_method("{name}", Args::new(vec![' + ', '.join(rlit(p) for p in pos) + '], vec![' + \
        ', '.join(f'("{k}", {rlit(v)})' for k, v in kw.items()) + ']))'
    py = lambda: getattr(recv, name)(*[pyval(p) for p in pos], **{k: pyval(v) for k, v in kw.items()})
    C.append((rs, py, f'{recv!r}.{name}(...)'))


def pct(fmt, args):
    rs = f'{lit(fmt)}.rem(&{rlit(args)})'
    C.append((rs, lambda: fmt % pyval(args), f'{fmt!r} % {pyval(args)!r}'))


RECV = [b'', b'  a b  c ', b'a,b,,c', b'Hello World', b'abc==', b'\t\nx\r\n y\x0b\x0c', b'line1\nline2\r\nline3\rx\n',
        b'ABC', b'abc', b'aB1', b'123', b'-42', b'+7', b'\xff\x00\x80', b'aaa', b'x.y.z']
for r in RECV:
    for name in ['split', 'rsplit', 'strip', 'lstrip', 'rstrip', 'upper', 'lower', 'splitlines', 'isdigit', 'isalpha',
                 'isalnum', 'isspace', 'islower', 'isupper', 'isascii', 'hex']:
        m(r, name)
    m(r, 'split', b',')
    m(r, 'split', b',', 1)
    m(r, 'split', None, 1)
    m(r, 'split', sep=b'.', maxsplit=1)
    m(r, 'rsplit', b',', 1)
    m(r, 'rsplit', None, 1)
    m(r, 'rsplit', b'.')
    m(r, 'split', b'')
    m(r, 'split', ',')
    m(r, 'splitlines', True)
    m(r, 'splitlines', keepends=True)
    m(r, 'strip', b'=')
    m(r, 'rstrip', b'=')
    m(r, 'lstrip', b' a')
    m(r, 'strip', b'')
    m(r, 'strip', None)
    m(r, 'strip', '=')
    m(r, 'rstrip', 3)
    m(r, 'replace', b'a', b'XY')
    m(r, 'replace', b'', b'-')
    m(r, 'replace', b'', b'-', 2)
    m(r, 'replace', b'b', b'', 0)
    m(r, 'replace', b'c', b'C', 1)
    m(r, 'replace', 'a', b'b')
    m(r, 'startswith', b'a')
    m(r, 'startswith', (b'x', b'H', b'-'))
    m(r, 'endswith', b'==')
    m(r, 'endswith', (b'c', b'\n'))
    m(r, 'startswith', b'b', 2)
    m(r, 'endswith', b'b', 0, 3)
    m(r, 'startswith', b'', 50)
    m(r, 'startswith', 'a')
    m(r, 'startswith', (b'a', 'a'))
    m(r, 'partition', b',')
    m(r, 'rpartition', b',')
    m(r, 'partition', b' ')
    m(r, 'rpartition', b'.')
    m(r, 'partition', b'')
    m(r, 'partition', ',')
    for f in ['find', 'rfind', 'index', 'rindex', 'count']:
        m(r, f, b'a')
        m(r, f, b'b', 2)
        m(r, f, b'', 1, -1)
        m(r, f, b'', 30)
        m(r, f, 97)
        m(r, f, 300)
        m(r, f, 'a')
        m(r, f, b'c', -3, -1)
    m(r, 'zfill', 6)
    m(r, 'zfill', 0)
    m(r, 'zfill', 'a')
    m(r, 'hex', ':')
    m(r, 'hex', b'-', 2)
    m(r, 'hex', ' ', -2)
    m(r, 'hex', '::')
    m(r, 'hex', 'é')
    m(r, 'hex', sep='.', bytes_per_sep=3)
    m(r, 'center', 12, b'*')
    m(r, 'ljust', 12)
    m(r, 'rjust', 14, b'.')
    m(r, 'ljust', 3, 'x')
    m(r, 'removeprefix', b'ab')
    m(r, 'removesuffix', b'==')
for sep in [b',', b'', b'--']:
    m(sep, 'join', [b'a', b'b', b'c'])
    m(sep, 'join', [])
    m(sep, 'join', (b'x',))
    m(sep, 'join', [b'a', 'b'])
    m(sep, 'join', 5)
m(b'a', 'replace', old=b'a', new=b'b')
m(b'a', 'upper', 1)

for fmt, args in [
    (b'%s and %d', (b'x', 3)), (b'%s', 'x'), (b'%r', 'x'), (b'%a', 'é'), (b'%c', 300), (b'%c', 'a'),
    (b'%c%c', (97, b'b')), (b'%b|%5s|%-5b|', (b'x', b'ab', b'c')), (b'%x %05.1f %e %o %X', (255, 2.25, 1.5, 8, 255)),
    (b'%(a)s', {b'a': b'1'}), (b'%(a)s', {'a': b'1'}), (b'%s', 5), (b'%d', b'5'), (b'%s %s', (b'x',)),
    (b'%s', (b'x', b'y')), (b'%y', (b'x',)), (b'%s', b'x'), (b'%s', [b'x']), (b'%.1s', b'xyz'), (b'\xff%s', b'\xfe'),
    (b'%%|%5.2f%%', 99.5), (b'%r', b'\x00a'), (b'%s', b''), (b'%-4c|', 65), (b'%i|%u', (True, -3)),
    (b'%.2f|%d', (dec('19.99'), dec('19.99'))), ('%b', 3), ('%.2f', dec('19.99')), ('%d', dec('19.99')),
    ('%5.1f', dec('2.2')), ('%x', dec('19')), ('%d', dec('-19.99')), ('%e|%g|%i', (dec('1234.5'), dec('0.00001'), dec('7.9'))),
    ('%d', dec('NaN')), ('%d', dec('Infinity')), ('%f', dec('NaN')), ('%f', dec('-1e400')), ('%.3f', dec('0.1')),
    ('%f', 'x'), ('%d', 'x'), ('%(p).2f', {'p': dec('3.14159')}), ('%08.3f|%+d', (dec('-2.5'), dec('41.9'))),
]:
    pct(fmt, args)

print('''//! Generated from CPython 3.11 by gen/gen_bytes.py: the methods of `bytes`, `bytes % args`
//! and `str % args` with `Decimal` arguments, compared with `repr(result)` or `Type: message`.
#![allow(clippy::redundant_closure_call)]

mod common;
use common::Checker;
use pyrt::*;

#[test]
fn bytes_methods_and_formatting() {
    let mut c = Checker::default();''')
for rs, py, label in C:
    expected = outcome(py)
    print(f'    c.check((|| -> PyResult<Py> {{ {rs} }})(), {rs_str(expected)}); // {rs_str(label)[1:-1]}')
print('''    c.finish();
}''')
