//! Sentence-level paraphrase: article sentences that keep an original sentence's content words
//! and structure without sharing long runs.

use std::collections::HashSet;
use std::ops::Range;

use super::fingerprint::{FastMap, FastSet};
use super::thesaurus::{self, Entry};
use super::{AlignParams, Passage, Word, align, hash_word};

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
    /// The article's wording (content words written in lower case, without digits, and not
    /// among the words any news report uses, [`COMMON_NEWS_WORDS`]) kept in the original's
    /// order: the longest common subsequence of the two sentences' content words on lexical keys
    /// (stems, substitution classes, numbers by value), counting only wording. Words inserted,
    /// dropped or swapped for a listed substitute do not break it.
    pub kept: usize,
    /// `kept` over the wording of the shorter of the two sentences.
    pub kept_share: f64,
    /// The length of the run of paraphrased sentences this one belongs to, or 0 when it
    /// stands on its score alone (see [`ParaphraseParams`]).
    pub run: usize,
    /// What the pair was reported on.
    pub evidence: Evidence,
}

/// What a [`Paraphrase`] was reported on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Evidence {
    /// Its own score and wording.
    #[default]
    Alone,
    /// A run of pairs with content overlap and wording ([`ParaphraseParams::run_overlap`]).
    Run,
    /// A run of pairs that keep the original's wording in order ([`Paraphrase::kept`]).
    KeptRun,
    /// Set by a caller: a run reported because the article as a whole derives from the
    /// original.
    DerivedRun,
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
    /// Article sentences of fewer words (headlines, a bare attribution) never count towards a
    /// run.
    pub run_min_words: usize,
    /// The [`Paraphrase::kept_share`] one sentence pair needs on its own (above 1: never).
    pub min_kept_share: f64,
    /// The [`Paraphrase::kept`] one sentence pair needs on its own.
    pub min_kept: usize,
    /// The [`Paraphrase::kept_share`] each sentence pair of a kept-wording run needs.
    pub run_kept_share: f64,
    /// The [`Paraphrase::kept`] each sentence pair of a kept-wording run needs.
    pub run_kept: usize,
    /// The content overlap each sentence pair of a kept-wording run needs besides.
    pub run_kept_overlap: f64,
    /// The fewest sentence pairs that make a kept-wording run (`usize::MAX`: none do). Its
    /// sentences follow the original as a run does (`run_gap`, `run_step`).
    pub kept_run_length: usize,
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
            run_min_words: 0,
            min_kept_share: f64::INFINITY,
            min_kept: usize::MAX,
            run_kept_share: f64::INFINITY,
            run_kept: usize::MAX,
            run_kept_overlap: f64::INFINITY,
            kept_run_length: usize::MAX,
        }
    }
}

/// Function words left out of close-paraphrase overlap; their own words would make any two
/// English sentences look alike.
pub const STOPWORDS: &[&str] = &[
    "the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at", "for", "by", "with",
    "from", "as", "is", "are", "was", "were", "be", "been", "has", "have", "had", "it", "its",
    "that", "this", "these", "those", "he", "she", "they", "we", "his", "her", "their", "our", "i",
    "you", "not", "no", "said", "says", "will", "would", "could", "should", "can", "may", "after",
    "before", "over", "into", "than", "then", "so", "if", "about", "also", "which", "who", "what",
];

/// The hashes of [`STOPWORDS`].
pub fn stopwords() -> HashSet<u64> {
    STOPWORDS.iter().map(|w| hash_word(w)).collect()
}

/// One side of a sentence comparison: a text, its words (as [`super::words`] gives them), their
/// lexical keys and its sentences as word-index ranges.
#[derive(Clone, Debug)]
pub struct Sentences<'a> {
    pub text: &'a str,
    pub words: &'a [Word],
    /// The lexical key of each word ([`super::lexical_words`]), one per word.
    pub keys: Vec<u64>,
    /// The thesaurus entry of each word ([`super::for_each_lexical_key`]), one per word.
    pub synonyms: Vec<Option<Entry>>,
    pub sentences: &'a [Range<usize>],
}

impl<'a> Sentences<'a> {
    /// `text`'s words and sentences, with their lexical keys read here.
    pub fn new(text: &'a str, words: &'a [Word], sentences: &'a [Range<usize>]) -> Self {
        let mut keys = Vec::with_capacity(words.len());
        let mut synonyms = Vec::with_capacity(words.len());
        super::for_each_lexical_key(text, words, |key, entry| {
            keys.push(key);
            synonyms.push(entry);
        });
        Sentences {
            text,
            words,
            keys,
            synonyms,
            sentences,
        }
    }
}

/// Sentence-level close paraphrase: for each article sentence (given as word-index ranges), the
/// best original sentence by content-word overlap (ignoring `stopwords`, hashes from
/// [`hash_word`]) and word-sequence similarity; reports pairs whose score passes `min_score` and
/// whose article sentence is not already covered by a [`Passage`] of [`align`] at default
/// parameters. Ranges out of bounds are clamped. Sorted by article sentence.
pub fn paraphrases(
    article: &Sentences,
    original: &Sentences,
    stopwords: &HashSet<u64>,
    min_score: f64,
) -> Vec<Paraphrase> {
    let covered = align(article.words, original.words, &AlignParams::default());
    paraphrases_excluding(
        article,
        &SentenceIndex::new(original, stopwords),
        stopwords,
        &ParaphraseParams::single(min_score),
        &covered,
    )
}

/// [`paraphrases`] with runs and kept wording (see [`ParaphraseParams`]), for a caller that has
/// already aligned the two texts (with its own parameters): article sentences mostly inside
/// `covered` are skipped, and neither count towards a run nor break one.
pub fn paraphrases_excluding(
    article: &Sentences,
    originals: &SentenceIndex,
    stopwords: &HashSet<u64>,
    params: &ParaphraseParams,
    covered: &[Passage],
) -> Vec<Paraphrase> {
    SentencePairs::new(article, originals, stopwords, covered).select(params, &[])
}

/// Each article sentence paired with original sentences, in two readings, ready to be judged
/// under any [`ParaphraseParams`] ([`SentencePairs::select`]).
///
/// The first reading pairs an article sentence with the original sentence of the best
/// [`Paraphrase::score`] (words as written), which is reported on its score or in a run of such
/// pairs. The second pairs it with the original sentence, among the same candidates, that keeps
/// most of its wording in order ([`Paraphrase::kept`], on lexical keys), which is reported in a
/// run of such pairs (or alone, when it keeps a great deal). A sentence both report is reported
/// once, by the first.
#[derive(Clone, Debug, Default)]
pub struct SentencePairs {
    /// Best by score, in article order, with the original sentence's number.
    scored: Vec<(usize, Paraphrase)>,
    /// Best by kept wording, likewise.
    kept: Vec<(usize, Paraphrase)>,
}

impl SentencePairs {
    /// The pairs of `article`'s sentences not mostly inside `covered`.
    pub fn new(
        article: &Sentences,
        originals: &SentenceIndex,
        stopwords: &HashSet<u64>,
        covered: &[Passage],
    ) -> SentencePairs {
        let mut pairs = SentencePairs::default();
        for range in article.sentences {
            let range = clamp(range, article.words.len());
            if covered_share(&range, covered) >= COVERED_SHARE {
                continue;
            }
            let content = content_words(&article.words[range.clone()], stopwords);
            if content.len() < PARAPHRASE_MIN_CONTENT_WORDS {
                continue;
            }
            let tokens = tokens(article, &range, stopwords, &originals.common);
            let candidates: Vec<(usize, Paraphrase)> = originals
                .closest(&content)
                .into_iter()
                .map(|(i, overlap)| (i, originals.pair(article, &range, &tokens, i, overlap)))
                .collect();
            let by_score = candidates
                .iter()
                .max_by(|x, y| x.1.score.total_cmp(&y.1.score).then(y.0.cmp(&x.0)));
            let by_kept = candidates.iter().max_by(|x, y| {
                (x.1.kept_share, x.1.kept)
                    .partial_cmp(&(y.1.kept_share, y.1.kept))
                    .unwrap_or(std::cmp::Ordering::Equal)
                    .then(y.0.cmp(&x.0))
            });
            pairs.scored.extend(by_score.cloned());
            pairs.kept.extend(by_kept.cloned());
        }
        pairs
    }

    /// The pairs reported under `params`, leaving out article sentences mostly inside `covered`
    /// (besides those left out when the pairs were made). Sorted by article sentence.
    pub fn select(&self, params: &ParaphraseParams, covered: &[Passage]) -> Vec<Paraphrase> {
        let open =
            |(_, p): &&(usize, Paraphrase)| covered_share(&p.article, covered) < COVERED_SHARE;
        let mut scored: Vec<(usize, Paraphrase)> =
            self.scored.iter().filter(open).cloned().collect();
        let mut kept: Vec<(usize, Paraphrase)> = self.kept.iter().filter(open).cloned().collect();
        mark_runs(
            &mut scored,
            params.run_gap,
            params.run_step,
            params.run_length,
            |p| {
                p.article.len() >= params.run_min_words
                    && p.content_overlap >= params.run_overlap
                    && p.wording >= params.run_wording
            },
        );
        // A kept-wording run is made of pairs that keep the original's wording in order, or
        // that would count towards a run of the first reading.
        mark_runs(
            &mut kept,
            params.run_gap,
            params.run_step,
            params.kept_run_length,
            |p| {
                let keeps = p.kept_share >= params.run_kept_share
                    && p.kept >= params.run_kept
                    && p.content_overlap >= params.run_kept_overlap;
                let overlaps =
                    p.content_overlap >= params.run_overlap && p.wording >= params.run_wording;
                p.article.len() >= params.run_min_words && (keeps || overlaps)
            },
        );
        let mut out: Vec<Paraphrase> = scored
            .into_iter()
            .map(|(_, p)| Paraphrase {
                evidence: if p.run > 0 {
                    Evidence::Run
                } else {
                    Evidence::Alone
                },
                ..p
            })
            .filter(|p| {
                (p.score >= params.min_score && p.wording >= params.min_wording) || p.run > 0
            })
            .collect();
        for (_, p) in kept {
            let alone = p.kept_share >= params.min_kept_share && p.kept >= params.min_kept;
            if (alone || p.run > 0) && !out.iter().any(|q| q.article == p.article) {
                let evidence = if p.run > 0 {
                    Evidence::KeptRun
                } else {
                    Evidence::Alone
                };
                out.push(Paraphrase { evidence, ..p });
            }
        }
        out.sort_by_key(|p| (p.article.start, p.article.end));
        out
    }

    /// Every pair of the second reading, reported or not: for calibration.
    pub fn kept_pairs(&self) -> Vec<Paraphrase> {
        self.kept.iter().map(|(_, p)| p.clone()).collect()
    }
}

/// Every article sentence paired with the original sentence that keeps most of its wording
/// ([`Paraphrase::kept_share`]), whether or not it would be reported, with all the measures:
/// for calibration.
pub fn sentence_pairs(
    article: &Sentences,
    original: &Sentences,
    stopwords: &HashSet<u64>,
) -> Vec<Paraphrase> {
    let index = SentenceIndex::new(original, stopwords);
    SentencePairs::new(article, &index, stopwords, &[]).kept_pairs()
}

/// Sets `run` on every pair in a run: `strong` pairs, at most `gap` scored sentences apart in
/// the article, each pointing further into the original than the one before by at most `step`
/// sentences, at least `length` of them. `scored` is in article order, with each pair's
/// original sentence number.
fn mark_runs(
    scored: &mut [(usize, Paraphrase)],
    gap: usize,
    step: usize,
    length: usize,
    strong: impl Fn(&Paraphrase) -> bool,
) {
    for start in 0..scored.len() {
        if scored[start].1.run > 0 || !strong(&scored[start].1) {
            continue;
        }
        let mut members = vec![start];
        let mut next = start + 1;
        while let Some(&last) = members.last() {
            if next >= scored.len() || next - last > gap + 1 {
                break;
            }
            let (from, to) = (scored[last].0, scored[next].0);
            if strong(&scored[next].1) && to > from && to - from <= step {
                members.push(next);
            }
            next += 1;
        }
        if members.len() < length {
            continue;
        }
        for &m in &members {
            scored[m].1.run = members.len();
        }
    }
}

/// A content word of a sentence, on its lexical key, and whether it is the writer's wording
/// rather than a name, a number or a word any report would use.
#[derive(Clone, Copy, Debug)]
struct Token {
    key: u64,
    /// Its thesaurus entry, when it is wording.
    synonym: Option<Entry>,
    wording: bool,
}

impl Token {
    /// The same word on lexical keys, or the writer's wording put in a synonym of it.
    fn matches(&self, other: &Token) -> bool {
        if self.key == other.key {
            return true;
        }
        match (self.synonym, other.synonym) {
            (Some(a), Some(b)) => thesaurus::synonyms(a, b),
            _ => false,
        }
    }
}

/// The content words of `side`'s words `range`, in order.
fn tokens(
    side: &Sentences,
    range: &Range<usize>,
    stopwords: &HashSet<u64>,
    common: &FastSet<u64>,
) -> Vec<Token> {
    let filler = super::filler_key();
    range
        .clone()
        .take(MAX_SENTENCE_WORDS)
        .filter_map(|i| {
            let w = side.words[i];
            let key = side.keys[i];
            if w.start == w.end || stopwords.contains(&w.hash) || key == filler {
                return None;
            }
            let written = side
                .text
                .get(w.start as usize..w.end as usize)
                .unwrap_or("");
            let wording = written.chars().next().is_some_and(char::is_lowercase)
                && !written.bytes().any(|b| b.is_ascii_digit())
                && !common.contains(&key);
            let synonym = side.synonyms[i].filter(|_| wording);
            Some(Token {
                key,
                synonym,
                wording,
            })
        })
        .collect()
}

/// Counts the writer's wording in a stretch of text: content words written in lower case,
/// without digits, and not among the words any news report uses (see [`Paraphrase::wording`]).
/// A run of names, titles and numbers ("Ana Ruiz of the Kessa Trust") has none.
pub struct Wording {
    stopwords: HashSet<u64>,
    common: FastSet<u64>,
}

impl Wording {
    pub fn new(stopwords: &HashSet<u64>) -> Self {
        Wording {
            stopwords: stopwords.clone(),
            common: common_news_keys(),
        }
    }

    /// How many of `side`'s words `range` are wording.
    pub fn count(&self, side: &Sentences, range: &Range<usize>) -> usize {
        tokens(side, range, &self.stopwords, &self.common)
            .iter()
            .filter(|t| t.wording)
            .count()
    }
}

/// ([`Paraphrase::kept`], [`Paraphrase::kept_share`]) of an article sentence's tokens against
/// an original sentence's: the longest common subsequence on keys, counting the article's
/// wording only.
fn kept_wording(article: &[Token], original: &[Token]) -> (usize, f64) {
    let mut previous = vec![0u16; original.len() + 1];
    let mut row = vec![0u16; original.len() + 1];
    for a in article {
        for (j, o) in original.iter().enumerate() {
            row[j + 1] = if a.matches(o) {
                previous[j] + u16::from(a.wording)
            } else {
                row[j].max(previous[j + 1])
            };
        }
        std::mem::swap(&mut previous, &mut row);
    }
    let kept = usize::from(previous[original.len()]);
    let wording = |t: &[Token]| t.iter().filter(|t| t.wording).count();
    let shorter = wording(article).min(wording(original)).max(1);
    (kept, kept as f64 / shorter as f64)
}

/// Words any news report uses whatever its source (time, people, officials, reporting verbs,
/// quantity and function words the stopword list leaves in): sharing them says nothing about
/// where the wording came from. Read on lexical keys, so inflections count too.
pub const COMMON_NEWS_WORDS: &[&str] = &[
    "say",
    "tell",
    "add",
    "according",
    "statement",
    "report",
    "news",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "official",
    "officials",
    "government",
    "police",
    "people",
    "person",
    "year",
    "years",
    "month",
    "months",
    "week",
    "weeks",
    "day",
    "days",
    "today",
    "yesterday",
    "tomorrow",
    "morning",
    "afternoon",
    "evening",
    "night",
    "time",
    "times",
    "new",
    "last",
    "first",
    "second",
    "third",
    "next",
    "more",
    "most",
    "less",
    "least",
    "many",
    "much",
    "some",
    "all",
    "both",
    "each",
    "other",
    "another",
    "such",
    "only",
    "still",
    "now",
    "just",
    "since",
    "during",
    "while",
    "where",
    "when",
    "because",
    "however",
    "there",
    "here",
    "them",
    "him",
    "me",
    "my",
    "us",
    "your",
    "how",
    "why",
    "did",
    "do",
    "does",
    "done",
    "make",
    "made",
    "take",
    "took",
    "go",
    "went",
    "come",
    "came",
    "like",
    "well",
    "back",
    "own",
    "under",
    "between",
    "against",
    "through",
    "off",
    "until",
    "up",
    "down",
    "out",
    "very",
    "being",
    "per",
    "cent",
    "number",
    "total",
    "local",
    "national",
    "including",
    "due",
    "any",
    "one",
    "what",
    "get",
    "got",
    "set",
    "put",
    "way",
    "part",
    "place",
    "around",
    "about",
    "told",
];

/// The lexical keys of [`COMMON_NEWS_WORDS`] and of numbers written as words ("two"), none of
/// which is wording.
fn common_news_keys() -> FastSet<u64> {
    COMMON_NEWS_WORDS
        .iter()
        .chain(super::lexical::NUMBER_WORD_LIST)
        .map(|w| super::word_key(w))
        .collect()
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

/// The original's sentences with inverted indexes from content word (as written) and wording
/// (on lexical keys) to sentence, so each article sentence only meets the original sentences
/// it shares a word with.
pub struct SentenceIndex<'a> {
    side: &'a Sentences<'a>,
    ranges: Vec<Range<usize>>,
    /// Distinct content words per sentence, sorted.
    content: Vec<Vec<u64>>,
    by_word: FastMap<u64, Vec<u32>>,
    stopwords: HashSet<u64>,
    common: FastSet<u64>,
}

impl<'a> SentenceIndex<'a> {
    /// The index of an original's sentences, read once for any number of articles and
    /// parameters; `stopwords` are those the articles will be read with.
    pub fn new(side: &'a Sentences<'a>, stopwords: &HashSet<u64>) -> Self {
        let n = side.sentences.len();
        let mut index = SentenceIndex {
            side,
            ranges: Vec::with_capacity(n),
            content: Vec::with_capacity(n),
            by_word: FastMap::default(),
            stopwords: stopwords.clone(),
            common: common_news_keys(),
        };
        for range in side.sentences {
            let range = clamp(range, side.words.len());
            let content = content_words(&side.words[range.clone()], stopwords);
            let id = index.ranges.len() as u32;
            for hash in &content {
                index.by_word.entry(*hash).or_default().push(id);
            }
            index.ranges.push(range);
            index.content.push(content);
        }
        index
    }

    /// Article sentence `range` (its content `tokens`) paired with original sentence `i`, whose
    /// content overlap with it is `overlap`.
    fn pair(
        &self,
        article: &Sentences,
        range: &Range<usize>,
        article_tokens: &[Token],
        i: usize,
        overlap: f64,
    ) -> Paraphrase {
        let other = self.ranges[i].clone();
        let similarity = sequence_similarity(
            &article.words[range.clone()],
            &self.side.words[other.clone()],
        );
        let original_tokens = tokens(self.side, &other, &self.stopwords, &self.common);
        let (kept, kept_share) = kept_wording(article_tokens, &original_tokens);
        Paraphrase {
            wording: shared_wording(
                article.text,
                &article.words[range.clone()],
                &self.content[i],
            ),
            article: range.clone(),
            original: other,
            content_overlap: overlap,
            similarity,
            score: score(overlap, similarity),
            kept,
            kept_share,
            run: 0,
            evidence: Evidence::Alone,
        }
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
    use crate::align::testkit::*;
    use crate::align::words;

    /// The sentences of the worked example, each with its closing mark.
    fn worked_through_sentences() -> Vec<&'static str> {
        let w = words(WORKED_THROUGH);
        sentences(WORKED_THROUGH, &w)
            .iter()
            .map(|r| &WORKED_THROUGH[w[r.start].start as usize..w[r.end - 1].end as usize + 1])
            .collect()
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
        let (a, o) = (
            Sentences::new(article, &aw, &asent),
            Sentences::new(original, &ow, &osent),
        );
        let all = paraphrases(&a, &o, &stop, 0.0);
        let scores: Vec<(usize, usize, f64)> = all
            .iter()
            .map(|p| {
                let a = asent.iter().position(|s| *s == p.article).unwrap();
                let o = osent.iter().position(|s| *s == p.original).unwrap();
                (a, o, (p.score * 100.0).round() / 100.0)
            })
            .collect();
        let found = paraphrases(&a, &o, &stop, DEFAULT_PARAPHRASE_MIN_SCORE);
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
            ..ParaphraseParams::single(0.9)
        }
    }

    /// `article`'s paraphrases of [`REPORT`] under `params`.
    fn paraphrases_of_report(article: &str, params: &ParaphraseParams) -> Vec<Paraphrase> {
        let (aw, ow) = (words(article), words(REPORT));
        let (asent, osent) = (sentences(article, &aw), sentences(REPORT, &ow));
        let original = Sentences::new(REPORT, &ow, &osent);
        paraphrases_excluding(
            &Sentences::new(article, &aw, &asent),
            &SentenceIndex::new(&original, &stopword_set()),
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
        let parts = worked_through_sentences();
        let shuffled = [parts[2], parts[0], parts[3], parts[1]].join(" ");
        let found = paraphrases_of_report(&shuffled, &run_params());
        assert!(found.is_empty(), "{found:?}");
        // Nor does a run shorter than run_length count.
        let found = paraphrases_of_report(&parts[..3].join(" "), &run_params());
        assert!(found.is_empty(), "{found:?}");
    }

    /// Runs of pairs that keep the original's wording in order, and nothing else.
    fn kept_params() -> ParaphraseParams {
        ParaphraseParams {
            run_gap: 1,
            run_step: 3,
            run_kept_share: 0.4,
            run_kept: 2,
            run_kept_overlap: 0.0,
            kept_run_length: 3,
            ..ParaphraseParams::single(f64::INFINITY)
        }
    }

    /// The best pair of `article`'s only sentence with `original`'s, by kept wording, if they
    /// share any wording.
    fn kept_pair(article: &str, original: &str) -> Option<Paraphrase> {
        let (aw, ow) = (words(article), words(original));
        let (asent, osent) = (sentences(article, &aw), sentences(original, &ow));
        let pairs = sentence_pairs(
            &Sentences::new(article, &aw, &asent),
            &Sentences::new(original, &ow, &osent),
            &stopwords(),
        );
        pairs.into_iter().next()
    }

    #[test]
    fn kept_wording_leaves_out_names_numbers_and_news_words() {
        let original = "Officials in Porta Alta said on Friday that 2,000 troops would pull back \
            from the line of contact.";
        // The same names, number, day and officials: nothing of the original's wording.
        let names = kept_pair(
            "Porta Alta officials confirmed the 2,000 figure on Friday.",
            original,
        );
        assert!(names.as_ref().is_none_or(|p| p.kept == 0), "{names:?}");
        // Reordered and reworded ("told", a clause moved), the wording still follows.
        let reworded = kept_pair(
            "On Friday 2,000 soldiers were told to pull back from the contact line, officials \
             in Porta Alta said.",
            original,
        )
        .expect("shares wording");
        assert!(reworded.kept >= 2, "{reworded:?}");
        // Inflections and listed substitutions read alike.
        let inflected = kept_pair(
            "Officials in Porta Alta say 2,000 troops are pulling back from the line of contact.",
            original,
        )
        .expect("shares wording");
        assert!(
            inflected.kept >= 3 && inflected.kept_share >= 0.75,
            "{inflected:?}"
        );
    }

    #[test]
    fn synonyms_from_the_thesaurus_keep_the_wording() {
        let original = "Nervous dealers kept their wagers on a cut in the spring.";
        // Each word of the original's wording put in a WordNet synonym, in the same order.
        let reworded = kept_pair(
            "Nervous traders held their bets on a cut in the spring.",
            original,
        )
        .expect("shares wording");
        assert!(
            reworded.kept >= 4 && reworded.kept_share >= 0.8,
            "{reworded:?}"
        );
        // The same words out of order, and words of other meanings, do not follow it.
        let shuffled = kept_pair("Bets on a spring cut held traders nervous.", original);
        assert!(
            shuffled.as_ref().is_none_or(|p| p.kept <= 2),
            "{shuffled:?}"
        );
        let unrelated = kept_pair(
            "Anxious bankers sold their bonds before the autumn.",
            original,
        );
        assert!(
            unrelated.as_ref().is_none_or(|p| p.kept == 0),
            "{unrelated:?}"
        );
    }

    #[test]
    fn kept_wording_runs_follow_the_original_in_order() {
        let found = paraphrases_of_report(WORKED_THROUGH, &kept_params());
        assert!(found.len() >= 3, "{found:?}");
        assert!(
            found
                .iter()
                .all(|p| p.evidence == Evidence::KeptRun && p.run >= 3),
            "{found:?}"
        );
        let parts = worked_through_sentences();
        let shuffled = [parts[2], parts[0], parts[3], parts[1]].join(" ");
        let found = paraphrases_of_report(&shuffled, &kept_params());
        assert!(found.is_empty(), "{found:?}");
        // The same facts told in other words keep names and numbers, not wording.
        let retold = "Councillors shut the Marsh Lane branch from March, deciding on Monday. \
            Four million pounds is the hole officials cited. Two thousand locals put their \
            names to a protest. Next spring the stock heads to the town hall annex.";
        let found = paraphrases_of_report(retold, &kept_params());
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn paraphrase_skips_sentences_already_copied() {
        let article = article_with(COPIED);
        let (aw, ow) = (words(&article), words(ORIGINAL));
        let (asent, osent) = (sentences(&article, &aw), sentences(ORIGINAL, &ow));
        let (a, o) = (
            Sentences::new(&article, &aw, &asent),
            Sentences::new(ORIGINAL, &ow, &osent),
        );
        let found = paraphrases(&a, &o, &stopword_set(), 0.3);
        assert!(
            found.iter().all(|p| p.article != locate(&article, COPIED)),
            "{found:?}"
        );
        // Without the alignment, the copied sentence is (trivially) a paraphrase.
        let single = ParaphraseParams::single(0.3);
        let index = SentenceIndex::new(&o, &stopword_set());
        let found = paraphrases_excluding(&a, &index, &stopword_set(), &single, &[]);
        assert!(found.iter().any(|p| p.score > 0.8), "{found:?}");
    }
}
