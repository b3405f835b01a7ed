//! `attrib check --input jsonl -`: the map step of a batch job. Each input line is a JSON object
//! `{"id": ..., "text": "...", "format": "md"}`; each output line is
//! `{"id": ..., "input_line": N, "findings": [...], "errors": [...]}`, one per input line, in input
//! order, however many workers check them. A line that is not such an object gives an output
//! line with its error, never a crash, so a streaming engine (Spark `RDD.pipe`, Hadoop
//! streaming, Beam) sees exactly as many records come out as went in.

use std::io::{self, BufRead, Read, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::check::Settings;
use crate::input::{self, Format};
use crate::run::{Located, ordered_map};

/// One input record (other keys are ignored, so records can carry their own metadata).
#[derive(Debug, Deserialize)]
pub struct Record {
    /// Any JSON value, echoed back.
    #[serde(default)]
    pub id: serde_json::Value,
    /// The article text.
    pub text: String,
    /// `txt` (default), `md`/`markdown` or `html`/`htm`.
    #[serde(default)]
    pub format: Option<String>,
}

/// An error of one record.
#[derive(Debug, Serialize)]
pub struct RecordError {
    /// What went wrong.
    pub message: String,
}

/// One output record.
#[derive(Debug, Serialize)]
pub struct Outcome {
    /// The input's `id` (null when the line had none or could not be read).
    pub id: serde_json::Value,
    /// 1-based number of the input line.
    pub input_line: usize,
    /// Findings (the shape of `check --format json`).
    pub findings: Vec<Located>,
    /// Errors (empty when the record was checked).
    pub errors: Vec<RecordError>,
}

/// Parse a format name of a record.
pub fn parse_format(name: Option<&str>) -> Result<Format, String> {
    match name.map(|s| s.trim().to_ascii_lowercase()).as_deref() {
        None | Some("" | "txt" | "text" | "plain") => Ok(Format::Text),
        Some("md" | "markdown") => Ok(Format::Markdown),
        Some("html" | "htm") => Ok(Format::Html),
        Some(other) => Err(format!(
            "unknown format `{other}` (txt, md, markdown, html, htm)"
        )),
    }
}

/// Check one input line.
pub fn check_line(settings: &Settings, max_size: u64, line_no: usize, line: &str) -> Outcome {
    let fail = |id: serde_json::Value, message: String| Outcome {
        id,
        input_line: line_no,
        findings: Vec::new(),
        errors: vec![RecordError { message }],
    };
    let value: serde_json::Value = match serde_json::from_str(line) {
        Ok(v) => v,
        Err(e) => return fail(serde_json::Value::Null, format!("not a JSON object: {e}")),
    };
    // (serde would also read a struct from an array: ["x", "text", "txt"] is not a record.)
    if !value.is_object() {
        return fail(
            serde_json::Value::Null,
            "not a JSON object: a record is {\"id\": .., \"text\": ..}".to_owned(),
        );
    }
    let id = value.get("id").cloned().unwrap_or(serde_json::Value::Null);
    let rec: Record = match serde_json::from_value(value) {
        Ok(r) => r,
        Err(e) => return fail(id, format!("bad record: {e}")),
    };
    let format = match parse_format(rec.format.as_deref()) {
        Ok(f) => f,
        Err(m) => return fail(id, m),
    };
    if rec.text.len() as u64 > max_size {
        return fail(
            id,
            format!(
                "text too large ({} bytes, limit {max_size})",
                rec.text.len()
            ),
        );
    }
    let text = match input::decode(Path::new(""), rec.text.into_bytes()) {
        Ok(t) => t,
        Err(e) => {
            let m = e.to_string();
            return fail(id, m.trim_start_matches(": ").to_owned());
        }
    };
    let checked = crate::run::check_one(settings, text, format, None);
    Outcome {
        id,
        input_line: line_no,
        findings: checked.findings,
        errors: Vec::new(),
    }
}

/// The longest input line read as a record: twice the text limit (JSON escapes) and 1 MiB for
/// the rest of the record. A longer line ends the run with an error naming its line.
pub fn max_line_len(max_size: u64) -> u64 {
    max_size.saturating_mul(2).saturating_add(1 << 20)
}

/// The lines of `input` (without their `\n`), each read through `take`, so no line grows past
/// `max` bytes: a longer one is an error, and the iterator ends after it.
fn bounded_lines<R: BufRead>(mut input: R, max: u64) -> impl Iterator<Item = io::Result<Vec<u8>>> {
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let mut line = Vec::new();
        let r = (&mut input)
            .take(max.saturating_add(1))
            .read_until(b'\n', &mut line);
        match r {
            Err(e) => {
                done = true;
                Some(Err(e))
            }
            Ok(0) => None,
            Ok(_) if line.last() == Some(&b'\n') => {
                line.pop();
                Some(Ok(line))
            }
            Ok(_) if line.len() as u64 > max => {
                done = true;
                Some(Err(io::Error::other(format!(
                    "line longer than {max} bytes (the limit for one record: twice \
                     --max-file-size and 1 MiB)"
                ))))
            }
            Ok(_) => {
                done = true;
                Some(Ok(line))
            }
        }
    })
}

/// Read records from `input` and write one result line per input line to `out`, in order.
/// Returns an error only when reading the input or writing the output fails.
pub fn run<R: BufRead + Send>(
    settings: &Settings,
    max_size: u64,
    input: R,
    out: &mut (dyn Write + Send),
) -> io::Result<()> {
    let mut result = Ok(());
    let mut failed = false;
    // Raw lines, so a line that is not UTF-8 is an error line of its own; stop at a read error
    // or at a line longer than any record can be (a stream with no newline, `/dev/zero`).
    let max_line = max_line_len(max_size);
    let lines = bounded_lines(input, max_line)
        .enumerate()
        .map_while(move |(i, l)| {
            if failed {
                return None;
            }
            failed = l.is_err();
            Some((i + 1, l))
        });
    ordered_map(
        lines,
        |(n, l)| match l {
            Ok(mut bytes) => {
                if bytes.last() == Some(&b'\r') {
                    bytes.pop();
                }
                Ok(match String::from_utf8(bytes) {
                    Ok(l) => check_line(settings, max_size, n, &l),
                    Err(e) => Outcome {
                        id: serde_json::Value::Null,
                        input_line: n,
                        findings: Vec::new(),
                        errors: vec![RecordError {
                            message: format!(
                                "not UTF-8 text (invalid byte at offset {})",
                                e.utf8_error().valid_up_to()
                            ),
                        }],
                    },
                })
            }
            Err(e) => Err(io::Error::other(format!("reading line {n}: {e}"))),
        },
        |o| {
            if result.is_err() {
                return;
            }
            result = o.and_then(|o| {
                let s = serde_json::to_string(&o).map_err(io::Error::other)?;
                writeln!(out, "{s}")?;
                // Each answer goes out at once, so a caller may feed a line and wait for its
                // result (a Beam DoFn driving one long-lived process).
                out.flush()
            });
        },
    );
    result?;
    out.flush()
}
