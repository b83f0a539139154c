//! The language server against a hostile or broken client, over a real pipe to the binary: one
//! test per way a client can get the protocol wrong. The server must answer (or log) and keep
//! serving; only `exit` ends it, with 0 after `shutdown` and 1 without.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// Long enough for a debug build on a busy machine; a hang fails instead of stalling the suite.
const DEADLINE: Duration = Duration::from_secs(60);

struct Server {
    child: Child,
    stdin: Option<ChildStdin>,
    messages: Receiver<Value>,
}

impl Server {
    fn start() -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_fairlint"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("fairlint lsp starts");
        let stdin = child.stdin.take();
        let stdout = child.stdout.take().expect("stdout");
        let (tx, messages) = channel();
        thread::spawn(move || {
            let mut out = BufReader::new(stdout);
            while let Some(message) = read_frame(&mut out) {
                if tx.send(message).is_err() {
                    break;
                }
            }
        });
        Server {
            child,
            stdin,
            messages,
        }
    }

    /// Started and initialized, debounce off.
    fn ready() -> Server {
        let mut server = Server::start();
        server.send(&json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
            "params": {"capabilities": {}, "initializationOptions": {"debounceMs": 0}}}));
        let response = server.response(1);
        assert!(response["result"]["capabilities"].is_object(), "{response}");
        server.send(&json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
        server
    }

    fn raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(bytes).expect("server reads");
        stdin.flush().expect("flush");
    }

    fn send(&mut self, message: &Value) {
        let body = message.to_string();
        self.raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    }

    /// The next message that matches, within the deadline.
    fn wait_for(&self, what: &str, matches: impl Fn(&Value) -> bool) -> Value {
        let end = Instant::now() + DEADLINE;
        loop {
            let left = end.saturating_duration_since(Instant::now());
            match self.messages.recv_timeout(left) {
                Ok(message) if matches(&message) => return message,
                Ok(_) => {}
                Err(RecvTimeoutError::Timeout) => panic!("no {what} within {DEADLINE:?}"),
                Err(RecvTimeoutError::Disconnected) => panic!("server closed before {what}"),
            }
        }
    }

    fn response(&self, id: i64) -> Value {
        self.wait_for(&format!("response {id}"), |m| {
            m["id"] == id && m.get("method").is_none()
        })
    }

    /// An error response without an id (the frame could not be read far enough for one).
    fn error_without_id(&self) -> Value {
        self.wait_for("an error without id", |m| {
            m["id"].is_null() && m.get("error").is_some()
        })
    }

    /// Proves the server still serves: a request it answers.
    fn still_serves(&mut self, id: i64) {
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/hover",
            "params": {"textDocument": {"uri": "file:///tmp/none.md"}, "position": {"line": 0, "character": 0}}}));
        let response = self.response(id);
        assert!(response.get("result").is_some(), "{response}");
    }

    fn exit_code(mut self) -> i32 {
        let end = Instant::now() + DEADLINE;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status.code().expect("exited, not killed");
            }
            if Instant::now() > end {
                let _ = self.child.kill();
                panic!("the server did not exit within {DEADLINE:?}");
            }
            thread::sleep(Duration::from_millis(20));
        }
    }

    fn shutdown_and_exit(mut self) -> i32 {
        self.send(&json!({"jsonrpc": "2.0", "id": 9999, "method": "shutdown"}));
        self.response(9999);
        self.send(&json!({"jsonrpc": "2.0", "method": "exit"}));
        self.exit_code()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn read_frame(out: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if out.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(n) = line.strip_prefix("Content-Length: ") {
            length = n.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    out.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

fn code(message: &Value) -> i64 {
    message["error"]["code"]
        .as_i64()
        .unwrap_or_else(|| panic!("not an error: {message}"))
}

#[test]
fn a_body_that_is_not_json_gets_a_parse_error() {
    let mut server = Server::ready();
    let body = "{\"jsonrpc\": \"2.0\", \"id\": 2, \"method\": ";
    server.raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    assert_eq!(code(&server.error_without_id()), -32700);
    server.still_serves(3);
    assert_eq!(server.shutdown_and_exit(), 0);
}

#[test]
fn a_frame_without_content_length_gets_a_parse_error_and_the_reader_resynchronises() {
    let mut server = Server::ready();
    server.raw(b"Content-Type: application/json\r\n\r\n{\"jsonrpc\": \"2.0\", \"id\": 2}");
    assert_eq!(code(&server.error_without_id()), -32700);
    server.still_serves(3);
    assert_eq!(server.shutdown_and_exit(), 0);
}

#[test]
fn a_wrong_content_length_gets_a_parse_error_and_the_reader_resynchronises() {
    let mut server = Server::ready();
    let body = r#"{"jsonrpc": "2.0", "method": "initialized", "params": {}}"#;
    // Too short: the rest of the body is read as headers.
    server.raw(format!("Content-Length: 10\r\n\r\n{body}").as_bytes());
    assert_eq!(code(&server.error_without_id()), -32700);
    server.still_serves(3);
    // Not a number.
    server.raw(format!("Content-Length: -4\r\n\r\n{body}").as_bytes());
    assert_eq!(code(&server.error_without_id()), -32700);
    server.still_serves(4);
    assert_eq!(server.shutdown_and_exit(), 0);
}

#[test]
fn a_huge_content_length_is_refused_before_allocating() {
    let mut server = Server::ready();
    server.raw(b"Content-Length: 1000000000000000\r\n\r\n{}");
    let error = server.error_without_id();
    assert_eq!(code(&error), -32700);
    assert!(
        error["error"]["message"]
            .as_str()
            .unwrap()
            .contains("64 MiB"),
        "{error}"
    );
    server.still_serves(3);
    assert_eq!(server.shutdown_and_exit(), 0);
}

#[test]
fn json_that_is_not_a_message_is_an_invalid_request() {
    let mut server = Server::ready();
    server.send(&json!([1, 2, 3]));
    assert_eq!(code(&server.error_without_id()), -32600);
    server.send(&json!({"jsonrpc": "2.0", "id": 5, "method": 42}));
    assert_eq!(code(&server.response(5)), -32600);
    server.still_serves(6);
    assert_eq!(server.shutdown_and_exit(), 0);
}

#[test]
fn a_request_with_bad_params_gets_invalid_params() {
    let mut server = Server::start();
    // `initialize` with params that are not InitializeParams; the client may try again.
    server.send(&json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": 42}));
    assert_eq!(code(&server.response(1)), -32602);
    server.send(
        &json!({"jsonrpc": "2.0", "id": 2, "method": "initialize", "params": {"capabilities": {}}}),
    );
    assert!(server.response(2)["result"].is_object());
    // Hover without a position; a code action on a URI that is not one.
    server.send(
        &json!({"jsonrpc": "2.0", "id": 3, "method": "textDocument/hover",
        "params": {"textDocument": {"uri": "file:///tmp/a.md"}}}),
    );
    assert_eq!(code(&server.response(3)), -32602);
    server.send(
        &json!({"jsonrpc": "2.0", "id": 4, "method": "textDocument/codeAction",
        "params": {"textDocument": {"uri": "not a uri"}, "range": 7, "context": {}}}),
    );
    assert_eq!(code(&server.response(4)), -32602);
    server.still_serves(5);
    assert_eq!(server.shutdown_and_exit(), 0);
}

#[test]
fn a_notification_with_bad_params_is_logged_and_dropped() {
    let mut server = Server::ready();
    server.send(&json!({"jsonrpc": "2.0", "method": "textDocument/didOpen",
        "params": {"textDocument": {"uri": "::::", "text": 5}}}));
    let log = server.wait_for("a log message", |m| m["method"] == "window/logMessage");
    assert!(
        log["params"]["message"]
            .as_str()
            .unwrap()
            .contains("didOpen"),
        "{log}"
    );
    server.send(&json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": null}));
    server.wait_for("a log message", |m| m["method"] == "window/logMessage");
    server.still_serves(3);
    assert_eq!(server.shutdown_and_exit(), 0);
}

#[test]
fn a_request_after_shutdown_is_an_invalid_request_and_exit_is_clean() {
    let mut server = Server::ready();
    server.send(&json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}));
    assert!(server.response(2)["result"].is_null());
    server.send(&json!({"jsonrpc": "2.0", "id": 3, "method": "textDocument/hover",
        "params": {"textDocument": {"uri": "file:///tmp/a.md"}, "position": {"line": 0, "character": 0}}}));
    assert_eq!(code(&server.response(3)), -32600);
    server.send(&json!({"jsonrpc": "2.0", "method": "exit"}));
    assert_eq!(server.exit_code(), 0);
}

#[test]
fn exit_without_shutdown_exits_with_1() {
    let mut server = Server::ready();
    server.send(&json!({"jsonrpc": "2.0", "method": "exit"}));
    assert_eq!(server.exit_code(), 1);
    // Closing stdin without `exit` is the same as leaving without shutdown.
    let mut server = Server::ready();
    server.stdin.take();
    assert_eq!(server.exit_code(), 1);
}

#[test]
fn a_request_before_initialize_is_refused_and_the_server_waits() {
    let mut server = Server::start();
    server.send(&json!({"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": {}}));
    assert_eq!(code(&server.response(1)), -32002);
    server.send(
        &json!({"jsonrpc": "2.0", "id": 2, "method": "initialize", "params": {"capabilities": {}}}),
    );
    assert!(server.response(2)["result"].is_object());
    assert_eq!(server.shutdown_and_exit(), 0);
}

#[test]
fn a_document_over_16_mib_is_not_checked() {
    let mut server = Server::ready();
    let uri = "file:///tmp/fairlint-protocol/huge.md";
    let text = "Prices rose 12% in a week. ".repeat(17 * 1024 * 1024 / 27 + 1);
    server.send(&json!({"jsonrpc": "2.0", "method": "textDocument/didOpen",
        "params": {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}}));
    let published = server.wait_for("diagnostics", |m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
    });
    let diagnostics = published["params"]["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert!(
        diagnostics[0]["message"]
            .as_str()
            .unwrap()
            .contains("16 MiB"),
        "{diagnostics:?}"
    );
    // Replaced by a small text, it is checked again.
    server.send(&json!({"jsonrpc": "2.0", "method": "textDocument/didChange",
        "params": {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": "Prices rose 12% in a week.\n"}]}}));
    let published = server.wait_for("diagnostics", |m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
    });
    let codes: Vec<&Value> = published["params"]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| &d["code"])
        .collect();
    assert!(codes.contains(&&json!("figure-unattributed")), "{codes:?}");
    assert_eq!(server.shutdown_and_exit(), 0);
}

/// A paragraph of `n` quotes, each with three attribution cues: under the analysis budget at
/// 100, yet slow to attribute (a second or more in a debug build); over it at a few hundred.
fn crowded_paragraph(n: usize) -> String {
    let parts: Vec<String> = (0..n)
        .map(|i| {
            format!(
                "“Word {i} here,” said officials, according to Coastal Wire, who told a harbour \
                 gazette that {} people",
                i * 7
            )
        })
        .collect();
    format!(
        "# Crowded\n\n{}.\n\nSources: Coastal Wire\n",
        parts.join(" ")
    )
}

fn open(server: &mut Server, uri: &str, version: i32, text: &str) {
    server.send(&json!({"jsonrpc": "2.0", "method": "textDocument/didOpen",
        "params": {"textDocument": {"uri": uri, "languageId": "markdown", "version": version, "text": text}}}));
}

fn published(server: &Server, uri: &str) -> Value {
    server.wait_for(&format!("diagnostics for {uri}"), |m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
    })
}

#[test]
fn requests_are_answered_while_a_check_runs() {
    let mut server = Server::ready();
    let small = "file:///tmp/fairlint-protocol/small.md";
    open(&mut server, small, 1, "Prices rose 12% in a week.\n");
    published(&server, small);
    let slow = "file:///tmp/fairlint-protocol/slow.md";
    open(&mut server, slow, 1, &crowded_paragraph(100));
    // Answered before the slow document's check is done, which the loop no longer waits for.
    server.send(
        &json!({"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover",
        "params": {"textDocument": {"uri": small}, "position": {"line": 0, "character": 13}}}),
    );
    server.send(&json!({"jsonrpc": "2.0", "id": 3, "method": "shutdown"}));
    let first = server.wait_for("the hover, the shutdown or diagnostics", |m| {
        m["id"] == 2 || m["id"] == 3 || m["params"]["uri"] == slow
    });
    assert_eq!(first["id"], 2, "the hover waited for the check: {first}");
    let next = server.wait_for("the shutdown or diagnostics", |m| {
        m["id"] == 3 || m["params"]["uri"] == slow
    });
    assert_eq!(next["id"], 3, "shutdown waited for the check: {next}");
    server.send(&json!({"jsonrpc": "2.0", "method": "exit"}));
    assert_eq!(server.exit_code(), 0);
}

#[test]
fn an_edit_supersedes_the_check_of_the_text_it_replaces() {
    let mut server = Server::ready();
    let uri = "file:///tmp/fairlint-protocol/edited.md";
    open(&mut server, uri, 1, &crowded_paragraph(100));
    server.send(
        &json!({"jsonrpc": "2.0", "method": "textDocument/didChange",
        "params": {"textDocument": {"uri": uri, "version": 2},
                   "contentChanges": [{"text": "Prices rose 12% in a week.\n"}]}}),
    );
    // A hover on the new text waits for the new text's check, not the stale one.
    server.send(
        &json!({"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover",
        "params": {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 13}}}),
    );
    let diagnostics = published(&server, uri);
    assert_eq!(
        diagnostics["params"]["version"], 2,
        "the stale check was published: {diagnostics}"
    );
    let hover = server.response(2);
    let text = hover["result"]["contents"]["value"].as_str().unwrap_or("");
    assert!(text.contains("12%"), "{hover}");
    assert_eq!(server.shutdown_and_exit(), 0);
}

#[test]
fn a_pathological_document_is_a_clear_error_not_a_stall() {
    let mut server = Server::ready();
    let uri = "file:///tmp/fairlint-protocol/crowded.md";
    let started = Instant::now();
    open(&mut server, uri, 1, &crowded_paragraph(3000));
    let diagnostics = published(&server, uri);
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "took {:?}",
        started.elapsed()
    );
    let list = diagnostics["params"]["diagnostics"].as_array().unwrap();
    assert_eq!(list.len(), 1, "{list:?}");
    assert_eq!(list[0]["code"], "input");
    assert!(
        list[0]["message"]
            .as_str()
            .unwrap()
            .contains("too much to analyse"),
        "{list:?}"
    );
    assert_eq!(server.shutdown_and_exit(), 0);
}
