//! The region's twelve languages and how a document's language is found. `Lang`
//! names them (codes, names, parsing); detection reads a bounded sample of the
//! text (`sample.rs`), lets cheap cues (script, letters and function words that only
//! one or a few languages use: `cues.rs`) decide when they are clear,
//! and asks lingua only among the few languages the cues leave open (`detect.rs`).
//! A document whose language cannot be trusted is `und`.

use std::fmt;
use std::str::FromStr;

use lingua::Language;

mod cues;
mod detect;
mod sample;
pub mod testdata;

pub use detect::{detect, detect_with_lingua_only};
pub use sample::{SAMPLE_CHARS, sample_windows};

/// A language of the pool, or `Und` when it could not be determined.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    /// English
    En,
    /// Danish
    Da,
    /// Swedish
    Sv,
    /// Norwegian (bokmål and nynorsk)
    No,
    /// Finnish
    Fi,
    /// Estonian
    Et,
    /// Latvian
    Lv,
    /// Lithuanian
    Lt,
    /// Polish
    Pl,
    /// German
    De,
    /// Russian
    Ru,
    /// French
    Fr,
    /// Undetermined: too short, too mixed or outside the region's languages.
    Und,
}

/// Other codes people write for Norwegian, read as `no`.
const NORWEGIAN_ALIASES: [&str; 3] = ["nb", "nn", "nor"];

impl Lang {
    /// The twelve languages of the pool: every language but `Und`.
    pub fn pool() -> impl Iterator<Item = Lang> {
        Lang::ALL.into_iter().filter(|l| *l != Lang::Und)
    }

    /// Every code [`Lang::from_str`] accepts: each language's own, then the other
    /// ways of writing Norwegian.
    pub fn accepted_codes() -> impl Iterator<Item = &'static str> {
        Lang::ALL
            .into_iter()
            .map(Lang::code)
            .chain(NORWEGIAN_ALIASES)
    }

    /// Every language with its own analysed fields, `Und` last.
    pub const ALL: [Lang; 13] = [
        Lang::En,
        Lang::Da,
        Lang::Sv,
        Lang::No,
        Lang::Fi,
        Lang::Et,
        Lang::Lv,
        Lang::Lt,
        Lang::Pl,
        Lang::De,
        Lang::Ru,
        Lang::Fr,
        Lang::Und,
    ];

    /// The code used in metadata, facets and field names (ISO 639-1, or `und`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Da => "da",
            Lang::Sv => "sv",
            Lang::No => "no",
            Lang::Fi => "fi",
            Lang::Et => "et",
            Lang::Lv => "lv",
            Lang::Lt => "lt",
            Lang::Pl => "pl",
            Lang::De => "de",
            Lang::Ru => "ru",
            Lang::Fr => "fr",
            Lang::Und => "und",
        }
    }

    /// lingua's languages for this one: Norwegian is two models, `Und` none.
    fn to_lingua(self) -> &'static [Language] {
        match self {
            Lang::En => &[Language::English],
            Lang::Da => &[Language::Danish],
            Lang::Sv => &[Language::Swedish],
            Lang::No => &[Language::Bokmal, Language::Nynorsk],
            Lang::Fi => &[Language::Finnish],
            Lang::Et => &[Language::Estonian],
            Lang::Lv => &[Language::Latvian],
            Lang::Lt => &[Language::Lithuanian],
            Lang::Pl => &[Language::Polish],
            Lang::De => &[Language::German],
            Lang::Ru => &[Language::Russian],
            Lang::Fr => &[Language::French],
            Lang::Und => &[],
        }
    }

    fn from_lingua(language: Language) -> Lang {
        match language {
            Language::English => Lang::En,
            Language::Danish => Lang::Da,
            Language::Swedish => Lang::Sv,
            Language::Bokmal | Language::Nynorsk => Lang::No,
            Language::Finnish => Lang::Fi,
            Language::Estonian => Lang::Et,
            Language::Latvian => Lang::Lv,
            Language::Lithuanian => Lang::Lt,
            Language::Polish => Lang::Pl,
            Language::German => Lang::De,
            Language::Russian => Lang::Ru,
            Language::French => Lang::Fr,
            #[allow(unreachable_patterns)]
            _ => Lang::Und,
        }
    }
}

impl serde::Serialize for Lang {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Lang {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let lower = s.trim().to_ascii_lowercase();
        let code = if NORWEGIAN_ALIASES.contains(&lower.as_str()) {
            "no"
        } else {
            lower.as_str()
        };
        Lang::ALL
            .iter()
            .copied()
            .find(|l| l.code() == code)
            .ok_or_else(|| {
                let codes: Vec<&str> = Lang::ALL.into_iter().map(Lang::code).collect();
                format!(
                    "unknown language code {s:?} (expected one of {})",
                    codes.join(" ")
                )
            })
    }
}

/// The outcome of detection: the language and the detector's confidence in it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Detection {
    /// The detected language, `Und` below the threshold.
    pub lang: Lang,
    /// Confidence of the best candidate in `0.0..=1.0` (bokmål and nynorsk summed).
    pub confidence: f64,
}

/// A language as one bit of a set of candidates (a `u16`, a bit per [`Lang`]).
fn bit(lang: Lang) -> u16 {
    1 << lang as u16
}

/// The set of `langs`, a bit per language.
fn mask_of(langs: impl IntoIterator<Item = Lang>) -> u16 {
    langs.into_iter().fold(0, |mask, l| mask | bit(l))
}

/// Below this confidence a document's language is `und`.
pub const MIN_CONFIDENCE: f64 = 0.40;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for lang in Lang::ALL {
            assert_eq!(lang.code().parse::<Lang>().unwrap(), lang);
        }
        assert_eq!("nb".parse::<Lang>().unwrap(), Lang::No);
        assert!("xx".parse::<Lang>().is_err());
    }
}
