//! `fnmatch.fnmatch`/`fnmatchcase`/`filter` (POSIX: no case folding), matching what
//! CPython's `fnmatch.translate` regex matches: `*`, `?`, `[seq]`, `[!seq]` with its rules
//! for ranges, empty ranges and an unclosed `[`.

use super::format::type_err;
use super::value::*;

enum Tok {
    Star,
    Any,
    Never,
    Lit(char),
    /// Literal members, and ranges between consecutive chunks.
    Class { negate: bool, chunks: Vec<Vec<char>> },
}

impl Tok {
    fn matches(&self, c: char) -> bool {
        match self {
            Tok::Star | Tok::Any => true,
            Tok::Never => false,
            Tok::Lit(l) => *l == c,
            Tok::Class { negate, chunks } => {
                let mut hit = chunks.iter().any(|ch| ch.contains(&c));
                for w in chunks.windows(2) {
                    if let (Some(lo), Some(hi)) = (w[0].last(), w[1].first()) {
                        hit |= *lo <= c && c <= *hi;
                    }
                }
                hit != *negate
            }
        }
    }
}

fn compile(pat: &[char]) -> Vec<Tok> {
    let n = pat.len();
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        let c = pat[i];
        i += 1;
        match c {
            '*' => {
                if !matches!(out.last(), Some(Tok::Star)) {
                    out.push(Tok::Star);
                }
            }
            '?' => out.push(Tok::Any),
            '[' => {
                let mut j = i;
                if j < n && pat[j] == '!' {
                    j += 1;
                }
                if j < n && pat[j] == ']' {
                    j += 1;
                }
                while j < n && pat[j] != ']' {
                    j += 1;
                }
                if j >= n {
                    out.push(Tok::Lit('['));
                    continue;
                }
                let mut chunks: Vec<Vec<char>> = Vec::new();
                if !pat[i..j].contains(&'-') {
                    chunks.push(pat[i..j].to_vec());
                } else {
                    let mut start = i;
                    let mut k = if pat[i] == '!' { i + 2 } else { i + 1 };
                    while let Some(off) = pat.get(k..j).and_then(|s| s.iter().position(|c| *c == '-')) {
                        let at = k + off;
                        chunks.push(pat[start..at].to_vec());
                        start = at + 1;
                        k = at + 3;
                    }
                    let chunk = pat[start..j].to_vec();
                    if !chunk.is_empty() {
                        chunks.push(chunk);
                    } else if let Some(last) = chunks.last_mut() {
                        last.push('-');
                    }
                    // Remove empty ranges (invalid in a regex).
                    for k in (1..chunks.len()).rev() {
                        let (a, b) = (chunks[k - 1].last().copied(), chunks[k].first().copied());
                        if let (Some(a), Some(b)) = (a, b) {
                            if a > b {
                                let tail: Vec<char> = chunks[k][1..].to_vec();
                                chunks[k - 1].pop();
                                chunks[k - 1].extend(tail);
                                chunks.remove(k);
                            }
                        }
                    }
                }
                i = j + 1;
                let flat: Vec<char> = chunks.concat();
                if flat.is_empty() && chunks.len() <= 1 {
                    out.push(Tok::Never);
                } else if flat == ['!'] && chunks.len() == 1 {
                    out.push(Tok::Any);
                } else if chunks.first().and_then(|c| c.first()) == Some(&'!') {
                    chunks[0].remove(0);
                    out.push(Tok::Class { negate: true, chunks });
                } else {
                    out.push(Tok::Class { negate: false, chunks });
                }
            }
            c => out.push(Tok::Lit(c)),
        }
    }
    out
}

fn matches(name: &[char], toks: &[Tok]) -> bool {
    // dp[j]: the first i tokens match name[..j].
    let mut dp = vec![false; name.len() + 1];
    dp[0] = true;
    for t in toks {
        let mut next = vec![false; name.len() + 1];
        if let Tok::Star = t {
            let mut any = false;
            for j in 0..=name.len() {
                any |= dp[j];
                next[j] = any;
            }
        } else {
            for j in 0..name.len() {
                if dp[j] && t.matches(name[j]) {
                    next[j + 1] = true;
                }
            }
        }
        dp = next;
    }
    dp[name.len()]
}

fn text(v: &Py) -> PyResult<Vec<char>> {
    match v {
        Py::Str(s) => Ok(s.chars().collect()),
        other => Err(type_err(format!("expected str, bytes or os.PathLike object, not {}", other.type_name()))),
    }
}

/// `fnmatch.fnmatchcase(name, pat)`
pub fn fnmatchcase(a: Args) -> PyResult<Py> {
    let [name, pat] = a.bind("fnmatchcase", ["name", "pat"], 2)?;
    let toks = compile(&text(&pat.unwrap())?);
    Ok(Py::Bool(matches(&text(&name.unwrap())?, &toks)))
}

/// `fnmatch.fnmatch(name, pat)` (`os.path.normcase` does nothing on POSIX).
pub fn fnmatch(a: Args) -> PyResult<Py> {
    let [name, pat] = a.bind("fnmatch", ["name", "pat"], 2)?;
    let (name, pat) = (name.unwrap(), pat.unwrap());
    let name = text(&name)?;
    let pat = text(&pat)?;
    Ok(Py::Bool(matches(&name, &compile(&pat))))
}

/// `fnmatch.filter(names, pat)`
pub fn filter(a: Args) -> PyResult<Py> {
    let [names, pat] = a.bind("filter", ["names", "pat"], 2)?;
    let toks = compile(&text(&pat.unwrap())?);
    let mut out = Vec::new();
    for name in names.unwrap().iter()? {
        let name = name?;
        if matches(&text(&name)?, &toks) {
            out.push(name);
        }
    }
    Ok(Py::list(out))
}
