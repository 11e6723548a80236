//! Language identification: the region's twelve languages, their codes, and the
//! `lingua` detector restricted to them. Detection looks at a bounded sample of a
//! document (a few windows spread over the text) so its cost does not grow with the
//! file, and answers `und` when the detector is not confident enough to trust.

use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

use lingua::{Language, LanguageDetector, LanguageDetectorBuilder};

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

    /// The language's name in English, for labels.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Da => "Danish",
            Lang::Sv => "Swedish",
            Lang::No => "Norwegian",
            Lang::Fi => "Finnish",
            Lang::Et => "Estonian",
            Lang::Lv => "Latvian",
            Lang::Lt => "Lithuanian",
            Lang::Pl => "Polish",
            Lang::De => "German",
            Lang::Ru => "Russian",
            Lang::Fr => "French",
            Lang::Und => "Undetermined",
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

/// Below this confidence a document's language is `und`.
pub const MIN_CONFIDENCE: f64 = 0.40;

/// Confidence with which the opening and the closing windows must agree for the
/// middle one to be skipped.
const AGREEMENT: f64 = 0.9;

/// How many characters of a document the detector sees at most.
pub const SAMPLE_CHARS: usize = 600;

fn detector() -> &'static LanguageDetector {
    static DETECTOR: OnceLock<LanguageDetector> = OnceLock::new();
    DETECTOR.get_or_init(|| {
        LanguageDetectorBuilder::from_languages(&[
            Language::English,
            Language::Danish,
            Language::Swedish,
            Language::Bokmal,
            Language::Nynorsk,
            Language::Finnish,
            Language::Estonian,
            Language::Latvian,
            Language::Lithuanian,
            Language::Polish,
            Language::German,
            Language::Russian,
            Language::French,
        ])
        .build()
    })
}

/// Cuts up to [`SAMPLE_CHARS`] characters into at most three windows (start,
/// middle, end), at word boundaries, so a long document costs the same as a short
/// one and a summary in another language at either end cannot decide alone.
pub fn sample_windows(text: &str) -> Vec<String> {
    let total = text.chars().count();
    if total <= SAMPLE_CHARS {
        return vec![text.to_string()];
    }
    let window = SAMPLE_CHARS / 3;
    let starts = [0, total / 2 - window / 2, total - window];
    starts
        .iter()
        .map(|&start| {
            let piece: String = text.chars().skip(start).take(window).collect();
            // Drop the partial words at the window's edges.
            let first = if start == 0 {
                0
            } else {
                piece.find(char::is_whitespace).unwrap_or(0)
            };
            let last = if start + window >= total {
                piece.len()
            } else {
                piece.rfind(char::is_whitespace).unwrap_or(piece.len())
            };
            piece[first..last.max(first)].trim().to_string()
        })
        .collect()
}

/// Detects the language of `text` from a bounded sample: each window votes with its
/// confidence values weighted by its length, and the confidence reported is the
/// winner's share of the vote. A mixed document whose main language fills two of
/// three windows thus gets its main language at about 0.67. When the opening and
/// the closing agree with confidence ≥ 0.9 the middle window is not looked at.
pub fn detect(text: &str) -> Detection {
    let mut windows = sample_windows(text);
    // The opening and the closing first: when both are clearly the same language
    // the middle cannot change the winner, and skipping it took a quarter off the
    // CPU of indexing 10k generated documents (n-gram lookups dominate it).
    if windows.len() == 3 {
        windows.swap(1, 2);
    }
    let mut votes: Vec<(Lang, f64)> = Vec::with_capacity(13);
    let mut weight_total = 0.0;
    let mut leaders: Vec<(Lang, f64)> = Vec::with_capacity(3);
    for (i, window) in windows.into_iter().enumerate() {
        if i == 2
            && let [(a, ca), (b, cb)] = leaders[..]
            && a == b
            && ca >= AGREEMENT
            && cb >= AGREEMENT
        {
            break;
        }
        let weight = window.chars().filter(|c| c.is_alphabetic()).count() as f64;
        if weight < 3.0 {
            continue;
        }
        weight_total += weight;
        let mut leader = (Lang::Und, 0.0);
        for (language, confidence) in detector().compute_language_confidence_values(window) {
            let lang = Lang::from_lingua(language);
            match votes.iter_mut().find(|(l, _)| *l == lang) {
                Some((_, v)) => *v += confidence * weight,
                None => votes.push((lang, confidence * weight)),
            }
            if confidence > leader.1 {
                leader = (lang, confidence);
            }
        }
        leaders.push(leader);
    }
    if weight_total == 0.0 {
        return Detection {
            lang: Lang::Und,
            confidence: 0.0,
        };
    }
    let (lang, vote) = votes
        .into_iter()
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .unwrap_or((Lang::Und, 0.0));
    let confidence = (vote / weight_total).clamp(0.0, 1.0);
    Detection {
        lang: if confidence >= MIN_CONFIDENCE {
            lang
        } else {
            Lang::Und
        },
        confidence,
    }
}

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

    #[test]
    fn sample_is_bounded_and_keeps_short_text_whole() {
        assert_eq!(sample_windows("kort tekst"), vec!["kort tekst"]);
        let long = "vārds ".repeat(10_000);
        let windows = sample_windows(&long);
        assert_eq!(windows.len(), 3);
        assert!(windows.iter().map(|w| w.chars().count()).sum::<usize>() <= SAMPLE_CHARS);
    }

    #[test]
    fn main_language_wins_over_a_summary_at_the_end() {
        let main = "Klasteru organizācija palīdz uzņēmumiem sadarboties ar universitātēm, pašvaldībām un valsts aģentūrām, lai kopā attīstītu jaunus produktus un eksporta tirgus. ";
        let summary = "The cluster organisation helps companies cooperate with universities and municipalities to develop new products and export markets together. ";
        let text = format!("{}{}", main.repeat(20), summary.repeat(8));
        let d = detect(&text);
        assert_eq!(d.lang, Lang::Lv);
        assert!(
            d.confidence < 0.9,
            "a mixed document is not reported as certain: {}",
            d.confidence
        );
    }

    #[test]
    fn the_middle_decides_only_when_the_ends_disagree() {
        let lv = "Klasteru organizācija palīdz uzņēmumiem sadarboties ar universitātēm, pašvaldībām un valsts aģentūrām, lai kopā attīstītu jaunus produktus un eksporta tirgus. ";
        let en = "The cluster organisation helps companies cooperate with universities and municipalities to develop new products and export markets together. ";
        // Ends agree: the English middle is not looked at.
        let agree = format!("{}{}{}", lv.repeat(6), en.repeat(6), lv.repeat(6));
        let d = detect(&agree);
        assert_eq!(d.lang, Lang::Lv);
        assert!(d.confidence > 0.9, "{}", d.confidence);
        // Ends disagree: the middle breaks the tie, and the result is not certain.
        let split = format!("{}{}", en.repeat(8), lv.repeat(16));
        let d = detect(&split);
        assert_eq!(d.lang, Lang::Lv);
        assert!(d.confidence < 0.9, "{}", d.confidence);
    }

    #[test]
    fn detects_region_languages() {
        let cases = [
            (
                "Klasteru organizācija palīdz uzņēmumiem sadarboties ar universitātēm un pašvaldībām.",
                Lang::Lv,
            ),
            (
                "Klyngeorganisationen hjælper virksomhederne med at samarbejde med universiteterne.",
                Lang::Da,
            ),
            (
                "Klasterio organizacija padeda įmonėms bendradarbiauti su universitetais ir savivaldybėmis.",
                Lang::Lt,
            ),
            (
                "Klastriorganisatsioon aitab ettevõtetel teha koostööd ülikoolide ja omavalitsustega.",
                Lang::Et,
            ),
            (
                "Klyngeorganisasjonen hjelper bedriftene med å samarbeide med universitetene og kommunene.",
                Lang::No,
            ),
        ];
        for (text, lang) in cases {
            assert_eq!(detect(text).lang, lang, "{text}");
        }
    }

    #[test]
    fn empty_or_symbolic_text_is_undetermined() {
        assert_eq!(detect("").lang, Lang::Und);
        assert_eq!(detect("12 34 -- ##").lang, Lang::Und);
    }
}
