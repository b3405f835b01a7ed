//! The document model: the raw file, the prose view the analysis reads, and the map between them.
//!
//! Plain text is read as it is. Markdown and HTML are reduced to their prose (front matter, code,
//! link targets, markup, script and style dropped; entities decoded) in a *view* string, and an
//! offset map turns every view offset back into a byte offset of the raw file, so spans reported
//! to users always point into the original bytes.

use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{BrokenLink, CowStr, Event, Options, Parser, Tag, TagEnd};
use unicase::UniCase;

use crate::input::Format;
use crate::span::{LineIndex, Span};

/// What kind of block a paragraph of the view is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum BlockKind {
    /// An ordinary paragraph (or list item, table cell...).
    #[default]
    Paragraph,
    /// A paragraph inside a block quote.
    BlockQuote,
    /// A heading.
    Heading,
}

/// A paragraph of the view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Block {
    /// View span of the paragraph text (trimmed of surrounding whitespace).
    pub span: Span,
    /// Its kind.
    pub kind: BlockKind,
}

/// A comment found in the markup (HTML comments in HTML and Markdown), for inline suppression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    /// Raw span of the whole comment.
    pub span: Span,
    /// The comment's text, without `<!--` and `-->`, trimmed.
    pub text: String,
}

#[derive(Clone, Copy, Debug)]
struct Seg {
    view: usize,
    view_len: usize,
    raw: usize,
    raw_len: usize,
}

/// A parsed article.
#[derive(Clone, Debug)]
pub struct Document {
    /// The original file text.
    pub raw: String,
    /// The prose view; equal to `raw` for plain text.
    pub text: String,
    /// The format it was read as.
    pub format: Format,
    /// Paragraphs of the view, in order.
    pub blocks: Vec<Block>,
    /// Markup comments (for suppression directives).
    pub comments: Vec<Comment>,
    segs: Option<Vec<Seg>>,
    lines: LineIndex,
}

impl Document {
    /// Parse `raw` as `format`.
    pub fn new(raw: String, format: Format) -> Document {
        Document::build(raw, format, &Context::default())
    }

    /// Parse `raw` as `format`, in the state a piece of a longer article starts in.
    fn build(raw: String, format: Format, cx: &Context<'_>) -> Document {
        let lines = LineIndex::new(&raw);
        let mut doc = Document {
            text: String::new(),
            raw,
            format,
            blocks: Vec::new(),
            comments: Vec::new(),
            segs: None,
            lines,
        };
        match format {
            Format::Text => doc.build_text(),
            Format::Markdown => doc.build_markdown(cx.links),
            Format::Html => doc.build_html(cx.html),
        }
        doc
    }

    /// Map a view offset that starts a span to a raw byte offset.
    pub fn raw_start(&self, v: usize) -> usize {
        let Some(segs) = &self.segs else { return v };
        let i = segs.partition_point(|s| s.view <= v);
        if i == 0 {
            return segs.first().map(|s| s.raw).unwrap_or(0);
        }
        let s = segs[i - 1];
        if v < s.view + s.view_len {
            if s.view_len == s.raw_len {
                s.raw + (v - s.view)
            } else {
                s.raw
            }
        } else if let Some(n) = segs.get(i) {
            n.raw
        } else {
            s.raw + s.raw_len
        }
    }

    /// Map a view offset that ends a span to a raw byte offset.
    pub fn raw_end(&self, v: usize) -> usize {
        let Some(segs) = &self.segs else { return v };
        let i = segs.partition_point(|s| s.view < v);
        if i == 0 {
            return segs.first().map(|s| s.raw).unwrap_or(0);
        }
        let s = segs[i - 1];
        if v <= s.view + s.view_len {
            if s.view_len == s.raw_len {
                s.raw + (v - s.view)
            } else {
                s.raw + s.raw_len
            }
        } else {
            s.raw + s.raw_len
        }
    }

    /// Map a view span to the raw span of the file.
    pub fn raw_span(&self, span: Span) -> Span {
        let start = self.raw_start(span.start);
        Span::new(start, self.raw_end(span.end).max(start))
    }

    /// 1-based line and character column of a raw offset.
    pub fn line_col(&self, raw_offset: usize) -> (usize, usize) {
        self.lines.line_col(&self.raw, raw_offset)
    }

    /// The line index of the raw file.
    pub fn line_index(&self) -> &LineIndex {
        &self.lines
    }

    /// The index of the block holding view offset `v`, if any.
    pub fn block_at(&self, v: usize) -> Option<usize> {
        let i = self.blocks.partition_point(|b| b.span.start <= v);
        (i > 0 && v <= self.blocks[i - 1].span.end).then(|| i - 1)
    }

    fn build_text(&mut self) {
        self.text = self.raw.clone();
        // A lone `\r` (old Mac line ends) is a line end like `\n`: the view has `\n` there, byte
        // for byte, so offsets into the view are offsets into the file.
        if memchr::memchr(b'\r', self.raw.as_bytes()).is_some() {
            let b = self.raw.as_bytes();
            let lone: Vec<usize> = memchr::memchr_iter(b'\r', b)
                .filter(|&i| b.get(i + 1) != Some(&b'\n'))
                .collect();
            if !lone.is_empty() {
                let mut bytes = std::mem::take(&mut self.text).into_bytes();
                for i in lone {
                    bytes[i] = b'\n';
                }
                // Replacing one ASCII byte by another keeps the text UTF-8.
                self.text = String::from_utf8(bytes)
                    .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
            }
        }
        let text = self.text.as_str();
        let bytes = text.as_bytes();
        // Blank lines separate paragraphs when the file has any. Without them, a file whose lines
        // end sentences holds one paragraph per line; otherwise it is hard-wrapped prose.
        let blank_mode = has_blank_line(text) || !lines_end_sentences(text);
        let mut blocks = Vec::new();
        let mut start = 0;
        let mut pos = 0;
        let push = |s: usize, e: usize, blocks: &mut Vec<Block>| {
            let span = trim_span(text, Span::new(s, e));
            if !span.is_empty() {
                blocks.push(Block {
                    span,
                    kind: BlockKind::Paragraph,
                });
            }
        };
        while pos < bytes.len() {
            let Some(nl) = memchr::memchr(b'\n', &bytes[pos..]) else {
                break;
            };
            let nl = pos + nl;
            if blank_mode {
                // Is the next line blank?
                let next_end = memchr::memchr(b'\n', &bytes[nl + 1..])
                    .map(|i| nl + 1 + i)
                    .unwrap_or(bytes.len());
                if text[nl + 1..next_end].trim().is_empty() {
                    push(start, nl, &mut blocks);
                    start = next_end;
                    pos = next_end;
                    continue;
                }
            } else {
                push(start, nl, &mut blocks);
                start = nl + 1;
            }
            pos = nl + 1;
        }
        push(start, bytes.len(), &mut blocks);
        self.blocks = blocks;
    }

    /// `links`: reference labels defined in other pieces of the article, read as defined here.
    fn build_markdown(&mut self, links: Option<&HashSet<UniCase<String>>>) {
        let raw = std::mem::take(&mut self.raw);
        let mut b = ViewBuilder::default();
        // A reference defined elsewhere in the article is a link, as in the whole file: its
        // text is the link's text, not `[text][label]`. Where it points is never read.
        let defined_elsewhere = links.map(|links| {
            move |l: BrokenLink<'_>| {
                links
                    .contains(&UniCase::new(l.reference.to_string()))
                    .then_some((CowStr::Borrowed(""), CowStr::Borrowed("")))
            }
        });
        let mut skip = 0usize; // inside code blocks or metadata
        let mut quote_depth = 0usize;
        let mut heading = false;
        let src = capped_nesting(&raw);
        let parser = Parser::new_with_broken_link_callback(&src, MARKDOWN, defined_elsewhere);
        for (event, range) in parser.into_offset_iter() {
            match event {
                Event::Start(Tag::CodeBlock(_) | Tag::MetadataBlock(_)) => skip += 1,
                Event::End(TagEnd::CodeBlock | TagEnd::MetadataBlock(_)) => {
                    skip = skip.saturating_sub(1)
                }
                Event::Start(Tag::BlockQuote(_)) => {
                    b.end_block();
                    quote_depth += 1;
                }
                Event::End(TagEnd::BlockQuote(_)) => {
                    b.end_block();
                    quote_depth = quote_depth.saturating_sub(1);
                }
                Event::Start(Tag::Heading { .. }) => {
                    b.end_block();
                    heading = true;
                }
                Event::End(TagEnd::Heading(_)) => {
                    b.end_block();
                    heading = false;
                }
                Event::Start(
                    Tag::Paragraph | Tag::Item | Tag::TableCell | Tag::FootnoteDefinition(_),
                )
                | Event::End(
                    TagEnd::Paragraph
                    | TagEnd::Item
                    | TagEnd::TableCell
                    | TagEnd::FootnoteDefinition,
                ) => b.end_block(),
                Event::Text(t) if skip == 0 => {
                    let kind = if heading {
                        BlockKind::Heading
                    } else if quote_depth > 0 {
                        BlockKind::BlockQuote
                    } else {
                        BlockKind::Paragraph
                    };
                    b.kind = kind;
                    let linear = src.get(range.clone()) == Some(&*t);
                    b.push(&t, range.start, range.end, linear);
                }
                Event::Code(_) if skip == 0 => b.push(" ", range.start, range.end, false),
                Event::SoftBreak | Event::HardBreak if skip == 0 => {
                    b.push(" ", range.start, range.end, false)
                }
                Event::Html(h) | Event::InlineHtml(h) => {
                    collect_comments(&h, range.start, &mut self.comments)
                }
                _ => {}
            }
        }
        b.end_block();
        self.raw = raw;
        self.finish(b);
    }

    /// `state`: the depths a piece of a longer article starts at.
    fn build_html(&mut self, mut state: HtmlState) {
        use html5gum::Token;
        let raw = std::mem::take(&mut self.raw);
        let mut b = ViewBuilder::default();
        for token in html_tokens(&raw) {
            match token {
                // The guards update the nesting state: a tag that opens or closes no block
                // falls through to the catch-all arm.
                Token::StartTag(tag) if state.start_tag(tag.name.as_slice(), tag.self_closing) => {
                    b.end_block();
                }
                Token::EndTag(tag) if state.end_tag(tag.name.as_slice()) => {
                    b.end_block();
                }
                Token::String(s) if state.hidden == 0 => {
                    b.kind = state.kind();
                    let (start, end) = (s.span.start, s.span.end.min(raw.len()));
                    if let Some(slice) = raw.get(start..end) {
                        push_decoded(&mut b, slice, start);
                    }
                }
                Token::Comment(c) => {
                    let (start, end) = (c.span.start, c.span.end.min(raw.len()));
                    if let Some(slice) = raw.get(start..end) {
                        collect_comments(slice, start, &mut self.comments);
                    }
                }
                _ => {}
            }
        }
        b.end_block();
        self.raw = raw;
        self.finish(b);
    }

    fn finish(&mut self, b: ViewBuilder) {
        self.text = b.text;
        self.blocks = b.blocks;
        self.segs = Some(b.segs);
    }
}

/// The Markdown extensions attrib reads.
const MARKDOWN: Options = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
    .union(Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS)
    .union(Options::ENABLE_TABLES)
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_STRIKETHROUGH);

/// Block containers (block quotes and list items) opened on one line beyond this depth are
/// read as text: the parser keeps a node per container, so 1,000 markers a line cost about
/// 25 times the input in memory.
pub const MAX_MARKDOWN_NESTING: usize = 32;

/// `raw` as the Markdown parser reads it: on a line that opens more than
/// [`MAX_MARKDOWN_NESTING`] containers, the markers past that depth (`>`, `-`, `+`, `*`,
/// `1.`, `1)`) become `|`, same length, so offsets are unchanged and the line's text sits at
/// the deepest kept level with the extra markers as punctuation. Borrowed when no line is that
/// deep.
fn capped_nesting(raw: &str) -> std::borrow::Cow<'_, str> {
    let b = raw.as_bytes();
    // The length of a container marker at `j` (with its following blank for list markers).
    let marker = |j: usize| -> Option<usize> {
        let blank = |k: usize| k >= b.len() || matches!(b[k], b' ' | b'\t' | b'\n' | b'\r');
        match *b.get(j)? {
            b'>' => Some(1),
            b'-' | b'+' | b'*' if blank(j + 1) => Some(1),
            b'0'..=b'9' => {
                let d = b[j..]
                    .iter()
                    .take(10)
                    .take_while(|c| c.is_ascii_digit())
                    .count();
                (d < 10 && matches!(b.get(j + d), Some(b'.' | b')')) && blank(j + d + 1))
                    .then_some(d + 1)
            }
            _ => None,
        }
    };
    let mut out: Option<Vec<u8>> = None;
    let mut line = 0;
    while line < b.len() {
        let end = line_end(b, line);
        // Cheap test first: a line needs more than the cap's bytes of markers.
        if end - line > MAX_MARKDOWN_NESTING {
            let (mut i, mut depth) = (line, 0);
            loop {
                let mut j = i;
                while j < end && j - i < 3 && b[j] == b' ' {
                    j += 1;
                }
                let Some(len) = marker(j).filter(|_| j < end) else {
                    break;
                };
                depth += 1;
                if depth > MAX_MARKDOWN_NESTING {
                    let o = out.get_or_insert_with(|| b.to_vec());
                    o[j..j + len].fill(b'|');
                }
                i = j + len;
                if i < end && matches!(b[i], b' ' | b'\t') {
                    i += 1;
                }
            }
        }
        line = end + 1;
    }
    match out {
        // Only ASCII bytes were replaced with ASCII: still UTF-8.
        Some(o) => std::borrow::Cow::Owned(String::from_utf8(o).unwrap_or_else(|_| raw.into())),
        None => std::borrow::Cow::Borrowed(raw),
    }
}

/// The offset of the `\n` ending the line that starts at `from` (or the end of `b`); a lone
/// `\r` ends a line too.
fn line_end(b: &[u8], from: usize) -> usize {
    b[from..]
        .iter()
        .position(|&c| c == b'\n' || c == b'\r')
        .map_or(b.len(), |p| from + p)
}

/// What a piece of a longer article needs to read as that part of the whole does.
#[derive(Default)]
struct Context<'a> {
    /// Markdown: link reference labels defined anywhere in the article.
    links: Option<&'a HashSet<UniCase<String>>>,
    /// HTML: the depths at the piece's start.
    html: HtmlState,
}

/// The HTML tokens of `raw`, with spans, switching to raw text after `script`, `style`...
fn html_tokens(raw: &str) -> impl Iterator<Item = html5gum::Token<usize>> + '_ {
    let mut emitter = html5gum::DefaultEmitter::<usize>::new_with_span();
    emitter.naively_switch_states(true);
    html5gum::Tokenizer::new_with_emitter(raw, emitter).flatten()
}

/// Where the HTML reader is: how deep inside hidden elements (head, script, style...), block
/// quotes and headings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct HtmlState {
    hidden: usize,
    quote_depth: usize,
    heading: usize,
}

impl HtmlState {
    /// Enter a start tag; true when it ends the current block.
    fn start_tag(&mut self, name: &[u8], self_closing: bool) -> bool {
        if is_hidden(name) && !self_closing {
            self.hidden += 1;
            false
        } else if is_block(name) {
            if name == b"blockquote" {
                self.quote_depth += 1;
            }
            if is_heading(name) {
                self.heading += 1;
            }
            true
        } else {
            false
        }
    }

    /// Leave an end tag; true when it ends the current block.
    fn end_tag(&mut self, name: &[u8]) -> bool {
        if is_hidden(name) {
            self.hidden = self.hidden.saturating_sub(1);
            false
        } else if is_block(name) {
            if name == b"blockquote" {
                self.quote_depth = self.quote_depth.saturating_sub(1);
            }
            if is_heading(name) {
                self.heading = self.heading.saturating_sub(1);
            }
            true
        } else {
            false
        }
    }

    /// The kind of block text here belongs to.
    fn kind(&self) -> BlockKind {
        if self.heading > 0 {
            BlockKind::Heading
        } else if self.quote_depth > 0 {
            BlockKind::BlockQuote
        } else {
            BlockKind::Paragraph
        }
    }
}

/// A long article cut into pieces of about a given size, each of which reads as that part of
/// the whole file does, so that it can be analysed piece by piece in memory near the piece's
/// size instead of the whole file's (the analysis's tables take about 15 times the text).
///
/// - Plain text is cut at a blank line after the target size if one comes within a quarter
///   piece, else at a line end, else a sentence end, else at a character boundary.
/// - Markdown is cut before a block that starts a line at its first column after a blank line
///   and that the parser reads as a new top-level block (or a new item of a top-level list):
///   every container and code block, HTML block and front matter is closed there, so the rest
///   parses alone as it does in the whole. Reference links and footnotes defined in another
///   piece are read as defined. A single block longer than a piece is never cut.
/// - HTML is cut just after a block tag (`p`, `div`, `li`, `blockquote`...), where the
///   tokenizer is reading text; the next piece starts at the depths of block quotes, headings
///   and hidden elements reached there.
///
/// The views of the pieces, one after another, are the view of the whole file.
#[derive(Debug)]
pub struct Pieces {
    format: Format,
    ranges: Vec<Range<usize>>,
    /// HTML: the state each piece starts in.
    html: Vec<HtmlState>,
    /// Markdown: every link reference label the article defines.
    links: HashSet<UniCase<String>>,
    /// Markdown: the footnote labels defined, with the piece defining each.
    footnotes: Vec<(usize, String)>,
}

/// Footnote labels from other pieces are added to a piece as empty definitions only while
/// they take less than this many bytes in all (an article of nothing but footnote definitions
/// would otherwise copy them all into every piece).
const MAX_FOOTNOTE_TRAILER: usize = 64 * 1024;

impl Pieces {
    /// Cut `raw` (read as `format`) into pieces of about `size` bytes; a text of at most
    /// `size` bytes is one piece.
    pub fn new(raw: &str, format: Format, size: usize) -> Pieces {
        let size = size.max(1);
        let mut p = Pieces {
            format,
            ranges: Vec::new(),
            html: Vec::new(),
            links: HashSet::new(),
            footnotes: Vec::new(),
        };
        let ends = match format {
            Format::Text => text_piece_ends(raw, size),
            Format::Markdown => p.markdown_piece_ends(raw, size),
            Format::Html => p.html_piece_ends(raw, size),
        };
        let mut from = 0;
        for end in ends {
            p.ranges.push(from..end);
            from = end;
        }
        p
    }

    /// The raw byte ranges of the pieces, in order; together they cover the text.
    pub fn ranges(&self) -> &[Range<usize>] {
        &self.ranges
    }

    /// Piece `i` of `raw` (the text the pieces were cut from) as a document of its own: its
    /// offsets start at 0 at the piece's start.
    pub fn document(&self, raw: &str, i: usize) -> Document {
        let range = self.ranges[i].clone();
        let mut text = raw[range].to_owned();
        let mut cx = Context::default();
        match self.format {
            Format::Text => {}
            Format::Markdown => {
                if !self.links.is_empty() {
                    cx.links = Some(&self.links);
                }
                // Footnotes defined in another piece: an empty definition after the piece
                // makes their references here references, as in the whole file. It adds no
                // text to the view.
                let elsewhere = self.footnotes.iter().filter(|(p, _)| *p != i);
                if elsewhere.clone().map(|(_, l)| l.len() + 6).sum::<usize>()
                    <= MAX_FOOTNOTE_TRAILER
                {
                    for (k, (_, label)) in elsewhere.enumerate() {
                        if k == 0 {
                            text.push_str("\n\n");
                        }
                        text.push_str("[^");
                        text.push_str(label);
                        text.push_str("]:\n\n");
                    }
                }
            }
            Format::Html => cx.html = self.html[i],
        }
        Document::build(text, self.format, &cx)
    }

    fn markdown_piece_ends(&mut self, raw: &str, size: usize) -> Vec<usize> {
        let mut ends = Vec::new();
        let mut from = 0;
        while raw.len() - from > size {
            let target = from + size;
            let mut window = size + size / 4;
            let cut = loop {
                let end = window_end(raw, from, window);
                if let Some(cut) = self.markdown_cut(raw, from, end, Some(target), ends.len()) {
                    break Some(cut);
                }
                if end == raw.len() {
                    break None;
                }
                window = window.saturating_mul(2);
            };
            let Some(cut) = cut else { break };
            ends.push(cut);
            from = cut;
        }
        // The last piece: its link and footnote definitions.
        if from > 0 {
            self.markdown_cut(raw, from, raw.len(), None, ends.len());
        }
        ends.push(raw.len());
        ends
    }

    /// Parse `raw[from..end]` and find where to end the piece starting at `from`: the first
    /// place a piece may start at or after `target`, else the last one before it. Records the
    /// link and footnote definitions before that place, as piece `piece`'s. Without a target,
    /// the piece runs to `end` (the last piece): only its definitions are recorded.
    fn markdown_cut(
        &mut self,
        raw: &str,
        from: usize,
        end: usize,
        target: Option<usize>,
        piece: usize,
    ) -> Option<usize> {
        let src = capped_nesting(&raw[from..end]);
        let parser = Parser::new_ext(&src, MARKDOWN).into_offset_iter();
        let defs: Vec<(usize, UniCase<String>)> = parser
            .reference_definitions()
            .iter()
            .map(|(label, def)| (from + def.span.start, UniCase::new(label.to_owned())))
            .collect();
        let mut footnotes = Vec::new();
        let mut depth = 0usize;
        let mut top_list = false;
        let mut before = None;
        let mut cut = None;
        for (event, range) in parser {
            let at = from + range.start;
            let opens_piece = match &event {
                Event::End(_) => false,
                Event::Start(Tag::Item) => depth == 1 && top_list,
                _ => depth == 0,
            };
            if let Some(target) = target
                && opens_piece
                && at > from
                && may_start_piece(raw.as_bytes(), at)
            {
                if at >= target {
                    cut = Some(at);
                    break;
                }
                before = Some(at);
            }
            match event {
                Event::Start(tag) => {
                    if depth == 0 {
                        top_list = matches!(tag, Tag::List(_));
                    }
                    if let Tag::FootnoteDefinition(label) = tag {
                        footnotes.push((at, label.into_string()));
                    }
                    depth += 1;
                }
                Event::End(_) => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        let cut = cut.or(before);
        let limit = cut.unwrap_or(end);
        if cut.is_some() || target.is_none() {
            self.links.extend(
                defs.into_iter()
                    .filter(|(at, _)| *at < limit)
                    .map(|(_, l)| l),
            );
            self.footnotes.extend(
                footnotes
                    .into_iter()
                    .filter(|(at, _)| *at < limit)
                    .map(|(_, l)| (piece, l)),
            );
        }
        cut
    }

    fn html_piece_ends(&mut self, raw: &str, size: usize) -> Vec<usize> {
        use html5gum::Token;
        let mut ends = Vec::new();
        let mut state = HtmlState::default();
        self.html.push(state);
        let mut from = 0;
        for token in html_tokens(raw) {
            if raw.len() - from <= size {
                break;
            }
            let (block, end) = match token {
                Token::StartTag(tag) => (
                    state.start_tag(tag.name.as_slice(), tag.self_closing),
                    tag.span.end,
                ),
                Token::EndTag(tag) => (state.end_tag(tag.name.as_slice()), tag.span.end),
                _ => continue,
            };
            // After a block tag the tokenizer reads text (no block tag switches it to raw
            // text), so the rest reads alone as in the whole, from the same depths.
            if block && end >= from + size && end < raw.len() && raw.is_char_boundary(end) {
                ends.push(end);
                self.html.push(state);
                from = end;
            }
        }
        ends.push(raw.len());
        ends
    }
}

/// The end of a window of about `len` bytes from `from`: just past its last line end, so that
/// the window holds whole lines only.
fn window_end(raw: &str, from: usize, len: usize) -> usize {
    let end = from.saturating_add(len);
    if end >= raw.len() {
        return raw.len();
    }
    match memchr::memrchr2(b'\n', b'\r', &raw.as_bytes()[from..end]) {
        Some(i) if raw.as_bytes().get(from + i + 1) == Some(&b'\n') => from + i + 2,
        Some(i) => from + i + 1,
        None => {
            // One long line: no piece can start inside it anyway.
            let mut end = end.max(from + 1);
            while !raw.is_char_boundary(end) {
                end += 1;
            }
            end
        }
    }
}

/// True when a Markdown piece may start at `at`: at a line's first column, after a blank line,
/// with no text a piece would read as front matter (`---`, `+++`).
fn may_start_piece(raw: &[u8], at: usize) -> bool {
    if at == 0 || at >= raw.len() || !matches!(raw[at - 1], b'\n' | b'\r') {
        return false;
    }
    if matches!(raw[at], b' ' | b'\t' | b'\n' | b'\r')
        || raw[at..].starts_with(b"---")
        || raw[at..].starts_with(b"+++")
    {
        return false;
    }
    // The line before: only spaces and tabs between two line ends.
    let mut j = at - 1;
    if raw[j] == b'\n' && j > 0 && raw[j - 1] == b'\r' {
        j -= 1;
    }
    while j > 0 && matches!(raw[j - 1], b' ' | b'\t') {
        j -= 1;
    }
    j > 0 && matches!(raw[j - 1], b'\n' | b'\r')
}

/// Where to cut plain text into pieces of about `size` (see [`Pieces`]).
fn text_piece_ends(text: &str, size: usize) -> Vec<usize> {
    let b = text.as_bytes();
    let mut ends = Vec::new();
    let mut from = 0;
    while b.len() - from > size {
        let target = from + size;
        let window = &b[target..(target + size / 4).min(b.len())];
        let cut = memchr::memmem::find(window, b"\n\n")
            .map(|i| target + i + 2)
            .or_else(|| memchr::memchr(b'\n', window).map(|i| target + i + 1))
            .or_else(|| memchr::memmem::find(window, b". ").map(|i| target + i + 2))
            .unwrap_or_else(|| {
                let mut t = target;
                while !text.is_char_boundary(t) {
                    t += 1;
                }
                t
            });
        ends.push(cut);
        from = cut;
    }
    ends.push(b.len());
    ends
}

/// True when most lines of `text` end a sentence (one paragraph per line), as opposed to prose
/// hard-wrapped mid-sentence.
fn lines_end_sentences(text: &str) -> bool {
    let (mut lines, mut ends) = (0usize, 0usize);
    for line in text.lines() {
        let t = line
            .trim_end()
            .trim_end_matches(['"', '”', '’', '\'', ')', ']', '»']);
        if t.trim().is_empty() {
            continue;
        }
        lines += 1;
        if t.ends_with(['.', '!', '?', ':', '…']) || !t.contains(' ') {
            ends += 1;
        }
    }
    lines <= 1 || ends * 10 >= lines * 6
}

/// True when a blank line stands between two lines of text (a trailing newline is not one).
fn has_blank_line(text: &str) -> bool {
    let mut seen_text = false;
    let mut blank_after_text = false;
    for line in text.split('\n') {
        if line.trim().is_empty() {
            blank_after_text |= seen_text;
        } else {
            if blank_after_text {
                return true;
            }
            seen_text = true;
        }
    }
    false
}

fn trim_span(text: &str, span: Span) -> Span {
    let s = span.of(text);
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead == s.len() {
        return Span::new(span.start, span.start);
    }
    Span::new(span.start + lead, span.end - trail)
}

fn is_hidden(name: &[u8]) -> bool {
    matches!(
        name,
        b"head" | b"script" | b"style" | b"template" | b"noscript" | b"svg" | b"math" | b"title"
    )
}

fn is_heading(name: &[u8]) -> bool {
    matches!(name, b"h1" | b"h2" | b"h3" | b"h4" | b"h5" | b"h6")
}

fn is_block(name: &[u8]) -> bool {
    is_heading(name)
        || matches!(
            name,
            b"p" | b"div"
                | b"br"
                | b"li"
                | b"ul"
                | b"ol"
                | b"blockquote"
                | b"article"
                | b"section"
                | b"header"
                | b"footer"
                | b"aside"
                | b"nav"
                | b"main"
                | b"figure"
                | b"figcaption"
                | b"table"
                | b"tr"
                | b"td"
                | b"th"
                | b"dd"
                | b"dt"
                | b"pre"
                | b"hr"
                | b"body"
                | b"html"
        )
}

fn collect_comments(html: &str, base: usize, out: &mut Vec<Comment>) {
    let mut pos = 0;
    while let Some(i) = html[pos..].find("<!--") {
        let start = pos + i;
        let body_start = start + 4;
        let end = html[body_start..]
            .find("-->")
            .map(|j| body_start + j)
            .unwrap_or(html.len());
        out.push(Comment {
            span: Span::new(base + start, base + (end + 3).min(html.len())),
            text: html[body_start..end].trim().to_owned(),
        });
        pos = (end + 3).min(html.len());
    }
}

/// Decode HTML character references in `slice` (raw text starting at raw offset `base`),
/// recording an exact offset map.
fn push_decoded(b: &mut ViewBuilder, slice: &str, base: usize) {
    let bytes = slice.as_bytes();
    let mut lit = 0;
    let mut i = 0;
    while let Some(j) = memchr::memchr(b'&', &bytes[i..]) {
        let amp = i + j;
        if let Some((ch, len)) = decode_entity(&slice[amp..]) {
            if amp > lit {
                b.push(&slice[lit..amp], base + lit, base + amp, true);
            }
            let mut buf = [0u8; 4];
            b.push(
                ch.encode_utf8(&mut buf),
                base + amp,
                base + amp + len,
                false,
            );
            i = amp + len;
            lit = i;
        } else {
            i = amp + 1;
        }
    }
    if lit < slice.len() {
        b.push(&slice[lit..], base + lit, base + slice.len(), true);
    }
}

/// Decode one character reference at the start of `s`: the character and the bytes it took.
fn decode_entity(s: &str) -> Option<(char, usize)> {
    let semi = s.as_bytes().iter().take(12).position(|&c| c == b';')?;
    let body = &s[1..semi];
    let ch = if let Some(num) = body.strip_prefix('#') {
        let n = if let Some(hex) = num.strip_prefix(['x', 'X']) {
            u32::from_str_radix(hex, 16).ok()?
        } else {
            num.parse().ok()?
        };
        char::from_u32(n).filter(|c| *c != '\0')?
    } else {
        named_entity(body)?
    };
    Some((ch, semi + 1))
}

fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "sbquo" => '‚',
        "bdquo" => '„',
        "laquo" => '«',
        "raquo" => '»',
        "lsaquo" => '‹',
        "rsaquo" => '›',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "prime" => '′',
        "Prime" => '″',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "deg" => '°',
        "middot" => '·',
        "bull" => '•',
        "eacute" => 'é',
        "Eacute" => 'É',
        "egrave" => 'è',
        "aacute" => 'á',
        "agrave" => 'à',
        "iacute" => 'í',
        "oacute" => 'ó',
        "uacute" => 'ú',
        "ntilde" => 'ñ',
        "ccedil" => 'ç',
        "uuml" => 'ü',
        "ouml" => 'ö',
        "auml" => 'ä',
        "szlig" => 'ß',
        "euro" => '€',
        "pound" => '£',
        _ => return None,
    })
}

#[derive(Default)]
struct ViewBuilder {
    text: String,
    segs: Vec<Seg>,
    blocks: Vec<Block>,
    block_start: Option<usize>,
    kind: BlockKind,
}

impl ViewBuilder {
    fn push(&mut self, s: &str, raw_start: usize, raw_end: usize, linear: bool) {
        if self.block_start.is_none() {
            self.block_start = Some(self.text.len());
        }
        let view = self.text.len();
        // Line ends inside a block are plain spaces in the view (same byte length).
        self.text.extend(s.chars().map(|c| {
            if matches!(c, '\n' | '\r' | '\t') {
                ' '
            } else {
                c
            }
        }));
        let view_len = self.text.len() - view;
        let raw_len = raw_end.saturating_sub(raw_start);
        let linear = linear && view_len == raw_len;
        self.segs.push(Seg {
            view,
            view_len,
            raw: raw_start,
            raw_len: if linear { view_len } else { raw_len },
        });
    }

    fn end_block(&mut self) {
        if let Some(start) = self.block_start.take() {
            let span = trim_span(&self.text, Span::new(start, self.text.len()));
            if !span.is_empty() {
                self.blocks.push(Block {
                    span,
                    kind: self.kind,
                });
            }
            self.text.push_str("\n\n");
        }
        self.kind = BlockKind::Paragraph;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lone_carriage_returns_end_lines_and_paragraphs() {
        let crlf = "\"Yes,\" said Bob.\r\n\r\n\"No,\" said Ann.\r\n";
        let cr = crlf.replace("\r\n", "\r");
        let lf = crlf.replace("\r\n", "\n");
        for text in [crlf.to_owned(), cr, lf] {
            let doc = Document::new(text.clone(), Format::Text);
            assert_eq!(doc.blocks.len(), 2, "{text:?}");
            assert_eq!(doc.text.len(), text.len());
            let ann = text.find("\"No").unwrap();
            assert_eq!(doc.line_col(ann), (3, 1), "{text:?}");
        }
    }

    #[test]
    fn plain_text_blank_line_paragraphs() {
        let d = Document::new("One.\nStill one.\n\nTwo.\n".into(), Format::Text);
        assert_eq!(d.blocks.len(), 2);
        assert_eq!(d.blocks[0].span.of(&d.text), "One.\nStill one.");
    }

    #[test]
    fn a_trailing_newline_is_not_a_blank_line() {
        let d = Document::new("One.\nTwo.\n".into(), Format::Text);
        assert_eq!(d.blocks.len(), 2);
        let d = Document::new("One.\n\n\nTwo.\n\n".into(), Format::Text);
        assert_eq!(d.blocks.len(), 2);
    }

    #[test]
    fn hard_wrapped_text_is_one_paragraph() {
        let d = Document::new(
            "\"We will not\nnegotiate this week,\" said Ana Ruiz, the\nmayor of the town.\n".into(),
            Format::Text,
        );
        assert_eq!(d.blocks.len(), 1);
    }

    #[test]
    fn plain_text_line_paragraphs() {
        let d = Document::new("One.\nTwo.\r\nThree.".into(), Format::Text);
        let paras: Vec<_> = d.blocks.iter().map(|b| b.span.of(&d.text)).collect();
        assert_eq!(paras, ["One.", "Two.", "Three."]);
    }

    #[test]
    fn markdown_view_maps_back_to_raw() {
        let raw = "---\ntitle: \"x\"\n---\n# Head\n\nShe said **\"no\"** to [it](http://a \"t\").\n\n```\n\"code\"\n```\n";
        let d = Document::new(raw.into(), Format::Markdown);
        assert!(!d.text.contains("title"));
        assert!(!d.text.contains("code"));
        assert!(!d.text.contains("http"));
        let v = d.text.find("\"no\"").unwrap();
        let span = d.raw_span(Span::new(v, v + 4));
        assert_eq!(span.of(&d.raw), "\"no\"");
        assert_eq!(d.blocks[0].kind, BlockKind::Heading);
    }

    #[test]
    fn deep_markdown_containers_are_capped_not_lost() {
        let quote = "\"It holds,\" she said.";
        for marker in ["> ", ">", "- ", "1. "] {
            // At the cap: a block quote or list as written, no marker left in the view.
            let at_cap = format!("{}{quote}\n", marker.repeat(MAX_MARKDOWN_NESTING));
            let d = Document::new(at_cap.clone(), Format::Markdown);
            assert_eq!(d.text.trim(), quote, "{marker:?}");
            // Past it: the extra markers are punctuation, the quote still maps back to raw.
            let deep = format!("{}{quote}\n\nAfter.\n", marker.repeat(1000));
            let d = Document::new(deep.clone(), Format::Markdown);
            let v = d.text.find(quote).expect("the quote is in the view");
            assert_eq!(d.raw_span(Span::new(v, v + quote.len())).of(&d.raw), quote);
            assert!(d.text.contains("After."), "{marker:?}");
            assert!(d.text.matches('|').count() >= 1000 - MAX_MARKDOWN_NESTING - 1);
        }
        // Borrowed when nothing is that deep.
        assert!(matches!(
            capped_nesting("> > a\n- - b\n"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    fn floor(s: &str, mut i: usize) -> usize {
        i = i.min(s.len());
        while !s.is_char_boundary(i) {
            i -= 1;
        }
        i
    }

    /// The pieces of `raw`, one after another, read as the whole file: the same view, blocks,
    /// comments and raw offsets.
    fn assert_pieces_read_as_whole(raw: &str, format: Format, size: usize) -> usize {
        let whole = Document::new(raw.to_owned(), format);
        let pieces = Pieces::new(raw, format, size);
        let (mut view, mut blocks, mut comments) = (String::new(), Vec::new(), Vec::new());
        let mut prev_end = 0;
        for (i, range) in pieces.ranges().iter().enumerate() {
            assert_eq!(range.start, prev_end);
            prev_end = range.end;
            let d = pieces.document(raw, i);
            let base = view.len();
            for b in &d.blocks {
                let span = Span::new(b.span.start + base, b.span.end + base);
                let raw_span = d.raw_span(b.span);
                let whole_raw = whole.raw_span(span);
                if format != Format::Text {
                    assert_eq!(
                        (raw_span.start + range.start, raw_span.end + range.start),
                        (whole_raw.start, whole_raw.end),
                        "piece {i} block {:?} of {:?}",
                        b.span.of(&d.text),
                        &raw[..floor(raw, 2000)]
                    );
                }
                blocks.push(Block { span, kind: b.kind });
            }
            for c in &d.comments {
                let span = Span::new(c.span.start + range.start, c.span.end + range.start);
                comments.push((span, c.text.clone()));
            }
            view.push_str(&d.text);
        }
        assert_eq!(prev_end, raw.len());
        let short = &raw[..floor(raw, 2000)];
        assert_eq!(
            view, whole.text,
            "{format:?} view of {short:?} in {:?}",
            pieces.ranges
        );
        if format == Format::Text {
            // Plain text is cut at paragraph ends where it can, and each piece finds its own.
            return pieces.ranges().len();
        }
        assert_eq!(blocks, whole.blocks, "{short:?}");
        let whole_comments: Vec<_> = whole
            .comments
            .iter()
            .map(|c| (c.span, c.text.clone()))
            .collect();
        assert_eq!(comments, whole_comments);
        pieces.ranges().len()
    }

    #[test]
    fn fixtures_in_pieces_read_as_whole() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures");
        let mut names: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        names.sort();
        let mut cut = 0;
        for path in names {
            let format = Format::from_path(&path);
            if !crate::input::Format::is_article_extension(&path) {
                continue;
            }
            let one = std::fs::read_to_string(&path).unwrap();
            let raw = one.repeat(3);
            for size in [1, 97, 600, 2500] {
                cut += assert_pieces_read_as_whole(&raw, format, size);
            }
        }
        assert!(cut > 1000, "{cut}");
    }

    #[test]
    fn markdown_pieces_read_as_whole() {
        // Blocks that hold blank lines, lists, containers, and definitions read elsewhere.
        let parts = [
            "Plain paragraph with \"a quote,\" she said.\n\n",
            "```\nfenced\n\nNot prose \"x\"\n\n```\n\n",
            "~~~~\n\n~~~\n\nstill code\n~~~~\n\n",
            "- a\n\n- b \"q\"\n\n  continued\n\n    deeper\n\n",
            "1. one\n\n2. two\n\n",
            "> quoted\n\n> again\nlazy\n\n",
            "<!--\n\nattrib-disable hedge\n\n-->\n\n",
            "<pre>\n\ncode\n\n</pre>\n\n",
            "<div>\nhtml block\n</div>\n\n",
            "See [the report][r] and [r] and note[^n].\n\n",
            "[r]: http://example.com \"Title\"\n\n",
            "[^n]: The footnote \"text\".\n\n",
            "# Heading\n\n",
            "Setext\n===\n\n",
            "---\n\n",
            "+++\n\n",
            "| a | b |\n|---|---|\n| \"c\" | d |\n\n",
            "    indented code\n\n",
            "Text\r\n\r\nCRLF \"words\"\r\n\r\n",
            "  two-space paragraph\n\n",
            "*emphasis* and `code` &amp; <b>inline</b>\n\n",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut cut = 0;
        for _ in 0..400 {
            let n = 1 + next() % 40;
            let mut raw = String::new();
            if next() % 4 == 0 {
                raw.push_str("---\ntitle: x\n---\n\n");
            }
            for _ in 0..n {
                raw.push_str(parts[(next() % parts.len() as u64) as usize]);
            }
            let size = 1 + (next() % 300) as usize;
            cut += assert_pieces_read_as_whole(&raw, Format::Markdown, size);
        }
        assert!(cut > 2000, "{cut}");
    }

    #[test]
    fn html_pieces_read_as_whole() {
        let parts = [
            "<p>He said &ldquo;yes&rdquo; today.</p>\n",
            "<blockquote><p>Quoted \"words\"</p><p>more</p></blockquote>\n",
            "<h2>Head <em>line</em></h2>",
            "<script>var p = \"<p>not a tag</p>\";</script>",
            "<style>p { x: \"<div>\" }</style>",
            "<head><title>T <p> t</title><div>hidden div</div></head>",
            "<textarea><p>raw</p></textarea>",
            "<!-- attrib-disable hedge -->",
            "<ul><li>one</li><li>two &amp; three</li></ul>",
            "<div><div>nested <br> line</div></div>",
            "text outside blocks ",
            "<svg><p>in svg</p></svg>",
        ];
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut cut = 0;
        for _ in 0..400 {
            let n = 1 + next() % 40;
            let mut raw = String::from("<html><body>");
            for _ in 0..n {
                raw.push_str(parts[(next() % parts.len() as u64) as usize]);
            }
            let size = 1 + (next() % 300) as usize;
            cut += assert_pieces_read_as_whole(&raw, Format::Html, size);
        }
        assert!(cut > 2000, "{cut}");
    }

    #[test]
    fn html_entities_decode_with_exact_spans() {
        let raw = "<html><head><title>T</title><script>var a=\"x\";</script></head><body><p>He said &ldquo;hi &amp; bye&rdquo; today.</p><!-- attrib-disable hedge --></body></html>";
        let d = Document::new(raw.into(), Format::Html);
        assert_eq!(d.blocks.len(), 1);
        let para = d.blocks[0].span.of(&d.text);
        assert_eq!(para, "He said “hi & bye” today.");
        let v = d.text.find('“').unwrap();
        let e = d.text.find('”').unwrap() + '”'.len_utf8();
        assert_eq!(
            d.raw_span(Span::new(v, e)).of(&d.raw),
            "&ldquo;hi &amp; bye&rdquo;"
        );
        assert_eq!(d.comments[0].text, "attrib-disable hedge");
    }
}
