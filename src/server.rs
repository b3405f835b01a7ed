//! `attrib server`: a language server (LSP 3.17 over stdio) for editors.
//!
//! The editor sends the story as it is typed; the server answers with a diagnostic for every
//! finding `attrib check` would report (the same rules, the same `.attrib.yaml`, the same inline
//! suppression), hover text for quotes (who said it, whom that is, the source's class, the cue)
//! and for findings (the rule's description and standard), code actions that insert the
//! project's suppression comments, and an outline of the story's quotes grouped by speaker.
//!
//! [`Session`] holds the state and answers one message at a time, with no I/O, so tests and
//! benchmarks drive it directly; [`run_stdio`] is the loop that connects it to an editor.
//! Positions are UTF-16 code units (the protocol's default); spans inside are byte offsets.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    DidSaveTextDocument, Notification as _, PublishDiagnostics,
};
use lsp_types::request::{CodeActionRequest, DocumentSymbolRequest, HoverRequest, Request as _};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams,
    CodeActionProviderCapability, CodeDescription, Diagnostic, DiagnosticSeverity,
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    DidSaveTextDocumentParams, DocumentSymbol, DocumentSymbolParams, DocumentSymbolResponse, Hover,
    HoverContents, HoverParams, HoverProviderCapability, MarkupContent, MarkupKind, NumberOrString,
    OneOf, Position, PositionEncodingKind, PublishDiagnosticsParams, Range, ServerCapabilities,
    SymbolKind, TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, TextEdit, Url, WorkspaceEdit,
};

use crate::analysis::Analysis;
use crate::check::{Options, Settings};
use crate::input::Format;
use crate::quotes::QuoteKind;
use crate::rules::Severity;
use crate::span::LineIndex;

/// Where the rules reference lives: a diagnostic's `codeDescription` links to the rule's
/// heading in it (the page SARIF's `helpUri` names).
fn rule_uri(rule: &str) -> Option<Url> {
    Url::parse(&format!(
        "{}#{rule}",
        crate::report::sarif::rules_reference()
    ))
    .ok()
}

/// Run the server on stdin and stdout until the editor asks it to exit.
pub fn run_stdio() -> Result<(), String> {
    let (connection, io) = Connection::stdio();
    serve(&connection)?;
    drop(connection);
    io.join().map_err(|e| format!("attrib server: {e}"))
}

/// The capabilities the server announces.
pub fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(PositionEncodingKind::UTF16),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                ..Default::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        ..Default::default()
    }
}

/// Answer `connection` until shutdown and exit: the initialize handshake, then every message.
pub fn serve(connection: &Connection) -> Result<(), String> {
    let fail = |e: &dyn std::fmt::Display| format!("attrib server: {e}");
    let (id, _params) = connection.initialize_start().map_err(|e| fail(&e))?;
    let result = serde_json::json!({
        "capabilities": capabilities(),
        "serverInfo": { "name": "attrib", "version": env!("CARGO_PKG_VERSION") },
    });
    connection
        .initialize_finish(id, result)
        .map_err(|e| fail(&e))?;
    let mut session = Session::default();
    for msg in &connection.receiver {
        let out = match msg {
            Message::Request(req) => {
                if connection.handle_shutdown(&req).map_err(|e| fail(&e))? {
                    return Ok(());
                }
                vec![Message::Response(session.request(req))]
            }
            Message::Notification(n) => session
                .notification(n)
                .into_iter()
                .map(Message::Notification)
                .collect(),
            Message::Response(_) => Vec::new(),
        };
        for m in out {
            connection.sender.send(m).map_err(|e| fail(&e))?;
        }
    }
    Ok(())
}

/// An open document.
#[derive(Debug)]
struct Doc {
    text: String,
    version: i32,
    format: Format,
    /// The analysis of `text` at `version`, made when hover or the outline first asks.
    analysis: Option<(i32, Arc<Analysis>)>,
    /// The diagnostics last published, and the version they are of: hover reads them instead
    /// of checking the story again.
    published: Option<(i32, Vec<Diagnostic>)>,
}

/// The settings of one folder, with the config file they came from and its modification time.
#[derive(Debug)]
struct FolderSettings {
    config: Option<(PathBuf, Option<SystemTime>)>,
    settings: Result<Arc<Settings>, String>,
}

/// The server's state: the open documents and the settings of their folders.
#[derive(Debug, Default)]
pub struct Session {
    docs: HashMap<Url, Doc>,
    folders: HashMap<PathBuf, FolderSettings>,
}

impl Session {
    /// Answer a request (hover, code actions, the outline); anything else is "method not
    /// found".
    pub fn request(&mut self, req: Request) -> Response {
        let id = req.id.clone();
        let result = match req.method.as_str() {
            HoverRequest::METHOD => parse::<HoverParams>(req).map(|p| {
                let pos = p.text_document_position_params;
                json(self.hover(&pos.text_document.uri, pos.position))
            }),
            CodeActionRequest::METHOD => {
                parse::<CodeActionParams>(req).map(|p| json(self.code_actions(&p)))
            }
            DocumentSymbolRequest::METHOD => {
                parse::<DocumentSymbolParams>(req).map(|p| json(self.symbols(&p.text_document.uri)))
            }
            _ => Err((
                ErrorCode::MethodNotFound,
                format!("attrib server does not handle {}", req.method),
            )),
        };
        match result {
            Ok(value) => Response::new_ok(id, value),
            Err((code, message)) => Response::new_err(id, code as i32, message),
        }
    }

    /// Take a notification; returns the diagnostics to publish.
    pub fn notification(&mut self, n: Notification) -> Vec<Notification> {
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<DidOpenTextDocumentParams>(n.params) else {
                    return Vec::new();
                };
                let d = p.text_document;
                let format = format_of(&d.uri, &d.language_id);
                self.insert(d.uri.clone(), d.text, d.version, format);
                self.publish(&d.uri).into_iter().collect()
            }
            DidChangeTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<DidChangeTextDocumentParams>(n.params) else {
                    return Vec::new();
                };
                let uri = p.text_document.uri;
                let Some(doc) = self.docs.get_mut(&uri) else {
                    return Vec::new();
                };
                for change in p.content_changes {
                    match change.range {
                        Some(r) => {
                            let lines = Lines::new(&doc.text);
                            let (a, b) = (lines.offset(r.start), lines.offset(r.end));
                            doc.text.replace_range(a.min(b)..b.max(a), &change.text);
                        }
                        None => doc.text = change.text,
                    }
                }
                doc.version = p.text_document.version;
                self.publish(&uri).into_iter().collect()
            }
            DidSaveTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<DidSaveTextDocumentParams>(n.params) else {
                    return Vec::new();
                };
                self.publish(&p.text_document.uri).into_iter().collect()
            }
            DidCloseTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<DidCloseTextDocumentParams>(n.params) else {
                    return Vec::new();
                };
                self.docs.remove(&p.text_document.uri);
                vec![diagnostics_notification(
                    p.text_document.uri,
                    Vec::new(),
                    None,
                )]
            }
            DidChangeWatchedFiles::METHOD => {
                // A config or rule file changed: load every folder's settings afresh.
                self.folders.clear();
                let uris: Vec<Url> = self.docs.keys().cloned().collect();
                uris.iter().filter_map(|u| self.publish(u)).collect()
            }
            _ => Vec::new(),
        }
    }

    /// The diagnostics of the open document `uri` at its current version (`None` when it is
    /// not open): those last published, or a fresh check.
    pub fn diagnostics(&mut self, uri: &Url) -> Option<Vec<Diagnostic>> {
        let doc = self.docs.get(uri)?;
        match &doc.published {
            Some((v, d)) if *v == doc.version => Some(d.clone()),
            _ => self.check(uri),
        }
    }

    /// Check the open document `uri` (its settings looked up again) and keep the result as
    /// the published diagnostics.
    fn check(&mut self, uri: &Url) -> Option<Vec<Diagnostic>> {
        let diagnostics = self.check_fresh(uri)?;
        let doc = self.docs.get_mut(uri)?;
        doc.published = Some((doc.version, diagnostics.clone()));
        Some(diagnostics)
    }

    fn check_fresh(&mut self, uri: &Url) -> Option<Vec<Diagnostic>> {
        let settings = self.settings_for(uri);
        let doc = self.docs.get(uri)?;
        let lines = Lines::new(&doc.text);
        let settings = match settings {
            Ok(s) => s,
            Err(message) => {
                // A broken config or rule file: one diagnostic at the top, and no check.
                return Some(vec![Diagnostic {
                    range: Range::default(),
                    severity: Some(DiagnosticSeverity::ERROR),
                    source: Some("attrib".into()),
                    message: format!("attrib could not load its settings: {message}"),
                    ..Default::default()
                }]);
            }
        };
        let checked = crate::run::check_one(&settings, doc.text.clone(), doc.format, None);
        Some(
            checked
                .findings
                .iter()
                .map(|l| {
                    let f = &l.finding;
                    Diagnostic {
                        range: Range::new(lines.position(f.start), lines.position(f.end)),
                        severity: Some(severity(f.severity)),
                        code: Some(NumberOrString::String(f.rule.clone())),
                        code_description: rule_uri(&f.rule).map(|href| CodeDescription { href }),
                        source: Some("attrib".into()),
                        message: f.message.clone(),
                        ..Default::default()
                    }
                })
                .collect(),
        )
    }

    fn publish(&mut self, uri: &Url) -> Option<Notification> {
        let diagnostics = self.check(uri)?;
        let version = self.docs.get(uri).map(|d| d.version);
        Some(diagnostics_notification(uri.clone(), diagnostics, version))
    }

    /// The settings for the folder of `uri`: `.attrib.yaml` found from that folder up to the
    /// repository root, as `attrib check` finds it, loaded again when the file changes (its
    /// modification time is compared on every check). A document that is not a file uses the
    /// server's working folder.
    fn settings_for(&mut self, uri: &Url) -> Result<Arc<Settings>, String> {
        let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        let folder = uri
            .to_file_path()
            .ok()
            .and_then(|p| p.parent().map(Path::to_path_buf))
            .unwrap_or_else(|| cwd.clone());
        let config = crate::config::discover(&folder).map(|p| {
            let stamp = std::fs::metadata(&p).and_then(|m| m.modified()).ok();
            (p, stamp)
        });
        if let Some(cached) = self.folders.get(&folder)
            && cached.config == config
        {
            return cached.settings.clone();
        }
        let opts = Options {
            cwd: folder.clone(),
            start: Some(folder.clone()),
            ..Default::default()
        };
        let settings = Settings::load(&opts, false)
            .map(Arc::new)
            .map_err(|e| e.to_string());
        self.folders.insert(
            folder,
            FolderSettings {
                config,
                settings: settings.clone(),
            },
        );
        settings
    }

    fn analysis(&mut self, uri: &Url) -> Option<Arc<Analysis>> {
        let doc = self.docs.get_mut(uri)?;
        if let Some((v, a)) = &doc.analysis
            && *v == doc.version
        {
            return Some(a.clone());
        }
        let a = Arc::new(Analysis::new(doc.text.clone(), doc.format));
        doc.analysis = Some((doc.version, a.clone()));
        Some(a)
    }

    /// Hover: on a quote, who said it; on a finding, what the rule asks and why.
    pub fn hover(&mut self, uri: &Url, pos: Position) -> Option<Hover> {
        let at = Lines::new(&self.docs.get(uri)?.text).offset(pos);
        let mut parts = Vec::new();
        if let Some(diags) = self.diagnostics(uri) {
            let settings = self.settings_for(uri).ok();
            let lines = Lines::new(&self.docs.get(uri)?.text);
            for d in &diags {
                let (a, b) = (lines.offset(d.range.start), lines.offset(d.range.end));
                if !(a <= at && at <= b) {
                    continue;
                }
                let Some(NumberOrString::String(id)) = &d.code else {
                    continue;
                };
                let rule = settings.as_ref().and_then(|s| s.rules.get(id));
                let mut text = format!("**{id}**: {}", d.message);
                if let Some(r) = rule {
                    if let Some(desc) = &r.description {
                        text.push_str(&format!("\n\n{}", crate::lexicon::squeeze(desc)));
                    }
                    if let Some(std) = &r.standard {
                        text.push_str(&format!("\n\n*Standard:* {}", crate::lexicon::squeeze(std)));
                    }
                }
                parts.push(text);
            }
        }
        let a = self.analysis(uri)?;
        for q in &a.quotes {
            let span = a.doc.raw_span(q.quote.span);
            if q.kind == QuoteKind::Term || !(span.start <= at && at <= span.end) {
                continue;
            }
            let kind = match q.kind {
                QuoteKind::Direct => "direct quote",
                QuoteKind::Partial => "partial quote",
                _ => "quote",
            };
            let text = match &q.speaker {
                Some(s) => {
                    let mut t = format!("**{kind}**: said by **{}**", s.text);
                    if let Some(r) = s.refers_to.as_deref().filter(|r| *r != s.text) {
                        t.push_str(&format!(" → {r}"));
                    }
                    t.push_str(&format!(" ({})", s.class.as_str()));
                    if let Some(c) = &q.cue {
                        t.push_str(&format!(", cue “{c}”"));
                    }
                    t
                }
                None => format!("**{kind}**: no speaker found"),
            };
            parts.push(text);
        }
        (!parts.is_empty()).then(|| Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: parts.join("\n\n---\n\n"),
            }),
            range: None,
        })
    }

    /// Code actions for the diagnostics the editor names: disable the rule for the next line,
    /// or for the file, with the inline-suppression comment of the file's syntax.
    pub fn code_actions(&mut self, p: &CodeActionParams) -> Vec<CodeActionOrCommand> {
        let uri = &p.text_document.uri;
        let Some(doc) = self.docs.get(uri) else {
            return Vec::new();
        };
        let comment = |directive: String| match doc.format {
            Format::Text => format!("{directive}\n"),
            _ => format!("<!-- {directive} -->\n"),
        };
        // The file's directive goes first, after an HTML doctype (a comment before it would put
        // browsers in quirks mode).
        let top = if doc.format == Format::Html
            && doc
                .text
                .trim_start()
                .to_ascii_lowercase()
                .starts_with("<!doctype")
        {
            Position::new(1, 0)
        } else {
            Position::new(0, 0)
        };
        let mut out = Vec::new();
        for d in &p.context.diagnostics {
            let Some(NumberOrString::String(rule)) = &d.code else {
                continue;
            };
            let edit = |title: String, at: Position, text: String| {
                CodeActionOrCommand::CodeAction(CodeAction {
                    title,
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![d.clone()]),
                    edit: Some(WorkspaceEdit {
                        changes: Some(HashMap::from([(
                            uri.clone(),
                            vec![TextEdit::new(Range::new(at, at), text)],
                        )])),
                        ..Default::default()
                    }),
                    ..Default::default()
                })
            };
            out.push(edit(
                format!("Disable {rule} for this line"),
                Position::new(d.range.start.line, 0),
                comment(format!("attrib-disable-next-line {rule}")),
            ));
            out.push(edit(
                format!("Disable {rule} for this file"),
                top,
                comment(format!("attrib-disable {rule}")),
            ));
        }
        out
    }

    /// The outline: one symbol per speaker (by whom the speaker is), holding that speaker's
    /// quotes in document order; quotes with no speaker come under "(no speaker)".
    pub fn symbols(&mut self, uri: &Url) -> Option<DocumentSymbolResponse> {
        let a = self.analysis(uri)?;
        let lines = Lines::new(&self.docs.get(uri)?.text);
        let mut groups: Vec<(String, Vec<DocumentSymbol>)> = Vec::new();
        for q in a.quotes.iter().filter(|q| q.kind != QuoteKind::Term) {
            let span = a.doc.raw_span(q.quote.span);
            let range = Range::new(lines.position(span.start), lines.position(span.end));
            let who = q.speaker.as_ref().map_or_else(
                || "(no speaker)".to_owned(),
                |s| s.refers_to.clone().unwrap_or_else(|| s.text.clone()),
            );
            let inner = crate::rules::engine::clip(q.quote.inner.of(&a.doc.text), 60);
            let class = q.speaker.as_ref().map_or("none", |s| s.class.as_str());
            #[allow(deprecated)]
            let sym = DocumentSymbol {
                name: format!("“{inner}”"),
                detail: Some(class.to_owned()),
                kind: SymbolKind::STRING,
                tags: None,
                deprecated: None,
                range,
                selection_range: range,
                children: None,
            };
            match groups.iter_mut().find(|(w, _)| *w == who) {
                Some((_, list)) => list.push(sym),
                None => groups.push((who, vec![sym])),
            }
        }
        #[allow(deprecated)]
        let out = groups
            .into_iter()
            .map(|(who, children)| {
                let range = Range::new(
                    children.first().map(|c| c.range.start).unwrap_or_default(),
                    children.last().map(|c| c.range.end).unwrap_or_default(),
                );
                DocumentSymbol {
                    name: who,
                    detail: Some(format!("{} quotes", children.len())),
                    kind: SymbolKind::OBJECT,
                    tags: None,
                    deprecated: None,
                    range,
                    selection_range: children.first().map_or(range, |c| c.range),
                    children: Some(children),
                }
            })
            .collect();
        Some(DocumentSymbolResponse::Nested(out))
    }

    /// Open `text` as `uri` (as `textDocument/didOpen` does) and return its diagnostics: for
    /// tests and benchmarks.
    pub fn open(&mut self, uri: Url, text: String, version: i32) -> Vec<Diagnostic> {
        let format = format_of(&uri, "");
        self.insert(uri.clone(), text, version, format);
        self.check(&uri).unwrap_or_default()
    }

    fn insert(&mut self, uri: Url, text: String, version: i32, format: Format) {
        self.docs.insert(
            uri,
            Doc {
                text,
                version,
                format,
                analysis: None,
                published: None,
            },
        );
    }
}

fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        _ => DiagnosticSeverity::INFORMATION,
    }
}

/// The document's format from its path's extension, else from the editor's language id.
fn format_of(uri: &Url, language_id: &str) -> Format {
    let by_path = uri.to_file_path().ok().map(|p| Format::from_path(&p));
    match by_path {
        Some(f) if f != Format::Text => f,
        _ => Format::from_name(language_id),
    }
}

fn diagnostics_notification(
    uri: Url,
    diagnostics: Vec<Diagnostic>,
    version: Option<i32>,
) -> Notification {
    Notification::new(
        PublishDiagnostics::METHOD.to_owned(),
        PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        },
    )
}

fn parse<P: serde::de::DeserializeOwned>(req: Request) -> Result<P, (ErrorCode, String)> {
    serde_json::from_value(req.params)
        .map_err(|e| (ErrorCode::InvalidParams, format!("{}: {e}", req.method)))
}

fn json<T: serde::Serialize>(value: T) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or(serde_json::Value::Null)
}

/// Byte offsets and LSP positions (line, UTF-16 code unit) of one text, over the lines of
/// [`LineIndex`] (`\n`, `\r\n` and a lone `\r` each end a line, as the protocol counts them).
#[derive(Debug)]
struct Lines<'a> {
    text: &'a str,
    index: LineIndex,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        Lines {
            text,
            index: LineIndex::new(text),
        }
    }

    /// The position of byte `offset` (moved back to a character boundary).
    fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.index.line_of(offset);
        let start = self.index.line_span(self.text, line).start;
        let col = self.text[start..offset].encode_utf16().count();
        Position::new(line as u32 - 1, col as u32)
    }

    /// The byte offset of `pos`; a column past the line's end is its end, a line past the
    /// text's end is the text's end.
    fn offset(&self, pos: Position) -> usize {
        let line = pos.line as usize + 1;
        if line > self.index.line_count() {
            return self.text.len();
        }
        let span = self.index.line_span(self.text, line);
        // (A position inside a character's surrogate pair is that character's start.)
        let mut units = 0u32;
        for (i, c) in self.text[span.start..span.end].char_indices() {
            units += c.len_utf16() as u32;
            if units > pos.character {
                return span.start + i;
            }
        }
        span.end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_utf16_units_and_every_line_end() {
        let text = "a\r\nb€😀c\rd\n";
        let lines = Lines::new(text);
        // "b" and "€" are one UTF-16 unit each, "😀" two: "c" is at unit 4.
        let c = text.find('c').unwrap();
        assert_eq!(lines.position(c), Position::new(1, 4));
        assert_eq!(lines.offset(Position::new(1, 4)), c);
        // A position inside the surrogate pair of "😀" is the character's start.
        assert_eq!(lines.offset(Position::new(1, 3)), text.find('😀').unwrap());
        assert_eq!(lines.position(text.find('d').unwrap()), Position::new(2, 0));
        // Past the end of a line or of the text.
        assert_eq!(lines.offset(Position::new(0, 9)), 1);
        assert_eq!(lines.offset(Position::new(9, 0)), text.len());
    }
}
