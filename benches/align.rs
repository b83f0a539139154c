//! Alignment engine speed (`fairlint::align`): how fast texts are fingerprinted, and how long one
//! article takes to check against an archive of originals.
//!
//! - `align/fingerprint-1MB`: `words` + `fingerprints` over ~1 MB of text, in bytes per second
//!   (one core), i.e. the cost of adding an original to an archive index.
//! - `align/fingerprint-only-1MB`: `fingerprints` alone, from words already made.
//! - `align/index-build-1000x1000`: building an `Index` of 1,000 originals of 1,000 words.
//! - `align/article-1500-vs-1000-originals`: one 1,500-word article against that index:
//!   `words` of the article, `Index::candidates`, then `align` on every candidate. The index is
//!   built once, outside the timed loop, as an archive would be.
//!
//! All text is generated here, deterministically: words drawn from a fixed list of about 400
//! English news words with a Zipf-like distribution (so unrelated texts share common phrases as
//! real ones do), in sentences with capitals, commas and full stops, by an xorshift generator.
//! Five of the originals (ids 100, 300, 500, 700, 900) carry a 60-word passage of the article
//! with 0, 1, 2, 3 and 4 edits per 20 words; the setup prints what the pipeline finds.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use fairlint::align::{AlignParams, INDEX_K, Index, Passage, Word, align, fingerprints, words};

/// Originals in the archive case, and their length in words.
const ORIGINALS: usize = 1_000;
const ORIGINAL_WORDS: usize = 1_000;
/// Words in the article.
const ARTICLE_WORDS: usize = 1_500;
/// Bytes in the throughput case.
const LONG_BYTES: usize = 1 << 20;
/// Originals that carry an edited copy of an article passage, and the edits per 20 words in each.
const COPIES: [(usize, usize); 5] = [(100, 0), (300, 1), (500, 2), (700, 3), (900, 4)];
/// Words in each copied passage.
const COPY_WORDS: usize = 60;

const VOCABULARY: &str = "the of and to a in that is was he for it with as his on be at by had are
but from or have an they which one were her all she there would their we him been has when who
will more no if out so said what up its about into than them can only other new some could time
these two may then do first any my now such like our over man me even most made after also did
many before must through back years where much your way well down should because each just those
people mr how too little state good very make world still own see men work long get here between
both life being under never day same another know while last might us great old year off come
since against go came right used take three government minister ministry foreign officials talks
delegation agreement ceasefire sanctions nuclear enrichment uranium inspectors president
parliament protesters police security forces capital border refugees aid humanitarian convoy
strike drone missile attack killed wounded civilians hospital report statement spokesman agency
rights groups activists arrested detained executions prison court judge trial sentence election
vote opposition party coalition budget economy inflation currency oil exports gas pipeline
shipping port grain corridor navy vessel tanker seized crew negotiators envoy summit leaders
tehran washington istanbul moscow kyiv brussels geneva araghchi witkoff erdogan un eu nato
reuters deal proposal demands guarantees deadline weeks months monday tuesday wednesday thursday
friday percent million billion dollars figures data toll victims families witnesses video
footage images claims denied confirmed warned threatened urged called accused rejected welcomed
condemned announced resumed collapsed stalled progress round meeting mediator oman qatar egypt
turkey iran israel gaza lebanon syria iraq ukraine russia europe region crisis water farmers
drought harvest prices bread fuel electricity blackout schools teachers students university
doctors nurses vaccine outbreak cases deaths flood storm earthquake rescue teams survivors
rubble villages province governor mayor council residents housing rent wages workers union
factory jobs unemployment bank rates loan debt bonds investors markets shares company
chief executive profits losses contract tender bid airport flights passengers railway bridge
road project construction companies energy solar wind power plant coal climate emissions
pledge target funding donors charity volunteers camp tents winter cold heat wave fires
forest smoke evacuated homes destroyed damaged repairs insurance compensation lawsuit";

/// xorshift64*: deterministic and dependency-free.
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

    /// A rank in 0..n with probability roughly ∝ 1 / (rank + 1), from a precomputed table.
    fn zipf(&mut self, cumulative: &[f64]) -> usize {
        let total = cumulative[cumulative.len() - 1];
        let target = (self.next() >> 11) as f64 / (1u64 << 53) as f64 * total;
        cumulative
            .partition_point(|&c| c < target)
            .min(cumulative.len() - 1)
    }
}

/// Generates news-like text from the vocabulary.
struct Writer {
    vocabulary: Vec<&'static str>,
    cumulative: Vec<f64>,
    rng: Rng,
}

impl Writer {
    fn new(seed: u64) -> Self {
        let vocabulary: Vec<&str> = VOCABULARY.split_whitespace().collect();
        let cumulative = (1..=vocabulary.len())
            .scan(0.0, |sum, rank| {
                *sum += 1.0 / rank as f64;
                Some(*sum)
            })
            .collect();
        Writer {
            vocabulary,
            cumulative,
            rng: Rng(seed),
        }
    }

    fn word(&mut self) -> &'static str {
        self.vocabulary[self.rng.zipf(&self.cumulative)]
    }

    /// About `n` words in sentences of 8 to 30 words.
    fn text(&mut self, n: usize) -> String {
        let mut out = String::new();
        let mut written = 0;
        while written < n {
            let len = 8 + self.rng.below(23);
            for i in 0..len {
                let word = self.word();
                if i == 0 {
                    let mut chars = word.chars();
                    out.extend(chars.next().map(|c| c.to_ascii_uppercase()));
                    out.push_str(chars.as_str());
                } else {
                    out.push_str(word);
                }
                out.push_str(if i + 1 == len {
                    ". "
                } else if self.rng.below(12) == 0 {
                    ", "
                } else {
                    " "
                });
            }
            written += len;
        }
        out
    }

    /// `passage` with `edits` light edits: a word substituted, inserted or dropped, or two
    /// neighbours swapped, at random places.
    fn edit(&mut self, passage: &str, edits: usize) -> String {
        let mut tokens: Vec<String> = passage.split(' ').map(str::to_owned).collect();
        for _ in 0..edits {
            let at = 1 + self.rng.below(tokens.len() - 3);
            let fresh = self.word().to_owned();
            match self.rng.below(4) {
                0 => tokens[at] = fresh,
                1 => tokens.insert(at, fresh),
                2 => {
                    tokens.remove(at);
                }
                _ => tokens.swap(at, at + 1),
            }
        }
        tokens.join(" ")
    }
}

/// A stretch of `len` whitespace-separated words of `text`, starting at word `from`.
fn stretch(text: &str, from: usize, len: usize) -> String {
    text.split(' ')
        .skip(from)
        .take(len)
        .collect::<Vec<_>>()
        .join(" ")
}

struct Archive {
    article: String,
    originals: Vec<String>,
}

fn archive() -> Archive {
    let mut writer = Writer::new(0x00a1_1a9e);
    let article = writer.text(ARTICLE_WORDS);
    let mut originals: Vec<String> = (0..ORIGINALS)
        .map(|_| writer.text(ORIGINAL_WORDS))
        .collect();
    for (n, &(id, edits_per_20)) in COPIES.iter().enumerate() {
        let copied = stretch(&article, 200 + 250 * n, COPY_WORDS);
        let edited = writer.edit(&copied, edits_per_20 * COPY_WORDS / 20);
        let original = &originals[id];
        let half = original.len() / 2;
        let cut = half + original[half..].find(". ").map_or(0, |i| i + 2);
        originals[id] = format!("{}{}. {}", &original[..cut], edited, &original[cut..]);
    }
    Archive { article, originals }
}

fn build_index(originals: &[Vec<Word>], params: &AlignParams) -> Index {
    let mut index = params.index();
    for (id, original) in originals.iter().enumerate() {
        index.add(id, original);
    }
    index
}

/// The timed work of the archive case: every passage of `article` in any indexed original.
fn check_article(
    article: &str,
    index: &Index,
    originals: &[Vec<Word>],
    params: &AlignParams,
) -> Vec<(usize, Passage)> {
    let article = words(article);
    let mut found = Vec::new();
    for (id, _) in index.candidates(&article, 1) {
        let passages = align(&article, &originals[id], params);
        found.extend(passages.into_iter().map(|p| (id, p)));
    }
    found
}

fn fingerprinting(c: &mut Criterion) {
    // The fingerprints an archive index keeps: see `AlignParams::index`.
    let params = AlignParams::default();
    let (k, w) = (params.k.max(INDEX_K), params.w);
    let mut writer = Writer::new(0x1b_5eed);
    let mut text = String::new();
    while text.len() < LONG_BYTES {
        text.push_str(&writer.text(1_000));
    }
    let text_words = words(&text);
    println!(
        "fingerprint-1MB: {} bytes, {} words, {} fingerprints (k={k}, w={w})",
        text.len(),
        text_words.len(),
        fingerprints(&text_words, k, w).len(),
    );

    let mut group = c.benchmark_group("align");
    group.measurement_time(Duration::from_secs(10));
    group.sample_size(30);
    group.sampling_mode(SamplingMode::Flat);
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("fingerprint-1MB", |b| {
        b.iter(|| fingerprints(&words(black_box(&text)), k, w))
    });
    group.bench_function("fingerprint-only-1MB", |b| {
        b.iter(|| fingerprints(black_box(&text_words), k, w))
    });
    group.finish();
}

/// How many originals an index with k-grams of 3 to 6 words lets through for the article: the
/// figures behind `INDEX_K`.
fn print_index_selectivity(originals: &[Vec<Word>], article: &[Word], w: usize) {
    for k in 3..=6 {
        let mut index = Index::new(k, w);
        for (id, original) in originals.iter().enumerate() {
            index.add(id, original);
        }
        let candidates = index.candidates(article, 1).len();
        println!("index k={k} w={w}: {candidates} candidates at min_shared 1");
    }
}

fn archive_check(c: &mut Criterion) {
    let params = AlignParams::default();
    let Archive { article, originals } = archive();
    let originals: Vec<Vec<Word>> = originals.iter().map(|o| words(o)).collect();
    let index = build_index(&originals, &params);
    let article_words = words(&article);
    print_index_selectivity(&originals, &article_words, params.w);
    for min_shared in [1, 2, 3, 5] {
        let candidates = index.candidates(&article_words, min_shared);
        println!(
            "article-1500-vs-1000-originals: {} words; {} candidates at min_shared {min_shared}",
            article_words.len(),
            candidates.len()
        );
    }
    let found = check_article(&article, &index, &originals, &params);
    for (id, p) in &found {
        println!(
            "  original {id}: article words {:?}, original words {:?}, similarity {:.2}, longest exact {}",
            p.article, p.original, p.similarity, p.longest_exact
        );
    }
    let copies_found = COPIES
        .iter()
        .filter(|(id, _)| found.iter().any(|(f, _)| f == id))
        .count();
    assert_eq!(copies_found, COPIES.len(), "copies found");

    let mut group = c.benchmark_group("align");
    group.measurement_time(Duration::from_secs(10));
    group.sample_size(20);
    group.sampling_mode(SamplingMode::Flat);
    group.bench_function("index-build-1000x1000", |b| {
        b.iter(|| build_index(black_box(&originals), &params))
    });
    group.sample_size(50);
    group.bench_function("article-1500-vs-1000-originals", |b| {
        b.iter(|| check_article(black_box(&article), &index, &originals, &params))
    });
    group.finish();
}

criterion_group!(benches, fingerprinting, archive_check);
criterion_main!(benches);
