//! The one place that knows HTTP statuses: every error leaves as
//! `{"error": {"code", "message"}}` with a code from a small closed set. Internal
//! errors are logged with their detail and sent to the client only as "internal".

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::Error;

/// The codes a client can see.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Code {
    /// A parameter is invalid (400).
    InvalidParameter,
    /// No such document or route (404).
    NotFound,
    /// The route exists, but not for this method (405).
    MethodNotAllowed,
    /// Missing or wrong admin token (401).
    Unauthorized,
    /// Admin endpoints are not enabled (403).
    AdminDisabled,
    /// An indexing run is already in progress (409).
    IndexBusy,
    /// Too many requests in flight (503).
    Overloaded,
    /// The request took too long (503).
    Timeout,
    /// The request body is too large (413).
    PayloadTooLarge,
    /// Something failed on our side (500).
    Internal,
}

impl Code {
    /// The HTTP status of the code, for the API and the pages alike.
    pub fn status(self) -> StatusCode {
        match self {
            Code::InvalidParameter => StatusCode::BAD_REQUEST,
            Code::NotFound => StatusCode::NOT_FOUND,
            Code::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Code::Unauthorized => StatusCode::UNAUTHORIZED,
            Code::AdminDisabled => StatusCode::FORBIDDEN,
            Code::IndexBusy => StatusCode::CONFLICT,
            Code::Overloaded | Code::Timeout => StatusCode::SERVICE_UNAVAILABLE,
            Code::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Code::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

/// An error on its way to a client.
#[derive(Debug)]
pub struct ApiError {
    /// Its code.
    pub code: Code,
    /// A message safe to show.
    pub message: String,
    /// The parameter at fault, for [`Code::InvalidParameter`] (the pages name it
    /// in the reader's language).
    pub param: Option<String>,
}

impl ApiError {
    /// An error with a code and a message.
    pub fn new(code: Code, message: impl Into<String>) -> ApiError {
        ApiError {
            code,
            message: message.into(),
            param: None,
        }
    }
}

/// The JSON body of every error.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// What went wrong.
    pub error: ErrorDetail,
}

/// The code and a message safe to show.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    /// One of a small closed set.
    pub code: Code,
    /// A human-readable explanation; for bad parameters it names the parameter.
    pub message: String,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.code.status();
        let body = ErrorBody {
            error: ErrorDetail {
                code: self.code,
                message: self.message,
            },
        };
        (status, Json(body)).into_response()
    }
}

impl From<Error> for ApiError {
    fn from(e: Error) -> ApiError {
        match &e {
            Error::InvalidParam { param, .. } => ApiError {
                param: Some(param.clone()),
                ..ApiError::new(Code::InvalidParameter, e.to_string())
            },
            Error::NotFound(_) => ApiError::new(Code::NotFound, e.to_string()),
            Error::Unauthorized => ApiError::new(Code::Unauthorized, e.to_string()),
            Error::AdminDisabled => ApiError::new(Code::AdminDisabled, e.to_string()),
            Error::IndexBusy(_) => ApiError::new(
                Code::IndexBusy,
                "an indexing run is already in progress; try again when it has finished",
            ),
            _ => {
                tracing::error!(error = %e, "internal error");
                ApiError::new(
                    Code::Internal,
                    "internal error; the details are in the server log",
                )
            }
        }
    }
}

impl From<tokio::task::JoinError> for ApiError {
    fn from(e: tokio::task::JoinError) -> ApiError {
        tracing::error!(error = %e, "blocking task failed");
        ApiError::new(
            Code::Internal,
            "internal error; the details are in the server log",
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_internal_error_reaches_the_client_without_its_detail() {
        let e = Error::io(
            "/srv/secret/index/meta.json",
            std::io::Error::other("disk on fire"),
        );
        let api = ApiError::from(e);
        assert_eq!(api.code, Code::Internal);
        assert_eq!(api.code.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert!(!api.message.contains("secret") && !api.message.contains("fire"));
    }

    #[test]
    fn a_bad_parameter_is_400_and_its_message_names_the_parameter() {
        let api = ApiError::from(Error::param("per_page", "must be between 1 and 100"));
        assert_eq!(api.code.status(), StatusCode::BAD_REQUEST);
        assert!(api.message.contains("per_page"), "{}", api.message);
    }

    #[test]
    fn client_errors_keep_their_own_status() {
        for (e, status) in [
            (Error::NotFound("x".into()), StatusCode::NOT_FOUND),
            (Error::Unauthorized, StatusCode::UNAUTHORIZED),
            (Error::AdminDisabled, StatusCode::FORBIDDEN),
            (Error::IndexBusy("/i".into()), StatusCode::CONFLICT),
        ] {
            assert_eq!(ApiError::from(e).code.status(), status);
        }
    }

    #[test]
    fn the_body_is_the_code_and_message_as_json() {
        let resp = ApiError::new(Code::Overloaded, "busy").into_response();
        assert_eq!(resp.status(), StatusCode::SERVICE_UNAVAILABLE);
        let body = ErrorBody {
            error: ErrorDetail {
                code: Code::Overloaded,
                message: "busy".into(),
            },
        };
        assert_eq!(
            serde_json::to_value(&body).unwrap(),
            serde_json::json!({ "error": { "code": "overloaded", "message": "busy" } })
        );
    }
}
