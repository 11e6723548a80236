//! Compounds for the languages that write them as one word (da, sv, no, de, fi,
//! et): a long query word split into two parts the index knows better, and two
//! neighbouring query words joined into a compound the index holds; both become
//! alternatives of the units they stand for.

use tantivy::query::Occur;

use super::{Planner, Unit, boosted};
use crate::lang::Lang;
use crate::search::query::Need;

/// Links that may join the parts of a compound, by language (German `Fugen`;
/// the Scandinavian `s` and `e`; Finnish and Estonian join parts bare).
fn linking(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::De => &["", "s", "es", "n", "en", "e", "er"],
        Lang::Da | Lang::Sv | Lang::No => &["", "s", "e"],
        Lang::Fi | Lang::Et => &[""],
        _ => &[],
    }
}

impl Planner<'_> {
    /// Compound forms: a long word split into two parts the index knows better than
    /// the whole (Koehn and Knight's criterion: the geometric mean of the parts'
    /// document frequencies beats the word's own), and two neighbouring words
    /// joined into a compound the index holds. Both become alternatives of the
    /// units they stand for.
    pub(super) fn compound_alternatives(&mut self, units: &mut [Unit]) {
        for i in 0..self.langs.len() {
            let lang = self.langs[i];
            let links = linking(lang);
            if links.is_empty() {
                continue;
            }
            let body = self.fields.body_of(lang);
            for unit in units.iter_mut() {
                if unit.parts.len() != 1 || unit.stop || unit.need == Need::Excluded {
                    continue;
                }
                if let Some((left, right)) = self.best_split(i, &unit.parts[0], &unit.terms[i]) {
                    let q = self.all_of(lang, &[left, right]);
                    unit.alternatives
                        .push((Occur::Should, boosted(q, self.ranking.compound_boost)));
                }
            }
            for u in 1..units.len() {
                let (a, b) = (&units[u - 1], &units[u]);
                if a.parts.len() != 1 || b.parts.len() != 1 || a.stop || b.stop {
                    continue;
                }
                if a.need == Need::Excluded || b.need == Need::Excluded {
                    continue;
                }
                let joined = links.iter().find_map(|link| {
                    let word = format!("{}{link}{}", a.parts[0], b.parts[0]);
                    let terms = self.analyse(i, &word);
                    (terms.len() == 1 && self.df(body, &terms[0]) > 0).then(|| terms[0].clone())
                });
                if let Some(term) = joined {
                    let q = self.all_of(lang, std::slice::from_ref(&term));
                    let q = boosted(q, self.ranking.compound_boost);
                    units[u - 1]
                        .alternatives
                        .push((Occur::Should, q.box_clone()));
                    units[u].alternatives.push((Occur::Should, q));
                }
            }
        }
    }

    /// The best two-part split of `word` in language `i`, as analysed terms.
    fn best_split(&mut self, i: usize, word: &str, whole: &[String]) -> Option<(String, String)> {
        const MIN_PART: usize = 3;
        let chars: Vec<char> = word.chars().collect();
        if chars.len() < 2 * MIN_PART + 1 || whole.len() != 1 {
            return None;
        }
        let lang = self.langs[i];
        let body = self.fields.body_of(lang);
        let own = self.df(body, &whole[0]) as f64;
        let mut best: Option<(f64, String, String)> = None;
        for cut in MIN_PART..=chars.len() - MIN_PART {
            let right: String = chars[cut..].iter().collect();
            let right_terms = self.analyse(i, &right);
            let [right_term] = right_terms.as_slice() else {
                continue;
            };
            let right_df = self.df(body, right_term);
            if right_df == 0 {
                continue;
            }
            for link in linking(lang) {
                let left: String = chars[..cut].iter().collect();
                let Some(left) = left.strip_suffix(link) else {
                    continue;
                };
                if left.chars().count() < MIN_PART {
                    continue;
                }
                let left_terms = self.analyse(i, left);
                let [left_term] = left_terms.as_slice() else {
                    continue;
                };
                let left_df = self.df(body, left_term);
                if left_df == 0 {
                    continue;
                }
                let score = ((left_df * right_df) as f64).sqrt();
                if score > own && best.as_ref().is_none_or(|(s, _, _)| score > *s) {
                    best = Some((score, left_term.clone(), right_term.clone()));
                }
            }
        }
        best.map(|(_, l, r)| (l, r))
    }
}
