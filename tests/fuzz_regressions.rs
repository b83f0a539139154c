//! Every input the fuzzers ever crashed on (`tests/fixtures/fuzz/`) goes through the whole
//! pipeline again, as Markdown and as plain text, so a fixed crash stays fixed.

use fairlint::check::check_text;
use fairlint::config::Settings;
use fairlint::input::{Loaded, decode};

#[test]
fn fuzz_crashes_stay_fixed() {
    let settings = Settings::builtin();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/fuzz");
    let mut count = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        if let Ok(Loaded::Text(text)) = decode("fuzz.md", bytes) {
            check_text("fuzz.md", &text, &settings);
            check_text("fuzz.txt", &text, &settings);
        }
        count += 1;
    }
    assert!(count > 0, "no regression inputs in {dir}");
}
