//! The document page (`/doc/{id}`: metadata, the text by slide or page, related
//! material in any language) and the original file's download (`/files/{id}`),
//! sent so that corpus HTML never runs on our origin.

use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};

use super::{PageLang, View, blocking, browser_ui, home, page, page_error};
use crate::Error;
use crate::document::SectionKind;
use crate::http::AppState;
use crate::http::i18n::Ui;
use crate::http::present::encode_id;
use crate::schema::Facet;
use crate::search::{DocumentView, Related};

/// `GET /doc/{*id}`
#[utoipa::path(
    get,
    path = "/doc/{id}",
    params(("id" = String, Path, description = "Document id", example = "tools/lv-klasteru-kartesana.md"), crate::http::params::UiParams),
    responses(
        (status = 200, description = "The document page", content_type = "text/html"),
        (status = 400, description = "`ui` names no language of the page", content_type = "text/html"),
        (status = 404, description = "No such document", content_type = "text/html"),
        (status = 503, description = "Overloaded or timed out", body = crate::http::error::ErrorBody)
    )
)]
pub async fn document(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Response {
    // The page takes no parameter but its language.
    let lang = match PageLang::read(&headers, raw.as_deref()) {
        Ok((lang, _)) => lang,
        Err((ui, e)) => return page_error(ui, e),
    };
    let ui = lang.ui;
    let engine = state.engine.clone();
    let doc_id = id.clone();
    let found = blocking(&state, ui, move || {
        let doc = engine.document(&doc_id)?;
        let related = engine.related(&doc_id, 6)?;
        Ok((doc, related))
    })
    .await;
    let (doc, related) = match found {
        Ok(x) => x,
        Err(page) => return page,
    };
    let vocab = state.engine.vocabulary();
    let view = View {
        lang: &lang,
        vocab: vocab.as_deref(),
    };
    let switch = |other: Ui| format!("/doc/{}?ui={}", encode_id(&id), other.code());
    page(
        ui,
        &doc.title,
        &switch,
        None,
        document_body(&view, &doc, &related),
    )
    .into_response()
}

fn document_body(view: &View, doc: &DocumentView, related: &[Related]) -> Markup {
    let ui = view.ui();
    let list = |facet: Facet, values: &[String]| -> String {
        values
            .iter()
            .map(|v| view.label(facet, v))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let back = match view.lang.pair() {
        Some(_) => home(ui),
        None => "/".to_string(),
    };
    let file_name = doc.id.rsplit('/').next().unwrap_or(&doc.id);
    html! {
        p.back { a href=(back) { (ui.t("doc-back")) } }
        article.document {
            h1 lang=(doc.lang) { (doc.title) }
            @if let Some(d) = &doc.description { p.description lang=(doc.lang) { (d) } }
            dl.meta {
                dt { (ui.t("doc-type")) } dd { (view.label(Facet::Type, &doc.doc_type)) }
                dt { (ui.t("doc-language")) } dd {
                    (view.label(Facet::Lang, &doc.lang))
                    @if doc.lang_confidence < 1.0 {
                        " " (ui.t_with("doc-detected", &[("confidence", ui.decimal(doc.lang_confidence, 2).into())]))
                    }
                    @if doc.languages.len() > 1 { (ui.t_with("doc-mixes", &[("languages", list(Facet::Lang, &doc.languages).into())])) }
                }
                @if !doc.country.is_empty() { dt { (ui.t("doc-countries")) } dd { (list(Facet::Country, &doc.country)) } }
                @if !doc.organisation.is_empty() { dt { (ui.t("doc-organisations")) } dd { (doc.organisation.join(", ")) } }
                @if !doc.topics.is_empty() { dt { (ui.t("doc-topics")) } dd { (list(Facet::Topic, &doc.topics)) } }
                @if !doc.audience.is_empty() { dt { (ui.t("doc-audience")) } dd { (list(Facet::Audience, &doc.audience)) } }
                @if let Some(m) = &doc.module { dt { (ui.t("doc-module")) } dd { (view.label(Facet::Module, m)) } }
                @if let Some(y) = doc.year { dt { (ui.t("doc-year")) } dd { (y) } }
                @if let Some(u) = &doc.source_url { dt { (ui.t("doc-source")) } dd { a href=(u) rel="noopener noreferrer nofollow" { (u) } } }
                dt { (ui.t("doc-original")) } dd {
                    a href={ "/files/" (encode_id(&doc.id)) } download { (ui.t_with("doc-download", &[("name", file_name.into())])) }
                    " (" (doc.format) ")"
                }
            }
            section.text aria-labelledby="text-heading" lang=(doc.lang) {
                h2 #text-heading lang=(ui.code()) { (ui.t("doc-text")) }
                @if doc.sections.is_empty() {
                    @for para in doc.text.split('\n').filter(|p| !p.trim().is_empty()) { p { (para) } }
                } @else {
                    @for s in &doc.sections {
                        section.part {
                            h3 lang=(ui.code()) {
                                @match s.kind {
                                    SectionKind::Slide => (ui.t_with("doc-slide", &[("number", s.number.into())])),
                                    SectionKind::Page => (ui.t_with("doc-page", &[("number", s.number.into())])),
                                }
                            }
                            @for para in doc.text.get(s.start..s.end).unwrap_or("").split('\n').filter(|p| !p.trim().is_empty()) {
                                p { (para) }
                            }
                        }
                    }
                }
            }
        }
        section.related aria-labelledby="related-heading" {
            h2 #related-heading { (ui.t("related-heading")) }
            @if related.is_empty() {
                p { (ui.t("related-none")) }
            } @else {
                ul {
                    @for r in related {
                        li {
                            a href=(view.doc_url(&r.id)) lang=(r.lang) { (r.title) }
                            " " span.badge.lang { (view.label(Facet::Lang, &r.lang)) }
                            " " span.badge.type { (view.label(Facet::Type, &r.doc_type)) }
                            @if !r.shared.is_empty() {
                                span.shared { " " (ui.t_with("related-shares", &[("concepts", list(Facet::Concept, &r.shared[..r.shared.len().min(4)]).into())])) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// `GET /files/{*id}`: the original file, read-only, as a download. Only files
/// that are documents of the index are served, and only from inside the corpus.
#[utoipa::path(
    get,
    path = "/files/{id}",
    params(("id" = String, Path, description = "Document id", example = "tools/lv-klasteru-kartesana.md")),
    responses(
        (status = 200, description = "The original file as an attachment, with its media type (HTML as text/plain)", content_type = "*/*"),
        (status = 404, description = "No such document", content_type = "text/html"),
        (status = 503, description = "Overloaded or timed out", body = crate::http::error::ErrorBody)
    )
)]
pub async fn file(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let engine = state.engine.clone();
    let corpus = state.corpus.clone();
    let ui = browser_ui(&headers);
    let read = blocking(&state, ui, move || -> Result<(String, Vec<u8>), Error> {
        // The index decides what exists: an id that is not a document is 404,
        // whatever path it spells.
        let doc = engine.document(&id)?;
        let root = corpus.canonicalize().map_err(|e| Error::io(&corpus, e))?;
        let path = root.join(&doc.id);
        let meta = std::fs::symlink_metadata(&path).map_err(|_| Error::NotFound(id.clone()))?;
        let real = path
            .canonicalize()
            .map_err(|_| Error::NotFound(id.clone()))?;
        if !meta.is_file() || !real.starts_with(&root) {
            return Err(Error::NotFound(id));
        }
        let bytes = std::fs::read(&real).map_err(|e| Error::io(&real, e))?;
        Ok((doc.card.summary.id, bytes))
    })
    .await;
    let (id, bytes) = match read {
        Ok(x) => x,
        Err(page) => return page,
    };
    let name = id.rsplit('/').next().unwrap_or("document");
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let disposition = format!(
        "attachment; filename=\"{ascii}\"; filename*=UTF-8''{}",
        percent_encoding::utf8_percent_encode(name, percent_encoding::NON_ALPHANUMERIC)
    );
    (
        [
            (header::CONTENT_TYPE, content_type(name).to_string()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response()
}

/// The media type of a corpus file. HTML is sent as plain text: together with the
/// attachment disposition and `nosniff`, corpus HTML never runs on our origin.
fn content_type(name: &str) -> &'static str {
    let ext = name.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "pdf" => "application/pdf",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "odt" => "application/vnd.oasis.opendocument.text",
        "odp" => "application/vnd.oasis.opendocument.presentation",
        "md" | "markdown" => "text/markdown; charset=utf-8",
        "html" | "htm" | "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corpus_html_is_sent_as_text_so_it_never_runs_on_our_origin() {
        assert_eq!(content_type("case.HTML"), "text/plain; charset=utf-8");
        assert_eq!(
            content_type("deck.pptx"),
            "application/vnd.openxmlformats-officedocument.presentationml.presentation"
        );
        assert_eq!(content_type("unknown.exe"), "application/octet-stream");
    }
}
