//! Plain text: the file is the text. Metadata comes from a sidecar; without one the
//! first line is the title when it looks like one.

use crate::document::Extracted;

/// Extracts a plain-text file.
pub fn extract(src: &str) -> Extracted {
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let mut out = Extracted {
        text: super::html::tidy(src),
        ..Extracted::default()
    };
    out.meta.title = out
        .text
        .lines()
        .next()
        .map(str::trim)
        .filter(|l| !l.is_empty() && l.chars().count() <= 120)
        .map(str::to_string);
    out
}
