//! Source classes, and the resolver that classifies speaker phrases and links pronouns and
//! descriptions ("he", "the official", "the company") to their earlier mention. Pronouns are
//! resolved by salience and agreement ([`crate::resolve`]).

use serde::{Deserialize, Serialize};

use crate::attribution::{classes, grammar};
use crate::lexicon::{
    Lexicon, NameGender, NameSet, WordClasses as C, Words, first_names, lexicon, strip_possessive,
};
use crate::resolve::{
    Agreement, Animacy, Gender, Layout, NameKind, Pronoun, Role, Scorer, Touch, gender_of_word,
    name_kind, org_shaped,
};
use crate::span::Span;

/// The contract's source classes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceClass {
    /// A person named in the story.
    NamedPerson,
    /// A named organisation, or people speaking for one as a body.
    NamedOrganization,
    /// A statement, report, filing, study, records.
    Document,
    /// An unnamed person or group described by role.
    Anonymous,
    /// Weasel sources: critics, some analysts, experts.
    Vague,
    /// No agent at all: it was reported, reportedly.
    Passive,
    /// A pronoun or description that points at nobody found.
    Unresolved,
}

impl SourceClass {
    /// The snake_case name used in JSON and rule files.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceClass::NamedPerson => "named_person",
            SourceClass::NamedOrganization => "named_organization",
            SourceClass::Document => "document",
            SourceClass::Anonymous => "anonymous",
            SourceClass::Vague => "vague",
            SourceClass::Passive => "passive",
            SourceClass::Unresolved => "unresolved",
        }
    }

    /// Parse a snake_case class name.
    pub fn parse(s: &str) -> Option<SourceClass> {
        Some(match s {
            "named_person" => SourceClass::NamedPerson,
            "named_organization" => SourceClass::NamedOrganization,
            "document" => SourceClass::Document,
            "anonymous" => SourceClass::Anonymous,
            "vague" => SourceClass::Vague,
            "passive" => SourceClass::Passive,
            "unresolved" => SourceClass::Unresolved,
            _ => return None,
        })
    }

    /// True for the named classes (person, organisation, document).
    pub fn is_named(self) -> bool {
        matches!(
            self,
            SourceClass::NamedPerson | SourceClass::NamedOrganization | SourceClass::Document
        )
    }
}

/// Who a quote or claim is attributed to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// The words at the attribution ("the official").
    pub text: String,
    /// View span of those words.
    pub span: Span,
    /// The class.
    pub class: SourceClass,
    /// The earlier full mention it resolves to ("a White House official").
    pub refers_to: Option<String>,
    /// Index of the mention this source is (for justification carried to later mentions).
    pub mention: Option<usize>,
}

/// An entity mentioned in the story that later words can point back to.
#[derive(Clone, Debug)]
pub struct Mention {
    /// Its full text ("Tom Reyes", "a White House official").
    pub text: String,
    /// Its class.
    pub class: SourceClass,
    /// Where it was mentioned (view offset).
    pub pos: usize,
    /// Its head noun, lowercase: a range of the resolver's [`Resolver::arena`].
    head: Option<(usize, usize)>,
    /// Its last word (people): a range of `text`.
    surname: Option<(usize, usize)>,
    /// Its role words: the first of its [`Resolver::roles`] nodes, or [`NO_ROLE`].
    roles: usize,
    /// Gender, number and animacy, for pronouns.
    agree: Agreement,
    /// It has spoken (a quote's or an attribution's source).
    speaker: bool,
    /// Who put it out (documents: "They released a statement").
    author: Option<usize>,
    /// View span of the first mention, where its words are exactly known.
    pub span: Option<Span>,
}

impl Mention {
    fn surname(&self) -> Option<&str> {
        self.surname.map(|(a, b)| &self.text[a..b])
    }
}

fn is_cap(w: &str) -> bool {
    match w.as_bytes().first() {
        Some(&b) if b < 0x80 => b.is_ascii_uppercase(),
        _ => w.chars().next().is_some_and(|c| c.is_uppercase()),
    }
}

/// A capitalised word (class bits `c`) that is part of a name, not a sentence-initial
/// determiner or count ("A", "The", "One", "Her").
fn is_name_word(lex: &Lexicon, i: usize, w: &str, c: u32) -> bool {
    if !is_cap(w) {
        return false;
    }
    // (Word sets fold case themselves.)
    !(i == 0 && (c & (C::COUNT | C::DEFINITE | C::PRONOUN) != 0 || lex.quantifiers.contains(w)))
}

/// `f` of the whitespace-separated words of `s` (the first eight), without allocating.
fn with_words<R>(s: &str, f: impl FnOnce(&[&str]) -> R) -> R {
    let mut buf = [""; 8];
    let mut n = 0;
    for w in s.split_whitespace().take(8) {
        buf[n] = w;
        n += 1;
    }
    f(&buf[..n])
}

/// The gender a person's name tells by its first name: the first word, or the second after a
/// capitalised description ("Saxophonist Delphine Morrow").
fn name_gender(name: &str) -> Option<Gender> {
    with_words(name, |w| {
        w.iter()
            .take(2.min(w.len().saturating_sub(1)).max(1))
            .find_map(|x| first_names().get(x))
            .and_then(|n| match n.gender {
                NameGender::Male => Some(Gender::Male),
                NameGender::Female => Some(Gender::Female),
                NameGender::Either => None,
            })
    })
}

/// Agreement of an organisation.
const ORGANIZATION: Agreement = Agreement {
    gender: None,
    plural: false,
    animacy: Animacy::Group,
};

/// Classifies speaker phrases in document order, remembering mentions for later resolution.
#[derive(Debug, Default)]
pub struct Resolver {
    /// Everything mentioned so far.
    pub mentions: Vec<Mention>,
    /// Mention indices by full text, surname and first word, for name lookups: keyed by the
    /// hash of the key ([`key_hash`]), whose text is a range of the first such mention's text.
    names: rustc_hash::FxHashMap<u64, Slot>,
    /// Keys whose hash an earlier, different key already had (in practice never).
    spill: rustc_hash::FxHashMap<String, Ids>,
    /// Every mention of every entity, in the order they were met ([`Touch`]).
    touches: Vec<Touch>,
    /// Sentences and paragraphs of the story, to place each mention.
    layout: Layout,
    /// Scratch space of the pronoun scoring.
    scorer: Scorer,
    /// Heads and role words of the mentions, lowercase, one after another.
    arena: String,
    /// Role words of the mentions: (range of `arena`, next node of the same mention), each
    /// mention's newest first.
    roles: Vec<((usize, usize), usize)>,
}

/// No (further) role node.
const NO_ROLE: usize = usize::MAX;

/// A name key of [`Resolver::names`]: its text (`text[start..end]` of mention `mention`) and
/// the mentions under it.
#[derive(Debug)]
struct Slot {
    mention: usize,
    start: usize,
    end: usize,
    ids: Ids,
}

/// The hash of a name key.
fn key_hash(key: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(key)
}

/// The byte range of the first whitespace-separated word of `s`
/// (`s.split_whitespace().next()`).
fn first_word(s: &str) -> Option<(usize, usize)> {
    let b = s.as_bytes();
    let ws = |c: u8| c == b' ' || (b'\t'..=b'\r').contains(&c);
    let start = b.iter().position(|&c| !ws(c))?;
    if b[start] >= 0x80 {
        return slow_first_word(s);
    }
    for (j, &c) in b.iter().enumerate().skip(start) {
        if c >= 0x80 {
            return slow_first_word(s);
        }
        if ws(c) {
            return Some((start, j));
        }
    }
    Some((start, b.len()))
}

fn slow_first_word(s: &str) -> Option<(usize, usize)> {
    s.split_whitespace().next().map(|w| {
        let start = w.as_ptr() as usize - s.as_ptr() as usize;
        (start, start + w.len())
    })
}

/// The byte range of the last whitespace-separated word of `s`
/// (`s.split_whitespace().last()`).
fn last_word(s: &str) -> Option<(usize, usize)> {
    let b = s.as_bytes();
    let ws = |c: u8| c == b' ' || (b'\t'..=b'\r').contains(&c);
    let end = b.iter().rposition(|&c| !ws(c))? + 1;
    if b[end - 1] >= 0x80 {
        return slow_last_word(s);
    }
    for j in (0..end).rev() {
        let c = b[j];
        if c >= 0x80 {
            return slow_last_word(s);
        }
        if ws(c) {
            return Some((j + 1, end));
        }
    }
    Some((0, end))
}

fn slow_last_word(s: &str) -> Option<(usize, usize)> {
    s.split_whitespace().next_back().map(|w| {
        let start = w.as_ptr() as usize - s.as_ptr() as usize;
        (start, start + w.len())
    })
}

/// Mention indices under one name key, oldest first: most keys name one mention, which then
/// needs no list of its own.
#[derive(Debug)]
enum Ids {
    One(usize),
    Many(Vec<usize>),
}

impl Ids {
    fn push(&mut self, i: usize) {
        match self {
            Ids::One(first) => *self = Ids::Many(vec![*first, i]),
            Ids::Many(v) => v.push(i),
        }
    }

    fn as_slice(&self) -> &[usize] {
        match self {
            Ids::One(i) => std::slice::from_ref(i),
            Ids::Many(v) => v,
        }
    }
}

/// How many recent mentions pronouns and descriptions look back over: antecedents are local,
/// and a bound keeps resolution linear in the length of the story.
const LOOKBACK: usize = 400;

/// How many mentions sharing one name (or surname, or first word) a lookup by name looks at,
/// the most recent first: real stories never come near it, and it bounds the work per lookup.
const NAME_SCAN: usize = 256;

impl Resolver {
    /// A resolver for a story with these sentences and paragraphs (view spans, in order).
    pub fn new(sentences: &[Span], paragraphs: &[Span]) -> Resolver {
        Resolver {
            layout: Layout::new(sentences, paragraphs),
            // A story mentions someone about twice a sentence.
            touches: Vec::with_capacity(sentences.len() * 2 + 8),
            ..Default::default()
        }
    }

    /// Record a mention of entity `i` at view offset `pos` in role `role`.
    fn touch(&mut self, i: usize, pos: usize, role: Role, spoke: bool) {
        self.touches.push(Touch {
            mention: i,
            pos,
            place: self.layout.place(pos),
            role,
            spoke,
        });
    }

    fn push(&mut self, m: Mention, role: Role) -> usize {
        let i = self.mentions.len();
        if i == 0 {
            // Most stories name dozens of people and bodies: start past the smallest sizes.
            self.mentions.reserve(32);
            self.touches.reserve(64);
            self.names.reserve(64);
            self.arena.reserve(512);
            self.roles.reserve(64);
        }
        let (pos, spoke) = (m.pos, m.speaker);
        self.mentions.push(m);
        self.touch(i, pos, role, spoke);
        let text = &self.mentions[i].text;
        // Keys: the text, the surname, the first word (a key repeating the one before it once).
        let mut prev: Option<&str> = None;
        for (start, end) in [
            Some((0, text.len())),
            self.mentions[i].surname,
            first_word(text),
        ]
        .into_iter()
        .flatten()
        {
            let k = &text[start..end];
            if prev == Some(k) {
                continue;
            }
            prev = Some(k);
            match self.names.entry(key_hash(k)) {
                std::collections::hash_map::Entry::Occupied(mut e) => {
                    let slot = e.get_mut();
                    if &self.mentions[slot.mention].text[slot.start..slot.end] == k {
                        slot.ids.push(i);
                    } else {
                        match self.spill.get_mut(k) {
                            Some(ids) => ids.push(i),
                            None => {
                                self.spill.insert(k.to_owned(), Ids::One(i));
                            }
                        }
                    }
                }
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(Slot {
                        mention: i,
                        start,
                        end,
                        ids: Ids::One(i),
                    });
                }
            }
        }
        i
    }

    /// Mentions indexed under `key`, oldest first: the most recent [`NAME_SCAN`] of them, so a
    /// story that repeats one source thousands of times ("Officials said...") stays linear.
    fn named(&self, key: &str) -> &[usize] {
        let all = match self.names.get(&key_hash(key)) {
            Some(slot) if self.mentions[slot.mention].text[slot.start..slot.end] == *key => {
                slot.ids.as_slice()
            }
            _ if self.spill.is_empty() => &[],
            _ => self.spill.get(key).map(Ids::as_slice).unwrap_or(&[]),
        };
        &all[all.len().saturating_sub(NAME_SCAN)..]
    }

    /// Copy `w`, lowercased, to the arena; its range there.
    fn lower_into_arena(&mut self, w: &str) -> (usize, usize) {
        let start = self.arena.len();
        if w.is_ascii() {
            self.arena.push_str(w);
            self.arena[start..].make_ascii_lowercase();
        } else {
            self.arena.push_str(&w.to_lowercase());
        }
        (start, self.arena.len())
    }

    /// Copy `w` to the arena; its range there.
    fn copy_into_arena(&mut self, w: &str) -> (usize, usize) {
        let start = self.arena.len();
        self.arena.push_str(w);
        (start, self.arena.len())
    }

    /// Add the arena range `r` to the role words whose first node is `first`; the new first.
    fn add_role(&mut self, first: usize, r: (usize, usize)) -> usize {
        self.roles.push((r, first));
        self.roles.len() - 1
    }

    /// Add `roles` and the roles their titles imply ([`Lexicon::with_title_roles`]) to the
    /// role words whose first node is `first`; the new first.
    fn add_roles(&mut self, lex: &Lexicon, mut first: usize, roles: &[String]) -> usize {
        for r in roles {
            let a = self.copy_into_arena(r);
            first = self.add_role(first, a);
        }
        for r in roles {
            if let Some(t) = lex.title_roles.get(r) {
                let a = self.copy_into_arena(t);
                first = self.add_role(first, a);
            }
        }
        first
    }

    /// The role words of mention `m` (in no particular order).
    fn roles_of(&self, m: &Mention) -> impl Iterator<Item = &str> + '_ {
        let mut at = m.roles;
        std::iter::from_fn(move || {
            let ((a, b), next) = *self.roles.get(at)?;
            at = next;
            Some(&self.arena[a..b])
        })
    }

    /// The head noun of mention `m`.
    fn head_of(&self, m: &Mention) -> Option<&str> {
        m.head.map(|(a, b)| &self.arena[a..b])
    }

    /// Recently mentioned entities, most recent first.
    fn recent(&self) -> impl Iterator<Item = usize> + '_ {
        self.touches.iter().rev().take(LOOKBACK).map(|t| t.mention)
    }

    /// Record an organisation named in prose (not as a speaker), for "the company" later.
    pub fn note_organization(&mut self, text: &str, pos: usize, role: Role) {
        if let Some(i) = self.named(text).iter().rev().copied().find(|&i| {
            let m = &self.mentions[i];
            m.class == SourceClass::NamedOrganization && m.text == text
        }) {
            self.touch(i, pos, role, false);
            return;
        }
        let last = last_word(text).map_or("", |(a, b)| &text[a..b]);
        let head = self.lower_into_arena(last.trim_end_matches('.'));
        self.push(
            Mention {
                text: text.to_owned(),
                class: SourceClass::NamedOrganization,
                pos,
                head: Some(head),
                surname: None,
                roles: NO_ROLE,
                agree: ORGANIZATION,
                speaker: false,
                author: None,
                span: None,
            },
            role,
        );
    }

    /// A document put out in the writer's prose (`head`: "statement", "tweet") at view offset
    /// `pos`: its author is the first subject of the sentence before it, so that a later "the
    /// statement said" refers to the author ("They released a statement").
    pub fn note_document(&mut self, head: &str, pos: usize) {
        let at = self.layout.place(pos);
        let author = self
            .touches
            .iter()
            .rev()
            .take(64)
            .filter(|t| t.pos <= pos)
            .take_while(|t| t.place.sentence == at.sentence)
            .filter(|t| {
                t.role == Role::Subject
                    && !matches!(
                        self.mentions[t.mention].class,
                        SourceClass::Document | SourceClass::Passive | SourceClass::Unresolved
                    )
            })
            .last()
            .map(|t| t.mention);
        let Some(author) = author else {
            return;
        };
        let h = self.lower_into_arena(head);
        self.push(
            Mention {
                text: format!("a {head}"),
                class: SourceClass::Document,
                pos,
                head: Some(h),
                surname: None,
                roles: NO_ROLE,
                agree: Agreement {
                    gender: None,
                    plural: false,
                    animacy: Animacy::Thing,
                },
                speaker: false,
                author: Some(author),
                span: None,
            },
            Role::Object,
        );
    }

    /// The author of the latest document with head noun `head` (lowercase) put out in prose.
    fn document_author(&self, head: &str) -> Option<usize> {
        self.recent()
            .find(|&i| {
                let m = &self.mentions[i];
                m.class == SourceClass::Document && self.head_of(m) == Some(head)
            })
            .and_then(|i| self.mentions[i].author)
    }

    /// A pronoun in the writer's prose ("He also visited the family"): resolved like a
    /// speaker's, it mentions its antecedent again, which keeps a chain of pronouns on the
    /// entity it follows.
    pub fn note_pronoun(&mut self, p: Pronoun, pos: usize, role: Role) {
        // (Only an antecedent met lately: a pronoun nothing near stands for is left alone.)
        if let Some((i, score)) = self.antecedent(p, pos)
            && score >= 10.0
        {
            self.touch(i, pos, role, false);
        }
    }

    /// The person a single name stands for: the first one named with that surname (a bare
    /// surname is the story's main bearer of it), else the latest with that first name.
    fn known_person(&self, word: &str) -> Option<usize> {
        let person = |m: &Mention| m.class == SourceClass::NamedPerson && m.text != word;
        let cands = self.named(word);
        cands
            .iter()
            .copied()
            .find(|&i| person(&self.mentions[i]) && self.mentions[i].surname() == Some(word))
            .or_else(|| {
                cands.iter().rev().copied().find(|&i| {
                    let m = &self.mentions[i];
                    person(m) && m.text.split_whitespace().next() == Some(word)
                })
            })
    }

    /// A one-word re-mention in prose of a person already known (by surname or first name):
    /// moves that person forward for pronoun resolution and learns a gender from a pronoun
    /// after it when the person is the clause's subject. `context` gives the word's role in
    /// its clause and the pronoun after it; it is asked only when the word names someone
    /// known, which most capitalised words do not.
    pub fn note_alias<'g>(
        &mut self,
        word: &str,
        pos: usize,
        context: impl FnOnce() -> (Role, Option<std::borrow::Cow<'g, str>>),
    ) {
        let lex = lexicon();
        if let Some(i) = self.known_person(word) {
            let (role, gender_hint) = context();
            self.touch(i, pos, role, false);
            let m = &mut self.mentions[i];
            m.pos = m.pos.max(pos);
            if m.agree.gender.is_none() && role == Role::Subject {
                m.agree.gender = gender_hint.and_then(|g| gender_of_word(lex, &g));
            }
        } else if let Some(i) = self.named(word).iter().rev().copied().find(|&i| {
            let m = &self.mentions[i];
            m.class == SourceClass::NamedOrganization
                && m.text.split_whitespace().next() == Some(word)
        }) {
            // A short name of an organisation: "Tallis" after "Tallis Logistics".
            let (role, _) = context();
            self.touch(i, pos, role, false);
        }
    }

    /// Record an unnamed source described in prose ("a union official at the mine, who spoke on
    /// condition of anonymity"), so a later "the official said" resolves to it.
    pub fn note_anonymous(&mut self, text: &str, head: &str, pos: usize, role: Role) {
        let lex = lexicon();
        let lower = self.lower_into_arena(head);
        let roles = self.add_role(NO_ROLE, lower);
        // "One of the victims" is one person.
        let one = text
            .split_whitespace()
            .next()
            .is_some_and(|w| w.eq_ignore_ascii_case("one"));
        self.push(
            Mention {
                text: text.to_owned(),
                class: SourceClass::Anonymous,
                pos,
                head: Some(lower),
                surname: None,
                roles,
                agree: Agreement {
                    gender: gender_of_word(lex, head),
                    plural: !one && (head.ends_with('s') || head == "people"),
                    animacy: Animacy::Person,
                },
                speaker: false,
                author: None,
                span: Some(Span::new(pos, pos + text.len())),
            },
            role,
        );
    }

    /// Record a group of people mentioned in prose (`text`, plural head noun `head`: "the
    /// researchers", "your fellow teammates") at view offset `pos`, for a later "they". A group
    /// after a determiner whose head a recent group shares ("The researchers found ... The
    /// researchers suggested") is that group again, unless words follow its head. It is vague
    /// when its head is a weasel word, or a population word without a determiner, as a
    /// speaker would be.
    pub fn note_group(&mut self, text: &str, head: &str, pos: usize, role: Role, determined: bool) {
        let lex = lexicon();
        let lower = head.to_lowercase();
        // (A description that goes on past its head, "the people writing the laws", is a
        // group of its own.)
        let bare = lower_ends_with(text, &lower);
        // (Its head is kept out of the mention's, so "the researchers said" is classified as
        // before rather than taken for this group; the group is known by its last word.)
        let again = (determined && bare)
            .then(|| {
                self.recent().find(|&i| {
                    let m = &self.mentions[i];
                    m.agree.plural
                        && m.head.is_none()
                        && m.span.is_some()
                        && matches!(m.class, SourceClass::Anonymous | SourceClass::Vague)
                        && lower_ends_with(&m.text, &lower)
                        && !m.text.eq_ignore_ascii_case(&lower)
                })
            })
            .flatten();
        if let Some(i) = again {
            self.touch(i, pos, role, false);
            return;
        }
        // ("the women" stays anonymous, as vague.yaml's groups have it; "the critics" and
        // bare "people" are vague.)
        let class = if lex.vague_heads.contains(&lower)
            || !determined && lex.vague_groups.contains(&lower)
        {
            SourceClass::Vague
        } else {
            SourceClass::Anonymous
        };
        self.push(
            Mention {
                text: text.to_owned(),
                class,
                pos,
                head: None,
                surname: None,
                roles: NO_ROLE,
                agree: Agreement {
                    gender: gender_of_word(lex, head),
                    plural: true,
                    animacy: Animacy::Person,
                },
                speaker: false,
                author: None,
                span: Some(Span::new(pos, pos + text.len())),
            },
            role,
        );
    }

    /// Record a person named in prose (not as a speaker), with the role words around the name
    /// and its role in the clause. A name whose words tell an organisation ("the UK
    /// Government", "Marine Bulletin") is recorded as one; a place or an event is not recorded.
    pub fn note_person(
        &mut self,
        name: &str,
        roles: &[String],
        gender_hint: Option<&str>,
        pos: usize,
        role: Role,
    ) {
        let lex = lexicon();
        let found = self.named(name).iter().rev().copied().find(|&i| {
            let m = &self.mentions[i];
            m.class == SourceClass::NamedPerson && (m.text == name || m.surname() == Some(name))
        });
        let hint = || {
            (role == Role::Subject)
                .then(|| gender_hint.and_then(|g| gender_of_word(lex, g)))
                .flatten()
        };
        if let Some(i) = found {
            let gender = roles.iter().find_map(|r| gender_of_word(lex, r));
            let gender = gender.or_else(hint);
            self.touch(i, pos, role, false);
            let first = self.add_roles(lex, self.mentions[i].roles, roles);
            let m = &mut self.mentions[i];
            m.pos = pos;
            m.roles = first;
            if m.agree.gender.is_none() {
                m.agree.gender = gender;
            }
            return;
        }
        let kind = with_words(name, |w| name_kind(lex, w, !roles.is_empty()));
        let animacy = match kind {
            NameKind::Person => Animacy::Person,
            NameKind::MaybePerson => Animacy::MaybePerson,
            NameKind::Organization => {
                self.note_organization(name, pos, role);
                return;
            }
            NameKind::Document | NameKind::Thing | NameKind::NotName => return,
        };
        // A first name tells more than a role word near the name ("fiancée of journalist
        // Jamal Khashoggi").
        let gender = name_gender(name)
            .or_else(|| roles.iter().find_map(|r| gender_of_word(lex, r)))
            .or_else(hint);
        let roles = self.add_roles(lex, NO_ROLE, roles);
        self.push(
            Mention {
                text: name.to_owned(),
                class: SourceClass::NamedPerson,
                pos,
                head: None,
                surname: last_word(name),
                roles,
                agree: Agreement {
                    gender,
                    plural: false,
                    animacy,
                },
                speaker: false,
                author: None,
                span: None,
            },
            role,
        );
    }

    /// Classify the speaker phrase `np` (with an optional appositive) found at view span `span`.
    pub fn classify(
        &mut self,
        np: &Words<'_>,
        appositive: Option<&Words<'_>>,
        span: Span,
    ) -> Source {
        let lex = lexicon();
        let g = grammar();
        let cl = classes();
        // Adverbs and auxiliaries left at the end are not part of the phrase: "He too",
        // "The Emergencies Ministry has".
        let keep = np.words.len()
            - np.words
                .iter()
                .rev()
                .take_while(|(w, _)| g.between_subject_and_verb.contains(w))
                .count()
                .min(np.words.len().saturating_sub(1));
        let np_words = &np.words[..keep];
        let words: Vec<&str> = np_words.iter().map(|(w, _)| *w).collect();
        let span = match (np_words.first(), np_words.last()) {
            (Some(a), Some(b)) => Span::new(a.1.start, b.1.end),
            _ => Span::new(span.start, span.start),
        };
        let phrase = join(&words);
        // Every use is a return: the phrase moves into the source.
        macro_rules! mk {
            ($class:expr, $refers_to:expr, $mention:expr) => {
                Source {
                    text: phrase,
                    span,
                    class: $class,
                    refers_to: $refers_to,
                    mention: $mention,
                }
            };
        }
        if words.is_empty() {
            return mk!(SourceClass::Unresolved, None, None);
        }
        // (Word sets fold case themselves: no lowercase copies for lookups. The hot lists
        // answer through one class lookup per word.)
        let first = words[0];
        let bits: Vec<u32> = words.iter().map(|w| cl.of(w)).collect();
        let app_words: Vec<&str> = appositive
            .map(|a| a.words.iter().map(|w| w.0).collect())
            .unwrap_or_default();

        // Pronouns.
        if words.len() == 1 && bits[0] & C::PRONOUN != 0 {
            return self.resolve_pronoun(lex, first, phrase, span);
        }
        // "somebody said": one unnamed person.
        if words.len() == 1 && lex.someone.contains(first) {
            return self.remember(
                mk!(SourceClass::Anonymous, None, None),
                "someone",
                false,
                &[],
            );
        }
        // "I", "So I", "Then I": the first person, with a connective the grammar took along.
        if is_first_person(lex, &words, &bits) {
            return self.resolve_pronoun(lex, "I", phrase, span);
        }

        // A name in the appositive beats a description before it:
        // "the head of the union, Maria Lopez, said"; "a company spokesman, Liam Beresford, said".
        // A lowercase head is a description: "The Sentinel's publisher, Anton Gries, wrote".
        let split = split_core(&words, &bits);
        let describes = words[..split]
            .last()
            .is_some_and(|w| !is_cap(strip_possessive(w)));
        if (describes || !has_name(lex, &words, &bits))
            && !app_words.is_empty()
            && let app_bits = app_words.iter().map(|w| cl.of(w)).collect::<Vec<u32>>()
            && has_name(lex, &app_words, &app_bits)
            && !is_org_name(lex, &app_words)
            && let Some((s, e)) = person_name(lex, &app_words, &app_bits)
            // The appositive is the name (a title before it at most), not a clause that
            // mentions one: "according to two officials, a move that angered Vestry workers".
            && app_words[..s].iter().all(|w| is_cap(w))
            && !app_words
                .iter()
                .any(|w| crate::attribution::grammar().relative_pronouns.contains(w))
        {
            let staged = self.stage(words.iter().chain(&app_words).copied(), true);
            return self.person_source(lex, join(&app_words[s..e]), staged, span, join(&app_words));
        }

        // "one of the people", "two of the officials": the group named by the last word.
        let (off, of_group) = match words.iter().position(|w| w.eq_ignore_ascii_case("of")) {
            Some(1) if bits[0] & C::COUNT != 0 && words.len() >= 3 => (2, true),
            _ => (0, false),
        };
        let one_of = of_group && lower_eq(words[0], "one");
        let (words, bits) = (&words[off..], &bits[off..]);
        let first = words[0];
        let split = if off == 0 {
            split
        } else {
            split_core(words, bits)
        };
        let (core, tail) = words.split_at(split);
        let head = core.last().copied().unwrap_or("");
        let head_s = strip_possessive(head);
        let head_l: std::borrow::Cow<str> =
            if head_s.is_ascii() && !head_s.bytes().any(|b| b.is_ascii_uppercase()) {
                std::borrow::Cow::Borrowed(head_s)
            } else {
                std::borrow::Cow::Owned(head_s.to_lowercase())
            };
        let head_l: &str = &head_l;
        let head_bits = cl.of(head_l);
        let tail_has_org = tail.iter().any(|w| is_cap(w));
        let definite = bits[0] & C::DEFINITE != 0
            || of_group
            || core
                .iter()
                .take(core.len().saturating_sub(1))
                .any(|w| w.ends_with("'s") || w.ends_with("’s"));
        let person_head = head_bits & (C::ROLE | C::ANON_HEAD) != 0
            || head_l
                .strip_suffix('s')
                .is_some_and(|h| cl.of(h) & (C::ROLE | C::ANON_HEAD) != 0);
        let anon_head = head_bits & C::ANON_HEAD != 0;
        let caps_inside = core
            .iter()
            .zip(bits)
            .enumerate()
            .any(|(i, (w, &c))| is_name_word(lex, i, w, c) && !is_title(lex, w));

        // Documents: the statement, a report, court records; "the statement" after "They
        // released a statement" is theirs.
        if lex.documents.contains(head_l) && !is_cap(head) {
            if definite && let Some(a) = self.document_author(head_l) {
                let refers = self.mentions[a].text.clone();
                return mk!(SourceClass::Document, Some(refers), None);
            }
            return self.remember(
                mk!(SourceClass::Document, None, None),
                head_l,
                false,
                &app_words,
            );
        }

        // Definite descriptions: the official, the company, her son, the South Africa captain,
        // and a title written as one ("the Prime Minister", "the Chief Executive"): every word
        // after the determiner capitalised, ending with a role or title.
        let title_form = is_cap(head)
            && core.len() >= 2
            && (head_bits & C::ROLE != 0 || is_title(lex, head))
            && core[1..].iter().all(|w| is_cap(w));
        if definite && (!is_cap(head) || title_form) && (core.len() >= 2 || of_group) {
            // An institution described in full ("the state housing office") or someone's
            // ("her office") names itself; only a bare "the company" points back.
            let names_itself = lex.org_generic.contains(head_l)
                && (core.len() >= 3 || bits[0] & C::PRONOUN != 0)
                && !lex.roles.contains(head_l);
            let found = if names_itself {
                None
            } else {
                let from = usize::from(bits[0] & C::DEFINITE != 0);
                let modifiers = core.get(from..core.len().saturating_sub(1)).unwrap_or(&[]);
                self.resolve_description(lex, head_l, modifiers)
            };
            if let Some(i) = found {
                let m = &self.mentions[i];
                let refers = m.text.clone();
                let class = m.class;
                self.mentions[i].speaker = true;
                return mk!(class, Some(refers), Some(i));
            }
            // An institution named by its description: "the state attorney general's office",
            // "her office" (the office of someone named), "the Harlan police department".
            let possessor = bits[0] & C::PRONOUN != 0;
            if lex.org_generic.contains(head_l)
                && (tail_has_org || caps_inside || core.len() >= 3 || possessor)
            {
                return self.remember(
                    mk!(SourceClass::NamedOrganization, None, None),
                    head_l,
                    false,
                    &app_words,
                );
            }
            if !caps_inside || !person_head {
                // "one of the users": one of a group of people.
                let people = person_head
                    || head_l.ends_with('s')
                        && !lex.org_generic.contains(head_l)
                        && !lex.documents.contains(head_l);
                if people && of_group {
                    // "One of the victims" is one person; "two of the officials" are two.
                    return self.remember(
                        mk!(SourceClass::Anonymous, None, None),
                        head_l,
                        !one_of,
                        &app_words,
                    );
                }
                // One unnamed person by role with no one to point back to ("the seller", "your
                // friend", "the family"): somebody the text does not name. A plural ("the
                // researchers") with no antecedent stays unresolved: usually the story's own.
                if person_head && !caps_inside && !head_l.ends_with('s') {
                    return self.remember(
                        mk!(SourceClass::Anonymous, None, None),
                        head_l,
                        false,
                        &app_words,
                    );
                }
                return mk!(SourceClass::Unresolved, None, None);
            }
        }

        // Vague quantifiers standing alone: many, some. A bare population with no determiner
        // or count ("people say", "Women would tell me"): a vague group, not somebody.
        if words.len() == 1 && (lex.standalone.contains(first) || lex.vague_groups.contains(first))
        {
            // A population stays a mention for "they" after it ("People ask ... and they say").
            if lex.vague_groups.contains(first) {
                let head = first.to_lowercase();
                return self.remember(mk!(SourceClass::Vague, None, None), &head, true, &[]);
            }
            return mk!(SourceClass::Vague, None, None);
        }

        // A role, its portfolio and the holder's name: "former secretary of state Ada
        // Morrow" (with capitals, "Mayor of London Sadiq Khan", below).
        if split < words.len()
            && portfolio_then_name(words, bits, split)
            && let Some((s, e)) = person_name(lex, &words[split..], &bits[split..])
        {
            let staged = self.stage(app_words.iter().copied().chain(core.iter().copied()), true);
            let name = join(&words[split + s..split + e]);
            return self.person_source(lex, name, staged, span, phrase);
        }
        if !is_cap(head) || anon_head || lex.vague_heads.contains(head_l) {
            let plural = head_l.ends_with('s') || head_l == "people";
            // People speaking for a named body: a spokeswoman for the Port Authority,
            // economists at the Federal Reserve, a Downing Street spokesman.
            let for_body = tail_has_org
                && tail
                    .first()
                    .is_some_and(|p| ["for", "at", "from", "of"].iter().any(|l| lower_eq(p, l)));
            let spokes = g.speaks_for_body.contains(head_l);
            // A capitalised name before the head names the body: "a Woolworths spokesperson",
            // "a Downing Street spokesman" (not a sentence's "A" or a title).
            let body_modifier = || {
                core.len() >= 2
                    && core[..core.len() - 1]
                        .iter()
                        .zip(bits)
                        .enumerate()
                        .any(|(i, (w, c))| {
                            is_cap(w)
                                && c & (C::DEFINITE | C::COUNT | C::PRONOUN) == 0
                                && !(i == 0 && lex.not_names.contains(w))
                                && !is_title(lex, w)
                        })
            };
            let vague_first = bits[0] & C::COUNT == 0 && lex.quantifiers.contains(first);
            if lex.vague_heads.contains(head_l) && !anon_head || (vague_first && !for_body) {
                let class = if for_body {
                    SourceClass::NamedOrganization
                } else {
                    SourceClass::Vague
                };
                return self.remember(mk!(class, None, None), head_l, plural, &app_words);
            }
            // "A spokesperson for the retailer": the body described, named earlier.
            if spokes
                && !for_body
                && tail.len() >= 2
                && ["for", "at", "of"].iter().any(|l| lower_eq(tail[0], l))
                && let Some(body) = tail.last().map(|w| w.to_lowercase())
                && lex.org_generic.contains(&body)
                && let Some(i) = self.resolve_description(lex, &body, &[])
                && self.mentions[i].class == SourceClass::NamedOrganization
            {
                let refers = self.mentions[i].text.clone();
                self.mentions[i].speaker = true;
                self.touch(i, span.start, Role::Subject, true);
                return mk!(SourceClass::NamedOrganization, Some(refers), Some(i));
            }
            if person_head || lex.vague_heads.contains(head_l) {
                // Institutional voices among the people heads ("prosecutors from the district
                // attorney's office", "authorities at the port") speak for the body they name.
                let institutional = for_body && lex.org_generic.contains(head_l);
                // A spokesperson for the family or estate of a person the story names ("died,
                // according to a family spokesperson") speaks for them on the record.
                let household = |w: &&str| {
                    g.represented_households
                        .contains(&strip_possessive(w).to_lowercase())
                };
                let for_household = spokes
                    && (core[..core.len() - 1].iter().any(household)
                        || tail.len() >= 2
                            && ["for", "of"].iter().any(|l| lower_eq(tail[0], l))
                            && tail.last().is_some_and(household))
                    && self
                        .mentions
                        .iter()
                        .any(|m| m.class == SourceClass::NamedPerson);
                let class =
                    if spokes && (for_body || body_modifier()) || institutional || for_household {
                        SourceClass::NamedOrganization
                    } else {
                        SourceClass::Anonymous
                    };
                return self.remember(mk!(class, None, None), head_l, plural, &app_words);
            }
            if lex.org_generic.contains(head_l) {
                // Institutional nouns: police said, the state attorney general's office said.
                return self.remember(
                    mk!(SourceClass::NamedOrganization, None, None),
                    head_l,
                    plural,
                    &app_words,
                );
            }
            if !is_cap(head) && bits[0] & C::COUNT != 0 {
                // An unnamed person described by any role: a banker, a shopper from Tacoma.
                return self.remember(
                    mk!(SourceClass::Anonymous, None, None),
                    head_l,
                    plural,
                    &app_words,
                );
            }
            if !caps_inside {
                return mk!(SourceClass::Unresolved, None, None);
            }
        }

        // Names.
        if is_org_name(lex, core) {
            let last = core
                .last()
                .map(|w| w.trim_end_matches('.').to_lowercase())
                .unwrap_or_default();
            return self.remember(
                mk!(SourceClass::NamedOrganization, None, None),
                &last,
                false,
                &app_words,
            );
        }
        if core.len() == 1 && bits[0] & (C::DEFINITE | C::COUNT | C::PRONOUN) == 0 {
            // A short name of an organisation named earlier: "Tallis" after "Tallis Logistics".
            if let Some(i) = self.named(core[0]).iter().rev().copied().find(|&i| {
                let m = &self.mentions[i];
                m.class == SourceClass::NamedOrganization
                    && m.text.split_whitespace().next() == Some(core[0])
                    && m.text != core[0]
            }) {
                let refers = self.mentions[i].text.clone();
                self.mentions[i].speaker = true;
                return mk!(SourceClass::NamedOrganization, Some(refers), Some(i));
            }
        }
        if let Some((s, e)) = person_name(lex, core, bits) {
            // What the name's words tell: "Marine Bulletin" and "Belarusian KGB" are
            // organisations, "the 14th Amendment" a document, "Six" no name at all.
            let titled = core[..s]
                .iter()
                .any(|w| is_title(lex, w) || cl.of(w) & (C::ROLE | C::ANON_HEAD) != 0);
            // "the official news agency Xinhua", "the carmaker Fiat": a body's name.
            let described_body = s > 0
                && !is_cap(core[s - 1])
                && lex.org_generic.contains(core[s - 1])
                && cl.of(core[s - 1]) & (C::ROLE | C::ANON_HEAD) == 0;
            let kind = if described_body {
                NameKind::Organization
            } else {
                self.speaker_name_kind(lex, &core[s..e], &bits[s..e], titled)
            };
            let class = match kind {
                NameKind::NotName => return mk!(SourceClass::Unresolved, None, None),
                NameKind::Organization | NameKind::Thing => Some(SourceClass::NamedOrganization),
                NameKind::Document => Some(SourceClass::Document),
                NameKind::Person | NameKind::MaybePerson => None,
            };
            if let Some(class) = class {
                let last = core[e - 1].trim_end_matches('.').to_lowercase();
                return self.remember(mk!(class, None, None), &last, false, &app_words);
            }
            let staged = self.stage(
                app_words.iter().copied().chain(
                    core.iter()
                        .filter(|w| !is_cap(w) || is_title(lex, w))
                        .copied(),
                ),
                true,
            );
            return self.person_source(lex, join(&core[s..e]), staged, span, phrase);
        }
        // A title or role before a name in a linking phrase: "Mayor of London Sadiq Khan".
        if words.last().is_some_and(|w| is_cap(w))
            && let Some((s, e)) = person_name(lex, words, bits)
            && e - s >= 2
            && !is_org_name(lex, &words[s..e])
        {
            let staged = self.stage(app_words.iter().copied(), true);
            return self.person_source(lex, join(&words[s..e]), staged, span, phrase);
        }
        mk!(SourceClass::Unresolved, None, None)
    }

    /// Append `words` (lowercased with `lower`) to the arena as role nodes chained to one
    /// another (the first ends the chain); the range of the new nodes.
    fn stage<'s>(
        &mut self,
        words: impl IntoIterator<Item = &'s str>,
        lower: bool,
    ) -> (usize, usize) {
        let a = self.roles.len();
        for w in words {
            let r = if lower {
                self.lower_into_arena(w)
            } else {
                self.copy_into_arena(w)
            };
            let next = if self.roles.len() == a {
                NO_ROLE
            } else {
                self.roles.len() - 1
            };
            self.roles.push((r, next));
        }
        (a, self.roles.len())
    }

    /// Put the staged role nodes `a..b` ([`Resolver::stage`]), and the roles their titles
    /// imply ([`Lexicon::with_title_roles`]), in front of the role list `first`; the new first.
    fn attach(&mut self, lex: &Lexicon, first: usize, (a, b): (usize, usize)) -> usize {
        if a == b {
            return first;
        }
        self.roles[a].1 = first;
        let mut first = b - 1;
        for n in a..b {
            let (x, y) = self.roles[n].0;
            if let Some(t) = lex.title_roles.get(&self.arena[x..y]) {
                let r = self.copy_into_arena(t);
                first = self.add_role(first, r);
            }
        }
        first
    }

    /// What the capitalised name `words` (class bits `bits`; `titled` when a title or role
    /// word stands before it) of a speaker names. A single word shaped like a company's name
    /// that is no first name and no person met before is an organisation ("GitHub said",
    /// "Biden-Harris wrote"); a capitalised
    /// participle or determiner that opens a sentence is no name ("Having", "The").
    fn speaker_name_kind(
        &self,
        lex: &Lexicon,
        words: &[&str],
        bits: &[u32],
        titled: bool,
    ) -> NameKind {
        let kind = name_kind(lex, words, titled);
        if words.len() != 1 || titled || kind != NameKind::MaybePerson {
            return kind;
        }
        let w = strip_possessive(words[0]);
        if lex.document_heads.contains(w) {
            // "Section 1 says", "the Constitution reads".
            return NameKind::Document;
        }
        if bits[0] & (C::DEFINITE | C::COUNT | C::PRONOUN) != 0
            || lower_ends_with(w, "ing") && w.len() > 5
        {
            return NameKind::NotName;
        }
        let known = self.known_person(w).is_some()
            || self.named(w).iter().any(|&i| {
                let m = &self.mentions[i];
                m.class == SourceClass::NamedPerson && m.text == w
            });
        if !known && first_names().get(w).is_none() && org_shaped(w) {
            NameKind::Organization
        } else {
            NameKind::Person
        }
    }

    /// The gender the staged role nodes `a..b` tell (the first that tells one).
    fn staged_gender(&self, lex: &Lexicon, (a, b): (usize, usize)) -> Option<Gender> {
        (a..b).find_map(|n| {
            let (x, y) = self.roles[n].0;
            gender_of_word(lex, &self.arena[x..y])
        })
    }

    /// The source `text` at `span` naming the person `name` (with the staged role words
    /// `roles`): a named person, resolved as [`Resolver::named_person`] resolves it.
    fn person_source(
        &mut self,
        lex: &Lexicon,
        name: String,
        roles: (usize, usize),
        span: Span,
        text: String,
    ) -> Source {
        let (refers_to, mention) = self.named_person(lex, name, roles, span);
        Source {
            text,
            span,
            class: SourceClass::NamedPerson,
            refers_to,
            mention: Some(mention),
        }
    }

    /// The person `name` speaking at `span`, with the staged role words `roles`: what the
    /// source refers to, and its mention.
    fn named_person(
        &mut self,
        lex: &Lexicon,
        name: String,
        roles: (usize, usize),
        span: Span,
    ) -> (Option<String>, usize) {
        let surname = last_word(&name);
        let found = self
            .named(&name)
            .iter()
            .rev()
            .copied()
            .find(|&i| {
                self.mentions[i].class == SourceClass::NamedPerson && self.mentions[i].text == name
            })
            .or_else(|| {
                // A surname or a first name alone: the earlier full mention.
                let (a, b) = surname?;
                first_word(&name)
                    .is_some_and(|f| f.0 == a)
                    .then(|| self.known_person(&name[a..b]))
                    .flatten()
            });
        if let Some(i) = found {
            self.touch(i, span.start, Role::Subject, true);
            let gender = self.staged_gender(lex, roles);
            let first = self.attach(lex, self.mentions[i].roles, roles);
            let m = &mut self.mentions[i];
            m.roles = first;
            m.speaker = true;
            m.pos = span.start;
            if m.agree.gender.is_none() {
                m.agree.gender = gender;
            }
            let refers = (m.text != name).then(|| m.text.clone());
            return (refers, i);
        }
        let titled = roles.0 != roles.1;
        let gender = self
            .staged_gender(lex, roles)
            .or_else(|| name_gender(&name));
        let animacy = match with_words(&name, |w| name_kind(lex, w, titled)) {
            NameKind::MaybePerson => Animacy::MaybePerson,
            _ => Animacy::Person,
        };
        let first = self.attach(lex, NO_ROLE, roles);
        let i = self.push(
            Mention {
                text: name,
                class: SourceClass::NamedPerson,
                pos: span.start,
                head: None,
                surname,
                roles: first,
                agree: Agreement {
                    gender,
                    plural: false,
                    animacy,
                },
                speaker: true,
                author: None,
                span: Some(span),
            },
            Role::Subject,
        );
        (None, i)
    }

    /// Remember the unnamed source `s` (head noun `head`, lowercase), with the appositive's
    /// words as roles.
    fn remember(&mut self, mut s: Source, head: &str, plural: bool, app: &[&str]) -> Source {
        let lex = lexicon();
        let staged = self.stage(app.iter().copied(), true);
        let gender = self
            .staged_gender(lex, staged)
            .or_else(|| gender_of_word(lex, head));
        let h = self.copy_into_arena(head);
        let first = self.add_role(
            if staged.0 == staged.1 {
                NO_ROLE
            } else {
                staged.1 - 1
            },
            h,
        );
        let animacy = match s.class {
            SourceClass::NamedOrganization => Animacy::Group,
            SourceClass::Document | SourceClass::Passive | SourceClass::Unresolved => {
                Animacy::Thing
            }
            SourceClass::NamedPerson | SourceClass::Anonymous | SourceClass::Vague => {
                Animacy::Person
            }
        };
        let i = self.push(
            Mention {
                text: s.text.clone(),
                class: s.class,
                pos: s.span.start,
                head: Some(h),
                surname: None,
                roles: first,
                agree: Agreement {
                    gender,
                    plural: plural && animacy == Animacy::Person,
                    animacy,
                },
                speaker: true,
                author: None,
                span: Some(s.span),
            },
            Role::Subject,
        );
        s.mention = Some(i);
        s
    }

    /// The mention a description with head noun `head` (and `modifiers`, the words between
    /// its determiner and its head) points back to.
    fn resolve_description(&self, lex: &Lexicon, head: &str, modifiers: &[&str]) -> Option<usize> {
        let singular = head.strip_suffix('s').unwrap_or(head);
        let same = |h: &str| h == head || h == singular || h.strip_suffix('s') == Some(singular);
        if lex.org_generic.contains(head) && !lex.roles.contains(head) {
            // "the company", "the ministry": the latest organisation, preferring one whose
            // name ends with the same word.
            let org = |i: &usize| self.mentions[*i].class == SourceClass::NamedOrganization;
            return self
                .recent()
                .find(|i| org(i) && self.head_of(&self.mentions[*i]).is_some_and(same))
                .or_else(|| self.recent().find(org));
        }
        self.recent()
            .find(|&i| self.head_of(&self.mentions[i]).is_some_and(same))
            .or_else(|| {
                // Role words of named people: "the spokeswoman" after "Jane Doe, a spokeswoman".
                // Among several, the one whose title has the description's words and no word
                // that makes it another office ("the Prime Minister" is not the "Deputy Prime
                // Minister" named last).
                (lex.roles.contains(head) || lex.kin.contains(head))
                    .then(|| {
                        let people: Vec<usize> = self
                            .recent()
                            .filter(|&i| {
                                let m = &self.mentions[i];
                                m.class == SourceClass::NamedPerson && self.roles_of(m).any(same)
                            })
                            .collect();
                        let has = |m: &Mention, w: &str| {
                            self.roles_of(m).any(|r| r.eq_ignore_ascii_case(w))
                        };
                        let same_office = |i: &usize| {
                            let m = &self.mentions[*i];
                            modifiers.iter().all(|w| has(m, w))
                                && !self.roles_of(m).any(|r| {
                                    lex.lesser_offices.contains(r)
                                        && !modifiers.iter().any(|w| w.eq_ignore_ascii_case(r))
                                })
                        };
                        people
                            .iter()
                            .copied()
                            .find(same_office)
                            .or_else(|| people.first().copied())
                    })
                    .flatten()
            })
    }

    /// The entity pronoun `p` at view offset `pos` stands for: the most salient agreeing one
    /// ([`Scorer::best`]). Named people qualify, and unnamed ones who have spoken (an unnamed
    /// person only described in prose, "a nurse trying to reach her mother", is there for "the
    /// nurse"), groups of people, and for "they" and "it" organisations and documents.
    fn antecedent(&mut self, p: Pronoun, pos: usize) -> Option<(usize, f32)> {
        let at = self.layout.place(pos);
        let mentions = &self.mentions;
        let fit = |i: usize| {
            let m = &mentions[i];
            let person = matches!(
                m.class,
                SourceClass::NamedPerson | SourceClass::Anonymous | SourceClass::Vague
            );
            // Documents speak only as "it" when they were a source; "I" is someone named
            // (the story's interviewee), not "somebody" met in passing.
            if m.class == SourceClass::Document && !m.speaker
                || p == Pronoun::First && m.class != SourceClass::NamedPerson
            {
                return None;
            }
            // An unnamed person only described in prose ("a nurse trying to reach her mother")
            // is there mostly for "the nurse"; as the subject just before, "she" may be her.
            let described = person && m.class != SourceClass::NamedPerson && !m.speaker;
            p.fit(m.agree, person, m.speaker)
                .map(|f| if described { f * 0.6 } else { f })
        };
        self.scorer.best(&self.touches, pos, at, LOOKBACK, fit)
    }

    fn resolve_pronoun(&mut self, lex: &Lexicon, p: &str, text: String, span: Span) -> Source {
        let pronoun = Pronoun::of(lex, p);
        let found = pronoun.and_then(|p| self.antecedent(p, span.start).map(|(i, _)| i));
        match found {
            Some(i) => {
                self.touch(i, span.start, Role::Subject, true);
                // A speaker's pronoun tells the gender of who it stands for.
                let m = &mut self.mentions[i];
                if m.agree.gender.is_none()
                    && matches!(m.agree.animacy, Animacy::Person | Animacy::MaybePerson)
                {
                    m.agree.gender = pronoun.and_then(Pronoun::gender);
                }
                let m = &self.mentions[i];
                Source {
                    text,
                    span,
                    class: m.class,
                    refers_to: Some(m.text.clone()),
                    mention: Some(i),
                }
            }
            None => Source {
                text,
                span,
                class: SourceClass::Unresolved,
                refers_to: None,
                mention: None,
            },
        }
    }
}

/// A speaker phrase that is the first person: "I", or "I" after words that open a sentence
/// ("So I", "Then I", "Every time I"), with auxiliaries after it ("I can", "I've").
fn is_first_person(lex: &Lexicon, words: &[&str], bits: &[u32]) -> bool {
    let is_i = |w: &str| {
        w == "I"
            || ["I'", "I’"]
                .iter()
                .any(|p| w.strip_prefix(p).is_some_and(|r| r.len() <= 2))
    };
    let Some(k) = words.iter().position(|w| is_i(w)) else {
        return false;
    };
    words[..k]
        .iter()
        .zip(bits)
        .all(|(w, &c)| !is_cap(w) || lex.not_names.contains(w) || c & (C::DEFINITE | C::COUNT) != 0)
        && words[k + 1..].iter().all(|w| !is_cap(w))
}

fn join(words: &[&str]) -> String {
    words.join(" ")
}

/// `w.to_lowercase().ends_with(suffix)` for a lowercase `suffix`, without the copy for ASCII
/// words (whose lowercase is ASCII, so a suffix beyond ASCII never matches one).
fn lower_ends_with(w: &str, suffix: &str) -> bool {
    if w.is_ascii() {
        w.len() >= suffix.len()
            && w.as_bytes()[w.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
    } else {
        w.to_lowercase().ends_with(suffix)
    }
}

/// `w.to_lowercase() == lower` for a lowercase ASCII `lower`, without the copy for ASCII words.
fn lower_eq(w: &str, lower: &str) -> bool {
    if w.is_ascii() {
        w.eq_ignore_ascii_case(lower)
    } else {
        w.to_lowercase() == lower
    }
}

/// Where a phrase (words with their class bits) splits into its core and the tail after a
/// linking preposition or knowledge phrase: "a spokeswoman | for the Port Authority",
/// "people | familiar with the matter".
fn split_core(words: &[&str], bits: &[u32]) -> usize {
    for (i, (w, &c)) in words.iter().zip(bits).enumerate().skip(1) {
        // A participle after a noun starts a modifier: "a study | published in June".
        let participle = || {
            (lower_ends_with(w, "ed") || lower_ends_with(w, "ing"))
                && !words[i - 1].starts_with(char::is_uppercase)
                && lexicon().documents.contains(words[i - 1])
        };
        if !crate::lexicon::is_acronym(w)
            && c & (C::PHRASE_LINK | C::PHRASE_STOP | C::RELATIVE) != 0
            || participle()
        {
            return i;
        }
    }
    words.len()
}

/// True when `words[i]` ("of") joins a role to its portfolio and the phrase ends in a name
/// that starts with a first name: "former secretary of state Ada Morrow", "minister of
/// health Ana Ruiz". The name is the person's, and the phrase one description of them.
fn portfolio_then_name(words: &[&str], bits: &[u32], i: usize) -> bool {
    if i == 0 || !words[i].eq_ignore_ascii_case("of") || bits[i - 1] & C::ROLE == 0 {
        return false;
    }
    // One or two lowercase portfolio words, then capitalised words to the end.
    let Some(n) = words[i + 1..]
        .iter()
        .position(|w| w.starts_with(char::is_uppercase))
        .map(|k| i + 1 + k)
    else {
        return false;
    };
    (i + 2..=i + 3).contains(&n)
        && words.len() - n >= 2
        && words[n..].iter().all(|w| w.starts_with(char::is_uppercase))
        && first_names().get(words[n]).is_some()
}

/// Some word of `words` (with their class bits) is part of a name.
fn has_name(lex: &Lexicon, words: &[&str], bits: &[u32]) -> bool {
    words.iter().zip(bits).enumerate().any(|(i, (w, &c))| {
        is_name_word(lex, i, w, c) && c & (C::ANON_HEAD | C::PRONOUN) == 0 && !is_title(lex, w)
    })
}

/// `lex.titles.contains(w)` for a word `w` (no spaces; the set's filter answers most words).
fn is_title(lex: &Lexicon, w: &str) -> bool {
    lex.titles.contains(w)
}

fn is_org_name(lex: &Lexicon, words: &[&str]) -> bool {
    if words.is_empty() {
        return false;
    }
    // The words have no spaces: "the " starts the joined words when "the" is the first of
    // several.
    let body = if words.len() >= 2 && matches!(words[0], "the" | "The") {
        &words[1..]
    } else {
        words
    };
    let named = |ws: &[&str], outlets: bool| {
        lex.org_names.may_hold_words(ws) && {
            let joined = join(ws);
            lex.bodies.contains(&joined) || (outlets && lex.outlets.contains(&joined))
        }
    };
    // Firms named for partners: "Harbor & Pine", "Merrow & Finch".
    if named(body, true)
        || words
            .windows(3)
            .any(|w| is_cap(w[0]) && w[1] == "&" && is_cap(w[2]))
    {
        return true;
    }
    let suffix = |w: &str| {
        lex.org_suffixes.contains(w) || lex.org_suffixes.contains(w.trim_end_matches('.'))
    };
    // Organisation names end with their suffix (Harbor Bank, Acme Corp.) or put it before "of"
    // (Bank of England); a title word inside a person's name does not count (Board member Ana Ruiz).
    if words.last().is_some_and(|w| suffix(strip_possessive(w)))
        || words.windows(2).any(|p| p[1] == "of" && suffix(p[0]))
    {
        return true;
    }
    if matches!(words.first(), Some(&"the") | Some(&"The"))
        && words.len() >= 2
        && words[1..].iter().all(|w| is_cap(w) || w.len() <= 3)
    {
        return true;
    }
    if words.len() == 1 {
        let w = words[0];
        if w.len() >= 2
            && w.chars()
                .all(|c| c.is_uppercase() || c == '.' || c == '&' || c.is_ascii_digit())
        {
            return true;
        }
    }
    // Names that end with a known multi-word body: "the Brazilian Foreign Ministry".
    // (Every proper suffix of two words or more, looked up whole.)
    (1..body.len().saturating_sub(1)).any(|k| named(&body[k..], false))
}

/// The personal name in `words` (with their class bits; titles dropped), if the words are a
/// name: the range of its words.
fn person_name(lex: &Lexicon, words: &[&str], bits: &[u32]) -> Option<(usize, usize)> {
    let particle = |i: usize| bits[i] & C::NAME_PARTICLE != 0;
    // The last run of capitalised words is the name: "Defense attorney Frank Adebayo",
    // "U.S. special envoy Steve Witkoff".
    let mut i = (0..words.len())
        .rposition(|i| !(is_cap(words[i]) || particle(i)))
        .map(|p| p + 1)
        .unwrap_or(0);
    if i >= words.len() {
        i = 0;
    }
    // Inside the run, the name follows the last title: "Dry Fork Mayor Lorna Whitcomb"; a
    // title may start before the run: "Secretary of State Mike Pompeo".
    if let Some(t) = (i.saturating_sub(3)..words.len())
        .rev()
        .find(|&t| title_len(lex, &words[t..]).is_some_and(|n| t + n < words.len() && t + n > i))
    {
        i = t + title_len(lex, &words[t..]).unwrap_or(1);
    }
    // Skip leading determiners and lowercase role words before a name: "Coach Ana Ruiz",
    // "former Sen. Maria Okonkwo", "U.S. special envoy Steve Witkoff".
    while i < words.len() {
        let w = words[i];
        if is_cap(w) && !is_title(lex, w) && !title_prefix(lex, &words[i..]) {
            break;
        }
        if let Some(n) = title_len(lex, &words[i..]) {
            i += n;
        } else {
            i += 1;
        }
    }
    let start = i;
    while i < words.len() && (is_cap(words[i]) || particle(i)) {
        i += 1;
    }
    while i > start && particle(i - 1) {
        i -= 1;
    }
    (i > start).then_some((start, i))
}

/// First words of the lexicon's titles of more than one word ("Prime" of "Prime Minister"):
/// only words like these can start a title longer than one word.
static MULTI_WORD_TITLE_STARTS: std::sync::LazyLock<NameSet> = std::sync::LazyLock::new(|| {
    let firsts: Vec<String> = lexicon()
        .titles
        .iter()
        .filter_map(|t| t.split_once(' ').map(|(first, _)| first.to_owned()))
        .collect();
    NameSet::new(&firsts)
});

/// How many of the first words (up to four) form a title, longest first.
fn title_len(lex: &Lexicon, words: &[&str]) -> Option<usize> {
    let max = 4.min(words.len());
    if max == 0 {
        return None;
    }
    if max >= 2 && MULTI_WORD_TITLE_STARTS.contains(words[0]) {
        // The words contain no spaces, so a title of n words can only be the first n joined.
        let joined = join(&words[..max]);
        let mut end = joined.len();
        for n in (2..=max).rev() {
            if lex.titles.contains(&joined[..end]) {
                return Some(n);
            }
            end -= words[n - 1].len() + 1;
        }
    }
    (max >= 1 && lex.titles.contains(words[0])).then_some(1)
}

fn title_prefix(lex: &Lexicon, words: &[&str]) -> bool {
    // A capitalised title followed by more capitalised words: "Prime Minister Ana Ruiz".
    title_len(lex, words).is_some_and(|n| n < words.len() && is_cap(words[n]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn portfolio_needs_a_role_before_its_of() {
        // A phrase that opens with "of" has no role before it (and must not index before 0).
        let words = ["of", "state", "Ada", "Morrow"];
        assert!(!portfolio_then_name(&words, &[0; 4], 0));
        let words = ["secretary", "of", "state", "Ada", "Morrow"];
        let bits = [C::ROLE, 0, 0, 0, 0];
        assert!(portfolio_then_name(&words, &bits, 1));
    }

    #[test]
    fn word_ranges_match_split_whitespace() {
        for s in [
            "",
            "   ",
            "Tom",
            " Tom Reyes ",
            "Tom\tReyes\n",
            "a\u{0b}b",
            "Ana\u{a0}Ruiz",
            "José Ruiz",
            "\u{2003}Ruiz\u{2003}",
            "A B  C",
        ] {
            let at = |r: Option<(usize, usize)>| r.map(|(a, b)| &s[a..b]);
            assert_eq!(at(first_word(s)), s.split_whitespace().next(), "{s:?}");
            assert_eq!(at(last_word(s)), s.split_whitespace().last(), "{s:?}");
        }
    }
}
