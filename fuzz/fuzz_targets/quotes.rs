//! The quote and attribution grammar over arbitrary UTF-8, read as plain text, Markdown and HTML.
#![no_main]

use attrib::analysis::analyze;
use attrib::document::Document;
use attrib::input::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    for format in [Format::Text, Format::Markdown, Format::Html] {
        let doc = Document::new(text.to_owned(), format);
        let scan = attrib::quotes::scan(&doc);
        for q in &scan.quotes {
            assert!(q.span.start <= q.span.end && q.span.end <= doc.text.len());
        }
        let a = analyze(doc);
        for q in &a.quotes {
            let raw = a.doc.raw_span(q.quote.span);
            assert!(raw.end <= text.len());
            assert!(text.is_char_boundary(raw.start) && text.is_char_boundary(raw.end));
        }
    }
});
