//! Curator endpoints. They need `Authorization: Bearer <token>`, compared in constant
//! time; with no token configured they answer 403 `admin_disabled`. Reindexing runs
//! the same incremental run as `clusterpool index`; tantivy's writer lock makes a
//! second run, from this server or another process, fail fast with 409.

use axum::Json;
use axum::extract::State;
use axum::http::HeaderMap;
use subtle::ConstantTimeEq;

use super::AppState;
use super::error::ApiError;
use crate::Error;
use crate::index::{self, IndexOptions, IngestReport};

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
    let report = tokio::task::spawn_blocking(move || {
        let report = index::run(&opts)?;
        engine.reload()?;
        Ok::<_, Error>(report)
    })
    .await??;
    Ok(Json(report))
}
