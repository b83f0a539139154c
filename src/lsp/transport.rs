//! The language server's wire: base-protocol frames (`Content-Length` headers, then a JSON body)
//! over stdin and stdout. lsp-server's own reader allocates whatever `Content-Length` claims (a
//! claim of 10^15 bytes aborted the process) and stops the server at the first malformed frame;
//! this one refuses a message over [`MAX_MESSAGE`] before allocating anything for it, answers a
//! frame it cannot use with a JSON-RPC error, and resynchronises on the next `Content-Length`
//! header. The server loop still speaks lsp-server's `Message` over its `Connection`; errors
//! that belong to no request (no id could be read) are written by this module alone.

use std::collections::VecDeque;
use std::io::{self, BufRead, Read, Write};
use std::thread;

use crossbeam_channel::{Receiver, Sender, bounded, select};
use lsp_server::{Connection, ErrorCode, Message};
use serde_json::{Value, json};

/// The largest message read: a 16 MiB document, JSON-escaped, with room to spare.
pub(crate) const MAX_MESSAGE: usize = 64 * 1024 * 1024;

/// The longest header line; real ones are under 100 bytes.
const MAX_HEADER_LINE: usize = 8 * 1024;

/// What the next frame held: a message for the server, or an error for the client.
#[derive(Debug)]
pub enum Frame {
    Message(Message),
    /// The frame could not be used. `id` is the request's when the body was JSON with one.
    Invalid {
        id: Option<Value>,
        code: i32,
        message: String,
    },
}

impl Frame {
    fn parse_error(message: String) -> Frame {
        Frame::Invalid {
            id: None,
            code: ErrorCode::ParseError as i32,
            message,
        }
    }

    /// The JSON-RPC error response for an invalid frame.
    pub fn error_response(&self) -> Option<Value> {
        match self {
            Frame::Message(_) => None,
            Frame::Invalid { id, code, message } => Some(json!({
                "jsonrpc": "2.0",
                "id": id.clone().unwrap_or(Value::Null),
                "error": {"code": code, "message": message},
            })),
        }
    }
}

/// Reads frames from a byte stream, never holding more than one message of at most
/// [`MAX_MESSAGE`] bytes.
pub struct FrameReader<R> {
    inner: R,
    /// Bytes given back after a bad frame, read again before `inner`.
    pending: VecDeque<u8>,
    /// The last frame was bad and its end unknown: skip to the next `Content-Length` first.
    lost: bool,
}

/// The header every frame must carry, and the one the reader looks for to resynchronise.
const CONTENT_LENGTH: &[u8] = b"content-length:";

impl<R: BufRead> FrameReader<R> {
    pub fn new(inner: R) -> FrameReader<R> {
        FrameReader {
            inner,
            pending: VecDeque::new(),
            lost: false,
        }
    }

    /// The next frame, or `None` at the end of the stream. A bad frame is reported at once
    /// (the client may be waiting for the answer), and skipped on the next call.
    pub fn next_frame(&mut self) -> io::Result<Option<Frame>> {
        if std::mem::take(&mut self.lost) {
            self.resynchronise()?;
        }
        let mut length: Option<usize> = None;
        let mut first = true;
        loop {
            let Some(line) = self.header_line()? else {
                return Ok(if first {
                    None
                } else {
                    Some(Frame::parse_error(
                        "the stream ended inside a header".into(),
                    ))
                });
            };
            first = false;
            let line = match line {
                Line::TooLong => {
                    self.lost = true;
                    return Ok(Some(Frame::parse_error(format!(
                        "a header line is over {MAX_HEADER_LINE} bytes"
                    ))));
                }
                Line::Text(line) => line,
            };
            if line.is_empty() {
                break;
            }
            match header(&line) {
                Some((name, value)) if name.eq_ignore_ascii_case("content-length") => {
                    match value.trim().parse::<u64>() {
                        Ok(n) => length = Some(usize::try_from(n).unwrap_or(usize::MAX)),
                        Err(_) => {
                            self.lost = true;
                            return Ok(Some(Frame::parse_error(format!(
                                "`Content-Length: {}` is not a length",
                                shown(value)
                            ))));
                        }
                    }
                }
                Some(_) => {}
                None => {
                    // Perhaps the end of a body that was longer than its Content-Length said,
                    // run into the next frame's header: start again from that header.
                    self.lost = !self.give_back_from_header(&line);
                    return Ok(Some(Frame::parse_error(format!(
                        "malformed header line `{}`",
                        shown(&String::from_utf8_lossy(&line))
                    ))));
                }
            }
        }
        let Some(length) = length else {
            self.lost = true;
            return Ok(Some(Frame::parse_error(
                "a frame without a Content-Length header".into(),
            )));
        };
        if length > MAX_MESSAGE {
            // Nothing is allocated for it: its bytes are skipped up to the next frame.
            self.lost = true;
            return Ok(Some(Frame::parse_error(format!(
                "a message of {length} bytes is over the limit of {MAX_MESSAGE} bytes (64 MiB)"
            ))));
        }
        let mut body = Vec::new();
        let read = self.read_body(&mut body, length)?;
        if read < length {
            return Ok(Some(Frame::parse_error(format!(
                "the stream ended {} bytes into a body of {length}",
                read
            ))));
        }
        Ok(Some(self.decode(body)))
    }

    fn decode(&mut self, body: Vec<u8>) -> Frame {
        let value: Value = match serde_json::from_slice(&body) {
            Ok(value) => value,
            Err(err) => {
                // A Content-Length too long swallows the start of the next frame: look for it.
                if let Some(at) = find_header(&body, 1) {
                    self.give_back(body[at..].to_vec());
                }
                return Frame::parse_error(format!("the body is not JSON: {err}"));
            }
        };
        let id = match value.get("id") {
            Some(id @ (Value::Number(_) | Value::String(_))) => Some(id.clone()),
            _ => None,
        };
        match serde_json::from_value::<Message>(value) {
            Ok(message) => Frame::Message(message),
            Err(err) => Frame::Invalid {
                id,
                code: ErrorCode::InvalidRequest as i32,
                message: format!("not a JSON-RPC request, notification or response: {err}"),
            },
        }
    }

    /// Reads up to `length` bytes into `body`; fewer only at the end of the stream.
    fn read_body(&mut self, body: &mut Vec<u8>, length: usize) -> io::Result<usize> {
        let from_pending = self.pending.len().min(length);
        body.extend(self.pending.drain(..from_pending));
        let rest = (length - from_pending) as u64;
        (&mut self.inner).take(rest).read_to_end(body)?;
        Ok(body.len())
    }

    /// One header line without its line ending, at most [`MAX_HEADER_LINE`] bytes; `None` at
    /// the end of the stream before any byte.
    fn header_line(&mut self) -> io::Result<Option<Line>> {
        let mut line = Vec::new();
        let mut any = false;
        loop {
            let byte = match self.next_byte()? {
                Some(byte) => byte,
                None if any => break,
                None => return Ok(None),
            };
            any = true;
            if byte == b'\n' {
                break;
            }
            if line.len() >= MAX_HEADER_LINE {
                return Ok(Some(Line::TooLong));
            }
            line.push(byte);
        }
        if line.last() == Some(&b'\r') {
            line.pop();
        }
        Ok(Some(Line::Text(line)))
    }

    fn next_byte(&mut self) -> io::Result<Option<u8>> {
        if let Some(byte) = self.pending.pop_front() {
            return Ok(Some(byte));
        }
        let buf = loop {
            match self.inner.fill_buf() {
                Ok(buf) => break buf,
                Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
                Err(err) => return Err(err),
            }
        };
        let Some(&byte) = buf.first() else {
            return Ok(None);
        };
        self.inner.consume(1);
        Ok(Some(byte))
    }

    /// Skips bytes up to the next `Content-Length:` (any case), which is given back so that
    /// the next frame starts there. Memory stays constant however much is skipped.
    fn resynchronise(&mut self) -> io::Result<()> {
        let mut matched = 0;
        while let Some(byte) = self.next_byte()? {
            if byte.eq_ignore_ascii_case(&CONTENT_LENGTH[matched]) {
                matched += 1;
            } else {
                // `c` occurs only at the start of the pattern, so no partial match is lost.
                matched = usize::from(byte.eq_ignore_ascii_case(&CONTENT_LENGTH[0]));
            }
            if matched == CONTENT_LENGTH.len() {
                self.give_back(CONTENT_LENGTH.to_vec());
                return Ok(());
            }
        }
        Ok(())
    }

    /// A malformed header line that holds a `Content-Length:` further on gives that part back.
    fn give_back_from_header(&mut self, line: &[u8]) -> bool {
        let Some(at) = find_header(line, 1) else {
            return false;
        };
        self.give_back([&line[at..], b"\r\n"].concat());
        true
    }

    /// Puts `bytes` before whatever is pending.
    fn give_back(&mut self, bytes: Vec<u8>) {
        for &byte in bytes.iter().rev() {
            self.pending.push_front(byte);
        }
    }
}

enum Line {
    Text(Vec<u8>),
    TooLong,
}

/// `Name: value` when the name is a header token (letters, digits, `-`).
fn header(line: &[u8]) -> Option<(&str, &str)> {
    let text = std::str::from_utf8(line).ok()?;
    let (name, value) = text.split_once(':')?;
    let token = !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    token.then_some((name, value))
}

/// Where `Content-Length:` (any case) starts in `bytes`, looking from `from`.
fn find_header(bytes: &[u8], from: usize) -> Option<usize> {
    let n = CONTENT_LENGTH.len();
    (from..bytes.len().saturating_sub(n - 1))
        .find(|&i| bytes[i..i + n].eq_ignore_ascii_case(CONTENT_LENGTH))
}

/// At most 80 characters of a header value, for an error message.
fn shown(text: &str) -> String {
    let cut: String = text.chars().take(80).collect();
    if cut.len() < text.len() {
        format!("{cut}…")
    } else {
        cut
    }
}

/// The reader and writer threads of a stdio connection.
pub(crate) struct IoThreads {
    reader: thread::JoinHandle<io::Result<()>>,
    writer: thread::JoinHandle<io::Result<()>>,
}

impl IoThreads {
    /// Waits for the writer to flush what the server sent. The reader may still be blocked on
    /// stdin (a client that never closes it); it is not waited for.
    pub fn join(self) -> io::Result<()> {
        drop(self.reader);
        match self.writer.join() {
            Ok(result) => result,
            Err(_) => Err(io::Error::other("the writer thread panicked")),
        }
    }
}

/// A connection over stdin and stdout through [`FrameReader`].
pub(crate) fn stdio() -> io::Result<(Connection, IoThreads)> {
    let (to_server, from_client) = bounded::<Message>(0);
    let (to_client, outgoing) = bounded::<Message>(0);
    let (errors, error_out) = bounded::<Value>(16);
    let reader = thread::Builder::new()
        .name("fairlint-lsp-reader".into())
        .spawn(move || read_loop(io::stdin().lock(), &to_server, &errors))?;
    let writer = thread::Builder::new()
        .name("fairlint-lsp-writer".into())
        .spawn(move || write_loop(io::stdout().lock(), &outgoing, &error_out))?;
    let connection = Connection {
        sender: to_client,
        receiver: from_client,
    };
    Ok((connection, IoThreads { reader, writer }))
}

/// Passes messages to the server and errors to the writer until the stream ends or the client
/// says `exit`.
pub(crate) fn read_loop(
    input: impl BufRead,
    to_server: &Sender<Message>,
    errors: &Sender<Value>,
) -> io::Result<()> {
    let mut reader = FrameReader::new(input);
    while let Some(frame) = reader.next_frame()? {
        match frame {
            Frame::Message(message) => {
                let exit = matches!(&message, Message::Notification(n) if n.method == "exit");
                if to_server.send(message).is_err() || exit {
                    return Ok(());
                }
            }
            invalid => {
                if let Some(response) = invalid.error_response()
                    && errors.send(response).is_err()
                {
                    return Ok(());
                }
            }
        }
    }
    Ok(())
}

fn write_loop(
    mut out: impl Write,
    messages: &Receiver<Message>,
    errors: &Receiver<Value>,
) -> io::Result<()> {
    let mut errors_open = true;
    loop {
        let body = if errors_open {
            select! {
                recv(messages) -> message => match message {
                    Ok(message) => serde_json::to_vec(&message)?,
                    Err(_) => return Ok(()),
                },
                recv(errors) -> error => match error {
                    Ok(error) => serde_json::to_vec(&error)?,
                    Err(_) => {
                        errors_open = false;
                        continue;
                    }
                },
            }
        } else {
            match messages.recv() {
                Ok(message) => serde_json::to_vec(&message)?,
                Err(_) => return Ok(()),
            }
        };
        write!(out, "Content-Length: {}\r\n\r\n", body.len())?;
        out.write_all(&body)?;
        out.flush()?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &[u8]) -> Vec<Frame> {
        let mut reader = FrameReader::new(input);
        let mut out = Vec::new();
        while let Some(frame) = reader.next_frame().unwrap() {
            out.push(frame);
        }
        out
    }

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    const PING: &str = r#"{"jsonrpc":"2.0","method":"ping","params":null}"#;

    fn is_ping(frame: &Frame) -> bool {
        matches!(frame, Frame::Message(Message::Notification(n)) if n.method == "ping")
    }

    fn code(frame: &Frame) -> i32 {
        match frame {
            Frame::Invalid { code, .. } => *code,
            Frame::Message(m) => panic!("expected an error, got {m:?}"),
        }
    }

    #[test]
    fn a_huge_content_length_is_refused_without_allocating() {
        let input = format!(
            "Content-Length: 1000000000000000\r\n\r\n{{}}{}",
            frame(PING)
        );
        let got = frames(input.as_bytes());
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(code(&got[0]), -32700);
        assert!(is_ping(&got[1]));
    }

    #[test]
    fn bad_frames_are_errors_and_the_reader_resynchronises() {
        let cases = [
            format!("Content-Type: x\r\n\r\n{PING}"),
            format!("Content-Length: twelve\r\n\r\n{PING}"),
            frame("{not json"),
            frame("[1, 2]"),
            format!("Content-Length: 5\r\n\r\n{PING}"),
            format!("Content-Length: {}\r\n\r\n{PING}", PING.len() + 10),
            format!("garbage line\r\n\r\n{PING}"),
            frame("\u{1b}[31m"),
        ];
        for case in cases {
            // A Content-Length too long swallows the start of the next frame, so two follow.
            let input = format!("{case}{}{}", frame(PING), frame(PING));
            let got = frames(input.as_bytes());
            assert!(
                got.iter().any(|f| matches!(f, Frame::Invalid { .. })),
                "{case:?}: {got:?}"
            );
            assert!(got.last().is_some_and(is_ping), "{case:?}: {got:?}");
        }
    }

    #[test]
    fn an_invalid_request_keeps_its_id() {
        let got = frames(frame(r#"{"jsonrpc":"2.0","id":7,"method":3}"#).as_bytes());
        let response = got[0].error_response().unwrap();
        assert_eq!(response["id"], 7);
        assert_eq!(response["error"]["code"], -32600);
    }

    #[test]
    fn a_long_header_line_is_refused() {
        let input = format!("X-{}: 1\r\n\r\n{}", "a".repeat(100_000), frame(PING));
        let got = frames(input.as_bytes());
        assert_eq!(code(&got[0]), -32700);
        assert!(got.last().is_some_and(is_ping), "{got:?}");
    }

    #[test]
    fn good_frames_pass_with_lf_or_crlf() {
        let input = format!("{}Content-Length: {}\n\n{PING}", frame(PING), PING.len());
        let got = frames(input.as_bytes());
        assert!(got.iter().all(is_ping) && got.len() == 2, "{got:?}");
    }
}
