//! Properties of the analysis over arbitrary text: no panics, spans inside the input and on char
//! boundaries, quote text equal to the slice between its marks, determinism.

use attrib::analysis::Analysis;
use attrib::input::Format;
use proptest::prelude::*;

fn news_like() -> impl Strategy<Value = String> {
    let pieces = prop::collection::vec(
        prop_oneof![
            Just("\"".to_owned()),
            Just("“".to_owned()),
            Just("”".to_owned()),
            Just("‘".to_owned()),
            Just("’".to_owned()),
            Just("'".to_owned()),
            Just(" said ".to_owned()),
            Just(" according to ".to_owned()),
            Just("the official".to_owned()),
            Just(", ".to_owned()),
            Just(". ".to_owned()),
            Just("\n\n".to_owned()),
            Just("\n".to_owned()),
            Just("<p>".to_owned()),
            Just("&ldquo;".to_owned()),
            Just("> ".to_owned()),
            Just("Ana Ruiz".to_owned()),
            "[a-zA-Z ]{1,8}",
            "\\PC{0,4}",
        ],
        0..60,
    );
    pieces.prop_map(|v| v.concat())
}

fn check(text: &str, format: Format) {
    let a = Analysis::new(text.to_owned(), format);
    let raw = &a.doc.raw;
    for q in &a.quotes {
        let span = a.doc.raw_span(q.quote.inner);
        assert!(span.end <= raw.len() && span.start <= span.end);
        assert!(raw.is_char_boundary(span.start) && raw.is_char_boundary(span.end));
        if format == Format::Text {
            assert_eq!(span.of(raw), q.quote.inner.of(&a.doc.text));
        }
        let (line, col) = a.doc.line_col(span.start);
        assert!(line >= 1 && col >= 1);
        if let Some(s) = &q.speaker {
            let sp = a.doc.raw_span(s.span);
            assert!(
                sp.end <= raw.len()
                    && raw.is_char_boundary(sp.start)
                    && raw.is_char_boundary(sp.end)
            );
        }
    }
    for at in &a.attributions {
        let sp = a.doc.raw_span(at.span);
        assert!(
            sp.end <= raw.len() && raw.is_char_boundary(sp.start) && raw.is_char_boundary(sp.end)
        );
    }
    let b = Analysis::new(text.to_owned(), format);
    assert_eq!(a.quotes.len(), b.quotes.len());
    assert_eq!(a.attributions.len(), b.attributions.len());
}

/// Raw start and end, kind, and speaker text and class of one quote.
type QuoteView = (usize, usize, String, Option<(String, String)>);

/// What a reader sees of each quote: where it is, how it reads, who said it.
fn quote_view(a: &Analysis) -> Vec<QuoteView> {
    a.quotes
        .iter()
        .map(|q| {
            let span = a.doc.raw_span(q.quote.span);
            (
                span.start,
                span.end,
                format!("{:?}", q.kind),
                q.speaker
                    .as_ref()
                    .map(|s| (s.text.clone(), format!("{:?}", s.class))),
            )
        })
        .collect()
}

/// Paragraphs that quote nobody and name nobody: appended to a story, they cannot change
/// anything before them.
fn unrelated_paragraph() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("The weather was mild on Tuesday.".to_owned()),
        Just("Road works on the bypass are due to end in March.".to_owned()),
        Just("Tickets went on sale at noon and sold out within the hour.".to_owned()),
        Just("The museum reopens next week after a two-year renovation.".to_owned()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn appending_an_unrelated_paragraph_keeps_the_quotes_before_it(
        s in news_like(),
        extra in unrelated_paragraph(),
        markdown in any::<bool>(),
    ) {
        // Plain text decides its paragraph style from the whole file; a story that already
        // has blank-line paragraphs keeps that style when one more is added.
        let base = format!("{s}\n\nThe council met on Monday.\n");
        let format = if markdown { Format::Markdown } else { Format::Text };
        let before = Analysis::new(base.clone(), format);
        let after = Analysis::new(format!("{base}\n{extra}\n"), format);
        prop_assert_eq!(quote_view(&before), quote_view(&after));
    }

    #[test]
    fn text_never_panics_and_spans_are_exact(s in news_like()) {
        check(&s, Format::Text);
    }

    #[test]
    fn markdown_never_panics(s in news_like()) {
        check(&s, Format::Markdown);
    }

    #[test]
    fn html_never_panics(s in news_like()) {
        check(&s, Format::Html);
    }
}

#[test]
#[ignore]
fn five_megabytes_of_quote_marks_is_fine() {
    let text = "\"".repeat(5 * 1024 * 1024);
    let a = Analysis::new(text, Format::Text);
    assert!(a.quotes.len() <= 3 * 1024 * 1024);
}
