//! `ingest::office::extract` for PPTX, DOCX, ODT and ODP. The first input byte
//! picks the format, the rest is the file.
#![no_main]

use clusterpool::ingest::{Format, Limits, office};
use libfuzzer_sys::fuzz_target;

const FORMATS: [Format; 4] = [Format::Pptx, Format::Docx, Format::Odt, Format::Odp];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let format = FORMATS[usize::from(selector) % FORMATS.len()];
    let _ = office::extract(format, bytes, &Limits::default());
});
