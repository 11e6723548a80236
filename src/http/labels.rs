//! Human labels for facet names and values on the web page, in the page's
//! language: country, language, type, audience and module names come from the
//! translation files (`i18n`), topic and concept labels from the vocabulary (its
//! term in that language, else English). The API keeps raw values; only people
//! see labels.

use super::i18n::Ui;
use crate::analysis::capitalise;
use crate::lang::Lang;
use crate::schema::Facet;
use crate::vocabulary::Vocabulary;

/// The facet's heading.
pub fn facet_name(facet: Facet, ui: Ui) -> String {
    ui.t(&format!("facet-{}", facet.name()))
}

/// The label of one facet value; a value without a label is shown as it is.
pub fn value(facet: Facet, value: &str, vocab: Option<&Vocabulary>, ui: Ui) -> String {
    let message = |prefix: &str| {
        ui.lookup(&format!("{prefix}-{value}"))
            .unwrap_or_else(|| value.to_string())
    };
    match facet {
        Facet::Country => message("country"),
        // Through the parse, so `nb` is labelled as `no`.
        Facet::Lang => match value.parse::<Lang>() {
            Ok(l) => ui.t(&format!("lang-{}", l.code())),
            Err(_) => value.to_string(),
        },
        Facet::Type => message("type"),
        Facet::Audience => message("audience"),
        Facet::Module => message("module"),
        Facet::Topic | Facet::Concept => vocab
            .and_then(|v| v.concept(value))
            .map(|c| capitalise(c.label(ui.lang())))
            .unwrap_or_else(|| capitalise(&value.replace('-', " "))),
        Facet::Org => value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{AUDIENCES, DOC_TYPES, MODULES};

    #[test]
    fn raw_values_get_human_labels() {
        let en = Ui::default();
        assert_eq!(value(Facet::Country, "LV", None, en), "Latvia");
        assert_eq!(value(Facet::Lang, "lt", None, en), "Lithuanian");
        assert_eq!(value(Facet::Type, "case-study", None, en), "Case study");
        assert_eq!(
            value(Facet::Topic, "cluster-mapping", None, en),
            "Cluster mapping"
        );
        assert!(value(Facet::Module, "advanced-2", None, en).contains("Transnational cooperation"));
        assert_eq!(value(Facet::Country, "ZZ", None, en), "ZZ");
    }

    #[test]
    fn every_value_has_a_label_in_every_language() {
        for ui in Ui::all() {
            for (list, facet) in [
                (&DOC_TYPES[..], Facet::Type),
                (&AUDIENCES[..], Facet::Audience),
                (&MODULES[..], Facet::Module),
            ] {
                for slug in list {
                    assert_ne!(value(facet, slug, None, ui), *slug, "{}", ui.code());
                }
            }
            for lang in Lang::ALL {
                assert_ne!(value(Facet::Lang, lang.code(), None, ui), lang.code());
            }
            assert_ne!(value(Facet::Country, "DK", None, ui), "DK");
        }
        let lv = Ui::parse("lv").unwrap();
        assert_eq!(value(Facet::Country, "DK", None, lv), "Dānija");
    }
}
