//! The parts of an article that are not the writer's own prose: interview transcripts and page
//! furniture.
//!
//! **Transcripts.** Interviews are printed as turns: Wikinews marks them `((WN))` /
//! `((Name))`, others `Q:` / `A:`, initials (`NG:`), a speaker's name (`WALLACE:`, a bold
//! `**Name:**`, which the Markdown view shows as `Name:`). A turn runs from its label to the next
//! label, over the paragraphs between. The interviewer's turns are questions; the others are
//! answers, the speech of the person the label names. Rules read both as speech, not as the
//! writer's claims, and quotes inside an answer are the interviewee's unless the answer names
//! another speaker.
//!
//! **Page furniture.** Captions ("… Image: Name."), credits, related-story lines ("READ MORE:",
//! "Related:"), embedded posts (`<tweet …>`, `<blockquote class="twitter-tweet">`) and bylines
//! are not prose either: no sourcing rule fires there.
//!
//! The vocabulary is data: `rules/lexicon/layout.yaml`.

use std::sync::OnceLock;

use serde::Deserialize;

use crate::document::{BlockKind, Document};
use crate::input::Format;
use crate::span::Span;

/// Whose turn it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// The interviewer's question: makes no claim.
    Question,
    /// The interviewee's answer: their speech.
    Answer,
}

impl Role {
    /// `question` or `answer`.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Question => "question",
            Role::Answer => "answer",
        }
    }
}

/// One turn of a transcript.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Turn {
    /// View span of the label's text (`Zara Kay` in `((Zara Kay))`, `NG` in `NG:`).
    pub label: Span,
    /// Who speaks: the label, or for initials and `A:` the full name the article gives them
    /// ("Natasha Gownaris" for `NG`), or "Wikinews" for `WN`.
    pub speaker: String,
    /// Question or answer.
    pub role: Role,
    /// View span of the turn: from the label to the end of its last paragraph.
    pub span: Span,
}

/// What [`layout`] finds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Layout {
    /// Transcript turns, in order.
    pub turns: Vec<Turn>,
    /// View spans of furniture paragraphs, in order.
    pub furniture: Vec<Span>,
}

impl Layout {
    /// The turn holding view offset `v`.
    pub fn turn_at(&self, v: usize) -> Option<&Turn> {
        at(&self.turns, v, |t| t.span)
    }

    /// True when view offset `v` lies in a furniture paragraph.
    pub fn in_furniture(&self, v: usize) -> bool {
        at(&self.furniture, v, |s| *s).is_some()
    }
}

fn at<T>(items: &[T], v: usize, span: impl Fn(&T) -> Span) -> Option<&T> {
    let i = items.partition_point(|t| span(t).end <= v);
    items.get(i).filter(|t| span(t).contains_offset(v))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LayoutFile {
    interviewer_labels: Vec<String>,
    answer_labels: Vec<String>,
    label_names: std::collections::BTreeMap<String, String>,
    not_speaker_labels: Vec<String>,
    furniture_prefixes: Vec<String>,
    furniture_lines: Vec<String>,
    caption_markers: Vec<String>,
    embed_markers: Vec<String>,
    interviewee_pronouns: Vec<String>,
}

struct Vocab {
    interviewer: Vec<String>,
    answer: Vec<String>,
    names: Vec<(String, String)>,
    not_speaker: Vec<String>,
    /// The furniture prefixes, matched anchored at a paragraph's start.
    prefixes: aho_corasick::AhoCorasick,
    lines: Vec<String>,
    captions: Markers,
    embeds: Markers,
    pronouns: Vec<String>,
}

/// A few literal markers ("Image:", "<tweet") found in a whole article without reading every
/// byte through an automaton: each marker is gated on its first byte that is no letter or
/// digit (":", "<", "-"), rare in prose, and memchr finds those. A marker set that needs more
/// than three gate bytes, or has a marker of letters alone, falls back to the automaton.
#[derive(Debug)]
struct Markers {
    markers: Vec<String>,
    /// The automaton over all markers (the fallback, and `is_match` on short texts).
    ac: aho_corasick::AhoCorasick,
    /// The distinct gate bytes, when there are one to three.
    gates: Option<Vec<u8>>,
    /// Per marker: its gate byte and the gate's offset in it.
    gate_of: Vec<(u8, usize)>,
}

impl Markers {
    fn new(markers: &[String]) -> Markers {
        let gate_of: Vec<Option<(u8, usize)>> = markers
            .iter()
            .map(|m| {
                m.bytes()
                    .position(|b| b.is_ascii() && !b.is_ascii_alphanumeric() && b != b' ')
                    .map(|i| (m.as_bytes()[i], i))
            })
            .collect();
        let mut gates: Vec<u8> = gate_of.iter().flatten().map(|g| g.0).collect();
        gates.sort_unstable();
        gates.dedup();
        let usable = gate_of.iter().all(Option::is_some) && (1..=3).contains(&gates.len());
        Markers {
            markers: markers.to_vec(),
            ac: aho_corasick::AhoCorasick::new(markers)
                .expect("a few plain strings build a matcher"),
            gates: usable.then_some(gates),
            gate_of: gate_of.into_iter().map(|g| g.unwrap_or((0, 0))).collect(),
        }
    }

    /// The byte offsets in `text` where a marker starts, in order (a start once).
    fn starts(&self, text: &str) -> Vec<usize> {
        let Some(gates) = &self.gates else {
            return self.ac.find_iter(text).map(|m| m.start()).collect();
        };
        let b = text.as_bytes();
        let hits: Box<dyn Iterator<Item = usize>> = match gates.as_slice() {
            [x] => Box::new(memchr::memchr_iter(*x, b)),
            [x, y] => Box::new(memchr::memchr2_iter(*x, *y, b)),
            [x, y, z] => Box::new(memchr::memchr3_iter(*x, *y, *z, b)),
            _ => Box::new(std::iter::empty()),
        };
        let mut out = Vec::new();
        for at in hits {
            for (m, &(gate, off)) in self.markers.iter().zip(&self.gate_of) {
                if b[at] == gate
                    && let Some(start) = at.checked_sub(off)
                    && b[start..].starts_with(m.as_bytes())
                {
                    out.push(start);
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// True when a marker occurs in `text`.
    fn is_match(&self, text: &str) -> bool {
        self.ac.is_match(text)
    }
}

/// `list.contains(&w.to_lowercase())` for a `list` of lowercase entries, without the copy
/// for ASCII words (whose lowercase is ASCII, so an entry beyond ASCII never matches one).
fn holds_lowercase(list: &[String], w: &str) -> bool {
    if w.is_ascii() {
        list.iter().any(|l| l.eq_ignore_ascii_case(w))
    } else {
        list.contains(&w.to_lowercase())
    }
}

fn vocab() -> &'static Vocab {
    static V: OnceLock<Vocab> = OnceLock::new();
    V.get_or_init(|| {
        let path = "rules/lexicon/layout.yaml";
        let text = include_str!("../rules/lexicon/layout.yaml");
        let f: LayoutFile = match crate::yaml::from_str(std::path::Path::new(path), text) {
            Ok(f) => f,
            // Embedded at compile time and checked by a unit test.
            Err(e) => panic!("embedded lexicon is invalid: {e}"),
        };
        let lower = |v: Vec<String>| v.into_iter().map(|s| s.to_lowercase()).collect();
        Vocab {
            captions: Markers::new(&f.caption_markers),
            embeds: Markers::new(&f.embed_markers),
            interviewer: lower(f.interviewer_labels),
            answer: lower(f.answer_labels),
            names: f
                .label_names
                .into_iter()
                .map(|(k, v)| (k.to_lowercase(), v))
                .collect(),
            not_speaker: lower(f.not_speaker_labels),
            prefixes: aho_corasick::AhoCorasick::builder()
                .start_kind(aho_corasick::StartKind::Anchored)
                .build(&f.furniture_prefixes)
                .expect("a few plain strings build a matcher"),
            lines: lower(f.furniture_lines),
            pronouns: lower(f.interviewee_pronouns),
        }
    })
}

/// True when the speaker phrase `text` holds a first- or second-person word ("I", "So I",
/// "you"): inside a transcript turn, the interviewee (see `interviewee_pronouns`).
pub fn speaks_as_interviewee(text: &str) -> bool {
    let v = vocab();
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .any(|w| v.pronouns.iter().any(|p| p.eq_ignore_ascii_case(w)))
}

/// Longest caption that counts as furniture when it holds a caption marker (characters).
const MAX_CAPTION: usize = 300;
/// Longest label read as a speaker's name (bytes).
const MAX_LABEL: usize = 48;

/// How a paragraph opens a turn.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Marker {
    /// `((Label))`: unambiguous.
    Paren,
    /// `Label:`: a turn only when the article has several of them.
    Colon,
}

/// The label at the start of a paragraph: (marker, view span of the label, span where the
/// turn's words start).
/// The speaker label opening `text` as `Label: ` ("WALLACE: ...", "Dr. Seager: ..."): its
/// length in bytes, when the words before the colon read as a name and are no heading's
/// ("Image:", "Source:"). Transcript turns use it, and so does a turn quoted whole.
pub(crate) fn colon_label(text: &str) -> Option<usize> {
    let colon = text.bytes().take(MAX_LABEL + 1).position(|b| b == b':')?;
    let label = &text[..colon];
    // "Q:", "NG:", "WALLACE:", "Zara Kay:", "Dr. Seager:" — a name-like label, then a space.
    if label.is_empty()
        || !text[colon + 1..].starts_with([' ', '\t'])
        || !label.starts_with(char::is_uppercase)
        || label.split_whitespace().count() > 4
        || holds_lowercase(&vocab().not_speaker, label)
    {
        return None;
    }
    let name_like = label.split_whitespace().all(|w| {
        w.starts_with(char::is_uppercase)
            && w.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '’' | '-'))
    });
    name_like.then_some(colon)
}

/// The speaker label opening a turn printed inside quotation marks (`"WALLACE: Let's start
/// ..."`): a [`colon_label`] of at most three words, in capitals, of two letters or more. Its
/// length in bytes. A quoted transcript prints its labels so; mixed-case labels inside quotes
/// are too easily a sentence of the speaker's own ("Note: ...").
pub(crate) fn quoted_turn_label(text: &str) -> Option<usize> {
    let colon = colon_label(text)?;
    let label = &text[..colon];
    (label.split_whitespace().count() <= 3
        && label.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !label.chars().any(char::is_lowercase))
    .then_some(colon)
}

fn label_of(view: &str, b: Span) -> Option<(Marker, Span)> {
    let text = b.of(view);
    if let Some(rest) = text.strip_prefix("((") {
        let close = rest.find("))")?;
        let label = rest[..close].trim();
        if label.is_empty() || close > MAX_LABEL {
            return None;
        }
        let start = b.start + 2 + (rest[..close].len() - rest[..close].trim_start().len());
        return Some((Marker::Paren, Span::new(start, start + label.len())));
    }
    let colon = colon_label(text)?;
    Some((Marker::Colon, Span::new(b.start, b.start + colon)))
}

/// Full name for initials or a surname label: a run of capitalised words in the article whose
/// initials spell `label` ("Natasha Gownaris" for `NG`) or that ends with it ("Chris Wallace"
/// for `WALLACE`). `words` are the article's words in order.
fn expand_label(words: &[&str], label: &str) -> Option<String> {
    let initials = label.len() <= 4 && label.chars().all(|c| c.is_ascii_uppercase());
    let n = label.len();
    if initials && n < 2 {
        return None;
    }
    let cap = |w: &str| w.starts_with(char::is_uppercase) && w.chars().any(char::is_lowercase);
    let first = label.as_bytes()[0];
    for i in 0..words.len() {
        if initials {
            // Cheap test first: the word opens with the label's first letter.
            if words[i].as_bytes()[0] != first || i + n > words.len() {
                continue;
            }
            let run = &words[i..i + n];
            if run.iter().all(|w| cap(w))
                && run.iter().zip(label.chars()).all(|(w, c)| w.starts_with(c))
            {
                return Some(run.join(" "));
            }
        } else if i > 0
            && words[i].len() == label.len()
            && words[i].eq_ignore_ascii_case(label)
            && cap(words[i - 1])
        {
            return Some(format!("{} {}", words[i - 1], words[i]));
        }
    }
    None
}

/// Find the transcript turns and the furniture of `doc`.
pub fn layout(doc: &Document) -> Layout {
    layout_with(doc, None)
}

/// [`layout`], given the view's words when the caller has them already (the analysis does):
/// labels such as `NG` are spelled out from them.
pub fn layout_with(doc: &Document, words: Option<&[(&str, Span)]>) -> Layout {
    let view = doc.text.as_str();
    let v = vocab();
    let mut out = Layout::default();
    // Furniture, paragraph by paragraph. The caption and embed markers are rare: one scan of
    // the view finds them all, and only paragraphs holding one are looked at again.
    let mut marked: Vec<usize> = v
        .captions
        .starts(view)
        .into_iter()
        .chain(
            memchr::memchr(b'<', view.as_bytes())
                .map(|_| v.embeds.starts(view))
                .unwrap_or_default(),
        )
        .collect();
    marked.sort_unstable();
    let marked_in = |s: Span| {
        let i = marked.partition_point(|&m| m < s.start);
        marked.get(i).is_some_and(|&m| m < s.end)
    };
    for (bi, b) in doc.blocks.iter().enumerate() {
        let text = b.span.of(view);
        let prefix = v
            .prefixes
            .find(aho_corasick::Input::new(text).anchored(aho_corasick::Anchored::Yes))
            .is_some()
            || (text.len() <= 40 && holds_lowercase(&v.lines, text.trim_end_matches(':').trim()));
        let marked = marked_in(b.span);
        let caption = marked
            && text.len() <= MAX_CAPTION * 4
            && text.chars().count() <= MAX_CAPTION
            && v.captions.is_match(text);
        let embed = (marked && v.embeds.is_match(text)) || embed_markup_before(doc, bi);
        // "By Ana Ruiz", "By Ana Ruiz and Tom Reyes, Reuters": a short line opening the story.
        let byline = bi < 3
            && text.len() <= 80
            && text
                .strip_prefix("By ")
                .is_some_and(|r| r.starts_with(char::is_uppercase))
            && !text
                .trim_end_matches('.')
                .contains(['.', '!', '?', '"', '“']);
        if prefix || caption || embed || byline {
            out.furniture.push(b.span);
        }
    }
    // Transcript turns: every `((Label))`; `Label:` only when the article has at least three
    // of them with two labels each used twice or more (a dialogue, not a stray heading).
    let found: Vec<(usize, Marker, Span)> = doc
        .blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| b.kind != BlockKind::Heading)
        .filter_map(|(i, b)| label_of(view, b.span).map(|(m, l)| (i, m, l)))
        .collect();
    let colon: Vec<&str> = found
        .iter()
        .filter(|f| f.1 == Marker::Colon)
        .map(|f| f.2.of(view))
        .collect();
    let mut counts: std::collections::HashMap<&str, usize> = Default::default();
    for l in &colon {
        *counts.entry(l).or_default() += 1;
    }
    let repeated = |l: &str| counts.get(l).is_some_and(|&n| n >= 2);
    let dialogue = colon.len() >= 3 && counts.values().filter(|&&n| n >= 2).count() >= 2;
    let markers: Vec<&(usize, Marker, Span)> = found
        .iter()
        .filter(|f| f.1 == Marker::Paren || (dialogue && repeated(f.2.of(view))))
        .collect();
    if markers.is_empty() {
        return out;
    }
    let furniture_block = |i: usize| {
        let s = doc.blocks[i].span;
        out.furniture
            .binary_search_by_key(&s.start, |f| f.start)
            .is_ok()
    };
    let mut turns: Vec<(Span, Span, usize)> = Vec::new();
    for (k, &&(bi, _, label)) in markers.iter().enumerate() {
        let next = markers.get(k + 1).map_or(doc.blocks.len(), |m| m.0);
        // The turn runs over the paragraphs up to the next label, stopping at a heading or
        // furniture (the end of the interview).
        let mut last = bi;
        for j in bi + 1..next {
            if doc.blocks[j].kind == BlockKind::Heading || furniture_block(j) {
                break;
            }
            last = j;
        }
        let span = Span::new(doc.blocks[bi].span.start, doc.blocks[last].span.end);
        turns.push((label, span, bi));
    }
    // Roles: the interviewer's labels, and any label whose turns are mostly questions.
    // (turns, questions) per label.
    let mut asked: std::collections::HashMap<&str, (usize, usize)> = Default::default();
    for t in &turns {
        let e = asked.entry(t.0.of(view)).or_default();
        e.0 += 1;
        e.1 += usize::from(doc.blocks[t.2].span.of(view).trim_end().ends_with('?'));
    }
    let mut names: Vec<(String, Option<String>)> = Vec::new();
    let mut article_words: Option<Vec<&str>> = None;
    for (label, span, _) in turns {
        let l = label.of(view);
        let share = asked
            .get(l)
            .map_or(0.0, |&(n, q)| q as f64 / n.max(1) as f64);
        let lower = l.to_lowercase();
        let role = if v.answer.contains(&lower) {
            Role::Answer
        } else if v.interviewer.contains(&lower) || share >= 0.6 {
            Role::Question
        } else {
            Role::Answer
        };
        let named = v.names.iter().find(|(k, _)| *k == lower);
        let speaker = if let Some((_, name)) = named {
            name.clone()
        } else {
            let known = names.iter().find(|(k, _)| k == l).map(|(_, v)| v.clone());
            let full = known.unwrap_or_else(|| {
                let upper = l.chars().all(|c| !c.is_lowercase());
                let full = upper
                    .then(|| {
                        let w = article_words.get_or_insert_with(|| match words {
                            Some(ws) => ws.iter().map(|w| w.0).collect(),
                            None => crate::lexicon::scan_words(view, 0, None)
                                .words
                                .into_iter()
                                .map(|w| w.0)
                                .collect(),
                        });
                        expand_label(w, l)
                    })
                    .flatten();
                names.push((l.to_owned(), full.clone()));
                full
            });
            full.unwrap_or_else(|| l.to_owned())
        };
        out.turns.push(Turn {
            label,
            speaker,
            role,
            span,
        });
    }
    // `A:` answers belong to the one person the other labels name, if there is one.
    let named: Vec<String> = {
        let mut n: Vec<String> = out
            .turns
            .iter()
            .filter(|t| t.role == Role::Answer && !v.answer.contains(&t.speaker.to_lowercase()))
            .map(|t| t.speaker.clone())
            .collect();
        n.sort();
        n.dedup();
        n
    };
    if let [only] = named.as_slice() {
        for t in &mut out.turns {
            if v.answer.contains(&t.speaker.to_lowercase()) {
                t.speaker = only.clone();
            }
        }
    }
    out
}

/// True when the markup just before block `bi` (HTML or Markdown) opens an embedded post:
/// `<blockquote class="twitter-tweet">` and the like.
fn embed_markup_before(doc: &Document, bi: usize) -> bool {
    if doc.format == Format::Text {
        return false;
    }
    let start = doc.raw_start(doc.blocks[bi].span.start);
    let from = bi
        .checked_sub(1)
        .map_or(0, |p| doc.raw_end(doc.blocks[p].span.end))
        .min(start);
    doc.raw
        .get(from..start)
        .is_some_and(|m| vocab().embeds.is_match(m))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lay(text: &str) -> (Layout, String) {
        let doc = Document::new(text.to_owned(), Format::Text);
        (layout(&doc), doc.text)
    }

    #[test]
    fn markers_are_found_where_the_automaton_finds_them() {
        let v = vocab();
        assert!(v.captions.gates.is_some() && v.embeds.gates.is_some());
        for text in [
            "A flood. Image: Ana Ruiz.\nPhoto credit: Tom Reyes (Photo: AP) Credit: x",
            "Image:Image:(Image: at: the : end Photo:",
            "no markers here: none",
            "é Photograph: ü Picture: <tweet id=1> </tweet> twitter-tweet-x instagram-media <iframe",
        ] {
            for m in [&v.captions, &v.embeds] {
                let mut all: Vec<usize> = Vec::new();
                for (i, _) in text.char_indices() {
                    if m.markers.iter().any(|k| text[i..].starts_with(k.as_str())) {
                        all.push(i);
                    }
                }
                assert_eq!(m.starts(text), all, "{text:?}");
            }
        }
    }

    #[test]
    fn the_embedded_vocabulary_loads() {
        let v = vocab();
        assert!(v.interviewer.contains(&"wn".to_owned()));
        assert!(v.prefixes.patterns_len() > 0);
    }

    #[test]
    fn wikinews_turns_are_questions_and_answers() {
        let text = "Interview with a baker\n\nWikinews spoke to Lena Ortiz about bread.\n\n\
                    ((WN)) Why bread?\n\n((Lena Ortiz)) Some people say it calms them. \
                    I think it may be true.\n\nIt seems to help me.\n\n((WN)) And next?\n\n\
                    ((Lena Ortiz)) More bread.\n";
        let (l, view) = lay(text);
        let roles: Vec<(&str, Role)> = l
            .turns
            .iter()
            .map(|t| (t.speaker.as_str(), t.role))
            .collect();
        assert_eq!(
            roles,
            [
                ("Wikinews", Role::Question),
                ("Lena Ortiz", Role::Answer),
                ("Wikinews", Role::Question),
                ("Lena Ortiz", Role::Answer)
            ]
        );
        // An answer runs over the paragraphs up to the next label.
        let seems = view.find("It seems").unwrap();
        assert_eq!(l.turn_at(seems).map(|t| t.role), Some(Role::Answer));
        assert!(l.turn_at(view.find("Wikinews spoke").unwrap()).is_none());
    }

    #[test]
    fn initials_and_colon_labels_need_a_dialogue() {
        let text = "Natasha Gownaris studies penguins.\n\nQ: Why penguins?\n\n\
                    NG: They are fun.\n\nQ: And the ice?\n\nNG: It is melting.\n";
        let (l, _) = lay(text);
        let speakers: Vec<&str> = l.turns.iter().map(|t| t.speaker.as_str()).collect();
        assert_eq!(speakers, ["Q", "Natasha Gownaris", "Q", "Natasha Gownaris"]);
        assert_eq!(l.turns[0].role, Role::Question);
        // One "Update:" paragraph, or a single "Smith:" line, is not a transcript.
        let (l, _) = lay("Update: the vote is delayed.\n\nSmith: no comment.\n");
        assert!(l.turns.is_empty());
        // `A:` answers belong to the person named by the other labels, if any; else stay `A`.
        let (l, _) = lay("Q: One?\n\nA: Yes.\n\nQ: Two?\n\nA: No.\n");
        assert_eq!(l.turns[1].speaker, "A");
        assert_eq!(l.turns[1].role, Role::Answer);
    }

    #[test]
    fn furniture_is_found() {
        let text = "By Ana Ruiz\n\nThe mayor resigned, officials said.\n\nSources said so.\n\n\
                    Dakota, a deer. Image: Nicholas Moreau.\n\n\
                    READ MORE: Mayor faces recall\n\n<tweet id=\"1\">Some say it is over.</tweet>\n\n\
                    The council meets on Monday.\n\nSources\n";
        let (l, view) = lay(text);
        let shown: Vec<&str> = l.furniture.iter().map(|s| s.of(&view)).collect();
        assert_eq!(
            shown,
            [
                "By Ana Ruiz",
                "Dakota, a deer. Image: Nicholas Moreau.",
                "READ MORE: Mayor faces recall",
                "<tweet id=\"1\">Some say it is over.</tweet>",
                "Sources"
            ]
        );
        assert!(!l.in_furniture(view.find("officials said").unwrap()));
        let (l, view) = lay("Sources said the talks had stalled.\n\nSources\n\nThe Courier.\n");
        assert!(!l.in_furniture(0));
        assert!(l.in_furniture(view.find("Sources\n").unwrap()));
    }

    #[test]
    fn embedded_posts_in_html_are_furniture() {
        let html = "<p>The senator replied.</p>\n<blockquote class=\"twitter-tweet\"><p>Experts \
                    say it is over.</p></blockquote>\n<p>Then he left.</p>";
        let doc = Document::new(html.to_owned(), Format::Html);
        let l = layout(&doc);
        let shown: Vec<&str> = l.furniture.iter().map(|s| s.of(&doc.text)).collect();
        assert_eq!(shown, ["Experts say it is over."]);
    }
}
