//! `.attrib.yaml`: which packs and rule files to use, rules to disable, per-rule severity, the
//! fail level and excluded paths. Found in the current folder or a parent; `--config` overrides.

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

/// The nearest `.attrib.yaml` in `start` or one of its parents.
pub fn discover(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|d| d.join(CONFIG_NAME))
        .find(|p| p.is_file())
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

/// `--config FILE` if given, else the nearest `.attrib.yaml` from `cwd`, else the defaults.
pub fn resolve(explicit: Option<&Path>, cwd: &Path) -> Result<LoadedConfig> {
    match explicit.map(Path::to_path_buf).or_else(|| discover(cwd)) {
        Some(p) => load(&p),
        None => Ok(LoadedConfig {
            base: cwd.to_path_buf(),
            ..LoadedConfig::default()
        }),
    }
}
