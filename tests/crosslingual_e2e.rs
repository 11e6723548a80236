//! Search in your own language, find practice from the whole region: the real pool
//! (`corpus/`) with its vocabulary, through the real server.

mod common;

use std::path::Path;

use clusterpool::ingest::Reason;
use common::Pool;

fn real_pool() -> Pool {
    Pool::from_corpus()
}

#[tokio::test(flavor = "multi_thread")]
async fn an_english_query_finds_danish_latvian_and_polish_documents_and_says_why() {
    let pool = real_pool();
    let report = pool.index();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    let server = pool.serve(None).await;

    let (status, body) = server
        .get("/api/search?q=cluster%20mapping&per_page=50")
        .await;
    assert_eq!(status, 200);
    assert_eq!(body["expanded"][0]["concept"], "cluster-mapping");
    let hits = body["hits"].as_array().unwrap();
    // English pages with both words rank at the top; a German page that writes
    // them as one compound (`Clustermapping`) is a match of the words themselves
    // and may stand among them, pages found only through a translation may not.
    let english_on_top = hits[..3].iter().filter(|h| h["lang"] == "en").count();
    assert!(english_on_top >= 2, "English matches rank first: {body}");
    let first_translated_only = hits
        .iter()
        .position(|h| h["lang"] != "en" && h["lang"] != "de")
        .unwrap();
    assert!(first_translated_only >= 3, "{body}");
    for (id, lang, term) in [
        (
            "tools/da-klyngekortlaegning-vejledning.md",
            "da",
            "klyngekortlægning",
        ),
        ("tools/lv-klasteru-kartesana.md", "lv", "klasteru kartēšana"),
        ("tools/pl-mapowanie-klastrow.md", "pl", "mapowanie klastrów"),
    ] {
        let hit = hits
            .iter()
            .find(|h| h["id"] == id)
            .unwrap_or_else(|| panic!("{id} not found"));
        assert_eq!(hit["lang"], lang);
        let via = &hit["matched_via"][0];
        assert_eq!(via["term"], term, "{hit}");
        assert_eq!(via["lang"], lang);
        assert_eq!(via["query_term"], "cluster mapping");
        assert!(hit["snippet"].as_str().unwrap().contains("<mark>"), "{hit}");
    }

    let (_, off) = server
        .get("/api/search?q=cluster%20mapping&per_page=50&cross_lingual=false")
        .await;
    let off_hits = off["hits"].as_array().unwrap();
    assert!(
        off_hits
            .iter()
            .all(|h| h["matched_via"].as_array().unwrap().is_empty())
    );
    for id in [
        "tools/da-klyngekortlaegning-vejledning.md",
        "tools/lv-klasteru-kartesana.md",
        "tools/pl-mapowanie-klastrow.md",
    ] {
        assert!(
            !off_hits.iter().any(|h| h["id"] == id),
            "{id} found with expansion off"
        );
    }
    assert!(off["expanded"].as_array().unwrap().is_empty());

    // A Latvian query finds the Danish guide the same way.
    let (_, lv) = server
        .get("/api/search?q=klasteru%20kart%C4%93%C5%A1ana&per_page=50")
        .await;
    assert_eq!(lv["query_lang"][0], "lv");
    assert!(
        lv["hits"]
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h["id"] == "tools/da-klyngekortlaegning-vejledning.md")
    );
}

#[test]
fn expansion_at_least_doubles_cross_lingual_recall_without_hurting_same_language_rank() {
    let pool = real_pool();
    pool.index();
    let engine = clusterpool::search::Engine::open(&pool.index).unwrap();
    let judged =
        clusterpool::eval::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("eval/relevance.yaml"))
            .unwrap();
    assert!(judged.len() >= 60);
    let off = clusterpool::eval::evaluate(&engine, &judged, 10, false).unwrap();
    let on = clusterpool::eval::evaluate(&engine, &judged, 10, true).unwrap();
    let table = clusterpool::eval::table(&off, &on);
    assert!(
        on.overall.cross_recall >= 2.0 * off.overall.cross_recall,
        "{table}"
    );
    assert!(on.overall.cross_recall > 0.2, "{table}");
    assert!(
        on.overall.same_mrr >= off.overall.same_mrr - 0.02,
        "{table}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn documents_without_topics_get_them_from_the_concepts_they_mention() {
    let pool = Pool::empty();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/vocabulary.yaml"),
        pool.corpus.join("vocabulary.yaml"),
    )
    .unwrap();
    std::fs::write(
        pool.corpus.join("da-notat.md"),
        "---\ntitle: Notat om klyngekortlægning\n---\nKlyngekortlægning giver overblik. En god klyngekortlægning bygger på registerdata og interview med virksomhederne.\n",
    )
    .unwrap();
    pool.index();
    let server = pool.serve(None).await;
    let (_, body) = server.get("/api/search?topic=cluster-mapping").await;
    assert_eq!(body["total"], 1, "{body}");
    assert!(
        body["facets"]["concept"]
            .as_array()
            .unwrap()
            .iter()
            .any(|v| v["value"] == "cluster-mapping")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn excluded_words_stay_excluded_with_expansion() {
    let pool = real_pool();
    pool.index();
    let server = pool.serve(None).await;
    let (_, body) = server
        .get("/api/search?q=benchmarking%20-ESCA&per_page=100")
        .await;
    assert!(body["total"].as_u64().unwrap() > 0);
    for hit in body["hits"].as_array().unwrap() {
        let id = hit["id"].as_str().unwrap();
        let doc = server.engine.document(id).unwrap();
        assert!(
            !doc.text.to_lowercase().contains("esca"),
            "{id} mentions the excluded word"
        );
    }
}

#[test]
fn a_broken_vocabulary_is_reported_but_not_counted_as_a_skipped_file() {
    let pool = Pool::empty();
    std::fs::write(
        pool.corpus.join("vocabulary.yaml"),
        "concepts: [ {id: x, terms: ",
    )
    .unwrap();
    std::fs::write(
        pool.corpus.join("da-notat.md"),
        "---\ntitle: Notat om klyngekortlægning\n---\nKlyngekortlægning giver overblik over en region.\n",
    )
    .unwrap();
    let report = pool.index();
    common::assert_holds_what_it_indexed(&report);
    assert_eq!(report.docs_in_index, 1);
    let problem = report
        .problems
        .iter()
        .find(|p| p.path == "vocabulary.yaml")
        .expect("the broken vocabulary is reported");
    assert!(
        matches!(&problem.reason, Reason::Vocabulary(m) if m.ends_with("indexing without a vocabulary")),
        "{problem:?}"
    );
    // Skipped counts files, and agrees with the per-format counts.
    assert_eq!(report.skipped, 0);
    let per_format: usize = report.by_format.values().map(|f| f.skipped).sum();
    assert_eq!(report.skipped, per_format);
}
