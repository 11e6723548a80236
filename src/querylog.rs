//! What the pool's readers look for and do not find, for curators: every search
//! counted by its normalised text and filters, never by who asked (no address, no
//! cookie, no time finer than the hour, nothing per person). The log is bounded
//! ([`MAX_QUERIES`] distinct searches; the rarest, oldest one makes room), forgets
//! searches not seen for [`RETENTION_DAYS`] days, and is kept in one JSON file
//! beside the index, written whole to a temporary file and renamed, so a crash
//! leaves the last complete file. `GET /api/admin/queries` and `clusterpool
//! queries` read it through [`QueryLog::report`]. SECURITY.md says the same for
//! operators.

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// The log's file name inside the index folder.
pub const FILE: &str = "queries.json";
/// Distinct searches kept at most.
pub const MAX_QUERIES: usize = 5_000;
/// Searches not seen for this many days are forgotten.
pub const RETENTION_DAYS: u64 = 90;
/// A search with fewer hits than this (zero included) is listed among those the
/// pool answers poorly.
pub const FEW_HITS: u64 = 3;
/// Longest query text kept, in characters (longer ones are cut).
const MAX_QUERY_CHARS: usize = 200;
const HOUR: u64 = 3_600;

/// One search as counted: its normalised text and the filters it had.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
pub struct QueryKey {
    /// The text, lower-cased, with runs of white space made one space.
    pub query: String,
    /// Filters: each parameter with its values, sorted.
    pub filters: BTreeMap<String, Vec<String>>,
}

impl QueryKey {
    /// The key of a search: `text` normalised, `filters` sorted and deduplicated.
    pub fn new(text: &str, filters: impl IntoIterator<Item = (String, String)>) -> QueryKey {
        let query: String = text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
            .chars()
            .take(MAX_QUERY_CHARS)
            .collect();
        let mut map: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (param, value) in filters {
            map.entry(param).or_default().push(value);
        }
        for values in map.values_mut() {
            values.sort();
            values.dedup();
        }
        QueryKey {
            query,
            filters: map,
        }
    }
}

/// What is kept of one search.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
struct Tally {
    /// Times it was searched.
    count: u64,
    /// Times it found nothing.
    zero_hits: u64,
    /// Hits the last time.
    last_hits: u64,
    /// The hour it was last searched (Unix seconds, rounded down to the hour).
    last_seen: u64,
}

/// The file's content.
#[derive(Default, Serialize, Deserialize)]
struct Stored {
    /// What the file is, for a person who opens it.
    about: String,
    entries: Vec<(QueryKey, Tally)>,
}

/// One line of a report.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct QueryCount {
    /// The normalised text.
    pub query: String,
    /// Its filters: each parameter with its values.
    pub filters: BTreeMap<String, Vec<String>>,
    /// Times searched.
    pub count: u64,
    /// Times it found nothing.
    pub zero_hits: u64,
    /// Hits the last time.
    pub last_hits: u64,
    /// When it was last searched, to the hour (RFC 3339, UTC).
    pub last_seen: String,
}

/// The curators' view: the most frequent searches, and the most frequent among
/// those that found fewer than [`FEW_HITS`] documents the last time.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct QueryReport {
    /// Distinct searches kept.
    pub distinct: usize,
    /// Most frequent first.
    pub top: Vec<QueryCount>,
    /// Most frequent first, among searches with zero or few hits.
    pub zero_or_few_hits: Vec<QueryCount>,
}

impl QueryReport {
    /// The report as two plain-text tables, for `clusterpool queries`.
    pub fn table(&self) -> String {
        let mut out = format!("{} distinct searches counted\n", self.distinct);
        for (title, list) in [
            ("most frequent", &self.top),
            (
                "most frequent with zero or few hits",
                &self.zero_or_few_hits,
            ),
        ] {
            out.push_str(&format!("\n{title}:\n"));
            if list.is_empty() {
                out.push_str("  (none)\n");
            }
            for c in list {
                let filters: Vec<String> = c
                    .filters
                    .iter()
                    .map(|(p, v)| format!("{p}={}", v.join(",")))
                    .collect();
                out.push_str(&format!(
                    "  {:>6}  {:>4} zero  {:>5} hits  {}  {}{}\n",
                    c.count,
                    c.zero_hits,
                    c.last_hits,
                    c.last_seen,
                    c.query,
                    if filters.is_empty() {
                        String::new()
                    } else {
                        format!("  [{}]", filters.join(" "))
                    }
                ));
            }
        }
        out
    }
}

/// The search counts, in memory and (unless kept in memory only) on disk.
pub struct QueryLog {
    path: Option<PathBuf>,
    state: Mutex<(HashMap<QueryKey, Tally>, bool)>,
    /// Held from the snapshot to the rename, so two writers (the minute's and
    /// the one at shutdown) never put an older snapshot over a newer one.
    writing: Mutex<()>,
}

impl QueryLog {
    /// A log kept in memory only (a read-only replica without a place to write,
    /// and tests).
    pub fn in_memory() -> QueryLog {
        QueryLog {
            path: None,
            state: Mutex::new((HashMap::new(), false)),
            writing: Mutex::new(()),
        }
    }

    /// The log kept in `dir`, read from its file when there is one. A file that
    /// cannot be read as a log is an error naming it (nothing is overwritten).
    pub fn open(dir: &Path) -> Result<QueryLog> {
        let path = dir.join(FILE);
        let mut entries = HashMap::new();
        match std::fs::read(&path) {
            Ok(bytes) => {
                let stored: Stored =
                    serde_json::from_slice(&bytes).map_err(|e| Error::QueryLog {
                        path: path.clone(),
                        message: e.to_string(),
                    })?;
                entries.extend(stored.entries);
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(&path, e)),
        }
        forget_old(&mut entries, now());
        Ok(QueryLog {
            path: Some(path),
            state: Mutex::new((entries, false)),
            writing: Mutex::new(()),
        })
    }

    /// Where the log is written, unless it is kept in memory only.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Counts one search that found `hits` documents.
    pub fn record(&self, key: QueryKey, hits: u64) {
        self.record_at(key, hits, now());
    }

    fn record_at(&self, key: QueryKey, hits: u64, at: u64) {
        let Ok(mut state) = self.state.lock() else {
            return;
        };
        let (entries, dirty) = &mut *state;
        if !entries.contains_key(&key) && entries.len() >= MAX_QUERIES {
            forget_old(entries, at);
            if entries.len() >= MAX_QUERIES {
                // The rarest search makes room; among equals, the one seen longest ago.
                let evict = entries
                    .iter()
                    .min_by(|a, b| {
                        (a.1.count, a.1.last_seen, a.0).cmp(&(b.1.count, b.1.last_seen, b.0))
                    })
                    .map(|(k, _)| k.clone());
                if let Some(k) = evict {
                    entries.remove(&k);
                }
            }
        }
        let tally = entries.entry(key).or_default();
        tally.count += 1;
        tally.zero_hits += u64::from(hits == 0);
        tally.last_hits = hits;
        tally.last_seen = at - at % HOUR;
        *dirty = true;
    }

    /// The `limit` most frequent searches, and as many of those with few hits.
    pub fn report(&self, limit: usize) -> QueryReport {
        let entries: Vec<(QueryKey, Tally)> = match self.state.lock() {
            Ok(state) => state
                .0
                .iter()
                .map(|(k, t)| (k.clone(), t.clone()))
                .collect(),
            Err(_) => Vec::new(),
        };
        let mut ranked = entries;
        ranked.sort_by(|a, b| {
            b.1.count
                .cmp(&a.1.count)
                .then(b.1.last_seen.cmp(&a.1.last_seen))
                .then(a.0.cmp(&b.0))
        });
        let line = |(k, t): &(QueryKey, Tally)| QueryCount {
            query: k.query.clone(),
            filters: k.filters.clone(),
            count: t.count,
            zero_hits: t.zero_hits,
            last_hits: t.last_hits,
            last_seen: chrono::DateTime::from_timestamp(t.last_seen as i64, 0)
                .unwrap_or_default()
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        };
        QueryReport {
            distinct: ranked.len(),
            top: ranked.iter().take(limit).map(line).collect(),
            zero_or_few_hits: ranked
                .iter()
                .filter(|(_, t)| t.last_hits < FEW_HITS)
                .take(limit)
                .map(line)
                .collect(),
        }
    }

    /// Writes the log when it changed since the last write: the whole file to a
    /// temporary one beside it, then renamed over it. A failed write leaves the
    /// log marked changed, so the next flush tries again.
    pub fn flush(&self) -> Result<()> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        let Ok(_writing) = self.writing.lock() else {
            return Ok(());
        };
        let stored = {
            let Ok(mut state) = self.state.lock() else {
                return Ok(());
            };
            if !state.1 {
                return Ok(());
            }
            state.1 = false;
            forget_old(&mut state.0, now());
            let mut entries: Vec<(QueryKey, Tally)> = state
                .0
                .iter()
                .map(|(k, t)| (k.clone(), t.clone()))
                .collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            Stored {
                about: "clusterpool's search counts: normalised query text and filters only \
                        (see SECURITY.md)"
                    .to_string(),
                entries,
            }
        };
        let dir = path.parent().unwrap_or(Path::new("."));
        let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| Error::io(dir, e))?;
        let json = serde_json::to_vec(&stored).map_err(|e| Error::QueryLog {
            path: path.clone(),
            message: e.to_string(),
        })?;
        let written = tmp
            .write_all(&json)
            .and_then(|()| tmp.as_file().sync_all())
            .map_err(|e| Error::io(tmp.path(), e))
            .and_then(|()| {
                tmp.persist(path)
                    .map(|_| ())
                    .map_err(|e| Error::io(path, e.error))
            });
        if written.is_err()
            && let Ok(mut state) = self.state.lock()
        {
            state.1 = true;
        }
        written
    }
}

/// Drops searches last seen more than [`RETENTION_DAYS`] before `at`.
fn forget_old(entries: &mut HashMap<QueryKey, Tally>, at: u64) {
    let horizon = at.saturating_sub(RETENTION_DAYS * 24 * HOUR);
    entries.retain(|_, t| t.last_seen >= horizon);
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(q: &str) -> QueryKey {
        QueryKey::new(q, [])
    }

    #[test]
    fn searches_differing_only_in_case_and_spaces_count_as_one() {
        let log = QueryLog::in_memory();
        log.record(key("Member  Survey"), 0);
        log.record(key(" member survey "), 4);
        let r = log.report(10);
        assert_eq!(r.distinct, 1);
        assert_eq!(r.top[0].query, "member survey");
        assert_eq!(
            (r.top[0].count, r.top[0].zero_hits, r.top[0].last_hits),
            (2, 1, 4)
        );
    }

    #[test]
    fn filters_are_part_of_the_search_in_any_order() {
        let a = QueryKey::new(
            "x",
            [("lang".into(), "lv".into()), ("lang".into(), "lt".into())],
        );
        let b = QueryKey::new(
            "x",
            [("lang".into(), "lt".into()), ("lang".into(), "lv".into())],
        );
        assert_eq!(a, b);
        assert_ne!(a, key("x"));
    }

    #[test]
    fn zero_and_few_hit_searches_are_listed_most_frequent_first() {
        let log = QueryLog::in_memory();
        for _ in 0..3 {
            log.record(key("klastru kartešana"), 0);
        }
        log.record(key("benchmarkng"), 1);
        for _ in 0..5 {
            log.record(key("cluster"), 40);
        }
        let r = log.report(10);
        let few: Vec<&str> = r
            .zero_or_few_hits
            .iter()
            .map(|c| c.query.as_str())
            .collect();
        assert_eq!(few, ["klastru kartešana", "benchmarkng"]);
        assert_eq!(r.top[0].query, "cluster");
    }

    #[test]
    fn the_log_is_bounded_and_the_rarest_oldest_search_makes_room() {
        let log = QueryLog::in_memory();
        let start = 1_800_000_000;
        // Searched twice long ago, and once long ago with a key that sorts last:
        // the second must go first, by count and then by age, not by its name.
        log.record_at(key("kept"), 1, start);
        log.record_at(key("kept"), 1, start);
        log.record_at(key("zz oldest"), 1, start);
        for i in 0..MAX_QUERIES - 2 {
            log.record_at(key(&format!("q{i}")), 1, start + 2 * HOUR);
        }
        log.record_at(key("newcomer"), 1, start + 3 * HOUR);
        let r = log.report(MAX_QUERIES + 1);
        assert_eq!(r.distinct, MAX_QUERIES);
        assert!(r.top.iter().any(|c| c.query == "kept"));
        assert!(r.top.iter().any(|c| c.query == "newcomer"));
        assert!(
            !r.top.iter().any(|c| c.query == "zz oldest"),
            "the oldest single search went"
        );
    }

    #[test]
    fn old_searches_are_forgotten() {
        let mut entries = HashMap::new();
        let at = 1_800_000_000;
        let tally = |seen| Tally {
            count: 1,
            last_seen: seen,
            ..Tally::default()
        };
        entries.insert(key("old"), tally(at - (RETENTION_DAYS + 1) * 24 * HOUR));
        entries.insert(key("recent"), tally(at - HOUR));
        forget_old(&mut entries, at);
        assert_eq!(
            entries.keys().map(|k| k.query.as_str()).collect::<Vec<_>>(),
            ["recent"]
        );
    }

    #[test]
    fn the_log_survives_a_reopen_and_keeps_only_hours() {
        let dir = tempfile::tempdir().unwrap();
        let log = QueryLog::open(dir.path()).unwrap();
        log.record(key("member survey"), 0);
        log.flush().unwrap();
        let again = QueryLog::open(dir.path()).unwrap();
        let r = again.report(10);
        assert_eq!(r.top[0].count, 1);
        assert!(
            r.top[0].last_seen.ends_with(":00:00Z"),
            "{}",
            r.top[0].last_seen
        );
    }

    #[test]
    fn a_damaged_file_is_an_error_naming_it_and_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE), b"{not json").unwrap();
        match QueryLog::open(dir.path()) {
            Err(Error::QueryLog { path, .. }) => assert_eq!(path, dir.path().join(FILE)),
            Err(e) => panic!("{e}"),
            Ok(_) => panic!("opened a damaged log"),
        }
        assert_eq!(std::fs::read(dir.path().join(FILE)).unwrap(), b"{not json");
    }
}
