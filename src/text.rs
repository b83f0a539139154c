//! Words and sentences of news copy. Unicode segmentation (`segment.rs`) does the heavy lifting; the fix-ups
//! here are the ones news copy needs: "U.S." and "Mr." do not end sentences, and "“Help!” she
//! said." is one sentence, not two.

use std::collections::HashMap;
use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::lexicon::Lexicon;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
    Punct,
}

/// A word, number or punctuation mark: its bytes in the article's masked text, what it is,
/// and where its lower case is. News has a token every ~5 bytes, so the token table is most of
/// an article's memory: at 12 bytes (48 with a byte range of `usize` and an inline lower case)
/// it costs about 2.5 times the text instead of ten. Offsets are `u32`: an article is far below
/// 4 GiB (the input limit is 16 MiB), and [`push_tokens`] panics rather than wrap on a text
/// that is not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    start: u32,
    end: u32,
    /// Bits 0–1 the kind, bit 2 whether it is capitalised, the rest its entry in the article's
    /// [`LowerCase`]: 0 when the token's text is its own lower case (most words), so nothing
    /// is stored for it.
    info: u32,
}

// The table's size is the point of the layout.
const _: () = assert!(std::mem::size_of::<Token>() == 12);

const KIND_BITS: u32 = 0b11;
const CAPITALISED: u32 = 0b100;
const ENTRY_SHIFT: u32 = 3;

impl Token {
    fn new(range: Range<usize>, kind: TokenKind, capitalised: bool, entry: u32) -> Token {
        assert!(entry < 1 << (32 - ENTRY_SHIFT), "too many distinct words");
        let kind = match kind {
            TokenKind::Word => 0,
            TokenKind::Number => 1,
            TokenKind::Punct => 2,
        };
        let capitalised = if capitalised { CAPITALISED } else { 0 };
        Token {
            start: offset(range.start),
            end: offset(range.end),
            info: entry << ENTRY_SHIFT | capitalised | kind,
        }
    }

    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    pub fn kind(&self) -> TokenKind {
        match self.info & KIND_BITS {
            0 => TokenKind::Word,
            1 => TokenKind::Number,
            _ => TokenKind::Punct,
        }
    }

    /// Starts with an upper-case letter.
    pub fn capitalised(&self) -> bool {
        self.info & CAPITALISED != 0
    }

    pub fn is_word(&self) -> bool {
        self.kind() == TokenKind::Word
    }

    /// The token's entry in the article's [`LowerCase`]; 0 for none.
    fn entry(&self) -> usize {
        (self.info >> ENTRY_SHIFT) as usize
    }

    /// An acronym such as "HRANA" or "CNN": two or more letters, all upper case.
    pub fn is_acronym(&self, source: &str) -> bool {
        let text = &source[self.range()];
        let letters = text.chars().filter(|c| c.is_alphabetic()).count();
        letters >= 2 && text.chars().all(|c| !c.is_lowercase())
    }
}

/// The lower case of an article's words that are not already lower case ("The", "HRANA",
/// "Kessa"), each distinct one once: a string per token was an allocation each and most of the
/// memory, every other token reads its lower case from the text, and the same few capitalised
/// words come back again and again (a tenth of a long file's tokens, far fewer distinct words).
#[derive(Debug, Clone)]
pub struct LowerCase {
    text: String,
    /// Where each entry ends in `text`, after a leading 0: entry `i` is
    /// `text[ends[i - 1]..ends[i]]`, so a token's entry number is never 0.
    ends: Vec<u32>,
    /// Entry by lower case, while tokens are being added.
    entries: HashMap<String, u32, foldhash::fast::RandomState>,
    /// The word being lowered, reused.
    scratch: String,
}

impl Default for LowerCase {
    fn default() -> Self {
        LowerCase {
            text: String::new(),
            ends: vec![0],
            entries: HashMap::default(),
            scratch: String::new(),
        }
    }
}

impl LowerCase {
    /// `token`'s lower case; `text` is the text the token was cut from.
    pub fn of<'a>(&'a self, text: &'a str, token: &Token) -> &'a str {
        match token.entry() {
            0 => &text[token.range()],
            entry => &self.text[self.ends[entry - 1] as usize..self.ends[entry] as usize],
        }
    }

    /// The entry of `word`'s lower case; 0 when `word` already is lower case.
    fn add(&mut self, word: &str) -> u32 {
        self.scratch.clear();
        if word.is_ascii() {
            if !word.bytes().any(|b| b.is_ascii_uppercase()) {
                return 0;
            }
            self.scratch
                .extend(word.chars().map(|c| c.to_ascii_lowercase()));
        } else {
            // Every character its own lower case means the word is: `str::to_lowercase`
            // differs from the characters' own mappings only for 'Σ', which is upper case.
            let unchanged = |c: char| {
                let mut lower = c.to_lowercase();
                lower.next() == Some(c) && lower.next().is_none()
            };
            if word.chars().all(unchanged) {
                return 0;
            }
            let lower = word.to_lowercase();
            if lower == word {
                return 0;
            }
            self.scratch = lower;
        }
        if let Some(&entry) = self.entries.get(self.scratch.as_str()) {
            return entry;
        }
        self.text.push_str(&self.scratch);
        self.ends.push(offset(self.text.len()));
        let entry = offset(self.ends.len() - 1);
        self.entries.insert(self.scratch.clone(), entry);
        entry
    }

    /// Done adding: gives back what only adding needed, and the slack of growing.
    pub fn finish(&mut self) {
        self.entries = HashMap::default();
        self.scratch = String::new();
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
    }
}

/// A byte offset or count as a token stores it.
pub(crate) fn offset(n: usize) -> u32 {
    u32::try_from(n).expect("an article is under 4 GiB (the input limit is 16 MiB)")
}

/// Adds the non-blank tokens of `text[range]` to `table`; the lower case of those not already
/// lower case goes to `lower`.
pub fn push_tokens(text: &str, range: Range<usize>, table: &mut Vec<Token>, lower: &mut LowerCase) {
    let slice = &text[range.clone()];
    let tokens = slice
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
            let at = range.start + i;
            let capitalised = first.is_uppercase() || is_brand_case(w);
            Token::new(at..at + w.len(), kind, capitalised, lower.add(w))
        });
    table.extend(tokens);
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

/// "eBay", "iPhone", "eMarketer": a name whose first letter is small by design, then a
/// capital, then small letters again ("mRNA" and "kWh" are not names).
fn is_brand_case(word: &str) -> bool {
    let bytes = word.as_bytes();
    bytes.len() >= 4
        && bytes[0].is_ascii_lowercase()
        && bytes[1].is_ascii_uppercase()
        && bytes[2..].iter().any(u8::is_ascii_lowercase)
        && bytes.iter().all(u8::is_ascii_alphabetic)
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
    fn a_token_reads_its_lower_case_from_the_text_or_from_the_table() {
        let text = "The HRANA said “café” in İstanbul, ΣΟΦΙΑ and ǅemal, Ölund's 4th. The";
        let mut lower = LowerCase::default();
        let mut toks = Vec::new();
        push_tokens(text, 0..text.len(), &mut toks, &mut lower);
        for t in &toks {
            assert_eq!(lower.of(text, t), text[t.range()].to_lowercase());
        }
        // Only the words with an upper-case letter are stored, each once.
        let stored: Vec<&str> = toks
            .iter()
            .filter(|t| t.entry() != 0)
            .map(|t| lower.of(text, t))
            .collect();
        assert_eq!(
            stored,
            [
                "the",
                "hrana",
                "i̇stanbul",
                "σοφια",
                "ǆemal",
                "ölund's",
                "the"
            ]
        );
        assert_eq!(toks[0].entry(), toks[toks.len() - 1].entry());
        let the = toks[0];
        assert!(the.capitalised() && the.kind() == TokenKind::Word);
        let fourth = toks.iter().find(|t| &text[t.range()] == "4th").unwrap();
        assert!(!fourth.capitalised() && fourth.kind() == TokenKind::Number);
        assert_eq!(toks[toks.len() - 2].kind(), TokenKind::Punct);
        assert_eq!(lower.text, "thehranai̇stanbulσοφιαǆemalölund's");
    }

    #[test]
    fn tokens_keep_numbers_whole() {
        let text = "over 6,430 deaths and $1.2 billion in U.S. aid";
        let mut toks = Vec::new();
        push_tokens(text, 0..text.len(), &mut toks, &mut LowerCase::default());
        let words: Vec<&str> = toks.iter().map(|t| &text[t.range()]).collect();
        assert!(words.contains(&"6,430"));
        assert!(words.contains(&"1.2"));
        assert!(words.contains(&"U.S"));
    }
}
