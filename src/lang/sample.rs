//! The part of a document the detector reads: at most [`SAMPLE_CHARS`] characters
//! in up to three windows (opening, middle, closing), cut at word boundaries, so a
//! long document costs no more than a short one and a summary in another language
//! at either end cannot decide alone.

/// How many characters of a document the detector sees at most.
pub const SAMPLE_CHARS: usize = 600;

/// Cuts up to [`SAMPLE_CHARS`] characters into at most three windows (start,
/// middle, end); a text no longer than that is one window.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_is_bounded_and_keeps_short_text_whole() {
        assert_eq!(sample_windows("kort tekst"), vec!["kort tekst"]);
        let long = "vārds ".repeat(10_000);
        let windows = sample_windows(&long);
        assert_eq!(windows.len(), 3);
        assert!(windows.iter().map(|w| w.chars().count()).sum::<usize>() <= SAMPLE_CHARS);
    }
}
