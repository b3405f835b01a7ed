//! The `phrase` matcher: word-bounded, case-insensitive phrases in the writer's prose (never
//! inside quotes).

use super::Phrases;
use super::engine::{Ctx, Hit};

/// Every phrase match outside quotes.
pub fn eval<'a>(p: &Phrases, ctx: &Ctx<'a>) -> Vec<Hit<'a>> {
    p.find_in_analysis(ctx.a)
        .into_iter()
        .filter(|s| !ctx.a.in_quote(s.start))
        .map(Hit::at)
        .collect()
}
