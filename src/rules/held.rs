//! Whose words a hedge is: the writer's own ("The plant may have been leaking for months") or
//! held by someone in its clause ("Officials estimated she may have starved", "Scientists say
//! zebras may have evolved stripes", "— suggesting, experts noted, that ...", "Reports
//! indicate the car may have struck them"). Used by `unless: attributed: true`.
//!
//! A hedge is held when, in its clause (the sentence cut at semicolons, colons, dashes and
//! parentheses):
//! - an attribution cue, an agentless frame or a weasel frame, or a speech or belief verb where
//!   a verb stands, comes before it, or right after it between commas ("— suggesting, experts
//!   noted, that ..."); an attribution closing the sentence (", the researchers reported.")
//!   does not hold a hedge of the writer's summary, but names who alleges what "allegedly"
//!   reports ("the government allegedly criticized the plan, ABC reported"), and a named
//!   source closing it, or set off by commas in the hedge's clause, does hold it (",
//!   according to Kamloops Police, at the playground": whose reading it is is on record);
//! - it introduces a quotation: `so-called "green tape"` is someone's term;
//! - it is itself a verb of speech or belief ("suggests") whose subject is a source: a name, a
//!   person ("he"), an unnamed or vague group, a role, an institution or a document ("the
//!   study suggests", "The researchers suggested"); or, as a participle, it follows the noun
//!   it describes ("a post suggesting she had been bullied"). With "this", "which" or "it" for
//!   a subject, or as a participle opening its clause ("..., suggesting users wished"), the
//!   inference is the writer's;
//! - a passive of telling comes before it in its clause ("Residents were advised to expect the
//!   water to perhaps be discolored"): the words are the advice given, not the writer's guess;
//! - its clause speaks in the first person singular ("I would need a handful of, or perhaps
//!   one, elector"): news copy never says "I", a statement reproduced without quotation marks
//!   does.

use super::clause;
use super::engine::Ctx;
use crate::lexicon::lexicon;
use crate::span::Span;

/// True when `w` can be a source as a subject: a capitalised word, a personal pronoun, an
/// unnamed or vague head, a role, an institution or a document noun (or its plural).
fn source_word(w: &str) -> bool {
    let lex = lexicon();
    let is = |w: &str| {
        lex.anon_heads.contains(w)
            || lex.vague_heads.contains(w)
            || lex.roles.contains(w)
            || lex.org_generic.contains(w)
            || lex.documents.contains(w)
    };
    clause::is_capitalised(w)
        || clause::words().personal.contains(w)
        || is(w)
        || w.strip_suffix('s').is_some_and(is)
}

/// True when the holder `h` after the hedge at `span` is a parenthesis right after it: ",
/// experts noted, that", "perhaps due, the group's president indicated, to": a comma (after
/// at most two words of the hedge's own), at most ten words,
/// the holder, and a comma within four words after it. A closing attribution (", the
/// researchers reported.") is not: the hedge stands in the writer's summary of the report.
fn parenthetical(view: &str, span: Span, h: Span) -> bool {
    let gap = &view[span.end..h.start];
    let after = view[h.end..]
        .split(['.', ';', ':', '!', '?'])
        .next()
        .unwrap_or("");
    gap.matches(',').count() == 1
        && gap
            .split(',')
            .next()
            .is_some_and(|w| w.split_whitespace().count() <= 2)
        && gap.split_whitespace().count() <= 11
        && after
            .split(',')
            .next()
            .is_some_and(|w| w.split_whitespace().count() <= 4)
        && after.contains(',')
}

/// True when the hedge at `span` is held by someone in its clause (see the module notes).
pub fn held(ctx: &Ctx<'_>, span: Span) -> bool {
    let a = ctx.a;
    let view = a.doc.text.as_str();
    let Some(&sentence) = a.sentences.get(a.sentence_at(span.start)) else {
        return false;
    };
    // A hedge introducing a quotation: the quoted words are someone's term.
    let next = view[span.end..].trim_start();
    let next_at = view.len() - next.len();
    if next.starts_with(['"', '“', '«', '‘']) || (next_at < view.len() && a.in_quote(next_at))
    {
        return true;
    }
    let clause = clause::clause_around(view, sentence, span.start);
    let word = span.of(view);
    // "charged for allegedly providing the weapon": the accusation's own word, as AP asks.
    if clause::legal_sense(view, sentence, span) {
        return true;
    }
    let lex = lexicon();
    let speech =
        |w: &str| lex.cognitive.contains(w) || lex.neutral.contains(w) || lex.loaded.contains(w);
    // The word, or for a participle the verb it comes from ("suggesting": "suggest").
    let is_verb = !word.contains(char::is_whitespace)
        && (speech(word)
            || word
                .strip_suffix("ing")
                .is_some_and(|stem| speech(stem) || speech(&format!("{stem}s"))));
    if is_verb {
        if word.ends_with("ing") {
            // "a post suggesting she ...": the noun before it holds it.
            if !clause::opens_clause(view, sentence, span.start) {
                return true;
            }
            // Opening the sentence ("In 2014, also suggesting life could exist, de Vera and
            // colleagues studied lichens"): the subject after the participle's phrase.
            if clause::leads_sentence(view, sentence, span.start)
                && clause::subject_after_phrase(view, sentence, span.end, source_word)
            {
                return true;
            }
        } else {
            // Its subject: a source anywhere in the words before it in the clause (the first
            // word of the sentence counts by its meaning, not its capital), unless the word
            // right before it is "this", "which" or "it".
            let inference = clause::subject_word(view, sentence, span.start)
                .is_some_and(|s| clause::words().inference_subjects.contains(s));
            let subject = clause::clause_within(view, sentence, span.start, false);
            if !inference && clause::source_before(view, sentence, subject, span.start, source_word)
            {
                return true;
            }
            // "As its name suggests": a comparison, not a claim.
            if clause
                .of(view)
                .split_whitespace()
                .next()
                .is_some_and(|w| w.eq_ignore_ascii_case("as"))
            {
                return true;
            }
        }
    }
    // Someone speaking in the first person: the words are theirs, not the outlet's (news
    // copy never says "I"; a statement reproduced without quotation marks does).
    let wide = clause::clause_within(view, sentence, span.start, false);
    if clause::tokens(view, wide.start, wide.end, usize::MAX)
        .iter()
        .any(|t| t.span.of(view) == "I")
    {
        return true;
    }
    // A named person or body after a comma, closing the sentence or set off by commas in the
    // hedge's clause (", according to Kamloops Police.", ", Dr Ruiz said, ...", ", according
    // to Kamloops Police, at the playground"), or opening the sentence: the hedge is their
    // reading, on record. (Figures and documents do not hedge: "appears to be the lowest,
    // according to figures from ..." is the writer's summary.)
    let si = a.sentence_at(span.start);
    let closes = |x: &crate::analysis::AttributionInfo| {
        x.span.start >= span.end
            && x.span.end <= clause.end.max(span.end)
            && view[span.end..x.span.start].contains(',')
            && {
                let rest = view[x.span.end..sentence.end]
                    .trim_matches(|c: char| c.is_whitespace() || ".!?\"”’'".contains(c));
                rest.is_empty() || rest.starts_with(',')
            }
    };
    // Opening the sentence ("According to the BBC, it is normal ... — an aside — ..., but
    // apparently ..."): the whole sentence is its account, every clause.
    let opens = |x: &crate::analysis::AttributionInfo| {
        x.cue_span.start <= x.source.span.start
            && x.span.end <= span.start
            && x.cue.contains(' ')
            && x.cue
                .split_whitespace()
                .next()
                .is_some_and(|w| lex.according_first.contains(w))
            && view[sentence.start..x.span.start]
                .trim_matches(|c: char| c.is_whitespace() || "\"“‘'".contains(c))
                .is_empty()
            && view[x.span.end..].trim_start().starts_with(',')
    };
    if a.attributions.iter().any(|x| {
        x.sentence == si
            && matches!(
                x.source.class,
                crate::sources::SourceClass::NamedPerson
                    | crate::sources::SourceClass::NamedOrganization
            )
            && (closes(x) || opens(x))
    }) {
        return true;
    }
    // Told in the passive before it: "Residents were advised to expect the water to perhaps
    // be discolored" is the advice given them, not the writer's guess.
    let g = crate::attribution::grammar();
    let toks = clause::tokens(view, clause.start, span.start, usize::MAX);
    // Not one in a relative clause set off by commas ("Teachers, who have been told they
    // will move, appear to be split").
    if toks.windows(2).any(|w| {
        w[0].kind == clause::Kind::Word
            && w[1].kind == clause::Kind::Word
            && g.passive_auxiliaries.contains(w[0].span.of(view))
            && g.recipient_verbs.contains(w[1].span.of(view))
            && !view[w[1].span.end..span.start].contains(',')
    }) {
        return true;
    }
    let hearsay = clause::words().hearsay.contains(word);
    let holds = |h: &Span| {
        if *h == span {
            return false;
        }
        if h.start < span.end && span.start < h.end {
            // A frame holding the hedge's own words: "Reports suggest".
            return true;
        }
        h.end <= span.start
            || (h.start >= span.end
                && (parenthetical(view, span, *h)
                    || hearsay && view[span.end..h.start].contains(',')))
    };
    if ctx.holders_in(clause).iter().any(holds) {
        return true;
    }
    ctx.verbs_in(clause)
        .iter()
        .filter(|h| holds(h))
        .any(|h| clause::verb_position(view, sentence, *h))
}
