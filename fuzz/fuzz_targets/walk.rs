//! The folder walk over a small tree built from the input: files with arbitrary names and
//! extensions, folders, `.gitignore`/`.ignore`/`.attribignore` files with arbitrary patterns,
//! symbolic links (loops and dangling ones included), and `exclude` globs. The streaming walk
//! and the collected walk agree entry for entry; entries are sorted, unique and under the root;
//! every file is an article file. Then the files found are checked, so reading is fuzzed too.
#![no_main]

use std::fs;
use std::path::{Path, PathBuf};

use attrib::input::{Format, read_file};
use attrib::run::check_one;
use attrib::walk::{Entry, Excludes, entries, walk};
use attrib_fuzz::settings;
use libfuzzer_sys::fuzz_target;

/// A scratch folder of this process, emptied for each input.
fn scratch() -> PathBuf {
    std::env::temp_dir().join(format!("attrib-fuzz-walk-{}", std::process::id()))
}

const NAMES: [&str; 12] = [
    "a",
    "b",
    "story.md",
    "story.txt",
    "page.html",
    "x.htm",
    "notes.markdown",
    ".hidden.md",
    "data.json",
    "drafts",
    ".gitignore",
    ".attribignore",
];

/// A relative path of one to three parts taken from `bytes`.
fn path_of(bytes: &[u8]) -> PathBuf {
    let mut p = PathBuf::new();
    for &b in bytes.iter().take(3) {
        p.push(NAMES[usize::from(b) % NAMES.len()]);
    }
    if p.as_os_str().is_empty() {
        p.push("story.md");
    }
    p
}

fn build(root: &Path, data: &[u8]) -> Vec<String> {
    let mut excludes = Vec::new();
    // Records separated by 0xFF: a kind byte, a path byte count, path bytes, then content.
    for record in data.split(|&b| b == 0xFF).take(24) {
        let [kind, n, rest @ ..] = record else {
            continue;
        };
        let n = usize::from(*n % 4).min(rest.len());
        let (path, content) = rest.split_at(n);
        let path = root.join(path_of(path));
        if let Some(parent) = path.parent() {
            let _ = fs::create_dir_all(parent);
        }
        match kind % 5 {
            0 | 1 => {
                let _ = fs::write(&path, content);
            }
            2 => {
                let _ = fs::create_dir_all(&path);
            }
            3 => {
                // A symbolic link to another place in the tree (or above it, or nowhere).
                let target = match content.first() {
                    Some(0) => PathBuf::from(".."),
                    Some(1) => PathBuf::from("."),
                    Some(2) => root.to_path_buf(),
                    _ => path_of(content),
                };
                #[cfg(unix)]
                let _ = std::os::unix::fs::symlink(target, &path);
            }
            _ => excludes.push(String::from_utf8_lossy(content).into_owned()),
        }
    }
    excludes
}

fuzz_target!(|data: &[u8]| {
    let root = scratch();
    let _ = fs::remove_dir_all(&root);
    fs::create_dir_all(&root).expect("scratch folder");
    let patterns = build(&root, data);
    let excludes = Excludes::new(&patterns, &root, &root).unwrap_or_else(|_| Excludes::none());
    let paths = [root.clone()];
    let listed = walk(&paths, &excludes);
    let streamed: Vec<Entry> = entries(&paths, &excludes).collect();
    assert_eq!(
        listed, streamed,
        "the streaming walk gives the collected walk's entries"
    );
    for pair in listed.windows(2) {
        assert!(pair[0] != pair[1], "duplicate entry {:?}", pair[0]);
    }
    for e in &listed {
        assert!(e.path().starts_with(&root), "{e:?} outside the root");
        if let Entry::File(p) = e {
            assert!(
                Format::is_article_extension(p),
                "{p:?} is not an article file"
            );
            // Reading refuses what is not a small regular text file, with a message naming it.
            match read_file(p, 4096) {
                Ok(text) => {
                    let len = text.len();
                    let checked = check_one(settings(), text, Format::from_path(p), None);
                    assert!(checked.findings.iter().all(|f| f.finding.end <= len));
                }
                Err(e) => {
                    // A short message, never the file's content.
                    let message = e.to_string();
                    assert!(!message.is_empty() && message.len() < 400, "{message}");
                }
            }
        }
    }
    let _ = fs::remove_dir_all(&root);
});
