//! Every YAML call of the crate lives here, so the YAML library can be swapped in one place.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::error::{Error, Result};

/// Largest YAML document accepted (rule files, config, lexicons).
pub const MAX_YAML_BYTES: usize = 4 * 1024 * 1024;

/// Most aliases (`*name`) a YAML document may hold. Rule files and configs never need them, and
/// each alias may copy a whole subtree, so a few nested ones turn a small file into gigabytes
/// (the "billion laughs" attack). The decoder's own repetition limit bounds the number of alias
/// jumps, not the size of what they copy.
pub const MAX_YAML_ALIASES: usize = 4;

fn too_big(path: &Path, message: String) -> Error {
    Error::Yaml {
        path: path.to_path_buf(),
        line: 0,
        column: 0,
        message,
    }
}

/// Read a YAML file, refusing one over [`MAX_YAML_BYTES`] before reading it into memory.
pub fn read_file(path: &Path) -> Result<String> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_file() && meta.len() > MAX_YAML_BYTES as u64 {
        return Err(too_big(
            path,
            format!(
                "YAML file too large ({} bytes, limit {MAX_YAML_BYTES})",
                meta.len()
            ),
        ));
    }
    std::fs::read_to_string(path).map_err(io)
}

/// Decode `text` (the contents of `path`) strictly into `T`.
///
/// Errors carry the file, 1-based line and column, and the decoder's message, which names the
/// offending key for unknown or missing fields.
pub fn from_str<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T> {
    if text.len() > MAX_YAML_BYTES {
        return Err(Error::Yaml {
            path: path.to_path_buf(),
            line: 0,
            column: 0,
            message: format!(
                "YAML file too large ({} bytes, limit {MAX_YAML_BYTES})",
                text.len()
            ),
        });
    }
    let aliases = count_aliases(text);
    if aliases > MAX_YAML_ALIASES {
        return Err(too_big(
            path,
            format!(
                "too many YAML aliases ({aliases}, limit {MAX_YAML_ALIASES}): each `*name` copies \
                 a whole subtree; write the values out instead"
            ),
        ));
    }
    serde_yaml::from_str(text).map_err(|e| {
        let (line, column) = e
            .location()
            .map(|l| (l.line(), l.column()))
            .unwrap_or((0, 0));
        let mut message = e.to_string();
        // The decoder appends " at line L column C"; we print the location up front instead.
        if let Some(i) = message.find(" at line ") {
            message.truncate(i);
        }
        Error::Yaml {
            path: path.to_path_buf(),
            line,
            column,
            message,
        }
    })
}

fn is_blank(line: &[u8]) -> bool {
    line.iter().all(|b| matches!(b, b' ' | b'\t' | b'\r'))
}

fn indent(line: &[u8]) -> usize {
    line.iter().take_while(|&&b| b == b' ').count()
}

/// The end of the line holding `i` (the index of its `\n`, or the text's length).
fn line_end(b: &[u8], i: usize) -> usize {
    memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |n| i + n)
}

/// True when the quote mark or block indicator at `i` starts a node: it follows the line's
/// indentation (and any `- `/`? ` indicators), a `: `, or (in flow context) `[`, `{` or `,`.
fn node_start(b: &[u8], line_start: usize, i: usize, flow: usize) -> bool {
    let mut j = i;
    while j > line_start && matches!(b[j - 1], b' ' | b'\t') {
        j -= 1;
    }
    if j == line_start {
        return true;
    }
    let p = b[j - 1];
    let spaced = j < i;
    match p {
        b'-' | b'?' => spaced && (j - 1 == line_start || matches!(b[j - 2], b' ' | b'\t')),
        b':' => spaced,
        b'[' | b'{' | b',' => flow > 0,
        _ => false,
    }
}

/// An over-estimate of the aliases (`*name`) in a YAML text, without parsing it.
///
/// Quoted scalars that close on their line, comments and block scalars are skipped; anything
/// ambiguous (a quoted scalar running over several lines) switches to counting every `*name`
/// after a space or flow indicator for the rest of the text. Counting too many only ever refuses
/// a strange file; counting too few could let a bomb through, so every doubt counts.
pub fn count_aliases(text: &str) -> usize {
    let b = text.as_bytes();
    let (mut n, mut i, mut flow, mut line_start) = (0, 0, 0usize, 0);
    let mut paranoid = false;
    while i < b.len() {
        let c = b[i];
        let prev = if i == line_start { b' ' } else { b[i - 1] };
        match c {
            b'\n' => {
                i += 1;
                line_start = i;
                continue;
            }
            b'#' if !paranoid && matches!(prev, b' ' | b'\t') => {
                i = line_end(b, i);
                continue;
            }
            b'[' | b'{' => flow += 1,
            b']' | b'}' => flow = flow.saturating_sub(1),
            b'*' if matches!(prev, b' ' | b'\t' | b'[' | b'{' | b',' | b':')
                && b.get(i + 1).is_some_and(|&d| {
                    !matches!(
                        d,
                        b' ' | b'\t' | b'\r' | b'\n' | b',' | b'[' | b']' | b'{' | b'}'
                    )
                }) =>
            {
                n += 1
            }
            b'"' | b'\'' if !paranoid && node_start(b, line_start, i, flow) => {
                let end = line_end(b, i);
                let mut k = i + 1;
                let mut close = None;
                while k < end {
                    match b[k] {
                        b'\\' if c == b'"' => k += 1,
                        b'\'' if c == b'\'' && b.get(k + 1) == Some(&b'\'') => k += 1,
                        d if d == c => {
                            close = Some(k);
                            break;
                        }
                        _ => {}
                    }
                    k += 1;
                }
                match close {
                    Some(k) => {
                        i = k + 1;
                        continue;
                    }
                    None => paranoid = true,
                }
            }
            b'|' | b'>' if !paranoid && flow == 0 && node_start(b, line_start, i, flow) => {
                let end = line_end(b, i);
                let rest = &b[i + 1..end];
                let header = rest
                    .iter()
                    .position(|&d| d == b'#')
                    .map_or(rest, |h| &rest[..h]);
                let comment_ok = rest.len() == header.len()
                    || header.last().is_some_and(|d| matches!(d, b' ' | b'\t'));
                if comment_ok
                    && header
                        .iter()
                        .all(|d| matches!(d, b'-' | b'+' | b'0'..=b'9' | b' ' | b'\t' | b'\r'))
                {
                    // The parent's indentation: the key's column, or the last `- ` indicator's
                    // for `- |`, or (the safe side) the indicator's own column.
                    let mut k = line_start;
                    let mut dash = None;
                    loop {
                        while k < i && b[k] == b' ' {
                            k += 1;
                        }
                        if k < i && matches!(b[k], b'-' | b'?') && matches!(b[k + 1], b' ' | b'\t')
                        {
                            dash = Some(k);
                            k += 1;
                        } else {
                            break;
                        }
                    }
                    let parent = if k == i { dash.unwrap_or(i) } else { k } - line_start;
                    // Content indentation: that of the first non-blank line, if deeper.
                    let mut next = end + 1;
                    let mut content = None;
                    while next < b.len() {
                        let e = line_end(b, next);
                        if !is_blank(&b[next..e]) {
                            content = Some(indent(&b[next..e]));
                            break;
                        }
                        next = e + 1;
                    }
                    if let Some(m) = content.filter(|&m| m > parent) {
                        let mut s = end + 1;
                        while s < b.len() {
                            let e = line_end(b, s);
                            let line = &b[s..e];
                            if !is_blank(line) && indent(line) < m {
                                break;
                            }
                            s = e + 1;
                        }
                        i = s.min(b.len());
                        line_start = i;
                        continue;
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_are_counted_outside_strings_comments_and_block_scalars() {
        assert_eq!(count_aliases("a: &x [1, 2]\nb: *x\nc: [*x, *x]\n"), 3);
        assert_eq!(count_aliases("a: \"*x *y\"\nb: '*z'\n# *c *d\n"), 0);
        assert_eq!(
            count_aliases("bad:\n  - |\n    *bold* text\n    *more*\n"),
            0
        );
        assert_eq!(count_aliases("k: |\n  *a\nm: *b\n"), 1);
        // A block scalar's content must be deeper than its key.
        assert_eq!(count_aliases("- a: |\n  b: *x\n"), 1);
        // An unclosed quote makes the rest of the text count.
        assert_eq!(count_aliases("[\"a\n #\", *x]"), 1);
        assert_eq!(count_aliases("pattern: '\\w*x'\nglob: drafts/**\n"), 0);
    }

    #[test]
    fn alias_bombs_are_refused() {
        let mut y = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (p, q) in [("a", "b"), ("b", "c"), ("c", "d")] {
            y.push_str(&format!(
                "{q}: &{q} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
            ));
        }
        let e = from_str::<serde_yaml::Value>(Path::new("bomb.yaml"), &y).unwrap_err();
        let msg = e.to_string();
        assert!(
            msg.starts_with("bomb.yaml:") && msg.contains("aliases"),
            "{msg}"
        );
    }
}
