//! Code actions the editor offers on a finding: the finding's own fix (made by its rule, see
//! `Finding::fix`), and the server's own action that silences one rule on one line with a
//! comment that the next editor will see. Silencing is not a fix of the finding, so it lives
//! here and `check --fix` never applies it.

use std::ops::Range;

use crate::check::Analysis;
pub use crate::finding::Edit;
use crate::finding::Finding;

#[derive(Debug, Clone, PartialEq)]
pub struct Action {
    pub title: String,
    pub rule: String,
    pub edits: Vec<Edit>,
}

/// Every action for the findings that touch `range`: each one's fix, then its disable comment.
pub fn actions(analysis: &Analysis, findings: &[Finding], range: Range<usize>) -> Vec<Action> {
    let mut out = Vec::new();
    for finding in findings
        .iter()
        .filter(|f| f.span.start <= range.end && range.start <= f.span.end)
    {
        if let Some(fix) = &finding.fix {
            out.push(Action {
                title: fix.title.clone(),
                rule: finding.rule.clone(),
                edits: fix.edits.clone(),
            });
        }
        out.push(Action {
            title: format!("Disable {} for this line", finding.rule),
            rule: finding.rule.clone(),
            edits: vec![disable_next_line(analysis, finding)],
        });
    }
    out.dedup_by(|a, b| a.title == b.title);
    out
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
    fn disable_comment_goes_above_the_line() {
        let text = "Intro.\n\nPrices rose 12% last year.\n\nSources: CNN\n";
        let (analysis, findings) = check_text("a.md", text, &Settings::builtin());
        let figure = findings
            .iter()
            .find(|f| f.rule == "figure-unattributed")
            .unwrap();
        let action = actions(&analysis, &findings, figure.span.clone())
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
