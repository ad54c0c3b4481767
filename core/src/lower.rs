//! Lowering: the analysed Python module → the Rust IR (`ir::RustModule`).
//!
//! Names are resolved here (local, module global, module function, exception class,
//! import, builtin), calls are bound to their targets at conversion time, and every
//! Python construct becomes Rust over `pyrt`'s `Py` values. Anything that cannot be
//! translated faithfully becomes a diagnostic; nothing is guessed.

use std::collections::{HashMap, HashSet};

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{format_ident, quote};
use rustpython_parser::ast::{self, Constant, Expr, Ranged, Stmt};

use crate::closures;
use crate::desugar;
use crate::diagnostics::Diagnostic;
use crate::emit;
use crate::frontend::{const_str, ParsedModule};
use crate::ir::{ExceptionClass, Function, GlobalVar, RustModule};
use crate::scope::{self, Decl, FunctionScope};
use crate::stdlib::{self, StdItem};
use crate::types::{self, Ty};
use crate::views::{self, EventViews};

struct FnSig {
    /// Named parameters in order (positional-only, regular, keyword-only) with defaults.
    params: Vec<(String, Option<Expr>)>,
    /// How many of `params` a positional argument can fill (the keyword-only ones cannot).
    positional: usize,
    /// `*args`: extra positional arguments, as a tuple.
    vararg: Option<String>,
    /// `**kwargs`: extra keyword arguments, as a dict.
    kwarg: Option<String>,
}

/// What the module defines at top level.
#[derive(Default)]
struct ModuleInfo {
    functions: HashMap<String, FnSig>,
    exceptions: HashMap<String, Vec<String>>,
    classes: HashMap<String, ClassDesc>,
    /// Exception classes that define `__init__`.
    exception_inits: HashSet<String>,
    /// What user exception classes define besides `__init__` (methods, properties, class
    /// attributes); `base` is the parent when it is a user exception class too.
    exception_bodies: HashMap<String, ClassDesc>,
    /// `enum.Enum` subclasses.
    enums: HashMap<String, EnumDesc>,
    /// Classes that are module variables holding a value the runtime provides:
    /// `typing.NamedTuple` subclasses (a `namedtuple`) and `TypedDict`s (`dict`).
    typed_records: HashMap<String, TypedRecord>,
    /// Module functions with decorators: the name is a module variable holding the decorated
    /// value; the body is the `fn` `<name>_undecorated`.
    decorated: HashSet<String>,
    globals: Vec<String>,
    imports: HashMap<String, String>,
    /// Module functions that can call themselves (directly or through others), and methods
    /// that call a method of their own name: their calls count towards the recursion limit.
    recursive: HashSet<String>,
    /// Parameters of module functions that every call passes a literal of one type
    /// (`types::param_hint`), before the function bodies have their say.
    param_hints: HashMap<String, HashMap<String, Ty>>,
    /// `json.JSONEncoder` subclasses (plain classes here; `json.dumps(cls=...)` uses their
    /// `default`).
    json_encoders: HashSet<String>,
    /// Module functions whose every `return` has one scalar type (`types::return_type`):
    /// their Rust `fn` returns that type.
    returns: HashMap<String, Ty>,
}

/// An `enum.Enum` subclass: its kind (`py::enums::EnumKind` variant), members in order
/// (`None` = `auto()`), and the rest of the body (methods, properties) as a class body.
#[derive(Clone)]
struct EnumDesc {
    kind: &'static str,
    members: Vec<(String, Option<Expr>)>,
    body: ClassDesc,
    unique: bool,
}

/// Deeper expressions than this are refused: lowering, syn and prettyplease all recurse
/// per level, and the playground runs with wasm's small stack.
const MAX_EXPR_DEPTH: usize = 64;

/// The event's source id and `aws_lambda_events` type, when the catalog knows its shape.
pub struct EventShape<'a> {
    pub source: &'a str,
    pub rust_type: &'a str,
}

pub fn lower(
    module: &ParsedModule,
    handler: &str,
    event: Option<EventShape>,
) -> Result<RustModule, Vec<Diagnostic>> {
    let desugared;
    let module = if desugar::has_with(&module.suite) {
        desugared = module.with_suite(desugar::suite(&module.suite, &mut 0));
        &desugared
    } else {
        module
    };
    if let Some((line, col)) = too_deep(module) {
        return Err(vec![Diagnostic::error(
            line,
            col,
            format!("expression nested more than {MAX_EXPR_DEPTH} levels deep"),
        )
        .with_suggestion(
            "split it into several statements with intermediate variables",
        )]);
    }
    let streaming_handler = module.suite.iter().find_map(|s| match s {
        Stmt::FunctionDef(f) if f.name.as_str() == handler && contains_yield(&f.body) => {
            Some(handler.to_string())
        }
        _ => None,
    });
    // The event is a view when its source is known; `json.loads` payloads in any handler.
    let views = match (&event, &streaming_handler) {
        (Some(ev), None) => views::analyse(&module.suite, handler, ev.rust_type, ev.source),
        (None, None) => views::analyse(&module.suite, handler, "", ""),
        _ => None,
    };
    let mut l = Lowerer {
        module,
        views,
        streaming_handler,
        info: ModuleInfo::default(),
        diags: Vec::new(),
        counter: 0,
        current_class: None,
        handler: handler.to_string(),
        used_exceptions: Default::default(),
        exception_super_inits: HashMap::new(),
        exception_body_items: HashMap::new(),
        locals_prefix: String::new(),
    };
    l.collect(&module.suite);
    l.collect_param_hints();
    l.infer_returns();
    l.settle_param_types();
    l.find_recursion();
    let out = l.module();
    if l.diags.iter().any(|d| d.is_error()) {
        Err(l.diags)
    } else {
        Ok(out)
    }
}

struct Lowerer<'a> {
    module: &'a ParsedModule,
    /// The parts of the event read as typed views (`views`), when there are any.
    views: Option<EventViews>,
    /// The handler's name when it is a generator (a streaming response).
    streaming_handler: Option<String>,
    info: ModuleInfo,
    diags: Vec<Diagnostic>,
    counter: usize,
    /// The user class whose methods are being lowered (for `super()`).
    current_class: Option<String>,
    /// The handler function's name (Lambda calls it with exactly `(event, context)`).
    handler: String,
    /// User exception classes whose `ExcClass` static the code refers to.
    used_exceptions: std::cell::RefCell<HashSet<String>>,
    /// Exception class → the class whose `__init__` its own `__init__` calls through `super()`.
    exception_super_inits: HashMap<String, String>,
    /// The `ClassInfo` items of exception class bodies, by class.
    exception_body_items: HashMap<String, Vec<TokenStream>>,
    /// `__qualname__` prefix of functions defined where lowering is (`outer.<locals>.`);
    /// CPython names nested functions and lambdas by it in binding errors.
    locals_prefix: String,
}

/// Per-function emission state.
struct Ctx {
    scope: FunctionScope,
    /// Locals already given their `let`.
    declared: HashSet<String>,
    /// Names bound by enclosing comprehensions/lambdas/except clauses (Rust locals).
    inner: Vec<HashSet<String>>,
    /// How many closures (comprehensions, generator expressions, lambdas) enclose the code.
    closures: usize,
    /// Where an exception goes: `None` = `?` out of the function, `Some(label)` = the
    /// labelled block of the enclosing `try`.
    err_label: Option<TokenStream>,
    /// Enclosing `try ... finally` regions, innermost last: return/break/continue inside
    /// one leave its labelled block as a `py::Flow` so the `finally` body runs first.
    regions: Vec<Region>,
    /// Enclosing loops, innermost last.
    loops: Vec<LoopCtx>,
    /// Error variables of enclosing `except` clauses (for a bare `raise`).
    handling: Vec<Ident>,
    module_level: bool,
    /// Inside a streaming handler: `yield x` appends to its `chunks` parameter.
    streaming: bool,
    /// Inside a generator function: `yield x` suspends its coroutine (`yielder`).
    generator: bool,
    /// The `self` parameter of the method being emitted (for `super().__init__`).
    self_param: Option<String>,
    /// Locals with a plain Rust type (`types::infer`); every other local is a `Py`.
    types: HashMap<String, Ty>,
    /// The Rust type the function returns, when it is not `Py`.
    returns: Option<Ty>,
    /// Names that may be assigned again after a closure reading them is created (`closures`):
    /// a closure copies them, Python's sees their latest value.
    rebound: HashSet<String>,
    /// Lambdas and generator expressions (by address) that run before anything can be
    /// reassigned: arguments of `sorted`, `any`, `str.join`, ….
    consumed: HashSet<usize>,
    /// Variables shared with nested functions through `nonlocal`: `py::cell::Cell`s, read
    /// with `get()` and written with `set()` here and in those functions.
    cells: HashSet<String>,
    /// How many `inner` scopes belong to the function itself (its captured variables);
    /// deeper ones (comprehensions, lambdas) can shadow a cell.
    cell_depth: usize,
    /// The module function whose event views (`views::EventViews::vars`) apply here.
    view_fn: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum FnKind {
    Module,
    /// The handler is a generator: it streams what it yields.
    Streaming,
    Method,
    /// A `@staticmethod`: every parameter comes from the call's arguments.
    StaticMethod,
    /// A module function with `yield`: its body becomes a lazy coroutine.
    Generator,
    Property,
}

#[derive(Clone)]
struct FieldDesc {
    name: String,
    default: Option<Expr>,
    /// `field(default_factory=...)`
    factory: Option<Expr>,
}

#[derive(Clone)]
struct ClassDesc {
    dataclass: bool,
    /// Inherited dataclass fields first, as `dataclasses` orders them.
    fields: Vec<FieldDesc>,
    /// Every method name, static and class methods included.
    methods: Vec<String>,
    /// A user class this one inherits from.
    base: Option<String>,
    /// Class attributes in body order: `sides = 4`.
    attrs: Vec<(String, Expr)>,
    /// `@dataclass(frozen=True)`, `@dataclass(order=True)`, `@functools.total_ordering`.
    frozen: bool,
    order: bool,
    total_ordering: bool,
}

/// `class Point(NamedTuple)` (fields with their defaults) or `class Order(TypedDict)`.
#[derive(Clone)]
enum TypedRecord {
    NamedTuple(Vec<(String, Option<Expr>)>),
    TypedDict,
}

/// A lowered class body's methods, as the `ClassInfo` lists them.
#[derive(Default)]
struct ClassMembers {
    methods: Vec<TokenStream>,
    properties: Vec<TokenStream>,
    static_methods: Vec<TokenStream>,
    class_methods: Vec<TokenStream>,
    setters: Vec<TokenStream>,
    cached: Vec<TokenStream>,
    abstract_methods: Vec<TokenStream>,
}

/// A `ClassInfo`'s `options`: `ClassOptions::PLAIN` unless a decorator asked for more.
fn class_options(
    setters: &[TokenStream],
    cached: &[TokenStream],
    abstract_methods: &[TokenStream],
    frozen: bool,
    order: bool,
    total_ordering: bool,
) -> TokenStream {
    if setters.is_empty()
        && cached.is_empty()
        && abstract_methods.is_empty()
        && !frozen
        && !order
        && !total_ordering
    {
        return quote!(py::class::ClassOptions::PLAIN);
    }
    quote!(py::class::ClassOptions {
        setters: &[#(#setters),*],
        cached_properties: &[#(#cached),*],
        frozen: #frozen,
        order: #order,
        abstract_methods: &[#(#abstract_methods),*],
        total_ordering: #total_ordering,
    })
}

/// What the decorators of a method make it.
#[derive(Clone, Copy, PartialEq)]
enum MethodRole {
    Plain,
    Property,
    CachedProperty,
    Setter,
    Static,
    Class,
}

struct MethodDecor {
    role: MethodRole,
    /// `@abc.abstractmethod`
    abstract_: bool,
}

fn exception_init_fn(name: &str) -> Ident {
    format_ident!("{}_init", exc_static(name).to_string().to_lowercase())
}

/// The module name Lambda imports the handler file under (`handler.py` → `handler`).
const MODULE_NAME: &str = "handler";

/// Whether `tokens` use the label `'name` (not just a longer one such as `'name2`).
fn mentions_label(tokens: &TokenStream, label: &TokenStream) -> bool {
    let text = tokens.to_string();
    // `break 'name …` as itself, or inside an `attempt` as its placeholder.
    let forms = [
        label.to_string(),
        emit::label_placeholder(label).to_string(),
    ];
    forms.iter().any(|label| {
        text.match_indices(label.as_str()).any(|(i, _)| {
            !text[i + label.len()..].starts_with(|c: char| c.is_alphanumeric() || c == '_')
        })
    })
}

fn has_unpacking(c: &ast::ExprCall) -> bool {
    c.args.iter().any(|a| matches!(a, Expr::Starred(_)))
        || c.keywords.iter().any(|k| k.arg.is_none())
}

/// The Rust `fn` of a module function; a decorated one's body is `<name>_undecorated`.
fn function_rust_name(name: &str, decorated: &HashSet<String>) -> Ident {
    if decorated.contains(name) {
        format_ident!("{}_undecorated", name)
    } else {
        ident(name)
    }
}

/// The module variable holding a parameter default evaluated at `def` time.
fn default_global(owner: &str, param: &str) -> Ident {
    format_ident!(
        "DEFAULT_{}_{}",
        owner.replace('.', "_").to_uppercase(),
        param.to_uppercase()
    )
}

fn enum_static(name: &str) -> Ident {
    format_ident!("{}_ENUM", exc_static(name))
}

fn exception_body_static(name: &str) -> Ident {
    format_ident!("{}_BODY", exc_static(name))
}

fn class_static(name: &str) -> Ident {
    format_ident!("{}_CLASS", exc_static(name))
}

struct Region {
    label: TokenStream,
    /// `ctx.loops.len()` when the region was entered: a break/continue leaves the region
    /// only when no loop was entered inside it.
    loop_depth: usize,
    used: HashSet<&'static str>,
}

struct LoopCtx {
    /// Set when a `break`/`continue` sits inside a labelled block (a `try`) in this loop:
    /// Rust needs the loop's label there.
    label: Option<TokenStream>,
    /// For loops with an `else:` clause: set on `break`.
    broke: Option<Ident>,
}

impl Ctx {
    fn new(scope: FunctionScope, module_level: bool) -> Ctx {
        Ctx {
            scope,
            declared: HashSet::new(),
            inner: Vec::new(),
            closures: 0,
            err_label: None,
            regions: Vec::new(),
            loops: Vec::new(),
            handling: Vec::new(),
            module_level,
            streaming: false,
            generator: false,
            self_param: None,
            types: HashMap::new(),
            returns: None,
            rebound: HashSet::new(),
            consumed: HashSet::new(),
            cells: HashSet::new(),
            cell_depth: 0,
            view_fn: None,
        }
    }
}

fn ident(name: &str) -> Ident {
    const STRICT: &[&str] = &["self", "Self", "super", "crate"];
    const KEYWORDS: &[&str] = &[
        "as", "break", "const", "continue", "else", "enum", "extern", "false", "fn", "for", "if",
        "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
        "static", "struct", "trait", "true", "type", "unsafe", "use", "where", "while", "async",
        "await", "dyn", "abstract", "become", "box", "do", "final", "macro", "override", "priv",
        "typeof", "unsized", "virtual", "yield", "try", "gen",
    ];
    if STRICT.contains(&name) {
        format_ident!("{}_", name)
    } else if KEYWORDS.contains(&name) {
        Ident::new_raw(name, Span::call_site())
    } else if name == "_" {
        format_ident!("_unused")
    } else if name.chars().all(|c| c == '_' || c.is_ascii_digit()) {
        // `__`, `_1`: names clippy rightly finds meaningless in Rust.
        format_ident!("v{}", name)
    } else if name.starts_with("__dpy_") {
        // Never one of emission's macro placeholders (`emit::macro_call`).
        format_ident!("py{}", name)
    } else {
        Ident::new(name, Span::call_site())
    }
}

/// A function's last statement that `tail_statement` can make its tail expression.
fn ends_in_tail(last: &Stmt) -> bool {
    match last {
        Stmt::Raise(_) => true,
        Stmt::If(_) => terminates(std::slice::from_ref(last)),
        _ => false,
    }
}

/// `e` is a name (or `*name`) no other target of the same unpacking names: it can be bound
/// in the pattern itself. A name twice (`x, x = …`) keeps the last value, so those go
/// through temporaries.
fn named_once(elts: &[Expr], e: &Expr) -> bool {
    fn name_of(e: &Expr) -> Option<&str> {
        match e {
            Expr::Starred(st) => match st.value.as_ref() {
                Expr::Name(n) => Some(n.id.as_str()),
                _ => None,
            },
            Expr::Name(n) => Some(n.id.as_str()),
            _ => None,
        }
    }
    name_of(e).is_some_and(|name| elts.iter().filter(|o| name_of(o) == Some(name)).count() == 1)
}

/// The pattern of `store` when it is just `let name = value;` or `let mut name = value;`
/// (`_` for a name nothing reads, `__`), so an unpacking can bind `name` directly.
fn let_binding(store: &TokenStream, value: &Ident) -> Option<TokenStream> {
    use proc_macro2::TokenTree;
    let tokens: Vec<TokenTree> = store.clone().into_iter().collect();
    let is = |t: &TokenTree, s: &str| t.to_string() == s;
    let (pattern, rest) = match tokens.as_slice() {
        [l, m, name, rest @ ..]
            if is(l, "let") && is(m, "mut") && matches!(name, TokenTree::Ident(_)) =>
        {
            (quote!(mut #name), rest)
        }
        [l, name, rest @ ..] if is(l, "let") && matches!(name, TokenTree::Ident(_)) => {
            let pattern = if is(name, "__") {
                quote!(_)
            } else {
                quote!(#name)
            };
            (pattern, rest)
        }
        _ => return None,
    };
    match rest {
        [eq, v, semi] if is(eq, "=") && *v.to_string() == *value.to_string() && is(semi, ";") => {
            Some(pattern)
        }
        _ => None,
    }
}

/// The name of a local nothing reads: `_name`, so rustc does not warn about it.
fn unread_ident(name: &str) -> Ident {
    if name == "_" {
        format_ident!("_unused")
    } else if name.chars().all(|c| c == '_' || c.is_ascii_digit()) {
        format_ident!("_v{}", name)
    } else {
        format_ident!("_{}", name)
    }
}

/// The `thread_local!` global holding class attribute `attr` of class `class`.
fn class_attr_ident(class: &str, attr: &str) -> Ident {
    format_ident!("CLASS_{}__{}", class.to_uppercase(), attr.to_uppercase())
}

fn global_ident(name: &str) -> Ident {
    format_ident!("{}", name.to_uppercase())
}

fn exc_static(name: &str) -> Ident {
    let mut out = String::new();
    for (i, ch) in name.chars().enumerate() {
        if ch.is_uppercase() && i > 0 {
            let prev = name.chars().nth(i - 1).unwrap_or('a');
            if prev.is_lowercase() || prev.is_ascii_digit() {
                out.push('_');
            }
        }
        out.push(ch.to_ascii_uppercase());
    }
    format_ident!("{}", out)
}

fn str_lit(s: &str) -> Literal {
    Literal::string(s)
}

fn rust_path(path: &str) -> TokenStream {
    let segs = path.split("::").map(|s| format_ident!("{}", s));
    quote!(py:: #(#segs)::*)
}

fn terminates(body: &[Stmt]) -> bool {
    match body.last() {
        Some(Stmt::Return(_))
        | Some(Stmt::Raise(_))
        | Some(Stmt::Continue(_))
        | Some(Stmt::Break(_)) => true,
        Some(Stmt::If(i)) => !i.orelse.is_empty() && terminates(&i.body) && terminates(&i.orelse),
        // `while True:` without a `break` is a Rust `loop` that never ends normally.
        Some(Stmt::While(w)) => {
            matches!(w.test.as_ref(), Expr::Constant(c) if matches!(c.value, Constant::Bool(true)))
                && w.orelse.is_empty()
                && !breaks_out(&w.body)
        }
        _ => false,
    }
}

/// The statement blocks of a `try`: body, handlers, `else`, `finally`.
fn try_blocks(t: &ast::StmtTry) -> impl Iterator<Item = &[Stmt]> {
    let handlers = t.handlers.iter().map(|h| {
        let ast::ExceptHandler::ExceptHandler(h) = h;
        h.body.as_slice()
    });
    std::iter::once(t.body.as_slice())
        .chain(handlers)
        .chain([t.orelse.as_slice(), t.finalbody.as_slice()])
}

/// Whether a `break` of this loop (not of a nested one) appears in `body`.
fn breaks_out(body: &[Stmt]) -> bool {
    body.iter().any(|s| match s {
        Stmt::Break(_) => true,
        Stmt::If(i) => breaks_out(&i.body) || breaks_out(&i.orelse),
        Stmt::With(w) => breaks_out(&w.body),
        Stmt::Try(t) => try_blocks(t).any(breaks_out),
        // A nested loop owns the breaks of its body; those of its `else` leave this loop.
        Stmt::For(f) => breaks_out(&f.orelse),
        Stmt::While(w) => breaks_out(&w.orelse),
        _ => false,
    })
}

impl<'a> Lowerer<'a> {
    fn pos(&self, node: &impl Ranged) -> (u32, u32) {
        self.module.line_col(node.range().start())
    }

    fn error(&mut self, node: &impl Ranged, message: impl Into<String>, suggestion: &str) {
        let (line, col) = self.pos(node);
        let mut d = Diagnostic::error(line, col, message);
        if !suggestion.is_empty() {
            d = d.with_suggestion(suggestion);
        }
        self.diags.push(d);
    }

    fn label(&mut self, base: &str) -> TokenStream {
        self.counter += 1;
        let l = syn::Lifetime::new(&format!("'{}{}", base, self.counter), Span::call_site());
        quote!(#l)
    }

    fn fresh(&mut self, base: &str) -> Ident {
        self.counter += 1;
        format_ident!("{}{}", base, self.counter)
    }

    // ---- module scan -------------------------------------------------------------------

    fn collect(&mut self, suite: &[Stmt]) {
        for s in suite {
            match s {
                Stmt::Import(_) | Stmt::ImportFrom(_) => self.collect_import(s),
                Stmt::FunctionDef(f) => {
                    let params = scope::parameters(&f.args)
                        .map(|a| (a.def.arg.to_string(), a.default.as_deref().cloned()))
                        .collect();
                    let sig = FnSig {
                        params,
                        positional: f.args.posonlyargs.len() + f.args.args.len(),
                        vararg: f.args.vararg.as_ref().map(|a| a.arg.to_string()),
                        kwarg: f.args.kwarg.as_ref().map(|a| a.arg.to_string()),
                    };
                    self.info.functions.insert(f.name.to_string(), sig);
                    // `import json` inside a function binds the same module as at top level.
                    self.collect_nested_imports(&f.body);
                    if !f.decorator_list.is_empty() {
                        self.info.decorated.insert(f.name.to_string());
                        self.add_globals(HashSet::from([f.name.to_string()]));
                    }
                }
                Stmt::ClassDef(c) => self.collect_class(c),
                Stmt::Assign(a) => {
                    for t in &a.targets {
                        let mut names = HashSet::new();
                        scope::target_names(t, &mut names);
                        self.add_globals(names);
                    }
                }
                Stmt::AnnAssign(a) if a.value.is_some() => {
                    let mut names = HashSet::new();
                    scope::target_names(&a.target, &mut names);
                    self.add_globals(names);
                }
                Stmt::AugAssign(a) => {
                    let mut names = HashSet::new();
                    scope::target_names(&a.target, &mut names);
                    self.add_globals(names);
                }
                Stmt::For(f) => {
                    let mut names = HashSet::new();
                    scope::target_names(&f.target, &mut names);
                    self.add_globals(names);
                }
                _ => {}
            }
        }
    }

    fn add_globals(&mut self, names: HashSet<String>) {
        let mut names: Vec<_> = names.into_iter().collect();
        names.sort();
        for n in names {
            if !self.info.globals.contains(&n) {
                self.info.globals.push(n);
            }
        }
    }

    /// An import: the local name → the module (or module member) it stands for. Modules the
    /// converter does not support are refused where they are used (an unused `import sys` is
    /// harmless), except client libraries that mean the handler cannot be converted at all.
    fn collect_import(&mut self, s: &Stmt) {
        const CLIENT_LIBRARIES: &[&str] = &[
            "boto3",
            "botocore",
            "requests",
            "urllib3",
            "httpx",
            "aws_lambda_powertools",
            "pandas",
            "numpy",
            "psycopg2",
            "pymysql",
            "redis",
            "sqlalchemy",
            "pydantic",
            "aiohttp",
        ];
        let refused =
            |module: &str| CLIENT_LIBRARIES.contains(&module.split('.').next().unwrap_or(module));
        match s {
            Stmt::Import(i) => {
                for a in &i.names {
                    let name = a.name.to_string();
                    if stdlib::lookup(&name).is_none() && refused(&name) {
                        self.unsupported_module(s, &name);
                    }
                    match &a.asname {
                        Some(alias) => self.bind_import(s, alias.to_string(), name),
                        None => {
                            let top = name.split('.').next().unwrap_or(&name).to_string();
                            self.bind_import(s, top.clone(), top);
                        }
                    }
                }
            }
            Stmt::ImportFrom(i) => {
                let module = i.module.as_ref().map(|m| m.to_string()).unwrap_or_default();
                if stdlib::lookup(&module) != Some(StdItem::Module)
                    && (refused(&module) || i.level.is_some_and(|l| l.to_u32() > 0))
                {
                    self.unsupported_module(s, &module);
                    return;
                }
                for a in &i.names {
                    let qualified = format!("{}.{}", module, a.name);
                    let local = a.asname.as_ref().unwrap_or(&a.name).to_string();
                    self.bind_import(s, local, qualified);
                }
            }
            _ => {}
        }
    }

    fn bind_import(&mut self, s: &Stmt, local: String, qualified: String) {
        match self.info.imports.get(&local) {
            Some(existing) if *existing != qualified => self.error(
                s,
                format!("`{local}` is imported as both `{existing}` and `{qualified}`"),
                "give one of the imports another name (`import x as y`)",
            ),
            _ => {
                self.info.imports.insert(local, qualified);
            }
        }
    }

    fn collect_nested_imports(&mut self, body: &[Stmt]) {
        let mut stack: Vec<&Stmt> = body.iter().collect();
        while let Some(s) = stack.pop() {
            match s {
                Stmt::Import(_) | Stmt::ImportFrom(_) => self.collect_import(s),
                other => stmt_parts(other, &mut stack, &mut |_| {}),
            }
        }
    }

    /// A use of the standard library the converter does not implement: `module.name()`, or
    /// any use of a module it does not support at all.
    fn unsupported_std(&mut self, node: &Expr, what: &str) {
        let module = what
            .split('.')
            .next()
            .unwrap_or(what)
            .trim_end_matches("()");
        if stdlib::lookup(module).is_none() {
            self.error(
                node,
                format!(
                    "module `{module}` is not supported by the converter (used here: `{what}`)"
                ),
                &format!(
                    "supported modules: {}; port this part by hand",
                    stdlib::MODULES.join(", ")
                ),
            );
        } else {
            self.error(
                node,
                format!("`{what}` is not supported by the converter"),
                "see README: Supported Python",
            );
        }
    }

    fn unsupported_module(&mut self, s: &Stmt, name: &str) {
        self.error(
            s,
            format!("module `{name}` is not supported by the converter"),
            &format!(
                "supported modules: {}; move calls to other libraries (e.g. boto3) out of the handler or port them by hand",
                stdlib::MODULES.join(", ")
            ),
        );
    }

    fn collect_class(&mut self, c: &ast::StmtClassDef) {
        let name = c.name.to_string();
        if let Some(kind) = self.enum_kind(c) {
            return self.collect_enum(c, kind);
        }
        let base_names: Vec<String> = c.bases.iter().filter_map(|b| self.qualified(b)).collect();
        if let [base] = base_names.as_slice() {
            let base = base
                .strip_prefix("typing_extensions.")
                .map(|b| format!("typing.{b}"))
                .unwrap_or(base.clone());
            if base == "typing.NamedTuple" || base == "typing.TypedDict" {
                return self.collect_typed_record(c, base == "typing.NamedTuple");
            }
        }
        let mut mro = None;
        if c.bases.len() == 1 && c.keywords.is_empty() {
            if let Some(base) = self.exception_name(&c.bases[0]) {
                mro = self.info.exceptions.get(&base).cloned().or_else(|| {
                    stdlib::builtin_exception_mro(&base)
                        .map(|v| v.iter().map(|s| s.to_string()).collect())
                });
            }
        }
        let Some(parent) = mro else {
            return self.collect_plain_class(c);
        };
        for d in &c.decorator_list {
            self.error(
                d,
                format!("decorator on exception class `{name}` is not supported"),
                "",
            );
        }
        let base = Some(parent[0].clone()).filter(|p| self.info.exceptions.contains_key(p));
        let Some(desc) = self.class_body(c, &name, false, base, None) else {
            return;
        };
        for s in &c.body {
            if let Stmt::FunctionDef(f) = s {
                if f.decorator_list
                    .iter()
                    .any(|d| matches!(d, Expr::Name(n) if n.id.as_str() == "classmethod"))
                {
                    self.error(
                        f,
                        format!(
                            "@classmethod `{}` on exception class `{name}` is not supported",
                            f.name
                        ),
                        "use a module-level function that builds the exception",
                    );
                }
            }
        }
        if desc.methods.iter().any(|m| m == "__init__") {
            self.info.exception_inits.insert(name.clone());
        }
        let mut full = vec![name.clone()];
        full.extend(parent);
        self.info.exceptions.insert(name.clone(), full);
        self.info.exception_bodies.insert(name, desc);
    }

    /// `class Point(NamedTuple): x: int; y: int = 0` / `class Order(TypedDict, total=False)`:
    /// annotated fields only.
    fn collect_typed_record(&mut self, c: &ast::StmtClassDef, named_tuple: bool) {
        let name = c.name.to_string();
        let what = if named_tuple {
            "NamedTuple"
        } else {
            "TypedDict"
        };
        for d in &c.decorator_list {
            self.error(
                d,
                format!("decorator on {what} `{name}` is not supported"),
                "",
            );
        }
        for k in &c.keywords {
            if named_tuple || k.arg.as_deref() != Some("total") {
                self.error(
                    &k.value,
                    format!("class keyword on {what} `{name}` is not supported"),
                    "",
                );
            }
        }
        let mut fields = Vec::new();
        for s in &c.body {
            match s {
                Stmt::Pass(_) => {}
                Stmt::Expr(e) if matches!(e.value.as_ref(), Expr::Constant(_)) => {}
                Stmt::AnnAssign(a) if matches!(a.target.as_ref(), Expr::Name(_)) && (named_tuple || a.value.is_none()) => {
                    let Expr::Name(t) = a.target.as_ref() else { continue };
                    if fields.iter().any(|(_, d): &(String, Option<Expr>)| d.is_some()) && a.value.is_none() {
                        self.error(s, format!("Non-default namedtuple field {} cannot follow default field(s)", t.id), "");
                    }
                    fields.push((t.id.to_string(), a.value.as_deref().cloned()));
                }
                other => self.error(
                    other,
                    format!("this statement in the body of {what} `{name}` is not supported"),
                    "keep it to annotated fields; put behaviour in module functions (or use a @dataclass)",
                ),
            }
        }
        let record = if named_tuple {
            TypedRecord::NamedTuple(fields)
        } else {
            TypedRecord::TypedDict
        };
        self.info.typed_records.insert(name.clone(), record);
        self.add_globals(HashSet::from([name]));
    }

    /// Which kind of enum the bases make the class, if they name `enum.Enum` or a subclass.
    fn enum_kind(&self, c: &ast::StmtClassDef) -> Option<&'static str> {
        let names: Vec<String> = c
            .bases
            .iter()
            .map(|b| match b {
                Expr::Name(n)
                    if matches!(n.id.as_str(), "str" | "int")
                        && !self.info.imports.contains_key(n.id.as_str()) =>
                {
                    n.id.to_string()
                }
                other => self.qualified(other).unwrap_or_default(),
            })
            .collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        Some(match names.as_slice() {
            ["enum.Enum"] => "Plain",
            ["str", "enum.Enum"] => "StrMixin",
            ["int", "enum.Enum"] => "IntMixin",
            ["enum.IntEnum"] => "IntEnum",
            ["enum.StrEnum"] => "StrEnum",
            _ if names.iter().any(|n| n.starts_with("enum.")) => "Unsupported",
            _ => return None,
        })
    }

    fn collect_enum(&mut self, c: &ast::StmtClassDef, kind: &'static str) {
        let name = c.name.to_string();
        if kind == "Unsupported" {
            self.error(
                c,
                format!("enum `{name}` has bases the converter does not support"),
                "derive from Enum, IntEnum, StrEnum, (str, Enum) or (int, Enum)",
            );
            return;
        }
        let mut unique = false;
        for d in &c.decorator_list {
            if self.qualified(d).as_deref() == Some("enum.unique") {
                unique = true;
            } else {
                self.error(
                    d,
                    format!("decorator on enum `{name}` is not supported"),
                    "only @unique is",
                );
            }
        }
        let mut members = Vec::new();
        let mut methods = Vec::new();
        for s in &c.body {
            match s {
                Stmt::Pass(_) => {}
                Stmt::Expr(e) if matches!(e.value.as_ref(), Expr::Constant(_)) => {}
                Stmt::Assign(a)
                    if a.targets.len() == 1
                        && matches!(&a.targets[0], Expr::Name(n) if !n.id.starts_with('_')) =>
                {
                    let Expr::Name(t) = &a.targets[0] else {
                        continue;
                    };
                    let is_auto = matches!(a.value.as_ref(), Expr::Call(call) if call.args.is_empty() && call.keywords.is_empty() && self.qualified(&call.func).as_deref() == Some("enum.auto"));
                    for n in scope::free_names(&a.value, &HashSet::new()) {
                        if members
                            .iter()
                            .any(|(m, _): &(String, Option<Expr>)| *m == n)
                        {
                            self.error(
                                a.value.as_ref(),
                                format!("enum member `{}` refers to `{n}` of the class body", t.id),
                                "write the value out",
                            );
                        }
                    }
                    members.push((
                        t.id.to_string(),
                        if is_auto {
                            None
                        } else {
                            Some((*a.value).clone())
                        },
                    ));
                }
                Stmt::FunctionDef(f) => {
                    let decorators: Vec<&str> = f
                        .decorator_list
                        .iter()
                        .map(|d| match d {
                            Expr::Name(n)
                                if matches!(n.id.as_str(), "property" | "staticmethod") =>
                            {
                                n.id.as_str()
                            }
                            _ => "",
                        })
                        .collect();
                    if decorators.len() > 1 || decorators.contains(&"") {
                        self.error(f, format!("decorators on enum method `{}` are not supported (only one of @property, @staticmethod)", f.name), "use a plain method or a module function");
                    }
                    if matches!(
                        f.name.as_str(),
                        "__init__" | "__new__" | "_generate_next_value_" | "_missing_"
                    ) {
                        self.error(
                            f,
                            format!("`{}` in enum `{name}` is not supported", f.name),
                            "give the members plain values and compute the rest in methods",
                        );
                    }
                    methods.push(f.name.to_string());
                }
                other => self.error(
                    other,
                    format!("this statement in the body of enum `{name}` is not supported"),
                    "keep enums to `NAME = value` members, methods and @property",
                ),
            }
        }
        let body = ClassDesc {
            dataclass: false,
            fields: Vec::new(),
            methods,
            base: None,
            attrs: Vec::new(),
            frozen: false,
            order: false,
            total_ordering: false,
        };
        self.info.enums.insert(
            name,
            EnumDesc {
                kind,
                members,
                body,
                unique,
            },
        );
    }

    /// An enum class: a `static EnumInfo` with its methods in a `ClassInfo`; its members are
    /// created by `init_module` where the class statement runs (see `enum_members`).
    fn enum_class(&mut self, c: &ast::StmtClassDef, desc: &EnumDesc, out: &mut RustModule) {
        let cname = c.name.to_string();
        let ClassMembers {
            methods,
            properties,
            static_methods,
            class_methods,
            setters,
            cached,
            abstract_methods,
        } = self.class_members(c, out, false);
        let options = class_options(&setters, &cached, &abstract_methods, false, false, false);
        let id = enum_static(&cname);
        let body_id = format_ident!("{}_BODY", id);
        let name = str_lit(&cname);
        let kind = format_ident!("{}", desc.kind);
        out.classes.push(quote! {
            static #body_id: py::class::ClassInfo = py::class::ClassInfo {
                name: #name,
                methods: &[#(#methods),*],
                properties: &[#(#properties),*],
                fields: &[],
                dataclass: false,
                base: None,
                static_methods: &[#(#static_methods),*],
                class_methods: &[#(#class_methods),*],
                class_attr: py::class::no_class_attrs,
                options: #options,
            };
            static #id: py::enums::EnumInfo = py::enums::EnumInfo {
                name: #name,
                kind: py::enums::EnumKind::#kind,
                body: &#body_id,
            };
        });
    }

    /// The class statement of an enum running: its members, in order.
    fn enum_members(&mut self, cname: &str, desc: &EnumDesc, ctx: &mut Ctx) -> TokenStream {
        let id = enum_static(cname);
        let entries: Vec<TokenStream> = desc
            .members
            .iter()
            .map(|(member, value)| {
                let n = str_lit(member);
                match value {
                    Some(v) => {
                        let v = self.owned(v, ctx);
                        quote!((#n, Some(#v)))
                    }
                    None => quote!((#n, None)),
                }
            })
            .collect();
        let unique = desc.unique;
        self.q(
            quote!(py::enums::define(&#id, [#(#entries),*], #unique)),
            ctx,
        )
    }

    /// `@dataclass(frozen=..., order=...)`: the options, or why they are not supported.
    fn dataclass_options(&self, d: &Expr) -> Option<Result<(bool, bool), String>> {
        let Expr::Call(c) = d else { return None };
        if self.qualified(&c.func).as_deref() != Some("dataclasses.dataclass") {
            return None;
        }
        let (mut frozen, mut order) = (false, false);
        for k in &c.keywords {
            let flag = match k.value {
                Expr::Constant(ast::ExprConstant {
                    value: Constant::Bool(b),
                    ..
                }) => b,
                _ => {
                    return Some(Err(
                        "dataclass options must be True or False literals".into()
                    ))
                }
            };
            match k.arg.as_deref() {
                Some("frozen") => frozen = flag,
                Some("order") => order = flag,
                Some("eq" | "repr" | "init") if flag => {}
                Some(other) => {
                    return Some(Err(format!(
                        "`@dataclass({other}={})` is not supported",
                        if flag { "True" } else { "False" }
                    )))
                }
                None => return Some(Err("`@dataclass(**options)` is not supported".into())),
            }
        }
        if !c.args.is_empty() {
            return Some(Err(
                "positional arguments to @dataclass(...) are not supported".into(),
            ));
        }
        Some(Ok((frozen, order)))
    }

    /// What a method's decorators make it, or why they are not supported.
    fn method_decor(&self, f: &ast::StmtFunctionDef) -> Result<MethodDecor, String> {
        let mut role = MethodRole::Plain;
        let mut abstract_ = false;
        for d in &f.decorator_list {
            let this = match d {
                Expr::Name(n) if n.id.as_str() == "property" => MethodRole::Property,
                Expr::Name(n) if n.id.as_str() == "staticmethod" => MethodRole::Static,
                Expr::Name(n) if n.id.as_str() == "classmethod" => MethodRole::Class,
                Expr::Attribute(a) if a.attr.as_str() == "setter" && matches!(a.value.as_ref(), Expr::Name(n) if n.id.as_str() == f.name.as_str()) => MethodRole::Setter,
                other => match self.qualified(other).as_deref() {
                    Some("abc.abstractmethod") => {
                        abstract_ = true;
                        continue;
                    }
                    Some("functools.cached_property") => MethodRole::CachedProperty,
                    _ => {
                        return Err(format!(
                            "decorators on method `{}` are not supported (only @property, @<name>.setter, @functools.cached_property, @staticmethod, @classmethod, @abstractmethod)",
                            f.name
                        ))
                    }
                },
            };
            if role != MethodRole::Plain {
                return Err(format!("method `{}` has more than one of @property, @staticmethod, @classmethod, @<name>.setter", f.name));
            }
            role = this;
        }
        Ok(MethodDecor { role, abstract_ })
    }

    fn is_dataclass_decorator(&self, d: &Expr) -> bool {
        let target = match d {
            Expr::Call(c) if c.args.is_empty() && c.keywords.is_empty() => c.func.as_ref(),
            other => other,
        };
        match target {
            Expr::Name(n) => {
                self.info.imports.get(n.id.as_str()).map(|q| q.as_str())
                    == Some("dataclasses.dataclass")
            }
            Expr::Attribute(_) => {
                self.qualified(target).as_deref() == Some("dataclasses.dataclass")
            }
            _ => false,
        }
    }

    /// `field(default_factory=X)` → X; `field(default=v)` → v as a default.
    /// `InitVar[...]` / `dataclasses.InitVar[...]`: an `__init__`-only pseudo-field.
    fn is_init_var(&self, ann: &Expr) -> bool {
        let head = match ann {
            Expr::Subscript(sub) => sub.value.as_ref(),
            other => other,
        };
        let q = match head {
            Expr::Name(n) => self.info.imports.get(n.id.as_str()).cloned(),
            other => self.qualified(other),
        };
        q.as_deref() == Some("dataclasses.InitVar")
    }

    /// `ClassVar[...]` / `typing.ClassVar[...]`: a class attribute, not a dataclass field.
    fn is_class_var(&self, ann: &Expr) -> bool {
        let head = match ann {
            Expr::Subscript(sub) => sub.value.as_ref(),
            other => other,
        };
        matches!(head, Expr::Name(n) if n.id.as_str() == "ClassVar")
            || self.qualified(head).as_deref() == Some("typing.ClassVar")
    }

    /// `dataclasses.field(default=..., default_factory=...)`; `Err` names an option that is
    /// not supported.
    #[allow(clippy::type_complexity)]
    fn field_call(&self, e: &Expr) -> Option<Result<(Option<Expr>, Option<Expr>), String>> {
        let Expr::Call(c) = e else { return None };
        let is_field = match c.func.as_ref() {
            Expr::Name(n) => {
                self.info.imports.get(n.id.as_str()).map(|q| q.as_str())
                    == Some("dataclasses.field")
            }
            other => self.qualified(other).as_deref() == Some("dataclasses.field"),
        };
        if !is_field || !c.args.is_empty() {
            return None;
        }
        let mut default = None;
        let mut factory = None;
        for k in &c.keywords {
            match k.arg.as_ref().map(|a| a.as_str()) {
                Some("default") => default = Some(k.value.clone()),
                Some("default_factory") => factory = Some(k.value.clone()),
                other => {
                    return Some(Err(format!(
                        "`field({}=...)` is not supported",
                        other.unwrap_or("**")
                    )))
                }
            }
        }
        Some(Ok((default, factory)))
    }

    /// A plain class or a `@dataclass`: annotated fields, methods, `@property` getters.
    fn collect_plain_class(&mut self, c: &ast::StmtClassDef) {
        let name = c.name.to_string();
        let encoder = c
            .bases
            .iter()
            .any(|b| self.qualified(b).as_deref() == Some("json.JSONEncoder"));
        if encoder {
            let overrides = c.body.iter().find_map(|s| match s {
                Stmt::FunctionDef(f) if f.name.as_str() != "default" => Some(f.name.to_string()),
                _ => None,
            });
            if let Some(m) = overrides {
                self.error(
                    c,
                    format!(
                        "`{name}` overrides `json.JSONEncoder.{m}`; only `default` is supported"
                    ),
                    "convert values in `default`, or before calling `json.dumps`",
                );
                return;
            }
            self.info.json_encoders.insert(name.clone());
        }
        let bases: Vec<&Expr> = c
            .bases
            .iter()
            // `object` and `abc.ABC` add nothing a converted class needs; a `json.JSONEncoder`
            // subclass is used only for its `default` method.
            .filter(|b| {
                !matches!(b, Expr::Name(n) if n.id.as_str() == "object")
                    && !matches!(
                        self.qualified(b).as_deref(),
                        Some("abc.ABC" | "json.JSONEncoder")
                    )
            })
            .collect();
        let base = match bases.as_slice() {
            [] => None,
            [Expr::Name(n)] if self.info.classes.contains_key(n.id.as_str()) => {
                Some(n.id.to_string())
            }
            _ => {
                self.error(c, format!("class `{name}` inherits from a class the converter does not support as a base"), "inherit from one class defined earlier in this module (single inheritance), or flatten the hierarchy");
                return;
            }
        };
        if !c.keywords.is_empty() {
            self.error(
                c,
                format!("class keywords (metaclass=...) on `{name}` are not supported"),
                "",
            );
            return;
        }
        let mut dataclass = false;
        let (mut frozen, mut order, mut total_ordering) = (false, false, false);
        for d in &c.decorator_list {
            if self.is_dataclass_decorator(d) {
                dataclass = true;
            } else if let Some(options) = self.dataclass_options(d) {
                dataclass = true;
                match options {
                    Ok((f, o)) => (frozen, order) = (f, o),
                    Err(msg) => self.error(
                        d,
                        msg,
                        "the converter supports frozen=, order=, eq=True and repr=True",
                    ),
                }
            } else if matches!(
                self.qualified(d).as_deref(),
                Some("functools.total_ordering")
            ) {
                total_ordering = true;
            } else {
                self.error(
                    d,
                    format!("decorator on class `{name}` is not supported"),
                    "only @dataclass(...) and @functools.total_ordering are",
                );
            }
        }
        let base_desc = base
            .as_ref()
            .and_then(|b| self.info.classes.get(b))
            .cloned();
        if let Some(b) = &base_desc {
            if b.dataclass && !dataclass {
                self.error(c, format!("plain class `{name}` inherits from a dataclass, which is not supported yet"), "make the subclass a @dataclass too");
                return;
            }
        }
        if let Some(mut desc) = self.class_body(c, &name, dataclass, base, base_desc) {
            (desc.frozen, desc.order, desc.total_ordering) = (frozen, order, total_ordering);
            self.info.classes.insert(name, desc);
        }
    }

    /// What a class body defines: fields, class attributes, methods.
    fn class_body(
        &mut self,
        c: &ast::StmtClassDef,
        name: &str,
        dataclass: bool,
        base: Option<String>,
        base_desc: Option<ClassDesc>,
    ) -> Option<ClassDesc> {
        let mut desc = ClassDesc {
            dataclass,
            fields: base_desc
                .as_ref()
                .filter(|b| b.dataclass)
                .map(|b| b.fields.clone())
                .unwrap_or_default(),
            methods: Vec::new(),
            base,
            attrs: Vec::new(),
            frozen: false,
            order: false,
            total_ordering: false,
        };
        // After a refused `field(...)`, the field order is not worth a second error.
        let mut field_errors = false;
        for s in &c.body {
            match s {
                Stmt::Pass(_) => {}
                Stmt::Expr(e) if matches!(e.value.as_ref(), Expr::Constant(_)) => {}
                Stmt::Assign(a) if a.targets.len() == 1 && matches!(a.targets[0], Expr::Name(_)) => {
                    let Expr::Name(t) = &a.targets[0] else { unreachable!() };
                    desc.attrs.push((t.id.to_string(), (*a.value).clone()));
                }
                Stmt::AnnAssign(a) if matches!(a.target.as_ref(), Expr::Name(_)) && (!dataclass || self.is_class_var(&a.annotation)) => {
                    // Without a value it only annotates; `ClassVar` is no dataclass field.
                    if let (Expr::Name(t), Some(v)) = (a.target.as_ref(), &a.value) {
                        desc.attrs.push((t.id.to_string(), (**v).clone()));
                    }
                }
                Stmt::AnnAssign(a) if dataclass && self.is_init_var(&a.annotation) => {
                    self.error(s, "`dataclasses.InitVar` fields are not supported", "make it a regular field, or compute the value before constructing the dataclass");
                }
                Stmt::AnnAssign(a) if dataclass => {
                    let Expr::Name(target) = a.target.as_ref() else {
                        self.error(s, "unsupported dataclass field", "");
                        continue;
                    };
                    let (default, factory) = match a.value.as_deref() {
                        None => (None, None),
                        Some(v) => match self.field_call(v) {
                            Some(Ok(pair)) => pair,
                            Some(Err(msg)) => {
                                self.error(v, msg, "set the attribute in `__post_init__`, or use a plain class with `__init__`");
                                field_errors = true;
                                (None, None)
                            }
                            None if is_immutable_literal(v) => (Some(v.clone()), None),
                            None => {
                                self.error(v, "a dataclass default must be a literal or `field(default_factory=...)`", "use field(default_factory=list) for mutable defaults");
                                (None, None)
                            }
                        },
                    };
                    let field = FieldDesc { name: target.id.to_string(), default, factory };
                    // A field redeclared in a subclass keeps its place, as in `dataclasses`.
                    match desc.fields.iter_mut().find(|f| f.name == field.name) {
                        Some(old) => *old = field,
                        None => desc.fields.push(field),
                    }
                }
                Stmt::FunctionDef(f) => {
                    if let Err(msg) = self.method_decor(f) {
                        self.error(f, msg, "use a plain method or a module function");
                    }
                    desc.methods.push(f.name.to_string());
                }
                other => self.error(other, format!("this statement in the body of class `{name}` is not supported"), "keep classes to fields, class attributes (`name = value`), methods, @property, @staticmethod and @classmethod"),
            }
        }
        // A class body's names are not visible as bare names outside it; the converter
        // evaluates class attributes at module level, so a bare reference would find a module
        // name instead (or none).
        for (i, (attr, value)) in desc.attrs.iter().enumerate() {
            for n in scope::free_names(value, &HashSet::new()) {
                if desc.attrs[..i].iter().any(|(a, _)| *a == n) {
                    self.error(
                        value,
                        format!("class attribute `{attr}` refers to `{n}` of the class body"),
                        "compute the value at module level and assign both from it",
                    );
                }
            }
        }
        let mut seen_default = field_errors;
        for f in desc.fields.iter().filter(|_| !field_errors) {
            if f.default.is_some() || f.factory.is_some() {
                seen_default = true;
            } else if seen_default {
                self.error(
                    c,
                    format!("non-default argument '{}' follows default argument", f.name),
                    "",
                );
                break;
            }
        }
        Some(desc)
    }

    /// A user class's or user exception class's body.
    fn class_desc(&self, name: &str) -> Option<&ClassDesc> {
        self.info
            .classes
            .get(name)
            .or_else(|| self.info.exception_bodies.get(name))
    }

    /// The Python name of an exception class expression, if it is one.
    fn exception_name(&self, e: &Expr) -> Option<String> {
        match e {
            Expr::Name(n) => {
                let id = n.id.as_str();
                if self.info.exceptions.contains_key(id)
                    || stdlib::builtin_exception_mro(id).is_some()
                {
                    return Some(id.to_string());
                }
                match self.info.imports.get(id).and_then(|q| stdlib::lookup(q)) {
                    Some(StdItem::Exception(_)) => self.qualified_exception(&self.info.imports[id]),
                    _ => None,
                }
            }
            Expr::Attribute(_) => {
                let q = self.qualified(e)?;
                self.qualified_exception(&q)
            }
            _ => None,
        }
    }

    fn qualified_exception(&self, q: &str) -> Option<String> {
        match stdlib::lookup(q)? {
            // `csv.Error` and `binascii.Error`: matched by their qualified name.
            StdItem::Exception(_) if q.ends_with(".Error") => Some(q.to_string()),
            StdItem::Exception(_) => Some(q.rsplit('.').next()?.to_string()),
            _ => None,
        }
    }

    /// The exception static for a Python exception class name.
    fn exception_static(&self, name: &str) -> TokenStream {
        if self.info.exceptions.contains_key(name) {
            self.used_exceptions.borrow_mut().insert(name.to_string());
            let id = exc_static(name);
            return quote!(&#id);
        }
        let builtin = stdlib::BUILTIN_EXCEPTIONS
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, s)| *s);
        let module_exception = match stdlib::lookup(name) {
            Some(StdItem::Exception(s)) => Some(s),
            _ => None,
        };
        let s = builtin.or(module_exception).unwrap_or(match name {
            "JSONDecodeError" => "JSON_DECODE_ERROR",
            "BadGzipFile" => "BAD_GZIP_FILE",
            _ => "EXCEPTION",
        });
        let id = format_ident!("{}", s);
        quote!(&py::exc::#id)
    }

    /// `a.b.c` → "json.loads" when `a` is an imported module.
    fn qualified(&self, e: &Expr) -> Option<String> {
        match e {
            Expr::Name(n) => self.info.imports.get(n.id.as_str()).cloned(),
            Expr::Attribute(a) => Some(format!("{}.{}", self.qualified(&a.value)?, a.attr)),
            _ => None,
        }
    }

    // ---- module ------------------------------------------------------------------------

    fn module(&mut self) -> RustModule {
        let suite = &self.module.suite;
        let mut out = RustModule {
            handler: self.handler.clone(),
            streaming: self.streaming_handler.is_some(),
            views: self
                .views
                .as_ref()
                .map(EventViews::items_text)
                .unwrap_or_default(),
            ..Default::default()
        };
        let mut exc_names: Vec<_> = self.info.exceptions.keys().cloned().collect();
        exc_names.sort();
        for name in exc_names {
            out.exceptions.push(ExceptionClass {
                rust_name: exc_static(&name).to_string(),
                mro: self.info.exceptions[&name].clone(),
                body: None,
            });
        }
        for g in self.info.globals.clone() {
            out.globals.push(GlobalVar {
                python_name: g.clone(),
                rust_name: global_ident(&g).to_string(),
            });
        }
        for s in suite.iter() {
            if let Stmt::ClassDef(c) = s {
                for (attr, _) in self
                    .class_desc(c.name.as_str())
                    .map(|d| d.attrs.as_slice())
                    .unwrap_or_default()
                {
                    let rust_name = class_attr_ident(c.name.as_str(), attr).to_string();
                    out.globals.push(GlobalVar {
                        python_name: attr.clone(),
                        rust_name,
                    });
                }
            }
        }
        let mut ctx = Ctx::new(FunctionScope::default(), true);
        let mut init = TokenStream::new();
        for s in suite.iter() {
            match s {
                Stmt::FunctionDef(f) => {
                    let defaults = self.def_time_defaults(f.name.as_str(), f, &mut ctx, &mut out);
                    init.extend(defaults);
                    if let Some(func) = self.function(f) {
                        out.functions.push(func);
                    }
                    if self.info.decorated.contains(f.name.as_str()) {
                        let undecorated = self.function_value(f.name.as_str());
                        let value = self.apply_decorators(&f.decorator_list, undecorated, &mut ctx);
                        let g = global_ident(f.name.as_str());
                        init.extend(
                            quote!({ let value = #value; #g.with(|global| global.set(value)); }),
                        );
                    }
                }
                Stmt::ClassDef(c) => {
                    for s in &c.body {
                        if let Stmt::FunctionDef(f) = s {
                            let defaults = self.def_time_defaults(
                                &format!("{}.{}", c.name, f.name),
                                f,
                                &mut ctx,
                                &mut out,
                            );
                            init.extend(defaults);
                        }
                    }
                    self.class(c, &mut out);
                    if let Some(desc) = self.info.enums.get(c.name.as_str()).cloned() {
                        let define = self.enum_members(c.name.as_str(), &desc, &mut ctx);
                        init.extend(quote!(#define;));
                    }
                    if let Some(record) = self.info.typed_records.get(c.name.as_str()).cloned() {
                        let value = match record {
                            TypedRecord::TypedDict => quote!(py::builtins::type_value("dict")),
                            TypedRecord::NamedTuple(fields) => {
                                let name = str_lit(c.name.as_str());
                                let names: Vec<TokenStream> = fields
                                    .iter()
                                    .map(|(f, _)| {
                                        let f = str_lit(f);
                                        quote!(Py::str(#f))
                                    })
                                    .collect();
                                let defaults: Vec<TokenStream> = fields
                                    .iter()
                                    .filter_map(|(_, d)| d.as_ref())
                                    .map(|d| self.owned(d, &mut ctx))
                                    .collect();
                                self.q(
                                    quote!(py::collections::namedtuple(py::Args::new(
                                        [Py::str(#name), Py::list([#(#names),*])],
                                        [("defaults", Py::list([#(#defaults),*]))],
                                    ))),
                                    &ctx,
                                )
                            }
                        };
                        let g = global_ident(c.name.as_str());
                        init.extend(
                            quote!({ let value = #value; #g.with(|global| global.set(value)); }),
                        );
                    }
                    // The class body runs here: its attributes, in order.
                    let attrs = self
                        .class_desc(c.name.as_str())
                        .map(|d| d.attrs.clone())
                        .unwrap_or_default();
                    for (attr, value) in attrs {
                        let g = class_attr_ident(c.name.as_str(), &attr);
                        let v = self.owned(&value, &mut ctx);
                        init.extend(
                            quote!({ let value = #v; #g.with(|global| global.set(value)); }),
                        );
                    }
                }
                Stmt::Import(_) | Stmt::ImportFrom(_) => {}
                Stmt::If(i) if is_main_guard(&i.test) => {}
                Stmt::Expr(e) if matches!(e.value.as_ref(), Expr::Constant(_)) => {}
                Stmt::AsyncFunctionDef(f) => self.error(
                    f,
                    "async handlers are not supported",
                    "Lambda calls Python handlers synchronously; use a plain `def`",
                ),
                other => init.extend(self.stmt(other, &mut ctx)),
            }
        }
        out.init = init;
        if self.info.decorated.contains(&self.handler) && self.streaming_handler.is_none() {
            // Lambda calls the handler with its decorators applied.
            let h = ident(&self.handler);
            let g = global_ident(&self.handler);
            let line = self.module.suite.iter().find_map(|s| match s {
                Stmt::FunctionDef(f) if f.name.as_str() == self.handler => Some(self.pos(f).0),
                _ => None,
            });
            out.functions.push(Function {
                python_name: self.handler.clone(),
                line: line.unwrap_or(0),
                tokens: quote! {
                    fn #h(event: Py, context: Py) -> PyResult<Py> {
                        #g.with(py::Global::get)?.call([event, context])
                    }
                },
            });
        }
        // A class only ever caught or inherited from (matched by name) needs no static.
        let used = self.used_exceptions.borrow().clone();
        out.exceptions.retain(|e| used.contains(&e.mro[0]));
        // Exception class bodies: those of the used classes and their bases; `__init__`s: the
        // ones used classes run, and those these call through `super().__init__`.
        let mut bodies = HashSet::new();
        let mut inits = HashSet::new();
        for u in &used {
            let mut class = Some(u.clone());
            while let Some(c) = class.filter(|c| self.exception_needs_body(c)) {
                class = self
                    .info
                    .exception_bodies
                    .get(&c)
                    .and_then(|d| d.base.clone());
                bodies.insert(c);
            }
            let mut owner = self.exception_init_owner(u);
            while let Some(o) = owner.filter(|o| !inits.contains(o)) {
                owner = self.exception_super_inits.get(&o).cloned();
                inits.insert(o);
            }
        }
        for e in &mut out.exceptions {
            if bodies.contains(&e.mro[0]) {
                e.body = Some(exception_body_static(&e.mro[0]).to_string());
            }
        }
        out.functions
            .retain(|f| match f.python_name.split_once('.') {
                Some((class, method)) if self.info.exception_bodies.contains_key(class) => {
                    if method == "__init__" {
                        inits.contains(class)
                    } else {
                        bodies.contains(class)
                    }
                }
                _ => true,
            });
        let mut names: Vec<&String> = bodies.iter().collect();
        names.sort();
        for name in names {
            out.classes
                .extend(self.exception_body_items.remove(name).unwrap_or_default());
        }
        out
    }

    fn function(&mut self, f: &ast::StmtFunctionDef) -> Option<Function> {
        if !f.decorator_list.is_empty()
            && self.streaming_handler.as_deref() == Some(f.name.as_str())
        {
            self.error(
                &f.decorator_list[0],
                "decorators on a streaming (generator) handler are not supported",
                "apply the decorator's logic inside the handler",
            );
        }
        let name = function_rust_name(f.name.as_str(), &self.info.decorated);
        let kind = if self.streaming_handler.as_deref() == Some(f.name.as_str()) {
            FnKind::Streaming
        } else if contains_yield(&f.body) {
            FnKind::Generator
        } else {
            FnKind::Module
        };
        self.function_item(f, name, kind)
    }

    /// A Python `def` as a Rust `fn`: module functions take their parameters as Rust
    /// parameters; methods take `self` and the call's `Args`; property getters just `self`.
    fn function_item(
        &mut self,
        f: &ast::StmtFunctionDef,
        rust_name: Ident,
        kind: FnKind,
    ) -> Option<Function> {
        let qualname = match &self.current_class {
            Some(class) => format!("{class}.{}", f.name),
            None => f.name.to_string(),
        };
        let outer = std::mem::replace(&mut self.locals_prefix, format!("{qualname}.<locals>."));
        let item = self.function_item_body(f, rust_name, kind);
        self.locals_prefix = outer;
        item
    }

    fn function_item_body(
        &mut self,
        f: &ast::StmtFunctionDef,
        rust_name: Ident,
        kind: FnKind,
    ) -> Option<Function> {
        let varargs = f.args.vararg.is_some() || f.args.kwarg.is_some();
        if varargs
            && (matches!(kind, FnKind::Property | FnKind::Streaming)
                || f.name.as_str() == self.handler)
        {
            self.error(f, format!("`*args`/`**kwargs` in `{}` are not supported here (only in module-level helper functions)", f.name), "list the parameters explicitly");
        }
        if kind == FnKind::Generator {
            if let Some(t) = yield_under_finally(&f.body) {
                self.error(t, format!("generator `{}` yields inside `try … finally` (or `with`): when its consumer stops early, Python runs the cleanup, the converted generator would not", f.name), "do the cleanup after the loop that consumes the generator, or return a list instead of yielding");
            }
        }
        if contains_yield(&f.body) && !matches!(kind, FnKind::Streaming | FnKind::Generator) {
            self.error(f, format!("generator function `{}` is not supported here (only module-level functions may yield)", f.name), "move it to module level, or return a list instead of yielding");
        }
        let mut params = scope::param_names(f);
        let named_params = params.len();
        // `*args` and `**kwargs` arrive as a tuple and a dict, after the named parameters.
        params.extend(
            f.args
                .vararg
                .iter()
                .chain(&f.args.kwarg)
                .map(|a| a.arg.to_string()),
        );
        if matches!(kind, FnKind::Method | FnKind::Property) && params.is_empty() {
            self.error(
                f,
                format!("method `{}` has no `self` parameter", f.name),
                "add `self` (or `cls` for a @classmethod), or mark it @staticmethod",
            );
            return None;
        }
        let scope = scope::analyse(&params, &f.body);
        let mut ctx = Ctx::new(scope, false);
        let no_hints = HashMap::new();
        let hints = match kind {
            FnKind::Module if self.current_class.is_none() => self
                .info
                .param_hints
                .get(f.name.as_str())
                .unwrap_or(&no_hints),
            _ => &no_hints,
        };
        let outer = types::Outer {
            builtin: &|n| self.module_builtin(n),
            function: &|n| self.module_function_type(n),
            params: hints,
        };
        ctx.types = types::infer(&f.body, &params, &ctx.scope, &outer);
        (ctx.rebound, ctx.consumed) = closures::analyse(&f.body, &ctx.scope);
        ctx.cells = self.cells_of(f, &ctx.scope);
        if !ctx.scope.nonlocals.is_empty() {
            let mut names: Vec<&String> = ctx.scope.nonlocals.iter().collect();
            names.sort();
            self.error(
                f,
                format!(
                    "`nonlocal {}` in `{}`, which is not nested in a function",
                    names[0], f.name
                ),
                "use `global` for module variables",
            );
        }
        if kind == FnKind::Module && self.current_class.is_none() {
            ctx.returns = self.info.returns.get(f.name.as_str()).copied();
        }
        ctx.declared = params.iter().cloned().collect();
        if kind == FnKind::Module && self.current_class.is_none() {
            let address = f as *const ast::StmtFunctionDef as usize;
            ctx.view_fn = self
                .views
                .as_ref()
                .and_then(|v| v.defs.get(&address).cloned());
        }
        ctx.streaming = kind == FnKind::Streaming;
        ctx.generator = kind == FnKind::Generator;
        if matches!(kind, FnKind::Method | FnKind::Property) {
            ctx.self_param = params.first().cloned();
        }
        let view_types: HashMap<String, TokenStream> = match (&ctx.view_fn, &self.views) {
            (Some(f), Some(views)) => params
                .iter()
                .filter_map(|p| Some((p.clone(), views.rust_type(views.var(f, p)?))))
                .collect(),
            _ => HashMap::new(),
        };
        let param_token = |ctx: &Ctx, p: &str| {
            let info = ctx.scope.locals.get(p).cloned().unwrap_or_default();
            let name = if info.reads == 0 && info.stores <= 1 {
                unread_ident(p)
            } else {
                ident(p)
            };
            // Every call passes this parameter a literal of one type (`collect_param_hints`),
            // or the same part of the event (`views`).
            let view = view_types.get(p);
            let ty = match ctx.types.get(p) {
                _ if view.is_some() => view.cloned().unwrap_or_default(),
                Some(t) if kind == FnKind::Module => rust_type(*t),
                _ => quote!(Py),
            };
            if info.stores > 1 {
                quote!(mut #name: #ty)
            } else {
                quote!(#name: #ty)
            }
        };
        let mut prelude = TokenStream::new();
        let recursive = match kind {
            FnKind::Module => {
                self.current_class.is_none() && self.info.recursive.contains(f.name.as_str())
            }
            FnKind::Method | FnKind::StaticMethod | FnKind::Property => {
                let mut called = HashSet::new();
                f.body.iter().for_each(|s| called_names(s, &mut called));
                called.contains(f.name.as_str())
            }
            _ => false,
        };
        if recursive {
            // CPython's recursion limit: too deep is a RecursionError, not a crash.
            prelude.extend(quote!(let _frame = py::recursion::Frame::enter()?;));
        }
        let mut cell_params: Vec<&String> =
            params.iter().filter(|p| ctx.cells.contains(*p)).collect();
        cell_params.sort();
        for p in cell_params {
            let id = ident(p);
            prelude.extend(quote!(let #id = py::cell::Cell::new(#id);));
        }
        let param_tokens: Vec<TokenStream> = match kind {
            FnKind::Module | FnKind::Generator => {
                params.iter().map(|p| param_token(&ctx, p)).collect()
            }
            FnKind::Streaming => {
                let mut t: Vec<TokenStream> = params.iter().map(|p| param_token(&ctx, p)).collect();
                t.push(quote!(chunks: &mut Vec<Py>));
                t
            }
            FnKind::Property => vec![param_token(&ctx, &params[0])],
            FnKind::Method | FnKind::StaticMethod => {
                let skip = if kind == FnKind::StaticMethod { 0 } else { 1 };
                let rest = &params[skip.min(named_params)..named_params];
                let defaults: Vec<Option<&Expr>> = scope::parameters(&f.args)
                    .skip(skip)
                    .map(|a| a.default.as_deref())
                    .collect();
                let slots: Vec<Ident> = rest.iter().map(|_| self.fresh("arg")).collect();
                let names: Vec<Literal> = rest.iter().map(|p| str_lit(p)).collect();
                // CPython 3.11 names a method by its qualified name in binding errors.
                let qualname = match &self.current_class {
                    Some(class) => format!("{class}.{}", f.name),
                    None => f.name.to_string(),
                };
                let fname = str_lit(&qualname);
                let has_default = defaults.iter().map(|d| d.is_some());
                let positional =
                    (f.args.posonlyargs.len() + f.args.args.len()).saturating_sub(skip);
                let (positional_lit, skip_lit) = (
                    Literal::usize_unsuffixed(positional),
                    Literal::usize_unsuffixed(skip),
                );
                match (&f.args.vararg, &f.args.kwarg) {
                    (None, None) => prelude.extend(quote!(let [#(#slots),*] = args.bind_def(#fname, [#(#names),*], [#(#has_default),*], #positional_lit, #skip_lit)?;)),
                    (vararg, kwarg) => {
                        let extra_pos = self.fresh("extra_pos");
                        let extra_kw = self.fresh("extra_kw");
                        let (has_vararg, has_kwarg) = (vararg.is_some(), kwarg.is_some());
                        let pos_pat = if has_vararg { quote!(#extra_pos) } else { quote!(_) };
                        let kw_pat = if has_kwarg { quote!(#extra_kw) } else { quote!(_) };
                        prelude.extend(quote!(let ([#(#slots),*], #pos_pat, #kw_pat) = args.bind_def_var(#fname, [#(#names),*], [#(#has_default),*], #positional_lit, #skip_lit, #has_vararg, #has_kwarg)?;));
                        for (arg, value) in [
                            (vararg, quote!(Py::tuple(#extra_pos))),
                            (kwarg, quote!(Py::dict(#extra_kw.into_iter().map(|(k, v)| (Py::str(&k), v)).collect::<Vec<_>>())?)),
                        ] {
                            let Some(arg) = arg else { continue };
                            let p = arg.arg.as_str();
                            let info = ctx.scope.locals.get(p).cloned().unwrap_or_default();
                            let id = if info.reads == 0 && info.stores <= 1 { unread_ident(p) } else { ident(p) };
                            let m = if info.stores > 1 { quote!(mut) } else { quote!() };
                            prelude.extend(quote!(let #m #id = #value;));
                        }
                    }
                }
                for ((p, d), slot) in rest.iter().zip(&defaults).zip(&slots) {
                    let info = ctx.scope.locals.get(p).cloned().unwrap_or_default();
                    let id = if info.reads == 0 && info.stores <= 1 {
                        unread_ident(p)
                    } else {
                        ident(p)
                    };
                    let m = if info.stores > 1 {
                        quote!(mut)
                    } else {
                        quote!()
                    };
                    match d {
                        Some(d) => {
                            let v = self.default_value(&qualname, p, d, &mut ctx);
                            prelude.extend(
                                quote!(let #m #id = match #slot { Some(v) => v, None => #v };),
                            );
                        }
                        None => prelude.extend(quote!(let #m #id = #slot.unwrap_or(Py::None);)),
                    }
                }
                let first = if kind == FnKind::StaticMethod {
                    quote!(_cls: Py)
                } else {
                    param_token(&ctx, &params[0])
                };
                vec![first, quote!(args: py::Args)]
            }
        };
        let (body, tail) = match f.body.split_last() {
            // `block(rest)` still declares the hoisted locals: a block is known by its first statement.
            Some((Stmt::Return(r), rest)) => {
                let body = self.block(rest, &mut ctx);
                let v = match (&r.value, ctx.returns) {
                    (Some(v), Some(ty)) => self.typed_value(v, ty, &mut ctx),
                    (Some(v), None) => self.owned(v, &mut ctx),
                    (None, _) => quote!(Py::None),
                };
                match strip_try(v.clone()) {
                    Some(inner) => (body, inner),
                    None => (body, quote!(Ok(#v))),
                }
            }
            Some((last, rest)) if kind != FnKind::Generator && ends_in_tail(last) => {
                self.tail_statement(last, rest, &mut ctx)
            }
            _ => {
                let body = self.block(&f.body, &mut ctx);
                let tail = if terminates(&f.body) {
                    quote!()
                } else {
                    quote!(Ok(Py::None))
                };
                (body, tail)
            }
        };
        let (line, _) = self.pos(f);
        let hoisted = !ctx.scope.block_decls.is_empty();
        let allow = if hoisted {
            quote!(#[allow(unused_assignments)])
        } else {
            quote!()
        };
        let (body, tail) = if kind == FnKind::Generator {
            // Calling it runs nothing: the body starts on the first `next()`.
            (
                quote!(Ok(py::generator_function(move |yielder| async move { #body #tail }))),
                quote!(),
            )
        } else {
            (body, tail)
        };
        let returns = match ctx.returns {
            Some(ty) => rust_type(ty),
            None => quote!(Py),
        };
        let tokens = quote! {
            #allow
            fn #rust_name(#(#param_tokens),*) -> PyResult<#returns> {
                #prelude
                #body
                #tail
            }
        };
        Some(Function {
            python_name: f.name.to_string(),
            line,
            tokens,
        })
    }

    /// A class: its methods become `fn`s, its shape a `static ClassInfo`.
    fn class(&mut self, c: &ast::StmtClassDef, out: &mut RustModule) {
        if let Some(desc) = self.info.enums.get(c.name.as_str()).cloned() {
            return self.enum_class(c, &desc, out);
        }
        if let Some(desc) = self.info.exception_bodies.get(c.name.as_str()).cloned() {
            return self.exception_class(c, &desc, out);
        }
        let Some(desc) = self.info.classes.get(c.name.as_str()).cloned() else {
            return;
        };
        let cname = c.name.to_string();
        let lower = cname.to_lowercase();
        let ClassMembers {
            mut methods,
            properties,
            static_methods,
            class_methods,
            setters,
            cached,
            abstract_methods,
        } = self.class_members(c, out, false);
        let (frozen, order, total_ordering) = (desc.frozen, desc.order, desc.total_ordering);
        let options = class_options(
            &setters,
            &cached,
            &abstract_methods,
            frozen,
            order,
            total_ordering,
        );
        if desc.dataclass && !desc.methods.iter().any(|m| m == "__init__") {
            let rust = format_ident!("{}_init", lower);
            let mut ctx = Ctx::new(FunctionScope::default(), true);
            let names: Vec<Literal> = desc.fields.iter().map(|f| str_lit(&f.name)).collect();
            let slots: Vec<Ident> = desc.fields.iter().map(|_| self.fresh("field")).collect();
            let mut sets = TokenStream::new();
            for (field, slot) in desc.fields.iter().zip(&slots) {
                let n = str_lit(&field.name);
                let value = match (&field.default, &field.factory) {
                    (Some(d), _) => {
                        let v = self.owned(d, &mut ctx);
                        quote!(match #slot { Some(v) => v, None => #v })
                    }
                    (None, Some(factory)) => {
                        let f = self.recv(factory, &mut ctx);
                        quote!(match #slot { Some(v) => v, None => #f.call([])? })
                    }
                    (None, None) => quote!(#slot.unwrap_or(Py::None)),
                };
                sets.extend(quote!(py::class::init_field(&this, #n, #value);));
            }
            let post = if desc.methods.iter().any(|m| m == "__post_init__") {
                quote!(this.call_method("__post_init__", [])?;)
            } else {
                quote!()
            };
            let fname = str_lit(&format!("{cname}.__init__"));
            let has_default = desc
                .fields
                .iter()
                .map(|f| f.default.is_some() || f.factory.is_some());
            let n_fields = desc.fields.len();
            let n_fields_lit = Literal::usize_unsuffixed(n_fields);
            let tokens = quote! {
                fn #rust(this: Py, args: py::Args) -> PyResult<Py> {
                    let [#(#slots),*] = args.bind_def(#fname, [#(#names),*], [#(#has_default),*], #n_fields_lit, 1)?;
                    #sets
                    #post
                    Ok(Py::None)
                }
            };
            let (line, _) = self.pos(c);
            out.functions.push(Function {
                python_name: format!("{cname}.__init__"),
                line,
                tokens,
            });
            methods.push(quote!(("__init__", #rust as py::class::Method)));
        }
        let id = class_static(&cname);
        let name = str_lit(&cname);
        let fields: Vec<Literal> = desc.fields.iter().map(|f| str_lit(&f.name)).collect();
        let dataclass = desc.dataclass;
        let base = match &desc.base {
            Some(b) => {
                let b = class_static(b);
                quote!(Some(&#b))
            }
            None => quote!(None),
        };
        let class_attr = self.class_attr_fn(&cname, &desc, &mut out.classes);
        out.classes.push(quote! {
            static #id: py::class::ClassInfo = py::class::ClassInfo {
                name: #name,
                methods: &[#(#methods),*],
                properties: &[#(#properties),*],
                fields: &[#(#fields),*],
                dataclass: #dataclass,
                base: #base,
                static_methods: &[#(#static_methods),*],
                class_methods: &[#(#class_methods),*],
                class_attr: #class_attr,
                options: #options,
            };
        });
    }

    /// `class_attr` of a `ClassInfo`: the class body's attributes, kept in thread-locals
    /// set by `init_module` (the item, if any, is pushed to `items`).
    fn class_attr_fn(
        &mut self,
        cname: &str,
        desc: &ClassDesc,
        items: &mut Vec<TokenStream>,
    ) -> TokenStream {
        if desc.attrs.is_empty() {
            return quote!(py::class::no_class_attrs);
        }
        let f = format_ident!("{}_class_attr", cname.to_lowercase());
        let arms = desc.attrs.iter().map(|(attr, _)| {
            let g = class_attr_ident(cname, attr);
            let n = str_lit(attr);
            quote!(#n => #g.with(|g| g.get().ok()),)
        });
        items.push(quote! {
            fn #f(name: &str) -> Option<Py> {
                match name {
                    #(#arms)*
                    _ => None,
                }
            }
        });
        quote!(#f)
    }

    /// The methods of a class body lowered to `fn`s (pushed to `out`), sorted into what a
    /// `ClassInfo` lists. An exception class's `__init__` becomes the `fn` `py::new_exception`
    /// runs instead of a method.
    fn class_members(
        &mut self,
        c: &ast::StmtClassDef,
        out: &mut RustModule,
        exception: bool,
    ) -> ClassMembers {
        let cname = c.name.to_string();
        let lower = cname.to_lowercase();
        let mut members = ClassMembers::default();
        self.current_class = Some(cname.clone());
        for s in &c.body {
            let Stmt::FunctionDef(f) = s else { continue };
            if exception && f.name.as_str() == "__init__" {
                if let Some(mut func) =
                    self.function_item(f, exception_init_fn(&cname), FnKind::Method)
                {
                    func.python_name = format!("{cname}.__init__");
                    out.functions.push(func);
                }
                continue;
            }
            let Ok(decor) = self.method_decor(f) else {
                continue;
            };
            let rust = match decor.role {
                _ if f.name.as_str() == "__init__" => format_ident!("{}_init", lower),
                MethodRole::Setter => {
                    format_ident!("{}_set_{}", lower, f.name.as_str().trim_matches('_'))
                }
                _ => format_ident!("{}_{}", lower, f.name.as_str().trim_matches('_')),
            };
            let kind = match decor.role {
                MethodRole::Property | MethodRole::CachedProperty => FnKind::Property,
                MethodRole::Static => FnKind::StaticMethod,
                _ => FnKind::Method,
            };
            let Some(mut func) = self.function_item(f, rust.clone(), kind) else {
                continue;
            };
            func.python_name = format!("{cname}.{}", f.name);
            out.functions.push(func);
            let n = str_lit(f.name.as_str());
            match decor.role {
                MethodRole::Property => members.properties.push(quote!((#n, #rust))),
                MethodRole::CachedProperty => {
                    members.properties.push(quote!((#n, #rust)));
                    members.cached.push(quote!(#n));
                }
                MethodRole::Setter => members
                    .setters
                    .push(quote!((#n, #rust as py::class::Method))),
                _ => members
                    .methods
                    .push(quote!((#n, #rust as py::class::Method))),
            }
            match decor.role {
                MethodRole::Static => members.static_methods.push(quote!(#n)),
                MethodRole::Class => members.class_methods.push(quote!(#n)),
                _ => {}
            }
            if decor.abstract_ {
                members.abstract_methods.push(quote!(#n));
            }
        }
        self.current_class = None;
        members
    }

    /// A user exception class: `__init__` becomes the `fn` `py::new_exception` runs; the rest
    /// of the body (methods, properties, class attributes, `__str__`) a `ClassInfo` that the
    /// class's `ExcClass` points to, kept aside until `module` knows which classes are used.
    fn exception_class(&mut self, c: &ast::StmtClassDef, desc: &ClassDesc, out: &mut RustModule) {
        let cname = c.name.to_string();
        let ClassMembers {
            methods,
            properties,
            static_methods,
            class_methods,
            setters,
            cached,
            abstract_methods,
        } = self.class_members(c, out, true);
        let options = class_options(&setters, &cached, &abstract_methods, false, false, false);
        if !self.exception_needs_body(&cname) {
            return;
        }
        let mut items = Vec::new();
        let class_attr = self.class_attr_fn(&cname, desc, &mut items);
        let id = exception_body_static(&cname);
        let name = str_lit(&cname);
        let base = match desc
            .base
            .as_deref()
            .filter(|b| self.exception_needs_body(b))
        {
            Some(b) => {
                let b = exception_body_static(b);
                quote!(Some(&#b))
            }
            None => quote!(None),
        };
        items.push(quote! {
            static #id: py::class::ClassInfo = py::class::ClassInfo {
                name: #name,
                methods: &[#(#methods),*],
                properties: &[#(#properties),*],
                fields: &[],
                dataclass: false,
                base: #base,
                static_methods: &[#(#static_methods),*],
                class_methods: &[#(#class_methods),*],
                class_attr: #class_attr,
                options: #options,
            };
        });
        self.exception_body_items.insert(cname, items);
    }

    /// Whether a user exception class (or a user base) defines more than `__init__`.
    fn exception_needs_body(&self, name: &str) -> bool {
        let Some(desc) = self.info.exception_bodies.get(name) else {
            return false;
        };
        !desc.attrs.is_empty()
            || desc.methods.iter().any(|m| m != "__init__")
            || desc
                .base
                .as_deref()
                .is_some_and(|b| self.exception_needs_body(b))
    }

    // ---- statements --------------------------------------------------------------------

    fn block(&mut self, body: &[Stmt], ctx: &mut Ctx) -> TokenStream {
        let mut out = TokenStream::new();
        if let Some(names) = ctx.scope.block_decls.get(&scope::block_id(body)).cloned() {
            for n in names {
                let id = self.local_ident(&n, ctx);
                if ctx.cells.contains(&n) {
                    out.extend(quote!(let #id = py::cell::Cell::new(Py::None);));
                } else {
                    out.extend(quote!(let mut #id = Py::None;));
                }
                ctx.declared.insert(n);
            }
        }
        for s in body {
            out.extend(self.stmt(s, ctx));
        }
        out
    }

    fn local_ident(&self, name: &str, ctx: &Ctx) -> Ident {
        match ctx.scope.locals.get(name) {
            Some(info) if info.reads == 0 => unread_ident(name),
            _ => ident(name),
        }
    }

    /// A function body `rest` + `last` whose last statement (`ends_in_tail`) is its tail
    /// expression: a final `if`/`elif`/`else` whose every branch returns or raises ends its
    /// branches in values, not `return`s; a final `raise` is `Err(...)`. Returns the
    /// statements and the tail.
    fn tail_statement(
        &mut self,
        last: &Stmt,
        rest: &[Stmt],
        ctx: &mut Ctx,
    ) -> (TokenStream, TokenStream) {
        let body = self.block(rest, ctx);
        let stmt = self.stmt(last, ctx);
        let tail = match last {
            Stmt::Raise(_) => strip_return(stmt.clone()),
            _ => tail_if_chain(&stmt),
        };
        match tail {
            Some(tail) => (body, tail),
            None => (quote!(#body #stmt), quote!()),
        }
    }

    /// Wrap a fallible expression: `?` or the enclosing `try`'s `attempt!`.
    fn q(&self, ts: TokenStream, ctx: &Ctx) -> TokenStream {
        match &ctx.err_label {
            None => quote!(#ts?),
            Some(label) => {
                let (attempt, label) =
                    (emit::macro_call("attempt"), emit::label_placeholder(label));
                quote!(#attempt(#ts, #label))
            }
        }
    }

    /// Propagate an error value (`PyErr`) out of the current statement.
    fn propagate(&mut self, err: TokenStream, ctx: &Ctx) -> TokenStream {
        // Building the exception can itself fail (`raise E(x["k"])`).
        let (bind, err) = self.jump_operand(err, "error", ctx);
        match &ctx.err_label {
            None => quote!(return Err(#err);),
            Some(label) => quote!(#bind break #label Err(#err);),
        }
    }

    /// The operand of a `return`/`break` inside a `try`: when it can itself leave the block
    /// (`attempt`'s `break`), it is computed first into a local (`let value = …;`) — a jump
    /// inside a jump's operand is legal but hard to read. Returns that statement (or
    /// nothing) and the operand to use.
    fn jump_operand(
        &mut self,
        v: TokenStream,
        base: &str,
        ctx: &Ctx,
    ) -> (TokenStream, TokenStream) {
        match &ctx.err_label {
            Some(label) if mentions_label(&v, label) => {
                let id = self.fresh(base);
                (quote!(let #id = #v;), quote!(#id))
            }
            _ => (quote!(), v),
        }
    }

    fn stmt(&mut self, s: &Stmt, ctx: &mut Ctx) -> TokenStream {
        match s {
            Stmt::Expr(e) => {
                if let Expr::Constant(_) = e.value.as_ref() {
                    return quote!();
                }
                if matches!(e.value.as_ref(), Expr::Yield(_) | Expr::YieldFrom(_)) {
                    return self.yield_stmt(s, &e.value, ctx);
                }
                let v = self.owned(&e.value, ctx);
                // A call that can fail is a statement of its own (`logger.info(...)?;`); its
                // `Py` result is not `must_use`. Anything else is evaluated into `_`.
                let tokens: Vec<proc_macro2::TokenTree> = v.clone().into_iter().collect();
                let fallible = match tokens.as_slice() {
                    [.., proc_macro2::TokenTree::Punct(p)] => p.as_char() == '?',
                    [proc_macro2::TokenTree::Ident(f), proc_macro2::TokenTree::Group(_)] => {
                        *f == emit::macro_call("attempt")
                    }
                    _ => false,
                };
                if fallible {
                    quote!(#v;)
                } else {
                    quote!(let _ = #v;)
                }
            }
            Stmt::Assign(a) => {
                if let [Expr::Name(n)] = a.targets.as_slice() {
                    if let Some(node) = self.view_var(n.id.as_str(), ctx) {
                        if let Some(v) = self.view_loads(n.id.as_str(), node, &a.value, ctx) {
                            return v;
                        }
                        let value = self.view_owned(&a.value, ctx);
                        let id = self.local_name(n.id.as_str(), ctx);
                        ctx.declared.insert(n.id.to_string());
                        return quote!(let #id = #value;);
                    }
                    if let Some(ty) = self.local_type(n.id.as_str(), ctx) {
                        let value = self.typed_value(&a.value, ty, ctx);
                        return self.assign_name_typed(
                            n.id.as_str(),
                            value,
                            Some(scope::stmt_id(s)),
                            Some(ty),
                            ctx,
                        );
                    }
                }
                if a.targets.len() == 1 {
                    let value = self.owned(&a.value, ctx);
                    self.assign(&a.targets[0], value, Some(scope::stmt_id(s)), ctx)
                } else {
                    let tmp = self.fresh("value");
                    let value = self.owned(&a.value, ctx);
                    let mut out = quote!(let #tmp = #value;);
                    for t in &a.targets {
                        out.extend(self.assign(t, quote!(#tmp.clone()), None, ctx));
                    }
                    out
                }
            }
            Stmt::AnnAssign(a) => match &a.value {
                Some(v) if matches!(a.target.as_ref(), Expr::Name(n) if self.local_type(n.id.as_str(), ctx).is_some()) =>
                {
                    let Expr::Name(n) = a.target.as_ref() else {
                        unreachable!()
                    };
                    let ty = self.local_type(n.id.as_str(), ctx).unwrap_or(Ty::Bool);
                    let value = self.typed_value(v, ty, ctx);
                    self.assign_name_typed(
                        n.id.as_str(),
                        value,
                        Some(scope::stmt_id(s)),
                        Some(ty),
                        ctx,
                    )
                }
                Some(v) => {
                    let value = self.owned(v, ctx);
                    self.assign(&a.target, value, Some(scope::stmt_id(s)), ctx)
                }
                None => quote!(),
            },
            Stmt::AugAssign(a) => self.aug_assign(a, ctx),
            Stmt::Return(r) => {
                if ctx.module_level {
                    self.error(s, "`return` outside a function", "");
                }
                let v = match (&r.value, ctx.returns) {
                    (Some(v), Some(ty)) => self.typed_value(v, ty, ctx),
                    (Some(v), None) => self.owned(v, ctx),
                    (None, _) => quote!(Py::None),
                };
                self.emit_return(v, ctx)
            }
            Stmt::If(i) => {
                let cond = self.cond(&i.test, ctx);
                let body = self.block(&i.body, ctx);
                if i.orelse.is_empty() {
                    quote!(if #cond { #body })
                } else {
                    let orelse = self.block(&i.orelse, ctx);
                    if i.orelse.len() == 1
                        && matches!(i.orelse[0], Stmt::If(_))
                        && !ctx
                            .scope
                            .block_decls
                            .contains_key(&scope::block_id(&i.orelse))
                    {
                        quote!(if #cond { #body } else #orelse)
                    } else {
                        quote!(if #cond { #body } else { #orelse })
                    }
                }
            }
            Stmt::While(w) => {
                let forever = matches!(w.test.as_ref(), Expr::Constant(c) if matches!(c.value, Constant::Bool(true)));
                let cond = if forever {
                    None
                } else {
                    Some(self.cond(&w.test, ctx))
                };
                let (label, broke, body) = self.loop_body(&w.body, !w.orelse.is_empty(), ctx);
                let lp = match cond {
                    None => quote!(#label loop { #body }),
                    Some(cond) => quote!(#label while #cond { #body }),
                };
                self.with_else(lp, broke, &w.orelse, ctx)
            }
            Stmt::For(f) if self.typed_loop(f, ctx).is_some() => self.typed_for(f, ctx),
            Stmt::For(f) if self.view_enumerate(f, ctx).is_some() => {
                let (xs, start, index, target) = self
                    .view_enumerate(f, ctx)
                    .unwrap_or_else(|| unreachable!());
                // `enumerate` over a view: Rust's own, the index a Python int from `start`.
                let items = self.view_recv(xs, ctx);
                let items = self.q(quote!(#items.iter()), ctx);
                let (position, item) = (self.fresh("position"), self.fresh("item"));
                let start = Literal::i64_unsuffixed(start.unwrap_or(0));
                let bind_index = self.assign(
                    index,
                    quote!(Py::Int(#start + #position as i64)),
                    Some(0),
                    ctx,
                );
                let bind = self.assign(target, self.q(quote!(#item), ctx), Some(0), ctx);
                let (label, broke, body) = self.loop_body(&f.body, !f.orelse.is_empty(), ctx);
                let lp = quote!(#label for (#position, #item) in #items.enumerate() { #bind_index #bind #body });
                self.with_else(lp, broke, &f.orelse, ctx)
            }
            Stmt::For(f) => {
                let iter = self.recv(&f.iter, ctx);
                let iter = self.q(quote!(#iter.iter()), ctx);
                let item = self.fresh("item");
                let bind = self.assign(&f.target, self.q(quote!(#item), ctx), Some(0), ctx);
                let (label, broke, body) = self.loop_body(&f.body, !f.orelse.is_empty(), ctx);
                let lp = quote!(#label for #item in #iter { #bind #body });
                self.with_else(lp, broke, &f.orelse, ctx)
            }
            Stmt::Break(_) => self.emit_jump("break", ctx),
            Stmt::Continue(_) => self.emit_jump("continue", ctx),
            Stmt::Pass(_) => quote!(),
            Stmt::Raise(r) => self.raise(r, ctx),
            Stmt::Try(t) => self.try_stmt(t, ctx),
            Stmt::Assert(a) => {
                let cond = self.cond(&a.test, ctx);
                let args = match &a.msg {
                    Some(m) => {
                        let m = self.owned(m, ctx);
                        quote!([#m])
                    }
                    None => quote!([]),
                };
                let raise =
                    self.propagate(quote!(PyErr::new(&py::exc::ASSERTION_ERROR, #args)), ctx);
                let failed = negate(&cond);
                quote!(if #failed { #raise })
            }
            Stmt::Delete(d) => {
                let mut out = TokenStream::new();
                for t in &d.targets {
                    match t {
                        Expr::Subscript(sub) => {
                            let obj = self.borrowed(&sub.value, ctx);
                            let call = match sub.slice.as_ref() {
                                Expr::Slice(sl) => {
                                    let [a, b, c] = self.slice_bounds(sl, ctx);
                                    self.q(quote!((#obj).del_slice(#a, #b, #c)), ctx)
                                }
                                key => {
                                    let key = self.borrowed(key, ctx);
                                    self.q(quote!((#obj).delitem(#key)), ctx)
                                }
                            };
                            out.extend(quote!(#call;));
                        }
                        _ => self.error(t, "only `del container[key]` is supported", ""),
                    }
                }
                out
            }
            Stmt::Global(_) => quote!(),
            // Its names are cells (`Ctx::cells`), shared with the enclosing function.
            Stmt::Nonlocal(_) => quote!(),
            Stmt::Import(_) | Stmt::ImportFrom(_) => {
                // Collected with the module's imports (`collect_nested_imports`).
                quote!()
            }
            Stmt::FunctionDef(f) if !ctx.module_level => self.nested_function(f, s, ctx),
            Stmt::ClassDef(c) => {
                self.error(
                    c,
                    "classes inside functions are not supported",
                    "define the class at module level",
                );
                quote!()
            }
            Stmt::Match(m) => {
                self.error(m, "this `match` has an or-pattern whose alternatives bind names, which is not supported", "split the alternatives into separate `case` clauses");
                quote!()
            }
            Stmt::AsyncWith(w) => {
                self.error(
                    w,
                    "`async with` is not supported",
                    "Lambda calls Python handlers synchronously; use a plain `with`",
                );
                quote!()
            }
            other => {
                self.error(
                    other,
                    format!("this statement ({}) is not supported yet", stmt_kind(other)),
                    "",
                );
                quote!()
            }
        }
    }

    /// A `def` inside a function: a closure over the enclosing locals it reads (cloned at
    /// the `def`, which is exact as long as the enclosing function does not rebind them).
    fn nested_function(
        &mut self,
        f: &ast::StmtFunctionDef,
        s: &Stmt,
        ctx: &mut Ctx,
    ) -> TokenStream {
        let name = f.name.to_string();
        if contains_yield(&f.body) {
            self.error(
                f,
                format!("nested function `{name}` uses yield, which is not supported"),
                "move it to module level",
            );
            return quote!();
        }
        let free = scope::function_free_names(f);
        if free.contains(&name) {
            self.error(
                f,
                format!("nested function `{name}` calls itself"),
                "move the recursive function to module level",
            );
            return quote!();
        }
        let mut captured = HashSet::new();
        for n in &free {
            if self.is_rust_local(n, ctx) {
                captured.insert(n.clone());
            }
        }
        let mut late: Vec<&String> = captured
            .iter()
            .filter(|n| ctx.rebound.contains(*n) && !self.is_cell(n, ctx))
            .collect();
        late.sort();
        if let Some(n) = late.first() {
            self.error(f, format!("nested function `{name}` reads `{n}`, which can change after `{name}` is defined (it is assigned in a loop or more than once): Python's `{name}` would see the latest value, the converted one the value at its definition"), &format!("pass `{n}` to `{name}` as an argument"));
        }
        let qualname = format!("{}{name}", self.locals_prefix);
        let mut params = scope::param_names(f);
        let named = params.len();
        params.extend(
            f.args
                .vararg
                .iter()
                .chain(&f.args.kwarg)
                .map(|a| a.arg.to_string()),
        );
        let defaults: Vec<Option<&Expr>> = scope::parameters(&f.args)
            .map(|a| a.default.as_deref())
            .collect();
        let positional = f.args.posonlyargs.len() + f.args.args.len();
        let scope = scope::analyse(&params, &f.body);
        let mut prelude = TokenStream::new();
        let bind = self.bind_closure_args(
            &qualname,
            &params[..named],
            &defaults,
            positional,
            (f.args.vararg.as_deref(), f.args.kwarg.as_deref()),
            &scope,
            &mut prelude,
            ctx,
        );
        // In a stable order: the same handler always converts to the same text.
        let mut clones: Vec<&String> = captured.iter().collect();
        clones.sort();
        for n in clones {
            let id = self.local_name(n, ctx);
            prelude.extend(quote!(let #id = #id.clone();));
        }
        let mut inner = Ctx::new(scope, false);
        let no_hints = HashMap::new();
        let outer = types::Outer {
            params: &no_hints,
            builtin: &|n| !captured.contains(n) && self.module_builtin(n),
            function: &|n| {
                if captured.contains(n) {
                    None
                } else {
                    self.module_function_type(n)
                }
            },
        };
        inner.types = types::infer(&f.body, &params, &inner.scope, &outer);
        (inner.rebound, inner.consumed) = closures::analyse(&f.body, &inner.scope);
        // Its `nonlocal` names and the enclosing function's cells it reads are cells here
        // too (captured as clones of the shared cell); so are its own nested functions'.
        inner.cells = self.cells_of(f, &inner.scope);
        inner
            .cells
            .extend(captured.iter().filter(|n| self.is_cell(n, ctx)).cloned());
        inner.cell_depth = 1;
        if let Some(p) = params.iter().find(|p| inner.cells.contains(*p)) {
            self.error(f, format!("parameter `{p}` of nested function `{name}` is `nonlocal` in a function nested in it"), "move the nested functions to module level and pass the state explicitly");
        }
        for p in &params {
            inner.declared.insert(p.clone());
        }
        inner.inner.push(captured);
        let outer = std::mem::replace(&mut self.locals_prefix, format!("{qualname}.<locals>."));
        // A trailing `return value` is the closure's tail expression.
        let (body, tail) = match f.body.split_last() {
            Some((Stmt::Return(r), rest)) => {
                let body = self.block(rest, &mut inner);
                let v = match &r.value {
                    Some(v) => self.owned(v, &mut inner),
                    None => quote!(Py::None),
                };
                (body, strip_try(v.clone()).unwrap_or(quote!(Ok(#v))))
            }
            // As in a module function (nested generators are refused).
            Some((last, rest)) if ends_in_tail(last) => self.tail_statement(last, rest, &mut inner),
            _ => {
                let body = self.block(&f.body, &mut inner);
                (
                    body,
                    if terminates(&f.body) {
                        quote!()
                    } else {
                        quote!(Ok(Py::None))
                    },
                )
            }
        };
        self.locals_prefix = outer;
        let fname = str_lit(&name);
        let value = quote!({
            #prelude
            Py::func(#fname, move |args: py::Args| -> PyResult<Py> {
                #bind
                #body
                #tail
            })
        });
        let value = if f.decorator_list.is_empty() {
            value
        } else {
            self.apply_decorators(&f.decorator_list, value, ctx)
        };
        self.assign_name(&name, value, Some(scope::stmt_id(s)), ctx)
    }

    /// The start of a closure's body (nested `def`, `lambda`) that binds its `args: py::Args`
    /// to the parameters as CPython does, by `qualname`. Defaults are evaluated into
    /// `prelude`, once, where the function is defined.
    #[allow(clippy::too_many_arguments)]
    fn bind_closure_args(
        &mut self,
        qualname: &str,
        named: &[String],
        defaults: &[Option<&Expr>],
        positional: usize,
        (vararg, kwarg): (Option<&ast::Arg>, Option<&ast::Arg>),
        scope: &FunctionScope,
        prelude: &mut TokenStream,
        ctx: &mut Ctx,
    ) -> TokenStream {
        let positional_lit = Literal::usize_unsuffixed(positional);
        let declare = |p: &str| {
            let info = scope.locals.get(p).cloned().unwrap_or_default();
            let id = if info.reads == 0 && info.stores <= 1 {
                unread_ident(p)
            } else {
                ident(p)
            };
            if info.stores > 1 {
                quote!(mut #id)
            } else {
                quote!(#id)
            }
        };
        let names: Vec<Literal> = named.iter().map(|p| str_lit(p)).collect();
        let has_default = defaults.iter().map(|d| d.is_some());
        let q = str_lit(qualname);
        if vararg.is_none() && kwarg.is_none() && defaults.iter().all(Option::is_none) {
            // Every parameter is required, so binding succeeds only with all of them present.
            let ids: Vec<TokenStream> = named.iter().map(|p| declare(p)).collect();
            return quote!(
                let [#(#ids),*] = args.bind_def(#q, [#(#names),*], [#(#has_default),*], #positional_lit, 0)?.map(|arg| arg.unwrap_or(Py::None));
            );
        }
        let slots: Vec<Ident> = named.iter().map(|_| self.fresh("arg")).collect();
        let mut binds = TokenStream::new();
        for ((p, d), slot) in named.iter().zip(defaults).zip(&slots) {
            let id = declare(p);
            match d {
                Some(d) => {
                    let default = self.fresh("default");
                    let v = self.owned(d, ctx);
                    prelude.extend(quote!(let #default = #v;));
                    binds.extend(quote!(let #id = #slot.unwrap_or_else(|| #default.clone());));
                }
                None => binds.extend(quote!(let #id = #slot.unwrap_or(Py::None);)),
            }
        }
        if vararg.is_none() && kwarg.is_none() {
            return quote!(
                let [#(#slots),*] = args.bind_def(#q, [#(#names),*], [#(#has_default),*], #positional_lit, 0)?;
                #binds
            );
        }
        let extra_pos = self.fresh("extra_pos");
        let extra_kw = self.fresh("extra_kw");
        let (has_vararg, has_kwarg) = (vararg.is_some(), kwarg.is_some());
        let pos_pat = if has_vararg {
            quote!(#extra_pos)
        } else {
            quote!(_)
        };
        let kw_pat = if has_kwarg {
            quote!(#extra_kw)
        } else {
            quote!(_)
        };
        if let Some(a) = vararg {
            let id = declare(a.arg.as_str());
            binds.extend(quote!(let #id = Py::tuple(#extra_pos);));
        }
        if let Some(a) = kwarg {
            let id = declare(a.arg.as_str());
            binds.extend(quote!(let #id = Py::dict(#extra_kw.into_iter().map(|(k, v)| (Py::str(&k), v)).collect::<Vec<_>>())?;));
        }
        quote!(
            let ([#(#slots),*], #pos_pat, #kw_pat) = args.bind_def_var(#q, [#(#names),*], [#(#has_default),*], #positional_lit, 0, #has_vararg, #has_kwarg)?;
            #binds
        )
    }

    /// Emits a loop body; returns the loop's label (with its colon) if it needs one and
    /// the `broke` flag for an `else:` clause.
    fn loop_body(
        &mut self,
        body: &[Stmt],
        has_else: bool,
        ctx: &mut Ctx,
    ) -> (TokenStream, Option<Ident>, TokenStream) {
        let label = if exits_inside_try(body) {
            Some(self.label("loop"))
        } else {
            None
        };
        let broke = if has_else {
            Some(self.fresh("broke"))
        } else {
            None
        };
        ctx.loops.push(LoopCtx {
            label: label.clone(),
            broke: broke.clone(),
        });
        let tokens = self.block(body, ctx);
        ctx.loops.pop();
        let label = match label {
            Some(l) => quote!(#l:),
            None => quote!(),
        };
        (label, broke, tokens)
    }

    /// `for`/`while` with an `else:` runs it when the loop was not left by `break`.
    fn with_else(
        &mut self,
        lp: TokenStream,
        broke: Option<Ident>,
        orelse: &[Stmt],
        ctx: &mut Ctx,
    ) -> TokenStream {
        let Some(broke) = broke else {
            return lp;
        };
        let orelse = self.block(orelse, ctx);
        // No `break` in the loop: its `else` always runs.
        if !mentions_label(&lp, &quote!(#broke)) {
            return quote! {
                #lp
                #orelse
            };
        }
        quote! {
            let mut #broke = false;
            #lp
            if !#broke { #orelse }
        }
    }

    /// `return value`: straight out, or through the enclosing `finally` region.
    fn emit_return(&mut self, v: TokenStream, ctx: &mut Ctx) -> TokenStream {
        let (bind, v) = self.jump_operand(v, "value", ctx);
        if let Some(region) = ctx.regions.last_mut() {
            region.used.insert("return");
            let label = region.label.clone();
            return quote!(#bind break #label Ok(py::Flow::Return(#v)););
        }
        match strip_try(v.clone()) {
            Some(inner) if ctx.err_label.is_none() => quote!(return #inner;),
            _ => quote!(#bind return Ok(#v);),
        }
    }

    /// `break`/`continue`: to the innermost loop, through a `finally` region entered inside it.
    fn emit_jump(&mut self, kind: &'static str, ctx: &mut Ctx) -> TokenStream {
        let loops = ctx.loops.len();
        if let Some(region) = ctx.regions.last_mut() {
            if region.loop_depth == loops && loops > 0 {
                region.used.insert(kind);
                let label = region.label.clone();
                return if kind == "break" {
                    quote!(break #label Ok(py::Flow::Break);)
                } else {
                    quote!(break #label Ok(py::Flow::Continue);)
                };
            }
        }
        let Some(lp) = ctx.loops.last() else {
            return quote!();
        };
        let label = lp.label.clone().unwrap_or_default();
        match (kind, &lp.broke) {
            ("break", Some(flag)) => quote!({ #flag = true; break #label; }),
            ("break", None) => quote!(break #label;),
            _ => quote!(continue #label;),
        }
    }

    fn assign(
        &mut self,
        target: &Expr,
        value: TokenStream,
        direct: Option<usize>,
        ctx: &mut Ctx,
    ) -> TokenStream {
        match target {
            Expr::Name(n) if self.view_var(n.id.as_str(), ctx).is_some() => {
                let id = self.local_name(n.id.as_str(), ctx);
                ctx.declared.insert(n.id.to_string());
                quote!(let #id = #value;)
            }
            Expr::Name(n) => self.assign_name(n.id.as_str(), value, direct, ctx),
            Expr::Subscript(sub) => {
                if let Expr::Slice(_) = sub.slice.as_ref() {
                    self.error(
                        target,
                        "slice assignment is not supported yet",
                        "build a new list instead",
                    );
                    return quote!();
                }
                let obj = self.recv(&sub.value, ctx);
                let key = self.owned(&sub.slice, ctx);
                let call = self.q(quote!(#obj.setitem(#key, #value)), ctx);
                quote!(#call;)
            }
            Expr::Attribute(a) => {
                if let Expr::Name(n) = a.value.as_ref() {
                    if self.info.classes.contains_key(n.id.as_str())
                        && !self.is_rust_local(n.id.as_str(), ctx)
                    {
                        self.error(
                            target,
                            format!(
                                "assigning class attribute `{}.{}` is not supported yet",
                                n.id, a.attr
                            ),
                            "keep mutable state in a module-level variable or on an instance",
                        );
                        return quote!();
                    }
                }
                let obj = as_receiver(&self.borrowed(&a.value, ctx));
                let attr = str_lit(a.attr.as_str());
                let call = self.q(quote!(#obj.setattr(#attr, #value)), ctx);
                quote!(#call;)
            }
            Expr::Tuple(_) | Expr::List(_) => {
                let elts = match target {
                    Expr::Tuple(t) => &t.elts,
                    Expr::List(l) => &l.elts,
                    _ => unreachable!(),
                };
                let stars: Vec<usize> = elts
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| matches!(e, Expr::Starred(_)))
                    .map(|(i, _)| i)
                    .collect();
                if stars.len() > 1 {
                    self.error(target, "multiple starred expressions in assignment", "");
                    return quote!();
                }
                let n = elts.len();
                let parts: Vec<Ident> = (0..n).map(|_| self.fresh("part")).collect();
                let value = as_receiver(&quote!(&#value));
                let count = Literal::usize_unsuffixed(n);
                let unpack = match stars.first() {
                    Some(&star) => {
                        let after = Literal::usize_unsuffixed(n - star - 1);
                        let star = Literal::usize_unsuffixed(star);
                        self.q(
                            quote!(#value.unpack_starred_n::<#count>(#star, #after)),
                            ctx,
                        )
                    }
                    None => self.q(quote!(#value.unpack_n::<#count>()), ctx),
                };
                // `a, b = …` declaring plain locals binds them in the pattern itself
                // (`let [a, b] = …`); anything else goes through a temporary.
                let mut patterns = Vec::with_capacity(n);
                let mut stores = TokenStream::new();
                for (e, p) in elts.iter().zip(&parts) {
                    let store = self.assign(e, quote!(#p), direct, ctx);
                    match let_binding(&store, p).filter(|_| named_once(elts, e)) {
                        Some(pattern) => patterns.push(pattern),
                        None => {
                            patterns.push(quote!(#p));
                            stores.extend(store);
                        }
                    }
                }
                quote!(let [#(#patterns),*] = #unpack; #stores)
            }
            Expr::Starred(st) => self.assign(&st.value, value, direct, ctx),
            other => {
                self.error(other, "unsupported assignment target", "");
                quote!()
            }
        }
    }

    fn assign_name(
        &mut self,
        name: &str,
        value: TokenStream,
        direct: Option<usize>,
        ctx: &mut Ctx,
    ) -> TokenStream {
        self.assign_name_typed(name, value, direct, None, ctx)
    }

    /// Store `value` in `name`; `ty` is the local's Rust type when it has one (`types`).
    fn assign_name_typed(
        &mut self,
        name: &str,
        value: TokenStream,
        direct: Option<usize>,
        ty: Option<Ty>,
        ctx: &mut Ctx,
    ) -> TokenStream {
        if self.is_cell(name, ctx) {
            let id = ident(name);
            let first = matches!(
                ctx.scope.locals.get(name).and_then(|info| info.decl.clone()),
                Some(Decl::AtStatement(stmt)) if direct == Some(stmt) || direct == Some(0)
            ) && !ctx.declared.contains(name);
            if first {
                ctx.declared.insert(name.to_string());
                return quote!(let #id = py::cell::Cell::new(#value););
            }
            return quote!(#id.set(#value););
        }
        if ctx.inner.iter().any(|s| s.contains(name)) {
            let id = ident(name);
            return quote!(let #id = #value;);
        }
        if ctx.module_level || ctx.scope.globals.contains(name) || !ctx.scope.is_local(name) {
            let g = global_ident(name);
            return quote!({ let value = #value; #g.with(|global| global.set(value)); });
        }
        let id = self.local_ident(name, ctx);
        let info = ctx.scope.locals[name].clone();
        let declare_here = match info.decl {
            Some(Decl::AtStatement(stmt)) => {
                !ctx.declared.contains(name) && (direct == Some(stmt) || direct == Some(0))
            }
            _ => false,
        };
        if declare_here {
            ctx.declared.insert(name.to_string());
            let annotation = ty.map(|t| {
                let t = rust_type(t);
                quote!(: #t)
            });
            if info.stores > 1 {
                quote!(let mut #id #annotation = #value;)
            } else {
                quote!(let #id #annotation = #value;)
            }
        } else {
            quote!(#id = #value;)
        }
    }

    /// A loop whose target is a typed `int`: over `range(...)` (`Ok(None)`), or the index
    /// of `enumerate(...)` (`Ok(Some(start))`).
    #[allow(clippy::type_complexity)]
    fn typed_loop<'f>(
        &self,
        f: &'f ast::StmtFor,
        ctx: &Ctx,
    ) -> Option<Result<&'f [Expr], (&'f Expr, Option<&'f Expr>)>> {
        let names = self.names(ctx);
        match f.target.as_ref() {
            Expr::Name(n) if self.local_type(n.id.as_str(), ctx) == Some(Ty::Int) => {
                types::typed_range(&f.iter, &names).map(Ok)
            }
            Expr::Tuple(t) if t.elts.len() == 2 => match &t.elts[0] {
                Expr::Name(n) if self.local_type(n.id.as_str(), ctx) == Some(Ty::Int) => {
                    types::typed_enumerate(&f.iter, &names).map(Err)
                }
                _ => None,
            },
            _ => None,
        }
    }

    /// `for i in range(a, b)` as `for i in a..b`; `for i, x in enumerate(xs)` with `i` an
    /// `i64` counted by Rust's `enumerate`.
    fn typed_for(&mut self, f: &ast::StmtFor, ctx: &mut Ctx) -> TokenStream {
        let Some(kind) = self.typed_loop(f, ctx) else {
            return quote!();
        };
        let index_name = match f.target.as_ref() {
            Expr::Tuple(t) => &t.elts[0],
            other => other,
        };
        let Expr::Name(index_name) = index_name else {
            return quote!();
        };
        let index = self.local_ident(index_name.id.as_str(), ctx);
        let mutable = ctx
            .scope
            .locals
            .get(index_name.id.as_str())
            .is_some_and(|i| i.stores > 1);
        let m = if mutable { quote!(mut) } else { quote!() };
        ctx.declared.insert(index_name.id.to_string());
        match kind {
            Ok(args) => {
                let values: Vec<TokenStream> = args
                    .iter()
                    .map(|a| paren_operand(self.typed_value(a, Ty::Int, ctx)))
                    .collect();
                let bounds: Vec<Option<i64>> = args
                    .iter()
                    .map(|a| types::int_literal(a, types::SMALL_INT))
                    .collect();
                let literally_empty = match bounds.as_slice() {
                    [Some(stop)] => *stop <= 0,
                    [Some(start), Some(stop), ..] => start >= stop,
                    _ => false,
                };
                let range = match values.as_slice() {
                    // `range(5, -3)`: written as `5..-3`, clippy rejects the empty range.
                    _ if literally_empty => quote!(std::iter::empty::<i64>()),
                    [stop] => quote!(0..#stop),
                    [start, stop] => quote!(#start..#stop),
                    [start, stop, _] => {
                        let step =
                            types::int_literal(&args[2], types::SMALL_STEP).unwrap_or(1) as usize;
                        let step = Literal::usize_unsuffixed(step);
                        quote!((#start..#stop).step_by(#step))
                    }
                    _ => quote!(0..0),
                };
                let (label, broke, body) = self.loop_body(&f.body, !f.orelse.is_empty(), ctx);
                let lp = quote!(#label for #m #index in #range { #body });
                self.with_else(lp, broke, &f.orelse, ctx)
            }
            Err((xs, start)) => {
                let Expr::Tuple(t) = f.target.as_ref() else {
                    return quote!();
                };
                // `enumerate(xs, start)` evaluates `xs`, then `start`, once.
                let source = self.recv(xs, ctx);
                let source = self.q(quote!(#source.iter()), ctx);
                let items = self.fresh("items");
                let mut before = quote!(let #items = #source;);
                let counter = self.fresh("position");
                let first = match start {
                    Some(start) => {
                        let start = self.typed_value(start, Ty::Int, ctx);
                        let start_var = self.fresh("start");
                        before.extend(quote!(let #start_var: i64 = #start;));
                        quote!(let #m #index = #start_var + #counter as i64;)
                    }
                    None => quote!(let #m #index = #counter as i64;),
                };
                let item = self.fresh("item");
                let bind = self.assign(&t.elts[1], self.q(quote!(#item), ctx), Some(0), ctx);
                let (label, broke, body) = self.loop_body(&f.body, !f.orelse.is_empty(), ctx);
                let lp = quote!(#label for (#counter, #item) in #items.enumerate() { #first #bind #body });
                let lp = self.with_else(lp, broke, &f.orelse, ctx);
                quote!(#before #lp)
            }
        }
    }

    /// `x += v` on a typed local: Rust's own operator (see `types` for why it is exact).
    fn typed_aug_assign(
        &mut self,
        name: &str,
        ty: Ty,
        a: &ast::StmtAugAssign,
        ctx: &mut Ctx,
    ) -> TokenStream {
        let id = self.local_ident(name, ctx);
        match ty {
            Ty::Str => {
                let v = self.str_ref(&a.value, ctx);
                quote!(#id.push_str(#v);)
            }
            _ => {
                let v = if ty == Ty::Float {
                    self.float_operand(&a.value, ctx)
                } else {
                    self.typed_value(&a.value, ty, ctx)
                };
                match a.op {
                    ast::Operator::Sub => quote!(#id -= #v;),
                    ast::Operator::Mult => quote!(#id *= #v;),
                    _ => quote!(#id += #v;),
                }
            }
        }
    }

    fn aug_assign(&mut self, a: &ast::StmtAugAssign, ctx: &mut Ctx) -> TokenStream {
        if let Expr::Name(n) = a.target.as_ref() {
            if let Some(ty) = self.local_type(n.id.as_str(), ctx) {
                return self.typed_aug_assign(n.id.as_str(), ty, a, ctx);
            }
        }
        let op = binop_method(&a.op, true);
        let rhs = self.borrowed(&a.value, ctx);
        match a.target.as_ref() {
            Expr::Name(n) => {
                let cur = self.recv(&a.target, ctx);
                let new = self.q(quote!(#cur.#op(#rhs)), ctx);
                self.assign_name(n.id.as_str(), new, None, ctx)
            }
            Expr::Subscript(sub) => {
                let obj_tmp = self.fresh("target");
                let key_tmp = self.fresh("key");
                let obj = self.owned(&sub.value, ctx);
                let key = self.owned(&sub.slice, ctx);
                let get = self.q(quote!(#obj_tmp.getitem(&#key_tmp)), ctx);
                let new = self.q(quote!(#get.#op(#rhs)), ctx);
                let set = self.q(quote!(#obj_tmp.setitem(#key_tmp, updated)), ctx);
                quote!({ let #obj_tmp = #obj; let #key_tmp = #key; let updated = #new; #set; })
            }
            Expr::Attribute(at) => {
                let obj_tmp = self.fresh("target");
                let obj = self.owned(&at.value, ctx);
                let attr = str_lit(at.attr.as_str());
                let get = self.q(quote!(#obj_tmp.getattr(#attr)), ctx);
                let new = self.q(quote!(#get.#op(#rhs)), ctx);
                let set = self.q(quote!(#obj_tmp.setattr(#attr, #new)), ctx);
                quote!({ let #obj_tmp = #obj; #set; })
            }
            other => {
                self.error(other, "unsupported augmented assignment target", "");
                quote!()
            }
        }
    }

    /// `yield v` / `yield from it`: a streaming handler collects the values, a generator
    /// function hands each one to its consumer and suspends.
    fn yield_stmt(&mut self, s: &Stmt, value: &Expr, ctx: &mut Ctx) -> TokenStream {
        if !ctx.streaming && !ctx.generator {
            let what = if matches!(value, Expr::YieldFrom(_)) {
                "yield from"
            } else {
                "yield"
            };
            self.error(
                s,
                format!("`{what}` outside a module-level function is not supported"),
                "return a list instead",
            );
            return quote!();
        }
        let generator = ctx.generator;
        let send = move |v: TokenStream| {
            if generator {
                quote!(yielder.send(#v).await;)
            } else {
                quote!(chunks.push(#v);)
            }
        };
        match value {
            Expr::YieldFrom(y) => {
                let source = self.recv(&y.value, ctx);
                let items = self.q(quote!(#source.iter()), ctx);
                let item = self.q(quote!(item), ctx);
                let send = send(quote!(item));
                quote!(for item in #items {
                    let item = #item;
                    #send
                })
            }
            Expr::Yield(y) => {
                let v = match &y.value {
                    Some(v) => self.owned(v, ctx),
                    None => quote!(Py::None),
                };
                send(v)
            }
            _ => quote!(),
        }
    }

    fn raise(&mut self, r: &ast::StmtRaise, ctx: &mut Ctx) -> TokenStream {
        let err = match &r.exc {
            None => match ctx.handling.last() {
                Some(e) => quote!(#e.clone()),
                None => {
                    self.error(r, "bare `raise` outside an `except` clause", "");
                    return quote!();
                }
            },
            Some(e) => {
                // `raise ValueError("...")` builds the error directly.
                if let Expr::Call(c) = e.as_ref() {
                    if let Some(name) = self.exception_name(&c.func) {
                        if let Some(owner) = self.exception_init_owner(&name) {
                            let err = self.new_user_exception(&name, &owner, c, ctx);
                            return self.raise_with_cause(err, r, ctx);
                        }
                        if c.keywords.is_empty() {
                            let args: Vec<TokenStream> =
                                c.args.iter().map(|a| self.owned(a, ctx)).collect();
                            let class = self.exception_static(&name);
                            quote!(PyErr::new(#class, [#(#args),*]))
                        } else {
                            self.error(
                                e.as_ref(),
                                "keyword arguments to exception classes are not supported",
                                "",
                            );
                            return quote!();
                        }
                    } else {
                        let v = self.owned(e, ctx);
                        quote!(py::raise(#v))
                    }
                } else if let Some(name) = self.exception_name(e) {
                    let class = self.exception_static(&name);
                    match self.exception_init_owner(&name) {
                        // `raise Cls` instantiates it: its `__init__` runs with no arguments.
                        Some(owner) => {
                            let init = exception_init_fn(&owner);
                            self.q(
                                quote!(py::new_exception(#class, #init, py::Args::default())),
                                ctx,
                            )
                        }
                        None => quote!(PyErr::new(#class, [])),
                    }
                } else {
                    let v = self.owned(e, ctx);
                    quote!(py::raise(#v))
                }
            }
        };
        self.raise_with_cause(err, r, ctx)
    }

    /// `raise err from cause`: the cause is evaluated after the exception, as in Python, and
    /// changes nothing a Lambda caller sees (it only sets `__cause__`).
    fn raise_with_cause(
        &mut self,
        err: TokenStream,
        r: &ast::StmtRaise,
        ctx: &mut Ctx,
    ) -> TokenStream {
        let Some(cause) = &r.cause else {
            return self.propagate(err, ctx);
        };
        // `raise X from Y`: Y is `X.__cause__`, and the implicit context is suppressed.
        let cause = self.owned(cause, ctx);
        let raise = self.propagate(quote!(error), ctx);
        quote!({
            let error = #err;
            let error = error.with_attr("__cause__", #cause).with_attr("__suppress_context__", Py::Bool(true));
            #raise
        })
    }

    fn try_stmt(&mut self, t: &ast::StmtTry, ctx: &mut Ctx) -> TokenStream {
        let has_finally = !t.finalbody.is_empty();
        let fin_label = self.label("finally");
        let outer_label = ctx.err_label.clone();
        if has_finally {
            ctx.regions.push(Region {
                label: fin_label.clone(),
                loop_depth: ctx.loops.len(),
                used: HashSet::new(),
            });
            ctx.err_label = Some(fin_label.clone());
        }
        let core = if t.handlers.is_empty() {
            let body = self.block(&t.body, ctx);
            let else_ = self.block(&t.orelse, ctx);
            quote!(#body #else_)
        } else {
            let label = self.label("try");
            let saved = ctx.err_label.replace(label.clone());
            let body = self.block(&t.body, ctx);
            ctx.err_label = saved;
            // A body ending in `raise` has that error as its value, not a `break` to itself.
            let (body, ok_tail) = match tail_break(&body, &label) {
                Some(body) => (body, quote!()),
                None if terminates(&t.body) => (body, quote!()),
                None => (body, quote!(Ok(()))),
            };
            let result = self.fresh("result");
            let err = self.fresh("err");
            let orelse = self.block(&t.orelse, ctx);
            let mut arms = TokenStream::new();
            let mut catch_all = false;
            // `except classes:` naming a variable: evaluated once the body raised.
            let mut dynamic_types = TokenStream::new();
            for h in &t.handlers {
                let ast::ExceptHandler::ExceptHandler(h) = h;
                let guard = match &h.type_ {
                    None => {
                        catch_all = true;
                        quote!()
                    }
                    Some(ty) if self.is_exception_variable(ty, ctx) => {
                        let types = self.fresh("exc_types");
                        let v = self.owned(ty, ctx);
                        dynamic_types.extend(quote!(let #types = #v;));
                        quote!(if py::exception_matches(&#err, &#types))
                    }
                    Some(ty) => {
                        let names: Vec<String> = match ty.as_ref() {
                            Expr::Tuple(tu) => tu
                                .elts
                                .iter()
                                .filter_map(|e| self.exception_name_or_error(e))
                                .collect(),
                            other => self.exception_name_or_error(other).into_iter().collect(),
                        };
                        if names.iter().any(|n| n == "BaseException") {
                            catch_all = true;
                            quote!()
                        } else {
                            let lits = names.iter().map(|n| str_lit(n));
                            quote!(if #(#err.is_instance(#lits))||*)
                        }
                    }
                };
                ctx.handling.push(err.clone());
                let mut bound = HashSet::new();
                let bind = match &h.name {
                    Some(n) => {
                        bound.insert(n.to_string());
                        let id = ident(n.as_str());
                        let used = h.body.iter().any(|s| stmt_reads(s, n.as_str()));
                        if used {
                            quote!(let #id = Py::Exc(#err.clone());)
                        } else {
                            quote!()
                        }
                    }
                    None => quote!(),
                };
                ctx.inner.push(bound);
                let body = self.block(&h.body, ctx);
                ctx.inner.pop();
                ctx.handling.pop();
                let err_pat =
                    if h.body.iter().any(stmt_reraises) || h.name.is_some() || !guard.is_empty() {
                        quote!(#err)
                    } else {
                        quote!(_)
                    };
                let err_pat =
                    if guard.is_empty() && h.name.is_none() && !h.body.iter().any(stmt_reraises) {
                        quote!(_)
                    } else {
                        err_pat
                    };
                arms.extend(quote!(Err(#err_pat) #guard => { #bind #body }));
                if catch_all {
                    break;
                }
            }
            if !catch_all {
                let prop = self.propagate(quote!(#err), ctx);
                arms.extend(quote!(Err(#err) => { #prop }));
            }
            // A body that cannot raise (`try: pass`) never leaves through the label.
            let body_block = if mentions_label(&body, &label) {
                quote!(#label: { #body #ok_tail })
            } else {
                quote!({ #body #ok_tail })
            };
            quote! {
                let #result: PyResult<()> = #body_block;
                #dynamic_types
                match #result {
                    Ok(()) => { #orelse }
                    #arms
                }
            }
        };
        if !has_finally {
            return core;
        }
        let region = ctx.regions.pop().expect("pushed above");
        ctx.err_label = outer_label;
        let outcome = self.fresh("outcome");
        let fin = self.block(&t.finalbody, ctx);
        let tail = if terminates(&t.body) && t.handlers.is_empty() {
            quote!()
        } else {
            quote!(Ok(py::Flow::Normal))
        };
        if region.used.is_empty() {
            let prop = self.q(quote!(#outcome), ctx);
            return quote! {
                let #outcome: PyResult<py::Flow> = #fin_label: { #core #tail };
                #fin
                #prop;
            };
        }
        // After the finally body, finish what the try started.
        let mut arms = quote!(py::Flow::Normal => {});
        if region.used.contains("return") {
            let r = self.emit_return(quote!(value), ctx);
            arms.extend(quote!(py::Flow::Return(value) => { #r }));
        }
        if region.used.contains("break") {
            let b = self.emit_jump("break", ctx);
            arms.extend(quote!(py::Flow::Break => { #b }));
        }
        if region.used.contains("continue") {
            let c = self.emit_jump("continue", ctx);
            arms.extend(quote!(py::Flow::Continue => { #c }));
        }
        if region.used.len() < 3 {
            arms.extend(quote!(_ => {}));
        }
        let flow = self.q(quote!(#outcome), ctx);
        quote! {
            let #outcome: PyResult<py::Flow> = #fin_label: { #core #tail };
            #fin
            match #flow { #arms }
        }
    }

    /// `UserError(...)` for an exception class with `__init__`: a `PyErr` expression.
    /// The user exception class whose `__init__` an instance of `name` runs: its own, or
    /// the nearest base's (`class NotFound(HttpError): pass` runs `HttpError.__init__`).
    fn exception_init_owner(&self, name: &str) -> Option<String> {
        let mro = self.info.exceptions.get(name)?;
        mro.iter()
            .find(|c| self.info.exception_inits.contains(*c))
            .cloned()
    }

    fn new_user_exception(
        &mut self,
        name: &str,
        owner: &str,
        c: &ast::ExprCall,
        ctx: &mut Ctx,
    ) -> TokenStream {
        let class = self.exception_static(name);
        let init = exception_init_fn(owner);
        let args = self.args(c, ctx);
        self.q(quote!(py::new_exception(#class, #init, #args)), ctx)
    }

    /// An `except` clause naming a variable that holds exception classes (`except on:`
    /// with `on = (ValueError, KeyError)` a parameter or module variable).
    fn is_exception_variable(&self, e: &Expr, ctx: &Ctx) -> bool {
        match e {
            Expr::Name(n) => {
                self.exception_name(e).is_none()
                    && (self.is_rust_local(n.id.as_str(), ctx)
                        || self.info.globals.iter().any(|g| g == n.id.as_str()))
            }
            _ => false,
        }
    }

    fn exception_name_or_error(&mut self, e: &Expr) -> Option<String> {
        let name = self.exception_name(e);
        if name.is_none() {
            self.error(e, "this `except` clause does not name a known exception class", "catch a builtin exception, a module exception such as json.JSONDecodeError, or a class defined in this file");
        }
        name
    }

    // ---- expressions -------------------------------------------------------------------

    /// A Rust boolean for a Python condition.
    /// `name` is a `nonlocal`-shared variable here (`Ctx::cells`) and no comprehension or
    /// lambda parameter shadows it.
    fn is_cell(&self, name: &str, ctx: &Ctx) -> bool {
        ctx.cells.contains(name)
            && !ctx.module_level
            && !ctx
                .inner
                .iter()
                .skip(ctx.cell_depth)
                .any(|s| s.contains(name))
    }

    /// The locals of `f` that functions nested in it declare `nonlocal`. A `nonlocal` name
    /// `f` does not bind is CPython's SyntaxError.
    fn cells_of(&mut self, f: &ast::StmtFunctionDef, scope: &FunctionScope) -> HashSet<String> {
        fn nested<'a>(body: &'a [Stmt], out: &mut Vec<&'a ast::StmtFunctionDef>) {
            for s in body {
                if let Stmt::FunctionDef(f) = s {
                    out.push(f);
                    continue;
                }
                let mut stmts = Vec::new();
                stmt_parts(s, &mut stmts, &mut |_| {});
                for s in stmts {
                    nested(std::slice::from_ref(s), out);
                }
            }
        }
        let mut defs = Vec::new();
        nested(&f.body, &mut defs);
        let mut cells = HashSet::new();
        for def in defs {
            let params = scope::param_names(def);
            let inner = scope::analyse(&params, &def.body);
            let mut names: Vec<&String> = inner.nonlocals.iter().collect();
            names.sort();
            for n in names {
                if scope.is_local(n) || scope.nonlocals.contains(n) {
                    cells.insert(n.clone());
                } else {
                    self.error(
                        def,
                        format!("no binding for nonlocal '{n}' found in `{}`", f.name),
                        &format!(
                            "assign `{n}` in `{}` before defining `{}`",
                            f.name, def.name
                        ),
                    );
                }
            }
        }
        cells
    }

    /// The Rust type of a local, when `types::infer` gave it one (and nothing shadows it).
    fn local_type(&self, name: &str, ctx: &Ctx) -> Option<Ty> {
        if ctx.module_level || ctx.inner.iter().any(|s| s.contains(name)) {
            return None;
        }
        ctx.types.get(name).copied()
    }

    fn names<'l>(&'l self, ctx: &'l Ctx) -> LocalNames<'l, 'a> {
        LocalNames { lowerer: self, ctx }
    }

    /// The static type of `e` in this function (`types::expr_type`).
    fn static_type(&self, e: &Expr, ctx: &Ctx) -> Option<Ty> {
        types::expr_type(e, &self.names(ctx))
    }

    /// The return type of module function `name`, when it has one and nothing at module
    /// level rebinds the name.
    fn module_function_type(&self, name: &str) -> Option<Ty> {
        if self.info.globals.iter().any(|g| g == name) {
            return None;
        }
        self.info.returns.get(name).copied()
    }

    /// Which module functions return one scalar type (`ModuleInfo::returns`). A function's
    /// locals may depend on what other functions return, so this repeats until nothing new
    /// is learnt (types are only ever added, and each one stays true as others are).
    fn infer_returns(&mut self) {
        let suite = &self.module.suite;
        let mut defined: HashMap<&str, usize> = HashMap::new();
        for s in suite.iter() {
            if let Stmt::FunctionDef(f) = s {
                *defined.entry(f.name.as_str()).or_default() += 1;
            }
        }
        let candidates: Vec<&ast::StmtFunctionDef> = suite
            .iter()
            .filter_map(|s| match s {
                Stmt::FunctionDef(f) => Some(f),
                _ => None,
            })
            .filter(|f| {
                let name = f.name.as_str();
                name != self.handler
                    && defined[name] == 1
                    && !self.info.decorated.contains(name)
                    && !contains_yield(&f.body)
                    && !has_finally(&f.body)
                    && terminates(&f.body)
            })
            .collect();
        let analysed: Vec<(&str, Vec<String>, FunctionScope)> = candidates
            .iter()
            .map(|f| {
                let mut params = scope::param_names(f);
                params.extend(
                    f.args
                        .vararg
                        .iter()
                        .chain(&f.args.kwarg)
                        .map(|a| a.arg.to_string()),
                );
                let scope = scope::analyse(&params, &f.body);
                (f.name.as_str(), params, scope)
            })
            .collect();
        // Guess from any return whose type is already known (so `depth(n - 1) + 1` is
        // guessed from `return 0`)...
        loop {
            let mut learnt = Vec::new();
            for (f, (name, params, scope)) in candidates.iter().zip(&analysed) {
                if self.info.returns.contains_key(*name) {
                    continue;
                }
                let no_hints = HashMap::new();
                let outer = types::Outer {
                    builtin: &|n| self.module_builtin(n),
                    function: &|n| self.module_function_type(n),
                    params: self.info.param_hints.get(*name).unwrap_or(&no_hints),
                };
                if let Some(t) = types::guess_return(&f.body, params, scope, &outer) {
                    learnt.push((name.to_string(), t));
                }
            }
            if learnt.is_empty() {
                break;
            }
            self.info.returns.extend(learnt);
        }
        // ...then drop every guess a return contradicts, until the rest agree: each
        // function's returns then have its type whenever the functions it calls do.
        loop {
            let mut wrong = Vec::new();
            for (f, (name, params, scope)) in candidates.iter().zip(&analysed) {
                let Some(guess) = self.info.returns.get(*name).copied() else {
                    continue;
                };
                let no_hints = HashMap::new();
                let outer = types::Outer {
                    builtin: &|n| self.module_builtin(n),
                    function: &|n| self.module_function_type(n),
                    params: self.info.param_hints.get(*name).unwrap_or(&no_hints),
                };
                if types::infer_function(&f.body, params, scope, &outer).1 != Some(guess) {
                    wrong.push(name.to_string());
                }
            }
            if wrong.is_empty() {
                break;
            }
            for name in wrong {
                self.info.returns.remove(&name);
            }
        }
    }

    /// `ModuleInfo::param_hints`: for each module function that is only ever called (never
    /// used as a value), the parameters every call passes a literal of one type.
    fn collect_param_hints(&mut self) {
        #[derive(Default)]
        struct Uses<'a> {
            calls: HashMap<String, Vec<&'a ast::ExprCall>>,
            as_value: HashSet<String>,
        }
        fn expr<'a>(e: &'a Expr, functions: &HashMap<String, FnSig>, uses: &mut Uses<'a>) {
            match e {
                Expr::Call(c) => {
                    if let Expr::Name(n) = c.func.as_ref() {
                        if functions.contains_key(n.id.as_str()) {
                            uses.calls.entry(n.id.to_string()).or_default().push(c);
                            c.args.iter().for_each(|a| expr(a, functions, uses));
                            c.keywords
                                .iter()
                                .for_each(|k| expr(&k.value, functions, uses));
                            return;
                        }
                    }
                }
                Expr::Name(n) if functions.contains_key(n.id.as_str()) => {
                    uses.as_value.insert(n.id.to_string());
                }
                Expr::Lambda(l) => {
                    for a in scope::parameters(&l.args) {
                        if let Some(d) = &a.default {
                            expr(d, functions, uses);
                        }
                    }
                }
                _ => {}
            }
            scope::walk_children(e, &mut |c| expr(c, functions, uses));
        }
        fn stmt<'a>(s: &'a Stmt, functions: &HashMap<String, FnSig>, uses: &mut Uses<'a>) {
            let mut stmts = Vec::new();
            let mut exprs = Vec::new();
            stmt_parts(s, &mut stmts, &mut |e| exprs.push(e));
            match s {
                Stmt::With(w) => {
                    for item in &w.items {
                        exprs.push(&item.context_expr);
                    }
                    stmts.extend(w.body.iter());
                }
                Stmt::Match(m) => {
                    exprs.push(&m.subject);
                    for case in &m.cases {
                        exprs.extend(case.guard.as_deref());
                        stmts.extend(case.body.iter());
                    }
                }
                Stmt::ClassDef(c) => {
                    exprs.extend(c.bases.iter());
                    exprs.extend(c.decorator_list.iter());
                }
                _ => {}
            }
            exprs.into_iter().for_each(|e| expr(e, functions, uses));
            stmts.into_iter().for_each(|s| stmt(s, functions, uses));
        }
        let mut uses = Uses::default();
        for s in self.module.suite.iter() {
            stmt(s, &self.info.functions, &mut uses);
        }
        let mut hints = HashMap::new();
        for s in self.module.suite.iter() {
            let Stmt::FunctionDef(f) = s else { continue };
            let name = f.name.as_str();
            let sig = &self.info.functions[name];
            let candidate = name != self.handler
                && !uses.as_value.contains(name)
                && !self.info.decorated.contains(name)
                && !self.info.globals.iter().any(|g| g == name)
                && !contains_yield(&f.body)
                && sig.vararg.is_none()
                && sig.kwarg.is_none();
            let Some(calls) = uses.calls.get(name).filter(|_| candidate) else {
                continue;
            };
            // Per parameter: the type every call gives it (a default counts where it is used).
            let mut types: Vec<Option<Option<Ty>>> = vec![None; sig.params.len()];
            let mut merge = |i: usize, t: Option<Ty>| {
                types[i] = match types[i] {
                    None => Some(t),
                    Some(prev) if prev == t => Some(prev),
                    Some(_) => Some(None),
                };
            };
            let mut bound = true;
            for c in calls {
                if has_unpacking(c) || c.args.len() > sig.positional {
                    bound = false;
                    break;
                }
                let mut given = vec![false; sig.params.len()];
                for (i, a) in c.args.iter().enumerate() {
                    given[i] = true;
                    merge(i, types::param_hint(a));
                }
                for k in &c.keywords {
                    let kname = k.arg.as_ref().map(|a| a.as_str()).unwrap_or_default();
                    match sig.params.iter().position(|p| p.0 == kname) {
                        Some(i) if !given[i] => {
                            given[i] = true;
                            merge(i, types::param_hint(&k.value));
                        }
                        _ => bound = false,
                    }
                }
                for (i, (_, default)) in sig.params.iter().enumerate() {
                    if !given[i] {
                        match default {
                            Some(d) => merge(i, types::param_hint(d)),
                            None => bound = false,
                        }
                    }
                }
            }
            if !bound {
                continue;
            }
            let typed: HashMap<String, Ty> = sig
                .params
                .iter()
                .zip(types)
                .filter_map(|((p, default), t)| {
                    let t = t.flatten()?;
                    // A default is written where it is used: it must have the type too.
                    let default_fits = default
                        .as_ref()
                        .is_none_or(|d| types::param_hint(d) == Some(t));
                    default_fits.then(|| (p.clone(), t))
                })
                .collect();
            if !typed.is_empty() {
                hints.insert(name.to_string(), typed);
            }
        }
        self.info.param_hints = hints;
    }

    /// Keep only the parameter hints the function bodies agree with (a parameter the body
    /// assigns something else stays `Py`): what callers and callee both use from now on.
    fn settle_param_types(&mut self) {
        let mut settled = HashMap::new();
        for s in self.module.suite.iter() {
            let Stmt::FunctionDef(f) = s else { continue };
            let Some(hints) = self.info.param_hints.get(f.name.as_str()) else {
                continue;
            };
            let params = scope::param_names(f);
            let scope = scope::analyse(&params, &f.body);
            let outer = types::Outer {
                builtin: &|n| self.module_builtin(n),
                function: &|n| self.module_function_type(n),
                params: hints,
            };
            let locals = types::infer(&f.body, &params, &scope, &outer);
            let kept: HashMap<String, Ty> = hints
                .iter()
                .filter(|(p, _)| locals.contains_key(*p))
                .map(|(p, t)| (p.clone(), *t))
                .collect();
            if !kept.is_empty() {
                settled.insert(f.name.to_string(), kept);
            }
        }
        self.info.param_hints = settled;
    }

    /// Which module functions are recursive (`ModuleInfo::recursive`).
    fn find_recursion(&mut self) {
        let mut calls: HashMap<String, HashSet<String>> = HashMap::new();
        for s in self.module.suite.iter() {
            if let Stmt::FunctionDef(f) = s {
                let mut called = HashSet::new();
                for s in &f.body {
                    called_names(s, &mut called);
                }
                called.retain(|n| self.info.functions.contains_key(n));
                calls.insert(f.name.to_string(), called);
            }
        }
        for start in calls.keys() {
            let mut seen = HashSet::new();
            let mut todo: Vec<&String> = calls[start].iter().collect();
            while let Some(f) = todo.pop() {
                if f == start {
                    self.info.recursive.insert(start.clone());
                    break;
                }
                if seen.insert(f) {
                    todo.extend(calls.get(f).into_iter().flatten());
                }
            }
        }
    }

    /// A call of a module function with a typed return, bound at conversion time.
    fn typed_user_call<'e>(
        &self,
        e: &'e Expr,
        ctx: &Ctx,
    ) -> Option<(&'e ast::ExprCall, String, Ty)> {
        let Expr::Call(c) = e else { return None };
        let Expr::Name(n) = c.func.as_ref() else {
            return None;
        };
        if has_unpacking(c) || self.is_rust_local(n.id.as_str(), ctx) {
            return None;
        }
        let ty = self.module_function_type(n.id.as_str())?;
        Some((c, n.id.to_string(), ty))
    }

    /// A name that no module-level definition or import shadows resolves to this builtin.
    fn module_builtin(&self, name: &str) -> bool {
        !self.info.globals.iter().any(|g| g == name)
            && !self.info.functions.contains_key(name)
            && !self.info.exceptions.contains_key(name)
            && !self.info.classes.contains_key(name)
            && !self.info.enums.contains_key(name)
            && !self.info.imports.contains_key(name)
            && (stdlib::BUILTIN_FUNCTIONS.contains(&name) || stdlib::BUILTIN_TYPES.contains(&name))
    }

    /// `e`, whose static type is `ty`, as a plain Rust value of that type.
    fn typed_value(&mut self, e: &Expr, ty: Ty, ctx: &mut Ctx) -> TokenStream {
        if ty == Ty::Bool {
            return self.cond(e, ctx);
        }
        if let Some(v) = types::int_literal(e, types::SMALL_INT).filter(|_| ty == Ty::Int) {
            let l = Literal::i64_unsuffixed(v);
            return quote!(#l);
        }
        match e {
            Expr::Name(n) => {
                let id = self.local_name(n.id.as_str(), ctx);
                if ty == Ty::Str {
                    quote!(#id.clone())
                } else {
                    quote!(#id)
                }
            }
            Expr::Constant(c) => match &c.value {
                Constant::Float(f) => {
                    let l = Literal::f64_unsuffixed(*f);
                    quote!(#l)
                }
                Constant::Str(text) if text.is_empty() => quote!(String::new()),
                Constant::Str(text) => {
                    let l = str_lit(text);
                    quote!(String::from(#l))
                }
                _ => self.no_typed_form(e),
            },
            Expr::UnaryOp(u) if matches!(u.op, ast::UnaryOp::USub) => {
                let v = self.typed_value(&u.operand, ty, ctx);
                let v = paren_operand(v);
                quote!(-#v)
            }
            Expr::BinOp(b) if ty == Ty::Str => {
                let l = self.typed_value(&b.left, ty, ctx);
                let r = self.str_ref(&b.right, ctx);
                quote!(#l + #r)
            }
            Expr::BinOp(b) => {
                let (l, r) = if ty == Ty::Float {
                    (
                        self.float_operand(&b.left, ctx),
                        self.float_operand(&b.right, ctx),
                    )
                } else {
                    (
                        self.typed_value(&b.left, ty, ctx),
                        self.typed_value(&b.right, ty, ctx),
                    )
                };
                let (l, r) = (paren_operand(l), paren_operand(r));
                match b.op {
                    ast::Operator::Add => quote!(#l + #r),
                    ast::Operator::Sub => quote!(#l - #r),
                    _ => quote!(#l * #r),
                }
            }
            Expr::IfExp(i) => {
                let c = self.cond(&i.test, ctx);
                let a = self.typed_value(&i.body, ty, ctx);
                let b = self.typed_value(&i.orelse, ty, ctx);
                quote!(if #c { #a } else { #b })
            }
            Expr::JoinedStr(j) => self.fstring_string(&j.values, ctx),
            Expr::Call(_) if self.typed_user_call(e, ctx).is_some() => {
                let Some((c, name, _)) = self.typed_user_call(e, ctx) else {
                    unreachable!()
                };
                self.user_call(&name, c, e, ctx)
            }
            Expr::Call(c) => {
                let Expr::Name(f) = c.func.as_ref() else {
                    return self.no_typed_form(e);
                };
                let arg = &c.args[0];
                match f.id.as_str() {
                    // A `str` is a sequence of code points.
                    "len" if self.static_type(arg, ctx) == Some(Ty::Str) => {
                        let v = paren_operand(self.typed_value(arg, Ty::Str, ctx));
                        let v = match arg {
                            Expr::Name(n) => {
                                let id = self.local_name(n.id.as_str(), ctx);
                                quote!(#id)
                            }
                            _ => v,
                        };
                        quote!(#v.chars().count() as i64)
                    }
                    "len" => {
                        let v = self.recv(arg, ctx);
                        let len = self.q(quote!(#v.len()), ctx);
                        quote!(#len as i64)
                    }
                    "str" => {
                        let v = self.borrowed(arg, ctx);
                        self.q(quote!(py::builtins::str_of(#v)), ctx)
                    }
                    "float" => {
                        let v = self.owned(arg, ctx);
                        self.q(quote!(py::builtins::to_float(#v)), ctx)
                    }
                    "abs" => {
                        let v = paren_operand(self.typed_value(arg, ty, ctx));
                        quote!(#v.abs())
                    }
                    _ => self.no_typed_form(e),
                }
            }
            _ => self.no_typed_form(e),
        }
    }

    /// `types` promised a typed form that `typed_value` does not have: a converter bug,
    /// reported rather than turned into wrong code.
    fn no_typed_form(&mut self, e: &Expr) -> TokenStream {
        self.error(
            e,
            "internal error: this expression has no typed translation",
            "please report it; rewriting the expression may avoid it",
        );
        quote!(Default::default())
    }

    /// An `int` or `float` operand of `float` arithmetic, as an `f64`.
    fn float_operand(&mut self, e: &Expr, ctx: &mut Ctx) -> TokenStream {
        if let Some(v) = types::int_literal(e, types::SMALL_INT) {
            let l = Literal::f64_unsuffixed(v as f64);
            return quote!(#l);
        }
        match self.static_type(e, ctx) {
            Some(Ty::Int) => {
                let v = paren_operand(self.typed_value(e, Ty::Int, ctx));
                quote!(#v as f64)
            }
            _ => self.typed_value(e, Ty::Float, ctx),
        }
    }

    /// A typed `str` operand as a `&str`.
    fn str_ref(&mut self, e: &Expr, ctx: &mut Ctx) -> TokenStream {
        match e {
            Expr::Constant(c) => match &c.value {
                Constant::Str(text) => {
                    let l = str_lit(text);
                    quote!(#l)
                }
                _ => self.no_typed_form(e),
            },
            Expr::Name(n) => {
                let id = self.local_name(n.id.as_str(), ctx);
                quote!(#id.as_str())
            }
            _ => {
                let v = self.typed_value(e, Ty::Str, ctx);
                quote!(&#v)
            }
        }
    }

    /// A comparison chain over typed operands, with Rust's operators (`types::native_compare`).
    fn native_compare(&mut self, c: &ast::ExprCompare, kind: Ty, ctx: &mut Ctx) -> TokenStream {
        let mut parts = Vec::new();
        let mut left = c.left.as_ref();
        for (op, right) in c.ops.iter().zip(&c.comparators) {
            let operand = |this: &mut Self, e: &Expr, ctx: &mut Ctx| match kind {
                Ty::Str => this.str_ref(e, ctx),
                Ty::Float => paren_operand(this.float_operand(e, ctx)),
                _ => paren_operand(this.typed_value(e, kind, ctx)),
            };
            let l = operand(self, left, ctx);
            let r = operand(self, right, ctx);
            use ast::CmpOp::*;
            parts.push(match op {
                Eq => quote!(#l == #r),
                NotEq => quote!(#l != #r),
                Lt => quote!(#l < #r),
                LtE => quote!(#l <= #r),
                Gt => quote!(#l > #r),
                GtE => quote!(#l >= #r),
                In => quote!(#r.contains(#l)),
                NotIn => quote!(!#r.contains(#l)),
                Is | IsNot => self.no_typed_form(right),
            });
            left = right;
        }
        join_bools(&parts, quote!(&&))
    }

    fn cond(&mut self, e: &Expr, ctx: &mut Ctx) -> TokenStream {
        match e {
            Expr::BoolOp(b) => {
                let parts: Vec<TokenStream> = b.values.iter().map(|v| self.cond(v, ctx)).collect();
                match b.op {
                    ast::BoolOp::And => join_bools(&parts, quote!(&&)),
                    ast::BoolOp::Or => join_bools(&parts, quote!(||)),
                }
            }
            Expr::UnaryOp(u) if matches!(u.op, ast::UnaryOp::Not) => {
                // `not a < b` on `int`s or `str`s (total orders) is `a >= b`; on floats
                // (NaN) and Python objects (their own `__lt__`) it stays a negation.
                if let Expr::Compare(c) = u.operand.as_ref() {
                    let kind = types::native_compare(c, &self.names(ctx));
                    // Floats: `!(a < b)` is also true for NaN; said the way clippy asks
                    // (`partial_cmp`), so nobody "simplifies" it to `a >= b`.
                    if let (Some(Ty::Float), [op]) = (kind, c.ops.as_slice()) {
                        use ast::CmpOp::*;
                        let order = match op {
                            Lt => Some(quote!(is_lt)),
                            LtE => Some(quote!(is_le)),
                            Gt => Some(quote!(is_gt)),
                            GtE => Some(quote!(is_ge)),
                            _ => None,
                        };
                        if let Some(order) = order {
                            let l = paren_operand(self.float_operand(&c.left, ctx));
                            let r = paren_operand(self.float_operand(&c.comparators[0], ctx));
                            return quote!(
                                !#l.partial_cmp(&#r).is_some_and(std::cmp::Ordering::#order)
                            );
                        }
                    }
                    let total = matches!(kind, Some(Ty::Int | Ty::Str | Ty::Bool));
                    if let ([op], true) = (c.ops.as_slice(), total) {
                        use ast::CmpOp::*;
                        let flipped = match op {
                            Eq => NotEq,
                            NotEq => Eq,
                            Lt => GtE,
                            LtE => Gt,
                            Gt => LtE,
                            GtE => Lt,
                            In => NotIn,
                            NotIn => In,
                            Is => IsNot,
                            IsNot => Is,
                        };
                        let mut c = c.clone();
                        c.ops = vec![flipped];
                        return self.compare(&c, ctx);
                    }
                }
                if let Expr::Name(n) = u.operand.as_ref() {
                    if let Some(ty) = self.local_type(n.id.as_str(), ctx) {
                        let id = self.local_name(n.id.as_str(), ctx);
                        return match ty {
                            Ty::Bool => quote!(!#id),
                            Ty::Int => quote!(#id == 0),
                            Ty::Float => quote!(#id == 0.0),
                            Ty::Str => quote!(#id.is_empty()),
                        };
                    }
                }
                let c = self.cond(&u.operand, ctx);
                negate(&c)
            }
            Expr::Compare(c) => self.compare(c, ctx),
            Expr::Call(_)
                if self
                    .typed_user_call(e, ctx)
                    .is_some_and(|(_, _, t)| t == Ty::Bool) =>
            {
                let Some((c, name, _)) = self.typed_user_call(e, ctx) else {
                    unreachable!()
                };
                self.user_call(&name, c, e, ctx)
            }
            Expr::Name(n) if self.local_type(n.id.as_str(), ctx).is_some() => {
                let id = self.local_name(n.id.as_str(), ctx);
                match self.local_type(n.id.as_str(), ctx) {
                    Some(Ty::Bool) => quote!(#id),
                    Some(Ty::Int) => quote!(#id != 0),
                    Some(Ty::Float) => quote!(#id != 0.0),
                    _ => quote!(!#id.is_empty()),
                }
            }
            Expr::Constant(c) if matches!(c.value, Constant::Bool(_)) => {
                let b = matches!(c.value, Constant::Bool(true));
                quote!(#b)
            }
            other => {
                let v = self.recv(other, ctx);
                quote!(#v.truthy())
            }
        }
    }

    fn compare(&mut self, c: &ast::ExprCompare, ctx: &mut Ctx) -> TokenStream {
        if let Some(has) = self.view_contains(c, ctx) {
            return has;
        }
        let kind = types::native_compare(c, &self.names(ctx));
        let simple = |e: &Expr| matches!(e, Expr::Name(_) | Expr::Constant(_));
        // A chain evaluates each middle operand once; `in` evaluates its left side first.
        let once =
            c.comparators.len() == 1 || c.comparators[..c.comparators.len() - 1].iter().all(simple);
        let in_order = !c
            .ops
            .iter()
            .any(|op| matches!(op, ast::CmpOp::In | ast::CmpOp::NotIn))
            || (simple(&c.left) && c.comparators.iter().all(simple));
        if let (Some(kind), true, true) = (kind, once, in_order) {
            return self.native_compare(c, kind, ctx);
        }
        if c.ops.len() == 1 {
            let l = self.borrowed(&c.left, ctx);
            let r = self.borrowed(&c.comparators[0], ctx);
            return self.compare_op(&c.ops[0], l, r, &c.comparators[0], ctx);
        }
        // Chained: each middle operand is evaluated once; later comparisons only run
        // while the earlier ones hold.
        let mut lets = TokenStream::new();
        let first = self.fresh("left");
        let v = self.owned(&c.left, ctx);
        lets.extend(quote!(let #first = #v;));
        let mut prev = first;
        let mut conds = Vec::new();
        for (op, right) in c.ops.iter().zip(&c.comparators) {
            let cur = self.fresh("operand");
            let v = self.owned(right, ctx);
            let test = self.compare_op(op, quote!(&#prev), quote!(&#cur), right, ctx);
            conds.push((cur.clone(), v, test));
            prev = cur;
        }
        let mut expr: Option<TokenStream> = None;
        for (cur, v, test) in conds.into_iter().rev() {
            expr = Some(match expr {
                None => quote!({ let #cur = #v; #test }),
                Some(rest) => quote!({ let #cur = #v; #test && #rest }),
            });
        }
        quote!({ #lets #expr })
    }

    fn compare_op(
        &mut self,
        op: &ast::CmpOp,
        l: TokenStream,
        r: TokenStream,
        right: &Expr,
        ctx: &Ctx,
    ) -> TokenStream {
        use ast::CmpOp::*;
        let (lr, rr) = (as_receiver(&l), as_receiver(&r));
        let is_none = matches!(right, Expr::Constant(c) if matches!(c.value, Constant::None));
        match op {
            Eq => quote!(#lr.py_eq(#r)),
            NotEq => quote!(#lr.py_ne(#r)),
            Lt => self.q(quote!(#lr.lt(#r)), ctx),
            LtE => self.q(quote!(#lr.le(#r)), ctx),
            Gt => self.q(quote!(#lr.gt(#r)), ctx),
            GtE => self.q(quote!(#lr.ge(#r)), ctx),
            In => self.q(quote!(#rr.contains(#l)), ctx),
            NotIn => {
                let c = self.q(quote!(#rr.contains(#l)), ctx);
                quote!(!#c)
            }
            Is if is_none => quote!(#lr.is_none()),
            IsNot if is_none => quote!(!#lr.is_none()),
            Is => quote!(#lr.is(#r)),
            IsNot => quote!(!#lr.is(#r)),
        }
    }

    /// An expression as a method receiver: a local as is, anything else as a temporary.
    fn recv(&mut self, e: &Expr, ctx: &mut Ctx) -> TokenStream {
        if self.view_node(e, ctx).is_some() {
            return self.view_recv(e, ctx);
        }
        if let Expr::Name(n) = e {
            if self.is_rust_local(n.id.as_str(), ctx)
                && self.local_type(n.id.as_str(), ctx).is_none()
                && !self.is_cell(n.id.as_str(), ctx)
            {
                let id = self.local_name(n.id.as_str(), ctx);
                return quote!(#id);
            }
        }
        let v = self.owned(e, ctx);
        let needs_parens = matches!(
            v.clone().into_iter().next(),
            Some(proc_macro2::TokenTree::Group(_))
        ) || matches!(v.clone().into_iter().next(), Some(proc_macro2::TokenTree::Ident(i)) if i == "if" || i == "match");
        if needs_parens {
            quote!((#v))
        } else {
            v
        }
    }

    /// An expression as a borrowed `&Py`.
    fn borrowed(&mut self, e: &Expr, ctx: &mut Ctx) -> TokenStream {
        if let Expr::Name(n) = e {
            if self.is_rust_local(n.id.as_str(), ctx)
                && self.view_var(n.id.as_str(), ctx).is_none()
                && self.local_type(n.id.as_str(), ctx).is_none()
                && !self.is_cell(n.id.as_str(), ctx)
            {
                let id = self.local_name(n.id.as_str(), ctx);
                return quote!(&#id);
            }
        }
        let v = self.owned(e, ctx);
        quote!(&#v)
    }

    /// `a:b:c` as three `&Py` (an omitted bound is `None`), evaluated in order.
    fn slice_bounds(&mut self, sl: &ast::ExprSlice, ctx: &mut Ctx) -> [TokenStream; 3] {
        [&sl.lower, &sl.upper, &sl.step].map(|p| match p {
            Some(p) => self.borrowed(p, ctx),
            None => quote!(&Py::None),
        })
    }

    fn is_rust_local(&self, name: &str, ctx: &Ctx) -> bool {
        ctx.inner.iter().any(|s| s.contains(name))
            || (!ctx.module_level && ctx.scope.is_local(name) && !ctx.scope.globals.contains(name))
    }

    fn local_name(&self, name: &str, ctx: &Ctx) -> Ident {
        if ctx.inner.iter().any(|s| s.contains(name)) {
            ident(name)
        } else {
            self.local_ident(name, ctx)
        }
    }

    /// An expression as an owned `Py`.
    fn owned(&mut self, e: &Expr, ctx: &mut Ctx) -> TokenStream {
        if let Some(v) = self.view_read(e, ctx) {
            return v;
        }
        // Arithmetic and conversions with a static type are computed on Rust values.
        if matches!(e, Expr::BinOp(_) | Expr::Call(_)) {
            let user_call = self.typed_user_call(e, ctx).is_some();
            if let Some(ty) = self
                .static_type(e, ctx)
                .filter(|t| *t != Ty::Bool || user_call)
            {
                let v = self.typed_value(e, ty, ctx);
                return match ty {
                    Ty::Str => quote!(Py::from(#v)),
                    _ => typed_to_py(v, ty),
                };
            }
        }
        match e {
            Expr::Constant(c) => self.constant(&c.value, e),
            Expr::Name(n) => self.name(n.id.as_str(), e, ctx),
            Expr::Attribute(a) => {
                if let Some(q) = self.qualified(e) {
                    // An attribute of a standard-library value (`timezone.utc`) is read at run time.
                    if stdlib::lookup(&q).is_none() {
                        if let Some(v) = self.std_attribute_chain(&q, e, ctx) {
                            return v;
                        }
                    }
                    return self.std_value(&q, e);
                }
                if let Expr::Name(n) = a.value.as_ref() {
                    if let Some(q) = self.info.imports.get(n.id.as_str()) {
                        let q = format!("{}.{}", q, a.attr);
                        return self.std_value(&q, e);
                    }
                }
                let obj = self.recv(&a.value, ctx);
                let attr = str_lit(a.attr.as_str());
                self.q(quote!(#obj.getattr(#attr)), ctx)
            }
            Expr::Subscript(s) => {
                let obj = self.recv(&s.value, ctx);
                if let Expr::Slice(sl) = s.slice.as_ref() {
                    let [a, b, c] = self.slice_bounds(sl, ctx);
                    return self.q(quote!(#obj.slice(#a, #b, #c)), ctx);
                }
                if let Some(k) = const_str(&s.slice) {
                    let k = str_lit(k);
                    return self.q(quote!(#obj.item(#k)), ctx);
                }
                let key = self.borrowed(&s.slice, ctx);
                self.q(quote!(#obj.getitem(#key)), ctx)
            }
            Expr::BinOp(b) => {
                let l = self.recv(&b.left, ctx);
                let r = self.borrowed(&b.right, ctx);
                let m = binop_method(&b.op, false);
                self.q(quote!(#l.#m(#r)), ctx)
            }
            Expr::UnaryOp(u)
                if matches!(u.op, ast::UnaryOp::USub)
                    && matches!(u.operand.as_ref(), Expr::Constant(c) if matches!(c.value, Constant::Int(_) | Constant::Float(_))) =>
            {
                let Expr::Constant(c) = u.operand.as_ref() else {
                    unreachable!()
                };
                match &c.value {
                    Constant::Int(i) => self.constant(&Constant::Int(-i.clone()), e),
                    Constant::Float(f) => self.constant(&Constant::Float(-f), e),
                    _ => unreachable!(),
                }
            }
            Expr::UnaryOp(u) => match u.op {
                ast::UnaryOp::Not => {
                    let c = self.cond(e, ctx);
                    quote!(Py::Bool(#c))
                }
                ast::UnaryOp::USub => {
                    let v = self.recv(&u.operand, ctx);
                    self.q(quote!(#v.neg()), ctx)
                }
                ast::UnaryOp::UAdd => {
                    let v = self.recv(&u.operand, ctx);
                    self.q(quote!(#v.pos()), ctx)
                }
                ast::UnaryOp::Invert => {
                    let v = self.recv(&u.operand, ctx);
                    self.q(quote!(#v.invert()), ctx)
                }
            },
            Expr::BoolOp(b) => {
                // `a or b` yields the first truthy operand (or the last); `and` the first falsy.
                let mut values: Vec<TokenStream> =
                    b.values.iter().map(|v| self.owned(v, ctx)).collect();
                let mut acc = values.pop().unwrap_or(quote!(Py::None));
                while let Some(v) = values.pop() {
                    let t = self.fresh("operand");
                    acc = match b.op {
                        ast::BoolOp::Or => {
                            quote!({ let #t = #v; if #t.truthy() { #t } else { #acc } })
                        }
                        ast::BoolOp::And => {
                            quote!({ let #t = #v; if #t.truthy() { #acc } else { #t } })
                        }
                    };
                }
                acc
            }
            Expr::Compare(c) => {
                let b = self.compare(c, ctx);
                quote!(Py::Bool(#b))
            }
            Expr::IfExp(i) => {
                let c = self.cond(&i.test, ctx);
                let a = self.owned(&i.body, ctx);
                let b = self.owned(&i.orelse, ctx);
                quote!(if #c { #a } else { #b })
            }
            Expr::List(l) => self.sequence(&l.elts, "list", ctx),
            Expr::Tuple(t) => self.sequence(&t.elts, "tuple", ctx),
            Expr::Set(s) => self.sequence(&s.elts, "set", ctx),
            Expr::Dict(d) => {
                if d.keys.iter().any(|k| k.is_none()) {
                    let parts: Vec<TokenStream> = d
                        .keys
                        .iter()
                        .zip(&d.values)
                        .map(|(k, v)| {
                            let v = self.owned(v, ctx);
                            match k {
                                Some(k) => {
                                    let k = self.owned(k, ctx);
                                    quote!(py::DictPart::Pair(#k, #v))
                                }
                                None => quote!(py::DictPart::Splat(#v)),
                            }
                        })
                        .collect();
                    return self.q(quote!(Py::dict_build([#(#parts),*])), ctx);
                }
                // String-literal keys (responses, log records): `Py::str_dict([("k", v)])`,
                // which cannot fail.
                let str_keys: Option<Vec<&str>> =
                    d.keys.iter().map(|k| const_str(k.as_ref()?)).collect();
                if let Some(keys) = str_keys {
                    let pairs: Vec<TokenStream> = keys
                        .iter()
                        .zip(&d.values)
                        .map(|(k, v)| {
                            let k = str_lit(k);
                            let v = self.owned(v, ctx);
                            quote!((#k, #v))
                        })
                        .collect();
                    return quote!(Py::str_dict([#(#pairs),*]));
                }
                let pairs: Vec<TokenStream> = d
                    .keys
                    .iter()
                    .flatten()
                    .zip(&d.values)
                    .map(|(k, v)| {
                        let k = self.owned(k, ctx);
                        let v = self.owned(v, ctx);
                        quote!((#k, #v))
                    })
                    .collect();
                self.q(quote!(Py::dict([#(#pairs),*])), ctx)
            }
            Expr::JoinedStr(j) => self.fstring(&j.values, ctx),
            Expr::FormattedValue(_) => {
                let v = self.fstring(std::slice::from_ref(e), ctx);
                v
            }
            Expr::Call(c) => self.call(c, e, ctx),
            Expr::ListComp(c) => self.comprehension("list", &[&c.elt], &c.generators, ctx),
            Expr::SetComp(c) => self.comprehension("set", &[&c.elt], &c.generators, ctx),
            Expr::DictComp(c) => {
                self.comprehension("dict", &[&c.key, &c.value], &c.generators, ctx)
            }
            Expr::GeneratorExp(g) => self.generator(&g.elt, &g.generators, e, ctx),
            Expr::Lambda(l) => self.lambda(l, e, ctx),
            Expr::Starred(_) => {
                self.error(e, "starred expression is not supported here", "");
                quote!(Py::None)
            }
            Expr::NamedExpr(n) => {
                let Expr::Name(target) = n.target.as_ref() else {
                    self.error(e, "unsupported target of `:=`", "");
                    return quote!(Py::None);
                };
                let name = target.id.as_str();
                let bound_here = ctx.module_level
                    || (ctx.scope.is_local(name) && !ctx.inner.iter().any(|s| s.contains(name)));
                if ctx.closures > 0 || !bound_here {
                    self.error(e, "`:=` inside a comprehension, generator expression or lambda is not supported yet", "assign in a plain loop instead");
                    return quote!(Py::None);
                }
                let value = self.owned(&n.value, ctx);
                let set = self.assign_name(target.id.as_str(), quote!(value.clone()), None, ctx);
                quote!({ let value = #value; #set value })
            }
            Expr::Await(_) | Expr::Yield(_) | Expr::YieldFrom(_) => {
                self.error(e, "await/yield are not supported", "");
                quote!(Py::None)
            }
            Expr::Slice(_) => {
                self.error(e, "slice outside a subscript", "");
                quote!(Py::None)
            }
        }
    }

    fn constant(&mut self, c: &Constant, node: &Expr) -> TokenStream {
        match c {
            Constant::None => quote!(Py::None),
            Constant::Bool(b) => quote!(Py::Bool(#b)),
            Constant::Str(s) => {
                let l = str_lit(s);
                quote!(Py::str(#l))
            }
            Constant::Bytes(b) => {
                let l = Literal::byte_string(b);
                quote!(Py::Bytes(std::rc::Rc::from(&#l[..])))
            }
            Constant::Int(i) => match i64::try_from(i.clone()) {
                Ok(v) => {
                    let l = Literal::i64_unsuffixed(v);
                    quote!(Py::Int(#l))
                }
                Err(_) => {
                    let s = str_lit(&i.to_string());
                    quote!(Py::int_from_str(#s))
                }
            },
            Constant::Float(f) => {
                if f.is_finite() {
                    let l = Literal::f64_unsuffixed(*f);
                    quote!(Py::Float(#l))
                } else {
                    quote!(Py::Float(f64::INFINITY))
                }
            }
            Constant::Tuple(items) => {
                let parts: Vec<TokenStream> =
                    items.iter().map(|i| self.constant(i, node)).collect();
                quote!(Py::tuple([#(#parts),*]))
            }
            Constant::Complex { .. } | Constant::Ellipsis => {
                self.error(node, "complex numbers and `...` are not supported", "");
                quote!(Py::None)
            }
        }
    }

    fn name(&mut self, name: &str, node: &Expr, ctx: &mut Ctx) -> TokenStream {
        if name == "__name__" && !self.is_rust_local(name, ctx) {
            // Lambda imports the handler file as a module named after it.
            return quote!(Py::str(#MODULE_NAME));
        }
        if self.is_cell(name, ctx) {
            let id = ident(name);
            return quote!(#id.get());
        }
        if let Some(ty) = self.local_type(name, ctx) {
            let id = self.local_name(name, ctx);
            return typed_to_py(quote!(#id), ty);
        }
        if self.is_rust_local(name, ctx) {
            let id = self.local_name(name, ctx);
            return quote!(#id.clone());
        }
        if self.info.globals.iter().any(|g| g == name) {
            let g = global_ident(name);
            return self.q(quote!(#g.with(py::Global::get)), ctx);
        }
        if self.info.functions.contains_key(name) {
            return self.function_value(name);
        }
        if self.info.exceptions.contains_key(name) || stdlib::builtin_exception_mro(name).is_some()
        {
            let s = self.exception_static(name);
            return quote!(Py::Type(py::TypeRef::Exception(#s)));
        }
        if self.info.classes.contains_key(name) {
            let id = class_static(name);
            return quote!(py::class::class_value(&#id));
        }
        if self.info.enums.contains_key(name) {
            let id = enum_static(name);
            return quote!(py::enums::class_value(&#id));
        }
        if let Some(q) = self.info.imports.get(name).cloned() {
            return self.std_value(&q, node);
        }
        if stdlib::BUILTIN_TYPES.contains(&name) {
            let l = str_lit(name);
            return quote!(py::builtins::type_value(#l));
        }
        if stdlib::BUILTIN_FUNCTIONS.contains(&name) {
            let f = ident(name);
            let l = str_lit(name);
            return quote!(Py::func(#l, py::builtins::#f));
        }
        if name == "NotImplemented" {
            return quote!(py::not_implemented());
        }
        self.error(
            node,
            format!("name `{name}` is not defined"),
            "define it at module level or import it",
        );
        quote!(Py::None)
    }

    /// A parameter default: a literal is written where it is used; any other expression was
    /// evaluated once, when the `def` ran (as Python does, so a `[]` default is shared
    /// between calls), into a module variable (`def_time_defaults`).
    fn default_value(&mut self, owner: &str, param: &str, d: &Expr, ctx: &mut Ctx) -> TokenStream {
        if matches!(d, Expr::Constant(_))
            || (is_immutable_literal(d) && !matches!(d, Expr::Name(_) | Expr::Attribute(_)))
        {
            return self.owned(d, ctx);
        }
        let g = default_global(owner, param);
        self.q(quote!(#g.with(py::Global::get)), ctx)
    }

    /// `def f(x, acc=[])` running: its non-literal defaults evaluated, in order, into the
    /// module variables `default_value` reads.
    fn def_time_defaults(
        &mut self,
        owner: &str,
        f: &ast::StmtFunctionDef,
        ctx: &mut Ctx,
        out: &mut RustModule,
    ) -> TokenStream {
        let mut init = TokenStream::new();
        for a in scope::parameters(&f.args) {
            let Some(d) = a.default.as_deref() else {
                continue;
            };
            if matches!(d, Expr::Constant(_))
                || (is_immutable_literal(d) && !matches!(d, Expr::Name(_) | Expr::Attribute(_)))
            {
                continue;
            }
            let g = default_global(owner, a.def.arg.as_str());
            out.globals.push(GlobalVar {
                python_name: format!("{owner}.{}", a.def.arg),
                rust_name: g.to_string(),
            });
            let v = self.owned(d, ctx);
            init.extend(quote!({ let value = #v; #g.with(|global| global.set(value)); }));
        }
        init
    }

    /// A module function as a value: a `Py::func` that binds its arguments as CPython does
    /// and calls the `fn` (the undecorated body, for a decorated function).
    fn function_value(&mut self, name: &str) -> TokenStream {
        let sig = &self.info.functions[name];
        let (vararg, kwarg) = (sig.vararg.is_some(), sig.kwarg.is_some());
        let f = function_rust_name(name, &self.info.decorated);
        let positional = sig.positional;
        let positional_lit = Literal::usize_unsuffixed(positional);
        let names: Vec<Literal> = sig.params.iter().map(|p| str_lit(&p.0)).collect();
        let defaults: Vec<Option<Expr>> = sig.params.iter().map(|p| p.1.clone()).collect();
        let sig_names: Vec<String> = sig.params.iter().map(|p| p.0.clone()).collect();
        let fname = str_lit(name);
        let typed_return = self.info.returns.get(name).copied();
        let mut args = Vec::new();
        let mut fctx = Ctx::new(FunctionScope::default(), false);
        for (i, d) in defaults.iter().enumerate() {
            let idx = Literal::usize_unsuffixed(i);
            match d {
                None => args.push(quote!(bound[#idx].take().unwrap_or(Py::None))),
                Some(d) => {
                    let param = sig_names[i].clone();
                    let dv = self.default_value(name, &param, d, &mut fctx);
                    args.push(quote!(match bound[#idx].take() { Some(v) => v, None => #dv }))
                }
            }
        }
        let has_default = defaults.iter().map(|d| d.is_some());
        let bound = if defaults.is_empty() {
            quote!(_)
        } else {
            quote!(mut bound)
        };
        let call_with = |args: &[TokenStream]| match typed_return {
            Some(ty) => {
                let v = match ty {
                    Ty::Str => quote!(Py::from(#f(#(#args),*)?)),
                    _ => typed_to_py(quote!(#f(#(#args),*)?), ty),
                };
                quote!(Ok(#v))
            }
            None => quote!(#f(#(#args),*)),
        };
        if !vararg && !kwarg {
            let call = call_with(&args);
            return quote!(Py::func(#fname, |args: py::Args| {
                let #bound = args.bind_def(#fname, [#(#names),*], [#(#has_default),*], #positional_lit, 0)?;
                #call
            }));
        }
        if vararg {
            args.push(quote!(Py::tuple(rest)));
        }
        if kwarg {
            args.push(quote!(Py::dict(
                extra
                    .into_iter()
                    .map(|(k, v)| (Py::str(&k), v))
                    .collect::<Vec<_>>()
            )?));
        }
        let (rest, extra) = (
            if vararg { quote!(rest) } else { quote!(_) },
            if kwarg { quote!(extra) } else { quote!(_) },
        );
        let call = call_with(&args);
        quote!(Py::func(#fname, |args: py::Args| {
            let (#bound, #rest, #extra) = args.bind_def_var(#fname, [#(#names),*], [#(#has_default),*], #positional_lit, 0, #vararg, #kwarg)?;
            #call
        }))
    }

    /// `@a @b(x) def f` is `f = a(b(x)(f))`, the decorator expressions evaluated first, top
    /// to bottom, as Python does.
    fn apply_decorators(
        &mut self,
        decorators: &[Expr],
        undecorated: TokenStream,
        ctx: &mut Ctx,
    ) -> TokenStream {
        let ids: Vec<Ident> = decorators.iter().map(|_| self.fresh("decorator")).collect();
        let mut steps = TokenStream::new();
        for (d, id) in decorators.iter().zip(&ids) {
            let v = self.owned(d, ctx);
            steps.extend(quote!(let #id = #v;));
        }
        let mut value = undecorated;
        for id in ids.iter().rev() {
            value = self.q(quote!(#id.call([#value])), ctx);
        }
        quote!({ #steps #value })
    }

    /// `a.b.c.d` where `a.b` is a standard-library value: its attributes read at run time.
    fn std_attribute_chain(&mut self, q: &str, node: &Expr, ctx: &mut Ctx) -> Option<TokenStream> {
        if matches!(stdlib::lookup(q), Some(StdItem::Value(_))) {
            return Some(self.std_value(q, node));
        }
        let parts: Vec<&str> = q.split('.').collect();
        let k = (1..parts.len()).rev().find(|k| {
            matches!(
                stdlib::lookup(&parts[..*k].join(".")),
                Some(StdItem::Value(_))
            )
        })?;
        let mut value = self.std_value(&parts[..k].join("."), node);
        for attr in &parts[k..] {
            let attr = str_lit(attr);
            value = self.q(quote!(#value.getattr(#attr)), ctx);
        }
        Some(value)
    }

    fn std_value(&mut self, q: &str, node: &Expr) -> TokenStream {
        match stdlib::lookup(q) {
            Some(StdItem::Value(path)) => {
                let p = rust_path(path);
                quote!(#p())
            }
            Some(StdItem::Int(v)) => {
                let l = Literal::i64_unsuffixed(v);
                quote!(Py::Int(#l))
            }
            Some(StdItem::Function(path)) => {
                let p = rust_path(path);
                let l = str_lit(q.rsplit('.').next().unwrap_or(q));
                quote!(Py::func(#l, #p))
            }
            Some(StdItem::Exception(s)) => {
                let id = format_ident!("{}", s);
                quote!(Py::Type(py::TypeRef::Exception(&py::exc::#id)))
            }
            None if stdlib::lookup(q.split('.').next().unwrap_or(q)).is_none() => {
                self.unsupported_std(node, q);
                quote!(Py::None)
            }
            Some(StdItem::Module) | Some(StdItem::TypingOnly) | None => {
                self.error(
                    node,
                    format!("`{q}` is not supported as a value"),
                    "see README: Supported Python",
                );
                quote!(Py::None)
            }
        }
    }

    fn sequence(&mut self, elts: &[Expr], kind: &str, ctx: &mut Ctx) -> TokenStream {
        if elts.iter().any(|e| matches!(e, Expr::Starred(_))) {
            let parts: Vec<TokenStream> = elts
                .iter()
                .map(|e| match e {
                    Expr::Starred(s) => {
                        let v = self.owned(&s.value, ctx);
                        quote!(py::ListPart::Splat(#v))
                    }
                    other => {
                        let v = self.owned(other, ctx);
                        quote!(py::ListPart::Item(#v))
                    }
                })
                .collect();
            let f = format_ident!("{}_build", kind);
            return self.q(quote!(Py::#f([#(#parts),*])), ctx);
        }
        let items: Vec<TokenStream> = elts.iter().map(|e| self.owned(e, ctx)).collect();
        if items.is_empty() {
            return match kind {
                "list" => quote!(Py::list([])),
                "tuple" => quote!(Py::tuple([])),
                _ => self.q(quote!(Py::set([])), ctx),
            };
        }
        match kind {
            "list" => quote!(Py::list([#(#items),*])),
            "tuple" => quote!(Py::tuple([#(#items),*])),
            _ => self.q(quote!(Py::set([#(#items),*])), ctx),
        }
    }

    fn fstring(&mut self, values: &[Expr], ctx: &mut Ctx) -> TokenStream {
        let text = self.fstring_string(values, ctx);
        match text.clone().into_iter().collect::<Vec<_>>().as_slice() {
            // `String::from("…")`: a constant.
            [proc_macro2::TokenTree::Ident(s), _, _, _, proc_macro2::TokenTree::Group(g)]
                if s == "String" && g.stream().into_iter().count() == 1 =>
            {
                let l = g.stream();
                quote!(Py::str(#l))
            }
            _ => quote!(Py::from(#text)),
        }
    }

    /// An f-string as a Rust `String` expression. Typed `str` and `int` locals without a
    /// format spec are written inline (`{name}`): their Rust text is Python's.
    fn fstring_string(&mut self, values: &[Expr], ctx: &mut Ctx) -> TokenStream {
        let inline = |this: &Self, e: &Expr, ctx: &Ctx| match e {
            Expr::FormattedValue(f)
                if f.format_spec.is_none() && matches!(f.conversion, ast::ConversionFlag::None) =>
            {
                match f.value.as_ref() {
                    Expr::Name(n) => match this.local_type(n.id.as_str(), ctx) {
                        Some(ty @ (Ty::Str | Ty::Int)) => {
                            Some((this.local_name(n.id.as_str(), ctx), ty))
                        }
                        _ => None,
                    },
                    _ => None,
                }
            }
            _ => None,
        };
        if let [only] = values {
            if let Some((id, ty)) = inline(self, only, ctx) {
                return if ty == Ty::Str {
                    quote!(#id.clone())
                } else {
                    quote!(#id.to_string())
                };
            }
        }
        let mut fmt = String::new();
        let mut args = Vec::new();
        for v in values {
            if let Some((id, _)) =
                inline(self, v, ctx).filter(|(id, _)| !id.to_string().starts_with("r#"))
            {
                fmt.push_str(&format!("{{{id}}}"));
                continue;
            }
            match v {
                Expr::Constant(c) => {
                    if let Constant::Str(s) = &c.value {
                        fmt.push_str(&s.replace('{', "{{").replace('}', "}}"));
                    }
                }
                Expr::FormattedValue(f) => {
                    let value = self.borrowed(&f.value, ctx);
                    let recv = as_receiver(&value);
                    let converted = match f.conversion {
                        ast::ConversionFlag::Repr => Some(quote!(#recv.repr_string())),
                        ast::ConversionFlag::Str => Some(quote!(#recv.str_string())),
                        _ => None,
                    };
                    let value = match f.conversion {
                        ast::ConversionFlag::Repr | ast::ConversionFlag::Str => {
                            let converted = converted.clone().unwrap_or_default();
                            quote!(&Py::from(#converted))
                        }
                        ast::ConversionFlag::Ascii => {
                            self.error(v, "`!a` conversion is not supported", "use `!r`");
                            value
                        }
                        ast::ConversionFlag::None => value,
                    };
                    let spec = match &f.format_spec {
                        None => quote!(""),
                        Some(spec) => match spec.as_ref() {
                            Expr::JoinedStr(j)
                                if j.values.iter().all(|p| matches!(p, Expr::Constant(_))) =>
                            {
                                let s: String = j.values.iter().filter_map(const_str).collect();
                                let l = str_lit(&s);
                                quote!(#l)
                            }
                            other => {
                                let s = self.owned(other, ctx);
                                quote!(&(#s).str_string())
                            }
                        },
                    };
                    if let (None, Some(converted)) = (&f.format_spec, converted) {
                        // `{x!r}` with no spec is just the converted string.
                        args.push(converted);
                    } else {
                        args.push(self.q(quote!(py::format::format_value(#value, #spec)), ctx));
                    }
                    fmt.push_str("{}");
                }
                other => {
                    let s = self.owned(other, ctx);
                    args.push(quote!((#s).str_string()));
                    fmt.push_str("{}");
                }
            }
        }
        if args.is_empty() && !fmt.contains(['{', '}']) {
            let l = str_lit(&fmt);
            return quote!(String::from(#l));
        }
        if let ("{}", [arg]) = (fmt.as_str(), args.as_slice()) {
            return arg.clone(); // every argument is already a `String`
        }
        let (l, format) = (str_lit(&fmt), emit::macro_call("format"));
        quote!(#format(#l #(, #args)*))
    }

    fn call(&mut self, c: &ast::ExprCall, node: &Expr, ctx: &mut Ctx) -> TokenStream {
        // `super().__init__(...)` in an exception class's `__init__`.
        if let Expr::Attribute(a) = c.func.as_ref() {
            if let Expr::Call(inner) = a.value.as_ref() {
                if matches!(inner.func.as_ref(), Expr::Name(n) if n.id.as_str() == "super") {
                    // `json.JSONEncoder.default`: the value has no JSON form.
                    let in_encoder = self
                        .current_class
                        .as_ref()
                        .is_some_and(|c| self.info.json_encoders.contains(c));
                    if in_encoder && a.attr.as_str() == "default" && c.args.len() == 1 {
                        let o = self.borrowed(&c.args[0], ctx);
                        return self.q(quote!(py::json::encoder_default(#o)), ctx);
                    }
                    let base = self
                        .current_class
                        .as_ref()
                        .and_then(|c| self.info.classes.get(c))
                        .and_then(|d| d.base.clone());
                    if let (Some(base), Some(this), true) =
                        (base, ctx.self_param.clone(), inner.args.is_empty())
                    {
                        let this = self.local_name(&this, ctx);
                        let base = class_static(&base);
                        let m = str_lit(a.attr.as_str());
                        let args = self.args(c, ctx);
                        return self.q(
                            quote!(py::class::super_call(&#base, &#this, #m, #args)),
                            ctx,
                        );
                    }
                    let Some(this) = ctx
                        .self_param
                        .clone()
                        .filter(|_| a.attr.as_str() == "__init__" && inner.args.is_empty())
                    else {
                        self.error(node, "`super()` is only supported as `super().name(...)` in a method of a class with a base class", "call the base class's method explicitly");
                        return quote!(Py::None);
                    };
                    let this = self.local_name(&this, ctx);
                    let args = self.args(c, ctx);
                    // A user base class with its own `__init__` runs it; builtin ones store the args.
                    let base_owner = self
                        .current_class
                        .as_ref()
                        .and_then(|class| self.info.exceptions.get(class))
                        .and_then(|mro| {
                            mro.iter()
                                .skip(1)
                                .find(|c| self.info.exception_inits.contains(*c))
                        })
                        .cloned();
                    let base_init = base_owner.as_deref().map(exception_init_fn);
                    if let (Some(class), Some(owner)) = (self.current_class.clone(), base_owner) {
                        self.exception_super_inits.insert(class, owner);
                    }
                    return match base_init {
                        Some(init) => self.q(quote!(#init(#this.clone(), #args)), ctx),
                        None => self.q(quote!(py::exception_init(&#this, #args)), ctx),
                    };
                }
            }
        }
        // The context-manager protocol of a desugared `with`.
        if let Expr::Name(n) = c.func.as_ref() {
            match (n.id.as_str(), c.args.as_slice()) {
                (desugar::WITH_ENTER, [mgr]) => {
                    let mgr = self.recv(mgr, ctx);
                    return self.q(quote!(py::contextlib::with_enter(&#mgr)), ctx);
                }
                (
                    desugar::MATCH_SEQUENCE
                    | desugar::MATCH_MAPPING
                    | desugar::MATCH_REST
                    | desugar::MATCH_ARG,
                    args,
                ) => {
                    let f = format_ident!(
                        "{}",
                        match n.id.as_str() {
                            desugar::MATCH_SEQUENCE => "is_sequence",
                            desugar::MATCH_MAPPING => "is_mapping",
                            desugar::MATCH_REST => "rest",
                            _ => "arg",
                        }
                    );
                    let args: Vec<TokenStream> = args.iter().map(|a| self.owned(a, ctx)).collect();
                    return self.q(quote!(py::matching::#f(#(#args),*)), ctx);
                }
                (desugar::WITH_EXIT, [mgr, exc]) => {
                    let mgr = self.recv(mgr, ctx);
                    let exc = self.owned(exc, ctx);
                    let exited = self.q(quote!(py::contextlib::with_exit(&#mgr, #exc)), ctx);
                    return quote!(Py::Bool(#exited));
                }
                _ => {}
            }
        }
        // Module functions and methods of imported modules.
        if let Some(q) = self.qualified(&c.func) {
            return self.std_call(&q, c, node, ctx);
        }
        if let Expr::Name(n) = c.func.as_ref() {
            let name = n.id.as_str();
            if !self.is_rust_local(name, ctx) && !self.info.globals.iter().any(|g| g == name) {
                if self.info.functions.contains_key(name) {
                    return self.user_call(name, c, node, ctx);
                }
                if self.info.classes.contains_key(name) {
                    let id = class_static(name);
                    let args = self.args(c, ctx);
                    return self.q(quote!(py::class::instantiate(&#id, #args)), ctx);
                }
                if let Some(exc) = self.exception_name(&c.func) {
                    if let Some(owner) = self.exception_init_owner(&exc) {
                        let err = self.new_user_exception(&exc, &owner, c, ctx);
                        return quote!(Py::Exc(#err));
                    }
                    if !c.keywords.is_empty() {
                        self.error(
                            node,
                            "keyword arguments to exception classes are not supported",
                            "",
                        );
                    }
                    let args: Vec<TokenStream> =
                        c.args.iter().map(|a| self.owned(a, ctx)).collect();
                    let class = self.exception_static(&exc);
                    return quote!(Py::Exc(PyErr::new(#class, [#(#args),*])));
                }
                if stdlib::BUILTIN_FUNCTIONS.contains(&name)
                    || stdlib::BUILTIN_TYPES.contains(&name)
                {
                    let args = self.args(c, ctx);
                    let f = ident(name);
                    return self.q(quote!(py::builtins::#f(#args)), ctx);
                }
                if matches!(
                    name,
                    "open"
                        | "input"
                        | "exec"
                        | "eval"
                        | "compile"
                        | "globals"
                        | "locals"
                        | "vars"
                        | "super"
                        | "setattr"
                        | "delattr"
                        | "issubclass"
                        | "memoryview"
                        | "bytearray"
                        | "complex"
                        | "breakpoint"
                        | "__import__"
                ) {
                    self.error(
                        node,
                        format!("builtin `{name}()` is not supported"),
                        "see README: Supported Python",
                    );
                    // Still look inside, so one conversion reports every problem.
                    let _ = self.args(c, ctx);
                    return quote!(Py::None);
                }
            }
        }
        if let Expr::Attribute(a) = c.func.as_ref() {
            let user_method = self
                .info
                .classes
                .values()
                .chain(self.info.exception_bodies.values())
                .chain(self.info.enums.values().map(|e| &e.body))
                .any(|c| c.methods.iter().any(|m| m == a.attr.as_str()));
            if !is_known_method(a.attr.as_str()) && !user_method {
                self.error(
                    node,
                    format!("method `.{}()` is not supported", a.attr),
                    "see README: Supported Python for the methods the converter knows",
                );
                // Still look inside, so one conversion reports every problem.
                let _ = self.recv(&a.value, ctx);
                let _ = self.args(c, ctx);
                return quote!(Py::None);
            }
            let recv = self.recv(&a.value, ctx);
            return self.method_call(recv, a.attr.as_str(), c, ctx);
        }
        let f = self.recv(&c.func, ctx);
        let args = self.call_args(c, ctx);
        self.q(quote!(#f.call(#args)), ctx)
    }

    /// `recv.method(args)` on a Python value: `call_method`, with `x.get("k")` /
    /// `x.get("k", d)` spelled `x.get("k")?` / `x.get_or("k", d)?` (the same call).
    fn method_call(
        &mut self,
        recv: TokenStream,
        method: &str,
        c: &ast::ExprCall,
        ctx: &mut Ctx,
    ) -> TokenStream {
        if let ("get", [key, rest @ ..]) = (method, c.args.as_slice()) {
            let plain = c.keywords.is_empty() && !has_unpacking(c) && rest.len() <= 1;
            if let (Some(k), true) = (const_str(key), plain) {
                let k = str_lit(k);
                return match rest {
                    [default] => {
                        let d = self.owned(default, ctx);
                        self.q(quote!(#recv.get_or(#k, #d)), ctx)
                    }
                    _ => self.q(quote!(#recv.get(#k)), ctx),
                };
            }
        }
        let args = self.call_args(c, ctx);
        let m = str_lit(method);
        self.q(quote!(#recv.call_method(#m, #args)), ctx)
    }

    /// The arguments of a call to a Python value (`f(a, b)`, `x.m(a)`): an array when they
    /// are all positional (`x.call_method("get", [a, b])`), else an `Args`.
    fn call_args(&mut self, c: &ast::ExprCall, ctx: &mut Ctx) -> TokenStream {
        if has_unpacking(c) || !c.keywords.is_empty() {
            return self.args(c, ctx);
        }
        let pos: Vec<TokenStream> = c.args.iter().map(|a| self.owned(a, ctx)).collect();
        quote!([#(#pos),*])
    }

    fn args(&mut self, c: &ast::ExprCall, ctx: &mut Ctx) -> TokenStream {
        if has_unpacking(c) {
            return self.unpacked_args(c, ctx);
        }
        let pos: Vec<TokenStream> = c.args.iter().map(|a| self.owned(a, ctx)).collect();
        if c.keywords.is_empty() && pos.is_empty() {
            return quote!(py::Args::default());
        }
        if c.keywords.is_empty() {
            return quote!(py::Args::pos([#(#pos),*]));
        }
        let kw: Vec<TokenStream> = c
            .keywords
            .iter()
            .map(|k| {
                let name = str_lit(k.arg.as_ref().map(|a| a.as_str()).unwrap_or(""));
                let v = self.owned(&k.value, ctx);
                quote!((#name, #v))
            })
            .collect();
        quote!(py::Args::new([#(#pos),*], [#(#kw),*]))
    }

    /// Arguments of a call with `*iterable` / `**mapping`: built at run time, in Python's
    /// order (positionals, then keywords as written), with CPython's errors.
    fn unpacked_args(&mut self, c: &ast::ExprCall, ctx: &mut Ctx) -> TokenStream {
        let callee = str_lit(&self.callee_description(&c.func, ctx));
        let id = self.fresh("call_args");
        let leading = c
            .args
            .iter()
            .take_while(|a| !matches!(a, Expr::Starred(_)))
            .count();
        let lead: Vec<TokenStream> = c.args[..leading]
            .iter()
            .map(|a| self.owned(a, ctx))
            .collect();
        let mut steps = vec![quote!(let mut #id = py::Args::pos([#(#lead),*]);)];
        for a in &c.args[leading..] {
            let step = match a {
                Expr::Starred(st) => {
                    let v = self.recv(&st.value, ctx);
                    let star = self.q(quote!(#id.star(#callee, &#v)), ctx);
                    quote!(#star;)
                }
                _ => {
                    let v = self.owned(a, ctx);
                    quote!(#id.pos.push(#v);)
                }
            };
            steps.push(step);
        }
        for k in &c.keywords {
            let step = match &k.arg {
                Some(name) => {
                    let name = str_lit(name.as_str());
                    let v = self.owned(&k.value, ctx);
                    self.q(quote!(#id.keyword(#callee, #name, #v)), ctx)
                }
                None => {
                    let v = self.recv(&k.value, ctx);
                    self.q(quote!(#id.star_star(#callee, &#v)), ctx)
                }
            };
            steps.push(quote!(#step;));
        }
        quote!({ #(#steps)* #id })
    }

    /// How CPython names a callee in "argument after * must be an iterable" errors:
    /// module-qualified for the handler's own functions and classes.
    fn callee_description(&self, func: &Expr, ctx: &Ctx) -> String {
        if let Some(q) = self.qualified(func) {
            return q;
        }
        match func {
            Expr::Name(n) if !self.is_rust_local(n.id.as_str(), ctx) => {
                let name = n.id.as_str();
                if self.info.functions.contains_key(name) || self.info.classes.contains_key(name) {
                    format!("{MODULE_NAME}.{name}")
                } else {
                    name.to_string()
                }
            }
            Expr::Attribute(a) => {
                let owners: Vec<&String> = self
                    .info
                    .classes
                    .iter()
                    .filter(|(_, c)| c.methods.iter().any(|m| m == a.attr.as_str()))
                    .map(|(n, _)| n)
                    .collect();
                match owners.as_slice() {
                    [class] => format!("{MODULE_NAME}.{class}.{}", a.attr),
                    _ => a.attr.to_string(),
                }
            }
            Expr::Name(n) => n.id.to_string(),
            _ => "function".to_string(),
        }
    }

    fn std_call(&mut self, q: &str, c: &ast::ExprCall, node: &Expr, ctx: &mut Ctx) -> TokenStream {
        match stdlib::lookup(q) {
            Some(StdItem::Function(path)) => {
                let p = rust_path(path);
                let args = self.args(c, ctx);
                self.q(quote!(#p(#args)), ctx)
            }
            Some(StdItem::Exception(s)) => {
                let id = format_ident!("{}", s);
                let args: Vec<TokenStream> = c.args.iter().map(|a| self.owned(a, ctx)).collect();
                quote!(Py::Exc(PyErr::new(&py::exc::#id, [#(#args),*])))
            }
            Some(StdItem::Value(_)) => {
                let f = self.std_value(q, node);
                let args = self.call_args(c, ctx);
                self.q(quote!((#f).call(#args)), ctx)
            }
            _ => {
                // A method on a module value (`os.environ.get`, `datetime.strptime`,
                // `datetime.min.time()`).
                if let Some((obj, method)) = q.rsplit_once('.') {
                    if let Some(recv) = self.std_attribute_chain(obj, node, ctx) {
                        return self.method_call(as_receiver(&recv), method, c, ctx);
                    }
                }
                self.unsupported_std(node, &format!("{q}()"));
                let _ = self.args(c, ctx);
                quote!(Py::None)
            }
        }
    }

    fn user_call(
        &mut self,
        name: &str,
        c: &ast::ExprCall,
        node: &Expr,
        ctx: &mut Ctx,
    ) -> TokenStream {
        if has_unpacking(c) {
            // Which parameter each argument fills is only known at run time.
            let f = self.name(name, &c.func, ctx);
            let args = self.args(c, ctx);
            return self.q(quote!((#f).call(#args)), ctx);
        }
        let sig = &self.info.functions[name];
        let params: Vec<(String, Option<Expr>)> = sig
            .params
            .iter()
            .map(|(n, d)| (n.clone(), d.clone()))
            .collect();
        let (positional, has_vararg, has_kwarg) =
            (sig.positional, sig.vararg.is_some(), sig.kwarg.is_some());
        if c.args.len() > positional && !has_vararg {
            self.error(
                node,
                format!(
                    "{name}() takes {positional} positional arguments but {} were given",
                    c.args.len()
                ),
                "",
            );
            return quote!(Py::None);
        }
        let mut slots: Vec<Option<TokenStream>> = vec![None; params.len()];
        let mut extra_pos = Vec::new();
        let mut extra_kw = Vec::new();
        let param_types = self.info.param_hints.get(name).cloned().unwrap_or_default();
        let view_params: HashSet<String> = match &self.views {
            Some(v) => v
                .vars
                .get(name)
                .map(|m| m.keys().cloned().collect())
                .unwrap_or_default(),
            None => HashSet::new(),
        };
        for (i, a) in c.args.iter().enumerate() {
            let v = match params.get(i).and_then(|p| param_types.get(&p.0)) {
                _ if params.get(i).is_some_and(|p| view_params.contains(&p.0)) => {
                    self.view_owned(a, ctx)
                }
                Some(t) => self.typed_value(a, *t, ctx),
                None => self.owned(a, ctx),
            };
            if i < positional {
                slots[i] = Some(v);
            } else {
                extra_pos.push(v);
            }
        }
        for k in &c.keywords {
            let kname = k.arg.as_ref().map(|a| a.to_string()).unwrap_or_default();
            match params.iter().position(|p| p.0 == kname) {
                Some(i) if slots[i].is_none() => {
                    slots[i] = Some(match param_types.get(&params[i].0) {
                        _ if view_params.contains(&params[i].0) => self.view_owned(&k.value, ctx),
                        Some(t) => self.typed_value(&k.value, *t, ctx),
                        None => self.owned(&k.value, ctx),
                    })
                }
                Some(_) => {
                    self.error(
                        node,
                        format!("{name}() got multiple values for argument '{kname}'"),
                        "",
                    );
                    return quote!(Py::None);
                }
                None if has_kwarg => {
                    let key = str_lit(&kname);
                    let v = self.owned(&k.value, ctx);
                    extra_kw.push(quote!((Py::str(#key), #v)));
                }
                None => {
                    self.error(
                        node,
                        format!("{name}() got an unexpected keyword argument '{kname}'"),
                        "",
                    );
                    return quote!(Py::None);
                }
            }
        }
        let mut args = Vec::new();
        for (slot, (pname, default)) in slots.into_iter().zip(&params) {
            match (slot, default) {
                (Some(v), _) => args.push(v),
                (None, Some(d)) => {
                    let v = match param_types.get(pname) {
                        Some(t) => self.typed_value(d, *t, ctx),
                        None => self.default_value(name, pname, d, ctx),
                    };
                    args.push(v);
                }
                (None, None) => {
                    self.error(
                        node,
                        format!("{name}() missing required argument '{pname}'"),
                        "",
                    );
                    return quote!(Py::None);
                }
            }
        }
        if has_vararg {
            args.push(quote!(Py::tuple([#(#extra_pos),*])));
        }
        if has_kwarg {
            let dict = self.q(quote!(Py::dict([#(#extra_kw),*])), ctx);
            args.push(dict);
        }
        let f = ident(name);
        self.q(quote!(#f(#(#args),*)), ctx)
    }

    /// Bind comprehension targets inside a closure or block.
    fn bind_target(&mut self, target: &Expr, value: TokenStream, ctx: &mut Ctx) -> TokenStream {
        match target {
            Expr::Name(n) => {
                let id = ident(n.id.as_str());
                quote!(let #id = #value;)
            }
            Expr::Tuple(_) | Expr::List(_) => {
                let elts = match target {
                    Expr::Tuple(t) => &t.elts,
                    Expr::List(l) => &l.elts,
                    _ => unreachable!(),
                };
                let count = Literal::usize_unsuffixed(elts.len());
                let value = as_receiver(&quote!(&#value));
                let unpack = self.q(quote!(#value.unpack_n::<#count>()), ctx);
                // Names bind in the pattern (`let [k, v] = …`); nested targets unpack after.
                let mut patterns = Vec::with_capacity(elts.len());
                let mut nested = TokenStream::new();
                for e in elts {
                    match e {
                        Expr::Name(n) if named_once(elts, e) => patterns.push(ident(n.id.as_str())),
                        _ => {
                            let part = self.fresh("part");
                            nested.extend(self.bind_target(e, quote!(#part), ctx));
                            patterns.push(part);
                        }
                    }
                }
                quote!(let [#(#patterns),*] = #unpack; #nested)
            }
            other => {
                self.error(other, "unsupported comprehension target", "");
                quote!()
            }
        }
    }

    fn comprehension(
        &mut self,
        kind: &str,
        elts: &[&Expr],
        gens: &[ast::Comprehension],
        ctx: &mut Ctx,
    ) -> TokenStream {
        let out = self.fresh("out");
        let mut bound = HashSet::new();
        for g in gens {
            scope::target_names(&g.target, &mut bound);
        }
        // Loops from the innermost out.
        let push = {
            ctx.inner.push(bound.clone());
            let t = match kind {
                "dict" => {
                    let k = self.owned(elts[0], ctx);
                    let v = self.owned(elts[1], ctx);
                    quote!(#out.push((#k, #v));)
                }
                _ => {
                    let v = self.owned(elts[0], ctx);
                    quote!(#out.push(#v);)
                }
            };
            ctx.inner.pop();
            t
        };
        let mut body = push;
        let mut iters = Vec::new();
        // The first iterable is evaluated in the enclosing scope; later ones see targets.
        for (i, g) in gens.iter().enumerate() {
            if i > 0 {
                ctx.inner.push(bound.clone());
            }
            let it = self.recv(&g.iter, ctx);
            if i > 0 {
                ctx.inner.pop();
            }
            iters.push(it);
        }
        for (g, it) in gens.iter().zip(iters).rev() {
            ctx.inner.push(bound.clone());
            let item = self.fresh("item");
            let bind = self.bind_target(&g.target, self.q(quote!(#item), ctx), ctx);
            let conds: Vec<TokenStream> = g.ifs.iter().map(|c| self.cond(c, ctx)).collect();
            ctx.inner.pop();
            let iter = self.q(quote!(#it.iter()), ctx);
            body = if conds.is_empty() {
                quote!(for #item in #iter { #bind #body })
            } else {
                {
                    let all = join_bools(&conds, quote!(&&));
                    quote!(for #item in #iter { #bind if #all { #body } })
                }
            };
        }
        let build = match kind {
            "list" => quote!(Py::list(#out)),
            "set" => self.q(quote!(Py::set(#out)), ctx),
            _ => self.q(quote!(Py::dict(#out)), ctx),
        };
        quote!({ let mut #out = Vec::new(); #body #build })
    }

    /// Variables of the enclosing function a closure reads: cloned into it.
    fn captures(&self, names: Vec<String>, ctx: &Ctx) -> TokenStream {
        let mut out = TokenStream::new();
        for n in names {
            if self.is_rust_local(&n, ctx) {
                let id = self.local_name(&n, ctx);
                out.extend(quote!(let #id = #id.clone();));
            }
        }
        out
    }

    fn generator(
        &mut self,
        elt: &Expr,
        gens: &[ast::Comprehension],
        node: &Expr,
        ctx: &mut Ctx,
    ) -> TokenStream {
        if gens.len() != 1 {
            // Several `for` clauses: built eagerly (same values, same order).
            let list = self.comprehension("list", &[elt], gens, ctx);
            return quote!(#list);
        }
        let g = &gens[0];
        let source = self.recv(&g.iter, ctx);
        let source = self.q(quote!(#source.iter()), ctx);
        let mut bound = HashSet::new();
        scope::target_names(&g.target, &mut bound);
        let mut free = scope::free_names(elt, &bound);
        for c in &g.ifs {
            free.extend(scope::free_names(c, &bound));
        }
        free.sort();
        free.dedup();
        self.check_late_binding(node, "generator expression", &free, ctx);
        let caps = self.captures(free, ctx);
        let saved = enter_closure(ctx, bound);
        let item = self.fresh("item");
        let bind = self.bind_target(&g.target, quote!(#item), ctx);
        let conds: Vec<TokenStream> = g.ifs.iter().map(|c| self.cond(c, ctx)).collect();
        let v = self.owned(elt, ctx);
        leave_closure(ctx, saved);
        let filter = if conds.is_empty() {
            quote!()
        } else {
            {
                let all = join_bools(&conds, quote!(&&));
                let unless = negate(&all);
                quote!(if #unless { return Ok(None); })
            }
        };
        quote!({
            let source = #source;
            #caps
            py::generator(source, move |#item| { #bind #filter Ok(Some(#v)) })
        })
    }

    /// A closure copies the variables it reads when it is created; Python's reads them when
    /// it runs. Refuse the ones where that can differ: a variable assigned again later, in a
    /// closure that is not consumed on the spot.
    fn check_late_binding(&mut self, node: &Expr, what: &str, free: &[String], ctx: &Ctx) {
        if ctx.module_level || ctx.consumed.contains(&(node as *const Expr as usize)) {
            return;
        }
        let late = free.iter().find(|n| {
            self.is_rust_local(n, ctx) && ctx.rebound.contains(*n) && !self.is_cell(n, ctx)
        });
        if let Some(n) = late {
            let hint = if what == "lambda" {
                format!("bind the current value with a default (`lambda {n}={n}: ...`), or pass `{n}` as an argument")
            } else {
                "build a list instead (`[...]`), or consume the generator where it is created"
                    .to_string()
            };
            self.error(
                node,
                format!("this {what} reads `{n}`, which can change after the {what} is created (it is assigned in a loop or more than once): Python's {what} would see the latest value, the converted one the value it had when the {what} was created"),
                &hint,
            );
        }
    }

    fn lambda(&mut self, l: &ast::ExprLambda, node: &Expr, ctx: &mut Ctx) -> TokenStream {
        let named: Vec<String> = scope::parameters(&l.args)
            .map(|a| a.def.arg.to_string())
            .collect();
        let defaults: Vec<Option<&Expr>> = scope::parameters(&l.args)
            .map(|a| a.default.as_deref())
            .collect();
        let positional = l.args.posonlyargs.len() + l.args.args.len();
        let mut params = named.clone();
        params.extend(
            l.args
                .vararg
                .iter()
                .chain(&l.args.kwarg)
                .map(|a| a.arg.to_string()),
        );
        let bound: HashSet<String> = params.iter().cloned().collect();
        let free = scope::free_names(&l.body, &bound);
        self.check_late_binding(node, "lambda", &free, ctx);
        let caps = self.captures(free, ctx);
        let qualname = format!("{}<lambda>", self.locals_prefix);
        // A lambda body cannot assign its parameters; it only reads some of them.
        let read = scope::free_names(&l.body, &HashSet::new());
        let mut param_scope = FunctionScope::default();
        for p in &params {
            let reads = usize::from(read.contains(p));
            param_scope.locals.insert(
                p.clone(),
                scope::LocalInfo {
                    decl: None,
                    stores: 1,
                    reads,
                },
            );
        }
        let mut prelude = TokenStream::new();
        let bind = self.bind_closure_args(
            &qualname,
            &named,
            &defaults,
            positional,
            (l.args.vararg.as_deref(), l.args.kwarg.as_deref()),
            &param_scope,
            &mut prelude,
            ctx,
        );
        let saved = enter_closure(ctx, bound);
        let outer = std::mem::replace(&mut self.locals_prefix, format!("{qualname}.<locals>."));
        let body = self.owned(&l.body, ctx);
        self.locals_prefix = outer;
        leave_closure(ctx, saved);
        let result = strip_try(body.clone()).unwrap_or(quote!(Ok(#body)));
        let func = quote!(Py::func("<lambda>", move |args: py::Args| {
            #bind
            #result
        }));
        if caps.is_empty() && prelude.is_empty() {
            return func;
        }
        quote!({
            #caps
            #prelude
            #func
        })
    }
}

/// Event views (`views`): reading the typed parts of the event.
impl Lowerer<'_> {
    /// The event view `e` evaluates to here, if it is one.
    fn view_node(&self, e: &Expr, ctx: &Ctx) -> Option<usize> {
        ctx.view_fn.as_deref()?;
        let views = self.views.as_ref()?;
        views.node_of(e, &|n| self.view_var(n, ctx))
    }

    /// The view a local, parameter or comprehension target holds. A comprehension's target
    /// exists only inside it; anything else only where no inner scope rebinds its name.
    fn view_var(&self, name: &str, ctx: &Ctx) -> Option<usize> {
        let f = ctx.view_fn.as_deref()?;
        let views = self.views.as_ref()?;
        let comp = views.comp_vars.contains(&(f.to_string(), name.to_string()));
        let inner = ctx.inner.iter().any(|s| s.contains(name));
        if comp != inner {
            return None;
        }
        views.var(f, name)
    }

    /// A view as a method receiver: `record`, `record.s3()?`, `event.records_or_empty()?`.
    fn view_recv(&mut self, e: &Expr, ctx: &mut Ctx) -> TokenStream {
        match e {
            Expr::Name(n) => {
                let id = self.local_name(n.id.as_str(), ctx);
                quote!(#id)
            }
            Expr::Subscript(s) => {
                let recv = self.view_recv(&s.value, ctx);
                if let Some(key) = const_str(&s.slice) {
                    let m = self.view_method(&s.value, key, |f| &f.get_method, ctx);
                    self.q(quote!(#recv.#m()), ctx)
                } else {
                    let i = Literal::i64_unsuffixed(views::const_index(&s.slice).unwrap_or(0));
                    self.q(quote!(#recv.index(#i)), ctx)
                }
            }
            Expr::BoolOp(_) => match views::get_or_falsy(e) {
                Some((obj, key, _)) => {
                    let recv = self.view_recv(obj, ctx);
                    let m = self.view_method(obj, key, |f| &f.or_falsy_method, ctx);
                    self.q(quote!(#recv.#m()), ctx)
                }
                None => self.view_mismatch(e),
            },
            _ => match views::get_call(e) {
                Some((obj, key, _)) => {
                    let recv = self.view_recv(obj, ctx);
                    let m = self.view_method(obj, key, |f| &f.or_empty_method, ctx);
                    self.q(quote!(#recv.#m()), ctx)
                }
                None => self.view_mismatch(e),
            },
        }
    }

    /// `payload = json.loads(text)` with `payload` a view: parsed straight into it.
    fn view_loads(
        &mut self,
        name: &str,
        node: usize,
        value: &Expr,
        ctx: &mut Ctx,
    ) -> Option<TokenStream> {
        let f = ctx.view_fn.clone()?;
        let views = self.views.as_ref()?;
        if !views.loads.contains(&(f, name.to_string())) {
            return None;
        }
        let ty = views.rust_type(node);
        let Expr::Call(call) = value else {
            return Some(self.view_mismatch(value));
        };
        if self.qualified(&call.func).as_deref() != Some("json.loads") || call.args.len() != 1 {
            return Some(self.view_mismatch(value));
        }
        let text = self.owned(&call.args[0], ctx);
        let parsed = self.q(quote!(py::event::loads(#text)), ctx);
        let id = self.local_name(name, ctx);
        ctx.declared.insert(name.to_string());
        Some(quote!(let #id: #ty = #parsed;))
    }

    /// `for i, x in enumerate(view[, start])`: (view, start, i, x).
    fn view_enumerate<'f>(
        &self,
        f: &'f ast::StmtFor,
        ctx: &Ctx,
    ) -> Option<(&'f Expr, Option<i64>, &'f Expr, &'f Expr)> {
        let (xs, start, index, target) = views::enumerate_loop(f)?;
        if !self.module_builtin("enumerate") || self.is_rust_local("enumerate", ctx) {
            return None;
        }
        self.view_node(xs, ctx)?;
        Some((xs, start, index, target))
    }

    /// A view as an owned value (bound to a local, passed to a function).
    fn view_owned(&mut self, e: &Expr, ctx: &mut Ctx) -> TokenStream {
        let v = self.view_recv(e, ctx);
        match e {
            Expr::Name(_) => quote!(#v.clone()),
            _ => v,
        }
    }

    /// The accessor of field `key` of the object view `obj`.
    fn view_method(
        &mut self,
        obj: &Expr,
        key: &str,
        which: impl Fn(&views::Field) -> &String,
        ctx: &Ctx,
    ) -> Ident {
        let field = self
            .view_node(obj, ctx)
            .and_then(|n| self.views.as_ref()?.field(n, key))
            .map(|f| which(f).clone());
        match field {
            Some(m) => ident(&m),
            None => {
                self.view_mismatch(obj);
                ident("view_get")
            }
        }
    }

    /// A plain value read from a view: `record["body"]`, `event.get("path", "/")`,
    /// `event["resources"][0]`. `None` when `e` is not such a read.
    fn view_read(&mut self, e: &Expr, ctx: &mut Ctx) -> Option<TokenStream> {
        self.views.as_ref()?;
        ctx.view_fn.as_ref()?;
        if self.view_node(e, ctx).is_some() {
            return Some(self.view_mismatch(e));
        }
        match e {
            Expr::Name(n) if self.view_var(n.id.as_str(), ctx).is_some() => {
                Some(self.view_mismatch(e))
            }
            // A key or index of a view: read as `view_recv` reads a view-valued one.
            Expr::Subscript(s) if s.ctx == ast::ExprContext::Load => {
                self.view_node(&s.value, ctx)?;
                (const_str(&s.slice).is_some() || views::const_index(&s.slice).is_some())
                    .then(|| self.view_recv(e, ctx))
            }
            Expr::Call(_) => {
                let (obj, key, default) = views::get_call(e)?;
                self.view_node(obj, ctx)?;
                let recv = self.view_recv(obj, ctx);
                let m = self.view_method(obj, key, |f| &f.or_method, ctx);
                let default = match default {
                    Some(d) => self.owned(d, ctx),
                    None => quote!(Py::None),
                };
                Some(self.q(quote!(#recv.#m(#default)), ctx))
            }
            _ => None,
        }
    }

    /// `"key" in view` / `"key" not in view`.
    fn view_contains(&mut self, c: &ast::ExprCompare, ctx: &mut Ctx) -> Option<TokenStream> {
        if c.ops.len() != 1 || !matches!(c.ops[0], ast::CmpOp::In | ast::CmpOp::NotIn) {
            return None;
        }
        let key = const_str(&c.left)?;
        self.view_node(&c.comparators[0], ctx)?;
        let recv = self.view_recv(&c.comparators[0], ctx);
        let m = self.view_method(&c.comparators[0], key, |f| &f.has_method, ctx);
        let has = self.q(quote!(#recv.#m()), ctx);
        Some(match c.ops[0] {
            ast::CmpOp::NotIn => quote!(!#has),
            _ => has,
        })
    }

    /// `views` and lowering disagree about a use of the event: a converter bug, reported
    /// rather than turned into Rust that does not compile.
    fn view_mismatch(&mut self, e: &Expr) -> TokenStream {
        self.error(
            e,
            "internal error: this use of the event does not match its typed view",
            "please report this handler; meanwhile `event = dict(event)` at the top of the handler keeps the event a plain dict",
        );
        quote!(Py::None)
    }
}

/// The first expression nested deeper than `MAX_EXPR_DEPTH`, found without recursion.
fn too_deep(module: &ParsedModule) -> Option<(u32, u32)> {
    let mut stack: Vec<(&Expr, usize)> = Vec::new();
    let mut stmts: Vec<&Stmt> = module.suite.iter().collect();
    while let Some(s) = stmts.pop() {
        stmt_parts(s, &mut stmts, &mut |e| stack.push((e, 1)));
    }
    while let Some((e, depth)) = stack.pop() {
        if depth > MAX_EXPR_DEPTH {
            return Some(module.line_col(e.range().start()));
        }
        scope::walk_children(e, &mut |c| stack.push((c, depth + 1)));
    }
    None
}

/// Direct sub-statements and expressions of a statement.
pub(crate) fn stmt_parts<'a>(
    s: &'a Stmt,
    stmts: &mut Vec<&'a Stmt>,
    expr: &mut dyn FnMut(&'a Expr),
) {
    let block = |b: &'a [Stmt], stmts: &mut Vec<&'a Stmt>| stmts.extend(b.iter());
    match s {
        Stmt::FunctionDef(f) => {
            block(&f.body, stmts);
            f.decorator_list.iter().for_each(&mut *expr);
            for a in scope::parameters(&f.args) {
                if let Some(d) = &a.default {
                    expr(d);
                }
            }
        }
        Stmt::ClassDef(c) => block(&c.body, stmts),
        Stmt::Return(r) => r.value.iter().for_each(|v| expr(v)),
        Stmt::Delete(d) => d.targets.iter().for_each(&mut *expr),
        Stmt::Assign(a) => {
            a.targets.iter().for_each(&mut *expr);
            expr(&a.value)
        }
        Stmt::AugAssign(a) => {
            expr(&a.target);
            expr(&a.value)
        }
        Stmt::AnnAssign(a) => {
            expr(&a.target);
            a.value.iter().for_each(|v| expr(v))
        }
        Stmt::For(f) => {
            expr(&f.target);
            expr(&f.iter);
            block(&f.body, stmts);
            block(&f.orelse, stmts)
        }
        Stmt::While(w) => {
            expr(&w.test);
            block(&w.body, stmts);
            block(&w.orelse, stmts)
        }
        Stmt::If(i) => {
            expr(&i.test);
            block(&i.body, stmts);
            block(&i.orelse, stmts)
        }
        Stmt::Raise(r) => {
            r.exc.iter().for_each(|v| expr(v));
            r.cause.iter().for_each(|v| expr(v))
        }
        Stmt::Try(t) => {
            block(&t.body, stmts);
            for h in &t.handlers {
                let ast::ExceptHandler::ExceptHandler(h) = h;
                h.type_.iter().for_each(|v| expr(v));
                block(&h.body, stmts);
            }
            block(&t.orelse, stmts);
            block(&t.finalbody, stmts)
        }
        Stmt::Assert(a) => {
            expr(&a.test);
            a.msg.iter().for_each(|v| expr(v))
        }
        Stmt::Expr(e) => expr(&e.value),
        _ => {}
    }
}

/// What a closure body (generator expression, lambda) changes in the context: inside, the
/// enclosing locals are captured clones and `?` returns from the closure.
struct SavedScope {
    err_label: Option<TokenStream>,
    inner: Vec<HashSet<String>>,
}

fn enter_closure(ctx: &mut Ctx, bound: HashSet<String>) -> SavedScope {
    let saved = SavedScope {
        err_label: ctx.err_label.take(),
        inner: std::mem::take(&mut ctx.inner),
    };
    let mut closure_scope: HashSet<String> = saved.inner.iter().flatten().cloned().collect();
    if !ctx.module_level {
        closure_scope.extend(ctx.scope.locals.keys().cloned());
    }
    ctx.inner.push(closure_scope);
    ctx.inner.push(bound);
    ctx.closures += 1;
    saved
}

fn leave_closure(ctx: &mut Ctx, saved: SavedScope) {
    ctx.closures -= 1;
    ctx.inner = saved.inner;
    ctx.err_label = saved.err_label;
}

/// `&x` → `x` and `&expr` → `(expr)`: method receivers borrow automatically.
fn as_receiver(ts: &TokenStream) -> TokenStream {
    let tokens: Vec<proc_macro2::TokenTree> = ts.clone().into_iter().collect();
    match tokens.as_slice() {
        [proc_macro2::TokenTree::Punct(p), rest @ ..] if p.as_char() == '&' && !rest.is_empty() => {
            let rest_ts: TokenStream = rest.iter().cloned().collect();
            if is_postfix_chain(rest) {
                rest_ts
            } else {
                quote!((#rest_ts))
            }
        }
        _ if is_postfix_chain(&tokens) => ts.clone(),
        _ => quote!((#ts)),
    }
}

/// Tokens of a path, call or method chain (`x`, `f(a)?`, `py::m::f(a).g()?`, `(a + b).h()`):
/// a method call on them needs no parentheses, and `!` negates all of them.
fn is_postfix_chain(tokens: &[proc_macro2::TokenTree]) -> bool {
    use proc_macro2::{Delimiter, TokenTree};
    let starts_well = match tokens.first() {
        Some(TokenTree::Ident(_)) => true,
        // `"a".m()` yes; `1.m()` reads oddly and `1.` is a float.
        Some(TokenTree::Literal(l)) => l.to_string().starts_with('"'),
        // `(…).m()` yes; `{ … }.m()` would start a block statement.
        Some(TokenTree::Group(g)) => g.delimiter() == Delimiter::Parenthesis,
        _ => false,
    };
    const KEYWORDS: &[&str] = &[
        "if", "match", "as", "loop", "while", "for", "move", "return", "break", "let", "unsafe",
        "async", "continue", "in",
    ];
    if !starts_well {
        return false;
    }
    // Inside a turbofish (`::<3>`), `<` and `>` are brackets, not comparisons.
    let mut generics = 0usize;
    for (i, t) in tokens.iter().enumerate() {
        let ok = match t {
            TokenTree::Punct(p) => match p.as_char() {
                '<' if generics > 0
                    || i >= 2 && tokens[i - 2..i].iter().all(|t| t.to_string() == ":") =>
                {
                    generics += 1;
                    true
                }
                '>' if generics > 0 => {
                    generics -= 1;
                    true
                }
                c => matches!(c, '.' | ':' | '?') || generics > 0,
            },
            TokenTree::Ident(i) => !KEYWORDS.iter().any(|k| i == k),
            TokenTree::Group(g) => g.delimiter() != Delimiter::Brace,
            TokenTree::Literal(_) => true,
        };
        if !ok {
            return false;
        }
    }
    generics == 0
}

/// `if c { ...; return A; } else if d { ...; return B; } else { ...; return C; }` with the
/// `return`s dropped, so the chain is the function's tail expression. `None` when the tokens
/// are not such a chain (a `try` lowered to labelled blocks, say).
fn tail_if_chain(chain: &TokenStream) -> Option<TokenStream> {
    use proc_macro2::{Delimiter, Group, TokenTree};
    let tokens: Vec<TokenTree> = chain.clone().into_iter().collect();
    if !matches!(tokens.first(), Some(TokenTree::Ident(i)) if i == "if") {
        return None;
    }
    // Segments between top-level `else`s; each ends with its body block.
    let mut out = TokenStream::new();
    let mut segment: Vec<TokenTree> = Vec::new();
    let finish = |segment: &mut Vec<TokenTree>, out: &mut TokenStream| -> Option<()> {
        let Some(TokenTree::Group(body)) = segment.pop() else {
            return None;
        };
        if body.delimiter() != Delimiter::Brace {
            return None;
        }
        let inner = tail_block(&body.stream())?;
        out.extend(segment.drain(..));
        out.extend([TokenTree::Group(Group::new(Delimiter::Brace, inner))]);
        Some(())
    };
    for t in tokens {
        if matches!(&t, TokenTree::Ident(i) if i == "else") {
            finish(&mut segment, &mut out)?;
            out.extend([t]);
        } else {
            segment.push(t);
        }
    }
    finish(&mut segment, &mut out)?;
    Some(out)
}

/// A block's content whose last statement is `return X;` (or a chain as above) with that
/// statement as the block's value.
fn tail_block(content: &TokenStream) -> Option<TokenStream> {
    use proc_macro2::TokenTree;
    let tokens: Vec<TokenTree> = content.clone().into_iter().collect();
    let is_semi = |t: &TokenTree| matches!(t, TokenTree::Punct(p) if p.as_char() == ';');
    // The last statement starts after the last top-level `;` before the final token.
    let end = if tokens.last().is_some_and(is_semi) {
        tokens.len() - 1
    } else {
        tokens.len()
    };
    let start = tokens[..end].iter().rposition(is_semi).map_or(0, |i| i + 1);
    let last: TokenStream = tokens[start..end].iter().cloned().collect();
    let head: TokenStream = tokens[..start].iter().cloned().collect();
    let value = match tokens.get(start) {
        Some(TokenTree::Ident(r)) if r == "return" && end < tokens.len() => {
            let v: TokenStream = tokens[start + 1..end].iter().cloned().collect();
            strip_ok_try(&v).unwrap_or(v)
        }
        Some(TokenTree::Ident(i)) if i == "if" && end == tokens.len() => tail_if_chain(&last)?,
        _ => return None,
    };
    Some(quote!(#head #value))
}

/// `Ok(x?)` → `x`.
fn strip_ok_try(v: &TokenStream) -> Option<TokenStream> {
    use proc_macro2::{Delimiter, TokenTree};
    let tokens: Vec<TokenTree> = v.clone().into_iter().collect();
    match tokens.as_slice() {
        [TokenTree::Ident(ok), TokenTree::Group(g)]
            if ok == "Ok" && g.delimiter() == Delimiter::Parenthesis =>
        {
            strip_try(g.stream())
        }
        _ => None,
    }
}

/// `return X;` → `X`: a function's last statement as its tail expression.
/// A block's statements whose last one is `break 'label value;`, with `value` as the
/// block's value instead.
fn tail_break(body: &TokenStream, label: &TokenStream) -> Option<TokenStream> {
    use proc_macro2::TokenTree;
    let tokens: Vec<TokenTree> = body.clone().into_iter().collect();
    let is_semi = |t: &TokenTree| matches!(t, TokenTree::Punct(p) if p.as_char() == ';');
    if !tokens.last().is_some_and(is_semi) {
        return None;
    }
    let end = tokens.len() - 1;
    let start = tokens[..end].iter().rposition(is_semi).map_or(0, |i| i + 1);
    let label: Vec<String> = label.clone().into_iter().map(|t| t.to_string()).collect();
    let stmt = &tokens[start..end];
    let is_break = matches!(stmt.first(), Some(TokenTree::Ident(b)) if b == "break")
        && stmt.len() > 1 + label.len()
        && stmt[1..=label.len()]
            .iter()
            .map(|t| t.to_string())
            .eq(label.iter().cloned());
    if !is_break {
        return None;
    }
    let head = tokens[..start].iter().cloned();
    Some(
        head.chain(stmt[1 + label.len()..].iter().cloned())
            .collect(),
    )
}

fn strip_return(v: TokenStream) -> Option<TokenStream> {
    let tokens: Vec<proc_macro2::TokenTree> = v.into_iter().collect();
    match tokens.as_slice() {
        [proc_macro2::TokenTree::Ident(r), mid @ .., proc_macro2::TokenTree::Punct(p)]
            if r == "return" && p.as_char() == ';' =>
        {
            Some(mid.iter().cloned().collect())
        }
        _ => None,
    }
}

/// `Ok(expr?)` → `expr` for a function's tail.
fn strip_try(v: TokenStream) -> Option<TokenStream> {
    let mut tokens: Vec<proc_macro2::TokenTree> = v.into_iter().collect();
    match tokens.last() {
        Some(proc_macro2::TokenTree::Punct(p)) if p.as_char() == '?' => {
            tokens.pop();
            Some(tokens.into_iter().collect())
        }
        _ => None,
    }
}

/// `a && b && c`, parenthesising operands only when there are several.
/// `!cond`, without the double negation or `!(a == b)` clippy would flag: `!x.f()?` → `x.f()?`,
/// `a == b` → `a != b` (and back). Only exact rewrites: `!(a < b)` stays, as it differs from
/// `a >= b` for NaN.
fn negate(cond: &TokenStream) -> TokenStream {
    use proc_macro2::{Spacing, TokenTree};
    let tokens: Vec<TokenTree> = cond.clone().into_iter().collect();
    let punct = |t: &TokenTree| match t {
        TokenTree::Punct(p) => Some((p.as_char(), p.spacing())),
        _ => None,
    };
    if let Some(('!', _)) = tokens.first().and_then(punct) {
        // `!(a && b)` → `a && b`: every condition's consumer takes any expression
        // (`if c`, `Py::Bool(c)`, or a parenthesised operand of `&&`/`||`).
        if let [TokenTree::Group(g)] = &tokens[1..] {
            if g.delimiter() == proc_macro2::Delimiter::Parenthesis {
                return g.stream();
            }
        }
        if is_postfix_chain(&tokens[1..]) {
            return tokens[1..].iter().cloned().collect();
        }
    }
    // `a == b` / `a != b` with nothing of lower precedence around it.
    let ops: Vec<usize> = (0..tokens.len().saturating_sub(1))
        .filter(|&i| {
            matches!(
                (punct(&tokens[i]), punct(&tokens[i + 1])),
                (
                    Some(('=' | '!', Spacing::Joint)),
                    Some(('=', Spacing::Alone))
                )
            ) && (i == 0 || punct(&tokens[i - 1]).is_none_or(|(_, s)| s == Spacing::Alone))
        })
        .collect();
    let lower = has_loose_operator(&tokens)
        || tokens
            .iter()
            .any(|t| punct(t).is_some_and(|(c, _)| matches!(c, '<' | '>')));
    if let ([i], false) = (ops.as_slice(), lower) {
        let (left, right) = (&tokens[..*i], &tokens[i + 2..]);
        if !left.is_empty() && !right.is_empty() {
            let (l, r): (TokenStream, TokenStream) = (
                left.iter().cloned().collect(),
                right.iter().cloned().collect(),
            );
            return match punct(&tokens[*i]) {
                Some(('=', _)) => quote!(#l != #r),
                _ => quote!(#l == #r),
            };
        }
    }
    if is_postfix_chain(&tokens) {
        return quote!(!#cond);
    }
    quote!(!(#cond))
}

fn join_bools(parts: &[TokenStream], op: TokenStream) -> TokenStream {
    match parts {
        [one] => one.clone(),
        _ => {
            let mut out = TokenStream::new();
            for (i, p) in parts.iter().enumerate() {
                if i > 0 {
                    out.extend(op.clone());
                }
                if bool_operand_needs_parens(p) {
                    out.extend(quote!((#p)));
                } else {
                    out.extend(p.clone());
                }
            }
            out
        }
    }
}

/// A top-level `&&`, `||` or `..`: operators that bind more loosely than a comparison.
fn has_loose_operator(tokens: &[proc_macro2::TokenTree]) -> bool {
    use proc_macro2::{Spacing, TokenTree};
    tokens.windows(2).any(|w| match (&w[0], &w[1]) {
        (TokenTree::Punct(a), TokenTree::Punct(b)) => {
            a.spacing() == Spacing::Joint
                && a.as_char() == b.as_char()
                && matches!(a.as_char(), '&' | '|' | '.')
        }
        _ => false,
    })
}

/// Whether `p` must be parenthesised as an operand of `&&`/`||`: it has a boolean operator,
/// a range, a closure or a keyword expression at its top level, or is a block. Comparisons
/// and calls bind tighter than `&&`.
fn bool_operand_needs_parens(p: &TokenStream) -> bool {
    use proc_macro2::{Delimiter, TokenTree};
    let tokens: Vec<TokenTree> = p.clone().into_iter().collect();
    if tokens.is_empty() {
        return true;
    }
    has_loose_operator(&tokens)
        || tokens.iter().any(|t| match t {
            // `||` or a closure's `|x|`.
            TokenTree::Punct(q) => q.as_char() == '|',
            TokenTree::Ident(i) => [
                "if", "match", "let", "return", "break", "move", "loop", "while", "for", "unsafe",
            ]
            .iter()
            .any(|k| i == k),
            _ => false,
        })
        || matches!(&tokens[0], TokenTree::Group(g) if g.delimiter() == Delimiter::Brace)
}

/// The typing rules' view of the names in the function being lowered.
struct LocalNames<'l, 'a> {
    lowerer: &'l Lowerer<'a>,
    ctx: &'l Ctx,
}

impl types::Names for LocalNames<'_, '_> {
    fn local(&self, name: &str) -> Option<Ty> {
        self.lowerer.local_type(name, self.ctx)
    }
    fn builtin(&self, name: &str) -> bool {
        !self.lowerer.is_rust_local(name, self.ctx) && self.lowerer.module_builtin(name)
    }
    fn function(&self, name: &str) -> Option<Ty> {
        if self.lowerer.is_rust_local(name, self.ctx) {
            return None;
        }
        self.lowerer.module_function_type(name)
    }
}

fn rust_type(ty: Ty) -> TokenStream {
    match ty {
        Ty::Bool => quote!(bool),
        Ty::Int => quote!(i64),
        Ty::Float => quote!(f64),
        Ty::Str => quote!(String),
    }
}

/// A typed local's value where a `Py` is expected.
fn typed_to_py(v: TokenStream, ty: Ty) -> TokenStream {
    match ty {
        Ty::Bool => quote!(Py::Bool(#v)),
        Ty::Int => quote!(Py::Int(#v)),
        Ty::Float => quote!(Py::Float(#v)),
        Ty::Str => quote!(Py::str(&#v)),
    }
}

/// Parenthesise an expression used as an operand when it is not a single term.
fn paren_operand(v: TokenStream) -> TokenStream {
    let compound = v.clone().into_iter().any(|t| match t {
        proc_macro2::TokenTree::Punct(p) => "+-*/<>=!&|".contains(p.as_char()),
        proc_macro2::TokenTree::Ident(i) => i == "as" || i == "if" || i == "match",
        _ => false,
    });
    if compound {
        quote!((#v))
    } else {
        v
    }
}

/// Names called in a statement (`f(...)`) and methods called on anything (`x.f(...)`),
/// nested function bodies included.
fn called_names(s: &Stmt, out: &mut HashSet<String>) {
    fn expr(e: &Expr, out: &mut HashSet<String>) {
        if let Expr::Call(c) = e {
            match c.func.as_ref() {
                Expr::Name(n) => {
                    out.insert(n.id.to_string());
                }
                Expr::Attribute(a) => {
                    out.insert(a.attr.to_string());
                }
                _ => {}
            }
        }
        if let Expr::Lambda(l) = e {
            expr(&l.body, out);
        }
        scope::walk_children(e, &mut |c| expr(c, out));
    }
    let mut stmts = Vec::new();
    stmt_parts(s, &mut stmts, &mut |e| expr(e, out));
    for s in stmts {
        called_names(s, out);
    }
}

/// A `try` with `finally` (or a `with`, which becomes one): a `return` inside leaves through
/// a `py::Flow`, which carries a `Py`.
fn has_finally(body: &[Stmt]) -> bool {
    body.iter().any(|s| {
        let mut stmts = Vec::new();
        stmt_parts(s, &mut stmts, &mut |_| {});
        match s {
            Stmt::FunctionDef(_) | Stmt::ClassDef(_) => false,
            Stmt::Try(t) if !t.finalbody.is_empty() => true,
            Stmt::With(_) => true,
            _ => stmts.iter().any(|s| has_finally(std::slice::from_ref(*s))),
        }
    })
}

fn binop_method(op: &ast::Operator, inplace: bool) -> Ident {
    use ast::Operator::*;
    let name = match op {
        Add if inplace => "iadd",
        Add => "add",
        Sub => "sub",
        Mult => "mul",
        MatMult => "matmul",
        Div => "truediv",
        Mod => "rem",
        Pow => "pow",
        LShift => "lshift",
        RShift => "rshift",
        BitOr => "bitor",
        BitXor => "bitxor",
        BitAnd => "bitand",
        FloorDiv => "floordiv",
    };
    format_ident!("{}", name)
}

/// A default Python evaluates once at `def` time that gives the same value when the
/// generated code evaluates it at each call: literals, and names of module values (a
/// module constant is the same object either way).
fn is_immutable_literal(e: &Expr) -> bool {
    match e {
        Expr::Constant(_) | Expr::Name(_) => true,
        Expr::Attribute(a) => matches!(a.value.as_ref(), Expr::Name(_)),
        Expr::Tuple(t) => t.elts.iter().all(is_immutable_literal),
        Expr::UnaryOp(u) => is_immutable_literal(&u.operand),
        _ => false,
    }
}

fn is_main_guard(test: &Expr) -> bool {
    matches!(test, Expr::Compare(c) if matches!(c.left.as_ref(), Expr::Name(n) if n.id.as_str() == "__name__"))
}

fn contains_yield(body: &[Stmt]) -> bool {
    fn expr_yields(e: &Expr) -> bool {
        let mut found = matches!(e, Expr::Yield(_) | Expr::YieldFrom(_));
        if !found && !matches!(e, Expr::Lambda(_)) {
            scope::walk_children(e, &mut |c| found |= expr_yields(c));
        }
        found
    }
    body.iter().any(|s| match s {
        Stmt::Expr(e) => expr_yields(&e.value),
        Stmt::Assign(a) => expr_yields(&a.value),
        Stmt::If(i) => contains_yield(&i.body) || contains_yield(&i.orelse),
        Stmt::For(f) => contains_yield(&f.body) || contains_yield(&f.orelse),
        Stmt::While(w) => contains_yield(&w.body) || contains_yield(&w.orelse),
        Stmt::Try(t) => try_blocks(t).any(contains_yield),
        _ => false,
    })
}

/// A `try … finally` (or a `with`, which becomes one) whose protected part yields: when
/// the consumer stops early, CPython closes the generator and runs the cleanup; the
/// converted generator is just dropped.
fn yield_under_finally(body: &[Stmt]) -> Option<&Stmt> {
    body.iter().find_map(|s| match s {
        Stmt::Try(t)
            if !t.finalbody.is_empty()
                && (contains_yield(&t.body)
                    || contains_yield(&t.orelse)
                    || t.handlers.iter().any(|h| {
                        let ast::ExceptHandler::ExceptHandler(h) = h;
                        contains_yield(&h.body)
                    })) =>
        {
            Some(s)
        }
        Stmt::Try(t) => try_blocks(t).find_map(yield_under_finally),
        Stmt::If(i) => yield_under_finally(&i.body).or_else(|| yield_under_finally(&i.orelse)),
        Stmt::For(f) => yield_under_finally(&f.body).or_else(|| yield_under_finally(&f.orelse)),
        Stmt::While(w) => yield_under_finally(&w.body).or_else(|| yield_under_finally(&w.orelse)),
        _ => None,
    })
}

/// Whether a `break`/`continue` of this loop sits inside a `try` (a labelled block in Rust).
fn exits_inside_try(body: &[Stmt]) -> bool {
    fn has_exit(body: &[Stmt]) -> bool {
        body.iter().any(|s| match s {
            Stmt::Break(_) | Stmt::Continue(_) => true,
            Stmt::If(i) => has_exit(&i.body) || has_exit(&i.orelse),
            Stmt::Try(t) => try_blocks(t).any(has_exit),
            _ => false, // nested loops own their break/continue
        })
    }
    body.iter().any(|s| match s {
        Stmt::Try(t) => has_exit(std::slice::from_ref(s)) && !t.body.is_empty(),
        Stmt::If(i) => exits_inside_try(&i.body) || exits_inside_try(&i.orelse),
        _ => false,
    })
}

fn stmt_kind(s: &Stmt) -> &'static str {
    match s {
        Stmt::With(_) | Stmt::AsyncWith(_) => "with",
        Stmt::Match(_) => "match",
        Stmt::AsyncFor(_) => "async for",
        Stmt::TypeAlias(_) => "type alias",
        Stmt::TryStar(_) => "try/except*",
        _ => "statement",
    }
}

/// Whether `name` is read anywhere in a statement (conservative: any mention).
fn stmt_reads(s: &Stmt, name: &str) -> bool {
    let text = format!("{s:?}");
    text.contains(&format!("id: Identifier(\"{name}\")"))
}

fn stmt_reraises(s: &Stmt) -> bool {
    let text = format!("{s:?}");
    text.contains("Raise(StmtRaise") && text.contains("exc: None")
}

/// Method names the runtime implements on some builtin type or object. A method outside
/// this list cannot work at run time, so it is a conversion error instead.
fn is_known_method(name: &str) -> bool {
    const METHODS: &[&str] = &[
        // collections.deque
        "appendleft",
        "extendleft",
        "popleft",
        "rotate",
        // str
        "split",
        "rsplit",
        "strip",
        "lstrip",
        "rstrip",
        "lower",
        "upper",
        "title",
        "capitalize",
        "casefold",
        "swapcase",
        "startswith",
        "endswith",
        "find",
        "rfind",
        "index",
        "rindex",
        "count",
        "join",
        "replace",
        "format",
        "encode",
        "isdigit",
        "isalpha",
        "isalnum",
        "isspace",
        "isupper",
        "islower",
        "isnumeric",
        "isdecimal",
        "istitle",
        "zfill",
        "center",
        "ljust",
        "rjust",
        "partition",
        "rpartition",
        "splitlines",
        "removeprefix",
        "removesuffix",
        "decode",
        "hex",
        // list / dict / set
        "append",
        "extend",
        "insert",
        "pop",
        "remove",
        "sort",
        "reverse",
        "copy",
        "clear",
        "get",
        "setdefault",
        "items",
        "keys",
        "values",
        "popitem",
        "update",
        "fromkeys",
        "add",
        "discard",
        "union",
        "intersection",
        "difference",
        "symmetric_difference",
        "issubset",
        "issuperset",
        "isdisjoint",
        "bit_length",
        "bit_count",
        "is_integer",
        // logging
        "info",
        "debug",
        "warning",
        "warn",
        "error",
        "exception",
        "critical",
        "setLevel",
        "getEffectiveLevel",
        "isEnabledFor",
        // datetime
        "strftime",
        "strptime",
        "isoformat",
        "fromisoformat",
        "fromtimestamp",
        "utcfromtimestamp",
        "now",
        "utcnow",
        "today",
        "date",
        "time",
        "timestamp",
        "weekday",
        "isoweekday",
        "total_seconds",
        "astimezone",
        // Lambda context
        "get_remaining_time_in_millis",
        // re: patterns and match objects
        "match",
        "search",
        "fullmatch",
        "findall",
        "finditer",
        "sub",
        "subn",
        "group",
        "groups",
        "groupdict",
        "start",
        "end",
        "span",
        "expand",
        // collections
        "most_common",
        "elements",
        "subtract",
        "total",
        "move_to_end",
        "_asdict",
        "_replace",
        // hashlib / hmac / uuid / decimal
        "hexdigest",
        "digest",
        "quantize",
        "to_integral_value",
        "normalize",
        "is_nan",
        "is_signed",
        "is_zero",
        "as_tuple",
        "adjust",
        "sqrt",
        "compare",
        "adjusted",
        "to_integral",
        "is_infinite",
        "is_finite",
        "copy_abs",
        "copy_negate",
        "as_integer_ratio",
        "from_float",
        // found in pyrt by the `known_methods_cover_the_runtime` test
        "_make",
        "addFilter",
        "addHandler",
        "conjugate",
        "ctime",
        "difference_update",
        "dst",
        "expandtabs",
        "fatal",
        "format_map",
        "fromutc",
        "getChild",
        "hasHandlers",
        "intersection_update",
        "is_normal",
        "is_qnan",
        "is_snan",
        "isascii",
        "isidentifier",
        "isocalendar",
        "isprintable",
        "log",
        "removeFilter",
        "removeHandler",
        "symmetric_difference_update",
        "timetuple",
        "timetz",
        "to_bytes",
        "toordinal",
        "tzname",
        "utcoffset",
        "utctimetuple",
        "combine",
        "from_bytes",
        "fromhex",
        "fromordinal",
        "translate",
        "maketrans",
        "geturl",
        // io.StringIO / csv
        "write",
        "writelines",
        "getvalue",
        "read",
        "readline",
        "readlines",
        "seek",
        "tell",
        "truncate",
        "close",
        "readable",
        "writable",
        "seekable",
        "flush",
        "isatty",
        "writerow",
        "writerows",
        "writeheader",
    ];
    METHODS.contains(&name)
}

#[cfg(test)]
mod known_methods {
    /// Every method name the runtime dispatches on (`"name" =>` arms of `call_method`-like
    /// functions and the `*_METHODS` tables in `pyrt/src`) is known to the converter, so
    /// nothing pyrt implements is refused at conversion.
    #[test]
    fn known_methods_cover_the_runtime() {
        // Literals in those arms that are argument values, not methods.
        const NOT_METHODS: &[&str] = &[
            "big",
            "little",
            "AttributeError",
            "LookupError",
            "bytes",
            "dict",
            "int",
            "str",
        ];
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../pyrt/src");
        let mut missing = std::collections::BTreeSet::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            let mut in_dispatch = false;
            let mut in_table = false;
            for line in text.lines() {
                let trimmed = line.trim_start();
                if trimmed.starts_with("fn ")
                    || trimmed.starts_with("pub fn ")
                    || trimmed.starts_with("pub(crate) fn ")
                {
                    let name = trimmed
                        .split("fn ")
                        .nth(1)
                        .unwrap_or("")
                        .split('(')
                        .next()
                        .unwrap_or("");
                    in_dispatch = name == "call_method"
                        || name.ends_with("_method")
                        || name.ends_with("_methods");
                }
                if trimmed.starts_with("const ") && trimmed.contains("_METHODS: &[&str]") {
                    in_table = true;
                }
                let names_part = if in_table {
                    line
                } else if in_dispatch && line.contains("=>") {
                    line.split("=>").next().unwrap_or("")
                } else {
                    ""
                };
                for (i, piece) in names_part.split('"').enumerate() {
                    let is_ident = !piece.is_empty()
                        && piece
                            .chars()
                            .next()
                            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                        && piece.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
                    if i % 2 == 1
                        && is_ident
                        && !piece.starts_with("__")
                        && !NOT_METHODS.contains(&piece)
                        && !super::is_known_method(piece)
                    {
                        missing.insert(piece.to_string());
                    }
                }
                if in_table && line.contains("];") {
                    in_table = false;
                }
            }
        }
        assert!(
            missing.is_empty(),
            "pyrt implements methods the converter refuses: {missing:?}"
        );
    }
}

#[cfg(test)]
mod token_rewrites {
    use super::*;

    fn ts(s: &str) -> TokenStream {
        s.parse().unwrap()
    }

    fn text(t: TokenStream) -> String {
        t.to_string()
    }

    #[test]
    fn negate_drops_double_negation_and_flips_only_equality() {
        assert_eq!(
            text(negate(&ts("! x . contains (& k) ?"))),
            text(ts("x . contains (& k) ?"))
        );
        assert_eq!(text(negate(&ts("! (a && b)"))), text(ts("a && b")));
        assert_eq!(text(negate(&ts("a == b"))), text(ts("a != b")));
        assert_eq!(text(negate(&ts("a != b + 1"))), text(ts("a == b + 1")));
        // Orderings stay negations (NaN), and so does anything with `&&` around `==`.
        assert_eq!(text(negate(&ts("a < b"))), text(ts("! (a < b)")));
        assert_eq!(
            text(negate(&ts("a == 1 && b == 2"))),
            text(ts("! (a == 1 && b == 2)"))
        );
        // A call chain needs no parentheses under `!`.
        assert_eq!(
            text(negate(&ts("x . py_eq (& y)"))),
            text(ts("! x . py_eq (& y)"))
        );
    }

    #[test]
    fn postfix_chains_are_recognised_conservatively() {
        let chain = |s: &str| is_postfix_chain(&ts(s).into_iter().collect::<Vec<_>>());
        assert!(chain("x"));
        assert!(chain("py :: json :: loads (a) ?"));
        assert!(chain("(a + b) . h ()"));
        assert!(chain("x . unpack_n :: < 2 > () ?"));
        assert!(chain("\"abc\" . len ()"));
        assert!(!chain("a < b"));
        assert!(!chain("- x"));
        assert!(!chain("1 . max (2)"));
        assert!(!chain("{ x } . m ()"));
        assert!(!chain("if c { a } else { b }"));
        assert!(!chain("x as f64"));
    }

    #[test]
    fn a_trailing_break_to_the_block_becomes_its_value() {
        let label = ts("'try1");
        let body = ts("f () ? ; break 'try1 Err (e) ;");
        assert_eq!(
            text(tail_break(&body, &label).unwrap()),
            text(ts("f () ? ; Err (e)"))
        );
        assert!(tail_break(&ts("break 'try2 Err (e) ;"), &label).is_none());
        assert!(tail_break(&ts("if c { break 'try1 Err (e) ; }"), &label).is_none());
    }

    #[test]
    fn plain_lets_bind_in_the_unpacking_pattern() {
        let part = format_ident!("part1");
        assert_eq!(
            text(let_binding(&ts("let a = part1 ;"), &part).unwrap()),
            "a"
        );
        assert_eq!(
            text(let_binding(&ts("let mut a = part1 ;"), &part).unwrap()),
            "mut a"
        );
        assert!(let_binding(&ts("let a : String = part1 ;"), &part).is_none());
        assert!(let_binding(&ts("a = part1 ;"), &part).is_none());
        assert!(let_binding(&ts("let a = part2 ;"), &part).is_none());
    }

    #[test]
    fn boolean_operands_get_parentheses_only_when_needed() {
        assert_eq!(
            text(join_bools(&[ts("a == 1"), ts("b . f () ?")], quote!(&&))),
            text(ts("a == 1 && b . f () ?"))
        );
        assert_eq!(
            text(join_bools(&[ts("a || b"), ts("c")], quote!(&&))),
            text(ts("(a || b) && c"))
        );
        assert_eq!(
            text(join_bools(&[ts("a && b"), ts("c")], quote!(||))),
            text(ts("(a && b) || c"))
        );
    }
}
