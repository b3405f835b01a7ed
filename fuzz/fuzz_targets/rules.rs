//! Rule-file and config decoding (YAML) over arbitrary text.
#![no_main]

use std::path::Path;

use attrib::config::Config;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let path = Path::new("fuzz.yaml");
    if let Ok(rules) = attrib::rules::parse_rules(path, "fuzz", text) {
        // A rule that compiled must be able to run.
        let set = attrib::rules::RuleSet { rules };
        let a = attrib::analysis::Analysis::new(
            "Critics say \"it works,\" according to officials.".into(),
            attrib::input::Format::Text,
        );
        let _ = set.check(&a);
    }
    let _ = attrib::yaml::from_str::<Config>(path, text);
});
