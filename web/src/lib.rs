//! attrib in the browser: [`analyse`] reads a story (plain text, Markdown or HTML) and returns,
//! as JSON, its quotes with their speakers and source classes, the findings of the bundled
//! rules, and a summary; everything runs in the page (WebAssembly), nothing is sent anywhere.
//!
//! Offsets in the result are UTF-16 code units, as JavaScript strings count them, so the page
//! can highlight `text.slice(start, end)` directly. `web/build.sh` builds the page.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use attrib::analysis::Analysis;
use attrib::check;
use attrib::input::Format;
use attrib::quotes::QuoteKind;
use attrib::rules::RuleSet;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// One quote as the page shows it.
#[derive(Debug, Serialize)]
pub struct QuoteOut {
    /// Start of the quote, marks included (UTF-16 units).
    pub start: usize,
    /// End of the quote (UTF-16 units).
    pub end: usize,
    /// `direct` or `partial`.
    pub kind: &'static str,
    /// The speaker's words, if a speaker was found.
    pub speaker: Option<String>,
    /// Whom the speaker is, when the words are a pronoun or a description.
    pub refers_to: Option<String>,
    /// The source class (`named_person`, `anonymous`, ...; `none` without a speaker).
    pub class: &'static str,
}

/// One finding as the page shows it.
#[derive(Debug, Serialize)]
pub struct FindingOut {
    /// Rule id.
    pub rule: String,
    /// `error`, `warning` or `info`.
    pub severity: &'static str,
    /// The message.
    pub message: String,
    /// 1-based line.
    pub line: usize,
    /// Start (UTF-16 units).
    pub start: usize,
    /// End (UTF-16 units).
    pub end: usize,
}

/// What [`analyse`] returns.
#[derive(Debug, Serialize)]
pub struct Result {
    /// Quotes (terms left out), in document order.
    pub quotes: Vec<QuoteOut>,
    /// Findings, in document order.
    pub findings: Vec<FindingOut>,
    /// Quotes per source class.
    pub by_class: BTreeMap<&'static str, usize>,
    /// Quotes with a speaker.
    pub attributed: usize,
    /// Of those, anonymous or vague: the share the page reports.
    pub unnamed: usize,
}

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| check::default_rules().unwrap_or_default())
}

/// Byte offsets to UTF-16 offsets of one text, for offsets asked in any order.
struct Utf16<'a> {
    text: &'a str,
    /// (byte offset, UTF-16 offset) every 256 bytes or so, at char boundaries.
    marks: Vec<(usize, usize)>,
}

impl<'a> Utf16<'a> {
    fn new(text: &'a str) -> Self {
        let mut marks = vec![(0, 0)];
        let mut units = 0;
        let mut last = 0;
        for (i, c) in text.char_indices() {
            if i - last >= 256 {
                marks.push((i, units));
                last = i;
            }
            units += c.len_utf16();
        }
        Utf16 { text, marks }
    }

    fn at(&self, byte: usize) -> usize {
        let mut byte = byte.min(self.text.len());
        while !self.text.is_char_boundary(byte) {
            byte -= 1;
        }
        let k = self.marks.partition_point(|m| m.0 <= byte) - 1;
        let (b, u) = self.marks[k];
        u + self.text[b..byte].encode_utf16().count()
    }
}

/// Analyse and check `text` read as `format` (`text`, `markdown` or `html`).
pub fn analyse_text(text: &str, format: &str) -> Result {
    let a = Analysis::new(text.to_owned(), Format::from_name(format));
    let findings = check::check_analysis(rules(), &a);
    let map = Utf16::new(text);
    let mut out = Result {
        quotes: Vec::new(),
        findings: Vec::new(),
        by_class: BTreeMap::new(),
        attributed: 0,
        unnamed: 0,
    };
    for q in a.quotes.iter().filter(|q| q.kind != QuoteKind::Term) {
        let span = a.doc.raw_span(q.quote.span);
        let class = q.speaker.as_ref().map_or("none", |s| s.class.as_str());
        *out.by_class.entry(class).or_default() += 1;
        if q.speaker.is_some() {
            out.attributed += 1;
            if matches!(class, "anonymous" | "vague") {
                out.unnamed += 1;
            }
        }
        out.quotes.push(QuoteOut {
            start: map.at(span.start),
            end: map.at(span.end),
            kind: if q.kind == QuoteKind::Direct {
                "direct"
            } else {
                "partial"
            },
            speaker: q.speaker.as_ref().map(|s| s.text.clone()),
            refers_to: q.speaker.as_ref().and_then(|s| s.refers_to.clone()),
            class,
        });
    }
    for f in findings {
        out.findings.push(FindingOut {
            severity: f.severity.as_str(),
            line: f.line,
            start: map.at(f.start),
            end: map.at(f.end),
            rule: f.rule,
            message: f.message,
        });
    }
    out
}

/// [`analyse_text`] as JSON, for the page.
#[wasm_bindgen]
pub fn analyse(text: &str, format: &str) -> String {
    serde_json::to_string(&analyse_text(text, format)).unwrap_or_else(|_| "{}".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_are_utf16_units() {
        let story = "Der Bürgermeister 😀 sagte nichts. \"We will rebuild,\" said Mayor Ana Ruiz.";
        let r = analyse_text(story, "text");
        let q = &r.quotes[0];
        let units: Vec<u16> = story.encode_utf16().collect();
        let shown = String::from_utf16(&units[q.start..q.end]).unwrap();
        assert_eq!(shown, "\"We will rebuild,\"");
        assert_eq!(q.speaker.as_deref(), Some("Mayor Ana Ruiz"));
        assert_eq!(q.class, "named_person");
        assert_eq!(r.attributed, 1);
    }

    #[test]
    fn findings_and_the_unnamed_share() {
        let story = "A senior official said the plan \"will fail\" this week.";
        let r = analyse_text(story, "text");
        assert!(r.findings.iter().any(|f| f.rule == "anonymous-source"));
        assert_eq!(r.unnamed, 1);
        assert_eq!(r.by_class.get("anonymous"), Some(&1));
    }
}
