//! `attrib check` and `attrib rules`: settings from options and `.attrib.yaml`, checking texts,
//! inline suppression, the human (rustc-style) and JSON reports, exit codes, and the rule
//! listing, explanation and example tests.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;

use crate::analysis::Analysis;
use crate::config::{self, LoadedConfig};
use crate::document::Comment;
use crate::error::{Error, Result};
use crate::exclude::Excludes;
use crate::input::Format;
use crate::rules::engine::{Ctx, run_rule};
use crate::rules::{self, Finding, Rule, RuleSet, Severity};

/// The options `check` and `rules` share.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// `--config FILE`.
    pub config: Option<PathBuf>,
    /// `--rules FILE` (repeatable).
    pub rules: Vec<PathBuf>,
    /// `--no-default-rules`: no bundled pack at all.
    pub no_default_rules: bool,
    /// `--fail-on`.
    pub fail_on: Option<Severity>,
    /// The working folder: relative paths of a run without a config start here.
    pub cwd: PathBuf,
    /// Where the search for `.attrib.yaml` starts (the first checked path); `cwd` when `None`.
    pub start: Option<PathBuf>,
    /// `--isolated`: use no `.attrib.yaml` (an explicit `--config` still applies).
    pub isolated: bool,
    /// `--allow-external-rules`: a config may name rule files outside its own folder tree.
    pub allow_external_rules: bool,
}

impl Options {
    /// The config these options select, loaded.
    pub fn config(&self) -> Result<LoadedConfig> {
        let start = self.start.as_deref().unwrap_or(&self.cwd);
        config::resolve(self.config.as_deref(), start, &self.cwd, self.isolated)
    }
}

/// Everything a check run needs, resolved once.
#[derive(Debug)]
pub struct Settings {
    /// The rules, severities applied.
    pub rules: RuleSet,
    /// Findings at or above this fail the run.
    pub fail_on: Severity,
    /// Bundled packs that are on.
    pub packs: Vec<String>,
    /// The config's `exclude` globs.
    pub excludes: Excludes,
    /// The `.attrib.yaml` that applied, if any.
    pub config: Option<PathBuf>,
}

impl Settings {
    /// Resolve options and config into rules. With `all_packs`, every bundled pack is loaded
    /// (packs that are not enabled have their rules set to `off`), for `rules list`.
    pub fn load(opts: &Options, all_packs: bool) -> Result<Settings> {
        let LoadedConfig {
            config,
            base,
            path: config_path,
        } = opts.config()?;
        let packs: Vec<String> = if opts.no_default_rules {
            Vec::new()
        } else {
            config.packs.clone().unwrap_or_else(default_packs)
        };
        let mut set = RuleSet::default();
        let add = |set: &mut RuleSet, new: Vec<Rule>, from: &str| -> Result<()> {
            for r in new {
                if set.get(&r.id).is_some() {
                    return Err(Error::Rule {
                        path: PathBuf::from(from),
                        rule: r.id.clone(),
                        message: "a rule with this id is already loaded".into(),
                    });
                }
                set.rules.push(r);
            }
            Ok(())
        };
        for p in &packs {
            add(&mut set, rules::bundled_pack(p)?, p)?;
        }
        if all_packs {
            for (name, ..) in rules::PACKS {
                if !packs.iter().any(|p| p == name) {
                    let mut extra = rules::bundled_pack(name)?;
                    for r in &mut extra {
                        r.severity = Severity::Off;
                    }
                    add(&mut set, extra, name)?;
                }
            }
        }
        let shown = |p: &Option<PathBuf>| {
            p.as_deref()
                .map_or_else(|| "the config".to_owned(), |p| p.display().to_string())
        };
        for r in &config.rules {
            let f = base.join(r);
            if !opts.allow_external_rules && !config::inside(&base, &f) {
                return Err(Error::Usage(format!(
                    "{}: rule file `{r}` lies outside the config's folder ({}); a config may \
                     only name rule files in its own folder tree (--allow-external-rules allows more)",
                    shown(&config_path),
                    base.display()
                )));
            }
            let loaded = rules::load_rule_file(&f).map_err(|e| {
                Error::Usage(format!(
                    "{e} (a rule file named in {})",
                    shown(&config_path)
                ))
            })?;
            add(&mut set, loaded, &f.display().to_string())?;
        }
        for f in &opts.rules {
            add(
                &mut set,
                rules::load_rule_file(f)?,
                &f.display().to_string(),
            )?;
        }
        let known: HashSet<String> = set.rules.iter().map(|r| r.id.clone()).collect();
        let all_known = |id: &str| {
            known.contains(id)
                || rules::PACKS.iter().any(|(name, ..)| {
                    rules::bundled_pack(name).is_ok_and(|rs| rs.iter().any(|r| r.id == id))
                })
        };
        for id in config.disable.iter().chain(config.severity.keys()) {
            if !all_known(id) {
                return Err(Error::Usage(format!(
                    "config names an unknown rule `{id}` (see `attrib rules list`)"
                )));
            }
        }
        for r in &mut set.rules {
            if let Some(s) = config.severity.get(&r.id) {
                r.severity = *s;
            }
            if config.disable.contains(&r.id) {
                r.severity = Severity::Off;
            }
        }
        let fail_on = opts.fail_on.or(config.fail_on).unwrap_or(Severity::Error);
        Ok(Settings {
            rules: set,
            fail_on,
            packs,
            excludes: Excludes::new(&config.exclude, &base, &opts.cwd)?,
            config: config_path,
        })
    }

    /// True when `path` matches an `exclude` pattern of the config.
    pub fn excluded(&self, path: &Path) -> bool {
        self.excludes.is_excluded(path)
    }
}

/// Check one text: analyse, run the rules, drop suppressed findings.
pub fn check_text(rules: &RuleSet, raw: String, format: Format) -> Vec<Finding> {
    let a = Analysis::new(raw, format);
    check_analysis(rules, &a)
}

/// Run the rules over an analysis and apply inline suppression.
pub fn check_analysis(rules: &RuleSet, a: &Analysis) -> Vec<Finding> {
    cap_findings(suppress(a, rules.check(a)))
}

/// Most findings reported for one file. Past it, one closing finding says how many more there
/// are (10 MB of quote marks would otherwise give two million findings and 600 MB of JSON).
pub const MAX_FINDINGS_PER_FILE: usize = 1000;

/// The rule id of the closing finding of a file with more than [`MAX_FINDINGS_PER_FILE`].
pub const TOO_MANY_FINDINGS: &str = "too-many-findings";

/// Keep the first [`MAX_FINDINGS_PER_FILE`] findings and close with one that counts the rest,
/// at the first one dropped, with the highest severity among them (so the exit code stays).
pub fn cap_findings(findings: Vec<Finding>) -> Vec<Finding> {
    if findings.len() <= MAX_FINDINGS_PER_FILE {
        return findings;
    }
    let mut capped = CappedFindings::default();
    capped.extend(findings);
    capped.finish()
}

/// [`cap_findings`] fed a file's findings as they come (a long article's, piece by piece):
/// past the limit, only the count, the highest severity and the first one dropped are kept.
#[derive(Debug, Default)]
pub struct CappedFindings {
    kept: Vec<Finding>,
    first_dropped: Option<Finding>,
    dropped: usize,
    severity: Option<Severity>,
}

impl CappedFindings {
    /// Add findings that come after every one added so far.
    pub fn extend(&mut self, findings: impl IntoIterator<Item = Finding>) {
        for f in findings {
            if self.kept.len() < MAX_FINDINGS_PER_FILE {
                self.kept.push(f);
                continue;
            }
            self.dropped += 1;
            self.severity = self.severity.max(Some(f.severity));
            if self.first_dropped.is_none() {
                self.first_dropped = Some(f);
            }
        }
    }

    /// The findings kept, closed by one counting those dropped, if any were.
    pub fn finish(self) -> Vec<Finding> {
        let mut findings = self.kept;
        let Some(first) = self.first_dropped else {
            return findings;
        };
        findings.push(Finding {
            rule: TOO_MANY_FINDINGS.to_owned(),
            severity: self.severity.unwrap_or(Severity::Info),
            message: format!(
                "{} more findings in this file are not shown (limit {MAX_FINDINGS_PER_FILE} per file)",
                self.dropped
            ),
            start: first.start,
            end: first.start,
            line: first.line,
            column: first.column,
            text: String::new(),
            view: crate::span::Span::new(first.view.start, first.view.start),
        });
        findings
    }
}

// ---------------------------------------------------------------------------------------------
// Inline suppression.

#[derive(Debug)]
enum Directive {
    Disable(Option<Vec<String>>),
    Enable(Option<Vec<String>>),
    NextLine(Option<Vec<String>>),
}

fn parse_directive(text: &str) -> Option<Directive> {
    let mut words = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty());
    let head = words.next()?;
    let ids: Vec<String> = words.map(str::to_owned).collect();
    let ids = (!ids.is_empty()).then_some(ids);
    match head {
        "attrib-disable" => Some(Directive::Disable(ids)),
        "attrib-enable" => Some(Directive::Enable(ids)),
        "attrib-disable-next-line" => Some(Directive::NextLine(ids)),
        _ => None,
    }
}

fn applies(ids: &Option<Vec<String>>, rule: &str) -> bool {
    ids.as_ref().is_none_or(|l| l.iter().any(|i| i == rule))
}

/// Drop findings covered by `attrib-disable` / `attrib-enable` / `attrib-disable-next-line`
/// directives: HTML comments in Markdown and HTML, whole lines in plain text.
pub fn suppress(a: &Analysis, findings: Vec<Finding>) -> Vec<Finding> {
    let raw = a.doc.raw.as_str();
    // Every directive starts with "attrib-": most files have none.
    if findings.is_empty() || memchr::memmem::find(raw.as_bytes(), b"attrib-").is_none() {
        return findings;
    }
    let mut directives = Vec::new();
    match a.doc.format {
        Format::Text => directives = line_directives(raw),
        _ => comment_directives(&a.doc.comments, 0, &mut directives),
    }
    apply_directives(raw, &directives, findings, |t| a.doc.line_col(t).0)
}

/// A directive's raw span and what it says.
type Placed = (usize, usize, Directive);

/// The directives of a plain-text file: whole lines.
fn line_directives(raw: &str) -> Vec<Placed> {
    let mut directives = Vec::new();
    let mut pos = 0;
    for line in raw.split_inclusive('\n') {
        if let Some(d) = parse_directive(line.trim()) {
            directives.push((pos, pos + line.trim_end().len(), d));
        }
        pos += line.len();
    }
    directives
}

/// The directives among markup comments whose spans start `offset` bytes into the file.
fn comment_directives(comments: &[Comment], offset: usize, out: &mut Vec<Placed>) {
    for c in comments {
        if let Some(d) = parse_directive(&c.text) {
            out.push((c.span.start + offset, c.span.end + offset, d));
        }
    }
}

/// Drop the findings `directives` (in file order) cover; `line_of` gives a raw offset's line.
fn apply_directives(
    raw: &str,
    directives: &[Placed],
    findings: Vec<Finding>,
    line_of: impl Fn(usize) -> usize,
) -> Vec<Finding> {
    if directives.is_empty() || findings.is_empty() {
        return findings;
    }
    // Regions (raw start, raw end, rules) and next-line targets (line, rules).
    let mut regions: Vec<(usize, usize, &Option<Vec<String>>)> = Vec::new();
    let mut open: Vec<(usize, &Option<Vec<String>>)> = Vec::new();
    let mut lines: Vec<(usize, &Option<Vec<String>>)> = Vec::new();
    for (start, end, d) in directives {
        let (start, end) = (*start, *end);
        match d {
            Directive::Disable(ids) => open.push((end, ids)),
            Directive::Enable(ids) => {
                let mut still = Vec::new();
                for (s, o) in open.drain(..) {
                    let closes = match (ids, o) {
                        (None, _) => true,
                        (Some(e), Some(o)) => o.iter().any(|x| e.contains(x)),
                        (Some(_), None) => false,
                    };
                    if closes {
                        regions.push((s, start, o));
                    } else {
                        still.push((s, o));
                    }
                }
                open = still;
            }
            Directive::NextLine(ids) => {
                // The next line with text after the directive's line.
                let after = raw[end..].find('\n').map_or(raw.len(), |i| end + i + 1);
                let target = raw[after..]
                    .find(|c: char| !c.is_whitespace())
                    .map(|i| after + i);
                if let Some(t) = target {
                    lines.push((line_of(t), ids));
                }
            }
        }
    }
    for (s, o) in open {
        regions.push((s, raw.len(), o));
    }
    findings
        .into_iter()
        .filter(|f| {
            let in_region = regions
                .iter()
                .any(|(s, e, ids)| *s <= f.start && f.start < *e && applies(ids, &f.rule));
            let on_line = lines
                .iter()
                .any(|(l, ids)| *l == f.line && applies(ids, &f.rule));
            !in_region && !on_line
        })
        .collect()
}

/// Inline suppression over a long article checked in pieces, with whole-file offsets and
/// lines. Markup comments are added as the pieces are read; the findings of a piece are
/// filtered with every directive read so far, which are all that can reach them (a later
/// directive only opens a region after them, closes one after them or names a later line).
#[derive(Debug)]
pub struct PieceSuppression<'a> {
    raw: &'a str,
    any: bool,
    directives: Vec<Placed>,
}

impl<'a> PieceSuppression<'a> {
    /// For the whole file `raw` read as `format`.
    pub fn new(raw: &'a str, format: Format) -> Self {
        let any = memchr::memmem::find(raw.as_bytes(), b"attrib-").is_some();
        let directives = if any && format == Format::Text {
            line_directives(raw)
        } else {
            Vec::new()
        };
        PieceSuppression {
            raw,
            any,
            directives,
        }
    }

    /// Add the markup comments of a piece starting `offset` bytes into the file.
    pub fn add_comments(&mut self, comments: &[Comment], offset: usize) {
        if self.any {
            comment_directives(comments, offset, &mut self.directives);
        }
    }

    /// The findings (whole-file offsets and lines) no directive read so far covers;
    /// `line_of` gives a raw offset's line.
    pub fn filter(&self, findings: Vec<Finding>, line_of: impl Fn(usize) -> usize) -> Vec<Finding> {
        apply_directives(self.raw, &self.directives, findings, line_of)
    }
}

// ---------------------------------------------------------------------------------------------
// Reports.

/// The findings of one file.
#[derive(Debug, Serialize)]
pub struct FileResult {
    /// The path as given.
    pub path: String,
    /// Findings, by position.
    pub findings: Vec<Finding>,
}

/// A file that could not be checked.
#[derive(Debug, Serialize)]
pub struct FileError {
    /// The path as given.
    pub path: String,
    /// What went wrong.
    pub message: String,
}

impl FileError {
    /// Build from an error, dropping a leading `path: ` the message may repeat.
    pub fn new(path: &str, e: &Error) -> Self {
        let msg = e.to_string();
        let message = msg
            .strip_prefix(&format!("{path}: "))
            .map(str::to_owned)
            .unwrap_or(msg);
        FileError {
            path: path.to_owned(),
            message,
        }
    }
}

/// Counts over the whole run.
#[derive(Debug, Default, Serialize, PartialEq, Eq)]
pub struct Summary {
    /// Files checked.
    pub files: usize,
    /// Findings in all.
    pub findings: usize,
    /// Findings of severity error.
    pub errors: usize,
    /// Findings of severity warning.
    pub warnings: usize,
    /// Findings of severity info.
    pub infos: usize,
}

impl Summary {
    /// Count one finding of `severity`.
    pub fn count(&mut self, severity: Severity) {
        self.findings += 1;
        match severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Info => self.infos += 1,
            Severity::Off => {}
        }
    }
}

/// The whole `check` report (the contract's JSON shape).
#[derive(Debug, Default, Serialize)]
pub struct Report {
    /// Checked files.
    pub files: Vec<FileResult>,
    /// Files that could not be read.
    pub errors: Vec<FileError>,
    /// Counts.
    pub summary: Summary,
    /// The `.attrib.yaml` that applied (`null`: none, the bundled defaults).
    pub config: Option<String>,
    /// Files named explicitly that the config's `exclude` patterns dropped (not checked).
    pub excluded: Vec<String>,
}

impl Report {
    /// Add a checked file.
    pub fn push_file(&mut self, path: &str, findings: Vec<Finding>) {
        self.files.push(FileResult {
            path: path.to_owned(),
            findings,
        });
    }

    /// Add a file that failed to read.
    pub fn push_error(&mut self, path: &str, e: &Error) {
        self.errors.push(FileError::new(path, e));
    }

    /// Recompute the summary.
    pub fn finish(&mut self) {
        let mut s = Summary {
            files: self.files.len(),
            ..Summary::default()
        };
        for f in self.files.iter().flat_map(|f| &f.findings) {
            s.count(f.severity);
        }
        self.summary = s;
    }

    /// 2 when a file failed, 1 when a finding is at or above `fail_on`, else 0.
    pub fn exit_code(&self, fail_on: Severity) -> u8 {
        if !self.errors.is_empty() {
            2
        } else if self
            .files
            .iter()
            .flat_map(|f| &f.findings)
            .any(|f| f.severity >= fail_on && f.severity != Severity::Off)
        {
            1
        } else {
            0
        }
    }

    /// The contract's JSON, pretty-printed, with a final newline.
    pub fn json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|_| "{}".into()) + "\n"
    }

    /// The start of [`Report::json`] when it is streamed: [`Report::JSON_PREFIX`], then one
    /// [`Report::json_file_chunk`] per checked file as it completes, then
    /// [`Report::json_tail`]. The pieces concatenate to exactly the bytes of
    /// [`Report::json`], without holding every file's findings until the end.
    pub const JSON_PREFIX: &'static str = "{\n  \"files\": [";

    /// One file's object inside the streamed document (`first` = no file before it).
    pub fn json_file_chunk(file: &FileResult, first: bool) -> String {
        crate::report::json_array_item(file, first)
    }

    /// The end of the streamed document: the files array closed (`any_file` = some chunk was
    /// written), then `errors` and `summary` from `self` (whose `files` are not used).
    pub fn json_tail(&self, any_file: bool) -> String {
        let nested = |v: String| v.replace('\n', "\n  ");
        let errors = nested(serde_json::to_string_pretty(&self.errors).unwrap_or_default());
        let summary = nested(serde_json::to_string_pretty(&self.summary).unwrap_or_default());
        let config = serde_json::to_string(&self.config).unwrap_or_default();
        let excluded = nested(serde_json::to_string_pretty(&self.excluded).unwrap_or_default());
        format!(
            "{}\n  \"errors\": {errors},\n  \"summary\": {summary},\n  \"config\": {config},\n  \
             \"excluded\": {excluded}\n}}\n",
            if any_file { "\n  ]," } else { "]," }
        )
    }

    /// Human output: one rustc-style diagnostic per finding, then a summary line. File errors
    /// are not included (they go to stderr). `raw` gives each file's text, by path, for the
    /// snippets.
    pub fn human(&self, raw: &dyn Fn(&str) -> Option<String>, color: bool) -> String {
        let mut out = String::new();
        for file in &self.files {
            let text = raw(&file.path).unwrap_or_default();
            out.push_str(&human_file(&file.path, &text, &file.findings, color));
        }
        out.push_str(&self.summary_line());
        out.push('\n');
        out
    }

    /// The closing line of the human report.
    pub fn summary_line(&self) -> String {
        let s = &self.summary;
        let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
        let mut line = format!("{} checked: ", plural(s.files, "file"));
        if s.findings == 0 {
            line.push_str("no findings");
        } else {
            let _ = write!(
                line,
                "{} ({}, {}, {})",
                plural(s.findings, "finding"),
                plural(s.errors, "error"),
                plural(s.warnings, "warning"),
                plural(s.infos, "info")
            );
        }
        if !self.errors.is_empty() {
            let _ = write!(
                line,
                "; {} could not be read",
                plural(self.errors.len(), "file")
            );
        }
        line
    }
}

/// The rustc-style diagnostics of one file: a `path:line:column: severity[rule]: message` line
/// and the annotated source line for each finding, each followed by a blank line.
pub fn human_file(path: &str, raw: &str, findings: &[Finding], color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for f in findings {
        let (level, code) = match f.severity {
            Severity::Error => (Level::ERROR, "1;31"),
            Severity::Warning => (Level::WARNING, "1;33"),
            _ => (Level::INFO, "1;36"),
        };
        let sev = if color {
            format!("\x1b[{code}m{}\x1b[0m", f.severity)
        } else {
            f.severity.to_string()
        };
        // A file name or a message quoting the article can hold terminal controls.
        let _ = writeln!(
            out,
            "{}:{}:{}: {sev}[{}]: {}",
            crate::report::visible(path),
            f.line,
            f.column,
            f.rule,
            crate::report::visible(&f.message)
        );
        out.push_str(&snippet(&renderer, level, raw, f));
        out.push_str("\n\n");
    }
    out
}

/// Bytes of a long line shown on each side of a finding (and of a long finding itself): the
/// snippet is a window, so rendering costs the same on a 2 MB one-line article as on a short
/// line.
const SNIPPET_WINDOW: usize = 160;

fn floor_char(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_char(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

fn snippet(renderer: &Renderer, level: Level<'_>, raw: &str, f: &Finding) -> String {
    let start = floor_char(raw, f.start.min(raw.len()));
    let end = ceil_char(raw, f.end.clamp(start, raw.len()));
    // A finding longer than two windows is shown by its start.
    let end = if end - start > 2 * SNIPPET_WINDOW {
        floor_char(raw, start + 2 * SNIPPET_WINDOW)
    } else {
        end
    };
    let from = floor_char(raw, start.saturating_sub(SNIPPET_WINDOW));
    let line_start = raw[from..start]
        .rfind(['\n', '\r'])
        .map_or(from, |i| from + i + 1);
    let to = ceil_char(raw, (end + SNIPPET_WINDOW).min(raw.len()));
    let line_end = raw[end..to].find(['\n', '\r']).map_or(to, |i| end + i);
    // Control characters (ESC and the like) are shown, never sent to the terminal.
    let (source, a, b) = shown(
        &raw[line_start..line_end],
        start - line_start,
        end - line_start,
    );
    let report = [Group::with_level(level).element(
        Snippet::source(source.as_ref())
            .line_start(f.line)
            .annotation(AnnotationKind::Primary.span(a..b)),
    )];
    renderer.render(&report)
}

/// `source` with terminal controls made visible ([`crate::report::visible`]), and the offsets
/// `a` and `b` moved to match.
fn shown(source: &str, a: usize, b: usize) -> (std::borrow::Cow<'_, str>, usize, usize) {
    let v = crate::report::visible(source);
    if matches!(v, std::borrow::Cow::Borrowed(_)) {
        return (v, a, b);
    }
    let moved = |off: usize| crate::report::visible(&source[..off]).len();
    let (a2, b2) = (moved(a), moved(b));
    (v, a2, b2)
}

// ---------------------------------------------------------------------------------------------
// `attrib rules`.

/// The first sentence of `s`, whitespace folded: a rule's one-line summary.
pub fn first_line(s: &str) -> String {
    let s = crate::lexicon::squeeze(s);
    match s.find(". ") {
        Some(i) => s[..=i].to_owned(),
        None => s,
    }
}

/// `attrib rules list`: id, pack, severity and one line per rule.
pub fn list(set: &RuleSet) -> String {
    let w = set.rules.iter().map(|r| r.id.len()).max().unwrap_or(0);
    let p = set.rules.iter().map(|r| r.pack.len()).max().unwrap_or(0);
    let mut out = String::new();
    for r in &set.rules {
        let _ = writeln!(
            out,
            "{:w$}  {:p$}  {:7}  {}",
            r.id,
            r.pack,
            r.severity.as_str(),
            first_line(r.description.as_deref().unwrap_or(&r.message)),
        );
    }
    out
}

/// `attrib rules explain ID`: what the rule flags, why, the standard, examples.
pub fn explain(rule: &Rule) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} ({} pack, {}{})",
        rule.id,
        rule.pack,
        rule.severity,
        if rule.severity != rule.default_severity {
            format!("; default {}", rule.default_severity)
        } else {
            String::new()
        }
    );
    let _ = writeln!(out);
    if let Some(d) = &rule.description {
        let _ = writeln!(out, "{}", d.trim());
        let _ = writeln!(out);
    }
    if let Some(s) = &rule.standard {
        let _ = writeln!(out, "Standard: {}", s.trim());
        let _ = writeln!(out);
    }
    let _ = writeln!(out, "Message: {}", rule.message);
    for (title, list) in [("Bad", &rule.examples.bad), ("Good", &rule.examples.good)] {
        if !list.is_empty() {
            let _ = writeln!(out);
            let _ = writeln!(out, "{title}:");
            for e in list {
                let _ = writeln!(out, "  {e}");
            }
        }
    }
    out
}

/// `attrib rules docs`: a Markdown reference of `set` (docs/rules.md is this for the bundled
/// packs): per pack, each rule under a heading that is its id (so `rules.md#ID` links to it,
/// as SARIF `helpUri` does), with its default severity, description, standard, message and
/// examples.
pub fn reference(set: &RuleSet) -> String {
    let one = crate::lexicon::squeeze;
    let mut out = String::from(
        "# Rules reference\n\n\
         Generated from the rule files by `attrib rules docs` (bundled packs: `core` is on by \
         default, `strict` with `packs: [core, strict]` in `.attrib.yaml`). \
         `attrib rules explain ID` prints the same for one rule.\n",
    );
    let mut pack = "";
    for r in &set.rules {
        if r.pack != pack {
            pack = &r.pack;
            let _ = write!(out, "\n## Pack `{pack}`\n");
        }
        let _ = write!(
            out,
            "\n### {}\n\nSeverity: **{}**.",
            r.id, r.default_severity
        );
        if let Some(d) = &r.description {
            let _ = write!(out, " {}", one(d));
        }
        let _ = writeln!(out);
        if let Some(st) = &r.standard {
            let _ = write!(out, "\nStandard: {}\n", one(st));
        }
        let _ = write!(out, "\nMessage: {}\n", one(&r.message));
        for (title, list) in [
            ("Flags", &r.examples.bad),
            ("Leaves alone", &r.examples.good),
        ] {
            if !list.is_empty() {
                let _ = write!(out, "\n{title}:\n\n");
                for e in list {
                    let _ = writeln!(out, "- {}", one(e));
                }
            }
        }
    }
    out
}

/// One failed example of `attrib rules test`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleFailure {
    /// The rule.
    pub rule: String,
    /// True for a bad example that did not fire, false for a good one that did.
    pub bad: bool,
    /// The example text.
    pub text: String,
}

/// Does `rule` fire on `text` (read as plain text)?
pub fn fires(rule: &Rule, text: &str) -> bool {
    let a = Analysis::new(text.to_owned(), Format::Text);
    let ctx = Ctx::new(&a);
    !run_rule(rule, &ctx).is_empty()
}

/// Run every rule's examples: each bad text must fire, each good text must not. Returns the
/// number of examples run and the failures.
pub fn test_examples(set: &RuleSet) -> (usize, Vec<ExampleFailure>) {
    let mut n = 0;
    let mut failures = Vec::new();
    for r in &set.rules {
        for (bad, list) in [(true, &r.examples.bad), (false, &r.examples.good)] {
            for text in list {
                n += 1;
                if fires(r, text) != bad {
                    failures.push(ExampleFailure {
                        rule: r.id.clone(),
                        bad,
                        text: text.clone(),
                    });
                }
            }
        }
    }
    (n, failures)
}

/// The names of the bundled packs that are on when no config names any.
fn default_packs() -> Vec<String> {
    rules::PACKS
        .iter()
        .filter(|p| p.1)
        .map(|p| p.0.to_owned())
        .collect()
}

/// The rules `check` runs with no config: the bundled packs that are on by default.
pub fn default_rules() -> Result<RuleSet> {
    let mut set = RuleSet::default();
    for name in default_packs() {
        set.rules.extend(rules::bundled_pack(&name)?);
    }
    Ok(set)
}

/// Every bundled pack's rules, on by default or not, for `rules test` with no file.
pub fn bundled_rules() -> Result<RuleSet> {
    let mut set = RuleSet::default();
    for (name, ..) in rules::PACKS {
        set.rules.extend(rules::bundled_pack(name)?);
    }
    Ok(set)
}
