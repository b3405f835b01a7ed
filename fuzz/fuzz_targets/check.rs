//! The whole `check` pipeline over arbitrary bytes: the first byte picks text, Markdown or HTML.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use attrib::check::{bundled_rules, check_text};
use attrib::input::{Format, decode};
use attrib::rules::RuleSet;
use libfuzzer_sys::fuzz_target;

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| bundled_rules().expect("bundled rules load"))
}

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let format = match first % 3 {
        0 => Format::Text,
        1 => Format::Markdown,
        _ => Format::Html,
    };
    let Ok(text) = decode(Path::new("fuzz"), rest.to_vec()) else {
        return;
    };
    let len = text.len();
    for f in check_text(rules(), text, format) {
        assert!(f.start <= f.end && f.end <= len);
    }
});
