//! The `cue` matcher: a speech verb in the list ("claimed", "admitted") where it does the work
//! of a speech verb, not wherever the word appears.
//!
//! A candidate is the cue of a quote or claim the analysis attributed, or a listed verb form in
//! the writer's prose (a participle or a relative clause the attribution grammar leaves to the
//! quote grammar: "..., claiming the book had not been checked", "a woman who claimed Biden
//! ...", "groups claiming the election was stolen"). It is reported when, in its sentence:
//! - it stands where a verb stands: not after a determiner, a possessive or a preposition ("the
//!   alleged crime", "his claims", "over alleged abuse"), and not a passive ("was admitted to
//!   hospital", "has been alleged to");
//! - it introduces speech content: its quote, or after it a colon, "that", a reported clause
//!   ("claimed the move was criminal", "claimed he prepaid"), a claim's infinitive ("claimed to
//!   have evidence"), or before it the clause it closes ("..., the study revealed.", "which
//!   Trump denied"). An object that names an act is no content: "claimed responsibility",
//!   "declared a national emergency", "denied a request", "pledged $1 million" (see
//!   [`super::clause`]).

use super::Words;
use super::clause;
use super::engine::{Ctx, Hit};
use crate::lexicon::lexicon;

/// True when `cue` is in `w` (the whole cue, or one of its words).
fn listed(w: &Words, cue: &str) -> bool {
    w.contains(cue.trim()) || cue.split_whitespace().any(|word| w.contains(word))
}

/// Every listed cue that introduces speech content, once per cue.
pub fn eval<'a>(w: &Words, ctx: &Ctx<'a>) -> Vec<Hit<'a>> {
    let a = ctx.a;
    let view = a.doc.text.as_str();
    let sentence_of = |at: usize| a.sentences.get(a.sentence_at(at)).copied();
    let mut out: Vec<Hit<'a>> = Vec::new();
    // The analysis' attributions first: they know the speaker and the quote.
    for s in &ctx.sourced {
        let (Some(cue), Some(span)) = (s.cue, s.cue_span) else {
            continue;
        };
        // An agentless passive ("has been alleged to") has no speaker to load a verb on; it
        // is passive-attribution's.
        if s.source.class == crate::sources::SourceClass::Passive {
            continue;
        }
        if !listed(w, cue) || out.iter().any(|h| h.span == span) {
            continue;
        }
        let Some(sentence) = sentence_of(span.start) else {
            continue;
        };
        if !clause::verb_position(view, sentence, span) || clause::legal_sense(view, sentence, span)
        {
            continue;
        }
        let content = s.quote.is_some()
            || clause::content_after(view, sentence, span)
            || clause::content_before(view, sentence, span, Some(s.source.span));
        if content {
            out.push(Hit {
                span,
                source: Some(s.source),
                cue: Some(cue.to_owned()),
                quote: s.quote.map(|q| q.quote.inner.of(&a.doc.text).to_owned()),
                matched: None,
            });
        }
    }
    // Listed verb forms in the writer's prose that no attribution took.
    for &(span, _) in a.find(&lexicon().cue_words).iter() {
        let word = span.of(view);
        if !w.contains(word)
            || a.not_prose(span.start)
            || out
                .iter()
                .any(|h| h.span.start < span.end && span.start < h.span.end)
        {
            continue;
        }
        let Some(sentence) = sentence_of(span.start) else {
            continue;
        };
        // The writer's own inference ("That implies", "which suggests") is no speech.
        if !clause::has_subject_slot(view, sentence, span.start)
            || !clause::verb_position(view, sentence, span)
            || clause::legal_sense(view, sentence, span)
            || clause::subject_word(view, sentence, span.start)
                .is_some_and(|s| clause::words().inference_subjects.contains(s))
        {
            continue;
        }
        if clause::content_after(view, sentence, span)
            || clause::content_before(view, sentence, span, None)
        {
            out.push(Hit {
                span,
                source: None,
                cue: Some(word.to_owned()),
                quote: None,
                matched: None,
            });
        }
    }
    out.sort_by_key(|h| (h.span.start, h.span.end));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Analysis;
    use crate::input::Format;
    use crate::rules::bundled_pack;

    fn loaded(text: &str) -> Vec<String> {
        let rules = bundled_pack("core").expect("core");
        let rule = rules.iter().find(|r| r.id == "loaded-verb").expect("rule");
        let a = Analysis::new(text.to_owned(), Format::Text);
        let ctx = Ctx::new(&a);
        crate::rules::engine::run_rule(rule, &ctx)
            .iter()
            .map(|h| h.span.of(&a.doc.text).to_owned())
            .collect()
    }

    #[test]
    fn a_word_is_not_its_role() {
        // Adjectives, nouns, formal acts and hospital admissions are not speech.
        for text in [
            "Police arrested two men over the alleged theft of the harbour funds.",
            "The harbour board rejected his claims about the audit.",
            "A breakaway faction claimed responsibility for the blast at the depot.",
            "Governor Ines Marlow declared a state of emergency on Friday.",
            "The interior minister declared it a terrorist attack.",
            "The Pell Foundation pledged $1 million to the relief fund.",
            "The district court denied a request to delay the trial.",
            "The driver was admitted to hospital with burns to his arms.",
            "Territory claimed by both republics lies north of the river.",
            "Lawmakers shouted at the chief executive as she tried to speak.",
            // The legal sense, as AP prescribes it for accusations in court.
            "The tenants sued the landlord, alleging the heating had failed for months.",
            "Prosecutors charged the clerk, alleging she had taken the harbour funds.",
        ] {
            assert_eq!(loaded(text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn loaded_speech_verbs_with_content() {
        let cases = [
            (
                "Mayor Rita Olsen admitted that the budget was late.",
                "admitted",
            ),
            (
                "\"The books are balanced,\" the treasurer claimed.",
                "claimed",
            ),
            (
                "Councillor Dana Voss claimed the audit was rigged.",
                "claimed",
            ),
            (
                "The port authority alleged that the tender was rigged.",
                "alleged",
            ),
            (
                "The union sued the council, claiming the contract had never been put to tender.",
                "claiming",
            ),
            (
                "A nurse, who claimed she had been paid late for months, resigned.",
                "claimed",
            ),
            (
                "The ice had been thinning for years, the survey revealed.",
                "revealed",
            ),
            (
                "The coach claimed to have no memory of the meeting.",
                "claimed",
            ),
        ];
        for (text, cue) in cases {
            assert_eq!(loaded(text), vec![cue.to_owned()], "{text}");
        }
    }

    #[test]
    fn neutral_enough_reporting_verbs_are_not_loaded() {
        for text in [
            "Councillor Dana Voss argued that the audit was rigged.",
            "The minister denied that the tender was rigged.",
            "Voss maintained that the audit was fair.",
            "\"We will rebuild,\" the mayor declared.",
            "Voss suggested the council delay the vote.",
        ] {
            assert_eq!(loaded(text), Vec::<String>::new(), "{text}");
        }
    }
}
