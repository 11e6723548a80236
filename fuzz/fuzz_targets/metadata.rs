//! `ingest::metadata::from_yaml`: sidecar `.meta.yaml` files and front matter.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|src: &str| {
    let _ = clusterpool::ingest::metadata::from_yaml(src);
});
