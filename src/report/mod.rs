//! Output: turns analyses and findings into the contract's JSON, CSV and human text, and, for
//! `check`, SARIF and GitHub workflow commands. Line and column are computed here, at the edge,
//! from raw byte offsets.

pub mod diff;
pub mod github;
pub mod quotes;
pub mod sarif;
