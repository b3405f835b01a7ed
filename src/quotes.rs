//! The quote grammar: finds quoted passages in the prose view.
//!
//! Candidate marks are found with `memchr`; at each one a small nom parser reads the mark and
//! the context around it decides whether it opens, closes, or is an apostrophe or a prime. Marks
//! are read as printed: typewriter doubles (`''` and ``` `` ```, and `'''` as a single and a
//! double), a mark after a space that a comma or full stop follows closes (`drummer' ", he
//! recalled`). Marks pair per paragraph (one level of nesting); a quote in the other family's
//! marks outside any outer quote is a quote too (a headline's 'quote' in a story quoted with
//! doubles); marks around no words make no quote. An opening mark that starts the next
//! paragraph carries a quote across paragraphs (the multi-paragraph convention); an opening
//! mark with no close keeps its words up to the paragraph's end or the next opening mark, is
//! recorded as unbalanced (with those words) and never swallows the paragraphs after it; a
//! closing mark nothing opened is recorded with the words it ends.

use nom::branch::alt;
use nom::bytes::complete::tag;
use nom::combinator::value;
use nom::{IResult, Parser};
use serde::Serialize;

use crate::document::Document;
use crate::lexicon::{Lexicon, lexicon};
use crate::span::Span;

/// Which family a mark belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// “ ” " „ « »
    Double,
    /// ‘ ’ ' ‚ ‹ ›
    Single,
}

/// What a mark can do, from its shape alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    Open,
    Close,
    Either,
}

/// A quotation mark as read by the grammar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mark {
    /// The family.
    pub family: Family,
    shape: Shape,
    /// Length of the mark in bytes.
    pub len: usize,
}

/// nom: one quotation mark at the start of `input`.
fn mark(input: &str) -> IResult<&str, (Family, Shape)> {
    use Family::*;
    use Shape::*;
    alt((
        value(
            (Double, Open),
            alt((tag("“"), tag("„"), tag("«"), tag("``"))),
        ),
        value((Double, Close), alt((tag("”"), tag("»")))),
        // Typewriter doubles as two apostrophes: ''We won,'' he said.
        value((Double, Either), alt((tag("\""), tag("''")))),
        value((Single, Open), alt((tag("‘"), tag("‚"), tag("‹")))),
        value((Single, Close), alt((tag("’"), tag("›")))),
        value((Single, Either), tag("'")),
    ))
    .parse(input)
}

/// Read the mark at byte `pos` of `text`, if there is one.
pub fn mark_at(text: &str, pos: usize) -> Option<Mark> {
    let rest = text.get(pos..)?;
    let (after, (family, shape)) = mark(rest).ok()?;
    Some(Mark {
        family,
        shape,
        len: rest.len() - after.len(),
    })
}

/// How a quoted passage is used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Quoted speech or writing, whole sentences.
    Direct,
    /// A quoted fragment inside the writer's sentence.
    Partial,
    /// Not speech: titles, nicknames, scare quotes.
    Term,
}

/// A quoted passage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quote {
    /// View span including the marks.
    pub span: Span,
    /// View span of the quoted words between the marks.
    pub inner: Span,
    /// The mark family of the outer marks.
    pub family: Family,
    /// False when the opening mark found no close.
    pub closed: bool,
    /// Index of the block the quote opens in.
    pub first_block: usize,
    /// Index of the block it closes in.
    pub last_block: usize,
    /// True for a whole block-quote paragraph with no marks (a quoted statement).
    pub block_quote: bool,
}

/// The quotes of a document and the marks that could not be paired.
#[derive(Clone, Debug, Default)]
pub struct QuoteScan {
    /// Quotes in document order.
    pub quotes: Vec<Quote>,
    /// View spans of opening marks that never closed (outside the multi-paragraph convention).
    pub unbalanced: Vec<Span>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    /// A close that may also be a plural possessive (the players' wages).
    WeakClose,
    Toggle,
    Ignore,
}

fn prev_char(text: &str, pos: usize) -> Option<char> {
    text[..pos].chars().next_back()
}

fn next_char(text: &str, pos: usize) -> Option<char> {
    text[pos..].chars().next()
}

fn is_quote_char(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '”' | '‘' | '’' | '„' | '‚' | '«' | '»' | '‹' | '›'
    )
}

fn opens_after(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => c.is_whitespace() || "([{—–-/…".contains(c) || is_quote_char(c),
    }
}

fn closes_before(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => c.is_whitespace() || ".,;:!?)]}—–-/…".contains(c) || is_quote_char(c),
    }
}

/// Decide what the mark at `pos` does.
fn role(lex: &Lexicon, text: &str, pos: usize, m: Mark) -> Role {
    let prev = prev_char(text, pos);
    let next = next_char(text, pos + m.len);
    let letter = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    if m.family == Family::Single {
        // Apostrophes inside words: don't, o'clock, 5'11".
        if letter(prev) && letter(next) {
            return Role::Ignore;
        }
        // Elisions: '60s, 'n', 'em.
        if opens_after(prev) && m.shape != Shape::Close {
            let rest = &text[pos + m.len..];
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 2 && !rest[2..].starts_with(|c: char| c.is_ascii_digit()) {
                return Role::Ignore;
            }
            let here = &text[pos..];
            if lex.elisions.iter().any(|e| {
                let e_rest = &e[1..];
                here.get(m.len..m.len + e_rest.len())
                    .is_some_and(|s| s.eq_ignore_ascii_case(e_rest))
                    && crate::lexicon::word_bounded(text, pos, pos + m.len + e_rest.len())
            }) {
                return Role::Ignore;
            }
        }
    }
    if m.family == Family::Double && m.shape == Shape::Either {
        // Inch marks: 5'11", a 12" pipe.
        if prev.is_some_and(|c| c.is_ascii_digit()) && !closes_before(next) {
            return Role::Ignore;
        }
        if prev.is_some_and(|c| c.is_ascii_digit()) {
            let before = &text[..pos];
            let digits = before.trim_end_matches(|c: char| c.is_ascii_digit());
            let mut chars = digits.chars();
            let prime = matches!(chars.next_back(), Some('\'' | '′' | '’'));
            if prime && chars.as_str().ends_with(|c: char| c.is_ascii_digit()) {
                return Role::Ignore;
            }
        }
    }
    // Nobody opens a quote on a comma or a full stop: `drummer' ", he recalled` closes.
    let can_open =
        opens_after(prev) && next.is_some_and(|c| !c.is_whitespace() && !",.;:!?)]}".contains(c));
    let can_close = closes_before(next) && prev.is_some_and(|c| !c.is_whitespace());
    match m.shape {
        Shape::Open => {
            if can_close && !can_open && m.family == Family::Double {
                // A misused opening mark at the end of a word: treat as a close.
                Role::Close
            } else {
                Role::Open
            }
        }
        Shape::Close => {
            if m.family == Family::Single && !can_close {
                Role::Ignore
            } else if m.family == Family::Single
                && prev == Some('s')
                && possessive_after(text, pos + m.len)
            {
                Role::WeakClose
            } else {
                Role::Close
            }
        }
        Shape::Either => match (can_open, can_close) {
            (true, false) => Role::Open,
            (false, true) => {
                if m.family == Family::Single
                    && prev == Some('s')
                    && possessive_after(text, pos + m.len)
                {
                    Role::WeakClose
                } else {
                    Role::Close
                }
            }
            (true, true) => Role::Toggle,
            (false, false) => {
                if m.family == Family::Double {
                    Role::Toggle
                } else {
                    Role::Ignore
                }
            }
        },
    }
}

/// After `s'`: a space and a lowercase word reads as a plural possessive (the players' wages).
fn possessive_after(text: &str, pos: usize) -> bool {
    let rest = &text[pos..];
    let trimmed = rest.trim_start_matches(' ');
    trimmed.len() < rest.len() && trimmed.starts_with(|c: char| c.is_lowercase())
}

/// Which family carries the outer quotes: double unless single opening marks clearly dominate.
fn outer_family(marks: &[(usize, Mark, Role)]) -> Family {
    let (mut doubles, mut singles) = (0usize, 0usize);
    for &(_, m, r) in marks {
        if r == Role::Open || (m.shape == Shape::Either && r == Role::Toggle) {
            match m.family {
                Family::Double => doubles += 1,
                Family::Single => singles += 1,
            }
        }
    }
    if singles > doubles {
        Family::Single
    } else {
        Family::Double
    }
}

/// Every quotation mark of `text` with the role its context gives it, in order. Candidates are
/// the bytes a mark can start with (`"`, `'`, `` ` `` and the UTF-8 leads of the curly and angle
/// marks), found with `memchr`. Marks are one character but for the typewriter doubles (`''`
/// and ``` `` ```), so a candidate inside the mark before it is skipped.
fn marks(lex: &Lexicon, text: &str) -> Vec<(usize, Mark, Role)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut common = memchr::memchr3_iter(b'"', b'\'', 0xE2, bytes).peekable();
    let mut other = memchr::memchr2_iter(0xC2, b'`', bytes).peekable();
    let mut free = 0;
    loop {
        let i = match (common.peek(), other.peek()) {
            (Some(&a), Some(&b)) if b < a => other.next(),
            (Some(_), _) => common.next(),
            (None, Some(_)) => other.next(),
            (None, None) => break,
        };
        let Some(i) = i else { break };
        if i < free {
            continue;
        }
        if bytes[i..].starts_with(b"'''") {
            // A single and a double mark. Closing after a word (`no,''' he said`) the single
            // closes first; opening (`'''Tis`) the double opens first.
            let single = Mark {
                family: Family::Single,
                shape: Shape::Either,
                len: 1,
            };
            let double = Mark {
                family: Family::Double,
                shape: Shape::Either,
                len: 2,
            };
            let order = if opens_after(prev_char(text, i)) {
                [(i, double), (i + 2, single)]
            } else {
                [(i, single), (i + 1, double)]
            };
            for (at, m) in order {
                out.push((at, m, role(lex, text, at, m)));
            }
            free = i + 3;
            continue;
        }
        if let Some(m) = mark_at(text, i) {
            out.push((i, m, role(lex, text, i, m)));
            free = i + m.len;
        }
    }
    out
}

struct Open {
    pos: usize,
    len: usize,
    block: usize,
}

/// The pairing state of the other family's marks outside any outer quote: the opening mark
/// waiting for its close, and a close that may be a plural possessive (taken only if nothing
/// better comes).
#[derive(Default)]
struct Pending {
    open: Option<Open>,
    weak: Option<(usize, usize)>,
}

/// Find every quoted passage of `doc`.
pub fn scan(doc: &Document) -> QuoteScan {
    let lex = lexicon();
    let text = doc.text.as_str();
    let marks = marks(lex, text);
    let outer = outer_family(&marks);
    let other_family = match outer {
        Family::Double => Family::Single,
        Family::Single => Family::Double,
    };
    let mut out = QuoteScan::default();
    let mut carried: Option<Open> = None; // a quote continuing from the previous paragraph
    // The quote ending in the previous paragraph was a turn of a quoted transcript: the
    // paragraphs that reopen after it are turns too, one quote each.
    let mut transcript = false;
    for (bi, block) in doc.blocks.iter().enumerate() {
        let in_transcript = std::mem::take(&mut transcript);
        let mut open: Option<Open> = carried.take();
        let mut inner_open = false;
        let mut weak: Option<(usize, usize)> = None;
        // A quote in the other family's marks outside any outer quote: a headline's 'quote'
        // in a story that quotes with doubles.
        let mut other = Pending::default();
        let mut continuing = open.is_some();
        let b = block.span;
        let first = marks.partition_point(|&(i, _, _)| i < b.start);
        let in_block = marks[first..].partition_point(|&(i, _, _)| i < b.end);
        let block_marks = &marks[first..first + in_block];
        // The closing mark of a nested pair of the outer family, skipped when met.
        let mut nested_close: Option<usize> = None;
        for (n, &(i, m, r)) in block_marks.iter().enumerate() {
            if nested_close == Some(i) {
                nested_close = None;
                continue;
            }
            if continuing {
                // The repeated opening mark of a continued quote.
                continuing = false;
                if m.family == outer && matches!(r, Role::Open | Role::Toggle) && i == b.start {
                    continue;
                }
            }
            if m.family == outer {
                match (r, open.is_some()) {
                    (Role::Open, false) | (Role::Toggle, false) => {
                        open = Some(Open {
                            pos: i,
                            len: m.len,
                            block: bi,
                        });
                        inner_open = false;
                        weak = None;
                        other = Pending::default();
                    }
                    (Role::Close | Role::Toggle, true) => {
                        if let Some(o) = open.take() {
                            push_quote(&mut out, o, i, m.len, bi, outer);
                        }
                        inner_open = false;
                    }
                    (Role::WeakClose, true) => weak = Some((i, m.len)),
                    (Role::Open, true)
                        if m.family == Family::Double
                            && let Some(j) = nested_pair(text, block_marks, n, outer) =>
                    {
                        // Typed straight doubles inside a straight quote: `"... The "United
                        // States" is not ... Turkey."` — a short nested pair, with the outer
                        // quote's close still to come.
                        nested_close = Some(j);
                    }
                    (Role::Open, true) if m.family == Family::Double => {
                        // An opening mark while one is open: the first never closed. Its words
                        // run up to this mark.
                        if let Some(o) = open.take() {
                            push_unclosed(&mut out, text, o, i, bi, outer);
                        }
                        open = Some(Open {
                            pos: i,
                            len: m.len,
                            block: bi,
                        });
                    }
                    (Role::Close, false) if m.family == Family::Double => {
                        // A closing mark nothing opened: the finding covers the words it ends.
                        let from = out
                            .quotes
                            .last()
                            .map_or(b.start, |q| q.span.end.max(b.start));
                        let start = clause_start(text, from, i);
                        out.unbalanced.push(Span::new(start, i + m.len));
                    }
                    _ => {}
                }
            } else if open.is_some() {
                match r {
                    Role::Open => inner_open = true,
                    Role::Close | Role::Toggle | Role::WeakClose if inner_open => {
                        inner_open = false
                    }
                    Role::Toggle => inner_open = true,
                    _ => {}
                }
            } else {
                match (r, other.open.is_some()) {
                    (Role::Open | Role::Toggle, false) => {
                        other.open = Some(Open {
                            pos: i,
                            len: m.len,
                            block: bi,
                        });
                        other.weak = None;
                    }
                    (Role::Close | Role::Toggle, true) => {
                        if let Some(o) = other.open.take() {
                            push_quote(&mut out, o, i, m.len, bi, other_family);
                        }
                    }
                    (Role::WeakClose, true) => other.weak = Some((i, m.len)),
                    _ => {}
                }
            }
        }
        if let (Some(o), Some((wpos, wlen))) = (other.open.take(), other.weak) {
            push_quote(&mut out, o, wpos, wlen, bi, other_family);
        }
        if let Some(o) = open.take() {
            if let Some((wpos, wlen)) = weak {
                push_quote(&mut out, o, wpos, wlen, bi, outer);
            } else if next_block_reopens(lex, doc, bi, outer, o.pos) {
                // A quoted transcript ("WALLACE: ... / "PENCE: ...): each paragraph is one
                // speaker's turn, so the quote ends with its paragraph instead of running on
                // (the multi-paragraph convention, no mark missing).
                let next = doc.blocks[bi + 1].span.start;
                let turn_at = |pos: usize| {
                    let rest = &text[pos..];
                    let m = mark_at(text, pos).map_or(0, |m| m.len);
                    crate::layout::quoted_turn_label(rest[m..].trim_start()).is_some()
                };
                if in_transcript || turn_at(o.pos) || turn_at(next) {
                    transcript = true;
                    let end = o.pos + text[o.pos..b.end].trim_end().len();
                    push_quote(&mut out, o, end, 0, bi, outer);
                } else {
                    carried = Some(o);
                }
            } else {
                // Keep the words as an unclosed quote up to the paragraph end.
                push_unclosed(&mut out, text, o, b.end, bi, outer);
            }
        }
    }
    block_quotes(doc, &mut out);
    out.quotes.sort_by_key(|q| q.span.start);
    out.unbalanced.sort_by_key(|s| s.start);
    out
}

/// Longest nested quotation, in bytes, read as a pair inside an open quote of the same marks.
const MAX_NESTED: usize = 80;

/// For an opening mark at `block_marks[n]` while a quote of the `outer` family is open: the
/// position of the mark that closes it as a nested pair, when the next mark of the family
/// closes within [`MAX_NESTED`] bytes, in the same sentence (a stop may end the nested words
/// right before their close), and another closing mark of the family follows later in the
/// paragraph (the open quote's own close).
fn nested_pair(
    text: &str,
    block_marks: &[(usize, Mark, Role)],
    n: usize,
    outer: Family,
) -> Option<usize> {
    let (i, _, _) = block_marks[n];
    let mut rest = block_marks[n + 1..]
        .iter()
        .filter(|(_, m, _)| m.family == outer);
    let &(j, _, r) = rest.next()?;
    let closes = |r: Role| matches!(r, Role::Close | Role::Toggle | Role::WeakClose);
    let inner = text.get(i..j)?;
    (closes(r)
        && j - i <= MAX_NESTED
        // (A stop right before the close ends the nested quote's own words: "... comes
        // across as “too loud” or “too that.”"".)
        && !inner
            .trim_end_matches(['.', '!', '?', ','])
            .contains(['.', '!', '?'])
        && rest.any(|&(_, _, r)| closes(r)))
    .then_some(j)
}

/// Where the words that a stray closing mark at `close` ends begin: after the last sentence
/// end between `from` and the mark (the punctuation right before the mark ends the quoted
/// sentence itself), at most a few hundred bytes back.
fn clause_start(text: &str, from: usize, close: usize) -> usize {
    let mut lo = from.max(close.saturating_sub(400)).min(close);
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    let words = text[lo..close].trim_end_matches(['.', '!', '?', '।', ' ']);
    let mut start = lo;
    for (k, c) in words.char_indices() {
        if matches!(c, '.' | '!' | '?' | '।')
            && words[k + c.len_utf8()..].starts_with(char::is_whitespace)
        {
            start = lo + k + c.len_utf8();
        }
    }
    let rest = &text[start..close];
    start + (rest.len() - rest.trim_start().len())
}

fn next_block_reopens(
    lex: &Lexicon,
    doc: &Document,
    bi: usize,
    outer: Family,
    opened: usize,
) -> bool {
    let Some(next) = doc.blocks.get(bi + 1) else {
        return false;
    };
    let text = &doc.text;
    // The continuing mark is typed as the opening one was: a straight `"` left open is not
    // continued by a paragraph that opens with a curly `“` (a scraped excerpt's stray mark
    // before a story's own quote), nor `''` by `"`.
    let same_type = |m: Mark| {
        mark_at(text, opened).is_some_and(|o| {
            o.len == m.len && (o.shape == Shape::Either) == (m.shape == Shape::Either)
        })
    };
    mark_at(text, next.span.start).is_some_and(|m| {
        m.family == outer
            && same_type(m)
            && matches!(
                role(lex, text, next.span.start, m),
                Role::Open | Role::Toggle
            )
    })
}

/// A quote closed by the mark at `close`; nothing for marks around no words (`""`).
fn push_quote(
    out: &mut QuoteScan,
    o: Open,
    close: usize,
    close_len: usize,
    block: usize,
    family: Family,
) {
    let inner = Span::new(o.pos + o.len, close);
    if inner.is_empty() {
        return;
    }
    out.quotes.push(Quote {
        span: Span::new(o.pos, close + close_len),
        inner,
        family,
        closed: true,
        first_block: o.block,
        last_block: block,
        block_quote: false,
    });
}

/// An opening mark that found no close before `end` (the paragraph's end or the next opening
/// mark): its words are kept as an unclosed quote, and the mark with those words is reported
/// as unbalanced.
fn push_unclosed(
    out: &mut QuoteScan,
    text: &str,
    o: Open,
    end: usize,
    block: usize,
    family: Family,
) {
    let words = Span::new(
        o.pos + o.len,
        o.pos + o.len + text[o.pos + o.len..end].trim_end().len(),
    );
    out.unbalanced.push(Span::new(o.pos, words.end));
    if !words.is_empty() {
        out.quotes.push(Quote {
            span: Span::new(o.pos, words.end),
            inner: words,
            family,
            closed: false,
            first_block: o.block,
            last_block: block,
            block_quote: false,
        });
    }
}

/// Block-quote paragraphs with no quotation marks of their own are quoted statements when the
/// paragraph before ends with a colon ("said in a statement:").
fn block_quotes(doc: &Document, out: &mut QuoteScan) {
    use crate::document::BlockKind;
    let text = &doc.text;
    let mut bi = 0;
    while bi < doc.blocks.len() {
        let block = doc.blocks[bi];
        if block.kind != BlockKind::BlockQuote
            || out
                .quotes
                .iter()
                .any(|q| block.span.contains(q.span) || q.span.contains(block.span))
        {
            bi += 1;
            continue;
        }
        let intro = bi
            .checked_sub(1)
            .map(|p| doc.blocks[p].span.of(text).trim_end().ends_with(':'))
            .unwrap_or(false);
        // Consecutive block-quote paragraphs form one quote.
        let mut last = bi;
        while doc
            .blocks
            .get(last + 1)
            .is_some_and(|b| b.kind == BlockKind::BlockQuote)
        {
            last += 1;
        }
        if intro {
            let span = Span::new(block.span.start, doc.blocks[last].span.end);
            out.quotes.push(Quote {
                span,
                inner: span,
                family: Family::Double,
                closed: true,
                first_block: bi,
                last_block: last,
                block_quote: true,
            });
        }
        bi = last + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Format;

    fn quotes(text: &str) -> (Vec<String>, usize) {
        let doc = Document::new(text.to_owned(), Format::Text);
        let scan = scan(&doc);
        (
            scan.quotes
                .iter()
                .map(|q| q.inner.of(&doc.text).to_owned())
                .collect(),
            scan.unbalanced.len(),
        )
    }

    #[test]
    fn straight_and_curly_double_quotes() {
        let (q, u) = quotes("\"We won,\" he said. “They lost,” she said.");
        assert_eq!(q, ["We won,", "They lost,"]);
        assert_eq!(u, 0);
    }

    #[test]
    fn apostrophes_and_primes_are_not_quotes() {
        let (q, u) = quotes(
            "'I don't know,' said the Joneses' neighbour. The '60s band played fish 'n' chips songs at 5 o'clock. He is 5'11\" tall. 'It was mine,' she said.",
        );
        assert_eq!(q, ["I don't know,", "It was mine,"]);
        assert_eq!(u, 0);
    }

    #[test]
    fn nested_quotes_stay_inside() {
        let (q, _) = quotes("“He told me, ‘Go home,’ and I did,” she said.");
        assert_eq!(q, ["He told me, ‘Go home,’ and I did,"]);
        let (q, _) = quotes("‘He told me, “Go home,” and I did,’ she said. ‘Then I left.’");
        assert_eq!(q, ["He told me, “Go home,” and I did,", "Then I left."]);
    }

    #[test]
    fn multi_paragraph_quote_is_one() {
        let (q, u) = quotes("\"First part of it.\n\n\"Second part of it,\" he said.\n\nAfter.");
        assert_eq!(q.len(), 1);
        assert!(q[0].starts_with("First") && q[0].ends_with("it,"));
        assert_eq!(u, 0);
    }

    #[test]
    fn a_nested_quote_may_end_with_a_stop_before_its_close() {
        // American punctuation: the period inside the nested quote's close, the outer close
        // right after it.
        let (q, u) = quotes(
            "\"I can't yell too much. It comes across as \u{201c}too loud\u{201d} or \u{201c}too shrill.\u{201d}\" she wrote.",
        );
        assert_eq!(q.len(), 1, "{q:?}");
        assert!(
            q[0].starts_with("I can't") && q[0].ends_with("shrill.\u{201d}"),
            "{q:?}"
        );
        assert_eq!(u, 0);
    }

    #[test]
    fn a_stray_straight_mark_is_not_continued_by_a_curly_quote() {
        // A scraped excerpt opens with `"` and never closes; the next paragraph is the story's
        // own quote in curly marks: two quotes, the first unclosed.
        let (q, u) = quotes(
            "\"Ortiz thought the ruling was outrageous. She was angry.\n\n\u{201c}It never crossed my mind,\u{201d} she said.",
        );
        assert_eq!(q.len(), 2, "{q:?}");
        assert!(q[1].starts_with("It never"), "{q:?}");
        assert_eq!(u, 1);
    }

    #[test]
    fn unbalanced_mark_does_not_swallow() {
        let (q, u) = quotes("He said \"no way.\n\nThen \"yes,\" she said.");
        assert_eq!(u, 1);
        assert_eq!(q.last().unwrap(), "yes,");
    }

    #[test]
    fn guillemets_and_low_marks() {
        let (q, _) = quotes("Il a dit «bonjour» et „hallo“ heute.");
        assert_eq!(q, ["bonjour", "hallo"]);
    }

    #[test]
    fn british_possessive_not_a_close() {
        let (q, _) = quotes("‘The players’ wages are too high,’ he said.");
        assert_eq!(q, ["The players’ wages are too high,"]);
    }

    fn unbalanced_texts(text: &str) -> Vec<String> {
        let doc = Document::new(text.to_owned(), Format::Text);
        scan(&doc)
            .unbalanced
            .iter()
            .map(|s| s.of(&doc.text).to_owned())
            .collect()
    }

    #[test]
    fn a_mark_after_a_space_before_a_comma_closes() {
        let (q, u) = quotes("\"He told me, 'I'm a drummer' \", Okafor recalled.");
        assert_eq!(q.len(), 1);
        assert!(q[0].starts_with("He told me, 'I'm a drummer'"));
        assert_eq!(u, 0);
        let (q, u) = quotes(
            "Mira said the bus shook and \"it felt like 'are we going to crash?'\u{2009}\". Then it stopped.",
        );
        assert_eq!(q, ["it felt like 'are we going to crash?'\u{2009}"]);
        assert_eq!(u, 0);
    }

    #[test]
    fn typewriter_doubles_pair() {
        let (q, u) = quotes("''We are done here,'' the coach said. ``It was close,'' he added.");
        assert_eq!(q, ["We are done here,", "It was close,"]);
        assert_eq!(u, 0);
        let (q, u) = quotes("''She told me 'no,''' Ruiz said, ''and then she left.''");
        assert_eq!(q, ["She told me 'no,'", "and then she left."]);
        assert_eq!(u, 0);
    }

    #[test]
    fn nested_straight_doubles_pair_inside_a_quote() {
        let text = "Ana Ruiz wrote: \"The statement says the \"city council\" holds the files. They are all at the archive.\" She left.";
        let (qs, unbalanced) = quotes(text);
        assert_eq!(unbalanced, 0, "{qs:?}");
        assert_eq!(qs.len(), 1, "{qs:?}");
        assert!(
            qs[0].contains("city council") && qs[0].ends_with("archive."),
            "{qs:?}"
        );
    }

    #[test]
    fn no_empty_quotes() {
        let (q, u) = quotes("He typed \"\" into the box. \"Fine,\" she said.");
        assert_eq!(q, ["Fine,"]);
        assert_eq!(u, 0);
    }

    #[test]
    fn an_opening_mark_while_one_is_open_keeps_the_first_words() {
        let text = "I keep thinking \"what if my sister were there?  \"What if they told her to leave?\" It haunts me.";
        let (q, u) = quotes(text);
        assert_eq!(
            q,
            [
                "what if my sister were there?",
                "What if they told her to leave?"
            ]
        );
        assert_eq!(u, 1);
        assert_eq!(unbalanced_texts(text), ["\"what if my sister were there?"]);
    }

    #[test]
    fn a_stray_close_is_reported_with_the_words_it_ends() {
        let text = "The vote was late. Then the chair said it was over.\" Members went home.";
        assert_eq!(
            unbalanced_texts(text),
            ["Then the chair said it was over.\""]
        );
    }

    #[test]
    fn single_quotes_outside_double_quotes_are_quotes() {
        let (q, u) = quotes(
            "Bees 'know when to stop': study\n\nThe team said \"the hive decides,\" and the bees' wings slowed. 'If it rains, come back,' the keeper says.",
        );
        assert_eq!(
            q,
            [
                "know when to stop",
                "the hive decides,",
                "If it rains, come back,"
            ]
        );
        assert_eq!(u, 0);
    }

    #[test]
    fn multi_paragraph_convention_is_not_unbalanced() {
        let (q, u) = quotes(
            "\"We opened in May.\n\n\"We closed in June.\n\n\"We will open again,\" Ortiz said.",
        );
        assert_eq!(q.len(), 1);
        assert_eq!(u, 0);
    }

    #[test]
    fn quoted_transcript_is_one_quote_per_paragraph() {
        // Each paragraph opens with a speaker label in capitals: turns, not one quote.
        let (q, u) = quotes(
            "The exchange went as follows:\n\n\"HOST: Will the mayor attend?\n\n\"OKAFOR: She \
             will not. She is away.\n\n\"But the budget is late.\n\n\"HOST: Thank you.\"\n\nThe \
             program aired at noon.",
        );
        assert_eq!(
            q,
            [
                "HOST: Will the mayor attend?",
                "OKAFOR: She will not. She is away.",
                "But the budget is late.",
                "HOST: Thank you."
            ]
        );
        assert_eq!(u, 0);
        // A label in mixed case ("Note:") is a sentence of the speaker's: the convention holds.
        let (q, _) =
            quotes("\"Note: we opened in May.\n\n\"We will open again,\" Ortiz said.\n\nAfter.");
        assert_eq!(q.len(), 1);
    }

    #[test]
    fn long_run_of_marks_is_linear_and_safe() {
        let text = "\"".repeat(200_000);
        let (q, _) = quotes(&text);
        assert!(q.len() <= 100_000);
    }
}
