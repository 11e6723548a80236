//! Suggest: completions while a reader types. The last word typed is a prefix
//! (unless the text ends in a space or a mark) and the words before it are whole. Titles
//! are suggested whose words hold every whole word and a word starting with the
//! prefix, in the language asked for or any, ranked by BM25 over the title fields
//! with the commonest completions of the prefix; vocabulary concepts are
//! suggested whose term has a word starting with each word typed. Only title
//! fields, term dictionaries and stored titles are read: no bodies, facets or
//! snippets, and the dictionary walk is bounded, so an answer's cost does not
//! grow with the pool's text (its p99 at 100k documents is in BENCHMARKS.md).

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, TantivyDocument, Term};

use super::Engine;
use super::plan::present_langs;
use super::query::parts;
use super::request::parse_lang;
use crate::analysis::{self, fold, folds_diacritics};
use crate::index::stored_text;
use crate::lang::Lang;
use crate::{Error, Result};

/// Longest text completed, in characters.
pub const MAX_SUGGEST_CHARS: usize = 100;
/// Most suggestions asked for.
pub const MAX_SUGGESTIONS: usize = 20;
/// Suggestions given when `limit` is not said.
pub const DEFAULT_SUGGESTIONS: usize = 8;
/// Completions of the prefix searched for, per language: the commonest.
const COMPLETIONS: usize = 16;
/// Dictionary terms read per segment and language, at most, to find them: a
/// one-letter prefix would otherwise read a whole letter of the dictionary, so
/// for such a prefix the completions are the commonest of the first terms in
/// alphabetical order.
const SCAN: usize = 4_000;
/// Concepts among the suggestions, at most.
const CONCEPTS: usize = 3;

/// A validated request for suggestions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SuggestRequest {
    /// What has been typed so far.
    pub q: String,
    /// Only titles and concept terms of this language.
    pub lang: Option<Lang>,
    /// Most suggestions returned.
    pub limit: usize,
}

impl SuggestRequest {
    /// Builds a request from query-string pairs (`q`, `lang`, `limit`), naming the
    /// parameter in every error.
    pub fn from_pairs<K, V>(pairs: impl IntoIterator<Item = (K, V)>) -> Result<SuggestRequest>
    where
        K: AsRef<str>,
        V: AsRef<str>,
    {
        let mut q = None;
        let mut lang = None;
        let mut limit = None;
        for (k, v) in pairs {
            let (key, value) = (k.as_ref(), v.as_ref());
            let first = match key {
                "q" => q.replace(value.to_string()).is_none(),
                "lang" => lang.replace(parse_lang(key, value)?).is_none(),
                "limit" => limit
                    .replace(super::parse_num(key, value, 1, MAX_SUGGESTIONS)?)
                    .is_none(),
                other => {
                    return Err(Error::param(
                        other,
                        "is not a parameter of suggest (q, lang, limit)",
                    ));
                }
            };
            if !first {
                return Err(Error::param(key, "is given more than once"));
            }
        }
        let q = q.ok_or_else(|| Error::param("q", "is required"))?;
        if q.chars().count() > MAX_SUGGEST_CHARS {
            return Err(Error::param(
                "q",
                format!("is longer than {MAX_SUGGEST_CHARS} characters"),
            ));
        }
        Ok(SuggestRequest {
            q,
            lang,
            limit: limit.unwrap_or(DEFAULT_SUGGESTIONS),
        })
    }
}

/// One completion. In JSON, an object whose `kind` is `concept` or `title`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Suggestion {
    /// A vocabulary concept's term.
    Concept {
        /// The term, as the vocabulary writes it.
        text: String,
        /// Its language.
        lang: String,
        /// The concept's id.
        concept: String,
    },
    /// A document's title.
    Title {
        /// The title.
        text: String,
        /// The document's language.
        lang: String,
        /// The document's id.
        id: String,
    },
}

/// The answer to a suggest request.
#[derive(Clone, Debug, Serialize)]
pub struct Suggestions {
    /// The text as received.
    pub query: String,
    /// Concepts first (at most half the places, or more when titles leave room,
    /// three at most), then titles, best first.
    pub suggestions: Vec<Suggestion>,
}

/// What was typed: whole words, and the word being typed (if the text does not
/// end in a space or a mark).
struct Typed {
    whole: Vec<String>,
    prefix: Option<String>,
}

impl Typed {
    fn read(q: &str) -> Typed {
        let mut whole: Vec<String> = parts(q).iter().map(|w| w.to_lowercase()).collect();
        let open = q.chars().next_back().is_some_and(char::is_alphanumeric);
        let prefix = if open { whole.pop() } else { None };
        Typed { whole, prefix }
    }

    fn is_empty(&self) -> bool {
        self.whole.is_empty() && self.prefix.is_none()
    }
}

impl Engine {
    /// Titles and concepts completing the words typed.
    pub fn suggest(&self, req: &SuggestRequest) -> Result<Suggestions> {
        let typed = Typed::read(&req.q);
        let mut suggestions = Vec::new();
        if !typed.is_empty() {
            // Concepts take at most half the places, more when titles leave room
            // (never more than CONCEPTS).
            let concepts = self.concepts_completing(&typed, req.lang);
            let room = req.limit - concepts.len().min(req.limit / 2);
            let titles = self.titles_completing(&typed, req.lang, room)?;
            suggestions = concepts;
            suggestions.truncate(req.limit - titles.len());
            suggestions.extend(titles);
        }
        Ok(Suggestions {
            query: req.q.clone(),
            suggestions,
        })
    }

    /// Vocabulary terms with a word starting with each word typed, in order of the
    /// vocabulary, one per concept.
    fn concepts_completing(&self, typed: &Typed, lang: Option<Lang>) -> Vec<Suggestion> {
        let Some(vocab) = self.vocabulary() else {
            return Vec::new();
        };
        let wanted: Vec<String> = typed
            .whole
            .iter()
            .chain(&typed.prefix)
            .map(|w| fold(w))
            .collect();
        let mut out = Vec::new();
        for (c, concept) in vocab.concepts.iter().enumerate() {
            let found = vocab
                .term_words(c)
                .filter(|(l, _, _)| lang.is_none_or(|x| x == *l))
                .find(|(_, _, words)| {
                    wanted
                        .iter()
                        .all(|w| words.iter().any(|word| word.starts_with(w.as_str())))
                });
            if let Some((l, term, _)) = found {
                out.push(Suggestion::Concept {
                    text: term.to_string(),
                    lang: l.code().to_string(),
                    concept: concept.id.clone(),
                });
                if out.len() == CONCEPTS {
                    break;
                }
            }
        }
        out
    }

    /// Titles holding every whole word and a completion of the prefix.
    fn titles_completing(
        &self,
        typed: &Typed,
        lang: Option<Lang>,
        limit: usize,
    ) -> Result<Vec<Suggestion>> {
        if limit == 0 {
            return Ok(Vec::new());
        }
        let searcher = self.reader.searcher();
        let langs = match lang {
            Some(l) => vec![l],
            None => present_langs(&searcher, &self.fields),
        };
        let per_lang: Vec<(Occur, Box<dyn Query>)> = langs
            .into_iter()
            .filter_map(|l| self.title_query(&searcher, l, typed))
            .map(|q| (Occur::Should, q))
            .collect();
        if per_lang.is_empty() {
            return Ok(Vec::new());
        }
        // More than asked, as several documents may share a title.
        let top = searcher.search(
            &BooleanQuery::new(per_lang),
            &TopDocs::with_limit(limit * 3).order_by_score(),
        )?;
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for (_, address) in top {
            let doc: TantivyDocument = searcher.doc(address)?;
            let title = stored_text(&doc, self.fields.title).unwrap_or_default();
            if title.is_empty() || !seen.insert(title.to_lowercase()) {
                continue;
            }
            out.push(Suggestion::Title {
                text: title,
                lang: self.stored_lang(&doc).code().to_string(),
                id: stored_text(&doc, self.fields.id).unwrap_or_default(),
            });
            if out.len() == limit {
                break;
            }
        }
        Ok(out)
    }

    /// Titles of `lang` with every whole word and a completion of the prefix;
    /// none when the language's titles lack a word.
    fn title_query(
        &self,
        searcher: &Searcher,
        lang: Lang,
        typed: &Typed,
    ) -> Option<Box<dyn Query>> {
        let field = self.fields.title_of(lang);
        let mut must: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for word in &typed.whole {
            for term in analysis::terms(lang, word) {
                let term = Term::from_field_text(field, &term);
                if searcher.doc_freq(&term).ok()? == 0 {
                    return None;
                }
                must.push((
                    Occur::Must,
                    Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)),
                ));
            }
        }
        if let Some(prefix) = &typed.prefix {
            let completions = completions(searcher, field, lang, prefix);
            if completions.is_empty() {
                return None;
            }
            let any: Vec<(Occur, Box<dyn Query>)> = completions
                .into_iter()
                .map(|t| {
                    let q: Box<dyn Query> = Box::new(TermQuery::new(
                        Term::from_field_text(field, &t),
                        IndexRecordOption::WithFreqs,
                    ));
                    (Occur::Should, q)
                })
                .collect();
            must.push((Occur::Must, Box::new(BooleanQuery::new(any))));
        }
        (!must.is_empty()).then(|| Box::new(BooleanQuery::new(must)) as Box<dyn Query>)
    }
}

/// The commonest terms of `field` that start with the prefix as the index writes
/// it: lower-cased (and folded where the language folds), or its analysed form,
/// which a stemmer may have cut shorter than the letters typed (`klasteru` is
/// indexed as `klaster`).
fn completions(searcher: &Searcher, field: Field, lang: Lang, prefix: &str) -> Vec<String> {
    let plain = if folds_diacritics(lang) {
        fold(prefix)
    } else {
        prefix.to_lowercase()
    };
    let mut starts = vec![plain];
    for analysed in analysis::terms(lang, prefix) {
        if !starts.contains(&analysed) {
            starts.push(analysed);
        }
    }
    let mut df: HashMap<String, u64> = HashMap::new();
    for segment in searcher.segment_readers() {
        let Ok(inverted) = segment.inverted_index(field) else {
            continue;
        };
        for start in &starts {
            let Ok(mut stream) = inverted.terms().range().ge(start.as_bytes()).into_stream() else {
                continue;
            };
            let mut read = 0;
            while read < SCAN && stream.advance() {
                let Ok(term) = std::str::from_utf8(stream.key()) else {
                    continue;
                };
                if !term.starts_with(start.as_str()) {
                    break;
                }
                *df.entry(term.to_string()).or_default() += u64::from(stream.value().doc_freq);
                read += 1;
            }
        }
    }
    let mut ranked: Vec<(String, u64)> = df.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked
        .into_iter()
        .take(COMPLETIONS)
        .map(|(t, _)| t)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_word_is_a_prefix_unless_a_space_follows() {
        let t = Typed::read("klasteru kart");
        assert_eq!(t.whole, vec!["klasteru"]);
        assert_eq!(t.prefix.as_deref(), Some("kart"));
        let t = Typed::read("Klasteru ");
        assert_eq!(t.whole, vec!["klasteru"]);
        assert_eq!(t.prefix, None);
        assert!(Typed::read(" - ").is_empty());
    }

    #[test]
    fn parameters_are_checked_and_named() {
        let ok =
            SuggestRequest::from_pairs([("q", "klas"), ("lang", "lv"), ("limit", "5")]).unwrap();
        assert_eq!((ok.lang, ok.limit), (Some(Lang::Lv), 5));
        for (pairs, param) in [
            (vec![("lang", "lv")], "q"),
            (vec![("q", "a"), ("lang", "xx")], "lang"),
            (vec![("q", "a"), ("limit", "0")], "limit"),
            (vec![("q", "a"), ("limit", "21")], "limit"),
            (vec![("q", "a"), ("q", "b")], "q"),
            (vec![("q", "a"), ("limit", "2"), ("limit", "3")], "limit"),
            (vec![("q", "a"), ("size", "3")], "size"),
        ] {
            let e = SuggestRequest::from_pairs(pairs).unwrap_err().to_string();
            assert!(e.contains(param), "{e}");
        }
        let long = "a".repeat(MAX_SUGGEST_CHARS + 1);
        assert!(SuggestRequest::from_pairs([("q", long.as_str())]).is_err());
    }
}
