//! A query wrapper that adds a fixed bonus to the score of every document its
//! inner query matches. One wrapper per query word makes the score of a free-text
//! query "words matched × bonus + BM25": with a bonus larger than any BM25 sum, the
//! documents that have every word come first, then those missing one, and so on,
//! with BM25 ordering each group (Meilisearch's `words` rule, Typesense's token
//! dropping), in a single pass and without requiring any word.

use std::fmt;

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SeekDangerResult, SegmentReader, Term};

/// `inner`'s matches, each scored `inner's score + bonus`.
pub struct Coordinated {
    inner: Box<dyn Query>,
    bonus: Score,
}

impl Coordinated {
    /// Wraps `inner`.
    pub fn new(inner: Box<dyn Query>, bonus: Score) -> Coordinated {
        Coordinated { inner, bonus }
    }
}

impl Clone for Coordinated {
    fn clone(&self) -> Self {
        Coordinated {
            inner: self.inner.box_clone(),
            bonus: self.bonus,
        }
    }
}

impl fmt::Debug for Coordinated {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "Coordinated({:?}, +{})", self.inner, self.bonus)
    }
}

impl Query for Coordinated {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let inner = self.inner.weight(enable_scoring)?;
        if !enable_scoring.is_scoring_enabled() {
            return Ok(inner);
        }
        Ok(Box::new(CoordinatedWeight {
            inner,
            bonus: self.bonus,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.inner.query_terms(visitor)
    }
}

struct CoordinatedWeight {
    inner: Box<dyn Weight>,
    bonus: Score,
}

impl Weight for CoordinatedWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(Box::new(CoordinatedScorer {
            inner: self.inner.scorer(reader, boost)?,
            bonus: self.bonus * boost,
        }))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let inner = self.inner.explain(reader, doc)?;
        let mut explanation = Explanation::new_with_string(
            format!("word matched: +{}", self.bonus),
            inner.value() + self.bonus,
        );
        explanation.add_detail(inner);
        Ok(explanation)
    }

    fn count(&self, reader: &SegmentReader) -> tantivy::Result<u32> {
        self.inner.count(reader)
    }
}

struct CoordinatedScorer {
    inner: Box<dyn Scorer>,
    bonus: Score,
}

impl DocSet for CoordinatedScorer {
    fn advance(&mut self) -> DocId {
        self.inner.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.inner.seek(target)
    }

    fn seek_danger(&mut self, target: DocId) -> SeekDangerResult {
        self.inner.seek_danger(target)
    }

    fn doc(&self) -> DocId {
        self.inner.doc()
    }

    fn size_hint(&self) -> u32 {
        self.inner.size_hint()
    }

    fn cost(&self) -> u64 {
        self.inner.cost()
    }
}

impl Scorer for CoordinatedScorer {
    fn score(&mut self) -> Score {
        self.inner.score() + self.bonus
    }
}
