//! Reading input as `check -` reads standard input and a file: the one bounded reader over
//! arbitrary bytes with a limit taken from the first two bytes, then decoding, then the check.
//! The reader returns exactly the bytes when they fit and refuses them when they do not.
#![no_main]

use std::io::Cursor;
use std::path::Path;

use attrib::check::check_text;
use attrib::input::{Format, decode, read_bounded};
use attrib_fuzz::rules;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let [a, b, rest @ ..] = data else {
        return;
    };
    let limit = u64::from(u16::from_le_bytes([*a, *b]) % 8192);
    let path = Path::new("-");
    match read_bounded(path, Cursor::new(rest), limit) {
        Ok(bytes) => {
            assert!(rest.len() as u64 <= limit);
            assert_eq!(bytes, rest);
            let Ok(text) = decode(path, bytes) else {
                return;
            };
            let len = text.len();
            for f in check_text(rules(), text, Format::Text) {
                assert!(f.start <= f.end && f.end <= len);
            }
        }
        Err(e) => {
            assert!(
                rest.len() as u64 > limit,
                "refused {} bytes under {limit}: {e}",
                rest.len()
            );
            // The message names the input and never echoes its content.
            let message = e.to_string();
            assert!(message.contains('-'));
            assert!(message.len() < 200, "{message}");
        }
    }
});
