//! The alignment engine: which words of a rewritten article came from which words of an original.
//!
//! fairlint's copy rules (`copy-verbatim`, `copy-near-verbatim`, `copy-paraphrase`,
//! `source-undeclared`, `quote-excessive`) all need the same thing: the passages an article shares
//! with an original text, even after light edits, with their positions on both sides, and fast
//! enough to check one article against an archive of originals. This module is only that: pure
//! functions over word sequences. Rules, thresholds per rule, quotation handling, I/O and output
//! live elsewhere.
//!
//! The pipeline, cheapest first:
//!
//! 1. [`words`] turns a text into normalised word tokens (16 bytes each) with byte offsets, so
//!    that "Iran’s long-term" and "iran's long term" compare equal.
//! 2. [`fingerprints`] / [`Index`] winnow word k-grams into a few fingerprints per text, so that
//!    an article is compared only with the originals it shares fingerprints with.
//! 3. [`align`] finds every shared k-gram between one article and one original in linear time,
//!    extends them into exact runs and chains runs across small edits into [`Passage`]s.
//! 4. [`paraphrases`] pairs sentences that keep an original's content words and structure
//!    without sharing long runs.

use std::collections::{HashMap, HashSet, VecDeque};
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

// ---------------------------------------------------------------------------------------------
// Words
// ---------------------------------------------------------------------------------------------

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
    let text = &text[..floor_char_boundary(text, u32::MAX as usize)];
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
    let joins = |before: u8, mid: u8, after: u8| {
        (before.is_ascii_alphabetic()
            && after.is_ascii_alphabetic()
            && matches!(mid, b'.' | b':' | b'\''))
            || (before.is_ascii_digit()
                && after.is_ascii_digit()
                && matches!(mid, b'.' | b',' | b';' | b'\''))
    };
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

/// The largest char boundary at or below `max`.
fn floor_char_boundary(text: &str, max: usize) -> usize {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    end
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

// ---------------------------------------------------------------------------------------------
// k-grams and winnowing
// ---------------------------------------------------------------------------------------------

/// Multiplier of the rolling k-gram hash (odd, so it is invertible modulo 2^64).
const KGRAM_BASE: u64 = 0x9E37_79B9_7F4A_7C15;

/// splitmix64's finaliser: spreads a polynomial hash over all 64 bits, so the minimum chosen by
/// winnowing is a fair sample and hash maps can use the value directly.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// The hash of every k-word window, in order (item `i` covers words `i..i + k`), computed as a
/// rolling polynomial so each step costs O(1) whatever `k` is. Lazy, so a long original is
/// scanned without storing its k-grams.
fn kgram_hashes(words: &[Word], k: usize) -> impl Iterator<Item = u64> + '_ {
    let k = k.max(1);
    let oldest_weight = KGRAM_BASE.wrapping_pow((k - 1) as u32);
    let mut acc = words.iter().take(k - 1).fold(0u64, |acc, w| {
        acc.wrapping_mul(KGRAM_BASE).wrapping_add(w.hash)
    });
    (k - 1..words.len()).map(move |last| {
        acc = acc.wrapping_mul(KGRAM_BASE).wrapping_add(words[last].hash);
        let hash = mix(acc);
        // Drop the window's first word now, ready for the next word.
        acc = acc.wrapping_sub(words[last + 1 - k].hash.wrapping_mul(oldest_weight));
        hash
    })
}

/// The distinct hashes of every k-word window of `words`, sorted: the query side of an index
/// of winnowed [`fingerprints`]. Querying with every k-gram, not only the winnowed ones, finds
/// any indexed fingerprint the text contains, so copies shorter than the winnowing guarantee
/// are still found when their k-gram happened to be kept.
pub fn kgrams(words: &[Word], k: usize) -> Vec<u64> {
    let mut out: Vec<u64> = kgram_hashes(words, k).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Winnowed k-gram fingerprints (Schleimer et al. 2003): hash every k-word window, keep the
/// minimum hash of each window of `w` consecutive k-gram hashes (rightmost minimum on ties),
/// recording each kept fingerprint once. Returns (hash, index of the first word of the k-gram).
///
/// Guarantee: two texts that share a run of at least `w + k - 1` words share a fingerprint.
/// A text with fewer than `w` k-grams is one short window and yields its minimum. `k` and `w`
/// of 0 are taken as 1 (`w = 1` keeps every k-gram).
pub fn fingerprints(words: &[Word], k: usize, w: usize) -> Vec<(u64, u32)> {
    let hashes: Vec<u64> = kgram_hashes(words, k).collect();
    winnow(&hashes, w.max(1))
}

/// The winnowing selection over precomputed k-gram hashes, in O(n) with a monotone deque.
fn winnow(hashes: &[u64], w: usize) -> Vec<(u64, u32)> {
    let w = w.min(hashes.len());
    let mut out = Vec::with_capacity(2 * hashes.len() / (w + 1) + 1);
    // Positions whose hashes increase strictly from front to back: the front is the window's
    // minimum. Popping equal hashes from the back makes the newest of equals win (rightmost).
    let mut window: VecDeque<usize> = VecDeque::with_capacity(w + 1);
    let mut last_kept = None;
    for (i, &hash) in hashes.iter().enumerate() {
        while window.back().is_some_and(|&j| hashes[j] >= hash) {
            window.pop_back();
        }
        window.push_back(i);
        if i + 1 < w {
            continue;
        }
        while window.front().is_some_and(|&j| j + w <= i) {
            window.pop_front();
        }
        let min = window[0];
        if last_kept != Some(min) {
            out.push((hashes[min], min as u32));
            last_kept = Some(min);
        }
    }
    out
}

/// A hasher for keys that are already hashes (or nearly): one multiply-xorshift instead of
/// SipHash, and no per-process random seed, so iteration order never depends on the run.
#[derive(Default)]
struct U64Hasher(u64);

impl Hasher for U64Hasher {
    fn finish(&self) -> u64 {
        mix(self.0)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0 ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 ^= n;
    }

    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }

    fn write_i64(&mut self, n: i64) {
        self.write_u64(n as u64);
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
}

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<U64Hasher>>;

// ---------------------------------------------------------------------------------------------
// Pairwise alignment
// ---------------------------------------------------------------------------------------------

/// Parameters of [`align`], and of the [`Index`] that feeds it (`w`).
///
/// - `k`: words per seed. A copied stretch is only seen if it holds an exact run of `k` words.
/// - `w`: winnowing window of the [`Index`] ([`AlignParams::index`]). [`align`] itself compares
///   every k-gram (with two texts there is nothing to compact), so `w` only decides which
///   originals get aligned.
/// - `min_words`: shortest passage reported, in article words.
/// - `max_gap`: most edits (a word inserted, dropped or substituted, two words swapped) between
///   two exact runs chained into one passage. Between the edits the gap may also hold unchanged
///   stretches too short to seed (under `k` words), so it spans at most
///   `max_gap + (max_gap - 1) * (k - 1)` words on either side.
/// - `min_similarity`: lowest `1 - edits / length` over the passage's words.
///
/// # How the defaults were chosen
///
/// `cargo test --release --lib align::tests::measure_defaults -- --ignored --nocapture`
/// generates news-like text in which every text on "the story" draws on the same lists: 60
/// function words (45% of draws), 155 names, numbers and topic words (20%), 2,000 made-up
/// general words (25%), each Zipf-distributed, and 36 stock phrases of 2 to 8 words ("the
/// prime minister said", "did not respond to a request for comment", "at least 217 people";
/// 10% of draws). It
/// scores the whole pipeline, [`AlignParams::index`] with `min_shared` 1 then [`align`], on
///
/// - *copies*: a 40-word passage of an 800-word original pasted between 400 words of
///   independent text, with `e` random edits per 20 words (substitute, insert, drop, or swap
///   two neighbours), 60 cases for each `e` in 0..=4. *Found*: passages cover at least half of
///   the copy. *One passage*: a single passage covers at least 90% of it.
/// - *false alarms*: 300 independent article/original pairs (400 and 800 words) from the same
///   lists: the share of pairs with any passage.
///
/// All rows with `w` 8:
///
/// | k | gap | sim | words | found % (e = 0..4) | one passage % (e = 0..4) | false alarms |
/// |---|-----|-----|-------|--------------------|--------------------------|--------------|
/// | 3 | 4   | 0.8 | 12    | 100 100 100 98 92  | 100 100 97 87 70         | 0.3% (1/300) |
/// | 3 | 4   | 0.8 | 8     | 100 100 100 98 92  | 100 100 97 87 70         | 42%          |
/// | 3 | 4   | 0.8 | 10    | 100 100 100 98 92  | 100 100 97 87 70         | 10%          |
/// | 3 | 4   | 0.8 | 15    | 100 100 100 98 90  | 100 100 97 87 70         | 0%           |
/// | 3 | 4   | 0.7 | 12    | 100 100 100 100 98 | 100 100 97 88 77         | 4.7%         |
/// | 3 | 4   | 0.9 | 12    | 100 95 95 25 3     | 100 95 92 17 0           | 0%           |
/// | 3 | 3   | 0.8 | 12    | 100 100 100 100 92 | 100 100 95 83 60         | 0.3%         |
/// | 3 | 2   | 0.8 | 12    | 100 100 100 100 87 | 100 98 83 52 30          | 0.3%         |
/// | 4 | 4   | 0.8 | 12    | 100 100 100 98 92  | 100 100 92 72 55         | 0.3%         |
/// | 5 | 4   | 0.8 | 12    | 100 100 100 100 92 | 100 100 85 63 38         | 0%           |
///
/// `w` 4 gives the same figures as `w` 8 here, with twice the index. The defaults (first row)
/// keep light edits (up to 2 per 20 words) whole, and at 4 edits per 20 words, paraphrase
/// territory, still find 92% of copies, 70% in one passage. Below 12 words, stock phrases
/// chained together are reported (the one false alarm left is such a chain). Shorter seeds
/// (k 3) keep more of heavily edited copies in one passage than k 4 or 5 at the same
/// false-alarm rate, for about 50 µs per 400 × 800-word pair against 30 µs for k 5.
/// These are synthetic figures: re-check them on the labelled test set.
#[derive(Clone, Debug)]
pub struct AlignParams {
    pub k: usize,
    pub w: usize,
    pub min_words: usize,
    pub max_gap: usize,
    pub min_similarity: f64,
}

impl Default for AlignParams {
    fn default() -> Self {
        AlignParams {
            k: 3,
            w: 8,
            min_words: 12,
            max_gap: 4,
            min_similarity: 0.8,
        }
    }
}

/// Words per k-gram in the [`Index`] that [`AlignParams::index`] builds: longer than
/// [`align`]'s seeds, because short k-grams are shared by almost any two texts in one language.
/// With the bench's archive (`cargo bench --bench align`: 1,000 generated originals of 1,000
/// words, one 1,500-word article, `w` 8, `min_shared` 1) k-grams of 3 words make 999 originals
/// candidates, of 4 words 532, of 5 words 17 (the 5 planted copies among them), of 6 words 7.
/// With `w` 8, any exact copy of 5 + 8 - 1 = 12 words, the default `min_words`, is guaranteed
/// to make its original a candidate.
pub const INDEX_K: usize = 5;

impl AlignParams {
    /// An empty [`Index`] for these parameters: k-grams of `max(k, INDEX_K)` words, window `w`.
    pub fn index(&self) -> Index {
        Index::new(self.k.max(INDEX_K), self.w)
    }
}

/// A passage of the article that matches a passage of the original.
#[derive(Clone, Debug, PartialEq)]
pub struct Passage {
    /// Word indices into the article's words.
    pub article: Range<usize>,
    /// Word indices into the original's words.
    pub original: Range<usize>,
    /// 0..=1: `1 - edits / max(article words, original words)`, the edits being those of the
    /// gaps between its exact runs, with a swap of two neighbours counting as one.
    pub similarity: f64,
    /// The longest run of identical consecutive words inside it.
    pub longest_exact: usize,
}

/// Seeds from shared k-grams, extended word by word left and right while words match, then
/// merged into maximal passages that tolerate small edits: inserted, dropped, swapped or
/// substituted words (at most `max_gap` edits between two exact runs that are in the same order
/// and roughly the same offset; see [`AlignParams`]). Each end of a passage may then take in
/// one short exact run (2 to `k - 1` words) across a small gap, so an edit near the end of a
/// copy does not cut off the words after it. Keeps passages of at least `min_words` article
/// words and similarity ≥ `min_similarity`. Passages do not overlap in the article (the one
/// with more matched words wins, and the other keeps what is left of it) and are sorted by
/// article start.
///
/// Time is linear in both texts for typical input: the article's k-grams go into a hash map,
/// the original is streamed past it, and edit distance is only computed over the gaps between
/// exact runs (a few words each). Memory is the article's k-gram table plus the exact runs
/// found, not the original's size.
pub fn align(article: &[Word], original: &[Word], params: &AlignParams) -> Vec<Passage> {
    let gaps = GapRule::new(params);
    let mut chainer = Chainer {
        gaps,
        article,
        original,
        min_words: params.min_words,
        open: Vec::new(),
        sweep_at: 0,
        kept: Vec::new(),
    };
    for_each_exact_run(article, original, gaps.k, |run| chainer.push(run));
    select_passages(chainer.finish(), gaps, article, original, params)
}

/// A maximal stretch of identical consecutive words: `article[a..a + len] == original[o..o + len]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Run {
    a: usize,
    o: usize,
    len: usize,
}

impl Run {
    fn a_end(&self) -> usize {
        self.a + self.len
    }

    fn o_end(&self) -> usize {
        self.o + self.len
    }

    /// The same diagonal, starting `by` words later.
    fn skip(self, by: usize) -> Run {
        Run {
            a: self.a + by,
            o: self.o + by,
            len: self.len - by,
        }
    }
}

/// A k-gram seen this often in the article is boilerplate ("the the the …" or a repeated
/// refrain); seeding from it would cost article × original time for nothing.
const MAX_SEED_OCCURRENCES: u32 = 64;

/// The article's k-grams by hash, as linked lists in two flat arrays (no Vec per hash).
struct KgramTable {
    /// hash → (last article position with that hash, number of positions).
    head: FastMap<u64, (u32, u32)>,
    /// position → previous position with the same hash, or `u32::MAX`.
    previous: Vec<u32>,
}

impl KgramTable {
    fn new(words: &[Word], k: usize) -> Self {
        let mut head: FastMap<u64, (u32, u32)> = FastMap::default();
        let mut previous = Vec::with_capacity(words.len());
        for (pos, hash) in kgram_hashes(words, k).enumerate() {
            let entry = head.entry(hash).or_insert((u32::MAX, 0));
            previous.push(entry.0);
            *entry = (pos as u32, entry.1 + 1);
        }
        KgramTable { head, previous }
    }

    /// Article positions whose k-gram has `hash`, unless it is boilerplate.
    fn positions(&self, hash: u64) -> impl Iterator<Item = usize> + '_ {
        let first = self
            .head
            .get(&hash)
            .filter(|&&(_, count)| count <= MAX_SEED_OCCURRENCES)
            .map(|&(pos, _)| pos);
        std::iter::successors(first, |&pos| {
            Some(self.previous[pos as usize]).filter(|&p| p != u32::MAX)
        })
        .map(|pos| pos as usize)
    }
}

/// Calls `found` with every maximal exact run of at least `k` words shared by the two texts, in
/// order of original position: the original is streamed past the article's k-gram table. Each
/// run is reported once: a seed inside a run already extended on the same diagonal (original −
/// article offset) is skipped.
fn for_each_exact_run(article: &[Word], original: &[Word], k: usize, mut found: impl FnMut(Run)) {
    if article.len() < k || original.len() < k {
        return;
    }
    let table = KgramTable::new(article, k);
    let mut diagonal_ends = DiagonalEnds::new();
    for (o, hash) in kgram_hashes(original, k).enumerate() {
        for a in table.positions(hash) {
            let diagonal = o as i64 - a as i64;
            if diagonal_ends.covers(diagonal, o) {
                continue;
            }
            // Equal k-gram hashes are checked word by word: a 64-bit collision is unlikely,
            // not impossible.
            let same = |(x, y): (&Word, &Word)| x.hash == y.hash;
            if !article[a..a + k].iter().zip(&original[o..o + k]).all(same) {
                continue;
            }
            let run = extend_run(article, original, a, o, k);
            diagonal_ends.insert(diagonal, run.o_end(), o);
            found(run);
        }
    }
}

/// Where the last run found on each diagonal ends. Runs that end behind the scan are forgotten
/// as it goes, so the map holds the runs in progress, not every run of a long original.
struct DiagonalEnds {
    ends: FastMap<i64, usize>,
    /// Size at which ended runs are next swept out (doubling, so sweeps cost O(1) amortised).
    sweep_at: usize,
}

impl DiagonalEnds {
    fn new() -> Self {
        DiagonalEnds {
            ends: FastMap::default(),
            sweep_at: 1024,
        }
    }

    /// Whether original position `o` lies inside a run already found on `diagonal`.
    fn covers(&self, diagonal: i64, o: usize) -> bool {
        self.ends.get(&diagonal).is_some_and(|&end| end > o)
    }

    /// Records a run on `diagonal` ending at `end`, found while the scan is at `o`.
    fn insert(&mut self, diagonal: i64, end: usize, o: usize) {
        self.ends.insert(diagonal, end);
        if self.ends.len() >= self.sweep_at {
            self.ends.retain(|_, end| *end > o);
            self.sweep_at = (2 * self.ends.len()).max(1024);
        }
    }
}

/// Grows a seed of `k` matching words at (`a`, `o`) left and right while words match.
fn extend_run(article: &[Word], original: &[Word], a: usize, o: usize, k: usize) -> Run {
    let back = article[..a]
        .iter()
        .rev()
        .zip(original[..o].iter().rev())
        .take_while(|(x, y)| x.hash == y.hash)
        .count();
    let ahead = article[a + k..]
        .iter()
        .zip(&original[o + k..])
        .take_while(|(x, y)| x.hash == y.hash)
        .count();
    Run {
        a: a - back,
        o: o - back,
        len: back + k + ahead,
    }
}

/// At most this many passages-in-progress are considered for each run; only pathological,
/// highly repetitive input comes near it, and there it bounds the time.
const MAX_OPEN_CHAINS: usize = 128;

/// What may separate two exact runs of one passage.
#[derive(Clone, Copy, Debug)]
struct GapRule {
    /// Words per k-gram: exact runs shorter than this were not seeded.
    k: usize,
    /// Most edits between the two sides of the gap (a swap counts as one): `max_gap`.
    max_edits: usize,
    /// Most words on either side. Besides the edited words, a gap can hold an unchanged
    /// stretch of up to `k - 1` words between two edits: a run too short to seed.
    max_len: usize,
}

impl GapRule {
    fn new(params: &AlignParams) -> Self {
        GapRule {
            k: params.k.max(1),
            max_edits: params.max_gap,
            max_len: params.max_gap + params.max_gap.saturating_sub(1) * (params.k.max(1) - 1),
        }
    }

    /// The edits needed to turn one gap into the other, if they are few enough.
    fn edits(&self, gap_a: &[Word], gap_o: &[Word]) -> Option<usize> {
        // Cheap refusals first: this runs for every open chain a run might join.
        if gap_a.len() > self.max_len
            || gap_o.len() > self.max_len
            || gap_a.len().abs_diff(gap_o.len()) > self.max_edits
        {
            return None;
        }
        let edits = word_edit_distance(gap_a, gap_o);
        (edits <= self.max_edits).then_some(edits)
    }

    /// Whether an exact run of `len` words may be taken in at a passage's edge: long enough not
    /// to be a chance "the" or "said", and shorter than `k` (a longer one was seeded, and
    /// chaining has already placed it).
    fn fits_edge(&self, len: usize) -> bool {
        (EDGE_MIN_RUN..self.k).contains(&len)
    }
}

/// Chains runs, arriving in order of original position, into passages: a run joins the open
/// chain whose last run it follows with the fewest edits in between, else starts its own. A
/// chain closes once the scan has moved past its reach; closed chains too short ever to make a
/// passage are dropped there and then, so a long original never piles up its chance matches.
struct Chainer<'a> {
    gaps: GapRule,
    article: &'a [Word],
    original: &'a [Word],
    min_words: usize,
    /// Chains a later run may still join, oldest first.
    open: Vec<OpenChain>,
    /// Original position at which to next close the chains the scan has left behind.
    sweep_at: usize,
    /// Closed chains, edges extended, long enough to be passages.
    kept: Vec<Vec<Run>>,
}

/// A chain in progress. Most chains are a chance match that never grows past its first run, so
/// that run is kept inline and such a chain costs no allocation.
struct OpenChain {
    first: Run,
    more: Vec<Run>,
}

impl OpenChain {
    fn last(&self) -> Run {
        self.more.last().copied().unwrap_or(self.first)
    }
}

impl Chainer<'_> {
    fn push(&mut self, run: Run) {
        if run.o >= self.sweep_at {
            self.close_behind(run.o);
        }
        let best = self
            .open
            .iter()
            .enumerate()
            .filter_map(|(c, chain)| {
                follow(chain.last(), run, self.gaps, self.article, self.original)
                    .map(|(trimmed, edits)| (edits, c, trimmed))
            })
            .min_by_key(|&(edits, c, _)| (edits, c));
        match best {
            Some((_, c, trimmed)) => self.open[c].more.push(trimmed),
            None => {
                if self.open.len() == MAX_OPEN_CHAINS {
                    let oldest = self.open.remove(0);
                    self.close(oldest);
                }
                self.open.push(OpenChain {
                    first: run,
                    more: Vec::new(),
                });
            }
        }
    }

    /// Closes the chains no run at original position `o` or later can join. Called once per
    /// `max_gap` words of scan rather than per run: a chain left open a little longer costs
    /// nothing, as `follow` refuses runs beyond its reach anyway.
    fn close_behind(&mut self, o: usize) {
        let reach = self.gaps.max_len;
        let mut c = 0;
        while c < self.open.len() {
            if self.open[c].last().o_end() + reach < o {
                let chain = self.open.remove(c);
                self.close(chain);
            } else {
                c += 1;
            }
        }
        self.sweep_at = o + reach.max(1);
    }

    /// Extends a finished chain's edges and keeps it if it is long enough to be a passage.
    fn close(&mut self, chain: OpenChain) {
        let (first, last) = (chain.first, chain.last());
        // An edge run adds at most `max_gap + k - 1` words. A chain that would need both edges
        // to reach `min_words` is dropped unextended: it is nearly always a chance match of a
        // few words (one per word of a long original, for common phrases), and looking for its
        // edge runs would be most of the time spent on a long original.
        let most_added = self.gaps.max_edits + self.gaps.k - 1;
        if last.a_end() - first.a + most_added < self.min_words {
            return;
        }
        let before = edge_run_before(first, self.gaps, self.article, self.original);
        let after = edge_run_after(last, self.gaps, self.article, self.original);
        let start = before.map_or(first.a, |run| run.a);
        let end = after.map_or(last.a_end(), |run| run.a_end());
        if end - start < self.min_words {
            return;
        }
        let mut runs = Vec::with_capacity(chain.more.len() + 3);
        runs.extend(before);
        runs.push(first);
        runs.extend(chain.more);
        runs.extend(after);
        self.kept.push(runs);
    }

    fn finish(mut self) -> Vec<Vec<Run>> {
        for chain in std::mem::take(&mut self.open) {
            self.close(chain);
        }
        self.kept
    }
}

/// The shortest exact run taken in at a passage's edge (see [`edge_run_before`]). One word
/// would too often be a chance "the" or "said".
const EDGE_MIN_RUN: usize = 2;

/// Runs shorter than `k` words are invisible to seeding, so an edit within `k` words of a copied
/// passage's end would cut off the words beyond it. Each end of a chain is therefore extended
/// once across a gap of at most `max_gap` words to an exact run of `EDGE_MIN_RUN` to `k - 1`
/// words, the best such run by words gained minus edits. This is the run before the start.
fn edge_run_before(first: Run, gaps: GapRule, article: &[Word], original: &[Word]) -> Option<Run> {
    let mut best = EdgeChoice::default();
    for gap_a in 0..=gaps.max_edits.min(first.a) {
        for gap_o in 0..=gaps.max_edits.min(first.o) {
            let (end_a, end_o) = (first.a - gap_a, first.o - gap_o);
            // Matching words before (end_a, end_o), counted backwards up to k.
            let len = (1..=gaps.k.min(end_a).min(end_o))
                .take_while(|&i| article[end_a - i].hash == original[end_o - i].hash)
                .count();
            if !gaps.fits_edge(len) {
                continue;
            }
            let edits = word_edit_distance(&article[end_a..first.a], &original[end_o..first.o]);
            let run = Run {
                a: end_a - len,
                o: end_o - len,
                len,
            };
            best.consider(run, edits);
        }
    }
    best.run
}

/// The edge run after the end of a chain: see [`edge_run_before`].
fn edge_run_after(last: Run, gaps: GapRule, article: &[Word], original: &[Word]) -> Option<Run> {
    let mut best = EdgeChoice::default();
    let room_a = article.len() - last.a_end();
    let room_o = original.len() - last.o_end();
    for gap_a in 0..=gaps.max_edits.min(room_a) {
        for gap_o in 0..=gaps.max_edits.min(room_o) {
            let (a, o) = (last.a_end() + gap_a, last.o_end() + gap_o);
            // Matching words from (a, o) on, counted up to k.
            let len = (0..gaps.k.min(article.len() - a).min(original.len() - o))
                .take_while(|&i| article[a + i].hash == original[o + i].hash)
                .count();
            if !gaps.fits_edge(len) {
                continue;
            }
            let edits = word_edit_distance(&article[last.a_end()..a], &original[last.o_end()..o]);
            best.consider(Run { a, o, len }, edits);
        }
    }
    best.run
}

/// The best edge run seen so far: most words gained net of edits, then fewest edits.
#[derive(Default)]
struct EdgeChoice {
    run: Option<Run>,
    gain: usize,
    edits: usize,
}

impl EdgeChoice {
    fn consider(&mut self, run: Run, edits: usize) {
        // No edits means no gap: the passage's own run, already maximal. A run no longer than
        // the edits it costs gains nothing.
        if edits == 0 || run.len <= edits {
            return;
        }
        let gain = run.len - edits;
        if self.run.is_none() || (gain, usize::MAX - edits) > (self.gain, usize::MAX - self.edits) {
            *self = EdgeChoice {
                run: Some(run),
                gain,
                edits,
            };
        }
    }
}

fn last_run(chain: &[Run]) -> Run {
    chain[chain.len() - 1]
}

/// Whether `next` can follow `prev` in one passage: after trimming any overlap with `prev` (a
/// repeated word can make runs overlap), the words between them pass the gap rule. Returns the
/// trimmed run and the edits in the gap, which rank competing chains.
fn follow(
    prev: Run,
    next: Run,
    gaps: GapRule,
    article: &[Word],
    original: &[Word],
) -> Option<(Run, usize)> {
    // The offsets of the two runs differ by the difference of the gaps, which edits must make
    // up: a cheap refusal for the many chance runs on other diagonals.
    let shift = (next.o as i64 - next.a as i64) - (prev.o as i64 - prev.a as i64);
    if shift.unsigned_abs() as usize > gaps.max_edits {
        return None;
    }
    let overlap = prev
        .a_end()
        .saturating_sub(next.a)
        .max(prev.o_end().saturating_sub(next.o));
    if overlap >= next.len {
        return None;
    }
    let next = next.skip(overlap);
    let edits = gaps.edits(
        &article[prev.a_end()..next.a],
        &original[prev.o_end()..next.o],
    )?;
    Some((next, edits))
}

/// Scores a chain of runs as a passage. The edit distance is the sum of the distances between
/// the two sides of each gap, so the dynamic programming only ever sees a few words per side.
fn score_chain(runs: &[Run], article: &[Word], original: &[Word]) -> Passage {
    let (first, last) = (runs[0], last_run(runs));
    let edits: usize = runs
        .windows(2)
        .map(|pair| {
            let gap_a = &article[pair[0].a_end()..pair[1].a];
            let gap_o = &original[pair[0].o_end()..pair[1].o];
            word_edit_distance(gap_a, gap_o)
        })
        .sum();
    let article_range = first.a..last.a_end();
    let original_range = first.o..last.o_end();
    let length = article_range.len().max(original_range.len());
    Passage {
        article: article_range,
        original: original_range,
        similarity: 1.0 - edits as f64 / length as f64,
        longest_exact: runs.iter().map(|r| r.len).max().unwrap_or(0),
    }
}

/// Edit distance between two short word sequences, counting a swap of two adjacent words as
/// one edit, as an editor would (optimal string alignment). Written out rather than taken from
/// strsim, whose Damerau-Levenshtein builds a hash map per call: this runs for every gap
/// considered, thousands of times per pair of texts.
fn word_edit_distance(a: &[Word], b: &[Word]) -> usize {
    if a.is_empty() || b.is_empty() {
        return a.len().max(b.len());
    }
    let width = b.len() + 1;
    // Three rows: two back (for swaps), one back, current. Gaps are short, so the rows usually
    // fit on the stack.
    let mut stack = [0usize; 3 * 24];
    let mut heap = Vec::new();
    let rows: &mut [usize] = if 3 * width <= stack.len() {
        &mut stack[..3 * width]
    } else {
        heap.resize(3 * width, 0);
        &mut heap
    };
    rows[2 * width..]
        .iter_mut()
        .enumerate()
        .for_each(|(j, d)| *d = j);
    for i in 1..=a.len() {
        rows.copy_within(width.., 0);
        let (before, current) = rows.split_at_mut(2 * width);
        let (two_back, one_back) = before.split_at(width);
        current[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1].hash != b[j - 1].hash);
            let mut d = (one_back[j] + 1)
                .min(current[j - 1] + 1)
                .min(one_back[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1].hash == b[j - 2].hash && a[i - 2].hash == b[j - 1].hash {
                d = d.min(two_back[j - 2] + 1);
            }
            current[j] = d;
        }
    }
    rows[2 * width + b.len()]
}

/// Keeps the passages that pass the thresholds, best first, each article word in at most one:
/// a passage overlapping a better one keeps only its remaining runs, re-chained.
fn select_passages(
    chains: Vec<Vec<Run>>,
    gaps: GapRule,
    article: &[Word],
    original: &[Word],
    params: &AlignParams,
) -> Vec<Passage> {
    let mut ranked: Vec<(usize, Passage, Vec<Run>)> = chains
        .into_iter()
        .map(|runs| {
            let matched = runs.iter().map(|r| r.len).sum();
            (matched, score_chain(&runs, article, original), runs)
        })
        .collect();
    ranked.sort_by(|(m1, p1, _), (m2, p2, _)| {
        m2.cmp(m1)
            .then(p2.similarity.total_cmp(&p1.similarity))
            .then(p1.article.start.cmp(&p2.article.start))
            .then(p1.original.start.cmp(&p2.original.start))
    });
    let mut taken: Vec<Range<usize>> = Vec::new();
    let mut passages = Vec::new();
    for (_, passage, runs) in ranked {
        let pieces = if overlaps_any(&passage.article, &taken) {
            clip_chain(&runs, &taken, gaps, article, original)
                .iter()
                .map(|piece| score_chain(piece, article, original))
                .collect()
        } else {
            vec![passage]
        };
        for piece in pieces {
            if piece.article.len() >= params.min_words && piece.similarity >= params.min_similarity
            {
                taken.push(piece.article.clone());
                passages.push(piece);
            }
        }
    }
    passages.sort_by_key(|p| (p.article.start, p.original.start));
    passages
}

fn overlaps_any(range: &Range<usize>, taken: &[Range<usize>]) -> bool {
    taken
        .iter()
        .any(|t| t.start < range.end && range.start < t.end)
}

/// What is left of a chain once the article words in `taken` are removed, as chains again:
/// split wherever a gap no longer passes the gap rule or a taken stretch sits between two runs.
fn clip_chain(
    runs: &[Run],
    taken: &[Range<usize>],
    gaps: GapRule,
    article: &[Word],
    original: &[Word],
) -> Vec<Vec<Run>> {
    let mut pieces: Vec<Vec<Run>> = Vec::new();
    for run in runs.iter().flat_map(|&run| clip_run(run, taken)) {
        let joins = pieces.last().is_some_and(|piece| {
            let prev = last_run(piece);
            !overlaps_any(&(prev.a_end()..run.a), taken)
                && gaps
                    .edits(
                        &article[prev.a_end()..run.a],
                        &original[prev.o_end()..run.o],
                    )
                    .is_some()
        });
        match pieces.last_mut() {
            Some(piece) if joins => piece.push(run),
            _ => pieces.push(vec![run]),
        }
    }
    pieces
}

/// The parts of `run` outside every range in `taken`, in order.
fn clip_run(run: Run, taken: &[Range<usize>]) -> Vec<Run> {
    let mut parts = vec![run];
    for t in taken {
        parts = parts.into_iter().flat_map(|part| cut(part, t)).collect();
    }
    parts
}

/// `part` without the article words in `t`: nothing, itself, or the pieces either side of `t`.
fn cut(part: Run, t: &Range<usize>) -> impl Iterator<Item = Run> {
    let words_before_t = t.start.clamp(part.a, part.a_end()) - part.a;
    let words_to_t_end = t.end.clamp(part.a, part.a_end()) - part.a;
    let before = (words_before_t > 0).then_some(Run {
        len: words_before_t,
        ..part
    });
    let after = (words_to_t_end < part.len).then(|| part.skip(words_to_t_end));
    before.into_iter().chain(after)
}

// ---------------------------------------------------------------------------------------------
// Many originals
// ---------------------------------------------------------------------------------------------

/// Many originals at once: an inverted index from fingerprint to (original id, word index), so
/// that one article is compared only with the originals that share fingerprints with it.
///
/// Build it with [`AlignParams::index`], which uses longer k-grams than [`align`] (see
/// [`INDEX_K`]); `Index::new(params.k, params.w)` works too, but lets nearly every original
/// through. Ids are the caller's; add each original once.
pub struct Index {
    k: usize,
    w: usize,
    /// fingerprint → (slot of the original, word index), slots in the order added.
    postings: FastMap<u64, Vec<(u32, u32)>>,
    /// slot → the caller's id.
    ids: Vec<usize>,
}

impl Index {
    pub fn new(k: usize, w: usize) -> Index {
        Index {
            k: k.max(1),
            w: w.max(1),
            postings: FastMap::default(),
            ids: Vec::new(),
        }
    }

    pub fn add(&mut self, id: usize, words: &[Word]) {
        let slot = self.ids.len() as u32;
        self.ids.push(id);
        for (hash, pos) in fingerprints(words, self.k, self.w) {
            self.postings.entry(hash).or_default().push((slot, pos));
        }
    }

    /// Number of originals added.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Originals sharing at least `min_shared` fingerprints with `article`, most shared first
    /// (ties by id), as (id, number of distinct shared fingerprints). `min_shared` 0 counts as 1:
    /// an original sharing nothing is never a candidate.
    pub fn candidates(&self, article: &[Word], min_shared: usize) -> Vec<(usize, usize)> {
        let mut hashes: Vec<u64> = fingerprints(article, self.k, self.w)
            .into_iter()
            .map(|(hash, _)| hash)
            .collect();
        hashes.sort_unstable();
        hashes.dedup();
        let mut shared: FastMap<u32, usize> = FastMap::default();
        for postings in hashes.iter().filter_map(|h| self.postings.get(h)) {
            // One original's postings for a hash are contiguous (added together): count it once.
            let mut previous = None;
            for &(slot, _) in postings {
                if previous != Some(slot) {
                    *shared.entry(slot).or_default() += 1;
                    previous = Some(slot);
                }
            }
        }
        let mut out: Vec<(usize, usize)> = shared
            .into_iter()
            .filter(|&(_, count)| count >= min_shared.max(1))
            .map(|(slot, count)| (self.ids[slot as usize], count))
            .collect();
        out.sort_unstable_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
        out
    }
}

// ---------------------------------------------------------------------------------------------
// Sentence-level paraphrase
// ---------------------------------------------------------------------------------------------

/// A sentence of the article that closely paraphrases a sentence of the original.
#[derive(Clone, Debug, PartialEq)]
pub struct Paraphrase {
    /// Word indices into the article's words (the sentence as given).
    pub article: Range<usize>,
    /// Word indices into the original's words.
    pub original: Range<usize>,
    /// Dice coefficient of the two sentences' distinct content words (stopwords left out).
    pub content_overlap: f64,
    /// `1 - Levenshtein / max(len)` over the two sentences' full word sequences.
    pub similarity: f64,
    /// `content_overlap` and `similarity` weighted `PARAPHRASE_OVERLAP_WEIGHT` to the rest.
    pub score: f64,
    /// Distinct shared content words that the article writes in lower case and without
    /// digits: the original's wording, as opposed to the names and numbers any report of the
    /// same story must share.
    pub wording: usize,
    /// The length of the run of paraphrased sentences this one belongs to, or 0 when it
    /// stands on its score alone (see [`ParaphraseParams`]).
    pub run: usize,
}

/// Weight of content-word overlap in a paraphrase score; the rest is word-order similarity.
/// Overlap dominates because rewording reorders clauses ("X said on Tuesday that…" / "…, X
/// said") while keeping the names, numbers and verbs.
pub const PARAPHRASE_OVERLAP_WEIGHT: f64 = 0.6;

/// A suggested `min_score` for [`paraphrases`], set between the unit test's examples: close
/// rewordings (same structure, or the same facts in the passive) score 0.59 and 0.72, sentences
/// on the same story in other words 0.24 and 0.26. Not measured on a corpus: tune it on the
/// labelled test set.
pub const DEFAULT_PARAPHRASE_MIN_SCORE: f64 = 0.5;

/// Article sentences with fewer distinct content words are never reported: "He denied it." is
/// too short for overlap to mean anything.
pub const PARAPHRASE_MIN_CONTENT_WORDS: usize = 4;

/// Sentences are compared on at most this many words, which bounds the O(n·m) similarity for
/// "sentences" that are really unpunctuated pages.
const MAX_SENTENCE_WORDS: usize = 200;

/// Original sentences, among those sharing the most content words, that get the full score.
const PARAPHRASE_CANDIDATES: usize = 5;

/// An article sentence at least this share of whose words lie in a [`Passage`] is copying, not
/// paraphrase, and is left to the copy rules.
const COVERED_SHARE: f64 = 0.5;

/// When a sentence pair counts as close paraphrase: on its own, or as one of a run of article
/// sentences that follow an original's sentences in order.
#[derive(Clone, Debug, PartialEq)]
pub struct ParaphraseParams {
    /// The score one sentence pair needs on its own.
    pub min_score: f64,
    /// The shared wording (see [`Paraphrase::wording`]) one sentence pair needs on its own.
    pub min_wording: usize,
    /// The content overlap each sentence pair of a run needs. A rewrite that works through an
    /// original sentence by sentence keeps only part of each sentence's words, too few to tell
    /// apart from another reporter's sentence on the same facts; the run is the evidence.
    pub run_overlap: f64,
    /// The shared wording each sentence pair of a run needs: independent reports of one story
    /// share names and numbers, sentence after sentence, but seldom the ordinary words.
    pub run_wording: usize,
    /// The fewest sentence pairs that make a run.
    pub run_length: usize,
    /// Article sentences a run may step over (sentences of the writer's own).
    pub run_gap: usize,
    /// How far ahead in the original the next sentence of a run may be.
    pub run_step: usize,
}

impl ParaphraseParams {
    /// Single sentences only, at `min_score`.
    pub fn single(min_score: f64) -> ParaphraseParams {
        ParaphraseParams {
            min_score,
            min_wording: 0,
            run_overlap: 1.0,
            run_wording: usize::MAX,
            run_length: usize::MAX,
            run_gap: 0,
            run_step: 0,
        }
    }
}

/// Sentence-level close paraphrase: for each article sentence (given as word-index ranges), the
/// best original sentence by content-word overlap (ignoring `stopwords`, hashes from
/// [`hash_word`]) and word-sequence similarity; reports pairs whose score passes `min_score` and
/// whose article sentence is not already covered by a [`Passage`] of [`align`] at default
/// parameters. Ranges out of bounds are clamped. Sorted by article sentence.
pub fn paraphrases(
    text: &str,
    article: &[Word],
    article_sentences: &[Range<usize>],
    original: &[Word],
    original_sentences: &[Range<usize>],
    stopwords: &HashSet<u64>,
    min_score: f64,
) -> Vec<Paraphrase> {
    let covered = align(article, original, &AlignParams::default());
    paraphrases_excluding(
        text,
        article,
        article_sentences,
        original,
        original_sentences,
        stopwords,
        &ParaphraseParams::single(min_score),
        &covered,
    )
}

/// [`paraphrases`] with runs (see [`ParaphraseParams`]), for a caller that has already aligned
/// the two texts (with its own parameters): article sentences mostly inside `covered` are
/// skipped, and neither count towards a run nor break one. `text` is the article's text, which
/// its words point into.
#[allow(clippy::too_many_arguments)]
pub fn paraphrases_excluding(
    text: &str,
    article: &[Word],
    article_sentences: &[Range<usize>],
    original: &[Word],
    original_sentences: &[Range<usize>],
    stopwords: &HashSet<u64>,
    params: &ParaphraseParams,
    covered: &[Passage],
) -> Vec<Paraphrase> {
    let originals = SentenceIndex::new(original, original_sentences, stopwords);
    let mut scored: Vec<(usize, Paraphrase)> = Vec::new();
    for range in article_sentences {
        let range = clamp(range, article.len());
        if covered_share(&range, covered) >= COVERED_SHARE {
            continue;
        }
        let content = content_words(&article[range.clone()], stopwords);
        if content.len() < PARAPHRASE_MIN_CONTENT_WORDS {
            continue;
        }
        let best = originals
            .closest(&content)
            .into_iter()
            .map(|(i, overlap)| {
                let other = originals.ranges[i].clone();
                let similarity = sequence_similarity(&article[range.clone()], &original[other]);
                (i, overlap, similarity)
            })
            .max_by(|x, y| {
                score(x.1, x.2)
                    .total_cmp(&score(y.1, y.2))
                    .then(y.0.cmp(&x.0))
            });
        if let Some((i, overlap, similarity)) = best {
            scored.push((
                i,
                Paraphrase {
                    wording: shared_wording(text, &article[range.clone()], &originals.content[i]),
                    article: range,
                    original: originals.ranges[i].clone(),
                    content_overlap: overlap,
                    similarity,
                    score: score(overlap, similarity),
                    run: 0,
                },
            ));
        }
    }
    mark_runs(&mut scored, params);
    let mut out: Vec<Paraphrase> = scored
        .into_iter()
        .map(|(_, p)| p)
        .filter(|p| (p.score >= params.min_score && p.wording >= params.min_wording) || p.run > 0)
        .collect();
    out.sort_by_key(|p| (p.article.start, p.article.end));
    out
}

/// Sets `run` on every pair in a run: pairs with `run_overlap` and `run_wording`, at most `run_gap`
/// scored sentences apart in the article, each pointing further into the original than the one
/// before by at most `run_step` sentences. `scored` is in article order, with each pair's
/// original sentence number.
fn mark_runs(scored: &mut [(usize, Paraphrase)], params: &ParaphraseParams) {
    let strong =
        |p: &Paraphrase| p.content_overlap >= params.run_overlap && p.wording >= params.run_wording;
    for start in 0..scored.len() {
        if scored[start].1.run > 0 || !strong(&scored[start].1) {
            continue;
        }
        let mut members = vec![start];
        let mut next = start + 1;
        while let Some(&last) = members.last() {
            if next >= scored.len() || next - last > params.run_gap + 1 {
                break;
            }
            let (from, to) = (scored[last].0, scored[next].0);
            if strong(&scored[next].1) && to > from && to - from <= params.run_step {
                members.push(next);
            }
            next += 1;
        }
        if members.len() < params.run_length {
            continue;
        }
        for &m in &members {
            scored[m].1.run = members.len();
        }
    }
}

fn score(overlap: f64, similarity: f64) -> f64 {
    PARAPHRASE_OVERLAP_WEIGHT * overlap + (1.0 - PARAPHRASE_OVERLAP_WEIGHT) * similarity
}

fn clamp(range: &Range<usize>, len: usize) -> Range<usize> {
    let end = range.end.min(len);
    range.start.min(end)..end
}

/// The share of `range`'s words inside the passages (which do not overlap one another).
fn covered_share(range: &Range<usize>, covered: &[Passage]) -> f64 {
    if range.is_empty() {
        return 0.0;
    }
    let inside: usize = covered
        .iter()
        .map(|p| {
            let start = p.article.start.max(range.start);
            p.article.end.min(range.end).saturating_sub(start)
        })
        .sum();
    inside as f64 / range.len() as f64
}

/// How many distinct words of `sentence` (content words, in `other`, sorted) are written in
/// lower case and without digits in `text`.
fn shared_wording(text: &str, sentence: &[Word], other: &[u64]) -> usize {
    let mut found: Vec<u64> = sentence
        .iter()
        .filter(|w| other.binary_search(&w.hash).is_ok())
        .filter(|w| {
            let word = text.get(w.start as usize..w.end as usize).unwrap_or("");
            word.chars().next().is_some_and(char::is_lowercase)
                && !word.chars().any(|c| c.is_ascii_digit())
        })
        .map(|w| w.hash)
        .collect();
    found.sort_unstable();
    found.dedup();
    found.len()
}

/// The distinct non-stopword hashes of a sentence, sorted.
fn content_words(sentence: &[Word], stopwords: &HashSet<u64>) -> Vec<u64> {
    let mut content: Vec<u64> = sentence
        .iter()
        .map(|w| w.hash)
        .filter(|h| !stopwords.contains(h))
        .collect();
    content.sort_unstable();
    content.dedup();
    content
}

/// `1 - Levenshtein / max(len)` over two word sequences, each cut at `MAX_SENTENCE_WORDS`.
fn sequence_similarity(a: &[Word], b: &[Word]) -> f64 {
    let a: Vec<u64> = a.iter().take(MAX_SENTENCE_WORDS).map(|w| w.hash).collect();
    let b: Vec<u64> = b.iter().take(MAX_SENTENCE_WORDS).map(|w| w.hash).collect();
    let length = a.len().max(b.len());
    if length == 0 {
        return 1.0;
    }
    1.0 - strsim::generic_levenshtein(&a, &b) as f64 / length as f64
}

/// The original's sentences with an inverted index from content word to sentence, so each
/// article sentence only meets the original sentences it shares a content word with.
struct SentenceIndex {
    ranges: Vec<Range<usize>>,
    /// Distinct content words per sentence, sorted.
    content: Vec<Vec<u64>>,
    by_word: FastMap<u64, Vec<u32>>,
}

impl SentenceIndex {
    fn new(words: &[Word], sentences: &[Range<usize>], stopwords: &HashSet<u64>) -> Self {
        let mut index = SentenceIndex {
            ranges: Vec::with_capacity(sentences.len()),
            content: Vec::with_capacity(sentences.len()),
            by_word: FastMap::default(),
        };
        for range in sentences {
            let range = clamp(range, words.len());
            let content = content_words(&words[range.clone()], stopwords);
            let id = index.ranges.len() as u32;
            for hash in &content {
                index.by_word.entry(*hash).or_default().push(id);
            }
            index.ranges.push(range);
            index.content.push(content);
        }
        index
    }

    /// The original sentences with the highest content-word overlap (Dice) with `content`,
    /// best first, at most `PARAPHRASE_CANDIDATES`, as (sentence, overlap).
    fn closest(&self, content: &[u64]) -> Vec<(usize, f64)> {
        let mut shared: FastMap<u32, usize> = FastMap::default();
        for sentences in content.iter().filter_map(|h| self.by_word.get(h)) {
            for &s in sentences {
                *shared.entry(s).or_default() += 1;
            }
        }
        let mut scored: Vec<(usize, f64)> = shared
            .into_iter()
            .map(|(s, n)| {
                let s = s as usize;
                (
                    s,
                    2.0 * n as f64 / (content.len() + self.content[s].len()) as f64,
                )
            })
            .collect();
        scored.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
        scored.truncate(PARAPHRASE_CANDIDATES);
        scored
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // -- helpers ---------------------------------------------------------------------------

    fn hashes(text: &str) -> Vec<u64> {
        words(text).iter().map(|w| w.hash).collect()
    }

    fn spans(text: &str) -> Vec<&str> {
        words(text).iter().map(|w| &text[w.range()]).collect()
    }

    /// Sentence ranges for tests: a sentence ends at a word followed by ".", "!" or "?".
    fn sentences(text: &str, words: &[Word]) -> Vec<Range<usize>> {
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
    fn locate(haystack: &str, needle: &str) -> Range<usize> {
        let (h, n) = (hashes(haystack), hashes(needle));
        let start = (0..=h.len() - n.len())
            .find(|&i| h[i..i + n.len()] == n[..])
            .expect("needle in haystack");
        start..start + n.len()
    }

    const STOPWORDS: &[&str] = &[
        "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "with", "from", "and", "or",
        "but", "that", "this", "it", "its", "is", "was", "were", "be", "been", "has", "have",
        "had", "he", "she", "they", "their", "his", "her", "we", "would", "will", "as", "after",
        "than", "who", "which", "said", "says", "told",
    ];

    fn stopword_set() -> HashSet<u64> {
        STOPWORDS.iter().map(|w| hash_word(w)).collect()
    }

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

    // -- winnowing -------------------------------------------------------------------------

    #[test]
    fn winnowing_guarantee_holds() {
        let mut rng = Rng(0x5eed);
        for (k, w) in [(1, 1), (3, 4), (4, 4), (5, 8), (4, 1), (2, 10)] {
            for _ in 0..50 {
                let shared = random_words(&mut rng, w + k - 1, 0);
                let mut noise = |salt| {
                    let n = rng.below(60);
                    random_words(&mut rng, n, salt)
                };
                let a = [noise(1), shared.clone(), noise(1)].concat();
                let b = [noise(2), shared, noise(2)].concat();
                let fa: HashSet<u64> = fingerprints(&a, k, w).into_iter().map(|(h, _)| h).collect();
                let fb = fingerprints(&b, k, w);
                assert!(fb.iter().any(|(h, _)| fa.contains(h)), "k={k} w={w}");
            }
        }
    }

    #[test]
    fn winnowing_keeps_rightmost_minimum_once() {
        // All k-grams equal: every window's rightmost minimum is its last k-gram.
        let ws = words("a a a a a a");
        let got: Vec<u32> = fingerprints(&ws, 1, 3)
            .into_iter()
            .map(|(_, i)| i)
            .collect();
        assert_eq!(got, [2, 3, 4, 5]);
        // Positions are strictly increasing and each is a k-gram start.
        let mut rng = Rng(7);
        let ws = random_words(&mut rng, 500, 0);
        let fp = fingerprints(&ws, 4, 6);
        assert!(fp.windows(2).all(|p| p[0].1 < p[1].1));
        assert!(fp.iter().all(|&(_, i)| (i as usize) + 4 <= ws.len()));
        // Density is about 2 / (w + 1).
        let density = fp.len() as f64 / 497.0;
        assert!((0.2..0.4).contains(&density), "{density}");
    }

    #[test]
    fn fingerprint_hash_matches_kgram_anywhere() {
        // Same k-gram, different surroundings and case: same fingerprint hash.
        let a = fingerprints(&words("x y the Prime Minister said"), 4, 1);
        let b = fingerprints(&words("the prime minister said z"), 4, 1);
        assert_eq!(a[2].0, b[0].0);
    }

    // -- alignment -------------------------------------------------------------------------

    #[test]
    fn edit_distance_counts_a_swap_once() {
        let d = |a: &str, b: &str| word_edit_distance(&words(a), &words(b));
        assert_eq!(d("", ""), 0);
        assert_eq!(d("a b", ""), 2);
        assert_eq!(d("a b c", "a b c"), 0);
        assert_eq!(d("a b c", "a x c"), 1);
        assert_eq!(d("a b c", "a b x c"), 1);
        assert_eq!(d("a b c", "a c"), 1);
        assert_eq!(d("a b c d", "a c b d"), 1);
        assert_eq!(d("a b", "b a"), 1);
        assert_eq!(d("a b c", "x y z"), 3);
        // Agrees with strsim's Levenshtein wherever no swap is involved.
        let mut rng = Rng(99);
        for _ in 0..200 {
            let vocab = random_words(&mut rng, 3, 0);
            let (n, m) = (rng.below(7), rng.below(7));
            let a: Vec<Word> = (0..n).map(|_| vocab[rng.below(3)]).collect();
            let b: Vec<Word> = (0..m).map(|_| vocab[rng.below(3)]).collect();
            let (ha, hb): (Vec<u64>, Vec<u64>) = (
                a.iter().map(|w| w.hash).collect(),
                b.iter().map(|w| w.hash).collect(),
            );
            let levenshtein = strsim::generic_levenshtein(&ha, &hb);
            let damerau = strsim::generic_damerau_levenshtein(&ha, &hb);
            let osa = word_edit_distance(&a, &b);
            assert!(damerau <= osa && osa <= levenshtein, "{ha:?} {hb:?}");
        }
    }

    const ORIGINAL: &str = "Negotiators met in Turkey this week. The talks in Istanbul ended on \
        Friday without an agreement, but both delegations said they would meet again next month \
        to discuss the exchange of prisoners and the reopening of the grain corridor through the \
        Black Sea, officials said. Markets barely moved.";

    const COPIED: &str = "The talks in Istanbul ended on Friday without an agreement, but both \
        delegations said they would meet again next month to discuss the exchange of prisoners \
        and the reopening of the grain corridor";

    fn article_with(copy: &str) -> String {
        format!("Diplomats left empty-handed. {copy}. Analysts doubt a deal is near.")
    }

    fn one_passage(article: &str) -> Passage {
        let passages = align(&words(article), &words(ORIGINAL), &AlignParams::default());
        assert_eq!(passages.len(), 1, "{passages:?}");
        passages.into_iter().next().unwrap()
    }

    #[test]
    fn exact_copy_has_exact_boundaries() {
        let article = article_with(COPIED);
        let p = one_passage(&article);
        assert_eq!(p.article, locate(&article, COPIED));
        assert_eq!(p.original, locate(ORIGINAL, COPIED));
        assert_eq!(p.similarity, 1.0);
        assert_eq!(p.longest_exact, words(COPIED).len());
        // Byte offsets of the first and last word give back the copied text.
        let ws = words(&article);
        let bytes = ws[p.article.start].start as usize..ws[p.article.end - 1].end as usize;
        assert_eq!(&article[bytes], COPIED);
    }

    /// One light edit: one passage over the whole copied run, similarity below 1, and the
    /// longest exact run equal to the longer unedited side.
    fn check_light_edit(edited: &str, longest_unedited: &str) {
        let article = article_with(edited);
        let p = one_passage(&article);
        assert_eq!(p.article, locate(&article, edited), "{edited}");
        assert_eq!(p.original, locate(ORIGINAL, COPIED), "{edited}");
        assert!(p.similarity < 1.0 && p.similarity > 0.9, "{}", p.similarity);
        assert_eq!(p.longest_exact, words(longest_unedited).len(), "{edited}");
    }

    #[test]
    fn one_substituted_word() {
        check_light_edit(
            &COPIED.replace("on Friday", "on Thursday"),
            "without an agreement, but both delegations said they would meet again next month to \
             discuss the exchange of prisoners and the reopening of the grain corridor",
        );
    }

    #[test]
    fn one_inserted_word() {
        check_light_edit(
            &COPIED.replace("both delegations", "both national delegations"),
            "delegations said they would meet again next month to discuss the exchange of \
             prisoners and the reopening of the grain corridor",
        );
    }

    #[test]
    fn one_dropped_word() {
        check_light_edit(
            &COPIED.replace("meet again next", "meet next"),
            "The talks in Istanbul ended on Friday without an agreement, but both delegations \
             said they would meet",
        );
    }

    #[test]
    fn two_adjacent_words_swapped() {
        let p = {
            let edited = COPIED.replace("would meet again", "would again meet");
            check_light_edit(
                &edited,
                "The talks in Istanbul ended on Friday without an agreement, but both \
                 delegations said they would",
            );
            one_passage(&article_with(&edited))
        };
        // A swap is one edit, not two.
        let len = words(COPIED).len() as f64;
        assert!((p.similarity - (1.0 - 1.0 / len)).abs() < 1e-9);
    }

    #[test]
    fn several_light_edits_stay_one_passage() {
        let edited = COPIED
            .replace("on Friday", "on Thursday")
            .replace("meet again next", "meet next")
            .replace("exchange of prisoners", "exchange of all prisoners");
        let article = article_with(&edited);
        let p = one_passage(&article);
        assert_eq!(p.article, locate(&article, &edited));
        assert!(p.similarity < 0.95);
    }

    #[test]
    fn two_copied_passages_are_two_passages() {
        let article = format!(
            "Markets barely moved. Analysts were unsurprised, and nobody in the room expected \
             more from the meeting than it gave. {COPIED}."
        );
        let passages = align(&words(&article), &words(ORIGINAL), &AlignParams::default());
        assert_eq!(passages.len(), 1, "three words are too few: {passages:?}");
        let params = AlignParams {
            min_words: 3,
            k: 3,
            ..AlignParams::default()
        };
        let passages = align(&words(&article), &words(ORIGINAL), &params);
        assert_eq!(passages.len(), 2, "{passages:?}");
        assert!(passages[0].article.end <= passages[1].article.start);
    }

    #[test]
    fn passages_do_not_overlap_when_original_repeats() {
        // The original holds the copied text twice; the article gets one passage for it.
        let original = format!("{COPIED}. In other news, nothing happened. {COPIED}.");
        let article = article_with(COPIED);
        let passages = align(&words(&article), &words(&original), &AlignParams::default());
        assert_eq!(passages.len(), 1, "{passages:?}");
        assert_eq!(passages[0].original, locate(&original, COPIED));
        // And an article that copies it twice gets two passages, one per copy.
        let article = format!("{COPIED}. Meanwhile elsewhere. {COPIED}.");
        let passages = align(&words(&article), &words(ORIGINAL), &AlignParams::default());
        assert_eq!(passages.len(), 2, "{passages:?}");
        assert!(passages[0].article.end <= passages[1].article.start);
    }

    #[test]
    fn clipping_keeps_what_lies_outside_taken_ranges() {
        let run = Run {
            a: 10,
            o: 50,
            len: 10,
        };
        let at = |r: &[Run]| r.iter().map(|r| (r.a, r.o, r.len)).collect::<Vec<_>>();
        assert_eq!(at(&clip_run(run, &[])), [(10, 50, 10)]);
        assert_eq!(at(&clip_run(run, &[0..5, 25..30])), [(10, 50, 10)]);
        let middle = std::slice::from_ref(&(12..15));
        assert_eq!(at(&clip_run(run, middle)), [(10, 50, 2), (15, 55, 5)]);
        assert_eq!(at(&clip_run(run, &[5..12, 18..40])), [(12, 52, 6)]);
        assert!(clip_run(run, std::slice::from_ref(&(10..20))).is_empty());
    }

    #[test]
    fn independent_text_on_the_same_story_is_not_a_copy() {
        let original = "Prime Minister Keir Starmer announced on Tuesday that the government \
            would raise fuel duty by five pence a litre from April, a move that the prime \
            minister said was needed to fund the National Health Service. According to the \
            Treasury, the increase will bring in about 2.4 billion pounds a year. Opposition \
            leaders called it a tax on working families, and the Road Haulage Association said \
            hauliers would pass the cost on to shoppers.";
        let article = "Drivers will pay five pence more for every litre of fuel from April after \
            Keir Starmer confirmed the rise in a speech on Tuesday. The money is meant for the \
            National Health Service, the prime minister said, and Treasury figures put the yield \
            at roughly 2.4 billion pounds annually. Haulage firms warned that the cost would be \
            passed on to shoppers, while opposition leaders accused the government of taxing \
            working families.";
        let passages = align(&words(article), &words(original), &AlignParams::default());
        assert!(passages.is_empty(), "{passages:?}");
    }

    #[test]
    #[allow(clippy::reversed_empty_ranges)] // Reversed ranges are the point: callers may pass them.
    fn align_and_index_survive_degenerate_input() {
        let params = AlignParams::default();
        let one = words("Tehran");
        let short = words("the prime minister");
        for (a, b) in [
            (&[][..], &[][..]),
            (&one[..], &[][..]),
            (&[][..], &one[..]),
            (&one, &one),
            (&short, &short),
        ] {
            assert!(align(a, b, &params).is_empty());
            assert!(fingerprints(a, params.k, params.w).is_empty() || a.len() >= params.k);
        }
        assert!(words("").is_empty());
        assert!(words(" … — “” !? ").is_empty());
        assert_eq!(fingerprints(&one, 1, 4).len(), 1);
        assert!(fingerprints(&one, 0, 0).len() == 1);
        let zero = AlignParams {
            k: 0,
            w: 0,
            min_words: 0,
            max_gap: 0,
            min_similarity: 0.0,
        };
        assert_eq!(align(&one, &one, &zero).len(), 1);
        let mut index = Index::new(0, 0);
        assert!(index.is_empty());
        assert!(index.candidates(&one, 0).is_empty());
        index.add(1, &[]);
        index.add(2, &one);
        assert_eq!(index.len(), 2);
        assert!(index.candidates(&[], 1).is_empty());
        assert_eq!(index.candidates(&one, 0), [(2, 1)]);
        let stop = stopword_set();
        assert!(paraphrases("", &[], &[], &[], &[], &stop, 0.0).is_empty());
        assert!(
            paraphrases(
                "",
                &one,
                &[0..1, 5..9, 3..1],
                &one,
                &[0..1, 7..2],
                &stop,
                0.0
            )
            .is_empty()
        );
    }

    #[test]
    fn repetitive_text_stays_fast_and_sane() {
        let text = "the ".repeat(20_000);
        let ws = words(&text);
        let started = std::time::Instant::now();
        let passages = align(&ws[..2_000], &ws, &AlignParams::default());
        assert!(started.elapsed().as_secs() < 5);
        assert!(passages.len() <= 1);
    }

    /// Peak resident memory of this process so far, in bytes (Linux).
    fn peak_rss() -> Option<usize> {
        let status = std::fs::read_to_string("/proc/self/status").ok()?;
        let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
        let kib: usize = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kib * 1024)
    }

    /// A 50 MB original: words cost 16 bytes each and align streams the original, so the peak
    /// stays at the text plus its words.
    #[test]
    #[ignore = "memory: cargo test --release --lib align::tests::memory_of_a_50_mb_original -- --ignored --nocapture"]
    fn memory_of_a_50_mb_original() {
        let mut rng = Rng(50);
        let general = general_vocabulary();
        let chunk = news_text(&mut rng, &general, 100_000);
        let mut original = String::with_capacity(50 << 20);
        while original.len() + chunk.len() <= 50 << 20 {
            original.push_str(&chunk);
            original.push('\n');
        }
        let article = words(&news_text(&mut rng, &general, 1_500));
        let before = peak_rss().unwrap_or(0);
        let started = std::time::Instant::now();
        let original_words = words(&original);
        let tokenised = started.elapsed();
        let passages = align(&article, &original_words, &AlignParams::default());
        let after = peak_rss().unwrap_or(0);
        println!(
            "50 MB original: {} bytes, {} words ({} MB of words, capacity {}), words() {:.2?}, \
             align() {:.2?}, {} passages; peak RSS {} MB before words(), {} MB after align()",
            original.len(),
            original_words.len(),
            (original_words.len() * 16) >> 20,
            original_words.capacity(),
            tokenised,
            started.elapsed() - tokenised,
            passages.len(),
            before >> 20,
            after >> 20,
        );
        assert!(after - before < 200 << 20);
    }

    // -- index -----------------------------------------------------------------------------

    #[test]
    fn index_ranks_candidates_by_shared_fingerprints() {
        let mut rng = Rng(42);
        let article = random_words(&mut rng, 600, 0);
        let a = [random_words(&mut rng, 300, 1), article[100..300].to_vec()].concat();
        let b = [article[400..440].to_vec(), random_words(&mut rng, 300, 2)].concat();
        let c = random_words(&mut rng, 500, 3);
        let mut index = Index::new(4, 4);
        index.add(10, &c);
        index.add(20, &b);
        index.add(30, &a);
        let got = index.candidates(&article, 1);
        let ids: Vec<usize> = got.iter().map(|&(id, _)| id).collect();
        assert_eq!(ids, [30, 20], "{got:?}");
        assert!(got[0].1 > got[1].1 && got[1].1 >= 3);
        assert_eq!(index.candidates(&article, got[0].1).len(), 1);
    }

    // -- paraphrase ------------------------------------------------------------------------

    #[test]
    fn paraphrase_found_and_unrelated_ignored() {
        let original = "The prime minister announced on Tuesday that the government would \
            raise fuel taxes by ten percent next year. Farmers in the north protested against \
            the new water rules. The central bank kept interest rates unchanged at four \
            percent. Opposition leaders said the tax rise would hurt rural families most.";
        let article = "On Tuesday the prime minister said the government will increase fuel \
            taxes by ten percent from next year. Interest rates were left unchanged at four \
            percent by the central bank. The weather was sunny across the capital all weekend. \
            Fuel prices were a concern for the government, the minister said. Rural families \
            will be hit hardest, opposition figures warned.";
        let (aw, ow) = (words(article), words(original));
        let (asent, osent) = (sentences(article, &aw), sentences(original, &ow));
        assert_eq!((asent.len(), osent.len()), (5, 4));
        let stop = stopword_set();
        let all = paraphrases(article, &aw, &asent, &ow, &osent, &stop, 0.0);
        let scores: Vec<(usize, usize, f64)> = all
            .iter()
            .map(|p| {
                let a = asent.iter().position(|s| *s == p.article).unwrap();
                let o = osent.iter().position(|s| *s == p.original).unwrap();
                (a, o, (p.score * 100.0).round() / 100.0)
            })
            .collect();
        let found = paraphrases(
            article,
            &aw,
            &asent,
            &ow,
            &osent,
            &stop,
            DEFAULT_PARAPHRASE_MIN_SCORE,
        );
        let pairs: Vec<(usize, usize)> = found
            .iter()
            .map(|p| {
                let a = asent.iter().position(|s| *s == p.article).unwrap();
                let o = osent.iter().position(|s| *s == p.original).unwrap();
                (a, o)
            })
            .collect();
        // Same structure, reworded; and reordered into the passive: both close paraphrase.
        assert_eq!(pairs, [(0, 0), (1, 2)], "{scores:?}");
        assert!(
            found
                .iter()
                .all(|p| p.content_overlap > 0.7 && p.similarity < 0.9),
            "{found:?}"
        );
        // Same story, other words: the sentences share names and topic words, but score low.
        for sentence in [3, 4] {
            let p = all
                .iter()
                .find(|p| p.article == asent[sentence])
                .expect("scored");
            assert!(p.score < 0.4, "{p:?}");
        }
        // Nothing in common but stopwords: not even scored.
        assert!(all.iter().all(|p| p.article != asent[2]));
    }

    /// Four sentences of a council report, and a rewrite that works through them in order,
    /// keeping only some of each sentence's words.
    const REPORT: &str = "The council voted on Monday to close the Marsh Lane library in March. \
        Officials blamed a budget gap of four million pounds for the closure. Residents collected \
        more than two thousand signatures in a petition against the plan. The library's books \
        will move to the town hall annex next spring. The mayor thanked the volunteers.";
    const WORKED_THROUGH: &str = "Marsh Lane library is to close in March after a council vote \
        on Monday. A budget gap of four million pounds forced the closure, officials said. \
        Over two thousand residents signed a petition opposing the plan. Next spring the books \
        go to an annex at the town hall.";

    fn run_params() -> ParaphraseParams {
        ParaphraseParams {
            min_score: 0.9,
            min_wording: 0,
            run_overlap: 0.3,
            run_wording: 2,
            run_length: 4,
            run_gap: 1,
            run_step: 3,
        }
    }

    /// `article`'s paraphrases of [`REPORT`] under `params`.
    fn paraphrases_of_report(article: &str, params: &ParaphraseParams) -> Vec<Paraphrase> {
        let (aw, ow) = (words(article), words(REPORT));
        let (asent, osent) = (sentences(article, &aw), sentences(REPORT, &ow));
        paraphrases_excluding(
            article,
            &aw,
            &asent,
            &ow,
            &osent,
            &stopword_set(),
            params,
            &[],
        )
    }

    #[test]
    fn paraphrase_runs_follow_the_original_in_order() {
        let found = paraphrases_of_report(WORKED_THROUGH, &run_params());
        assert_eq!(found.len(), 4, "{found:?}");
        assert!(
            found.iter().all(|p| p.run == 4 && p.score < 0.9),
            "{found:?}"
        );
        // On their own scores, none of them would be reported.
        let single = ParaphraseParams::single(0.9);
        assert!(paraphrases_of_report(WORKED_THROUGH, &single).is_empty());
    }

    #[test]
    fn paraphrase_runs_break_when_the_order_does() {
        let w = words(WORKED_THROUGH);
        let parts: Vec<&str> = sentences(WORKED_THROUGH, &w)
            .iter()
            .map(|r| &WORKED_THROUGH[w[r.start].start as usize..w[r.end - 1].end as usize + 1])
            .collect();
        let shuffled = [parts[2], parts[0], parts[3], parts[1]].join(" ");
        let found = paraphrases_of_report(&shuffled, &run_params());
        assert!(found.is_empty(), "{found:?}");
        // Nor does a run shorter than run_length count.
        let found = paraphrases_of_report(&parts[..3].join(" "), &run_params());
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn paraphrase_skips_sentences_already_copied() {
        let article = article_with(COPIED);
        let (aw, ow) = (words(&article), words(ORIGINAL));
        let (asent, osent) = (sentences(&article, &aw), sentences(ORIGINAL, &ow));
        let found = paraphrases(&article, &aw, &asent, &ow, &osent, &stopword_set(), 0.3);
        assert!(
            found.iter().all(|p| p.article != locate(&article, COPIED)),
            "{found:?}"
        );
        // Without the alignment, the copied sentence is (trivially) a paraphrase.
        let single = ParaphraseParams::single(0.3);
        let found = paraphrases_excluding(
            &article,
            &aw,
            &asent,
            &ow,
            &osent,
            &stopword_set(),
            &single,
            &[],
        );
        assert!(found.iter().any(|p| p.score > 0.8), "{found:?}");
    }

    // -- synthetic news-like text (tests and measurement) --------------------------------------

    /// xorshift64*: deterministic, no dependency.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n.max(1) as u64) as usize
        }

        fn unit(&mut self) -> f64 {
            (self.next() >> 11) as f64 / (1u64 << 53) as f64
        }

        /// A rank in 0..n, Zipf-like (probability ∝ 1 / (rank + 1)).
        fn zipf(&mut self, n: usize) -> usize {
            let harmonic: f64 = (1..=n).map(|r| 1.0 / r as f64).sum();
            let mut target = self.unit() * harmonic;
            for r in 0..n {
                target -= 1.0 / (r + 1) as f64;
                if target <= 0.0 {
                    return r;
                }
            }
            n - 1
        }
    }

    /// Words with random hashes from a stream private to `salt`, so texts built with different
    /// salts share nothing.
    fn random_words(rng: &mut Rng, n: usize, salt: u64) -> Vec<Word> {
        (0..n)
            .map(|i| Word {
                start: i as u32,
                end: i as u32 + 1,
                hash: mix(rng.next() ^ salt.rotate_left(32)),
            })
            .collect()
    }

    const FUNCTION_WORDS: &[&str] = &[
        "the", "of", "and", "to", "a", "in", "that", "is", "was", "he", "for", "it", "with", "as",
        "his", "on", "be", "at", "by", "had", "are", "but", "from", "or", "have", "an", "they",
        "which", "one", "were", "her", "all", "she", "there", "would", "their", "we", "him",
        "been", "has", "when", "who", "will", "more", "no", "if", "out", "so", "said", "what",
        "up", "its", "about", "into", "than", "them", "can", "only", "other", "new",
    ];

    const TOPIC_WORDS: &[&str] = &[
        "talks",
        "ministry",
        "foreign",
        "minister",
        "government",
        "officials",
        "delegation",
        "agreement",
        "ceasefire",
        "sanctions",
        "nuclear",
        "enrichment",
        "uranium",
        "inspectors",
        "president",
        "parliament",
        "protesters",
        "police",
        "security",
        "forces",
        "capital",
        "border",
        "refugees",
        "aid",
        "humanitarian",
        "convoy",
        "strike",
        "drone",
        "missile",
        "attack",
        "killed",
        "wounded",
        "civilians",
        "hospital",
        "report",
        "statement",
        "spokesman",
        "agency",
        "rights",
        "groups",
        "activists",
        "arrested",
        "detained",
        "executions",
        "prison",
        "court",
        "judge",
        "trial",
        "sentence",
        "election",
        "vote",
        "opposition",
        "party",
        "coalition",
        "budget",
        "economy",
        "inflation",
        "currency",
        "oil",
        "exports",
        "gas",
        "pipeline",
        "shipping",
        "port",
        "grain",
        "corridor",
        "navy",
        "vessel",
        "tanker",
        "seized",
        "crew",
        "negotiators",
        "envoy",
        "summit",
        "leaders",
        "Tehran",
        "Washington",
        "Istanbul",
        "Moscow",
        "Kyiv",
        "Brussels",
        "Geneva",
        "Araghchi",
        "Witkoff",
        "Erdogan",
        "IAEA",
        "UN",
        "EU",
        "NATO",
        "Reuters",
        "AP",
        "deal",
        "proposal",
        "demands",
        "guarantees",
        "deadline",
        "weeks",
        "months",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "2,000",
        "217",
        "500",
        "25,000",
        "6,430",
        "percent",
        "million",
        "billion",
        "dollars",
        "figures",
        "data",
        "toll",
        "victims",
        "families",
        "witnesses",
        "video",
        "footage",
        "images",
        "claims",
        "denied",
        "confirmed",
        "warned",
        "threatened",
        "urged",
        "called",
        "accused",
        "rejected",
        "welcomed",
        "condemned",
        "announced",
        "resumed",
        "collapsed",
        "stalled",
        "progress",
        "round",
        "meeting",
        "mediator",
        "Oman",
        "Qatar",
        "Egypt",
        "Turkey",
        "Iran",
        "Israel",
        "Gaza",
        "Lebanon",
        "Syria",
        "Iraq",
        "Ukraine",
        "Russia",
        "Europe",
        "region",
        "crisis",
    ];

    const STOCK_PHRASES: &[&str] = &[
        "the prime minister said",
        "according to the",
        "in a statement",
        "the foreign ministry said",
        "on tuesday",
        "on wednesday",
        "human rights groups",
        "at least",
        "the united nations",
        "security forces",
        "told reporters",
        "state media reported",
        "the white house",
        "a senior official",
        "in the capital",
        "last week",
        "earlier this month",
        "the european union",
        "it was not clear",
        "did not respond to a request for comment",
        "the two sides",
        "the interior ministry",
        "officials said",
        "more than",
        "the death toll",
        "in recent weeks",
        "the defence minister",
        "a spokesperson for",
        "news agency",
        "the supreme leader",
        "at least 217 people",
        "iran human rights",
        "abbas araghchi",
        "the grain corridor",
        "were killed in",
        "as many as 2,000",
    ];

    /// Words of the general vocabulary: pronounceable nonsense, the same in every run.
    fn general_vocabulary() -> Vec<String> {
        const ONSETS: &[&str] = &[
            "b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "tr", "st",
        ];
        const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "ai", "ou"];
        let mut rng = Rng(0x0bad_5eed);
        (0..GENERAL_WORDS)
            .map(|_| {
                (0..2 + rng.below(2))
                    .map(|_| {
                        format!(
                            "{}{}",
                            ONSETS[rng.below(ONSETS.len())],
                            VOWELS[rng.below(VOWELS.len())]
                        )
                    })
                    .collect()
            })
            .collect()
    }

    const GENERAL_WORDS: usize = 2_000;

    /// News-like text: function words (45%), the story's own vocabulary of names, numbers and
    /// topic words (20%), a general vocabulary (25%), all Zipf-distributed, and stock phrases
    /// (10% of draws, 3-8 words each). Every text on "the story" draws from the same lists, as
    /// two independent reports of one event do.
    fn news_text(rng: &mut Rng, general: &[String], n_words: usize) -> String {
        let mut out: Vec<&str> = Vec::new();
        while out.len() < n_words {
            let sentence_len = 12 + rng.below(17);
            let end = out.len() + sentence_len;
            while out.len() < end {
                let roll = rng.unit();
                if roll < 0.10 {
                    out.extend(STOCK_PHRASES[rng.zipf(STOCK_PHRASES.len())].split(' '));
                } else if roll < 0.55 {
                    out.push(FUNCTION_WORDS[rng.zipf(FUNCTION_WORDS.len())]);
                } else if roll < 0.75 {
                    out.push(TOPIC_WORDS[rng.zipf(TOPIC_WORDS.len())]);
                } else {
                    out.push(&general[rng.zipf(general.len())]);
                }
            }
            out.push(".");
        }
        out.join(" ")
    }

    /// `copy` with `edits` random light edits (substitute, insert, drop, swap two words).
    fn edit(rng: &mut Rng, copy: &[Word], edits: usize, vocabulary: &[Word]) -> Vec<Word> {
        let mut out = copy.to_vec();
        for _ in 0..edits {
            if out.len() < 4 {
                break;
            }
            let at = 1 + rng.below(out.len() - 2);
            let fresh = vocabulary[rng.below(vocabulary.len())];
            match rng.below(4) {
                0 => out[at] = fresh,
                1 => out.insert(at, fresh),
                2 => {
                    out.remove(at);
                }
                _ => out.swap(at, at + 1),
            }
        }
        out
    }

    struct Case {
        article: Vec<Word>,
        original: Vec<Word>,
        /// The copied (edited) stretch of the article, if any.
        copied: Option<Range<usize>>,
        edits_per_20: usize,
    }

    const COPY_WORDS: usize = 40;
    const CASES_PER_LEVEL: usize = 60;
    const INDEPENDENT_CASES: usize = 300;

    fn measurement_cases() -> Vec<Case> {
        let mut rng = Rng(0xfa1f_11e7);
        let general = general_vocabulary();
        let news = |rng: &mut Rng, n| words(&news_text(rng, &general, n));
        let vocabulary = news(&mut rng, 2_000);
        let mut cases = Vec::new();
        for edits_per_20 in 0..=4 {
            for _ in 0..CASES_PER_LEVEL {
                let original = news(&mut rng, 800);
                let from = rng.below(original.len() - COPY_WORDS);
                let copy = edit(
                    &mut rng,
                    &original[from..from + COPY_WORDS],
                    edits_per_20 * COPY_WORDS / 20,
                    &vocabulary,
                );
                let before = news(&mut rng, 200);
                let after = news(&mut rng, 200);
                let copied = Some(before.len()..before.len() + copy.len());
                let article = [before, copy, after].concat();
                cases.push(Case {
                    article,
                    original,
                    copied,
                    edits_per_20,
                });
            }
        }
        for _ in 0..INDEPENDENT_CASES {
            let article = news(&mut rng, 400);
            let original = news(&mut rng, 800);
            cases.push(Case {
                article,
                original,
                copied: None,
                edits_per_20: 0,
            });
        }
        cases
    }

    /// Words of `range` inside any passage, and the most inside one passage.
    fn coverage(range: &Range<usize>, passages: &[Passage]) -> (usize, usize) {
        let inside: Vec<usize> = passages
            .iter()
            .map(|p| {
                p.article
                    .end
                    .min(range.end)
                    .saturating_sub(p.article.start.max(range.start))
            })
            .collect();
        (
            inside.iter().sum(),
            inside.iter().copied().max().unwrap_or(0),
        )
    }

    /// Outcome of one parameter setting over the measurement cases.
    #[derive(Default)]
    struct Scores {
        /// Copies at least half covered by passages, per edit level.
        found: [usize; 5],
        /// Copies 90% covered by one passage, per edit level.
        whole: [usize; 5],
        /// Independent pairs with any passage.
        alarms: usize,
        /// Passages in copy cases that miss the copy.
        stray: usize,
        /// Time spent in `align`.
        elapsed: std::time::Duration,
    }

    fn score_setting(cases: &[Case], candidate: &[bool], params: &AlignParams) -> Scores {
        let mut scores = Scores::default();
        for (case, _) in cases.iter().zip(candidate).filter(|(_, c)| **c) {
            let started = std::time::Instant::now();
            let passages = align(&case.article, &case.original, params);
            scores.elapsed += started.elapsed();
            let Some(range) = &case.copied else {
                scores.alarms += usize::from(!passages.is_empty());
                continue;
            };
            let (total, best) = coverage(range, &passages);
            scores.found[case.edits_per_20] += usize::from(2 * total >= range.len());
            scores.whole[case.edits_per_20] += usize::from(10 * best >= 9 * range.len());
            let misses = |p: &&Passage| coverage(range, std::slice::from_ref(*p)).0 == 0;
            scores.stray += passages.iter().filter(misses).count();
        }
        scores
    }

    /// Whether each case's original is an `Index` candidate for its article (`min_shared` 1).
    fn index_candidates(cases: &[Case], params: &AlignParams) -> Vec<bool> {
        cases
            .iter()
            .map(|case| {
                let mut index = params.index();
                index.add(0, &case.original);
                !index.candidates(&case.article, 1).is_empty()
            })
            .collect()
    }

    /// Prints recall of edited copies and false alarms on independent text for a grid of
    /// parameters; the figures behind `AlignParams::default()`.
    #[test]
    #[ignore = "measurement: cargo test --release --lib align::tests::measure_defaults -- --ignored --nocapture"]
    fn measure_defaults() {
        let cases = measurement_cases();
        let pct = |n: usize, of: usize| format!("{:3.0}", 100.0 * n as f64 / of as f64);
        let row = |xs: [usize; 5]| xs.map(|n| pct(n, CASES_PER_LEVEL)).join(" ");
        println!(
            "k w gap sim words | found e0-e4 % | one passage e0-e4 % | false alarms % | stray | cand % | µs/pair"
        );
        for k in [3, 4, 5] {
            for w in [4, 8] {
                let candidate = index_candidates(
                    &cases,
                    &AlignParams {
                        k,
                        w,
                        ..AlignParams::default()
                    },
                );
                let independent = &candidate[cases.len() - INDEPENDENT_CASES..];
                let candidates = independent.iter().filter(|c| **c).count();
                for max_gap in [2, 3, 4] {
                    for min_similarity in [0.7, 0.8, 0.9] {
                        for min_words in [8, 10, 12, 15] {
                            let params = AlignParams {
                                k,
                                w,
                                min_words,
                                max_gap,
                                min_similarity,
                            };
                            let scores = score_setting(&cases, &candidate, &params);
                            let aligned = candidate.iter().filter(|c| **c).count().max(1);
                            println!(
                                "{k} {w} {max_gap} {min_similarity:.1} {min_words:2} | {} | {} | {:5.1} | {:3} | {} | {:.0}",
                                row(scores.found),
                                row(scores.whole),
                                100.0 * scores.alarms as f64 / INDEPENDENT_CASES as f64,
                                scores.stray,
                                pct(candidates, INDEPENDENT_CASES),
                                scores.elapsed.as_secs_f64() * 1e6 / aligned as f64,
                            );
                        }
                    }
                }
            }
        }
    }
}
