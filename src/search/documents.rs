//! Reading stored documents: one by id, every id, the whole-index facet counts and
//! "more like this" by shared concepts and topics.

use tantivy::collector::{Count, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{TantivyDocument, Term};

use super::facets::FacetCounter;
use super::{Card, DocumentView, Engine, Facets, Related, SearchRequest, Summary};
use crate::document::Section;
use crate::index::{stored_text, stored_texts};
use crate::lang::Lang;
use crate::schema::Facet;
use crate::{Error, Result};

impl Engine {
    /// Facet counts over the whole index.
    pub fn facets(&self) -> Result<Facets> {
        let searcher = self.reader.searcher();
        let counter = FacetCounter::new(
            &self.facet_sets,
            self.facet_counting,
            &SearchRequest::default(),
            Count,
        );
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
        if let Some(by_meaning) = self.related_by_meaning(&doc, limit)? {
            return Ok(by_meaning);
        }
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
            out.push(self.related_one(&searcher, doc.concepts.as_slice(), address, None)?);
        }
        Ok(out)
    }

    /// One related document: its summary and the concepts it shares with `concepts`.
    fn related_one(
        &self,
        searcher: &tantivy::Searcher,
        concepts: &[String],
        address: tantivy::DocAddress,
        similarity: Option<f32>,
    ) -> Result<Related> {
        let other: TantivyDocument = searcher.doc(address)?;
        let view = self.view(&other, false);
        let shared = view
            .concepts
            .iter()
            .filter(|c| concepts.contains(c))
            .cloned()
            .collect();
        Ok(Related {
            summary: view.card.summary,
            shared,
            similarity,
        })
    }

    /// Related material by meaning, in any language: the documents whose best
    /// passage is nearest the mean of this one's passages. `None` when there is no
    /// model or this document has no vectors (then shared concepts decide).
    fn related_by_meaning(&self, doc: &DocumentView, limit: usize) -> Result<Option<Vec<Related>>> {
        if self.semantic.encoder().is_none() {
            return Ok(None);
        }
        let searcher = self.reader.searcher();
        let by_id = TermQuery::new(
            Term::from_field_text(self.fields.id, &doc.id),
            IndexRecordOption::Basic,
        );
        let Some((_, address)) = searcher
            .search(&by_id, &TopDocs::with_limit(1).order_by_score())?
            .into_iter()
            .next()
        else {
            return Ok(None);
        };
        let Some(centroid) = self.vectors.centroid(&searcher, address)? else {
            return Ok(None);
        };
        let mut out = Vec::with_capacity(limit);
        for near in self
            .vectors
            .nearest(&searcher, &centroid, limit + 1, self.ranking.centring)?
        {
            if near.address == address || out.len() == limit {
                continue;
            }
            out.push(self.related_one(
                &searcher,
                &doc.concepts,
                near.address,
                Some(near.similarity),
            )?);
        }
        Ok(Some(out))
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
                        .map_err(|e| Error::Tantivy(e.into()))?;
                    ids.push(buf.clone());
                }
            }
        }
        ids.sort();
        Ok(ids)
    }

    pub(super) fn stored_lang(&self, doc: &TantivyDocument) -> Lang {
        stored_text(doc, self.fields.facet(Facet::Lang))
            .and_then(|l| l.parse().ok())
            .unwrap_or(Lang::Und)
    }

    pub(super) fn stored_sections(&self, doc: &TantivyDocument) -> Vec<Section> {
        stored_text(doc, self.fields.sections)
            .and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or_default()
    }

    pub(super) fn view(&self, doc: &TantivyDocument, with_text: bool) -> DocumentView {
        let f = &self.fields;
        let lang = self.stored_lang(doc);
        DocumentView {
            card: Card {
                summary: Summary {
                    id: stored_text(doc, f.id).unwrap_or_default(),
                    title: stored_text(doc, f.title).unwrap_or_default(),
                    doc_type: stored_text(doc, f.facet(Facet::Type)).unwrap_or_default(),
                    lang: lang.code().to_string(),
                },
                lang_confidence: doc
                    .get_first(f.lang_confidence)
                    .and_then(|v| v.as_f64())
                    .unwrap_or(0.0),
                country: stored_texts(doc, f.facet(Facet::Country)),
                organisation: stored_texts(doc, f.facet(Facet::Org)),
                topics: stored_texts(doc, f.facet(Facet::Topic)),
                audience: stored_texts(doc, f.facet(Facet::Audience)),
                module: stored_text(doc, f.facet(Facet::Module)),
                year: doc.get_first(f.year).and_then(|v| v.as_u64()),
                added: doc.get_first(f.added).and_then(|v| v.as_u64()),
                format: stored_text(doc, f.format).unwrap_or_default(),
            },
            description: stored_text(doc, f.description),
            languages: stored_texts(doc, f.languages),
            source_url: stored_text(doc, f.source_url),
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
}
