//! The `attrib` binary: parses arguments, calls the library, prints, and sets the exit code.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use attrib::analysis::Analysis;
use attrib::input::{self, Format};
use attrib::report::quotes as rq;

#[derive(Parser)]
#[command(
    name = "attrib",
    version,
    about = "Checks quotes and attribution in news articles"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum QuotesFormat {
    Human,
    Json,
    Csv,
}

#[derive(Subcommand)]
enum Command {
    /// List every quote and attribution with its speaker and source class.
    Quotes {
        /// Files or folders (`-` or nothing reads stdin).
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "human")]
        format: QuotesFormat,
        /// Name (and format, by extension) for text read from stdin.
        #[arg(long)]
        stdin_filename: Option<String>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Quotes {
            paths,
            format,
            stdin_filename,
        } => quotes(paths, format, stdin_filename),
    }
}

/// An input to analyse: a display path, its format and text (or the error reading it).
struct Loaded {
    path: String,
    result: attrib::Result<(Format, String)>,
}

fn load_inputs(paths: &[PathBuf], stdin_filename: Option<&str>) -> Vec<Loaded> {
    let mut out = Vec::new();
    if paths.is_empty() || paths.iter().any(|p| p.as_os_str() == "-") {
        let name = stdin_filename.unwrap_or("-").to_owned();
        let mut bytes = Vec::new();
        let result = std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|source| attrib::Error::Io {
                path: PathBuf::from(&name),
                source,
            })
            .and_then(|_| input::decode(Path::new(&name), bytes))
            .map(|t| (Format::from_path(Path::new(&name)), t));
        out.push(Loaded { path: name, result });
    }
    for p in paths.iter().filter(|p| p.as_os_str() != "-") {
        let files = if p.is_dir() { walk(p) } else { vec![p.clone()] };
        for f in files {
            let result = input::read_file(&f, input::DEFAULT_MAX_FILE_SIZE)
                .map(|t| (Format::from_path(&f), t));
            out.push(Loaded {
                path: f.display().to_string(),
                result,
            });
        }
    }
    out
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            let hidden = p
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.'));
            if hidden {
                continue;
            }
            if p.is_dir() {
                stack.push(p);
            } else if Format::is_article_extension(&p) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn quotes(paths: Vec<PathBuf>, format: QuotesFormat, stdin_filename: Option<String>) -> ExitCode {
    let mut files = Vec::new();
    let mut failed = false;
    for l in load_inputs(&paths, stdin_filename.as_deref()) {
        match l.result {
            Ok((fmt, text)) => {
                let a = Analysis::new(text, fmt);
                files.push(rq::file_quotes(&l.path, &a));
            }
            Err(e) => {
                eprintln!("error: {e}");
                failed = true;
            }
        }
    }
    let out = match format {
        QuotesFormat::Json => {
            serde_json::to_string_pretty(&rq::QuotesJson { files: &files }).unwrap_or_default()
                + "\n"
        }
        QuotesFormat::Csv => rq::csv(&files),
        QuotesFormat::Human => rq::human(&files, 120),
    };
    let _ = std::io::stdout().write_all(out.as_bytes());
    if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}
