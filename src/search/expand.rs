//! Cross-lingual expansion: vocabulary concepts recognised in the query become
//! alternatives for the query words they cover, made of the concept's terms in
//! every language, so a page that names the concept in its own language counts as
//! having those words; and, per hit, which foreign term made it match.

use std::ops::Range;

use tantivy::query::{
    BooleanQuery, BoostQuery, EnableScoring, Occur, PhraseQuery, Query, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, Searcher, Term};

use super::{CrossMatch, Engine, MatchedVia};
use crate::analysis;
use crate::lang::Lang;
use crate::vocabulary::{Match, Vocabulary};

/// Weight of a concept's BM25 in another language against the words as typed. A
/// concept found counts as having its words (the coordination bonus); this weighs
/// only the BM25 part. On the pool's own judged set (`eval/relevance.yaml`) 0.5
/// gave cross-lingual Recall@10 0.358 under the coordinated ranking, 1.5 gives
/// 0.391 with MRR@10 0.940 (the relevance benchmark has no vocabulary concepts).
const EXPANSION_WEIGHT: f32 = 1.5;

/// What the vocabulary made of a query.
pub(super) struct Expansion {
    /// Per concept: the query tokens it covers and the query finding it anywhere.
    pub alternatives: Vec<(Range<usize>, Box<dyn Query>)>,
    /// The language(s) the query was taken to be in.
    pub query_langs: Vec<Lang>,
    /// Per concept: its index, the language it was recognised in, the term's index.
    pub concepts: Vec<(usize, Lang, usize)>,
}

impl Engine {
    /// Recognises vocabulary concepts in the query and builds the query that finds
    /// their terms in every language, weighted below the original words.
    pub(super) fn expand(
        &self,
        vocab: &Vocabulary,
        q: &str,
        hint: Option<Lang>,
    ) -> Option<Expansion> {
        let plain = wanted_text(q);
        let best = recognise(vocab, &plain, q, hint)?;
        let query_langs: Vec<Lang> = best.iter().map(|(l, _)| *l).collect();
        let mut concepts: Vec<(usize, Lang, usize)> = Vec::new();
        let mut spans: Vec<Range<usize>> = Vec::new();
        for (lang, found) in &best {
            for m in found {
                if !concepts.iter().any(|(c, _, _)| *c == m.concept) {
                    concepts.push((m.concept, *lang, m.term));
                    spans.push(m.start..m.start + m.len);
                }
            }
        }
        let alternatives = concepts
            .iter()
            .zip(spans)
            .map(|((concept, _, _), span)| {
                let any = self.concept_query(vocab, *concept, &query_langs);
                let weighted: Box<dyn Query> = Box::new(BoostQuery::new(any, EXPANSION_WEIGHT));
                (span, weighted)
            })
            .collect();
        Some(Expansion {
            alternatives,
            query_langs,
            concepts,
        })
    }

    /// A concept's terms in every language, title and body; the query's own
    /// language weighted above the others.
    fn concept_query(
        &self,
        vocab: &Vocabulary,
        concept: usize,
        query_langs: &[Lang],
    ) -> Box<dyn Query> {
        let mut any_of: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (lang, tokens) in vocab.term_tokens(concept) {
            let boost = if query_langs.contains(&lang) {
                0.8
            } else {
                0.6
            };
            for field in [self.fields.body_of(lang), self.fields.title_of(lang)] {
                if let Some(q) = term_or_phrase(field, tokens) {
                    any_of.push((Occur::Should, Box::new(BoostQuery::new(q, boost))));
                }
            }
        }
        Box::new(BooleanQuery::new(any_of))
    }

    /// Which expansion terms of the hit's language occur in it. The index answers
    /// (a term or phrase query on the hit's body, per term of each expanded
    /// concept), so no text is analysed here.
    pub(super) fn explain(
        &self,
        searcher: &Searcher,
        address: DocAddress,
        vocab: &Vocabulary,
        expansion: &Expansion,
        lang: Lang,
    ) -> Vec<MatchedVia> {
        // Nothing was expanded, or the hit is in the query's own language: there
        // is no foreign term to show.
        if expansion.concepts.is_empty() || expansion.query_langs.contains(&lang) {
            return Vec::new();
        }
        let body = self.fields.body_of(lang);
        let mut out = Vec::new();
        for (concept, qlang, qterm) in &expansion.concepts {
            let found = vocab
                .term_tokens(*concept)
                .filter(|(l, _)| *l == lang)
                .map(|(_, tokens)| tokens)
                .position(|tokens| {
                    term_or_phrase(body, tokens).is_some_and(|q| holds(searcher, address, &*q))
                });
            if let Some(term) = found {
                let c = &vocab.concepts[*concept];
                out.push(MatchedVia::Term(CrossMatch {
                    term: c.terms[&lang][term].clone(),
                    lang: lang.code().to_string(),
                    concept: c.id.clone(),
                    query_term: c.terms[qlang][*qterm].clone(),
                }));
            }
        }
        out
    }
}

/// Whether the document at `address` matches `query`. (tantivy's own `explain`
/// asserts when a phrase's first match lies beyond the document, so the scorer is
/// asked directly.)
fn holds(searcher: &Searcher, address: DocAddress, query: &dyn Query) -> bool {
    let Ok(weight) = query.weight(EnableScoring::disabled_from_searcher(searcher)) else {
        return false;
    };
    let reader = searcher.segment_reader(address.segment_ord);
    let Ok(mut scorer) = weight.scorer(reader, 1.0) else {
        return false;
    };
    super::reaches(scorer.as_mut(), address.doc_id)
}

/// A term's tokens as a query on `field`: one token a term query, several a phrase.
fn term_or_phrase(field: Field, tokens: &[String]) -> Option<Box<dyn Query>> {
    match tokens {
        [] => None,
        [one] => Some(Box::new(TermQuery::new(
            Term::from_field_text(field, one),
            IndexRecordOption::WithFreqs,
        ))),
        many => Some(Box::new(PhraseQuery::new(
            many.iter()
                .map(|t| Term::from_field_text(field, t))
                .collect(),
        ))),
    }
}

/// The words of the query a concept may stand for: excluded words (`-mapping`,
/// `NOT mapping`) and operators left out, punctuation but `-` and `'` a space.
fn wanted_text(q: &str) -> String {
    let mut words: Vec<&str> = Vec::new();
    let mut negate_next = false;
    for w in q.split_whitespace() {
        if w == "NOT" {
            negate_next = true;
            continue;
        }
        // Operators are not words; skipping them keeps token positions in step
        // with the planner's units.
        if matches!(w, "AND" | "OR" | "&&" | "||") {
            continue;
        }
        if !negate_next && !w.starts_with('-') {
            words.push(w);
        }
        negate_next = false;
    }
    words
        .join(" ")
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '\'' {
                c
            } else {
                ' '
            }
        })
        .collect()
}

/// The languages whose vocabulary terms cover most of the query's words, with what
/// they found; several only when they tie and the detector cannot choose.
fn recognise(
    vocab: &Vocabulary,
    plain: &str,
    q: &str,
    hint: Option<Lang>,
) -> Option<Vec<(Lang, Vec<Match>)>> {
    let langs: Vec<Lang> = match hint {
        Some(l) => vec![l],
        None => Lang::pool().collect(),
    };
    let mut best: Vec<(Lang, Vec<Match>)> = Vec::new();
    let mut best_cover = 0;
    for lang in langs {
        let found = vocab.find(lang, &analysis::terms(lang, plain));
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
    Some(best)
}
