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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

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
