//! What facilitators follow and what curators learn, over real HTTP: the Atom feed
//! of a search, read by a feed reader's own parser (feed-rs), whose newest entry
//! is the document a curator has just added and reindexed; and the query log,
//! which lists zero-hit searches with their counts only to the admin token,
//! survives a restart of the real `clusterpool serve` process, and stores nothing
//! about who asked.

mod common;

use common::Pool;

const TOKEN: &str = "alerts-test-token-0123456789";

#[tokio::test(flavor = "multi_thread")]
async fn a_search_s_feed_shows_the_document_a_curator_just_added_first() {
    let pool = Pool::from_corpus();
    pool.index();
    let server = pool.serve(Some(TOKEN)).await;
    let feed_url = "/feed?q=biedru+aptauja&lang=lv&lang=lt";

    let read = |body: String| feed_rs::parser::parse(body.as_bytes()).expect("valid Atom");
    let (status, headers, body) = server.text(feed_url).await;
    assert_eq!(status, 200);
    assert!(
        headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/atom+xml")
    );
    let before = read(body);
    assert_eq!(before.feed_type, feed_rs::model::FeedType::Atom);
    assert!(!before.entries.is_empty());
    for e in &before.entries {
        let lang = e
            .categories
            .iter()
            .find(|c| c.scheme.as_deref().is_some_and(|s| s.ends_with("#lang")));
        let lang = lang.map(|c| c.term.as_str()).unwrap_or_default();
        assert!(lang == "lv" || lang == "lt", "{lang}");
    }
    assert!(
        before
            .title
            .as_ref()
            .unwrap()
            .content
            .contains("biedru aptauja")
    );

    // A curator adds a Latvian member-survey note and reindexes; the index run
    // stamps the time (to the millisecond) it entered the pool.
    std::fs::write(
        pool.corpus.join("tools/lv-biedru-aptaujas-rezultati.md"),
        "---\ntitle: Biedru aptaujas rezultātu izmantošana klasterī\ntype: tool\ncountry: [LV]\nyear: 2026\n---\n\
         Kā klastera vadītājs var izmantot biedru aptaujas rezultātus: rezultātu apspriešana valdē, \
         pakalpojumu plāna pārskatīšana un atbilde biedriem par to, kas mainīsies pēc aptaujas.\n",
    )
    .unwrap();
    let resp = server
        .client
        .post(server.url("/api/admin/reindex"))
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);

    let after = read(server.text(feed_url).await.2);
    let newest = &after.entries[0];
    assert!(
        newest
            .id
            .contains("lv%2Dbiedru%2Daptaujas%2Drezultati%2Emd"),
        "{}",
        newest.id
    );
    assert_eq!(
        newest.title.as_ref().unwrap().content,
        "Biedru aptaujas rezultātu izmantošana klasterī"
    );
    let link = &newest.links[0].href;
    assert!(
        link.starts_with("http://127.0.0.1:") && link.contains("/doc/tools/"),
        "{link}"
    );
    let newest_time = newest.updated.unwrap();
    assert!(
        after.entries[1..]
            .iter()
            .all(|e| e.updated.unwrap() < newest_time)
    );
    assert_eq!(after.id, before.id, "the same search keeps its feed id");

    // The results page links its feed for feed readers to find.
    let (_, _, page) = server.text("/?q=biedru+aptauja&lang=lv&lang=lt").await;
    assert!(
        page.contains(r#"rel="alternate" type="application/atom+xml""#)
            && page.contains(r#"href="/feed?q=biedru+aptauja&amp;lang=lv&amp;lang=lt""#),
        "{page}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_bad_feed_parameter_is_a_json_400() {
    let pool = Pool::from_corpus();
    pool.index();
    let server = pool.serve(None).await;
    let (status, body) = server.get("/feed?q=x&year_from=abc").await;
    assert_eq!(status, 400);
    assert_eq!(body["error"]["code"], "invalid_parameter");
    let (status, _) = server.get("/feed?ui=xx").await;
    assert_eq!(status, 400);
}

/// Sends `signal` (SIGINT is Ctrl-C, SIGTERM what service managers send) and
/// waits for the server to stop.
fn interrupt(server: &mut common::ServeProcess, signal: libc::c_int) {
    let pid = server.id() as libc::pid_t;
    // SAFETY: kill(2) with a child's pid and a signal number has no memory effects.
    assert_eq!(unsafe { libc::kill(pid, signal) }, 0);
    let status = server.wait().unwrap();
    assert!(status.success(), "{status}");
}

/// `clusterpool serve` as a process over the indexed `pool`, with the admin token
/// and without the model (the counts do not depend on it), plus `args`.
fn spawn(pool: &Pool, args: &[&str]) -> (common::ServeProcess, String) {
    let mut all = vec!["--no-reindex"];
    all.extend(args);
    let env = [
        ("CLUSTERPOOL_ADMIN_TOKEN", TOKEN),
        ("CLUSTERPOOL_SEMANTIC", "off"),
    ];
    pool.spawn_serve(&all, &env)
}

/// `GET /api/admin/queries` with the token.
async fn admin_queries(client: &reqwest::Client, base: &str) -> reqwest::Response {
    client
        .get(format!("{base}/api/admin/queries"))
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn zero_hit_searches_are_listed_for_curators_and_survive_a_restart() {
    let pool = Pool::from_corpus();
    pool.index();
    let (mut server, base) = spawn(&pool, &[]);
    let client = reqwest::Client::new();
    let get = |path: &str| {
        client
            .get(format!("{base}{path}"))
            .header("user-agent", "Facilitator-Browser/1.0 (Riga)")
            .header("cookie", "session=person-42")
            .send()
    };
    for _ in 0..3 {
        assert_eq!(get("/api/search?q=zzqx+qqzv").await.unwrap().status(), 200);
    }
    assert_eq!(get("/?q=Zzqx%20QQZV&lang=lv").await.unwrap().status(), 200);
    assert_eq!(get("/api/search?q=klasteri").await.unwrap().status(), 200);

    // Only with the token.
    let no_token = client
        .get(format!("{base}/api/admin/queries"))
        .send()
        .await
        .unwrap();
    assert_eq!(no_token.status(), 401);
    let report = async |base: &str| {
        let resp = admin_queries(&client, base).await;
        assert_eq!(resp.status(), 200);
        resp.json::<serde_json::Value>().await.unwrap()
    };
    let first = report(&base).await;
    let zero = &first["zero_or_few_hits"];
    assert_eq!(zero[0]["query"], "zzqx qqzv");
    assert_eq!(zero[0]["count"], 3);
    assert_eq!(zero[0]["zero_hits"], 3);
    assert_eq!(zero[1]["filters"]["lang"][0], "lv");
    assert!(
        first["top"]
            .as_array()
            .unwrap()
            .iter()
            .any(|q| q["query"] == "klasteri")
    );

    // Stopped as a service manager stops it, and started again: the counts are
    // still there.
    interrupt(&mut server, libc::SIGTERM);
    let file = pool.index.join(clusterpool::querylog::FILE);
    let stored = std::fs::read_to_string(&file).expect("the log was written on stop");
    for personal in [
        "127.0.0.1",
        "Facilitator-Browser",
        "Riga",
        "person-42",
        "session",
    ] {
        assert!(!stored.contains(personal), "{personal} stored in {stored}");
    }
    let (mut again, base) = spawn(&pool, &[]);
    let second = report(&base).await;
    assert_eq!(second["zero_or_few_hits"][0]["count"], 3);
    assert_eq!(second["distinct"], first["distinct"]);

    // The command line prints the same list.
    interrupt(&mut again, libc::SIGINT);
    let out = pool.cli().args(["queries", "--json"]).output().unwrap();
    assert!(out.status.success());
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(printed["zero_or_few_hits"][0]["query"], "zzqx qqzv");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_read_replica_writes_no_query_log() {
    let pool = Pool::from_corpus();
    pool.index();
    let (mut server, base) = spawn(&pool, &["--read-only"]);
    let client = reqwest::Client::new();
    let resp = client
        .get(format!("{base}/api/search?q=zzqx+qqzv"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    interrupt(&mut server, libc::SIGTERM);
    assert!(!pool.index.join(clusterpool::querylog::FILE).exists());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_server_told_not_to_count_keeps_no_log() {
    let pool = Pool::from_corpus();
    pool.index();
    let (mut server, base) = spawn(&pool, &["--no-query-log"]);
    let client = reqwest::Client::new();
    client
        .get(format!("{base}/api/search?q=klasteri"))
        .send()
        .await
        .unwrap();
    assert_eq!(admin_queries(&client, &base).await.status(), 404);
    interrupt(&mut server, libc::SIGINT);
    assert!(!pool.index.join(clusterpool::querylog::FILE).exists());
}
