//! Reading a clause around a word, for the rules that must tell a word's role from the word:
//! whether a speech verb introduces speech content ("claimed that ...", "claimed the vote was
//! rigged", "claimed to have evidence", `claimed: "..."`) or names an act ("claimed
//! responsibility", "declared a national emergency", "admitted to hospital"), whether it stands
//! where a verb stands ("the alleged crime", "his claims" are not verbs), and which clause of a
//! sentence a hedge belongs to.
//!
//! The words come from `rules/lexicon/clauses.yaml`, loaded once. Everything here reads a few
//! tokens of one sentence around a candidate, so its cost is per finding, not per word.

use std::path::Path;
use std::sync::LazyLock;

use serde::Deserialize;

use crate::lexicon::{DASHES, WordSet};
use crate::span::Span;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ClauseFile {
    subjects: Vec<String>,
    weak_subjects: Vec<String>,
    finite: Vec<String>,
    skip: Vec<String>,
    infinitives: Vec<String>,
    prepositions: Vec<String>,
    stops: Vec<String>,
    determiners: Vec<String>,
    quantifiers: Vec<String>,
    object_content: Vec<String>,
    personal: Vec<String>,
    inference_subjects: Vec<String>,
    hearsay: Vec<String>,
    legal_verbs: Vec<String>,
    legal_acts: Vec<String>,
    contrasts: Vec<String>,
    clause_verbs: Vec<String>,
}

/// The clause words, compiled.
#[derive(Debug)]
pub struct ClauseWords {
    /// Nominative pronouns (he, she, they, we, I).
    pub subjects: WordSet,
    /// Subjects that need a finite verb after them (it, there, nobody...).
    pub weak_subjects: WordSet,
    /// Forms that can only be finite verbs, and common irregular past forms.
    pub finite: WordSet,
    /// Adverbs and particles skipped between a verb and its content.
    pub skip: WordSet,
    /// Verbs after "to" that make the infinitive a claim's content.
    pub infinitives: WordSet,
    /// Prepositions.
    pub prepositions: WordSet,
    /// Conjunctions, subordinators and relative pronouns that end a noun phrase.
    pub stops: WordSet,
    /// Determiners and possessive pronouns.
    pub determiners: WordSet,
    /// Quantifiers that make a following form in -s a plural noun (all claims).
    pub quantifiers: WordSet,
    /// Verbs whose noun-phrase object is itself the content (alleged).
    pub object_content: WordSet,
    /// Personal pronouns.
    pub personal: WordSet,
    /// Subjects of a hedging verb that make it the writer's inference (this, which, it).
    pub inference_subjects: WordSet,
    /// Hedges that report someone else's claim (allegedly).
    pub hearsay: WordSet,
    /// Speech verbs and hedges with a neutral legal sense (alleged, claiming, allegedly).
    pub legal_verbs: WordSet,
    /// Words that put a sentence in a legal proceeding (sued, lawsuit, charged, trial).
    pub legal_acts: WordSet,
    /// Conjunctions that, after a comma, open a clause of the writer's own (but, though).
    pub contrasts: WordSet,
    /// Verbs of saying and believing whose next noun phrase opens a reported clause.
    pub clause_verbs: WordSet,
}

static CLAUSE_WORDS: LazyLock<ClauseWords> = LazyLock::new(|| {
    let f: ClauseFile = match crate::yaml::from_str(
        Path::new("rules/lexicon/clauses.yaml"),
        include_str!("../../rules/lexicon/clauses.yaml"),
    ) {
        Ok(f) => f,
        // Embedded at compile time and loaded by the unit tests.
        Err(e) => panic!("embedded clause words are invalid: {e}"),
    };
    ClauseWords {
        subjects: WordSet::new(&f.subjects),
        weak_subjects: WordSet::new(&f.weak_subjects),
        finite: WordSet::new(&f.finite),
        skip: WordSet::new(&f.skip),
        infinitives: WordSet::new(&f.infinitives),
        prepositions: WordSet::new(&f.prepositions),
        stops: WordSet::new(&f.stops),
        determiners: WordSet::new(&f.determiners),
        quantifiers: WordSet::new(&f.quantifiers),
        object_content: WordSet::new(&f.object_content),
        personal: WordSet::new(&f.personal),
        inference_subjects: WordSet::new(&f.inference_subjects),
        hearsay: WordSet::new(&f.hearsay),
        legal_verbs: WordSet::new(&f.legal_verbs),
        legal_acts: WordSet::new(&f.legal_acts),
        contrasts: WordSet::new(&f.contrasts),
        clause_verbs: WordSet::new(&f.clause_verbs),
    }
});

/// The clause words.
pub fn words() -> &'static ClauseWords {
    &CLAUSE_WORDS
}

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Letters and digits, with inner apostrophes, hyphens, periods and ampersands.
    Word,
    /// A quotation mark.
    Quote,
    /// Any other character that is not whitespace.
    Punct(char),
}

/// A token with its view span.
#[derive(Clone, Copy, Debug)]
pub struct Tk {
    /// Its kind.
    pub kind: Kind,
    /// Its view span.
    pub span: Span,
}

fn quote_mark(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '«' | '»' | '„')
}

/// The tokens of `view[from..to]`, at most `max` of them.
pub fn tokens(view: &str, from: usize, to: usize, max: usize) -> Vec<Tk> {
    // A token per four bytes or so covers news prose with room to spare: one allocation
    // instead of a vector doubling its way up a long sentence.
    let mut out = Vec::with_capacity(max.min(to.saturating_sub(from) / 4 + 1));
    let Some(text) = view.get(from..to) else {
        return out;
    };
    let b = text.as_bytes();
    // The char at byte `i` (a boundary) and its length; ASCII without decoding.
    let at = |i: usize| -> (char, usize) {
        if b[i] < 0x80 {
            (char::from(b[i]), 1)
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            (c, c.len_utf8())
        }
    };
    let alnum = |i: usize| i < b.len() && at(i).0.is_alphanumeric();
    let mut i = 0;
    while i < b.len() && out.len() < max {
        let (c, len) = at(i);
        if c.is_alphanumeric() {
            let start = i;
            i += len;
            while i < b.len() {
                let (d, dl) = at(i);
                if d.is_alphanumeric() {
                    i += dl;
                } else if matches!(d, '\'' | '’' | '-' | '.' | '&') && alnum(i + dl) {
                    // A joiner stays inside when a letter or digit follows it.
                    i += dl;
                } else if d == ','
                    && b[i - 1].is_ascii_digit()
                    && b.get(i + 1).is_some_and(u8::is_ascii_digit)
                {
                    // Thousands: "85,000".
                    i += 1;
                } else {
                    break;
                }
            }
            // The final period of a dotted abbreviation: "U.S.", "D.C.".
            if b.get(i) == Some(&b'.') && text[start..i].contains('.') {
                i += 1;
            }
            out.push(Tk {
                kind: Kind::Word,
                span: Span::new(from + start, from + i),
            });
            continue;
        }
        if !c.is_whitespace() {
            // A single opening quote before a word is a quotation mark too.
            let single_open = c == '‘'
                && alnum(i + len)
                && text[..i]
                    .chars()
                    .next_back()
                    .is_none_or(char::is_whitespace);
            let kind = if quote_mark(c) || single_open {
                Kind::Quote
            } else {
                Kind::Punct(c)
            };
            out.push(Tk {
                kind,
                span: Span::new(from + i, from + i + len),
            });
        }
        i += len;
    }
    out
}

/// The tokens of `view[from..at]`, or of its last 160 bytes or so when it is longer (cut at a
/// space): what the readers looking back from a word need, at a cost that does not grow with
/// the sentence.
pub fn tokens_before(view: &str, from: usize, at: usize) -> Vec<Tk> {
    tokens_back(view, from, at, 160)
}

/// [`tokens_before`] over the last `window` bytes or so: a few words back.
fn tokens_back(view: &str, from: usize, at: usize, window: usize) -> Vec<Tk> {
    let mut start = from;
    if at > from + window {
        let mut s = at - window;
        while !view.is_char_boundary(s) {
            s += 1;
        }
        start = view[s..at].find(char::is_whitespace).map_or(s, |i| s + i);
    }
    tokens(view, start, at, usize::MAX)
}

/// The tokens of `view[from..at]` read backward, one at a time, without allocating: the same
/// tokens [`tokens`] gives, last first.
pub fn back(view: &str, from: usize, at: usize) -> Back<'_> {
    Back { view, from, at }
}

/// The iterator of [`back`].
pub struct Back<'v> {
    view: &'v str,
    from: usize,
    at: usize,
}

impl Iterator for Back<'_> {
    type Item = Tk;

    fn next(&mut self) -> Option<Tk> {
        // Tokens never span whitespace: the last run of non-space characters, read forward,
        // ends with the last token.
        let text = self.view.get(self.from..self.at)?;
        let end = self.from + text.trim_end().len();
        if end == self.from {
            return None;
        }
        let run = self.view[self.from..end]
            .rfind(char::is_whitespace)
            .map_or(self.from, |k| {
                let c = self.view[self.from + k..]
                    .chars()
                    .next()
                    .map_or(1, char::len_utf8);
                self.from + k + c
            });
        // Read to the end of the run, past `at`, so that a token's look-ahead is the same as
        // in a forward reading ("‘" opens a quote when a letter follows it).
        let run_end = self.view[end..]
            .find(char::is_whitespace)
            .map_or(self.view.len(), |k| end + k);
        let last = tokens(self.view, run, run_end, usize::MAX)
            .into_iter()
            .take_while(|t| t.span.end <= end)
            .last()?;
        self.at = last.span.start;
        Some(last)
    }
}

/// The text of token `t`.
fn text<'v>(view: &'v str, t: &Tk) -> &'v str {
    t.span.of(view)
}

/// True when `w` is an adverb or particle skipped between a verb and what it introduces.
fn skippable(w: &str) -> bool {
    words().skip.contains(w) || (crate::attribution::is_ly_adverb(w) && !capitalised(w))
}

fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn numeric(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// The word of token `i`, if it is one.
pub fn word_at<'v>(view: &'v str, t: &[Tk], i: usize) -> Option<&'v str> {
    t.get(i)
        .filter(|t| t.kind == Kind::Word)
        .map(|x| text(view, x))
}

/// The first index from `i` whose token is not a skippable adverb.
fn skip_adverbs(view: &str, t: &[Tk], mut i: usize) -> usize {
    while word_at(view, t, i).is_some_and(skippable) {
        i += 1;
    }
    i
}

/// True when `cue` (a verb form) stands where a verb stands in its sentence: not after a
/// determiner or a possessive ("the alleged crime", "his claims"), not after a preposition
/// ("over alleged abuse", "citing alleged violations"), and, unless it is an -ing form, not
/// after a form of "be" (a passive: "was admitted to hospital", "has been alleged to").
pub fn verb_position(view: &str, sentence: Span, cue: Span) -> bool {
    let cw = words();
    let mut before = back(view, sentence.start, cue.start);
    let Some(prev) = before.next() else {
        return true;
    };
    let form = cue.of(view);
    if prev.kind == Kind::Word {
        let w = text(view, &prev);
        if cw.determiners.contains(w)
            || crate::lexicon::is_possessive(w)
            || cw.prepositions.contains(w)
        {
            return false;
        }
        // "all claims", "conflicting claims": a plural noun.
        if form.ends_with('s') && !form.ends_with("ss") && cw.quantifiers.contains(w) {
            return false;
        }
    }
    if form.ends_with("ing") {
        return true;
    }
    // A passive: a form of "be" before the verb, adverbs aside.
    let be = |w: &str| {
        [
            "be", "been", "being", "is", "are", "was", "were", "get", "got", "gets",
        ]
        .iter()
        .any(|b| w.eq_ignore_ascii_case(b))
    };
    let mut t = Some(prev);
    while let Some(x) = t {
        if x.kind != Kind::Word {
            return true;
        }
        let w = text(view, &x);
        if !skippable(w) {
            return !be(w);
        }
        t = before.next();
    }
    true
}

/// True when the word at `j` of `t` reads as the finite verb of a clause whose subject ends
/// just before it: an auxiliary, modal or copula, a common irregular past, or a regular past
/// (-ed) not after a determiner or a numeral and not followed by "by" (a participle: "the
/// seat vacated by").
fn finite_like(view: &str, t: &[Tk], j: usize) -> bool {
    let cw = words();
    let Some(w) = word_at(view, t, j) else {
        return false;
    };
    // A participle with its agent is no finite verb: "adhesives made by the slug".
    let by = word_at(view, t, j + 1).is_some_and(|n| n.eq_ignore_ascii_case("by"));
    if cw.finite.contains(w) {
        return !by;
    }
    if w.len() > 4 && w.ends_with("ed") && !capitalised(w) {
        let prev = j.checked_sub(1).and_then(|p| word_at(view, t, p));
        let after_det = prev.is_some_and(|p| cw.determiners.contains(p) || numeric(p));
        return !after_det && !by;
    }
    false
}

/// True when a reported clause starts at `t[i]`: a nominative pronoun ("he prepaid"), a weak
/// subject and a finite verb ("it was", "nobody lost"), a finite verb with the subject left
/// out ("that Trump claimed was unfair"), or a noun phrase of up to eight words (an "of" phrase
/// inside it) followed by a finite verb ("the move was", "Iran spoofed", "790 Azerbaijani
/// soldiers had been killed").
fn clause_at(view: &str, t: &[Tk], i: usize) -> bool {
    let cw = words();
    let Some(w) = word_at(view, t, i) else {
        return false;
    };
    if cw.subjects.contains(w) || cw.finite.contains(w) {
        return true;
    }
    if cw.weak_subjects.contains(w) {
        let j = skip_adverbs(view, t, i + 1);
        return finite_like(view, t, j)
            || word_at(view, t, j).is_some_and(|v| {
                v.len() > 3 && v.ends_with('s') && !v.ends_with("ss") && !capitalised(v)
            });
    }
    let mut n = 0;
    let mut of_used = false;
    let mut j = i;
    while n < 8 {
        let Some(w) = word_at(view, t, j) else {
            return false;
        };
        if n > 0 && finite_like(view, t, j) {
            return true;
        }
        if cw.stops.contains(w) || cw.prepositions.contains(w) {
            if w.eq_ignore_ascii_case("of") && n > 0 && !of_used {
                of_used = true;
                j += 1;
                continue;
            }
            return false;
        }
        n += 1;
        j += 1;
    }
    false
}

/// True when the verb at `cue` introduces speech content after it, in its sentence: a
/// quotation, a colon, "that", a reported clause (see [`clause_at`]), "to" with a claim's
/// infinitive or a gerund ("claimed to have evidence", "admitted to ordering"), any of these
/// after a parenthesis between commas or a prepositional phrase ("claimed, as of Thursday,
/// it was", "argued in a statement that"), or for the verbs of `object_content` a noun phrase
/// ("alleged Iranian involvement").
pub fn content_after(view: &str, sentence: Span, cue: Span) -> bool {
    content_after_with(view, sentence, cue, false)
}

/// [`content_after`], with `objects` true taking any noun-phrase object as content ("Aides
/// denied the story", "officials confirmed two deaths"): what a claim needs, which is less
/// than what a loaded verb needs.
fn content_after_with(view: &str, sentence: Span, cue: Span, objects: bool) -> bool {
    let cw = words();
    // The common cases from the first token: a quote, a colon, "that", "he".
    let first = tokens(view, cue.end, sentence.end, 1);
    match first.first() {
        Some(t) if matches!(t.kind, Kind::Quote | Kind::Punct(':')) => return true,
        Some(t)
            if t.kind == Kind::Word && {
                let w = text(view, t);
                w.eq_ignore_ascii_case("that")
                    || cw.subjects.contains(w)
                    // Any object will do for a claim: "denied the story".
                    || objects
                        && !skippable(w)
                        && !cw.prepositions.contains(w)
                        && !cw.stops.contains(w)
            } =>
        {
            return true;
        }
        None => return false,
        _ => {}
    }
    let t = tokens(view, cue.end, sentence.end, 24);
    let object_ok = objects || cw.object_content.contains(cue.of(view));
    let mut i = 0;
    let mut commas = 0;
    loop {
        i = skip_adverbs(view, &t, i);
        let Some(tk) = t.get(i) else {
            return false;
        };
        match tk.kind {
            Kind::Quote | Kind::Punct(':') => return true,
            Kind::Punct(',') => {
                // A parenthesis between commas, of words only.
                if commas > 0 {
                    return false;
                }
                commas += 1;
                let close = (i + 1..t.len().min(i + 10)).find(|&k| t[k].kind != Kind::Word);
                match close {
                    Some(k) if k > i + 1 && t[k].kind == Kind::Punct(',') => i = k + 1,
                    _ => return false,
                }
            }
            Kind::Punct(_) => return false,
            Kind::Word => {
                let w = text(view, tk);
                if w.eq_ignore_ascii_case("that") {
                    return true;
                }
                if w.eq_ignore_ascii_case("to")
                    && let Some(n) = word_at(view, &t, i + 1)
                    && (cw.infinitives.contains(n) || (n.len() > 4 && n.ends_with("ing")))
                {
                    return true;
                }
                if cw.prepositions.contains(w) && !w.eq_ignore_ascii_case("of") {
                    // A prepositional phrase, then the content: "claimed in a statement that",
                    // "claimed after the meeting the elder Biden used".
                    for k in i + 1..t.len().min(i + 8) {
                        match t[k].kind {
                            Kind::Quote | Kind::Punct(':') => return true,
                            Kind::Punct(_) => return false,
                            Kind::Word => {
                                let v = text(view, &t[k]);
                                if v.eq_ignore_ascii_case("that") || cw.subjects.contains(v) {
                                    return true;
                                }
                                // A subordinate clause ends the phrase: "shouted at her as
                                // she spoke".
                                if cw.stops.contains(v) {
                                    return false;
                                }
                                if k > i + 2 && cw.determiners.contains(v) && clause_at(view, &t, k)
                                {
                                    return true;
                                }
                            }
                        }
                    }
                    return false;
                }
                if clause_at(view, &t, i) {
                    return true;
                }
                // A gerund: "admitted wanting to phase out the industry", "denied knowing".
                if w.len() > 4 && w.ends_with("ing") && !capitalised(w) {
                    return true;
                }
                // A noun phrase as what is alleged: "alleged Iranian involvement".
                return object_ok && !cw.stops.contains(w);
            }
        }
    }
}

/// True when the attribution whose cue is `cue` and whose speaker is at `source` makes a
/// claim: an "according to" cue; a passive with its agent ("was described by officials as");
/// otherwise a verb in verb position with content after it (any object will do) or before it.
/// "Lawmakers shouted at the minister" is an action, not a claim.
pub fn claim_content(view: &str, sentence: Span, cue: Span, source: Span) -> bool {
    claim_content_with(view, sentence, cue, source, true)
}

/// [`claim_content`] for a vague group: a view pinned on "many people" or "critics" is a
/// proposition (a clause, a that-clause, a quote), not a reaction with an object ("many
/// people expressed their anger on Reddit").
pub fn view_content(view: &str, sentence: Span, cue: Span, source: Span) -> bool {
    let objects = words().clause_verbs.contains(cue.of(view));
    claim_content_with(view, sentence, cue, source, objects)
}

fn claim_content_with(view: &str, sentence: Span, cue: Span, source: Span, objects: bool) -> bool {
    // "according to", "as reported by" (several words), "citing", "quoting".
    let text = cue.of(view);
    if text.contains(char::is_whitespace)
        || text.eq_ignore_ascii_case("citing")
        || text.eq_ignore_ascii_case("quoting")
    {
        return true;
    }
    if !verb_position(view, sentence, cue) {
        let next = tokens(view, cue.end, sentence.end, 1);
        return next
            .first()
            .is_some_and(|t| t.kind == Kind::Word && t.span.of(view).eq_ignore_ascii_case("by"));
    }
    if content_after_with(view, sentence, cue, objects)
        || content_before(view, sentence, cue, Some(source))
    {
        return true;
    }
    // The speaker's own description may hold a verb form ("A diplomat briefed on the talks
    // said ..."): the speech verb after it, within the same stretch of words, is the cue.
    let lex = crate::lexicon::lexicon();
    let t = tokens(view, cue.end, sentence.end, 10);
    t.iter()
        .take_while(|x| x.kind == Kind::Word)
        .find(|x| {
            let w = x.span.of(view);
            lex.neutral.contains(w) || lex.loaded.contains(w)
        })
        .is_some_and(|x| {
            verb_position(view, sentence, x.span)
                && content_after_with(view, sentence, x.span, true)
        })
}

/// True when the verb at `cue` closes its clause and the content stands before it: "..., the
/// study revealed.", "..., claimed Smith.", "as the researchers claim".
/// `subject` is the speaker's span when known; otherwise up to six words before the verb are
/// taken as its subject.
pub fn content_before(view: &str, sentence: Span, cue: Span, subject: Option<Span>) -> bool {
    let cw = words();
    let after = tokens(view, cue.end, sentence.end, 12);
    let j = skip_adverbs(view, &after, 0);
    // What follows the verb: nothing, punctuation, or (inverted) the speaker and then that.
    let ends = |k: usize| {
        after
            .get(k)
            .is_none_or(|t| matches!(t.kind, Kind::Punct('.' | ',' | ';' | '!' | '?' | ')')))
    };
    let before = tokens_before(view, sentence.start, cue.start);
    match subject {
        Some(s) if s.start >= cue.end => {
            // Inverted: ", claimed Smith."
            let k = after
                .iter()
                .position(|t| t.span.start >= s.end)
                .unwrap_or(after.len());
            return ends(k)
                && before
                    .last()
                    .is_some_and(|t| matches!(t.kind, Kind::Punct(',') | Kind::Quote));
        }
        _ => {}
    }
    if !ends(j) {
        return false;
    }
    let start = subject.map_or(cue.start, |s| s.start.min(cue.start));
    let mut k = before.iter().rposition(|t| t.span.start < start);
    // Without a known subject, step back over up to six words.
    if subject.is_none() {
        let mut steps = 0;
        while let Some(p) = k
            && before[p].kind == Kind::Word
            && steps < 6
            && !cw.stops.contains(text(view, &before[p]))
        {
            k = p.checked_sub(1);
            steps += 1;
        }
    }
    let Some(p) = k else {
        return false;
    };
    match before[p].kind {
        Kind::Punct(c) if c == ',' || DASHES.contains(&c) => true,
        Kind::Quote => true,
        // "as the researchers claim": the main clause is the content. (An object relative,
        // "villages that both countries claim", makes the antecedent the object: an act.)
        Kind::Word => text(view, &before[p]).eq_ignore_ascii_case("as"),
        _ => false,
    }
}

/// The clause of the sentence `sentence` holding view offset `at`: the sentence cut at
/// semicolons, colons (not between digits), dashes, parentheses, and commas before a
/// contrasting conjunction (", though", ", but").
pub fn clause_around(view: &str, sentence: Span, at: usize) -> Span {
    clause_within(view, sentence, at, true)
}

/// [`clause_around`], with `parens` false not cut at parentheses (a verb's subject may hold
/// one: "Microscopy analysis of the tools (smoothers) suggested").
pub fn clause_within(view: &str, sentence: Span, at: usize, parens: bool) -> Span {
    let breaks = |i: usize, c: char| -> bool {
        match c {
            ';' | '—' | '―' => true,
            '(' | ')' => parens,
            ':' => {
                let before = view[..i].chars().next_back();
                let after = view[i + 1..].chars().next();
                !(before.is_some_and(|c| c.is_ascii_digit())
                    && after.is_some_and(|c| c.is_ascii_digit()))
            }
            // An en dash between spaces, not in a range ("15–75").
            '–' => view[..i].ends_with(' ') && view[i + c.len_utf8()..].starts_with(' '),
            _ => false,
        }
    };
    // A comma before a contrasting conjunction: ", though the evidence ...".
    let contrast = |i: usize, c: char| -> bool {
        c == ','
            && view[i + 1..]
                .split(|c: char| !c.is_alphanumeric())
                .find(|w| !w.is_empty())
                .is_some_and(|w| words().contrasts.contains(w))
            && view[i + 1..].starts_with(char::is_whitespace)
    };
    let cut = |i: usize, c: char| breaks(i, c) || contrast(i, c);
    let at = at.clamp(sentence.start, sentence.end);
    let mut start = sentence.start;
    if let Some(s) = view.get(sentence.start..at)
        && let Some((i, c)) = s
            .char_indices()
            .rev()
            .find(|&(i, c)| cut(sentence.start + i, c))
    {
        start = sentence.start + i + c.len_utf8();
    }
    let mut end = sentence.end;
    if let Some(s) = view.get(at..sentence.end)
        && let Some((i, _)) = s.char_indices().find(|&(i, c)| cut(at + i, c))
    {
        end = at + i;
    }
    Span::new(start, end.max(start))
}

/// The word before `at` in `sentence` that would be the subject of a verb at `at`, adverbs
/// and time words ("yesterday", "also") skipped; `None` when punctuation comes first.
pub fn subject_word(view: &str, sentence: Span, at: usize) -> Option<&str> {
    for t in back(view, sentence.start, at) {
        if t.kind != Kind::Word {
            return None;
        }
        let w = t.span.of(view);
        if !skippable(w) {
            return Some(w);
        }
    }
    None
}

/// True when a word of the subject of a verb at `at` in `clause` satisfies `source` (at most
/// twelve words): the subject names a source ("Satellite imaging from the United Nations
/// suggests", "the study suggests"), not a fact ("the timing suggested"). The sentence's first word is judged by `source` without
/// its capital letter, which only says that it opens the sentence.
pub fn source_before(
    view: &str,
    sentence: Span,
    clause: Span,
    at: usize,
    source: impl Fn(&str) -> bool,
) -> bool {
    let t = tokens_before(view, clause.start, at);
    // The subject is the stretch after the last comma ("Although the ministry gave no
    // details, the timing suggested"), or, when the verb follows a comma straight away, the
    // stretch before a parenthesis ("Satellite imaging from 2017, from the United Nations,
    // suggests").
    let commas: Vec<usize> = t
        .iter()
        .enumerate()
        .filter(|(_, x)| x.kind == Kind::Punct(','))
        .map(|(i, _)| i)
        .collect();
    let (lo, hi) = match commas.as_slice() {
        [] => (0, t.len()),
        [.., last] if *last + 1 < t.len() => (last + 1, t.len()),
        [.., before, _] if commas.len() >= 3 => (commas[commas.len() - 3] + 1, *before),
        [.., before, _] => (0, *before),
        [_] => (0, t.len()),
    };
    let from = lo.max(hi.saturating_sub(12));
    t[from..hi]
        .iter()
        .filter(|x| x.kind == Kind::Word)
        .any(|x| {
            let w = text(view, x);
            if x.span.start == sentence.start || words().determiners.contains(w) {
                let lower = w.to_lowercase();
                return !words().determiners.contains(w) && source(&lower);
            }
            source(w)
        })
}

/// True when the word before `at` (adverbs skipped) is punctuation or nothing: a participle
/// opening its clause ("..., suggesting users wished").
pub fn opens_clause(view: &str, sentence: Span, at: usize) -> bool {
    back(view, sentence.start, at)
        .find(|t| t.kind != Kind::Word || !skippable(t.span.of(view)))
        .is_none_or(|t| t.kind != Kind::Word)
}

/// True when at most one short phrase (four words, then a comma) stands before `at` in its
/// sentence: "Suggesting ...", "In 2014, also suggesting ...".
pub fn leads_sentence(view: &str, sentence: Span, at: usize) -> bool {
    let before = tokens(view, sentence.start, at, 8);
    let words = before.iter().filter(|t| t.kind == Kind::Word).count();
    let commas = before.iter().filter(|t| t.kind == Kind::Punct(',')).count();
    before.len() < 8 && words <= 5 && commas <= 1
}

/// True when one of the first three words after the next comma following `from` in its
/// sentence satisfies `source`: the subject after an opening participial phrase ("Citing the
/// study, the union said", "..., de Vera and colleagues studied").
pub fn subject_after_phrase(
    view: &str,
    sentence: Span,
    from: usize,
    source: impl Fn(&str) -> bool,
) -> bool {
    let t = tokens(view, from, sentence.end, 40);
    let Some(comma) = t.iter().position(|x| x.kind == Kind::Punct(',')) else {
        return false;
    };
    t[comma + 1..]
        .iter()
        .take(3)
        .take_while(|x| x.kind == Kind::Word)
        .map(|x| text(view, x))
        .any(|w| !words().determiners.contains(w) && source(w))
}

/// True when the word before `at` is a word that can end a subject (not a determiner or a
/// preposition), a closing quotation mark, or a relative pronoun; or nothing.
pub fn has_subject_slot(view: &str, sentence: Span, at: usize) -> bool {
    match back(view, sentence.start, at).next() {
        None => true,
        Some(t) => match t.kind {
            Kind::Word | Kind::Quote => true,
            Kind::Punct(c) => matches!(c, ',' | ')') || DASHES.contains(&c),
        },
    }
}

/// True when `w` starts with a capital letter.
pub fn is_capitalised(w: &str) -> bool {
    capitalised(w)
}

/// True when the word at `at` (a speech verb or a hedge) has its neutral legal sense in
/// `sentence`: a lawsuit "alleging", a suspect "allegedly" shooting, a suit "claiming" damages,
/// the words AP prescribes for accusations in court, not the writer's judgement. The legal act
/// comes before the word in its sentence ("sued the landlord, alleging") or just after it
/// ("alleged in a lawsuit"); a suit three clauses on is another matter.
pub fn legal_sense(view: &str, sentence: crate::span::Span, at: crate::span::Span) -> bool {
    const AFTER: usize = 4;
    let w = words();
    if !w.legal_verbs.contains(at.of(view)) {
        return false;
    }
    let toks = tokens(view, sentence.start, sentence.end, usize::MAX);
    let legal = |t: &&Tk| w.legal_acts.contains(t.span.of(view));
    toks.iter()
        .filter(|t| t.span.end <= at.start)
        .any(|t| legal(&t))
        || toks
            .iter()
            .filter(|t| t.span.start >= at.end)
            .take(AFTER)
            .any(|t| legal(&t))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cue_in(text: &str, cue: &str) -> (Span, Span) {
        let at = text.find(cue).expect("cue in text");
        (Span::new(0, text.len()), Span::new(at, at + cue.len()))
    }

    fn after(text: &str, cue: &str) -> bool {
        let (s, c) = cue_in(text, cue);
        content_after(text, s, c)
    }

    fn verb(text: &str, cue: &str) -> bool {
        let (s, c) = cue_in(text, cue);
        verb_position(text, s, c)
    }

    #[test]
    fn speech_content_after_the_verb() {
        assert!(after(
            "Ortega claimed that the books were balanced.",
            "claimed"
        ));
        assert!(after("Ortega claimed the books were balanced.", "claimed"));
        assert!(after(
            "Ortega claimed he had paid every invoice.",
            "claimed"
        ));
        assert!(after("Ortega claimed nobody lost a job.", "claimed"));
        assert!(after(
            "Ortega claimed: \"The books are balanced.\"",
            "claimed"
        ));
        assert!(after(
            "Ortega claimed to have proof of the payments.",
            "claimed"
        ));
        assert!(after(
            "Ortega claimed, as of Thursday, it was solvent.",
            "claimed"
        ));
        assert!(after(
            "Ortega claimed in a statement that it was solvent.",
            "claimed"
        ));
        assert!(after(
            "Ortega falsely claimed the harbour authority spoofed the emails.",
            "claimed"
        ));
        assert!(after(
            "The mayor admitted to ordering the payments.",
            "admitted"
        ));
        assert!(after(
            "The agency alleged fraud in the port contracts.",
            "alleged"
        ));
        assert!(after(
            "Tallin claimed 790 enemy soldiers had been killed.",
            "claimed"
        ));
        assert!(!after(
            "The group claimed responsibility for the blast.",
            "claimed"
        ));
        assert!(!after(
            "The governor declared a state of emergency so she could act.",
            "declared"
        ));
        assert!(!after(
            "The minister declared it a terrorist attack.",
            "declared"
        ));
        assert!(!after(
            "The court denied a request to delay the trial.",
            "denied"
        ));
        assert!(!after(
            "The driver was admitted to hospital on Tuesday.",
            "admitted"
        ));
        assert!(!after(
            "The foundation pledged $1 million to the fund.",
            "pledged"
        ));
        assert!(!after(
            "Land claimed by both countries lies to the north.",
            "claimed"
        ));
        assert!(!after(
            "The fire claimed the lives of four people.",
            "claimed"
        ));
    }

    #[test]
    fn speech_content_before_the_verb() {
        let t = "The ice had thinned, the study revealed.";
        let (s, c) = cue_in(t, "revealed");
        assert!(content_before(t, s, c, None));
        let t = "Three villages lie in the valley that both countries claim.";
        let (s, c) = cue_in(t, "claim");
        assert!(!content_before(t, s, c, None));
        let t = "The group claimed responsibility.";
        let (s, c) = cue_in(t, "claimed");
        assert!(!content_before(t, s, c, None));
    }

    #[test]
    fn verb_or_not() {
        assert!(!verb("Police seized the alleged weapon.", "alleged"));
        assert!(!verb("His claims were false.", "claims"));
        assert!(!verb("Vance's alleged role was examined.", "alleged"));
        assert!(!verb("She was questioned over alleged bribes.", "alleged"));
        assert!(!verb("The driver was admitted to hospital.", "admitted"));
        assert!(!verb("He has been alleged to have lied.", "alleged"));
        assert!(verb(
            "The mayor admitted that the budget was late.",
            "admitted"
        ));
        assert!(verb(
            "The media was falsely claiming he had suffered a stroke.",
            "claiming"
        ));
    }

    #[test]
    fn tokens_of_a_sentence() {
        let t = "Ortega’s U.S. deal — “worth $3.6bn” — fell,‘said’ O'Brien: é-é.";
        let got: Vec<&str> = tokens(t, 0, t.len(), usize::MAX)
            .iter()
            .map(|x| x.span.of(t))
            .collect();
        assert_eq!(
            got,
            [
                "Ortega’s",
                "U.S.",
                "deal",
                "—",
                "“",
                "worth",
                "$",
                "3.6bn",
                "”",
                "—",
                "fell",
                ",",
                "‘",
                "said",
                "’",
                "O'Brien",
                ":",
                "é-é",
                "."
            ]
        );
        let k: Vec<Kind> = tokens(t, 0, t.len(), 6).iter().map(|x| x.kind).collect();
        assert_eq!(k.len(), 6);
        assert_eq!(k[4], Kind::Quote);
    }

    #[test]
    fn backward_tokens_are_the_forward_ones() {
        for t in [
            "Ortega’s U.S. deal — “worth $3.6bn” — fell,‘said’ O'Brien: é-é.",
            "  'quote' e- -x a.b. ‘Hi’ there ",
            "",
            "word",
        ] {
            let fwd: Vec<(Kind, Span)> = tokens(t, 0, t.len(), usize::MAX)
                .iter()
                .map(|x| (x.kind, x.span))
                .collect();
            let mut bwd: Vec<(Kind, Span)> =
                back(t, 0, t.len()).map(|x| (x.kind, x.span)).collect();
            bwd.reverse();
            assert_eq!(fwd, bwd, "{t:?}");
        }
    }

    #[test]
    fn clauses_cut_at_colons_and_dashes() {
        let t = "The plan appears to work: potentially, according to the Courier, it saves money.";
        let at = t.find("appears").unwrap();
        let c = clause_around(t, Span::new(0, t.len()), at);
        assert_eq!(c.of(t), "The plan appears to work");
        let t = "It held — suggesting, experts noted, that fish help.";
        let at = t.find("suggesting").unwrap();
        let c = clause_around(t, Span::new(0, t.len()), at);
        assert_eq!(c.of(t).trim(), "suggesting, experts noted, that fish help.");
        let t = "Critics say it cuts supply, though the evidence appears to be mixed.";
        let at = t.find("appears").unwrap();
        let c = clause_around(t, Span::new(0, t.len()), at);
        assert_eq!(c.of(t).trim(), "though the evidence appears to be mixed.");
        let t = "Doors open at 4:30 and close later.";
        let c = clause_around(t, Span::new(0, t.len()), 20);
        assert_eq!(c.of(t), t);
    }
}
