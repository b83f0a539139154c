//! The source list: outlets cited but not listed (`source-unlisted`, with the fix that lists
//! them), listed sources the article never uses (`source-unused`), and claims with no list at
//! all (`sources-missing`).

use std::cell::OnceCell;
use std::collections::HashSet;

use super::{Check, draft};
use crate::analysis::Analysis;
use crate::attribution::SourceKind;
use crate::claims::ClaimKind;
use crate::config::RuleSettings;
use crate::finding::{Finding, Fix};

/// This family's rules: card id → check. Adding a rule here is the one change outside its
/// card (`CONTRIBUTING.md`).
pub(super) const CHECKS: &[(&str, Check)] = &[
    ("source-unlisted", source_unlisted),
    ("source-unused", source_unused),
    ("sources-missing", sources_missing),
];

pub(super) fn source_unlisted(a: &Analysis, rule: &RuleSettings) -> Vec<Finding> {
    if !a.list.present || a.list.unknown {
        return Vec::new();
    }
    let once = rule.bool("once-per-source");
    let mut seen: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for cue in &a.attributions.cues {
        for mention in cue.organisations() {
            if a.names.find_entry(&a.list, &mention.text).is_some() {
                continue;
            }
            if once && seen.iter().any(|s| a.names.same(s, &mention.text)) {
                continue;
            }
            seen.push(mention.text.clone());
            let mut finding = draft(
                mention.span.clone(),
                format!("“{}” is cited but not on the source list", mention.text),
                "not on the source list",
                Some(format!(
                    "add “{}” to the source list, or attribute the claim to a listed source",
                    mention.text
                )),
            );
            finding.fix = Some(add_to_list_fix(a, &mention.span));
            out.push(finding);
        }
    }
    out
}

/// "Add “NPR” to the source list", as the name is written where it is cited (on one line, if
/// the citation wraps).
fn add_to_list_fix(a: &Analysis, span: &std::ops::Range<usize>) -> Fix {
    let name = a.article.source[span.clone()]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    Fix {
        title: format!("Add “{name}” to the source list"),
        edits: vec![crate::list_edit::add_to_list(a, &name)],
    }
}

pub(super) fn source_unused(a: &Analysis, rule: &RuleSettings) -> Vec<Finding> {
    if a.list.unknown {
        return Vec::new();
    }
    let without_original = rule.bool("without-original");
    let at_hand = entries_with_originals(a);
    let entry_words: Vec<Vec<String>> = a
        .list
        .entries
        .iter()
        .map(|e| {
            e.name
                .split_whitespace()
                .map(str::to_lowercase)
                .filter(|w| w.len() >= 6)
                .collect()
        })
        .collect();
    let mut cited: HashSet<usize> = HashSet::new();
    for cue in &a.attributions.cues {
        for mention in cue.speaker.iter().chain(cue.outlet.iter()) {
            if mention.kind == SourceKind::Vague {
                continue;
            }
            if let Some(entry) = a.names.find_entry(&a.list, &mention.text) {
                cited.insert(entry);
            }
            if mention.kind == SourceKind::Person {
                // The span keeps the titles that the name leaves out ("President …").
                let titled = &a.article.text[mention.span.clone()];
                cited.extend(entries_of_office(&entry_words, titled));
            }
        }
    }
    cited.extend(reused_entries(a));
    let body = Body::of(a);
    a.list
        .entries
        .iter()
        .enumerate()
        .filter(|(i, _)| !cited.contains(i))
        .filter(|(i, _)| without_original || at_hand.contains(i))
        .filter(|(_, e)| !body.names(&e.name))
        .map(|(i, e)| {
            let span = e.span.clone().unwrap_or(0..0);
            let message = if at_hand.contains(&i) {
                format!(
                    "source “{}” is listed, but the article neither names it nor uses its original",
                    e.name
                )
            } else {
                format!("source “{}” is listed but never named in the body", e.name)
            };
            draft(
                span,
                message,
                "not used",
                Some("credit it where its reporting is used (“…, Reuters reported”), or drop it from the list".into()),
            )
        })
        .collect()
}

/// List entries whose original text is at hand (front matter, `--original(s)`): only for these
/// can fairlint tell that a source went unused, since wire copy is used without being named.
fn entries_with_originals(a: &Analysis) -> HashSet<usize> {
    a.overlaps
        .originals
        .iter()
        .filter(|o| !o.original.archived())
        .filter_map(|o| a.names.find_entry(&a.list, &o.original.source))
        .collect()
}

/// Wire copy is used without being named: a listed source whose original the article reuses
/// (any passage or close paraphrase found in it) is used, and so is one whose figures the
/// article gives (a heavy rewrite keeps the facts and none of the wording).
fn reused_entries(a: &Analysis) -> Vec<usize> {
    let overlaps = &a.overlaps;
    let figures = distinctive_figures(a);
    overlaps
        .matches
        .iter()
        .filter(|m| {
            !m.passages.is_empty()
                || !m.paraphrases.is_empty()
                || gives_figures(&overlaps.figures[m.original], &figures)
        })
        .filter_map(|m| {
            let original = &overlaps.originals[m.original].original;
            if original.archived() {
                return None;
            }
            a.names.find_entry(&a.list, &original.source)
        })
        .collect()
}

/// The values of the article's figures that a report would not share by chance with another
/// one about something else: 100 or more, or a percentage ("40" and "3" are everywhere).
fn distinctive_figures(a: &Analysis) -> HashSet<String> {
    a.claims
        .iter()
        .filter(|c| c.kind == ClaimKind::Figure)
        .filter_map(|c| crate::align::figure_value(&c.key))
        .filter(|v| v.ends_with('%') || v.parse::<f64>().is_ok_and(|n| n.abs() >= 100.0))
        .collect()
}

/// Whether an original (its `figures`, as `Overlaps::figures` holds them) gives
/// [`FIGURES_FROM_ONE_ORIGINAL`] of the article's distinctive `figures`.
fn gives_figures(figures: &[(String, std::ops::Range<usize>)], article: &HashSet<String>) -> bool {
    let given: HashSet<String> = figures
        .iter()
        .filter_map(|(key, _)| crate::align::figure_value(key))
        .filter(|v| article.contains(v))
        .collect();
    given.len() >= FIGURES_FROM_ONE_ORIGINAL
}

/// Two figures of the article in one listed original say the article drew on it: one could be
/// a coincidence (a round number, a year's total both reports quote).
const FIGURES_FROM_ONE_ORIGINAL: usize = 2;

/// A person's title names the office they speak for: "President Pezeshkian" cites an "Office of
/// the Iranian Presidency" entry, "Health Minister Ana Ruiz" a "Ministry of Health" one. Words
/// match on a shared stem of six letters or more.
fn entries_of_office(entry_words: &[Vec<String>], speaker: &str) -> Vec<usize> {
    let title_words: Vec<String> = speaker
        .split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .map(str::to_lowercase)
        .filter(|w| w.len() >= 6)
        .collect();
    if title_words.is_empty() {
        return Vec::new();
    }
    let same_stem =
        |a: &str, b: &str| a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count() >= 6;
    entry_words
        .iter()
        .enumerate()
        .filter(|(_, words)| {
            words
                .iter()
                .any(|w| title_words.iter().any(|t| same_stem(t, w)))
        })
        .map(|(i, _)| i)
        .collect()
}

/// The masked text of every block that is not the source list. Searched block by block:
/// joining the blocks was a copy of the whole article at the run's peak of memory. A name
/// with a line break (a front-matter list can hold one) can match across two blocks joined
/// by a line break, so for such a name the blocks are still joined.
struct Body<'a> {
    blocks: Vec<&'a str>,
    joined: OnceCell<String>,
}

impl<'a> Body<'a> {
    fn of(a: &'a Analysis) -> Body<'a> {
        let list: std::collections::HashSet<usize> = a.list.blocks.iter().copied().collect();
        let blocks = (a.article.blocks.iter().enumerate())
            .filter(|(i, _)| !list.contains(i))
            .map(|(_, b)| &a.article.text[b.range.clone()])
            .collect();
        Body {
            blocks,
            joined: OnceCell::new(),
        }
    }

    /// Whether the body names `name` as a whole word.
    fn names(&self, name: &str) -> bool {
        if name.contains('\n') {
            return contains_name(self.joined.get_or_init(|| self.blocks.join("\n")), name);
        }
        // A block's edges are word boundaries, as the line breaks joining them were.
        self.blocks.iter().any(|block| contains_name(block, name))
    }
}

fn contains_name(body: &str, name: &str) -> bool {
    let name = name.trim();
    if name.is_empty() {
        return false;
    }
    body.match_indices(name).any(|(i, _)| {
        let before = body[..i].chars().next_back();
        let after = body[i + name.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

pub(super) fn sources_missing(a: &Analysis, rule: &RuleSettings) -> Vec<Finding> {
    let min = rule.usize("min-claims").max(1);
    if a.list.present || a.list.unknown || a.claims.len() < min {
        return Vec::new();
    }
    let quotes = a
        .claims
        .iter()
        .filter(|c| c.kind == ClaimKind::Quote)
        .count();
    let figures = a.claims.len() - quotes;
    let first = a.claims[0].span.clone();
    vec![draft(
        first,
        format!(
            "the article makes {} and {} but has no source list",
            crate::report::plural_of(quotes, "quote"),
            crate::report::plural_of(figures, "figure")
        ),
        "first claim",
        Some("end the article with a source list: `Sources: Reuters, AP` or a `Sources` heading with one `- Outlet: Headline` per line".into()),
    )]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_body_names_whole_words_in_any_block() {
        let body = Body {
            blocks: vec!["Talks, said Harbour Wire", "(Kessa) ended"],
            joined: OnceCell::new(),
        };
        assert!(body.names("Harbour Wire"));
        assert!(body.names("Kessa"));
        assert!(!body.names("Harbour Wir"));
        assert!(!body.names("Wire (Kessa"));
        // A name with a line break is looked for across the blocks' join.
        assert!(body.names("Harbour Wire\n(Kessa"));
    }

    /// The source-unused findings of `article` with the Kessa Wire text as the original of its
    /// one listed source.
    fn unused(article: &str) -> usize {
        const WIRE: &str = "Ministers from the three valley states met in Serrano on Tuesday. \
            They agreed to release 15,000 cubic metres of water a day from the upper dam, and to \
            share a repair bill of 300 million pesos. Farmers had asked for 40 days of warning.";
        let original = std::sync::Arc::new(crate::originals::Original {
            source: "Kessa Wire".into(),
            path: "wire.txt".into(),
            text: std::sync::Arc::from(WIRE),
            archive: None,
        });
        let settings = crate::config::Settings::builtin();
        let text = format!("{article}\n\nSources: Kessa Wire\n");
        let (_, findings) = crate::check::check_text_with("a.md", &text, &settings, &[original]);
        findings
            .iter()
            .filter(|f| f.rule == "source-unused")
            .count()
    }

    #[test]
    fn a_rewrite_that_gives_the_originals_figures_uses_it() {
        // Not one phrase of the wire, but two of its figures.
        let article = "A deal struck in Serrano ends the valley's water war: the upper dam will \
            let out some 15,000 cubic metres daily, and the states split a 300 million peso bill.";
        assert_eq!(unused(article), 0);
    }

    #[test]
    fn one_shared_figure_or_small_numbers_do_not_make_a_source_used() {
        let article = "Serrano hosted the talks, where 15,000 cubic metres was the figure \
            everyone quoted.";
        assert_eq!(unused(article), 1);
        let article = "Growers in 3 villages want 40 days of warning before any release.";
        assert_eq!(unused(article), 1);
    }
}
