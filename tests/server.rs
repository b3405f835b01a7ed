//! `attrib server` as an editor meets it: the binary started as a process, spoken to in
//! JSON-RPC over stdin and stdout (initialize, didOpen, didChange, hover, codeAction,
//! documentSymbol, shutdown, exit), every reply asserted.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use serde_json::{Value, json};

struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    next_id: i64,
}

impl Client {
    fn start() -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_attrib"))
            .arg("server")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("attrib server starts");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, messages) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            loop {
                let mut len = None;
                loop {
                    let mut line = String::new();
                    if r.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length: ") {
                        len = v.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; len.expect("a Content-Length header")];
                if r.read_exact(&mut body).is_err() {
                    return;
                }
                let v: Value = serde_json::from_slice(&body).expect("JSON from the server");
                if tx.send(v).is_err() {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            messages,
            next_id: 0,
        }
    }

    fn send(&mut self, msg: &Value) {
        let body = msg.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        self.stdin.flush().expect("flush");
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Send a request and wait for its response (notifications before it are kept).
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let m = self.next();
            if m["id"] == json!(id) {
                assert!(m.get("error").is_none(), "{method} failed: {m}");
                return m["result"].clone();
            }
        }
    }

    fn next(&mut self) -> Value {
        self.messages
            .recv_timeout(Duration::from_secs(30))
            .expect("the server answers within 30 s")
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Value {
        loop {
            let m = self.next();
            if m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri {
                return m["params"].clone();
            }
        }
    }

    fn initialize(&mut self) -> Value {
        let r = self.request("initialize", json!({"capabilities": {}, "processId": null}));
        self.notify("initialized", json!({}));
        r
    }

    fn shutdown(mut self) {
        assert_eq!(self.request("shutdown", Value::Null), Value::Null);
        self.notify("exit", Value::Null);
        let status = self.child.wait().expect("the server exits");
        assert!(status.success(), "attrib server exited with {status}");
    }
}

fn codes(d: &Value) -> Vec<String> {
    d["diagnostics"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|x| x["code"].as_str().unwrap_or("").to_owned())
        .collect()
}

const STORY: &str = "The council met on Monday.\n\nA senior official said the budget \"will not survive the vote\" this week.\n\n\"We are ready,\" said Mayor Ana Ruiz.\n";

#[test]
fn an_editor_session_from_open_to_exit() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("story.md");
    std::fs::write(&path, STORY).expect("write");
    let uri = format!("file://{}", path.display());

    let mut c = Client::start();
    let init = c.initialize();
    let caps = &init["capabilities"];
    assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental sync");
    assert_eq!(caps["hoverProvider"], true);
    assert_eq!(caps["codeActionProvider"], true);
    assert_eq!(caps["documentSymbolProvider"], true);
    assert_eq!(init["serverInfo"]["name"], "attrib");

    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": STORY}}),
    );
    let d = c.diagnostics(&uri);
    assert_eq!(d["version"], 1);
    assert!(codes(&d).contains(&"anonymous-source".to_owned()), "{d}");
    let anon = d["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["code"] == "anonymous-source")
        .unwrap()
        .clone();
    // Line 3 (0-based 2), from "A senior official".
    assert_eq!(anon["range"]["start"], json!({"line": 2, "character": 0}));
    assert_eq!(anon["source"], "attrib");
    assert!(
        anon["codeDescription"]["href"]
            .as_str()
            .unwrap()
            .ends_with("docs/rules.md#anonymous-source")
    );

    // Name the source, by an incremental edit: "A senior official" -> "Budget chief Ola Berg".
    c.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{
                "range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 17}},
                "text": "Budget chief Ola Berg"
            }]
        }),
    );
    let d = c.diagnostics(&uri);
    assert_eq!(d["version"], 2);
    assert!(!codes(&d).contains(&"anonymous-source".to_owned()), "{d}");

    // Hover on the mayor's quote (line 4, 0-based), inside "We are ready".
    let hover = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 4, "character": 3}}),
    );
    let text = hover["contents"]["value"].as_str().expect("markdown hover");
    assert!(text.contains("Mayor Ana Ruiz"), "{text}");
    assert!(text.contains("named_person"), "{text}");

    // The outline groups quotes by speaker.
    let symbols = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    let names: Vec<&str> = symbols
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"Budget chief Ola Berg"), "{names:?}");
    assert!(names.contains(&"Mayor Ana Ruiz"), "{names:?}");

    // Back to the unnamed source, then ask for the fixes of its diagnostic.
    c.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri, "version": 3},
            "contentChanges": [{"text": STORY}]
        }),
    );
    let d = c.diagnostics(&uri);
    let anon = d["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["code"] == "anonymous-source")
        .expect("the finding is back")
        .clone();
    let actions = c.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri},
            "range": anon["range"],
            "context": {"diagnostics": [anon]}
        }),
    );
    let actions = actions.as_array().unwrap();
    assert_eq!(actions.len(), 2, "{actions:?}");
    let edit = |i: usize| actions[i]["edit"]["changes"][&uri][0].clone();
    assert_eq!(
        edit(0)["newText"],
        "<!-- attrib-disable-next-line anonymous-source -->\n"
    );
    assert_eq!(
        edit(0)["range"]["start"],
        json!({"line": 2, "character": 0})
    );
    assert_eq!(
        edit(1)["newText"],
        "<!-- attrib-disable anonymous-source -->\n"
    );
    assert_eq!(
        edit(1)["range"]["start"],
        json!({"line": 0, "character": 0})
    );

    // The next-line comment, applied, silences the finding.
    let fixed = STORY.replacen(
        "A senior",
        "<!-- attrib-disable-next-line anonymous-source -->\nA senior",
        1,
    );
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 4}, "contentChanges": [{"text": fixed}]}),
    );
    let d = c.diagnostics(&uri);
    assert!(!codes(&d).contains(&"anonymous-source".to_owned()), "{d}");

    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    let d = c.diagnostics(&uri);
    assert_eq!(d["diagnostics"], json!([]));
    c.shutdown();
}

#[test]
fn a_broken_config_is_one_diagnostic_and_a_fixed_one_is_reloaded() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = dir.path().join(".attrib.yaml");
    std::fs::write(&config, "packs: [core\n").expect("write");
    let path = dir.path().join("story.txt");
    std::fs::write(&path, STORY).expect("write");
    let uri = format!("file://{}", path.display());

    let mut c = Client::start();
    c.initialize();
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": STORY}}),
    );
    let d = c.diagnostics(&uri);
    let list = d["diagnostics"].as_array().unwrap();
    assert_eq!(list.len(), 1, "{d}");
    assert_eq!(
        list[0]["range"]["start"],
        json!({"line": 0, "character": 0})
    );
    assert_eq!(list[0]["severity"], 1);
    let message = list[0]["message"].as_str().unwrap();
    assert!(message.contains(".attrib.yaml"), "{message}");

    // The config is mended (a later modification time): the next check loads it.
    std::thread::sleep(Duration::from_millis(20));
    std::fs::write(&config, "packs: [core]\ndisable: [anonymous-source]\n").expect("write");
    let later = std::time::SystemTime::now() + Duration::from_secs(2);
    let f = std::fs::File::options().write(true).open(&config).unwrap();
    f.set_modified(later).unwrap();
    drop(f);
    c.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri}}),
    );
    let d = c.diagnostics(&uri);
    // No settings error, and the rule the mended config disables is gone (with no config it
    // fires on this story: the first test).
    let got = codes(&d);
    assert!(got.iter().all(|c| !c.is_empty()), "{d}");
    assert!(!got.contains(&"anonymous-source".to_owned()), "{d}");
    c.shutdown();
}

#[test]
fn unknown_requests_get_an_error_not_a_crash() {
    let mut c = Client::start();
    c.initialize();
    c.next_id += 1;
    let id = c.next_id;
    c.send(&json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/rename", "params": {}}));
    let m = c.next();
    assert_eq!(m["id"], json!(id));
    assert_eq!(m["error"]["code"], -32601);
    // Hover on a document that is not open: no hover.
    let r = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///nowhere.txt"}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(r, Value::Null);
    c.shutdown();
}
