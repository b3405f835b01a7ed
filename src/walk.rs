//! Finding the articles to read: the one folder walker behind `check`, `quotes` and `diff`.
//!
//! Folders are walked with the `ignore` crate: `.gitignore` (also outside a git repository),
//! `.ignore` and `.attribignore` files are respected, hidden files and folders are skipped,
//! symbolic links are followed (a loop is reported, not followed forever), and only article
//! extensions (`.txt`, `.md`, `.markdown`, `.html`, `.htm`) are picked. A file named explicitly is
//! always taken, whatever its extension. `exclude` globs from the config apply to both.
//!
//! The result is sorted by path, so every run reads and reports in the same order. Problems met on
//! the way (a symlink loop, an unreadable folder, a path that does not exist) are entries of
//! their own, with the path and the reason: a walk never stops at the first one.
//!
//! [`walk`] collects everything, then sorts; [`entries`] gives the same entries in the same order
//! as they are found, so that checking can start on the first file while the walk is still
//! finding the rest.

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;
use std::path::{Path, PathBuf};

pub use crate::exclude::{Excludes, normalize, slash};
use crate::input::Format;

/// The name of attrib's own ignore file (gitignore syntax).
pub const IGNORE_FILE: &str = ".attribignore";

/// One thing the walk found: a file to read, or a path it could not get through.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Entry {
    /// A file to read.
    File(PathBuf),
    /// A path the walk could not read, and why.
    Error {
        /// The path.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// A file named explicitly that the config's `exclude` patterns drop: reported, not read.
    Excluded(PathBuf),
}

impl Entry {
    /// The entry's path.
    pub fn path(&self) -> &Path {
        match self {
            Entry::File(p) | Entry::Error { path: p, .. } | Entry::Excluded(p) => p,
        }
    }
}

/// Walk `paths` (files and folders) and return what to read, sorted by path, without
/// duplicates. Folders give their article files; a file named here is taken whatever its
/// extension; both are dropped when `excludes` matches them.
pub fn walk(paths: &[PathBuf], excludes: &Excludes) -> Vec<Entry> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk_dir(p, excludes, &mut out);
        } else if !excludes.is_excluded(p) {
            // A missing or unreadable file is reported when it is read.
            out.push(Entry::File(p.clone()));
        } else {
            out.push(Entry::Excluded(p.clone()));
        }
    }
    out.sort_by(in_path_order);
    out.dedup();
    out
}

/// The article files under `dir`, each with its path relative to `dir` (`/`-separated), sorted
/// by that relative path, and the problems met on the way.
pub fn relative_files(dir: &Path) -> (Vec<(String, PathBuf)>, Vec<Entry>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for e in walk(&[dir.to_path_buf()], &Excludes::none()) {
        match e {
            Entry::File(p) => {
                if let Ok(rel) = p.strip_prefix(dir) {
                    files.push((slash(rel), p.clone()));
                }
            }
            err => errors.push(err),
        }
    }
    files.sort();
    (files, errors)
}

/// The walker for one folder, every filter set; `sorted` visits each folder's names in byte order.
///
/// Siblings share their folder's path, so comparing whole paths as bytes orders them by name;
/// `sort_by_file_name` would find each name again (parsing the path from the end) at every
/// comparison, which took half the walk.
fn walker(root: &Path, excludes: &Excludes, sorted: bool) -> (ignore::Walk, Skipped) {
    let filter = excludes.clone();
    let skipped = Skipped::default();
    let noted = skipped.clone();
    let mut b = ignore::WalkBuilder::new(root);
    b.hidden(true)
        .git_ignore(true)
        .git_exclude(true)
        .git_global(false)
        .require_git(false)
        .ignore(true)
        .parents(true)
        .follow_links(true)
        .add_custom_ignore_filename(IGNORE_FILE)
        .filter_entry(move |e| {
            if e.depth() == 0 {
                return true;
            }
            if filter.is_excluded(e.path()) {
                return false;
            }
            // The walker reads a folder's ignore files as it enters it, with no limit: a
            // folder whose ignore file is a device, a pipe or huge is skipped and reported.
            let dir = e.file_type().is_some_and(|t| t.is_dir());
            match dir.then(|| bad_ignore_file(e.path())).flatten() {
                Some(problem) => {
                    noted.push(problem);
                    false
                }
                None => true,
            }
        });
    if sorted {
        b.sort_by_file_path(|a, b| a.as_os_str().cmp(b.as_os_str()));
    }
    (b.build(), skipped)
}

/// Problems the walker's entry filter met (folders skipped for their ignore files), collected
/// for the walk to hand out in path order.
#[derive(Clone, Default)]
struct Skipped(std::sync::Arc<std::sync::Mutex<Vec<Entry>>>);

impl Skipped {
    fn push(&self, e: Entry) {
        if let Ok(mut v) = self.0.lock() {
            v.push(e);
        }
    }

    fn take(&self) -> Vec<Entry> {
        self.0
            .lock()
            .map(|mut v| std::mem::take(&mut *v))
            .unwrap_or_default()
    }
}

/// Largest ignore file (`.gitignore`, `.ignore`, `.attribignore`) a walk reads (1 MiB).
pub const MAX_IGNORE_BYTES: u64 = 1 << 20;

/// The ignore files the walker reads in each folder.
const IGNORE_FILES: [&str; 3] = [".gitignore", ".ignore", IGNORE_FILE];

/// An ignore file in `dir` that the walker must not read: not a regular file (a device, a
/// pipe) or over [`MAX_IGNORE_BYTES`]. The folder is then skipped, with this problem reported.
fn bad_ignore_file(dir: &Path) -> Option<Entry> {
    IGNORE_FILES.iter().find_map(|name| {
        let path = dir.join(name);
        let meta = std::fs::metadata(&path).ok()?;
        let why = match crate::input::special_kind(&meta) {
            Some(kind) => kind.to_owned(),
            None if meta.len() > MAX_IGNORE_BYTES => {
                format!(
                    "{} bytes, over the {MAX_IGNORE_BYTES}-byte limit",
                    meta.len()
                )
            }
            None => return None,
        };
        Some(Entry::Error {
            path,
            message: format!("ignore file not read ({why}); the folder is skipped"),
        })
    })
}

/// A bad ignore file in `root` or a folder above it (the walker reads those of the parents
/// too): the root cannot be walked safely.
fn bad_ignore_above(root: &Path) -> Option<Entry> {
    let abs = std::path::absolute(root).ok()?;
    abs.ancestors().find_map(bad_ignore_file)
}

/// What one item of the walker under `root` gives: an article file, a problem, or nothing
/// (the root, a folder, a file of another kind).
fn entry_of(
    item: std::result::Result<ignore::DirEntry, ignore::Error>,
    root: &Path,
) -> Option<Entry> {
    match item {
        Ok(e) => {
            if e.depth() == 0 {
                return None;
            }
            let t = e.file_type()?;
            if t.is_dir() || !Format::is_article_extension(e.path()) {
                return None;
            }
            if t.is_file() {
                return Some(Entry::File(e.into_path()));
            }
            // A pipe, device or socket with an article's name: listed, never read.
            let kind = e
                .path()
                .metadata()
                .ok()
                .and_then(|m| crate::input::special_kind(&m))
                .unwrap_or("is not a regular file");
            Some(Entry::Error {
                message: format!("skipped: {kind}"),
                path: e.into_path(),
            })
        }
        Err(err) => {
            let path = error_path(&err).unwrap_or_else(|| root.to_path_buf());
            let mut message = error_message(&err);
            let dangling = path.symlink_metadata().is_ok() && path.metadata().is_err();
            if dangling && !message.starts_with("symbolic link loop") {
                message = format!("broken symbolic link ({message})");
            }
            Some(Entry::Error { path, message })
        }
    }
}

fn walk_dir(root: &Path, excludes: &Excludes, out: &mut Vec<Entry>) {
    if let Some(problem) = bad_ignore_above(root) {
        out.push(problem);
        return;
    }
    let (walk, skipped) = walker(root, excludes, false);
    out.extend(walk.filter_map(|item| entry_of(item, root)));
    out.extend(skipped.take());
}

/// [`walk`]'s entries, in [`walk`]'s order, handed out as they are found.
///
/// One folder is walked depth first with each folder's names in byte order, which is path
/// order (`Path` compares component by component), so its files come out sorted without
/// collecting them: the first is ready as soon as the walk reaches it. A problem the walker
/// reports ahead of its place (an ignore file of a parent folder) is held back until a file that
/// sorts after it comes. Anything else (several paths, which may overlap, or one file) is
/// collected and sorted by [`walk`].
///
/// The one entry this cannot place is a problem the walker reports after files that sort after
/// it: a folder listing that fails half-way gives no path, and is reported under the root.
pub fn entries(paths: &[PathBuf], excludes: &Excludes) -> Entries {
    match paths {
        [root] if root.is_dir() && bad_ignore_above(root).is_none() => {
            let (walk, skipped) = walker(root, excludes, true);
            Entries(Inner::Streamed(Box::new(InOrder {
                walk,
                skipped,
                root: root.clone(),
                file: None,
                held: BinaryHeap::new(),
                last_error: None,
                done: false,
            })))
        }
        _ => Entries(Inner::Listed(walk(paths, excludes).into_iter())),
    }
}

/// The iterator of [`entries`].
pub struct Entries(Inner);

enum Inner {
    Listed(std::vec::IntoIter<Entry>),
    Streamed(Box<InOrder>),
}

impl Iterator for Entries {
    type Item = Entry;

    fn next(&mut self) -> Option<Entry> {
        match &mut self.0 {
            Inner::Listed(it) => it.next(),
            Inner::Streamed(it) => it.next(),
        }
    }
}

/// One folder's walk in path order: files come sorted from the walker; problems wait in a heap
/// until the next file sorts after them.
struct InOrder {
    walk: ignore::Walk,
    /// Folders the walker's filter skipped, to be handed out in order.
    skipped: Skipped,
    root: PathBuf,
    /// The file the walker gave last, not handed out yet (problems before it go first).
    file: Option<PathBuf>,
    held: BinaryHeap<Reverse<InPathOrder>>,
    /// The problem handed out last: an equal one next is a duplicate.
    last_error: Option<Entry>,
    done: bool,
}

impl Iterator for InOrder {
    type Item = Entry;

    fn next(&mut self) -> Option<Entry> {
        loop {
            if let Some(f) = &self.file {
                // Files are unique and come in order; only a problem may sort before one.
                let first = self
                    .held
                    .peek()
                    .is_some_and(|Reverse(e)| e.0.path() < f.as_path());
                if !first {
                    return self.file.take().map(Entry::File);
                }
            } else if !self.done {
                match self.walk.next() {
                    None => self.done = true,
                    Some(item) => match entry_of(item, &self.root) {
                        Some(Entry::File(p)) => self.file = Some(p),
                        Some(e) => self.held.push(Reverse(InPathOrder(e))),
                        None => {}
                    },
                }
                // A skipped folder sorts before the files the walk gives after it.
                for e in self.skipped.take() {
                    self.held.push(Reverse(InPathOrder(e)));
                }
                continue;
            }
            let Reverse(InPathOrder(e)) = self.held.pop()?;
            if self.last_error.as_ref() == Some(&e) {
                continue;
            }
            self.last_error = Some(e.clone());
            return Some(e);
        }
    }
}

/// An entry ordered as [`walk`] sorts: by path, then by entry.
#[derive(PartialEq, Eq)]
struct InPathOrder(Entry);

impl Ord for InPathOrder {
    fn cmp(&self, other: &Self) -> Ordering {
        in_path_order(&self.0, &other.0)
    }
}

impl PartialOrd for InPathOrder {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

fn in_path_order(a: &Entry, b: &Entry) -> Ordering {
    a.path().cmp(b.path()).then_with(|| a.cmp(b))
}

fn error_path(e: &ignore::Error) -> Option<PathBuf> {
    match e {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        ignore::Error::Partial(list) => list.iter().find_map(error_path),
        _ => None,
    }
}

fn error_message(e: &ignore::Error) -> String {
    match e {
        ignore::Error::Loop { ancestor, .. } => {
            format!("symbolic link loop (back to {})", ancestor.display())
        }
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => error_message(err),
        ignore::Error::Io(io) => {
            // The walker's own text repeats the path; the OS error alone says it.
            let os = io.raw_os_error().or_else(|| {
                io.get_ref()
                    .and_then(|e| e.source())
                    .and_then(|e| e.downcast_ref::<std::io::Error>())
                    .and_then(std::io::Error::raw_os_error)
            });
            match os {
                Some(40) => "symbolic link loop (too many levels of symbolic links)".to_owned(),
                Some(code) => std::io::Error::from_raw_os_error(code).to_string(),
                None => io.to_string(),
            }
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ex(patterns: &[&str]) -> Excludes {
        let p: Vec<String> = patterns.iter().map(|s| s.to_string()).collect();
        Excludes::new(&p, Path::new("."), Path::new("/r")).unwrap()
    }

    #[test]
    fn globs() {
        assert!(ex(&["drafts/**"]).is_excluded(Path::new("drafts/a.md")));
        assert!(ex(&["drafts/**"]).is_excluded(Path::new("drafts/x/y.md")));
        assert!(ex(&["drafts"]).is_excluded(Path::new("drafts/x/y.md")));
        assert!(ex(&["drafts"]).is_excluded(Path::new("a/drafts/y.md")));
        assert!(!ex(&["drafts/**"]).is_excluded(Path::new("stories/a.md")));
        assert!(ex(&["*.html"]).is_excluded(Path::new("a/b/c.html")));
        assert!(ex(&["stories/*.md"]).is_excluded(Path::new("stories/a.md")));
        assert!(ex(&["stories/*.md"]).is_excluded(Path::new("./stories/a.md")));
        assert!(!ex(&["stories/*.md"]).is_excluded(Path::new("stories/x/a.md")));
        assert!(ex(&["**/old-*.txt"]).is_excluded(Path::new("a/b/old-1.txt")));
        assert!(ex(&["**/old-*.txt"]).is_excluded(Path::new("old-1.txt")));
        assert!(ex(&["stories/*.md"]).is_excluded(Path::new("/r/stories/a.md")));
        assert!(!Excludes::none().is_excluded(Path::new("a.md")));
    }

    #[test]
    fn bad_glob_is_an_error() {
        let p = vec!["a[".to_owned()];
        assert!(Excludes::new(&p, Path::new("."), Path::new("/")).is_err());
    }

    #[test]
    fn slashes() {
        assert_eq!(slash(Path::new("./a/b.txt")), "a/b.txt");
        assert_eq!(slash(Path::new("/a/b.txt")), "/a/b.txt");
        assert_eq!(slash(Path::new("a")), "a");
    }
}
