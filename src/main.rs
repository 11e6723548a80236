//! The `clusterpool` command: parses arguments, picks the mode and calls the library.
//!
//! Exit status: 0 on success; 1 when the command failed (for `index`: nothing could
//! be committed, and for bad values such as `--k 0`); 2 when clap rejects the
//! arguments.

use std::io::IsTerminal;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};

use clusterpool::embed::Semantic;
use clusterpool::http::HttpLimits;
use clusterpool::http::launch::{self, ServeOptions};
use clusterpool::index::{self, IndexOptions};
use clusterpool::ingest::{Context, Limits};
use clusterpool::querylog::QueryLog;
use clusterpool::search::{Engine, SearchRequest};

#[derive(Parser)]
#[command(
    name = "clusterpool",
    version,
    about = "Search the Baltic Sea Region's pool of cluster practice material"
)]
struct Cli {
    #[command(flatten)]
    dirs: Dirs,
    #[command(subcommand)]
    command: Command,
}

#[derive(Args, Clone)]
struct Dirs {
    /// The corpus folder.
    #[arg(long, global = true, default_value = "corpus")]
    corpus: PathBuf,
    /// The index folder.
    #[arg(long, global = true, default_value = "index")]
    index: PathBuf,
    /// No search by meaning: passages are not embedded and queries match by words
    /// only (also `CLUSTERPOOL_SEMANTIC=off`). Vectors already in the index are kept.
    #[arg(long, global = true)]
    no_semantic: bool,
}

/// Limits for reading corpus files; exceeding one skips the file with a reason.
#[derive(Args, Clone)]
struct LimitArgs {
    /// Largest file read, in MiB.
    #[arg(long, default_value_t = 32)]
    max_file_mb: u64,
    /// Largest text kept from one file, in MiB.
    #[arg(long, default_value_t = 8)]
    max_text_mb: u64,
    /// Most entries in a zip container (PPTX, DOCX, ODT, ODP).
    #[arg(long, default_value_t = 5000)]
    max_zip_entries: usize,
    /// Most bytes decompressed from one zip container, in MiB.
    #[arg(long, default_value_t = 256)]
    max_unzipped_mb: u64,
    /// Longest one PDF extraction may take, in seconds.
    #[arg(long, default_value_t = 20)]
    timeout_secs: u64,
    /// Most memory the PDF extractor may use, in MiB.
    #[arg(long, default_value_t = 1024)]
    max_memory_mb: u64,
    /// The program that extracts PDF text in a limited child process, called as
    /// `PROGRAM extract-pdf FILE` (default: this executable). A wrapper can sandbox
    /// it further.
    #[arg(long, value_name = "PROGRAM")]
    pdf_helper: Option<PathBuf>,
    /// Skip language detection (benchmarks only: every document becomes `und`).
    #[arg(long, hide = true)]
    no_detect: bool,
}

impl LimitArgs {
    fn context(&self) -> Context {
        const MIB: u64 = 1024 * 1024;
        Context {
            limits: Limits {
                max_file_bytes: self.max_file_mb * MIB,
                max_text_bytes: (self.max_text_mb * MIB) as usize,
                max_zip_entries: self.max_zip_entries,
                max_unzipped_bytes: self.max_unzipped_mb * MIB,
                timeout: Duration::from_secs(self.timeout_secs),
                max_memory_bytes: self.max_memory_mb * MIB,
            },
            detect_language: !self.no_detect,
            pdf_helper: self.pdf_helper.clone(),
            ..Context::default()
        }
    }
}

/// The search parameters as flags; each becomes a query-string pair, so the CLI and
/// the HTTP API share one validation.
#[derive(Args, Clone, Default)]
struct SearchFilters {
    /// Type filter (repeatable).
    #[arg(long = "type")]
    doc_type: Vec<String>,
    /// Language filter (repeatable).
    #[arg(long)]
    lang: Vec<String>,
    /// Country filter (repeatable).
    #[arg(long)]
    country: Vec<String>,
    /// Topic filter (repeatable).
    #[arg(long)]
    topic: Vec<String>,
    /// Audience filter (repeatable).
    #[arg(long)]
    audience: Vec<String>,
    /// Organisation filter (repeatable).
    #[arg(long)]
    org: Vec<String>,
    /// Training-module filter (repeatable).
    #[arg(long)]
    module: Vec<String>,
    /// Vocabulary-concept filter (repeatable).
    #[arg(long)]
    concept: Vec<String>,
    /// The language the query is written in.
    #[arg(long)]
    qlang: Option<String>,
    /// Lowest year.
    #[arg(long)]
    year_from: Option<String>,
    /// Highest year.
    #[arg(long)]
    year_to: Option<String>,
    /// Page.
    #[arg(long)]
    page: Option<String>,
    /// Hits per page.
    #[arg(long)]
    per_page: Option<String>,
    /// relevance, year_desc, year_asc or added_desc.
    #[arg(long)]
    sort: Option<String>,
    /// Do not expand the query to other languages.
    #[arg(long)]
    no_cross_lingual: bool,
}

impl SearchFilters {
    fn pairs(self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for (key, values) in [
            ("type", self.doc_type),
            // The API takes lowercase codes only; the command line is forgiving.
            (
                "lang",
                self.lang.iter().map(|l| l.to_ascii_lowercase()).collect(),
            ),
            ("country", self.country),
            ("topic", self.topic),
            ("audience", self.audience),
            ("org", self.org),
            ("module", self.module),
            ("concept", self.concept),
        ] {
            out.extend(values.into_iter().map(|v| (key.to_string(), v)));
        }
        for (key, value) in [
            ("year_from", self.year_from),
            ("year_to", self.year_to),
            ("page", self.page),
            ("per_page", self.per_page),
            ("sort", self.sort),
            ("qlang", self.qlang),
        ] {
            out.extend(value.map(|v| (key.to_string(), v)));
        }
        if self.no_cross_lingual {
            out.push(("cross_lingual".into(), "false".into()));
        }
        out
    }
}

// Built once per process; boxing the big variant would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
enum Command {
    /// Index the corpus (incrementally: every file is hashed, only new and changed
    /// ones are extracted again).
    Index {
        /// Re-extract every file, even unchanged ones.
        #[arg(long)]
        full: bool,
        /// Print the report as JSON on stdout.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Search the index from the command line.
    Search {
        /// The query.
        query: Vec<String>,
        #[command(flatten)]
        filters: SearchFilters,
        /// Print the response as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Serve the web API, indexing the corpus first when the index is empty or stale.
    Serve {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:3000")]
        addr: SocketAddr,
        /// Do not index before serving, even when the corpus changed.
        #[arg(long)]
        no_reindex: bool,
        /// A read replica: never write the index (no start-up indexing, no admin
        /// endpoints, no --watch); follow the commits another process makes.
        #[arg(long, conflicts_with = "watch")]
        read_only: bool,
        /// Requests handled at once; more get 503 right away.
        #[arg(long, default_value_t = 256)]
        max_in_flight: usize,
        /// Longest a request may take, in milliseconds (then 503).
        #[arg(long, default_value_t = 10_000)]
        timeout_ms: u64,
        /// Reindex automatically (debounced) when files under the corpus change.
        #[arg(long)]
        watch: bool,
        /// File holding the admin token (otherwise CLUSTERPOOL_ADMIN_TOKEN).
        #[arg(long)]
        admin_token_file: Option<PathBuf>,
        /// Do not count searches for curators (see SECURITY.md); also
        /// CLUSTERPOOL_QUERY_LOG=off.
        #[arg(long)]
        no_query_log: bool,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Print what readers search for: the most frequent searches and those with
    /// zero or few hits (from the query log beside the index).
    Queries {
        /// Searches per list.
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// Print JSON instead of tables.
        #[arg(long)]
        json: bool,
    },
    /// Evaluate relevance on a judged query set, with and without cross-lingual expansion.
    Eval {
        /// The query file.
        #[arg(long, default_value = "eval/relevance.yaml")]
        queries: PathBuf,
        /// Cut-off rank.
        #[arg(long, default_value_t = 10)]
        k: usize,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// Ranking knobs over the defaults, as for `run`.
        #[arg(long, default_value = "")]
        ranking: String,
    },
    /// Run a batch of queries (JSON lines `{"id", "q"}`) and print a TREC run of the
    /// top hits, for relevance benchmarks against other engines.
    Run {
        /// The query file.
        #[arg(long)]
        queries: PathBuf,
        /// Hits per query.
        #[arg(long, default_value_t = 10)]
        k: usize,
        /// Turn cross-lingual expansion off.
        #[arg(long)]
        no_cross_lingual: bool,
        /// Ranking knobs over the defaults, `key=value,…` (coord, coord_idf, parts,
        /// adjacency, compounds, compound_boost, stop, title, proximity, slop, k1, b,
        /// meaning_depth, meaning_margin, fusion_k, words_weight, meaning_weight).
        #[arg(long, default_value = "")]
        ranking: String,
    },
    /// Export the processed documents (text, language, metadata, concepts).
    Export {
        /// `jsonl`, or `opensearch` (JSON lines plus an index template and `_bulk` files).
        #[arg(long, value_parser = ["jsonl", "opensearch"], default_value = "jsonl")]
        format: String,
        /// Output folder.
        #[arg(long, default_value = "export")]
        out: PathBuf,
        /// Index name used in the OpenSearch files.
        #[arg(long, default_value = "clusterpool")]
        index_name: String,
    },
    /// Internal: extract one PDF and print its text as JSON (run by the indexer in a
    /// limited child process).
    #[command(hide = true)]
    ExtractPdf {
        /// The PDF file.
        path: PathBuf,
    },
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "clusterpool=info,warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    if let Command::ExtractPdf { path } = &cli.command {
        return ExitCode::from(clusterpool::ingest::pdf::run_child(path) as u8);
    }
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("clusterpool: {e}");
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> clusterpool::Result<ExitCode> {
    let Dirs {
        corpus,
        index,
        no_semantic,
    } = cli.dirs;
    let semantic = || Semantic::resolve(Semantic::wanted(no_semantic));
    match cli.command {
        Command::Index { full, json, limits } => {
            let mut ctx = limits.context();
            ctx.embedder = semantic().encoder().cloned();
            index_mode(corpus, index, full, json, ctx)
        }
        Command::Search {
            query,
            filters,
            json,
        } => search_mode(&index, &query, filters, json, semantic()),
        Command::ExtractPdf { .. } => Ok(()),
        Command::Export {
            format,
            out,
            index_name,
        } => export_mode(&index, &format, &out, &index_name),
        Command::Eval {
            queries,
            k,
            json,
            ranking,
        } => eval_mode(&index, &queries, k, json, &ranking, semantic()),
        Command::Run {
            queries,
            k,
            no_cross_lingual,
            ranking,
        } => run_mode(&index, &queries, k, !no_cross_lingual, &ranking, semantic()),
        Command::Serve {
            addr,
            no_reindex,
            read_only,
            max_in_flight,
            timeout_ms,
            watch,
            admin_token_file,
            no_query_log,
            limits,
        } => {
            let admin_token = if read_only {
                None
            } else {
                launch::admin_token(admin_token_file.as_deref())?
            };
            launch::run(ServeOptions {
                corpus,
                index,
                addr,
                reindex_if_stale: !no_reindex,
                read_only,
                watch,
                admin_token,
                semantic: Semantic::wanted(no_semantic),
                ctx: limits.context(),
                limits: HttpLimits {
                    max_in_flight,
                    request_timeout: Duration::from_millis(timeout_ms),
                    ..HttpLimits::default()
                },
                query_log: !no_query_log
                    && std::env::var("CLUSTERPOOL_QUERY_LOG").map_or(true, |v| {
                        !matches!(
                            v.trim().to_ascii_lowercase().as_str(),
                            "off" | "0" | "false" | "no"
                        )
                    }),
            })
        }
        Command::Queries { limit, json } => {
            let report = QueryLog::open(&index)?.report(limit);
            if json {
                print_json(&report);
            } else {
                print!("{}", report.table());
            }
            Ok(())
        }
    }
    .map(|()| ExitCode::SUCCESS)
}

fn print_json(value: &impl serde::Serialize) {
    println!(
        "{}",
        serde_json::to_string_pretty(value).unwrap_or_default()
    );
}

fn index_mode(
    corpus: PathBuf,
    index: PathBuf,
    full: bool,
    json: bool,
    ctx: Context,
) -> clusterpool::Result<()> {
    let report = index::run(&IndexOptions {
        corpus,
        index,
        full,
        ctx,
        progress: !json && std::io::stderr().is_terminal(),
    })?;
    if json {
        print_json(&report);
    } else {
        print!("{}", report.summary());
    }
    Ok(())
}

fn search_mode(
    index: &Path,
    query: &[String],
    filters: SearchFilters,
    json: bool,
    semantic: Semantic,
) -> clusterpool::Result<()> {
    let mut pairs = vec![("q".to_string(), query.join(" "))];
    pairs.extend(filters.pairs());
    let req = SearchRequest::from_pairs(pairs)?;
    let resp = Engine::open(index)?.with_semantic(semantic)?.search(&req)?;
    if json {
        print_json(&clusterpool::http::present::SearchAnswer::from(resp));
        return Ok(());
    }
    println!("{} results ({} ms)", resp.total, resp.took_ms);
    for h in &resp.hits {
        println!(
            "{:>6.2}  {} [{} {} {}]  {}",
            h.score.unwrap_or(0.0),
            h.title,
            h.doc_type,
            h.lang,
            h.year.map(|y| y.to_string()).unwrap_or_default(),
            h.id
        );
    }
    Ok(())
}

fn export_mode(index: &Path, format: &str, out: &Path, name: &str) -> clusterpool::Result<()> {
    let engine = Engine::open(index)?;
    if format == "opensearch" {
        for f in clusterpool::export::opensearch(&engine, out, name)? {
            println!("{}", f.display());
        }
    } else {
        let n = clusterpool::export::jsonl(&engine, out)?;
        println!("{n} documents in {}", out.join("documents.jsonl").display());
    }
    Ok(())
}

/// `--k`, the depth of a ranked list, between 1 and 100.
fn check_k(k: usize) -> clusterpool::Result<()> {
    if (1..=100).contains(&k) {
        Ok(())
    } else {
        Err(clusterpool::Error::param(
            "--k",
            "must be between 1 and 100",
        ))
    }
}

fn eval_mode(
    index: &Path,
    queries: &Path,
    k: usize,
    json: bool,
    ranking: &str,
    semantic: Semantic,
) -> clusterpool::Result<()> {
    check_k(k)?;
    let engine = Engine::open(index)?
        .with_ranking(clusterpool::search::Ranking::parse(ranking)?)
        .with_semantic(semantic)?;
    let judged = clusterpool::eval::load(queries)?;
    let off = clusterpool::eval::evaluate(&engine, &judged, k, false)?;
    let on = clusterpool::eval::evaluate(&engine, &judged, k, true)?;
    if json {
        print_json(&[&off, &on]);
    } else {
        print!("{}", clusterpool::eval::table(&off, &on));
    }
    Ok(())
}

fn run_mode(
    index: &Path,
    queries: &Path,
    k: usize,
    cross_lingual: bool,
    ranking: &str,
    semantic: Semantic,
) -> clusterpool::Result<()> {
    check_k(k)?;
    let engine = Engine::open(index)?
        .with_ranking(clusterpool::search::Ranking::parse(ranking)?)
        .with_semantic(semantic)?;
    let file = std::fs::File::open(queries).map_err(|e| clusterpool::Error::io(queries, e))?;
    clusterpool::eval::run_batch(
        &engine,
        queries,
        std::io::BufReader::new(file),
        std::io::BufWriter::new(std::io::stdout().lock()),
        k,
        cross_lingual,
    )?;
    Ok(())
}
