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
use fairlint::align::testgen::{Writer, stretch};
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
