//! The e5 encoder against the reference: the pinned model package's own engine
//! embedded texts of the pool (all twelve languages, passages, queries, and long
//! texts over several windows; `tests/fixtures/e5/make_reference.py`), and the Rust encoder must reproduce
//! each embedding (cosine ≥ 0.98) and its token count. The model is the real one:
//! `CLUSTERPOOL_E5_MODEL`, the cache, or fetched from the package registry now.

use clusterpool::embed::{self, Encoder, Kind};

#[derive(serde::Deserialize)]
struct Reference {
    file: String,
    kind: String,
    text: String,
    tokens: usize,
    embedding: Vec<f32>,
}

fn references() -> Vec<Reference> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/e5/reference.jsonl"
    );
    std::fs::read_to_string(path)
        .expect("reference file")
        .lines()
        .map(|l| serde_json::from_str(l).expect("reference line"))
        .collect()
}

#[test]
fn the_encoder_reproduces_the_reference_embeddings_in_every_language() {
    let model = embed::fetch::model_path().expect("the e5 model (cached, named or fetched)");
    let encoder = Encoder::load(&model).expect("load the model");
    assert_eq!(encoder.dim(), 384);
    let refs = references();
    assert!(refs.len() >= 200, "{} reference texts", refs.len());
    let langs: std::collections::BTreeSet<&str> = refs
        .iter()
        .filter_map(|r| r.file.rsplit('/').next()?.split('-').next())
        .collect();
    assert_eq!(langs.len(), 12, "{langs:?}");
    let mut worst = (1.0f32, String::new());
    let mut total = 0.0f32;
    let long = refs.iter().filter(|r| r.tokens > 512).count();
    for r in &refs {
        let kind = if r.kind == "query" {
            Kind::Query
        } else {
            Kind::Passage
        };
        assert_eq!(
            encoder.tokens(&r.text, kind).len() + 2,
            r.tokens,
            "token count of {} ({})",
            r.file,
            r.kind
        );
        let v = encoder.embed(&r.text, kind);
        let norm: f32 = v.iter().map(|x| x * x).sum();
        assert!((norm - 1.0).abs() < 1e-4, "unit length");
        let cos = embed::cosine(&v, &r.embedding);
        total += cos;
        if cos < worst.0 {
            worst = (cos, format!("{} ({})", r.file, r.kind));
        }
    }
    eprintln!(
        "{} texts: mean cosine {:.5}, lowest {:.5} ({})",
        refs.len(),
        total / refs.len() as f32,
        worst.0,
        worst.1
    );
    // The issue asks 0.98; the encoder reproduces the engine far closer than that,
    // so a change that costs accuracy shows long before.
    assert!(
        worst.0 >= 0.999,
        "lowest cosine {} for {}",
        worst.0,
        worst.1
    );
    assert!(long >= 6, "{long} texts over one window");
}

#[test]
fn a_query_is_nearer_its_own_passage_across_languages_than_another_topic() {
    let model = embed::fetch::model_path().expect("the e5 model");
    let encoder = Encoder::load(&model).expect("load the model");
    let query = encoder.embed("how to survey cluster members", Kind::Query);
    let latvian = encoder.embed(
        "Klastera biedru aptauja: kā sagatavot anketu un apkopot biedru atbildes.",
        Kind::Passage,
    );
    let danish = encoder.embed(
        "Vindmøller og havvind: eksport af energiteknologi til Nordsøen.",
        Kind::Passage,
    );
    assert!(
        embed::cosine(&query, &latvian) > embed::cosine(&query, &danish) + 0.02,
        "survey ↔ biedru aptauja {} against wind export {}",
        embed::cosine(&query, &latvian),
        embed::cosine(&query, &danish)
    );
}
