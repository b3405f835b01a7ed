//! `check` against the gold `flags` and `no_flags` of every annotated article: which required
//! findings it reports, and which forbidden ones it raises. Own fixtures (`fixtures/`) and real
//! news (`fixtures/wikinews/`, whose `flags` list every problem an editor would want flagged)
//! are reported apart; for Wikinews each rule's precision is the share of its findings that
//! match a gold flag. Set `ATTRIB_ACCURACY_VERBOSE=1` to list misses and false findings.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use attrib::check::{bundled_rules, check_text};
use attrib::input::Format;
use attrib::rules::engine::Finding;
use serde::Deserialize;

#[derive(Deserialize)]
struct Gold {
    #[serde(default)]
    flags: Vec<Flag>,
    #[serde(default)]
    no_flags: Vec<Flag>,
    #[serde(default, rename = "quotes")]
    _quotes: serde_json::Value,
    #[serde(default, rename = "non_quotes")]
    _non_quotes: serde_json::Value,
}

#[derive(Deserialize)]
struct Flag {
    rule: String,
    text: Option<String>,
}

fn golds(sub: &str) -> Vec<(PathBuf, PathBuf)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(sub);
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return out;
    };
    for e in entries {
        let p = e.expect("entry").path();
        let Some(stem) = p
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".gold.yaml"))
        else {
            continue;
        };
        if let Some(a) = ["txt", "md", "html"]
            .iter()
            .map(|x| dir.join(format!("{stem}.{x}")))
            .find(|a| a.exists())
        {
            out.push((a, p.clone()));
        }
    }
    out.sort();
    out
}

fn overlaps(found: &str, gold: &str) -> bool {
    let (f, g) = (found.to_lowercase(), gold.to_lowercase());
    f.contains(&g) || g.contains(&f)
}

/// True when finding `x` is the one the gold text `t` points at. Where `t` occurs in the
/// article, the finding must overlap one of its occurrences (a loaded "claim" elsewhere on the
/// line is not the noun in "conflicting claims"); a gold text not found verbatim (spacing,
/// marks) falls back to comparing the words.
fn at_gold(raw: &str, lower: &str, x: &Finding, t: &str) -> bool {
    let needle = t.to_ascii_lowercase();
    let mut spans = lower
        .match_indices(needle.as_str())
        .map(|(i, m)| (i, i + m.len()))
        .peekable();
    if spans.peek().is_none() || raw.len() != lower.len() {
        return overlaps(&x.text, t);
    }
    spans.any(|(a, b)| x.start < b && a < x.end) && overlaps(&x.text, t)
}

#[derive(Default)]
struct Row {
    required: usize,
    found: usize,
    forbidden: usize,
    raised: usize,
    /// Findings of the rule in all.
    findings: usize,
    /// Findings that match a gold flag of their rule.
    right: usize,
}

/// Check every article of `sub` against its gold; rows per rule. `core_only`: the rules of
/// the default pack only (what a newsroom runs, and what the Wikinews gold annotates).
fn measure(sub: &str, core_only: bool, verbose: bool) -> BTreeMap<String, Row> {
    let mut rules = bundled_rules().expect("bundled rules load");
    if core_only {
        rules.rules = attrib::rules::bundled_pack("core").expect("core pack");
    }
    let mut rows: BTreeMap<String, Row> = BTreeMap::new();
    for (article, gold_path) in golds(sub) {
        let gold: Gold = attrib::yaml::from_str(
            &gold_path,
            &std::fs::read_to_string(&gold_path).expect("gold"),
        )
        .expect("gold parses");
        let raw = std::fs::read_to_string(&article).expect("article");
        let lower = raw.to_ascii_lowercase();
        let findings = check_text(&rules, raw.clone(), Format::from_path(&article));
        let name = article.file_name().and_then(|n| n.to_str()).unwrap_or("");
        for x in &findings {
            let row = rows.entry(x.rule.clone()).or_default();
            row.findings += 1;
            let right = gold.flags.iter().any(|f| {
                f.rule == x.rule
                    && f.text
                        .as_deref()
                        .is_none_or(|t| at_gold(&raw, &lower, x, t))
            });
            if right {
                row.right += 1;
            } else if verbose {
                println!(
                    "  UNLISTED {name}:{}: {} {:?}",
                    x.line,
                    x.rule,
                    x.text.chars().take(60).collect::<String>()
                );
            }
        }
        for f in &gold.flags {
            let row = rows.entry(f.rule.clone()).or_default();
            row.required += 1;
            let hit = findings.iter().any(|x| {
                x.rule == f.rule
                    && f.text
                        .as_deref()
                        .is_none_or(|t| at_gold(&raw, &lower, x, t))
            });
            if hit {
                row.found += 1;
            } else if verbose {
                println!("  MISSED {name}: {} {:?}", f.rule, f.text);
            }
        }
        for f in &gold.no_flags {
            let row = rows.entry(f.rule.clone()).or_default();
            row.forbidden += 1;
            let bad: Vec<_> = findings
                .iter()
                .filter(|x| {
                    x.rule == f.rule
                        && f.text
                            .as_deref()
                            .is_none_or(|t| at_gold(&raw, &lower, x, t))
                })
                .collect();
            if !bad.is_empty() {
                row.raised += 1;
                if verbose {
                    println!(
                        "  FALSE  {name}: {} {:?} -> {:?}",
                        f.rule, f.text, bad[0].text
                    );
                }
            }
        }
    }
    rows
}

/// Print the table; returns the totals.
fn print(title: &str, rows: &BTreeMap<String, Row>, precision: bool) -> Row {
    println!("\n{title}\n");
    if precision {
        println!(
            "| rule | findings | right | precision | required found | recall | forbidden raised |"
        );
        println!("|---|---|---|---|---|---|---|");
    } else {
        println!("| rule | required found | forbidden raised |");
        println!("|---|---|---|");
    }
    let line = |rule: &str, r: &Row| {
        if precision {
            println!(
                "| {rule} | {} | {} | {:.2} | {}/{} | {:.2} | {}/{} |",
                r.findings,
                r.right,
                r.right as f64 / r.findings.max(1) as f64,
                r.found,
                r.required,
                r.found as f64 / r.required.max(1) as f64,
                r.raised,
                r.forbidden
            );
        } else {
            println!(
                "| {rule} | {}/{} | {}/{} |",
                r.found, r.required, r.raised, r.forbidden
            );
        }
    };
    let mut total = Row::default();
    for (rule, r) in rows {
        line(rule, r);
        total.required += r.required;
        total.found += r.found;
        total.forbidden += r.forbidden;
        total.raised += r.raised;
        total.findings += r.findings;
        total.right += r.right;
    }
    line("all", &total);
    total
}

#[test]
fn check_meets_the_gold_flags() {
    let verbose = std::env::var_os("ATTRIB_ACCURACY_VERBOSE").is_some();
    let rows = measure("fixtures", false, verbose);
    let total = print("Own fixtures", &rows, false);
    let recall = total.found as f64 / total.required.max(1) as f64;
    let false_rate = total.raised as f64 / total.forbidden.max(1) as f64;
    // Guards at the level measured when this test was written; raise them as check improves.
    assert!(recall >= 0.90, "flag recall {recall:.3} below 0.90");
    assert!(
        false_rate <= 0.10,
        "forbidden flags raised {false_rate:.3} above 0.10"
    );
}

/// Per-rule precision floors on the Wikinews gold: issue 14's bars, 0.90 for error and warning
/// rules and 0.80 for info rules (hedge, loaded-verb). Measured in session 10, findings matched
/// at the gold text's place: anonymous-source 19/21, hedge 12/14, loaded-verb 59/67,
/// passive-attribution 36/38, vague-source 11/12, unattributed-quote and unbalanced-quote no
/// finding; recall 137/154.
const WIKINEWS_PRECISION: &[(&str, f64)] = &[
    ("anonymous-source", 0.90),
    ("hedge", 0.80),
    ("loaded-verb", 0.85),
    ("passive-attribution", 0.90),
    ("unattributed-quote", 0.90),
    ("unbalanced-quote", 0.90),
    ("vague-source", 0.90),
];
// The bar; measured 134/154 = 0.87 with findings matched at the gold text's place.
const WIKINEWS_RECALL: f64 = 0.85;

#[test]
fn wikinews_findings_meet_the_precision_floors() {
    let verbose = std::env::var_os("ATTRIB_ACCURACY_VERBOSE").is_some();
    let rows = measure("fixtures/wikinews", true, verbose);
    let total = print("Wikinews gold (real news)", &rows, true);
    for (rule, floor) in WIKINEWS_PRECISION {
        let r = rows
            .get(*rule)
            .filter(|r| r.findings > 0)
            .map_or(1.0, |r| r.right as f64 / r.findings as f64);
        assert!(r >= *floor, "{rule}: precision {r:.2} below {floor}");
    }
    let recall = total.found as f64 / total.required.max(1) as f64;
    assert!(
        recall >= WIKINEWS_RECALL,
        "recall {recall:.2} below {WIKINEWS_RECALL}"
    );
}

/// The held-out Wikinews articles' findings: reported (see tests/accuracy.rs), no floor.
#[test]
fn wikinews_heldout_findings_are_reported() {
    let verbose = std::env::var_os("ATTRIB_ACCURACY_VERBOSE").is_some();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/wikinews-heldout");
    if !dir.is_dir() {
        return;
    }
    let rows = measure("fixtures/wikinews-heldout", true, verbose);
    print("Wikinews held out (not developed against)", &rows, true);
}
