//! JSON handlers for search, suggestions, facets, documents and health. Parameters are parsed
//! from the raw query string so repeated facet keys work and every error names the
//! parameter; the engine call runs on the blocking pool, one per core at a time.

use axum::Json;
use axum::extract::{Path, RawQuery, State};
use serde::Serialize;

use super::AppState;
use super::error::{ApiError, Code, ErrorBody};
use super::params::SearchParams;
use crate::search::{DocumentView, Facets, Related, SearchRequest, SuggestRequest, Suggestions};

/// Parses the query string into a validated request.
pub fn parse_request(raw: Option<&str>) -> Result<SearchRequest, ApiError> {
    Ok(SearchRequest::from_pairs(super::query_pairs(raw))?)
}

/// `GET /api/search`
#[utoipa::path(
    get,
    path = "/api/search",
    params(SearchParams),
    responses(
        (status = 200, description = "Hits, disjunctive facet counts and snippets", body = super::schema::SearchResponse),
        (status = 400, description = "A parameter is invalid; the message names it", body = ErrorBody),
        (status = 414, description = "The query string is longer than the server reads (about 400 KB; refused before any parameter is parsed, with an empty body)"),
        (status = 503, description = "Overloaded or timed out", body = ErrorBody)
    )
)]
pub async fn search(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<super::present::SearchAnswer>, ApiError> {
    let req = parse_request(raw.as_deref())?;
    let engine = state.engine.clone();
    let asked = req.clone();
    let resp = state.run(move || engine.search(&asked)).await??;
    state.record_query(&req, &resp);
    Ok(Json(resp.into()))
}

/// `GET /api/facets`
#[utoipa::path(
    get,
    path = "/api/facets",
    responses(
        (status = 200, description = "Every facet's values with counts over the whole index", body = super::schema::Facets),
        (status = 503, description = "Overloaded or timed out", body = ErrorBody)
    )
)]
pub async fn facets(State(state): State<AppState>) -> Result<Json<Facets>, ApiError> {
    let engine = state.engine.clone();
    Ok(Json(state.run(move || engine.facets()).await??))
}

/// `GET /api/documents/{*id}`
#[utoipa::path(
    get,
    path = "/api/documents/{id}",
    params(("id" = String, Path, description = "Document id: its path in the corpus", example = "tools/lv-klasteru-kartesana.md")),
    responses(
        (status = 200, description = "All metadata and the extracted text", body = super::schema::DocumentView),
        (status = 404, description = "No such document", body = ErrorBody),
        (status = 503, description = "Overloaded or timed out", body = ErrorBody)
    )
)]
pub async fn document(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<DocumentView>, ApiError> {
    let engine = state.engine.clone();
    Ok(Json(state.run(move || engine.document(&id)).await??))
}

/// `GET /api/related/{*id}`: related material in any language.
#[utoipa::path(
    get,
    path = "/api/related/{id}",
    params(("id" = String, Path, description = "Document id", example = "tools/lv-klasteru-kartesana.md")),
    responses(
        (status = 200, description = "Documents sharing the most concepts and topics, any language", body = Vec<super::schema::Related>),
        (status = 404, description = "No such document", body = ErrorBody),
        (status = 503, description = "Overloaded or timed out", body = ErrorBody)
    )
)]
pub async fn related(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Vec<Related>>, ApiError> {
    let engine = state.engine.clone();
    Ok(Json(state.run(move || engine.related(&id, 10)).await??))
}

/// `GET /api/suggest`: completions while typing.
#[utoipa::path(
    get,
    path = "/api/suggest",
    params(super::params::SuggestParams),
    responses(
        (status = 200, description = "Concept terms and titles completing the words typed", body = super::schema::Suggestions),
        (status = 400, description = "A parameter is invalid; the message names it", body = ErrorBody),
        (status = 414, description = "The query string is longer than the server reads (refused before any parameter is parsed, with an empty body)"),
        (status = 503, description = "Overloaded or timed out", body = ErrorBody)
    )
)]
pub async fn suggest(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<Suggestions>, ApiError> {
    let req = SuggestRequest::from_pairs(super::query_pairs(raw.as_deref()))?;
    let engine = state.engine.clone();
    Ok(Json(state.run(move || engine.suggest(&req)).await??))
}

/// Health report.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Health {
    /// Always `ok` when the server answers.
    pub status: &'static str,
    /// Documents in the index.
    pub docs: u64,
    /// Search by meaning: `ready`, `off` (turned off) or `unavailable` (the model
    /// could not be had; the server's log says why).
    #[schema(pattern = "^(ready|off|unavailable)$")]
    pub semantic: &'static str,
    /// What a user should know when search by meaning is unavailable.
    pub notice: Option<&'static str>,
}

/// `GET /healthz`
#[utoipa::path(
    get,
    path = "/healthz",
    responses((status = 200, description = "The server answers", body = Health), (status = 503, description = "Overloaded or timed out", body = ErrorBody))
)]
pub async fn healthz(State(state): State<AppState>) -> Json<Health> {
    let semantic = state.engine.semantic();
    Json(Health {
        status: "ok",
        docs: state.engine.num_docs(),
        semantic: semantic.state(),
        notice: semantic
            .problem()
            .map(|_| super::present::MEANING_UNAVAILABLE),
    })
}

/// Any route we do not have.
pub async fn not_found() -> ApiError {
    ApiError::new(Code::NotFound, "no such route")
}

/// A route we have, asked with a method it does not answer.
pub async fn method_not_allowed() -> ApiError {
    ApiError::new(
        Code::MethodNotAllowed,
        "this route does not answer that method",
    )
}
