//! Curators: incremental reindexing, reindex while serving, the admin token, one
//! writer at a time, and an indexing process killed with SIGKILL.

mod common;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Stdio;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use common::{Gate, Pool, Server, copy_dir, fixture};

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

async fn total(server: &Server, q: &str) -> u64 {
    let (status, body) = server.get(&format!("/api/search?q={q}")).await;
    assert_eq!(status, 200, "{body}");
    body["total"].as_u64().unwrap()
}

async fn reindex(server: &Server, token: Option<&str>) -> (u16, serde_json::Value) {
    let mut req = server.client.post(server.url("/api/admin/reindex"));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    let resp = req.send().await.unwrap();
    let status = resp.status().as_u16();
    (status, resp.json().await.unwrap())
}

/// Runs `clusterpool index` as its own process, as a curator would.
fn index_in_another_process(pool: &Pool) {
    let status = pool
        .cli()
        .arg("index")
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
}

const TOKEN: &str = "curator-secret-0123456789";

#[tokio::test(flavor = "multi_thread")]
async fn add_change_delete_through_the_admin_endpoint() {
    let pool = Pool::from_fixture("corpus");
    pool.index();
    let server = pool.serve(Some(TOKEN)).await;
    let file = pool.corpus.join("tools/en-new-tool.md");

    write(
        &file,
        "---\ntitle: New tool\ntype: tool\n---\nThe quorblewick method helps cluster managers plan member meetings.\n",
    );
    let (status, report) = reindex(&server, Some(TOKEN)).await;
    assert_eq!(status, 200, "{report}");
    assert_eq!(report["added"], 1);
    assert_eq!(report["updated"], 0);
    assert_eq!(total(&server, "quorblewick").await, 1);

    write(
        &file,
        "---\ntitle: New tool\ntype: tool\n---\nThe zindlethorpe method helps cluster managers plan member meetings.\n",
    );
    let (_, report) = reindex(&server, Some(TOKEN)).await;
    assert_eq!(report["updated"], 1);
    assert_eq!(total(&server, "quorblewick").await, 0);
    assert_eq!(total(&server, "zindlethorpe").await, 1);

    // A sidecar change is a change too.
    let txt = pool
        .corpus
        .join("programmes/sv-klusterprogram.txt.meta.yaml");
    let sidecar = std::fs::read_to_string(&txt)
        .unwrap()
        .replace("year: 2018", "year: 2019");
    std::fs::write(&txt, sidecar).unwrap();
    let (_, report) = reindex(&server, Some(TOKEN)).await;
    assert_eq!(report["updated"], 1, "{report}");

    std::fs::remove_file(&file).unwrap();
    let (_, report) = reindex(&server, Some(TOKEN)).await;
    assert_eq!(report["removed"], 1);
    assert_eq!(total(&server, "zindlethorpe").await, 0);

    let (_, report) = reindex(&server, Some(TOKEN)).await;
    assert_eq!(
        (report["added"].as_u64(), report["updated"].as_u64()),
        (Some(0), Some(0))
    );
    assert_eq!(report["unchanged"], 12);
}

#[tokio::test(flavor = "multi_thread")]
async fn admin_needs_the_right_token_and_is_off_without_one() {
    let pool = Pool::from_fixture("corpus");
    pool.index();
    let server = pool.serve(Some(TOKEN)).await;
    let (status, body) = reindex(&server, None).await;
    assert_eq!(status, 401);
    assert_eq!(body["error"]["code"], "unauthorized");
    let (status, _) = reindex(&server, Some("curator-secret-0123456788")).await;
    assert_eq!(status, 401);
    let (status, body) = reindex(&server, Some(TOKEN)).await;
    assert_eq!(status, 200);
    assert_eq!(body["docs_in_index"], 12, "{body}");

    let open = pool.serve(None).await;
    let (status, body) = reindex(&open, Some(TOKEN)).await;
    assert_eq!(status, 403);
    assert_eq!(body["error"]["code"], "admin_disabled");
}

/// Many new documents so a run takes long enough for a second one to collide.
fn add_bulk(pool: &Pool, copies: usize) {
    for i in 0..copies {
        copy_dir(
            &fixture("corpus"),
            &pool.corpus.join(format!("bulk/{i:03}")),
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn only_one_indexing_run_at_a_time() {
    let pool = Pool::from_fixture("corpus");
    pool.index();
    let server = pool.serve(Some(TOKEN)).await;

    // A writer held by another party (as another process would) makes reindex 409.
    let (index, _) = clusterpool::index::open(&pool.index).unwrap();
    let held: tantivy::IndexWriter = index.writer(15_000_000).unwrap();
    let (status, body) = reindex(&server, Some(TOKEN)).await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["error"]["code"], "index_busy");
    drop(held);

    // A second run while the first is held mid-way at the gate is told to come
    // back; the first then finishes.
    add_bulk(&pool, 2);
    Gate::place_pdf(&pool.corpus, "zz-late/report.pdf");
    let gate = Arc::new(Gate::new());
    let gated = pool.serve_gated(Some(TOKEN), &gate).await;
    let (first, second) = tokio::join!(reindex(&gated, Some(TOKEN)), async {
        at_gate(&gate, Gate::wait_reached).await;
        let second = reindex(&gated, Some(TOKEN)).await;
        at_gate(&gate, Gate::release).await;
        second
    });
    assert_eq!(second.0, 409, "{second:?}");
    assert_eq!(second.1["error"]["code"], "index_busy");
    assert_eq!(first.0, 200, "{first:?}");
    assert_eq!(gated.engine.num_docs(), 12 * 3 + 1);
    drop(server);
}

/// Runs one of the gate's blocking steps off the async threads.
async fn at_gate(gate: &Arc<Gate>, step: fn(&Gate)) {
    let gate = gate.clone();
    tokio::task::spawn_blocking(move || step(&gate))
        .await
        .expect("gate step");
}

#[tokio::test(flavor = "multi_thread")]
async fn searches_never_fail_during_a_reindex() {
    let pool = Pool::from_fixture("corpus");
    pool.index();
    let gate = Arc::new(Gate::new());
    let server = pool.serve_gated(Some(TOKEN), &gate).await;
    add_bulk(&pool, 30);
    Gate::place_pdf(&pool.corpus, "zz-late/report.pdf");
    let query = "/api/search?q=klasteru&lang=lv&lang=en";
    let done = AtomicBool::new(false);
    let (report, (held, across)) = tokio::join!(
        async {
            let report = reindex(&server, Some(TOKEN)).await;
            done.store(true, Ordering::SeqCst);
            report
        },
        async {
            at_gate(&gate, Gate::wait_reached).await;
            // Mid-way: files added to the writer, nothing committed.
            let mut held = BTreeSet::new();
            for _ in 0..10 {
                held.insert(total_of(&server, query).await);
            }
            at_gate(&gate, Gate::release).await;
            // While the run finishes and commits.
            let mut across = BTreeSet::new();
            while !done.load(Ordering::SeqCst) {
                across.insert(total_of(&server, query).await);
            }
            (held, across)
        }
    );
    assert_eq!(report.0, 200, "{report:?}");
    assert_eq!(
        held,
        BTreeSet::from([1]),
        "the old state while the run is held"
    );
    assert!(
        across.iter().all(|t| *t == 1 || *t == 31),
        "old results before the commit, new ones after, nothing in between: {across:?}"
    );
    assert_eq!(total_of(&server, query).await, 31);
}

/// The total of a search that must answer 200.
async fn total_of(server: &Server, path: &str) -> u64 {
    let (status, body) = server.get(path).await;
    assert_eq!(status, 200, "{body}");
    body["total"].as_u64().unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_separate_index_process_is_seen_by_the_running_server() {
    let pool = Pool::from_fixture("corpus");
    pool.index();
    let server = pool.serve(None).await;
    write(
        &pool.corpus.join("tools/en-late.md"),
        "A late addition about the vorpaltide survey.\n",
    );
    index_in_another_process(&pool);
    let committed = Instant::now();
    // The reader watches the commit; poll instead of assuming a delay.
    while total(&server, "vorpaltide").await == 0 {
        assert!(
            committed.elapsed() < Duration::from_secs(10),
            "commit never became visible"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[test]
fn killed_indexing_process_leaves_the_last_commit_and_a_rerun_converges() {
    let pool = Pool::from_fixture("corpus");
    pool.index();
    add_bulk(&pool, 120);
    // Sorted last, so the run has added every earlier batch to the writer (and
    // extracted the rest of its own) when it meets the gate.
    Gate::place_pdf(&pool.corpus, "zz-late/report.pdf");
    let gate = Gate::new();
    let mut child = pool
        .cli()
        .arg("index")
        .arg("--pdf-helper")
        .arg(&gate.helper)
        .args(["--timeout-secs", "600"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    gate.wait_reached();
    // SIGKILL mid-way: no chance to clean up.
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert!(
        !status.success(),
        "the run was killed before it could commit"
    );
    // The orphaned helper finishes on its own.
    gate.release();

    let engine = clusterpool::search::Engine::open(&pool.index).unwrap();
    assert_eq!(engine.num_docs(), 12, "exactly the last committed state");
    let hits = engine
        .search(&clusterpool::search::SearchRequest::from_pairs([("q", "pašvaldībai")]).unwrap())
        .unwrap();
    assert_eq!(hits.total, 1);

    let report = pool.index();
    assert_eq!(report.docs_in_index, 12 * 121 + 1);
    assert_eq!(report.unchanged, 12);
}

#[test]
fn a_schema_change_rebuilds_and_says_why() {
    let pool = Pool::from_fixture("corpus");
    std::fs::create_dir_all(pool.index.join("clusterpool-schema-0")).unwrap();
    std::fs::write(pool.index.join("clusterpool-schema-0/meta.json"), "{}").unwrap();
    let report = pool.index();
    let why = report.full_rebuild.clone().expect("a reason");
    assert!(why.contains("clusterpool-schema-0"), "{why}");
    assert_eq!(report.added, 12);
    assert!(
        !pool.index.join("clusterpool-schema-0").exists(),
        "the old version is removed after the commit"
    );
    let again = pool.index_with(|o| o.full = true);
    assert_eq!(again.full_rebuild.as_deref(), Some("--full was given"));
    assert_eq!((again.added, again.updated), (0, 12));
    assert_eq!(again.docs_in_index, 12);
}

#[tokio::test(flavor = "multi_thread")]
async fn serve_command_indexes_an_empty_index_first_and_reads_the_token_file() {
    let pool = Pool::from_fixture("corpus");
    let token_file = pool.dir.path().join("token");
    std::fs::write(&token_file, format!("{TOKEN}\n")).unwrap();
    let token_path = token_file.to_str().unwrap();
    let (mut child, base) = pool.spawn_serve(&["--admin-token-file", token_path], &[]);
    let client = reqwest::Client::new();
    let health: serde_json::Value = client
        .get(format!("{base}/healthz"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        health["docs"], 12,
        "serve indexed the corpus before listening"
    );
    let status = client
        .post(format!("{base}/api/admin/reindex"))
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(status.as_u16(), 200);
    child.kill().unwrap();
    child.wait().unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn watch_mode_reindexes_a_new_file_by_itself() {
    let pool = Pool::from_fixture("corpus");
    pool.index();
    let server = pool.serve(None).await;
    let _watch = clusterpool::watch::start(
        pool.corpus.clone(),
        server.engine.clone(),
        pool.options().ctx,
        Duration::from_millis(300),
    )
    .unwrap();
    write(
        &pool.corpus.join("tools/en-watched.md"),
        "The brillig checklist for member surveys.\n",
    );
    let written = Instant::now();
    while total(&server, "brillig").await == 0 {
        assert!(
            written.elapsed() < Duration::from_secs(15),
            "the watcher never reindexed"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn two_read_only_servers_on_one_index_see_the_same_commit() {
    let pool = Pool::from_fixture("corpus");
    pool.index();
    // The deployment of docs/scale-out.md: replicas started with the real flag.
    let replicas = [
        pool.spawn_serve(&["--read-only"], &[]),
        pool.spawn_serve(&["--read-only"], &[]),
    ];
    write(
        &pool.corpus.join("tools/en-replica.md"),
        "The jabberwock register for cluster members.\n",
    );
    // One curator process writes; the replicas only read.
    index_in_another_process(&pool);
    let client = reqwest::Client::new();
    let get = |url: String| {
        let client = client.clone();
        async move {
            let resp = client.get(url).send().await.expect("request");
            assert_eq!(resp.status().as_u16(), 200);
            resp.json::<serde_json::Value>().await.expect("json")
        }
    };
    let committed = Instant::now();
    for (_, base) in &replicas {
        // A replica's reader notices the commit through the index's meta file;
        // poll for it, failing after a generous bound.
        while get(format!("{base}/api/search?q=jabberwock")).await["total"] == 0 {
            assert!(
                committed.elapsed() < Duration::from_secs(10),
                "a replica never saw the commit"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert_eq!(get(format!("{base}/healthz")).await["docs"], 13);
    }
    for (mut child, _) in replicas {
        child.kill().unwrap();
        child.wait().unwrap();
    }
}

#[test]
fn read_only_serve_refuses_to_write_and_answers_admin_with_403() {
    let pool = Pool::from_fixture("corpus");
    // No index yet: a replica must not build one from the corpus; it says why and stops.
    let out = pool
        .cli()
        .args(["serve", "--read-only", "--addr", "127.0.0.1:0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no index at"));
    assert!(
        !pool
            .index
            .join(clusterpool::schema::SCHEMA_VERSION)
            .exists(),
        "nothing was written"
    );

    pool.index();
    let (mut child, base) =
        pool.spawn_serve(&["--read-only"], &[("CLUSTERPOOL_ADMIN_TOKEN", TOKEN)]);
    let rt = tokio::runtime::Runtime::new().unwrap();
    let (docs, admin) = rt.block_on(async {
        let client = reqwest::Client::new();
        let health: serde_json::Value = client
            .get(format!("{base}/healthz"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let admin = client
            .post(format!("{base}/api/admin/reindex"))
            .bearer_auth(TOKEN)
            .send()
            .await
            .unwrap()
            .status();
        (health["docs"].clone(), admin.as_u16())
    });
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(docs, 12);
    assert_eq!(admin, 403, "a replica has no admin endpoints, token or not");
}
