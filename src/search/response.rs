//! What a search answers: hits, facet counts, documents and related material, as
//! plain data for the JSON API, the pages and the command line to render.

use serde::Serialize;

use crate::document::{Section, SectionKind};
use crate::schema::Facet;

/// One facet value and how many documents have it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FacetValue {
    /// The value (slug, code or name).
    pub value: String,
    /// Documents with this value under the current query and the other facets' filters.
    pub count: u64,
}

/// Counts for every facet.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Facets {
    /// Kind of material.
    #[serde(rename = "type")]
    pub doc_type: Vec<FacetValue>,
    /// Language.
    pub lang: Vec<FacetValue>,
    /// Country.
    pub country: Vec<FacetValue>,
    /// Topic.
    pub topic: Vec<FacetValue>,
    /// Audience.
    pub audience: Vec<FacetValue>,
    /// Organisation.
    pub org: Vec<FacetValue>,
    /// Training module.
    pub module: Vec<FacetValue>,
    /// Vocabulary concepts.
    pub concept: Vec<FacetValue>,
    /// Year histogram, oldest first.
    pub year: Vec<FacetValue>,
}

impl Facets {
    /// The values of a string facet.
    pub fn of(&self, facet: Facet) -> &[FacetValue] {
        match facet {
            Facet::Type => &self.doc_type,
            Facet::Lang => &self.lang,
            Facet::Country => &self.country,
            Facet::Topic => &self.topic,
            Facet::Audience => &self.audience,
            Facet::Org => &self.org,
            Facet::Module => &self.module,
            Facet::Concept => &self.concept,
        }
    }

    pub(super) fn of_mut(&mut self, facet: Facet) -> &mut Vec<FacetValue> {
        match facet {
            Facet::Type => &mut self.doc_type,
            Facet::Lang => &mut self.lang,
            Facet::Country => &mut self.country,
            Facet::Topic => &mut self.topic,
            Facet::Audience => &mut self.audience,
            Facet::Org => &mut self.org,
            Facet::Module => &mut self.module,
            Facet::Concept => &mut self.concept,
        }
    }
}

/// Where in a deck or report a hit's best passage is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Location {
    /// Slide or page.
    pub kind: SectionKind,
    /// 1-based number.
    pub number: u32,
}

/// Why a hit matched beyond its own words: a term of another language, or a
/// passage close in meaning to the query. In JSON, an object whose `kind` is
/// `term` or `meaning`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum MatchedVia {
    /// A vocabulary term of another language.
    Term(CrossMatch),
    /// A passage near the query by meaning.
    Meaning(MeaningMatch),
}

/// The passage of a hit that is close in meaning to the query.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MeaningMatch {
    /// Its number among the document's passages, from 1.
    pub passage: usize,
    /// The slide or page it lies on.
    pub location: Option<Location>,
    /// The cosine of the passage's vector with the query's (about 0.75 for
    /// unrelated text with this model, 0.85 and up for close text).
    pub similarity: f32,
}

/// A term of another language that made a document match.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CrossMatch {
    /// The term found in the document, as the vocabulary writes it.
    pub term: String,
    /// Its language.
    pub lang: String,
    /// The concept.
    pub concept: String,
    /// What the query said, in the query's language.
    pub query_term: String,
}

/// A concept recognised in the query and expanded to the other languages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExpandedConcept {
    /// Concept id.
    pub concept: String,
    /// The query's term for it.
    pub query_term: String,
    /// The language the term was recognised in.
    pub lang: String,
}

/// What every view of a document names: id, title, kind and language. (Written
/// once; [`Card`], [`Hit`], [`DocumentView`] and [`Related`] build on it, and
/// reach its fields through `Deref`.)
#[derive(Clone, Debug, Serialize)]
pub struct Summary {
    /// Document id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Kind of material.
    #[serde(rename = "type")]
    pub doc_type: String,
    /// Language code.
    pub lang: String,
}

/// The metadata a hit and a whole document both show.
#[derive(Clone, Debug, Serialize)]
pub struct Card {
    /// Id, title, kind, language.
    #[serde(flatten)]
    pub summary: Summary,
    /// Detector confidence.
    pub lang_confidence: f64,
    /// Countries.
    pub country: Vec<String>,
    /// Organisations.
    pub organisation: Vec<String>,
    /// Topics.
    pub topics: Vec<String>,
    /// Audiences.
    pub audience: Vec<String>,
    /// Training module.
    pub module: Option<String>,
    /// Year.
    pub year: Option<u64>,
    /// When the document entered the pool (Unix milliseconds; RFC 3339 in JSON).
    #[serde(serialize_with = "millis_as_rfc3339")]
    pub added: Option<u64>,
    /// Format the file was read from.
    pub format: String,
}

/// Unix milliseconds as an RFC 3339 time in UTC, to the millisecond (or null).
fn millis_as_rfc3339<S: serde::Serializer>(ms: &Option<u64>, s: S) -> Result<S::Ok, S::Error> {
    let time = ms.and_then(|ms| chrono::DateTime::from_timestamp_millis(ms as i64));
    match time {
        Some(t) => s.serialize_str(&t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)),
        None => s.serialize_none(),
    }
}

/// One search hit.
#[derive(Clone, Debug, Serialize)]
pub struct Hit {
    /// The document's metadata.
    #[serde(flatten)]
    pub card: Card,
    /// Relevance score (absent when sorted by year): by words, a bonus per query
    /// word the document has (scaled by the word's rarity), plus BM25 and the
    /// proximity bonuses; when meaning takes part, the fused score of the hit's
    /// places in the two rankings (`Σ weight / (k + place)`).
    pub score: Option<f32>,
    /// The passage that shows why it matched, with the matched words marked.
    /// (Serialized by the face that shows it.)
    #[serde(skip)]
    pub snippet: Snippet,
    /// The slide or page of the best passage.
    pub location: Option<Location>,
    /// What made it match besides its own words: terms of another language
    /// (which term, for what), and the passage that is near the query by meaning.
    pub matched_via: Vec<MatchedVia>,
    /// Words of the query this document does not contain (in any of their forms);
    /// empty when it has them all. Stop words are not counted.
    pub missing: Vec<String>,
}

/// A passage of a hit's text and where the query's words lie in it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Snippet {
    /// The passage, as plain text.
    pub text: String,
    /// Byte ranges of `text` that matched the query, in order.
    pub highlights: Vec<Highlight>,
}

/// A byte range of a snippet's text that matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Highlight {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// The answer to a search.
#[derive(Clone, Debug, Serialize)]
pub struct SearchResponse {
    /// The query as received.
    pub query: String,
    /// Documents under all filters that have at least one of the query's words
    /// (and every required word or phrase, and no excluded one).
    pub total: u64,
    /// Page.
    pub page: usize,
    /// Hits per page.
    pub per_page: usize,
    /// Time spent searching.
    pub took_ms: u64,
    /// True when no document under the filters has every word of the query, so
    /// the best hits lack some (each hit's `missing` says which).
    pub relaxed: bool,
    /// The language(s) the query was taken to be in (empty when unknown).
    pub query_lang: Vec<String>,
    /// Concepts recognised in the query and searched in every language.
    pub expanded: Vec<ExpandedConcept>,
    /// The query with each word no document holds replaced by the nearest word
    /// the pool writes (in the query's language when known); absent when every
    /// word was found as typed or none has a near neighbour.
    pub did_you_mean: Option<String>,
    /// The words searched for under another spelling, and which.
    pub corrections: Vec<Correction>,
    /// The hits of this page. (Serialized by the face that shows them, which
    /// decides how a snippet is written: `http::present::SearchAnswer`.)
    #[serde(skip)]
    pub hits: Vec<Hit>,
    /// Disjunctive facet counts.
    pub facets: Facets,
}

/// A query word no document holds, and the word searched for instead.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Correction {
    /// As typed.
    pub written: String,
    /// As the pool writes the nearest word, in `lang`.
    pub corrected: String,
    /// The language of the documents that write it so.
    pub lang: String,
}

/// A whole document as stored.
#[derive(Clone, Debug, Serialize)]
pub struct DocumentView {
    /// The metadata a hit shows too.
    #[serde(flatten)]
    pub card: Card,
    /// Description.
    pub description: Option<String>,
    /// Languages of mixed material.
    pub languages: Vec<String>,
    /// Source URL.
    pub source_url: Option<String>,
    /// Vocabulary concepts the document mentions.
    pub concepts: Vec<String>,
    /// Extracted text.
    pub text: String,
    /// Slides or pages.
    pub sections: Vec<Section>,
}

/// A document related to another one.
#[derive(Clone, Debug, Serialize)]
pub struct Related {
    /// Id, title, kind, language.
    #[serde(flatten)]
    pub summary: Summary,
    /// The concepts both documents mention.
    pub shared: Vec<String>,
    /// When related by meaning: the cosine of its best passage with the mean of
    /// the document's passages.
    pub similarity: Option<f32>,
}

impl std::ops::Deref for Card {
    type Target = Summary;
    fn deref(&self) -> &Summary {
        &self.summary
    }
}

impl std::ops::Deref for Hit {
    type Target = Card;
    fn deref(&self) -> &Card {
        &self.card
    }
}

impl std::ops::Deref for DocumentView {
    type Target = Card;
    fn deref(&self) -> &Card {
        &self.card
    }
}

impl std::ops::Deref for Related {
    type Target = Summary;
    fn deref(&self) -> &Summary {
        &self.summary
    }
}

#[cfg(test)]
mod tests {
    #[derive(serde::Serialize)]
    struct Added(#[serde(serialize_with = "super::millis_as_rfc3339")] Option<u64>);

    #[test]
    fn the_date_a_document_entered_the_pool_is_rfc3339_to_the_millisecond() {
        let json = |ms| serde_json::to_value(Added(ms)).unwrap();
        assert_eq!(json(Some(1_796_605_261_007)), "2026-12-07T01:01:01.007Z");
        assert_eq!(json(Some(0)), "1970-01-01T00:00:00.000Z");
        assert_eq!(json(None), serde_json::Value::Null);
    }
}
