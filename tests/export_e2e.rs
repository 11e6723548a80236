//! Export: JSON lines and OpenSearch files from a real index, checked for valid
//! JSON, the right analyzer per language, keyword facets, and a bulk file that
//! round-trips every document.

mod common;

use std::collections::BTreeMap;
use std::process::Command;

use common::Pool;

#[test]
fn export_writes_jsonl_and_opensearch_files_that_round_trip() {
    let pool = Pool::from_fixture("corpus");
    pool.index();
    let out = pool.dir.path().join("export");
    let status = Command::new(env!("CARGO_BIN_EXE_clusterpool"))
        .arg("--index")
        .arg(&pool.index)
        .args(["export", "--format", "opensearch", "--out"])
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());

    let lines: Vec<serde_json::Value> = std::fs::read_to_string(out.join("documents.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 12);
    let lv = lines
        .iter()
        .find(|d| d["id"] == "tools/lv-klasteru-kartesana.md")
        .unwrap();
    assert_eq!(lv["lang"], "lv");
    assert!(lv["lang_confidence"].as_f64().unwrap() > 0.4);
    assert_eq!(lv["module"], "basic-1");
    assert!(lv["text"].as_str().unwrap().contains("pašvaldībām"));

    let template: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("opensearch/template.json")).unwrap())
            .unwrap();
    let props = &template["template"]["mappings"]["properties"];
    for (lang, analyzer) in [
        ("en", "english"),
        ("da", "danish"),
        ("lv", "latvian"),
        ("lt", "lithuanian"),
        ("et", "estonian"),
        ("pl", "polish"),
        ("no", "norwegian"),
        ("ru", "russian"),
    ] {
        assert_eq!(props[format!("body_{lang}")]["analyzer"], analyzer);
        assert_eq!(props[format!("title_{lang}")]["analyzer"], analyzer);
    }
    for facet in [
        "type", "lang", "country", "topic", "audience", "org", "module", "concept",
    ] {
        assert_eq!(props[facet]["type"], "keyword", "{facet}");
    }

    // The bulk file holds an action and a source per document; every document
    // comes back with its language field filled and its facets intact.
    let bulk = std::fs::read_to_string(out.join("opensearch/bulk-0000.ndjson")).unwrap();
    let rows: Vec<serde_json::Value> = bulk
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 24);
    let mut sources = BTreeMap::new();
    for pair in rows.chunks(2) {
        let id = pair[0]["index"]["_id"].as_str().unwrap().to_string();
        assert_eq!(pair[0]["index"]["_index"], "clusterpool");
        assert_eq!(pair[1]["id"], id.as_str());
        sources.insert(id, pair[1].clone());
    }
    for doc in &lines {
        let src = &sources[doc["id"].as_str().unwrap()];
        let lang = doc["lang"].as_str().unwrap();
        assert_eq!(src[format!("body_{lang}")], doc["text"]);
        assert_eq!(src["country"], doc["country"]);
        assert_eq!(src["topic"], doc["topics"]);
        // Only mapped fields, since the template's mapping is strict.
        for key in src.as_object().unwrap().keys() {
            assert!(props.get(key).is_some(), "{key} is not in the mapping");
        }
    }
}
