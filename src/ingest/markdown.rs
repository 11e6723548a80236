//! Markdown with YAML front matter: the front matter between `---` lines at the top
//! is the metadata; the rest is rendered to plain text with `pulldown-cmark`, and
//! the first level-one heading is the title when the front matter names none.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::document::Extracted;
use crate::ingest::metadata;

/// The top of a Markdown file: front matter or not.
pub enum FrontMatter<'a> {
    /// No front matter; the whole file is the body.
    None,
    /// YAML between the fences, and the body after them.
    Closed(&'a str, &'a str),
    /// An opening `---` with no closing fence.
    Unclosed,
}

/// Splits a document into its front matter (without the fences) and its body.
pub fn split_front_matter(src: &str) -> FrontMatter<'_> {
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let Some(rest) = src
        .strip_prefix("---")
        .and_then(|r| r.strip_prefix("\r\n").or_else(|| r.strip_prefix('\n')))
    else {
        return FrontMatter::None;
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            return FrontMatter::Closed(&rest[..offset], &rest[offset + line.len()..]);
        }
        offset += line.len();
    }
    FrontMatter::Unclosed
}

/// Extracts text and metadata from a Markdown file.
pub fn extract(src: &str) -> Extracted {
    let mut out = Extracted::default();
    let body = match split_front_matter(src) {
        FrontMatter::None => src,
        FrontMatter::Unclosed => {
            out.warnings.push(
                "front matter: opening `---` has no closing `---` line; metadata ignored, file read as text"
                    .to_string(),
            );
            src
        }
        FrontMatter::Closed(yaml, body) => {
            match metadata::from_yaml(yaml) {
                Ok((meta, warnings)) => {
                    out.meta = meta;
                    out.warnings.extend(warnings);
                }
                Err(e) => out
                    .warnings
                    .push(format!("front matter: {e}; metadata ignored")),
            }
            body
        }
    };
    let (text, h1) = render(body);
    out.text = text;
    if out.meta.title.is_none() {
        out.meta.title = h1;
    }
    out
}

/// Renders Markdown to plain text; returns the text and the first H1.
fn render(body: &str) -> (String, Option<String>) {
    let mut text = String::with_capacity(body.len());
    let mut h1: Option<String> = None;
    let mut in_h1 = false;
    let mut h1_text = String::new();
    for event in Parser::new_ext(body, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Text(t) | Event::Code(t) => {
                if in_h1 {
                    h1_text.push_str(&t);
                }
                text.push_str(&t);
            }
            Event::SoftBreak => text.push(' '),
            Event::HardBreak => text.push('\n'),
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            }) => in_h1 = true,
            Event::End(TagEnd::TableCell) => text.push(' '),
            Event::End(TagEnd::Heading(level)) => {
                if level == HeadingLevel::H1 && in_h1 {
                    in_h1 = false;
                    if h1.is_none() && !h1_text.trim().is_empty() {
                        h1 = Some(h1_text.trim().to_string());
                    }
                }
                text.push('\n');
            }
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::TableHead
                | TagEnd::TableRow
                | TagEnd::CodeBlock
                | TagEnd::BlockQuote(_),
            ) => {
                text.push('\n');
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                // Raw HTML in Markdown is rare in the pool; keep its words, drop its tags.
                if super::html::nesting_depth(&h, super::html::MAX_NESTING)
                    > super::html::MAX_NESTING
                {
                    text.push_str(&super::html::strip_tags(&h));
                } else {
                    let fragment = scraper::Html::parse_fragment(&h);
                    text.push_str(&fragment.root_element().text().collect::<String>());
                }
            }
            _ => {}
        }
    }
    (super::html::tidy(&text), h1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_and_text() {
        let out = extract(
            "---\ntitle: Biedru aptauja\ntype: tool\n---\n# Ievads\n\nKlasteru **biedri** atbild.\n\n- viens\n- divi\n",
        );
        assert_eq!(out.meta.title.as_deref(), Some("Biedru aptauja"));
        assert_eq!(out.text, "Ievads\nKlasteru biedri atbild.\nviens\ndivi");
        assert!(out.warnings.is_empty());
    }

    #[test]
    fn tables_become_rows_of_text() {
        let out = extract("| Avots | Dati |\n|---|---|\n| CSP | nodarbinātība |\n");
        assert_eq!(out.text, "Avots Dati\nCSP nodarbinātība");
    }

    #[test]
    fn title_falls_back_to_first_heading() {
        let out = extract("# Cluster mapping\n\nText.");
        assert_eq!(out.meta.title.as_deref(), Some("Cluster mapping"));
    }

    #[test]
    fn malformed_front_matter_is_a_warning_and_text_survives() {
        let out = extract("---\ntitle: [unclosed\n---\nBody words here.\n");
        assert_eq!(out.text, "Body words here.");
        assert_eq!(out.warnings.len(), 1);
        assert!(
            out.warnings[0].contains("front matter"),
            "{:?}",
            out.warnings
        );
    }
}
