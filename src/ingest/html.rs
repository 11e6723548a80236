//! HTML pages: the title, `<meta name="description">`, the pool's `<meta name="FIELD">`
//! conventions and the text of the main content (`<main>`, else `<article>`, else
//! `<body>`), with scripts, styles, navigation, headers and footers dropped. A page
//! nested more than 2,000 levels deep is read with its tags stripped (and its
//! metadata ignored); the others are walked iteratively, so no page can overflow
//! the stack.

use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node, Selector};

use crate::document::Extracted;
use crate::ingest::metadata::{self, RawValue};

/// Elements whose content is never document text.
const DROPPED: [&str; 10] = [
    "script", "style", "nav", "header", "footer", "noscript", "template", "svg", "iframe", "form",
];

/// Elements after which a line ends, so words of adjacent blocks do not merge.
const BLOCKS: [&str; 24] = [
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "table",
    "tr",
    "td",
    "th",
    "br",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "figcaption",
];

/// Deeper nesting than this is not given to the HTML parser: html5ever's tree
/// builder scans its stack of open elements, so a page nested 100,000 levels deep
/// takes minutes. Such a page is read with its tags stripped instead.
pub const MAX_NESTING: usize = 2_000;

/// Extracts text and metadata from an HTML page.
pub fn extract(src: &str) -> Extracted {
    if nesting_depth(src, MAX_NESTING) > MAX_NESTING {
        return Extracted {
            text: tidy(&strip_tags(src)),
            warnings: vec![format!(
                "HTML nested more than {MAX_NESTING} levels deep; read with tags stripped, metadata ignored"
            )],
            ..Extracted::default()
        };
    }
    let html = Html::parse_document(src);
    let mut out = Extracted::default();

    let sel = |s: &str| Selector::parse(s).expect("static selector");
    let title = html
        .select(&sel("title"))
        .next()
        .map(|t| collapse(&t.text().collect::<String>()))
        .filter(|t| !t.is_empty());

    let mut pairs = Vec::new();
    for meta in html.select(&sel("meta[name][content]")) {
        let name = meta
            .attr("name")
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        let content = meta.attr("content").unwrap_or_default().to_string();
        if metadata::KEYS.contains(&name.as_str()) {
            pairs.push((name, RawValue::One(content)));
        }
        // Other <meta> names (viewport, generator, keywords …) are ordinary HTML, not ours.
    }
    let (mut meta, warnings) = metadata::from_pairs(pairs, true);
    out.warnings = warnings;
    if meta.title.is_none() {
        meta.title = title;
    }
    meta.declared_lang = html
        .root_element()
        .attr("lang")
        .and_then(|l| l.split('-').next())
        .and_then(|l| l.parse().ok());
    // `lang` in a <meta> is a hint like <html lang>, not a forced language.
    if let Some(l) = meta.lang.take() {
        meta.declared_lang = Some(l);
    }

    let root = ["main", "article", "body"]
        .iter()
        .find_map(|s| html.select(&sel(s)).next())
        .unwrap_or_else(|| html.root_element());
    out.text = text_of(root);
    if meta.title.is_none() {
        meta.title = html
            .select(&sel("h1"))
            .next()
            .map(|h| collapse(&h.text().collect::<String>()))
            .filter(|t| !t.is_empty());
    }
    out.meta = meta;
    out
}

/// Estimates how deep the HTML tree builder would nest `src`, in one forward pass:
/// a stack of open element names, where a closing tag pops to its matching opener
/// (searched near the top only, so unmatched closers cost little and cannot hide
/// depth), `p`/`li`/`td`/… close their open sibling as HTML's implied end tags do,
/// void and self-closing elements do not nest, and comments, doctype and the
/// content of `script`/`style` are skipped. Stops counting once past `limit`.
pub fn nesting_depth(src: &str, limit: usize) -> usize {
    const VOID: [&str; 14] = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr",
    ];
    const IMPLIED: [&str; 9] = ["p", "li", "td", "th", "tr", "dt", "dd", "option", "tbody"];
    const RAW: [&str; 4] = ["script", "style", "textarea", "title"];
    let bytes = src.as_bytes();
    let n = bytes.len();
    let mut stack: Vec<String> = Vec::new();
    let mut max = 0usize;
    let mut i = 0usize;
    while i < n {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        i += 1;
        if bytes[i..].starts_with(b"!--") {
            i = find(bytes, i + 3, b"-->").map_or(n, |e| e + 3);
            continue;
        }
        if i < n && (bytes[i] == b'!' || bytes[i] == b'?') {
            i = find(bytes, i, b">").map_or(n, |e| e + 1);
            continue;
        }
        let closing = i < n && bytes[i] == b'/';
        if closing {
            i += 1;
        }
        let start = i;
        while i < n && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'-') {
            i += 1;
        }
        if i == start {
            continue;
        }
        let name = src[start..i].to_ascii_lowercase();
        // To the end of the tag, skipping quoted attribute values; one pass, no rescans.
        let mut quote = 0u8;
        let mut self_closing = false;
        while i < n {
            let b = bytes[i];
            if quote != 0 {
                if b == quote {
                    quote = 0;
                }
            } else if b == b'"' || b == b'\'' {
                quote = b;
            } else if b == b'>' {
                self_closing = i > 0 && bytes[i - 1] == b'/';
                break;
            }
            i += 1;
        }
        i += 1;
        if closing {
            if let Some(pos) = stack.iter().rev().take(64).position(|s| *s == name) {
                let keep = stack.len() - pos - 1;
                stack.truncate(keep);
            }
            continue;
        }
        if VOID.contains(&name.as_str()) || self_closing {
            continue;
        }
        if IMPLIED.contains(&name.as_str()) && stack.last().is_some_and(|t| *t == name) {
            stack.pop();
        }
        if RAW.contains(&name.as_str()) {
            let close = format!("</{name}");
            i = find_ignore_case(bytes, i, close.as_bytes()).unwrap_or(n);
            continue;
        }
        stack.push(name);
        max = max.max(stack.len());
        if max > limit {
            break;
        }
    }
    max
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from >= hay.len() {
        return None;
    }
    hay[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

fn find_ignore_case(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from >= hay.len() {
        return None;
    }
    hay[from..]
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|p| p + from)
}

/// Removes everything between `<` and `>`; the fallback for pathological pages.
pub fn strip_tags(src: &str) -> String {
    let mut out = String::with_capacity(src.len() / 2);
    let mut in_tag = false;
    for c in src.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

fn text_of(root: ElementRef<'_>) -> String {
    let mut text = String::new();
    let mut skipping = 0usize;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(e) if DROPPED.contains(&e.name()) => skipping += 1,
                Node::Text(t) if skipping == 0 => {
                    text.push_str(t);
                }
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(e) = node.value() {
                    if DROPPED.contains(&e.name()) {
                        skipping -= 1;
                    } else if skipping == 0 && BLOCKS.contains(&e.name()) {
                        text.push('\n');
                    }
                }
            }
        }
    }
    tidy(&text)
}

/// Collapses runs of spaces inside lines and drops empty lines.
pub fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let line = collapse(line);
        if !line.is_empty() {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out.truncate(out.trim_end().len());
    out
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn main_content_without_navigation_and_scripts() {
        let page = r#"<!doctype html><html lang="da"><head><title>Klyngekortlægning</title>
            <meta name="description" content="Sådan kortlægger man klynger">
            <meta name="type" content="tool"><meta name="country" content="DK,SE">
            <meta name="viewport" content="width=device-width"></head>
            <body><nav>Forside Om os</nav><header>Logo</header>
            <main><h1>Kortlægning</h1><p>Første skridt er statistik.</p><script>var x = 1;</script></main>
            <footer>Kontakt</footer></body></html>"#;
        let out = extract(page);
        assert_eq!(out.meta.title.as_deref(), Some("Klyngekortlægning"));
        assert_eq!(out.meta.doc_type.as_deref(), Some("tool"));
        assert_eq!(out.meta.country, vec!["DK", "SE"]);
        assert_eq!(
            out.meta.description.as_deref(),
            Some("Sådan kortlægger man klynger")
        );
        assert_eq!(out.meta.declared_lang, Some(crate::lang::Lang::Da));
        assert_eq!(out.text, "Kortlægning\nFørste skridt er statistik.");
        assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    }

    #[test]
    fn deeply_nested_page_does_not_overflow() {
        let depth = 100_000;
        let page = format!(
            "<html><body>{}deep word{}</body></html>",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        let out = extract(&page);
        assert_eq!(out.text, "deep word");
        assert_eq!(out.warnings.len(), 1, "{:?}", out.warnings);
        // Ordinary nesting still goes through the real parser.
        let page = format!(
            "<html><body>{}deep word{}</body></html>",
            "<div>".repeat(500),
            "</div>".repeat(500)
        );
        let out = extract(&page);
        assert_eq!(out.text, "deep word");
        assert!(out.warnings.is_empty());
    }

    #[test]
    fn nesting_estimate_is_not_fooled() {
        // Unmatched closers cannot hide depth.
        assert!(nesting_depth(&"<div></x>".repeat(5_000), 2_000) > 2_000);
        assert!(nesting_depth(&"<div title=\"</b>\">".repeat(5_000), 2_000) > 2_000);
        // Thousands of unclosed list items and paragraphs are siblings, not nesting.
        let list = format!("<ul>{}</ul>", "<li>item".repeat(5_000));
        assert!(nesting_depth(&list, 2_000) < 5);
        assert!(nesting_depth(&"<p>para".repeat(5_000), 2_000) < 5);
        // Script text is not markup.
        let script = format!("<script>{}</script><p>x</p>", "if (i<n) {} ".repeat(5_000));
        assert!(nesting_depth(&script, 2_000) < 5);
        // Linear: ten million unterminated tags in well under a test's patience.
        assert!(nesting_depth(&"<a".repeat(2_000_000), 2_000) <= 2_001);
    }
}
