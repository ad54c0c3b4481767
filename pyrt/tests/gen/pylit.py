"""Shared by the test generators: Python values as Rust `Py` constructors, outcomes as
`repr(result)` or `Type: message`."""

def rs_str(s):
    out = []
    for c in s:
        if c == '\\': out.append('\\\\')
        elif c == '"': out.append('\\"')
        elif c == '\n': out.append('\\n')
        elif c == '\t': out.append('\\t')
        elif c == '\r': out.append('\\r')
        elif ord(c) < 32 or ord(c) == 127: out.append('\\u{%x}' % ord(c))
        else: out.append(c)
    return '"' + ''.join(out) + '"'

def lit(v):
    if v is None: return 'Py::None'
    if v is True: return 'Py::Bool(true)'
    if v is False: return 'Py::Bool(false)'
    if isinstance(v, int): return f'Py::Int({v})'
    if isinstance(v, float): return f'Py::Float(f64::from_bits({hex(__import__("struct").unpack("<Q", __import__("struct").pack("<d", v))[0])}))'
    if isinstance(v, str): return f'Py::str({rs_str(v)})'
    if isinstance(v, bytes): return f'Py::Bytes(std::rc::Rc::from(&{list(v)}[..]))' if v else 'Py::Bytes(std::rc::Rc::from(&[][..]))'
    if isinstance(v, list): return 'Py::list(vec![' + ', '.join(lit(x) for x in v) + '])'
    if isinstance(v, tuple): return 'Py::tuple(vec![' + ', '.join(lit(x) for x in v) + '])'
    if isinstance(v, dict): return 'Py::dict(vec![' + ', '.join(f'({lit(k)}, {lit(x)})' for k, x in v.items()) + ']).unwrap()'
    if isinstance(v, Raw): return v.code
    raise TypeError(type(v))

class Raw:
    def __init__(self, code, value=None): self.code, self.value = code, value

def outcome(f):
    try:
        return repr(f())
    except Exception as e:
        m = str(e)
        return f'{type(e).__name__}: {m}' if m else type(e).__name__

def args(pos, kw=None):
    kw = kw or {}
    return 'Args::new(vec![' + ', '.join(lit(p) for p in pos) + '], vec![' + ', '.join(f'("{k}", {lit(v)})' for k, v in kw.items()) + '])'
