//! The document model: the raw file, the prose view the analysis reads, and the map between them.
//!
//! Plain text is read as it is. Markdown and HTML are reduced to their prose (front matter, code,
//! link targets, markup, script and style dropped; entities decoded) in a *view* string, and an
//! offset map turns every view offset back into a byte offset of the raw file, so spans reported
//! to users always point into the original bytes.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

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
            Format::Markdown => doc.build_markdown(),
            Format::Html => doc.build_html(),
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

    fn build_markdown(&mut self) {
        let raw = std::mem::take(&mut self.raw);
        let mut b = ViewBuilder::default();
        let opts = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
            | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
            | Options::ENABLE_TABLES
            | Options::ENABLE_FOOTNOTES
            | Options::ENABLE_STRIKETHROUGH;
        let mut skip = 0usize; // inside code blocks or metadata
        let mut quote_depth = 0usize;
        let mut heading = false;
        for (event, range) in Parser::new_ext(&raw, opts).into_offset_iter() {
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
                    let linear = raw.get(range.clone()) == Some(&*t);
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

    fn build_html(&mut self) {
        use html5gum::{DefaultEmitter, Token, Tokenizer};
        let raw = std::mem::take(&mut self.raw);
        let mut b = ViewBuilder::default();
        let mut emitter = DefaultEmitter::<usize>::new_with_span();
        emitter.naively_switch_states(true);
        let mut hidden = 0usize; // depth inside head/script/style/template...
        let mut quote_depth = 0usize;
        let mut heading = 0usize;
        for token in Tokenizer::new_with_emitter(raw.as_str(), emitter).flatten() {
            match token {
                Token::StartTag(tag) => {
                    let name = tag.name.as_slice();
                    if is_hidden(name) && !tag.self_closing {
                        hidden += 1;
                    } else if is_block(name) {
                        b.end_block();
                        if name == b"blockquote" {
                            quote_depth += 1;
                        }
                        if is_heading(name) {
                            heading += 1;
                        }
                    }
                }
                Token::EndTag(tag) => {
                    let name = tag.name.as_slice();
                    if is_hidden(name) {
                        hidden = hidden.saturating_sub(1);
                    } else if is_block(name) {
                        b.end_block();
                        if name == b"blockquote" {
                            quote_depth = quote_depth.saturating_sub(1);
                        }
                        if is_heading(name) {
                            heading = heading.saturating_sub(1);
                        }
                    }
                }
                Token::String(s) if hidden == 0 => {
                    b.kind = if heading > 0 {
                        BlockKind::Heading
                    } else if quote_depth > 0 {
                        BlockKind::BlockQuote
                    } else {
                        BlockKind::Paragraph
                    };
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
