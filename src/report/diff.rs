//! `attrib diff` output: the contract's JSON and a human listing with inline word edits in the
//! style of `git diff --word-diff` (`[-deleted-]{+inserted+}`).

use std::fmt::Write as _;

use serde::Serialize;

use crate::diff::{Change, ChangeKind, Edit, EditOp, Side, Speaker};

/// Count of changes per kind, serialised with all eight kinds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Quotes only in the new version.
    pub quote_added: usize,
    /// Quotes only in the old version.
    pub quote_removed: usize,
    /// Quotes whose words changed.
    pub quote_edited: usize,
    /// Quotes or claims with a different speaker.
    pub speaker_changed: usize,
    /// Sources that rank lower.
    pub source_downgraded: usize,
    /// Sources that rank higher.
    pub source_upgraded: usize,
    /// Attributions only in the new version.
    pub attribution_added: usize,
    /// Attributions only in the old version.
    pub attribution_removed: usize,
}

impl Summary {
    /// Count `changes`.
    pub fn of(changes: &[Change]) -> Summary {
        let mut s = Summary::default();
        for c in changes {
            *s.slot(c.kind) += 1;
        }
        s
    }

    fn slot(&mut self, kind: ChangeKind) -> &mut usize {
        match kind {
            ChangeKind::QuoteAdded => &mut self.quote_added,
            ChangeKind::QuoteRemoved => &mut self.quote_removed,
            ChangeKind::QuoteEdited => &mut self.quote_edited,
            ChangeKind::SpeakerChanged => &mut self.speaker_changed,
            ChangeKind::SourceDowngraded => &mut self.source_downgraded,
            ChangeKind::SourceUpgraded => &mut self.source_upgraded,
            ChangeKind::AttributionAdded => &mut self.attribution_added,
            ChangeKind::AttributionRemoved => &mut self.attribution_removed,
        }
    }

    /// The count for one kind.
    pub fn get(&self, kind: ChangeKind) -> usize {
        let mut copy = *self;
        *copy.slot(kind)
    }

    /// Add another summary's counts to this one.
    pub fn add(&mut self, other: &Summary) {
        for k in ChangeKind::ALL {
            *self.slot(k) += other.get(k);
        }
    }

    /// All changes.
    pub fn total(&self) -> usize {
        ChangeKind::ALL.iter().map(|&k| self.get(k)).sum()
    }
}

/// The diff of one pair of files, in the contract's shape.
#[derive(Clone, Debug, Serialize)]
pub struct FileDiff {
    /// The old version's path as given.
    pub old: String,
    /// The new version's path as given.
    pub new: String,
    /// Changes in the order of the new version.
    pub changes: Vec<Change>,
    /// Counts per kind.
    pub summary: Summary,
}

impl FileDiff {
    /// Wrap `changes` with the paths and a summary.
    pub fn new(old: &str, new: &str, changes: Vec<Change>) -> FileDiff {
        let summary = Summary::of(&changes);
        FileDiff {
            old: old.to_owned(),
            new: new.to_owned(),
            changes,
            summary,
        }
    }
}

/// A file that could not be read.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct ErrorJson {
    /// The path.
    pub path: String,
    /// What went wrong.
    pub message: String,
}

/// The diff of two folders: files paired by relative path.
#[derive(Clone, Debug, Serialize)]
pub struct FolderDiff {
    /// The old folder.
    pub old: String,
    /// The new folder.
    pub new: String,
    /// One entry per file in both folders (also those without changes).
    pub files: Vec<FileDiff>,
    /// Relative paths only in the new folder.
    pub files_added: Vec<String>,
    /// Relative paths only in the old folder.
    pub files_removed: Vec<String>,
    /// Files that could not be read.
    pub errors: Vec<ErrorJson>,
    /// Counts per kind over all files.
    pub summary: Summary,
}

impl FolderDiff {
    /// Assemble, summing the files' summaries.
    pub fn new(
        old: &str,
        new: &str,
        files: Vec<FileDiff>,
        files_added: Vec<String>,
        files_removed: Vec<String>,
        errors: Vec<ErrorJson>,
    ) -> FolderDiff {
        let mut summary = Summary::default();
        for f in &files {
            summary.add(&f.summary);
        }
        FolderDiff {
            old: old.to_owned(),
            new: new.to_owned(),
            files,
            files_added,
            files_removed,
            errors,
            summary,
        }
    }
}

/// True when output to a terminal should be coloured: the stream is a terminal and `NO_COLOR`
/// is unset or empty.
pub fn use_color(is_terminal: bool) -> bool {
    is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

fn paint(s: &str, code: &str, color: bool) -> String {
    if color {
        format!("{code}{s}{RESET}")
    } else {
        s.to_owned()
    }
}

/// The words of `s` joined by single spaces, terminal controls made visible.
fn flat(s: &str) -> String {
    super::visible(s)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn cut(s: &str, max: usize) -> String {
    let s = flat(s);
    if s.chars().count() <= max {
        s
    } else {
        let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

fn deleted(s: &str, color: bool) -> String {
    paint(&format!("[-{s}-]"), RED, color)
}

fn inserted(s: &str, color: bool) -> String {
    paint(&format!("{{+{s}+}}"), GREEN, color)
}

/// Equal runs longer than this many words are shortened around the edits.
const KEEP_WORDS: usize = 8;

fn shorten_equal(text: &str, first: bool, last: bool) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    if words.len() <= 2 * KEEP_WORDS + 2 {
        return text.to_owned();
    }
    let head = words[..KEEP_WORDS].join(" ");
    let tail = words[words.len() - KEEP_WORDS..].join(" ");
    let lead = if text.starts_with(' ') { " " } else { "" };
    match (first, last) {
        (true, true) => text.to_owned(),
        (true, false) => format!("… {}", tail.trim_start()),
        (false, true) => format!("{lead}{} …", head.trim_start()),
        (false, false) => format!("{head} … {}", tail.trim_start()),
    }
}

/// Render edits inline: `[-deleted-]{+inserted+}`, long unchanged stretches shortened with `…`.
pub fn word_diff(edits: &[Edit], color: bool) -> String {
    let mut out = String::new();
    let n = edits.len();
    for (i, e) in edits.iter().enumerate() {
        let text = flat_keep_lead(&e.text);
        match e.op {
            EditOp::Equal => out.push_str(&shorten_equal(&text, i == 0, i + 1 == n)),
            EditOp::Delete | EditOp::Insert => {
                // The space before the words stays outside the markers, as git does.
                let (lead, words) = match text.strip_prefix(' ') {
                    Some(w) if i > 0 => (" ", w),
                    _ => ("", text.as_str()),
                };
                let next_same_gap = lead == " "
                    && e.op == EditOp::Insert
                    && i > 0
                    && edits[i - 1].op == EditOp::Delete;
                if !next_same_gap {
                    out.push_str(lead);
                }
                if e.op == EditOp::Delete {
                    out.push_str(&deleted(words, color));
                } else {
                    out.push_str(&inserted(words, color));
                }
            }
        }
    }
    out
}

fn flat_keep_lead(s: &str) -> String {
    let lead = s.starts_with(char::is_whitespace);
    let f = flat(s);
    if lead { format!(" {f}") } else { f }
}

fn speaker_text(s: Option<&Speaker>) -> String {
    match s {
        Some(s) => format!("{} ({})", super::visible(&s.display()), s.class.as_str()),
        None => "no speaker".to_owned(),
    }
}

fn class_text(s: Option<&Speaker>) -> &'static str {
    s.map(|s| s.class.as_str()).unwrap_or("none")
}

fn lines(c: &Change) -> String {
    let l = |s: &Option<Side>| s.as_ref().map_or("—".to_owned(), |s| s.line.to_string());
    format!("{} → {}", l(&c.old), l(&c.new))
}

fn quoted(s: &str) -> String {
    format!("“{s}”")
}

/// One change as two or three lines: `lines  kind  detail`, then the quote or the edits.
fn human_change(out: &mut String, c: &Change, color: bool) {
    let kind = paint(&format!("{:<19}", c.kind.as_str()), BOLD, color);
    let head = format!("  line {:<11} {kind}", lines(c));
    let (o, n) = (c.old.as_ref(), c.new.as_ref());
    let osp = o.and_then(|s| s.speaker.as_ref());
    let nsp = n.and_then(|s| s.speaker.as_ref());
    let parts = |s: Option<&Side>| match s {
        Some(s) if s.parts > 1 => format!(" [{} parts]", s.parts),
        _ => String::new(),
    };
    match c.kind {
        ChangeKind::QuoteEdited => {
            let _ = writeln!(
                out,
                "{head} {}{}{}",
                speaker_text(nsp),
                parts(o).replace("parts", "old parts"),
                parts(n).replace("parts", "new parts")
            );
            let _ = writeln!(out, "      {}", quoted(&word_diff(&c.edits, color)));
        }
        ChangeKind::QuoteAdded | ChangeKind::QuoteRemoved => {
            let side = o.or(n);
            let sp = side.and_then(|s| s.speaker.as_ref());
            let _ = writeln!(out, "{head} {}", speaker_text(sp));
            let text = quoted(&flat(side.map(|s| s.text.as_str()).unwrap_or("")));
            let body = if c.kind == ChangeKind::QuoteAdded {
                inserted(&text, color)
            } else {
                deleted(&text, color)
            };
            let _ = writeln!(out, "      {body}");
        }
        ChangeKind::AttributionAdded | ChangeKind::AttributionRemoved => {
            let side = o.or(n);
            let sp = side.and_then(|s| s.speaker.as_ref());
            let _ = writeln!(out, "{head} {}", speaker_text(sp));
            let text = flat(side.map(|s| s.text.as_str()).unwrap_or(""));
            let body = if c.kind == ChangeKind::AttributionAdded {
                inserted(&text, color)
            } else {
                deleted(&text, color)
            };
            let _ = writeln!(out, "      {body}");
        }
        ChangeKind::SpeakerChanged => {
            let what = n.or(o).map(|s| s.text.as_str()).unwrap_or("");
            let what = if n.or(o).is_some_and(|s| s.is_quote) {
                quoted(&cut(what, 90))
            } else {
                cut(what, 90)
            };
            let _ = writeln!(out, "{head} {what}");
            let _ = writeln!(
                out,
                "      {} → {}",
                deleted(&speaker_text(osp), color),
                inserted(&speaker_text(nsp), color)
            );
        }
        ChangeKind::SourceDowngraded | ChangeKind::SourceUpgraded => {
            let _ = writeln!(out, "{head} {} → {}", class_text(osp), class_text(nsp));
        }
    }
}

fn summary_line(s: &Summary) -> String {
    if s.total() == 0 {
        return "no changes".to_owned();
    }
    let parts: Vec<String> = ChangeKind::ALL
        .iter()
        .filter(|&&k| s.get(k) > 0)
        .map(|&k| format!("{} {}", s.get(k), k.as_str()))
        .collect();
    let n = s.total();
    format!(
        "{n} change{}: {}",
        if n == 1 { "" } else { "s" },
        parts.join(", ")
    )
}

fn human_body(out: &mut String, f: &FileDiff, color: bool) {
    let (old, new) = (super::visible(&f.old), super::visible(&f.new));
    let _ = writeln!(out, "{}", paint(&format!("--- {old}"), RED, color));
    let _ = writeln!(out, "{}", paint(&format!("+++ {new}"), GREEN, color));
    for c in &f.changes {
        human_change(out, c, color);
    }
}

/// Human listing of one file pair, closed by a summary line.
pub fn human(f: &FileDiff, color: bool) -> String {
    let mut out = String::new();
    human_body(&mut out, f, color);
    let _ = writeln!(out, "summary: {}", summary_line(&f.summary));
    out
}

/// Human listing of two folders: files added and removed, each changed file, a closing summary.
pub fn human_folder(d: &FolderDiff, color: bool) -> String {
    let mut out = String::new();
    for p in &d.files_removed {
        let p = super::visible(p);
        let _ = writeln!(out, "{}", paint(&format!("file removed: {p}"), RED, color));
    }
    for p in &d.files_added {
        let p = super::visible(p);
        let _ = writeln!(out, "{}", paint(&format!("file added: {p}"), GREEN, color));
    }
    for e in &d.errors {
        let _ = writeln!(out, "error: {}: {}", e.path, e.message);
    }
    for f in d.files.iter().filter(|f| !f.changes.is_empty()) {
        human_body(&mut out, f, color);
    }
    let changed = d.files.iter().filter(|f| !f.changes.is_empty()).count();
    let _ = writeln!(
        out,
        "summary: {} file{} compared, {changed} changed, {} added, {} removed; {}",
        d.files.len(),
        if d.files.len() == 1 { "" } else { "s" },
        d.files_added.len(),
        d.files_removed.len(),
        summary_line(&d.summary)
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::word_edits;

    #[test]
    fn word_diff_marks_edits_git_style() {
        let e = word_edits(
            "We will not negotiate this week.",
            "We will not talk this week.",
        );
        assert_eq!(
            word_diff(&e, false),
            "We will not [-negotiate-]{+talk+} this week."
        );
        let e = word_edits("We will not negotiate", "We will not negotiate yet");
        assert_eq!(word_diff(&e, false), "We will not negotiate {+yet+}");
    }

    #[test]
    fn long_unchanged_stretches_are_shortened() {
        let old = "one two three four five six seven eight nine ten eleven twelve thirteen \
                   fourteen fifteen sixteen seventeen eighteen nineteen twenty alpha omega";
        let new = old.replace("alpha", "beta");
        let shown = word_diff(&word_edits(old, &new), false);
        assert_eq!(
            shown,
            "… thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty \
             [-alpha-]{+beta+} omega"
        );
        let colored = word_diff(&word_edits("a b", "a c"), true);
        assert_eq!(colored, "a \x1b[31m[-b-]\x1b[0m\x1b[32m{+c+}\x1b[0m");
    }

    #[test]
    fn summary_counts_every_kind() {
        let s = Summary::default();
        let v = serde_json::to_value(s).unwrap();
        assert_eq!(v.as_object().unwrap().len(), 8);
        assert_eq!(summary_line(&s), "no changes");
    }
}
