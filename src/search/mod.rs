//! The reader side, one module per stage of a query: [`request`] validates the
//! parameters once; [`query`] parses the text; [`plan`] turns it into a ranked
//! tantivy query (coordinated words, compounds, stop words, proximity) with the
//! cross-lingual alternatives of [`expand`]; [`facets`] counts facets
//! disjunctively in the same pass that collects the page; [`snippets`] shows why
//! each hit matched; [`response`] holds the answer's types and [`documents`] the
//! reads by id. With a model, [`vectors`] retrieves the documents nearest the
//! query in meaning (the vectors of recent queries are kept, so a facet ticked or
//! a page turned does not embed the query again), which join the matches (so
//! filters and facets apply to them alike) and are fused with the ranking by
//! words by reciprocal rank.
//! [`Engine::search`] runs the stages top to bottom; [`typos`] gives a word no
//! document holds the indexed words nearest its spelling, and [`suggest`]
//! completes what a reader is typing from titles and concepts. This module knows
//! nothing of HTTP.

mod bm25;
mod coordination;
mod documents;
mod expand;
mod facets;
pub mod plan;
pub mod query;
mod ranking;
mod request;
mod response;
mod snippets;
mod suggest;
mod typos;
pub mod vectors;

use std::collections::HashMap;
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use lru::LruCache;

use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, EnableScoring, Occur, Query, RangeQuery, Scorer, TermQuery, Weight,
};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocId, Index, IndexReader, Order, ReloadPolicy, Searcher, Term};

use crate::Result;
use crate::embed::{Encoder, Kind, Semantic};
use crate::lang::Lang;
use crate::schema::Fields;
use crate::vocabulary::Vocabulary;
use vectors::{Near, NearQuery, VectorStore};

use expand::Expansion;
pub use facets::FacetCounting;
use facets::{FacetCounter, FacetSets, MainPass};
pub use plan::Ranking;
use plan::{Plan, Planner};
pub use request::*;
pub use response::*;
pub use suggest::{
    DEFAULT_SUGGESTIONS, MAX_SUGGEST_CHARS, MAX_SUGGESTIONS, SuggestRequest, Suggestion,
    Suggestions,
};

/// How many recent queries' vectors are kept (1.5 KB each).
const QUERY_VECTORS_KEPT: NonZeroUsize = NonZeroUsize::new(512).unwrap();

/// The search engine over one index directory.
pub struct Engine {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    index_dir: PathBuf,
    ranking: Ranking,
    /// Per-segment facet value sets, kept warm by the reader.
    facet_sets: Arc<FacetSets>,
    facet_counting: FacetCounting,
    /// Passage vectors per segment, kept warm by the reader once a model is set.
    vectors: Arc<VectorStore>,
    /// The model for queries, or why there is none.
    semantic: Semantic,
    /// The vectors of the latest queries: a reader who ticks a facet, turns a page
    /// or sorts asks the same query again, and its embedding is most of the cost
    /// of a search by meaning (BENCHMARKS.md, "Search by meaning").
    query_vectors: Mutex<LruCache<String, Arc<[f32]>>>,
    /// The vocabulary beside the index and the modification time it was read at.
    vocabulary: std::sync::RwLock<(Option<std::time::SystemTime>, Option<Arc<Vocabulary>>)>,
}

impl Engine {
    /// Opens the index under `index_dir` ([`crate::Error::NoIndex`] when there is none: a
    /// reader never creates one). The reader follows new
    /// commits by itself, from this or any other process.
    pub fn open(index_dir: &Path) -> Result<Engine> {
        let (index, fields) = crate::index::open(index_dir)?;
        let facet_sets = Arc::new(FacetSets::default());
        let vectors = Arc::new(VectorStore::default());
        let warmer: Arc<dyn tantivy::Warmer> = facet_sets.clone();
        let vector_warmer: Arc<dyn tantivy::Warmer> = vectors.clone();
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .warmers(vec![
                Arc::downgrade(&warmer),
                Arc::downgrade(&vector_warmer),
            ])
            .try_into()?;
        let stamp = vocabulary_stamp(index_dir);
        let vocabulary = Vocabulary::load_optional(index_dir)?.map(Arc::new);
        Ok(Engine {
            index,
            reader,
            fields,
            index_dir: index_dir.to_path_buf(),
            facet_sets,
            vectors,
            semantic: Semantic::Off,
            query_vectors: Mutex::new(LruCache::new(QUERY_VECTORS_KEPT)),
            facet_counting: FacetCounting::Auto,
            ranking: Ranking::default(),
            vocabulary: std::sync::RwLock::new((stamp, vocabulary)),
        })
    }

    /// Matches by meaning too, with the model of `semantic` (when it is ready):
    /// the passage vectors are read now and kept warm from here on.
    pub fn with_semantic(mut self, semantic: Semantic) -> Result<Engine> {
        if let Some(encoder) = semantic.encoder() {
            self.vectors.enable(encoder.dim());
            tantivy::Warmer::warm(self.vectors.as_ref(), &self.reader.searcher())?;
        }
        self.semantic = semantic;
        Ok(self)
    }

    /// Whether queries are matched by meaning, and if not, why.
    pub fn semantic(&self) -> &Semantic {
        &self.semantic
    }

    /// Uses other ranking knobs than the defaults (for the relevance benchmark).
    pub fn with_ranking(mut self, ranking: Ranking) -> Engine {
        self.ranking = ranking;
        self
    }

    /// Counts facets one way only (for the test that compares the ways, and for
    /// benchmarks); the default picks the cheaper per segment.
    pub fn with_facet_counting(mut self, counting: FacetCounting) -> Engine {
        self.facet_counting = counting;
        self
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

    /// Documents in the index.
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// The underlying tantivy index.
    pub fn index(&self) -> &Index {
        &self.index
    }

    /// Runs a search: parse → expand → plan → one pass for facets, count and page
    /// → which words each hit lacks → snippets → the answer.
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResponse> {
        let started = Instant::now();
        let searcher = self.reader.searcher();
        let parsed = query::parse(&req.q);

        let vocab = if req.cross_lingual && !parsed.is_empty() {
            self.vocabulary()
        } else {
            None
        };
        let expansion = vocab
            .as_deref()
            .and_then(|v| self.expand(v, &req.q, req.qlang));
        let plan = (!parsed.is_empty()).then(|| {
            let alternatives = expansion.as_ref().map_or(&[][..], |e| &e.alternatives[..]);
            Planner::new(&searcher, &self.fields, &self.ranking)
                .filtered_to(&filtered_langs(req))
                .plan(&parsed, alternatives)
        });
        let near = match &plan {
            Some(_) => self.near(&searcher, req)?,
            None => Vec::new(),
        };
        let text: Box<dyn Query> = match &plan {
            Some(p) if !near.is_empty() => Box::new(BooleanQuery::new(vec![
                (Occur::Should, p.query.box_clone()),
                // Score 0: the pass ranks by words; meaning is fused in afterwards.
                (
                    Occur::Should,
                    Box::new(NearQuery::new(&searcher, &near, |_| 0.0)),
                ),
            ])),
            Some(p) => p.query.box_clone(),
            None => Box::new(AllQuery),
        };

        let offset = (req.page - 1) * req.per_page;
        let fusing = !near.is_empty() && req.sort == Sort::Relevance;
        let MainPass {
            total,
            addresses,
            facets,
        } = if fusing {
            // Every hit by words up to this page, to place against the hits by meaning.
            let depth = (offset + req.per_page).max(self.ranking.meaning_depth);
            let pass = self.main_pass(&searcher, req, text, depth, 0)?;
            let addresses = self.fuse(&searcher, req, &pass.addresses, &near, offset)?;
            MainPass { addresses, ..pass }
        } else {
            self.main_pass(&searcher, req, text, req.per_page, offset)?
        };
        let near: HashMap<DocAddress, Near> = near.into_iter().map(|n| (n.address, n)).collect();

        let missing = match &plan {
            Some(p) => missing_words(&searcher, p, &addresses)?,
            None => vec![Vec::new(); addresses.len()],
        };
        let relaxed = match &plan {
            Some(p) => self.relaxed(&searcher, req, p, &missing)?,
            None => false,
        };

        let (did_you_mean, corrections) = match &plan {
            Some(p) if !p.typos.is_empty() => {
                // The query's language if known, else the languages filtered to.
                let mut prefer: Vec<Lang> = req.qlang.into_iter().collect();
                prefer.extend(expansion.iter().flat_map(|e| e.query_langs.iter().copied()));
                let filtered = req.filters.get(&crate::schema::Facet::Lang);
                prefer.extend(
                    filtered
                        .into_iter()
                        .flatten()
                        .filter_map(|l| l.parse::<Lang>().ok()),
                );
                self.did_you_mean(&searcher, &req.q, &p.typos, &prefer)?
            }
            _ => (None, Vec::new()),
        };

        let highlight = plan.as_ref().map(|p| highlight_query(&p.highlight));
        let explain = vocab.as_deref().zip(expansion.as_ref());
        let hits = self.hits(
            &searcher,
            highlight.as_deref(),
            &addresses,
            missing,
            explain,
            &near,
        )?;

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
                (Some(e), Some(v)) => expanded_concepts(e, v),
                _ => Vec::new(),
            },
            did_you_mean,
            corrections,
            hits,
            facets,
        })
    }

    /// One pass over the documents matching `text`: facet counts (disjunctive),
    /// and among the documents passing every filter, their count and one page.
    fn main_pass(
        &self,
        searcher: &Searcher,
        req: &SearchRequest,
        text: Box<dyn Query>,
        limit: usize,
        offset: usize,
    ) -> Result<MainPass> {
        let top = TopDocs::with_limit(limit).and_offset(offset);
        let (facets, total, addresses) = match req.sort {
            Sort::Relevance => {
                let counter = FacetCounter::new(
                    &self.facet_sets,
                    self.facet_counting,
                    req,
                    (Count, top.order_by_score()),
                );
                let (facets, (total, hits)) = searcher.search(text.as_ref(), &counter)?;
                let addresses = hits.into_iter().map(|(s, a)| (Some(s), a)).collect();
                (facets, total, addresses)
            }
            Sort::YearDesc | Sort::YearAsc | Sort::AddedDesc => {
                let (field, order) = match req.sort {
                    Sort::YearAsc => ("year", Order::Asc),
                    Sort::AddedDesc => ("added", Order::Desc),
                    _ => ("year", Order::Desc),
                };
                let counter = FacetCounter::new(
                    &self.facet_sets,
                    self.facet_counting,
                    req,
                    (Count, top.order_by_u64_field(field, order)),
                );
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

    /// The documents nearest the query in meaning, when it is asked for and the
    /// index has vectors: at most `meaning_depth`, within `meaning_margin` of the
    /// nearest. Chosen before the filters, so that a document's being a match does
    /// not depend on which filters are set and the facet counts hold when clicked.
    fn near(&self, searcher: &Searcher, req: &SearchRequest) -> Result<Vec<Near>> {
        let Some(encoder) = self.semantic.encoder() else {
            return Ok(Vec::new());
        };
        if !req.semantic || !self.vectors.any(searcher)? {
            return Ok(Vec::new());
        }
        let query = self.query_vector(encoder, &req.q);
        let mut near = self.vectors.nearest(
            searcher,
            &query,
            self.ranking.meaning_depth,
            self.ranking.centring,
        )?;
        if let Some(best) = near.first().map(|n| n.nearness) {
            near.retain(|n| n.nearness >= best - self.ranking.meaning_margin);
        }
        Ok(near)
    }

    /// Forgets the vectors of recent queries, so that the next search by meaning
    /// embeds its query again (for benchmarks of a query's whole cost).
    pub fn forget_query_vectors(&self) {
        if let Ok(mut c) = self.query_vectors.lock() {
            c.clear();
        }
    }

    /// The embedding of a query's text, from the cache of recent queries or made now.
    fn query_vector(&self, encoder: &Encoder, q: &str) -> Arc<[f32]> {
        let cached = self
            .query_vectors
            .lock()
            .ok()
            .and_then(|mut c| c.get(q).cloned());
        if let Some(vector) = cached {
            return vector;
        }
        // Embedded outside the lock: another query need not wait for this one.
        let vector: Arc<[f32]> = encoder.embed(q, Kind::Query).into();
        if let Ok(mut c) = self.query_vectors.lock() {
            c.put(q.to_string(), vector.clone());
        }
        vector
    }

    /// Reciprocal rank fusion of the hits by words (`by_words`, best first, a
    /// document matched by meaning alone scoring 0) and by meaning (`near`, under
    /// the request's filters): each scores `weight / (k + place)` in each list it is
    /// in. Returns the page at `offset`, with the fused scores.
    fn fuse(
        &self,
        searcher: &Searcher,
        req: &SearchRequest,
        by_words: &[(Option<f32>, DocAddress)],
        near: &[Near],
        offset: usize,
    ) -> Result<Vec<(Option<f32>, DocAddress)>> {
        let r = &self.ranking;
        let filtered = self.filtered(
            Box::new(NearQuery::new(searcher, near, |n| n.nearness)),
            req,
        );
        let by_meaning = searcher.search(
            filtered.as_ref(),
            &TopDocs::with_limit(near.len().max(1)).order_by_score(),
        )?;
        let mut fused: HashMap<DocAddress, f32> = HashMap::new();
        let words = by_words
            .iter()
            .filter(|(score, _)| score.is_some_and(|s| s > 0.0))
            .map(|(_, a)| *a);
        for (place, address) in words.enumerate() {
            *fused.entry(address).or_default() +=
                r.words_weight / (r.fusion_k + place as f32 + 1.0);
        }
        for (place, (_, address)) in by_meaning.iter().enumerate() {
            *fused.entry(*address).or_default() +=
                r.meaning_weight / (r.fusion_k + place as f32 + 1.0);
        }
        let mut ranked: Vec<(DocAddress, f32)> = fused.into_iter().collect();
        ranked.sort_by(|a, b| {
            b.1.total_cmp(&a.1)
                .then((a.0.segment_ord, a.0.doc_id).cmp(&(b.0.segment_ord, b.0.doc_id)))
        });
        Ok(ranked
            .into_iter()
            .skip(offset)
            .take(req.per_page)
            .map(|(a, s)| (Some(s), a))
            .collect())
    }

    /// Whether no document passing the filters has every wanted word. When the first
    /// hit of a relevance-ordered first page has them all, the answer is no;
    /// otherwise one count of the conjunction decides.
    fn relaxed(
        &self,
        searcher: &Searcher,
        req: &SearchRequest,
        plan: &Plan,
        missing: &[Vec<String>],
    ) -> Result<bool> {
        if plan.words.len() < 2 {
            return Ok(plan.words.len() == 1 && missing.first().is_some_and(|m| !m.is_empty()));
        }
        if req.sort == Sort::Relevance
            && req.page == 1
            && missing.first().is_some_and(|m| m.is_empty())
        {
            return Ok(false);
        }
        let mut all: Vec<(Occur, Box<dyn Query>)> = plan
            .words
            .iter()
            .map(|w| (Occur::Must, w.query.box_clone()))
            .collect();
        all.extend(
            plan.excluded
                .iter()
                .map(|q| (Occur::MustNot, q.box_clone())),
        );
        let every = self.filtered(Box::new(BooleanQuery::new(all)), req);
        Ok(searcher.search(every.as_ref(), &Count)? == 0)
    }

    /// `text` restricted by the request's facet filters and year range.
    fn filtered(&self, text: Box<dyn Query>, req: &SearchRequest) -> Box<dyn Query> {
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
                Some(y) => std::ops::Bound::Included(Term::from_field_u64(self.fields.year, y)),
                None => std::ops::Bound::Unbounded,
            };
            clauses.push((
                Occur::Must,
                Box::new(RangeQuery::new(bound(req.year_from), bound(req.year_to))),
            ));
        }
        Box::new(BooleanQuery::new(clauses))
    }
}

/// For each hit, the wanted words it does not contain (in any of their forms).
fn missing_words(
    searcher: &Searcher,
    plan: &Plan,
    addresses: &[(Option<f32>, DocAddress)],
) -> Result<Vec<Vec<String>>> {
    let scoring = EnableScoring::disabled_from_searcher(searcher);
    let mut order: Vec<usize> = (0..addresses.len()).collect();
    order.sort_by_key(|&i| (addresses[i].1.segment_ord, addresses[i].1.doc_id));
    // Per word, per hit: whether the hit holds it.
    let mut held: Vec<Vec<bool>> = Vec::with_capacity(plan.words.len());
    for word in &plan.words {
        let mut found = vec![false; addresses.len()];
        let mut ways = Vec::new();
        alternatives(word.query.as_ref(), &mut ways);
        for way in ways {
            mark_matches(
                searcher,
                &*way.weight(scoring)?,
                addresses,
                &order,
                &mut found,
            )?;
        }
        held.push(found);
    }
    Ok((0..addresses.len())
        .map(|i| {
            let mut missing: Vec<String> = Vec::new();
            for (word, found) in plan.words.iter().zip(&held) {
                if !found[i] && !missing.contains(&word.text) {
                    missing.push(word.text.clone());
                }
            }
            missing
        })
        .collect())
}

/// Marks in `found` the page's documents that `weight` matches and that are not
/// marked yet: one scorer per segment, walked forward over the documents in
/// `order` (by segment, then document), rather than one per hit.
fn mark_matches(
    searcher: &Searcher,
    weight: &dyn Weight,
    addresses: &[(Option<f32>, DocAddress)],
    order: &[usize],
    found: &mut [bool],
) -> tantivy::Result<()> {
    let mut current: Option<(u32, Box<dyn Scorer>)> = None;
    for &i in order {
        let address = addresses[i].1;
        if found[i] {
            continue;
        }
        if current
            .as_ref()
            .is_none_or(|(seg, _)| *seg != address.segment_ord)
        {
            let segment = searcher.segment_reader(address.segment_ord);
            current = Some((address.segment_ord, weight.scorer(segment, 1.0)?));
        }
        if let Some((_, scorer)) = current.as_mut() {
            found[i] = reaches(scorer.as_mut(), address.doc_id);
        }
    }
    Ok(())
}

/// Whether `scorer` matches `doc`, moving it forward only: a new scorer stands
/// on its first match, and one already past `doc` does not match it.
fn reaches(scorer: &mut dyn Scorer, doc: DocId) -> bool {
    let at = if scorer.doc() < doc {
        scorer.seek(doc)
    } else {
        scorer.doc()
    };
    at == doc
}

/// The ways a document can match `query`: the clauses of a boolean query whose
/// clauses are all optional (a word in each language's title and body, a phrase,
/// the forms compounds gave it), taken apart recursively; any other query whole.
/// A document matches the query exactly when it matches one of them. Checked
/// one by one, they skip to the page's documents; the whole would be tantivy's
/// buffered union, which on each seek beyond its window computes every match in
/// the next 4,096 documents: for a phrase of common words, about a quarter of
/// a search's time went there.
fn alternatives<'q>(query: &'q dyn Query, out: &mut Vec<&'q dyn Query>) {
    match query.downcast_ref::<BooleanQuery>() {
        Some(any)
            if !any.clauses().is_empty()
                && any.get_minimum_number_should_match() <= 1
                && any
                    .clauses()
                    .iter()
                    .all(|(occur, _)| *occur == Occur::Should) =>
        {
            for (_, clause) in any.clauses() {
                alternatives(clause.as_ref(), out);
            }
        }
        _ => out.push(query),
    }
}

/// A query holding exactly the terms to highlight.
fn highlight_query(terms: &[Term]) -> Box<dyn Query> {
    let any: Vec<(Occur, Box<dyn Query>)> = terms
        .iter()
        .map(|t| {
            let q: Box<dyn Query> =
                Box::new(TermQuery::new(t.clone(), IndexRecordOption::WithFreqs));
            (Occur::Should, q)
        })
        .collect();
    Box::new(BooleanQuery::new(any))
}

fn expanded_concepts(e: &Expansion, v: &Vocabulary) -> Vec<ExpandedConcept> {
    e.concepts
        .iter()
        .map(|(c, l, t)| ExpandedConcept {
            concept: v.concepts[*c].id.clone(),
            query_term: v.concepts[*c].terms[l][*t].clone(),
            lang: l.code().to_string(),
        })
        .collect()
}

/// The languages a search is filtered to (none: all).
fn filtered_langs(req: &SearchRequest) -> Vec<Lang> {
    req.filters
        .get(&crate::schema::Facet::Lang)
        .into_iter()
        .flatten()
        .filter_map(|l| l.parse::<Lang>().ok())
        .collect()
}

fn vocabulary_stamp(index_dir: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(index_dir.join(crate::vocabulary::FILE))
        .and_then(|m| m.modified())
        .ok()
}
