//! The OpenAPI 3.1 description of the whole HTTP API, generated from the handlers'
//! annotations, the parameters of `params.rs` and the schemas of `schema.rs`
//! (utoipa), served at `/api/openapi.json`. A leaf: it reads the other modules,
//! and only the router reads it (for that route).

use axum::Json;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::error::{Code, ErrorBody, ErrorDetail};
use super::schema::{
    Correction, DocumentView, ExpandedConcept, FacetValue, Facets, FormatCount, Hit, IngestReport,
    Location, MatchedVia, Problem, QueryCount, QueryReport, Related, SearchResponse, Section,
    SectionKind, Severity, Suggestion, Suggestions,
};

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "admin_token",
            SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
        );
    }
}

/// The API description.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "clusterpool",
        description = "Faceted, multilingual search over the Baltic Sea Region's pool of cluster practice material."
    ),
    paths(
        super::api::search,
        super::api::facets,
        super::api::document,
        super::api::related,
        super::api::suggest,
        super::api::healthz,
        super::admin::reindex,
        super::admin::queries,
        super::pages::search,
        super::feed::feed,
        super::pages::document::document,
        super::pages::document::file,
        super::pages::style,
        super::pages::script,
        openapi_json,
    ),
    components(schemas(
        SearchResponse, Hit, Facets, FacetValue, Location, MatchedVia, ExpandedConcept, Correction, Suggestion, Suggestions,
        DocumentView, Related, Section, SectionKind, IngestReport, FormatCount, Problem,
        Severity, ErrorBody, ErrorDetail, Code, super::api::Health, QueryReport, QueryCount,
    )),
    modifiers(&BearerAuth)
)]
pub struct ApiDoc;

/// `GET /api/openapi.json`
#[utoipa::path(
    get,
    path = "/api/openapi.json",
    responses((status = 200, description = "This OpenAPI document", content_type = "application/json"))
)]
pub async fn openapi_json() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
