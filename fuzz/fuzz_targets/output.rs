//! The output paths over arbitrary article text (the first byte picks text, Markdown or HTML):
//! `check`'s human diagnostics and GitHub annotations for a file whose name holds terminal
//! controls, and `quotes`' table and CSV. Nothing an article holds may reach a terminal as a
//! control character, and an annotation stays one workflow command on one line.
#![no_main]

use std::path::Path;

use attrib::analysis::Analysis;
use attrib::input::decode;
use attrib::report::{github, quotes};
use attrib::run::check_one;
use attrib_fuzz::{format_of, settings};
use libfuzzer_sys::fuzz_target;

/// A character that acts on a terminal (as `report::visible` defines it).
fn acts_on_terminal(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

const NAME: &str = "story\u{1b}]0;owned\u{7}.md";

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let format = format_of(first);
    let Ok(text) = decode(Path::new("fuzz"), rest.to_vec()) else {
        return;
    };
    let checked = check_one(settings(), text.clone(), format, Some((NAME, false)));
    assert!(
        !checked.human.chars().any(acts_on_terminal),
        "{:?}",
        checked.human
    );
    for l in &checked.findings {
        let line = github::annotation(NAME, l);
        assert!(
            !line.trim_end_matches('\n').contains(['\n', '\r']),
            "{line:?}"
        );
        assert!(!line.chars().any(acts_on_terminal), "{line:?}");
    }
    let a = Analysis::new(text, format);
    let file = quotes::file_quotes(NAME, &a);
    let table = quotes::human(std::slice::from_ref(&file), 100);
    assert!(!table.chars().any(acts_on_terminal), "{table:?}");
    let _ = quotes::csv(std::slice::from_ref(&file));
});
