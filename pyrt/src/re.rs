//! The `re` module for `str` patterns, on `fancy-regex` (backtracking, so lookaround and
//! backreferences work as in Python). Python's pattern syntax is parsed here — with
//! CPython 3.11's `re.error` messages and positions — and re-emitted in the engine's syntax:
//! `$` and `\Z` get Python's meaning, `VERBOSE` and `ASCII` are applied while translating,
//! character classes are re-escaped (the engine has nested classes and set operators
//! Python lacks). Positions are code points, as in Python; the engine works in bytes.
//!
//! Known deviations: after an empty match, `finditer`/`sub`/`split` resume one character
//! later instead of backtracking into a non-empty match at the same position (only
//! matters for patterns whose empty alternative is preferred, like `x*?`); `\w`/`\s` use
//! Unicode's word/white-space properties rather than `str.isalnum`/`str.isspace`.

use std::any::Any;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use fancy_regex::Regex;

use super::format::{type_err, value_err};
use super::value::*;

pub const IGNORECASE: i64 = 2;
pub const LOCALE: i64 = 4;
pub const MULTILINE: i64 = 8;
pub const DOTALL: i64 = 16;
pub const UNICODE: i64 = 32;
pub const VERBOSE: i64 = 64;
pub const ASCII: i64 = 256;

fn re_error(msg: &str, pos: usize, pattern: &str) -> PyErr {
    PyErr::msg(&exc::RE_ERROR, format!("{msg} at position {pos}"))
        .with_attr("msg", Py::str(msg))
        .with_attr("pos", Py::Int(pos as i64))
        .with_attr("pattern", Py::str(pattern))
}

fn index_err(msg: &str) -> PyErr {
    PyErr::msg(&exc::INDEX_ERROR, msg)
}

// ---------------------------------------------------------------------------------------
// Translation of Python's pattern syntax
// ---------------------------------------------------------------------------------------

struct Translator<'a> {
    src: &'a str,
    chars: Vec<char>,
    i: usize,
    out: String,
    groups: usize,
    names: Vec<(String, usize)>,
    /// Group numbers that have been closed (backreferences may only name those).
    closed: Vec<usize>,
}

#[derive(Clone, Copy)]
struct Flags {
    multiline: bool,
    verbose: bool,
    ascii: bool,
}

fn push_literal(out: &mut String, c: char) {
    if c.is_alphanumeric() || c == '_' || (c as u32) > 127 && !c.is_whitespace() {
        out.push(c);
    } else {
        out.push_str(&format!("\\x{{{:x}}}", c as u32));
    }
}

impl<'a> Translator<'a> {
    fn err(&self, msg: impl AsRef<str>, pos: usize) -> PyErr {
        re_error(msg.as_ref(), pos, self.src)
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.i).copied()
    }

    fn skip_verbose(&mut self, f: Flags) {
        if !f.verbose {
            return;
        }
        while let Some(c) = self.peek() {
            if c.is_whitespace() {
                self.i += 1;
            } else if c == '#' {
                while let Some(c) = self.peek() {
                    self.i += 1;
                    if c == '\n' {
                        break;
                    }
                }
            } else {
                break;
            }
        }
    }

    /// A sequence of alternatives up to `)` or the end.
    fn alternation(&mut self, f: Flags, depth: usize) -> PyResult<()> {
        let mut f = f;
        // Whether the previous item can take a quantifier, and whether it already has one.
        let mut can_repeat = false;
        let mut repeated = false;
        loop {
            self.skip_verbose(f);
            let start = self.i;
            let c = match self.peek() {
                None => return Ok(()),
                Some(c) => c,
            };
            match c {
                ')' => {
                    if depth == 0 {
                        return Err(self.err("unbalanced parenthesis", start));
                    }
                    return Ok(());
                }
                '|' => {
                    self.i += 1;
                    self.out.push('|');
                    can_repeat = false;
                    repeated = false;
                }
                '*' | '+' | '?' | '{' => {
                    if c == '{' && !self.is_quantifier_brace() {
                        self.i += 1;
                        self.out.push_str("\\{");
                        can_repeat = true;
                        repeated = false;
                        continue;
                    }
                    if repeated {
                        return Err(self.err("multiple repeat", start));
                    }
                    if !can_repeat {
                        return Err(self.err("nothing to repeat", start));
                    }
                    if c == '{' {
                        self.brace_quantifier()?;
                    } else {
                        self.i += 1;
                        self.out.push(c);
                    }
                    if let Some(m @ ('?' | '+')) = self.peek() {
                        self.i += 1;
                        self.out.push(m);
                    }
                    repeated = true;
                }
                '(' => {
                    self.i += 1;
                    let item = self.group(f, depth, start)?;
                    match item {
                        GroupKind::Item => {
                            can_repeat = true;
                            repeated = false;
                        }
                        GroupKind::Assertion => {
                            can_repeat = true;
                            repeated = false;
                        }
                        GroupKind::Nothing => {}
                        GroupKind::GlobalFlags(nf) => {
                            f = nf;
                        }
                    }
                }
                '[' => {
                    self.i += 1;
                    self.class(f, start)?;
                    can_repeat = true;
                    repeated = false;
                }
                '\\' => {
                    self.i += 1;
                    can_repeat = self.escape(f, start)?;
                    repeated = false;
                }
                '^' => {
                    self.i += 1;
                    self.out.push_str(if f.multiline { "(?m:^)" } else { "\\A" });
                    can_repeat = false;
                    repeated = false;
                }
                '$' => {
                    self.i += 1;
                    self.out.push_str(if f.multiline { "(?m:$)" } else { "(?=\\n?\\z)" });
                    can_repeat = false;
                    repeated = false;
                }
                '.' => {
                    self.i += 1;
                    self.out.push('.');
                    can_repeat = true;
                    repeated = false;
                }
                _ => {
                    self.i += 1;
                    push_literal(&mut self.out, c);
                    can_repeat = true;
                    repeated = false;
                }
            }
        }
    }

    fn is_quantifier_brace(&self) -> bool {
        // `{m}`, `{m,}`, `{,n}`, `{m,n}`, `{,}`
        let mut j = self.i + 1;
        let mut digits = 0;
        while self.chars.get(j).is_some_and(|c| c.is_ascii_digit()) {
            j += 1;
            digits += 1;
        }
        match self.chars.get(j) {
            Some('}') => digits > 0,
            Some(',') => {
                j += 1;
                while self.chars.get(j).is_some_and(|c| c.is_ascii_digit()) {
                    j += 1;
                }
                self.chars.get(j) == Some(&'}')
            }
            _ => false,
        }
    }

    fn brace_quantifier(&mut self) -> PyResult<()> {
        let open = self.i;
        self.i += 1;
        let num = |t: &mut Self| -> Option<u64> {
            let s = t.i;
            while t.peek().is_some_and(|c| c.is_ascii_digit()) {
                t.i += 1;
            }
            if t.i == s {
                None
            } else {
                Some(t.chars[s..t.i].iter().collect::<String>().parse().unwrap_or(u64::MAX))
            }
        };
        let lo = num(self);
        let hi = if self.peek() == Some(',') {
            self.i += 1;
            Some(num(self))
        } else {
            None
        };
        self.i += 1; // '}'
        let lo_v = lo.unwrap_or(0);
        match hi {
            None => self.out.push_str(&format!("{{{lo_v}}}")),
            Some(None) => self.out.push_str(&format!("{{{lo_v},}}")),
            Some(Some(h)) => {
                if h < lo_v {
                    return Err(self.err("min repeat greater than max repeat", open + 1));
                }
                self.out.push_str(&format!("{{{lo_v},{h}}}"))
            }
        }
        Ok(())
    }

    fn group_name(&mut self, end: char, what_pos: usize) -> PyResult<String> {
        let s = self.i;
        while let Some(c) = self.peek() {
            if c == end {
                break;
            }
            self.i += 1;
        }
        if self.peek() != Some(end) {
            return Err(self.err("missing >, unterminated name", s).pipe_if(end == ')', || {
                self.err("missing ), unterminated name", s)
            }));
        }
        let name: String = self.chars[s..self.i].iter().collect();
        self.i += 1;
        if name.is_empty() {
            return Err(self.err("missing group name", s));
        }
        let valid = name.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_')
            && name.chars().all(|c| c.is_alphanumeric() || c == '_');
        if !valid {
            return Err(self.err(format!("bad character in group name '{name}'"), what_pos));
        }
        Ok(name)
    }

    fn group(&mut self, f: Flags, depth: usize, open: usize) -> PyResult<GroupKind> {
        if self.peek() != Some('?') {
            self.groups += 1;
            let n = self.groups;
            self.out.push_str(&format!("(?P<g{n}>"));
            self.body(f, depth, open)?;
            self.closed.push(n);
            return Ok(GroupKind::Item);
        }
        self.i += 1;
        let c = self.peek();
        match c {
            Some(':') => {
                self.i += 1;
                self.out.push_str("(?:");
                self.body(f, depth, open)?;
                Ok(GroupKind::Item)
            }
            Some('>') => {
                self.i += 1;
                self.out.push_str("(?>");
                self.body(f, depth, open)?;
                Ok(GroupKind::Item)
            }
            Some('=') | Some('!') => {
                self.i += 1;
                self.out.push_str(if c == Some('=') { "(?=" } else { "(?!" });
                self.body(f, depth, open)?;
                Ok(GroupKind::Assertion)
            }
            Some('#') => {
                while let Some(c) = self.peek() {
                    self.i += 1;
                    if c == ')' {
                        return Ok(GroupKind::Nothing);
                    }
                }
                Err(self.err("missing ), unterminated comment", open))
            }
            Some('<') => {
                self.i += 1;
                match self.peek() {
                    Some(d @ ('=' | '!')) => {
                        self.i += 1;
                        self.out.push_str(if d == '=' { "(?<=" } else { "(?<!" });
                        self.body(f, depth, open)?;
                        Ok(GroupKind::Assertion)
                    }
                    Some(d) => Err(self.err(format!("unknown extension ?<{d}"), open + 1)),
                    None => Err(self.err("unexpected end of pattern", self.i)),
                }
            }
            Some('P') => {
                self.i += 1;
                match self.peek() {
                    Some('<') => {
                        self.i += 1;
                        let name_pos = self.i;
                        let name = self.group_name('>', name_pos)?;
                        self.groups += 1;
                        let n = self.groups;
                        if let Some((_, was)) = self.names.iter().find(|(m, _)| *m == name) {
                            return Err(self.err(
                                format!("redefinition of group name '{name}' as group {n}; was group {was}"),
                                name_pos,
                            ));
                        }
                        self.names.push((name.clone(), n));
                        self.out.push_str(&format!("(?P<g{n}>"));
                        self.body(f, depth, open)?;
                        self.closed.push(n);
                        Ok(GroupKind::Item)
                    }
                    Some('=') => {
                        self.i += 1;
                        let name_pos = self.i;
                        let name = self.group_name(')', name_pos)?;
                        let n = match self.names.iter().find(|(m, _)| *m == name) {
                            Some((_, n)) => *n,
                            None => return Err(self.err(format!("unknown group name '{name}'"), name_pos)),
                        };
                        if !self.closed.contains(&n) {
                            return Err(self.err("cannot refer to an open group", open));
                        }
                        self.out.push_str(&format!("\\k<g{n}>"));
                        Ok(GroupKind::Item)
                    }
                    Some(d) => Err(self.err(format!("unknown extension ?P{d}"), open + 1)),
                    None => Err(self.err("unexpected end of pattern", self.i)),
                }
            }
            Some('(') => {
                // conditional: (?(1)yes|no) / (?(name)yes|no)
                self.i += 1;
                let s = self.i;
                while self.peek().is_some_and(|c| c != ')') {
                    self.i += 1;
                }
                let cond: String = self.chars[s..self.i].iter().collect();
                self.i += 1;
                let n = match cond.parse::<usize>() {
                    Ok(n) => n,
                    Err(_) => match self.names.iter().find(|(m, _)| *m == cond) {
                        Some((_, n)) => *n,
                        None => return Err(self.err(format!("unknown group name '{cond}'"), s)),
                    },
                };
                self.out.push_str(&format!("(?(<g{n}>)"));
                self.body(f, depth, open)?;
                Ok(GroupKind::Item)
            }
            Some(c) if "aiLmsux-".contains(c) => self.flags_group(f, depth, open),
            Some(c) => Err(self.err(format!("unknown extension ?{c}"), open + 1)),
            None => Err(self.err("unexpected end of pattern", self.i)),
        }
    }

    fn flags_group(&mut self, f: Flags, depth: usize, open: usize) -> PyResult<GroupKind> {
        let mut on = String::new();
        let mut off = String::new();
        let mut neg = false;
        loop {
            match self.peek() {
                Some('-') if !neg => {
                    neg = true;
                    self.i += 1;
                }
                Some(c) if "aiLmsux".contains(c) => {
                    self.i += 1;
                    if neg { off.push(c) } else { on.push(c) }
                }
                Some(':') | Some(')') => break,
                Some(c) => {
                    let msg = if c.is_alphabetic() { "unknown flag" } else { "missing -, : or )" };
                    return Err(self.err(msg, self.i));
                }
                None => return Err(self.err("missing -, : or )", self.i)),
            }
        }
        let mut nf = f;
        for c in on.chars() {
            match c {
                'm' => nf.multiline = true,
                'x' => nf.verbose = true,
                'a' => nf.ascii = true,
                _ => {}
            }
        }
        for c in off.chars() {
            match c {
                'm' => nf.multiline = false,
                'x' => nf.verbose = false,
                'a' => nf.ascii = false,
                _ => {}
            }
        }
        let engine = |s: &str| s.chars().filter(|c| matches!(c, 'i' | 's')).collect::<String>();
        let (eon, eoff) = (engine(&on), engine(&off));
        if self.peek() == Some(')') {
            self.i += 1;
            if neg {
                return Err(self.err("missing :", self.i - 1));
            }
            if open != 0 && !self.only_flags_before(open) {
                return Err(self.err("global flags not at the start of the expression", open));
            }
            if !eon.is_empty() {
                self.out.push_str(&format!("(?{eon})"));
            }
            return Ok(GroupKind::GlobalFlags(nf));
        }
        self.i += 1; // ':'
        if eon.is_empty() && eoff.is_empty() {
            self.out.push_str("(?:");
        } else if eoff.is_empty() {
            self.out.push_str(&format!("(?{eon}:"));
        } else {
            self.out.push_str(&format!("(?{eon}-{eoff}:"));
        }
        self.body(nf, depth, open)?;
        Ok(GroupKind::Item)
    }

    /// Everything before `pos` is global flag groups (Python allows several at the start).
    fn only_flags_before(&self, pos: usize) -> bool {
        let mut j = 0;
        while j < pos {
            if self.chars.get(j) != Some(&'(') || self.chars.get(j + 1) != Some(&'?') {
                return false;
            }
            j += 2;
            while j < pos && self.chars[j] != ')' {
                if !"aiLmsux".contains(self.chars[j]) {
                    return false;
                }
                j += 1;
            }
            j += 1;
        }
        true
    }

    fn body(&mut self, f: Flags, depth: usize, open: usize) -> PyResult<()> {
        self.alternation(f, depth + 1)?;
        if self.peek() != Some(')') {
            return Err(self.err("missing ), unterminated subpattern", open));
        }
        self.i += 1;
        self.out.push(')');
        Ok(())
    }

    fn class_escape_set(c: char, ascii: bool) -> Option<&'static str> {
        Some(match (c, ascii) {
            ('d', false) => "\\d",
            ('D', false) => "\\D",
            ('w', false) => "\\w",
            ('W', false) => "\\W",
            ('s', false) => "\\s",
            ('S', false) => "\\S",
            ('d', true) => "0-9",
            ('w', true) => "a-zA-Z0-9_",
            ('s', true) => "\\x{20}\\t\\n\\r\\x{0c}\\x{0b}",
            _ => return None,
        })
    }

    /// A single escaped character (`\n`, `\x41`, `\101`, `\.`); `None` for classes and
    /// other non-literal escapes. `self.i` is just past the backslash.
    fn escape_char(&mut self, start: usize, in_class: bool) -> PyResult<Option<char>> {
        let c = match self.peek() {
            None => return Err(self.err("bad escape (end of pattern)", start)),
            Some(c) => c,
        };
        let hex = |t: &mut Self, n: usize| -> PyResult<char> {
            let s = t.i + 1;
            let digits: String = t.chars.iter().skip(s).take(n).collect();
            if digits.chars().count() != n || !digits.chars().all(|c| c.is_ascii_hexdigit()) {
                let shown: String = t.chars[t.i..].iter().take(n + 1).collect();
                return Err(t.err(format!("incomplete escape \\{shown}"), start));
            }
            t.i = s + n;
            let v = u32::from_str_radix(&digits, 16).unwrap();
            char::from_u32(v).ok_or_else(|| t.err(format!("bad escape \\{}", &t.chars[start + 1..t.i].iter().collect::<String>()), start))
        };
        Ok(Some(match c {
            'n' => { self.i += 1; '\n' }
            't' => { self.i += 1; '\t' }
            'r' => { self.i += 1; '\r' }
            'f' => { self.i += 1; '\x0c' }
            'v' => { self.i += 1; '\x0b' }
            'a' => { self.i += 1; '\x07' }
            'b' if in_class => { self.i += 1; '\x08' }
            'x' => hex(self, 2)?,
            'u' => hex(self, 4)?,
            'U' => hex(self, 8)?,
            '0'..='7' if in_class || c == '0' || self.is_octal_escape() => {
                let s = self.i;
                while self.i < s + 3 && self.peek().is_some_and(|d| ('0'..='7').contains(&d)) {
                    self.i += 1;
                }
                let v = u32::from_str_radix(&self.chars[s..self.i].iter().collect::<String>(), 8).unwrap();
                if v > 0o377 {
                    let shown: String = self.chars[s..self.i].iter().collect();
                    return Err(self.err(format!("octal escape value \\{shown} outside of range 0-0o377"), start));
                }
                char::from_u32(v).unwrap()
            }
            c if c.is_ascii_alphanumeric() => return Ok(None),
            c => {
                self.i += 1;
                c
            }
        }))
    }

    /// `\1`..: three octal digits make an octal escape instead of a group reference.
    fn is_octal_escape(&self) -> bool {
        (0..3).all(|k| self.chars.get(self.i + k).is_some_and(|d| ('0'..='7').contains(d)))
    }

    /// An escape outside a class; returns whether it can take a quantifier.
    fn escape(&mut self, f: Flags, start: usize) -> PyResult<bool> {
        if let Some(c) = self.escape_char(start, false)? {
            push_literal(&mut self.out, c);
            return Ok(true);
        }
        let c = self.peek().unwrap();
        self.i += 1;
        match c {
            'A' => self.out.push_str("\\A"),
            'Z' => self.out.push_str("\\z"),
            'b' => self.out.push_str(if f.ascii { "(?-u:\\b)" } else { "\\b" }),
            'B' => self.out.push_str(if f.ascii { "(?-u:\\B)" } else { "\\B" }),
            'd' | 'D' | 'w' | 'W' | 's' | 'S' => {
                if f.ascii {
                    let set = Self::class_escape_set(c.to_ascii_lowercase(), true).unwrap();
                    let neg = if c.is_ascii_uppercase() { "^" } else { "" };
                    self.out.push_str(&format!("[{neg}{set}]"));
                } else {
                    self.out.push('\\');
                    self.out.push(c);
                }
                return Ok(true);
            }
            '1'..='9' => {
                let s = self.i - 1;
                if self.peek().is_some_and(|d| d.is_ascii_digit()) {
                    self.i += 1;
                }
                let n: usize = self.chars[s..self.i].iter().collect::<String>().parse().unwrap();
                if !self.closed.contains(&n) {
                    if n <= self.groups {
                        return Err(self.err("cannot refer to an open group", start));
                    }
                    return Err(self.err(format!("invalid group reference {n}"), start + 1));
                }
                self.out.push_str(&format!("\\k<g{n}>"));
                return Ok(true);
            }
            _ => return Err(self.err(format!("bad escape \\{c}"), start)),
        }
        Ok(false)
    }

    fn class(&mut self, f: Flags, open: usize) -> PyResult<()> {
        let mut out = String::from("[");
        if self.peek() == Some('^') {
            self.i += 1;
            out.push('^');
        }
        let mut first = true;
        loop {
            let item_start = self.i;
            let c = match self.peek() {
                None => return Err(self.err("unterminated character set", open)),
                Some(c) => c,
            };
            if c == ']' && !first {
                self.i += 1;
                break;
            }
            first = false;
            // one item: a literal (maybe the start of a range) or a class escape
            let lo = if c == '\\' {
                self.i += 1;
                match self.escape_char(item_start, true)? {
                    Some(ch) => ch,
                    None => {
                        let e = self.peek().unwrap();
                        self.i += 1;
                        match Self::class_escape_set(e, f.ascii) {
                            Some(set) => out.push_str(set),
                            None if f.ascii && "DWS".contains(e) => {
                                // negated ASCII classes inside a set
                                let set = Self::class_escape_set(e.to_ascii_lowercase(), true).unwrap();
                                out.push_str(&format!("[^{set}]"));
                            }
                            None => return Err(self.err(format!("bad escape \\{e}"), item_start)),
                        }
                        continue;
                    }
                }
            } else {
                self.i += 1;
                c
            };
            // a range?
            if self.peek() == Some('-') && self.chars.get(self.i + 1).is_some_and(|c| *c != ']') {
                self.i += 1;
                let hi_start = self.i;
                let hi = if self.peek() == Some('\\') {
                    self.i += 1;
                    match self.escape_char(hi_start, true)? {
                        Some(ch) => ch,
                        None => {
                            let e = self.peek().unwrap();
                            let shown: String = self.chars[item_start..self.i + 1].iter().collect();
                            let _ = e;
                            return Err(self.err(format!("bad character range {shown}"), item_start));
                        }
                    }
                } else {
                    let h = self.peek().unwrap();
                    self.i += 1;
                    h
                };
                if hi < lo {
                    let shown: String = self.chars[item_start..self.i].iter().collect();
                    return Err(self.err(format!("bad character range {shown}"), item_start));
                }
                push_literal(&mut out, lo);
                out.push('-');
                push_literal(&mut out, hi);
            } else {
                push_literal(&mut out, lo);
            }
        }
        out.push(']');
        self.out.push_str(&out);
        Ok(())
    }
}

enum GroupKind {
    Item,
    Assertion,
    Nothing,
    GlobalFlags(Flags),
}

trait PipeIf {
    fn pipe_if(self, cond: bool, f: impl FnOnce() -> Self) -> Self;
}
impl PipeIf for PyErr {
    fn pipe_if(self, cond: bool, f: impl FnOnce() -> Self) -> Self {
        if cond { f() } else { self }
    }
}

/// Flags that appear as `(?…)` at the very start of the pattern.
fn leading_flags(p: &str) -> i64 {
    let mut flags = 0;
    let mut rest = p;
    while let Some(r) = rest.strip_prefix("(?") {
        let end = match r.find(')') {
            Some(e) => e,
            None => break,
        };
        let letters = &r[..end];
        if letters.is_empty() || !letters.chars().all(|c| "aiLmsux".contains(c)) {
            break;
        }
        for c in letters.chars() {
            flags |= match c {
                'i' => IGNORECASE,
                'L' => LOCALE,
                'm' => MULTILINE,
                's' => DOTALL,
                'u' => UNICODE,
                'x' => VERBOSE,
                'a' => ASCII,
                _ => 0,
            };
        }
        rest = &r[end + 1..];
    }
    flags
}

pub struct Compiled {
    pattern: Rc<str>,
    flags: i64,
    groups: usize,
    names: Vec<(String, usize)>,
    regex: Regex,
    /// `(?:pattern)\z`, for fullmatch (compiled on first use).
    full: RefCell<Option<Regex>>,
    engine_src: String,
}

fn compile_str(pattern: &str, flags: i64) -> PyResult<Rc<Compiled>> {
    if flags & LOCALE != 0 {
        return Err(value_err("cannot use LOCALE flag with a str pattern"));
    }
    let mut flags = flags | leading_flags(pattern);
    if flags & ASCII != 0 && flags & UNICODE != 0 {
        return Err(value_err("ASCII and UNICODE flags are incompatible"));
    }
    if flags & ASCII == 0 {
        flags |= UNICODE;
    }
    let mut t = Translator {
        src: pattern,
        chars: pattern.chars().collect(),
        i: 0,
        out: String::new(),
        groups: 0,
        names: Vec::new(),
        closed: Vec::new(),
    };
    let f = Flags { multiline: flags & MULTILINE != 0, verbose: flags & VERBOSE != 0, ascii: flags & ASCII != 0 };
    t.alternation(f, 0)?;
    let mut prefix = String::new();
    if flags & IGNORECASE != 0 {
        prefix.push('i');
    }
    if flags & DOTALL != 0 {
        prefix.push('s');
    }
    let engine_src = if prefix.is_empty() { t.out.clone() } else { format!("(?{prefix}){}", t.out) };
    let regex = Regex::new(&engine_src)
        .map_err(|e| re_error(&format!("unsupported pattern ({e})"), 0, pattern))?;
    Ok(Rc::new(Compiled {
        pattern: Rc::from(pattern),
        flags,
        groups: t.groups,
        names: t.names,
        regex,
        full: RefCell::new(None),
        engine_src,
    }))
}

thread_local! {
    static CACHE: RefCell<HashMap<(String, i64), Rc<Compiled>>> = RefCell::new(HashMap::new());
}

fn compile_cached(pattern: &str, flags: i64) -> PyResult<Rc<Compiled>> {
    let key = (pattern.to_string(), flags);
    if let Some(c) = CACHE.with(|c| c.borrow().get(&key).cloned()) {
        return Ok(c);
    }
    let c = compile_str(pattern, flags)?;
    CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        if cache.len() >= 512 {
            cache.clear();
        }
        cache.insert(key, c.clone());
    });
    Ok(c)
}

fn flags_arg(v: Option<Py>) -> PyResult<i64> {
    match v {
        None => Ok(0),
        Some(Py::Int(i)) => Ok(i),
        Some(Py::Bool(b)) => Ok(b as i64),
        Some(other) => Err(type_err(format!(
            "unsupported operand type(s) for &: '{}' and 'RegexFlag'",
            other.type_name()
        ))),
    }
}

/// A pattern argument: a str, or an already compiled pattern (then flags must be 0).
fn pattern_arg(p: Py, flags: Option<Py>) -> PyResult<Rc<Compiled>> {
    let flags = flags_arg(flags)?;
    match &p {
        Py::Str(s) => compile_cached(s, flags),
        Py::Object(o) => match o.as_any().downcast_ref::<Pattern>() {
            Some(pat) => {
                if flags != 0 {
                    return Err(value_err("cannot process flags argument with a compiled pattern"));
                }
                Ok(pat.0.clone())
            }
            None => Err(type_err("first argument must be string or compiled pattern")),
        },
        Py::Bytes(_) => Err(type_err("bytes patterns are not supported")),
        _ => Err(type_err("first argument must be string or compiled pattern")),
    }
}

fn string_arg(v: &Py) -> PyResult<Rc<str>> {
    match v {
        Py::Str(s) => Ok(s.clone()),
        Py::Bytes(_) => Err(type_err("cannot use a string pattern on a bytes-like object")),
        other => Err(type_err(format!("expected string or bytes-like object, got '{}'", other.type_name()))),
    }
}

// ---------------------------------------------------------------------------------------
// Searching
// ---------------------------------------------------------------------------------------

/// Byte ↔ code point conversion for one subject string.
struct Text {
    s: Rc<str>,
    /// Byte offset of each char (plus the end); empty when the string is ASCII.
    starts: Vec<usize>,
}

impl Text {
    fn new(s: Rc<str>) -> Text {
        let starts = if s.is_ascii() {
            Vec::new()
        } else {
            s.char_indices().map(|(b, _)| b).chain(std::iter::once(s.len())).collect()
        };
        Text { s, starts }
    }
    fn char_len(&self) -> usize {
        if self.starts.is_empty() { self.s.len() } else { self.starts.len() - 1 }
    }
    fn to_char(&self, byte: usize) -> usize {
        if self.starts.is_empty() {
            byte
        } else {
            self.starts.binary_search(&byte).unwrap_or_else(|i| i)
        }
    }
    fn to_byte(&self, ch: usize) -> usize {
        if self.starts.is_empty() {
            ch.min(self.s.len())
        } else {
            self.starts[ch.min(self.starts.len() - 1)]
        }
    }
}

pub struct Match {
    re: Rc<Compiled>,
    string: Rc<str>,
    /// Per group: (byte start, byte end, char start, char end).
    spans: Vec<Option<(usize, usize, usize, usize)>>,
    pos: usize,
    endpos: usize,
}

fn engine_err(e: fancy_regex::Error) -> PyErr {
    PyErr::msg(&exc::RECURSION_ERROR, format!("maximum recursion limit exceeded ({e})"))
}

/// Find the leftmost match at or after char `pos` in `text` (already cut at endpos).
fn search_at(
    re: &Rc<Compiled>,
    regex: &Regex,
    text: &Text,
    pos: usize,
    endpos: usize,
) -> PyResult<Option<Match>> {
    let b = text.to_byte(pos);
    let caps = regex.captures_from_pos(&text.s, b).map_err(engine_err)?;
    Ok(caps.map(|caps| {
        let spans = (0..=re.groups)
            .map(|g| caps.get(g).map(|m| (m.start(), m.end(), text.to_char(m.start()), text.to_char(m.end()))))
            .collect();
        Match { re: re.clone(), string: text.s.clone(), spans, pos, endpos }
    }))
}

/// Normalise `pos`/`endpos` arguments the way `slice` does; returns the subject cut at
/// endpos (Python treats the string as if it were `endpos` characters long).
fn bounds(s: &Rc<str>, pos: Option<Py>, endpos: Option<Py>) -> PyResult<(Text, usize, usize, Rc<str>)> {
    let full = Text::new(s.clone());
    let n = full.char_len() as i64;
    let clamp = |v: Option<Py>, default: i64| -> PyResult<usize> {
        let v = match v {
            None => default,
            Some(x) => super::ops::index_of(&x)?,
        };
        Ok(if v < 0 { 0 } else { v.min(n) } as usize)
    };
    let pos = clamp(pos, 0)?;
    let endpos = clamp(endpos, n)?;
    if endpos < n as usize {
        let cut: Rc<str> = Rc::from(&s[..full.to_byte(endpos)]);
        Ok((Text::new(cut), pos, endpos, s.clone()))
    } else {
        Ok((full, pos, endpos, s.clone()))
    }
}

fn finish(m: Option<Match>, original: &Rc<str>) -> Py {
    match m {
        Some(mut m) => {
            m.string = original.clone();
            Py::Object(Rc::new(m))
        }
        None => Py::None,
    }
}

fn do_search(re: &Rc<Compiled>, s: &Rc<str>, pos: Option<Py>, endpos: Option<Py>) -> PyResult<Py> {
    let (text, pos, endpos, orig) = bounds(s, pos, endpos)?;
    if pos > endpos {
        return Ok(Py::None);
    }
    Ok(finish(search_at(re, &re.regex, &text, pos, endpos)?, &orig))
}

fn do_match(re: &Rc<Compiled>, s: &Rc<str>, pos: Option<Py>, endpos: Option<Py>, full: bool) -> PyResult<Py> {
    let (text, pos, endpos, orig) = bounds(s, pos, endpos)?;
    if pos > endpos {
        return Ok(Py::None);
    }
    let m = if full {
        let mut slot = re.full.borrow_mut();
        if slot.is_none() {
            let r = Regex::new(&format!("(?:{})\\z", re.engine_src))
                .map_err(|e| re_error(&format!("unsupported pattern ({e})"), 0, &re.pattern))?;
            *slot = Some(r);
        }
        let r = slot.as_ref().unwrap();
        search_at(re, r, &text, pos, endpos)?
    } else {
        search_at(re, &re.regex, &text, pos, endpos)?
    };
    // The leftmost match found from `pos` is the anchored one when it starts at `pos`.
    Ok(finish(m.filter(|m| m.spans[0].unwrap().2 == pos), &orig))
}

/// Every match from left to right, with Python 3.7+'s rule for empty matches.
fn all_matches(re: &Rc<Compiled>, text: &Text, mut pos: usize, endpos: usize, limit: usize) -> PyResult<Vec<Match>> {
    let mut out = Vec::new();
    let mut must_advance = false;
    while pos <= endpos && (limit == 0 || out.len() < limit) {
        let m = match search_at(re, &re.regex, text, pos, endpos)? {
            Some(m) => m,
            None => break,
        };
        let (_, _, cs, ce) = m.spans[0].unwrap();
        if must_advance && cs == pos && ce == pos {
            pos += 1;
            must_advance = false;
            continue;
        }
        must_advance = cs == ce;
        pos = ce;
        out.push(m);
    }
    Ok(out)
}

impl Match {
    fn group_index(&self, g: &Py) -> PyResult<usize> {
        match g {
            Py::Int(i) if *i >= 0 && (*i as usize) <= self.re.groups => Ok(*i as usize),
            Py::Bool(b) => Ok(*b as usize),
            Py::Str(name) => self
                .re
                .names
                .iter()
                .find(|(n, _)| **n == **name)
                .map(|(_, i)| *i)
                .ok_or_else(|| index_err("no such group")),
            _ => Err(index_err("no such group")),
        }
    }

    fn group_value(&self, g: usize, default: &Py) -> Py {
        match self.spans[g] {
            Some((bs, be, _, _)) => Py::str(&self.string[bs..be]),
            None => default.clone(),
        }
    }

    fn span_of(&self, g: usize) -> (i64, i64) {
        match self.spans[g] {
            Some((_, _, cs, ce)) => (cs as i64, ce as i64),
            None => (-1, -1),
        }
    }

    fn lastindex(&self) -> Option<usize> {
        // The group that closed last: the one with the greatest end, outermost on ties.
        let mut best: Option<(usize, usize)> = None;
        for g in 1..=self.re.groups {
            if let Some((_, be, _, _)) = self.spans[g] {
                match best {
                    Some((_, e)) if e >= be => {}
                    _ => best = Some((g, be)),
                }
            }
        }
        best.map(|(g, _)| g)
    }

    fn groups_tuple(&self, default: &Py) -> Py {
        Py::tuple((1..=self.re.groups).map(|g| self.group_value(g, default)).collect::<Vec<_>>())
    }

    /// `match.expand(template)` / the replacement of `sub`.
    fn expand(&self, template: &[TemplatePart]) -> String {
        let mut out = String::new();
        for part in template {
            match part {
                TemplatePart::Lit(s) => out.push_str(s),
                TemplatePart::Group(g) => {
                    if let Some((bs, be, _, _)) = self.spans[*g] {
                        out.push_str(&self.string[bs..be]);
                    }
                }
            }
        }
        out
    }
}

enum TemplatePart {
    Lit(String),
    Group(usize),
}

/// Parse a replacement template (`\1`, `\g<1>`, `\g<name>`, `\n`, `\\`).
fn parse_template(re: &Compiled, t: &str) -> PyResult<Vec<TemplatePart>> {
    let chars: Vec<char> = t.chars().collect();
    let mut parts = Vec::new();
    let mut lit = String::new();
    let mut i = 0;
    let err = |msg: String, pos: usize| re_error(&msg, pos, t);
    while i < chars.len() {
        let c = chars[i];
        if c != '\\' {
            lit.push(c);
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        let e = match chars.get(i) {
            None => return Err(err("bad escape (end of pattern)".into(), start)),
            Some(e) => *e,
        };
        i += 1;
        let group = match e {
            'g' => {
                if chars.get(i) != Some(&'<') {
                    return Err(err("missing <".into(), i));
                }
                let s = i + 1;
                let mut j = s;
                while j < chars.len() && chars[j] != '>' {
                    j += 1;
                }
                if j >= chars.len() {
                    return Err(err("missing >, unterminated name".into(), s));
                }
                let name: String = chars[s..j].iter().collect();
                i = j + 1;
                if name.is_empty() {
                    return Err(err("missing group name".into(), s));
                }
                if let Ok(n) = name.parse::<usize>() {
                    if n > re.groups {
                        return Err(err(format!("invalid group reference {n}"), s));
                    }
                    n
                } else {
                    let valid = name.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_')
                        && name.chars().all(|c| c.is_alphanumeric() || c == '_');
                    if !valid {
                        return Err(err(format!("bad character in group name '{name}'"), s));
                    }
                    match re.names.iter().find(|(n, _)| *n == name) {
                        Some((_, g)) => *g,
                        None => return Err(PyErr::msg(&exc::INDEX_ERROR, format!("unknown group name '{name}'"))),
                    }
                }
            }
            '0' => {
                let mut v = 0u32;
                let mut k = 0;
                while k < 2 && chars.get(i).is_some_and(|d| ('0'..='7').contains(d)) {
                    v = v * 8 + chars[i].to_digit(8).unwrap();
                    i += 1;
                    k += 1;
                }
                lit.push(char::from_u32(v).unwrap());
                continue;
            }
            '1'..='9' => {
                let mut n = e.to_digit(10).unwrap() as usize;
                if chars.get(i).is_some_and(|d| d.is_ascii_digit()) {
                    // three octal digits are an octal escape
                    if ('0'..='7').contains(&e)
                        && ('0'..='7').contains(&chars[i])
                        && chars.get(i + 1).is_some_and(|d| ('0'..='7').contains(d))
                    {
                        let v = e.to_digit(8).unwrap() * 64 + chars[i].to_digit(8).unwrap() * 8 + chars[i + 1].to_digit(8).unwrap();
                        if v > 0o377 {
                            return Err(err(format!("octal escape value \\{e}{}{} outside of range 0-0o377", chars[i], chars[i + 1]), start));
                        }
                        i += 2;
                        lit.push(char::from_u32(v).unwrap());
                        continue;
                    }
                    n = n * 10 + chars[i].to_digit(10).unwrap() as usize;
                    i += 1;
                }
                if n > re.groups {
                    return Err(err(format!("invalid group reference {n}"), start + 1));
                }
                n
            }
            'n' => { lit.push('\n'); continue; }
            't' => { lit.push('\t'); continue; }
            'r' => { lit.push('\r'); continue; }
            'f' => { lit.push('\x0c'); continue; }
            'v' => { lit.push('\x0b'); continue; }
            'a' => { lit.push('\x07'); continue; }
            'b' => { lit.push('\x08'); continue; }
            '\\' => { lit.push('\\'); continue; }
            c if c.is_ascii_alphabetic() => return Err(err(format!("bad escape \\{c}"), start)),
            c => {
                lit.push('\\');
                lit.push(c);
                continue;
            }
        };
        if !lit.is_empty() {
            parts.push(TemplatePart::Lit(std::mem::take(&mut lit)));
        }
        parts.push(TemplatePart::Group(group));
    }
    if !lit.is_empty() {
        parts.push(TemplatePart::Lit(lit));
    }
    Ok(parts)
}

fn do_findall(re: &Rc<Compiled>, s: &Rc<str>, pos: Option<Py>, endpos: Option<Py>) -> PyResult<Py> {
    let (text, pos, endpos, _) = bounds(s, pos, endpos)?;
    let ms = all_matches(re, &text, pos, endpos, 0)?;
    let empty = Py::str("");
    Ok(Py::list(
        ms.iter()
            .map(|m| match re.groups {
                0 => m.group_value(0, &empty),
                1 => m.group_value(1, &empty),
                _ => m.groups_tuple(&empty),
            })
            .collect::<Vec<_>>(),
    ))
}

fn do_finditer(re: &Rc<Compiled>, s: &Rc<str>, pos: Option<Py>, endpos: Option<Py>) -> PyResult<Py> {
    let (text, pos, endpos, orig) = bounds(s, pos, endpos)?;
    let ms = all_matches(re, &text, pos, endpos, 0)?;
    Ok(Py::iterator(ms.into_iter().map(move |m| Ok(finish(Some(m), &orig)))))
}

fn count_arg(v: Option<Py>) -> PyResult<usize> {
    Ok(match v {
        None => 0,
        Some(v) => super::ops::index_of(&v)?.max(0) as usize,
    })
}

fn do_sub(re: &Rc<Compiled>, repl: Py, s: &Rc<str>, count: Option<Py>, with_count: bool) -> PyResult<Py> {
    let count = count_arg(count)?;
    let template = match &repl {
        Py::Str(t) => Some(parse_template(re, t)?),
        Py::Bytes(_) => return Err(type_err("expected str instance, bytes found")),
        _ => None,
    };
    if template.is_none() && !super::builtins::callable(Args::pos(vec![repl.clone()]))?.truthy() {
        return Err(type_err(format!("decoding to str: need a bytes-like object, {} found", repl.type_name())));
    }
    let text = Text::new(s.clone());
    let n = text.char_len();
    let ms = all_matches(re, &text, 0, n, count)?;
    let mut out = String::with_capacity(s.len());
    let mut last = 0;
    let k = ms.len();
    // CPython collects the pieces in a list and joins it: a callable's non-str result is
    // reported (after every call) with its index in that list; None adds nothing.
    let mut pieces = 0usize;
    let mut bad: Option<(usize, String)> = None;
    for m in ms {
        let (bs, be, _, _) = m.spans[0].unwrap();
        if bs > last {
            pieces += 1;
        }
        out.push_str(&s[last..bs]);
        match &template {
            Some(t) => out.push_str(&m.expand(t)),
            None => match repl.call(Args::pos(vec![Py::Object(Rc::new(m))]))? {
                Py::None => {}
                Py::Str(x) => {
                    pieces += 1;
                    out.push_str(&x);
                }
                other => {
                    if bad.is_none() {
                        bad = Some((pieces, other.type_name().to_string()));
                    }
                    pieces += 1;
                }
            },
        }
        last = be;
    }
    if let Some((i, t)) = bad {
        return Err(type_err(format!("sequence item {i}: expected str instance, {t} found")));
    }
    out.push_str(&s[last..]);
    let result = Py::from(out);
    Ok(if with_count { Py::tuple(vec![result, Py::Int(k as i64)]) } else { result })
}

fn do_split(re: &Rc<Compiled>, s: &Rc<str>, maxsplit: Option<Py>) -> PyResult<Py> {
    let maxsplit = match maxsplit {
        None => 0,
        Some(v) => {
            let m = super::ops::index_of(&v)?;
            if m < 0 {
                return Ok(Py::list(vec![Py::Str(s.clone())]));
            }
            m as usize
        }
    };
    let text = Text::new(s.clone());
    let ms = all_matches(re, &text, 0, text.char_len(), maxsplit)?;
    let mut out = Vec::new();
    let mut last = 0;
    for m in ms {
        let (bs, be, _, _) = m.spans[0].unwrap();
        out.push(Py::str(&s[last..bs]));
        for g in 1..=re.groups {
            out.push(m.group_value(g, &Py::None));
        }
        last = be;
    }
    out.push(Py::str(&s[last..]));
    Ok(Py::list(out))
}

// ---------------------------------------------------------------------------------------
// Objects
// ---------------------------------------------------------------------------------------

pub struct Pattern(Rc<Compiled>);

fn flags_repr(flags: i64) -> String {
    let names = [
        (IGNORECASE, "re.IGNORECASE"),
        (LOCALE, "re.LOCALE"),
        (MULTILINE, "re.MULTILINE"),
        (DOTALL, "re.DOTALL"),
        (VERBOSE, "re.VERBOSE"),
        (ASCII, "re.ASCII"),
    ];
    let shown = flags & !UNICODE;
    let mut parts: Vec<String> = names.iter().filter(|(f, _)| shown & f != 0).map(|(_, n)| n.to_string()).collect();
    let rest = shown & !names.iter().fold(0, |a, (f, _)| a | f);
    if rest != 0 {
        parts.push(format!("0x{rest:x}"));
    }
    parts.join("|")
}

impl Object for Pattern {
    fn type_name(&self) -> &str {
        "Pattern"
    }
    fn getattr(&self, this: &Py, name: &str) -> Option<PyResult<Py>> {
        let c = &self.0;
        Some(Ok(match name {
            "pattern" => Py::Str(c.pattern.clone()),
            "flags" => Py::Int(c.flags),
            "groups" => Py::Int(c.groups as i64),
            "groupindex" => {
                let pairs: Vec<_> = c.names.iter().map(|(n, g)| (Py::str(n), Py::Int(*g as i64))).collect();
                return Some(Py::dict(pairs));
            }
            "match" | "search" | "fullmatch" | "findall" | "finditer" | "sub" | "subn" | "split" => {
                this.bound_method(name)
            }
            _ => return None,
        }))
    }
    fn call_method(&self, _this: &Py, name: &str, args: Args) -> Option<PyResult<Py>> {
        let c = &self.0;
        let r = (|| match name {
            "match" | "search" | "fullmatch" | "findall" | "finditer" => {
                let [s, pos, endpos] = args.bind(name, ["string", "pos", "endpos"], 1)?;
                let s = string_arg(&s.unwrap())?;
                match name {
                    "match" => do_match(c, &s, pos, endpos, false),
                    "fullmatch" => do_match(c, &s, pos, endpos, true),
                    "search" => do_search(c, &s, pos, endpos),
                    "findall" => do_findall(c, &s, pos, endpos),
                    _ => do_finditer(c, &s, pos, endpos),
                }
            }
            "sub" | "subn" => {
                let [repl, s, count] = args.bind(name, ["repl", "string", "count"], 2)?;
                let s = string_arg(&s.unwrap())?;
                do_sub(c, repl.unwrap(), &s, count, name == "subn")
            }
            "split" => {
                let [s, maxsplit] = args.bind(name, ["string", "maxsplit"], 1)?;
                let s = string_arg(&s.unwrap())?;
                do_split(c, &s, maxsplit)
            }
            _ => Err(PyErr::msg(&exc::ATTRIBUTE_ERROR, "")),
        })();
        match r {
            Err(e) if e.is_instance("AttributeError") && e.message().is_empty() => None,
            r => Some(r),
        }
    }
    fn repr(&self) -> String {
        let p = super::repr::str_repr(&self.0.pattern);
        let f = flags_repr(self.0.flags);
        if f.is_empty() {
            format!("re.compile({p})")
        } else {
            format!("re.compile({p}, {f})")
        }
    }
    fn eq(&self, other: &dyn Object) -> Option<bool> {
        other
            .as_any()
            .downcast_ref::<Pattern>()
            .map(|o| o.0.pattern == self.0.pattern && o.0.flags == self.0.flags)
    }
    fn hash(&self) -> Option<u64> {
        Some(super::key::py_hash(&Py::Str(self.0.pattern.clone())) as u64 ^ self.0.flags as u64)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

impl Object for Match {
    fn type_name(&self) -> &str {
        "Match"
    }
    fn getattr(&self, this: &Py, name: &str) -> Option<PyResult<Py>> {
        Some(Ok(match name {
            "string" => Py::Str(self.string.clone()),
            "re" => Py::Object(Rc::new(Pattern(self.re.clone()))),
            "pos" => Py::Int(self.pos as i64),
            "endpos" => Py::Int(self.endpos as i64),
            "lastindex" => self.lastindex().map(|g| Py::Int(g as i64)).unwrap_or(Py::None),
            "lastgroup" => self
                .lastindex()
                .and_then(|g| self.re.names.iter().find(|(_, i)| *i == g))
                .map(|(n, _)| Py::str(n))
                .unwrap_or(Py::None),
            "regs" => Py::tuple(
                (0..=self.re.groups)
                    .map(|g| {
                        let (s, e) = self.span_of(g);
                        Py::tuple(vec![Py::Int(s), Py::Int(e)])
                    })
                    .collect::<Vec<_>>(),
            ),
            "group" | "groups" | "groupdict" | "start" | "end" | "span" | "expand" => {
                this.bound_method(name)
            }
            _ => return None,
        }))
    }
    fn call_method(&self, _this: &Py, name: &str, args: Args) -> Option<PyResult<Py>> {
        let r = (|| -> PyResult<Py> {
            match name {
                "group" => {
                    if !args.kw.is_empty() {
                        return Err(type_err("group() takes no keyword arguments"));
                    }
                    match args.pos.len() {
                        0 => Ok(self.group_value(0, &Py::None)),
                        1 => Ok(self.group_value(self.group_index(&args.pos[0])?, &Py::None)),
                        _ => {
                            let mut v = Vec::new();
                            for g in &args.pos {
                                v.push(self.group_value(self.group_index(g)?, &Py::None));
                            }
                            Ok(Py::tuple(v))
                        }
                    }
                }
                "__getitem__" => {
                    let [g] = args.bind("__getitem__", ["key"], 1)?;
                    Ok(self.group_value(self.group_index(&g.unwrap())?, &Py::None))
                }
                "groups" => {
                    let [d] = args.bind("groups", ["default"], 0)?;
                    Ok(self.groups_tuple(&d.unwrap_or(Py::None)))
                }
                "groupdict" => {
                    let [d] = args.bind("groupdict", ["default"], 0)?;
                    let d = d.unwrap_or(Py::None);
                    let pairs: Vec<_> = self.re.names.iter().map(|(n, g)| (Py::str(n), self.group_value(*g, &d))).collect();
                    Py::dict(pairs)
                }
                "start" | "end" | "span" => {
                    let [g] = args.bind(name, ["group"], 0)?;
                    let g = match g {
                        None => 0,
                        Some(g) => self.group_index(&g)?,
                    };
                    let (s, e) = self.span_of(g);
                    Ok(match name {
                        "start" => Py::Int(s),
                        "end" => Py::Int(e),
                        _ => Py::tuple(vec![Py::Int(s), Py::Int(e)]),
                    })
                }
                "expand" => {
                    let [t] = args.bind("expand", ["template"], 1)?;
                    let t = string_arg(&t.unwrap())?;
                    let parts = parse_template(&self.re, &t)?;
                    Ok(Py::from(self.expand(&parts)))
                }
                _ => Err(PyErr::msg(&exc::ATTRIBUTE_ERROR, "")),
            }
        })();
        match r {
            Err(e) if e.is_instance("AttributeError") && e.message().is_empty() => None,
            r => Some(r),
        }
    }
    fn repr(&self) -> String {
        let (s, e) = self.span_of(0);
        format!(
            "<re.Match object; span=({s}, {e}), match={}>",
            self.group_value(0, &Py::None).repr_string()
        )
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

// ---------------------------------------------------------------------------------------
// Module functions
// ---------------------------------------------------------------------------------------

fn module_search(name: &str, a: Args) -> PyResult<Py> {
    let [p, s, f] = a.bind(name, ["pattern", "string", "flags"], 2)?;
    let re = pattern_arg(p.unwrap(), f)?;
    let s = string_arg(&s.unwrap())?;
    match name {
        "match" => do_match(&re, &s, None, None, false),
        "fullmatch" => do_match(&re, &s, None, None, true),
        "search" => do_search(&re, &s, None, None),
        "findall" => do_findall(&re, &s, None, None),
        _ => do_finditer(&re, &s, None, None),
    }
}

/// `re.compile(pattern, flags=0)`
pub fn compile(a: Args) -> PyResult<Py> {
    let [p, f] = a.bind("compile", ["pattern", "flags"], 1)?;
    let re = pattern_arg(p.unwrap(), f)?;
    Ok(Py::Object(Rc::new(Pattern(re))))
}

/// `re.match(pattern, string, flags=0)`
pub fn r#match(a: Args) -> PyResult<Py> {
    module_search("match", a)
}

/// `re.search(pattern, string, flags=0)`
pub fn search(a: Args) -> PyResult<Py> {
    module_search("search", a)
}

/// `re.fullmatch(pattern, string, flags=0)`
pub fn fullmatch(a: Args) -> PyResult<Py> {
    module_search("fullmatch", a)
}

/// `re.findall(pattern, string, flags=0)`
pub fn findall(a: Args) -> PyResult<Py> {
    module_search("findall", a)
}

/// `re.finditer(pattern, string, flags=0)`
pub fn finditer(a: Args) -> PyResult<Py> {
    module_search("finditer", a)
}

/// `re.sub(pattern, repl, string, count=0, flags=0)`
pub fn sub(a: Args) -> PyResult<Py> {
    let [p, r, s, c, f] = a.bind("sub", ["pattern", "repl", "string", "count", "flags"], 3)?;
    let re = pattern_arg(p.unwrap(), f)?;
    let s = string_arg(&s.unwrap())?;
    do_sub(&re, r.unwrap(), &s, c, false)
}

/// `re.subn(pattern, repl, string, count=0, flags=0)`
pub fn subn(a: Args) -> PyResult<Py> {
    let [p, r, s, c, f] = a.bind("subn", ["pattern", "repl", "string", "count", "flags"], 3)?;
    let re = pattern_arg(p.unwrap(), f)?;
    let s = string_arg(&s.unwrap())?;
    do_sub(&re, r.unwrap(), &s, c, true)
}

/// `re.split(pattern, string, maxsplit=0, flags=0)`
pub fn split(a: Args) -> PyResult<Py> {
    let [p, s, m, f] = a.bind("split", ["pattern", "string", "maxsplit", "flags"], 2)?;
    let re = pattern_arg(p.unwrap(), f)?;
    let s = string_arg(&s.unwrap())?;
    do_split(&re, &s, m)
}

/// `re.escape(pattern)`
pub fn escape(a: Args) -> PyResult<Py> {
    let [p] = a.bind("escape", ["pattern"], 1)?;
    match p.unwrap() {
        Py::Str(s) => {
            let mut out = String::with_capacity(s.len());
            for c in s.chars() {
                // CPython 3.7+: _special_chars_map
                if "()[]{}?*+-|^$\\.&~# \t\n\r\x0b\x0c".contains(c) {
                    out.push('\\');
                }
                out.push(c);
            }
            Ok(Py::from(out))
        }
        Py::Bytes(b) => {
            let mut out = Vec::with_capacity(b.len());
            for &c in b.iter() {
                if b"()[]{}?*+-|^$\\.&~# \t\n\r\x0b\x0c".contains(&c) {
                    out.push(b'\\');
                }
                out.push(c);
            }
            Ok(Py::Bytes(Rc::from(out)))
        }
        other => Err(type_err(format!("decoding to str: need a bytes-like object, {} found", other.type_name()))),
    }
}

/// `re.purge()`
pub fn purge(a: Args) -> PyResult<Py> {
    a.bind("purge", [], 0)?;
    CACHE.with(|c| c.borrow_mut().clear());
    Ok(Py::None)
}
