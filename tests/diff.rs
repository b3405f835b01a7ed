//! `attrib diff`: every change kind through the library, exit codes through the binary.
//! Fixture pairs live in fixtures/diff/ (`<name>-v1.txt`, `<name>-v2.txt`).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use attrib::analysis::Analysis;
use attrib::diff::{Change, ChangeKind, EditOp, diff};
use attrib::input::Format;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/diff")
        .join(name)
}

fn analyse(name: &str) -> Analysis {
    let path = fixture(name);
    let text = std::fs::read_to_string(&path).expect("fixture");
    Analysis::new(text, Format::from_path(&path))
}

fn pair(name: &str) -> Vec<Change> {
    diff(
        &analyse(&format!("{name}-v1.txt")),
        &analyse(&format!("{name}-v2.txt")),
    )
}

fn reversed(name: &str) -> Vec<Change> {
    diff(
        &analyse(&format!("{name}-v2.txt")),
        &analyse(&format!("{name}-v1.txt")),
    )
}

fn kinds(changes: &[Change]) -> Vec<ChangeKind> {
    changes.iter().map(|c| c.kind).collect()
}

fn count(changes: &[Change], kind: ChangeKind) -> usize {
    changes.iter().filter(|c| c.kind == kind).count()
}

fn text(s: &str) -> Analysis {
    Analysis::new(s.to_owned(), Format::Text)
}

#[test]
fn reflowed_and_straightened_copy_has_no_changes() {
    assert_eq!(kinds(&pair("reflow")), []);
    assert_eq!(kinds(&reversed("reflow")), []);
}

#[test]
fn moved_paragraph_has_no_changes() {
    assert_eq!(kinds(&pair("moved")), []);
    assert_eq!(kinds(&reversed("moved")), []);
}

#[test]
fn quote_split_or_merged_with_the_same_words_has_no_changes() {
    assert_eq!(kinds(&pair("split")), []);
    assert_eq!(kinds(&reversed("split")), []);
}

#[test]
fn named_speaker_replaced_by_a_senior_official_is_a_downgrade() {
    let c = pair("downgrade");
    assert!(count(&c, ChangeKind::SourceDowngraded) >= 1, "{c:#?}");
    assert_eq!(
        count(&c, ChangeKind::SpeakerChanged),
        count(&c, ChangeKind::SourceDowngraded)
    );
    assert_eq!(count(&c, ChangeKind::QuoteEdited), 0);
    let d = c
        .iter()
        .find(|c| c.kind == ChangeKind::SourceDowngraded)
        .expect("downgrade");
    let old = d
        .old
        .as_ref()
        .and_then(|s| s.speaker.as_ref())
        .expect("old");
    let new = d
        .new
        .as_ref()
        .and_then(|s| s.speaker.as_ref())
        .expect("new");
    assert_eq!(old.text, "Delia Marsh");
    assert_eq!(new.text, "a senior town official");
    assert_eq!(new.class.as_str(), "anonymous");
}

#[test]
fn official_named_after_all_is_an_upgrade() {
    let c = reversed("downgrade");
    assert!(count(&c, ChangeKind::SourceUpgraded) >= 1, "{c:#?}");
    assert_eq!(count(&c, ChangeKind::SourceDowngraded), 0);
}

#[test]
fn one_word_changed_inside_a_quote_is_an_edit_of_that_word() {
    let c = pair("edit");
    assert_eq!(kinds(&c), [ChangeKind::QuoteEdited], "{c:#?}");
    let changed: Vec<(EditOp, &str)> = c[0]
        .edits
        .iter()
        .filter(|e| e.op != EditOp::Equal)
        .map(|e| (e.op, e.text.trim()))
        .collect();
    assert_eq!(
        changed,
        [(EditOp::Delete, "close"), (EditOp::Insert, "shut")]
    );
    // The edits rebuild the new quote (whitespace collapsed).
    let rebuilt: String = c[0]
        .edits
        .iter()
        .filter(|e| e.op != EditOp::Delete)
        .map(|e| e.text.as_str())
        .collect();
    let new = c[0].new.as_ref().expect("new side");
    let flat = new.text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(rebuilt, flat);
    assert_eq!(new.line, 8);
}

#[test]
fn quote_added_and_quote_removed() {
    let c = pair("addremove");
    assert_eq!(count(&c, ChangeKind::QuoteAdded), 1, "{c:#?}");
    assert_eq!(count(&c, ChangeKind::QuoteRemoved), 1, "{c:#?}");
    assert_eq!(count(&c, ChangeKind::QuoteEdited), 0);
    let removed = c
        .iter()
        .find(|c| c.kind == ChangeKind::QuoteRemoved)
        .and_then(|c| c.old.as_ref())
        .expect("removed");
    assert!(removed.text.starts_with("Every month they wait"));
    let added = c
        .iter()
        .find(|c| c.kind == ChangeKind::QuoteAdded)
        .and_then(|c| c.new.as_ref())
        .expect("added");
    assert!(added.text.starts_with("I will believe in the ferry"));
}

#[test]
fn speaker_swap_between_named_people_is_speaker_changed_only() {
    let c = pair("swap");
    assert!(count(&c, ChangeKind::SpeakerChanged) >= 3, "{c:#?}");
    assert!(
        c.iter().all(|c| c.kind == ChangeKind::SpeakerChanged),
        "{c:#?}"
    );
    let first = &c[0];
    let who = |s: &Option<attrib::diff::Side>| {
        s.as_ref()
            .and_then(|s| s.speaker.as_ref())
            .map(|s| s.text.clone())
    };
    assert_eq!(who(&first.old).as_deref(), Some("Sen. Lena Ortiz"));
    assert_eq!(who(&first.new).as_deref(), Some("Rep. Paul Okoye"));
}

#[test]
fn according_to_attribution_added_and_removed() {
    let c = pair("according");
    assert_eq!(
        kinds(&c),
        [ChangeKind::AttributionAdded, ChangeKind::AttributionRemoved],
        "{c:#?}"
    );
    let added = c[0].new.as_ref().expect("added");
    assert!(added.text.contains("council records"), "{added:?}");
}

#[test]
fn pronoun_resolving_to_the_same_person_is_no_speaker_change() {
    let old = text("Ana Ruiz spoke first.\n\n\"We will not negotiate,\" said Ana Ruiz.\n");
    let new = text("Ana Ruiz spoke first.\n\n\"We will not negotiate,\" she said.\n");
    let c = diff(&old, &new);
    assert_eq!(count(&c, ChangeKind::SpeakerChanged), 0, "{c:#?}");
}

#[test]
fn near_match_is_an_edit_not_a_removal_plus_addition() {
    let old = text(
        "\"We will not negotiate with the union this week,\" said Ana Ruiz, the mayor.\n\n\"The budget is fixed,\" Ruiz said.\n",
    );
    let new = text(
        "\"We will not negotiate with the union until next month,\" said Ana Ruiz, the mayor.\n\n\"The budget is fixed,\" Ruiz said.\n",
    );
    let c = diff(&old, &new);
    assert_eq!(kinds(&c), [ChangeKind::QuoteEdited], "{c:#?}");
}

#[test]
fn split_quote_with_a_changed_word_is_one_edit() {
    let old = text(
        "\"The plant is safe and the water is clean, and we have the tests to prove it,\" said Ana Ruiz, the mayor.\n",
    );
    let new = text(
        "\"The plant is safe and the water is clean,\" said Ana Ruiz, the mayor. \"We have the results to prove it.\"\n",
    );
    let c = diff(&old, &new);
    assert_eq!(kinds(&c), [ChangeKind::QuoteEdited], "{c:#?}");
    let new_side = c[0].new.as_ref().expect("new");
    assert_eq!(new_side.parts, 2);
    assert!(
        c[0].edits
            .iter()
            .any(|e| e.op == EditOp::Insert && e.text.contains("results"))
    );
}

#[test]
fn terms_are_ignored() {
    let old = text("She starred in \"Harbor Lights\" last year.\n");
    let new = text("She starred in \"Harbour Lights\" last year.\n");
    assert_eq!(kinds(&diff(&old, &new)), []);
}

#[test]
fn json_has_the_contract_shape() {
    let c = pair("edit");
    let fd = attrib::report::diff::FileDiff::new("v1.txt", "v2.txt", c);
    let v = serde_json::to_value(&fd).expect("json");
    assert_eq!(v["old"], "v1.txt");
    assert_eq!(v["new"], "v2.txt");
    let ch = &v["changes"][0];
    assert_eq!(ch["change"], "quote_edited");
    for side in ["old", "new"] {
        for key in ["text", "start", "end", "line"] {
            assert!(!ch[side][key].is_null(), "{side}.{key}");
        }
        assert_eq!(ch[side]["speaker"]["text"], "Dr. Hana Beck");
        assert_eq!(ch[side]["speaker"]["class"], "named_person");
    }
    assert_eq!(ch["edits"][1]["op"], "delete");
    let summary = v["summary"].as_object().expect("summary");
    for k in ChangeKind::ALL {
        assert!(summary.contains_key(k.as_str()), "{k}");
    }
    assert_eq!(v["summary"]["quote_edited"], 1);
    // Raw offsets point at the quoted words in the file.
    let raw = std::fs::read_to_string(fixture("edit-v2.txt")).expect("fixture");
    let start = ch["new"]["start"].as_u64().expect("start") as usize;
    let end = ch["new"]["end"].as_u64().expect("end") as usize;
    assert!(raw[start..end].starts_with("I would rather"));
}

#[test]
fn odd_inputs_do_not_panic() {
    let samples = [
        "",
        "\"",
        "“”",
        "\"\" said",
        "“unclosed quote said Ana",
        "«Bonjour», a dit Marie.",
        "\u{feff}\"é\u{301}\" said X.\r\n",
    ];
    for a in samples {
        for b in samples {
            let _ = diff(&text(a), &text(b));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The binary

fn attrib(args: &[&str], stdin: Option<&str>) -> (i32, String, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_attrib"));
    cmd.args(args)
        .env("NO_COLOR", "1")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("spawn attrib");
    if let Some(mut w) = child.stdin.take() {
        let _ = w.write_all(stdin.unwrap_or("").as_bytes());
    }
    let out = child.wait_with_output().expect("attrib output");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const V: &str = "fixtures/diff";

#[test]
fn exit_0_without_changes_in_the_fail_set() {
    let (code, out, _) = attrib(
        &[
            "diff",
            &format!("{V}/reflow-v1.txt"),
            &format!("{V}/reflow-v2.txt"),
        ],
        None,
    );
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("no changes"), "{out}");
    // Speaker changes are not in the default fail set.
    let (code, _, _) = attrib(
        &[
            "diff",
            &format!("{V}/swap-v1.txt"),
            &format!("{V}/swap-v2.txt"),
        ],
        None,
    );
    assert_eq!(code, 0);
}

#[test]
fn exit_1_on_default_fail_set_and_on_chosen_kinds() {
    let (code, out, _) = attrib(
        &[
            "diff",
            &format!("{V}/edit-v1.txt"),
            &format!("{V}/edit-v2.txt"),
        ],
        None,
    );
    assert_eq!(code, 1);
    assert!(out.contains("[-close-]{+shut+}"), "{out}");
    assert!(!out.contains('\x1b'), "no colour with NO_COLOR");
    let (code, _, _) = attrib(
        &[
            "diff",
            &format!("{V}/downgrade-v1.txt"),
            &format!("{V}/downgrade-v2.txt"),
        ],
        None,
    );
    assert_eq!(code, 1);
    let (code, _, _) = attrib(
        &[
            "diff",
            "--fail-on",
            "speaker_changed",
            &format!("{V}/swap-v1.txt"),
            &format!("{V}/swap-v2.txt"),
        ],
        None,
    );
    assert_eq!(code, 1);
    let (code, _, _) = attrib(
        &[
            "diff",
            "--fail-on",
            "quote_added",
            &format!("{V}/edit-v1.txt"),
            &format!("{V}/edit-v2.txt"),
        ],
        None,
    );
    assert_eq!(code, 0);
}

#[test]
fn exit_2_on_errors() {
    let (code, _, err) = attrib(
        &[
            "diff",
            "--fail-on",
            "quote_edit",
            &format!("{V}/edit-v1.txt"),
            &format!("{V}/edit-v2.txt"),
        ],
        None,
    );
    assert_eq!(code, 2);
    assert!(err.contains("quote_edit"), "{err}");
    let (code, _, err) = attrib(
        &["diff", "no/such/file.txt", &format!("{V}/edit-v2.txt")],
        None,
    );
    assert_eq!(code, 2);
    assert!(err.contains("no/such/file.txt"), "{err}");
    let (code, _, _) = attrib(&["diff", "-", "-"], Some("x"));
    assert_eq!(code, 2);
}

#[test]
fn stdin_for_the_old_side_and_json() {
    let old = std::fs::read_to_string(fixture("edit-v1.txt")).expect("fixture");
    let (code, out, err) = attrib(
        &[
            "diff",
            "--format",
            "json",
            "--stdin-filename",
            "story.txt",
            "-",
            &format!("{V}/edit-v2.txt"),
        ],
        Some(&old),
    );
    assert_eq!(code, 1, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["old"], "story.txt");
    assert_eq!(v["summary"]["quote_edited"], 1);
}

#[test]
fn folders_pair_files_by_relative_path() {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("diff-folders");
    let _ = std::fs::remove_dir_all(&root);
    let (a, b) = (root.join("a"), root.join("b"));
    for d in [&a, &b] {
        std::fs::create_dir_all(d.join("world")).expect("mkdir");
    }
    let copy = |from: &str, to: &Path| {
        std::fs::copy(fixture(from), to).expect("copy");
    };
    copy("edit-v1.txt", &a.join("world/clinic.txt"));
    copy("edit-v2.txt", &b.join("world/clinic.txt"));
    copy("reflow-v1.txt", &a.join("same.txt"));
    copy("reflow-v2.txt", &b.join("same.txt"));
    copy("swap-v1.txt", &a.join("gone.txt"));
    copy("swap-v2.txt", &b.join("new.txt"));
    let (code, out, err) = attrib(
        &[
            "diff",
            "--format",
            "json",
            a.to_str().expect("utf8"),
            b.to_str().expect("utf8"),
        ],
        None,
    );
    assert_eq!(code, 1, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["files_added"], serde_json::json!(["new.txt"]));
    assert_eq!(v["files_removed"], serde_json::json!(["gone.txt"]));
    assert_eq!(v["files"].as_array().map(Vec::len), Some(2));
    assert_eq!(v["summary"]["quote_edited"], 1);
    let (code, out, _) = attrib(
        &["diff", a.to_str().expect("utf8"), b.to_str().expect("utf8")],
        None,
    );
    assert_eq!(code, 1);
    assert!(out.contains("file added: new.txt"), "{out}");
    assert!(out.contains("file removed: gone.txt"), "{out}");

    // An unreadable file in a folder run is reported and the run exits 2.
    std::fs::write(a.join("bin.txt"), b"ab\0cd").expect("write");
    std::fs::write(b.join("bin.txt"), b"ab\0cd").expect("write");
    let (code, out, _) = attrib(
        &[
            "diff",
            "--format",
            "json",
            a.to_str().expect("utf8"),
            b.to_str().expect("utf8"),
        ],
        None,
    );
    assert_eq!(code, 2);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["errors"].as_array().map(Vec::len), Some(2));
}

/// Two ~1 MB versions: run with `cargo test --release --test diff -- --ignored --nocapture`.
#[test]
#[ignore = "benchmark"]
fn bench_one_megabyte() {
    let a = std::fs::read_to_string(fixture("edit-v1.txt")).expect("fixture");
    let b = std::fs::read_to_string(fixture("edit-v2.txt")).expect("fixture");
    let n = 1_000_000 / a.len();
    let big_a = vec![a.as_str(); n].join("\n");
    let mut parts = vec![a.as_str(); n];
    parts[n / 2] = b.as_str();
    let big_b = parts.join("\n");
    let t = std::time::Instant::now();
    let (x, y) = (text(&big_a), text(&big_b));
    let analysed = t.elapsed();
    let c = diff(&x, &y);
    println!(
        "{} bytes: analysis {:?}, diff {:?}, {} changes",
        big_a.len(),
        analysed,
        t.elapsed() - analysed,
        c.len()
    );
    // Worst case: nothing pairs exactly.
    let other = std::fs::read_to_string(fixture("swap-v1.txt")).expect("fixture");
    let big_c = vec![other.as_str(); 1_000_000 / other.len()].join("\n");
    let z = text(&big_c);
    let t = std::time::Instant::now();
    let c = diff(&x, &z);
    println!(
        "unrelated 1 MB versions: diff {:?}, {} changes",
        t.elapsed(),
        c.len()
    );
}

#[test]
fn a_quote_cut_down_to_part_of_itself_is_edited_not_removed_and_added() {
    let text = |q: &str| {
        format!(
            "The council voted on Tuesday.\n\n\"{q}\" said Mayor Ana Ruiz.\n\nThe plan takes \
             effect in May.\n"
        )
    };
    let old = text("Good news for the bakers, but it came far too late for half of them,");
    let new = text("Good news for the bakers,");
    for (a, b) in [(&old, &new), (&new, &old)] {
        let changes = diff(
            &Analysis::new(a.clone(), Format::Text),
            &Analysis::new(b.clone(), Format::Text),
        );
        assert_eq!(kinds(&changes), [ChangeKind::QuoteEdited], "{changes:?}");
        let edits = &changes[0].edits;
        assert!(edits.iter().any(|w| w.op != EditOp::Equal), "{edits:?}");
        assert!(edits.iter().any(|w| w.op == EditOp::Equal), "{edits:?}");
    }
    // A different quote that shares two words is still a removal and an addition.
    let other = text("The bakers will close in May, and nobody cares,");
    let changes = diff(
        &Analysis::new(old.clone(), Format::Text),
        &Analysis::new(other, Format::Text),
    );
    assert_eq!(
        kinds(&changes),
        [ChangeKind::QuoteRemoved, ChangeKind::QuoteAdded],
        "{changes:?}"
    );
}
