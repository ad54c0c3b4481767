//! `html.escape`.

use super::value::*;

/// `html.escape(s, quote=True)`
pub fn escape(a: Args) -> PyResult<Py> {
    let [s, quote] = a.bind("escape", ["s", "quote"], 1)?;
    let s = s.unwrap();
    let Py::Str(text) = &s else {
        return Err(PyErr::msg(&exc::ATTRIBUTE_ERROR, format!("'{}' object has no attribute 'replace'", s.type_name())));
    };
    let quote = quote.is_none_or(|q| q.truthy());
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if quote => out.push_str("&quot;"),
            '\'' if quote => out.push_str("&#x27;"),
            c => out.push(c),
        }
    }
    Ok(Py::from(out))
}
