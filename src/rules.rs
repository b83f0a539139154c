//! Rule definitions. Each rule is one YAML file in `rules/` (id, default severity, options, docs,
//! examples) embedded at build time; this module reads them and nothing else. What a rule
//! *checks* lives in `check.rs`, keyed by the same id.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(text: &str) -> Option<Severity> {
        match text {
            "info" => Some(Severity::Info),
            "warning" | "warn" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptionDef {
    pub default: serde_yaml::Value,
    pub description: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    pub name: String,
    /// How many findings of this rule the example produces.
    pub fires: usize,
    pub text: String,
    /// Original texts the example was rewritten from, by source name.
    #[serde(default)]
    pub originals: BTreeMap<String, String>,
    /// The rule's options for this example, where it shows one set otherwise than by default.
    #[serde(default)]
    pub options: BTreeMap<String, serde_yaml::Value>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleDef {
    pub id: String,
    pub severity: Severity,
    pub summary: String,
    #[serde(default)]
    pub options: BTreeMap<String, OptionDef>,
    pub docs: String,
    pub examples: Vec<Example>,
}

/// The built-in rules, sorted by id. The embedded files are validated by tests.
pub fn builtin() -> &'static [RuleDef] {
    static RULES: OnceLock<Vec<RuleDef>> = OnceLock::new();
    RULES.get_or_init(|| {
        let mut rules: Vec<RuleDef> = crate::embedded::RULE_FILES
            .iter()
            .map(|(file, text)| {
                serde_json::from_str(text)
                    .unwrap_or_else(|e| panic!("embedded rule {file} is invalid: {e}"))
            })
            .collect();
        rules.sort_by(|a, b| a.id.cmp(&b.id));
        rules
    })
}

/// Where a rule's documentation lives online (LSP `codeDescription`, SARIF `helpUri`); the same
/// text is what `fairlint explain ID` prints.
pub(crate) fn docs_url(id: &str) -> String {
    format!("https://github.com/fairlint/fairlint/blob/main/rules/{id}.yaml")
}

pub fn find(id: &str) -> Option<&'static RuleDef> {
    builtin().iter().find(|r| r.id == id)
}

/// The known id closest to `unknown`, for "did you mean" help.
pub(crate) fn did_you_mean<'a>(
    unknown: &str,
    known: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    known
        .into_iter()
        .map(|k| (strsim::jaro_winkler(unknown, k), k))
        .filter(|(score, _)| *score > 0.75)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_file_is_valid_and_named_after_its_id() {
        for (file, text) in crate::embedded::RULE_FILES {
            let rule: RuleDef = serde_json::from_str(text).unwrap();
            assert_eq!(format!("{}.yaml", rule.id), *file);
            assert!(rule.docs.contains("## What it does"), "{file}");
            assert!(rule.docs.contains("## Why is this bad?"), "{file}");
            assert!(
                rule.examples.iter().any(|e| e.fires > 0),
                "{file}: no firing example"
            );
            assert!(
                rule.examples.iter().any(|e| e.fires == 0),
                "{file}: no quiet example"
            );
        }
    }

    #[test]
    fn did_you_mean_finds_close_ids() {
        let ids = builtin().iter().map(|r| r.id.as_str());
        assert_eq!(
            did_you_mean("quote-unatributed", ids),
            Some("quote-unattributed")
        );
    }
}
