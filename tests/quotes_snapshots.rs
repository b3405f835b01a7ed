//! Snapshots of `attrib quotes --format json` (the contract's shape) for one article of each
//! input format, so any change to spans, speakers or classes shows up in review.

use std::path::Path;

use attrib::analysis::Analysis;
use attrib::input::Format;
use attrib::report::quotes::{QuotesJson, file_quotes};

fn quotes_json(rel: &str) -> serde_json::Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    let raw = std::fs::read_to_string(&path).expect("fixture");
    let a = Analysis::new(raw, Format::from_path(&path));
    let files = [file_quotes(rel, &a)];
    serde_json::to_value(QuotesJson { files: &files }).expect("serialises")
}

#[test]
fn example_article_text() {
    insta::assert_json_snapshot!(quotes_json("fixtures/examples/diplomacy-miami.txt"));
}

#[test]
fn markdown_article() {
    insta::assert_json_snapshot!(quotes_json("fixtures/b-central-bank.md"));
}

#[test]
fn html_article() {
    insta::assert_json_snapshot!(quotes_json("fixtures/c-governor-veto.html"));
}

#[test]
fn spans_point_into_the_raw_file() {
    for rel in [
        "fixtures/b-central-bank.md",
        "fixtures/c-governor-veto.html",
        "fixtures/examples/diplomacy-miami.txt",
    ] {
        let raw = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(rel))
            .expect("fixture");
        let v = quotes_json(rel);
        for q in v["files"][0]["quotes"].as_array().expect("quotes") {
            let (s, e) = (q["start"].as_u64().unwrap() as usize, q["end"].as_u64().unwrap() as usize);
            let slice = raw.get(s..e).expect("span on char boundaries");
            // The raw bytes hold the quoted words (entities and markup aside): the first word
            // of the reported text appears at the start of the span.
            let first = q["text"].as_str().unwrap().split_whitespace().next().unwrap_or("");
            let first: String = first.chars().filter(|c| c.is_alphanumeric()).take(3).collect();
            assert!(slice.contains(&first), "{rel}: {slice:?} does not hold {first:?}");
        }
    }
}
