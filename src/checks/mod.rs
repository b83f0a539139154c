//! The rules' checks, one function per card in `rules/`, registered under the
//! card's id and grouped by family in the files beside this one: attribution, the source list,
//! copying, provenance. A check reads the finished analysis and returns findings; [`check`] runs
//! the enabled ones, fills in ids and severities from the settings, drops what the article's
//! comments and the config's `suppress:` silence, and bounds the output.

mod attribution;
mod copy;
mod provenance;
mod source_list;

use crate::analysis::{Analysis, BUDGET, Budget};
use crate::config::{RuleSettings, Settings};
use crate::document::InputProblem;
use crate::finding::Finding;
use crate::rules::Severity;
use crate::suppress::Suppressions;

pub(super) type Check = fn(&Analysis, &RuleSettings) -> Vec<Finding>;

/// Every family's rules, in the order their findings are made. A test keeps them in step with
/// the cards in `rules/`.
const FAMILIES: &[&[(&str, Check)]] = &[
    attribution::CHECKS,
    source_list::CHECKS,
    copy::CHECKS,
    provenance::CHECKS,
];

/// Rule id → check, for every rule.
pub(crate) fn checks() -> impl Iterator<Item = &'static (&'static str, Check)> {
    FAMILIES.iter().flat_map(|family| family.iter())
}

/// Runs every enabled rule, drops suppressed findings, and sorts what is left by position.
pub fn check(
    analysis: &Analysis,
    settings: &Settings,
) -> (Vec<Finding>, Vec<crate::document::InputProblem>) {
    let article = &analysis.article;
    let mut problems = Vec::new();
    if analysis.over_budget {
        return (Vec::new(), problems);
    }
    let suppressions = Suppressions::for_article(article, &mut problems);
    let in_config = settings.suppressions_for(std::path::Path::new(&article.path));
    let mut findings = Vec::new();
    for (id, check) in checks() {
        let Some(rule) = settings.rule(id) else {
            continue;
        };
        let severity = rule.severity.unwrap_or(Severity::Info);
        for mut finding in check(analysis, rule) {
            if suppressions.suppresses(id, &finding.span) {
                continue;
            }
            let text = article.source.get(finding.span.clone()).unwrap_or("");
            if in_config.covers(id, text) {
                continue;
            }
            finding.rule = id.to_string();
            finding.severity = severity;
            findings.push(finding);
        }
    }
    findings.sort_by(|a, b| {
        (a.span.start, a.span.end, &a.rule).cmp(&(b.span.start, b.span.end, &b.rule))
    });
    if let Some(problem) = limit_findings(&mut findings, &BUDGET) {
        problems.push(problem);
    }
    (findings, problems)
}

/// Keeps the findings (in order) within the budget's count and bytes; the rest become one
/// input problem, so output grows with the budget, not with the file.
fn limit_findings(findings: &mut Vec<Finding>, budget: &Budget) -> Option<InputProblem> {
    let total = findings.len();
    let mut bytes = 0;
    let kept = findings
        .iter()
        .take_while(|f| {
            bytes += f.message.len()
                + f.label.len()
                + f.help.as_ref().map_or(0, String::len)
                + f.related
                    .iter()
                    .map(|r| r.text.len() + r.path.len())
                    .sum::<usize>()
                + f.fix.as_ref().map_or(0, |fix| {
                    fix.title.len() + fix.edits.iter().map(|e| e.text.len()).sum::<usize>()
                });
            bytes <= budget.finding_bytes
        })
        .count()
        .min(budget.findings);
    if kept == total {
        return None;
    }
    findings.truncate(kept);
    Some(InputProblem {
        message: format!(
            "too many findings in one file: {total}; only the first {kept} are shown \
             (the limit is {} findings or {} MiB of their text)",
            budget.findings,
            budget.finding_bytes / (1024 * 1024)
        ),
        span: None,
    })
}

/// A finding without its rule and severity, which `check` fills in from the settings.
pub(crate) fn draft(
    span: std::ops::Range<usize>,
    message: String,
    label: &str,
    help: Option<String>,
) -> Finding {
    Finding {
        rule: String::new(),
        severity: Severity::Info,
        message,
        span,
        label: label.to_string(),
        help,
        related: Vec::new(),
        fix: None,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn every_rule_file_has_a_check_and_every_check_a_rule_file() {
        let files: HashSet<&str> = crate::rules::builtin()
            .iter()
            .map(|r| r.id.as_str())
            .collect();
        let checks: HashSet<&str> = checks().map(|(id, _)| *id).collect();
        assert_eq!(files, checks);
    }

    /// Every option a check reads is one its card declares, of the kind of the card's default:
    /// an option read under a misspelt name would be 0 (or false) without a word. Options are
    /// read at the top of the check functions (`rule.usize("min-words")`), never in helpers, so
    /// each read belongs to the check it sits in.
    #[test]
    fn every_option_a_check_reads_is_declared_on_its_card() {
        let sources = [
            include_str!("attribution.rs"),
            include_str!("copy.rs"),
            include_str!("provenance.rs"),
            include_str!("source_list.rs"),
        ];
        let mut reads = 0;
        for source in sources {
            let mut check: Option<&str> = None;
            for line in source.lines() {
                if let Some(name) = function_name(line) {
                    check = checks()
                        .map(|(id, _)| *id)
                        .find(|id| id.replace('-', "_") == name);
                }
                for (kind, option) in option_reads(line) {
                    reads += 1;
                    let id = check.unwrap_or_else(|| {
                        panic!("`{option}` is read outside a check function: {line}")
                    });
                    let card = crate::rules::find(id).expect("every check has a card");
                    let declared = card.options.get(option).unwrap_or_else(|| {
                        panic!("{id} reads the option `{option}`, which its card does not declare")
                    });
                    let fits = match kind {
                        "bool" => declared.default.is_bool(),
                        "usize" => declared.default.is_u64(),
                        "float" => declared.default.is_number(),
                        "strings" => declared.default.is_sequence(),
                        _ => false,
                    };
                    assert!(fits, "{id} reads `{option}` as {kind}: {declared:?}");
                    let settings = Settings::builtin();
                    let rule = &settings.rules[id];
                    assert!(rule.options.contains_key(option), "{id}: {option}");
                }
            }
        }
        assert!(reads >= 12, "the scan found only {reads} option reads");
    }

    /// `fn quote_unattributed(` → `quote_unattributed`.
    fn function_name(line: &str) -> Option<&str> {
        let (_, rest) = line.split_once("fn ")?;
        let (name, _) = rest.split_once('(')?;
        Some(name.trim())
    }

    /// Every `rule.KIND("NAME")` on the line.
    fn option_reads(line: &str) -> Vec<(&str, &str)> {
        let mut reads = Vec::new();
        let mut rest = line;
        while let Some(at) = rest.find("rule.") {
            rest = &rest[at + "rule.".len()..];
            let Some((kind, after)) = rest.split_once("(\"") else {
                break;
            };
            let Some((name, after)) = after.split_once('"') else {
                break;
            };
            if kind.chars().all(|c| c.is_ascii_alphanumeric()) {
                reads.push((kind, name));
            }
            rest = after;
        }
        reads
    }

    #[test]
    fn findings_are_cut_by_count_and_by_bytes() {
        let finding = |n: usize| draft(n..n + 1, "m".repeat(100), "l", None);
        let budget = Budget {
            findings: 5,
            finding_bytes: 1_000,
            ..BUDGET
        };
        let mut few: Vec<Finding> = (0..5).map(finding).collect();
        assert!(limit_findings(&mut few, &budget).is_none());
        let mut many: Vec<Finding> = (0..8).map(finding).collect();
        let problem = limit_findings(&mut many, &budget).unwrap();
        assert_eq!(many.len(), 5);
        assert!(problem.message.contains("too many findings in one file: 8"));
        let budget = Budget {
            finding_bytes: 250,
            ..budget
        };
        let mut long: Vec<Finding> = (0..5).map(finding).collect();
        assert!(limit_findings(&mut long, &budget).is_some());
        assert_eq!(long.len(), 2, "101 bytes each, 250 at most");
    }
}
