//! Cross-lingual expansion: vocabulary concepts recognised in the query become
//! alternatives for the query words they cover, made of the concept's terms in
//! every language, so a page that names the concept in its own language counts as
//! having those words; and, per hit, which foreign term made it match.

use std::ops::Range;

use tantivy::Term;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::IndexRecordOption;

use super::{CrossMatch, Engine};
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
        // Excluded words (`-mapping`, `NOT mapping`) are not concepts the user wants.
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
            None => Lang::pool().collect(),
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
        let mut spans: Vec<Range<usize>> = Vec::new();
        for (lang, found) in &best {
            for m in found {
                if !concepts.iter().any(|(c, _, _)| *c == m.concept) {
                    concepts.push((m.concept, *lang, m.term));
                    spans.push(m.start..m.start + m.len);
                }
            }
        }
        let mut alternatives: Vec<(Range<usize>, Box<dyn Query>)> = Vec::new();
        for ((concept, _, _), span) in concepts.iter().zip(spans) {
            let mut any_of: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            for (lang, tokens) in vocab.term_tokens(*concept) {
                let boost = if query_langs.contains(&lang) {
                    0.8
                } else {
                    0.6
                };
                for field in [self.fields.body_of(lang), self.fields.title_of(lang)] {
                    let q: Box<dyn Query> = match tokens {
                        [] => continue,
                        [one] => Box::new(TermQuery::new(
                            Term::from_field_text(field, one),
                            IndexRecordOption::WithFreqs,
                        )),
                        many => Box::new(PhraseQuery::new(
                            many.iter()
                                .map(|t| Term::from_field_text(field, t))
                                .collect(),
                        )),
                    };
                    any_of.push((Occur::Should, Box::new(BoostQuery::new(q, boost))));
                }
            }
            let any: Box<dyn Query> = Box::new(BooleanQuery::new(any_of));
            alternatives.push((span, Box::new(BoostQuery::new(any, EXPANSION_WEIGHT))));
        }
        Some(Expansion {
            alternatives,
            query_langs,
            concepts,
        })
    }

    /// Which expansion terms of the hit's language occur in it.
    pub(super) fn explain(
        &self,
        vocab: &Vocabulary,
        expansion: &Expansion,
        lang: Lang,
        body: &str,
    ) -> Vec<CrossMatch> {
        // Nothing was expanded, or the hit is in the query's own language: there
        // is no foreign term to show, and no reason to analyse the text.
        if expansion.concepts.is_empty() || expansion.query_langs.contains(&lang) {
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
}
