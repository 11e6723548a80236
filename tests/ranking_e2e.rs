//! The ranking through the real server: documents missing a word are ranked, not
//! dropped; a hyphenated word meets its parts anywhere; compounds meet their parts
//! and the reverse; stop words are neither required nor highlighted; a misspelled
//! word finds its documents and `did_you_mean` spells it, while a query spelled
//! right is answered as before; suggestions complete what is typed.

mod common;

use clusterpool::analysis::stopwords::is_stop_word;
use clusterpool::lang::Lang;
use common::{Pool, ids};

fn write(pool: &Pool, name: &str, title: &str, body: &str) {
    let text = format!("---\ntitle: {title}\ntype: tool\n---\n{body}\n");
    std::fs::write(pool.corpus.join(name), text).unwrap();
}

/// Three English tools: one has all three query words, one two, one a single one.
fn survey_pool() -> Pool {
    let pool = Pool::empty();
    write(
        &pool,
        "all-three.md",
        "An annual survey for every member",
        "Every member of the cluster receives the questionnaire in spring. The survey asks \
         how useful the services were and which activities the companies want next year.",
    );
    write(
        &pool,
        "two-of-three.md",
        "A survey of regional innovation support",
        "The questionnaire went to all business development agencies of the region. The \
         survey maps which services exist, who pays for them and how companies find them.",
    );
    write(
        &pool,
        "one-of-three.md",
        "Becoming a member",
        "Companies, universities and municipalities can join. A member pays a yearly fee \
         that depends on the number of employees and takes part in the general assembly.",
    );
    pool
}

fn hit<'a>(body: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    body["hits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["id"] == id)
        .unwrap_or_else(|| panic!("{id} not among the hits: {body}"))
}

#[tokio::test(flavor = "multi_thread")]
async fn a_page_missing_one_word_is_ranked_after_the_pages_with_all_of_them() {
    let pool = survey_pool();
    pool.index();
    let server = pool.serve(None).await;
    let (status, body) = server
        .get("/api/search?q=member%20survey%20questionnaire")
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        ids(&body),
        ["all-three.md", "two-of-three.md", "one-of-three.md"],
        "{body}"
    );
    assert_eq!(body["total"], 3);
    assert_eq!(body["relaxed"], false, "one page has every word");
    assert_eq!(hit(&body, "all-three.md")["missing"], serde_json::json!([]));
    assert_eq!(
        hit(&body, "two-of-three.md")["missing"],
        serde_json::json!(["member"])
    );

    // No page has every word: all are still ranked, and the answer says so.
    let (_, body) = server
        .get("/api/search?q=survey%20questionnaire%20zzyzxnotaword")
        .await;
    assert_eq!(body["relaxed"], true, "{body}");
    // Both pages have two of the three words; BM25 orders them.
    let mut two = ids(&body)[..2].to_vec();
    two.sort();
    assert_eq!(two, ["all-three.md", "two-of-three.md"], "{body}");
    assert_eq!(
        hit(&body, "all-three.md")["missing"],
        serde_json::json!(["zzyzxnotaword"])
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn required_phrases_and_excluded_words_stay_strict() {
    let pool = survey_pool();
    pool.index();
    let server = pool.serve(None).await;
    let (_, body) = server
        .get("/api/search?q=%22member%20of%20the%20cluster%22")
        .await;
    assert_eq!(ids(&body), ["all-three.md"], "{body}");
    let (_, body) = server
        .get("/api/search?q=%22cluster%20of%20the%20member%22")
        .await;
    assert_eq!(body["total"], 0, "{body}");
    let (_, body) = server.get("/api/search?q=survey%20-member").await;
    assert_eq!(ids(&body), ["two-of-three.md"], "{body}");
    let (_, body) = server.get("/api/search?q=%2Bmember%20questionnaire").await;
    assert_eq!(ids(&body), ["all-three.md", "one-of-three.md"], "{body}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_hyphenated_or_slashed_word_matches_its_parts_anywhere() {
    let pool = survey_pool();
    pool.index();
    let server = pool.serve(None).await;
    // The page writes "member" and "survey" apart; the query joins them.
    for q in ["survey-member", "member%2Fsurvey"] {
        let (_, body) = server.get(&format!("/api/search?q={q}")).await;
        assert_eq!(ids(&body)[0], "all-three.md", "{q}: {body}");
        assert_eq!(hit(&body, "all-three.md")["missing"], serde_json::json!([]));
    }
    // Next to each other in order ranks above the parts apart.
    write(
        &pool,
        "adjacent.md",
        "Member survey results",
        "This year's member survey had a high response rate among the participating firms.",
    );
    pool.index();
    server.engine.reload().unwrap();
    let (_, body) = server.get("/api/search?q=member-survey").await;
    assert_eq!(ids(&body)[0], "adjacent.md", "{body}");
}

#[tokio::test(flavor = "multi_thread")]
async fn compounds_meet_their_parts_and_the_reverse() {
    let pool = Pool::from_fixture("corpus");
    pool.index();
    let server = pool.serve(None).await;
    let danish = "case-studies/da-koeleklynge.html";
    // The page writes "Klyngen … projekter"; the query writes the compound.
    let (_, body) = server.get("/api/search?q=klyngeprojekter").await;
    assert!(ids(&body).contains(&danish.to_string()), "{body}");
    // The page writes "Klyngeorganisationen"; the query writes the parts.
    let (_, body) = server.get("/api/search?q=klynge%20organisation").await;
    assert_eq!(ids(&body)[0], danish, "{body}");
    assert_eq!(hit(&body, danish)["missing"], serde_json::json!([]));
    // The hyphenated form meets the compound too.
    let (_, body) = server.get("/api/search?q=klynge-organisation").await;
    assert_eq!(hit(&body, danish)["missing"], serde_json::json!([]));
}

fn marked_words(snippet: &str) -> Vec<String> {
    snippet
        .split("<mark>")
        .skip(1)
        .filter_map(|s| s.split("</mark>").next())
        .map(str::to_lowercase)
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn stop_words_are_not_highlighted_and_a_stop_word_query_still_answers() {
    let pool = Pool::from_corpus();
    pool.index();
    let server = pool.serve(None).await;
    let (_, body) = server
        .get("/api/search?q=cluster%20mapping&per_page=50")
        .await;
    let hits = body["hits"].as_array().unwrap();
    assert!(hits.len() >= 10, "{body}");
    let langs: std::collections::BTreeSet<&str> =
        hits.iter().map(|h| h["lang"].as_str().unwrap()).collect();
    assert!(
        langs.len() >= 5,
        "cross-lingual hits in several languages: {langs:?}"
    );
    for h in hits {
        let lang: Lang = h["lang"].as_str().unwrap().parse().unwrap();
        let snippet = h["snippet"].as_str().unwrap();
        for word in marked_words(snippet) {
            assert!(
                !is_stop_word(lang, &word),
                "{}: stop word {word:?} highlighted in {snippet}",
                h["id"]
            );
        }
    }
    // Stop words in a query with other words are neither required nor counted.
    let (_, body) = server
        .get("/api/search?q=the%20mapping%20of%20clusters")
        .await;
    assert!(body["total"].as_u64().unwrap() > 0);
    assert_eq!(body["hits"][0]["missing"], serde_json::json!([]), "{body}");
    // A query of stop words only is searched as written.
    let (_, body) = server.get("/api/search?q=the%20of").await;
    assert!(body["total"].as_u64().unwrap() > 0, "{body}");
}

async fn search(server: &common::Server, q: &str, extra: &str) -> serde_json::Value {
    let (status, body) = server
        .get(&format!("/api/search?q={}{extra}", urlencode(q)))
        .await;
    assert_eq!(status, 200, "{q}: {body}");
    body
}

#[tokio::test(flavor = "multi_thread")]
async fn a_misspelled_word_finds_its_documents_and_did_you_mean_spells_it() {
    let pool = Pool::from_corpus();
    pool.index();
    let server = pool.serve(None).await;

    // `klastru` is no Latvian word (Polish pages hold it: `klastru` is a Polish
    // form), `kartešana` is: the Latvian spelling nearest it is asked for.
    let body = search(&server, "klastru kartešana", "").await;
    assert_eq!(body["did_you_mean"], "klasteru kartešana", "{body}");
    assert_eq!(
        body["corrections"],
        serde_json::json!([{"written": "klastru", "corrected": "klasteru", "lang": "lv"}])
    );
    let top: Vec<String> = ids(&body).into_iter().take(2).collect();
    for id in [
        "tools/lv-klasteru-kartesana.md",
        "presentations/lv-klasteru-kartesana.pptx",
    ] {
        assert!(top.contains(&id.to_string()), "{id} not first: {top:?}");
    }

    // Filtered to Latvian, a word only other languages' pages hold is a typo.
    let body = search(&server, "klastru", "").await;
    assert_eq!(body["did_you_mean"], serde_json::Value::Null, "{body}");
    let body = search(&server, "klastru", "&lang=lv").await;
    assert_eq!(body["did_you_mean"], "klasteru", "{body}");
    assert!(body["total"].as_u64().unwrap() >= 5, "{body}");

    // A word no document holds in any language is looked for in all of them.
    let body = search(&server, "benchmarkng", "&per_page=50").await;
    assert_eq!(body["did_you_mean"], "benchmarking", "{body}");
    let found = ids(&body);
    for id in [
        "modules/en-advanced-3-excellence-benchmarking.md",
        "tools/sv-benchmarking-klusterorganisation.md",
        "tools/da-benchmarking-klyngeorganisation.html",
        "tools/fr-cartographie-benchmarking-clusters.md",
    ] {
        assert!(found.contains(&id.to_string()), "{id} missing: {found:?}");
    }
    // The word found is what the snippets mark.
    let marked: Vec<String> = body["hits"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|h| marked_words(h["snippet"].as_str().unwrap()))
        .collect();
    assert!(
        marked.iter().any(|w| w.starts_with("benchmark")),
        "{marked:?}"
    );
    // Filtered to a language, the correction is spelt as that language does.
    let body = search(&server, "benchmarkng", "&lang=en").await;
    assert_eq!(body["corrections"][0]["lang"], "en", "{body}");
    assert_eq!(
        ids(&body)[0],
        "modules/en-advanced-3-excellence-benchmarking.md"
    );

    // Two misspelled words: the one no page holds is corrected first, and the
    // other is then looked for among the words of its language.
    let body = search(&server, "membr survay", "").await;
    assert_eq!(body["did_you_mean"], "member survey", "{body}");
    assert_eq!(ids(&body)[0], "tools/en-member-survey-design.md");

    // At most three words of one query are looked up.
    let body = search(
        &server,
        "benchmarkng survay membr kartlaggning kortlaegning",
        "",
    )
    .await;
    assert_eq!(body["corrections"].as_array().unwrap().len(), 3, "{body}");
}

#[tokio::test(flavor = "multi_thread")]
async fn diacritics_left_out_cost_nothing_and_short_or_excluded_words_stay_as_typed() {
    let pool = Pool::from_corpus();
    pool.index();
    let server = pool.serve(None).await;
    // Latvian is folded in the index: no correction is needed at all.
    let body = search(&server, "klasteru kartesana", "").await;
    assert_eq!(body["did_you_mean"], serde_json::Value::Null);
    assert_eq!(ids(&body)[0], "tools/lv-klasteru-kartesana.md");
    // Swedish and Danish keep their letters in the index: a word typed without
    // them is corrected at no cost, to the word with them.
    for (typed, spelt, id) in [
        (
            "kartlaggning",
            "kartläggning",
            "tools/sv-klusterkartlaggning.md",
        ),
        (
            "kortlaegning",
            "kortlægning",
            "tools/da-klyngekortlaegning-vejledning.md",
        ),
    ] {
        let body = search(&server, typed, "").await;
        assert_eq!(body["did_you_mean"], spelt, "{body}");
        assert_eq!(ids(&body)[0], id, "{typed}");
    }
    // Up to four letters a word is meant as typed; an excluded word is never
    // corrected; neither is a code with digits, nor a word in quotes.
    for q in [
        "benc",
        "benchmarking -survay",
        "ISO90001",
        "\"benchmarkng\"",
    ] {
        let body = search(&server, q, "").await;
        assert_eq!(body["did_you_mean"], serde_json::Value::Null, "{q}: {body}");
        assert_eq!(body["corrections"], serde_json::json!([]), "{q}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_query_spelled_right_is_answered_exactly_as_without_typo_tolerance() {
    use clusterpool::search::{Engine, Ranking, SearchRequest};
    let pool = Pool::from_corpus();
    pool.index();
    let tolerant = Engine::open(&pool.index).unwrap();
    let strict = Engine::open(&pool.index).unwrap().with_ranking(Ranking {
        typos: false,
        ..Ranking::default()
    });
    let queries = [
        "cluster mapping",
        "benchmarking",
        "klasteru kartēšana",
        "medlemsundersøgelse",
        "member survey ESCA",
        "internationalisation roadmap",
        "klyngeudvikling Danmark",
        "\"value chain\" -maritime",
        "Klusterprogramm",
        "współpraca klastrów",
        // Words of two languages, each held where the other is not.
        "survey kartēšana",
        "klynge benchmarking",
        "medlemsundersøgelse klasteru",
    ];
    for q in queries {
        let req = SearchRequest::from_pairs([("q", q), ("per_page", "20")]).unwrap();
        let a = tolerant.search(&req).unwrap();
        let b = strict.search(&req).unwrap();
        assert!(a.total > 0, "{q}: nothing found");
        assert_eq!(a.did_you_mean, None, "{q}");
        assert_eq!(a.total, b.total, "{q}");
        let hits = |r: &clusterpool::search::SearchResponse| -> Vec<(String, Option<f32>, String)> {
            r.hits
                .iter()
                .map(|h| (h.id.clone(), h.score, format!("{:?}", h.snippet)))
                .collect()
        };
        assert_eq!(hits(&a), hits(&b), "{q}");
        assert_eq!(format!("{:?}", a.facets), format!("{:?}", b.facets), "{q}");
    }
}

fn urlencode(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
}

/// The `text` of each suggestion of one kind.
fn texts(body: &serde_json::Value, kind: &str) -> Vec<String> {
    body["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["kind"] == kind)
        .map(|s| s["text"].as_str().unwrap().to_string())
        .collect()
}

/// Whether some word of `text` starts with `prefix`, diacritics aside.
fn has_word_starting(text: &str, prefix: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric())
        .any(|w| clusterpool::analysis::fold(w).starts_with(&clusterpool::analysis::fold(prefix)))
}

#[tokio::test(flavor = "multi_thread")]
async fn suggestions_complete_the_words_typed_from_titles_and_concepts() {
    let pool = Pool::from_corpus();
    pool.index();
    let server = pool.serve(None).await;

    let (status, body) = server.get("/api/suggest?q=klas&lang=lv").await;
    assert_eq!(status, 200, "{body}");
    let all = body["suggestions"].as_array().unwrap();
    assert_eq!(all.len(), 8, "{body}");
    assert!(all.iter().all(|s| s["lang"] == "lv"), "{body}");
    assert!(texts(&body, "concept").contains(&"klasteru kartēšana".to_string()));
    let titles = texts(&body, "title");
    assert!(titles.len() >= 4, "{body}");
    for t in &titles {
        assert!(has_word_starting(t, "klas"), "{t}");
    }
    // Whole words must all be there; the last is completed, diacritics aside.
    let (_, body) = server.get("/api/suggest?q=klasteru%20kartes&lang=lv").await;
    let ids: Vec<&str> = body["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["id"].as_str())
        .collect();
    assert_eq!(
        ids.iter()
            .copied()
            .collect::<std::collections::BTreeSet<_>>(),
        [
            "presentations/lv-klasteru-kartesana.pptx",
            "tools/lv-klasteru-kartesana.md"
        ]
        .into_iter()
        .collect(),
        "{body}"
    );
    // Any language when none is asked for; a space after a word completes nothing.
    let (_, body) = server.get("/api/suggest?q=bench").await;
    let langs: std::collections::BTreeSet<&str> = body["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["lang"].as_str().unwrap())
        .collect();
    assert!(langs.len() >= 3, "{body}");
    let (_, body) = server.get("/api/suggest?q=member%20sur&limit=3").await;
    assert_eq!(texts(&body, "concept"), vec!["member survey"]);
    assert_eq!(texts(&body, "title").len(), 2, "{body}");
    for t in texts(&body, "title") {
        assert!(t.to_lowercase().contains("member survey"), "{t}");
    }
    // Titles fill the places first; concepts take any left.
    let (_, body) = server.get("/api/suggest?q=klas&lang=lv&limit=1").await;
    assert_eq!(texts(&body, "title").len(), 1, "{body}");
    assert!(texts(&body, "concept").is_empty(), "{body}");
    let (_, body) = server.get("/api/suggest?q=zzzzq").await;
    assert_eq!(body["suggestions"], serde_json::json!([]));

    // Bad input is a 400 naming the parameter.
    let long = "a".repeat(101);
    for (query, param) in [
        ("q=klas&lang=xx".to_string(), "lang"),
        ("q=klas&lang=LV".to_string(), "lang"),
        ("lang=lv".to_string(), "q"),
        ("q=klas&limit=0".to_string(), "limit"),
        (format!("q={long}"), "q"),
    ] {
        let (status, body) = server.get(&format!("/api/suggest?{query}")).await;
        assert_eq!(status, 400, "{query}: {body}");
        assert!(body.to_string().contains(param), "{query}: {body}");
    }
}
