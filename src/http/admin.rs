//! Curator endpoints. They need `Authorization: Bearer <token>`, compared in constant
//! time; with no token configured they answer 403 `admin_disabled`. Reindexing runs
//! the same incremental run as `clusterpool index`; tantivy's writer lock makes a
//! second run, from this server or another process, fail fast with 409. The query
//! counts (`querylog`) are read here too: what readers looked for and did not find.

use axum::Json;
use axum::extract::{RawQuery, State};
use axum::http::HeaderMap;
use subtle::ConstantTimeEq;

use super::AppState;
use super::error::{ApiError, ErrorBody};
use crate::Error;
use crate::index::{self, IndexOptions, IngestReport};
use crate::querylog::QueryReport;
use crate::search::parse_num;

/// Checks the bearer token.
pub fn authorize(state: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(expected) = &state.admin_token else {
        return Err(Error::AdminDisabled.into());
    };
    let given = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    if bool::from(given.as_bytes().ct_eq(expected.as_bytes())) {
        Ok(())
    } else {
        Err(Error::Unauthorized.into())
    }
}

/// `POST /api/admin/reindex`
#[utoipa::path(
    post,
    path = "/api/admin/reindex",
    security(("admin_token" = [])),
    responses(
        (status = 200, description = "The run's report", body = super::schema::IngestReport),
        (status = 401, description = "Missing or wrong token", body = ErrorBody),
        (status = 403, description = "Admin endpoints are disabled (no token configured, or a read replica)", body = ErrorBody),
        (status = 409, description = "Another indexing run holds the index", body = ErrorBody),
        (status = 413, description = "Request body too large", body = ErrorBody)
    )
)]
pub async fn reindex(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Json<IngestReport>, ApiError> {
    authorize(&state, &headers)?;
    let opts = IndexOptions {
        corpus: state.corpus.clone(),
        index: state.engine.index_dir().to_path_buf(),
        full: false,
        ctx: state.ctx.clone(),
        progress: false,
    };
    let engine = state.engine.clone();
    // A run takes one of the blocking slots searches use, so a reindex and the
    // searches together never ask for more cores than the machine has.
    let report = state
        .run(move || {
            let report = index::run(&opts)?;
            engine.reload()?;
            Ok::<_, Error>(report)
        })
        .await??;
    Ok(Json(report))
}

/// How many searches `GET /api/admin/queries` lists, by default and at most.
const QUERIES_DEFAULT: usize = 20;
const QUERIES_MAX: usize = 200;

/// `GET /api/admin/queries`
#[utoipa::path(
    get,
    path = "/api/admin/queries",
    security(("admin_token" = [])),
    params(("limit" = Option<usize>, Query, description = "Searches per list (1 to 200; 20 by default)", minimum = 1, maximum = 200)),
    responses(
        (status = 200, description = "The most frequent searches, and the most frequent of those with zero or few hits (text and filters only)", body = super::schema::QueryReport),
        (status = 400, description = "`limit` is invalid", body = ErrorBody),
        (status = 401, description = "Missing or wrong token", body = ErrorBody),
        (status = 403, description = "Admin endpoints are disabled (no token configured, or a read replica)", body = ErrorBody),
        (status = 404, description = "Searches are not counted on this server", body = ErrorBody)
    )
)]
pub async fn queries(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Result<Json<QueryReport>, ApiError> {
    authorize(&state, &headers)?;
    let mut limit = QUERIES_DEFAULT;
    for (k, v) in super::query_pairs(raw.as_deref()) {
        match k.as_ref() {
            "limit" => limit = parse_num("limit", &v, 1, QUERIES_MAX)?,
            other => return Err(Error::param(other, "unknown parameter").into()),
        }
    }
    let Some(log) = &state.queries else {
        return Err(Error::NotFound("query log (turned off on this server)".into()).into());
    };
    Ok(Json(log.report(limit)))
}
