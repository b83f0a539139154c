//! Finds the claims an article makes: quotes (text in quotation marks that stands for somebody's
//! words) and figures (numbers used as facts). What is *not* a claim matters as much: apostrophes,
//! scare quotes after "so-called", dates, years, times, ordinals, durations, numbers inside names.
//! The words that decide live in `rules/lexicons/`, so a newsroom can tune them.

use std::ops::Range;

use crate::document::{Article, BlockKind};
use crate::lexicon::{Lexicon, phrase_at, phrase_before};
use crate::position::within_any;
use crate::text::{Token, TokenKind};

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
/// disclaimers are left out.
pub fn extract_claims(article: &Article, skip: &[bool], lex: &Lexicon) -> Vec<Claim> {
    let quotes = extract_quotes(article, skip, lex);
    let mut claims = extract_figures(article, skip, &quotes, lex);
    claims.extend(quotes);
    drop_heading_repeats(article, &mut claims);
    claims.sort_by_key(|c| (c.span.start, c.span.end));
    claims
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Double,
    Single,
    StraightDouble,
    StraightSingle,
    Guillemet,
    SingleGuillemet,
    Low,
    Corner,
    WhiteCorner,
}

struct Open {
    mark: Mark,
    at: usize,
    inner: usize,
    block: usize,
}

fn is_word_char(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphanumeric)
}

fn opening(c: char, prev: Option<char>, next: Option<char>, rest: &str) -> Option<Mark> {
    match c {
        '“' => Some(Mark::Double),
        '«' => Some(Mark::Guillemet),
        '‹' => Some(Mark::SingleGuillemet),
        '„' => Some(Mark::Low),
        '「' => Some(Mark::Corner),
        '『' => Some(Mark::WhiteCorner),
        '‘' if !is_word_char(prev) && is_word_char(next) && !is_elided_year(rest) => {
            Some(Mark::Single)
        }
        '"' if !is_word_char(prev) && next.is_some_and(|n| !n.is_whitespace()) => {
            Some(Mark::StraightDouble)
        }
        '\'' if !is_word_char(prev) && is_word_char(next) && !is_elided_year(rest) => {
            Some(Mark::StraightSingle)
        }
        _ => None,
    }
}

/// ‘90s, '08: an apostrophe standing for the century, not an opening mark.
fn is_elided_year(rest: &str) -> bool {
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    digits == 2
}

fn closes(mark: Mark, c: char, prev: Option<char>, next: Option<char>) -> bool {
    let apostrophe = is_word_char(prev) && is_word_char(next);
    match mark {
        Mark::Double => c == '”',
        Mark::Single => c == '’' && !apostrophe,
        Mark::StraightDouble => c == '"',
        Mark::StraightSingle => c == '\'' && !apostrophe,
        Mark::Guillemet => c == '»',
        Mark::SingleGuillemet => c == '›',
        Mark::Low => c == '“' || c == '”',
        Mark::Corner => c == '」',
        Mark::WhiteCorner => c == '』',
    }
}

fn extract_quotes(article: &Article, skip: &[bool], lex: &Lexicon) -> Vec<Claim> {
    let text = &article.text;
    let mut quotes: Vec<Claim> = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    for (index, block) in article.blocks.iter().enumerate() {
        if skip[index] || block.disclaimer {
            stack.clear();
            continue;
        }
        let range = block.range.clone();
        let mut chars = text[range.clone()].char_indices().peekable();
        // A quote running over paragraphs re-opens each one with the same mark.
        if let Some(top) = stack.first() {
            let first = text[range.clone()].chars().next();
            let reopen = first.and_then(|c| opening(c, None, None, ""));
            if reopen == Some(top.mark) || first == Some('"') && top.mark == Mark::StraightDouble {
                chars.next();
            } else {
                stack.clear();
            }
        }
        let mut prev: Option<char> = None;
        while let Some((i, c)) = chars.next() {
            let at = range.start + i;
            let next = chars.peek().map(|(_, n)| *n);
            if let Some(top) = stack.last()
                && closes(top.mark, c, prev, next)
            {
                let open = stack.pop().expect("stack has a top");
                if stack.is_empty() {
                    quotes.push(quote_claim(text, open, at, index));
                }
            } else if let Some(mark) = opening(c, prev, next, &text[at + c.len_utf8()..range.end]) {
                stack.push(Open {
                    mark,
                    at,
                    inner: at + c.len_utf8(),
                    block: index,
                });
            }
            prev = Some(c);
        }
        let continues = article
            .blocks
            .get(index + 1)
            .is_some_and(|next| starts_with_mark(text, next.range.clone(), stack.first()));
        if !continues {
            stack.clear();
        }
    }
    quotes.retain(|q| {
        let words = &text[q.parts[0].clone()];
        words.chars().any(char::is_alphanumeric) && !is_mention(article, q.span.start, lex)
    });
    merge_split_quotes(text, quotes, lex)
}

fn starts_with_mark(text: &str, range: Range<usize>, open: Option<&Open>) -> bool {
    let Some(open) = open else {
        return false;
    };
    let first = text[range].chars().next();
    first.and_then(|c| opening(c, None, None, "")) == Some(open.mark)
        || (first == Some('"') && open.mark == Mark::StraightDouble)
}

fn quote_claim(text: &str, open: Open, close_at: usize, _block: usize) -> Claim {
    let close_len = text[close_at..].chars().next().map_or(1, char::len_utf8);
    let inner = open.inner..close_at;
    Claim {
        kind: ClaimKind::Quote,
        span: open.at..close_at + close_len,
        parts: vec![inner],
        block: open.block,
        key: fold_words(&text[open.inner..close_at]),
        approximate: false,
    }
}

/// Lower-cased words only, so that “National Interests” and “national interests,” compare equal.
pub fn fold_words(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The quote is a mention ("the so-called “reform”", "a report titled “…”"), not somebody's words.
fn is_mention(article: &Article, quote_start: usize, lex: &Lexicon) -> bool {
    let Some(sentence) = article
        .sentence_at(quote_start)
        .map(|i| &article.sentences[i])
    else {
        return false;
    };
    let before: Vec<String> = sentence
        .tokens
        .iter()
        .filter(|t| t.range.end <= quote_start && t.kind != TokenKind::Punct)
        .map(|t| t.lower.clone())
        .collect();
    lex.mention_markers
        .iter()
        .any(|m| phrase_before(&before, before.len(), m))
}

/// “A,” she said, “B.” is one quote in two parts.
fn merge_split_quotes(text: &str, quotes: Vec<Claim>, lex: &Lexicon) -> Vec<Claim> {
    let mut out: Vec<Claim> = Vec::new();
    for quote in quotes {
        if let Some(prev) = out.last_mut()
            && prev.block == quote.block
            && is_split_tag(text, prev, &quote, lex)
        {
            prev.span.end = quote.span.end;
            prev.parts.push(quote.parts[0].clone());
            prev.key = format!("{} {}", prev.key, quote.key);
            continue;
        }
        out.push(quote);
    }
    out
}

fn is_split_tag(text: &str, first: &Claim, second: &Claim, lex: &Lexicon) -> bool {
    if first.span.end > second.span.start {
        return false;
    }
    let between = text[first.span.end..second.span.start].trim();
    let first_inner = text[first.parts.last().expect("a quote has a part").clone()].trim_end();
    let opens_tag = first_inner.ends_with(',') || between.starts_with(',');
    if !opens_tag || !(between.ends_with(',') || between.ends_with(':')) {
        return false;
    }
    let words: Vec<&str> = between
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.len() <= 10
        && words
            .iter()
            .any(|w| lex.reporting_verbs.contains(&w.to_lowercase()))
}

/// A heading that repeats a quote or a figure from the body is a headline, not a new claim.
fn drop_heading_repeats(article: &Article, claims: &mut Vec<Claim>) {
    let in_heading = |c: &Claim| article.blocks[c.block].kind == BlockKind::Heading;
    let body_keys: std::collections::HashSet<(ClaimKind, String)> = claims
        .iter()
        .filter(|c| !in_heading(c))
        .map(|c| (c.kind, c.key.clone()))
        .collect();
    claims.retain(|c| !in_heading(c) || !body_keys.contains(&(c.kind, c.key.clone())));
}

fn extract_figures(
    article: &Article,
    skip: &[bool],
    quotes: &[Claim],
    lex: &Lexicon,
) -> Vec<Claim> {
    let quote_spans: Vec<Range<usize>> = quotes.iter().map(|q| q.span.clone()).collect();
    let mut figures = Vec::new();
    for sentence in &article.sentences {
        let block = &article.blocks[sentence.block];
        if skip[sentence.block] || block.disclaimer {
            continue;
        }
        let urls = url_ranges(&article.text, sentence.range.clone());
        let tokens: Vec<&Token> = sentence
            .tokens
            .iter()
            .filter(|t| !within_any(&quote_spans, &t.range))
            .filter(|t| {
                !urls
                    .iter()
                    .any(|u| u.start <= t.range.start && t.range.end <= u.end)
            })
            .collect();
        let finder = FigureFinder {
            text: &article.text,
            tokens: &tokens,
            words: tokens.iter().map(|t| t.lower.clone()).collect(),
            lex,
        };
        let mut i = 0;
        while i < tokens.len() {
            match finder.figure_at(i) {
                Some((end, claim)) => {
                    let mut claim = claim;
                    claim.block = sentence.block;
                    figures.push(claim);
                    i = end;
                }
                None => i += 1,
            }
        }
    }
    figures
}

fn url_ranges(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let slice = &text[range.clone()];
    let mut out = Vec::new();
    for marker in ["http://", "https://", "www."] {
        for (i, _) in slice.match_indices(marker) {
            let len = slice[i..]
                .find(char::is_whitespace)
                .unwrap_or(slice.len() - i);
            out.push(range.start + i..range.start + i + len);
        }
    }
    out
}

struct FigureFinder<'a> {
    text: &'a str,
    tokens: &'a [&'a Token],
    words: Vec<String>,
    lex: &'a Lexicon,
}

impl FigureFinder<'_> {
    /// A figure starting at token `i`: the index after it and the claim.
    fn figure_at(&self, i: usize) -> Option<(usize, Claim)> {
        if let Some(m) = self
            .lex
            .magnitudes
            .iter()
            .find(|m| phrase_at(&self.words, i, m))
        {
            let end = i + m.len();
            return Some((end, self.claim(i, end, m.join(" "), true)));
        }
        let token = self.tokens[i];
        if token.kind == TokenKind::Number {
            return self.numeric_figure(i);
        }
        self.worded_figure(i)
    }

    /// "two million", "half a million".
    fn worded_figure(&self, i: usize) -> Option<(usize, Claim)> {
        let words = self
            .lex
            .number_words
            .iter()
            .find(|w| phrase_at(&self.words, i, w))?;
        let scale_at = i + words.len();
        let scale = self.words.get(scale_at)?;
        if let Some(unit) = self
            .lex
            .percent_units
            .iter()
            .find(|u| phrase_at(&self.words, scale_at, u))
        {
            // "Forty per cent of those surveyed".
            let end = scale_at + unit.len();
            let start = self.hedge_start(i);
            return Some((
                end,
                self.claim(start, end, format!("{}%", words.join(" ")), false),
            ));
        }
        if !self.lex.scales.contains(scale) || scale.len() < 3 {
            return None;
        }
        if self
            .lex
            .durations
            .contains(self.words.get(scale_at + 1)?.as_str())
        {
            return None;
        }
        let start = self.hedge_start(i);
        let key = format!("{} {}", words.join(" "), scale);
        Some((scale_at + 1, self.claim(start, scale_at + 1, key, false)))
    }

    fn numeric_figure(&self, i: usize) -> Option<(usize, Claim)> {
        let token = self.tokens[i];
        let raw = &self.text[token.range.clone()];
        let digits_end = raw
            .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
            .unwrap_or(raw.len());
        let (number, suffix) = raw.split_at(digits_end);
        let number = number.trim_end_matches(['.', ',']);
        let glued_scale = !suffix.is_empty() && self.lex.scales.contains(&suffix.to_lowercase());
        let glued_unit = self.lex.glued_units.contains(&suffix.to_lowercase());
        if !suffix.is_empty() && !glued_scale && !glued_unit && suffix != "%" {
            return None; // 21st, 1990s, 3D
        }
        if self.is_not_a_figure(i, number) {
            return None;
        }
        let mut end = i + 1;
        let mut key = number.replace(',', "");
        if glued_scale || glued_unit {
            key = format!("{key} {}", suffix.to_lowercase());
        } else if let Some(scale) = self.words.get(end).filter(|w| self.lex.scales.contains(*w)) {
            key = format!("{key} {scale}");
            end += 1;
        }
        if let Some(unit) = self
            .lex
            .percent_units
            .iter()
            .find(|u| phrase_at(&self.words, end, u))
        {
            end += unit.len();
            key.push('%');
        }
        let mut start = i;
        if i > 0 && self.lex.currencies.contains(&self.words[i - 1]) {
            start = i - 1;
            key = format!("{}{key}", self.words[i - 1]);
        }
        let start = self.hedge_start(start);
        Some((end, self.claim(start, end, key, false)))
    }

    fn is_not_a_figure(&self, i: usize, number: &str) -> bool {
        let prev = i.checked_sub(1).map(|p| self.words[p].as_str());
        let next = self.words.get(i + 1).map(String::as_str);
        let after_next = self.words.get(i + 2).map(String::as_str);
        let is_month = |w: Option<&str>| {
            w.is_some_and(|w| {
                self.lex.months.contains(w) || self.lex.months.contains(&format!("{w}."))
            })
        };
        // Dates: "December 28", "28 December", "Dec. 28".
        if is_month(prev) || is_month(next) {
            return true;
        }
        // Version numbers ("4.12.1") and elided years ("the Class of ’92").
        if number.matches('.').count() > 1 {
            return true;
        }
        let glued_before = i > 0 && self.tokens[i - 1].range.end == self.tokens[i].range.start;
        if glued_before && matches!(prev, Some("’") | Some("'")) {
            return true;
        }
        // Ages: "aged 34", "aged 34 and 41".
        let aged = |w: Option<&str>| w.is_some_and(|w| w == "aged" || w == "age");
        if aged(prev)
            || matches!(prev, Some("and") | Some(",") | Some("or"))
                && i >= 3
                && aged(Some(&self.words[i - 3]))
        {
            return true;
        }
        // Street numbers: "10 Downing Street", "221 Baker Street".
        let street = (i + 1..(i + 4).min(self.tokens.len()))
            .find(|&k| self.lex.street_words.contains(&self.words[k]));
        if let Some(k) = street
            && (i + 1..k).all(|j| self.tokens[j].capitalised)
            && self.tokens[k].capitalised
        {
            return true;
        }
        if prev == Some(".") && i >= 2 && is_month(Some(&format!("{}.", self.words[i - 2]))) {
            return true;
        }
        // Times: "10:30", "3 p.m.". A colon glued between two numbers; "the port: 70%" is not.
        let glued = |a: usize, b: usize| self.tokens[a].range.end == self.tokens[b].range.start;
        let colon_after = next == Some(":")
            && i + 2 < self.tokens.len()
            && self.tokens[i + 2].kind == TokenKind::Number
            && glued(i, i + 1)
            && glued(i + 1, i + 2);
        let colon_before = prev == Some(":")
            && i >= 2
            && self.tokens[i - 2].kind == TokenKind::Number
            && glued(i - 2, i - 1)
            && glued(i - 1, i);
        if colon_after || colon_before {
            return true;
        }
        if next.is_some_and(|w| {
            self.lex.time_suffixes.contains(w) || self.lex.time_suffixes.contains(&format!("{w}."))
        }) {
            return true;
        }
        // Durations and ages: "72 hours", "a 48-hour period", "a 34-year-old".
        let unit = if next == Some("-") { after_next } else { next };
        if unit.is_some_and(|w| self.lex.durations.contains(w)) {
            return true;
        }
        if self.is_year(i, number) {
            return true;
        }
        // Ages in apposition: "Darnell Hughes, 41, testified".
        let age = number.parse::<u32>().is_ok_and(|n| n <= 120);
        if age && prev == Some(",") && matches!(next, Some(",") | Some(".")) {
            return true;
        }
        // The end of a date range: "Jan. 4–6".
        if matches!(prev, Some("-") | Some("–"))
            && i >= 2
            && self.tokens[i - 2].kind == TokenKind::Number
        {
            let before = i.checked_sub(3).map(|p| self.words[p].as_str());
            if is_month(before)
                || before == Some(".")
                    && i >= 4
                    && is_month(Some(&format!("{}.", self.words[i - 4])))
            {
                return true;
            }
        }
        self.is_inside_name(i)
    }

    fn is_year(&self, i: usize, number: &str) -> bool {
        if number.len() != 4 || !number.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
        let value: u32 = number.parse().unwrap_or(0);
        if !(1000..=2100).contains(&value) {
            return false;
        }
        let hedged = self.hedge_start(i) != i;
        let currency = i > 0 && self.lex.currencies.contains(&self.words[i - 1]);
        let next = self.words.get(i + 1);
        let scaled = next.is_some_and(|w| self.lex.scales.contains(w) || w == "%");
        !(hedged || currency || scaled)
    }

    /// "Article 5", "No. 10", "COVID-19", "Boeing 737".
    fn is_inside_name(&self, i: usize) -> bool {
        let Some(prev) = i.checked_sub(1) else {
            return false;
        };
        let before = self.tokens[prev];
        let word = &self.words[prev];
        let adjacent = before.range.end == self.tokens[i].range.start;
        if word == "-" && adjacent && prev > 0 {
            let named = self.tokens[prev - 1];
            return named.is_word() && named.range.end == before.range.start;
        }
        if word == "."
            && prev > 0
            && self
                .lex
                .name_prefixes
                .contains(&format!("{}.", self.words[prev - 1]))
        {
            return true;
        }
        if word == "#" {
            return true;
        }
        if self.lex.name_prefixes.contains(word) && (before.capitalised || word.ends_with('.')) {
            return true;
        }
        let sentence_start = prev == 0;
        let is_hedge_word = self.lex.hedges.iter().any(|h| h.last() == Some(word));
        before.is_word()
            && before.capitalised
            && !sentence_start
            && !is_hedge_word
            && !self.lex.currencies.contains(word)
            && !self.lex.months.contains(word)
    }

    /// Where the hedge before token `i` starts ("at least 217"), or `i` itself.
    fn hedge_start(&self, i: usize) -> usize {
        self.lex
            .hedges
            .iter()
            .find(|h| phrase_before(&self.words, i, h))
            .map_or(i, |h| i - h.len())
    }

    fn claim(&self, start: usize, end: usize, key: String, approximate: bool) -> Claim {
        let span = self.tokens[start].range.start..self.tokens[end - 1].range.end;
        Claim {
            kind: ClaimKind::Figure,
            parts: vec![span.clone()],
            span,
            block: 0,
            key,
            approximate,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::document::Format;

    fn claims(text: &str) -> Vec<(ClaimKind, String)> {
        let lex = Lexicon::builtin();
        let article = Article::parse("t.txt", Arc::from(text), Format::Plain, &lex);
        let skip = vec![false; article.blocks.len()];
        extract_claims(&article, &skip, &lex)
            .into_iter()
            .map(|c| (c.kind, c.text(text)))
            .collect()
    }

    fn figures(text: &str) -> Vec<String> {
        claims(text)
            .into_iter()
            .filter(|(k, _)| *k == ClaimKind::Figure)
            .map(|(_, t)| t)
            .collect()
    }

    fn quotes(text: &str) -> Vec<String> {
        claims(text)
            .into_iter()
            .filter(|(k, _)| *k == ClaimKind::Quote)
            .map(|(_, t)| t)
            .collect()
    }

    #[test]
    fn figures_keep_their_hedges_and_units() {
        assert_eq!(
            figures(
                "The group counted at least 217 deaths, over 25,000 arrests, 40% inflation, 12 per cent growth and $1.2 billion in aid."
            ),
            [
                "at least 217",
                "over 25,000",
                "40%",
                "12 per cent",
                "$1.2 billion"
            ]
        );
        assert_eq!(
            figures("Some two million people and hundreds of homes."),
            ["Some two million", "hundreds of"]
        );
    }

    #[test]
    fn versions_elided_years_ages_and_addresses_are_not_figures() {
        let text = "Version 4.12.1 shipped. The Class of ’92 met at 10 Downing Street; two men, aged 34 and 41, were charged.";
        assert_eq!(figures(text), Vec::<String>::new());
    }

    #[test]
    fn dates_years_times_durations_and_names_are_not_figures() {
        let text = "On December 28, 1979, and Jan. 10 at 10:30 and 3 p.m., over the past 72 hours in a 48-hour period, \
                    the 21st summit in the 1990s, COVID-19 and Article 5 and Flight 302 and No. 10 and a 34-year-old.";
        assert_eq!(figures(text), Vec::<String>::new());
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        let text =
            "Iran’s leaders haven’t said. The protesters’ banners read ‘Enough’ in the ’90s.";
        assert_eq!(quotes(text), ["Enough"]);
    }

    #[test]
    fn split_quotes_are_one_claim_and_nested_quotes_stay_inside() {
        let text = "“We will not leave,” she said, “until they ‘listen’ to us.”";
        assert_eq!(
            quotes(text),
            ["We will not leave, … until they ‘listen’ to us."]
        );
    }

    #[test]
    fn all_quote_styles_are_found() {
        let text = "«Un» and „Zwei“ and 「三」 and \"four\" and ‘five’.";
        assert_eq!(quotes(text), ["Un", "Zwei", "三", "four", "five"]);
    }

    #[test]
    fn a_quote_over_several_paragraphs_is_one_claim() {
        let text = "“First paragraph of the quote.\n“Second paragraph,” she said.\n";
        assert_eq!(quotes(text).len(), 1);
    }

    #[test]
    fn scare_quotes_after_so_called_are_mentions() {
        assert_eq!(
            quotes("The so-called “reform” failed."),
            Vec::<String>::new()
        );
    }

    #[test]
    fn figures_inside_quotes_belong_to_the_quote() {
        assert_eq!(
            figures("“We lost 300 homes,” he said."),
            Vec::<String>::new()
        );
    }
}
