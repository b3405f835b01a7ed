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

use std::path::{Component, Path, PathBuf};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};

use crate::error::{Error, Result};
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
}

impl Entry {
    /// The entry's path.
    pub fn path(&self) -> &Path {
        match self {
            Entry::File(p) | Entry::Error { path: p, .. } => p,
        }
    }
}

/// `exclude` globs from `.attrib.yaml`, compiled once.
///
/// A pattern is matched against the path relative to the config's folder and against the path as
/// given. `*` does not cross `/`, `**` does. A pattern with no `/` matches a file or folder name
/// at any depth (`*.html`, `drafts`), and a pattern that names a folder covers everything below it
/// (`drafts` and `drafts/**` are the same).
#[derive(Clone, Debug)]
pub struct Excludes {
    set: GlobSet,
    empty: bool,
    base: PathBuf,
    cwd: PathBuf,
}

impl Default for Excludes {
    fn default() -> Self {
        Excludes::none()
    }
}

impl Excludes {
    /// No exclusion at all.
    pub fn none() -> Excludes {
        Excludes {
            set: GlobSet::empty(),
            empty: true,
            base: PathBuf::new(),
            cwd: PathBuf::new(),
        }
    }

    /// Compile `patterns`, relative to the folder `base`; relative paths are taken from `cwd`.
    pub fn new(patterns: &[String], base: &Path, cwd: &Path) -> Result<Excludes> {
        let mut b = GlobSetBuilder::new();
        for pat in patterns {
            let p = pat.trim().trim_start_matches("./").trim_end_matches('/');
            if p.is_empty() {
                continue;
            }
            let forms = if p.contains('/') || p.contains("**") {
                vec![p.to_owned(), format!("{p}/**")]
            } else {
                vec![format!("**/{p}"), format!("**/{p}/**")]
            };
            for f in forms {
                let g = GlobBuilder::new(&f)
                    .literal_separator(true)
                    .backslash_escape(true)
                    .build()
                    .map_err(|e| Error::Usage(format!("exclude pattern `{pat}`: {e}")))?;
                b.add(g);
            }
        }
        let set = b
            .build()
            .map_err(|e| Error::Usage(format!("exclude patterns: {e}")))?;
        Ok(Excludes {
            empty: set.is_empty(),
            set,
            base: normalize(&cwd.join(base)),
            cwd: cwd.to_path_buf(),
        })
    }

    /// True when `path` (as given, or relative to the config's folder) matches a pattern.
    pub fn is_excluded(&self, path: &Path) -> bool {
        if self.empty {
            return false;
        }
        let abs = normalize(&self.cwd.join(path));
        let rel = abs.strip_prefix(&self.base).unwrap_or(&abs);
        let given = slash(path);
        let given = given.trim_start_matches("./");
        self.set.is_match(slash(rel)) || self.set.is_match(given)
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
        }
    }
    out.sort_by(|a, b| a.path().cmp(b.path()).then_with(|| a.cmp(b)));
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

fn walk_dir(root: &Path, excludes: &Excludes, out: &mut Vec<Entry>) {
    let filter = excludes.clone();
    let walker = ignore::WalkBuilder::new(root)
        .hidden(true)
        .git_ignore(true)
        .git_exclude(true)
        .git_global(false)
        .require_git(false)
        .ignore(true)
        .parents(true)
        .follow_links(true)
        .add_custom_ignore_filename(IGNORE_FILE)
        .filter_entry(move |e| e.depth() == 0 || !filter.is_excluded(e.path()))
        .build();
    for item in walker {
        match item {
            Ok(e) => {
                if e.depth() == 0 {
                    continue;
                }
                let is_file = e.file_type().is_some_and(|t| t.is_file());
                if is_file && Format::is_article_extension(e.path()) {
                    out.push(Entry::File(e.into_path()));
                }
            }
            Err(err) => {
                let path = error_path(&err).unwrap_or_else(|| root.to_path_buf());
                let mut message = error_message(&err);
                let dangling = path.symlink_metadata().is_ok() && path.metadata().is_err();
                if dangling && !message.starts_with("symbolic link loop") {
                    message = format!("broken symbolic link ({message})");
                }
                out.push(Entry::Error { path, message });
            }
        }
    }
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

/// Drop `.` components and fold `..` without touching the file system.
pub fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// A path with `/` separators and no `.` components.
pub fn slash(p: &Path) -> String {
    let mut s = String::new();
    for c in p.components() {
        let part = match c {
            Component::CurDir => continue,
            Component::RootDir => {
                s.push('/');
                continue;
            }
            Component::Prefix(x) => x.as_os_str().to_string_lossy(),
            Component::ParentDir => "..".into(),
            Component::Normal(n) => n.to_string_lossy(),
        };
        if !s.is_empty() && !s.ends_with('/') {
            s.push('/');
        }
        s.push_str(&part);
    }
    s
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
