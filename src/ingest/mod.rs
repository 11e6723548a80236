//! From files to [`Document`]s: walk the corpus (`discover.rs`), read each file
//! within the limits, pick an extractor by extension, layer the metadata (sidecar
//! over the file's own over document properties over the folder), detect the
//! language and normalise. Every file that cannot be read is turned into a
//! [`Problem`] with its path and a typed reason (`problem.rs`); no single file can
//! stop a run.

mod discover;
pub mod html;
pub mod markdown;
pub mod metadata;
pub mod office;
pub mod pdf;
mod problem;
pub mod text;

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Serialize;

use crate::document::{Document, Extracted, Metadata, Section};
use crate::lang::{self, Lang};
pub use discover::{Discovery, discover};
pub use problem::{PdfSkip, Problem, Reason, Severity, Skip};

/// The formats the indexer reads, chosen by file extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// `.md`, `.markdown`
    Markdown,
    /// `.html`, `.htm`
    Html,
    /// `.txt`
    Text,
    /// `.pdf`
    Pdf,
    /// `.pptx`
    Pptx,
    /// `.docx`
    Docx,
    /// `.odt`
    Odt,
    /// `.odp`
    Odp,
}

impl Format {
    /// Picks the format for a file name, if it is one we read.
    pub fn of(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "md" | "markdown" => Format::Markdown,
            "html" | "htm" => Format::Html,
            "txt" => Format::Text,
            "pdf" => Format::Pdf,
            "pptx" => Format::Pptx,
            "docx" => Format::Docx,
            "odt" => Format::Odt,
            "odp" => Format::Odp,
            _ => return None,
        })
    }

    /// The lower-case name used in reports and the index.
    pub fn name(self) -> &'static str {
        match self {
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Text => "text",
            Format::Pdf => "pdf",
            Format::Pptx => "pptx",
            Format::Docx => "docx",
            Format::Odt => "odt",
            Format::Odp => "odp",
        }
    }
}

/// Limits that protect a run from hostile or absurd files. Exceeding one skips the
/// file with a reason.
#[derive(Clone, Debug, Serialize)]
pub struct Limits {
    /// Largest file read at all.
    pub max_file_bytes: u64,
    /// Largest text kept from one file after extraction.
    pub max_text_bytes: usize,
    /// Most entries a zip container (PPTX, DOCX, ODF) may have.
    pub max_zip_entries: usize,
    /// Most bytes read out of a zip container, all entries together.
    pub max_unzipped_bytes: u64,
    /// Longest a single PDF extraction may take.
    pub timeout: Duration,
    /// Most memory the PDF extraction process may use.
    pub max_memory_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 32 * 1024 * 1024,
            max_text_bytes: 8 * 1024 * 1024,
            max_zip_entries: 5_000,
            max_unzipped_bytes: 256 * 1024 * 1024,
            timeout: Duration::from_secs(20),
            max_memory_bytes: 1024 * 1024 * 1024,
        }
    }
}

/// A file the indexer will read.
#[derive(Clone, Debug)]
pub struct Candidate {
    /// Corpus-relative path with `/` separators: the document id.
    pub id: String,
    /// Where it is on disk.
    pub path: PathBuf,
    /// Its `NAME.meta.yaml`, if there is one.
    pub sidecar: Option<PathBuf>,
    /// How to read it.
    pub format: Format,
}

/// Reads a file, refusing it when it is larger than `max` bytes. The size is checked
/// while reading too, so a file that grows after the check cannot get past it.
pub fn read_limited(path: &Path, max: u64) -> Result<Vec<u8>, Skip> {
    let file = fs::File::open(path).map_err(|e| Skip::Open(e.to_string()))?;
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    if len > max {
        return Err(Skip::TooLarge {
            bytes: len,
            limit: max,
        });
    }
    let mut buf = Vec::with_capacity(len as usize);
    file.take(max + 1)
        .read_to_end(&mut buf)
        .map_err(|e| Skip::Read(e.to_string()))?;
    if buf.len() as u64 > max {
        return Err(Skip::Grew { limit: max });
    }
    Ok(buf)
}

/// The content hash of a candidate: its bytes and its sidecar's.
pub fn content_hash(bytes: &[u8], sidecar: Option<&[u8]>) -> String {
    let mut h = blake3::Hasher::new();
    h.update(&(bytes.len() as u64).to_le_bytes());
    h.update(bytes);
    if let Some(s) = sidecar {
        h.update(b"sidecar");
        h.update(s);
    }
    h.finalize().to_hex()[..32].to_string()
}

/// The bytes of a candidate and its sidecar, read once, with their hash.
pub struct Loaded {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// The sidecar's bytes, if any.
    pub sidecar: Option<Vec<u8>>,
    /// [`content_hash`] of both.
    pub hash: String,
}

/// Reads a candidate and its sidecar within the limits.
pub fn load(candidate: &Candidate, limits: &Limits) -> Result<Loaded, Skip> {
    let bytes = read_limited(&candidate.path, limits.max_file_bytes)?;
    let sidecar = match &candidate.sidecar {
        Some(p) => Some(read_limited(p, 1024 * 1024).map_err(|e| Skip::Sidecar(Box::new(e)))?),
        None => None,
    };
    let hash = content_hash(&bytes, sidecar.as_deref());
    // The PDF extractor reads the file itself, in its own process.
    let bytes = if candidate.format == Format::Pdf {
        Vec::new()
    } else {
        bytes
    };
    Ok(Loaded {
        bytes,
        sidecar,
        hash,
    })
}

/// What ingest knows besides the file: the limits and the topic vocabulary.
#[derive(Clone, Debug)]
pub struct Context {
    /// Limits for every format.
    pub limits: Limits,
    /// Topic slugs of the vocabulary; when empty, any slug is accepted.
    pub known_topics: BTreeSet<String>,
    /// Whether to run language detection (off only for benchmarks).
    pub detect_language: bool,
    /// The executable that extracts PDFs; `None` finds `clusterpool` itself.
    pub pdf_helper: Option<PathBuf>,
    /// The concept vocabulary, when the corpus has one.
    pub vocabulary: Option<std::sync::Arc<crate::vocabulary::Vocabulary>>,
    /// The model that embeds passages at index time; `None` indexes words only
    /// (and keeps the vectors unchanged documents already have).
    pub embedder: Option<std::sync::Arc<crate::embed::Encoder>>,
}

impl Default for Context {
    fn default() -> Self {
        Context {
            limits: Limits::default(),
            known_topics: BTreeSet::new(),
            detect_language: true,
            pdf_helper: None,
            vocabulary: None,
            embedder: None,
        }
    }
}

/// Builds the document of a loaded candidate, in steps: extract → sidecar overlay
/// → clean and normalise → detect the language → tag concepts. Returns it with its
/// warnings, or why the file is skipped.
pub fn build_document(
    candidate: &Candidate,
    loaded: Loaded,
    ctx: &Context,
) -> Result<(Document, Vec<String>), Skip> {
    let mut extracted = extract(candidate, &loaded, ctx)?;
    if let Some(side) = &loaded.sidecar {
        overlay_sidecar(&mut extracted, side)?;
    }
    let Extracted {
        text,
        meta,
        sections,
        mut warnings,
    } = extracted;
    // NUL and other control characters are noise from broken exports; they would
    // end up in snippets. Slide and page offsets are moved with the text.
    let (text, sections, removed) = strip_controls(text, sections);
    if removed > 0 {
        warnings.push(format!(
            "removed {removed} control characters (NUL bytes or similar)"
        ));
    }
    let mut meta = normalise(candidate, meta, ctx, &mut warnings);
    if text.trim().is_empty() {
        return Err(Skip::NoText);
    }
    let (lang, lang_confidence) = language(&meta, &text, ctx, &mut warnings);
    let concepts = tag_concepts(&mut meta, lang, &text, ctx);
    Ok((
        Document {
            concepts,
            id: candidate.id.clone(),
            format: candidate.format.name(),
            meta,
            text,
            sections,
            lang,
            lang_confidence,
            hash: loaded.hash,
            passages: Vec::new(),
        },
        warnings,
    ))
}

/// The format's extractor, within the extracted-text limit.
fn extract(candidate: &Candidate, loaded: &Loaded, ctx: &Context) -> Result<Extracted, Skip> {
    let extracted = match candidate.format {
        Format::Markdown => markdown::extract(utf8(&loaded.bytes)?),
        Format::Html => html::extract(utf8(&loaded.bytes)?),
        Format::Text => text::extract(utf8(&loaded.bytes)?),
        Format::Pdf => pdf::extract(&candidate.path, &ctx.limits, ctx.pdf_helper.as_deref())?,
        Format::Pptx | Format::Docx | Format::Odt | Format::Odp => {
            office::extract(candidate.format, &loaded.bytes, &ctx.limits)?
        }
    };
    if extracted.text.len() > ctx.limits.max_text_bytes {
        return Err(Skip::TextTooLarge {
            bytes: extracted.text.len(),
            limit: ctx.limits.max_text_bytes,
        });
    }
    Ok(extracted)
}

/// The sidecar's metadata over the file's own; a sidecar that is not YAML is
/// ignored with a warning, one that is not UTF-8 skips the file.
fn overlay_sidecar(extracted: &mut Extracted, side: &[u8]) -> Result<(), Skip> {
    let src = std::str::from_utf8(side)
        .map_err(|e| Skip::Sidecar(Box::new(Skip::NotUtf8(e.valid_up_to()))))?;
    match metadata::from_yaml(src) {
        Ok((meta, warnings)) => {
            extracted
                .warnings
                .extend(warnings.into_iter().map(|w| format!("sidecar: {w}")));
            extracted.meta.overlay(meta);
        }
        Err(e) => extracted
            .warnings
            .push(format!("sidecar: {e}; sidecar ignored")),
    }
    Ok(())
}

/// The document's language and the detector's confidence: the metadata's when it
/// names one, else lingua's, else (when lingua is unsure) the declared one.
fn language(meta: &Metadata, text: &str, ctx: &Context, warnings: &mut Vec<String>) -> (Lang, f64) {
    match meta.lang {
        Some(l) => (l, 1.0),
        None if !ctx.detect_language => (meta.declared_lang.unwrap_or(Lang::Und), 0.0),
        None => {
            let d = lang::detect(text);
            match (d.lang, meta.declared_lang) {
                (Lang::Und, Some(declared)) => {
                    warnings.push(format!(
                        "language detection was unsure ({:.2}); using the declared language {declared}",
                        d.confidence
                    ));
                    (declared, d.confidence)
                }
                (l, _) => (l, d.confidence),
            }
        }
    }
}

/// The vocabulary concepts the document mentions; when its metadata names no
/// topics, the topics the text is most about stand in.
fn tag_concepts(meta: &mut Metadata, lang: Lang, text: &str, ctx: &Context) -> Vec<String> {
    let Some(v) = &ctx.vocabulary else {
        return Vec::new();
    };
    let tags = v.tag(lang, meta.title.as_deref().unwrap_or(""), text);
    if meta.topics.is_empty() {
        meta.topics = tags
            .iter()
            .filter(|(id, _)| v.concept(id).is_some_and(|c| c.topic))
            .take(4)
            .map(|(id, _)| id.clone())
            .collect();
    }
    tags.into_iter().map(|(id, _)| id).collect()
}

fn is_noise(c: char) -> bool {
    c.is_control() && !matches!(c, '\n' | '\t' | '\r')
}

/// Removes control characters other than line breaks and tabs, moving section
/// offsets along; returns how many were removed.
fn strip_controls(text: String, sections: Vec<Section>) -> (String, Vec<Section>, usize) {
    let removed = text.chars().filter(|c| is_noise(*c)).count();
    if removed == 0 {
        return (text, sections, 0);
    }
    let mut boundaries: Vec<usize> = sections.iter().flat_map(|s| [s.start, s.end]).collect();
    boundaries.sort_unstable();
    boundaries.dedup();
    let mut moved: HashMap<usize, usize> = HashMap::new();
    let mut out = String::with_capacity(text.len());
    let mut next = boundaries.iter().peekable();
    for (offset, c) in text.char_indices() {
        while next.peek().is_some_and(|b| **b <= offset) {
            if let Some(b) = next.next() {
                moved.insert(*b, out.len());
            }
        }
        if !is_noise(c) {
            out.push(c);
        }
    }
    for b in next {
        moved.insert(*b, out.len());
    }
    let sections = sections
        .into_iter()
        .map(|s| Section {
            start: moved.get(&s.start).copied().unwrap_or(0),
            end: moved.get(&s.end).copied().unwrap_or(out.len()),
            ..s
        })
        .collect();
    (out, sections, removed)
}

fn utf8(bytes: &[u8]) -> Result<&str, Skip> {
    std::str::from_utf8(bytes).map_err(|e| Skip::NotUtf8(e.valid_up_to()))
}

/// Fills the fields every document must have and checks topics against the
/// vocabulary.
fn normalise(
    candidate: &Candidate,
    mut meta: Metadata,
    ctx: &Context,
    warnings: &mut Vec<String>,
) -> Metadata {
    if meta.title.is_none() {
        let stem = candidate
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().replace(['-', '_'], " "))
            .unwrap_or_default();
        meta.title = Some(stem);
    }
    if meta.doc_type.is_none() {
        meta.doc_type = Some(folder_type(candidate).to_string());
    }
    if meta.organisation.is_empty()
        && let Some(author) = meta.author.clone()
    {
        meta.organisation = vec![author];
    }
    if !ctx.known_topics.is_empty() {
        for t in &meta.topics {
            if !ctx.known_topics.contains(t) {
                warnings.push(format!(
                    "metadata `topics`: {t:?} is not a topic of the vocabulary (kept)"
                ));
            }
        }
    }
    meta
}

/// The `type` a folder implies when nothing else says.
fn folder_type(candidate: &Candidate) -> &'static str {
    let top = candidate.id.split('/').next().unwrap_or("");
    match top {
        "case-studies" => "case-study",
        "tools" => "tool",
        "programmes" => "programme",
        "modules" => "training-module",
        "presentations" => "presentation",
        _ if matches!(candidate.format, Format::Pptx | Format::Odp) => "presentation",
        _ => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_go_and_sections_move_with_the_text() {
        use crate::document::SectionKind;
        let mut x = Extracted::default();
        x.push_section(SectionKind::Slide, 1, "one\0 two");
        x.push_section(SectionKind::Slide, 2, "th\u{1}ree");
        let (text, sections, removed) = strip_controls(x.text, x.sections);
        assert_eq!(removed, 2);
        assert_eq!(text, "one two\n\nthree");
        assert_eq!(&text[sections[0].start..sections[0].end], "one two");
        assert_eq!(&text[sections[1].start..sections[1].end], "three");
    }

    #[test]
    fn oversized_file_is_refused_with_its_size() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("big.txt");
        fs::write(&p, vec![b'a'; 2048]).unwrap();
        let err = read_limited(&p, 1024).unwrap_err();
        assert_eq!(
            err,
            Skip::TooLarge {
                bytes: 2048,
                limit: 1024
            }
        );
        assert_eq!(
            err.to_string(),
            "file is 2048 bytes, over the limit of 1024 bytes"
        );
    }
}
