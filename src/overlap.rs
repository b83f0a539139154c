//! Overlap: which passages of the article come from which original, found by the alignment
//! engine (`align`), and which quotes and figures the credited original really contains. This is
//! analysis only; the copy rules in `check.rs` decide what is worth a finding.

use std::ops::Range;
use std::sync::Arc;

use crate::align::{self, AlignParams, ChainParams, Paraphrase, ParaphraseParams, Passage, Word};
use crate::claims::{Claim, ClaimKind};
use crate::document::Article;
use crate::originals::Original;

/// An original, tokenised once.
#[derive(Debug, Clone)]
pub struct OriginalText {
    pub original: Arc<Original>,
    pub words: Vec<Word>,
    /// Sentences as word-index ranges, for close paraphrase.
    pub sentences: Vec<Range<usize>>,
    /// Character offsets of the passages shown beside findings, without counting from the start.
    pub chars: crate::position::CharIndex,
}

impl OriginalText {
    pub fn new(original: Arc<Original>) -> OriginalText {
        let words = align::words(&original.text);
        let sentences = word_sentences(&original.text, &words);
        OriginalText {
            chars: crate::position::CharIndex::new(&original.text),
            original,
            words,
            sentences,
        }
    }

    /// The byte range of words `range` in the original's text.
    pub fn bytes(&self, range: &Range<usize>) -> Range<usize> {
        if range.is_empty() || range.end > self.words.len() {
            return 0..0;
        }
        self.words[range.start].start as usize..self.words[range.end - 1].end as usize
    }
}

/// What one original shares with the article.
#[derive(Debug, Clone)]
pub struct Overlap {
    pub original: usize,
    pub passages: Vec<Passage>,
    /// Article sentences that keep several shorter runs of one original sentence in order
    /// (`align::sentence_chains`), not inside a passage.
    pub chains: Vec<Passage>,
    pub paraphrases: Vec<Paraphrase>,
    /// In an article wholly derived from this original: single shorter runs kept word for word
    /// from one of its sentences, where nothing else was found (see [`kept_phrase_params`]).
    pub kept: Vec<Passage>,
    /// How much of the whole article follows this original.
    pub derivation: Derivation,
}

/// How far an article as a whole follows one original: the evidence for `copy-derived` and the
/// verdict of `summary.reuse`. Wire-derived stories keep the original's order and much of its
/// wording sentence after sentence, though no one passage may cross a copy threshold;
/// independent reports of the same event share names, numbers and a few stock phrases.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Derivation {
    /// Article sentences of at least [`DERIVED_SENTENCE_WORDS`] words outside quotations.
    pub sentences: usize,
    /// Of those, the ones that follow the original: mostly inside a copy finding, or with at
    /// least [`DERIVED_SENTENCE_CONTAINMENT`] of their word 3-grams in the original.
    pub following: usize,
    /// Share of the article's word 3-grams (outside quotations) found in the original.
    pub containment: f64,
    /// The longest run of words shared word for word.
    pub longest_run: usize,
    /// The first sentence that follows the original (article word range).
    pub first_following: Option<Range<usize>>,
}

/// How much of an article derives from one original, by journalists' standards.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    #[default]
    Not,
    Partially,
    Wholly,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Not => "not",
            Verdict::Partially => "partially",
            Verdict::Wholly => "wholly",
        }
    }
}

/// Sentences shorter than this (in words outside quotations) are not counted: a bare
/// attribution or a one-line dateline says nothing about where the text came from.
pub const DERIVED_SENTENCE_WORDS: usize = 5;

/// The share of a sentence's word 3-grams that must be in the original for it to follow it.
pub const DERIVED_SENTENCE_CONTAINMENT: f64 = 0.3;

/// Calibrated on `tests/copy-derived/tuned` (36 wire/rewrite pairs, 12 per level; figures in
/// docs/copy.md), precision first. An article derives from an original *partially* when
/// [`PARTIALLY_DERIVED_SHARE`] of its sentences follow it, or [`PARTIALLY_DERIVED_CONTAINMENT`]
/// of its word 3-grams are in it, or it keeps a run of [`PARTIALLY_DERIVED_RUN`] words; and
/// *wholly* when [`WHOLLY_DERIVED_SHARE`] of its sentences follow it. Not-derived rewrites in that
/// corpus reach at most 29% of sentences, 14% containment and a 14-word run (a story that lifts
/// one sentence of the wire is not derived from it by journalists' standards); partly derived
/// ones at most 36% of sentences.
pub const PARTIALLY_DERIVED_SHARE: f64 = 0.3;
pub const PARTIALLY_DERIVED_CONTAINMENT: f64 = 0.2;
pub const PARTIALLY_DERIVED_RUN: usize = 15;
pub const WHOLLY_DERIVED_SHARE: f64 = 0.42;

impl Derivation {
    /// The share of the article's counted sentences that follow the original.
    pub fn share(&self) -> f64 {
        self.following as f64 / self.sentences.max(1) as f64
    }

    pub fn verdict(&self) -> Verdict {
        let share = self.share();
        if self.sentences == 0 {
            Verdict::Not
        } else if share >= WHOLLY_DERIVED_SHARE {
            Verdict::Wholly
        } else if share >= PARTIALLY_DERIVED_SHARE
            || self.containment >= PARTIALLY_DERIVED_CONTAINMENT
            || self.longest_run >= PARTIALLY_DERIVED_RUN
        {
            Verdict::Partially
        } else {
            Verdict::Not
        }
    }
}

/// Which of the article's word 3-grams (`words` as lexical keys) occur in an original
/// (`original_keys`, its words' lexical keys): the evidence [`derivation`] counts.
fn shared_grams(words: &[Word], original_keys: &[u64]) -> Vec<bool> {
    let grams = align::kgram_sequence(words, DERIVED_K);
    let mut distinct = grams.clone();
    distinct.sort_unstable();
    distinct.dedup();
    let mut seen = vec![false; distinct.len()];
    for h in align::rolling_kgrams(original_keys.iter().copied(), DERIVED_K) {
        if let Ok(at) = distinct.binary_search(&h) {
            seen[at] = true;
        }
    }
    grams
        .iter()
        .map(|h| distinct.binary_search(h).is_ok_and(|at| seen[at]))
        .collect()
}

/// Derivation reads word 3-grams.
const DERIVED_K: usize = 3;

/// The [`Derivation`] of the article (`words`, `sentences`) from an original, given which of its
/// 3-grams the original has ([`shared_grams`]), what the copy checks found (`found`: article
/// word ranges of reported passages, chains and paraphrases) and the longest word-for-word run.
fn derivation_of(
    words: &[Word],
    sentences: &[Range<usize>],
    shared: &[bool],
    found: &[Range<usize>],
    longest_found: usize,
) -> Derivation {
    const K: usize = DERIVED_K;
    // k-grams that span a paragraph barrier are not the article's own.
    let real = |i: usize| words[i..i + K].iter().all(|w| w.end > w.start);
    let (mut total, mut hits) = (0usize, 0usize);
    for (i, &s) in shared.iter().enumerate() {
        if real(i) {
            total += 1;
            hits += usize::from(s);
        }
    }
    let mut d = Derivation {
        containment: hits as f64 / total.max(1) as f64,
        longest_run: longest_found,
        ..Derivation::default()
    };
    for sentence in sentences {
        if sentence.len() < DERIVED_SENTENCE_WORDS {
            continue;
        }
        d.sentences += 1;
        let inside: usize = found
            .iter()
            .map(|r| {
                r.end
                    .min(sentence.end)
                    .saturating_sub(r.start.max(sentence.start))
            })
            .sum();
        let grams = sentence.start..sentence.end.saturating_sub(K - 1).max(sentence.start);
        let sentence_hits = grams.clone().filter(|&i| shared[i]).count();
        if 2 * inside >= sentence.len()
            || sentence_hits as f64 >= DERIVED_SENTENCE_CONTAINMENT * grams.len().max(1) as f64
        {
            d.following += 1;
            d.first_following.get_or_insert(sentence.clone());
        }
    }
    d
}

#[derive(Debug, Clone, Default)]
pub struct Overlaps {
    /// The article's words outside quotation marks, the source list and the disclaimer: only
    /// these can be copying.
    pub words: Vec<Word>,
    /// The article's sentences, as word-index ranges into `words`.
    pub sentences: Vec<Range<usize>>,
    pub originals: Vec<OriginalText>,
    pub matches: Vec<Overlap>,
    /// The figures each original gives (folded value, byte range), for figure-not-in-source.
    pub figures: Vec<Vec<(String, Range<usize>)>>,
}

impl Overlaps {
    /// The article's own words in `range` (word indices), paragraph barriers left out.
    pub fn word_count(&self, range: &Range<usize>) -> usize {
        real_words(&self.words, range)
    }

    /// The byte range of article words `range`.
    pub fn bytes(&self, range: &Range<usize>) -> Range<usize> {
        if range.is_empty() || range.end > self.words.len() {
            return 0..0;
        }
        self.words[range.start].start as usize..self.words[range.end - 1].end as usize
    }
}

pub fn find_overlaps(
    article: &Article,
    claims: &[Claim],
    skip: &[bool],
    originals: &[Arc<Original>],
    lex: &crate::lexicon::Lexicon,
) -> Overlaps {
    if originals.is_empty() {
        return Overlaps::default();
    }
    let excluded = excluded_ranges(article, claims, skip);
    let kept: Vec<Word> = align::words(&article.text)
        .into_iter()
        .filter(|w| !crate::position::within_any(&excluded, &(w.start as usize..w.end as usize)))
        .collect();
    let words = with_paragraph_barriers(&article.text, kept, MERGE_GAP + 1);
    let sentences = word_sentences(&article.text, &words);
    let stopwords = align::stopwords();
    // Whole-article derivation reads word sequences on lexical keys (stems, substitution
    // classes, numbers by value); copying and paraphrase are found on the words as written.
    // Read once for every original: the article's keys and thesaurus entries.
    let article_side = align::Sentences::new(&article.text, &words, &sentences);
    let lexical: Vec<Word> = words
        .iter()
        .zip(&article_side.keys)
        .map(|(w, &key)| Word { hash: key, ..*w })
        .collect();
    let params = AlignParams::default();
    let texts: Vec<OriginalText> = originals.iter().cloned().map(OriginalText::new).collect();
    let candidates = candidates(&words, &texts, &params);
    let mut matches: Vec<Overlap> = candidates
        .iter()
        .map(|&i| {
            let text = &texts[i];
            let passages =
                align::merge_adjacent_by(align::align(&words, &text.words, &params), |a, b| {
                    continues(&words, &text.words, a, b)
                });
            // Only passages long enough to be reported as copies take a sentence away from the
            // paraphrase check; a short shared phrase must not hide a reworded sentence.
            let reported: Vec<Passage> = passages
                .iter()
                .filter(|p| real_words(&words, &p.article) >= REPORTED_PASSAGE_WORDS)
                .cloned()
                .collect();
            // The original's lexical keys, read once for close paraphrase and derivation.
            let original_side =
                align::Sentences::new(&text.original.text, &text.words, &text.sentences);
            let original_index = align::SentenceIndex::new(&original_side, &stopwords);
            let pairs =
                align::SentencePairs::new(&article_side, &original_index, &stopwords, &reported);
            let paraphrases = pairs.select(&paraphrase_params(), &[]);
            let chains = align::sentence_chains(
                &words,
                &text.words,
                &sentences,
                &text.sentences,
                &reported,
                &chain_params(),
            );
            let (chains, mut paraphrases) = prefer_chains(chains, paraphrases);
            let found = |paraphrases: &[Paraphrase]| -> Vec<Range<usize>> {
                passages
                    .iter()
                    .filter(|p| real_words(&words, &p.article) >= REPORTED_PASSAGE_WORDS)
                    .chain(&chains)
                    .map(|p| p.article.clone())
                    .chain(paraphrases.iter().map(|p| p.article.clone()))
                    .collect()
            };
            // A run long enough to matter lies in a passage or a chain.
            let longest = passages
                .iter()
                .chain(&chains)
                .map(|p| p.longest_exact)
                .max()
                .unwrap_or(0);
            let shared = shared_grams(&lexical, &original_side.keys);
            let mut derivation =
                derivation_of(&lexical, &sentences, &shared, &found(&paraphrases), longest);
            // In an article wholly derived from the original, sentences that follow it in pairs
            // on less evidence are its paraphrase too, and a phrase kept from one of its
            // sentences is copying.
            let mut kept = Vec::new();
            if derivation.verdict() == Verdict::Wholly {
                let more = pairs.select(&derived_paraphrase_params(), &chains);
                let before = paraphrases.len();
                for p in more {
                    if !paraphrases.iter().any(|q| q.article == p.article) {
                        paraphrases.push(Paraphrase {
                            evidence: align::Evidence::DerivedRun,
                            ..p
                        });
                    }
                }
                if paraphrases.len() > before {
                    paraphrases.sort_by_key(|p| (p.article.start, p.article.end));
                    derivation =
                        derivation_of(&lexical, &sentences, &shared, &found(&paraphrases), longest);
                }
                let taken = found(&paraphrases);
                kept = align::sentence_chains(
                    &words,
                    &text.words,
                    &sentences,
                    &text.sentences,
                    &reported,
                    &kept_phrase_params(),
                );
                let wording = align::Wording::new(&stopwords);
                kept.retain(|p| {
                    wording.count(&article_side, &p.article) >= KEPT_PHRASE_WORDING
                        && !align::overlaps_any(&p.article, &taken)
                });
            }
            Overlap {
                original: i,
                passages,
                chains,
                paraphrases,
                kept,
                derivation,
            }
        })
        .collect();
    keep_best_archived(&mut matches, &texts, &words);
    // Figures are read only from originals the article shares text with; an original that shares
    // nothing is not where the article's numbers came from.
    let figures = texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            if candidates.contains(&i) {
                original_figures(t, lex)
            } else {
                Vec::new()
            }
        })
        .collect();
    Overlaps {
        words,
        sentences,
        originals: texts,
        matches,
        figures,
    }
}

/// A sentence that keeps runs of the original word for word is reported as that (a chain), not
/// as close paraphrase; where the paraphrase check found the same sentence, the chain takes its
/// whole extent, so the finding covers the sentence either way.
fn prefer_chains(
    mut chains: Vec<Passage>,
    paraphrases: Vec<Paraphrase>,
) -> (Vec<Passage>, Vec<Paraphrase>) {
    let mut kept = Vec::with_capacity(paraphrases.len());
    for p in paraphrases {
        let inside =
            |c: &&mut Passage| p.article.start <= c.article.start && c.article.end <= p.article.end;
        if let Some(chain) = chains.iter_mut().find(|c| inside(c)) {
            chain.article = p.article.clone();
            chain.original =
                chain.original.start.min(p.original.start)..chain.original.end.max(p.original.end);
        } else {
            kept.push(p);
        }
    }
    (chains, kept)
}

/// Archived texts often repeat one another (a wire story, its update, a partner's reprint): each
/// copied passage is reported once, against the archived text that explains most of the
/// article. An archived text is kept only if it covers at least [`REPORTED_PASSAGE_WORDS`]
/// article words that better archived texts do not. Originals given for the article are never
/// dropped.
fn keep_best_archived(matches: &mut Vec<Overlap>, texts: &[OriginalText], article: &[Word]) {
    let article_words = article.len();
    // (match, article word ranges it covers, words covered, longest exact run)
    let mut archived: Vec<(usize, Vec<Range<usize>>, usize, usize)> = matches
        .iter()
        .enumerate()
        .filter(|(_, m)| texts[m.original].original.archived())
        .map(|(i, m)| {
            let spans: Vec<Range<usize>> = m
                .passages
                .iter()
                .chain(&m.chains)
                .chain(&m.kept)
                .map(|p| p.article.clone())
                .chain(m.paraphrases.iter().map(|p| p.article.clone()))
                .map(|r| r.start.min(article_words)..r.end.min(article_words))
                .collect();
            let words = spans.iter().map(|r| real_words(article, r)).sum();
            let exact = m
                .passages
                .iter()
                .map(|p| p.longest_exact)
                .max()
                .unwrap_or(0);
            (i, spans, words, exact)
        })
        .collect();
    // Among texts covering as much, the one copied most exactly is the likelier source.
    archived.sort_by_key(|(i, _, words, exact)| {
        (
            std::cmp::Reverse(*words),
            std::cmp::Reverse(*exact),
            matches[*i].original,
        )
    });
    // A paragraph barrier is nobody's copy.
    let mut covered: Vec<bool> = article.iter().map(is_barrier).collect();
    let mut dropped = vec![false; matches.len()];
    for (i, spans, _, _) in archived {
        let new: usize = spans
            .iter()
            .map(|r| r.clone().filter(|&w| !covered[w]).count())
            .sum();
        if new < REPORTED_PASSAGE_WORDS {
            dropped[i] = true;
            continue;
        }
        for w in spans.into_iter().flatten() {
            covered[w] = true;
        }
    }
    let mut i = 0;
    matches.retain(|_| {
        i += 1;
        !dropped[i - 1]
    });
}

/// Up to this many originals are each aligned in full; past it, only those that share a
/// fingerprint with the article (found through one inverted index) are.
const ALIGN_ALL_UP_TO: usize = 8;

/// The originals worth aligning with the article, in order.
fn candidates(words: &[Word], texts: &[OriginalText], params: &AlignParams) -> Vec<usize> {
    if texts.len() <= ALIGN_ALL_UP_TO {
        return (0..texts.len()).collect();
    }
    let mut index = params.index();
    for (i, text) in texts.iter().enumerate() {
        index.add(i, &text.words);
    }
    let mut found: Vec<usize> = index
        .candidates(words, 1)
        .into_iter()
        .map(|(i, _)| i)
        .collect();
    found.sort_unstable();
    found
}

/// Passages at most this many words apart on both sides are one passage
/// (`align::merge_adjacent_by`). The aligner itself never runs across a paragraph break: it is
/// one more barrier word than this wide.
const MERGE_GAP: usize = 8;

/// Shorter runs that make a copy when several follow one original sentence in order: runs of
/// 5 words or more, at least two, one of them 7 words or more, holding 10 words and a third of
/// the article sentence. Two 5-word runs alone were shared by not-derived rewrites in
/// `tests/copy-derived/tuned` (a body's name and a stock phrase).
pub fn chain_params() -> ChainParams {
    ChainParams {
        min_run: 5,
        min_runs: 2,
        min_words: 10,
        min_longest: 7,
        min_share: 0.33,
    }
}

/// A phrase kept from a sentence of the original that is copying in an article wholly derived
/// from it: one run of 7 words or more. On `tests/copy-derived/tuned` these are the wire's own
/// phrases ("no new students will be taken on from next September"); elsewhere runs that
/// short are names, titles and stock phrases that independent reports share (22 runs of 6 to 11
/// words in the 20 not-derived rewrites there), so the whole article is the guard. A run must
/// also hold [`KEPT_PHRASE_WORDING`] words of wording: a name with its title ("Grant Dalziel
/// of the Cash Access Alliance") is a fact any report gives, not a kept phrase.
pub fn kept_phrase_params() -> ChainParams {
    ChainParams {
        min_run: 7,
        min_runs: 1,
        min_words: 7,
        min_longest: 7,
        min_share: 0.0,
    }
}

/// The words of the writer's wording (`align::Wording`) a kept phrase holds.
const KEPT_PHRASE_WORDING: usize = 3;

/// The shortest passage the copy rules report at their defaults (copy-verbatim's 12-word run,
/// copy-near-verbatim's 15 words).
const REPORTED_PASSAGE_WORDS: usize = 12;

/// The score a sentence pair needs to count as close paraphrase (see `align::paraphrases`).
/// Measured on `tests/copy/` (`cargo test --test copy_scores`): at 0.50 one of six independent
/// same-story rewrites raised a false alarm, at 0.55 none did; lower thresholds found more heavy
/// edits (0.35: 77% of heavy-edit characters) but alarmed on five of the six independent texts.
pub const PARAPHRASE_SCORE: f64 = 0.55;

/// Close paraphrase as the copy rules see it: a sentence at [`PARAPHRASE_SCORE`] with six
/// words of the original's wording on its own, or a run of three sentences (one of the writer's
/// own may sit between) that follow an original's sentences in order, each sharing 45% of its
/// content words and three words of wording. Chosen on `tests/copy/` and checked on
/// `tests/copy-holdout/` (`cargo test --test copy_scores -- --nocapture`); the figures and the
/// settings that failed are in docs/copy.md.
pub fn paraphrase_params() -> ParaphraseParams {
    ParaphraseParams {
        min_score: PARAPHRASE_SCORE,
        min_wording: 6,
        run_overlap: 0.45,
        run_wording: 3,
        run_length: 3,
        run_gap: 1,
        run_step: 3,
        run_min_words: 0,
        min_kept_share: f64::INFINITY,
        min_kept: usize::MAX,
        run_kept_share: 0.4,
        run_kept: 3,
        run_kept_overlap: 0.35,
        kept_run_length: 4,
    }
}

/// Close paraphrase in an article wholly derived from the original (see [`Derivation`]): runs
/// of two sentences (one of the writer's own may sit between) that follow the original's
/// sentences in order, each sharing 30% of its content words and three words of wording.
/// Chosen on `tests/copy/` and `tests/copy-derived/tuned/`; the figures are in docs/copy.md.
pub fn derived_paraphrase_params() -> ParaphraseParams {
    ParaphraseParams {
        run_overlap: 0.35,
        run_wording: 3,
        run_length: 2,
        run_gap: 1,
        run_step: 3,
        run_min_words: 10,
        ..ParaphraseParams::single(f64::INFINITY)
    }
}

/// Puts `width` words that match nothing between paragraphs, so that the aligner's runs, edits
/// and sentence pairs stop at a paragraph break (a headline is not read as part of the
/// paragraph under it); passages that continue one another across the break are joined
/// afterwards (`align::merge_adjacent_by`). A barrier word is empty and sits where the next
/// paragraph starts, so byte ranges of passages are unaffected. Paragraphs are read from the
/// text itself ([`paragraph_break`]), not from the article's blocks: a hard-wrapped paragraph
/// may reach here as one block per line, and a copied passage must run on across its lines.
fn with_paragraph_barriers(text: &str, words: Vec<Word>, width: usize) -> Vec<Word> {
    let mut out = Vec::with_capacity(words.len());
    let mut previous: Option<u32> = None;
    for word in words {
        if previous.is_some_and(|end| paragraph_break(text, end as usize..word.start as usize)) {
            for i in 0..width {
                let hash = u64::MAX - (out.len() * width + i) as u64;
                out.push(Word {
                    start: word.start,
                    end: word.start,
                    hash,
                });
            }
        }
        previous = Some(word.end);
        out.push(word);
    }
    out
}

/// A paragraph barrier of [`with_paragraph_barriers`]: an empty word.
fn is_barrier(word: &Word) -> bool {
    word.start == word.end
}

/// Whether passage `next` continues `prev` (`article` and `original` are the texts' words,
/// `article` with paragraph barriers): at most [`MERGE_GAP`] words apart on both sides, as a
/// clause of the writer's own inside a copied passage is. Across a paragraph break of the
/// article the words between must be the original's words around the join (the aligner may
/// leave a few copied words of a repetitive stretch out of both passages): a passage the article
/// only breaks into paragraphs is one copied passage, but a sentence of the writer's own between
/// two copied paragraphs keeps them apart.
fn continues(article: &[Word], original: &[Word], prev: &Passage, next: &Passage) -> bool {
    let article_gap = &article[prev.article.end..next.article.start];
    let original_gap = &original[prev.original.end..next.original.start];
    if original_gap.len() > MERGE_GAP {
        return false;
    }
    if !article_gap.iter().any(is_barrier) {
        return article_gap.len() <= MERGE_GAP;
    }
    let around = &original[prev.original.end.saturating_sub(MERGE_GAP)
        ..(next.original.start + MERGE_GAP).min(original.len())];
    let mut own = article_gap.iter().filter(|w| !is_barrier(w));
    own.clone().count() <= MERGE_GAP && own.all(|w| around.iter().any(|o| o.hash == w.hash))
}

/// The words of `range` (article word indices) that are the article's own, not barriers.
pub fn real_words(words: &[Word], range: &Range<usize>) -> usize {
    words[range.clone()]
        .iter()
        .filter(|w| !is_barrier(w))
        .count()
}

/// The shortest line (in characters) that is taken for a line of hard-wrapped prose; shorter
/// lines are titles, datelines, bylines and the like, and end their paragraph.
const WRAPPED_LINE_CHARS: usize = 40;

/// Whether the text between two words (`gap`, byte range) holds a paragraph break: a blank
/// line, or a line break that does not just wrap prose (see [`wraps_at`]).
pub fn paragraph_break(text: &str, gap: Range<usize>) -> bool {
    let start = gap.start;
    text[gap]
        .match_indices('\n')
        .any(|(i, _)| !wraps_at(text, start + i))
}

/// Whether the line break at byte `at` wraps a paragraph of hard-wrapped text: the line before
/// is prose-long, the next line is not blank, and neither is a heading, list item, quote block
/// or table row. Wire copy, e-mail and plain-text feeds wrap at a fixed width, so a sentence, and
/// a copied passage, continue on the next line.
fn wraps_at(text: &str, at: usize) -> bool {
    let line_start = text[..at].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let before = text[line_start..at].trim();
    let after = text[at + 1..].split('\n').next().unwrap_or("").trim();
    !after.is_empty()
        && before.chars().count() >= WRAPPED_LINE_CHARS
        && !opens_block(before)
        && !opens_block(after)
}

/// A line that opens a block of its own: a Markdown heading, quote block or table row, or a list
/// item ("- ", "* ", "+ ", "1. ", "2) ").
fn opens_block(line: &str) -> bool {
    if line.starts_with(['#', '>', '|']) {
        return true;
    }
    if ["- ", "* ", "+ ", "\u{2022} "]
        .iter()
        .any(|m| line.starts_with(m))
    {
        return true;
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    (1..=3).contains(&digits) && matches!(&line.as_bytes()[digits..], [b'.' | b')', b' ', ..])
}

/// Quotation marks (quoting is not copying), the source list and the disclaimer, sorted.
fn excluded_ranges(article: &Article, claims: &[Claim], skip: &[bool]) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = claims
        .iter()
        .filter(|c| c.kind == ClaimKind::Quote)
        .map(|c| c.span.clone())
        .collect();
    ranges.extend(quoted_ranges(&article.text));
    for (i, block) in article.blocks.iter().enumerate() {
        if skip[i] || block.disclaimer {
            ranges.push(block.range.clone());
        }
    }
    ranges.sort_by_key(|r| r.start);
    let mut merged: Vec<Range<usize>> = Vec::new();
    for r in ranges {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// Text between double quotation marks, paragraph by paragraph (paragraphs as the copy path
/// reads them: see [`paragraph_break`]): “…”, and "…" where a paragraph's straight marks pair
/// up. The article's quote claims cover most of these; this catches a quote that a hard-wrapped
/// plain-text article spreads over several of its lines, which must not become a copy. A
/// paragraph whose marks do not pair up is left to the claims alone.
fn quoted_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut paragraph_start = 0;
    let mut ends: Vec<usize> = text
        .match_indices('\n')
        .map(|(i, _)| i)
        .filter(|&i| !wraps_at(text, i))
        .collect();
    ends.push(text.len());
    for end in ends {
        let paragraph = paragraph_start..end;
        paragraph_start = end;
        let slice = &text[paragraph.clone()];
        let marks: Vec<(usize, char)> = slice
            .char_indices()
            .filter(|(_, c)| matches!(c, '"' | '\u{201C}' | '\u{201D}'))
            .collect();
        let straight = marks.iter().filter(|(_, c)| *c == '"').count();
        let mut open: Option<(usize, char)> = None;
        for &(i, c) in &marks {
            match (open, c) {
                (None, '"') if straight % 2 == 0 => open = Some((i, c)),
                (None, '\u{201C}') => open = Some((i, c)),
                (Some((from, '"')), '"') | (Some((from, '\u{201C}')), '\u{201D}') => {
                    out.push(paragraph.start + from..paragraph.start + i + c.len_utf8());
                    open = None;
                }
                _ => {}
            }
        }
    }
    out
}

/// Word-index ranges of the sentences of `text` (a full stop, question or exclamation mark, or a
/// paragraph break ends one; a line break that only wraps prose does not).
fn word_sentences(text: &str, words: &[Word]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..words.len() {
        // A paragraph barrier (an empty word) belongs to no sentence.
        if words[i].start == words[i].end {
            start = i + 1;
            continue;
        }
        let end = words[i].end as usize;
        let next = words.get(i + 1).map_or(text.len(), |w| w.start as usize);
        let gap = end.min(next)..next;
        if i + 1 == words.len()
            || text[gap.clone()].contains(['.', '?', '!'])
            || paragraph_break(text, gap)
        {
            out.push(start..i + 1);
            start = i + 1;
        }
    }
    out
}

/// Where a quote's words best match the original: the closest wording and its similarity.
pub fn closest_wording(quote: &str, original: &OriginalText) -> Option<(Range<usize>, f64)> {
    let quote_words = align::words(quote);
    if quote_words.is_empty() || original.words.is_empty() {
        return None;
    }
    let n = quote_words.len();
    let target: Vec<u64> = quote_words.iter().map(|w| w.hash).collect();
    let mut best: Option<(Range<usize>, f64)> = None;
    // Windows starting where the original has one of the quote's first two words: a misquote
    // rarely changes both, and this keeps the search linear in a long original.
    let firsts = [target[0], target[n.min(2) - 1]];
    let mut sorted_target = target.clone();
    sorted_target.sort_unstable();
    let mut window: Vec<u64> = Vec::with_capacity(n + 2);
    let mut widest: Vec<u64> = Vec::with_capacity(n + 2);
    for start in 0..original.words.len() {
        if !firsts.contains(&original.words[start].hash) {
            continue;
        }
        // The edit distance is at least the longer length less the words the two share, so a
        // window sharing too few words cannot beat the best one: most windows (those that open
        // on a common word) are ruled out without the quadratic distance. The widest window
        // shares at least as many words as the narrower ones, so one count serves all three.
        let widest_end = (start + n + 2).min(original.words.len());
        widest.clear();
        widest.extend(original.words[start..widest_end].iter().map(|w| w.hash));
        widest.sort_unstable();
        let shared = shared_count(&sorted_target, &widest) as f64;
        for len in [n.saturating_sub(2).max(1), n, n + 2] {
            let end = (start + len).min(original.words.len());
            let longest = n.max(end - start) as f64;
            // (A hair of slack, so rounding never skips a window that ties the bound.)
            if best
                .as_ref()
                .is_some_and(|(_, s)| shared / longest + 1e-9 <= *s)
            {
                continue;
            }
            window.clear();
            window.extend(original.words[start..end].iter().map(|w| w.hash));
            let score = strsim::generic_levenshtein(&target, &window);
            let similarity = 1.0 - score as f64 / longest;
            if best.as_ref().is_none_or(|(_, s)| similarity > *s) {
                best = Some((start..end, similarity));
            }
        }
    }
    best
}

/// How many items two sorted lists share, counting repeats as often as both hold them.
fn shared_count(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared
}

/// The figures an original gives, as (folded value, byte range), using the article's own figure
/// rules on the original's text. Paragraph by paragraph, and only those with a digit or a scale
/// word, so that a 50 MB original costs memory in proportion to its longest paragraph.
pub fn original_figures(
    original: &OriginalText,
    lex: &crate::lexicon::Lexicon,
) -> Vec<(String, Range<usize>)> {
    let text = &original.original.text;
    let mut out = Vec::new();
    let mut offset = 0;
    for paragraph in text.split_inclusive('\n') {
        let start = offset;
        offset += paragraph.len();
        let lower = paragraph.to_lowercase();
        let numeric = paragraph.bytes().any(|b| b.is_ascii_digit())
            || lex
                .scales
                .iter()
                .any(|w| w.len() > 2 && lower.contains(w.as_str()))
            || lex.magnitudes.iter().any(|m| lower.contains(&m.join(" ")));
        if !numeric {
            continue;
        }
        let article = Article::parse(
            "original.txt",
            Arc::from(paragraph),
            crate::document::Format::Plain,
            lex,
        );
        let skip = vec![false; article.blocks.len()];
        out.extend(
            crate::claims::extract_claims(&article, &skip, lex, usize::MAX)
                .into_iter()
                .flatten()
                .filter(|c| c.kind == ClaimKind::Figure)
                .map(|c| (c.key, start + c.span.start..start + c.span.end)),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `closest_wording` without the shared-words bound: every window's distance.
    fn closest_by_distance(quote: &str, original: &OriginalText) -> Option<(Range<usize>, f64)> {
        let target: Vec<u64> = align::words(quote).iter().map(|w| w.hash).collect();
        let n = target.len();
        let mut best: Option<(Range<usize>, f64)> = None;
        for start in 0..original.words.len() {
            if !target
                .iter()
                .take(2)
                .any(|h| *h == original.words[start].hash)
            {
                continue;
            }
            for len in [n.saturating_sub(2).max(1), n, n + 2] {
                let end = (start + len).min(original.words.len());
                let window: Vec<u64> = original.words[start..end].iter().map(|w| w.hash).collect();
                let distance = strsim::generic_levenshtein(&target, &window);
                let similarity = 1.0 - distance as f64 / n.max(window.len()) as f64;
                if best.as_ref().is_none_or(|(_, s)| similarity > *s) {
                    best = Some((start..end, similarity));
                }
            }
        }
        best
    }

    #[test]
    fn the_shared_words_bound_never_changes_the_closest_wording() {
        // A small vocabulary, so that windows open on the same word again and again.
        const WORDS: &[&str] = &[
            "the", "council", "said", "a", "plan", "to", "cut", "bus", "routes", "would", "hit",
            "rural", "towns", "hardest", "and", "of",
        ];
        let mut rng = crate::align::testgen::Rng(0x1234_5678_9abc_def1);
        for _ in 0..300 {
            let text: Vec<&str> = (0..120).map(|_| WORDS[rng.below(WORDS.len())]).collect();
            let original = OriginalText::new(Arc::new(Original {
                source: "Wire".into(),
                path: "wire.txt".into(),
                text: Arc::from(text.join(" ")),
                archive: None,
            }));
            let start = rng.below(100);
            let len = 3 + rng.below(15);
            let mut quote: Vec<&str> = text[start..(start + len).min(text.len())].to_vec();
            for _ in 0..rng.below(4) {
                let at = rng.below(quote.len());
                quote[at] = WORDS[rng.below(WORDS.len())];
            }
            let quote = quote.join(" ");
            assert_eq!(
                closest_wording(&quote, &original),
                closest_by_distance(&quote, &original),
                "{quote:?}"
            );
        }
    }

    const WIRE_PARAGRAPHS: [&str; 3] = [
        "Engineers closed the Marwick swing bridge to all traffic on Friday after divers found \
         a crack running through one of the stone piers that carry its turning deck.",
        "The county highways department said the crossing would stay shut for at least six \
         weeks while a firm of specialists surveys the pier and designs a repair.",
        "Ferry operators on the estuary have agreed to run an extra boat every hour in the \
         morning and evening while the bridge is out of use.",
    ];

    /// The copy findings of `article` against the three wire paragraphs, as flagged text.
    fn copies(article: &str) -> Vec<String> {
        let original = Arc::new(Original {
            source: "Wire".into(),
            path: "wire.txt".into(),
            text: Arc::from(WIRE_PARAGRAPHS.join("\n\n")),
            archive: None,
        });
        let settings = crate::config::Settings::builtin();
        let (_, findings) = crate::check::check_text_with("a.md", article, &settings, &[original]);
        findings
            .iter()
            .filter(|f| f.rule.starts_with("copy-") && f.rule != "copy-derived")
            .map(|f| article[f.span.clone()].to_string())
            .collect()
    }

    #[test]
    fn a_passage_the_article_breaks_into_paragraphs_is_one_finding() {
        let article = format!(
            "Drivers in Marwick face long detours this summer.\n\n{}\n\n{}\n\n\
             Shopkeepers on the quay fear a quiet season.\n",
            WIRE_PARAGRAPHS[0], WIRE_PARAGRAPHS[1]
        );
        let found = copies(&article);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("Engineers closed") && found[0].ends_with("a repair"));
    }

    #[test]
    fn the_writers_own_sentence_between_copied_paragraphs_keeps_them_apart() {
        let article = format!(
            "{}\n\nLocal traders called the news a blow.\n\n{}\n",
            WIRE_PARAGRAPHS[0], WIRE_PARAGRAPHS[1]
        );
        assert_eq!(copies(&article).len(), 2, "{:?}", copies(&article));
    }

    #[test]
    fn paragraphs_copied_out_of_the_originals_order_stay_apart() {
        let article = format!("{}\n\n{}\n", WIRE_PARAGRAPHS[0], WIRE_PARAGRAPHS[2]);
        assert_eq!(copies(&article).len(), 2, "{:?}", copies(&article));
    }

    const GROUNDING_WIRE: &str = "Harbour authorities in Penmarrow closed the port to all \
        shipping on Thursday after a cargo vessel lost its steering and ran aground at the mouth \
        of the estuary. The Kessa Star, carrying timber from the Baltic, struck a sandbank \
        shortly before dawn with eleven crew on board. Nobody was injured, and the crew stayed \
        aboard while tugs waited for the evening tide. The harbour master, Tomas Brevik of the \
        Penmarrow Harbour Board, said the port would stay shut until the ship had been refloated \
        and inspected by divers. Fishing boats based in the town were told to tie up at the outer \
        pier until further notice. Salvage engineers expect to attempt the refloat on Friday \
        morning if the weather holds.";

    /// A rewrite that follows the wire sentence by sentence, with `fourth` as its fourth.
    fn grounding_rewrite(fourth: &str) -> String {
        format!(
            "Penmarrow's harbour authorities shut the port to all shipping on Thursday when a \
             cargo ship lost its steering and grounded at the estuary mouth. The Kessa Star, \
             loaded with Baltic timber, hit a sandbank just before dawn with eleven crew aboard. \
             No one was hurt, and the crew remained on the ship as tugs waited for the evening \
             tide. {fourth} Fishing boats from the town have been told to tie up at the outer \
             pier for now. Salvage teams hope to try the refloat on Friday morning, weather \
             permitting.\n"
        )
    }

    /// The article's kept phrases against the grounding wire, as text.
    fn kept_phrases(article: &str) -> Vec<String> {
        let original = Arc::new(Original {
            source: "Wire".into(),
            path: "wire.txt".into(),
            text: Arc::from(GROUNDING_WIRE),
            archive: None,
        });
        let settings = crate::config::Settings::builtin();
        let (analysis, _) = crate::check::check_text_with("a.md", article, &settings, &[original]);
        let o = &analysis.overlaps;
        o.matches
            .iter()
            .flat_map(|m| &m.kept)
            .map(|p| article[o.bytes(&p.article)].to_string())
            .collect()
    }

    #[test]
    fn a_derived_story_keeps_a_phrase_of_the_wire() {
        let article = grounding_rewrite(
            "A diving team from Falmouth drove down in the afternoon with lifting bags and a \
             small crane, and local trawlers must wait until the ship had been refloated and \
             inspected.",
        );
        assert_eq!(
            kept_phrases(&article),
            ["until the ship had been refloated and inspected"]
        );
    }

    #[test]
    fn a_name_and_title_kept_from_the_wire_is_not_a_kept_phrase() {
        let article = grounding_rewrite(
            "A diving team from Falmouth drove down in the afternoon with lifting bags and a \
             small crane, according to Tomas Brevik of the Penmarrow Harbour Board.",
        );
        assert!(kept_phrases(&article).is_empty());
    }

    #[test]
    fn a_phrase_shared_with_an_original_the_story_does_not_follow_is_left_alone() {
        let article = "Trawler crews in Penmarrow spent Thursday mending nets on the quay. A \
            diving team from Falmouth drove down in the afternoon with lifting bags and a small \
            crane, and local trawlers must wait until the ship had been refloated and inspected. \
            Several skippers said the lost days would cost them dearly. The town's fish market \
            will open for only two hours on Saturday.\n";
        assert!(kept_phrases(article).is_empty());
    }
}
