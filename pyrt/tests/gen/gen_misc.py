"""Generates ../misc_modules.rs from CPython: python3 gen_misc.py > ../misc_modules.rs
hashlib, hmac, uuid (parsing), functools, itertools, string."""
import hashlib, hmac, uuid, functools, itertools, string, operator
from pylit import rs_str, outcome, lit, args

C = []
def c(py, rs): C.append((py, rs))
B = lambda b: lit(b)
for name in ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512']:
    c(f"hashlib.{name}(b'hello world').hexdigest()", f"hashlib::{name}(Args::pos(vec![{B(b'hello world')}]))?.call_method(\"hexdigest\", Args::default())")
c("hashlib.sha256().hexdigest()", "hashlib::sha256(Args::default())?.call_method(\"hexdigest\", Args::default())")
c("(lambda h: (h.update(b'ab'), h.update(b'c'), h.hexdigest())[2])(hashlib.sha256())",
  f"let h = hashlib::sha256(Args::default())?; h.call_method(\"update\", Args::pos(vec![{B(b'ab')}]))?; h.call_method(\"update\", Args::pos(vec![{B(b'c')}]))?; h.call_method(\"hexdigest\", Args::default())")
c("hashlib.md5(b'x').digest()", f"hashlib::md5(Args::pos(vec![{B(b'x')}]))?.call_method(\"digest\", Args::default())")
c("hashlib.sha256('text')", "hashlib::sha256(Args::pos(vec![Py::str(\"text\")]))")
c("hashlib.new('sha256', b'a').hexdigest()", f"hashlib::new(Args::pos(vec![Py::str(\"sha256\"), {B(b'a')}]))?.call_method(\"hexdigest\", Args::default())")
c("hashlib.new('nope')", "hashlib::new(Args::pos(vec![Py::str(\"nope\")]))")
c("(hashlib.sha256().name, hashlib.sha256().digest_size, hashlib.sha512().block_size)",
  "Ok(Py::tuple(vec![hashlib::sha256(Args::default())?.getattr(\"name\")?, hashlib::sha256(Args::default())?.getattr(\"digest_size\")?, hashlib::sha512(Args::default())?.getattr(\"block_size\")?]))")
for dm in ['sha256', 'sha1', 'md5', 'sha512']:
    c(f"hmac.new(b'secret', b'message', '{dm}').hexdigest()", f"hashlib::hmac_new(Args::pos(vec![{B(b'secret')}, {B(b'message')}, Py::str(\"{dm}\")]))?.call_method(\"hexdigest\", Args::default())")
c("hmac.new(b'k'*200, b'm', hashlib.sha256).hexdigest()", f"hashlib::hmac_new(Args::pos(vec![{B(b'k'*200)}, {B(b'm')}, Py::func(\"sha256\", hashlib::sha256)]))?.call_method(\"hexdigest\", Args::default())")
c("hmac.new(b'k', digestmod='sha384').hexdigest()", f"hashlib::hmac_new(Args::new(vec![{B(b'k')}], vec![(\"digestmod\", Py::str(\"sha384\"))]))?.call_method(\"hexdigest\", Args::default())")
c("hmac.new(b'k', b'm')", f"hashlib::hmac_new(Args::pos(vec![{B(b'k')}, {B(b'm')}]))")
c("hmac.new('k', b'm', 'sha256')", f"hashlib::hmac_new(Args::pos(vec![Py::str(\"k\"), {B(b'm')}, Py::str(\"sha256\")]))")
c("hmac.digest(b'k', b'm', 'sha1')", f"hashlib::hmac_digest(Args::pos(vec![{B(b'k')}, {B(b'm')}, Py::str(\"sha1\")]))")
c("hmac.compare_digest('abc', 'abc')", "hashlib::compare_digest(Args::pos(vec![Py::str(\"abc\"), Py::str(\"abc\")]))")
c("hmac.compare_digest(b'abc', b'abd')", f"hashlib::compare_digest(Args::pos(vec![{B(b'abc')}, {B(b'abd')}]))")
c("hmac.compare_digest('abc', b'abc')", f"hashlib::compare_digest(Args::pos(vec![Py::str(\"abc\"), {B(b'abc')}]))")
# uuid
U = "uuid::uuid_type().call(Args::pos(vec![Py::str(%s)]))"
for s in ['12345678-1234-5678-1234-567812345678', '{12345678123456781234567812345678}', 'urn:uuid:12345678-1234-4678-9234-567812345678', 'zz', '1234']:
    c(f"uuid.UUID({s!r})", U % rs_str(s))
c("(lambda u: (str(u), u.hex, u.version, u.int))(uuid.UUID('12345678-1234-4678-9234-567812345678'))",
  "let u = " + (U % rs_str('12345678-1234-4678-9234-567812345678')) + "?; Ok(Py::tuple(vec![Py::from(u.str_string()), u.getattr(\"hex\")?, u.getattr(\"version\")?, u.getattr(\"int\")?]))")
c("uuid.UUID('12345678-1234-4678-9234-567812345678') == uuid.UUID('12345678123446789234567812345678')",
  "Ok(Py::Bool((" + (U % rs_str('12345678-1234-4678-9234-567812345678')) + ")?.py_eq(&(" + (U % rs_str('12345678123446789234567812345678')) + ")?)))")
# functools
c("functools.reduce(operator.add, [1, 2, 3, 4])", "functools::reduce(Args::pos(vec![add(), Py::list(vec![Py::Int(1), Py::Int(2), Py::Int(3), Py::Int(4)])]))")
c("functools.reduce(operator.add, [], 10)", "functools::reduce(Args::pos(vec![add(), Py::list(vec![]), Py::Int(10)]))")
c("functools.reduce(operator.add, [])", "functools::reduce(Args::pos(vec![add(), Py::list(vec![])]))")
c("functools.reduce(operator.add, 5)", "functools::reduce(Args::pos(vec![add(), Py::Int(5)]))")
c("functools.partial(operator.add, 10)(5)", "functools::partial(Args::pos(vec![add(), Py::Int(10)]))?.call(Args::pos(vec![Py::Int(5)]))")
# itertools
L = lambda xs: 'Py::list(vec![' + ', '.join(lit(x) for x in xs) + '])'
def lst(rs): return f"builtins::list(Args::pos(vec![{rs}?]))"
c("list(itertools.chain([1, 2], 'ab'))", lst(f"itertools::chain(Args::pos(vec![{L([1,2])}, Py::str(\"ab\")]))"))
c("list(itertools.chain.from_iterable([[1], [2, 3]]))", lst(f"itertools::chain_from_iterable(Args::pos(vec![Py::list(vec![{L([1])}, {L([2,3])}])]))"))
c("list(itertools.islice('abcdefg', 3))", lst("itertools::islice(Args::pos(vec![Py::str(\"abcdefg\"), Py::Int(3)]))"))
c("list(itertools.islice('abcdefg', 1, None, 2))", lst("itertools::islice(Args::pos(vec![Py::str(\"abcdefg\"), Py::Int(1), Py::None, Py::Int(2)]))"))
c("list(itertools.islice('abc', -1))", lst("itertools::islice(Args::pos(vec![Py::str(\"abc\"), Py::Int(-1)]))"))
c("[(k, list(g)) for k, g in itertools.groupby('aabbbca')]", "let mut out = vec![]; for kg in itertools::groupby(Args::pos(vec![Py::str(\"aabbbca\")]))?.iter()? { let kg = kg?.unpack(2)?; out.push(Py::tuple(vec![kg[0].clone(), builtins::list(Args::pos(vec![kg[1].clone()]))?])); } Ok(Py::list(out))")
c("list(itertools.product('ab', [1, 2]))", lst(f"itertools::product(Args::pos(vec![Py::str(\"ab\"), {L([1,2])}]))"))
c("list(itertools.product('ab', repeat=2))", lst("itertools::product(Args::new(vec![Py::str(\"ab\")], vec![(\"repeat\", Py::Int(2))]))"))
c("list(itertools.combinations('abcd', 2))", lst("itertools::combinations(Args::pos(vec![Py::str(\"abcd\"), Py::Int(2)]))"))
c("list(itertools.combinations('ab', 3))", lst("itertools::combinations(Args::pos(vec![Py::str(\"ab\"), Py::Int(3)]))"))
c("list(itertools.permutations('abc', 2))", lst("itertools::permutations(Args::pos(vec![Py::str(\"abc\"), Py::Int(2)]))"))
c("list(itertools.accumulate([1, 2, 3, 4]))", lst(f"itertools::accumulate(Args::pos(vec![{L([1,2,3,4])}]))"))
c("list(itertools.accumulate([1, 2, 3], initial=100))", lst(f"itertools::accumulate(Args::new(vec![{L([1,2,3])}], vec![(\"initial\", Py::Int(100))]))"))
c("list(itertools.accumulate([3, 1, 4], max))", lst(f"itertools::accumulate(Args::pos(vec![{L([3,1,4])}, Py::func(\"max\", builtins::max)]))"))
c("list(itertools.islice(itertools.count(5, 2), 3))", lst("itertools::islice(Args::pos(vec![itertools::count(Args::pos(vec![Py::Int(5), Py::Int(2)]))?, Py::Int(3)]))"))
c("list(itertools.zip_longest('ab', [1], fillvalue=0))", lst(f"itertools::zip_longest(Args::new(vec![Py::str(\"ab\"), {L([1])}], vec![(\"fillvalue\", Py::Int(0))]))"))
c("list(itertools.repeat('x', 3))", lst("itertools::repeat(Args::pos(vec![Py::str(\"x\"), Py::Int(3)]))"))
# string
for n in ['ascii_letters', 'ascii_lowercase', 'ascii_uppercase', 'digits', 'hexdigits', 'octdigits', 'punctuation', 'whitespace', 'printable']:
    c(f"string.{n}", f"Ok(functools::{n}())")

env = dict(hashlib=hashlib, hmac=hmac, uuid=uuid, functools=functools, itertools=itertools, string=string, operator=operator)
print('''//! Generated from CPython 3.11 by gen/gen_misc.py: hashlib, hmac, uuid, functools,
//! itertools and string, compared with `repr(result)` or `Type: message`.
#![allow(clippy::redundant_closure_call)]

mod common;
use common::Checker;
use pyrt::*;

fn add() -> Py { Py::func("add", |a: Args| a.pos[0].add(&a.pos[1])) }

#[test]
fn misc_modules() {
    let mut c = Checker::default();''')
for py, rs in C:
    print(f'    c.check((|| -> PyResult<Py> {{ {rs} }})(), {rs_str(outcome(lambda: eval(py, env)))}); // {py}')
print('''    c.finish();
}''')
