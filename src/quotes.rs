//! The quote grammar: finds quoted passages in the prose view.
//!
//! Candidate marks are found with `memchr`; at each one a small nom parser reads the mark and
//! the context around it decides whether it opens, closes, or is an apostrophe or a prime. Marks
//! pair per paragraph (one level of nesting); an opening mark that starts the next paragraph
//! carries a quote across paragraphs (the multi-paragraph convention); an opening mark with no
//! close is recorded as unbalanced and never swallows the paragraphs after it.

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
        value((Double, Open), alt((tag("“"), tag("„"), tag("«")))),
        value((Double, Close), alt((tag("”"), tag("»")))),
        value((Double, Either), tag("\"")),
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
    let can_open = opens_after(prev) && next.is_some_and(|c| !c.is_whitespace());
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
/// the bytes a mark can start with (`"`, `'` and the UTF-8 leads of the curly and angle
/// marks), found with `memchr`; no mark is longer than one character, so marks never overlap.
fn marks(lex: &Lexicon, text: &str) -> Vec<(usize, Mark, Role)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut common = memchr::memchr3_iter(b'"', b'\'', 0xE2, bytes).peekable();
    let mut angle = memchr::memchr_iter(0xC2, bytes).peekable();
    loop {
        let i = match (common.peek(), angle.peek()) {
            (Some(&a), Some(&b)) if b < a => angle.next(),
            (Some(_), _) => common.next(),
            (None, Some(_)) => angle.next(),
            (None, None) => break,
        };
        let Some(i) = i else { break };
        if let Some(m) = mark_at(text, i) {
            out.push((i, m, role(lex, text, i, m)));
        }
    }
    out
}

struct Open {
    pos: usize,
    len: usize,
    block: usize,
}

/// Find every quoted passage of `doc`.
pub fn scan(doc: &Document) -> QuoteScan {
    let lex = lexicon();
    let text = doc.text.as_str();
    let marks = marks(lex, text);
    let outer = outer_family(&marks);
    let mut out = QuoteScan::default();
    let mut carried: Option<Open> = None; // a quote continuing from the previous paragraph
    for (bi, block) in doc.blocks.iter().enumerate() {
        let mut open: Option<Open> = carried.take();
        let mut inner_open = false;
        let mut weak: Option<(usize, usize)> = None;
        let mut continuing = open.is_some();
        let b = block.span;
        let first = marks.partition_point(|&(i, _, _)| i < b.start);
        for &(i, m, r) in marks[first..].iter().take_while(|&&(i, _, _)| i < b.end) {
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
                    }
                    (Role::Close | Role::Toggle, true) => {
                        if let Some(o) = open.take() {
                            push_quote(&mut out, doc, o, i, m.len, bi, outer);
                        }
                        inner_open = false;
                    }
                    (Role::WeakClose, true) => weak = Some((i, m.len)),
                    (Role::Open, true) if m.family == Family::Double => {
                        // An opening mark while one is open: the first never closed.
                        if let Some(o) = open.take() {
                            out.unbalanced.push(Span::new(o.pos, o.pos + o.len));
                        }
                        open = Some(Open {
                            pos: i,
                            len: m.len,
                            block: bi,
                        });
                    }
                    (Role::Close, false) if m.family == Family::Double => {
                        out.unbalanced.push(Span::new(i, i + m.len));
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
            }
        }
        if let Some(o) = open.take() {
            if let Some((wpos, wlen)) = weak {
                push_quote(&mut out, doc, o, wpos, wlen, bi, outer);
            } else if next_block_reopens(lex, doc, bi, outer) {
                carried = Some(o);
            } else {
                out.unbalanced.push(Span::new(o.pos, o.pos + o.len));
                // Keep the words as an unclosed quote up to the paragraph end.
                out.quotes.push(Quote {
                    span: Span::new(o.pos, b.end),
                    inner: Span::new(o.pos + o.len, b.end),
                    family: outer,
                    closed: false,
                    first_block: o.block,
                    last_block: bi,
                    block_quote: false,
                });
            }
        }
    }
    block_quotes(doc, &mut out);
    out.quotes.sort_by_key(|q| q.span.start);
    out
}

fn next_block_reopens(lex: &Lexicon, doc: &Document, bi: usize, outer: Family) -> bool {
    let Some(next) = doc.blocks.get(bi + 1) else {
        return false;
    };
    let text = &doc.text;
    mark_at(text, next.span.start).is_some_and(|m| {
        m.family == outer
            && matches!(
                role(lex, text, next.span.start, m),
                Role::Open | Role::Toggle
            )
    })
}

fn push_quote(
    out: &mut QuoteScan,
    doc: &Document,
    o: Open,
    close: usize,
    close_len: usize,
    block: usize,
    family: Family,
) {
    let _ = doc;
    out.quotes.push(Quote {
        span: Span::new(o.pos, close + close_len),
        inner: Span::new(o.pos + o.len, close),
        family,
        closed: true,
        first_block: o.block,
        last_block: block,
        block_quote: false,
    });
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

    #[test]
    fn long_run_of_marks_is_linear_and_safe() {
        let text = "\"".repeat(200_000);
        let (q, _) = quotes(&text);
        assert!(q.len() <= 100_000);
    }
}
