//! Helpers shared by the engine's unit tests.

use std::collections::HashSet;
use std::ops::Range;

use super::{Word, hash_word, words};

// -- helpers ---------------------------------------------------------------------------

pub fn hashes(text: &str) -> Vec<u64> {
    words(text).iter().map(|w| w.hash).collect()
}

pub fn spans(text: &str) -> Vec<&str> {
    words(text).iter().map(|w| &text[w.range()]).collect()
}

/// Sentence ranges for tests: a sentence ends at a word followed by ".", "!" or "?".
pub fn sentences(text: &str, words: &[Word]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, w) in words.iter().enumerate() {
        let after = text[w.end as usize..].trim_start_matches(['”', '"', ' ']);
        if after.starts_with(['.', '!', '?']) || i + 1 == words.len() {
            out.push(start..i + 1);
            start = i + 1;
        }
    }
    out
}

/// The position of `needle`'s words inside `haystack`'s, as a word range.
pub fn locate(haystack: &str, needle: &str) -> Range<usize> {
    let (h, n) = (hashes(haystack), hashes(needle));
    let start = (0..=h.len() - n.len())
        .find(|&i| h[i..i + n.len()] == n[..])
        .expect("needle in haystack");
    start..start + n.len()
}

pub const STOPWORDS: &[&str] = &[
    "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "with", "from", "and", "or",
    "but", "that", "this", "it", "its", "is", "was", "were", "be", "been", "has", "have", "had",
    "he", "she", "they", "their", "his", "her", "we", "would", "will", "as", "after", "than",
    "who", "which", "said", "says", "told",
];

pub fn stopword_set() -> HashSet<u64> {
    STOPWORDS.iter().map(|w| hash_word(w)).collect()
}

pub const ORIGINAL: &str = "Negotiators met in Turkey this week. The talks in Istanbul ended on \
    Friday without an agreement, but both delegations said they would meet again next month \
    to discuss the exchange of prisoners and the reopening of the grain corridor through the \
    Black Sea, officials said. Markets barely moved.";

pub const COPIED: &str = "The talks in Istanbul ended on Friday without an agreement, but both \
    delegations said they would meet again next month to discuss the exchange of prisoners \
    and the reopening of the grain corridor";

pub fn article_with(copy: &str) -> String {
    format!("Diplomats left empty-handed. {copy}. Analysts doubt a deal is near.")
}
