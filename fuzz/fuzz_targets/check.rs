//! The whole `check` pipeline over arbitrary bytes: the first byte picks text, Markdown or HTML.
#![no_main]

use std::path::Path;

use attrib::check::check_text;
use attrib::input::decode;
use attrib_fuzz::{format_of, rules};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let format = format_of(first);
    let Ok(text) = decode(Path::new("fuzz"), rest.to_vec()) else {
        return;
    };
    let len = text.len();
    for f in check_text(rules(), text, format) {
        assert!(f.start <= f.end && f.end <= len);
    }
});
