//! `bench-search`: in-process query latency of clusterpool's search engine, for
//! `bench/run.py`.
//!
//! ```text
//! bench-search --index DIR --queries queries.jsonl [--modes full,no_xl,top1,raw,raw_docs,raw_snip]
//!              [--warmup 1] [--repeat 1]
//! ```
//!
//! The query file has one JSON object per line: `{"q", "lang", "type", "kind"}`
//! (`lang`/`type` may be null). Every query goes through
//! `SearchRequest::from_pairs` and `Engine::search`, exactly as the HTTP API calls
//! them (facets and snippets included), after `--warmup` untimed passes.
//!
//! Besides `full`, modes that take parts away, to see where the time goes:
//!
//! | mode | what runs |
//! | --- | --- |
//! | `full` | `Engine::search`, 10 hits, facets, snippets, cross-lingual expansion |
//! | `no_xl` | the same with `cross_lingual=false` |
//! | `words` | the same with `semantic=false` (with `--semantic`, `full` also matches by meaning: the query is embedded and fused) |
//! | `repeated` | `full` with the vectors of queries already asked kept, as when a reader ticks a facet or turns a page (every other mode embeds each query anew) |
//! | `no_typos` | `full` with the ranking's typo tolerance off (`typos=off`) |
//! | `suggest` | `Engine::suggest` (8 completions) on each query cut as while typing: quotes dropped, the first 60 % of its characters (at least 2), with the query's `lang` filter if it has one |
//! | `top1` | the same with `per_page=1` (one stored document and one snippet) |
//! | `raw` | bare tantivy on the same index: AND query over every `title_xx` (boost 2) and `body_xx`, the filters as term queries, `Count` + top 10 |
//! | `raw_docs` | `raw` + loading the 10 stored documents |
//! | `raw_snip` | `raw_docs` + a 240-character snippet from each hit's body field |
//!
//! `--misspell` searches a misspelled copy of the workload instead: in each
//! unquoted query, the middle letter of its longest word of five letters or more
//! is dropped (queries without such a word are left out). Each mode reports how
//! many answers carried a `did_you_mean` (`corrected`) and how many of those gave
//! back the query as it was before the letter was dropped (`restored`).
//!
//! `--answers FILE` writes, after the timing, the engine's answer to every query
//! as JSON lines: total, `relaxed`, `did_you_mean`, corrections, query languages,
//! expanded concepts, facet counts, and the hits with scores, snippets, marks and
//! missing words. `--compare FILE` answers the workload again and reports every
//! query whose answer differs from the file's (scores within a relative 1e-5,
//! hits of equal score in any order, everything else exactly), failing when any
//! does. An optimisation of the search path is checked so: answers from the
//! build before, compared by the build after.
//!
//! So `full − raw_snip` is roughly facet counting, expansion, the coordinated
//! ranking, the `relaxed` check and building the response.
//!
//! `--detect-jsonl docs.jsonl` (the JSONL of `bench/run.py`, with the true `lang`)
//! times language detection alone, per document body, for the indexer's profile:
//! `clusterpool::lang::detect` as the indexer calls it, and lingua configured
//! otherwise (shorter samples, low-accuracy mode), each with its accuracy against
//! the generator's language. Prints one JSON object.

use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use serde::Deserialize;
use serde_json::{Value as Json, json};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query, QueryParser, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::snippet::SnippetGenerator;
use tantivy::{TantivyDocument, Term};

use clusterpool::index::stored_text;
use clusterpool::lang::Lang;
use clusterpool::schema::{self, Facet};
use clusterpool::search::{Engine, Ranking, SearchRequest, SuggestRequest};

#[derive(Parser)]
#[command(
    name = "bench-search",
    about = "In-process query latency for bench/run.py"
)]
struct Cli {
    /// Index folder (as given to `clusterpool --index`).
    #[arg(long)]
    index: PathBuf,
    /// Query file (JSONL).
    #[arg(long)]
    queries: Option<PathBuf>,
    /// Also time language detection on the bodies of this JSONL file.
    #[arg(long)]
    detect_jsonl: Option<PathBuf>,
    /// Documents of `--detect-jsonl` to use.
    #[arg(long, default_value_t = 2000)]
    detect_limit: usize,
    /// Comma-separated modes.
    #[arg(long, default_value = "full")]
    modes: String,
    /// Untimed passes before each mode.
    #[arg(long, default_value_t = 1)]
    warmup: usize,
    /// Timed passes per mode.
    #[arg(long, default_value_t = 1)]
    repeat: usize,
    /// Time the exact scan by meaning (`search::vectors`) over an in-memory index of
    /// this many documents of three passages each (random unit vectors: the scan's
    /// cost does not depend on what they say), and print its p50/p99.
    #[arg(long)]
    vector_scan: Option<usize>,
    /// Write every query's whole answer to this file (JSON lines).
    #[arg(long)]
    answers: Option<PathBuf>,
    /// Compare every query's answer with this file's (from `--answers`).
    #[arg(long)]
    compare: Option<PathBuf>,
    /// Search a misspelled copy of the workload (see the module's comment).
    #[arg(long)]
    misspell: bool,
    /// Load the e5 model, so `full` matches by meaning too (mode `words` is the
    /// same search with `semantic=false`).
    #[arg(long)]
    semantic: bool,
}

#[derive(Deserialize)]
struct InQuery {
    q: String,
    #[serde(default)]
    lang: Option<String>,
    #[serde(default, rename = "type")]
    doc_type: Option<String>,
    #[serde(default)]
    kind: String,
    /// Before `--misspell` changed it.
    #[serde(skip)]
    original: Option<String>,
}

impl InQuery {
    /// The query with the middle letter of its longest word (five letters or
    /// more) dropped; none for phrases and queries of short words.
    fn misspelled(&self) -> Option<InQuery> {
        if self.q.contains('"') {
            return None;
        }
        let longest = self
            .q
            .split_whitespace()
            .filter(|w| w.chars().count() >= 5 && w.chars().all(char::is_alphabetic))
            .max_by_key(|w| w.chars().count())?;
        let chars: Vec<char> = longest.chars().collect();
        let mid = chars.len() / 2;
        let typo: String = chars[..mid].iter().chain(&chars[mid + 1..]).collect();
        let q = self
            .q
            .split_whitespace()
            .map(|w| if w == longest { typo.as_str() } else { w })
            .collect::<Vec<_>>()
            .join(" ");
        Some(InQuery {
            q,
            lang: self.lang.clone(),
            doc_type: self.doc_type.clone(),
            kind: self.kind.clone(),
            original: Some(self.q.clone()),
        })
    }

    fn group(&self) -> String {
        let filtered = self.lang.is_some() || self.doc_type.is_some();
        format!(
            "{}{}",
            if self.kind.is_empty() {
                "query"
            } else {
                &self.kind
            },
            if filtered { "+filter" } else { "" }
        )
    }

    /// The query as sent while typing it: quotes dropped, cut after 60 % of its
    /// characters (at least two), with its language filter.
    fn typing(&self) -> Vec<(String, String)> {
        let plain: Vec<char> = self.q.chars().filter(|c| *c != '"').collect();
        let keep = (plain.len() * 3 / 5).max(2).min(plain.len());
        let mut p = vec![("q".to_string(), plain[..keep].iter().collect())];
        if let Some(l) = &self.lang {
            p.push(("lang".into(), l.clone()));
        }
        p
    }

    fn pairs(&self, extra: &[(&str, &str)]) -> Vec<(String, String)> {
        let mut p = vec![("q".to_string(), self.q.clone())];
        if let Some(l) = &self.lang {
            p.push(("lang".into(), l.clone()));
        }
        if let Some(t) = &self.doc_type {
            p.push(("type".into(), t.clone()));
        }
        for (k, v) in extra {
            p.push((k.to_string(), v.to_string()));
        }
        p
    }
}

/// Bare tantivy over clusterpool's own index.
struct Raw {
    parser: QueryParser,
    fields: schema::Fields,
    reader: tantivy::IndexReader,
}

impl Raw {
    fn new(engine: &Engine) -> Result<Raw, String> {
        let index = engine.index();
        let fields = schema::fields(&index.schema()).map_err(|e| e.to_string())?;
        let text: Vec<Field> = fields
            .title_by_lang
            .iter()
            .chain(fields.body_by_lang.iter())
            .copied()
            .collect();
        let mut parser = QueryParser::for_index(index, text);
        for f in &fields.title_by_lang {
            parser.set_field_boost(*f, 2.0);
        }
        parser.set_conjunction_by_default();
        let reader = index.reader().map_err(|e| e.to_string())?;
        Ok(Raw {
            parser,
            fields,
            reader,
        })
    }

    fn query(&self, q: &InQuery) -> (Box<dyn Query>, Box<dyn Query>) {
        let (text, _) = self.parser.parse_query_lenient(&q.q);
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, text.box_clone())];
        for (facet, value) in [(Facet::Lang, &q.lang), (Facet::Type, &q.doc_type)] {
            if let Some(v) = value {
                clauses.push((
                    Occur::Must,
                    Box::new(TermQuery::new(
                        Term::from_field_text(self.fields.facet(facet), v),
                        IndexRecordOption::Basic,
                    )),
                ));
            }
        }
        (text, Box::new(BooleanQuery::new(clauses)))
    }

    /// Returns the total; `docs` loads the hits, `snippets` also makes snippets.
    fn run(&self, q: &InQuery, docs: bool, snippets: bool) -> Result<u64, String> {
        let searcher = self.reader.searcher();
        let (text, filtered) = self.query(q);
        let (count, top) = searcher
            .search(
                filtered.as_ref(),
                &(Count, TopDocs::with_limit(10).order_by_score()),
            )
            .map_err(|e| e.to_string())?;
        if docs {
            let mut generators: HashMap<Lang, SnippetGenerator> = HashMap::new();
            let mut chars = 0usize;
            for (_, address) in top {
                let doc: TantivyDocument = searcher.doc(address).map_err(|e| e.to_string())?;
                if !snippets {
                    continue;
                }
                let lang = stored_text(&doc, self.fields.facet(Facet::Lang))
                    .and_then(|l| l.parse().ok())
                    .unwrap_or(Lang::Und);
                let field = self.fields.body_of(lang);
                let body = stored_text(&doc, field).unwrap_or_default();
                let g = match generators.entry(lang) {
                    std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                    std::collections::hash_map::Entry::Vacant(v) => {
                        let mut g = SnippetGenerator::create(&searcher, text.as_ref(), field)
                            .map_err(|e| e.to_string())?;
                        g.set_max_num_chars(240);
                        v.insert(g)
                    }
                };
                chars += g.snippet(&body).to_html().len();
            }
            std::hint::black_box(chars);
        }
        Ok(count as u64)
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn summary(mut lat: Vec<f64>, zero: usize, seconds: f64) -> Json {
    let n = lat.len();
    let mean = lat.iter().sum::<f64>() / n.max(1) as f64;
    lat.sort_by(|a, b| a.total_cmp(b));
    json!({
        "queries": n,
        "zero_hits": zero,
        "seconds": seconds,
        "qps_1_thread": if seconds > 0.0 { n as f64 / seconds } else { 0.0 },
        "mean_ms": mean,
        "p50_ms": percentile(&lat, 50.0),
        "p95_ms": percentile(&lat, 95.0),
        "p99_ms": percentile(&lat, 99.0),
        "max_ms": lat.last().copied().unwrap_or(0.0),
    })
}

/// The exact scan by meaning over `docs` documents of three random passages each.
fn vector_scan(docs: usize) -> Result<Json, String> {
    use clusterpool::embed::passages::Span;
    use clusterpool::embed::vectors::{Passage, encode};
    use clusterpool::search::vectors::VectorStore;
    let dim = 384;
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed >> 40) as f32 / (1u64 << 24) as f32 - 0.5
    };
    let mut unit = || {
        let v: Vec<f32> = (0..dim).map(|_| next()).collect();
        let n = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        v.into_iter().map(|x| x / n).collect::<Vec<f32>>()
    };
    let schema = schema::build();
    let fields = schema::fields(&schema).map_err(|e| e.to_string())?;
    let index = tantivy::Index::create_in_ram(schema);
    clusterpool::analysis::register(&index);
    let mut writer: tantivy::IndexWriter = index.writer(200_000_000).map_err(|e| e.to_string())?;
    for i in 0..docs {
        let mut d = TantivyDocument::default();
        d.add_text(fields.facet(Facet::Lang), Lang::ALL[i % 12].code());
        let passages: Vec<Passage> = (0..3)
            .map(|p| Passage {
                span: Span {
                    start: p * 10,
                    end: p * 10 + 9,
                    section: None,
                },
                vector: unit(),
            })
            .collect();
        d.add_bytes(fields.passages, &encode(&passages));
        writer.add_document(d).map_err(|e| e.to_string())?;
    }
    writer.commit().map_err(|e| e.to_string())?;
    let searcher = index.reader().map_err(|e| e.to_string())?.searcher();
    let store = VectorStore::default();
    store.enable(dim);
    tantivy::Warmer::warm(&store, &searcher).map_err(|e| e.to_string())?;
    let mut lat = Vec::new();
    for _ in 0..200 {
        let q = unit();
        let t = Instant::now();
        let near = store
            .nearest(&searcher, &q, 50, true)
            .map_err(|e| e.to_string())?;
        lat.push(t.elapsed().as_secs_f64() * 1000.0);
        if near.len() != 50.min(docs) {
            return Err(format!("{} near", near.len()));
        }
    }
    lat.sort_by(f64::total_cmp);
    Ok(
        json!({"docs": docs, "passages": docs * 3, "p50_ms": percentile(&lat, 50.0), "p99_ms": percentile(&lat, 99.0)}),
    )
}

fn run() -> Result<Json, String> {
    let cli = Cli::parse();
    if let Some(docs) = cli.vector_scan {
        return vector_scan(docs);
    }
    let opened = Instant::now();
    let mut engine = Engine::open(&cli.index).map_err(|e| e.to_string())?;
    if cli.semantic {
        let semantic = clusterpool::embed::Semantic::resolve(true);
        if let Some(reason) = semantic.problem() {
            return Err(format!("--semantic: {reason}"));
        }
        engine = engine.with_semantic(semantic).map_err(|e| e.to_string())?;
    }
    let open_seconds = opened.elapsed().as_secs_f64();
    let mut list = match &cli.queries {
        Some(path) => read_queries(path)?,
        None => Vec::new(),
    };
    if cli.misspell {
        list = list.iter().filter_map(InQuery::misspelled).collect();
    }
    let modes_list = if list.is_empty() {
        ""
    } else {
        cli.modes.as_str()
    };
    let raw = Raw::new(&engine)?;
    let mut modes = serde_json::Map::new();
    for mode in modes_list
        .split(',')
        .map(str::trim)
        .filter(|m| !m.is_empty())
    {
        // One engine for every mode (the same warm state); only its ranking changes.
        engine = engine.with_ranking(Ranking {
            typos: mode != "no_typos",
            ..Ranking::default()
        });
        let timed = time_mode(mode, &list, &engine, &raw, cli.warmup, cli.repeat)?;
        modes.insert(mode.to_string(), timed);
    }
    let mut checked = Json::Null;
    if cli.answers.is_some() || cli.compare.is_some() {
        engine = engine.with_ranking(Ranking::default());
        let answers = answers(&engine, &list)?;
        if let Some(path) = &cli.answers {
            let lines: Vec<String> = answers.iter().map(Json::to_string).collect();
            std::fs::write(path, lines.join("\n") + "\n")
                .map_err(|e| format!("{}: {e}", path.display()))?;
        }
        if let Some(path) = &cli.compare {
            checked = compare(&answers, path)?;
        }
    }
    let detect = match &cli.detect_jsonl {
        Some(path) => detect_bench(path, cli.detect_limit)?,
        None => Json::Null,
    };
    Ok(json!({
        "detect": detect,
        "index": cli.index.display().to_string(),
        "num_docs": engine.num_docs(),
        "open_seconds": open_seconds,
        "warmup": cli.warmup,
        "repeat": cli.repeat,
        "misspell": cli.misspell,
        "queries": list.len(),
        "modes": modes,
        "compared": checked,
    }))
}

/// The engine's whole answer to each query of the workload, as `full` asks it.
fn answers(engine: &Engine, list: &[InQuery]) -> Result<Vec<Json>, String> {
    list.iter()
        .map(|q| {
            let req = SearchRequest::from_pairs(q.pairs(&[])).map_err(|e| e.to_string())?;
            let r = engine.search(&req).map_err(|e| format!("{:?}: {e}", q.q))?;
            let hits: Vec<Json> = r
                .hits
                .iter()
                .map(|h| {
                    let marks: Vec<[usize; 2]> = h
                        .snippet
                        .highlights
                        .iter()
                        .map(|m| [m.start, m.end])
                        .collect();
                    json!({"id": h.id, "score": h.score, "snippet": h.snippet.text,
                           "marks": marks, "missing": h.missing})
                })
                .collect();
            Ok(
                json!({"q": q.q, "lang": q.lang, "type": q.doc_type, "total": r.total,
                      "relaxed": r.relaxed, "did_you_mean": r.did_you_mean,
                      "corrections": r.corrections, "query_lang": r.query_lang,
                      "expanded": r.expanded, "facets": r.facets, "hits": hits}),
            )
        })
        .collect()
}

/// Every query whose answer differs from the file's; an error when any does.
fn compare(answers: &[Json], path: &std::path::Path) -> Result<Json, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let expected: Vec<Json> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).map_err(|e| e.to_string()))
        .collect::<Result<_, _>>()?;
    if expected.len() != answers.len() {
        return Err(format!(
            "{} answers in {}, {} queries now",
            expected.len(),
            path.display(),
            answers.len()
        ));
    }
    let differing: Vec<String> = expected
        .iter()
        .zip(answers)
        .filter(|(a, b)| !same_response(a, b))
        .map(|(a, _)| a["q"].as_str().unwrap_or_default().to_string())
        .collect();
    if differing.is_empty() {
        Ok(json!({"queries": answers.len(), "differing": 0}))
    } else {
        Err(format!(
            "{} of {} answers differ from {}, first: {:?}",
            differing.len(),
            answers.len(),
            path.display(),
            &differing[..differing.len().min(10)]
        ))
    }
}

/// Two answers to one query are the same when everything but the hits is
/// [`same_answer`], and the hits are [`same_hits`].
fn same_response(a: &Json, b: &Json) -> bool {
    let (Some(x), Some(y)) = (a.as_object(), b.as_object()) else {
        return same_answer(a, b);
    };
    let rest_same = x.len() == y.len()
        && x.iter()
            .all(|(k, v)| k == "hits" || y.get(k).is_some_and(|w| same_answer(v, w)));
    let total = x.get("total").and_then(Json::as_u64).unwrap_or(0);
    rest_same
        && match (x.get("hits"), y.get("hits")) {
            (Some(Json::Array(p)), Some(Json::Array(q))) => same_hits(p, q, total),
            (p, q) => p == q,
        }
}

/// The same page of hits, but for the order among hits of equal score. Two
/// indexes of the same files place documents in segments as the indexing threads
/// happen to, and tantivy breaks ties by that place, so tied hits may come in
/// another order, and at the end of a full page (`total` above its length)
/// another of the tied documents may take the last places. So: the scores agree
/// place by place; within each run of tied scores the same documents appear, each
/// with the same answer, except in a run that reaches the end of a full page,
/// where only the documents both show are compared.
fn same_hits(a: &[Json], b: &[Json], total: u64) -> bool {
    let score = |h: &Json| h["score"].as_f64().unwrap_or(f64::NAN);
    let tied = |x: f64, y: f64| (x - y).abs() <= 1e-5 * x.abs().max(y.abs());
    if a.len() != b.len() || !a.iter().zip(b).all(|(x, y)| tied(score(x), score(y))) {
        return false;
    }
    let mut start = 0;
    while start < a.len() {
        let mut end = start + 1;
        while end < a.len() && tied(score(&a[start]), score(&a[end])) {
            end += 1;
        }
        let open_end = end == a.len() && total > a.len() as u64;
        let (run_a, run_b) = (&a[start..end], &b[start..end]);
        let partner = |h: &Json| run_b.iter().find(|g| g["id"] == h["id"]);
        let all_matched = run_a.iter().all(|h| match partner(h) {
            Some(g) => same_answer(h, g),
            None => open_end,
        });
        if !all_matched {
            return false;
        }
        start = end;
    }
    true
}

/// Equal JSON, but for scores (the only fractional numbers) within a relative
/// 1e-5; counts, totals and offsets must be equal.
fn same_answer(a: &Json, b: &Json) -> bool {
    match (a, b) {
        (Json::Number(x), Json::Number(y)) if x.is_f64() || y.is_f64() => {
            match (x.as_f64(), y.as_f64()) {
                (Some(x), Some(y)) => (x - y).abs() <= 1e-5 * x.abs().max(y.abs()),
                _ => false,
            }
        }
        (Json::Array(x), Json::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same_answer(a, b))
        }
        (Json::Object(x), Json::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_answer(v, w)))
        }
        _ => a == b,
    }
}

/// The workload: one JSON query per line.
fn read_queries(path: &std::path::Path) -> Result<Vec<InQuery>, String> {
    let file = File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut list = Vec::new();
    for line in BufReader::new(file).lines() {
        let line = line.map_err(|e| e.to_string())?;
        if !line.trim().is_empty() {
            list.push(serde_json::from_str::<InQuery>(&line).map_err(|e| e.to_string())?);
        }
    }
    if list.is_empty() {
        return Err("the query file is empty".into());
    }
    Ok(list)
}

/// Times one mode over the workload: `warmup` untimed passes, then `repeat` timed
/// ones; latency figures overall and per kind of query.
/// What one search answered, for the counts beside the latencies.
struct Outcome {
    total: u64,
    did_you_mean: Option<String>,
}

fn time_mode(
    mode: &str,
    list: &[InQuery],
    engine: &Engine,
    raw: &Raw,
    warmup: usize,
    repeat: usize,
) -> Result<Json, String> {
    let extra: &[(&str, &str)] = match mode {
        "no_xl" => &[("cross_lingual", "false")],
        "words" => &[("semantic", "false")],
        "top1" => &[("per_page", "1")],
        _ => &[],
    };
    // Requests are validated outside the timed section, as the HTTP handler
    // would have parsed them before calling the engine.
    let typing: Vec<SuggestRequest> = list
        .iter()
        .map(|q| SuggestRequest::from_pairs(q.typing()).map_err(|e| format!("{:?}: {e}", q.q)))
        .collect::<Result<_, _>>()?;
    let requests: Vec<SearchRequest> = list
        .iter()
        .map(|q| SearchRequest::from_pairs(q.pairs(extra)).map_err(|e| format!("{:?}: {e}", q.q)))
        .collect::<Result<_, _>>()?;
    let bare = |total: Result<u64, String>| {
        total.map(|total| Outcome {
            total,
            did_you_mean: None,
        })
    };
    let one = |i: usize| -> Result<Outcome, String> {
        match mode {
            "full" | "repeated" | "no_xl" | "words" | "top1" | "no_typos" => engine
                .search(&requests[i])
                .map(|r| Outcome {
                    total: r.total,
                    did_you_mean: r.did_you_mean,
                })
                .map_err(|e| format!("{:?}: {e}", list[i].q)),
            "suggest" => engine
                .suggest(&typing[i])
                .map(|s| Outcome {
                    total: s.suggestions.len() as u64,
                    did_you_mean: None,
                })
                .map_err(|e| format!("{:?}: {e}", typing[i].q)),
            "raw" => bare(raw.run(&list[i], false, false)),
            "raw_docs" => bare(raw.run(&list[i], true, false)),
            "raw_snip" => bare(raw.run(&list[i], true, true)),
            other => Err(format!("unknown mode {other:?}")),
        }
    };
    for _ in 0..warmup {
        for i in 0..list.len() {
            one(i)?;
        }
    }
    let mut all = Vec::with_capacity(list.len() * repeat);
    let mut groups: BTreeMap<String, (Vec<f64>, usize, f64)> = BTreeMap::new();
    let mut zero = 0;
    let (mut corrected, mut restored) = (0, 0);
    let started = Instant::now();
    for pass in 0..repeat.max(1) {
        for (i, q) in list.iter().enumerate() {
            // Each query is new to the engine, except in `repeated`.
            if mode != "repeated" {
                engine.forget_query_vectors();
            }
            let t = Instant::now();
            let Outcome {
                total,
                did_you_mean,
            } = one(i)?;
            let ms = t.elapsed().as_secs_f64() * 1000.0;
            if pass == 0
                && let Some(better) = did_you_mean
            {
                corrected += 1;
                restored += usize::from(
                    q.original
                        .as_deref()
                        .is_some_and(|o| o.to_lowercase() == better.to_lowercase()),
                );
            }
            all.push(ms);
            let g = groups.entry(q.group()).or_default();
            g.0.push(ms);
            g.2 += ms / 1000.0;
            if total == 0 {
                zero += 1;
                g.1 += 1;
            }
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    let mut by_kind = serde_json::Map::new();
    for (k, (lat, z, s)) in groups {
        by_kind.insert(k, summary(lat, z, s));
    }
    let mut s = summary(all, zero, seconds);
    s["by_kind"] = Json::Object(by_kind);
    s["corrected"] = json!(corrected);
    s["restored"] = json!(restored);
    Ok(s)
}

#[derive(Deserialize)]
struct InDoc {
    body: String,
    lang: String,
}

/// The twelve languages of the pool as lingua names them (Norwegian twice).
const LINGUA: [lingua::Language; 13] = [
    lingua::Language::English,
    lingua::Language::Danish,
    lingua::Language::Swedish,
    lingua::Language::Bokmal,
    lingua::Language::Nynorsk,
    lingua::Language::Finnish,
    lingua::Language::Estonian,
    lingua::Language::Latvian,
    lingua::Language::Lithuanian,
    lingua::Language::Polish,
    lingua::Language::German,
    lingua::Language::Russian,
    lingua::Language::French,
];

fn lingua_code(l: lingua::Language) -> String {
    match l {
        lingua::Language::Bokmal | lingua::Language::Nynorsk => "no".into(),
        other => other.iso_code_639_1().to_string(),
    }
}

/// The first `n` characters of `s`, cut back to a word boundary.
fn head_chars(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        None => s,
        Some((i, _)) => {
            let cut = &s[..i];
            cut.rfind(char::is_whitespace).map_or(cut, |j| &cut[..j])
        }
    }
}

/// Times detection variants over the bodies of a JSONL file.
fn detect_bench(path: &PathBuf, limit: usize) -> Result<Json, String> {
    let file = File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut docs = Vec::new();
    for line in BufReader::new(file).lines().take(limit) {
        let line = line.map_err(|e| e.to_string())?;
        docs.push(serde_json::from_str::<InDoc>(&line).map_err(|e| e.to_string())?);
    }
    let high = lingua::LanguageDetectorBuilder::from_languages(&LINGUA).build();
    let low = lingua::LanguageDetectorBuilder::from_languages(&LINGUA)
        .with_low_accuracy_mode()
        .build();
    // Models load lazily: one untimed call per detector first.
    let _ = clusterpool::lang::detect("Klasteru organizācija palīdz uzņēmumiem.");
    let _ = high.detect_language_of("Klasteru organizācija palīdz uzņēmumiem.");
    let _ = low.detect_language_of("Klasteru organizācija palīdz uzņēmumiem.");
    type Variant<'a> = (String, Box<dyn Fn(&str) -> String + 'a>);
    let mut variants: Vec<Variant> = vec![(
        format!(
            "clusterpool::lang::detect (3 windows, {} chars, high accuracy)",
            clusterpool::lang::SAMPLE_CHARS
        ),
        Box::new(|t: &str| clusterpool::lang::detect(t).lang.code().to_string()),
    )];
    for (detector, accuracy, chars) in [
        (&high, "high", 1000),
        (&high, "high", 300),
        (&high, "high", 500),
        (&low, "low", 3000),
        (&low, "low", 1000),
    ] {
        variants.push((
            format!("lingua {accuracy} accuracy, first {chars} chars"),
            Box::new(move |t: &str| {
                detector
                    .detect_language_of(head_chars(t, chars))
                    .map_or("und".into(), lingua_code)
            }),
        ));
    }
    let chars: usize = docs.iter().map(|d| d.body.chars().count()).sum();
    let mut out = serde_json::Map::new();
    for (name, f) in &variants {
        let started = Instant::now();
        let mut right = 0usize;
        for d in &docs {
            if f(&d.body) == d.lang {
                right += 1;
            }
        }
        let secs = started.elapsed().as_secs_f64();
        out.insert(
            name.to_string(),
            json!({
                "docs": docs.len(),
                "ms_per_doc": secs * 1000.0 / docs.len().max(1) as f64,
                "accuracy": right as f64 / docs.len().max(1) as f64,
            }),
        );
    }
    Ok(json!({
        "docs": docs.len(),
        "mean_body_chars": chars as f64 / docs.len().max(1) as f64,
        "variants": out,
    }))
}

fn main() -> ExitCode {
    match run() {
        Ok(j) => {
            println!("{j}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("bench-search: {e}");
            ExitCode::from(1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_compare_equal_up_to_score_rounding_and_no_further() {
        let a =
            json!({"total": 3, "hits": [{"id": "a", "score": 12.345678}], "facets": {"lang": []}});
        let near =
            json!({"total": 3, "hits": [{"id": "a", "score": 12.345679}], "facets": {"lang": []}});
        assert!(same_answer(&a, &near));
        let other_score =
            json!({"total": 3, "hits": [{"id": "a", "score": 12.4}], "facets": {"lang": []}});
        let other_total =
            json!({"total": 4, "hits": [{"id": "a", "score": 12.345678}], "facets": {"lang": []}});
        let other_hit =
            json!({"total": 3, "hits": [{"id": "b", "score": 12.345678}], "facets": {"lang": []}});
        let missing_key = json!({"total": 3, "hits": [{"id": "a", "score": 12.345678}]});
        for b in [other_score, other_total, other_hit, missing_key] {
            assert!(!same_answer(&a, &b), "{b}");
        }
    }

    #[test]
    fn tied_hits_may_change_places_and_nothing_else_may() {
        let hit = |id: &str, score: f64| json!({"id": id, "score": score, "snippet": id});
        let page = |total: u64, hits: Vec<Json>| json!({"total": total, "hits": hits});
        let a = page(
            4,
            vec![hit("a", 3.0), hit("b", 2.0), hit("c", 2.0), hit("d", 1.0)],
        );
        let swapped = page(
            4,
            vec![hit("a", 3.0), hit("c", 2.0), hit("b", 2.0), hit("d", 1.0)],
        );
        assert!(same_response(&a, &swapped));
        let untied_swap = page(
            4,
            vec![hit("b", 3.0), hit("a", 2.0), hit("c", 2.0), hit("d", 1.0)],
        );
        let other_in_run = page(
            4,
            vec![hit("a", 3.0), hit("e", 2.0), hit("c", 2.0), hit("d", 1.0)],
        );
        let mut other_snippet = swapped.clone();
        other_snippet["hits"][1]["snippet"] = json!("changed");
        for b in [untied_swap, other_in_run, other_snippet] {
            assert!(!same_response(&a, &b), "{b}");
        }

        // A tie at the end of a full page may be cut at another document; not
        // at the end of a page that holds every match.
        let full = page(9, vec![hit("a", 3.0), hit("b", 1.0), hit("c", 1.0)]);
        let cut_elsewhere = page(9, vec![hit("a", 3.0), hit("c", 1.0), hit("x", 1.0)]);
        assert!(same_response(&full, &cut_elsewhere));
        let all = page(3, vec![hit("a", 3.0), hit("b", 1.0), hit("c", 1.0)]);
        let all_other = page(3, vec![hit("a", 3.0), hit("c", 1.0), hit("x", 1.0)]);
        assert!(!same_response(&all, &all_other));
    }
}
