//! Arbitrary UTF-8 as YAML, the three ways untrusted YAML reaches fairlint: through the one
//! budgeted wrapper (`yaml::from_str`), as an article's front matter, and as a `.fairlint.yaml`.
//! Each must answer (a value, a front-matter problem, a config error), never panic or blow up
//! (aliases are expanded under a budget).
#![no_main]

use std::path::Path;
use std::sync::{Arc, OnceLock};

use fairlint::document::{Article, Format};
use fairlint::lexicon::Lexicon;
use libfuzzer_sys::fuzz_target;

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(Lexicon::builtin)
}

fuzz_target!(|text: &str| {
    let value = fairlint::yaml::from_str::<fairlint::yaml::Value>(text);
    let source = format!("---\n{text}\n---\nBody.\n");
    let _ = Article::parse("fuzz.md", Arc::from(source), Format::Markdown, lexicon());
    // The config parser builds every rule; run it on what could be a config (a mapping).
    if matches!(value, Ok(fairlint::yaml::Value::Mapping(_))) {
        let _ = fairlint::config::Settings::parse(Path::new(".fairlint.yaml"), text);
    }
});
