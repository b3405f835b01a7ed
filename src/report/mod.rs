//! Output: turns analyses and findings into the contract's JSON, CSV and human text. Line and
//! column are computed here, at the edge, from raw byte offsets.

pub mod diff;
pub mod quotes;
