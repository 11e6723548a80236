//! Detection in two stages. Each window of the sample is read for cheap cues
//! first (`cues.rs`); when they point clearly at one language, that is the
//! window's answer. Otherwise lingua scores the window, but only among the
//! languages the cues left open and their confusable partners (Danish and
//! Norwegian, Finnish and Estonian, Latvian and Lithuanian), which is where its
//! cost (n-grams × languages) goes down.
//! A window with too few cues (a title, a query) goes to lingua among all
//! thirteen models, as before. The windows then vote, weighted by their length,
//! unless the cues decided them all or lingua is sure of the first it read.
//! [`detect_with_lingua_only`] is the detector without the first stage: the
//! reference the two-stage one is measured against (`bench-detect`, the tests).

use std::collections::HashMap;
use std::sync::{Arc, OnceLock, RwLock};

use lingua::{LanguageDetector, LanguageDetectorBuilder};

use super::cues::Cues;
use super::sample::sample_windows;
use super::{Detection, Lang, MIN_CONFIDENCE, bit, mask_of};

/// Confidence with which the opening and the closing windows must agree for the
/// middle one to be skipped.
const AGREEMENT: f64 = 0.9;

/// lingua's confidence, among the languages the cues left open, at which one
/// window of a one-language text decides for the whole.
const SURE: f64 = 0.95;

/// Fewer words with a cue than this and the cues do not decide: the window goes
/// to lingua among all languages.
const MIN_CUES: u16 = 3;

/// A language stays a candidate while at least this share of the leader's cue
/// words point at it too.
const CANDIDATE_SHARE: f64 = 1.0 / 3.0;

/// The leading language wins a window when at least this many cue words point
/// at it and not at a rival…
const MIN_LEAD: u16 = 2;

/// …and no rival has more than this share of that number pointing at it and
/// not at the leader.
const RIVAL_SHARE: f64 = 1.0 / 4.0;

/// Languages whose cues overlap most: when lingua has to choose and one of a pair
/// is a candidate, so is the other.
const CONFUSABLE: [[Lang; 2]; 3] = [
    [Lang::Da, Lang::No],
    [Lang::Fi, Lang::Et],
    [Lang::Lv, Lang::Lt],
];

/// What a window's cues decide.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Verdict {
    /// One language: its cue words outnumber every rival's clearly, which is
    /// where lingua too answers with a confidence near 1.
    Decided(Lang),
    /// lingua must choose among these languages (a bit per [`Lang`]).
    Among(u16),
}

impl Verdict {
    /// The languages the verdict leaves possible.
    fn mask(self) -> u16 {
        match self {
            Verdict::Decided(lang) => bit(lang),
            Verdict::Among(mask) => mask,
        }
    }
}

/// Every pool language, as a candidate mask.
fn all_languages() -> u16 {
    mask_of(Lang::pool())
}

fn languages_of(mask: u16) -> impl Iterator<Item = Lang> {
    Lang::pool().filter(move |l| mask & bit(*l) != 0)
}

/// The first stage: the verdict of a window's cues.
fn verdict(cues: &Cues) -> Verdict {
    if cues.cyrillic > cues.latin {
        // Russian is the region's only language in Cyrillic; lingua's own rules
        // answer the same with certainty.
        return Verdict::Decided(Lang::Ru);
    }
    let counts: Vec<(Lang, u16)> = Lang::pool().map(|l| (l, cues.count(l))).collect();
    let best = counts.iter().map(|(_, n)| *n).max().unwrap_or(0);
    if best < MIN_CUES {
        return Verdict::Among(all_languages());
    }
    // The candidates: every language with a fair share of the cue words,
    // shared letters (æ ø, ą ę) included.
    let floor = f64::from(best) * CANDIDATE_SHARE;
    let candidates = counts
        .iter()
        .filter(|(_, n)| f64::from(*n) >= floor)
        .fold(0, |mask, (l, _)| mask | bit(*l));
    // The leader decides when, against each rival, the words for it and not the
    // rival clearly outnumber the words for the rival and not it.
    let leader = counts
        .iter()
        .filter(|(l, _)| candidates & bit(*l) != 0)
        .max_by_key(|(_, n)| *n)
        .map_or(Lang::Und, |(l, _)| *l);
    let clear = Lang::pool().filter(|l| *l != leader).all(|rival| {
        let lead = cues.against(leader, rival);
        lead >= MIN_LEAD && f64::from(cues.against(rival, leader)) <= f64::from(lead) * RIVAL_SHARE
    });
    if clear {
        return Verdict::Decided(leader);
    }
    let with_partners = CONFUSABLE
        .iter()
        .map(|pair| mask_of(*pair))
        .filter(|pair| candidates & pair != 0)
        .fold(candidates, |mask, pair| mask | pair);
    Verdict::Among(with_partners)
}

/// lingua restricted to the languages of `mask`, built once per set. The models
/// themselves are lingua's, loaded once and shared by every detector.
fn lingua_among(mask: u16) -> Arc<LanguageDetector> {
    static DETECTORS: OnceLock<RwLock<HashMap<u16, Arc<LanguageDetector>>>> = OnceLock::new();
    let detectors = DETECTORS.get_or_init(Default::default);
    if let Some(d) = detectors.read().ok().and_then(|m| m.get(&mask).cloned()) {
        return d;
    }
    let languages: Vec<lingua::Language> = languages_of(mask)
        .flat_map(|l| l.to_lingua().iter().copied())
        .collect();
    let detector = Arc::new(LanguageDetectorBuilder::from_languages(&languages).build());
    if let Ok(mut m) = detectors.write() {
        m.entry(mask).or_insert_with(|| detector.clone());
    }
    detector
}

/// lingua's confidence values for `window` among the languages of `mask`
/// (bokmål and nynorsk appear separately, both as `no`).
fn lingua_values(window: &str, mask: u16) -> Vec<(Lang, f64)> {
    if mask.count_ones() == 1 {
        return languages_of(mask).map(|l| (l, 1.0)).collect();
    }
    lingua_among(mask)
        .compute_language_confidence_values(window)
        .into_iter()
        .map(|(language, confidence)| (Lang::from_lingua(language), confidence))
        .collect()
}

/// A window of the sample with its weight (its letters).
struct Window {
    text: String,
    weight: f64,
}

/// The sample's windows that hold letters enough to say anything.
fn windows(text: &str) -> Vec<Window> {
    sample_windows(text)
        .into_iter()
        .map(|text| Window {
            weight: text.chars().filter(|c| c.is_alphabetic()).count() as f64,
            text,
        })
        .filter(|w| w.weight >= 3.0)
        .collect()
}

/// Detects the language of `text` from a bounded sample, in two stages.
///
/// When every window's cues decide, and for the same language, that is the
/// answer. When every window's cues at least narrow the choice and leave
/// languages in common (one text in one language, the usual case), lingua reads
/// the first undecided window among those languages; if it is sure (≥ [`SURE`]),
/// that is the answer, else the windows vote, the undecided ones with lingua's
/// values among the languages in common. Otherwise (a window with too few cues to
/// say anything, or a document in two languages) the windows vote as in
/// [`detect_with_lingua_only`], each with its cues' answer or lingua's among its
/// own candidates.
pub fn detect(text: &str) -> Detection {
    let windows = windows(text);
    if windows.is_empty() {
        return decide(Vec::new(), 0.0);
    }
    let read: Vec<Verdict> = windows
        .iter()
        .map(|w| verdict(&Cues::read(&w.text)))
        .collect();
    let common = read.iter().fold(all_languages(), |m, v| m & v.mask());
    // A window whose cues leave every language open says nothing about the
    // others' choice: it must be read by lingua itself, so it votes.
    let informative = read.iter().all(|v| v.mask() != all_languages());
    if common == 0 || !informative {
        return vote(&windows, |i, w| match read[i] {
            Verdict::Decided(lang) => vec![(lang, 1.0)],
            Verdict::Among(mask) => lingua_values(&w.text, mask),
        });
    }
    if read.iter().all(|v| matches!(v, Verdict::Decided(_))) {
        // Every window decided, and all for one language (common is not empty).
        return decide(languages_of(common).map(|l| (l, 1.0)).collect(), 1.0);
    }
    // The windows the cues did not decide are read by lingua among the languages
    // left in common only (two to four models instead of thirteen). When lingua is
    // sure of the first of them, the rest are not read: every window already
    // allows that language, and on the measured sets (bench-detect) reading them
    // changed no answer.
    let first = (0..windows.len())
        .find(|i| matches!(read[*i], Verdict::Among(_)))
        .unwrap_or(0);
    let first_values = lingua_values(&windows[first].text, common);
    let merged_first = merged(&first_values);
    if let Some(&(lang, confidence)) = merged_first.iter().max_by(|a, b| a.1.total_cmp(&b.1))
        && confidence >= SURE
    {
        return decide(vec![(lang, confidence)], 1.0);
    }
    vote(&windows, |i, w| match read[i] {
        Verdict::Decided(lang) => vec![(lang, 1.0)],
        Verdict::Among(_) if i == first => first_values.clone(),
        Verdict::Among(_) => lingua_values(&w.text, common),
    })
}

/// Confidence values with bokmål and nynorsk summed into `no`.
fn merged(values: &[(Lang, f64)]) -> Vec<(Lang, f64)> {
    let mut out: Vec<(Lang, f64)> = Vec::with_capacity(values.len());
    for &(lang, confidence) in values {
        match out.iter_mut().find(|(l, _)| *l == lang) {
            Some((_, v)) => *v += confidence,
            None => out.push((lang, confidence)),
        }
    }
    out
}

/// The same sampling and voting with lingua over all thirteen models in every
/// window: slower, and the reference [`detect`] is checked against.
///
/// Each window votes with its confidence values weighted by its length, and the
/// confidence reported is the winner's share of the vote. A mixed document whose
/// main language fills two of three windows thus gets its main language at about
/// 0.67. When the opening and the closing agree with confidence ≥ 0.9 the middle
/// window is not looked at.
pub fn detect_with_lingua_only(text: &str) -> Detection {
    let windows = windows(text);
    vote(&windows, |_, w| lingua_values(&w.text, all_languages()))
}

/// The windows' vote: each window's confidence values weighted by its letters.
fn vote(windows: &[Window], values: impl Fn(usize, &Window) -> Vec<(Lang, f64)>) -> Detection {
    // The opening and the closing first: when both are clearly the same language
    // the middle cannot change the winner.
    let order: Vec<usize> = if windows.len() == 3 {
        vec![0, 2, 1]
    } else {
        (0..windows.len()).collect()
    };
    let mut votes: Vec<(Lang, f64)> = Vec::with_capacity(13);
    let mut weight_total = 0.0;
    let mut leaders: Vec<(Lang, f64)> = Vec::with_capacity(3);
    for (n, i) in order.into_iter().enumerate() {
        if n == 2
            && let [(a, ca), (b, cb)] = leaders[..]
            && a == b
            && ca >= AGREEMENT
            && cb >= AGREEMENT
        {
            break;
        }
        let window = &windows[i];
        weight_total += window.weight;
        let mut leader = (Lang::Und, 0.0);
        for (lang, confidence) in values(i, window) {
            match votes.iter_mut().find(|(l, _)| *l == lang) {
                Some((_, v)) => *v += confidence * window.weight,
                None => votes.push((lang, confidence * window.weight)),
            }
            if confidence > leader.1 {
                leader = (lang, confidence);
            }
        }
        leaders.push(leader);
    }
    decide(votes, weight_total)
}

/// The winner of the votes, its share of `total` as the confidence, `und` below
/// [`MIN_CONFIDENCE`].
fn decide(votes: Vec<(Lang, f64)>, total: f64) -> Detection {
    if total == 0.0 {
        return Detection {
            lang: Lang::Und,
            confidence: 0.0,
        };
    }
    let (lang, vote) = votes
        .into_iter()
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .unwrap_or((Lang::Und, 0.0));
    let confidence = (vote / total).clamp(0.0, 1.0);
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
