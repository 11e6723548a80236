//! Documents in tantivy's form and back: [`to_tantivy`] writes a [`Document`]'s
//! fields, [`stored_text`] and [`stored_texts`] read stored ones, and
//! `existing_hashes` reads every live document's `id → hash` (and when it
//! entered the pool) for the diff stage.

use std::collections::{HashMap, HashSet};

use tantivy::schema::Value;
use tantivy::{Index, TantivyDocument};

use crate::document::Document;
use crate::schema::{Facet, Fields};
use crate::{Error, Result};

/// Reads `id → hash` of every live document from the fast fields; when
/// `embedded` is asked for, the ids of those whose passages hold this model's
/// vectors; when `added` is, each document's `added` time, which a changed
/// document keeps.
pub(super) fn existing_hashes(
    index: &Index,
    embedded: Option<&mut HashSet<String>>,
    added: Option<&mut HashMap<String, u64>>,
) -> Result<HashMap<String, String>> {
    let mut added = added;
    let mut embedded = embedded;
    let reader = index
        .reader_builder()
        .reload_policy(tantivy::ReloadPolicy::Manual)
        .try_into()?;
    let searcher = reader.searcher();
    let mut out = HashMap::with_capacity(searcher.num_docs() as usize);
    for segment in searcher.segment_readers() {
        let ff = segment.fast_fields();
        let (Some(ids), Some(hashes)) = (ff.str("id")?, ff.str("hash")?) else {
            continue;
        };
        // Each dictionary is read once, in order: looking terms up one by one
        // decompresses a block per document, which dominated unchanged re-runs.
        let id_terms = dictionary_terms(&ids)?;
        let hash_terms = dictionary_terms(&hashes)?;
        let passages = match embedded {
            Some(_) => ff.bytes(crate::schema::PASSAGES)?,
            None => None,
        };
        let added_column = match added {
            Some(_) => ff.u64("added").ok(),
            None => None,
        };
        let mut blob = Vec::new();
        for doc in segment.doc_ids_alive() {
            let (Some(i), Some(h)) = (ids.term_ords(doc).next(), hashes.term_ords(doc).next())
            else {
                continue;
            };
            if let (Some(id), Some(hash)) = (id_terms.get(i as usize), hash_terms.get(h as usize)) {
                out.insert(id.clone(), hash.clone());
                if let (Some(map), Some(column)) = (added.as_deref_mut(), added_column.as_ref())
                    && let Some(when) = column.first(doc)
                {
                    map.insert(id.clone(), when);
                }
                if let (Some(set), Some(column)) = (embedded.as_deref_mut(), passages.as_ref())
                    && let Some(ord) = column.term_ords(doc).next()
                {
                    blob.clear();
                    column
                        .ord_to_bytes(ord, &mut blob)
                        .map_err(|e| Error::Tantivy(e.into()))?;
                    if crate::embed::vectors::is_current(&blob) {
                        set.insert(id.clone());
                    }
                }
            }
        }
    }
    Ok(out)
}

/// Every term of a string fast field's dictionary, indexed by term ordinal.
fn dictionary_terms(column: &tantivy::columnar::StrColumn) -> Result<Vec<String>> {
    let dictionary = column.dictionary();
    let mut terms = Vec::with_capacity(dictionary.num_terms());
    let mut stream = dictionary.stream().map_err(|e| Error::Tantivy(e.into()))?;
    while stream.advance() {
        debug_assert_eq!(stream.term_ord() as usize, terms.len());
        terms.push(String::from_utf8_lossy(stream.key()).into_owned());
    }
    Ok(terms)
}

/// Turns a document into tantivy's form.
pub fn to_tantivy(doc: &Document, f: &Fields, added: u64) -> TantivyDocument {
    let mut d = TantivyDocument::default();
    d.add_text(f.id, &doc.id);
    d.add_u64(f.added, added);
    d.add_text(f.hash, &doc.hash);
    let title = doc.meta.title.as_deref().unwrap_or_default();
    d.add_text(f.title, title);
    d.add_text(f.title_of(doc.lang), title);
    d.add_text(f.body_of(doc.lang), &doc.text);
    if let Some(desc) = &doc.meta.description {
        d.add_text(f.description, desc);
        // Descriptions are searched too, in the document's language.
        d.add_text(f.body_of(doc.lang), desc);
    }
    let m = &doc.meta;
    let facet_values: [(Facet, Vec<&str>); 8] = [
        (Facet::Type, m.doc_type.iter().map(String::as_str).collect()),
        (Facet::Lang, vec![doc.lang.code()]),
        (
            Facet::Country,
            m.country.iter().map(String::as_str).collect(),
        ),
        (Facet::Topic, m.topics.iter().map(String::as_str).collect()),
        (
            Facet::Audience,
            m.audience.iter().map(String::as_str).collect(),
        ),
        (
            Facet::Org,
            m.organisation.iter().map(String::as_str).collect(),
        ),
        (Facet::Module, m.module.iter().map(String::as_str).collect()),
        (
            Facet::Concept,
            doc.concepts.iter().map(String::as_str).collect(),
        ),
    ];
    for (facet, values) in facet_values {
        for v in values {
            d.add_text(f.facet(facet), v);
        }
    }
    if let Some(y) = m.year {
        d.add_u64(f.year, u64::from(y));
    }
    d.add_f64(f.lang_confidence, doc.lang_confidence);
    if let Some(u) = &m.source_url {
        d.add_text(f.source_url, u);
    }
    d.add_text(f.format, doc.format);
    for l in &m.languages {
        d.add_text(f.languages, l.code());
    }
    if !doc.passages.is_empty() {
        d.add_bytes(f.passages, &crate::embed::vectors::encode(&doc.passages));
    }
    if !doc.sections.is_empty() {
        d.add_text(
            f.sections,
            serde_json::to_string(&doc.sections).unwrap_or_default(),
        );
    }
    d
}

/// Reads back a stored field as text.
pub fn stored_text(doc: &TantivyDocument, field: tantivy::schema::Field) -> Option<String> {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .map(str::to_string)
}

/// Reads back every value of a stored multi-valued text field.
pub fn stored_texts(doc: &TantivyDocument, field: tantivy::schema::Field) -> Vec<String> {
    doc.get_all(field)
        .filter_map(|v| v.as_str())
        .map(str::to_string)
        .collect()
}
