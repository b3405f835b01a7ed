//! `attrib._attrib`: the native half of the Python package. Every function takes and returns
//! plain strings (JSON for results), and the Python half (`attrib/__init__.py`) turns them
//! into dicts; so the shapes are exactly those of the command line's JSON output.
//!
//! No panic crosses into Python: each call runs under `catch_unwind` and a panic becomes an
//! `AttribError` naming it.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;

use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use rayon::prelude::*;

use attrib::check::{Options, Settings};
use attrib::input::Format;

create_exception!(
    _attrib,
    AttribError,
    PyValueError,
    "A bad argument, an unreadable or invalid config or rule file (the message names the file, \
     line and column), or an internal error."
);

/// Run `f`, turning a panic into an `AttribError`.
fn guarded<T>(f: impl FnOnce() -> Result<T, String>) -> PyResult<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(message)) => Err(AttribError::new_err(message)),
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic".to_owned());
            Err(AttribError::new_err(format!("internal error: {what}")))
        }
    }
}

/// `"text"`, `"markdown"` or `"html"` (and `txt`, `md`, `htm`): the names `--input jsonl`
/// records take.
fn format_of(name: &str) -> Result<Format, String> {
    attrib::batch::parse_format(Some(name)).map_err(|e| format!("format: {e}"))
}

/// The JSON object `attrib quotes --format json` gives for one file, for `text`.
fn analyze_one(text: String, format: Format, name: &str) -> String {
    let a = attrib::analysis::Analysis::new(text, format);
    let f = attrib::report::quotes::file_quotes(name, &a);
    serde_json::to_string(&f).unwrap_or_default()
}

/// Rules loaded once: the bundled packs, a config file and rule files.
#[pyclass(frozen, module = "attrib._attrib")]
struct Rules {
    settings: Settings,
}

#[pymethods]
impl Rules {
    /// Load rules: the bundled packs (unless `default_rules` is false), the `.attrib.yaml` at
    /// `config` (its packs, severities and rule files), and each rule file in `rules`. No
    /// `.attrib.yaml` is searched for: a config applies only when named.
    #[new]
    #[pyo3(signature = (config=None, rules=None, default_rules=true))]
    fn new(
        py: Python<'_>,
        config: Option<PathBuf>,
        rules: Option<Vec<PathBuf>>,
        default_rules: bool,
    ) -> PyResult<Self> {
        py.detach(|| {
            guarded(|| {
                let cwd = std::env::current_dir().map_err(|e| format!("working folder: {e}"))?;
                let opts = Options {
                    config,
                    rules: rules.unwrap_or_default(),
                    no_default_rules: !default_rules,
                    fail_on: None,
                    cwd,
                    start: None,
                    isolated: true,
                    allow_external_rules: true,
                };
                Settings::load(&opts, false)
                    .map(|settings| Rules { settings })
                    .map_err(|e| e.to_string())
            })
        })
    }

    /// The findings for `text` as a JSON array, in the shape of the `findings` of
    /// `attrib check --format json`.
    fn check_json(&self, py: Python<'_>, text: String, format: &str) -> PyResult<String> {
        let format = format_of(format).map_err(AttribError::new_err)?;
        py.detach(|| guarded(|| Ok(check_one(&self.settings, text, format))))
    }

    /// [`Rules::check_json`] over many texts on every core, in order.
    fn check_many_json(
        &self,
        py: Python<'_>,
        texts: Vec<String>,
        format: &str,
    ) -> PyResult<Vec<String>> {
        let format = format_of(format).map_err(AttribError::new_err)?;
        py.detach(|| {
            guarded(|| {
                Ok(texts
                    .into_par_iter()
                    .map(|t| check_one(&self.settings, t, format))
                    .collect())
            })
        })
    }

    /// The ids of the rules that run (severity not `off`).
    fn rule_ids(&self) -> Vec<String> {
        attrib::run::active_rules(&self.settings.rules)
            .map(|r| r.id.clone())
            .collect()
    }
}

fn check_one(settings: &Settings, text: String, format: Format) -> String {
    let checked = attrib::run::check_one(settings, text, format, None);
    serde_json::to_string(&checked.findings).unwrap_or_default()
}

/// The quotes of `text` as JSON (one file of `attrib quotes --format json`).
#[pyfunction]
#[pyo3(signature = (text, format="text", name="-"))]
fn analyze_json(py: Python<'_>, text: String, format: &str, name: &str) -> PyResult<String> {
    let format = format_of(format).map_err(AttribError::new_err)?;
    py.detach(|| guarded(|| Ok(analyze_one(text, format, name))))
}

/// [`analyze_json`] over many texts on every core, in order.
#[pyfunction]
#[pyo3(signature = (texts, format="text"))]
fn analyze_many_json(py: Python<'_>, texts: Vec<String>, format: &str) -> PyResult<Vec<String>> {
    let format = format_of(format).map_err(AttribError::new_err)?;
    py.detach(|| {
        guarded(|| {
            Ok(texts
                .into_par_iter()
                .map(|t| analyze_one(t, format, "-"))
                .collect())
        })
    })
}

/// The changes from `old` to `new` as JSON (`attrib diff --format json` for two files).
#[pyfunction]
#[pyo3(signature = (old, new, format="text"))]
fn diff_json(py: Python<'_>, old: String, new: String, format: &str) -> PyResult<String> {
    let format = format_of(format).map_err(AttribError::new_err)?;
    let ext = match format {
        Format::Text => "txt",
        Format::Markdown => "md",
        Format::Html => "html",
    };
    py.detach(|| {
        guarded(|| {
            use attrib::diff::{DiffInput, Outcome};
            let side = |name: &str, text: String| DiffInput::Text {
                name: format!("{name}.{ext}"),
                text,
            };
            match attrib::diff::compare(&side("old", old), &side("new", new)) {
                Ok(Outcome::File(f)) => Ok(serde_json::to_string(&f).unwrap_or_default()),
                Ok(Outcome::Folder(_)) => Err("two texts gave a folder comparison".to_owned()),
                Err(e) => Err(e.to_string()),
            }
        })
    })
}

/// Run the command line with `args` (program name first); returns the exit status.
#[pyfunction]
fn run_cli(py: Python<'_>, args: Vec<String>) -> PyResult<u8> {
    py.detach(|| guarded(|| Ok(attrib::cli::main(args).0)))
}

/// The native module.
#[pymodule]
fn _attrib(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("AttribError", m.py().get_type::<AttribError>())?;
    m.add_class::<Rules>()?;
    m.add_function(wrap_pyfunction!(analyze_json, m)?)?;
    m.add_function(wrap_pyfunction!(analyze_many_json, m)?)?;
    m.add_function(wrap_pyfunction!(diff_json, m)?)?;
    m.add_function(wrap_pyfunction!(run_cli, m)?)?;
    Ok(())
}
