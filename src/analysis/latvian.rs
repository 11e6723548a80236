//! A light stemmer for Latvian. No Snowball stemmer exists for Latvian, so this
//! follows the light variant of the affix-stripping algorithm in Kārlis Krěsliņš,
//! *A stemming algorithm for Latvian* (PhD thesis, Loughborough University, 1996):
//! one pass removes the longest matching inflectional ending, provided the stem
//! keeps enough vowels (syllables) and at least three letters; endings that follow a
//! palatalised consonant (genitive plural of the 2nd, 5th and 6th declensions, the
//! `-iem`, `-u`, `-a`, `-i`, `-us`, `-os` endings) undo the consonant alternation
//! (`ļ → l`, `šņ → sn`, `kš → kst`, labial + `j` → labial …) so that
//! `kuģu`/`kuģis` and `mežs`/`meži`, or `lāču`/`lācis`, meet at the same stem.

/// An inflectional ending, the vowels the remaining stem must keep more than, and
/// whether removing it may expose a palatalised consonant.
struct Ending {
    suffix: &'static str,
    min_vowels: usize,
    palatalises: bool,
}

const fn ending(suffix: &'static str, min_vowels: usize, palatalises: bool) -> Ending {
    Ending {
        suffix,
        min_vowels,
        palatalises,
    }
}

/// Longest first: the first ending that matches is removed.
const ENDINGS: &[Ending] = &[
    ending("ajiem", 3, false),
    ending("ajai", 3, false),
    ending("ajam", 2, false),
    ending("ajām", 2, false),
    ending("ajos", 2, false),
    ending("ajās", 2, false),
    ending("iem", 2, true),
    ending("ajā", 2, false),
    ending("ais", 2, false),
    ending("ai", 2, false),
    ending("ei", 2, false),
    ending("ām", 1, false),
    ending("am", 1, false),
    ending("ēm", 1, false),
    ending("īm", 1, false),
    ending("im", 1, false),
    ending("um", 1, false),
    ending("us", 1, true),
    ending("as", 1, false),
    ending("ās", 1, false),
    ending("es", 1, false),
    ending("os", 1, true),
    ending("ij", 1, false),
    ending("īs", 1, false),
    ending("ēs", 1, false),
    ending("is", 1, false),
    ending("ie", 1, false),
    ending("u", 1, true),
    ending("a", 1, true),
    ending("i", 1, true),
    ending("e", 1, false),
    ending("ā", 1, false),
    ending("ē", 1, false),
    ending("ī", 1, false),
    ending("ū", 1, false),
    ending("o", 1, false),
    ending("s", 0, false),
    ending("š", 0, false),
];

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'ā' | 'ē' | 'ī' | 'ū')
}

/// Stems one lower-cased Latvian word. Words that are too short to carry an ending
/// are returned unchanged.
pub fn stem(word: &str) -> String {
    let chars: Vec<char> = word.chars().collect();
    let vowels = chars.iter().filter(|c| is_vowel(**c)).count();
    for e in ENDINGS {
        let suffix_len = e.suffix.chars().count();
        if vowels > e.min_vowels && chars.len() >= suffix_len + 3 && word.ends_with(e.suffix) {
            let mut stem: Vec<char> = chars[..chars.len() - suffix_len].to_vec();
            if e.palatalises {
                undo_palatalisation(&mut stem, e.suffix == "u");
            }
            return stem.into_iter().collect();
        }
    }
    word.to_string()
}

/// Reverses the consonant alternation that the removed ending had triggered.
fn undo_palatalisation(stem: &mut Vec<char>, removed_u: bool) {
    let n = stem.len();
    let last2 = |s: &[char]| -> (char, char) {
        if s.len() >= 2 {
            (s[s.len() - 2], s[s.len() - 1])
        } else {
            ('\0', '\0')
        }
    };
    // Only the genitive plural (-u) shows these two.
    if removed_u {
        match last2(stem) {
            ('k', 'š') => {
                stem[n - 1] = 's';
                stem.push('t');
                return;
            }
            ('ņ', 'ņ') => {
                stem[n - 2] = 'n';
                stem[n - 1] = 'n';
                return;
            }
            _ => {}
        }
    }
    match last2(stem) {
        ('p' | 'b' | 'm' | 'v', 'j') => {
            stem.pop();
        }
        ('š', 'ņ') => {
            stem[n - 2] = 's';
            stem[n - 1] = 'n';
        }
        ('ž', 'ņ') => {
            stem[n - 2] = 'z';
            stem[n - 1] = 'n';
        }
        ('š', 'ļ') => {
            stem[n - 2] = 's';
            stem[n - 1] = 'l';
        }
        ('ž', 'ļ') => {
            stem[n - 2] = 'z';
            stem[n - 1] = 'l';
        }
        ('ļ', 'ņ') => {
            stem[n - 2] = 'l';
            stem[n - 1] = 'n';
        }
        ('ļ', 'ļ') => {
            stem[n - 2] = 'l';
            stem[n - 1] = 'l';
        }
        (_, 'č') => stem[n - 1] = 'c',
        (_, 'ļ') => stem[n - 1] = 'l',
        (_, 'ņ') => stem[n - 1] = 'n',
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::stem;

    fn same_stem(forms: &[&str]) {
        let first = stem(forms[0]);
        for form in forms {
            assert_eq!(stem(form), first, "{form} vs {}", forms[0]);
        }
    }

    #[test]
    fn noun_cases_share_a_stem() {
        // klasteris: 2nd declension, all seven cases and the plural.
        same_stem(&[
            "klasteris",
            "klastera",
            "klasterim",
            "klasteri",
            "klasterī",
            "klasteru",
            "klasteriem",
            "klasterus",
            "klasteros",
        ]);
        // uzņēmums: 1st declension.
        same_stem(&[
            "uzņēmums",
            "uzņēmuma",
            "uzņēmumam",
            "uzņēmumu",
            "uzņēmumā",
            "uzņēmumi",
            "uzņēmumiem",
        ]);
        // nozare: 5th declension.
        same_stem(&[
            "nozare", "nozares", "nozarei", "nozari", "nozarē", "nozarēm",
        ]);
        // programma: 4th declension.
        same_stem(&[
            "programma",
            "programmas",
            "programmai",
            "programmu",
            "programmā",
            "programmām",
        ]);
    }

    #[test]
    fn palatalised_genitive_plural_meets_the_singular() {
        // lācis → lāču: č alternates with c.
        assert_eq!(stem("lāču"), stem("lācis"));
        // zivs → zivju: labial + j.
        assert_eq!(stem("zivju"), stem("zivis"));
    }

    #[test]
    fn short_words_are_left_alone() {
        assert_eq!(stem("un"), "un");
        assert_eq!(stem("ir"), "ir");
        assert_eq!(stem("es"), "es");
    }
}
