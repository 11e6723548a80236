//! `ingest::markdown::extract` (front matter split + YAML metadata + pulldown-cmark)
//! on any UTF-8 input.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|src: &str| {
    let _ = clusterpool::ingest::markdown::extract(src);
});
