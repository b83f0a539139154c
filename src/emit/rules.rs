//! `fairlint rules` and `fairlint explain RULE`: the rule catalogue, straight from the YAML.

use std::io::{self, Write};

use serde::Serialize;

use super::ListFormat;
use crate::rules::RuleDef;

#[derive(Serialize)]
struct RuleOut<'a> {
    id: &'a str,
    severity: &'static str,
    summary: &'a str,
}

pub(crate) fn emit_list(
    rules: &[RuleDef],
    format: ListFormat,
    out: &mut dyn Write,
) -> io::Result<()> {
    if format == ListFormat::Json {
        let list: Vec<RuleOut> = rules
            .iter()
            .map(|r| RuleOut {
                id: &r.id,
                severity: r.severity.as_str(),
                summary: &r.summary,
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &list)?;
        return writeln!(out);
    }
    let width = rules.iter().map(|r| r.id.len()).max().unwrap_or(0);
    for rule in rules {
        writeln!(
            out,
            "{:<width$}  {:<7}  {}",
            rule.id,
            rule.severity.as_str(),
            rule.summary
        )?;
    }
    Ok(())
}

pub(crate) fn emit_explain(rule: &RuleDef, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "# {} (default: {})\n", rule.id, rule.severity.as_str())?;
    writeln!(out, "{}\n", rule.summary)?;
    writeln!(out, "{}", rule.docs.trim_end())?;
    if !rule.options.is_empty() {
        writeln!(out, "\n## Options\n")?;
        for (name, option) in &rule.options {
            let default = serde_yaml::to_string(&option.default).unwrap_or_default();
            writeln!(
                out,
                "- `{name}` (default `{}`): {}",
                default.trim(),
                option.description
            )?;
        }
    }
    writeln!(out, "\n## Configuration\n")?;
    writeln!(
        out,
        "```yaml\n# .fairlint.yaml\nrules:\n  {}: warning   # or error, info, off\n```",
        rule.id
    )?;
    writeln!(
        out,
        "\nSuppress one line with `<!-- fairlint-disable-next-line {} -->`.",
        rule.id
    )?;
    writeln!(out, "\n## Examples (checked by the test suite)\n")?;
    for example in &rule.examples {
        let verdict = match example.fires {
            0 => "quiet".to_string(),
            1 => "fires once".to_string(),
            n => format!("fires {n} times"),
        };
        writeln!(out, "{} — {}:\n", example.name, verdict)?;
        for (key, value) in &example.options {
            let value = serde_json::to_string(value).unwrap_or_default();
            writeln!(out, "    # with {key}: {value}")?;
        }
        for line in example.text.lines() {
            writeln!(out, "    {line}")?;
        }
        writeln!(out)?;
    }
    Ok(())
}
