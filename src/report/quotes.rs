//! `attrib quotes`: every quote and attribution with its speaker and class.

use std::fmt::Write as _;

use serde::Serialize;

use crate::analysis::Analysis;
use crate::quotes::QuoteKind;
use crate::sources::{Source, SourceClass};

/// A speaker or source in the contract's JSON shape (raw byte offsets).
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct SourceJson {
    /// The words at the attribution.
    pub text: String,
    /// Raw start offset.
    pub start: usize,
    /// Raw end offset.
    pub end: usize,
    /// Source class.
    pub class: SourceClass,
    /// The earlier full mention.
    pub refers_to: Option<String>,
}

/// A quote in the contract's JSON shape.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct QuoteJson {
    /// The quoted words without the marks.
    pub text: String,
    /// Raw start offset of the quoted words.
    pub start: usize,
    /// Raw end offset.
    pub end: usize,
    /// 1-based line.
    pub line: usize,
    /// 1-based character column.
    pub column: usize,
    /// direct, partial or term.
    pub kind: QuoteKind,
    /// Who said it.
    pub speaker: Option<SourceJson>,
    /// The cue words.
    pub cue: Option<String>,
}

/// An attribution without quotation marks in the contract's JSON shape.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct AttributionJson {
    /// Raw start offset.
    pub start: usize,
    /// Raw end offset.
    pub end: usize,
    /// 1-based line.
    pub line: usize,
    /// 1-based character column.
    pub column: usize,
    /// The cue words.
    pub cue: String,
    /// The source.
    pub source: SourceJson,
}

/// A transcript turn (an interview's question or answer; see [`crate::layout`]).
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct TurnJson {
    /// `question` (the interviewer's) or `answer` (the speaker's own speech).
    pub role: crate::layout::Role,
    /// Who speaks: the label, or the full name it stands for.
    pub speaker: String,
    /// The label as printed (`Zara Kay`, `WN`, `NG`).
    pub label: String,
    /// Raw start offset of the turn (its label).
    pub start: usize,
    /// Raw end offset of the turn (the end of its last paragraph).
    pub end: usize,
    /// 1-based line.
    pub line: usize,
    /// 1-based character column.
    pub column: usize,
}

/// One file's quotes and attributions.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct FileQuotes {
    /// The path as given.
    pub path: String,
    /// Quotes in order.
    pub quotes: Vec<QuoteJson>,
    /// Attributions without quotes, in order.
    pub attributions: Vec<AttributionJson>,
    /// Transcript turns in order (only in files that print an interview as questions and
    /// answers; the key is left out otherwise).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub turns: Vec<TurnJson>,
}

fn source_json(a: &Analysis, s: &Source) -> SourceJson {
    let span = a.doc.raw_span(s.span);
    SourceJson {
        text: s.text.clone(),
        start: span.start,
        end: span.end,
        class: s.class,
        refers_to: s.refers_to.clone(),
    }
}

/// Build the JSON model of one analysed file.
pub fn file_quotes(path: &str, a: &Analysis) -> FileQuotes {
    let quotes = a
        .quotes
        .iter()
        .map(|q| {
            let span = a.doc.raw_span(q.quote.inner);
            let (line, column) = a.doc.line_col(span.start);
            QuoteJson {
                text: q.quote.inner.of(&a.doc.text).to_owned(),
                start: span.start,
                end: span.end,
                line,
                column,
                kind: q.kind,
                speaker: q.speaker.as_ref().map(|s| source_json(a, s)),
                cue: q.cue.clone(),
            }
        })
        .collect();
    let attributions = a
        .attributions
        .iter()
        .map(|at| {
            let span = a.doc.raw_span(at.span);
            let (line, column) = a.doc.line_col(span.start);
            AttributionJson {
                start: span.start,
                end: span.end,
                line,
                column,
                cue: at.cue.clone(),
                source: source_json(a, &at.source),
            }
        })
        .collect();
    let turns = a
        .layout
        .turns
        .iter()
        .map(|t| {
            let span = a.doc.raw_span(t.span);
            let (line, column) = a.doc.line_col(span.start);
            TurnJson {
                role: t.role,
                speaker: t.speaker.clone(),
                label: t.label.of(&a.doc.text).to_owned(),
                start: span.start,
                end: span.end,
                line,
                column,
            }
        })
        .collect();
    FileQuotes {
        path: path.to_owned(),
        quotes,
        attributions,
        turns,
    }
}

/// The whole `quotes --format json` document.
#[derive(Clone, Debug, Serialize)]
pub struct QuotesJson<'a> {
    /// Files in order.
    pub files: &'a [FileQuotes],
}

/// The start of the streamed `quotes --format json` document, before the first file.
pub const JSON_PREFIX: &str = "{\n  \"files\": [";

/// One file's object as it stands inside the streamed document (`first` = no file before it):
/// the separator, then the pretty-printed object indented to its depth. Concatenated between
/// [`JSON_PREFIX`] and [`json_suffix`], the pieces give the bytes `serde_json::to_string_pretty`
/// gives for [`QuotesJson`] (JSON strings hold no raw newline, so indenting by lines is safe).
pub fn json_file_chunk(f: &FileQuotes, first: bool) -> String {
    super::json_array_item(f, first)
}

/// The end of the streamed document (with its final newline), given whether any file came.
pub fn json_suffix(any_file: bool) -> &'static str {
    if any_file { "\n  ]\n}\n" } else { "]\n}\n" }
}

fn cut(s: &str, max: usize) -> String {
    let flat: String = super::visible(s)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if flat.chars().count() <= max {
        flat
    } else {
        let mut out: String = flat.chars().take(max.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

/// Human table: line, speaker → resolved, class, kind, the quote cut to fit `width` columns;
/// quotes, claims and transcript turns together in line order, under a header.
pub fn human(files: &[FileQuotes], width: usize) -> String {
    let mut out = String::new();
    let resolved = |text: &str, refers_to: &Option<String>| match refers_to {
        Some(r) if r != text => format!("{text} → {r}"),
        _ => text.to_owned(),
    };
    for f in files {
        let _ = writeln!(out, "{}", super::visible(&f.path));
        if f.quotes.is_empty() && f.attributions.is_empty() && f.turns.is_empty() {
            let _ = writeln!(out, "  (no quotes or attributions)");
            continue;
        }
        let _ = writeln!(
            out,
            "  {:>4}  {:<34} {:<18} {:<7} QUOTE (or the claim's cue)",
            "LINE", "SPEAKER → WHO IT IS", "CLASS", "KIND"
        );
        // (line, row); a stable sort keeps quotes before claims before turns on one line.
        let mut rows: Vec<(usize, String)> = Vec::new();
        for q in &f.quotes {
            let who = match &q.speaker {
                None => "—".to_owned(),
                Some(s) => resolved(&s.text, &s.refers_to),
            };
            let class = q
                .speaker
                .as_ref()
                .map(|s| s.class.as_str())
                .unwrap_or("none");
            let kind = match q.kind {
                QuoteKind::Direct => "direct",
                QuoteKind::Partial => "partial",
                QuoteKind::Term => "term",
            };
            let head = format!(
                "  {:>4}  {:<34} {:<18} {:<7} ",
                q.line,
                cut(&who, 34),
                class,
                kind
            );
            let room = width.saturating_sub(head.chars().count() + 2).max(20);
            rows.push((q.line, format!("{head}“{}”", cut(&q.text, room))));
        }
        for at in &f.attributions {
            let who = resolved(&at.source.text, &at.source.refers_to);
            rows.push((
                at.line,
                format!(
                    "  {:>4}  {:<34} {:<18} {:<7} ({})",
                    at.line,
                    cut(&who, 34),
                    at.source.class.as_str(),
                    "claim",
                    cut(&at.cue, 30)
                ),
            ));
        }
        for t in &f.turns {
            let class = match t.role {
                crate::layout::Role::Answer => "transcript",
                crate::layout::Role::Question => "interviewer",
            };
            rows.push((
                t.line,
                format!(
                    "  {:>4}  {:<34} {:<18} {:<7}",
                    t.line,
                    cut(&t.speaker, 34),
                    class,
                    t.role.as_str(),
                ),
            ));
        }
        rows.sort_by_key(|(line, _)| *line);
        for (_, row) in rows {
            let _ = writeln!(out, "{}", row.trim_end());
        }
    }
    out
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// The CSV header line.
pub const CSV_HEADER: &str =
    "path,type,line,column,start,end,kind,speaker,refers_to,class,cue,text\n";

/// CSV: one row per quote and per attribution.
pub fn csv(files: &[FileQuotes]) -> String {
    let mut out = String::from(CSV_HEADER);
    out.push_str(&csv_rows(files));
    out
}

/// The CSV rows of `files`, without the header.
pub fn csv_rows(files: &[FileQuotes]) -> String {
    let mut out = String::new();
    for f in files {
        for q in &f.quotes {
            let (sp, re, cl) = match &q.speaker {
                Some(s) => (
                    s.text.as_str(),
                    s.refers_to.as_deref().unwrap_or(""),
                    s.class.as_str(),
                ),
                None => ("", "", ""),
            };
            let kind = serde_json::to_value(q.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "{},quote,{},{},{},{},{},{},{},{},{},{}",
                csv_field(&f.path),
                q.line,
                q.column,
                q.start,
                q.end,
                kind,
                csv_field(sp),
                csv_field(re),
                cl,
                csv_field(q.cue.as_deref().unwrap_or("")),
                csv_field(&q.text)
            );
        }
        for t in &f.turns {
            let _ = writeln!(
                out,
                "{},turn,{},{},{},{},{},{},,,,",
                csv_field(&f.path),
                t.line,
                t.column,
                t.start,
                t.end,
                t.role.as_str(),
                csv_field(&t.speaker),
            );
        }
        for a in &f.attributions {
            let _ = writeln!(
                out,
                "{},attribution,{},{},{},{},,{},{},{},{},",
                csv_field(&f.path),
                a.line,
                a.column,
                a.start,
                a.end,
                csv_field(&a.source.text),
                csv_field(a.source.refers_to.as_deref().unwrap_or("")),
                a.source.class.as_str(),
                csv_field(&a.cue)
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Format;

    fn streamed(files: &[FileQuotes]) -> String {
        let mut out = String::from(JSON_PREFIX);
        for (i, f) in files.iter().enumerate() {
            out.push_str(&json_file_chunk(f, i == 0));
        }
        out.push_str(json_suffix(!files.is_empty()));
        out
    }

    #[test]
    fn streamed_json_is_the_pretty_document() {
        let texts = [
            "\"We will not back down,\" said Ana Ruiz, a picket captain.\n\nThe talks resume on \
             Monday, according to a White House official.\n",
            "Nothing quoted here.\n",
            "\"Line one\ttab \\\\ \u{201c}curly\u{201d},\" the mayor said.\n",
        ];
        let files: Vec<FileQuotes> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let a = Analysis::new((*t).to_owned(), Format::Text);
                file_quotes(&format!("dir/{i}.txt"), &a)
            })
            .collect();
        for n in 0..=files.len() {
            let whole =
                serde_json::to_string_pretty(&QuotesJson { files: &files[..n] }).unwrap() + "\n";
            assert_eq!(streamed(&files[..n]), whole, "{n} files");
        }
    }

    #[test]
    fn csv_is_header_and_rows() {
        let a = Analysis::new("\"Yes,\" Ana Ruiz said.\n".to_owned(), Format::Text);
        let f = file_quotes("a.txt", &a);
        let files = [f.clone(), f];
        assert_eq!(csv(&files), format!("{CSV_HEADER}{}", csv_rows(&files)));
        assert_eq!(csv_rows(&files).lines().count(), 2);
    }

    #[test]
    fn transcript_turns_are_listed_with_their_speaker() {
        let text = "((WN)) Why bread?\n\n((Lena Ortiz)) My mother said \"bake\" and I did.\n\n\
                    ((WN)) And now?\n\n((Lena Ortiz)) \"It seems to work,\" I tell people.\n";
        let a = Analysis::new(text.to_owned(), Format::Text);
        let f = file_quotes("i.txt", &a);
        let roles: Vec<(&str, &str)> = f
            .turns
            .iter()
            .map(|t| (t.role.as_str(), t.speaker.as_str()))
            .collect();
        assert_eq!(
            roles,
            [
                ("question", "Wikinews"),
                ("answer", "Lena Ortiz"),
                ("question", "Wikinews"),
                ("answer", "Lena Ortiz")
            ]
        );
        // A quote the answer gives to nobody else is the interviewee's.
        let q = f.quotes.iter().find(|q| q.text.contains("seems")).unwrap();
        assert_eq!(
            q.speaker.as_ref().map(|s| s.text.as_str()),
            Some("Lena Ortiz")
        );
        let json = serde_json::to_value(&f).unwrap();
        assert_eq!(json["turns"][1]["role"], "answer");
        assert!(csv_rows(std::slice::from_ref(&f)).contains(",turn,"));
        // Files with no transcript have no `turns` key.
        let plain = file_quotes("p.txt", &Analysis::new("No.\n".into(), Format::Text));
        assert!(serde_json::to_value(&plain).unwrap().get("turns").is_none());
    }
}
