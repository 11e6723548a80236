//! Metadata from YAML (front matter and sidecars) and from `key = value` pairs
//! (HTML `<meta>`), validated field by field. A bad value is reported and left out;
//! an unknown key is reported and ignored; neither stops the file from being indexed.

use std::collections::BTreeSet;

use serde_norway::Value;

use crate::document::{AUDIENCES, DOC_TYPES, MODULES, Metadata};
use crate::lang::Lang;

/// The keys a metadata block may hold.
pub const KEYS: [&str; 13] = [
    "title",
    "description",
    "type",
    "country",
    "organisation",
    "topics",
    "audience",
    "module",
    "year",
    "source_url",
    "lang",
    "languages",
    "author",
];

/// A metadata value before validation: one string or several.
pub enum RawValue {
    /// A single scalar.
    One(String),
    /// A list.
    Many(Vec<String>),
}

impl RawValue {
    fn into_list(self, split_commas: bool) -> Vec<String> {
        let items = match self {
            RawValue::One(s) if split_commas => s.split(',').map(str::to_string).collect(),
            RawValue::One(s) => vec![s],
            RawValue::Many(v) => v,
        };
        items
            .into_iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    }

    fn into_one(self, key: &str, warnings: &mut Vec<String>) -> Option<String> {
        match self {
            RawValue::One(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
            RawValue::Many(mut v) if v.len() == 1 => v.pop(),
            RawValue::Many(_) => {
                warnings.push(format!(
                    "metadata `{key}`: expected one value, got a list (ignored)"
                ));
                None
            }
        }
    }
}

/// Parses a YAML mapping (front matter or sidecar). A YAML syntax error is returned
/// as `Err` with its line; problems with single fields become warnings.
pub fn from_yaml(src: &str) -> Result<(Metadata, Vec<String>), String> {
    let value: Value = serde_norway::from_str(src).map_err(|e| match e.location() {
        Some(loc) => format!(
            "malformed YAML at line {}, column {}: {e}",
            loc.line(),
            loc.column()
        ),
        None => format!("malformed YAML: {e}"),
    })?;
    let mapping = match value {
        Value::Mapping(m) => m,
        Value::Null => return Ok((Metadata::default(), Vec::new())),
        _ => return Err("metadata must be a YAML mapping of `key: value` lines".to_string()),
    };
    let mut pairs = Vec::new();
    let mut warnings = Vec::new();
    for (key, value) in mapping {
        let Some(key) = scalar(&key) else {
            warnings.push("metadata: a key that is not a string (ignored)".to_string());
            continue;
        };
        let raw = match value {
            Value::Sequence(items) => {
                let mut out = Vec::new();
                for item in items {
                    match scalar(&item) {
                        Some(s) => out.push(s),
                        None => warnings.push(format!(
                            "metadata `{key}`: a list item that is not a plain value (ignored)"
                        )),
                    }
                }
                RawValue::Many(out)
            }
            Value::Null => continue,
            other => match scalar(&other) {
                Some(s) => RawValue::One(s),
                None => {
                    warnings.push(format!(
                        "metadata `{key}`: expected a value or a list (ignored)"
                    ));
                    continue;
                }
            },
        };
        pairs.push((key, raw));
    }
    let (meta, mut more) = from_pairs(pairs, false);
    warnings.append(&mut more);
    Ok((meta, warnings))
}

fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Builds metadata from key/value pairs, validating each field. `split_commas` turns
/// a single `a,b` value into a list (the HTML `<meta>` convention).
pub fn from_pairs(
    pairs: impl IntoIterator<Item = (String, RawValue)>,
    split_commas: bool,
) -> (Metadata, Vec<String>) {
    let mut m = Metadata::default();
    let mut w = Vec::new();
    for (key, raw) in pairs {
        let key = key.trim().to_ascii_lowercase();
        let split = split_commas;
        match key.as_str() {
            "title" => m.title = raw.into_one("title", &mut w),
            "description" => m.description = raw.into_one("description", &mut w),
            "author" => m.author = raw.into_one("author", &mut w),
            // A later invalid value (a second `<meta>`, an alias) is a warning; it
            // does not wipe a good one.
            "type" => keep(&mut m.doc_type, one_of(raw, "type", &DOC_TYPES, &mut w)),
            "country" | "countries" => {
                let codes = valid_list(raw, split, "country", &mut w, |c| {
                    normalise_country(c).ok_or("is not an ISO 3166 alpha-2 code".into())
                });
                m.country = codes
                    .into_iter()
                    .collect::<BTreeSet<_>>()
                    .into_iter()
                    .collect();
            }
            "organisation" | "organization" => m.organisation = dedup(raw.into_list(split)),
            "topics" | "topic" => {
                m.topics = dedup(valid_list(raw, split, "topics", &mut w, |t| {
                    let slug = t.to_ascii_lowercase();
                    if is_slug(&slug) {
                        Ok(slug)
                    } else {
                        Err("is not a slug such as `cluster-mapping`".into())
                    }
                }));
            }
            "audience" => {
                let allowed = AUDIENCES;
                m.audience = dedup(valid_list(raw, split, "audience", &mut w, |a| {
                    let a = a.to_ascii_lowercase();
                    if allowed.contains(&a.as_str()) {
                        Ok(a)
                    } else {
                        Err(format!("is not one of {}", allowed.join(", ")))
                    }
                }));
            }
            "module" => {
                keep(&mut m.module, one_of(raw, "module", &MODULES, &mut w));
            }
            "year" => keep(&mut m.year, year(raw, &mut w)),
            "source_url" | "url" => keep(&mut m.source_url, source_url(raw, &mut w)),
            "lang" | "language" => {
                let lang = raw.into_one("lang", &mut w).and_then(|v| {
                    v.parse::<Lang>()
                        .map_err(|e| w.push(format!("metadata `lang`: {e}")))
                        .ok()
                });
                keep(&mut m.lang, lang);
            }
            "languages" => {
                for l in valid_list(raw, split, "languages", &mut w, |v| {
                    v.parse::<Lang>().map_err(|e| e.to_string())
                }) {
                    if !m.languages.contains(&l) {
                        m.languages.push(l);
                    }
                }
            }
            other => w.push(format!(
                "unknown metadata key `{other}` (ignored; known keys: {})",
                KEYS.join(", ")
            )),
        }
    }
    (m, w)
}

/// Sets `slot` when there is a value.
fn keep<T>(slot: &mut Option<T>, value: Option<T>) {
    if value.is_some() {
        *slot = value;
    }
}

/// A single value that must be one of `allowed` (compared in lower case).
fn one_of(raw: RawValue, key: &str, allowed: &[&str], w: &mut Vec<String>) -> Option<String> {
    let v = raw.into_one(key, w)?.to_ascii_lowercase();
    if allowed.contains(&v.as_str()) {
        Some(v)
    } else {
        w.push(format!(
            "metadata `{key}`: {v:?} is not one of {}",
            allowed.join(", ")
        ));
        None
    }
}

/// The values of a list that `valid` accepts (as it returns them); each rejected
/// value is a warning saying why.
fn valid_list<T>(
    raw: RawValue,
    split_commas: bool,
    key: &str,
    w: &mut Vec<String>,
    valid: impl Fn(&str) -> Result<T, String>,
) -> Vec<T> {
    raw.into_list(split_commas)
        .into_iter()
        .filter_map(|v| match valid(&v) {
            Ok(t) => Some(t),
            Err(why) => {
                w.push(format!("metadata `{key}`: {v:?} {why}"));
                None
            }
        })
        .collect()
}

fn year(raw: RawValue, w: &mut Vec<String>) -> Option<u32> {
    let v = raw.into_one("year", w)?;
    match v.parse::<u32>() {
        Ok(y) if (1950..=2100).contains(&y) => Some(y),
        _ => {
            w.push(format!("metadata `year`: {v:?} is not a four-digit year"));
            None
        }
    }
}

fn source_url(raw: RawValue, w: &mut Vec<String>) -> Option<String> {
    let v = raw.into_one("source_url", w)?;
    if v.starts_with("https://") || v.starts_with("http://") {
        Some(v)
    } else {
        w.push(format!(
            "metadata `source_url`: {v:?} is not an http(s) URL"
        ));
        None
    }
}

fn dedup(items: Vec<String>) -> Vec<String> {
    let mut seen = BTreeSet::new();
    items
        .into_iter()
        .filter(|i| seen.insert(i.clone()))
        .collect()
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// English country names of the region that people write instead of codes.
const COUNTRY_NAMES: [(&str, &str); 12] = [
    ("denmark", "DK"),
    ("sweden", "SE"),
    ("latvia", "LV"),
    ("lithuania", "LT"),
    ("estonia", "EE"),
    ("finland", "FI"),
    ("norway", "NO"),
    ("poland", "PL"),
    ("germany", "DE"),
    ("iceland", "IS"),
    ("russia", "RU"),
    ("france", "FR"),
];

/// Upper-cases a two-letter code or maps a region country's English name to its code.
pub fn normalise_country(value: &str) -> Option<String> {
    let v = value.trim();
    if v.len() == 2 && v.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Some(v.to_ascii_uppercase());
    }
    let lower = v.to_lowercase();
    COUNTRY_NAMES
        .iter()
        .find(|(name, _)| *name == lower)
        .map(|(_, code)| code.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_front_matter_fills_every_field() {
        let (m, w) = from_yaml(
            "title: Klasteru kartēšana\ntype: tool\ncountry: [lv, EE]\norganisation: LIAA\n\
             topics: [cluster-mapping]\naudience: [facilitator]\nmodule: basic-2\nyear: 2014\n\
             source_url: https://example.org/x\nlanguages: [lv, en]\n",
        )
        .unwrap();
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(m.title.as_deref(), Some("Klasteru kartēšana"));
        assert_eq!(m.doc_type.as_deref(), Some("tool"));
        assert_eq!(m.country, vec!["EE", "LV"]);
        assert_eq!(m.organisation, vec!["LIAA"]);
        assert_eq!(m.module.as_deref(), Some("basic-2"));
        assert_eq!(m.year, Some(2014));
        assert_eq!(m.languages, vec![Lang::Lv, Lang::En]);
    }

    #[test]
    fn bad_values_and_unknown_keys_are_reported_not_fatal() {
        let (m, w) = from_yaml(
            "title: T\ntype: brochure\nyear: twenty\ncolour: red\naudience: [policy, kids]\n",
        )
        .unwrap();
        assert_eq!(m.title.as_deref(), Some("T"));
        assert_eq!(m.audience, vec!["policy"]);
        assert_eq!(m.doc_type, None);
        assert_eq!(w.len(), 4, "{w:?}");
        assert!(w.iter().any(|x| x.contains("colour")));
        assert!(w.iter().any(|x| x.contains("`year`")));
    }

    #[test]
    fn broken_yaml_names_the_line() {
        let err = from_yaml("title: ok\ncountry: [DK\nyear: 2010\n").unwrap_err();
        assert!(err.contains("line"), "{err}");
    }

    #[test]
    fn html_style_pairs_split_commas() {
        let (m, w) = from_pairs(
            vec![("country".to_string(), RawValue::One("DK, se".to_string()))],
            true,
        );
        assert!(w.is_empty());
        assert_eq!(m.country, vec!["DK", "SE"]);
    }
}
