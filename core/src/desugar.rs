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
//! `match` becomes an `if` per case over a "matched" flag (PEP 634): each pattern is a test
//! on the subject (`isinstance`, `len`, `==`, `in`, runtime helpers for "is a sequence" and
//! "is a mapping"), then its captures are assigned, then the guard decides:
//!
//! ```python
//! __match_1 = SUBJECT
//! __matched_1 = False
//! if not __matched_1 and TEST:      # one `if` per case
//!     CAPTURES
//!     if GUARD:
//!         __matched_1 = True
//!         BODY
//! ```
//!
//! An or-pattern whose alternatives capture names is left as it is (lowering refuses it).
//!
//! Synthetic nodes carry the statement's range, so diagnostics point at it.

use rustpython_parser::ast::{self, Constant, Expr, ExprContext, Identifier, Stmt};
use rustpython_parser::text_size::TextRange;

/// The intrinsics lowering maps to `py::contextlib::with_enter` / `with_exit`.
pub const WITH_ENTER: &str = "__depyler_with_enter__";
pub const WITH_EXIT: &str = "__depyler_with_exit__";
/// Pattern-matching intrinsics, mapped to `py::matching::*`.
pub const MATCH_SEQUENCE: &str = "__depyler_match_sequence__";
pub const MATCH_MAPPING: &str = "__depyler_match_mapping__";
pub const MATCH_REST: &str = "__depyler_match_rest__";
pub const MATCH_ARG: &str = "__depyler_match_arg__";

/// Whether any statement, at any depth, is a `with`.
pub fn has_with(suite: &[Stmt]) -> bool {
    suite.iter().any(|s| match s {
        Stmt::With(_) | Stmt::Match(_) => true,
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
            Stmt::Match(m) => match match_stmt(m, counter) {
                Some(stmts) => out.extend(stmts),
                None => out.push(s.clone()),
            },
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
    fn int(&self, v: i64) -> Expr {
        self.constant(Constant::Int(v.into()))
    }
    fn not(&self, operand: Expr) -> Expr {
        Expr::UnaryOp(ast::ExprUnaryOp {
            range: self.0,
            op: ast::UnaryOp::Not,
            operand: Box::new(operand),
        })
    }
    fn compare(&self, left: Expr, op: ast::CmpOp, right: Expr) -> Expr {
        Expr::Compare(ast::ExprCompare {
            range: self.0,
            left: Box::new(left),
            ops: vec![op],
            comparators: vec![right],
        })
    }
    fn subscript(&self, value: Expr, slice: Expr) -> Expr {
        Expr::Subscript(ast::ExprSubscript {
            range: self.0,
            value: Box::new(value),
            slice: Box::new(slice),
            ctx: ExprContext::Load,
        })
    }
    /// `a and b and ...`; `True` for no tests.
    fn and(&self, mut tests: Vec<Expr>) -> Expr {
        match tests.len() {
            0 => self.constant(Constant::Bool(true)),
            1 => tests
                .pop()
                .unwrap_or_else(|| self.constant(Constant::Bool(true))),
            _ => Expr::BoolOp(ast::ExprBoolOp {
                range: self.0,
                op: ast::BoolOp::And,
                values: tests,
            }),
        }
    }
}

/// `match subject: case ...` as `if`s, or `None` when a pattern cannot be spelled out.
fn match_stmt(m: &ast::StmtMatch, counter: &mut usize) -> Option<Vec<Stmt>> {
    *counter += 1;
    let n = *counter;
    let b = Build(m.range);
    let (subject, matched) = (format!("__match_{n}"), format!("__matched_{n}"));
    let mut out = vec![
        b.assign(b.store(&subject), (*m.subject).clone()),
        b.assign(b.store(&matched), b.constant(Constant::Bool(false))),
    ];
    for case in &m.cases {
        let mut tests = vec![b.not(b.load(&matched))];
        let mut captures = Vec::new();
        pattern(
            &b,
            &case.pattern,
            b.load(&subject),
            &mut tests,
            &mut captures,
        )?;
        let mut body = vec![b.assign(b.store(&matched), b.constant(Constant::Bool(true)))];
        body.extend(suite(&case.body, counter));
        let body = match &case.guard {
            Some(guard) => vec![Stmt::If(ast::StmtIf {
                range: m.range,
                test: guard.clone(),
                body,
                orelse: Vec::new(),
            })],
            None => body,
        };
        let mut then: Vec<Stmt> = captures
            .into_iter()
            .map(|(name, value)| b.assign(b.store(&name), value))
            .collect();
        then.extend(body);
        out.push(Stmt::If(ast::StmtIf {
            range: m.range,
            test: Box::new(b.and(tests)),
            body: then,
            orelse: Vec::new(),
        }));
    }
    Some(out)
}

/// The tests a subject must pass to match `p` (all of them, in order) and the names the
/// match binds; `None` for a pattern this stage does not rewrite.
fn pattern(
    b: &Build,
    p: &ast::Pattern,
    subject: Expr,
    tests: &mut Vec<Expr>,
    captures: &mut Vec<(String, Expr)>,
) -> Option<()> {
    match p {
        ast::Pattern::MatchValue(v) => {
            tests.push(b.compare(subject, ast::CmpOp::Eq, (*v.value).clone()))
        }
        ast::Pattern::MatchSingleton(v) => {
            tests.push(b.compare(subject, ast::CmpOp::Is, b.constant(v.value.clone())))
        }
        ast::Pattern::MatchAs(a) => {
            if let Some(inner) = &a.pattern {
                pattern(b, inner, subject.clone(), tests, captures)?;
            }
            if let Some(name) = &a.name {
                captures.push((name.to_string(), subject));
            }
        }
        ast::Pattern::MatchOr(o) => {
            let mut alternatives = Vec::new();
            for alt in &o.patterns {
                let (mut alt_tests, mut alt_captures) = (Vec::new(), Vec::new());
                pattern(b, alt, subject.clone(), &mut alt_tests, &mut alt_captures)?;
                if !alt_captures.is_empty() {
                    return None;
                }
                alternatives.push(b.and(alt_tests));
            }
            tests.push(Expr::BoolOp(ast::ExprBoolOp {
                range: b.0,
                op: ast::BoolOp::Or,
                values: alternatives,
            }));
        }
        ast::Pattern::MatchSequence(seq) => {
            let star = seq
                .patterns
                .iter()
                .position(|p| matches!(p, ast::Pattern::MatchStar(_)));
            let n = seq.patterns.len();
            tests.push(b.call(MATCH_SEQUENCE, vec![subject.clone()]));
            let len = b.call("len", vec![subject.clone()]);
            tests.push(match star {
                None => b.compare(len, ast::CmpOp::Eq, b.int(n as i64)),
                Some(_) => b.compare(len, ast::CmpOp::GtE, b.int(n as i64 - 1)),
            });
            for (i, item) in seq.patterns.iter().enumerate() {
                let index = match star {
                    Some(s) if i > s => -((n - i) as i64),
                    _ => i as i64,
                };
                match item {
                    ast::Pattern::MatchStar(st) => {
                        if let Some(name) = &st.name {
                            let after = (n - i - 1) as i64;
                            let upper = if after == 0 {
                                None
                            } else {
                                Some(Box::new(b.int(-after)))
                            };
                            let slice = Expr::Slice(ast::ExprSlice {
                                range: b.0,
                                lower: Some(Box::new(b.int(i as i64))),
                                upper,
                                step: None,
                            });
                            let part = b.subscript(subject.clone(), slice);
                            captures.push((name.to_string(), b.call("list", vec![part])));
                        }
                    }
                    other => pattern(
                        b,
                        other,
                        b.subscript(subject.clone(), b.int(index)),
                        tests,
                        captures,
                    )?,
                }
            }
        }
        ast::Pattern::MatchMapping(map) => {
            tests.push(b.call(MATCH_MAPPING, vec![subject.clone()]));
            for key in &map.keys {
                tests.push(b.compare(key.clone(), ast::CmpOp::In, subject.clone()));
            }
            for (key, value) in map.keys.iter().zip(&map.patterns) {
                pattern(
                    b,
                    value,
                    b.subscript(subject.clone(), key.clone()),
                    tests,
                    captures,
                )?;
            }
            if let Some(rest) = &map.rest {
                let keys = Expr::Tuple(ast::ExprTuple {
                    range: b.0,
                    elts: map.keys.clone(),
                    ctx: ExprContext::Load,
                });
                captures.push((rest.to_string(), b.call(MATCH_REST, vec![subject, keys])));
            }
        }
        ast::Pattern::MatchClass(c) => {
            tests.push(b.call("isinstance", vec![subject.clone(), (*c.cls).clone()]));
            for (i, item) in c.patterns.iter().enumerate() {
                let arg = b.call(
                    MATCH_ARG,
                    vec![
                        subject.clone(),
                        (*c.cls).clone(),
                        b.int(i as i64),
                        b.int(c.patterns.len() as i64),
                    ],
                );
                pattern(b, item, arg, tests, captures)?;
            }
            for (attr, item) in c.kwd_attrs.iter().zip(&c.kwd_patterns) {
                tests.push(b.call(
                    "hasattr",
                    vec![subject.clone(), b.constant(Constant::Str(attr.to_string()))],
                ));
                let value = Expr::Attribute(ast::ExprAttribute {
                    range: b.0,
                    value: Box::new(subject.clone()),
                    attr: attr.clone(),
                    ctx: ExprContext::Load,
                });
                pattern(b, item, value, tests, captures)?;
            }
        }
        ast::Pattern::MatchStar(_) => return None,
    }
    Some(())
}
