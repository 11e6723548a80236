//! How the engine's plain data is shown on the web, for the JSON API and the pages
//! alike: document ids in URL paths, the document URL a hit links to, text escaped
//! for HTML, and a snippet's matched words in `<mark>`. The engine answers with
//! text and byte ranges; this module turns them into the API's URLs and markup
//! (the pages add their own `/doc/` and `/files/` links).

use serde::Serialize;

use crate::search::{Hit, SearchResponse, Snippet};

/// What the page and `/healthz` say when the model could not be had (the reason,
/// which may name files of the server, goes to the log only).
pub const MEANING_UNAVAILABLE: &str = "Search by meaning is unavailable on this server: the \
    language model could not be loaded (the server's log says why). Results match by words \
    only.";

/// Percent-encodes a document id for use in a URL path, keeping its `/`.
pub fn encode_id(id: &str) -> String {
    id.split('/')
        .map(|seg| {
            percent_encoding::utf8_percent_encode(seg, percent_encoding::NON_ALPHANUMERIC)
                .to_string()
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Where a document's JSON lives.
pub fn document_url(id: &str) -> String {
    format!("/api/documents/{}", encode_id(id))
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The snippet as HTML: its text escaped, each matched range in `<mark>`. Ranges
/// that overlap, run backwards or do not fall on character boundaries are skipped
/// rather than trusted.
pub fn snippet_html(snippet: &Snippet) -> String {
    let text = &snippet.text;
    let mut out = String::with_capacity(text.len() + 13 * snippet.highlights.len());
    let mut at = 0;
    for h in &snippet.highlights {
        if h.start < at || h.end <= h.start || h.end > text.len() {
            continue;
        }
        let (Some(before), Some(marked)) = (text.get(at..h.start), text.get(h.start..h.end)) else {
            continue;
        };
        out.push_str(&escape_html(before));
        out.push_str("<mark>");
        out.push_str(&escape_html(marked));
        out.push_str("</mark>");
        at = h.end;
    }
    out.push_str(&escape_html(&text[at..]));
    out
}

/// A search answer as the JSON API (and `clusterpool search --json`) sends it:
/// the engine's answer with each hit's snippet as HTML and the URL of its document.
#[derive(Serialize)]
pub struct SearchAnswer {
    #[serde(flatten)]
    response: SearchResponse,
    hits: Vec<HitAnswer>,
}

#[derive(Serialize)]
struct HitAnswer {
    #[serde(flatten)]
    hit: Hit,
    snippet: String,
    url: String,
}

impl From<SearchResponse> for SearchAnswer {
    fn from(mut response: SearchResponse) -> SearchAnswer {
        let hits = std::mem::take(&mut response.hits)
            .into_iter()
            .map(|hit| HitAnswer {
                snippet: snippet_html(&hit.snippet),
                url: document_url(&hit.id),
                hit,
            })
            .collect();
        SearchAnswer { response, hits }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::Highlight;

    fn snippet(text: &str, ranges: &[(usize, usize)]) -> Snippet {
        Snippet {
            text: text.to_string(),
            highlights: ranges
                .iter()
                .map(|&(start, end)| Highlight { start, end })
                .collect(),
        }
    }

    #[test]
    fn ids_are_encoded_per_segment() {
        assert_eq!(encode_id("tools/a b&c.md"), "tools/a%20b%26c%2Emd");
        assert_eq!(document_url("a/b c.md"), "/api/documents/a/b%20c%2Emd");
    }

    #[test]
    fn a_snippet_is_escaped_and_only_its_matches_are_marked() {
        let s = snippet("<b>Klasteru</b> & kartēšana", &[(3, 11), (18, 29)]);
        assert_eq!(
            snippet_html(&s),
            "&lt;b&gt;<mark>Klasteru</mark>&lt;/b&gt; &amp; <mark>kartēšana</mark>"
        );
    }

    #[test]
    fn ranges_off_character_boundaries_out_of_order_or_past_the_end_are_skipped() {
        // `ē` is bytes 4..6, so 4..5 cuts it; 1..2 lies inside the first mark.
        let s = snippet("kartēšana", &[(0, 3), (1, 2), (4, 5), (8, 99)]);
        assert_eq!(snippet_html(&s), "<mark>kar</mark>tēšana");
    }
}
