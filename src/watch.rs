//! `serve --watch`: reindex when files under the corpus change. File events are
//! debounced (a burst of saves is one run), runs go through the same incremental
//! [`index::run`] as the CLI and the admin endpoint, and a run that finds the index
//! busy is simply retried on the next change.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use notify_debouncer_mini::{DebounceEventResult, new_debouncer, notify::RecursiveMode};

use crate::index::{self, IndexOptions};
use crate::ingest::Context;
use crate::search::Engine;
use crate::{Error, Result};

/// Keeps the watcher alive; dropping it stops watching.
pub struct Watch {
    _debouncer: notify_debouncer_mini::Debouncer<notify_debouncer_mini::notify::RecommendedWatcher>,
}

/// Starts watching `corpus`; changes are reindexed after `debounce` of quiet.
pub fn start(
    corpus: PathBuf,
    engine: Arc<Engine>,
    ctx: Context,
    debounce: Duration,
) -> Result<Watch> {
    let opts = IndexOptions {
        corpus: corpus.clone(),
        index: engine.index_dir().to_path_buf(),
        full: false,
        ctx,
        progress: false,
    };
    let index_dir = opts
        .index
        .canonicalize()
        .unwrap_or_else(|_| opts.index.clone());
    let mut debouncer = new_debouncer(debounce, move |events: DebounceEventResult| {
        let Ok(events) = events else {
            return;
        };
        // The index may live inside the corpus folder's parent; its own writes are not news.
        if events.iter().all(|e| e.path.starts_with(&index_dir)) {
            return;
        }
        match index::run(&opts) {
            Ok(report) => {
                let _ = engine.reload();
                tracing::info!(
                    added = report.added,
                    updated = report.updated,
                    removed = report.removed,
                    skipped = report.skipped,
                    "watch: reindexed"
                );
            }
            Err(Error::IndexBusy(_)) => {
                tracing::info!("watch: index busy, will retry on the next change")
            }
            Err(e) => tracing::warn!(error = %e, "watch: reindex failed"),
        }
    })
    .map_err(|e| Error::Watch {
        path: corpus.clone(),
        message: e.to_string(),
    })?;
    debouncer
        .watcher()
        .watch(&corpus, RecursiveMode::Recursive)
        .map_err(|e| Error::Watch {
            path: corpus.clone(),
            message: e.to_string(),
        })?;
    Ok(Watch {
        _debouncer: debouncer,
    })
}
