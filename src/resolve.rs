//! The model behind pronoun resolution: every time an entity is mentioned it leaves a
//! [`Touch`] (where: sentence and paragraph; how: its grammatical [`Role`]; whether it spoke),
//! every entity carries [`Agreement`] features (gender, number, [`Animacy`]), and a pronoun
//! takes the agreeing entity with the highest salience ([`Scorer::best`]): the sum over its
//! recent touches of a weight for the role (subjects over objects over possessives), halved for
//! each sentence back and lowered for each paragraph back (after Lappin and Leass, 1994).
//!
//! "Rouhani was speaking at the opening of Sacred Defence Week, an annual commemoration of the
//! Iran–Iraq War. ... he said": Rouhani is the subject; the war is an event, never "he".

use crate::lexicon::{Lexicon, NameGender, first_names, strip_possessive};
use crate::span::Span;

/// A person's gender, as a title, a role word, a first name or an earlier pronoun tells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gender {
    /// he, him, his.
    Male,
    /// she, her, hers.
    Female,
}

/// What kind of thing a mention is, as far as pronouns care.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Animacy {
    /// A person, known by a title, a role word or a common first name.
    Person,
    /// A name that nothing tells apart from a person's (many foreign names).
    MaybePerson,
    /// An organisation, team, party, newspaper or country: "it" or "they", never "he".
    Group,
    /// A place, an event, a law: no speaker's antecedent at all.
    Thing,
}

/// The grammatical role of one mention in its clause.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// The subject: it opens its sentence or clause, or it is the speaker of a quote.
    Subject,
    /// A direct object or another noun phrase in the clause.
    Object,
    /// After a preposition: "pardoned by Trump", "in Tillman County".
    Oblique,
    /// A possessor: "Mohammad's admission".
    Possessive,
}

impl Role {
    /// The role of a name from its context: whether it opens its sentence, follows a comma or
    /// a word that opens a clause, follows a preposition, or ends with a possessive.
    pub fn from_context(opens_clause: bool, after_preposition: bool, possessive: bool) -> Role {
        if possessive {
            Role::Possessive
        } else if opens_clause {
            Role::Subject
        } else if after_preposition {
            Role::Oblique
        } else {
            Role::Object
        }
    }

    /// Salience the role adds to a mention (after Lappin and Leass's subject, accusative and
    /// oblique emphasis, with the subject weighing more: a news story's sentences keep their
    /// topic as subject; a possessor is not the head of its phrase and gets none).
    fn weight(self) -> f32 {
        match self {
            Role::Subject => 100.0,
            Role::Object => 30.0,
            Role::Oblique => 10.0,
            Role::Possessive => 0.0,
        }
    }
}

/// An entity's agreement features.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Agreement {
    /// Its gender, when known.
    pub gender: Option<Gender>,
    /// A group of people ("two officials", "the researchers").
    pub plural: bool,
    /// What it is.
    pub animacy: Animacy,
}

/// Where a word stands: its sentence and paragraph (indices in the story).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Place {
    /// Sentence index.
    pub sentence: u32,
    /// Paragraph index.
    pub paragraph: u32,
}

/// The sentence and paragraph starts of a story, to place any view offset.
#[derive(Clone, Debug, Default)]
pub struct Layout {
    sentences: Vec<usize>,
    paragraphs: Vec<usize>,
    /// The last place asked and where its sentence and paragraph end: mentions come mostly in
    /// document order, and most are placed without a search.
    last: std::cell::Cell<(Place, usize, usize)>,
}

impl Layout {
    /// The layout of a story with these sentences and paragraphs (view spans, in order).
    pub fn new(sentences: &[Span], paragraphs: &[Span]) -> Layout {
        Layout {
            sentences: sentences.iter().map(|s| s.start).collect(),
            paragraphs: paragraphs.iter().map(|p| p.start).collect(),
            last: std::cell::Cell::new((Place::default(), 0, 0)),
        }
    }

    /// The place of view offset `pos`.
    pub fn place(&self, pos: usize) -> Place {
        let (last, sentence_end, paragraph_end) = self.last.get();
        let start = |starts: &[usize], i: u32| starts.get(i as usize).copied().unwrap_or(0);
        if pos < sentence_end
            && pos < paragraph_end
            && pos >= start(&self.sentences, last.sentence)
            && pos >= start(&self.paragraphs, last.paragraph)
        {
            return last;
        }
        let index = |starts: &[usize]| {
            let i = starts.partition_point(|&s| s <= pos).saturating_sub(1);
            (
                u32::try_from(i).unwrap_or(u32::MAX),
                starts.get(i + 1).copied().unwrap_or(usize::MAX),
            )
        };
        let (sentence, sentence_end) = index(&self.sentences);
        let (paragraph, paragraph_end) = index(&self.paragraphs);
        let place = Place {
            sentence,
            paragraph,
        };
        self.last.set((place, sentence_end, paragraph_end));
        place
    }
}

/// How much of a mention's salience is left one sentence later. Lappin and Leass halve it;
/// news keeps one topic for many sentences, and with halving a story's main figure, named in
/// every sentence, outweighs the subject of the sentence just before ("Biden called Trump's
/// action a betrayal. He described it as ..."): the steeper decay leaves the sum of an old
/// topic's mentions below the last subject's.
const SENTENCE_DECAY: f32 = 0.4;

/// How much is left one paragraph later.
const PARAGRAPH_DECAY_STEP: f32 = 0.6;

/// `step` to the powers 0 to 40.
const fn powers(step: f32) -> [f32; 41] {
    let mut out = [1.0f32; 41];
    let mut i = 1;
    while i < 41 {
        out[i] = out[i - 1] * step;
        i += 1;
    }
    out
}

/// [`SENTENCE_DECAY`] to the power of the sentences back (up to 40).
static DECAY: [f32; 41] = powers(SENTENCE_DECAY);

/// [`PARAGRAPH_DECAY_STEP`] to the power of the paragraphs back (up to 40).
static PARAGRAPH_DECAY: [f32; 41] = powers(PARAGRAPH_DECAY_STEP);

/// One mention of an entity.
#[derive(Clone, Copy, Debug)]
pub struct Touch {
    /// The entity (an index into the resolver's mentions).
    pub mention: usize,
    /// View offset.
    pub pos: usize,
    /// Its sentence and paragraph.
    pub place: Place,
    /// Its role there.
    pub role: Role,
    /// It spoke there (the speaker of a quote or an attribution).
    pub spoke: bool,
}

impl Touch {
    /// The salience this mention gives its entity seen from `at`: its role's weight (and a
    /// speaker's), times [`SENTENCE_DECAY`] for each sentence back and lowered by two fifths
    /// for each paragraph.
    /// In the pronoun's own sentence an oblique or a possessor weighs little: "Speaking to
    /// Martin Smith, he said", "Cengiz called Mohammad's admission a maneuver. She ...".
    pub fn salience(&self, at: Place) -> f32 {
        let back = at.sentence.saturating_sub(self.place.sentence).min(40);
        let paragraphs = at.paragraph.saturating_sub(self.place.paragraph).min(40);
        let base = 100.0 + self.role.weight() + if self.spoke { 40.0 } else { 0.0 };
        let aside = if back == 0 && matches!(self.role, Role::Oblique | Role::Possessive) {
            0.3
        } else {
            1.0
        };
        base * aside * DECAY[back as usize] * PARAGRAPH_DECAY[paragraphs as usize]
    }
}

/// What a pronoun asks of its antecedent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pronoun {
    /// he, him, his: a man.
    Male,
    /// she, her: a woman.
    Female,
    /// they, them: a group or an organisation.
    Plural,
    /// it, its: an organisation or a document.
    Neuter,
    /// I, me: the passage's speaker.
    First,
}

impl Pronoun {
    /// The pronoun `w` is, if any (any case).
    pub fn of(lex: &Lexicon, w: &str) -> Option<Pronoun> {
        if lex.male.contains(w) {
            Some(Pronoun::Male)
        } else if lex.female.contains(w) {
            Some(Pronoun::Female)
        } else if lex.plural.contains(w) {
            Some(Pronoun::Plural)
        } else if lex.neuter.contains(w) {
            Some(Pronoun::Neuter)
        } else if w == "I" || lex.first_person.contains(w) && w != "i" {
            Some(Pronoun::First)
        } else {
            None
        }
    }

    /// The gender it asks for.
    pub fn gender(self) -> Option<Gender> {
        match self {
            Pronoun::Male => Some(Gender::Male),
            Pronoun::Female => Some(Gender::Female),
            _ => None,
        }
    }

    /// How well an entity with features `a` (of a person or not: `person`; having spoken:
    /// `spoke`) fits this pronoun: a weight on its salience, `None` when it cannot be meant.
    pub fn fit(self, a: Agreement, person: bool, spoke: bool) -> Option<f32> {
        match self {
            Pronoun::Male | Pronoun::Female => {
                if !person || a.plural {
                    return None;
                }
                let animacy = match a.animacy {
                    Animacy::Person => 1.0,
                    Animacy::MaybePerson => 0.7,
                    Animacy::Group | Animacy::Thing => return None,
                };
                let gender = match a.gender {
                    Some(g) if Some(g) == self.gender() => 1.0,
                    Some(_) => return None,
                    None => 0.65,
                };
                Some(animacy * gender)
            }
            Pronoun::Plural => match a.animacy {
                _ if person && a.plural => Some(1.0),
                Animacy::Group if spoke => Some(0.8),
                Animacy::Group => Some(0.4),
                _ => None,
            },
            Pronoun::Neuter => match a.animacy {
                Animacy::Group | Animacy::Thing if !person => Some(if spoke { 1.0 } else { 0.5 }),
                _ => None,
            },
            Pronoun::First => (person && !a.plural && a.animacy != Animacy::Group)
                .then_some(if spoke { 1.0 } else { 0.6 }),
        }
    }
}

/// How many sentences back a touch still counts once some entity fits (its weight has fallen
/// below a two-hundredth by then).
const HORIZON: u32 = 6;

/// The one scoring step, with its scratch space kept between pronouns.
#[derive(Debug, Default)]
pub struct Scorer {
    /// Salience so far (of sentences done), by entity.
    totals: Vec<f32>,
    /// The greatest salience of an entity's mentions in the sentence being summed, and that
    /// sentence: an entity counts once per sentence (a speaker and its name at one place are
    /// one mention).
    current: Vec<(f32, u32)>,
    /// The fit of each entity seen (0 when it cannot be meant), by entity.
    fits: Vec<f32>,
    /// Entities seen this time, most recent first.
    seen: Vec<usize>,
}

impl Scorer {
    /// The entity a pronoun at view offset `pos` (place `at`) most likely means: over the last
    /// `lookback` touches before it, the agreeing entity (`fit` gives each entity's weight, or
    /// `None`) with the greatest summed salience (and that salience); of equals, the most
    /// recently mentioned.
    pub fn best(
        &mut self,
        touches: &[Touch],
        pos: usize,
        at: Place,
        lookback: usize,
        mut fit: impl FnMut(usize) -> Option<f32>,
    ) -> Option<(usize, f32)> {
        let mut any = false;
        for t in touches.iter().rev().take(lookback) {
            if t.pos > pos {
                continue;
            }
            if any && at.sentence.saturating_sub(t.place.sentence) > HORIZON {
                break;
            }
            let m = t.mention;
            if m >= self.totals.len() {
                self.totals.resize(m + 1, 0.0);
                self.current.resize(m + 1, (0.0, u32::MAX));
                self.fits.resize(m + 1, -1.0);
            }
            if self.fits[m] < 0.0 {
                self.fits[m] = fit(m).unwrap_or(0.0);
                self.seen.push(m);
            }
            if self.fits[m] > 0.0 {
                any = true;
                let s = t.salience(at) * self.fits[m];
                let (best, sentence) = &mut self.current[m];
                if *sentence == t.place.sentence {
                    *best = best.max(s);
                } else {
                    self.totals[m] += *best;
                    (*best, *sentence) = (s, t.place.sentence);
                }
            }
        }
        let mut best: Option<(usize, f32)> = None;
        for &m in &self.seen {
            let s = self.totals[m] + self.current[m].0;
            if self.fits[m] > 0.0 && best.is_none_or(|(_, b)| s > b) {
                best = Some((m, s));
            }
        }
        for &m in &self.seen {
            self.totals[m] = 0.0;
            self.current[m] = (0.0, u32::MAX);
            self.fits[m] = -1.0;
        }
        self.seen.clear();
        best
    }
}

/// What a capitalised name (titles dropped) names, by its words alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameKind {
    /// A person: its first word is a common first name.
    Person,
    /// Probably a person: a rare first name, or nothing tells.
    MaybePerson,
    /// An organisation: a party, a team, a newspaper, a country, an acronym.
    Organization,
    /// A law or a text: the 14th Amendment, Article 2, Section 1.
    Document,
    /// A place or an event: Tillman County, the Iraq War.
    Thing,
    /// Not a name at all: a count or a connective that opens a sentence (Six, First, So).
    NotName,
}

/// A word written in capitals (KGB, CNN), not a Roman numeral (II, IV) or initials (J.R.).
fn is_acronym(w: &str) -> bool {
    let w = strip_possessive(w);
    let letters = w.bytes().filter(u8::is_ascii_alphabetic).count();
    letters >= 2
        && w.bytes()
            .all(|b| b.is_ascii_uppercase() || b == b'&' || b == b'-')
        && !w.bytes().all(|b| matches!(b, b'I' | b'V' | b'X'))
        && !matches!(w, "JR" | "SR")
}

/// What the capitalised name `words` (titles already dropped) names. `titled` when a title or
/// a role word stands with it ("Mr.", "the spokeswoman"): that makes it a person.
pub fn name_kind(lex: &Lexicon, words: &[&str], titled: bool) -> NameKind {
    // Letters after the name (QC, PhD) tell nothing of it.
    let n = words.len()
        - words
            .iter()
            .rev()
            .take_while(|w| lex.post_nominals.contains(w))
            .count()
            .min(words.len().saturating_sub(1));
    let words = &words[..n];
    let (Some(&first), Some(&last)) = (words.first(), words.last()) else {
        return NameKind::NotName;
    };
    let last = strip_possessive(last);
    if words.len() == 1 && lex.not_names.contains(strip_possessive(first)) {
        return NameKind::NotName;
    }
    let name = first_names().get(first);
    if name.is_some_and(|n| n.common) {
        return NameKind::Person;
    }
    let suffix = |w: &str| {
        lex.org_suffixes.contains(w) || lex.org_suffixes.contains(w.trim_end_matches('.'))
    };
    if lex.document_heads.contains(last) && words.len() >= 2 {
        return NameKind::Document;
    }
    // (Before a title near the name: "the National Congress, President Alberto Fernández".)
    if words.len() >= 2
        && (lex.work_heads.contains(last) || lex.group_words.contains(last) || suffix(last))
        || lex.places.contains(last)
        || is_acronym(last)
    {
        return NameKind::Organization;
    }
    if titled {
        return NameKind::Person;
    }
    if words.len() >= 2 && (lex.event_heads.contains(last) || lex.place_heads.contains(last)) {
        return NameKind::Thing;
    }
    if name.is_some() {
        return NameKind::Person;
    }
    NameKind::MaybePerson
}

/// A single word shaped like a company's or a campaign's name rather than a surname: a
/// capital inside it after a lowercase letter (GitHub, YouTube; not McCain, DeSantis, O'Neill),
/// capitalised parts joined by a hyphen (Biden-Harris), or a digit (3M).
pub fn org_shaped(word: &str) -> bool {
    let w = strip_possessive(word);
    let b = w.as_bytes();
    if b.iter().any(u8::is_ascii_digit) && b.iter().any(u8::is_ascii_alphabetic) {
        return true;
    }
    if let Some((a, z)) = w.split_once('-') {
        return a.starts_with(|c: char| c.is_uppercase())
            && z.starts_with(|c: char| c.is_uppercase())
            && !z.contains('-');
    }
    // A surname prefix before an inner capital: Mc, Mac, De, Di, Da, Du, La, Le, Van, Von.
    let prefix = [
        "Mc", "Mac", "De", "Di", "Da", "Du", "La", "Le", "Van", "Von", "Fitz",
    ]
    .iter()
    .any(|p| {
        w.strip_prefix(p)
            .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_uppercase()))
    });
    !prefix
        && b.windows(2)
            .skip(1)
            .any(|p| p[0].is_ascii_lowercase() && p[1].is_ascii_uppercase())
}

/// The gender a first name tells (natural case: "Grace"), when it tells one.
pub fn first_name_gender(word: &str) -> Option<Gender> {
    match first_names().get(word)?.gender {
        NameGender::Male => Some(Gender::Male),
        NameGender::Female => Some(Gender::Female),
        NameGender::Either => None,
    }
}

/// The gender a title or role word tells ("Mr.", "spokeswoman").
pub fn gender_of_word(lex: &Lexicon, r: &str) -> Option<Gender> {
    let r = r.trim_end_matches('.');
    if lex.male_words.contains(r) {
        Some(Gender::Male)
    } else if lex.female_words.contains(r) {
        Some(Gender::Female)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::lexicon;

    fn place(sentence: u32, paragraph: u32) -> Place {
        Place {
            sentence,
            paragraph,
        }
    }

    fn touch(mention: usize, pos: usize, sentence: u32, role: Role) -> Touch {
        Touch {
            mention,
            pos,
            place: place(sentence, sentence),
            role,
            spoke: false,
        }
    }

    const PERSON: Agreement = Agreement {
        gender: None,
        plural: false,
        animacy: Animacy::Person,
    };

    #[test]
    fn the_subject_outranks_a_later_object() {
        // "Kessler, the lawyer representing Brennan, claimed ... He told the board":
        // Kessler (0) is the subject, Brennan (1) an object mentioned after him.
        let touches = [touch(0, 0, 0, Role::Subject), touch(1, 30, 0, Role::Object)];
        let mut s = Scorer::default();
        let best = s.best(&touches, 100, place(1, 1), 400, |_| {
            Pronoun::Male.fit(PERSON, true, false)
        });
        assert_eq!(best.map(|b| b.0), Some(0));
    }

    #[test]
    fn recency_outweighs_an_old_subject() {
        // A subject four sentences back loses to the subject of the sentence before.
        let touches = [
            touch(0, 0, 0, Role::Subject),
            touch(1, 50, 3, Role::Subject),
        ];
        let mut s = Scorer::default();
        let best = s.best(&touches, 100, place(4, 4), 400, |_| {
            Pronoun::Female.fit(PERSON, true, false)
        });
        assert_eq!(best.map(|b| b.0), Some(1));
    }

    #[test]
    fn agreement_filters_before_salience() {
        // "Cengiz called Mohammad's admission ... She explained": a man cannot be "she".
        let man = Agreement {
            gender: Some(Gender::Male),
            ..PERSON
        };
        let touches = [
            touch(0, 0, 0, Role::Subject),
            touch(1, 20, 0, Role::Subject),
        ];
        let mut s = Scorer::default();
        let best = s.best(&touches, 100, place(1, 1), 400, |m| {
            Pronoun::Female.fit(if m == 1 { man } else { PERSON }, true, false)
        });
        assert_eq!(best.map(|b| b.0), Some(0));
        // The scratch space is clean for the next pronoun.
        let best = s.best(&touches, 100, place(1, 1), 400, |_| None);
        assert_eq!(best.map(|b| b.0), None);
    }

    #[test]
    fn organisations_are_they_or_it_never_he() {
        let org = Agreement {
            gender: None,
            plural: false,
            animacy: Animacy::Group,
        };
        assert_eq!(Pronoun::Male.fit(org, false, true), None);
        assert!(Pronoun::Plural.fit(org, false, true).is_some());
        assert!(Pronoun::Neuter.fit(org, false, true).is_some());
        assert_eq!(Pronoun::Neuter.fit(PERSON, true, true), None);
    }

    #[test]
    fn layout_places_offsets() {
        let l = Layout::new(
            &[Span::new(0, 10), Span::new(11, 20), Span::new(21, 30)],
            &[Span::new(0, 20), Span::new(21, 30)],
        );
        assert_eq!(l.place(5), place(0, 0));
        assert_eq!(l.place(15), place(1, 0));
        assert_eq!(l.place(25), place(2, 1));
        assert_eq!(Layout::default().place(25), place(0, 0));
    }

    #[test]
    fn names_by_their_words() {
        let lex = lexicon();
        let kind = |s: &str| name_kind(lex, &s.split(' ').collect::<Vec<_>>(), false);
        assert_eq!(kind("Iraq War"), NameKind::Thing);
        assert_eq!(kind("Tillman County"), NameKind::Thing);
        assert_eq!(kind("Doris Day"), NameKind::Person);
        assert_eq!(kind("Marine Bulletin"), NameKind::Organization);
        assert_eq!(kind("Belarusian KGB"), NameKind::Organization);
        assert_eq!(kind("Northern Ireland"), NameKind::Organization);
        assert_eq!(kind("Liberal Democrats"), NameKind::Organization);
        assert_eq!(kind("UK Government"), NameKind::Organization);
        assert_eq!(kind("14th Amendment"), NameKind::Document);
        assert_eq!(kind("Six"), NameKind::NotName);
        assert_eq!(kind("Hatice Cengiz"), NameKind::MaybePerson);
        assert_eq!(kind("Grant Shapps"), NameKind::Person);
        assert_eq!(kind("John Smith III"), NameKind::Person);
        assert_eq!(kind("Hatice Melly QC"), NameKind::MaybePerson);
        assert_eq!(kind("It's"), NameKind::NotName);
        assert!(org_shaped("GitHub") && org_shaped("Biden-Harris") && org_shaped("3M"));
        assert!(!org_shaped("McCain") && !org_shaped("DeSantis") && !org_shaped("Petrakis"));
    }

    #[test]
    fn first_names_tell_gender() {
        assert_eq!(first_name_gender("Grace"), Some(Gender::Female));
        assert_eq!(first_name_gender("Mohammad"), Some(Gender::Male));
        assert_eq!(first_name_gender("Agnès"), Some(Gender::Female));
        assert_eq!(first_name_gender("Jordan"), None);
        assert_eq!(first_name_gender("Iraq"), None);
        assert!(first_names().len() > 10_000);
    }

    #[test]
    fn roles_from_context() {
        assert_eq!(Role::from_context(true, false, false), Role::Subject);
        assert_eq!(Role::from_context(false, true, false), Role::Oblique);
        assert_eq!(Role::from_context(true, false, true), Role::Possessive);
        assert_eq!(Role::from_context(false, false, false), Role::Object);
    }
}
