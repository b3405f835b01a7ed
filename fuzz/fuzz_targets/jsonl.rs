//! `check --input jsonl`: arbitrary bytes as the record stream, with a text limit taken from the
//! first two bytes. Every input line read gives exactly one output line, in order, each a JSON
//! object carrying its line number; a line too long for any record ends the run with an error,
//! never a crash, and no output line grows past what its record allows.
#![no_main]

use std::io::Cursor;

use attrib::batch::{max_line_len, run};
use attrib_fuzz::settings;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let [a, b, rest @ ..] = data else {
        return;
    };
    let max_size = u64::from(u16::from_le_bytes([*a, *b]) % 4096);
    let mut out = Vec::new();
    let result = run(settings(), max_size, Cursor::new(rest), &mut out);
    let text = String::from_utf8(out).expect("output is UTF-8");
    let lines: Vec<&str> = text.lines().collect();
    // The input lines the run could read: all of them, or those before the first over-long one.
    let max_line = max_line_len(max_size) as usize;
    let mut readable = 0;
    let mut too_long = false;
    for line in rest.split_inclusive(|&c| c == b'\n') {
        let body = line.strip_suffix(b"\n").unwrap_or(line);
        if body.len() > max_line {
            too_long = true;
            break;
        }
        readable += 1;
    }
    assert_eq!(result.is_err(), too_long, "{result:?}");
    assert_eq!(lines.len(), readable, "one output line per input line");
    for (i, line) in lines.iter().enumerate() {
        let v: serde_json::Value = serde_json::from_str(line).expect("each output line is JSON");
        assert_eq!(v["input_line"].as_u64(), Some(i as u64 + 1));
        let errors = v["errors"].as_array().expect("errors array");
        let findings = v["findings"].as_array().expect("findings array");
        assert!(errors.is_empty() || findings.is_empty());
    }
});
