//! Tab / Shift+Tab / Enter for the textarea.
//!
//! Edits go through `document.execCommand("insertText")` where the browser has it, which
//! keeps them in the textarea's own undo history (Ctrl+Z undoes an indent like any
//! typing); `setRangeText` is the fallback. Textarea offsets are UTF-16 code units,
//! Rust strings are UTF-8: every offset is converted explicitly.

use wasm_bindgen::JsCast;
use web_sys::HtmlTextAreaElement;

const INDENT: &str = "    ";

/// Indents (or with `outdent`, dedents) the selected lines; with no selection, Tab
/// inserts spaces to the next indent stop. Returns whether the key was handled.
pub fn indent(ta: &HtmlTextAreaElement, outdent: bool) -> bool {
    let text = ta.value();
    let (Some(start16), Some(end16)) = (ta.selection_start().ok().flatten(), ta.selection_end().ok().flatten()) else {
        return false;
    };
    let (start, end) = (byte_of_utf16(&text, start16), byte_of_utf16(&text, end16));
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);

    if start == end && !outdent {
        let col = text[line_start..start].chars().count();
        let spaces = INDENT.len() - col % INDENT.len();
        return insert(ta, start16, end16, &" ".repeat(spaces));
    }
    // Whole lines from the first selected one to the last; a selection ending right at
    // a line start does not include that line.
    let block_end = if end > start && text[..end].ends_with('\n') { end - 1 } else { end };
    let block_end = text[block_end..].find('\n').map_or(text.len(), |i| block_end + i);
    let block = &text[line_start..block_end];
    let changed: Vec<String> = block
        .split('\n')
        .map(|line| {
            if outdent {
                let strip = line.bytes().take(INDENT.len()).take_while(|&b| b == b' ').count();
                let strip = if strip == 0 && line.starts_with('\t') { 1 } else { strip };
                line[strip..].to_owned()
            } else if line.trim().is_empty() {
                line.to_owned()
            } else {
                format!("{INDENT}{line}")
            }
        })
        .collect();
    let new_block = changed.join("\n");
    if new_block == block {
        return true;
    }
    let from16 = utf16_len(&text[..line_start]);
    let to16 = from16 + utf16_len(block);
    let ok = insert(ta, from16, to16, &new_block);
    let _ = ta.set_selection_range(from16, from16 + utf16_len(&new_block));
    ok
}

/// Enter keeps the current line's indentation, one level more after a `:`.
pub fn newline(ta: &HtmlTextAreaElement) -> bool {
    let text = ta.value();
    let (Some(start16), Some(end16)) = (ta.selection_start().ok().flatten(), ta.selection_end().ok().flatten()) else {
        return false;
    };
    let start = byte_of_utf16(&text, start16);
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line = &text[line_start..start];
    let mut indent: String = line.chars().take_while(|c| *c == ' ' || *c == '\t').collect();
    let code = line.split('#').next().unwrap_or("").trim_end();
    if code.ends_with(':') {
        indent.push_str(INDENT);
    }
    insert(ta, start16, end16, &format!("\n{indent}"))
}

/// Replaces the UTF-16 range with `text`, through the undo-friendly path if possible.
fn insert(ta: &HtmlTextAreaElement, from16: u32, to16: u32, text: &str) -> bool {
    let _ = ta.set_selection_range(from16, to16);
    let via_command = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
        .and_then(|d| d.exec_command_with_show_ui_and_value("insertText", false, text).ok())
        .unwrap_or(false);
    if !via_command {
        let _ = ta.set_range_text_with_start_and_end_and_mode(
            text,
            from16,
            to16,
            "end",
        );
    }
    true
}

fn utf16_len(s: &str) -> u32 {
    s.encode_utf16().count() as u32
}

/// Byte index of a UTF-16 offset (clamped to the text, on a char boundary).
pub fn byte_of_utf16(text: &str, offset16: u32) -> usize {
    let mut units = 0u32;
    for (i, c) in text.char_indices() {
        if units >= offset16 {
            return i;
        }
        units += c.len_utf16() as u32;
    }
    text.len()
}

/// UTF-16 offset of a 1-based line and column (columns count characters), clamped.
pub fn utf16_offset_of(text: &str, line: u32, column: u32) -> u32 {
    let mut offset = 0u32;
    for (i, l) in text.split('\n').enumerate() {
        if i + 1 == line.max(1) as usize {
            let col: u32 = l.chars().take(column.saturating_sub(1) as usize).map(|c| c.len_utf16() as u32).sum();
            return offset + col;
        }
        offset += utf16_len(l) + 1;
    }
    utf16_len(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_count_utf16() {
        let t = "é😀x\nab";
        assert_eq!(byte_of_utf16(t, 0), 0);
        assert_eq!(byte_of_utf16(t, 1), 2);
        assert_eq!(byte_of_utf16(t, 3), 6);
        assert_eq!(byte_of_utf16(t, 99), t.len());
        assert_eq!(utf16_offset_of(t, 2, 2), 6);
        assert_eq!(utf16_offset_of(t, 1, 3), 3);
        assert_eq!(utf16_offset_of(t, 9, 1), 7);
    }
}
