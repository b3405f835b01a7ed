//! The quote and attribution grammar over arbitrary UTF-8: the first byte picks plain text,
//! Markdown or HTML (one analysis per input keeps executions fast; every format is reached).
#![no_main]

use attrib::analysis::analyze;
use attrib::document::Document;
use attrib_fuzz::format_of;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let format = format_of(first);
    let doc = Document::new(text.to_owned(), format);
    let scan = attrib::quotes::scan(&doc);
    for q in &scan.quotes {
        assert!(q.span.start <= q.span.end && q.span.end <= doc.text.len());
        assert!(doc.text.is_char_boundary(q.span.start) && doc.text.is_char_boundary(q.span.end));
    }
    let a = analyze(doc);
    for q in &a.quotes {
        let raw = a.doc.raw_span(q.quote.span);
        assert!(raw.start <= raw.end && raw.end <= text.len());
        assert!(text.is_char_boundary(raw.start) && text.is_char_boundary(raw.end));
    }
    for r in &a.word_runs {
        assert!(
            a.doc.text.is_char_boundary(r.span.start) && a.doc.text.is_char_boundary(r.span.end)
        );
    }
});
