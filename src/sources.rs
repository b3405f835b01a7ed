//! Source classes, and the resolver that classifies speaker phrases and links pronouns and
//! descriptions ("he", "the official", "the company") to their earlier mention.

use std::collections::HashSet;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use crate::lexicon::{Lexicon, lexicon};
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

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Gender {
    Male,
    Female,
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
    head: Option<String>,
    surname: Option<String>,
    roles: Vec<String>,
    plural: bool,
    gender: Option<Gender>,
    speaker: bool,
}

/// Words of a phrase with their view spans.
#[derive(Clone, Debug)]
pub struct Words<'a> {
    /// (word, view span).
    pub words: Vec<(&'a str, Span)>,
}

impl<'a> Words<'a> {
    /// Split `text` (starting at view offset `base`) into words, dropping punctuation.
    pub fn new(text: &'a str, base: usize) -> Self {
        let mut words = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices() {
            let part = c.is_alphanumeric()
                || ((c == '.' || c == '\'' || c == '’' || c == '-' || c == '&') && start.is_some());
            match (part, start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    words.push(trim_word(text, s, i, base));
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            words.push(trim_word(text, s, text.len(), base));
        }
        words.retain(|(w, _)| !w.is_empty());
        Words { words }
    }
}

fn trim_word(text: &str, s: usize, e: usize, base: usize) -> (&str, Span) {
    let mut w = &text[s..e];
    // A trailing period stays only on abbreviations and initials (U.S., Sen., J.).
    while let Some(stripped) = w.strip_suffix(['\'', '’', '-']) {
        w = stripped;
    }
    if w.ends_with('.') {
        let lex = lexicon();
        let keep = lex.abbreviations.contains(w)
            || lex.titles.contains(w)
            || (w.len() == 2 && w.starts_with(|c: char| c.is_uppercase()))
            || w[..w.len() - 1].contains('.');
        if !keep {
            w = w.trim_end_matches('.');
        }
    }
    (w, Span::new(base + s, base + s + w.len()))
}

fn is_cap(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_uppercase())
}

fn strip_possessive(w: &str) -> &str {
    w.strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .unwrap_or(w)
}

struct Grammar {
    definite: HashSet<String>,
    particles: HashSet<String>,
}

static GRAMMAR: LazyLock<Grammar> = LazyLock::new(|| {
    let g = crate::attribution::grammar();
    Grammar {
        definite: g.definite.iter().map(|s| s.to_lowercase()).collect(),
        particles: g.name_particles.iter().cloned().collect(),
    }
});

/// Classifies speaker phrases in document order, remembering mentions for later resolution.
#[derive(Debug, Default)]
pub struct Resolver {
    /// Everything mentioned so far.
    pub mentions: Vec<Mention>,
}

impl Resolver {
    /// Record an organisation named in prose (not as a speaker), for "the company" later.
    pub fn note_organization(&mut self, text: &str, pos: usize) {
        let last = text.split_whitespace().last().unwrap_or("");
        self.mentions.push(Mention {
            text: text.to_owned(),
            class: SourceClass::NamedOrganization,
            pos,
            head: Some(last.trim_end_matches('.').to_lowercase()),
            surname: None,
            roles: Vec::new(),
            plural: false,
            gender: None,
            speaker: false,
        });
    }

    /// Record a person named in prose (not as a speaker), with the role words around the name.
    pub fn note_person(&mut self, name: &str, roles: &[String], pos: usize) {
        if self
            .mentions
            .iter()
            .any(|m| m.class == SourceClass::NamedPerson && m.text == name)
        {
            return;
        }
        let lex = lexicon();
        let surname = name.split_whitespace().last().map(str::to_owned);
        self.mentions.push(Mention {
            text: name.to_owned(),
            class: SourceClass::NamedPerson,
            pos,
            head: None,
            surname,
            roles: roles.to_vec(),
            plural: false,
            gender: gender_of(lex, roles),
            speaker: false,
        });
    }

    /// Classify the speaker phrase `np` (with an optional appositive) found at view span `span`.
    pub fn classify(
        &mut self,
        np: &Words<'_>,
        appositive: Option<&Words<'_>>,
        span: Span,
    ) -> Source {
        let lex = lexicon();
        let g = &*GRAMMAR;
        let words: Vec<&str> = np.words.iter().map(|(w, _)| *w).collect();
        let text = np
            .words
            .first()
            .zip(np.words.last())
            .map(|(a, b)| (a.1.start, b.1.end))
            .map(|(s, e)| (s, e))
            .unwrap_or((span.start, span.start));
        let span = Span::new(text.0, text.1);
        let phrase = join(&words);
        let mk = |class, refers_to: Option<String>, mention| Source {
            text: phrase.clone(),
            span,
            class,
            refers_to,
            mention,
        };
        if words.is_empty() {
            return mk(SourceClass::Unresolved, None, None);
        }
        let first = words[0].to_lowercase();
        let app_roles: Vec<String> = appositive
            .map(|a| a.words.iter().map(|(w, _)| w.to_lowercase()).collect())
            .unwrap_or_default();

        // Pronouns.
        if words.len() == 1 && lex.is_pronoun(&first) {
            return self.resolve_pronoun(lex, &first, phrase.clone(), span);
        }

        // A name in the appositive beats a description before it:
        // "the head of the union, Maria Lopez, said".
        if let Some(app) = appositive {
            if !has_name(lex, &words)
                && has_name(lex, &app.words.iter().map(|w| w.0).collect::<Vec<_>>())
            {
                let mut roles: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
                roles.extend(app_roles.iter().cloned());
                let app_words: Vec<&str> = app.words.iter().map(|w| w.0).collect();
                if let Some(name) = person_name(lex, g, &app_words) {
                    let s = self.named_person(lex, &name, &roles, span);
                    return Source {
                        text: join(&app_words),
                        ..s
                    };
                }
            }
        }

        let (core, tail) = split_core(lex, &words);
        let head = core.last().copied().unwrap_or("");
        let head_l = strip_possessive(head).to_lowercase();
        let tail_has_org = tail.iter().any(|w| is_cap(w));

        // Definite descriptions: the official, the company, her son, the statement.
        if g.definite.contains(&first)
            && core.len() >= 2
            && !core[1..]
                .iter()
                .any(|w| is_cap(w) && !lex.titles.contains(*w))
        {
            if lex.documents.contains(&head_l) {
                return self.remember(
                    mk(SourceClass::Document, None, None),
                    &head_l,
                    false,
                    &app_roles,
                );
            }
            if let Some(i) = self.resolve_description(lex, &head_l) {
                let m = &self.mentions[i];
                let refers = m.text.clone();
                let class = m.class;
                self.mentions[i].speaker = true;
                return mk(class, Some(refers), Some(i));
            }
            if lex.org_generic.contains(&head_l) && tail_has_org {
                return self.remember(
                    mk(SourceClass::NamedOrganization, None, None),
                    &head_l,
                    false,
                    &app_roles,
                );
            }
            return mk(SourceClass::Unresolved, None, None);
        }

        // Documents: a statement, court records, the filing.
        if lex.documents.contains(&head_l) && !is_cap(head) {
            return self.remember(
                mk(SourceClass::Document, None, None),
                &head_l,
                false,
                &app_roles,
            );
        }

        // Vague quantifiers standing alone or leading: many, some analysts.
        if lex.standalone.contains(&first) && words.len() == 1 {
            return mk(SourceClass::Vague, None, None);
        }

        if !is_cap(head)
            || lex.anon_heads.contains(&head_l)
            || lex.vague_heads.contains(&head_l)
            || lex.roles.contains(&head_l)
        {
            let plural = head_l.ends_with('s') || head_l == "people";
            // People speaking for a named body: a spokeswoman for the Port Authority,
            // economists at the Federal Reserve.
            let speaks_for_body = tail_has_org
                && tail.first().is_some_and(|p| {
                    matches!(p.to_lowercase().as_str(), "for" | "at" | "from" | "of")
                })
                && !lex.knowledge.is_match(&join(tail));
            if lex.vague_heads.contains(&head_l) && !lex.anon_heads.contains(&head_l) {
                let class = if speaks_for_body {
                    SourceClass::NamedOrganization
                } else {
                    SourceClass::Vague
                };
                return self.remember(mk(class, None, None), &head_l, plural, &app_roles);
            }
            if lex.quantifiers.contains(&first) && !lex.counts.contains(&first) {
                return self.remember(
                    mk(SourceClass::Vague, None, None),
                    &head_l,
                    plural,
                    &app_roles,
                );
            }
            if lex.anon_heads.contains(&head_l)
                || lex.roles.contains(&head_l)
                || lex.kin.contains(&head_l)
            {
                let spokes = head_l.starts_with("spokes")
                    || head_l == "representative"
                    || head_l == "representatives";
                let class = if speaks_for_body && spokes {
                    SourceClass::NamedOrganization
                } else {
                    SourceClass::Anonymous
                };
                return self.remember(mk(class, None, None), &head_l, plural, &app_roles);
            }
            if lex.org_generic.contains(&head_l) {
                // Bare institutional nouns: police said, prosecutors said.
                return self.remember(
                    mk(SourceClass::NamedOrganization, None, None),
                    &head_l,
                    plural,
                    &app_roles,
                );
            }
            if core.iter().any(|w| is_cap(w)) {
                // Falls through to names below.
            } else {
                return mk(SourceClass::Unresolved, None, None);
            }
        }

        // Names.
        if is_org_name(lex, &words) {
            let s = mk(SourceClass::NamedOrganization, None, None);
            let last = core
                .last()
                .map(|w| w.trim_end_matches('.').to_lowercase())
                .unwrap_or_default();
            return self.remember(s, &last, false, &app_roles);
        }
        if let Some(name) = person_name(lex, g, &core) {
            let mut roles = app_roles.clone();
            roles.extend(
                core.iter()
                    .filter(|w| lex.titles.contains(**w))
                    .map(|w| w.to_lowercase()),
            );
            let s = self.named_person(lex, &name, &roles, span);
            return Source {
                text: phrase.clone(),
                ..s
            };
        }
        mk(SourceClass::Unresolved, None, None)
    }

    fn named_person(&mut self, lex: &Lexicon, name: &str, roles: &[String], span: Span) -> Source {
        let parts: Vec<&str> = name.split_whitespace().collect();
        if parts.len() == 1 {
            // A surname alone: the earlier full mention.
            if let Some(i) = self.mentions.iter().rposition(|m| {
                m.class == SourceClass::NamedPerson
                    && m.surname.as_deref() == Some(parts[0])
                    && m.text != name
            }) {
                self.mentions[i].speaker = true;
                return Source {
                    text: name.to_owned(),
                    span,
                    class: SourceClass::NamedPerson,
                    refers_to: Some(self.mentions[i].text.clone()),
                    mention: Some(i),
                };
            }
        }
        if let Some(i) = self
            .mentions
            .iter()
            .rposition(|m| m.class == SourceClass::NamedPerson && m.text == name)
        {
            self.mentions[i].speaker = true;
            self.mentions[i].pos = span.start;
            self.mentions[i].roles.extend(roles.iter().cloned());
            return Source {
                text: name.to_owned(),
                span,
                class: SourceClass::NamedPerson,
                refers_to: None,
                mention: Some(i),
            };
        }
        self.mentions.push(Mention {
            text: name.to_owned(),
            class: SourceClass::NamedPerson,
            pos: span.start,
            head: None,
            surname: parts.last().map(|s| (*s).to_owned()),
            roles: roles.to_vec(),
            plural: false,
            gender: gender_of(lex, roles),
            speaker: true,
        });
        Source {
            text: name.to_owned(),
            span,
            class: SourceClass::NamedPerson,
            refers_to: None,
            mention: Some(self.mentions.len() - 1),
        }
    }

    fn remember(&mut self, mut s: Source, head: &str, plural: bool, roles: &[String]) -> Source {
        let lex = lexicon();
        let mut all_roles = roles.to_vec();
        all_roles.push(head.to_owned());
        self.mentions.push(Mention {
            text: s.text.clone(),
            class: s.class,
            pos: s.span.start,
            head: Some(head.to_owned()),
            surname: None,
            roles: all_roles.clone(),
            plural,
            gender: gender_of(lex, &all_roles),
            speaker: true,
        });
        s.mention = Some(self.mentions.len() - 1);
        s
    }

    fn resolve_description(&self, lex: &Lexicon, head: &str) -> Option<usize> {
        let singular = head.strip_suffix('s').unwrap_or(head);
        let same_head = |m: &Mention| {
            m.head.as_deref().is_some_and(|h| {
                h == head || h.strip_suffix('s') == Some(singular) || h == singular
            }) || m.roles.iter().any(|r| r == head || r == singular)
        };
        if let Some(i) = self.mentions.iter().rposition(|m| same_head(m)) {
            return Some(i);
        }
        if lex.org_generic.contains(head) {
            // "the company", "the ministry": the latest organisation, preferring one whose
            // name ends with the same word.
            return self
                .mentions
                .iter()
                .rposition(|m| {
                    m.class == SourceClass::NamedOrganization && m.head.as_deref() == Some(head)
                })
                .or_else(|| {
                    self.mentions
                        .iter()
                        .rposition(|m| m.class == SourceClass::NamedOrganization)
                });
        }
        if lex.roles.contains(head) || lex.anon_heads.contains(head) {
            // "the spokeswoman" after "Jane Doe, a spokeswoman for...": matched by role above;
            // otherwise nobody.
            return None;
        }
        None
    }

    fn resolve_pronoun(&mut self, lex: &Lexicon, p: &str, text: String, span: Span) -> Source {
        let want = if lex.male.contains(p) {
            Some(Gender::Male)
        } else if lex.female.contains(p) {
            Some(Gender::Female)
        } else {
            None
        };
        let found = if lex.plural.contains(p) {
            self.mentions
                .iter()
                .rposition(|m| m.speaker && (m.plural || m.class == SourceClass::NamedOrganization))
        } else if lex.neuter.contains(p) {
            self.mentions.iter().rposition(|m| {
                m.speaker
                    && matches!(
                        m.class,
                        SourceClass::NamedOrganization | SourceClass::Document
                    )
            })
        } else {
            let person = |m: &Mention| {
                !m.plural
                    && matches!(
                        m.class,
                        SourceClass::NamedPerson | SourceClass::Anonymous | SourceClass::Vague
                    )
                    && !(m.gender.is_some() && m.gender != want)
            };
            self.mentions
                .iter()
                .rposition(|m| m.speaker && person(m))
                .or_else(|| self.mentions.iter().rposition(person))
        };
        match found {
            Some(i) => {
                if want.is_some() && self.mentions[i].gender.is_none() {
                    self.mentions[i].gender = want;
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

fn gender_of(lex: &Lexicon, roles: &[String]) -> Option<Gender> {
    let _ = lex;
    for r in roles {
        let r = r.trim_end_matches('.');
        match r {
            "mr" | "he" | "his" | "spokesman" | "chairman" | "councilman" | "father" | "son"
            | "husband" | "brother" | "grandfather" | "grandson" | "uncle" | "nephew"
            | "widower" | "king" | "prince" | "sir" | "lord" => return Some(Gender::Male),
            "mrs" | "ms" | "miss" | "she" | "her" | "spokeswoman" | "chairwoman"
            | "councilwoman" | "mother" | "daughter" | "wife" | "sister" | "grandmother"
            | "granddaughter" | "aunt" | "niece" | "widow" | "queen" | "princess" | "dame"
            | "lady" => return Some(Gender::Female),
            _ => {}
        }
    }
    None
}

fn join(words: &[&str]) -> String {
    words.join(" ")
}

/// Split a phrase into its core and the tail after a linking preposition or knowledge phrase:
/// "a spokeswoman | for the Port Authority", "people | familiar with the matter".
fn split_core<'w, 'a>(lex: &Lexicon, words: &'w [&'a str]) -> (&'w [&'a str], &'w [&'a str]) {
    let g = crate::attribution::grammar();
    for (i, w) in words.iter().enumerate().skip(1) {
        let l = w.to_lowercase();
        if g.phrase_links.iter().any(|p| *p == l) || l == "in" || l == "who" || l == "with" {
            return (&words[..i], &words[i..]);
        }
        let _ = lex;
    }
    (words, &[])
}

fn has_name(lex: &Lexicon, words: &[&str]) -> bool {
    words.iter().enumerate().any(|(i, w)| {
        is_cap(w)
            && !lex.titles.contains(*w)
            && !(i == 0 && GRAMMAR.definite.contains(&w.to_lowercase()))
            && !lex.anon_heads.contains(w)
            && !lex.is_pronoun(w)
    })
}

fn is_org_name(lex: &Lexicon, words: &[&str]) -> bool {
    let joined = join(words);
    let without_the = joined
        .strip_prefix("the ")
        .or_else(|| joined.strip_prefix("The "))
        .unwrap_or(&joined);
    if lex.bodies.contains(without_the) || lex.outlets.contains(without_the) {
        return true;
    }
    if words.iter().any(|w| {
        lex.org_suffixes.contains(*w) || lex.org_suffixes.contains(w.trim_end_matches('.'))
    }) {
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
    // Names that contain a known body: "the Brazilian Foreign Ministry", "Kremlin".
    lex.bodies
        .iter()
        .any(|b| without_the.ends_with(b.as_str()) && without_the.len() > b.len())
}

/// The personal name in `words` (titles dropped), if the words are a name.
fn person_name(lex: &Lexicon, g: &Grammar, words: &[&str]) -> Option<String> {
    let mut out: Vec<&str> = Vec::new();
    let mut i = 0;
    // Skip leading determiners and lowercase role words before a name: "Coach Ana Ruiz",
    // "former Sen. Maria Okonkwo", "U.S. special envoy Steve Witkoff".
    while i < words.len() {
        let w = words[i];
        if is_cap(w) && !lex.titles.contains(w) && !title_prefix(lex, &words[i..]) {
            break;
        }
        if let Some(n) = title_len(lex, &words[i..]) {
            i += n;
        } else {
            i += 1;
        }
    }
    while i < words.len() {
        let w = words[i];
        if is_cap(w) || g.particles.contains(w) {
            out.push(w);
            i += 1;
        } else {
            break;
        }
    }
    while out.last().is_some_and(|w| g.particles.contains(*w)) {
        out.pop();
    }
    if out.is_empty() {
        return None;
    }
    // Drop a possessive ending ("Smith's spokesman" is not Smith).
    Some(out.join(" "))
}

fn title_len(lex: &Lexicon, words: &[&str]) -> Option<usize> {
    (1..=4.min(words.len()))
        .rev()
        .find(|&n| lex.titles.contains(&words[..n].join(" ")))
}

fn title_prefix(lex: &Lexicon, words: &[&str]) -> bool {
    // A capitalised title followed by more capitalised words: "Prime Minister Ana Ruiz".
    title_len(lex, words).is_some_and(|n| n < words.len() && is_cap(words[n]))
}
