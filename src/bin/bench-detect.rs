//! `bench-detect`: the language detector's accuracy table and its cost, the
//! two-stage detector (`clusterpool::lang::detect`, what the indexer calls) side by
//! side with lingua alone over all thirteen models (`detect_with_lingua_only`, the
//! detector before the first stage), on the same texts in the same run.
//!
//! ```text
//! bench-detect [--corpus corpus] [--generated DIR] [--generated-limit 5000]
//!              [--kinds sentences,word-pairs] [--json out.json]
//! ```
//!
//! Texts, each with the truth:
//! - lingua's own test data (`testdata/<kind>.txt` of each model crate in cargo's
//!   registry, 1,000 lines per language, bokmål and nynorsk both as `no`);
//! - the pool (`--corpus`): every document through the real extractors, its
//!   language from the file name's prefix (`lv-…`), as the corpus README asks;
//! - a generated corpus (`--generated`, a `gen-corpus` folder): the first
//!   `--generated-limit` documents of its `manifest.tsv`, through the extractors.
//!
//! For each source and language it prints the number of texts, each detector's
//! accuracy against the truth, and how often the two agree; then the time each
//! took (one thread, after one untimed warm-up pass) and the ratio. `--json`
//! writes the same figures.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use clusterpool::lang::{self, Lang, testdata};
use serde_json::json;

#[derive(Parser)]
#[command(
    about = "Language detection: accuracy per language and cost, two-stage against lingua alone"
)]
struct Args {
    /// The pool's corpus folder.
    #[arg(long)]
    corpus: Option<PathBuf>,
    /// A gen-corpus output folder (with manifest.tsv).
    #[arg(long)]
    generated: Option<PathBuf>,
    /// How many generated documents to read.
    #[arg(long, default_value_t = 5000)]
    generated_limit: usize,
    /// Kinds of lingua test data, comma-separated (sentences, word-pairs, single-words).
    #[arg(long, default_value = "sentences,word-pairs")]
    kinds: String,
    /// Run only this detector (two-stage or lingua-only), for a profile; the
    /// table then compares it with itself.
    #[arg(long)]
    only: Option<String>,
    /// Print each text the two detectors disagree on (truth, both answers, its opening).
    #[arg(long)]
    disagreements: bool,
    /// Write the figures as JSON here.
    #[arg(long)]
    json: Option<PathBuf>,
}

struct Sample {
    truth: Lang,
    text: String,
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench-detect: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &Args) -> Result<(), String> {
    let chosen = detectors(args.only.as_deref())?;
    let mut sources: Vec<(String, Vec<Sample>)> = Vec::new();
    for kind in args
        .kinds
        .split(',')
        .map(str::trim)
        .filter(|k| !k.is_empty())
    {
        if !testdata::KINDS.contains(&kind) {
            return Err(format!(
                "unknown kind {kind:?} (expected one of {:?})",
                testdata::KINDS
            ));
        }
        sources.push((format!("lingua {kind}"), samples(testdata::labelled(kind)?)));
    }
    if let Some(corpus) = &args.corpus {
        let pool = testdata::documents(corpus, pdf_helper(), testdata::named_language)?;
        sources.push(("pool".into(), samples(pool)));
    }
    if let Some(dir) = &args.generated {
        sources.push(("generated".into(), generated(dir, args.generated_limit)?));
    }
    let mut report = serde_json::Map::new();
    for (name, samples) in &sources {
        report.insert(
            name.clone(),
            measure(name, samples, chosen, args.disagreements),
        );
    }
    if let Some(path) = &args.json {
        let text = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
        std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}

/// A detector, as `lang` offers both.
type Detector = fn(&str) -> lang::Detection;

/// The two detectors compared, or one twice with `--only`.
fn detectors(only: Option<&str>) -> Result<[(&'static str, Detector); 2], String> {
    let both: [(&str, Detector); 2] = [
        ("two-stage", lang::detect),
        ("lingua-only", lang::detect_with_lingua_only),
    ];
    match only {
        None => Ok(both),
        Some(only) => both
            .iter()
            .find(|(n, _)| *n == only)
            .map(|chosen| [*chosen, *chosen])
            .ok_or_else(|| format!("--only takes two-stage or lingua-only, not {only:?}")),
    }
}

/// Right answers and agreement of the two detectors over some texts.
#[derive(Default)]
struct Row {
    n: usize,
    right: [usize; 2],
    agree: usize,
}

impl Row {
    fn pct(a: usize, n: usize) -> f64 {
        100.0 * a as f64 / n.max(1) as f64
    }

    /// The row of the Markdown table.
    fn print(&self, label: &str) {
        println!(
            "| {label} | {} | {:.1} | {:.1} | {:.2} |",
            self.n,
            Row::pct(self.right[0], self.n),
            Row::pct(self.right[1], self.n),
            Row::pct(self.agree, self.n)
        );
    }

    /// The same figures as fractions.
    fn figures(&self) -> serde_json::Value {
        json!({"texts": self.n,
               "two_stage_accuracy": Row::pct(self.right[0], self.n) / 100.0,
               "lingua_only_accuracy": Row::pct(self.right[1], self.n) / 100.0,
               "agreement": Row::pct(self.agree, self.n) / 100.0})
    }
}

/// Runs both detectors over `samples`, prints the table and returns its figures.
fn measure(
    name: &str,
    samples: &[Sample],
    detectors: [(&str, Detector); 2],
    disagreements: bool,
) -> serde_json::Value {
    let mut answers: Vec<Vec<Lang>> = Vec::new();
    let mut seconds = Vec::new();
    for (_, detect) in detectors {
        // Warm-up: lingua loads its models on first use.
        for s in samples.iter().take(200) {
            let _ = detect(&s.text);
        }
        let started = Instant::now();
        answers.push(samples.iter().map(|s| detect(&s.text).lang).collect());
        seconds.push(started.elapsed().as_secs_f64());
    }
    let mut rows: BTreeMap<Lang, Row> = BTreeMap::new();
    for (i, s) in samples.iter().enumerate() {
        let row = rows.entry(s.truth).or_default();
        row.n += 1;
        for (right, answer) in row.right.iter_mut().zip(&answers) {
            *right += usize::from(answer[i] == s.truth);
        }
        row.agree += usize::from(answers[0][i] == answers[1][i]);
        if disagreements && answers[0][i] != answers[1][i] {
            let opening: String = s.text.chars().take(160).collect();
            println!(
                "disagree: truth {} {} {} {} {}: {opening:?}",
                s.truth, detectors[0].0, answers[0][i], detectors[1].0, answers[1][i]
            );
        }
    }
    println!("\n## {name} ({} texts)\n", samples.len());
    println!("| lang | texts | two-stage accuracy % | lingua-only accuracy % | agreement % |");
    println!("|---|---:|---:|---:|---:|");
    let mut per_lang = serde_json::Map::new();
    let mut total = Row::default();
    for (l, r) in &rows {
        r.print(l.code());
        per_lang.insert(l.code().into(), r.figures());
        total.n += r.n;
        total.agree += r.agree;
        for d in 0..2 {
            total.right[d] += r.right[d];
        }
    }
    total.print("all");
    let per_text = |s: f64| s * 1e6 / samples.len().max(1) as f64;
    println!(
        "\ntime per text: two-stage {:.1} µs, lingua only {:.1} µs; two-stage costs {:.3}× (1/{:.1})",
        per_text(seconds[0]),
        per_text(seconds[1]),
        seconds[0] / seconds[1],
        seconds[1] / seconds[0]
    );
    let mut figures = total.figures();
    figures["two_stage_us_per_text"] = json!(per_text(seconds[0]));
    figures["lingua_only_us_per_text"] = json!(per_text(seconds[1]));
    figures["cost_ratio"] = json!(seconds[0] / seconds[1]);
    figures["languages"] = serde_json::Value::Object(per_lang);
    figures
}

/// The binary that extracts PDFs in a child process: `clusterpool`, beside this one.
fn pdf_helper() -> Option<PathBuf> {
    std::env::current_exe()
        .ok()
        .and_then(|p| p.parent().map(|d| d.join("clusterpool")))
}

fn samples(labelled: Vec<(Lang, String)>) -> Vec<Sample> {
    labelled
        .into_iter()
        .map(|(truth, text)| Sample { truth, text })
        .collect()
}

fn generated(dir: &Path, limit: usize) -> Result<Vec<Sample>, String> {
    let manifest = dir.join("manifest.tsv");
    let text =
        std::fs::read_to_string(&manifest).map_err(|e| format!("{}: {e}", manifest.display()))?;
    // The manifest is in document order, where the languages are mixed; the
    // folders are by language.
    let truth: std::collections::HashMap<&str, Lang> = text
        .lines()
        .take(limit)
        .filter_map(|l| {
            let mut cols = l.split('\t');
            Some((cols.next()?, cols.next()?.parse().ok()?))
        })
        .collect();
    let docs = testdata::documents(dir, pdf_helper(), |c| truth.get(c.id.as_str()).copied())?;
    Ok(samples(docs))
}
