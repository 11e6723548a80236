//! The web page for facilitators and policy staff: server-rendered HTML (maud, so
//! every piece of text is escaped unless marked otherwise) that works without
//! JavaScript. `/` searches with a facet sidebar (checkboxes inside one GET form:
//! ticking several values of a facet ORs them), chips for active filters,
//! highlighted snippets, cross-language explanations and pagination; `/doc/{id}`
//! shows one document with its metadata, text (by slide for decks), the original
//! file and related material in any language (`document.rs`, with the original
//! file's download). Styles and the small script that adds live results are static
//! files, so the Content-Security-Policy needs no inline code.

use axum::extract::{RawQuery, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use maud::{DOCTYPE, Markup, PreEscaped, html};

pub mod document;

pub use document::{document, file};

use super::AppState;
use super::error::ApiError;
use super::labels;
use super::present::{MEANING_UNAVAILABLE, encode_id, snippet_html};
use crate::Error;
use crate::document::SectionKind;
use crate::embed::Semantic;
use crate::schema::Facet;
use crate::search::{FacetValue, Hit, MatchedVia, SearchRequest, SearchResponse};
use crate::vocabulary::Vocabulary;

const STYLE: &str = include_str!("../static/style.css");
const SCRIPT: &str = include_str!("../static/app.js");

/// `GET /static/style.css`
#[utoipa::path(get, path = "/static/style.css", responses((status = 200, description = "The stylesheet", content_type = "text/css")))]
pub async fn style() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        STYLE,
    )
        .into_response()
}

/// `GET /static/app.js`
#[utoipa::path(get, path = "/static/app.js", responses((status = 200, description = "The progressive script", content_type = "text/javascript")))]
pub async fn script() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        SCRIPT,
    )
        .into_response()
}

fn page(title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · clusterpool" }
                link rel="stylesheet" href="/static/style.css";
                script src="/static/app.js" defer {}
            }
            body {
                a.skip href="#main" { "Skip to content" }
                header.site {
                    a.brand href="/" { "clusterpool" }
                    span.tagline { "Cluster practice from the Baltic Sea Region, in twelve languages" }
                }
                main #main { (body) }
                footer.site {
                    "Shared by cluster organisations and programmes around the Baltic Sea. "
                    a href="/api/facets" { "JSON API" }
                }
            }
        }
    }
}

/// An HTML error page with the right status.
fn error_page(status: StatusCode, message: &str) -> Response {
    let body = page(
        "Problem",
        html! {
            h1 { "Something is not right" }
            p.error role="alert" { (message) }
            p { a href="/" { "Start a new search" } }
        },
    );
    (status, body).into_response()
}

/// An error as a page: the status and the message safe to show come from the one
/// mapping in [`super::error`], as for the JSON API.
fn page_error(e: impl Into<ApiError>) -> Response {
    let e: ApiError = e.into();
    error_page(e.code.status(), &e.message)
}

/// Runs engine work on the blocking pool; any failure becomes an error page.
async fn blocking<T: Send + 'static>(
    state: &AppState,
    work: impl FnOnce() -> Result<T, Error> + Send + 'static,
) -> Result<T, Response> {
    match state.run(work).await {
        Ok(Ok(x)) => Ok(x),
        Ok(Err(e)) => Err(page_error(e)),
        Err(e) => Err(page_error(e)),
    }
}

/// A link to the search page for these parameters.
fn search_url(pairs: &[(String, String)]) -> String {
    if pairs.is_empty() {
        return "/".to_string();
    }
    let qs: String = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .finish();
    format!("/?{qs}")
}

/// `GET /`
#[utoipa::path(
    get,
    path = "/",
    params(super::params::PageParams),
    responses(
        (status = 200, description = "The search page", content_type = "text/html"),
        (status = 400, description = "A parameter is invalid", content_type = "text/html"),
        (status = 503, description = "Overloaded or timed out", body = super::error::ErrorBody)
    )
)]
pub async fn search(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    let pairs = form_urlencoded::parse(raw.as_deref().unwrap_or("").as_bytes());
    let req = match SearchRequest::from_form(pairs) {
        Ok(r) => r,
        Err(e) => return page_error(e),
    };
    let engine = state.engine.clone();
    let req2 = req.clone();
    let resp = match blocking(&state, move || engine.search(&req2)).await {
        Ok(r) => r,
        Err(page) => return page,
    };
    let vocab = state.engine.vocabulary();
    let title = if req.q.is_empty() {
        "Search".to_string()
    } else {
        format!("{} – search", req.q)
    };
    let semantic = state.engine.semantic();
    page(&title, search_body(&req, &resp, vocab.as_deref(), semantic)).into_response()
}

fn search_body(
    req: &SearchRequest,
    resp: &SearchResponse,
    vocab: Option<&Vocabulary>,
    semantic: &Semantic,
) -> Markup {
    let pairs = req.to_pairs();
    html! {
        h1.visually-hidden { "Search the resource pool" }
        form #search method="get" action="/" role="search" {
            (search_bar(req, semantic))
            @if semantic.problem().is_some() {
                p.notice #semantic-notice { (MEANING_UNAVAILABLE) }
            }
            div.layout {
                aside #facets aria-labelledby="facets-heading" {
                    h2 #facets-heading { "Filter" }
                    @for facet in Facet::ALL {
                        (facet_box(facet, resp.facets.of(facet), req.filters.get(&facet), vocab))
                    }
                    (year_box(req, resp))
                    button.apply type="submit" { "Apply filters" }
                }
                section #results aria-labelledby="results-heading" aria-live="polite" {
                    h2 #results-heading {
                        span #result-count { (resp.total) }
                        @if resp.total == 1 { " result" } @else { " results" }
                        @if !req.q.is_empty() { " for “" (req.q) "”" }
                    }
                    (chips(req, &pairs, vocab))
                    @if !resp.expanded.is_empty() {
                        p.expanded {
                            "Also searched in every language of the pool: "
                            @for (i, e) in resp.expanded.iter().enumerate() {
                                @if i > 0 { ", " }
                                "“" (e.query_term) "”"
                            }
                            ". "
                            a href=(search_url(&with(&pairs, "cross_lingual", Some("false")))) { "Search only the words as typed" }
                        }
                    }
                    @if resp.relaxed {
                        p.notice { "No document has all of your words; showing documents with some of them." }
                    }
                    @if resp.hits.is_empty() {
                        (no_results(req, &pairs, vocab))
                    } @else {
                        ol.hits start=(((resp.page - 1) * resp.per_page) + 1) {
                            @for hit in &resp.hits {
                                (hit_item(hit, vocab))
                            }
                        }
                        (pagination(resp, &pairs))
                    }
                }
            }
        }
    }
}

/// The query box, the cross-lingual and meaning switches and the sort order.
fn search_bar(req: &SearchRequest, semantic: &Semantic) -> Markup {
    html! {
        div.searchbar {
            label for="q" { "Search the pool" }
            div.row {
                input #q type="search" name="q" value=(req.q) autocomplete="off"
                    placeholder="e.g. cluster mapping, biedru aptauja, klyngeprogram";
                button type="submit" { "Search" }
            }
            div.options {
                label {
                    input type="checkbox" name="cross_lingual" value="false" checked[!req.cross_lingual];
                    " Only the words as typed (no other languages)"
                }
                @if semantic.encoder().is_some() {
                    label {
                        input type="checkbox" name="semantic" value="false" checked[!req.semantic];
                        " Words only (no matching by meaning)"
                    }
                }
                label for="sort" { "Sort " }
                select #sort name="sort" {
                    option value="relevance" selected[req.sort == crate::search::Sort::Relevance] { "by relevance" }
                    option value="year_desc" selected[req.sort == crate::search::Sort::YearDesc] { "newest first" }
                    option value="year_asc" selected[req.sort == crate::search::Sort::YearAsc] { "oldest first" }
                }
                @if req.per_page != 10 {
                    input type="hidden" name="per_page" value=(req.per_page);
                }
            }
        }
    }
}

/// The year range and the years the results span.
fn year_box(req: &SearchRequest, resp: &SearchResponse) -> Markup {
    html! {
        fieldset.facet {
            legend { "Year" }
            div.years {
                label for="year_from" { "From" }
                input #year_from type="number" name="year_from" min="1950" max="2100" inputmode="numeric"
                    value=[req.year_from];
                label for="year_to" { "to" }
                input #year_to type="number" name="year_to" min="1950" max="2100" inputmode="numeric"
                    value=[req.year_to];
            }
            @if !resp.facets.year.is_empty() {
                p.hint {
                    "Years in these results: "
                    (resp.facets.year.first().map(|v| v.value.as_str()).unwrap_or(""))
                    "–"
                    (resp.facets.year.last().map(|v| v.value.as_str()).unwrap_or(""))
                }
            }
        }
    }
}

/// One hit: title link, badges, the snippet and why it matched in another language.
fn hit_item(hit: &Hit, vocab: Option<&Vocabulary>) -> Markup {
    html! {
        li.hit {
            h3 { a href={ "/doc/" (encode_id(&hit.id)) } { (hit.title) } }
            p.badges {
                span.badge.type { (labels::value(Facet::Type, &hit.doc_type, vocab)) }
                span.badge.lang lang=(hit.lang) { (labels::value(Facet::Lang, &hit.lang, vocab)) }
                @for c in &hit.country {
                    span.badge.country { (labels::value(Facet::Country, c, vocab)) }
                }
                @if let Some(y) = hit.year { span.year { (y) } }
                @if let Some(loc) = &hit.location {
                    span.location {
                        @match loc.kind { SectionKind::Slide => "slide ", SectionKind::Page => "page " }
                        (loc.number)
                    }
                }
            }
            // Escaped text with only <mark> added (http::present).
            p.snippet lang=(hit.lang) { (PreEscaped(snippet_html(&hit.snippet))) }
            @for via in &hit.matched_via {
                @match via {
                    MatchedVia::Term(t) => p.via {
                        "Matched “" span lang=(t.lang) { (t.term) } "” ("
                        (labels::value(Facet::Lang, &t.lang, vocab))
                        ") for “" (t.query_term) "”"
                    },
                    MatchedVia::Meaning(m) => p.via.meaning {
                        "Matched by meaning: passage " (m.passage)
                        @if let Some(loc) = &m.location {
                            " ("
                            @match loc.kind { SectionKind::Slide => "slide ", SectionKind::Page => "page " }
                            (loc.number) ")"
                        }
                    },
                }
            }
        }
    }
}

/// `pairs` with every `key` removed and, when given, `key=value` added.
fn with(pairs: &[(String, String)], key: &str, value: Option<&str>) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = pairs
        .iter()
        .filter(|(k, _)| k != key && k != "page")
        .cloned()
        .collect();
    if let Some(v) = value {
        out.push((key.to_string(), v.to_string()));
    }
    out
}

/// `pairs` without one `key=value` (and without the page).
fn without(pairs: &[(String, String)], key: &str, value: &str) -> Vec<(String, String)> {
    pairs
        .iter()
        .filter(|(k, v)| !(k == key && v == value) && k != "page")
        .cloned()
        .collect()
}

fn facet_box(
    facet: Facet,
    values: &[FacetValue],
    selected: Option<&Vec<String>>,
    vocab: Option<&Vocabulary>,
) -> Markup {
    if values.is_empty() {
        return html! {};
    }
    let name = facet.name();
    let many = values.len() > 8;
    html! {
        fieldset.facet {
            legend { (labels::facet_name(facet)) }
            ul.values.scroll[many] {
                @for v in values {
                    @let checked = selected.is_some_and(|s| s.contains(&v.value));
                    @let id = format!("f-{}-{}", name, v.value.bytes().map(|b| format!("{b:02x}")).collect::<String>());
                    li {
                        input type="checkbox" id=(id) name=(name) value=(v.value) checked[checked];
                        label for=(id) {
                            (labels::value(facet, &v.value, vocab))
                            " " span.count { "(" (v.count) ")" }
                        }
                    }
                }
            }
        }
    }
}

fn chips(req: &SearchRequest, pairs: &[(String, String)], vocab: Option<&Vocabulary>) -> Markup {
    let mut active: Vec<(String, String, String)> = Vec::new();
    for (facet, values) in &req.filters {
        for v in values {
            active.push((
                facet.name().to_string(),
                v.clone(),
                format!(
                    "{}: {}",
                    labels::facet_name(*facet),
                    labels::value(*facet, v, vocab)
                ),
            ));
        }
    }
    if let Some(y) = req.year_from {
        active.push(("year_from".into(), y.to_string(), format!("From {y}")));
    }
    if let Some(y) = req.year_to {
        active.push(("year_to".into(), y.to_string(), format!("Until {y}")));
    }
    if active.is_empty() {
        return html! {};
    }
    html! {
        ul.chips aria-label="Active filters" {
            @for (key, value, label) in &active {
                li {
                    a href=(search_url(&without(pairs, key, value))) aria-label={ "Remove filter " (label) } {
                        (label) span aria-hidden="true" { " ×" }
                    }
                }
            }
            li { a.clear href=(search_url(&keep_query_only(pairs))) { "Clear all filters" } }
        }
    }
}

/// The query, sort and language switch without any filter.
fn keep_query_only(pairs: &[(String, String)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .filter(|(k, _)| {
            matches!(
                k.as_str(),
                "q" | "sort" | "cross_lingual" | "semantic" | "per_page"
            )
        })
        .cloned()
        .collect()
}

fn no_results(
    req: &SearchRequest,
    pairs: &[(String, String)],
    vocab: Option<&Vocabulary>,
) -> Markup {
    html! {
        div.empty {
            p { strong { "Nothing in the pool matches." } }
            @if !req.filters.is_empty() || req.year_from.is_some() || req.year_to.is_some() {
                p { "Try removing a filter:" }
                ul {
                    @for (facet, values) in &req.filters {
                        @for v in values {
                            li { a href=(search_url(&without(pairs, facet.name(), v))) {
                                "without " (labels::facet_name(*facet)) ": " (labels::value(*facet, v, vocab))
                            } }
                        }
                    }
                    @if let Some(y) = req.year_from {
                        li { a href=(search_url(&without(pairs, "year_from", &y.to_string()))) { "without the year limit from " (y) } }
                    }
                    @if let Some(y) = req.year_to {
                        li { a href=(search_url(&without(pairs, "year_to", &y.to_string()))) { "without the year limit to " (y) } }
                    }
                }
            }
            @if !req.cross_lingual {
                p { a href=(search_url(&with(pairs, "cross_lingual", None))) { "Search in all languages of the pool" } }
            }
            p { "Fewer or more general words also help, for example “benchmarking” instead of a full sentence." }
        }
    }
}

fn pagination(resp: &SearchResponse, pairs: &[(String, String)]) -> Markup {
    let pages = (resp.total as usize)
        .div_ceil(resp.per_page)
        .min(crate::search::MAX_DEPTH / resp.per_page)
        .min(crate::search::MAX_PAGE);
    if pages <= 1 {
        return html! {};
    }
    let link = |p: usize| {
        let mut v = with(pairs, "page", None);
        if p > 1 {
            v.push(("page".into(), p.to_string()));
        }
        search_url(&v)
    };
    let first = resp.page.saturating_sub(3).max(1);
    let last = (resp.page + 3).min(pages);
    html! {
        nav.pages aria-label="Result pages" {
            @if resp.page > 1 { a rel="prev" href=(link(resp.page - 1)) { "‹ Previous" } }
            @for p in first..=last {
                @if p == resp.page { span aria-current="page" { (p) } }
                @else { a href=(link(p)) { (p) } }
            }
            @if resp.page < pages { a rel="next" href=(link(resp.page + 1)) { "Next ›" } }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn a_facet_link_replaces_its_key_and_drops_the_page() {
        let p = pairs(&[
            ("q", "klasteri"),
            ("sort", "year_desc"),
            ("page", "3"),
            ("lang", "lv"),
        ]);
        assert_eq!(
            with(&p, "lang", Some("da")),
            pairs(&[("q", "klasteri"), ("sort", "year_desc"), ("lang", "da")])
        );
        assert_eq!(
            with(&p, "lang", None),
            pairs(&[("q", "klasteri"), ("sort", "year_desc")])
        );
    }

    #[test]
    fn removing_a_chip_removes_only_that_value() {
        let p = pairs(&[("q", "x"), ("lang", "lv"), ("lang", "lt"), ("page", "2")]);
        assert_eq!(
            without(&p, "lang", "lv"),
            pairs(&[("q", "x"), ("lang", "lt")])
        );
    }

    #[test]
    fn clearing_filters_keeps_the_query_and_its_settings() {
        let p = pairs(&[
            ("q", "x"),
            ("country", "DK"),
            ("sort", "relevance"),
            ("per_page", "20"),
        ]);
        assert_eq!(
            keep_query_only(&p),
            pairs(&[("q", "x"), ("sort", "relevance"), ("per_page", "20")])
        );
    }

    #[test]
    fn search_links_are_form_encoded() {
        assert_eq!(search_url(&[]), "/");
        assert_eq!(
            search_url(&pairs(&[("q", "a&b c"), ("lang", "lv")])),
            "/?q=a%26b+c&lang=lv"
        );
    }
}
