//! Hostile input and HTTP limits: a corpus of nasty files (deep nesting, huge and
//! NUL-filled files, entity bombs, symlinks out of the corpus, odd and non-UTF-8
//! names, files vanishing mid-run) indexes to the end with every bad file reported
//! and every good one kept; every HTTP limit answers with its status and JSON code.

mod common;

use std::io::Write;
use std::time::Duration;

use clusterpool::http::HttpLimits;
use clusterpool::ingest::Severity;
use common::Pool;

fn docx_with(document_xml: &str) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default();
        zip.start_file("word/document.xml", opts).unwrap();
        zip.write_all(document_xml.as_bytes()).unwrap();
        zip.finish().unwrap();
    }
    buf.into_inner()
}

#[test]
fn a_hostile_corpus_is_indexed_to_the_end_and_every_bad_file_reported() {
    use std::os::unix::ffi::OsStrExt;
    let pool = Pool::from_fixture("corpus");
    let h = pool.corpus.join("hostile");
    std::fs::create_dir_all(&h).unwrap();
    let depth = 100_000;
    std::fs::write(
        h.join("deep.html"),
        format!(
            "<html><body>{}deeply nested words{}</body></html>",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        ),
    )
    .unwrap();
    // 200 MB on one line, without writing 200 MB: a sparse file.
    std::fs::File::create(h.join("one-line.txt"))
        .unwrap()
        .set_len(200 * 1024 * 1024)
        .unwrap();
    std::fs::write(
        h.join("nul.md"),
        "---\ntitle: NUL\n---\nKlynge\0 med\0 nul\0bytes i teksten.\n",
    )
    .unwrap();
    let laughs = r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]><w:document xmlns:w="w"><w:body><w:p><w:r><w:t>laughing &lol9; matter</w:t></w:r></w:p></w:body></w:document>"#;
    std::fs::write(h.join("laughs.docx"), docx_with(laughs)).unwrap();
    let outside = pool.dir.path().join("secret.md");
    std::fs::write(
        &outside,
        "# Secret\nThe outside-secret-word must never be indexed.\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(&outside, h.join("link.md")).unwrap();
    std::os::unix::fs::symlink(pool.dir.path(), h.join("linkdir")).unwrap();
    std::fs::write(
        h.join("name with spaces and \"quotes\" 'too'.md"),
        "Klynger med mellemrum i navnet.\n",
    )
    .unwrap();
    let latin1 = std::ffi::OsStr::from_bytes(b"caf\xe9.md");
    std::fs::write(h.join(latin1), "Kavinė ir klasteris.\n").unwrap();
    std::fs::write(
        h.join(format!("{}.md", "l".repeat(240))),
        "A very long file name about clusters.\n",
    )
    .unwrap();

    // A file that keeps appearing and vanishing while the run reads the corpus.
    let flicker = h.join("flicker.md");
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let flickering = {
        let stop = stop.clone();
        let flicker = flicker.clone();
        std::thread::spawn(move || {
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let _ = std::fs::write(&flicker, "Now you see me.\n");
                let _ = std::fs::remove_file(&flicker);
            }
        })
    };
    let report = pool.index();
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    flickering.join().unwrap();

    assert_eq!(
        report.docs_in_index as usize,
        report.added + report.updated + report.unchanged,
        "the index holds exactly the documents this run indexed or kept"
    );
    let problem = |name: &str| {
        report
            .problems
            .iter()
            .find(|p| p.path == format!("hostile/{name}"))
            .unwrap_or_else(|| panic!("{name} not reported: {:#?}", report.problems))
    };
    assert_eq!(problem("deep.html").severity, Severity::Degraded);
    assert!(problem("deep.html").reason.contains("nested"));
    assert!(problem("one-line.txt").reason.contains("over the limit"));
    assert!(problem("nul.md").reason.contains("control characters"));
    assert!(problem("laughs.docx").reason.contains("not expanded"));
    assert!(problem("link.md").reason.contains("symbolic link"));
    assert!(problem("linkdir").reason.contains("symbolic link"));
    assert!(problem("caf\u{fffd}.md").reason.contains("UTF-8"));
    if let Some(p) = report
        .problems
        .iter()
        .find(|p| p.path == "hostile/flicker.md")
    {
        // Gone before it was opened, or caught empty between create and write.
        assert!(
            p.reason.contains("cannot") || p.reason.contains("no text"),
            "{p:?}"
        );
    }

    // Nothing else lost: the 12 fixtures and every readable hostile file.
    let engine = clusterpool::search::Engine::open(&pool.index).unwrap();
    let search = |q: &str| {
        engine
            .search(
                &clusterpool::search::SearchRequest::from_pairs([
                    ("q", q),
                    ("cross_lingual", "false"),
                ])
                .unwrap(),
            )
            .unwrap()
    };
    assert_eq!(search("pašvaldībai").total, 1, "fixtures are still there");
    assert_eq!(search("deeply nested words").total, 1);
    assert_eq!(search("laughing matter").total, 1);
    assert_eq!(search("mellemrum").total, 1);
    assert_eq!(search("\"long file name\"").total, 1);
    assert_eq!(search("nul").total, 1);
    assert_eq!(
        search("\"outside-secret-word\"").total,
        0,
        "symlinks are not followed"
    );
    let laughs = engine.document("hostile/laughs.docx").unwrap();
    assert_eq!(laughs.text, "laughing matter");
    let spaced = engine
        .document("hostile/name with spaces and \"quotes\" 'too'.md")
        .unwrap();
    assert!(spaced.text.contains("mellemrum"));
}

#[tokio::test(flavor = "multi_thread")]
async fn every_http_limit_answers_with_its_status_and_code() {
    let pool = Pool::from_fixture("corpus");
    pool.index();
    let server = pool.serve(Some("token-for-limits")).await;
    let long_q = "a".repeat(600);
    let facets: String = (0..25).map(|i| format!("&country=C{i}")).collect();
    for (path, param) in [
        (format!("/api/search?q={long_q}"), "q"),
        ("/api/search?page=101&per_page=10".to_string(), "page"),
        (format!("/api/search?q=x{facets}"), "country"),
    ] {
        let (status, body) = server.get(&path).await;
        assert_eq!(status, 400, "{path}");
        assert_eq!(body["error"]["code"], "invalid_parameter");
        assert!(
            body["error"]["message"].as_str().unwrap().contains(param),
            "{body}"
        );
    }

    let resp = server
        .client
        .post(server.url("/api/admin/reindex"))
        .bearer_auth("token-for-limits")
        .body(vec![b'x'; 64 * 1024])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 413);
    let body: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(body["error"]["code"], "payload_too_large");

    // A time limit too short for any search.
    let slow = pool
        .serve_with(
            None,
            HttpLimits {
                request_timeout: Duration::from_nanos(1),
                ..HttpLimits::default()
            },
        )
        .await;
    let (status, body) = slow.get("/api/search?q=klasteru").await;
    assert_eq!(status, 503);
    assert_eq!(body["error"]["code"], "timeout");

    // Two requests in flight at most: a burst gets fast 503s, never an error or a hang.
    let narrow = pool
        .serve_with(
            None,
            HttpLimits {
                max_in_flight: 2,
                ..HttpLimits::default()
            },
        )
        .await;
    let mut tasks = Vec::new();
    for i in 0..40 {
        let client = narrow.client.clone();
        let url = narrow.url(&format!("/api/search?q=klasteru%20{i}&per_page=50"));
        tasks.push(tokio::spawn(async move {
            let resp = client.get(url).send().await.unwrap();
            let status = resp.status().as_u16();
            let body: serde_json::Value = resp.json().await.unwrap();
            (status, body)
        }));
    }
    let mut by_status = std::collections::BTreeMap::new();
    for t in tasks {
        let (status, body) = t.await.unwrap();
        if status == 503 {
            assert_eq!(body["error"]["code"], "overloaded");
        }
        *by_status.entry(status).or_insert(0) += 1;
    }
    assert!(
        by_status.keys().all(|s| *s == 200 || *s == 503),
        "{by_status:?}"
    );
    assert!(
        by_status.get(&200).copied().unwrap_or(0) >= 2,
        "{by_status:?}"
    );
    assert!(
        by_status.contains_key(&503),
        "40 at once against 2 permits: {by_status:?}"
    );
}

#[test]
fn opening_a_mistyped_index_path_is_an_error_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let typo = dir.path().join("indx");
    let err = clusterpool::search::Engine::open(&typo)
        .err()
        .expect("no index there");
    assert!(
        matches!(err, clusterpool::Error::NoIndex(ref p) if p == &typo),
        "{err}"
    );
    assert!(!typo.exists(), "a reader created {}", typo.display());
}
