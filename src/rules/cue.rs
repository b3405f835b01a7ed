//! The `cue` matcher: the speech verb of a quote or claim is in the list ("claimed",
//! "admitted"). Only words found at an attribution count, so "admitted to hospital" is never a
//! cue.

use super::Words;
use super::engine::{Ctx, Hit};

/// Every attribution cue in the list, once per cue.
pub fn eval<'a>(w: &Words, ctx: &Ctx<'a>) -> Vec<Hit<'a>> {
    let mut out: Vec<Hit<'a>> = Vec::new();
    for s in &ctx.sourced {
        let (Some(cue), Some(span)) = (s.cue, s.cue_span) else {
            continue;
        };
        let hit = w.contains(cue.trim()) || cue.split_whitespace().any(|word| w.contains(word));
        if hit && !out.iter().any(|h| h.span == span) {
            out.push(Hit {
                span,
                source: Some(s.source),
                cue: Some(cue.to_owned()),
                quote: s
                    .quote
                    .map(|q| q.quote.inner.of(&ctx.a.doc.text).to_owned()),
                matched: None,
            });
        }
    }
    out
}
