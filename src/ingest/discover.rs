//! Discovery: walk the corpus and turn it into candidates, one per readable file,
//! with its id (the relative path), format and sidecar; everything else found
//! (links, devices, odd names, unknown formats) is a skipped [`Problem`] with why.
//! Symbolic links are never followed and hidden files are ignored.

use std::fs;
use std::path::{Component, Path, PathBuf};

use super::{Candidate, Format, Problem, Skip};

/// Result of walking the corpus.
#[derive(Debug, Default)]
pub struct Discovery {
    /// The files to read, sorted by id.
    pub candidates: Vec<Candidate>,
    /// Files found but not readable as documents.
    pub problems: Vec<Problem>,
}

/// Files in the corpus root that are data, not documents.
const DATA_FILES: [&str; 4] = [
    "README.md",
    "vocabulary.yaml",
    "topics.yaml",
    "manifest.tsv",
];

fn is_sidecar(name: &str) -> bool {
    name.ends_with(".meta.yaml")
}

/// Walks the corpus. Symbolic links are never followed (they could lead outside the
/// corpus); hidden files and folders are ignored.
pub fn discover(corpus: &Path) -> crate::Result<Discovery> {
    let meta = fs::metadata(corpus).map_err(|e| crate::Error::io(corpus, e))?;
    if !meta.is_dir() {
        return Err(crate::Error::NotADirectory(corpus.to_path_buf()));
    }
    let mut found = Discovery::default();
    let walker = walkdir::WalkDir::new(corpus)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .map(|p| relative_lossy(corpus, p))
                    .unwrap_or_default();
                found
                    .problems
                    .push(Problem::skipped(path, Skip::Unlistable(e.to_string())));
                continue;
            }
        };
        let path = entry.path();
        let file_type = entry.file_type();
        if file_type.is_dir() {
            continue;
        }
        if file_type.is_symlink() {
            found.problems.push(Problem::skipped(
                relative_lossy(corpus, path),
                Skip::Symlink,
            ));
            continue;
        }
        if !file_type.is_file() {
            found.problems.push(Problem::skipped(
                relative_lossy(corpus, path),
                Skip::NotAFile,
            ));
            continue;
        }
        let name = entry.file_name().to_string_lossy();
        if is_sidecar(&name) || (entry.depth() == 1 && DATA_FILES.contains(&name.as_ref())) {
            continue;
        }
        let Some(id) = relative_id(corpus, path) else {
            found.problems.push(Problem::skipped(
                relative_lossy(corpus, path),
                Skip::BadName,
            ));
            continue;
        };
        let Some(format) = Format::of(path) else {
            found.problems.push(Problem::skipped(id, Skip::Unsupported));
            continue;
        };
        let sidecar = sidecar_of(path);
        found.candidates.push(Candidate {
            id,
            path: path.to_path_buf(),
            sidecar,
            format,
        });
    }
    Ok(found)
}

fn sidecar_of(path: &Path) -> Option<PathBuf> {
    let mut name = path.file_name()?.to_os_string();
    name.push(".meta.yaml");
    let sidecar = path.with_file_name(name);
    // symlink_metadata: a sidecar that is a link is not followed either.
    fs::symlink_metadata(&sidecar)
        .ok()
        .filter(|m| m.is_file())
        .map(|_| sidecar)
}

/// The document id of a path: relative, `/`-separated, UTF-8, no `..`.
fn relative_id(corpus: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(corpus).ok()?;
    let mut parts = Vec::new();
    for c in rel.components() {
        match c {
            Component::Normal(s) => parts.push(s.to_str()?),
            _ => return None,
        }
    }
    Some(parts.join("/"))
}

fn relative_lossy(corpus: &Path, path: &Path) -> String {
    path.strip_prefix(corpus)
        .unwrap_or(path)
        .to_string_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_relative_with_slashes() {
        let corpus = Path::new("/c");
        assert_eq!(
            relative_id(corpus, Path::new("/c/tools/a b.md")).as_deref(),
            Some("tools/a b.md")
        );
    }

    #[test]
    fn a_path_outside_the_corpus_or_with_dot_dot_has_no_id() {
        let corpus = Path::new("/c");
        assert_eq!(relative_id(corpus, Path::new("/elsewhere/a.md")), None);
        assert_eq!(relative_id(corpus, Path::new("/c/../a.md")), None);
    }
}
