//! `bench-tantivy`: raw tantivy as the baseline of `bench/run.py`.
//!
//! ```text
//! bench-tantivy index  --input docs.jsonl --index DIR [--threads 2] [--heap-mb 128] [--store-body]
//! bench-tantivy search --index DIR --queries queries.jsonl [--warmup 1] [--repeat 1]
//! ```
//!
//! `index` reads one JSON object per line, `{"id", "title", "body", "lang", "type"}`,
//! and indexes it with tantivy's textbook schema: `title` and `body` `TEXT` (default
//! tokenizer, positions, not stored), `id` `STRING | STORED`, plus `lang` and `type`
//! as `STRING` so the benchmark's filtered queries can run too. One writer with
//! `--threads` workers and `--heap-mb` in all (clusterpool's writer uses 64 MB per
//! thread), one commit, merges waited for. It prints one JSON line: documents,
//! seconds, text bytes.
//!
//! `search` runs the query file of `bench/run.py` (`{"q", "lang", "type", "kind"}`
//! per line) the way a bare tantivy server would: the query parser over `title` and
//! `body` with AND between words, term filters, `Count` plus the top 10 by BM25 and
//! their stored ids; no facets, no snippets. It prints latency percentiles as JSON.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};
use serde::Deserialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query, QueryParser, TermQuery};
use tantivy::schema::{IndexRecordOption, STORED, STRING, Schema, TEXT, Value};
use tantivy::{Index, TantivyDocument, Term, doc};

#[derive(Parser)]
#[command(
    name = "bench-tantivy",
    about = "Raw tantivy baseline for bench/run.py"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Index a JSONL file into a fresh index.
    Index {
        /// JSONL input: {"id","title","body","lang","type"} per line.
        #[arg(long)]
        input: PathBuf,
        /// Index folder (created; must be empty).
        #[arg(long)]
        index: PathBuf,
        /// Indexing threads.
        #[arg(long, default_value_t = 2)]
        threads: usize,
        /// Writer memory budget over all threads, in MB.
        #[arg(long, default_value_t = 128)]
        heap_mb: usize,
        /// Store the body too (as clusterpool does, for snippets).
        #[arg(long)]
        store_body: bool,
    },
    /// Time the query workload on an index written by `index`.
    Search {
        /// Index folder.
        #[arg(long)]
        index: PathBuf,
        /// Query file (JSONL).
        #[arg(long)]
        queries: PathBuf,
        /// Untimed passes first.
        #[arg(long, default_value_t = 1)]
        warmup: usize,
        /// Timed passes.
        #[arg(long, default_value_t = 1)]
        repeat: usize,
    },
}

#[derive(Deserialize)]
struct InDoc {
    id: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    lang: String,
    #[serde(default, rename = "type")]
    doc_type: String,
}

#[derive(Deserialize)]
struct InQuery {
    q: String,
    #[serde(default)]
    lang: Option<String>,
    #[serde(default, rename = "type")]
    doc_type: Option<String>,
}

fn schema(store_body: bool) -> Schema {
    let mut b = Schema::builder();
    b.add_text_field("id", STRING | STORED);
    b.add_text_field("title", TEXT);
    if store_body {
        b.add_text_field("body", TEXT | STORED);
    } else {
        b.add_text_field("body", TEXT);
    }
    b.add_text_field("lang", STRING);
    b.add_text_field("type", STRING);
    b.build()
}

fn index(
    input: &PathBuf,
    dir: &PathBuf,
    threads: usize,
    heap_mb: usize,
    store_body: bool,
) -> Result<String, String> {
    let started = Instant::now();
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let schema = schema(store_body);
    let f = |n: &str| schema.get_field(n).map_err(|e| e.to_string());
    let (id, title, body, lang, doc_type) =
        (f("id")?, f("title")?, f("body")?, f("lang")?, f("type")?);
    let index = Index::create_in_dir(dir, schema.clone()).map_err(|e| e.to_string())?;
    let mut writer: tantivy::IndexWriter = index
        .writer_with_num_threads(threads, heap_mb * 1024 * 1024)
        .map_err(|e| e.to_string())?;
    let file = File::open(input).map_err(|e| format!("{}: {e}", input.display()))?;
    let (mut docs, mut bytes) = (0u64, 0u64);
    for line in BufReader::with_capacity(1 << 20, file).lines() {
        let line = line.map_err(|e| e.to_string())?;
        if line.trim().is_empty() {
            continue;
        }
        let d: InDoc = serde_json::from_str(&line).map_err(|e| format!("line {docs}: {e}"))?;
        bytes += (d.title.len() + d.body.len()) as u64;
        writer
            .add_document(doc!(
                id => d.id,
                title => d.title,
                body => d.body,
                lang => d.lang,
                doc_type => d.doc_type,
            ))
            .map_err(|e| e.to_string())?;
        docs += 1;
    }
    let added = started.elapsed().as_secs_f64();
    writer.commit().map_err(|e| e.to_string())?;
    writer.wait_merging_threads().map_err(|e| e.to_string())?;
    let seconds = started.elapsed().as_secs_f64();
    Ok(serde_json::json!({
        "docs": docs,
        "seconds": seconds,
        "add_seconds": added,
        "text_bytes": bytes,
        "threads": threads,
        "heap_mb": heap_mb,
        "store_body": store_body,
    })
    .to_string())
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn search(
    dir: &PathBuf,
    queries: &PathBuf,
    warmup: usize,
    repeat: usize,
) -> Result<String, String> {
    let index = Index::open_in_dir(dir).map_err(|e| e.to_string())?;
    let schema = index.schema();
    let f = |n: &str| schema.get_field(n).map_err(|e| e.to_string());
    let (id, title, body, lang, doc_type) =
        (f("id")?, f("title")?, f("body")?, f("lang")?, f("type")?);
    let reader = index.reader().map_err(|e| e.to_string())?;
    let mut parser = QueryParser::for_index(&index, vec![title, body]);
    parser.set_conjunction_by_default();
    let file = File::open(queries).map_err(|e| format!("{}: {e}", queries.display()))?;
    let mut list = Vec::new();
    for line in BufReader::new(file).lines() {
        let line = line.map_err(|e| e.to_string())?;
        if !line.trim().is_empty() {
            list.push(serde_json::from_str::<InQuery>(&line).map_err(|e| e.to_string())?);
        }
    }
    let run = |q: &InQuery| -> Result<(usize, usize), String> {
        let searcher = reader.searcher();
        let (text, _errors) = parser.parse_query_lenient(&q.q);
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, text)];
        for (field, value) in [(lang, &q.lang), (doc_type, &q.doc_type)] {
            if let Some(v) = value {
                clauses.push((
                    Occur::Must,
                    Box::new(TermQuery::new(
                        Term::from_field_text(field, v),
                        IndexRecordOption::Basic,
                    )),
                ));
            }
        }
        let query = BooleanQuery::new(clauses);
        let (count, top) = searcher
            .search(&query, &(Count, TopDocs::with_limit(10).order_by_score()))
            .map_err(|e| e.to_string())?;
        let mut ids = 0;
        for (_, address) in top {
            let d: TantivyDocument = searcher.doc(address).map_err(|e| e.to_string())?;
            ids += d.get_first(id).and_then(|v| v.as_str()).map_or(0, str::len);
        }
        Ok((count, ids))
    };
    for _ in 0..warmup {
        for q in &list {
            run(q)?;
        }
    }
    let mut lat = Vec::with_capacity(list.len() * repeat);
    let mut zero = 0;
    let started = Instant::now();
    for _ in 0..repeat {
        for q in &list {
            let t = Instant::now();
            let (count, _) = run(q)?;
            lat.push(t.elapsed().as_secs_f64() * 1000.0);
            if count == 0 {
                zero += 1;
            }
        }
    }
    let total = started.elapsed().as_secs_f64();
    let mean = lat.iter().sum::<f64>() / lat.len().max(1) as f64;
    lat.sort_by(|a, b| a.total_cmp(b));
    Ok(serde_json::json!({
        "queries": lat.len(),
        "zero_hits": zero,
        "seconds": total,
        "qps_1_thread": lat.len() as f64 / total.max(1e-9),
        "mean_ms": mean,
        "p50_ms": percentile(&lat, 50.0),
        "p95_ms": percentile(&lat, 95.0),
        "p99_ms": percentile(&lat, 99.0),
        "max_ms": lat.last().copied().unwrap_or(0.0),
    })
    .to_string())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let out = match cli.command {
        Command::Index {
            input,
            index: dir,
            threads,
            heap_mb,
            store_body,
        } => index(&input, &dir, threads.max(1), heap_mb, store_body),
        Command::Search {
            index: dir,
            queries,
            warmup,
            repeat,
        } => search(&dir, &queries, warmup, repeat.max(1)),
    };
    match out {
        Ok(json) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("bench-tantivy: {e}");
            ExitCode::from(1)
        }
    }
}
