//! Limits on every request, applied before any handler runs: a cap on requests in
//! flight that answers 503 `overloaded` at once instead of queueing without end, a
//! per-request time limit (503 `timeout`), and a cap on declared request bodies
//! (413). Parameter limits (query length, page depth, values per facet) live with
//! the parameters in `search.rs`.

use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::AppState;
use super::error::{ApiError, Code};

/// The HTTP limits, with defaults sized for a 2-core server.
#[derive(Clone, Debug)]
pub struct HttpLimits {
    /// Requests handled at once; more are refused with 503.
    pub max_in_flight: usize,
    /// Longest a request may take.
    pub request_timeout: Duration,
    /// Largest request body accepted.
    pub max_body_bytes: u64,
}

impl Default for HttpLimits {
    fn default() -> Self {
        HttpLimits {
            max_in_flight: 256,
            request_timeout: Duration::from_secs(10),
            max_body_bytes: 4 * 1024,
        }
    }
}

fn too_large(state: &AppState, req: &Request) -> Option<Response> {
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    declared
        .filter(|n| *n > state.limits.max_body_bytes)
        .map(|_| {
            ApiError::new(
                Code::PayloadTooLarge,
                format!(
                    "request body larger than {} bytes",
                    state.limits.max_body_bytes
                ),
            )
            .into_response()
        })
}

/// The body limit alone (for the admin route).
pub async fn body_limit(State(state): State<AppState>, req: Request, next: Next) -> Response {
    match too_large(&state, &req) {
        Some(refused) => refused,
        None => next.run(req).await,
    }
}

/// All limits (for the public routes).
pub async fn guard(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if let Some(refused) = too_large(&state, &req) {
        return refused;
    }
    let Ok(permit) = state.in_flight.clone().try_acquire_owned() else {
        return ApiError::new(
            Code::Overloaded,
            "the server is at its limit of requests in flight; retry shortly",
        )
        .into_response();
    };
    let started = std::time::Instant::now();
    let response = tokio::time::timeout(state.limits.request_timeout, next.run(req)).await;
    drop(permit);
    match response {
        // The timer fires on millisecond ticks, so work can finish after the limit
        // and still win the race; a late answer is a timeout all the same.
        Ok(r) if started.elapsed() <= state.limits.request_timeout => r,
        _ => ApiError::new(
            Code::Timeout,
            format!(
                "the request took longer than {} ms",
                state.limits.request_timeout.as_millis()
            ),
        )
        .into_response(),
    }
}
