//! The quote conditions: `quote: unattributed` (a direct quote with no speaker, not even by
//! continuation, that reads as speech: four words or a finite verb) and `quote: unbalanced`
//! (an opening mark with no close).

use super::QuoteCond;
use super::engine::{Ctx, Hit};
use crate::quotes::QuoteKind;
use crate::span::Span;

/// True when a speaker is in reach of `q` though the analysis named none: a speech verb in the
/// quote's own sentence outside the quote ("telling Wikinews the company \"...\"", "saying
/// that \"...\""), or a paragraph before that ends in a colon ("issued the following
/// statement:"). The rule is about quotes nobody could be found for; one the grammar could not
/// read is left alone rather than reported as an error.
fn speaker_in_reach(ctx: &Ctx<'_>, q: &crate::analysis::QuoteInfo) -> bool {
    let a = ctx.a;
    let Some(&sentence) = a.sentences.get(q.sentence) else {
        return false;
    };
    let cues = a.find(&crate::lexicon::lexicon().cue_words);
    let i = cues.partition_point(|(c, _)| c.start < sentence.start);
    let cue_near = cues[i..]
        .iter()
        .take_while(|(c, _)| c.start < sentence.end)
        .any(|(c, _)| !q.quote.span.contains(*c) && !a.in_quote(c.start));
    let colon_before = q.quote.first_block.checked_sub(1).is_some_and(|b| {
        a.doc.blocks[b]
            .span
            .of(&a.doc.text)
            .trim_end()
            .ends_with(':')
            && a.doc.blocks[q.quote.first_block].span.start == q.quote.span.start
    });
    if cue_near || colon_before {
        return true;
    }
    // An earlier quote of the paragraph has a speaker: this one goes on in the same voice.
    let i = a
        .quotes
        .partition_point(|p| p.quote.span.start < q.quote.span.start);
    if a.quotes[..i]
        .iter()
        .rev()
        .take_while(|p| p.quote.last_block >= q.quote.first_block)
        .any(|p| p.kind != QuoteKind::Term && p.speaker.is_some())
    {
        return true;
    }
    let text = a.doc.text.as_str();
    // The words of the quote's sentence before it: "Gray cited his rugby days: "...", "The
    // palace issued the following statement from the king: "..."": a colon after a clause
    // that names somebody or a statement; "their "number one requested helmet"".
    let lead = text
        .get(sentence.start.min(q.quote.span.start)..q.quote.span.start)
        .unwrap_or("")
        .trim_end();
    let lex = crate::lexicon::lexicon();
    if lead.ends_with(':')
        && (names_somebody(a, Span::new(sentence.start, q.quote.span.start))
            || lead.split_whitespace().any(|w| {
                lex.documents
                    .contains(w.trim_matches(|c: char| !c.is_alphanumeric()))
            }))
    {
        return true;
    }
    if lead
        .rsplit(char::is_whitespace)
        .next()
        .is_some_and(|w| matches!(w, "his" | "her" | "their" | "its" | "His" | "Her" | "Their"))
    {
        return true;
    }
    // The sentence before, in the same paragraph or ending the one before when the quote opens
    // its own: "McGurk criticised the decision on Twitter. "The statement ..."". A reader
    // takes the quote as that person's, whatever the verb.
    let opens_sentence = lead.is_empty();
    if opens_sentence
        && let Some(prev) = q.sentence.checked_sub(1).and_then(|p| a.sentences.get(p))
        && a.doc
            .block_at(prev.start)
            .is_some_and(|b| b + 1 >= q.quote.first_block)
        && names_somebody(a, *prev)
    {
        return true;
    }
    false
}

/// True when `span` of the view names a person: "he" or "she", a name whose first word is a
/// first name ("Brett McGurk ... criticised the decision"), or the last word of a
/// person the story quotes or paraphrases elsewhere ("leaving Ingram unimpressed"). Places and
/// bodies in a scene-setting sentence ("At Castle Ridge General Hospital, staff ...") are not
/// speakers.
fn names_somebody(a: &crate::analysis::Analysis, span: Span) -> bool {
    use crate::sources::SourceClass;
    let words: Vec<&str> = span
        .of(&a.doc.text)
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    let cap = |w: &str| w.starts_with(char::is_uppercase) && w.chars().any(char::is_lowercase);
    if words
        .iter()
        .any(|w| matches!(*w, "he" | "she" | "He" | "She"))
    {
        return true;
    }
    // A run of capitalised words that opens with a first name and names no body or place:
    // "Brett McGurk", not "Castle Ridge General Hospital" or "Harlow High School".
    let lex = crate::lexicon::lexicon();
    if (0..words.len().saturating_sub(1)).any(|i| {
        let run = words[i..].iter().take_while(|w| cap(w)).count();
        run >= 2
            && (i == 0 || !cap(words[i - 1]))
            && crate::lexicon::first_names().get(words[i]).is_some()
            && !words[i..i + run]
                .iter()
                .any(|w| lex.org_suffixes.contains(w) || lex.place_heads.contains(w))
    }) {
        return true;
    }
    let people = a
        .quotes
        .iter()
        .filter_map(|q| q.speaker.as_ref())
        .chain(a.attributions.iter().map(|at| &at.source))
        .filter(|s| s.class == SourceClass::NamedPerson)
        .filter_map(|s| {
            s.refers_to
                .as_deref()
                .unwrap_or(&s.text)
                .split_whitespace()
                .last()
        });
    let mut surnames: Vec<&str> = people.filter(|w| cap(w)).collect();
    surnames.sort_unstable();
    surnames.dedup();
    words
        .iter()
        .any(|w| cap(w) && surnames.binary_search(w).is_ok())
}

/// True when quoted words read as speech rather than a term: at least four words, or a finite
/// verb or a verb of saying or believing among them (sourcing-standards §2 T8).
fn speech_like(inner: &str) -> bool {
    let words: Vec<&str> = inner
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    let lex = crate::lexicon::lexicon();
    words.len() >= 4
        || words.iter().any(|w| {
            super::clause::words().finite.contains(w)
                || lex.neutral.contains(w)
                || lex.loaded.contains(w)
                || lex.cognitive.contains(w)
        })
}

/// Every quote meeting the condition.
pub fn eval<'a>(cond: QuoteCond, ctx: &Ctx<'a>) -> Vec<Hit<'a>> {
    let a = ctx.a;
    match cond {
        QuoteCond::Unattributed => a
            .quotes
            .iter()
            .filter(|q| q.kind == QuoteKind::Direct && q.speaker.is_none())
            // Speech is a clause: four words or a finite verb. A quoted slogan or name used
            // as a noun ("\"Law and order\" was a common theme") quotes nobody.
            .filter(|q| speech_like(q.quote.inner.of(&a.doc.text)))
            // A question quoting somebody makes no claim; captions and embedded posts are
            // not the story's quotes.
            .filter(|q| !a.layout_excludes(q.quote.span.start))
            // A quote after one of the same paragraph with a speaker in reach (or one already
            // reported) goes on in that voice.
            .scan(None::<usize>, |voiced, q| {
                let goes_on = *voiced == Some(q.quote.first_block);
                *voiced = Some(q.quote.last_block);
                Some((!goes_on && !speaker_in_reach(ctx, q)).then_some(q))
            })
            .flatten()
            .map(|q| Hit {
                quote: Some(q.quote.inner.of(&a.doc.text).to_owned()),
                ..Hit::at(q.quote.span)
            })
            .collect(),
        QuoteCond::Unbalanced => a.unbalanced.iter().map(|s| Hit::at(*s)).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::speech_like;

    #[test]
    fn speech_is_a_clause() {
        assert!(speech_like("Nobody is talking to us anymore."));
        assert!(speech_like("We won."));
        assert!(speech_like("Critics say"));
        assert!(!speech_like("Law and order"));
        assert!(!speech_like("green tape"));
    }
}
