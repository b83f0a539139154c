//! Arbitrary UTF-8 as a `.fairlint.yaml`: parsing must answer Ok or Err, never panic.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = fairlint::config::Settings::parse(Path::new(".fairlint.yaml"), text);
});
