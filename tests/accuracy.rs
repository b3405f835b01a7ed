//! Accuracy of the analysis over the gold-annotated articles: quote precision, recall and F1,
//! speaker accuracy and class accuracy. Two sets, reported apart and each held to its floors:
//! the project's own fixtures (`fixtures/`, written by us) and real news (`fixtures/wikinews/`,
//! annotated from the text). Set `ATTRIB_ACCURACY_VERBOSE=1` to list misses and wrong speakers.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use attrib::analysis::Analysis;
use attrib::input::Format;
use attrib::quotes::QuoteKind;
use serde::Deserialize;

#[derive(Deserialize)]
#[allow(dead_code)]
struct Gold {
    #[serde(default)]
    quotes: Vec<GoldQuote>,
    #[serde(default)]
    non_quotes: Vec<String>,
    #[serde(default)]
    flags: Vec<serde_yaml_free::Any>,
    #[serde(default)]
    no_flags: Vec<serde_yaml_free::Any>,
}

mod serde_yaml_free {
    /// Any YAML value (flags are checked by the rule tests, not here).
    #[derive(serde::Deserialize)]
    #[serde(untagged)]
    #[allow(dead_code)]
    pub enum Any {
        Map(std::collections::BTreeMap<String, Option<String>>),
        Str(String),
    }
}

#[derive(Deserialize)]
struct GoldQuote {
    key: String,
    speaker: Option<Vec<String>>,
    class: Option<String>,
}

/// Fold quote marks and case and collapse whitespace, for key matching.
fn fold(s: &str) -> String {
    let mapped: String = s
        .chars()
        .map(|c| match c {
            '“' | '”' | '„' | '«' | '»' => '"',
            '‘' | '’' | '‚' | '‹' | '›' => '\'',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect();
    mapped.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[derive(Default, Clone, Copy)]
struct Counts {
    gold: usize,
    found: usize,
    reported: usize,
    false_pos: usize,
    speaker_ok: usize,
    class_ok: usize,
}

fn article_paths(sub: &str) -> Vec<(PathBuf, PathBuf)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(sub);
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return out;
    };
    for e in entries {
        let p = e.expect("entry").path();
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if let Some(stem) = name.strip_suffix(".gold.yaml") {
            let article = ["txt", "md", "html"]
                .iter()
                .map(|ext| dir.join(format!("{stem}.{ext}")))
                .find(|a| a.exists())
                .unwrap_or_else(|| panic!("no article for {name}"));
            out.push((article, p));
        }
    }
    out.sort();
    out
}

fn evaluate(article: &Path, gold_path: &Path, verbose: bool) -> Counts {
    let gold_text = std::fs::read_to_string(gold_path).expect("gold");
    let gold: Gold = attrib::yaml::from_str(gold_path, &gold_text).expect("gold parses");
    let raw = std::fs::read_to_string(article).expect("article");
    let a = Analysis::new(raw, Format::from_path(article));
    let reported: Vec<_> = a
        .quotes
        .iter()
        .filter(|q| matches!(q.kind, QuoteKind::Direct | QuoteKind::Partial))
        .map(|q| (fold(q.quote.inner.of(&a.doc.text)), q))
        .collect();
    let mut c = Counts {
        gold: gold.quotes.len(),
        reported: reported.len(),
        ..Counts::default()
    };
    let name = article.file_name().and_then(|n| n.to_str()).unwrap_or("");
    for g in &gold.quotes {
        let key = fold(&g.key);
        // A quote that is exactly the key first (a gold "no" is the quote "no.", not the
        // first longer quote holding the word), then any quote holding it.
        let bare = |t: &str| t.trim_matches(|c: char| !c.is_alphanumeric()).to_owned();
        let Some((_, q)) = reported
            .iter()
            .find(|(t, _)| bare(t) == bare(&key))
            .or_else(|| reported.iter().find(|(t, _)| t.contains(&key)))
        else {
            if verbose {
                println!("  MISS   {name}: {:?}", g.key);
            }
            continue;
        };
        c.found += 1;
        let speaker_ok = match (&g.speaker, &q.speaker) {
            (None, None) => true,
            (Some(names), Some(s)) => names.iter().any(|n| {
                let n = n.to_lowercase();
                s.text.to_lowercase().contains(&n)
                    || s.refers_to
                        .as_deref()
                        .is_some_and(|r| r.to_lowercase().contains(&n))
            }),
            _ => false,
        };
        if speaker_ok {
            c.speaker_ok += 1;
        }
        let class = q.speaker.as_ref().map(|s| s.class.as_str());
        if class == g.class.as_deref() {
            c.class_ok += 1;
        }
        if verbose && (!speaker_ok || class != g.class.as_deref()) {
            println!(
                "  {}  {name}: {:?} gold {:?}/{:?} got {:?}/{:?} (refers_to {:?})",
                if speaker_ok { "CLASS" } else { "WRONG" },
                g.key,
                g.speaker.as_ref().and_then(|s| s.first()),
                g.class,
                q.speaker.as_ref().map(|s| s.text.as_str()),
                class,
                q.speaker.as_ref().and_then(|s| s.refers_to.as_deref())
            );
        }
    }
    for (t, _) in &reported {
        if !gold.quotes.iter().any(|g| t.contains(&fold(&g.key))) {
            c.false_pos += 1;
            if verbose {
                println!(
                    "  EXTRA  {name}: {:?}",
                    t.chars().take(60).collect::<String>()
                );
            }
        }
    }
    c
}

/// Evaluate every article of `paths`, print the table (by format and in all) and return the
/// totals' (F1, speaker accuracy, class accuracy).
fn table(title: &str, paths: &[(PathBuf, PathBuf)], verbose: bool) -> (f64, f64, f64) {
    let mut by_format: BTreeMap<&str, Counts> = BTreeMap::new();
    let mut total = Counts::default();
    for (article, gold) in paths {
        let c = evaluate(article, gold, verbose);
        let fmt = match Format::from_path(article) {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
        };
        for t in [by_format.entry(fmt).or_default(), &mut total] {
            t.gold += c.gold;
            t.found += c.found;
            t.reported += c.reported;
            t.false_pos += c.false_pos;
            t.speaker_ok += c.speaker_ok;
            t.class_ok += c.class_ok;
        }
    }
    let row = |name: &str, c: &Counts| {
        let p = (c.reported - c.false_pos) as f64 / c.reported.max(1) as f64;
        let r = c.found as f64 / c.gold.max(1) as f64;
        let f1 = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        let sp = c.speaker_ok as f64 / c.found.max(1) as f64;
        let cl = c.class_ok as f64 / c.found.max(1) as f64;
        println!(
            "| {name:<9} | {:>5} | {:>8} | {p:.3} | {r:.3} | {f1:.3} | {sp:.3} | {cl:.3} |",
            c.gold, c.reported
        );
        (f1, sp, cl)
    };
    println!("\n{title} ({} articles)\n", paths.len());
    println!("| set       | gold  | reported | P     | R     | F1    | speaker | class |");
    println!("|-----------|-------|----------|-------|-------|-------|---------|-------|");
    if by_format.len() > 1 {
        for (name, c) in &by_format {
            row(name, c);
        }
    }
    row("all", &total)
}

#[test]
fn fixture_accuracy_meets_floors() {
    let verbose = std::env::var_os("ATTRIB_ACCURACY_VERBOSE").is_some();
    let paths = article_paths("fixtures");
    assert!(
        paths.len() >= 40,
        "need at least 40 gold fixtures, have {}",
        paths.len()
    );
    let (f1, sp, cl) = table("Own fixtures", &paths, verbose);
    // The floors: quote F1 0.97, speaker accuracy 0.93, class accuracy 0.90.
    assert!(f1 >= 0.97, "quote F1 {f1:.3} below 0.97");
    assert!(sp >= 0.93, "speaker accuracy {sp:.3} below 0.93");
    assert!(cl >= 0.90, "class accuracy {cl:.3} below 0.90");
}

#[test]
fn wikinews_accuracy_meets_floors() {
    let verbose = std::env::var_os("ATTRIB_ACCURACY_VERBOSE").is_some();
    let paths = article_paths("fixtures/wikinews");
    assert!(
        paths.len() >= 80,
        "need at least 80 Wikinews gold articles, have {}",
        paths.len()
    );
    let (f1, sp, cl) = table("Wikinews gold (real news)", &paths, verbose);
    // Issue 13's bars: 0.97 / 0.93 / 0.90.
    assert!(
        f1 >= WIKINEWS_FLOORS.0,
        "quote F1 {f1:.3} below {}",
        WIKINEWS_FLOORS.0
    );
    assert!(
        sp >= WIKINEWS_FLOORS.1,
        "speaker accuracy {sp:.3} below {}",
        WIKINEWS_FLOORS.1
    );
    assert!(
        cl >= WIKINEWS_FLOORS.2,
        "class accuracy {cl:.3} below {}",
        WIKINEWS_FLOORS.2
    );
}

/// Quote F1, speaker accuracy and class accuracy the Wikinews gold must keep: issue 13's bars,
/// met in session 16 (0.975, 0.930, 0.924; session 5 measured 0.975, 0.882, 0.871).
const WIKINEWS_FLOORS: (f64, f64, f64) = (0.97, 0.93, 0.90);

/// The held-out Wikinews articles (`fixtures/wikinews-heldout/`), annotated after the analysis
/// work of the session that added them and never developed against: the figure that predicts
/// unseen news. Reported, and held to a floor below the development set's.
#[test]
fn wikinews_heldout_accuracy_is_reported() {
    let verbose = std::env::var_os("ATTRIB_ACCURACY_VERBOSE").is_some();
    let paths = article_paths("fixtures/wikinews-heldout");
    if paths.is_empty() {
        return;
    }
    let (f1, sp, _) = table("Wikinews held out (not developed against)", &paths, verbose);
    assert!(
        f1 >= HELDOUT_FLOORS.0,
        "held-out quote F1 {f1:.3} below {}",
        HELDOUT_FLOORS.0
    );
    assert!(
        sp >= HELDOUT_FLOORS.1,
        "held-out speaker accuracy {sp:.3} below {}",
        HELDOUT_FLOORS.1
    );
}

/// Quote F1 and speaker accuracy the held-out articles must keep.
/// Measured at the end of session 5 on 55 quotes: F1 0.991, speaker 0.815 (session start:
/// 0.942, 0.776); the floors leave room for the small sample.
const HELDOUT_FLOORS: (f64, f64) = (0.93, 0.75);
