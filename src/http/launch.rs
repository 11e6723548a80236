//! The serve sequence `clusterpool serve` runs, in the library so the binary only
//! chooses the mode: find or fetch the model for search by meaning (or say why
//! there is none), bring a stale index up to date, embedding what has no vectors
//! yet (unless told not to, or read only), make sure a curator server has an index to reindex into, open the engine,
//! start the corpus watcher if asked, open the query log, then build the one
//! [`AppState`] and serve it on a tokio runtime until Ctrl-C.

use std::io::IsTerminal;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use super::{AppState, HttpLimits};
use crate::embed::Semantic;
use crate::index::{self, IndexOptions};
use crate::ingest::Context;
use crate::querylog::QueryLog;
use crate::search::Engine;
use crate::{Error, Result};

/// How `clusterpool serve` was asked to run.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    /// The corpus folder.
    pub corpus: PathBuf,
    /// The index folder.
    pub index: PathBuf,
    /// The address to listen on (port 0: any free port).
    pub addr: SocketAddr,
    /// Index the corpus first when it changed since the last commit.
    pub reindex_if_stale: bool,
    /// A read replica: never writes, never creates an index, admin off.
    pub read_only: bool,
    /// Reindex when corpus files change.
    pub watch: bool,
    /// The admin token; `None` turns the admin endpoints off.
    pub admin_token: Option<Arc<str>>,
    /// Search by meaning wanted: the model is found or fetched (when it cannot be,
    /// the server says so and searches by words).
    pub semantic: bool,
    /// Limits and options of indexing.
    pub ctx: Context,
    /// Limits on every request.
    pub limits: HttpLimits,
    /// Count searches for curators (`querylog`), on disk beside the index (never
    /// on a read replica).
    pub query_log: bool,
}

/// Runs the server until Ctrl-C.
pub fn run(mut opts: ServeOptions) -> Result<()> {
    let semantic = Semantic::resolve(opts.semantic);
    opts.ctx.embedder = semantic.encoder().cloned();
    if opts.reindex_if_stale && !opts.read_only && needs_run(&opts)? {
        reindex_before_serving(&opts)?;
    }
    // A curator server may start before the first run and reindex later, so it
    // makes an empty index; a read-only replica never creates one, and the engine's
    // open says there is none.
    if !opts.read_only {
        index::open_or_create(&opts.index)?;
    }
    let engine = Arc::new(Engine::open(&opts.index)?.with_semantic(semantic)?);
    let _watch = if opts.watch && !opts.read_only {
        Some(crate::watch::start(
            opts.corpus.clone(),
            engine.clone(),
            opts.ctx.clone(),
            Duration::from_secs(2),
        )?)
    } else {
        None
    };
    let admin_token = if opts.read_only {
        None
    } else {
        opts.admin_token
    };
    // A read replica writes nothing and has no admin endpoints to read counts
    // with, so it does not count.
    let queries = if opts.query_log && !opts.read_only {
        Some(Arc::new(QueryLog::open(&opts.index)?))
    } else {
        None
    };
    let state = AppState::with_limits(engine, opts.corpus, opts.ctx, admin_token, opts.limits)
        .with_query_log(queries);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(Error::Runtime)?;
    runtime.block_on(super::serve(state, opts.addr))
}

/// Whether the index must be brought up to date before serving: it is stale, or
/// there is a model and some document has no vectors of it yet.
fn needs_run(opts: &ServeOptions) -> Result<bool> {
    if index::is_stale(&opts.corpus, &opts.index) {
        return Ok(true);
    }
    if opts.ctx.embedder.is_some() {
        return index::lacks_vectors(&opts.index);
    }
    Ok(false)
}

fn reindex_before_serving(opts: &ServeOptions) -> Result<()> {
    eprintln!("indexing {} before serving…", opts.corpus.display());
    let report = index::run(&IndexOptions {
        corpus: opts.corpus.clone(),
        index: opts.index.clone(),
        full: false,
        ctx: opts.ctx.clone(),
        progress: std::io::stderr().is_terminal(),
    })?;
    eprint!("{}", report.summary());
    Ok(())
}

/// The admin token from a file (trimmed) or, without one, from
/// `CLUSTERPOOL_ADMIN_TOKEN`; empty means none.
pub fn admin_token(file: Option<&Path>) -> Result<Option<Arc<str>>> {
    let token = match file {
        Some(path) => Some(
            std::fs::read_to_string(path)
                .map_err(|e| Error::io(path, e))?
                .trim()
                .to_string(),
        ),
        None => std::env::var("CLUSTERPOOL_ADMIN_TOKEN").ok(),
    };
    Ok(token.filter(|t| !t.is_empty()).map(Arc::from))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_file_is_trimmed_and_an_empty_one_means_no_token() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("token");
        std::fs::write(&file, "  secret-token-0123456789\n").unwrap();
        assert_eq!(
            admin_token(Some(&file)).unwrap().as_deref(),
            Some("secret-token-0123456789")
        );
        std::fs::write(&file, "\n").unwrap();
        assert_eq!(admin_token(Some(&file)).unwrap(), None);
    }

    #[test]
    fn a_missing_token_file_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("absent");
        match admin_token(Some(&file)) {
            Err(Error::Io { path, .. }) => assert_eq!(path, file),
            other => panic!("{other:?}"),
        }
    }
}
