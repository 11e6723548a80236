//! Limits on the public routes (the admin route has only the body cap), applied
//! before any handler runs: a cap on requests in
//! flight that answers 503 `overloaded` at once instead of queueing without end, a
//! per-request time limit (503 `timeout`), and a cap on declared request bodies
//! (413). Parameter limits (query length, page depth, values per facet) live with
//! the parameters in `search/request.rs`.

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

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use axum::Router;
    use axum::routing::{get, post};
    use tokio::sync::oneshot;

    use super::*;
    use crate::search::Engine;

    /// A route whose handler says it has started, then waits for the test.
    struct Held {
        entered: Mutex<Option<oneshot::Sender<()>>>,
        release: Mutex<Option<oneshot::Receiver<()>>>,
    }

    struct Served {
        base: String,
        entered: oneshot::Receiver<()>,
        release: oneshot::Sender<()>,
        _dir: tempfile::TempDir,
    }

    async fn serve(limits: HttpLimits) -> Served {
        let dir = tempfile::tempdir().unwrap();
        crate::index::open_or_create(dir.path()).unwrap();
        let engine = Arc::new(Engine::open(dir.path()).unwrap());
        let state = AppState::with_limits(
            engine,
            dir.path().to_path_buf(),
            crate::ingest::Context::default(),
            None,
            limits,
        );
        let (entered_tx, entered) = oneshot::channel();
        let (release, release_rx) = oneshot::channel();
        let held = Arc::new(Held {
            entered: Mutex::new(Some(entered_tx)),
            release: Mutex::new(Some(release_rx)),
        });
        let handler = move || {
            let held = held.clone();
            async move {
                let entered = held.entered.lock().unwrap().take();
                let release = held.release.lock().unwrap().take();
                if let (Some(entered), Some(release)) = (entered, release) {
                    let _ = entered.send(());
                    let _ = release.await;
                }
                "done"
            }
        };
        let app = Router::new()
            .route("/held", get(handler))
            .route("/quick", get(|| async { "quick" }))
            .route("/upload", post(|| async { "taken" }))
            .layer(axum::middleware::from_fn_with_state(state.clone(), guard))
            .with_state(state);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        Served {
            base,
            entered,
            release,
            _dir: dir,
        }
    }

    async fn code(resp: reqwest::Response) -> (u16, String) {
        let status = resp.status().as_u16();
        let body: serde_json::Value = resp.json().await.unwrap_or_default();
        (
            status,
            body["error"]["code"].as_str().unwrap_or("").to_string(),
        )
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn a_request_over_the_in_flight_cap_is_refused_at_once_with_503_overloaded() {
        let s = serve(HttpLimits {
            max_in_flight: 1,
            ..HttpLimits::default()
        })
        .await;
        let client = reqwest::Client::new();
        let first = tokio::spawn(client.get(format!("{}/held", s.base)).send());
        tokio::time::timeout(Duration::from_secs(30), s.entered)
            .await
            .expect("the held request never reached its handler")
            .unwrap();
        let refused = client
            .get(format!("{}/quick", s.base))
            .send()
            .await
            .unwrap();
        assert_eq!(code(refused).await, (503, "overloaded".to_string()));
        s.release.send(()).unwrap();
        assert_eq!(first.await.unwrap().unwrap().status().as_u16(), 200);
        // The permit came back with the answer.
        let again = client
            .get(format!("{}/quick", s.base))
            .send()
            .await
            .unwrap();
        assert_eq!(again.status().as_u16(), 200);
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn a_request_past_the_time_limit_is_answered_503_timeout() {
        let s = serve(HttpLimits {
            request_timeout: Duration::from_millis(50),
            ..HttpLimits::default()
        })
        .await;
        let resp = reqwest::get(format!("{}/held", s.base)).await.unwrap();
        assert_eq!(code(resp).await, (503, "timeout".to_string()));
        drop(s.release);
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn a_declared_body_over_the_cap_is_refused_with_413_before_the_handler() {
        let s = serve(HttpLimits {
            max_body_bytes: 16,
            ..HttpLimits::default()
        })
        .await;
        let client = reqwest::Client::new();
        let url = format!("{}/upload", s.base);
        let small = client.post(&url).body(vec![b'x'; 16]).send().await.unwrap();
        assert_eq!(small.status().as_u16(), 200);
        let large = client.post(&url).body(vec![b'x'; 17]).send().await.unwrap();
        assert_eq!(code(large).await, (413, "payload_too_large".to_string()));
    }
}
