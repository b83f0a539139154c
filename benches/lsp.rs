//! Language-server latency: the time from a `didChange` on a 2,000-word and on a 20,000-word
//! article to the published diagnostics, over 200 edits each, with the debounce off (`debounceMs: 0`) so that only
//! fairlint's own work is measured. Prints p50, p90, p99 and max. Run with
//! `cargo bench --bench lsp`.

use std::thread;
use std::time::{Duration, Instant};

use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::{Value, json};

fn article(words: usize) -> String {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut paragraphs = Vec::new();
    for file in [
        "examples/harbour-strike.md",
        "examples/ceasefire-talks.txt",
        "examples/school-meals.md",
    ] {
        let text = std::fs::read_to_string(format!("{root}/{file}")).unwrap();
        for block in text.split("\n\n").flat_map(|b| b.split('\n')) {
            let block = block.trim();
            let body = block.len() > 80
                && !block.starts_with(['#', '-', '<'])
                && !block.starts_with("SOURCES");
            if body {
                paragraphs.push(block.to_string());
            }
        }
    }
    let mut out = String::from("# Bench article\n\n");
    let mut count = 0;
    let mut i = 0;
    while count < words {
        let p = &paragraphs[i % paragraphs.len()];
        count += p.split_whitespace().count();
        out.push_str(p);
        out.push_str("\n\n");
        i += 1;
    }
    out.push_str("## Sources\n\n- Reuters: One\n- Al Jazeera: Two\n");
    out
}

fn send(conn: &Connection, message: Message) {
    conn.sender.send(message).unwrap();
}

fn wait_for_diagnostics(conn: &Connection) {
    loop {
        match conn
            .receiver
            .recv_timeout(Duration::from_secs(10))
            .expect("diagnostics")
        {
            Message::Notification(n) if n.method == "textDocument/publishDiagnostics" => return,
            _ => {}
        }
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index]
}

fn main() {
    let (server_side, client) = Connection::memory();
    let server = thread::spawn(move || {
        fairlint::lsp::serve(&server_side).unwrap();
    });
    let init = json!({"capabilities": {}, "initializationOptions": {"debounceMs": 0}, "processId": null, "rootUri": null});
    send(
        &client,
        Message::Request(Request::new(RequestId::from(1), "initialize".into(), init)),
    );
    let _ = client.receiver.recv().unwrap();
    send(
        &client,
        Message::Notification(Notification::new("initialized".into(), json!({}))),
    );
    for size in [2_000, 20_000] {
        let uri = format!("file:///tmp/fairlint-benches/story-{size}.md");
        relint(&client, &uri, size);
    }
    send(
        &client,
        Message::Request(Request::new(
            RequestId::from(2),
            "shutdown".into(),
            Value::Null,
        )),
    );
    let _ = client.receiver.recv();
    send(
        &client,
        Message::Notification(Notification::new("exit".into(), Value::Null)),
    );
    server.join().unwrap();
}

/// Opens an article of `size` words and times 200 edits to it.
fn relint(client: &Connection, uri: &str, size: usize) {
    let text = article(size);
    let words = text.split_whitespace().count();
    let open =
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}});
    send(
        client,
        Message::Notification(Notification::new("textDocument/didOpen".into(), open)),
    );
    wait_for_diagnostics(client);
    let lines = text.lines().count() as u64;
    let mut samples = Vec::with_capacity(200);
    for version in 2..202 {
        // Alternately type and delete one character somewhere in the body, as a writer would.
        let line = 2 + (version as u64 * 7) % (lines - 8);
        let change: Value = if version % 2 == 0 {
            json!({"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}}, "text": "x"})
        } else {
            let prev = 2 + ((version as u64 - 1) * 7) % (lines - 8);
            json!({"range": {"start": {"line": prev, "character": 0}, "end": {"line": prev, "character": 1}}, "text": ""})
        };
        let params =
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]});
        let start = Instant::now();
        send(
            client,
            Message::Notification(Notification::new("textDocument/didChange".into(), params)),
        );
        wait_for_diagnostics(client);
        samples.push(start.elapsed());
    }
    samples.sort();
    println!(
        "lsp didChange → publishDiagnostics, {words}-word article, {} edits: p50 {:.2?}  p90 {:.2?}  p99 {:.2?}  max {:.2?}",
        samples.len(),
        percentile(&samples, 0.5),
        percentile(&samples, 0.9),
        percentile(&samples, 0.99),
        samples[samples.len() - 1]
    );
}
