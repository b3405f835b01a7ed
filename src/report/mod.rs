//! Output: turns analyses and findings into the contract's JSON, CSV and human text, and, for
//! `check`, SARIF and GitHub workflow commands. Line and column are computed here, at the edge,
//! from raw byte offsets.

pub mod diff;
pub mod github;
pub mod quotes;
pub mod sarif;

use std::io;

/// One element of a top-level JSON array written piece by piece (`first` = no element before
/// it): the separator, then `value` pretty-printed and indented to depth two, so that a
/// document streamed as prefix, elements and suffix has exactly the bytes
/// `serde_json::to_string_pretty` gives for the whole.
pub fn json_array_item<T: serde::Serialize>(value: &T, first: bool) -> String {
    let mut out: Vec<u8> = Vec::with_capacity(1024);
    out.extend_from_slice(if first { b"\n    " } else { b",\n    " });
    let start = out.len();
    let mut ser = serde_json::Serializer::with_formatter(
        &mut out,
        NestedPretty {
            depth: 2,
            has_value: false,
        },
    );
    if value.serialize(&mut ser).is_err() {
        // What `to_string_pretty(..).unwrap_or_default()` left: an empty, indented body.
        out.truncate(start);
    }
    String::from_utf8(out).unwrap_or_default()
}

/// serde_json's `PrettyFormatter` (two-space indent) starting at a given nesting depth, so a
/// value comes out already indented as an element of an enclosing pretty-printed document.
struct NestedPretty {
    depth: usize,
    has_value: bool,
}

impl NestedPretty {
    fn indent<W: ?Sized + io::Write>(&self, w: &mut W) -> io::Result<()> {
        const SPACES: &[u8] = &[b' '; 64];
        let mut n = self.depth * 2;
        while n > 0 {
            let k = n.min(SPACES.len());
            w.write_all(&SPACES[..k])?;
            n -= k;
        }
        Ok(())
    }

    fn open<W: ?Sized + io::Write>(&mut self, w: &mut W, mark: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(mark)
    }

    fn close<W: ?Sized + io::Write>(&mut self, w: &mut W, mark: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            w.write_all(b"\n")?;
            self.indent(w)?;
        }
        w.write_all(mark)
    }

    fn item<W: ?Sized + io::Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(w)
    }
}

impl serde_json::ser::Formatter for NestedPretty {
    fn begin_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.item(w, first)
    }

    fn end_array_value<W: ?Sized + io::Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.item(w, first)
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + io::Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// `s` safe to print on a terminal: control characters from an article (ESC, which starts the
/// sequences that retitle a window or erase a line; BEL; the C1 controls) are shown as visible
/// symbols (C0 as their Unicode control pictures, `␛` for ESC, `␡` for DEL) and the C1 controls
/// and bidirectional overrides as `\u{..}` escapes, so article text cannot act on the terminal.
/// Newlines and tabs pass.
pub fn visible(s: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !s.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            c if !unsafe_char(c) => out.push(c),
            '\u{0}'..='\u{1f}' => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}')),
            '\u{7f}' => out.push('\u{2421}'),
            c => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_escapes_are_shown_not_run() {
        assert_eq!(visible("plain “text”\tok\n"), "plain “text”\tok\n");
        assert_eq!(
            visible("a\u{1b}]0;pwned\u{7}b"),
            "a\u{241b}]0;pwned\u{2407}b"
        );
        assert_eq!(visible("x\u{9b}2Ky\u{202e}z"), "x\\u{9b}2Ky\\u{202e}z");
        assert!(!visible("\u{1b}[2K\u{7f}").chars().any(|c| c.is_control()));
    }

    #[test]
    fn array_item_matches_reindented_pretty_output() {
        let values = vec![
            serde_json::json!({"path": "a", "findings": [], "x": {}}),
            serde_json::json!({"path": "b\nc", "findings": [{"k": [1, 2, {"z": null}]}]}),
            serde_json::json!([]),
            serde_json::json!("s"),
        ];
        for v in &values {
            for first in [true, false] {
                let body = serde_json::to_string_pretty(v).unwrap();
                let mut want = String::from(if first { "\n" } else { ",\n" });
                want.push_str("    ");
                want.push_str(&body.replace('\n', "\n    "));
                assert_eq!(json_array_item(v, first), want);
            }
        }
    }
}
