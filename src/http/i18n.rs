//! The page's own words in the region's twelve languages. Each language has one
//! Fluent file in `locales/` (kept in the repository, compiled into the binary),
//! with the same message ids as `en.ftl`; plural forms follow each language's own
//! rules (Latvian, Lithuanian, Polish and Russian have more than two). The page's
//! language is the `ui` parameter when it names one, otherwise the best of the
//! browser's `Accept-Language`, otherwise English. Only the HTML pages and the
//! feed use this module: the JSON API stays language-neutral.

use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::lang::Lang;

/// The translation file of a language. Every language of the pool has one;
/// `und` is shown in English.
fn source(lang: Lang) -> &'static str {
    match lang {
        Lang::En | Lang::Und => include_str!("locales/en.ftl"),
        Lang::Da => include_str!("locales/da.ftl"),
        Lang::Sv => include_str!("locales/sv.ftl"),
        Lang::No => include_str!("locales/no.ftl"),
        Lang::Fi => include_str!("locales/fi.ftl"),
        Lang::Et => include_str!("locales/et.ftl"),
        Lang::Lv => include_str!("locales/lv.ftl"),
        Lang::Lt => include_str!("locales/lt.ftl"),
        Lang::Pl => include_str!("locales/pl.ftl"),
        Lang::De => include_str!("locales/de.ftl"),
        Lang::Ru => include_str!("locales/ru.ftl"),
        Lang::Fr => include_str!("locales/fr.ftl"),
    }
}

/// One bundle per language, in [`Lang::ALL`] order.
static BUNDLES: LazyLock<Vec<FluentBundle<FluentResource>>> =
    LazyLock::new(|| Lang::ALL.into_iter().map(bundle).collect());

/// A language's bundle. A file that does not parse cleanly keeps the messages
/// that do (the test below keeps that from shipping); the rest fall back to English.
fn bundle(lang: Lang) -> FluentBundle<FluentResource> {
    let resource = FluentResource::try_new(source(lang).to_string()).unwrap_or_else(|(r, e)| {
        tracing::error!(lang = lang.code(), errors = ?e, "translation file has errors");
        r
    });
    let id = match lang {
        Lang::Und => "en",
        l => l.code(),
    };
    let mut bundle = FluentBundle::new_concurrent(vec![id.parse().unwrap_or_default()]);
    // Bidi isolation marks are for right-to-left scripts; none of the twelve is.
    bundle.set_use_isolating(false);
    if let Err(e) = bundle.add_resource(resource) {
        tracing::error!(lang = lang.code(), errors = ?e, "translation file has duplicate messages");
    }
    bundle
}

/// The language a page is shown in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ui(Lang);

impl Default for Ui {
    fn default() -> Ui {
        Ui(Lang::En)
    }
}

impl Ui {
    /// Every language the page can be shown in.
    pub fn all() -> impl Iterator<Item = Ui> {
        Lang::pool().map(Ui)
    }

    /// The page language a `ui` parameter names (`nb` and `nn` mean Norwegian).
    pub fn parse(code: &str) -> Option<Ui> {
        code.parse::<Lang>()
            .ok()
            .filter(|l| *l != Lang::Und)
            .map(Ui)
    }

    /// The page's language: the `ui` parameter's when given, else the first
    /// language of `Accept-Language` (by its q-values) that the page speaks, else English.
    pub fn choose(ui: Option<Ui>, accept_language: Option<&str>) -> Ui {
        ui.or_else(|| accept_language.and_then(from_accept_language))
            .unwrap_or_default()
    }

    /// Its language.
    pub fn lang(self) -> Lang {
        self.0
    }

    /// Its code, for `<html lang>` and `?ui=`.
    pub fn code(self) -> &'static str {
        self.0.code()
    }

    /// A message without arguments (its id if no language has it, which a test
    /// keeps from happening for the page's own messages).
    pub fn t(self, id: &str) -> String {
        self.lookup(id).unwrap_or_else(|| id.to_string())
    }

    /// A message without arguments, if this language or English has it (for
    /// labels of values that may have none, such as an unknown country code).
    pub fn lookup(self, id: &str) -> Option<String> {
        self.format(id, None)
    }

    /// A number with `digits` decimals, written with this language's decimal
    /// separator (`decimal-separator`: the translators' choice, `0,87` in most
    /// of the region).
    pub fn decimal(self, value: f64, digits: usize) -> String {
        let plain = format!("{value:.digits$}");
        match self.lookup("decimal-separator") {
            Some(sep) if sep != "." => plain.replace('.', &sep),
            _ => plain,
        }
    }

    /// A message with arguments (`("count", 3.into())`).
    pub fn t_with(self, id: &str, args: &[(&'static str, FluentValue<'_>)]) -> String {
        let mut fluent = FluentArgs::new();
        for (name, value) in args {
            fluent.set(*name, value.clone());
        }
        self.format(id, Some(&fluent))
            .unwrap_or_else(|| id.to_string())
    }

    /// The message in this language, else in English.
    fn format(self, id: &str, args: Option<&FluentArgs>) -> Option<String> {
        for lang in [self.0, Lang::En] {
            let bundle = &BUNDLES[lang as usize];
            if let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) {
                let mut errors = Vec::new();
                let text = bundle.format_pattern(pattern, args, &mut errors);
                if errors.is_empty() {
                    return Some(text.into_owned());
                }
                tracing::warn!(lang = lang.code(), id, ?errors, "message did not format");
            }
        }
        None
    }
}

/// The first language of an `Accept-Language` header the page speaks, by q-value
/// (highest first; equal values keep their order). `q=0` means "not this one".
fn from_accept_language(header: &str) -> Option<Ui> {
    let mut ranges: Vec<(&str, f32)> = header
        .split(',')
        .filter_map(|item| {
            let mut parts = item.split(';');
            let tag = parts.next()?.trim();
            let q = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            (!tag.is_empty() && q > 0.0).then_some((tag, q))
        })
        .collect();
    ranges.sort_by(|a, b| b.1.total_cmp(&a.1));
    ranges.into_iter().find_map(|(tag, _)| {
        let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        Ui::parse(&primary)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use fluent_bundle::FluentResource;
    use fluent_syntax::ast;
    use std::collections::BTreeSet;

    /// The message ids of a file and, for each, the variables it uses.
    fn messages(lang: Lang) -> BTreeSet<(String, BTreeSet<String>)> {
        let resource = FluentResource::try_new(source(lang).to_string())
            .unwrap_or_else(|(_, e)| panic!("{} does not parse: {e:?}", lang.code()));
        resource
            .entries()
            .filter_map(|entry| match entry {
                ast::Entry::Message(m) => {
                    let mut vars = BTreeSet::new();
                    if let Some(p) = &m.value {
                        variables(p, &mut vars);
                    }
                    Some((m.id.name.to_string(), vars))
                }
                _ => None,
            })
            .collect()
    }

    fn variables(pattern: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
        for element in &pattern.elements {
            if let ast::PatternElement::Placeable { expression } = element {
                expression_variables(expression, out);
            }
        }
    }

    fn expression_variables(e: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
        match e {
            ast::Expression::Select { selector, variants } => {
                inline_variables(selector, out);
                for v in variants {
                    variables(&v.value, out);
                }
            }
            ast::Expression::Inline(i) => inline_variables(i, out),
        }
    }

    fn inline_variables(i: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
        match i {
            ast::InlineExpression::VariableReference { id } => {
                out.insert(id.name.to_string());
            }
            ast::InlineExpression::Placeable { expression } => {
                expression_variables(expression, out)
            }
            _ => {}
        }
    }

    #[test]
    fn every_language_has_every_message_with_the_same_variables() {
        let english = messages(Lang::En);
        assert!(english.len() > 100, "{}", english.len());
        for ui in Ui::all() {
            let theirs = messages(ui.lang());
            let missing: Vec<_> = english.difference(&theirs).collect();
            let extra: Vec<_> = theirs.difference(&english).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{}: missing or different {missing:?}; not in English {extra:?}",
                ui.code()
            );
        }
    }

    #[test]
    fn every_message_formats_in_every_language() {
        let english = messages(Lang::En);
        for ui in Ui::all() {
            let bundle = &BUNDLES[ui.lang() as usize];
            for (id, vars) in &english {
                let mut args = FluentArgs::new();
                for v in vars {
                    args.set(v.as_str(), FluentValue::from(2));
                }
                let pattern = bundle.get_message(id).and_then(|m| m.value()).unwrap();
                let mut errors = Vec::new();
                let text = bundle.format_pattern(pattern, Some(&args), &mut errors);
                assert!(errors.is_empty(), "{} {id}: {errors:?}", ui.code());
                assert!(!text.trim().is_empty(), "{} {id} is empty", ui.code());
            }
        }
    }

    #[test]
    fn counts_take_each_language_s_plural_forms() {
        let count = |code: &str, n: u64| {
            Ui::parse(code)
                .unwrap()
                .t_with("results-count", &[("count", n.into())])
        };
        assert_eq!(count("en", 1), "1 result");
        assert_eq!(count("en", 5), "5 results");
        // Polish and Russian have three forms for whole numbers.
        assert_ne!(count("pl", 2), count("pl", 5).replace('5', "2"));
        assert_ne!(count("ru", 1).replace('1', "5"), count("ru", 5));
        assert_ne!(count("ru", 2).replace('2', "5"), count("ru", 5));
    }

    #[test]
    fn decimals_are_written_as_each_language_writes_them() {
        let at = |code: &str| Ui::parse(code).unwrap().decimal(0.874, 2);
        assert_eq!(at("en"), "0.87");
        assert_eq!(at("lv"), "0,87");
        assert_eq!(at("de"), "0,87");
    }

    #[test]
    fn the_parameter_beats_the_browser_and_q_values_order_the_browser() {
        let lv = Ui::parse("lv");
        assert_eq!(Ui::choose(lv, Some("da")), Ui(Lang::Lv));
        assert_eq!(
            Ui::choose(None, Some("lv-LV,lv;q=0.9,en;q=0.8")),
            Ui(Lang::Lv)
        );
        assert_eq!(Ui::choose(None, Some("en;q=0.5, da")), Ui(Lang::Da));
        assert_eq!(Ui::choose(None, Some("nb-NO, en")), Ui(Lang::No));
        assert_eq!(
            Ui::choose(None, Some("ja, zh-CN;q=0.8, fi;q=0.1")),
            Ui(Lang::Fi)
        );
        assert_eq!(Ui::choose(None, Some("fi;q=0, ja")), Ui(Lang::En));
        assert_eq!(Ui::choose(None, Some(";;,,q=")), Ui(Lang::En));
        assert_eq!(Ui::choose(None, None), Ui(Lang::En));
        assert_eq!(Ui::parse("und"), None);
    }
}
