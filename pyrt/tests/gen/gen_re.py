"""Generates ../re.rs from CPython: python3 gen_re.py > ../re.rs"""
import re
from pylit import *

I, M, S, X, A = re.I.value, re.M.value, re.S.value, re.X.value, re.A.value
# (function, positional, keyword, [(method-or-attr, args)])
C = []
def c(fn, *pos, post=(), **kw): C.append((fn, pos, kw, list(post)))

# searching
c('match', r'\d+', '123abc')
c('match', r'\d+', 'abc123')
c('search', r'\d+', 'abc123def')
c('fullmatch', r'a|ab', 'ab')
c('fullmatch', r'\d+', '12a')
c('match', r'(\w+)@(\w+)\.com', 'joe@example.com', post=[('groups', ()), ('group', (0,)), ('group', (1, 2)), ('span', (2,)), ('start', (1,)), ('end', ()), ('lastindex', None)])
c('match', r'(?P<user>\w+)@(?P<dom>[\w.]+)', 'ann@x.org rest', post=[('groupdict', ()), ('group', ('dom',)), ('lastgroup', None), ('__getitem__', ('user',)), ('span', ('dom',))])
c('match', r'a(b)?(c)?', 'ac', post=[('groups', ()), ('groups', ('-',)), ('group', (1,)), ('span', (1,)), ('lastindex', None), ('group', (3,)), ('group', ('x',))])
c('search', r'é(\w)', 'caféx', post=[('span', ()), ('group', (1,)), ('start', (1,))])
c('search', 'ß', 'straße', post=[('span', ())])
c('search', r'^abc$', 'abc\n')
c('search', r'^abc$', 'abc\n\n')
c('search', r'abc\Z', 'abc\n')
c('findall', r'^\w+$', 'one\ntwo\nthree', flags=M)
c('findall', r'^\w+$', 'one\ntwo\nthree')
c('findall', r'(?m)^\w+', 'one\ntwo')
c('search', r'HELLO', 'say hello', flags=I)
c('search', r'(?i)straße', 'STRASSE')
c('search', r'(?i)é', 'É')
c('search', r'a.b', 'a\nb')
c('search', r'a.b', 'a\nb', flags=S)
c('search', r'''
    (\d{3})   # area
    [-\ ]     # sep
    (\d{4})   # number
''', 'call 555-1234 now', flags=X, post=[('groups', ())])
c('search', r'(?x) a [ ] b', 'xa bx')
c('findall', r'\d', '12٣', post=[])
c('findall', r'\d', '12٣', flags=A)
c('findall', r'\w+', 'héllo wörld', flags=A)
c('findall', r'\w+', 'héllo wörld')
c('findall', r'\bfoo\b', 'foo foobar (foo)')
c('findall', r'\s+', 'a \t b\nc')
c('search', r'(\w)\1', 'abccd', post=[('group', ())])
c('search', r'(?P<q>[\'"]).*?(?P=q)', 'say "hi" now', post=[('group', ())])
c('search', r'foo(?=bar)', 'foobaz foobar', post=[('span', ())])
c('search', r'(?<!\$)\b\d+', '$12 34', post=[('group', ())])
c('search', r'(?<=@)\w+', 'me@host', post=[('group', ())])
c('search', r'a{2,3}', 'caaaat', post=[('group', ())])
c('search', r'a{,2}', 'aaa', post=[('group', ())])
c('search', r'a{2,}?', 'aaaa', post=[('group', ())])
c('search', r'x{', 'ax{')
c('search', r'x{a}', 'x{a}')
c('search', r'[]a]+', 'x]a]y', post=[('group', ())])
c('search', r'[^]a]+', ']a]xyz', post=[('group', ())])
c('search', r'[a-c-]+', 'x-ab-c', post=[('group', ())])
c('search', r'[[]', 'a[b', post=[('group', ())])
c('search', r'[&&x]+', 'a&&x', post=[('group', ())])
c('search', r'[\d.]+', 'v1.25b', post=[('group', ())])
c('search', r'[\w\s]+', '!ab c!', post=[('group', ())])
c('search', r'[^\W\d]+', '12abc3', post=[('group', ())])
c('search', r'\x41\u00e9\n', 'Aé\n')
c('search', r'\101', 'A')
c('search', r'a|b|', 'zzz')
c('search', r'(a)|(b)', 'b', post=[('groups', ()), ('lastindex', None)])
c('search', r'((a)(b))', 'ab', post=[('lastindex', None)])
c('search', r'(?:a(b))+', 'abab', post=[('groups', ()), ('span', (1,))])
c('match', r'(?i:ab)c', 'ABc')
c('match', r'(?i:ab)c', 'ABC')
c('search', r'(?#comment)x', 'x')
c('search', r'(?>a+)b', 'aaab')
c('search', r'a++b', 'aaab')
c('search', r'(a)?(?(1)b|c)', 'c', post=[('group', ())])
c('search', r'(?P<n>a)?(?(n)b|c)', 'ab', post=[('group', ())])
c('search', r'(\w)(?P<x>\w)\1(?P=x)', 'zabab', post=[('group', ())])
c('search', r'\.\*\+\?\(\)\[\]\{\}\|\^\$\\', '.*+?()[]{}|^$\\')
c('search', 'a b', 'a b')
c('search', '\t', 'x\ty')
c('search', r'\-\/\:\#\ ', '-/:# ')
c('search', r'\d+', None)
c('search', r'\d+', 123)
c('search', r'\d+', b'123')
c('search', 5, 'x')
# compile errors
for p in ['(a', 'a)', '*a', 'a**', '[a', r'\q', 'a\\', '(?P=x)', r'\2(a)', '[z-a]', '(?P<a>x)(?P<a>y)',
          'a(?i)b', '(?P<1a>x)', '(?<x>a)', '(?Px)', 'a{2,1}', r'\p{L}', '(?z)', '+', 'a|*', '(*)', '[]', r'(a)\1\2']:
    c('compile', p)
c('compile', 'a+', I | M, post=[('pattern', None), ('flags', None), ('groups', None)])
c('compile', r'(?P<x>a)(b)', post=[('groups', None), ('flags', None)])
c('compile', 'x', A, post=[('flags', None)])
c('compile', '(?i)x', post=[('flags', None)])
c('compile', 'x', S | X)
# findall / finditer
c('findall', r'\d+', 'a1b22c333')
c('findall', r'(\w)=(\d)', 'a=1, b=2, c=x')
c('findall', r'(\w)=(\d)?', 'a=1, b=')
c('findall', r'k(\d)?', 'k1 k')
c('findall', r'', 'abc')
c('findall', r'x*', 'axxb')
c('findall', r'\b', 'ab cd')
c('finditer', r'\d+', 'a1b22', post=[('__list__', ())])
# sub / subn
c('sub', r'\s+', ' ', '  a   b\tc ')
c('sub', r'(\w+)@(\w+)', r'\2 at \1', 'joe@x bob@y')
c('sub', r'(?P<w>\w+)', r'<\g<w>|\g<1>|\g<0>>', 'hi yo')
c('sub', r'(a)|b', r'[\1]', 'ab')
c('sub', 'a', r'\n\t\\', 'xay')
c('sub', 'a', r'\q', 'a')
c('sub', 'a', r'\2', 'a')
c('sub', 'a', r'\g<x>', 'a')
c('sub', 'a', r'\g<2>', 'a')
c('sub', 'a', '\\', 'a')
c('sub', 'a', r'\.', 'a')
c('sub', 'x*', '-', 'abxd')
c('sub', '', '-', 'abc')
c('sub', 'a', 'b', 'aaaa', count=2)
c('sub', 'A', 'b', 'aAa', flags=I)
c('sub', 'a', 'b', 'aaaa', 2)
c('sub', 'a', 5, 'aaa')
c('subn', r'\d', '#', 'a1b2c3')
c('subn', r'\d', '#', 'abc')
c('sub', 'é', 'e', 'éléphant')
# split
c('split', r'\s*,\s*', 'a , b,c ,d')
c('split', r'(,)', 'a,b,c')
c('split', r'(,)|(;)', 'a,b;c')
c('split', r',', 'a,b,c,d', maxsplit=2)
c('split', r',', 'a,b,c', 1)
c('split', r'x*', 'axbc')
c('split', r'\b', 'ab cd')
c('split', r'\W+', 'Words, words, words.')
c('split', r',', '')
c('split', r'', 'abc')
# escape
c('escape', 'a.b*c (1) [x] {2} $5 ^ | \\ - # & ~ é_1 \t\n')
c('escape', b'a.b')
c('escape', 5)

def call_py(fn, pos, kw):
    return getattr(re, fn)(*pos, **kw)

def post_py(v, m, a):
    if m == '__list__': return list(v)
    if a is None: return getattr(v, m)
    if m == '__getitem__': return v[a[0]]
    return getattr(v, m)(*a)

lines = []
for fn, pos, kw, post in C:
    call = f'pyrt::re::{"r#match" if fn == "match" else fn}({args(pos, kw)})'
    if fn != 'finditer':
        lines.append(f'    c.check({call}, {rs_str(outcome(lambda: call_py(fn, pos, kw)))});')
    for m, a in post:
        if m == '__list__':
            rust = f'{call}.and_then(|v| pyrt::builtins::list(Args::pos(vec![v])))'
        elif a is None:
            rust = f'{call}.and_then(|v| v.getattr("{m}"))'
        else:
            rust = f'{call}.and_then(|v| v.call_method("{m}", {args(a)}))'
        lines.append(f'    c.check({rust}, {rs_str(outcome(lambda: post_py(call_py(fn, pos, kw), m, a)))});')

print('''//! Generated from CPython 3.11 by gen/gen_re.py: the `re` module, compared with
//! `repr(result)` or `Type: message`.

mod common;
use common::Checker;
use pyrt::*;

#[test]
fn re_module() {
    let mut c = Checker::default();''')
print('\n'.join(lines))
print('''    c.finish();
}''')
