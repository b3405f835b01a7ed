//! The config's `exclude` patterns ([`Excludes`]) and the path spellings they are matched
//! against. Apart from the folder walker ([`crate::walk`], which needs the command line's
//! `cli` feature) so that settings load without it.

use std::path::{Component, Path, PathBuf};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};

use crate::error::{Error, Result};

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
