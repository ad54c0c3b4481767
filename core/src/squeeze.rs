//! The playground's copy of the runtime sources, made smaller (used by `build.rs`; a test
//! checks it keeps every token of `pyrt/src`).

/// Whitespace next to a delimiter (`( ) [ ] { } , ;`) or between an operator and a word,
/// and trailing `//` comments go; string, character and raw string literals are copied as
/// they are. No two tokens can merge: a delimiter is a token of its own next to anything,
/// and an operator character never continues a word (checked against the token streams).
pub fn squeeze(text: &str) -> String {
    const DELIMITERS: &[char] = &['(', ')', '[', ']', '{', '}', ',', ';'];
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '"' => {
                // A raw string: `r"…"`, `r#"…"#`, `br"…"` (the `r` and `#`s are already out).
                let hashes = out.chars().rev().take_while(|&h| h == '#').count();
                let before: Vec<char> = out.chars().rev().skip(hashes).take(3).collect();
                let raw = before.first() == Some(&'r')
                    && before.get(1).is_none_or(|&b| {
                        !(b.is_alphanumeric() || b == '_')
                            || (b == 'b'
                                && before
                                    .get(2)
                                    .is_none_or(|&x| !(x.is_alphanumeric() || x == '_')))
                    });
                out.push(c);
                i += 1;
                if raw {
                    let close: String = std::iter::once('"')
                        .chain(std::iter::repeat_n('#', hashes))
                        .collect();
                    let rest: String = chars[i..].iter().collect();
                    let end = rest
                        .find(&close)
                        .map(|e| e + close.len())
                        .unwrap_or(rest.len());
                    out.push_str(&rest[..end]);
                    i += rest[..end].chars().count();
                } else {
                    while i < chars.len() {
                        let d = chars[i];
                        out.push(d);
                        i += 1;
                        if d == '\\' && i < chars.len() {
                            out.push(chars[i]);
                            i += 1;
                        } else if d == '"' {
                            break;
                        }
                    }
                }
            }
            '\'' => {
                out.push(c);
                i += 1;
                if chars.get(i) == Some(&'\\') && i + 1 < chars.len() {
                    // An escaped character (`'\n'`, `'\\'`, `'\u{…}'`), then its closing quote.
                    out.push('\\');
                    i += 1;
                    if chars[i] == 'u' {
                        while i < chars.len() && chars[i] != '}' {
                            out.push(chars[i]);
                            i += 1;
                        }
                    }
                    for _ in 0..2 {
                        if let Some(&d) = chars.get(i) {
                            out.push(d);
                            i += 1;
                        }
                    }
                } else if chars.get(i + 1) == Some(&'\'') {
                    out.push(chars[i]);
                    out.push('\'');
                    i += 2;
                }
                // Otherwise a lifetime or label: the name follows as code.
            }
            '/' if chars.get(i + 1) == Some(&'/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            '/' if chars.get(i + 1) == Some(&'*') => {
                let rest: String = chars[i..].iter().collect();
                let end = rest.find("*/").map(|e| e + 2).unwrap_or(rest.len());
                i += rest[..end].chars().count();
                out.push(' ');
            }
            c if c.is_whitespace() => {
                let start = i;
                while i < chars.len() && chars[i].is_whitespace() {
                    i += 1;
                }
                let prev = out.chars().last();
                let next = chars.get(i).copied();
                // Between an operator and a word the tokens stay the same too; two words or two
                // operators keep their space (`as u8`, `< -1`).
                let operator =
                    |c: char| c.is_ascii_punctuation() && !matches!(c, '"' | '\'' | '_' | '#');
                let droppable = prev.is_none_or(|p| DELIMITERS.contains(&p))
                    || next.is_none_or(|n| DELIMITERS.contains(&n))
                    || prev.zip(next).is_some_and(|(p, n)| {
                        // `t.0 .0` must not become the float `0.0`.
                        let number_dot =
                            (p.is_ascii_digit() && n == '.') || (p == '.' && n.is_ascii_digit());
                        operator(p) != operator(n) && !number_dot
                    });
                if !droppable {
                    out.push(if chars[start..i].contains(&'\n') {
                        '\n'
                    } else {
                        ' '
                    });
                }
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    out.push('\n');
    out
}
