//! Human labels for facet values on the web page: country and language names,
//! type and audience names, module titles, and topic/concept labels from the
//! vocabulary. The API keeps raw values; only people see labels.

use crate::document::{AUDIENCES, DOC_TYPES, MODULES};
use crate::lang::Lang;
use crate::schema::Facet;
use crate::vocabulary::Vocabulary;

/// Country names for the codes the pool uses.
const COUNTRIES: [(&str, &str); 24] = [
    ("DK", "Denmark"),
    ("SE", "Sweden"),
    ("NO", "Norway"),
    ("FI", "Finland"),
    ("IS", "Iceland"),
    ("EE", "Estonia"),
    ("LV", "Latvia"),
    ("LT", "Lithuania"),
    ("PL", "Poland"),
    ("DE", "Germany"),
    ("RU", "Russia"),
    ("FR", "France"),
    ("BY", "Belarus"),
    ("NL", "Netherlands"),
    ("BE", "Belgium"),
    ("GB", "United Kingdom"),
    ("IE", "Ireland"),
    ("ES", "Spain"),
    ("IT", "Italy"),
    ("AT", "Austria"),
    ("CH", "Switzerland"),
    ("CZ", "Czechia"),
    ("UA", "Ukraine"),
    ("FO", "Faroe Islands"),
];

/// The facet's heading.
pub fn facet_name(facet: Facet) -> &'static str {
    match facet {
        Facet::Type => "Type",
        Facet::Lang => "Language",
        Facet::Country => "Country",
        Facet::Topic => "Topic",
        Facet::Audience => "Audience",
        Facet::Org => "Organisation",
        Facet::Module => "Training module",
        Facet::Concept => "Concept",
    }
}

/// The label of one facet value.
pub fn value(facet: Facet, value: &str, vocab: Option<&Vocabulary>) -> String {
    match facet {
        Facet::Country => COUNTRIES
            .iter()
            .find(|(c, _)| *c == value)
            .map_or_else(|| value.to_string(), |(_, n)| n.to_string()),
        Facet::Lang => value
            .parse::<Lang>()
            .map_or_else(|_| value.to_string(), |l| l.name().to_string()),
        Facet::Type => named(&DOC_TYPES, value),
        Facet::Audience => named(&AUDIENCES, value),
        Facet::Module => named(&MODULES, value),
        Facet::Topic | Facet::Concept => vocab
            .and_then(|v| v.concept(value))
            .map(|c| capitalise(c.label(Lang::En)))
            .unwrap_or_else(|| capitalise(&value.replace('-', " "))),
        Facet::Org => value.to_string(),
    }
}

/// The name of `value` in a `(slug, name)` list; the value itself when unknown.
fn named(list: &[(&str, &str)], value: &str) -> String {
    list.iter()
        .find(|(slug, _)| *slug == value)
        .map_or(value, |(_, name)| name)
        .to_string()
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_values_get_human_labels() {
        assert_eq!(value(Facet::Country, "LV", None), "Latvia");
        assert_eq!(value(Facet::Lang, "lt", None), "Lithuanian");
        assert_eq!(value(Facet::Type, "case-study", None), "Case study");
        assert_eq!(
            value(Facet::Topic, "cluster-mapping", None),
            "Cluster mapping"
        );
        assert!(value(Facet::Module, "advanced-2", None).contains("Transnational cooperation"));
    }
}
