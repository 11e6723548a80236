//! The query-string parameters of the search, described once for the JSON search
//! (`SearchParams`) and the HTML page (`PageParams`), which take the same query
//! string (the page as a form sends it, empty fields included), and those of
//! the suggestions while typing (`SuggestParams`). Only their
//! description lives here: both faces parse the raw query with
//! `SearchRequest::from_pairs`. The OpenAPI document and the handlers use them.

use utoipa::IntoParams;
use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, Type};
use utoipa::openapi::{RefOr, Schema};

use crate::lang::Lang;

/// A repeatable facet parameter: up to 20 values of 1 to 200 characters.
fn facet_values() -> impl Into<RefOr<Schema>> {
    ArrayBuilder::new()
        .items(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .min_length(Some(1))
                .max_length(Some(crate::search::MAX_VALUE_CHARS)),
        )
        .max_items(Some(crate::search::MAX_FACET_VALUES))
}

/// The language facet: codes only.
fn lang_values() -> impl Into<RefOr<Schema>> {
    ArrayBuilder::new()
        .items(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .enum_values(Some(Lang::accepted_codes())),
        )
        .max_items(Some(crate::search::MAX_FACET_VALUES))
}

/// One language code (the query's language).
fn lang_code() -> impl Into<RefOr<Schema>> {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(Lang::accepted_codes()))
}

/// The page's query language: a code, or empty.
fn form_lang_code() -> impl Into<RefOr<Schema>> {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(Lang::accepted_codes().chain([""])))
}

/// The page's facet parameters: a form may send them empty.
fn form_values() -> impl Into<RefOr<Schema>> {
    ArrayBuilder::new()
        .items(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .max_length(Some(crate::search::MAX_VALUE_CHARS)),
        )
        .max_items(Some(crate::search::MAX_FACET_VALUES))
}

/// The page's language facet: a code, or empty.
fn form_lang_values() -> impl Into<RefOr<Schema>> {
    ArrayBuilder::new()
        .items(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .enum_values(Some(Lang::accepted_codes().chain([""]))),
        )
        .max_items(Some(crate::search::MAX_FACET_VALUES))
}

/// Query-string parameters of `GET /api/search` and `GET /`.
#[derive(IntoParams)]
#[into_params(parameter_in = Query, style = Form)]
#[allow(dead_code)]
pub struct SearchParams {
    /// Query text. Every document with at least one of the words matches; each word
    /// a document has raises its rank, rarer words more (each hit's
    /// `missing` lists the words it lacks; `relaxed` is true when none has them
    /// all). Parts of a hyphenated or slashed word count as words, compounds meet
    /// their parts, stop words count only when the query has nothing else.
    /// `"quoted phrases"` and `+words` are required, `-words` and `NOT word`
    /// excluded; malformed syntax is searched as well as it can be.
    #[param(max_length = 512)]
    q: Option<String>,
    /// Type filter (repeatable; values OR-ed).
    #[param(rename = "type", explode, schema_with = facet_values)]
    doc_type: Option<Vec<String>>,
    /// Language filter: en da sv no fi et lv lt pl de ru fr und (nb, nn and nor mean no).
    #[param(explode, schema_with = lang_values)]
    lang: Option<Vec<String>>,
    /// Country filter (ISO 3166 alpha-2).
    #[param(explode, schema_with = facet_values)]
    country: Option<Vec<String>>,
    /// Topic filter (vocabulary slugs).
    #[param(explode, schema_with = facet_values)]
    topic: Option<Vec<String>>,
    /// Audience filter: facilitator, policy, business-support.
    #[param(explode, schema_with = facet_values)]
    audience: Option<Vec<String>>,
    /// Organisation filter.
    #[param(explode, schema_with = facet_values)]
    org: Option<Vec<String>>,
    /// Training-module filter (basic-1 … programme-3).
    #[param(explode, schema_with = facet_values)]
    module: Option<Vec<String>>,
    /// Concept filter (vocabulary ids).
    #[param(explode, schema_with = facet_values)]
    concept: Option<Vec<String>>,
    /// Lowest year, inclusive.
    #[param(minimum = 0, maximum = 9999)]
    year_from: Option<u32>,
    /// Highest year, inclusive.
    #[param(minimum = 0, maximum = 9999)]
    year_to: Option<u32>,
    /// Page, from 1 (page × per_page ≤ 10,000).
    #[param(minimum = 1, maximum = 100)]
    page: Option<u32>,
    /// Hits per page.
    #[param(minimum = 1, maximum = 100)]
    per_page: Option<u32>,
    /// `relevance` (default), `year_desc`, `year_asc` or `added_desc` (newest in
    /// the pool first).
    #[param(pattern = "^(relevance|year_desc|year_asc|added_desc)$")]
    sort: Option<String>,
    /// Expand vocabulary concepts to the other languages (default true).
    cross_lingual: Option<bool>,
    /// Also match by meaning, in any language (default true; without effect when
    /// the server has no model: `/healthz` says).
    semantic: Option<bool>,
    /// The language the query is written in, when known.
    #[param(schema_with = lang_code)]
    qlang: Option<String>,
}

/// How many suggestions: 1 to `MAX_SUGGESTIONS`.
fn suggestion_count() -> impl Into<RefOr<Schema>> {
    ObjectBuilder::new()
        .schema_type(Type::Integer)
        .minimum(Some(1))
        .maximum(Some(crate::search::MAX_SUGGESTIONS as u64))
        .default(Some(crate::search::DEFAULT_SUGGESTIONS.into()))
}

/// Query-string parameters of `GET /api/suggest`.
#[derive(IntoParams)]
#[into_params(parameter_in = Query, style = Form)]
#[allow(dead_code)]
pub struct SuggestParams {
    /// What has been typed: the last word is completed (unless a space ends the
    /// text), the words before it must all be in a suggested title.
    // utoipa takes only a literal here: pages_e2e holds it to MAX_SUGGEST_CHARS.
    #[param(max_length = 100)]
    q: String,
    /// Only titles and concept terms of this language.
    #[param(schema_with = lang_code)]
    lang: Option<String>,
    /// Most suggestions.
    #[param(schema_with = suggestion_count)]
    limit: Option<u32>,
}

/// Query-string parameters of the search page `GET /`: the same as the API's, but
/// as an HTML form sends them, empty fields included (an empty field is unset).
#[derive(IntoParams)]
#[into_params(parameter_in = Query, style = Form)]
#[allow(dead_code)]
pub struct PageParams {
    /// Query text.
    #[param(max_length = 512)]
    q: Option<String>,
    /// Type filter.
    #[param(rename = "type", explode, schema_with = form_values)]
    doc_type: Option<Vec<String>>,
    /// Language filter.
    #[param(explode, schema_with = form_lang_values)]
    lang: Option<Vec<String>>,
    /// Country filter.
    #[param(explode, schema_with = form_values)]
    country: Option<Vec<String>>,
    /// Topic filter.
    #[param(explode, schema_with = form_values)]
    topic: Option<Vec<String>>,
    /// Audience filter.
    #[param(explode, schema_with = form_values)]
    audience: Option<Vec<String>>,
    /// Organisation filter.
    #[param(explode, schema_with = form_values)]
    org: Option<Vec<String>>,
    /// Training-module filter.
    #[param(explode, schema_with = form_values)]
    module: Option<Vec<String>>,
    /// Concept filter.
    #[param(explode, schema_with = form_values)]
    concept: Option<Vec<String>>,
    /// Lowest year (digits, or empty).
    #[param(pattern = "^(|0|[1-9][0-9]{0,3})$")]
    year_from: Option<String>,
    /// Highest year (digits, or empty).
    #[param(pattern = "^(|0|[1-9][0-9]{0,3})$")]
    year_to: Option<String>,
    /// Page (1 to 100, or empty).
    #[param(pattern = "^(|[1-9]|[1-9][0-9]|100)$")]
    page: Option<String>,
    /// Hits per page (1 to 100, or empty).
    #[param(pattern = "^(|[1-9]|[1-9][0-9]|100)$")]
    per_page: Option<String>,
    /// Sort order, or empty.
    #[param(pattern = "^(|relevance|year_desc|year_asc|added_desc)$")]
    sort: Option<String>,
    /// `false` turns cross-language expansion off.
    #[param(pattern = "^(|true|false)$")]
    cross_lingual: Option<String>,
    /// `false` turns matching by meaning off.
    #[param(pattern = "^(|true|false)$")]
    semantic: Option<String>,
    /// Query language, or empty.
    #[param(schema_with = form_lang_code)]
    qlang: Option<String>,
    /// The page's language (else the browser's `Accept-Language`), or empty.
    #[param(schema_with = ui_code)]
    ui: Option<String>,
}

/// The page's language on pages other than the search.
#[derive(IntoParams)]
#[into_params(parameter_in = Query, style = Form)]
#[allow(dead_code)]
pub struct UiParams {
    /// The page's language (else the browser's `Accept-Language`), or empty.
    #[param(schema_with = ui_code)]
    ui: Option<String>,
}

/// A page language: a code of the twelve (or a Norwegian alias), or empty.
fn ui_code() -> impl Into<RefOr<Schema>> {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(
            Lang::accepted_codes()
                .filter(|c| *c != Lang::Und.code())
                .chain([""]),
        ))
}
