//! Error types of the library. The binary renders them; nothing here prints.

use std::path::PathBuf;

/// Everything that can go wrong while reading an input or loading rules and configuration.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The file is not UTF-8 text.
    #[error("{path}: not UTF-8 text (invalid byte at offset {offset})")]
    NotUtf8 {
        /// The file.
        path: PathBuf,
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// The file holds NUL bytes: it is binary, not an article.
    #[error("{path}: binary file (NUL byte at offset {offset})")]
    Binary {
        /// The file.
        path: PathBuf,
        /// Byte offset of the first NUL byte.
        offset: usize,
    },
    /// The file is larger than the configured limit.
    #[error("{path}: file too large ({size} bytes, limit {limit})")]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// A YAML file (rules, config or lexicon) failed to decode.
    #[error("{path}:{line}:{column}: {message}")]
    Yaml {
        /// The file.
        path: PathBuf,
        /// 1-based line, 0 when unknown.
        line: usize,
        /// 1-based column, 0 when unknown.
        column: usize,
        /// What went wrong, naming the key where the decoder knows it.
        message: String,
    },
    /// A rule is invalid (bad regex, duplicate id, unknown class...).
    #[error("{path}: rule `{rule}`: {message}")]
    Rule {
        /// The rule file.
        path: PathBuf,
        /// The rule id.
        rule: String,
        /// What went wrong.
        message: String,
    },
    /// Anything else that is the user's to fix (bad option values, unknown rule ids).
    #[error("{0}")]
    Usage(String),
}

/// Shorthand for results of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
