//! `--format sarif`: SARIF 2.1.0 for code scanning (GitHub, GitLab, Azure DevOps).
//!
//! One run. `tool.driver.rules` holds every built-in rule with its documentation and default
//! level; each finding is a result with one physical location (line/column in Unicode code
//! points, as `columnKind` says, plus the character offset and length) and, where the finding
//! has them, related locations. Problems reading input are tool execution notifications on the
//! one invocation. The objects are plain serde structs written for the fields fairlint uses;
//! `tests/formats.rs` validates the output against the OASIS schema. Nothing in the output
//! depends on the time or the machine, so two runs over the same files print the same bytes.

use std::io::{self, Write};
use std::ops::Range;

use serde::Serialize;

use crate::check::Analysis;
use crate::finding::{Finding, Fix, Related};
use crate::input::FileError;
use crate::position::floor_char_boundary;
use crate::report::{FileReport, Summary};
use crate::rules::{RuleDef, Severity};

/// The schema the output declares: the OASIS 2.1.0 schema (Errata 01).
pub(crate) const SCHEMA_URI: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
pub(crate) const INFORMATION_URI: &str = "https://github.com/fairlint/fairlint";
/// The base that relative artifact URIs are resolved against: the folder fairlint ran in, which
/// in CI is the repository root. Code scanning resolves it to the checkout.
pub const SRCROOT: &str = "%SRCROOT%";

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    information_uri: &'static str,
    rules: Vec<Descriptor<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Descriptor<'a> {
    id: &'a str,
    name: String,
    short_description: Text<'a>,
    full_description: Text<'a>,
    help: Help,
    default_configuration: Configuration<'a>,
}

#[derive(Serialize)]
struct Text<'a> {
    text: std::borrow::Cow<'a, str>,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration<'a> {
    level: &'static str,
    /// The rule's options with their default values.
    #[serde(skip_serializing_if = "Option::is_none")]
    parameters: Option<std::collections::BTreeMap<&'a str, &'a serde_yaml::Value>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
struct Notification {
    level: &'static str,
    message: Message,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    locations: Vec<Location>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultOut<'a> {
    rule_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Message,
    locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<FixOut>,
}

/// A finding's fix: its edits as replacements in the article, by character offset and length.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FixOut {
    description: Message,
    artifact_changes: Vec<ArtifactChange>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange {
    artifact_location: ArtifactLocation,
    replacements: Vec<Replacement>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement {
    deleted_region: Region,
    inserted_content: Message,
}

#[derive(Serialize)]
struct Message {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Message>,
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<LocationProperties>,
}

#[derive(Serialize)]
struct LocationProperties {
    similarity: f64,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize, Default)]
#[serde(rename_all = "camelCase")]
struct Region {
    #[serde(skip_serializing_if = "Option::is_none")]
    start_line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    char_offset: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    char_length: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    byte_offset: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    byte_length: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    snippet: Option<Snippet>,
}

#[derive(Serialize)]
struct Snippet {
    text: String,
}

/// One log with one run. The results are written as the files complete; the tool (every
/// built-in rule) is known before the first file, and the invocation (problems reading input)
/// is written after the last, so the document's keys come in that order.
#[derive(Default)]
pub(crate) struct Stream {
    results: super::JsonArray,
    notifications: Vec<Notification>,
    some_file_failed: bool,
}

impl super::Emitter for Stream {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let tool = Tool {
            driver: Driver {
                name: "fairlint",
                version: env!("CARGO_PKG_VERSION"),
                semantic_version: env!("CARGO_PKG_VERSION"),
                information_uri: INFORMATION_URI,
                rules: crate::rules::builtin().iter().map(descriptor).collect(),
            },
        };
        write!(
            out,
            "{{\n  \"$schema\": {},\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {{\n      \"tool\": ",
            serde_json::to_string(SCHEMA_URI)?
        )?;
        super::write_nested(&tool, 3, out)?;
        write!(out, ",\n      \"results\": [")
    }

    fn file(&mut self, file: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        let rules = crate::rules::builtin();
        if let Some(analysis) = &file.analysis {
            for finding in &file.findings {
                let result = result(file, analysis, finding, rules);
                self.results.push(&result, 4, out)?;
            }
        }
        for error in &file.errors {
            self.notifications.push(notification(file, error));
        }
        self.some_file_failed |= file.errors.iter().any(|e| e.fatal);
        Ok(())
    }

    fn end(&mut self, _summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        self.results.close(4, out)?;
        let invocations = [Invocation {
            // The tool failed only where it could not check a file at all; findings and
            // problems inside a checked file are reported, not failures of the run.
            execution_successful: !self.some_file_failed,
            tool_execution_notifications: std::mem::take(&mut self.notifications),
        }];
        write!(out, ",\n      \"invocations\": ")?;
        super::write_nested(&invocations, 3, out)?;
        writeln!(
            out,
            ",\n      \"columnKind\": \"unicodeCodePoints\"\n    }}\n  ]\n}}"
        )
    }
}

/// The SARIF level of a severity.
pub fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn descriptor(rule: &RuleDef) -> Descriptor<'_> {
    let mut explain = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = super::rules::emit_explain(rule, &mut explain);
    let explain = String::from_utf8_lossy(&explain).trim_end().to_string();
    let parameters = (!rule.options.is_empty()).then(|| {
        rule.options
            .iter()
            .map(|(name, option)| (name.as_str(), &option.default))
            .collect()
    });
    Descriptor {
        id: &rule.id,
        name: pascal_case(&rule.id),
        short_description: Text {
            text: rule.summary.as_str().into(),
        },
        full_description: Text {
            text: what_it_does(rule).map_or(rule.summary.as_str().into(), Into::into),
        },
        help: Help {
            text: explain.clone(),
            markdown: explain,
        },
        default_configuration: Configuration {
            level: level(rule.severity),
            parameters,
        },
    }
}

/// `quote-unattributed` → `QuoteUnattributed`.
pub(crate) fn pascal_case(id: &str) -> String {
    id.split(['-', '_'])
        .filter(|part| !part.is_empty())
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map_or(String::new(), |first| {
                first.to_uppercase().chain(chars).collect::<String>()
            })
        })
        .collect()
}

/// The first paragraph of the rule's "## What it does" section, unwrapped.
fn what_it_does(rule: &RuleDef) -> Option<String> {
    let start = rule.docs.find("## What it does")?;
    let body = &rule.docs[start..];
    let body = &body[body.find('\n')? + 1..];
    let paragraph: Vec<&str> = body
        .lines()
        .map(str::trim)
        .take_while(|line| !line.is_empty() && !line.starts_with('#'))
        .collect();
    (!paragraph.is_empty()).then(|| paragraph.join(" "))
}

fn result<'a>(
    file: &FileReport,
    analysis: &Analysis,
    finding: &'a Finding,
    rules: &[RuleDef],
) -> ResultOut<'a> {
    let related_locations = finding
        .related
        .iter()
        .enumerate()
        .map(|(i, related)| related_location(file, analysis, related, i + 1))
        .collect();
    ResultOut {
        rule_id: &finding.rule,
        rule_index: rules.iter().position(|r| r.id == finding.rule),
        level: level(finding.severity),
        message: Message {
            text: message_text(finding),
        },
        locations: vec![Location {
            id: None,
            physical_location: PhysicalLocation {
                artifact_location: artifact_location(&file.path),
                region: Some(text_region(analysis, &finding.span, true)),
            },
            message: None,
            properties: None,
        }],
        related_locations,
        fixes: finding
            .fix
            .iter()
            .map(|fix| fix_out(file, analysis, fix))
            .collect(),
    }
}

/// A fix as SARIF has it: one change to the article, each edit a replacement of a region given
/// by character offset and length (an insertion deletes nothing).
fn fix_out(file: &FileReport, analysis: &Analysis, fix: &Fix) -> FixOut {
    let source: &str = &analysis.article.source;
    let replacements = fix
        .edits
        .iter()
        .map(|edit| {
            let start = floor_char_boundary(source, edit.range.start.min(source.len()));
            let end = floor_char_boundary(source, edit.range.end.min(source.len())).max(start);
            Replacement {
                deleted_region: Region {
                    char_offset: Some(analysis.article.lines.char_offset(source, start)),
                    char_length: Some(source[start..end].chars().count()),
                    ..Region::default()
                },
                inserted_content: Message {
                    text: edit.text.clone(),
                },
            }
        })
        .collect();
    FixOut {
        description: Message {
            text: fix.title.clone(),
        },
        artifact_changes: vec![ArtifactChange {
            artifact_location: artifact_location(&file.path),
            replacements,
        }],
    }
}

/// The finding's message, and its help on the next line.
pub(crate) fn message_text(finding: &Finding) -> String {
    match &finding.help {
        Some(help) if !help.is_empty() => format!("{}\nhelp: {help}", finding.message),
        _ => finding.message.clone(),
    }
}

fn related_location(
    file: &FileReport,
    analysis: &Analysis,
    related: &Related,
    id: usize,
) -> Location {
    let region = if related.path == file.path {
        text_region(analysis, &related.span, false)
    } else {
        // Another file (an original text): fairlint has its text only while checking, so the
        // place is given in bytes, which SARIF allows for any artifact.
        Region {
            byte_offset: Some(related.span.start),
            byte_length: Some(related.span.len()),
            ..Region::default()
        }
    };
    Location {
        id: Some(id),
        physical_location: PhysicalLocation {
            artifact_location: artifact_location(&related.path),
            region: Some(region),
        },
        message: Some(Message {
            text: related.text.clone(),
        }),
        properties: related
            .similarity
            .map(|similarity| LocationProperties { similarity }),
    }
}

fn notification(file: &FileReport, error: &FileError) -> Notification {
    let region = match (&file.analysis, &error.span) {
        (Some(analysis), Some(span)) => Some(text_region(analysis, span, false)),
        _ => file.error_position(error).map(|at| Region {
            start_line: Some(at.line),
            start_column: Some(at.column),
            ..Region::default()
        }),
    };
    Notification {
        level: "error",
        message: Message {
            text: error.message.clone(),
        },
        locations: vec![Location {
            id: None,
            physical_location: PhysicalLocation {
                artifact_location: artifact_location(&file.path),
                region,
            },
            message: None,
            properties: None,
        }],
    }
}

/// A text region: lines and columns (1-based, code points; the end just past the span) and the
/// same span as a character offset and length.
fn text_region(analysis: &Analysis, span: &Range<usize>, snippet: bool) -> Region {
    let article = &analysis.article;
    let source: &str = &article.source;
    let start = floor_char_boundary(source, span.start.min(source.len()));
    let end = floor_char_boundary(source, span.end.min(source.len())).max(start);
    let (from, to) = super::line_cols(source, &article.lines, &(start..end));
    Region {
        start_line: Some(from.line),
        start_column: Some(from.column),
        end_line: Some(to.line),
        end_column: Some(to.column),
        char_offset: Some(article.lines.char_offset(source, start)),
        char_length: Some(source[start..end].chars().count()),
        snippet: snippet.then(|| Snippet {
            text: source[start..end].to_string(),
        }),
        ..Region::default()
    }
}

fn artifact_location(path: &str) -> ArtifactLocation {
    let (uri, relative) = path_uri(path);
    ArtifactLocation {
        uri,
        uri_base_id: relative.then_some(SRCROOT),
    }
}

/// A path as reported (`./desk/story.md`, `desk\story.md` on Windows) in the form annotations
/// and code scanning match against the repository: forward slashes, no leading `./`.
pub(crate) fn normalize_path(path: &str) -> String {
    let mut path = if cfg!(windows) {
        path.replace('\\', "/")
    } else {
        path.to_string()
    };
    while let Some(rest) = path.strip_prefix("./") {
        path = rest.trim_start_matches('/').to_string();
    }
    path
}

/// The URI of a path, and whether it is relative (to [`SRCROOT`]). Relative paths become
/// percent-encoded relative references; absolute paths `file://` URIs.
pub fn path_uri(path: &str) -> (String, bool) {
    let path = normalize_path(path);
    let bytes = path.as_bytes();
    if path.starts_with('/') {
        return (format!("file://{}", percent_encode(&path)), false);
    }
    if bytes.len() >= 2
        && bytes[0].is_ascii_alphabetic()
        && bytes[1] == b':'
        && (bytes.len() == 2 || bytes[2] == b'/')
    {
        // A Windows drive: `C:/desk/story.md` → `file:///C:/desk/story.md`.
        return (
            format!("file:///{}:{}", &path[..1], percent_encode(&path[2..])),
            false,
        );
    }
    (percent_encode(&path), true)
}

/// Percent-encodes everything but RFC 3986 unreserved characters and `/`: spaces, `%`, `#`,
/// `?`, `:` (which would read as a scheme) and every non-ASCII byte of the UTF-8 encoding.
fn percent_encode(path: &str) -> String {
    crate::percent::encode(path, |b| crate::percent::unreserved(b) || b == b'/')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_references_with_forward_slashes() {
        assert_eq!(
            path_uri("./desk/my story.md"),
            ("desk/my%20story.md".to_string(), true)
        );
        assert_eq!(
            path_uri("desk/50%#1?.md"),
            ("desk/50%25%231%3F.md".to_string(), true)
        );
        assert_eq!(path_uri("a:b.md"), ("a%3Ab.md".to_string(), true));
        assert_eq!(
            path_uri("/tmp/Zürich.md"),
            ("file:///tmp/Z%C3%BCrich.md".to_string(), false)
        );
        assert_eq!(
            path_uri("C:/desk/a b.md"),
            ("file:///C:/desk/a%20b.md".to_string(), false)
        );
    }

    #[test]
    fn rule_names_are_pascal_case() {
        assert_eq!(pascal_case("quote-unattributed"), "QuoteUnattributed");
        assert_eq!(pascal_case("sources-missing"), "SourcesMissing");
    }

    #[test]
    fn full_description_is_the_first_paragraph_of_what_it_does() {
        let rule = crate::rules::find("quote-unattributed").unwrap();
        let text = what_it_does(rule).unwrap();
        assert!(!text.contains('\n') && !text.contains("##"), "{text}");
        assert!(text.len() > rule.summary.len() / 2, "{text}");
    }
}
