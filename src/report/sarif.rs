//! `attrib check --format sarif`: a SARIF 2.1.0 log built from the typed model of the
//! `serde-sarif` crate, as GitHub code scanning and other SARIF viewers read it.
//!
//! - `tool.driver`: name `attrib`, the crate version, and every rule that is on, with id,
//!   short and full description, help (the text of `attrib rules explain`) and its level.
//! - each finding is a result with `ruleId`, `ruleIndex`, `level` (`error`, `warning`, `note`),
//!   `message.text` and one physical location: the artifact URI relative to the working folder
//!   (forward slashes, percent-encoded) and a 1-based region; `endColumn` is the column just past
//!   the last character, and columns count Unicode code points (`run.columnKind`).
//! - files that could not be read are `toolExecutionNotifications` of the invocation, which is
//!   then not `executionSuccessful`.

use std::path::Path;

use serde_sarif::sarif;

use crate::check::{self, FileError};
use crate::rules::{Rule, RuleSet, Severity};
use crate::run::{Located, active_rules, relative_uri_path, stable_hash};

/// Where the project lives (`repository` in Cargo.toml): the tool's `informationUri`.
pub const INFORMATION_URI: &str = env!("CARGO_PKG_REPOSITORY");

/// The rules reference (docs/rules.md, generated from the rule files); each rule's `helpUri`
/// is this with the rule id as the fragment.
pub fn rules_reference() -> String {
    format!("{INFORMATION_URI}/blob/main/docs/rules.md")
}

/// The base that relative artifact URIs are resolved against (`originalUriBaseIds`).
pub const SRCROOT: &str = "%SRCROOT%";

/// The key of the fingerprint in `partialFingerprints` (versioned: a change of recipe is a
/// new key, not a silent change of values).
pub const FINGERPRINT: &str = "attribFinding/v1";

/// A rule's friendly name for viewers, distinct from its id: `anonymous-source` →
/// `AnonymousSource` (a one-word id such as `hedge` gets no name: `Hedge` is the same).
pub fn rule_name(id: &str) -> String {
    id.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect()
}

/// The schema a log names.
pub const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// SARIF level of a severity.
pub fn level(s: Severity) -> sarif::ResultLevel {
    match s {
        Severity::Error => sarif::ResultLevel::Error,
        Severity::Warning => sarif::ResultLevel::Warning,
        Severity::Info => sarif::ResultLevel::Note,
        Severity::Off => sarif::ResultLevel::None,
    }
}

fn text(s: &str) -> sarif::MultiformatMessageString {
    sarif::MultiformatMessageString::builder()
        .text(s.to_owned())
        .build()
}

fn descriptor(r: &Rule) -> sarif::ReportingDescriptor {
    let about = r.description.as_deref().unwrap_or(&r.message);
    let full = crate::lexicon::squeeze(about);
    let config = sarif::ReportingConfiguration::builder()
        .level(serde_json::json!(level(r.severity)))
        .build();
    let mut props = sarif::PropertyBag::builder()
        .tags(vec![r.pack.clone()])
        .build();
    props
        .additional_properties
        .insert("severity".into(), serde_json::json!(r.severity.as_str()));
    let mut d = sarif::ReportingDescriptor::builder()
        .id(r.id.clone())
        .help_uri(format!("{}#{}", rules_reference(), r.id))
        .short_description(text(&check::first_line(about)))
        .full_description(text(&full))
        .help(text(&check::explain(r)))
        .default_configuration(config)
        .properties(props)
        .build();
    // A name that differs from the id only in case is the same to viewers: SARIF asks for none.
    let name = rule_name(&r.id);
    if !name.eq_ignore_ascii_case(&r.id) {
        d.name = Some(name);
    }
    d
}

/// Percent-encode a relative path for a URI reference (keeps `/` and unreserved characters).
pub fn uri_encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The artifact URI of a reported path: relative to `cwd` when inside it, else `file://`.
pub fn artifact_uri(path: &str, cwd: &Path) -> String {
    let rel = relative_uri_path(path, cwd);
    if rel.starts_with('/') {
        format!("file://{}", uri_encode(&rel))
    } else {
        uri_encode(&rel)
    }
}

/// `file:///path/to/folder/` for an absolute folder (the trailing slash makes it a base).
fn folder_uri(dir: &Path) -> String {
    let mut p = dir.to_string_lossy().replace('\\', "/");
    if !p.starts_with('/') {
        p.insert(0, '/');
    }
    if !p.ends_with('/') {
        p.push('/');
    }
    format!("file://{}", uri_encode(&p))
}

fn location(uri: &str, region: Option<sarif::Region>) -> sarif::Location {
    let mut artifact = sarif::ArtifactLocation::builder()
        .uri(uri.to_owned())
        .build();
    // A relative URI is relative to the working folder, named as the usual %SRCROOT%.
    if !uri.starts_with("file:") {
        artifact.uri_base_id = Some(SRCROOT.to_owned());
    }
    let physical = match region {
        Some(r) => sarif::PhysicalLocation::builder()
            .artifact_location(artifact)
            .region(r)
            .build(),
        None => sarif::PhysicalLocation::builder()
            .artifact_location(artifact)
            .build(),
    };
    sarif::Location::builder()
        .physical_location(physical)
        .build()
}

/// What the run's invocation records besides the results.
#[derive(Debug, Default)]
pub struct RunInfo<'a> {
    /// The `.attrib.yaml` that applied.
    pub config: Option<&'a str>,
    /// Files named explicitly that the config excluded.
    pub excluded: &'a [String],
}

/// The whole log: one run over `files` (reported path and located findings, in path order),
/// with `errors` as notifications, excluded files as notes and the config in the invocation's
/// properties (`attribConfig`).
pub fn log(
    rules: &RuleSet,
    files: &[(String, Vec<Located>)],
    errors: &[FileError],
    cwd: &Path,
    info: &RunInfo,
) -> sarif::Sarif {
    let active: Vec<&Rule> = active_rules(rules).collect();
    let mut results = Vec::new();
    for (path, findings) in files {
        let uri = artifact_uri(path, cwd);
        // How many findings of a file had each fingerprint so far: two alike on alike lines
        // are told apart by their order.
        let mut seen: std::collections::HashMap<u64, usize> = Default::default();
        for l in findings {
            let f = &l.finding;
            let region = sarif::Region::builder()
                .start_line(f.line as i64)
                .start_column(f.column as i64)
                .end_line(l.end_line as i64)
                .end_column(l.end_column as i64)
                .snippet(
                    sarif::ArtifactContent::builder()
                        .text(f.text.clone())
                        .build(),
                )
                .build();
            let mut r = sarif::Result::builder()
                .rule_id(f.rule.clone())
                .level(level(f.severity))
                .message(sarif::Message::builder().text(f.message.clone()).build())
                .locations(vec![location(&uri, Some(region))])
                .build();
            if let Some(i) = active.iter().position(|r| r.id == f.rule) {
                r.rule_index = Some(i as i64);
            }
            // Rule, the flagged words and their line's text: the same after edits elsewhere
            // in the file moved the finding to another line or column.
            let hash = stable_hash(&[
                f.rule.as_bytes(),
                f.text.as_bytes(),
                &l.line_hash.to_le_bytes(),
            ]);
            let n = seen.entry(hash).or_default();
            *n += 1;
            let mut prints = std::collections::BTreeMap::new();
            prints.insert(FINGERPRINT.to_owned(), format!("{hash:016x}:{n}"));
            r.partial_fingerprints = Some(prints);
            results.push(r);
        }
    }
    let notifications: Vec<sarif::Notification> = errors
        .iter()
        .map(|e| {
            sarif::Notification::builder()
                .level(serde_json::json!("error"))
                .message(
                    sarif::Message::builder()
                        .text(format!("{}: {}", e.path, e.message))
                        .build(),
                )
                .locations(vec![location(&artifact_uri(&e.path, cwd), None)])
                .build()
        })
        .chain(info.excluded.iter().map(|p| {
            sarif::Notification::builder()
                .level(serde_json::json!("note"))
                .message(
                    sarif::Message::builder()
                        .text(format!("{p}: {}", crate::run::EXCLUDED))
                        .build(),
                )
                .locations(vec![location(&artifact_uri(p, cwd), None)])
                .build()
        }))
        .collect();
    let mut invocation = sarif::Invocation::builder()
        .execution_successful(errors.is_empty())
        .build();
    let mut props = std::collections::BTreeMap::new();
    props.insert("attribConfig".to_owned(), serde_json::json!(info.config));
    invocation.properties = Some(
        sarif::PropertyBag::builder()
            .additional_properties(props)
            .build(),
    );
    if !notifications.is_empty() {
        invocation.tool_execution_notifications = Some(notifications);
    }
    let driver = sarif::ToolComponent::builder()
        .name("attrib".to_owned())
        .information_uri(INFORMATION_URI.to_owned())
        .full_name(format!("attrib {}", env!("CARGO_PKG_VERSION")))
        .version(env!("CARGO_PKG_VERSION").to_owned())
        .semantic_version(env!("CARGO_PKG_VERSION").to_owned())
        .rules(active.iter().map(|r| descriptor(r)).collect::<Vec<_>>())
        .build();
    let mut bases = std::collections::BTreeMap::new();
    bases.insert(
        SRCROOT.to_owned(),
        sarif::ArtifactLocation::builder()
            .uri(folder_uri(cwd))
            .build(),
    );
    let run = sarif::Run::builder()
        .tool(sarif::Tool::builder().driver(driver).build())
        .original_uri_base_ids(bases)
        .results(results)
        .invocations(vec![invocation])
        .column_kind(serde_json::json!("unicodeCodePoints"))
        .build();
    sarif::Sarif::builder()
        .schema(SCHEMA.to_owned())
        .version(serde_json::json!("2.1.0"))
        .runs(vec![run])
        .build()
}

/// The log as pretty JSON with a final newline.
pub fn to_string(log: &sarif::Sarif) -> String {
    serde_json::to_string_pretty(log).unwrap_or_else(|_| "{}".into()) + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_and_encoded() {
        let cwd = Path::new("/work/news");
        assert_eq!(artifact_uri("stories/a b.md", cwd), "stories/a%20b.md");
        assert_eq!(artifact_uri("./stories/a.md", cwd), "stories/a.md");
        assert_eq!(artifact_uri("/work/news/x/ä.txt", cwd), "x/%C3%A4.txt");
        assert_eq!(
            artifact_uri("/elsewhere/a.txt", cwd),
            "file:///elsewhere/a.txt"
        );
    }
}
