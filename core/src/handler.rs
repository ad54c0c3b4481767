//! Which top-level function is the Lambda entry point.
//!
//! Order of precedence: an explicit request (`--handler`, also accepted in the
//! `module.function` form used by Lambda's handler setting) → a function named
//! `handler` or `lambda_handler` → the single function shaped like `(event, context)`.
//! Anything ambiguous is an error that lists the candidates; guessing here would make
//! every later stage silently wrong.

use serde::{Deserialize, Serialize};

use crate::diagnostics::Diagnostic;
use crate::frontend::{FunctionRef, ParsedModule};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandlerInfo {
    pub name: String,
    /// 1-based line of the `def`.
    pub line: u32,
}

const CONVENTIONAL_NAMES: &[&str] = &["handler", "lambda_handler"];
const EVENT_NAMES: &[&str] = &["event", "evt", "_event"];
const CONTEXT_NAMES: &[&str] = &["context", "ctx", "_context", "_ctx"];

pub fn detect_handler(
    module: &ParsedModule,
    requested: Option<&str>,
) -> Result<HandlerInfo, Diagnostic> {
    let info = |f: FunctionRef<'_>| HandlerInfo {
        name: f.name.to_owned(),
        line: f.def_line(module),
    };
    let all: Vec<FunctionRef<'_>> = module.functions().collect();

    if let Some(req) = requested {
        // `handler.lambda_handler` (Lambda's own notation) names the function after the dot.
        let name = req.rsplit('.').next().unwrap_or(req).trim();
        return match module.function(name) {
            Some(f) => Ok(info(f)),
            None => Err(Diagnostic::error(
                1,
                1,
                format!("handler `{name}` not found; {}", list(&all)),
            )),
        };
    }

    let named: Vec<_> = all
        .iter()
        .filter(|f| CONVENTIONAL_NAMES.contains(&f.name))
        .copied()
        .collect();
    match dedup_by_name(named).as_slice() {
        [one] => return Ok(info(*one)),
        [] => {}
        several => {
            return Err(ambiguous(
                module,
                several,
                "several conventional handler names",
            ))
        }
    }

    let shaped: Vec<_> = all
        .iter()
        .filter(|f| looks_like_handler(f))
        .copied()
        .collect();
    match dedup_by_name(shaped).as_slice() {
        [one] => Ok(info(*one)),
        [] => Err(Diagnostic::error(
            1,
            1,
            format!("no Lambda handler found (no `handler`/`lambda_handler` and no function taking (event, context)); {}", list(&all)),
        )
        .with_suggestion("pass --handler NAME")),
        several => Err(ambiguous(module, several, "several functions take (event, context)")),
    }
}

/// Exactly two leading positional parameters that read like `(event, context)`.
fn looks_like_handler(f: &FunctionRef<'_>) -> bool {
    let params = f.positional_params();
    matches!(params.as_slice(), [e, c] if EVENT_NAMES.contains(e) && CONTEXT_NAMES.contains(c))
}

/// A redefined function is one function (the last definition wins in Python).
fn dedup_by_name(fs: Vec<FunctionRef<'_>>) -> Vec<FunctionRef<'_>> {
    let mut out: Vec<FunctionRef<'_>> = Vec::new();
    for f in fs {
        out.retain(|g| g.name != f.name);
        out.push(f);
    }
    out
}

fn ambiguous(module: &ParsedModule, fs: &[FunctionRef<'_>], why: &str) -> Diagnostic {
    let names: Vec<String> = fs
        .iter()
        .map(|f| format!("{} (line {})", f.name, f.def_line(module)))
        .collect();
    let first = fs.first().map(|f| f.def_line(module)).unwrap_or(1);
    Diagnostic::error(
        first,
        1,
        format!("ambiguous Lambda handler: {why}: {}", names.join(", ")),
    )
    .with_suggestion("pass --handler NAME")
}

fn list(all: &[FunctionRef<'_>]) -> String {
    if all.is_empty() {
        "the module defines no top-level functions".to_owned()
    } else {
        let names: Vec<&str> = all.iter().map(|f| f.name).collect();
        format!("top-level functions: {}", names.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frontend::parse;

    fn detect(src: &str, req: Option<&str>) -> Result<HandlerInfo, Diagnostic> {
        detect_handler(&parse(src).unwrap(), req)
    }

    #[test]
    fn conventional_names() {
        let h = detect(
            "def helper(x):\n    pass\n\ndef lambda_handler(event, context):\n    pass\n",
            None,
        )
        .unwrap();
        assert_eq!(
            h,
            HandlerInfo {
                name: "lambda_handler".into(),
                line: 4
            }
        );
        let h = detect("def handler(e, c):\n    pass\n", None).unwrap();
        assert_eq!(h.name, "handler");
    }

    #[test]
    fn event_context_shape() {
        let h = detect(
            "def helper(x):\n    pass\n\nasync def main(event, context):\n    pass\n",
            None,
        )
        .unwrap();
        assert_eq!(
            h,
            HandlerInfo {
                name: "main".into(),
                line: 4
            }
        );
    }

    #[test]
    fn requested_overrides_and_module_form() {
        let src =
            "def handler(event, context):\n    pass\n\ndef other(event, context):\n    pass\n";
        assert_eq!(detect(src, Some("other")).unwrap().name, "other");
        assert_eq!(detect(src, Some("handler.other")).unwrap().name, "other");
        let err = detect(src, Some("nope")).unwrap_err();
        assert!(
            err.message.contains("nope") && err.message.contains("handler, other"),
            "{}",
            err.message
        );
    }

    #[test]
    fn several_or_none_list_candidates() {
        let err = detect("def handler(event, context):\n    pass\ndef lambda_handler(event, context):\n    pass\n", None).unwrap_err();
        assert!(
            err.message.contains("handler (line 1)")
                && err.message.contains("lambda_handler (line 3)")
        );
        let err = detect(
            "def a(event, context):\n    pass\ndef b(event, context):\n    pass\n",
            None,
        )
        .unwrap_err();
        assert!(
            err.message.contains("a (line 1), b (line 3)"),
            "{}",
            err.message
        );
        let err = detect("def a(x):\n    pass\n", None).unwrap_err();
        assert!(err.message.contains("top-level functions: a"));
        let err = detect("x = 1\n", None).unwrap_err();
        assert!(err.message.contains("no top-level functions"));
    }

    #[test]
    fn redefinition_is_one_candidate() {
        let h = detect(
            "def handler(event, context):\n    pass\ndef handler(event, context):\n    return 1\n",
            None,
        )
        .unwrap();
        assert_eq!(h.line, 3);
    }
}
