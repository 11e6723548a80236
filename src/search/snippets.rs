//! Snippets: the passage of a hit that shows why it matched, highlighted, and the
//! slide or page it lies on. Only a window around the first likely match is
//! analysed, because stemming every hit's whole text was a third of a search. A
//! hit near the query in meaning names its passage, and when none of the query's
//! words are in its text, that passage is its snippet.

use std::cell::OnceCell;
use std::collections::HashMap;

use tantivy::query::{BooleanQuery, Query};
use tantivy::schema::Field;
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Searcher, TantivyDocument};

use super::expand::Expansion;
use super::vectors::Near;
use super::{Engine, Highlight, Hit, Location, MatchedVia, MeaningMatch, Snippet};
use crate::Result;
use crate::document::Section;
use crate::index::stored_text;
use crate::lang::Lang;
use crate::vocabulary::Vocabulary;

/// Characters of a snippet fragment.
const SNIPPET_CHARS: usize = 240;

impl Engine {
    /// The page of hits: stored fields, the snippet from the hit's own language
    /// field highlighting `highlight`'s terms, the slide or page it lies on, the
    /// words it lacks and, for cross-lingual hits, the foreign terms that matched.
    pub(super) fn hits(
        &self,
        searcher: &Searcher,
        highlight: Option<&dyn Query>,
        addresses: &[(Option<f32>, DocAddress)],
        missing: Vec<Vec<String>>,
        explain: Option<(&Vocabulary, &Expansion)>,
        near: &HashMap<DocAddress, Near>,
    ) -> Result<Vec<Hit>> {
        let nothing = BooleanQuery::new(Vec::new());
        let highlight = highlight.unwrap_or(&nothing);
        let mut generators: HashMap<Lang, (SnippetGenerator, Vec<String>)> = HashMap::new();
        let mut hits = Vec::with_capacity(addresses.len());
        for ((score, address), missing) in addresses.iter().zip(missing) {
            let doc: TantivyDocument = searcher.doc(*address)?;
            let lang = self.stored_lang(&doc);
            let body_field = self.fields.body_of(lang);
            let body = stored_text(&doc, body_field).unwrap_or_default();
            let (generator, anchors) = match generators.entry(lang) {
                std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::hash_map::Entry::Vacant(v) => {
                    let mut g = SnippetGenerator::create(searcher, highlight, body_field)?;
                    g.set_max_num_chars(SNIPPET_CHARS);
                    let anchors = snippet_anchors(searcher, highlight, body_field);
                    v.insert((g, anchors))
                }
            };
            // A hit found both by words and by meaning reads its sections once.
            let sections = OnceCell::new();
            let (mut passage, mut location) =
                self.passage(&doc, &body, generator, anchors, &sections);
            let mut matched_via = match explain {
                Some((v, e)) => self.explain(searcher, *address, v, e, lang),
                None => Vec::new(),
            };
            if let Some(n) = near.get(address) {
                let (meaning, at) = self.meaning(&doc, &body, n, &sections);
                // Without a word of the query in the text, the passage that is near
                // in meaning is what shows why the document is here.
                if passage.highlights.is_empty() {
                    passage = meaning;
                    location = at;
                }
                matched_via.push(MatchedVia::Meaning(MeaningMatch {
                    passage: n.passage_index + 1,
                    location: at,
                    similarity: n.similarity,
                }));
            }
            let view = self.view(&doc, false);
            hits.push(Hit {
                card: view.card,
                matched_via,
                missing,
                score: *score,
                snippet: passage,
                location,
            });
        }
        Ok(hits)
    }

    /// A hit's snippet and the slide or page it lies on; without a match in the
    /// text, the description (or the text's opening) unmarked.
    fn passage(
        &self,
        doc: &TantivyDocument,
        body: &str,
        generator: &SnippetGenerator,
        anchors: &[String],
        sections: &OnceCell<Vec<Section>>,
    ) -> (Snippet, Option<Location>) {
        // Stemming a whole body for every hit was a third of a search's time:
        // analyse a window around the first likely match, and the whole text
        // only when the window holds none.
        let (mut offset, window) = snippet_window(body, anchors);
        let mut snippet = generator.snippet(window);
        if snippet.is_empty() && window.len() < body.len() {
            snippet = generator.snippet(body);
            offset = 0;
        }
        if snippet.is_empty() {
            let fallback =
                stored_text(doc, self.fields.description).unwrap_or_else(|| body.to_string());
            let text = truncate_chars(&fallback, SNIPPET_CHARS);
            return (
                Snippet {
                    text,
                    highlights: Vec::new(),
                },
                None,
            );
        }
        // Where the first highlighted word is, not where the fragment starts: a
        // fragment can begin on the slide before the match.
        let start = offset
            + snippet.fragment_range().start
            + snippet.highlighted().first().map_or(0, |r| r.start);
        let location = sections
            .get_or_init(|| self.stored_sections(doc))
            .iter()
            .find(|s| s.start <= start && start < s.end.max(s.start + 1))
            .map(|s| Location {
                kind: s.kind,
                number: s.number,
            });
        let passage = Snippet {
            text: snippet.fragment().to_string(),
            highlights: snippet
                .highlighted()
                .iter()
                .map(|r| Highlight {
                    start: r.start,
                    end: r.end,
                })
                .collect(),
        };
        (passage, location)
    }

    /// The snippet of a passage near the query in meaning (unmarked: no word of
    /// it need be the query's) and its slide or page.
    fn meaning(
        &self,
        doc: &TantivyDocument,
        body: &str,
        near: &Near,
        sections: &OnceCell<Vec<Section>>,
    ) -> (Snippet, Option<Location>) {
        let span = near.passage;
        let text = body
            .get(span.start.min(body.len())..span.end.min(body.len()))
            .unwrap_or_default();
        let location = span.section.and_then(|i| {
            sections
                .get_or_init(|| self.stored_sections(doc))
                .get(i)
                .map(|s| Location {
                    kind: s.kind,
                    number: s.number,
                })
        });
        let snippet = Snippet {
            text: truncate_chars(text, SNIPPET_CHARS),
            highlights: Vec::new(),
        };
        (snippet, location)
    }
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
fn snippet_anchors(searcher: &Searcher, query: &dyn Query, field: Field) -> Vec<String> {
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
        let capital = crate::analysis::capitalise(&stem);
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
