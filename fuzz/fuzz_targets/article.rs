//! Arbitrary bytes through the whole pipeline: decode (UTF-8, BOM, binary checks), then parse,
//! analyse and check as Markdown and as plain text with the built-in settings.
#![no_main]

use std::sync::OnceLock;

use fairlint::config::Settings;
use fairlint::input::{Loaded, decode};
use libfuzzer_sys::fuzz_target;

fn settings() -> &'static Settings {
    static SETTINGS: OnceLock<Settings> = OnceLock::new();
    SETTINGS.get_or_init(Settings::builtin)
}

fuzz_target!(|bytes: &[u8]| {
    let settings = settings();
    if let Ok(Loaded::Text(text)) = decode("fuzz.md", bytes.to_vec()) {
        let _ = fairlint::check::check_text("fuzz.md", &text, settings);
        let _ = fairlint::check::check_text("fuzz.txt", &text, settings);
    }
});
