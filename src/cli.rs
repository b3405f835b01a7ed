//! The command line: parses arguments, calls the library, prints, and returns the exit status.
//! The `attrib` binary and the Python package's `attrib` command are both this module's
//! [`main`], so that they behave the same.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};

use crate as attrib;
use attrib::input;
use attrib::walk;

/// The status a command ends with: 0 success, 1 when findings (or diff changes) reach the
/// fail-on level, 2 for usage and I/O errors.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExitCode(pub u8);

impl ExitCode {
    /// Exit 0.
    pub const SUCCESS: ExitCode = ExitCode(0);
}

impl From<u8> for ExitCode {
    fn from(code: u8) -> Self {
        ExitCode(code)
    }
}

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
    /// Lint files or folders for sourcing problems (rules from packs, files and .attrib.yaml).
    Check(CheckArgs),
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
    /// Run the language server for editors (LSP over stdin and stdout; see docs/editors.md).
    Server,
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff) to stdout: `attrib man > attrib.1`.
    Man {
        /// Write one page per command into this folder (created if needed) instead:
        /// attrib.1, attrib-check.1, attrib-quotes.1, ...
        #[arg(long)]
        dir: Option<PathBuf>,
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
    /// Config file (default: the nearest .attrib.yaml from the first checked path up to the
    /// repository root).
    #[arg(long, global = true)]
    config: Option<PathBuf>,
    /// Use no .attrib.yaml at all (an explicit --config still applies).
    #[arg(long, global = true)]
    isolated: bool,
    /// Let a config name rule files outside its own folder tree.
    #[arg(long, global = true)]
    allow_external_rules: bool,
    /// Add a rule file (repeatable).
    #[arg(long = "rules", global = true)]
    rules: Vec<PathBuf>,
    /// Use no bundled rule pack.
    #[arg(long, global = true)]
    no_default_rules: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum CheckFormat {
    /// rustc-style diagnostics and a summary.
    Human,
    /// JSON: every file's findings, errors and a summary.
    Json,
    /// One JSON object per file, streamed in path order.
    Jsonl,
    /// SARIF 2.1.0 (GitHub code scanning and other viewers).
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum InputKind {
    /// Paths, or one article on stdin.
    Files,
    /// JSON lines on stdin: `{"id": .., "text": .., "format": "md"}`.
    Jsonl,
}

/// `10485760`, `512K`, `10M`, `1G` (powers of 1024; a trailing `B` or `iB` is allowed).
fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let upper = t.to_ascii_uppercase();
    let u = upper
        .trim_end_matches("IB")
        .trim_end_matches('B')
        .trim_end();
    let (num, mult) = match u.chars().last() {
        Some('K') => (&u[..u.len() - 1], 1u64 << 10),
        Some('M') => (&u[..u.len() - 1], 1 << 20),
        Some('G') => (&u[..u.len() - 1], 1 << 30),
        _ => (u, 1),
    };
    num.trim()
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(mult))
        .ok_or_else(|| format!("`{s}` is not a size (bytes, or a number with K, M or G)"))
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
    /// Print a Markdown reference of the rules (docs/rules.md is this for the bundled packs).
    Docs,
    /// Run every rule's examples (bad must fire, good must not); no file = the bundled packs.
    Test {
        /// Rule files.
        files: Vec<PathBuf>,
    },
}

/// Run the command line `args` (the program name first, as `std::env::args_os` gives it).
/// Usage errors, `--help` and `--version` print as clap prints them and return their status
/// instead of ending the process, so that a host (the Python module) keeps running.
pub fn main<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match cli.command {
        Command::Quotes {
            paths,
            format,
            stdin_filename,
        } => quotes(paths, format, stdin_filename),
        Command::Check(args) => check(args),
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut cmd, "attrib", &mut out);
            emit(&out, ExitCode::SUCCESS)
        }
        Command::Man { dir } => man(dir.as_deref()),
        Command::Server => match attrib::server::run_stdio() {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("{e}");
                ExitCode::from(2)
            }
        },
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

/// Sections the generated page lacks: exit status, the config file, examples (roff).
const MAN_EXTRA: &str = r#".SH "EXIT STATUS"
.TP
0
No finding at or above the fail-on level (\fBcheck\fR), no change of a failing kind (\fBdiff\fR).
.TP
1
A finding at or above the fail-on level (default \fBerror\fR, or the config's \fBfail_on\fR), or a diff change named by \fB\-\-fail\-on\fR.
.TP
2
A usage error, a bad config or rule file, or a file that could not be read or checked (the others are still checked).
.SH FILES
.TP
\fB.attrib.yaml\fR
Found from the first checked path up through its parent folders to the repository root (\fB\-\-config\fR names one, \fB\-\-isolated\fR uses none). Keys: \fBpacks\fR (bundled rule packs: core, strict), \fBrules\fR (rule files, relative to the config, inside its folder tree), \fBseverity\fR (rule id to error, warning, info or off), \fBfail_on\fR, \fBexclude\fR (globs).
.TP
\fB.attribignore\fR, \fB.gitignore\fR
Paths a folder run skips.
.SH EXAMPLES
.TP
\fBattrib check story.md\fR
Lint one story; rustc-style diagnostics.
.TP
\fBattrib check \-\-format sarif stories/ > attrib.sarif\fR
A folder, as SARIF for code scanning (also json, jsonl, github).
.TP
\fBattrib quotes story.md\fR
Every quote and claim with its speaker and source class.
.TP
\fBattrib diff v1.md v2.md\fR
Quotes added, removed or reworded, speakers changed, sources downgraded.
.TP
\fBattrib rules explain anonymous\-source\fR
What a rule flags and the standard behind it.
.SH "SEE ALSO"
attrib\-check(1), attrib\-quotes(1), attrib\-diff(1), attrib\-rules(1) (\fBattrib man \-\-dir\fR writes them)
"#;

/// `attrib man`: the page on stdout, or every command's page written into `dir`.
fn man(dir: Option<&Path>) -> ExitCode {
    let cmd = <Cli as clap::CommandFactory>::command();
    let fail = |e: &dyn std::fmt::Display| {
        eprintln!("error: {}", attrib::report::visible(&e.to_string()));
        ExitCode::from(2)
    };
    let Some(dir) = dir else {
        let mut out = Vec::new();
        if let Err(e) = clap_mangen::Man::new(cmd).render(&mut out) {
            return fail(&e);
        }
        out.extend_from_slice(MAN_EXTRA.as_bytes());
        return emit(&out, ExitCode::SUCCESS);
    };
    if let Err(e) = std::fs::create_dir_all(dir) {
        return fail(&format!("{}: {e}", dir.display()));
    }
    if let Err(e) = clap_mangen::generate_to(cmd, dir) {
        return fail(&format!("{}: {e}", dir.display()));
    }
    // The main page gains the sections the generator does not write.
    let main = dir.join("attrib.1");
    let appended = std::fs::OpenOptions::new()
        .append(true)
        .open(&main)
        .and_then(|mut f| f.write_all(MAN_EXTRA.as_bytes()));
    if let Err(e) = appended {
        return fail(&format!("{}: {e}", main.display()));
    }
    ExitCode::SUCCESS
}

fn quotes(paths: Vec<PathBuf>, format: QuotesFormat, stdin_filename: Option<String>) -> ExitCode {
    use attrib::run::{self, Job};
    let format = match format {
        QuotesFormat::Json => run::QuotesFormat::Json,
        QuotesFormat::Csv => run::QuotesFormat::Csv,
        QuotesFormat::Human => run::QuotesFormat::Human(120),
    };
    let named: Vec<PathBuf> = paths
        .iter()
        .filter(|p| p.as_os_str() != "-")
        .cloned()
        .collect();
    std::thread::spawn(warm_lexicon);
    let (walked, walker) = spawn_walk(named, walk::Excludes::none());
    let mut stdin_job = None;
    if paths.is_empty() || paths.iter().any(|p| p.as_os_str() == "-") {
        let name = stdin_filename.unwrap_or_else(|| "-".to_owned());
        let text = read_stdin(&name, input::DEFAULT_MAX_FILE_SIZE);
        stdin_job = Some(Job::Text { name, text });
    }
    let jobs = stdin_job.into_iter().chain(walked.map(Job::Entry));
    let mut out = stdout_writer();
    let result = run::run_quotes(jobs, format, input::DEFAULT_MAX_FILE_SIZE, &mut out);
    join_walk(walker);
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {}", attrib::report::visible(&e.to_string()));
            ExitCode::from(2)
        }
    }
}

/// Buffered stdout for the reports. Not `stdout().lock()`: the lock may not move between
/// threads, and whichever worker finishes the file due next writes the output
/// (`run::ordered_map`). Off a terminal the buffer is a pipe's size, so a 20 MB report takes a
/// few hundred writes, not thousands (stdout's own line buffer adds one for each).
fn stdout_writer() -> std::io::BufWriter<std::io::Stdout> {
    use std::io::IsTerminal;
    let out = std::io::stdout();
    let capacity = if out.is_terminal() { 8 << 10 } else { 64 << 10 };
    std::io::BufWriter::with_capacity(capacity, out)
}

/// Build the lexicon's tables (word lists, the merged phrase scanner, the word classes) on a
/// thread of their own while settings load and the walk starts: the first file checked would
/// otherwise build them while every other worker waits for them.
fn warm_lexicon() {
    attrib::lexicon::lexicon();
    attrib::lexicon::hot_phrases();
    attrib::attribution::classes();
}

/// Walk `paths` on a thread of its own and hand over its entries (in [`walk::walk`]'s order)
/// as they are found, so that checking starts on the first file while the walk goes on.
///
/// The thread is not scoped: a run that stops before checking (bad settings) exits without
/// waiting for a walk that may be long. A run that took every entry calls [`join_walk`], so
/// that a panic in the walk is not taken for its end.
fn spawn_walk(
    paths: Vec<PathBuf>,
    excludes: walk::Excludes,
) -> (
    std::sync::mpsc::IntoIter<walk::Entry>,
    Option<std::thread::JoinHandle<()>>,
) {
    let (tx, rx) = std::sync::mpsc::channel();
    let thread = (!paths.is_empty()).then(|| {
        std::thread::spawn(move || {
            for e in walk::entries(&paths, &excludes) {
                if tx.send(e).is_err() {
                    break;
                }
            }
        })
    });
    (rx.into_iter(), thread)
}

/// Wait for the walk of [`spawn_walk`] (its entries all taken, it has ended or is ending) and
/// re-raise its panic, if any.
fn join_walk(thread: Option<std::thread::JoinHandle<()>>) {
    if let Some(Err(panic)) = thread.map(std::thread::JoinHandle::join) {
        std::panic::resume_unwind(panic);
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
        eprintln!("error: {}", attrib::report::visible(&e.to_string()));
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
        let text = read_stdin(&name, input::DEFAULT_MAX_FILE_SIZE)?;
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
    let code = if outcome.has_errors() {
        ExitCode::from(2)
    } else if outcome.fails(&fail_on) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    };
    emit(out.as_bytes(), code)
}

fn check_options(
    o: RuleOpts,
    fail_on: Option<FailOn>,
    start: Option<PathBuf>,
) -> attrib::check::Options {
    use attrib::rules::Severity;
    attrib::check::Options {
        start,
        isolated: o.isolated,
        allow_external_rules: o.allow_external_rules,
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

/// The arguments of `attrib check`.
#[derive(clap::Args)]
struct CheckArgs {
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
    /// Files larger than this are reported as errors (bytes, or with K, M, G: 10M).
    #[arg(long, default_value = "10M", value_parser = parse_size)]
    max_file_size: u64,
    /// What stdin holds: one article (`files`, the default) or JSON lines
    /// `{"id":..,"text":..,"format":"md"}`, answered one result line per input line.
    #[arg(long, value_enum, default_value = "files")]
    input: InputKind,
    /// Say on stderr which config applied and which named files it excluded.
    #[arg(long, short)]
    verbose: bool,
}

/// Standard input as article text, at most `limit` bytes (read through the bounded reader, so
/// `< /dev/zero` stops at the limit).
fn read_stdin(name: &str, limit: u64) -> attrib::Result<String> {
    use std::io::IsTerminal;
    if std::io::stdin().is_terminal() {
        eprintln!(
            "attrib: reading an article from standard input (end it with Ctrl-D), or give a \
             file or folder: attrib check story.md"
        );
    }
    let bytes = input::read_bounded(Path::new(name), std::io::stdin().lock(), limit)?;
    input::decode(Path::new(name), bytes)
}

fn check(args: CheckArgs) -> ExitCode {
    use attrib::run::{Job, OutputFormat, RunOptions};
    use std::io::IsTerminal;
    let fail = |e: &dyn std::fmt::Display| {
        eprintln!("error: {}", attrib::report::visible(&e.to_string()));
        ExitCode::from(2)
    };
    let named: Vec<PathBuf> = args
        .paths
        .iter()
        .filter(|p| p.as_os_str() != "-")
        .cloned()
        .collect();
    // The config is looked for from the first checked path (stdin: its --stdin-filename, else
    // the working folder), not from wherever the command happens to run.
    let start = named.first().cloned().or_else(|| {
        args.stdin_filename
            .as_ref()
            .map(PathBuf::from)
            .and_then(|p| p.parent().map(Path::to_path_buf))
            .filter(|p| !p.as_os_str().is_empty())
    });
    let options = check_options(args.rule_opts, args.fail_on, start);
    // Rules, lexicon and walk at once: the settings load on one thread, the lexicon's tables
    // on another, and the walk (which needs only the config's `exclude` globs) on a third.
    // Nothing is printed before the settings are known to be good.
    std::thread::spawn(warm_lexicon);
    let loading = {
        let options = options.clone();
        std::thread::spawn(move || attrib::check::Settings::load(&options, false))
    };
    let walking = match (args.input, walk_excludes(&options)) {
        (InputKind::Files, Some(excludes)) => Some(spawn_walk(named.clone(), excludes)),
        _ => None,
    };
    let settings = match loading.join() {
        Ok(Ok(settings)) => settings,
        Ok(Err(e)) => return fail(&e),
        Err(panic) => std::panic::resume_unwind(panic),
    };
    let mut out = stdout_writer();
    if args.verbose {
        match &settings.config {
            Some(p) => eprintln!(
                "attrib: config: {}",
                attrib::report::visible(&p.display().to_string())
            ),
            None => eprintln!("attrib: config: none (bundled defaults)"),
        }
    }

    if args.input == InputKind::Jsonl {
        if !matches!(args.format, CheckFormat::Human | CheckFormat::Jsonl) {
            return fail(&"--input jsonl writes JSON lines; use --format jsonl (or leave it out)");
        }
        if args.paths.iter().any(|p| p.as_os_str() != "-") {
            return fail(&"--input jsonl reads stdin: give `-` or no path");
        }
        let reader = std::io::BufReader::new(std::io::stdin());
        return match attrib::batch::run(&settings, args.max_file_size, reader, &mut out) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(&e),
        };
    }

    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let mut stdin_job = None;
    let stdin = args.paths.is_empty() || args.paths.iter().any(|p| p.as_os_str() == "-");
    if stdin {
        let name = args
            .stdin_filename
            .clone()
            .unwrap_or_else(|| "-".to_owned());
        if !settings.excluded(Path::new(&name)) {
            let text = read_stdin(&name, args.max_file_size);
            stdin_job = Some(Job::Text { name, text });
        }
    }
    let folder_run = named.iter().any(|p| p.is_dir()) || args.paths.len() > 1;
    // The settings loaded, so their excludes are good: the walk's own copy can only have
    // failed on a config file that changed in between.
    let (walked, walker) =
        walking.unwrap_or_else(|| spawn_walk(named.clone(), settings.excludes.clone()));
    let jobs = stdin_job.into_iter().chain(walked.map(Job::Entry));
    let format = match args.format {
        CheckFormat::Human => OutputFormat::Human,
        CheckFormat::Json => OutputFormat::Json,
        CheckFormat::Jsonl => OutputFormat::Jsonl,
        CheckFormat::Sarif => OutputFormat::Sarif,
        CheckFormat::Github => OutputFormat::Github,
    };
    let mut opts = RunOptions {
        format,
        color: std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        max_file_size: args.max_file_size,
        cwd,
        folder_summary: folder_run,
        progress: false,
        verbose: args.verbose,
    };
    // The progress bar needs the count, so a terminal's run walks everything first; other
    // runs check the first file while the walk goes on.
    let result = if std::io::stderr().is_terminal() {
        let jobs: Vec<Job> = jobs.collect();
        opts.progress = jobs.len() >= PROGRESS_MIN_FILES;
        attrib::run::run(&settings, &opts, jobs, &mut out)
    } else {
        attrib::run::run(&settings, &opts, jobs, &mut out)
    };
    join_walk(walker);
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => fail(&e),
    }
}

/// The config's `exclude` globs, resolved apart from the rules so that the walk can start while
/// they load; `None` when the config cannot be read (the settings load reports why).
fn walk_excludes(o: &attrib::check::Options) -> Option<walk::Excludes> {
    let c = o.config().ok()?;
    walk::Excludes::new(&c.config.exclude, &c.base, &o.cwd).ok()
}

/// Write `bytes` to standard output and flush, then end with `code`. A closed pipe (`| head`)
/// ends quietly with 0, as ripgrep does: the reader has what it wanted. Any other write error
/// (a full disk, `/dev/full`) is an error with exit 2: output was lost.
fn emit(bytes: &[u8], code: ExitCode) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => code,
        Err(e) => write_failed(&e),
    }
}

/// The exit for a failed write to standard output (see [`emit`]).
fn write_failed(e: &std::io::Error) -> ExitCode {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        ExitCode::SUCCESS
    } else {
        eprintln!("error: writing output: {e}");
        ExitCode::from(2)
    }
}

/// Runs with at least this many files show a progress bar (when stderr is a terminal).
const PROGRESS_MIN_FILES: usize = 200;

fn rules(action: RulesAction, rule_opts: RuleOpts) -> ExitCode {
    use attrib::check::{self as ck, Settings};
    let fail = |e: attrib::Error| {
        eprintln!("error: {}", attrib::report::visible(&e.to_string()));
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
        _ => match Settings::load(&check_options(rule_opts, None, None), true) {
            Ok(s) => s.rules,
            Err(e) => return fail(e),
        },
    };
    match action {
        RulesAction::List => emit(ck::list(&set).as_bytes(), ExitCode::SUCCESS),
        RulesAction::Docs => emit(ck::reference(&set).as_bytes(), ExitCode::SUCCESS),
        RulesAction::Explain { id } => match set.get(&id) {
            Some(r) => emit(ck::explain(r).as_bytes(), ExitCode::SUCCESS),
            None => fail(attrib::Error::Usage(format!(
                "no rule `{id}` (see `attrib rules list`)"
            ))),
        },
        RulesAction::Test { .. } => {
            use std::fmt::Write as _;
            let (n, failures) = ck::test_examples(&set);
            let mut out = String::new();
            for f in &failures {
                let what = if f.bad {
                    "bad example did not fire"
                } else {
                    "good example fired"
                };
                let _ = writeln!(out, "FAIL {}: {what}: {}", f.rule, f.text);
            }
            let _ = writeln!(
                out,
                "{} rules, {n} examples, {} failed",
                set.rules.len(),
                failures.len()
            );
            let code = if failures.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            };
            emit(out.as_bytes(), code)
        }
    }
}
