//! The quote conditions: `quote: unattributed` (a direct quote with no speaker, not even by
//! continuation) and `quote: unbalanced` (an opening mark with no close).

use super::QuoteCond;
use super::engine::{Ctx, Hit};
use crate::quotes::QuoteKind;

/// Every quote meeting the condition.
pub fn eval<'a>(cond: QuoteCond, ctx: &Ctx<'a>) -> Vec<Hit<'a>> {
    let a = ctx.a;
    match cond {
        QuoteCond::Unattributed => a
            .quotes
            .iter()
            .filter(|q| q.kind == QuoteKind::Direct && q.speaker.is_none())
            // A question quoting somebody makes no claim; captions and embedded posts are
            // not the story's quotes.
            .filter(|q| !a.layout_excludes(q.quote.span.start))
            .map(|q| Hit {
                quote: Some(q.quote.inner.of(&a.doc.text).to_owned()),
                ..Hit::at(q.quote.span)
            })
            .collect(),
        QuoteCond::Unbalanced => a.unbalanced.iter().map(|s| Hit::at(*s)).collect(),
    }
}
