//! `--format lsp`: one LSP `PublishDiagnosticsParams` per file, as a JSON array, for editor
//! plugins that shell out instead of running `fairlint lsp`. The conversion from findings to LSP
//! diagnostics lives here and the language server uses it too, so both speak the same way.

use std::io::{self, Write};
use std::path::Path;
use std::str::FromStr;

use lsp_types::{
    CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location,
    NumberOrString, Position, PublishDiagnosticsParams, Range, Uri,
};

use crate::check::Analysis;
use crate::finding::Finding;
use crate::input::FileError;
use crate::position::{Encoding, LineIndex, from_lsp, to_lsp};
use crate::report::{FileReport, Summary};
use crate::rules::{self, Severity};

/// A JSON array of `PublishDiagnosticsParams`, one per file, written as the files complete.
#[derive(Default)]
pub(crate) struct Stream {
    files: super::JsonArray,
}

impl super::Emitter for Stream {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        write!(out, "[")
    }

    fn file(&mut self, file: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        match publish_params(file) {
            Some(params) => self.files.push(&params, 1, out),
            None => Ok(()),
        }
    }

    fn end(&mut self, _summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        self.files.close(1, out)?;
        writeln!(out)
    }
}

fn publish_params(file: &FileReport) -> Option<PublishDiagnosticsParams> {
    let uri = file_uri(Path::new(&file.path))?;
    let mut diagnostics = match &file.analysis {
        Some(analysis) => diagnostics(analysis, &file.findings, Encoding::Utf16),
        None => Vec::new(),
    };
    let analysis = file.analysis.as_ref();
    diagnostics.extend(input_diagnostics(analysis, &file.errors, Encoding::Utf16));
    Some(PublishDiagnosticsParams {
        uri,
        diagnostics,
        version: None,
    })
}

/// What could not be read or understood, as the command line and the language server both show
/// it: on its span, its line, or the first line.
pub(crate) fn input_diagnostics(
    analysis: Option<&Analysis>,
    problems: &[FileError],
    encoding: Encoding,
) -> Vec<Diagnostic> {
    problems
        .iter()
        .map(|e| {
            let at = match (analysis, &e.span, e.position) {
                (Some(analysis), Some(span), _) => range(analysis, span, encoding),
                (_, _, Some((line, column))) => {
                    let start = Position::new(
                        line.saturating_sub(1) as u32,
                        column.saturating_sub(1) as u32,
                    );
                    Range::new(start, start)
                }
                _ => Range::default(),
            };
            input_diagnostic(at, e.message.clone())
        })
        .collect()
}

/// An input problem (broken front matter, an unreadable original, a file over a limit) as a
/// diagnostic, under the code `input`.
pub(crate) fn input_diagnostic(range: Range, message: String) -> Diagnostic {
    Diagnostic {
        range,
        severity: Some(DiagnosticSeverity::ERROR),
        code: Some(NumberOrString::String("input".into())),
        source: Some("fairlint".into()),
        message,
        ..Diagnostic::default()
    }
}

/// LSP diagnostics for one analysed document, with ranges in the client's encoding.
pub fn diagnostics(
    analysis: &Analysis,
    findings: &[Finding],
    encoding: Encoding,
) -> Vec<Diagnostic> {
    findings
        .iter()
        .map(|f| diagnostic(analysis, f, encoding))
        .collect()
}

pub fn range(analysis: &Analysis, span: &std::ops::Range<usize>, encoding: Encoding) -> Range {
    let article = &analysis.article;
    let (sl, sc) = to_lsp(&article.source, &article.lines, span.start, encoding);
    let (el, ec) = to_lsp(&article.source, &article.lines, span.end, encoding);
    Range::new(Position::new(sl, sc), Position::new(el, ec))
}

fn diagnostic(analysis: &Analysis, finding: &Finding, encoding: Encoding) -> Diagnostic {
    let severity = match finding.severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    };
    let related: Vec<DiagnosticRelatedInformation> = finding
        .related
        .iter()
        .filter_map(|r| {
            let uri = file_uri(Path::new(&r.path))?;
            Some(DiagnosticRelatedInformation {
                location: Location::new(uri, Range::default()),
                message: r.text.clone(),
            })
        })
        .collect();
    let mut message = finding.message.clone();
    if let Some(help) = &finding.help {
        message.push_str("\n\n");
        message.push_str(help);
    }
    Diagnostic {
        range: range(analysis, &finding.span, encoding),
        severity: Some(severity),
        code: Some(NumberOrString::String(finding.rule.clone())),
        code_description: Uri::from_str(&rules::docs_url(&finding.rule))
            .ok()
            .map(|href| CodeDescription { href }),
        source: Some("fairlint".into()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

/// The byte offset of an LSP position in `text`.
pub fn offset(text: &str, lines: &LineIndex, position: Position, encoding: Encoding) -> usize {
    from_lsp(text, lines, position.line, position.character, encoding)
}

/// The byte range of an LSP range in `text`, start before end whatever the client sent.
pub(crate) fn byte_range(
    text: &str,
    lines: &LineIndex,
    range: Range,
    encoding: Encoding,
) -> std::ops::Range<usize> {
    let start = offset(text, lines, range.start, encoding);
    let end = offset(text, lines, range.end, encoding);
    start.min(end)..end.max(start)
}

/// `file://` URI of a path, made absolute, with the characters URIs reserve percent-encoded.
pub fn file_uri(path: &Path) -> Option<Uri> {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().ok()?.join(path)
    };
    let mut encoded = String::from("file://");
    let text = absolute.to_string_lossy();
    for component in text.split('/').skip_while(|c| c.is_empty()) {
        encoded.push('/');
        // A path segment may hold sub-delimiters, `:` and `@` as they are (RFC 3986, pchar).
        let pchar = |b: u8| crate::percent::unreserved(b) || b"!$&'()*+,;=:@".contains(&b);
        encoded.push_str(&crate::percent::encode(component, pchar));
    }
    Uri::from_str(&encoded).ok()
}

/// The path a `file://` URI names, decoding percent escapes.
pub(crate) fn uri_path(uri: &Uri) -> Option<std::path::PathBuf> {
    let text = uri.as_str().strip_prefix("file://")?;
    let bytes = crate::percent::decode(text);
    Some(std::path::PathBuf::from(String::from_utf8(bytes).ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_round_trip_and_escape() {
        let uri = file_uri(Path::new("/tmp/a b/“x”.md")).unwrap();
        assert_eq!(uri.as_str(), "file:///tmp/a%20b/%E2%80%9Cx%E2%80%9D.md");
        assert_eq!(uri_path(&uri).unwrap(), Path::new("/tmp/a b/“x”.md"));
    }
}
