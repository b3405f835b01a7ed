//! Newsroom CI (issue 4): the folder walk, parallel checking with stable output, SARIF, GitHub
//! and JSON-lines output, bad files that never stop a run, stdin, completions and man page, and
//! the JSON-lines batch mode. Everything runs the real binary in temporary folders.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

const SEED: &str = "fixtures/examples/diplomacy-miami.txt";

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run_in(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Out {
    let mut child = Command::new(env!("CARGO_BIN_EXE_attrib"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    if let Some(bytes) = stdin {
        let mut si = child.stdin.take().expect("stdin");
        si.write_all(bytes).expect("write stdin");
    }
    let o = child.wait_with_output().expect("binary finishes");
    Out {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

fn json(s: &str) -> Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("not JSON ({e}): {s}"))
}

fn seed_text() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(SEED)).expect("seed")
}

fn write(dir: &Path, rel: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    std::fs::write(&p, bytes).expect("write");
    p
}

const STORY_B: &str = "The council approved the budget on Tuesday. Critics say the vote was \
rushed.\n\n\"We had no time to read it,\" a council aide said.\n";

const STORY_C: &str = "# Flood\n\nThe river reportedly rose two metres overnight.\n\n\
\"Everyone got out,\" said Mayor Ana Ruiz.\n";

/// A newsroom folder: three good stories, a Latin-1 file, a binary file and an empty one.
fn newsroom() -> tempfile::TempDir {
    let d = tempfile::tempdir().expect("tempdir");
    let root = d.path();
    write(root, "stories/world/miami.txt", seed_text());
    write(root, "stories/local/budget.txt", STORY_B);
    write(root, "stories/local/flood.md", STORY_C);
    write(
        root,
        "stories/old/latin1.txt",
        b"Caf\xe9 owners say critics are wrong.\n",
    );
    write(root, "stories/old/image.txt", b"GIF89a\x00\x01\x02");
    write(root, "stories/empty.md", "");
    d
}

fn findings_of(v: &Value) -> Vec<(String, String, u64, u64)> {
    let mut out = Vec::new();
    for f in v["files"].as_array().expect("files") {
        for x in f["findings"].as_array().expect("findings") {
            out.push((
                f["path"].as_str().unwrap().to_owned(),
                x["rule"].as_str().unwrap().to_owned(),
                x["start"].as_u64().unwrap(),
                x["end"].as_u64().unwrap(),
            ));
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Bad files never stop a run.

#[test]
fn bad_files_are_listed_and_every_good_finding_is_kept() {
    let d = newsroom();
    let o = run_in(d.path(), &["check", "--format", "json", "stories"], None);
    assert_eq!(o.code, 2, "{}", o.stderr);
    let v = json(&o.stdout);
    let errors = v["errors"].as_array().expect("errors");
    let bad: Vec<&str> = errors.iter().map(|e| e["path"].as_str().unwrap()).collect();
    assert_eq!(
        bad,
        ["stories/old/image.txt", "stories/old/latin1.txt"],
        "{errors:?}"
    );
    assert!(errors[0]["message"].as_str().unwrap().contains("binary"));
    assert!(errors[1]["message"].as_str().unwrap().contains("not UTF-8"));
    // The empty file is checked, with no findings; the good ones keep all their findings.
    let paths: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        [
            "stories/empty.md",
            "stories/local/budget.txt",
            "stories/local/flood.md",
            "stories/world/miami.txt"
        ]
    );
    assert_eq!(v["summary"]["files"], 4);
    let together = findings_of(&v);
    let mut alone = Vec::new();
    for p in &paths {
        let o = run_in(d.path(), &["check", "--format", "json", p], None);
        assert!(o.code == 0 || o.code == 1, "{p}: {}", o.stderr);
        alone.extend(findings_of(&json(&o.stdout)));
    }
    assert_eq!(together, alone);
    assert!(together.iter().any(|f| f.1 == "vague-source"));
    assert!(together.iter().any(|f| f.1 == "passive-attribution"));

    // Human: the bad files on stderr with their reasons, findings on stdout, exit 2.
    let h = run_in(d.path(), &["check", "stories"], None);
    assert_eq!(h.code, 2);
    assert!(
        h.stderr
            .contains("error: stories/old/image.txt: binary file (NUL byte at offset 6)"),
        "{}",
        h.stderr
    );
    assert!(
        h.stderr
            .contains("error: stories/old/latin1.txt: not UTF-8 text (invalid byte at offset 3)"),
        "{}",
        h.stderr
    );
    assert!(
        h.stdout.contains("stories/local/budget.txt:1:"),
        "{}",
        h.stdout
    );
}

#[test]
fn too_large_unreadable_and_looping_paths_are_errors_not_stops() {
    let d = newsroom();
    let root = d.path();
    write(root, "big/huge.txt", "Critics say so. ".repeat(200));
    write(root, "big/small.txt", STORY_B);
    let o = run_in(
        root,
        &["check", "--format", "json", "--max-file-size", "1K", "big"],
        None,
    );
    assert_eq!(o.code, 2);
    let v = json(&o.stdout);
    assert_eq!(v["errors"][0]["path"], "big/huge.txt");
    assert!(
        v["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("too large (3200 bytes, limit 1024)"),
        "{v}"
    );
    assert_eq!(v["summary"]["files"], 1);
    // The default limit (10 MB) takes it.
    assert_eq!(run_in(root, &["check", "big"], None).code, 0);
    // A bad size is a usage error.
    assert_eq!(
        run_in(root, &["check", "--max-file-size", "lots", "big"], None).code,
        2
    );

    #[cfg(unix)]
    {
        let loops = root.join("loops");
        std::fs::create_dir_all(loops.join("inner")).unwrap();
        write(root, "loops/inner/story.txt", STORY_B);
        std::os::unix::fs::symlink("..", loops.join("inner/up")).unwrap();
        std::os::unix::fs::symlink("nowhere.txt", loops.join("dangling.txt")).unwrap();
        let o = run_in(root, &["check", "--format", "json", "loops"], None);
        assert_eq!(o.code, 2, "{}", o.stderr);
        let v = json(&o.stdout);
        let errs: Vec<(String, String)> = v["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["path"].as_str().unwrap().to_owned(),
                    e["message"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        assert!(
            errs.iter()
                .any(|(p, m)| p == "loops/inner/up" && m.contains("symbolic link loop")),
            "{errs:?}"
        );
        assert!(
            errs.iter()
                .any(|(p, m)| p == "loops/dangling.txt" && m.contains("broken symbolic link")),
            "{errs:?}"
        );
        assert_eq!(v["files"][0]["path"], "loops/inner/story.txt");
        // A named file that does not exist is an error too, and the rest still runs.
        let o = run_in(
            root,
            &["check", "--format", "json", "missing.txt", "big/small.txt"],
            None,
        );
        assert_eq!(o.code, 2);
        let v = json(&o.stdout);
        assert_eq!(v["errors"][0]["path"], "missing.txt");
        assert_eq!(v["summary"]["files"], 1);
    }
}

#[test]
fn bom_and_crlf_keep_exact_spans() {
    let d = tempfile::tempdir().unwrap();
    let text = "\u{feff}The plan, critics say, is bad.\r\n\r\n\"It is fine.\"\r\nThe minister \
                reportedly offered to resign.\r\n";
    write(d.path(), "crlf.txt", text);
    let o = run_in(d.path(), &["check", "--format", "json", "crlf.txt"], None);
    assert_eq!(o.code, 1, "{}", o.stderr);
    let v = json(&o.stdout);
    let fs = v["files"][0]["findings"].as_array().unwrap();
    let by_rule = |r: &str| {
        fs.iter()
            .find(|f| f["rule"] == r)
            .unwrap_or_else(|| panic!("{r}: {fs:?}"))
    };
    for f in fs {
        let (s, e) = (
            f["start"].as_u64().unwrap() as usize,
            f["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..e], f["text"].as_str().unwrap(), "{f}");
    }
    let vague = by_rule("vague-source");
    assert_eq!(vague["start"], 3 + 10);
    assert_eq!(
        (vague["line"].as_u64(), vague["column"].as_u64()),
        (Some(1), Some(11))
    );
    let quote = by_rule("unattributed-quote");
    assert_eq!(
        (quote["line"].as_u64(), quote["column"].as_u64()),
        (Some(3), Some(1))
    );
    let passive = by_rule("passive-attribution");
    assert_eq!(
        (passive["line"].as_u64(), passive["column"].as_u64()),
        (Some(4), Some(14))
    );
    // SARIF regions agree.
    let s = json(&run_in(d.path(), &["check", "--format", "sarif", "crlf.txt"], None).stdout);
    let r = &s["runs"][0]["results"];
    let region = |rule: &str| {
        r.as_array()
            .unwrap()
            .iter()
            .find(|x| x["ruleId"] == rule)
            .map(|x| x["locations"][0]["physicalLocation"]["region"].clone())
            .unwrap()
    };
    let g = region("vague-source");
    assert_eq!(
        (g["startLine"].as_u64(), g["startColumn"].as_u64()),
        (Some(1), Some(11))
    );
    assert_eq!(
        (g["endLine"].as_u64(), g["endColumn"].as_u64()),
        (Some(1), Some(18))
    );
    let q = region("unattributed-quote");
    assert_eq!(
        (q["startColumn"].as_u64(), q["endColumn"].as_u64()),
        (Some(1), Some(14))
    );
}

// ---------------------------------------------------------------------------------------------
// The walk.

#[test]
fn walk_respects_ignore_files_hidden_extensions_and_excludes() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path();
    for rel in [
        "news/a.txt",
        "news/b.md",
        "news/c.markdown",
        "news/d.html",
        "news/e.htm",
        "news/f.csv",
        "news/g",
        "news/.hidden.txt",
        "news/.drafts/h.txt",
        "news/ignored/i.txt",
        "news/build.txt",
        "news/skip/j.txt",
        "news/drafts/k.txt",
        "news/sub/drafts/l.txt",
        "news/zz/m.txt",
    ] {
        write(root, rel, "Critics say the plan is bad.\n");
    }
    write(root, "news/.gitignore", "ignored/\nbuild.txt\n");
    write(root, "news/.attribignore", "skip/\n");
    write(root, ".attrib.yaml", "exclude: [drafts]\n");
    let o = run_in(root, &["check", "--format", "jsonl", "news"], None);
    let paths: Vec<String> = o
        .stdout
        .lines()
        .map(|l| json(l)["path"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        paths,
        [
            "news/a.txt",
            "news/b.md",
            "news/c.markdown",
            "news/d.html",
            "news/e.htm",
            "news/zz/m.txt"
        ],
        "{}",
        o.stderr
    );
    // Named files are taken whatever their extension or hiddenness; excludes still apply.
    let o = run_in(
        root,
        &[
            "check",
            "--format",
            "jsonl",
            "news/f.csv",
            "news/.hidden.txt",
            "news/drafts/k.txt",
        ],
        None,
    );
    let paths: Vec<String> = o
        .stdout
        .lines()
        .filter(|l| json(l)["excluded"] != serde_json::json!(true))
        .map(|l| json(l)["path"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(paths, ["news/.hidden.txt", "news/f.csv"]);
    // The excluded one is said to be excluded, not dropped in silence.
    assert!(
        o.stdout
            .contains(r#"{"path":"news/drafts/k.txt","excluded":true}"#),
        "{}",
        o.stdout
    );
    // A bad glob in the config is a usage error.
    write(root, ".attrib.yaml", "exclude: [\"a[\"]\n");
    let o = run_in(root, &["check", "news"], None);
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("exclude pattern"), "{}", o.stderr);
}

#[test]
fn diff_folders_use_the_same_walker() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path();
    let q1 = "\"We will not negotiate,\" said Ana Ruiz.\n";
    let q2 = "\"We will not negotiate yet,\" said Ana Ruiz.\n";
    write(root, "a/story.txt", q1);
    write(root, "b/story.txt", q2);
    write(root, "a/.hidden.txt", q1);
    write(root, "b/.hidden.txt", q2);
    write(root, "a/tmp/x.txt", q1);
    write(root, "b/tmp/x.txt", q2);
    write(root, "a/.attribignore", "tmp/\n");
    write(root, "b/.attribignore", "tmp/\n");
    let o = run_in(root, &["diff", "--format", "json", "a", "b"], None);
    assert_eq!(o.code, 1, "{}", o.stderr);
    let v = json(&o.stdout);
    assert_eq!(v["files"].as_array().map(Vec::len), Some(1), "{v}");
}

// ---------------------------------------------------------------------------------------------
// Parallel runs print the same bytes.

#[test]
fn two_runs_print_identical_output() {
    let d = newsroom();
    for i in 0..40 {
        write(
            d.path(),
            &format!("stories/many/{:02}.txt", 39 - i),
            format!("Story {i}. {STORY_B}"),
        );
    }
    for format in ["human", "json", "jsonl", "sarif", "github"] {
        let a = run_in(d.path(), &["check", "--format", format, "stories"], None);
        let b = run_in(d.path(), &["check", "--format", format, "stories"], None);
        assert_eq!(a.code, 2, "{format}");
        assert_eq!(a.stdout, b.stdout, "{format}");
        assert_eq!(a.stderr, b.stderr, "{format}");
    }
}

/// Ten thousand small files: all checked, in order, within a small open-file limit.
#[test]
fn ten_thousand_files() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path().join("archive");
    for i in 0..10_000 {
        write(
            &root,
            &format!("{:02}/{i:05}.txt", i % 100),
            format!("Story {i}. Critics say the plan is bad. \"We will see,\" said Ana Ruiz.\n"),
        );
    }
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(format!(
            "ulimit -n 64 && exec '{}' check --format jsonl archive",
            env!("CARGO_BIN_EXE_attrib")
        ))
        .current_dir(d.path());
    let o = cmd.output().expect("sh runs");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let out = String::from_utf8(o.stdout).unwrap();
    let paths: Vec<String> = out
        .lines()
        .map(|l| json(l)["path"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(paths.len(), 10_000);
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
    assert!(out.lines().all(|l| l.contains("vague-source")));
}

// ---------------------------------------------------------------------------------------------
// Formats.

#[test]
fn sarif_has_what_code_scanning_needs() {
    let d = newsroom();
    write(
        d.path(),
        "stories/local/bare.txt",
        "The strike went on.\n\"Nobody is talking to us anymore.\"\n",
    );
    let o = run_in(d.path(), &["check", "--format", "sarif", "stories"], None);
    assert_eq!(o.code, 2);
    let v = json(&o.stdout);
    assert_eq!(v["version"], "2.1.0");
    assert!(
        v["$schema"]
            .as_str()
            .unwrap()
            .contains("sarif-schema-2.1.0")
    );
    let runs = v["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "attrib");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    let rules = driver["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    for id in [
        "anonymous-source",
        "vague-source",
        "passive-attribution",
        "unattributed-quote",
        "unbalanced-quote",
        "loaded-verb",
        "hedge",
        "anonymous-majority",
        "no-named-source",
    ] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
    assert!(
        driver["informationUri"]
            .as_str()
            .unwrap()
            .starts_with("https://")
    );
    let bases = &run["originalUriBaseIds"]["%SRCROOT%"]["uri"];
    assert!(
        bases.as_str().unwrap().starts_with("file:///") && bases.as_str().unwrap().ends_with('/'),
        "{bases}"
    );
    for r in rules {
        let id = r["id"].as_str().unwrap();
        // A name, when there is one, is not the id in another case (SARIF1001).
        if let Some(name) = r["name"].as_str() {
            assert!(!name.eq_ignore_ascii_case(id), "{name}");
        }
        let help = r["helpUri"].as_str().unwrap();
        assert!(help.ends_with(&format!("docs/rules.md#{id}")), "{help}");
        for key in ["shortDescription", "fullDescription", "help"] {
            let t = r[key]["text"].as_str().unwrap_or("");
            assert!(!t.is_empty(), "{} has no {key}", r["id"]);
        }
        let level = r["defaultConfiguration"]["level"].as_str().unwrap();
        assert!(["error", "warning", "note"].contains(&level));
    }
    let results = run["results"].as_array().unwrap();
    let (_, json_run) = {
        let j = json(&run_in(d.path(), &["check", "--format", "json", "stories"], None).stdout);
        ((), j)
    };
    assert_eq!(
        results.len() as u64,
        json_run["summary"]["findings"].as_u64().unwrap()
    );
    let mut levels = std::collections::BTreeSet::new();
    for r in results {
        let id = r["ruleId"].as_str().unwrap();
        let idx = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[idx]["id"], id);
        let level = r["level"].as_str().unwrap();
        assert!(["error", "warning", "note"].contains(&level), "{level}");
        levels.insert(level.to_owned());
        assert!(!r["message"]["text"].as_str().unwrap().is_empty());
        let loc = &r["locations"][0]["physicalLocation"];
        let uri = loc["artifactLocation"]["uri"].as_str().unwrap();
        assert!(uri.starts_with("stories/") && !uri.contains('\\'), "{uri}");
        assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        let print = r["partialFingerprints"]["attribFinding/v1"]
            .as_str()
            .unwrap();
        assert_eq!(print.len(), 18, "{print}");
        assert!(d.path().join(uri).is_file(), "{uri}");
        let g = &loc["region"];
        let n = |k: &str| g[k].as_u64().unwrap_or_else(|| panic!("{k} in {g}"));
        assert!(n("startLine") >= 1 && n("startColumn") >= 1);
        assert!(n("endLine") >= n("startLine"));
        if n("endLine") == n("startLine") {
            assert!(n("endColumn") > n("startColumn"), "{g}");
        }
    }
    assert_eq!(levels.len(), 3, "{levels:?}");
    // The unreadable files are notifications of a failed invocation.
    let inv = &run["invocations"][0];
    assert_eq!(inv["executionSuccessful"], false);
    let notes = inv["toolExecutionNotifications"].as_array().unwrap();
    assert_eq!(notes.len(), 2);
    assert_eq!(
        notes[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "stories/old/image.txt"
    );
    // An absolute path inside the working folder is still reported relative to it.
    let abs = d.path().join("stories/local/budget.txt");
    let o = run_in(
        d.path(),
        &["check", "--format", "sarif", abs.to_str().unwrap()],
        None,
    );
    let v = json(&o.stdout);
    assert_eq!(
        v["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "stories/local/budget.txt"
    );
}

/// Fingerprints name a finding by its rule, words and line text, so that editing another part
/// of the story (here: a new first paragraph, which moves every finding down two lines) leaves
/// them as they were, while the finding on the edited line gets a new one.
#[test]
fn sarif_fingerprints_survive_edits_elsewhere() {
    let d = tempfile::tempdir().unwrap();
    let story = "The plan is bad, critics say.\n\nThe bridge reportedly cost $2 million.\n\n\
                 Officials said the work would end in May.\n";
    let prints = |text: &str| -> Vec<(String, u64, String)> {
        write(d.path(), "story.txt", text);
        let v = json(&run_in(d.path(), &["check", "--format", "sarif", "story.txt"], None).stdout);
        v["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["ruleId"].as_str().unwrap().to_owned(),
                    r["locations"][0]["physicalLocation"]["region"]["startLine"]
                        .as_u64()
                        .unwrap(),
                    r["partialFingerprints"]["attribFinding/v1"]
                        .as_str()
                        .unwrap()
                        .to_owned(),
                )
            })
            .collect()
    };
    let before = prints(story);
    assert!(before.len() >= 3, "{before:?}");
    let after = prints(&format!(
        "A new first paragraph about the weather.\n\n{story}"
    ));
    assert_eq!(before.len(), after.len());
    for (b, a) in before.iter().zip(&after) {
        assert_eq!((&b.0, b.1 + 2, &b.2), (&a.0, a.1, &a.2));
    }
    let edited = prints(&story.replace("critics say", "critics say, citing costs,"));
    assert_ne!(edited[0].2, before[0].2);
    assert_eq!(edited[1..], before[1..]);
}

#[test]
fn github_annotations() {
    let d = newsroom();
    write(d.path(), "stories/odd, name: 100%.txt", STORY_B);
    let o = run_in(d.path(), &["check", "--format", "github", "stories"], None);
    assert_eq!(o.code, 2);
    let lines: Vec<&str> = o.stdout.lines().collect();
    assert!(
        lines.contains(
            &"::error file=stories/old/image.txt,title=attrib%3A file not checked::binary file (NUL byte at offset 6)"
        ),
        "{}",
        o.stdout
    );
    let vague = lines
        .iter()
        .find(|l| {
            l.starts_with("::warning file=stories/local/budget.txt,")
                && l.contains("title=vague-source")
        })
        .expect("vague-source annotation");
    assert_eq!(
        *vague,
        "::warning file=stories/local/budget.txt,line=1,col=45,endLine=1,endColumn=51,\
         title=vague-source::Vague source “Critics”: say who, by name or at least by affiliation."
    );
    assert!(
        lines.iter().any(|l| l.starts_with("::notice ")),
        "{}",
        o.stdout
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("::warning file=stories/odd%2C name%3A 100%25.txt,line=")),
        "{}",
        o.stdout
    );
    for l in &lines {
        assert!(
            l.starts_with("::error ") || l.starts_with("::warning ") || l.starts_with("::notice ")
        );
    }
}

#[test]
fn jsonl_streams_one_object_per_file() {
    let d = newsroom();
    let o = run_in(d.path(), &["check", "--format", "jsonl", "stories"], None);
    assert_eq!(o.code, 2);
    let lines: Vec<Value> = o.stdout.lines().map(json).collect();
    assert_eq!(lines.len(), 6);
    assert_eq!(lines[0]["path"], "stories/empty.md");
    assert_eq!(lines[0]["findings"], serde_json::json!([]));
    let bad = lines
        .iter()
        .find(|l| l["path"] == "stories/old/image.txt")
        .unwrap();
    assert!(bad["error"].as_str().unwrap().contains("binary"));
    let json_run = json(&run_in(d.path(), &["check", "--format", "json", "stories"], None).stdout);
    for f in json_run["files"].as_array().unwrap() {
        let l = lines.iter().find(|l| l["path"] == f["path"]).unwrap();
        assert_eq!(l["findings"], f["findings"]);
    }
}

#[test]
fn human_folder_summary() {
    let d = newsroom();
    let o = run_in(d.path(), &["check", "stories"], None);
    let tail: Vec<&str> = o.stdout.lines().rev().take(3).collect();
    assert!(
        tail[2].starts_with("4 files checked: ")
            && tail[2].ends_with("; 2 files could not be read"),
        "{tail:?}"
    );
    assert!(tail[1].starts_with("top rules: "), "{tail:?}");
    assert!(tail[0].starts_with("quotes: "), "{tail:?}");
    assert!(
        tail[0].contains("from anonymous or vague sources"),
        "{tail:?}"
    );
    // No progress bar when stderr is not a terminal.
    assert!(!o.stderr.contains("checking"), "{}", o.stderr);
    // A single file keeps the one-line summary.
    let o = run_in(d.path(), &["check", "stories/local/budget.txt"], None);
    assert!(!o.stdout.contains("top rules"), "{}", o.stdout);
}

// ---------------------------------------------------------------------------------------------
// stdin, completions, man page.

#[test]
fn stdin_with_a_filename() {
    let d = tempfile::tempdir().unwrap();
    let md = "---\ntitle: Critics say the minister lied\n---\n\nThe minister reportedly quit.\n";
    let o = run_in(
        d.path(),
        &[
            "check",
            "-",
            "--stdin-filename",
            "news/q.md",
            "--format",
            "json",
        ],
        Some(md.as_bytes()),
    );
    let v = json(&o.stdout);
    assert_eq!(v["files"][0]["path"], "news/q.md");
    let rules: Vec<&str> = v["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    // Read as Markdown: the front matter is not prose.
    assert_eq!(rules, ["passive-attribution"]);
    // Read as text (no name), the front matter is prose and its quote counts.
    let o = run_in(
        d.path(),
        &["check", "--format", "json"],
        Some(md.as_bytes()),
    );
    let v = json(&o.stdout);
    assert_eq!(v["files"][0]["path"], "-");
    let n = v["files"][0]["findings"].as_array().unwrap().len();
    assert!(n > 1, "{}", o.stdout);
    // Binary on stdin is an error, exit 2.
    let o = run_in(d.path(), &["check", "-", "--format", "json"], Some(b"a\0b"));
    assert_eq!(o.code, 2);
    assert_eq!(json(&o.stdout)["errors"][0]["path"], "-");
}

#[test]
fn completions_and_man_page() {
    let d = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish"] {
        let o = run_in(d.path(), &["completions", shell], None);
        assert_eq!(o.code, 0, "{shell}");
        assert!(o.stdout.contains("attrib"), "{shell}");
        assert!(o.stdout.contains("max-file-size"), "{shell}");
    }
    let o = run_in(d.path(), &["man"], None);
    assert_eq!(o.code, 0);
    assert!(
        o.stdout.starts_with(".ie") || o.stdout.contains(".TH attrib"),
        "{}",
        &o.stdout[..200.min(o.stdout.len())]
    );
    assert!(o.stdout.contains("check"));
    // The page has the sections a reader looks for, not only the options.
    for section in [
        ".SH \"EXIT STATUS\"",
        ".SH FILES",
        ".attrib.yaml",
        ".SH EXAMPLES",
    ] {
        assert!(o.stdout.contains(section), "{section}");
    }
    // One page per command, into a folder that does not exist yet.
    let dir = d.path().join("share/man/man1");
    let o = run_in(d.path(), &["man", "--dir", dir.to_str().unwrap()], None);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let page = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap();
    assert!(page("attrib-check.1").contains("fail\\-on"));
    assert!(page("attrib-diff.1").contains("stdin"));
    assert!(page("attrib-rules-explain.1").contains("rule id"));
    assert!(page("attrib.1").contains(".SH \"EXIT STATUS\""));
}

// ---------------------------------------------------------------------------------------------
// Batch: JSON lines in, JSON lines out.

#[test]
fn jsonl_input_answers_every_line_in_order() {
    let d = tempfile::tempdir().unwrap();
    let mut input = String::new();
    for i in 0..50 {
        input.push_str(
            &serde_json::json!({"id": i, "text": format!("Story {i}. Critics say it.")})
                .to_string(),
        );
        input.push('\n');
    }
    input.push_str("{\"id\": \"md\", \"text\": \"# T\\n\\nThe minister reportedly quit.\", \"format\": \"md\", \"url\": \"x\"}\n");
    input.push_str("not json\n");
    input.push_str("{\"id\": \"no-text\"}\n");
    input.push_str("{\"id\": \"fmt\", \"text\": \"x\", \"format\": \"docx\"}\n");
    input.push_str("{\"id\": \"nul\", \"text\": \"a\\u0000b\"}\n");
    input.push_str("{\"id\": \"empty\", \"text\": \"\"}\n");
    let mut bytes = input.into_bytes();
    bytes.extend_from_slice(b"\xff\xfe\n");
    // An array is not a record, though serde could read one as the record's fields.
    bytes.extend_from_slice(b"[\"x\", \"Critics say it.\", \"txt\"]\n");
    let o = run_in(d.path(), &["check", "--input", "jsonl", "-"], Some(&bytes));
    assert_eq!(o.code, 0, "{}", o.stderr);
    let lines: Vec<Value> = o.stdout.lines().map(json).collect();
    assert_eq!(lines.len(), 58);
    let error_of = |l: &Value| l["errors"][0]["message"].as_str().unwrap_or("").to_owned();
    for (i, l) in lines.iter().enumerate() {
        assert_eq!(l["input_line"], i + 1);
    }
    for (i, l) in lines.iter().enumerate().take(50) {
        assert_eq!(l["id"], i);
        assert_eq!(l["findings"][0]["rule"], "vague-source");
        assert_eq!(l["errors"], serde_json::json!([]));
    }
    assert_eq!(lines[50]["id"], "md");
    assert_eq!(lines[50]["findings"][0]["rule"], "passive-attribution");
    assert_eq!(lines[50]["findings"][0]["line"], 3);
    assert!(lines[51]["id"].is_null());
    assert!(error_of(&lines[51]).contains("not a JSON object"));
    assert_eq!(lines[52]["id"], "no-text");
    assert!(error_of(&lines[52]).contains("text"));
    assert!(error_of(&lines[53]).contains("unknown format"));
    assert!(error_of(&lines[54]).contains("binary"));
    assert_eq!(lines[55]["errors"], serde_json::json!([]));
    assert!(error_of(&lines[56]).contains("not UTF-8"));
    assert_eq!(lines[57]["findings"], serde_json::json!([]));
    assert!(error_of(&lines[57]).contains("not a JSON object"));
    // Other output formats are refused.
    let o = run_in(
        d.path(),
        &["check", "--input", "jsonl", "--format", "sarif"],
        Some(b""),
    );
    assert_eq!(o.code, 2);
}

/// A caller can write one record and read its answer before writing the next.
#[test]
fn jsonl_input_answers_each_line_before_the_next_arrives() {
    use std::io::{BufRead, BufReader};
    let mut child = Command::new(env!("CARGO_BIN_EXE_attrib"))
        .args(["check", "--input", "jsonl", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("binary runs");
    let mut stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if tx.send(line.unwrap()).is_err() {
                break;
            }
        }
    });
    for i in 0..3 {
        writeln!(stdin, "{{\"id\": {i}, \"text\": \"Critics say so.\"}}").unwrap();
        stdin.flush().unwrap();
        let answer = rx
            .recv_timeout(std::time::Duration::from_secs(20))
            .expect("an answer before the next line is written");
        assert_eq!(json(&answer)["id"], i);
    }
    drop(stdin);
    assert!(child.wait().unwrap().success());
}
