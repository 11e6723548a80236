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

/// One document as exported: every stored field and the text.
pub fn document_json(doc: &DocumentView) -> Value {
    json!({
        "id": doc.id,
        "title": doc.title,
        "description": doc.description,
        "type": doc.doc_type,
        "lang": doc.lang,
        "lang_confidence": doc.lang_confidence,
        "languages": doc.languages,
        "country": doc.country,
        "organisation": doc.organisation,
        "topics": doc.topics,
        "audience": doc.audience,
        "module": doc.module,
        "year": doc.year,
        "source_url": doc.source_url,
        "format": doc.format,
        "concepts": doc.concepts,
        "sections": doc.sections,
        "text": doc.text,
    })
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
    // Facet names as the search API uses them.
    if let Some(o) = obj.remove("organisation") {
        obj.insert("org".into(), o);
    }
    if let Some(t) = obj.remove("topics") {
        obj.insert("topic".into(), t);
    }
    if let Some(c) = obj.remove("concepts") {
        obj.insert("concept".into(), c);
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
    for keyword in [
        "id",
        "type",
        "lang",
        "languages",
        "country",
        "org",
        "topic",
        "audience",
        "module",
        "concept",
        "format",
        "source_url",
    ] {
        properties.insert(keyword.into(), json!({ "type": "keyword" }));
    }
    properties.insert("title".into(), json!({ "type": "text", "index": false }));
    properties.insert(
        "description".into(),
        json!({ "type": "text", "analyzer": "standard" }),
    );
    properties.insert("year".into(), json!({ "type": "integer" }));
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
