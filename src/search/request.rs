//! Parameters: the key/value pairs of a query string or a form, validated once into
//! a [`SearchRequest`] whose every error names the parameter at fault.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::lang::Lang;
use crate::schema::Facet;
use crate::{Error, Result};

/// Longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 512;
/// Deepest result reachable by paging (`page × per_page`).
pub const MAX_DEPTH: usize = 10_000;
/// Highest page number (with at most 100 hits a page, the depth stays within
/// [`MAX_DEPTH`]).
pub const MAX_PAGE: usize = MAX_DEPTH / 100;
/// Most values one facet parameter may select.
pub const MAX_FACET_VALUES: usize = 20;
/// Longest facet value accepted, in characters.
pub const MAX_VALUE_CHARS: usize = 200;
/// Most values returned per facet.
pub const FACET_LIMIT: usize = 100;

/// The parameters a search takes besides the facets.
pub const PARAMS: [&str; 9] = [
    "q",
    "page",
    "per_page",
    "year_from",
    "year_to",
    "sort",
    "cross_lingual",
    "semantic",
    "qlang",
];

/// How hits are ordered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    /// BM25 relevance (default).
    Relevance,
    /// Newest first.
    YearDesc,
    /// Oldest first.
    YearAsc,
    /// Newest in the pool first (the date each document was first indexed).
    AddedDesc,
}

/// A validated search.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchRequest {
    /// The user's query text; empty means everything.
    pub q: String,
    /// Selected values per facet: OR within a facet, AND across facets.
    pub filters: BTreeMap<Facet, Vec<String>>,
    /// Lowest year, inclusive.
    pub year_from: Option<u64>,
    /// Highest year, inclusive.
    pub year_to: Option<u64>,
    /// 1-based page.
    pub page: usize,
    /// Hits per page, `1..=100`.
    pub per_page: usize,
    /// Order.
    pub sort: Sort,
    /// Expand vocabulary concepts in the query to the other languages.
    pub cross_lingual: bool,
    /// Also match by meaning (passage vectors), when the index has them.
    pub semantic: bool,
    /// The language the query is written in, when the user says so.
    pub qlang: Option<Lang>,
}

impl Default for SearchRequest {
    fn default() -> Self {
        SearchRequest {
            q: String::new(),
            filters: BTreeMap::new(),
            year_from: None,
            year_to: None,
            page: 1,
            per_page: 10,
            sort: Sort::Relevance,
            cross_lingual: true,
            semantic: true,
            qlang: None,
        }
    }
}

impl SearchRequest {
    /// Builds a request from query-string pairs, naming the parameter in every error.
    /// Facet parameters may repeat; unknown parameters are rejected so typos show.
    pub fn from_pairs<K, V>(pairs: impl IntoIterator<Item = (K, V)>) -> Result<SearchRequest>
    where
        K: AsRef<str>,
        V: AsRef<str>,
    {
        let pairs: Vec<(K, V)> = pairs.into_iter().collect();
        check_value_counts(pairs.iter().map(|(k, _)| k.as_ref()))?;
        SearchRequest::parse(pairs)
    }

    /// The parameters' values, once their counts are known to be within limits.
    fn parse<K, V>(pairs: Vec<(K, V)>) -> Result<SearchRequest>
    where
        K: AsRef<str>,
        V: AsRef<str>,
    {
        let mut req = SearchRequest::default();
        for (k, v) in pairs {
            let (key, raw) = (k.as_ref(), v.as_ref());
            if raw.is_empty() && key != "q" {
                return Err(Error::param(key, "is empty"));
            }
            // Free text is trimmed; enumerated and numeric values must be exact, so
            // what the server accepts is what the API description says.
            let value = match key {
                "q" => raw.trim(),
                _ if Facet::from_name(key).is_some() => raw.trim(),
                _ => raw,
            };
            match key {
                "q" => req.q = parse_query(value)?,
                "page" => req.page = parse_num(key, value, 1, MAX_PAGE)?,
                "cross_lingual" => req.cross_lingual = parse_bool(key, value)?,
                "semantic" => req.semantic = parse_bool(key, value)?,
                "qlang" => req.qlang = Some(parse_lang("qlang", raw)?),
                "per_page" => req.per_page = parse_num(key, value, 1, 100)?,
                "year_from" => req.year_from = Some(parse_num(key, value, 0, 9999)? as u64),
                "year_to" => req.year_to = Some(parse_num(key, value, 0, 9999)? as u64),
                "sort" => req.sort = parse_sort(value)?,
                other => {
                    let Some(facet) = Facet::from_name(other) else {
                        return Err(Error::param(other, "unknown parameter"));
                    };
                    // Only whitespace: no filter, as if the value were not sent.
                    if let Some(value) = facet_value(facet, other, value, raw)? {
                        let values = req.filters.entry(facet).or_default();
                        if !values.contains(&value) {
                            values.push(value);
                        }
                    }
                }
            }
        }
        // year_from after year_to is not an error: the range is simply empty.
        if req.page.saturating_mul(req.per_page) > MAX_DEPTH {
            return Err(Error::param(
                "page",
                format!("page × per_page may not exceed {MAX_DEPTH}"),
            ));
        }
        Ok(req)
    }

    /// Builds a request from an HTML form's pairs: a form sends its empty fields
    /// (`year_from=`), which mean "not set" there.
    pub fn from_form<K, V>(pairs: impl IntoIterator<Item = (K, V)>) -> Result<SearchRequest>
    where
        K: AsRef<str>,
        V: AsRef<str>,
    {
        let pairs: Vec<(K, V)> = pairs.into_iter().collect();
        // Blank fields count towards the limit too, as the API description says.
        check_value_counts(pairs.iter().map(|(k, _)| k.as_ref()))?;
        SearchRequest::parse(
            pairs
                .into_iter()
                .filter(|(k, v)| k.as_ref() == "q" || !v.as_ref().is_empty())
                .collect(),
        )
    }

    /// What was searched for, as query-string pairs: the query, filters and
    /// switches, without the page, its size or the order. Two requests with the
    /// same pairs find the same documents (a feed, a counted search).
    pub fn search_pairs(&self) -> Vec<(String, String)> {
        self.to_pairs()
            .into_iter()
            .filter(|(k, _)| !matches!(k.as_str(), "page" | "per_page" | "sort"))
            .collect()
    }

    /// The request as query-string pairs (the inverse of [`SearchRequest::from_pairs`]).
    pub fn to_pairs(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        if !self.q.is_empty() {
            out.push(("q".into(), self.q.clone()));
        }
        for (facet, values) in &self.filters {
            for v in values {
                out.push((facet.name().into(), v.clone()));
            }
        }
        if let Some(y) = self.year_from {
            out.push(("year_from".into(), y.to_string()));
        }
        if let Some(y) = self.year_to {
            out.push(("year_to".into(), y.to_string()));
        }
        match self.sort {
            Sort::Relevance => {}
            Sort::YearDesc => out.push(("sort".into(), "year_desc".into())),
            Sort::YearAsc => out.push(("sort".into(), "year_asc".into())),
            Sort::AddedDesc => out.push(("sort".into(), "added_desc".into())),
        }
        if !self.semantic {
            out.push(("semantic".into(), "false".into()));
        }
        if !self.cross_lingual {
            out.push(("cross_lingual".into(), "false".into()));
        }
        if let Some(l) = self.qlang {
            out.push(("qlang".into(), l.code().into()));
        }
        if self.per_page != 10 {
            out.push(("per_page".into(), self.per_page.to_string()));
        }
        if self.page != 1 {
            out.push(("page".into(), self.page.to_string()));
        }
        out
    }
}

/// Refuses more than [`MAX_FACET_VALUES`] values for any facet parameter, counted
/// as sent (repeats and blanks included), so the limit is the one the API
/// description states.
fn check_value_counts<'a>(keys: impl Iterator<Item = &'a str>) -> Result<()> {
    let mut sent: BTreeMap<Facet, usize> = BTreeMap::new();
    for key in keys {
        if let Some(facet) = Facet::from_name(key) {
            let count = sent.entry(facet).or_default();
            *count += 1;
            if *count > MAX_FACET_VALUES {
                return Err(Error::param(
                    key,
                    format!("more than {MAX_FACET_VALUES} values"),
                ));
            }
        }
    }
    Ok(())
}

/// Exactly the codes the API description lists ([`Lang::accepted_codes`]: each
/// language's, and Norwegian's other spellings as `no`), untrimmed and
/// case-sensitive, unlike the lenient parse used for metadata.
pub(super) fn parse_lang(key: &str, value: &str) -> Result<Lang> {
    let unknown = || {
        let codes: Vec<&str> = Lang::accepted_codes().collect();
        Error::param(
            key,
            format!(
                "unknown language code {value:?} (expected one of {})",
                codes.join(" ")
            ),
        )
    };
    if !Lang::accepted_codes().any(|c| c == value) {
        return Err(unknown());
    }
    value.parse::<Lang>().map_err(|_| unknown())
}

fn parse_query(value: &str) -> Result<String> {
    if value.chars().count() > MAX_QUERY_CHARS {
        return Err(Error::param(
            "q",
            format!("longer than {MAX_QUERY_CHARS} characters"),
        ));
    }
    Ok(value.to_string())
}

fn parse_bool(key: &str, value: &str) -> Result<bool> {
    match value {
        "true" => Ok(true),
        "false" => Ok(false),
        other => Err(Error::param(key, format!("{other:?} is not true or false"))),
    }
}

fn parse_sort(value: &str) -> Result<Sort> {
    match value {
        "" | "relevance" => Ok(Sort::Relevance),
        "year_desc" => Ok(Sort::YearDesc),
        "year_asc" => Ok(Sort::YearAsc),
        "added_desc" => Ok(Sort::AddedDesc),
        other => Err(Error::param(
            "sort",
            format!("unknown sort {other:?} (relevance, year_desc, year_asc, added_desc)"),
        )),
    }
}

/// A facet filter's value as the index stores it (country codes upper case,
/// language codes canonical, slugs lower case); `None` for a blank value.
fn facet_value(facet: Facet, key: &str, value: &str, raw: &str) -> Result<Option<String>> {
    if value.is_empty() {
        return Ok(None);
    }
    if value.chars().count() > MAX_VALUE_CHARS {
        return Err(Error::param(
            key,
            format!("value longer than {MAX_VALUE_CHARS} characters"),
        ));
    }
    Ok(Some(match facet {
        Facet::Country => value.to_ascii_uppercase(),
        Facet::Lang => parse_lang(key, raw)?.code().to_string(),
        Facet::Type | Facet::Topic | Facet::Audience | Facet::Module | Facet::Concept => {
            value.to_ascii_lowercase()
        }
        Facet::Org => value.to_string(),
    }))
}

/// A whole-number parameter `key` between `min` and `max`, written as plain
/// digits; the error names the parameter.
pub fn parse_num(key: &str, value: &str, min: usize, max: usize) -> Result<usize> {
    // Plain decimal digits only: `str::parse` would also take "+5" and "007", which
    // the API description does not allow.
    let canonical = !value.is_empty()
        && value.bytes().all(|b| b.is_ascii_digit())
        && (value == "0" || !value.starts_with('0'));
    let n: usize = canonical
        .then(|| value.parse().ok())
        .flatten()
        .ok_or_else(|| Error::param(key, format!("{value:?} is not a whole number")))?;
    if n < min || n > max {
        let range = if max == usize::MAX {
            format!("at least {min}")
        } else {
            format!("between {min} and {max}")
        };
        return Err(Error::param(key, format!("must be {range}")));
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_are_validated_and_named() {
        let ok = SearchRequest::from_pairs([
            ("q", "klasteru karte"),
            ("lang", "lv"),
            ("lang", "lt"),
            ("lang", "nb"),
            ("country", "dk"),
            ("year_from", "2010"),
            ("per_page", "20"),
            ("sort", "year_desc"),
        ])
        .unwrap();
        assert_eq!(ok.filters[&Facet::Lang], vec!["lv", "lt", "no"]);
        assert_eq!(ok.filters[&Facet::Country], vec!["DK"]);
        assert_eq!(ok.year_from, Some(2010));
        assert_eq!(ok.sort, Sort::YearDesc);
        let back = SearchRequest::from_pairs(ok.to_pairs()).unwrap();
        assert_eq!(back, ok);

        let named = |pairs: &[(&str, &str)]| match SearchRequest::from_pairs(pairs.iter().copied())
        {
            Err(Error::InvalidParam { param, .. }) => param,
            other => panic!("expected a parameter error, got {other:?}"),
        };
        assert_eq!(named(&[("per_page", "0")]), "per_page");
        assert_eq!(named(&[("per_page", "101")]), "per_page");
        assert_eq!(named(&[("year_from", "soon")]), "year_from");
        assert_eq!(named(&[("sort", "random")]), "sort");
        assert_eq!(named(&[("colour", "red")]), "colour");
        assert_eq!(named(&[("lang", "xx")]), "lang");
        assert_eq!(named(&[("lang", "LV")]), "lang");
        // Every code the API description lists is accepted, and nothing else.
        for code in Lang::accepted_codes() {
            let req = SearchRequest::from_pairs([("lang", code)]).unwrap();
            assert_eq!(req.filters[&Facet::Lang].len(), 1, "{code}");
        }
        assert_eq!(named(&[("page", "101"), ("per_page", "100")]), "page");
        assert_eq!(named(&[("year_from", "")]), "year_from");
        // Empty form fields mean "not set" on the HTML page.
        let form =
            SearchRequest::from_form([("q", "x"), ("year_from", ""), ("lang", ""), ("sort", "")])
                .unwrap();
        assert_eq!(form.year_from, None);
        assert!(form.filters.is_empty());
    }

    #[test]
    fn accepted_parameters_are_exactly_the_described_ones() {
        let named_api = |pairs: &[(&str, &str)]| match SearchRequest::from_pairs(pairs.to_vec()) {
            Err(Error::InvalidParam { param, .. }) => param,
            other => panic!("expected a parameter error, got {other:?}"),
        };
        let named_form = |pairs: &[(&str, &str)]| match SearchRequest::from_form(pairs.to_vec()) {
            Err(Error::InvalidParam { param, .. }) => param,
            other => panic!("expected a parameter error, got {other:?}"),
        };
        // Enumerated and numeric values are not trimmed: " " is not a sort order.
        for (key, value) in [
            ("sort", " "),
            ("sort", " relevance"),
            ("qlang", " "),
            ("page", " 2"),
            ("cross_lingual", "true "),
            ("per_page", "+5"),
            ("year_from", "02019"),
            ("lang", "LV"),
            ("lang", " lv"),
        ] {
            assert_eq!(named_api(&[(key, value)]), key);
            assert_eq!(named_form(&[(key, value)]), key);
        }
        // The value limit counts what was sent, repeats and blank form fields too.
        let repeated = vec![("org", "REG X"); MAX_FACET_VALUES + 1];
        assert_eq!(named_api(&repeated), "org");
        let blanks = vec![("org", ""); MAX_FACET_VALUES + 1];
        assert_eq!(named_form(&blanks), "org");
        let at_limit = vec![("org", "REG X"); MAX_FACET_VALUES];
        assert_eq!(
            SearchRequest::from_pairs(at_limit).unwrap().filters[&Facet::Org],
            vec!["REG X"]
        );
        // Facet values are free text: surrounding blanks are trimmed.
        let trimmed = SearchRequest::from_pairs([("country", " dk ")]).unwrap();
        assert_eq!(trimmed.filters[&Facet::Country], vec!["DK"]);
    }
}
