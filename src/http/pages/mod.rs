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
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use maud::{DOCTYPE, Markup, PreEscaped, html};

pub mod document;

pub use document::{document, file};

use super::AppState;
use super::error::{ApiError, Code};
use super::i18n::Ui;
use super::labels;
use super::present::{encode_id, snippet_html};
use crate::Error;
use crate::document::SectionKind;
use crate::embed::Semantic;
use crate::schema::Facet;
use crate::search::{FacetValue, Hit, MatchedVia, SearchRequest, SearchResponse};
use crate::vocabulary::Vocabulary;
use fluent_bundle::FluentValue;

/// The header the page's script sends with the refreshes it makes while the
/// reader types, so that half-typed words are not counted as searches.
pub const LIVE_HEADER: &str = "x-clusterpool-live";

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

/// Where the page's language switch leads: the same page in another language.
type SwitchTo<'a> = &'a dyn Fn(Ui) -> String;

/// The frame of every page, in the reader's language: `<html lang>`, the header
/// with the language switch (plain links, so it works without the script), the
/// footer. `feed` is the Atom feed of the page's search, when it has one.
fn page(ui: Ui, title: &str, switch: SwitchTo, feed: Option<&str>, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(ui.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · clusterpool" }
                link rel="stylesheet" href="/static/style.css";
                @if let Some(feed) = feed {
                    link #feed rel="alternate" type="application/atom+xml" title=(ui.t("feed-link")) href=(feed);
                }
                script src="/static/app.js" defer {}
            }
            body {
                a.skip href="#main" { (ui.t("skip-to-content")) }
                header.site {
                    a.brand href=(home(ui)) { "clusterpool" }
                    span.tagline { (ui.t("tagline")) }
                    nav.languages #languages aria-label=(ui.t("ui-switch")) {
                        ul {
                            @for other in Ui::all() {
                                li {
                                    @if other == ui {
                                        span aria-current="true" lang=(other.code()) { (other.t("ui-name")) }
                                    } @else {
                                        a href=(switch(other)) lang=(other.code()) hreflang=(other.code()) { (other.t("ui-name")) }
                                    }
                                }
                            }
                        }
                    }
                }
                main #main { (body) }
                footer.site {
                    (ui.t("footer-text")) " "
                    a href="/api/facets" { (ui.t("footer-api")) }
                }
            }
        }
    }
}

/// The search page's address in a language.
fn home(ui: Ui) -> String {
    format!("/?ui={}", ui.code())
}

/// A message with one argument shown as markup (a link, a word in another
/// language) rather than as text: the message is formatted around a marker that
/// the markup then replaces, so the translation decides where it goes.
fn sentence(
    ui: Ui,
    id: &str,
    args: &[(&'static str, FluentValue<'_>)],
    slot: &'static str,
    markup: Markup,
) -> Markup {
    const MARK: &str = "\u{E000}";
    let mut all: Vec<(&'static str, FluentValue<'_>)> = args.to_vec();
    all.push((slot, MARK.into()));
    let text = ui.t_with(id, &all);
    match text.split_once(MARK) {
        Some((before, after)) => html! { (before) (markup) (after) },
        None => html! { (text) },
    }
}

/// The message of an error, in the reader's language.
fn error_message(ui: Ui, e: &ApiError) -> String {
    match e.code {
        Code::InvalidParameter => ui.t_with(
            "error-invalid-parameter",
            &[("param", e.param.clone().unwrap_or_default().into())],
        ),
        Code::NotFound => ui.t("error-not-found"),
        Code::MethodNotAllowed => ui.t("error-method-not-allowed"),
        Code::Unauthorized => ui.t("error-unauthorized"),
        Code::AdminDisabled => ui.t("error-admin-disabled"),
        Code::IndexBusy => ui.t("error-index-busy"),
        Code::Overloaded => ui.t("error-overloaded"),
        Code::Timeout => ui.t("error-timeout"),
        Code::PayloadTooLarge => ui.t("error-payload-too-large"),
        Code::Internal => ui.t("error-internal"),
    }
}

/// An error as a page: the status comes from the one mapping in
/// [`super::error`], as for the JSON API; the message is the code's, translated.
fn page_error(ui: Ui, e: impl Into<ApiError>) -> Response {
    let e: ApiError = e.into();
    let body = page(
        ui,
        &ui.t("error-title"),
        &home,
        None,
        html! {
            h1 { (ui.t("error-heading")) }
            p.error role="alert" { (error_message(ui, &e)) }
            p { a href=(home(ui)) { (ui.t("error-start-again")) } }
        },
    );
    (e.code.status(), body).into_response()
}

/// Runs engine work on the blocking pool; any failure becomes an error page.
async fn blocking<T: Send + 'static>(
    state: &AppState,
    ui: Ui,
    work: impl FnOnce() -> Result<T, Error> + Send + 'static,
) -> Result<T, Response> {
    match state.run(work).await {
        Ok(Ok(x)) => Ok(x),
        Ok(Err(e)) => Err(page_error(ui, e)),
        Err(e) => Err(page_error(ui, e)),
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

/// Query-string pairs, in the order sent.
type Pairs = Vec<(String, String)>;

/// The page's language and the rest of the query string. `ui` is the page's own
/// parameter (the search knows nothing of it); `explicit` says the reader chose
/// it, so links carry it on.
pub(crate) struct PageLang {
    /// The language to show.
    pub ui: Ui,
    /// Whether `?ui=` chose it (rather than the browser's `Accept-Language`).
    pub explicit: bool,
}

impl PageLang {
    /// The page language of a request and the rest of its query string: `ui`
    /// when given (a blank one, as a form sends it, is no choice), else the
    /// browser's `Accept-Language`. A `ui` naming no language is an error, to be
    /// shown in the browser's language (the `Ui` beside it).
    pub(crate) fn read(
        headers: &HeaderMap,
        raw_query: Option<&str>,
    ) -> Result<(PageLang, Pairs), (Ui, Error)> {
        let mut pairs: Pairs = super::query_pairs(raw_query).into_owned().collect();
        let mut chosen = None;
        for (_, v) in pairs.iter().filter(|(k, v)| k == "ui" && !v.is_empty()) {
            let ui = Ui::parse(v).ok_or_else(|| {
                let codes: Vec<&str> = Ui::all().map(Ui::code).collect();
                let message = format!("must be one of {}", codes.join(" "));
                (browser_ui(headers), Error::param("ui", message))
            })?;
            chosen = Some(ui);
        }
        pairs.retain(|(k, _)| k != "ui");
        let lang = PageLang {
            ui: Ui::choose(chosen, accept_language(headers)),
            explicit: chosen.is_some(),
        };
        Ok((lang, pairs))
    }

    /// `("ui", code)` when the reader chose the language, for links to carry.
    pub(crate) fn pair(&self) -> Option<(String, String)> {
        self.explicit
            .then(|| ("ui".to_string(), self.ui.code().to_string()))
    }

    /// `?ui=xx` for a link to another page, when the reader chose the language.
    pub(crate) fn suffix(&self) -> String {
        if self.explicit {
            format!("?ui={}", self.ui.code())
        } else {
            String::new()
        }
    }
}

/// The language the browser asks for, for pages with no `ui` choice.
pub(crate) fn browser_ui(headers: &HeaderMap) -> Ui {
    Ui::choose(None, accept_language(headers))
}

/// The browser's `Accept-Language`, when readable.
fn accept_language(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
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
pub async fn search(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Response {
    let (lang, pairs) = match PageLang::read(&headers, raw.as_deref()) {
        Ok(x) => x,
        Err((ui, e)) => return page_error(ui, e),
    };
    let ui = lang.ui;
    let req = match SearchRequest::from_form(pairs) {
        Ok(r) => r,
        Err(e) => return page_error(ui, e),
    };
    let engine = state.engine.clone();
    let req2 = req.clone();
    let resp = match blocking(&state, ui, move || engine.search(&req2)).await {
        Ok(r) => r,
        Err(page) => return page,
    };
    // The script's refreshes while typing are not searches anyone finished.
    if !headers.contains_key(LIVE_HEADER) {
        state.record_query(&req, &resp);
    }
    let vocab = state.engine.vocabulary();
    let title = if req.q.is_empty() {
        ui.t("search-title")
    } else {
        ui.t_with("search-title-query", &[("query", req.q.as_str().into())])
    };
    let semantic = state.engine.semantic();
    let pairs = req.to_pairs();
    let switch = |other: Ui| search_url(&with(&pairs, "ui", Some(other.code())));
    let feed = feed_url(&req, &lang);
    let view = View {
        lang: &lang,
        vocab: vocab.as_deref(),
    };
    page(
        ui,
        &title,
        &switch,
        Some(&feed),
        search_body(&view, &req, &resp, semantic, &feed),
    )
    .into_response()
}

/// What every part of a page needs: the reader's language and the vocabulary's labels.
struct View<'a> {
    lang: &'a PageLang,
    vocab: Option<&'a Vocabulary>,
}

impl View<'_> {
    fn ui(&self) -> Ui {
        self.lang.ui
    }

    fn label(&self, facet: Facet, value: &str) -> String {
        labels::value(facet, value, self.vocab, self.lang.ui)
    }

    /// A document's page, in the reader's language.
    fn doc_url(&self, id: &str) -> String {
        format!("/doc/{}{}", encode_id(id), self.lang.suffix())
    }
}

/// The Atom feed of a search: its query and filters, newest material first.
fn feed_url(req: &SearchRequest, lang: &PageLang) -> String {
    let mut kept = req.search_pairs();
    kept.extend(lang.pair());
    let qs: String = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(kept.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .finish();
    if qs.is_empty() {
        "/feed".to_string()
    } else {
        format!("/feed?{qs}")
    }
}

fn search_body(
    view: &View,
    req: &SearchRequest,
    resp: &SearchResponse,
    semantic: &Semantic,
    feed: &str,
) -> Markup {
    let ui = view.ui();
    let mut pairs = req.to_pairs();
    pairs.extend(view.lang.pair());
    html! {
        h1.visually-hidden { (ui.t("search-heading")) }
        form #search method="get" action="/" role="search" {
            @if let Some((key, value)) = view.lang.pair() {
                input type="hidden" name=(key) value=(value);
            }
            (search_bar(ui, req, semantic))
            @if semantic.problem().is_some() {
                p.notice #semantic-notice { (ui.t("meaning-unavailable")) }
            }
            div.layout {
                aside #facets aria-labelledby="facets-heading" {
                    h2 #facets-heading { (ui.t("filters-heading")) }
                    @for facet in Facet::ALL {
                        (facet_box(view, facet, resp.facets.of(facet), req.filters.get(&facet)))
                    }
                    (year_box(ui, req, resp))
                    button.apply type="submit" { (ui.t("filters-apply")) }
                }
                section #results aria-labelledby="results-heading" aria-live="polite" {
                    h2 #results-heading {
                        span #result-count data-count=(resp.total) { (ui.t_with("results-count", &[("count", resp.total.into())])) }
                        @if !req.q.is_empty() { " " (ui.t_with("results-for", &[("query", req.q.as_str().into())])) }
                    }
                    (chips(view, req, &pairs))
                    @if !resp.expanded.is_empty() {
                        p.expanded {
                            (ui.t_with("also-searched", &[("terms", resp.expanded.iter().map(|e| e.query_term.as_str()).collect::<Vec<_>>().join(", ").into())]))
                            " "
                            a href=(search_url(&with(&pairs, "cross_lingual", Some("false")))) { (ui.t("only-words-as-typed")) }
                        }
                    }
                    @if let Some(better) = &resp.did_you_mean {
                        (did_you_mean(ui, better, &pairs))
                    }
                    @if !resp.corrections.is_empty() {
                        p.notice #typo-matched { (ui.t("typo-matched")) }
                    }
                    @if resp.relaxed {
                        p.notice { (ui.t("relaxed")) }
                    }
                    @if resp.hits.is_empty() {
                        (no_results(view, req, &pairs))
                    } @else {
                        ol.hits start=(((resp.page - 1) * resp.per_page) + 1) {
                            @for hit in &resp.hits {
                                (hit_item(view, hit))
                            }
                        }
                        (pagination(ui, resp, &pairs))
                    }
                    p.feed { a href=(feed) type="application/atom+xml" { (ui.t("feed-link")) } }
                }
            }
        }
    }
}

/// "Did you mean …?" with the corrected query as a link to its search. The
/// message is translated whole; the link goes where its placeholder stands.
fn did_you_mean(ui: Ui, better: &str, pairs: &[(String, String)]) -> Markup {
    const SLOT: &str = "\u{E000}";
    let message = ui.t_with("did-you-mean", &[("suggestion", SLOT.into())]);
    let (before, after) = message.split_once(SLOT).unwrap_or((message.as_str(), ""));
    html! {
        p.did-you-mean #did-you-mean {
            (before)
            a href=(search_url(&with(pairs, "q", Some(better)))) { (better) }
            (after)
        }
    }
}

/// The query box, the cross-lingual and meaning switches and the sort order.
fn search_bar(ui: Ui, req: &SearchRequest, semantic: &Semantic) -> Markup {
    html! {
        div.searchbar {
            label for="q" { (ui.t("search-label")) }
            div.row {
                div.combo {
                    input #q type="search" name="q" value=(req.q) autocomplete="off"
                        role="combobox" aria-autocomplete="list" aria-expanded="false"
                        aria-controls="suggestions" placeholder=(ui.t("search-placeholder"));
                    // Filled by app.js from /api/suggest while the reader types.
                    ul #suggestions role="listbox" aria-label=(ui.t("suggestions-label")) hidden {}
                }
                button type="submit" { (ui.t("search-button")) }
            }
            div.options {
                label {
                    input type="checkbox" name="cross_lingual" value="false" checked[!req.cross_lingual];
                    " " (ui.t("option-words-as-typed"))
                }
                @if semantic.encoder().is_some() {
                    label {
                        input type="checkbox" name="semantic" value="false" checked[!req.semantic];
                        " " (ui.t("option-words-only"))
                    }
                }
                label for="sort" { (ui.t("sort-label")) " " }
                select #sort name="sort" {
                    option value="relevance" selected[req.sort == crate::search::Sort::Relevance] { (ui.t("sort-relevance")) }
                    option value="year_desc" selected[req.sort == crate::search::Sort::YearDesc] { (ui.t("sort-newest")) }
                    option value="year_asc" selected[req.sort == crate::search::Sort::YearAsc] { (ui.t("sort-oldest")) }
                    option value="added_desc" selected[req.sort == crate::search::Sort::AddedDesc] { (ui.t("sort-added")) }
                }
                @if req.per_page != 10 {
                    input type="hidden" name="per_page" value=(req.per_page);
                }
            }
        }
    }
}

/// The year range and the years the results span.
fn year_box(ui: Ui, req: &SearchRequest, resp: &SearchResponse) -> Markup {
    html! {
        fieldset.facet {
            legend { (ui.t("year-heading")) }
            div.years {
                label for="year_from" { (ui.t("year-from")) }
                input #year_from type="number" name="year_from" min="1950" max="2100" inputmode="numeric"
                    value=[req.year_from];
                label for="year_to" { (ui.t("year-to")) }
                input #year_to type="number" name="year_to" min="1950" max="2100" inputmode="numeric"
                    value=[req.year_to];
            }
            @if let (Some(first), Some(last)) = (resp.facets.year.first(), resp.facets.year.last()) {
                p.hint {
                    (ui.t_with("years-in-results", &[("first", first.value.as_str().into()), ("last", last.value.as_str().into())]))
                }
            }
        }
    }
}

/// Where in a document: "slide 3", "page 2".
fn location(ui: Ui, kind: SectionKind, number: u32) -> String {
    let id = match kind {
        SectionKind::Slide => "location-slide",
        SectionKind::Page => "location-page",
    };
    ui.t_with(id, &[("number", number.into())])
}

/// One hit: title link, badges, the snippet and why it matched in another language.
fn hit_item(view: &View, hit: &Hit) -> Markup {
    let ui = view.ui();
    html! {
        li.hit {
            h3 { a href=(view.doc_url(&hit.id)) { (hit.title) } }
            p.badges {
                span.badge.type { (view.label(Facet::Type, &hit.doc_type)) }
                span.badge.lang lang=(hit.lang) { (view.label(Facet::Lang, &hit.lang)) }
                @for c in &hit.country {
                    span.badge.country { (view.label(Facet::Country, c)) }
                }
                @if let Some(y) = hit.year { span.year { (y) } }
                @if let Some(loc) = &hit.location {
                    span.location { (location(ui, loc.kind, loc.number)) }
                }
            }
            // Escaped text with only <mark> added (http::present).
            p.snippet lang=(hit.lang) { (PreEscaped(snippet_html(&hit.snippet))) }
            @for via in &hit.matched_via {
                @match via {
                    MatchedVia::Term(t) => p.via {
                        (sentence(ui, "matched-term", &[
                            ("lang", view.label(Facet::Lang, &t.lang).into()),
                            ("query", t.query_term.as_str().into()),
                        ], "term", html! { span lang=(t.lang) { (t.term) } }))
                    },
                    MatchedVia::Meaning(m) => p.via.meaning {
                        @match &m.location {
                            Some(loc) => (ui.t_with("matched-meaning-at", &[
                                ("passage", m.passage.into()),
                                ("location", location(ui, loc.kind, loc.number).into()),
                            ])),
                            None => (ui.t_with("matched-meaning", &[("passage", m.passage.into())])),
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
    view: &View,
    facet: Facet,
    values: &[FacetValue],
    selected: Option<&Vec<String>>,
) -> Markup {
    if values.is_empty() {
        return html! {};
    }
    let name = facet.name();
    let many = values.len() > 8;
    html! {
        fieldset.facet {
            legend { (labels::facet_name(facet, view.ui())) }
            ul.values.scroll[many] {
                @for v in values {
                    @let checked = selected.is_some_and(|s| s.contains(&v.value));
                    @let id = format!("f-{}-{}", name, v.value.bytes().map(|b| format!("{b:02x}")).collect::<String>());
                    li {
                        input type="checkbox" id=(id) name=(name) value=(v.value) checked[checked];
                        label for=(id) {
                            (view.label(facet, &v.value))
                            " " span.count { "(" (v.count) ")" }
                        }
                    }
                }
            }
        }
    }
}

/// The filters in force, each with the key and value that set it and its label.
fn active_filters(view: &View, req: &SearchRequest) -> Vec<(String, String, String)> {
    let ui = view.ui();
    let mut active: Vec<(String, String, String)> = Vec::new();
    for (facet, values) in &req.filters {
        for v in values {
            active.push((
                facet.name().to_string(),
                v.clone(),
                format!(
                    "{}: {}",
                    labels::facet_name(*facet, ui),
                    view.label(*facet, v)
                ),
            ));
        }
    }
    if let Some(y) = req.year_from {
        let label = ui.t_with("chip-year-from", &[("year", y.into())]);
        active.push(("year_from".into(), y.to_string(), label));
    }
    if let Some(y) = req.year_to {
        let label = ui.t_with("chip-year-to", &[("year", y.into())]);
        active.push(("year_to".into(), y.to_string(), label));
    }
    active
}

fn chips(view: &View, req: &SearchRequest, pairs: &[(String, String)]) -> Markup {
    let ui = view.ui();
    let active = active_filters(view, req);
    if active.is_empty() {
        return html! {};
    }
    html! {
        ul.chips aria-label=(ui.t("chips-label")) {
            @for (key, value, label) in &active {
                li {
                    a href=(search_url(&without(pairs, key, value))) aria-label=(ui.t_with("chip-remove", &[("label", label.as_str().into())])) {
                        (label) span aria-hidden="true" { " ×" }
                    }
                }
            }
            li { a.clear href=(search_url(&keep_query_only(pairs))) { (ui.t("chips-clear")) } }
        }
    }
}

/// The query, sort and language switches without any filter.
fn keep_query_only(pairs: &[(String, String)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .filter(|(k, _)| {
            matches!(
                k.as_str(),
                "q" | "sort" | "cross_lingual" | "semantic" | "per_page" | "ui"
            )
        })
        .cloned()
        .collect()
}

fn no_results(view: &View, req: &SearchRequest, pairs: &[(String, String)]) -> Markup {
    let ui = view.ui();
    let active = active_filters(view, req);
    html! {
        div.empty {
            p { strong { (ui.t("no-results")) } }
            @if !active.is_empty() {
                p { (ui.t("no-results-remove-filter")) }
                ul {
                    @for (key, value, label) in &active {
                        li { a href=(search_url(&without(pairs, key, value))) {
                            @match key.as_str() {
                                "year_from" => (ui.t_with("no-results-without-year-from", &[("year", value.as_str().into())])),
                                "year_to" => (ui.t_with("no-results-without-year-to", &[("year", value.as_str().into())])),
                                _ => (ui.t_with("no-results-without", &[("label", label.as_str().into())])),
                            }
                        } }
                    }
                }
            }
            @if !req.cross_lingual {
                p { a href=(search_url(&with(pairs, "cross_lingual", None))) { (ui.t("no-results-all-languages")) } }
            }
            p { (ui.t("no-results-hint")) }
        }
    }
}

fn pagination(ui: Ui, resp: &SearchResponse, pairs: &[(String, String)]) -> Markup {
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
        nav.pages aria-label=(ui.t("pages-label")) {
            @if resp.page > 1 { a rel="prev" href=(link(resp.page - 1)) { (ui.t("pages-previous")) } }
            @for p in first..=last {
                @if p == resp.page { span aria-current="page" { (p) } }
                @else { a href=(link(p)) { (p) } }
            }
            @if resp.page < pages { a rel="next" href=(link(resp.page + 1)) { (ui.t("pages-next")) } }
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
