//! The language server, spoken to over an in-memory connection exactly as an editor would:
//! initialize (with position-encoding negotiation), open, edit, hover, code actions,
//! configuration changes, shutdown.

use std::thread;
use std::time::Duration;

use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::{Value, json};

struct Client {
    conn: Connection,
    server: Option<thread::JoinHandle<()>>,
    next_id: i32,
}

impl Client {
    fn start(capabilities: Value, options: Value) -> (Client, Value) {
        let (server_side, client_side) = Connection::memory();
        let server = thread::spawn(move || {
            fairlint::lsp::serve(&server_side).expect("server runs");
        });
        let mut client = Client {
            conn: client_side,
            server: Some(server),
            next_id: 0,
        };
        let result = client.request(
            "initialize",
            json!({"capabilities": capabilities, "initializationOptions": options, "processId": null, "rootUri": null}),
        );
        client.notify("initialized", json!({}));
        (client, result)
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        self.conn
            .sender
            .send(Message::Request(Request::new(
                id.clone(),
                method.into(),
                params,
            )))
            .unwrap();
        loop {
            match self
                .conn
                .receiver
                .recv_timeout(Duration::from_secs(10))
                .expect("a response")
            {
                Message::Response(r) if r.id == id => match r.response_result {
                    Ok(value) => return value,
                    Err(err) => panic!("{method} failed: {err:?}"),
                },
                _ => {}
            }
        }
    }

    fn notify(&self, method: &str, params: Value) {
        self.conn
            .sender
            .send(Message::Notification(Notification::new(
                method.into(),
                params,
            )))
            .unwrap();
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&self, uri: &str) -> Vec<Value> {
        loop {
            let message = self
                .conn
                .receiver
                .recv_timeout(Duration::from_secs(10))
                .expect("diagnostics");
            if let Message::Notification(n) = message
                && n.method == "textDocument/publishDiagnostics"
                && n.params["uri"] == uri
            {
                return n.params["diagnostics"].as_array().unwrap().clone();
            }
        }
    }

    fn open(&self, uri: &str, text: &str) -> Vec<Value> {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
        );
        self.diagnostics(uri)
    }

    fn shutdown(mut self) {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        self.server.take().unwrap().join().unwrap();
    }
}

const URI: &str = "file:///tmp/fairlint-lsp-test/story.md";

const STORY: &str = "# 😀 Harbour strike\n\nThe strike entered its tenth day, officials told Al Jazeera.\n\n“We will stay out,” said Mira Holt.\n\nPrices rose 12% in a week.\n\nSources: Reuters\n";

fn rules(diagnostics: &[Value]) -> Vec<String> {
    let mut rules: Vec<String> = diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect();
    rules.sort();
    rules
}

fn find<'a>(diagnostics: &'a [Value], rule: &str) -> &'a Value {
    diagnostics
        .iter()
        .find(|d| d["code"] == rule)
        .unwrap_or_else(|| panic!("no {rule} in {diagnostics:?}"))
}

fn no_debounce() -> Value {
    json!({"debounceMs": 0})
}

#[test]
fn negotiates_utf8_when_offered_and_utf16_otherwise() {
    let (client, result) = Client::start(
        json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}}),
        no_debounce(),
    );
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-8");
    client.shutdown();
    let (client, result) = Client::start(json!({}), no_debounce());
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(
        result["capabilities"]["textDocumentSync"]["change"], 2,
        "incremental sync"
    );
    client.shutdown();
}

#[test]
fn publishes_diagnostics_with_utf16_ranges() {
    let (client, _) = Client::start(json!({}), no_debounce());
    let diagnostics = client.open(URI, STORY);
    assert_eq!(
        rules(&diagnostics),
        ["figure-unattributed", "source-unlisted"]
    );
    let unlisted = find(&diagnostics, "source-unlisted");
    // Line 2 (0-based): "The strike entered its tenth day, officials told Al Jazeera."
    let line = "The strike entered its tenth day, officials told ";
    assert_eq!(
        unlisted["range"]["start"],
        json!({"line": 2, "character": line.encode_utf16().count()})
    );
    assert_eq!(unlisted["source"], "fairlint");
    assert_eq!(unlisted["severity"], 2);
    assert!(
        unlisted["codeDescription"]["href"]
            .as_str()
            .unwrap()
            .contains("source-unlisted")
    );
    client.shutdown();
}

#[test]
fn utf8_positions_when_negotiated() {
    let text = "“Café” 😀 prices rose 12% last year.\n\nSources: Reuters\n";
    let (client, _) = Client::start(
        json!({"general": {"positionEncodings": ["utf-8"]}}),
        no_debounce(),
    );
    let diagnostics = client.open(URI, text);
    let figure = find(&diagnostics, "figure-unattributed");
    let byte = text.find("12%").unwrap();
    assert_eq!(figure["range"]["start"]["character"], byte);
    client.shutdown();
}

#[test]
fn incremental_changes_update_diagnostics() {
    let (client, _) = Client::start(json!({}), no_debounce());
    client.open(URI, STORY);
    // Attribute the figure: replace "in a week." with "in a week, Reuters reported."
    let line = "Prices rose 12% in a week.";
    let start = line.find(" week.").unwrap() + " week".len();
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": URI, "version": 2},
            "contentChanges": [{"range": {"start": {"line": 6, "character": start}, "end": {"line": 6, "character": start + 1}}, "text": ", Reuters reported."}]
        }),
    );
    let diagnostics = client.diagnostics(URI);
    assert_eq!(rules(&diagnostics), ["source-unlisted"]);
    client.shutdown();
}

#[test]
fn hover_shows_the_finding_and_the_source_entry() {
    let (mut client, _) = Client::start(json!({}), no_debounce());
    let text = "Prices rose 12% in a week, Reuters reported.\n\n## Sources\n\n- [Prices climb again](https://example.org/p) — Reuters\n";
    client.open(URI, text);
    let character = "Prices rose 1".encode_utf16().count();
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": {"line": 0, "character": character}}),
    );
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(value.contains("Figure"), "{value}");
    assert!(value.contains("Reuters"), "{value}");
    assert!(value.contains("Prices climb again"), "{value}");
    assert!(value.contains("https://example.org/p"), "{value}");
    client.shutdown();
}

#[test]
fn hover_on_an_unlisted_outlet_shows_the_list() {
    let (mut client, _) = Client::start(json!({}), no_debounce());
    client.open(URI, STORY);
    let character = "The strike entered its tenth day, officials told Al"
        .encode_utf16()
        .count();
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": {"line": 2, "character": character}}),
    );
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(value.contains("source-unlisted"), "{value}");
    assert!(value.contains("Source list: Reuters"), "{value}");
    client.shutdown();
}

fn apply_edits(text: &str, action: &Value) -> String {
    let edits = action["edit"]["documentChanges"][0]["edits"]
        .as_array()
        .unwrap();
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    assert_eq!(edits.len(), 1);
    let edit = &edits[0];
    let (line, character) = (
        edit["range"]["start"]["line"].as_u64().unwrap() as usize,
        edit["range"]["start"]["character"].as_u64().unwrap() as usize,
    );
    assert_eq!(edit["range"]["start"], edit["range"]["end"], "an insertion");
    let target = &mut lines[line];
    let units: Vec<u16> = target.encode_utf16().collect();
    let before = String::from_utf16(&units[..character]).unwrap();
    let after = String::from_utf16(&units[character..]).unwrap();
    *target = format!("{before}{}{after}", edit["newText"].as_str().unwrap());
    lines.join("\n")
}

#[test]
fn code_action_adds_the_outlet_to_the_source_list() {
    let (mut client, _) = Client::start(json!({}), no_debounce());
    let diagnostics = client.open(URI, STORY);
    let unlisted = find(&diagnostics, "source-unlisted").clone();
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": URI}, "range": unlisted["range"], "context": {"diagnostics": [unlisted]}}),
    );
    let add = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with("Add “Al Jazeera”"))
        .expect("an add-to-list action");
    assert_eq!(add["kind"], "quickfix");
    let fixed = apply_edits(STORY, add);
    assert!(fixed.contains("Sources: Reuters, Al Jazeera\n"), "{fixed}");
    client.shutdown();
}

#[test]
fn code_action_disables_the_rule_on_the_next_line() {
    let (mut client, _) = Client::start(json!({}), no_debounce());
    let diagnostics = client.open(URI, STORY);
    let figure = find(&diagnostics, "figure-unattributed").clone();
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": URI}, "range": figure["range"], "context": {"diagnostics": [figure]}}),
    );
    let disable = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == "Disable figure-unattributed for this line")
        .expect("a disable action");
    let fixed = apply_edits(STORY, disable);
    assert!(
        fixed.contains("<!-- fairlint-disable-next-line figure-unattributed -->\nPrices rose 12%"),
        "{fixed}"
    );
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 2}, "contentChanges": [{"text": fixed}]}),
    );
    assert!(!rules(&client.diagnostics(URI)).contains(&"figure-unattributed".to_string()));
    client.shutdown();
}

#[test]
fn configuration_from_the_client_changes_rules() {
    let options = json!({"debounceMs": 0, "rules": {"source-unused": "off"}});
    let (client, _) = Client::start(json!({}), options);
    let diagnostics = client.open(URI, STORY);
    assert_eq!(
        rules(&diagnostics),
        ["figure-unattributed", "source-unlisted"]
    );
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"fairlint": {"debounceMs": 0, "rules": {
            "figure-unattributed": "off",
            "source-unused": {"without-original": true}
        }}}}),
    );
    assert_eq!(
        rules(&client.diagnostics(URI)),
        ["source-unlisted", "source-unused"]
    );
    client.shutdown();
}

/// The archive an editor shares with CI: a document that copies an archived text it does not
/// credit gets the same source-undeclared finding as `fairlint check --archive`.
#[test]
fn documents_are_checked_against_the_archive() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("lsp-archive");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let location = dir.join("archive.db").display().to_string();
    let added = std::process::Command::new(env!("CARGO_BIN_EXE_fairlint"))
        .args([
            "archive",
            "add",
            "--archive",
            &location,
            "examples/archive/texts",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(added.status.success(), "{added:?}");
    let story = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/archive/story.md"),
    )
    .unwrap();
    let (client, _) = Client::start(json!({}), json!({"debounceMs": 0, "archive": location}));
    let diagnostics = client.open(URI, &story);
    let undeclared = find(&diagnostics, "source-undeclared");
    assert!(
        undeclared["message"]
            .as_str()
            .unwrap()
            .contains("2025-04-02-harbour-wire-ferry-fares.md"),
        "{undeclared}"
    );
    // Without the archive, the same document has no copy findings.
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"fairlint": {"debounceMs": 0}}}),
    );
    let after = client.diagnostics(URI);
    assert!(
        after
            .iter()
            .all(|d| !d["code"].as_str().unwrap().starts_with("copy-")
                && d["code"] != "source-undeclared"),
        "{after:?}"
    );
    client.shutdown();
}

#[test]
fn a_broken_document_does_not_stop_the_server() {
    let (client, _) = Client::start(json!({}), no_debounce());
    client.open(
        "file:///tmp/fairlint-lsp-test/broken.md",
        "---\nsources: [\n---\n\u{0}“”‘’«»„“\n",
    );
    let diagnostics = client.open(URI, STORY);
    assert!(!diagnostics.is_empty());
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": URI}}),
    );
    assert!(
        client.diagnostics(URI).is_empty(),
        "closing clears diagnostics"
    );
    client.shutdown();
}

#[test]
fn debounce_publishes_once_after_a_burst_of_edits() {
    let (client, _) = Client::start(json!({}), json!({"debounceMs": 150}));
    client.open(URI, STORY);
    for version in 2..6 {
        client.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": URI, "version": version}, "contentChanges": [{"text": STORY}]}),
        );
    }
    let start = std::time::Instant::now();
    let _ = client.diagnostics(URI);
    assert!(
        start.elapsed() >= Duration::from_millis(100),
        "published before the debounce"
    );
    // Nothing else is queued: the burst produced one publication.
    assert!(
        client
            .conn
            .receiver
            .recv_timeout(Duration::from_millis(400))
            .is_err()
    );
    client.shutdown();
}

/// Input problems reach the editor as they reach the terminal: broken front matter and an
/// original that is not there are `input` diagnostics on their lines.
#[test]
fn input_problems_are_diagnostics() {
    let (client, _) = Client::start(json!({}), no_debounce());
    let broken = client.open(
        "file:///tmp/fairlint-lsp-test/broken.md",
        "---\nsources: [unclosed\n---\nPrices rose 12% last year.\n",
    );
    let input: Vec<&Value> = broken.iter().filter(|d| d["code"] == "input").collect();
    assert_eq!(input.len(), 1, "{broken:?}");
    assert!(
        input[0]["message"]
            .as_str()
            .unwrap()
            .contains("front matter"),
        "{input:?}"
    );
    assert_eq!(input[0]["range"]["start"]["line"], 2, "{input:?}");

    let dir = std::env::temp_dir().join(format!("fairlint-lsp-missing-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // The folder is a project of its own, so the original is looked for inside it.
    std::fs::write(dir.join(".fairlint.yaml"), "").unwrap();
    let uri = format!("file://{}/story.md", dir.display());
    let missing = client.open(
        &uri,
        "---\nsources:\n  - name: Valley Courier\n    original: nowhere.txt\n---\nThe mill will close, the Valley Courier reported.\n",
    );
    assert!(
        missing.iter().any(|d| d["code"] == "input"
            && d["message"].as_str().unwrap().contains("nowhere.txt")),
        "{missing:?}"
    );
    client.shutdown();
    let _ = std::fs::remove_dir_all(&dir);
}

const FERRY: &str = "Ferry fares rose 12% in March and freight charges climbed 3% over the winter.\n\nSOURCES: Harbour Wire\n";

/// A project folder of its own under the target dir, with `desk/ferry.txt`.
fn ferry_project(name: &str, config: Option<&str>) -> (std::path::PathBuf, String) {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("desk")).unwrap();
    std::fs::create_dir_all(dir.join(".git")).unwrap();
    if let Some(config) = config {
        std::fs::write(dir.join(".fairlint.yaml"), config).unwrap();
    }
    let article = dir.join("desk/ferry.txt");
    std::fs::write(&article, FERRY).unwrap();
    let uri = fairlint::emit::lsp::file_uri(&article).unwrap();
    (dir, uri.as_str().to_string())
}

/// The figure-unattributed finding on `figure` and the code actions offered on it.
fn actions_on_figure(client: &mut Client, uri: &str, figure: &str) -> Vec<Value> {
    let diagnostics = client.open(uri, FERRY);
    let finding = diagnostics
        .iter()
        .find(|d| {
            d["code"] == "figure-unattributed" && d["message"].as_str().unwrap().contains(figure)
        })
        .expect("the figure's finding")
        .clone();
    client
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": finding["range"], "context": {"diagnostics": [finding]}}),
        )
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn plain_text_is_silenced_in_the_config_never_in_the_copy() {
    let (dir, uri) = ferry_project("lsp-plain-suppress", Some("rules:\n  source-unused: off\n"));
    let (mut client, _) = Client::start(json!({}), no_debounce());
    let actions = actions_on_figure(&mut client, &uri, "12%");
    assert!(
        !actions
            .iter()
            .any(|a| a["title"].as_str().unwrap().ends_with("for this line")),
        "a comment would be published with plain text: {actions:?}"
    );
    let silence = actions
        .iter()
        .find(|a| a["title"] == "Disable figure-unattributed for this finding in .fairlint.yaml")
        .expect("a config suppression");
    let change = &silence["edit"]["documentChanges"][0];
    let config = dir.join(".fairlint.yaml");
    let config_uri = fairlint::emit::lsp::file_uri(&config).unwrap();
    assert_eq!(change["textDocument"]["uri"], config_uri.as_str());
    let before = std::fs::read_to_string(&config).unwrap();
    let after = apply_edits(&before, silence);
    assert!(
        after.ends_with(
            "suppress:\n  - {path: \"desk/ferry.txt\", rule: figure-unattributed, text: \"12%\"}\n"
        ),
        "{after}"
    );
    std::fs::write(&config, &after).unwrap();
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": config_uri.as_str()}}),
    );
    let left = client.diagnostics(&uri);
    let figures: Vec<&str> = left
        .iter()
        .filter(|d| d["code"] == "figure-unattributed")
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert_eq!(figures.len(), 1, "{left:?}");
    assert!(figures[0].contains("3%"), "{figures:?}");
    client.shutdown();
}

#[test]
fn plain_text_without_a_config_gets_one_created() {
    let (dir, uri) = ferry_project("lsp-plain-suppress-new", None);
    let (mut client, _) = Client::start(json!({}), no_debounce());
    let actions = actions_on_figure(&mut client, &uri, "3%");
    let silence = actions
        .iter()
        .find(|a| a["title"] == "Disable figure-unattributed for this finding in .fairlint.yaml")
        .expect("a config suppression");
    let changes = silence["edit"]["documentChanges"].as_array().unwrap();
    let config_uri = fairlint::emit::lsp::file_uri(&dir.join(".fairlint.yaml")).unwrap();
    assert_eq!(changes[0]["kind"], "create");
    assert_eq!(changes[0]["uri"], config_uri.as_str());
    assert_eq!(
        changes[1]["edits"][0]["newText"],
        "suppress:\n  - {path: \"desk/ferry.txt\", rule: figure-unattributed, text: \"3%\"}\n"
    );
    client.shutdown();
}

/// Issue #9 item 8: an archive server that accepts the connection and never answers must not
/// hang the editor: the server says so and goes on checking without the archive.
#[cfg(feature = "postgres")]
#[test]
fn an_archive_that_never_answers_does_not_hang_the_server() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    // Accepts and holds every connection, answering nothing.
    thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming() {
            held.push(stream);
        }
    });
    let location = format!("postgres://fairlint@127.0.0.1:{port}/news?connect_timeout=1");
    let started = std::time::Instant::now();
    let (mut client, _) = Client::start(json!({}), json!({"debounceMs": 0, "archive": location}));
    let diagnostics = client.open(URI, STORY);
    assert!(rules(&diagnostics).contains(&"figure-unattributed".to_string()));
    assert!(
        started.elapsed() < Duration::from_secs(8),
        "took {:?}",
        started.elapsed()
    );
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": {"line": 0, "character": 0}}),
    );
    let _ = hover;
    client.shutdown();
}
