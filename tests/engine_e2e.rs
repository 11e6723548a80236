//! The engine end to end: the 12-language fixture corpus through the real
//! extractors, a real index and a real HTTP server on 127.0.0.1:0.

mod common;

use std::collections::BTreeMap;

use common::{Pool, facet_counts};

/// What each fixture is, written down by hand from the fixture files: the
/// independent count the facet counts are checked against.
struct Expected {
    id: &'static str,
    lang: &'static str,
    doc_type: &'static str,
    country: &'static [&'static str],
    topics: &'static [&'static str],
    audience: &'static [&'static str],
}

const FIXTURES: &[Expected] = &[
    Expected {
        id: "tools/en-cluster-mapping.md",
        lang: "en",
        doc_type: "tool",
        country: &["DK", "SE"],
        topics: &["cluster-mapping"],
        audience: &["facilitator"],
    },
    Expected {
        id: "case-studies/da-koeleklynge.html",
        lang: "da",
        doc_type: "case-study",
        country: &["DK"],
        topics: &["value-chains", "green-transition"],
        audience: &["facilitator", "business-support"],
    },
    Expected {
        id: "programmes/sv-klusterprogram.txt",
        lang: "sv",
        doc_type: "programme",
        country: &["SE"],
        topics: &["policy-design", "evaluation"],
        audience: &["policy"],
    },
    Expected {
        id: "tools/lv-klasteru-kartesana.md",
        lang: "lv",
        doc_type: "tool",
        country: &["LV"],
        topics: &["cluster-mapping"],
        audience: &["facilitator", "policy"],
    },
    Expected {
        id: "case-studies/lt-lazeriu-klasteris.md",
        lang: "lt",
        doc_type: "case-study",
        country: &["LT"],
        topics: &["internationalisation", "value-chains"],
        audience: &["business-support"],
    },
    Expected {
        id: "programmes/et-klastriprogramm.md",
        lang: "et",
        doc_type: "programme",
        country: &["EE"],
        topics: &["policy-design", "financing"],
        audience: &["policy"],
    },
    Expected {
        id: "tools/pl-mapowanie-klastrow.html",
        lang: "pl",
        doc_type: "tool",
        country: &["PL", "DE"],
        topics: &["cluster-mapping", "benchmarking"],
        audience: &["facilitator"],
    },
    Expected {
        id: "case-studies/de-maritimes-cluster.md",
        lang: "de",
        doc_type: "case-study",
        country: &["DE", "DK"],
        topics: &["transnational-cooperation", "internationalisation"],
        audience: &["facilitator", "business-support"],
    },
    Expected {
        id: "tools/fi-jasenkysely.md",
        lang: "fi",
        doc_type: "tool",
        country: &["FI"],
        topics: &["member-survey"],
        audience: &["facilitator"],
    },
    Expected {
        id: "tools/ru-anketirovanie.md",
        lang: "ru",
        doc_type: "tool",
        country: &["LV", "EE"],
        topics: &["member-survey"],
        audience: &["facilitator"],
    },
    Expected {
        id: "case-studies/no-havteknologi.md",
        lang: "no",
        doc_type: "case-study",
        country: &["NO"],
        topics: &["value-chains", "skills"],
        audience: &["business-support"],
    },
    Expected {
        id: "programmes/fr-poles-competitivite.md",
        lang: "fr",
        doc_type: "programme",
        country: &["FR", "SE"],
        topics: &["policy-design"],
        audience: &["policy"],
    },
];

fn count<'a>(values: impl Iterator<Item = &'a str>) -> BTreeMap<String, u64> {
    let mut out = BTreeMap::new();
    for v in values {
        *out.entry(v.to_string()).or_default() += 1;
    }
    out
}

#[tokio::test(flavor = "multi_thread")]
async fn every_fixture_gets_its_language_and_facets_match_an_independent_count() {
    let pool = Pool::from_fixture("corpus");
    let report = pool.index();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(report.docs_in_index, FIXTURES.len() as u64);
    let server = pool.serve(None).await;

    let (status, body) = server.get("/api/search?per_page=100").await;
    assert_eq!(status, 200);
    let hits = body["hits"].as_array().unwrap();
    assert_eq!(hits.len(), FIXTURES.len());
    for e in FIXTURES {
        let hit = hits
            .iter()
            .find(|h| h["id"] == e.id)
            .unwrap_or_else(|| panic!("{} missing", e.id));
        assert_eq!(hit["lang"], e.lang, "language of {}", e.id);
    }

    let (status, facets) = server.get("/api/facets").await;
    assert_eq!(status, 200);
    let wrap = serde_json::json!({ "facets": facets });
    assert_eq!(
        facet_counts(&wrap, "lang"),
        count(FIXTURES.iter().map(|e| e.lang))
    );
    assert_eq!(
        facet_counts(&wrap, "type"),
        count(FIXTURES.iter().map(|e| e.doc_type))
    );
    assert_eq!(
        facet_counts(&wrap, "country"),
        count(FIXTURES.iter().flat_map(|e| e.country.iter().copied()))
    );
    assert_eq!(
        facet_counts(&wrap, "topic"),
        count(FIXTURES.iter().flat_map(|e| e.topics.iter().copied()))
    );
    assert_eq!(
        facet_counts(&wrap, "audience"),
        count(FIXTURES.iter().flat_map(|e| e.audience.iter().copied()))
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn stemming_finds_other_forms_of_a_word_in_lv_lt_et_pl() {
    let pool = Pool::from_fixture("corpus");
    pool.index();
    let server = pool.serve(None).await;
    // Each query word is a form that does not occur in the document; the document
    // has another form of the same word.
    let cases = [
        ("pašvaldībai", "tools/lv-klasteru-kartesana.md"),
        ("klasterim", "tools/lv-klasteru-kartesana.md"),
        ("klasteriui", "case-studies/lt-lazeriu-klasteris.md"),
        ("klastritele", "programmes/et-klastriprogramm.md"),
        ("klastrami", "tools/pl-mapowanie-klastrow.html"),
    ];
    for (query, id) in cases {
        let doc = std::fs::read_to_string(pool.corpus.join(id)).unwrap();
        assert!(
            !doc.to_lowercase().contains(query),
            "{query} must not occur literally in {id}"
        );
        let (status, body) = server
            .get(&format!("/api/search?q={}", urlencode(query)))
            .await;
        assert_eq!(status, 200);
        let ids: Vec<&str> = body["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["id"].as_str().unwrap())
            .collect();
        assert!(ids.contains(&id), "{query} should find {id}, found {ids:?}");
        let hit = &body["hits"][ids.iter().position(|i| *i == id).unwrap()];
        assert!(
            hit["snippet"].as_str().unwrap().contains("<mark>"),
            "snippet highlights the match: {hit}"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn facet_counts_are_disjunctive() {
    let pool = Pool::from_fixture("corpus");
    pool.index();
    let server = pool.serve(None).await;
    let (_, all) = server.get("/api/search").await;
    let (status, lv) = server.get("/api/search?lang=lv").await;
    assert_eq!(status, 200);
    assert_eq!(lv["total"], 1);
    // The language facet ignores its own filter: every language is still offered.
    assert_eq!(facet_counts(&lv, "lang"), facet_counts(&all, "lang"));
    // Other facets narrow to the Latvian document.
    assert_eq!(
        facet_counts(&lv, "type"),
        BTreeMap::from([("tool".to_string(), 1)])
    );
    assert_eq!(
        facet_counts(&lv, "country"),
        BTreeMap::from([("LV".to_string(), 1)])
    );

    // Two languages are OR; adding a type filter is AND and narrows the lang facet.
    let (_, two) = server.get("/api/search?lang=lv&lang=da").await;
    assert_eq!(two["total"], 2);
    let (_, narrowed) = server.get("/api/search?lang=lv&lang=da&type=tool").await;
    assert_eq!(narrowed["total"], 1);
    let langs = facet_counts(&narrowed, "lang");
    assert_eq!(langs.get("lv"), Some(&1));
    assert_eq!(
        langs.get("da"),
        Some(&0),
        "the Danish case study is not a tool; the selected value stays listed at 0"
    );
    assert_eq!(
        langs.get("en"),
        Some(&1),
        "the English tool stays countable"
    );
    // The type facet ignores the type filter but respects the language filter.
    assert_eq!(
        facet_counts(&narrowed, "type"),
        BTreeMap::from([("tool".to_string(), 1), ("case-study".to_string(), 1)])
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_parameters_are_400_naming_the_parameter() {
    let pool = Pool::from_fixture("corpus");
    pool.index();
    let server = pool.serve(None).await;
    for (query, param) in [
        ("per_page=0", "per_page"),
        ("per_page=500", "per_page"),
        ("year_from=soon", "year_from"),
        ("year_to=20x0", "year_to"),
        ("sort=random", "sort"),
        ("page=0", "page"),
        ("lang=klingon", "lang"),
        ("colour=red", "colour"),
    ] {
        let (status, body) = server.get(&format!("/api/search?{query}")).await;
        assert_eq!(status, 400, "{query}");
        assert_eq!(body["error"]["code"], "invalid_parameter", "{query}");
        let message = body["error"]["message"].as_str().unwrap();
        assert!(message.contains(param), "{query}: {message}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn malformed_query_still_answers_and_unknown_document_is_404() {
    let pool = Pool::from_fixture("corpus");
    pool.index();
    let server = pool.serve(None).await;
    let (status, body) = server.get("/api/search?q=%22cluster%20AND%20(").await;
    assert_eq!(status, 200, "{body}");
    assert!(body["total"].as_u64().unwrap() >= 1, "{body}");

    let (status, body) = server.get("/api/documents/tools/no-such-file.md").await;
    assert_eq!(status, 404);
    assert_eq!(body["error"]["code"], "not_found");

    let (status, body) = server
        .get("/api/documents/tools/lv-klasteru-kartesana.md")
        .await;
    assert_eq!(status, 200);
    assert_eq!(body["lang"], "lv");
    assert_eq!(body["module"], "basic-1");
    assert!(body["text"].as_str().unwrap().contains("pašvaldībām"));

    let (status, body) = server.get("/healthz").await;
    assert_eq!(status, 200);
    assert_eq!(body["docs"], 12);
}

#[tokio::test(flavor = "multi_thread")]
async fn pages_with_every_word_rank_first_and_phrases_stay_strict() {
    let pool = Pool::from_fixture("corpus");
    pool.index();
    let server = pool.serve(None).await;
    let (_, both) = server.get("/api/search?q=cluster%20map").await;
    assert_eq!(both["relaxed"], false);
    assert_eq!(both["hits"][0]["id"], "tools/en-cluster-mapping.md");
    assert_eq!(both["hits"][0]["missing"], serde_json::json!([]));
    // No document has both words: partial matches are ranked instead of nothing.
    let (_, relaxed) = server.get("/api/search?q=cluster%20zzyzxnotaword").await;
    assert_eq!(relaxed["relaxed"], true);
    assert!(relaxed["total"].as_u64().unwrap() >= 1);
    // A quoted phrase must match in order.
    let (_, phrase) = server.get("/api/search?q=%22business%20register%22").await;
    assert_eq!(phrase["total"], 1);
    let (_, wrong_order) = server.get("/api/search?q=%22register%20business%22").await;
    assert_eq!(wrong_order["total"], 0);
}

#[test]
fn broken_files_are_reported_and_everything_else_is_indexed() {
    let pool = Pool::from_fixture("corpus");
    std::fs::create_dir_all(pool.corpus.join("broken")).unwrap();
    std::fs::write(
        pool.corpus.join("broken/latin1.txt"),
        b"Klynge p\xe5 dansk \xf8\n",
    )
    .unwrap();
    std::fs::write(
        pool.corpus.join("broken/bad-front-matter.md"),
        "---\ntitle: [unclosed\ncountry: DK\n---\nKlyngen hjælper virksomheder med nye projekter.\n",
    )
    .unwrap();
    let report = pool.index();
    common::assert_holds_what_it_indexed(&report);
    let find = |path: &str| {
        report
            .problems
            .iter()
            .find(|p| p.path == path)
            .unwrap_or_else(|| panic!("{path} not reported: {:?}", report.problems))
    };
    let latin1 = find("broken/latin1.txt");
    assert_eq!(latin1.skip(), Some(&clusterpool::ingest::Skip::NotUtf8(8)));
    let fm = find("broken/bad-front-matter.md");
    let warning = fm.reason.to_string();
    assert_eq!(fm.severity(), clusterpool::ingest::Severity::Degraded);
    assert!(
        warning.contains("front matter") && warning.contains("line"),
        "{warning}"
    );
    // Every fixture plus the degraded Markdown file (its text is still useful).
    assert_eq!(report.docs_in_index, FIXTURES.len() as u64 + 1);
    assert_eq!(report.skipped, 1);
    assert_eq!(report.degraded, 1);
    let saved: serde_json::Value =
        serde_json::from_slice(&std::fs::read(pool.index.join("ingest-report.json")).unwrap())
            .unwrap();
    assert_eq!(saved["skipped"], 1);
}

fn urlencode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_document_in_no_language_is_und_and_still_searchable() {
    let pool = Pool::from_fixture("corpus");
    std::fs::write(
        pool.corpus.join("tools/figures.txt"),
        "2019 2020 2021\n4711 0815 2026\n",
    )
    .unwrap();
    let report = pool.index();
    assert_eq!(report.by_lang.get("und"), Some(&1), "{:?}", report.by_lang);
    let server = pool.serve(None).await;
    let (_, body) = server.get("/api/search?q=4711").await;
    assert_eq!(body["total"], 1);
    assert_eq!(body["hits"][0]["lang"], "und");
    assert!(body["hits"][0]["lang_confidence"].as_f64().unwrap() < 0.4);
}

/// Every request of `qs` × a few filter sets, answered by engines that count facets
/// one way each, gives the same answer (hits, totals, facet counts) from all.
fn assert_facet_counting_agrees(pool: &Pool) {
    use clusterpool::search::{Engine, FacetCounting, SearchRequest};
    let engines = [
        FacetCounting::Auto,
        FacetCounting::Ordinals,
        FacetCounting::Sets,
    ]
    .map(|c| {
        Engine::open(&pool.index)
            .expect("open engine")
            .with_facet_counting(c)
    });
    let ask = |engine: &Engine, pairs: &[(&str, String)]| {
        let req = SearchRequest::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())))
            .expect("valid request");
        let mut answer = serde_json::to_value(clusterpool::http::present::SearchAnswer::from(
            engine.search(&req).expect("search"),
        ))
        .unwrap();
        answer.as_object_mut().unwrap().remove("took_ms");
        answer
    };
    // Queries and filters from the index itself: words of the first titles, the
    // most frequent language, type and year.
    let everything = ask(&engines[0], &[]);
    let facet = |name: &str, i: usize| {
        everything["facets"][name][i]["value"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let (lang, other_lang, doc_type) = (facet("lang", 0), facet("lang", 1), facet("type", 0));
    let year = facet("year", 0);
    let mut queries = vec![String::new()];
    for hit in everything["hits"].as_array().unwrap().iter().take(4) {
        let title = hit["title"].as_str().unwrap();
        let words: Vec<&str> = title
            .split_whitespace()
            .filter(|w| w.chars().count() > 3)
            .collect();
        queries.extend(words.iter().take(2).map(|w| w.to_string()));
        queries.push(words.join(" "));
    }
    let filters: Vec<Vec<(&str, String)>> = vec![
        vec![],
        vec![("lang", lang.clone())],
        vec![
            ("lang", lang.clone()),
            ("lang", other_lang),
            ("type", doc_type.clone()),
        ],
        vec![("type", doc_type), ("year_from", year.clone())],
        vec![("lang", lang), ("year_to", year)],
    ];
    let mut counted = 0;
    for q in &queries {
        for f in &filters {
            let mut pairs = vec![("q", q.clone())];
            pairs.extend(f.iter().cloned());
            let answers: Vec<_> = engines.iter().map(|e| ask(e, &pairs)).collect();
            assert_eq!(answers[0], answers[1], "auto vs ordinals for {pairs:?}");
            assert_eq!(answers[1], answers[2], "ordinals vs sets for {pairs:?}");
            counted += answers[0]["total"].as_u64().unwrap();
        }
    }
    assert!(
        counted > 0,
        "the requests matched nothing: the comparison says nothing"
    );
}

#[test]
fn facet_counts_are_the_same_whichever_way_they_are_counted() {
    let pool = Pool::from_corpus();
    pool.index();
    assert_facet_counting_agrees(&pool);

    // A generated corpus, large enough for several segments and many matches.
    let generated = Pool::generated(3000, 11);
    generated.index();
    assert_facet_counting_agrees(&generated);
}
