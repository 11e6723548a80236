//! The ranking's knobs in one place: what the planner does (coordination and its
//! bonus, splitting hyphenated words, compounds, stop words, title boost,
//! proximity, typos), BM25's `k1` and `b`, and how matches by meaning are fused with
//! matches by words, with the defaults the relevance benchmark
//! chose and a `key=value` form for `clusterpool run --ranking`.

use crate::{Error, Result};

/// The ranking's knobs. The defaults are the values the relevance benchmark chose
/// (`bench/relevance/`, figures in BENCHMARKS.md).
#[derive(Clone, Debug, PartialEq)]
pub struct Ranking {
    /// Score added per query word a document has; 0 turns coordination off (plain
    /// BM25 over any of the words).
    pub coordination: f32,
    /// Scale each word's coordination bonus by its rarity (idf over the query's
    /// highest).
    pub coord_idf: bool,
    /// The parts of a hyphenated or slashed word are words of their own (off: they
    /// must stand next to each other, in order).
    pub split_parts: bool,
    /// Boost of the parts standing next to each other, in order.
    pub adjacency: f32,
    /// Compound splitting and joining for da, sv, no, de, fi, et.
    pub compounds: bool,
    /// Boost of a compound's alternative form (its parts, or the joined words).
    pub compound_boost: f32,
    /// Stop words are neither required nor scored nor highlighted.
    pub stop_words: bool,
    /// Boost of a title match over a body match.
    pub title_boost: f32,
    /// Boost of a multi-word query's words standing within `slop` of each other.
    pub proximity: f32,
    /// Positions the words of the proximity bonus may stand apart.
    pub slop: u32,
    /// BM25 term-frequency saturation.
    pub k1: f32,
    /// BM25 length normalisation.
    pub b: f32,
    /// How many documents nearest the query by meaning join the matches.
    pub meaning_depth: usize,
    /// A document joins by meaning only when its best passage is within this much
    /// cosine of the nearest document's (so an unrelated query brings few).
    pub meaning_margin: f32,
    /// Reciprocal rank fusion's `k`: a hit scores `weight / (k + place)` in each
    /// ranking it is in.
    pub fusion_k: f32,
    /// Weight of the ranking by words in the fusion.
    pub words_weight: f32,
    /// Weight of the ranking by meaning in the fusion.
    pub meaning_weight: f32,
    /// Rank by meaning with each language's pull taken out (`search::vectors`).
    pub centring: bool,
    /// A word no document holds matches the indexed terms nearest it (`search::typos`).
    pub typos: bool,
    /// Boost of a corrected word's matches (below an exact word's 1).
    pub typo_boost: f32,
}

impl Default for Ranking {
    fn default() -> Self {
        Ranking {
            coordination: 10.0,
            coord_idf: true,
            split_parts: true,
            adjacency: 1.0,
            compounds: true,
            compound_boost: 1.0,
            stop_words: true,
            title_boost: 2.0,
            proximity: 1.0,
            slop: 3,
            k1: 2.0,
            b: 0.3,
            meaning_depth: 50,
            meaning_margin: 0.08,
            fusion_k: 60.0,
            words_weight: 1.5,
            meaning_weight: 1.0,
            centring: true,
            typos: true,
            typo_boost: 0.5,
        }
    }
}

impl Ranking {
    /// Applies `key=value,key=value` over the defaults (`coord=0,compounds=off`).
    pub fn parse(spec: &str) -> Result<Ranking> {
        let mut r = Ranking::default();
        for item in spec.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let (key, value) = item
                .split_once('=')
                .ok_or_else(|| Error::param("--ranking", format!("`{item}` is not key=value")))?;
            let num = || -> Result<f32> {
                value
                    .parse::<f32>()
                    .ok()
                    .filter(|v| v.is_finite() && *v >= 0.0)
                    .ok_or_else(|| {
                        Error::param("--ranking", format!("{key}: `{value}` is not a number ≥ 0"))
                    })
            };
            let flag = || -> Result<bool> {
                match value {
                    "on" | "true" => Ok(true),
                    "off" | "false" => Ok(false),
                    _ => Err(Error::param(
                        "--ranking",
                        format!("{key}: `{value}` is not on/off"),
                    )),
                }
            };
            match key {
                "coord" => r.coordination = num()?,
                "parts" => r.split_parts = flag()?,
                "coord_idf" => r.coord_idf = flag()?,
                "adjacency" => r.adjacency = num()?,
                "compounds" => r.compounds = flag()?,
                "compound_boost" => r.compound_boost = num()?,
                "stop" => r.stop_words = flag()?,
                "title" => r.title_boost = num()?,
                "proximity" => r.proximity = num()?,
                "slop" => r.slop = num()? as u32,
                "k1" => r.k1 = num()?,
                "b" => r.b = num()?.min(1.0),
                "meaning_depth" => r.meaning_depth = num()? as usize,
                "meaning_margin" => r.meaning_margin = num()?,
                "fusion_k" => r.fusion_k = num()?,
                "words_weight" => r.words_weight = num()?,
                "meaning_weight" => r.meaning_weight = num()?,
                "centring" => r.centring = flag()?,
                "typos" => r.typos = flag()?,
                "typo_boost" => r.typo_boost = num()?,
                _ => {
                    return Err(Error::param(
                        "--ranking",
                        format!(
                            "unknown knob `{key}` (coord, coord_idf, parts, adjacency, compounds, compound_boost, stop, title, proximity, slop, k1, b, meaning_depth, meaning_margin, fusion_k, words_weight, meaning_weight, centring, typos, typo_boost)"
                        ),
                    ));
                }
            }
        }
        Ok(r)
    }
}
