//! The rule model: rule files in YAML (the contract's shape), compiled once into matchers that
//! the [`engine`] runs over an [`Analysis`](crate::analysis::Analysis).
//!
//! A rule file is `rules: [...]`; each rule has `id`, `severity`, `message`, `when` (one matcher),
//! optional `unless`, `description`, `standard` and `examples`. Decoding is strict: an unknown key
//! is an error naming the file, line, column and key. See `rules/README.md` for the schema,
//! including the extensions the bundled packs use (`@lexicon` references, `{a|b}` and `[a|b]`
//! groups in phrases, `text`, `sentence_has`, `first`, `credited`, `sentence_start`, `any`,
//! `share.at_most`, `share.claims`, `lone_plural`, `unless.outlet`, `unless.attributed`,
//! `unless.credited`, `unless.named_nearby`, `unless.anchored`).

pub mod clause;
pub mod cue;
pub mod engine;
pub mod held;
pub mod lone_plural;
pub mod pattern;
pub mod phrase;
pub mod quote;
pub mod record;
pub mod share;
pub mod source;

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::lexicon::{PhraseSet, WordSet, lexicon};
use crate::sources::SourceClass;

pub use engine::{Finding, RuleSet};

/// How serious a finding is. `Off` disables a rule.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The rule is disabled.
    Off,
    /// A hint.
    Info,
    /// A problem an editor should look at.
    #[default]
    Warning,
    /// A breach of the standard.
    Error,
}

impl Severity {
    /// The lowercase name used in output and YAML.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Off => "off",
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// Parse `error|warning|info|off`.
    pub fn parse(s: &str) -> Option<Severity> {
        Some(match s.trim().to_ascii_lowercase().as_str() {
            "off" => Severity::Off,
            "info" => Severity::Info,
            "warning" | "warn" => Severity::Warning,
            "error" => Severity::Error,
            _ => return None,
        })
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

// ---------------------------------------------------------------------------------------------
// The YAML shape.

/// A rule file as written: `rules: [...]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    /// The rules, in order.
    pub rules: Vec<RuleSpec>,
}

/// One rule as written in YAML.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    /// Unique id (lowercase words joined by `-`).
    pub id: String,
    /// Default severity.
    pub severity: Severity,
    /// Message template: `{source}`, `{cue}`, `{quote}`, `{match}`.
    pub message: String,
    /// The matcher.
    pub when: WhenSpec,
    /// Exceptions.
    #[serde(default)]
    pub unless: UnlessSpec,
    /// What the rule flags and why.
    #[serde(default)]
    pub description: Option<String>,
    /// The standard the rule comes from (free text).
    #[serde(default)]
    pub standard: Option<String>,
    /// Texts that must (bad) and must not (good) trigger the rule.
    #[serde(default)]
    pub examples: Examples,
}

/// The `when` block: exactly one matcher (`source` may carry `quote`, `text`, `sentence_has`,
/// `first` as narrowing, `phrase` may carry `sentence_start`), or `any` with a list of `when`
/// blocks.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WhenSpec {
    /// Word-bounded, case-insensitive phrases in the writer's prose (`@name` = a lexicon list;
    /// `{a|b}` = one of, `[a|b]` = optionally one of).
    #[serde(default)]
    pub phrase: Option<Vec<String>>,
    /// Source classes of quote speakers and attributed claims.
    #[serde(default)]
    pub source: Option<Vec<String>>,
    /// `direct|partial|any` with `source`; `unattributed|unbalanced` on its own.
    #[serde(default)]
    pub quote: Option<String>,
    /// Speech verbs at an attribution (`@name` = a lexicon word list).
    #[serde(default)]
    pub cue: Option<Vec<String>>,
    /// A regex (the `regex` crate's syntax) over the writer's prose; a group named `match`, if
    /// present, gives the span.
    #[serde(default)]
    pub pattern: Option<String>,
    /// A document-level share of quotes by source class.
    #[serde(default)]
    pub share: Option<ShareSpec>,
    /// Document level: the story's only unnamed source is one plural mention ("sources said")
    /// and nothing shows more than one.
    #[serde(default)]
    pub lone_plural: Option<LonePluralSpec>,
    /// With `source`: the source's words must be exactly one of these (case-insensitive).
    #[serde(default)]
    pub text: Option<Vec<String>>,
    /// With `source`: the sentence (or the quote) must contain one of these phrases.
    #[serde(default)]
    pub sentence_has: Option<Vec<String>>,
    /// With `source`: only the story's first quote counts.
    #[serde(default)]
    pub first: Option<bool>,
    /// With `source`: only sources another outlet reports count ("Reuters reported, citing a
    /// government source"): the `credited` condition of `unless`, as a requirement.
    #[serde(default)]
    pub credited: Option<bool>,
    /// With `phrase`: only phrases that open a sentence count (after `.`, `!` or `?`, an
    /// optional closing quote mark and whitespace, or at the start of the text, a paragraph or
    /// a heading; a sentence connective such as "But," may stand between).
    #[serde(default)]
    pub sentence_start: Option<bool>,
    /// Any of several matchers; overlapping hits are reported once.
    #[serde(default)]
    pub any: Option<Vec<WhenSpec>>,
}

/// The `share` matcher as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShareSpec {
    /// The classes counted.
    pub classes: Vec<String>,
    /// Fires when the share is strictly above this (0..1).
    #[serde(default)]
    pub above: Option<f64>,
    /// Fires when the share is at most this (0..1).
    #[serde(default)]
    pub at_most: Option<f64>,
    /// Minimum number of attributed quotes before the rule looks.
    #[serde(default)]
    pub min_quotes: Option<usize>,
    /// Count attributed claims (no quote marks) as well as quotes.
    #[serde(default)]
    pub claims: bool,
}

/// The `lone_plural` matcher as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LonePluralSpec {
    /// The classes of the story's unnamed sources: every quote and claim from these classes must
    /// come from one source, described in the plural.
    pub classes: Vec<String>,
    /// Plural head nouns ("sources", "officials", "people"); `@name` = a lexicon word list.
    pub heads: Vec<String>,
    /// Phrases that show more than one ("two", "both", "one of"), `@name` = a lexicon phrase
    /// list: in any mention of the source, or before its head noun (up to two words between)
    /// anywhere in the story ("both sources", "two senior officials"). Numerals of 2 or more
    /// count too.
    pub more_than_one: Vec<String>,
    /// Phrases that mark the source as confidential rather than an institution's public voice
    /// (`@knowledge`, `@justifications`, "sources"): one must stand in the source's words or in
    /// the sentence of one of its mentions (or the sentence after the first). Without this
    /// list, any plural source counts.
    #[serde(default)]
    pub confidential: Option<Vec<String>>,
}

/// The `unless` block.
#[derive(Debug, Default, Deserialize, Clone, Copy)]
#[serde(deny_unknown_fields)]
pub struct UnlessSpec {
    /// A reason for anonymity is stated in the same or the next sentence (or for the same source
    /// elsewhere).
    #[serde(default)]
    pub justified: bool,
    /// A news outlet is named in the same or an adjacent sentence.
    #[serde(default)]
    pub outlet: bool,
    /// The match is the speech verb of an attribution ("Smith suggested ..."), or someone in
    /// its clause holds it ("officials estimated she may have starved").
    #[serde(default)]
    pub attributed: bool,
    /// The unnamed source is another outlet's: an outlet is named in its sentence, or a named
    /// source reports, cites or is told it ("Reuters reported, citing a government source").
    #[serde(default)]
    pub credited: bool,
    /// The description is on the record: its person is named with its role in the same or the
    /// previous sentence (a headline: the lede), or it is a definite office ("the Indian prime
    /// minister").
    #[serde(default)]
    pub named_nearby: bool,
    /// The agent of an agentless phrase is given after all: a "by"/"from" phrase right after it
    /// ("according to reports from the interior ministry", "was criticized by the union"), or
    /// a news outlet (or its reporter) speaking in its sentence.
    #[serde(default)]
    pub agent: bool,
    /// The group is one the story identifies ("the researchers", "his supporters", "Boccaletti
    /// and other researchers"), or a negated quantifier ("Not everyone agreed").
    #[serde(default)]
    pub anchored: bool,
}

/// `examples: {bad: [...], good: [...]}`.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    /// Texts that must trigger the rule.
    #[serde(default)]
    pub bad: Vec<String>,
    /// Texts that must not.
    #[serde(default)]
    pub good: Vec<String>,
}

// ---------------------------------------------------------------------------------------------
// Compiled rules.

/// Which quotes a `source` matcher looks at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuoteScope {
    /// Direct quotes only.
    Direct,
    /// Partial quotes only.
    Partial,
    /// Any quote of speech (direct or partial), but not unquoted claims.
    Any,
}

/// A quote condition on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuoteCond {
    /// A direct quote with no speaker, not even by continuation.
    Unattributed,
    /// An opening mark that never closes.
    Unbalanced,
}

/// A compiled list of phrases: literal entries in one automaton plus lexicon lists by reference.
#[derive(Debug)]
pub struct Phrases {
    own: Option<PhraseSet>,
    lex: Vec<&'static PhraseSet>,
}

impl Phrases {
    /// Every word-bounded match in `text` (span, matched text), sorted, overlaps removed.
    pub fn find_all(&self, text: &str) -> Vec<crate::span::Span> {
        self.find_in(text, &crate::lexicon::word_runs(text))
    }

    /// [`Phrases::find_all`] with the text's [`crate::lexicon::word_runs`] already split.
    pub fn find_in(&self, text: &str, runs: &[crate::lexicon::WordRun]) -> Vec<crate::span::Span> {
        self.merge(|set| std::borrow::Cow::Owned(set.find_in(text, runs)))
    }

    /// [`Phrases::find_all`] over an analysed document's view, reading the lexicon lists'
    /// matches from the analysis ([`Analysis::find`]) rather than scanning again.
    pub fn find_in_analysis(&self, a: &crate::analysis::Analysis) -> Vec<crate::span::Span> {
        self.merge(|set| a.find(set))
    }

    /// The matches of every list (`matches` of each), sorted, overlaps removed.
    fn merge<'s>(
        &'s self,
        matches: impl Fn(&'s PhraseSet) -> std::borrow::Cow<'s, [(crate::span::Span, usize)]>,
    ) -> Vec<crate::span::Span> {
        let mut out: Vec<crate::span::Span> = Vec::new();
        for set in self.own.iter().chain(self.lex.iter().copied()) {
            out.extend(matches(set).iter().map(|(s, _)| *s));
        }
        out.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
        let mut kept: Vec<crate::span::Span> = Vec::new();
        for s in out {
            if kept.last().is_some_and(|k| s.start < k.end) {
                continue;
            }
            kept.push(s);
        }
        kept
    }

    /// True when some phrase occurs in `text`.
    pub fn is_match(&self, text: &str) -> bool {
        self.own.iter().any(|s| s.is_match(text)) || self.lex.iter().any(|s| s.is_match(text))
    }
}

/// A compiled list of single words (lowercase) plus lexicon word lists by reference.
#[derive(Debug)]
pub struct Words {
    own: rustc_hash::FxHashSet<String>,
    lex: Vec<&'static WordSet>,
}

impl Words {
    /// True when `word` (any case) is in the list.
    pub fn contains(&self, word: &str) -> bool {
        self.own_contains(word) || self.lex.iter().any(|l| l.contains(word))
    }

    /// True when `word` lowercased is in `own` (short ASCII words lowercased on the stack).
    fn own_contains(&self, word: &str) -> bool {
        if self.own.is_empty() {
            return false;
        }
        let mut buf = [0u8; 32];
        if word.is_ascii() && word.len() <= buf.len() {
            let lower = &mut buf[..word.len()];
            lower.copy_from_slice(word.as_bytes());
            lower.make_ascii_lowercase();
            return std::str::from_utf8(lower).is_ok_and(|l| self.own.contains(l));
        }
        self.own.contains(&word.to_lowercase())
    }
}

/// The `phrase` matcher, compiled.
#[derive(Debug)]
pub struct PhraseMatch {
    /// The phrases.
    pub phrases: Phrases,
    /// Only hits that open a sentence count.
    pub sentence_start: bool,
}

/// The `share` matcher, compiled.
#[derive(Debug)]
pub struct Share {
    /// Classes counted.
    pub classes: Vec<SourceClass>,
    /// Fires above this share.
    pub above: Option<f64>,
    /// Fires at or below this share.
    pub at_most: Option<f64>,
    /// Minimum attributed quotes.
    pub min_quotes: usize,
    /// Count claims too.
    pub claims: bool,
}

/// The `lone_plural` matcher, compiled.
#[derive(Debug)]
pub struct LonePlural {
    /// Classes of the unnamed sources.
    pub classes: Vec<SourceClass>,
    /// Plural head nouns.
    pub heads: Words,
    /// Words that show more than one ("two", "both", "one of").
    pub more_than_one: Phrases,
    /// Phrases marking a confidential source, if required.
    pub confidential: Option<Phrases>,
}

/// The `source` matcher, compiled.
#[derive(Debug)]
pub struct SourceMatch {
    /// Classes that fire.
    pub classes: Vec<SourceClass>,
    /// Quote narrowing; `None` = quotes and unquoted claims.
    pub quote: Option<QuoteScope>,
    /// Exact source words (lowercase).
    pub text: Option<rustc_hash::FxHashSet<String>>,
    /// Phrases the sentence or quote must hold.
    pub sentence_has: Option<Phrases>,
    /// Only the story's first quote.
    pub first: bool,
    /// Only sources another outlet reports.
    pub credited: bool,
}

/// One compiled matcher.
#[derive(Debug)]
pub enum Matcher {
    /// Phrases in the writer's prose.
    Phrase(PhraseMatch),
    /// Sources of given classes.
    Source(SourceMatch),
    /// Speech verbs at attributions.
    Cue(Words),
    /// A regex over the writer's prose.
    Pattern(regex::Regex),
    /// A document-level share.
    Share(Share),
    /// Document level: one plural unnamed source and nothing showing more than one.
    LonePlural(LonePlural),
    /// Unattributed or unbalanced quotes.
    Quote(QuoteCond),
    /// Any of several matchers.
    Any(Vec<Matcher>),
}

/// A compiled rule.
#[derive(Debug)]
pub struct Rule {
    /// Unique id.
    pub id: String,
    /// The pack (`core`, `strict`) or the file it came from.
    pub pack: String,
    /// Effective severity.
    pub severity: Severity,
    /// Severity as written in the rule file.
    pub default_severity: Severity,
    /// Message template.
    pub message: String,
    /// The matcher.
    pub matcher: Matcher,
    /// Exceptions.
    pub unless: UnlessSpec,
    /// Description.
    pub description: Option<String>,
    /// Standard cited.
    pub standard: Option<String>,
    /// Examples.
    pub examples: Examples,
}

/// Template placeholders a message may use.
pub const PLACEHOLDERS: [&str; 4] = ["source", "cue", "quote", "match"];

fn rule_err(path: &Path, rule: &str, message: impl Into<String>) -> Error {
    Error::Rule {
        path: path.to_path_buf(),
        rule: rule.to_owned(),
        message: message.into(),
    }
}

fn lexicon_phrases(name: &str) -> Option<&'static PhraseSet> {
    let l = lexicon();
    Some(match name {
        "hedges" => &l.hedges,
        "passive" => &l.passive,
        "vague_frames" => &l.vague_frames,
        "vague_openers" => &l.vague_openers,
        "justifications" => &l.justifications,
        "boilerplate" => &l.boilerplate,
        "according" => &l.according,
        "knowledge" => &l.knowledge,
        "outlets" => &l.outlet_phrases,
        _ => return None,
    })
}

fn lexicon_words(name: &str) -> Option<&'static WordSet> {
    let l = lexicon();
    Some(match name {
        "loaded" => &l.loaded,
        "neutral" => &l.neutral,
        "cognitive" => &l.cognitive,
        "anon_heads" => &l.anon_heads,
        "vague_heads" => &l.vague_heads,
        _ => return None,
    })
}

/// Names usable as `@name` in `phrase`/`sentence_has` lists.
pub const LEXICON_PHRASE_LISTS: [&str; 9] = [
    "hedges",
    "passive",
    "vague_frames",
    "vague_openers",
    "justifications",
    "boilerplate",
    "according",
    "knowledge",
    "outlets",
];
/// Names usable as `@name` in `cue` lists.
pub const LEXICON_WORD_LISTS: [&str; 5] = [
    "loaded",
    "neutral",
    "cognitive",
    "anon_heads",
    "vague_heads",
];

fn compile_phrases(path: &Path, id: &str, list: &[String]) -> Result<Phrases> {
    let mut own = Vec::new();
    let mut lex = Vec::new();
    for p in list {
        if let Some(name) = p.strip_prefix('@') {
            lex.push(lexicon_phrases(name).ok_or_else(|| {
                rule_err(
                    path,
                    id,
                    format!(
                        "unknown lexicon list `@{name}` (known: {})",
                        LEXICON_PHRASE_LISTS.join(", ")
                    ),
                )
            })?);
        } else if p.trim().is_empty() {
            return Err(rule_err(path, id, "empty phrase"));
        } else {
            own.push(p.trim().to_owned());
        }
    }
    if own.is_empty() && lex.is_empty() {
        return Err(rule_err(path, id, "empty phrase list"));
    }
    let own = crate::lexicon::expand_phrases(&own).map_err(|e| rule_err(path, id, e))?;
    let own = if own.is_empty() {
        None
    } else {
        // Built here rather than with PhraseSet::new so a pathological list is an error, not a
        // panic.
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(&own)
            .map_err(|e| rule_err(path, id, format!("phrase list does not compile: {e}")))?;
        Some(PhraseSet::new(&own))
    };
    Ok(Phrases { own, lex })
}

fn compile_words(path: &Path, id: &str, list: &[String]) -> Result<Words> {
    let mut own = rustc_hash::FxHashSet::default();
    let mut lex = Vec::new();
    for w in list {
        if let Some(name) = w.strip_prefix('@') {
            lex.push(lexicon_words(name).ok_or_else(|| {
                rule_err(
                    path,
                    id,
                    format!(
                        "unknown lexicon list `@{name}` (known: {})",
                        LEXICON_WORD_LISTS.join(", ")
                    ),
                )
            })?);
        } else if w.trim().is_empty() {
            return Err(rule_err(path, id, "empty cue word"));
        } else {
            own.insert(w.trim().to_lowercase());
        }
    }
    if own.is_empty() && lex.is_empty() {
        return Err(rule_err(path, id, "empty cue list"));
    }
    Ok(Words { own, lex })
}

fn classes(path: &Path, id: &str, list: &[String]) -> Result<Vec<SourceClass>> {
    if list.is_empty() {
        return Err(rule_err(path, id, "empty class list"));
    }
    list.iter()
        .map(|c| {
            SourceClass::parse(c).ok_or_else(|| {
                rule_err(
                    path,
                    id,
                    format!(
                        "unknown source class `{c}` (known: named_person, named_organization, \
                         document, anonymous, vague, passive, unresolved)"
                    ),
                )
            })
        })
        .collect()
}

fn compile_lone_plural(path: &Path, id: &str, s: &LonePluralSpec) -> Result<LonePlural> {
    let heads = compile_words(path, id, &s.heads)?;
    let more_than_one = compile_phrases(path, id, &s.more_than_one)?;
    Ok(LonePlural {
        classes: classes(path, id, &s.classes)?,
        heads,
        more_than_one,
        confidential: s
            .confidential
            .as_ref()
            .map(|l| compile_phrases(path, id, l))
            .transpose()?,
    })
}

fn compile_when(path: &Path, id: &str, w: &WhenSpec) -> Result<Matcher> {
    let kinds = [
        w.phrase.is_some(),
        w.source.is_some(),
        w.cue.is_some(),
        w.pattern.is_some(),
        w.share.is_some(),
        w.lone_plural.is_some(),
        w.quote.is_some() && w.source.is_none(),
        w.any.is_some(),
    ]
    .iter()
    .filter(|b| **b)
    .count();
    if kinds != 1 {
        return Err(rule_err(
            path,
            id,
            "`when` needs exactly one matcher: phrase, source (with optional quote), cue, \
             pattern, share, lone_plural, quote (unattributed|unbalanced) or any",
        ));
    }
    let narrowing =
        w.text.is_some() || w.sentence_has.is_some() || w.first.is_some() || w.credited.is_some();
    if narrowing && w.source.is_none() {
        return Err(rule_err(
            path,
            id,
            "`text`, `sentence_has`, `first` and `credited` narrow a `source` matcher",
        ));
    }
    if w.sentence_start.is_some() && w.phrase.is_none() {
        return Err(rule_err(
            path,
            id,
            "`sentence_start` narrows a `phrase` matcher",
        ));
    }
    if let Some(list) = &w.phrase {
        return Ok(Matcher::Phrase(PhraseMatch {
            phrases: compile_phrases(path, id, list)?,
            sentence_start: w.sentence_start.unwrap_or(false),
        }));
    }
    if let Some(list) = &w.cue {
        return Ok(Matcher::Cue(compile_words(path, id, list)?));
    }
    if let Some(p) = &w.pattern {
        let re = regex::RegexBuilder::new(p)
            .size_limit(MAX_PATTERN_SIZE)
            .build()
            .map_err(|e| rule_err(path, id, format!("bad pattern: {e}")))?;
        return Ok(Matcher::Pattern(re));
    }
    if let Some(s) = &w.share {
        if s.above.is_none() == s.at_most.is_none() {
            return Err(rule_err(
                path,
                id,
                "`share` needs one of `above` or `at_most`",
            ));
        }
        return Ok(Matcher::Share(Share {
            classes: classes(path, id, &s.classes)?,
            above: s.above,
            at_most: s.at_most,
            min_quotes: s.min_quotes.unwrap_or(1),
            claims: s.claims,
        }));
    }
    if let Some(lp) = &w.lone_plural {
        return Ok(Matcher::LonePlural(compile_lone_plural(path, id, lp)?));
    }
    if let Some(list) = &w.any {
        if list.is_empty() {
            return Err(rule_err(path, id, "`any` needs at least one matcher"));
        }
        return Ok(Matcher::Any(
            list.iter()
                .map(|w| compile_when(path, id, w))
                .collect::<Result<_>>()?,
        ));
    }
    if let Some(list) = &w.source {
        let quote = match w.quote.as_deref() {
            None => None,
            Some("direct") => Some(QuoteScope::Direct),
            Some("partial") => Some(QuoteScope::Partial),
            Some("any") => Some(QuoteScope::Any),
            Some(other) => {
                return Err(rule_err(
                    path,
                    id,
                    format!("with `source`, `quote` is direct, partial or any, not `{other}`"),
                ));
            }
        };
        return Ok(Matcher::Source(SourceMatch {
            classes: classes(path, id, list)?,
            quote,
            text: w
                .text
                .as_ref()
                .map(|t| t.iter().map(|s| s.trim().to_lowercase()).collect()),
            sentence_has: w
                .sentence_has
                .as_ref()
                .map(|l| compile_phrases(path, id, l))
                .transpose()?,
            first: w.first.unwrap_or(false),
            credited: w.credited.unwrap_or(false),
        }));
    }
    match w.quote.as_deref() {
        Some("unattributed") => Ok(Matcher::Quote(QuoteCond::Unattributed)),
        Some("unbalanced") => Ok(Matcher::Quote(QuoteCond::Unbalanced)),
        Some(other) => Err(rule_err(
            path,
            id,
            format!(
                "on its own, `quote` is unattributed or unbalanced, not `{other}` (use it with \
                 `source` to narrow)"
            ),
        )),
        None => Err(rule_err(path, id, "`when` needs a matcher")),
    }
}

fn check_template(path: &Path, id: &str, msg: &str) -> Result<()> {
    let mut rest = msg;
    while let Some(i) = rest.find('{') {
        let after = &rest[i + 1..];
        let Some(j) = after.find('}') else {
            return Err(rule_err(path, id, "unclosed `{` in message"));
        };
        let name = &after[..j];
        if !PLACEHOLDERS.contains(&name) {
            return Err(rule_err(
                path,
                id,
                format!(
                    "unknown placeholder `{{{name}}}` in message (use {{source}}, {{cue}}, {{quote}}, {{match}})"
                ),
            ));
        }
        rest = &after[j + 1..];
    }
    Ok(())
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

impl Rule {
    /// Compile one rule spec read from `path`, belonging to `pack`.
    pub fn compile(path: &Path, pack: &str, spec: RuleSpec) -> Result<Rule> {
        if !valid_id(&spec.id) {
            return Err(rule_err(
                path,
                &spec.id,
                "ids are lowercase letters, digits, `-` and `_`",
            ));
        }
        check_template(path, &spec.id, &spec.message)?;
        let matcher = compile_when(path, &spec.id, &spec.when)?;
        Ok(Rule {
            id: spec.id,
            pack: pack.to_owned(),
            severity: spec.severity,
            default_severity: spec.severity,
            message: spec.message,
            matcher,
            unless: spec.unless,
            description: spec.description,
            standard: spec.standard,
            examples: spec.examples,
        })
    }
}

/// Parse and compile a rule file's text (`path` is used in errors).
pub fn parse_rules(path: &Path, pack: &str, text: &str) -> Result<Vec<Rule>> {
    let file: RuleFile = crate::yaml::from_str(path, text)?;
    check_budget(path, &file)?;
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(file.rules.len());
    for spec in file.rules {
        if !seen.insert(spec.id.clone()) {
            return Err(rule_err(path, &spec.id, "duplicate rule id"));
        }
        out.push(Rule::compile(path, pack, spec)?);
    }
    Ok(out)
}

/// Most rules one rule file may hold.
pub const MAX_RULES_PER_FILE: usize = 200;
/// Most regular expressions (`pattern`) one rule file may hold.
pub const MAX_PATTERNS_PER_FILE: usize = 32;
/// Most phrases (`phrase`, `sentence_has`) one rule file may hold, counted after `{a|b}` /
/// `[a|b]` groups expand.
pub const MAX_PHRASES_PER_FILE: usize = 50_000;
/// Largest compiled size of one regular expression (bytes; the `regex` crate's own measure).
pub const MAX_PATTERN_SIZE: usize = 1 << 20;

/// Refuse a rule file over the aggregate limits before anything is compiled: 1,000 regex rules
/// took 12 s and 2.95 GB to load, 1,000 phrase-group rules 1.4 GB.
fn check_budget(path: &Path, file: &RuleFile) -> Result<()> {
    let too_many = |what: &str, n: usize, limit: usize| {
        Err(Error::Rule {
            path: path.to_path_buf(),
            rule: "(file)".into(),
            message: format!("too many {what} ({n}, limit {limit} per rule file)"),
        })
    };
    if file.rules.len() > MAX_RULES_PER_FILE {
        return too_many("rules", file.rules.len(), MAX_RULES_PER_FILE);
    }
    fn walk(w: &WhenSpec, patterns: &mut usize, phrases: &mut usize) {
        *patterns += usize::from(w.pattern.is_some());
        for p in w.phrase.iter().chain(&w.sentence_has).flatten() {
            *phrases = phrases.saturating_add(expansions(p));
        }
        for a in w.any.iter().flatten() {
            walk(a, patterns, phrases);
        }
    }
    let (mut patterns, mut phrases) = (0, 0);
    for r in &file.rules {
        walk(&r.when, &mut patterns, &mut phrases);
    }
    if patterns > MAX_PATTERNS_PER_FILE {
        return too_many("patterns", patterns, MAX_PATTERNS_PER_FILE);
    }
    if phrases > MAX_PHRASES_PER_FILE {
        return too_many(
            "phrases (after groups expand)",
            phrases,
            MAX_PHRASES_PER_FILE,
        );
    }
    Ok(())
}

/// How many phrases `p` expands to, without expanding it: the product of each `{a|b}` group's
/// alternatives (and one more for an optional `[a|b]` group). An upper bound, saturating.
fn expansions(p: &str) -> usize {
    let mut n: usize = 1;
    let mut chars = p.chars();
    while let Some(c) = chars.next() {
        let close = match c {
            '{' => '}',
            '[' => ']',
            _ => continue,
        };
        let mut alts = 1usize;
        for d in chars.by_ref() {
            if d == close {
                break;
            }
            alts += usize::from(d == '|');
        }
        n = n.saturating_mul(alts + usize::from(c == '['));
    }
    n
}

/// Read, parse and compile a rule file from disk.
pub fn load_rule_file(path: &Path) -> Result<Vec<Rule>> {
    let text = crate::yaml::read_file(path)?;
    parse_rules(path, &path.display().to_string(), &text)
}

/// The bundled packs: (name, enabled by default, file name, YAML text).
pub const PACKS: [(&str, bool, &str, &str); 2] = [
    (
        "core",
        true,
        "rules/core.yaml",
        include_str!("../../rules/core.yaml"),
    ),
    (
        "strict",
        false,
        "rules/strict.yaml",
        include_str!("../../rules/strict.yaml"),
    ),
];

/// The rules of a bundled pack, by name.
pub fn bundled_pack(name: &str) -> Result<Vec<Rule>> {
    let Some((pack, _, file, text)) = PACKS.iter().find(|p| p.0 == name) else {
        return Err(Error::Usage(format!(
            "unknown rule pack `{name}` (known: {})",
            PACKS.map(|p| p.0).join(", ")
        )));
    };
    parse_rules(&PathBuf::from(file), pack, text)
}
