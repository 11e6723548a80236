//! Retrieval by meaning: the passages' vectors of every segment, read from the
//! index when a searcher is warmed ([`VectorStore`], a [`tantivy::Warmer`] like
//! the facet sets), and an exact scan for the documents nearest a query's vector
//! (each document counts with its best passage). [`NearQuery`] turns that list
//! back into a tantivy query, so the filters, the facet counts and the count see
//! documents matched by meaning exactly as they see documents matched by words.
//!
//! Exact search reads every passage vector of the index for every query: 384
//! multiply-adds each on vectors held as stored, in half precision (half the
//! memory, and the same values the index holds); BENCHMARKS.md, "Scale", has what
//! the scan costs per passage on this machine, and so how far it stays fast.

use std::collections::HashMap;
use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, RwLock};

use half::f16;
use tantivy::index::SegmentId;
use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{
    DocAddress, DocId, DocSet, Score, Searcher, SearcherGeneration, SegmentReader, TERMINATED,
    Warmer,
};

use crate::embed::passages::Span;
use crate::embed::vectors;
use crate::lang::Lang;
use crate::schema::Facet;

/// Passages' worth of weight the mean of all passages has in a language's mean.
const CENTERING_PRIOR: f32 = 50.0;

/// One segment's passages: their vectors side by side, the document of each,
/// where each lies in its document's text and its document's language; and per
/// language the sum of its passages' vectors and their number.
struct SegmentVectors {
    vectors: Vec<f16>,
    docs: Vec<DocId>,
    spans: Vec<Span>,
    langs: Vec<u8>,
    sums: Vec<(Vec<f32>, usize)>,
}

/// The passage vectors of every segment a live searcher holds. Empty, and not
/// read when searchers are warmed, until [`VectorStore::enable`].
#[derive(Default)]
pub struct VectorStore {
    /// The vectors' width; 0 while disabled.
    dim: AtomicUsize,
    segments: RwLock<HashMap<SegmentId, Arc<SegmentVectors>>>,
}

/// A document near the query, with its best passage.
#[derive(Clone, Copy, Debug)]
pub struct Near {
    /// The document.
    pub address: DocAddress,
    /// The cosine of its best passage with the query.
    pub similarity: f32,
    /// What it is ranked by: the cosine, less its language's offset when centred.
    pub nearness: f32,
    /// That passage.
    pub passage: Span,
    /// The passage's number among the document's passages (0-based).
    pub passage_index: usize,
}

impl VectorStore {
    /// Reads vectors of `dim` floats from here on.
    pub fn enable(&self, dim: usize) {
        self.dim.store(dim, Ordering::Relaxed);
    }

    fn dim(&self) -> usize {
        self.dim.load(Ordering::Relaxed)
    }

    fn of(&self, segment: &SegmentReader) -> tantivy::Result<Arc<SegmentVectors>> {
        let id = segment.segment_id();
        if let Some(found) = self.segments.read().ok().and_then(|m| m.get(&id).cloned()) {
            return Ok(found);
        }
        let built = Arc::new(self.read(segment)?);
        if let Ok(mut m) = self.segments.write() {
            m.insert(id, built.clone());
        }
        Ok(built)
    }

    /// Reads a segment's passages (deleted documents too: a segment's deletes
    /// change without a new segment, so they are checked at query time).
    fn read(&self, segment: &SegmentReader) -> tantivy::Result<SegmentVectors> {
        let dim = self.dim();
        let mut out = SegmentVectors {
            vectors: Vec::new(),
            docs: Vec::new(),
            spans: Vec::new(),
            langs: Vec::new(),
            sums: vec![(vec![0.0; dim], 0); Lang::ALL.len()],
        };
        if dim == 0 {
            return Ok(out);
        }
        let Some(column) = segment.fast_fields().bytes(crate::schema::PASSAGES)? else {
            return Ok(out);
        };
        let lang_column = segment.fast_fields().str(Facet::Lang.name())?;
        let mut blob = Vec::new();
        let mut code = String::new();
        for doc in 0..segment.max_doc() {
            let Some(ord) = column.term_ords(doc).next() else {
                continue;
            };
            blob.clear();
            column.ord_to_bytes(ord, &mut blob)?;
            let before = out.vectors.len();
            if let Some(spans) = vectors::decode(&blob, dim, &mut out.vectors) {
                code.clear();
                if let Some(c) = &lang_column
                    && let Some(o) = c.term_ords(doc).next()
                {
                    c.ord_to_str(o, &mut code)?;
                }
                let lang = code.parse::<Lang>().unwrap_or(Lang::Und) as usize;
                let (sum, n) = &mut out.sums[lang];
                for row in out.vectors[before..].chunks_exact(dim) {
                    for (s, v) in sum.iter_mut().zip(row) {
                        *s += v.to_f32();
                    }
                }
                *n += spans.len();
                out.docs.extend(std::iter::repeat_n(doc, spans.len()));
                out.langs
                    .extend(std::iter::repeat_n(lang as u8, spans.len()));
                out.spans.extend(spans);
            }
        }
        Ok(out)
    }

    /// Whether any segment of the searcher holds vectors.
    pub fn any(&self, searcher: &Searcher) -> tantivy::Result<bool> {
        for segment in searcher.segment_readers() {
            if !self.of(segment)?.docs.is_empty() {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// How much nearer the query each language's passages are as a whole: the
    /// query's dot product with the mean of the language's passages, drawn
    /// towards the mean of all passages by [`CENTERING_PRIOR`] passages so a
    /// language with a handful of passages is not judged by them alone.
    fn language_offsets(&self, searcher: &Searcher, query: &[f32]) -> tantivy::Result<Vec<f32>> {
        let dim = self.dim();
        let mut sums = vec![(vec![0.0f32; dim], 0usize); Lang::ALL.len()];
        for segment in searcher.segment_readers() {
            let seg = self.of(segment)?;
            for ((sum, n), (s, m)) in sums.iter_mut().zip(&seg.sums) {
                for (a, b) in sum.iter_mut().zip(s) {
                    *a += b;
                }
                *n += m;
            }
        }
        let total: usize = sums.iter().map(|(_, n)| n).sum();
        if total == 0 {
            return Ok(vec![0.0; Lang::ALL.len()]);
        }
        let mut all = vec![0.0f32; dim];
        for (sum, _) in &sums {
            for (a, b) in all.iter_mut().zip(sum) {
                *a += b;
            }
        }
        let global = crate::embed::cosine(query, &all) / total as f32;
        Ok(sums
            .iter()
            .map(|(sum, n)| {
                (crate::embed::cosine(query, sum) + CENTERING_PRIOR * global)
                    / (*n as f32 + CENTERING_PRIOR)
            })
            .collect())
    }

    /// The `k` live documents whose best passage is nearest `query`, nearest first.
    /// With `centred`, a passage's nearness is its cosine less its language's
    /// offset ([`VectorStore::language_offsets`]): the model puts texts of one
    /// language close together, which would otherwise favour the query's own.
    pub fn nearest(
        &self,
        searcher: &Searcher,
        query: &[f32],
        k: usize,
        centred: bool,
    ) -> tantivy::Result<Vec<Near>> {
        let dim = self.dim();
        let mut found: Vec<Near> = Vec::new();
        if dim == 0 {
            return Ok(found);
        }
        let offsets = if centred {
            self.language_offsets(searcher, query)?
        } else {
            vec![0.0; Lang::ALL.len()]
        };
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            let seg = self.of(segment)?;
            let alive = segment.alive_bitset();
            let mut best: Option<Near> = None;
            let flush = |best: &mut Option<Near>, found: &mut Vec<Near>| {
                if let Some(b) = best.take() {
                    found.push(b);
                }
            };
            let mut run_start = 0;
            for (i, (doc, row)) in seg
                .docs
                .iter()
                .zip(seg.vectors.chunks_exact(dim))
                .enumerate()
            {
                if i > 0 && seg.docs[i - 1] != *doc {
                    run_start = i;
                }
                if alive.is_some_and(|a| !a.is_alive(*doc)) {
                    continue;
                }
                if best.is_some_and(|b| b.address.doc_id != *doc) {
                    flush(&mut best, &mut found);
                }
                let similarity = vectors::dot_half(query, row);
                let nearness = similarity - offsets[seg.langs[i] as usize];
                if best.is_none_or(|b| nearness > b.nearness) {
                    best = Some(Near {
                        address: DocAddress::new(ord as u32, *doc),
                        similarity,
                        nearness,
                        passage: seg.spans[i],
                        passage_index: i - run_start,
                    });
                }
            }
            flush(&mut best, &mut found);
        }
        // Nearest first; ties in the index's order. Only the first `k` are sorted.
        let order = |a: &Near, b: &Near| {
            b.nearness.total_cmp(&a.nearness).then(
                (a.address.segment_ord, a.address.doc_id)
                    .cmp(&(b.address.segment_ord, b.address.doc_id)),
            )
        };
        if k == 0 {
            found.clear();
        } else if found.len() > k {
            found.select_nth_unstable_by(k - 1, order);
            found.truncate(k);
        }
        found.sort_by(order);
        Ok(found)
    }

    /// The mean of each live document's passage vectors, normalised: what a
    /// document is about as a whole, for related material.
    pub fn centroid(
        &self,
        searcher: &Searcher,
        address: DocAddress,
    ) -> tantivy::Result<Option<Vec<f32>>> {
        let dim = self.dim();
        if dim == 0 {
            return Ok(None);
        }
        let seg = self.of(searcher.segment_reader(address.segment_ord))?;
        let mut sum = vec![0.0f32; dim];
        let mut any = false;
        for (doc, row) in seg.docs.iter().zip(seg.vectors.chunks_exact(dim)) {
            if *doc == address.doc_id {
                any = true;
                for (s, v) in sum.iter_mut().zip(row) {
                    *s += v.to_f32();
                }
            }
        }
        if !any {
            return Ok(None);
        }
        let norm = sum.iter().map(|v| v * v).sum::<f32>().max(1e-12).sqrt();
        Ok(Some(sum.into_iter().map(|v| v / norm).collect()))
    }
}

impl Warmer for VectorStore {
    fn warm(&self, searcher: &Searcher) -> tantivy::Result<()> {
        if self.dim() == 0 {
            return Ok(());
        }
        for segment in searcher.segment_readers() {
            self.of(segment)?;
        }
        Ok(())
    }

    fn garbage_collect(&self, live: &[&SearcherGeneration]) {
        if let Ok(mut m) = self.segments.write() {
            m.retain(|id, _| live.iter().any(|g| g.segments().contains_key(id)));
        }
    }
}

/// Matches exactly the given documents, each with its given score.
#[derive(Clone)]
pub struct NearQuery {
    by_segment: Arc<HashMap<SegmentId, Vec<(DocId, Score)>>>,
}

impl NearQuery {
    /// The documents of `near`, scored by `score` (their place in a fusion, or 0).
    pub fn new(searcher: &Searcher, near: &[Near], score: impl Fn(&Near) -> Score) -> NearQuery {
        let mut by_segment: HashMap<SegmentId, Vec<(DocId, Score)>> = HashMap::new();
        for n in near {
            let id = searcher.segment_reader(n.address.segment_ord).segment_id();
            by_segment
                .entry(id)
                .or_default()
                .push((n.address.doc_id, score(n)));
        }
        for docs in by_segment.values_mut() {
            docs.sort_by_key(|(d, _)| *d);
        }
        NearQuery {
            by_segment: Arc::new(by_segment),
        }
    }
}

impl fmt::Debug for NearQuery {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let n: usize = self.by_segment.values().map(Vec::len).sum();
        write!(f, "NearQuery({n} documents)")
    }
}

impl Query for NearQuery {
    fn weight(&self, _: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(self.clone()))
    }
}

impl Weight for NearQuery {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let docs = self
            .by_segment
            .get(&reader.segment_id())
            .cloned()
            .unwrap_or_default();
        Ok(Box::new(NearScorer { docs, at: 0, boost }))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let score = self
            .by_segment
            .get(&reader.segment_id())
            .and_then(|d| d.iter().find(|(x, _)| *x == doc))
            .map(|(_, s)| *s)
            .ok_or_else(|| tantivy::TantivyError::InvalidArgument(format!("{doc} is not near")))?;
        Ok(Explanation::new("near the query's meaning", score))
    }
}

struct NearScorer {
    docs: Vec<(DocId, Score)>,
    at: usize,
    boost: Score,
}

impl DocSet for NearScorer {
    fn advance(&mut self) -> DocId {
        self.at += 1;
        self.doc()
    }

    fn doc(&self) -> DocId {
        self.docs.get(self.at).map_or(TERMINATED, |(d, _)| *d)
    }

    fn size_hint(&self) -> u32 {
        (self.docs.len() - self.at.min(self.docs.len())) as u32
    }
}

impl Scorer for NearScorer {
    fn score(&mut self) -> Score {
        self.docs.get(self.at).map_or(0.0, |(_, s)| *s * self.boost)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::embed::vectors::{Passage, encode};
    use tantivy::{Index, TantivyDocument};

    fn unit(v: [f32; 3]) -> Vec<f32> {
        let n = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        v.iter().map(|x| x / n).collect()
    }

    /// An index of documents with one passage each: `(language, vector)`.
    fn index(docs: &[(&str, [f32; 3])]) -> (Index, Searcher) {
        let schema = crate::schema::build();
        let fields = crate::schema::fields(&schema).unwrap();
        let index = Index::create_in_ram(schema);
        crate::analysis::register(&index);
        let mut writer: tantivy::IndexWriter = index.writer(15_000_000).unwrap();
        for (lang, v) in docs {
            let mut d = TantivyDocument::default();
            d.add_text(fields.facet(Facet::Lang), lang);
            let passage = Passage {
                span: Span {
                    start: 0,
                    end: 1,
                    section: None,
                },
                vector: unit(*v),
            };
            d.add_bytes(fields.passages, &encode(&[passage]));
            writer.add_document(d).unwrap();
        }
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        (index, searcher)
    }

    #[test]
    fn centring_takes_out_the_pull_of_the_querys_own_language() {
        // Axes: English, the topic, Latvian. Sixty English texts a little on the
        // topic, sixty Latvian texts off it, and one Latvian text on it (the last).
        let mut docs: Vec<(&str, [f32; 3])> = vec![("en", [1.0, 0.1, 0.0]); 60];
        docs.extend(vec![("lv", [0.0, 0.0, 1.0]); 60]);
        docs.push(("lv", [0.0, 0.8, 0.6]));
        let (_index, searcher) = index(&docs);
        let store = VectorStore::default();
        store.enable(3);
        let query = unit([0.6, 0.8, 0.0]);
        let topic = 120;
        let plain = store.nearest(&searcher, &query, 200, false).unwrap();
        assert_ne!(
            plain[0].address.doc_id, topic,
            "the raw cosine favours English"
        );
        let centred = store.nearest(&searcher, &query, 200, true).unwrap();
        assert_eq!(centred.len(), docs.len());
        assert_eq!(centred[0].address.doc_id, topic);
        // The cosine shown stays the cosine.
        let raw = crate::embed::cosine(&query, &unit([0.0, 0.8, 0.6]));
        assert!((centred[0].similarity - raw).abs() < 1e-3);
    }

    #[test]
    fn deleted_documents_are_not_near() {
        let (index, _) = index(&[("en", [1.0, 0.0, 0.0]), ("en", [0.0, 1.0, 0.0])]);
        let fields = crate::schema::fields(&index.schema()).unwrap();
        let mut writer: tantivy::IndexWriter = index.writer(15_000_000).unwrap();
        writer.delete_term(tantivy::Term::from_field_text(
            fields.facet(Facet::Lang),
            "en",
        ));
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let store = VectorStore::default();
        store.enable(3);
        assert!(
            store
                .nearest(&searcher, &unit([1.0, 0.0, 0.0]), 5, true)
                .unwrap()
                .is_empty()
        );
    }
}
