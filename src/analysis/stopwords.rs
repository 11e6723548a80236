//! Stop words per language: the function words a query may hold that say nothing
//! of its topic. The planner neither requires nor scores them unless the query
//! holds nothing else, and never highlights them. Lists come from the `stop-words` crate: NLTK's
//! (Snowball's) for the languages it covers, Stopwords ISO's for Estonian,
//! Latvian, Lithuanian and Polish, which NLTK lacks (NLTK's are short function-word
//! lists; ISO's English one has 1,298 words, `information` and `new` among them). They are compared with the
//! query's lower-cased words, and, through each language's analyzer, with the
//! analysed terms of a query (for highlighting).

use std::collections::HashSet;
use std::sync::OnceLock;

use crate::lang::Lang;

struct Lists {
    /// Per language in [`Lang::ALL`] order: the words as written, lower case.
    words: Vec<HashSet<String>>,
    /// The same words through the language's analyzer.
    terms: Vec<HashSet<String>>,
}

fn source(lang: Lang) -> Vec<String> {
    if lang == Lang::Und {
        return Vec::new();
    }
    let words = stop_words::get(lang.code()).iter();
    if lang == Lang::Lt {
        // The Lithuanian list was decoded as Latin-1 from Windows-1257: put the
        // letters back (`ø` → `ų`, `ð` → `š` …), or half its words never match.
        return words
            .map(|w| w.chars().map(windows_1257_letter).collect())
            .collect();
    }
    words.map(|w| w.to_string()).collect()
}

/// The Lithuanian letter a Windows-1257 byte stands for, read as Latin-1.
fn windows_1257_letter(c: char) -> char {
    match c {
        'à' => 'ą',
        'è' => 'č',
        'æ' => 'ę',
        'ë' => 'ė',
        'á' => 'į',
        'ð' => 'š',
        'ø' => 'ų',
        'û' => 'ū',
        'þ' => 'ž',
        'À' => 'Ą',
        'È' => 'Č',
        'Æ' => 'Ę',
        'Ë' => 'Ė',
        'Á' => 'Į',
        'Ð' => 'Š',
        'Ø' => 'Ų',
        'Û' => 'Ū',
        'Þ' => 'Ž',
        c => c,
    }
}

fn lists() -> &'static Lists {
    static LISTS: OnceLock<Lists> = OnceLock::new();
    LISTS.get_or_init(|| {
        let mut words = Vec::new();
        let mut terms = Vec::new();
        for lang in Lang::ALL {
            let list: HashSet<String> = source(lang)
                .into_iter()
                .map(|w| w.trim().to_lowercase())
                .filter(|w| !w.is_empty())
                .collect();
            let analysed = list.iter().flat_map(|w| super::terms(lang, w)).collect();
            words.push(list);
            terms.push(analysed);
        }
        Lists { words, terms }
    })
}

/// The stop words of `lang`, lower case, as written.
pub fn words(lang: Lang) -> &'static HashSet<String> {
    &lists().words[lang as usize]
}

/// Whether `word` (lower case, as written) is a stop word of `lang`.
pub fn is_stop_word(lang: Lang, word: &str) -> bool {
    words(lang).contains(word)
}

/// Whether an analysed term of `lang`'s fields is a stop word's term.
pub fn is_stop_term(lang: Lang, term: &str) -> bool {
    lists().terms[lang as usize].contains(term)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_stop_words_and_keeps_its_content_words() {
        for lang in Lang::pool() {
            assert!(lists().words[lang as usize].len() >= 20, "{lang}");
        }
        assert!(is_stop_word(Lang::En, "of"));
        assert!(is_stop_word(Lang::Fr, "des"));
        assert!(is_stop_word(Lang::Lv, "un"));
        assert!(is_stop_word(Lang::Lt, "dėl"), "Lithuanian letters repaired");
        assert!(is_stop_term(
            Lang::Fr,
            &crate::analysis::terms(Lang::Fr, "des")[0]
        ));
        for (lang, word) in [
            (Lang::En, "cluster"),
            (Lang::Da, "klynge"),
            (Lang::Lv, "klasteris"),
        ] {
            assert!(!is_stop_word(lang, word), "{lang} {word}");
        }
    }
}
