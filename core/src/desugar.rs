//! Desugaring: Python statements rewritten into ones lowering already handles, before
//! scope analysis, so the names they introduce are ordinary locals.
//!
//! `with` becomes the context-manager protocol spelled out (PEP 343):
//!
//! ```python
//! __with_mgr_1 = EXPR
//! TARGET = __depyler_with_enter__(__with_mgr_1)     # mgr.__enter__(), after checking the protocol
//! __with_ok_1 = True
//! try:
//!     BODY
//! except BaseException as __with_exc_1:
//!     __with_ok_1 = False
//!     if not __depyler_with_exit__(__with_mgr_1, __with_exc_1):   # mgr.__exit__(type, exc, tb)
//!         raise
//! finally:
//!     if __with_ok_1:
//!         __depyler_with_exit__(__with_mgr_1, None)              # mgr.__exit__(None, None, None)
//! ```
//!
//! Synthetic nodes carry the `with` statement's range, so diagnostics point at it.

use rustpython_parser::ast::{self, Constant, Expr, ExprContext, Identifier, Stmt};
use rustpython_parser::text_size::TextRange;

/// The intrinsics lowering maps to `py::contextlib::with_enter` / `with_exit`.
pub const WITH_ENTER: &str = "__depyler_with_enter__";
pub const WITH_EXIT: &str = "__depyler_with_exit__";

/// Whether any statement, at any depth, is a `with`.
pub fn has_with(suite: &[Stmt]) -> bool {
    suite.iter().any(|s| match s {
        Stmt::With(_) => true,
        Stmt::FunctionDef(f) => has_with(&f.body),
        Stmt::AsyncFunctionDef(f) => has_with(&f.body),
        Stmt::ClassDef(c) => has_with(&c.body),
        Stmt::If(i) => has_with(&i.body) || has_with(&i.orelse),
        Stmt::For(f) => has_with(&f.body) || has_with(&f.orelse),
        Stmt::AsyncFor(f) => has_with(&f.body) || has_with(&f.orelse),
        Stmt::While(w) => has_with(&w.body) || has_with(&w.orelse),
        Stmt::Try(t) => {
            has_with(&t.body)
                || has_with(&t.orelse)
                || has_with(&t.finalbody)
                || handlers_have_with(&t.handlers)
        }
        Stmt::TryStar(t) => {
            has_with(&t.body)
                || has_with(&t.orelse)
                || has_with(&t.finalbody)
                || handlers_have_with(&t.handlers)
        }
        _ => false,
    })
}

fn handlers_have_with(handlers: &[ast::ExceptHandler]) -> bool {
    handlers.iter().any(|h| {
        let ast::ExceptHandler::ExceptHandler(h) = h;
        has_with(&h.body)
    })
}

/// The suite with every `with` rewritten; `counter` numbers the synthetic names.
pub fn suite(stmts: &[Stmt], counter: &mut usize) -> Vec<Stmt> {
    let mut out = Vec::with_capacity(stmts.len());
    for s in stmts {
        match s {
            Stmt::With(w) => out.extend(with(w.range, &w.items, &w.body, counter)),
            other => out.push(nested(other, counter)),
        }
    }
    out
}

/// A statement whose nested suites are rewritten.
fn nested(s: &Stmt, counter: &mut usize) -> Stmt {
    let mut s = s.clone();
    match &mut s {
        Stmt::FunctionDef(f) => f.body = suite(&f.body, counter),
        Stmt::AsyncFunctionDef(f) => f.body = suite(&f.body, counter),
        Stmt::ClassDef(c) => c.body = suite(&c.body, counter),
        Stmt::If(i) => {
            i.body = suite(&i.body, counter);
            i.orelse = suite(&i.orelse, counter);
        }
        Stmt::For(f) => {
            f.body = suite(&f.body, counter);
            f.orelse = suite(&f.orelse, counter);
        }
        Stmt::AsyncFor(f) => {
            f.body = suite(&f.body, counter);
            f.orelse = suite(&f.orelse, counter);
        }
        Stmt::While(w) => {
            w.body = suite(&w.body, counter);
            w.orelse = suite(&w.orelse, counter);
        }
        Stmt::Try(t) => {
            t.body = suite(&t.body, counter);
            t.orelse = suite(&t.orelse, counter);
            t.finalbody = suite(&t.finalbody, counter);
            for h in &mut t.handlers {
                let ast::ExceptHandler::ExceptHandler(h) = h;
                h.body = suite(&h.body, counter);
            }
        }
        Stmt::TryStar(t) => {
            t.body = suite(&t.body, counter);
            t.orelse = suite(&t.orelse, counter);
            t.finalbody = suite(&t.finalbody, counter);
            for h in &mut t.handlers {
                let ast::ExceptHandler::ExceptHandler(h) = h;
                h.body = suite(&h.body, counter);
            }
        }
        _ => {}
    }
    s
}

/// `with a as x, b as y: body` is `with a as x: with b as y: body`.
fn with(
    range: TextRange,
    items: &[ast::WithItem],
    body: &[Stmt],
    counter: &mut usize,
) -> Vec<Stmt> {
    let Some((item, rest)) = items.split_first() else {
        return suite(body, counter);
    };
    *counter += 1;
    let n = *counter;
    let b = Build(range);
    let (mgr, ok, exc) = (
        format!("__with_mgr_{n}"),
        format!("__with_ok_{n}"),
        format!("__with_exc_{n}"),
    );
    let inner = with(range, rest, body, counter);
    let enter = b.call(WITH_ENTER, vec![b.load(&mgr)]);
    let enter = match &item.optional_vars {
        Some(target) => b.assign((**target).clone(), enter),
        None => b.expr(enter),
    };
    let exit_with_error = b.call(WITH_EXIT, vec![b.load(&mgr), b.load(&exc)]);
    let handler = ast::ExceptHandler::ExceptHandler(ast::ExceptHandlerExceptHandler {
        range,
        type_: Some(Box::new(b.load("BaseException"))),
        name: Some(Identifier::new(exc.clone())),
        body: vec![
            b.assign(b.store(&ok), b.constant(Constant::Bool(false))),
            Stmt::If(ast::StmtIf {
                range,
                test: Box::new(Expr::UnaryOp(ast::ExprUnaryOp {
                    range,
                    op: ast::UnaryOp::Not,
                    operand: Box::new(exit_with_error),
                })),
                body: vec![Stmt::Raise(ast::StmtRaise {
                    range,
                    exc: None,
                    cause: None,
                })],
                orelse: Vec::new(),
            }),
        ],
    });
    let exit_cleanly = b.expr(b.call(WITH_EXIT, vec![b.load(&mgr), b.constant(Constant::None)]));
    vec![
        b.assign(b.store(&mgr), item.context_expr.clone()),
        enter,
        b.assign(b.store(&ok), b.constant(Constant::Bool(true))),
        Stmt::Try(ast::StmtTry {
            range,
            body: inner,
            handlers: vec![handler],
            orelse: Vec::new(),
            finalbody: vec![Stmt::If(ast::StmtIf {
                range,
                test: Box::new(b.load(&ok)),
                body: vec![exit_cleanly],
                orelse: Vec::new(),
            })],
        }),
    ]
}

/// Node constructors, all at the `with` statement's range.
struct Build(TextRange);

impl Build {
    fn name(&self, id: &str, ctx: ExprContext) -> Expr {
        Expr::Name(ast::ExprName {
            range: self.0,
            id: Identifier::new(id),
            ctx,
        })
    }
    fn load(&self, id: &str) -> Expr {
        self.name(id, ExprContext::Load)
    }
    fn store(&self, id: &str) -> Expr {
        self.name(id, ExprContext::Store)
    }
    fn constant(&self, value: Constant) -> Expr {
        Expr::Constant(ast::ExprConstant {
            range: self.0,
            value,
            kind: None,
        })
    }
    fn call(&self, func: &str, args: Vec<Expr>) -> Expr {
        Expr::Call(ast::ExprCall {
            range: self.0,
            func: Box::new(self.load(func)),
            args,
            keywords: Vec::new(),
        })
    }
    fn assign(&self, target: Expr, value: Expr) -> Stmt {
        Stmt::Assign(ast::StmtAssign {
            range: self.0,
            targets: vec![target],
            value: Box::new(value),
            type_comment: None,
        })
    }
    fn expr(&self, value: Expr) -> Stmt {
        Stmt::Expr(ast::StmtExpr {
            range: self.0,
            value: Box::new(value),
        })
    }
}
