//! Share links: the playground state in the URL fragment, compressed and versioned.
//!
//! `#v2.<base64url(deflate(json))>`. The fragment never reaches a server, so a link
//! carries the handler's source to whoever opens it and to nobody else. The version
//! prefix lets the format change without breaking links already pasted into tickets:
//! every version ever written stays decodable here (tested below).
//!
//! - `v1`: deflated source only (the first format; no options, no tab).
//! - `v2`: deflated JSON `{source, handler?, tab?}`.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde::{Deserialize, Serialize};

/// The format `encode` writes.
pub const CURRENT: &str = "v2";

/// A generous cap on the inflated size, so a hostile link cannot make the tab allocate
/// gigabytes (deflate expands up to ~1000×).
const MAX_INFLATED: usize = 4 << 20;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shared {
    pub source: String,
    /// Handler function override (`None`: detected).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handler: Option<String>,
    /// The output tab that was open (`src/main.rs`, `Cargo.toml`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tab: Option<String>,
}

/// Why a fragment could not be opened, in words for the banner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareError {
    UnknownVersion(String),
    NotBase64,
    Truncated,
    BadContents(String),
}

impl std::fmt::Display for ShareError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::UnknownVersion(v) => write!(
                f,
                "it was made by a newer or unknown version of the playground (format `{v}`)"
            ),
            Self::NotBase64 => f.write_str("it contains characters a share link never has (was it edited?)"),
            Self::Truncated => f.write_str("it is incomplete (probably cut off when it was pasted)"),
            Self::BadContents(e) => write!(f, "its contents are damaged ({e})"),
        }
    }
}

pub fn encode(state: &Shared) -> String {
    // serde_json on a struct of strings cannot fail.
    let json = serde_json::to_vec(state).unwrap_or_default();
    let packed = miniz_oxide::deflate::compress_to_vec(&json, 9);
    format!("{CURRENT}.{}", URL_SAFE_NO_PAD.encode(packed))
}

/// Decodes a fragment (with or without the leading `#`). `Ok(None)`: there is no share
/// state in it (empty, or something else, e.g. an in-page anchor).
pub fn decode(fragment: &str) -> Result<Option<Shared>, ShareError> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment).trim();
    let Some((version, payload)) = fragment.split_once('.') else {
        return Ok(None);
    };
    // Only `v<digits>` is ours; anything else is an ordinary fragment.
    if !(version.len() >= 2 && version.starts_with('v') && version[1..].bytes().all(|b| b.is_ascii_digit())) {
        return Ok(None);
    }
    match version {
        "v1" => {
            let source = inflate_text(payload)?;
            Ok(Some(Shared { source, handler: None, tab: None }))
        }
        "v2" => {
            let json = inflate_text(payload)?;
            serde_json::from_str(&json).map(Some).map_err(|e| ShareError::BadContents(e.to_string()))
        }
        other => Err(ShareError::UnknownVersion(other.to_owned())),
    }
}

fn inflate_text(payload: &str) -> Result<String, ShareError> {
    // Mail clients and chat apps like to append punctuation or percent-escape; accept
    // padding, drop surrounding whitespace.
    let payload = payload.trim().trim_end_matches('=');
    let packed = URL_SAFE_NO_PAD.decode(payload).map_err(|e| match e {
        base64::DecodeError::InvalidLength(_) | base64::DecodeError::InvalidLastSymbol { .. } => ShareError::Truncated,
        _ => ShareError::NotBase64,
    })?;
    let bytes = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_INFLATED).map_err(|e| {
        match e.status {
            miniz_oxide::inflate::TINFLStatus::FailedCannotMakeProgress => ShareError::Truncated,
            miniz_oxide::inflate::TINFLStatus::HasMoreOutput => {
                ShareError::BadContents("it expands to more than 4 MB".into())
            }
            _ => ShareError::BadContents("not compressed data".into()),
        }
    })?;
    String::from_utf8(bytes).map_err(|_| ShareError::BadContents("not UTF-8 text".into()))
}

/// `[title](url)` with the characters that would end the link text escaped.
pub fn markdown_link(title: &str, url: &str) -> String {
    let mut text = String::with_capacity(title.len());
    for c in title.chars() {
        if matches!(c, '[' | ']' | '\\') {
            text.push('\\');
        }
        text.push(c);
    }
    format!("[{text}]({url})")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Shared {
        Shared {
            source: "def handler(event, context):\n    return {\"ok\": True}  # ünïcode ✓\n".into(),
            handler: Some("handler".into()),
            tab: Some("Cargo.toml".into()),
        }
    }

    #[test]
    fn round_trip() {
        let link = encode(&sample());
        assert!(link.starts_with("v2."));
        assert!(link.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b)), "{link}");
        assert_eq!(decode(&format!("#{link}")), Ok(Some(sample())));
    }

    #[test]
    fn v1_links_still_open() {
        // A v1 link as the first playground wrote it: deflated source, nothing else.
        let source = "def handler(event, context):\n    return 1\n";
        let v1 = format!("#v1.{}", URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(source.as_bytes(), 9)));
        assert_eq!(decode(&v1), Ok(Some(Shared { source: source.into(), handler: None, tab: None })));
    }

    #[test]
    fn v2_ignores_fields_it_does_not_know() {
        let json = br#"{"source":"x = 1\n","tab":"README.md","future":42}"#;
        let link = format!("v2.{}", URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(json, 9)));
        let got = decode(&link).unwrap().unwrap();
        assert_eq!(got.source, "x = 1\n");
        assert_eq!(got.tab.as_deref(), Some("README.md"));
    }

    #[test]
    fn not_ours_is_none() {
        assert_eq!(decode(""), Ok(None));
        assert_eq!(decode("#"), Ok(None));
        assert_eq!(decode("#section-2"), Ok(None));
        assert_eq!(decode("#vx.abc"), Ok(None));
    }

    #[test]
    fn damaged_links_are_errors_not_panics() {
        let link = encode(&sample());
        for cut in [link.len() - 1, link.len() - 5, link.len() / 2, 4] {
            let r = decode(&link[..cut]);
            assert!(r.is_err(), "cut at {cut}: {r:?}");
        }
        assert_eq!(decode("v2.@@@@"), Err(ShareError::NotBase64));
        assert!(matches!(decode("v9.AAAA"), Err(ShareError::UnknownVersion(v)) if v == "v9"));
        let not_json = format!("v2.{}", URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(b"[1,2", 9)));
        assert!(matches!(decode(&not_json), Err(ShareError::BadContents(_))));
        // Every prefix of a valid link fails cleanly or decodes; never panics.
        for cut in 0..link.len() {
            let _ = decode(&link[..cut]);
        }
    }

    #[test]
    fn markdown_escapes_brackets() {
        assert_eq!(markdown_link("a [b]", "http://x/#v2.y"), "[a \\[b\\]](http://x/#v2.y)");
    }
}
