//! Arbitrary bytes as the language server's stdin: the frame reader must turn them into
//! messages and error responses, never panic, never allocate what a header merely claims, and
//! always make progress (every frame consumes input, so the loop ends with the bytes).
#![no_main]

use fairlint::lsp::transport::FrameReader;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let mut reader = FrameReader::new(bytes);
    let mut frames = 0usize;
    while let Ok(Some(frame)) = reader.next_frame() {
        if let Some(response) = frame.error_response() {
            let _ = serde_json::to_vec(&response);
        }
        frames += 1;
        assert!(frames <= bytes.len() + 1, "more frames than bytes: no progress");
    }
});
