//! Code actions the editor offers on a finding: the finding's own fix (made by its rule, see
//! `Finding::fix`), and the server's own action that silences it where the next editor will
//! see: a comment on the line above in Markdown, an entry under `suppress:` in the project's
//! `.fairlint.yaml` for plain text, whose every character is published. Silencing is not a fix
//! of the finding, so it lives here and `check --fix` never applies it.

use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::check::Analysis;
use crate::document::Format;
pub(crate) use crate::finding::Edit;
use crate::finding::Finding;

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Action {
    pub title: String,
    pub rule: String,
    /// The file the edits apply to: `None` for the article itself.
    pub file: Option<PathBuf>,
    /// The file does not exist yet: the editor creates it first.
    pub create: bool,
    pub edits: Vec<Edit>,
}

/// The config a plain-text article's suppressions are written to: the nearest
/// `.fairlint.yaml` (`text` is what it holds now), or where one would be created.
#[derive(Debug, Clone)]
pub(crate) struct ConfigFile {
    pub path: PathBuf,
    pub text: Option<String>,
}

/// Every action for the findings that touch `range`: each one's fix, then how to silence it.
pub fn actions(
    analysis: &Analysis,
    findings: &[Finding],
    range: Range<usize>,
    config: Option<&ConfigFile>,
) -> Vec<Action> {
    let mut out = Vec::new();
    for finding in findings
        .iter()
        .filter(|f| f.span.start <= range.end && range.start <= f.span.end)
    {
        if let Some(fix) = &finding.fix {
            out.push(Action {
                title: fix.title.clone(),
                rule: finding.rule.clone(),
                file: None,
                create: false,
                edits: fix.edits.clone(),
            });
        }
        if analysis.article.format == Format::Markdown {
            out.push(Action {
                title: format!("Disable {} for this line", finding.rule),
                rule: finding.rule.clone(),
                file: None,
                create: false,
                edits: vec![disable_next_line(analysis, finding)],
            });
        } else if let Some(action) = config.and_then(|c| suppress_in_config(analysis, finding, c)) {
            out.push(action);
        }
    }
    out.dedup_by(|a, b| a.title == b.title);
    out
}

/// The longest stretch of a finding's text a `suppress:` entry quotes: enough to tell two
/// findings apart, short enough to read in the config.
const SUPPRESS_TEXT_CHARS: usize = 80;

/// A `suppress:` entry for `finding`, appended to the config's `suppress:` list (or a new list
/// at the end of the file). `None` when the config spells `suppress:` in a form this cannot
/// safely append to (a flow sequence, `suppress: []`).
fn suppress_in_config(
    analysis: &Analysis,
    finding: &Finding,
    config: &ConfigFile,
) -> Option<Action> {
    let article = &analysis.article;
    let folder = config.path.parent().unwrap_or(Path::new("."));
    let path = glob_literal(&relative_to(Path::new(&article.path), folder));
    let words: String = article
        .source
        .get(finding.span.clone())?
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(SUPPRESS_TEXT_CHARS)
        .collect();
    let item = format!(
        "  - {{path: {}, rule: {}, text: {}}}\n",
        quoted(&path),
        finding.rule,
        quoted(&words)
    );
    let text = config.text.as_deref().unwrap_or("");
    let edit = match suppress_block_end(text) {
        Some(Ok(end)) => Edit {
            range: end..end,
            text: item,
        },
        Some(Err(())) => return None,
        None => {
            let newline = if text.is_empty() || text.ends_with('\n') {
                ""
            } else {
                "\n"
            };
            Edit {
                range: text.len()..text.len(),
                text: format!("{newline}suppress:\n{item}"),
            }
        }
    };
    let name = config.path.file_name()?.to_string_lossy().into_owned();
    Some(Action {
        title: format!("Disable {} for this finding in {name}", finding.rule),
        rule: finding.rule.clone(),
        file: Some(config.path.clone()),
        create: config.text.is_none(),
        edits: vec![edit],
    })
}

/// Where the block list under a top-level `suppress:` ends (after its last item line), or
/// `Err` for a `suppress:` with a value on its own line, or `None` when there is no such key.
fn suppress_block_end(text: &str) -> Option<Result<usize, ()>> {
    let mut offset = 0;
    let mut lines = text.split_inclusive('\n');
    for line in lines.by_ref() {
        offset += line.len();
        let Some(rest) = line.strip_prefix("suppress:") else {
            continue;
        };
        let value = rest.split('#').next().unwrap_or("").trim();
        if !value.is_empty() {
            return Some(Err(()));
        }
        let mut end = offset;
        for item in lines {
            let indented = item.starts_with([' ', '\t', '-']);
            if !(indented || item.trim().is_empty()) {
                break;
            }
            offset += item.len();
            if indented {
                end = offset;
            }
        }
        if !text[..end].ends_with('\n') {
            return Some(Err(()));
        }
        return Some(Ok(end));
    }
    None
}

/// A path as a glob that matches only itself: glob characters in brackets.
fn glob_literal(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        if matches!(c, '*' | '?' | '[' | ']' | '{' | '}') {
            out.push('[');
            out.push(c);
            out.push(']');
        } else {
            out.push(c);
        }
    }
    out
}

/// A YAML double-quoted scalar: a JSON string is one.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into())
}

/// `path` relative to `folder` with `/` separators, both made absolute first; the file name
/// when it is not under `folder`.
fn relative_to(path: &Path, folder: &Path) -> String {
    let absolute = |p: &Path| {
        std::fs::canonicalize(p).unwrap_or_else(|_| crate::untrusted::absolute_lexical(p))
    };
    let (path, folder) = (absolute(path), absolute(folder));
    let relative = match path.strip_prefix(&folder) {
        Ok(relative) => relative.to_path_buf(),
        Err(_) => PathBuf::from(path.file_name().unwrap_or_default()),
    };
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

fn disable_next_line(analysis: &Analysis, finding: &Finding) -> Edit {
    let article = &analysis.article;
    let line = article.lines.line_of(finding.span.start);
    let start = article.lines.line_start(line);
    let indent: String = article.source[start..]
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    Edit {
        range: start..start,
        text: format!(
            "{indent}<!-- fairlint-disable-next-line {} -->\n",
            finding.rule
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::check_text;
    use crate::config::Settings;

    fn apply(text: &str, edit: &Edit) -> String {
        let mut out = text.to_string();
        out.replace_range(edit.range.clone(), &edit.text);
        out
    }

    #[test]
    fn suppress_entries_join_the_existing_list_or_start_one() {
        let block =
            "rules:\n  x: off\nsuppress:\n  - {path: a.txt, rule: r}\n\n# end\nroot: true\n";
        let end = block.find("\n# end").unwrap();
        assert_eq!(suppress_block_end(block), Some(Ok(end)));
        assert_eq!(suppress_block_end("rules: {}\n"), None);
        assert_eq!(suppress_block_end("suppress: []\n"), Some(Err(())));
        assert_eq!(
            glob_literal("desk/[draft] *.txt"),
            "desk/[[]draft[]] [*].txt"
        );
    }

    #[test]
    fn plain_text_is_silenced_in_the_config_and_the_config_then_silences_it() {
        let dir = std::env::temp_dir().join(format!("fairlint-actions-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let article = dir.join("ferry.txt");
        let text = "Fares rose 12% in March.\n\nSOURCES: Harbour Wire\n";
        std::fs::write(&article, text).unwrap();
        let path = article.to_str().unwrap();
        let (analysis, findings) = check_text(path, text, &Settings::builtin());
        let figure = findings
            .iter()
            .find(|f| f.rule == "figure-unattributed")
            .unwrap();
        let config = ConfigFile {
            path: dir.join(".fairlint.yaml"),
            text: Some("rules: {}\n".into()),
        };
        let action = actions(&analysis, &findings, figure.span.clone(), Some(&config))
            .into_iter()
            .find(|a| a.file.is_some())
            .unwrap();
        assert!(!action.create);
        let written = apply("rules: {}\n", &action.edits[0]);
        std::fs::write(&config.path, &written).unwrap();
        let settings = Settings::load(&config.path, true).unwrap();
        let (_, after) = check_text(path, text, &settings);
        assert!(
            !after.iter().any(|f| f.rule == "figure-unattributed"),
            "{written}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn disable_comment_goes_above_the_line() {
        let text = "Intro.\n\nPrices rose 12% last year.\n\nSources: CNN\n";
        let (analysis, findings) = check_text("a.md", text, &Settings::builtin());
        let figure = findings
            .iter()
            .find(|f| f.rule == "figure-unattributed")
            .unwrap();
        let action = actions(&analysis, &findings, figure.span.clone(), None)
            .into_iter()
            .find(|a| a.title.starts_with("Disable"))
            .unwrap();
        let fixed = apply(text, &action.edits[0]);
        assert!(
            fixed.contains("<!-- fairlint-disable-next-line figure-unattributed -->\nPrices rose")
        );
        let (_, after) = check_text("a.md", &fixed, &Settings::builtin());
        assert!(!after.iter().any(|f| f.rule == "figure-unattributed"));
    }
}
