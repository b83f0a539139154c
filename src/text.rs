//! Words and sentences of news copy. Unicode segmentation (`segment.rs`) does the heavy lifting; the fix-ups
//! here are the ones news copy needs: "U.S." and "Mr." do not end sentences, and "“Help!” she
//! said." is one sentence, not two.

use std::ops::Range;

use compact_str::CompactString;
use unicode_segmentation::UnicodeSegmentation;

use crate::lexicon::Lexicon;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
    Punct,
}

/// A word, number or punctuation mark, with its byte range in the article source.
#[derive(Debug, Clone)]
pub struct Token {
    pub range: Range<usize>,
    /// Lower case. Nearly every word fits inline (24 bytes), so a token costs no allocation:
    /// a `String` here was an eighth of the run time and most of the memory.
    pub lower: CompactString,
    pub kind: TokenKind,
    /// Starts with an upper-case letter.
    pub capitalised: bool,
}

impl Token {
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }

    pub fn is(&self, text: &str) -> bool {
        self.lower == text
    }

    /// An acronym such as "HRANA" or "CNN": two or more letters, all upper case.
    pub fn is_acronym(&self, source: &str) -> bool {
        let text = &source[self.range.clone()];
        let letters = text.chars().filter(|c| c.is_alphabetic()).count();
        letters >= 2 && text.chars().all(|c| !c.is_lowercase())
    }
}

/// The non-blank tokens of `text[range]`.
pub fn tokens(text: &str, range: Range<usize>) -> Vec<Token> {
    let slice = &text[range.clone()];
    let mut tokens: Vec<Token> = slice
        .split_word_bound_indices()
        .filter(|(_, w)| !w.trim().is_empty())
        .map(|(i, w)| {
            let first = w.chars().next().unwrap_or(' ');
            let kind = if first.is_ascii_digit() {
                TokenKind::Number
            } else if first.is_alphanumeric() {
                TokenKind::Word
            } else {
                TokenKind::Punct
            };
            Token {
                range: range.start + i..range.start + i + w.len(),
                lower: lower_case(w),
                kind,
                capitalised: first.is_uppercase(),
            }
        })
        .collect();
    // Every sentence's tokens live as long as the article: the slack of a growing vector was
    // a quarter of a long file's memory.
    tokens.shrink_to_fit();
    tokens
}

fn lower_case(word: &str) -> CompactString {
    if word.is_ascii() {
        let mut lower = CompactString::from(word);
        lower.make_ascii_lowercase();
        return lower;
    }
    CompactString::from(word.to_lowercase())
}

/// Sentence ranges inside `text[range]`, trimmed of surrounding whitespace.
pub fn sentences(text: &str, range: Range<usize>, lex: &Lexicon) -> Vec<Range<usize>> {
    // Unicode treats every line break as a paragraph end; inside a block a line break is only
    // wrapping ("the Kessa Transport⏎Authority said"), so it is read as a space.
    let slice = text[range.clone()].replace(['\n', '\r'], " ");
    let mut out: Vec<Range<usize>> = Vec::new();
    for (i, s) in crate::segment::sentence_bound_indices(&slice) {
        let trimmed = s.trim();
        if trimmed.is_empty() {
            continue;
        }
        let lead = s.len() - s.trim_start().len();
        let start = range.start + i + lead;
        let current = start..start + trimmed.len();
        match out.last_mut() {
            Some(prev) if should_join(text, prev.clone(), current.clone(), lex) => {
                prev.end = current.end
            }
            _ => out.push(current),
        }
    }
    out
}

fn should_join(text: &str, prev: Range<usize>, next: Range<usize>, lex: &Lexicon) -> bool {
    let next_text = &text[next];
    let first_letter = next_text
        .chars()
        .find(|c| c.is_alphanumeric() || *c == '(' || *c == '[');
    if first_letter.is_some_and(|c| c.is_lowercase()) {
        return true;
    }
    if !next_text.chars().any(char::is_alphanumeric) {
        return true;
    }
    ends_with_abbreviation(&text[prev], lex)
}

fn ends_with_abbreviation(sentence: &str, lex: &Lexicon) -> bool {
    let Some(body) = sentence.strip_suffix('.') else {
        return false;
    };
    let word = body
        .rsplit(|c: char| c.is_whitespace() || "(“\"‘'[".contains(c))
        .next()
        .unwrap_or("");
    if word.is_empty() {
        return false;
    }
    let candidate = format!("{}.", word.to_lowercase());
    if lex.abbreviations.contains(&candidate) {
        return true;
    }
    // A lone initial ("George W. Bush") never ends a sentence.
    word.chars().count() == 1 && word.chars().all(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text, 0..text.len(), &Lexicon::builtin())
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        assert_eq!(
            split("U.S. forces met Mr. Smith on Jan. 3 at St. Mark's. Then they left."),
            [
                "U.S. forces met Mr. Smith on Jan. 3 at St. Mark's.",
                "Then they left."
            ]
        );
    }

    #[test]
    fn a_quote_and_its_tag_are_one_sentence() {
        assert_eq!(
            split("“Help us!” she said. “Now.”"),
            ["“Help us!” she said.", "“Now.”"]
        );
    }

    #[test]
    fn tokens_keep_numbers_whole() {
        let text = "over 6,430 deaths and $1.2 billion in U.S. aid";
        let toks = tokens(text, 0..text.len());
        let words: Vec<&str> = toks.iter().map(|t| &text[t.range.clone()]).collect();
        assert!(words.contains(&"6,430"));
        assert!(words.contains(&"1.2"));
        assert!(words.contains(&"U.S"));
    }
}
