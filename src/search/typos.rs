//! Typos: a query word that no document holds in any language the search may
//! return (its `lang` filter), or none in the languages that hold the query's
//! other words, is looked for within an edit
//! distance that grows with its length (none up to four letters, one up to eight,
//! two beyond), first letter kept, among those languages' indexed terms; a
//! diacritic left out costs nothing (Latvian, Lithuanian, Polish, German, French
//! and English are folded in the index already; in the languages that keep
//! their letters the search reaches two edits, so a word may lack two of them,
//! or one beside a real typo). The planner (`plan::correct_typos`) lets the
//! nearest term of each language stand in for the word, scored below an exact
//! match, and the word as documents write it makes the answer's `did_you_mean`.
//! A word found in a language that holds the query's other words is never
//! touched, so such a query plans exactly as before.

use std::collections::HashMap;

use tantivy::query::FuzzyTermQuery;
use tantivy::schema::Field;
use tantivy::{DocSet, Searcher, TERMINATED, TantivyDocument, Term};

use super::plan::Typo;
use super::{Correction, Engine};
use crate::analysis::{self, capitalise, fold, folds_diacritics, word_spans};
use crate::index::stored_text;
use crate::lang::Lang;

/// Documents read, at most, to find how the corrected word is written.
const SURFACE_DOCS: usize = 3;
/// Languages whose written forms are compared for a `did_you_mean`.
const SURFACE_LANGS: usize = 2;

impl Engine {
    /// The query as the pool would spell it, and each word searched for instead:
    /// per typo, the written forms of its nearest terms in the query's languages
    /// first (`prefer`), then the nearest and commonest, the form nearest what was
    /// typed winning.
    pub(super) fn did_you_mean(
        &self,
        searcher: &Searcher,
        query: &str,
        typos: &[Typo],
        prefer: &[Lang],
    ) -> tantivy::Result<(Option<String>, Vec<Correction>)> {
        let mut corrections = Vec::new();
        let mut rewritten = query.to_string();
        for typo in typos {
            let mut order: Vec<&(Lang, Nearest)> = typo.nearest.iter().collect();
            order.sort_by_key(|(lang, n)| {
                (!prefer.contains(lang), n.distance, std::cmp::Reverse(n.df))
            });
            let typed = fold(&typo.written);
            let mut best: Option<(usize, String, Lang)> = None;
            for (lang, n) in order.into_iter().take(SURFACE_LANGS) {
                let field = self.fields.body_of(*lang);
                let Some(form) = surface(searcher, field, *lang, &n.term, &typo.written)? else {
                    continue;
                };
                let distance = strsim::osa_distance(&fold(&form), &typed);
                if best.as_ref().is_none_or(|(d, _, _)| distance < *d) {
                    best = Some((distance, form, *lang));
                }
            }
            if let Some((_, form, lang)) = best {
                rewritten = rewrite(&rewritten, &typo.written, &form);
                corrections.push(Correction {
                    written: typo.written.clone(),
                    corrected: if typo.written.starts_with(char::is_uppercase) {
                        capitalise(&form)
                    } else {
                        form
                    },
                    lang: lang.code().to_string(),
                });
            }
        }
        Ok(((!corrections.is_empty()).then_some(rewritten), corrections))
    }
}

/// The edits a written word may be away from an indexed term, by its length in
/// letters as typed (the distance is then taken between analysed terms, which a
/// stemmer may have shortened alike): short words are too easily another word to
/// be corrected at all.
pub fn budget(word: &str) -> u8 {
    match word.chars().count() {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

/// Whether a word may be corrected: letters only (numbers, codes and versions are
/// meant as written).
pub fn correctable(word: &str) -> bool {
    word.chars().all(char::is_alphabetic)
}

/// The nearest indexed term to a query term in one field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Nearest {
    /// The indexed (analysed) term.
    pub term: String,
    /// Edits from the query term, diacritics not counted.
    pub distance: usize,
    /// Documents holding it.
    pub df: u64,
}

/// The indexed term of `field` nearest `term` within `budget` edits (diacritics
/// free, first letter kept), the commoner of equally near ones.
pub fn nearest(
    searcher: &Searcher,
    field: Field,
    lang: Lang,
    term: &str,
    budget: u8,
) -> tantivy::Result<Option<Nearest>> {
    // Where the language keeps its diacritics (sv `ä`, da `ø`), a term typed
    // without them is one substitution per letter away in the dictionary: look one
    // edit further and count only edits that remain once both are folded.
    let reach = if folds_diacritics(lang) {
        budget
    } else {
        (budget + 1).min(2)
    };
    if reach == 0 {
        return Ok(None);
    }
    let automaton =
        FuzzyTermQuery::new(Term::from_field_text(field, term), reach, true).automaton()?;
    let folded_term = fold(term);
    let first = folded_term.chars().next();
    let mut found: HashMap<String, u64> = HashMap::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut stream = inverted.terms().search(&automaton).into_stream()?;
        while stream.advance() {
            let Ok(candidate) = std::str::from_utf8(stream.key()) else {
                continue;
            };
            *found.entry(candidate.to_string()).or_default() += u64::from(stream.value().doc_freq);
        }
    }
    Ok(found
        .into_iter()
        .filter_map(|(candidate, df)| {
            let folded = fold(&candidate);
            if folded.chars().next() != first {
                return None;
            }
            let distance = strsim::osa_distance(&folded, &folded_term);
            (distance <= usize::from(budget)).then_some(Nearest {
                term: candidate,
                distance,
                df,
            })
        })
        // Nearest first, then the most documents, then the term for a stable answer.
        .min_by(|a, b| {
            a.distance
                .cmp(&b.distance)
                .then(b.df.cmp(&a.df))
                .then(a.term.cmp(&b.term))
        }))
}

/// How documents of `lang` write `term` of `field` (analysed): the written form,
/// among those in the first documents holding it, nearest `written` (what the user
/// typed), lower-cased.
pub fn surface(
    searcher: &Searcher,
    field: Field,
    lang: Lang,
    term: &str,
    written: &str,
) -> tantivy::Result<Option<String>> {
    let wanted = Term::from_field_text(field, term);
    let mut forms: HashMap<String, usize> = HashMap::new();
    let mut read = 0;
    'segments: for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        let inverted = segment.inverted_index(field)?;
        let Some(mut postings) =
            inverted.read_postings(&wanted, tantivy::schema::IndexRecordOption::Basic)?
        else {
            continue;
        };
        let mut doc = postings.doc();
        while doc != TERMINATED {
            if segment.is_deleted(doc) {
                doc = postings.advance();
                continue;
            }
            let stored: TantivyDocument =
                searcher.doc(tantivy::DocAddress::new(ord as u32, doc))?;
            if let Some(text) = stored_text(&stored, field) {
                collect_forms(lang, &text, term, &mut forms);
            }
            read += 1;
            if read >= SURFACE_DOCS {
                break 'segments;
            }
            doc = postings.advance();
        }
    }
    let typed = fold(written);
    let best = forms.into_iter().min_by(|(a, na), (b, nb)| {
        strsim::osa_distance(&fold(a), &typed)
            .cmp(&strsim::osa_distance(&fold(b), &typed))
            .then(nb.cmp(na))
            .then(a.cmp(b))
    });
    Ok(best.map(|(form, _)| form))
}

/// The written forms in `text` that `lang`'s analyzer turns into `term`, counted.
fn collect_forms(lang: Lang, text: &str, term: &str, forms: &mut HashMap<String, usize>) {
    let mut analyzer = analysis::cached_analyzer(lang);
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        let token = stream.token();
        if token.text == term
            && let Some(form) = text.get(token.offset_from..token.offset_to)
        {
            *forms.entry(form.to_lowercase()).or_default() += 1;
        }
    }
}

/// `query` with every occurrence of the written word `from` (case aside) that
/// the parser reads as a wanted or required word replaced by `to`, capitalised
/// where the occurrence was: not inside a quoted phrase, not excluded (`-word`,
/// `NOT word`), not part of a longer word.
pub fn rewrite(query: &str, from: &str, to: &str) -> String {
    let wanted = from.to_lowercase();
    let quoted = quoted_spans(query);
    let mut out = String::with_capacity(query.len());
    let mut last = 0;
    for (start, word) in word_spans(query) {
        let in_phrase = quoted.iter().any(|q| q.contains(&start));
        if in_phrase || word.to_lowercase() != wanted || excluded(query, start) {
            continue;
        }
        out.push_str(&query[last..start]);
        if word.chars().next().is_some_and(char::is_uppercase) {
            out.push_str(&capitalise(to));
        } else {
            out.push_str(to);
        }
        last = start + word.len();
    }
    out.push_str(&query[last..]);
    out
}

/// Whether the parser reads the word at byte `at` as excluded: its token (the
/// text since the last separator or quote) is signed `-` (a `-` before another
/// sign is none), or the token before it is `NOT`.
fn excluded(query: &str, at: usize) -> bool {
    let is_separator = |c: char| c.is_whitespace() || "()[]{}".contains(c);
    let before = &query[..at];
    let token_start = before
        .rfind(|c: char| is_separator(c) || c == '"')
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    let mut token = query[token_start..].chars();
    if token.next() == Some('-') && !matches!(token.next(), Some('-' | '+')) {
        return true;
    }
    let previous = query[..token_start]
        .trim_end_matches(is_separator)
        .rsplit(is_separator)
        .next()
        .unwrap_or_default();
    previous == "NOT"
}

/// The byte spans inside balanced double quotes (the parser's phrases; an
/// unbalanced quote opens none).
fn quoted_spans(text: &str) -> Vec<std::ops::Range<usize>> {
    let marks: Vec<usize> = text.match_indices('"').map(|(i, _)| i).collect();
    marks.chunks_exact(2).map(|p| p[0] + 1..p[1]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_budget_grows_with_the_word() {
        assert_eq!(budget("kart"), 0);
        assert_eq!(budget("klastru"), 1);
        assert_eq!(budget("benchmarkng"), 2);
        assert!(correctable("kartešana"));
        assert!(!correctable("ISO9001"));
    }

    /// Each `(query, from, to, expected)` rewritten as expected.
    fn rewrites(cases: &[(&str, &str, &str, &str)]) {
        for (query, from, to, expected) in cases {
            assert_eq!(rewrite(query, from, to), *expected, "{query}");
        }
    }

    #[test]
    fn a_word_is_rewritten_only_where_it_stands_alone() {
        rewrites(&[
            (
                "klastru kartešana",
                "klastru",
                "klasteru",
                "klasteru kartešana",
            ),
            ("bench benchmarkng", "bench", "x", "x benchmarkng"),
            ("benchmarkng bench", "bench", "x", "benchmarkng x"),
            ("+survay", "survay", "survey", "+survey"),
        ]);
    }

    #[test]
    fn phrases_exclusions_and_every_spelling_of_the_word_are_respected() {
        rewrites(&[
            ("-survay survay", "survay", "survey", "-survay survey"),
            ("NOT survay survay", "survay", "survey", "NOT survay survey"),
            (
                r#""member survay" survay"#,
                "survay",
                "survey",
                r#""member survay" survey"#,
            ),
            ("survay Survay", "survay", "survey", "survey Survey"),
            // As the parser reads signs and NOT: only a token's own leading `-`
            // excludes it, and only a bare NOT before it.
            ("x/-survay", "survay", "survey", "x/-survey"),
            ("--survay", "survay", "survey", "--survey"),
            ("+-survay", "survay", "survey", "+-survey"),
            ("-member-survay", "survay", "survey", "-member-survay"),
            ("NOT member-survay", "survay", "survey", "NOT member-survay"),
            ("foo.NOT survay", "survay", "survey", "foo.NOT survey"),
            (r#""NOT" survay"#, "survay", "survey", r#""NOT" survey"#),
            // Within a hyphenated word the part is a word of its own.
            ("member-survay", "survay", "survey", "member-survey"),
            // An unbalanced quote is a space to the parser.
            (r#""survay"#, "survay", "survey", r#""survey"#),
            (
                "kartešana Kartešana",
                "kartešana",
                "kartēšana",
                "kartēšana Kartēšana",
            ),
        ]);
    }
}
