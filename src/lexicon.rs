//! The vocabulary of attribution, loaded once from the YAML files under `rules/lexicon/`
//! (embedded in the binary) into hash sets and aho-corasick automata.

use std::path::Path;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Deserialize;

use crate::span::Span;

/// A set of single words, compared lowercase.
///
/// These are looked up for nearly every word of a text, so the common case is cheap: a
/// shape filter (which lengths occur for each first letter) rejects most ASCII words that are
/// not in the set without touching them; the others are hashed in one pass with their ASCII
/// case folded, looked up by that hash and confirmed by a case-insensitive comparison.
/// Non-ASCII words go through Unicode lowercasing and a plain set.
#[derive(Debug, Default)]
pub struct WordSet {
    /// Every word, lowercase (Unicode).
    words: rustc_hash::FxHashSet<String>,
    /// ASCII words by [`ascii_key`].
    by_key: KeyMap<()>,
    /// ASCII words whose key another word already had (a 64-bit collision: in practice never).
    collided: bool,
    /// The set's words that are not ASCII.
    wide: WideWords,
    shapes: [u64; 26],
}

/// Hash of an ASCII word with its case folded ([`key`]); `None` when `word` is not ASCII.
/// One pass: the ASCII test rides along with the hashing.
#[inline]
fn ascii_key(word: &[u8]) -> Option<u64> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut high = 0u64;
    let h = key_with(word, |x| high |= x);
    (high & HIGH == 0).then_some(h)
}

/// The words of a set that are not ASCII, as far as a lookup needs to know them: which ASCII
/// letters they start with (bit per byte), and whether any starts with another character.
#[derive(Clone, Copy, Debug, Default)]
struct WideWords {
    firsts: u128,
    other: bool,
}

impl WideWords {
    /// Summarise the non-ASCII words among `words` (lowercase).
    fn of<'a>(words: impl IntoIterator<Item = &'a str>) -> Self {
        let mut wide = WideWords::default();
        for w in words.into_iter().filter(|w| !w.is_ascii()) {
            match w.as_bytes().first() {
                Some(&b) if b < 0x80 => wide.firsts |= 1u128 << b,
                _ => wide.other = true,
            }
        }
        wide
    }

    /// True when `word`, not ASCII, cannot be any word of the set in any case. Its lowercase
    /// is not ASCII (it has a character beyond ASCII other than the Kelvin sign, the only one
    /// whose lowercase is ASCII, K → k), so only the set's non-ASCII words could match, and
    /// none of them starts as the lowercase of its first character does.
    #[inline]
    fn rule_out(self, word: &str) -> bool {
        // (The Kelvin sign is E2 84 AA in UTF-8; a byte search costs less than a `str` one.)
        let kelvin = word.as_bytes().windows(3).any(|w| w == [0xE2, 0x84, 0xAA]);
        if word.is_ascii() || kelvin {
            return false;
        }
        match word.chars().next().and_then(|c| c.to_lowercase().next()) {
            Some(l) if l.is_ascii() => self.firsts & (1u128 << u32::from(l)) == 0,
            Some(_) => !self.other,
            None => false,
        }
    }
}

/// Open-addressing table from word keys ([`key`]) to entries. The key is already a good hash,
/// so its top bits pick the slot: a lookup is a shift, a load and a compare, cheaper than a
/// general hash map for the lookups made on nearly every word of a text.
#[derive(Debug)]
struct KeyMap<V> {
    /// (key, entry index + 1); 0 marks an empty slot.
    slots: Box<[(u64, u32)]>,
    entries: Vec<(Box<str>, V)>,
    shift: u32,
}

impl<V> Default for KeyMap<V> {
    fn default() -> Self {
        KeyMap::new(Vec::new()).0
    }
}

impl<V> KeyMap<V> {
    /// A map of `items`; of several items with one key the first is kept. The flag is true
    /// when that happened (a 64-bit collision: in practice never).
    fn new(items: Vec<(u64, Box<str>, V)>) -> (Self, bool) {
        let size = (items.len() * 2).next_power_of_two().max(8);
        let mut map = KeyMap {
            slots: vec![(0u64, 0u32); size].into_boxed_slice(),
            entries: Vec::with_capacity(items.len()),
            shift: 64 - size.trailing_zeros(),
        };
        let mut collided = false;
        for (k, word, value) in items {
            let mut i = map.slot(k);
            loop {
                let (sk, e) = map.slots[i];
                if e == 0 {
                    map.entries.push((word, value));
                    let index =
                        u32::try_from(map.entries.len()).expect("fewer than 4 billion words");
                    map.slots[i] = (k, index);
                    break;
                }
                if sk == k {
                    collided = true;
                    break;
                }
                i = (i + 1) & (size - 1);
            }
        }
        (map, collided)
    }

    #[inline]
    fn slot(&self, k: u64) -> usize {
        (k >> self.shift) as usize
    }

    /// The entry with key `k`, if any.
    #[inline]
    fn get(&self, k: u64) -> Option<&(Box<str>, V)> {
        let mask = self.slots.len() - 1;
        let mut i = self.slot(k);
        loop {
            let (sk, e) = self.slots[i];
            if e == 0 {
                return None;
            }
            if sk == k {
                return Some(&self.entries[e as usize - 1]);
            }
            i = (i + 1) & mask;
        }
    }
}

impl WordSet {
    /// A set of `words`, stored lowercase.
    pub fn new<'a>(words: impl IntoIterator<Item = &'a String>) -> Self {
        let words: rustc_hash::FxHashSet<String> =
            words.into_iter().map(|w| w.to_lowercase()).collect();
        let mut shapes = [0u64; 26];
        let mut keyed = Vec::new();
        for w in &words {
            match w.as_bytes().first() {
                Some(b @ b'a'..=b'z') if w.is_ascii() => {
                    shapes[usize::from(b - b'a')] |= 1u64 << w.len().min(63);
                }
                // Words outside the filter's reach: let every word through for that letter.
                Some(b @ b'a'..=b'z') => shapes[usize::from(b - b'a')] = u64::MAX,
                _ => {}
            }
            if let Some(k) = ascii_key(w.as_bytes()) {
                keyed.push((k, w.as_str().into(), ()));
            }
        }
        let (by_key, collided) = KeyMap::new(keyed);
        WordSet {
            wide: WideWords::of(words.iter().map(String::as_str)),
            words,
            by_key,
            collided,
            shapes,
        }
    }

    /// The words, lowercase, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.words.iter().map(String::as_str)
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
        if !self.collided
            && let Some(k) = ascii_key(b)
        {
            return self
                .by_key
                .get(k)
                .is_some_and(|(w, ())| same_ascii_word(w, b));
        }
        if self.wide.rule_out(word) {
            return false;
        }
        self.words.contains(&word.to_lowercase())
    }
}

/// A set of exact-case strings (names of bodies and outlets, titles, abbreviations,
/// organisation suffixes) with a bit filter over (length, first byte, last byte) in front: the
/// scans ask it of most capitalised words and runs, and most are rejected by one bit test
/// instead of a hash.
#[derive(Debug)]
pub struct NameSet {
    names: rustc_hash::FxHashSet<String>,
    filter: Box<[u64; FILTER_WORDS]>,
}

impl NameSet {
    /// The set of `names`, case kept.
    pub fn new<'a>(names: impl IntoIterator<Item = &'a String>) -> Self {
        let names: rustc_hash::FxHashSet<String> = names.into_iter().cloned().collect();
        let mut filter = Box::new([0u64; FILTER_WORDS]);
        for n in &names {
            let b = n.as_bytes();
            let (first, last) = (
                b.first().copied().unwrap_or(0),
                b.last().copied().unwrap_or(0),
            );
            let (w, bit) = Self::bit(b.len(), first, last);
            filter[w] |= bit;
        }
        NameSet { names, filter }
    }

    #[inline]
    fn bit(len: usize, first: u8, last: u8) -> (usize, u64) {
        let mix = (len as u64) << 16 | u64::from(first) << 8 | u64::from(last);
        filter_bit(mix.wrapping_mul(KEY_SEED))
    }

    #[inline]
    fn may_hold(&self, len: usize, first: u8, last: u8) -> bool {
        let (w, bit) = Self::bit(len, first, last);
        self.filter[w] & bit != 0
    }

    /// True when `name` (exact case) is in the set.
    pub fn contains(&self, name: &str) -> bool {
        let b = name.as_bytes();
        let (first, last) = (
            b.first().copied().unwrap_or(0),
            b.last().copied().unwrap_or(0),
        );
        self.may_hold(b.len(), first, last) && self.names.contains(name)
    }

    /// False when `words` joined by single spaces cannot be in the set: the filter's answer,
    /// without joining them.
    pub fn may_hold_words(&self, words: &[&str]) -> bool {
        let first = words.first().and_then(|w| w.as_bytes().first()).copied();
        let last = words.last().and_then(|w| w.as_bytes().last()).copied();
        let len = words.iter().map(|w| w.len()).sum::<usize>() + words.len().saturating_sub(1);
        self.may_hold(len, first.unwrap_or(0), last.unwrap_or(0))
    }

    /// The names, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.names.iter().map(String::as_str)
    }
}

/// Which of the hot word lists each word is in, answered with one lookup: the prose scans and
/// the attribution grammar ask several such questions of every word, and one merged table
/// costs one probe instead of one per [`WordSet`]. Built by `attribution::classes()`.
#[derive(Debug)]
pub struct WordClasses {
    /// Lowercase word → class bits.
    by_word: rustc_hash::FxHashMap<String, u32>,
    /// ASCII words by [`ascii_key`] → (word, class bits).
    by_key: KeyMap<u32>,
    /// Bit filter over the ASCII words' keys ([`filter_bit`]): most words of a text are in no
    /// list and are answered without a probe.
    filter: Box<[u64; FILTER_WORDS]>,
    /// The table's words that are not ASCII.
    wide: WideWords,
}

impl WordClasses {
    /// Male pronouns.
    pub const MALE: u32 = 1;
    /// Female pronouns.
    pub const FEMALE: u32 = 1 << 1;
    /// Anonymous head nouns (official, source...).
    pub const ANON_HEAD: u32 = 1 << 2;
    /// Counts and determiners of anonymous phrases.
    pub const COUNT: u32 = 1 << 3;
    /// Speech verbs, neutral or loaded.
    pub const SPEECH: u32 = 1 << 4;
    /// Verbs of belief.
    pub const COGNITIVE: u32 = 1 << 5;
    /// First words of "according to" cues.
    pub const ACCORDING_FIRST: u32 = 1 << 6;
    /// Any pronoun that can stand for a speaker.
    pub const PRONOUN: u32 = 1 << 7;
    /// Role nouns and kinship nouns.
    pub const ROLE: u32 = 1 << 8;
    /// Definite articles and determiners (grammar).
    pub const DEFINITE: u32 = 1 << 9;
    /// Words that end a speaker phrase (grammar).
    pub const PHRASE_STOP: u32 = 1 << 10;
    /// Prepositions that link a phrase on (grammar).
    pub const PHRASE_LINK: u32 = 1 << 11;
    /// Lowercase particles inside names: de, van, al (grammar).
    pub const NAME_PARTICLE: u32 = 1 << 12;
    /// Words joining the parts of an organisation's name: of, for, and, & (grammar).
    pub const NAME_JOINER: u32 = 1 << 13;
    /// Relative pronouns: who, whose, that (grammar).
    pub const RELATIVE: u32 = 1 << 14;
    /// Words that join a quote to the writer's sentence (grammar).
    pub const QUOTE_JOINER: u32 = 1 << 15;
    /// Not a list: set by [`scan_words`] on a word that starts with an uppercase letter.
    pub const CAPITALISED: u32 = 1 << 31;

    /// A table of every word of each set, with its bit.
    pub fn new(sets: &[(&WordSet, u32)]) -> Self {
        let mut by_word: rustc_hash::FxHashMap<String, u32> = Default::default();
        for (set, bit) in sets {
            for w in set.iter().filter(|w| !w.contains(' ')) {
                *by_word.entry(w.to_owned()).or_default() |= bit;
            }
        }
        let mut keyed = Vec::new();
        let mut filter = Box::new([0u64; FILTER_WORDS]);
        for (w, &bits) in &by_word {
            if let Some(k) = ascii_key(w.as_bytes()) {
                let (i, bit) = filter_bit(k);
                filter[i] |= bit;
                keyed.push((k, w.as_str().into(), bits));
            }
        }
        // A 64-bit collision between two list words: the second is found through `by_word`
        // after the comparison fails.
        let (by_key, _) = KeyMap::new(keyed);
        WordClasses {
            wide: WideWords::of(by_word.keys().map(String::as_str)),
            by_word,
            by_key,
            filter,
        }
    }

    /// The class bits of `word` (any case); 0 when it is in none of the lists.
    pub fn of(&self, word: &str) -> u32 {
        match ascii_key(word.as_bytes()) {
            Some(k) => self.of_key(k, word),
            None if self.wide.rule_out(word) => 0,
            None => self.by_word.get(&word.to_lowercase()).copied().unwrap_or(0),
        }
    }

    /// [`WordClasses::of`] for an ASCII `word` whose key is already known (`k` is
    /// `key(word)`, as a [`WordRun`] of the word has it).
    fn of_key(&self, k: u64, word: &str) -> u32 {
        let (w, bit) = filter_bit(k);
        if self.filter[w] & bit == 0 {
            return 0;
        }
        match self.by_key.get(k) {
            Some((w, bits)) if same_ascii_word(w, word.as_bytes()) => *bits,
            Some(_) => self
                .by_word
                .get(&word.to_ascii_lowercase())
                .copied()
                .unwrap_or(0),
            None => 0,
        }
    }
}

/// A list of phrases matched case-insensitively (ASCII) on word boundaries.
///
/// Every match starts a word, so a text is split into runs of letters and digits
/// ([`word_runs`], each with a hash of its lowercased bytes) and the phrases are a trie over
/// run hashes: most runs cost one hash-table probe, and only phrases whose every word matched
/// are compared byte by byte. A space in a phrase matches any run of whitespace
/// ("widely\nbelieved" in hard-wrapped text). A whole document is split once
/// ([`PhraseSet::find_in`]) and every list scans the same runs; this is several times cheaper
/// than an automaton step per byte per list, and a set builds in microseconds. Phrases that do
/// not start with a letter or digit (none in the bundled lists; a user's rule may have one) go
/// to an aho-corasick automaton instead.
#[derive(Debug)]
pub struct PhraseSet {
    phrases: Vec<String>,
    /// Trie edges: (node, run hash) → child node. Node 0 is the root.
    edges: rustc_hash::FxHashMap<(u32, u64), u32>,
    /// The phrases whose runs end at each node, longest first.
    ends: Vec<Vec<u32>>,
    /// Bit filter over the first runs' hashes ([`filter_bit`]): most words start no phrase,
    /// and are rejected with one bit test instead of a hash-table probe.
    first: Box<[u64; FILTER_WORDS]>,
    /// Phrases that start with neither a letter nor a digit, with their indices.
    odd: Option<(AhoCorasick, Vec<u32>)>,
    /// Case matters (names of outlets: "AP", not "ap").
    exact: bool,
}

/// Letters and digits of the Basic Multilingual Plane, one bit per code point (see build.rs).
static BMP_ALPHANUMERIC: &[u8; 0x10000 / 8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/bmp_alphanumeric.bin"));

/// True for a char that glues words together: a letter or digit of any script
/// (`char::is_alphanumeric`; the Basic Multilingual Plane from a bitmap built at compile time).
pub fn is_word_char(c: char) -> bool {
    let cp = u32::from(c);
    if cp < 0x80 {
        c.is_ascii_alphanumeric()
    } else if cp < 0x10000 {
        BMP_ALPHANUMERIC[(cp / 8) as usize] & (1 << (cp % 8)) != 0
    } else {
        c.is_alphanumeric()
    }
}

/// One run of letters and digits in a text, with a hash of its ASCII-lowercased bytes (the
/// key a [`PhraseSet`] looks its phrases up by). Offsets are 32-bit, so a run takes 16
/// bytes (a table of them for a whole article is its largest allocation); runs that end past
/// 4 GiB are not recorded, and phrases are not found there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WordRun {
    start: u32,
    end: u32,
    /// Hash of the run's bytes, ASCII-lowercased.
    pub key: u64,
}

impl WordRun {
    /// The run of `bytes[start..end]`, or none when `end` is past 4 GiB.
    fn new(bytes: &[u8], start: usize, end: usize) -> Option<WordRun> {
        Some(WordRun {
            start: u32::try_from(start).ok()?,
            end: u32::try_from(end).ok()?,
            key: key(&bytes[start..end]),
        })
    }

    /// First byte.
    #[inline]
    pub fn start(&self) -> usize {
        self.start as usize
    }

    /// Byte span of the run.
    #[inline]
    pub fn span(&self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }
}

const KEY_SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// Eight bytes with ASCII capitals lowercased (SWAR: every byte at once; other bytes kept).
#[inline]
fn lower8(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let low7 = x & !HIGH;
    // The high bit of each byte says "low 7 bits >= 'A'" and "> 'Z'" (no carries: <= 0xBE).
    let ge_a = low7 + ONES * u64::from(0x80 - b'A');
    let gt_z = low7 + ONES * u64::from(0x80 - b'Z' - 1);
    let upper = ge_a & !gt_z & !x & HIGH;
    x | (upper >> 2)
}

/// Hash of `bytes` with ASCII case folded, eight bytes per step: the key of word runs, phrase
/// trie edges and word-set entries.
#[inline]
fn key(bytes: &[u8]) -> u64 {
    key_with(bytes, |_| {})
}

/// True when `stored` (an ASCII word of a set, lowercase) is `word` (ASCII) in any case,
/// given that the two have the same [`key`]. Up to eight bytes the key is a bijection of the
/// folded bytes for each length (one xor with a constant, one multiplication by an odd number:
/// test `short_keys_are_invertible`), so equal keys and lengths are equal words and no byte
/// needs comparing; longer words are compared.
#[inline]
fn same_ascii_word(stored: &str, word: &[u8]) -> bool {
    stored.len() == word.len() && (word.len() <= 8 || stored.as_bytes().eq_ignore_ascii_case(word))
}

/// [`key`], showing each eight-byte word of the input to `see` on the way.
#[inline]
fn key_with(bytes: &[u8], mut see: impl FnMut(u64)) -> u64 {
    let step = |h: u64, x: u64| (h.rotate_left(5) ^ lower8(x)).wrapping_mul(KEY_SEED);
    let mut h = (bytes.len() as u64).wrapping_mul(KEY_SEED);
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let x = u64::from_le_bytes(c.try_into().expect("8 bytes"));
        see(x);
        h = step(h, x);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let x = load_tail(rest);
        see(x);
        h = step(h, x);
    }
    h
}

/// The bytes of `rest` (1 to 7 of them) as a little-endian `u64`, zero-padded: two
/// overlapping loads instead of a copy into a buffer (a `memcpy` call per word).
#[inline]
fn load_tail(rest: &[u8]) -> u64 {
    let n = rest.len();
    let le4 = |s: &[u8]| u64::from(u32::from_le_bytes([s[0], s[1], s[2], s[3]]));
    let le2 = |s: &[u8]| u64::from(u16::from_le_bytes([s[0], s[1]]));
    if n >= 4 {
        le4(rest) | le4(&rest[n - 4..]) << ((n - 4) * 8)
    } else if n >= 2 {
        le2(rest) | le2(&rest[n - 2..]) << ((n - 2) * 8)
    } else {
        rest.first().map_or(0, |&b| u64::from(b))
    }
}

/// Length in bytes of the UTF-8 sequence that starts with `lead`.
fn utf8_len(lead: u8) -> usize {
    match lead {
        0xF0.. => 4,
        0xE0.. => 3,
        0xC0.. => 2,
        _ => 1,
    }
}

/// The maximal runs of letters and digits in `text`, in order, with their keys: where a
/// [`PhraseSet`] match can start. Split once per text and pass to [`PhraseSet::find_in`] for
/// every list.
pub fn word_runs(text: &str) -> Vec<WordRun> {
    let b = text.as_bytes();
    let n = b.len();
    let mut out = Vec::with_capacity(n / 6);
    // Is the char at `i` (a boundary) a letter or digit, and how long is it?
    let class = |i: usize| -> (bool, usize) {
        let c = b[i];
        if c < 0x80 {
            (c.is_ascii_alphanumeric(), 1)
        } else {
            let len = utf8_len(c);
            let ch = text[i..].chars().next();
            (ch.is_some_and(is_word_char), len)
        }
    };
    let mut i = 0;
    while i < n {
        if b[i] < 0x80 {
            if !b[i].is_ascii_alphanumeric() {
                i += 1;
                continue;
            }
        } else {
            let (word, len) = class(i);
            if !word {
                i += len;
                continue;
            }
        }
        let start = i;
        while i < n {
            let c = b[i];
            if c < 0x80 {
                if !c.is_ascii_alphanumeric() {
                    break;
                }
                i += 1;
            } else {
                let (word, len) = class(i);
                if !word {
                    break;
                }
                i += len;
            }
        }
        out.extend(WordRun::new(b, start, i));
    }
    out
}

/// ASCII bytes that start a word (letters, digits, `&`).
pub(crate) const STARTS_WORD: u8 = 1;
/// ASCII bytes that go on inside a word (letters, digits, `&`, `.`, `'`, `-`).
pub(crate) const IN_WORD: u8 = 2;
/// ASCII letters and digits (the bytes of a [`WordRun`]).
pub(crate) const IN_RUN: u8 = 4;
/// Bytes of characters beyond ASCII (decoded to be classified).
pub(crate) const WIDE: u8 = 8;
/// ASCII whitespace as `char::is_whitespace` has it: space, tab, line feed, vertical tab,
/// form feed, carriage return.
pub(crate) const SPACE: u8 = 16;

/// How the word pass and the attribution grammar read a byte: [`STARTS_WORD`], [`IN_WORD`],
/// [`IN_RUN`] and [`SPACE`] for ASCII bytes, [`WIDE`] for the others.
pub(crate) static BYTE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c >= 0x80 {
            t[b] = WIDE;
        } else if c.is_ascii_alphanumeric() {
            t[b] = STARTS_WORD | IN_WORD | IN_RUN;
        } else if c == b'&' {
            t[b] = STARTS_WORD | IN_WORD;
        } else if matches!(c, b'.' | b'\'' | b'-') {
            t[b] = IN_WORD;
        } else if matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r') {
            t[b] = SPACE;
        }
        b += 1;
    }
    t
};

/// The words of a text as the attribution grammar reads them, with (on request) the
/// [`word_runs`] of the same text and each word's [`WordClasses`] bits, all from one pass.
#[derive(Debug, Default)]
pub struct WordScan<'a> {
    /// (word, span shifted by the `base` given to [`scan_words`]). A word starts with a
    /// letter, digit or `&` and goes on through those, `.`, `-` and apostrophes; trailing
    /// apostrophes and hyphens are dropped, and a trailing period too unless the word keeps it
    /// ([`Lexicon::keeps_period`]: U.S., Sen., J.).
    pub words: Vec<(&'a str, Span)>,
    /// The runs of letters and digits ([`word_runs`]; spans not shifted); empty unless
    /// classes were asked for.
    pub runs: Vec<WordRun>,
    /// The class bits of each word, with [`WordClasses::CAPITALISED`]; empty unless asked
    /// for.
    pub classes: Vec<u32>,
}

/// Phrases of a word list as their lowercase words ("news agency" → ["news", "agency"]), for
/// readers that match a phrase word by word against a sentence's words.
pub fn word_lists(phrases: &[String]) -> Vec<Vec<String>> {
    phrases
        .iter()
        .map(|p| p.split_whitespace().map(str::to_lowercase).collect())
        .collect()
}

/// Split `text` (at offset `base` of the view) into words; with `classes`, also into
/// [`word_runs`] and the words' class bits. A word made of one ASCII run reuses the run's key
/// for its class lookup, so most words are hashed once.
pub fn scan_words<'a>(text: &'a str, base: usize, classes: Option<&WordClasses>) -> WordScan<'a> {
    let full = classes.is_some();
    // News prose averages a word per 6.5 bytes; a little more room saves most regrowing.
    let room = text.len() / 5 + 4;
    let mut out = WordScan {
        words: Vec::with_capacity(room),
        runs: Vec::with_capacity(if full { room } else { 0 }),
        classes: Vec::with_capacity(if full { room } else { 0 }),
    };
    scan_words_into(text, base, classes, &mut out);
    out
}

/// [`scan_words`] appending to `out`, so that a caller splitting many short phrases can keep
/// one buffer.
pub fn scan_words_into<'a>(
    text: &'a str,
    base: usize,
    classes: Option<&WordClasses>,
    out: &mut WordScan<'a>,
) {
    let lex = lexicon();
    let b = text.as_bytes();
    let n = b.len();
    let full = classes.is_some();
    // News prose runs about six bytes a word: room for all of them up front, so the vectors
    // never regrow (and copy) on a long article.
    // (Only into an empty scan: callers that append piece by piece keep the vectors' own
    // doubling.)
    if out.words.is_empty() && n > 4096 {
        out.words.reserve(n / 5);
    }
    if full && out.runs.is_empty() && n > 4096 {
        out.runs.reserve(n / 5);
        out.classes.reserve(n / 5);
    }
    // The char at `i` beyond ASCII: (a letter or digit, which starts a word and is in a run;
    // goes on in a word, as an apostrophe does too; its length).
    let wide = |i: usize| -> (bool, bool, usize) {
        let c = text[i..].chars().next().unwrap_or(' ');
        let w = is_word_char(c);
        (w, w || c == '’', c.len_utf8())
    };
    let mut i = 0;
    while i < n {
        // Skip to the next word: its first byte starts one, or begins a character to decode.
        while i < n && BYTE_CLASS[usize::from(b[i])] & (STARTS_WORD | WIDE) == 0 {
            i += 1;
        }
        if i >= n {
            break;
        }
        if b[i] >= 0x80 {
            let (starts, _, len) = wide(i);
            if !starts {
                i += len;
                continue;
            }
        }
        let s = i;
        let first_run = out.runs.len();
        let mut ascii = true;
        // A word alternates runs of letters and digits with glue (`&`, `.`, `-`, apostrophes).
        let ends_in_glue;
        loop {
            let r = i;
            loop {
                // ASCII letters and digits; stop at anything else, decoding wide characters.
                while i < n && BYTE_CLASS[usize::from(b[i])] & IN_RUN != 0 {
                    i += 1;
                }
                if i < n && b[i] >= 0x80 {
                    let (in_run, _, len) = wide(i);
                    if in_run {
                        ascii = false;
                        i += len;
                        continue;
                    }
                }
                break;
            }
            if full && i > r {
                out.runs.extend(WordRun::new(b, r, i));
            }
            let g = i;
            while i < n {
                let c = b[i];
                if c < 0x80 {
                    if BYTE_CLASS[usize::from(c)] & (IN_WORD | IN_RUN) != IN_WORD
                        && !(c == b',' && thousands_comma(b, i))
                    {
                        break;
                    }
                    i += 1;
                } else {
                    let (in_run, goes_on, len) = wide(i);
                    if !goes_on || in_run {
                        break;
                    }
                    ascii = false;
                    i += len;
                }
            }
            if i == g {
                ends_in_glue = r == g;
                break;
            }
        }
        let mut w = &text[s..i];
        // Trailing apostrophes and hyphens go; a trailing period stays only on abbreviations
        // and initials (U.S., Sen., J.). A word that ends in a letter or digit keeps it all.
        if ends_in_glue {
            while let Some(stripped) = w.strip_suffix(['\'', '’', '-']) {
                w = stripped;
            }
            if w.ends_with('.') && !lex.keeps_period(w) {
                w = w.trim_end_matches('.');
            }
        }
        if w.is_empty() {
            continue;
        }
        if let Some(table) = classes {
            let one_run = out.runs.len() == first_run + 1
                && out.runs[first_run].span() == Span::new(s, s + w.len());
            let bits = if one_run && ascii {
                table.of_key(out.runs[first_run].key, w)
            } else {
                table.of(w)
            };
            let cap = match b[s] {
                c if c < 0x80 => c.is_ascii_uppercase(),
                _ => w.starts_with(char::is_uppercase),
            };
            out.classes.push(if cap {
                bits | WordClasses::CAPITALISED
            } else {
                bits
            });
        }
        out.words.push((w, Span::new(base + s, base + s + w.len())));
    }
}

/// True when the byte at `i` is a comma between digits, a number's thousands separator
/// ("100,000 people", "$2,500"): inside the word, as the rules' clause tokens read it too.
#[inline]
pub(crate) fn thousands_comma(b: &[u8], i: usize) -> bool {
    b[i] == b','
        && i > 0
        && b[i - 1].is_ascii_digit()
        && b.get(i + 1).is_some_and(u8::is_ascii_digit)
}

/// Compare `phrase` with `text` from byte `i`, ASCII case-insensitively unless `exact`, a
/// space in the phrase standing for any run of whitespace; the end offset in `text` when it
/// matches.
fn compare(text: &[u8], i: usize, phrase: &[u8], exact: bool) -> Option<usize> {
    let fast = i + phrase.len();
    if fast <= text.len()
        && (if exact {
            text[i..fast] == *phrase
        } else {
            text[i..fast].eq_ignore_ascii_case(phrase)
        })
    {
        return Some(fast);
    }
    let (mut t, mut p) = (i, 0);
    while p < phrase.len() {
        if phrase[p] == b' ' {
            let from = t;
            while t < text.len() && text[t].is_ascii_whitespace() {
                t += 1;
            }
            if t == from {
                return None;
            }
        } else if t < text.len()
            && (text[t] == phrase[p] || (!exact && text[t].eq_ignore_ascii_case(&phrase[p])))
        {
            t += 1;
        } else {
            return None;
        }
        p += 1;
    }
    Some(t)
}

/// Most plain phrases one phrase list may expand to ([`expand_phrases`]).
pub const MAX_EXPANDED_PHRASES: usize = 10_000;

/// The plain phrases that `phrase` stands for. A `{a|b|c}` group is exactly one of its
/// alternatives, a `[a|b]` group one of them or nothing; every combination comes out, the
/// first group varying slowest, with whitespace runs (such as the double space an empty
/// optional group leaves) collapsed to one space: `"{some|many} [legal] experts"` is "some legal
/// experts", "some experts", "many legal experts", "many experts". A phrase without `{`, `}`,
/// `[`, `]` or `|` comes back as it is. Errors: a group left open, closed by the other bracket,
/// nested in another or empty; a `|`, `}` or `]` outside a group; a combination with no words;
/// more than `budget` phrases.
pub fn expand_phrase(phrase: &str, budget: usize) -> Result<Vec<String>, String> {
    expand(phrase, budget).map_err(|e| match e {
        Expansion::TooMany => format!("expands to more than {budget} phrases"),
        Expansion::Syntax(s) => s,
    })
}

/// Why a phrase does not expand.
enum Expansion {
    /// More phrases than the budget.
    TooMany,
    /// Bad group syntax.
    Syntax(String),
}

fn expand(phrase: &str, budget: usize) -> Result<Vec<String>, Expansion> {
    use Expansion::{Syntax, TooMany};
    if !phrase
        .bytes()
        .any(|b| matches!(b, b'{' | b'}' | b'[' | b']' | b'|'))
    {
        return if budget == 0 {
            Err(TooMany)
        } else {
            Ok(vec![phrase.to_owned()])
        };
    }
    // The phrase as a sequence of choices: literal text is a choice of one.
    let mut parts: Vec<Vec<&str>> = Vec::new();
    let mut open: Option<(usize, char)> = None; // where the current group's bracket is
    let mut from = 0; // start of the current literal or alternative
    let mut alternatives: Vec<&str> = Vec::new();
    for (i, c) in phrase.char_indices() {
        match (c, open) {
            ('{' | '[', None) => {
                parts.push(vec![&phrase[from..i]]);
                open = Some((i, c));
                from = i + 1;
            }
            ('{' | '[', Some((_, o))) => {
                return Err(Syntax(format!(
                    "`{c}` inside a `{o}` group: groups do not nest"
                )));
            }
            ('|', Some(_)) => {
                alternatives.push(&phrase[from..i]);
                from = i + 1;
            }
            ('}' | ']', Some((_, o))) => {
                let want = if o == '{' { '}' } else { ']' };
                if c != want {
                    return Err(Syntax(format!("`{o}` closed by `{c}` (expected `{want}`)")));
                }
                alternatives.push(&phrase[from..i]);
                if alternatives.iter().all(|a| a.trim().is_empty()) {
                    return Err(Syntax(format!("empty `{o}{c}` group")));
                }
                if o == '[' {
                    alternatives.push("");
                }
                parts.push(std::mem::take(&mut alternatives));
                open = None;
                from = i + 1;
            }
            ('|' | '}' | ']', None) => {
                return Err(Syntax(format!(
                    "`{c}` outside a group (groups are {{a|b}} and [a|b])"
                )));
            }
            _ => {}
        }
    }
    if let Some((_, o)) = open {
        return Err(Syntax(format!("unclosed `{o}`")));
    }
    parts.push(vec![&phrase[from..]]);
    let count = parts
        .iter()
        .try_fold(1usize, |n, p| n.checked_mul(p.len()))
        .filter(|&n| n <= budget)
        .ok_or(TooMany)?;
    let mut out = Vec::with_capacity(count);
    let mut pick = vec![0usize; parts.len()];
    let mut joined = String::new();
    loop {
        joined.clear();
        for (p, &k) in parts.iter().zip(&pick) {
            joined.push_str(p[k]);
        }
        let plain = squeeze(&joined);
        if plain.is_empty() {
            return Err(Syntax("one of its combinations has no words".to_owned()));
        }
        out.push(plain);
        // The next combination: the last group varies fastest.
        let mut g = parts.len();
        loop {
            if g == 0 {
                return Ok(out);
            }
            g -= 1;
            pick[g] += 1;
            if pick[g] < parts[g].len() {
                break;
            }
            pick[g] = 0;
        }
    }
}

/// The words of `s` joined by single spaces.
pub fn squeeze(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Every phrase of `list` expanded ([`expand_phrase`]), at most [`MAX_EXPANDED_PHRASES`] in
/// all; an error names the phrase.
pub fn expand_phrases(list: &[String]) -> Result<Vec<String>, String> {
    let mut out = Vec::with_capacity(list.len());
    for p in list {
        let expanded = expand(p, MAX_EXPANDED_PHRASES - out.len()).map_err(|e| match e {
            Expansion::TooMany => format!(
                "phrase `{p}`: the list expands to more than {MAX_EXPANDED_PHRASES} phrases"
            ),
            Expansion::Syntax(s) => format!("phrase `{p}`: {s}"),
        })?;
        out.extend(expanded);
    }
    Ok(out)
}

/// Size of [`PhraseSet`]'s first-word filter in `u64`s (16,384 bits).
const FILTER_WORDS: usize = 256;

/// Which bit of the first-word filter a run hash sets: its top bits (the hash ends with a
/// multiplication, so those are the best mixed).
#[inline]
fn filter_bit(key: u64) -> (usize, u64) {
    let bit = (key >> 50) as usize;
    (bit >> 6, 1u64 << (bit & 63))
}

impl PhraseSet {
    /// Compile `phrases` (case-insensitive, leftmost-longest).
    pub fn new(phrases: &[String]) -> Self {
        Self::build(phrases, false)
    }

    /// Compile `phrases` to match in their own case only (leftmost-longest).
    pub fn exact_case(phrases: &[String]) -> Self {
        Self::build(phrases, true)
    }

    fn build(phrases: &[String], exact: bool) -> Self {
        let phrases: Vec<String> = phrases
            .iter()
            .map(|p| {
                let p = squeeze(p);
                if exact { p } else { p.to_lowercase() }
            })
            .filter(|p| !p.is_empty())
            .collect();
        let mut edges: rustc_hash::FxHashMap<(u32, u64), u32> = Default::default();
        let mut ends: Vec<Vec<u32>> = vec![Vec::new()];
        let mut first = Box::new([0u64; FILTER_WORDS]);
        let mut odd = Vec::new();
        for (i, p) in phrases.iter().enumerate() {
            let idx = u32::try_from(i).expect("fewer than 4 billion phrases");
            if !p.chars().next().is_some_and(is_word_char) {
                odd.push(idx);
                continue;
            }
            let runs = word_runs(p);
            if let Some(r) = runs.first() {
                let (w, bit) = filter_bit(r.key);
                first[w] |= bit;
            }
            let mut node = 0u32;
            for run in runs {
                let fresh = u32::try_from(ends.len()).expect("fewer than 4 billion nodes");
                node = *edges.entry((node, run.key)).or_insert_with(|| {
                    ends.push(Vec::new());
                    fresh
                });
            }
            ends[node as usize].push(idx);
        }
        for ids in &mut ends {
            ids.sort_by_key(|&i| std::cmp::Reverse(phrases[i as usize].len()));
            ids.dedup_by_key(|i| phrases[*i as usize].clone());
        }
        let odd = (!odd.is_empty()).then(|| {
            let ac = AhoCorasickBuilder::new()
                .ascii_case_insensitive(!exact)
                .match_kind(MatchKind::LeftmostLongest)
                .build(odd.iter().map(|&i| &phrases[i as usize]))
                .expect("phrase lists compile");
            (ac, odd)
        });
        PhraseSet {
            phrases,
            edges,
            ends,
            first,
            odd,
            exact,
        }
    }

    /// The longest phrase that matches from the start of `runs[0]`, word-bounded.
    fn match_at(&self, text: &str, runs: &[WordRun]) -> Option<(Span, usize)> {
        let (b, i) = (text.as_bytes(), runs.first()?.start());
        let mut node = 0u32;
        let mut best = None;
        for run in runs {
            let Some(&child) = self.edges.get(&(node, run.key)) else {
                break;
            };
            node = child;
            let found = self.ends[node as usize].iter().find_map(|&id| {
                let e = compare(b, i, self.phrases[id as usize].as_bytes(), self.exact)?;
                let bounded =
                    text.is_char_boundary(e) && !text[e..].chars().next().is_some_and(is_word_char);
                bounded.then(|| (Span::new(i, e), id as usize))
            });
            if found.is_some() {
                best = found;
            }
        }
        best
    }

    /// Calls `f` with each word-bounded, non-overlapping match among `runs` (the
    /// [`word_runs`] of `text`), in order; stops when `f` returns false.
    fn scan(&self, text: &str, runs: &[WordRun], mut f: impl FnMut(Span, usize) -> bool) {
        let mut next = 0;
        for (r, run) in runs.iter().enumerate() {
            let (w, bit) = filter_bit(run.key);
            if run.start() < next || self.first[w] & bit == 0 {
                continue;
            }
            if let Some((span, id)) = self.match_at(text, &runs[r..]) {
                if !f(span, id) {
                    return;
                }
                next = span.end;
            }
        }
    }

    /// Every word-bounded match in `text`, as (span, phrase index).
    pub fn find_all(&self, text: &str) -> Vec<(Span, usize)> {
        self.find_in(text, &word_runs(text))
    }

    /// [`PhraseSet::find_all`] with the text's [`word_runs`] already computed.
    pub fn find_in(&self, text: &str, runs: &[WordRun]) -> Vec<(Span, usize)> {
        let mut out = Vec::new();
        self.scan(text, runs, |s, id| {
            out.push((s, id));
            true
        });
        if let Some((ac, ids)) = &self.odd {
            out.extend(
                ac.find_iter(text)
                    .filter(|m| word_bounded(text, m.start(), m.end()))
                    .map(|m| {
                        let id = ids[m.pattern().as_usize()] as usize;
                        (Span::new(m.start(), m.end()), id)
                    }),
            );
            out.sort_by_key(|(s, _)| (s.start, std::cmp::Reverse(s.end)));
            let mut kept: Vec<(Span, usize)> = Vec::with_capacity(out.len());
            for m in out {
                if kept.last().is_some_and(|k| m.0.start < k.0.end) {
                    continue;
                }
                kept.push(m);
            }
            out = kept;
        }
        out
    }

    /// True when some phrase occurs word-bounded in `text`.
    pub fn is_match(&self, text: &str) -> bool {
        let mut found = false;
        self.scan(text, &word_runs(text), |_, _| {
            found = true;
            false
        });
        found
            || self.odd.as_ref().is_some_and(|(ac, _)| {
                ac.find_iter(text)
                    .any(|m| word_bounded(text, m.start(), m.end()))
            })
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

    /// [`PhraseSet::is_exactly`] of `words` joined by spaces, without joining them: words of
    /// ASCII letters and digits walk the trie, and only the phrases ending where the walk ends
    /// are compared.
    pub fn is_exactly_words(&self, words: &[&str]) -> bool {
        let plain = |w: &&str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_alphanumeric());
        if self.exact || self.odd.is_some() || !words.iter().all(plain) {
            return self.is_exactly(&words.join(" "));
        }
        let mut node = 0u32;
        for w in words {
            match self.edges.get(&(node, key(w.as_bytes()))) {
                Some(&child) => node = child,
                None => return false,
            }
        }
        self.ends_exactly(node, words)
    }

    /// The largest `n >= min` for which `words[..n]` is exactly one of the phrases
    /// ([`PhraseSet::is_exactly_words`]), walking the trie once for all of them.
    pub fn longest_exact(&self, words: &[&str], min: usize) -> Option<usize> {
        let plain = |w: &&str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_alphanumeric());
        if self.exact || self.odd.is_some() || !words.iter().all(plain) {
            return (min..=words.len())
                .rev()
                .find(|&n| self.is_exactly_words(&words[..n]));
        }
        let mut node = 0u32;
        let mut best = None;
        for (n, w) in words.iter().enumerate().map(|(i, w)| (i + 1, w)) {
            match self.edges.get(&(node, key(w.as_bytes()))) {
                Some(&child) => node = child,
                None => break,
            }
            if n >= min && self.ends_exactly(node, &words[..n]) {
                best = Some(n);
            }
        }
        best
    }

    /// True when a phrase ending at trie `node` is `words` (any ASCII case).
    fn ends_exactly(&self, node: u32, words: &[&str]) -> bool {
        self.ends[node as usize].iter().any(|&id| {
            let p = &self.phrases[id as usize];
            p.split(' ').count() == words.len()
                && p.split(' ')
                    .zip(words)
                    .all(|(a, b)| a.eq_ignore_ascii_case(b))
        })
    }
}

/// Several [`PhraseSet`]s merged into one trie, so that a text's runs are walked once for all
/// of them: one filter test per run instead of one per list, one trie walk for a word that
/// opens phrases of several lists. [`PhraseLists::find_in`] gives, for each list, exactly what
/// that list's own [`PhraseSet::find_in`] gives.
#[derive(Debug)]
pub struct PhraseLists {
    sets: Vec<&'static PhraseSet>,
    /// Trie edges, as in [`PhraseSet`].
    edges: rustc_hash::FxHashMap<(u32, u64), u32>,
    /// (list, phrase of that list) ending at each node, by list, longest phrase first.
    ends: Vec<Vec<(u32, u32)>>,
    /// Union of the lists' first-word filters.
    first: Box<[u64; FILTER_WORDS]>,
}

impl PhraseLists {
    /// Merge `sets`. A set with phrases that do not start with a letter or digit is still
    /// answered, by its own scan.
    pub fn new(sets: Vec<&'static PhraseSet>) -> Self {
        let mut edges: rustc_hash::FxHashMap<(u32, u64), u32> = Default::default();
        let mut ends: Vec<Vec<(u32, u32)>> = vec![Vec::new()];
        let mut first = Box::new([0u64; FILTER_WORDS]);
        for (l, set) in sets.iter().enumerate() {
            if set.odd.is_some() {
                continue;
            }
            let l = u32::try_from(l).expect("few lists");
            for (w, bits) in first.iter_mut().zip(set.first.iter()) {
                *w |= bits;
            }
            // Every phrase that ends somewhere in the set's own trie, so the merged ends keep
            // its order and de-duplication.
            let mut stack = vec![(0u32, 0u32)]; // (own node, merged node)
            let mut children: rustc_hash::FxHashMap<u32, Vec<(u64, u32)>> = Default::default();
            for (&(node, key), &child) in &set.edges {
                children.entry(node).or_default().push((key, child));
            }
            while let Some((own, merged)) = stack.pop() {
                for &id in &set.ends[own as usize] {
                    ends[merged as usize].push((l, id));
                }
                for &(key, child) in children.get(&own).map(Vec::as_slice).unwrap_or(&[]) {
                    let fresh = u32::try_from(ends.len()).expect("fewer than 4 billion nodes");
                    let next = *edges.entry((merged, key)).or_insert_with(|| {
                        ends.push(Vec::new());
                        fresh
                    });
                    stack.push((child, next));
                }
            }
        }
        PhraseLists {
            sets,
            edges,
            ends,
            first,
        }
    }

    /// The lists, in the order [`PhraseLists::find_in`] answers them.
    pub fn sets(&self) -> &[&'static PhraseSet] {
        &self.sets
    }

    /// Where `set` (that very set, not an equal one) is among the lists.
    pub fn index_of(&self, set: &PhraseSet) -> Option<usize> {
        self.sets.iter().position(|s| std::ptr::eq(*s, set))
    }

    /// For each list, every word-bounded, non-overlapping match among `runs` (the
    /// [`word_runs`] of `text`), as [`PhraseSet::find_in`] finds them.
    #[inline(never)]
    pub fn find_in(&self, text: &str, runs: &[WordRun]) -> Vec<Vec<(Span, usize)>> {
        let b = text.as_bytes();
        let k = self.sets.len();
        let mut out: Vec<Vec<(Span, usize)>> = vec![Vec::new(); k];
        let mut next = vec![0usize; k];
        let mut best: Vec<Option<(Span, usize)>> = vec![None; k];
        for (r, run) in runs.iter().enumerate() {
            let (w, bit) = filter_bit(run.key);
            if self.first[w] & bit == 0 {
                continue;
            }
            let i = run.start();
            let mut node = 0u32;
            let mut any = false;
            for run in &runs[r..] {
                let Some(&child) = self.edges.get(&(node, run.key)) else {
                    break;
                };
                node = child;
                // The first phrase of each list that matches here (longest first).
                let mut done: Option<u32> = None;
                for &(l, id) in &self.ends[node as usize] {
                    if done == Some(l) || i < next[l as usize] {
                        continue;
                    }
                    let set = self.sets[l as usize];
                    let Some(e) = compare(b, i, set.phrases[id as usize].as_bytes(), set.exact)
                    else {
                        continue;
                    };
                    if text.is_char_boundary(e)
                        && !text[e..].chars().next().is_some_and(is_word_char)
                    {
                        best[l as usize] = Some((Span::new(i, e), id as usize));
                        done = Some(l);
                        any = true;
                    }
                }
            }
            if any {
                for l in 0..k {
                    if let Some((span, id)) = best[l].take() {
                        out[l].push((span, id));
                        next[l] = span.end;
                    }
                }
            }
        }
        for (l, set) in self.sets.iter().enumerate() {
            if set.odd.is_some() {
                out[l] = set.find_in(text, runs);
            }
        }
        out
    }
}

/// True when `start..end` of `text` is not glued to a letter or digit on either side.
pub fn word_bounded(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let glued = |c: Option<char>| c.is_some_and(is_word_char);
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
    groups: Vec<String>,
    frames: Vec<String>,
    openers: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SentencesFile {
    connectives: Vec<String>,
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
    lesser_offices: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OrgFile {
    suffixes: Vec<String>,
    bodies: Vec<String>,
    generic: Vec<String>,
    outlets: Vec<String>,
    outlet_heads: Vec<String>,
    outlet_intros: Vec<String>,
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
    first_person: Vec<String>,
    someone: Vec<String>,
    male_words: Vec<String>,
    female_words: Vec<String>,
    group_heads: Vec<String>,
    group_determiners: Vec<String>,
    clause_openers: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EntitiesFile {
    event_heads: Vec<String>,
    place_heads: Vec<String>,
    work_heads: Vec<String>,
    document_heads: Vec<String>,
    group_words: Vec<String>,
    places: Vec<String>,
    not_names: Vec<String>,
    post_nominals: Vec<String>,
    platforms: std::collections::BTreeMap<String, String>,
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
    said_word_cues: Vec<String>,
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
    /// Bare plural populations ("people", "women"): vague as a whole subject.
    pub vague_groups: WordSet,
    /// Weasel frames in prose (critics say, studies show).
    pub vague_frames: PhraseSet,
    /// Weasel subjects that open a sentence: an unnumbered quantifier, an optional field and a
    /// weasel head ("some observers", "many legal experts"); rules add `sentence_start`.
    pub vague_openers: PhraseSet,
    /// Agentless attribution (reportedly, it is believed).
    pub passive: PhraseSet,
    /// Hedges (appears to, seems to).
    pub hedges: PhraseSet,
    /// Stated reasons for anonymity.
    pub justifications: PhraseSet,
    /// Rote reasons for anonymity.
    pub boilerplate: PhraseSet,
    /// Titles written before a name, natural case (multi-word allowed).
    pub titles: NameSet,
    /// Lowercase role nouns (spokesman, lawyer...).
    pub roles: WordSet,
    /// Kinship nouns (son, daughter...).
    pub kin: WordSet,
    /// The role word a title stands for, keyed by the title lowercased ("gov." -> "governor").
    pub title_roles: rustc_hash::FxHashMap<String, String>,
    /// Words that make a title another office ("Deputy Prime Minister" is not "the Prime
    /// Minister", "Vice President" not "the president").
    pub lesser_offices: WordSet,
    /// Words that mark an organisation name (Department, Inc....).
    pub org_suffixes: NameSet,
    /// Named institutions without a suffix (White House, Kremlin...).
    pub bodies: rustc_hash::FxHashSet<String>,
    /// Lowercase nouns that re-mention an organisation (company, ministry...).
    pub org_generic: WordSet,
    /// News organisations.
    pub outlets: rustc_hash::FxHashSet<String>,
    /// Bodies and outlets together, with a filter in front: the prose scans ask it of every
    /// capitalised run of a text.
    pub org_names: NameSet,
    /// The same, as phrases matched in their own case.
    pub outlet_phrases: PhraseSet,
    /// Capitalised words that end an outlet's name ("Times", "Media").
    pub outlet_heads: WordSet,
    /// Nouns that put an outlet's name after them, each as its lowercase words ("news agency").
    pub outlet_intros: Vec<Vec<String>>,
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
    /// First-person pronouns (I, me): the speaker of the passage they stand in.
    pub first_person: WordSet,
    /// Indefinite pronouns for one unnamed person (someone, somebody).
    pub someone: WordSet,
    /// Words before a name that open a clause, making the name its subject (while, when, and).
    pub clause_openers: WordSet,
    /// Plural nouns for a group of people that "they" may stand for (teammates, players).
    pub group_heads: WordSet,
    /// Words that open a group's phrase besides articles and counts (your, fellow, some).
    pub group_determiners: WordSet,
    /// Every word that heads a group of people in the plural: the group heads, the vague
    /// groups, and the plurals among the anonymous heads, vague heads and roles ("officials",
    /// "critics", "ministers"). One set, so that a class bit answers for every word at once.
    pub group_plurals: WordSet,
    /// Last words of event names (War, Games, Summit), natural case.
    pub event_heads: NameSet,
    /// Last words of place names (Street, County, Gulf), natural case.
    pub place_heads: NameSet,
    /// Last words of names of publications and shows (Bulletin, Times), natural case.
    pub work_heads: NameSet,
    /// Last words of names of laws and texts (Amendment, Section), natural case.
    pub document_heads: NameSet,
    /// Last words of parties, campaigns and teams (Democrats, Campaign), natural case.
    pub group_words: NameSet,
    /// Countries and regions, natural case.
    pub places: NameSet,
    /// Capitalised words that never start a name (Six, First, So), natural case.
    pub not_names: NameSet,
    /// Letters written after a name (QC, MP, PhD), natural case.
    pub post_nominals: NameSet,
    /// Platforms and what is put out on them ("Twitter" → "tweet"), natural case.
    pub platforms: rustc_hash::FxHashMap<String, String>,
    /// Titles and role words that tell a man (mr, spokesman, son...).
    pub male_words: WordSet,
    /// Titles and role words that tell a woman (ms, spokeswoman, daughter...).
    pub female_words: WordSet,
    /// Abbreviations that do not end a sentence (natural case).
    pub abbreviations: NameSet,
    /// Elisions that start with an apostrophe.
    pub elisions: Vec<String>,
    /// Cues before a quoted term.
    pub term_cues: PhraseSet,
    /// Term cues that, after a speaker's verb, name the words the speaker said ("she added
    /// the words "Hillary Clinton"").
    pub said_word_cues: PhraseSet,
    /// Nouns for titled works.
    pub work_nouns: WordSet,
    /// Words that may open a sentence before its subject ("But", "Still"), in their own case:
    /// the `sentence_start` narrowing of the `phrase` matcher looks past them.
    pub sentence_connectives: Vec<String>,
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

/// A bundled phrase list with its `{a|b}` and `[a|b]` groups expanded ([`expand_phrases`]).
fn phrases(list: &[String]) -> Vec<String> {
    match expand_phrases(list) {
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
        let ent: EntitiesFile = load(lexicon_file!("entities.yaml"));
        let abbr: AbbrevFile = load(lexicon_file!("abbreviations.yaml"));
        let marks: MarksFile = load(lexicon_file!("marks.yaml"));
        let sentences: SentencesFile = load(lexicon_file!("sentences.yaml"));
        let according = phrases(&speech.according);
        let counts = phrases(&anon.counts);
        let according_first: Vec<String> = according
            .iter()
            .filter_map(|p| p.split_whitespace().next().map(str::to_owned))
            .collect();
        let mut lex = Lexicon {
            neutral: WordSet::new(&speech.neutral),
            loaded: WordSet::new(&speech.loaded),
            cognitive: WordSet::new(&speech.cognitive),
            according: PhraseSet::new(&according),
            according_first: WordSet::new(&according_first),
            cue_words: PhraseSet::new(
                &[
                    &speech.neutral,
                    &speech.loaded,
                    &speech.cognitive,
                    &according,
                ]
                .into_iter()
                .flatten()
                .cloned()
                .collect::<Vec<_>>(),
            ),
            anon_heads: WordSet::new(&anon.heads),
            knowledge: PhraseSet::new(&phrases(&anon.knowledge)),
            counts: WordSet::new(counts.iter().filter(|w| !w.contains(' '))),
            count_phrases: PhraseSet::new(&multi(&counts)),
            vague_heads: WordSet::new(&vague.heads),
            quantifiers: WordSet::new(vague.quantifiers.iter().filter(|w| !w.contains(' '))),
            standalone: WordSet::new(&vague.standalone),
            vague_groups: WordSet::new(&vague.groups),
            vague_frames: PhraseSet::new(&phrases(&vague.frames)),
            vague_openers: PhraseSet::new(&phrases(&vague.openers)),
            passive: PhraseSet::new(&phrases(&passive.phrases)),
            hedges: PhraseSet::new(&phrases(&hedges.phrases)),
            justifications: PhraseSet::new(&phrases(&just.phrases)),
            boilerplate: PhraseSet::new(&phrases(&just.boilerplate)),
            titles: NameSet::new(&titles.titles),
            roles: WordSet::new(&titles.roles),
            kin: WordSet::new(&titles.kin),
            title_roles: titles
                .title_roles
                .iter()
                .map(|(t, r)| (t.to_lowercase(), r.to_lowercase()))
                .collect(),
            lesser_offices: WordSet::new(&titles.lesser_offices),
            org_suffixes: NameSet::new(&orgs.suffixes),
            org_names: NameSet::new(orgs.bodies.iter().chain(&orgs.outlets)),
            bodies: orgs.bodies.into_iter().collect(),
            org_generic: WordSet::new(&orgs.generic),
            outlet_phrases: PhraseSet::exact_case(&orgs.outlets),
            outlet_heads: WordSet::new(&orgs.outlet_heads),
            outlet_intros: word_lists(&orgs.outlet_intros),
            outlets: orgs.outlets.into_iter().collect(),
            documents: WordSet::new(&docs.heads),
            male: WordSet::new(&pro.male),
            female: WordSet::new(&pro.female),
            plural: WordSet::new(&pro.plural),
            neuter: WordSet::new(&pro.neuter),
            first_person: WordSet::new(&pro.first_person),
            someone: WordSet::new(&pro.someone),
            clause_openers: WordSet::new(&pro.clause_openers),
            group_heads: WordSet::new(&pro.group_heads),
            group_determiners: WordSet::new(&pro.group_determiners),
            group_plurals: WordSet::new(&[]),
            event_heads: NameSet::new(&ent.event_heads),
            place_heads: NameSet::new(&ent.place_heads),
            work_heads: NameSet::new(&ent.work_heads),
            document_heads: NameSet::new(&ent.document_heads),
            group_words: NameSet::new(&ent.group_words),
            places: NameSet::new(&ent.places),
            not_names: NameSet::new(&ent.not_names),
            post_nominals: NameSet::new(&ent.post_nominals),
            platforms: ent.platforms.into_iter().collect(),
            male_words: WordSet::new(&pro.male_words),
            female_words: WordSet::new(&pro.female_words),
            abbreviations: NameSet::new(&abbr.abbreviations),
            elisions: marks.elisions,
            term_cues: PhraseSet::new(&phrases(&marks.term_cues)),
            said_word_cues: PhraseSet::new(&phrases(&marks.said_word_cues)),
            work_nouns: WordSet::new(&marks.work_nouns),
            sentence_connectives: sentences.connectives,
        };
        let plural = |w: &str| w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us");
        let group_plurals: Vec<String> = lex
            .group_heads
            .iter()
            .chain(lex.vague_groups.iter())
            .chain(
                lex.anon_heads
                    .iter()
                    .chain(lex.vague_heads.iter())
                    .chain(lex.roles.iter())
                    .filter(|w| plural(w)),
            )
            .map(str::to_owned)
            .collect();
        lex.group_plurals = WordSet::new(&group_plurals);
        lex
    }

    /// True for any speech verb form (neutral or loaded).
    pub fn is_speech_verb(&self, word: &str) -> bool {
        self.neutral.contains(word) || self.loaded.contains(word)
    }

    /// True when the final period of `w` belongs to the word: abbreviations (U.S., Sen.),
    /// titles, initials (J.) and dotted forms (Ph.D.), also as the last part of a hyphenated
    /// word (a party tag's state: "R-Ky.", "D-Md.").
    pub fn keeps_period(&self, w: &str) -> bool {
        let Some(stem) = w.strip_suffix('.') else {
            return false;
        };
        if let Some((_, tail)) = w.rsplit_once('-')
            && tail.len() > 1
            && self.keeps_period(tail)
        {
            return true;
        }
        // The cheap tests first: dotted forms and initials need no lookup.
        stem.as_bytes().contains(&b'.')
            || (stem.len() <= 4
                && stem.chars().count() == 1
                && stem.starts_with(char::is_uppercase))
            || self.abbreviations.contains(w)
            || self.titles.contains(w)
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

    /// True when `head` names an organisation or a role: a generic organisation head or role
    /// word, or the regular plural of an organisation head ("the unions", "the
    /// universities"). Plural roles are left out: "the elected councillors can see" and
    /// "the authors say" are people the story has not named, not an institution speaking.
    pub fn is_org_or_role_head(&self, head: &str) -> bool {
        if self.org_generic.contains(head) || self.roles.contains(head) {
            return true;
        }
        let is = |w: &str| self.org_generic.contains(w);
        let Some(stem) = head.strip_suffix(['s', 'S']) else {
            return false;
        };
        if stem.len() < 3 || stem.ends_with(['s', 'S']) {
            return false;
        }
        is(stem)
            || stem
                .strip_suffix("ie")
                .is_some_and(|base| is(&format!("{base}y")))
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

/// The gender a first name tells ([`FirstNames`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameGender {
    /// At least 95% of its bearers were boys.
    Male,
    /// At least 95% of its bearers were girls.
    Female,
    /// Given to both.
    Either,
}

/// What the first-name table knows of a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FirstName {
    /// The gender it tells.
    pub gender: NameGender,
    /// Given to many (10,000 babies or more): strong evidence that a phrase names a person;
    /// rarer names are often words too (Story, Marine).
    pub common: bool,
}

/// First names and their gender, from `rules/lexicon/first_names.txt` (US Social Security
/// baby-name counts; see that file's header), keyed in natural case ("Grace").
#[derive(Debug, Default)]
pub struct FirstNames {
    names: rustc_hash::FxHashMap<&'static str, FirstName>,
}

impl FirstNames {
    fn parse(text: &'static str) -> FirstNames {
        let mut names = rustc_hash::FxHashMap::default();
        names.reserve(16_000);
        let mut current: Option<FirstName> = None;
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(section) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                let (g, rare) = match section.split_once(' ') {
                    Some((g, "rare")) => (g, true),
                    _ => (section, false),
                };
                let gender = match g {
                    "male" => NameGender::Male,
                    "female" => NameGender::Female,
                    "either" => NameGender::Either,
                    // The file is embedded at compile time and checked by a unit test.
                    _ => panic!("embedded first-name table has an unknown section [{section}]"),
                };
                current = Some(FirstName {
                    gender,
                    common: !rare,
                });
                continue;
            }
            if let Some(info) = current {
                for name in line.split_whitespace() {
                    names.insert(name, info);
                }
            }
        }
        FirstNames { names }
    }

    /// What the table knows of `word` (natural case: "Grace"; accents folded: "Agnès").
    pub fn get(&self, word: &str) -> Option<FirstName> {
        if word.is_ascii() {
            return self.names.get(word).copied();
        }
        let folded = fold_accents(word)?;
        self.names.get(folded.as_str()).copied()
    }

    /// Number of names in the table.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// True when the table is empty.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

/// `word` with the accents of Latin letters dropped ("Agnès" → "Agnes"); `None` when a
/// character is left that is not ASCII.
fn fold_accents(word: &str) -> Option<String> {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        let a = match c {
            c if c.is_ascii() => c,
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => 'a',
            'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' => 'A',
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
            'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ė' | 'Ę' | 'Ě' => 'E',
            'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' => 'i',
            'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' | 'İ' => 'I',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
            'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' | 'Ő' => 'O',
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
            'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' | 'Ů' | 'Ű' => 'U',
            'ç' | 'ć' | 'č' => 'c',
            'Ç' | 'Ć' | 'Č' => 'C',
            'ñ' | 'ń' | 'ň' => 'n',
            'Ñ' | 'Ń' | 'Ň' => 'N',
            'ś' | 'š' | 'ş' => 's',
            'Ś' | 'Š' | 'Ş' => 'S',
            'ý' | 'ÿ' => 'y',
            'Ý' => 'Y',
            'ž' | 'ź' | 'ż' => 'z',
            'Ž' | 'Ź' | 'Ż' => 'Z',
            'ğ' => 'g',
            'Ğ' => 'G',
            'ř' => 'r',
            'Ř' => 'R',
            'ł' => 'l',
            'Ł' => 'L',
            'đ' | 'ď' => 'd',
            'Đ' | 'Ď' => 'D',
            'ť' => 't',
            'Ť' => 'T',
            _ => return None,
        };
        out.push(a);
    }
    Some(out)
}

static FIRST_NAMES: LazyLock<FirstNames> =
    LazyLock::new(|| FirstNames::parse(include_str!("../rules/lexicon/first_names.txt")));

/// The bundled first-name table, read on first use.
pub fn first_names() -> &'static FirstNames {
    &FIRST_NAMES
}

/// Words of a phrase with their view spans.
#[derive(Clone, Debug)]
pub struct Words<'a> {
    /// (word, view span).
    pub words: Vec<(&'a str, Span)>,
}

impl<'a> Words<'a> {
    /// Split `text` (starting at view offset `base`) into words, dropping punctuation
    /// ([`scan_words`] has the definition of a word).
    pub fn new(text: &'a str, base: usize) -> Self {
        Words {
            words: scan_words(text, base, None).words,
        }
    }

    /// The words of `text` (at view offset `base`) in place of these, keeping the buffer.
    pub fn refill(&mut self, text: &'a str, base: usize) {
        let mut scan = WordScan {
            words: std::mem::take(&mut self.words),
            ..Default::default()
        };
        scan.words.clear();
        scan_words_into(text, base, None, &mut scan);
        self.words = scan.words;
    }
}

static HOT_PHRASES: LazyLock<PhraseLists> = LazyLock::new(|| {
    let l = lexicon();
    PhraseLists::new(vec![
        &l.cue_words,
        &l.passive,
        &l.justifications,
        &l.outlet_phrases,
        &l.vague_frames,
        &l.hedges,
        &l.vague_openers,
    ])
});

/// The phrase lists every analysis and the bundled rules scan (cue words, passive frames,
/// justifications, outlets, vague frames, hedges, vague sentence openers), merged so that a document is scanned once
/// for all of them ([`crate::analysis::Analysis::find`]).
pub fn hot_phrases() -> &'static PhraseLists {
    &HOT_PHRASES
}

/// The bundled lexicon, compiled on first use.
pub fn lexicon() -> &'static Lexicon {
    &LEXICON
}

/// A small deterministic random source for tests (xorshift): `next(n)` is below `n`.
#[cfg(test)]
pub(crate) fn test_rng(mut seed: u64) -> impl FnMut(usize) -> usize {
    move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    }
}

/// An acronym is a name, never the function word it spells: "the official WHO report".
pub(crate) fn is_acronym(w: &str) -> bool {
    w.len() > 1 && w.bytes().all(|b| b.is_ascii_uppercase())
}

/// True when `w` ends in a possessive: "Editor's", "Reyes’s", "the members'".
pub(crate) fn is_possessive(w: &str) -> bool {
    w.ends_with("'s") || w.ends_with("’s") || w.ends_with("s'") || w.ends_with("s’")
}

/// `w` without a possessive "'s" or "’s".
pub(crate) fn strip_possessive(w: &str) -> &str {
    w.strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .unwrap_or(w)
}

/// Dashes that set off a clause or sign a quote: em dash, en dash and horizontal bar (U+2015,
/// which some outlets print before a vox pop's name).
pub(crate) const DASHES: [char; 3] = ['—', '–', '―'];

/// True when `s` is one dash of [`DASHES`].
pub(crate) fn is_dash(s: &str) -> bool {
    let mut c = s.chars();
    c.next().is_some_and(|d| DASHES.contains(&d)) && c.next().is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_keys_are_invertible() {
        // The inverse of KEY_SEED modulo 2^64 (Newton's iteration; KEY_SEED is odd).
        let mut inv = KEY_SEED;
        for _ in 0..6 {
            inv = inv.wrapping_mul(2u64.wrapping_sub(KEY_SEED.wrapping_mul(inv)));
        }
        assert_eq!(KEY_SEED.wrapping_mul(inv), 1);
        for w in [
            "a", "I", "said", "SAID", "Said", "toldyou", "Official", "reporte", "zz9Q-x.y",
        ] {
            let b = w.as_bytes();
            let len_part = (b.len() as u64).wrapping_mul(KEY_SEED).rotate_left(5);
            // From the key and the length alone, the folded bytes come back.
            let folded = key(b).wrapping_mul(inv) ^ len_part;
            assert_eq!(
                folded.to_le_bytes()[..b.len()],
                *w.to_ascii_lowercase().as_bytes()
            );
            assert!(folded.to_le_bytes()[b.len()..].iter().all(|&x| x == 0));
            assert!(same_ascii_word(&w.to_ascii_lowercase(), b));
        }
        assert!(!same_ascii_word("said", b"sa"));
        assert!(same_ascii_word("spokeswoman", b"SPOKESwoman"));
        assert!(!same_ascii_word("spokeswoman", b"spokeswomen"));
    }

    #[test]
    fn merged_lists_find_what_each_list_finds() {
        // Texts stitched from the lists' own phrases (whole, cut short, recased, run
        // together), so that matches overlap within and across lists.
        let hot = hot_phrases();
        let l = lexicon();
        for set in [&l.vague_frames, &l.vague_openers, &l.cue_words, &l.hedges] {
            assert!(hot.index_of(set).is_some());
        }
        let words: Vec<&str> = hot
            .sets()
            .iter()
            .flat_map(|s| s.phrases.iter())
            .flat_map(|p| p.split(' '))
            .collect();
        let mut next = test_rng(0x2545_f491_4f6c_dd1d);
        for _ in 0..300 {
            let mut text = String::new();
            for _ in 0..40 {
                let w = words[next(words.len())];
                match next(6) {
                    0 => text.push_str(&w.to_uppercase()),
                    1 => text.push_str(&w[..w.len() / 2]),
                    _ => text.push_str(w),
                }
                text.push_str([" ", " ", "\n", ", ", "-"][next(5)]);
            }
            let runs = word_runs(&text);
            let merged = hot.find_in(&text, &runs);
            for (l, set) in hot.sets().iter().enumerate() {
                assert_eq!(merged[l], set.find_in(&text, &runs), "list {l} in {text:?}");
            }
        }
    }

    #[test]
    fn groups_expand_to_every_combination() {
        let ok = |p: &str| expand_phrase(p, MAX_EXPANDED_PHRASES).unwrap();
        assert_eq!(ok("  widely  believed "), ["  widely  believed "]);
        assert_eq!(
            ok("{some|a number of} {critics|experts}"),
            [
                "some critics",
                "some experts",
                "a number of critics",
                "a number of experts"
            ]
        );
        // An optional group that is left out leaves no double space.
        assert_eq!(
            ok("many [legal|health] experts say"),
            [
                "many legal experts say",
                "many health experts say",
                "many experts say"
            ]
        );
        assert_eq!(ok("[but] some say"), ["but some say", "some say"]);
        assert_eq!(ok("critic{s|}"), ["critics", "critic"]);
        assert_eq!(ok("{ it }"), ["it"]);
        let openers = &lexicon().vague_openers;
        // 14 quantifiers x (9 fields or none) x 15 heads, then (9 fields or none) x 8 bare
        // heads, then 8 fields x 4 field experts.
        assert_eq!(openers.phrases.len(), 14 * 10 * 15 + 10 * 8 + 8 * 4);
        for p in [
            "some observers",
            "a growing number of political analysts",
            "other watchers",
        ] {
            assert!(openers.is_exactly(p), "{p}");
        }
    }

    #[test]
    fn bad_groups_are_errors() {
        let err = |p: &str| expand_phrase(p, MAX_EXPANDED_PHRASES).unwrap_err();
        assert!(err("{some|many experts").contains("unclosed `{`"));
        assert!(err("some [legal experts").contains("unclosed `[`"));
        assert!(err("some|many experts").contains("outside a group"));
        assert!(err("some} experts").contains("outside a group"));
        assert!(err("some] experts").contains("outside a group"));
        assert!(err("{some|many] experts").contains("closed by `]`"));
        assert!(err("{some|[many]} experts").contains("do not nest"));
        assert!(err("{a|{b}}").contains("do not nest"));
        assert!(err("{} experts").contains("empty"));
        assert!(err("[ | ] experts").contains("empty"));
        assert!(err("[legal|health]").contains("no words"));
        let ten = "{a|b|c|d|e|f|g|h|i|j}";
        assert_eq!(expand_phrase(&ten.repeat(4), 10_000).unwrap().len(), 10_000);
        assert!(
            expand_phrase(&ten.repeat(5), 10_000)
                .unwrap_err()
                .contains("more than 10000")
        );
        // Far past usize: refused before anything is built.
        assert!(expand_phrase(&ten.repeat(40), 10_000).is_err());
        assert!(expand_phrase("plain", 0).is_err());
        // The cap holds for a list as a whole, and the error names the phrase.
        let list = vec![ten.repeat(3); 10];
        assert_eq!(expand_phrases(&list).unwrap().len(), 10_000);
        let list = vec![ten.repeat(3); 11];
        let e = expand_phrases(&list).unwrap_err();
        assert!(e.contains("the list expands to more than 10000"), "{e}");
        let e = expand_phrases(&["fine".into(), "{bad".into()]).unwrap_err();
        assert_eq!(e, "phrase `{bad`: unclosed `{`");
    }

    #[test]
    fn exact_words_agree_with_the_joined_text() {
        let set = &lexicon().according;
        for words in [
            &["according", "to"][..],
            &["According", "TO"],
            &["as", "reported", "by"],
            &["as", "reported"],
            &["as", "reported", "by", "the"],
            &["in", "the", "words", "of"],
            &["according", "to's"],
            &["accordingto"],
            &["as", "per"],
            &["As", "Per"],
            &["as", "pér"],
        ] {
            assert_eq!(
                set.is_exactly_words(words),
                set.is_exactly(&words.join(" ")),
                "{words:?}"
            );
        }
    }

    #[test]
    fn key_map_finds_every_key_and_only_those() {
        // Keys sharing their top bits land in one run of slots.
        let keys: Vec<u64> = (0..100u64).map(|i| (i % 7) << 60 | i).collect();
        let items = keys
            .iter()
            .map(|&k| (k, format!("w{k}").into(), k * 2))
            .collect();
        let (map, collided) = KeyMap::new(items);
        assert!(!collided);
        for &k in &keys {
            assert_eq!(map.get(k).map(|e| e.1), Some(k * 2));
        }
        assert!(map.get(7 << 60 | 1000).is_none());
        let (_, collided) = KeyMap::new(vec![(5, "a".into(), ()), (5, "b".into(), ())]);
        assert!(collided);
        assert!(KeyMap::<()>::default().get(3).is_none());
    }

    #[test]
    fn name_set_keeps_case_and_finds_every_name() {
        let lex = lexicon();
        for n in lex.bodies.iter().chain(&lex.outlets) {
            assert!(lex.org_names.contains(n), "{n}");
        }
        assert!(lex.org_names.contains("White House"));
        assert!(!lex.org_names.contains("white house"));
        assert!(!lex.org_names.contains("Maria Ortega"));
    }

    #[test]
    fn only_the_kelvin_sign_lowercases_to_ascii() {
        for c in (0x80..=0x10FFFFu32).filter_map(char::from_u32) {
            let lower: String = c.to_lowercase().collect();
            assert_eq!(lower.is_ascii(), c == '\u{212A}', "{c:?}");
        }
    }

    #[test]
    fn ruling_out_wide_words_agrees_with_lowercasing() {
        let words: Vec<String> = ["fiancé", "été", "über", "kelvin", "iota"]
            .map(String::from)
            .into();
        let set = WordSet::new(&words);
        for c in (0x20..=0x10FFFFu32).filter_map(char::from_u32) {
            for w in [
                format!("{c}iancé"),
                format!("{c}té"),
                format!("{c}ber"),
                format!("{c}elvin"),
            ] {
                assert_eq!(
                    set.contains(&w),
                    set.words.contains(&w.to_lowercase()),
                    "{w}"
                );
            }
        }
    }

    #[test]
    fn longest_exact_is_the_longest_joined_match() {
        let set = &lexicon().according;
        for words in [
            &["as", "reported", "by", "the"][..],
            &["according", "to", "the", "mayor"],
            &["in", "the", "words", "of"],
            &["as", "per", "usual"],
            &["As", "Told", "To"],
            &["as", "pér", "by"],
            &["in", "a"],
        ] {
            let want = (2..=words.len())
                .rev()
                .find(|&n| set.is_exactly(&words[..n].join(" ")));
            assert_eq!(set.longest_exact(words, 2), want, "{words:?}");
        }
    }

    #[test]
    fn tail_loads_equal_a_zero_padded_copy() {
        let bytes = [0x11u8, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77];
        for n in 1..=7 {
            let mut buf = [0u8; 8];
            buf[..n].copy_from_slice(&bytes[..n]);
            assert_eq!(load_tail(&bytes[..n]), u64::from_le_bytes(buf), "{n} bytes");
        }
    }

    #[test]
    fn keys_fold_ascii_case_only() {
        for b in 0..=255u8 {
            let x = u64::from_le_bytes([b, b'Q', b'z', 0x80, 0xC9, b'@', b'[', b'a']);
            let want = u64::from_le_bytes([
                b.to_ascii_lowercase(),
                b'q',
                b'z',
                0x80,
                0xC9,
                b'@',
                b'[',
                b'a',
            ]);
            assert_eq!(lower8(x), want, "byte {b:#04x}");
        }
        assert_eq!(key(b"Reportedly"), key(b"rEPORTEDLY"));
        assert_ne!(key(b"report"), key(b"report\0"));
        assert_ne!(key("É".as_bytes()), key("é".as_bytes()));
    }

    #[test]
    fn word_chars_agree_with_the_standard_library() {
        for cp in (0..0x11000u32).chain([0x1F600, 0x20000, 0x10FFFF]) {
            if let Some(c) = char::from_u32(cp) {
                assert_eq!(is_word_char(c), c.is_alphanumeric(), "U+{cp:04X}");
            }
        }
    }

    #[test]
    fn phrases_match_whole_words_across_line_breaks() {
        let set = PhraseSet::new(&["widely believed".into(), "it is".into(), "it".into()]);
        let text = "It is, as is widely\n  believed, itself; it";
        let found: Vec<&str> = set
            .find_all(text)
            .into_iter()
            .map(|(s, _)| &text[s.start..s.end])
            .collect();
        assert_eq!(found, ["It is", "widely\n  believed", "it"]);
        let outlets = PhraseSet::exact_case(&["AP".into()]);
        assert!(outlets.is_match("told AP."));
        assert!(!outlets.is_match("an ap of"));
    }

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
