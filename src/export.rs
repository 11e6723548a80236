//! Export of the processed pool, so the work of extraction, language detection and
//! concept tagging can feed other systems: JSON lines (one document per line), and
//! for deployments that outgrow one machine an OpenSearch/Elasticsearch index
//! template (one analyzed field pair per language with that language's analyzer,
//! keyword fields for the facets) plus `_bulk` files ready for `curl --data-binary`.

use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::lang::Lang;
use crate::schema::Facet;
use crate::search::{DocumentView, Engine};
use crate::{Error, Result};

/// Documents per `_bulk` file (OpenSearch's default request limit is 100 MB).
pub const BULK_DOCS_PER_FILE: usize = 1_000;

/// The OpenSearch/Elasticsearch analyzer of each language. Polish needs the
/// `analysis-stempel` plugin (bundled with OpenSearch's full distribution).
pub fn analyzer(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "english",
        Lang::Da => "danish",
        Lang::Sv => "swedish",
        Lang::No => "norwegian",
        Lang::Fi => "finnish",
        Lang::Et => "estonian",
        Lang::Lv => "latvian",
        Lang::Lt => "lithuanian",
        Lang::Pl => "polish",
        Lang::De => "german",
        Lang::Ru => "russian",
        Lang::Fr => "french",
        Lang::Und => "standard",
    }
}

/// One document as exported: every stored field and the text, as the API's
/// document JSON has them (the same serde form, so the two cannot drift apart).
pub fn document_json(doc: &DocumentView) -> Value {
    serde_json::to_value(doc).unwrap_or(Value::Null)
}

/// The document as an OpenSearch source: text in the language's own fields.
pub fn opensearch_source(doc: &DocumentView) -> Value {
    let mut v = document_json(doc);
    let obj = v.as_object_mut().expect("object");
    let text = obj.remove("text").unwrap_or(Value::Null);
    let title = obj.get("title").cloned().unwrap_or(Value::Null);
    obj.remove("sections");
    obj.insert(format!("title_{}", doc.lang), title);
    obj.insert(format!("body_{}", doc.lang), text);
    // Facet names as the search API uses them, where the document's field is
    // named otherwise.
    for (field, facet) in [
        ("organisation", Facet::Org),
        ("topics", Facet::Topic),
        ("concepts", Facet::Concept),
    ] {
        if let Some(v) = obj.remove(field) {
            obj.insert(facet.name().into(), v);
        }
    }
    v
}

/// The index template: per-language text fields, keyword facets.
pub fn opensearch_template(index_name: &str) -> Value {
    let mut properties = serde_json::Map::new();
    for lang in Lang::ALL {
        let analyzed = json!({ "type": "text", "analyzer": analyzer(lang) });
        properties.insert(format!("title_{}", lang.code()), analyzed.clone());
        properties.insert(format!("body_{}", lang.code()), analyzed);
    }
    let keywords = ["id", "languages", "format", "source_url"]
        .into_iter()
        .chain(Facet::ALL.map(Facet::name));
    for keyword in keywords {
        properties.insert(keyword.into(), json!({ "type": "keyword" }));
    }
    properties.insert("title".into(), json!({ "type": "text", "index": false }));
    properties.insert(
        "description".into(),
        json!({ "type": "text", "analyzer": "standard" }),
    );
    properties.insert("year".into(), json!({ "type": "integer" }));
    properties.insert("added".into(), json!({ "type": "date" }));
    properties.insert("lang_confidence".into(), json!({ "type": "float" }));
    json!({
        "index_patterns": [format!("{index_name}*")],
        "template": {
            "settings": { "number_of_shards": 1, "number_of_replicas": 1 },
            "mappings": { "dynamic": "strict", "properties": properties }
        }
    })
}

fn create(path: &Path) -> Result<BufWriter<fs::File>> {
    fs::File::create(path)
        .map(BufWriter::new)
        .map_err(|e| Error::io(path, e))
}

/// Writes `documents.jsonl` into `out`; returns the number of documents.
pub fn jsonl(engine: &Engine, out: &Path) -> Result<usize> {
    fs::create_dir_all(out).map_err(|e| Error::io(out, e))?;
    let path = out.join("documents.jsonl");
    let mut w = create(&path)?;
    let mut n = 0;
    for id in engine.all_ids()? {
        let doc = engine.document(&id)?;
        serde_json::to_writer(&mut w, &document_json(&doc))
            .map_err(|e| Error::io(&path, e.into()))?;
        w.write_all(b"\n").map_err(|e| Error::io(&path, e))?;
        n += 1;
    }
    w.flush().map_err(|e| Error::io(&path, e))?;
    Ok(n)
}

/// Writes `documents.jsonl`, `opensearch/template.json` and
/// `opensearch/bulk-NNNN.ndjson` into `out`; returns the files written.
pub fn opensearch(engine: &Engine, out: &Path, index_name: &str) -> Result<Vec<PathBuf>> {
    jsonl(engine, out)?;
    let dir = out.join("opensearch");
    fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let mut written = vec![out.join("documents.jsonl")];
    let template = dir.join("template.json");
    let body = serde_json::to_vec_pretty(&opensearch_template(index_name))
        .map_err(|e| Error::io(&template, e.into()))?;
    fs::write(&template, body).map_err(|e| Error::io(&template, e))?;
    written.push(template);
    let ids = engine.all_ids()?;
    for (chunk_no, chunk) in ids.chunks(BULK_DOCS_PER_FILE).enumerate() {
        let path = dir.join(format!("bulk-{chunk_no:04}.ndjson"));
        let mut w = create(&path)?;
        for id in chunk {
            let doc = engine.document(id)?;
            let action = json!({ "index": { "_index": index_name, "_id": id } });
            for line in [action, opensearch_source(&doc)] {
                serde_json::to_writer(&mut w, &line).map_err(|e| Error::io(&path, e.into()))?;
                w.write_all(b"\n").map_err(|e| Error::io(&path, e))?;
            }
        }
        w.flush().map_err(|e| Error::io(&path, e))?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Section, SectionKind};
    use crate::search::{Card, Summary};

    fn view(lang: &str) -> DocumentView {
        DocumentView {
            card: Card {
                summary: Summary {
                    id: "tools/lv-a.md".into(),
                    title: "Klasteru kartēšana".into(),
                    doc_type: "tool".into(),
                    lang: lang.into(),
                },
                lang_confidence: 0.9,
                country: vec!["LV".into()],
                organisation: vec!["LIAA".into()],
                topics: vec!["cluster-mapping".into()],
                audience: vec!["cluster-manager".into()],
                module: Some("basic-1".into()),
                year: Some(2020),
                added: Some(1_796_601_600_000),
                format: "markdown".into(),
            },
            description: Some("Rīks".into()),
            languages: vec!["lv".into()],
            source_url: Some("https://example.org".into()),
            concepts: vec!["cluster-mapping".into()],
            text: "Teksts.".into(),
            sections: vec![Section {
                kind: SectionKind::Page,
                number: 1,
                start: 0,
                end: 7,
            }],
        }
    }

    #[test]
    fn every_field_of_an_exported_source_is_mapped_by_the_strict_template() {
        // `dynamic: strict` rejects a document with a field the mapping lacks.
        let template = opensearch_template("pool");
        let mapped = template["template"]["mappings"]["properties"]
            .as_object()
            .unwrap();
        for lang in Lang::ALL {
            let source = opensearch_source(&view(lang.code()));
            for key in source.as_object().unwrap().keys() {
                assert!(mapped.contains_key(key), "{key} is not in the template");
            }
        }
    }

    #[test]
    fn a_source_puts_the_text_in_its_languages_fields_and_uses_facet_names() {
        let source = opensearch_source(&view("lv"));
        assert_eq!(source["body_lv"], "Teksts.");
        assert_eq!(source["title_lv"], "Klasteru kartēšana");
        assert_eq!(source["org"], json!(["LIAA"]));
        assert_eq!(source["topic"], json!(["cluster-mapping"]));
        assert!(source.get("text").is_none() && source.get("sections").is_none());
        assert!(source.get("organisation").is_none());
    }

    #[test]
    fn the_exported_line_is_the_documents_json() {
        let doc = view("lv");
        let line = document_json(&doc);
        assert_eq!(line["type"], "tool");
        assert_eq!(line["sections"][0]["kind"], "page");
        assert_eq!(line["text"], "Teksts.");
    }
}
