//! Quotes: text in quotation marks that stands for somebody's words. Printed news mixes its
//! marks (a curly opening closed by a straight mark, `’’` or `,,` for a closing double, a single
//! quote inside a double closed by an apostrophe), loses closing marks, and runs one quote over
//! several paragraphs. The scanner reads marks by family, as a reader does, and recovers at the
//! end of every paragraph: a broken quote costs at most its own paragraph.

use std::ops::Range;

use super::{Claim, ClaimKind, fold_words};
use crate::document::{Article, BlockKind};
use crate::lexicon::{Lexicon, phrase_before};
use crate::text::TokenKind;

/// Marks close their own family, whatever their shape: “…" and "…” are one quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Double,
    Single,
    Guillemet,
    SingleGuillemet,
    Corner,
    WhiteCorner,
}

#[derive(Debug, Clone, Copy)]
struct Open {
    family: Family,
    at: usize,
    inner: usize,
    block: usize,
}

/// A quotation mark found at a position: what it can do there, and how many bytes it takes.
#[derive(Debug, Clone, Copy)]
struct MarkAt {
    family: Family,
    len: usize,
    can_open: bool,
    can_close: bool,
}

fn is_word_char(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphanumeric)
}

fn is_space(c: Option<char>) -> bool {
    c.is_none_or(char::is_whitespace)
}

/// ‘90s, '08: an apostrophe standing for the century, not an opening mark.
fn is_elided_year(rest: &str) -> bool {
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    digits == 2 && !rest[2..].starts_with(|c: char| c.is_alphanumeric() && c != 's')
}

/// Reads the mark starting at `at` in `text` (one paragraph), if there is one.
fn mark_at(text: &str, at: usize, prev: Option<char>) -> Option<MarkAt> {
    let rest = &text[at..];
    let mut chars = rest.chars();
    let c = chars.next()?;
    let second = chars.next();
    let after_pair = chars.next();
    let next = second;
    // Open before a word (or another mark), close after one: the usual reading of a mark.
    let opens_here = is_space(prev) || matches!(prev, Some('(' | '[' | '—' | '–' | '-' | '/'));
    let closes_here = !is_space(prev);
    let mark = |family, len, can_open, can_close| {
        Some(MarkAt {
            family,
            len,
            can_open,
            can_close,
        })
    };
    match c {
        '“' | '‟' => mark(Family::Double, c.len_utf8(), !is_space(next), closes_here),
        '”' => mark(
            Family::Double,
            c.len_utf8(),
            opens_here && !is_space(next),
            true,
        ),
        '„' => mark(Family::Double, c.len_utf8(), true, false),
        '"' => mark(
            Family::Double,
            1,
            !is_space(next),
            closes_here || is_space(next),
        ),
        // Two singles typed for a double: ’’ and '' close, ,, opens or closes.
        '’' | '\'' if second == Some(c) => {
            let opens = c == '\'' && opens_here && is_word_char(after_pair);
            mark(
                Family::Double,
                2 * c.len_utf8(),
                opens,
                !opens && closes_here,
            )
        }
        // ``…'' as typed on old keyboards and kept by some wire feeds.
        '`' if second == Some('`') => mark(
            Family::Double,
            2,
            opens_here && is_word_char(after_pair),
            false,
        ),
        ',' if second == Some(',') => {
            let opens = opens_here && is_word_char(after_pair);
            mark(Family::Double, 2, opens, !opens && closes_here)
        }
        '‘' | '‚' => {
            let opens =
                !is_word_char(prev) && !is_space(next) && !is_elided_year(&rest[c.len_utf8()..]);
            mark(Family::Single, c.len_utf8(), opens, false)
        }
        '’' | '\'' => {
            let apostrophe = is_word_char(prev) && is_word_char(next);
            let opens = c == '\''
                && !is_word_char(prev)
                && is_word_char(next)
                && !is_elided_year(&rest[1..]);
            mark(Family::Single, c.len_utf8(), opens, !apostrophe && !opens)
        }
        '«' => mark(Family::Guillemet, c.len_utf8(), true, false),
        '»' => mark(Family::Guillemet, c.len_utf8(), false, true),
        '‹' => mark(Family::SingleGuillemet, c.len_utf8(), true, false),
        '›' => mark(Family::SingleGuillemet, c.len_utf8(), false, true),
        '「' => mark(Family::Corner, c.len_utf8(), true, false),
        '」' => mark(Family::Corner, c.len_utf8(), false, true),
        '『' => mark(Family::WhiteCorner, c.len_utf8(), true, false),
        '』' => mark(Family::WhiteCorner, c.len_utf8(), false, true),
        _ => None,
    }
}

/// Which open quote a closing mark ends: the innermost of its family. Opens above it are nested
/// quotes that lost their own closing mark.
fn closes(stack: &[Open], mark: &MarkAt) -> Option<usize> {
    if !mark.can_close {
        return None;
    }
    stack.iter().rposition(|o| o.family == mark.family)
}

/// The quotes of an article, split quotes merged; `None` as soon as more than `limit` stand
/// outside headings (see `extract_claims`).
pub(super) fn extract_quotes(
    article: &Article,
    skip: &[bool],
    lex: &Lexicon,
    limit: usize,
) -> Option<Vec<Claim>> {
    let text = &article.text;
    let mut quotes = Quotes {
        article,
        lex,
        kept: Vec::new(),
        in_body: 0,
        limit,
    };
    let mut stack: Vec<Open> = Vec::new();
    for (index, block) in article.blocks.iter().enumerate() {
        if skip[index] || block.disclaimer {
            stack.clear();
            continue;
        }
        let range = block.range.clone();
        let mut at = range.start;
        // A quote running over paragraphs re-opens each one with a mark of its family.
        if let Some(first) = stack.first().copied() {
            match mark_at(&text[..range.end], at, None) {
                Some(m) if m.family == first.family => at += m.len,
                _ => stack.clear(),
            }
        }
        let mut prev: Option<char> = None;
        while at < range.end {
            let Some(c) = text[at..range.end].chars().next() else {
                break;
            };
            let Some(mark) = mark_at(&text[..range.end], at, prev) else {
                prev = Some(c);
                at += c.len_utf8();
                continue;
            };
            match closes(&stack, &mark) {
                Some(target) => {
                    stack.truncate(target + 1);
                    let open = stack.pop().expect("the target is on the stack");
                    if stack.is_empty() {
                        quotes.push(quote_claim(text, open, at..at + mark.len))?;
                    }
                }
                _ if mark.can_open => stack.push(Open {
                    family: mark.family,
                    at,
                    inner: at + mark.len,
                    block: index,
                }),
                _ => {}
            }
            prev = text[..at + mark.len].chars().next_back();
            at += mark.len;
        }
        // “We were never told, said Ana Ruiz. — the closing mark was lost before the tag: the
        // quote ends there, and the paragraph after it is not its continuation.
        let lost_close = stack
            .first()
            .and_then(|open| tag_after_lost_close(&text[open.inner..range.end], lex))
            .map(|end| stack[0].inner + end);
        let continues = lost_close.is_none()
            && article
                .blocks
                .get(index + 1)
                .zip(stack.first())
                .is_some_and(|(next, open)| {
                    !skip[index + 1]
                        && mark_at(&text[..next.range.end], next.range.start, None)
                            .is_some_and(|m| m.family == open.family && m.can_open)
                });
        if !continues {
            let end = lost_close.unwrap_or(range.end);
            if let Some(claim) = unclosed_claim(text, stack.first(), end) {
                quotes.push(claim)?;
            }
            stack.clear();
        }
    }
    let mut quotes = quotes.kept;
    for quote in &mut quotes {
        quote.term = quote.parts.len() == 1 && is_term(&text[quote.parts[0].clone()]);
    }
    Some(quotes)
}

/// Quotes as they close, kept or dropped and merged at once. Merging only ever joins a quote to
/// the one kept just before it, so the count kept outside headings never falls: once it passes
/// the limit, the file is over it. Keeping every quote of a long file until the end was the
/// peak of its memory.
struct Quotes<'a> {
    article: &'a Article,
    lex: &'a Lexicon,
    kept: Vec<Claim>,
    in_body: usize,
    limit: usize,
}

impl Quotes<'_> {
    fn push(&mut self, quote: Claim) -> Option<()> {
        let text = &self.article.text;
        let words = &text[quote.parts[0].clone()];
        if !words.chars().any(char::is_alphanumeric)
            || is_mention(self.article, quote.span.start, self.lex)
        {
            return Some(());
        }
        if let Some(previous) = self.kept.last_mut()
            && previous.block == quote.block
            && is_split_tag(text, previous, &quote, self.lex)
        {
            join_split(previous, quote);
            return Some(());
        }
        if self.article.blocks[quote.block].kind != BlockKind::Heading {
            self.in_body += 1;
            if self.in_body > self.limit {
                return None;
            }
        }
        self.kept.push(quote);
        Some(())
    }
}

/// Where the words of a quote whose closing mark was lost end, in `quoted` (the text after the
/// opening mark to the end of its paragraph): right after a comma that a speech tag follows
/// (", said Ana Ruiz", ", she said", ", Ana Ruiz said"). A quote over several paragraphs has
/// no tag in its open paragraphs. The verbs are the `reporting-verbs` lexicon.
fn tag_after_lost_close(quoted: &str, lex: &Lexicon) -> Option<usize> {
    quoted.match_indices(", ").find_map(|(at, _)| {
        let words: Vec<&str> = quoted[at + 2..]
            .split_whitespace()
            .take(4)
            .map(|w| w.trim_end_matches(['.', ',', ';']))
            .collect();
        let verb_at = words
            .iter()
            .position(|w| lex.reporting_verbs.contains(*w))?;
        let named = |w: &&str| w.starts_with(char::is_uppercase);
        let speaker_first = verb_at > 0
            && verb_at <= 3
            && (words[..verb_at].iter().all(named)
                || verb_at == 1 && matches!(words[0], "he" | "she" | "they"));
        let verb_first = verb_at == 0 && words.get(1).is_some_and(named);
        (speaker_first || verb_first).then_some(at + 1)
    })
}

/// A quote whose closing mark is lost ends with its paragraph. Only a double mark (or a
/// guillemet, a corner) is trusted that far: a lone single mark is more often an apostrophe.
fn unclosed_claim(text: &str, open: Option<&Open>, end: usize) -> Option<Claim> {
    let open = open?;
    if open.family == Family::Single || open.family == Family::SingleGuillemet {
        return None;
    }
    let end = open.inner + text[open.inner..end].trim_end().len();
    if end <= open.inner {
        return None;
    }
    let inner = open.inner..end;
    Some(Claim {
        kind: ClaimKind::Quote,
        span: open.at..end,
        key: fold_words(&text[inner.clone()]),
        parts: vec![inner],
        block: open.block,
        approximate: false,
        term: false,
        unclosed: Some(open.at..open.inner),
        figure: None,
    })
}

fn quote_claim(text: &str, open: Open, close: Range<usize>) -> Claim {
    let inner = open.inner..close.start;
    Claim {
        kind: ClaimKind::Quote,
        span: open.at..close.end,
        key: fold_words(&text[inner.clone()]),
        parts: vec![inner],
        block: open.block,
        approximate: false,
        term: false,
        unclosed: None,
        figure: None,
    }
}

/// Most words a quote can have and still be a term or a scare quote when it starts in lower
/// case ("so-called" is not always written).
const TERM_WORDS: usize = 5;
/// Most words of a title in quotation marks (“The Restless Years”, “Choosing Health”).
const TITLE_WORDS: usize = 8;

/// The quoted words name something rather than report somebody's words: a short fragment in
/// lower case (“lifestyle trainers”, “punched on the shoulder”), or words in title case (“Stay
/// Tuned”, “Windows XP Reloaded”). A sentence in quotation marks (“We will win.”) is not.
pub(crate) fn is_term(quoted: &str) -> bool {
    let words: Vec<&str> = quoted
        .split(|c: char| c.is_whitespace() || c == '/')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return false;
    }
    let first_lower = words[0].chars().next().is_some_and(char::is_lowercase);
    if first_lower && (words.len() <= TERM_WORDS || is_list_of_things(quoted)) {
        return true;
    }
    let sentence_inside = quoted
        .trim_end()
        .trim_end_matches(['"', '”', '’', '\''])
        .ends_with(['.', '!', '?']);
    let title_case = words.iter().all(|w| {
        let first = w.chars().next().expect("words are not empty");
        !first.is_lowercase() || w.len() <= 3
    });
    title_case && words.len() <= TITLE_WORDS && !sentence_inside
}

/// Words that make a clause of a list item: "we", "is", "will". A list with none of them
/// names things (“human rights, due process and the rule of law”).
const CLAUSE_WORDS: &[&str] = &[
    "i", "we", "you", "he", "she", "it", "they", "is", "are", "was", "were", "be", "been", "will",
    "would", "can", "could", "should", "must", "may", "might", "have", "has", "had", "do", "does",
    "did", "not", "never",
];

/// Most words of one item in a quoted list of things.
const LIST_ITEM_WORDS: usize = 10;

/// A quoted list of three or more short items, none of them a clause: the topics of a
/// curriculum, the charges on a sheet. It names them; nobody is reported saying it.
fn is_list_of_things(quoted: &str) -> bool {
    let items: Vec<Vec<String>> = quoted
        .split([',', ';'])
        .map(|item| {
            item.split_whitespace()
                .map(|w| {
                    w.trim_matches(|c: char| !c.is_alphanumeric())
                        .to_lowercase()
                })
                .filter(|w| !w.is_empty())
                .skip_while(|w| w == "and" || w == "or")
                .collect::<Vec<String>>()
        })
        .filter(|item| !item.is_empty())
        .collect();
    items.len() >= 3
        && items.iter().all(|item| {
            item.len() <= LIST_ITEM_WORDS
                && !item.iter().any(|w| {
                    CLAUSE_WORDS.contains(&w.as_str()) || w.ends_with("n't") || w.ends_with("’t")
                })
        })
}

/// The quote is a mention ("the so-called “reform”", "a report titled “…”"), not somebody's words.
fn is_mention(article: &Article, quote_start: usize, lex: &Lexicon) -> bool {
    let Some(sentence) = article
        .sentence_at(quote_start)
        .map(|i| &article.sentences[i])
    else {
        return false;
    };
    let before: Vec<&str> = article
        .tokens_of(sentence)
        .iter()
        .filter(|t| t.range().end <= quote_start && t.kind() != TokenKind::Punct)
        .map(|t| article.lower(t))
        .collect();
    lex.mention_markers
        .iter()
        .any(|m| phrase_before(&before, before.len(), m))
}

/// “A,” she said, “B.” is one quote in two parts.
fn join_split(first: &mut Claim, second: Claim) {
    first.span.end = second.span.end;
    first.parts.push(second.parts[0].clone());
    first.key = format!("{} {}", first.key, second.key);
    first.unclosed = first.unclosed.take().or(second.unclosed);
}

/// Only a tag that interrupts one statement splits it: “…,” she said, “…”. A full stop between
/// the parts (“…,” the minister said. Then came the surprise: “…”) is narration, not a tag.
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
    if ends_a_sentence(between, lex) {
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

/// A sentence ends inside `text`: a full stop, question or exclamation mark before a space,
/// other than the full stop of an abbreviation ("Sen.", "U.S.").
fn ends_a_sentence(text: &str, lex: &Lexicon) -> bool {
    text.char_indices().any(|(i, c)| {
        if !matches!(c, '.' | '!' | '?') || !text[i + 1..].starts_with(char::is_whitespace) {
            return false;
        }
        // The space before the word may be wider than a byte ("\u{2004}").
        let word_start = text[..i]
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(s, c)| s + c.len_utf8());
        let word = text[word_start..=i].to_lowercase();
        c != '.' || !lex.abbreviations.contains(&word)
    })
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{full, quotes};
    use super::*;

    #[test]
    fn a_wide_space_before_a_full_stop_is_one_character() {
        let lex = &crate::config::Settings::builtin().lexicon;
        // The abbreviation after the wide space is read whole, and nothing is cut inside it.
        assert!(!ends_a_sentence("said\u{2004}Sen. Webb", lex));
        assert!(ends_a_sentence("it ended\u{2004}here. Then", lex));
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
        let text = "“First paragraph of the quote.\n\n“Second paragraph,” she said.\n";
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
    fn mixed_curly_and_straight_marks_pair_up() {
        let text = "“We are ready,\" the coach said. \"The squad is fit,” he added.";
        assert_eq!(quotes(text), ["We are ready,", "The squad is fit,"]);
    }

    #[test]
    fn doubled_single_marks_close_a_double() {
        assert_eq!(
            quotes("She called it “a fair deal’’ and left. Then „nothing more,, was said."),
            ["a fair deal", "nothing more"]
        );
    }

    #[test]
    fn a_single_inside_a_double_closed_by_an_apostrophe() {
        let text =
            "“They told us ‘wait here' and left,” said Omar Feld. “Then nobody came,” he said.";
        assert_eq!(
            quotes(text),
            ["They told us ‘wait here' and left,", "Then nobody came,"]
        );
    }

    #[test]
    fn a_nested_single_left_open_does_not_swallow_the_rest() {
        let text = "“He shouted ‘stop and ran,” she said. Later came “a second warning”.";
        assert_eq!(
            quotes(text),
            ["He shouted ‘stop and ran,", "a second warning"]
        );
    }

    #[test]
    fn quotes_in_parentheses_are_found() {
        assert_eq!(
            quotes("The minister (“we have no choice”) signed the order."),
            ["we have no choice"]
        );
    }

    #[test]
    fn a_lost_closing_mark_costs_only_its_paragraph() {
        let text = "The mayor said “the works start in May.\n\nResidents asked “why now?” at the meeting.\n";
        assert_eq!(quotes(text), ["the works start in May.", "why now?"]);
    }

    #[test]
    fn a_closing_mark_lost_before_its_tag_ends_the_quote_there() {
        // Read as the first paragraph of a long quote, it would swallow the next one.
        let text = "“We were never told about the cuts, said Ana Ruiz.\n\n“Nobody asked us,” said Tom Reed.\n";
        assert_eq!(
            quotes(text),
            ["We were never told about the cuts,", "Nobody asked us,"]
        );
        let text = "“We were never told, she said.\n\n“Nobody asked,” said Tom Reed.\n";
        assert_eq!(quotes(text), ["We were never told,", "Nobody asked,"]);
        // An open paragraph of a long quote has no tag: it still runs on.
        let text = "“The first part, as written.\n\n“The second part,” said Tom Reed.\n";
        assert_eq!(quotes(text).len(), 1);
    }

    #[test]
    fn backquote_pairs_open_a_double_quote() {
        assert_eq!(
            quotes("``It is over,'' said Ana Ruiz. The `ls` command."),
            ["It is over,"]
        );
    }

    #[test]
    fn narration_between_two_quotes_does_not_merge_them() {
        let text =
            "“We tried everything,” the minister said. Then came the surprise: “We will resign.”";
        assert_eq!(quotes(text), ["We tried everything,", "We will resign."]);
    }

    #[test]
    fn a_tag_with_a_title_abbreviation_still_splits_one_statement() {
        let text = "“We tried,” said Sen. Ada Morrow, “and we will try again.”";
        assert_eq!(quotes(text).len(), 1);
    }

    #[test]
    fn terms_and_titles_are_marked() {
        let claims = full(
            "The plan, called “Clean Streets First”, hired “street stewards” while “We will not stop.” stayed unexplained.",
        );
        let terms: Vec<bool> = claims.iter().map(|c| c.term).collect();
        assert_eq!(terms, [true, true, false]);
        assert!(is_term("Noise"));
        assert!(is_term("punched on the shoulder"));
        assert!(!is_term(
            "they hate our policies, not our freedom, he wrote"
        ));
        assert!(!is_term("We will win."));
    }

    #[test]
    fn a_quoted_list_of_things_names_them() {
        assert!(is_term(
            "public health, housing standards, road safety, and the duties of a councillor."
        ));
        // A list with a clause in it is somebody speaking, and so is a sentence with commas.
        assert!(!is_term("jobs, homes, and we will build the rest"));
        assert!(!is_term(
            "frankly, after all this time, the town deserves better, and it knows it"
        ));
    }

    #[test]
    fn elided_years_and_plural_possessives_are_not_marks() {
        assert_eq!(
            quotes("Fans of the ’80s and the teams’ coaches met. 'Rock on' was the cry."),
            ["Rock on"]
        );
    }
}
