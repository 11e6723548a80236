//! The HTML pages over real HTTP: results and facet counts for a filtered search,
//! escaping of user input, the document page, the original-file download and the
//! security headers.

mod common;

use std::collections::BTreeSet;

use common::Pool;
use serde_json::Value;

#[tokio::test(flavor = "multi_thread")]
async fn the_search_page_shows_filtered_results_with_disjunctive_counts() {
    let pool = Pool::from_fixture("corpus");
    pool.index();
    let server = pool.serve(None).await;
    let (status, headers, page) = server.text("/?q=klasteru&lang=lv").await;
    assert_eq!(status, 200);
    assert!(
        headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    assert!(
        page.contains(r#"<span id="result-count" data-count="1">1 result</span>"#),
        "{page}"
    );
    assert!(page.contains(
        r#"href="/doc/tools/lv%2Dklasteru%2Dkartesana%2Emd">Klasteru kartēšana Latvijā</a>"#
    ));
    assert!(page.contains("<mark>Klasteru</mark>"));
    // The Latvian box is ticked and counted; other languages keep their counts.
    assert!(page.contains(r#"name="lang" value="lv" checked"#), "{page}");
    assert!(page.contains(r#"Latvian <span class="count">(1)</span>"#));
    // Labels, never raw slugs.
    assert!(page.contains("Training module"));
    assert!(page.contains(">Latvia <span"));
    assert!(page.contains(r#"aria-label="Remove filter Language: Latvian""#));
    let csp = headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"));
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert!(headers.contains_key("referrer-policy"));

    // A misspelled word: the page offers the word as the pool writes it, as a
    // link to that search, in the reader's language.
    let (_, _, page) = server.text("/?q=klasterru&ui=lv").await;
    assert!(
        page.contains(r#"<p class="did-you-mean" id="did-you-mean">Vai domājāt: <a href="/?ui=lv&amp;q=klasteru">klasteru</a>?</p>"#),
        "{page}"
    );
    assert!(page.contains(r#"id="typo-matched""#));
    assert!(page.contains("<mark>Klasteru</mark>"), "{page}");
    let (_, _, page) = server.text("/?q=klasteru").await;
    assert!(!page.contains("did-you-mean") && !page.contains("typo-matched"));
}

#[tokio::test(flavor = "multi_thread")]
async fn user_input_comes_back_as_text() {
    let pool = Pool::from_fixture("corpus");
    pool.index();
    let server = pool.serve(None).await;
    let (status, _, page) = server
        .text("/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E%22%3E")
        .await;
    assert_eq!(status, 200);
    assert!(!page.contains("<script>alert(1)</script>"), "{page}");
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;"));
    assert_eq!(
        page.matches("<script").count(),
        1,
        "only our own script tag"
    );

    let (status, _, page) = server.text("/?q=zzzznothing&country=LV").await;
    assert_eq!(status, 200);
    assert!(page.contains("Nothing in the pool matches"));
    assert!(
        page.contains("without Country: Latvia"),
        "suggests removing the filter: {page}"
    );

    let (status, _, page) = server.text("/?per_page=1000").await;
    assert_eq!(status, 400);
    assert!(page.contains("per_page"));
}

#[tokio::test(flavor = "multi_thread")]
async fn document_page_and_original_file() {
    let pool = Pool::from_fixture("corpus");
    pool.index();
    let server = pool.serve(None).await;
    let (status, _, page) = server.text("/doc/case-studies/da-koeleklynge.html").await;
    assert_eq!(status, 200);
    assert!(
        page.contains("<h1 lang=\"da\">Køleteknologi i en dansk klynge</h1>"),
        "{page}"
    );
    assert!(page.contains("Related material"));
    assert!(page.contains(r#"href="/files/case%2Dstudies/da%2Dkoeleklynge%2Ehtml" download"#));

    // Corpus HTML is a download as plain text, never a page on our origin.
    let (status, headers, body) = server.text("/files/case-studies/da-koeleklynge.html").await;
    assert_eq!(status, 200);
    assert_eq!(headers["content-type"], "text/plain; charset=utf-8");
    assert!(
        headers["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment; filename=\"da-koeleklynge.html\"")
    );
    assert!(body.contains("<title>Køleteknologi"));

    // Only indexed documents, only inside the corpus.
    for bad in [
        "/files/../Cargo.toml",
        "/files/%2e%2e/%2e%2e/etc/passwd",
        "/files/tools/../../index/README.md",
        "/files/programmes/sv-klusterprogram.txt.meta.yaml",
    ] {
        let (status, _, _) = server.text(bad).await;
        assert_eq!(status, 404, "{bad}");
    }
    let (status, _, _) = server.text("/doc/no/such/doc.md").await;
    assert_eq!(status, 404);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_openapi_document_lists_every_route_and_every_route_answers() {
    let pool = Pool::from_fixture("corpus");
    pool.index();
    let server = pool.serve(None).await;
    let (status, doc) = server.get("/api/openapi.json").await;
    assert_eq!(status, 200);
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    let paths: Vec<&str> = doc["paths"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let routes = [
        "/",
        "/doc/{id}",
        "/files/{id}",
        "/static/style.css",
        "/static/app.js",
        "/healthz",
        "/api/search",
        "/api/suggest",
        "/api/facets",
        "/api/documents/{id}",
        "/api/related/{id}",
        "/api/admin/reindex",
        "/api/admin/queries",
        "/api/openapi.json",
        "/feed",
    ];
    let mut expected = routes.to_vec();
    expected.sort();
    let mut listed = paths.clone();
    listed.sort();
    assert_eq!(listed, expected);
    // Every documented route exists in the router (the fallback would say "no such route").
    let id = "tools/en-cluster-mapping.md";
    for route in routes {
        let path = route.replace("{id}", id);
        let resp = if route == "/api/admin/reindex" {
            server.client.post(server.url(&path)).send().await.unwrap()
        } else {
            server.client.get(server.url(&path)).send().await.unwrap()
        };
        let status = resp.status().as_u16();
        let body = resp.text().await.unwrap();
        assert!(!body.contains("no such route"), "{route} is not routed");
        assert!(status < 500, "{route}: {status}");
    }
    // Suggest's limits as the engine enforces them.
    let suggest = &doc["paths"]["/api/suggest"]["get"]["parameters"];
    let param = |name: &str| {
        suggest
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == name)
            .unwrap_or_else(|| panic!("suggest has no {name}: {suggest}"))
            .clone()
    };
    assert_eq!(param("q")["required"], true);
    assert_eq!(
        param("q")["schema"]["maxLength"],
        clusterpool::search::MAX_SUGGEST_CHARS
    );
    assert_eq!(
        param("limit")["schema"]["maximum"],
        clusterpool::search::MAX_SUGGESTIONS
    );
    let search = &doc["paths"]["/api/search"]["get"];
    let params: Vec<&str> = search["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    for p in [
        "q",
        "type",
        "lang",
        "country",
        "topic",
        "audience",
        "org",
        "module",
        "year_from",
        "year_to",
        "page",
        "per_page",
        "sort",
        "cross_lingual",
    ] {
        assert!(params.contains(&p), "{p} is not documented");
    }
    assert!(doc["components"]["schemas"]["ErrorBody"].is_object());
}

#[tokio::test(flavor = "multi_thread")]
async fn pages_and_api_answer_the_same_error_with_the_same_status() {
    let pool = Pool::from_fixture("corpus");
    pool.index();
    let server = pool.serve(None).await;
    for (page, api, status) in [
        ("/?q=x&page=0", "/api/search?q=x&page=0", 400),
        ("/?q=x&year_from=abc", "/api/search?q=x&year_from=abc", 400),
        ("/doc/no/such/doc.md", "/api/documents/no/such/doc.md", 404),
    ] {
        let (page_status, headers, body) = server.text(page).await;
        assert_eq!(page_status, status, "{page}");
        assert!(
            headers["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/html")
        );
        let resp = server.client.get(server.url(api)).send().await.unwrap();
        assert_eq!(resp.status().as_u16(), status, "{api}");
        let json: serde_json::Value = resp.json().await.unwrap();
        // The page says the same in the reader's words: the code's message, and
        // for a bad parameter its name, as the API's message does.
        let code = json["error"]["code"].as_str().unwrap();
        let message = json["error"]["message"].as_str().unwrap();
        let said = match code {
            "invalid_parameter" => {
                let param = page
                    .rsplit(['?', '&'])
                    .next()
                    .unwrap()
                    .split('=')
                    .next()
                    .unwrap();
                assert!(message.contains(param), "{message}");
                format!("“{param}”")
            }
            "not_found" => "There is no such page or document in the pool.".to_string(),
            other => panic!("{other}"),
        };
        assert!(body.contains(&said), "{page}: {said} not in {body}");
        // And in Latvian for a Latvian browser.
        let lv = server
            .client
            .get(server.url(page))
            .header("accept-language", "lv,en;q=0.5")
            .send()
            .await
            .unwrap();
        assert_eq!(lv.status().as_u16(), status);
        let lv = lv.text().await.unwrap();
        assert!(lv.contains(r#"<html lang="lv">"#), "{lv}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_published_schemas_name_exactly_the_keys_the_api_sends() {
    let pool = Pool::from_fixture("corpus");
    // A deck, so hits and documents carry slides, and a broken file, so the
    // report carries a problem.
    std::fs::copy(
        common::fixture("formats/sample.pptx"),
        pool.corpus.join("tools/sample.pptx"),
    )
    .unwrap();
    std::fs::write(
        pool.corpus.join("tools/broken.pptx"),
        b"PK\x03\x04 not a deck",
    )
    .unwrap();
    // The pool's vocabulary, so a query crosses languages (`expanded`, `matched_via`).
    std::fs::copy(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/vocabulary.yaml"),
        pool.corpus.join("vocabulary.yaml"),
    )
    .unwrap();
    pool.index();
    let server = pool.serve(Some("schema-check-token-0123456789")).await;
    let (_, doc) = server.get("/api/openapi.json").await;
    let schemas = &doc["components"]["schemas"];
    let reference =
        |name: &str| serde_json::json!({ "$ref": format!("#/components/schemas/{name}") });
    let mut seen = BTreeSet::new();

    // `klasterru`: a misspelling, so the answer carries its correction.
    for q in [
        "zyxpptxmarker",
        "klasteru",
        "cluster%20mapping",
        "klasterru",
    ] {
        let (status, body) = server.get(&format!("/api/search?q={q}")).await;
        assert_eq!(status, 200);
        assert!(!body["hits"].as_array().unwrap().is_empty(), "{q}");
        common::keys_match(&body, &reference("SearchResponse"), schemas, q, &mut seen);
    }
    let (_, facets) = server.get("/api/facets").await;
    common::keys_match(&facets, &reference("Facets"), schemas, "facets", &mut seen);
    // Both kinds of suggestion (the pool's vocabulary is copied in above).
    let (_, suggestions) = server.get("/api/suggest?q=klas").await;
    let kinds: BTreeSet<&str> = suggestions["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, BTreeSet::from(["concept", "title"]), "{suggestions}");
    common::keys_match(
        &suggestions,
        &reference("Suggestions"),
        schemas,
        "suggest",
        &mut seen,
    );
    let (_, deck) = server.get("/api/documents/tools/sample.pptx").await;
    assert!(!deck["sections"].as_array().unwrap().is_empty());
    common::keys_match(
        &deck,
        &reference("DocumentView"),
        schemas,
        "document",
        &mut seen,
    );
    let (_, related) = server
        .get("/api/related/tools/lv-klasteru-kartesana.md")
        .await;
    assert!(!related.as_array().unwrap().is_empty());
    common::keys_match(
        &related,
        &serde_json::json!({ "type": "array", "items": reference("Related") }),
        schemas,
        "related",
        &mut seen,
    );
    let report: Value = server
        .client
        .post(server.url("/api/admin/reindex"))
        .bearer_auth("schema-check-token-0123456789")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        !report["problems"].as_array().unwrap().is_empty(),
        "{report}"
    );
    common::keys_match(
        &report,
        &reference("IngestReport"),
        schemas,
        "report",
        &mut seen,
    );

    // Every schema of an answer was compared with a real one.
    for name in [
        "SearchResponse",
        "Hit",
        "Facets",
        "FacetValue",
        "Location",
        "MatchedVia",
        "ExpandedConcept",
        "Correction",
        "Suggestions",
        "Suggestion",
        "DocumentView",
        "Related",
        "Section",
        "IngestReport",
        "FormatCount",
        "Problem",
    ] {
        assert!(seen.contains(name), "{name} was never compared: {seen:?}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_route_asked_with_the_wrong_method_answers_405_in_json() {
    let pool = Pool::from_fixture("corpus");
    pool.index();
    let server = pool.serve(None).await;
    for (method, path) in [
        (reqwest::Method::POST, "/api/search?q=x"),
        (
            reqwest::Method::DELETE,
            "/api/documents/tools/en-cluster-mapping.md",
        ),
        (reqwest::Method::GET, "/api/admin/reindex"),
    ] {
        let resp = server
            .client
            .request(method.clone(), server.url(path))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status().as_u16(), 405, "{method} {path}");
        let body: Value = resp.json().await.unwrap();
        assert_eq!(
            body["error"]["code"], "method_not_allowed",
            "{method} {path}"
        );
    }
}
