//! The PDF child's parser, in-process: `pdf_extract::extract_text_from_mem_by_pages`
//! and `Document::load_mem`, as `ingest::pdf::run_child` calls them. Crashes here are
//! pdf-extract's and are contained in the product by the child-process isolation
//! (`ingest::pdf::extract`); no catch_unwind, we want to see them.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let _ = pdf_extract::extract_text_from_mem_by_pages(bytes);
    let _ = pdf_extract::Document::load_mem(bytes);
});
