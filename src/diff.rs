//! `attrib diff`: what happened to the quotes and attributions between two versions of a story.
//!
//! Quotes are paired by content, not position. Their words are compared after normalising quote
//! marks (curly and straight, single and double), whitespace and line wrapping, letter case and
//! punctuation: a quote that was only moved, reflowed or had its marks straightened is not a change.
//! Pairing goes in three rounds:
//!
//! 1. exact matches of the normalised words;
//! 2. near matches by a similarity ratio over words ([`NEAR_THRESHOLD`]), chosen greedily best
//!    first, where one side may be a run of up to [`MAX_RUN`] consecutive quotes (a quote split into
//!    two, or two merged into one, pairs with the whole run instead of being removed plus added);
//! 3. a leftover quote whose words exactly match a quote the other version reads as a term (not
//!    speech) is paired silently, so a change of reading is not reported as an edit.
//!
//! Attributions without quote marks ("according to X") pair by source and cue, preferring the
//! most similar sentence; a leftover attribution whose sentence (minus the attribution) is nearly
//! unchanged pairs too, so a source swapped inside the same claim reports a speaker change.

use std::collections::HashMap;
#[cfg(feature = "cli")]
use std::path::{Path, PathBuf};

use serde::Serialize;
use similar::{Algorithm, DiffOp, DiffTag, capture_diff, get_diff_ratio};

use crate::analysis::Analysis;
use crate::error::{Error, Result};
use crate::input::Format;
#[cfg(feature = "cli")]
use crate::input::{DEFAULT_MAX_FILE_SIZE, read_file};
use crate::quotes::QuoteKind;
#[cfg(feature = "cli")]
use crate::report::diff::{ErrorJson, FileDiff, FolderDiff};
use crate::sources::{Source, SourceClass};
use crate::span::Span;

/// Minimum similarity ratio (over words) for two different quotes to count as one edited quote.
pub const NEAR_THRESHOLD: f32 = 0.6;

/// Longest run of consecutive quotes paired with one quote on the other side (split or merge).
pub const MAX_RUN: usize = 3;

/// Above this many unpaired quote pairs, near matching only compares quotes at similar positions.
const FULL_COMPARE_LIMIT: usize = 250_000;
/// Beyond [`FULL_COMPARE_LIMIT`], each old group is compared only with the new groups that
/// start within this many quotes of its expected place, so the pairing stays linear.
const WINDOW: usize = 128;
/// The same for attributions in prose, which are compared one by one.
const ATTRIBUTION_WINDOW: usize = 32;

/// The default `--fail-on` set.
pub const DEFAULT_FAIL_ON: &str = "quote_edited,source_downgraded";

/// The contract's change kinds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// A quote only in the new version.
    QuoteAdded,
    /// A quote only in the old version.
    QuoteRemoved,
    /// The quoted words changed.
    QuoteEdited,
    /// Same quote (or claim), different speaker.
    SpeakerChanged,
    /// The new source ranks lower (named → anonymous, vague, passive or none).
    SourceDowngraded,
    /// The new source ranks higher.
    SourceUpgraded,
    /// An attribution without quote marks only in the new version.
    AttributionAdded,
    /// An attribution without quote marks only in the old version.
    AttributionRemoved,
}

impl ChangeKind {
    /// Every kind, in the contract's order.
    pub const ALL: [ChangeKind; 8] = [
        ChangeKind::QuoteAdded,
        ChangeKind::QuoteRemoved,
        ChangeKind::QuoteEdited,
        ChangeKind::SpeakerChanged,
        ChangeKind::SourceDowngraded,
        ChangeKind::SourceUpgraded,
        ChangeKind::AttributionAdded,
        ChangeKind::AttributionRemoved,
    ];

    /// The snake_case name used in JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::QuoteAdded => "quote_added",
            ChangeKind::QuoteRemoved => "quote_removed",
            ChangeKind::QuoteEdited => "quote_edited",
            ChangeKind::SpeakerChanged => "speaker_changed",
            ChangeKind::SourceDowngraded => "source_downgraded",
            ChangeKind::SourceUpgraded => "source_upgraded",
            ChangeKind::AttributionAdded => "attribution_added",
            ChangeKind::AttributionRemoved => "attribution_removed",
        }
    }

    /// Parse a snake_case kind name (`-` is accepted for `_`, case is ignored).
    pub fn parse(s: &str) -> Option<ChangeKind> {
        let s = s.trim().to_ascii_lowercase().replace('-', "_");
        ChangeKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Parse a comma list of kinds (`--fail-on`). An empty list or `none` fails on nothing.
    pub fn parse_list(s: &str) -> Result<Vec<ChangeKind>> {
        let mut out = Vec::new();
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            if part.eq_ignore_ascii_case("none") {
                continue;
            }
            if part.eq_ignore_ascii_case("all") || part == "*" {
                out.extend(ChangeKind::ALL);
                continue;
            }
            match ChangeKind::parse(part) {
                Some(k) => out.push(k),
                None => {
                    let names: Vec<&str> = ChangeKind::ALL.iter().map(|k| k.as_str()).collect();
                    return Err(Error::Usage(format!(
                        "unknown change kind `{part}` (expected a comma list of: {})",
                        names.join(", ")
                    )));
                }
            }
        }
        out.sort();
        out.dedup();
        Ok(out)
    }
}

impl std::fmt::Display for ChangeKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A speaker or source as the diff reports it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Speaker {
    /// The words at the attribution.
    pub text: String,
    /// Its class.
    pub class: SourceClass,
    /// The earlier full mention it resolves to, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refers_to: Option<String>,
}

impl Speaker {
    fn from_source(s: &Source) -> Speaker {
        Speaker {
            text: s.text.clone(),
            class: s.class,
            refers_to: s.refers_to.clone(),
        }
    }

    /// "text" or "text → refers_to" when the words resolve to an earlier, different mention.
    pub fn display(&self) -> String {
        match &self.refers_to {
            Some(r) if !r.eq_ignore_ascii_case(&self.text) => format!("{} → {}", self.text, r),
            _ => self.text.clone(),
        }
    }
}

/// One version's side of a change: a quote (or run of quotes) or an attribution.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Side {
    /// The quoted words without the marks (parts of a split quote joined by a space), or the
    /// words of an attribution (cue and source).
    pub text: String,
    /// Raw byte offset where it starts.
    pub start: usize,
    /// Raw byte offset where it ends.
    pub end: usize,
    /// 1-based line of `start`.
    pub line: usize,
    /// Who said it; `null` when nobody.
    pub speaker: Option<Speaker>,
    /// The cue words, when there are any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cue: Option<String>,
    /// How many quotes this side stands for when a quote was split or merged (absent when 1).
    #[serde(skip_serializing_if = "is_one")]
    pub parts: usize,
    /// True for a quote, false for an attribution without quote marks (not serialised).
    #[serde(skip)]
    pub is_quote: bool,
}

fn is_one(n: &usize) -> bool {
    *n == 1
}

/// A word-level edit operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EditOp {
    /// Words in both versions.
    Equal,
    /// Words only in the old version.
    Delete,
    /// Words only in the new version.
    Insert,
}

/// A run of words with one edit operation; the `text` of consecutive edits concatenates to the
/// (whitespace-collapsed) quote, spaces included.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Edit {
    /// equal, delete or insert.
    pub op: EditOp,
    /// The words, with the space before them.
    pub text: String,
}

/// One change between the versions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The kind of change.
    #[serde(rename = "change")]
    pub kind: ChangeKind,
    /// The old side (`null` for additions).
    pub old: Option<Side>,
    /// The new side (`null` for removals).
    pub new: Option<Side>,
    /// Word-level edits (quote_edited only).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub edits: Vec<Edit>,
}

// ---------------------------------------------------------------------------------------------
// Words

/// A token of quoted text: a word, a number, a symbol or one punctuation mark.
#[derive(Clone, Copy, Debug)]
struct Tok<'a> {
    /// As written.
    text: &'a str,
    /// Whitespace came before it.
    space: bool,
    /// Punctuation (not compared when deciding whether the words changed).
    punct: bool,
    /// Comparison key ([`key_of`]: lower case, marks and dashes folded), as its id in the
    /// diff's [`Keys`].
    key: u32,
}

/// The comparison keys of one diff, each stored once and named by a small id: a quote of a
/// million words costs 24 bytes a word, not two strings a word.
#[derive(Default)]
struct Keys {
    ids: HashMap<String, u32>,
    buf: String,
}

impl Keys {
    /// The id of `text`'s key.
    fn id(&mut self, text: &str) -> u32 {
        self.buf.clear();
        push_key(text, &mut self.buf);
        if let Some(&id) = self.ids.get(self.buf.as_str()) {
            return id;
        }
        let id = self.ids.len() as u32;
        self.ids.insert(self.buf.clone(), id);
        id
    }

    /// The keys in id order.
    fn names(self) -> Vec<String> {
        let mut names = vec![String::new(); self.ids.len()];
        for (k, id) in self.ids {
            names[id as usize] = k;
        }
        names
    }
}

fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '-' | '‐' | '‑')
}

fn is_punct(c: char) -> bool {
    matches!(
        c,
        '.' | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '…'
            | '"'
            | '\''
            | '“'
            | '”'
            | '„'
            | '‘'
            | '’'
            | '‚'
            | '«'
            | '»'
            | '‹'
            | '›'
            | '('
            | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | '—'
            | '–'
            | '-'
            | '‐'
            | '‑'
            | '`'
            | '´'
            | '*'
            | '_'
    )
}

fn fold_char(c: char) -> char {
    match c {
        '’' | '‘' | 'ʼ' | '‚' | '`' | '´' | '‹' | '›' => '\'',
        '“' | '”' | '„' | '«' | '»' => '"',
        '‐' | '‑' | '–' | '—' => '-',
        c => c,
    }
}

fn key_of(s: &str) -> String {
    let mut key = String::new();
    push_key(s, &mut key);
    key
}

/// Append `s`'s comparison key to `out`: lower case, quote marks and dashes folded.
fn push_key(s: &str, out: &mut String) {
    out.extend(s.chars().flat_map(|c| fold_char(c).to_lowercase()));
}

/// The tokens of `s`, with their keys' ids in `keys`.
fn tokenize<'a>(s: &'a str, keys: &mut Keys) -> Vec<Tok<'a>> {
    let char_at = |i: usize| s[i..].chars().next();
    let mut out = Vec::new();
    let mut space = false;
    let mut i = 0;
    while let Some(c) = char_at(i) {
        if c.is_whitespace() {
            space = true;
            i += c.len_utf8();
            continue;
        }
        let (mut j, mut prev) = (i + c.len_utf8(), c);
        if c.is_alphanumeric() {
            while let Some(cj) = char_at(j) {
                let next = char_at(j + cj.len_utf8());
                let next_alnum = next.is_some_and(char::is_alphanumeric);
                let next_digit = next.is_some_and(|x| x.is_ascii_digit());
                if cj.is_alphanumeric()
                    || (is_joiner(cj) && next_alnum)
                    || (matches!(cj, '.' | ',') && prev.is_ascii_digit() && next_digit)
                {
                    j += cj.len_utf8();
                    prev = cj;
                } else {
                    break;
                }
            }
        }
        let text = &s[i..j];
        out.push(Tok {
            text,
            space: space && !out.is_empty(),
            punct: j == i + c.len_utf8() && is_punct(c),
            key: keys.id(text),
        });
        space = false;
        i = j;
    }
    out
}

fn word_keys(toks: &[Tok]) -> Vec<u32> {
    toks.iter().filter(|t| !t.punct).map(|t| t.key).collect()
}

/// The keys of `s`'s words, as strings (for comparisons outside one diff's [`Keys`]).
fn word_strings(s: &str) -> Vec<String> {
    let mut keys = Keys::default();
    let ids = word_keys(&tokenize(s, &mut keys));
    let names = keys.names();
    ids.into_iter()
        .map(|id| names[id as usize].clone())
        .collect()
}

/// Similarity ratio of two word sequences (1.0 equal, 0.0 nothing in common).
pub fn word_ratio<T: Eq + std::hash::Hash + Ord>(a: &[T], b: &[T]) -> f32 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let ops = word_ops(a, b);
    get_diff_ratio(&ops, a.len(), b.len())
}

/// Largest product of the two word counts (after the common prefix and suffix are set aside)
/// that Myers' algorithm is given: about 300 words on each side (its worst case is
/// quadratic: two unrelated 16,000-word quotes took two seconds).
const MYERS_LIMIT: usize = 100_000;

/// The diff of two word sequences: Myers' algorithm between the common prefix and suffix, or,
/// when what is left is too large for it ([`MYERS_LIMIT`]), that middle as one replacement.
/// Deterministic and linear beyond the limit, exact below it.
fn word_ops<T: Eq + std::hash::Hash + Ord>(a: &[T], b: &[T]) -> Vec<DiffOp> {
    if a.len().saturating_mul(b.len()) <= MYERS_LIMIT {
        return capture_diff(Algorithm::Myers, a, 0..a.len(), b, 0..b.len());
    }
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (a_end, b_end) = (a.len() - suffix, b.len() - suffix);
    let mut ops = Vec::new();
    if prefix > 0 {
        ops.push(DiffOp::Equal {
            old_index: 0,
            new_index: 0,
            len: prefix,
        });
    }
    let (old_len, new_len) = (a_end - prefix, b_end - prefix);
    if old_len.saturating_mul(new_len) <= MYERS_LIMIT {
        ops.extend(capture_diff(
            Algorithm::Myers,
            a,
            prefix..a_end,
            b,
            prefix..b_end,
        ));
    } else {
        ops.push(DiffOp::Replace {
            old_index: prefix,
            old_len,
            new_index: prefix,
            new_len,
        });
    }
    if suffix > 0 {
        ops.push(DiffOp::Equal {
            old_index: a_end,
            new_index: b_end,
            len: suffix,
        });
    }
    ops
}

/// Word-level edits between two quoted texts, in the style of `git diff --word-diff`. Words are
/// compared with case, quote marks and dashes folded; equal words are shown as in `new`.
pub fn word_edits(old: &str, new: &str) -> Vec<Edit> {
    let mut keys = Keys::default();
    edits_of(&tokenize(old, &mut keys), &tokenize(new, &mut keys))
}

fn edits_of(old: &[Tok], new: &[Tok]) -> Vec<Edit> {
    let ok: Vec<u32> = old.iter().map(|t| t.key).collect();
    let nk: Vec<u32> = new.iter().map(|t| t.key).collect();
    let ops = word_ops(&ok, &nk);
    let mut out: Vec<Edit> = Vec::new();
    let mut first = true;
    let mut push = |op: EditOp, toks: &[Tok]| {
        for t in toks {
            let mut piece = String::new();
            if t.space && !first {
                piece.push(' ');
            }
            piece.push_str(t.text);
            first = false;
            match out.last_mut() {
                Some(e) if e.op == op => e.text.push_str(&piece),
                _ => out.push(Edit { op, text: piece }),
            }
        }
    };
    for op in &ops {
        let (tag, o, n) = op.as_tag_tuple();
        match tag {
            DiffTag::Equal => push(EditOp::Equal, &new[n]),
            DiffTag::Delete => push(EditOp::Delete, &old[o]),
            DiffTag::Insert => push(EditOp::Insert, &new[n]),
            DiffTag::Replace => {
                push(EditOp::Delete, &old[o]);
                push(EditOp::Insert, &new[n]);
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Speakers

/// Rank of a source for up/downgrades: named (person, organisation, document) 4, anonymous 3,
/// vague 2, passive 1, unresolved or no speaker 0.
pub fn rank(class: Option<SourceClass>) -> u8 {
    match class {
        Some(SourceClass::NamedPerson | SourceClass::NamedOrganization | SourceClass::Document) => {
            4
        }
        Some(SourceClass::Anonymous) => 3,
        Some(SourceClass::Vague) => 2,
        Some(SourceClass::Passive) => 1,
        Some(SourceClass::Unresolved) | None => 0,
    }
}

fn who_words(s: &Source) -> Vec<String> {
    let who = s.refers_to.as_deref().unwrap_or(&s.text);
    let mut words = word_strings(who);
    // Possessive 's on the last word, leading articles.
    if let Some(last) = words.last_mut()
        && last.ends_with("'s")
    {
        last.truncate(last.len() - 2);
    }
    while words
        .first()
        .is_some_and(|w| matches!(w.as_str(), "the" | "a" | "an"))
    {
        words.remove(0);
    }
    words
}

fn is_pronoun(w: &str) -> bool {
    matches!(
        w,
        "he" | "she" | "they" | "it" | "him" | "her" | "them" | "we" | "i" | "you" | "us"
    )
}

/// True when two sources name the same speaker: the same words other than a pronoun, or their
/// resolved mentions (`refers_to`, else the words) equal ignoring case and articles, or both are named people with the same surname
/// and one name's words contain the other's ("Okonkwo", "Sen. Maria Okonkwo").
pub fn same_speaker(a: Option<&Source>, b: Option<&Source>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => {
            // The same description at both attributions ("the rail operator") is the same
            // speaker even when it resolves to different mentions; a pronoun is not.
            let (ta, tb) = (key_of(a.text.trim()), key_of(b.text.trim()));
            if ta == tb && !is_pronoun(&ta) {
                return true;
            }
            let wa = who_words(a);
            let wb = who_words(b);
            if wa == wb {
                return true;
            }
            let person = |s: &Source| s.class == SourceClass::NamedPerson;
            if person(a) && person(b) && !wa.is_empty() && wa.last() == wb.last() {
                let sub = |x: &[String], y: &[String]| x.iter().all(|w| y.contains(w));
                return sub(&wa, &wb) || sub(&wb, &wa);
            }
            false
        }
        _ => false,
    }
}

// ---------------------------------------------------------------------------------------------
// Quote pairing

struct QItem<'a> {
    /// Index into `Analysis::quotes`.
    idx: usize,
    toks: Vec<Tok<'a>>,
    words: Vec<u32>,
    /// Sorted interned word ids, for the quick overlap bound.
    bag: Vec<u32>,
}

fn quote_items<'a>(
    a: &'a Analysis,
    keep: impl Fn(QuoteKind) -> bool,
    keys: &mut Keys,
) -> Vec<QItem<'a>> {
    a.quotes
        .iter()
        .enumerate()
        .filter(|(_, q)| keep(q.kind))
        .map(|(idx, q)| {
            let toks = tokenize(q.quote.inner.of(&a.doc.text), keys);
            let words = word_keys(&toks);
            QItem {
                idx,
                toks,
                words,
                bag: Vec::new(),
            }
        })
        .collect()
}

/// A pairing: runs of item indices (one side has one item unless split or merged).
#[derive(Debug)]
struct Pair {
    old: Vec<usize>,
    new: Vec<usize>,
}

/// Each item's words as a sorted bag of ids.
fn bag_words(items: &mut [QItem]) {
    for it in items.iter_mut() {
        let mut bag = it.words.clone();
        bag.sort_unstable();
        it.bag = bag;
    }
}

/// Size of the multiset intersection of two sorted id lists.
/// True when every item of `short` appears in `long` in the same order.
fn is_subsequence<T: PartialEq>(short: &[T], long: &[T]) -> bool {
    let mut it = long.iter();
    short.iter().all(|x| it.any(|y| y == x))
}

fn overlap(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

fn merged_bag(items: &[QItem], run: &[usize]) -> Vec<u32> {
    let mut bag: Vec<u32> = run
        .iter()
        .flat_map(|&i| items[i].bag.iter().copied())
        .collect();
    bag.sort_unstable();
    bag
}

fn merged_words(items: &[QItem], run: &[usize]) -> Vec<u32> {
    run.iter()
        .flat_map(|&i| items[i].words.iter().copied())
        .collect()
}

/// Runs of 2..=MAX_RUN consecutive unpaired items.
fn runs(used: &[bool]) -> Vec<Vec<usize>> {
    let mut out = Vec::new();
    for start in 0..used.len() {
        for len in 2..=MAX_RUN {
            let end = start + len;
            if end > used.len() || used[start..end].iter().any(|&u| u) {
                break;
            }
            out.push((start..end).collect());
        }
    }
    out
}

fn pair_quotes(old: &mut [QItem], new: &mut [QItem]) -> Vec<Pair> {
    let mut pairs = Vec::new();
    let mut old_used = vec![false; old.len()];
    let mut new_used = vec![false; new.len()];

    // 1. Exact matches of the normalised words, in order.
    let mut by_words: HashMap<&[u32], std::collections::VecDeque<usize>> = HashMap::new();
    for (j, it) in new.iter().enumerate() {
        by_words.entry(&it.words).or_default().push_back(j);
    }
    for (i, it) in old.iter().enumerate() {
        if let Some(j) = by_words
            .get_mut(it.words.as_slice())
            .and_then(|q| q.pop_front())
        {
            old_used[i] = true;
            new_used[j] = true;
            pairs.push(Pair {
                old: vec![i],
                new: vec![j],
            });
        }
    }

    // 2. Near matches, singles and runs, best first.
    bag_words(old);
    bag_words(new);
    let free = |used: &[bool]| -> Vec<usize> { (0..used.len()).filter(|&i| !used[i]).collect() };
    let old_free = free(&old_used);
    let new_free = free(&new_used);
    let mut old_groups: Vec<Vec<usize>> = old_free.iter().map(|&i| vec![i]).collect();
    let mut new_groups: Vec<Vec<usize>> = new_free.iter().map(|&j| vec![j]).collect();
    let singles_old = old_groups.len();
    let singles_new = new_groups.len();
    old_groups.extend(runs(&old_used));
    new_groups.extend(runs(&new_used));
    let full = old_groups.len().saturating_mul(new_groups.len()) <= FULL_COMPARE_LIMIT;
    let old_bags: Vec<Vec<u32>> = old_groups.iter().map(|g| merged_bag(old, g)).collect();
    let new_bags: Vec<Vec<u32>> = new_groups.iter().map(|g| merged_bag(new, g)).collect();
    // (score, members, distance, old group, new group)
    let mut cands: Vec<(f32, usize, usize, usize, usize)> = Vec::new();
    // New groups by the index of their first quote, for the windowed comparison.
    let mut by_start: Vec<(usize, usize)> = new_groups
        .iter()
        .enumerate()
        .map(|(gj, g)| (g[0], gj))
        .collect();
    by_start.sort_unstable();
    let all: Vec<usize> = (0..new_groups.len()).collect();
    for (gi, og) in old_groups.iter().enumerate() {
        let window: Vec<usize> = if full {
            Vec::new()
        } else {
            let expected = og[0] * new.len() / old.len().max(1);
            let lo = by_start.partition_point(|&(s, _)| s + WINDOW < expected);
            let hi = by_start.partition_point(|&(s, _)| s <= expected + WINDOW);
            by_start[lo..hi].iter().map(|&(_, gj)| gj).collect()
        };
        let candidates = if full { &all } else { &window };
        for &gj in candidates {
            let ng = &new_groups[gj];
            // Run against run is not a pairing we look for.
            if gi >= singles_old && gj >= singles_new {
                continue;
            }
            // Relative position in each version, 0..=1000.
            let pos_o = og[0] * 1000 / old.len().max(1);
            let pos_n = ng[0] * 1000 / new.len().max(1);
            let dist = pos_o.abs_diff(pos_n);
            if !full && dist > 50 {
                continue;
            }
            let (ob, nb) = (&old_bags[gi], &new_bags[gj]);
            let total = ob.len() + nb.len();
            if total == 0 {
                continue;
            }
            // A quote cut down to part of itself ("Good news, but late," -> "Good news,") is
            // the same quote edited, however much was cut: every word of the shorter, in order,
            // in the longer (at least two words, so a lone "yes" pairs with nothing).
            let common = overlap(ob, nb);
            let shorter = ob.len().min(nb.len());
            let cut_down = shorter >= 2 && common == shorter && {
                let (ow, nw) = (merged_words(old, og), merged_words(new, ng));
                let (short, long) = if ow.len() <= nw.len() {
                    (&ow, &nw)
                } else {
                    (&nw, &ow)
                };
                is_subsequence(short, long)
            };
            if !cut_down {
                let bound = 2.0 * shorter as f32 / total as f32;
                if bound < NEAR_THRESHOLD {
                    continue;
                }
                let bound = 2.0 * common as f32 / total as f32;
                if bound < NEAR_THRESHOLD {
                    continue;
                }
            }
            let ratio = word_ratio(&merged_words(old, og), &merged_words(new, ng));
            if ratio >= NEAR_THRESHOLD || cut_down {
                cands.push((ratio, og.len() + ng.len(), dist, gi, gj));
            }
        }
    }
    cands.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then(a.1.cmp(&b.1))
            .then(a.2.cmp(&b.2))
            .then(a.3.cmp(&b.3))
            .then(a.4.cmp(&b.4))
    });
    for (_, _, _, gi, gj) in cands {
        let (og, ng) = (&old_groups[gi], &new_groups[gj]);
        if og.iter().any(|&i| old_used[i]) || ng.iter().any(|&j| new_used[j]) {
            continue;
        }
        og.iter().for_each(|&i| old_used[i] = true);
        ng.iter().for_each(|&j| new_used[j] = true);
        pairs.push(Pair {
            old: og.clone(),
            new: ng.clone(),
        });
    }
    for (i, _) in old_used.iter().enumerate().filter(|(_, u)| !**u) {
        pairs.push(Pair {
            old: vec![i],
            new: vec![],
        });
    }
    for (j, _) in new_used.iter().enumerate().filter(|(_, u)| !**u) {
        pairs.push(Pair {
            old: vec![],
            new: vec![j],
        });
    }
    pairs
}

/// Removes leftover quotes whose words exactly match a term (not speech) on the other side.
fn absorb_terms(pairs: &mut Vec<Pair>, items: &[QItem], terms: &[QItem], old_side: bool) {
    let mut avail: HashMap<&[u32], usize> = HashMap::new();
    for t in terms {
        *avail.entry(t.words.as_slice()).or_default() += 1;
    }
    pairs.retain(|p| {
        let (mine, other) = if old_side {
            (&p.old, &p.new)
        } else {
            (&p.new, &p.old)
        };
        if !other.is_empty() || mine.len() != 1 {
            return true;
        }
        match avail.get_mut(items[mine[0]].words.as_slice()) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        }
    });
}

// ---------------------------------------------------------------------------------------------
// Building changes

fn quote_side(a: &Analysis, items: &[QItem], run: &[usize]) -> Option<Side> {
    let first = a.quotes.get(items.get(*run.first()?)?.idx)?;
    let last = a.quotes.get(items.get(*run.last()?)?.idx)?;
    let texts: Vec<&str> = run
        .iter()
        .filter_map(|&i| a.quotes.get(items[i].idx))
        .map(|q| q.quote.inner.of(&a.doc.text))
        .collect();
    let raw = a
        .doc
        .raw_span(Span::new(first.quote.inner.start, last.quote.inner.end));
    let speaking = run
        .iter()
        .filter_map(|&i| a.quotes.get(items[i].idx))
        .find(|q| q.speaker.is_some());
    Some(Side {
        text: texts.join(" "),
        start: raw.start,
        end: raw.end,
        line: a.doc.line_col(raw.start).0,
        speaker: speaking.and_then(|q| q.speaker.as_ref().map(Speaker::from_source)),
        cue: speaking.and_then(|q| q.cue.clone()),
        parts: run.len(),
        is_quote: true,
    })
}

fn run_speaker<'a>(a: &'a Analysis, items: &[QItem], run: &[usize]) -> Option<&'a Source> {
    run.iter()
        .filter_map(|&i| a.quotes.get(items[i].idx))
        .find_map(|q| q.speaker.as_ref())
}

fn run_toks<'a>(items: &[QItem<'a>], run: &[usize]) -> Vec<Tok<'a>> {
    let mut out = Vec::new();
    for &i in run {
        for (k, t) in items[i].toks.iter().enumerate() {
            let mut t = *t;
            if k == 0 && !out.is_empty() {
                t.space = true;
            }
            out.push(t);
        }
    }
    out
}

/// Pushes speaker_changed and, when the rank moves, source_downgraded or source_upgraded.
fn speaker_changes(
    out: &mut Vec<Change>,
    old_src: Option<&Source>,
    new_src: Option<&Source>,
    old: &Side,
    new: &Side,
) {
    if same_speaker(old_src, new_src) {
        return;
    }
    let mut push = |kind| {
        out.push(Change {
            kind,
            old: Some(old.clone()),
            new: Some(new.clone()),
            edits: Vec::new(),
        })
    };
    push(ChangeKind::SpeakerChanged);
    let (ro, rn) = (
        rank(old_src.map(|s| s.class)),
        rank(new_src.map(|s| s.class)),
    );
    if rn < ro {
        push(ChangeKind::SourceDowngraded);
    } else if rn > ro {
        push(ChangeKind::SourceUpgraded);
    }
}

struct AItem {
    idx: usize,
    who: Vec<String>,
    cue: String,
    sentence: Vec<u32>,
}

fn attribution_items(a: &Analysis, keys: &mut Keys) -> Vec<AItem> {
    a.attributions
        .iter()
        .enumerate()
        .map(|(idx, at)| {
            let sent = a.sentences.get(at.sentence).copied().unwrap_or(at.span);
            let text = &a.doc.text;
            let before = Span::new(sent.start, at.span.start.min(sent.end)).of(text);
            let after = Span::new(at.span.end.max(sent.start), sent.end).of(text);
            let mut sentence = word_keys(&tokenize(before, keys));
            sentence.extend(word_keys(&tokenize(after, keys)));
            AItem {
                idx,
                who: who_words(&at.source),
                cue: key_of(at.cue.trim()),
                sentence,
            }
        })
        .collect()
}

fn attribution_side(a: &Analysis, idx: usize) -> Option<Side> {
    let at = a.attributions.get(idx)?;
    let raw = a.doc.raw_span(at.span);
    Some(Side {
        text: at.span.of(&a.doc.text).to_owned(),
        start: raw.start,
        end: raw.end,
        line: a.doc.line_col(raw.start).0,
        speaker: Some(Speaker::from_source(&at.source)),
        cue: Some(at.cue.clone()),
        parts: 1,
        is_quote: false,
    })
}

fn pair_attributions(old: &[AItem], new: &[AItem]) -> Vec<(Option<usize>, Option<usize>)> {
    let mut ou = vec![false; old.len()];
    let mut nu = vec![false; new.len()];
    let mut out = Vec::new();
    // Exact matches first: same source, cue and sentence words.
    type Key<'a> = (&'a [String], &'a str, &'a [u32]);
    let mut exact: HashMap<Key<'_>, std::collections::VecDeque<usize>> = HashMap::new();
    for (j, n) in new.iter().enumerate() {
        exact
            .entry((&n.who, &n.cue, &n.sentence))
            .or_default()
            .push_back(j);
    }
    for (i, o) in old.iter().enumerate() {
        let key: Key<'_> = (&o.who, &o.cue, &o.sentence);
        if let Some(j) = exact.get_mut(&key).and_then(|q| q.pop_front()) {
            ou[i] = true;
            nu[j] = true;
            out.push((Some(i), Some(j)));
        }
    }
    let old_free: Vec<usize> = (0..old.len()).filter(|&i| !ou[i]).collect();
    let new_free: Vec<usize> = (0..new.len()).filter(|&j| !nu[j]).collect();
    let full = old_free.len().saturating_mul(new_free.len()) <= FULL_COMPARE_LIMIT / 4;
    let mut cands: Vec<(f32, usize, usize)> = Vec::new();
    for (k, &i) in old_free.iter().enumerate() {
        let o = &old[i];
        // Beyond the full-comparison limit, only attributions near the same place.
        let near = if full {
            &new_free[..]
        } else {
            let expected = k * new_free.len() / old_free.len().max(1);
            let lo = expected.saturating_sub(ATTRIBUTION_WINDOW);
            &new_free[lo..(expected + ATTRIBUTION_WINDOW).min(new_free.len())]
        };
        for &j in near {
            let n = &new[j];
            let same_who = o.who == n.who;
            if !full && !same_who {
                continue;
            }
            let sim = word_ratio(&o.sentence, &n.sentence);
            let score = match (same_who, o.cue == n.cue) {
                (true, true) => 2.0 + sim,
                (true, false) if sim >= NEAR_THRESHOLD => 1.0 + sim,
                (false, _) if sim >= NEAR_THRESHOLD.max(0.7) => sim,
                _ => continue,
            };
            cands.push((score, i, j));
        }
    }
    cands.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    for (_, i, j) in cands {
        if ou[i] || nu[j] {
            continue;
        }
        ou[i] = true;
        nu[j] = true;
        out.push((Some(i), Some(j)));
    }
    out.extend((0..old.len()).filter(|&i| !ou[i]).map(|i| (Some(i), None)));
    out.extend((0..new.len()).filter(|&j| !nu[j]).map(|j| (None, Some(j))));
    out
}

/// Everything that changed between `old` and `new`, in the order of the new version (removals
/// after the change they followed in the old version).
pub fn diff(old: &Analysis, new: &Analysis) -> Vec<Change> {
    let spoken = |k: QuoteKind| k != QuoteKind::Term;
    let mut keys = Keys::default();
    let mut oq = quote_items(old, spoken, &mut keys);
    let mut nq = quote_items(new, spoken, &mut keys);
    let mut pairs = pair_quotes(&mut oq, &mut nq);
    let old_terms = quote_items(old, |k| k == QuoteKind::Term, &mut keys);
    let new_terms = quote_items(new, |k| k == QuoteKind::Term, &mut keys);
    absorb_terms(&mut pairs, &oq, &new_terms, true);
    absorb_terms(&mut pairs, &nq, &old_terms, false);

    // (changes, old position, new position) per pairing, ordered afterwards.
    let mut groups: Vec<(Vec<Change>, Option<usize>, Option<usize>)> = Vec::new();
    for p in &pairs {
        let os = quote_side(old, &oq, &p.old);
        let ns = quote_side(new, &nq, &p.new);
        let mut changes = Vec::new();
        match (&os, &ns) {
            (Some(o), Some(n)) => {
                let (ot, nt) = (run_toks(&oq, &p.old), run_toks(&nq, &p.new));
                if word_keys(&ot) != word_keys(&nt) {
                    changes.push(Change {
                        kind: ChangeKind::QuoteEdited,
                        old: Some(o.clone()),
                        new: Some(n.clone()),
                        edits: edits_of(&ot, &nt),
                    });
                }
                speaker_changes(
                    &mut changes,
                    run_speaker(old, &oq, &p.old),
                    run_speaker(new, &nq, &p.new),
                    o,
                    n,
                );
            }
            (Some(o), None) => changes.push(Change {
                kind: ChangeKind::QuoteRemoved,
                old: Some(o.clone()),
                new: None,
                edits: Vec::new(),
            }),
            (None, Some(n)) => changes.push(Change {
                kind: ChangeKind::QuoteAdded,
                old: None,
                new: Some(n.clone()),
                edits: Vec::new(),
            }),
            (None, None) => {}
        }
        groups.push((changes, os.map(|s| s.start).or(None), ns.map(|s| s.start)));
    }

    let oa = attribution_items(old, &mut keys);
    let na = attribution_items(new, &mut keys);
    for (i, j) in pair_attributions(&oa, &na) {
        let os = i.and_then(|i| attribution_side(old, oa[i].idx));
        let ns = j.and_then(|j| attribution_side(new, na[j].idx));
        let mut changes = Vec::new();
        match (&os, &ns) {
            (Some(o), Some(n)) => {
                let osrc = i.and_then(|i| old.attributions.get(oa[i].idx));
                let nsrc = j.and_then(|j| new.attributions.get(na[j].idx));
                speaker_changes(
                    &mut changes,
                    osrc.map(|a| &a.source),
                    nsrc.map(|a| &a.source),
                    o,
                    n,
                );
            }
            (Some(o), None) => changes.push(Change {
                kind: ChangeKind::AttributionRemoved,
                old: Some(o.clone()),
                new: None,
                edits: Vec::new(),
            }),
            (None, Some(n)) => changes.push(Change {
                kind: ChangeKind::AttributionAdded,
                old: None,
                new: Some(n.clone()),
                edits: Vec::new(),
            }),
            (None, None) => {}
        }
        groups.push((changes, os.map(|s| s.start), ns.map(|s| s.start)));
    }

    // Order: by new position; a removal goes right after the pairing that preceded it in the
    // old version.
    let mut anchors: Vec<(usize, usize)> = groups
        .iter()
        .filter_map(|(_, o, n)| Some(((*o)?, (*n)?)))
        .collect();
    anchors.sort_unstable();
    let mut keyed: Vec<((usize, usize), Vec<Change>)> = groups
        .into_iter()
        .filter(|(c, _, _)| !c.is_empty())
        .map(|(c, o, n)| {
            let key = match (o, n) {
                (_, Some(n)) => (n, 0),
                (Some(o), None) => {
                    let k = anchors.partition_point(|&(ao, _)| ao < o);
                    let anchor = if k == 0 { 0 } else { anchors[k - 1].1 };
                    (anchor, o + 1)
                }
                (None, None) => (0, 0),
            };
            (key, c)
        })
        .collect();
    keyed.sort_by_key(|(k, _)| *k);
    keyed.into_iter().flat_map(|(_, c)| c).collect()
}

/// Analyse two texts and diff them.
pub fn diff_texts(old: String, old_format: Format, new: String, new_format: Format) -> Vec<Change> {
    diff(
        &Analysis::new(old, old_format),
        &Analysis::new(new, new_format),
    )
}

/// True when any change is of a kind in `fail_on`.
pub fn fails(changes: &[Change], fail_on: &[ChangeKind]) -> bool {
    changes.iter().any(|c| fail_on.contains(&c.kind))
}

// ---------------------------------------------------------------------------------------------
// Folders

/// Two folders' articles paired by relative path (`/`-separated).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg(feature = "cli")]
pub struct FolderPairs {
    /// Relative path, old file, new file: in both folders.
    pub both: Vec<(String, PathBuf, PathBuf)>,
    /// Relative path and file only in the new folder.
    pub added: Vec<(String, PathBuf)>,
    /// Relative path and file only in the old folder.
    pub removed: Vec<(String, PathBuf)>,
    /// Paths the folder walk could not read (a symlink loop, an unreadable folder) and why.
    pub errors: Vec<(String, String)>,
}

/// Article files under `dir`, found by the shared walker ([`crate::walk`]: extensions,
/// `.gitignore`, `.attribignore`, hidden entries skipped), each with its `/`-separated path
/// relative to `dir`; sorted by relative path. Paths the walk could not read are left out (see
/// [`crate::walk::relative_files`] for them).
#[cfg(feature = "cli")]
pub fn article_files(dir: &Path) -> Vec<(String, PathBuf)> {
    crate::walk::relative_files(dir).0
}

/// Pair the articles of two folders by relative path.
#[cfg(feature = "cli")]
pub fn pair_folders(old: &Path, new: &Path) -> FolderPairs {
    let (olds, old_errors) = crate::walk::relative_files(old);
    let (news, new_errors) = crate::walk::relative_files(new);
    let news: HashMap<String, PathBuf> = news.into_iter().collect();
    let mut out = FolderPairs {
        errors: old_errors
            .into_iter()
            .chain(new_errors)
            .filter_map(|e| match e {
                crate::walk::Entry::Error { path, message } => {
                    Some((path.display().to_string(), message))
                }
                crate::walk::Entry::File(_) | crate::walk::Entry::Excluded(_) => None,
            })
            .collect(),
        ..FolderPairs::default()
    };
    let mut seen = std::collections::HashSet::new();
    for (rel, op) in olds {
        match news.get(&rel) {
            Some(np) => out.both.push((rel.clone(), op, np.clone())),
            None => out.removed.push((rel.clone(), op)),
        }
        seen.insert(rel);
    }
    let mut added: Vec<(String, PathBuf)> = news
        .into_iter()
        .filter(|(rel, _)| !seen.contains(rel))
        .collect();
    added.sort();
    out.added = added;
    out
}

/// One side of `attrib diff`: a file or folder, or text already read (stdin).
#[derive(Clone, Debug)]
#[cfg(feature = "cli")]
pub enum DiffInput {
    /// A file or a folder.
    Path(PathBuf),
    /// Text read elsewhere, with the name shown for it (its extension picks the format).
    Text {
        /// Display name.
        name: String,
        /// The text.
        text: String,
    },
}

#[cfg(feature = "cli")]
impl DiffInput {
    fn name(&self) -> String {
        match self {
            DiffInput::Path(p) => p.display().to_string(),
            DiffInput::Text { name, .. } => name.clone(),
        }
    }

    fn is_dir(&self) -> bool {
        matches!(self, DiffInput::Path(p) if p.is_dir())
    }

    fn load(&self) -> Result<(Format, String)> {
        match self {
            DiffInput::Path(p) => {
                let text = read_file(p, DEFAULT_MAX_FILE_SIZE)?;
                Ok((Format::from_path(p), text))
            }
            DiffInput::Text { name, text } => {
                Ok((Format::from_path(Path::new(name)), text.clone()))
            }
        }
    }
}

/// The result of `attrib diff`: one file pair, or two folders.
#[derive(Clone, Debug)]
#[cfg(feature = "cli")]
pub enum Outcome {
    /// Two files.
    File(FileDiff),
    /// Two folders.
    Folder(FolderDiff),
}

#[cfg(feature = "cli")]
impl Outcome {
    /// Every change, over all files.
    pub fn changes(&self) -> Vec<&Change> {
        match self {
            Outcome::File(f) => f.changes.iter().collect(),
            Outcome::Folder(d) => d.files.iter().flat_map(|f| f.changes.iter()).collect(),
        }
    }

    /// True when some file could not be read (folder runs go on past those).
    pub fn has_errors(&self) -> bool {
        matches!(self, Outcome::Folder(d) if !d.errors.is_empty())
    }

    /// True when any change is of a kind in `fail_on`.
    pub fn fails(&self, fail_on: &[ChangeKind]) -> bool {
        self.changes().iter().any(|c| fail_on.contains(&c.kind))
    }
}

/// Compare two inputs: two files (or text), or two folders paired by relative path. A file
/// against a folder compares with the folder's file of the same name. Errors: an unreadable
/// file of a pair (folder runs record those and go on), a folder against text.
#[cfg(feature = "cli")]
pub fn compare(old: &DiffInput, new: &DiffInput) -> Result<Outcome> {
    match (old, new) {
        (DiffInput::Path(o), DiffInput::Path(n)) if o.is_dir() && n.is_dir() => {
            Ok(Outcome::Folder(compare_folders(o, n)))
        }
        (DiffInput::Path(o), DiffInput::Path(n)) if o.is_dir() != n.is_dir() => {
            let (dir, file) = if o.is_dir() { (o, n) } else { (n, o) };
            let Some(name) = file.file_name() else {
                return Err(Error::Usage(format!(
                    "cannot compare folder {} with {}",
                    dir.display(),
                    file.display()
                )));
            };
            let inside = DiffInput::Path(dir.join(name));
            let file = DiffInput::Path(file.clone());
            if o.is_dir() {
                compare(&inside, &file)
            } else {
                compare(&file, &inside)
            }
        }
        _ if old.is_dir() || new.is_dir() => Err(Error::Usage(
            "cannot compare a folder with text read from stdin".to_owned(),
        )),
        _ => {
            let (of, ot) = old.load()?;
            let (nf, nt) = new.load()?;
            let changes = diff_texts(ot, of, nt, nf);
            Ok(Outcome::File(FileDiff::new(
                &old.name(),
                &new.name(),
                changes,
            )))
        }
    }
}

#[cfg(feature = "cli")]
fn compare_folders(old: &Path, new: &Path) -> FolderDiff {
    let pairs = pair_folders(old, new);
    let mut files = Vec::new();
    let mut errors: Vec<ErrorJson> = pairs
        .errors
        .iter()
        .map(|(path, message)| ErrorJson {
            path: path.clone(),
            message: message.clone(),
        })
        .collect();
    for (_, o, n) in &pairs.both {
        let (oi, ni) = (DiffInput::Path(o.clone()), DiffInput::Path(n.clone()));
        match (oi.load(), ni.load()) {
            (Ok((of, ot)), Ok((nf, nt))) => files.push(FileDiff::new(
                &oi.name(),
                &ni.name(),
                diff_texts(ot, of, nt, nf),
            )),
            (o, n) => {
                for (input, r) in [(&oi, o), (&ni, n)] {
                    if let Err(e) = r {
                        let path = input.name();
                        let message = e.to_string();
                        let message = message
                            .strip_prefix(&format!("{path}: "))
                            .map(str::to_owned)
                            .unwrap_or(message);
                        errors.push(ErrorJson { path, message });
                    }
                }
            }
        }
    }
    FolderDiff::new(
        &old.display().to_string(),
        &new.display().to_string(),
        files,
        pairs.added.into_iter().map(|(rel, _)| rel).collect(),
        pairs.removed.into_iter().map(|(rel, _)| rel).collect(),
        errors,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Analysis {
        Analysis::new(s.to_owned(), Format::Text)
    }

    #[test]
    fn tokens_fold_marks_and_keep_numbers() {
        let text = "We don’t   know—3.5 percent, she’s “sure.”";
        let mut keys = Keys::default();
        let ids: Vec<u32> = tokenize(text, &mut keys).iter().map(|t| t.key).collect();
        let names = keys.names();
        let keys: Vec<&str> = ids.iter().map(|&id| names[id as usize].as_str()).collect();
        assert_eq!(
            keys,
            [
                "we", "don't", "know", "-", "3.5", "percent", ",", "she's", "\"", "sure", ".", "\""
            ]
        );
        assert_eq!(
            word_strings(text),
            ["we", "don't", "know", "3.5", "percent", "she's", "sure"]
        );
    }

    #[test]
    fn edits_match_the_contract_example() {
        let e = word_edits("We will not negotiate", "We will not negotiate yet");
        assert_eq!(
            e,
            [
                Edit {
                    op: EditOp::Equal,
                    text: "We will not negotiate".into()
                },
                Edit {
                    op: EditOp::Insert,
                    text: " yet".into()
                }
            ]
        );
    }

    #[test]
    fn kinds_parse() {
        assert_eq!(
            ChangeKind::parse_list("quote_edited, source-downgraded").unwrap(),
            [ChangeKind::QuoteEdited, ChangeKind::SourceDowngraded]
        );
        assert!(ChangeKind::parse_list("quote_edit").is_err());
        assert!(ChangeKind::parse_list("").unwrap().is_empty());
    }

    #[test]
    fn ranks_order_sources() {
        assert!(rank(Some(SourceClass::Document)) > rank(Some(SourceClass::Anonymous)));
        assert!(rank(Some(SourceClass::Anonymous)) > rank(Some(SourceClass::Vague)));
        assert!(rank(Some(SourceClass::Vague)) > rank(Some(SourceClass::Passive)));
        assert!(rank(Some(SourceClass::Passive)) > rank(None));
    }

    #[test]
    fn reflowed_text_is_no_change() {
        let a = text("\"We will not negotiate this week,\" said Ana Ruiz, the mayor.\n");
        let b = text("“We will not\nnegotiate this week,” said Ana Ruiz, the mayor.\n");
        assert_eq!(diff(&a, &b), []);
    }

    #[test]
    fn empty_inputs_do_not_panic() {
        assert_eq!(diff(&text(""), &text("")), []);
        let _ = diff(&text("\"unclosed"), &text("“"));
    }
}
