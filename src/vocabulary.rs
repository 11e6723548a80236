//! The multilingual vocabulary of cluster practice (`corpus/vocabulary.yaml`): about
//! 240 concepts, each with its terms in the twelve languages. Terms are compiled
//! through each language's analyzer, so matching works on stems: `klasteru
//! kartēšanai` meets the term `klasteru kartēšana`. The vocabulary tags documents
//! with the concepts they mention, labels the topic facet, and lets a query cross
//! the language line.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde::Deserialize;

use crate::analysis;
use crate::lang::Lang;
use crate::{Error, Result};

/// The file name of the vocabulary inside the corpus and the index folders.
pub const FILE: &str = "vocabulary.yaml";

#[derive(Deserialize)]
struct RawFile {
    concepts: Vec<RawConcept>,
}

#[derive(Deserialize)]
struct RawConcept {
    id: String,
    #[serde(default)]
    topic: bool,
    terms: BTreeMap<String, Vec<String>>,
}

/// One concept with its terms per language.
#[derive(Clone, Debug)]
pub struct Concept {
    /// Slug, e.g. `cluster-mapping`.
    pub id: String,
    /// Whether it is one of the topic facet's values.
    pub topic: bool,
    /// Terms as written, per language, most-used first.
    pub terms: BTreeMap<Lang, Vec<String>>,
}

impl Concept {
    /// The label in a language: its first term there, else the English one, else the id.
    pub fn label(&self, lang: Lang) -> &str {
        self.terms
            .get(&lang)
            .or_else(|| self.terms.get(&Lang::En))
            .and_then(|t| t.first())
            .map_or(self.id.as_str(), String::as_str)
    }
}

/// A term compiled to analyzed tokens.
#[derive(Clone, Debug)]
struct Compiled {
    concept: usize,
    term: usize,
    tokens: Vec<String>,
}

/// Where a concept term was found in a token sequence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Match {
    /// Index of the concept in [`Vocabulary::concepts`].
    pub concept: usize,
    /// The language whose term matched.
    pub lang: Lang,
    /// Index of the term in that language's list.
    pub term: usize,
    /// First token position.
    pub start: usize,
    /// Number of tokens.
    pub len: usize,
}

/// The compiled vocabulary.
#[derive(Clone, Debug, Default)]
pub struct Vocabulary {
    /// Every concept, in file order.
    pub concepts: Vec<Concept>,
    /// Per language: first token → the terms starting with it, longest first.
    by_first: HashMap<Lang, HashMap<String, Vec<Compiled>>>,
    /// Per concept (in [`Vocabulary::concepts`] order), per language: each term's
    /// analysed tokens, compiled once so a query's expansion does not re-analyse them.
    tokens: Vec<BTreeMap<Lang, Vec<Vec<String>>>>,
    /// Per concept, per language: each term's words lower-cased and folded, for
    /// completing what a reader types (compiled once, like `tokens`).
    words: Vec<BTreeMap<Lang, Vec<Vec<String>>>>,
    /// Content hash of the source, so an index knows which vocabulary tagged it.
    pub hash: String,
}

impl Vocabulary {
    /// Reads and compiles a vocabulary file.
    pub fn load(path: &Path) -> Result<Vocabulary> {
        let src = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Vocabulary::parse(&src).map_err(|message| Error::Config {
            path: path.to_path_buf(),
            message,
        })
    }

    /// Loads `dir/vocabulary.yaml` if it exists. A symbolic link is not followed.
    pub fn load_optional(dir: &Path) -> Result<Option<Vocabulary>> {
        let path = dir.join(FILE);
        match std::fs::symlink_metadata(&path) {
            Ok(m) if m.file_type().is_symlink() => Err(Error::Config {
                path,
                message: "is a symbolic link; not followed".into(),
            }),
            Ok(m) if m.is_file() => Vocabulary::load(&path).map(Some),
            _ => Ok(None),
        }
    }

    /// Parses and compiles vocabulary YAML.
    pub fn parse(src: &str) -> std::result::Result<Vocabulary, String> {
        let raw: RawFile = serde_norway::from_str(src).map_err(|e| match e.location() {
            Some(l) => format!("line {}, column {}: {e}", l.line(), l.column()),
            None => e.to_string(),
        })?;
        let mut v = Vocabulary {
            hash: blake3::hash(src.as_bytes()).to_hex()[..16].to_string(),
            ..Vocabulary::default()
        };
        for (ci, rc) in raw.concepts.into_iter().enumerate() {
            let mut terms = BTreeMap::new();
            let mut compiled: BTreeMap<Lang, Vec<Vec<String>>> = BTreeMap::new();
            let mut words: BTreeMap<Lang, Vec<Vec<String>>> = BTreeMap::new();
            for (code, list) in rc.terms {
                let lang: Lang = code
                    .parse()
                    .map_err(|e| format!("concept {}: {e}", rc.id))?;
                // `no`, `nb` and `nn` are one language here: their lists are merged,
                // and term numbers count from the end of what is already there.
                let offset = terms.get(&lang).map_or(0, Vec::len);
                for (i, term) in list.iter().enumerate() {
                    let ti = offset + i;
                    let tokens = analysis::terms(lang, term);
                    compiled.entry(lang).or_default().push(tokens.clone());
                    words.entry(lang).or_default().push(
                        analysis::word_spans(term)
                            .into_iter()
                            .map(|(_, w)| analysis::fold(w))
                            .collect(),
                    );
                    if tokens.is_empty() {
                        continue;
                    }
                    v.by_first
                        .entry(lang)
                        .or_default()
                        .entry(tokens[0].clone())
                        .or_default()
                        .push(Compiled {
                            concept: ci,
                            term: ti,
                            tokens,
                        });
                }
                terms.entry(lang).or_insert_with(Vec::new).extend(list);
            }
            v.tokens.push(compiled);
            v.words.push(words);
            v.concepts.push(Concept {
                id: rc.id,
                topic: rc.topic,
                terms,
            });
        }
        for map in v.by_first.values_mut() {
            for list in map.values_mut() {
                list.sort_by_key(|c| std::cmp::Reverse(c.tokens.len()));
            }
        }
        Ok(v)
    }

    /// A concept's terms as analysed tokens, per language, in the order of
    /// [`Concept::terms`] (a term that analyses to nothing has no tokens).
    pub fn term_tokens(&self, concept: usize) -> impl Iterator<Item = (Lang, &[String])> {
        self.tokens.get(concept).into_iter().flat_map(|by_lang| {
            by_lang
                .iter()
                .flat_map(|(lang, terms)| terms.iter().map(move |t| (*lang, t.as_slice())))
        })
    }

    /// A concept's terms as written with their words lower-cased and folded, per
    /// language, in the order of [`Concept::terms`].
    pub fn term_words(&self, concept: usize) -> impl Iterator<Item = (Lang, &str, &[String])> {
        let written = self.concepts.get(concept).map(|c| &c.terms);
        self.words
            .get(concept)
            .into_iter()
            .flat_map(move |by_lang| {
                by_lang.iter().flat_map(move |(lang, terms)| {
                    let as_written = written.and_then(|w| w.get(lang));
                    terms.iter().enumerate().filter_map(move |(i, words)| {
                        let term = as_written?.get(i)?;
                        Some((*lang, term.as_str(), words.as_slice()))
                    })
                })
            })
    }

    /// The concept with an id.
    pub fn concept(&self, id: &str) -> Option<&Concept> {
        self.concepts.iter().find(|c| c.id == id)
    }

    /// Finds concept terms of `lang` in analyzed tokens, greedily, longest first,
    /// without overlaps.
    pub fn find(&self, lang: Lang, tokens: &[String]) -> Vec<Match> {
        let Some(map) = self.by_first.get(&lang) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            let hit = map.get(&tokens[i]).and_then(|candidates| {
                candidates
                    .iter()
                    .find(|c| tokens[i..].starts_with(&c.tokens))
            });
            match hit {
                Some(c) => {
                    out.push(Match {
                        concept: c.concept,
                        lang,
                        term: c.term,
                        start: i,
                        len: c.tokens.len(),
                    });
                    i += c.tokens.len();
                }
                None => i += 1,
            }
        }
        out
    }

    /// Tags a document: concept ids it mentions at least twice in the text or once
    /// in the title, most mentioned first.
    pub fn tag(&self, lang: Lang, title: &str, text: &str) -> Vec<(String, usize)> {
        let mut counts: HashMap<usize, usize> = HashMap::new();
        for m in self.find(lang, &analysis::terms(lang, text)) {
            *counts.entry(m.concept).or_default() += 1;
        }
        for m in self.find(lang, &analysis::terms(lang, title)) {
            *counts.entry(m.concept).or_default() += 2;
        }
        let mut tagged: Vec<(String, usize)> = counts
            .into_iter()
            .filter(|(_, n)| *n >= 2)
            .map(|(c, n)| (self.concepts[c].id.clone(), n))
            .collect();
        tagged.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        tagged
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = r#"
concepts:
  - id: cluster-mapping
    topic: true
    terms:
      en: [cluster mapping]
      lv: [klasteru kartēšana]
      da: [klyngekortlægning]
  - id: cluster
    terms:
      en: [cluster]
      lv: [klasteris]
"#;

    #[test]
    fn longest_term_wins_and_inflections_match() {
        let v = Vocabulary::parse(SMALL).unwrap();
        let tokens = analysis::terms(Lang::Lv, "Klasteru kartēšanai un klasterim");
        let found = v.find(Lang::Lv, &tokens);
        let ids: Vec<&str> = found
            .iter()
            .map(|m| v.concepts[m.concept].id.as_str())
            .collect();
        assert_eq!(ids, vec!["cluster-mapping", "cluster"]);
        assert_eq!(found[0].len, 2);
    }

    #[test]
    fn term_tokens_are_each_terms_analysis_in_term_order() {
        let v = Vocabulary::parse(SMALL).unwrap();
        for (ci, concept) in v.concepts.iter().enumerate() {
            let expected: Vec<(Lang, Vec<String>)> = concept
                .terms
                .iter()
                .flat_map(|(l, ts)| ts.iter().map(|t| (*l, analysis::terms(*l, t))))
                .collect();
            let got: Vec<(Lang, Vec<String>)> =
                v.term_tokens(ci).map(|(l, t)| (l, t.to_vec())).collect();
            assert_eq!(got, expected, "{}", concept.id);
        }
        let mapping: Vec<(Lang, &[String])> = v.term_tokens(0).collect();
        assert!(mapping.contains(&(Lang::En, &["cluster".to_string(), "map".to_string()][..])));
    }

    #[test]
    fn norwegian_variants_merge_into_one_list() {
        let v = Vocabulary::parse(
            "concepts:\n  - id: cluster\n    terms:\n      \"no\": [klynge]\n      nn: [klyngje]\n",
        )
        .unwrap();
        let c = v.concept("cluster").unwrap();
        let mut merged = c.terms[&Lang::No].clone();
        merged.sort();
        assert_eq!(merged, vec!["klynge", "klyngje"]);
        let found = v.find(Lang::No, &analysis::terms(Lang::No, "klyngje"));
        assert_eq!(c.terms[&Lang::No][found[0].term], "klyngje");
    }

    #[test]
    fn labels_fall_back_to_english() {
        let v = Vocabulary::parse(SMALL).unwrap();
        let c = v.concept("cluster-mapping").unwrap();
        assert_eq!(c.label(Lang::Da), "klyngekortlægning");
        assert_eq!(c.label(Lang::Fi), "cluster mapping");
    }

    #[test]
    fn the_pool_vocabulary_is_complete() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("corpus")
            .join(FILE);
        let v = Vocabulary::load(&path).unwrap();
        assert!(v.concepts.len() >= 200, "{} concepts", v.concepts.len());
        for c in &v.concepts {
            for lang in &Lang::pool().collect::<Vec<_>>() {
                assert!(
                    c.terms.get(lang).is_some_and(|t| !t.is_empty()),
                    "{} has no {lang} term",
                    c.id
                );
            }
        }
        assert_eq!(v.concepts.iter().filter(|c| c.topic).count(), 22);
    }
}
