//! `fairlint lsp`: the interactive mode. A Language Server over stdio that checks each open
//! document as it is typed (after a short debounce), shows the source behind a claim on hover,
//! and offers quick fixes. Built on lsp-server and lsp-types, the crates rust-analyzer uses: a
//! synchronous loop over a channel, which is all a linter needs and keeps the server small.

mod actions;
mod document;
mod hover;
pub mod transport;

use std::collections::HashMap;
use std::error::Error;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossbeam_channel::RecvTimeoutError;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeConfiguration, DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument,
    DidSaveTextDocument, Notification as _, PublishDiagnostics, ShowMessage,
};
use lsp_types::request::{CodeActionRequest, HoverRequest, Request as _};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams,
    CodeActionProviderCapability, DocumentChanges, Hover, HoverContents, HoverParams,
    HoverProviderCapability, InitializeParams, MarkupContent, MarkupKind, MessageType, OneOf,
    OptionalVersionedTextDocumentIdentifier, PositionEncodingKind, PublishDiagnosticsParams,
    ServerCapabilities, ServerInfo, ShowMessageParams, TextDocumentEdit,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, TextEdit, Uri, WorkspaceEdit,
};
use serde_json::Value;

pub use actions::{Action, Edit, actions, add_to_list};
pub use document::Document;
pub use hover::hover_text;

use crate::app::{RunOriginals, article_originals};
use crate::check::{analyse_with, check};
use crate::config::{ConfigError, Settings};
use crate::document::{Article, Format};
use crate::emit::lsp::{byte_range, diagnostics, offset, range};
use crate::position::Encoding;

/// How long to wait after the last keystroke before checking; a linter that flickers on every
/// character is noise.
pub const DEFAULT_DEBOUNCE: Duration = Duration::from_millis(200);

/// The largest document checked, as for a file on the command line; a larger one gets one
/// diagnostic saying so.
pub const MAX_DOCUMENT: usize = crate::input::MAX_FILE_BYTES as usize;

/// Runs the server on stdin/stdout until the client says `exit`, and returns the exit code: 0
/// after `shutdown`, 1 when the client exits (or closes stdin) without it.
pub fn run_stdio() -> Result<u8, Failure> {
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
    settings: HashMap<Option<PathBuf>, Arc<Settings>>,
    /// Originals beyond those a document's front matter names: the archive, when there is one.
    originals: RunOriginals,
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
        originals: RunOriginals::default(),
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
        let location = self
            .client
            .archive
            .clone()
            .or_else(|| std::env::var("FAIRLINT_ARCHIVE").ok())
            .filter(|l| !l.trim().is_empty());
        let Some(location) = location else {
            return;
        };
        match crate::archive::open(&crate::archive::Location::parse(&location), false) {
            Ok(store) => self.originals.archive = Some(std::sync::Mutex::new(store)),
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
            let next = self.due.values().min().copied();
            let message = match next {
                Some(deadline) => {
                    let wait = deadline.saturating_duration_since(Instant::now());
                    match self.connection.receiver.recv_timeout(wait) {
                        Ok(message) => Some(message),
                        Err(RecvTimeoutError::Timeout) => None,
                        Err(RecvTimeoutError::Disconnected) => return Ok(self.exit_code()),
                    }
                }
                None => match self.connection.receiver.recv() {
                    Ok(message) => Some(message),
                    Err(_) => return Ok(self.exit_code()),
                },
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
            self.publish_due()?;
        }
    }

    fn reply(&self, response: Response) -> Result<(), Failure> {
        self.connection.sender.send(Message::Response(response))?;
        Ok(())
    }

    fn request(&mut self, request: Request) -> Result<(), Failure> {
        let response = match request.method.as_str() {
            HoverRequest::METHOD => match serde_json::from_value::<HoverParams>(request.params) {
                Ok(params) => Response::new_ok(request.id, self.hover(params)),
                Err(err) => invalid_params(request.id, &err),
            },
            CodeActionRequest::METHOD => {
                match serde_json::from_value::<CodeActionParams>(request.params) {
                    Ok(params) => Response::new_ok(request.id, self.code_actions(params)),
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
                self.documents
                    .insert(key.clone(), Document::new(doc.uri, doc.text, doc.version));
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
                if let Some(doc) = self.documents.get_mut(&key) {
                    if let Some(text) = params.text {
                        doc.replace(text);
                    }
                    doc.checked = None;
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
                    self.originals.archive = None;
                    self.open_archive();
                }
                let keys: Vec<String> = self.documents.keys().cloned().collect();
                for key in keys {
                    if let Some(doc) = self.documents.get_mut(&key) {
                        doc.checked = None;
                    }
                    self.schedule(key, Duration::ZERO);
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn schedule(&mut self, key: String, after: Duration) {
        self.due.insert(key, Instant::now() + after);
    }

    fn publish_due(&mut self) -> Result<(), Failure> {
        let now = Instant::now();
        let due: Vec<String> = self
            .due
            .iter()
            .filter(|(_, deadline)| **deadline <= now)
            .map(|(k, _)| k.clone())
            .collect();
        for key in due {
            self.due.remove(&key);
            self.ensure_checked(&key);
            let Some(doc) = self.documents.get(&key) else {
                continue;
            };
            let list = match &doc.checked {
                _ if doc.too_large => vec![too_large()],
                Some((analysis, findings)) => diagnostics(analysis, findings, self.encoding),
                None => Vec::new(),
            };
            self.send_diagnostics(doc.uri.clone(), list, Some(doc.version))?;
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
        if let Some(settings) = self.settings.get(&config) {
            return settings.clone();
        }
        let settings = match load_settings(config.as_deref(), discovered, &self.client.overrides) {
            Ok(settings) => Arc::new(settings),
            Err(err) => {
                self.show_error(config_message(&err));
                Arc::new(Settings::builtin())
            }
        };
        self.settings.insert(config, settings.clone());
        settings
    }

    fn ensure_checked(&mut self, key: &str) {
        let Some(doc) = self.documents.get(key) else {
            return;
        };
        if doc.checked.is_some() || doc.too_large {
            return;
        }
        let path = doc.path.clone();
        let settings = self.settings_for(path.as_deref());
        let Some(doc) = self.documents.get_mut(key) else {
            return;
        };
        let display = doc.display_path();
        let text: Arc<str> = Arc::from(doc.text.as_str());
        let text_for_archive = text.clone();
        // A bad document must never take the server down with it.
        let checked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let article = Article::parse(
                &display,
                text,
                Format::for_path(&display),
                &settings.lexicon,
            );
            let path = doc.path.as_deref();
            let analysis = analyse_with(article, &settings, |list| {
                article_originals(path, &display, &text_for_archive, list, &self.originals).0
            });
            let (findings, _) = check(&analysis, &settings);
            (analysis, findings)
        }));
        match checked {
            Ok(result) => doc.checked = Some(result),
            Err(_) => {
                let message =
                    format!("fairlint could not check {display}; please report this document");
                self.show_error(message);
            }
        }
    }

    fn hover(&mut self, params: HoverParams) -> Option<Hover> {
        let position = params.text_document_position_params;
        let key = position.text_document.uri.as_str().to_string();
        self.ensure_checked(&key);
        let doc = self.documents.get(&key)?;
        let (analysis, findings) = doc.checked.as_ref()?;
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

    fn code_actions(&mut self, params: CodeActionParams) -> Option<Vec<CodeActionOrCommand>> {
        let key = params.text_document.uri.as_str().to_string();
        self.ensure_checked(&key);
        let doc = self.documents.get(&key)?;
        let (analysis, findings) = doc.checked.as_ref()?;
        let article = &analysis.article;
        let bytes = byte_range(&article.source, &article.lines, params.range, self.encoding);
        let list = actions(analysis, findings, bytes)
            .into_iter()
            .map(|action| {
                let edits: Vec<TextEdit> = action
                    .edits
                    .iter()
                    .map(|e| TextEdit {
                        range: range(analysis, &e.range, self.encoding),
                        new_text: e.text.clone(),
                    })
                    .collect();
                let change = TextDocumentEdit {
                    text_document: OptionalVersionedTextDocumentIdentifier {
                        uri: doc.uri.clone(),
                        version: Some(doc.version),
                    },
                    edits: edits.into_iter().map(OneOf::Left).collect(),
                };
                CodeActionOrCommand::CodeAction(CodeAction {
                    title: action.title,
                    kind: Some(CodeActionKind::QUICKFIX),
                    edit: Some(WorkspaceEdit {
                        document_changes: Some(DocumentChanges::Edits(vec![change])),
                        ..WorkspaceEdit::default()
                    }),
                    ..CodeAction::default()
                })
            })
            .collect();
        Some(list)
    }
}

/// The one diagnostic of a document over [`MAX_DOCUMENT`].
fn too_large() -> lsp_types::Diagnostic {
    lsp_types::Diagnostic {
        severity: Some(lsp_types::DiagnosticSeverity::ERROR),
        code: Some(lsp_types::NumberOrString::String("input".into())),
        source: Some("fairlint".into()),
        message: format!(
            "this document is over {} MiB: fairlint does not check it",
            MAX_DOCUMENT / (1024 * 1024)
        ),
        ..lsp_types::Diagnostic::default()
    }
}

fn find_config(path: &Path) -> Option<PathBuf> {
    crate::config::find_upward(path.parent()?)
}

/// The project's config with the client's overrides merged over it (client wins, per key).
fn load_settings(
    config: Option<&Path>,
    discovered: bool,
    overrides: &serde_json::Map<String, Value>,
) -> Result<Settings, Box<ConfigError>> {
    let base_text = match config {
        Some(path) => crate::config::read(path, discovered)?.0,
        None => String::new(),
    };
    let path = config.map_or_else(|| PathBuf::from(".fairlint.yaml"), Path::to_path_buf);
    if overrides.is_empty() {
        return if config.is_some() {
            Settings::parse(&path, &base_text)
        } else {
            Ok(Settings::builtin())
        };
    }
    let mut base: serde_yaml::Value = if base_text.trim().is_empty() {
        serde_yaml::Value::Mapping(serde_yaml::Mapping::new())
    } else {
        match crate::yaml::from_str(&base_text) {
            Ok(value) => value,
            // A broken file is reported against its own text.
            Err(_) => return Settings::parse(&path, &base_text),
        }
    };
    for (key, value) in overrides {
        let value: serde_yaml::Value =
            serde_yaml::to_value(value).unwrap_or(serde_yaml::Value::Null);
        let slot = base.as_mapping_mut().map(|m| {
            m.entry(serde_yaml::Value::String(key.clone()))
                .or_insert(serde_yaml::Value::Null)
        });
        match (slot, value) {
            (Some(serde_yaml::Value::Mapping(existing)), serde_yaml::Value::Mapping(new)) => {
                existing.extend(new)
            }
            (Some(slot), value) => *slot = value,
            (None, _) => {}
        }
    }
    let merged = serde_yaml::to_string(&base).unwrap_or_default();
    Settings::parse(&path, &merged)
}

fn config_message(err: &ConfigError) -> String {
    match &err.help {
        Some(help) => format!("fairlint config: {} ({help})", err.message),
        None => format!("fairlint config: {}", err.message),
    }
}
