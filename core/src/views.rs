//! Event views: which parts of the event the handler reads as typed structs.
//!
//! Handlers navigate the event with constant keys — `for record in event["Records"]:`,
//! `record["s3"]["object"]["key"]`, `event.get("Records", [])`, `"body" in record` — and
//! those parts become structs named after their `aws_lambda_events` types
//! (`S3EventRecord { s3: Option<Node<S3Entity>> }`), read with methods
//! (`record.s3()?.object()?.key()?`). What the handler does with a value beyond navigating
//! (passing it on, looping with `enumerate`, serialising it) makes that part a plain `Py`
//! value, read from the view by its key.
//!
//! A part of the event is a view (a *node*) only when every use of it is one the view
//! answers exactly as the dict would (`pyrt/src/event.rs` says how): a constant-key
//! subscript, `.get` with a constant key, `in` with a constant key, iteration by `for`,
//! an integer index, `len()`, assignment to a local, or an argument of a module function
//! whose parameter is itself a view of the same part. Anything else — a store into it, a
//! method call, a use in an expression — makes it a plain value. It is a greatest fixpoint
//! over the whole module: guesses are dropped until every remaining one holds.
//!
//! Locals holding views are bound once (one assignment that declares them, or one `for`
//! whose body holds every read), never read by a lambda, generator expression or nested
//! function, and never rebound; parameters are views when every call passes the same view.

use std::collections::{HashMap, HashSet};

use rustpython_parser::ast::{self, Constant, Expr, Stmt};

use crate::frontend::const_str;
use crate::scope::{self, Decl};

/// One step into the event: a key of an object, or the items of a list.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Seg {
    Key(String),
    Item,
    /// The value `json.loads` gave the local named here (a root of its own).
    Payload(usize, String),
}

pub type Path = Vec<Seg>;

/// What the handler reads of one field of an object view.
#[derive(Clone, Debug, Default)]
pub struct FieldUse {
    /// `obj["key"]`
    pub get: bool,
    /// `obj.get("key")` / `obj.get("key", default)` of a plain value
    pub or: bool,
    /// `obj.get("key", [])` / `obj.get("key", {})` of a view
    pub or_empty: bool,
    /// `"key" in obj`
    pub has: bool,
    /// `obj.get("key") or []` / `obj.get("key") or {}` of a view
    pub or_falsy: bool,
}

#[derive(Clone, Debug)]
pub struct Field {
    pub key: String,
    /// The struct field and the base of the method names.
    pub rust_name: String,
    pub uses: FieldUse,
    pub child: Option<usize>,
    pub get_method: String,
    pub or_method: String,
    pub or_empty_method: String,
    pub has_method: String,
    pub or_falsy_method: String,
}

#[derive(Clone, Debug)]
pub enum Shape {
    /// A struct of the fields read.
    Object { fields: Vec<Field> },
    /// A list; its items are the node given, or plain values.
    List { item: Option<usize> },
}

#[derive(Clone, Debug)]
pub struct ViewNode {
    pub path: Path,
    /// The struct name (objects); lists have none of their own.
    pub rust_name: String,
    /// The `aws_lambda_events` type this part of the event is, when known.
    pub aws_type: Option<String>,
    pub shape: Shape,
}

#[derive(Debug, Default)]
pub struct EventViews {
    /// The event's parts (when the event is a view) and the payloads' parts.
    pub nodes: Vec<ViewNode>,
    by_path: HashMap<Path, usize>,
    /// Function → its locals and parameters that hold views.
    pub vars: HashMap<String, HashMap<String, usize>>,
    /// The analysed `def`s (by address) → their names: only their bodies hold views.
    pub defs: HashMap<usize, String>,
    /// (function, local) bound to a `json.loads(...)` payload view.
    pub loads: HashSet<(String, String)>,
    /// (function, name) of comprehension targets holding views: they exist only inside
    /// their comprehension.
    pub comp_vars: HashSet<(String, String)>,
}

impl EventViews {
    pub fn var(&self, function: &str, name: &str) -> Option<usize> {
        self.vars.get(function)?.get(name).copied()
    }

    /// The node `e` evaluates to in `function`, `names_shadowed` telling which names a
    /// comprehension or lambda rebinds there.
    pub fn node_of(&self, e: &Expr, var: &dyn Fn(&str) -> Option<usize>) -> Option<usize> {
        let path = path_of(e, &|n| var(n).map(|i| self.nodes[i].path.clone()))?;
        self.by_path.get(&path).copied()
    }

    /// The field `key` of the object node `node`.
    pub fn field(&self, node: usize, key: &str) -> Option<&Field> {
        match &self.nodes[node].shape {
            Shape::Object { fields } => fields.iter().find(|f| f.key == key),
            Shape::List { .. } => None,
        }
    }

    pub fn item(&self, node: usize) -> Option<Option<usize>> {
        match &self.nodes[node].shape {
            Shape::List { item } => Some(*item),
            Shape::Object { .. } => None,
        }
    }
}

/// A constant (possibly negated) integer that fits an `i64`.
pub fn const_index(e: &Expr) -> Option<i64> {
    match e {
        Expr::Constant(c) => match &c.value {
            Constant::Int(i) => i64::try_from(i.clone()).ok(),
            _ => None,
        },
        Expr::UnaryOp(u) if matches!(u.op, ast::UnaryOp::USub) => {
            const_index(&u.operand)?.checked_neg()
        }
        _ => None,
    }
}

/// `obj.get("key")` / `obj.get("key", default)`: (obj, key, default).
pub fn get_call(e: &Expr) -> Option<(&Expr, &str, Option<&Expr>)> {
    let Expr::Call(c) = e else { return None };
    let Expr::Attribute(a) = c.func.as_ref() else {
        return None;
    };
    if a.attr.as_str() != "get" || !c.keywords.is_empty() || c.args.is_empty() || c.args.len() > 2 {
        return None;
    }
    if c.args.iter().any(|a| matches!(a, Expr::Starred(_))) {
        return None;
    }
    let key = const_str(&c.args[0])?;
    Some((&a.value, key, c.args.get(1)))
}

/// `p` is `d` or inside it (a payload is not inside the event).
fn under(p: &Path, d: &Path) -> bool {
    p.starts_with(d) && !(d.is_empty() && matches!(p.first(), Some(Seg::Payload(..))))
}

/// `for i, x in enumerate(xs[, start])` with plain names and a small literal `start`:
/// (xs, start, i, x).
pub fn enumerate_loop(fo: &ast::StmtFor) -> Option<(&Expr, Option<i64>, &Expr, &Expr)> {
    let Expr::Call(c) = fo.iter.as_ref() else {
        return None;
    };
    let Expr::Name(f) = c.func.as_ref() else {
        return None;
    };
    if f.id.as_str() != "enumerate"
        || !c.keywords.is_empty()
        || c.args.is_empty()
        || c.args.len() > 2
    {
        return None;
    }
    if c.args.iter().any(|a| matches!(a, Expr::Starred(_))) {
        return None;
    }
    let start = match c.args.get(1) {
        Some(s) => Some(const_index(s).filter(|v| v.abs() <= 1 << 40)?),
        None => None,
    };
    let Expr::Tuple(t) = fo.target.as_ref() else {
        return None;
    };
    match t.elts.as_slice() {
        [i @ Expr::Name(_), x @ Expr::Name(_)] => Some((&c.args[0], start, i, x)),
        _ => None,
    }
}

/// `obj.get("key") or []` / `obj.get("key") or {}`: (obj, key, the default is a list).
pub fn get_or_falsy(e: &Expr) -> Option<(&Expr, &str, bool)> {
    let Expr::BoolOp(b) = e else { return None };
    if !matches!(b.op, ast::BoolOp::Or) || b.values.len() != 2 {
        return None;
    }
    let (obj, key, None) = get_call(&b.values[0])? else {
        return None;
    };
    Some((obj, key, empty_default(&b.values[1])?))
}

/// `[]` → `Item`-shaped (a list), `{}` → an object: the empty default of `.get(key, ...)`.
pub fn empty_default(e: &Expr) -> Option<bool> {
    match e {
        Expr::List(l) if l.elts.is_empty() => Some(true),
        Expr::Dict(d) if d.keys.is_empty() => Some(false),
        _ => None,
    }
}

/// The event path `e` reads, given the paths of the view variables.
fn path_of(e: &Expr, var: &dyn Fn(&str) -> Option<Path>) -> Option<Path> {
    match e {
        Expr::Name(n) => var(n.id.as_str()),
        Expr::Subscript(s) if s.ctx == ast::ExprContext::Load => {
            let mut p = path_of(&s.value, var)?;
            if let Some(k) = const_str(&s.slice) {
                p.push(Seg::Key(k.to_string()));
            } else if const_index(&s.slice).is_some() {
                p.push(Seg::Item);
            } else {
                return None;
            }
            Some(p)
        }
        Expr::Call(_) => {
            let (obj, key, default) = get_call(e)?;
            empty_default(default?)?;
            let mut p = path_of(obj, var)?;
            p.push(Seg::Key(key.to_string()));
            Some(p)
        }
        Expr::BoolOp(_) => {
            let (obj, key, _) = get_or_falsy(e)?;
            let mut p = path_of(obj, var)?;
            p.push(Seg::Key(key.to_string()));
            Some(p)
        }
        _ => None,
    }
}

/// How a candidate variable is bound.
#[derive(Clone, Copy)]
enum Binding<'a> {
    /// The handler's event parameter.
    Root,
    /// Parameter `index` of a module function: bound by its calls.
    Param(usize),
    Assign(&'a Expr),
    For(&'a Expr),
    /// `name = json.loads(text)`: the root of a payload view.
    Loads(usize),
    /// The target of a list/set/dict comprehension over this list (one `for` clause).
    Comp(&'a Expr),
}

#[derive(Default, Clone)]
struct PathUse {
    object: bool,
    list: bool,
    fields: Vec<(String, FieldUse)>,
    /// Kinds the `.get(key, []/{})` defaults expect (true = list).
    expect: Vec<bool>,
    bound: bool,
}

impl PathUse {
    fn field(&mut self, key: &str) -> &mut FieldUse {
        self.object = true;
        if let Some(i) = self.fields.iter().position(|(k, _)| k == key) {
            return &mut self.fields[i].1;
        }
        self.fields.push((key.to_string(), FieldUse::default()));
        &mut self.fields.last_mut().expect("just pushed").1
    }
}

struct Analysis<'a> {
    handler: &'a str,
    functions: Vec<&'a ast::StmtFunctionDef>,
    /// Functions whose parameters may be views: name → definition.
    callable: HashMap<&'a str, &'a ast::StmtFunctionDef>,
    /// (function, variable) → how it is bound.
    candidates: HashMap<(String, String), Binding<'a>>,
    /// Calls of module functions: (callee, caller — `None` outside an analysed body, call).
    calls: Vec<(&'a str, Option<&'a str>, &'a ast::ExprCall)>,
    dropped_vars: HashSet<(String, String)>,
    demoted: HashSet<Path>,
    vars: HashMap<String, HashMap<String, Path>>,
    uses: HashMap<Path, PathUse>,
    len_shadowed: bool,
    enumerate_shadowed: bool,
    /// Functions with a local named `enumerate`.
    local_enumerate: HashSet<String>,
    handler_referenced: bool,
    /// The event itself may be a view (its source is known).
    event_view: bool,
    /// Names that are the `json` module / `json.loads` (bound once, by a module import).
    json_modules: HashSet<String>,
    json_loads: HashSet<String>,
    /// Payload roots: (function, local).
    payloads: Vec<(String, String)>,
    /// `candidates`' keys, sorted (the order bindings are resolved in).
    candidate_order: Vec<(String, String)>,
}

/// The views of the event `handler` receives, or `None` when the event is used as a whole.
pub fn analyse(
    suite: &[Stmt],
    handler: &str,
    event_type: &str,
    source: &str,
) -> Option<EventViews> {
    let mut defs: HashMap<&str, Vec<&ast::StmtFunctionDef>> = HashMap::new();
    let mut module_names: HashMap<String, usize> = HashMap::new();
    for s in suite {
        match s {
            Stmt::FunctionDef(f) => defs.entry(f.name.as_str()).or_default().push(f),
            _ => {
                let mut bound = HashSet::new();
                stmt_bindings(s, &mut bound);
                for n in bound {
                    *module_names.entry(n).or_default() += 1;
                }
            }
        }
    }
    let functions: Vec<&ast::StmtFunctionDef> = defs
        .iter()
        .filter(|(name, d)| d.len() == 1 && !module_names.contains_key(**name))
        .map(|(_, d)| d[0])
        .filter(|f| f.decorator_list.is_empty() && !has_yield(&f.body))
        .collect();
    let handler_def = functions.iter().find(|f| f.name.as_str() == handler)?;
    let event_view = !source.is_empty()
        && !handler_def.args.args.is_empty()
        && handler_def.args.args[0].default.is_none();
    let (json_modules, json_loads) = json_names(suite, &module_names);
    let mut a = Analysis {
        handler,
        callable: functions
            .iter()
            .filter(|f| {
                f.name.as_str() != handler
                    && f.args.vararg.is_none()
                    && f.args.kwarg.is_none()
                    && f.args.kwonlyargs.is_empty()
                    && f.args.posonlyargs.is_empty()
            })
            .map(|f| (f.name.as_str(), *f))
            .collect(),
        functions: {
            let mut fs = functions.clone();
            fs.sort_by_key(|f| f.range.start());
            fs
        },
        candidates: HashMap::new(),
        calls: Vec::new(),
        dropped_vars: HashSet::new(),
        demoted: HashSet::new(),
        vars: HashMap::new(),
        uses: HashMap::new(),
        len_shadowed: module_names.contains_key("len") || defs.contains_key("len"),
        enumerate_shadowed: module_names.contains_key("enumerate")
            || defs.contains_key("enumerate"),
        local_enumerate: HashSet::new(),
        handler_referenced: false,
        event_view,
        json_modules,
        json_loads,
        payloads: Vec::new(),
        candidate_order: Vec::new(),
    };
    a.find_calls(suite);
    if a.handler_referenced {
        a.event_view = false;
    }
    a.find_candidates();
    let mut rounds = 0;
    loop {
        rounds += 1;
        let before = (a.demoted.len(), a.dropped_vars.len());
        a.bind_vars();
        a.uses.clear();
        let fs = a.functions.clone();
        for f in fs {
            let name = f.name.as_str();
            // Only a function holding views can use one.
            if a.vars.get(name).is_none_or(|v| v.is_empty()) {
                continue;
            }
            for s in &f.body {
                a.stmt(name, s);
            }
        }
        a.settle();
        if (a.demoted.len(), a.dropped_vars.len()) == before || rounds > 64 {
            break;
        }
    }
    a.bind_vars();
    let views = a.build(event_type, source);
    (!views.nodes.is_empty()).then_some(views)
}

/// The names that are the `json` module and its `loads` function: bound once in the module,
/// by `import json [as j]` / `from json import loads [as l]`.
fn json_names(
    suite: &[Stmt],
    module_names: &HashMap<String, usize>,
) -> (HashSet<String>, HashSet<String>) {
    let mut modules = HashSet::new();
    let mut loads = HashSet::new();
    for s in suite {
        match s {
            Stmt::Import(i) => {
                for a in &i.names {
                    if a.name.as_str() == "json" {
                        modules.insert(
                            a.asname
                                .as_ref()
                                .map(|n| n.to_string())
                                .unwrap_or_else(|| "json".into()),
                        );
                    }
                }
            }
            Stmt::ImportFrom(i) if i.module.as_ref().is_some_and(|m| m.as_str() == "json") => {
                for a in &i.names {
                    if a.name.as_str() == "loads" {
                        loads.insert(
                            a.asname
                                .as_ref()
                                .map(|n| n.to_string())
                                .unwrap_or_else(|| "loads".into()),
                        );
                    }
                }
            }
            _ => {}
        }
    }
    let once = |n: &String| module_names.get(n) == Some(&1);
    modules.retain(once);
    loads.retain(once);
    (modules, loads)
}

impl<'a> Analysis<'a> {
    /// Every reference to a module function: a direct call (recorded), or a use as a value
    /// (its parameters are then never views).
    fn find_calls(&mut self, suite: &'a [Stmt]) {
        let mut refs: Vec<(&'a Expr, Option<&'a str>, bool)> = Vec::new();
        for s in suite {
            let owner = match s {
                Stmt::FunctionDef(f) if self.functions.iter().any(|g| std::ptr::eq(*g, f)) => {
                    Some(f.name.as_str())
                }
                _ => None,
            };
            match (owner, s) {
                (Some(o), Stmt::FunctionDef(f)) => {
                    for d in f
                        .args
                        .args
                        .iter()
                        .chain(&f.args.kwonlyargs)
                        .chain(&f.args.posonlyargs)
                    {
                        if let Some(d) = &d.default {
                            collect_refs(d, None, false, &mut refs);
                        }
                    }
                    for b in &f.body {
                        stmt_exprs(b, &mut |e, nested| {
                            collect_refs(e, Some(o), nested, &mut refs)
                        });
                    }
                }
                _ => stmt_exprs(s, &mut |e, _| collect_refs(e, None, true, &mut refs)),
            }
        }
        let mut used_as_value: HashSet<&str> = HashSet::new();
        // The handler called or passed around by the Python itself: its event is a `Py`.
        self.handler_referenced = refs.iter().any(|(e, _, _)| match e {
            Expr::Name(n) => n.id.as_str() == self.handler,
            Expr::Call(c) => {
                matches!(c.func.as_ref(), Expr::Name(n) if n.id.as_str() == self.handler)
            }
            _ => false,
        });
        for (e, owner, nested) in refs {
            match e {
                Expr::Call(c) => {
                    if let Expr::Name(n) = c.func.as_ref() {
                        if let Some((name, _)) = self.callable.get_key_value(n.id.as_str()) {
                            let direct = !c.args.iter().any(|a| matches!(a, Expr::Starred(_)))
                                && c.keywords.iter().all(|k| k.arg.is_some());
                            if !direct {
                                used_as_value.insert(name);
                            }
                            self.calls
                                .push((name, if nested { None } else { owner }, c));
                        }
                    }
                }
                Expr::Name(n) => {
                    if let Some((name, _)) = self.callable.get_key_value(n.id.as_str()) {
                        used_as_value.insert(name);
                    }
                }
                _ => {}
            }
        }
        // A local of the same name shadows the module function somewhere.
        for f in &self.functions {
            let mut bound = HashSet::new();
            for s in &f.body {
                stmt_bindings(s, &mut bound);
            }
            for p in scope::param_names(f) {
                bound.insert(p);
            }
            for n in bound {
                if let Some((name, _)) = self.callable.get_key_value(n.as_str()) {
                    used_as_value.insert(name);
                }
            }
        }
        self.callable.retain(|n, _| !used_as_value.contains(n));
        let callable = &self.callable;
        self.calls.retain(|(n, _, _)| callable.contains_key(n));
    }

    fn find_candidates(&mut self) {
        for f in self.functions.clone() {
            let name = f.name.to_string();
            // Views come from the event and reach other functions only as parameters.
            let takes_views = name == self.handler || self.callable.contains_key(f.name.as_str());
            if contains_match(&f.body) || (!takes_views && !self.has_loads(&f.body)) {
                continue;
            }
            // One walk over the statements, one over the expressions.
            let mut binds: HashMap<String, usize> = HashMap::new();
            let mut declared_global = HashSet::new();
            let mut view_shaped = false;
            let mut bound_here = Vec::new();
            walk_stmts(&f.body, &mut |s| {
                stmt_binding_list(s, &mut bound_here);
                match s {
                    Stmt::Global(g) => {
                        declared_global.extend(g.names.iter().map(|n| n.to_string()))
                    }
                    Stmt::Nonlocal(g) => {
                        declared_global.extend(g.names.iter().map(|n| n.to_string()))
                    }
                    // Where each local's `let` goes matters only for assignments that can bind a view.
                    Stmt::Assign(asg) => {
                        view_shaped |= matches!(
                            asg.value.as_ref(),
                            Expr::Name(_) | Expr::Subscript(_) | Expr::Call(_) | Expr::BoolOp(_)
                        ) && matches!(asg.targets.as_slice(), [Expr::Name(_)]);
                    }
                    _ => {}
                }
            });
            for n in bound_here {
                *binds.entry(n).or_default() += 1;
            }
            let mut nested_reads: HashSet<String> = HashSet::new();
            let mut all_reads: HashMap<String, usize> = HashMap::new();
            // Comprehension targets: bound by that one comprehension, read only inside it.
            let mut comp_counts: HashMap<String, usize> = HashMap::new();
            let mut comps: Vec<&'a Expr> = Vec::new();
            for s in &f.body {
                stmt_exprs(s, &mut |e, nested| {
                    reads(e, nested, &mut nested_reads, &mut all_reads);
                    comp_sites(e, nested, &mut comp_counts, &mut comps);
                });
            }
            let ok = |v: &str| {
                // `comp_counts` holds every comprehension, lambda and `:=` target.
                !nested_reads.contains(v)
                    && !comp_counts.contains_key(v)
                    && !declared_global.contains(v)
            };
            let params = scope::param_names(f);
            // What `json`/`loads` could mean here: the function's own names shadow the module's.
            let mut names_bound = binds.clone();
            for p in &params {
                names_bound.insert(p.clone(), 1);
            }
            if names_bound.contains_key("enumerate") {
                self.local_enumerate.insert(name.clone());
            }
            if name == self.handler && self.event_view {
                let event = f.args.args[0].def.arg.to_string();
                if ok(&event) && !binds.contains_key(&event) {
                    self.candidates.insert((name.clone(), event), Binding::Root);
                }
            } else if self.callable.contains_key(f.name.as_str()) {
                for (i, p) in f.args.args.iter().enumerate() {
                    let pn = p.def.arg.to_string();
                    if p.default.is_none() && ok(&pn) && !binds.contains_key(&pn) {
                        self.candidates
                            .insert((name.clone(), pn), Binding::Param(i));
                    }
                }
            }
            for comp in comps {
                let (elts, g): (Vec<&Expr>, &ast::Comprehension) = match comp {
                    Expr::ListComp(c) => (vec![&*c.elt], &c.generators[0]),
                    Expr::SetComp(c) => (vec![&*c.elt], &c.generators[0]),
                    Expr::DictComp(c) => (vec![&*c.key, &*c.value], &c.generators[0]),
                    _ => continue,
                };
                let Expr::Name(n) = &g.target else { continue };
                let v = n.id.to_string();
                let mut inside: HashMap<String, usize> = HashMap::new();
                let mut ignore = HashSet::new();
                for e in elts.iter().copied().chain(g.ifs.iter()) {
                    reads(e, false, &mut ignore, &mut inside);
                }
                if !binds.contains_key(&v)
                    && comp_counts.get(&v) == Some(&1)
                    && !nested_reads.contains(&v)
                    && !declared_global.contains(&v)
                    && !params.contains(&v)
                    && inside.get(&v).copied().unwrap_or(0)
                        == all_reads.get(&v).copied().unwrap_or(0)
                {
                    self.candidates
                        .insert((name.clone(), v), Binding::Comp(&g.iter));
                }
            }
            let fscope = if view_shaped {
                scope::analyse(&params, &f.body)
            } else {
                scope::FunctionScope::default()
            };
            walk_stmts(&f.body, &mut |s| match s {
                Stmt::Assign(asg) if asg.targets.len() == 1 => {
                    if let Expr::Name(n) = &asg.targets[0] {
                        let v = n.id.to_string();
                        let at_stmt = fscope.locals.get(&v).and_then(|i| i.decl.clone())
                            == Some(Decl::AtStatement(scope::stmt_id(s)));
                        if at_stmt && binds.get(&v) == Some(&1) && ok(&v) && !params.contains(&v) {
                            if self.is_loads(&asg.value, &names_bound) {
                                self.payloads.push((name.clone(), v.clone()));
                                let root = Binding::Loads(self.payloads.len() - 1);
                                self.candidates.insert((name.clone(), v), root);
                            } else {
                                self.candidates
                                    .insert((name.clone(), v), Binding::Assign(&asg.value));
                            }
                        }
                    }
                }
                Stmt::For(fo) => {
                    let enumerated = enumerate_loop(fo).filter(|_| {
                        !self.enumerate_shadowed && !names_bound.contains_key("enumerate")
                    });
                    let (list, target) = match enumerated {
                        Some((xs, _, _, x)) => (xs, x),
                        None => (fo.iter.as_ref(), fo.target.as_ref()),
                    };
                    if let Expr::Name(n) = target {
                        let v = n.id.to_string();
                        let mut inside: HashMap<String, usize> = HashMap::new();
                        let mut ignore = HashSet::new();
                        for b in &fo.body {
                            stmt_exprs(b, &mut |e, nested| {
                                reads(e, nested, &mut ignore, &mut inside)
                            });
                        }
                        let total = all_reads.get(&v).copied().unwrap_or(0);
                        if binds.get(&v) == Some(&1)
                            && ok(&v)
                            && !params.contains(&v)
                            && inside.get(&v).copied().unwrap_or(0) == total
                        {
                            self.candidates
                                .insert((name.clone(), v), Binding::For(list));
                        }
                    }
                }
                _ => {}
            });
        }
    }

    /// `json.loads(text)` (one positional argument, nothing else), with `json`/`loads` the
    /// standard library's here (`binds`: the names the function binds itself).
    fn is_loads(&self, e: &Expr, binds: &HashMap<String, usize>) -> bool {
        let Expr::Call(c) = e else { return false };
        if c.args.len() != 1 || !c.keywords.is_empty() || matches!(c.args[0], Expr::Starred(_)) {
            return false;
        }
        match c.func.as_ref() {
            Expr::Attribute(a) if a.attr.as_str() == "loads" => matches!(
                a.value.as_ref(),
                Expr::Name(m) if self.json_modules.contains(m.id.as_str()) && !binds.contains_key(m.id.as_str())
            ),
            Expr::Name(l) => {
                self.json_loads.contains(l.id.as_str()) && !binds.contains_key(l.id.as_str())
            }
            _ => false,
        }
    }

    /// Some statement of `body` assigns a `json.loads(...)` result.
    fn has_loads(&self, body: &[Stmt]) -> bool {
        let mut found = false;
        let none = HashMap::new();
        walk_stmts(body, &mut |s| {
            if let Stmt::Assign(a) = s {
                found |= self.is_loads(&a.value, &none);
            }
        });
        found
    }

    fn var_path(&self, function: &str, name: &str) -> Option<Path> {
        self.vars.get(function)?.get(name).cloned()
    }

    /// The path `e` reads in `function`, when that part of the event is (still) a view.
    fn path(&self, function: &str, e: &Expr) -> Option<Path> {
        let p = path_of(e, &|n| self.var_path(function, n))?;
        (!self.demoted.contains(&p)).then_some(p)
    }

    /// Each candidate's path: what every binding gives it (iterated: bindings read others).
    fn bind_vars(&mut self) {
        self.vars.clear();
        if self.candidate_order.len() != self.candidates.len() {
            self.candidate_order = self.candidates.keys().cloned().collect();
            self.candidate_order.sort();
        }
        let keys = std::mem::take(&mut self.candidate_order);
        loop {
            let mut changed = false;
            for key in keys.iter().filter(|k| !self.dropped_vars.contains(*k)) {
                if self.var_path(&key.0, &key.1).is_some() {
                    continue;
                }
                let binding = self.candidates[key];
                let path = match binding {
                    Binding::Root => Some(Vec::new()),
                    Binding::Assign(e) => self.path(&key.0, e),
                    Binding::For(e) => self.path(&key.0, e).map(|mut p| {
                        p.push(Seg::Item);
                        p
                    }),
                    Binding::Param(i) => self.param_path(&key.0, &key.1, i),
                    Binding::Loads(i) => Some(vec![Seg::Payload(i, key.1.clone())]),
                    Binding::Comp(e) => self.path(&key.0, e).map(|mut p| {
                        p.push(Seg::Item);
                        p
                    }),
                };
                if let Some(p) = path.filter(|p| !self.demoted.contains(p)) {
                    self.vars
                        .entry(key.0.clone())
                        .or_default()
                        .insert(key.1.clone(), p);
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        self.candidate_order = keys;
    }

    /// The path every call of `function` passes as its parameter `index`.
    fn param_path(&self, function: &str, param: &str, index: usize) -> Option<Path> {
        let mut found: Option<Path> = None;
        let mut any = false;
        for (callee, caller, call) in &self.calls {
            if *callee != function {
                continue;
            }
            any = true;
            let arg = call_arg(call, index, param)?;
            let p = self.path((*caller)?, arg)?;
            match &found {
                Some(f) if *f != p => return None,
                _ => found = Some(p),
            }
        }
        if any {
            found
        } else {
            None
        }
    }

    fn demote(&mut self, p: Path) {
        self.demoted.insert(p);
    }

    fn use_of(&mut self, p: &Path) -> &mut PathUse {
        self.uses.entry(p.clone()).or_default()
    }

    /// `e` is a view used where only a view works: record how its parts are reached.
    fn view_use(&mut self, f: &str, e: &Expr) {
        match e {
            Expr::Subscript(s) => {
                let Some(p) = self.path(f, &s.value) else {
                    return;
                };
                if let Some(k) = const_str(&s.slice) {
                    self.use_of(&p).field(k).get = true;
                } else {
                    self.use_of(&p).list = true;
                }
                self.view_use(f, &s.value);
            }
            Expr::Call(_) => {
                if let Some((obj, key, Some(d))) = get_call(e) {
                    let Some(p) = self.path(f, obj) else { return };
                    self.use_of(&p).field(key).or_empty = true;
                    let mut child = p.clone();
                    child.push(Seg::Key(key.to_string()));
                    if let Some(list) = empty_default(d) {
                        self.use_of(&child).expect.push(list);
                    }
                    self.view_use(f, obj);
                }
            }
            Expr::BoolOp(_) => {
                if let Some((obj, key, list)) = get_or_falsy(e) {
                    let Some(p) = self.path(f, obj) else { return };
                    self.use_of(&p).field(key).or_falsy = true;
                    let mut child = p.clone();
                    child.push(Seg::Key(key.to_string()));
                    self.use_of(&child).expect.push(list);
                    self.view_use(f, obj);
                }
            }
            _ => {}
        }
    }

    /// `e` used as a plain value: a view there becomes a plain value.
    fn escape(&mut self, f: &str, e: &Expr) {
        if let Some(p) = self.path(f, e) {
            self.demote(p);
            self.view_use(f, e);
            return;
        }
        self.expr(f, e);
    }

    fn expr(&mut self, f: &str, e: &Expr) {
        if self.path(f, e).is_some() {
            return self.escape(f, e);
        }
        match e {
            Expr::Subscript(s) if s.ctx == ast::ExprContext::Load => {
                if let Some(p) = self.path(f, &s.value) {
                    if let Some(k) = const_str(&s.slice) {
                        self.use_of(&p).field(k).get = true;
                        let mut child = p.clone();
                        child.push(Seg::Key(k.to_string()));
                        self.demote(child);
                        self.view_use(f, &s.value);
                        return;
                    }
                    if const_index(&s.slice).is_some() {
                        self.use_of(&p).list = true;
                        let mut child = p.clone();
                        child.push(Seg::Item);
                        self.demote(child);
                        self.view_use(f, &s.value);
                        return;
                    }
                }
            }
            Expr::Call(c) => {
                if let Some((obj, key, default)) = get_call(e) {
                    if let Some(p) = self.path(f, obj) {
                        self.use_of(&p).field(key).or = true;
                        let mut child = p.clone();
                        child.push(Seg::Key(key.to_string()));
                        self.demote(child);
                        self.view_use(f, obj);
                        if let Some(d) = default {
                            self.expr(f, d);
                        }
                        return;
                    }
                }
                if let Expr::Name(n) = c.func.as_ref() {
                    if n.id.as_str() == "len"
                        && !self.len_shadowed
                        && c.args.len() == 1
                        && c.keywords.is_empty()
                    {
                        if let Some(p) = self.path(f, &c.args[0]) {
                            self.use_of(&p).list = true;
                            self.view_use(f, &c.args[0]);
                            return;
                        }
                    }
                    // (A function some local shadows is not in `callable`: `find_calls`.)
                    if self.callable.contains_key(n.id.as_str()) {
                        let callee = n.id.to_string();
                        let def = self.callable[callee.as_str()];
                        for (i, a) in c.args.iter().enumerate() {
                            let param = def.args.args.get(i).map(|p| p.def.arg.to_string());
                            self.argument(f, &callee, param, a);
                        }
                        for k in &c.keywords {
                            self.argument(
                                f,
                                &callee,
                                k.arg.as_ref().map(|a| a.to_string()),
                                &k.value,
                            );
                        }
                        return;
                    }
                }
            }
            Expr::Compare(c)
                if c.ops.len() == 1
                    && matches!(c.ops[0], ast::CmpOp::In | ast::CmpOp::NotIn)
                    && const_str(&c.left).is_some() =>
            {
                if let Some(p) = self.path(f, &c.comparators[0]) {
                    let k = const_str(&c.left).unwrap_or_default();
                    self.use_of(&p).field(k).has = true;
                    self.view_use(f, &c.comparators[0]);
                    return;
                }
            }
            Expr::ListComp(c) => return self.comprehension(f, &[&c.elt], &c.generators),
            Expr::SetComp(c) => return self.comprehension(f, &[&c.elt], &c.generators),
            Expr::DictComp(c) => return self.comprehension(f, &[&c.key, &c.value], &c.generators),
            _ => {}
        }
        scope::walk_children(e, &mut |c| self.expr(f, c));
    }

    fn argument(&mut self, f: &str, callee: &str, param: Option<String>, a: &Expr) {
        if let (Some(p), Some(param)) = (self.path(f, a), param) {
            if self.var_path(callee, &param) == Some(p) {
                self.view_use(f, a);
                return;
            }
        }
        self.escape(f, a);
    }

    /// A list/set/dict comprehension runs inline: its first iterable may be a list view
    /// of plain values.
    fn comprehension(&mut self, f: &str, elts: &[&Expr], gens: &[ast::Comprehension]) {
        for (i, g) in gens.iter().enumerate() {
            match self.path(f, &g.iter) {
                Some(p) if i == 0 => {
                    self.use_of(&p).list = true;
                    let mut item = p.clone();
                    item.push(Seg::Item);
                    let key = match &g.target {
                        Expr::Name(n) => Some((f.to_string(), n.id.to_string())),
                        _ => None,
                    };
                    let comp_var = gens.len() == 1
                        && key.as_ref().is_some_and(|k| {
                            matches!(self.candidates.get(k), Some(Binding::Comp(_)))
                        })
                        && self.bound_to(f, &g.target, &item);
                    if comp_var {
                        self.use_of(&item).bound = true;
                    } else {
                        self.demote(item);
                    }
                    self.view_use(f, &g.iter);
                }
                _ => self.expr(f, &g.iter),
            }
            for c in &g.ifs {
                self.expr(f, c);
            }
        }
        for e in elts {
            self.expr(f, e);
        }
    }

    fn bound_to(&self, f: &str, target: &Expr, p: &Path) -> bool {
        match target {
            Expr::Name(n) => self.var_path(f, n.id.as_str()).as_ref() == Some(p),
            _ => false,
        }
    }

    fn stmt(&mut self, f: &str, s: &Stmt) {
        match s {
            Stmt::Assign(a) => {
                if let [Expr::Name(n)] = a.targets.as_slice() {
                    let key = (f.to_string(), n.id.to_string());
                    if let (Some(Binding::Loads(_)), Some(p)) =
                        (self.candidates.get(&key), self.var_path(f, n.id.as_str()))
                    {
                        self.use_of(&p).bound = true;
                    }
                }
                match self.path(f, &a.value) {
                    Some(p) if a.targets.len() == 1 && self.bound_to(f, &a.targets[0], &p) => {
                        self.use_of(&p).bound = true;
                        self.view_use(f, &a.value);
                    }
                    _ => self.escape(f, &a.value),
                }
                for t in &a.targets {
                    self.target(f, t);
                }
            }
            Stmt::AnnAssign(a) => {
                if let Some(v) = &a.value {
                    self.escape(f, v);
                }
                self.target(f, &a.target);
            }
            Stmt::AugAssign(a) => {
                self.escape(f, &a.value);
                self.escape(f, &a.target);
            }
            Stmt::For(fo) => {
                let enumerated = enumerate_loop(fo)
                    .filter(|_| !self.enumerate_shadowed && !self.local_enumerate.contains(f));
                let (list, target) = match enumerated {
                    Some((xs, _, _, x)) if self.path(f, xs).is_some() => (xs, x),
                    _ => (fo.iter.as_ref(), fo.target.as_ref()),
                };
                match self.path(f, list) {
                    Some(p) => {
                        self.use_of(&p).list = true;
                        let mut item = p.clone();
                        item.push(Seg::Item);
                        if self.bound_to(f, target, &item) {
                            self.use_of(&item).bound = true;
                        } else {
                            self.demote(item);
                        }
                        self.view_use(f, list);
                    }
                    None => self.escape(f, &fo.iter),
                }
                self.target(f, &fo.target);
                for b in fo.body.iter().chain(&fo.orelse) {
                    self.stmt(f, b);
                }
            }
            Stmt::FunctionDef(_) | Stmt::ClassDef(_) | Stmt::AsyncFunctionDef(_) => {
                // Nested scopes never read view variables (`find_candidates`); what they
                // pass around is plain values.
                stmt_exprs(s, &mut |e, _| self.escape(f, e));
            }
            _ => split_stmt(s, &mut |part| match part {
                Part::Expr(e) => self.escape(f, e),
                Part::Stmt(c) => self.stmt(f, c),
            }),
        }
    }

    fn target(&mut self, f: &str, t: &Expr) {
        match t {
            Expr::Name(_) => {}
            Expr::Tuple(tu) => tu.elts.iter().for_each(|e| self.target(f, e)),
            Expr::List(l) => l.elts.iter().for_each(|e| self.target(f, e)),
            Expr::Starred(st) => self.target(f, &st.value),
            Expr::Subscript(s) => {
                self.escape(f, &s.value);
                self.escape(f, &s.slice);
            }
            Expr::Attribute(a) => self.escape(f, &a.value),
            other => self.escape(f, other),
        }
    }

    /// Shapes agree, every node has a use, every variable's path survived.
    fn settle(&mut self) {
        let mut paths: Vec<Path> = self.uses.keys().cloned().collect();
        for vars in self.vars.values() {
            paths.extend(vars.values().cloned());
        }
        paths.sort();
        paths.dedup();
        for p in paths {
            let u = self.uses.get(&p).cloned().unwrap_or_default();
            // One shape, read somehow; an event read as a list is rare enough to stay a
            // plain value.
            let conflict = u.object == u.list
                || (p.is_empty() && u.list)
                || u.expect.iter().any(|&list| list != u.list);
            if conflict && !self.demoted.contains(&p) {
                self.demote(p.clone());
            }
        }
        // A variable whose path is gone is a plain value: drop it so its binding escapes.
        let mut dropped = Vec::new();
        for (f, vars) in &self.vars {
            for (v, p) in vars {
                if self.demoted.iter().any(|d| under(p, d)) {
                    dropped.push((f.clone(), v.clone()));
                }
            }
        }
        for d in dropped {
            self.dropped_vars.insert(d);
        }
        // Paths under a demoted one are gone too.
        let demoted: Vec<Path> = self.demoted.iter().cloned().collect();
        let under: Vec<Path> = self
            .uses
            .keys()
            .filter(|p| demoted.iter().any(|d| under(p, d) && *p != d))
            .cloned()
            .collect();
        self.demoted.extend(under);
    }

    fn build(&self, event_type: &str, source: &str) -> EventViews {
        let mut out = EventViews::default();
        let mut taken: HashSet<String> = RESERVED_TYPES.iter().map(|s| s.to_string()).collect();
        let root_name = event_type
            .split('<')
            .next()
            .unwrap_or(event_type)
            .rsplit("::")
            .next()
            .unwrap_or("Event")
            .to_string();
        if self.event_view && self.is_node(&Vec::new()) {
            self.node(
                &Vec::new(),
                &mut out,
                &mut taken,
                &root_name,
                source,
                event_type,
            );
        }
        for (i, (f, v)) in self.payloads.iter().enumerate() {
            let root = vec![Seg::Payload(i, v.clone())];
            if self.var_path(f, v).as_ref() == Some(&root) && self.is_node(&root) {
                self.node(&root, &mut out, &mut taken, &camel(v), source, event_type);
                out.loads.insert((f.clone(), v.clone()));
            }
        }
        for f in &self.functions {
            out.defs.insert(
                *f as *const ast::StmtFunctionDef as usize,
                f.name.to_string(),
            );
        }
        for (f, vars) in &self.vars {
            for (v, p) in vars {
                let key = (f.clone(), v.clone());
                if matches!(self.candidates.get(&key), Some(Binding::Comp(_)))
                    && out.by_path.contains_key(p)
                {
                    out.comp_vars.insert(key);
                }
                if let Some(&i) = out.by_path.get(p) {
                    out.vars.entry(f.clone()).or_default().insert(v.clone(), i);
                }
            }
        }
        out
    }

    fn is_node(&self, p: &Path) -> bool {
        !self.demoted.contains(p) && self.uses.get(p).is_some_and(|u| u.object != u.list)
    }

    fn node(
        &self,
        p: &Path,
        out: &mut EventViews,
        taken: &mut HashSet<String>,
        hint: &str,
        source: &str,
        event_type: &str,
    ) -> usize {
        let index = out.nodes.len();
        let aws_type = aws_type(source, p, event_type);
        let base = aws_type
            .as_deref()
            .map(|t| {
                t.rsplit("::")
                    .next()
                    .unwrap_or(t)
                    .split('<')
                    .next()
                    .unwrap_or(t)
                    .to_string()
            })
            .unwrap_or_else(|| hint.to_string());
        let mut rust_name = base.clone();
        let mut n = 2;
        while taken.contains(&rust_name) {
            rust_name = format!("{base}{n}");
            n += 1;
        }
        let u = self.uses.get(p).cloned().unwrap_or_default();
        out.nodes.push(ViewNode {
            path: p.clone(),
            rust_name: String::new(),
            aws_type,
            shape: Shape::List { item: None },
        });
        out.by_path.insert(p.clone(), index);
        if u.list {
            let mut item = p.clone();
            item.push(Seg::Item);
            let child = self.is_node(&item).then(|| {
                let singular = singular(hint);
                self.node(&item, out, taken, &singular, source, event_type)
            });
            out.nodes[index].shape = Shape::List { item: child };
        } else {
            taken.insert(rust_name.clone());
            out.nodes[index].rust_name = rust_name;
            let mut fields = Vec::new();
            let mut names: HashSet<String> = HashSet::new();
            let mut methods: HashSet<String> =
                RESERVED_METHODS.iter().map(|s| s.to_string()).collect();
            for (key, uses) in &u.fields {
                let mut child_path = p.clone();
                child_path.push(Seg::Key(key.clone()));
                let child = self
                    .is_node(&child_path)
                    .then(|| self.node(&child_path, out, taken, &camel(key), source, event_type));
                let base = snake(key);
                let mut rust_name = base.clone();
                let mut n = 2;
                while names.contains(&rust_name) {
                    rust_name = format!("{base}_{n}");
                    n += 1;
                }
                names.insert(rust_name.clone());
                let mut method = |candidate: String| {
                    let mut m = candidate.clone();
                    let mut n = 2;
                    while methods.contains(&m) || KEYWORDS.contains(&m.as_str()) {
                        m = format!("{candidate}_{n}");
                        n += 1;
                    }
                    methods.insert(m.clone());
                    m
                };
                let get_method = method(rust_name.clone());
                let or_method = method(format!("{rust_name}_or"));
                let or_empty_method = method(format!("{rust_name}_or_empty"));
                let has_method = method(format!("has_{rust_name}"));
                let or_falsy_method = method(format!("{rust_name}_or_empty_if_falsy"));
                fields.push(Field {
                    key: key.clone(),
                    rust_name,
                    uses: uses.clone(),
                    child,
                    get_method,
                    or_method,
                    or_empty_method,
                    has_method,
                    or_falsy_method,
                });
            }
            out.nodes[index].shape = Shape::Object { fields };
        }
        index
    }
}

/// Names the generated file already uses for types.
const RESERVED_TYPES: &[&str] = &[
    "Py",
    "PyErr",
    "PyResult",
    "RawValue",
    "LambdaEvent",
    "Diagnostic",
    "StreamResponse",
    "Chunks",
    "Option",
    "Vec",
    "String",
    "Result",
    "Self",
    "Box",
    "Rc",
];

/// Methods of `py::event::Node` (and `Clone`): accessors must not shadow them.
const RESERVED_METHODS: &[&str] = &[
    "view_get",
    "view_get_or",
    "view_get_or_empty",
    "view_get_or_empty_if_falsy",
    "or_empty",
    "view_has",
    "clone",
    "clone_from",
    "from_event",
    "from_py",
    "empty",
];

const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for",
    "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
    "self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where",
    "while", "async", "await", "dyn", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen", "union",
];

/// The Rust field name for a JSON key: snake case, never a keyword, never empty.
pub fn snake(key: &str) -> String {
    let mut out = String::new();
    let mut prev_lower = false;
    for c in key.chars() {
        if c.is_ascii_alphanumeric() {
            if c.is_ascii_uppercase() && prev_lower && !out.ends_with('_') {
                out.push('_');
            }
            prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
            out.push(c.to_ascii_lowercase());
        } else {
            if !out.is_empty() && !out.ends_with('_') {
                out.push('_');
            }
            prev_lower = false;
        }
    }
    let mut out = out.trim_matches('_').to_string();
    if out.is_empty() {
        out = "field".to_string();
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out = format!("f_{out}");
    }
    if KEYWORDS.contains(&out.as_str()) {
        out.push('_');
    }
    out
}

fn camel(key: &str) -> String {
    let s: String = snake(key)
        .trim_end_matches('_')
        .split('_')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let mut c = p.chars();
            match c.next() {
                Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
                None => String::new(),
            }
        })
        .collect();
    if s.is_empty() || s.starts_with(|c: char| c.is_ascii_digit()) {
        format!("Part{s}")
    } else {
        s
    }
}

/// `Records` → `Record`: the name of one item of a list.
fn singular(name: &str) -> String {
    match name.strip_suffix('s') {
        Some(s) if !s.is_empty() && !s.ends_with('s') => s.to_string(),
        _ => format!("{name}Item"),
    }
}

/// The `aws_lambda_events` type of a part of an event, for the sources whose shape is known.
fn aws_type(source: &str, p: &Path, event_type: &str) -> Option<String> {
    let key: Vec<&str> = p
        .iter()
        .map(|s| match s {
            Seg::Key(k) => k.as_str(),
            Seg::Item => "[]",
            Seg::Payload(..) => "#",
        })
        .collect();
    if key.first() == Some(&"#") {
        return None;
    }
    if key.is_empty() {
        return Some(event_type.to_string());
    }
    let path = key.join(".").replace(".[]", "[]");
    AWS_TYPES
        .iter()
        .find(|(s, p, _)| *s == source && *p == path)
        .map(|(_, _, t)| t.to_string())
}

/// (event source, path, `aws_lambda_events` type): the parts handlers navigate.
const AWS_TYPES: &[(&str, &str, &str)] = &[
    ("s3", "Records[]", "aws_lambda_events::event::s3::S3EventRecord"),
    ("s3", "Records[].s3", "aws_lambda_events::event::s3::S3Entity"),
    ("s3", "Records[].s3.bucket", "aws_lambda_events::event::s3::S3Bucket"),
    ("s3", "Records[].s3.object", "aws_lambda_events::event::s3::S3Object"),
    ("s3", "Records[].userIdentity", "aws_lambda_events::event::s3::S3UserIdentity"),
    ("s3", "Records[].requestParameters", "aws_lambda_events::event::s3::S3RequestParameters"),
    ("sqs", "Records[]", "aws_lambda_events::event::sqs::SqsMessage"),
    ("sqs", "Records[].attributes", "aws_lambda_events::event::sqs::SqsMessageAttributes"),
    ("sns", "Records[]", "aws_lambda_events::event::sns::SnsRecord"),
    ("sns", "Records[].Sns", "aws_lambda_events::event::sns::SnsMessage"),
    ("dynamodb", "Records[]", "aws_lambda_events::event::dynamodb::EventRecord"),
    ("dynamodb", "Records[].dynamodb", "aws_lambda_events::event::dynamodb::StreamRecord"),
    ("kinesis", "Records[]", "aws_lambda_events::event::kinesis::KinesisEventRecord"),
    ("kinesis", "Records[].kinesis", "aws_lambda_events::event::kinesis::KinesisRecord"),
    ("apigw_rest", "requestContext", "aws_lambda_events::event::apigw::ApiGatewayProxyRequestContext"),
    ("apigw_rest", "requestContext.identity", "aws_lambda_events::event::apigw::ApiGatewayRequestIdentity"),
    ("apigw_http", "requestContext", "aws_lambda_events::event::apigw::ApiGatewayV2httpRequestContext"),
    ("apigw_http", "requestContext.http", "aws_lambda_events::event::apigw::ApiGatewayV2httpRequestContextHttpDescription"),
    ("apigw_http", "requestContext.authorizer", "aws_lambda_events::event::apigw::ApiGatewayV2httpRequestContextAuthorizerDescription"),
    ("function_url", "requestContext", "aws_lambda_events::event::lambda_function_urls::LambdaFunctionUrlRequestContext"),
    ("function_url", "requestContext.http", "aws_lambda_events::event::lambda_function_urls::LambdaFunctionUrlRequestContextHttpDescription"),
    ("alb", "requestContext", "aws_lambda_events::event::alb::AlbTargetGroupRequestContext"),
    ("alb", "requestContext.elb", "aws_lambda_events::event::alb::ElbContext"),
    ("cloudwatch_logs", "awslogs", "aws_lambda_events::event::cloudwatch_logs::AwsLogs"),
    ("ses", "Records[]", "aws_lambda_events::event::ses::SimpleEmailRecord"),
    ("ses", "Records[].ses", "aws_lambda_events::event::ses::SimpleEmailService"),
    ("ses", "Records[].ses.mail", "aws_lambda_events::event::ses::SimpleEmailMessage"),
    ("ses", "Records[].ses.receipt", "aws_lambda_events::event::ses::SimpleEmailReceipt"),
    ("ses", "Records[].ses.mail.commonHeaders", "aws_lambda_events::event::ses::SimpleEmailCommonHeaders"),
    ("firehose", "records[]", "aws_lambda_events::event::firehose::KinesisFirehoseEventRecord"),
    ("cognito", "request", "aws_lambda_events::event::cognito::CognitoEventUserPoolsPreSignupRequest"),
    ("cognito", "callerContext", "aws_lambda_events::event::cognito::CognitoEventUserPoolsCallerContext"),
];

/// The argument a call passes as parameter `index` named `name`.
fn call_arg<'e>(call: &'e ast::ExprCall, index: usize, name: &str) -> Option<&'e Expr> {
    if let Some(a) = call.args.get(index) {
        return Some(a);
    }
    call.keywords
        .iter()
        .find(|k| k.arg.as_ref().is_some_and(|a| a.as_str() == name))
        .map(|k| &k.value)
}

fn has_yield(body: &[Stmt]) -> bool {
    let mut found = false;
    for s in body {
        stmt_exprs(s, &mut |e, nested| {
            if !nested && contains_yield_expr(e) {
                found = true;
            }
        });
    }
    found
}

fn contains_yield_expr(e: &Expr) -> bool {
    match e {
        Expr::Yield(_) | Expr::YieldFrom(_) | Expr::Await(_) => true,
        Expr::Lambda(_)
        | Expr::GeneratorExp(_)
        | Expr::ListComp(_)
        | Expr::SetComp(_)
        | Expr::DictComp(_) => false,
        _ => {
            let mut found = false;
            scope::walk_children(e, &mut |c| found |= contains_yield_expr(c));
            found
        }
    }
}

fn contains_match(body: &[Stmt]) -> bool {
    let mut found = false;
    walk_stmts(body, &mut |s| found |= matches!(s, Stmt::Match(_)));
    found
}

/// Calls `f` on every statement of `body`, nested blocks included, nested functions and
/// classes not entered.
fn walk_stmts<'a>(body: &'a [Stmt], f: &mut dyn FnMut(&'a Stmt)) {
    for s in body {
        f(s);
        if !matches!(
            s,
            Stmt::FunctionDef(_) | Stmt::AsyncFunctionDef(_) | Stmt::ClassDef(_)
        ) {
            split_stmt(s, &mut |part| {
                if let Part::Stmt(c) = part {
                    walk_stmts(std::slice::from_ref(c), f);
                }
            });
        }
    }
}

/// A piece of a statement: one of its own expressions, or a nested statement.
enum Part<'a> {
    Expr(&'a Expr),
    Stmt(&'a Stmt),
}

fn e<'a>(f: &mut dyn FnMut(Part<'a>), x: &'a Expr) {
    f(Part::Expr(x))
}

fn es<'a>(f: &mut dyn FnMut(Part<'a>), xs: impl IntoIterator<Item = &'a Expr>) {
    xs.into_iter().for_each(|x| f(Part::Expr(x)))
}

fn cs<'a>(f: &mut dyn FnMut(Part<'a>), xs: impl IntoIterator<Item = &'a Stmt>) {
    xs.into_iter().for_each(|x| f(Part::Stmt(x)))
}

/// A statement's own expressions (targets included) and its nested statements.
fn split_stmt<'a>(s: &'a Stmt, out: &mut dyn FnMut(Part<'a>)) {
    match s {
        Stmt::Return(r) => es(out, r.value.as_deref()),
        Stmt::Delete(d) => es(out, d.targets.iter()),
        Stmt::Assign(a) => {
            e(out, &a.value);
            es(out, a.targets.iter());
        }
        Stmt::AugAssign(a) => {
            e(out, &a.value);
            e(out, &a.target);
        }
        Stmt::AnnAssign(a) => {
            es(out, a.value.as_deref());
            e(out, &a.target);
        }
        Stmt::For(f) => {
            e(out, &f.iter);
            e(out, &f.target);
            cs(out, f.body.iter().chain(&f.orelse));
        }
        Stmt::AsyncFor(f) => {
            e(out, &f.iter);
            e(out, &f.target);
            cs(out, f.body.iter().chain(&f.orelse));
        }
        Stmt::While(w) => {
            e(out, &w.test);
            cs(out, w.body.iter().chain(&w.orelse));
        }
        Stmt::If(i) => {
            e(out, &i.test);
            cs(out, i.body.iter().chain(&i.orelse));
        }
        Stmt::With(w) => {
            for item in &w.items {
                e(out, &item.context_expr);
                es(out, item.optional_vars.as_deref());
            }
            cs(out, w.body.iter());
        }
        Stmt::AsyncWith(w) => {
            for item in &w.items {
                e(out, &item.context_expr);
                es(out, item.optional_vars.as_deref());
            }
            cs(out, w.body.iter());
        }
        Stmt::Match(m) => {
            e(out, &m.subject);
            for c in &m.cases {
                es(out, c.guard.as_deref());
                cs(out, c.body.iter());
            }
        }
        Stmt::Raise(r) => {
            es(out, r.exc.as_deref());
            es(out, r.cause.as_deref());
        }
        Stmt::Try(t) => {
            cs(out, t.body.iter());
            for h in &t.handlers {
                let ast::ExceptHandler::ExceptHandler(h) = h;
                es(out, h.type_.as_deref());
                cs(out, h.body.iter());
            }
            cs(out, t.orelse.iter().chain(&t.finalbody));
        }
        Stmt::TryStar(t) => {
            cs(out, t.body.iter());
            for h in &t.handlers {
                let ast::ExceptHandler::ExceptHandler(h) = h;
                es(out, h.type_.as_deref());
                cs(out, h.body.iter());
            }
            cs(out, t.orelse.iter().chain(&t.finalbody));
        }
        Stmt::Assert(a) => {
            e(out, &a.test);
            es(out, a.msg.as_deref());
        }
        Stmt::Expr(x) => e(out, &x.value),
        // What a `def` evaluates where it stands: its decorators and defaults.
        Stmt::FunctionDef(f) => def_parts(&f.decorator_list, &f.args, out),
        Stmt::AsyncFunctionDef(f) => def_parts(&f.decorator_list, &f.args, out),
        Stmt::ClassDef(c) => {
            es(out, c.decorator_list.iter());
            es(out, c.bases.iter());
            es(out, c.keywords.iter().map(|k| &k.value));
        }
        _ => {}
    }
}

fn def_parts<'a>(decorators: &'a [Expr], args: &'a ast::Arguments, out: &mut dyn FnMut(Part<'a>)) {
    es(out, decorators);
    for a in args
        .args
        .iter()
        .chain(&args.posonlyargs)
        .chain(&args.kwonlyargs)
    {
        es(out, a.default.as_deref());
    }
}

/// Calls `f` on every expression of `s` (nested blocks included) with whether it sits in a
/// nested scope (a nested function or class body: everything there is `nested`).
fn stmt_exprs<'a>(s: &'a Stmt, f: &mut dyn FnMut(&'a Expr, bool)) {
    stmt_exprs_at(s, false, f)
}

fn stmt_exprs_at<'a>(s: &'a Stmt, nested: bool, f: &mut dyn FnMut(&'a Expr, bool)) {
    split_stmt(s, &mut |part| match part {
        Part::Expr(e) => f(e, nested),
        Part::Stmt(c) => stmt_exprs_at(c, nested, f),
    });
    match s {
        Stmt::FunctionDef(d) => d.body.iter().for_each(|b| stmt_exprs_at(b, true, f)),
        Stmt::AsyncFunctionDef(d) => d.body.iter().for_each(|b| stmt_exprs_at(b, true, f)),
        Stmt::ClassDef(c) => c.body.iter().for_each(|b| stmt_exprs_at(b, true, f)),
        _ => {}
    }
}

/// Comprehension, lambda and `:=` targets, counted; and the list/set/dict comprehensions
/// with one `for` clause and a plain target, outside lambdas and generator expressions.
fn comp_sites<'a>(
    e: &'a Expr,
    nested: bool,
    counts: &mut HashMap<String, usize>,
    out: &mut Vec<&'a Expr>,
) {
    let gens = match e {
        Expr::ListComp(c) => Some(&c.generators),
        Expr::SetComp(c) => Some(&c.generators),
        Expr::DictComp(c) => Some(&c.generators),
        Expr::GeneratorExp(c) => Some(&c.generators),
        _ => None,
    };
    if let Some(gens) = gens {
        for g in gens {
            let mut names = HashSet::new();
            scope::target_names(&g.target, &mut names);
            for n in names {
                *counts.entry(n).or_default() += 1;
            }
        }
        if !nested && gens.len() == 1 && !gens[0].is_async && !matches!(e, Expr::GeneratorExp(_)) {
            out.push(e);
        }
    }
    if let Expr::Lambda(l) = e {
        for a in scope::parameters(&l.args) {
            *counts.entry(a.def.arg.to_string()).or_default() += 1;
        }
    }
    if let Expr::NamedExpr(n) = e {
        let mut names = HashSet::new();
        scope::target_names(&n.target, &mut names);
        for n in names {
            *counts.entry(n).or_default() += 1;
        }
    }
    let inner = nested || matches!(e, Expr::Lambda(_) | Expr::GeneratorExp(_));
    scope::walk_children(e, &mut |c| comp_sites(c, inner, counts, out));
}

/// Names read, counted; those read in a lambda or generator expression (or anywhere when
/// `nested`) also go to `nested_reads`.
fn reads(
    e: &Expr,
    nested: bool,
    nested_reads: &mut HashSet<String>,
    all: &mut HashMap<String, usize>,
) {
    match e {
        Expr::Name(n) if n.ctx == ast::ExprContext::Load => {
            *all.entry(n.id.to_string()).or_default() += 1;
            if nested {
                nested_reads.insert(n.id.to_string());
            }
        }
        // A generator expression's first iterable is evaluated where it stands.
        Expr::GeneratorExp(g) => {
            for (i, gen) in g.generators.iter().enumerate() {
                reads(&gen.iter, nested || i > 0, nested_reads, all);
                gen.ifs
                    .iter()
                    .for_each(|c| reads(c, true, nested_reads, all));
            }
            reads(&g.elt, true, nested_reads, all);
        }
        Expr::Lambda(_) => {
            scope::walk_children(e, &mut |c| reads(c, true, nested_reads, all));
        }
        _ => scope::walk_children(e, &mut |c| reads(c, nested, nested_reads, all)),
    }
}

/// References to names: calls (with the calling function, or `None` when nested) and
/// plain loads.
fn collect_refs<'a>(
    e: &'a Expr,
    owner: Option<&'a str>,
    nested: bool,
    out: &mut Vec<(&'a Expr, Option<&'a str>, bool)>,
) {
    match e {
        Expr::Call(c) => {
            if matches!(c.func.as_ref(), Expr::Name(_)) {
                out.push((e, owner, nested));
            } else {
                collect_refs(&c.func, owner, nested, out);
            }
            for a in &c.args {
                collect_refs(a, owner, nested, out);
            }
            for k in &c.keywords {
                collect_refs(&k.value, owner, nested, out);
            }
        }
        Expr::Name(_) => out.push((e, owner, nested)),
        Expr::Lambda(_) | Expr::GeneratorExp(_) => {
            scope::walk_children(e, &mut |c| collect_refs(c, owner, true, out));
        }
        _ => scope::walk_children(e, &mut |c| collect_refs(c, owner, nested, out)),
    }
}

/// Names a module-level statement binds (functions aside).
fn stmt_bindings(s: &Stmt, out: &mut HashSet<String>) {
    let mut list = Vec::new();
    stmt_binding_list(s, &mut list);
    walk_stmts(std::slice::from_ref(s), &mut |c| {
        if !std::ptr::eq(c, s) {
            stmt_binding_list(c, &mut list);
        }
    });
    out.extend(list);
}

/// Every name one statement binds (not its nested blocks), once per binding site.
fn stmt_binding_list(s: &Stmt, out: &mut Vec<String>) {
    let targets = |t: &Expr, out: &mut Vec<String>| {
        let mut names = HashSet::new();
        scope::target_names(t, &mut names);
        let mut names: Vec<String> = names.into_iter().collect();
        names.sort();
        out.extend(names);
    };
    match s {
        Stmt::Assign(a) => a.targets.iter().for_each(|t| targets(t, out)),
        Stmt::AugAssign(a) => targets(&a.target, out),
        Stmt::AnnAssign(a) => targets(&a.target, out),
        Stmt::For(f) => targets(&f.target, out),
        Stmt::AsyncFor(f) => targets(&f.target, out),
        Stmt::With(w) => w
            .items
            .iter()
            .filter_map(|i| i.optional_vars.as_deref())
            .for_each(|t| targets(t, out)),
        Stmt::AsyncWith(w) => w
            .items
            .iter()
            .filter_map(|i| i.optional_vars.as_deref())
            .for_each(|t| targets(t, out)),
        Stmt::Delete(d) => d.targets.iter().for_each(|t| targets(t, out)),
        Stmt::FunctionDef(f) => out.push(f.name.to_string()),
        Stmt::AsyncFunctionDef(f) => out.push(f.name.to_string()),
        Stmt::ClassDef(c) => out.push(c.name.to_string()),
        Stmt::Import(i) => out.extend(i.names.iter().map(|a| {
            a.asname
                .as_ref()
                .map(|n| n.to_string())
                .unwrap_or_else(|| a.name.split('.').next().unwrap_or("").to_string())
        })),
        Stmt::ImportFrom(i) => out.extend(i.names.iter().map(|a| {
            a.asname
                .as_ref()
                .map(|n| n.to_string())
                .unwrap_or_else(|| a.name.to_string())
        })),
        Stmt::Try(t) => {
            for h in &t.handlers {
                let ast::ExceptHandler::ExceptHandler(h) = h;
                if let Some(n) = &h.name {
                    out.push(n.to_string());
                }
            }
        }
        Stmt::Global(g) => out.extend(g.names.iter().map(|n| n.to_string())),
        Stmt::Nonlocal(g) => out.extend(g.names.iter().map(|n| n.to_string())),
        _ => {}
    }
    // Walrus targets anywhere in the statement's own expressions.
    split_stmt(s, &mut |part| {
        if let Part::Expr(e) = part {
            walrus_targets(e, out);
        }
    });
}

fn walrus_targets(e: &Expr, out: &mut Vec<String>) {
    if let Expr::NamedExpr(n) = e {
        if let Expr::Name(t) = n.target.as_ref() {
            out.push(t.id.to_string());
        }
    }
    scope::walk_children(e, &mut |c| walrus_targets(c, out));
}

// ---- emission ----------------------------------------------------------------------------

use proc_macro2::TokenStream;

impl EventViews {
    /// The Rust type of a view: `py::event::Node<S3EventRecord>`, `py::event::Items<…>`.
    pub fn rust_type(&self, node: usize) -> TokenStream {
        self.type_text(node).parse().unwrap_or_default()
    }

    /// The Rust type of a view as text.
    fn type_text(&self, node: usize) -> String {
        match &self.nodes[node].shape {
            Shape::Object { .. } => format!("py::event::Node<{}>", self.nodes[node].rust_name),
            Shape::List { item } => match item {
                Some(i) => format!("py::event::Items<{}>", self.type_text(*i)),
                None => "py::event::Items<Py>".to_string(),
            },
        }
    }

    /// The structs of the views, what builds them from the event's JSON, and the methods
    /// that read their fields as the Python does — as formatted Rust. They are written
    /// out directly in rustfmt's layout: a dozen regular lines per field, which syn and
    /// prettyplease would take a tenth of the conversion time to parse and lay out.
    pub fn items_text(&self) -> String {
        let mut out = String::new();
        for node in &self.nodes {
            let Shape::Object { fields } = &node.shape else {
                continue;
            };
            let name = &node.rust_name;
            match &node.aws_type {
                Some(t) => out.push_str(&format!(
                    "/// What the handler reads of `{t}`\n/// (only these fields are parsed).\n"
                )),
                None if matches!(node.path.first(), Some(Seg::Payload(..))) => out.push_str(&format!(
                    "/// What the handler reads of `{}`, parsed by `json.loads`\n/// (only these fields are parsed).\n",
                    display_path(&node.path)
                )),
                None => out.push_str(&format!(
                    "/// What the handler reads of the event's `{}`\n/// (only these fields are parsed).\n",
                    display_path(&node.path)
                )),
            }
            out.push_str(&format!("struct {name} {{\n"));
            let types: Vec<String> = fields
                .iter()
                .map(|f| match f.child {
                    Some(c) => self.type_text(c),
                    None => "Py".to_string(),
                })
                .collect();
            for (f, ty) in fields.iter().zip(&types) {
                out.push_str(&format!("    {}: Option<{ty}>,\n", f.rust_name));
            }
            out.push_str(&format!(
                "}}\n\nimpl py::event::View for {name} {{\n    fn build(fields: &mut py::event::Fields) -> PyResult<Self> {{\n        Ok({name} {{\n"
            ));
            for f in fields {
                out.push_str(&format!(
                    "            {}: fields.take({:?})?,\n",
                    f.rust_name, f.key
                ));
            }
            out.push_str(&format!(
                "        }})\n    }}\n}}\n\nimpl py::event::Node<{name}> {{\n"
            ));
            let mut first = true;
            for (f, ty) in fields.iter().zip(&types) {
                let key = format!("{:?}", f.key);
                let field = &f.rust_name;
                let mut method = |doc: String,
                                  name: &str,
                                  params: &str,
                                  ret: &str,
                                  call: &str,
                                  args: Vec<String>| {
                    if !first {
                        out.push('\n');
                    }
                    first = false;
                    out.push_str(&format!("    /// {doc}\n"));
                    let head = format!("    fn {name}(&self{params}) -> PyResult<{ret}> {{");
                    if head.len() <= 100 {
                        out.push_str(&head);
                        out.push('\n');
                    } else {
                        let params = params.trim_start_matches(", ");
                        let params = if params.is_empty() {
                            String::new()
                        } else {
                            format!("        {params},\n")
                        };
                        out.push_str(&format!(
                            "    fn {name}(\n        &self,\n{params}    ) -> PyResult<{ret}> {{\n"
                        ));
                    }
                    let line = format!("        self.{call}({})", args.join(", "));
                    if line.len() <= 100 {
                        out.push_str(&line);
                        out.push('\n');
                    } else {
                        out.push_str(&format!("        self.{call}(\n"));
                        for a in &args {
                            out.push_str(&format!("            {a},\n"));
                        }
                        out.push_str("        )\n");
                    }
                    out.push_str("    }\n");
                };
                let reader = format!("|view| &view.{field}");
                if f.uses.get {
                    method(
                        format!("`[{key}]`"),
                        &f.get_method,
                        "",
                        ty,
                        "view_get",
                        vec![key.clone(), reader.clone()],
                    );
                }
                if f.uses.or && f.child.is_none() {
                    method(
                        format!("`.get({key}, default)`"),
                        &f.or_method,
                        ", default: Py",
                        "Py",
                        "view_get_or",
                        vec![key.clone(), reader.clone(), "default".to_string()],
                    );
                }
                if let (true, Some(child)) = (f.uses.or_empty, f.child) {
                    let (doc, empty) = match self.nodes[child].shape {
                        Shape::List { .. } => (format!("`.get({key}, [])`"), "Py::list([])"),
                        Shape::Object { .. } => {
                            (format!("`.get({key}, {{}})`"), "Py::str_dict([])")
                        }
                    };
                    method(
                        doc,
                        &f.or_empty_method,
                        "",
                        ty,
                        "view_get_or_empty",
                        vec![key.clone(), reader.clone(), empty.to_string()],
                    );
                }
                if let (true, Some(child)) = (f.uses.or_falsy, f.child) {
                    let doc = match self.nodes[child].shape {
                        Shape::List { .. } => format!("`.get({key}) or []`"),
                        Shape::Object { .. } => format!("`.get({key}) or {{}}`"),
                    };
                    method(
                        doc,
                        &f.or_falsy_method,
                        "",
                        ty,
                        "view_get_or_empty_if_falsy",
                        vec![key.clone(), reader.clone()],
                    );
                }
                if f.uses.has {
                    method(
                        format!("`{key} in …`"),
                        &f.has_method,
                        "",
                        "bool",
                        "view_has",
                        vec![key.clone(), reader.clone()],
                    );
                }
            }
            out.push_str("}\n\n");
        }
        out
    }
}

/// `Records[].s3`: a path as the evidence of the analysis spells it.
pub fn display_path(p: &Path) -> String {
    let mut out = String::new();
    for s in p {
        match s {
            Seg::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Seg::Item => out.push_str("[]"),
            Seg::Payload(_, name) => out.push_str(name),
        }
    }
    if out.is_empty() {
        "event".to_string()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The views of `source`'s `handler` as `path: fields` lines, `None` when the event
    /// stays a plain value.
    fn views(source: &str) -> Option<Vec<String>> {
        let module = crate::frontend::parse(source).expect("parses");
        let v = analyse(&module.suite, "handler", "SqsEvent", "sqs")?;
        Some(
            v.nodes
                .iter()
                .map(|n| match &n.shape {
                    Shape::Object { fields } => format!(
                        "{} {}: {}",
                        display_path(&n.path),
                        n.rust_name,
                        fields
                            .iter()
                            .map(|f| if f.child.is_some() {
                                format!("{}*", f.key)
                            } else {
                                f.key.clone()
                            })
                            .collect::<Vec<_>>()
                            .join(" ")
                    ),
                    Shape::List { item } => {
                        format!(
                            "{} list of {}",
                            display_path(&n.path),
                            if item.is_some() { "views" } else { "values" }
                        )
                    }
                })
                .collect(),
        )
    }

    #[test]
    fn navigation_becomes_views_through_loops_locals_and_helpers() {
        let v = views(
            "import json\n\
             def parse(record):\n    return json.loads(record['body'])\n\
             def handler(event, context):\n    out = []\n    for record in event.get('Records', []):\n        attrs = record['attributes']\n        if 'SenderId' in attrs:\n            out.append(parse(record))\n        out.append(attrs.get('ApproximateReceiveCount', '1'))\n    return out\n",
        )
        .expect("views");
        assert_eq!(
            v,
            [
                "event SqsEvent: Records*",
                "Records list of views",
                "Records[] SqsMessage: body attributes*",
                "Records[].attributes SqsMessageAttributes: SenderId ApproximateReceiveCount",
            ]
        );
    }

    #[test]
    fn a_value_used_as_a_whole_is_a_plain_value() {
        // Passed to `json.dumps`, the record is a dict; the list of records is still a view.
        let v = views(
            "import json\ndef handler(event, context):\n    for record in event['Records']:\n        print(json.dumps(record))\n",
        )
        .expect("views");
        assert_eq!(v, ["event SqsEvent: Records*", "Records list of values"]);
        // The event itself used whole: no views at all.
        for body in [
            "    print(event)\n    return event['x']\n",
            "    event['seen'] = True\n    return event\n",
            "    return len(event)\n",
            "    f = lambda: event['x']\n    return f()\n",
            "    for k in event.keys():\n        pass\n",
            "    event = dict(event)\n    return event['x']\n",
            "    return event.get(key)\n",
        ] {
            assert_eq!(
                views(&format!("key = 'x'\ndef handler(event, context):\n{body}")),
                None,
                "{body}"
            );
        }
    }

    #[test]
    fn stores_and_rebinding_keep_values_plain() {
        // A store into a part makes that part a value (shared, so the store is seen).
        let v = views(
            "def handler(event, context):\n    event['response']['ok'] = True\n    return event['response']\n",
        )
        .expect("views");
        assert_eq!(v, ["event SqsEvent: response"]);
        // A local bound twice, or read after its loop, is not a view.
        let v = views(
            "def handler(event, context):\n    r = event['a']\n    r = event['b']\n    return r['x']\n",
        )
        .expect("views");
        assert_eq!(v, ["event SqsEvent: a b"]);
        let v = views(
            "def handler(event, context):\n    for r in event['Records']:\n        pass\n    return r['x']\n",
        )
        .expect("views");
        assert_eq!(v, ["event SqsEvent: Records*", "Records list of values"]);
    }

    #[test]
    fn helpers_take_views_only_when_every_call_passes_the_same_part() {
        let src = "def get(x):\n    return x['id']\n\
                   def handler(event, context):\n    a = get(event['detail'])\n    return get(event['other']), a\n";
        assert_eq!(views(src).expect("views"), ["event SqsEvent: detail other"]);
        let src = "def get(x):\n    return x['id']\n\
                   def handler(event, context):\n    return get(event['detail']), list(map(get, [{}]))\n";
        assert_eq!(views(src).expect("views"), ["event SqsEvent: detail"]);
        let src = "def get(x):\n    return x['id']\n\
                   def handler(event, context):\n    return get(event['detail'])\n";
        assert_eq!(
            views(src).expect("views"),
            ["event SqsEvent: detail*", "detail Detail: id"]
        );
    }

    #[test]
    fn shapes_must_agree() {
        // Indexed as a list and read by key: a value.
        let v = views("def handler(event, context):\n    return event['a'][0], event['a']['k']\n")
            .expect("views");
        assert_eq!(v, ["event SqsEvent: a"]);
        // `.get(key, {})` of a list: a value.
        let v =
            views("def handler(event, context):\n    for r in event.get('a', {}):\n        pass\n")
                .expect("views");
        assert_eq!(v, ["event SqsEvent: a"]);
    }

    #[test]
    fn json_loads_payloads_are_views_too() {
        let module = crate::frontend::parse(
            "import json\n\
             def total(order):\n    return sum(i['qty'] for i in order['items'])\n\
             def handler(event, context):\n    out = []\n    for record in event['Records']:\n        order = json.loads(record['body'])\n        if 'customer' in order:\n            out.append(order['customer']['id'])\n        out.append(total(order))\n    return out\n",
        )
        .expect("parses");
        // Without a known event source the event stays a value; the payload is still a view.
        let v = analyse(&module.suite, "handler", "", "").expect("views");
        let names: Vec<String> = v
            .nodes
            .iter()
            .map(|n| format!("{} {}", display_path(&n.path), n.rust_name))
            .collect();
        assert_eq!(names, ["order Order", "order.customer Customer"]);
        assert!(v
            .loads
            .contains(&("handler".to_string(), "order".to_string())));
        assert_eq!(v.var("total", "order"), Some(0));
        assert_eq!(v.var("handler", "event"), None);
        // A payload used whole (returned, stored into) or a `json` that is not the module.
        for src in [
            "import json\ndef handler(event, context):\n    doc = json.loads(event['b'])\n    return doc\n",
            "import json\ndef handler(event, context):\n    doc = json.loads(event['b'])\n    doc['x'] = 1\n    return doc['y']\n",
            "import json\njson = None\ndef handler(event, context):\n    doc = json.loads(event['b'])\n    return doc['y']\n",
            "import json\ndef handler(event, context):\n    doc = json.loads(event['b'], parse_float=str)\n    return doc['y']\n",
            "import json\ndef handler(event, json):\n    doc = json.loads(event['b'])\n    return doc['y']\n",
        ] {
            let module = crate::frontend::parse(src).expect("parses");
            assert!(analyse(&module.suite, "handler", "", "").is_none(), "{src}");
        }
    }

    #[test]
    fn comprehension_targets_are_views_inside_their_comprehension() {
        let v = views(
            "def handler(event, context):\n    ids = [r['messageId'] for r in event['Records'] if 'body' in r]\n    return ids\n",
        )
        .expect("views");
        assert_eq!(
            v,
            [
                "event SqsEvent: Records*",
                "Records list of views",
                "Records[] SqsMessage: body messageId"
            ]
        );
        // The same name bound twice, a target read outside (a global there), or several `for`
        // clauses: the items stay plain values.
        for body in [
            "    a = [r['x'] for r in event['Records']]\n    b = [r['y'] for r in event['Records']]\n    return a, b\n",
            "    a = [r['x'] for r in event['Records']]\n    return a, r\n",
            "    return [r['x'] for r in event['Records'] for q in r['y']]\n",
            "    return [f(lambda: r['x']) for r in event['Records']]\n",
        ] {
            let v = views(&format!("r = 1\ndef f(g):\n    return g()\ndef handler(event, context):\n{body}"))
                .expect("views");
            assert_eq!(v, ["event SqsEvent: Records*", "Records list of values"], "{body}");
        }
    }

    #[test]
    fn enumerate_loops_bind_views() {
        let v = views("def handler(event, context):\n    for i, r in enumerate(event['Records'], 1):\n        print(i, r['body'])\n")
            .expect("views");
        assert_eq!(
            v,
            [
                "event SqsEvent: Records*",
                "Records list of views",
                "Records[] SqsMessage: body"
            ]
        );
        // A local `enumerate`, a non-literal start, or an unpacked item: plain items.
        for body in [
            "    enumerate = lambda xs: xs\n    for i, r in enumerate(event['Records']):\n        print(r['body'])\n",
            "    for i, r in enumerate(event['Records'], len(event)):\n        print(r['body'])\n",
            "    for i, (a, b) in enumerate(event['Records']):\n        print(a)\n",
        ] {
            let v = views(&format!("def handler(event, context):\n{body}"));
            assert!(v.as_ref().is_none_or(|v| v.iter().all(|n| !n.contains("SqsMessage"))), "{body}: {v:?}");
        }
    }

    #[test]
    fn field_names_are_rust_names() {
        assert_eq!(snake("detail-type"), "detail_type");
        assert_eq!(
            snake("ApproximateReceiveCount"),
            "approximate_receive_count"
        );
        assert_eq!(snake("type"), "type_");
        assert_eq!(snake("2fa"), "f_2fa");
        assert_eq!(snake("$"), "field");
        assert_eq!(snake("eventID"), "event_id");
    }
}
