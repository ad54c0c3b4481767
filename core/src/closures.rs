//! Closure capture: where copying a variable into a closure is faithful.
//!
//! A converted closure (lambda, generator expression, nested `def`) copies the enclosing
//! function's variables when it is created; a Python closure reads them when it runs. The
//! two agree unless a variable is assigned again in between — the classic
//! `[lambda: i for i in range(3)]` returns 2, 2, 2 in Python. Lowering refuses a closure
//! that reads a variable from `rebound` unless the closure is in `consumed`: passed straight
//! to something that runs it before the enclosing code can move on (`sorted(key=…)`,
//! `any(…)`, `", ".join(…)`, `list(map(…))`).

use std::collections::HashSet;

use rustpython_parser::ast::{self, Expr, Stmt};

use crate::scope::{self, FunctionScope};

/// Builtins (or common imports) that run a closure argument to completion before returning.
const EAGER_FUNCTIONS: &[&str] = &[
    "sorted",
    "min",
    "max",
    "sum",
    "any",
    "all",
    "list",
    "tuple",
    "set",
    "frozenset",
    "dict",
    "next",
    "reduce",
    "nlargest",
    "nsmallest",
];
/// Methods that do the same (`items.sort(key=…)`, `sep.join(…)`, `re.sub(p, f, s)`).
const EAGER_METHODS: &[&str] = &[
    "sort",
    "join",
    "sub",
    "subn",
    "reduce",
    "nlargest",
    "nsmallest",
    "extend",
    "update",
];
/// Lazy wrappers that are consumed exactly when their result is (`list(map(f, xs))`).
const LAZY_WRAPPERS: &[&str] = &["map", "filter", "zip", "enumerate", "reversed", "iter"];

/// The names of a function body that may be assigned after a closure reading them is
/// created, and the closures (by address) that are consumed where they are created.
pub fn analyse(body: &[Stmt], scope: &FunctionScope) -> (HashSet<String>, HashSet<usize>) {
    let mut w = Walker::default();
    w.block(body, false);
    let mut rebound = w.rebound;
    rebound.extend(
        scope
            .locals
            .iter()
            .filter(|(_, info)| info.stores > 1)
            .map(|(name, _)| name.clone()),
    );
    (rebound, w.consumed)
}

#[derive(Default)]
struct Walker {
    rebound: HashSet<String>,
    consumed: HashSet<usize>,
}

impl Walker {
    fn block(&mut self, body: &[Stmt], in_loop: bool) {
        for s in body {
            self.stmt(s, in_loop);
        }
    }

    fn targets(&mut self, target: &Expr, in_loop: bool) {
        if in_loop {
            let mut names = HashSet::new();
            scope::target_names(target, &mut names);
            self.rebound.extend(names);
        }
        self.expr(target);
    }

    fn stmt(&mut self, s: &Stmt, in_loop: bool) {
        match s {
            // Its body is analysed on its own; here it is a store of its name.
            Stmt::FunctionDef(f) => {
                if in_loop {
                    self.rebound.insert(f.name.to_string());
                }
                f.decorator_list.iter().for_each(|d| self.expr(d));
            }
            Stmt::ClassDef(c) => {
                if in_loop {
                    self.rebound.insert(c.name.to_string());
                }
            }
            Stmt::For(f) => {
                self.targets(&f.target, true);
                self.expr(&f.iter);
                self.block(&f.body, true);
                self.block(&f.orelse, in_loop);
            }
            Stmt::While(w) => {
                self.expr(&w.test);
                self.block(&w.body, true);
                self.block(&w.orelse, in_loop);
            }
            Stmt::Assign(a) => {
                a.targets.iter().for_each(|t| self.targets(t, in_loop));
                self.expr(&a.value);
            }
            Stmt::AugAssign(a) => {
                self.targets(&a.target, in_loop);
                self.expr(&a.value);
            }
            Stmt::AnnAssign(a) => {
                self.targets(&a.target, in_loop);
                a.value.iter().for_each(|v| self.expr(v));
            }
            Stmt::Try(t) => {
                self.block(&t.body, in_loop);
                for h in &t.handlers {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    if let (Some(name), true) = (&h.name, in_loop) {
                        self.rebound.insert(name.to_string());
                    }
                    h.type_.iter().for_each(|t| self.expr(t));
                    self.block(&h.body, in_loop);
                }
                self.block(&t.orelse, in_loop);
                self.block(&t.finalbody, in_loop);
            }
            other => {
                let mut stmts = Vec::new();
                let mut exprs = Vec::new();
                crate::lower::stmt_parts(other, &mut stmts, &mut |e| exprs.push(e));
                exprs.into_iter().for_each(|e| self.expr(e));
                for s in stmts {
                    self.stmt(s, in_loop);
                }
            }
        }
    }

    fn expr(&mut self, e: &Expr) {
        match e {
            Expr::Call(c) if is_eager(&c.func) => {
                c.args.iter().for_each(|a| self.consume(a));
                c.keywords.iter().for_each(|k| self.consume(&k.value));
            }
            Expr::NamedExpr(n) => self.targets(&n.target, true),
            Expr::ListComp(_) | Expr::SetComp(_) | Expr::DictComp(_) | Expr::GeneratorExp(_) => {
                let gens = match e {
                    Expr::ListComp(c) => &c.generators,
                    Expr::SetComp(c) => &c.generators,
                    Expr::DictComp(c) => &c.generators,
                    Expr::GeneratorExp(c) => &c.generators,
                    _ => unreachable!(),
                };
                // Comprehension targets change on every iteration.
                for g in gens {
                    let mut names = HashSet::new();
                    scope::target_names(&g.target, &mut names);
                    self.rebound.extend(names);
                }
            }
            _ => {}
        }
        scope::walk_children(e, &mut |c| self.expr(c));
    }

    /// `e` is an argument of an eager call.
    fn consume(&mut self, e: &Expr) {
        match e {
            Expr::Lambda(_) | Expr::GeneratorExp(_) => {
                self.consumed.insert(e as *const Expr as usize);
            }
            Expr::Call(c) if callee_name(&c.func).is_some_and(|n| LAZY_WRAPPERS.contains(&n)) => {
                c.args.iter().for_each(|a| self.consume(a));
            }
            _ => {}
        }
    }
}

fn callee_name(func: &Expr) -> Option<&str> {
    match func {
        Expr::Name(n) => Some(n.id.as_str()),
        Expr::Attribute(a) => Some(a.attr.as_str()),
        _ => None,
    }
}

fn is_eager(func: &Expr) -> bool {
    match func {
        Expr::Name(n) => EAGER_FUNCTIONS.contains(&n.id.as_str()),
        Expr::Attribute(a) => EAGER_METHODS.contains(&a.attr.as_str()),
        _ => false,
    }
}
