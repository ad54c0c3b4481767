//! Syntax highlighting to HTML (`<span class="…">`), for the editor overlay and the
//! output panes.
//!
//! Python goes through rustpython-parser's own lexer, the one the conversion uses, so
//! what is coloured as a string is exactly what the core sees as a string. Generated Rust
//! and the project files get a small hand-written tokenizer: they are machine-written and
//! well-formed, and a full Rust lexer would cost wasm size for nothing.
//!
//! Everything that is not markup is HTML-escaped here; the views set the result with
//! `inner_html`, which is far cheaper than one DOM node per token on every keystroke.

use rustpython_parser::lexer::lex;
use rustpython_parser::{Mode, Tok};

pub fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

fn span(out: &mut String, class: &str, text: &str) {
    if class.is_empty() {
        escape_into(out, text);
    } else {
        out.push_str("<span class=\"t-");
        out.push_str(class);
        out.push_str("\">");
        escape_into(out, text);
        out.push_str("</span>");
    }
}

const PY_BUILTINS: &[&str] = &[
    "print", "len", "str", "int", "float", "bool", "dict", "list", "tuple", "set", "range", "enumerate", "zip",
    "sorted", "min", "max", "sum", "any", "all", "isinstance", "round", "abs", "map", "filter", "Exception",
    "ValueError", "KeyError", "TypeError", "self",
];

/// Python source → HTML. Never fails: from a lexical error on (an unterminated string,
/// say) the rest is plain text, which is what the user is in the middle of typing.
pub fn python(source: &str) -> String {
    let mut out = String::with_capacity(source.len() * 2);
    let mut pos = 0usize;
    let mut after_def = false;
    for tok in lex(source, Mode::Module) {
        let Ok((tok, range)) = tok else { break };
        let (start, end) = (usize::from(range.start()), usize::from(range.end()));
        if start < pos || end > source.len() || !source.is_char_boundary(start) || !source.is_char_boundary(end) {
            break;
        }
        escape_into(&mut out, &source[pos..start]);
        let text = &source[start..end];
        let class = match &tok {
            Tok::Comment(c) if c.trim_start_matches('#').trim_start().starts_with("@depyler:") => "a",
            Tok::Comment(_) => "c",
            Tok::String { .. } => "s",
            Tok::Int { .. } | Tok::Float { .. } | Tok::Complex { .. } => "n",
            Tok::Name { name } if after_def => {
                let _ = name;
                "f"
            }
            Tok::Name { name } if PY_BUILTINS.contains(&name.as_str()) => "b",
            Tok::Name { .. } => "",
            Tok::Newline | Tok::NonLogicalNewline | Tok::Indent | Tok::Dedent | Tok::EndOfFile => "",
            // Every remaining token spelled with letters is a keyword (def, return, True…).
            _ if text.bytes().next().is_some_and(|b| b.is_ascii_alphabetic()) => "k",
            _ => "",
        };
        after_def = matches!(tok, Tok::Def | Tok::Class);
        span(&mut out, class, text);
        pos = end;
    }
    escape_into(&mut out, &source[pos.min(source.len())..]);
    out
}

const RUST_KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false", "fn",
    "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self", "Self",
    "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while",
];

/// What the file is, for the tokenizer: Rust, or a config/script with `#` or `//`
/// comments (TOML, YAML, shell, TypeScript, JSON, Markdown).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Lang {
    Rust,
    Hash,
    Slash,
    Plain,
}

impl Lang {
    pub fn for_path(path: &str) -> Self {
        match path.rsplit('.').next().unwrap_or("") {
            "rs" => Self::Rust,
            "toml" | "yaml" | "yml" | "sh" | "py" => Self::Hash,
            "ts" | "js" | "json" => Self::Slash,
            _ => Self::Plain,
        }
    }
}

/// Rust and friends → HTML.
pub fn code(text: &str, lang: Lang) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    if lang == Lang::Plain {
        escape_into(&mut out, text);
        return out;
    }
    let b = text.as_bytes();
    let mut i = 0;
    let mut plain_from = 0;
    // Emits the pending plain text, then `text[from..to]` with `class`.
    let flush = |out: &mut String, plain_from: &mut usize, from: usize, to: usize, class: &str| {
        escape_into(out, &text[*plain_from..from]);
        span(out, class, &text[from..to]);
        *plain_from = to;
    };
    let at_line_start = |i: usize| text[..i].rsplit('\n').next().is_some_and(|l| l.trim().is_empty());
    while i < b.len() {
        let c = b[i];
        let rest = &b[i..];
        let line_end = |from: usize| text[from..].find('\n').map_or(text.len(), |n| from + n);
        if (lang == Lang::Hash && c == b'#')
            || ((lang == Lang::Rust || lang == Lang::Slash) && rest.starts_with(b"//"))
        {
            let end = line_end(i);
            flush(&mut out, &mut plain_from, i, end, "c");
            i = end;
        } else if lang == Lang::Rust && rest.starts_with(b"/*") {
            let end = text[i + 2..].find("*/").map_or(text.len(), |n| i + 2 + n + 2);
            flush(&mut out, &mut plain_from, i, end, "c");
            i = end;
        } else if lang == Lang::Rust && (rest.starts_with(b"#[") || rest.starts_with(b"#![")) {
            let end = text[i..].find(']').map_or(text.len(), |n| i + n + 1);
            flush(&mut out, &mut plain_from, i, end, "a");
            i = end;
        } else if lang == Lang::Rust && (rest.starts_with(b"r#\"") || rest.starts_with(b"r\"") || rest.starts_with(b"br\"")) {
            let hashes = rest.iter().skip_while(|&&x| x == b'r' || x == b'b').take_while(|&&x| x == b'#').count();
            let open = rest.iter().position(|&x| x == b'"').unwrap_or(0) + 1;
            let close = format!("\"{}", "#".repeat(hashes));
            let end = text[i + open..].find(&close).map_or(text.len(), |n| i + open + n + close.len());
            flush(&mut out, &mut plain_from, i, end, "s");
            i = end;
        } else if c == b'"' || (c == b'\'' && lang != Lang::Rust) {
            let end = string_end(b, i, c);
            flush(&mut out, &mut plain_from, i, end, "s");
            i = end;
        } else if c == b'\'' {
            // Rust: a char literal ('a', '\n', '\u{1F600}') or a lifetime ('a).
            let end = string_end(b, i, b'\'');
            let is_char = end <= b.len() && (end - i == 3 || b.get(i + 1) == Some(&b'\\')) && b[end - 1] == b'\'';
            if is_char {
                flush(&mut out, &mut plain_from, i, end, "s");
                i = end;
            } else {
                i += 1;
            }
        } else if c.is_ascii_digit() && (i == 0 || !is_ident(b[i - 1])) {
            let end = i + rest.iter().take_while(|&&x| x.is_ascii_alphanumeric() || x == b'_' || x == b'.').count();
            // `0..n`: the range dots are not part of the number.
            let end = text[i..end].find("..").map_or(end, |n| i + n);
            flush(&mut out, &mut plain_from, i, end, "n");
            i = end;
        } else if is_ident_start(c) && (i == 0 || !is_ident(b[i - 1])) {
            let end = i + rest.iter().take_while(|&&x| is_ident(x)).count();
            let word = &text[i..end];
            let class = match lang {
                Lang::Rust if RUST_KEYWORDS.contains(&word) => "k",
                Lang::Rust if b.get(end) == Some(&b'!') => "m",
                Lang::Rust if word.starts_with(|c: char| c.is_ascii_uppercase()) => "t",
                Lang::Rust if b.get(end) == Some(&b'(') => "f",
                Lang::Hash | Lang::Slash if matches!(word, "true" | "false" | "null") => "k",
                Lang::Hash if at_line_start(i) && text[end..].trim_start().starts_with(['=', ':']) => "f",
                Lang::Slash if matches!(word, "import" | "from" | "export" | "const" | "new" | "class" | "extends" | "return" | "function" | "let") => "k",
                _ => "",
            };
            flush(&mut out, &mut plain_from, i, end, class);
            i = end;
        } else {
            // Multi-byte UTF-8 stays together: advance to the next char boundary.
            i += 1;
            while i < b.len() && !text.is_char_boundary(i) {
                i += 1;
            }
        }
    }
    escape_into(&mut out, &text[plain_from..]);
    out
}

fn is_ident_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_'
}

fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// Index just past the closing `quote` (backslash escapes honoured), or the end of the
/// line for an unterminated single-quoted string.
fn string_end(b: &[u8], start: usize, quote: u8) -> usize {
    let mut j = start + 1;
    while j < b.len() {
        match b[j] {
            b'\\' => j += 2,
            x if x == quote => return j + 1,
            b'\n' if quote == b'\'' => return j,
            _ => j += 1,
        }
    }
    b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strip_tags(html: &str) -> String {
        let mut out = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        out.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&")
    }

    #[test]
    fn python_keeps_text_and_marks_tokens() {
        let src = "# @depyler: timeout = 3\ndef handler(event, ctx):  # hi <b>\n    return {\"n\": 1.5, 'x': len(event)}\n";
        let html = python(src);
        assert_eq!(strip_tags(&html), src);
        assert!(html.contains("<span class=\"t-a\"># @depyler: timeout = 3</span>"), "{html}");
        assert!(html.contains("<span class=\"t-k\">def</span> <span class=\"t-f\">handler</span>"), "{html}");
        assert!(html.contains("<span class=\"t-n\">1.5</span>"));
        assert!(html.contains("<span class=\"t-b\">len</span>"));
        assert!(html.contains("&lt;b&gt;"));
    }

    #[test]
    fn python_survives_broken_input() {
        for src in ["def f(:\n  x = '''open", "x = \"unterminated\n", "\u{feff}é = 1\t# ✓", "", "\\", "if x:\n\ty\n  z"] {
            assert_eq!(strip_tags(&python(src)), src, "{src:?}");
        }
    }

    #[test]
    fn rust_tokens() {
        let src = "/// Doc\n#[derive(Debug)]\nfn main() -> Result<(), Error> { let s = r#\"a\"b\"#; let c = '\\n'; let l: &'a str = \"x\\\"y\"; println!(\"{}\", 0..10); }\n";
        let html = code(src, Lang::Rust);
        assert_eq!(strip_tags(&html), src);
        assert!(html.contains("<span class=\"t-c\">/// Doc</span>"));
        assert!(html.contains("<span class=\"t-a\">#[derive(Debug)]</span>"));
        assert!(html.contains("<span class=\"t-k\">fn</span> <span class=\"t-f\">main</span>"));
        assert!(html.contains("<span class=\"t-t\">Result</span>"));
        assert!(html.contains("<span class=\"t-m\">println</span>!"));
        assert!(html.contains("<span class=\"t-n\">0</span>..<span class=\"t-n\">10</span>"));
        assert!(html.contains("<span class=\"t-s\">r#&quot;a&quot;b&quot;#</span>"), "{html}");
    }

    #[test]
    fn config_files() {
        let toml = "[package]\nname = \"x\" # c\nversion = 1\n";
        let html = code(toml, Lang::Hash);
        assert_eq!(strip_tags(&html), toml);
        assert!(html.contains("<span class=\"t-f\">name</span>"));
        assert!(html.contains("<span class=\"t-c\"># c</span>"));
        for (s, l) in [("ünï 'x\n", Lang::Hash), ("a // é\n", Lang::Slash), ("'", Lang::Rust), ("\"", Lang::Hash)] {
            assert_eq!(strip_tags(&code(s, l)), s);
        }
    }
}
