//! Byte spans and the line index that turns them into line and column at output time.

use serde::Serialize;

/// A half-open byte range `start..end` (end-exclusive).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`; an inverted pair is collapsed to `start..start`.
    pub fn new(start: usize, end: usize) -> Self {
        Span {
            start,
            end: end.max(start),
        }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no byte.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// True when `other` lies inside this span.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// True when `offset` lies inside this span.
    pub fn contains_offset(&self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }

    /// The slice of `text` this span covers (empty if out of bounds or off char boundaries).
    pub fn of<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// Maps byte offsets of a text to 1-based line and character column.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// (byte offset, characters before it) every [`CHECKPOINT`] bytes or so, so that a column on
    /// a very long line costs at most one checkpoint's worth of counting, not the whole line.
    /// Built on first need: only columns on lines longer than a checkpoint use them.
    checkpoints: std::sync::OnceLock<Vec<(usize, usize)>>,
    /// Length of the indexed text.
    len: usize,
}

/// Bytes between character-count checkpoints of a [`LineIndex`].
const CHECKPOINT: usize = 4096;

impl LineIndex {
    /// Index the line starts of `text`: `\n`, `\r\n` and a lone `\r` (old Mac files) each end a
    /// line (a `\r` before `\n` belongs to that line end).
    pub fn new(text: &str) -> Self {
        let b = text.as_bytes();
        let mut starts = vec![0];
        starts.extend(
            memchr::memchr2_iter(b'\n', b'\r', b)
                .filter(|&i| b[i] == b'\n' || b.get(i + 1) != Some(&b'\n'))
                .map(|i| i + 1),
        );
        LineIndex {
            starts,
            checkpoints: std::sync::OnceLock::new(),
            len: text.len(),
        }
    }

    /// The character-count checkpoints of `text` (the indexed text).
    fn checkpoints(&self, text: &str) -> &[(usize, usize)] {
        self.checkpoints.get_or_init(|| checkpoints(text))
    }

    /// Characters in `text` before the char boundary `offset`, from the nearest checkpoint.
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let checkpoints = self.checkpoints(text);
        let i = checkpoints.partition_point(|c| c.0 <= offset) - 1;
        let (at, chars) = checkpoints[i];
        chars + text[at..offset].chars().count()
    }

    /// How many lines the text has (a text ending in a line end has an empty last line).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// 1-based line of `offset` (an offset past the end is on the last line).
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset).max(1)
    }

    /// 1-based line and 1-based column in characters of `offset` in `text`.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.line_of(offset);
        let start = self.starts[line - 1];
        let col = match text.get(start..offset) {
            None => offset - start,
            Some(s) if text.len() != self.len || s.len() <= CHECKPOINT => s.chars().count(),
            Some(_) => self.chars_before(text, offset) - self.chars_before(text, start),
        };
        (line, col + 1)
    }

    /// Byte span of the 1-based line `line`, without its line end.
    pub fn line_span(&self, text: &str, line: usize) -> Span {
        let start = self
            .starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(0);
        let mut end = self.starts.get(line).map(|&s| s - 1).unwrap_or(text.len());
        if end > start && text.as_bytes().get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        Span::new(start, end)
    }
}

/// (byte offset, characters before it) of `text` every [`CHECKPOINT`] bytes or so.
fn checkpoints(text: &str) -> Vec<(usize, usize)> {
    let mut checkpoints = vec![(0, 0)];
    let (mut pos, mut chars) = (0, 0);
    while pos + CHECKPOINT < text.len() {
        let mut next = pos + CHECKPOINT;
        while !text.is_char_boundary(next) {
            next += 1;
        }
        chars += text[pos..next].chars().count();
        checkpoints.push((next, chars));
        pos = next;
    }
    checkpoints
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let text = "ab\n“cd” e\r\nf";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), (1, 1));
        assert_eq!(idx.line_col(text, 3), (2, 1));
        let e = text.find('e').unwrap();
        assert_eq!(idx.line_col(text, e), (2, 6));
        let f = text.find('f').unwrap();
        assert_eq!(idx.line_col(text, f), (3, 1));
        assert_eq!(idx.line_span(text, 2).of(text), "“cd” e");
    }

    #[test]
    fn columns_on_long_lines_use_checkpoints() {
        let text = format!("x\n{}", "a“”b".repeat(5000));
        let idx = LineIndex::new(&text);
        for offset in (0..text.len())
            .filter(|&o| text.is_char_boundary(o))
            .step_by(97)
        {
            let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            let want = text[start..offset].chars().count() + 1;
            assert_eq!(idx.line_col(&text, offset).1, want, "offset {offset}");
        }
    }
}
