//! The Rust IR: what lowering produces and emission prints. Items are already Rust
//! (token streams over `pyrt`); the IR keeps the module's shape (globals, exception
//! classes, functions with their Python origin, the module body) so emission can lay the
//! file out, document it and point back at the Python.

use proc_macro2::TokenStream;

#[derive(Default)]
pub struct RustModule {
    /// The Python handler function's name.
    pub handler: String,
    /// The handler is a generator: its yields are a streamed response.
    pub streaming: bool,
    pub exceptions: Vec<ExceptionClass>,
    pub globals: Vec<GlobalVar>,
    pub functions: Vec<Function>,
    /// `static ClassInfo` items of user classes.
    pub classes: Vec<TokenStream>,
    /// The module body (imports aside): runs once per cold start.
    pub init: TokenStream,
    /// The structs of the event views the handler reads (`views`), with their methods,
    /// as formatted Rust.
    pub views: String,
}

pub struct ExceptionClass {
    pub rust_name: String,
    /// Class first, up to BaseException.
    pub mro: Vec<String>,
    /// The `ClassInfo` static of the class body, when it defines more than `__init__`.
    pub body: Option<String>,
}

pub struct GlobalVar {
    pub python_name: String,
    pub rust_name: String,
}

pub struct Function {
    pub python_name: String,
    /// Line of the `def` in the Python source.
    pub line: u32,
    pub tokens: TokenStream,
}
