//! The `pattern` matcher: a regex (the `regex` crate, linear time) over the writer's prose
//! (matches starting inside quotes are skipped).

use super::engine::{Ctx, Hit};
use crate::span::Span;

/// Every non-empty regex match that starts outside quotes.
pub fn eval<'a>(re: &regex::Regex, ctx: &Ctx<'a>) -> Vec<Hit<'a>> {
    re.find_iter(&ctx.a.doc.text)
        .filter(|m| !m.is_empty() && !ctx.a.in_quote(m.start()))
        .map(|m| Hit::at(Span::new(m.start(), m.end())))
        .collect()
}
