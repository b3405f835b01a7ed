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
            let (s, e) = (
                q["start"].as_u64().unwrap() as usize,
                q["end"].as_u64().unwrap() as usize,
            );
            let slice = raw.get(s..e).expect("span on char boundaries");
            // The raw bytes hold the quoted words (entities and markup aside): the first word
            // of the reported text appears at the start of the span.
            let first = q["text"]
                .as_str()
                .unwrap()
                .split_whitespace()
                .next()
                .unwrap_or("");
            let first: String = first
                .chars()
                .filter(|c| c.is_alphanumeric())
                .take(3)
                .collect();
            assert!(
                slice.contains(&first),
                "{rel}: {slice:?} does not hold {first:?}"
            );
        }
    }
}

/// `attrib quotes` over a folder streams one file at a time: the JSON document is the one the
/// in-memory model gives (files in path order), CSV has one header, an unreadable file is
/// reported on stderr and the run goes on, exiting 2.
#[test]
fn folder_run_streams_in_path_order() {
    let dir = std::env::temp_dir().join(format!("attrib-quotes-folder-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("sub")).expect("temp dir");
    let texts = [
        (
            "b.txt",
            "\"We will not back down,\" said Ana Ruiz, a picket captain.\n",
        ),
        (
            "a.md",
            "The talks resume Monday, according to a White House official.\n",
        ),
        ("sub/c.txt", "Nothing quoted here.\n"),
    ];
    for (name, text) in texts {
        std::fs::write(dir.join(name), text).expect("write");
    }
    std::fs::write(dir.join("bad.txt"), b"x\xff").expect("write");
    let run = |format: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_attrib"))
            .args(["quotes", "--format", format])
            .arg(&dir)
            .output()
            .expect("runs")
    };
    let out = run("json");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("bad.txt"), "{stderr}");
    let got = String::from_utf8(out.stdout).expect("utf-8");
    let mut files = Vec::new();
    for name in ["a.md", "b.txt", "sub/c.txt"] {
        let path = dir.join(name);
        let raw = std::fs::read_to_string(&path).expect("read");
        let a = Analysis::new(raw, Format::from_path(&path));
        files.push(file_quotes(&path.display().to_string(), &a));
    }
    let want = serde_json::to_string_pretty(&QuotesJson { files: &files }).expect("json") + "\n";
    assert_eq!(got, want);
    let csv = String::from_utf8(run("csv").stdout).expect("utf-8");
    assert_eq!(csv.matches("path,type,").count(), 1);
    assert_eq!(csv.lines().count(), 3, "{csv}");
    let human = String::from_utf8(run("human").stdout).expect("utf-8");
    let a = human.find("a.md").expect("a.md listed");
    let b = human.find("b.txt").expect("b.txt listed");
    assert!(
        a < b && human.contains("(no quotes or attributions)"),
        "{human}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
