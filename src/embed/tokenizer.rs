//! The e5 tokenizer: XLM-RoBERTa's SentencePiece unigram model as the model file
//! carries it. Text is normalised character by character (the file's table: width
//! and compatibility forms folded, control characters dropped, odd spaces made
//! plain), runs of spaces collapsed, word starts marked with `▁`, and then cut into
//! the pieces whose scores sum highest (Viterbi); a character no piece covers is
//! one `<unk>`. No lowercasing: the model was trained on cased text.

use std::collections::HashMap;

use super::model::VocabData;

/// Longest piece in bytes that is looked up.
const MAX_PIECE_BYTES: usize = 48;

/// Text to model ids.
pub struct Tokenizer {
    ids: HashMap<String, (u32, f32)>,
    normalise: HashMap<char, Vec<char>>,
    unk: u32,
    unk_score: f32,
    /// `<s>`.
    pub bos: u32,
    /// `</s>`.
    pub eos: u32,
}

impl Tokenizer {
    /// The tokenizer of a model file's vocabulary.
    pub fn new(vocab: VocabData) -> Tokenizer {
        let lowest = vocab.scores.iter().copied().fold(0.0f32, f32::min);
        let mut ids = HashMap::with_capacity(vocab.pieces.len());
        for (i, (piece, score)) in vocab.pieces.into_iter().zip(vocab.scores).enumerate() {
            if i as u32 != vocab.unk && !piece.is_empty() {
                ids.entry(piece).or_insert((i as u32, score));
            }
        }
        Tokenizer {
            ids,
            normalise: vocab.normalise,
            unk: vocab.unk,
            unk_score: lowest - 10.0,
            bos: vocab.bos,
            eos: vocab.eos,
        }
    }

    /// The normalised text with word starts marked, as characters.
    fn prepare(&self, text: &str) -> Vec<char> {
        let mut chars: Vec<char> = Vec::with_capacity(text.len() + 1);
        for c in text.chars() {
            match self.normalise.get(&c) {
                Some(to) => chars.extend_from_slice(to),
                None => chars.push(c),
            }
        }
        chars.dedup_by(|a, b| *a == ' ' && *b == ' ');
        if chars.first() != Some(&' ') {
            chars.insert(0, ' ');
        }
        for c in chars.iter_mut() {
            if *c == ' ' {
                *c = '▁';
            }
        }
        chars
    }

    /// The model ids of `text`, without `<s>` and `</s>`.
    pub fn encode(&self, text: &str) -> Vec<u32> {
        let chars = self.prepare(text);
        let n = chars.len();
        // best[i]: the highest score of a cut of chars[..i], and its last piece.
        let mut best: Vec<(f32, usize, u32)> = vec![(f32::NEG_INFINITY, 0, 0); n + 1];
        best[0].0 = 0.0;
        let mut piece = String::with_capacity(MAX_PIECE_BYTES);
        for start in 0..n {
            let here = best[start].0;
            if here == f32::NEG_INFINITY {
                continue;
            }
            piece.clear();
            for (end, c) in chars
                .iter()
                .enumerate()
                .skip(start)
                .map(|(i, c)| (i + 1, c))
            {
                piece.push(*c);
                if piece.len() > MAX_PIECE_BYTES {
                    break;
                }
                if let Some(&(id, score)) = self.ids.get(piece.as_str())
                    && here + score > best[end].0
                {
                    best[end] = (here + score, start, id);
                }
            }
            if here + self.unk_score > best[start + 1].0 {
                best[start + 1] = (here + self.unk_score, start, self.unk);
            }
        }
        let mut out = Vec::new();
        let mut at = n;
        while at > 0 {
            let (_, from, id) = best[at];
            out.push(id);
            at = from;
        }
        out.reverse();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> Tokenizer {
        let pieces = ["<s>", "<pad>", "</s>", "<unk>", "▁ab", "▁a", "b", "c", "▁"];
        let scores = [0.0, 0.0, 0.0, 0.0, -1.0, -2.0, -2.0, -3.0, -4.0];
        Tokenizer::new(VocabData {
            pieces: pieces.iter().map(|s| s.to_string()).collect(),
            scores: scores.to_vec(),
            normalise: HashMap::from([('\t', vec![' ']), ('\u{7}', vec![])]),
            bos: 0,
            eos: 2,
            unk: 3,
        })
    }

    #[test]
    fn the_highest_scoring_cut_wins() {
        // `▁ab` (−1) beats `▁a` + `b` (−4).
        assert_eq!(tiny().encode("ab"), vec![4]);
        assert_eq!(tiny().encode("abc"), vec![4, 7]);
    }

    #[test]
    fn spaces_are_normalised_collapsed_and_mark_word_starts() {
        let t = tiny();
        assert_eq!(t.encode("ab \t  ab"), vec![4, 4]);
        assert_eq!(
            t.encode("a\u{7}b"),
            vec![4],
            "a control character is dropped"
        );
        assert_eq!(t.encode(""), vec![8], "an empty text is one word start");
    }

    #[test]
    fn a_character_no_piece_covers_is_one_unknown() {
        assert_eq!(tiny().encode("abzz"), vec![4, 3, 3]);
    }
}
