//! `fairlint claims`: the provenance table. Every quote and figure with the source it is
//! attributed to, as a table for people or the versioned JSON for tools.

use std::io::{self, Write};

use serde::Serialize;

use super::ListFormat;
use crate::attribution::{Attribution, Scope, Status};
use crate::check::Analysis;
use crate::claims::{Claim, ClaimKind};
use crate::report::{FileReport, Summary};
use crate::visible::visible;

#[derive(Serialize)]
struct FileOut<'a> {
    path: &'a str,
    claims: Vec<ClaimOut>,
    errors: Vec<&'a str>,
}

#[derive(Serialize)]
pub(crate) struct ClaimOut {
    pub kind: ClaimKind,
    pub text: String,
    pub byte_start: usize,
    pub byte_end: usize,
    pub char_start: usize,
    pub char_end: usize,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    /// A quote that names rather than reports (a title, a term, a scare quote): it needs no
    /// speaker, so `quote-unattributed` passes it by.
    pub term: bool,
    /// The quoted words without their marks: two or more for a quote split around its
    /// attribution (“A,” she said, “B.”), whose tag is not part of the claim.
    pub parts: Vec<PartOut>,
    pub attribution: AttributionOut,
}

#[derive(Serialize)]
pub(crate) struct PartOut {
    pub byte_start: usize,
    pub byte_end: usize,
    pub char_start: usize,
    pub char_end: usize,
}

#[derive(Serialize)]
pub(crate) struct AttributionOut {
    pub status: Status,
    pub speaker: Option<String>,
    pub outlet: Option<String>,
    pub cue: Option<String>,
    pub listed: bool,
    pub scope: Scope,
    /// The attribution names an outlet or organisation that a source list could hold; for a
    /// person or a public body the table shows `-` rather than a misleading "no".
    #[serde(skip)]
    pub listable: bool,
}

/// One claim as the JSON contract and the table show it.
pub(crate) fn claim_out(analysis: &Analysis, claim: &Claim, at: &Attribution) -> ClaimOut {
    let article = &analysis.article;
    let (start, end) = super::line_cols(&article.source, &article.lines, &claim.span);
    let cue = at.cue.map(|i| &analysis.attributions.cues[i]);
    let speaker = cue
        .and_then(|c| c.speaker.as_ref())
        .or(at.subject.as_ref())
        .map(|m| m.text.clone());
    ClaimOut {
        kind: claim.kind,
        text: claim.text(&article.source),
        byte_start: claim.span.start,
        byte_end: claim.span.end,
        char_start: article.lines.char_offset(&article.source, claim.span.start),
        char_end: article.lines.char_offset(&article.source, claim.span.end),
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
        term: claim.term,
        parts: claim
            .parts
            .iter()
            .map(|p| PartOut {
                byte_start: p.start,
                byte_end: p.end,
                char_start: article.lines.char_offset(&article.source, p.start),
                char_end: article.lines.char_offset(&article.source, p.end),
            })
            .collect(),
        attribution: AttributionOut {
            status: at.status,
            speaker,
            outlet: cue.and_then(|c| c.outlet.as_ref()).map(|m| m.text.clone()),
            cue: cue.map(|c| article.source[c.span.clone()].to_string()),
            listed: at.listed,
            listable: at.listed || cue.is_some_and(|c| c.organisations().next().is_some()),
            scope: at.scope,
        },
    }
}

fn claims_of(analysis: &Analysis) -> Vec<ClaimOut> {
    analysis
        .claims
        .iter()
        .zip(&analysis.attributions.claims)
        .map(|(c, a)| claim_out(analysis, c, a))
        .collect()
}

/// The table or the JSON document, written file by file as files complete, like `check`.
pub(crate) struct Stream {
    format: ListFormat,
    files: super::JsonArray,
}

impl Stream {
    pub fn new(format: ListFormat) -> Stream {
        Stream {
            format,
            files: super::JsonArray::default(),
        }
    }
}

impl super::Emitter for Stream {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.format != ListFormat::Json {
            return Ok(());
        }
        let version = super::json::VERSION;
        write!(out, "{{\n  \"version\": {version},\n  \"files\": [")
    }

    fn file(&mut self, file: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        match self.format {
            ListFormat::Json => self.files.push(&file_out(file), 2, out),
            ListFormat::Human => emit_table(file, false, out),
            ListFormat::Short => emit_table(file, true, out),
        }
    }

    fn end(&mut self, _summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        if self.format != ListFormat::Json {
            return Ok(());
        }
        self.files.close(2, out)?;
        writeln!(out, "\n}}")
    }
}

fn file_out(file: &FileReport) -> FileOut<'_> {
    FileOut {
        path: &file.path,
        claims: file.analysis.as_ref().map(claims_of).unwrap_or_default(),
        errors: file.errors.iter().map(|e| e.message.as_str()).collect(),
    }
}

/// One table cell: whitespace folded, control characters made visible, cut to `width`.
fn clip(text: &str, width: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let flat = visible(&flat);
    if flat.chars().count() <= width {
        return flat.into_owned();
    }
    let cut: String = flat.chars().take(width - 1).collect();
    format!("{cut}…")
}

fn emit_table(file: &FileReport, short: bool, out: &mut dyn Write) -> io::Result<()> {
    for e in &file.errors {
        writeln!(
            out,
            "{}: error: {}",
            visible(&file.path),
            visible(&e.message)
        )?;
    }
    let Some(analysis) = &file.analysis else {
        return Ok(());
    };
    let claims = claims_of(analysis);
    if short {
        for c in &claims {
            writeln!(
                out,
                // `{:?}` shows control characters as `visible` does (`\u{1b}`).
                "{}:{}:{}: {} {} speaker={} outlet={} listed={} {:?}",
                visible(&file.path),
                c.line,
                c.column,
                kind(c.kind),
                status(c.attribution.status),
                visible(c.attribution.speaker.as_deref().unwrap_or("-")),
                visible(c.attribution.outlet.as_deref().unwrap_or("-")),
                c.attribution.listed,
                c.text
            )?;
        }
        return Ok(());
    }
    let count = crate::report::plural_of(claims.len(), "claim");
    writeln!(out, "{} ({count})", visible(&file.path))?;
    writeln!(
        out,
        "  {:<8} {:<6} {:<6} {:<34} {:<26} {:<6} TEXT",
        "LINE:COL", "KIND", "STATUS", "SPEAKER", "OUTLET", "LISTED"
    )?;
    for c in &claims {
        writeln!(
            out,
            "  {:<8} {:<6} {:<6} {:<34} {:<26} {:<6} {}",
            format!("{}:{}", c.line, c.column),
            kind(c.kind),
            status(c.attribution.status),
            clip(c.attribution.speaker.as_deref().unwrap_or("-"), 34),
            clip(c.attribution.outlet.as_deref().unwrap_or("-"), 26),
            match (c.attribution.listable, c.attribution.listed) {
                (false, _) => "-",
                (true, true) => "yes",
                (true, false) => "no",
            },
            clip(&c.text, 60)
        )?;
    }
    writeln!(out)?;
    Ok(())
}

fn kind(kind: ClaimKind) -> &'static str {
    match kind {
        ClaimKind::Quote => "quote",
        ClaimKind::Figure => "figure",
    }
}

fn status(status: Status) -> &'static str {
    match status {
        Status::Named => "named",
        Status::Vague => "vague",
        Status::None => "none",
    }
}
