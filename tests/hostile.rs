//! Hostile input fed to the binary: `check --format json` and `quotes --format json` must exit
//! 0, 1 or 2, print valid JSON (or nothing) on stdout and never panic, whatever they are given.
//!
//! The twelve kinds (issue 7): invalid UTF-8, NUL bytes, a file over the size limit, 5 MB of quote
//! marks, 50,000 nested `<p>` tags, 5,000 nested block quotes, a YAML alias bomb rule file, a
//! huge rule file, an invalid regex in a rule, a missing file, a directory loop and an unreadable
//! file. Rule files go to `check --rules`; `quotes` takes no rules, so it reads them as articles.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_attrib");

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(cwd: &Path, args: &[&str]) -> Run {
    let r = run_raw(cwd, args);
    if !r.stdout.trim().is_empty()
        && let Err(e) = serde_json::from_str::<Value>(&r.stdout)
    {
        panic!(
            "attrib {args:?}: stdout is not JSON ({e}): {}",
            &r.stdout[..r.stdout.len().min(500)]
        );
    }
    r
}

/// Run the binary: exit 0, 1 or 2 and no panic, whatever the output format.
fn run_raw(cwd: &Path, args: &[&str]) -> Run {
    run_fed(cwd, args, Stdio::null())
}

/// [`run_raw`] with `stdin` as standard input.
fn run_fed(cwd: &Path, args: &[&str], stdin: Stdio) -> Run {
    let t = Instant::now();
    let out = Command::new(BIN)
        .args(args)
        .current_dir(cwd)
        .stdin(stdin)
        .output()
        .expect("run attrib");
    let r = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    eprintln!("attrib {args:?}: exit {} in {:.2?}", r.code, t.elapsed());
    assert!(
        matches!(r.code, 0..=2),
        "attrib {args:?}: exit {} (killed by a signal if -1)\nstderr: {}",
        r.code,
        r.stderr
    );
    assert!(
        !r.stderr.contains("panicked") && !r.stderr.contains("RUST_BACKTRACE"),
        "attrib {args:?} panicked: {}",
        r.stderr
    );
    r
}

/// `check --format json` and `quotes --format json` over `path`.
fn both(dir: &Path, path: &str) -> (Run, Run) {
    (
        run(dir, &["check", "--format", "json", path]),
        run(dir, &["quotes", "--format", "json", path]),
    )
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

/// The error text of a run: stderr, plus the JSON `errors` on stdout.
fn errors(r: &Run) -> String {
    format!("{}\n{}", r.stderr, r.stdout)
}

#[test]
fn invalid_utf8_names_the_file_and_offset() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "latin1.txt", b"Caf\xe9 \"ok,\" she said.\n");
    let (c, q) = both(dir.path(), "latin1.txt");
    for r in [&c, &q] {
        assert_eq!(r.code, 2);
        let e = errors(r);
        assert!(e.contains("latin1.txt") && e.contains("offset 3"), "{e}");
    }
}

#[test]
fn nul_bytes_mean_binary() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "image.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let (c, q) = both(dir.path(), "image.txt");
    for r in [&c, &q] {
        assert_eq!(r.code, 2);
        assert!(errors(r).contains("binary"), "{}", errors(r));
    }
}

#[test]
fn files_over_the_size_limit_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "small.txt", "\"Hi,\" he said. ".repeat(200));
    let r = run(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--max-file-size",
            "1K",
            "small.txt",
        ],
    );
    assert_eq!(r.code, 2);
    assert!(errors(&r).contains("too large"), "{}", errors(&r));
    // `quotes` has no option: it uses the default limit (10 MB).
    let big = attrib::input::DEFAULT_MAX_FILE_SIZE as usize + 1;
    write(dir.path(), "big.txt", vec![b'a'; big]);
    let r = run(dir.path(), &["quotes", "--format", "json", "big.txt"]);
    assert_eq!(r.code, 2);
    assert!(errors(&r).contains("too large"), "{}", errors(&r));
}

#[test]
fn five_megabytes_of_quote_marks() {
    let dir = tempfile::tempdir().unwrap();
    let unit = "\"“”‘’'«»„ ";
    let text = unit.repeat(5 * 1024 * 1024 / unit.len());
    write(dir.path(), "marks.txt", &text);
    write(dir.path(), "marks.md", &text);
    let (c, q) = both(dir.path(), "marks.txt");
    assert!(c.code <= 1 && q.code == 0, "{}{}", c.stderr, q.stderr);
    let (c, q) = both(dir.path(), "marks.md");
    assert!(c.code <= 1 && q.code == 0, "{}{}", c.stderr, q.stderr);
}

#[test]
fn fifty_thousand_nested_p_tags() {
    let dir = tempfile::tempdir().unwrap();
    let n = 50_000;
    let html = format!(
        "<html><body>{}“It holds,” she said.{}</body></html>",
        "<p>".repeat(n),
        "</p>".repeat(n)
    );
    write(dir.path(), "deep.html", html);
    let (c, q) = both(dir.path(), "deep.html");
    assert!(c.code <= 1 && q.code == 0, "{}{}", c.stderr, q.stderr);
}

#[test]
fn five_thousand_nested_block_quotes() {
    let dir = tempfile::tempdir().unwrap();
    let md = format!("{}“It holds,” she said.\n\nAfter.\n", "> ".repeat(5_000));
    write(dir.path(), "deep.md", md);
    let (c, q) = both(dir.path(), "deep.md");
    assert!(c.code <= 1 && q.code == 0, "{}{}", c.stderr, q.stderr);
}

fn article(dir: &Path) {
    write(
        dir,
        "story.txt",
        "“We will appeal,” a senior official said.\n",
    );
}

/// A rule file handed to `check --rules` must be refused with exit 2 and a message holding
/// every one of `needles`; `quotes` reads the same file as an article.
fn refused_rule_file(dir: &Path, name: &str, needles: &[&str]) {
    article(dir);
    let r = run(
        dir,
        &["check", "--format", "json", "--rules", name, "story.txt"],
    );
    assert_eq!(r.code, 2, "{}", errors(&r));
    for n in needles {
        assert!(errors(&r).contains(n), "missing {n:?} in {}", errors(&r));
    }
    run(dir, &["quotes", "--format", "json", name]);
}

#[test]
fn yaml_alias_bomb_rule_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut y = String::from(
        "a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n",
    );
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    for w in names.windows(2) {
        let refs = vec![format!("*{}", w[0]); 9].join(", ");
        y.push_str(&format!("{}: &{} [{refs}]\n", w[1], w[1]));
    }
    y.push_str("rules:\n  - id: bomb\n    severity: warning\n    message: boom\n    when:\n      phrase: *i\n");
    write(dir.path(), "bomb.yaml", y);
    refused_rule_file(dir.path(), "bomb.yaml", &["bomb.yaml", "aliases"]);
}

#[test]
fn huge_rule_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut y = String::from("rules:\n");
    let rule = "  - id: r\n    severity: info\n    message: m\n    when: {phrase: [x]}\n";
    while y.len() <= attrib::yaml::MAX_YAML_BYTES {
        y.push_str(rule);
    }
    write(dir.path(), "huge.yaml", y);
    refused_rule_file(dir.path(), "huge.yaml", &["huge.yaml", "too large"]);
}

#[test]
fn invalid_regex_names_the_rule_and_file() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "bad-regex.yaml",
        "rules:\n  - id: broken-pattern\n    severity: warning\n    message: m\n    when:\n      pattern: \"(unclosed\"\n",
    );
    refused_rule_file(
        dir.path(),
        "bad-regex.yaml",
        &["bad-regex.yaml", "broken-pattern"],
    );
}

#[test]
fn missing_file_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let (c, q) = both(dir.path(), "no-such-story.txt");
    for r in [&c, &q] {
        assert_eq!(r.code, 2);
        assert!(errors(r).contains("no-such-story.txt"), "{}", errors(r));
    }
}

#[cfg(unix)]
#[test]
fn directory_loop_does_not_stop_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let news = dir.path().join("news");
    std::fs::create_dir(&news).unwrap();
    article(&news);
    std::os::unix::fs::symlink("..", news.join("loop")).unwrap();
    let (c, q) = both(dir.path(), "news");
    for r in [&c, &q] {
        assert!(r.stdout.contains("story.txt"), "{}", r.stdout);
    }
    // The story was still checked: its anonymous source is reported.
    assert!(c.stdout.contains("anonymous-source"), "{}", c.stdout);
}

#[cfg(unix)]
#[test]
fn unreadable_file_does_not_stop_the_run() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let news = dir.path().join("news");
    std::fs::create_dir(&news).unwrap();
    article(&news);
    let locked = write(&news, "locked.txt", "“Secret,” he said.\n");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    // Root (as in CI containers) reads files whatever their mode: then there is nothing to test.
    if std::fs::read(&locked).is_ok() {
        eprintln!("skipped: running as root, chmod 000 does not stop reads");
        return;
    }
    let (c, q) = both(dir.path(), "news");
    for r in [&c, &q] {
        assert_eq!(r.code, 2);
        assert!(r.stdout.contains("story.txt"), "{}", r.stdout);
        assert!(errors(r).contains("locked.txt"), "{}", errors(r));
    }
}

/// A file of secrets in three shapes: a private key, a `.env` and a YAML mapping of tokens.
fn secret_files(d: &Path) -> Vec<(PathBuf, &'static [&'static str])> {
    let key = d.join("id_ed25519");
    std::fs::write(
        &key,
        "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n\
         -----END OPENSSH PRIVATE KEY-----\n",
    )
    .unwrap();
    let env = d.join("prod.env");
    std::fs::write(&env, "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG\n").unwrap();
    let tokens = d.join("tokens.yaml");
    std::fs::write(&tokens, "rules:\n  - id: \"ghp_s3cr3tT0ken/abc+def=\"\n").unwrap();
    vec![
        (key, &["b3BlbnNz", "BEGIN OPENSSH"][..]),
        (env, &["wJalrX", "AWS_SECRET"][..]),
        (tokens, &["s3cr3t"][..]),
    ]
}

#[test]
fn errors_never_print_a_secret_file_named_as_rules_or_config() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    std::fs::write(dir.join("story.txt"), "\"Yes,\" said Bob.\n").unwrap();
    for (file, secrets) in secret_files(dir) {
        let name = file.file_name().unwrap().to_str().unwrap().to_owned();
        std::fs::write(dir.join(".attrib.yaml"), format!("rules: [{name}]\n")).unwrap();
        let runs = [
            run(dir, &["check", "--isolated", "--rules", &name, "story.txt"]),
            run(
                dir,
                &["check", "--isolated", "--config", &name, "story.txt"],
            ),
            run(dir, &["check", "story.txt"]),
        ];
        for r in runs {
            assert_eq!(r.code, 2, "{}", r.stderr);
            assert!(r.stderr.contains(&name), "names the file: {}", r.stderr);
            for s in secrets {
                assert!(!r.stderr.contains(s), "echoed {s}: {}", r.stderr);
                assert!(!r.stdout.contains(s), "echoed {s}: {}", r.stdout);
            }
        }
    }
}

#[test]
fn a_config_may_not_name_rule_files_outside_its_folder() {
    let d = tempfile::tempdir().unwrap();
    let repo = d.path().join("repo");
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    std::fs::write(repo.join("story.txt"), "Some say so.\n").unwrap();
    std::fs::write(d.path().join("outside.yaml"), "rules: []\n").unwrap();
    std::fs::write(repo.join(".attrib.yaml"), "rules: [../outside.yaml]\n").unwrap();
    let r = run(&repo, &["check", "story.txt"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("outside the config's folder") && r.stderr.contains("../outside.yaml"),
        "{}",
        r.stderr
    );
    let r = run_raw(&repo, &["check", "--allow-external-rules", "story.txt"]);
    assert!(r.code < 2, "{}", r.stderr);
    // An absolute path counts the same.
    let abs = d.path().join("outside.yaml");
    std::fs::write(
        repo.join(".attrib.yaml"),
        format!("rules: [\"{}\"]\n", abs.display()),
    )
    .unwrap();
    assert_eq!(run(&repo, &["check", "story.txt"]).code, 2);
}

#[test]
fn config_is_found_from_the_checked_path_and_stops_at_the_repository_root() {
    let d = tempfile::tempdir().unwrap();
    let top = d.path();
    // A config above the repository (another user's /tmp/.attrib.yaml, say) that would silence
    // everything.
    std::fs::write(top.join(".attrib.yaml"), "exclude: [\"**\"]\n").unwrap();
    let repo = top.join("repo");
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    std::fs::create_dir_all(repo.join("news")).unwrap();
    std::fs::write(
        repo.join("news/story.txt"),
        "The deal is off, a senior official said.\n",
    )
    .unwrap();
    let elsewhere = top.join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    let story = repo.join("news/story.txt");
    let story = story.to_str().unwrap();
    // Run from a folder under the hostile config: the checked file's repository decides.
    let r = run(
        &elsewhere,
        &["check", "--format", "json", "--verbose", story],
    );
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["summary"]["files"], 1, "{}", r.stdout);
    assert_eq!(v["config"], Value::Null);
    assert!(r.stderr.contains("config: none"), "{}", r.stderr);
    // The repository's own config applies, and the run says so.
    std::fs::write(repo.join(".attrib.yaml"), "disable: [anonymous-source]\n").unwrap();
    let r = run(&elsewhere, &["check", "--format", "json", story]);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert!(
        v["config"]
            .as_str()
            .is_some_and(|c| c.ends_with("repo/.attrib.yaml")),
        "{}",
        r.stdout
    );
    assert_eq!(v["summary"]["findings"], 0, "{}", r.stdout);
    let r = run(&elsewhere, &["check", "--format", "sarif", story]);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert!(
        v["runs"][0]["invocations"][0]["properties"]["attribConfig"]
            .as_str()
            .is_some_and(|c| c.ends_with("repo/.attrib.yaml")),
        "{}",
        r.stdout
    );
    // --isolated uses none.
    let r = run(
        &elsewhere,
        &["check", "--format", "json", "--isolated", story],
    );
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["config"], Value::Null);
    assert_eq!(v["summary"]["findings"], 1, "{}", r.stdout);
}

#[test]
fn an_excluded_file_named_explicitly_is_reported_as_excluded() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    std::fs::create_dir_all(dir.join(".git")).unwrap();
    std::fs::write(dir.join(".attrib.yaml"), "exclude: [drafts]\n").unwrap();
    std::fs::create_dir_all(dir.join("drafts")).unwrap();
    std::fs::write(dir.join("drafts/a.txt"), "Text.\n").unwrap();
    let r = run_raw(dir, &["check", "drafts/a.txt"]);
    assert_eq!(r.code, 0);
    assert!(
        r.stderr.contains("drafts/a.txt") && r.stderr.contains("excluded"),
        "{}",
        r.stderr
    );
    let r = run(dir, &["check", "--format", "json", "drafts/a.txt"]);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["excluded"], serde_json::json!(["drafts/a.txt"]));
}

#[cfg(unix)]
#[test]
fn devices_and_pipes_named_as_rules_or_config_are_refused_without_reading() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    std::fs::write(dir.join("story.txt"), "Text.\n").unwrap();
    let fifo = dir.join("pipe.yaml");
    let made = Command::new("mkfifo").arg(&fifo).status();
    for (flag, path) in [
        ("--rules", "/dev/zero"),
        ("--config", "/dev/zero"),
        ("--rules", "pipe.yaml"),
        ("--config", "pipe.yaml"),
    ] {
        if path == "pipe.yaml" && !made.as_ref().is_ok_and(|s| s.success()) {
            continue;
        }
        // Bounded by construction: the file is refused from its metadata, before it is opened,
        // so neither the endless device nor the writer-less pipe is read.
        let r = run(dir, &["check", "--isolated", flag, path, "story.txt"]);
        assert_eq!(r.code, 2);
        assert!(
            r.stderr.contains(path) && r.stderr.contains("not a regular file"),
            "{}",
            r.stderr
        );
    }
}

/// Run the binary with the file `stdin` as its standard input.
fn run_with_stdin(cwd: &Path, args: &[&str], stdin: &Path) -> Run {
    run_fed(
        cwd,
        args,
        std::fs::File::open(stdin).expect("stdin source").into(),
    )
}

#[cfg(unix)]
#[test]
fn endless_devices_and_pipes_end_with_a_clear_error() {
    // Bounded by construction: every read goes through `take(limit + 1)` and special files are
    // refused from their metadata, so these end (a hang or an abort would fail the test run).
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    std::fs::write(dir.join("story.txt"), "\"Yes,\" said Bob.\n").unwrap();
    let zero = Path::new("/dev/zero");
    for args in [
        &["check", "--isolated", "/dev/zero"][..],
        &["quotes", "/dev/zero"][..],
        &["diff", "/dev/zero", "story.txt"][..],
    ] {
        let r = run_raw(dir, args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(
            r.stderr.contains("/dev/zero") && r.stderr.contains("device"),
            "{args:?}: {}",
            r.stderr
        );
    }
    // Standard input from an endless source stops at the size limit.
    for args in [
        &["check", "--isolated", "--max-file-size", "1M", "-"][..],
        &["quotes", "-"][..],
        &["diff", "-", "story.txt"][..],
    ] {
        let r = run_with_stdin(dir, args, zero);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains("too large"), "{args:?}: {}", r.stderr);
    }
    let r = run_with_stdin(
        dir,
        &[
            "check",
            "--isolated",
            "--input",
            "jsonl",
            "--max-file-size",
            "1M",
        ],
        zero,
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("longer than"), "{}", r.stderr);
    // A named pipe with no writer is refused, not waited on.
    let fifo = dir.join("pipe.txt");
    if Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success())
    {
        let r = run_raw(dir, &["check", "--isolated", "pipe.txt"]);
        assert_eq!(r.code, 2);
        assert!(r.stderr.contains("named pipe"), "{}", r.stderr);
    }
}

#[cfg(unix)]
#[test]
fn a_folder_whose_ignore_file_is_endless_is_skipped_and_reported() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path().join("news");
    for sub in ["a", "b", "c"] {
        std::fs::create_dir_all(root.join(sub)).unwrap();
        std::fs::write(root.join(sub).join("s.txt"), "\"Yes,\" said Bob.\n").unwrap();
    }
    // b's .gitignore never ends; c holds a named pipe with an article's name.
    std::os::unix::fs::symlink("/dev/zero", root.join("b/.gitignore")).unwrap();
    let fifo_made = Command::new("mkfifo")
        .arg(root.join("c/pipe.txt"))
        .status()
        .is_ok_and(|s| s.success());
    for extra in [&[][..], &["news/a/s.txt"][..]] {
        // One folder (streamed walk) and several paths (collected walk).
        let mut args = vec!["check", "--isolated", "--format", "json", "news"];
        args.extend(extra);
        let r = run(d.path(), &args);
        assert_eq!(r.code, 2, "{}", r.stderr);
        let v: Value = serde_json::from_str(&r.stdout).unwrap();
        let checked: Vec<&str> = v["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["path"].as_str().unwrap())
            .collect();
        assert!(checked.contains(&"news/a/s.txt"), "{checked:?}");
        assert!(checked.contains(&"news/c/s.txt"), "{checked:?}");
        let errors = v["errors"].to_string();
        assert!(
            errors.contains("news/b/.gitignore") && errors.contains("skipped"),
            "{errors}"
        );
        if fifo_made {
            assert!(
                errors.contains("pipe.txt") && errors.contains("named pipe"),
                "{errors}"
            );
        }
    }
}

#[cfg(unix)]
#[test]
fn every_write_is_checked() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    std::fs::write(dir.join("a.txt"), "\"Yes,\" said Bob.\n").unwrap();
    std::fs::write(dir.join("b.txt"), "\"No,\" said Bob.\n").unwrap();
    let full = || std::fs::OpenOptions::new().write(true).open("/dev/full");
    let Ok(_) = full() else { return };
    for args in [
        &["diff", "a.txt", "b.txt"][..],
        &["man"][..],
        &["rules", "list"][..],
        &["rules", "explain", "hedge"][..],
        &["rules", "test"][..],
        &["completions", "bash"][..],
        &["quotes", "a.txt"][..],
        &["check", "--isolated", "a.txt"][..],
    ] {
        let out = Command::new(BIN)
            .args(args)
            .current_dir(dir)
            .stdin(Stdio::null())
            .stdout(full().unwrap())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains("error") && !stderr.contains("panicked"),
            "{args:?}: {stderr}"
        );
    }
    // A closed pipe ends quietly: the reader has what it wanted.
    for args in [
        &["rules", "list"][..],
        &["man"][..],
        &["completions", "zsh"][..],
    ] {
        let mut child = Command::new(BIN)
            .args(args)
            .current_dir(dir)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(stderr.is_empty(), "{args:?}: {stderr}");
    }
}

#[test]
fn terminal_escapes_in_articles_are_shown_not_sent() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    let evil = "\"Vote now\u{1b}]0;pwned\u{7}\u{1b}[2K,\" said Ana \u{1b}[31mRuiz.\n";
    std::fs::write(dir.join("a.txt"), evil).unwrap();
    std::fs::write(dir.join("b.txt"), evil.replace("now", "later")).unwrap();
    for args in [&["quotes", "a.txt"][..], &["diff", "a.txt", "b.txt"][..]] {
        let r = run_raw(dir, args);
        assert!(r.code < 2, "{args:?}: {}", r.stderr);
        assert!(
            !r.stdout.contains('\u{1b}') && !r.stdout.contains('\u{7}'),
            "{args:?}: {:?}",
            r.stdout
        );
        assert!(r.stdout.contains('\u{241b}'), "{args:?}: {:?}", r.stdout);
    }
}

#[cfg(unix)]
#[test]
fn terminal_escapes_in_file_names_are_shown_not_sent() {
    // A file name is as much the article author's as its text: `check` prints it at the head
    // of every diagnostic and in GitHub annotations, `quotes` above its quotes.
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    let name = "b\u{1b}[2Jx\u{7}.txt";
    let text =
        "\"Nobody is talking to us.\"\n\nOfficials said the \u{1b}]0;pwned\u{7} road was shut.\n";
    std::fs::write(dir.join(name), text).unwrap();
    for args in [
        &["check", "--isolated", "."][..],
        &["check", "--isolated", "--format", "github", "."][..],
        &["quotes", "."][..],
    ] {
        let r = run_raw(dir, args);
        assert!(r.code < 2, "{args:?}: {}", r.stderr);
        for out in [&r.stdout, &r.stderr] {
            assert!(
                !out.contains('\u{1b}') && !out.contains('\u{7}'),
                "{args:?}: {out:?}"
            );
        }
        assert!(r.stdout.contains('\u{241b}'), "{args:?}: {:?}", r.stdout);
    }
}

#[test]
fn findings_per_file_are_capped_with_a_closing_count() {
    let d = tempfile::tempdir().unwrap();
    // 3,000 unattributed quotes, one per paragraph.
    let text: String = (0..3000)
        .map(|i| format!("The meeting ran late.\n\n\"Number {i} of the things nobody said.\"\n\n"))
        .collect();
    std::fs::write(d.path().join("many.txt"), text).unwrap();
    let r = run(
        d.path(),
        &["check", "--isolated", "--format", "json", "many.txt"],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    let f = v["files"][0]["findings"].as_array().unwrap();
    assert_eq!(f.len(), 1001);
    let last = &f[1000];
    assert_eq!(last["rule"], "too-many-findings");
    assert_eq!(last["severity"], "error");
    assert!(
        last["message"].as_str().unwrap().contains("more findings"),
        "{last}"
    );
}

#[test]
fn rule_files_over_the_aggregate_limits_are_refused_before_compiling() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    std::fs::write(dir.join("story.txt"), "Text.\n").unwrap();
    let rule = |i: usize, when: &str| {
        format!("  - id: r{i}\n    severity: info\n    message: m\n    when: {when}\n")
    };
    let files = [
        (
            "regex.yaml",
            (0..1000)
                .map(|i| rule(i, &format!("{{pattern: \"(a|b|c){{1,50}}{i}\"}}")))
                .collect::<String>(),
            "too many rules",
        ),
        (
            "patterns.yaml",
            (0..40)
                .map(|i| rule(i, &format!("{{pattern: \"x{i}\"}}")))
                .collect::<String>(),
            "too many patterns",
        ),
        (
            "phrases.yaml",
            (0..60)
                .map(|i| rule(i, &format!("{{phrase: [\"{{a|b|c|d|e|f|g|h|i|j}} {{a|b|c|d|e|f|g|h|i|j}} {{a|b|c|d|e|f|g|h|i|j}} w{i}\"]}}")))
                .collect::<String>(),
            "too many phrases",
        ),
    ];
    for (name, body, want) in files {
        std::fs::write(dir.join(name), format!("rules:\n{body}")).unwrap();
        let t = Instant::now();
        let r = run(
            dir,
            &[
                "check",
                "--isolated",
                "--rules",
                name,
                "--format",
                "json",
                "story.txt",
            ],
        );
        assert_eq!(r.code, 2, "{name}: {}", r.stderr);
        assert!(
            r.stderr.contains(want) && r.stderr.contains(name),
            "{name}: {}",
            r.stderr
        );
        assert!(t.elapsed().as_secs() < 10, "{name} took {:?}", t.elapsed());
    }
}

#[test]
fn a_long_article_is_checked_in_pieces_with_whole_file_positions() {
    let d = tempfile::tempdir().unwrap();
    let filler = "The council met on Monday.\n\n";
    let n = 7 * 1024 * 1024 / filler.len();
    let mut text = filler.repeat(n);
    text.push_str("The minister reportedly resigned.\n");
    std::fs::write(d.path().join("long.txt"), &text).unwrap();
    let r = run(
        d.path(),
        &[
            "check",
            "--isolated",
            "--max-file-size",
            "20M",
            "--format",
            "json",
            "long.txt",
        ],
    );
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    let f = v["files"][0]["findings"].as_array().unwrap();
    assert_eq!(f.len(), 1, "{f:?}");
    let start = f[0]["start"].as_u64().unwrap() as usize;
    let end = f[0]["end"].as_u64().unwrap() as usize;
    assert_eq!(&text[start..end], "reportedly");
    assert_eq!(f[0]["line"], 2 * n + 1);
    assert_eq!(f[0]["column"], 14);
}

/// The one finding `check --format json` gives for `name` (written with `text`), checked
/// against where "reportedly" last appears in `text`: byte offsets, line and column (in
/// characters) of the whole file.
fn assert_last_reportedly_found(name: &str, text: &str) {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join(name), text).unwrap();
    let r = run(
        d.path(),
        &[
            "check",
            "--isolated",
            "--max-file-size",
            "20M",
            "--format",
            "json",
            name,
        ],
    );
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    let f = v["files"][0]["findings"].as_array().unwrap();
    assert_eq!(f.len(), 1, "{name}: {f:?}");
    let start = f[0]["start"].as_u64().unwrap() as usize;
    let end = f[0]["end"].as_u64().unwrap() as usize;
    let want = text.rfind("reportedly").unwrap();
    assert_eq!((start, &text[start..end]), (want, "reportedly"), "{name}");
    let line_start = text[..want].rfind('\n').map_or(0, |i| i + 1);
    assert_eq!(
        f[0]["line"],
        text[..want].matches('\n').count() + 1,
        "{name}"
    );
    assert_eq!(
        f[0]["column"],
        text[line_start..want].chars().count() + 1,
        "{name}"
    );
}

#[test]
fn long_markdown_and_html_are_checked_in_pieces_with_whole_file_positions() {
    // Over 6 MB: checked in 4 MB pieces. Markup everywhere, so view and file offsets differ;
    // a suppression region opened in the first piece still covers the last one.
    let filler =
        "The council met on **Monday** at the [town hall](http://example.com \"Hall\").\n\n";
    let n = 7 * 1024 * 1024 / filler.len();
    let mut md = String::from("<!-- attrib-disable passive-attribution -->\n\n");
    md.push_str(&filler.repeat(n));
    md.push_str(
        "The minister reportedly resigned.\n\n<!-- attrib-enable passive-attribution -->\n\n",
    );
    md.push_str("> Not a finding.\n\nCafé owners said the minister *reportedly* resigned.\n");
    assert_last_reportedly_found("long.md", &md);

    let filler = "<p>The council met on <b>Monday</b> &amp; Tuesday.</p>\n";
    let n = 7 * 1024 * 1024 / filler.len();
    let mut html = String::from("<html><body><!-- attrib-disable passive-attribution -->\n");
    html.push_str(&filler.repeat(n));
    html.push_str(
        "<p>The minister reportedly resigned.</p><!-- attrib-enable passive-attribution -->\n",
    );
    html.push_str("<blockquote><p>Not a finding.</p></blockquote>\n");
    html.push_str(
        "<p>Café owners said the minister <em>reportedly</em> resigned.</p></body></html>\n",
    );
    assert_last_reportedly_found("long.html", &html);
}
