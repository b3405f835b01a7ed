//! `attrib check --format github`: GitHub Actions workflow commands, one line per finding,
//! which the runner turns into annotations on the pull request:
//!
//! ```text
//! ::warning file=stories/a.txt,line=4,col=77,endLine=4,endColumn=98,title=anonymous-source::Unnamed source …
//! ```
//!
//! Severity error → `::error`, warning → `::warning`, info → `::notice`. `col` and `endColumn`
//! are 1-based character columns, `endColumn` the last character's (inclusive); GitHub accepts
//! columns only when the annotation stays on one line, so a finding over several lines carries
//! `line` and `endLine` alone. Property values escape `%`, CR, LF, `:` and `,`; the message
//! escapes `%`, CR and LF, as the Actions toolkit does.

use crate::rules::Severity;
use crate::run::Located;

/// Escape a message (the data after `::`).
pub fn escape_data(s: &str) -> String {
    let escaped = s
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    // Other terminal controls shown as symbols: CI logs are read on terminals too.
    super::visible(&escaped).into_owned()
}

/// Escape a property value (`file=`, `title=`).
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// The command name for a severity.
pub fn command(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        _ => "notice",
    }
}

/// One finding as a workflow command; `file` is the path relative to the workspace.
pub fn annotation(file: &str, l: &Located) -> String {
    let f = &l.finding;
    let mut props = format!("file={},line={}", escape_property(file), f.line);
    if l.end_line == f.line {
        let end_col = l.end_column.saturating_sub(1).max(f.column);
        props.push_str(&format!(
            ",col={},endLine={},endColumn={end_col}",
            f.column, l.end_line
        ));
    } else {
        props.push_str(&format!(",endLine={}", l.end_line));
    }
    props.push_str(&format!(",title={}", escape_property(&f.rule)));
    format!(
        "::{} {props}::{}",
        command(f.severity),
        escape_data(&f.message)
    )
}

/// A file that could not be checked, as an error annotation on that file.
pub fn file_notice(file: &str, message: &str) -> String {
    format!(
        "::notice file={},title={}::{}",
        escape_property(file),
        escape_property("attrib: file not checked"),
        escape_data(message)
    )
}

/// A file that could not be checked, as an error annotation on the file.
pub fn file_error(file: &str, message: &str) -> String {
    format!(
        "::error file={},title={}::{}",
        escape_property(file),
        escape_property("attrib: file not checked"),
        escape_data(message)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_the_toolkit() {
        assert_eq!(escape_data("50% a\r\nb: c,d"), "50%25 a%0D%0Ab: c,d");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }
}
