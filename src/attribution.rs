//! The attribution grammar: links speech cues and speaker phrases to quotes, before, after or
//! inside them, and finds attributions made without quotation marks ("according to X",
//! "X said that ...", "critics contend").
//!
//! A sentence is read as a stream of tokens (words, punctuation, and one token per quote),
//! produced by a nom tokenizer; the patterns then look for a speech cue near each quote and
//! read the speaker phrase on the side the cue points to. Speaker phrases are read as writers
//! build them: names over the labels, roles and bodies around them ("study co-author Martin
//! Hale", "University of Westland, Easton's chancellor, Priya Raman", "a Republican
//! assemblywoman, Jill Tolles"), parentheticals skipped, relative clauses never speakers.
//! Participles, coordinated verbs and partial quotes with no cue of their own take the subject
//! of their clause ([`quote_subject`]), found by a small subject grammar (a pronoun, a name
//! with its titles, or modifiers and a head noun, then a verb).

use std::path::Path;
use std::sync::LazyLock;

use nom::character::complete::anychar;
use nom::combinator::map;
use nom::{IResult, Parser};
use serde::Deserialize;

use crate::lexicon::{
    BYTE_CLASS, DASHES, IN_RUN, IN_WORD, Lexicon, SPACE, WordClasses, WordSet, is_acronym, is_dash,
    is_possessive, is_word_char, lexicon, strip_possessive,
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
    /// A named person's family or estate, for whom a spokesperson speaks on the record.
    represented_households: Vec<String>,
    /// Forms of "be" that make a cue passive.
    passive_auxiliaries: Vec<String>,
    /// Words that open a clause and never start a speaker phrase.
    discourse_words: Vec<String>,
    /// Prepositions that open an absolute phrase: a subject and a participle.
    absolute_openers: Vec<String>,
    /// Subordinators that open a clause.
    clause_openers: Vec<String>,
    /// Pronouns that can be a sentence's subject.
    subject_pronouns: Vec<String>,
    /// Forms of be and go before a quotative "like".
    quotative_verbs: Vec<String>,
    /// Words between a quotative verb and "like".
    quotative_fillers: Vec<String>,
    /// Verbs whose object is the speaker before "as saying".
    quoting_verbs: Vec<String>,
    /// Capitalised words that label what follows a colon and name nobody.
    colon_labels: Vec<String>,
    /// Nouns a quoted name modifies (a term).
    term_heads: Vec<String>,
    /// Words that make a phrase a time (Tuesday, week, morning).
    time_words: Vec<String>,
    /// Verbs that are also nouns, cues only right after a source's head.
    head_verbs: Vec<String>,
    /// Nouns ending in "-ly", never adverbs ("the family said", "organizers of the rally").
    ly_nouns: Vec<String>,
    /// Verbs of finding that report a claim only with a clause after them, or for a document.
    finding_verbs: Vec<String>,
    object_verbs: Vec<String>,
    recordings: Vec<String>,
    speaking_pronouns: Vec<String>,
    /// Bare cue verbs that end a noun phrase after a determiner and a modifier.
    noun_cues: Vec<String>,
    /// Cue words that are nouns when "of" follows them.
    nouns_before_of: Vec<String>,
    /// Pronouns an auxiliary is contracted onto.
    contracted_subjects: Vec<String>,
    /// Modal verbs.
    modal_verbs: Vec<String>,
    /// Words that open an adverbial after a closing attribution's verb.
    tail_adverbials: Vec<String>,
    /// Cues that give a name or a chant its speaker.
    calling_cues: Vec<String>,
    /// Words that open a quantity before a number.
    quantity_openers: Vec<String>,
    /// Words that join a quantity's opening word to its number.
    quantity_links: Vec<String>,
    /// Particles between a verb of calling and the one called.
    calling_particles: Vec<String>,
    /// Possessive pronouns.
    possessive_pronouns: Vec<String>,
    /// Cues of chanted or shouted words.
    chant_cues: Vec<String>,
    /// Cues of naming a person with a description.
    describing_cues: Vec<String>,
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
    /// A named person's family or estate ("a family spokesperson"), spoken for on the record.
    pub represented_households: WordSet,
    /// Forms of "be" that make a cue passive ("has been termed").
    pub passive_auxiliaries: WordSet,
    /// Words that open a clause and never start a speaker phrase ("So I told him").
    pub discourse_words: WordSet,
    /// Prepositions that open an absolute phrase, a subject and its participle ("with McCain
    /// calling it a "Chinese menu"").
    pub absolute_openers: WordSet,
    /// Subordinators that open a clause whose subject is not the sentence's (if, when...).
    pub clause_openers: WordSet,
    /// Pronouns that can be the subject of a sentence with a partial quote (he, she, they).
    pub subject_pronouns: WordSet,
    /// Forms of "be" and "go" before a quotative "like" ("they were like, ...").
    pub quotative_verbs: WordSet,
    /// Words between a quotative verb and "like" ("were just like", "was kind of like").
    pub quotative_fillers: WordSet,
    /// Verbs whose object is the speaker before "as saying" ("quoted X as saying").
    pub quoting_verbs: WordSet,
    /// Capitalised words that label what follows a colon and name nobody ("Update:",
    /// "Photo:"), so a sentence opening with them is no speaker's name.
    pub colon_labels: WordSet,
    /// Nouns a quoted name or phrase modifies, making it a term (the "Save the pier" photo).
    pub term_heads: WordSet,
    /// Words that make a phrase a time: "on Tuesday", "last week" (weekdays, months, parts of
    /// the day).
    /// Words that open an adverbial closing an attribution after its verb: "..., Hollande
    /// said in Paris", "..., the lawyer wrote in a court filing" (with [`Self::time_words`]:
    /// "said Tuesday").
    pub tail_adverbials: WordSet,
    /// Cues whose quote is a name someone calls somebody by, however capitalised: "called the
    /// pageant winner "Miss Piggy"" (speech, not a title).
    pub calling_cues: WordSet,
    /// Words that open a quantity before a number, skipped before a subject: "About 500
    /// residents", "More than 100 economists".
    pub quantity_openers: WordSet,
    /// Words that join a quantity's opening word to its number: "than".
    pub quantity_links: WordSet,
    /// Particles after a verb of calling before the one called: "referred to the governor as".
    pub calling_particles: WordSet,
    /// Possessive pronouns: "her claim that ..." is hers.
    pub possessive_pronouns: WordSet,
    /// Cues of chanted or shouted words: the quote right after one is speech however
    /// capitalised ("chanting "Dump Trump"").
    pub chant_cues: WordSet,
    /// Cues of naming a person with a description ("hailed Trump as "The Comeback Kid"",
    /// "branded him "Lyin' Ted""): as [`Self::calling_cues`] when the one named is a name or
    /// a pronoun.
    pub describing_cues: WordSet,
    pub time_words: WordSet,
    /// Verbs that are also nouns ("report"), cues only right after a plural source head
    /// ("Sources report the party will split"); elsewhere they open subjects ("The report
    /// said").
    pub head_verbs: WordSet,
    /// Nouns ending in "-ly" ("family", "rally", "assembly"): never skipped as adverbs.
    pub ly_nouns: WordSet,
    /// Verbs of finding ("found", "showed") that report a claim in prose only before "that"
    /// or a colon, or when a document finds it ("the study found higher rates"): a person who
    /// "found the missing boy" did something, and said nothing.
    pub finding_verbs: WordSet,
    /// Verbs of publishing: a claim only with no object after them ("posted a photo" is an
    /// act).
    pub object_verbs: WordSet,
    /// Nouns of recorded speech: the name after "footage of" or "a video of" speaks in a
    /// participle after it ("footage of Trump saying, "..."").
    pub recordings: WordSet,
    /// First- and second-person subject pronouns that speak: "I", "we", "you" ("On your
    /// website you state" -> "you").
    pub speaking_pronouns: WordSet,
    /// Bare cue verbs more often the head of a compound noun: after a determiner and a
    /// singular modifier ("her home state", "an insurance claim") they are no cue.
    pub noun_cues: WordSet,
    /// Cue words that are nouns, not verbs, when "of" follows them: "spontaneous chants of
    /// "Lock her up!"", "claims of fraud" (a verb of speech takes no "of" right after it).
    pub nouns_before_of: WordSet,
    /// Pronouns an auxiliary is contracted onto ("He's", "We've"): [`tokenize_into`] splits
    /// the auxiliary off.
    pub contracted_subjects: WordSet,
    /// Modal verbs ("could", "will"): with a form of "be", the verbs that show a phrase
    /// after "said" is the subject of a reported clause.
    pub modal_verbs: WordSet,
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
        represented_households: WordSet::new(&f.represented_households),
        passive_auxiliaries: WordSet::new(&f.passive_auxiliaries),
        discourse_words: WordSet::new(&f.discourse_words),
        absolute_openers: WordSet::new(&f.absolute_openers),
        clause_openers: WordSet::new(&f.clause_openers),
        subject_pronouns: WordSet::new(&f.subject_pronouns),
        quotative_verbs: WordSet::new(&f.quotative_verbs),
        quotative_fillers: WordSet::new(&f.quotative_fillers),
        quoting_verbs: WordSet::new(&f.quoting_verbs),
        colon_labels: WordSet::new(&f.colon_labels),
        term_heads: WordSet::new(&f.term_heads),
        time_words: WordSet::new(&f.time_words),
        head_verbs: WordSet::new(&f.head_verbs),
        ly_nouns: WordSet::new(&f.ly_nouns),
        finding_verbs: WordSet::new(&f.finding_verbs),
        object_verbs: WordSet::new(&f.object_verbs),
        recordings: WordSet::new(&f.recordings),
        speaking_pronouns: WordSet::new(&f.speaking_pronouns),
        noun_cues: WordSet::new(&f.noun_cues),
        nouns_before_of: WordSet::new(&f.nouns_before_of),
        contracted_subjects: WordSet::new(&f.contracted_subjects),
        modal_verbs: WordSet::new(&f.modal_verbs),
        tail_adverbials: WordSet::new(&f.tail_adverbials),
        calling_cues: WordSet::new(&f.calling_cues),
        quantity_openers: WordSet::new(&f.quantity_openers),
        quantity_links: WordSet::new(&f.quantity_links),
        calling_particles: WordSet::new(&f.calling_particles),
        possessive_pronouns: WordSet::new(&f.possessive_pronouns),
        chant_cues: WordSet::new(&f.chant_cues),
        describing_cues: WordSet::new(&f.describing_cues),
    }
});

/// The index of the number after a quantity's opening words at `toks[start]` ("About 500
/// residents", "More than 100 economists": [`Grammar::quantity_openers`]), or `start`.
fn skip_quantity(view: &str, toks: &[Token], start: usize, limit: usize) -> usize {
    let g = grammar();
    let opener = |k: usize| {
        k < limit
            && toks[k].tok == Tok::Word
            && g.quantity_openers.contains(text_of(view, &toks[k]))
    };
    let number =
        |k: usize| k < limit && toks[k].tok == Tok::Word && is_number(text_of(view, &toks[k]));
    let link = |k: usize| {
        k < limit && toks[k].tok == Tok::Word && g.quantity_links.contains(text_of(view, &toks[k]))
    };
    if opener(start) && number(start + 1) {
        start + 1
    } else if opener(start) && link(start + 1) && number(start + 2) {
        start + 2
    } else {
        start
    }
}

/// True when `w` is a number in digits, with thousands separators or not ("41", "2,500").
fn is_number(w: &str) -> bool {
    w.bytes().next().is_some_and(|b| b.is_ascii_digit())
        && w.bytes().all(|b| b.is_ascii_digit() || b == b',')
}

/// True when `w` reads as an "-ly" adverb ("sharply", "Finally"): longer than four bytes and
/// not one of the grammar's "-ly" nouns ("family", "rally", "assembly").
pub fn is_ly_adverb(w: &str) -> bool {
    w.len() > 4 && w.ends_with("ly") && !grammar().ly_nouns.contains(w)
}

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
/// [`classes`] bit for the plural heads of groups of people ([`Lexicon::group_plurals`]).
pub const GROUP_HEAD: u32 = 1 << 18;
/// [`classes`] bit for words before a name that open a clause ([`Lexicon::clause_openers`]).
pub const CLAUSE_OPENER: u32 = 1 << 19;
/// [`classes`] bit for the head nouns of documents ([`Lexicon::documents`]).
pub const DOCUMENT: u32 = 1 << 20;
/// Not a list's bit: set on a capitalised speech verb of a sentence set as a headline
/// ([`headline_case`]: "Chris Christie Calls Hillary Clinton 'A Disgrace'"), where capitals
/// say nothing of a name and the verb is a cue.
pub const HEADLINE_CUE: u32 = 1 << 21;
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
        (&l.group_plurals, GROUP_HEAD),
        (&l.clause_openers, CLAUSE_OPENER),
        (&l.documents, DOCUMENT),
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
            if BYTE_CLASS[usize::from(c)] & IN_WORD == 0 && !crate::lexicon::thousands_comma(b, n) {
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
        '.' | ';' | '!' | '?' | '(' | ')' | '[' | ']' => Some(Tok::Stop),
        c if DASHES.contains(&c) => Some(Tok::Stop),
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
                push_word(out, pos, w);
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

/// Push the word `w` read at view offset `pos` as a word token, or two when it is a pronoun
/// with a contracted auxiliary: "He's" -> "He", "'s".
#[inline]
fn push_word(out: &mut Vec<Token>, pos: usize, w: &str) {
    let split = contracted_subject(w);
    if split > 0 {
        out.push(Token {
            tok: Tok::Word,
            span: Span::new(pos, pos + split),
        });
    }
    out.push(Token {
        tok: Tok::Word,
        span: Span::new(pos + split, pos + w.len()),
    });
}

/// Where the contracted auxiliary of `w` starts when `w` is a pronoun with one ("He's",
/// "they’re", "I'm": [`Grammar::contracted_subjects`]); 0 otherwise.
fn contracted_subject(w: &str) -> usize {
    // ("they’ll" is the longest, nine bytes with a curly apostrophe.) Most words are ruled
    // out by their length or by the bytes where the apostrophe would stand: two or three
    // from the end ('s, 're), four or five for a curly one (E2 80 99).
    let b = w.as_bytes();
    let n = b.len();
    if !(3..=9).contains(&n)
        || !(b[n - 2] == b'\''
            || b[n - 3] == b'\''
            || n >= 4 && b[n - 4] == 0xE2
            || n >= 5 && b[n - 5] == 0xE2)
    {
        return 0;
    }
    let Some(a) = w.rfind(['\'', '’']) else {
        return 0;
    };
    // The auxiliaries are the contracted forms the grammar lists between a subject and its
    // verb ('s, 're, 've, 'll, 'd, 'm).
    let g = grammar();
    if g.between_subject_and_verb.contains(&straight(&w[a..]))
        && g.contracted_subjects.contains(&w[..a])
    {
        a
    } else {
        0
    }
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

/// True when `t` is a word that starts with a capital letter.
fn is_cap(view: &str, t: &Token) -> bool {
    t.tok == Tok::Word && text_of(view, t).starts_with(char::is_uppercase)
}

/// True when the word `toks[i]` joins capitalised words on both sides into one name: "Health
/// and Human Services", "the Commission on Presidential Debates", "Bank of England".
fn joins_capitals(view: &str, toks: &[Token], i: usize) -> bool {
    i > 0
        && toks[i].tok == Tok::Word
        && matches!(text_of(view, &toks[i]), "and" | "of" | "on" | "for" | "&")
        && is_cap(view, &toks[i - 1])
        && toks
            .get(i + 1)
            .is_some_and(|t| is_cap(view, t) && !grammar().time_words.contains(text_of(view, t)))
}

/// True when a capitalised word starts within `n` words after `i`, with only words between.
fn name_follows(view: &str, toks: &[Token], i: usize, n: usize) -> bool {
    toks[i.min(toks.len())..]
        .iter()
        .take(n)
        .take_while(|t| t.tok == Tok::Word)
        .any(|t| is_cap(view, t))
}

/// The words `toks[a..=b]` are all capitalised (a name), at most `max` of them.
fn all_caps(view: &str, toks: &[Token], a: usize, b: usize, max: usize) -> bool {
    a <= b
        && b - a < max
        && toks[a..=b].iter().all(|t| {
            let w = text_of(view, t);
            is_cap(view, t) && !is_function_word(w, classes().of(w))
                || grammar().name_particles.contains(w)
        })
}

/// True when the word `w` opens a description rather than a name: a determiner or a count
/// ("the", "a", "one of the").
fn is_determiner(w: &str) -> bool {
    classes().of(w) & (WordClasses::DEFINITE | WordClasses::COUNT) != 0
}

/// A speaker phrase `toks[a..=b]` shaped "description Name" keeps the name as the speaker and
/// the description as its appositive: "steel worker Dana Kowalski", "study co-author and
/// research fellow Martin Hale" (no determiner: a label before a name), "the debate Ruiz" (a
/// determiner and a word that is no role: the name alone). A role right before the name
/// after a determiner stays ("the company's chief executive Ana Ruiz").
fn split_description(view: &str, toks: &[Token], a: usize, b: usize) -> (Span, Option<Span>) {
    let whole = Span::new(toks[a].span.start, toks[b].span.end);
    let lex = lexicon();
    // The capitalised run the phrase ends with.
    let mut r = b;
    while r > a && (is_cap(view, &toks[r - 1]) || joins_capitals(view, toks, r - 1)) {
        r -= 1;
    }
    if r == a || !is_cap(view, &toks[b]) {
        return (whole, None);
    }
    let first = text_of(view, &toks[a]);
    let before = text_of(view, &toks[r - 1]);
    let name = Span::new(toks[r].span.start, toks[b].span.end);
    let label = Span::new(toks[a].span.start, toks[r - 1].span.end);
    if first.starts_with(char::is_lowercase) && !is_determiner(first) {
        return (name, Some(label));
    }
    let possessive = before.ends_with("'s") || before.ends_with("’s");
    if is_determiner(first)
        && r - 1 > a
        && before.starts_with(char::is_lowercase)
        && !possessive
        && !lex.roles.contains(before)
        && !lex.titles.contains(before)
        && !lex.anon_heads.contains(before)
        && !is_link(before)
        && !grammar().name_particles.contains(before)
    {
        return (name, None);
    }
    (whole, None)
}

/// Read a speaker phrase forward from `toks[i]`: words up to punctuation or a stop word,
/// then an appositive between commas.
fn forward_np(view: &str, toks: &[Token], mut i: usize) -> Option<(Span, Option<Span>)> {
    let start = i;
    let mut last = None;
    let number = |k: usize| {
        toks.get(k)
            .filter(|t| t.tok == Tok::Word)
            .map(|t| text_of(view, t))
            .filter(|w| w.bytes().all(|b| b.is_ascii_digit()))
    };
    while let Some(t) = toks.get(i) {
        // A date's comma: "according to a March 14, 2019 NATO press release".
        if t.tok == Tok::Comma
            && i > start
            && number(i - 1).is_some_and(|d| d.len() <= 2)
            && number(i + 1).is_some_and(|y| y.len() == 4)
        {
            i += 1;
            continue;
        }
        if t.tok != Tok::Word {
            break;
        }
        let w = text_of(view, t);
        if i > start && !is_acronym(w) && is_stop_word(w) && !is_link(w) {
            // Knowledge phrases continue: people briefed on the talks, a source close to X.
            let knowledge = is_link(text_of(view, &toks[i - 1]));
            // Names joined by "and" or "on": the Commission on Presidential Debates; a label
            // joined to another before the name: study co-author and research fellow Martin
            // Hale.
            let names = joins_capitals(view, toks, i);
            let label = w.eq_ignore_ascii_case("and")
                && !toks[start..i].iter().any(|t| is_cap(view, t))
                && name_follows(view, toks, i + 1, 6);
            if !(knowledge || names || label) {
                break;
            }
        }
        last = Some(i);
        i += 1;
        if i - start > 12 {
            return None;
        }
    }
    let last = last?;
    let (mut np, mut app) = split_description(view, toks, start, last);
    if toks.get(i).is_some_and(|t| t.tok == Tok::Comma) {
        let a0 = i + 1;
        let mut j = a0;
        while toks.get(j).is_some_and(|t| t.tok == Tok::Word) && j - a0 < 14 {
            j += 1;
        }
        // A relative clause or a new clause ("..., according to prosecutors, but the U.S.
        // attorney declined to comment") is no appositive.
        let rel = toks.get(a0).is_some_and(|t| {
            let w = text_of(view, t);
            let g = grammar();
            g.relative_pronouns.contains(w)
                || g.discourse_words.contains(w)
                || g.clause_openers.contains(w)
        });
        if j > a0 && !rel && app.is_none() {
            let a = Span::new(toks[a0].span.start, toks[j - 1].span.end);
            let role_last = lexicon().roles.contains(text_of(view, &toks[j - 1]));
            // The name after the body and the role: "University of Westland, Easton's
            // chancellor, Priya Raman".
            let mut n = j + 1;
            while toks.get(n).is_some_and(|t| is_cap(view, t)) && n - j <= 4 {
                n += 1;
            }
            let named_after = role_last
                && toks.get(j).is_some_and(|t| t.tok == Tok::Comma)
                && n > j + 1
                && toks.get(n).is_none_or(|t| t.tok != Tok::Word);
            if named_after {
                app = Some(Span::new(np.start, a.end));
                np = Span::new(toks[j + 1].span.start, toks[n - 1].span.end);
            } else if is_determiner(text_of(view, &toks[start]))
                && all_caps(view, toks, a0, j - 1, 4)
            {
                // A description with its name in apposition: "a Republican assemblywoman,
                // Jill Tolles".
                app = Some(np);
                np = a;
            } else {
                app = Some(a);
            }
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
            None => token_class(text_of(view, &toks[i])),
        }
    }
}

/// The [`classes`] bits of a word token. An auxiliary split off a pronoun with a curly
/// apostrophe ("’s" of "He’s") is read as the straight one ("'s"), so the word lists name each
/// once (a curly apostrophe opening a list word would also cost every word that opens with a
/// character beyond ASCII a slower lookup).
pub fn token_class(text: &str) -> u32 {
    classes().of(&straight(text))
}

/// `w` with a curly apostrophe opening it made straight ("’s" -> "'s"): a split-off
/// auxiliary as the word lists spell it.
fn straight(w: &str) -> std::borrow::Cow<'_, str> {
    match w.strip_prefix('’') {
        Some(rest) => std::borrow::Cow::Owned(format!("'{rest}")),
        None => std::borrow::Cow::Borrowed(w),
    }
}

/// If `toks[j - 1]` closes a parenthesis ("(NCA)"), the index of its opening bracket;
/// otherwise `j`.
fn skip_parenthetical(view: &str, toks: &[Token], j: usize) -> usize {
    if j == 0 || toks[j - 1].tok != Tok::Stop || text_of(view, &toks[j - 1]) != ")" {
        return j;
    }
    (j.saturating_sub(20)..j - 1)
        .rev()
        .find(|&k| toks[k].tok == Tok::Stop && text_of(view, &toks[k]) == "(")
        .unwrap_or(j)
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
    let g = grammar();
    let mut j = verb;
    // Skip adverbs and auxiliaries: "Reyes also said", "she had told", "Kupec sharply criticized".
    while j > 0 && toks[j - 1].tok == Tok::Word && {
        bits.of(view, toks, j - 1) & BETWEEN != 0 || {
            let w = text_of(view, &toks[j - 1]);
            is_ly_adverb(w) && !w.starts_with(char::is_uppercase)
                || is_time_word(view, toks, j - 1)
                || w == "to" && j >= 2 && text_of(view, &toks[j - 2]) == "used"
                || w == "used" && j < verb && text_of(view, &toks[j]) == "to"
                || w.eq_ignore_ascii_case("well")
                    && j >= 2
                    && text_of(view, &toks[j - 2]).eq_ignore_ascii_case("as")
                || w.eq_ignore_ascii_case("as")
                    && j < verb
                    && text_of(view, &toks[j]).eq_ignore_ascii_case("well")
                || (j < verb
                    && g.time_words.contains(text_of(view, &toks[j]))
                    && matches!(w, "on" | "last" | "this" | "earlier" | "late" | "early"))
        }
    } {
        j -= 1;
    }
    // A passive has no speaker before it: "he was reported missing", "were told".
    if j > 0
        && toks[j - 1].tok == Tok::Word
        && g.passive_auxiliaries.contains(text_of(view, &toks[j - 1]))
    {
        return None;
    }
    // "Nikki Ward of the Coast Guard's Search and Rescue Unit (SRU) said", and with a stray
    // comma after it: "Gov. John Kasich (R-OH), said".
    if j >= 2 && toks[j - 1].tok == Tok::Comma && text_of(view, &toks[j - 2]) == ")" {
        let p = skip_parenthetical(view, toks, j - 1);
        if p < j - 1 {
            j = p;
        }
    }
    j = skip_parenthetical(view, toks, j);
    // ", who said": the relative pronoun stands for the phrase before the comma.
    let relative = j >= 2
        && toks[j - 1].tok == Tok::Word
        && toks[j - 2].tok == Tok::Comma
        && bits.of(view, toks, j - 1) & RELATIVE != 0;
    if relative {
        // "Toronto Police, which indicated": the phrase before the comma.
        j -= 2;
    }
    let mut appositive = None;
    if !relative && j > 0 && toks[j - 1].tok == Tok::Comma {
        // An appositive: "Tom Reyes, an economist at the Urban Institute, said".
        let close = j - 1;
        let mut k = close;
        while k > 0 && toks[k - 1].tok == Tok::Word && close - k < 16 {
            k -= 1;
        }
        if k > 0 && toks[k - 1].tok == Tok::Comma && k < close {
            // A relative clause between commas is skipped, never a description of the
            // speaker: "The statement, which was posted on Twitter, announced".
            if bits.of(view, toks, k) & RELATIVE == 0 {
                appositive = Some(Span::new(toks[k].span.start, toks[close - 1].span.end));
            }
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
            j = skip_parenthetical(view, toks, j);
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
            matches!(w, "who" | "whose") && g.relative_pronouns.contains(w)
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
    // A pronoun right before the verb is the whole subject: "what he called". So is "I",
    // "we" or "you" after a phrase it does not join ("On your website you state"), though not
    // after "and" ("My wife and I said").
    if j > 0 && toks[j - 1].tok == Tok::Word && bits.of(view, toks, j - 1) & C::PRONOUN != 0 {
        return Some((toks[j - 1].span, appositive));
    }
    if j >= 2
        && toks[j - 1].tok == Tok::Word
        && grammar()
            .speaking_pronouns
            .contains(text_of(view, &toks[j - 1]))
        && toks[j - 2].tok == Tok::Word
        && !matches!(
            text_of(view, &toks[j - 2]).to_ascii_lowercase().as_str(),
            "and" | "or" | "nor" | "&"
        )
    {
        return Some((toks[j - 1].span, appositive));
    }
    let mut end = j;
    let mut k = end;
    while k > 0 && toks[k - 1].tok == Tok::Word && end - k < 12 {
        let class = bits.of(view, toks, k - 1);
        // A stop word (that is no link) ends the phrase, unless something carries it on.
        if class & (C::PHRASE_STOP | C::PHRASE_LINK) == C::PHRASE_STOP
            && !is_acronym(text_of(view, &toks[k - 1]))
        {
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
            // Names: the Department of Health and Human Services.
            let names = joins_capitals(view, toks, k - 1);
            // A relative clause: "an officer who was at the scene said" -> "an officer" (not
            // after a preposition: "to which Trump claimed").
            if class & RELATIVE != 0
                && !w.eq_ignore_ascii_case("that")
                && before.is_some_and(|b| {
                    bits.of(view, toks, b) & (C::PHRASE_STOP | C::PHRASE_LINK) == 0
                })
            {
                end = k - 1;
                k -= 1;
                continue;
            }
            // Two heads sharing their modifiers: "People in the Trump administration and
            // campaign said" (one bare word after "and", a source's head before it).
            let coordinated = w.eq_ignore_ascii_case("and")
                && end - k == 1
                && text_of(view, &toks[k]).starts_with(char::is_lowercase)
                && before.is_some_and(|b| {
                    let hb = text_of(view, &toks[b]);
                    bits.of(view, toks, b) & C::ANON_HEAD != 0
                        || lex.org_generic.contains(hb)
                        || lex.vague_heads.contains(hb)
                        || lex.roles.contains(hb)
                });
            if !(in_link || knowledge || names || coordinated) {
                break;
            }
        }
        // A verb ends the phrase, not a knowledge word that is also one ("briefed"), nor a
        // noun after a determiner ("the note says").
        if class & (C::SPEECH | C::COGNITIVE) != 0
            && class & C::PHRASE_LINK == 0
            && !(k >= 2
                && toks[k - 2].tok == Tok::Word
                && bits.of(view, toks, k - 2) & (C::DEFINITE | C::COUNT) != 0)
        {
            break;
        }
        // So does a time before it: "At about 5:17 p.m. his daughter reported".
        let w = text_of(view, &toks[k - 1]);
        if w.starts_with(char::is_lowercase) && g.time_words.contains(w) {
            break;
        }
        // So does a subject pronoun before the phrase: it is a clause's subject, never a word
        // of a noun phrase ("Are you aware the union said", "Did they know Smith said"), unless
        // a partitive takes it in ("those of you"). (Capitalised "He" may be a surname.)
        // The words between it and the phrase are no part of it either ("aware", "know"). A
        // single word after it is left to what follows ("I always say").
        if end - k >= 2
            && w.len() <= 4
            && (w == "I" || w.starts_with(char::is_lowercase))
            && (g.subject_pronouns.contains(w) || g.speaking_pronouns.contains(w))
            && !(k >= 2 && text_of(view, &toks[k - 2]).eq_ignore_ascii_case("of"))
        {
            while k + 1 < end && {
                let v = text_of(view, &toks[k]);
                v.starts_with(char::is_lowercase) && !is_determiner(v)
            } {
                k += 1;
            }
            break;
        }
        k -= 1;
    }
    if k == end {
        return None;
    }
    // Trim leading prepositions and conjunction-like lowercase words that are not part of a
    // noun phrase: "In Miami Ortega said" (handled by stops), "Later Ortega said", "So I told
    // him" (but "First Lady Jill Biden" keeps its title).
    while k + 1 < end {
        let w = text_of(view, &toks[k]);
        let discourse = g.discourse_words.contains(w)
            && !(w.starts_with(char::is_uppercase)
                && is_cap(view, &toks[k + 1])
                && text_of(view, &toks[k + 1]) != "I");
        if bits.of(view, toks, k) & (C::PHRASE_LINK | BETWEEN) != 0 || discourse {
            k += 1;
        } else {
            break;
        }
    }
    if k == end || (k + 1 == end && bits.of(view, toks, k) & (C::PHRASE_LINK | BETWEEN) != 0) {
        return None;
    }
    // A name with its description after a comma: "Tomas Lindqvist, head of the harbour
    // authority said", "Anderson Cooper, of CNN, one of her sons, stated", "The study was led
    // by Mark Hay, a marine ecologist and professor, who said", "Erwin Chemerinsky, Dean of
    // the law school called it".
    let clause = toks[..end]
        .iter()
        .rposition(|t| t.tok != Tok::Word)
        .map_or(0, |p| p + 1);
    if clause >= 2 && clause < end && toks[clause - 1].tok == Tok::Comma {
        let d = text_of(view, &toks[clause]);
        let description = bits.of(view, toks, clause) & RELATIVE == 0
            && (is_determiner(d) || d.starts_with(char::is_lowercase))
            || lex.titles.contains(d)
            || lex.roles.contains(d);
        let description = description && bits.of(view, toks, clause) & RELATIVE == 0;
        let mut n = clause - 1;
        while n > 0 && is_cap(view, &toks[n - 1]) && clause - 1 - n < 5 {
            n -= 1;
        }
        let bounded = n == 0
            || matches!(
                toks[n - 1].tok,
                Tok::Stop | Tok::Colon | Tok::Quote(_) | Tok::Comma
            )
            || text_of(view, &toks[n - 1]).eq_ignore_ascii_case("by");
        if description && n < clause - 1 && bounded && all_caps(view, toks, n, clause - 2, 5) {
            let desc = Span::new(toks[clause].span.start, toks[end - 1].span.end);
            let app = appositive.map_or(desc, |a| Span::new(desc.start, a.end.max(desc.end)));
            return Some((
                Span::new(toks[n].span.start, toks[clause - 2].span.end),
                Some(app),
            ));
        }
    }
    let (np, label) = split_description(view, toks, k, end - 1);
    if let Some(label) = label {
        return Some((np, appositive.or(Some(label))));
    }
    // A name with its description and no closing comma: "Tomas Lindqvist, head of the
    // harbour authority said".
    if appositive.is_none()
        && text_of(view, &toks[k]).starts_with(char::is_lowercase)
        && k >= 2
        && toks[k - 1].tok == Tok::Comma
    {
        let name_start = toks[..k - 1]
            .iter()
            .rposition(|t| t.tok != Tok::Word)
            .map_or(0, |p| p + 1);
        if name_start < k - 1 && all_caps(view, toks, name_start, k - 2, 5) {
            return Some((
                Span::new(toks[name_start].span.start, toks[k - 2].span.end),
                Some(np),
            ));
        }
    }
    // A description with its name in apposition: "A Republican assemblywoman, Jill Tolles,
    // said" -> Jill Tolles; "One of the study's authors, herpetologist David Blackburn, told"
    // -> David Blackburn.
    if let Some(a) = appositive
        && is_determiner(text_of(view, &toks[k]))
    {
        let a0 = toks.partition_point(|t| t.span.start < a.start);
        let a1 = toks.partition_point(|t| t.span.end <= a.end);
        let caps = toks[a0..a1]
            .iter()
            .rev()
            .take_while(|t| is_cap(view, t))
            .count();
        let n = a1 - a0;
        if n > 0 && caps == n && caps <= 4 {
            return Some((a, Some(np)));
        }
        let first = text_of(view, &toks[a0]);
        if (2..=4).contains(&caps) && first.starts_with(char::is_lowercase) && !is_determiner(first)
        {
            return Some((Span::new(toks[a1 - caps].span.start, a.end), Some(np)));
        }
    }
    Some((np, appositive))
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

/// True when the word `toks[k]` is a cue: a speech verb or a verb that attributes only with a
/// quote, written in lowercase unless it opens the sentence ("United States" is no cue).
fn is_cue_word(view: &str, toks: &[Token], k: usize, bits: Bits<'_>) -> bool {
    bits.of(view, toks, k) & (WordClasses::SPEECH | QUOTE_ONLY) != 0
        && (k == 0 || !is_cap(view, &toks[k]) || bits.of(view, toks, k) & HEADLINE_CUE != 0)
        && !noun_before_of(view, toks, k)
}

/// True for a lowercase modal or finite form of "be" ("could", "will", "is", "was"):
/// [`Grammar::modal_verbs`] and [`Grammar::passive_auxiliaries`]. ("Will Smith" is a name.)
fn is_clause_verb(w: &str) -> bool {
    let g = grammar();
    w.starts_with(char::is_lowercase)
        && (g.modal_verbs.contains(w) || g.passive_auxiliaries.contains(w))
}

/// True when the cue word `toks[k]` is a noun that "of" follows ("chants of", "claims of"):
/// [`Grammar::nouns_before_of`].
fn noun_before_of(view: &str, toks: &[Token], k: usize) -> bool {
    toks.get(k + 1)
        .is_some_and(|t| t.tok == Tok::Word && text_of(view, t).eq_ignore_ascii_case("of"))
        && grammar().nouns_before_of.contains(text_of(view, &toks[k]))
}

/// True when the quote token `t` ends its clause: its words end with a comma, a question or
/// exclamation mark, an ellipsis or a dash ("We won," / "Is it safe?").
fn quote_ends_clause(view: &str, t: &Token) -> bool {
    let text = t.span.of(view);
    let inner = text.trim_end_matches(|c: char| {
        matches!(c, '"' | '\'' | '”' | '’' | '»' | '›') || c.is_whitespace()
    });
    inner.ends_with([',', '?', '!', '…']) || inner.ends_with(DASHES)
}

fn after_quote_with(view: &str, toks: &[Token], q: usize, bits: Bits<'_>) -> Option<Found> {
    let is_cue = |k: usize| is_cue_word(view, toks, k, bits);
    // After a quote a verb of thought attributes too: ""...", they used to think."
    let is_after_cue = |k: usize| {
        is_cue(k) || bits.of(view, toks, k) & WordClasses::COGNITIVE != 0 && !is_cap(view, &toks[k])
    };
    let g = grammar();
    let mut i = q + 1;
    // A headline's quote and its speaker: 'We will rebuild': Mayor Ana Ruiz speaks.
    // (and a quote in a sentence with no cue before it: Bees 'know when to stop': study).
    if toks.get(i).is_some_and(|t| t.tok == Tok::Colon)
        && (0..q).all(|k| toks[k].tok != Tok::Word || !is_cue_word(view, toks, k, bits))
    {
        i += 1;
    }
    while toks
        .get(i)
        .is_some_and(|t| t.tok == Tok::Comma || (t.tok == Tok::Stop && is_dash(t.span.of(view))))
    {
        i += 1;
    }
    // The attribution belongs to the quote only when the quote ends a clause: `"...," X said`,
    // `"...?" X asked`, `"..." X said` opening the sentence; not `the "rebasing" of packages
    // lets us ... ensure we maintain`.
    let ended = i > q + 1 || q == 0 || quote_ends_clause(view, &toks[q]);
    let first = toks.get(i)?;
    if first.tok != Tok::Word {
        return None;
    }
    let w0 = text_of(view, first);
    let class0 = bits.of(view, toks, i);
    // A pull quote signed after a dash: ""..." — Aparna Garg, railway manager".
    let dashed = i > q + 1 && toks[q + 1].tok == Tok::Stop && is_dash(text_of(view, &toks[q + 1]));
    if dashed {
        // The signature ends at its line's end: a vox-pop story prints one per line, and the
        // next line may open with the next quote.
        let line_break = |n: usize| view[toks[n - 1].span.end..toks[n].span.start].contains('\n');
        let mut n = i;
        while toks.get(n).is_some_and(|t| t.tok == Tok::Word)
            && n - i < 5
            && (n == i || !line_break(n))
        {
            n += 1;
        }
        if n > i
            && all_caps(view, toks, i, n - 1, 5)
            && toks
                .get(n)
                .is_none_or(|t| matches!(t.tok, Tok::Comma | Tok::Stop) || line_break(n))
        {
            let app = (toks.get(n).is_some_and(|t| t.tok == Tok::Comma)
                && toks.get(n + 1).is_some_and(|t| t.tok == Tok::Word))
            .then(|| {
                let e = (n + 1..toks.len())
                    .take_while(|&m| toks[m].tok == Tok::Word)
                    .last()
                    .unwrap_or(n + 1);
                Span::new(toks[n + 1].span.start, toks[e].span.end)
            });
            return Some(Found {
                speaker: Span::new(toks[i].span.start, toks[n - 1].span.end),
                appositive: app,
                cue: toks[q + 1].span,
            });
        }
    }
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
    // "— as the court's decision put it —", ", as the mayor said".
    if w0.eq_ignore_ascii_case("as")
        && let Some(f) = as_x_put_it(view, toks, i, bits)
    {
        return Some(f);
    }
    // Coordinated: ... gave its "deepest sympathies" and said ...: the clause's subject.
    if g.quote_joiners.contains(w0)
        && toks
            .get(i + 1)
            .is_some_and(|t| t.tok == Tok::Word && is_cue(i + 1))
    {
        let cue = toks[i + 1].span;
        return clause_subject_before(view, toks, q, bits)
            .map(|f| reporter_of(view, toks, f, bits))
            .map(|f| Found { cue, ..f });
    }
    if !ended {
        return None;
    }
    // Inverted: said Tom Reyes, asked Lena Ortiz (after a quote even "asked" and "told" put
    // their speaker after them).
    if is_cue(i) {
        let (np, app) = speaker_after_cue(view, toks, i)?;
        return Some(Found {
            speaker: np,
            appositive: app,
            cue: first.span,
        });
    }
    // A participle after the quote continues the writer's sentence and names nobody:
    // `a "chance to face my demons," having questioned her abilities`.
    if w0.ends_with("ing") && !is_cap(view, first) {
        return None;
    }
    // `"Would it be negotiable?" Hannity pressed.`: right after a quote that ends its clause,
    // a name and one past form closing the sentence attribute it whatever the verb
    // ("pressed", "interjected", "deadpanned").
    if quote_ends_clause(view, &toks[q]) {
        let mut n = i;
        while n - i < 4
            && toks
                .get(n)
                .is_some_and(|t| t.tok == Tok::Word && is_cap(view, t))
        {
            n += 1;
        }
        if n > i
            && !is_function_word(w0, class0)
            && toks.get(n).is_some_and(|t| {
                let w = text_of(view, t);
                t.tok == Tok::Word && w.len() > 4 && w.ends_with("ed") && !is_cap(view, t)
            })
            && toks
                .get(n + 1)
                .is_none_or(|t| t.tok == Tok::Stop && !is_dash(text_of(view, t)))
        {
            return Some(Found {
                speaker: Span::new(toks[i].span.start, toks[n - 1].span.end),
                appositive: None,
                cue: toks[n].span,
            });
        }
    }
    // Normal: Tom Reyes(, an economist,) said.
    let mut k = i;
    while let Some(t) = toks.get(k) {
        match t.tok {
            Tok::Word => {
                // "..., Braynard is quoted as saying": the subject of the passive is the
                // speaker.
                if k > i
                    && g.passive_auxiliaries.contains(text_of(view, &toks[k - 1]))
                    && g.quoting_verbs.contains(text_of(view, t))
                    && toks
                        .get(k + 1)
                        .is_some_and(|a| text_of(view, a).eq_ignore_ascii_case("as"))
                    && toks.get(k + 2).is_some_and(|c| c.tok == Tok::Word)
                    && is_cue(k + 2)
                {
                    let (np, app) = backward_np(view, &toks[..k], k - 1, bits)?;
                    if np.start < toks[i].span.start {
                        return None;
                    }
                    return Some(Found {
                        speaker: np,
                        appositive: app,
                        cue: Span::new(t.span.start, toks[k + 2].span.end),
                    });
                }
                // (A cue word after an article or a determiner is a noun: "The question hung
                // over ...", "A note said"; a count stays a speaker: ""...," one said".)
                if k > i
                    && is_after_cue(k)
                    && !(bits.of(view, toks, k - 1) & WordClasses::DEFINITE != 0
                        || matches!(
                            text_of(view, &toks[k - 1]).to_ascii_lowercase().as_str(),
                            "a" | "an"
                        ))
                {
                    // A passive ("and was admitted") or the writer's next clause ("and ...")
                    // names no speaker; nor does a noun after a possessive that a colon
                    // follows ("...." Editor's note: ...): it points at what comes after.
                    let prev = text_of(view, &toks[k - 1]);
                    if g.quote_joiners.contains(w0)
                        || g.passive_auxiliaries.contains(prev)
                        || is_possessive(prev)
                            && toks.get(k + 1).is_some_and(|c| c.tok == Tok::Colon)
                    {
                        return None;
                    }
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
            Tok::Stop if matches!(text_of(view, t), "(" | ")") => {}
            _ => return None,
        }
        k += 1;
        if k - i > 24 {
            return None;
        }
    }
    None
}

/// True when `toks[k]` and the next token are "put it" (or "puts it").
fn put_it(view: &str, toks: &[Token], k: usize) -> bool {
    matches!(text_of(view, &toks[k]), "put" | "puts")
        && toks
            .get(k + 1)
            .is_some_and(|t| text_of(view, t).eq_ignore_ascii_case("it"))
}

/// `as X put it`, `as X said` at `toks[i]` ("as"): X is the speaker.
fn as_x_put_it(view: &str, toks: &[Token], i: usize, bits: Bits<'_>) -> Option<Found> {
    let end = (i + 24).min(toks.len());
    let k = (i + 2..end)
        .take_while(|&k| matches!(toks[k].tok, Tok::Word | Tok::Comma))
        .find(|&k| {
            toks[k].tok == Tok::Word && (put_it(view, toks, k) || is_cue_word(view, toks, k, bits))
        })?;
    let stop = |m: usize| {
        bits.of(view, toks, m) & WordClasses::PHRASE_STOP != 0 && !is_link(text_of(view, &toks[m]))
    };
    // "As Steven Rosenthal, a tax lawyer, recently put it": the name before the first comma,
    // the appositive between the commas, adverbs after them.
    if let Some(c) = (i + 1..k).find(|&m| toks[m].tok == Tok::Comma) {
        let c2 = (c + 1..k).find(|&m| toks[m].tok == Tok::Comma)?;
        if c == i + 1
            || c2 == c + 1
            || (i + 1..c).any(stop)
            || !(c2 + 1..k)
                .all(|m| toks[m].tok == Tok::Word && is_ly_adverb(text_of(view, &toks[m])))
        {
            return None;
        }
        let (speaker, _) = split_description(view, toks, i + 1, c - 1);
        return Some(Found {
            speaker,
            appositive: Some(Span::new(toks[c + 1].span.start, toks[c2 - 1].span.end)),
            cue: toks[k].span,
        });
    }
    if (i + 1..k).any(stop) {
        return None;
    }
    let (speaker, appositive) = split_description(view, toks, i + 1, k - 1);
    Some(Found {
        speaker,
        appositive,
        cue: toks[k].span,
    })
}

/// [`as_x_put_it`] opening the clause right before the quote `toks[q]`: `As X put it: "`,
/// `as X said, "`.
fn as_x_put_it_before(
    view: &str,
    toks: &[Token],
    q: usize,
    from: usize,
    bits: Bits<'_>,
) -> Option<Found> {
    let end = if q > from && matches!(toks[q - 1].tok, Tok::Comma | Tok::Colon) {
        q - 1
    } else {
        q
    };
    let i = (from..end).rev().take(24).find(|&i| {
        toks[i].tok == Tok::Word
            && text_of(view, &toks[i]).eq_ignore_ascii_case("as")
            && (i == from || matches!(toks[i - 1].tok, Tok::Comma | Tok::Stop | Tok::Colon))
    })?;
    let f = as_x_put_it(view, toks, i, bits)?;
    let cue = (i + 1..end).find(|&k| toks[k].span == f.cue)?;
    (cue + 1 + usize::from(put_it(view, toks, cue)) == end).then_some(f)
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
    let window = &toks[from..q];
    // "As Professor Foner put it: "..."", "As the mayor said, "..."": the phrase between "as"
    // and the cue, which ends right before the quote.
    if let Some(f) = as_x_put_it_before(view, toks, q, from, bits) {
        return Some(f);
    }
    // A colon intro with no speech verb in its clause ("Asked about it, he put it simply:").
    let clause = window
        .iter()
        .rposition(|t| t.tok == Tok::Comma || t.tok == Tok::Stop)
        .map(|p| p + 1)
        .unwrap_or(0);
    if let Some(f) = colon_intro(view, toks, q, from, bits)
        && !(from + clause..q).any(|k| toks[k].tok == Tok::Word && is_cue_word(view, toks, k, bits))
    {
        return Some(f);
    }
    // A quotative "like": they were like, "Why?"; my mother was like "call more".
    if let Some(f) = quotative_like(view, toks, q, from, bits) {
        return Some(f);
    }
    // The cues before the quote, last first; a cue word after a determiner is a noun ("in a
    // note"). A cue inside an "according to" phrase is that phrase's ("according to the
    // facts read in court").
    let is_cue_at = |k: usize| {
        if window[k].tok != Tok::Word {
            return None;
        }
        let class = bits.of(view, toks, from + k);
        // A verb of thought right before the quote reports the thought: "Then I thought:
        // "...", "we thought "..."".
        let thought = class & C::COGNITIVE != 0
            && (k + 1 == window.len()
                || k + 2 == window.len() && matches!(window[k + 1].tok, Tok::Comma | Tok::Colon));
        let cue = (class & (C::SPEECH | QUOTE_ONLY) != 0 || thought)
            && (from + k == 0 || !is_cap(view, &window[k]) || class & HEADLINE_CUE != 0)
            || class & C::ACCORDING_FIRST != 0 && according_from(view, window, k).is_some();
        // A noun, not the verb: after a determiner ("the report"), after a possessive that a
        // verb of speech before it governs ("Priebus called Clinton's remarks a "new low"";
        // alone, "Trump's claim that ..." is Trump's), ending a compound ("an insurance
        // claim"), or before "of" ("chants of").
        let speech_verb_at = |a: usize| {
            window[a].tok == Tok::Word
                && bits.of(view, toks, from + a) & C::SPEECH != 0
                && !is_cap(view, &window[a])
        };
        // A possessive pronoun and the noun of a claim its clause states is a cue like a
        // possessive name: "her claim that she "never sent ..."" is hers.
        let pronoun_claim = k > 0
            && grammar()
                .possessive_pronouns
                .contains(text_of(view, &window[k - 1]))
            && window
                .get(k + 1)
                .is_some_and(|t| t.tok == Tok::Word && text_of(view, t) == "that")
            && !(0..k - 1).any(speech_verb_at);
        let noun = k > 0
            && window[k - 1].tok == Tok::Word
            && !pronoun_claim
            && (bits.of(view, toks, from + k - 1) & (C::COUNT | C::DEFINITE) != 0
                || crate::lexicon::is_possessive(text_of(view, &window[k - 1]))
                    && (0..k - 1).any(speech_verb_at))
            || noun_compound_cue(view, window, k, |i| bits.of(view, toks, from + i))
            || noun_before_of(view, toks, from + k);
        (cue && !noun).then_some((from + k, class))
    };
    let mut first = None;
    let mut k = window.len();
    let mut tried = 0;
    // At most a few cues are weighed, so a window full of cue words stays linear.
    let mut seen = 0;
    while k > 0 && tried < 3 && seen < 6 {
        k -= 1;
        let Some((j, class)) = is_cue_at(k) else {
            continue;
        };
        seen += 1;
        let clause = window[..k]
            .iter()
            .rposition(|t| t.tok != Tok::Word)
            .map_or(0, |p| p + 1);
        let inside_according = class & C::ACCORDING_FIRST == 0
            && (clause..k).any(|a| {
                bits.of(view, toks, from + a) & C::ACCORDING_FIRST != 0
                    && according_from(view, window, a).is_some()
            });
        // A cue in an introductory clause belongs to it, not to a quote in the main clause:
        // "When Trump tweeted that ..., Twitter placed a disclaimer "fact checking" ...".
        let opener = (from..from + k)
            .rev()
            .find(|&a| a == from || toks[a - 1].tok != Tok::Word)
            .is_some_and(|a| {
                toks[a].tok == Tok::Word
                    && grammar().clause_openers.contains(text_of(view, &toks[a]))
            });
        let main_clause_after = opener
            && window[k + 1..]
                .iter()
                .rposition(|t| t.tok == Tok::Comma)
                .is_some_and(|c| window.len() - (k + 1 + c + 1) >= 2);
        if inside_according || main_clause_after {
            continue;
        }
        tried += 1;
        let Some(f) = attribute_from_cue(view, toks, q, from, j, class, bits) else {
            continue;
        };
        // A subject that can speak, or the last cue's attribution: "X claimed the crisis
        // shows ..." -> X, not "the crisis".
        if plausible_speaker(view, toks, f.speaker, bits) {
            return Some(outer_attribution(view, toks, q, from, &f, bits).unwrap_or(f));
        }
        first.get_or_insert(f);
    }
    first
}

/// True when the cue word `window[k]`, a bare verb that is also a noun
/// ([`Grammar::noun_cues`]: "state", "claim"), ends a noun phrase instead: a determiner two
/// or three words back, a plain lowercase singular word right before it and lowercase
/// modifiers between ("her adopted home state", "an insurance claim"). A singular noun
/// takes "states", so the bare verb cannot follow it; plurals ("his aides state"), people
/// ("her lawyer claim"), bodies ("the council state", as British copy writes it) and
/// function words keep the cue. `bit` gives a window word's class bits.
fn noun_compound_cue(view: &str, window: &[Token], k: usize, bit: impl Fn(usize) -> u32) -> bool {
    if k < 2 || window[k - 1].tok != Tok::Word || bit(k - 1) != 0 {
        return false;
    }
    let prev = text_of(view, &window[k - 1]);
    if !prev.starts_with(char::is_lowercase)
        || prev.ends_with('s')
        || !grammar().noun_cues.contains(text_of(view, &window[k]))
        || lexicon().org_generic.contains(prev)
    {
        return false;
    }
    (k.saturating_sub(3)..k - 1).rev().any(|m| {
        window[m].tok == Tok::Word
            && bit(m) & (WordClasses::DEFINITE | WordClasses::COUNT) != 0
            && (m + 1..k - 1).all(|i| {
                window[i].tok == Tok::Word
                    && bit(i) == 0
                    && text_of(view, &window[i]).starts_with(char::is_lowercase)
            })
    })
}

/// The attribution that reports another: in "Wright said Red Hat had told the board that Red
/// Hat was "shifting our investment"", the cue "told" and its speaker open the clause that
/// "said" reports, so the quoted words come to the reader from Wright. `f` is the inner
/// attribution; the outer one is a verb of saying right before its speaker (or before "that"),
/// with a speaker of its own.
fn outer_attribution(
    view: &str,
    toks: &[Token],
    q: usize,
    from: usize,
    f: &Found,
    bits: Bits<'_>,
) -> Option<Found> {
    let s = toks.partition_point(|t| t.span.start < f.speaker.start);
    let mut j = s.checked_sub(1).filter(|&j| j >= from)?;
    if text_of(view, &toks[j]).eq_ignore_ascii_case("that") {
        j = j.checked_sub(1).filter(|&j| j >= from)?;
    }
    let class = bits.of(view, toks, j);
    if toks[j].tok != Tok::Word
        || class & WordClasses::SPEECH == 0
        || class & (QUOTE_ONLY | WordClasses::COGNITIVE) != 0
        || is_cap(view, &toks[j])
    {
        return None;
    }
    let outer = attribute_from_cue(view, toks, q, from, j, class, bits)?;
    (outer.speaker.end <= toks[j].span.start && plausible_speaker(view, toks, outer.speaker, bits))
        .then_some(outer)
}

/// True when the speaker phrase `span` (tokens of `toks`) can speak: a name, a pronoun, or a
/// description headed by a role, an anonymous or vague head, an organisation or a document.
fn plausible_speaker(view: &str, toks: &[Token], span: Span, bits: Bits<'_>) -> bool {
    let lex = lexicon();
    let a = toks.partition_point(|t| t.span.start < span.start);
    let b = toks.partition_point(|t| t.span.end <= span.end);
    if a >= b {
        return true;
    }
    let words = &toks[a..b];
    // The head: the last word before a linking word ("a spokeswoman for the city"), or after
    // "of" in a partitive ("one of the study's authors").
    let mut head = (a + 1..b)
        .find(|&i| bits.of(view, toks, i) & (WordClasses::PHRASE_LINK | RELATIVE) != 0)
        .unwrap_or(b)
        - 1;
    if head + 1 < b
        && bits.of(view, toks, head) & WordClasses::COUNT != 0
        && text_of(view, &toks[head + 1]).eq_ignore_ascii_case("of")
    {
        head = (head + 2..b)
            .find(|&i| bits.of(view, toks, i) & (WordClasses::PHRASE_LINK | RELATIVE) != 0)
            .unwrap_or(b)
            - 1;
    }
    let h = text_of(view, &toks[head]);
    words
        .iter()
        .enumerate()
        .any(|(i, t)| is_cap(view, t) && !(i == 0 && is_determiner(text_of(view, t))))
        || bits.of(view, toks, head)
            & (WordClasses::PRONOUN | WordClasses::ROLE | WordClasses::ANON_HEAD)
            != 0
        || lex.is_org_or_role_head(h)
        || lex.documents.contains(h)
        || lex.vague_heads.contains(h)
        || lex.vague_groups.contains(h)
        || grammar().speaking_pronouns.contains(h)
}

/// The attribution the cue `toks[j]` (with class bits `class`) makes for the quote `toks[q]`.
#[allow(clippy::too_many_arguments)]
fn attribute_from_cue(
    view: &str,
    toks: &[Token],
    q: usize,
    from: usize,
    j: usize,
    class: u32,
    bits: Bits<'_>,
) -> Option<Found> {
    use WordClasses as C;
    let g = grammar();
    let lex = lexicon();
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
    let prev = (j > from && toks[j - 1].tok == Tok::Word).then(|| text_of(view, &toks[j - 1]));
    // A participle opening the sentence ("Calling it "...", Franowska said", "After saying
    // it was "...", she left", "In declaring the plan "a betrayal," the union leader ...",
    // "But while denouncing ...") leaves the speaker to the main clause after the quote.
    if w.ends_with("ing")
        && j <= 2
        && toks[..j]
            .iter()
            .enumerate()
            .all(|(k, t)| t.tok == Tok::Word && opens_intro(view, t, bits.of(view, toks, k)))
    {
        // ... unless the main clause after it names its subject: "Calling it a "culture of
        // death" the archbishop said", "Saying "...", Mayor Ruiz announced".
        let mut k = q + 1;
        if toks.get(k).is_some_and(|t| t.tok == Tok::Comma) {
            k += 1;
        }
        let after_comma = (q + 1..toks.len())
            .find(|&c| toks[c].tok == Tok::Comma)
            .map(|c| c + 1);
        return [Some(k), after_comma]
            .into_iter()
            .flatten()
            .find_map(|k| subject_np(view, toks, k, toks.len(), true, bits))
            .map(|(np, app, v)| Found {
                speaker: np,
                appositive: app,
                cue: toks[v].span,
            });
    }
    // A passive ("has been termed "Brexit"") has no speaker before it. Its agent may follow
    // the quote: "he was called a "radical" by the party's chairman", or the document it was
    // written in: "was labelled "reckless" in one editorial".
    if prev.is_some_and(|p| g.passive_auxiliaries.contains(p)) {
        let after = toks.get(q + 1).filter(|t| t.tok == Tok::Word)?;
        let by = text_of(view, after).eq_ignore_ascii_case("by");
        if !by && !text_of(view, after).eq_ignore_ascii_case("in") {
            return None;
        }
        let (np, app) = forward_np(view, toks, q + 2)?;
        let last = toks
            .partition_point(|t| t.span.end <= np.end)
            .checked_sub(1)?;
        let head = text_of(view, &toks[last]);
        let document = lex.documents.contains(head)
            && is_determiner(text_of(view, &toks[q + 2]))
            && head.starts_with(char::is_lowercase);
        return (document || by && plausible_speaker(view, toks, np, bits)).then_some(Found {
            speaker: np,
            appositive: app,
            cue: cue.span,
        });
    }
    let participle = w.ends_with("ing");
    // "The paper quoted Tim Ross, a former official, as saying": the object of "quoted".
    if participle
        && prev.is_some_and(|p| p.eq_ignore_ascii_case("as"))
        && let Some(v) = (from..j - 1).rev().find(|&k| {
            toks[k].tok == Tok::Word && g.quoting_verbs.contains(text_of(view, &toks[k]))
        })
        && let Some((np, app)) = forward_np(view, &toks[..j - 1], v + 1)
    {
        return Some(Found {
            speaker: np,
            appositive: app,
            cue: cue.span,
        });
    }
    // "an example of the media falsely describing him as": the phrase before the participle.
    let mut b = j;
    while b > from && toks[b - 1].tok == Tok::Word && { is_ly_adverb(text_of(view, &toks[b - 1])) }
    {
        b -= 1;
    }
    if participle
        && b > from + 1
        && b < j
        && toks[b - 1].tok == Tok::Word
        && {
            let h = text_of(view, &toks[b - 1]);
            lex.vague_heads.contains(h)
                || lex.vague_groups.contains(h)
                || lex.anon_heads.contains(h)
                || lex.org_generic.contains(h)
                || lex.roles.contains(h)
        }
        && is_determiner(text_of(
            view,
            &toks[short_np_start(view, toks, b - 1, bits)],
        ))
    {
        let start = short_np_start(view, toks, b - 1, bits);
        return Some(Found {
            speaker: Span::new(toks[start].span.start, toks[b - 1].span.end),
            appositive: None,
            cue: cue.span,
        });
    }
    // An absolute phrase: "- Ryan saying he was "encouraged" and Trump calling it a "great
    // meeting"": the name right before the participle, after a conjunction or a break.
    if participle {
        let mut n = j;
        while n > from && toks[n - 1].tok == Tok::Word && is_cap(view, &toks[n - 1]) && j - n < 4 {
            n -= 1;
        }
        // (Or after a recording's "of": "footage of Trump saying".)
        let recorded = n >= 2
            && text_of(view, &toks[n - 1]).eq_ignore_ascii_case("of")
            && g.recordings.contains(text_of(view, &toks[n - 2]));
        if n < j
            && n > from
            && (toks[n - 1].tok != Tok::Word
                || g.quote_joiners.contains(text_of(view, &toks[n - 1]))
                || recorded)
            && !is_function_word(text_of(view, &toks[n]), bits.of(view, toks, n))
        {
            return Some(Found {
                speaker: Span::new(toks[n].span.start, toks[j - 1].span.end),
                appositive: None,
                cue: cue.span,
            });
        }
    }
    // "signed a letter saying", "in a statement reading": the document says it (a post
    // "announcing" something names it, and is left alone).
    if participle
        && prev.is_some_and(|p| lex.documents.contains(p))
        && matches!(
            w.to_ascii_lowercase().as_str(),
            "saying" | "reading" | "stating" | "noting" | "adding" | "warning" | "declaring"
        )
    {
        let start = short_np_start(view, toks, j - 1, bits);
        return Some(Found {
            speaker: Span::new(toks[start].span.start, toks[j - 1].span.end),
            appositive: None,
            cue: cue.span,
        });
    }
    // A participle, an infinitive or a second verb of the clause's subject:
    // "X defended the rise, saying", "X went on to say", "X declined to comment, but added:",
    // "X asked whether ... and then declared".
    let mut before = j;
    while before > from
        && toks[before - 1].tok == Tok::Word
        && bits.of(view, toks, before - 1) & BETWEEN != 0
    {
        before -= 1;
    }
    let prev_word = (before > from && toks[before - 1].tok == Tok::Word)
        .then(|| text_of(view, &toks[before - 1]));
    let infinitive = prev.is_some_and(|p| p.eq_ignore_ascii_case("to"));
    // "It's too easy for people to say "...": the phrase after "for".
    if infinitive
        && let Some(f) = (j.saturating_sub(6).max(from)..j - 1).rev().find(|&f| {
            toks[f].tok == Tok::Word && text_of(view, &toks[f]).eq_ignore_ascii_case("for")
        })
        && f + 1 < j - 1
        && toks[f + 1..j - 1].iter().all(|t| t.tok == Tok::Word)
    {
        return Some(Found {
            speaker: Span::new(toks[f + 1].span.start, toks[j - 2].span.end),
            appositive: None,
            cue: cue.span,
        });
    }
    let coordinated = prev_word.is_some_and(|p| g.quote_joiners.contains(p));
    if participle || infinitive || coordinated {
        // The clause's subject or nobody: what stands right before such a verb is its
        // object ("saying there was", "to show victims").
        let at = if coordinated { before - 1 } else { j };
        return clause_subject_before(view, toks, at, bits).map(|f| Found { cue: cue.span, ..f });
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
    // Inverted before the quote: said Reyes, "..." (the verb opens its clause).
    let opens = j == from
        || matches!(
            toks[j - 1].tok,
            Tok::Comma | Tok::Stop | Tok::Colon | Tok::Quote(_)
        );
    if opens && !g.recipient_verbs.contains(w) && j + 1 < q && toks[j + 1].tok == Tok::Word {
        let (np, app) = forward_np(view, &toks[..q], j + 1)?;
        return Some(Found {
            speaker: np,
            appositive: app,
            cue: cue.span,
        });
    }
    None
}

/// Where the short noun phrase ending at `toks[k]` starts: back over at most three words to a
/// determiner ("a letter", "the agency's statement").
fn short_np_start(view: &str, toks: &[Token], k: usize, bits: Bits<'_>) -> usize {
    let mut s = k;
    while s > 0 && k - s < 3 && toks[s - 1].tok == Tok::Word {
        let c = bits.of(view, toks, s - 1);
        if c & (WordClasses::PHRASE_STOP | WordClasses::SPEECH) != 0
            && c & WordClasses::DEFINITE == 0
        {
            break;
        }
        s -= 1;
        if c & (WordClasses::DEFINITE | WordClasses::COUNT) != 0 {
            break;
        }
    }
    s
}

/// A quotative "like" before the quote: "they were like, "Why?"", "she's like "no"", "people
/// go like "..."": the speaker is the subject of "be" or "go".
fn quotative_like(
    view: &str,
    toks: &[Token],
    q: usize,
    from: usize,
    bits: Bits<'_>,
) -> Option<Found> {
    let mut k = q;
    if k > from && toks[k - 1].tok == Tok::Comma {
        k -= 1;
    }
    if k < from + 2 || toks[k - 1].tok != Tok::Word {
        return None;
    }
    let like = toks[k - 1];
    if !text_of(view, &like).eq_ignore_ascii_case("like") || impersonal_like(view, toks, q) {
        return None;
    }
    // "were just like", "was kind of like".
    let v = quotative_verb_before(view, toks, k - 2, from);
    let verb = toks[v];
    if verb.tok != Tok::Word {
        return None;
    }
    let vw = text_of(view, &verb);
    // A contraction of "be" holds its subject: "my mom's like" (a pronoun's, "she's", is split
    // off by the tokenizer and read below).
    if let Some(a) = vw.rfind(['\'', '’'])
        && a > 0
        && grammar().quotative_verbs.contains(&straight(&vw[a..]))
    {
        return Some(Found {
            speaker: Span::new(verb.span.start, verb.span.start + a),
            appositive: None,
            cue: like.span,
        });
    }
    if !grammar().quotative_verbs.contains(&straight(vw)) {
        return None;
    }
    // "a few friends who are like, "..."": the phrase the relative pronoun stands for.
    if v >= from + 2
        && toks[v - 1].tok == Tok::Word
        && bits.of(view, toks, v - 1) & RELATIVE != 0
        && let Some(head) = relative_antecedent(view, toks, v - 1, from)
    {
        // Back to a determiner ("a few friends"); with none, one modifier at most ("curious
        // students", not "we met curious students"), and never a verb's auxiliary or a stop.
        let start = short_np_start(view, toks, head, bits).max(from);
        let determined =
            bits.of(view, toks, start) & (WordClasses::DEFINITE | WordClasses::COUNT) != 0;
        let start = if determined {
            start
        } else {
            start.max(head.saturating_sub(1))
        };
        let start = (start..head)
            .rev()
            .find(|&s| {
                bits.of(view, toks, s) & (BETWEEN | WordClasses::PHRASE_STOP | WordClasses::PRONOUN)
                    != 0
                    && bits.of(view, toks, s) & (WordClasses::DEFINITE | WordClasses::COUNT) == 0
            })
            .map_or(start, |s| s + 1);
        return Some(Found {
            speaker: Span::new(toks[start].span.start, toks[head].span.end),
            appositive: None,
            cue: like.span,
        });
    }
    backward_np(view, &toks[..q], v, bits).map(|(np, app)| Found {
        speaker: np,
        appositive: app,
        cue: like.span,
    })
}

/// The token before a quotative "like" that holds its verb: `toks[v]` and back over the
/// grammar's `quotative_fillers` ("were just like", "wasn't kind of like"), not before `from`.
fn quotative_verb_before(view: &str, toks: &[Token], mut v: usize, from: usize) -> usize {
    let fillers = &grammar().quotative_fillers;
    while v > from && toks[v].tok == Tok::Word && fillers.contains(text_of(view, &toks[v])) {
        v -= 1;
    }
    v
}

/// True when the quote `toks[q]` follows an impersonal quotative: "it was like "...", "it
/// wasn't just like "..."", "it's like "..."": a thought or a situation put in words, with
/// no speaker in the sentence (an interview's answer gives it to the interviewee), never the
/// subject of a clause before it.
fn impersonal_like(view: &str, toks: &[Token], q: usize) -> bool {
    let mut k = q;
    if k > 0 && toks[k - 1].tok == Tok::Comma {
        k -= 1;
    }
    if k < 3
        || toks[k - 1].tok != Tok::Word
        || !text_of(view, &toks[k - 1]).eq_ignore_ascii_case("like")
    {
        return false;
    }
    let v = quotative_verb_before(view, toks, k - 2, 0);
    if toks[v].tok != Tok::Word {
        return false;
    }
    // ("it's like": the tokenizer splits "it" from its "'s".)
    let verb = text_of(view, &toks[v]);
    let bare = verb
        .strip_suffix("n't")
        .or_else(|| verb.strip_suffix("n’t"))
        .unwrap_or(verb);
    v > 0
        && grammar().quotative_verbs.contains(&straight(bare))
        && toks[v - 1].tok == Tok::Word
        && text_of(view, &toks[v - 1]).eq_ignore_ascii_case("it")
}

/// The head word of the phrase the relative pronoun `toks[r]` stands for: the word right
/// before it, or before a comma ("friends, who are like"), passing over an adverb that closes
/// the phrase ("some students as well, who", "parents too, who"). `None` when no word of the
/// sentence (from `from`) stands there.
fn relative_antecedent(view: &str, toks: &[Token], r: usize, from: usize) -> Option<usize> {
    let mut h = r.checked_sub(1).filter(|&h| h >= from)?;
    if toks[h].tok == Tok::Comma {
        h = h.checked_sub(1).filter(|&h| h >= from)?;
    }
    let word = |i: usize| toks[i].tok == Tok::Word;
    if !word(h) {
        return None;
    }
    let w = text_of(view, &toks[h]);
    if w.eq_ignore_ascii_case("well")
        && h >= from + 2
        && word(h - 1)
        && text_of(view, &toks[h - 1]).eq_ignore_ascii_case("as")
    {
        h -= 2;
    } else if matches!(w.to_ascii_lowercase().as_str(), "too" | "also") && h > from {
        h -= 1;
    }
    word(h).then_some(h)
}

/// True when the quote `toks[q]` follows a quotative "like" ("and I was like, "..."", "they
/// had questions like "..."") or "go": what follows is speech even with nobody named.
pub fn after_quotative(view: &str, toks: &[Token], q: usize) -> bool {
    let mut k = q;
    if k > 0 && toks[k - 1].tok == Tok::Comma {
        k -= 1;
    }
    k > 0 && toks[k - 1].tok == Tok::Word && {
        let w = text_of(view, &toks[k - 1]);
        w.eq_ignore_ascii_case("like")
            || grammar().quotative_verbs.contains(w) && w.starts_with('g')
    }
}

/// True when the word `w` opens an introductory phrase or a subordinate clause, not a
/// subject: a preposition or subordinator, a participle, an adverb, a discourse word.
fn opens_intro(view: &str, t: &Token, bits: u32) -> bool {
    let w = text_of(view, t);
    let g = grammar();
    bits & (WordClasses::PHRASE_STOP | WordClasses::PHRASE_LINK | BETWEEN) != 0
        || g.clause_openers.contains(w)
        || g.discourse_words.contains(w)
        || ((w.len() > 4 && w.ends_with("ing"))
            || is_ly_adverb(w)
            || (w.len() > 4 && w.ends_with("ed") && w.starts_with(char::is_uppercase)))
            // A first name only looks like an adverb or a participle: "Carly Fiorina",
            // "Kelly Ayotte", "Irving Kristol", "Jared Kushner".
            && !(w.starts_with(char::is_uppercase) && is_first_name(w))
}

/// True when `w` is a common first name of the table ([`crate::lexicon::first_names`]).
fn is_first_name(w: &str) -> bool {
    crate::lexicon::first_names()
        .get(w)
        .is_some_and(|n| n.common)
}

/// The subject of the clause that the verb or quote at `toks[at]` belongs to: the nearest
/// clause start before it (after a comma, colon, dash, quote or "that") that opens with a
/// subject noun phrase and its verb, skipping introductory phrases ("Having won the title
/// twice, Ortiz decided to retire, saying ..." -> Ortiz; "The paper reported that during the
/// trip, Okafor skipped the dinner and referred to ..." -> Okafor).
fn clause_subject_before(view: &str, toks: &[Token], at: usize, bits: Bits<'_>) -> Option<Found> {
    // A phrase set off by a comma ("..., calling him a "talented guy"") hangs on the main
    // clause, not on a that-clause before it ("repeated accusations that Rubio recites ...").
    let set_off = at > 0 && toks[at - 1].tok == Tok::Comma;
    let mut p = at;
    for _ in 0..6 {
        let start = toks[..p]
            .iter()
            .rposition(|t| {
                t.tok != Tok::Word || {
                    let w = text_of(view, t);
                    w == "that"
                }
            })
            .map_or(0, |b| b + 1);
        // A conjunction opens the clause, not its subject: "- but the Sanders campaign
        // rejected the idea as "ludicrous"". ("and" or "or" after a comma ends a list:
        // "between Fedora, RHEL, and CentOS was ...".)
        let conj = text_of(view, &toks[start]);
        let start = if start + 1 < p
            && grammar().quote_joiners.contains(conj)
            && (start == 0 || toks[start - 1].tok != Tok::Comma || conj.eq_ignore_ascii_case("but"))
        {
            start + 1
        } else {
            start
        };
        // So does a discourse word with no comma after it: "Then he cut into Bush, calling him
        // a "stiff"", "Later she called it "a disgrace"". (A conjunction is the rule's above:
        // "between Fedora, RHEL, and CentOS was ..." is a list's end.)
        let opener = text_of(view, &toks[start]);
        let start = if start + 1 < p
            && grammar().discourse_words.contains(opener)
            && !grammar().quote_joiners.contains(opener)
        {
            start + 1
        } else {
            start
        };
        // "More than 100 economists signed a letter calling ...": the count is the subject.
        let start = skip_quantity(view, toks, start, p);
        let reported =
            set_off && start > 0 && text_of(view, &toks[start - 1]).eq_ignore_ascii_case("that");
        // An absolute phrase, a subject and its participle: "..., with Sen. John McCain calling
        // it a "Chinese menu"", "... "Soviet-style" and Ross Spano of Florida calling the
        // process "..."". (`at` may be the participle itself, as a cue asks; without "with",
        // the participle must be it: the subject stands right before the cue.)
        let absolute = start + 1 < p
            && grammar()
                .absolute_openers
                .contains(text_of(view, &toks[start]));
        let participle = |v: usize| {
            toks[v].tok == Tok::Word
                && text_of(view, &toks[v]).ends_with("ing")
                && bits.of(view, toks, v) & (WordClasses::SPEECH | WordClasses::COGNITIVE) != 0
        };
        if start < p
            && (absolute || participle(at))
            && let Some((np, app, verb)) = subject_np(
                view,
                toks,
                start + usize::from(absolute),
                at + 1,
                true,
                bits,
            )
            && (verb == at || absolute && verb < at)
            && toks[start..verb].iter().all(|t| t.tok == Tok::Word)
            && participle(verb)
        {
            return Some(Found {
                speaker: np,
                appositive: app,
                cue: toks[verb].span,
            });
        }
        if start < p
            && !reported
            && !opens_intro(view, &toks[start], bits.of(view, toks, start))
            && let Some((np, app, verb)) = subject_np(view, toks, start, at, true, bits)
            && verb < at
        {
            // "Trump was said to be suffering "...": reported without an agent. "Residents
            // were advised to expect "discolored" water": the subject is the listener.
            let g = grammar();
            // ("Trump is telling veterans" is no passive.)
            if g.passive_auxiliaries.contains(text_of(view, &toks[verb]))
                && toks.get(verb + 1).is_some_and(|t| {
                    t.tok == Tok::Word
                        && !text_of(view, t).ends_with("ing")
                        && (bits.of(view, toks, verb + 1)
                            & (WordClasses::SPEECH | WordClasses::COGNITIVE)
                            != 0
                            || g.recipient_verbs.contains(text_of(view, t)))
                })
            {
                return None;
            }
            return Some(Found {
                speaker: np,
                appositive: app,
                cue: toks[verb].span,
            });
        }
        if start == 0 {
            break;
        }
        p = start - 1;
    }
    None
}

/// A quoted transcript turn: the quote's words open with a speaker's label and a colon, as
/// a transcript's turns do ([`crate::layout::colon_label`]), and the label is in capitals
/// with two letters or more (""WALLACE: Let's start with the debate."", ""MR. PENCE: Well,
/// ...""; not ""Update: ..."" or ""Q: ...""). The label speaks; the colon is the cue.
pub fn quoted_turn(view: &str, inner: Span) -> Option<Found> {
    let text = inner.of(view);
    let lead = text.len() - text.trim_start().len();
    let colon = crate::layout::quoted_turn_label(&text[lead..])?;
    let start = inner.start + lead;
    Some(Found {
        speaker: Span::new(start, start + colon),
        appositive: None,
        cue: Span::new(start + colon, start + colon + 1),
    })
}

/// The source of a quote in a sentence that opens `Name: ` (a paragraph led by its source, as
/// headlines attribute: "Chris Christie: Hillary Clinton 'A Disgrace' Over Police Shooting
/// Comments"): the name, with the colon as the cue, when the quote comes after the colon. The
/// label reads as [`crate::layout::colon_label`] reads a transcript's ("Image:", "Note:" are
/// no one's).
pub fn colon_source(view: &str, sentence: Span, quote: Span) -> Option<Found> {
    let colon = crate::layout::colon_label(sentence.of(view))?;
    let cue = Span::new(sentence.start + colon, sentence.start + colon + 1);
    (cue.end <= quote.start).then_some(Found {
        speaker: Span::new(sentence.start, cue.start),
        appositive: None,
        cue,
    })
}

/// The subject of the clause holding the quote `toks[q]` when no cue attributes it: "Trump
/// referred to the riots as acts of "domestic terror"" -> Trump, "The union accused the
/// board of "hiding the numbers"" -> The union. The cue is the clause's verb. Each token's
/// [`classes`] bits are given as [`in_prose_classed`] takes them.
///
/// A clause reported by another ("Kasich predicted that Republicans will take "every state"")
/// is the outer speaker's content, not its own subject's: when the clause's verb is no verb
/// of speech or thought and it follows a "that" governed by one, the governing verb's subject
/// speaks. A reported clause whose own verb is speech keeps its subject ("Many believe that
/// Okafor said "no"" -> Okafor).
pub fn quote_subject(view: &str, toks: &[Token], bits: &[u32], q: usize) -> Option<Found> {
    let b = Bits(Some(bits));
    if impersonal_like(view, toks, q) {
        return None;
    }
    let inner = clause_subject_before(view, toks, q, b)?;
    Some(reporter_of(view, toks, inner, b))
}

/// True when the sentence `toks` is set as a headline: it stands on a line of its own and its
/// words outside quotes, three or more, are in title case (each capitalised, or a function
/// word that title case leaves lowercase), with at most one word in five otherwise ("Politifact:
/// Donald Trump Is Right, 'Thousands of Shootings' in Chicago this Year").
pub fn headline_case(view: &str, toks: &[Token]) -> bool {
    let (Some(first), Some(last)) = (toks.first(), toks.last()) else {
        return false;
    };
    // (Read outward from the sentence, so a sentence inside a paragraph stops at the nearest
    // word of its neighbours.)
    fn alone(cs: impl Iterator<Item = char>) -> bool {
        cs.take_while(|&c| c != '\n').all(|c| !c.is_alphanumeric())
    }
    if !alone(view[..first.span.start].chars().rev()) || !alone(view[last.span.end..].chars()) {
        return false;
    }
    let (mut n, mut lower) = (0usize, 0usize);
    for t in toks.iter().filter(|t| t.tok == Tok::Word) {
        if !title_case_word(text_of(view, t), n == 0) {
            lower += 1;
        }
        n += 1;
    }
    n >= 3 && lower * 5 <= n
}

/// True when `w` may stand in a title set in title case: capitalised or a number, or (unless
/// it is the `first` word) a function word title case leaves lowercase
/// ([`Grammar::title_function_words`]: "Night of the Fox").
#[inline]
pub fn title_case_word(w: &str, first: bool) -> bool {
    w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
        || !first && grammar().title_function_words.contains(w)
}

/// The speaker of a quote whose clause subject is `inner`: `inner` itself, unless its clause
/// is content that a verb of speech or thought reports ("... that Republicans will take
/// "every state""), and then that verb's subject ([`quote_subject`]).
fn reporter_of(view: &str, toks: &[Token], inner: Found, b: Bits<'_>) -> Found {
    let speechy =
        |i: usize| b.of(view, toks, i) & (WordClasses::SPEECH | WordClasses::COGNITIVE) != 0;
    let at = |x: usize| toks.partition_point(|t| t.span.start < x);
    let verb = at(inner.cue.start);
    if verb >= toks.len() || speechy(verb) {
        return inner;
    }
    // The "that" opening the inner clause, right before its subject.
    let Some(that) = at(inner.speaker.start).checked_sub(1).filter(|&t| {
        toks[t].tok == Tok::Word && text_of(view, &toks[t]).eq_ignore_ascii_case("that")
    }) else {
        return inner;
    };
    // Its governing verb within a few words: "said that", "told reporters on Monday that".
    let Some(governing) = (that.saturating_sub(8)..that)
        .rev()
        .take_while(|&i| toks[i].tok == Tok::Word)
        .find(|&i| speechy(i))
    else {
        return inner;
    };
    // The verb's own subject, read back from it as a cue's speaker is ("Ohio Gov. John
    // Kasich, a Republican contender, predicted at the debate that ...").
    if let Some((np, app)) = backward_np(view, toks, governing, b) {
        return Found {
            speaker: np,
            appositive: app,
            cue: toks[governing].span,
        };
    }
    // A participle or an infinitive has its clause's subject: "they published the results by
    // announcing that ...".
    let w = text_of(view, &toks[governing]);
    let nonfinite = w.ends_with("ing")
        || governing > 0 && text_of(view, &toks[governing - 1]).eq_ignore_ascii_case("to");
    let outer = if nonfinite {
        clause_subject_before(view, toks, governing, b).map(|f| Found {
            cue: toks[governing].span,
            ..f
        })
    } else {
        clause_subject_before(view, toks, that, b).filter(|outer| {
            let v = at(outer.cue.start);
            v < toks.len() && toks[v].tok == Tok::Word && speechy(v)
        })
    };
    outer.unwrap_or(inner)
}

/// A share of a survey's respondents ("60 percent of voters", "31% of Republicans") speaks
/// for the survey that counted them: when the sentence names a poll, survey or other
/// document before that share ("In a Gallup poll released Monday, 60 percent of voters
/// said", "The poll also finds that 37 percent say"), the document is the speaker, as the
/// story's source of record. Any other attribution is returned as it is.
pub fn survey_behind(view: &str, toks: &[Token], bits: &[u32], f: Found) -> Found {
    let s = toks.partition_point(|t| t.span.start < f.speaker.start);
    let Some(first) = toks.get(s).filter(|t| t.tok == Tok::Word) else {
        return f;
    };
    let w0 = text_of(view, first);
    let share = w0.bytes().next().is_some_and(|b| b.is_ascii_digit())
        && (w0.ends_with('%')
            || toks.get(s + 1).is_some_and(|t| {
                t.tok == Tok::Word && text_of(view, t).eq_ignore_ascii_case("percent")
            }));
    if !share {
        return f;
    }
    let lex = lexicon();
    // The last document head before the share, lowercase, with its phrase back to a
    // preposition, a determiner or the clause's start.
    let Some(d) = (0..s).rev().find(|&d| {
        toks[d].tok == Tok::Word && {
            let w = text_of(view, &toks[d]);
            w.starts_with(char::is_lowercase) && lex.documents.contains(w)
        }
    }) else {
        return f;
    };
    let mut a = d;
    while a > 0
        && toks[a - 1].tok == Tok::Word
        && bits[a - 1] & (WordClasses::PHRASE_STOP | WordClasses::PHRASE_LINK) == 0
        && d - a < 8
    {
        a -= 1;
    }
    if !(a..d).any(|k| bits[k] & (WordClasses::DEFINITE | WordClasses::COUNT) != 0) {
        return f;
    }
    Found {
        speaker: Span::new(toks[a].span.start, toks[d].span.end),
        appositive: None,
        ..f
    }
}

/// True when the word `toks[i]` is a time ("yesterday", "Tuesday"): a lowercase time word,
/// or a capitalised weekday or month that follows no capitalised word ("Theresa May" and
/// "Doris Day" are names).
fn is_time_word(view: &str, toks: &[Token], i: usize) -> bool {
    let w = text_of(view, &toks[i]);
    if !grammar().time_words.contains(w) {
        return false;
    }
    if w.starts_with(char::is_lowercase) {
        return true;
    }
    let named = [
        "day",
        "night",
        "week",
        "month",
        "year",
        "morning",
        "evening",
        "afternoon",
    ]
    .iter()
    .any(|n| w.eq_ignore_ascii_case(n));
    !(named || i > 0 && is_cap(view, &toks[i - 1]))
}

/// The index after a time phrase at `toks[i]` ("on Tuesday", "last week", "earlier this
/// month"), or `i` when none starts there.
fn skip_time(view: &str, toks: &[Token], i: usize, limit: usize) -> usize {
    let g = grammar();
    let Some(t) = toks.get(i).filter(|t| t.tok == Tok::Word && i < limit) else {
        return i;
    };
    if !matches!(
        text_of(view, t).to_ascii_lowercase().as_str(),
        "on" | "in" | "at" | "last" | "this" | "earlier" | "late" | "early" | "next"
    ) {
        return i;
    }
    let mut k = i + 1;
    let mut timed = false;
    while k < limit && k - i <= 3 && toks[k].tok == Tok::Word {
        let w = text_of(view, &toks[k]);
        if g.time_words.contains(w) || is_number(w) {
            timed = true;
            k += 1;
        } else if !timed && is_determiner(w) {
            k += 1;
        } else {
            break;
        }
    }
    if timed { k } else { i }
}

/// True when the word `w` is a function word, never a name even capitalised: a pronoun, a
/// determiner, a preposition, an auxiliary, a question word, a contraction ("It", "What",
/// "We", "I'm", "Can").
fn is_function_word(w: &str, bits: u32) -> bool {
    use WordClasses as C;
    let g = grammar();
    if bits
        & (C::PRONOUN
            | C::DEFINITE
            | C::PHRASE_STOP
            | C::PHRASE_LINK
            | RELATIVE
            | BETWEEN
            | C::QUOTE_JOINER
            | C::SPEECH
            | C::COGNITIVE)
        != 0
        || g.clause_openers.contains(w)
        || (g.discourse_words.contains(w)
            && !matches!(
                w.to_ascii_lowercase().as_str(),
                "first" | "next" | "later" | "finally"
            ))
        || w.contains(['\'', '’'])
            && ["m", "re", "ve", "ll", "d", "t"]
                .iter()
                .any(|s| w.ends_with(s) && w.len() > s.len() + 1)
    {
        return true;
    }
    // "It's", "That's", "There's": a function word with its verb.
    if let Some(stem) = w.strip_suffix("'s").or_else(|| w.strip_suffix("’s"))
        && !stem.is_empty()
        && is_function_word(stem, classes().of(stem))
    {
        return true;
    }
    matches!(
        w.to_ascii_lowercase().as_str(),
        "it" | "there"
            | "here"
            | "what"
            | "how"
            | "why"
            | "who"
            | "can"
            | "could"
            | "would"
            | "should"
            | "will"
            | "do"
            | "does"
            | "did"
            | "is"
            | "are"
            | "was"
            | "were"
            | "you"
            | "we"
            | "i"
            | "like"
            | "your"
            | "my"
            | "our"
            | "let"
            | "please"
            | "yes"
            | "no"
            | "not"
            | "this"
            | "these"
            | "those"
            | "if"
            | "so"
            | "whether"
            | "every"
            | "each"
            | "some"
            | "all"
            | "any"
            | "many"
            | "most"
            | "such"
            | "other"
            | "another"
    )
}

/// True when the clause before the quote `toks[q]` reports it without an agent: "Trump was
/// said to be suffering "minor symptoms"", "the plan is believed to be "dead"": speech with
/// no speaker.
pub fn reported_without_agent(view: &str, toks: &[Token], bits: &[u32], q: usize) -> bool {
    let g = grammar();
    let start = toks[..q]
        .iter()
        .rposition(|t| t.tok != Tok::Word)
        .map_or(0, |p| p + 1);
    (start..q.saturating_sub(1)).any(|k| {
        g.passive_auxiliaries.contains(text_of(view, &toks[k]))
            && toks[k + 1].tok == Tok::Word
            && bits[k + 1] & (WordClasses::SPEECH | WordClasses::COGNITIVE) != 0
    })
}

/// The speaker phrase after the cue `toks[i]` of an inverted attribution ("said Tom Reyes",
/// ", reported the ministry"): none when a preposition follows the verb ("calls for an
/// increase"), when the verb is a participle, whose subject is its main clause's (", noting
/// the vote was close"), or when a modal or a form of "be" makes the phrase the subject of a
/// reported clause (", said the candidate could be competitive").
fn speaker_after_cue(view: &str, toks: &[Token], i: usize) -> Option<(Span, Option<Span>)> {
    let g = grammar();
    if text_of(view, &toks[i]).ends_with("ing")
        || toks.get(i + 1).is_some_and(|t| {
            let n = text_of(view, t);
            g.phrase_links.contains(n) || g.phrase_stops.contains(n)
        })
    {
        return None;
    }
    let (np, app) = forward_np(view, toks, i + 1)?;
    let (a, b) = (
        toks.partition_point(|t| t.span.start <= np.start),
        toks.partition_point(|t| t.span.end <= np.end),
    );
    if toks[a..b.max(a)]
        .iter()
        .any(|t| t.tok == Tok::Word && is_clause_verb(text_of(view, t)))
    {
        return None;
    }
    Some((np, app))
}

/// An attribution closing the sentence of the quote `toks[q]` after a comma: "Zebra stripes
/// may 'dazzle' horse flies, say scientists", "..., the agency said." Each token's
/// [`classes`] bits are given as [`in_prose_classed`] takes them.
pub fn sentence_tail(view: &str, toks: &[Token], bits: &[u32], q: usize) -> Option<Found> {
    let bits = Bits(Some(bits));
    // Read from the sentence's end: its closing stops, then at most eight words after a comma
    // (a constant amount of work however many quotes the sentence holds).
    let mut end = toks.len();
    while end > q + 1 && toks[end - 1].tok == Tok::Stop && toks.len() - end < 3 {
        end -= 1;
    }
    if toks[end..].iter().any(|t| t.tok != Tok::Stop) {
        return None;
    }
    let c = (end.saturating_sub(9).max(q + 1)..end)
        .rev()
        .find(|&k| toks[k].tok != Tok::Word);
    if let Some(c) = c.filter(|&c| toks[c].tok == Tok::Comma && end > c + 1) {
        let toks = &toks[..end];
        if is_cue_word(view, toks, c + 1, bits)
            && let Some((np, app)) = speaker_after_cue(view, toks, c + 1)
        {
            return Some(Found {
                speaker: np,
                appositive: app,
                cue: toks[c + 1].span,
            });
        }
        if end - 1 > c + 1 && is_cue_word(view, toks, end - 1, bits) {
            let (np, app) = backward_np(view, toks, end - 1, bits)?;
            return (np.start >= toks[c + 1].span.start).then_some(Found {
                speaker: np,
                appositive: app,
                cue: toks[end - 1].span,
            });
        }
    }
    inner_tail(view, &toks[..end], bits, q)
}

/// An attribution set off by commas after the quote `toks[q]`, later in its sentence (`toks`
/// ends with the sentence's last word): a speaker and a verb with an adverbial after it
/// ("Trump's "excesses" are sickening, Hollande said Tuesday in Paris, noting ...", "..., the
/// lawyer wrote in a court filing."), or a verb and its speaker before the next comma ("Any
/// "cleareyed" reading of the talks, said Michael Kofman, an expert on Russia, would ...").
/// The words from the quote to the comma hold no cue, colon or dash: they are the content.
/// Up to three commas and 48 tokens are read.
fn inner_tail(view: &str, toks: &[Token], bits: Bits<'_>, q: usize) -> Option<Found> {
    let g = grammar();
    let limit = toks.len().min(q + 48);
    let mut commas = 0;
    for c in q + 1..limit {
        match toks[c].tok {
            Tok::Word if is_cue_word(view, toks, c, bits) => return None,
            Tok::Word | Tok::Quote(_) => continue,
            Tok::Comma => {}
            _ => return None,
        }
        commas += 1;
        if commas > 3 {
            return None;
        }
        // The segment: words from the comma to the next comma or the sentence's end.
        let e = (c + 1..toks.len())
            .find(|&k| toks[k].tok != Tok::Word)
            .unwrap_or(toks.len());
        if e < toks.len() && toks[e].tok != Tok::Comma || e < c + 3 || e - c > 15 {
            continue;
        }
        // "..., according to the union.", "..., according to a speech Ruiz delivered in June,":
        // the source after the cue.
        if bits.of(view, toks, c + 1) & WordClasses::ACCORDING_FIRST != 0
            && let Some(n) = according_from(view, &toks[..e], c + 1)
            && let Some((np, app)) = forward_np(view, &toks[..e], c + 1 + n)
        {
            return Some(Found {
                speaker: np,
                appositive: app,
                cue: Span::new(toks[c + 1].span.start, toks[c + n].span.end),
            });
        }
        // "..., said Michael Kofman, an expert on Russia, would read": an inverted
        // attribution inside the sentence (at its end, the caller's rule reads it).
        if e < toks.len()
            && is_cue_word(view, toks, c + 1, bits)
            && let Some((np, app)) = speaker_after_cue(view, &toks[..e], c + 1)
            && np.end == toks[e - 1].span.end
        {
            return Some(Found {
                speaker: np,
                appositive: app,
                cue: toks[c + 1].span,
            });
        }
        // "..., Hollande said Tuesday in Paris,": the speaker phrase fills the segment up to
        // its verb, and an adverbial (a time, or a preposition's phrase) the rest.
        let Some(k) = (c + 2..e).find(|&k| is_cue_word(view, toks, k, bits)) else {
            continue;
        };
        let adverbial = k + 1 < e && e - k <= 7 && {
            let w = text_of(view, &toks[k + 1]);
            (g.tail_adverbials.contains(w) || g.time_words.contains(w))
                && (k + 2..e).all(|m| !is_cue_word(view, toks, m, bits))
        };
        if k + 1 == e || adverbial {
            let (np, app) = backward_np(view, toks, k, bits)?;
            // Words before the phrase describe the speaker ("harbor authority counsel Dana
            // Lee Okafor"); a relative pronoun or conjunction opens another clause ("which
            // Okafor said was overdue").
            let lead = toks.partition_point(|t| t.span.start < np.start);
            if (c + 1..lead).all(|m| bits.of(view, toks, m) & WordClasses::PHRASE_STOP == 0) {
                return Some(Found {
                    speaker: np,
                    appositive: app,
                    cue: toks[k].span,
                });
            }
        }
    }
    None
}

/// A subject noun phrase at `toks[start]` and the index of the verb after it (before
/// `limit`; with `need_verb` false the phrase may run up to `limit`). Three shapes: a subject
/// pronoun (he, she, they); a name, after an optional determiner and titles or roles and
/// with an optional head noun after it ("Defense attorney Frank Adebayo", "The Trump
/// campaign"); or up to two modifiers and a head noun (a role, an anonymous or vague head,
/// an organisation or document noun: "Fifty former intelligence officials", "the union"). An
/// appositive between commas may follow. The verb is the next word: lowercase, no
/// preposition, and no plural noun ("Web browsers "download" data").
fn subject_np(
    view: &str,
    toks: &[Token],
    start: usize,
    limit: usize,
    need_verb: bool,
    bits: Bits<'_>,
) -> Option<(Span, Option<Span>, usize)> {
    use WordClasses as C;
    let lex = lexicon();
    let g = grammar();
    let t0 = toks
        .get(start)
        .filter(|t| t.tok == Tok::Word && start < limit)?;
    let w0 = text_of(view, t0);
    let word = |i: usize| i < limit && toks[i].tok == Tok::Word;
    let head_noun = |i: usize| {
        let w = text_of(view, &toks[i]);
        w.starts_with(char::is_lowercase)
            && (bits.of(view, toks, i) & (C::ROLE | C::ANON_HEAD) != 0
                || lex.is_org_or_role_head(w)
                || lex.documents.contains(w)
                || lex.vague_heads.contains(w))
    };
    let h = if g.subject_pronouns.contains(w0) {
        start
    } else {
        let numeral = is_number(w0)
            || matches!(
                w0.to_ascii_lowercase().as_str(),
                "twenty"
                    | "thirty"
                    | "forty"
                    | "fifty"
                    | "sixty"
                    | "seventy"
                    | "eighty"
                    | "ninety"
                    | "hundreds"
                    | "thousands"
                    | "dozens"
                    | "scores"
            );
        let det = bits.of(view, toks, start) & (C::DEFINITE | C::COUNT) != 0
            || numeral
            || lex.quantifiers.contains(w0);
        if !det && is_function_word(w0, bits.of(view, toks, start)) {
            return None;
        }
        let first = if det { start + 1 } else { start };
        // A name, after titles and roles: "Former coach Dana Kowalski", "President Trump".
        let mut j = first;
        let mut name = false;
        while word(j) && j - start < 14 {
            let w = text_of(view, &toks[j]);
            // Inside a name a capitalised word is the name's ("Former First Lady").
            if is_cap(view, &toks[j]) && (name || !is_function_word(w, bits.of(view, toks, j))) {
                name = true;
            } else if !(name && (joins_capitals(view, toks, j) || g.name_particles.contains(w))
                || lex.roles.contains(w)
                || lex.titles.contains(w))
            {
                break;
            }
            j += 1;
        }
        let quantified = det && (lex.quantifiers.contains(w0) || numeral);
        if name {
            // A head noun after the name: "The Trump campaign", "the Biden administration",
            // "the Unity Party of America presidential nominee".
            let lowered = (j..(j + 3).min(limit))
                .take_while(|&k| word(k) && text_of(view, &toks[k]).starts_with(char::is_lowercase))
                .find(|&k| head_noun(k));
            // Without a determiner or a possessive name, a word between the name and the head
            // is the verb, not a modifier: "Netanyahu rallied supporters", "Ruiz met voters"
            // (but "Harbor & Pine's chief information security officer").
            let possessive = (first..j).any(|m| {
                let w = text_of(view, &toks[m]);
                w.ends_with("'s") || w.ends_with("’s")
            });
            if let Some(k) = lowered
                && (det || possessive || k == j)
                && (j..k).all(|m| {
                    // (A determiner opens another phrase: "Officials attacked the mayor".)
                    bits.of(view, toks, m)
                        & (C::PHRASE_STOP
                            | C::PHRASE_LINK
                            | C::SPEECH
                            | BETWEEN
                            | C::DEFINITE
                            | C::COUNT
                            | C::PRONOUN)
                        == 0
                })
            {
                j = k;
            }
            let heads = j;
            while word(j) && head_noun(j) && j - start < 16 {
                j += 1;
            }
            // The name after the job: "The Slate technology columnist David Auerbach".
            if j > heads {
                while word(j)
                    && is_cap(view, &toks[j])
                    && !is_function_word(text_of(view, &toks[j]), bits.of(view, toks, j))
                    && j - start < 18
                {
                    j += 1;
                }
            }
            j - 1
        } else if quantified
            && word(first)
            && toks[first].span.of(view).starts_with(char::is_lowercase)
            && toks[first].span.of(view).ends_with('s')
            && bits.of(view, toks, first) & (C::PHRASE_STOP | C::PHRASE_LINK | BETWEEN) == 0
        {
            // A quantified plural: "Many users", "two passengers".
            first
        } else {
            // Modifiers and a head noun: "Fifty former intelligence officials".
            let mut j = first;
            while word(j)
                && j - first < 2
                && !head_noun(j)
                && toks[j].span.of(view).starts_with(char::is_lowercase)
                && {
                    // A plural noun modifies nothing: "instructors taught attendees".
                    let w = toks[j].span.of(view);
                    !(w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("ous"))
                }
                && bits.of(view, toks, j)
                    & (C::PHRASE_STOP
                        | C::PHRASE_LINK
                        | C::SPEECH
                        | C::COGNITIVE
                        | RELATIVE
                        | BETWEEN)
                    == 0
            {
                j += 1;
            }
            if !word(j) || !head_noun(j) {
                return None;
            }
            while word(j + 1) && head_noun(j + 1) {
                j += 1;
            }
            j
        }
    };
    // Two subjects joined by "and" share the verb: "The mayor and his aides attacked ...",
    // "Ortiz and the union's lawyer said ...".
    if word(h + 1)
        && text_of(view, &toks[h + 1]) == "and"
        && let Some((second, app, verb)) = subject_np(view, toks, h + 2, limit, need_verb, bits)
    {
        return Some((Span::new(t0.span.start, second.end), app, verb));
    }
    let mut verb = h + 1;
    // A parenthetical after the subject: "Sen. Pat Toomey (R-Pa.) refused", "the agency
    // (NCA) said".
    if verb < limit
        && toks[verb].tok == Tok::Stop
        && text_of(view, &toks[verb]) == "("
        && let Some(c) = (verb + 1..limit.min(verb + 10))
            .find(|&k| toks[k].tok == Tok::Stop && text_of(view, &toks[k]) == ")")
    {
        verb = c + 1;
    }
    let mut app = None;
    if verb < limit && toks[verb].tok == Tok::Comma {
        // An appositive: "Ortiz, a former coach, defended ...".
        let a0 = verb + 1;
        let mut j = a0;
        while j < limit && toks[j].tok == Tok::Word && j - a0 < 14 {
            j += 1;
        }
        if j == a0 || j >= limit || toks[j].tok != Tok::Comma {
            return None;
        }
        if bits.of(view, toks, a0) & RELATIVE == 0 {
            app = Some(Span::new(toks[a0].span.start, toks[j - 1].span.end));
        }
        verb = j + 1;
    }
    let np = Span::new(t0.span.start, toks[h].span.end);
    if verb == limit && !need_verb {
        return Some((np, app, verb));
    }
    // A time between subject and verb: "Gov. Helen Marchetti on Tuesday vetoed".
    verb = skip_time(view, toks, verb, limit);
    let v = toks
        .get(verb)
        .filter(|t| t.tok == Tok::Word && verb < limit)?;
    let c = bits.of(view, toks, verb);
    let preposition = c & (C::PHRASE_LINK | RELATIVE) != 0
        || (c & C::PHRASE_STOP != 0 && c & (C::SPEECH | BETWEEN) == 0);
    if is_cap(view, v) || preposition {
        return None;
    }
    // A plural noun is no verb: "Web browsers "download" data", "RHEL maintainers try".
    let vw = text_of(view, v);
    let plural_noun = vw.len() > 3
        && vw.ends_with('s')
        && !vw.ends_with("ss")
        && c & (C::SPEECH | C::COGNITIVE | BETWEEN) == 0
        && toks.get(verb + 1).is_some_and(|n| match n.tok {
            Tok::Quote(_) | Tok::Comma | Tok::Stop => true,
            Tok::Word => {
                text_of(view, n).starts_with(char::is_lowercase)
                    && bits.of(view, toks, verb + 1)
                        & (C::DEFINITE
                            | C::COUNT
                            | C::PHRASE_STOP
                            | C::PHRASE_LINK
                            | C::PRONOUN
                            | RELATIVE)
                        == 0
            }
            _ => false,
        });
    if plural_noun {
        return None;
    }
    // A noun followed by "of" is no verb: "the official cause of death was".
    let noun_of = c & (C::SPEECH | C::COGNITIVE | BETWEEN) == 0
        && toks
            .get(verb + 1)
            .is_some_and(|n| n.tok == Tok::Word && text_of(view, n).eq_ignore_ascii_case("of"));
    if noun_of {
        return None;
    }
    Some((np, app, verb))
}

/// `He put it simply: "..."`, `Ortega was blunt: "..."`, `Dana Kowalski, The Tribune: "..."`:
/// the subject of the clause before a colon.
fn colon_intro(view: &str, toks: &[Token], q: usize, from: usize, bits: Bits<'_>) -> Option<Found> {
    let lex = lexicon();
    if q == 0 || q <= from || toks[q - 1].tok != Tok::Colon {
        return None;
    }
    let colon = toks[q - 1].span;
    let clause = toks[from..q - 1]
        .iter()
        .rposition(|t| t.tok != Tok::Word)
        .map(|p| from + p + 1)
        .unwrap_or(from);
    let first = toks.get(clause).filter(|t| t.tok == Tok::Word)?;
    let w = text_of(view, first);
    // A round-up entry: "Dana Kowalski, The Harbour Tribune: "..."" -> the person.
    if clause >= from + 2
        && toks[clause - 1].tok == Tok::Comma
        && all_caps(
            view,
            toks,
            clause + usize::from(is_determiner(text_of(view, &toks[clause])) && clause < q - 2),
            q - 2,
            6,
        )
    {
        let name_start = toks[from..clause - 1]
            .iter()
            .rposition(|t| t.tok != Tok::Word)
            .map_or(from, |p| from + p + 1);
        if name_start == from
            && name_start < clause - 1
            && all_caps(view, toks, name_start, clause - 2, 4)
        {
            return Some(Found {
                speaker: Span::new(toks[name_start].span.start, toks[clause - 2].span.end),
                appositive: Some(Span::new(toks[clause].span.start, toks[q - 2].span.end)),
                cue: colon,
            });
        }
    }
    // "Former coach Dana Kowalski, speaking via Twitter:": the participle's subject, the
    // phrase before the comma or the subject of the clause before it.
    if w.len() > 4 && w.ends_with("ing") && clause > from && toks[clause - 1].tok == Tok::Comma {
        let comma = clause - 1;
        let start = toks[from..comma]
            .iter()
            .rposition(|t| t.tok != Tok::Word)
            .map_or(from, |p| from + p + 1);
        if let Some((np, app, _)) =
            subject_np(view, toks, start, comma, false, bits).filter(|&(_, _, v)| v == comma)
        {
            return Some(Found {
                speaker: np,
                appositive: app,
                cue: colon,
            });
        }
        return clause_subject_before(view, toks, comma, bits).map(|f| Found { cue: colon, ..f });
    }
    if lex.is_pronoun(w) && !lex.neuter.contains(w) {
        return Some(Found {
            speaker: first.span,
            appositive: None,
            cue: colon,
        });
    }
    // A name alone opening the sentence, as a debate round-up or a transcript line prints
    // it: `Clinton: "..."`, `Jeb Bush: "..."` (not a label: `Update: "..."`).
    if clause == from
        && all_caps(view, toks, clause, q - 2, 3)
        && !(clause..q - 1).any(|k| grammar().colon_labels.contains(text_of(view, &toks[k])))
    {
        return Some(Found {
            speaker: Span::new(first.span.start, toks[q - 2].span.end),
            appositive: None,
            cue: colon,
        });
    }
    // A subject and its verb: "Ortega was blunt", "The Biden campaign recycled a statement".
    let (np, app, _) = subject_np(view, toks, clause, q - 1, true, bits)?;
    Some(Found {
        speaker: np,
        appositive: app,
        cue: colon,
    })
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
    // "Sources report ...": a verb that is also a noun, right after a plural source head.
    let g = grammar();
    let head_verbs = (1..toks.len()).filter(|&j| {
        bits[j - 1] & C::ANON_HEAD != 0
            && toks[j].tok == Tok::Word
            && bits[j] & C::SPEECH == 0
            && toks[j - 1].tok == Tok::Word
            && text_of(view, &toks[j - 1]).ends_with('s')
            && !lex.vague_heads.contains(text_of(view, &toks[j - 1]))
            && g.head_verbs.contains(text_of(view, &toks[j]))
            && toks.get(j + 1).is_some_and(|n| n.tok == Tok::Word)
    });
    for j in head_verbs {
        if used.contains(&toks[j].span) || last_quote.is_some_and(|q| q > j) {
            continue;
        }
        if let Some((np, app)) = backward_np(view, toks, j, Bits(Some(bits))) {
            scratch.refill(np.of(view), np.start);
            if plausible_subject(lex, &scratch.words, false) {
                out.push(Found {
                    speaker: np,
                    appositive: app,
                    cue: toks[j].span,
                });
            }
        }
    }
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
        if !speech && !belief || noun_before_of(view, toks, j) {
            continue;
        }
        // A cue after a determiner is a noun ("his remarks", "the reports"), as is one after a
        // possessive that a colon follows ("Editor's note:"); one capitalised inside the
        // sentence is a name ("the United States").
        if j > 0
            && (w.starts_with(char::is_uppercase)
                || toks[j - 1].tok == Tok::Word && bits[j - 1] & (C::DEFINITE | C::COUNT) != 0
                || toks[j - 1].tok == Tok::Word
                    && is_possessive(text_of(view, &toks[j - 1]))
                    && toks.get(j + 1).is_some_and(|c| c.tok == Tok::Colon))
        {
            continue;
        }
        // A verb with a quote later in the sentence belongs to that quote.
        if speech && last_quote.is_some_and(|q| q > j) {
            continue;
        }
        // A passive: the subject is told, not telling ("Residents were advised to leave").
        if j > 0
            && toks[j - 1].tok == Tok::Word
            && grammar()
                .passive_auxiliaries
                .contains(text_of(view, &toks[j - 1]))
        {
            continue;
        }
        // The speaker after the verb that closes the sentence: "The gunman was a local man,
        // said officials."
        if speech
            && j > 0
            && toks[j - 1].tok == Tok::Comma
            && let Some(found) = inverted_at_end(view, toks, j, bits)
        {
            scratch.refill(found.speaker.of(view), found.speaker.start);
            if plausible_subject(lex, &scratch.words, false) {
                out.push(found);
            }
            continue;
        }
        if let Some((np, app)) = backward_np(view, toks, j, Bits(Some(bits))) {
            scratch.refill(np.of(view), np.start);
            if !plausible_subject(lex, &scratch.words, belief && !speech) {
                continue;
            }
            // "The constable found the carcass": an act, unless a clause or a document follows.
            if grammar().finding_verbs.contains(w)
                && !toks.get(j + 1).is_some_and(|n| {
                    n.tok == Tok::Colon
                        || n.tok == Tok::Word && text_of(view, n).eq_ignore_ascii_case("that")
                })
                && !scratch
                    .words
                    .last()
                    .is_some_and(|h| lex.documents.contains(strip_possessive(h.0)))
            {
                continue;
            }
            // "An aide posted a video of the speech": an act, the object a thing.
            if grammar().object_verbs.contains(w)
                && toks.get(j + 1).is_some_and(|n| n.tok == Tok::Word)
                && bits
                    .get(j + 1)
                    .is_some_and(|&b| b & (C::DEFINITE | C::COUNT) != 0)
            {
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

/// The speaker phrase after the cue `toks[j]` when it runs to the end of the sentence
/// (", said officials." / ", reported the ministry."), with no word left after it.
fn inverted_at_end(view: &str, toks: &[Token], j: usize, bits: &[u32]) -> Option<Found> {
    let next = toks.get(j + 1)?;
    if next.tok != Tok::Word || bits[j + 1] & WordClasses::PRONOUN != 0 {
        return None;
    }
    let (np, app) = forward_np(view, toks, j + 1)?;
    // A short phrase whose head is a source's ("officials", "the ministry", a name), never a
    // clause ("said Mr. Lindell was patient") or a weasel group, which the vague-source
    // phrase lists read.
    let (lex, g) = (lexicon(), grammar());
    let words: Vec<&str> = toks[j + 1..]
        .iter()
        .take_while(|t| t.span.end <= np.end)
        .map(|t| text_of(view, t))
        .collect();
    let head = words
        .iter()
        .position(|w| g.phrase_links.contains(w))
        .filter(|&i| i > 0)
        .map_or(words.last(), |i| words.get(i - 1))?;
    if words.len() > 8
        || words
            .iter()
            .any(|w| g.passive_auxiliaries.contains(w) || g.between_subject_and_verb.contains(w))
        || lex.vague_heads.contains(head)
    {
        return None;
    }
    let end = app.map_or(np.end, |a| a.end.max(np.end));
    let after = toks.iter().skip(j + 1).find(|t| t.span.start >= end);
    let closes = after.is_none_or(|t| t.tok == Tok::Stop && view[t.span.start..].starts_with('.'));
    closes.then_some(Found {
        speaker: np,
        appositive: app,
        cue: toks[j].span,
    })
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
    if lex.is_org_or_role_head(last) {
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
                push_word(&mut out, pos, w);
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
            "He's",
            "we\u{2019}ve",
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
