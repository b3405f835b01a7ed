//! The `lone_plural` matcher: a story that credits its unnamed material to a plural source
//! ("sources said", "people familiar with the matter said", "officials said") when nothing in
//! the story shows there was more than one.
//!
//! It fires once, at the plural mention, when all of these hold:
//! - every quote and claim from the given classes comes from one source (one entity: the
//!   mention and its re-mentions, "the sources added");
//! - that source's head noun is one of the plural `heads` (the head is the last word before a
//!   linking word: "people | familiar with the matter");
//! - no mention of it holds a `more_than_one` phrase ("two people", "one of the officials");
//! - nowhere in the story does a `more_than_one` phrase stand before that head noun with at
//!   most two words between ("both sources asked not to be named", "three senior officials").
//!
//! The story may of course have had several sources; the rule asks the writer to check, which
//! is why it belongs to the strict pack as a warning.

use super::LonePlural;
use super::engine::{Ctx, Hit};
use crate::attribution::grammar;
use crate::lexicon::word_bounded;

/// The head noun of a source phrase, lowercase: the last word before the first linking word,
/// relative pronoun or comma ("people familiar with the matter" -> "people"; "a spokesperson
/// for the ministry" -> "spokesperson"). Shared with [`super::record`].
pub(super) fn head(text: &str) -> Option<String> {
    let g = grammar();
    let mut last: Option<String> = None;
    for (i, raw) in text.split_whitespace().enumerate() {
        let w = raw.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
        if w.is_empty() {
            continue;
        }
        if i > 0 && (g.phrase_links.contains(w) || g.relative_pronouns.contains(w)) {
            break;
        }
        last = Some(w.to_lowercase());
        if raw.ends_with(',') {
            break;
        }
    }
    last
}

/// True when `w` is a numeral of 2 or more ("36", "1,200").
fn numeral(w: &str) -> bool {
    let w = w.trim_matches(|c: char| !c.is_alphanumeric());
    !w.is_empty()
        && w.chars().all(|c| c.is_ascii_digit() || c == ',')
        && w.replace(',', "").parse::<u64>().is_ok_and(|n| n >= 2)
}

/// True when `t` holds a `more_than_one` phrase or a numeral of 2 or more.
fn counted(lp: &LonePlural, t: &str) -> bool {
    lp.more_than_one.is_match(t) || t.split_whitespace().any(numeral)
}

/// True when a `more_than_one` phrase or a numeral stands before a word-bounded `head` in
/// `text`, with at most two words between and no punctuation ("both sources", "two senior
/// officials", "36 people").
fn counted_anywhere(lp: &LonePlural, text: &str, head: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    lower.match_indices(head).any(|(at, _)| {
        let end = at + head.len();
        if !word_bounded(text, at, end) {
            return false;
        }
        let mut from = at.saturating_sub(80);
        while !text.is_char_boundary(from) {
            from -= 1;
        }
        let window = &text[from..at];
        let plain = |gap: &str| {
            gap.chars()
                .all(|c| c.is_alphanumeric() || c.is_whitespace() || "-'’".contains(c))
        };
        let words: Vec<&str> = window.split_whitespace().rev().take(3).collect();
        if let Some(i) = words.iter().position(|w| numeral(w)) {
            // The numeral and the words after it up to the head: no punctuation between.
            if words[..i].iter().all(|w| plain(w))
                && plain(words[i].trim_end_matches(|c: char| c.is_ascii_digit()))
            {
                return true;
            }
        }
        lp.more_than_one
            .find_all(window)
            .last()
            .is_some_and(|count| {
                let gap = &window[count.end..];
                plain(gap) && gap.split_whitespace().count() <= 2
            })
    })
}

/// One hit at the plural mention when the story shows only one unnamed source.
pub fn eval<'a>(lp: &LonePlural, ctx: &Ctx<'a>) -> Vec<Hit<'a>> {
    let a = ctx.a;
    let pool: Vec<_> = ctx
        .sourced
        .iter()
        .filter(|s| lp.classes.contains(&s.source.class))
        .collect();
    let Some(first) = pool.first() else {
        return Vec::new();
    };
    if pool.iter().any(|s| s.entity != first.entity) {
        return Vec::new();
    }
    // The words where the source is first described, when the resolver knows them.
    let first_span = first
        .source
        .mention
        .and_then(|m| a.mention_spans.get(m).copied().flatten())
        .filter(|f| f.start <= first.source.span.start);
    let full = first_span
        .and_then(|sp| a.doc.text.get(sp.start..sp.end))
        .or(first.source.refers_to.as_deref())
        .unwrap_or(first.source.text.as_str());
    let Some(head) = head(full) else {
        return Vec::new();
    };
    if !lp.heads.contains(&head) {
        return Vec::new();
    }
    if let Some(marks) = &lp.confidential {
        let n = a.sentences.len();
        let first_sentence = a.sentence_at(first_span.unwrap_or(first.source.span).start);
        let mut sentences = vec![first_sentence, first_sentence + 1];
        sentences.extend(pool.iter().map(|s| a.sentence_at(s.source.span.start)));
        let marked = marks.is_match(full)
            || sentences
                .iter()
                .filter(|&&i| i < n)
                .any(|&i| marks.is_match(ctx.sentence_text(i)));
        if !marked {
            return Vec::new();
        }
    }
    let counted = |t: &str| counted(lp, t);
    if counted(full)
        || pool
            .iter()
            .any(|s| counted(&s.source.text) || s.source.refers_to.as_deref().is_some_and(counted))
    {
        return Vec::new();
    }
    if counted_anywhere(lp, &a.doc.text, &head) {
        return Vec::new();
    }
    vec![Hit {
        span: first_span.unwrap_or(first.source.span),
        source: Some(first.source),
        cue: first.cue.map(str::to_owned),
        quote: first
            .quote
            .map(|q| q.quote.inner.of(&a.doc.text).to_owned()),
        matched: Some(full.split_whitespace().collect::<Vec<_>>().join(" ")),
    }]
}

#[cfg(test)]
mod tests {
    use super::{head, numeral};

    #[test]
    fn numerals_of_two_or_more() {
        assert!(numeral("36"));
        assert!(numeral("1,200"));
        assert!(numeral("(2)"));
        assert!(!numeral("1"));
        assert!(!numeral("2020s"));
        assert!(!numeral("officials"));
    }

    #[test]
    fn head_is_the_noun_before_the_link() {
        assert_eq!(
            head("people familiar with the matter").as_deref(),
            Some("people")
        );
        assert_eq!(
            head("senior administration officials").as_deref(),
            Some("officials")
        );
        assert_eq!(
            head("Sources, who asked not to be named").as_deref(),
            Some("sources")
        );
        assert_eq!(
            head("officials who spoke on condition of anonymity").as_deref(),
            Some("officials")
        );
    }
}
