//! The playground carries `pyrt/src` squeezed (`src/squeeze.rs`, applied by `build.rs` for
//! wasm). Squeezing must keep every token: the downloaded project compiles exactly the code
//! the CLI's does.

#[path = "../src/squeeze.rs"]
mod squeeze;

use std::str::FromStr;

use proc_macro2::{Spacing, TokenStream, TokenTree};

/// The tokens, flattened; a punctuation's spacing only where it can join the next one
/// (`,` and `;` never join anything).
fn tokens(ts: TokenStream, out: &mut Vec<String>) {
    for t in ts {
        match t {
            TokenTree::Group(g) => {
                out.push(format!("{:?}(", g.delimiter()));
                tokens(g.stream(), out);
                out.push(")".into());
            }
            TokenTree::Punct(p) => {
                let joins = p.spacing() == Spacing::Joint && !matches!(p.as_char(), ',' | ';');
                out.push(format!("{}{}", p.as_char(), if joins { "+" } else { "" }));
            }
            other => out.push(other.to_string()),
        }
    }
}

#[test]
fn squeezed_runtime_keeps_every_token() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../pyrt/src");
    let mut checked = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        // As build.rs compacts it: no comment lines, no indentation.
        let lines: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with("//"))
            .collect();
        let compact = lines.join("\n") + "\n";
        let squeezed = squeeze::squeeze(&compact);
        assert!(squeezed.len() < compact.len(), "{}", path.display());
        let (mut before, mut after) = (Vec::new(), Vec::new());
        tokens(TokenStream::from_str(&compact).unwrap(), &mut before);
        let parsed = TokenStream::from_str(&squeezed)
            .unwrap_or_else(|e| panic!("{}: squeezed text does not lex: {e:?}", path.display()));
        tokens(parsed, &mut after);
        // `+'static` and `=='x'` join a lifetime or char literal only in proc-macro2's view.
        let normalise = |v: Vec<String>| -> Vec<String> {
            let mut out = Vec::new();
            for (i, t) in v.iter().enumerate() {
                let next_is_quote = v.get(i + 1).is_some_and(|n| n.starts_with('\''));
                out.push(if next_is_quote {
                    t.trim_end_matches('+').to_string()
                } else {
                    t.clone()
                });
            }
            out
        };
        let (before, after) = (normalise(before), normalise(after));
        if let Some(i) = before.iter().zip(&after).position(|(a, b)| a != b) {
            panic!(
                "{}: token {i} differs: {:?} became {:?}",
                path.display(),
                &before[i.saturating_sub(3)..(i + 3).min(before.len())],
                &after[i.saturating_sub(3)..(i + 3).min(after.len())]
            );
        }
        assert_eq!(before.len(), after.len(), "{}", path.display());
        checked += 1;
    }
    assert!(checked > 40);
}

#[test]
fn squeeze_keeps_literals_and_separates_what_would_merge() {
    let src = "let s = \"a , b\" ; let c = ' ' ; let r = r#\"x ; \"# ; t.0 .0 ; x as u8 < -1 ; // gone\n'a: loop { break 'a ; }\n";
    let out = squeeze::squeeze(src);
    assert_eq!(
        out,
        "let s=\"a , b\";let c=' ';let r=r#\"x ; \"#;t.0 .0;x as u8< -1;'a:loop{break 'a;}\n"
    );
}
