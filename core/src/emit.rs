//! Emission: the Rust IR → `src/main.rs`, laid out and formatted by prettyplease.

use quote::{format_ident, quote};

use crate::ir::RustModule;

/// What the emitted file says about where it came from.
pub struct Header<'a> {
    pub source_file: &'a str,
    pub event_source: &'a str,
    pub rust_type: &'a str,
    pub cold_start_optimize: bool,
    /// The `aws_lambda_events` type the sample event (`events/sample.json`) must parse as;
    /// `None` when the source has no typed event (a plain-dict handler).
    pub typed_event: Option<&'a str>,
    /// The Python source mentions no `__dpy_` name or text, so the macro placeholders
    /// (`macro_call`) can be turned back into macros in the formatted text.
    pub placeholders_are_unique: bool,
}

/// Macro calls (`format!`, `py::attempt!`) are lowered as calls of placeholder functions
/// (`__dpy_format(…)`, `__dpy_attempt(…, __dpy_label_try1)`): prettyplease lays out a
/// function call's arguments but prints a macro's as one long line. The formatted text gets
/// the macros back (`restore_macros`).
pub fn macro_call(name: &str) -> proc_macro2::Ident {
    format_ident!("__dpy_{}", name)
}

/// The placeholder of a block label (`'try1` → `__dpy_label_try1`).
pub fn label_placeholder(label: &proc_macro2::TokenStream) -> proc_macro2::Ident {
    format_ident!(
        "__dpy_label_{}",
        label.to_string().trim_start_matches('\'').trim()
    )
}

const MACROS: [(&str, &str); 2] = [
    ("__dpy_format(", "format!("),
    ("__dpy_attempt(", "py::attempt!("),
];

/// The macros back in formatted text (every `__dpy_` in it is a placeholder).
fn restore_macros(text: &str) -> String {
    let mut out = text.to_string();
    for (placeholder, mac) in MACROS {
        out = out.replace(placeholder, mac);
    }
    out.replace("__dpy_label_", "'")
}

/// The macros back in tokens, before formatting: for a source that mentions `__dpy_`
/// itself, where the text cannot tell placeholders from the Python's own names.
fn restore_macro_tokens(tokens: proc_macro2::TokenStream) -> proc_macro2::TokenStream {
    use proc_macro2::{Group, Punct, Spacing, TokenTree};
    let mut out = Vec::new();
    for tree in tokens {
        match tree {
            TokenTree::Ident(id) => {
                let name = id.to_string();
                if let Some(label) = name.strip_prefix("__dpy_label_") {
                    out.push(TokenTree::Punct(Punct::new('\'', Spacing::Joint)));
                    out.push(TokenTree::Ident(proc_macro2::Ident::new(label, id.span())));
                } else if let Some((_, mac)) = MACROS
                    .iter()
                    .find(|(p, _)| p.strip_suffix('(') == Some(name.as_str()))
                {
                    let path: proc_macro2::TokenStream =
                        mac.trim_end_matches('(').parse().expect("a macro path");
                    out.extend(path);
                } else {
                    out.push(TokenTree::Ident(id));
                }
            }
            TokenTree::Group(g) => {
                let mut inner = Group::new(g.delimiter(), restore_macro_tokens(g.stream()));
                inner.set_span(g.span());
                out.push(TokenTree::Group(inner));
            }
            other => out.push(other),
        }
    }
    out.into_iter().collect()
}

pub fn main_rs(module: &mut RustModule, header: &Header) -> Result<String, String> {
    let exceptions = module.exceptions.iter().map(|e| {
        let id = format_ident!("{}", e.rust_name);
        let mro = &e.mro;
        let body = match &e.body {
            Some(b) => {
                let b = format_ident!("{}", b);
                quote!(Some(&#b))
            }
            None => quote!(None),
        };
        quote!(static #id: py::ExcClass = py::ExcClass { mro: &[#(#mro),*], body: #body };)
    });
    // prettyplease leaves macro bodies alone, so the thread_local! block is laid out here.
    let mut thread_locals = String::from(
        "thread_local! {\n    // Module-level Python variables (set by `init_module`).\n",
    );
    for g in &module.globals {
        thread_locals.push_str(&format!(
            "    static {}: py::Global = const {{ py::Global::new({:?}) }};\n",
            g.rust_name, g.python_name
        ));
    }
    thread_locals.push_str("    /// An exception the module body raised at cold start, reported on every invocation.\n    static INIT_ERROR: std::cell::RefCell<Option<(String, String)>> = const { std::cell::RefCell::new(None) };\n}\n");
    // The token streams move into the file (quoting a reference would copy them all).
    let functions: Vec<proc_macro2::TokenStream> = module
        .functions
        .iter_mut()
        .map(|f| std::mem::take(&mut f.tokens))
        .collect();
    let classes = std::mem::take(&mut module.classes);
    let init = std::mem::take(&mut module.init);
    let handler = format_ident!("{}", module.handler);
    // No mimalloc (the spec's section 4 suggests it): measured by `scripts/bench`, its
    // start-up arena is ~6 MiB of a 9 MiB peak RSS and ~1.5 ms of init, for ~0.1 ms per warm
    // call; the system allocator is the better cold-start choice.
    let allocator = quote!();
    let stream_import = if module.streaming {
        quote!(
            use lambda_runtime::StreamResponse;
        )
    } else {
        quote!()
    };
    let body = quote! {
        /// Python semantics (values, operators, the standard library the handler uses).
        /// A library: not every handler calls every helper in the modules it includes.
        #[allow(dead_code, unused_imports)]
        mod py;

        use lambda_runtime::{service_fn, Diagnostic, LambdaEvent};
        #stream_import
        use py::{Py, PyErr, PyResult};
        use serde_json::value::RawValue;

        #allocator

        #(#exceptions)*

        #(#classes)*

        const EVENT_VIEWS: () = ();

        const THREAD_LOCALS: () = ();

        /// The Python module body: runs once, at cold start.
        fn init_module() -> PyResult<()> {
            #init
            Ok(())
        }
    };
    // Moved in rather than quoted: `quote!` would copy every function's tokens.
    let mut body = body;
    body.extend(functions);
    if !header.placeholders_are_unique {
        body = restore_macro_tokens(body);
    }
    let file: syn::File = syn::parse2(body)
        .map_err(|e| format!("internal error: generated Rust does not parse: {e}"))?;
    let mut text = prettyplease::unparse(&file);
    if header.placeholders_are_unique {
        text = restore_macros(&text);
    }
    text = text.replacen("const THREAD_LOCALS: () = ();\n", &thread_locals, 1);
    text = text.replacen("const EVENT_VIEWS: () = ();\n", &module.views, 1);
    text.push_str(
        &entry_point(module.streaming).replace(HANDLER_PLACEHOLDER, &handler.to_string()),
    );
    // Names only generated code uses stay imported only when used (no unused-import warnings).
    if !text.contains("PyErr::") && !text.contains("PyErr ") {
        text = text.replacen(
            "use py::{Py, PyErr, PyResult};",
            "use py::{Py, PyResult};",
            1,
        );
    }
    let doc = format!(
        "//! Generated by Depyler Lambda {} from `{}`.\n//!\n//! Event source: {} (`{}`). The handler keeps the Python's logic and names;\n//! the parts of the event it navigates are typed views (`py::event`), the values it\n//! computes are Rust scalars where their type is certain and `py::Py` elsewhere (see\n//! `src/py/`), so it returns exactly what the Python returns and raises the same\n//! exceptions (as Lambda errors with the same `errorType`/`errorMessage`).\n\n",
        crate::VERSION,
        header.source_file,
        header.event_source,
        header.rust_type
    );
    let tests = match header.typed_event {
        Some(ty) => sample_test(ty, &handler.to_string(), module.streaming),
        None => String::new(),
    };
    Ok(doc + &space_items(&add_line_comments(&text, module)) + &tests)
}

/// Stands for the handler's name in the cached entry point text.
const HANDLER_PLACEHOLDER: &str = "__depyler_handler__";

/// `function_handler` and `main`, formatted. They are the same for every handler but its
/// name, so they are parsed and laid out once per process (parsing and formatting are most of
/// `convert`'s time).
fn entry_point(streaming: bool) -> &'static str {
    static BUFFERED: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    static STREAMING: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let cell = if streaming { &STREAMING } else { &BUFFERED };
    cell.get_or_init(|| {
        let handler = format_ident!("{}", HANDLER_PLACEHOLDER);
        let handler_fn = if streaming { streaming_handler(&handler) } else { buffered_handler(&handler) };
        let tokens = quote! {
            #handler_fn

            #[tokio::main(flavor = "current_thread")]
            async fn main() -> Result<(), lambda_runtime::Error> {
                if let Err(err) = init_module() {
                    INIT_ERROR.with(|e| *e.borrow_mut() = Some((err.error_type().to_string(), err.message())));
                }
                lambda_runtime::run(service_fn(function_handler)).await
            }
        };
        let file: syn::File = syn::parse2(tokens).expect("the entry point template parses");
        prettyplease::unparse(&file)
    })
}

/// The spec's local test (12.1): the sample event is a valid typed event, and the handler
/// answers it as Lambda would — a JSON result or a Python exception, never a panic.
fn sample_test(typed_event: &str, handler: &str, streaming: bool) -> String {
    let call = if streaming {
        format!("{handler}(event, context, &mut Vec::new())")
    } else {
        format!("py::convert::lambda_result({handler}(event, context))")
    };
    // A generic parameter names a payload type the project does not define; the test only
    // checks the envelope.
    let ty = match typed_event.split_once('<') {
        Some((base, _)) => format!("{base}<serde_json::Value>"),
        None => typed_event.to_string(),
    };
    format!(
        r#"
#[cfg(test)]
mod tests {{
    use super::*;

    const SAMPLE: &str = include_str!("../events/sample.json");

    #[test]
    fn sample_event_is_the_typed_event() {{
        serde_json::from_str::<{ty}>(SAMPLE).expect("events/sample.json parses as the event type");
    }}

    #[test]
    fn handler_answers_the_sample_event() {{
        init_module().expect("the module body runs");
        let deadline = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as u64 + 30_000)
            .unwrap_or(u64::MAX);
        let context = py::context::LambdaContext::from_env(
            "test-request".to_string(),
            "arn:aws:lambda:us-east-1:123456789012:function:test".to_string(),
            deadline,
        )
        .into_py();
        let event = py::event::from_json(SAMPLE).expect("sample JSON");
        let answer = {call};
        check(answer);
    }}

    fn check<T: std::fmt::Debug, E: std::fmt::Debug>(answer: Result<T, E>) {{
        // A result, or a Python exception: both are valid Lambda answers; a panic is not.
        match answer {{
            Ok(response) => assert!(!format!("{{response:?}}").is_empty()),
            Err(error) => assert!(!format!("{{error:?}}").contains("Runtime.MarshalError"), "{{error:?}}"),
        }}
    }}
}}
"#
    )
}

/// A blank line between top-level items, as rustfmt'd code has.
fn space_items(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 1024);
    let mut prev = "";
    for line in text.lines() {
        let starts_item = [
            "fn ",
            "async fn ",
            "struct ",
            "impl ",
            "static ",
            "thread_local!",
            "mod ",
            "#[",
            "///",
            "use ",
        ]
        .iter()
        .any(|p| line.starts_with(p));
        let prev_is_prefix = prev.starts_with("#[") || prev.starts_with("///") || prev.is_empty();
        let both_use = line.starts_with("use ") && prev.starts_with("use ");
        if starts_item && !prev_is_prefix && !both_use {
            out.push('\n');
        }
        out.push_str(line);
        out.push('\n');
        prev = line;
    }
    out
}

/// Point each generated function back at its Python definition.
fn add_line_comments(text: &str, module: &RustModule) -> String {
    let mut out = String::with_capacity(text.len() + 64 * module.functions.len());
    for line in text.lines() {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix("fn ") {
            let name = rest
                .split('(')
                .next()
                .unwrap_or("")
                .trim_start_matches("r#");
            if let Some(f) = module.functions.iter().find(|f| f.python_name == name) {
                out.push_str(&format!(
                    "/// `def {}` (Python line {}).\n",
                    f.python_name, f.line
                ));
            }
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// What every invocation does before calling the Python handler: split the event, tag log
/// lines with the request id, report a failed module body, build the Python context.
/// Binds `payload` and `context` (a `Py`).
fn invocation_prelude() -> proc_macro2::TokenStream {
    quote! {
        let (payload, context) = event.into_parts();
            py::logging::set_request_id(&context.request_id);
            if let Some((error_type, error_message)) = INIT_ERROR.with(|e| e.borrow().clone()) {
                return Err(Diagnostic { error_type, error_message });
            }
            let context = py::context::LambdaContext::from_env(
                context.request_id,
                context.invoked_function_arn,
                context.deadline,
            )
            .into_py();
    }
}

/// The Lambda entry point: the Python handler's return value is the JSON response.
fn buffered_handler(handler: &proc_macro2::Ident) -> proc_macro2::TokenStream {
    let prelude = invocation_prelude();
    quote! {
    // The event and the response as JSON text, read and written by `py::json` as CPython's
    // `json` module does (big integers keep every digit).
    async fn function_handler(event: LambdaEvent<Box<RawValue>>) -> Result<Box<RawValue>, Diagnostic> {
        #prelude
        let event = py::event::from_json(payload.get()).map_err(|err| Diagnostic { error_type: err.error_type().to_string(), error_message: err.message() })?;
        py::convert::lambda_result(#handler(event, context))
            .map_err(|(error_type, error_message)| Diagnostic { error_type, error_message })
    }

        }
}

/// The spec's streaming template (5.2): a generator handler's yields are the response
/// body, streamed in order. (CPython's Lambda runtime cannot stream a generator; this is
/// what the handler means on a runtime that can.)
fn streaming_handler(handler: &proc_macro2::Ident) -> proc_macro2::TokenStream {
    let prelude = invocation_prelude();
    quote! {
        type Chunks = futures::stream::Iter<std::vec::IntoIter<Result<bytes::Bytes, std::convert::Infallible>>>;

        /// One yielded value as bytes of the stream: `str` as UTF-8, `bytes` as is.
        fn chunk_bytes(chunk: &Py) -> Result<bytes::Bytes, Diagnostic> {
            match chunk {
                Py::Str(s) => Ok(bytes::Bytes::from(s.to_string())),
                Py::Bytes(b) => Ok(bytes::Bytes::from(b.to_vec())),
                other => Err(Diagnostic {
                    error_type: "TypeError".to_string(),
                    error_message: format!("a streamed chunk must be str or bytes, not {}", other.type_name()),
                }),
            }
        }

        async fn function_handler(event: LambdaEvent<Box<RawValue>>) -> Result<StreamResponse<Chunks>, Diagnostic> {
            #prelude
            let event = py::event::from_json(payload.get()).map_err(|err| Diagnostic { error_type: err.error_type().to_string(), error_message: err.message() })?;
            let mut chunks = Vec::new();
            if let Err(err) = #handler(event, context, &mut chunks) {
                return Err(Diagnostic { error_type: err.error_type().to_string(), error_message: err.message() });
            }
            let body = chunks.iter().map(|c| chunk_bytes(c).map(Ok)).collect::<Result<Vec<_>, _>>()?;
            Ok(StreamResponse::from(futures::stream::iter(body)))
        }
    }
}
