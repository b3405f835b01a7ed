//! PolNeAR evaluation: how many of the quotations annotated in the PolNeAR corpus (Newell,
//! Margolin and Ruths, LREC 2018: 1,008 US election news articles with source, cue and content
//! spans in BRAT standoff) attrib finds, and whether it names their speakers.
//!
//! ## How to run
//!
//! ```sh
//! git clone https://github.com/networkdynamics/PolNeAR /tmp/PolNeAR
//! cargo run --release --example polnear -- /tmp/PolNeAR                  # dev split
//! cargo run --release --example polnear -- /tmp/PolNeAR --split train
//! cargo run --release --example polnear -- /tmp/PolNeAR --verbose     # + misses, wrong speakers
//! ```
//!
//! Options: `--split dev|train` (default `dev`; several may be given), `--verbose` (a sample of
//! the misses and wrong speakers, and their causes, on the terminal; never commit it: it quotes
//! the articles), `--sample N` (size of that sample, default 15 of each). With no path, or a path
//! without `data/<split>/text` and `data/<split>/attributions`, it says so and exits 0. The
//! `test` split is refused: PolNeAR asks that it be kept for a final measurement, so this program
//! never opens it.
//!
//! ## What is scored
//!
//! - Articles are read as plain text (`Format::Text`). They are UTF-8 without a BOM, but about one
//!   in fifteen carries scraped `<tweet …>`/`</tweet>`/`<a …>` tags; their bytes are blanked to
//!   spaces (offsets unchanged) so the attribute values' quotation marks are not read as quotes.
//! - BRAT offsets are character offsets; they are mapped to byte offsets. An article annotated by
//!   several annotators is scored on the alphabetically first annotator's file. Content and
//!   Content2 spans are one content. An attribution whose source is a lone speech verb ("said")
//!   has its source and cue labels swapped (a handful per split): they are swapped back.
//! - Quotation marks are read from the text, paragraph by paragraph: curly “ ” and ‘ ’ (a ’ that
//!   closes must not be followed by a letter), straight " (toggles), and the NYT's `''` … `''` and
//!   ``` `` ``` … `''`. Straight ' is never a mark here. A double quote left open at the end of
//!   a paragraph runs to its end (the multi-paragraph convention); a single one is dropped.
//! - A quoted segment belongs to the attribution whose content spans overlap it most, when that
//!   overlap is at least half the segment's characters or half the content's.
//! - An attribution whose content is wholly quotation (nothing but marks, spaces and punctuation
//!   outside its segments) gives one **direct** item per segment, with its source. One whose
//!   content has other words (a reported clause with quoted words) is one **mixed** item.
//!   Attributions with no segment are not items.
//! - A direct item is found by one attrib quote of kind direct or partial covering more than 30%
//!   of its characters, one-to-one (best coverage first). A term quote never finds an item. A
//!   mixed item is found when at least one partial quote has at least half its characters inside
//!   the content (several count once); a direct-kind quote inside it is neither a match nor a
//!   false positive (counted apart as a kind disagreement).
//! - Precision: every attrib quote of kind direct or partial that matches no item is a false
//!   positive; the direct-kind ones inside mixed items are left out. The direct row's precision
//!   is the quotes matched to direct items over those counted less the ones matched to mixed
//!   items; the direct+mixed row's is the quotes matched to any item over those counted.
//! - The speaker is right when attrib's speaker span overlaps the gold source span, or when the
//!   resolved name (`refers_to`, or the speaker's words) and the gold source's words, folded to
//!   lower case with a leading article dropped, contain one another as whole words, or share a
//!   surname (the last capitalised word of either, not a title or pronoun, is a capitalised word
//!   of the other). Accuracy is over found items whose attribution has a source; for a mixed item
//!   the first fragment's speaker is scored. A gold source that is a pronoun ("he", "who") is
//!   matched by its span or the same word: nothing here resolves it.
//! - `--verbose` sorts the misses and wrong speakers into causes by rough heuristics (a party tag
//!   in the paragraph, a dash after the quote, the speaker's first word): a guide for reading, not
//!   a measurement.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use attrib::analysis::Analysis;
use attrib::input::Format;
use attrib::quotes::QuoteKind;
use rayon::prelude::*;

const USAGE: &str = "usage: cargo run --release --example polnear -- <PolNeAR checkout> \
                     [--split dev|train]... [--verbose] [--sample N]";

fn main() -> ExitCode {
    let mut root: Option<PathBuf> = None;
    let mut splits: Vec<String> = Vec::new();
    let mut verbose = false;
    let mut sample = 15usize;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--verbose" | "-v" => verbose = true,
            "--split" => match args.next() {
                Some(s) => splits.push(s),
                None => return usage_error("--split needs a value"),
            },
            "--sample" => match args.next().and_then(|n| n.parse().ok()) {
                Some(n) => sample = n,
                None => return usage_error("--sample needs a number"),
            },
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            s if s.starts_with("--split=") => splits.push(s["--split=".len()..].to_string()),
            s if s.starts_with('-') => return usage_error(&format!("unknown option {s}")),
            _ if root.is_some() => return usage_error("one PolNeAR path only"),
            _ => root = Some(PathBuf::from(a)),
        }
    }
    if splits.is_empty() {
        splits.push("dev".into());
    }
    for s in &splits {
        match s.as_str() {
            "dev" | "train" => {}
            "test" => {
                eprintln!(
                    "polnear: refusing the test split: PolNeAR asks that it be kept for a final \
                     measurement. Use --split dev or --split train."
                );
                return ExitCode::from(2);
            }
            other => return usage_error(&format!("unknown split {other:?} (dev or train)")),
        }
    }
    let Some(root) = root else {
        println!("polnear: no PolNeAR path given; nothing to evaluate.\n{USAGE}");
        println!("(get the corpus with: git clone https://github.com/networkdynamics/PolNeAR)");
        return ExitCode::SUCCESS;
    };
    for split in &splits {
        let text_dir = root.join("data").join(split).join("text");
        let ann_dir = root.join("data").join(split).join("attributions");
        if !text_dir.is_dir() || !ann_dir.is_dir() {
            println!(
                "polnear: no PolNeAR {split} split at {} (expected {} and {}); nothing to \
                 evaluate.",
                root.display(),
                text_dir.display(),
                ann_dir.display()
            );
            continue;
        }
        match run_split(split, &text_dir, &ann_dir, verbose, sample) {
            Ok(()) => {}
            Err(e) => {
                eprintln!("polnear: {split}: {e}");
                return ExitCode::from(2);
            }
        }
    }
    ExitCode::SUCCESS
}

fn usage_error(msg: &str) -> ExitCode {
    eprintln!("polnear: {msg}\n{USAGE}");
    ExitCode::from(2)
}

/// One article: its name, text and chosen annotation file.
struct ArticleFiles {
    name: String,
    text: PathBuf,
    ann: PathBuf,
    annotators: usize,
}

/// Pair each article text with its annotation files (`<name>_<annotator>.ann`), the first
/// annotator's alphabetically.
fn list_articles(text_dir: &Path, ann_dir: &Path) -> std::io::Result<Vec<ArticleFiles>> {
    let mut anns: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    for e in std::fs::read_dir(ann_dir)? {
        let p = e?.path();
        let Some(stem) = p
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".ann"))
        else {
            continue;
        };
        if let Some((name, _annotator)) = stem.rsplit_once('_') {
            anns.entry(name.to_string()).or_default().push(p.clone());
        }
    }
    let mut out = Vec::new();
    for e in std::fs::read_dir(text_dir)? {
        let p = e?.path();
        let Some(name) = p
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".txt"))
        else {
            continue;
        };
        let Some(list) = anns.get_mut(name) else {
            continue;
        };
        list.sort();
        out.push(ArticleFiles {
            name: name.to_string(),
            text: p.clone(),
            ann: list[0].clone(),
            annotators: list.len(),
        });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// A byte range of the article text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct R {
    start: usize,
    end: usize,
}

impl R {
    fn overlap(self, o: R) -> Option<R> {
        let (s, e) = (self.start.max(o.start), self.end.min(o.end));
        (s < e).then_some(R { start: s, end: e })
    }
}

/// Characters of `text` in `r`.
fn chars(text: &str, r: R) -> usize {
    text.get(r.start..r.end).map_or(0, |s| s.chars().count())
}

/// Characters of `text` in the overlap of `a` with any of `bs` (the `bs` do not overlap).
fn overlap_chars(text: &str, a: R, bs: &[R]) -> usize {
    bs.iter()
        .filter_map(|b| a.overlap(*b))
        .map(|r| chars(text, r))
        .sum()
}

/// One gold attribution: content and source byte ranges.
#[derive(Debug, Default)]
struct GoldAttr {
    content: Vec<R>,
    source: Vec<R>,
    cue: Vec<R>,
}

/// Parse a BRAT `.ann` file: text-bound annotations (`T`) and attribution events (`E`). Offsets
/// are characters; `byte` maps a character index to a byte offset.
fn parse_ann(ann: &str, text: &str, byte: &[usize]) -> Result<(Vec<GoldAttr>, usize), String> {
    let mut spans: BTreeMap<&str, Vec<R>> = BTreeMap::new();
    let mut events: Vec<&str> = Vec::new();
    for line in ann.lines() {
        let mut f = line.split('\t');
        let (Some(id), Some(body)) = (f.next(), f.next()) else {
            continue; // the continuation of a span text that holds a newline
        };
        if id.starts_with('T') {
            let Some((_kind, ranges)) = body.split_once(' ') else {
                continue;
            };
            let mut rs = Vec::new();
            for part in ranges.split(';') {
                let mut n = part.split_whitespace().map(|x| x.parse::<usize>());
                let (Some(Ok(s)), Some(Ok(e))) = (n.next(), n.next()) else {
                    return Err(format!("bad span {line:?}"));
                };
                let (Some(&s), Some(&e)) = (byte.get(s), byte.get(e)) else {
                    return Err(format!("span past the end of the text: {line:?}"));
                };
                rs.push(R { start: s, end: e });
            }
            spans.insert(id, rs);
        } else if id.starts_with('E') {
            events.push(body);
        }
    }
    let mut out = Vec::new();
    let mut swapped = 0;
    for body in events {
        let mut g = GoldAttr::default();
        for arg in body.split_whitespace() {
            let Some((role, id)) = arg.split_once(':') else {
                continue;
            };
            let rs = spans.get(id).cloned().unwrap_or_default();
            if role.starts_with("Content") {
                g.content.extend(rs);
            } else if role.starts_with("Source") {
                g.source.extend(rs);
            } else if role.starts_with("Cue") {
                g.cue.extend(rs);
            }
        }
        g.content.sort_by_key(|r| r.start);
        g.source.sort_by_key(|r| r.start);
        g.cue.sort_by_key(|r| r.start);
        // Source and cue labels swapped: the "source" is the speech verb ("said") and the
        // "cue" the speaker's name.
        if let [r] = g.source[..]
            && listed(SPEECH_VERBS, text[r.start..r.end].trim())
            && !g.cue.is_empty()
        {
            std::mem::swap(&mut g.source, &mut g.cue);
            swapped += 1;
        }
        if !g.content.is_empty() {
            out.push(g);
        }
    }
    Ok((out, swapped))
}

/// Speech verbs that, labelled as the source, show a swapped source and cue.
const SPEECH_VERBS: &str = "said says say told tells added adds asked asks wrote writes \
     explained stated noted continued";

/// Which marks a gold quoted segment has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Marks {
    Curly,
    Straight,
    TwoApostrophes,
    Single,
}

/// A quoted segment read from the text: `outer` with the marks, `inner` between them.
#[derive(Clone, Copy, Debug)]
struct Seg {
    outer: R,
    inner: R,
    marks: Marks,
}

/// The quoted segments of `text`, paragraph (line) by paragraph.
fn quoted_segments(text: &str) -> Vec<Seg> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let line_end = line_start + line.trim_end_matches(['\n', '\r']).len();
        scan_line(text, line_start, line_end, &mut out);
        line_start += line.len();
    }
    out
}

fn scan_line(text: &str, from: usize, to: usize, out: &mut Vec<Seg>) {
    // The open segment: (start of the opening mark, its end, marks, double?).
    let mut open: Option<(usize, usize, Marks, bool)> = None;
    let mut push = |open: (usize, usize, Marks, bool), close: usize, close_end: usize| {
        let (os, oe, marks, _) = open;
        if oe < close {
            out.push(Seg {
                outer: R {
                    start: os,
                    end: close_end,
                },
                inner: R {
                    start: oe,
                    end: close,
                },
                marks,
            });
        }
    };
    let s = &text[from..to];
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        let at = from + i;
        let next = s[i + c.len_utf8()..].chars().next();
        let prev = s[..i].chars().next_back();
        match c {
            '“' => {
                if let Some(o) = open.take() {
                    if o.3 {
                        push(o, at, at); // an unclosed one before a new opening
                    } else {
                        open = Some(o);
                        continue;
                    }
                }
                open = Some((at, at + 3, Marks::Curly, true));
            }
            '”' => {
                if let Some(o) = open.filter(|o| o.3) {
                    push(o, at, at + 3);
                    open = None;
                }
            }
            '"' => match open {
                Some(o) if o.3 => {
                    push(o, at, at + 1);
                    open = None;
                }
                Some(_) => {}
                None => open = Some((at, at + 1, Marks::Straight, true)),
            },
            '\'' | '`' if next == Some(c) => {
                it.next();
                match open {
                    Some(o) if o.3 && c == '\'' => {
                        push(o, at, at + 2);
                        open = None;
                    }
                    Some(o) if !o.3 => {
                        // A double quote opening inside a single one: the single was an
                        // apostrophe after all.
                        open = Some((at, at + 2, Marks::TwoApostrophes, true));
                        let _ = o;
                    }
                    Some(_) => {}
                    None => open = Some((at, at + 2, Marks::TwoApostrophes, true)),
                }
            }
            '‘' if open.is_none() && !prev.is_some_and(char::is_alphanumeric) => {
                open = Some((at, at + 3, Marks::Single, false));
            }
            '’' => {
                if let Some(o) = open.filter(|o| !o.3)
                    && !next.is_some_and(char::is_alphanumeric)
                    && !prev.is_some_and(char::is_whitespace)
                {
                    push(o, at, at + 3);
                    open = None;
                }
            }
            _ => {}
        }
    }
    if let Some(o) = open.filter(|o| o.3) {
        push(o, to, to); // the multi-paragraph convention: runs to the paragraph's end
    }
}

/// A gold item: a direct quote (one segment) or a mixed content (its segments).
#[derive(Debug)]
struct Item {
    mixed: bool,
    /// The direct quote's inner range, or the mixed content's ranges.
    ranges: Vec<R>,
    /// The segments (with marks) the item holds.
    segs: Vec<Seg>,
    attr: usize,
}

/// The gold items of an article.
fn gold_items(text: &str, attrs: &[GoldAttr], segs: &[Seg]) -> Vec<Item> {
    let mut by_attr: Vec<Vec<Seg>> = vec![Vec::new(); attrs.len()];
    for s in segs {
        let n = chars(text, s.inner).max(1);
        let best = attrs
            .iter()
            .enumerate()
            .map(|(i, a)| (overlap_chars(text, s.inner, &a.content), i))
            .max_by_key(|&(o, i)| (o, std::cmp::Reverse(i)));
        let Some((o, i)) = best else { continue };
        let content_chars: usize = attrs[i].content.iter().map(|r| chars(text, *r)).sum();
        if o > 0 && (2 * o >= n || 2 * o >= content_chars.max(1)) {
            by_attr[i].push(*s);
        }
    }
    let mut items = Vec::new();
    for (i, (a, ss)) in attrs.iter().zip(by_attr).enumerate() {
        if ss.is_empty() {
            continue;
        }
        // Words of the content outside every segment make it a reported clause.
        let residue = a.content.iter().any(|r| {
            text[r.start..r.end].char_indices().any(|(k, c)| {
                let at = r.start + k;
                c.is_alphanumeric() && !segs.iter().any(|s| s.outer.start <= at && at < s.outer.end)
            })
        });
        if residue {
            items.push(Item {
                mixed: true,
                ranges: a.content.clone(),
                segs: ss,
                attr: i,
            });
        } else {
            for s in ss {
                items.push(Item {
                    mixed: false,
                    ranges: vec![s.inner],
                    segs: vec![s],
                    attr: i,
                });
            }
        }
    }
    items.sort_by_key(|it| it.ranges[0].start);
    items
}

/// The text of an article prepared for attrib, and the map from characters to bytes.
struct Prepared {
    text: String,
    byte: Vec<usize>,
    tags: usize,
}

/// Map characters to bytes, and blank a BOM and the scraped `<tweet…>`/`<a …>` tags to spaces.
fn prepare(raw: String) -> Prepared {
    let mut byte: Vec<usize> = raw.char_indices().map(|(b, _)| b).collect();
    byte.push(raw.len());
    let mut blank: Vec<R> = Vec::new();
    if raw.starts_with('\u{feff}') {
        blank.push(R { start: 0, end: 3 });
    }
    let mut at = 0;
    while let Some(p) = raw[at..].find('<') {
        let s = at + p;
        at = s + 1;
        let rest = &raw[s + 1..];
        let tag = ["tweet ", "tweet>", "tweet/", "/tweet>", "a ", "/a>"]
            .iter()
            .any(|t| rest.starts_with(t));
        if !tag {
            continue;
        }
        let Some(e) = raw[s..].find('>') else {
            continue;
        };
        // A tag does not run over a paragraph.
        if raw[s..s + e].contains('\n') {
            continue;
        }
        blank.push(R {
            start: s,
            end: s + e + 1,
        });
        at = s + e + 1;
    }
    let tags = blank.len();
    let mut text = raw;
    if !blank.is_empty() {
        let mut b = std::mem::take(&mut text).into_bytes();
        for r in &blank {
            b[r.start..r.end].fill(b' ');
        }
        text = String::from_utf8(b).expect("blanking whole characters keeps UTF-8");
    }
    Prepared { text, byte, tags }
}

/// Why a gold item was missed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Miss {
    HeadlineSingle,
    NoQuote,
    TermTitle,
    TermOnly,
    SmallOverlap,
    TakenByAnother,
    MixedDirectOnly,
    MixedNoPartial,
}

impl Miss {
    fn describe(self) -> &'static str {
        match self {
            Miss::HeadlineSingle => "no attrib quote: single marks ‘…’ (headlines)",
            Miss::NoQuote => "no attrib quote overlaps it",
            Miss::TermTitle => "attrib read it as a term, and it is a title or name",
            Miss::TermOnly => "attrib read it as a term (a quoted phrase)",
            Miss::SmallOverlap => "attrib quotes cover 30% or less of it",
            Miss::TakenByAnother => "its attrib quote matched another item (quotes run together)",
            Miss::MixedDirectOnly => "attrib quotes inside are direct, none partial",
            Miss::MixedNoPartial => "no partial quote inside",
        }
    }
}

/// Why a speaker was wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum SpeakerErr {
    NonePartyTag,
    NoneDash,
    None,
    NotNounPhrase,
    PronounResolved,
    InsideContent,
    GoldPronoun,
    GoldElsewhere,
    OtherSentence,
    OtherInSentence,
}

impl SpeakerErr {
    fn describe(self) -> &'static str {
        match self {
            SpeakerErr::NonePartyTag => {
                "no speaker: the name has a party tag, (R-Utah) or , R-Ky.,"
            }
            SpeakerErr::NoneDash => "no speaker: attribution after a dash (“…” ― Name)",
            SpeakerErr::None => "no speaker: other",
            SpeakerErr::NotNounPhrase => {
                "speaker not a noun phrase (sentence opener, bare article, clause fragment)"
            }
            SpeakerErr::PronounResolved => "speaker a pronoun resolved to the wrong antecedent",
            SpeakerErr::InsideContent => {
                "speaker taken from inside the reported content (nested \"what X called\")"
            }
            SpeakerErr::GoldPronoun => "gold source a pronoun, attrib names someone else",
            SpeakerErr::GoldElsewhere => "gold source in another sentence than the quote",
            SpeakerErr::OtherSentence => "speaker taken from another sentence",
            SpeakerErr::OtherInSentence => "speaker other words of the quote's sentence",
        }
    }
}

/// Counts for one split.
#[derive(Default)]
struct Tally {
    articles: usize,
    multi_annotated: usize,
    tags: usize,
    swapped: usize,
    direct: usize,
    mixed: usize,
    direct_found: usize,
    mixed_found: usize,
    mixed_found_any: usize,
    reported: usize,
    matched_direct: usize,
    matched_mixed: usize,
    inside_mixed_direct_kind: usize,
    direct_sp: (usize, usize),
    mixed_sp: (usize, usize),
    no_source_found: usize,
    misses: Vec<(Miss, bool, String)>,
    wrong: Vec<(SpeakerErr, String)>,
    fp: Vec<String>,
    view_mismatch: usize,
}

impl Tally {
    fn add(&mut self, o: Tally) {
        self.articles += o.articles;
        self.multi_annotated += o.multi_annotated;
        self.tags += o.tags;
        self.swapped += o.swapped;
        self.direct += o.direct;
        self.mixed += o.mixed;
        self.direct_found += o.direct_found;
        self.mixed_found += o.mixed_found;
        self.mixed_found_any += o.mixed_found_any;
        self.reported += o.reported;
        self.matched_direct += o.matched_direct;
        self.matched_mixed += o.matched_mixed;
        self.inside_mixed_direct_kind += o.inside_mixed_direct_kind;
        self.direct_sp.0 += o.direct_sp.0;
        self.direct_sp.1 += o.direct_sp.1;
        self.mixed_sp.0 += o.mixed_sp.0;
        self.mixed_sp.1 += o.mixed_sp.1;
        self.no_source_found += o.no_source_found;
        self.misses.extend(o.misses);
        self.wrong.extend(o.wrong);
        self.fp.extend(o.fp);
        self.view_mismatch += o.view_mismatch;
    }
}

fn run_split(
    split: &str,
    text_dir: &Path,
    ann_dir: &Path,
    verbose: bool,
    sample: usize,
) -> Result<(), String> {
    let t0 = Instant::now();
    let files = list_articles(text_dir, ann_dir).map_err(|e| e.to_string())?;
    if files.is_empty() {
        println!(
            "polnear: no annotated articles in {}; nothing to evaluate.",
            text_dir.display()
        );
        return Ok(());
    }
    let results: Vec<Result<Tally, String>> = files.par_iter().map(score_article).collect();
    let mut t = Tally::default();
    for r in results {
        t.add(r?);
    }
    let secs = t0.elapsed().as_secs_f64();
    print_table(split, &t, secs);
    if verbose {
        print_verbose(&t, sample);
    }
    Ok(())
}

fn score_article(f: &ArticleFiles) -> Result<Tally, String> {
    let bytes = std::fs::read(&f.text).map_err(|e| format!("{}: {e}", f.text.display()))?;
    let raw = String::from_utf8(bytes).map_err(|_| format!("{}: not UTF-8", f.text.display()))?;
    let ann = std::fs::read_to_string(&f.ann).map_err(|e| format!("{}: {e}", f.ann.display()))?;
    let p = prepare(raw);
    let (attrs, swapped) =
        parse_ann(&ann, &p.text, &p.byte).map_err(|e| format!("{}: {e}", f.ann.display()))?;
    let text = p.text.as_str();
    let segs = quoted_segments(text);
    let items = gold_items(text, &attrs, &segs);

    let a = Analysis::new(p.text.clone(), Format::Text);
    let mut t = Tally {
        articles: 1,
        multi_annotated: usize::from(f.annotators > 1),
        tags: p.tags,
        swapped,
        view_mismatch: usize::from(a.doc.text != p.text),
        ..Tally::default()
    };
    let quotes: Vec<(usize, R, QuoteKind)> = a
        .quotes
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let r = R {
                start: q.quote.inner.start,
                end: q.quote.inner.end,
            };
            (i, r, q.kind)
        })
        .collect();
    let reported: Vec<&(usize, R, QuoteKind)> = quotes
        .iter()
        .filter(|(_, _, k)| *k != QuoteKind::Term)
        .collect();
    t.reported = reported.len();

    // Direct items: one-to-one, best coverage first.
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (ii, it) in items.iter().enumerate().filter(|(_, it)| !it.mixed) {
        let n = chars(text, it.ranges[0]).max(1) as f64;
        for &&(qi, r, _) in &reported {
            let o = overlap_chars(text, r, &it.ranges) as f64 / n;
            if o > 0.3 {
                pairs.push((o, ii, qi));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut item_quote: Vec<Option<usize>> = vec![None; items.len()];
    let mut quote_used = vec![false; a.quotes.len()];
    for (_, ii, qi) in pairs {
        if item_quote[ii].is_none() && !quote_used[qi] {
            item_quote[ii] = Some(qi);
            quote_used[qi] = true;
            t.matched_direct += 1;
        }
    }
    // Mixed items: the partial quotes lying inside; direct ones inside are set apart.
    let mut mixed_quotes: Vec<Vec<usize>> = vec![Vec::new(); items.len()];
    let mut direct_inside: Vec<bool> = vec![false; items.len()];
    for (ii, it) in items.iter().enumerate().filter(|(_, it)| it.mixed) {
        for &&(qi, r, k) in &reported {
            if quote_used[qi] {
                continue;
            }
            let n = chars(text, r).max(1);
            if 2 * overlap_chars(text, r, &it.ranges) < n {
                continue;
            }
            quote_used[qi] = true;
            if k == QuoteKind::Partial {
                mixed_quotes[ii].push(qi);
                t.matched_mixed += 1;
            } else {
                direct_inside[ii] = true;
                t.inside_mixed_direct_kind += 1;
            }
        }
        item_quote[ii] = mixed_quotes[ii].first().copied();
    }

    let name = &f.name;
    for (ii, it) in items.iter().enumerate() {
        let g = &attrs[it.attr];
        if it.mixed {
            t.mixed += 1;
            t.mixed_found_any += usize::from(item_quote[ii].is_some() || direct_inside[ii]);
        } else {
            t.direct += 1;
        }
        let Some(qi) = item_quote[ii] else {
            let why = miss_reason(text, it, &quotes, &quote_used, direct_inside[ii]);
            t.misses
                .push((why, it.mixed, describe_item(name, text, it, g)));
            continue;
        };
        if it.mixed {
            t.mixed_found += 1;
        } else {
            t.direct_found += 1;
        }
        if g.source.is_empty() {
            t.no_source_found += 1;
            continue;
        }
        let q = &a.quotes[qi];
        let right = speaker_right(text, g, q.speaker.as_ref());
        let sp = if it.mixed {
            &mut t.mixed_sp
        } else {
            &mut t.direct_sp
        };
        sp.1 += 1;
        if right {
            sp.0 += 1;
            continue;
        }
        let err = speaker_error(&a, text, g, it, q.speaker.as_ref());
        let said = q
            .speaker
            .as_ref()
            .map_or("-".to_string(), |s| match s.refers_to.as_deref() {
                Some(r) if r != s.text => format!("{} → {r}", s.text),
                _ => s.text.clone(),
            });
        t.wrong.push((
            err,
            format!("{} | attrib: {said}", describe_item(name, text, it, g),),
        ));
    }
    for &&(qi, r, k) in &reported {
        if !quote_used[qi] {
            t.fp.push(format!(
                "{name}:{} {:?} {}",
                line_of(text, r.start),
                k,
                short(&text[r.start..r.end], 70)
            ));
        }
    }
    Ok(t)
}

fn miss_reason(
    text: &str,
    it: &Item,
    quotes: &[(usize, R, QuoteKind)],
    used: &[bool],
    direct_inside: bool,
) -> Miss {
    let over: Vec<&(usize, R, QuoteKind)> = quotes
        .iter()
        .filter(|(_, r, _)| overlap_chars(text, *r, &it.ranges) > 0)
        .collect();
    if it.mixed && direct_inside {
        return Miss::MixedDirectOnly;
    }
    if over.is_empty() {
        return if it.segs.iter().all(|s| s.marks == Marks::Single) {
            Miss::HeadlineSingle
        } else {
            Miss::NoQuote
        };
    }
    if over.iter().all(|(_, _, k)| *k == QuoteKind::Term) {
        // Every quoted word capitalised (or a number): a title or a name.
        let title = it.segs.iter().all(|s| {
            text[s.inner.start..s.inner.end]
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty() && !MINOR.contains(w))
                .all(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()))
        });
        return if title {
            Miss::TermTitle
        } else {
            Miss::TermOnly
        };
    }
    if it.mixed {
        return Miss::MixedNoPartial;
    }
    let n = chars(text, it.ranges[0]).max(1) as f64;
    let big = over.iter().any(|(qi, r, k)| {
        *k != QuoteKind::Term && overlap_chars(text, *r, &it.ranges) as f64 / n > 0.3 && used[*qi]
    });
    if big {
        Miss::TakenByAnother
    } else {
        Miss::SmallOverlap
    }
}

/// Is `w` one of the words of `list` (a space-separated list)?
fn listed(list: &str, w: &str) -> bool {
    list.split_whitespace().any(|l| l == w)
}

/// Small words a title leaves lower case.
const MINOR: &[&str] = &[
    "a", "an", "the", "of", "and", "or", "in", "on", "to", "for", "at", "by", "with", "s", "t",
];

const TITLES: &str = "the a an he she they it we i you his her their mr mrs ms dr sen rep gov \
     president senator governor secretary jr sr former vice candidate nominee republican \
     democratic democrat gop u.s us ii iii chairman speaker mayor judge general director \
     spokesman spokeswoman campaign house white new";

/// The words of `s`, lower case, a leading article dropped.
fn fold_words(s: &str) -> Vec<String> {
    let mut w: Vec<String> = s
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
        .filter(|w| !w.is_empty())
        .map(|w| {
            let w = w.strip_suffix("'s").or(w.strip_suffix("’s")).unwrap_or(w);
            w.trim_end_matches(['\'', '’']).to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    if w.first()
        .is_some_and(|f| ["the", "a", "an"].contains(&f.as_str()))
    {
        w.remove(0);
    }
    w
}

/// Capitalised words of `s` that can be names (not titles, articles or pronouns), lower case.
fn name_words(s: &str) -> Vec<String> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '.'))
        .map(|w| w.trim_end_matches('.'))
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase) && w.chars().count() > 1)
        .map(str::to_lowercase)
        .filter(|w| !listed(TITLES, w))
        .collect()
}

fn contains_seq(hay: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

/// Does `name` (attrib's) name the gold source `gold`?
fn names_match(name: &str, gold: &str) -> bool {
    let (a, g) = (fold_words(name), fold_words(gold));
    if contains_seq(&a, &g) || contains_seq(&g, &a) {
        return true;
    }
    let (na, ng) = (name_words(name), name_words(gold));
    na.last().is_some_and(|l| ng.contains(l)) || ng.last().is_some_and(|l| na.contains(l))
}

fn gold_source_text(text: &str, g: &GoldAttr) -> String {
    g.source
        .iter()
        .map(|r| &text[r.start..r.end])
        .collect::<Vec<_>>()
        .join(" ")
}

fn speaker_right(text: &str, g: &GoldAttr, sp: Option<&attrib::sources::Source>) -> bool {
    let Some(s) = sp else { return false };
    let span = R {
        start: s.span.start,
        end: s.span.end,
    };
    if g.source.iter().any(|r| r.overlap(span).is_some()) {
        return true;
    }
    let gold = gold_source_text(text, g);
    names_match(s.refers_to.as_deref().unwrap_or(&s.text), &gold) || names_match(&s.text, &gold)
}

/// Words that open a sentence but never a speaker's noun phrase.
const OPENERS: &str = "after although though meanwhile once on in at following when while as but \
     and since before during then yet still so also later earlier instead however if \
     because until with without for from by to of about over under last next this that \
     these those there here now today yesterday well indeed moreover despite amid among \
     unlike like asked according denounce called";

const PRONOUNS: &[&str] = &[
    "he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "us", "me", "his", "who",
];

fn speaker_error(
    a: &Analysis,
    text: &str,
    g: &GoldAttr,
    it: &Item,
    sp: Option<&attrib::sources::Source>,
) -> SpeakerErr {
    let Some(s) = sp else {
        // The paragraph: a quote after the first one in it inherits the first one's speaker.
        let at = it.segs[0].inner.start;
        let para = R {
            start: text[..at].rfind('\n').map_or(0, |i| i + 1),
            end: text[at..].find('\n').map_or(text.len(), |i| at + i),
        };
        let tagged = ["(R-", "(D-", "(I-", ", R-", ", D-", ", I-"]
            .iter()
            .any(|t| text[para.start..para.end].contains(t));
        let after = text[it.segs[0].outer.end..].trim_start_matches([' ', ',', '.']);
        return if tagged {
            SpeakerErr::NonePartyTag
        } else if after.starts_with(['―', '—', '–', '-']) {
            SpeakerErr::NoneDash
        } else {
            SpeakerErr::None
        };
    };
    let q_sent = a.sentence_at(it.segs[0].inner.start);
    let words: Vec<String> = s.text.split_whitespace().map(str::to_lowercase).collect();
    let (first, last) = (
        words.first().map_or("", String::as_str),
        words.last().map_or("", String::as_str),
    );
    if listed(OPENERS, first)
        || first.starts_with(|c: char| c.is_ascii_digit())
        || (words.len() == 1 && ["the", "a", "an"].contains(&first))
        || (words.len() > 1 && ["was", "is", "be", "were", "are", "been", "had"].contains(&last))
    {
        return SpeakerErr::NotNounPhrase;
    }
    if words.len() == 1 && PRONOUNS.contains(&first) && s.refers_to.is_some() {
        return SpeakerErr::PronounResolved;
    }
    let span = R {
        start: s.span.start,
        end: s.span.end,
    };
    let hull = R {
        start: g.content.first().map_or(0, |r| r.start),
        end: g.content.last().map_or(0, |r| r.end),
    };
    if hull.start <= span.start && span.end <= hull.end {
        return SpeakerErr::InsideContent;
    }
    let gold = gold_source_text(text, g).to_lowercase();
    if PRONOUNS.contains(&gold.trim()) {
        return SpeakerErr::GoldPronoun;
    }
    if g.source
        .first()
        .is_some_and(|r| a.sentence_at(r.start) != q_sent)
    {
        return SpeakerErr::GoldElsewhere;
    }
    if a.sentence_at(s.span.start) == q_sent {
        SpeakerErr::OtherInSentence
    } else {
        SpeakerErr::OtherSentence
    }
}

fn line_of(text: &str, at: usize) -> usize {
    text[..at].bytes().filter(|&b| b == b'\n').count() + 1
}

fn short(s: &str, n: usize) -> String {
    let s: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= n {
        return s;
    }
    let mut out: String = s.chars().take(n).collect();
    out.push('…');
    out
}

fn describe_item(name: &str, text: &str, it: &Item, g: &GoldAttr) -> String {
    let r = if it.mixed {
        R {
            start: it.ranges[0].start,
            end: it.ranges.last().map_or(0, |r| r.end),
        }
    } else {
        it.segs[0].outer
    };
    let marks = match it.segs[0].marks {
        Marks::Curly => "“”",
        Marks::Straight => "\"",
        Marks::TwoApostrophes => "''",
        Marks::Single => "‘’",
    };
    format!(
        "{}:{} [{}{}] {} | gold source: {}",
        short(name, 40),
        line_of(text, r.start),
        if it.mixed { "mixed " } else { "" },
        marks,
        short(&text[r.start..r.end], 80),
        if g.source.is_empty() {
            "(none)".to_string()
        } else {
            short(&gold_source_text(text, g), 40)
        },
    )
}

fn ratio(n: usize, d: usize) -> f64 {
    if d == 0 { 0.0 } else { n as f64 / d as f64 }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

fn print_table(split: &str, t: &Tally, secs: f64) {
    println!(
        "PolNeAR {split}: {} articles ({} annotated twice or more: first annotator's file), {} \
         items ({} direct, {} mixed), {} attrib quotes reported (direct or partial), {:.2} s",
        t.articles,
        t.multi_annotated,
        t.direct + t.mixed,
        t.direct,
        t.mixed,
        t.reported,
        secs
    );
    println!();
    println!(
        "| scope        | items | found | reported | matched | P     | R     | F1    | speaker \
         accuracy  |"
    );
    println!(
        "|--------------|-------|-------|----------|---------|-------|-------|-------|-------\
         ------------|"
    );
    let rows = [
        (
            "direct",
            t.direct,
            t.direct_found,
            t.reported - t.matched_mixed - t.inside_mixed_direct_kind,
            t.matched_direct,
            t.direct_sp,
        ),
        (
            "direct+mixed",
            t.direct + t.mixed,
            t.direct_found + t.mixed_found,
            t.reported - t.inside_mixed_direct_kind,
            t.matched_direct + t.matched_mixed,
            (t.direct_sp.0 + t.mixed_sp.0, t.direct_sp.1 + t.mixed_sp.1),
        ),
    ];
    for (scope, items, found, reported, matched, sp) in rows {
        let (p, r) = (ratio(matched, reported), ratio(found, items));
        println!(
            "| {scope:<12} | {items:>5} | {found:>5} | {reported:>8} | {matched:>7} | {p:.3} | \
             {r:.3} | {:.3} | {:<17} |",
            f1(p, r),
            format!("{:.3} ({}/{})", ratio(sp.0, sp.1), sp.0, sp.1),
        );
    }
    println!();
    println!(
        "mixed only: {} items, {} found (R {:.3}), speaker {:.3} ({}/{}); with direct-kind \
         quotes also finding them, {} found (R {:.3}).",
        t.mixed,
        t.mixed_found,
        ratio(t.mixed_found, t.mixed),
        ratio(t.mixed_sp.0, t.mixed_sp.1),
        t.mixed_sp.0,
        t.mixed_sp.1,
        t.mixed_found_any,
        ratio(t.mixed_found_any, t.mixed),
    );
    println!(
        "{} direct-kind attrib quotes inside mixed items (neither match nor false positive); {} \
         found items with no gold source (not in speaker accuracy); {} swapped source/cue \
         labels mended; {} scraped tags blanked{}",
        t.inside_mixed_direct_kind,
        t.no_source_found,
        t.swapped,
        t.tags,
        if t.view_mismatch > 0 {
            format!(
                "; WARNING: {} articles' view differs from the text",
                t.view_mismatch
            )
        } else {
            String::new()
        }
    );
    println!();
}

fn print_verbose(t: &Tally, sample: usize) {
    let mut misses: BTreeMap<(Miss, bool), Vec<&String>> = BTreeMap::new();
    for (m, mixed, s) in &t.misses {
        misses.entry((*m, *mixed)).or_default().push(s);
    }
    println!("misses by cause:");
    for ((m, mixed), v) in &misses {
        println!(
            "  {:>5}  {} {}",
            v.len(),
            if *mixed { "mixed: " } else { "direct:" },
            m.describe()
        );
    }
    let mut wrong: BTreeMap<SpeakerErr, Vec<&String>> = BTreeMap::new();
    for (e, s) in &t.wrong {
        wrong.entry(*e).or_default().push(s);
    }
    println!("wrong speakers by cause:");
    for (e, v) in &wrong {
        println!("  {:>5}  {}", v.len(), e.describe());
    }
    println!("false positives: {}", t.fp.len());
    for ((m, mixed), v) in &misses {
        println!(
            "\n-- missed {} ({}): {} of {}",
            if *mixed { "mixed" } else { "direct" },
            m.describe(),
            v.len().min(sample),
            v.len()
        );
        for s in every_nth(v, sample) {
            println!("  {s}");
        }
    }
    for (e, v) in &wrong {
        println!(
            "\n-- wrong speaker ({}): {} of {}",
            e.describe(),
            v.len().min(sample),
            v.len()
        );
        for s in every_nth(v, sample) {
            println!("  {s}");
        }
    }
    println!(
        "\n-- false positives: {} of {}",
        t.fp.len().min(sample),
        t.fp.len()
    );
    for s in every_nth(&t.fp.iter().collect::<Vec<_>>(), sample) {
        println!("  {s}");
    }
}

/// An even sample of `n` from `v`.
fn every_nth<T>(v: &[T], n: usize) -> impl Iterator<Item = &T> {
    let step = v.len().div_ceil(n.max(1)).max(1);
    v.iter().step_by(step).take(n)
}
