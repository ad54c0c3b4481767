//! Python the converter cannot translate faithfully is refused with an error diagnostic on
//! the right line that names the construct — never a project that builds and behaves
//! differently. One row per construct: (handler source, line, part of the message).

use depyler_core::package::{convert, ConvertOptions};

const CASES: &[(&str, u32, &str)] = &[
    (
        "def handler(event, context):\n    return [y for x in event['xs'] if (y := x * 2)]\n",
        2,
        "`:=` inside a comprehension",
    ),
    (
        "def handler(event, context):\n    f = lambda x: (y := x)\n    return f(1)\n",
        2,
        "`:=` inside a comprehension",
    ),
    (
        "class Shape:\n    sides = 0\n\ndef handler(event, context):\n    Shape.sides = 3\n    return Shape.sides\n",
        5,
        "assigning class attribute `Shape.sides`",
    ),
    (
        "class Rule:\n    kind = 'a'\n    label = kind.upper()\n\ndef handler(event, context):\n    return Rule.label\n",
        3,
        "refers to `kind` of the class body",
    ),
    (
        "from dataclasses import dataclass\n\n@dataclass\nclass A:\n    x: int = 0\n\nclass B(A):\n    pass\n\ndef handler(event, context):\n    return B().x\n",
        7,
        "plain class `B` inherits from a dataclass",
    ),
    (
        "class A:\n    pass\n\nclass B:\n    pass\n\nclass C(A, B):\n    pass\n\ndef handler(event, context):\n    return 1\n",
        7,
        "does not support as a base",
    ),
    (
        "class A:\n    @staticmethod\n    @property\n    def f():\n        return 1\n\ndef handler(event, context):\n    return A.f()\n",
        4,
        "has more than one of @property, @staticmethod, @classmethod",
    ),
    (
        "class A:\n    def f(self):\n        return super().f()\n\ndef handler(event, context):\n    return A().f()\n",
        3,
        "`super()` is only supported",
    ),
    (
        "def handler(event, context):\n    with open('x') as f:\n        return f.read()\n",
        2,
        "builtin `open()` is not supported",
    ),
    (
        "def handler(event, context):\n    def gen(xs):\n        for x in xs:\n            yield x\n    return list(gen(event['xs']))\n",
        2,
        "nested function `gen`",
    ),
    (
        "class Bag:\n    def each(self):\n        yield 1\n\ndef handler(event, context):\n    return list(Bag().each())\n",
        2,
        "generator function `each` is not supported here",
    ),
    (
        "def gen():\n    received = yield 1\n    yield received\n\ndef handler(event, context):\n    return list(gen())\n",
        2,
        "await/yield",
    ),
    (
        "def handler(event, context, *rest):\n    return rest\n",
        1,
        "`*args`/`**kwargs` in `handler` are not supported here",
    ),
    (
        "def handler(event, context):\n    def bump():\n        nonlocal count\n        count += 1\n    bump()\n    return 1\n",
        2,
        "no binding for nonlocal 'count' found in `handler`",
    ),
    (
        "def helper():\n    nonlocal count\n    return 1\n\ndef handler(event, context):\n    return helper()\n",
        1,
        "`nonlocal count` in `helper`, which is not nested in a function",
    ),
    (
        "def gen(items):\n    try:\n        for x in items:\n            yield x\n    finally:\n        print('closed')\n\ndef handler(event, context):\n    for x in gen(event['items']):\n        break\n    return 1\n",
        2,
        "generator `gen` yields inside `try … finally`",
    ),
    (
        "from dataclasses import dataclass, field\n\n@dataclass\nclass Line:\n    sku: str\n    qty: int = 1\n    total: int = field(init=False)\n\ndef handler(event, context):\n    return 1\n",
        7,
        "`field(init=...)` is not supported",
    ),
    (
        "from dataclasses import dataclass, InitVar\n\n@dataclass\nclass Order:\n    total: int\n    discount: InitVar[int] = 0\n\n    def __post_init__(self, discount):\n        self.total -= discount\n\ndef handler(event, context):\n    return Order(10, 3).total\n",
        6,
        "`dataclasses.InitVar` fields are not supported",
    ),
    // Python closures bind late: every lambda here returns 2.
    (
        "def handler(event, context):\n    fns = []\n    for i in range(3):\n        fns.append(lambda: i)\n    return [f() for f in fns]\n",
        4,
        "this lambda reads `i`, which can change after the lambda is created",
    ),
    (
        "def handler(event, context):\n    return [f(1) for f in [lambda x: x * k for k in (2, 3)]]\n",
        2,
        "this lambda reads `k`",
    ),
    (
        "def handler(event, context):\n    out = []\n    for field in ('a', 'b'):\n        out.append(r.get(field) for r in event['rows'])\n    return [list(g) for g in out]\n",
        4,
        "this generator expression reads `field`",
    ),
    (
        "def handler(event, context):\n    for n in event['items']:\n        def show():\n            return n\n        event['last'] = show\n    return event['last']()\n",
        3,
        "nested function `show` reads `n`, which can change after `show` is defined",
    ),
];

/// `typing.ClassVar` annotations in a dataclass are class attributes, not fields.
#[test]
fn dataclass_class_vars_convert() {
    let source = "import typing\nfrom dataclasses import dataclass\n\n@dataclass\nclass Line:\n    sku: str\n    qty: int = 1\n    TAX: typing.ClassVar[float] = 0.2\n    RATE: typing.ClassVar = 3\n\ndef handler(event, context):\n    return repr(Line('a')), Line.TAX\n";
    if let Err(diags) = convert(source, &ConvertOptions::default()) {
        panic!("{diags:#?}");
    }
}

/// Closures consumed where they are created, or that bind the value explicitly, see the
/// same values in Python and in the converted code: they convert.
#[test]
fn closures_consumed_on_the_spot_convert() {
    let source = "def handler(event, context):\n    out = []\n    rows = event['rows']\n    for field in ('a', 'b'):\n        out.append(sorted(rows, key=lambda r: r.get(field, 0)))\n        out.append(any(r.get(field) for r in rows))\n        out.append(', '.join(str(r.get(field)) for r in rows))\n        out.append(list(map(lambda r: r.get(field), rows)))\n        out.append([lambda r, field=field: r.get(field)][0](rows[0]))\n    return out\n";
    if let Err(diags) = convert(source, &ConvertOptions::default()) {
        panic!("{diags:#?}");
    }
}

#[test]
fn unsupported_constructs_are_error_diagnostics_on_their_line() {
    let mut failures = Vec::new();
    for (source, line, needle) in CASES {
        match convert(source, &ConvertOptions::default()) {
            Ok(_) => failures.push(format!(
                "converted, expected `{needle}` on line {line}:\n{source}"
            )),
            Err(diags) => {
                if !diags
                    .iter()
                    .any(|d| d.is_error() && d.line == *line && d.message.contains(needle))
                {
                    failures.push(format!(
                        "no error `{needle}` on line {line}; got {diags:#?}\n{source}"
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn walrus_and_class_features_convert() {
    let source = "class Base:\n    kind = 'base'\n    def __init__(self, n):\n        self.n = n\n    @staticmethod\n    def twice(x):\n        return 2 * x\n    @classmethod\n    def make(cls, n):\n        return cls(n)\n\nclass Child(Base):\n    kind = 'child'\n    def __init__(self, n):\n        super().__init__(n + 1)\n\ndef handler(event, context):\n    if (c := Child.make(event['n'])) is not None:\n        return [c.kind, c.n, Base.twice(c.n), isinstance(c, Base)]\n    return None\n";
    let project = convert(source, &ConvertOptions::default()).unwrap_or_else(|d| panic!("{d:#?}"));
    let main = project.file("src/main.rs").unwrap();
    assert!(main.contains("base: Some(&BASE_CLASS)"), "{main}");
    assert!(main.contains("static_methods: &[\"twice\"]"), "{main}");
    assert!(main.contains("class_methods: &[\"make\"]"), "{main}");
    assert!(main.contains("py::class::super_call("), "{main}");
}

#[test]
fn call_site_unpacking_and_method_varargs_convert() {
    let source = "class A:\n    def f(self, *xs, **kw):\n        return [xs, kw]\n\ndef g(a, *rest):\n    return [a, rest]\n\ndef handler(event, context):\n    h = g\n    return [A().f(*event['xs'], **event['kw']), g(*event['xs']), h(1, 2)]\n";
    let project = convert(source, &ConvertOptions::default()).unwrap_or_else(|d| panic!("{d:#?}"));
    let main = project.file("src/main.rs").unwrap();
    assert!(main.contains(".star(\"handler.A.f\""), "{main}");
    assert!(main.contains(".star_star(\"handler.A.f\""), "{main}");
    assert!(main.contains(".star(\"handler.g\""), "{main}");
    assert!(main.contains("bind_def_var(\"A.f\""), "{main}");
    assert!(main.contains("bind_def_var(\"g\""), "{main}");
}
