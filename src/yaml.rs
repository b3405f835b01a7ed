//! Every YAML call of the crate lives here, so the YAML library can be swapped in one place.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::error::{Error, Result};

/// Largest YAML document accepted (rule files, config, lexicons).
pub const MAX_YAML_BYTES: usize = 4 * 1024 * 1024;

/// Decode `text` (the contents of `path`) strictly into `T`.
///
/// Errors carry the file, 1-based line and column, and the decoder's message, which names the
/// offending key for unknown or missing fields.
pub fn from_str<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T> {
    if text.len() > MAX_YAML_BYTES {
        return Err(Error::Yaml {
            path: path.to_path_buf(),
            line: 0,
            column: 0,
            message: format!(
                "YAML file too large ({} bytes, limit {MAX_YAML_BYTES})",
                text.len()
            ),
        });
    }
    serde_yaml::from_str(text).map_err(|e| {
        let (line, column) = e
            .location()
            .map(|l| (l.line(), l.column()))
            .unwrap_or((0, 0));
        let mut message = e.to_string();
        // The decoder appends " at line L column C"; we print the location up front instead.
        if let Some(i) = message.find(" at line ") {
            message.truncate(i);
        }
        Error::Yaml {
            path: path.to_path_buf(),
            line,
            column,
            message,
        }
    })
}
