//! attrib: finds the quotes in a news article, who said each one and what kind of source that
//! is, then checks the sourcing against newsroom standards.
//!
//! The modules follow the pipeline: [`input`] → [`document`] (and its [`layout`]: transcripts,
//! page furniture) → [`quotes`] → [`attribution`] → [`sources`] → [`analysis`] → rules → report,
//! with diff beside it.

pub mod analysis;
pub mod attribution;
#[cfg(feature = "cli")]
pub mod batch;
pub mod check;
#[cfg(feature = "cli")]
pub mod cli;
pub mod config;
pub mod diff;
pub mod document;
pub mod error;
pub mod exclude;
pub mod input;
pub mod layout;
pub mod lexicon;
pub mod quotes;
pub mod report;
pub mod resolve;
pub mod rules;
pub mod run;
#[cfg(feature = "cli")]
pub mod server;
pub mod sources;
pub mod span;
#[cfg(feature = "cli")]
pub mod walk;
pub mod yaml;

pub use error::{Error, Result};
