//! Figures: numbers used as facts, with their hedge ("at least", "more than") and unit ("%",
//! "per cent", "$", "million"). Most numbers in news are not claims (dates, years, times, ages,
//! ordinals, scores, versions, numbers inside names), so most of this file says what is *not* a
//! figure; the word lists live in `lexicons/figures.yaml`.

use std::ops::Range;

use std::collections::HashSet;

use super::{Claim, ClaimKind, FigureKind};
use crate::document::{Article, BlockKind};
use crate::lexicon::{Lexicon, ends_with_any};
use crate::position::within_any;
use crate::text::{Token, TokenKind};

/// The figures of an article outside `quotes`, or `None` once more than `limit` are found
/// outside headings.
pub(super) fn extract_figures(
    article: &Article,
    skip: &[bool],
    quotes: &[Claim],
    lex: &Lexicon,
    limit: usize,
) -> Option<Vec<Claim>> {
    let quote_spans: Vec<Range<usize>> = quotes.iter().map(|q| q.span.clone()).collect();
    let mut figures = Vec::new();
    let mut in_body = 0;
    for sentence in &article.sentences {
        let block = &article.blocks[sentence.block];
        // A block quote is an excerpt: its figures are its author's, covered by whatever
        // introduces the excerpt, as a figure inside quotation marks is the quote's.
        if skip[sentence.block] || block.disclaimer || block.quoted {
            continue;
        }
        let urls = url_ranges(&article.text, sentence.range.clone());
        let tokens: Vec<&Token> = article
            .tokens_of(sentence)
            .iter()
            .filter(|t| !within_any(&quote_spans, &t.range()))
            .filter(|t| {
                !urls
                    .iter()
                    .any(|u| u.start <= t.range().start && t.range().end <= u.end)
            })
            .collect();
        let finder = FigureFinder {
            text: &article.text,
            tokens: &tokens,
            // A non-breaking or Unicode hyphen ("16‑minute") joins like "-".
            words: tokens
                .iter()
                .map(|t| match article.lower(t) {
                    "\u{2010}" | "\u{2011}" => "-",
                    word => word,
                })
                .collect(),
            lex,
        };
        let mut i = 0;
        while i < tokens.len() {
            match finder.figure_at(i) {
                Some((end, claim)) => {
                    // A hedge extends the figure back from `i`, never past it.
                    let first = tokens[..=i]
                        .iter()
                        .rposition(|t| t.range().start == claim.span.start)
                        .unwrap_or(i);
                    if !finder.is_public_result(first, end) {
                        let mut claim = claim;
                        claim.block = sentence.block;
                        figures.push(claim);
                        in_body += usize::from(block.kind != BlockKind::Heading);
                        if in_body > limit {
                            return None;
                        }
                    }
                    i = end;
                }
                None => i += 1,
            }
        }
    }
    Some(without_repeated_headlines(article, figures))
}

/// A headline or subhead sums up the story below it: a figure there that the body states again
/// is claimed (and attributed, or flagged) where the body states it.
fn without_repeated_headlines(article: &Article, figures: Vec<Claim>) -> Vec<Claim> {
    let is_heading = |c: &Claim| article.blocks[c.block].kind == BlockKind::Heading;
    let in_body: HashSet<&str> = figures
        .iter()
        .filter(|c| !is_heading(c))
        .map(|c| c.key.as_str())
        .collect();
    let keep: Vec<bool> = figures
        .iter()
        .map(|c| !is_heading(c) || !in_body.contains(c.key.as_str()))
        .collect();
    figures
        .into_iter()
        .zip(keep)
        .filter_map(|(c, keep)| keep.then_some(c))
        .collect()
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

/// What a company or an economy reports about itself: when one of these rises or falls, the
/// figure is a statistic somebody compiled, not a market's public move.
const STATISTIC_NOUNS: &[&str] = &[
    "profit",
    "profits",
    "revenue",
    "revenues",
    "sales",
    "earnings",
    "income",
    "turnover",
    "output",
    "exports",
    "imports",
    "inflation",
    "costs",
    "spending",
    "debt",
    "deficit",
    "unemployment",
];

/// "when he was 13": who a bare number after "was" is an age of.
const PERSONAL_PRONOUNS: &[&str] = &["i", "he", "she", "we", "they", "you"];

/// Name prefixes that make a label even in lower case: "a category 3 hurricane", "the section
/// 62 order", "phase 2". ("a room 3 metres wide", "number 40" or "size 12" in lower case may
/// measure or count something.)
const LABEL_WORDS: &[&str] = &[
    "category", "section", "chapter", "article", "clause", "phase", "stage", "grade",
];

struct FigureFinder<'a> {
    text: &'a str,
    tokens: &'a [&'a Token],
    words: Vec<&'a str>,
    lex: &'a Lexicon,
}

impl FigureFinder<'_> {
    /// Tokens `a` and `b` (`a` before `b`) touch, with nothing between them; false when `b` is
    /// past the sentence.
    fn glued(&self, a: usize, b: usize) -> bool {
        b < self.tokens.len() && self.tokens[a].range().end == self.tokens[b].range().start
    }

    /// A figure starting at token `i`: the index after it and the claim.
    fn figure_at(&self, i: usize) -> Option<(usize, Claim)> {
        if let Some(m) = self.lex.magnitudes.longest_at(&self.words, i) {
            let end = i + m.len();
            return Some((end, self.claim(i, end, m.join(" "), true)));
        }
        let token = self.tokens[i];
        if token.kind() == TokenKind::Number {
            return self.numeric_figure(i);
        }
        self.worded_figure(i)
    }

    /// "two million", "half a million".
    fn worded_figure(&self, i: usize) -> Option<(usize, Claim)> {
        let words = self.lex.number_words.longest_at(&self.words, i)?;
        let scale_at = i + words.len();
        let scale = self.words.get(scale_at)?;
        if let Some(unit) = self.lex.percent_units.longest_at(&self.words, scale_at) {
            // "Forty per cent of those surveyed".
            let end = scale_at + unit.len();
            let start = self.hedge_start(i);
            return Some((
                end,
                self.claim(start, end, format!("{}%", words.join(" ")), false),
            ));
        }
        if !self.lex.scales.contains(*scale) || scale.len() < 3 {
            return None;
        }
        if self.lex.durations.contains(*self.words.get(scale_at + 1)?) {
            return None;
        }
        let start = self.hedge_start(i);
        let key = format!("{} {}", words.join(" "), scale);
        Some((scale_at + 1, self.claim(start, scale_at + 1, key, false)))
    }

    fn numeric_figure(&self, i: usize) -> Option<(usize, Claim)> {
        let token = self.tokens[i];
        let raw = &self.text[token.range()];
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
        // "400 000": thousands grouped with a space are one number.
        if suffix.is_empty()
            && let Some(group) = self.space_grouped_thousands(i, number)
        {
            key.push_str(group);
            end += 1;
        }
        if glued_scale || glued_unit {
            key = format!("{key} {}", suffix.to_lowercase());
        } else if let Some(scale) = self
            .words
            .get(end)
            .filter(|w| self.lex.scales.contains(**w))
        {
            key = format!("{key} {scale}");
            end += 1;
        }
        if let Some(unit) = self.lex.percent_units.longest_at(&self.words, end) {
            end += unit.len();
            key.push('%');
        }
        let mut start = i;
        if i > 0 && self.lex.currencies.contains(self.words[i - 1]) {
            start = i - 1;
            key = format!("{}{key}", self.words[i - 1]);
        }
        let start = self.hedge_start(start);
        Some((end, self.claim(start, end, key, false)))
    }

    /// The three digits after token `i` when "N 000" writes one number with a space between
    /// its thousands ("400 000 deaths"): `number` has one to three digits, the next token is
    /// exactly three, and one space (or a no-break or thin space) stands between them.
    fn space_grouped_thousands(&self, i: usize, number: &str) -> Option<&str> {
        let next = self.tokens.get(i + 1)?;
        if next.kind() != TokenKind::Number || !(1..=3).contains(&number.len()) {
            return None;
        }
        if !number.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let between = &self.text[self.tokens[i].range().end..next.range().start];
        let group = &self.text[next.range()];
        let one_space = matches!(between, " " | "\u{a0}" | "\u{202f}" | "\u{2009}");
        let three_digits = group.len() == 3 && group.bytes().all(|b| b.is_ascii_digit());
        (one_space && three_digits).then_some(group)
    }

    fn is_not_a_figure(&self, i: usize, number: &str) -> bool {
        let prev = i.checked_sub(1).map(|p| self.words[p]);
        let next = self.words.get(i + 1).copied();
        let after_next = self.words.get(i + 2).copied();
        let is_month = |w: Option<&str>| {
            w.is_some_and(|w| {
                self.lex.months.contains(w) || self.lex.months.contains(&format!("{w}."))
            })
        };
        // Dates: "December 28", "28 December", "Dec. 28".
        if is_month(prev) || is_month(next) {
            return true;
        }
        if self.is_score(i)
            || self.is_result(i, next)
            || self.is_label(i, next)
            || self.is_item_number(i, number, next)
            || self.is_body_size(i, next)
            || self.is_specification(i, next)
            || self.is_population(i)
        {
            return true;
        }
        // Version numbers ("4.12.1") and elided years ("the Class of ’92").
        if number.matches('.').count() > 1 {
            return true;
        }
        let glued_before = i > 0 && self.glued(i - 1, i);
        if glued_before && matches!(prev, Some("’") | Some("'")) {
            return true;
        }
        // Ages: "aged 34", "aged 34 and 41".
        let aged = |w: Option<&str>| w.is_some_and(|w| w == "aged" || w == "age");
        if aged(prev)
            || matches!(prev, Some("and") | Some(",") | Some("or"))
                && i >= 3
                && aged(Some(self.words[i - 3]))
        {
            return true;
        }
        // "aged under 65": an age with its hedge.
        let hedge = self.hedge_start(i);
        if hedge < i && hedge > 0 && aged(Some(self.words[hedge - 1])) {
            return true;
        }
        // "when he was 13", "before she turned 29": a person's age.
        let person = i >= 2 && PERSONAL_PRONOUNS.contains(&self.words[i - 2]);
        let ends = next.is_none_or(|w| matches!(w, "," | "." | ";" | "and" | "or" | ")"));
        let age = number.parse::<u32>().is_ok_and(|n| n <= 120);
        if person && age && ends && matches!(prev, Some("was" | "is" | "turned" | "turns")) {
            return true;
        }
        // "the 66109 ZIP code": five digits and more with no thousands separator are a code,
        // not a count (a count of that size is written "66,109" or "66 109").
        let code = number.len() >= 5 && number.bytes().all(|b| b.is_ascii_digit());
        let currency = prev.is_some_and(|w| self.lex.currencies.contains(w));
        if code && !currency {
            return true;
        }
        // "the 700 block of Orlando Avenue": an address.
        if next == Some("block") && after_next == Some("of") {
            return true;
        }
        // Street numbers: "10 Downing Street", "221 Baker Street".
        let street = (i + 1..(i + 4).min(self.tokens.len()))
            .find(|&k| self.lex.street_words.contains(self.words[k]));
        if let Some(k) = street
            && (i + 1..k).all(|j| self.tokens[j].capitalised())
            && self.tokens[k].capitalised()
        {
            return true;
        }
        if prev == Some(".") && i >= 2 && is_month(Some(&format!("{}.", self.words[i - 2]))) {
            return true;
        }
        // Times: "10:30", "3 p.m.". A colon glued between two numbers; "the port: 70%" is not.
        let colon_after = next == Some(":")
            && i + 2 < self.tokens.len()
            && self.tokens[i + 2].kind() == TokenKind::Number
            && self.glued(i, i + 1)
            && self.glued(i + 1, i + 2);
        let colon_before = prev == Some(":")
            && i >= 2
            && self.tokens[i - 2].kind() == TokenKind::Number
            && self.glued(i - 2, i - 1)
            && self.glued(i - 1, i);
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
            && self.tokens[i - 2].kind() == TokenKind::Number
        {
            let before = i.checked_sub(3).map(|p| self.words[p]);
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

    /// Scores, tallies and ranges written number-mark-number ("3/327", "0/19", "2-1",
    /// "2002-2003", "UTC+9"): results and labels, not claims a source must stand behind.
    fn is_score(&self, i: usize) -> bool {
        let joiner = |k: usize| matches!(self.words[k], "/" | "-" | "–" | "+");
        let before = i >= 2
            && joiner(i - 1)
            && self.glued(i - 1, i)
            && self.glued(i - 2, i - 1)
            && (self.tokens[i - 2].kind() == TokenKind::Number || self.words[i - 1] == "+");
        let after = i + 2 < self.tokens.len()
            && joiner(i + 1)
            && self.words[i + 1] != "+"
            && self.glued(i, i + 1)
            && self.glued(i + 1, i + 2)
            && self.tokens[i + 2].kind() == TokenKind::Number;
        before || after
    }

    /// "the 80's" (a decade written with an apostrophe), "the 1.0 version", "release 3": a
    /// label, not a count.
    fn is_label(&self, i: usize, next: Option<&str>) -> bool {
        let glued_next = self.glued(i, i + 1);
        let decade = glued_next
            && matches!(next, Some("'" | "’" | "'s" | "’s"))
            && self.words.get(i + 2).is_some_and(|w| *w == "s")
            || glued_next && matches!(next, Some("'s" | "’s"));
        let version = next.is_some_and(|w| {
            matches!(
                w,
                "version" | "versions" | "release" | "edition" | "beta" | "update"
            )
        });
        decade || version
    }

    /// "their demands are simple: 1. new elections; 2. a free press": items numbered inside a
    /// sentence, the way a list is numbered on its own lines.
    fn is_item_number(&self, i: usize, number: &str, next: Option<&str>) -> bool {
        let small = number.len() <= 2 && number.bytes().all(|b| b.is_ascii_digit());
        let marker = matches!(next, Some("." | ")")) && self.glued(i, i + 1);
        let opens_item = i == 0 || matches!(self.words[i - 1], ":" | ";" | "(");
        let item = self.tokens.get(i + 2).is_some_and(|t| {
            t.kind() == TokenKind::Word && !t.capitalised() && !self.glued(i + 1, i + 2)
        });
        small && marker && opens_item && item
    }

    /// "the 15-member council", "a 450-seat parliament", "its 27 member states": the size of a
    /// standing body, part of its description. The compound must describe a noun that follows
    /// ("a 15-member panel"), so "the panel has 15 members" stays a figure.
    fn is_body_size(&self, i: usize, next: Option<&str>) -> bool {
        let member_states = next == Some("member")
            && matches!(
                self.words.get(i + 2).copied(),
                Some("states" | "nations" | "countries")
            );
        member_states
            || self.hyphenated_before_a_noun(i, next, |unit| self.lex.body_sizes.contains(unit))
    }

    /// "a city of 2 million", "the island nation of 5.4 million people": how many live in a
    /// place, as part of its description, is a label anybody can look up. "The city has lost 2
    /// million residents" stays a figure.
    fn is_population(&self, i: usize) -> bool {
        let start = self.hedge_start(i);
        let Some(before) = start.checked_sub(1).map(|p| self.words[p]) else {
            return false;
        };
        // Only "a city of": "the tower block is home to 400 residents" counts the people at risk.
        let place = start >= 2 && self.lex.settlement_nouns.contains(self.words[start - 2]);
        if before != "of" || !place {
            return false;
        }
        let mut k = i + 1;
        if self
            .words
            .get(k)
            .is_some_and(|w| self.lex.scales.contains(*w))
        {
            k += 1;
        }
        // "a state of 12 percent growth" is a share of something else.
        let share = self.lex.percent_units.longest_at(&self.words, k).is_some()
            || self
                .words
                .get(k)
                .is_some_and(|w| *w == "%" || self.lex.currencies.contains(*w));
        !share
    }

    /// "a 6.1-inch screen", "a 10-storey block": a specification written as a compound before
    /// the thing it describes. Only the compound form: "the screen measures 6.1 inches" is a
    /// statement of fact like any other.
    fn is_specification(&self, i: usize, next: Option<&str>) -> bool {
        self.hyphenated_before_a_noun(i, next, |unit| self.lex.spec_units.contains(unit))
    }

    /// Token `i` starts "N-unit noun": a number glued by a hyphen to a unit that `is_unit`
    /// accepts, with a word after the compound.
    fn hyphenated_before_a_noun(
        &self,
        i: usize,
        next: Option<&str>,
        is_unit: impl Fn(&str) -> bool,
    ) -> bool {
        next == Some("-")
            && self.glued(i, i + 1)
            && self.glued(i + 1, i + 2)
            && self.words.get(i + 2).is_some_and(|w| is_unit(w))
            && self.tokens.get(i + 3).is_some_and(|t| t.is_word())
    }

    /// "suspended for 30 games", "dismissed for 7,", "not out on 144.": a sports result,
    /// counted in its unit or standing bare after "for"/"on" at the end of a clause.
    fn is_result(&self, i: usize, next: Option<&str>) -> bool {
        let unit = if next == Some("-") {
            self.words.get(i + 2).copied()
        } else {
            next
        };
        if unit.is_some_and(|w| self.lex.result_units.contains(w)) {
            return true;
        }
        // "687 rushing yards", "12 career starts", "25 league goals": one word may qualify the
        // unit.
        let qualified_unit = self
            .tokens
            .get(i + 1)
            .is_some_and(|t| t.is_word() && !t.capitalised())
            && self
                .words
                .get(i + 2)
                .is_some_and(|w| self.lex.result_units.contains(*w));
        if qualified_unit {
            return true;
        }
        // "beat the Pelicans by 17", "lost to Kessa by 3": a winning margin.
        let margin = i > 0
            && self.words[i - 1] == "by"
            && (i.saturating_sub(6)..i - 1).any(|k| {
                matches!(
                    self.words[k],
                    "beat" | "beats" | "defeated" | "won" | "lost" | "edged"
                )
            });
        let bare_after = i > 0 && matches!(self.words[i - 1], "for" | "on") || margin;
        let clause_ends = next.is_none_or(|w| matches!(w, "," | "." | ";" | "and"));
        bare_after && clause_ends && self.hedge_start(i) == i
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
        let currency = i > 0 && self.lex.currencies.contains(self.words[i - 1]);
        let next = self.words.get(i + 1);
        let scaled = next.is_some_and(|w| self.lex.scales.contains(*w) || *w == "%");
        !(hedged || currency || scaled)
    }

    /// "Article 5", "No. 10", "COVID-19", "Boeing 737".
    fn is_inside_name(&self, i: usize) -> bool {
        let Some(prev) = i.checked_sub(1) else {
            return false;
        };
        let before = self.tokens[prev];
        let word = self.words[prev];
        let adjacent = before.range().end == self.tokens[i].range().start;
        if word == "-" && adjacent && prev > 0 {
            let named = self.tokens[prev - 1];
            return named.is_word() && named.range().end == before.range().start;
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
        if self.lex.name_prefixes.contains(word)
            && (before.capitalised() || word.ends_with('.') || LABEL_WORDS.contains(&word))
        {
            return true;
        }
        let sentence_start = prev == 0;
        let is_hedge_word = self
            .lex
            .hedges
            .iter()
            .any(|h| h.last().is_some_and(|w| w == word));
        before.is_word()
            && before.capitalised()
            && !sentence_start
            && !is_hedge_word
            && !self.lex.currencies.contains(word)
            && !self.lex.months.contains(word)
    }

    /// A result anybody can look up rather than a claim somebody must stand behind: an
    /// election's count ("61% of the vote", "re-elected with 61%") or a market's move ("shares
    /// fell 4%", "the FTSE closed at 7,412"). The figure is tokens `first..end`.
    fn is_public_result(&self, first: usize, end: usize) -> bool {
        let word = |k: Option<usize>| k.and_then(|k| self.words.get(k)).copied();
        let before = |n: usize| word(first.checked_sub(n));
        if self.is_conversion(first) {
            return true;
        }
        if self
            .lex
            .result_shares
            .longest_at(&self.words, end)
            .is_some()
        {
            return true;
        }
        if self.elected_via(first, &["with", "by"]) {
            return true;
        }
        if self.is_tally(first, end) {
            return true;
        }
        // "was fined $5,000", "ordered to pay £12,000": what a court orders is public record.
        if ends_with_any(&self.words, first, &self.lex.court_orders) {
            return true;
        }
        // "Okafor scored 25 points": what a player scores is the game's result.
        if matches!(before(1), Some("scored" | "scoring" | "scores")) {
            return true;
        }
        // "won 31 seats", "lost 63 House seats", "flipped 15 seats": an election's result.
        let seats = |k: usize| matches!(word(Some(k)), Some("seats" | "seat"));
        let took_seats = matches!(
            before(1),
            Some("won" | "lost" | "took" | "gained" | "held" | "kept" | "retained" | "flipped")
        );
        if took_seats && (seats(end) || seats(end + 1)) {
            return true;
        }
        // "won 12 of its last 15 matches", "won 3 of the 5 seats": a record of results.
        let won = before(1).is_some_and(|w| self.lex.election_verbs.contains(w));
        if won && word(Some(end)) == Some("of") {
            return true;
        }
        // "fell 4%", "closed at 7,412", "rose 3% to $150", "fell 180 points, or 1.2%, to
        // 14,660": the figures of one move, up to the level it ends at, are the same result.
        let Some(moved) = self.move_before(first) else {
            return false;
        };
        // "Shares in Kessa jumped 8% after profit rose to $90 million": what rose is a
        // company's result, a statistic, whatever moved in the market before it.
        let mut subject = moved;
        while subject > 0
            && matches!(
                self.words[subject - 1],
                "was" | "were" | "is" | "are" | "has" | "have" | "had"
            )
        {
            subject -= 1;
        }
        if subject > 0 && STATISTIC_NOUNS.contains(&self.words[subject - 1]) {
            return false;
        }
        (0..moved).any(|k| self.lex.market_words.longest_at(&self.words, k).is_some())
    }

    /// A market move's verb before token `first`, with only the move's own figures and
    /// linking words ("points", "or", "to", "at") between.
    fn move_before(&self, first: usize) -> Option<usize> {
        const LINKS: &[&str] = &[
            "by", "at", "to", "or", "from", "points", "point", "%", "percent", "per", "cent", ",",
            "close", "end", "finish", "settle",
        ];
        for k in (first.saturating_sub(12)..first).rev() {
            let word = self.words[k];
            if self.lex.market_moves.contains(word) {
                return Some(k);
            }
            let figure =
                self.tokens[k].kind() == TokenKind::Number || self.lex.currencies.contains(word);
            if !(figure || LINKS.contains(&word)) {
                return None;
            }
        }
        None
    }

    /// An election verb two to four words before token `k`, joined to it by one of `links`
    /// right before it: "re-elected with 61%", "carried it by 300 votes", "passed the Senate
    /// by 62 votes".
    fn elected_via(&self, k: usize, links: &[&str]) -> bool {
        let word = |n: usize| k.checked_sub(n).and_then(|j| self.words.get(j)).copied();
        let verb = |n: usize| word(n).is_some_and(|w| self.lex.election_verbs.contains(w));
        word(1).is_some_and(|w| links.contains(&w)) && (verb(2) || verb(3) || verb(4))
    }

    /// A vote's tally, either side of it: "passed 52 to 48", "voted 210 to 190", "carried by
    /// 300 votes to 250". The tally must follow a voting verb ("won", "passed", "voted").
    fn is_tally(&self, first: usize, end: usize) -> bool {
        let word = |k: usize| self.words.get(k).copied();
        let is_number = |k: usize| {
            self.tokens
                .get(k)
                .is_some_and(|t| t.kind() == TokenKind::Number)
        };
        let voted = |k: usize| {
            k.checked_sub(1)
                .and_then(word)
                .is_some_and(|w| self.lex.election_verbs.contains(w))
                || self.elected_via(k, &["by"])
        };
        // The first number: a verb before it, "to" and a number after it.
        let to = if word(end) == Some("votes") {
            end + 1
        } else {
            end
        };
        if voted(first) && word(to) == Some("to") && is_number(to + 1) {
            return true;
        }
        // The second: "to" before it, and before that the first number with its verb.
        if first < 2 || word(first - 1) != Some("to") {
            return false;
        }
        let mut other = first - 2;
        if word(other) == Some("votes") && other > 0 {
            other -= 1;
        }
        is_number(other) && voted(other)
    }

    /// "22,000 kg (48,500 lb)", "$11 billion (€9 billion)": the same quantity again in another
    /// unit, in brackets right after it. The figure before is the claim.
    fn is_conversion(&self, first: usize) -> bool {
        if first == 0 || self.words[first - 1] != "(" {
            return false;
        }
        let unit_words = 3;
        (first.saturating_sub(2 + unit_words)..first - 1)
            .any(|k| self.tokens[k].kind() == TokenKind::Number)
    }

    /// Where the hedge before token `i` starts ("at least 217"), or `i` itself.
    fn hedge_start(&self, i: usize) -> usize {
        self.lex
            .hedges
            .longest_before(&self.words, i)
            .map_or(i, |h| i - h.len())
    }

    fn claim(&self, start: usize, end: usize, key: String, approximate: bool) -> Claim {
        let span = self.tokens[start].range().start..self.tokens[end - 1].range().end;
        let figure = Some(self.kind_of(start, end, &key));
        Claim {
            kind: ClaimKind::Figure,
            parts: vec![span.clone()],
            span,
            block: 0,
            key,
            approximate,
            term: false,
            unclosed: None,
            figure,
        }
    }

    /// What the figure at tokens `start..end` (value `key`) counts: money by its currency,
    /// a share by its percent, people and measures by the noun after it ("14,200 people", "40
    /// km", one word may come between: "40 more people") or the verb before it ("killed 40").
    fn kind_of(&self, start: usize, end: usize, key: &str) -> FigureKind {
        let currency = (start..end).any(|k| self.lex.currencies.contains(self.words[k]))
            || key.starts_with(|c: char| !c.is_ascii_digit() && !c.is_alphabetic());
        if currency {
            return FigureKind::Money;
        }
        if key.ends_with('%') {
            return FigureKind::Share;
        }
        let after = |n: usize| self.words.get(end + n).copied().unwrap_or("");
        let noun = |n: usize| {
            let word = after(n);
            if self.lex.people_nouns.contains(word) {
                Some(FigureKind::People)
            } else if self.lex.measure_units.contains(word) {
                Some(FigureKind::Measure)
            } else {
                None
            }
        };
        if let Some(kind) = noun(0).or_else(|| noun(1)) {
            return kind;
        }
        // A unit glued to the number: "40km", "5kg".
        if self
            .lex
            .measure_units
            .contains(key.rsplit(' ').next().unwrap_or(""))
        {
            return FigureKind::Measure;
        }
        let verb = start.checked_sub(1).map(|k| self.words[k]);
        if verb.is_some_and(|w| self.lex.people_verbs.contains(w)) {
            return FigureKind::People;
        }
        FigureKind::Count
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{figures, full};
    use super::FigureKind;

    #[test]
    fn a_figure_knows_what_it_counts() {
        let text = "Floods displaced 14,200 people, killed 40 and cost $1.2 billion; prices rose 12%. \
                    The 2m-tonne dam is 40 km long, holds 2,000 tonnes and the firm owns 185 ships.";
        let kinds: Vec<Option<FigureKind>> = full(text).iter().map(|c| c.figure).collect();
        use FigureKind::*;
        assert_eq!(
            kinds,
            [People, People, Money, Share, Measure, Measure, Count].map(Some)
        );
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
    fn ages_codes_addresses_and_lower_case_labels_are_not_figures() {
        let text = "She moved to Kessa when she was 13. Half the dead were aged under 65. The \
                    66109 ZIP code sits by the 700 block of Mill Avenue and 28 Walworth St. A \
                    category 3 storm hit after the section 62 order, in a 16\u{2011}minute \
                    spell, and the 5-star hotel on its 228-acre estate closed.";
        assert_eq!(figures(text), Vec::<String>::new());
        // A count stays a figure: after "was" without a person, with its separator, and a
        // lower-case "room" may measure.
        let text = "The toll was 13. Some 66,109 homes lost power. The room 3 metres wide flooded.";
        assert_eq!(figures(text), ["13", "Some 66,109", "3"]);
    }

    #[test]
    fn items_numbered_inside_a_sentence_are_not_figures() {
        let text = "The 400 strikers want: 1. a pay rise; 2. shorter shifts; (3) safer depots.";
        assert_eq!(figures(text), ["400"]);
        // A count after a word stays a figure, full stop or not.
        let text = "The toll rose to 12. then fell.";
        assert_eq!(figures(text), ["12"]);
    }

    #[test]
    fn thousands_grouped_with_a_space_are_one_number() {
        assert_eq!(
            figures("The war led to an estimated 400 000 deaths."),
            ["an estimated 400 000"]
        );
        // Two numbers that only stand side by side stay two.
        assert_eq!(figures("Of the 12 1,500 were hurt."), ["12", "1,500"]);
    }

    #[test]
    fn dates_years_times_durations_and_names_are_not_figures() {
        let text = "On December 28, 1979, and Jan. 10 at 10:30 and 3 p.m., over the past 72 hours in a 48-hour period, \
                    the 21st summit in the 1990s, COVID-19 and Article 5 and Flight 302 and No. 10 and a 34-year-old.";
        assert_eq!(figures(text), Vec::<String>::new());
    }

    #[test]
    fn scores_and_number_ranges_are_not_figures() {
        let text = "Australia were 3/327 at stumps after a 0/19 start; the Reds won 2-1 in the 2002-2003 season, at UTC+9.";
        assert_eq!(figures(text), Vec::<String>::new());
    }

    #[test]
    fn decades_and_versions_are_labels_not_figures() {
        assert_eq!(
            figures("Trained in the 80's, it shipped the 2.0 version and the 3 release."),
            Vec::<String>::new()
        );
    }

    #[test]
    fn a_market_moves_figures_up_to_its_close_are_one_result() {
        let text = "The Nasdaq fell 180.14 points, or 1.2%, to 14,660.58. Shares in Kessa Rail \
                    jumped 8% to close at $9.08.";
        assert_eq!(figures(text), Vec::<String>::new());
        // A company's results are not its share price.
        let text = "Shares in Kessa Rail jumped 8% after profit rose to $90 million.";
        assert_eq!(figures(text), ["$90 million"]);
    }

    #[test]
    fn seats_won_and_winning_margins_are_results() {
        let text = "In 2010 the party lost 63 House seats. The Reds beat Kessa by 17, and Ferrante \
                    is a 13-time champion.";
        assert_eq!(figures(text), Vec::<String>::new());
        // A margin that is not a game's, and seats that are not an election's, are figures.
        let text = "Prices rose by 17, and the new hall has 63 seats.";
        assert_eq!(figures(text), ["17", "63"]);
    }

    #[test]
    fn sports_results_are_not_figures() {
        let text = "Okoye was banned for 12 games and Reyes for 4, after 31 appearances; Hale was out for 62.";
        assert_eq!(figures(text), Vec::<String>::new());
        assert_eq!(figures("Police said 40 people were hurt."), ["40"]);
        let text = "She has 14 titles and 212 wins; he ran 140 yards and made 3 birdies.";
        assert_eq!(figures(text), Vec::<String>::new());
        // A poll moves by points too, and that is a statistic.
        assert_eq!(figures("Approval rose to 38%, up 4 points."), ["38%", "4"]);
        let text = "He was fined $5,000 and ordered to pay £1,200; bail of $50,000 was set.";
        assert_eq!(figures(text), Vec::<String>::new());
        assert_eq!(
            figures("Fines rose to $5,000 for 300 drivers."),
            ["$5,000", "300"]
        );
        let text = "Okafor scored 25 points; the Reds have won 12 of their last 15 matches.";
        assert_eq!(figures(text), Vec::<String>::new());
        // Not a result: what was won from somebody, what a survey's respondents scored.
        let text = "The firm won 12 contracts worth $40 million; 30% of pupils fell short.";
        assert_eq!(figures(text), ["12", "$40 million", "30%"]);
    }

    #[test]
    fn a_standing_body_s_size_is_a_label() {
        let text = "The 15-member council and the 27-nation bloc met; a 450-seat chamber of its \
                    193 member states, and a nine-judge bench, sat.";
        assert_eq!(figures(text), Vec::<String>::new());
        // Counted, not described, or not a standing body: still a claim.
        let text = "The council has 15 members; 300 member-run stalls closed; a 40-person crowd.";
        assert_eq!(figures(text), ["15", "300", "40"]);
    }

    #[test]
    fn a_vote_s_tally_is_a_public_result() {
        let text =
            "The bill passed 52 to 48; MPs voted 210 to 190 and carried it by 300 votes to 250.";
        assert_eq!(figures(text), Vec::<String>::new());
        let text = "The bill passed the Senate by 62 votes to 38.";
        assert_eq!(figures(text), Vec::<String>::new());
        let text = "Prices went from 52 to 48 and 12 to 15 people were hurt.";
        assert_eq!(figures(text), ["52", "48", "12", "15"]);
    }

    #[test]
    fn a_places_population_is_part_of_its_description() {
        let text = "The city of 2 million people and an island nation of about 5.4 million.";
        assert_eq!(figures(text), Vec::<String>::new());
        let text = "The city lost 2 million residents; a fleet of 40 ships; the state of 12 \
                    percent growth; the block is home to 400 residents.";
        assert_eq!(figures(text), ["2 million", "40", "12 percent", "400"]);
    }

    #[test]
    fn a_specification_before_its_object_is_a_label() {
        let text = "The 6.1-inch screen, a 10-storey block and a 500-megawatt plant were shown.";
        assert_eq!(figures(text), Vec::<String>::new());
        let text = "The screen measures 6.1 inches; a $2-billion deal; a 5,000-strong crowd.";
        assert_eq!(figures(text), ["6.1", "$2", "5,000"]);
    }

    #[test]
    fn election_counts_and_market_moves_are_public_results() {
        let text = "Okafor was re-elected with 61% and won 1,204 votes, 48% of the vote. Shares of the \
                    miner fell 4% as the FTSE closed at 7,412; Kmart gained 15 percent.";
        assert_eq!(figures(text), Vec::<String>::new());
        assert_eq!(
            figures("The probe weighs 1,200 kg (2,650 lb) and cost $90 million (€80 million)."),
            ["1,200", "$90 million"]
        );
        // Not a market: prices, revenue and a price index are statistics somebody compiled.
        assert_eq!(
            figures("Oil prices rose 3% and sterling fell 1.2%."),
            Vec::<String>::new()
        );
        let text = "Prices rose 12%. Revenue fell 4%. The consumer price index rose 3.1%.";
        assert_eq!(figures(text), ["12%", "4%", "3.1%"]);
        assert_eq!(
            figures("Shares of Kestrel rose 3% to $150 on Monday."),
            Vec::<String>::new()
        );
        assert_eq!(
            figures("Revenue rose 3% to $150 million."),
            ["3%", "$150 million"]
        );
    }

    #[test]
    fn block_quotes_and_repeated_headline_figures_are_not_claimed_again() {
        use std::sync::Arc;

        use crate::document::{Article, Format};
        use crate::lexicon::Lexicon;

        let text = "# Port sold for $2 billion\n\nThe owner sold the port for $2 billion. The \
                    audit put it this way:\n\n> 4,100 workers were paid late.\n\n## 300 jobs go\n";
        let lex = Lexicon::builtin();
        let article = Article::parse("t.md", Arc::from(text), Format::Markdown, &lex);
        let skip = vec![false; article.blocks.len()];
        let claims = super::super::extract_claims(&article, &skip, &lex, usize::MAX).unwrap();
        let found: Vec<String> = claims.iter().map(|c| c.text(text)).collect();
        // The headline's $2 billion is claimed in the body; the subhead's 300 only there.
        assert_eq!(found, ["$2 billion", "300"]);
        assert_eq!(
            claims[0].span.start,
            text.find("for $2 billion.").unwrap() + 4
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
