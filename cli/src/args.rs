//! Minimal flag parsing shared by subcommands: `--name value`, `--name=value`,
//! boolean `--help`, and positionals. Hand-written to keep the binary small and
//! dependency-free.

/// Parsed command line of one subcommand.
#[derive(Debug, Default)]
pub struct Parsed {
    pub positionals: Vec<String>,
    pub options: Vec<(String, String)>,
    pub help: bool,
}

impl Parsed {
    /// Last value given for `--name` (later flags override earlier ones).
    pub fn value(&self, name: &str) -> Option<&str> {
        self.options.iter().rev().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

/// `valued` lists the options that take a value; anything else starting with `-` is an error.
pub fn parse(argv: &[&str], valued: &[&str]) -> Result<Parsed, String> {
    let mut out = Parsed::default();
    let mut it = argv.iter();
    let mut only_positionals = false;
    while let Some(&arg) = it.next() {
        if only_positionals || !arg.starts_with('-') || arg == "-" {
            out.positionals.push(arg.to_owned());
            continue;
        }
        match arg {
            "--" => only_positionals = true,
            "-h" | "--help" => out.help = true,
            _ => {
                let (name, inline) = match arg.split_once('=') {
                    Some((n, v)) => (n, Some(v)),
                    None => (arg, None),
                };
                if !valued.contains(&name) {
                    return Err(format!("unknown option `{name}`"));
                }
                let value = match inline {
                    Some(v) => v.to_owned(),
                    None => it.next().map(|v| (*v).to_owned()).ok_or_else(|| format!("`{name}` needs a value"))?,
                };
                out.options.push((name.to_owned(), value));
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_forms() {
        let p = parse(&["f.py", "--format", "json", "--handler=h", "--", "--x"], &["--format", "--handler"]).unwrap();
        assert_eq!(p.positionals, vec!["f.py", "--x"]);
        assert_eq!(p.value("--format"), Some("json"));
        assert_eq!(p.value("--handler"), Some("h"));
        assert!(parse(&["--nope"], &[]).is_err());
        assert!(parse(&["--format"], &["--format"]).is_err());
        assert!(parse(&["-h"], &[]).unwrap().help);
    }
}
