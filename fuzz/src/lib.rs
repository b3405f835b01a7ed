//! What the fuzz targets share: the settings and rules loaded once per process, and the
//! first-byte pick of an input format.

use std::sync::OnceLock;

use attrib::check::{Options, Settings, bundled_rules};
use attrib::input::Format;
use attrib::rules::RuleSet;

/// The settings a `check` run with no config uses (`--isolated`), loaded once.
pub fn settings() -> &'static Settings {
    static SETTINGS: OnceLock<Settings> = OnceLock::new();
    SETTINGS.get_or_init(|| {
        let opts = Options {
            isolated: true,
            ..Options::default()
        };
        Settings::load(&opts, false).expect("bundled rules load")
    })
}

/// Every bundled rule pack, loaded once.
pub fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| bundled_rules().expect("bundled rules load"))
}

/// The format a byte picks: text, Markdown or HTML.
pub fn format_of(b: u8) -> Format {
    match b % 3 {
        0 => Format::Text,
        1 => Format::Markdown,
        _ => Format::Html,
    }
}
