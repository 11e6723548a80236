//! A document cut into passages, the units that are embedded and that a match by
//! meaning points at: each slide or page is a passage of its own (so a hit names
//! it), and running text is cut at blank lines into passages of about
//! [`TARGET_BYTES`] characters, a long paragraph at the last space before the limit.
//! A passage is a byte range of the document's text, so it costs nothing to store
//! beyond its vector, and the snippet of a match by meaning is that range.

use crate::document::{Document, Section};

/// About how long a passage is, in bytes of UTF-8 (1000 characters of Latin
/// script, 500 of Cyrillic): some 200–300 of the model's pieces in the region's
/// languages, well inside its 512-piece window, and short enough
/// that a snippet of it says what matched.
pub const TARGET_BYTES: usize = 1000;

/// At most this many passages of one document are embedded (about 128 000
/// bytes); the rest of a longer text is found by its words only. Without a
/// bound one 500-page report would hold up a run for minutes.
pub const MAX_PASSAGES: usize = 128;

/// A byte range of a document's text, and the slide or page it lies on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    /// First byte in the document's text.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Index into the document's sections, when it is a slide or page.
    pub section: Option<usize>,
}

/// The passages of a document, in text order, at most [`MAX_PASSAGES`].
pub fn split(doc: &Document) -> Vec<Span> {
    let mut out = Vec::new();
    if doc.sections.is_empty() {
        cut(&doc.text, 0, doc.text.len(), None, &mut out);
    } else {
        for (i, Section { start, end, .. }) in doc.sections.iter().enumerate() {
            cut(&doc.text, *start, *end, Some(i), &mut out);
        }
    }
    out.retain(|s| !doc.text[s.start..s.end].trim().is_empty());
    out.truncate(MAX_PASSAGES);
    out
}

/// The text a passage is embedded as: the title first, since a slide or a
/// paragraph alone rarely says what the document is about.
pub fn embedding_text(doc: &Document, span: &Span) -> String {
    let body = doc.text[span.start..span.end].trim();
    match doc.meta.title.as_deref().map(str::trim) {
        Some(title) if !title.is_empty() && !body.starts_with(title) => format!("{title}\n{body}"),
        _ => body.to_string(),
    }
}

/// Cuts `text[start..end]` into passages: paragraphs (split at blank lines)
/// gathered up to the target length; one paragraph longer than that cut at spaces.
fn cut(text: &str, start: usize, end: usize, section: Option<usize>, out: &mut Vec<Span>) {
    let mut open: Option<(usize, usize)> = None;
    for (p_start, p_end) in paragraphs(text, start, end) {
        if let Some((s, e)) = open {
            if p_end - s <= TARGET_BYTES {
                open = Some((s, p_end));
                continue;
            }
            out.push(Span {
                start: s,
                end: e,
                section,
            });
            open = None;
        }
        if p_end - p_start <= TARGET_BYTES {
            open = Some((p_start, p_end));
        } else {
            windows(text, p_start, p_end, section, out);
        }
    }
    if let Some((s, e)) = open {
        out.push(Span {
            start: s,
            end: e,
            section,
        });
    }
}

/// The paragraphs of `text[start..end]` as byte ranges (blank lines between).
fn paragraphs(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut at = start;
    let slice = &text[start..end];
    for part in slice.split("\n\n") {
        let s = at;
        let e = at + part.len();
        at = e + 2;
        let lead = part.len() - part.trim_start().len();
        let trail = part.len() - part.trim_end().len();
        if s + lead < e - trail {
            out.push((s + lead, e - trail));
        }
    }
    out
}

/// A long paragraph in windows of at most the target length, each ending at the
/// last whitespace before it (or at a character boundary when there is none).
fn windows(text: &str, start: usize, end: usize, section: Option<usize>, out: &mut Vec<Span>) {
    let mut s = start;
    while s < end {
        let mut e = (s + TARGET_BYTES).min(end);
        while !text.is_char_boundary(e) {
            e -= 1;
        }
        if e < end
            && let Some(space) = text[s..e].rfind(char::is_whitespace)
            && space > TARGET_BYTES / 2
        {
            e = s + space;
        }
        out.push(Span {
            start: s,
            end: e,
            section,
        });
        s = e;
        while s < end && text[s..].starts_with(char::is_whitespace) {
            s += text[s..].chars().next().map_or(1, char::len_utf8);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Metadata, SectionKind};
    use crate::lang::Lang;

    fn doc(text: &str, sections: Vec<Section>) -> Document {
        Document {
            id: "a.md".into(),
            format: "markdown",
            meta: Metadata {
                title: Some("Title".into()),
                ..Metadata::default()
            },
            text: text.into(),
            sections,
            lang: Lang::En,
            lang_confidence: 1.0,
            hash: String::new(),
            concepts: Vec::new(),
            passages: Vec::new(),
        }
    }

    #[test]
    fn short_paragraphs_gather_into_one_passage_and_long_text_is_cut_at_spaces() {
        let d = doc("One.\n\nTwo.\n\nThree.", Vec::new());
        let spans = split(&d);
        assert_eq!(spans.len(), 1);
        assert_eq!(
            &d.text[spans[0].start..spans[0].end],
            "One.\n\nTwo.\n\nThree."
        );

        let long = "word ".repeat(500);
        let d = doc(long.trim(), Vec::new());
        let spans = split(&d);
        assert!(spans.len() >= 3, "{spans:?}");
        for s in &spans {
            let t = &d.text[s.start..s.end];
            assert!(t.len() <= TARGET_BYTES && !t.starts_with(' ') && !t.ends_with(' '));
            assert!(
                t.split(' ').all(|w| w == "word"),
                "cut inside a word: {t:?}"
            );
        }
    }

    #[test]
    fn every_slide_is_a_passage_of_its_own_and_empty_ones_are_dropped() {
        let text = "First slide\n\n\n\nThird slide";
        let sections = vec![
            Section {
                kind: SectionKind::Slide,
                number: 1,
                start: 0,
                end: 11,
            },
            Section {
                kind: SectionKind::Slide,
                number: 2,
                start: 13,
                end: 13,
            },
            Section {
                kind: SectionKind::Slide,
                number: 3,
                start: 15,
                end: 26,
            },
        ];
        let d = doc(text, sections);
        let spans = split(&d);
        assert_eq!(spans.len(), 2);
        assert_eq!(spans[0].section, Some(0));
        assert_eq!(spans[1].section, Some(2));
        assert_eq!(embedding_text(&d, &spans[1]), "Title\nThird slide");
    }

    #[test]
    fn multibyte_text_is_cut_on_character_boundaries() {
        let text = "ā".repeat(1500);
        let d = doc(&text, Vec::new());
        let spans = split(&d);
        assert_eq!(spans.len(), 3, "3000 bytes");
        assert_eq!(
            spans.iter().map(|s| s.end - s.start).sum::<usize>(),
            text.len()
        );
    }
}
