//! Inline suppressions. Writers sometimes know better than the linter (a quote attributed three
//! paragraphs up, an outlet deliberately left off the list); these comments let them say so in
//! the article itself, where the next editor will see it:
//! `<!-- fairlint-disable RULE -->` … `<!-- fairlint-enable -->` and
//! `<!-- fairlint-disable-next-line RULE -->`. No rule ids means every rule.
//!
//! Only a real comment counts: in Markdown, one the Markdown parser reads as HTML (a block or
//! inline), never text inside a code block, inline code or front matter, so an article that
//! shows the syntax (or a pull request that hides it in a YAML string) does not silence the
//! file. A list of ids that names none (`fairlint-disable ,`) disables nothing.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser};

use crate::document::{Article, Format, InputProblem};
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
    /// Reads the article's fairlint comments: those that are comments of the article, not
    /// text in its code or front matter.
    pub fn for_article(article: &Article, problems: &mut Vec<InputProblem>) -> Suppressions {
        let front = article.front_matter.as_ref().map(|f| f.range.clone());
        // The article's parser read the same text, unless the front matter has a carriage
        // return: the article blanks it to a space, where a lone one still ends a line here.
        let front_cr = (front.as_ref()).is_some_and(|f| article.source[f.clone()].contains('\r'));
        let reparsed;
        let html = match article.format {
            Format::Plain => None,
            Format::Markdown if !front_cr => Some(article.html.as_slice()),
            Format::Markdown => {
                reparsed = html_ranges(&article.source, front.clone());
                Some(reparsed.as_slice())
            }
        };
        let counts = |at: usize| {
            !front.as_ref().is_some_and(|f| f.contains(&at))
                && html.is_none_or(|html| {
                    let i = html.partition_point(|r| r.end <= at);
                    html.get(i).is_some_and(|r| r.contains(&at))
                })
        };
        Self::parse_where(&article.source, &article.lines, problems, counts)
    }

    /// Reads every fairlint comment, wherever it is (the tests' view of the comment syntax).
    #[cfg(test)]
    pub fn parse(
        source: &str,
        lines: &LineIndex,
        problems: &mut Vec<InputProblem>,
    ) -> Suppressions {
        Self::parse_where(source, lines, problems, |_| true)
    }

    /// Reads the fairlint comments whose `<!--` is at an offset `counts` accepts; unknown rule
    /// ids become problems with a "did you mean".
    fn parse_where(
        source: &str,
        lines: &LineIndex,
        problems: &mut Vec<InputProblem>,
        counts: impl Fn(usize) -> bool,
    ) -> Suppressions {
        let mut regions = Vec::new();
        let mut open: Vec<(Option<Vec<String>>, usize)> = Vec::new();
        let mut from = 0;
        while let Some(start) = source[from..].find("<!--").map(|i| from + i) {
            // The closing "-->" comes after the opening "<!--", never inside it ("<!-->").
            let body_start = start + 4;
            if !counts(start) {
                // Code, not a comment; a real comment may start before its `-->`.
                from = body_start;
                continue;
            }
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
    if ids.is_empty() {
        return None;
    }
    let ids: Vec<String> = ids
        .split([',', ' '])
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    if ids.is_empty() {
        // `fairlint-disable ,` is a list that lost its ids, not "every rule".
        problems.push(InputProblem {
            message: "fairlint comment lists no rule id: it disables nothing (leave the list \
                      out to disable every rule)"
                .into(),
            span: Some(comment),
        });
        return Some(Vec::new());
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

/// Where the Markdown parser sees HTML (blocks and inline), in order. Front matter is blanked
/// first, so that a fence or a `<!--` in it cannot change how the body is read.
fn html_ranges(source: &str, front: Option<Range<usize>>) -> Vec<Range<usize>> {
    let mut text = source.to_string();
    let whole = |f: &Range<usize>| text.is_char_boundary(f.start) && text.is_char_boundary(f.end);
    if let Some(front) = front.filter(whole) {
        // One space per byte keeps every offset.
        let blank: String = source[front.clone()]
            .bytes()
            .map(|b| match b {
                b'\n' => '\n',
                b'\r' => '\r',
                _ => ' ',
            })
            .collect();
        text.replace_range(front, &blank);
    }
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES;
    let text = crate::position::with_lf_line_ends(&text);
    Parser::new_ext(&text, options)
        .into_offset_iter()
        .filter(|(event, _)| matches!(event, Event::Html(_) | Event::InlineHtml(_)))
        .map(|(_, range)| range)
        .collect()
}

/// The byte range of the first non-blank line at or after `line`.
fn next_content_line(source: &str, lines: &LineIndex, mut line: usize) -> Range<usize> {
    while line < lines.line_count() {
        let start = lines.line_start(line);
        let end = if line + 1 < lines.line_count() {
            lines.line_start(line + 1)
        } else {
            source.len()
        };
        let end = start + source[start..end].trim_end_matches(['\n', '\r']).len();
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

    fn article(text: &str, path: &str) -> (Suppressions, Vec<InputProblem>) {
        let lex = crate::lexicon::Lexicon::builtin();
        let article = Article::parse(path, text.into(), Format::for_path(path, text), &lex);
        let mut problems = Vec::new();
        let s = Suppressions::for_article(&article, &mut problems);
        (s, problems)
    }

    #[test]
    fn comments_in_code_or_front_matter_do_not_count() {
        let cases = [
            "```\n<!-- fairlint-disable -->\n```\n\nx\n",
            "    <!-- fairlint-disable -->\n\nx\n",
            "Write `<!-- fairlint-disable -->` to silence it.\n\nx\n",
            "---\ntitle: \"<!-- fairlint-disable -->\"\n---\n\nx\n",
            "---\nnote: \"```\"\n---\n\n`<!--` x\n",
        ];
        for text in cases {
            let (s, _) = article(text, "a.md");
            let x = text.rfind('x').unwrap();
            assert!(!s.suppresses("quote-unattributed", &(x..x + 1)), "{text:?}");
        }
        // A real comment still counts, also after inline code that shows `<!--`.
        let text = "Type `<!--` here. <!-- fairlint-disable -->\n\nx\n";
        let (s, _) = article(text, "a.md");
        let x = text.rfind('x').unwrap();
        assert!(s.suppresses("quote-unattributed", &(x..x + 1)));
        // In plain text every comment counts but one in front matter.
        let (s, _) = article("<!-- fairlint-disable -->\nx\n", "a.txt");
        assert!(s.suppresses("quote-unattributed", &(27..28)));
    }

    #[test]
    fn the_articles_html_is_what_a_parse_of_its_own_finds() {
        let lex = crate::lexicon::Lexicon::builtin();
        let cases = [
            "a <!-- fairlint-disable --> b\n\n<div>\nx\n</div>\n\n`<!--` <b>y</b>\n",
            "---\ntitle: \"<!-- x -->\"\n---\n<!-- fairlint-disable -->\n\nx\n",
            "---\ntitle: t\n---\n\n    <!-- code -->\n\n```\n<!-- fenced -->\n```\n<i>z</i>\n",
            "a\rb <!-- c -->\r\r<p>\rd\r</p>\r",
        ];
        for text in cases {
            let article = Article::parse("a.md", text.into(), Format::Markdown, &lex);
            let front = article.front_matter.as_ref().map(|f| f.range.clone());
            assert_eq!(article.html, html_ranges(text, front), "{text:?}");
        }
    }

    #[test]
    fn a_list_without_ids_disables_nothing() {
        let text = "<!-- fairlint-disable , -->\nx\n";
        let (s, problems) = parse(text);
        assert!(!s.suppresses("quote-unattributed", &(28..29)));
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.contains("disables nothing"));
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
