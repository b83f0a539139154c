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

mod fingerprint;
mod index;
mod lexical;
mod pairwise;
mod paraphrase;
#[doc(hidden)]
pub mod testgen;
#[cfg(test)]
mod testkit;
mod thesaurus;
mod words;

pub use fingerprint::{fingerprints, kgram_sequence, kgrams, rolling_kgrams};
pub use index::Index;
pub use lexical::{figure_value, filler_key, for_each_lexical_key, lexical_words, word_key};
pub(crate) use pairwise::overlaps_any;
pub use pairwise::{
    AlignParams, ChainParams, INDEX_K, Passage, align, merge_adjacent, merge_adjacent_by,
    sentence_chains,
};
pub use paraphrase::{
    COMMON_NEWS_WORDS, DEFAULT_PARAPHRASE_MIN_SCORE, Evidence, PARAPHRASE_MIN_CONTENT_WORDS,
    PARAPHRASE_OVERLAP_WEIGHT, Paraphrase, ParaphraseParams, STOPWORDS, SentenceIndex,
    SentencePairs, Sentences, Wording, paraphrases, paraphrases_excluding, sentence_pairs,
    stopwords,
};
pub use thesaurus::Entry as ThesaurusEntry;
pub use words::{Word, hash_word, words};
