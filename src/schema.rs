//! The tantivy schema and its field handles in one struct. Text is indexed once per
//! language (`title_lv`, `body_lv`, …) so each language gets its own analyzer; a
//! document fills only the pair of its own language. Facets are raw-string fast
//! fields so filters are term queries and counts read columns, never stored docs.

use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

use crate::analysis;
use crate::lang::Lang;

/// Bumped whenever the schema or an analyzer changes; an index written with another
/// version is rebuilt from scratch on the next run.
pub const SCHEMA_VERSION: &str = "clusterpool-schema-7";

/// The name of the passages field (read as a fast field by name).
pub const PASSAGES: &str = "passages";

/// The facets a search can filter and count on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Facet {
    /// Kind of material.
    Type,
    /// Detected language.
    Lang,
    /// Country codes.
    Country,
    /// Topic slugs.
    Topic,
    /// Audience.
    Audience,
    /// Organisation names.
    Org,
    /// Training module slug.
    Module,
    /// Vocabulary concepts the document mentions.
    Concept,
}

impl Facet {
    /// Every string facet, in display order.
    pub const ALL: [Facet; 8] = [
        Facet::Type,
        Facet::Lang,
        Facet::Country,
        Facet::Topic,
        Facet::Audience,
        Facet::Org,
        Facet::Module,
        Facet::Concept,
    ];

    /// The query parameter, the JSON key and the index field name.
    pub fn name(self) -> &'static str {
        match self {
            Facet::Type => "type",
            Facet::Lang => "lang",
            Facet::Country => "country",
            Facet::Topic => "topic",
            Facet::Audience => "audience",
            Facet::Org => "org",
            Facet::Module => "module",
            Facet::Concept => "concept",
        }
    }

    /// The facet named by a query parameter.
    pub fn from_name(name: &str) -> Option<Facet> {
        Facet::ALL.into_iter().find(|f| f.name() == name)
    }
}

/// Handles of every field.
#[derive(Clone, Debug)]
pub struct Fields {
    /// Document id (corpus-relative path).
    pub id: Field,
    /// Content hash of file + sidecar.
    pub hash: Field,
    /// Display title.
    pub title: Field,
    /// Description.
    pub description: Field,
    /// `title_xx` per language, in [`Lang::ALL`] order.
    pub title_by_lang: Vec<Field>,
    /// `body_xx` per language, stored for snippets and the document page.
    pub body_by_lang: Vec<Field>,
    /// Facet fields in [`Facet::ALL`] order.
    pub facets: Vec<Field>,
    /// Year.
    pub year: Field,
    /// When the document entered the pool: the first run that indexed it (Unix
    /// milliseconds, so that runs a moment apart keep their order; kept when the
    /// document changes).
    pub added: Field,
    /// Detector confidence.
    pub lang_confidence: Field,
    /// Source URL.
    pub source_url: Field,
    /// Format name.
    pub format: Field,
    /// Mixed languages.
    pub languages: Field,
    /// Sections (slides, pages) as JSON.
    pub sections: Field,
    /// Passages and their vectors (`embed::vectors`), a bytes fast field.
    pub passages: Field,
}

impl Fields {
    /// The field of a facet.
    pub fn facet(&self, facet: Facet) -> Field {
        self.facets[facet as usize]
    }

    /// The title field of a language.
    pub fn title_of(&self, lang: Lang) -> Field {
        self.title_by_lang[lang as usize]
    }

    /// The body field of a language.
    pub fn body_of(&self, lang: Lang) -> Field {
        self.body_by_lang[lang as usize]
    }

    /// The language whose title or body field `field` is.
    pub fn lang_of(&self, field: Field) -> Option<Lang> {
        let i = self
            .body_by_lang
            .iter()
            .position(|f| *f == field)
            .or_else(|| self.title_by_lang.iter().position(|f| *f == field))?;
        Lang::ALL.get(i).copied()
    }
}

fn text_options(lang: Lang, stored: bool) -> TextOptions {
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(&analysis::tokenizer_name(lang))
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let opts = TextOptions::default().set_indexing_options(indexing);
    if stored { opts.set_stored() } else { opts }
}

/// Builds the schema.
pub fn build() -> Schema {
    let mut b = Schema::builder();
    b.add_text_field("id", STRING | STORED | FAST);
    b.add_text_field("hash", STRING | STORED | FAST);
    b.add_text_field("title", STORED);
    b.add_text_field("description", STORED);
    for lang in Lang::ALL {
        b.add_text_field(&format!("title_{}", lang.code()), text_options(lang, false));
        b.add_text_field(&format!("body_{}", lang.code()), text_options(lang, true));
    }
    for facet in Facet::ALL {
        b.add_text_field(facet.name(), STRING | STORED | FAST);
    }
    b.add_u64_field("year", INDEXED | STORED | FAST);
    // Only sorted on (feeds), never searched: a column and the stored value.
    b.add_u64_field("added", STORED | FAST);
    b.add_f64_field("lang_confidence", STORED);
    b.add_text_field("source_url", STORED);
    b.add_text_field("format", STRING | STORED);
    b.add_text_field("languages", STRING | STORED);
    b.add_text_field("sections", STORED);
    b.add_bytes_field(PASSAGES, FAST);
    b.build()
}

/// Looks up every field of a schema built by [`build`].
pub fn fields(schema: &Schema) -> tantivy::Result<Fields> {
    let f = |name: &str| schema.get_field(name);
    Ok(Fields {
        id: f("id")?,
        hash: f("hash")?,
        title: f("title")?,
        description: f("description")?,
        title_by_lang: Lang::ALL
            .iter()
            .map(|l| f(&format!("title_{}", l.code())))
            .collect::<Result<_, _>>()?,
        body_by_lang: Lang::ALL
            .iter()
            .map(|l| f(&format!("body_{}", l.code())))
            .collect::<Result<_, _>>()?,
        facets: Facet::ALL
            .iter()
            .map(|x| f(x.name()))
            .collect::<Result<_, _>>()?,
        year: f("year")?,
        added: f("added")?,
        lang_confidence: f("lang_confidence")?,
        source_url: f("source_url")?,
        format: f("format")?,
        languages: f("languages")?,
        sections: f("sections")?,
        passages: f(PASSAGES)?,
    })
}
