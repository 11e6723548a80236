//! The reader side: a [`SearchRequest`], validated once from key/value parameters,
//! becomes a tantivy query over every language's title and body fields; hits come
//! back with highlighted snippets from the document's own language field, and
//! facet counts are computed *disjunctively* in one pass over the text matches: the
//! counts of a facet ignore that facet's own filter, so a user can widen a
//! selection. This module knows nothing of HTTP.

use std::collections::{BTreeMap, HashMap};
use std::ops::Bound;
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::Serialize;
use tantivy::collector::{Collector, Count, SegmentCollector, TopDocs};
use tantivy::columnar::StrColumn;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, QueryParser, RangeQuery,
    TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{
    DocAddress, DocId, Index, IndexReader, Order, ReloadPolicy, Score, SegmentReader,
    TantivyDocument, Term,
};

use std::sync::Arc;

use crate::analysis;
use crate::document::{Section, SectionKind};
use crate::index::{stored_text, stored_texts};
use crate::lang::Lang;
use crate::schema::{Facet, Fields};
use crate::vocabulary::{Match, Vocabulary};
use crate::{Error, Result};

/// Longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 512;
/// Deepest result reachable by paging (`page × per_page`).
pub const MAX_DEPTH: usize = 10_000;
/// Highest page number (with at most 100 hits a page, the depth stays within
/// [`MAX_DEPTH`]).
pub const MAX_PAGE: usize = MAX_DEPTH / 100;
/// Most values one facet parameter may select.
pub const MAX_FACET_VALUES: usize = 20;
/// Longest facet value accepted, in characters.
pub const MAX_VALUE_CHARS: usize = 200;
/// Most values returned per facet.
pub const FACET_LIMIT: usize = 100;

/// The parameters a search takes besides the facets.
pub const PARAMS: [&str; 8] = [
    "q",
    "page",
    "per_page",
    "year_from",
    "year_to",
    "sort",
    "cross_lingual",
    "qlang",
];

/// How hits are ordered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    /// BM25 relevance (default).
    Relevance,
    /// Newest first.
    YearDesc,
    /// Oldest first.
    YearAsc,
}

/// A validated search.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchRequest {
    /// The user's query text; empty means everything.
    pub q: String,
    /// Selected values per facet: OR within a facet, AND across facets.
    pub filters: BTreeMap<Facet, Vec<String>>,
    /// Lowest year, inclusive.
    pub year_from: Option<u64>,
    /// Highest year, inclusive.
    pub year_to: Option<u64>,
    /// 1-based page.
    pub page: usize,
    /// Hits per page, `1..=100`.
    pub per_page: usize,
    /// Order.
    pub sort: Sort,
    /// Expand vocabulary concepts in the query to the other languages.
    pub cross_lingual: bool,
    /// The language the query is written in, when the user says so.
    pub qlang: Option<Lang>,
}

impl Default for SearchRequest {
    fn default() -> Self {
        SearchRequest {
            q: String::new(),
            filters: BTreeMap::new(),
            year_from: None,
            year_to: None,
            page: 1,
            per_page: 10,
            sort: Sort::Relevance,
            cross_lingual: true,
            qlang: None,
        }
    }
}

impl SearchRequest {
    /// Builds a request from query-string pairs, naming the parameter in every error.
    /// Facet parameters may repeat; unknown parameters are rejected so typos show.
    pub fn from_pairs<K, V>(pairs: impl IntoIterator<Item = (K, V)>) -> Result<SearchRequest>
    where
        K: AsRef<str>,
        V: AsRef<str>,
    {
        let pairs: Vec<(K, V)> = pairs.into_iter().collect();
        check_value_counts(pairs.iter().map(|(k, _)| k.as_ref()))?;
        SearchRequest::parse(pairs)
    }

    /// The parameters' values, once their counts are known to be within limits.
    fn parse<K, V>(pairs: Vec<(K, V)>) -> Result<SearchRequest>
    where
        K: AsRef<str>,
        V: AsRef<str>,
    {
        let mut req = SearchRequest::default();
        for (k, v) in pairs {
            let (key, raw) = (k.as_ref(), v.as_ref());
            if raw.is_empty() && key != "q" {
                return Err(Error::param(key, "is empty"));
            }
            // Free text is trimmed; enumerated and numeric values must be exact, so
            // what the server accepts is what the API description says.
            let value = match key {
                "q" => raw.trim(),
                _ if Facet::from_name(key).is_some() => raw.trim(),
                _ => raw,
            };
            match key {
                "q" => {
                    if value.chars().count() > MAX_QUERY_CHARS {
                        return Err(Error::param(
                            "q",
                            format!("longer than {MAX_QUERY_CHARS} characters"),
                        ));
                    }
                    req.q = value.to_string();
                }
                "page" => req.page = parse_num(key, value, 1, MAX_PAGE)?,
                "cross_lingual" => {
                    req.cross_lingual = match value {
                        "true" => true,
                        "false" => false,
                        other => {
                            return Err(Error::param(
                                "cross_lingual",
                                format!("{other:?} is not true or false"),
                            ));
                        }
                    }
                }
                "qlang" => {
                    req.qlang = Some(parse_lang("qlang", raw)?);
                }
                "per_page" => req.per_page = parse_num(key, value, 1, 100)?,
                "year_from" => req.year_from = Some(parse_num(key, value, 0, 9999)? as u64),
                "year_to" => req.year_to = Some(parse_num(key, value, 0, 9999)? as u64),
                "sort" => {
                    req.sort = match value {
                        "" | "relevance" => Sort::Relevance,
                        "year" | "year_desc" => Sort::YearDesc,
                        "year_asc" => Sort::YearAsc,
                        other => {
                            return Err(Error::param(
                                "sort",
                                format!("unknown sort {other:?} (relevance, year_desc, year_asc)"),
                            ));
                        }
                    }
                }
                other => {
                    let Some(facet) = Facet::from_name(other) else {
                        return Err(Error::param(other, "unknown parameter"));
                    };
                    if value.is_empty() {
                        // Only whitespace: no filter, as if the value were not sent.
                        continue;
                    }
                    if value.chars().count() > MAX_VALUE_CHARS {
                        return Err(Error::param(
                            other,
                            format!("value longer than {MAX_VALUE_CHARS} characters"),
                        ));
                    }
                    let values = req.filters.entry(facet).or_default();
                    let value = match facet {
                        Facet::Country => value.to_ascii_uppercase(),
                        Facet::Lang => parse_lang(other, raw)?.code().to_string(),
                        Facet::Type
                        | Facet::Topic
                        | Facet::Audience
                        | Facet::Module
                        | Facet::Concept => value.to_ascii_lowercase(),
                        Facet::Org => value.to_string(),
                    };
                    if !values.contains(&value) {
                        values.push(value);
                    }
                }
            }
        }
        // year_from after year_to is not an error: the range is simply empty.
        if req.page.saturating_mul(req.per_page) > MAX_DEPTH {
            return Err(Error::param(
                "page",
                format!("page × per_page may not exceed {MAX_DEPTH}"),
            ));
        }
        Ok(req)
    }

    /// Builds a request from an HTML form's pairs: a form sends its empty fields
    /// (`year_from=`), which mean "not set" there.
    pub fn from_form<K, V>(pairs: impl IntoIterator<Item = (K, V)>) -> Result<SearchRequest>
    where
        K: AsRef<str>,
        V: AsRef<str>,
    {
        let pairs: Vec<(K, V)> = pairs.into_iter().collect();
        // Blank fields count towards the limit too, as the API description says.
        check_value_counts(pairs.iter().map(|(k, _)| k.as_ref()))?;
        SearchRequest::parse(
            pairs
                .into_iter()
                .filter(|(k, v)| k.as_ref() == "q" || !v.as_ref().is_empty())
                .collect(),
        )
    }

    /// The request as query-string pairs (the inverse of [`SearchRequest::from_pairs`]).
    pub fn to_pairs(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        if !self.q.is_empty() {
            out.push(("q".into(), self.q.clone()));
        }
        for (facet, values) in &self.filters {
            for v in values {
                out.push((facet.name().into(), v.clone()));
            }
        }
        if let Some(y) = self.year_from {
            out.push(("year_from".into(), y.to_string()));
        }
        if let Some(y) = self.year_to {
            out.push(("year_to".into(), y.to_string()));
        }
        match self.sort {
            Sort::Relevance => {}
            Sort::YearDesc => out.push(("sort".into(), "year_desc".into())),
            Sort::YearAsc => out.push(("sort".into(), "year_asc".into())),
        }
        if !self.cross_lingual {
            out.push(("cross_lingual".into(), "false".into()));
        }
        if let Some(l) = self.qlang {
            out.push(("qlang".into(), l.code().into()));
        }
        if self.per_page != 10 {
            out.push(("per_page".into(), self.per_page.to_string()));
        }
        if self.page != 1 {
            out.push(("page".into(), self.page.to_string()));
        }
        out
    }
}

/// Refuses more than [`MAX_FACET_VALUES`] values for any facet parameter, counted
/// as sent (repeats and blanks included), so the limit is the one the API
/// description states.
fn check_value_counts<'a>(keys: impl Iterator<Item = &'a str>) -> Result<()> {
    let mut sent: BTreeMap<Facet, usize> = BTreeMap::new();
    for key in keys {
        if let Some(facet) = Facet::from_name(key) {
            let count = sent.entry(facet).or_default();
            *count += 1;
            if *count > MAX_FACET_VALUES {
                return Err(Error::param(
                    key,
                    format!("more than {MAX_FACET_VALUES} values"),
                ));
            }
        }
    }
    Ok(())
}

/// Exactly the codes the API description lists (and bokmål/nynorsk as `no`),
/// untrimmed and case-sensitive, unlike the lenient parse used for metadata.
fn parse_lang(key: &str, value: &str) -> Result<Lang> {
    match value {
        "nb" | "nn" => Ok(Lang::No),
        _ => Lang::ALL
            .iter()
            .copied()
            .find(|l| l.code() == value)
            .ok_or_else(|| {
                Error::param(
                    key,
                    format!(
                        "unknown language code {value:?} (expected one of en da sv no nb nn fi et lv lt pl de ru fr und)"
                    ),
                )
            }),
    }
}

fn parse_num(key: &str, value: &str, min: usize, max: usize) -> Result<usize> {
    // Plain decimal digits only: `str::parse` would also take "+5" and "007", which
    // the API description does not allow.
    let canonical = !value.is_empty()
        && value.bytes().all(|b| b.is_ascii_digit())
        && (value == "0" || !value.starts_with('0'));
    let n: usize = canonical
        .then(|| value.parse().ok())
        .flatten()
        .ok_or_else(|| Error::param(key, format!("{value:?} is not a whole number")))?;
    if n < min || n > max {
        let range = if max == usize::MAX {
            format!("at least {min}")
        } else {
            format!("between {min} and {max}")
        };
        return Err(Error::param(key, format!("must be {range}")));
    }
    Ok(n)
}

/// One facet value and how many documents have it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct FacetValue {
    /// The value (slug, code or name).
    pub value: String,
    /// Documents with this value under the current query and the other facets' filters.
    pub count: u64,
}

/// Counts for every facet.
#[derive(Clone, Debug, Default, Serialize, utoipa::ToSchema)]
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

    fn of_mut(&mut self, facet: Facet) -> &mut Vec<FacetValue> {
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Location {
    /// Slide or page.
    pub kind: SectionKind,
    /// 1-based number.
    pub number: u32,
}

/// A term of another language that made a document match.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ExpandedConcept {
    /// Concept id.
    pub concept: String,
    /// The query's term for it.
    pub query_term: String,
    /// The language the term was recognised in.
    pub lang: String,
}

/// One search hit.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Hit {
    /// Document id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Kind of material.
    #[serde(rename = "type")]
    pub doc_type: String,
    /// Language code.
    pub lang: String,
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
    /// Format the file was read from.
    pub format: String,
    /// BM25 score (absent when sorted by year).
    pub score: Option<f32>,
    /// HTML snippet: text escaped, matches in `<mark>`.
    pub snippet: String,
    /// The slide or page of the best passage.
    pub location: Option<Location>,
    /// When the hit matched through another language: which term, for what.
    pub matched_via: Vec<CrossMatch>,
    /// Where the document's JSON lives.
    pub url: String,
}

/// The answer to a search.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct SearchResponse {
    /// The query as received.
    pub query: String,
    /// Matching documents under all filters.
    pub total: u64,
    /// Page.
    pub page: usize,
    /// Hits per page.
    pub per_page: usize,
    /// Time spent searching.
    pub took_ms: u64,
    /// True when no document had every word, so documents with some words are shown.
    pub relaxed: bool,
    /// The language(s) the query was taken to be in (empty when unknown).
    pub query_lang: Vec<String>,
    /// Concepts recognised in the query and searched in every language.
    pub expanded: Vec<ExpandedConcept>,
    /// The hits of this page.
    pub hits: Vec<Hit>,
    /// Disjunctive facet counts.
    pub facets: Facets,
}

/// A whole document as stored.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct DocumentView {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Description.
    pub description: Option<String>,
    /// Kind.
    #[serde(rename = "type")]
    pub doc_type: String,
    /// Language.
    pub lang: String,
    /// Detector confidence.
    pub lang_confidence: f64,
    /// Languages of mixed material.
    pub languages: Vec<String>,
    /// Countries.
    pub country: Vec<String>,
    /// Organisations.
    pub organisation: Vec<String>,
    /// Topics.
    pub topics: Vec<String>,
    /// Audiences.
    pub audience: Vec<String>,
    /// Module.
    pub module: Option<String>,
    /// Year.
    pub year: Option<u64>,
    /// Source URL.
    pub source_url: Option<String>,
    /// Format.
    pub format: String,
    /// Vocabulary concepts the document mentions.
    pub concepts: Vec<String>,
    /// Extracted text.
    pub text: String,
    /// Slides or pages.
    pub sections: Vec<Section>,
}

/// A document related to another one.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Related {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Language.
    pub lang: String,
    /// Kind.
    #[serde(rename = "type")]
    pub doc_type: String,
    /// The concepts both documents mention.
    pub shared: Vec<String>,
}

/// The search engine over one index directory.
pub struct Engine {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    index_dir: PathBuf,
    and_parser: QueryParser,
    or_parser: QueryParser,
    /// The vocabulary beside the index and the modification time it was read at.
    vocabulary: std::sync::RwLock<(Option<std::time::SystemTime>, Option<Arc<Vocabulary>>)>,
}

/// What the vocabulary made of a query.
struct Expansion {
    query: Box<dyn Query>,
    query_langs: Vec<Lang>,
    concepts: Vec<(usize, Lang, usize)>,
}

impl Engine {
    /// Opens (or creates empty) the index under `index_dir`. The reader follows new
    /// commits by itself, from this or any other process.
    pub fn open(index_dir: &Path) -> Result<Engine> {
        let (index, fields) = crate::index::open(index_dir)?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .try_into()?;
        let text_fields: Vec<_> = fields
            .title_by_lang
            .iter()
            .chain(fields.body_by_lang.iter())
            .copied()
            .collect();
        let mut or_parser = QueryParser::for_index(&index, text_fields);
        for f in &fields.title_by_lang {
            or_parser.set_field_boost(*f, 2.0);
        }
        let mut and_parser = or_parser.clone();
        and_parser.set_conjunction_by_default();
        let stamp = vocabulary_stamp(index_dir);
        let vocabulary = Vocabulary::load_optional(index_dir)?.map(Arc::new);
        Ok(Engine {
            index,
            reader,
            fields,
            index_dir: index_dir.to_path_buf(),
            and_parser,
            or_parser,
            vocabulary: std::sync::RwLock::new((stamp, vocabulary)),
        })
    }

    /// The index directory.
    pub fn index_dir(&self) -> &Path {
        &self.index_dir
    }

    /// Makes the latest commit visible now rather than after the watcher's delay.
    pub fn reload(&self) -> Result<()> {
        self.reader.reload()?;
        self.reload_vocabulary()
    }

    /// Re-reads the vocabulary kept beside the index (after a curator's run).
    pub fn reload_vocabulary(&self) -> Result<()> {
        let stamp = vocabulary_stamp(&self.index_dir);
        let fresh = Vocabulary::load_optional(&self.index_dir)?.map(Arc::new);
        if let Ok(mut v) = self.vocabulary.write() {
            *v = (stamp, fresh);
        }
        Ok(())
    }

    /// The vocabulary in use, if the index has one. A commit by another process
    /// (`clusterpool index`, a curator server) may bring a new one: one `stat` per
    /// call notices it.
    pub fn vocabulary(&self) -> Option<Arc<Vocabulary>> {
        let stamp = vocabulary_stamp(&self.index_dir);
        let current = self.vocabulary.read().ok()?.clone();
        if current.0 == stamp {
            return current.1;
        }
        if let Err(e) = self.reload_vocabulary() {
            tracing::warn!(error = %e, "vocabulary beside the index could not be read; keeping the old one");
            return current.1;
        }
        self.vocabulary.read().ok().and_then(|v| v.1.clone())
    }

    /// Recognises vocabulary concepts in the query and builds the query that finds
    /// their terms in every language, weighted below the original words.
    fn expand(&self, vocab: &Vocabulary, q: &str, hint: Option<Lang>) -> Option<Expansion> {
        // Excluded words (`-mapping`, `NOT mapping`) are not concepts the user wants.
        let mut words: Vec<&str> = Vec::new();
        let mut negate_next = false;
        for w in q.split_whitespace() {
            if w == "NOT" {
                negate_next = true;
                continue;
            }
            if !negate_next && !w.starts_with('-') {
                words.push(w);
            }
            negate_next = false;
        }
        let plain: String = words
            .join(" ")
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || c == '-' || c == '\'' {
                    c
                } else {
                    ' '
                }
            })
            .collect();
        let langs: Vec<Lang> = match hint {
            Some(l) => vec![l],
            None => Lang::ALL[..12].to_vec(),
        };
        let mut best: Vec<(Lang, Vec<Match>)> = Vec::new();
        let mut best_cover = 0;
        for lang in langs {
            let found = vocab.find(lang, &analysis::terms(lang, &plain));
            let cover: usize = found.iter().map(|m| m.len).sum();
            if cover == 0 {
                continue;
            }
            if cover > best_cover {
                best_cover = cover;
                best.clear();
            }
            if cover == best_cover {
                best.push((lang, found));
            }
        }
        if best.is_empty() {
            return None;
        }
        if best.len() > 1 {
            // Several languages share the words (`benchmarking`): trust the detector
            // only when it picks one of them with some confidence.
            let d = crate::lang::detect(q);
            if d.confidence >= 0.5
                && let Some(i) = best.iter().position(|(l, _)| *l == d.lang)
            {
                let keep = best.swap_remove(i);
                best = vec![keep];
            }
        }
        let query_langs: Vec<Lang> = best.iter().map(|(l, _)| *l).collect();
        let mut concepts: Vec<(usize, Lang, usize)> = Vec::new();
        for (lang, found) in &best {
            for m in found {
                if !concepts.iter().any(|(c, _, _)| *c == m.concept) {
                    concepts.push((m.concept, *lang, m.term));
                }
            }
        }
        let mut all_of: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (concept, _, _) in &concepts {
            let mut any_of: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            for (lang, terms) in &vocab.concepts[*concept].terms {
                let boost = if query_langs.contains(lang) { 0.8 } else { 0.6 };
                for term in terms {
                    let tokens = analysis::terms(*lang, term);
                    for field in [self.fields.body_of(*lang), self.fields.title_of(*lang)] {
                        let q: Box<dyn Query> = if tokens.len() == 1 {
                            Box::new(TermQuery::new(
                                Term::from_field_text(field, &tokens[0]),
                                IndexRecordOption::WithFreqs,
                            ))
                        } else if tokens.len() > 1 {
                            Box::new(PhraseQuery::new(
                                tokens
                                    .iter()
                                    .map(|t| Term::from_field_text(field, t))
                                    .collect(),
                            ))
                        } else {
                            continue;
                        };
                        any_of.push((Occur::Should, Box::new(BoostQuery::new(q, boost))));
                    }
                }
            }
            all_of.push((Occur::Must, Box::new(BooleanQuery::new(any_of))));
        }
        Some(Expansion {
            query: Box::new(BooleanQuery::new(all_of)),
            query_langs,
            concepts,
        })
    }

    /// Which expansion terms of the hit's language occur in it.
    fn explain(
        &self,
        vocab: &Vocabulary,
        expansion: &Expansion,
        lang: Lang,
        body: &str,
    ) -> Vec<CrossMatch> {
        if expansion.query_langs.contains(&lang) {
            return Vec::new();
        }
        // The opening of a document is enough to show why it matched.
        let cut = body
            .char_indices()
            .nth(200_000)
            .map_or(body.len(), |(i, _)| i);
        let tokens = analysis::terms(lang, &body[..cut]);
        let found = vocab.find(lang, &tokens);
        let mut out = Vec::new();
        for (concept, qlang, qterm) in &expansion.concepts {
            if let Some(m) = found.iter().find(|m| m.concept == *concept) {
                let c = &vocab.concepts[*concept];
                out.push(CrossMatch {
                    term: c.terms[&lang][m.term].clone(),
                    lang: lang.code().to_string(),
                    concept: c.id.clone(),
                    query_term: c.terms[qlang][*qterm].clone(),
                });
            }
        }
        out
    }

    /// Documents in the index.
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    fn text_query(&self, q: &str, conjunctive: bool) -> Box<dyn Query> {
        if q.trim().is_empty() {
            return Box::new(AllQuery);
        }
        let parser = if conjunctive {
            &self.and_parser
        } else {
            &self.or_parser
        };
        // Lenient: a malformed query is searched as well as it can be, never refused.
        // Unbalanced quotes or brackets swallow the rest of the query in tantivy's
        // grammar, so those are dropped and the words searched plainly.
        let balanced = q.matches('"').count().is_multiple_of(2) && brackets_balance(q);
        let (query, errors) = parser.parse_query_lenient(q);
        if balanced && errors.is_empty() {
            return query;
        }
        let plain: String = q
            .chars()
            .map(|c| if "\"()[]{}".contains(c) { ' ' } else { c })
            .collect();
        parser.parse_query_lenient(&plain).0
    }

    fn filter_query(&self, text: Box<dyn Query>, req: &SearchRequest) -> Box<dyn Query> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, text)];
        for (facet, values) in &req.filters {
            let field = self.fields.facet(*facet);
            let any: Vec<(Occur, Box<dyn Query>)> = values
                .iter()
                .map(|v| {
                    let q: Box<dyn Query> = Box::new(TermQuery::new(
                        Term::from_field_text(field, v),
                        IndexRecordOption::Basic,
                    ));
                    (Occur::Should, q)
                })
                .collect();
            clauses.push((Occur::Must, Box::new(BooleanQuery::new(any))));
        }
        if req.year_from.is_some() || req.year_to.is_some() {
            let bound = |y: Option<u64>| match y {
                Some(y) => Bound::Included(Term::from_field_u64(self.fields.year, y)),
                None => Bound::Unbounded,
            };
            clauses.push((
                Occur::Must,
                Box::new(RangeQuery::new(bound(req.year_from), bound(req.year_to))),
            ));
        }
        if clauses.len() == 1 {
            return clauses
                .pop()
                .map(|(_, q)| q)
                .unwrap_or_else(|| Box::new(AllQuery));
        }
        Box::new(BooleanQuery::new(clauses))
    }

    /// Runs a search.
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResponse> {
        let started = Instant::now();
        let searcher = self.reader.searcher();
        let offset = (req.page - 1) * req.per_page;

        let vocab = if req.cross_lingual && !req.q.trim().is_empty() {
            self.vocabulary()
        } else {
            None
        };
        let expansion = vocab
            .as_deref()
            .and_then(|v| self.expand(v, &req.q, req.qlang));
        let combine = |original: Box<dyn Query>| -> Box<dyn Query> {
            match &expansion {
                Some(e) => Box::new(BooleanQuery::new(vec![
                    (Occur::Should, original),
                    (
                        Occur::Should,
                        Box::new(BoostQuery::new(e.query.box_clone(), 0.5)),
                    ),
                ])),
                None => original,
            }
        };

        // AND first; when no document has every word, rank those with some of them.
        // Decided on the query's own words, before expansion, so a cross-lingual
        // match cannot hide the same-language partial matches.
        let has_text = !req.q.trim().is_empty();
        let and = self.text_query(&req.q, true);
        let (original, relaxed, first) = if expansion.is_none() {
            // Without expansion the main pass over the AND query counts exactly
            // what the relaxation check needs, so it is not run twice.
            let pass = self.main_pass(&searcher, req, and.box_clone(), offset)?;
            if has_text && pass.total == 0 {
                let or = self.text_query(&req.q, false);
                let relaxed_pass = self.main_pass(&searcher, req, or.box_clone(), offset)?;
                if relaxed_pass.total > 0 {
                    (or, true, Some(relaxed_pass))
                } else {
                    (and, false, Some(pass))
                }
            } else {
                (and, false, Some(pass))
            }
        } else if has_text
            && searcher.search(self.filter_query(and.box_clone(), req).as_ref(), &Count)? == 0
        {
            let or = self.text_query(&req.q, false);
            let any = searcher.search(self.filter_query(or.box_clone(), req).as_ref(), &Count)? > 0;
            if any {
                (or, true, None)
            } else {
                (and, false, None)
            }
        } else {
            (and, false, None)
        };
        let mut original = original;
        let excluded = excluded_clauses(original.as_ref());
        // A relaxed query (some of the words) ranks below a concept found in full
        // in another language: `cluster mapping` in Latvian beats a stray `cluster`.
        if relaxed && expansion.is_some() {
            original = Box::new(BoostQuery::new(original, 0.25));
        }
        let mut text = combine(original);
        if expansion.is_some() && !excluded.is_empty() {
            // The expansion must not bring back what the query excludes.
            let mut clauses = vec![(Occur::Must, text)];
            clauses.extend(excluded.into_iter().map(|q| (Occur::MustNot, q)));
            text = Box::new(BooleanQuery::new(clauses));
        }
        let MainPass {
            total,
            addresses,
            facets,
        } = match first {
            Some(pass) => pass,
            None => self.main_pass(&searcher, req, text.box_clone(), offset)?,
        };

        let mut generators: HashMap<Lang, (SnippetGenerator, Vec<String>)> = HashMap::new();
        let mut hits = Vec::with_capacity(addresses.len());
        for (score, address) in addresses {
            let doc: TantivyDocument = searcher.doc(address)?;
            let lang = self.stored_lang(&doc);
            let body_field = self.fields.body_of(lang);
            let body = stored_text(&doc, body_field).unwrap_or_default();
            let (generator, anchors) = match generators.entry(lang) {
                std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::hash_map::Entry::Vacant(v) => {
                    let mut g = SnippetGenerator::create(&searcher, text.as_ref(), body_field)?;
                    g.set_max_num_chars(240);
                    let anchors = snippet_anchors(&searcher, text.as_ref(), body_field);
                    v.insert((g, anchors))
                }
            };
            // Stemming a whole body for every hit was a third of a search's time:
            // analyse a window around the first likely match, and the whole text
            // only when the window holds none.
            let (mut offset, window) = snippet_window(&body, anchors);
            let mut snippet = generator.snippet(window);
            if snippet.is_empty() && window.len() < body.len() {
                snippet = generator.snippet(&body);
                offset = 0;
            }
            let sections = self.stored_sections(&doc);
            let (snippet_html, location) = if snippet.is_empty() {
                let fallback =
                    stored_text(&doc, self.fields.description).unwrap_or_else(|| body.clone());
                (escape_html(&truncate_chars(&fallback, 240)), None)
            } else {
                snippet.set_snippet_prefix_postfix("<mark>", "</mark>");
                // Where the first highlighted word is, not where the fragment starts:
                // a fragment can begin on the slide before the match.
                let start = offset
                    + snippet.fragment_range().start
                    + snippet.highlighted().first().map_or(0, |r| r.start);
                let location = sections
                    .iter()
                    .find(|s| s.start <= start && start < s.end.max(s.start + 1))
                    .map(|s| Location {
                        kind: s.kind,
                        number: s.number,
                    });
                (snippet.to_html(), location)
            };
            let matched_via = match (&expansion, &vocab) {
                (Some(e), Some(v)) => self.explain(v, e, lang, &body),
                _ => Vec::new(),
            };
            let view = self.view(&doc, false);
            hits.push(Hit {
                matched_via,
                url: format!("/api/documents/{}", encode_id(&view.id)),
                id: view.id,
                title: view.title,
                doc_type: view.doc_type,
                lang: view.lang,
                lang_confidence: view.lang_confidence,
                country: view.country,
                organisation: view.organisation,
                topics: view.topics,
                audience: view.audience,
                module: view.module,
                year: view.year,
                format: view.format,
                score,
                snippet: snippet_html,
                location,
            });
        }

        Ok(SearchResponse {
            query: req.q.clone(),
            total,
            page: req.page,
            per_page: req.per_page,
            took_ms: started.elapsed().as_millis() as u64,
            relaxed,
            query_lang: expansion
                .as_ref()
                .map(|e| e.query_langs.iter().map(|l| l.code().to_string()).collect())
                .unwrap_or_default(),
            expanded: match (&expansion, &vocab) {
                (Some(e), Some(v)) => e
                    .concepts
                    .iter()
                    .map(|(c, l, t)| ExpandedConcept {
                        concept: v.concepts[*c].id.clone(),
                        query_term: v.concepts[*c].terms[l][*t].clone(),
                        lang: l.code().to_string(),
                    })
                    .collect(),
                _ => Vec::new(),
            },
            hits,
            facets,
        })
    }

    /// One pass over the documents matching `text`: facet counts (disjunctive),
    /// and among the documents passing every filter, their count and one page.
    fn main_pass(
        &self,
        searcher: &tantivy::Searcher,
        req: &SearchRequest,
        text: Box<dyn Query>,
        offset: usize,
    ) -> Result<MainPass> {
        let top = TopDocs::with_limit(req.per_page).and_offset(offset);
        let (facets, total, addresses) = match req.sort {
            Sort::Relevance => {
                let counter = FacetCounter::new(req, (Count, top.order_by_score()));
                let (facets, (total, hits)) = searcher.search(text.as_ref(), &counter)?;
                let addresses = hits.into_iter().map(|(s, a)| (Some(s), a)).collect();
                (facets, total, addresses)
            }
            Sort::YearDesc | Sort::YearAsc => {
                let order = if req.sort == Sort::YearDesc {
                    Order::Desc
                } else {
                    Order::Asc
                };
                let counter =
                    FacetCounter::new(req, (Count, top.order_by_u64_field("year", order)));
                let (facets, (total, hits)) = searcher.search(text.as_ref(), &counter)?;
                let addresses = hits.into_iter().map(|(_, a)| (None, a)).collect();
                (facets, total, addresses)
            }
        };
        Ok(MainPass {
            total: total as u64,
            addresses,
            facets,
        })
    }

    /// Facet counts over the whole index.
    pub fn facets(&self) -> Result<Facets> {
        let searcher = self.reader.searcher();
        let counter = FacetCounter::new(&SearchRequest::default(), Count);
        Ok(searcher.search(&AllQuery, &counter)?.0)
    }

    /// One whole document by id.
    pub fn document(&self, id: &str) -> Result<DocumentView> {
        let searcher = self.reader.searcher();
        let query = TermQuery::new(
            Term::from_field_text(self.fields.id, id),
            IndexRecordOption::Basic,
        );
        let found = searcher.search(&query, &TopDocs::with_limit(1).order_by_score())?;
        let Some((_, address)) = found.into_iter().next() else {
            return Err(Error::NotFound(id.to_string()));
        };
        let doc: TantivyDocument = searcher.doc(address)?;
        Ok(self.view(&doc, true))
    }

    /// "More like this" across languages: the documents that share the most (and the
    /// rarest) concepts and topics with `id`, whatever language they are in.
    pub fn related(&self, id: &str, limit: usize) -> Result<Vec<Related>> {
        let doc = self.document(id)?;
        let concept = self.fields.facet(Facet::Concept);
        let topic = self.fields.facet(Facet::Topic);
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        // Very common concepts (`cluster`) say little; BM25's idf weighs them down.
        for c in &doc.concepts {
            clauses.push((
                Occur::Should,
                Box::new(TermQuery::new(
                    Term::from_field_text(concept, c),
                    IndexRecordOption::WithFreqs,
                )),
            ));
        }
        for t in &doc.topics {
            let q: Box<dyn Query> = Box::new(TermQuery::new(
                Term::from_field_text(topic, t),
                IndexRecordOption::WithFreqs,
            ));
            clauses.push((Occur::Should, Box::new(BoostQuery::new(q, 1.5))));
        }
        if clauses.is_empty() {
            return Ok(Vec::new());
        }
        clauses.push((
            Occur::MustNot,
            Box::new(TermQuery::new(
                Term::from_field_text(self.fields.id, id),
                IndexRecordOption::Basic,
            )),
        ));
        let searcher = self.reader.searcher();
        let top = searcher.search(
            &BooleanQuery::new(clauses),
            &TopDocs::with_limit(limit).order_by_score(),
        )?;
        let mut out = Vec::with_capacity(top.len());
        for (_, address) in top {
            let other: TantivyDocument = searcher.doc(address)?;
            let view = self.view(&other, false);
            let shared = view
                .concepts
                .iter()
                .filter(|c| doc.concepts.contains(c))
                .cloned()
                .collect();
            out.push(Related {
                id: view.id,
                title: view.title,
                lang: view.lang,
                doc_type: view.doc_type,
                shared,
            });
        }
        Ok(out)
    }

    /// Ids of every document, sorted.
    pub fn all_ids(&self) -> Result<Vec<String>> {
        let searcher = self.reader.searcher();
        let mut ids = Vec::with_capacity(searcher.num_docs() as usize);
        let mut buf = String::new();
        for segment in searcher.segment_readers() {
            let Some(col) = segment.fast_fields().str("id")? else {
                continue;
            };
            for doc in segment.doc_ids_alive() {
                if let Some(ord) = col.term_ords(doc).next() {
                    buf.clear();
                    col.ord_to_str(ord, &mut buf)
                        .map_err(|e| Error::io("index fast field `id`", e))?;
                    ids.push(buf.clone());
                }
            }
        }
        ids.sort();
        Ok(ids)
    }

    fn stored_lang(&self, doc: &TantivyDocument) -> Lang {
        stored_text(doc, self.fields.facet(Facet::Lang))
            .and_then(|l| l.parse().ok())
            .unwrap_or(Lang::Und)
    }

    fn stored_sections(&self, doc: &TantivyDocument) -> Vec<Section> {
        stored_text(doc, self.fields.sections)
            .and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or_default()
    }

    fn view(&self, doc: &TantivyDocument, with_text: bool) -> DocumentView {
        let f = &self.fields;
        let lang = self.stored_lang(doc);
        DocumentView {
            id: stored_text(doc, f.id).unwrap_or_default(),
            title: stored_text(doc, f.title).unwrap_or_default(),
            description: stored_text(doc, f.description),
            doc_type: stored_text(doc, f.facet(Facet::Type)).unwrap_or_default(),
            lang: lang.code().to_string(),
            lang_confidence: doc
                .get_first(f.lang_confidence)
                .and_then(|v| v.as_f64())
                .unwrap_or(0.0),
            languages: stored_texts(doc, f.languages),
            country: stored_texts(doc, f.facet(Facet::Country)),
            organisation: stored_texts(doc, f.facet(Facet::Org)),
            topics: stored_texts(doc, f.facet(Facet::Topic)),
            audience: stored_texts(doc, f.facet(Facet::Audience)),
            module: stored_text(doc, f.facet(Facet::Module)),
            year: doc.get_first(f.year).and_then(|v| v.as_u64()),
            source_url: stored_text(doc, f.source_url),
            format: stored_text(doc, f.format).unwrap_or_default(),
            concepts: stored_texts(doc, f.facet(Facet::Concept)),
            text: if with_text {
                stored_text(doc, f.body_of(lang)).unwrap_or_default()
            } else {
                String::new()
            },
            sections: if with_text {
                self.stored_sections(doc)
            } else {
                Vec::new()
            },
        }
    }

    /// The underlying tantivy index.
    pub fn index(&self) -> &Index {
        &self.index
    }
}

/// The `MustNot` clauses of a parsed query (its excluded words), if any.
fn excluded_clauses(query: &dyn Query) -> Vec<Box<dyn Query>> {
    query
        .downcast_ref::<BooleanQuery>()
        .map(|b| {
            b.clauses()
                .iter()
                .filter(|(occur, _)| *occur == Occur::MustNot)
                .map(|(_, q)| q.box_clone())
                .collect()
        })
        .unwrap_or_default()
}

fn brackets_balance(q: &str) -> bool {
    let mut depth = 0i64;
    for c in q.chars() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth < 0 {
                    return false;
                }
            }
            _ => {}
        }
    }
    depth == 0
}

fn vocabulary_stamp(index_dir: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(index_dir.join(crate::vocabulary::FILE))
        .and_then(|m| m.modified())
        .ok()
}

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

fn truncate_chars(s: &str, n: usize) -> String {
    let flat = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= n {
        return flat;
    }
    let mut cut: String = flat.chars().take(n).collect();
    if let Some(i) = cut.rfind(' ') {
        cut.truncate(i);
    }
    cut.push('…');
    cut
}

/// Bytes of a hit's text analysed for its snippet before and after a likely match
/// (a fragment is at most 240 characters).
const SNIPPET_BEFORE: usize = 300;
const SNIPPET_AFTER: usize = 600;

/// The query's terms on `field` that can be found in raw text, rarest first: the
/// first four characters of each analysed term, lower case and capitalised. A stem
/// is usually a prefix of the words it stands for; when it is not (or the field
/// folds accents) the window misses and the whole text is analysed instead.
fn snippet_anchors(searcher: &tantivy::Searcher, query: &dyn Query, field: Field) -> Vec<String> {
    let mut terms: Vec<(u64, String)> = Vec::new();
    query.query_terms(&mut |term, _| {
        if term.field() != field {
            return;
        }
        if let Some(text) = term.value().as_str()
            && text.chars().count() >= 3
            && !terms.iter().any(|(_, t)| t == text)
        {
            let df = searcher.doc_freq(term).unwrap_or(u64::MAX);
            terms.push((df, text.to_string()));
        }
    });
    terms.sort();
    let mut anchors = Vec::new();
    for (_, text) in terms {
        let stem: String = text.chars().take(4).collect();
        let mut chars = stem.chars();
        let capital: String = chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default();
        anchors.push(stem);
        anchors.push(capital);
    }
    anchors
}

/// A window of `body` around the first place an anchor occurs (the rarest term
/// found wins), with its byte offset; the whole body when none occurs.
fn snippet_window<'a>(body: &'a str, anchors: &[String]) -> (usize, &'a str) {
    if body.len() <= SNIPPET_BEFORE + SNIPPET_AFTER {
        return (0, body);
    }
    let hit = anchors
        .chunks(2)
        .find_map(|pair| pair.iter().filter_map(|a| body.find(a.as_str())).min());
    let Some(at) = hit else {
        return (0, body);
    };
    // Start at a word, so a fragment cannot open with half of one.
    let mut start = floor_boundary(body, at.saturating_sub(SNIPPET_BEFORE));
    if start > 0 {
        start = body[start..at]
            .find(char::is_whitespace)
            .map_or(start, |i| start + i + 1);
    }
    let end = floor_boundary(body, at + SNIPPET_AFTER);
    (start, &body[start..end])
}

/// The largest char boundary of `text` at or below `limit`.
fn floor_boundary(text: &str, limit: usize) -> usize {
    if limit >= text.len() {
        return text.len();
    }
    (0..=limit)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0)
}

/// What one pass over a query's matches yields.
struct MainPass {
    total: u64,
    addresses: Vec<(Option<f32>, DocAddress)>,
    facets: Facets,
}

/// Counts facet values disjunctively in one pass over the documents that match the
/// text query: a document counts for facet F when it passes every *other* facet's
/// filter (and the year range), whether or not it passes F's own.
///
/// It also feeds the documents that pass *every* filter to a child collector (the
/// count and the page of hits), so a search visits its matches once.
struct FacetCounter<C> {
    /// Selected values per string facet, in [`Facet::ALL`] order.
    selected: Vec<Option<Vec<String>>>,
    year: Option<(u64, u64)>,
    child: C,
}

/// Index of the year "facet" in pass arrays, after the string facets.
const YEAR: usize = Facet::ALL.len();

impl<C> FacetCounter<C> {
    fn new(req: &SearchRequest, child: C) -> FacetCounter<C> {
        FacetCounter {
            child,
            selected: Facet::ALL
                .iter()
                .map(|f| req.filters.get(f).cloned())
                .collect(),
            year: if req.year_from.is_some() || req.year_to.is_some() {
                Some((req.year_from.unwrap_or(0), req.year_to.unwrap_or(u64::MAX)))
            } else {
                None
            },
        }
    }
}

struct FacetColumn {
    column: Option<StrColumn>,
    /// Term ordinals of the selected values in this segment, when filtered.
    allowed: Option<Vec<u64>>,
    counts: Vec<u64>,
}

struct FacetSegment<C> {
    child: C,
    facets: Vec<FacetColumn>,
    year: tantivy::columnar::Column<u64>,
    year_range: Option<(u64, u64)>,
    years: BTreeMap<u64, u64>,
}

/// Per-segment result: value → count per facet, year → count.
#[derive(Default)]
struct FacetFruit {
    counts: Vec<HashMap<String, u64>>,
    years: BTreeMap<u64, u64>,
}

impl<C: Collector> Collector for FacetCounter<C> {
    type Fruit = (Facets, C::Fruit);
    type Child = FacetSegment<C::Child>;

    fn for_segment(
        &self,
        ord: u32,
        segment: &SegmentReader,
    ) -> tantivy::Result<FacetSegment<C::Child>> {
        let child = self.child.for_segment(ord, segment)?;
        let ff = segment.fast_fields();
        let mut facets = Vec::with_capacity(Facet::ALL.len());
        for (facet, selected) in Facet::ALL.iter().zip(&self.selected) {
            let column = ff.str(facet.name())?;
            let allowed = match (selected, &column) {
                (Some(values), Some(col)) => {
                    let mut ords = Vec::new();
                    for v in values {
                        if let Some(o) = col.dictionary().term_ord(v)? {
                            ords.push(o);
                        }
                    }
                    Some(ords)
                }
                (Some(_), None) => Some(Vec::new()),
                (None, _) => None,
            };
            let counts = vec![0; column.as_ref().map_or(0, |c| c.num_terms())];
            facets.push(FacetColumn {
                column,
                allowed,
                counts,
            });
        }
        Ok(FacetSegment {
            child,
            facets,
            year: ff.u64("year")?,
            year_range: self.year,
            years: BTreeMap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        self.child.requires_scoring()
    }

    fn merge_fruits(
        &self,
        fruits: Vec<(FacetFruit, <C::Child as SegmentCollector>::Fruit)>,
    ) -> tantivy::Result<(Facets, C::Fruit)> {
        let (fruits, child_fruits): (Vec<_>, Vec<_>) = fruits.into_iter().unzip();
        let child = self.child.merge_fruits(child_fruits)?;
        let mut counts: Vec<HashMap<String, u64>> = vec![HashMap::new(); Facet::ALL.len()];
        let mut years: BTreeMap<u64, u64> = BTreeMap::new();
        for fruit in fruits {
            for (total, part) in counts.iter_mut().zip(fruit.counts) {
                for (v, c) in part {
                    *total.entry(v).or_default() += c;
                }
            }
            for (y, c) in fruit.years {
                *years.entry(y).or_default() += c;
            }
        }
        let mut facets = Facets::default();
        for ((facet, map), selected) in Facet::ALL.iter().zip(counts).zip(&self.selected) {
            let mut values: Vec<FacetValue> = map
                .into_iter()
                .map(|(value, count)| FacetValue { value, count })
                .collect();
            // Selected values stay visible even at zero, so they can be unselected.
            for s in selected.iter().flatten() {
                if !values.iter().any(|v| &v.value == s) {
                    values.push(FacetValue {
                        value: s.clone(),
                        count: 0,
                    });
                }
            }
            values.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
            let keep: Vec<FacetValue> = values
                .iter()
                .enumerate()
                .filter(|(i, v)| {
                    *i < FACET_LIMIT || selected.as_ref().is_some_and(|s| s.contains(&v.value))
                })
                .map(|(_, v)| v.clone())
                .collect();
            *facets.of_mut(*facet) = keep;
        }
        facets.year = years
            .into_iter()
            .map(|(y, c)| FacetValue {
                value: y.to_string(),
                count: c,
            })
            .collect();
        Ok((facets, child))
    }
}

impl<C: SegmentCollector> SegmentCollector for FacetSegment<C> {
    type Fruit = (FacetFruit, C::Fruit);

    fn collect(&mut self, doc: DocId, score: Score) {
        let mut pass = [true; YEAR + 1];
        for (i, f) in self.facets.iter().enumerate() {
            if let Some(allowed) = &f.allowed {
                pass[i] = f
                    .column
                    .as_ref()
                    .is_some_and(|c| c.term_ords(doc).any(|o| allowed.contains(&o)));
            }
        }
        let year = self.year.first(doc);
        if let Some((lo, hi)) = self.year_range {
            pass[YEAR] = year.is_some_and(|y| lo <= y && y <= hi);
        }
        let failing = pass.iter().filter(|p| !**p).count();
        if failing == 0 {
            self.child.collect(doc, score);
        }
        if failing > 1 {
            return;
        }
        for (i, f) in self.facets.iter_mut().enumerate() {
            // With one failing filter, only that facet counts this document.
            if failing == 1 && pass[i] {
                continue;
            }
            if let Some(col) = &f.column {
                for o in col.term_ords(doc) {
                    f.counts[o as usize] += 1;
                }
            }
        }
        if (failing == 0 || !pass[YEAR])
            && let Some(y) = year
        {
            *self.years.entry(y).or_default() += 1;
        }
    }

    fn harvest(self) -> Self::Fruit {
        let mut counts = Vec::with_capacity(self.facets.len());
        for f in self.facets {
            let mut map = HashMap::new();
            if let Some(col) = &f.column {
                // One ordered walk through the dictionary rather than a block
                // decompression per value.
                let ords: Vec<u64> = (0..f.counts.len() as u64)
                    .filter(|&o| f.counts[o as usize] > 0)
                    .collect();
                let mut next = ords.iter();
                let _ = col.dictionary().sorted_ords_to_term_cb(&ords, |term| {
                    if let Some(&o) = next.next() {
                        let term = String::from_utf8_lossy(term).into_owned();
                        map.insert(term, f.counts[o as usize]);
                    }
                });
            }
            counts.push(map);
        }
        (
            FacetFruit {
                counts,
                years: self.years,
            },
            self.child.harvest(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_are_validated_and_named() {
        let ok = SearchRequest::from_pairs([
            ("q", "klasteru karte"),
            ("lang", "lv"),
            ("lang", "lt"),
            ("lang", "nb"),
            ("country", "dk"),
            ("year_from", "2010"),
            ("per_page", "20"),
            ("sort", "year_desc"),
        ])
        .unwrap();
        assert_eq!(ok.filters[&Facet::Lang], vec!["lv", "lt", "no"]);
        assert_eq!(ok.filters[&Facet::Country], vec!["DK"]);
        assert_eq!(ok.year_from, Some(2010));
        assert_eq!(ok.sort, Sort::YearDesc);
        let back = SearchRequest::from_pairs(ok.to_pairs()).unwrap();
        assert_eq!(back, ok);

        let named = |pairs: &[(&str, &str)]| match SearchRequest::from_pairs(pairs.iter().copied())
        {
            Err(Error::InvalidParam { param, .. }) => param,
            other => panic!("expected a parameter error, got {other:?}"),
        };
        assert_eq!(named(&[("per_page", "0")]), "per_page");
        assert_eq!(named(&[("per_page", "101")]), "per_page");
        assert_eq!(named(&[("year_from", "soon")]), "year_from");
        assert_eq!(named(&[("sort", "random")]), "sort");
        assert_eq!(named(&[("colour", "red")]), "colour");
        assert_eq!(named(&[("lang", "xx")]), "lang");
        assert_eq!(named(&[("page", "101"), ("per_page", "100")]), "page");
        assert_eq!(named(&[("year_from", "")]), "year_from");
        // Empty form fields mean "not set" on the HTML page.
        let form =
            SearchRequest::from_form([("q", "x"), ("year_from", ""), ("lang", ""), ("sort", "")])
                .unwrap();
        assert_eq!(form.year_from, None);
        assert!(form.filters.is_empty());
    }

    #[test]
    fn accepted_parameters_are_exactly_the_described_ones() {
        let named_api = |pairs: &[(&str, &str)]| match SearchRequest::from_pairs(pairs.to_vec()) {
            Err(Error::InvalidParam { param, .. }) => param,
            other => panic!("expected a parameter error, got {other:?}"),
        };
        let named_form = |pairs: &[(&str, &str)]| match SearchRequest::from_form(pairs.to_vec()) {
            Err(Error::InvalidParam { param, .. }) => param,
            other => panic!("expected a parameter error, got {other:?}"),
        };
        // Enumerated and numeric values are not trimmed: " " is not a sort order.
        for (key, value) in [
            ("sort", " "),
            ("sort", " relevance"),
            ("qlang", " "),
            ("page", " 2"),
            ("cross_lingual", "true "),
            ("per_page", "+5"),
            ("year_from", "02019"),
            ("lang", "LV"),
            ("lang", " lv"),
        ] {
            assert_eq!(named_api(&[(key, value)]), key);
            assert_eq!(named_form(&[(key, value)]), key);
        }
        // The value limit counts what was sent, repeats and blank form fields too.
        let repeated = vec![("org", "REG X"); MAX_FACET_VALUES + 1];
        assert_eq!(named_api(&repeated), "org");
        let blanks = vec![("org", ""); MAX_FACET_VALUES + 1];
        assert_eq!(named_form(&blanks), "org");
        let at_limit = vec![("org", "REG X"); MAX_FACET_VALUES];
        assert_eq!(
            SearchRequest::from_pairs(at_limit).unwrap().filters[&Facet::Org],
            vec!["REG X"]
        );
        // Facet values are free text: surrounding blanks are trimmed.
        let trimmed = SearchRequest::from_pairs([("country", " dk ")]).unwrap();
        assert_eq!(trimmed.filters[&Facet::Country], vec!["DK"]);
    }

    #[test]
    fn snippet_window_surrounds_the_rarest_term_found_and_starts_at_a_word() {
        let filler = "lorem ipsum dolor sit amet ".repeat(60);
        let body = format!("{filler}Klyngekortlægning viser styrker {filler}");
        let at = body.find("Klynge").unwrap();
        // The rarest term first; its capitalised form is found at a sentence start.
        let anchors = ["klyn", "Klyn", "lore", "Lore"].map(String::from);
        let (offset, window) = snippet_window(&body, &anchors);
        assert!(offset <= at && at < offset + window.len());
        assert!(window.len() <= SNIPPET_BEFORE + SNIPPET_AFTER);
        assert_eq!(&body[offset..offset + window.len()], window);
        assert!(offset == 0 || body[..offset].ends_with(' '));
        // No anchor in the text: the whole body is analysed.
        let none = ["zzzz", "Zzzz"].map(String::from);
        assert_eq!(snippet_window(&body, &none), (0, body.as_str()));
        // Short texts are analysed whole.
        assert_eq!(snippet_window("kort tekst", &anchors), (0, "kort tekst"));
    }

    #[test]
    fn ids_are_encoded_per_segment() {
        assert_eq!(encode_id("tools/a b&c.md"), "tools/a%20b%26c%2Emd");
    }
}
