//! The `phrase` matcher: word-bounded, case-insensitive phrases in the writer's prose (never
//! inside quotes), with `sentence_start` only those that open a sentence.

use super::PhraseMatch;
use super::engine::{Ctx, Hit};
use crate::document::Document;
use crate::lexicon::lexicon;

/// Every phrase match outside quotes (with `sentence_start`, only those opening a sentence).
pub fn eval<'a>(m: &PhraseMatch, ctx: &Ctx<'a>) -> Vec<Hit<'a>> {
    let connectives = &lexicon().sentence_connectives;
    m.phrases
        .find_in_analysis(ctx.a)
        .into_iter()
        .filter(|s| !ctx.a.in_quote(s.start))
        .filter(|s| !m.sentence_start || opens_sentence(&ctx.a.doc, s.start, connectives))
        .map(Hit::at)
        .collect()
}

/// True when a phrase at view offset `v` of `doc` opens a sentence: [`sentence_opening`] is at
/// `v`, or at one of `connectives` (in its own case) that is followed by an optional comma and
/// whitespace up to `v` ("The vote was close. But some observers ...").
pub fn opens_sentence(doc: &Document, v: usize, connectives: &[String]) -> bool {
    if sentence_opening(doc, v) {
        return true;
    }
    let before = &doc.text[..v];
    let word = before.trim_end();
    if word.len() == before.len() {
        return false;
    }
    let word = word.strip_suffix(',').unwrap_or(word);
    connectives
        .iter()
        .any(|c| word.ends_with(c.as_str()) && sentence_opening(doc, word.len() - c.len()))
}

/// True when a sentence may start at view offset `v` of `doc`: the start of the text or of a
/// block (paragraph, heading), or after `.`, `!` or `?`, an optional closing quote mark (`"`,
/// `”`, `’`) and at least one whitespace character.
pub fn sentence_opening(doc: &Document, v: usize) -> bool {
    if v == 0
        || doc
            .blocks
            .binary_search_by_key(&v, |b| b.span.start)
            .is_ok()
    {
        return true;
    }
    let before = &doc.text[..v];
    let end = before.trim_end();
    if end.len() == before.len() {
        return false;
    }
    let end = end.strip_suffix(['"', '”', '’']).unwrap_or(end);
    end.ends_with(['.', '!', '?'])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Format;

    fn opens(text: &str, at: &str) -> bool {
        let doc = Document::new(text.to_owned(), Format::Text);
        let v = text.find(at).expect("in the text");
        opens_sentence(&doc, v, &lexicon().sentence_connectives)
    }

    #[test]
    fn sentence_openings() {
        assert!(opens("Some experts agree.", "Some"));
        assert!(opens("It was close. Some experts agree.", "Some"));
        assert!(opens("It was close!\n\tmany experts agree.", "many"));
        assert!(opens("“Is it?” Some experts agree.", "Some"));
        assert!(opens("It was “close.” Some experts agree.", "Some"));
        assert!(opens("It was close. But some experts agree.", "some"));
        assert!(opens("It was close. Still,  some experts agree.", "some"));
        assert!(opens("But some experts agree.", "some"));
        assert!(opens("A headline\n\nSome experts agree.", "Some"));
        assert!(opens("It was close. Yet\u{a0}some experts agree.", "some"));
        assert!(!opens("He met with some experts.", "some"));
        assert!(!opens("It was close.Some experts agree.", "Some"));
        assert!(!opens("It was close.\"\" Some experts agree.", "Some"));
        assert!(!opens("It was close. but some experts agree.", "some"));
        assert!(!opens("It was close. Butsome experts agree.", "some"));
        assert!(!opens("It was close. But, , some experts agree.", "some"));
        assert!(!opens("It was close. Snow some experts agree.", "some"));
        assert!(!opens("It was close, But some experts agree.", "some"));
        assert!(!opens("It was close. But,some experts agree.", "some"));
    }
}
