//! Alerts without accounts: `GET /feed` is the Atom feed of any search (the
//! page's parameters: query, filters, `ui`), newest material in the pool first,
//! by the date each document was first indexed. A feed reader polls it; a
//! facilitator who follows "member survey, Latvian or Lithuanian" sees each new
//! document once. The feed's own words (its title) are in the `ui` language; the
//! entries keep their documents' own titles and languages.

use atom_syndication::{Category, Entry, Feed, FixedDateTime, Link, Person, Text};
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::AppState;
use super::error::ApiError;

use super::pages::PageLang;
use super::present::encode_id;
use crate::search::{Hit, SearchRequest, SearchResponse, Sort};

/// Entries in one feed document.
pub const ENTRIES: usize = 30;

/// `GET /feed`
#[utoipa::path(
    get,
    path = "/feed",
    params(super::params::PageParams),
    responses(
        (status = 200, description = "The search's newest documents in the pool as an Atom 1.0 feed (`page`, `per_page` and `sort` are ignored)", content_type = "application/atom+xml"),
        (status = 400, description = "A parameter is invalid", body = super::error::ErrorBody),
        (status = 503, description = "Overloaded or timed out", body = super::error::ErrorBody)
    )
)]
pub async fn feed(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let (lang, pairs) = PageLang::read(&headers, raw.as_deref()).map_err(|(_, e)| e)?;
    // Checked like the page's (a feed URL is made from one), then a feed is
    // always the newest first, from the top.
    let mut req = SearchRequest::from_form(pairs)?;
    req.sort = Sort::AddedDesc;
    req.page = 1;
    req.per_page = ENTRIES;
    let engine = state.engine.clone();
    let asked = req.clone();
    let resp = state.run(move || engine.search(&asked)).await??;
    let base = base_url(&headers);
    let feed = build(&base, &req, &resp, &lang, raw.as_deref().unwrap_or(""));
    Ok((
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
        feed.to_string(),
    )
        .into_response())
}

/// `http://host` from the request's `Host` (the feed's links must be absolute),
/// `https://` when a TLS proxy in front says so (`X-Forwarded-Proto: https`). A
/// client that lies about either only changes the links of its own copy.
fn base_url(headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            h.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
        })
        .unwrap_or("localhost");
    let tls = headers
        .get("x-forwarded-proto")
        .and_then(|h| h.to_str().ok())
        .is_some_and(|p| p.trim().eq_ignore_ascii_case("https"));
    format!("{}://{host}", if tls { "https" } else { "http" })
}

/// The feed document.
fn build(
    base: &str,
    req: &SearchRequest,
    resp: &SearchResponse,
    lang: &PageLang,
    raw_query: &str,
) -> Feed {
    let ui = lang.ui;
    let title = if req.q.trim().is_empty() {
        ui.t("feed-title-all")
    } else {
        ui.t_with("feed-title", &[("query", req.q.as_str().into())])
    };
    let mut page_pairs = req.search_pairs();
    page_pairs.extend(lang.pair());
    let page = search_page(base, &page_pairs);
    let this = if raw_query.is_empty() {
        format!("{base}/feed")
    } else {
        format!("{base}/feed?{raw_query}")
    };
    let entries: Vec<Entry> = resp.hits.iter().map(|hit| entry(base, hit, lang)).collect();
    let updated = resp
        .hits
        .iter()
        .filter_map(|h| h.card.added)
        .max()
        .unwrap_or(0);
    let mut feed = Feed::default();
    feed.set_title(Text::plain(title));
    // The same search always has the same id, whichever host or language asks.
    feed.set_id(format!(
        "urn:clusterpool:feed:{}",
        blake3::hash(canonical(req).as_bytes()).to_hex()
    ));
    feed.set_updated(time(updated));
    feed.set_lang(Some(ui.code().to_string()));
    let mut author = Person::default();
    author.set_name("clusterpool");
    feed.set_authors(vec![author]);
    feed.set_links(vec![
        link(&this, "self", "application/atom+xml"),
        link(&page, "alternate", "text/html"),
    ]);
    feed.set_entries(entries);
    feed
}

/// The search as the feed's identity: its query and filters, in a fixed order.
fn canonical(req: &SearchRequest) -> String {
    let mut pairs = req.search_pairs();
    pairs.sort();
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

fn entry(base: &str, hit: &Hit, lang: &PageLang) -> Entry {
    let mut e = Entry::default();
    let mut title = Text::plain(hit.title.clone());
    title.lang = Some(hit.lang.clone());
    e.set_title(title);
    e.set_id(format!("urn:clusterpool:doc:{}", encode_id(&hit.id)));
    e.set_updated(time(hit.card.added.unwrap_or(0)));
    e.set_links(vec![link(
        &format!("{base}/doc/{}{}", encode_id(&hit.id), lang.suffix()),
        "alternate",
        "text/html",
    )]);
    let mut summary = Text::plain(hit.snippet.text.clone());
    summary.lang = Some(hit.lang.clone());
    e.set_summary(Some(summary));
    let mut kind = Category::default();
    kind.set_term(hit.doc_type.clone());
    kind.set_scheme(Some(format!("{base}/api/facets#type")));
    let mut language = Category::default();
    language.set_term(hit.lang.clone());
    language.set_scheme(Some(format!("{base}/api/facets#lang")));
    e.set_categories(vec![kind, language]);
    e
}

fn link(href: &str, rel: &str, mime: &str) -> Link {
    let mut l = Link::default();
    l.set_href(href);
    l.set_rel(rel);
    l.set_mime_type(Some(mime.to_string()));
    l
}

fn search_page(base: &str, pairs: &[(String, String)]) -> String {
    let qs: String = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .finish();
    if qs.is_empty() {
        format!("{base}/")
    } else {
        format!("{base}/?{qs}")
    }
}

/// Unix milliseconds as the feed's time type (the epoch when unknown).
fn time(ms: u64) -> FixedDateTime {
    chrono::DateTime::from_timestamp_millis(ms as i64)
        .unwrap_or_default()
        .fixed_offset()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::i18n::Ui;

    #[test]
    fn the_same_search_has_the_same_feed_id_whatever_the_order_of_its_filters() {
        let a =
            SearchRequest::from_pairs([("q", "survey"), ("lang", "lv"), ("lang", "lt")]).unwrap();
        let b =
            SearchRequest::from_pairs([("lang", "lt"), ("q", "survey"), ("lang", "lv")]).unwrap();
        assert_eq!(canonical(&a), canonical(&b));
        let c = SearchRequest::from_pairs([("q", "survey")]).unwrap();
        assert_ne!(canonical(&a), canonical(&c));
    }

    #[test]
    fn an_odd_host_header_does_not_reach_the_links() {
        let mut headers = HeaderMap::new();
        headers.insert(header::HOST, "evil\"><x".parse().unwrap());
        assert_eq!(base_url(&headers), "http://localhost");
        headers.insert(header::HOST, "127.0.0.1:3000".parse().unwrap());
        assert_eq!(base_url(&headers), "http://127.0.0.1:3000");
        headers.insert("x-forwarded-proto", "https".parse().unwrap());
        assert_eq!(base_url(&headers), "https://127.0.0.1:3000");
        headers.insert("x-forwarded-proto", "gopher".parse().unwrap());
        assert_eq!(base_url(&headers), "http://127.0.0.1:3000");
    }

    #[test]
    fn feeds_speak_the_reader_s_language() {
        let ui = Ui::parse("lv").unwrap();
        assert_ne!(ui.t("feed-title-all"), Ui::default().t("feed-title-all"));
    }
}
