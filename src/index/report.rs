//! The report of one indexing run: what was added, updated, kept, removed and
//! skipped, per format and language, with every problem and its reason; printed
//! for curators and written as `ingest-report.json` beside the index.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use serde::Serialize;

use crate::ingest::{Problem, Severity};
use crate::{Error, Result};

/// Name of the report file written into the index directory after every run.
pub const REPORT_FILE: &str = "ingest-report.json";

/// Counts for one format.
#[derive(Clone, Debug, Default, Serialize)]
pub struct FormatCount {
    /// Files of this format found.
    pub seen: usize,
    /// Files of this format in the index after the run.
    pub indexed: usize,
    /// Files of this format skipped.
    pub skipped: usize,
}

/// The report of one run, printed for curators and written as JSON.
#[derive(Clone, Debug, Default, Serialize)]
pub struct IngestReport {
    /// The corpus folder.
    pub corpus: String,
    /// Why the run rebuilt everything, if it did.
    pub full_rebuild: Option<String>,
    /// Files found (documents and unreadable files, without sidecars).
    pub files_seen: usize,
    /// New documents.
    pub added: usize,
    /// Changed documents re-indexed.
    pub updated: usize,
    /// Documents left as they were.
    pub unchanged: usize,
    /// Documents removed because their file is gone or no longer readable.
    pub removed: usize,
    /// Files not indexed: the per-format `skipped` counts summed (kept in the
    /// report because it is the figure curators read first).
    pub skipped: usize,
    /// Files indexed with warnings.
    pub degraded: usize,
    /// Documents in the index after the commit.
    pub docs_in_index: u64,
    /// Passages embedded by meaning in this run (0 when the run had no model).
    pub passages_embedded: usize,
    /// Per format.
    pub by_format: BTreeMap<String, FormatCount>,
    /// Detected language of the documents extracted in this run.
    pub by_lang: BTreeMap<String, usize>,
    /// Every skipped or degraded file with its reason.
    pub problems: Vec<Problem>,
    /// Wall time of the run.
    pub duration_ms: u64,
}

/// Writes the report next to the index, atomically.
pub(super) fn write_report(index_dir: &Path, report: &IngestReport) -> Result<()> {
    let path = index_dir.join(REPORT_FILE);
    let tmp = index_dir.join(format!(".{REPORT_FILE}.tmp"));
    let json = serde_json::to_vec_pretty(report).map_err(|e| Error::io(&path, e.into()))?;
    fs::write(&tmp, json).map_err(|e| Error::io(&tmp, e))?;
    fs::rename(&tmp, &path).map_err(|e| Error::io(&path, e))?;
    Ok(())
}

impl IngestReport {
    /// A human-readable summary for the terminal: totals, per format, per language,
    /// then one line per skipped or degraded file.
    pub fn summary(&self) -> String {
        use std::fmt::Write;
        let mut s = String::new();
        if let Some(why) = &self.full_rebuild {
            let _ = writeln!(s, "full rebuild: {why}");
        }
        let _ = writeln!(
            s,
            "{} files seen: {} added, {} updated, {} unchanged, {} removed, {} skipped, {} degraded; {} documents in the index ({} ms)",
            self.files_seen,
            self.added,
            self.updated,
            self.unchanged,
            self.removed,
            self.skipped,
            self.degraded,
            self.docs_in_index,
            self.duration_ms
        );
        if self.passages_embedded > 0 {
            let _ = writeln!(s, "{} passages embedded by meaning", self.passages_embedded);
        }
        let formats: Vec<String> = self
            .by_format
            .iter()
            .map(|(f, c)| format!("{f} {}/{}", c.indexed, c.seen))
            .collect();
        let _ = writeln!(s, "by format (indexed/seen): {}", formats.join(", "));
        if !self.by_lang.is_empty() {
            let langs: Vec<String> = self
                .by_lang
                .iter()
                .map(|(l, n)| format!("{l} {n}"))
                .collect();
            let _ = writeln!(s, "languages of extracted documents: {}", langs.join(", "));
        }
        for p in &self.problems {
            let tag = match p.severity() {
                Severity::Skipped => "skipped ",
                Severity::Degraded => "degraded",
            };
            let _ = writeln!(s, "  {tag} {}: {}", p.path, p.reason);
        }
        s
    }
}
