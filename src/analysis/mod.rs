//! Text analysis per language: the tokenizer chains that tantivy runs over each
//! language's title and body fields, registered under one name per language
//! (`cp_lv`, `cp_da`, …). Every chain splits on non-alphanumerics, drops absurdly
//! long tokens, lower-cases and (all but `und`'s) stems with the language's stemmer (Snowball through
//! `frostem`, French after dropping the plural `s`/`x`, our own light stemmer for
//! Latvian); languages whose diacritics are
//! commonly dropped when typing also fold them, after stemming so the stemmer sees
//! the real word.

pub mod latvian;
pub mod stopwords;

use tantivy::Index;
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer, TextAnalyzer,
    Token, TokenFilter, TokenStream, Tokenizer,
};

use crate::lang::Lang;

/// The tokenizer name registered for a language's fields.
pub fn tokenizer_name(lang: Lang) -> String {
    format!("cp_{}", lang.code())
}

/// Whether a language's diacritics are folded to ASCII. Danish, Norwegian, Swedish,
/// Finnish and Estonian keep theirs: `å`, `ä`, `ö`, `ø`, `õ` are letters of their own
/// there, and folding would merge unrelated words (sv `för`/`for`). Latvian,
/// Lithuanian, Polish, German, French and English text is often typed without
/// diacritics, so folding both sides makes `klasteru karte` find `klasteru kartē`.
pub fn folds_diacritics(lang: Lang) -> bool {
    matches!(
        lang,
        Lang::En | Lang::Lv | Lang::Lt | Lang::Pl | Lang::De | Lang::Fr | Lang::Und
    )
}

/// Which stemmer a language uses.
#[derive(Clone, Copy)]
enum Stemming {
    Snowball(frostem::Stemmer),
    /// Snowball after the plural `s`/`x` is dropped ([`french_singular`]).
    French(frostem::Stemmer),
    Latvian,
}

fn stemming(lang: Lang) -> Option<Stemming> {
    use frostem::Algorithm as A;
    let algorithm = match lang {
        Lang::En => A::English,
        Lang::Da => A::Danish,
        Lang::Sv => A::Swedish,
        Lang::No => A::Norwegian,
        Lang::Fi => A::Finnish,
        Lang::Et => A::Estonian,
        Lang::Lt => A::Lithuanian,
        Lang::Pl => A::Polish,
        Lang::De => A::German,
        Lang::Ru => A::Russian,
        Lang::Fr => return Some(Stemming::French(frostem::Stemmer::new(A::French))),
        Lang::Lv => return Some(Stemming::Latvian),
        Lang::Und => return None,
    };
    Some(Stemming::Snowball(frostem::Stemmer::new(algorithm)))
}

/// Builds the analyzer for one language.
pub fn analyzer(lang: Lang) -> TextAnalyzer {
    let base = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(48))
        .filter(LowerCaser);
    match (stemming(lang), folds_diacritics(lang)) {
        (Some(s), true) => base
            .filter(StemFilter(s))
            .filter(AsciiFoldingFilter)
            .build(),
        (Some(s), false) => base.filter(StemFilter(s)).build(),
        (None, true) => base.filter(AsciiFoldingFilter).build(),
        (None, false) => base.build(),
    }
}

/// A language's analyzer, cloned from one built once per process, so a query does
/// not build twelve stemming chains again.
pub fn cached_analyzer(lang: Lang) -> TextAnalyzer {
    static BUILT: std::sync::OnceLock<Vec<TextAnalyzer>> = std::sync::OnceLock::new();
    BUILT.get_or_init(|| Lang::ALL.iter().map(|l| analyzer(*l)).collect())[lang as usize].clone()
}

/// Registers every language's analyzer on an index.
pub fn register(index: &Index) {
    let manager = index.tokenizers();
    for lang in Lang::ALL {
        manager.register(&tokenizer_name(lang), analyzer(lang));
    }
}

/// Runs a language's analyzer over `text` and returns the terms, for tests and for
/// matching vocabulary terms against queries.
pub fn terms(lang: Lang, text: &str) -> Vec<String> {
    let mut analyzer = cached_analyzer(lang);
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}

/// The runs of letters and digits of `text` (the words the analyzers'
/// tokenizer splits it into) with their byte offsets.
pub fn word_spans(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out
}

/// `word` with its first letter upper-cased (labels, `did_you_mean` after a
/// capitalised word, snippet anchors at a sentence start, generated sentences).
pub fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Lower-cased, diacritics folded to ASCII: how a word is compared when a
/// diacritic left out must cost nothing (typos, completions).
pub fn fold(text: &str) -> String {
    thread_local! {
        // One per thread: a shared analyzer would be cloned (boxed) per call.
        static FOLDER: std::cell::RefCell<TextAnalyzer> = std::cell::RefCell::new(
            TextAnalyzer::builder(RawTokenizer::default())
                .filter(LowerCaser)
                .filter(AsciiFoldingFilter)
                .build(),
        );
    }
    FOLDER.with_borrow_mut(|folder| {
        let mut stream = folder.token_stream(text);
        let mut out = String::new();
        while stream.advance() {
            out.push_str(&stream.token().text);
        }
        out
    })
}

/// French plurals before stemming: Snowball's French stemmer keeps the `s` of
/// short words (`diapos` stays `diapos` while `diapo` is `diapo`), so a final `s`
/// or `x` is dropped first, as light French stemmers do (Savoy 1999): never from
/// words of four letters or fewer, nor after another `s` (`processus`) or a `u`
/// that makes `-us`, `-ux` endings (`plus`, `deux`). Returns the singular's length.
fn french_singular(word: &str) -> Option<usize> {
    let mut rev = word.chars().rev();
    let last = rev.next()?;
    let before = rev.next()?;
    let long_enough = word.chars().count() > 4;
    (long_enough && matches!(last, 's' | 'x') && !matches!(before, 's' | 'u'))
        .then(|| word.len() - last.len_utf8())
}

/// A token filter that stems with the language's stemmer.
#[derive(Clone)]
struct StemFilter(Stemming);

impl TokenFilter for StemFilter {
    type Tokenizer<T: Tokenizer> = StemTokenizer<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> StemTokenizer<T> {
        StemTokenizer {
            inner,
            stemming: self.0,
        }
    }
}

#[derive(Clone)]
struct StemTokenizer<T> {
    inner: T,
    stemming: Stemming,
}

impl<T: Tokenizer> Tokenizer for StemTokenizer<T> {
    type TokenStream<'a> = StemTokenStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        StemTokenStream {
            tail: self.inner.token_stream(text),
            stemming: self.stemming,
        }
    }
}

struct StemTokenStream<S> {
    tail: S,
    stemming: Stemming,
}

impl<S: TokenStream> TokenStream for StemTokenStream<S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        let stemmer = match self.stemming {
            Stemming::Snowball(stemmer) => stemmer,
            Stemming::French(stemmer) => {
                if let Some(len) = french_singular(&token.text) {
                    token.text.truncate(len);
                }
                stemmer
            }
            Stemming::Latvian => {
                token.text = latvian::stem(&token.text);
                return true;
            }
        };
        match stemmer.stem(&token.text) {
            std::borrow::Cow::Borrowed(s) if s.len() == token.text.len() => {}
            other => token.text = other.into_owned(),
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_lower_cases_and_drops_diacritics() {
        assert_eq!(fold("Kartēšana"), "kartesana");
        assert_eq!(fold("kartläggning"), "kartlaggning");
    }

    fn same(lang: Lang, a: &str, b: &str) {
        assert_eq!(terms(lang, a), terms(lang, b), "{lang}: {a} vs {b}");
    }

    #[test]
    fn inflected_forms_meet_in_each_language() {
        same(Lang::Lv, "klasteru", "klasterim");
        same(Lang::Lt, "klasterių", "klasteriui");
        same(Lang::Et, "klastrite", "klastritele");
        same(Lang::Pl, "klastrów", "klastrami");
        same(Lang::Da, "klyngerne", "klynger");
        same(Lang::Sv, "klusterorganisationer", "klusterorganisation");
        same(Lang::De, "Unternehmen", "unternehmen");
        same(Lang::Ru, "кластеров", "кластеры");
        same(Lang::Fi, "klustereiden", "klusterin");
        same(Lang::En, "clusters", "cluster");
        same(Lang::Fr, "diapos", "diapo");
        same(Lang::Fr, "propriétés", "propriété");
        assert_ne!(terms(Lang::Fr, "plus"), terms(Lang::Fr, "plu"));
    }

    #[test]
    fn folding_only_where_the_language_allows() {
        same(Lang::Lv, "kartē", "karte");
        assert_ne!(terms(Lang::Sv, "för"), terms(Lang::Sv, "for"));
    }
}
