//! The writer side: one indexing run turns the corpus into exactly one tantivy
//! commit. It remembers a content hash per document, so a run re-extracts only new
//! and changed files, deletes documents whose files are gone, and leaves the rest
//! alone; a new document is stamped with the run's time (`added`, what feeds sort
//! by), which it keeps when it changes. Until the commit, readers (and a killed run)
//! see the previous state.
//!
//! Layout of the index directory: `<SCHEMA_VERSION>/` holds the tantivy index, so an
//! analyzer or schema change starts a fresh index beside the old one (removed after
//! the first commit of the new; `added` times start afresh there),
//! `ingest-report.json` the last run's report, `vocabulary.yaml` the copy of the
//! vocabulary that tagged the index, and `queries.json` the server's query log
//! (`crate::querylog`).

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use tantivy::directory::error::LockError;
use tantivy::{Index, IndexWriter, TantivyError, Term};

use crate::document::Document;
use crate::ingest::{self, Candidate, Context, Problem, Reason, Skip};
use crate::schema::{self, Fields, SCHEMA_VERSION};
use crate::vocabulary::{self, Vocabulary};
use crate::{Error, Result, analysis};

mod report;
mod stored;

use report::write_report;
pub use report::{FormatCount, IngestReport, REPORT_FILE};
use stored::existing_hashes;
pub use stored::{stored_text, stored_texts, to_tantivy};

/// What one indexing run should do.
#[derive(Clone, Debug)]
pub struct IndexOptions {
    /// The corpus folder.
    pub corpus: PathBuf,
    /// The index folder.
    pub index: PathBuf,
    /// Re-extract every file even if unchanged.
    pub full: bool,
    /// Limits and vocabulary.
    pub ctx: Context,
    /// Draw a progress bar (only on a terminal).
    pub progress: bool,
}

/// The tantivy directory for the current schema version.
pub fn tantivy_dir(index_dir: &Path) -> PathBuf {
    index_dir.join(SCHEMA_VERSION)
}

/// Opens the index of the current schema version for the writer, creating an empty
/// one if there is none, with the analyzers registered.
pub fn open_or_create(index_dir: &Path) -> Result<(Index, Fields)> {
    let dir = tantivy_dir(index_dir);
    fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let settings = tantivy::IndexSettings {
        docstore_blocksize: DOCSTORE_BLOCK_BYTES,
        ..Default::default()
    };
    let index = Index::builder()
        .schema(schema::build())
        .settings(settings)
        .open_or_create(mmap(&dir)?)?;
    finish_open(index)
}

/// Bytes of stored documents compressed together. A page of hits reads ten
/// documents from ten random blocks, and each read decompresses its whole block:
/// tantivy's default of 16 KiB made that a twentieth of a search. An index keeps
/// the size it was created with.
const DOCSTORE_BLOCK_BYTES: usize = 4096;

/// Opens the index of the current schema version for reading. A reader never
/// creates one: a mistyped path is [`Error::NoIndex`], not an empty index.
pub fn open(index_dir: &Path) -> Result<(Index, Fields)> {
    if !exists(index_dir) {
        return Err(Error::NoIndex(index_dir.to_path_buf()));
    }
    let index = Index::open(mmap(&tantivy_dir(index_dir))?)?;
    finish_open(index)
}

fn mmap(dir: &Path) -> Result<tantivy::directory::MmapDirectory> {
    tantivy::directory::MmapDirectory::open(dir).map_err(|e| Error::BadIndex {
        path: dir.to_path_buf(),
        message: e.to_string(),
    })
}

fn finish_open(index: Index) -> Result<(Index, Fields)> {
    analysis::register(&index);
    let fields = schema::fields(&index.schema())?;
    Ok((index, fields))
}

/// Whether an index of the current version has been committed under `index_dir`.
pub fn exists(index_dir: &Path) -> bool {
    tantivy_dir(index_dir).join("meta.json").is_file()
}

/// Older index versions lying beside the current one.
fn stale_versions(index_dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(index_dir) else {
        return Vec::new();
    };
    entries
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            p.is_dir()
                && p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with("clusterpool-schema-") && n != SCHEMA_VERSION)
        })
        .collect()
}

fn writer(index: &Index, index_dir: &Path) -> Result<IndexWriter> {
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(4);
    index
        .writer_with_num_threads(threads, 64 * 1024 * 1024 * threads)
        .map_err(|e| match e {
            TantivyError::LockFailure(LockError::LockBusy, _) => {
                Error::IndexBusy(index_dir.to_path_buf())
            }
            other => Error::Tantivy(other),
        })
}

/// One indexing run, in the stages ARCHITECTURE.md names: **plan** (what is there,
/// which vocabulary, whether to rebuild), then per batch **diff** (which files
/// changed) → **extract** (on every core) → **apply** (writer operations), then
/// **commit** once and **report**. Only the stages up to the commit can fail the run.
pub fn run(opts: &IndexOptions) -> Result<IngestReport> {
    let started = Instant::now();
    let (plan, writer) = plan(opts)?;
    if plan.full_rebuild.is_some() {
        writer.delete_all_documents()?;
    }
    let mut apply = Apply::new(&plan, writer, opts);
    apply.discovery_problems(&plan.discovery.problems);
    let progress = progress_bar(opts.progress, plan.discovery.candidates.len() as u64);
    let passages = AtomicUsize::new(0);
    // Batches bound memory: at most one batch of file contents is held at a time.
    for batch in batches(&plan.discovery.candidates) {
        let todo = apply.diff(batch, &plan.ctx, &progress);
        let candidates: Vec<&Candidate> = todo.iter().map(|(c, _)| *c).collect();
        let built = extract_all(todo, &plan.ctx, &progress, &passages);
        for (c, result) in candidates.into_iter().zip(built) {
            apply.apply(c, result)?;
        }
    }
    progress.finish_and_clear();
    apply.remove_gone(&plan.discovery.candidates);
    let (writer, mut report) = apply.finish();
    report.passages_embedded = passages.into_inner();
    commit(writer, &plan.payload)?;
    Ok(report_committed(opts, plan, report, started))
}

/// What a run starts from: the corpus's files, the index and its documents' hashes,
/// the vocabulary to tag with, and whether everything must be rebuilt.
struct Plan {
    discovery: ingest::Discovery,
    index: Index,
    fields: Fields,
    existing: HashMap<String, String>,
    /// When each indexed document entered the pool (kept across its changes).
    added: HashMap<String, u64>,
    /// Documents whose passages hold this model's vectors (filled only when this
    /// run embeds): an unchanged document without them is embedded now.
    embedded: HashSet<String>,
    /// Older index versions beside this one, removed once this run has committed.
    stale: Vec<PathBuf>,
    ctx: Context,
    /// Whether the vocabulary is the corpus's own (and so is kept beside the index).
    vocabulary_from_corpus: bool,
    /// Problems found while planning (a vocabulary that could not be read).
    problems: Vec<Problem>,
    /// What the commit records; a different one from the last commit's means rebuild.
    payload: String,
    /// Why every document is re-extracted, if they are.
    full_rebuild: Option<String>,
}

/// The plan stage. The writer's lock is taken before anything is read from the
/// index, so no other run can commit between what this run saw and what it writes.
fn plan(opts: &IndexOptions) -> Result<(Plan, IndexWriter)> {
    let discovery = ingest::discover(&opts.corpus)?;
    let (index, fields) = open_or_create(&opts.index)?;
    let writer = writer(&index, &opts.index)?;
    let mut embedded = HashSet::new();
    let want_vectors = opts.ctx.embedder.is_some();
    let mut added = HashMap::new();
    let existing = existing_hashes(
        &index,
        want_vectors.then_some(&mut embedded),
        Some(&mut added),
    )?;
    let stale = stale_versions(&opts.index);
    let mut ctx = opts.ctx.clone();
    let mut problems = Vec::new();
    let mut vocabulary_from_corpus = false;
    if ctx.vocabulary.is_none() {
        let (vocabulary, problem) = corpus_vocabulary(opts);
        vocabulary_from_corpus = vocabulary.is_some() && problem.is_none();
        ctx.vocabulary = vocabulary;
        problems.extend(problem);
    }
    if let Some(v) = &ctx.vocabulary {
        ctx.known_topics = v
            .concepts
            .iter()
            .filter(|c| c.topic)
            .map(|c| c.id.clone())
            .collect();
    }
    let payload = commit_payload(ctx.vocabulary.as_deref());
    let previous = index.load_metas()?.payload;
    let full_rebuild = rebuild_reason(opts.full, &existing, &stale, previous.as_deref(), &payload);
    let plan = Plan {
        discovery,
        index,
        fields,
        existing,
        added,
        embedded,
        stale,
        ctx,
        vocabulary_from_corpus,
        problems,
        payload,
        full_rebuild,
    };
    Ok((plan, writer))
}

/// The corpus's vocabulary; when it cannot be read, the last good one kept beside
/// the index (a typo must not switch cross-lingual search off) and the problem.
fn corpus_vocabulary(opts: &IndexOptions) -> (Option<Arc<Vocabulary>>, Option<Problem>) {
    match Vocabulary::load_optional(&opts.corpus) {
        Ok(v) => (v.map(Arc::new), None),
        Err(e) => {
            let previous = Vocabulary::load_optional(&opts.index).ok().flatten();
            let fallback = if previous.is_some() {
                "keeping the vocabulary of the previous run"
            } else {
                "indexing without a vocabulary"
            };
            let problem = Problem {
                path: vocabulary::FILE.to_string(),
                reason: Reason::Vocabulary(format!("{e}; {fallback}")),
            };
            (previous.map(Arc::new), Some(problem))
        }
    }
}

/// Why this run must re-extract every document, if it must.
fn rebuild_reason(
    asked: bool,
    existing: &HashMap<String, String>,
    stale: &[PathBuf],
    previous_payload: Option<&str>,
    payload: &str,
) -> Option<String> {
    if asked {
        Some("--full was given".into())
    } else if existing.is_empty() && !stale.is_empty() {
        let names: Vec<&str> = stale
            .iter()
            .filter_map(|p| p.file_name()?.to_str())
            .collect();
        Some(format!(
            "the index was written by another version ({}); this version uses {SCHEMA_VERSION}",
            names.join(", ")
        ))
    } else if !existing.is_empty() && previous_payload != Some(payload) {
        Some(
            "the concept vocabulary changed since the last run: every document is re-tagged".into(),
        )
    } else {
        None
    }
}

/// The diff and apply stages: the writer, and the report as the run fills it in.
struct Apply<'a> {
    writer: IndexWriter,
    fields: &'a Fields,
    existing: &'a HashMap<String, String>,
    /// `Some` when this run embeds: the documents that already have vectors.
    embedded: Option<&'a HashSet<String>>,
    /// When each indexed document entered the pool.
    added: &'a HashMap<String, u64>,
    /// This run's time, for the documents it adds (Unix milliseconds).
    now: u64,
    full: bool,
    report: IngestReport,
}

impl<'a> Apply<'a> {
    fn new(plan: &'a Plan, writer: IndexWriter, opts: &IndexOptions) -> Apply<'a> {
        let report = IngestReport {
            corpus: opts.corpus.display().to_string(),
            full_rebuild: plan.full_rebuild.clone(),
            files_seen: plan.discovery.candidates.len() + plan.discovery.problems.len(),
            problems: plan.problems.clone(),
            ..IngestReport::default()
        };
        Apply {
            writer,
            fields: &plan.fields,
            existing: &plan.existing,
            embedded: plan.ctx.embedder.is_some().then_some(&plan.embedded),
            added: &plan.added,
            now: std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_millis() as u64),
            full: plan.full_rebuild.is_some(),
            report,
        }
    }

    /// Files found but unreadable as documents count as skipped, by extension.
    fn discovery_problems(&mut self, problems: &[Problem]) {
        for p in problems {
            let ext = Path::new(&p.path)
                .extension()
                .map(|e| e.to_string_lossy().to_ascii_lowercase())
                .unwrap_or_else(|| "none".into());
            let entry = self.report.by_format.entry(ext).or_default();
            entry.seen += 1;
            entry.skipped += 1;
        }
        self.report.problems.extend(problems.iter().cloned());
    }

    fn format(&mut self, c: &Candidate) -> &mut FormatCount {
        self.report
            .by_format
            .entry(c.format.name().to_string())
            .or_default()
    }

    /// The diff stage: reads each file of the batch, counts the unchanged ones and
    /// skips the unreadable; returns the files to extract.
    fn diff<'c>(
        &mut self,
        batch: &'c [Candidate],
        ctx: &Context,
        progress: &indicatif::ProgressBar,
    ) -> Vec<(&'c Candidate, ingest::Loaded)> {
        let mut todo = Vec::new();
        for c in batch {
            self.format(c).seen += 1;
            match ingest::load(c, &ctx.limits) {
                Ok(loaded)
                    if !self.full
                        && self.existing.get(&c.id) == Some(&loaded.hash)
                        && self.embedded.is_none_or(|e| e.contains(&c.id)) =>
                {
                    self.report.unchanged += 1;
                    self.format(c).indexed += 1;
                    progress.inc(1);
                }
                Ok(loaded) => todo.push((c, loaded)),
                Err(reason) => {
                    self.skip(c, reason);
                    progress.inc(1);
                }
            }
        }
        todo
    }

    /// The apply stage for one extracted file.
    fn apply(&mut self, c: &Candidate, built: Built) -> Result<()> {
        let (doc, warnings) = match built {
            Ok(done) => done,
            Err(reason) => {
                self.skip(c, reason);
                return Ok(());
            }
        };
        let was_indexed = self.existing.contains_key(&c.id);
        if was_indexed && !self.full {
            self.delete(&c.id);
        }
        let added = self.added.get(&c.id).copied().unwrap_or(self.now);
        self.writer
            .add_document(to_tantivy(&doc, self.fields, added))?;
        if was_indexed {
            self.report.updated += 1;
        } else {
            self.report.added += 1;
        }
        self.format(c).indexed += 1;
        *self
            .report
            .by_lang
            .entry(doc.lang.code().to_string())
            .or_default() += 1;
        if !warnings.is_empty() {
            self.report.degraded += 1;
            self.report.problems.push(Problem {
                path: c.id.clone(),
                reason: Reason::Degraded(warnings),
            });
        }
        Ok(())
    }

    /// A file that cannot be indexed: reported, and its old version (if any)
    /// removed, so the index never serves a document whose file is broken.
    fn skip(&mut self, c: &Candidate, skip: Skip) {
        self.format(c).skipped += 1;
        self.report
            .problems
            .push(Problem::skipped(c.id.clone(), skip));
        if self.existing.contains_key(&c.id) {
            self.delete(&c.id);
            self.report.removed += 1;
        }
    }

    /// Deletes the documents whose files are gone from the corpus.
    fn remove_gone(&mut self, candidates: &[Candidate]) {
        if self.full {
            return;
        }
        let present: HashSet<&str> = candidates.iter().map(|c| c.id.as_str()).collect();
        let gone: Vec<&String> = self
            .existing
            .keys()
            .filter(|id| !present.contains(String::as_str(id)))
            .collect();
        for id in gone {
            self.delete(id);
            self.report.removed += 1;
        }
    }

    fn delete(&mut self, id: &str) {
        self.writer
            .delete_term(Term::from_field_text(self.fields.id, id));
    }

    fn finish(mut self) -> (IndexWriter, IngestReport) {
        // Files only: a vocabulary that could not be read is a problem of the run, not
        // a skipped file, so the total and the per-format counts agree.
        self.report.skipped = self.report.by_format.values().map(|f| f.skipped).sum();
        (self.writer, self.report)
    }
}

/// The commit stage: one commit, recording `payload`. After it returns, the run has
/// succeeded whatever follows.
fn commit(mut writer: IndexWriter, payload: &str) -> Result<()> {
    let mut prepared = writer.prepare_commit()?;
    prepared.set_payload(payload);
    prepared.commit()?;
    if let Err(e) = writer.wait_merging_threads() {
        tracing::warn!(error = %e, "segment merges after the commit failed; the commit stands");
    }
    Ok(())
}

/// The report stage, after the commit: keeps the vocabulary beside the index,
/// removes older index versions, counts the documents and writes the report.
/// Nothing here may turn the run into a failure (exit 1 means "nothing
/// committed"), so problems are reported, not returned.
fn report_committed(
    opts: &IndexOptions,
    plan: Plan,
    mut report: IngestReport,
    started: Instant,
) -> IngestReport {
    if (plan.vocabulary_from_corpus || plan.ctx.vocabulary.is_none())
        && let Err(e) = keep_vocabulary(&opts.corpus, &opts.index, plan.vocabulary_from_corpus)
    {
        report.problems.push(Problem {
            path: vocabulary::FILE.to_string(),
            reason: Reason::AfterCommit(format!("could not keep a copy beside the index: {e}")),
        });
    }
    for old in &plan.stale {
        // The new version has committed; the old one can go.
        let _ = fs::remove_dir_all(old);
    }
    match plan
        .index
        .reader_builder()
        .reload_policy(tantivy::ReloadPolicy::Manual)
        .try_into()
    {
        Ok(reader) => {
            report.docs_in_index = tantivy::IndexReader::searcher(&reader).num_docs();
        }
        Err(e) => report.problems.push(Problem {
            path: opts.index.display().to_string(),
            reason: Reason::AfterCommit(format!(
                "committed, but could not be reopened to count its documents: {e}"
            )),
        }),
    }
    report.duration_ms = started.elapsed().as_millis() as u64;
    if let Err(e) = write_report(&opts.index, &report) {
        tracing::warn!(error = %e, "the ingest report could not be written");
    }
    report
}

/// The outcome of building one document: the document and its warnings, or why not.
type Built = Result<(Document, Vec<String>), Skip>;

/// Splits the candidates into batches of at most 256 files and about 256 MiB on
/// disk, so one batch of loaded files stays small whatever the files are.
fn batches(candidates: &[Candidate]) -> Vec<&[Candidate]> {
    const FILES: usize = 256;
    const BYTES: u64 = 256 * 1024 * 1024;
    let mut out = Vec::new();
    let (mut start, mut bytes) = (0, 0u64);
    for (i, c) in candidates.iter().enumerate() {
        let size = fs::metadata(&c.path).map(|m| m.len()).unwrap_or(0);
        if i > start && (i - start >= FILES || bytes + size > BYTES) {
            out.push(&candidates[start..i]);
            start = i;
            bytes = 0;
        }
        bytes += size;
    }
    if start < candidates.len() {
        out.push(&candidates[start..]);
    }
    out
}

/// What a commit records: the schema version and which vocabulary tagged it.
fn commit_payload(vocabulary: Option<&Vocabulary>) -> String {
    match vocabulary {
        Some(v) => format!("{SCHEMA_VERSION} vocabulary={}", v.hash),
        None => format!("{SCHEMA_VERSION} vocabulary=none"),
    }
}

/// Keeps a copy of the vocabulary that tagged the index beside it, so every
/// server on this index (read replicas too) expands queries with the same terms.
fn keep_vocabulary(corpus: &Path, index_dir: &Path, present: bool) -> Result<()> {
    let target = index_dir.join(vocabulary::FILE);
    let source = corpus.join(vocabulary::FILE);
    if !present || !source.is_file() {
        let _ = fs::remove_file(&target);
        return Ok(());
    }
    let tmp = index_dir.join(format!(".{}.tmp", vocabulary::FILE));
    fs::copy(&source, &tmp).map_err(|e| Error::io(&source, e))?;
    fs::rename(&tmp, &target).map_err(|e| Error::io(&target, e))?;
    Ok(())
}

/// The extract, detect and embed stages for a batch, on every core; `passages`
/// counts the passages embedded. Results come back in input order.
fn extract_all(
    todo: Vec<(&Candidate, ingest::Loaded)>,
    ctx: &Context,
    progress: &indicatif::ProgressBar,
    passages: &AtomicUsize,
) -> Vec<Built> {
    let n = todo.len();
    let slots: Vec<Mutex<Option<(&Candidate, ingest::Loaded)>>> =
        todo.into_iter().map(|t| Mutex::new(Some(t))).collect();
    let results: Vec<Mutex<Option<Built>>> = (0..n).map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(n.max(1));
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= n {
                        break;
                    }
                    let Some((c, loaded)) = slots[i].lock().ok().and_then(|mut s| s.take()) else {
                        continue;
                    };
                    // A panic in an extractor must cost one file, not the run.
                    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        let (mut doc, warnings) = ingest::build_document(c, loaded, ctx)?;
                        if let Some(encoder) = &ctx.embedder {
                            crate::embed::embed_document(encoder, &mut doc);
                            let n = passages.fetch_add(doc.passages.len(), Ordering::Relaxed);
                            progress.set_message(format!(
                                ", {} passages embedded",
                                n + doc.passages.len()
                            ));
                        }
                        Ok((doc, warnings))
                    }))
                    .unwrap_or(Err(Skip::Panicked));
                    progress.inc(1);
                    if let Ok(mut slot) = results[i].lock() {
                        *slot = Some(r);
                    }
                }
            });
        }
    });
    results
        .into_iter()
        .map(|m| {
            m.into_inner()
                .ok()
                .flatten()
                .unwrap_or(Err(Skip::Unfinished))
        })
        .collect()
}

fn progress_bar(enabled: bool, len: u64) -> indicatif::ProgressBar {
    if !enabled {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{spinner} indexing [{bar:40}] {pos}/{len} files{msg} ({per_sec}, eta {eta})",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

/// Whether some document of the index has no vectors of the current model (so a
/// run with the model would embed it).
pub fn lacks_vectors(index_dir: &Path) -> Result<bool> {
    if !exists(index_dir) {
        return Ok(true);
    }
    let (index, _) = open(index_dir)?;
    let mut embedded = HashSet::new();
    let all = existing_hashes(&index, Some(&mut embedded), None)?;
    Ok(all.len() > embedded.len())
}

/// Whether the index needs a run before serving: it is empty, or some corpus file
/// (or the corpus folder itself) changed after the last commit.
pub fn is_stale(corpus: &Path, index_dir: &Path) -> bool {
    let meta = tantivy_dir(index_dir).join("meta.json");
    let Ok(committed) = fs::metadata(&meta).and_then(|m| m.modified()) else {
        return true;
    };
    walkdir::WalkDir::new(corpus)
        .follow_links(false)
        .into_iter()
        .filter_map(|e| e.ok())
        .any(|e| {
            e.metadata()
                .ok()
                .and_then(|m| m.modified().ok())
                .is_some_and(|t| t > committed)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rebuild_says_why_and_an_ordinary_run_does_not_rebuild() {
        let none = HashMap::new();
        let some: HashMap<String, String> = [("a.md".to_string(), "h".to_string())].into();
        let old = vec![PathBuf::from("index/clusterpool-schema-0")];
        let payload = "v vocabulary=none";
        assert_eq!(
            rebuild_reason(true, &some, &[], Some(payload), payload).as_deref(),
            Some("--full was given")
        );
        let why = rebuild_reason(false, &none, &old, None, payload).unwrap();
        assert!(
            why.contains("clusterpool-schema-0") && why.contains(SCHEMA_VERSION),
            "{why}"
        );
        let why = rebuild_reason(false, &some, &[], Some("v vocabulary=abc"), payload).unwrap();
        assert!(why.contains("vocabulary changed"), "{why}");
        assert_eq!(
            rebuild_reason(false, &some, &[], Some(payload), payload),
            None
        );
        // A first run into an empty folder is not a rebuild.
        assert_eq!(rebuild_reason(false, &none, &[], None, payload), None);
    }

    #[test]
    fn batches_hold_at_most_256_files() {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..600 {
            std::fs::write(dir.path().join(format!("{i:03}.txt")), "x").unwrap();
        }
        let found = ingest::discover(dir.path()).unwrap();
        let sizes: Vec<usize> = batches(&found.candidates).iter().map(|b| b.len()).collect();
        assert_eq!(sizes, [256, 256, 88]);
    }
}
