//! Texts whose language is known, for the detector's accuracy table
//! (`bench-detect`) and its regression test (`tests/detection_e2e.rs`): lingua's
//! own test data (each language-model crate ships 1,000 sentences, word pairs and
//! single words of real web text under `testdata/`, which cargo has unpacked in its
//! registry), and the documents of a corpus through the real extractors, each with
//! the language the caller knows for it (a file name's prefix, a manifest).

use std::path::{Path, PathBuf};

use super::Lang;
use crate::ingest::{self, Candidate, Context};

/// The kinds of line lingua's test data holds.
pub const KINDS: [&str; 3] = ["sentences", "word-pairs", "single-words"];

/// The lingua models behind each language, by crate name (`lingua-<name>-language-model`).
fn model_names(lang: Lang) -> Vec<String> {
    lang.to_lingua()
        .iter()
        .map(|l| l.to_string().to_lowercase())
        .collect()
}

/// The test files of `kind` for `lang` (two for Norwegian: bokmål and nynorsk),
/// found under `$CARGO_HOME/registry/src` (default `~/.cargo`).
pub fn files(lang: Lang, kind: &str) -> Vec<PathBuf> {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo")));
    let Some(home) = home else {
        return Vec::new();
    };
    let Ok(registries) = std::fs::read_dir(home.join("registry").join("src")) else {
        return Vec::new();
    };
    let crates: Vec<PathBuf> = registries
        .flatten()
        .filter_map(|r| std::fs::read_dir(r.path()).ok())
        .flat_map(|dir| dir.flatten().map(|e| e.path()))
        .collect();
    let mut found = Vec::new();
    for name in model_names(lang) {
        let prefix = format!("lingua-{name}-language-model-");
        // The newest unpacked version of the model crate.
        let newest = crates
            .iter()
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with(&prefix))
            })
            .max();
        if let Some(dir) = newest {
            let file = dir.join("testdata").join(format!("{kind}.txt"));
            if file.is_file() {
                found.push(file);
            }
        }
    }
    found
}

/// The lines of `kind` for `lang`, or why they cannot be read.
pub fn lines(lang: Lang, kind: &str) -> Result<Vec<String>, String> {
    let files = files(lang, kind);
    if files.len() != lang.to_lingua().len() {
        return Err(format!(
            "lingua's {kind} test data for {lang} is not in cargo's registry (build the crate once, or set CARGO_HOME)"
        ));
    }
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).map_err(|e| format!("{}: {e}", f.display()))?;
        out.extend(
            text.lines()
                .filter(|l| !l.trim().is_empty())
                .map(str::to_string),
        );
    }
    Ok(out)
}

/// Every line of `kind`, in every pool language, with its language.
pub fn labelled(kind: &str) -> Result<Vec<(Lang, String)>, String> {
    let mut out = Vec::new();
    for lang in Lang::pool() {
        out.extend(lines(lang, kind)?.into_iter().map(|t| (lang, t)));
    }
    Ok(out)
}

/// The language a pool file's name declares (`lv-klasteru-kartesana.md`), as the
/// corpus README asks every file to be named.
pub fn named_language(candidate: &Candidate) -> Option<Lang> {
    let name = candidate.path.file_name()?.to_str()?;
    name.split('-').next()?.parse().ok()
}

/// The documents under `corpus` whose language `truth` knows, each extracted as
/// the indexer does (without detection; `pdf_helper` is the binary that extracts
/// PDFs in a child process). A file that does not extract is left out.
pub fn documents(
    corpus: &Path,
    pdf_helper: Option<PathBuf>,
    truth: impl Fn(&Candidate) -> Option<Lang>,
) -> Result<Vec<(Lang, String)>, String> {
    let found = ingest::discover(corpus).map_err(|e| e.to_string())?;
    let ctx = Context {
        detect_language: false,
        pdf_helper,
        ..Context::default()
    };
    let mut out = Vec::new();
    for c in &found.candidates {
        let Some(lang) = truth(c) else {
            continue;
        };
        let Ok(loaded) = ingest::load(c, &ctx.limits) else {
            continue;
        };
        if let Ok((doc, _)) = ingest::build_document(c, loaded, &ctx) {
            out.push((lang, doc.text));
        }
    }
    Ok(out)
}
