//! `bench-embed`: what the e5 encoder costs on this machine, for BENCHMARKS.md.
//!
//! ```text
//! bench-embed [--texts tests/fixtures/e5/reference.jsonl] [--repeat 3]
//! ```
//!
//! Loads the model (`CLUSTERPOOL_E5_MODEL`, the cache, or the pinned package),
//! embeds every passage of the file (tokens/s, passages/s, one thread) and every
//! query (p50/p99 per query), and prints one JSON line with the figures and the
//! process's resident memory after loading and at the end.

use std::time::Instant;

use clusterpool::embed::{self, Encoder, Kind};

fn rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn main() -> Result<(), String> {
    let mut texts = String::from("tests/fixtures/e5/reference.jsonl");
    let mut repeat = 3usize;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--texts" => texts = args.next().ok_or("--texts needs a file")?,
            "--repeat" => {
                repeat = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .ok_or("--repeat needs a number")?
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    let rss_start = rss_mb();
    let path = embed::fetch::model_path().map_err(|e| e.to_string())?;
    let loaded = Instant::now();
    let encoder = Encoder::load(&path).map_err(|e| e.to_string())?;
    let load_s = loaded.elapsed().as_secs_f64();
    let rss_loaded = rss_mb();
    let mut passages = Vec::new();
    let mut queries = Vec::new();
    for line in std::fs::read_to_string(&texts)
        .map_err(|e| format!("{texts}: {e}"))?
        .lines()
    {
        let v: serde_json::Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
        let text = v["text"].as_str().unwrap_or_default().to_string();
        if v["kind"] == "query" {
            queries.push(text);
        } else {
            passages.push(text);
        }
    }
    let tokens: usize = passages
        .iter()
        .map(|p| encoder.tokens(p, Kind::Passage).len() + 2)
        .sum();
    let started = Instant::now();
    for _ in 0..repeat {
        for p in &passages {
            std::hint::black_box(encoder.embed(p, Kind::Passage));
        }
    }
    let passage_s = started.elapsed().as_secs_f64() / repeat as f64;
    let mut lat = Vec::new();
    for _ in 0..repeat {
        for q in &queries {
            let t = Instant::now();
            std::hint::black_box(encoder.embed(q, Kind::Query));
            lat.push(t.elapsed().as_secs_f64() * 1000.0);
        }
    }
    lat.sort_by(f64::total_cmp);
    // A query's cost follows its pieces; the tail is the long ones.
    let mut pieces: Vec<f64> = queries
        .iter()
        .map(|q| encoder.tokens(q, Kind::Query).len() as f64)
        .collect();
    pieces.sort_by(f64::total_cmp);
    println!(
        "{}",
        serde_json::json!({
            "texts": texts,
            "passages": passages.len(),
            "passage_tokens": tokens,
            "passage_seconds": passage_s,
            "tokens_per_s": tokens as f64 / passage_s,
            "passages_per_s": passages.len() as f64 / passage_s,
            "queries": queries.len(),
            "query_p50_ms": percentile(&lat, 50.0),
            "query_p99_ms": percentile(&lat, 99.0),
            "query_pieces_p50": percentile(&pieces, 50.0),
            "query_pieces_p99": percentile(&pieces, 99.0),
            "query_pieces_max": pieces.last().copied().unwrap_or(0.0),
            "load_s": load_s,
            "rss_start_mb": rss_start,
            "rss_loaded_mb": rss_loaded,
            "rss_end_mb": rss_mb(),
            "threads": 1,
            "repeat": repeat,
        })
    );
    Ok(())
}
