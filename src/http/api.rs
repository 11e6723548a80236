//! JSON handlers for search, facets, documents and health. Parameters are parsed
//! from the raw query string so repeated facet keys work and every error names the
//! parameter; the engine call runs on the blocking pool.

use axum::Json;
use axum::extract::{Path, RawQuery, State};
use serde::Serialize;

use super::AppState;
use super::error::{ApiError, Code};
use crate::search::{DocumentView, Facets, Related, SearchRequest, SearchResponse};

/// Parses the query string into a validated request.
pub fn parse_request(raw: Option<&str>) -> Result<SearchRequest, ApiError> {
    let pairs = form_urlencoded::parse(raw.unwrap_or("").as_bytes());
    Ok(SearchRequest::from_pairs(pairs)?)
}

/// `GET /api/search`
pub async fn search(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<SearchResponse>, ApiError> {
    let req = parse_request(raw.as_deref())?;
    let engine = state.engine.clone();
    let resp = tokio::task::spawn_blocking(move || engine.search(&req)).await??;
    Ok(Json(resp))
}

/// `GET /api/facets`
pub async fn facets(State(state): State<AppState>) -> Result<Json<Facets>, ApiError> {
    let engine = state.engine.clone();
    Ok(Json(
        tokio::task::spawn_blocking(move || engine.facets()).await??,
    ))
}

/// `GET /api/documents/{*id}`
pub async fn document(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<DocumentView>, ApiError> {
    let engine = state.engine.clone();
    Ok(Json(
        tokio::task::spawn_blocking(move || engine.document(&id)).await??,
    ))
}

/// `GET /api/related/{*id}`: related material in any language.
pub async fn related(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Vec<Related>>, ApiError> {
    let engine = state.engine.clone();
    Ok(Json(
        tokio::task::spawn_blocking(move || engine.related(&id, 10)).await??,
    ))
}

/// Health report.
#[derive(Serialize)]
pub struct Health {
    /// Always `ok` when the server answers.
    pub status: &'static str,
    /// Documents in the index.
    pub docs: u64,
}

/// `GET /healthz`
pub async fn healthz(State(state): State<AppState>) -> Json<Health> {
    Json(Health {
        status: "ok",
        docs: state.engine.num_docs(),
    })
}

/// Any route we do not have.
pub async fn not_found() -> ApiError {
    ApiError::new(Code::NotFound, "no such route")
}
