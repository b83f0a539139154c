//! Finds the claims an article makes: quotes (text in quotation marks that stands for somebody's
//! words) and figures (numbers used as facts). What is *not* a claim matters as much: apostrophes,
//! scare quotes after "so-called", dates, years, times, ordinals, durations, numbers inside names.
//! The words that decide live in `lexicons/`, so a newsroom can tune them.
//!
//! Quotes are read by [`quotes`], figures by [`figures`]; this module holds the claim model and
//! what both share.

mod figures;
mod quotes;

use std::ops::Range;

use crate::document::{Article, BlockKind};
use crate::lexicon::Lexicon;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ClaimKind {
    Quote,
    Figure,
}

#[derive(Debug, Clone)]
pub struct Claim {
    pub kind: ClaimKind,
    /// The whole claim: from the opening to the closing quotation mark, or the figure with its
    /// hedge and unit.
    pub span: Range<usize>,
    /// The quoted words without their marks (several for a quote split around its attribution);
    /// the span itself for a figure.
    pub parts: Vec<Range<usize>>,
    pub block: usize,
    /// What makes two claims the same claim: the folded words of a quote, the value of a figure.
    pub key: String,
    /// "hundreds of", "dozens of": a magnitude, not a count.
    pub approximate: bool,
    /// A quote that names rather than reports: a title (“Choosing Health”), a coined term or a
    /// scare-quoted word (“lifestyle trainers”). It needs no speaker of its own.
    pub term: bool,
    /// The opening mark of a quote whose closing mark never came (the quote was ended with its
    /// paragraph).
    pub unclosed: Option<Range<usize>>,
    /// What a figure counts; `None` for a quote.
    pub figure: Option<FigureKind>,
}

/// What a figure counts, so that a house style can say which kinds need a source
/// (`figure-unattributed`'s `require-source-for`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FigureKind {
    /// An amount of money: "$1.2 billion", "£40".
    Money,
    /// A percentage or a share: "40%", "one in five".
    Share,
    /// A number of people: "14,200 people", "killed 40".
    People,
    /// A physical measure: "40 km", "18 degrees", "2,000 tonnes".
    Measure,
    /// Any other count: "185 nations", "100 aircraft".
    Count,
}

impl FigureKind {
    /// The option value that names the kind.
    pub fn as_str(self) -> &'static str {
        match self {
            FigureKind::Money => "money",
            FigureKind::Share => "share",
            FigureKind::People => "people",
            FigureKind::Measure => "measure",
            FigureKind::Count => "count",
        }
    }
}

impl Claim {
    /// The claim's words as a person reads them; split quotes joined by an ellipsis.
    pub fn text(&self, source: &str) -> String {
        self.parts
            .iter()
            .map(|p| {
                source[p.clone()]
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect::<Vec<_>>()
            .join(" … ")
    }
}

/// Quotes and figures of an article in source order. Blocks marked `skip` (the source list) and
/// disclaimers are left out. `None` as soon as more than `limit` are found outside headings
/// (headings only lose claims that repeat the body): a file over the limit is refused, and
/// keeping all of its claims first was the peak of memory on a long one.
pub(crate) fn extract_claims(
    article: &Article,
    skip: &[bool],
    lex: &Lexicon,
    limit: usize,
) -> Option<Vec<Claim>> {
    let quotes = quotes::extract_quotes(article, skip, lex, limit)?;
    let in_body = |c: &&Claim| article.blocks[c.block].kind != BlockKind::Heading;
    let room = limit.checked_sub(quotes.iter().filter(in_body).count())?;
    let mut claims = figures::extract_figures(article, skip, &quotes, lex, room)?;
    claims.extend(quotes);
    drop_heading_repeats(article, &mut claims);
    // Unstable: a stable sort's scratch copy of every claim was the peak of memory on a long
    // file. The kind breaks ties as the stable sort did (figures were collected first).
    claims.sort_unstable_by_key(|c| (c.span.start, c.span.end, c.kind == ClaimKind::Quote));
    Some(claims)
}

/// Lower-cased words only, so that “National Interests” and “national interests,” compare equal.
pub(crate) fn fold_words(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// A heading that repeats a quote or a figure from the body is a headline, not a new claim.
/// Headlines round: "$11 billion" over a body's "$11.5bn" is the same figure.
fn drop_heading_repeats(article: &Article, claims: &mut Vec<Claim>) {
    let in_heading = |c: &Claim| article.blocks[c.block].kind == BlockKind::Heading;
    if !claims.iter().any(in_heading) {
        return;
    }
    let body_keys: std::collections::HashSet<(ClaimKind, String)> = claims
        .iter()
        .filter(|c| !in_heading(c))
        .map(|c| (c.kind, c.key.clone()))
        .collect();
    let body_values: Vec<(f64, bool)> = claims
        .iter()
        .filter(|c| !in_heading(c) && c.kind == ClaimKind::Figure)
        .filter_map(|c| value_of(&c.key))
        .collect();
    let rounds_a_body_figure = |c: &Claim| {
        c.kind == ClaimKind::Figure
            && value_of(&c.key).is_some_and(|(value, percent)| {
                body_values
                    .iter()
                    .any(|&(body, p)| p == percent && close(value, body))
            })
    };
    claims.retain(|c| {
        !in_heading(c) || !body_keys.contains(&(c.kind, c.key.clone())) && !rounds_a_body_figure(c)
    });
}

/// A figure's value with its scale, and whether it is a percentage.
fn value_of(key: &str) -> Option<(f64, bool)> {
    let value = crate::align::figure_value(key)?;
    let percent = value.ends_with('%');
    let number: f64 = value.trim_end_matches('%').parse().ok()?;
    Some((number, percent))
}

/// Within the 5% a headline rounds by.
fn close(a: f64, b: f64) -> bool {
    const ROUNDING: f64 = 0.05;
    let larger = a.abs().max(b.abs());
    larger > 0.0 && (a - b).abs() <= ROUNDING * larger
}

#[cfg(test)]
pub(crate) mod test_support {
    use std::sync::Arc;

    use super::*;
    use crate::document::Format;

    pub fn claims(text: &str) -> Vec<(ClaimKind, String)> {
        full(text)
            .into_iter()
            .map(|c| (c.kind, c.text(text)))
            .collect()
    }

    pub fn full(text: &str) -> Vec<Claim> {
        let lex = Lexicon::builtin();
        let article = Article::parse("t.txt", Arc::from(text), Format::Plain, &lex);
        let skip = vec![false; article.blocks.len()];
        extract_claims(&article, &skip, &lex, usize::MAX).unwrap()
    }

    pub fn figures(text: &str) -> Vec<String> {
        claims(text)
            .into_iter()
            .filter(|(k, _)| *k == ClaimKind::Figure)
            .map(|(_, t)| t)
            .collect()
    }

    pub fn quotes(text: &str) -> Vec<String> {
        claims(text)
            .into_iter()
            .filter(|(k, _)| *k == ClaimKind::Quote)
            .map(|(_, t)| t)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::document::Format;

    fn figure_texts(markdown: &str) -> Vec<String> {
        let lex = Lexicon::builtin();
        let article = Article::parse("t.md", Arc::from(markdown), Format::Markdown, &lex);
        let skip = vec![false; article.blocks.len()];
        extract_claims(&article, &skip, &lex, usize::MAX)
            .unwrap()
            .into_iter()
            .filter(|c| c.kind == ClaimKind::Figure)
            .map(|c| c.text(markdown))
            .collect()
    }

    #[test]
    fn a_headline_that_rounds_a_body_figure_repeats_it() {
        let text =
            "# Harlow to buy Kessa for $11 billion\n\nThe deal is to cost $11.5bn, Harlow said.\n";
        assert_eq!(figure_texts(text), ["$11.5bn"]);
        // A headline figure the body does not give, within rounding, is a claim of its own.
        let text =
            "# Harlow to buy Kessa for $14 billion\n\nThe deal is to cost $11.5bn, Harlow said.\n";
        assert_eq!(figure_texts(text), ["$14 billion", "$11.5bn"]);
        let text =
            "# 40% back the plan\n\nSome 40 people and 41% of voters back it, the poll found.\n";
        assert_eq!(figure_texts(text), ["Some 40", "41%"]);
    }
}
