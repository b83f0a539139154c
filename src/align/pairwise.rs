//! Pairwise alignment: the passages one article shares with one original, exact runs chained
//! across small edits.

use std::ops::Range;

use super::fingerprint::{FastMap, kgram_hashes};
use super::{Index, Word};

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
/// `cargo test --release --lib align::pairwise::tests::measure_defaults -- --ignored --nocapture`
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

/// Whether `range` shares a position with any of `taken` (in any order).
pub(crate) fn overlaps_any(range: &Range<usize>, taken: &[Range<usize>]) -> bool {
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

/// Joins passages that lie one after the other in both texts, at most `max_gap` words apart on
/// each side: one copied passage that the writer interrupted with a clause of their own is one
/// passage, not two findings. The joined passage's similarity is its parts' similarity
/// weighted by their length (the writer's words between them are not counted as edits), and
/// its longest exact run the longest of theirs. `passages` are sorted by article start, as
/// [`align`] gives them.
pub fn merge_adjacent(passages: Vec<Passage>, max_gap: usize) -> Vec<Passage> {
    merge_adjacent_by(passages, |prev, next| {
        next.article.start - prev.article.end <= max_gap
            && next.original.start - prev.original.end <= max_gap
    })
}

/// [`merge_adjacent`], with the caller saying whether `next` continues `prev` (it is only asked
/// about passages that follow one another in both texts): a caller that marks paragraph breaks
/// with barrier words counts the words between two passages its own way.
pub fn merge_adjacent_by(
    passages: Vec<Passage>,
    continues: impl Fn(&Passage, &Passage) -> bool,
) -> Vec<Passage> {
    let mut out: Vec<(Passage, f64)> = Vec::with_capacity(passages.len());
    for next in passages {
        let weight = next.article.len() as f64;
        if let Some((prev, prev_weight)) = out.last_mut()
            && next.article.start >= prev.article.end
            && next.original.start >= prev.original.end
            && continues(prev, &next)
        {
            let total = *prev_weight + weight;
            prev.similarity = (prev.similarity * *prev_weight + next.similarity * weight) / total;
            prev.longest_exact = prev.longest_exact.max(next.longest_exact);
            prev.article.end = next.article.end;
            prev.original.end = next.original.end;
            *prev_weight = total;
            continue;
        }
        out.push((next, weight));
    }
    out.into_iter().map(|(p, _)| p).collect()
}

/// When shorter exact runs inside one sentence pair count as copying: see [`sentence_chains`].
#[derive(Clone, Debug, PartialEq)]
pub struct ChainParams {
    /// The shortest run of a chain, in words.
    pub min_run: usize,
    /// The fewest runs in a chain.
    pub min_runs: usize,
    /// The fewest words the runs hold together.
    pub min_words: usize,
    /// The fewest words in the chain's longest run.
    pub min_longest: usize,
    /// The least share of the article sentence's words that the runs hold.
    pub min_share: f64,
}

/// Article sentences that keep several shorter exact runs (`min_run` words or more, fewer than
/// a copy rule's run) of one original sentence, in the original's order: how a sub-editor
/// reworks wire copy, keeping 5- to 11-word stretches and trimming, swapping a word or
/// inserting a clause between them. Each is reported as a [`Passage`] from the first run to the
/// last, its similarity the word-level one over that stretch. Article sentences at least half
/// inside `covered` are left out (they are copies already). Sorted by article start.
///
/// Runs of one sentence pair only: independent reports of one event share names, titles and
/// stock phrases, but seldom several of them in one sentence in the same order as the original.
pub fn sentence_chains(
    article: &[Word],
    original: &[Word],
    article_sentences: &[Range<usize>],
    original_sentences: &[Range<usize>],
    covered: &[Passage],
    params: &ChainParams,
) -> Vec<Passage> {
    let min_run = params.min_run.max(1);
    // (article sentence, original sentence, run), the run cut to both sentences.
    let mut runs: Vec<(usize, usize, Run)> = Vec::new();
    let sentence_at = |sentences: &[Range<usize>], pos: usize| {
        let s = sentences.partition_point(|r| r.end <= pos);
        (s < sentences.len() && sentences[s].start <= pos).then_some(s)
    };
    for_each_exact_run(article, original, min_run, |run| {
        let (Some(sa), Some(so)) = (
            sentence_at(article_sentences, run.a),
            sentence_at(original_sentences, run.o),
        ) else {
            return;
        };
        let len = run
            .len
            .min(article_sentences[sa].end - run.a)
            .min(original_sentences[so].end - run.o);
        if len >= min_run {
            runs.push((sa, so, Run { len, ..run }));
        }
    });
    runs.sort_by_key(|&(sa, so, run)| (sa, so, run.a, run.o));
    let mut out = Vec::new();
    for group in runs.chunk_by(|x, y| x.0 == y.0) {
        let sentence = article_sentences[group[0].0].clone();
        if covered_words(&sentence, covered) * 2 >= sentence.len() {
            continue;
        }
        let best = group
            .chunk_by(|x, y| x.1 == y.1)
            .map(|pair| best_chain(&pair.iter().map(|&(_, _, run)| run).collect::<Vec<_>>()))
            .max_by_key(|chain| {
                (
                    chain.iter().map(|r| r.len).sum::<usize>(),
                    usize::MAX - chain[0].a,
                )
            });
        let Some(chain) = best else { continue };
        let words: usize = chain.iter().map(|r| r.len).sum();
        if chain.len() < params.min_runs
            || words < params.min_words
            || chain.iter().all(|r| r.len < params.min_longest)
            || (words as f64) < params.min_share * sentence.len() as f64
        {
            continue;
        }
        let (first, last) = (chain[0], last_run(&chain));
        let (a, o) = (first.a..last.a_end(), first.o..last.o_end());
        let length = a.len().max(o.len());
        // A "sentence" can be an unpunctuated page: past that, count the unmatched words.
        let edits = if length <= MAX_CHAIN_WORDS {
            word_edit_distance(&article[a.clone()], &original[o.clone()])
        } else {
            length - words
        };
        out.push(Passage {
            article: a,
            original: o,
            similarity: 1.0 - edits.min(length) as f64 / length as f64,
            longest_exact: chain.iter().map(|r| r.len).max().unwrap_or(0),
        });
    }
    out
}

/// Longest stretch whose similarity [`sentence_chains`] computes word by word.
const MAX_CHAIN_WORDS: usize = 200;

/// The runs, in article order, that follow each other in both texts and hold the most words
/// (a longest increasing subsequence weighted by length; a sentence pair has a few runs).
fn best_chain(runs: &[Run]) -> Vec<Run> {
    let mut total: Vec<usize> = runs.iter().map(|r| r.len).collect();
    let mut from: Vec<Option<usize>> = vec![None; runs.len()];
    for j in 0..runs.len() {
        for i in 0..j {
            if runs[i].a_end() <= runs[j].a
                && runs[i].o_end() <= runs[j].o
                && total[i] + runs[j].len > total[j]
            {
                total[j] = total[i] + runs[j].len;
                from[j] = Some(i);
            }
        }
    }
    let Some(mut at) = (0..runs.len()).max_by_key(|&j| (total[j], usize::MAX - j)) else {
        return Vec::new();
    };
    let mut chain = vec![runs[at]];
    while let Some(i) = from[at] {
        chain.push(runs[i]);
        at = i;
    }
    chain.reverse();
    chain
}

/// Words of `range` inside the passages.
fn covered_words(range: &Range<usize>, covered: &[Passage]) -> usize {
    covered
        .iter()
        .map(|p| {
            p.article
                .end
                .min(range.end)
                .saturating_sub(p.article.start.max(range.start))
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use std::ops::Range;

    use super::*;
    use crate::align::testgen::*;
    use crate::align::testkit::*;
    use crate::align::{Sentences, fingerprints, paraphrases, words};

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
        let none = Sentences::new("", &[], &[]);
        assert!(paraphrases(&none, &none, &stop, 0.0).is_empty());
        let (article, original) = ([0..1, 5..9, 3..1], [0..1, 7..2]);
        assert!(
            paraphrases(
                &Sentences::new("", &one, &article),
                &Sentences::new("", &one, &original),
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
    #[ignore = "memory: cargo test --release --lib align::pairwise::tests::memory_of_a_50_mb_original -- --ignored --nocapture"]
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
    #[ignore = "measurement: cargo test --release --lib align::pairwise::tests::measure_defaults -- --ignored --nocapture"]
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

    // -- merging and sentence chains -------------------------------------------------------

    fn passage(article: Range<usize>, original: Range<usize>, similarity: f64) -> Passage {
        Passage {
            longest_exact: article.len(),
            article,
            original,
            similarity,
        }
    }

    #[test]
    fn adjacent_passages_of_one_stretch_merge() {
        let merged = merge_adjacent(
            vec![
                passage(0..20, 100..120, 1.0),
                passage(25..45, 126..146, 0.8),
                passage(60..75, 147..162, 1.0),
            ],
            8,
        );
        assert_eq!(merged.len(), 2, "{merged:?}");
        assert_eq!(merged[0].article, 0..45);
        assert_eq!(merged[0].original, 100..146);
        assert!((merged[0].similarity - 0.9).abs() < 1e-9);
        // Out of order in the original: two passages.
        let apart = merge_adjacent(
            vec![passage(0..20, 100..120, 1.0), passage(22..40, 50..68, 1.0)],
            8,
        );
        assert_eq!(apart.len(), 2);
    }

    const WIRE: &str = "Emergency crews from three counties spent the whole of Sunday night \
        pumping flood water out of the basement wards of the old district hospital. Nobody was hurt.";

    fn chains_of(article: &str, params: &ChainParams) -> Vec<Passage> {
        let (aw, ow) = (words(article), words(WIRE));
        let (asent, osent) = (sentences(article, &aw), sentences(WIRE, &ow));
        sentence_chains(&aw, &ow, &asent, &osent, &[], params)
    }

    fn chain_params() -> ChainParams {
        ChainParams {
            min_run: 5,
            min_runs: 2,
            min_words: 10,
            min_longest: 6,
            min_share: 0.33,
        }
    }

    #[test]
    fn shorter_runs_in_order_make_a_chain() {
        // Runs of 6 and 8 words kept, the words between changed: no 12-word run, no passage.
        let article = "Crews from three counties spent the whole of Sunday night, the county fire \
            service told reporters on Monday morning, after pumping water out of the basement wards of the old district hospital.";
        assert!(align(&words(article), &words(WIRE), &AlignParams::default()).is_empty());
        let found = chains_of(article, &chain_params());
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].longest_exact >= 8);
        // The same runs in the other order are not a chain.
        let reordered = "Water was pumped out of the basement wards of the old district hospital \
            as crews from three counties spent the whole of Sunday night at work.";
        assert!(chains_of(reordered, &chain_params()).is_empty());
        // One run alone is not a chain.
        let one = "Crews from three counties spent the whole of Sunday night on the wards.";
        assert!(chains_of(one, &chain_params()).is_empty());
    }
}
