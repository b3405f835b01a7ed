//! `diff` of two arbitrary inputs, split on the first 0xFF byte (never valid UTF-8, so never
//! inside either side). The first byte picks the formats.
#![no_main]

use attrib_fuzz::format_of as format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let (old, new) = match rest.iter().position(|&b| b == 0xFF) {
        Some(i) => (&rest[..i], &rest[i + 1..]),
        None => (rest, &[][..]),
    };
    let (Ok(old), Ok(new)) = (std::str::from_utf8(old), std::str::from_utf8(new)) else {
        return;
    };
    let _ = attrib::diff::diff_texts(
        old.to_owned(),
        format(first),
        new.to_owned(),
        format(first / 3),
    );
});
