//! Scope analysis for one Python function body: which names are locals, where each one
//! is first bound, and where its Rust `let` must go.
//!
//! Python binds a local for the whole function; Rust scopes a `let` to its block. A local
//! whose uses all sit inside one block, and whose first use there is a plain assignment
//! made directly in that block, is declared at that assignment. Any other local is
//! declared at the top of the innermost block holding all its uses.

use std::collections::{HashMap, HashSet};

use rustpython_parser::ast::{self, Expr, Stmt};

/// Where the `let` of a local goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decl {
    /// `let x = <value>` at the statement with this id.
    AtStatement(usize),
    /// `let mut x = Py::None;` at the start of the block with this id.
    BlockStart(usize),
}

#[derive(Debug, Default, Clone)]
pub struct LocalInfo {
    pub decl: Option<Decl>,
    pub stores: usize,
    pub reads: usize,
}

#[derive(Debug, Default)]
pub struct FunctionScope {
    pub locals: HashMap<String, LocalInfo>,
    pub globals: HashSet<String>,
    /// Names declared `nonlocal`: variables of the enclosing function.
    pub nonlocals: HashSet<String>,
    /// Block id -> locals declared at its start (in first-use order).
    pub block_decls: HashMap<usize, Vec<String>>,
}

impl FunctionScope {
    pub fn is_local(&self, name: &str) -> bool {
        self.locals.contains_key(name)
    }
}

pub fn block_id(block: &[Stmt]) -> usize {
    block.as_ptr() as usize
}

pub fn stmt_id(stmt: &Stmt) -> usize {
    stmt as *const Stmt as usize
}

struct Use {
    name: String,
    path: Vec<usize>,
    /// Set when this use is a plain assignment statement directly in the block `path.last()`.
    direct_store: Option<usize>,
    is_store: bool,
}

struct Walker {
    path: Vec<usize>,
    uses: Vec<Use>,
    globals: HashSet<String>,
    nonlocals: HashSet<String>,
}

/// Analyse a function: `params` are bound on entry.
pub fn analyse(params: &[String], body: &[Stmt]) -> FunctionScope {
    let mut w = Walker {
        path: vec![block_id(body)],
        uses: Vec::new(),
        globals: HashSet::new(),
        nonlocals: HashSet::new(),
    };
    w.block(body);
    let mut scope = FunctionScope {
        globals: w.globals.clone(),
        nonlocals: w.nonlocals.clone(),
        ..Default::default()
    };
    let stored: HashSet<&str> = w
        .uses
        .iter()
        .filter(|u| u.is_store)
        .map(|u| u.name.as_str())
        .collect();
    for p in params {
        scope.locals.insert(
            p.clone(),
            LocalInfo {
                decl: None,
                stores: 1,
                reads: 0,
            },
        );
    }
    let mut order: Vec<String> = Vec::new();
    let mut by_name: HashMap<String, Vec<&Use>> = HashMap::new();
    for u in &w.uses {
        if !stored.contains(u.name.as_str()) && !params.contains(&u.name) {
            continue; // a global or builtin read
        }
        if w.globals.contains(&u.name) || w.nonlocals.contains(&u.name) {
            continue;
        }
        if !by_name.contains_key(&u.name) {
            order.push(u.name.clone());
        }
        by_name.entry(u.name.clone()).or_default().push(u);
    }
    for name in order {
        let uses = &by_name[&name];
        let info = scope.locals.entry(name.clone()).or_default();
        info.stores += uses.iter().filter(|u| u.is_store).count();
        info.reads += uses.iter().filter(|u| !u.is_store).count();
        if params.contains(&name) {
            continue;
        }
        // Innermost block containing every use.
        let mut common: Vec<usize> = uses[0].path.clone();
        for u in uses.iter().skip(1) {
            let n = common
                .iter()
                .zip(&u.path)
                .take_while(|(a, b)| a == b)
                .count();
            common.truncate(n);
        }
        let first = uses[0];
        let decl = match first.direct_store {
            Some(stmt) if first.path == common => Decl::AtStatement(stmt),
            _ => {
                let block = *common.last().expect("a use always has a block");
                scope
                    .block_decls
                    .entry(block)
                    .or_default()
                    .push(name.clone());
                Decl::BlockStart(block)
            }
        };
        info.decl = Some(decl);
    }
    scope
}

impl Walker {
    fn block(&mut self, body: &[Stmt]) {
        for s in body {
            self.stmt(s);
        }
    }

    fn nested(&mut self, body: &[Stmt]) {
        self.path.push(block_id(body));
        self.block(body);
        self.path.pop();
    }

    fn store_target(&mut self, target: &Expr, direct: Option<usize>) {
        match target {
            Expr::Name(n) => self.uses.push(Use {
                name: n.id.to_string(),
                path: self.path.clone(),
                direct_store: direct,
                is_store: true,
            }),
            Expr::Tuple(t) => t.elts.iter().for_each(|e| self.store_target(e, direct)),
            Expr::List(t) => t.elts.iter().for_each(|e| self.store_target(e, direct)),
            Expr::Starred(s) => self.store_target(&s.value, direct),
            other => self.expr(other),
        }
    }

    fn stmt(&mut self, s: &Stmt) {
        match s {
            Stmt::Assign(a) => {
                self.expr(&a.value);
                let direct = if a.targets.len() == 1 {
                    Some(stmt_id(s))
                } else {
                    None
                };
                for t in &a.targets {
                    self.store_target(t, direct);
                }
            }
            Stmt::AnnAssign(a) => {
                if let Some(v) = &a.value {
                    self.expr(v);
                    self.store_target(&a.target, Some(stmt_id(s)));
                }
            }
            Stmt::AugAssign(a) => {
                self.expr(&a.value);
                // Reads then writes the target.
                if let Expr::Name(n) = a.target.as_ref() {
                    self.uses.push(Use {
                        name: n.id.to_string(),
                        path: self.path.clone(),
                        direct_store: None,
                        is_store: false,
                    });
                }
                self.store_target(&a.target, None);
            }
            Stmt::Expr(e) => self.expr(&e.value),
            Stmt::Return(r) => {
                if let Some(v) = &r.value {
                    self.expr(v)
                }
            }
            Stmt::If(i) => {
                self.expr(&i.test);
                self.nested(&i.body);
                self.nested(&i.orelse);
            }
            Stmt::While(w) => {
                self.expr(&w.test);
                self.nested(&w.body);
                self.nested(&w.orelse);
            }
            Stmt::For(f) => {
                self.expr(&f.iter);
                // The loop target is bound at the top of each iteration.
                self.path.push(block_id(&f.body));
                let direct = match f.target.as_ref() {
                    Expr::Name(_) | Expr::Tuple(_) | Expr::List(_) => Some(0),
                    _ => None,
                };
                self.store_target(&f.target, direct);
                self.block(&f.body);
                self.path.pop();
                self.nested(&f.orelse);
            }
            Stmt::Try(t) => {
                self.nested(&t.body);
                for h in &t.handlers {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    if let Some(ty) = &h.type_ {
                        self.expr(ty);
                    }
                    self.nested(&h.body);
                }
                self.nested(&t.orelse);
                self.nested(&t.finalbody);
            }
            Stmt::Raise(r) => {
                if let Some(e) = &r.exc {
                    self.expr(e)
                }
                if let Some(e) = &r.cause {
                    self.expr(e)
                }
            }
            Stmt::Assert(a) => {
                self.expr(&a.test);
                if let Some(m) = &a.msg {
                    self.expr(m)
                }
            }
            Stmt::Delete(d) => d.targets.iter().for_each(|t| self.expr(t)),
            Stmt::FunctionDef(f) => {
                // A nested `def` binds its name here and reads its free variables.
                for d in parameters(&f.args) {
                    if let Some(d) = &d.default {
                        self.expr(d);
                    }
                }
                for name in function_free_names(f) {
                    self.read(&name);
                }
                self.uses.push(Use {
                    name: f.name.to_string(),
                    path: self.path.clone(),
                    direct_store: Some(stmt_id(s)),
                    is_store: true,
                });
            }
            Stmt::Global(g) => {
                for n in &g.names {
                    self.globals.insert(n.to_string());
                }
            }
            Stmt::Nonlocal(g) => {
                for n in &g.names {
                    self.nonlocals.insert(n.to_string());
                }
            }
            _ => {}
        }
    }

    fn read(&mut self, name: &str) {
        self.uses.push(Use {
            name: name.to_string(),
            path: self.path.clone(),
            direct_store: None,
            is_store: false,
        });
    }

    fn expr(&mut self, e: &Expr) {
        match e {
            Expr::Name(n) => self.read(n.id.as_str()),
            // Comprehensions and lambdas have their own scope; free names are reads.
            Expr::ListComp(c) => self.comprehension(&[&c.elt], &c.generators),
            Expr::SetComp(c) => self.comprehension(&[&c.elt], &c.generators),
            Expr::GeneratorExp(c) => self.comprehension(&[&c.elt], &c.generators),
            Expr::DictComp(c) => self.comprehension(&[&c.key, &c.value], &c.generators),
            Expr::Lambda(l) => {
                let bound: HashSet<String> =
                    parameters(&l.args).map(|a| a.def.arg.to_string()).collect();
                for name in free_names(&l.body, &bound) {
                    self.read(&name);
                }
            }
            // `(name := value)` binds `name` in the function (comprehensions aside: the lowering
            // refuses it there).
            Expr::NamedExpr(n) => {
                self.expr(&n.value);
                self.store_target(&n.target, None);
            }
            _ => walk_children(e, &mut |c| self.expr(c)),
        }
    }

    fn comprehension(&mut self, elts: &[&Expr], gens: &[ast::Comprehension]) {
        let mut bound = HashSet::new();
        for (i, g) in gens.iter().enumerate() {
            if i == 0 {
                self.expr(&g.iter); // evaluated in the enclosing scope
            } else {
                for n in free_names(&g.iter, &bound) {
                    self.read(&n);
                }
            }
            target_names(&g.target, &mut bound);
            for cond in &g.ifs {
                for n in free_names(cond, &bound) {
                    self.read(&n);
                }
            }
        }
        for e in elts {
            for n in free_names(e, &bound) {
                self.read(&n);
            }
        }
    }
}

/// The named parameters of a `def` or `lambda` in Python's order (positional-only,
/// positional-or-keyword, keyword-only), each with its default.
pub fn parameters(args: &ast::Arguments) -> impl Iterator<Item = &ast::ArgWithDefault> {
    args.posonlyargs
        .iter()
        .chain(&args.args)
        .chain(&args.kwonlyargs)
}

/// Parameter names of a function, in order.
pub fn param_names(f: &ast::StmtFunctionDef) -> Vec<String> {
    parameters(&f.args).map(|a| a.def.arg.to_string()).collect()
}

/// Names a function body reads that it does not bind itself (its free variables).
pub fn function_free_names(f: &ast::StmtFunctionDef) -> Vec<String> {
    let params = param_names(f);
    let mut w = Walker {
        path: vec![block_id(&f.body)],
        uses: Vec::new(),
        globals: HashSet::new(),
        nonlocals: HashSet::new(),
    };
    w.block(&f.body);
    let stored: HashSet<&str> = w
        .uses
        .iter()
        .filter(|u| u.is_store)
        .map(|u| u.name.as_str())
        .collect();
    let mut out: Vec<String> = Vec::new();
    for u in &w.uses {
        if !u.is_store
            && !stored.contains(u.name.as_str())
            && !params.contains(&u.name)
            && !out.contains(&u.name)
        {
            out.push(u.name.clone());
        }
    }
    // `nonlocal x`: `x` belongs to the enclosing function, however the body uses it.
    let mut nonlocals: Vec<&String> = w.nonlocals.iter().filter(|n| !out.contains(*n)).collect();
    nonlocals.sort();
    out.extend(nonlocals.into_iter().cloned());
    out
}

/// Names bound by an assignment target.
pub fn target_names(target: &Expr, out: &mut HashSet<String>) {
    match target {
        Expr::Name(n) => {
            out.insert(n.id.to_string());
        }
        Expr::Tuple(t) => t.elts.iter().for_each(|e| target_names(e, out)),
        Expr::List(t) => t.elts.iter().for_each(|e| target_names(e, out)),
        Expr::Starred(s) => target_names(&s.value, out),
        _ => {}
    }
}

/// Names an expression reads that are not in `bound` (nested scopes included).
pub fn free_names(e: &Expr, bound: &HashSet<String>) -> Vec<String> {
    let mut out = Vec::new();
    collect_free(e, bound, &mut out);
    out
}

fn collect_free(e: &Expr, bound: &HashSet<String>, out: &mut Vec<String>) {
    let comp = |elts: &[&Expr], gens: &[ast::Comprehension], out: &mut Vec<String>| {
        let mut inner = bound.clone();
        for g in gens {
            collect_free(&g.iter, &inner, out);
            target_names(&g.target, &mut inner);
            for c in &g.ifs {
                collect_free(c, &inner, out);
            }
        }
        for e in elts {
            collect_free(e, &inner, out);
        }
    };
    match e {
        Expr::Name(n) => {
            let s = n.id.to_string();
            if !bound.contains(&s) && !out.contains(&s) {
                out.push(s);
            }
        }
        Expr::ListComp(c) => comp(&[&c.elt], &c.generators, out),
        Expr::SetComp(c) => comp(&[&c.elt], &c.generators, out),
        Expr::GeneratorExp(c) => comp(&[&c.elt], &c.generators, out),
        Expr::DictComp(c) => comp(&[&c.key, &c.value], &c.generators, out),
        Expr::Lambda(l) => {
            let mut inner = bound.clone();
            inner.extend(parameters(&l.args).map(|a| a.def.arg.to_string()));
            collect_free(&l.body, &inner, out);
        }
        _ => walk_children(e, &mut |c| collect_free(c, bound, out)),
    }
}

/// Calls `f` on each direct sub-expression (not into comprehension/lambda scopes' bodies
/// specially: callers that care handle those variants first).
pub fn walk_children<'a>(e: &'a Expr, f: &mut dyn FnMut(&'a Expr)) {
    match e {
        Expr::BoolOp(b) => b.values.iter().for_each(f),
        Expr::NamedExpr(n) => {
            f(&n.target);
            f(&n.value)
        }
        Expr::BinOp(b) => {
            f(&b.left);
            f(&b.right)
        }
        Expr::UnaryOp(u) => f(&u.operand),
        Expr::Lambda(l) => f(&l.body),
        Expr::IfExp(i) => {
            f(&i.test);
            f(&i.body);
            f(&i.orelse)
        }
        Expr::Dict(d) => {
            d.keys.iter().flatten().for_each(&mut *f);
            d.values.iter().for_each(f)
        }
        Expr::Set(s) => s.elts.iter().for_each(f),
        Expr::ListComp(c) => {
            f(&c.elt);
            c.generators.iter().for_each(|g| {
                f(&g.iter);
                g.ifs.iter().for_each(&mut *f)
            })
        }
        Expr::SetComp(c) => {
            f(&c.elt);
            c.generators.iter().for_each(|g| {
                f(&g.iter);
                g.ifs.iter().for_each(&mut *f)
            })
        }
        Expr::GeneratorExp(c) => {
            f(&c.elt);
            c.generators.iter().for_each(|g| {
                f(&g.iter);
                g.ifs.iter().for_each(&mut *f)
            })
        }
        Expr::DictComp(c) => {
            f(&c.key);
            f(&c.value);
            c.generators.iter().for_each(|g| {
                f(&g.iter);
                g.ifs.iter().for_each(&mut *f)
            })
        }
        Expr::Await(a) => f(&a.value),
        Expr::Yield(y) => {
            if let Some(v) = &y.value {
                f(v)
            }
        }
        Expr::YieldFrom(y) => f(&y.value),
        Expr::Compare(c) => {
            f(&c.left);
            c.comparators.iter().for_each(f)
        }
        Expr::Call(c) => {
            f(&c.func);
            c.args.iter().for_each(&mut *f);
            c.keywords.iter().for_each(|k| f(&k.value))
        }
        Expr::FormattedValue(v) => {
            f(&v.value);
            if let Some(s) = &v.format_spec {
                f(s)
            }
        }
        Expr::JoinedStr(j) => j.values.iter().for_each(f),
        Expr::Attribute(a) => f(&a.value),
        Expr::Subscript(s) => {
            f(&s.value);
            f(&s.slice)
        }
        Expr::Starred(s) => f(&s.value),
        Expr::List(l) => l.elts.iter().for_each(f),
        Expr::Tuple(t) => t.elts.iter().for_each(f),
        Expr::Slice(s) => {
            for p in [&s.lower, &s.upper, &s.step].into_iter().flatten() {
                f(p)
            }
        }
        Expr::Name(_) | Expr::Constant(_) => {}
    }
}
