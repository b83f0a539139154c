//! Pretty output for people: each finding rendered by miette with its span underlined, the rule
//! id, a message and a hint, then a one-line summary. Colour only on a terminal.

use std::fmt;
use std::io::{self, Write};

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceCode};

use super::Style;
use crate::finding::Finding;
use crate::position::LineIndex;
use crate::report::{FileReport, Summary};
use crate::rules::Severity;
use crate::snippet::Snippet;
use crate::visible::visible;

struct Report {
    message: String,
    code: String,
    severity: miette::Severity,
    help: Option<String>,
    labels: Vec<LabeledSpan>,
    /// The lines around the span, windowed: never a whole long line.
    source: Snippet,
    /// The original passages beside a copy finding, each rendered with its own source.
    related: Vec<Report>,
}

impl fmt::Debug for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Report {}

impl Diagnostic for Report {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        (!self.code.is_empty()).then(|| Box::new(&self.code) as Box<dyn fmt::Display>)
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }
}

fn miette_severity(severity: Severity) -> miette::Severity {
    match severity {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    }
}

pub(crate) fn handler(style: Style) -> GraphicalReportHandler {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false)
}

/// The article a finding is in: its name, text and line index.
struct Article<'a> {
    name: &'a str,
    text: &'a str,
    lines: &'a LineIndex,
}

fn finding_report(finding: &Finding, article: &Article, width: usize) -> Report {
    let span = finding.span.start..finding.span.end.max(finding.span.start);
    let source = Snippet::new(
        visible(article.name).as_ref(),
        article.text,
        span,
        Some(article.lines),
        width,
    );
    Report {
        message: visible(&finding.message).into_owned(),
        code: finding.rule.clone(),
        severity: miette_severity(finding.severity),
        help: finding.help.as_deref().map(|h| visible(h).into_owned()),
        labels: vec![LabeledSpan::new_with_span(
            Some(visible(&finding.label).into_owned()),
            source.span(),
        )],
        source,
        related: finding
            .related
            .iter()
            .filter_map(|r| related_report(r, width))
            .collect(),
    }
}

/// The original passage as its own small report, shown under the finding.
fn related_report(related: &crate::finding::Related, width: usize) -> Option<Report> {
    let text = related.source.clone()?;
    let label = match related.similarity {
        Some(s) => format!("original ({:.0}% similar)", s * 100.0),
        None => "original".to_string(),
    };
    let path = visible(&related.path);
    let source = Snippet::new(path.as_ref(), &text, related.span.clone(), None, width);
    Some(Report {
        message: format!("the original, in {path}"),
        code: String::new(),
        severity: miette::Severity::Advice,
        help: None,
        labels: vec![LabeledSpan::new_with_span(Some(label), source.span())],
        source,
        related: Vec::new(),
    })
}

/// Findings file by file, then the summary line.
pub(crate) struct Stream {
    handler: GraphicalReportHandler,
    width: usize,
    quiet: bool,
}

impl Stream {
    pub fn new(style: Style) -> Stream {
        Stream {
            handler: handler(style),
            width: style.width,
            quiet: style.quiet,
        }
    }
}

impl super::Emitter for Stream {
    fn file(&mut self, file: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        emit_file(&self.handler, self.width, file, out)
    }

    fn end(&mut self, summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        if self.quiet {
            return Ok(());
        }
        for line in summary.line().lines() {
            writeln!(out, "{}", wrap(line, self.width))?;
        }
        Ok(())
    }
}

/// `line` broken between words to fit `width` characters, continuation lines indented, so the
/// terminal never breaks a word.
fn wrap(line: &str, width: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for word in line.split(' ') {
        let chars = word.chars().count();
        if used > 0 && used + 1 + chars > width {
            out.push_str("\n  ");
            used = 2;
        } else if used > 0 {
            out.push(' ');
            used += 1;
        }
        out.push_str(word);
        used += chars;
    }
    out
}

fn emit_file(
    handler: &GraphicalReportHandler,
    width: usize,
    file: &FileReport,
    out: &mut dyn Write,
) -> io::Result<()> {
    if let Some(analysis) = &file.analysis {
        let article = Article {
            name: &file.path,
            text: &analysis.article.source,
            lines: &analysis.article.lines,
        };
        let problems = file.errors.iter().map(|e| Finding {
            rule: "input".into(),
            severity: Severity::Error,
            message: e.message.clone(),
            span: e.span.clone().unwrap_or(0..0),
            label: "here".into(),
            help: None,
            related: Vec::new(),
            fix: None,
        });
        for finding in file.findings.iter().cloned().chain(problems) {
            // The original passages are rendered as reports of their own under the finding:
            // as miette's related diagnostics they would be headed "Advice:".
            let main = finding_report(&finding, &article, width);
            let mut text = String::new();
            handler
                .render_report(&mut text, &main)
                .map_err(io::Error::other)?;
            for original in &main.related {
                text.push('\n');
                handler
                    .render_report(&mut text, original)
                    .map_err(io::Error::other)?;
            }
            writeln!(out, "{text}")?;
        }
        return Ok(());
    }
    for e in &file.errors {
        writeln!(
            out,
            "  × {}: {}\n",
            visible(&file.path),
            visible(&e.message)
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn long_lines_break_between_words() {
        assert_eq!(super::wrap("one two three", 9), "one two\n  three");
        assert_eq!(super::wrap("one two", 80), "one two");
    }
}
