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
    /// Compare quotes and attribution between two versions of an article (files or folders).
    Diff {
        /// The old version: a file, a folder, or `-` for stdin.
        old: PathBuf,
        /// The new version: a file, a folder, or `-` for stdin.
        new: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value = "human")]
        format: DiffFormat,
        /// Comma list of change kinds that make the exit code 1 (`none` for never).
        #[arg(long, default_value = attrib::diff::DEFAULT_FAIL_ON)]
        fail_on: String,
        /// Name (and format, by extension) for text read from stdin.
        #[arg(long)]
        stdin_filename: Option<String>,
    },
    /// Lint files or folders for sourcing problems (rules from packs, files and .attrib.yaml).
    Check {
        /// Files or folders (`-` or nothing reads stdin).
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "human")]
        format: CheckFormat,
        /// Exit 1 when a finding is at or above this severity (default: error, or the config's).
        #[arg(long, value_enum)]
        fail_on: Option<FailOn>,
        #[command(flatten)]
        rule_opts: RuleOpts,
        /// Name (and format, by extension) for text read from stdin.
        #[arg(long)]
        stdin_filename: Option<String>,
    },
    /// Inspect rules: list, explain one, or run their examples.
    Rules {
        #[command(subcommand)]
        action: RulesAction,
        #[command(flatten)]
        rule_opts: RuleOpts,
    },
}

/// Where rules come from (shared by `check` and `rules`).
#[derive(clap::Args, Clone, Debug)]
struct RuleOpts {
    /// Config file (default: the nearest .attrib.yaml in this folder or a parent).
    #[arg(long, global = true)]
    config: Option<PathBuf>,
    /// Add a rule file (repeatable).
    #[arg(long = "rules", global = true)]
    rules: Vec<PathBuf>,
    /// Use no bundled rule pack.
    #[arg(long, global = true)]
    no_default_rules: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum CheckFormat {
    Human,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
}

#[derive(Subcommand, Clone, Debug)]
enum RulesAction {
    /// List the rules: id, pack, severity and what each flags.
    List,
    /// Explain one rule: what it flags, why, the standard, examples.
    Explain {
        /// The rule id.
        id: String,
    },
    /// Run every rule's examples (bad must fire, good must not); no file = the bundled packs.
    Test {
        /// Rule files.
        files: Vec<PathBuf>,
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
        Command::Check {
            paths,
            format,
            fail_on,
            rule_opts,
            stdin_filename,
        } => check(paths, format, fail_on, rule_opts, stdin_filename),
        Command::Rules { action, rule_opts } => rules(action, rule_opts),
        Command::Diff {
            old,
            new,
            format,
            fail_on,
            stdin_filename,
        } => diff(&old, &new, format, &fail_on, stdin_filename.as_deref()),
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

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum DiffFormat {
    Human,
    Json,
}

fn diff(
    old: &Path,
    new: &Path,
    format: DiffFormat,
    fail_on: &str,
    stdin_filename: Option<&str>,
) -> ExitCode {
    use attrib::diff::{ChangeKind, DiffInput, Outcome};
    use attrib::report::diff as rd;
    use std::io::IsTerminal;

    let fail = |e: attrib::Error| {
        eprintln!("error: {e}");
        ExitCode::from(2)
    };
    let fail_on = match ChangeKind::parse_list(fail_on) {
        Ok(k) => k,
        Err(e) => return fail(e),
    };
    if old.as_os_str() == "-" && new.as_os_str() == "-" {
        return fail(attrib::Error::Usage(
            "only one side can read stdin (`-`)".into(),
        ));
    }
    let side = |p: &Path| -> attrib::Result<DiffInput> {
        if p.as_os_str() != "-" {
            return Ok(DiffInput::Path(p.to_path_buf()));
        }
        let name = stdin_filename.unwrap_or("-").to_owned();
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|source| attrib::Error::Io {
                path: PathBuf::from(&name),
                source,
            })?;
        let text = input::decode(Path::new(&name), bytes)?;
        Ok(DiffInput::Text { name, text })
    };
    let outcome = match side(old)
        .and_then(|o| Ok((o, side(new)?)))
        .and_then(|(o, n)| attrib::diff::compare(&o, &n))
    {
        Ok(o) => o,
        Err(e) => return fail(e),
    };
    let color = rd::use_color(std::io::stdout().is_terminal());
    let out = match (&outcome, format) {
        (Outcome::File(f), DiffFormat::Json) => {
            serde_json::to_string_pretty(f).unwrap_or_default() + "\n"
        }
        (Outcome::Folder(d), DiffFormat::Json) => {
            serde_json::to_string_pretty(d).unwrap_or_default() + "\n"
        }
        (Outcome::File(f), DiffFormat::Human) => rd::human(f, color),
        (Outcome::Folder(d), DiffFormat::Human) => rd::human_folder(d, color),
    };
    let _ = std::io::stdout().write_all(out.as_bytes());
    if outcome.has_errors() {
        ExitCode::from(2)
    } else if outcome.fails(&fail_on) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn check_options(o: RuleOpts, fail_on: Option<FailOn>) -> attrib::check::Options {
    use attrib::rules::Severity;
    attrib::check::Options {
        config: o.config,
        rules: o.rules,
        no_default_rules: o.no_default_rules,
        fail_on: fail_on.map(|f| match f {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        }),
        cwd: std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
    }
}

fn check(
    paths: Vec<PathBuf>,
    format: CheckFormat,
    fail_on: Option<FailOn>,
    rule_opts: RuleOpts,
    stdin_filename: Option<String>,
) -> ExitCode {
    use attrib::check::{Report, Settings, check_analysis};
    let settings = match Settings::load(&check_options(rule_opts, fail_on), false) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let mut report = Report::default();
    for l in load_inputs(&paths, stdin_filename.as_deref()) {
        if settings.excluded(Path::new(&l.path)) {
            continue;
        }
        match l.result {
            Ok((fmt, text)) => {
                let mut a = Analysis::new(text, fmt);
                let findings = check_analysis(&settings.rules, &a);
                report.push_file(&l.path, std::mem::take(&mut a.doc.raw), findings);
            }
            Err(e) => {
                if format == CheckFormat::Human {
                    eprintln!("error: {e}");
                }
                report.push_error(&l.path, &e);
            }
        }
    }
    report.finish();
    let out = match format {
        CheckFormat::Json => report.json(),
        CheckFormat::Human => {
            use std::io::IsTerminal;
            let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            report.human(color)
        }
    };
    let _ = std::io::stdout().write_all(out.as_bytes());
    ExitCode::from(report.exit_code(settings.fail_on))
}

fn rules(action: RulesAction, rule_opts: RuleOpts) -> ExitCode {
    use attrib::check::{self as ck, Settings};
    let fail = |e: attrib::Error| {
        eprintln!("error: {e}");
        ExitCode::from(2)
    };
    let set = match &action {
        RulesAction::Test { files } if !files.is_empty() => {
            let mut set = attrib::rules::RuleSet::default();
            for f in files {
                match attrib::rules::load_rule_file(f) {
                    Ok(r) => set.rules.extend(r),
                    Err(e) => return fail(e),
                }
            }
            set
        }
        RulesAction::Test { .. } => match ck::bundled_rules() {
            Ok(s) => s,
            Err(e) => return fail(e),
        },
        _ => match Settings::load(&check_options(rule_opts, None), true) {
            Ok(s) => s.rules,
            Err(e) => return fail(e),
        },
    };
    match action {
        RulesAction::List => {
            print!("{}", ck::list(&set));
            ExitCode::SUCCESS
        }
        RulesAction::Explain { id } => match set.get(&id) {
            Some(r) => {
                print!("{}", ck::explain(r));
                ExitCode::SUCCESS
            }
            None => fail(attrib::Error::Usage(format!(
                "no rule `{id}` (see `attrib rules list`)"
            ))),
        },
        RulesAction::Test { .. } => {
            let (n, failures) = ck::test_examples(&set);
            for f in &failures {
                let what = if f.bad {
                    "bad example did not fire"
                } else {
                    "good example fired"
                };
                println!("FAIL {}: {what}: {}", f.rule, f.text);
            }
            println!(
                "{} rules, {n} examples, {} failed",
                set.rules.len(),
                failures.len()
            );
            if failures.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
    }
}
