//! Fact extraction: which parts of the event a handler reads, following the data the
//! way real handlers move it around.
//!
//! This is a small abstract interpreter over the handler's AST. Every value is
//! approximated by the set of *event paths* it may hold (`Records[].s3.bucket`), plus
//! the constant strings it may hold (so `record['dynamodb'].get(name)` with
//! `name = "NewImage"` resolves), plus the keys of a dict literal (for return shapes).
//! It follows aliases (`records = event['Records']`), loops and comprehensions (an
//! element of `Records` is `Records[]`), `enumerate`, `.get()`/`or {}` chains, and calls
//! into module-level functions (parameters bound to the argument values; the return
//! value flows back). Flow sensitivity is deliberately coarse: assignments overwrite,
//! branches run in order, loop bodies run once. Imprecision only ever adds or drops a
//! fact; it cannot make the walk diverge, because every recursion is bounded.

use std::collections::{BTreeMap, HashMap};

use rustpython_parser::ast::{self, CmpOp, Constant, Expr, Ranged, Stmt};

use crate::frontend::{const_str, FunctionRef, ParsedModule};

/// Everything inference and the optimisation report need from the handler.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    /// Event paths read, tested with `in`, or written; each with the line it was first seen.
    pub accesses: BTreeMap<String, u32>,
    /// `(path, literal)` pairs: a string literal compared with the value at an event path.
    /// Literals in returned dicts use the pseudo-path `return.<key>`.
    pub literals: BTreeMap<(String, String), u32>,
    /// Keys of dicts returned by the handler or a function it calls (`return.<key>`).
    pub returns: BTreeMap<String, u32>,
    /// Lines of `try` statements inside loops over an event list (per-record error handling).
    pub try_in_record_loop: Vec<u32>,
}

impl Facts {
    fn access(&mut self, path: &str, line: u32) {
        self.accesses.entry(path.to_owned()).or_insert(line);
    }
}

/// Abstract value: what an expression may hold.
#[derive(Debug, Clone, Default, PartialEq)]
struct Val {
    paths: Vec<String>,
    strs: Vec<String>,
    /// For dict literals (and locals built from them): key → string literals stored under it.
    dict: Option<BTreeMap<String, Vec<String>>>,
    /// For tuple literals, element-wise, so `a, b = f()` unpacks precisely.
    tuple: Option<Vec<Val>>,
}

impl Val {
    fn paths(paths: Vec<String>) -> Self {
        Self {
            paths,
            ..Self::default()
        }
    }

    fn merge(&mut self, other: Val) {
        for p in other.paths {
            if !self.paths.contains(&p) {
                self.paths.push(p);
            }
        }
        for s in other.strs {
            if !self.strs.contains(&s) {
                self.strs.push(s);
            }
        }
        if let Some(d) = other.dict {
            let mine = self.dict.get_or_insert_with(BTreeMap::new);
            for (k, v) in d {
                mine.entry(k).or_default().extend(v);
            }
        }
        // Differently shaped tuples from different returns cannot be unpacked precisely.
        self.tuple = match (self.tuple.take(), other.tuple) {
            (None, t) | (t, None) => t,
            (Some(a), Some(b)) if a.len() == b.len() => Some(
                a.into_iter()
                    .zip(b)
                    .map(|(mut x, y)| {
                        x.merge(y);
                        x
                    })
                    .collect(),
            ),
            _ => None,
        };
        if self.paths.len() > MAX_PATHS_PER_VALUE {
            self.paths.truncate(MAX_PATHS_PER_VALUE);
        }
    }

    /// The value of one element when iterating this value.
    fn element(&self) -> Val {
        Val::paths(self.paths.iter().map(|p| index(p)).collect())
    }
}

/// Bounds that keep pathological input (fuzzing, generated code) cheap.
const MAX_CALL_DEPTH: usize = 8;
const MAX_EXPR_DEPTH: usize = 150;
const MAX_STEPS: usize = 200_000;
const MAX_PATHS_PER_VALUE: usize = 64;
const MAX_PATH_LEN: usize = 256;

type Env = HashMap<String, Val>;

/// Per-function walk state.
#[derive(Default)]
struct Frame {
    env: Env,
    returns: Val,
}

pub fn extract(module: &ParsedModule, handler: &FunctionRef<'_>) -> Facts {
    let mut x = Extractor {
        module,
        functions: module.functions().map(|f| (f.name, f)).collect(),
        facts: Facts::default(),
        call_stack: Vec::new(),
        memo: HashMap::new(),
        steps: 0,
        expr_depth: 0,
        record_loops: 0,
    };
    let params = handler.positional_params();
    let mut frame = Frame::default();
    // The first positional parameter is the event, whatever it is called.
    if let Some(event) = params.first() {
        frame
            .env
            .insert((*event).to_owned(), Val::paths(vec![String::new()]));
    }
    x.block(handler.body, &mut frame);
    x.facts
}

struct Extractor<'m> {
    module: &'m ParsedModule,
    functions: HashMap<&'m str, FunctionRef<'m>>,
    facts: Facts,
    call_stack: Vec<String>,
    /// (function, argument shape) → return value, so a helper called per record is walked once.
    memo: HashMap<(String, String), Val>,
    steps: usize,
    expr_depth: usize,
    /// Depth of loops over event-derived lists we are inside, across calls: a helper
    /// called per record that catches errors is per-record error handling too.
    record_loops: usize,
}

fn key(path: &str, k: &str) -> String {
    if path.is_empty() {
        k.to_owned()
    } else {
        format!("{path}.{k}")
    }
}

fn index(path: &str) -> String {
    format!("{path}[]")
}

impl<'m> Extractor<'m> {
    fn line(&self, node: &impl Ranged) -> u32 {
        self.module.line(node.start())
    }

    fn exhausted(&mut self) -> bool {
        self.steps += 1;
        self.steps > MAX_STEPS
    }

    // ---- statements -------------------------------------------------------------

    fn block(&mut self, stmts: &[Stmt], f: &mut Frame) {
        for s in stmts {
            if self.exhausted() {
                return;
            }
            self.stmt(s, f);
        }
    }

    fn stmt(&mut self, s: &Stmt, f: &mut Frame) {
        match s {
            Stmt::Expr(e) => {
                self.expr(&e.value, f);
            }
            Stmt::Assign(a) => {
                let v = self.expr(&a.value, f);
                for t in &a.targets {
                    self.bind(t, v.clone(), f);
                }
            }
            Stmt::AnnAssign(a) => {
                if let Some(value) = &a.value {
                    let v = self.expr(value, f);
                    self.bind(&a.target, v, f);
                }
            }
            Stmt::AugAssign(a) => {
                self.expr(&a.target, f);
                self.expr(&a.value, f);
            }
            Stmt::For(l) => self.for_loop(&l.target, &l.iter, &l.body, &l.orelse, f),
            Stmt::AsyncFor(l) => self.for_loop(&l.target, &l.iter, &l.body, &l.orelse, f),
            Stmt::While(w) => {
                self.expr(&w.test, f);
                self.block(&w.body, f);
                self.block(&w.orelse, f);
            }
            Stmt::If(i) => {
                self.expr(&i.test, f);
                self.block(&i.body, f);
                self.block(&i.orelse, f);
            }
            Stmt::With(w) => self.with(&w.items, &w.body, f),
            Stmt::AsyncWith(w) => self.with(&w.items, &w.body, f),
            Stmt::Try(t) => self.try_stmt(s, &t.body, &t.handlers, &t.orelse, &t.finalbody, f),
            Stmt::TryStar(t) => self.try_stmt(s, &t.body, &t.handlers, &t.orelse, &t.finalbody, f),
            Stmt::Return(r) => {
                if let Some(value) = &r.value {
                    let v = self.expr(value, f);
                    self.record_return(&v, self.line(s));
                    f.returns.merge(v);
                }
            }
            Stmt::Raise(r) => {
                if let Some(e) = &r.exc {
                    self.expr(e, f);
                }
            }
            Stmt::Assert(a) => {
                self.expr(&a.test, f);
            }
            Stmt::Match(m) => {
                self.expr(&m.subject, f);
                for case in &m.cases {
                    if let Some(g) = &case.guard {
                        self.expr(g, f);
                    }
                    self.block(&case.body, f);
                }
            }
            // Nested defs/classes are not followed; imports, pass, etc. carry no data.
            _ => {}
        }
    }

    fn for_loop(
        &mut self,
        target: &Expr,
        iter: &Expr,
        body: &[Stmt],
        orelse: &[Stmt],
        f: &mut Frame,
    ) {
        let elem = self.iter_element(target, iter, f);
        let over_event = !elem.is_empty();
        for (t, v) in elem {
            self.bind(t, v, f);
        }
        if over_event {
            self.record_loops += 1;
        }
        self.block(body, f);
        if over_event {
            self.record_loops -= 1;
        }
        self.block(orelse, f);
    }

    /// What each loop target gets when iterating `iter`; handles `enumerate(x)` and
    /// `x.items()` so `for i, rec in enumerate(event['Records'])` binds `rec`.
    /// Returns an empty list when the iterable is not event data.
    fn iter_element<'e>(
        &mut self,
        target: &'e Expr,
        iter: &Expr,
        f: &mut Frame,
    ) -> Vec<(&'e Expr, Val)> {
        let pair_target = match target {
            Expr::Tuple(t) if t.elts.len() == 2 => Some((&t.elts[0], &t.elts[1])),
            Expr::List(t) if t.elts.len() == 2 => Some((&t.elts[0], &t.elts[1])),
            _ => None,
        };
        if let (Expr::Call(call), Some((first, second))) = (iter, pair_target) {
            let method = match call.func.as_ref() {
                Expr::Attribute(at) if call.args.is_empty() && at.attr.as_str() == "items" => {
                    Some(&at.value)
                }
                _ => None,
            };
            if let Some(obj) = method {
                // `for k, v in x.items()`: v is a value under a dynamic key.
                let v = self.expr(obj, f).element();
                if v.paths.is_empty() {
                    return Vec::new();
                }
                return vec![(first, Val::default()), (second, v)];
            }
            if matches!(call.func.as_ref(), Expr::Name(n) if n.id.as_str() == "enumerate") {
                let inner = call
                    .args
                    .first()
                    .map(|a| self.expr(a, f))
                    .unwrap_or_default();
                for k in &call.keywords {
                    self.expr(&k.value, f);
                }
                let v = inner.element();
                if v.paths.is_empty() {
                    return Vec::new();
                }
                return vec![(first, Val::default()), (second, v)];
            }
        }
        let v = self.expr(iter, f).element();
        if v.paths.is_empty() {
            // Still bind (to nothing) so a stale alias of the same name is dropped.
            self.bind(target, Val::default(), f);
            return Vec::new();
        }
        vec![(target, v)]
    }

    fn with(&mut self, items: &[ast::WithItem], body: &[Stmt], f: &mut Frame) {
        for item in items {
            let v = self.expr(&item.context_expr, f);
            if let Some(t) = &item.optional_vars {
                self.bind(t, v, f);
            }
        }
        self.block(body, f);
    }

    fn try_stmt(
        &mut self,
        s: &Stmt,
        body: &[Stmt],
        handlers: &[ast::ExceptHandler],
        orelse: &[Stmt],
        finalbody: &[Stmt],
        f: &mut Frame,
    ) {
        if self.record_loops > 0 {
            let line = self.line(s);
            if !self.facts.try_in_record_loop.contains(&line) {
                self.facts.try_in_record_loop.push(line);
            }
        }
        self.block(body, f);
        for h in handlers {
            let ast::ExceptHandler::ExceptHandler(h) = h;
            if let Some(name) = &h.name {
                f.env.remove(name.as_str());
            }
            self.block(&h.body, f);
        }
        self.block(orelse, f);
        self.block(finalbody, f);
    }

    fn record_return(&mut self, v: &Val, line: u32) {
        if let Some(d) = &v.dict {
            for (k, lits) in d {
                let p = key("return", k);
                self.facts.returns.entry(p.clone()).or_insert(line);
                for lit in lits {
                    self.facts
                        .literals
                        .entry((p.clone(), lit.clone()))
                        .or_insert(line);
                }
            }
        }
    }

    /// Bind an assignment target. Subscript targets are writes into the event (Cognito
    /// triggers answer by filling `event['response']`) or into a local dict that may
    /// be returned later.
    fn bind(&mut self, target: &Expr, v: Val, f: &mut Frame) {
        match target {
            Expr::Name(n) => {
                f.env.insert(n.id.to_string(), v);
            }
            Expr::Tuple(t) => self.bind_seq(&t.elts, v, f),
            Expr::List(t) => self.bind_seq(&t.elts, v, f),
            Expr::Starred(s) => self.bind(&s.value, Val::default(), f),
            Expr::Subscript(sub) => {
                let obj = self.expr(&sub.value, f);
                let k = self.expr(&sub.slice, f);
                let line = self.line(target);
                if let Some(ks) = const_str(&sub.slice)
                    .map(|s| vec![s.to_owned()])
                    .or_else(|| (!k.strs.is_empty()).then(|| k.strs.clone()))
                {
                    for p in &obj.paths {
                        for kk in &ks {
                            self.facts.access(&key(p, kk), line);
                        }
                    }
                    // `response["cookies"] = ...` on a local dict extends its shape.
                    if let Expr::Name(n) = sub.value.as_ref() {
                        if let Some(local) = f.env.get_mut(n.id.as_str()) {
                            if let Some(d) = &mut local.dict {
                                for kk in ks {
                                    d.entry(kk).or_default().extend(v.strs.iter().cloned());
                                }
                            }
                        }
                    }
                }
            }
            other => {
                self.expr(other, f);
            }
        }
    }

    fn bind_seq(&mut self, elts: &[Expr], v: Val, f: &mut Frame) {
        match v.tuple {
            Some(parts) if parts.len() == elts.len() => {
                for (t, p) in elts.iter().zip(parts) {
                    self.bind(t, p, f);
                }
            }
            _ => {
                for t in elts {
                    self.bind(t, Val::default(), f);
                }
            }
        }
    }

    // ---- expressions ------------------------------------------------------------

    fn expr(&mut self, e: &Expr, f: &mut Frame) -> Val {
        if self.expr_depth >= MAX_EXPR_DEPTH || self.exhausted() {
            return Val::default();
        }
        self.expr_depth += 1;
        let v = self.expr_inner(e, f);
        self.expr_depth -= 1;
        v
    }

    fn exprs<'a>(&mut self, es: impl IntoIterator<Item = &'a Expr>, f: &mut Frame) -> Vec<Val> {
        es.into_iter().map(|e| self.expr(e, f)).collect()
    }

    fn expr_inner(&mut self, e: &Expr, f: &mut Frame) -> Val {
        match e {
            Expr::Name(n) => f.env.get(n.id.as_str()).cloned().unwrap_or_default(),
            Expr::Constant(c) => match &c.value {
                Constant::Str(s) => Val {
                    strs: vec![s.clone()],
                    ..Val::default()
                },
                _ => Val::default(),
            },
            Expr::Subscript(sub) => self.subscript(sub, f),
            Expr::Call(call) => self.call(call, f),
            Expr::Attribute(at) => {
                self.expr(&at.value, f);
                Val::default()
            }
            Expr::BoolOp(b) => {
                // `x.get('a') or {}` is still x.a.
                let mut out = Val::default();
                for v in self.exprs(&b.values, f) {
                    out.merge(v);
                }
                out.tuple = None;
                out
            }
            Expr::IfExp(i) => {
                self.expr(&i.test, f);
                let mut out = self.expr(&i.body, f);
                let other = self.expr(&i.orelse, f);
                out.merge(other);
                out
            }
            Expr::NamedExpr(n) => {
                let v = self.expr(&n.value, f);
                self.bind(&n.target, v.clone(), f);
                v
            }
            Expr::Compare(c) => {
                self.compare(c, f);
                Val::default()
            }
            Expr::Dict(d) => {
                let mut shape = BTreeMap::new();
                for (k, v) in d.keys.iter().zip(&d.values) {
                    let val = self.expr(v, f);
                    match k {
                        Some(k) => {
                            self.expr(k, f);
                            if let Some(ks) = const_str(k) {
                                shape.insert(ks.to_owned(), val.strs);
                            }
                        }
                        // `{**other}` keeps other's known keys.
                        None => {
                            if let Some(od) = val.dict {
                                shape.extend(od);
                            }
                        }
                    }
                }
                Val {
                    dict: Some(shape),
                    ..Val::default()
                }
            }
            Expr::Tuple(t) => {
                let parts = self.exprs(&t.elts, f);
                let strs = parts.iter().flat_map(|p| p.strs.iter().cloned()).collect();
                Val {
                    strs,
                    tuple: Some(parts),
                    ..Val::default()
                }
            }
            Expr::List(l) => self.collection(&l.elts, f),
            Expr::Set(s) => self.collection(&s.elts, f),
            Expr::ListComp(c) => self.comprehension(&c.generators, &[&c.elt], f),
            Expr::SetComp(c) => self.comprehension(&c.generators, &[&c.elt], f),
            Expr::GeneratorExp(c) => self.comprehension(&c.generators, &[&c.elt], f),
            Expr::DictComp(c) => self.comprehension(&c.generators, &[&c.key, &c.value], f),
            Expr::JoinedStr(j) => {
                self.exprs(&j.values, f);
                Val::default()
            }
            Expr::FormattedValue(v) => {
                self.expr(&v.value, f);
                Val::default()
            }
            Expr::BinOp(b) => {
                self.expr(&b.left, f);
                self.expr(&b.right, f);
                Val::default()
            }
            Expr::UnaryOp(u) => {
                self.expr(&u.operand, f);
                Val::default()
            }
            Expr::Await(a) => self.expr(&a.value, f),
            Expr::Starred(s) => self.expr(&s.value, f),
            Expr::Yield(y) => {
                if let Some(v) = &y.value {
                    self.expr(v, f);
                }
                Val::default()
            }
            Expr::YieldFrom(y) => {
                self.expr(&y.value, f);
                Val::default()
            }
            Expr::Slice(s) => {
                for part in [&s.lower, &s.upper, &s.step].into_iter().flatten() {
                    self.expr(part, f);
                }
                Val::default()
            }
            // Lambdas run later with unknown arguments; their bodies are not followed.
            Expr::Lambda(_) => Val::default(),
        }
    }

    /// List/set literal: its strings matter for `x in ("A", "B")`.
    fn collection(&mut self, elts: &[Expr], f: &mut Frame) -> Val {
        let parts = self.exprs(elts, f);
        Val {
            strs: parts.into_iter().flat_map(|p| p.strs).collect(),
            ..Val::default()
        }
    }

    fn comprehension(&mut self, gens: &[ast::Comprehension], elts: &[&Expr], f: &mut Frame) -> Val {
        // Comprehension targets are scoped: restore the outer names afterwards.
        let saved = f.env.clone();
        let mut loops = 0;
        for g in gens {
            let bindings = self.iter_element(&g.target, &g.iter, f);
            if !bindings.is_empty() {
                loops += 1;
            }
            for (t, v) in bindings {
                self.bind(t, v, f);
            }
            self.exprs(&g.ifs, f);
        }
        self.record_loops += loops;
        for e in elts {
            self.expr(e, f);
        }
        self.record_loops -= loops;
        f.env = saved;
        Val::default()
    }

    fn subscript(&mut self, sub: &ast::ExprSubscript, f: &mut Frame) -> Val {
        let obj = self.expr(&sub.value, f);
        let slice_val = self.expr(&sub.slice, f);
        if obj.paths.is_empty() {
            return Val::default();
        }
        let line = self.line(sub);
        let keys: Vec<String> = match const_str(&sub.slice) {
            Some(s) => vec![s.to_owned()],
            None if !slice_val.strs.is_empty() => slice_val.strs,
            // A slice (`records[1:]`) is still the same list.
            None if matches!(sub.slice.as_ref(), Expr::Slice(_)) => return obj,
            // Integers and unknown keys: an element.
            None => return self.extend(&obj, None, line),
        };
        let mut out = Val::default();
        for k in keys {
            out.merge(self.extend(&obj, Some(&k), line));
        }
        out
    }

    /// `obj[k]` (or an element when `k` is None), recording each resulting path.
    fn extend(&mut self, obj: &Val, k: Option<&str>, line: u32) -> Val {
        let mut out = Vec::new();
        for p in &obj.paths {
            let np = match k {
                Some(k) => key(p, k),
                None => index(p),
            };
            if np.len() > MAX_PATH_LEN {
                continue;
            }
            if k.is_some() {
                self.facts.access(&np, line);
            }
            if !out.contains(&np) {
                out.push(np);
            }
        }
        Val::paths(out)
    }

    fn compare(&mut self, c: &ast::ExprCompare, f: &mut Frame) {
        let mut operands = vec![self.expr(&c.left, f)];
        operands.extend(self.exprs(&c.comparators, f));
        let line = self.line(c);
        for (i, op) in c.ops.iter().enumerate() {
            let (Some(l), Some(r)) = (operands.get(i), operands.get(i + 1)) else {
                break;
            };
            match op {
                CmpOp::In | CmpOp::NotIn => {
                    // `'Records' in event` tests a key; `'lambda-url' in domain` a substring.
                    for p in &r.paths {
                        for s in &l.strs {
                            self.facts.access(&key(p, s), line);
                            self.literal(p, s, line);
                        }
                    }
                    // `record['eventName'] in ('INSERT', 'MODIFY')`
                    for p in &l.paths {
                        for s in &r.strs {
                            self.literal(p, s, line);
                        }
                    }
                }
                _ => {
                    for (a, b) in [(l, r), (r, l)] {
                        for p in &a.paths {
                            for s in &b.strs {
                                self.literal(p, s, line);
                            }
                        }
                    }
                }
            }
        }
    }

    fn literal(&mut self, path: &str, lit: &str, line: u32) {
        if lit.len() <= MAX_PATH_LEN {
            self.facts
                .literals
                .entry((path.to_owned(), lit.to_owned()))
                .or_insert(line);
        }
    }

    fn call(&mut self, call: &ast::ExprCall, f: &mut Frame) -> Val {
        match call.func.as_ref() {
            Expr::Attribute(at) => self.method_call(&at.value, at.attr.as_str(), call, f),
            Expr::Name(n) => self.function_call(n.id.as_str(), call, f),
            other => {
                self.expr(other, f);
                self.call_args(call, f);
                Val::default()
            }
        }
    }

    fn call_args(&mut self, call: &ast::ExprCall, f: &mut Frame) -> (Vec<Val>, Vec<(String, Val)>) {
        let args = self.exprs(&call.args, f);
        let mut kw = Vec::new();
        for k in &call.keywords {
            let v = self.expr(&k.value, f);
            if let Some(name) = &k.arg {
                kw.push((name.to_string(), v));
            }
        }
        (args, kw)
    }

    fn method_call(
        &mut self,
        obj: &Expr,
        method: &str,
        call: &ast::ExprCall,
        f: &mut Frame,
    ) -> Val {
        let target = self.expr(obj, f);
        let (args, _) = self.call_args(call, f);
        let line = self.line(call);
        match method {
            // Dict reads.
            "get" | "pop" | "setdefault" if !target.paths.is_empty() => {
                let keys = match call.args.first() {
                    Some(a) => const_str(a)
                        .map(|s| vec![s.to_owned()])
                        .unwrap_or_else(|| args[0].strs.clone()),
                    None => Vec::new(),
                };
                let mut out = Val::default();
                if keys.is_empty() {
                    out.merge(self.extend(&target, None, line));
                }
                for k in keys {
                    out.merge(self.extend(&target, Some(&k), line));
                }
                out
            }
            // String tests against literals.
            "startswith" | "endswith" | "__contains__" => {
                if let Some(a) = args.first() {
                    for p in &target.paths {
                        for s in &a.strs {
                            self.literal(p, s, line);
                        }
                    }
                }
                Val::default()
            }
            // Case/whitespace normalisation keeps the value comparable with literals.
            "lower" | "upper" | "strip" | "lstrip" | "rstrip" | "casefold" | "title" => {
                Val::paths(target.paths)
            }
            "values" => target.element(),
            "copy" => target,
            _ => Val::default(),
        }
    }

    fn function_call(&mut self, name: &str, call: &ast::ExprCall, f: &mut Frame) -> Val {
        let (args, kw) = self.call_args(call, f);
        let first = args.first().cloned().unwrap_or_default();
        match name {
            "list" | "sorted" | "reversed" | "iter" | "tuple" | "dict" | "filter" => {
                // filter(fn, xs) passes xs through.
                if name == "filter" {
                    return args.get(1).cloned().unwrap_or_default();
                }
                Val::paths(first.paths)
            }
            "next" => first.element(),
            "map" => {
                // map(helper, xs) calls helper on each element.
                if let (Some(Expr::Name(fname)), Some(xs)) = (call.args.first(), args.get(1)) {
                    let elem = xs.element();
                    self.follow(fname.id.as_str(), vec![elem], Vec::new());
                }
                Val::default()
            }
            _ => self.follow(name, args, kw).unwrap_or_default(),
        }
    }

    /// Walk a module-level function with its parameters bound to the argument values.
    fn follow(&mut self, name: &str, args: Vec<Val>, kw: Vec<(String, Val)>) -> Option<Val> {
        let func = *self.functions.get(name)?;
        // Walked even without event data in the arguments: a response builder such as
        // `alb_response(200, body)` still tells us the shape of what the handler returns.
        if self.call_stack.len() >= MAX_CALL_DEPTH || self.call_stack.iter().any(|n| n == name) {
            return None;
        }
        let memo_key = (name.to_owned(), format!("{args:?}{kw:?}"));
        if let Some(v) = self.memo.get(&memo_key) {
            return Some(v.clone());
        }

        let mut frame = Frame::default();
        let params: Vec<&ast::ArgWithDefault> = func
            .args
            .posonlyargs
            .iter()
            .chain(func.args.args.iter())
            .collect();
        for (i, p) in params.iter().enumerate() {
            let pname = p.def.arg.as_str();
            let bound = args
                .get(i)
                .cloned()
                .or_else(|| kw.iter().find(|(k, _)| k == pname).map(|(_, v)| v.clone()));
            let v = match bound {
                Some(v) => v,
                // A string default (`def image(rec, name="NewImage")`) is a usable constant.
                None => match p.default.as_deref().and_then(const_str) {
                    Some(s) => Val {
                        strs: vec![s.to_owned()],
                        ..Val::default()
                    },
                    None => Val::default(),
                },
            };
            frame.env.insert(pname.to_owned(), v);
        }
        for k in &func.args.kwonlyargs {
            if let Some((_, v)) = kw.iter().find(|(n, _)| n == k.def.arg.as_str()) {
                frame.env.insert(k.def.arg.to_string(), v.clone());
            }
        }
        self.call_stack.push(name.to_owned());
        self.block(func.body, &mut frame);
        self.call_stack.pop();
        self.memo.insert(memo_key, frame.returns.clone());
        Some(frame.returns)
    }
}
