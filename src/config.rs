//! `.attrib.yaml`: which packs and rule files to use, rules to disable, per-rule severity, the
//! fail level and excluded paths.
//!
//! Trust model (SECURITY.md): a config is found from the checked path (not the working folder),
//! in its folder or a parent, and the search stops at the repository root (the first folder
//! holding `.git`), so a config above the repository, such as one another user left in `/tmp`,
//! never applies to it. On Unix a config owned by another user is passed over. `--config`
//! names one explicitly; `--isolated` uses none. Rule files a config names must lie inside the
//! config's folder tree unless `--allow-external-rules` is given.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::rules::Severity;

/// The config file's name.
pub const CONFIG_NAME: &str = ".attrib.yaml";

/// `.attrib.yaml` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Bundled packs to enable (default `[core]`).
    #[serde(default)]
    pub packs: Option<Vec<String>>,
    /// Extra rule files, relative to the config file.
    #[serde(default)]
    pub rules: Vec<String>,
    /// Rule ids turned off.
    #[serde(default)]
    pub disable: Vec<String>,
    /// Per-rule severity.
    #[serde(default)]
    pub severity: BTreeMap<String, Severity>,
    /// Fail level (`error|warning|info`).
    #[serde(default)]
    pub fail_on: Option<Severity>,
    /// Glob patterns of paths not to check, relative to the config file.
    #[serde(default)]
    pub exclude: Vec<String>,
}

/// A loaded config and the folder its relative paths start from.
#[derive(Debug, Default)]
pub struct LoadedConfig {
    /// The config.
    pub config: Config,
    /// The file it came from (None when there is none).
    pub path: Option<PathBuf>,
    /// The folder relative paths resolve against.
    pub base: PathBuf,
}

/// The nearest `.attrib.yaml` in `start` (a folder or a file) or one of its parents, stopping at
/// the repository root: the first folder that holds `.git`. A config owned by another user is
/// passed over (Unix).
pub fn discover(start: &Path) -> Option<PathBuf> {
    let start = std::path::absolute(start).unwrap_or_else(|_| start.to_path_buf());
    let first = if start.is_dir() {
        start.as_path()
    } else {
        start.parent().unwrap_or(&start)
    };
    for d in first.ancestors() {
        let p = d.join(CONFIG_NAME);
        if p.is_file() && owned_by_us(&p) {
            return Some(p);
        }
        if d.join(".git").exists() {
            break;
        }
    }
    None
}

/// False for a config another user could have planted: owned by another user than this
/// process's, in a folder anyone may write to (`/tmp`) or itself writable by anyone. Unix only
/// (elsewhere always true); the process's user is read from `/proc/self` where there is one.
/// A repository checked out by another user (a CI runner's checkout read as root) is trusted.
fn owned_by_us(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let me = std::fs::metadata("/proc/self").map(|m| m.uid());
        let it = std::fs::symlink_metadata(path);
        let folder = path.parent().and_then(|d| std::fs::metadata(d).ok());
        if let (Ok(me), Ok(it)) = (me, it) {
            let open = |mode: u32| mode & 0o002 != 0;
            let planted = open(it.mode()) || folder.is_some_and(|f| open(f.mode()));
            return me == it.uid() || !planted;
        }
    }
    let _ = path;
    true
}

/// True when `file` (resolved through links) lies inside the folder `base` (also resolved).
/// A path that cannot be resolved is taken as inside: reading it then fails with its own error.
pub fn inside(base: &Path, file: &Path) -> bool {
    match (std::fs::canonicalize(base), std::fs::canonicalize(file)) {
        (Ok(b), Ok(f)) => f.starts_with(b),
        _ => true,
    }
}

/// Read and decode a config file.
pub fn load(path: &Path) -> Result<LoadedConfig> {
    let text = crate::yaml::read_file(path)?;
    let config: Config = crate::yaml::from_str(path, &text)?;
    if config.fail_on == Some(Severity::Off) {
        return Err(Error::Usage(format!(
            "{}: fail_on is error, warning or info",
            path.display()
        )));
    }
    let base = path
        .parent()
        .map(Path::to_path_buf)
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| PathBuf::from("."));
    Ok(LoadedConfig {
        config,
        path: Some(path.to_path_buf()),
        base,
    })
}

/// `--config FILE` if given, else (unless `isolated`) the nearest `.attrib.yaml` from `start`
/// (see [`discover`]), else the defaults, whose relative paths start at `cwd`.
pub fn resolve(
    explicit: Option<&Path>,
    start: &Path,
    cwd: &Path,
    isolated: bool,
) -> Result<LoadedConfig> {
    let found = match explicit {
        Some(p) => Some(p.to_path_buf()),
        None if isolated => None,
        None => discover(start),
    };
    match found {
        Some(p) => load(&p),
        None => Ok(LoadedConfig {
            base: cwd.to_path_buf(),
            ..LoadedConfig::default()
        }),
    }
}
