//! Shared set-up for end-to-end tests: a copy of a fixture corpus in a temporary
//! folder, a real index, and a real server on 127.0.0.1:0.
#![allow(dead_code)]

use std::collections::BTreeSet;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use clusterpool::embed::{Encoder, Semantic};
use clusterpool::http::{AppState, HttpLimits, router};
use clusterpool::index::{self, IndexOptions, IngestReport};
use clusterpool::ingest::Context;
use clusterpool::search::Engine;

/// A temporary corpus + index, removed when dropped.
pub struct Pool {
    pub dir: tempfile::TempDir,
    pub corpus: PathBuf,
    pub index: PathBuf,
}

impl Pool {
    /// Copies `tests/fixtures/<name>` into a fresh temporary corpus.
    pub fn from_fixture(name: &str) -> Pool {
        let dir = tempfile::tempdir().expect("tempdir");
        let corpus = dir.path().join("corpus");
        let index = dir.path().join("index");
        copy_dir(&fixture(name), &corpus);
        Pool { dir, corpus, index }
    }

    pub fn options(&self) -> IndexOptions {
        IndexOptions {
            corpus: self.corpus.clone(),
            index: self.index.clone(),
            full: false,
            ctx: Context {
                pdf_helper: Some(PathBuf::from(env!("CARGO_BIN_EXE_clusterpool"))),
                ..Context::default()
            },
            progress: false,
        }
    }

    /// Runs one indexing run.
    pub fn index(&self) -> IngestReport {
        index::run(&self.options()).expect("indexing run")
    }

    /// Runs one indexing run with adjusted options.
    pub fn index_with(&self, adjust: impl FnOnce(&mut IndexOptions)) -> IngestReport {
        let mut opts = self.options();
        adjust(&mut opts);
        index::run(&opts).expect("indexing run")
    }

    /// The `clusterpool` binary with this pool's `--corpus` and `--index`, words
    /// only (the tests of search by meaning use [`Pool::cli_with_meaning`]).
    pub fn cli(&self) -> std::process::Command {
        let mut cmd = self.cli_with_meaning();
        cmd.env("CLUSTERPOOL_SEMANTIC", "off");
        cmd
    }

    /// The `clusterpool` binary with this pool's `--corpus` and `--index`, with
    /// search by meaning as a user gets it.
    pub fn cli_with_meaning(&self) -> std::process::Command {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_clusterpool"));
        cmd.arg("--corpus")
            .arg(&self.corpus)
            .arg("--index")
            .arg(&self.index)
            .env_remove("CLUSTERPOOL_SEMANTIC");
        cmd
    }

    /// Starts `clusterpool serve --addr 127.0.0.1:0 ARGS…` as a process and returns
    /// it with its base URL (read from the line it prints when listening).
    pub fn spawn_serve(&self, args: &[&str], env: &[(&str, &str)]) -> (ServeProcess, String) {
        use std::io::BufRead;
        let mut cmd = self.cli();
        cmd.args(["serve", "--addr", "127.0.0.1:0"])
            .args(args)
            .env_remove("CLUSTERPOOL_ADMIN_TOKEN")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = ServeProcess(cmd.spawn().expect("start clusterpool serve"));
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("listening line");
        let base = line
            .trim()
            .rsplit(' ')
            .next()
            .unwrap_or_default()
            .to_string();
        assert!(base.starts_with("http://127.0.0.1:"), "{line}");
        (child, base)
    }

    /// A copy of the project's own pool, `corpus/`.
    pub fn from_corpus() -> Pool {
        let pool = Pool::empty();
        copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"),
            &pool.corpus,
        );
        pool
    }

    /// A corpus of `docs` documents from `gen-corpus` (seed `seed`, the word
    /// lists of `bench/words`), not yet indexed.
    pub fn generated(docs: u32, seed: u64) -> Pool {
        let pool = Pool::empty();
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_gen-corpus"))
            .args(["--docs", &docs.to_string(), "--seed", &seed.to_string()])
            .args(["--force", "--words"])
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/words"))
            .arg("--out")
            .arg(&pool.corpus)
            .status()
            .expect("run gen-corpus");
        assert!(status.success(), "gen-corpus failed");
        pool
    }

    /// An empty temporary corpus.
    pub fn empty() -> Pool {
        let dir = tempfile::tempdir().expect("tempdir");
        let corpus = dir.path().join("corpus");
        let index = dir.path().join("index");
        std::fs::create_dir_all(&corpus).expect("mkdir");
        Pool { dir, corpus, index }
    }

    /// Starts a server over this pool on 127.0.0.1:0 and returns its base URL.
    pub async fn serve(&self, admin_token: Option<&str>) -> Server {
        self.serve_with(admin_token, HttpLimits::default()).await
    }

    /// Starts a server with chosen HTTP limits.
    pub async fn serve_with(&self, admin_token: Option<&str>, limits: HttpLimits) -> Server {
        self.serve_full(admin_token, limits, self.options().ctx)
            .await
    }

    /// Starts a server whose reindex runs meet `gate`.
    pub async fn serve_gated(&self, admin_token: Option<&str>, gate: &Gate) -> Server {
        let mut ctx = Context {
            pdf_helper: Some(gate.helper.clone()),
            ..self.options().ctx
        };
        ctx.limits.timeout = Gate::PDF_TIME_LIMIT;
        self.serve_full(admin_token, HttpLimits::default(), ctx)
            .await
    }

    /// Starts a server that searches by meaning with `encoder` (and embeds with it
    /// when it reindexes).
    pub async fn serve_with_meaning(
        &self,
        admin_token: Option<&str>,
        encoder: Arc<Encoder>,
    ) -> Server {
        let mut ctx = self.options().ctx;
        ctx.embedder = Some(encoder.clone());
        self.serve_semantic(
            admin_token,
            HttpLimits::default(),
            ctx,
            Semantic::Ready(encoder),
        )
        .await
    }

    async fn serve_full(
        &self,
        admin_token: Option<&str>,
        limits: HttpLimits,
        ctx: Context,
    ) -> Server {
        self.serve_semantic(admin_token, limits, ctx, Semantic::Off)
            .await
    }

    async fn serve_semantic(
        &self,
        admin_token: Option<&str>,
        limits: HttpLimits,
        ctx: Context,
        semantic: Semantic,
    ) -> Server {
        // As `clusterpool serve` does for a curator server: an empty index when none
        // has been built yet (a reader alone never creates one).
        index::open_or_create(&self.index).expect("create the index");
        let engine = Arc::new(
            Engine::open(&self.index)
                .and_then(|e| e.with_semantic(semantic))
                .expect("open engine"),
        );
        let state = AppState::with_limits(
            engine.clone(),
            self.corpus.clone(),
            ctx,
            admin_token.map(Arc::from),
            limits,
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        tokio::spawn(async move {
            axum::serve(listener, router(state)).await.expect("serve");
        });
        Server {
            addr,
            client: reqwest::Client::new(),
            engine,
        }
    }
}

/// The index after a run holds exactly the documents the run indexed or kept.
pub fn assert_holds_what_it_indexed(report: &IngestReport) {
    assert_eq!(
        report.docs_in_index as usize,
        report.added + report.updated + report.unchanged,
        "the index holds exactly the documents this run indexed or kept"
    );
}

/// A `clusterpool serve` process that is killed when dropped, so a test that
/// fails before stopping it leaves nothing running.
pub struct ServeProcess(pub std::process::Child);

impl std::ops::Deref for ServeProcess {
    type Target = std::process::Child;
    fn deref(&self) -> &std::process::Child {
        &self.0
    }
}

impl std::ops::DerefMut for ServeProcess {
    fn deref_mut(&mut self) -> &mut std::process::Child {
        &mut self.0
    }
}

impl Drop for ServeProcess {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A gate an indexing run stops at until the test lets it through: a PDF helper
/// script that, the first time it is called, says so through one named pipe and
/// then waits on another before extracting as usual. The run is then mid-way for
/// certain (the writer held, earlier files added, nothing committed), with no clock.
pub struct Gate {
    dir: tempfile::TempDir,
    /// The helper to put in `Context::pdf_helper` (or `--pdf-helper`).
    pub helper: PathBuf,
}

impl Gate {
    pub fn new() -> Gate {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        for pipe in ["reached", "release"] {
            let status = std::process::Command::new("mkfifo")
                .arg(dir.path().join(pipe))
                .status()
                .expect("mkfifo");
            assert!(status.success());
        }
        let helper = dir.path().join("gated-pdf-helper");
        let d = dir.path().display();
        std::fs::write(
            &helper,
            format!(
                "#!/bin/sh\nif mkdir '{d}/passed' 2>/dev/null; then\n  echo reached > '{d}/reached'\n  read _ < '{d}/release'\nfi\nexec '{}' \"$@\"\n",
                env!("CARGO_BIN_EXE_clusterpool")
            ),
        )
        .expect("write helper");
        std::fs::set_permissions(&helper, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        Gate { dir, helper }
    }

    /// Blocks until a run has reached the gate; fails the test if none does within
    /// a minute (a bound on a hang, not a delay anything waits out).
    pub fn wait_reached(&self) {
        let pipe = self.dir.path().join("reached");
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(std::fs::read_to_string(pipe));
        });
        let said = rx
            .recv_timeout(std::time::Duration::from_secs(180))
            .expect("no indexing run reached the gate")
            .expect("read the gate's pipe");
        assert_eq!(said.trim(), "reached");
    }

    /// Lets the waiting run through; fails the test if nothing waits at the gate
    /// within a minute (opening a pipe to write blocks until its reader opens it).
    pub fn release(&self) {
        let pipe = self.dir.path().join("release");
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(std::fs::write(pipe, "go\n"));
        });
        rx.recv_timeout(std::time::Duration::from_secs(60))
            .expect("nothing was waiting at the gate")
            .expect("write the gate's pipe");
    }

    /// The PDF time limit for runs that meet the gate: the limit counts while the
    /// gate is held, and a run stopped by it would leave the gate unanswered.
    pub const PDF_TIME_LIMIT: std::time::Duration = std::time::Duration::from_secs(600);

    /// Puts a PDF into `corpus` at `relative`, so a run meets the gate there.
    pub fn place_pdf(corpus: &Path, relative: &str) {
        let target = corpus.join(relative);
        std::fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
        std::fs::copy(fixture("formats/sample.pdf"), target).expect("copy pdf");
    }
}

/// A running server.
pub struct Server {
    pub addr: SocketAddr,
    pub client: reqwest::Client,
    pub engine: Arc<Engine>,
}

impl Server {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// GET a path, returning status and JSON body.
    pub async fn get(&self, path: &str) -> (u16, serde_json::Value) {
        let (status, _, body) = self.text(path).await;
        (status, serde_json::from_str(&body).expect("json body"))
    }

    /// GET a path, returning status, headers and the body as text (pages, feeds).
    pub async fn text(&self, path: &str) -> (u16, reqwest::header::HeaderMap, String) {
        let resp = self
            .client
            .get(self.url(path))
            .send()
            .await
            .expect("request");
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        (status, headers, resp.text().await.expect("text body"))
    }
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read fixture dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// `value → count` of one facet in a JSON response.
pub fn facet_counts(
    body: &serde_json::Value,
    facet: &str,
) -> std::collections::BTreeMap<String, u64> {
    body["facets"][facet]
        .as_array()
        .unwrap_or_else(|| panic!("facet {facet} missing in {body}"))
        .iter()
        .map(|v| {
            (
                v["value"].as_str().unwrap().to_string(),
                v["count"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// The ids of a search answer's hits, in order.
pub fn ids(body: &serde_json::Value) -> Vec<String> {
    body["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_string())
        .collect()
}

/// Checks that every object in `value` has exactly the properties its schema names,
/// following `$ref`s, arrays, maps and `oneOf` (how an optional field is written).
pub fn keys_match(
    value: &serde_json::Value,
    schema: &serde_json::Value,
    schemas: &serde_json::Value,
    at: &str,
    seen: &mut BTreeSet<String>,
) {
    if let Some(name) = schema["$ref"].as_str() {
        let name = name.rsplit('/').next().unwrap();
        seen.insert(name.to_string());
        return keys_match(value, &schemas[name], schemas, at, seen);
    }
    if let Some(variants) = schema["oneOf"].as_array() {
        if value.is_null() {
            return;
        }
        // A tagged union (`matched_via`) names its variant in `kind`; an optional
        // field is its one non-null variant.
        let variant = variants
            .iter()
            .find(|v| {
                value.get("kind").is_some_and(|kind| {
                    v["properties"]["kind"]["enum"]
                        .as_array()
                        .is_some_and(|e| e.contains(kind))
                })
            })
            .or_else(|| variants.iter().find(|v| v["type"] != "null"))
            .unwrap_or_else(|| panic!("{at}: no non-null variant"));
        return keys_match(value, variant, schemas, at, seen);
    }
    if let (Some(properties), Some(object)) = (schema["properties"].as_object(), value.as_object())
    {
        let published: BTreeSet<&String> = properties.keys().collect();
        let sent: BTreeSet<&String> = object.keys().collect();
        assert_eq!(
            published, sent,
            "{at}: schema properties against the keys sent"
        );
        for (key, v) in object {
            keys_match(v, &properties[key], schemas, &format!("{at}.{key}"), seen);
        }
        return;
    }
    if let (Some(map), Some(object)) = (schema.get("additionalProperties"), value.as_object()) {
        for (key, v) in object {
            keys_match(v, map, schemas, &format!("{at}[{key}]"), seen);
        }
        return;
    }
    if let (Some(items), Some(array)) = (schema.get("items"), value.as_array()) {
        for (i, v) in array.iter().enumerate() {
            keys_match(v, items, schemas, &format!("{at}[{i}]"), seen);
        }
    }
}
