//! Arbitrary UTF-8 as a text for `fairlint archive add`: front matter, source and date, digest
//! and fingerprints must answer Ok or Err, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    for source in [None, Some("Wire")] {
        if let Ok(new) = fairlint::archive::read_text("fuzz.md", text, source) {
            let _ = fairlint::archive::prepare(new);
        }
    }
});
