//! `fairlint lsp`: the interactive mode. A Language Server over stdio that checks each open
//! document as it is typed (after a short debounce), shows the source behind a claim on hover,
//! and offers quick fixes. Built on lsp-server's message types and lsp-types, the crates
//! rust-analyzer uses, over a transport of its own that survives a hostile client. One loop
//! owns the documents and answers every message; checks run on worker threads, so `shutdown`,
//! hover and edits are answered while a long check runs, and an edit cancels the check of the
//! text it replaces. A hover or code action on a document being checked waits for that check
//! without holding up the loop.

mod actions;
mod document;
mod hover;
pub mod transport;

use std::collections::HashMap;
use std::error::Error;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use std::sync::atomic::{AtomicBool, Ordering};

use crossbeam_channel::{Receiver, Sender, select, unbounded};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeConfiguration, DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument,
    DidSaveTextDocument, Notification as _, PublishDiagnostics, ShowMessage,
};
use lsp_types::request::{CodeActionRequest, HoverRequest, Request as _};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams,
    CodeActionProviderCapability, CreateFile, CreateFileOptions, DocumentChangeOperation,
    DocumentChanges, Hover, HoverContents, HoverParams, HoverProviderCapability, InitializeParams,
    MarkupContent, MarkupKind, MessageType, OneOf, OptionalVersionedTextDocumentIdentifier,
    Position, PositionEncodingKind, PublishDiagnosticsParams, ResourceOp, ServerCapabilities,
    ServerInfo, ShowMessageParams, TextDocumentEdit, TextDocumentSyncCapability,
    TextDocumentSyncKind, TextDocumentSyncOptions, TextDocumentSyncSaveOptions, TextEdit, Uri,
    WorkspaceEdit,
};
use serde_json::Value;

use actions::{ConfigFile, actions};
use document::Document;
use hover::hover_text;

use crate::check::{Checked, Depth, Text, check_article_until};
use crate::config::{ConfigError, Settings};
use crate::emit::lsp::{byte_range, diagnostics, input_diagnostics, offset, range};
use crate::position::Encoding;
use crate::run_originals::RunOriginals;

/// How long to wait after the last keystroke before checking; a linter that flickers on every
/// character is noise.
pub(crate) const DEFAULT_DEBOUNCE: Duration = Duration::from_millis(200);

/// The largest document checked, as for a file on the command line; a larger one gets one
/// diagnostic saying so.
pub(crate) const MAX_DOCUMENT: usize = crate::input::MAX_FILE_BYTES as usize;

/// Runs the server on stdin/stdout until the client says `exit`, and returns the exit code: 0
/// after `shutdown`, 1 when the client exits (or closes stdin) without it.
pub(crate) fn run_stdio() -> Result<u8, Failure> {
    let (connection, threads) = transport::stdio()?;
    let code = serve(&connection)?;
    drop(connection);
    threads.join()?;
    Ok(code)
}

/// Settings the client can send (initializationOptions, or `fairlint` in didChangeConfiguration).
#[derive(Debug, Default, Clone)]
struct ClientSettings {
    /// A config file to use instead of `.fairlint.yaml` found upward from each document.
    config: Option<PathBuf>,
    /// Overrides merged over the project's config: `rules`, `lexicons`, `aliases`.
    overrides: serde_json::Map<String, Value>,
    debounce: Option<Duration>,
    /// The archive to compare documents with (`archive` in the options, else
    /// `FAIRLINT_ARCHIVE`), as `check --archive` takes it.
    archive: Option<String>,
}

impl ClientSettings {
    fn from_value(value: &Value) -> ClientSettings {
        let value = value.get("fairlint").unwrap_or(value);
        let mut settings = ClientSettings::default();
        let Some(map) = value.as_object() else {
            return settings;
        };
        settings.config = map.get("config").and_then(Value::as_str).map(PathBuf::from);
        settings.archive = map.get("archive").and_then(Value::as_str).map(String::from);
        settings.debounce = map
            .get("debounceMs")
            .and_then(Value::as_u64)
            .map(Duration::from_millis);
        for key in ["rules", "lexicons", "aliases"] {
            if let Some(v) = map.get(key) {
                settings.overrides.insert(key.into(), v.clone());
            }
        }
        settings
    }
}

struct Server<'a> {
    connection: &'a Connection,
    encoding: Encoding,
    documents: HashMap<String, Document>,
    /// Documents waiting for their debounce to pass.
    due: HashMap<String, Instant>,
    client: ClientSettings,
    /// Settings per config file (`None`: no config found), rebuilt when the client's change.
    /// With the config's modification time when read: a config changed on disk (a suppression
    /// the editor just wrote into it) is read again at the next check.
    settings: HashMap<Option<PathBuf>, (Arc<Settings>, Option<std::time::SystemTime>)>,
    /// Originals beyond those a document's front matter names: the archive, when there is one.
    /// Shared with the checks in flight.
    originals: Arc<RunOriginals>,
    /// Finished checks, sent back by the worker threads.
    results: (Sender<Finished>, Receiver<Finished>),
    /// The check in flight per document: the generation it checks, and its cancel flag.
    running: HashMap<String, (u64, Arc<AtomicBool>)>,
    /// Hovers and code actions waiting for their document's check.
    waiting: HashMap<String, Vec<Waiting>>,
    /// `shutdown` was received: requests now get InvalidRequest, and `exit` ends with 0.
    shut_down: bool,
}

type Failure = Box<dyn Error + Sync + Send>;

/// Runs the protocol on an open connection (`Connection::memory()` in tests, stdio for real)
/// and returns the exit code. Only a closed connection ends it early: a request it cannot
/// read gets an error response, a notification it cannot read is logged and dropped.
pub fn serve(connection: &Connection) -> Result<u8, Failure> {
    let Some((id, params)) = initialize(connection)? else {
        return Ok(1);
    };
    let offers_utf8 = params
        .capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_ref())
        .is_some_and(|list| list.contains(&PositionEncodingKind::UTF8));
    let encoding = if offers_utf8 {
        Encoding::Utf8
    } else {
        Encoding::Utf16
    };
    let capabilities = ServerCapabilities {
        position_encoding: Some(if offers_utf8 {
            PositionEncodingKind::UTF8
        } else {
            PositionEncodingKind::UTF16
        }),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                ..TextDocumentSyncOptions::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        ..ServerCapabilities::default()
    };
    let result = serde_json::json!({
        "capabilities": capabilities,
        "serverInfo": ServerInfo { name: "fairlint".into(), version: Some(env!("CARGO_PKG_VERSION").into()) },
    });
    connection
        .sender
        .send(Message::Response(Response::new_ok(id, result)))?;
    let client = params
        .initialization_options
        .as_ref()
        .map(ClientSettings::from_value)
        .unwrap_or_default();
    let mut server = Server {
        connection,
        encoding,
        documents: HashMap::new(),
        due: HashMap::new(),
        client,
        settings: HashMap::new(),
        originals: Arc::new(RunOriginals::default()),
        results: unbounded(),
        running: HashMap::new(),
        waiting: HashMap::new(),
        shut_down: false,
    };
    server.open_archive();
    server.run()
}

/// Waits for a readable `initialize` request, answering every other request with
/// ServerNotInitialized; `None` when the client leaves first.
fn initialize(connection: &Connection) -> Result<Option<(RequestId, InitializeParams)>, Failure> {
    loop {
        let Ok(message) = connection.receiver.recv() else {
            return Ok(None);
        };
        let response = match message {
            Message::Request(request) if request.method == "initialize" => {
                match serde_json::from_value::<InitializeParams>(request.params) {
                    Ok(params) => return Ok(Some((request.id, params))),
                    Err(err) => invalid_params(request.id, &err),
                }
            }
            Message::Request(request) => Response::new_err(
                request.id,
                ErrorCode::ServerNotInitialized as i32,
                "the server is not initialized yet".into(),
            ),
            Message::Notification(n) if n.method == "exit" => return Ok(None),
            Message::Notification(_) | Message::Response(_) => continue,
        };
        connection.sender.send(Message::Response(response))?;
    }
}

fn invalid_params(id: RequestId, err: &serde_json::Error) -> Response {
    Response::new_err(
        id,
        ErrorCode::InvalidParams as i32,
        format!("invalid params: {err}"),
    )
}

impl Server<'_> {
    /// An archive that cannot be opened is reported once; documents are still checked without
    /// it.
    fn open_archive(&mut self) {
        let Some(location) = crate::archive::Location::named(self.client.archive.as_deref()) else {
            return;
        };
        match crate::archive::pool::Pool::open(location, crate::archive::pool::POOL_SIZE) {
            Ok(pool) => {
                self.originals = Arc::new(RunOriginals {
                    archive: Some(pool),
                    ..RunOriginals::default()
                });
            }
            Err(err) => self.show_error(format!("fairlint: {err}")),
        }
    }

    fn debounce(&self) -> Duration {
        self.client.debounce.unwrap_or(DEFAULT_DEBOUNCE)
    }

    fn exit_code(&self) -> u8 {
        if self.shut_down { 0 } else { 1 }
    }

    fn run(&mut self) -> Result<u8, Failure> {
        loop {
            let event = {
                let messages = &self.connection.receiver;
                let results = &self.results.1;
                match self.next_wait() {
                    Some(wait) => select! {
                        recv(messages) -> message => Event::Message(message.ok()),
                        recv(results) -> checked => Event::Finished(checked.ok()),
                        default(wait) => Event::Due,
                    },
                    None => select! {
                        recv(messages) -> message => Event::Message(message.ok()),
                        recv(results) -> checked => Event::Finished(checked.ok()),
                    },
                }
            };
            let message = match event {
                Event::Message(None) => return Ok(self.exit_code()),
                Event::Message(message) => message,
                Event::Finished(checked) => {
                    if let Some(checked) = checked {
                        self.finished(checked)?;
                    }
                    None
                }
                Event::Due => None,
            };
            match message {
                Some(Message::Request(request)) if self.shut_down => {
                    self.reply(Response::new_err(
                        request.id,
                        ErrorCode::InvalidRequest as i32,
                        "the server is shutting down".into(),
                    ))?;
                }
                Some(Message::Request(request)) if request.method == "shutdown" => {
                    self.shut_down = true;
                    self.reply(Response::new_ok(request.id, Value::Null))?;
                }
                Some(Message::Request(request)) => self.request(request)?,
                Some(Message::Notification(n)) if n.method == "exit" => {
                    return Ok(self.exit_code());
                }
                Some(Message::Notification(_)) if self.shut_down => {}
                Some(Message::Notification(notification)) => self.notification(notification)?,
                Some(Message::Response(_)) => {}
                None => {}
            }
            self.start_due()?;
        }
    }

    /// How long to wait for a message before a debounced check is due; `None` when nothing is
    /// due or no check may start (one will finish first).
    fn next_wait(&self) -> Option<Duration> {
        if self.running.len() >= max_checks() {
            return None;
        }
        let next = self.due.values().min()?;
        Some(next.saturating_duration_since(Instant::now()))
    }

    fn reply(&self, response: Response) -> Result<(), Failure> {
        self.connection.sender.send(Message::Response(response))?;
        Ok(())
    }

    fn request(&mut self, request: Request) -> Result<(), Failure> {
        let response = match request.method.as_str() {
            HoverRequest::METHOD => match serde_json::from_value::<HoverParams>(request.params) {
                Ok(params) => {
                    let key = params
                        .text_document_position_params
                        .text_document
                        .uri
                        .as_str()
                        .to_string();
                    return self.answer_when_checked(key, Waiting::Hover(request.id, params));
                }
                Err(err) => invalid_params(request.id, &err),
            },
            CodeActionRequest::METHOD => {
                match serde_json::from_value::<CodeActionParams>(request.params) {
                    Ok(params) => {
                        let key = params.text_document.uri.as_str().to_string();
                        return self.answer_when_checked(key, Waiting::Actions(request.id, params));
                    }
                    Err(err) => invalid_params(request.id, &err),
                }
            }
            "initialize" => Response::new_err(
                request.id,
                ErrorCode::InvalidRequest as i32,
                "the server is already initialized".into(),
            ),
            _ => Response::new_err(
                request.id,
                ErrorCode::MethodNotFound as i32,
                format!("fairlint does not handle {}", request.method),
            ),
        };
        self.reply(response)
    }

    /// A notification's params, or `None` after logging why they cannot be read.
    fn params<P: serde::de::DeserializeOwned>(&self, notification: Notification) -> Option<P> {
        match serde_json::from_value(notification.params) {
            Ok(params) => Some(params),
            Err(err) => {
                self.log(format!(
                    "fairlint: ignored a {} notification: {err}",
                    notification.method
                ));
                None
            }
        }
    }

    fn notification(&mut self, notification: Notification) -> Result<(), Failure> {
        let method = notification.method.clone();
        match method.as_str() {
            DidOpenTextDocument::METHOD => {
                let Some(params) =
                    self.params::<lsp_types::DidOpenTextDocumentParams>(notification)
                else {
                    return Ok(());
                };
                let doc = params.text_document;
                let key = doc.uri.as_str().to_string();
                let mut document = Document::new(doc.uri, doc.text, doc.version);
                if let Some(old) = self.documents.get(&key) {
                    // Reopened: results of the old text's check must not pass for the new one.
                    document.generation = old.generation + 1;
                }
                self.documents.insert(key.clone(), document);
                self.cancel(&key);
                self.schedule(key, Duration::ZERO);
            }
            DidChangeTextDocument::METHOD => {
                let Some(params) =
                    self.params::<lsp_types::DidChangeTextDocumentParams>(notification)
                else {
                    return Ok(());
                };
                let key = params.text_document.uri.as_str().to_string();
                let encoding = self.encoding;
                if let Some(doc) = self.documents.get_mut(&key) {
                    doc.apply(
                        params.content_changes,
                        params.text_document.version,
                        encoding,
                    );
                    self.cancel(&key);
                    let debounce = self.debounce();
                    self.schedule(key, debounce);
                }
            }
            DidSaveTextDocument::METHOD => {
                let Some(params) =
                    self.params::<lsp_types::DidSaveTextDocumentParams>(notification)
                else {
                    return Ok(());
                };
                let key = params.text_document.uri.as_str().to_string();
                if is_config(&params.text_document.uri) {
                    // A saved config (a suppression just added, a rule changed) applies to
                    // every open document.
                    self.settings.clear();
                    self.recheck_all();
                    return Ok(());
                }
                if let Some(doc) = self.documents.get_mut(&key) {
                    match params.text {
                        Some(text) => doc.replace(text),
                        None => doc.invalidate(),
                    }
                    self.cancel(&key);
                    self.schedule(key, Duration::ZERO);
                }
            }
            DidCloseTextDocument::METHOD => {
                let Some(params) =
                    self.params::<lsp_types::DidCloseTextDocumentParams>(notification)
                else {
                    return Ok(());
                };
                let key = params.text_document.uri.as_str().to_string();
                self.documents.remove(&key);
                self.due.remove(&key);
                self.cancel(&key);
                self.answer_waiting(&key)?;
                self.send_diagnostics(params.text_document.uri, Vec::new(), None)?;
            }
            DidChangeConfiguration::METHOD => {
                let Some(params) =
                    self.params::<lsp_types::DidChangeConfigurationParams>(notification)
                else {
                    return Ok(());
                };
                let before = self.client.archive.clone();
                self.client = ClientSettings::from_value(&params.settings);
                self.settings.clear();
                if self.client.archive != before {
                    self.originals = Arc::new(RunOriginals::default());
                    self.open_archive();
                }
                self.recheck_all();
            }
            _ => {}
        }
        Ok(())
    }

    /// Checks every open document again: what they are checked with changed.
    fn recheck_all(&mut self) {
        let keys: Vec<String> = self.documents.keys().cloned().collect();
        for key in keys {
            if let Some(doc) = self.documents.get_mut(&key) {
                doc.invalidate();
            }
            self.cancel(&key);
            self.schedule(key, Duration::ZERO);
        }
    }

    fn schedule(&mut self, key: String, after: Duration) {
        self.due.insert(key, Instant::now() + after);
    }

    /// Starts the checks whose debounce has passed, oldest first, as many as may run at once.
    fn start_due(&mut self) -> Result<(), Failure> {
        let now = Instant::now();
        let mut due: Vec<(Instant, String)> = self
            .due
            .iter()
            .filter(|(_, deadline)| **deadline <= now)
            .map(|(k, d)| (*d, k.clone()))
            .collect();
        due.sort();
        for (_, key) in due {
            if self.running.len() >= max_checks() {
                break;
            }
            self.due.remove(&key);
            self.start_check(&key)?;
        }
        Ok(())
    }

    /// Gives up the check in flight for `key`, if any: its text is no longer the document's.
    fn cancel(&mut self, key: &str) {
        if let Some((_, flag)) = self.running.remove(key) {
            flag.store(true, Ordering::Relaxed);
        }
    }

    /// Checks the document's current text on a worker thread, unless that is done or under way.
    fn start_check(&mut self, key: &str) -> Result<(), Failure> {
        let Some(doc) = self.documents.get(key) else {
            return self.answer_waiting(key);
        };
        if doc.too_large || doc.checked.is_some() {
            self.publish(key)?;
            return self.answer_waiting(key);
        }
        let generation = doc.generation;
        if self.running.get(key).is_some_and(|(g, _)| *g == generation) {
            return Ok(());
        }
        let path = doc.path.clone();
        self.cancel(key);
        let settings = self.settings_for(path.as_deref());
        let Some(doc) = self.documents.get(key) else {
            return Ok(());
        };
        let job = Job {
            key: key.to_string(),
            generation,
            display: doc.display_path(),
            path,
            text: Arc::from(doc.text.as_str()),
            settings,
            originals: self.originals.clone(),
            cancel: Arc::new(AtomicBool::new(false)),
        };
        let cancel = job.cancel.clone();
        let results = self.results.0.clone();
        let spawned = std::thread::Builder::new()
            .name("fairlint-check".into())
            .spawn(move || {
                let checked = job.run();
                let _ = results.send(checked);
            });
        match spawned {
            Ok(_) => {
                self.running.insert(key.to_string(), (generation, cancel));
                Ok(())
            }
            Err(err) => {
                self.show_error(format!("fairlint could not start a check: {err}"));
                self.answer_waiting(key)
            }
        }
    }

    /// Takes a finished check: kept and published when it is of the document's current text,
    /// dropped when the text changed meanwhile (a newer check is due or under way).
    fn finished(&mut self, checked: Finished) -> Result<(), Failure> {
        let key = checked.key;
        if self
            .running
            .get(&key)
            .is_some_and(|(g, _)| *g == checked.generation)
        {
            self.running.remove(&key);
        }
        let Some(doc) = self.documents.get_mut(&key) else {
            return self.answer_waiting(&key);
        };
        if doc.generation != checked.generation {
            return Ok(());
        }
        match checked.outcome {
            Outcome::Done(checked) => {
                doc.checked = Some(*checked);
                self.publish(&key)?;
            }
            Outcome::Cancelled => {}
            Outcome::Failed => {
                let message = format!(
                    "fairlint could not check {}; please report this document",
                    doc.display_path()
                );
                self.show_error(message);
            }
        }
        self.answer_waiting(&key)
    }

    /// Publishes the document's diagnostics as they stand.
    fn publish(&mut self, key: &str) -> Result<(), Failure> {
        let Some(doc) = self.documents.get(key) else {
            return Ok(());
        };
        let list = match &doc.checked {
            _ if doc.too_large => vec![too_large()],
            Some(checked) => {
                let analysis = Some(&checked.analysis);
                let mut list = input_diagnostics(analysis, &checked.problems, self.encoding);
                list.extend(diagnostics(
                    &checked.analysis,
                    &checked.findings,
                    self.encoding,
                ));
                list
            }
            None => Vec::new(),
        };
        self.send_diagnostics(doc.uri.clone(), list, Some(doc.version))
    }

    /// Answers a hover or code action now when its document is checked (or cannot be), else
    /// once its check is done; the loop goes on meanwhile.
    fn answer_when_checked(&mut self, key: String, waiting: Waiting) -> Result<(), Failure> {
        let ready = self
            .documents
            .get(&key)
            .is_none_or(|doc| doc.checked.is_some() || doc.too_large);
        self.waiting.entry(key.clone()).or_default().push(waiting);
        if ready {
            return self.answer_waiting(&key);
        }
        // Wanted now: no debounce.
        self.due.remove(&key);
        self.start_check(&key)
    }

    /// Answers every request waiting for `key` from what is known of it now.
    fn answer_waiting(&mut self, key: &str) -> Result<(), Failure> {
        let Some(list) = self.waiting.remove(key) else {
            return Ok(());
        };
        for waiting in list {
            let response = match waiting {
                Waiting::Hover(id, params) => Response::new_ok(id, self.hover(params)),
                Waiting::Actions(id, params) => Response::new_ok(id, self.code_actions(params)),
            };
            self.reply(response)?;
        }
        Ok(())
    }

    fn send_diagnostics(
        &self,
        uri: Uri,
        diagnostics: Vec<lsp_types::Diagnostic>,
        version: Option<i32>,
    ) -> Result<(), Failure> {
        let params = PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        };
        let notification = Notification::new(PublishDiagnostics::METHOD.into(), params);
        self.connection
            .sender
            .send(Message::Notification(notification))?;
        Ok(())
    }

    fn log(&self, message: String) {
        let params = lsp_types::LogMessageParams {
            typ: MessageType::WARNING,
            message,
        };
        let notification =
            Notification::new(lsp_types::notification::LogMessage::METHOD.into(), params);
        let _ = self
            .connection
            .sender
            .send(Message::Notification(notification));
    }

    fn show_error(&self, message: String) {
        let params = ShowMessageParams {
            typ: MessageType::ERROR,
            message,
        };
        let notification = Notification::new(ShowMessage::METHOD.into(), params);
        let _ = self
            .connection
            .sender
            .send(Message::Notification(notification));
    }

    /// The settings for a document: the client's config file, else `.fairlint.yaml` upward from
    /// the document, with the client's overrides on top. A broken config is shown to the user and
    /// the built-in settings are used, so the server keeps working.
    fn settings_for(&mut self, path: Option<&Path>) -> Arc<Settings> {
        let discovered = self.client.config.is_none();
        let config = self
            .client
            .config
            .clone()
            .or_else(|| path.and_then(find_config));
        let modified = config
            .as_deref()
            .and_then(|c| std::fs::metadata(c).and_then(|m| m.modified()).ok());
        if let Some((settings, when)) = self.settings.get(&config)
            && *when == modified
        {
            return settings.clone();
        }
        let settings = match load_settings(config.as_deref(), discovered, &self.client.overrides) {
            Ok(settings) => Arc::new(settings),
            Err(err) => {
                self.show_error(config_message(&err));
                Arc::new(Settings::builtin())
            }
        };
        self.settings.insert(config, (settings.clone(), modified));
        settings
    }

    fn hover(&self, params: HoverParams) -> Option<Hover> {
        let position = params.text_document_position_params;
        let key = position.text_document.uri.as_str().to_string();
        let doc = self.documents.get(&key)?;
        let Checked {
            analysis, findings, ..
        } = doc.checked.as_ref()?;
        let article = &analysis.article;
        let offset = offset(
            &article.source,
            &article.lines,
            position.position,
            self.encoding,
        );
        let text = hover_text(analysis, findings, offset)?;
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: text,
            }),
            range: None,
        })
    }

    fn code_actions(&self, params: CodeActionParams) -> Option<Vec<CodeActionOrCommand>> {
        let key = params.text_document.uri.as_str().to_string();
        let doc = self.documents.get(&key)?;
        let Checked {
            analysis, findings, ..
        } = doc.checked.as_ref()?;
        let article = &analysis.article;
        let bytes = byte_range(&article.source, &article.lines, params.range, self.encoding);
        let config = (article.format == crate::document::Format::Plain)
            .then(|| self.config_for(doc.path.as_deref()))
            .flatten();
        let list = actions(analysis, findings, bytes, config.as_ref())
            .into_iter()
            .filter_map(|action| {
                let edit = match &action.file {
                    None => {
                        let edits = action
                            .edits
                            .iter()
                            .map(|e| TextEdit {
                                range: range(analysis, &e.range, self.encoding),
                                new_text: e.text.clone(),
                            })
                            .collect();
                        document_edit(doc.uri.clone(), Some(doc.version), edits)
                    }
                    Some(file) => {
                        let text = config
                            .as_ref()
                            .and_then(|c| c.text.as_deref())
                            .unwrap_or("");
                        let lines = crate::position::LineIndex::new(text);
                        let edits = action
                            .edits
                            .iter()
                            .map(|e| TextEdit {
                                range: text_range(text, &lines, &e.range, self.encoding),
                                new_text: e.text.clone(),
                            })
                            .collect();
                        let uri = crate::emit::lsp::file_uri(file)?;
                        let edit = document_edit(uri.clone(), None, edits);
                        if !action.create {
                            edit
                        } else {
                            let create =
                                DocumentChangeOperation::Op(ResourceOp::Create(CreateFile {
                                    uri,
                                    options: Some(CreateFileOptions {
                                        overwrite: Some(false),
                                        ignore_if_exists: Some(true),
                                    }),
                                    annotation_id: None,
                                }));
                            let DocumentChanges::Edits(edits) = edit else {
                                return None;
                            };
                            let mut ops = vec![create];
                            ops.extend(edits.into_iter().map(DocumentChangeOperation::Edit));
                            DocumentChanges::Operations(ops)
                        }
                    }
                };
                Some(CodeActionOrCommand::CodeAction(CodeAction {
                    title: action.title,
                    kind: Some(CodeActionKind::QUICKFIX),
                    edit: Some(WorkspaceEdit {
                        document_changes: Some(edit),
                        ..WorkspaceEdit::default()
                    }),
                    ..CodeAction::default()
                }))
            })
            .collect();
        Some(list)
    }

    /// Where a plain-text document's suppressions go: the client's config file, else the
    /// nearest `.fairlint.yaml` above the document, else a new one at its project root.
    fn config_for(&self, path: Option<&Path>) -> Option<ConfigFile> {
        let path = path?;
        let found = self.client.config.clone().or_else(|| find_config(path));
        let Some(config) = found else {
            let root = crate::config::project_root(Some(path));
            return Some(ConfigFile {
                path: root.join(crate::config::FILE_NAMES[0]),
                text: None,
            });
        };
        let text = crate::config::read(&config, true)
            .ok()
            .map(|(text, _)| text)?;
        Some(ConfigFile {
            path: config,
            text: Some(text),
        })
    }
}

/// The URI names a `.fairlint.yaml`.
fn is_config(uri: &Uri) -> bool {
    crate::emit::lsp::uri_path(uri)
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .is_some_and(|name| crate::config::FILE_NAMES.contains(&name.as_str()))
}

/// Edits to one document, as a workspace edit's document changes.
fn document_edit(uri: Uri, version: Option<i32>, edits: Vec<TextEdit>) -> DocumentChanges {
    DocumentChanges::Edits(vec![TextDocumentEdit {
        text_document: OptionalVersionedTextDocumentIdentifier { uri, version },
        edits: edits.into_iter().map(OneOf::Left).collect(),
    }])
}

/// A byte range of a text the editor may not have open, in the client's encoding.
fn text_range(
    text: &str,
    lines: &crate::position::LineIndex,
    span: &std::ops::Range<usize>,
    encoding: Encoding,
) -> lsp_types::Range {
    let (sl, sc) = crate::position::to_lsp(text, lines, span.start, encoding);
    let (el, ec) = crate::position::to_lsp(text, lines, span.end, encoding);
    lsp_types::Range::new(Position::new(sl, sc), Position::new(el, ec))
}

/// What woke the loop.
enum Event {
    /// A message from the client; `None` when the connection closed.
    Message(Option<Message>),
    Finished(Option<Finished>),
    /// A debounced check is due.
    Due,
}

/// A request that waits for its document's check.
enum Waiting {
    Hover(RequestId, HoverParams),
    Actions(RequestId, CodeActionParams),
}

/// Checks that may run at once: one per core, at most four (the editor is not the only thing
/// running).
fn max_checks() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(4))
}

/// One document's text to check on a worker thread.
struct Job {
    key: String,
    generation: u64,
    display: String,
    path: Option<PathBuf>,
    text: Arc<str>,
    settings: Arc<Settings>,
    originals: Arc<RunOriginals>,
    /// Set by the loop when the document changes: the check gives up at its next step.
    cancel: Arc<AtomicBool>,
}

/// A finished check of one generation of a document's text.
struct Finished {
    key: String,
    generation: u64,
    outcome: Outcome,
}

enum Outcome {
    Done(Box<Checked>),
    Cancelled,
    /// The check panicked; a bad document must never take the server down with it.
    Failed,
}

impl Job {
    fn run(self) -> Finished {
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.check()))
            .unwrap_or(Outcome::Failed);
        Finished {
            key: self.key,
            generation: self.generation,
            outcome,
        }
    }

    fn check(&self) -> Outcome {
        let text = Text {
            path: self.path.as_deref(),
            display: &self.display,
            text: &self.text,
        };
        let checked = check_article_until(
            text,
            &self.settings,
            &self.originals,
            Depth::Findings,
            &*self.cancel,
        );
        match checked {
            Ok(checked) => Outcome::Done(Box::new(checked)),
            Err(_) => Outcome::Cancelled,
        }
    }
}

/// The one diagnostic of a document over [`MAX_DOCUMENT`].
fn too_large() -> lsp_types::Diagnostic {
    crate::emit::lsp::input_diagnostic(
        lsp_types::Range::default(),
        format!(
            "this document is over {} MiB: fairlint does not check it",
            MAX_DOCUMENT / (1024 * 1024)
        ),
    )
}

fn find_config(path: &Path) -> Option<PathBuf> {
    crate::config::find_upward(path.parent()?)
}

/// The project's config with the client's overrides merged over it ([`Settings::with_overrides`]).
fn load_settings(
    config: Option<&Path>,
    discovered: bool,
    overrides: &serde_json::Map<String, Value>,
) -> Result<Settings, Box<ConfigError>> {
    let overrides = overrides
        .iter()
        // An empty Lua table reaches us as `[]` whatever it stands for (`rules = {}` in
        // Neovim): an empty list or map adds nothing.
        .filter(|(_, value)| !value.as_array().is_some_and(Vec::is_empty))
        .map(|(key, value)| {
            let value = serde_yaml::to_value(value).unwrap_or(serde_yaml::Value::Null);
            (serde_yaml::Value::String(key.clone()), value)
        })
        .collect();
    Settings::with_overrides(config, discovered, &overrides)
}

fn config_message(err: &ConfigError) -> String {
    match &err.help {
        Some(help) => format!("fairlint config: {} ({help})", err.message),
        None => format!("fairlint config: {}", err.message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A discovered config extends the one above it in the editor too; the client's config file
    /// stands alone, as `--config` does.
    #[test]
    fn a_discovered_config_extends_the_one_above() {
        let top = std::env::temp_dir().join(format!("fairlint-lsp-nested-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&top);
        std::fs::create_dir_all(top.join(".git")).unwrap();
        std::fs::create_dir_all(top.join("desk")).unwrap();
        std::fs::write(top.join(".fairlint.yaml"), "rules:\n  source-unused: off\n").unwrap();
        let child = top.join("desk/.fairlint.yaml");
        std::fs::write(&child, "rules:\n  attribution-vague: error\n").unwrap();
        let none = serde_json::Map::new();
        let discovered = load_settings(Some(&child), true, &none).unwrap();
        assert!(
            discovered.rule("source-unused").is_none(),
            "the parent's setting"
        );
        let vague = discovered.rule("attribution-vague").unwrap();
        assert_eq!(vague.severity, Some(crate::rules::Severity::Error));
        let overrides: serde_json::Map<String, Value> =
            serde_json::from_str(r#"{"rules": {"copy-verbatim": "off"}}"#).unwrap();
        let merged = load_settings(Some(&child), true, &overrides).unwrap();
        assert!(merged.rule("source-unused").is_none() && merged.rule("copy-verbatim").is_none());
        let explicit = load_settings(Some(&child), false, &none).unwrap();
        assert!(
            explicit.rule("source-unused").is_some(),
            "a client's file stands alone"
        );
        let _ = std::fs::remove_dir_all(&top);
    }

    /// Neovim sends an empty Lua table (`rules = {}`) as `[]`: no configuration, not an error.
    #[test]
    fn an_empty_lua_table_in_the_options_is_no_configuration() {
        let overrides: serde_json::Map<String, Value> =
            serde_json::from_str(r#"{"rules": [], "lexicons": [], "aliases": [], "ignore": []}"#)
                .unwrap();
        let settings = load_settings(None, false, &overrides);
        assert!(settings.is_ok(), "{:?}", settings.err().map(|e| e.message));
        let overrides: serde_json::Map<String, Value> =
            serde_json::from_str(r#"{"rules": {"source-unused": "off"}}"#).unwrap();
        let settings = load_settings(None, false, &overrides).unwrap();
        assert!(settings.rule("source-unused").is_none());
    }
}
