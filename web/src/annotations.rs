//! Editing `# @depyler: key = value` lines from the options panel.
//!
//! The source stays the single source of truth: the panel writes annotation lines and
//! reads the values back from the core's analysis, so whatever the user types by hand
//! and whatever the panel sets can never disagree.

/// The value of `key` as written in the source (the last one wins, as in the core).
pub fn get(source: &str, key: &str) -> Option<String> {
    source.lines().rev().filter_map(parse_line).find(|(k, _)| *k == key).map(|(_, v)| v.to_owned())
}

/// `# @depyler: key = value` → (key, value), with quotes and a trailing comment dropped.
fn parse_line(line: &str) -> Option<(&str, &str)> {
    let body = line.trim_start().strip_prefix('#')?.trim_start().strip_prefix("@depyler:")?;
    let (key, value) = body.split_once('=')?;
    let value = value.trim();
    let value = match value.find(" #") {
        Some(i) if !value.starts_with(['"', '\'']) => value[..i].trim_end(),
        _ => value,
    };
    Some((key.trim(), value.trim_matches(['"', '\''])))
}

/// Sets `key` to `value` (`None` removes it). An existing line keeps its place (the first
/// one; later duplicates go, since they would win); a new line goes after the last
/// annotation, or at the top of the file (below a shebang/encoding line).
pub fn set(source: &str, key: &str, value: Option<&str>) -> String {
    let mut lines: Vec<String> = source.split('\n').map(str::to_owned).collect();
    let matches: Vec<usize> =
        lines.iter().enumerate().filter(|(_, l)| parse_line(l).is_some_and(|(k, _)| k == key)).map(|(i, _)| i).collect();
    let new_line = value.map(|v| format!("# @depyler: {key} = {v}"));

    match (matches.first(), new_line) {
        (Some(&first), Some(line)) => {
            lines[first] = line;
            for &i in matches[1..].iter().rev() {
                lines.remove(i);
            }
        }
        (Some(_), None) => {
            for &i in matches.iter().rev() {
                lines.remove(i);
            }
        }
        (None, Some(line)) => {
            let at = lines
                .iter()
                .rposition(|l| parse_line(l).is_some())
                .map(|i| i + 1)
                .unwrap_or_else(|| lines.iter().take_while(|l| l.starts_with("#!") || l.contains("coding")  && l.starts_with('#')).count());
            lines.insert(at, line);
        }
        (None, None) => {}
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn get_reads_the_last_value() {
        let s = "# @depyler: timeout = 30\nx = 1\n#   @depyler:timeout=60  # later\n";
        assert_eq!(get(s, "timeout").as_deref(), Some("60"));
        assert_eq!(get(s, "memory_size"), None);
    }

    #[test]
    fn set_replaces_in_place_and_drops_duplicates() {
        let s = "import json\n# @depyler: timeout = 30\nx = 1\n# @depyler: timeout = 5\n";
        assert_eq!(set(s, "timeout", Some("60")), "import json\n# @depyler: timeout = 60\nx = 1\n");
    }

    #[test]
    fn set_inserts_after_annotations_or_at_top() {
        assert_eq!(
            set("# @depyler: timeout = 30\nimport os\n", "memory_size", Some("256")),
            "# @depyler: timeout = 30\n# @depyler: memory_size = 256\nimport os\n"
        );
        assert_eq!(set("import os\n", "tracing", Some("true")), "# @depyler: tracing = true\nimport os\n");
        assert_eq!(
            set("#!/usr/bin/env python3\nimport os", "tracing", Some("true")),
            "#!/usr/bin/env python3\n# @depyler: tracing = true\nimport os"
        );
        assert_eq!(set("", "timeout", Some("3")), "# @depyler: timeout = 3\n");
    }

    #[test]
    fn set_none_removes() {
        assert_eq!(set("# @depyler: event_type = sqs\nx = 1\n", "event_type", None), "x = 1\n");
        assert_eq!(set("x = 1\n", "event_type", None), "x = 1\n");
    }
}
