//! Output: turns analyses and findings into the contract's JSON, CSV and human text, and, for
//! `check`, SARIF and GitHub workflow commands. Line and column are computed here, at the edge,
//! from raw byte offsets.

pub mod diff;
pub mod github;
pub mod quotes;
pub mod sarif;

/// One element of a top-level JSON array written piece by piece (`first` = no element before
/// it): the separator, then `value` pretty-printed and indented to depth two, so that a
/// document streamed as prefix, elements and suffix has exactly the bytes
/// `serde_json::to_string_pretty` gives for the whole (JSON strings hold no raw newline, so
/// indenting by lines is safe).
pub fn json_array_item<T: serde::Serialize>(value: &T, first: bool) -> String {
    let body = serde_json::to_string_pretty(value).unwrap_or_default();
    let mut out = String::with_capacity(body.len() + body.len() / 4 + 8);
    out.push_str(if first { "\n" } else { ",\n" });
    for (i, line) in body.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str("    ");
        out.push_str(line);
    }
    out
}
