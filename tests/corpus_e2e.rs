//! The resource pool and the scale generator: `corpus/` indexes with no problem
//! and its README's counts are true; the generator's output at 10,000 documents
//! indexes cleanly and detection agrees with what the generator wrote.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{Pool, copy_dir, facet_counts};

/// The rows of the table under `### By {title}` in a Markdown file.
fn readme_table(readme: &str, title: &str) -> BTreeMap<String, u64> {
    let heading = format!("### By {title}");
    let start = readme
        .find(&heading)
        .unwrap_or_else(|| panic!("no {heading}"));
    readme[start..]
        .lines()
        .skip(1)
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .map(|l| {
            let cells: Vec<&str> = l.trim_matches('|').split('|').map(str::trim).collect();
            (cells[0].to_string(), cells[1].parse().unwrap())
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_pool_indexes_cleanly_and_its_readme_counts_are_true() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let pool = Pool::empty();
    copy_dir(&root, &pool.corpus);
    let report = pool.index();
    assert!(report.problems.is_empty(), "{:#?}", report.problems);
    assert!(report.docs_in_index >= 150);
    let server = pool.serve(None).await;
    let (_, facets) = server.get("/api/facets").await;
    let wrap = serde_json::json!({ "facets": facets });

    assert_eq!(facet_counts(&wrap, "type"), readme_table(&readme, "type"));
    assert_eq!(
        facet_counts(&wrap, "lang"),
        readme_table(&readme, "language")
    );
    assert_eq!(
        facet_counts(&wrap, "country"),
        readme_table(&readme, "country")
    );
    assert_eq!(
        facet_counts(&wrap, "module"),
        readme_table(&readme, "training module")
    );
    let formats: BTreeMap<String, u64> = report
        .by_format
        .iter()
        .map(|(f, c)| (f.clone(), c.indexed as u64))
        .collect();
    assert_eq!(formats, readme_table(&readme, "format"));

    // What the issue asks of the pool.
    let langs = facet_counts(&wrap, "lang");
    assert!(langs.len() >= 10);
    for l in ["en", "da", "sv", "lv"] {
        assert!(langs[l] >= 8, "{l}: {}", langs[l]);
    }
    for l in ["fi", "et", "lt", "pl", "de"] {
        assert!(langs[l] >= 5, "{l}: {}", langs[l]);
    }
    let countries = facet_counts(&wrap, "country");
    for c in ["DK", "SE", "LV", "LT", "EE", "FI", "NO", "PL", "DE", "IS"] {
        assert!(countries.contains_key(c), "{c} missing");
    }
    assert_eq!(facet_counts(&wrap, "module").len(), 8);
    for facet in ["topic", "audience", "org", "concept"] {
        assert!(!facet_counts(&wrap, facet).is_empty(), "{facet} is empty");
    }
    assert!(formats["pdf"] >= 10 && formats["pptx"] >= 10);
    for org in ["REG X", "VINNOVA", "LIAA"] {
        assert!(facet_counts(&wrap, "org").contains_key(org), "{org}");
    }

    // Mixed-language documents are marked, and detection picks the main language.
    let mut mixed = 0;
    for id in server.engine.all_ids().unwrap() {
        let doc = server.engine.document(&id).unwrap();
        if doc.languages.len() >= 2 {
            mixed += 1;
            assert_eq!(doc.lang, doc.languages[0], "{id}: main language");
        }
    }
    assert!(readme.contains("Nine documents mix two languages"));
    assert_eq!(mixed, 9);
}

#[test]
fn generated_corpus_of_10k_indexes_cleanly_and_detection_matches_the_generator() {
    let pool = Pool::generated(10_000, 7);
    let report = pool.index();
    assert!(
        report.problems.is_empty(),
        "{:?}",
        &report.problems[..report.problems.len().min(5)]
    );
    assert_eq!(report.docs_in_index, 10_000);

    let manifest = std::fs::read_to_string(pool.corpus.join("manifest.tsv")).unwrap();
    let truth: BTreeMap<String, String> = manifest
        .lines()
        .map(|l| {
            let mut cols = l.split('\t');
            (
                cols.next().unwrap().to_string(),
                cols.next().unwrap().to_string(),
            )
        })
        .collect();
    let mut expected: BTreeMap<String, u64> = BTreeMap::new();
    for lang in truth.values() {
        *expected.entry(lang.clone()).or_default() += 1;
    }
    let engine = clusterpool::search::Engine::open(&pool.index).unwrap();
    let facets = engine.facets().unwrap();
    let detected: BTreeMap<String, u64> = facets
        .lang
        .iter()
        .map(|v| (v.value.clone(), v.count))
        .collect();
    // Within the detector's accuracy: every language within 1% of what was written.
    for (lang, want) in &expected {
        let got = detected.get(lang).copied().unwrap_or(0);
        let tolerance = (*want as f64 * 0.01).ceil() as u64;
        assert!(
            got.abs_diff(*want) <= tolerance,
            "{lang}: wrote {want}, detected {got}"
        );
    }
    let (total, wrong) = truth.iter().fold((0u64, 0u64), |(t, w), (id, lang)| {
        let doc = engine.document(id).unwrap();
        (t + 1, w + u64::from(&doc.lang != lang))
    });
    assert!(
        wrong * 100 <= total,
        "{wrong} of {total} documents detected in another language"
    );
}
