//! Words: a text as normalised word tokens with byte offsets, the unit every later stage
//! compares.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

/// A normalised word of a text, with its byte range in that text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Word {
    pub start: u32,
    pub end: u32,
    pub hash: u64,
}

impl Word {
    /// The word's byte range in its text.
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// Tokenise and normalise: Unicode word segmentation (unicode-segmentation's word bounds, keep
/// words/numbers, drop punctuation), then fold: lowercase, curly/straight quotes and apostrophes
/// ("Iran’s" == "Iran's"), dashes, and hyphenation ("long-term" == "long term", i.e. hyphenated
/// compounds become separate words; a word split by a line-end hyphen "nego-\ntiations" is one
/// word), numbers with thousands separators ("6,430" == "6430"). `hash` is a stable 64-bit
/// FNV-1a hash of the folded form, the same in every run and on every platform.
///
/// Offsets are u32: the caller caps texts at 4 GiB, and words beyond that are not returned.
/// Memory: 16 bytes per word and nothing else retained; the folded form is hashed as it is
/// produced, never stored.
pub fn words(text: &str) -> Vec<Word> {
    let text = &text[..crate::position::floor_char_boundary(text, u32::MAX as usize)];
    if text.is_ascii() {
        return ascii_words(text.as_bytes());
    }
    general_words(text)
}

/// [`words`] for any text.
fn general_words(text: &str) -> Vec<Word> {
    let mut sink = WordSink {
        text,
        out: Vec::with_capacity(estimate_words(text)),
        pending: None,
    };
    // Word segmentation always breaks at ASCII whitespace, so each whitespace-free chunk can be
    // segmented on its own; pure-ASCII chunks, nearly all of English news copy, take a fast path
    // that implements the same rules for ASCII (it took `words` + `fingerprints` from 17 to
    // 50 MiB/s in `cargo bench --bench align`).
    for (offset, chunk) in chunks_between_ascii_whitespace(text) {
        if chunk.is_ascii() {
            ascii_word_segments(chunk.as_bytes(), |start, end| {
                sink.push(offset + start, offset + end)
            });
        } else {
            for (start, segment) in chunk.split_word_bound_indices() {
                // Word bounds also yield punctuation ("-", "—", "“"); dropping every segment
                // without a letter or digit is what folds dashes and splits hyphenated compounds.
                if segment.chars().any(char::is_alphanumeric) {
                    sink.push(offset + start, offset + start + segment.len());
                }
            }
        }
    }
    sink.finish()
}

/// [`words`] for a text that is all ASCII, as most English copy is: one pass over its bytes,
/// each word folded and hashed as it is found. It gives what the general path gives (checked by
/// `ascii_words_are_the_general_words`) at several times its speed: the general path decodes
/// characters to split at whitespace, then tests every chunk and every segment for ASCII again.
fn ascii_words(text: &[u8]) -> Vec<Word> {
    let mut out = Vec::with_capacity(estimate_words_ascii(text));
    // The last word read (start, end, hash) and where it continues past a line-end hyphen.
    let mut pending: Option<(usize, usize, Fnv)> = None;
    let mut resume = usize::MAX;
    let mut i = 0;
    while i < text.len() {
        if ASCII_CLASS[usize::from(text[i])] & WORD == 0 {
            i += 1;
            continue;
        }
        let start = i;
        let continued = start == resume;
        let mut hash = match pending {
            Some((_, _, hash)) if continued => hash,
            _ => Fnv::new(),
        };
        let mut alphanumeric = false;
        // The segment rules of `ascii_word_segments`, folding and hashing as they go.
        loop {
            while let Some(&byte) = text.get(i) {
                let class = ASCII_CLASS[usize::from(byte)];
                if class & WORD == 0 {
                    break;
                }
                alphanumeric |= class & (ALPHA | DIGIT) != 0;
                hash.byte(byte.to_ascii_lowercase());
                i += 1;
            }
            if i + 1 < text.len() && joins(text[i - 1], text[i], text[i + 1]) {
                // Inside a segment a comma only sits between digits: "6,430" is "6430".
                if text[i] != b',' {
                    hash.byte(text[i]);
                }
                i += 1;
                continue;
            }
            break;
        }
        if !alphanumeric {
            continue;
        }
        let first = match pending.take() {
            Some((first, _, _)) if continued => first,
            finished => {
                out.extend(finished.map(|(s, e, h)| ascii_word(s, e, h)));
                start
            }
        };
        pending = Some((first, i, hash));
        resume = ascii_continuation(text, i).unwrap_or(usize::MAX);
    }
    out.extend(pending.map(|(s, e, h)| ascii_word(s, e, h)));
    if out.capacity() > out.len() + out.len() / 4 + 16 {
        out.shrink_to_fit();
    }
    out
}

const WORD: u8 = 1;
const ALPHA: u8 = 2;
const DIGIT: u8 = 4;

/// Byte classes of ASCII for the word scanner: word bytes (letters, digits, `_`), letters,
/// digits.
const ASCII_CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        if byte.is_ascii_alphabetic() {
            table[b] = WORD | ALPHA;
        } else if byte.is_ascii_digit() {
            table[b] = WORD | DIGIT;
        } else if byte == b'_' {
            table[b] = WORD;
        }
        b += 1;
    }
    table
};

/// One `.`, `:` or `'` joins two letters ("U.S", "don't"); one `.`, `,`, `;` or `'` two digits
/// ("6,430").
fn joins(before: u8, mid: u8, after: u8) -> bool {
    (before.is_ascii_alphabetic()
        && after.is_ascii_alphabetic()
        && matches!(mid, b'.' | b':' | b'\''))
        || (before.is_ascii_digit()
            && after.is_ascii_digit()
            && matches!(mid, b'.' | b',' | b';' | b'\''))
}

fn ascii_word(start: usize, end: usize, hash: Fnv) -> Word {
    // Both offsets fit: the text was cut at u32::MAX bytes.
    Word {
        start: start as u32,
        end: end as u32,
        hash: hash.0,
    }
}

/// [`continuation_after_line_break`] for ASCII text: a hyphen, spaces or tabs, one line break,
/// spaces or tabs, then a lower-case letter.
fn ascii_continuation(text: &[u8], end: usize) -> Option<usize> {
    if text.get(end) != Some(&b'-') {
        return None;
    }
    let blank = |at: &mut usize| {
        while matches!(text.get(*at), Some(b' ' | b'\t')) {
            *at += 1;
        }
    };
    let mut at = end + 1;
    blank(&mut at);
    if text.get(at) == Some(&b'\r') && text.get(at + 1) == Some(&b'\n') {
        at += 2;
    } else if text.get(at) == Some(&b'\n') {
        at += 1;
    } else {
        return None;
    }
    blank(&mut at);
    text.get(at).filter(|b| b.is_ascii_lowercase()).map(|_| at)
}

/// Collects word segments into [`Word`]s, joining the halves of a word broken at a line end.
struct WordSink<'a> {
    text: &'a str,
    out: Vec<Word>,
    pending: Option<PendingWord>,
}

impl WordSink<'_> {
    fn push(&mut self, start: usize, end: usize) {
        let segment = &self.text[start..end];
        if let Some(word) = self.pending.as_mut()
            && word.continues_at == Some(start)
        {
            word.extend(self.text, segment, end);
            return;
        }
        self.out
            .extend(self.pending.take().map(PendingWord::finish));
        self.pending = Some(PendingWord::new(self.text, segment, start, end));
    }

    fn finish(mut self) -> Vec<Word> {
        self.out
            .extend(self.pending.take().map(PendingWord::finish));
        // The estimate over-counts numbers with separators; give back a large surplus so a
        // long original keeps to its 16 bytes per word.
        if self.out.capacity() > self.out.len() + self.out.len() / 4 + 16 {
            self.out.shrink_to_fit();
        }
        self.out
    }
}

/// The maximal runs of `text` without ASCII whitespace, with their byte offsets.
fn chunks_between_ascii_whitespace(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(|c: char| c.is_ascii_whitespace())
        .filter(|chunk| !chunk.is_empty())
        .map(move |chunk| (chunk.as_ptr() as usize - text.as_ptr() as usize, chunk))
}

/// Unicode word segmentation (UAX #29) restricted to ASCII, reporting only segments with a
/// letter or digit: runs of letters, digits and `_`, joined across one `.`, `:` or `'` between
/// two letters ("U.S", "don't") and one `.`, `,`, `;` or `'` between two digits ("6,430").
/// `words_match_unicode_segmentation_on_ascii` checks it against unicode-segmentation.
fn ascii_word_segments(chunk: &[u8], mut emit: impl FnMut(usize, usize)) {
    let is_word_byte = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut i = 0;
    while i < chunk.len() {
        if !is_word_byte(chunk[i]) {
            i += 1;
            continue;
        }
        let start = i;
        loop {
            while i < chunk.len() && is_word_byte(chunk[i]) {
                i += 1;
            }
            if i + 1 < chunk.len() && joins(chunk[i - 1], chunk[i], chunk[i + 1]) {
                i += 1;
                continue;
            }
            break;
        }
        if chunk[start..i].iter().any(u8::is_ascii_alphanumeric) {
            emit(start, i);
        }
    }
}

/// The hash [`words`] gives `word`. It applies the same folding, so "Iran’s", "IRAN'S" and the
/// already-folded "iran's" hash alike; callers use it to build stopword sets. Pass one word:
/// a string with spaces or punctuation is hashed as a whole, which no token of [`words`] is.
pub fn hash_word(folded: &str) -> u64 {
    let mut hash = Fnv::new();
    fold_into(folded, &mut hash);
    hash.0
}

/// A word whose end is not yet known: it may continue after a line-end hyphen.
struct PendingWord {
    start: usize,
    end: usize,
    hash: Fnv,
    /// Where the word continues, if it is cut by a line-end hyphen ("nego-\ntiations").
    continues_at: Option<usize>,
}

impl PendingWord {
    fn new(text: &str, segment: &str, start: usize, end: usize) -> Self {
        let mut hash = Fnv::new();
        fold_into(segment, &mut hash);
        let continues_at = continuation_after_line_break(text, end);
        PendingWord {
            start,
            end,
            hash,
            continues_at,
        }
    }

    fn extend(&mut self, text: &str, segment: &str, end: usize) {
        fold_into(segment, &mut self.hash);
        self.end = end;
        self.continues_at = continuation_after_line_break(text, end);
    }

    fn finish(self) -> Word {
        // Both offsets fit: the text was cut at u32::MAX bytes.
        Word {
            start: self.start as u32,
            end: self.end as u32,
            hash: self.hash.0,
        }
    }
}

/// If the word ending at `end` is cut by a hyphen at the end of a line and continues in lower
/// case on the next ("nego-\ntiations"), the byte where it continues. A capital after the break
/// ("Anglo-\nSaxon") marks a real compound, which stays two words as it would unbroken.
fn continuation_after_line_break(text: &str, end: usize) -> Option<usize> {
    let rest = &text[end..];
    // A soft hyphen is absorbed into the word segment before it, so it may already be behind us.
    let rest = if text[..end].ends_with('\u{AD}') {
        rest
    } else {
        rest.strip_prefix(['-', '\u{AD}', '\u{2010}'])?
    };
    let rest = rest.trim_start_matches([' ', '\t']);
    let rest = rest
        .strip_prefix("\r\n")
        .or_else(|| rest.strip_prefix('\n'))?;
    let next = rest.trim_start_matches([' ', '\t']);
    next.chars()
        .next()
        .filter(|c| c.is_lowercase())
        .map(|_| text.len() - next.len())
}

/// Feeds the folded form of `segment` to `hash`, one character at a time, so no string is built.
fn fold_into(segment: &str, hash: &mut Fnv) {
    if segment.is_ascii() {
        // The same folding as below, byte by byte.
        for &byte in segment.as_bytes() {
            match byte {
                b',' => {}
                b'`' => hash.byte(b'\''),
                _ => hash.byte(byte.to_ascii_lowercase()),
            }
        }
        return;
    }
    for c in segment.chars().filter_map(fold_char) {
        for lower in c.to_lowercase() {
            hash.char(lower);
        }
    }
}

/// The folded form of one character of a word segment, or `None` to drop it.
fn fold_char(c: char) -> Option<char> {
    match c {
        // Apostrophes: typographers' (’), typists' (') and look-alikes are one character.
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{02BC}' | '\u{2032}' | '\u{FF07}' | '`'
        | '\u{B4}' => Some('\''),
        // Inside a word segment a comma only ever sits between digits (Unicode's MidNum rule),
        // so it is a thousands separator: "6,430" is "6430".
        ',' | '\u{66C}' | '\u{FE50}' | '\u{FF0C}' => None,
        // Invisible characters that segmentation keeps inside words: soft hyphen, zero-width
        // space/joiners, word joiner, byte-order mark.
        '\u{AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => None,
        _ => Some(c),
    }
}

/// An upper bound on the word count for typical text, so the word vector is allocated once
/// instead of doubling (a doubling 50 MB original would briefly hold 1.5 times its words).
fn estimate_words(text: &str) -> usize {
    let mut count = 0;
    let mut inside = false;
    for &byte in text.as_bytes() {
        let wordish = byte.is_ascii_alphanumeric() || byte >= 0x80;
        count += usize::from(wordish && !inside);
        inside = wordish;
    }
    count
}

/// [`estimate_words`] for ASCII text. Kept apart from it: the general count's test for
/// non-ASCII bytes made words and fingerprints of an ASCII text a fifth slower in
/// `cargo bench --bench align`.
fn estimate_words_ascii(text: &[u8]) -> usize {
    let mut count = 0;
    let mut inside = false;
    for &byte in text {
        let wordish = byte.is_ascii_alphanumeric();
        count += usize::from(wordish && !inside);
        inside = wordish;
    }
    count
}

/// 64-bit FNV-1a: tiny, stable across runs and platforms, and streamable byte by byte.
#[derive(Clone, Copy)]
struct Fnv(u64);

impl Fnv {
    fn new() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    fn byte(&mut self, byte: u8) {
        self.0 = (self.0 ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3);
    }

    fn char(&mut self, c: char) {
        let mut buf = [0; 4];
        for &byte in c.encode_utf8(&mut buf).as_bytes() {
            self.byte(byte);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::testgen::Rng;
    use crate::align::testkit::*;

    // -- normalisation ---------------------------------------------------------------------

    #[test]
    fn folds_case_and_apostrophes() {
        assert_eq!(hashes("Iran’s"), hashes("Iran's"));
        assert_eq!(hashes("IRAN'S"), hashes("iran’s"));
        assert_eq!(hashes("don’t"), hashes("don't"));
        assert_eq!(hashes("Iran’s").len(), 1);
        assert_ne!(hashes("Iran’s"), hashes("Irans"));
        assert_eq!(hash_word("Iran’s"), hashes("iran's")[0]);
        assert_eq!(hash_word("iran's"), hash_word("IRAN’S"));
    }

    #[test]
    fn folds_quotes_and_dashes_away() {
        assert_eq!(
            hashes("“Help,” she said — twice"),
            hashes("\"help\" she said - twice")
        );
        assert_eq!(hashes("‘peace’ «talks»"), hashes("peace talks"));
        assert_eq!(hashes("2010–2012"), hashes("2010 2012"));
        assert_eq!(spans("a — b – c - d"), ["a", "b", "c", "d"]);
    }

    #[test]
    fn splits_hyphenated_compounds() {
        assert_eq!(hashes("long-term"), hashes("long term"));
        assert_eq!(hashes("long‐term"), hashes("long term"));
        assert_eq!(spans("a long-term deal"), ["a", "long", "term", "deal"]);
        assert_eq!(hashes("COVID-19"), hashes("covid 19"));
    }

    #[test]
    fn joins_words_broken_at_line_end() {
        let text = "the nego-\ntiations resumed";
        assert_eq!(hashes(text), hashes("the negotiations resumed"));
        let ws = words(text);
        assert_eq!(&text[ws[1].range()], "nego-\ntiations");
        assert_eq!(hashes("nego-  \r\n  tiations"), hashes("negotiations"));
        assert_eq!(hashes("nego\u{AD}\ntiations"), hashes("negotiations"));
        assert_eq!(hashes("nego\u{AD}tiations"), hashes("negotiations"));
        // A capital after the break is a real compound, two words as it would be unbroken.
        assert_eq!(hashes("Anglo-\nSaxon"), hashes("Anglo Saxon"));
        // A hyphen before a space is not a line-end break.
        assert_eq!(hashes("pre- and post-war"), hashes("pre and post war"));
    }

    #[test]
    fn folds_thousands_separators() {
        assert_eq!(hashes("6,430 people"), hashes("6430 people"));
        assert_eq!(hashes("1,200,000"), hashes("1200000"));
        assert_ne!(hashes("6,430"), hashes("6,340"));
        assert_ne!(hashes("1.2"), hashes("12"));
        assert_eq!(
            spans("at least 6,430, officials said"),
            ["at", "least", "6,430", "officials", "said"]
        );
    }

    #[test]
    fn byte_offsets_are_exact_in_multibyte_text() {
        let text = "“Élan,” said the café’s owner… naïve — 6,430 déjà-vu";
        let ws = words(text);
        let got: Vec<&str> = ws.iter().map(|w| &text[w.range()]).collect();
        assert_eq!(
            got,
            [
                "Élan",
                "said",
                "the",
                "café’s",
                "owner",
                "naïve",
                "6,430",
                "déjà",
                "vu"
            ]
        );
        assert_eq!(ws[0].start, "“".len() as u32);
        assert_eq!(ws[0].hash, hash_word("élan"));
        assert_eq!(ws[3].hash, hash_word("café's"));
        for w in &ws {
            assert!(
                text.is_char_boundary(w.start as usize) && text.is_char_boundary(w.end as usize)
            );
        }
    }

    #[test]
    fn hash_is_stable_fnv1a() {
        // FNV-1a 64 of "a" is a published test vector; a change here would break stored indexes.
        assert_eq!(hash_word("a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(hash_word("A"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn words_cost_sixteen_bytes() {
        assert_eq!(std::mem::size_of::<Word>(), 16);
    }

    /// The word segments unicode-segmentation itself gives, for comparison with the fast path.
    fn reference_segments(text: &str) -> Vec<(usize, usize)> {
        text.split_word_bound_indices()
            .filter(|(_, s)| s.chars().any(char::is_alphanumeric))
            .map(|(i, s)| (i, i + s.len()))
            .collect()
    }

    #[test]
    fn ascii_words_are_the_general_words() {
        // Word bytes, joiners, and the pieces of a line-end hyphen, so that broken words occur.
        let alphabet: Vec<&str> = vec![
            "a", "Z", "q", "1", "9", "_", ".", ",", ";", ":", "'", "\"", "-", "-\n", "-\r\n",
            "- \n ", "\n", " ", "\t", "\r", "!", "`", "\x0b", "\x0c", "word", "Word",
        ];
        let mut rng = Rng(0x5eed_a5c1);
        for _ in 0..20_000 {
            let n = rng.below(30);
            let text: String = (0..n)
                .map(|_| alphabet[rng.below(alphabet.len())])
                .collect();
            assert_eq!(
                ascii_words(text.as_bytes()),
                general_words(&text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn words_match_unicode_segmentation_on_ascii() {
        let alphabet: Vec<char> = "aZ19_.,;:'\"-!?()`/$%&#@ \n\t\r\x0b\x0c".chars().collect();
        let mut rng = Rng(0xa5c11);
        for _ in 0..5_000 {
            let n = rng.below(24);
            let text: String = (0..n)
                .map(|_| alphabet[rng.below(alphabet.len())])
                .collect();
            let mut fast = Vec::new();
            for (offset, chunk) in chunks_between_ascii_whitespace(&text) {
                ascii_word_segments(chunk.as_bytes(), |s, e| fast.push((offset + s, offset + e)));
            }
            assert_eq!(fast, reference_segments(&text), "{text:?}");
        }
        // Mixed text: the chunks with non-ASCII go through unicode-segmentation, same result.
        let text = "Iran’s 6,430 U.S. café-owners: don't 12:30 a.m. naïve_x ’quoted’ x.y.z 3.5";
        let got: Vec<(usize, usize)> = words(text)
            .iter()
            .map(|w| (w.start as usize, w.end as usize))
            .collect();
        assert_eq!(got, reference_segments(text));
    }
}
