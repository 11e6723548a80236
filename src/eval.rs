//! Relevance evaluation: runs a judged query set (`eval/relevance.yaml`) against the
//! index with cross-lingual expansion on and off, and reports MRR@k, Recall@k and
//! nDCG@k per query language, plus the two figures the cross-lingual work is judged
//! by: Recall@k over the relevant documents in *other* languages, and MRR@k over
//! the relevant documents in the query's *own* language. It also runs a JSON-lines
//! batch of queries and writes a TREC run (`clusterpool run`), which the relevance
//! benchmark in `bench/relevance/` scores.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::search::{Engine, SearchRequest};
use crate::{Error, Result};

#[derive(Deserialize)]
struct QueryFile {
    queries: Vec<JudgedQuery>,
}

/// One query with its relevant documents.
#[derive(Clone, Debug, Deserialize)]
pub struct JudgedQuery {
    /// Query id.
    pub id: String,
    /// Language the query is written in.
    pub lang: String,
    /// The query text.
    pub q: String,
    /// Ids of the relevant documents.
    pub relevant: Vec<String>,
}

/// Mean figures for a group of queries.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Figures {
    /// Queries in the group.
    pub queries: usize,
    /// Mean reciprocal rank of the first relevant hit in the top k.
    pub mrr: f64,
    /// Share of relevant documents found in the top k.
    pub recall: f64,
    /// Normalised discounted cumulative gain at k (binary relevance).
    pub ndcg: f64,
    /// Recall@k over relevant documents in other languages than the query's.
    pub cross_recall: f64,
    /// MRR@k over relevant documents in the query's own language (queries with any).
    pub same_mrr: f64,
    /// Queries that have same-language relevant documents.
    pub same_queries: usize,
}

/// The evaluation of one configuration, overall and per query language.
#[derive(Clone, Debug, Serialize)]
pub struct Evaluation {
    /// Cut-off.
    pub k: usize,
    /// Whether cross-lingual expansion was on.
    pub cross_lingual: bool,
    /// All queries.
    pub overall: Figures,
    /// Per query language.
    pub by_lang: BTreeMap<String, Figures>,
}

/// Reads a query file.
pub fn load(path: &Path) -> Result<Vec<JudgedQuery>> {
    let src = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let file: QueryFile = serde_norway::from_str(&src).map_err(|e| Error::Config {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    Ok(file.queries)
}

#[derive(Default)]
struct Sums {
    n: usize,
    mrr: f64,
    recall: f64,
    ndcg: f64,
    cross_recall: f64,
    cross_n: usize,
    same_mrr: f64,
    same_n: usize,
}

impl Sums {
    fn figures(&self) -> Figures {
        let div = |a: f64, n: usize| if n == 0 { 0.0 } else { a / n as f64 };
        Figures {
            queries: self.n,
            mrr: div(self.mrr, self.n),
            recall: div(self.recall, self.n),
            ndcg: div(self.ndcg, self.n),
            cross_recall: div(self.cross_recall, self.cross_n),
            same_mrr: div(self.same_mrr, self.same_n),
            same_queries: self.same_n,
        }
    }
}

fn reciprocal_rank(ranked: &[String], relevant: &HashSet<&str>) -> f64 {
    ranked
        .iter()
        .position(|id| relevant.contains(id.as_str()))
        .map_or(0.0, |i| 1.0 / (i + 1) as f64)
}

fn recall(ranked: &[String], relevant: &HashSet<&str>) -> f64 {
    if relevant.is_empty() {
        return 0.0;
    }
    let found = ranked
        .iter()
        .filter(|id| relevant.contains(id.as_str()))
        .count();
    found as f64 / relevant.len() as f64
}

fn ndcg(ranked: &[String], relevant: &HashSet<&str>, k: usize) -> f64 {
    let dcg: f64 = ranked
        .iter()
        .enumerate()
        .filter(|(_, id)| relevant.contains(id.as_str()))
        .map(|(i, _)| 1.0 / ((i + 2) as f64).log2())
        .sum();
    let ideal: f64 = (0..relevant.len().min(k))
        .map(|i| 1.0 / ((i + 2) as f64).log2())
        .sum();
    if ideal == 0.0 { 0.0 } else { dcg / ideal }
}

/// Runs every query once with the given expansion setting.
pub fn evaluate(
    engine: &Engine,
    queries: &[JudgedQuery],
    k: usize,
    cross_lingual: bool,
) -> Result<Evaluation> {
    let mut doc_lang: HashMap<String, String> = HashMap::new();
    let mut overall = Sums::default();
    let mut by_lang: BTreeMap<String, Sums> = BTreeMap::new();
    for q in queries {
        let mut req = SearchRequest::from_pairs([("q", q.q.as_str())])?;
        req.per_page = k;
        req.cross_lingual = cross_lingual;
        let ranked: Vec<String> = engine
            .search(&req)?
            .hits
            .into_iter()
            .map(|h| h.card.summary.id)
            .collect();
        for id in &q.relevant {
            if !doc_lang.contains_key(id) {
                let lang = engine.document(id).map(|d| d.card.summary.lang)?;
                doc_lang.insert(id.clone(), lang);
            }
        }
        let all: HashSet<&str> = q.relevant.iter().map(String::as_str).collect();
        let (same, other): (HashSet<&str>, HashSet<&str>) =
            all.iter().partition(|id| doc_lang[**id] == q.lang);
        for sums in [&mut overall, by_lang.entry(q.lang.clone()).or_default()] {
            sums.n += 1;
            sums.mrr += reciprocal_rank(&ranked, &all);
            sums.recall += recall(&ranked, &all);
            sums.ndcg += ndcg(&ranked, &all, k);
            if !other.is_empty() {
                sums.cross_n += 1;
                sums.cross_recall += recall(&ranked, &other);
            }
            if !same.is_empty() {
                sums.same_n += 1;
                sums.same_mrr += reciprocal_rank(&ranked, &same);
            }
        }
    }
    Ok(Evaluation {
        k,
        cross_lingual,
        overall: overall.figures(),
        by_lang: by_lang.into_iter().map(|(l, s)| (l, s.figures())).collect(),
    })
}

/// One line of a batch query file (`clusterpool run`).
#[derive(Deserialize)]
struct BatchQuery {
    id: String,
    q: String,
}

/// Runs every query of a JSON-lines file (`{"id": …, "q": …}` per line) and writes
/// the top `k` hits as a TREC run (`qid Q0 docid rank score clusterpool`), the
/// format every relevance tool reads, so the engine can be judged side by side with
/// other engines by one scorer. A query with no hit writes nothing. Returns the
/// number of queries run.
pub fn run_batch(
    engine: &Engine,
    source: &Path,
    input: impl std::io::BufRead,
    mut out: impl std::io::Write,
    k: usize,
    cross_lingual: bool,
) -> Result<usize> {
    let mut n = 0;
    for (i, line) in input.lines().enumerate() {
        let line = line.map_err(|e| Error::io(source, e))?;
        if line.trim().is_empty() {
            continue;
        }
        let query: BatchQuery = serde_json::from_str(&line).map_err(|e| Error::Config {
            path: source.to_path_buf(),
            message: format!("line {}: {e}", i + 1),
        })?;
        // A query the engine refuses (too long) is reported and run as nothing, so
        // one bad line cannot void a whole benchmark set.
        let mut req = match SearchRequest::from_pairs([("q", query.q.as_str())]) {
            Ok(req) => req,
            Err(e) => {
                tracing::warn!(query = %query.id, error = %e, "query skipped");
                n += 1;
                continue;
            }
        };
        req.per_page = k;
        req.cross_lingual = cross_lingual;
        let response = engine.search(&req)?;
        for (rank, hit) in response.hits.iter().enumerate() {
            writeln!(
                out,
                "{} Q0 {} {} {:.6} clusterpool",
                query.id,
                hit.id,
                rank + 1,
                hit.score.unwrap_or(0.0)
            )
            .map_err(Error::Output)?;
        }
        n += 1;
    }
    out.flush().map_err(Error::Output)?;
    Ok(n)
}

/// A side-by-side table of two evaluations (expansion off, on).
pub fn table(off: &Evaluation, on: &Evaluation) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "| lang | queries | MRR@{k} off | MRR@{k} on | Recall@{k} off | Recall@{k} on | nDCG@{k} off | nDCG@{k} on | cross-lingual Recall@{k} off | on | same-language MRR@{k} off | on |",
        k = on.k
    );
    let _ = writeln!(s, "|---|---|---|---|---|---|---|---|---|---|---|---|");
    let row = |s: &mut String, name: &str, a: &Figures, b: &Figures| {
        let _ = writeln!(
            s,
            "| {name} | {} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} |",
            a.queries,
            a.mrr,
            b.mrr,
            a.recall,
            b.recall,
            a.ndcg,
            b.ndcg,
            a.cross_recall,
            b.cross_recall,
            a.same_mrr,
            b.same_mrr
        );
    };
    for (lang, a) in &off.by_lang {
        if let Some(b) = on.by_lang.get(lang) {
            row(&mut s, lang, a, b);
        }
    }
    row(&mut s, "**all**", &off.overall, &on.overall);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metrics_on_a_hand_worked_ranking() {
        let ranked: Vec<String> = ["a", "x", "b", "y"].iter().map(|s| s.to_string()).collect();
        let relevant: HashSet<&str> = ["b", "c"].into_iter().collect();
        assert_eq!(reciprocal_rank(&ranked, &relevant), 1.0 / 3.0);
        assert_eq!(recall(&ranked, &relevant), 0.5);
        let expected = (1.0 / 4f64.log2()) / (1.0 + 1.0 / 3f64.log2());
        assert!((ndcg(&ranked, &relevant, 10) - expected).abs() < 1e-12);
    }
}
