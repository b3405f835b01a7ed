//! Runs a [`RuleSet`] over an [`Analysis`] and returns [`Finding`]s: rule id, severity, message,
//! raw span, line, column and the words that triggered it.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use serde::Serialize;

use super::{Matcher, Rule, Severity};
use crate::analysis::{Analysis, QuoteInfo};
use crate::lexicon::lexicon;
use crate::quotes::QuoteKind;
use crate::sources::{Source, SourceClass};
use crate::span::Span;

/// One problem found in a file.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    /// The rule id.
    pub rule: String,
    /// Its severity.
    pub severity: Severity,
    /// The message, template filled in.
    pub message: String,
    /// Raw byte offset of the start.
    pub start: usize,
    /// Raw byte offset of the end.
    pub end: usize,
    /// 1-based line.
    pub line: usize,
    /// 1-based column in characters.
    pub column: usize,
    /// The words that triggered it.
    pub text: String,
    /// View span (not serialised).
    #[serde(skip)]
    pub view: Span,
}

/// What a matcher found: where, and the values for the message template.
#[derive(Clone, Debug)]
pub struct Hit<'a> {
    /// View span of the words that triggered it.
    pub span: Span,
    /// The source, for source-based matchers.
    pub source: Option<&'a Source>,
    /// The cue words.
    pub cue: Option<String>,
    /// The quoted words.
    pub quote: Option<String>,
    /// Text for `{match}` when it is not the span's words.
    pub matched: Option<String>,
}

impl<'a> Hit<'a> {
    /// A hit covering `span` with nothing else known.
    pub fn at(span: Span) -> Self {
        Hit {
            span,
            source: None,
            cue: None,
            quote: None,
            matched: None,
        }
    }
}

/// A quote or claim with a source, as the source-based matchers see it.
#[derive(Clone, Copy, Debug)]
pub struct Sourced<'a> {
    /// The source.
    pub source: &'a Source,
    /// The quote, for quotes.
    pub quote: Option<&'a QuoteInfo>,
    /// The cue words.
    pub cue: Option<&'a str>,
    /// The cue's view span.
    pub cue_span: Option<Span>,
    /// The sentence of the quote or claim.
    pub sentence: usize,
    /// The entity the source is a mention of: re-mentions ("the official" referring to "a White
    /// House official") share the entity of the mention they refer to.
    pub entity: usize,
}

/// Facts about one analysis that several rules share, computed once per file.
pub struct Ctx<'a> {
    /// The analysis.
    pub a: &'a Analysis,
    /// Every quote of speech or claim with a source, in document order.
    pub sourced: Vec<Sourced<'a>>,
    justification: Vec<bool>,
    outlet: Vec<bool>,
    outlet_form: Vec<std::cell::OnceCell<bool>>,
    named: Vec<bool>,
    justified_mentions: HashSet<usize>,
    cue_spans: Vec<Span>,
    /// Words that make someone hold what their clause says, sorted: attribution cues,
    /// agentless frames ("reports indicate") and weasel frames ("experts say"), outside quotes.
    /// Built on first use (only hedges ask).
    holders: std::cell::OnceCell<Vec<Span>>,
    /// Speech and belief verb forms in prose, sorted: holders where they stand as verbs.
    verbs: std::cell::OnceCell<Vec<Span>>,
    anon_mentions: Vec<Vec<usize>>,
    /// `sourced` indexes by the sentence of their source, sorted: built on first use, so that
    /// looking for the sources of one sentence costs a search, not a scan of the story.
    by_source_sentence: std::cell::OnceCell<Vec<(usize, usize)>>,
}

/// Longest attribution cue looked back for by [`Ctx::attributed`] (bytes); cues are a few words.
const MAX_CUE_BYTES: usize = 256;

fn is_anonymous(c: SourceClass) -> bool {
    matches!(c, SourceClass::Anonymous | SourceClass::Vague)
}

impl<'a> Ctx<'a> {
    /// Precompute the shared facts for `a`.
    pub fn new(a: &'a Analysis) -> Self {
        let n = a.sentences.len().max(1);
        let mut sourced: Vec<Sourced<'a>> =
            Vec::with_capacity(a.quotes.len() + a.attributions.len());
        // Quotes and claims in transcript turns (the interviewee's speech, the interviewer's
        // questions) and in page furniture are not the story's sourcing.
        for q in &a.quotes {
            if q.kind == QuoteKind::Term || a.layout_excludes(q.quote.span.start) {
                continue;
            }
            if let Some(s) = &q.speaker {
                sourced.push(Sourced {
                    source: s,
                    quote: Some(q),
                    cue: q.cue.as_deref(),
                    cue_span: q.cue_span,
                    sentence: q.sentence,
                    entity: 0,
                });
            }
        }
        for at in &a.attributions {
            if a.layout_excludes(at.source.span.start) || a.layout_excludes(at.cue_span.start) {
                continue;
            }
            // An action is no claim: "Lawmakers shouted at the minister", "people ... from
            // being denied coverage".
            let Some(&sentence) = a.sentences.get(at.sentence) else {
                continue;
            };
            let claim = if at.source.class == SourceClass::Vague {
                super::clause::view_content
            } else {
                super::clause::claim_content
            };
            if !claim(&a.doc.text, sentence, at.cue_span, at.source.span) {
                continue;
            }
            sourced.push(Sourced {
                source: &at.source,
                quote: None,
                cue: Some(at.cue.as_str()),
                cue_span: Some(at.cue_span),
                sentence: at.sentence,
                entity: 0,
            });
        }
        sourced.sort_by_key(|s| {
            (
                s.quote.map_or(s.source.span.start, |q| q.quote.span.start),
                s.source.span.start,
            )
        });
        assign_entities(&mut sourced);

        let mut justification = vec![false; n];
        for &(span, _) in a.find(&lexicon().justifications).iter() {
            if !a.in_quote(span.start) {
                justification[a.sentence_at(span.start).min(n - 1)] = true;
            }
        }
        let mut outlet = vec![false; n];
        for &(span, _) in a.find(&lexicon().outlet_phrases).iter() {
            outlet[a.sentence_at(span.start).min(n - 1)] = true;
        }
        let mut named = vec![false; n];
        let mut anon_mentions: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut cue_spans = Vec::with_capacity(sourced.len());
        for s in &sourced {
            let i = s.sentence.min(n - 1);
            if s.source.class.is_named() {
                named[i] = true;
            }
            if is_anonymous(s.source.class) {
                let j = a.sentence_at(s.source.span.start).min(n - 1);
                anon_mentions[j].push(s.entity);
            }
            if let Some(c) = s.cue_span {
                cue_spans.push(c);
            }
        }
        // Sorted by start, for the look-ups of `attributed`.
        cue_spans.sort_by_key(|s| (s.start, s.end));
        let mut ctx = Ctx {
            a,
            sourced,
            justification,
            outlet_form: vec![std::cell::OnceCell::new(); outlet.len()],
            outlet,
            named,
            justified_mentions: HashSet::default(),
            cue_spans,
            holders: std::cell::OnceCell::new(),
            verbs: std::cell::OnceCell::new(),
            anon_mentions,
            by_source_sentence: std::cell::OnceCell::new(),
        };
        let mut justified = HashSet::default();
        for s in &ctx.sourced {
            if ctx.locally_justified(s) {
                justified.insert(s.entity);
            }
        }
        ctx.justified_mentions = justified;
        ctx
    }

    /// A reason for anonymity in the sentence of the source (or its quote), or in the next
    /// sentence when that sentence introduces no other anonymous source.
    fn locally_justified(&self, s: &Sourced<'_>) -> bool {
        let n = self.justification.len();
        let src_sentence = self.a.sentence_at(s.source.span.start).min(n - 1);
        let quote_sentence = s.sentence.min(n - 1);
        // Where the source was first described ("An aide who was not authorized to discuss
        // the talks ..." before "the aide said"), when that is not an attribution of its own.
        let first_sentence = s
            .source
            .mention
            .and_then(|m| self.a.mention_spans.get(m).copied().flatten())
            .map_or(src_sentence, |f| self.a.sentence_at(f.start).min(n - 1));
        let mut sentences = vec![src_sentence];
        for i in [quote_sentence, first_sentence] {
            if !sentences.contains(&i) {
                sentences.push(i);
            }
        }
        sentences.iter().any(|&i| {
            if self.justification[i] {
                return true;
            }
            let Some(&next) = self.justification.get(i + 1) else {
                return false;
            };
            next && self.anon_mentions[i + 1].iter().all(|e| *e == s.entity)
                && !self.describes_new_source(i + 1)
        })
    }

    /// True when sentence `i` opens with a new unnamed description ("A second club insider,
    /// who asked not to be named, ..."): a reason there is that source's, not an earlier one's,
    /// even when the grammar found no quote or claim for it.
    fn describes_new_source(&self, i: usize) -> bool {
        let lex = lexicon();
        let text = self.sentence_text(i);
        let mut words = text
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()));
        let Some(first) = words.next() else {
            return false;
        };
        (lex.counts.contains(first) || first.eq_ignore_ascii_case("another"))
            && words.take(4).any(|w| lex.anon_heads.contains(w))
    }

    /// True when the source has a stated reason for anonymity nearby, or its entity has one at
    /// another mention.
    pub fn justified(&self, s: &Sourced<'_>) -> bool {
        self.justified_mentions.contains(&s.entity) || self.locally_justified(s)
    }

    /// True when a phrase hit at `span` has a reason for anonymity in its or the next sentence.
    pub fn justified_at(&self, span: Span) -> bool {
        let i = self.a.sentence_at(span.start);
        self.justification.get(i).copied().unwrap_or(false)
            || self.justification.get(i + 1).copied().unwrap_or(false)
    }

    /// The quotes and claims whose source stands in sentence `i` (a binary search of an
    /// index built once).
    pub fn sourced_in(&self, i: usize) -> impl Iterator<Item = &Sourced<'a>> {
        let index = self.by_source_sentence.get_or_init(|| {
            let mut v: Vec<(usize, usize)> = self
                .sourced
                .iter()
                .enumerate()
                .map(|(k, s)| (self.a.sentence_at(s.source.span.start), k))
                .collect();
            v.sort_unstable();
            v
        });
        let from = index.partition_point(|&(j, _)| j < i);
        index[from..]
            .iter()
            .take_while(move |&&(j, _)| j == i)
            .map(|&(_, k)| &self.sourced[k])
    }

    /// True when a quote or claim has its source starting at view offset `start`.
    pub fn speaks_at(&self, start: usize) -> bool {
        self.sourced_in(self.a.sentence_at(start))
            .any(|s| s.source.span.start == start)
    }

    /// True when a news outlet is named in sentence `i`: one on the list of outlets, or one
    /// known by its form ([`super::record::outlet_by_form`], looked at once per sentence, and
    /// only when a rule asks).
    pub fn outlet_in(&self, i: usize) -> bool {
        let Some(&listed) = self.outlet.get(i) else {
            return false;
        };
        listed || *self.outlet_form[i].get_or_init(|| super::record::outlet_by_form(self.a, i))
    }

    /// True when a news outlet is named in the sentence of `span` or an adjacent one.
    pub fn outlet_near(&self, span: Span) -> bool {
        let i = self.a.sentence_at(span.start);
        (i.saturating_sub(1)..=i + 1).any(|j| self.outlet_in(j))
    }

    /// True when `span` overlaps the speech verb of an attribution ("Smith suggested ...").
    pub fn attributed(&self, span: Span) -> bool {
        // Cue spans are sorted by start and short (a verb or "according to"): look at those
        // starting before `span` ends, back to one cue's length before it starts.
        let i = self.cue_spans.partition_point(|c| c.start < span.end);
        self.cue_spans[..i]
            .iter()
            .rev()
            .take_while(|c| c.start + MAX_CUE_BYTES > span.start)
            .any(|c| span.start < c.end)
    }

    /// True when someone in the clause holds the words at `span` (a hedge), so they are not
    /// the writer's own (see [`super::held`]).
    pub fn held(&self, span: Span) -> bool {
        self.attributed(span) || super::held::held(self, span)
    }

    /// The holders (attribution cues, agentless and weasel frames) overlapping `within`, in
    /// order.
    pub fn holders_in(&self, within: Span) -> &[Span] {
        let holders = self.holders.get_or_init(|| {
            let lex = lexicon();
            let mut holders: Vec<Span> = self.cue_spans.clone();
            holders.extend(self.prose(&lex.passive));
            holders.extend(self.prose(&lex.vague_frames));
            holders.sort_by_key(|s| (s.start, s.end));
            holders.dedup();
            holders
        });
        in_range(holders, within)
    }

    /// The speech and belief verb forms of the prose overlapping `within`, in order.
    pub fn verbs_in(&self, within: Span) -> &[Span] {
        let verbs = self.verbs.get_or_init(|| self.prose(&lexicon().cue_words));
        in_range(verbs, within)
    }

    /// The matches of `set` in the writer's prose (not in quotes, turns or furniture).
    fn prose(&self, set: &crate::lexicon::PhraseSet) -> Vec<Span> {
        self.a
            .find(set)
            .iter()
            .map(|&(s, _)| s)
            .filter(|s| !self.a.not_prose(s.start))
            .collect()
    }

    /// True when sentence `i` holds a quote or claim from a named source.
    pub fn named_sentence(&self, i: usize) -> bool {
        self.named.get(i).copied().unwrap_or(false)
    }

    /// The text of sentence `i` (view).
    pub fn sentence_text(&self, i: usize) -> &'a str {
        self.a
            .sentences
            .get(i)
            .and_then(|s| self.a.doc.text.get(s.start..s.end))
            .unwrap_or("")
    }
}

/// The spans of sorted, non-nested `spans` that overlap `within`.
fn in_range(spans: &[Span], within: Span) -> &[Span] {
    let from = spans.partition_point(|h| h.end <= within.start);
    let to = spans.partition_point(|h| h.start < within.end);
    &spans[from..to.max(from)]
}

/// Give each sourced item an entity id: a re-mention whose `refers_to` names an earlier source's
/// words, or that shares its `mention` index, joins that source's entity.
fn assign_entities(sourced: &mut [Sourced<'_>]) {
    let mut by_text: HashMap<String, usize> =
        HashMap::with_capacity_and_hasher(sourced.len(), Default::default());
    let mut by_mention: HashMap<usize, usize> =
        HashMap::with_capacity_and_hasher(sourced.len(), Default::default());
    let mut next = 0;
    for s in sourced.iter_mut() {
        let text_key = entity_key(&s.source.text);
        let found = s
            .source
            .refers_to
            .as_deref()
            .and_then(|r| by_text.get(&entity_key(r)).copied())
            .or_else(|| s.source.mention.and_then(|m| by_mention.get(&m).copied()))
            .or_else(|| by_text.get(&text_key).copied());
        let e = found.unwrap_or_else(|| {
            next += 1;
            next - 1
        });
        s.entity = e;
        by_text.insert(text_key, e);
        if let Some(m) = s.source.mention {
            by_mention.insert(m, e);
        }
    }
}

/// The words of `t` joined by single spaces, lowercase: the text an entity is known by.
fn entity_key(t: &str) -> String {
    if !t.is_ascii() {
        return t
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
    }
    // ASCII: `char::is_whitespace` there is space and `\t`..=`\r`.
    let mut out = String::with_capacity(t.len());
    let mut gap = false;
    for &b in t.as_bytes() {
        if matches!(b, b' ' | b'\t'..=b'\r') {
            gap = true;
        } else {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.push(char::from(b.to_ascii_lowercase()));
        }
    }
    out
}

fn eval<'a>(m: &Matcher, rule: &Rule, ctx: &Ctx<'a>) -> Vec<Hit<'a>> {
    match m {
        Matcher::Phrase(m) => super::phrase::eval(m, ctx),
        Matcher::Source(s) => super::source::eval(s, rule, ctx),
        Matcher::Cue(w) => super::cue::eval(w, ctx),
        Matcher::Pattern(re) => super::pattern::eval(re, ctx),
        Matcher::Share(s) => super::share::eval(s, ctx),
        Matcher::LonePlural(lp) => super::lone_plural::eval(lp, ctx),
        Matcher::Quote(q) => super::quote::eval(*q, ctx),
        Matcher::Any(list) => {
            // Earlier matchers win where hits overlap.
            let mut kept: Vec<Hit<'a>> = Vec::new();
            for h in list.iter().flat_map(|m| eval(m, rule, ctx)) {
                if kept
                    .iter()
                    .any(|k| h.span.start < k.span.end && k.span.start < h.span.end)
                {
                    continue;
                }
                kept.push(h);
            }
            kept.sort_by_key(|h| (h.span.start, h.span.end));
            kept
        }
    }
}

/// Shorten `s` to at most `max` characters, with an ellipsis: its words joined by single
/// spaces, cut to `max` characters (trailing whitespace trimmed) when longer.
pub(crate) fn clip(s: &str, max: usize) -> String {
    let mut out = String::new();
    let mut chars = 0;
    for w in s.split_whitespace() {
        if chars > 0 {
            out.push(' ');
            chars += 1;
        }
        out.push_str(w);
        chars += w.chars().count();
        if chars > max {
            break;
        }
    }
    if chars <= max {
        return out;
    }
    let cut = out.char_indices().nth(max).map_or(out.len(), |(i, _)| i);
    out.truncate(cut);
    let kept = out.trim_end().len();
    out.truncate(kept);
    out.push('…');
    out
}

/// `s` with every `{name}` placeholder `p` replaced by `v` (as [`str::replace`]: `p` starts
/// with its only `{`, so matches cannot overlap).
fn replace_placeholder(s: &str, p: &str, v: &str) -> String {
    let mut out = String::with_capacity(s.len() + v.len());
    let mut last = 0;
    for (i, _) in s.match_indices('{') {
        if i >= last && s[i..].starts_with(p) {
            out.push_str(&s[last..i]);
            out.push_str(v);
            last = i + p.len();
        }
    }
    out.push_str(&s[last..]);
    out
}

/// Fill the placeholders of `template` one after another (a value may hold a later one).
fn fill(template: &str, hit: &Hit<'_>, matched: &str) -> String {
    // Replace only where `s` holds the placeholder, which is rare, and cheap to rule out.
    let has = |s: &str, p: &str| s.match_indices('{').any(|(i, _)| s[i..].starts_with(p));
    let mut s = template.to_owned();
    if has(&s, "{source}") {
        // A source reported where it was first described ("Protesters' demands ... They had
        // asked Lam to resign") is named as the words underlined there, not as the later
        // mention that spoke ("They").
        let named = hit.source.map_or(matched, |x| {
            if hit.span.end <= x.span.start && !matched.is_empty() {
                matched
            } else {
                x.text.as_str()
            }
        });
        s = replace_placeholder(&s, "{source}", named);
    }
    if has(&s, "{cue}") {
        s = replace_placeholder(&s, "{cue}", hit.cue.as_deref().unwrap_or(matched));
    }
    if has(&s, "{quote}") {
        // The quote's own closing comma or colon goes ("“We will rebuild,”."), and the
        // template's period after a quote that ends a sentence ("“Why?”.").
        let quote = clip(hit.quote.as_deref().unwrap_or(matched), 60);
        let quote = quote.trim_end_matches([',', ';', ':', ' ']);
        s = replace_placeholder(&s, "{quote}", quote);
        for end in [".”.", "?”.", "!”.", "…”."] {
            if s.contains(end) {
                s = s.replace(end, &end[..end.len() - 1]);
            }
        }
    }
    if has(&s, "{match}") {
        s = replace_placeholder(&s, "{match}", hit.matched.as_deref().unwrap_or(matched));
    }
    s
}

/// Run one rule over the shared context, ignoring its severity (used by `rules test` too).
pub fn run_rule<'a>(rule: &Rule, ctx: &Ctx<'a>) -> Vec<Hit<'a>> {
    eval(&rule.matcher, rule, ctx)
        .into_iter()
        .filter(|h| {
            let u = rule.unless;
            if u.justified {
                let justified = match h.source {
                    Some(src) => ctx
                        .sourced
                        .iter()
                        .filter(|s| std::ptr::eq(s.source, src))
                        .any(|s| ctx.justified(s)),
                    None => ctx.justified_at(h.span),
                };
                if justified {
                    return false;
                }
            }
            if u.outlet && ctx.outlet_near(h.span) {
                return false;
            }
            if u.credited
                && let Some(src) = h.source
                && ctx
                    .sourced
                    .iter()
                    .filter(|s| std::ptr::eq(s.source, src))
                    .any(|s| super::record::credited(ctx, s))
            {
                return false;
            }
            if u.named_nearby
                && let Some(src) = h.source
                && super::record::named_nearby(ctx, src)
            {
                return false;
            }
            if u.agent && super::record::agent_given(ctx, h.span) {
                return false;
            }
            if u.anchored {
                let at = h.source.map_or(h.span, |s| s.span);
                if super::record::anchored(ctx, at)
                    || h.source.is_some_and(super::record::anchored_pronoun)
                {
                    return false;
                }
            }
            if u.attributed && ctx.held(h.span) {
                return false;
            }
            true
        })
        .collect()
}

/// An ordered set of compiled rules.
#[derive(Debug, Default)]
pub struct RuleSet {
    /// The rules, in load order.
    pub rules: Vec<Rule>,
}

impl RuleSet {
    /// The rule with this id.
    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// Run every rule that is not off over `a`; findings sorted by position, then rule id.
    pub fn check(&self, a: &Analysis) -> Vec<Finding> {
        let ctx = Ctx::new(a);
        let mut out = Vec::new();
        for rule in self.rules.iter().filter(|r| r.severity != Severity::Off) {
            let mut seen = HashSet::default();
            for hit in run_rule(rule, &ctx) {
                if !seen.insert((hit.span.start, hit.span.end)) {
                    continue;
                }
                out.push(finding(rule, a, &hit));
            }
        }
        out.sort_by(|x, y| {
            (x.start, x.end, &x.rule, &x.message).cmp(&(y.start, y.end, &y.rule, &y.message))
        });
        out
    }
}

/// Build the finding for `hit` of `rule` in `a`.
pub fn finding(rule: &Rule, a: &Analysis, hit: &Hit<'_>) -> Finding {
    let view = a.doc.text.get(hit.span.start..hit.span.end).unwrap_or("");
    let raw = a.doc.raw_span(hit.span);
    let (line, column) = a.doc.line_col(raw.start);
    Finding {
        rule: rule.id.clone(),
        severity: rule.severity,
        message: fill(&rule.message, hit, view),
        start: raw.start,
        end: raw.end,
        line,
        column,
        text: view.to_owned(),
        view: hit.span,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clip_ref(s: &str, max: usize) -> String {
        let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
        if s.chars().count() <= max {
            s
        } else {
            let cut: String = s.chars().take(max).collect();
            format!("{}…", cut.trim_end())
        }
    }

    #[test]
    fn clip_and_fill_helpers_match_the_plain_versions() {
        let texts = [
            "",
            "  a  ",
            "one two\tthree\n four",
            "“Ça va”,   dit-il   —   très bien, merci beaucoup pour tout ce que vous avez fait",
            "exactly sixty characters long text here, padded out to fit.",
            "a b c d e f g h i j k l m n o p q r s t u v w x y z a b c d e f g h",
        ];
        for t in texts {
            for max in [0, 1, 5, 10, 59, 60, 61] {
                assert_eq!(clip(t, max), clip_ref(t, max), "{t:?} {max}");
            }
            assert_eq!(
                entity_key(t),
                t.split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .to_lowercase()
            );
        }
        assert_eq!(entity_key("A\x0bB\x1cC"), "a b\x1cc");
        for s in [
            "{source} said {source}",
            "{{source}}",
            "x{sourc",
            "{match}{match}",
            "",
        ] {
            assert_eq!(
                replace_placeholder(s, "{source}", "{match}"),
                s.replace("{source}", "{match}")
            );
            assert_eq!(
                replace_placeholder(s, "{match}", "v"),
                s.replace("{match}", "v")
            );
        }
    }
}
