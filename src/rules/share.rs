//! The `share` matcher: a document-level check on the share of attributed quotes (and, with
//! `claims: true`, unquoted claims) whose source is of the given classes. It fires once, on the
//! first counted quote from those classes (or the first counted item when none is).

use super::Share;
use super::engine::{Ctx, Hit};
use crate::span::Span;

/// One hit when the share crosses the threshold.
pub fn eval<'a>(s: &Share, ctx: &Ctx<'a>) -> Vec<Hit<'a>> {
    let pool: Vec<_> = ctx
        .sourced
        .iter()
        .filter(|x| s.claims || x.quote.is_some())
        .collect();
    let quotes = ctx.sourced.iter().filter(|x| x.quote.is_some()).count();
    if quotes < s.min_quotes.max(1) || pool.is_empty() {
        return Vec::new();
    }
    let inside: Vec<_> = pool
        .iter()
        .filter(|x| s.classes.contains(&x.source.class))
        .collect();
    let share = inside.len() as f64 / pool.len() as f64;
    let fires = s.above.is_some_and(|t| share > t) || s.at_most.is_some_and(|t| share <= t);
    if !fires {
        return Vec::new();
    }
    let at = inside.first().map_or(*pool[0], |x| ***x);
    let span: Span = at.quote.map_or(at.source.span, |q| q.quote.span);
    vec![Hit {
        span,
        source: Some(at.source),
        cue: at.cue.map(str::to_owned),
        quote: at
            .quote
            .map(|q| q.quote.inner.of(&ctx.a.doc.text).to_owned()),
        matched: Some(format!(
            "{} of {} attributed {}",
            inside.len(),
            pool.len(),
            if s.claims {
                "quotes and claims"
            } else {
                "quotes"
            }
        )),
    }]
}
