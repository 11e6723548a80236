//! The search path's answers, kept: the pool and a generated corpus indexed
//! afresh, a fixed workload asked through `bench-search`, and every answer (total,
//! facet counts, `relaxed`, `did_you_mean`, corrections, query languages, expanded
//! concepts, and the hits with their scores, snippets, marks and missing words)
//! compared with the one recorded in `tests/fixtures/answers/`. A
//! change made for speed must leave them as they are; a change meant to alter
//! answers records them anew with `CLUSTERPOOL_BLESS_ANSWERS=1 cargo test --test
//! answers_e2e` and shows the difference in its commit.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::Pool;

fn recorded(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/answers")
        .join(name)
}

/// Asks the workload `queries` of the pool's index and compares each answer with
/// the file `answers` (or writes the file, when blessing).
fn assert_answers_as_recorded(pool: &Pool, queries: &str, answers: &str) {
    let bless = std::env::var_os("CLUSTERPOOL_BLESS_ANSWERS").is_some();
    let out = Command::new(env!("CARGO_BIN_EXE_bench-search"))
        .arg("--index")
        .arg(&pool.index)
        .arg("--queries")
        .arg(recorded(queries))
        .args(["--modes", "full", "--warmup", "0", "--repeat", "1"])
        .arg(if bless { "--answers" } else { "--compare" })
        .arg(recorded(answers))
        .env("CLUSTERPOOL_SEMANTIC", "off")
        .output()
        .expect("run bench-search");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // The comparison must have had something to compare: most queries of the
    // workload find documents, and their answers hold snippets.
    let lines: Vec<serde_json::Value> = std::fs::read_to_string(recorded(answers))
        .expect("recorded answers")
        .lines()
        .map(|l| serde_json::from_str(l).expect("an answer per line"))
        .collect();
    let queries_asked = std::fs::read_to_string(recorded(queries))
        .expect("queries")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .count();
    assert_eq!(lines.len(), queries_asked);
    let answered = lines
        .iter()
        .filter(|a| a["total"].as_u64().unwrap_or(0) > 0)
        .count();
    assert!(
        answered * 10 >= lines.len() * 8,
        "only {answered} of {} recorded answers have hits",
        lines.len()
    );
    let snippets = lines
        .iter()
        .flat_map(|a| a["hits"].as_array().cloned().unwrap_or_default())
        .filter(|h| !h["marks"].as_array().is_none_or(Vec::is_empty))
        .count();
    assert!(snippets > 0, "no recorded hit has a highlighted snippet");

    if !bless {
        let stdout = String::from_utf8_lossy(&out.stdout);
        let report: serde_json::Value =
            serde_json::from_str(stdout.lines().last().unwrap_or_default()).expect("report");
        assert_eq!(report["compared"]["queries"], queries_asked, "{report}");
        assert_eq!(report["compared"]["differing"], 0, "{report}");
    }
}

#[test]
fn the_pools_answers_are_those_recorded() {
    let pool = Pool::from_corpus();
    pool.index();
    assert_answers_as_recorded(&pool, "pool-queries.jsonl", "pool-answers.jsonl");
}

#[test]
fn a_generated_corpus_answers_as_recorded() {
    // Every language and many matches; between two index builds tied hits may
    // come out in another order, which the comparison allows.
    let pool = Pool::generated(3000, 11);
    pool.index();
    assert_answers_as_recorded(&pool, "generated-queries.jsonl", "generated-answers.jsonl");
}
