//! The streamed folder walk (`walk::entries`) against the collect-sort-dedup walk
//! (`walk::walk`): same entries, same order, problems in their sorted place, and the binary's
//! runs over it.

use std::path::{Path, PathBuf};
use std::process::Command;

use attrib::walk::{self, Entry, Excludes};

const STORY: &str = "The minister said \"we will act\" on Tuesday.\n";

fn write(root: &Path, rel: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, STORY).unwrap();
}

fn both(paths: &[PathBuf], excludes: &Excludes) -> (Vec<Entry>, Vec<Entry>) {
    let streamed: Vec<Entry> = walk::entries(paths, excludes).collect();
    (streamed, walk::walk(paths, excludes))
}

/// Names whose byte order and path order could part: a folder `a` beside `a-b`, `a.b`, `ab`
/// (`-` and `.` sort before `/`, which `Path` never compares), uppercase, digits, spaces,
/// non-ASCII, a folder with an article extension, nested folders.
const TREE: &[&str] = &[
    "a.txt",
    "a-b.txt",
    "a.b.txt",
    "ab.txt",
    "a/b.txt",
    "a/b/c.txt",
    "a/b-c.txt",
    "a/b.c.txt",
    "a/b/c/d.md",
    "a/bc.txt",
    "a-b/x.txt",
    "a.b/x.txt",
    "ab/x.txt",
    "a b/x.txt",
    "a0/x.txt",
    "A/x.txt",
    "A.txt",
    "B.md",
    "Z/z.html",
    "b.htm",
    "b.markdown",
    "é/x.txt",
    "e/x.txt",
    "_/x.txt",
    "~/x.txt",
    "10.txt",
    "9.txt",
    "dir.txt/inner.txt",
    "dir.txt-2.txt",
    "deep/1/2/3/4/5.txt",
    "deep/1/2/3/4.txt",
    "deep/1/2-3.txt",
    "notes.pdf",
];

#[test]
fn one_folder_streams_in_the_collected_order() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path().join("news");
    for rel in TREE {
        write(&root, rel);
    }
    // Filters apply the same way: ignore files, hidden files, excludes.
    std::fs::write(root.join(".gitignore"), "ignored/\n").unwrap();
    std::fs::write(root.join("a/.attribignore"), "skip-*.txt\n").unwrap();
    write(&root, "ignored/x.txt");
    write(&root, "a/skip-me.txt");
    write(&root, ".hidden/x.txt");
    write(&root, "a/.hidden.txt");
    write(&root, "drafts/x.txt");
    let excludes = Excludes::new(&["drafts".to_owned()], d.path(), d.path()).unwrap();

    for given in [
        root.clone(),
        PathBuf::from(format!("{}/", root.display())),
        root.join("."),
    ] {
        let (streamed, collected) = both(std::slice::from_ref(&given), &excludes);
        assert_eq!(streamed, collected, "root given as {}", given.display());
        assert_eq!(
            streamed.len(),
            TREE.len() - 1,
            "every article and nothing else: {streamed:?}"
        );
        // And that order is path order.
        let mut sorted = streamed.clone();
        sorted.sort_by(|a, b| a.path().cmp(b.path()));
        assert_eq!(streamed, sorted);
    }

    // A relative root, as the command line gives it (`../..` up to `/`, then down).
    let cwd = std::env::current_dir().unwrap();
    let up: PathBuf = cwd.components().skip(1).map(|_| "..").collect();
    let rel = up.join(root.strip_prefix("/").unwrap());
    let (streamed, collected) = both(std::slice::from_ref(&rel), &excludes);
    assert_eq!(streamed, collected);
    assert_eq!(streamed[0], Entry::File(rel.join("10.txt")));

    // Several roots (overlapping, repeated, a file and its folder) keep collect-sort-dedup.
    let many = [
        root.join("a"),
        root.clone(),
        root.join("a/b.txt"),
        root.join("a"),
    ];
    let (streamed, collected) = both(&many, &excludes);
    assert_eq!(streamed, collected);
    assert_eq!(streamed.len(), TREE.len() - 1);
}

/// The streamed walk can go straight to `run::run` (its jobs are taken on rayon's threads).
#[test]
fn the_streamed_walk_can_be_checked_as_it_goes() {
    fn send<T: Send>(_: &T) {}
    let d = tempfile::tempdir().unwrap();
    for rel in ["b.txt", "a/x.txt", "c.md"] {
        write(d.path(), rel);
    }
    let jobs =
        walk::entries(&[d.path().to_path_buf()], &Excludes::none()).map(attrib::run::Job::Entry);
    send(&jobs);
    let options = attrib::check::Options {
        cwd: d.path().to_path_buf(),
        ..Default::default()
    };
    let settings = attrib::check::Settings::load(&options, false).unwrap();
    let opts = attrib::run::RunOptions {
        format: attrib::run::OutputFormat::Jsonl,
        color: false,
        max_file_size: 1 << 20,
        cwd: d.path().to_path_buf(),
        folder_summary: false,
        progress: false,
        verbose: false,
    };
    let mut out = Vec::new();
    attrib::run::run(&settings, &opts, jobs, &mut out).unwrap();
    let paths: Vec<String> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["path"].to_string())
        .collect();
    let want: Vec<String> = ["a/x.txt", "b.txt", "c.md"]
        .iter()
        .map(|r| format!("{:?}", d.path().join(r).display().to_string()))
        .collect();
    assert_eq!(paths, want);
}

#[cfg(unix)]
#[test]
fn problems_stay_in_their_sorted_place() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path().join("news");
    write(&root, "a.txt");
    write(&root, "c.txt");
    write(&root, "loop/inner/story.txt");
    std::os::unix::fs::symlink("nowhere.txt", root.join("b-dangling.txt")).unwrap();
    std::os::unix::fs::symlink("..", root.join("loop/inner/up")).unwrap();
    std::os::unix::fs::symlink("c.txt", root.join("d-link.txt")).unwrap();

    let (streamed, collected) = both(std::slice::from_ref(&root), &Excludes::none());
    assert_eq!(streamed, collected);
    let shown: Vec<String> = streamed
        .iter()
        .map(|e| match e {
            Entry::File(p) => p.strip_prefix(&root).unwrap().display().to_string(),
            Entry::Error { path, message } => format!(
                "{} ! {}",
                path.strip_prefix(&root).unwrap().display(),
                message.split(' ').take(3).collect::<Vec<_>>().join(" ")
            ),
            Entry::Excluded(p) => format!("{} excluded", p.display()),
        })
        .collect();
    assert_eq!(
        shown,
        [
            "a.txt",
            "b-dangling.txt ! broken symbolic link",
            "c.txt",
            "d-link.txt",
            "loop/inner/story.txt",
            "loop/inner/up ! symbolic link loop",
        ]
    );

    // The binary streams it (stderr is not a terminal here) and goes on past the problems.
    let o = Command::new(env!("CARGO_BIN_EXE_attrib"))
        .current_dir(d.path())
        .args(["check", "--format", "jsonl", "news"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let lines: Vec<String> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            let kind = if v.get("error").is_some() {
                "error"
            } else {
                "file"
            };
            format!("{} {kind}", v["path"].as_str().unwrap())
        })
        .collect();
    assert_eq!(
        lines,
        [
            "news/a.txt file",
            "news/b-dangling.txt error",
            "news/c.txt file",
            "news/d-link.txt file",
            "news/loop/inner/story.txt file",
            "news/loop/inner/up error",
        ]
    );

    let o = Command::new(env!("CARGO_BIN_EXE_attrib"))
        .current_dir(d.path())
        .args(["quotes", "--format", "csv", "news"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let stderr = String::from_utf8(o.stderr).unwrap();
    assert!(stderr.contains("news/b-dangling.txt"), "{stderr}");
    let stdout = String::from_utf8(o.stdout).unwrap();
    let files: Vec<&str> = stdout
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .collect();
    assert_eq!(
        files,
        [
            "news/a.txt",
            "news/c.txt",
            "news/d-link.txt",
            "news/loop/inner/story.txt"
        ]
    );
}

/// A parent folder's bad ignore file is reported before the walk enters the root, but sorts
/// after the root's files when the root's name sorts before `.gitignore`: the streamed walk
/// holds the problem back to its place.
#[test]
fn a_problem_reported_early_waits_for_its_place() {
    let d = tempfile::tempdir().unwrap();
    let base = d.path().canonicalize().unwrap();
    std::fs::write(base.join(".gitignore"), "ok.txt\nbad{x\n").unwrap();
    let root = base.join("!news");
    write(&root, "a.txt");
    write(&root, "z/b.txt");
    write(&root, "ok.txt");
    let (streamed, collected) = both(std::slice::from_ref(&root), &Excludes::none());
    assert_eq!(streamed, collected);
    let files: Vec<&Path> = streamed
        .iter()
        .filter(|e| matches!(e, Entry::File(_)))
        .map(Entry::path)
        .collect();
    assert_eq!(files, [root.join("a.txt"), root.join("z/b.txt")]);
    match streamed.last() {
        Some(Entry::Error { path, .. }) => assert_eq!(path, &base.join(".gitignore")),
        other => panic!("no problem reported last: {other:?}"),
    }
}

/// The walk starts before the rules are loaded, but a bad config or rule file still stops the
/// run with its error alone: nothing on stdout, one line on stderr, exit 2.
#[test]
fn a_bad_config_stops_a_folder_run_before_anything_is_printed() {
    let d = tempfile::tempdir().unwrap();
    for i in 0..50 {
        write(d.path(), &format!("news/{i:02}.txt"));
    }
    for (config, rules, says) in [
        ("bogus: 1\n", None, "unknown field `bogus`"),
        ("exclude: [\"a{b\"]\n", None, "exclude pattern `a{b`"),
        (
            "rules: [r.yaml]\n",
            Some("rules:\n  - id: x\n    bad: 1\n"),
            "unknown field `bad`",
        ),
    ] {
        std::fs::write(d.path().join(".attrib.yaml"), config).unwrap();
        if let Some(r) = rules {
            std::fs::write(d.path().join("r.yaml"), r).unwrap();
        }
        for format in ["json", "jsonl", "human"] {
            let o = Command::new(env!("CARGO_BIN_EXE_attrib"))
                .current_dir(d.path())
                .args(["check", "--format", format, "news"])
                .output()
                .unwrap();
            let stderr = String::from_utf8(o.stderr).unwrap();
            assert_eq!(o.status.code(), Some(2), "{stderr}");
            assert!(o.stdout.is_empty(), "{config} {format}");
            assert_eq!(stderr.lines().count(), 1, "{stderr}");
            assert!(
                stderr.starts_with("error: ") && stderr.contains(says),
                "{stderr}"
            );
        }
    }
}
