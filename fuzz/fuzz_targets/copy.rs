//! Arbitrary article and original through the copy checks: the input is split at its first
//! `\0` (or in half), both sides read as UTF-8 (lossily), and the article is checked against the
//! other side as its original, as Markdown and as plain text.
#![no_main]

use std::sync::{Arc, OnceLock};

use fairlint::config::Settings;
use fairlint::originals::Original;
use libfuzzer_sys::fuzz_target;

fn settings() -> &'static Settings {
    static SETTINGS: OnceLock<Settings> = OnceLock::new();
    SETTINGS.get_or_init(Settings::builtin)
}

fuzz_target!(|bytes: &[u8]| {
    let split = bytes.iter().position(|b| *b == 0).unwrap_or(bytes.len() / 2);
    let article = String::from_utf8_lossy(&bytes[..split]).into_owned();
    let original = String::from_utf8_lossy(bytes.get(split + 1..).unwrap_or(&[])).into_owned();
    let originals = [Arc::new(Original {
        source: "Wire".into(),
        path: "wire.txt".into(),
        text: Arc::from(original.as_str()),
        archive: None,
    })];
    let _ = fairlint::check::check_text_with("fuzz.md", &article, settings(), &originals);
    let _ = fairlint::check::check_text_with("fuzz.txt", &article, settings(), &originals);
});
