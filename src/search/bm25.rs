//! BM25 for one term with chosen `k1` and `b` and per-language field statistics.
//! tantivy's term query fixes k1 = 1.2 and b = 0.75 and averages a field's length
//! over *every* document of the index; here each language's fields hold only that
//! language's documents, so the average is taken over those (the documents whose
//! `lang` facet is the field's language), as Lucene takes it over the documents
//! that have the field. The relevance benchmark chose `k1` and `b`.

use std::fmt;

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Score, SegmentReader, Term};

/// Documents holding `term`, scored by BM25 with `k1` and `b`.
#[derive(Clone)]
pub struct Bm25Term {
    term: Term,
    /// The `lang` facet term of the field's language: its document frequency is the
    /// number of documents the field's length is averaged over.
    lang_docs: Term,
    k1: Score,
    b: Score,
}

impl Bm25Term {
    /// A term query over `term`'s field, whose documents are those with `lang_docs`.
    pub fn new(term: Term, lang_docs: Term, k1: Score, b: Score) -> Bm25Term {
        Bm25Term {
            term,
            lang_docs,
            k1,
            b,
        }
    }
}

impl fmt::Debug for Bm25Term {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "Bm25Term({:?}, k1={}, b={})", self.term, self.k1, self.b)
    }
}

impl Query for Bm25Term {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let (idf, average) = match enable_scoring {
            EnableScoring::Enabled {
                statistics_provider: stats,
                ..
            } => {
                let n = stats.total_num_docs()? as Score;
                let df = stats.doc_freq(&self.term)? as Score;
                let docs = stats.doc_freq(&self.lang_docs)?.max(1) as Score;
                let tokens = stats.total_num_tokens(self.term.field())? as Score;
                let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
                (idf, (tokens / docs).max(1.0))
            }
            EnableScoring::Disabled { .. } => (1.0, 1.0),
        };
        // The length part of the denominator for each of the 256 encoded lengths.
        let norms: Vec<Score> = (0..=255u8)
            .map(|id| {
                let len = FieldNormReader::id_to_fieldnorm(id) as Score;
                self.k1 * (1.0 - self.b + self.b * len / average)
            })
            .collect();
        Ok(Box::new(Bm25TermWeight {
            term: self.term.clone(),
            idf,
            k1: self.k1,
            norms,
            scoring: enable_scoring.is_scoring_enabled(),
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        visitor(&self.term, false)
    }
}

struct Bm25TermWeight {
    term: Term,
    idf: Score,
    k1: Score,
    norms: Vec<Score>,
    scoring: bool,
}

impl Bm25TermWeight {
    fn postings(&self, reader: &SegmentReader) -> tantivy::Result<Option<SegmentPostings>> {
        let option = if self.scoring {
            IndexRecordOption::WithFreqs
        } else {
            IndexRecordOption::Basic
        };
        Ok(reader
            .inverted_index(self.term.field())?
            .read_postings(&self.term, option)?)
    }
}

impl Weight for Bm25TermWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let Some(postings) = self.postings(reader)? else {
            return Ok(Box::new(EmptyScorer));
        };
        let fieldnorms = reader.get_fieldnorms_reader(self.term.field())?;
        Ok(Box::new(Bm25TermScorer {
            postings,
            fieldnorms,
            weight: self.idf * (1.0 + self.k1) * boost,
            norms: self.norms.clone(),
        }))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.doc() < doc {
            scorer.seek(doc);
        }
        if scorer.doc() != doc {
            return Err(tantivy::TantivyError::InvalidArgument(format!(
                "document {doc} does not match {:?}",
                self.term
            )));
        }
        Ok(Explanation::new_with_string(
            format!("BM25 (k1 {}) of {:?}", self.k1, self.term),
            scorer.score(),
        ))
    }

    fn count(&self, reader: &SegmentReader) -> tantivy::Result<u32> {
        Ok(match self.postings(reader)? {
            Some(postings) => match reader.alive_bitset() {
                Some(alive) => {
                    let mut postings = postings;
                    postings.count(alive)
                }
                None => postings.doc_freq(),
            },
            None => 0,
        })
    }
}

struct Bm25TermScorer {
    postings: SegmentPostings,
    fieldnorms: FieldNormReader,
    /// idf × (k1 + 1) × boost.
    weight: Score,
    norms: Vec<Score>,
}

impl DocSet for Bm25TermScorer {
    fn advance(&mut self) -> DocId {
        self.postings.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.postings.seek(target)
    }

    fn doc(&self) -> DocId {
        self.postings.doc()
    }

    fn size_hint(&self) -> u32 {
        self.postings.size_hint()
    }
}

impl Scorer for Bm25TermScorer {
    fn score(&mut self) -> Score {
        let tf = self.postings.term_freq() as Score;
        let norm = self.norms[self.fieldnorms.fieldnorm_id(self.postings.doc()) as usize];
        self.weight * tf / (tf + norm)
    }
}
