//! What flows from extraction to the index: an extractor returns [`Extracted`]
//! (text, partial metadata, sections), and the ingest stage builds the
//! [`Document`] the indexer writes: text, [`Metadata`], where its sections (slides,
//! pages) start, and the language it was detected in. Extractors fill a partial [`Metadata`]; the ingest
//! stage layers them (sidecar over file over properties over folder) and validates.

use serde::Serialize;

use crate::lang::Lang;

/// The kinds of material in the pool: the values of the `type` facet. (Their
/// names, in every language of the page, are in `http/locales`.)
pub const DOC_TYPES: [&str; 6] = [
    "case-study",
    "presentation",
    "tool",
    "programme",
    "training-module",
    "other",
];

/// The audiences material is written for: the values of the `audience` facet.
pub const AUDIENCES: [&str; 3] = ["facilitator", "policy", "business-support"];

/// The eight training modules of the capacity-building programme (2 basic
/// national, 3 advanced transnational, 3 on public programmes): the values of
/// the `module` facet.
pub const MODULES: [&str; 8] = [
    "basic-1",
    "basic-2",
    "advanced-1",
    "advanced-2",
    "advanced-3",
    "programme-1",
    "programme-2",
    "programme-3",
];

/// Metadata of a document. Every field is optional until ingest normalises it.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Metadata {
    /// Title.
    pub title: Option<String>,
    /// A one-paragraph description (HTML `<meta name="description">`, front matter).
    pub description: Option<String>,
    /// One of [`DOC_TYPES`].
    pub doc_type: Option<String>,
    /// ISO 3166 alpha-2 codes, upper case.
    pub country: Vec<String>,
    /// Organisation names.
    pub organisation: Vec<String>,
    /// Topic slugs.
    pub topics: Vec<String>,
    /// Values of [`AUDIENCES`].
    pub audience: Vec<String>,
    /// One of the [`MODULES`] slugs.
    pub module: Option<String>,
    /// Year written or published.
    pub year: Option<u32>,
    /// Where the original lives.
    pub source_url: Option<String>,
    /// A language forced by the metadata (`lang:`), which beats detection.
    pub lang: Option<Lang>,
    /// A language declared by the format (HTML `lang`), used only when detection fails.
    pub declared_lang: Option<Lang>,
    /// The languages a mixed-language document mixes, main one first.
    pub languages: Vec<Lang>,
    /// Author from document properties (fallback for `organisation`).
    pub author: Option<String>,
}

impl Metadata {
    /// Lays `over` on top of `self`: every field `over` sets wins.
    pub fn overlay(&mut self, over: Metadata) {
        fn opt<T>(base: &mut Option<T>, over: Option<T>) {
            if over.is_some() {
                *base = over;
            }
        }
        fn list<T>(base: &mut Vec<T>, over: Vec<T>) {
            if !over.is_empty() {
                *base = over;
            }
        }
        opt(&mut self.title, over.title);
        opt(&mut self.description, over.description);
        opt(&mut self.doc_type, over.doc_type);
        list(&mut self.country, over.country);
        list(&mut self.organisation, over.organisation);
        list(&mut self.topics, over.topics);
        list(&mut self.audience, over.audience);
        opt(&mut self.module, over.module);
        opt(&mut self.year, over.year);
        opt(&mut self.source_url, over.source_url);
        opt(&mut self.lang, over.lang);
        opt(&mut self.declared_lang, over.declared_lang);
        list(&mut self.languages, over.languages);
        opt(&mut self.author, over.author);
    }
}

/// What a section of a document is: a slide of a deck or a page of a PDF.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SectionKind {
    /// A slide (PPTX, ODP).
    Slide,
    /// A page (PDF).
    Page,
}

/// Where a slide or page starts and ends in the document's text (byte offsets).
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
pub struct Section {
    /// Slide or page.
    pub kind: SectionKind,
    /// 1-based number.
    pub number: u32,
    /// Byte offset of the first byte in [`Document::text`].
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
}

/// What an extractor gives back: the text, whatever metadata the file carries, the
/// sections and any problems that did not stop extraction.
#[derive(Debug, Default)]
pub struct Extracted {
    /// Plain text of the document.
    pub text: String,
    /// Metadata found in the file itself.
    pub meta: Metadata,
    /// Slides or pages, in order.
    pub sections: Vec<Section>,
    /// Problems worth a curator's attention.
    pub warnings: Vec<String>,
}

impl Extracted {
    /// Appends one section's text and records where it lies.
    pub fn push_section(&mut self, kind: SectionKind, number: u32, text: &str) {
        if !self.text.is_empty() {
            self.text.push_str("\n\n");
        }
        let start = self.text.len();
        self.text.push_str(text.trim());
        self.sections.push(Section {
            kind,
            number,
            start,
            end: self.text.len(),
        });
    }
}

/// A document ready to be indexed.
#[derive(Clone, Debug)]
pub struct Document {
    /// Path relative to the corpus root, with `/` separators.
    pub id: String,
    /// The format it was read from (`markdown`, `html`, `pdf`, …).
    pub format: &'static str,
    /// Normalised metadata; `title` and `doc_type` are always set.
    pub meta: Metadata,
    /// The extracted text.
    pub text: String,
    /// Slides or pages.
    pub sections: Vec<Section>,
    /// The language the document is analysed in.
    pub lang: Lang,
    /// Detector confidence (1.0 when `lang:` forced it).
    pub lang_confidence: f64,
    /// Content hash of the file and its sidecar, for incremental runs.
    pub hash: String,
    /// Vocabulary concepts the text mentions, most mentioned first.
    pub concepts: Vec<String>,
    /// Passages embedded by meaning (empty until the embed stage, or without a model).
    pub passages: Vec<crate::embed::Passage>,
}
