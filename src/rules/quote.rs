//! The quote conditions: `quote: unattributed` (a direct quote with no speaker, not even by
//! continuation, that reads as speech: four words or a finite verb) and `quote: unbalanced`
//! (an opening mark with no close).

use super::QuoteCond;
use super::engine::{Ctx, Hit};
use crate::quotes::QuoteKind;

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
    cue_near || colon_before
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
            .filter(|q| !speaker_in_reach(ctx, q))
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
