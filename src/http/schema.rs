//! The OpenAPI schemas of what the API answers. The engine's answers are plain
//! serde data and know nothing of OpenAPI; their published shapes are written here,
//! beside the face that publishes them, as types that derive `utoipa::ToSchema` and
//! are never built. Two checks keep them true: the contract check (schemathesis)
//! validates every answer against them, and `tests/pages_e2e.rs` compares each
//! schema's properties with the keys of real answers, so a field added on one side
//! only fails a test. The API differs from the engine's serde form in one place: a
//! hit's `snippet` is HTML and it carries `url` (`http::present::SearchAnswer`).
#![allow(dead_code)]

use std::collections::BTreeMap;

use utoipa::ToSchema;

/// One facet value and how many documents have it.
#[derive(ToSchema)]
pub struct FacetValue {
    /// The value (slug, code or name).
    value: String,
    /// Documents with this value under the current query and the other facets' filters.
    count: u64,
}

/// Counts for every facet.
#[derive(ToSchema)]
pub struct Facets {
    /// Kind of material.
    #[schema(rename = "type")]
    doc_type: Vec<FacetValue>,
    /// Language.
    lang: Vec<FacetValue>,
    /// Country.
    country: Vec<FacetValue>,
    /// Topic.
    topic: Vec<FacetValue>,
    /// Audience.
    audience: Vec<FacetValue>,
    /// Organisation.
    org: Vec<FacetValue>,
    /// Training module.
    module: Vec<FacetValue>,
    /// Vocabulary concepts.
    concept: Vec<FacetValue>,
    /// Year histogram, oldest first.
    year: Vec<FacetValue>,
}

/// Slide or page.
#[derive(ToSchema)]
#[schema(rename_all = "lowercase")]
pub enum SectionKind {
    /// A slide (PPTX, ODP).
    Slide,
    /// A page (PDF).
    Page,
}

/// Where in a deck or report a hit's best passage is.
#[derive(ToSchema)]
pub struct Location {
    /// Slide or page.
    kind: SectionKind,
    /// 1-based number.
    number: u32,
}

/// Why a hit matched beyond its own words; `kind` says which.
#[derive(ToSchema)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum MatchedVia {
    /// A term of another language that made the document match.
    Term {
        /// The term found in the document, as the vocabulary writes it.
        term: String,
        /// Its language.
        lang: String,
        /// The concept.
        concept: String,
        /// What the query said, in the query's language.
        query_term: String,
    },
    /// A passage close in meaning to the query.
    Meaning {
        /// Its number among the document's passages, from 1.
        passage: usize,
        /// The slide or page it lies on.
        location: Option<Location>,
        /// The cosine of the passage's vector with the query's.
        similarity: f32,
    },
}

/// A concept recognised in the query and expanded to the other languages.
#[derive(ToSchema)]
pub struct ExpandedConcept {
    /// Concept id.
    concept: String,
    /// The query's term for it.
    query_term: String,
    /// The language the term was recognised in.
    lang: String,
}

/// One completion of what is being typed; `kind` says which.
#[derive(ToSchema)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Suggestion {
    /// A vocabulary concept's term.
    Concept {
        /// The term, as the vocabulary writes it.
        text: String,
        /// Its language.
        lang: String,
        /// The concept's id.
        concept: String,
    },
    /// A document's title.
    Title {
        /// The title.
        text: String,
        /// The document's language.
        lang: String,
        /// The document's id.
        id: String,
    },
}

/// The answer to a suggest request.
#[derive(ToSchema)]
pub struct Suggestions {
    /// The text as received.
    query: String,
    /// Concepts first (at most half the places, or more when titles leave room,
    /// three at most), then titles, best first.
    suggestions: Vec<Suggestion>,
}

/// A query word no document holds, and the word searched for instead.
#[derive(ToSchema)]
pub struct Correction {
    /// As typed.
    written: String,
    /// As the pool writes the nearest word, in `lang`.
    corrected: String,
    /// The language of the documents that write it so.
    lang: String,
}

/// One search hit.
#[derive(ToSchema)]
pub struct Hit {
    /// Document id.
    id: String,
    /// Title.
    title: String,
    /// Kind of material.
    #[schema(rename = "type")]
    doc_type: String,
    /// Language code.
    lang: String,
    /// Detector confidence.
    lang_confidence: f64,
    /// Countries.
    country: Vec<String>,
    /// Organisations.
    organisation: Vec<String>,
    /// Topics.
    topics: Vec<String>,
    /// Audiences.
    audience: Vec<String>,
    /// Training module.
    module: Option<String>,
    /// Year.
    year: Option<u64>,
    /// When the document entered the pool: the first indexing run that found it
    /// (RFC 3339, UTC).
    added: Option<String>,
    /// Format the file was read from.
    format: String,
    /// Relevance score (absent when sorted by year): by words, a bonus per query
    /// word the document has plus BM25 and the proximity bonuses; when meaning
    /// takes part, the fused score of the hit's places in the two rankings.
    score: Option<f32>,
    /// HTML snippet: the passage's text escaped, the matched words in `<mark>`.
    snippet: String,
    /// The slide or page of the best passage.
    location: Option<Location>,
    /// What made it match besides its own words: terms of another language and
    /// the passage near the query by meaning.
    matched_via: Vec<MatchedVia>,
    /// Words of the query this document does not contain (in any of their forms);
    /// empty when it has them all. Stop words are not counted.
    missing: Vec<String>,
    /// Where the document's JSON lives.
    url: String,
}

/// The answer to a search.
#[derive(ToSchema)]
pub struct SearchResponse {
    /// The query as received.
    query: String,
    /// Documents under all filters that have at least one of the query's words
    /// (and every required word or phrase, and no excluded one).
    total: u64,
    /// Page.
    page: usize,
    /// Hits per page.
    per_page: usize,
    /// Time spent searching.
    took_ms: u64,
    /// True when no document under the filters has every word of the query, so
    /// the best hits lack some (each hit's `missing` says which).
    relaxed: bool,
    /// The language(s) the query was taken to be in (empty when unknown).
    query_lang: Vec<String>,
    /// Concepts recognised in the query and searched in every language.
    expanded: Vec<ExpandedConcept>,
    /// The query with each word no document holds replaced by the nearest word
    /// the pool writes (in the query's language when known); absent when every
    /// word was found as typed or none has a near neighbour.
    did_you_mean: Option<String>,
    /// The words searched for under another spelling, and which.
    corrections: Vec<Correction>,
    /// The hits of this page.
    hits: Vec<Hit>,
    /// Disjunctive facet counts.
    facets: Facets,
}

/// Where a slide or page starts and ends in the document's text (byte offsets).
#[derive(ToSchema)]
pub struct Section {
    /// Slide or page.
    kind: SectionKind,
    /// 1-based number.
    number: u32,
    /// Byte offset of the first byte in the text.
    start: usize,
    /// Byte offset one past the last byte.
    end: usize,
}

/// A whole document as stored.
#[derive(ToSchema)]
pub struct DocumentView {
    /// Id.
    id: String,
    /// Title.
    title: String,
    /// Description.
    description: Option<String>,
    /// Kind.
    #[schema(rename = "type")]
    doc_type: String,
    /// Language.
    lang: String,
    /// Detector confidence.
    lang_confidence: f64,
    /// Languages of mixed material.
    languages: Vec<String>,
    /// Countries.
    country: Vec<String>,
    /// Organisations.
    organisation: Vec<String>,
    /// Topics.
    topics: Vec<String>,
    /// Audiences.
    audience: Vec<String>,
    /// Module.
    module: Option<String>,
    /// Year.
    year: Option<u64>,
    /// When the document entered the pool: the first indexing run that found it
    /// (RFC 3339, UTC).
    added: Option<String>,
    /// Source URL.
    source_url: Option<String>,
    /// Format.
    format: String,
    /// Vocabulary concepts the document mentions.
    concepts: Vec<String>,
    /// Extracted text.
    text: String,
    /// Slides or pages.
    sections: Vec<Section>,
}

/// A document related to another one.
#[derive(ToSchema)]
pub struct Related {
    /// Id.
    id: String,
    /// Title.
    title: String,
    /// Language.
    lang: String,
    /// Kind.
    #[schema(rename = "type")]
    doc_type: String,
    /// The concepts both documents mention.
    shared: Vec<String>,
    /// When related by meaning: the cosine of its best passage with the mean of
    /// the document's passages.
    similarity: Option<f32>,
}

/// Counts for one format.
#[derive(ToSchema)]
pub struct FormatCount {
    /// Files of this format found.
    seen: usize,
    /// Files of this format in the index after the run.
    indexed: usize,
    /// Files of this format skipped.
    skipped: usize,
}

/// How bad a problem is.
#[derive(ToSchema)]
#[schema(rename_all = "lowercase")]
pub enum Severity {
    /// The file was not indexed.
    Skipped,
    /// The file was indexed, but something in it was ignored.
    Degraded,
}

/// A file that was skipped or indexed with warnings, and why.
#[derive(ToSchema)]
pub struct Problem {
    /// Corpus-relative path (lossy for names that are not UTF-8).
    path: String,
    /// Skipped or degraded.
    severity: Severity,
    /// One line a curator can act on.
    reason: String,
}

/// The report of one indexing run.
#[derive(ToSchema)]
pub struct IngestReport {
    /// The corpus folder.
    corpus: String,
    /// Why the run rebuilt everything, if it did.
    full_rebuild: Option<String>,
    /// Files found (documents and unreadable files, without sidecars).
    files_seen: usize,
    /// New documents.
    added: usize,
    /// Changed documents re-indexed.
    updated: usize,
    /// Documents left as they were.
    unchanged: usize,
    /// Documents removed because their file is gone or no longer readable.
    removed: usize,
    /// Files not indexed (the per-format `skipped` counts summed).
    skipped: usize,
    /// Files indexed with warnings.
    degraded: usize,
    /// Documents in the index after the commit.
    docs_in_index: u64,
    /// Passages embedded by meaning in this run.
    passages_embedded: usize,
    /// Per format.
    by_format: BTreeMap<String, FormatCount>,
    /// Detected language of the documents extracted in this run.
    by_lang: BTreeMap<String, usize>,
    /// Every skipped or degraded file with its reason.
    problems: Vec<Problem>,
    /// Wall time of the run.
    duration_ms: u64,
}

/// One search as the query log counts it.
#[derive(ToSchema)]
pub struct QueryCount {
    /// The query text, lower-cased, white space made single.
    query: String,
    /// Its filters: each parameter with its values.
    filters: BTreeMap<String, Vec<String>>,
    /// Times searched.
    count: u64,
    /// Times it found nothing.
    zero_hits: u64,
    /// Hits the last time.
    last_hits: u64,
    /// When it was last searched, to the hour (RFC 3339, UTC).
    last_seen: String,
}

/// What readers search for, for curators.
#[derive(ToSchema)]
pub struct QueryReport {
    /// Distinct searches kept.
    distinct: usize,
    /// The most frequent searches.
    top: Vec<QueryCount>,
    /// The most frequent among those that found fewer than three documents the
    /// last time (what the pool is missing).
    zero_or_few_hits: Vec<QueryCount>,
}
