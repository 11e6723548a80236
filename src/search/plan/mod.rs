//! Plan: a parsed query becomes the tantivy query that ranks it. Every written
//! word is a *unit*: its analysed term in each language the index holds, in title
//! (boosted) and body, plus the compound forms that stand for it. Wanted units are
//! coordinated (see [`super::coordination`]): each word a document has earns a bonus
//! scaled by the word's rarity, so documents with more of the words, and with the
//! rarer ones, rank higher, and no word is required: a page that uses two of three
//! words is still found. Stop words are left out unless the query has nothing else; the parts of a
//! hyphenated or slashed word are units of their own, their adjacency a bonus; the
//! words of a multi-word query near each other earn a proximity bonus. `+required`
//! words and phrases are required, `-excluded` ones excluded; a plain quoted phrase
//! is one wanted unit that must match in order. A word no document holds, in any
//! form, is matched by the indexed terms nearest its spelling ([`super::typos`]),
//! at a lower weight; so is a word that no page in the language of the query's
//! other words holds, when the words stand together in few documents. Both are
//! judged among the languages a `lang` filter leaves; quoted words are never
//! corrected.
//!
//! Each of those pieces is a knob of [`Ranking`] (`ranking.rs`), so the relevance
//! benchmark can measure it on and off (`clusterpool run --ranking …`).

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

use tantivy::collector::Count;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Searcher, Term};

use super::bm25::Bm25Term;
use super::coordination::Coordinated;
use super::query::{ClauseKind, Need, ParsedQuery, parts};
pub use super::ranking::Ranking;
use super::typos::{self, Nearest};

mod compounds;
use crate::analysis::{self, stopwords};
use crate::lang::Lang;
use crate::schema::{Facet, Fields};

/// A query word the ranking counts, with the query that finds it in any language.
pub struct Word {
    /// As written (one part of a hyphenated word counts alone).
    pub text: String,
    /// Matches the documents that have the word (in any of its forms).
    pub query: Box<dyn Query>,
}

/// What planning yields.
pub struct Plan {
    /// The text query (filters are added by the caller).
    pub query: Box<dyn Query>,
    /// The wanted words, for telling which a hit lacks.
    pub words: Vec<Word>,
    /// The excluded clauses (kept out of cross-lingual expansion too).
    pub excluded: Vec<Box<dyn Query>>,
    /// Terms to highlight: every analysed term of the query but stop words.
    pub highlight: Vec<Term>,
    /// Words no document holds, and the indexed terms that stand in for them.
    pub typos: Vec<Typo>,
}

/// A query word no document holds as written, and the nearest indexed term of
/// each language that has one within the word's edit budget.
pub struct Typo {
    /// As written.
    pub written: String,
    /// Per language: the nearest term of its body field.
    pub nearest: Vec<(Lang, Nearest)>,
}

/// A unit of the query: one word (or one part of a hyphenated word), or a phrase.
struct Unit {
    text: String,
    /// Lower-cased parts: one for a word, several for a phrase.
    parts: Vec<String>,
    need: Need,
    /// Written as a `-tail` after a word.
    tail: bool,
    /// Written in quotes: meant exactly as typed, never corrected.
    quoted: bool,
    /// Which written word it came from (parts of one word share it).
    word: usize,
    stop: bool,
    /// Per language (index into `langs`): the analysed terms of `parts`.
    terms: Vec<Vec<String>>,
    /// Extra alternatives (compound forms) found for it.
    alternatives: Vec<(Occur, Box<dyn Query>)>,
    /// Per language (index into `langs`): its term there is the nearest indexed
    /// one to a word that language's documents do not hold.
    corrected: Vec<bool>,
}

/// Most words of one query looked up as typos: each lookup walks the term
/// dictionaries of up to 13 languages in every segment.
const MAX_TYPO_LOOKUPS: usize = 3;
/// Fewer documents than this holding all the query's words let a word be
/// corrected towards the language of the others.
const FEW_HITS: usize = 3;

/// Whether a unit may be a misspelled word: one wanted or required word, not in
/// quotes, not a stop word, with no compound or concept form that matched.
fn typo_candidate(u: &Unit) -> bool {
    u.need != Need::Excluded
        && !u.quoted
        && !u.stop
        && u.parts.len() == 1
        && u.alternatives.is_empty()
}

/// The languages whose fields hold any text in this searcher's segments.
pub fn present_langs(searcher: &Searcher, fields: &Fields) -> Vec<Lang> {
    Lang::ALL
        .into_iter()
        .filter(|lang| {
            let field = fields.body_of(*lang);
            searcher.segment_readers().iter().any(|s| {
                s.inverted_index(field)
                    .map(|ii| ii.terms().num_terms() > 0)
                    .unwrap_or(false)
            })
        })
        .collect()
}

/// The planner: the searcher the query runs on, the field handles, one analyzer
/// per present language.
pub struct Planner<'a> {
    searcher: &'a Searcher,
    fields: &'a Fields,
    ranking: &'a Ranking,
    langs: Vec<Lang>,
    analyzers: Vec<TextAnalyzer>,
    dfs: RefCell<HashMap<(Field, String), u64>>,
    /// Per language (index into `langs`): whether the search may return its
    /// documents (a `lang` filter narrows it). Typos are judged there only.
    in_scope: Vec<bool>,
}

impl<'a> Planner<'a> {
    /// A planner over the languages the index holds.
    pub fn new(searcher: &'a Searcher, fields: &'a Fields, ranking: &'a Ranking) -> Planner<'a> {
        let langs = present_langs(searcher, fields);
        let analyzers = langs
            .iter()
            .map(|l| analysis::cached_analyzer(*l))
            .collect();
        let in_scope = vec![true; langs.len()];
        Planner {
            searcher,
            fields,
            ranking,
            langs,
            analyzers,
            dfs: RefCell::default(),
            in_scope,
        }
    }

    /// Judges typos only in these languages (the search's `lang` filter): a word
    /// that only pages of other languages hold is, for this search, held nowhere
    /// (`klastru` filtered to Latvian, where only Polish pages hold it).
    pub fn filtered_to(mut self, only: &[Lang]) -> Planner<'a> {
        if !only.is_empty() {
            self.in_scope = self.langs.iter().map(|l| only.contains(l)).collect();
        }
        self
    }

    fn analyse(&mut self, i: usize, text: &str) -> Vec<String> {
        let mut stream = self.analyzers[i].token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push(stream.token().text.clone());
        }
        out
    }

    /// A term's document frequency. Planning asks for the same term several
    /// times (rarity, stop words, fields, proximity), and each ask is a dictionary
    /// lookup in every segment, so answers are kept for the query's life.
    fn df(&self, field: Field, term: &str) -> u64 {
        let key = (field, term.to_string());
        if let Some(df) = self.dfs.borrow().get(&key) {
            return *df;
        }
        let df = self
            .searcher
            .doc_freq(&Term::from_field_text(field, term))
            .unwrap_or(0);
        self.dfs.borrow_mut().insert(key, df);
        df
    }

    /// Builds the ranked query.
    /// `alternatives` are other ways of having some of the words (cross-lingual
    /// concepts), each with the positions of the query tokens it stands for.
    pub fn plan(
        mut self,
        parsed: &ParsedQuery,
        alternatives: &[(Range<usize>, Box<dyn Query>)],
    ) -> Plan {
        let mut units = self.units(parsed);
        self.read_tails(&mut units);
        for i in 0..self.langs.len() {
            for unit in units.iter_mut() {
                let terms: Vec<String> =
                    unit.parts.iter().flat_map(|p| self.analyse(i, p)).collect();
                unit.terms.push(terms);
            }
        }
        if self.ranking.stop_words {
            self.mark_stop_words(&mut units);
        }
        attach(&mut units, alternatives);
        // A word written twice (`Base de données Access (base de données)`) is one
        // word: counting it twice would double its bonus. (After `attach`, which
        // counts the query's tokens as written.)
        let mut seen: HashSet<(Vec<String>, bool)> = HashSet::new();
        units.retain(|u| seen.insert((u.parts.clone(), u.need == Need::Excluded)));
        if self.ranking.compounds {
            self.compound_alternatives(&mut units);
        }
        // After compounds and expansion: a word they found a way to match is no typo.
        let typos = if self.ranking.typos {
            self.correct_typos(&mut units)
        } else {
            Vec::new()
        };

        let counted = |u: &Unit| u.need == Need::Wanted && !u.stop;
        let idfs: Vec<f32> = units
            .iter()
            .map(|u| if counted(u) { self.idf(u) } else { 0.0 })
            .collect();
        let max_idf = idfs.iter().copied().fold(0.0, f32::max);
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut words = Vec::new();
        let mut excluded = Vec::new();
        let mut highlight = Vec::new();
        for (unit, idf) in units.iter_mut().zip(&idfs) {
            let alternatives = std::mem::take(&mut unit.alternatives);
            // A stop word is neither counted, required, scored nor highlighted.
            if unit.stop && unit.need == Need::Wanted {
                continue;
            }
            let query = self.unit_query(unit, alternatives);
            match unit.need {
                Need::Excluded => {
                    excluded.push(query.box_clone());
                    clauses.push((Occur::MustNot, query));
                }
                Need::Required => {
                    self.collect_highlight(query.as_ref(), &mut highlight);
                    clauses.push((Occur::Must, query));
                }
                Need::Wanted => {
                    self.collect_highlight(query.as_ref(), &mut highlight);
                    words.push(Word {
                        text: unit.text.clone(),
                        query: query.box_clone(),
                    });
                    // A word found under another spelling earns less for it.
                    let respelled = if unit.corrected.contains(&true) {
                        self.ranking.typo_boost
                    } else {
                        1.0
                    };
                    let bonus =
                        self.ranking.coordination * self.rarity(unit, *idf, max_idf) * respelled;
                    let scored: Box<dyn Query> = if bonus > 0.0 {
                        Box::new(Coordinated::new(query, bonus))
                    } else {
                        query
                    };
                    clauses.push((Occur::Should, scored));
                }
            }
        }
        clauses.extend(self.proximity(&units));
        let query: Box<dyn Query> = Box::new(BooleanQuery::new(clauses));
        Plan {
            query,
            words,
            excluded,
            highlight,
            typos,
        }
    }

    /// Looks for the words a user probably misspelled and gives them the nearest
    /// indexed terms ([`typos`]) within their edit budget:
    /// - a word no document holds, in any language and in no compound or concept
    ///   form: in every language, weighted below an exact word;
    /// - when the query's words stand together in fewer than [`FEW_HITS`]
    ///   documents, a word that no document of the languages holding all the
    ///   other words holds (`klastru kartešana`, where only Polish pages hold
    ///   `klastru`): in those languages, when the nearest term stands in one of
    ///   their documents with the other words.
    ///
    /// Words held nowhere go first, so that the others are weighed against the
    /// query as corrected (`membr survay`: `survey` is English, so `membr` is
    /// looked for among English words). At most [`MAX_TYPO_LOOKUPS`] words are
    /// looked up. A query whose every word is held in a language holding the
    /// others is planned exactly as without this step.
    fn correct_typos(&self, units: &mut [Unit]) -> Vec<Typo> {
        // Per candidate word and language: whether that language holds it; and
        // per language, how many candidate words it holds. Kept up to date as
        // words are corrected, so each word is weighed against the query as it
        // stands, at the cost of one look per word and language.
        let mut held: Vec<Option<Vec<bool>>> = units
            .iter()
            .map(|u| typo_candidate(u).then(|| self.held_in(u)))
            .collect();
        let candidates = held.iter().flatten().count();
        let mut holders: Vec<usize> = (0..self.langs.len())
            .map(|i| held.iter().flatten().filter(|h| h[i]).count())
            .collect();
        let mut out = Vec::new();
        let mut lookups = 0;
        let mut few_hits: Option<bool> = None;
        for nowhere in [true, false] {
            for u in 0..units.len() {
                let Some(own) = held[u].clone() else {
                    continue;
                };
                if units[u].corrected.contains(&true) || own.contains(&true) == nowhere {
                    continue;
                }
                if lookups == MAX_TYPO_LOOKUPS || !typos::correctable(&units[u].parts[0]) {
                    continue;
                }
                let langs: Vec<usize> = if nowhere {
                    (0..self.langs.len())
                        .filter(|i| self.in_scope[*i])
                        .collect()
                } else {
                    // The languages holding every other word.
                    let others = candidates - 1;
                    let rest: Vec<usize> = (0..self.langs.len())
                        .filter(|i| others > 0 && holders[*i] - usize::from(own[*i]) == others)
                        .collect();
                    if rest.is_empty() || rest.iter().any(|i| own[*i]) {
                        continue;
                    }
                    // A query that found what it asked for is not second-guessed.
                    if *few_hits.get_or_insert_with(|| self.stand_together(units) < FEW_HITS) {
                        rest
                    } else {
                        return out;
                    }
                };
                lookups += 1;
                if let Some(typo) = self.correct(units, u, &langs, !nowhere) {
                    let now = self.held_in(&units[u]);
                    for (i, count) in holders.iter_mut().enumerate() {
                        *count = *count + usize::from(now[i]) - usize::from(own[i]);
                    }
                    held[u] = Some(now);
                    out.push(typo);
                }
            }
        }
        out
    }

    /// Gives unit `u` the nearest term of each of the languages `langs` within its
    /// edit budget (`with_others`: only where it stands in a document with the
    /// query's other words).
    fn correct(
        &self,
        units: &mut [Unit],
        u: usize,
        langs: &[usize],
        with_others: bool,
    ) -> Option<Typo> {
        let budget = typos::budget(&units[u].parts[0]);
        let mut nearest = Vec::new();
        for &i in langs {
            let lang = self.langs[i];
            let [term] = units[u].terms[i].as_slice() else {
                continue;
            };
            let found =
                typos::nearest(self.searcher, self.fields.body_of(lang), lang, term, budget);
            let n = match found {
                Ok(Some(n)) => n,
                Ok(None) => continue,
                // A dictionary that cannot be read leaves the word as written.
                Err(e) => {
                    tracing::warn!(error = %e, "typo lookup failed");
                    continue;
                }
            };
            if with_others && !self.stands_with_others(units, u, i, &n.term) {
                continue;
            }
            units[u].terms[i] = vec![n.term.clone()];
            units[u].corrected[i] = true;
            nearest.push((lang, n));
        }
        if nearest.is_empty() {
            return None;
        }
        Some(Typo {
            written: units[u].text.clone(),
            nearest,
        })
    }

    /// Whether some document of language `i` holds `term` in its body and every
    /// other wanted or required word of the query.
    fn stands_with_others(&self, units: &[Unit], u: usize, i: usize, term: &str) -> bool {
        let mut all = self.every_word(units, Some(u), Some(i));
        all.push((
            Occur::Must,
            Box::new(TermQuery::new(
                Term::from_field_text(self.fields.body_of(self.langs[i]), term),
                IndexRecordOption::Basic,
            )),
        ));
        self.searcher
            .search(&BooleanQuery::new(all), &Count)
            .is_ok_and(|n| n > 0)
    }

    /// Documents holding every typo candidate word of the query as it stands, in
    /// any language.
    fn stand_together(&self, units: &[Unit]) -> usize {
        let all = self.every_word(units, None, None);
        if all.is_empty() {
            return 0;
        }
        self.searcher
            .search(&BooleanQuery::new(all), &Count)
            .unwrap_or(0)
    }

    /// One required clause per typo candidate word but `skip`: its term in the
    /// title or body of language `only`, or of any language in scope.
    fn every_word(
        &self,
        units: &[Unit],
        skip: Option<usize>,
        only: Option<usize>,
    ) -> Vec<(Occur, Box<dyn Query>)> {
        let mut all: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (o, other) in units.iter().enumerate() {
            if Some(o) == skip || !typo_candidate(other) {
                continue;
            }
            let mut either: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            let wanted = |i: &usize| self.in_scope[*i] && only.is_none_or(|x| x == *i);
            for i in (0..self.langs.len()).filter(wanted) {
                let [t] = other.terms[i].as_slice() else {
                    continue;
                };
                let lang = self.langs[i];
                for f in [self.fields.title_of(lang), self.fields.body_of(lang)] {
                    if self.df(f, t) > 0 {
                        let q: Box<dyn Query> = Box::new(TermQuery::new(
                            Term::from_field_text(f, t),
                            IndexRecordOption::Basic,
                        ));
                        either.push((Occur::Should, q));
                    }
                }
            }
            all.push((Occur::Must, Box::new(BooleanQuery::new(either))));
        }
        all
    }

    /// Per language (index into `langs`): whether its title or body holds the
    /// unit's term (languages out of scope hold nothing).
    fn held_in(&self, unit: &Unit) -> Vec<bool> {
        (0..self.langs.len())
            .map(|i| self.in_scope[i] && self.held(unit, i))
            .collect()
    }

    /// Whether language `i`'s title or body holds a one-term unit's term.
    fn held(&self, unit: &Unit, i: usize) -> bool {
        let lang = self.langs[i];
        let [term] = unit.terms[i].as_slice() else {
            return false;
        };
        self.df(self.fields.body_of(lang), term) > 0
            || self.df(self.fields.title_of(lang), term) > 0
    }

    /// The weight of a unit's matches in language `i`: a corrected word's are
    /// worth less than an exact word's.
    fn typo_weight(&self, unit: &Unit, i: usize) -> f32 {
        if unit.corrected.get(i).copied().unwrap_or(false) {
            self.ranking.typo_boost
        } else {
            1.0
        }
    }

    /// A unit's inverse document frequency over the languages the index holds
    /// (the document frequencies of its terms summed).
    fn idf(&self, unit: &Unit) -> f32 {
        let df: u64 = self
            .langs
            .iter()
            .enumerate()
            .filter_map(|(i, lang)| match unit.terms[i].as_slice() {
                [term] => Some(self.df(self.fields.body_of(*lang), term)),
                _ => None,
            })
            .sum();
        let n = self.searcher.num_docs() as f32;
        (1.0 + n / (df as f32 + 1.0)).ln()
    }

    /// The share of the coordination bonus a wanted unit earns: 1, or with
    /// `coord_idf` its idf over the query's highest, so lacking a common word
    /// (`Base` in a database manual) costs less than lacking a rare one.
    fn rarity(&self, unit: &Unit, idf: f32, max_idf: f32) -> f32 {
        if !self.ranking.coord_idf || max_idf <= 0.0 || unit.parts.len() != 1 {
            return 1.0;
        }
        idf / max_idf
    }

    /// The units of a parsed query, with stop words marked.
    fn units(&self, parsed: &ParsedQuery) -> Vec<Unit> {
        let mut units = Vec::new();
        for (word, clause) in parsed.clauses.iter().enumerate() {
            let unit = |text: &str, parts: Vec<String>| Unit {
                text: text.to_string(),
                parts,
                need: clause.need,
                tail: clause.tail,
                quoted: matches!(clause.kind, ClauseKind::Phrase(_)),
                word,
                stop: false,
                terms: Vec::new(),
                alternatives: Vec::new(),
                corrected: vec![false; self.langs.len()],
            };
            match &clause.kind {
                ClauseKind::Word(w) => {
                    let ps = parts(w);
                    if self.ranking.split_parts || ps.len() == 1 {
                        units.extend(ps.iter().map(|p| unit(p, vec![p.to_lowercase()])));
                    } else {
                        units.push(unit(w, ps.iter().map(|p| p.to_lowercase()).collect()));
                    }
                }
                ClauseKind::Phrase(p) => {
                    let ps: Vec<String> = parts(p).iter().map(|x| x.to_lowercase()).collect();
                    if !ps.is_empty() {
                        units.push(unit(p, ps));
                    }
                }
            }
        }
        units
    }

    /// A `-tail` after a word (see [`super::query::Clause::tail`]) is a wanted part
    /// of the previous word when the Finnish or Estonian fields hold it.
    fn read_tails(&mut self, units: &mut [Unit]) {
        for u in 1..units.len() {
            if !units[u].tail || units[u].parts.len() != 1 {
                continue;
            }
            let held = (0..self.langs.len()).any(|i| {
                let lang = self.langs[i];
                if !matches!(lang, Lang::Fi | Lang::Et) {
                    return false;
                }
                let part = units[u].parts[0].clone();
                let terms = self.analyse(i, &part);
                terms.len() == 1 && self.df(self.fields.body_of(lang), &terms[0]) > 0
            });
            if held {
                units[u].need = Need::Wanted;
                units[u].word = units[u - 1].word;
            }
        }
    }

    /// Marks stop words. A word is a stop word when it is one in the language
    /// whose fields hold it most: `de` in a French pool is left out, though a few
    /// English pages hold it too, while `now`, the name of a Basic function in a
    /// Danish pool, stays a word though English lists it. A word the index does not
    /// hold is a stop word if any language lists it. A query of stop words only is
    /// searched as written.
    fn mark_stop_words(&self, units: &mut [Unit]) {
        for u in units.iter_mut() {
            if u.need != Need::Wanted || u.parts.len() != 1 {
                continue;
            }
            let listed: Vec<bool> = self
                .langs
                .iter()
                .map(|l| stopwords::is_stop_word(*l, &u.parts[0]))
                .collect();
            if !listed.contains(&true) {
                continue;
            }
            let held = self.langs.iter().enumerate().filter_map(|(i, lang)| {
                let [term] = u.terms[i].as_slice() else {
                    return None;
                };
                let df = self.df(self.fields.body_of(*lang), term);
                (df > 0).then_some((df, i))
            });
            u.stop = match held.max() {
                Some((_, i)) => listed[i],
                None => true,
            };
        }
        if units.iter().all(|u| u.stop || u.need == Need::Excluded) {
            for u in units.iter_mut() {
                u.stop = false;
            }
        }
    }

    /// The query matching one unit in any language: its term (or phrase) in title
    /// and body, and the alternatives compounds gave it.
    fn unit_query(&self, unit: &Unit, mut any: Vec<(Occur, Box<dyn Query>)>) -> Box<dyn Query> {
        for (i, lang) in self.langs.iter().enumerate() {
            let terms = &unit.terms[i];
            if terms.is_empty() {
                continue;
            }
            for (field, boost) in [
                (self.fields.title_of(*lang), self.ranking.title_boost),
                (self.fields.body_of(*lang), 1.0),
            ] {
                let q: Box<dyn Query> = if terms.len() == 1 {
                    if self.df(field, &terms[0]) == 0 {
                        continue;
                    }
                    self.term_query(field, *lang, &terms[0])
                } else {
                    if terms.iter().any(|t| self.df(field, t) == 0) {
                        continue;
                    }
                    Box::new(PhraseQuery::new(
                        terms
                            .iter()
                            .map(|t| Term::from_field_text(field, t))
                            .collect(),
                    ))
                };
                any.push((Occur::Should, boosted(q, boost * self.typo_weight(unit, i))));
            }
        }
        Box::new(BooleanQuery::new(any))
    }

    /// The documents holding `text` in `field` (of language `lang`), BM25-scored.
    fn term_query(&self, field: Field, lang: Lang, text: &str) -> Box<dyn Query> {
        let lang_docs = Term::from_field_text(self.fields.facet(Facet::Lang), lang.code());
        Box::new(Bm25Term::new(
            Term::from_field_text(field, text),
            lang_docs,
            self.ranking.k1,
            self.ranking.b,
        ))
    }

    /// Documents of `lang` holding every one of `terms` (title or body).
    fn all_of(&self, lang: Lang, terms: &[String]) -> Box<dyn Query> {
        let must: Vec<(Occur, Box<dyn Query>)> = terms
            .iter()
            .map(|t| {
                let any: Vec<(Occur, Box<dyn Query>)> = [
                    (self.fields.title_of(lang), self.ranking.title_boost),
                    (self.fields.body_of(lang), 1.0),
                ]
                .into_iter()
                .map(|(field, boost)| {
                    (
                        Occur::Should,
                        boosted(self.term_query(field, lang, t), boost),
                    )
                })
                .collect();
                (
                    Occur::Must,
                    Box::new(BooleanQuery::new(any)) as Box<dyn Query>,
                )
            })
            .collect();
        Box::new(BooleanQuery::new(must))
    }

    /// Bonuses for words standing together: the parts of one hyphenated word next
    /// to each other in order, and all the query's words within the slop.
    fn proximity(&self, units: &[Unit]) -> Vec<(Occur, Box<dyn Query>)> {
        let mut out = Vec::new();
        let wanted: Vec<&Unit> = units
            .iter()
            .filter(|u| u.need != Need::Excluded && !u.stop && u.parts.len() == 1)
            .collect();
        let mut groups: Vec<(Vec<&Unit>, u32, f32)> = Vec::new();
        if self.ranking.adjacency > 0.0 {
            let mut start = 0;
            while start < wanted.len() {
                let mut end = start + 1;
                while end < wanted.len() && wanted[end].word == wanted[start].word {
                    end += 1;
                }
                if end - start > 1 {
                    groups.push((wanted[start..end].to_vec(), 0, self.ranking.adjacency));
                }
                start = end;
            }
        }
        if self.ranking.proximity > 0.0 && wanted.len() > 1 {
            groups.push((wanted.clone(), self.ranking.slop, self.ranking.proximity));
        }
        for (group, slop, boost) in groups {
            for (i, lang) in self.langs.iter().enumerate() {
                let terms: Vec<&String> = group.iter().filter_map(|u| u.terms[i].first()).collect();
                if terms.len() < 2 {
                    continue;
                }
                for field in [self.fields.title_of(*lang), self.fields.body_of(*lang)] {
                    // A field lacking one of the words cannot hold them together:
                    // leave it out rather than open a phrase scorer that finds nothing.
                    if terms.iter().any(|t| self.df(field, t) == 0) {
                        continue;
                    }
                    let mut phrase = PhraseQuery::new(
                        terms
                            .iter()
                            .map(|t| Term::from_field_text(field, t))
                            .collect(),
                    );
                    phrase.set_slop(slop);
                    out.push((Occur::Should, boosted(Box::new(phrase), boost)));
                }
            }
        }
        out
    }

    /// The terms of `query` worth highlighting: all but the stop words of their
    /// field's language.
    fn collect_highlight(&self, query: &dyn Query, out: &mut Vec<Term>) {
        let mut seen: HashSet<Term> = out.iter().cloned().collect();
        query.query_terms(&mut |term, _| {
            if !seen.contains(term) && !is_stop_term(self.fields, term) {
                seen.insert(term.clone());
                out.push(term.clone());
            }
        });
    }
}

/// Gives each unit the alternatives whose token span covers one of its tokens.
/// Tokens are counted over the parts of the units that are not excluded, in order,
/// as the expansion counts them.
fn attach(units: &mut [Unit], alternatives: &[(Range<usize>, Box<dyn Query>)]) {
    let mut token = 0;
    for unit in units.iter_mut().filter(|u| u.need != Need::Excluded) {
        let span = token..token + unit.parts.len();
        token = span.end;
        if unit.stop {
            continue;
        }
        for (covered, q) in alternatives {
            if covered.start < span.end && span.start < covered.end {
                unit.alternatives.push((Occur::Should, q.box_clone()));
            }
        }
    }
}

/// Whether a term is a stop word of its field's language.
pub fn is_stop_term(fields: &Fields, term: &Term) -> bool {
    let Some(lang) = fields.lang_of(term.field()) else {
        return false;
    };
    term.value()
        .as_str()
        .is_some_and(|t| stopwords::is_stop_term(lang, t))
}

fn boosted(q: Box<dyn Query>, boost: f32) -> Box<dyn Query> {
    if (boost - 1.0).abs() < f32::EPSILON {
        q
    } else {
        Box::new(BoostQuery::new(q, boost))
    }
}
