//! Inputs found by fuzzing and hostile-input work (issue 7), kept so they stay fixed.
//!
//! Each case runs through what the fuzz targets run (`fuzz/fuzz_targets/`): the quote and
//! attribution grammar in all three formats, `check` with the bundled rules, rule-file and config
//! decoding, and `diff`. The fuzz runs found no crash or timeout; the cases below are the
//! problems found by the hostile-input tests and benchmark, the worst cases behind the `diff`
//! target's slowing down (quadratic pairing, name lookups and word diffs), and edge inputs of
//! the harnesses. Speed itself is measured in `benches/hostile.rs`, not here.

use std::path::Path;

use attrib::analysis::Analysis;
use attrib::check::{bundled_rules, check_text};
use attrib::config::Config;
use attrib::input::Format;

const FORMATS: [Format; 3] = [Format::Text, Format::Markdown, Format::Html];

/// What the `quotes`, `check` and `diff` targets do with one input.
fn pipeline(text: &str) {
    let rules = bundled_rules().unwrap();
    for format in FORMATS {
        let a = Analysis::new(text.to_owned(), format);
        for q in &a.quotes {
            let raw = a.doc.raw_span(q.quote.span);
            assert!(raw.start <= raw.end && raw.end <= text.len());
            assert!(text.is_char_boundary(raw.start) && text.is_char_boundary(raw.end));
        }
        for f in check_text(&rules, text.to_owned(), format) {
            assert!(f.start <= f.end && f.end <= text.len());
        }
        attrib::diff::diff_texts(text.to_owned(), format, String::new(), format);
        attrib::diff::diff_texts(String::new(), format, text.to_owned(), format);
    }
}

#[test]
fn edge_inputs_of_the_harnesses() {
    for text in [
        "",
        "\"",
        "“",
        "”“",
        "'",
        "\"\"\"\"",
        "«»„“‘’",
        "<!--",
        "<p>“</p>”",
        "&ldquo;x&rdquo; he said",
        "```\n“x,” he said\n",
        "> > > “x”\n>\n",
        "---\n\"a\n\n\"b,\" said officials.",
        "<!-- attrib-disable-next-line -->",
        "attrib-disable-next-line\n",
        "\r\n\r\n“\r\n”",
    ] {
        pipeline(text);
    }
}

/// Columns were counted from the line start for every finding, so a story on one giant line took
/// quadratic time (1 MB of quote marks: 7 s; 5 MB: minutes). `LineIndex` now keeps character
/// checkpoints; the columns must still be exact.
#[test]
fn columns_on_one_long_line_stay_exact() {
    let rules = bundled_rules().unwrap();
    let unit = "“Fine,” officials said. ";
    let text = format!("Intro.\n{}", unit.repeat(2000));
    let findings = check_text(&rules, text.clone(), Format::Text);
    assert!(!findings.is_empty());
    for f in findings {
        let line_start = text[..f.start].rfind('\n').map_or(0, |i| i + 1);
        assert_eq!(f.column, text[line_start..f.start].chars().count() + 1);
    }
}

/// YAML the `rules` target decodes: alias bombs are refused before decoding, and anchors or
/// aliases inside strings, comments and block scalars do not count.
#[test]
fn rule_and_config_yaml() {
    let p = Path::new("fuzz.yaml");
    let bomb = "a: &a [x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n\
                c: [*b, *b, *b, *b, *b, *b, *b, *b]\n";
    let e = attrib::rules::parse_rules(p, "fuzz", bomb).unwrap_err();
    assert!(e.to_string().contains("aliases"), "{e}");
    assert!(attrib::yaml::from_str::<Config>(p, bomb).is_err());
    let ok = "rules:\n  - id: bold-claim\n    severity: info\n    message: 'm *a*'\n    \
              when: {pattern: '\\w*x'}\n    examples:\n      bad:\n        - |\n          \
              *x* *y* *z* *w* *v* wx\n";
    attrib::rules::parse_rules(p, "fuzz", ok).unwrap();
    for text in [
        "",
        "rules:",
        "rules: []",
        "rules: [{}]",
        "- - - -",
        "{",
        "!!binary x",
        "*",
    ] {
        let _ = attrib::rules::parse_rules(p, "fuzz", text);
        let _ = attrib::yaml::from_str::<Config>(p, text);
    }
}

/// Found while fuzzing `diff` (its executions per second fell as the corpus grew): near
/// matching compared every unpaired quote and attribution with every other, and name lookups
/// scanned every earlier mention of a repeated source ("Officials said..."), both quadratic.
/// Past a few thousand items the comparison is now windowed by position; the pairing must
/// still find every edit.
#[test]
fn thousands_of_edited_quotes_still_pair_up() {
    let n = 1500;
    let story = |ready: &str, verdict: &str| {
        (0..n)
            .map(|i| {
                format!(
                    "\"Item {i} is {ready}ready,\" she said. Officials said plan {i} would {verdict}.\n\n"
                )
            })
            .collect::<String>()
    };
    let changes = attrib::diff::diff_texts(
        story("", "work"),
        Format::Text,
        story("nearly ", "fail"),
        Format::Text,
    );
    let count = |k: attrib::diff::ChangeKind| changes.iter().filter(|c| c.kind == k).count();
    assert_eq!(count(attrib::diff::ChangeKind::QuoteEdited), n);
    assert_eq!(count(attrib::diff::ChangeKind::QuoteAdded), 0);
    assert_eq!(count(attrib::diff::ChangeKind::QuoteRemoved), 0);
}

/// Also from the `diff` fuzz target: Myers' word diff is quadratic in the worst case, so two
/// long, unrelated versions of one quote took seconds (and a 1 MB one minutes). Beyond a
/// million word pairs the middle is one replacement; the change must still be reported.
#[test]
fn one_huge_rewritten_quote_is_still_a_change() {
    let quote = |w: &str| {
        let words: Vec<String> = (0..20_000).map(|i| format!("{w}{}", i % 7)).collect();
        format!("\"{}\" she said.\n", words.join(" "))
    };
    let changes = attrib::diff::diff_texts(quote("a"), Format::Text, quote("b"), Format::Text);
    assert!(!changes.is_empty());
    let edits = attrib::diff::word_edits("a b c d", "a x c d");
    assert_eq!(
        edits.len(),
        4,
        "small quotes still get an exact word diff: {edits:?}"
    );
}
