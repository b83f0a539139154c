//! Inline suppressions. Writers sometimes know better than the linter (a quote attributed three
//! paragraphs up, an outlet deliberately left off the list); these comments let them say so in
//! the article itself, where the next editor will see it:
//! `<!-- fairlint-disable RULE -->` … `<!-- fairlint-enable -->` and
//! `<!-- fairlint-disable-next-line RULE -->`. No rule ids means every rule.

use std::ops::Range;

use crate::document::InputProblem;
use crate::position::LineIndex;
use crate::rules;

#[derive(Debug, Clone)]
struct Region {
    /// `None`: every rule.
    rules: Option<Vec<String>>,
    range: Range<usize>,
}

#[derive(Debug, Clone, Default)]
pub struct Suppressions {
    regions: Vec<Region>,
}

impl Suppressions {
    /// Reads every fairlint comment; unknown rule ids become problems with a "did you mean".
    pub fn parse(
        source: &str,
        lines: &LineIndex,
        problems: &mut Vec<InputProblem>,
    ) -> Suppressions {
        let mut regions = Vec::new();
        let mut open: Vec<(Option<Vec<String>>, usize)> = Vec::new();
        let mut from = 0;
        while let Some(start) = source[from..].find("<!--").map(|i| from + i) {
            // The closing "-->" comes after the opening "<!--", never inside it ("<!-->").
            let body_start = start + 4;
            let Some(end) = source[body_start..].find("-->").map(|i| body_start + i + 3) else {
                break;
            };
            from = end;
            let body = source[body_start..end - 3].trim();
            let Some((directive, ids)) = split_directive(body) else {
                if let Some(word) = body
                    .split_whitespace()
                    .next()
                    .filter(|w| w.starts_with("fairlint"))
                {
                    let hint = rules::did_you_mean(word, DIRECTIVES.iter().copied())
                        .map_or(String::new(), |d| format!("; did you mean `{d}`?"));
                    problems.push(InputProblem {
                        message: format!("unknown fairlint comment `{word}`{hint}"),
                        span: Some(start..end),
                    });
                }
                continue;
            };
            let ids = check_ids(ids, start..end, problems);
            match directive {
                "fairlint-disable" => open.push((ids, end)),
                "fairlint-enable" => {
                    let closing: Vec<_> = match &ids {
                        None => std::mem::take(&mut open),
                        Some(wanted) => {
                            // `enable A` after `disable A, B` ends A only: B stays disabled.
                            let mut closing = Vec::new();
                            for (rules, at) in std::mem::take(&mut open) {
                                let Some(ids) = &rules else {
                                    open.push((rules, at));
                                    continue;
                                };
                                if !ids.iter().any(|x| wanted.contains(x)) {
                                    open.push((rules, at));
                                    continue;
                                }
                                let rest: Vec<String> = ids
                                    .iter()
                                    .filter(|x| !wanted.contains(x))
                                    .cloned()
                                    .collect();
                                if !rest.is_empty() {
                                    open.push((Some(rest), end));
                                }
                                closing.push((rules, at));
                            }
                            closing
                        }
                    };
                    for (rules, at) in closing {
                        regions.push(Region {
                            rules,
                            range: at..start,
                        });
                    }
                }
                _ => {
                    let line = lines.line_of(end);
                    let next = next_content_line(source, lines, line + 1);
                    regions.push(Region {
                        rules: ids,
                        range: next,
                    });
                }
            }
        }
        for (rules, at) in open {
            regions.push(Region {
                rules,
                range: at..source.len(),
            });
        }
        Suppressions { regions }
    }

    pub fn suppresses(&self, rule: &str, span: &Range<usize>) -> bool {
        self.regions.iter().any(|r| {
            r.range.start <= span.start
                && span.start < r.range.end.max(r.range.start + 1)
                && r.rules
                    .as_ref()
                    .is_none_or(|ids| ids.iter().any(|id| id == rule))
        })
    }
}

const DIRECTIVES: &[&str] = &[
    "fairlint-disable-next-line",
    "fairlint-disable",
    "fairlint-enable",
];

fn split_directive(body: &str) -> Option<(&str, &str)> {
    for directive in [
        "fairlint-disable-next-line",
        "fairlint-disable",
        "fairlint-enable",
    ] {
        if let Some(rest) = body.strip_prefix(directive)
            && (rest.is_empty() || rest.starts_with(char::is_whitespace))
        {
            return Some((directive, rest.trim()));
        }
    }
    None
}

fn check_ids(
    ids: &str,
    comment: Range<usize>,
    problems: &mut Vec<InputProblem>,
) -> Option<Vec<String>> {
    let ids: Vec<String> = ids
        .split([',', ' '])
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    if ids.is_empty() {
        return None;
    }
    for id in &ids {
        if rules::find(id).is_none() {
            let known = rules::builtin().iter().map(|r| r.id.as_str());
            let hint = rules::did_you_mean(id, known)
                .map_or(String::new(), |k| format!("; did you mean `{k}`?"));
            problems.push(InputProblem {
                message: format!("unknown rule id `{id}` in fairlint comment{hint}"),
                span: Some(comment.clone()),
            });
        }
    }
    Some(ids)
}

/// The byte range of the first non-blank line at or after `line`.
fn next_content_line(source: &str, lines: &LineIndex, mut line: usize) -> Range<usize> {
    while line < lines.line_count() {
        let start = lines.line_start(line);
        let end = source[start..]
            .find('\n')
            .map_or(source.len(), |i| start + i);
        if !source[start..end].trim().is_empty() {
            return start..end;
        }
        line += 1;
    }
    source.len()..source.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (Suppressions, Vec<InputProblem>) {
        let mut problems = Vec::new();
        let s = Suppressions::parse(text, &LineIndex::new(text), &mut problems);
        (s, problems)
    }

    #[test]
    fn next_line_and_regions() {
        let text = "a\n<!-- fairlint-disable-next-line quote-unattributed -->\n\nb “x”\nc\n<!-- fairlint-disable -->\nd\n<!-- fairlint-enable -->\ne\n";
        let (s, problems) = parse(text);
        assert!(problems.is_empty());
        let at = |w: &str| {
            let i = text.find(w).unwrap();
            i..i + 1
        };
        assert!(s.suppresses("quote-unattributed", &at("b “")));
        assert!(!s.suppresses("figure-unattributed", &at("b “")));
        assert!(!s.suppresses("quote-unattributed", &at("c\n")));
        assert!(s.suppresses("source-unused", &at("d\n")));
        assert!(!s.suppresses("source-unused", &at("e\n")));
    }

    #[test]
    fn enabling_one_rule_keeps_the_others_disabled() {
        let text = "<!-- fairlint-disable quote-unattributed, source-unlisted -->\na\n<!-- fairlint-enable quote-unattributed -->\nb\n";
        let (s, _) = parse(text);
        let b = text.find("b\n").unwrap();
        assert!(!s.suppresses("quote-unattributed", &(b..b + 1)));
        assert!(s.suppresses("source-unlisted", &(b..b + 1)));
        let a = text.find("a\n").unwrap();
        assert!(s.suppresses("quote-unattributed", &(a..a + 1)));
    }

    #[test]
    fn unknown_ids_are_problems_with_suggestions() {
        let (_, problems) = parse("<!-- fairlint-disable quote-unatributed -->\n");
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0]
                .message
                .contains("did you mean `quote-unattributed`")
        );
    }
}
