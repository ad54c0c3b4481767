//! Local type inference: which locals of a function hold one scalar type for their whole
//! life, so lowering can give them a plain Rust type (`bool`, `i64`, `f64`, `String`)
//! instead of `Py`, and operate on them with Rust's own operators.
//!
//! Typing must never change behaviour, so the rules are deliberately narrow:
//! - a local is typed only when *every* store to it produces that type, given the types of
//!   the other typed locals (a greatest fixpoint: guesses are dropped until they agree);
//! - it is declared at its first assignment (`Decl::AtStatement`), so it is never read
//!   before it is bound;
//! - nothing else binds it (loop targets, unpacking, `del`, `:=`, `except … as`, imports),
//!   and no nested scope (lambda, comprehension, nested `def`) reads it;
//! - an expression has a static type only where Python guarantees it whatever the operands'
//!   run-time classes: `not x`, `x in y`, `isinstance(...)` are `bool`; `str(x)` is `str`;
//!   `a == b` only when both sides are typed scalars (a user `__eq__` may return anything).
//!
//! Integers: Python's are unbounded and `i64` is not. An `int` local is typed only when
//! its values come from small literals (|v| ≤ 2^40), `len()`, or another such value plus or
//! minus a small literal (|c| ≤ 2^16). Reaching 2^63 from there takes more than 2^46 executed
//! additions — days of CPU, far beyond a Lambda's 15-minute limit — so `i64` arithmetic is
//! exact for every run that can happen. Anything that can grow faster (`x * 2`, `x + y`)
//! stays a `Py` integer with arbitrary precision. The same bound keeps `i as f64` exact
//! (|i| < 2^53) where an `int` meets a `float`.

use std::collections::{HashMap, HashSet};

use rustpython_parser::ast::{self, Constant, Expr, Stmt};

use crate::scope::{self, Decl, FunctionScope};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ty {
    Bool,
    Int,
    Float,
    Str,
}

/// The largest `int` literal a typed local may start from.
pub const SMALL_INT: i64 = 1 << 40;
/// The largest step a typed `int` may be changed by.
pub const SMALL_STEP: i64 = 1 << 16;

/// What the typing rules need to know about the names in an expression.
pub trait Names {
    /// The type of a typed local; `None` for anything held as `Py`.
    fn local(&self, name: &str) -> Option<Ty>;
    /// `name` is the builtin function of that name (nothing shadows it).
    fn builtin(&self, name: &str) -> bool;
    /// The return type of the module function `name` refers to, when it has one.
    fn function(&self, _name: &str) -> Option<Ty> {
        None
    }
}

/// An `int` literal (possibly negated) with |v| ≤ `bound`.
pub fn int_literal(e: &Expr, bound: i64) -> Option<i64> {
    let v = match e {
        Expr::Constant(c) => match &c.value {
            Constant::Int(i) => i64::try_from(i.clone()).ok()?,
            _ => return None,
        },
        Expr::UnaryOp(u) if matches!(u.op, ast::UnaryOp::USub) => -int_literal(&u.operand, bound)?,
        _ => return None,
    };
    (v.abs() <= bound).then_some(v)
}

/// The static type of `e`, when Python guarantees one.
pub fn expr_type(e: &Expr, names: &dyn Names) -> Option<Ty> {
    match e {
        Expr::Constant(c) => match &c.value {
            Constant::Bool(_) => Some(Ty::Bool),
            Constant::Int(_) => int_literal(e, SMALL_INT).map(|_| Ty::Int),
            Constant::Float(f) if f.is_finite() => Some(Ty::Float),
            Constant::Str(_) => Some(Ty::Str),
            _ => None,
        },
        Expr::Name(n) => names.local(n.id.as_str()),
        Expr::UnaryOp(u) => match u.op {
            ast::UnaryOp::Not => Some(Ty::Bool),
            ast::UnaryOp::USub => match expr_type(&u.operand, names)? {
                t @ (Ty::Int | Ty::Float) => Some(t),
                _ => None,
            },
            _ => None,
        },
        Expr::BinOp(b) => binop_type(&b.left, &b.op, &b.right, names),
        Expr::Compare(c) => {
            let always_bool = c.ops.iter().all(|op| {
                matches!(
                    op,
                    ast::CmpOp::In | ast::CmpOp::NotIn | ast::CmpOp::Is | ast::CmpOp::IsNot
                )
            });
            (always_bool || native_compare(c, names).is_some()).then_some(Ty::Bool)
        }
        Expr::BoolOp(b) => b
            .values
            .iter()
            .all(|v| expr_type(v, names) == Some(Ty::Bool))
            .then_some(Ty::Bool),
        Expr::IfExp(i) => {
            let t = expr_type(&i.body, names)?;
            (expr_type(&i.orelse, names) == Some(t)).then_some(t)
        }
        Expr::JoinedStr(_) => Some(Ty::Str),
        Expr::Call(c) => call_type(c, names),
        _ => None,
    }
}

/// `a op b` with a static type: bounded `int` steps, `float` arithmetic that cannot raise,
/// `str` concatenation.
pub fn binop_type(left: &Expr, op: &ast::Operator, right: &Expr, names: &dyn Names) -> Option<Ty> {
    let (l, r) = (expr_type(left, names), expr_type(right, names));
    match op {
        ast::Operator::Add | ast::Operator::Sub => {
            let step = |typed: Option<Ty>, other: &Expr| {
                typed == Some(Ty::Int) && int_literal(other, SMALL_STEP).is_some()
            };
            if step(l, right) || step(r, left) {
                return Some(Ty::Int);
            }
            if matches!(op, ast::Operator::Add) && l == Some(Ty::Str) && r == Some(Ty::Str) {
                return Some(Ty::Str);
            }
            float_arith(l, r)
        }
        ast::Operator::Mult => float_arith(l, r),
        _ => None,
    }
}

fn float_arith(l: Option<Ty>, r: Option<Ty>) -> Option<Ty> {
    let numeric = |t: Option<Ty>| matches!(t, Some(Ty::Int | Ty::Float));
    ((l == Some(Ty::Float) || r == Some(Ty::Float)) && numeric(l) && numeric(r))
        .then_some(Ty::Float)
}

/// The operand type of a comparison Rust can do natively (`==`, `<`, … between two typed
/// numbers or two typed strings; `in` between strings), checked for every link of a chain.
pub fn native_compare(c: &ast::ExprCompare, names: &dyn Names) -> Option<Ty> {
    let mut operands = std::iter::once(c.left.as_ref()).chain(c.comparators.iter());
    let first = expr_type(operands.next()?, names)?;
    let mut kind = first;
    let mut prev = first;
    for (op, right) in c.ops.iter().zip(&c.comparators) {
        let t = expr_type(right, names)?;
        let pair = compare_kind(prev, t)?;
        let ok = match op {
            ast::CmpOp::In | ast::CmpOp::NotIn => pair == Ty::Str,
            ast::CmpOp::Is | ast::CmpOp::IsNot => false,
            _ => true,
        };
        if !ok {
            return None;
        }
        if pair == Ty::Float {
            kind = Ty::Float;
        } else if kind != Ty::Float {
            kind = pair;
        }
        prev = t;
    }
    Some(kind)
}

/// How two typed operands compare: as numbers (`int` widened to `float` exactly, see the
/// module docs), as strings, or not natively.
pub fn compare_kind(a: Ty, b: Ty) -> Option<Ty> {
    match (a, b) {
        (Ty::Int, Ty::Int) => Some(Ty::Int),
        (Ty::Int | Ty::Float, Ty::Int | Ty::Float) => Some(Ty::Float),
        (Ty::Str, Ty::Str) => Some(Ty::Str),
        _ => None,
    }
}

const BOOL_BUILTINS: &[&str] = &[
    "isinstance",
    "issubclass",
    "callable",
    "hasattr",
    "bool",
    "any",
    "all",
];
const BOOL_STR_METHODS: &[&str] = &[
    "startswith",
    "endswith",
    "isdigit",
    "isalpha",
    "isalnum",
    "isspace",
    "islower",
    "isupper",
    "isnumeric",
    "isdecimal",
    "isidentifier",
    "istitle",
    "isascii",
    "isprintable",
];

fn call_type(c: &ast::ExprCall, names: &dyn Names) -> Option<Ty> {
    let unpacking = c.args.iter().any(|a| matches!(a, Expr::Starred(_)))
        || c.keywords.iter().any(|k| k.arg.is_none());
    let plain = c.keywords.is_empty() && !unpacking;
    match c.func.as_ref() {
        // A module function whose every `return` has one type (`return_type`); its
        // arguments are bound when converting, unless they are unpacked.
        Expr::Name(n) if !unpacking && names.function(n.id.as_str()).is_some() => {
            names.function(n.id.as_str())
        }
        Expr::Name(n) if plain && names.builtin(n.id.as_str()) => {
            let name = n.id.as_str();
            if BOOL_BUILTINS.contains(&name) {
                return Some(Ty::Bool);
            }
            match (name, c.args.len()) {
                ("len", 1) => Some(Ty::Int),
                ("str", 1) => Some(Ty::Str),
                ("float", 1) => Some(Ty::Float),
                ("abs", 1) => match expr_type(&c.args[0], names)? {
                    t @ (Ty::Int | Ty::Float) => Some(t),
                    _ => None,
                },
                _ => None,
            }
        }
        Expr::Attribute(a)
            if BOOL_STR_METHODS.contains(&a.attr.as_str())
                && expr_type(&a.value, names) == Some(Ty::Str) =>
        {
            Some(Ty::Bool)
        }
        _ => None,
    }
}

enum Store<'a> {
    Assign(&'a Expr),
    Aug(&'a ast::Operator, &'a Expr),
    /// `for i in <iter>`: an `int` when the iterable is `range(...)` over `int`s.
    ForName(&'a Expr),
    /// `for i, x in <iter>`: `i` is an `int` when the iterable is `enumerate(...)`.
    EnumerateIndex(&'a Expr),
}

/// `range(stop)`, `range(start, stop)` or `range(start, stop, step)` with a positive literal
/// step: a loop Rust can write as `start..stop` (`.step_by(step)`).
pub fn typed_range<'a>(iter: &'a Expr, names: &dyn Names) -> Option<&'a [Expr]> {
    let Expr::Call(c) = iter else { return None };
    let Expr::Name(f) = c.func.as_ref() else {
        return None;
    };
    if f.id.as_str() != "range" || !names.builtin("range") || !c.keywords.is_empty() {
        return None;
    }
    let args = c.args.as_slice();
    let ok = match args {
        [stop] => expr_type(stop, names) == Some(Ty::Int),
        [start, stop] => [start, stop]
            .iter()
            .all(|a| expr_type(a, names) == Some(Ty::Int)),
        [start, stop, step] => {
            [start, stop]
                .iter()
                .all(|a| expr_type(a, names) == Some(Ty::Int))
                && int_literal(step, SMALL_STEP).is_some_and(|s| s > 0)
        }
        _ => false,
    };
    ok.then_some(args)
}

/// `enumerate(xs)` / `enumerate(xs, start)` with an `int` start: the start, if any.
pub fn typed_enumerate<'a>(
    iter: &'a Expr,
    names: &dyn Names,
) -> Option<(&'a Expr, Option<&'a Expr>)> {
    let Expr::Call(c) = iter else { return None };
    let Expr::Name(f) = c.func.as_ref() else {
        return None;
    };
    if f.id.as_str() != "enumerate" || !names.builtin("enumerate") || !c.keywords.is_empty() {
        return None;
    }
    match c.args.as_slice() {
        [xs] if !matches!(xs, Expr::Starred(_)) => Some((xs, None)),
        [xs, start]
            if !matches!(xs, Expr::Starred(_)) && expr_type(start, names) == Some(Ty::Int) =>
        {
            Some((xs, Some(start)))
        }
        _ => None,
    }
}

#[derive(Default)]
struct Collector<'a> {
    stores: HashMap<String, Vec<Store<'a>>>,
    /// Bound some other way, or read by a nested scope.
    excluded: HashSet<String>,
}

impl<'a> Collector<'a> {
    fn block(&mut self, body: &'a [Stmt]) {
        for s in body {
            self.stmt(s);
        }
    }

    fn store(&mut self, name: &str, store: Store<'a>) {
        self.stores.entry(name.to_string()).or_default().push(store);
    }

    fn exclude_targets(&mut self, target: &'a Expr) {
        let mut names = HashSet::new();
        scope::target_names(target, &mut names);
        self.excluded.extend(names);
        self.expr(target);
    }

    /// Every name mentioned anywhere inside (a nested scope, or something unusual).
    fn exclude_all_in_stmt(&mut self, s: &Stmt) {
        let mut names = Vec::new();
        all_names_in_stmt(s, &mut names);
        self.excluded.extend(names);
    }

    fn stmt(&mut self, s: &'a Stmt) {
        match s {
            Stmt::Assign(a) => {
                match a.targets.as_slice() {
                    [Expr::Name(n)] => self.store(n.id.as_str(), Store::Assign(&a.value)),
                    targets => targets.iter().for_each(|t| self.exclude_targets(t)),
                }
                self.expr(&a.value);
            }
            Stmt::AnnAssign(a) => {
                match (a.target.as_ref(), &a.value) {
                    (Expr::Name(n), Some(v)) => self.store(n.id.as_str(), Store::Assign(v)),
                    (Expr::Name(_), None) => {}
                    (t, _) => self.exclude_targets(t),
                }
                if let Some(v) = &a.value {
                    self.expr(v);
                }
            }
            Stmt::AugAssign(a) => {
                match a.target.as_ref() {
                    Expr::Name(n) => self.store(n.id.as_str(), Store::Aug(&a.op, &a.value)),
                    t => self.expr(t),
                }
                self.expr(&a.value);
            }
            Stmt::For(f) => {
                // A name looping over `range(...)`, or the index of `enumerate(...)`, may be
                // an `int`; every other loop target stays `Py`.
                match (f.target.as_ref(), f.iter.as_ref()) {
                    (Expr::Name(n), iter) => self.store(n.id.as_str(), Store::ForName(iter)),
                    (Expr::Tuple(t), iter) if t.elts.len() == 2 => match &t.elts[0] {
                        Expr::Name(i) => {
                            self.store(i.id.as_str(), Store::EnumerateIndex(iter));
                            self.exclude_targets(&t.elts[1]);
                        }
                        _ => self.exclude_targets(&f.target),
                    },
                    _ => self.exclude_targets(&f.target),
                }
                self.expr(&f.iter);
                self.block(&f.body);
                self.block(&f.orelse);
            }
            Stmt::While(w) => {
                self.expr(&w.test);
                self.block(&w.body);
                self.block(&w.orelse);
            }
            Stmt::If(i) => {
                self.expr(&i.test);
                self.block(&i.body);
                self.block(&i.orelse);
            }
            Stmt::Try(t) => {
                self.block(&t.body);
                for h in &t.handlers {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    if let Some(name) = &h.name {
                        self.excluded.insert(name.to_string());
                    }
                    if let Some(t) = &h.type_ {
                        self.expr(t);
                    }
                    self.block(&h.body);
                }
                self.block(&t.orelse);
                self.block(&t.finalbody);
            }
            Stmt::Return(r) => r.value.iter().for_each(|v| self.expr(v)),
            Stmt::Expr(e) => self.expr(&e.value),
            Stmt::Raise(r) => {
                r.exc.iter().for_each(|v| self.expr(v));
                r.cause.iter().for_each(|v| self.expr(v));
            }
            Stmt::Assert(a) => {
                self.expr(&a.test);
                a.msg.iter().for_each(|v| self.expr(v));
            }
            Stmt::Delete(d) => d.targets.iter().for_each(|t| self.exclude_targets(t)),
            Stmt::Pass(_) | Stmt::Break(_) | Stmt::Continue(_) => {}
            // Nested functions and classes, imports, `global`, `with`, `match`, …: every
            // name they mention stays `Py`.
            other => self.exclude_all_in_stmt(other),
        }
    }

    fn expr(&mut self, e: &'a Expr) {
        match e {
            Expr::Lambda(_)
            | Expr::ListComp(_)
            | Expr::SetComp(_)
            | Expr::DictComp(_)
            | Expr::GeneratorExp(_) => {
                let mut names = Vec::new();
                all_names(e, &mut names);
                self.excluded.extend(names);
            }
            Expr::NamedExpr(n) => {
                self.exclude_targets(&n.target);
                self.expr(&n.value);
            }
            _ => scope::walk_children(e, &mut |c| self.expr(c)),
        }
    }
}

fn all_names(e: &Expr, out: &mut Vec<String>) {
    match e {
        Expr::Name(n) => out.push(n.id.to_string()),
        Expr::Lambda(l) => all_names(&l.body, out),
        Expr::ListComp(c) => comprehension_names(&[&c.elt], &c.generators, out),
        Expr::SetComp(c) => comprehension_names(&[&c.elt], &c.generators, out),
        Expr::GeneratorExp(c) => comprehension_names(&[&c.elt], &c.generators, out),
        Expr::DictComp(c) => comprehension_names(&[&c.key, &c.value], &c.generators, out),
        _ => scope::walk_children(e, &mut |c| all_names(c, out)),
    }
}

fn comprehension_names(elts: &[&Expr], gens: &[ast::Comprehension], out: &mut Vec<String>) {
    for g in gens {
        all_names(&g.target, out);
        all_names(&g.iter, out);
        g.ifs.iter().for_each(|c| all_names(c, out));
    }
    elts.iter().for_each(|e| all_names(e, out));
}

fn all_names_in_stmt(s: &Stmt, out: &mut Vec<String>) {
    match s {
        Stmt::FunctionDef(f) => out.push(f.name.to_string()),
        Stmt::AsyncFunctionDef(f) => out.push(f.name.to_string()),
        Stmt::ClassDef(c) => out.push(c.name.to_string()),
        Stmt::Global(g) => out.extend(g.names.iter().map(|n| n.to_string())),
        Stmt::Nonlocal(g) => out.extend(g.names.iter().map(|n| n.to_string())),
        Stmt::Import(i) => out.extend(i.names.iter().map(|a| {
            a.asname
                .as_ref()
                .map(|n| n.to_string())
                .unwrap_or_else(|| a.name.split('.').next().unwrap_or_default().to_string())
        })),
        Stmt::ImportFrom(i) => out.extend(
            i.names
                .iter()
                .map(|a| a.asname.as_ref().unwrap_or(&a.name).to_string()),
        ),
        Stmt::With(w) => {
            for item in &w.items {
                all_names(&item.context_expr, out);
                if let Some(v) = &item.optional_vars {
                    all_names(v, out);
                }
            }
        }
        _ => {}
    }
    let mut stmts = Vec::new();
    crate::lower::stmt_parts(s, &mut stmts, &mut |e| all_names(e, out));
    for s in stmts {
        all_names_in_stmt(s, out);
    }
}

/// What a function body's names are outside it: builtins and module functions with a
/// return type (each `None`/`false` where a local of the body shadows it).
pub struct Outer<'a> {
    pub builtin: &'a dyn Fn(&str) -> bool,
    pub function: &'a dyn Fn(&str) -> Option<Ty>,
    /// Parameters every call site passes a value of one type (`param_hint`); they stay
    /// typed unless the body stores something else in them.
    pub params: &'a HashMap<String, Ty>,
}

struct Guesses<'a> {
    types: &'a HashMap<String, Ty>,
    scope: &'a FunctionScope,
    outer: &'a Outer<'a>,
}

impl Names for Guesses<'_> {
    fn local(&self, name: &str) -> Option<Ty> {
        self.types.get(name).copied()
    }
    fn builtin(&self, name: &str) -> bool {
        !self.scope.is_local(name) && (self.outer.builtin)(name)
    }
    fn function(&self, name: &str) -> Option<Ty> {
        if self.scope.is_local(name) {
            return None;
        }
        (self.outer.function)(name)
    }
}

/// The type every `return` in `body` returns, when they all have the same static type.
/// (The caller checks that the body cannot fall off its end, an implicit `return None`.)
pub fn return_type(body: &[Stmt], names: &dyn Names) -> Option<Ty> {
    let mut found = Vec::new();
    collect_returns(body, &mut found);
    let mut ty = None;
    for value in found {
        let t = expr_type(value?, names)?;
        if ty.is_some_and(|seen| seen != t) {
            return None;
        }
        ty = Some(t);
    }
    ty
}

/// The values of the `return` statements of a body (not of the functions nested in it).
fn collect_returns<'a>(body: &'a [Stmt], out: &mut Vec<Option<&'a Expr>>) {
    for s in body {
        match s {
            Stmt::Return(r) => out.push(r.value.as_deref()),
            Stmt::FunctionDef(_) | Stmt::AsyncFunctionDef(_) | Stmt::ClassDef(_) => {}
            Stmt::If(i) => {
                collect_returns(&i.body, out);
                collect_returns(&i.orelse, out);
            }
            Stmt::For(f) => {
                collect_returns(&f.body, out);
                collect_returns(&f.orelse, out);
            }
            Stmt::While(w) => {
                collect_returns(&w.body, out);
                collect_returns(&w.orelse, out);
            }
            Stmt::Try(t) => {
                collect_returns(&t.body, out);
                for h in &t.handlers {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    collect_returns(&h.body, out);
                }
                collect_returns(&t.orelse, out);
                collect_returns(&t.finalbody, out);
            }
            Stmt::With(w) => collect_returns(&w.body, out),
            Stmt::Match(m) => m.cases.iter().for_each(|c| collect_returns(&c.body, out)),
            _ => {}
        }
    }
}

/// The type a call argument gives a parameter regardless of where the call is: a literal,
/// or an f-string.
pub fn param_hint(arg: &Expr) -> Option<Ty> {
    match arg {
        Expr::JoinedStr(_) => Some(Ty::Str),
        Expr::Constant(c) => match &c.value {
            Constant::Bool(_) => Some(Ty::Bool),
            Constant::Int(_) => int_literal(arg, SMALL_INT).map(|_| Ty::Int),
            Constant::Float(f) if f.is_finite() => Some(Ty::Float),
            Constant::Str(_) => Some(Ty::Str),
            _ => None,
        },
        Expr::UnaryOp(_) => int_literal(arg, SMALL_INT).map(|_| Ty::Int),
        _ => None,
    }
}

/// A first guess at a function's return type: the type of any `return` whose type is known
/// (`infer_returns` in lowering then checks every return against the guesses).
pub fn guess_return(
    body: &[Stmt],
    params: &[String],
    scope: &FunctionScope,
    outer: &Outer,
) -> Option<Ty> {
    let locals = infer(body, params, scope, outer);
    let names = Guesses {
        types: &locals,
        scope,
        outer,
    };
    let mut found = Vec::new();
    collect_returns(body, &mut found);
    found.into_iter().find_map(|v| expr_type(v?, &names))
}

/// The typed locals of a function body and its return type, as `infer` and `return_type`
/// see them.
pub fn infer_function(
    body: &[Stmt],
    params: &[String],
    scope: &FunctionScope,
    outer: &Outer,
) -> (HashMap<String, Ty>, Option<Ty>) {
    let locals = infer(body, params, scope, outer);
    let names = Guesses {
        types: &locals,
        scope,
        outer,
    };
    let ret = return_type(body, &names);
    (locals, ret)
}

fn store_fits(store: &Store, ty: Ty, names: &dyn Names) -> bool {
    match store {
        Store::Assign(v) => expr_type(v, names) == Some(ty),
        Store::ForName(iter) => ty == Ty::Int && typed_range(iter, names).is_some(),
        Store::EnumerateIndex(iter) => ty == Ty::Int && typed_enumerate(iter, names).is_some(),
        Store::Aug(op, v) => match ty {
            Ty::Int => {
                matches!(op, ast::Operator::Add | ast::Operator::Sub)
                    && int_literal(v, SMALL_STEP).is_some()
            }
            Ty::Float => {
                matches!(
                    op,
                    ast::Operator::Add | ast::Operator::Sub | ast::Operator::Mult
                ) && matches!(expr_type(v, names), Some(Ty::Int | Ty::Float))
            }
            Ty::Str => matches!(op, ast::Operator::Add) && expr_type(v, names) == Some(Ty::Str),
            Ty::Bool => false,
        },
    }
}

/// The typed locals of a function body. `builtin` says whether a name that is not a local
/// of this function resolves to the Python builtin of that name.
pub fn infer(
    body: &[Stmt],
    params: &[String],
    scope: &FunctionScope,
    outer: &Outer,
) -> HashMap<String, Ty> {
    let mut c = Collector::default();
    c.block(body);
    let mut candidates: Vec<&String> = c
        .stores
        .keys()
        .filter(|n| {
            !c.excluded.contains(*n)
                && !params.contains(n)
                && !scope.globals.contains(*n)
                && scope
                    .locals
                    .get(*n)
                    .is_some_and(|info| matches!(info.decl, Some(Decl::AtStatement(_))))
        })
        .collect();
    candidates.sort();
    let mut types: HashMap<String, Ty> = HashMap::new();
    for (name, ty) in outer.params.iter() {
        if params.contains(name) && !c.excluded.contains(name) && !scope.globals.contains(name) {
            types.insert(name.clone(), *ty);
        }
    }
    // Guess from any store whose type is already known, until nothing new is learnt...
    loop {
        let mut learnt = false;
        for name in &candidates {
            if types.contains_key(*name) {
                continue;
            }
            let names = Guesses {
                types: &types,
                scope,
                outer,
            };
            let guess = c.stores[*name].iter().find_map(|s| match s {
                Store::Assign(v) => expr_type(v, &names),
                Store::ForName(_) | Store::EnumerateIndex(_) => {
                    store_fits(s, Ty::Int, &names).then_some(Ty::Int)
                }
                Store::Aug(..) => None,
            });
            if let Some(t) = guess {
                types.insert(name.to_string(), t);
                learnt = true;
            }
        }
        if !learnt {
            break;
        }
    }
    // ...then drop every guess some store contradicts, until the rest agree.
    loop {
        let names = Guesses {
            types: &types,
            scope,
            outer,
        };
        let wrong: Vec<String> = types
            .iter()
            .filter(|(name, ty)| {
                !c.stores
                    .get(*name)
                    .into_iter()
                    .flatten()
                    .all(|s| store_fits(s, **ty, &names))
            })
            .map(|(name, _)| name.clone())
            .collect();
        if wrong.is_empty() {
            break;
        }
        for name in wrong {
            types.remove(&name);
        }
    }
    types
}

#[cfg(test)]
mod tests {
    use super::*;
    use rustpython_parser::{ast, Parse};

    fn infer_src(src: &str) -> Vec<(String, Ty)> {
        let suite = ast::Suite::parse(src, "<test>").unwrap();
        let Stmt::FunctionDef(f) = &suite[0] else {
            panic!("not a def")
        };
        let params = scope::param_names(f);
        let scope = scope::analyse(&params, &f.body);
        let builtins = ["len", "str", "float", "isinstance", "abs"];
        let mut out: Vec<(String, Ty)> = infer(
            &f.body,
            &params,
            &scope,
            &Outer {
                builtin: &|n| builtins.contains(&n),
                function: &|_| None,
                params: &HashMap::new(),
            },
        )
        .into_iter()
        .collect();
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }

    #[test]
    fn scalars_from_literals_and_their_operations() {
        let got = infer_src(
            "def f(items):\n    count = 0\n    total = 0.0\n    ok = True\n    name = 'x'\n    for i in items:\n        count += 1\n        total += 2.5 * count\n        name = name + f'{i}'\n        ok = not ok\n    return count, total, ok, name\n",
        );
        assert_eq!(
            got,
            vec![
                ("count".into(), Ty::Int),
                ("name".into(), Ty::Str),
                ("ok".into(), Ty::Bool),
                ("total".into(), Ty::Float)
            ]
        );
    }

    #[test]
    fn anything_that_could_differ_stays_dynamic() {
        // `n * 2` can outgrow i64; `x == y` may call a user `__eq__`; `total += item`
        // may be anything; a loop target, an unpacked name, a name a lambda reads, and a
        // local read before it is assigned are never typed.
        let got = infer_src(
            "def f(items, x, y):\n    n = 1\n    n = n * 2\n    same = x == y\n    total = 0.0\n    for item in items:\n        total += item\n    a, b = 1, 2\n    k = 3\n    g = lambda: k\n    if items:\n        m = 1\n    print(m)\n    return n, same, total, a, b, g\n",
        );
        assert_eq!(got, vec![]);
    }

    #[test]
    fn guesses_that_a_later_store_contradicts_are_dropped() {
        let got = infer_src(
            "def f(v):\n    a = 0\n    b = a + 1\n    a = v\n    c = len(v)\n    c -= 1\n    s = str(v)\n    return a, b, c, s\n",
        );
        assert_eq!(got, vec![("c".into(), Ty::Int), ("s".into(), Ty::Str)]);
    }

    #[test]
    fn shadowed_builtins_are_not_trusted() {
        let src = "def f(v):\n    s = str(v)\n    return s\n";
        let suite = ast::Suite::parse(src, "<test>").unwrap();
        let Stmt::FunctionDef(f) = &suite[0] else {
            panic!()
        };
        let params = scope::param_names(f);
        let scope = scope::analyse(&params, &f.body);
        let outer = Outer {
            builtin: &|_| false,
            function: &|_| None,
            params: &HashMap::new(),
        };
        assert!(infer(&f.body, &params, &scope, &outer).is_empty());
    }
}
