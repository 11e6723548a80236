//! HTTP query-string parsing: `search::SearchRequest::from_pairs` over
//! `form_urlencoded::parse`, then `lang::detect` on the parsed `q` and
//! `analysis::terms` for a few languages (including our own Latvian stemmer).
#![no_main]

use clusterpool::analysis;
use clusterpool::lang::{self, Lang};
use clusterpool::search::SearchRequest;
use libfuzzer_sys::fuzz_target;

const LANGS: [Lang; 6] = [Lang::En, Lang::Lv, Lang::Lt, Lang::Pl, Lang::Ru, Lang::Und];

fuzz_target!(|data: &[u8]| {
    let Ok(req) = SearchRequest::from_pairs(form_urlencoded::parse(data)) else {
        return;
    };
    let detected = lang::detect(&req.q);
    let _ = analysis::terms(detected.lang, &req.q);
    for lang in LANGS {
        let _ = analysis::terms(lang, &req.q);
    }
    if let Some(qlang) = req.qlang {
        let _ = analysis::terms(qlang, &req.q);
    }
});
