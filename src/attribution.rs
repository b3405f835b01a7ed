//! The attribution grammar: links speech cues and speaker phrases to quotes, before, after or
//! inside them, and finds attributions made without quotation marks ("according to X",
//! "X said that ...", "critics contend").
//!
//! A sentence is read as a stream of tokens (words, punctuation, and one token per quote),
//! produced by a nom tokenizer; the patterns then look for a speech cue near each quote and
//! read the speaker phrase on the side the cue points to.

use std::path::Path;
use std::sync::LazyLock;

use nom::character::complete::anychar;
use nom::combinator::map;
use nom::{IResult, Parser};
use serde::Deserialize;

use crate::lexicon::{
    BYTE_CLASS, IN_RUN, IN_WORD, Lexicon, SPACE, WordClasses, WordSet, is_word_char, lexicon,
};
use crate::span::Span;

/// Function words of the grammar as written in `rules/lexicon/grammar.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GrammarFile {
    /// Words allowed between a speaker and the verb.
    between_subject_and_verb: Vec<String>,
    /// Verbs whose object is the listener.
    recipient_verbs: Vec<String>,
    /// Cues that attribute only when a quote follows.
    quote_only_cues: Vec<String>,
    /// Words that end a speaker phrase.
    phrase_stops: Vec<String>,
    /// Prepositions that continue a speaker phrase.
    phrase_links: Vec<String>,
    /// Determiners of definite descriptions.
    definite: Vec<String>,
    /// Lowercase words joining the words of an organisation's name.
    name_joiners: Vec<String>,
    /// Particles inside personal names.
    name_particles: Vec<String>,
    /// Relative pronouns.
    relative_pronouns: Vec<String>,
    /// Conjunctions joining a second partial quote to the first.
    quote_joiners: Vec<String>,
    /// Lowercase words allowed inside a title in title case.
    title_function_words: Vec<String>,
    /// Roles that speak for the body they are attached to.
    speaks_for_body: Vec<String>,
    /// Forms of "be" that make a cue passive.
    passive_auxiliaries: Vec<String>,
}

/// The grammar's function words, compiled once into case-insensitive word sets.
#[derive(Debug)]
pub struct Grammar {
    /// Words allowed between a speaker and the verb.
    pub between_subject_and_verb: WordSet,
    /// Verbs whose object is the listener.
    pub recipient_verbs: WordSet,
    /// Cues that attribute only when a quote follows.
    pub quote_only_cues: WordSet,
    /// Words that end a speaker phrase.
    pub phrase_stops: WordSet,
    /// Prepositions that continue a speaker phrase.
    pub phrase_links: WordSet,
    /// Determiners of definite descriptions.
    pub definite: WordSet,
    /// Lowercase words joining the words of an organisation's name (of, for, and, &).
    pub name_joiners: WordSet,
    /// Particles inside personal names.
    pub name_particles: WordSet,
    /// Relative pronouns (who, which, that...).
    pub relative_pronouns: WordSet,
    /// Conjunctions joining a second partial quote to the first.
    pub quote_joiners: WordSet,
    /// Lowercase words allowed inside a title in title case.
    pub title_function_words: WordSet,
    /// Roles that speak for the body they are attached to (spokeswoman...).
    pub speaks_for_body: WordSet,
    /// Forms of "be" that make a cue passive ("has been termed").
    pub passive_auxiliaries: WordSet,
}

static GRAMMAR: LazyLock<Grammar> = LazyLock::new(|| {
    let f: GrammarFile = match crate::yaml::from_str(
        Path::new("rules/lexicon/grammar.yaml"),
        include_str!("../rules/lexicon/grammar.yaml"),
    ) {
        Ok(g) => g,
        // Embedded at compile time and loaded by every test.
        Err(e) => panic!("embedded grammar words are invalid: {e}"),
    };
    Grammar {
        between_subject_and_verb: WordSet::new(&f.between_subject_and_verb),
        recipient_verbs: WordSet::new(&f.recipient_verbs),
        quote_only_cues: WordSet::new(&f.quote_only_cues),
        phrase_stops: WordSet::new(&f.phrase_stops),
        phrase_links: WordSet::new(&f.phrase_links),
        definite: WordSet::new(&f.definite),
        name_joiners: WordSet::new(&f.name_joiners),
        name_particles: WordSet::new(&f.name_particles),
        relative_pronouns: WordSet::new(&f.relative_pronouns),
        quote_joiners: WordSet::new(&f.quote_joiners),
        title_function_words: WordSet::new(&f.title_function_words),
        speaks_for_body: WordSet::new(&f.speaks_for_body),
        passive_auxiliaries: WordSet::new(&f.passive_auxiliaries),
    }
});

/// The grammar's function words.
pub fn grammar() -> &'static Grammar {
    &GRAMMAR
}

/// [`classes`] bit of the grammar's own: cues that attribute only when a quote follows
/// ([`Grammar::quote_only_cues`]). The grammar's bits start above the lexicon's
/// [`WordClasses`] constants.
pub const QUOTE_ONLY: u32 = 1 << 16;
/// [`classes`] bit of the grammar's own: words allowed between a speaker and the verb
/// ([`Grammar::between_subject_and_verb`]).
pub const BETWEEN: u32 = 1 << 17;
/// [`classes`] bit for relative pronouns ([`Grammar::relative_pronouns`]).
pub const RELATIVE: u32 = WordClasses::RELATIVE;

static CLASSES: LazyLock<WordClasses> = LazyLock::new(|| {
    let (l, g) = (lexicon(), grammar());
    WordClasses::new(&[
        (&l.male, WordClasses::MALE | WordClasses::PRONOUN),
        (&l.female, WordClasses::FEMALE | WordClasses::PRONOUN),
        (&l.plural, WordClasses::PRONOUN),
        (&l.neuter, WordClasses::PRONOUN),
        (&l.anon_heads, WordClasses::ANON_HEAD),
        (&l.counts, WordClasses::COUNT),
        (&l.neutral, WordClasses::SPEECH),
        (&l.loaded, WordClasses::SPEECH),
        (&l.cognitive, WordClasses::COGNITIVE),
        (&l.according_first, WordClasses::ACCORDING_FIRST),
        (&l.roles, WordClasses::ROLE),
        (&l.kin, WordClasses::ROLE),
        (&g.definite, WordClasses::DEFINITE),
        (&g.phrase_stops, WordClasses::PHRASE_STOP),
        (&g.phrase_links, WordClasses::PHRASE_LINK),
        (&g.name_particles, WordClasses::NAME_PARTICLE),
        (&g.name_joiners, WordClasses::NAME_JOINER),
        (&g.relative_pronouns, WordClasses::RELATIVE),
        (&g.quote_joiners, WordClasses::QUOTE_JOINER),
        (&g.quote_only_cues, QUOTE_ONLY),
        (&g.between_subject_and_verb, BETWEEN),
    ])
});

/// The lexicon's and grammar's hot word lists in one table ([`WordClasses`]).
pub fn classes() -> &'static WordClasses {
    &CLASSES
}

/// A token of a sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tok {
    /// A word (letters, digits, inner apostrophes, hyphens and periods).
    Word,
    /// A comma.
    Comma,
    /// A colon.
    Colon,
    /// Sentence or clause punctuation: . ; ! ? and dashes, brackets.
    Stop,
    /// A whole quoted passage (index into the analysis' quotes).
    Quote(usize),
}

/// A token with its view span.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// The kind.
    pub tok: Tok,
    /// View span.
    pub span: Span,
}

/// nom: a word with inner apostrophes, hyphens, periods and ampersands (U.S., O'Brien, al-Assad).
///
/// The parser every sentence's every word goes through, so it reads ASCII byte by byte and
/// decodes only other characters: the same as
/// `recognize((take_while1(is_word_char), take_while(is_word_char or ' ’ - . &)))`.
fn word(i: &str) -> IResult<&str, &str> {
    let b = i.as_bytes();
    let char_at = |n: usize| i[n..].chars().next().unwrap_or(' ');
    let mut n = match b.first() {
        Some(c) if c.is_ascii_alphanumeric() => 1,
        Some(&c) if c >= 0x80 && is_word_char(char_at(0)) => char_at(0).len_utf8(),
        _ => {
            return Err(nom::Err::Error(nom::error::Error::new(
                i,
                nom::error::ErrorKind::TakeWhile1,
            )));
        }
    };
    while let Some(&c) = b.get(n) {
        if c < 0x80 {
            if BYTE_CLASS[usize::from(c)] & IN_WORD == 0 {
                break;
            }
            n += 1;
        } else {
            let ch = char_at(n);
            if !(is_word_char(ch) || ch == '’') {
                break;
            }
            n += ch.len_utf8();
        }
    }
    Ok((&i[n..], &i[..n]))
}

/// The token kind of a punctuation character; `None` for characters the grammar skips.
fn punct_kind(c: char) -> Option<Tok> {
    match c {
        ',' => Some(Tok::Comma),
        ':' => Some(Tok::Colon),
        '.' | ';' | '!' | '?' | '—' | '–' | '(' | ')' | '[' | ']' => Some(Tok::Stop),
        _ => None,
    }
}

/// nom: one punctuation character as a token kind.
fn punct(i: &str) -> IResult<&str, Option<Tok>> {
    map(anychar, punct_kind).parse(i)
}

/// Tokenize `view[span]`, turning each quote (view spans in `quotes`, sorted) into one token.
///
/// Between quotes the text is read a character at a time: whitespace is skipped, a [`word`]
/// becomes a word token (a trailing period only for abbreviations and initials, trailing
/// apostrophes and hyphens dropped) and anything else goes through [`punct`]. ASCII bytes are
/// told apart by the word pass's byte classes without decoding; other characters are decoded.
pub fn tokenize(view: &str, span: Span, quotes: &[(usize, Span)]) -> Vec<Token> {
    // About one token per five bytes of news prose (words and punctuation).
    let mut out = Vec::with_capacity(span.len() / 5 + 4);
    tokenize_into(view, span, quotes, &mut out);
    out
}

/// [`tokenize`] into `out` (cleared first), so that one buffer serves every sentence of a
/// document.
pub fn tokenize_into(view: &str, span: Span, quotes: &[(usize, Span)], out: &mut Vec<Token>) {
    out.clear();
    let lex = lexicon();
    let b = view.as_bytes();
    let mut pos = span.start;
    let mut qi = quotes.partition_point(|(_, q)| q.end <= span.start);
    while pos < span.end {
        if let Some(after) = step_quote(quotes, &mut qi, pos, out) {
            pos = after;
            continue;
        }
        let limit = prose_limit(quotes, qi, span.end);
        while pos < limit {
            let c = b[pos];
            let class = BYTE_CLASS[usize::from(c)];
            if class & SPACE != 0 {
                pos += 1;
                continue;
            }
            if c < 0x80 && class & IN_RUN == 0 {
                // ASCII punctuation, glue or another symbol.
                if let Some(t) = punct_kind(char::from(c)) {
                    out.push(Token {
                        tok: t,
                        span: Span::new(pos, pos + 1),
                    });
                }
                pos += 1;
                continue;
            }
            let rest = &view[pos..limit];
            if c >= 0x80 {
                let ch = rest.chars().next().unwrap_or(' ');
                if ch.is_whitespace() {
                    pos += ch.len_utf8();
                    continue;
                }
            }
            if let Ok((_, w)) = word(rest) {
                let w = word_token(lex, w);
                out.push(Token {
                    tok: Tok::Word,
                    span: Span::new(pos, pos + w.len()),
                });
                pos += w.len().max(1);
                continue;
            }
            let ch = rest.chars().next().unwrap_or(' ');
            if let Ok((after, Some(t))) = punct(rest) {
                out.push(Token {
                    tok: t,
                    span: Span::new(pos, pos + (rest.len() - after.len())),
                });
            }
            pos += ch.len_utf8();
        }
        pos = pos.max(limit);
    }
}

/// If the quote at `quotes[*qi]` starts at or before `pos`, step over it: push it as one token
/// unless it has already ended, and return where reading goes on. `None` when the next quote
/// starts later (the text up to [`prose_limit`] is prose).
fn step_quote(
    quotes: &[(usize, Span)],
    qi: &mut usize,
    pos: usize,
    out: &mut Vec<Token>,
) -> Option<usize> {
    let &(idx, q) = quotes.get(*qi).filter(|(_, q)| q.start <= pos)?;
    *qi += 1;
    if q.end <= pos {
        return Some(pos);
    }
    out.push(Token {
        tok: Tok::Quote(idx),
        span: q,
    });
    Some(q.end)
}

/// Where the prose read from `quotes[qi]`'s side ends: the next quote or the span's `end`.
fn prose_limit(quotes: &[(usize, Span)], qi: usize, end: usize) -> usize {
    quotes.get(qi).map_or(end, |(_, q)| q.start.min(end))
}

/// The token of a [`word`] match: a trailing period only for abbreviations and initials,
/// trailing apostrophes and hyphens dropped.
fn word_token<'a>(lex: &Lexicon, w: &'a str) -> &'a str {
    let mut w = w;
    if w.as_bytes().last() == Some(&b'.') && !lex.keeps_period(w) {
        w = w.trim_end_matches('.');
    }
    // ('’' ends in byte 0x99.)
    if matches!(w.as_bytes().last(), Some(b'\'' | b'-' | 0x99)) {
        w = w.trim_end_matches(['\'', '’', '-']);
    }
    w
}

/// An attribution the grammar found for a quote or in prose.
#[derive(Clone, Debug)]
pub struct Found {
    /// Tokens of the speaker phrase (view spans).
    pub speaker: Span,
    /// Appositive after the speaker phrase, if any.
    pub appositive: Option<Span>,
    /// The cue (speech verb or "according to").
    pub cue: Span,
}

fn text_of<'a>(view: &'a str, t: &Token) -> &'a str {
    t.span.of(view)
}

fn is_stop_word(w: &str) -> bool {
    grammar().phrase_stops.contains(w)
}

fn is_link(w: &str) -> bool {
    grammar().phrase_links.contains(w)
}

/// The number of tokens of an "according to"-style cue (lexicon `according`: "according to",
/// "as reported by", "in the words of") starting at `toks[i]`, if one starts there; `toks[i]`
/// is a word known to be in the lexicon's `according_first` (its
/// [`WordClasses::ACCORDING_FIRST`] bit).
fn according_from(view: &str, toks: &[Token], i: usize) -> Option<usize> {
    let lex = lexicon();
    // The cues run two to four words: only the words that follow `toks[i]` can be in one.
    let run = toks[i..]
        .iter()
        .take(4)
        .take_while(|t| t.tok == Tok::Word)
        .count();
    if run < 2 {
        return None;
    }
    let mut words = [""; 4];
    for (w, t) in words.iter_mut().zip(&toks[i..i + run]) {
        *w = text_of(view, t);
    }
    lex.according.longest_exact(&words[..run], 2)
}

/// Read a speaker phrase forward from `toks[i]`: words up to punctuation or a stop word,
/// then an appositive between commas.
fn forward_np(view: &str, toks: &[Token], mut i: usize) -> Option<(Span, Option<Span>)> {
    let start = i;
    let mut end = None;
    while let Some(t) = toks.get(i) {
        if t.tok != Tok::Word {
            break;
        }
        let w = text_of(view, t);
        if i > start && is_stop_word(w) && !is_link(w) {
            // Knowledge phrases continue: people briefed on the talks, a source close to X.
            if !is_link(text_of(view, &toks[i - 1])) {
                break;
            }
        }
        end = Some(t.span.end);
        i += 1;
        if i - start > 12 {
            return None;
        }
    }
    let end = end?;
    let np = Span::new(toks[start].span.start, end);
    let mut app = None;
    if toks.get(i).is_some_and(|t| t.tok == Tok::Comma) {
        let a0 = i + 1;
        let mut j = a0;
        while toks.get(j).is_some_and(|t| t.tok == Tok::Word) && j - a0 < 14 {
            j += 1;
        }
        let rel = toks
            .get(a0)
            .is_some_and(|t| grammar().relative_pronouns.contains(text_of(view, t)));
        if j > a0 && !rel {
            app = Some(Span::new(toks[a0].span.start, toks[j - 1].span.end));
        }
    }
    Some((np, app))
}

/// The class bits ([`classes`]) of a sentence's tokens: the analysis' when it has them (one
/// per token, 0 for non-words), otherwise looked up a word at a time. A word's bits tell the
/// same as the word sets they stand for (a token never holds a space).
#[derive(Clone, Copy)]
struct Bits<'a>(Option<&'a [u32]>);

impl Bits<'_> {
    /// The bits of the word token `toks[i]`.
    #[inline]
    fn of(self, view: &str, toks: &[Token], i: usize) -> u32 {
        match self.0 {
            Some(bits) => bits[i],
            None => classes().of(text_of(view, &toks[i])),
        }
    }
}

/// Read a speaker phrase backward from the token before `verb`.
fn backward_np(
    view: &str,
    toks: &[Token],
    verb: usize,
    bits: Bits<'_>,
) -> Option<(Span, Option<Span>)> {
    use WordClasses as C;
    let lex = lexicon();
    let mut j = verb;
    // Skip adverbs and auxiliaries: "Reyes also said", "she had told", "Kupec sharply criticized".
    while j > 0 && toks[j - 1].tok == Tok::Word && {
        bits.of(view, toks, j - 1) & BETWEEN != 0 || {
            let w = text_of(view, &toks[j - 1]);
            w.len() > 4 && w.ends_with("ly") && !w.starts_with(char::is_uppercase)
        }
    } {
        j -= 1;
    }
    // ", who said": the relative pronoun stands for the phrase before the comma.
    if j >= 2
        && toks[j - 1].tok == Tok::Word
        && toks[j - 2].tok == Tok::Comma
        && bits.of(view, toks, j - 1) & RELATIVE != 0
    {
        j -= 1;
    }
    let mut appositive = None;
    if j > 0 && toks[j - 1].tok == Tok::Comma {
        // An appositive: "Tom Reyes, an economist at the Urban Institute, said".
        let close = j - 1;
        let mut k = close;
        while k > 0 && toks[k - 1].tok == Tok::Word && close - k < 16 {
            k -= 1;
        }
        if k > 0 && toks[k - 1].tok == Tok::Comma && k < close {
            appositive = Some(Span::new(toks[k].span.start, toks[close - 1].span.end));
            j = k - 1;
            // An age before the appositive: "Lena Ortiz, 41, a shopper from Tacoma, said".
            if j >= 2
                && toks[j - 1].tok == Tok::Word
                && toks[j - 2].tok == Tok::Comma
                && text_of(view, &toks[j - 1])
                    .bytes()
                    .all(|b| b.is_ascii_digit())
            {
                j -= 2;
            }
        } else {
            return None;
        }
    }
    // A relative clause inside the subject: "An officer who was at the scene that night,
    // who spoke on condition of anonymity, told" -> the whole clause, headed by "An officer".
    let clause_start = toks[..j]
        .iter()
        .rposition(|t| t.tok != Tok::Word)
        .map(|p| p + 1)
        .unwrap_or(0);
    if let Some(r) = (clause_start + 1..j).find(|&r| {
        // Only "who" (3 bytes) and "whose" (5) can match: other lengths are not read.
        matches!(toks[r].span.len(), 3 | 5) && {
            let w = text_of(view, &toks[r]);
            matches!(w, "who" | "whose") && grammar().relative_pronouns.contains(w)
        }
    }) {
        // Word sets fold case themselves.
        let head = text_of(view, &toks[r - 1]);
        if lex.anon_heads.contains(head)
            || lex.roles.contains(head)
            || lex.vague_heads.contains(head)
        {
            return Some((
                Span::new(toks[clause_start].span.start, toks[j - 1].span.end),
                appositive,
            ));
        }
    }
    // A pronoun right before the verb is the whole subject: "what he called".
    if j > 0 && toks[j - 1].tok == Tok::Word && bits.of(view, toks, j - 1) & C::PRONOUN != 0 {
        return Some((toks[j - 1].span, appositive));
    }
    let mut end = j;
    let mut k = end;
    while k > 0 && toks[k - 1].tok == Tok::Word && end - k < 12 {
        let class = bits.of(view, toks, k - 1);
        // A stop word (that is no link) ends the phrase, unless something carries it on.
        if class & (C::PHRASE_STOP | C::PHRASE_LINK) == C::PHRASE_STOP {
            let w = text_of(view, &toks[k - 1]);
            let before = (k >= 2 && toks[k - 2].tok == Tok::Word).then(|| k - 2);
            // "in" may link a head noun and a place: officials in Kyiv.
            let in_link = w.eq_ignore_ascii_case("in")
                && before.is_some_and(|b| {
                    let hb = text_of(view, &toks[b]);
                    bits.of(view, toks, b) & C::ANON_HEAD != 0
                        || lex.vague_heads.contains(hb)
                        || lex.roles.contains(hb)
                });
            // Knowledge phrases: a person briefed on the talks, a source close to X.
            let knowledge = before.is_some_and(|b| bits.of(view, toks, b) & C::PHRASE_LINK != 0);
            // A relative clause: "an officer who was at the scene said" -> "an officer".
            if class & RELATIVE != 0 && !w.eq_ignore_ascii_case("that") && before.is_some() {
                end = k - 1;
                k -= 1;
                continue;
            }
            if !(in_link || knowledge) {
                break;
            }
        }
        if class & (C::SPEECH | C::COGNITIVE) != 0 {
            break;
        }
        k -= 1;
    }
    if k == end {
        return None;
    }
    // Trim leading prepositions and conjunction-like lowercase words that are not part of a
    // noun phrase: "In Miami Ortega said" (handled by stops), "Later Ortega said".
    while k < end {
        if bits.of(view, toks, k) & (C::PHRASE_LINK | BETWEEN) != 0 {
            k += 1;
        } else {
            break;
        }
    }
    if k == end {
        return None;
    }
    Some((
        Span::new(toks[k].span.start, toks[end - 1].span.end),
        appositive,
    ))
}

/// Attribution after a quote: `, said X` / `, X said` / `, according to X`.
pub fn after_quote(view: &str, toks: &[Token], q: usize) -> Option<Found> {
    after_quote_with(view, toks, q, Bits(None))
}

/// [`after_quote`] with each token's [`classes`] bits already known (0 for non-words), as
/// [`in_prose_classed`] takes them.
pub fn after_quote_classed(view: &str, toks: &[Token], bits: &[u32], q: usize) -> Option<Found> {
    after_quote_with(view, toks, q, Bits(Some(bits)))
}

fn after_quote_with(view: &str, toks: &[Token], q: usize, bits: Bits<'_>) -> Option<Found> {
    let is_cue = |k: usize| bits.of(view, toks, k) & WordClasses::SPEECH != 0;
    let g = grammar();
    let mut i = q + 1;
    while toks.get(i).is_some_and(|t| {
        t.tok == Tok::Comma || (t.tok == Tok::Stop && matches!(t.span.of(view), "—" | "–"))
    }) {
        i += 1;
    }
    let first = toks.get(i)?;
    if first.tok != Tok::Word {
        return None;
    }
    let w0 = text_of(view, first);
    let class0 = bits.of(view, toks, i);
    // according to X, as reported by X
    if let Some(n) = (class0 & WordClasses::ACCORDING_FIRST != 0)
        .then(|| according_from(view, toks, i))
        .flatten()
    {
        let (np, app) = forward_np(view, toks, i + n)?;
        return Some(Found {
            speaker: np,
            appositive: app,
            cue: Span::new(first.span.start, toks[i + n - 1].span.end),
        });
    }
    // Coordinated: ... gave its "deepest sympathies" and said ...: the sentence's subject.
    if g.quote_joiners.contains(w0)
        && toks
            .get(i + 1)
            .is_some_and(|t| t.tok == Tok::Word && is_cue(i + 1))
    {
        let cue = toks[i + 1].span;
        return sentence_subject(view, &toks[..q], q).map(|f| Found { cue, ..f });
    }
    // Inverted: said Tom Reyes.
    if class0 & WordClasses::SPEECH != 0 && !g.recipient_verbs.contains(w0) {
        // "calls for an increase": a preposition after the verb means no speaker follows.
        if toks.get(i + 1).is_some_and(|t| {
            let n = text_of(view, t);
            g.phrase_links.contains(n) || g.phrase_stops.contains(n)
        }) {
            return None;
        }
        let (np, app) = forward_np(view, toks, i + 1)?;
        return Some(Found {
            speaker: np,
            appositive: app,
            cue: first.span,
        });
    }
    // Normal: Tom Reyes(, an economist,) said.
    let mut k = i;
    while let Some(t) = toks.get(k) {
        match t.tok {
            Tok::Word => {
                if k > i && is_cue(k) {
                    let (np, app) = backward_np(view, &toks[..k + 1], k, bits)?;
                    if np.start < toks[i].span.start {
                        return None;
                    }
                    return Some(Found {
                        speaker: np,
                        appositive: app,
                        cue: t.span,
                    });
                }
            }
            Tok::Comma => {}
            _ => return None,
        }
        k += 1;
        if k - i > 24 {
            return None;
        }
    }
    None
}

/// Attribution before a quote in the same sentence: `X said: "`, `X called it "`,
/// `described by X as "`, `according to X, "`.
pub fn before_quote(view: &str, toks: &[Token], q: usize, from: usize) -> Option<Found> {
    before_quote_with(view, toks, q, from, Bits(None))
}

/// [`before_quote`] with each token's [`classes`] bits already known (0 for non-words), as
/// [`in_prose_classed`] takes them.
pub fn before_quote_classed(
    view: &str,
    toks: &[Token],
    bits: &[u32],
    q: usize,
    from: usize,
) -> Option<Found> {
    before_quote_with(view, toks, q, from, Bits(Some(bits)))
}

fn before_quote_with(
    view: &str,
    toks: &[Token],
    q: usize,
    from: usize,
    bits: Bits<'_>,
) -> Option<Found> {
    use WordClasses as C;
    let g = grammar();
    let window = &toks[from..q];
    // A colon intro with no speech verb in its clause ("Asked about it, he put it simply:").
    let clause = window
        .iter()
        .rposition(|t| t.tok == Tok::Comma || t.tok == Tok::Stop)
        .map(|p| p + 1)
        .unwrap_or(0);
    if let Some(f) = colon_intro(view, toks, q, from)
        && !window[clause..].iter().enumerate().any(|(k, t)| {
            t.tok == Tok::Word && bits.of(view, toks, from + clause + k) & C::SPEECH != 0
        })
    {
        return Some(f);
    }
    // The last cue before the quote; a cue word after a determiner is a noun ("in a note").
    let (j, class) = (0..window.len()).rev().find_map(|k| {
        if window[k].tok != Tok::Word {
            return None;
        }
        let class = bits.of(view, toks, from + k);
        ((class & (C::SPEECH | QUOTE_ONLY) != 0
            || class & C::ACCORDING_FIRST != 0 && according_from(view, window, k).is_some())
            && !(k > 0
                && window[k - 1].tok == Tok::Word
                && bits.of(view, toks, from + k - 1) & (C::COUNT | C::DEFINITE) != 0))
            .then_some((from + k, class))
    })?;
    let cue = toks[j];
    let w = text_of(view, &cue);
    if let Some(n) = (class & C::ACCORDING_FIRST != 0)
        .then(|| according_from(view, &toks[..q], j))
        .flatten()
    {
        let (np, app) = forward_np(view, &toks[..q], j + n)?;
        return Some(Found {
            speaker: np,
            appositive: app,
            cue: Span::new(cue.span.start, toks[j + n - 1].span.end),
        });
    }
    // Passive: "was described by Kremlin officials as".
    if toks
        .get(j + 1)
        .is_some_and(|t| text_of(view, t).eq_ignore_ascii_case("by"))
    {
        let (np, app) = forward_np(view, &toks[..q], j + 2)?;
        return Some(Found {
            speaker: np,
            appositive: app,
            cue: cue.span,
        });
    }
    // A participle or a second verb of the sentence's subject: "X defended the rise, saying",
    // "X declined to comment, but added:".
    let prev = (j > from && toks[j - 1].tok == Tok::Word).then(|| text_of(view, &toks[j - 1]));
    // A participle opening the sentence ("Calling it "...", Franowska said") leaves the
    // speaker to the attribution after the quote.
    if w.ends_with("ing") && j == 0 {
        return None;
    }
    // A passive ("has been termed "Brexit"") has no speaker before it.
    if prev.is_some_and(|p| g.passive_auxiliaries.contains(p)) {
        return None;
    }
    // A participle, an infinitive or a second verb of the sentence's subject:
    // "X defended the rise, saying", "X went on to say", "X declined to comment, but added:".
    let participle = w.ends_with("ing");
    let infinitive = prev.is_some_and(|p| p.eq_ignore_ascii_case("to"));
    let coordinated = prev.is_some_and(|p| g.quote_joiners.contains(p));
    if participle || infinitive || coordinated {
        // The sentence's subject or nobody: what stands right before such a verb is its
        // object ("saying there was", "to show victims").
        return sentence_subject(view, toks, j).map(|f| Found { cue: cue.span, ..f });
    }
    if let Some((np, app)) = backward_np(view, &toks[..q], j, bits)
        && np.start >= toks[from].span.start
    {
        return Some(Found {
            speaker: np,
            appositive: app,
            cue: cue.span,
        });
    }
    // Inverted before the quote: said Reyes, "...".
    if !g.recipient_verbs.contains(w) && j + 1 < q && toks[j + 1].tok == Tok::Word {
        let (np, app) = forward_np(view, &toks[..q], j + 1)?;
        return Some(Found {
            speaker: np,
            appositive: app,
            cue: cue.span,
        });
    }
    None
}

/// The subject at the start of the sentence (before the verb at `verb`), with its appositive.
fn sentence_subject(view: &str, toks: &[Token], verb: usize) -> Option<Found> {
    let lex = lexicon();
    let g = grammar();
    // Token lists hold one sentence, so the subject search starts at its first token.
    let mut from = 0;
    // Skip an opening phrase: "At the time of her murder, Qandeel Baloch, ... wrote".
    if toks.get(from).is_some_and(|t| {
        t.tok == Tok::Word && {
            let w = text_of(view, t);
            g.phrase_stops.contains(w) || g.phrase_links.contains(w)
        }
    }) && let Some(c) = toks[from..verb].iter().position(|t| t.tok == Tok::Comma)
    {
        from += c + 1;
    }
    let first = toks.get(from).filter(|t| t.tok == Tok::Word)?;
    let w = text_of(view, first);
    if lex.is_pronoun(w) && !lex.neuter.contains(w) {
        return Some(Found {
            speaker: first.span,
            appositive: None,
            cue: first.span,
        });
    }
    // A subject opens with a name or a determiner: "the Royal Canadian Mounted Police".
    if !w.starts_with(char::is_uppercase) && !g.definite.contains(w) && !lex.counts.contains(w) {
        return None;
    }
    let (mut np, app) = forward_np(view, &toks[..verb], from)?;
    // A named subject ends with its capitalised run: "US Secretary of State Mike Pompeo
    // posted a message ..." -> "US Secretary of State Mike Pompeo".
    let mut last_cap = None;
    for t in toks[from..verb]
        .iter()
        .take_while(|t| t.tok == Tok::Word && t.span.end <= np.end)
    {
        let w = text_of(view, t);
        if w.starts_with(char::is_uppercase) {
            last_cap = Some(t.span.end);
        } else if !g.phrase_links.contains(w) && !lex.roles.contains(w) {
            // A word that is neither name, link nor role: the verb phrase starts here.
            if let Some(end) = last_cap {
                np = Span::new(np.start, end);
            }
            break;
        }
    }
    // A subject runs a few words; a longer run is a whole clause.
    if toks[from..verb]
        .iter()
        .filter(|t| t.tok == Tok::Word && t.span.end <= np.end)
        .count()
        > 6
    {
        return None;
    }
    Some(Found {
        speaker: np,
        appositive: app,
        cue: np,
    })
}

/// `He put it simply: "..."`, `Ortega was blunt: "..."`: the subject of the clause before a
/// colon, when it is a pronoun or a name.
fn colon_intro(view: &str, toks: &[Token], q: usize, from: usize) -> Option<Found> {
    let lex = lexicon();
    if q == 0 || q <= from || toks[q - 1].tok != Tok::Colon {
        return None;
    }
    let clause = toks[from..q - 1]
        .iter()
        .rposition(|t| t.tok != Tok::Word)
        .map(|p| from + p + 1)
        .unwrap_or(from);
    let first = toks.get(clause).filter(|t| t.tok == Tok::Word)?;
    let w = text_of(view, first);
    if lex.is_pronoun(w) && !lex.neuter.contains(w) {
        return Some(Found {
            speaker: first.span,
            appositive: None,
            cue: toks[q - 1].span,
        });
    }
    let mut k = clause;
    // A name, possibly after role words: "Ortega", "Defense attorney Frank Adebayo".
    let mut last_cap = None;
    while k < q - 1 && toks[k].tok == Tok::Word && k - clause < 6 {
        let w = text_of(view, &toks[k]);
        if w.starts_with(char::is_uppercase) {
            last_cap = Some(k);
        } else if !lex.roles.contains(w) {
            break;
        }
        k += 1;
    }
    let k = last_cap.map(|c| c + 1).unwrap_or(clause);
    if k > clause && k < q - 1 && !text_of(view, &toks[k]).starts_with(char::is_uppercase) {
        return Some(Found {
            speaker: Span::new(toks[clause].span.start, toks[k - 1].span.end),
            appositive: None,
            cue: toks[q - 1].span,
        });
    }
    None
}

/// Attributions in the writer's prose (no quote attached): "X said (that) ...", "according to
/// X", vague frames with verbs of belief ("critics contend"). `used` holds cue spans already
/// taken by quotes.
pub fn in_prose(view: &str, toks: &[Token], used: &rustc_hash::FxHashSet<Span>) -> Vec<Found> {
    let table = classes();
    let bits: Vec<u32> = toks
        .iter()
        .map(|t| match t.tok {
            Tok::Word => table.of(text_of(view, t)),
            _ => 0,
        })
        .collect();
    let mut scratch = crate::lexicon::Words { words: Vec::new() };
    in_prose_classed(view, toks, &bits, used, &mut scratch)
}

/// [`in_prose`] with each token's [`classes`] bits already known (0 for non-words), as the
/// analysis has them from its word scan; `scratch` is a buffer for subject phrases' words that
/// one caller can keep for a whole document.
pub fn in_prose_classed<'v>(
    view: &'v str,
    toks: &[Token],
    bits: &[u32],
    used: &rustc_hash::FxHashSet<Span>,
    scratch: &mut crate::lexicon::Words<'v>,
) -> Vec<Found> {
    let lex = lexicon();
    let mut out = Vec::new();
    let last_quote = toks.iter().rposition(|t| matches!(t.tok, Tok::Quote(_)));
    use WordClasses as C;
    // One table lookup tells most words apart from every cue (non-words have no bits).
    let cues = toks
        .iter()
        .zip(bits)
        .enumerate()
        .filter(|&(_, (_, &class))| class & (C::SPEECH | C::COGNITIVE | C::ACCORDING_FIRST) != 0);
    for (j, (t, &class)) in cues {
        if t.tok != Tok::Word || used.contains(&t.span) {
            continue;
        }
        let w = text_of(view, t);
        if let Some(n) = (class & C::ACCORDING_FIRST != 0)
            .then(|| according_from(view, toks, j))
            .flatten()
        {
            if let Some((np, app)) = forward_np(view, toks, j + n) {
                out.push(Found {
                    speaker: np,
                    appositive: app,
                    cue: Span::new(t.span.start, toks[j + n - 1].span.end),
                });
            }
            continue;
        }
        // Participles ("..., saying the plan would fail") repeat a main verb's subject and are
        // left to the quote grammar.
        let speech = class & (C::SPEECH | QUOTE_ONLY) == C::SPEECH && !w.ends_with("ing");
        let belief = class & C::COGNITIVE != 0;
        if !speech && !belief {
            continue;
        }
        // A verb with a quote later in the sentence belongs to that quote.
        if speech && last_quote.is_some_and(|q| q > j) {
            continue;
        }
        if let Some((np, app)) = backward_np(view, toks, j, Bits(Some(bits))) {
            scratch.refill(np.of(view), np.start);
            if !plausible_subject(lex, &scratch.words, belief && !speech) {
                continue;
            }
            out.push(Found {
                speaker: np,
                appositive: app,
                cue: t.span,
            });
        }
    }
    out
}

/// A subject phrase worth treating as a source in prose.
fn plausible_subject(lex: &Lexicon, np: &[(&str, Span)], belief_only: bool) -> bool {
    let word = |i: usize| np[i].0;
    if np.is_empty() || np.len() > 9 {
        return false;
    }
    // The head is the last word before a linking phrase: "A Tallis manager | at the facility".
    let g = grammar();
    let head_at = (1..np.len())
        .find(|&i| g.phrase_links.contains(word(i)) || g.relative_pronouns.contains(word(i)))
        .unwrap_or(np.len());
    // Word sets fold case themselves.
    let (last, first) = (word(head_at - 1), word(0));
    let vague = lex.vague_heads.contains(last)
        || (np.len() == 1 && lex.standalone.contains(first))
        || lex.quantifiers.contains(first) && lex.vague_heads.contains(last);
    if belief_only {
        // Verbs of belief attribute only for weasel subjects: critics contend, many believe.
        return vague;
    }
    if vague || lex.anon_heads.contains(last) || lex.documents.contains(last) {
        return true;
    }
    if np.len() == 1 && lex.is_pronoun(first) {
        return true;
    }
    if lex.roles.contains(last) || lex.org_generic.contains(last) {
        return true;
    }
    // Names: every word capitalised, aside from titles, particles, linking words and role
    // words before a name ("Eastmoor manager Anders Kolberg", "Comets guard Jaylen Rooks").
    let g = grammar();
    np.iter().enumerate().all(|(i, &(w, _))| {
        w.starts_with(char::is_uppercase)
            || g.name_particles.contains(w)
            || lex.titles.contains(w)
            || g.phrase_links.contains(w)
            || g.definite.contains(w)
            || g.name_joiners.contains(w)
            || (lex.roles.contains(w)
                && np[i + 1..]
                    .iter()
                    .any(|n| n.0.starts_with(char::is_uppercase)))
    }) && np
        .last()
        .is_some_and(|w| w.0.starts_with(char::is_uppercase))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_reads_what_the_combinator_grammar_reads() {
        use nom::bytes::complete::{take_while, take_while1};
        use nom::combinator::recognize;
        let spec = |i| -> IResult<&str, &str> {
            recognize((
                take_while1(is_word_char),
                take_while(|c: char| is_word_char(c) || matches!(c, '\'' | '’' | '-' | '.' | '&')),
            ))
            .parse(i)
        };
        for text in [
            "U.S. officials",
            "O'Brien's",
            "al-Assad,",
            "Smith’s car",
            "&Co",
            "Ševčík said",
            "naïve-ish.",
            "..x",
            "",
            " lead",
            "1990s—",
            "日本語の文",
            "AT&T.",
            "rock’n’roll",
            "x\u{301}y",
            "’quote",
            "-dash",
            "Zoë’",
            "éa'",
        ] {
            assert_eq!(word(text).ok(), spec(text).ok(), "{text:?}");
        }
    }

    #[test]
    fn grammar_bits_are_free_in_the_lexicon_table() {
        let lexicon_bits = [
            WordClasses::MALE,
            WordClasses::FEMALE,
            WordClasses::ANON_HEAD,
            WordClasses::COUNT,
            WordClasses::SPEECH,
            WordClasses::COGNITIVE,
            WordClasses::ACCORDING_FIRST,
            WordClasses::PRONOUN,
            WordClasses::ROLE,
            WordClasses::DEFINITE,
            WordClasses::PHRASE_STOP,
            WordClasses::PHRASE_LINK,
            WordClasses::NAME_PARTICLE,
            WordClasses::NAME_JOINER,
            WordClasses::RELATIVE,
            WordClasses::QUOTE_JOINER,
            WordClasses::CAPITALISED,
        ]
        .into_iter()
        .fold(0, |a, b| a | b);
        for bit in [QUOTE_ONLY, BETWEEN] {
            assert_eq!(bit.count_ones(), 1);
            assert_eq!(bit & lexicon_bits, 0);
        }
        let g = grammar();
        for (set, bit) in [
            (&g.quote_only_cues, QUOTE_ONLY),
            (&g.between_subject_and_verb, BETWEEN),
            (&g.relative_pronouns, RELATIVE),
        ] {
            for w in set.iter() {
                assert_ne!(classes().of(w) & bit, 0, "{w}");
                assert_ne!(classes().of(&w.to_uppercase()) & bit, 0, "{w}");
            }
            for w in ["said", "the", "Reyes", "caf\u{e9}"] {
                assert_eq!(classes().of(w) & bit != 0, set.contains(w), "{w}");
            }
        }
    }

    #[test]
    fn ascii_classes_are_the_char_tests_they_stand_for() {
        for b in 0..128u8 {
            let c = char::from(b);
            let want = if c.is_ascii_alphanumeric() {
                1
            } else if matches!(c, '\'' | '-' | '.' | '&') {
                2
            } else if c.is_whitespace() {
                3
            } else {
                0
            };
            // How the tokenizer reads the word pass's byte classes.
            let class = BYTE_CLASS[usize::from(b)];
            let got = if class & IN_RUN != 0 {
                1
            } else if class & IN_WORD != 0 {
                2
            } else if class & SPACE != 0 {
                3
            } else {
                0
            };
            assert_eq!(got, want, "{c:?}");
        }
    }

    #[test]
    fn tokenizer_reads_punctuation_quotes_and_wide_characters() {
        let s = "Smith\u{2019}s plan\u{2014}\u{201c}fine\u{201d}\u{a0}said Ann-\u{2019} (U.S.). x:, é\u{3000}y. \u{2019}t";
        let q = s.find('\u{201c}').unwrap();
        let qe = s.find('\u{201d}').unwrap() + '\u{201d}'.len_utf8();
        let t = tokenize(s, Span::new(0, s.len()), &[(7, Span::new(q, qe))]);
        let got: Vec<(Tok, &str)> = t.iter().map(|t| (t.tok, t.span.of(s))).collect();
        assert_eq!(
            got,
            [
                (Tok::Word, "Smith\u{2019}s"),
                (Tok::Word, "plan"),
                (Tok::Stop, "\u{2014}"),
                (Tok::Quote(7), "\u{201c}fine\u{201d}"),
                (Tok::Word, "said"),
                (Tok::Word, "Ann"),
                (Tok::Stop, "("),
                (Tok::Word, "U.S."),
                (Tok::Stop, ")"),
                (Tok::Stop, "."),
                (Tok::Word, "x"),
                (Tok::Colon, ":"),
                (Tok::Comma, ","),
                (Tok::Word, "é"),
                (Tok::Word, "y"),
                (Tok::Stop, "."),
                (Tok::Word, "t"),
            ]
        );
    }

    /// The tokenizer as first written: every character through nom, `word` then `punct`.
    fn tokenize_by_parsers(view: &str, span: Span, quotes: &[(usize, Span)]) -> Vec<Token> {
        let mut out = Vec::new();
        let mut pos = span.start;
        let mut qi = quotes.partition_point(|(_, q)| q.end <= span.start);
        while pos < span.end {
            if let Some(after) = step_quote(quotes, &mut qi, pos, &mut out) {
                pos = after;
                continue;
            }
            let limit = prose_limit(quotes, qi, span.end);
            let rest = &view[pos..limit];
            let c = rest.chars().next().unwrap_or(' ');
            if c.is_whitespace() {
                pos += c.len_utf8();
                continue;
            }
            if let Ok((_, w)) = word(rest) {
                let w = if w.ends_with('.') && !lexicon().keeps_period(w) {
                    w.trim_end_matches('.')
                } else {
                    w
                };
                let w = w.trim_end_matches(['\'', '\u{2019}', '-']);
                out.push(Token {
                    tok: Tok::Word,
                    span: Span::new(pos, pos + w.len()),
                });
                pos += w.len().max(1);
                continue;
            }
            if let Ok((after, Some(t))) = nom::branch::alt((punct,)).parse(rest) {
                out.push(Token {
                    tok: t,
                    span: Span::new(pos, pos + (rest.len() - after.len())),
                });
            }
            pos += c.len_utf8();
        }
        out
    }

    #[test]
    fn tokenizer_reads_what_the_parsers_read() {
        let pieces = [
            "Sen.",
            "U.S.",
            "J.",
            "said",
            "said.",
            "Ann-",
            "it\u{2019}",
            "O'Brien'",
            "AT&T",
            "&",
            "..",
            ".",
            ",",
            ":",
            ";",
            "!",
            "?",
            "(",
            ")",
            "[",
            "]",
            "\u{2014}",
            "\u{2013}",
            "\"",
            "\u{201c}",
            "\u{2019}",
            " ",
            "  ",
            "\n",
            "\t",
            "\u{b}",
            "\u{c}",
            "\r",
            "\u{a0}",
            "\u{85}",
            "\u{3000}",
            "\u{e9}t\u{e9}",
            "\u{41f}\u{443}\u{442}\u{438}\u{43d}",
            "x\u{301}",
            "1990s",
            "$5",
            "50%",
            "#1",
            "e-mail-",
            "Ph.D.",
            "Mr.",
            "a.m.",
            "\u{1d400}",
            "\u{1f600}",
            "-",
            "'",
            "/",
        ];
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..3000 {
            let n = (next() % 24) as usize;
            let text: String = (0..n)
                .map(|_| pieces[(next() % pieces.len() as u64) as usize])
                .collect();
            // Quotes at random char boundaries, sorted, not overlapping.
            let bounds: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            let mut quotes = Vec::new();
            let mut at = 0;
            while next() % 3 != 0 {
                let a = bounds[(next() % bounds.len() as u64) as usize];
                let b = bounds[(next() % bounds.len() as u64) as usize];
                let (a, b) = (a.min(b), a.max(b));
                if a >= at && b > a {
                    quotes.push((quotes.len(), Span::new(a, b)));
                    at = b;
                }
            }
            let a = bounds[(next() % bounds.len() as u64) as usize];
            let b = bounds[(next() % bounds.len() as u64) as usize];
            for span in [Span::new(0, text.len()), Span::new(a.min(b), a.max(b))] {
                assert_eq!(
                    tokenize(&text, span, &quotes),
                    tokenize_by_parsers(&text, span, &quotes),
                    "{text:?} {span:?} {quotes:?}"
                );
            }
        }
    }

    fn toks(s: &str) -> Vec<Token> {
        tokenize(s, Span::new(0, s.len()), &[])
    }

    #[test]
    fn tokenizer_keeps_abbreviations() {
        let s = "Sen. Maria Okonkwo, of the U.S. Senate, said.";
        let t = toks(s);
        let words: Vec<&str> = t
            .iter()
            .filter(|t| t.tok == Tok::Word)
            .map(|t| t.span.of(s))
            .collect();
        assert_eq!(
            words,
            [
                "Sen.", "Maria", "Okonkwo", "of", "the", "U.S.", "Senate", "said"
            ]
        );
    }

    #[test]
    fn prose_attribution_subjects() {
        let s = "Critics contend the plan favours Russia.";
        let t = toks(s);
        let f = in_prose(s, &t, &Default::default());
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].speaker.of(s), "Critics");
        let s = "Witkoff met with two top Ukrainian officials in Miami.";
        assert!(in_prose(s, &toks(s), &Default::default()).is_empty());
    }
}
