//! On the record or not: the `unless` conditions `credited`, `named_nearby` and `anchored`,
//! which keep the sourcing rules to sources an editor would call unnamed or vague.
//!
//! - `credited`: an unnamed source another outlet reports ("Reuters reported, citing a
//!   government source"; "..., a Turkish official said, Cyprus Mail reported"; "Neighbors told
//!   CBS station KDKA-TV") is that outlet's: the story credits the outlet, as AP asks of
//!   material it has not confirmed, and the outlet answers for its anonymity. Anonymous-source
//!   leaves it; the strict pack's `anonymous-via-outlet` points it out as second-hand.
//! - `named_nearby`: a description whose person is named in the same or the previous sentence
//!   (in a headline, the lede) is on the record ("Grant Shapps, England's transport secretary
//!   ... the transport secretary"), and so is a definite office with one holder ("the Indian
//!   prime minister"), and a group with a member named by its role in the same or the next
//!   sentence ("Local activists said ... One activist, Nur Khan Liton, told AFP").
//! - `agent`: an agentless phrase whose agent comes right after it ("according to reports
//!   from the interior ministry", "was criticized by the union"), or whose sentence names a
//!   news outlet, is attributed after all.
//! - `anchored`: a group the story identifies is no weasel: "the researchers" (the team named
//!   before), "his supporters", "Trump's aides", "Boccaletti and other researchers", "experts
//!   from the University of Leeds", "Some analysts ..., with analyst Kevin Bonham"; nor is a
//!   negated quantifier, a transition ("Not everyone agreed").
//!
//! The words come from `rules/lexicon/record.yaml` (and `organizations.yaml` for outlets).

use std::path::Path;
use std::sync::LazyLock;

use serde::Deserialize;

use super::clause::{self, Kind};
use super::engine::{Ctx, Sourced};
use super::lone_plural::head;
use crate::lexicon::{WordSet, lexicon};
use crate::sources::{Source, SourceClass};
use crate::span::Span;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RecordFile {
    offices: Vec<String>,
    credit_cues: Vec<String>,
    anchors: Vec<String>,
    quantities: Vec<String>,
    negations: Vec<String>,
    crowds: Vec<String>,
    anaphors: Vec<String>,
    kin: Vec<String>,
    citing_words: Vec<String>,
    outlet_sources: Vec<String>,
    affiliations: Vec<String>,
    member_intros: Vec<String>,
}

struct RecordWords {
    offices: WordSet,
    credit_cues: WordSet,
    anchors: WordSet,
    quantities: WordSet,
    negations: WordSet,
    crowds: WordSet,
    anaphors: WordSet,
    kin: WordSet,
    citing_words: WordSet,
    outlet_sources: WordSet,
    affiliations: WordSet,
    /// Each as its lowercase words ("such as" → ["such", "as"]).
    member_intros: Vec<Vec<String>>,
}

static RECORD_WORDS: LazyLock<RecordWords> = LazyLock::new(|| {
    let f: RecordFile = match crate::yaml::from_str(
        Path::new("rules/lexicon/record.yaml"),
        include_str!("../../rules/lexicon/record.yaml"),
    ) {
        Ok(f) => f,
        // Embedded at compile time and loaded by the unit tests.
        Err(e) => panic!("embedded record words are invalid: {e}"),
    };
    RecordWords {
        offices: WordSet::new(&f.offices),
        credit_cues: WordSet::new(&f.credit_cues),
        anchors: WordSet::new(&f.anchors),
        quantities: WordSet::new(&f.quantities),
        negations: WordSet::new(&f.negations),
        crowds: WordSet::new(&f.crowds),
        anaphors: WordSet::new(&f.anaphors),
        kin: WordSet::new(&f.kin),
        citing_words: WordSet::new(&f.citing_words),
        outlet_sources: WordSet::new(&f.outlet_sources),
        affiliations: WordSet::new(&f.affiliations),
        member_intros: crate::lexicon::word_lists(&f.member_intros),
    }
});

fn words() -> &'static RecordWords {
    &RECORD_WORDS
}

/// True when the unnamed source `s` is another outlet's: in its sentence (or its claim's) an
/// outlet is named, or a named source reports, cites or is told it, or "citing" introduces it.
pub fn credited(ctx: &Ctx<'_>, s: &Sourced<'_>) -> bool {
    let a = ctx.a;
    let view = a.doc.text.as_str();
    let src_sentence = a.sentence_at(s.source.span.start);
    let sentences = [src_sentence, s.sentence];
    if sentences.iter().any(|&i| ctx.outlet_in(i)) {
        return true;
    }
    let credit = |t: &Sourced<'_>| {
        !std::ptr::eq(t.source, s.source)
            && matches!(
                t.source.class,
                SourceClass::NamedOrganization | SourceClass::NamedPerson
            )
            && t.cue.is_some_and(|c| {
                let c = c.trim();
                words().credit_cues.contains(c)
                    || c.split_whitespace()
                        .any(|w| words().credit_cues.contains(w))
            })
    };
    let near = if src_sentence == s.sentence {
        &sentences[..1]
    } else {
        &sentences[..]
    };
    if near.iter().any(|&i| ctx.sourced_in(i).any(credit)) {
        return true;
    }
    // "Reports citing sources within the party": the sources are the citer's.
    let cited = |w: &str| words().citing_words.contains(w);
    if s.source.text.split_whitespace().any(cited) {
        return true;
    }
    // "news sources", "media sources": outlets, not people (agentless, as "media reports").
    let mut words = s.source.text.split_whitespace().rev();
    if words
        .next()
        .is_some_and(|h| h.eq_ignore_ascii_case("sources"))
        && words
            .next()
            .is_some_and(|m| self::words().outlet_sources.contains(m))
    {
        return true;
    }
    // "citing a government source", "quoting two officials".
    let Some(&sentence) = a.sentences.get(src_sentence) else {
        return false;
    };
    clause::tokens_before(view, sentence.start, s.source.span.start)
        .iter()
        .rev()
        .find(|t| t.kind == Kind::Word)
        .is_some_and(|t| cited(t.span.of(view)))
}

/// The tokens of sentence `i` of `a`, if there is one.
fn sentence_tokens(a: &crate::analysis::Analysis, i: usize) -> Option<Vec<clause::Tk>> {
    let s = a.sentences.get(i)?;
    Some(clause::tokens(&a.doc.text, s.start, s.end, usize::MAX))
}

/// True when sentence `i` names a news outlet by its form rather than from the list of
/// outlets: a capitalised name ending in an outlet word ("told the Military Times", "for PA
/// Media"), or a capitalised name after an outlet noun ("news agency Interfax", "broadcaster
/// NRK"). The words come from `outlet_heads` and `outlet_intros` in organizations.yaml.
pub fn outlet_by_form(a: &crate::analysis::Analysis, i: usize) -> bool {
    let Some(t) = sentence_tokens(a, i) else {
        return false;
    };
    let view = a.doc.text.as_str();
    let lex = lexicon();
    let word = |k: usize| clause::word_at(view, &t, k);
    let cap = |k: usize| word(k).is_some_and(clause::is_capitalised);
    let numeral = |k: usize| word(k).is_some_and(|w| w.bytes().all(|b| b.is_ascii_digit()));
    (0..t.len()).any(|k| {
        // A head closing a capitalised name: "the Military Times", "WESH 2 News".
        let head = cap(k)
            && word(k).is_some_and(|w| lex.outlet_heads.contains(w))
            && k > 0
            && (cap(k - 1) || numeral(k - 1) && k > 1 && cap(k - 2))
            && !cap(k + 1);
        // An intro, then a capitalised name: "news agency Interfax".
        let intro = || {
            lex.outlet_intros.iter().any(|words| {
                words.iter().enumerate().all(|(j, w)| {
                    word(k + j).is_some_and(|x| {
                        x.starts_with(char::is_lowercase) && x.eq_ignore_ascii_case(w)
                    })
                }) && cap(k + words.len())
            })
        };
        head || intro()
    })
}

/// True when a person is named next to the role `role` in `text`: "eyewitness Vinnie DeVita",
/// "England's transport secretary, Grant Shapps", "Grant Shapps, the transport secretary".
fn named_with_role(view: &str, sentence: Span, role: &str) -> bool {
    named_with_role_where(view, sentence, role, false)
}

/// [`named_with_role`]; with `member`, only where the role is counted as one of a group ("One
/// activist, Nur Khan Liton", "Priya Nair, a retail analyst"): a count word ("a", "one";
/// anonymous.yaml `counts`) within the three words before it.
fn named_with_role_where(view: &str, sentence: Span, role: &str, member: bool) -> bool {
    let t = clause::tokens(view, sentence.start, sentence.end, usize::MAX);
    let word = |i: usize| clause::word_at(view, &t, i);
    let cap = |i: usize| word(i).is_some_and(clause::is_capitalised);
    // A name: two capitalised words.
    let name_at = |i: usize| cap(i) && cap(i + 1);
    let counts = &lexicon().counts;
    let counted =
        |i: usize| (i.saturating_sub(3)..i).any(|k| word(k).is_some_and(|w| counts.contains(w)));
    (0..t.len()).any(|i| {
        if !word(i).is_some_and(|w| w.eq_ignore_ascii_case(role)) || member && !counted(i) {
            return false;
        }
        // The role, then the name.
        let after = if t.get(i + 1).is_some_and(|x| x.kind == Kind::Punct(',')) {
            i + 2
        } else {
            i + 1
        };
        if name_at(after) {
            return true;
        }
        // The name, a comma, then the role within six words.
        (i.saturating_sub(7)..i).any(|c| {
            t[c].kind == Kind::Punct(',')
                && c >= 2
                && name_at(c - 2)
                && t[c + 1..i].iter().all(|x| x.kind == Kind::Word)
        })
    })
}

/// The singular of a plural noun ("analysts" → "analyst", "authorities" → "authority",
/// "witnesses" → "witness"), or `None` when `w` does not end like a plural.
fn singular(w: &str) -> Option<String> {
    if let Some(stem) = w.strip_suffix("ies") {
        return Some(format!("{stem}y"));
    }
    if let Some(stem) = w.strip_suffix("es")
        && (stem.ends_with("ss") || stem.ends_with("ch") || stem.ends_with("sh"))
    {
        return Some(stem.to_owned());
    }
    w.strip_suffix('s')
        .filter(|stem| stem.len() > 2 && !stem.ends_with('s'))
        .map(str::to_owned)
}

/// True when the group whose head is the plural `head`, in sentence `i`, has a member named
/// with the group's role in that sentence, or in the next one counted as one of them: "Some
/// political analysts considered this a foregone conclusion, with analyst Kevin Bonham having
/// declared …"; "Local activists said … One activist, Nur Khan Liton, told AFP". The story puts
/// a name to the group's view. ("State prosecutors charged him ... according to prosecutor
/// Josh Bash", a federal one, is not.)
fn member_named(a: &crate::analysis::Analysis, i: usize, head: &str) -> bool {
    let Some(role) = singular(head) else {
        return false;
    };
    let view = a.doc.text.as_str();
    a.sentences
        .get(i)
        .is_some_and(|&s| named_with_role(view, s, &role))
        || a.sentences
            .get(i + 1)
            .is_some_and(|&s| named_with_role_where(view, s, &role, true))
}

/// True when sentence `i` has a speech verb and a person's name (two capitalised words, not
/// opening the sentence): "..., said study co-author Karen Alley."
fn names_speaker(a: &crate::analysis::Analysis, i: usize) -> bool {
    let Some(t) = sentence_tokens(a, i) else {
        return false;
    };
    let view = a.doc.text.as_str();
    let lex = lexicon();
    let word = |k: usize| clause::word_at(view, &t, k);
    let speech = (0..t.len())
        .any(|k| word(k).is_some_and(|w| lex.neutral.contains(w) || lex.loaded.contains(w)));
    speech
        && (1..t.len()).any(|k| {
            word(k).is_some_and(clause::is_capitalised)
                && word(k + 1).is_some_and(clause::is_capitalised)
        })
}

/// True when `text` counts a crowd: a count word of the hundreds or more ("two million
/// people", "thousands of residents") or a numeral of 100 or more ("2,000 protesters").
fn crowd(text: &str) -> bool {
    text.split_whitespace().any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        words().crowds.contains(w)
            || (w.bytes().all(|b| b.is_ascii_digit() || b == b',')
                && w.bytes().filter(u8::is_ascii_digit).count() >= 3)
    })
}

/// True when a person's name (two capitalised words, not opening a sentence) comes in the
/// `window` sentences before view offset `at` or in its own sentence before it.
fn named_before(a: &crate::analysis::Analysis, at: usize, window: usize) -> bool {
    let view = a.doc.text.as_str();
    let i = a.sentence_at(at);
    let Some(from) = a.sentences.get(i.saturating_sub(window)).map(|s| s.start) else {
        return false;
    };
    let t = clause::tokens(view, from, at, usize::MAX);
    let cap = |k: usize| {
        t.get(k)
            .filter(|x| x.kind == Kind::Word)
            .is_some_and(|x| clause::is_capitalised(x.span.of(view)))
    };
    (1..t.len())
        .any(|k| cap(k) && cap(k + 1) && !matches!(t[k - 1].kind, Kind::Punct('.' | '!' | '?')))
}

/// True when the unnamed source `src` is on the record after all, or no source an editor
/// would ask to name: a definite (or bare) description of a single office, a person named
/// with its role in the same or the previous sentence, a re-mention of people named before
/// ("Both officers"), a crowd ("two million people replied"), or any description in a
/// headline, which summarises the body where the sources are given.
pub fn named_nearby(ctx: &Ctx<'_>, src: &Source) -> bool {
    let a = ctx.a;
    let view = a.doc.text.as_str();
    let first = src
        .mention
        .and_then(|m| a.mention_spans.get(m).copied().flatten())
        .filter(|f| f.start <= src.span.start)
        .unwrap_or(src.span);
    let text = first.of(view);
    if crowd(text) {
        return true;
    }
    if a.headline()
        .is_some_and(|h| h.contains_offset(src.span.start))
    {
        return true;
    }
    let Some(head) = head(text) else {
        return false;
    };
    let first_word = text.split_whitespace().next().unwrap_or("");
    if words().anaphors.contains(first_word) && named_before(a, first.start, 2) {
        return true;
    }
    // The family of someone named: "his family said", "Mubarak's family", "The family".
    let owned = first_word.ends_with("'s")
        || first_word.ends_with("’s")
        || words().anchors.contains(first_word);
    if owned && words().kin.contains(&head) && named_before(a, first.start, usize::MAX) {
        return true;
    }
    let indefinite = lexicon().counts.contains(first_word);
    let plural = head.ends_with('s') && !head.ends_with("ss");
    if !indefinite && !plural && src.refers_to.is_none() && words().offices.contains(&head) {
        return true;
    }
    let i = a.sentence_at(first.start);
    if plural {
        return member_named(a, i, &head);
    }
    // A definite description right after a named speaker is that speaker, described again
    // ("..., said study co-author Karen Alley. The Wooster professor added, ..."): an unnamed
    // source is introduced with "a" or a count, and re-mentions of one refer back to it.
    let definite = crate::attribution::grammar().definite.contains(first_word);
    let speaks_named = |j: usize| ctx.named_sentence(j) || names_speaker(a, j);
    if definite && src.refers_to.is_none() && (speaks_named(i) || i > 0 && speaks_named(i - 1)) {
        return true;
    }
    let mut window = vec![i];
    if i > 0 {
        window.push(i - 1);
    }
    window
        .into_iter()
        .filter_map(|j| a.sentences.get(j))
        .any(|&s| named_with_role(view, s, &head))
}

/// True when the agentless phrase at `span` has its agent after all: "from" or "by" and a
/// name or a determiner right after it ("according to reports from the interior ministry",
/// "was criticized by the union"), or a news outlet (or its reporter) speaking in its sentence
/// ("An Al Jazeera reporter noted local news reports said ...").
pub fn agent_given(ctx: &Ctx<'_>, span: Span) -> bool {
    let a = ctx.a;
    let view = a.doc.text.as_str();
    let i = a.sentence_at(span.start);
    // An outlet (or its reporter) speaking in the sentence: "An Al Jazeera reporter noted local
    // news reports said ..." (not an outlet merely mentioned: "the insider who wrote New York
    // Times op-eds was revealed to be ...").
    let lex = lexicon();
    let outlets = &lex.outlet_phrases;
    if ctx.sourced_in(i).any(|s| outlets.is_match(&s.source.text)) {
        return true;
    }
    let Some(&sentence) = a.sentences.get(i) else {
        return false;
    };
    // An outlet before the phrase with a speech verb between: its reporter told it.
    let named = a.find(outlets);
    let cues = a.find(&lex.cue_words);
    if let Some(o) = named
        .iter()
        .map(|&(o, _)| o)
        .rfind(|o| o.start >= sentence.start && o.end <= span.start)
        && cues
            .iter()
            .any(|&(c, _)| c.start >= o.end && c.end <= span.start)
    {
        return true;
    }
    let t = clause::tokens(view, span.end, sentence.end, 2);
    let word = |k: usize| clause::word_at(view, &t, k);
    word(0).is_some_and(|w| w.eq_ignore_ascii_case("from") || w.eq_ignore_ascii_case("by"))
        && word(1).is_some_and(|w| {
            clause::is_capitalised(w) || crate::attribution::grammar().definite.contains(w)
        })
}

/// True when `source` is a pronoun standing for a group the story identifies by an anchor
/// ("The researchers found ... They reported": "They" is the researchers, no weasel).
pub fn anchored_pronoun(source: &Source) -> bool {
    lexicon().plural.contains(&source.text)
        && source
            .refers_to
            .as_deref()
            .and_then(|r| r.split_whitespace().next())
            .is_some_and(|d| words().anchors.contains(d))
}

/// True when the group at `span` (a vague source's words or a weasel phrase) is one the story
/// identifies ("the researchers", "his supporters", "Trump's aides", "Boccaletti and other
/// researchers"), or a negated quantifier ("Not everyone agreed").
pub fn anchored(ctx: &Ctx<'_>, span: Span) -> bool {
    let a = ctx.a;
    let view = a.doc.text.as_str();
    let Some(&sentence) = a.sentences.get(a.sentence_at(span.start)) else {
        return false;
    };
    // A headline's group ("..., say scientists") is the story's: anchored when the story
    // quotes or cites someone by name, as a headline summarises the body.
    let headline = a.headline().is_some_and(|h| h.contains_offset(span.start));
    if headline
        && ctx.sourced.iter().any(|s| {
            s.source.span.start > sentence.end
                && s.source.class == crate::sources::SourceClass::NamedPerson
        })
    {
        return true;
    }
    let w = words();
    let own = clause::tokens(view, span.start, span.end, 3);
    let first = own
        .first()
        .filter(|t| t.kind == Kind::Word)
        .map(|t| t.span.of(view));
    let before = clause::tokens_before(view, sentence.start, span.start);
    let prev = |k: usize| {
        before
            .len()
            .checked_sub(k)
            .and_then(|i| before.get(i))
            .filter(|t| t.kind == Kind::Word)
            .map(|t| t.span.of(view))
    };
    let anchor = |x: &str| {
        w.anchors.contains(x) || x.ends_with("'s") || x.ends_with("’s") || x.ends_with("s'")
    };
    // An anchor right before the group's head inside its words: "creating what the
    // scientists describe".
    if own.len() >= 2 {
        let all = clause::tokens(view, span.start, span.end, usize::MAX);
        // The head is the last word before a linking word: "Critics | of the department".
        let g = crate::attribution::grammar();
        let head_end = all
            .iter()
            .skip(1)
            .position(|t| {
                let x = t.span.of(view);
                t.kind != Kind::Word
                    || g.phrase_links.contains(x)
                    || g.relative_pronouns.contains(x)
            })
            .map_or(all.len(), |k| k + 1);
        if let [.., d, h] = &all[..head_end]
            && d.kind == Kind::Word
            && anchor(d.span.of(view))
            && !w.quantities.contains(h.span.of(view))
        {
            return true;
        }
    }
    if head(span.of(view)).is_some_and(|h| member_named(a, a.sentence_at(span.start), &h)) {
        return true;
    }
    // "The majority of legal experts" is a quantifier.
    let quantity = |t: Option<&clause::Tk>| {
        t.filter(|t| t.kind == Kind::Word)
            .is_some_and(|t| w.quantities.contains(t.span.of(view)))
    };
    if first.is_some_and(anchor) && own.len() > 1 && !quantity(own.get(1))
        || prev(1).is_some_and(anchor) && !quantity(own.first())
    {
        return true;
    }
    if first.is_some_and(|f| w.negations.contains(f))
        || prev(1).is_some_and(|p| w.negations.contains(p))
    {
        return true;
    }
    // An affiliation right after the group: "Experts from the University of Leeds", "critics
    // at Harlow Council" (lowercase, "critics of the plan", stays vague).
    let after = clause::tokens(view, span.end, sentence.end, 7);
    let aw = |k: usize| clause::word_at(view, &after, k);
    if aw(0).is_some_and(|p| w.affiliations.contains(p)) {
        let k = if aw(1).is_some_and(|d| d.eq_ignore_ascii_case("the")) {
            2
        } else {
            1
        };
        if aw(k).is_some_and(clause::is_capitalised) {
            return true;
        }
    }
    // Members named right after the group: "commentators such as Brit Hume", "analysts,
    // including Kevin Bonham," (a name within four words of "such as" / "including").
    let named: Vec<&str> = after
        .iter()
        .filter(|t| t.kind == Kind::Word)
        .map(|t| t.span.of(view))
        .collect();
    let nw = |k: usize| named.get(k).copied();
    let member_at = |k: usize| (k..k + 4).any(|i| nw(i).is_some_and(clause::is_capitalised));
    let intro = |words: &Vec<String>| {
        words
            .iter()
            .enumerate()
            .all(|(j, x)| nw(j).is_some_and(|y| y.eq_ignore_ascii_case(x)))
    };
    if w.member_intros
        .iter()
        .any(|words| intro(words) && member_at(words.len()))
    {
        return true;
    }
    // "Boccaletti and other researchers".
    let other = |x: Option<&str>| x.is_some_and(|x| x.eq_ignore_ascii_case("other"));
    let (and_at, cap_at) = if other(first) {
        (1, 2)
    } else if other(prev(1)) {
        (2, 3)
    } else {
        return false;
    };
    prev(and_at).is_some_and(|x| x.eq_ignore_ascii_case("and"))
        && prev(cap_at).is_some_and(clause::is_capitalised)
}

#[cfg(test)]
mod tests {
    use super::head;

    #[test]
    fn heads_of_descriptions() {
        assert_eq!(
            head("the Indian Prime Minister").as_deref(),
            Some("minister")
        );
        assert_eq!(
            head("a spokesperson for the ministry").as_deref(),
            Some("spokesperson")
        );
        assert_eq!(head("transport secretary").as_deref(), Some("secretary"));
    }
}
