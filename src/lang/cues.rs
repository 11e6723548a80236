//! The detector's cheap first stage: what a window of text gives away without a
//! language model. Its script (Cyrillic is Russian among the region's
//! languages), letters that only one or two of the languages write (Latvian `ģ`,
//! Lithuanian `ė`, Polish `ł`, Estonian `õ`, German `ß`, Danish and Norwegian `æ ø`
//! …), and function words that at most three languages' stop-word lists hold
//! (Swedish `och`, Danish and Norwegian `og`, Latvian and French `un`). Each word
//! counts once for each language it points at; reading is a hash lookup per word,
//! against lingua's lookup per character n-gram and per language.

use std::collections::HashMap;
use std::sync::OnceLock;

use foldhash::fast::FixedState;

use super::{Lang, bit, mask_of};
use crate::analysis::stopwords;

/// Letters that only the listed languages write, among the region's twelve. Letters
/// most of them share (`ä ö ü å š ž`) say nothing here and are left to lingua.
const LETTERS: [(&str, &[Lang]); 8] = [
    ("āēīģķļņ", &[Lang::Lv]),
    ("ėįų", &[Lang::Lt]),
    ("ąę", &[Lang::Lt, Lang::Pl]),
    ("ćłńśźżó", &[Lang::Pl]),
    ("õ", &[Lang::Et]),
    ("ß", &[Lang::De]),
    ("æø", &[Lang::Da, Lang::No]),
    ("àâçèêëîïôùûœ", &[Lang::Fr]),
];

/// Languages whose stop-word lists differ more in coverage than in language: a
/// word on one list alone is often a word of the other too (`samme` and
/// `hvordan` are Danish as much as Norwegian, though only the Norwegian list holds
/// them; Estonian writes `on`, `ei` and `ole` as Finnish does). Their function
/// words point at both, and lingua tells them apart.
const BLURRED: [[Lang; 2]; 2] = [[Lang::Da, Lang::No], [Lang::Fi, Lang::Et]];

/// What the cues of one window say.
#[derive(Clone, Debug, Default)]
pub(super) struct Cues {
    /// Each word with a cue: the languages it points at (a bit per [`Lang`]).
    pub words: Vec<u16>,
    /// Letters in Cyrillic script.
    pub cyrillic: u32,
    /// Letters in Latin script.
    pub latin: u32,
}

impl Cues {
    /// Cue words that point at `lang`.
    pub fn count(&self, lang: Lang) -> u16 {
        self.words.iter().filter(|w| *w & bit(lang) != 0).count() as u16
    }

    /// Cue words that point at `lang` and not at `other`.
    pub fn against(&self, lang: Lang, other: Lang) -> u16 {
        let (a, b) = (bit(lang), bit(other));
        self.words
            .iter()
            .filter(|w| *w & a != 0 && *w & b == 0)
            .count() as u16
    }

    /// Reads the cues of `window`.
    pub fn read(window: &str) -> Cues {
        let function = function_words();
        let mut cues = Cues::default();
        let mut word = String::with_capacity(32);
        let mut pointed: u16 = 0;
        let mut named = false;
        for c in window.chars().chain(std::iter::once(' ')) {
            if c.is_alphabetic() {
                if is_cyrillic(c) {
                    cues.cyrillic += 1;
                } else {
                    cues.latin += 1;
                }
                if word.is_empty() {
                    named = c.is_uppercase();
                }
                if c.is_ascii() {
                    word.push(c.to_ascii_lowercase());
                    continue;
                }
                word.extend(c.to_lowercase());
                // A capitalised word may be a name, which keeps the letters of
                // its own language (`Jānis` in an Estonian sentence).
                if !named {
                    pointed |= letter_languages(c.to_lowercase().next().unwrap_or(c));
                }
                continue;
            }
            if !word.is_empty() {
                if let Some(mask) = function.get(word.as_str()) {
                    pointed |= *mask;
                }
                if pointed != 0 {
                    cues.words.push(pointed);
                }
                word.clear();
                pointed = 0;
            }
        }
        cues
    }
}

fn is_cyrillic(c: char) -> bool {
    ('\u{0400}'..='\u{052f}').contains(&c)
}

/// The first and the last code point of the letters in [`LETTERS`]: all of them
/// lie in Latin-1 Supplement and Latin Extended-A.
const LETTER_RANGE: std::ops::RangeInclusive<u32> = 0xC0..=0x17F;

/// The languages (a bit per [`Lang`]) a lower-case letter points at. Read for
/// every letter outside ASCII, so [`LETTERS`] is turned once into a table by
/// code point rather than searched letter by letter.
fn letter_languages(c: char) -> u16 {
    static TABLE: OnceLock<Vec<u16>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut table = vec![0u16; LETTER_RANGE.clone().count()];
        for (letters, langs) in LETTERS {
            for letter in letters.chars() {
                let code = u32::from(letter);
                assert!(
                    LETTER_RANGE.contains(&code),
                    "{letter} is outside the table"
                );
                table[(code - LETTER_RANGE.start()) as usize] |= mask_of(langs.iter().copied());
            }
        }
        table
    });
    let code = u32::from(c);
    if LETTER_RANGE.contains(&code) {
        table[(code - LETTER_RANGE.start()) as usize]
    } else {
        0
    }
}

/// The languages (a bit per [`Lang`]) a function word of `lang` points at.
fn word_languages(lang: Lang) -> u16 {
    BLURRED
        .iter()
        .find(|pair| pair.contains(&lang))
        .map_or(bit(lang), |pair| mask_of(*pair))
}

/// Words of two letters or more on the stop-word list of at most
/// [`MAX_SHARED`] pool languages, each with the languages (a bit per [`Lang`]) it
/// points at: `och` Swedish alone, `og` Danish and Norwegian, `un` Latvian and
/// French. A word most lists hold (`a`, `i`) tells nothing and is left out.
fn function_words() -> &'static FunctionWords {
    static WORDS: OnceLock<FunctionWords> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut owners = FunctionWords::default();
        for lang in Lang::pool() {
            for word in stopwords::words(lang) {
                if word.chars().count() < 2 || !word.chars().all(char::is_alphabetic) {
                    continue;
                }
                *owners.entry(word.clone()).or_default() |= word_languages(lang);
            }
        }
        owners.retain(|_, mask| mask.count_ones() <= MAX_SHARED);
        owners
    })
}

/// Function words and the languages they point at. Every word of every sampled
/// window is looked up, so the table hashes with foldhash rather than SipHash
/// (its keys are our own lists, not input an attacker chooses).
type FunctionWords = HashMap<String, u16, FixedState>;

/// A function word on more pool languages' lists than this is no cue.
const MAX_SHARED: u32 = 3;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn function_words_point_at_every_language_that_uses_them() {
        let words = function_words();
        assert_eq!(words.get("och"), Some(&mask_of([Lang::Sv])));
        assert_eq!(words.get("the"), Some(&mask_of([Lang::En])));
        // Danish and Norwegian function words point at both.
        assert_eq!(words.get("af"), Some(&mask_of([Lang::Da, Lang::No])));
        assert_eq!(words.get("og"), Some(&mask_of([Lang::Da, Lang::No])));
        assert_eq!(words.get("un"), Some(&mask_of([Lang::Lv, Lang::Fr])));
    }

    #[test]
    fn letters_and_words_are_counted_once_per_word() {
        let cues = Cues::read("Klasteru organizācija ģeogrāfiski aptver Latgali un Sēliju.");
        assert!(cues.count(Lang::Lv) >= 3, "{cues:?}");
        assert_eq!(cues.count(Lang::Lt), 0);
        let cues = Cues::read("Кластерная организация помогает компаниям");
        assert!(cues.cyrillic > 30 && cues.latin == 0);
        let cues = Cues::read("Klyngen hjælper virksomhederne af og til");
        // hjælper (æ), af and og, each pointing at Danish and Norwegian alike.
        assert!(cues.count(Lang::Da) >= 3, "{cues:?}");
        assert_eq!(cues.count(Lang::Da), cues.count(Lang::No));
        assert_eq!(cues.against(Lang::Da, Lang::No), 0);
        assert!(cues.count(Lang::Sv) < cues.count(Lang::Da));
    }

    #[test]
    fn a_capitalised_name_lends_no_letters_to_its_language() {
        let cues = Cues::read("Tallinna tuleb Jānis Mednis ja Dāvis Stalts");
        assert_eq!(cues.count(Lang::Lv), 0, "{cues:?}");
        let cues = Cues::read("tuleb jānis");
        assert_eq!(cues.count(Lang::Lv), 1, "{cues:?}");
    }
}
