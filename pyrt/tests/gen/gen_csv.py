"""Generates ../csv_io.rs from CPython: python3 gen_csv.py > ../csv_io.rs
io.StringIO and the csv module (reader, writer, DictReader, DictWriter)."""
import csv, io, decimal
from pylit import rs_str, outcome, lit, Raw

# Helpers with the same names in the generated Rust: each takes positional values and
# keyword arguments, and returns what the Python below returns.
def R(lines, **kw): return list(csv.reader(lines, **kw))
def RS(text, **kw): return list(csv.reader(io.StringIO(text), **kw))
def RN(lines, n, **kw):
    r = csv.reader(lines, **kw); out = []
    for _ in range(n): out.append((next(r), r.line_num))
    return out
def W(rows, **kw):
    s = io.StringIO(); w = csv.writer(s, **kw)
    rets = [w.writerow(r) for r in rows]
    return (rets, s.getvalue())
def WS(rows, **kw):
    s = io.StringIO(); w = csv.writer(s, **kw)
    return (w.writerows(rows), s.getvalue())
def DR(text, **kw):
    r = csv.DictReader(io.StringIO(text), **kw)
    rows = list(r)
    return (rows, r.fieldnames, r.line_num)
def DRF(text, **kw):
    r = csv.DictReader(io.StringIO(text), **kw)
    return (r.fieldnames, r.line_num)
def DW(rows, fieldnames, **kw):
    s = io.StringIO(); w = csv.DictWriter(s, fieldnames, **kw)
    rets = [w.writeheader()]
    for r in rows: rets.append(w.writerow(r))
    return (rets, s.getvalue())
def DWS(rows, fieldnames, **kw):
    s = io.StringIO(); w = csv.DictWriter(s, fieldnames, **kw)
    try:
        return w.writerows(rows)
    finally:
        global partial
        partial = s.getvalue()
def SIO(ops, initial=None, **kw):
    """Apply [(method, args...)] to a StringIO, collecting each result (or error)."""
    s = io.StringIO(initial, **kw) if initial is not None or kw else io.StringIO()
    out = []
    for op in ops:
        name, *args = op
        try:
            if name == 'closed': out.append(s.closed)
            elif name == 'iter': out.append(list(s))
            else: out.append(getattr(s, name)(*args))
        except Exception as e:
            out.append(f'{type(e).__name__}: {e}')
    return out

C = []
def c(fn, *pos, **kw):
    C.append((fn, pos, kw))

# io.StringIO
c(SIO, [('getvalue',), ('read',)], 'ab\ncd\r\nef')
c(SIO, [('readlines',)], 'ab\ncd\r\nef')
c(SIO, [('readline',), ('readline', 1), ('readline',), ('readline',), ('readline',), ('tell',)], 'ab\ncd\nef')
c(SIO, [('read', 2), ('read', None), ('read',), ('tell',), ('seek', 0), ('read', -1)], 'abcdef')
c(SIO, [('write', 'hello\n'), ('write', 'wörld'), ('tell',), ('getvalue',), ('read',), ('seek', 0), ('readlines',)])
c(SIO, [('tell',), ('write', 'X'), ('getvalue',), ('read',), ('seek', 0, 2), ('write', 'Z'), ('getvalue',)], 'abc')
c(SIO, [('seek', 6), ('write', 'z'), ('getvalue',), ('seek', 0, 1), ('seek', -1), ('seek', 1, 1), ('seek', 1, 2), ('seek', 0, 3), ('seek', 1.5)], 'abc')
c(SIO, [('writelines', ['a\n', 'b\n']), ('getvalue',), ('writelines', ['c', 1]), ('getvalue',), ('write', 5)])
c(SIO, [('readlines', 1)], 'a\nb\nc\n')
c(SIO, [('readlines', 3)], 'a\nb\nc\n')
c(SIO, [('truncate', 1), ('getvalue',), ('tell',), ('seek', 0, 2), ('truncate',), ('getvalue',)], 'abc')
c(SIO, [('iter',), ('iter',), ('seek', 0), ('iter',)], 'x\ny\n\nz')
c(SIO, [('close',), ('closed',), ('getvalue',), ('write', 'x'), ('read',), ('tell',), ('seek', 0), ('iter',), ('close',)], 'abc')
c(SIO, [('closed',), ('readable',), ('writable',), ('seekable',), ('read', '1')])
c(SIO, [('readlines',)], 'a\rb\r\nc', newline='')
c(SIO, [('getvalue',), ('readlines',)], 'a\rb\r\nc', newline=None)
c(SIO, [('write', 'a\nb'), ('getvalue',)], '', newline='\r\n')
c(SIO, [], 5)
c(SIO, [], '', newline='x')
# csv.reader
c(R, ['a,b,c', '1,"x,y",3', '"q""uote",,end'])
c(R, ['a,"b\n', 'c",d\n', 'e\n'])
c(R, ['', '\n', 'a', '\r\n'])
c(R, ['a,"b'])
c(R, ['a,"b'], strict=True)
c(R, ['a,"b"x,c'])
c(R, ['a,"b"x,c'], strict=True)
c(R, ['a\rb'])
c(R, [1])
c(R, ['a\0b'])
c(R, ['1,"2",x,'], quoting=csv.QUOTE_NONNUMERIC)
c(R, ['1,"2",3.5,-4e3'], quoting=csv.QUOTE_NONNUMERIC)
c(R, ['a, "b,c", d'], skipinitialspace=True)
c(R, ['a, "b,c", d'])
c(R, ['"a" ,b', ' "a",b'])
c(R, ['a;b;"c;d"\r\n'], delimiter=';')
c(R, ['a\tb\t"c"'], dialect='excel-tab')
c(R, ['a\\,b,"c\\"d",e\\\n', 'f'], escapechar='\\')
c(R, ['a"b,c', "'x,y',z"], quotechar="'")
c(R, ['a"b,"c'], quoting=csv.QUOTE_NONE)
c(R, ['a"b,c'], quotechar=None)
c(R, ['"a""b"'], doublequote=False)
c(R, ['x' * 131073])
c(R, 'a,b')
c(R, [], foo=1)
c(R, [], delimiter='ab')
c(R, [], delimiter='')
c(R, [], delimiter=1)
c(R, [], quotechar=1)
c(R, [], quotechar='ab')
c(R, [], quotechar=None, quoting=csv.QUOTE_MINIMAL)
c(R, [], quoting=7)
c(R, [], lineterminator=1)
c(R, [], escapechar='')
c(R, [], dialect='nope')
c(R, 5)
c(RS, 'a,b\r\n"c\r\nd",e\r\n\r\nlast')
c(RS, 'h1,h2\n1,2\n')
c(RN, ['a\n', '"b\n', 'c"\n', 'd\n'], 3)
# csv.writer
c(W, [['a', 'b c', 'd,e', 'f"g', 'h\ni', 'j\rk'], [1, 2.5, True, None, 1e20, 0.1, -0.0, 10**30]])
c(W, [[''], [], [None], ['', ''], [' a', 'b ']])
c(W, ['abc', ('x', 'y')])
c(W, [[1, 'x', None, 2.5, decimal.Decimal('1.50'), True]], quoting=csv.QUOTE_NONNUMERIC)
c(W, [[1, 'x', None, '']], quoting=csv.QUOTE_ALL)
c(W, [['a', 'b', '']], quoting=csv.QUOTE_NONE)
c(W, [['']], quoting=csv.QUOTE_NONE)
c(W, [['a"b']], quoting=csv.QUOTE_NONE)
c(W, [['a,b']], quoting=csv.QUOTE_NONE)
c(W, [['a,b', 'c"d', 'e\\f']], quoting=csv.QUOTE_NONE, escapechar='\\')
c(W, [['a"b', 'c\\d']], escapechar='\\')
c(W, [['a"b']], doublequote=False)
c(W, [['a"b']], doublequote=False, escapechar='\\')
c(W, [['a\tb', 'c', 'd\ne']], delimiter='\t', lineterminator='\n')
c(W, [['a\rb', 'c\nd']], lineterminator='\n')
c(W, [["it's", 'x y']], quotechar="'")
c(W, [['a', 'b']], dialect='unix')
c(W, [5])
c(WS, [[1, 2], ['a', 'b,c']])
# csv.DictReader
c(DR, 'a,b\n1,2\n\n3\n4,5,6,7\n')
c(DR, 'a,b\n1,2\n3\n4,5,6,7\n', restkey='extra', restval='-')
c(DR, '1,2\n3\n', fieldnames=['x', 'y', 'z'])
c(DR, 'name;qty\r\n"Smith, J";3\r\n', delimiter=';')
c(DR, '')
c(DR, 'a,a,b\n1,2,3\n')
c(DR, '\n\na,b\n1,2\n\n\n3,4\n')
c(DRF, 'h1,h2\r\n1,2\r\n')
c(DRF, '')
# csv.DictWriter
c(DW, [{'a': 1, 'b': None}, {'a': 2}, {'b': 'x,y', 'a': 2.5}], ['a', 'b'])
c(DW, [{'a': 1, 'x': 2}], ['a', 'b'])
c(DW, [{'a': 1, 'x': 2}], ['a', 'b'], extrasaction='ignore', restval='NA')
c(DW, [{'a': 1, 'x': 2}], ['a', 'b'], extrasaction='RAISE')
c(DW, [], ['a'], extrasaction='nope')
c(DW, [{'a': 1}], ['a', 'b'], quoting=csv.QUOTE_ALL, lineterminator='\n')
c(DW, [[1, 2]], ['a', 'b'])
c(DWS, [{'a': 1}, {'a': 2, 'z': 0}, {'a': 3}], ['a'])
c(DWS, [{'a': 1}, {'a': 2}], ['a'])

def rs_call(fn, pos, kw):
    ps = ', '.join(lit(p) for p in pos)
    ks = ', '.join(f'("{k}", {lit(v)})' for k, v in kw.items())
    return f'{fn.__name__}(vec![{ps}], vec![{ks}])'

def py_lit_ok(v):
    if isinstance(v, decimal.Decimal): return Raw(f'dec({rs_str(str(v))})')
    if isinstance(v, int) and not isinstance(v, bool) and abs(v) >= 2**63:
        return Raw(f'builtins::int(Args::pos(vec![Py::str("{v}")])).unwrap()')
    if isinstance(v, (list, tuple)): return type(v)(py_lit_ok(x) for x in v)
    if isinstance(v, dict): return {k: py_lit_ok(x) for k, x in v.items()}
    return v

print('''//! Generated from CPython 3.11 by gen/gen_csv.py: io.StringIO and the csv module, compared
//! with `repr(result)` or `Type: message`. Each helper mirrors the Python one in the generator.
#![allow(non_snake_case)]

mod common;
use common::Checker;
use pyrt::*;

type Kw = Vec<(&'static str, Py)>;

fn m(v: &Py, name: &str, pos: Vec<Py>) -> PyResult<Py> { v.call_method(name, Args::pos(pos)) }
fn list(v: Py) -> PyResult<Py> { builtins::list(Args::pos(vec![v])) }
fn sio(text: &str) -> Py { io::string_io(Args::pos(vec![Py::str(text)])).unwrap() }
fn empty() -> Py { io::string_io(Args::default()).unwrap() }
fn err_text(e: PyErr) -> Py { Py::str(&format!("{e}")) }
fn dec(s: &str) -> Py { decimal::decimal_type().call(Args::pos(vec![Py::str(s)])).unwrap() }

fn R(pos: Vec<Py>, kw: Kw) -> PyResult<Py> { list(csv::reader(Args::new(pos, kw))?) }
fn RS(pos: Vec<Py>, kw: Kw) -> PyResult<Py> {
    let Py::Str(s) = &pos[0] else { unreachable!() };
    list(csv::reader(Args::new(vec![sio(s)], kw))?)
}
fn RN(pos: Vec<Py>, kw: Kw) -> PyResult<Py> {
    let n = match pos[1] { Py::Int(n) => n, _ => unreachable!() };
    let r = csv::reader(Args::new(vec![pos[0].clone()], kw))?;
    let mut out = vec![];
    for _ in 0..n {
        let row = builtins::next(Args::pos(vec![r.clone()]))?;
        out.push(Py::tuple(vec![row, r.getattr("line_num")?]));
    }
    Ok(Py::list(out))
}
fn W(pos: Vec<Py>, kw: Kw) -> PyResult<Py> {
    let s = empty();
    let mut a = vec![s.clone()];
    a.extend(pos[1..].iter().cloned());
    let w = csv::writer(Args::new(a, kw))?;
    let mut rets = vec![];
    for row in pos[0].iter()? { rets.push(m(&w, "writerow", vec![row?])?); }
    Ok(Py::tuple(vec![Py::list(rets), m(&s, "getvalue", vec![])?]))
}
fn WS(pos: Vec<Py>, kw: Kw) -> PyResult<Py> {
    let s = empty();
    let w = csv::writer(Args::new(vec![s.clone()], kw))?;
    let r = m(&w, "writerows", vec![pos[0].clone()])?;
    Ok(Py::tuple(vec![r, m(&s, "getvalue", vec![])?]))
}
fn DR(pos: Vec<Py>, kw: Kw) -> PyResult<Py> {
    let Py::Str(t) = &pos[0] else { unreachable!() };
    let r = csv::dict_reader(Args::new(vec![sio(t)], kw))?;
    let rows = list(r.clone())?;
    Ok(Py::tuple(vec![rows, r.getattr("fieldnames")?, r.getattr("line_num")?]))
}
fn DRF(pos: Vec<Py>, kw: Kw) -> PyResult<Py> {
    let Py::Str(t) = &pos[0] else { unreachable!() };
    let r = csv::dict_reader(Args::new(vec![sio(t)], kw))?;
    Ok(Py::tuple(vec![r.getattr("fieldnames")?, r.getattr("line_num")?]))
}
fn DW(pos: Vec<Py>, kw: Kw) -> PyResult<Py> {
    let s = empty();
    let w = csv::dict_writer(Args::new(vec![s.clone(), pos[1].clone()], kw))?;
    let mut rets = vec![m(&w, "writeheader", vec![])?];
    for row in pos[0].iter()? { rets.push(m(&w, "writerow", vec![row?])?); }
    Ok(Py::tuple(vec![Py::list(rets), m(&s, "getvalue", vec![])?]))
}
/// The outcome, then what was written before it (checked separately).
fn DWS(pos: Vec<Py>, kw: Kw) -> (PyResult<Py>, Py) {
    let s = empty();
    let r = (|| {
        let w = csv::dict_writer(Args::new(vec![s.clone(), pos[1].clone()], kw))?;
        m(&w, "writerows", vec![pos[0].clone()])
    })();
    let v = m(&s, "getvalue", vec![]).unwrap();
    (r, v)
}
fn SIO(pos: Vec<Py>, kw: Kw) -> PyResult<Py> {
    let s = if pos.len() > 1 || !kw.is_empty() { io::string_io(Args::new(pos[1..].to_vec(), kw))? } else { empty() };
    let mut out = vec![];
    for op in pos[0].iter()? {
        let op: Vec<Py> = op?.iter()?.collect::<PyResult<_>>()?;
        let Py::Str(name) = &op[0] else { unreachable!() };
        let r = match &**name {
            "closed" => s.getattr("closed"),
            "iter" => list(s.clone()),
            n => m(&s, n, op[1..].to_vec()),
        };
        out.push(r.unwrap_or_else(err_text));
    }
    Ok(Py::list(out))
}

#[test]
fn csv_io() {
    let mut c = Checker::default();''')
for fn, pos, kw in C:
    rs = rs_call(fn, [py_lit_ok(p) for p in pos], {k: py_lit_ok(v) for k, v in kw.items()})
    desc = f"{fn.__name__}{pos!r} {kw!r}".replace('\n', '\\n').replace('\r', '\\r')
    if fn is DWS:
        partial = ''
        out = outcome(lambda: fn(*pos, **kw))
        print(f'    {{ let (r, v) = {rs}; c.check(r, {rs_str(out)}); c.check(Ok(v), {rs_str(repr(partial))}); }} // {desc}')
    else:
        print(f'    c.check({rs}, {rs_str(outcome(lambda: fn(*pos, **kw)))}); // {desc}')
print('''    c.finish();
}''')
