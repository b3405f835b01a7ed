//! Every YAML call of the crate lives here, so the YAML library can be swapped in one place.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::error::{Error, Result};

/// Largest YAML document accepted (rule files, config, lexicons).
pub const MAX_YAML_BYTES: usize = 4 * 1024 * 1024;

/// Deepest nesting a YAML document may have, counted before it is parsed: flow collections
/// (`[`, `{`) inside one another, and indentation in columns (a block level takes at least one).
/// Rule files and configs need a handful of levels; the decoder's own limit (128) is checked
/// only after work that grows faster than the input (100,000 nested `[` took 22 s).
pub const MAX_YAML_DEPTH: usize = 64;

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

/// Read a YAML file (a rule file or a config), refusing anything but a regular file and
/// anything over [`MAX_YAML_BYTES`].
///
/// The size is enforced while reading (through `take`), not from the metadata alone, which says
/// 0 for devices and pipes; a FIFO, a device or a folder is refused before it is opened, so
/// naming `/dev/zero` or a pipe never reads without end or blocks.
pub fn read_file(path: &Path) -> Result<String> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        return Err(too_big(
            path,
            "not a regular file: rule files and configs must be plain files".to_owned(),
        ));
    }
    if meta.len() > MAX_YAML_BYTES as u64 {
        return Err(too_big(
            path,
            format!(
                "YAML file too large ({} bytes, limit {MAX_YAML_BYTES})",
                meta.len()
            ),
        ));
    }
    let file = std::fs::File::open(path).map_err(io)?;
    let bytes =
        crate::input::read_bounded(path, file, MAX_YAML_BYTES as u64).map_err(|e| match e {
            Error::TooLarge { .. } => too_big(
                path,
                format!("YAML file too large (over {MAX_YAML_BYTES} bytes, the limit)"),
            ),
            e => e,
        })?;
    String::from_utf8(bytes).map_err(|e| Error::NotUtf8 {
        path: path.to_path_buf(),
        offset: e.utf8_error().valid_up_to(),
    })
}

/// The longest word of the decoder's message echoed as written (a field or variant name).
const MAX_ECHOED_WORD: usize = 32;

/// The decoder's message with the file's own text taken out.
///
/// serde's messages quote what they met: a scalar value in double quotes (`invalid type: string
/// "..."`, which for a file that is not YAML at all is the whole file: a private key, a token, a
/// `.env`) and names in backticks (`unknown field `x``). A double-quoted excerpt is replaced by
/// its length; a backticked word is kept only when it is short and looks like a name. The line
/// and column still say where the problem is. Control characters never pass.
pub fn scrub_message(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(512));
    let mut rest = message;
    while let Some(i) = rest.find(['"', '`']) {
        out.push_str(&rest[..i]);
        let mark = rest.as_bytes()[i] as char;
        let after = &rest[i + 1..];
        // serde writes a string value with Rust's escapes, so `\"` does not close it.
        let close = if mark == '"' {
            let b = after.as_bytes();
            let mut k = 0;
            let mut found = None;
            while k < b.len() {
                match b[k] {
                    b'\\' => k += 2,
                    b'"' => {
                        found = Some(k);
                        break;
                    }
                    _ => k += 1,
                }
            }
            found
        } else {
            after.find('`')
        };
        let Some(close) = close else {
            out.push_str("(text not shown)");
            rest = "";
            break;
        };
        let inner = &after[..close];
        let name_like = inner.chars().count() <= MAX_ECHOED_WORD
            && inner
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '@'));
        if mark == '`' && name_like {
            out.push('`');
            out.push_str(inner);
            out.push('`');
        } else {
            let n = inner.chars().count();
            out.push_str(&format!("({n} characters, not shown)"));
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
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
    // YAML ends lines at `\r`, `\r\n` and `\n` alike; the pre-scan reads only `\n`, so it
    // counts a copy with every line end made `\n` (a `\r`-only file is one long line to it
    // otherwise, and its comments would hide every alias after them).
    let normalized;
    let scanned = if memchr::memchr(b'\r', text.as_bytes()).is_some() {
        normalized = text.replace("\r\n", "\n").replace('\r', "\n");
        normalized.as_str()
    } else {
        text
    };
    if let Some((line, what)) = too_deep(scanned) {
        return Err(Error::Yaml {
            path: path.to_path_buf(),
            line,
            column: 0,
            message: format!(
                "YAML nested too deeply ({what}, limit {MAX_YAML_DEPTH}): rule files and \
                 configs need only a few levels"
            ),
        });
    }
    let aliases = count_aliases(scanned);
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
            message: scrub_message(&message),
        }
    })
}

/// The first line (1-based) where `text` nests deeper than [`MAX_YAML_DEPTH`], and how: flow
/// brackets are counted outside quoted scalars and comments, as the parser reads them (a quote
/// opens only where a scalar may start; outside flow collections it ends with its line, so an
/// apostrophe in block prose hides nothing), indentation by leading spaces.
fn too_deep(text: &str) -> Option<(usize, String)> {
    let b = text.as_bytes();
    let (mut depth, mut line, mut at_line_start, mut indent) = (0usize, 1usize, true, 0usize);
    let mut quote: Option<u8> = None;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'\n' {
            line += 1;
            at_line_start = true;
            indent = 0;
            if depth == 0 {
                quote = None;
            }
            i += 1;
            continue;
        }
        if at_line_start {
            if c == b' ' {
                indent += 1;
                if indent > MAX_YAML_DEPTH * 4 {
                    return Some((
                        line,
                        format!("indented over {} columns", MAX_YAML_DEPTH * 4),
                    ));
                }
                i += 1;
                continue;
            }
            at_line_start = false;
        }
        match (quote, c) {
            (Some(q), _) if c == q => {
                if q == b'\'' && b.get(i + 1) == Some(&b'\'') {
                    i += 1;
                } else {
                    quote = None;
                }
            }
            (Some(b'"'), b'\\') => i += 1,
            (Some(_), _) => {}
            (None, b'#') if i == 0 || matches!(b[i - 1], b' ' | b'\t' | b'\n') => {
                i = line_end(b, i);
                continue;
            }
            (None, b'"' | b'\'')
                if i == 0
                    || matches!(b[i - 1], b' ' | b'\t' | b'\n' | b'[' | b'{' | b',' | b':') =>
            {
                quote = Some(c)
            }
            (None, b'[' | b'{') => {
                depth += 1;
                if depth > MAX_YAML_DEPTH {
                    return Some((line, format!("over {MAX_YAML_DEPTH} nested brackets")));
                }
            }
            (None, b']' | b'}') => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    None
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
    fn decode_errors_never_echo_the_file() {
        let key = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmU\n\
                   -----END OPENSSH PRIVATE KEY-----\n";
        let env = "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG\nTOKEN=\"ghp_abc\\\"def\"\n";
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct S {
            rules: Vec<String>,
        }
        for text in [
            key,
            env,
            "rules: [a]\nghp_0123456789abcdefghijklmnopqrstuvwxyz: x\n",
        ] {
            let msg = from_str::<S>(Path::new("secret"), text)
                .unwrap_err()
                .to_string();
            for secret in ["b3BlbnNz", "wJalrX", "ghp_", "BEGIN", "TOKEN"] {
                assert!(!msg.contains(secret), "{msg}");
            }
            assert!(msg.starts_with("secret:"), "{msg}");
        }
        // Names of fields are still shown, so a typo is easy to fix.
        let msg = from_str::<S>(Path::new("c.yaml"), "rules: []\nrulez: []\n")
            .unwrap_err()
            .to_string();
        assert!(msg.contains("`rulez`") && msg.contains("`rules`"), "{msg}");
    }

    #[test]
    fn scrubbing_handles_escapes_and_control_characters() {
        assert_eq!(
            scrub_message(r#"invalid type: string "a\"b", expected x"#),
            "invalid type: string (4 characters, not shown), expected x"
        );
        assert_eq!(
            scrub_message("bad `\u{1b}]0;x`"),
            "bad (5 characters, not shown)"
        );
        assert_eq!(scrub_message("open \"abc"), "open (text not shown)");
    }

    #[test]
    fn deep_nesting_is_refused_before_parsing() {
        let deep = format!("a: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
        let t = std::time::Instant::now();
        let msg = from_str::<serde_yaml::Value>(Path::new("deep.yaml"), &deep)
            .unwrap_err()
            .to_string();
        assert!(msg.contains("nested too deeply"), "{msg}");
        // Refused by a linear scan: well under the 22 s the decoder took.
        assert!(t.elapsed().as_secs() < 5);
        // Brackets inside quotes or comments do not count; ordinary files pass.
        let fine = format!(
            "a: \"{}\"\n# {}\nb: [[1], {{c: [2]}}]\n",
            "[".repeat(500),
            "{".repeat(500)
        );
        assert!(from_str::<serde_yaml::Value>(Path::new("ok.yaml"), &fine).is_ok());
        let indented = format!("a:\n{}b: 1\n", " ".repeat(300));
        let msg = from_str::<serde_yaml::Value>(Path::new("i.yaml"), &indented)
            .unwrap_err()
            .to_string();
        assert!(msg.contains("indented"), "{msg}");
    }

    #[test]
    fn special_files_are_refused_before_reading() {
        let dir = std::env::temp_dir();
        let e = read_file(&dir).unwrap_err().to_string();
        assert!(e.contains("not a regular file"), "{e}");
        #[cfg(unix)]
        {
            let e = read_file(Path::new("/dev/zero")).unwrap_err().to_string();
            assert!(
                e.starts_with("/dev/zero") && e.contains("not a regular file"),
                "{e}"
            );
        }
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
        // Old Mac line ends: a comment on the first "line" must not hide the rest.
        let cr = format!("# x\r{}", y.replace('\n', "\r"));
        let msg = from_str::<serde_yaml::Value>(Path::new("cr.yaml"), &cr)
            .unwrap_err()
            .to_string();
        assert!(msg.contains("aliases"), "{msg}");
    }
}
