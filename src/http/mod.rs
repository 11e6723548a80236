//! The HTTP face of clusterpool: [`router`] builds the axum app from one
//! [`AppState`]; [`serve`] binds it, and `launch.rs` is the whole sequence of
//! `clusterpool serve`. JSON handlers live in `api.rs`, HTML pages in `pages/`
//! (their words in twelve languages in `i18n.rs` and `locales/`), Atom feeds in `feed.rs`,
//! admin in `admin.rs`, and `error.rs` is the only place that maps errors to statuses.
//! Searches run on tokio's blocking pool so slow queries never stall the reactor.

pub mod admin;
pub mod api;
pub mod error;
pub mod feed;
pub mod i18n;
pub mod labels;
pub mod launch;
pub mod limits;
pub mod openapi;
pub mod pages;
pub mod params;
pub mod present;
pub mod schema;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use axum::Router;
use axum::http::{HeaderValue, header};
use axum::middleware;
use axum::routing::{get, post};
use tokio::sync::Semaphore;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::ingest::Context;
use crate::querylog::{QueryKey, QueryLog};
use crate::search::{Engine, SearchRequest, SearchResponse};
pub use limits::HttpLimits;

/// Everything a handler needs.
#[derive(Clone)]
pub struct AppState {
    /// The search engine.
    pub engine: Arc<Engine>,
    /// The corpus folder (for reindexing).
    pub corpus: PathBuf,
    /// Ingest context for in-server reindexing.
    pub ctx: Context,
    /// The admin token; `None` disables admin endpoints.
    pub admin_token: Option<Arc<str>>,
    /// Limits on every request.
    pub limits: HttpLimits,
    /// Permits for requests in flight (`limits.max_in_flight` of them).
    pub in_flight: Arc<Semaphore>,
    /// Permits to run engine work, one per core (see [`AppState::run`]).
    pub workers: Arc<Semaphore>,
    /// The searches counted for curators (in memory unless [`AppState::with_query_log`]
    /// gives a log kept on disk); `None` when counting is turned off.
    pub queries: Option<Arc<QueryLog>>,
}

impl AppState {
    /// State with the default HTTP limits.
    pub fn new(
        engine: Arc<Engine>,
        corpus: PathBuf,
        ctx: Context,
        admin_token: Option<Arc<str>>,
    ) -> AppState {
        AppState::with_limits(engine, corpus, ctx, admin_token, HttpLimits::default())
    }

    /// State with chosen HTTP limits.
    pub fn with_limits(
        engine: Arc<Engine>,
        corpus: PathBuf,
        ctx: Context,
        admin_token: Option<Arc<str>>,
        limits: HttpLimits,
    ) -> AppState {
        AppState {
            engine,
            corpus,
            ctx,
            admin_token,
            in_flight: Arc::new(Semaphore::new(limits.max_in_flight)),
            workers: Arc::new(Semaphore::new(
                std::thread::available_parallelism().map_or(2, |n| n.get()),
            )),
            limits,
            queries: Some(Arc::new(QueryLog::in_memory())),
        }
    }

    /// Counts searches in `log`, or not at all with `None`.
    pub fn with_query_log(mut self, log: Option<Arc<QueryLog>>) -> AppState {
        self.queries = log;
        self
    }

    /// Counts one search of the page or the API: its text and filters, and how
    /// many documents it found. Paging, sort order and the page language are not
    /// part of what was looked for, and nothing about the asker is.
    pub fn record_query(&self, req: &SearchRequest, resp: &SearchResponse) {
        let Some(log) = &self.queries else {
            return;
        };
        if req.q.trim().is_empty() || req.page > 1 {
            return;
        }
        let filters = req.search_pairs().into_iter().filter(|(k, _)| k != "q");
        log.record(QueryKey::new(&req.q, filters), resp.total);
    }

    /// Runs engine work on the blocking pool, one task per core at a time, in
    /// arrival order (the semaphore is fair). Eight searches sharing two cores made
    /// each of them four times slower, the long ones most; queued in order, a long
    /// search waits for a slot and then runs at full speed. The slot is held until
    /// the work ends, even when the request has timed out meanwhile.
    pub async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, tokio::task::JoinError> {
        let permit = self.workers.clone().acquire_owned().await.ok();
        tokio::task::spawn_blocking(move || {
            let _slot = permit;
            work()
        })
        .await
    }
}

/// Only our own styles and script; no inline code, no frames, forms post only here.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; \
    connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// The key/value pairs of a raw query string (none when there is none), as
/// every handler reads them: repeated keys kept, in order.
pub(crate) fn query_pairs(raw: Option<&str>) -> form_urlencoded::Parse<'_> {
    form_urlencoded::parse(raw.unwrap_or("").as_bytes())
}

/// Builds the application.
pub fn router(state: AppState) -> Router {
    // Reindexing legitimately takes longer than a search: the admin route has the
    // body limit but not the in-flight cap or the time limit (the writer lock
    // already allows only one run at a time).
    let admin = Router::new()
        .route("/api/admin/reindex", post(admin::reindex))
        .route("/api/admin/queries", get(admin::queries))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            limits::body_limit,
        ));
    Router::new()
        .route("/", get(pages::search))
        .route("/doc/{*id}", get(pages::document))
        .route("/files/{*id}", get(pages::file))
        .route("/static/style.css", get(pages::style))
        .route("/static/app.js", get(pages::script))
        .route("/feed", get(feed::feed))
        .route("/healthz", get(api::healthz))
        .route("/api/search", get(api::search))
        .route("/api/suggest", get(api::suggest))
        .route("/api/facets", get(api::facets))
        .route("/api/documents/{*id}", get(api::document))
        .route("/api/related/{*id}", get(api::related))
        .route("/api/openapi.json", get(openapi::openapi_json))
        .layer(middleware::from_fn_with_state(state.clone(), limits::guard))
        .merge(admin)
        .fallback(api::not_found)
        .method_not_allowed_fallback(api::method_not_allowed)
        .with_state(state)
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
}

/// Binds `addr` and serves until Ctrl-C. Prints the bound address (useful with
/// port 0).
pub async fn serve(state: AppState, addr: SocketAddr) -> crate::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|source| crate::Error::Listen { addr, source })?;
    let local = listener
        .local_addr()
        .map_err(|source| crate::Error::Listen { addr, source })?;
    tracing::info!(%local, docs = state.engine.num_docs(), "serving");
    println!("clusterpool listening on http://{local}");
    let queries = state.queries.clone();
    let flusher = queries
        .clone()
        .map(|log| tokio::spawn(flush_every(log, QUERY_LOG_FLUSH)));
    let served = axum::serve(listener, router(state))
        .with_graceful_shutdown(stop_signal())
        .await
        .map_err(|source| crate::Error::Listen {
            addr: local,
            source,
        });
    if let Some(task) = flusher {
        task.abort();
    }
    if let Some(log) = queries {
        flush(&log).await;
    }
    served
}

/// Ctrl-C, or SIGTERM (how service managers and containers stop a server): both
/// end serving gracefully, so the query log is written on the way out.
async fn stop_signal() {
    use tokio::signal::unix::{SignalKind, signal};
    match signal(SignalKind::terminate()) {
        Ok(mut term) => {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
        }
        Err(_) => {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}

/// How often the query log is written while the server runs (and once more when
/// it stops): a crash loses at most this much counting.
const QUERY_LOG_FLUSH: std::time::Duration = std::time::Duration::from_secs(60);

async fn flush_every(log: Arc<QueryLog>, period: std::time::Duration) {
    let mut ticks = tokio::time::interval(period);
    ticks.tick().await;
    loop {
        ticks.tick().await;
        flush(&log).await;
    }
}

/// Writes the query log off the reactor; a failure is logged, never fatal.
async fn flush(log: &Arc<QueryLog>) {
    let log = log.clone();
    match tokio::task::spawn_blocking(move || log.flush()).await {
        Ok(Ok(())) => {}
        Ok(Err(e)) => tracing::warn!(error = %e, "query log not written"),
        Err(e) => tracing::warn!(error = %e, "query log writer failed"),
    }
}
