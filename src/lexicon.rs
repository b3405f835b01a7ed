//! The vocabulary of attribution, loaded once from the YAML files under `rules/lexicon/`
//! (embedded in the binary) into hash sets and aho-corasick automata.

use std::collections::HashSet;
use std::path::Path;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Deserialize;

use crate::span::Span;

/// A set of single words, compared lowercase (Fx-hashed: these are looked up per token).
///
/// A small shape filter (which lengths occur for each first letter) answers most lookups of
/// words that are not in the set without hashing them.
#[derive(Debug, Default)]
pub struct WordSet {
    words: rustc_hash::FxHashSet<String>,
    shapes: [u64; 26],
}

impl WordSet {
    /// A set of `words`, stored lowercase.
    pub fn new<'a>(words: impl IntoIterator<Item = &'a String>) -> Self {
        let words: rustc_hash::FxHashSet<String> =
            words.into_iter().map(|w| w.to_lowercase()).collect();
        let mut shapes = [0u64; 26];
        for w in &words {
            match w.as_bytes().first() {
                Some(b @ b'a'..=b'z') if w.is_ascii() => {
                    shapes[usize::from(b - b'a')] |= 1u64 << w.len().min(63);
                }
                // Words outside the filter's reach: let every word through for that letter.
                Some(b @ b'a'..=b'z') => shapes[usize::from(b - b'a')] = u64::MAX,
                _ => {}
            }
        }
        WordSet { words, shapes }
    }

    /// True when `word` (any case) is in the set.
    pub fn contains(&self, word: &str) -> bool {
        let b = word.as_bytes();
        if let Some(&f) = b.first()
            && f.is_ascii_alphabetic()
            && self.shapes[usize::from(f.to_ascii_lowercase() - b'a')] & (1u64 << b.len().min(63))
                == 0
            && word.is_ascii()
        {
            return false;
        }
        if word.is_ascii() && !b.iter().any(u8::is_ascii_uppercase) {
            return self.words.contains(word);
        }
        if word.is_ascii() && b.len() <= 32 {
            // Lowercase short ASCII words on the stack: no allocation per lookup.
            let mut buf = [0u8; 32];
            let lower = &mut buf[..b.len()];
            lower.copy_from_slice(b);
            lower.make_ascii_lowercase();
            return std::str::from_utf8(lower).is_ok_and(|w| self.words.contains(w));
        }
        self.words.contains(&word.to_lowercase())
    }
}

/// A list of phrases compiled into one case-insensitive automaton, matched on word boundaries.
#[derive(Debug)]
pub struct PhraseSet {
    ac: AhoCorasick,
    phrases: Vec<String>,
}

impl PhraseSet {
    /// Compile `phrases` (case-insensitive, leftmost-longest).
    pub fn new(phrases: &[String]) -> Self {
        let phrases: Vec<String> = phrases.iter().map(|p| p.to_lowercase()).collect();
        let ac = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&phrases)
            .expect("phrase lists compile");
        PhraseSet { ac, phrases }
    }

    /// Every word-bounded match in `text`, as (span, phrase index).
    pub fn find_all(&self, text: &str) -> Vec<(Span, usize)> {
        self.ac
            .find_iter(text)
            .filter(|m| word_bounded(text, m.start(), m.end()))
            .map(|m| (Span::new(m.start(), m.end()), m.pattern().as_usize()))
            .collect()
    }

    /// True when some phrase occurs word-bounded in `text`.
    pub fn is_match(&self, text: &str) -> bool {
        self.ac
            .find_iter(text)
            .any(|m| word_bounded(text, m.start(), m.end()))
    }

    /// The phrase at `index`.
    pub fn phrase(&self, index: usize) -> &str {
        &self.phrases[index]
    }

    /// True when `text` (any case) is exactly one of the phrases.
    pub fn is_exactly(&self, text: &str) -> bool {
        let lower = text.to_lowercase();
        self.phrases.contains(&lower)
    }
}

/// True when `start..end` of `text` is not glued to a letter or digit on either side.
pub fn word_bounded(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let glued = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    !glued(before) && !glued(after)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SpeechFile {
    neutral: Vec<String>,
    loaded: Vec<String>,
    cognitive: Vec<String>,
    according: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AnonymousFile {
    heads: Vec<String>,
    knowledge: Vec<String>,
    counts: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VagueFile {
    heads: Vec<String>,
    quantifiers: Vec<String>,
    standalone: Vec<String>,
    frames: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PhrasesFile {
    phrases: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JustificationFile {
    phrases: Vec<String>,
    boilerplate: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TitlesFile {
    titles: Vec<String>,
    roles: Vec<String>,
    kin: Vec<String>,
    title_roles: std::collections::BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OrgFile {
    suffixes: Vec<String>,
    bodies: Vec<String>,
    generic: Vec<String>,
    outlets: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DocumentsFile {
    heads: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PronounsFile {
    male: Vec<String>,
    female: Vec<String>,
    plural: Vec<String>,
    neuter: Vec<String>,
    male_words: Vec<String>,
    female_words: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AbbrevFile {
    abbreviations: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MarksFile {
    elisions: Vec<String>,
    term_cues: Vec<String>,
    work_nouns: Vec<String>,
}

/// All vocabulary attrib uses, compiled.
#[derive(Debug)]
pub struct Lexicon {
    /// Neutral speech verbs (said, told, wrote...).
    pub neutral: WordSet,
    /// Loaded speech verbs (claimed, admitted, insisted...).
    pub loaded: WordSet,
    /// Verbs of belief in weasel frames (believe, fear, argue...).
    pub cognitive: WordSet,
    /// Cues followed by their source: "according to".
    pub according: PhraseSet,
    /// First words of the `according` cues, to test cheaply where one may start.
    pub according_first: WordSet,
    /// Every speech, belief and "according to" cue in one automaton: sentences without any
    /// are skipped by the attribution grammar.
    pub cue_words: PhraseSet,
    /// Anonymous head nouns (official, aide, source...).
    pub anon_heads: WordSet,
    /// "How they know" phrases (familiar with, briefed on...).
    pub knowledge: PhraseSet,
    /// Counts and determiners of anonymous noun phrases.
    pub counts: WordSet,
    /// Multi-word counts ("a number of").
    pub count_phrases: PhraseSet,
    /// Vague head nouns (critics, experts...).
    pub vague_heads: WordSet,
    /// Vague quantifiers (some, many...).
    pub quantifiers: WordSet,
    /// Quantifiers that stand alone as a subject (many believe).
    pub standalone: WordSet,
    /// Weasel frames in prose (critics say, studies show).
    pub vague_frames: PhraseSet,
    /// Agentless attribution (reportedly, it is believed).
    pub passive: PhraseSet,
    /// Hedges (appears to, seems to).
    pub hedges: PhraseSet,
    /// Stated reasons for anonymity.
    pub justifications: PhraseSet,
    /// Rote reasons for anonymity.
    pub boilerplate: PhraseSet,
    /// Titles written before a name, natural case (multi-word allowed).
    pub titles: HashSet<String>,
    /// Lowercase role nouns (spokesman, lawyer...).
    pub roles: WordSet,
    /// Kinship nouns (son, daughter...).
    pub kin: WordSet,
    /// The role word a title stands for, keyed by the title lowercased ("gov." -> "governor").
    pub title_roles: std::collections::HashMap<String, String>,
    /// Words that mark an organisation name (Department, Inc....).
    pub org_suffixes: HashSet<String>,
    /// Named institutions without a suffix (White House, Kremlin...).
    pub bodies: HashSet<String>,
    /// Lowercase nouns that re-mention an organisation (company, ministry...).
    pub org_generic: WordSet,
    /// News organisations.
    pub outlets: HashSet<String>,
    /// Document nouns (statement, report...).
    pub documents: WordSet,
    /// Male pronouns.
    pub male: WordSet,
    /// Female pronouns.
    pub female: WordSet,
    /// Plural pronouns.
    pub plural: WordSet,
    /// Neuter pronouns.
    pub neuter: WordSet,
    /// Titles and role words that tell a man (mr, spokesman, son...).
    pub male_words: WordSet,
    /// Titles and role words that tell a woman (ms, spokeswoman, daughter...).
    pub female_words: WordSet,
    /// Abbreviations that do not end a sentence (natural case).
    pub abbreviations: HashSet<String>,
    /// Elisions that start with an apostrophe.
    pub elisions: Vec<String>,
    /// Cues before a quoted term.
    pub term_cues: PhraseSet,
    /// Nouns for titled works.
    pub work_nouns: WordSet,
}

macro_rules! lexicon_file {
    ($name:literal) => {
        (
            concat!("rules/lexicon/", $name),
            include_str!(concat!("../rules/lexicon/", $name)),
        )
    };
}

fn load<T: serde::de::DeserializeOwned>((path, text): (&str, &str)) -> T {
    match crate::yaml::from_str(Path::new(path), text) {
        Ok(v) => v,
        // The files are embedded at compile time and checked by a unit test.
        Err(e) => panic!("embedded lexicon is invalid: {e}"),
    }
}

fn multi(list: &[String]) -> Vec<String> {
    list.iter().filter(|w| w.contains(' ')).cloned().collect()
}

impl Lexicon {
    fn load() -> Lexicon {
        let speech: SpeechFile = load(lexicon_file!("speech.yaml"));
        let anon: AnonymousFile = load(lexicon_file!("anonymous.yaml"));
        let vague: VagueFile = load(lexicon_file!("vague.yaml"));
        let passive: PhrasesFile = load(lexicon_file!("passive.yaml"));
        let hedges: PhrasesFile = load(lexicon_file!("hedges.yaml"));
        let just: JustificationFile = load(lexicon_file!("justifications.yaml"));
        let titles: TitlesFile = load(lexicon_file!("titles.yaml"));
        let orgs: OrgFile = load(lexicon_file!("organizations.yaml"));
        let docs: DocumentsFile = load(lexicon_file!("documents.yaml"));
        let pro: PronounsFile = load(lexicon_file!("pronouns.yaml"));
        let abbr: AbbrevFile = load(lexicon_file!("abbreviations.yaml"));
        let marks: MarksFile = load(lexicon_file!("marks.yaml"));
        Lexicon {
            neutral: WordSet::new(&speech.neutral),
            loaded: WordSet::new(&speech.loaded),
            cognitive: WordSet::new(&speech.cognitive),
            according: PhraseSet::new(&speech.according),
            according_first: WordSet::new(
                &speech
                    .according
                    .iter()
                    .filter_map(|p| p.split_whitespace().next().map(str::to_owned))
                    .collect::<Vec<_>>(),
            ),
            cue_words: PhraseSet::new(
                &[
                    &speech.neutral,
                    &speech.loaded,
                    &speech.cognitive,
                    &speech.according,
                ]
                .into_iter()
                .flatten()
                .cloned()
                .collect::<Vec<_>>(),
            ),
            anon_heads: WordSet::new(&anon.heads),
            knowledge: PhraseSet::new(&anon.knowledge),
            counts: WordSet::new(anon.counts.iter().filter(|w| !w.contains(' '))),
            count_phrases: PhraseSet::new(&multi(&anon.counts)),
            vague_heads: WordSet::new(&vague.heads),
            quantifiers: WordSet::new(vague.quantifiers.iter().filter(|w| !w.contains(' '))),
            standalone: WordSet::new(&vague.standalone),
            vague_frames: PhraseSet::new(&vague.frames),
            passive: PhraseSet::new(&passive.phrases),
            hedges: PhraseSet::new(&hedges.phrases),
            justifications: PhraseSet::new(&just.phrases),
            boilerplate: PhraseSet::new(&just.boilerplate),
            titles: titles.titles.iter().cloned().collect(),
            roles: WordSet::new(&titles.roles),
            kin: WordSet::new(&titles.kin),
            title_roles: titles
                .title_roles
                .iter()
                .map(|(t, r)| (t.to_lowercase(), r.to_lowercase()))
                .collect(),
            org_suffixes: orgs.suffixes.into_iter().collect(),
            bodies: orgs.bodies.into_iter().collect(),
            org_generic: WordSet::new(&orgs.generic),
            outlets: orgs.outlets.into_iter().collect(),
            documents: WordSet::new(&docs.heads),
            male: WordSet::new(&pro.male),
            female: WordSet::new(&pro.female),
            plural: WordSet::new(&pro.plural),
            neuter: WordSet::new(&pro.neuter),
            male_words: WordSet::new(&pro.male_words),
            female_words: WordSet::new(&pro.female_words),
            abbreviations: abbr.abbreviations.into_iter().collect(),
            elisions: marks.elisions,
            term_cues: PhraseSet::new(&marks.term_cues),
            work_nouns: WordSet::new(&marks.work_nouns),
        }
    }

    /// True for any speech verb form (neutral or loaded).
    pub fn is_speech_verb(&self, word: &str) -> bool {
        self.neutral.contains(word) || self.loaded.contains(word)
    }

    /// True when the final period of `w` belongs to the word: abbreviations (U.S., Sen.),
    /// titles, initials (J.) and dotted forms (Ph.D.).
    pub fn keeps_period(&self, w: &str) -> bool {
        let Some(stem) = w.strip_suffix('.') else {
            return false;
        };
        self.abbreviations.contains(w)
            || self.titles.contains(w)
            || (stem.chars().count() == 1 && stem.starts_with(char::is_uppercase))
            || stem.contains('.')
    }

    /// `roles` plus the role each title among them stands for ("gov." adds "governor").
    pub fn with_title_roles(&self, roles: &[String]) -> Vec<String> {
        let mut out = roles.to_vec();
        out.extend(
            roles
                .iter()
                .filter_map(|r| self.title_roles.get(r).cloned()),
        );
        out
    }

    /// True for any pronoun that can stand for a speaker.
    pub fn is_pronoun(&self, word: &str) -> bool {
        self.male.contains(word)
            || self.female.contains(word)
            || self.plural.contains(word)
            || self.neuter.contains(word)
    }
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::load);

/// The bundled lexicon, compiled on first use.
pub fn lexicon() -> &'static Lexicon {
    &LEXICON
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_lexicon_loads() {
        let l = lexicon();
        assert!(l.neutral.contains("said"));
        assert!(l.neutral.contains("Says"));
        assert!(l.loaded.contains("claimed"));
        assert!(l.anon_heads.contains("officials"));
        assert!(l.vague_heads.contains("critics"));
        assert!(l.passive.is_match("He reportedly left."));
        assert!(!l.passive.is_match("unreportedly"));
        assert!(
            l.justifications
                .is_match("spoke on condition of anonymity because")
        );
        assert!(l.abbreviations.contains("Lt."));
        assert!(l.titles.contains("Sen."));
    }
}
