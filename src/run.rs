//! Checking many files: the walk's entries are checked in parallel (on rayon's pool) and their
//! results handed on strictly in path order, so two runs print the same bytes. No file's text
//! outlives its own check: a worker reads, analyses, renders what the chosen format needs and drops the
//! text, so memory stays bounded by the number of workers, not the number of files. Output is
//! streamed per file for human, GitHub and JSON-lines output; JSON and SARIF, being one
//! document each, keep only the findings until the end.

#[cfg(feature = "cli")]
use std::collections::BTreeMap;
use std::collections::HashMap;
#[cfg(feature = "cli")]
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
#[cfg(feature = "cli")]
use std::sync::{Condvar, Mutex, PoisonError};

use serde::Serialize;

use crate::analysis::{Analysis, analyze};
use crate::check::{self, Settings};
#[cfg(feature = "cli")]
use crate::check::{FileError, FileResult, Report};
use crate::document::Pieces;
#[cfg(feature = "cli")]
use crate::error::Error;
#[cfg(feature = "cli")]
use crate::input;
use crate::input::Format;
use crate::quotes::QuoteKind;
#[cfg(feature = "cli")]
use crate::report::{github, sarif};
use crate::rules::{Finding, RuleSet, Severity};
use crate::sources::SourceClass;
#[cfg(feature = "cli")]
use crate::walk::Entry;

/// Results done but waiting for an earlier one, beyond which a worker waits before taking
/// another item.
#[cfg(feature = "cli")]
const MAX_PENDING: usize = 256;

/// The ordered hand-off of [`ordered_map`]: the index due next, results done early, the sink,
/// and how many workers wait for room.
#[cfg(feature = "cli")]
struct Delivery<R, S> {
    next: usize,
    pending: BTreeMap<usize, R>,
    sink: S,
    waiting: usize,
}

/// Map `f` over `items` on every thread of rayon's pool (`RAYON_NUM_THREADS`, else one per
/// core) and hand each result to `sink` in the items' order, as soon as it and every earlier one are done. Items are taken
/// one at a time, in order; the worker that finishes the item due next feeds the sink itself,
/// with every later result already done, so no thread sits waiting to be woken for output
/// (waking one costs more than checking a short article). A worker that finds
/// [`MAX_PENDING`] results waiting for an earlier slow one waits before taking another, so
/// memory stays bounded, and a slow sink holds the workers back. Waiting workers are woken only
/// when there are some (waking none is still a system call per item).
#[cfg(feature = "cli")]
pub fn ordered_map<I, T, R, F, S>(items: I, f: F, sink: S)
where
    I: Iterator<Item = T> + Send,
    T: Send,
    R: Send,
    F: Fn(T) -> R + Sync,
    S: FnMut(R) + Send,
{
    let source = Mutex::new(items.enumerate());
    let delivery = Mutex::new(Delivery {
        next: 0,
        pending: BTreeMap::new(),
        sink,
        waiting: 0,
    });
    let room = Condvar::new();
    // A panic in `f` or the sink poisons a lock; `broadcast` re-raises the panic, so the data
    // behind a poisoned lock is never looked at again and can be taken as it is. A worker that
    // panics first wakes any waiting for room (the result they wait on will never come), so
    // the panic ends the run instead of hanging it.
    let failed = std::sync::atomic::AtomicBool::new(false);
    // Under the delivery lock, so that a worker between its check of `failed` and its wait
    // cannot miss the wake-up.
    let give_up = || {
        let _d = delivery.lock().unwrap_or_else(PoisonError::into_inner);
        failed.store(true, std::sync::atomic::Ordering::SeqCst);
        room.notify_all();
    };
    struct WakeOnPanic<'a>(&'a (dyn Fn() + Sync));
    impl Drop for WakeOnPanic<'_> {
        fn drop(&mut self) {
            if std::thread::panicking() {
                (self.0)();
            }
        }
    }
    let work = || {
        let _wake = WakeOnPanic(&give_up);
        loop {
            let Some((i, t)) = source.lock().unwrap_or_else(PoisonError::into_inner).next() else {
                break;
            };
            let r = f(t);
            let mut d = delivery.lock().unwrap_or_else(PoisonError::into_inner);
            if i != d.next {
                d.pending.insert(i, r);
                if d.pending.len() >= MAX_PENDING {
                    d.waiting += 1;
                    while d.pending.len() >= MAX_PENDING {
                        if failed.load(std::sync::atomic::Ordering::SeqCst) {
                            return;
                        }
                        d = room.wait(d).unwrap_or_else(PoisonError::into_inner);
                    }
                    d.waiting -= 1;
                }
                continue;
            }
            let d = &mut *d;
            (d.sink)(r);
            d.next += 1;
            while let Some(entry) = d.pending.first_entry() {
                if *entry.key() != d.next {
                    break;
                }
                (d.sink)(entry.remove());
                d.next += 1;
            }
            if d.waiting > 0 {
                room.notify_all();
            }
        }
    };
    rayon::broadcast(|_| work());
}

/// One input of a check run.
#[derive(Debug)]
#[cfg(feature = "cli")]
pub enum Job {
    /// A file (or a path the walk could not read).
    Entry(Entry),
    /// Text read already (stdin), with the name it is reported under, or the error reading it.
    Text {
        /// Reported path; its extension picks the format.
        name: String,
        /// The text, or what went wrong.
        text: Result<String, Error>,
    },
}

/// A finding with where it ends (1-based line, and the column just past its last character).
#[derive(Clone, Debug, Serialize)]
pub struct Located {
    /// The finding.
    #[serde(flatten)]
    pub finding: Finding,
    /// Line of the end.
    #[serde(skip)]
    pub end_line: usize,
    /// Column (in characters) just past the last character.
    #[serde(skip)]
    pub end_column: usize,
    /// A hash of the text of the line the finding starts on (whitespace runs folded), for
    /// fingerprints that survive edits elsewhere in the file (SARIF `partialFingerprints`).
    #[serde(skip)]
    pub line_hash: u64,
}

/// FNV-1a, 64-bit: a hash that is the same in every build and on every platform, for
/// fingerprints that code scanning compares across runs.
pub fn stable_hash(parts: &[&[u8]]) -> u64 {
    let mut h = Fnv::default();
    for part in parts {
        h.write(part);
        h.end_part();
    }
    h.0
}

/// The state of [`stable_hash`], fed piece by piece.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    /// A separator, so that ("ab", "c") and ("a", "bc") differ.
    fn end_part(&mut self) {
        self.0 ^= 0xff;
        self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
    }
}

/// [`stable_hash`] of `line` with its whitespace runs folded to one space and trimmed (the
/// hash of [`crate::lexicon::squeeze`]`(line)`, without building that string).
fn line_hash(line: &str) -> u64 {
    let mut h = Fnv::default();
    for (k, w) in line.split_whitespace().enumerate() {
        if k > 0 {
            h.write(b" ");
        }
        h.write(w.as_bytes());
    }
    h.end_part();
    h.0
}

/// How many quotes a file has and where they come from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct QuoteStats {
    /// Direct and partial quotes.
    pub quotes: usize,
    /// Of those, quotes with a speaker.
    pub attributed: usize,
    /// Of those, quotes whose speaker is `anonymous` or `vague`.
    pub anonymous_or_vague: usize,
}

impl QuoteStats {
    /// Count the quotes of an analysis.
    pub fn of(a: &Analysis) -> QuoteStats {
        let mut s = QuoteStats::default();
        for q in &a.quotes {
            if q.kind == QuoteKind::Term {
                continue;
            }
            s.quotes += 1;
            if let Some(sp) = &q.speaker {
                s.attributed += 1;
                if matches!(sp.class, SourceClass::Anonymous | SourceClass::Vague) {
                    s.anonymous_or_vague += 1;
                }
            }
        }
        s
    }

    fn add(&mut self, o: QuoteStats) {
        self.quotes += o.quotes;
        self.attributed += o.attributed;
        self.anonymous_or_vague += o.anonymous_or_vague;
    }
}

/// What checking one file gave.
#[derive(Debug)]
pub struct Checked {
    /// Findings, by position.
    pub findings: Vec<Located>,
    /// Quote counts.
    pub quotes: QuoteStats,
    /// The human diagnostics, when human output was asked for.
    pub human: String,
}

/// The outcome for one input: its reported path and its findings, or why it was not checked.
#[derive(Debug)]
pub struct FileOutcome {
    /// The path as reported.
    pub path: String,
    /// Findings, or the error message (without the path).
    pub result: Result<Checked, String>,
    /// The file was named explicitly but the config excludes it: not read, reported as such.
    pub excluded: bool,
}

/// Output formats of `attrib check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    /// rustc-style diagnostics and a summary.
    Human,
    /// The contract's JSON document.
    Json,
    /// One JSON object per file, streamed.
    Jsonl,
    /// SARIF 2.1.0.
    Sarif,
    /// GitHub Actions workflow commands.
    Github,
}

/// How to run a check over many inputs.
#[derive(Clone, Debug)]
pub struct RunOptions {
    /// Output format.
    pub format: OutputFormat,
    /// Colour in human output.
    pub color: bool,
    /// Files larger than this (bytes) are errors.
    pub max_file_size: u64,
    /// The working folder (SARIF and GitHub paths are made relative to it).
    pub cwd: PathBuf,
    /// Add the folder-run summary (top rules, quote sources) to human output.
    pub folder_summary: bool,
    /// Show a progress bar on stderr.
    pub progress: bool,
    /// `--verbose`: human output notes each excluded file (always listed in JSON and SARIF).
    pub verbose: bool,
}

/// Articles longer than this and a half are checked in pieces of about this size
/// ([`Pieces`]: plain text cut at paragraph ends, Markdown between top-level blocks, HTML
/// after block tags): memory then stays near the article's own size plus a constant, instead
/// of the analysis's tables for the whole text at once (a 200 MB article took 3 GB, 21 MB of
/// Markdown or HTML about 19 times its size).
pub const PIECE_BYTES: usize = 4 * 1024 * 1024;

/// Check a long article piece by piece ([`PIECE_BYTES`]); offsets, lines and columns are
/// those of the whole text, and inline suppression and the findings limit apply to the whole
/// file. Speakers are not carried across a cut, and story-level rules see each piece as a
/// story.
fn check_in_pieces(
    settings: &Settings,
    text: &str,
    format: Format,
    human: Option<(&str, bool)>,
) -> Checked {
    let index = crate::span::LineIndex::new(text);
    let line_col = |offset: usize| index.line_col(text, offset);
    let bom = text.starts_with('\u{feff}');
    let pieces = Pieces::new(text, format, PIECE_BYTES);
    let mut suppression = check::PieceSuppression::new(text, format);
    let mut findings = check::CappedFindings::default();
    let mut quotes = QuoteStats::default();
    let mut view_base = 0;
    for (i, range) in pieces.ranges().iter().enumerate() {
        let from = range.start;
        let a = analyze(pieces.document(text, i));
        suppression.add_comments(&a.doc.comments, from);
        quotes.add(QuoteStats::of(&a));
        let mut found = settings.rules.check(&a);
        for f in &mut found {
            f.start += from;
            f.end += from;
            (f.line, f.column) = line_col(f.start);
            f.view = crate::span::Span::new(f.view.start + view_base, f.view.end + view_base);
        }
        let mut found = suppression.filter(found, |offset| line_col(offset).0);
        // A UTF-8 byte order mark is not a character of the first line (see `check_one`).
        if bom {
            for f in found.iter_mut().filter(|f| f.line == 1) {
                f.column = f.column.saturating_sub(1).max(1);
            }
        }
        findings.extend(found);
        view_base += a.doc.text.len();
    }
    let findings = findings.finish();
    let human = human
        .map(|(path, color)| check::human_file(path, text, &findings, color))
        .unwrap_or_default();
    Checked {
        findings: locate(findings, &index, text, bom),
        quotes,
        human,
    }
}

/// Findings with the line and column of their ends; with `bom`, columns on line 1 are counted
/// without the byte order mark, as editors show them.
fn locate(
    findings: Vec<Finding>,
    index: &crate::span::LineIndex,
    raw: &str,
    bom: bool,
) -> Vec<Located> {
    // Findings share lines (a paragraph is a line in most articles): each line is hashed once.
    let mut hashed: Option<(usize, u64)> = None;
    findings
        .into_iter()
        .map(|f| {
            let (end_line, mut end_column) = index.line_col(raw, f.end.max(f.start));
            if bom && end_line == 1 {
                end_column = end_column.saturating_sub(1).max(1);
            }
            let line = index.line_of(f.start.min(raw.len()));
            let line_hash = match hashed {
                Some((l, h)) if l == line => h,
                _ => {
                    let span = index.line_span(raw, line);
                    let h = line_hash(raw.get(span.start..span.end).unwrap_or(""));
                    hashed = Some((line, h));
                    h
                }
            };
            Located {
                finding: f,
                end_line,
                end_column,
                line_hash,
            }
        })
        .collect()
}

/// Check one text already in memory.
pub fn check_one(
    settings: &Settings,
    text: String,
    format: Format,
    human: Option<(&str, bool)>,
) -> Checked {
    if text.len() > PIECE_BYTES + PIECE_BYTES / 2 {
        return check_in_pieces(settings, &text, format, human);
    }
    let a = Analysis::new(text, format);
    let mut findings = check::check_analysis(&settings.rules, &a);
    // A UTF-8 byte order mark is the encoding's signature, not a character of the first line:
    // columns there are counted without it, as editors show them (byte offsets keep it).
    let bom = a.doc.raw.starts_with('\u{feff}');
    if bom {
        for f in findings.iter_mut().filter(|f| f.line == 1) {
            f.column = f.column.saturating_sub(1).max(1);
        }
    }
    let quotes = QuoteStats::of(&a);
    let raw = a.doc.raw.as_str();
    let human = human
        .map(|(path, color)| check::human_file(path, raw, &findings, color))
        .unwrap_or_default();
    Checked {
        findings: locate(findings, a.doc.line_index(), raw, bom),
        quotes,
        human,
    }
}

#[cfg(feature = "cli")]
fn run_job(settings: &Settings, opts: &RunOptions, job: Job) -> FileOutcome {
    let (path, text) = match job {
        Job::Entry(Entry::Error { path, message }) => {
            return FileOutcome {
                path: path.display().to_string(),
                result: Err(message),
                excluded: false,
            };
        }
        Job::Entry(Entry::Excluded(path)) => {
            return FileOutcome {
                path: path.display().to_string(),
                result: Err(EXCLUDED.to_owned()),
                excluded: true,
            };
        }
        Job::Entry(Entry::File(p)) => {
            let text = input::read_file(&p, opts.max_file_size);
            (p.display().to_string(), text)
        }
        Job::Text { name, text } => (name, text),
    };
    let result = match text {
        Ok(text) => {
            let human = (opts.format == OutputFormat::Human).then_some((path.as_str(), opts.color));
            Ok(check_one(
                settings,
                text,
                Format::from_path(Path::new(&path)),
                human,
            ))
        }
        Err(e) => Err(FileError::new(&path, &e).message),
    };
    FileOutcome {
        path,
        result,
        excluded: false,
    }
}

/// What is said of a file named explicitly that the config excludes.
pub const EXCLUDED: &str = "not checked: excluded by the config's `exclude` patterns";

/// Check every job and write the report to `out` (errors about unreadable files also go to
/// stderr in human output). Returns the exit code: 2 when an input could not be checked, 1 when
/// a finding is at or above the fail level, else 0.
///
/// The jobs are taken as they are needed, so an iterator that is still walking a folder lets
/// checking start on its first file. The progress bar's length is the jobs' exact size hint (a
/// `Vec`'s length); without one it counts with no end.
#[cfg(feature = "cli")]
pub fn run<J>(
    settings: &Settings,
    opts: &RunOptions,
    jobs: J,
    out: &mut (dyn Write + Send),
) -> io::Result<u8>
where
    J: IntoIterator<Item = Job>,
    J::IntoIter: Send,
{
    let jobs = jobs.into_iter();
    let bar = opts.progress.then(|| {
        let pb = indicatif::ProgressBar::with_draw_target(
            exact_len(&jobs),
            indicatif::ProgressDrawTarget::stderr(),
        );
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{spinner} checking {pos}/{len} files [{elapsed_precise}] {wide_bar} {eta}",
        ) {
            pb.set_style(style);
        }
        pb
    });
    let mut em = Emitter::new(settings, opts);
    let mut result = Ok(());
    // The bar is hidden while a file's report is written only when that can reach the
    // terminal (standard output is one, or the file failed and stderr gets a message): hiding
    // and redrawing it for every file made it flicker once per file.
    let stdout_terminal = bar.is_some() && io::stdout().is_terminal();
    ordered_map(
        jobs,
        |job| run_job(settings, opts, job),
        |outcome| {
            if let Some(pb) = &bar {
                pb.inc(1);
            }
            if result.is_ok() {
                result = match &bar {
                    Some(pb) if stdout_terminal || outcome.result.is_err() => {
                        pb.suspend(|| em.push(outcome, out))
                    }
                    _ => em.push(outcome, out),
                };
            }
        },
    );
    if let Some(pb) = bar {
        pb.finish_and_clear();
    }
    result?;
    em.finish(out)
}

/// The number of items left when the iterator knows it exactly.
#[cfg(feature = "cli")]
fn exact_len<I: Iterator>(it: &I) -> Option<u64> {
    match it.size_hint() {
        (lo, Some(hi)) if lo == hi => Some(lo as u64),
        _ => None,
    }
}

/// Collects outcomes in order and writes each format.
#[cfg(feature = "cli")]
struct Emitter<'a> {
    settings: &'a Settings,
    opts: &'a RunOptions,
    report: Report,
    quotes: QuoteStats,
    by_rule: HashMap<String, usize>,
    failing: bool,
    sarif: Vec<(String, Vec<Located>)>,
    /// JSON: the document's start is written; a file object is written.
    json_started: bool,
    json_any_file: bool,
}

#[cfg(feature = "cli")]
impl<'a> Emitter<'a> {
    fn new(settings: &'a Settings, opts: &'a RunOptions) -> Self {
        Emitter {
            settings,
            opts,
            report: Report {
                config: settings.config.as_ref().map(|p| p.display().to_string()),
                ..Report::default()
            },
            quotes: QuoteStats::default(),
            by_rule: HashMap::new(),
            failing: false,
            sarif: Vec::new(),
            json_started: false,
            json_any_file: false,
        }
    }

    /// JSON: write the document's start once.
    fn json_start(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if !self.json_started {
            out.write_all(Report::JSON_PREFIX.as_bytes())?;
            self.json_started = true;
        }
        Ok(())
    }

    fn push(&mut self, o: FileOutcome, out: &mut dyn Write) -> io::Result<()> {
        let fmt = self.opts.format;
        if o.excluded {
            match fmt {
                // Named on the command line, so said even without --verbose.
                OutputFormat::Human => {
                    eprintln!("note: {}: {EXCLUDED}", crate::report::visible(&o.path))
                }
                OutputFormat::Jsonl => {
                    #[derive(Serialize)]
                    struct Line<'x> {
                        path: &'x str,
                        excluded: bool,
                    }
                    let line = serde_json::to_string(&Line {
                        path: &o.path,
                        excluded: true,
                    })
                    .map_err(io::Error::other)?;
                    writeln!(out, "{line}")?;
                }
                OutputFormat::Github => {
                    let file = relative_uri_path(&o.path, &self.opts.cwd);
                    writeln!(out, "{}", github::file_notice(&file, EXCLUDED))?;
                }
                OutputFormat::Json | OutputFormat::Sarif => {}
            }
            self.report.excluded.push(o.path);
            return Ok(());
        }
        match o.result {
            Err(message) => {
                match fmt {
                    OutputFormat::Human => eprintln!(
                        "error: {}: {}",
                        crate::report::visible(&o.path),
                        crate::report::visible(&message)
                    ),
                    OutputFormat::Jsonl => {
                        #[derive(Serialize)]
                        struct Line<'x> {
                            path: &'x str,
                            error: &'x str,
                        }
                        let line = serde_json::to_string(&Line {
                            path: &o.path,
                            error: &message,
                        })
                        .map_err(io::Error::other)?;
                        writeln!(out, "{line}")?;
                        out.flush()?;
                    }
                    OutputFormat::Github => {
                        let file = relative_uri_path(&o.path, &self.opts.cwd);
                        writeln!(out, "{}", github::file_error(&file, &message))?;
                    }
                    OutputFormat::Json | OutputFormat::Sarif => {}
                }
                self.report.errors.push(FileError {
                    path: o.path,
                    message,
                });
            }
            Ok(c) => {
                self.report.summary.files += 1;
                self.quotes.add(c.quotes);
                for l in &c.findings {
                    let f = &l.finding;
                    self.report.summary.count(f.severity);
                    *self.by_rule.entry(f.rule.clone()).or_default() += 1;
                    if f.severity >= self.settings.fail_on && f.severity != Severity::Off {
                        self.failing = true;
                    }
                }
                match fmt {
                    OutputFormat::Human => out.write_all(c.human.as_bytes())?,
                    OutputFormat::Jsonl => {
                        #[derive(Serialize)]
                        struct Line<'x> {
                            path: &'x str,
                            findings: &'x [Located],
                        }
                        let line = serde_json::to_string(&Line {
                            path: &o.path,
                            findings: &c.findings,
                        })
                        .map_err(io::Error::other)?;
                        writeln!(out, "{line}")?;
                        out.flush()?;
                    }
                    OutputFormat::Github => {
                        let file = relative_uri_path(&o.path, &self.opts.cwd);
                        for l in &c.findings {
                            writeln!(out, "{}", github::annotation(&file, l))?;
                        }
                    }
                    OutputFormat::Json => {
                        // Streamed: a file's findings are written as soon as it is checked.
                        self.json_start(out)?;
                        let file = FileResult {
                            path: o.path,
                            findings: c.findings.into_iter().map(|l| l.finding).collect(),
                        };
                        let chunk = Report::json_file_chunk(&file, !self.json_any_file);
                        out.write_all(chunk.as_bytes())?;
                        self.json_any_file = true;
                    }
                    OutputFormat::Sarif => self.sarif.push((o.path, c.findings)),
                }
            }
        }
        Ok(())
    }

    fn finish(mut self, out: &mut dyn Write) -> io::Result<u8> {
        let code = if !self.report.errors.is_empty() {
            2
        } else if self.failing {
            1
        } else {
            0
        };
        match self.opts.format {
            OutputFormat::Human => {
                writeln!(out, "{}", self.report.summary_line())?;
                if self.opts.folder_summary {
                    out.write_all(folder_summary(&self.by_rule, self.quotes).as_bytes())?;
                }
            }
            OutputFormat::Json => {
                self.json_start(out)?;
                out.write_all(self.report.json_tail(self.json_any_file).as_bytes())?;
            }
            OutputFormat::Sarif => {
                let log = sarif::log(
                    &self.settings.rules,
                    &self.sarif,
                    &self.report.errors,
                    &self.opts.cwd,
                    &sarif::RunInfo {
                        config: self.report.config.as_deref(),
                        excluded: &self.report.excluded,
                    },
                );
                out.write_all(sarif::to_string(&log).as_bytes())?;
            }
            OutputFormat::Jsonl | OutputFormat::Github => {}
        }
        out.flush()?;
        Ok(code)
    }
}

/// The closing lines of a human folder run: the rules that fired most and where the quotes
/// come from.
pub fn folder_summary(by_rule: &HashMap<String, usize>, q: QuoteStats) -> String {
    let mut rules: Vec<(&String, &usize)> = by_rule.iter().collect();
    rules.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
    let mut out = String::new();
    if !rules.is_empty() {
        let top: Vec<String> = rules
            .iter()
            .take(5)
            .map(|(r, n)| format!("{r} {n}"))
            .collect();
        out.push_str(&format!("top rules: {}\n", top.join(", ")));
    }
    if q.attributed > 0 {
        out.push_str(&format!(
            "quotes: {} ({} attributed); {} of the attributed ({:.1}%) from anonymous or vague sources\n",
            q.quotes,
            q.attributed,
            q.anonymous_or_vague,
            100.0 * q.anonymous_or_vague as f64 / q.attributed as f64
        ));
    } else {
        out.push_str(&format!("quotes: {} (none attributed)\n", q.quotes));
    }
    out
}

/// A reported path made relative to `cwd` when it lies inside it, with `/` separators and no
/// leading `./` (absolute paths elsewhere stay absolute).
pub fn relative_uri_path(path: &str, cwd: &Path) -> String {
    let p = Path::new(path);
    if p.is_absolute() {
        let abs = crate::exclude::normalize(p);
        let cwd = crate::exclude::normalize(cwd);
        if let Ok(rel) = abs.strip_prefix(&cwd) {
            return crate::exclude::slash(rel);
        }
        return crate::exclude::slash(&abs);
    }
    crate::exclude::slash(p)
}

/// Every bundled and loaded rule that is on, for SARIF's rule list.
pub fn active_rules(set: &RuleSet) -> impl Iterator<Item = &crate::rules::Rule> {
    set.rules.iter().filter(|r| r.severity != Severity::Off)
}

/// Output formats of `attrib quotes`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuotesFormat {
    /// The human table, cut to this many columns.
    Human(usize),
    /// The contract's JSON document.
    Json,
    /// One CSV row per quote and attribution.
    Csv,
}

/// List the quotes of every job and write them to `out`, streaming: files are analysed in
/// parallel, and each file's part of the output is rendered by its worker and written in path
/// order as soon as every earlier file's is, so memory is bounded by the workers, not the
/// number of files. The JSON document is written piece by piece and has the same bytes as
/// `serde_json::to_string_pretty` of the whole [`QuotesJson`](crate::report::quotes::QuotesJson).
/// An input that cannot be read is reported on stderr (`error: ...`) and the rest go on.
/// The jobs are taken as they are needed, as in [`run`].
/// Returns 2 when some input could not be read, else 0.
#[cfg(feature = "cli")]
pub fn run_quotes<J>(
    jobs: J,
    format: QuotesFormat,
    max_file_size: u64,
    out: &mut (dyn Write + Send),
) -> io::Result<u8>
where
    J: IntoIterator<Item = Job>,
    J::IntoIter: Send,
{
    use crate::report::quotes as rq;
    match format {
        QuotesFormat::Json => out.write_all(rq::JSON_PREFIX.as_bytes())?,
        QuotesFormat::Csv => out.write_all(rq::CSV_HEADER.as_bytes())?,
        QuotesFormat::Human(_) => {}
    }
    let render = |job: Job| -> Result<FileQuotesPart, Error> {
        let (path, text) = match job {
            Job::Entry(Entry::Error { path, message }) => {
                return Err(Error::Io {
                    path,
                    source: io::Error::other(message),
                });
            }
            Job::Entry(Entry::Excluded(p)) => {
                return Ok(FileQuotesPart::Excluded(p.display().to_string()));
            }
            Job::Entry(Entry::File(p)) => {
                let text = input::read_file(&p, max_file_size)?;
                (p.display().to_string(), text)
            }
            Job::Text { name, text } => {
                let text = text?;
                (name, text)
            }
        };
        let a = Analysis::new(text, Format::from_path(Path::new(&path)));
        let fq = rq::file_quotes(&path, &a);
        drop(a);
        let part = match format {
            // The separator depends on the files before it, so JSON is rendered without it
            // here and the sink adds it.
            QuotesFormat::Json => FileQuotesPart::Json(rq::json_file_chunk(&fq, true)),
            QuotesFormat::Csv => FileQuotesPart::Text(rq::csv_rows(std::slice::from_ref(&fq))),
            QuotesFormat::Human(w) => FileQuotesPart::Text(rq::human(std::slice::from_ref(&fq), w)),
        };
        Ok(part)
    };
    let mut failed = false;
    let mut any_file = false;
    let mut result = Ok(());
    ordered_map(jobs.into_iter(), render, |r| {
        if result.is_err() {
            return;
        }
        result = match r {
            Err(e) => {
                eprintln!("error: {}", crate::report::visible(&e.to_string()));
                failed = true;
                Ok(())
            }
            Ok(FileQuotesPart::Excluded(p)) => {
                eprintln!("note: {}: {EXCLUDED}", crate::report::visible(&p));
                Ok(())
            }
            Ok(FileQuotesPart::Text(s)) => out.write_all(s.as_bytes()),
            Ok(FileQuotesPart::Json(s)) => {
                // The chunk was rendered as the first file: "\n    {...".
                let w = if any_file {
                    out.write_all(b",")
                        .and_then(|()| out.write_all(s.as_bytes()))
                } else {
                    out.write_all(s.as_bytes())
                };
                any_file = true;
                w
            }
        };
    });
    result?;
    if format == QuotesFormat::Json {
        out.write_all(rq::json_suffix(any_file).as_bytes())?;
    }
    out.flush()?;
    Ok(if failed { 2 } else { 0 })
}

/// One file's rendered part of the `quotes` output.
#[cfg(feature = "cli")]
enum FileQuotesPart {
    /// A JSON object chunk as rendered for the first file (leading newline, no comma).
    Json(String),
    /// Human or CSV text.
    Text(String),
    /// A file named explicitly that the config excludes (its path).
    Excluded(String),
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn a_panic_in_a_worker_ends_the_run_instead_of_hanging_it() {
        // The first item panics after the others have filled the waiting room.
        let r = std::panic::catch_unwind(|| {
            ordered_map(
                0..1_000usize,
                |i| {
                    if i == 0 {
                        std::thread::sleep(std::time::Duration::from_millis(50));
                        panic!("item 0");
                    }
                    i
                },
                |_| {},
            )
        });
        assert!(r.is_err());
    }

    #[test]
    fn ordered_map_keeps_order_and_bounds_the_results_waiting() {
        let delivered = AtomicUsize::new(0);
        let ahead = AtomicUsize::new(0);
        let mut seen = Vec::new();
        ordered_map(
            0..2_000usize,
            |i| {
                // The first item is slow, so every later one finishes before it.
                if i == 0 {
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
                ahead.fetch_max(i - delivered.load(Ordering::SeqCst), Ordering::SeqCst);
                i * 2
            },
            |r| {
                seen.push(r);
                delivered.fetch_add(1, Ordering::SeqCst);
            },
        );
        assert_eq!(seen, (0..2_000).map(|i| i * 2).collect::<Vec<_>>());
        // Items started past the one due next: the waiting results plus one per worker.
        assert!(ahead.into_inner() <= MAX_PENDING + rayon::current_num_threads());
    }
}
