//! The `source` matcher: quotes and claims whose source is of the given classes, optionally
//! narrowed to direct or partial quotes, exact source words (`text`), sentences holding given
//! phrases (`sentence_has`), or the story's first quote (`first`).
//!
//! A source is reported once per entity: later mentions of the same source ("the official"
//! after "a White House official") are not new problems.

use std::collections::HashSet;

use super::engine::{Ctx, Hit};
use super::{QuoteScope, Rule, SourceMatch};
use crate::quotes::QuoteKind;

/// Every matching source, at its first mention.
pub fn eval<'a>(m: &SourceMatch, _rule: &Rule, ctx: &Ctx<'a>) -> Vec<Hit<'a>> {
    let a = ctx.a;
    let first_quote = a.quotes.iter().find(|q| q.kind != QuoteKind::Term);
    let mut seen_entities = HashSet::new();
    let mut out = Vec::new();
    for s in &ctx.sourced {
        if !m.classes.contains(&s.source.class) {
            continue;
        }
        let scope_ok = match (m.quote, s.quote) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(QuoteScope::Any), Some(_)) => true,
            (Some(QuoteScope::Direct), Some(q)) => q.kind == QuoteKind::Direct,
            (Some(QuoteScope::Partial), Some(q)) => q.kind == QuoteKind::Partial,
        };
        if !scope_ok {
            continue;
        }
        if m.first {
            let is_first = match (s.quote, first_quote) {
                (Some(q), Some(f)) => std::ptr::eq(q, f),
                _ => false,
            };
            if !is_first {
                continue;
            }
        }
        if let Some(words) = &m.text {
            let norm = |t: &str| {
                t.split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .to_lowercase()
            };
            let own = words.contains(&norm(&s.source.text));
            let earlier = s
                .source
                .refers_to
                .as_deref()
                .is_some_and(|r| words.contains(&norm(r)));
            if !own && !earlier {
                continue;
            }
        }
        if let Some(p) = &m.sentence_has {
            let in_sentence = p.is_match(ctx.sentence_text(s.sentence));
            let in_quote = s
                .quote
                .is_some_and(|q| p.is_match(q.quote.inner.of(&a.doc.text)));
            if !in_sentence && !in_quote {
                continue;
            }
        }
        if m.credited && !super::record::credited(ctx, s) {
            continue;
        }
        if !seen_entities.insert(s.entity) {
            continue;
        }
        // Reported where the source is first described ("A banker who has worked with ...",
        // not the later "the banker said"), when it speaks or claims there too, or stands in
        // the same paragraph or the one before: a first mention paragraphs back where the
        // source only acted ("one of his lawyers posted a photo") would show the editor no
        // claim.
        let block = |v: usize| a.doc.block_at(v).unwrap_or(0);
        let first = s
            .source
            .mention
            .and_then(|m| a.mention_spans.get(m).copied().flatten())
            .filter(|f| {
                f.start < s.source.span.start
                    && (block(f.start) + 1 >= block(s.source.span.start) || ctx.speaks_at(f.start))
            });
        out.push(Hit {
            span: first.unwrap_or(s.source.span),
            source: Some(s.source),
            cue: s.cue.map(str::to_owned),
            quote: s.quote.map(|q| q.quote.inner.of(&a.doc.text).to_owned()),
            matched: None,
        });
    }
    out
}
