//! A query wrapper that adds a fixed bonus to the score of every document its
//! inner query matches. One wrapper per query word makes the score of a free-text
//! query "Σ bonus of the words matched + BM25", in a single pass and without
//! requiring any word. With a bonus larger than any BM25 sum this is Meilisearch's
//! `words` rule (every word first, then one missing, …); the planner uses a softer
//! bonus, scaled by each word's rarity, which the relevance benchmark preferred.

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
        // Callers may probe a target the inner scorer has already passed; phrase
        // scorers forbid that, so answer it here as the default implementation does.
        let doc = self.inner.doc();
        if doc >= target {
            return if doc == target {
                SeekDangerResult::Found
            } else {
                SeekDangerResult::SeekLowerBound(doc)
            };
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::query::PhraseQuery;
    use tantivy::schema::{Schema, TEXT};
    use tantivy::{Index, doc};

    #[test]
    fn a_backward_probe_answers_without_moving_a_phrase_scorer() {
        let mut schema = Schema::builder();
        let body = schema.add_text_field("body", TEXT);
        let index = Index::create_in_ram(schema.build());
        let mut writer: tantivy::IndexWriter = index.writer(15_000_000).unwrap();
        for text in ["a b", "b a", "x", "x", "a b c", "c"] {
            writer.add_document(doc!(body => text)).unwrap();
        }
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let phrase = PhraseQuery::new(vec![
            Term::from_field_text(body, "a"),
            Term::from_field_text(body, "b"),
        ]);
        let query = Coordinated::new(Box::new(phrase), 10.0);
        let weight = query
            .weight(EnableScoring::enabled_from_searcher(&searcher))
            .unwrap();
        let mut scorer = weight.scorer(searcher.segment_reader(0), 1.0).unwrap();
        assert_eq!(scorer.doc(), 0);
        assert_eq!(scorer.advance(), 4, "\"b a\" is not the phrase");
        // A caller probing a document already passed gets the lower bound back.
        assert_eq!(scorer.seek_danger(2), SeekDangerResult::SeekLowerBound(4));
        assert_eq!(scorer.seek_danger(4), SeekDangerResult::Found);
        assert!(
            scorer.score() > 10.0,
            "the bonus is added to the phrase's score"
        );
    }
}
