//! Front end: Python source → rustpython AST plus a line index for diagnostics.
//!
//! Every later stage works on byte offsets (`TextRange`); this module owns the one
//! place where offsets become the 1-based line/column pairs people read.

use rustpython_parser::ast::{self, Stmt};
use rustpython_parser::text_size::TextSize;
use rustpython_parser::Parse;

use crate::diagnostics::Diagnostic;

/// Bracket nesting beyond this is rejected before parsing: the LALR parser and every
/// recursive walker after it use the native stack, and real handlers never come close.
const MAX_NESTING: usize = 100;

/// A successfully parsed module, kept whole so conversion does not parse again.
#[derive(Debug, Clone)]
pub struct ParsedModule {
    pub source: String,
    pub suite: Vec<Stmt>,
    /// Byte offset of the start of every line; `line_starts[0] == 0`.
    line_starts: Vec<u32>,
}

impl ParsedModule {
    /// The same source with a rewritten suite (see `desugar`).
    pub fn with_suite(&self, suite: Vec<Stmt>) -> ParsedModule {
        ParsedModule {
            source: self.source.clone(),
            suite,
            line_starts: self.line_starts.clone(),
        }
    }

    /// 1-based line and 1-based column (in characters, not bytes) of a byte offset.
    /// Offsets past the end clamp to the end instead of panicking.
    pub fn line_col(&self, offset: TextSize) -> (u32, u32) {
        line_col_in(&self.source, &self.line_starts, u32::from(offset))
    }

    /// 1-based line of a byte offset.
    pub fn line(&self, offset: TextSize) -> u32 {
        self.line_col(offset).0
    }

    /// Top-level `def`/`async def` statements, in source order.
    pub fn functions(&self) -> impl Iterator<Item = FunctionRef<'_>> {
        self.suite.iter().filter_map(FunctionRef::from_stmt)
    }

    /// The top-level function called `name`, if any (the last one wins, as in Python).
    pub fn function(&self, name: &str) -> Option<FunctionRef<'_>> {
        self.functions().filter(|f| f.name == name).last()
    }
}

/// A borrowed view that makes sync and async functions look alike.
#[derive(Debug, Clone, Copy)]
pub struct FunctionRef<'a> {
    pub name: &'a str,
    pub args: &'a ast::Arguments,
    pub body: &'a [Stmt],
    pub decorators: &'a [ast::Expr],
    /// Start of the whole statement (decorators included).
    pub start: TextSize,
}

impl<'a> FunctionRef<'a> {
    pub fn from_stmt(stmt: &'a Stmt) -> Option<Self> {
        match stmt {
            Stmt::FunctionDef(f) => Some(Self {
                name: f.name.as_str(),
                args: &f.args,
                body: &f.body,
                decorators: &f.decorator_list,
                start: f.range.start(),
            }),
            Stmt::AsyncFunctionDef(f) => Some(Self {
                name: f.name.as_str(),
                args: &f.args,
                body: &f.body,
                decorators: &f.decorator_list,
                start: f.range.start(),
            }),
            _ => None,
        }
    }

    /// Names of the positional parameters (positional-only first), in order.
    pub fn positional_params(&self) -> Vec<&'a str> {
        self.args
            .posonlyargs
            .iter()
            .chain(self.args.args.iter())
            .map(|a| a.def.arg.as_str())
            .collect()
    }

    /// 1-based line of the `def` keyword itself: decorators are part of the statement
    /// range, but people expect the handler's line to be the `def` line.
    pub fn def_line(&self, module: &ParsedModule) -> u32 {
        let (first, _) = module.line_col(self.start);
        let start = u32::from(self.start) as usize;
        let tail = module.source.get(start..).unwrap_or("");
        for (i, line) in tail.lines().enumerate() {
            let t = line.trim_start();
            if t.starts_with("def ") || t.starts_with("async ") {
                return first + i as u32;
            }
        }
        first
    }
}

/// Parse a module. Syntax errors come back as one error diagnostic with position.
pub fn parse(source: &str) -> Result<ParsedModule, Diagnostic> {
    let line_starts = compute_line_starts(source);
    if let Some(offset) = too_deep(source) {
        let (line, column) = line_col_in(source, &line_starts, offset);
        return Err(Diagnostic::error(
            line,
            column,
            format!("expression nesting deeper than {MAX_NESTING} levels is not supported"),
        ));
    }
    match ast::Suite::parse(source, "<handler>") {
        Ok(suite) => Ok(ParsedModule {
            source: source.to_owned(),
            suite,
            line_starts,
        }),
        Err(err) => {
            let (line, column) = line_col_in(source, &line_starts, u32::from(err.offset));
            Err(Diagnostic::error(
                line,
                column,
                format!("syntax error: {}", err.error),
            ))
        }
    }
}

fn compute_line_starts(source: &str) -> Vec<u32> {
    let mut starts = vec![0u32];
    for (i, b) in source.bytes().enumerate() {
        if b == b'\n' {
            starts.push(u32::try_from(i + 1).unwrap_or(u32::MAX));
        }
    }
    starts
}

fn line_col_in(source: &str, line_starts: &[u32], offset: u32) -> (u32, u32) {
    let offset = offset.min(u32::try_from(source.len()).unwrap_or(u32::MAX));
    // Index of the last line start <= offset; line_starts is never empty.
    let idx = line_starts
        .partition_point(|&s| s <= offset)
        .saturating_sub(1);
    let start = line_starts.get(idx).copied().unwrap_or(0);
    // Count characters, not bytes; a mid-character offset (never produced by the
    // parser, but cheap to survive) falls back to the byte distance.
    let column = source
        .get(start as usize..offset as usize)
        .map(|s| s.chars().count())
        .unwrap_or((offset - start) as usize);
    (idx as u32 + 1, column as u32 + 1)
}

/// Byte offset of the first bracket that exceeds [`MAX_NESTING`], ignoring brackets
/// inside comments and (simple) string literals. Deliberately approximate: it only has
/// to stop pathological input, never to reject real code.
fn too_deep(source: &str) -> Option<u32> {
    let mut depth = 0usize;
    let mut quote: Option<u8> = None;
    let mut in_comment = false;
    let bytes = source.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if in_comment {
            if b == b'\n' {
                in_comment = false;
            }
        } else if let Some(q) = quote {
            if b == b'\\' {
                i += 1;
            } else if b == q {
                quote = None;
            }
        } else {
            match b {
                b'#' => in_comment = true,
                b'\'' | b'"' => quote = Some(b),
                b'(' | b'[' | b'{' => {
                    depth += 1;
                    if depth > MAX_NESTING {
                        return u32::try_from(i).ok();
                    }
                }
                b')' | b']' | b'}' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        i += 1;
    }
    // Deep operator chains (`-----x`, `not not ...`, long indentation) also recurse.
    let max_indent = source
        .lines()
        .map(|l| l.len() - l.trim_start().len())
        .max()
        .unwrap_or(0);
    if max_indent > MAX_NESTING * 4 {
        return Some(0);
    }
    None
}

/// The text of a string literal (`"k"`), for the stages that read keys and names off the AST.
pub fn const_str(e: &ast::Expr) -> Option<&str> {
    match e {
        ast::Expr::Constant(c) => match &c.value {
            ast::Constant::Str(s) => Some(s.as_str()),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_locates() {
        let m = parse("x = 1\ndef handler(event, context):\n    return event\n").unwrap();
        assert_eq!(m.suite.len(), 2);
        assert_eq!(m.line_col(TextSize::from(6)), (2, 1));
        assert_eq!(m.line_col(TextSize::from(10_000)), (4, 1));
        let f = m.function("handler").unwrap();
        assert_eq!(f.positional_params(), vec!["event", "context"]);
        assert_eq!(f.def_line(&m), 2);
    }

    #[test]
    fn syntax_error_has_position_and_message() {
        let err = parse("def handler(event, context):\n    return {'a': }\n").unwrap_err();
        assert!(err.is_error());
        assert_eq!(err.line, 2);
        assert!(err.column > 1);
        assert!(err.message.starts_with("syntax error"), "{}", err.message);
    }

    #[test]
    fn columns_count_characters() {
        let m = parse("s = 'é'\nt = 1\n").unwrap();
        // offset of `t` is 9 bytes (é is 2 bytes) → line 2, column 1
        assert_eq!(m.line_col(TextSize::from(9)), (2, 1));
    }

    #[test]
    fn pathological_nesting_is_a_diagnostic() {
        let src = format!("x = {}1{}\n", "(".repeat(5000), ")".repeat(5000));
        let err = parse(&src).unwrap_err();
        assert!(err.message.contains("nesting"));
    }

    #[test]
    fn decorated_def_line() {
        let m = parse("@wrap\n@wrap2\ndef handler(event, context):\n    pass\n").unwrap();
        let f = m.function("handler").unwrap();
        assert_eq!(f.def_line(&m), 3);
    }
}
