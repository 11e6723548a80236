//! Hostile input and HTTP limits: a corpus of nasty files (deep nesting, huge and
//! NUL-filled files, entity bombs, symlinks out of the corpus, odd and non-UTF-8
//! names, files that vanish or empty between discovery and reading) indexes to the end with every bad file reported
//! and every good one kept; every HTTP limit answers with its status and JSON code.

mod common;

use std::io::Write;
use std::time::Duration;

use clusterpool::http::HttpLimits;
use clusterpool::ingest::{Severity, Skip};
use common::{Gate, Pool, copy_dir, fixture};

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

    let report = pool.index();

    common::assert_holds_what_it_indexed(&report);
    let problem = |name: &str| {
        report
            .problems
            .iter()
            .find(|p| p.path == format!("hostile/{name}"))
            .unwrap_or_else(|| panic!("{name} not reported: {:#?}", report.problems))
    };
    // Indexed with parts ignored: the warning says which.
    let warned = |name: &str, what: &str| {
        let p = problem(name);
        assert_eq!(p.severity(), Severity::Degraded, "{p:?}");
        assert!(p.reason.to_string().contains(what), "{p:?}");
    };
    warned("deep.html", "nested");
    warned("nul.md", "control characters");
    warned("laughs.docx", "not expanded");
    // Not indexed: the kind of skip.
    let skipped = |name: &str| problem(name).skip().cloned();
    assert!(
        matches!(
            skipped("one-line.txt"),
            Some(Skip::TooLarge {
                bytes: 209_715_200,
                ..
            })
        ),
        "{:?}",
        problem("one-line.txt")
    );
    assert_eq!(skipped("link.md"), Some(Skip::Symlink));
    assert_eq!(skipped("linkdir"), Some(Skip::Symlink));
    assert_eq!(skipped("caf\u{fffd}.md"), Some(Skip::BadName));
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

    // The in-flight cap is tested beside the guard (`http::limits`), with a request
    // held in flight by the test rather than a burst that races the clock.
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

#[test]
fn a_file_that_vanishes_or_empties_after_discovery_costs_only_itself() {
    let pool = Pool::from_fixture("corpus");
    // The gate is the first file; more than one batch (256 files) follows, so the
    // run has discovered everything and is extracting the first batch when it
    // stops there. Two files of a later batch then change under it.
    Gate::place_pdf(&pool.corpus, "aaa-gate/first.pdf");
    for i in 0..22 {
        copy_dir(
            &fixture("corpus"),
            &pool.corpus.join(format!("bulk/{i:02}")),
        );
    }
    let vanishing = pool.corpus.join("zz/vanishing.md");
    let emptied = pool.corpus.join("zz/emptied.md");
    std::fs::create_dir_all(vanishing.parent().unwrap()).unwrap();
    std::fs::write(&vanishing, "Klyngen forsvinder snart.\n").unwrap();
    std::fs::write(&emptied, "Klyngen bliver tom.\n").unwrap();
    let gate = Gate::new();
    let helper = gate.helper.clone();
    let run = std::thread::spawn({
        let opts = {
            let mut o = pool.options();
            o.ctx.pdf_helper = Some(helper);
            o.ctx.limits.timeout = Gate::PDF_TIME_LIMIT;
            o
        };
        move || clusterpool::index::run(&opts).expect("the run commits")
    });
    gate.wait_reached();
    std::fs::remove_file(&vanishing).unwrap();
    std::fs::write(&emptied, "").unwrap();
    gate.release();
    let report = run.join().unwrap();

    let reason = |id: &str| {
        let p = report
            .problems
            .iter()
            .find(|p| p.path == id)
            .unwrap_or_else(|| panic!("{id} not reported: {:#?}", report.problems));
        p.skip().cloned()
    };
    assert!(
        matches!(reason("zz/vanishing.md"), Some(Skip::Open(_))),
        "{:?}",
        report.problems
    );
    assert_eq!(reason("zz/emptied.md"), Some(Skip::NoText));
    assert_eq!(report.problems.len(), 2, "{:#?}", report.problems);
    assert_eq!(report.files_seen, 12 * 23 + 3);
    assert_eq!(report.docs_in_index, 12 * 23 + 1);
}
