//! Article-checking throughput: bytes of article text per second, one core, through the public
//! `fairlint::check::check_text` entry point (parse, source list, claims, attribution, rules).
//!
//! The corpus is built here from the repository's own text: the paragraphs of every file in
//! `examples/` and every labelled passage in `tests/labelled/*.yaml`. From those paragraphs the
//! bench assembles one typical ~1,500-word article (as Markdown and as plain text) and one long
//! ~1 MiB Markdown article, each checked as a single document. See `benches/README.md`.

use std::fs;
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use fairlint::check::check_text;
use fairlint::config::Settings;
use serde::Deserialize;

/// Words in the "typical article" case.
const ARTICLE_WORDS: usize = 1_500;
/// Bytes in the long case.
const LONG_BYTES: usize = 1 << 20;
/// Paragraphs between section headings in the long case.
const SECTION_PARAGRAPHS: usize = 12;

/// The source list appended to every generated article: outlets and bodies the corpus cites.
const SOURCES: &[&str] = &[
    "Reuters",
    "Associated Press",
    "Al Jazeera",
    "Baltic Shipping Gazette (BSG)",
    "Valley Courier",
    "UNHCR",
    "Red Crescent",
    "Bloomberg",
    "BBC",
];

#[derive(Deserialize)]
struct LabelledFile {
    cases: Vec<LabelledCase>,
}

#[derive(Deserialize)]
struct LabelledCase {
    text: String,
}

/// Every prose paragraph of the corpus, in a stable order, each unwrapped onto one line.
/// Front matter and the examples' own source lists and disclaimers are left out: each generated
/// article gets one source list of its own at the end.
fn corpus_paragraphs() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paragraphs = Vec::new();

    for path in sorted_files(&root.join("examples"), None) {
        let text = fs::read_to_string(&path).expect("read example");
        let body = strip_front_matter(&text);
        let is_plain = path.extension().is_some_and(|e| e == "txt");
        // Plain-text examples put one paragraph on each line; Markdown separates them by blanks.
        let chunks: Vec<&str> = if is_plain {
            body.lines().collect()
        } else {
            body.split("\n\n").collect()
        };
        let mut in_sources = false;
        for chunk in chunks {
            let chunk = chunk.trim();
            if chunk.is_empty() {
                continue;
            }
            if chunk.starts_with('#') {
                in_sources = chunk.trim_start_matches('#').trim() == "Sources";
                continue;
            }
            if in_sources
                || chunk.starts_with("SOURCES:")
                || chunk.starts_with("This article has been rewritten")
            {
                continue;
            }
            paragraphs.push(unwrap(chunk));
        }
    }

    for path in sorted_files(&root.join("tests/labelled"), Some("yaml")) {
        let text = fs::read_to_string(&path).expect("read labelled corpus");
        let file: LabelledFile = serde_yaml::from_str(&text).expect("parse labelled corpus");
        for case in file.cases {
            for chunk in case.text.split("\n\n") {
                let chunk = chunk.trim();
                if !chunk.is_empty() {
                    paragraphs.push(unwrap(chunk));
                }
            }
        }
    }

    assert!(paragraphs.len() > 100, "corpus unexpectedly small");
    paragraphs
}

fn sorted_files(dir: &Path, ext: Option<&str>) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = fs::read_dir(dir)
        .expect("read corpus folder")
        .map(|entry| entry.expect("folder entry").path())
        .filter(|p| p.is_file() && ext.is_none_or(|ext| p.extension().is_some_and(|e| e == ext)))
        .collect();
    files.sort();
    files
}

fn strip_front_matter(text: &str) -> &str {
    text.strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n"))
        .map_or(text, |(_, body)| body)
}

fn unwrap(paragraph: &str) -> String {
    paragraph
        .lines()
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Body paragraphs, taken cyclically from the corpus, until `done` says stop.
fn take_paragraphs(corpus: &[String], mut done: impl FnMut(&[&str]) -> bool) -> Vec<&str> {
    let mut out = Vec::new();
    for paragraph in corpus.iter().cycle() {
        if done(&out) {
            break;
        }
        out.push(paragraph.as_str());
    }
    out
}

fn markdown_article(title: &str, body: &[&str]) -> String {
    let mut text = format!("# {title}\n\n");
    for (i, paragraph) in body.iter().enumerate() {
        if i > 0 && i % SECTION_PARAGRAPHS == 0 {
            text.push_str(&format!("## Part {}\n\n", i / SECTION_PARAGRAPHS + 1));
        }
        text.push_str(paragraph);
        text.push_str("\n\n");
    }
    text.push_str("## Sources\n\n");
    for source in SOURCES {
        text.push_str(&format!("- {source}\n"));
    }
    text
}

fn plain_article(title: &str, body: &[&str]) -> String {
    let mut text = format!("{title}\n\n");
    for paragraph in body {
        text.push_str(paragraph);
        text.push_str("\n\n");
    }
    text.push_str(&format!("SOURCES: {}.\n", SOURCES.join(", ")));
    text
}

fn words(paragraphs: &[&str]) -> usize {
    paragraphs
        .iter()
        .map(|p| p.split_whitespace().count())
        .sum()
}

fn throughput(c: &mut Criterion) {
    let settings = Settings::builtin();
    let corpus = corpus_paragraphs();

    let title = "Talks stall as strikes, floods and court rulings test the region";
    let article_body = take_paragraphs(&corpus, |out| words(out) >= ARTICLE_WORDS);
    let article_md = markdown_article(title, &article_body);
    let article_txt = plain_article(title, &article_body);
    let long_body = take_paragraphs(&corpus, |out| {
        out.iter().map(|p| p.len() + 2).sum::<usize>() >= LONG_BYTES
    });
    let long_md = markdown_article(title, &long_body);

    eprintln!(
        "corpus: {} paragraphs; article: {} words, {} bytes (md), {} bytes (txt); \
         long: {} paragraphs, {} words, {} bytes (md)",
        corpus.len(),
        words(&article_body),
        article_md.len(),
        article_txt.len(),
        long_body.len(),
        words(&long_body),
        long_md.len(),
    );

    let mut group = c.benchmark_group("check");
    // (id, path, text, samples, sampling): one check of the long text takes long enough that
    // flat sampling (the same iteration count in every sample) keeps the run to well under a
    // minute; criterion's default linear sampling would need 210 iterations for 20 samples.
    let cases: [(&str, &str, &str, usize, SamplingMode); 3] = [
        (
            "article-1500-words-md",
            "article.md",
            &article_md,
            100,
            SamplingMode::Auto,
        ),
        (
            "article-1500-words-txt",
            "article.txt",
            &article_txt,
            100,
            SamplingMode::Auto,
        ),
        ("1MB-md", "long.md", &long_md, 20, SamplingMode::Flat),
    ];
    for (id, path, text, samples, sampling) in cases {
        // Sanity: the pipeline sees the claims, so the figure is not for an empty pass.
        let (analysis, findings) = check_text(path, text, &settings);
        eprintln!(
            "{id}: {} claims, {} findings",
            analysis.claims.len(),
            findings.len()
        );
        assert!(!analysis.claims.is_empty(), "{id}: no claims found");

        group.throughput(Throughput::Bytes(text.len() as u64));
        group.sample_size(samples);
        group.sampling_mode(sampling);
        group.measurement_time(Duration::from_secs(10));
        group.bench_function(id, |b| {
            b.iter(|| check_text(black_box(path), black_box(text), &settings))
        });
    }
    group.finish();
}

/// What the analysis costs against passes it cannot do without, on the 1 MiB case: a byte
/// scan, Unicode word and sentence segmentation alone (the `unicode-segmentation` passes
/// `Article::parse` makes), parsing, and the whole check. The distance between the last and the
/// segmentation passes is what fairlint's own analysis adds; the segmentation passes bound how
/// fast any analysis built on them can be (issue #12, "the floor").
fn floor(c: &mut Criterion) {
    use unicode_segmentation::UnicodeSegmentation;
    let settings = Settings::builtin();
    let corpus = corpus_paragraphs();
    let long_body = take_paragraphs(&corpus, |out| {
        out.iter().map(|p| p.len() + 2).sum::<usize>() >= LONG_BYTES
    });
    let text = markdown_article("Floor", &long_body);
    let text = text.as_str();
    let mut group = c.benchmark_group("floor");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(20);
    group.sampling_mode(SamplingMode::Flat);
    group.measurement_time(Duration::from_secs(5));
    group.bench_function("byte-scan", |b| {
        b.iter(|| black_box(text).bytes().filter(|b| *b == b'.').count())
    });
    group.bench_function("word-segmentation", |b| {
        b.iter(|| black_box(text).split_word_bound_indices().count())
    });
    group.bench_function("sentence-segmentation", |b| {
        b.iter(|| black_box(text).split_sentence_bound_indices().count())
    });
    group.bench_function("parse", |b| {
        b.iter(|| {
            fairlint::document::Article::parse(
                "long.md",
                std::sync::Arc::from(black_box(text)),
                fairlint::document::Format::Markdown,
                &settings.lexicon,
            )
        })
    });
    group.bench_function("check", |b| {
        b.iter(|| check_text(black_box("long.md"), black_box(text), &settings))
    });
    group.finish();
}

criterion_group!(benches, throughput, floor);
criterion_main!(benches);
