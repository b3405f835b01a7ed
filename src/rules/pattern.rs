//! The `pattern` matcher: a regex (the `regex` crate, linear time) over the writer's prose
//! (matches starting inside quotes are skipped). A group named `match` narrows the span.

use super::engine::{Ctx, Hit};
use crate::span::Span;

/// Every non-empty regex match that starts outside quotes.
pub fn eval<'a>(re: &regex::Regex, ctx: &Ctx<'a>) -> Vec<Hit<'a>> {
    re.captures_iter(&ctx.a.doc.text)
        .filter_map(|c| c.name("match").or_else(|| c.get(0)))
        .filter(|m| !m.is_empty() && !ctx.a.not_prose(m.start()))
        .map(|m| Hit::at(Span::new(m.start(), m.end())))
        .collect()
}
