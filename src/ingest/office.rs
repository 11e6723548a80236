//! Office documents: PPTX and DOCX (Office Open XML) and ODT and ODP (OpenDocument),
//! all zip containers of XML. Slides keep their order and speaker notes and become
//! sections, so a hit can name its slide; document properties (title, creator,
//! created) become metadata defaults. The zip is read within limits on entry count
//! and total decompressed bytes (zip bombs), and the XML reader never expands
//! entities, so a billion-laughs DTD is inert.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::Event;

use super::Skip;
use super::{Format, Limits};
use crate::document::{Extracted, SectionKind};

/// Extracts a PPTX, DOCX, ODT or ODP file from its bytes.
pub fn extract(format: Format, bytes: &[u8], limits: &Limits) -> Result<Extracted, Skip> {
    let mut zip = Container::open(bytes, limits)?;
    let mut out = Extracted::default();
    match format {
        Format::Pptx => pptx(&mut zip, &mut out)?,
        Format::Docx => {
            let xml = zip.read("word/document.xml")?;
            warn_on_dtd(&xml, "word/document.xml", &mut out);
            out.text = xml_text(&xml, &Dialect::OOXML_WORD)?;
        }
        Format::Odt => {
            let xml = zip.read("content.xml")?;
            warn_on_dtd(&xml, "content.xml", &mut out);
            out.text = xml_text(&xml, &Dialect::ODF)?;
        }
        Format::Odp => odp(&mut zip, &mut out)?,
        _ => return Err(Skip::Unsupported),
    }
    let props = match format {
        Format::Pptx | Format::Docx => zip.read_optional("docProps/core.xml")?,
        _ => zip.read_optional("meta.xml")?,
    };
    if let Some(props) = props {
        properties(&props, &mut out);
    }
    Ok(out)
}

/// A zip archive read within the limits.
struct Container<'a> {
    archive: zip::ZipArchive<Cursor<&'a [u8]>>,
    budget: u64,
}

impl<'a> Container<'a> {
    fn open(bytes: &'a [u8], limits: &Limits) -> Result<Container<'a>, Skip> {
        let archive = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| Skip::Damaged(format!("not a readable zip container: {e}")))?;
        if archive.len() > limits.max_zip_entries {
            return Err(Skip::OverLimit(format!(
                "zip container has {} entries, over the limit of {}",
                archive.len(),
                limits.max_zip_entries
            )));
        }
        Ok(Container {
            archive,
            budget: limits.max_unzipped_bytes,
        })
    }

    fn read_optional(&mut self, name: &str) -> Result<Option<String>, Skip> {
        if self.archive.index_for_name(name).is_none() {
            return Ok(None);
        }
        self.read(name).map(Some)
    }

    /// Reads one entry as UTF-8, charging its real decompressed size to the budget.
    fn read(&mut self, name: &str) -> Result<String, Skip> {
        let budget = self.budget;
        let entry = self
            .archive
            .by_name(name)
            .map_err(|e| Skip::Damaged(format!("zip entry {name}: {e}")))?;
        if entry.size() > budget {
            return Err(Skip::OverLimit(format!(
                "zip entry {name} declares {} bytes, over the decompressed-size limit",
                entry.size()
            )));
        }
        let mut buf = Vec::new();
        // The declared size can lie; the real stream is capped too.
        entry
            .take(budget + 1)
            .read_to_end(&mut buf)
            .map_err(|e| Skip::Damaged(format!("zip entry {name}: {e}")))?;
        if buf.len() as u64 > budget {
            return Err(Skip::OverLimit(format!(
                "zip entries decompress to more than the limit of {} bytes (zip bomb?)",
                self.budget
            )));
        }
        self.budget -= buf.len() as u64;
        String::from_utf8(buf).map_err(|e| {
            Skip::Damaged(format!(
                "zip entry {name} is not UTF-8 at byte offset {}",
                e.utf8_error().valid_up_to()
            ))
        })
    }

    fn names(&self) -> Vec<String> {
        self.archive
            .file_names()
            .filter_map(|n| n.ok().map(|n| n.into_owned()))
            .collect()
    }
}

/// Office parts never need a DTD; one that declares entities is suspect (billion
/// laughs). They are never expanded; the curator hears about it.
fn warn_on_dtd(xml: &str, part: &str, out: &mut Extracted) {
    // Bytes, not a str slice: 64 KiB may fall inside a multi-byte character.
    let head = &xml.as_bytes()[..xml.len().min(64 * 1024)];
    let has = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
    if has(b"<!DOCTYPE") || has(b"<!ENTITY") {
        out.warnings.push(format!(
            "{part} declares a DTD with entities; they were not expanded"
        ));
    }
}

/// Which elements carry text, end paragraphs and stand for whitespace.
struct Dialect {
    /// Text is only taken inside these elements (empty: everywhere).
    text_in: &'static [&'static str],
    /// Elements whose text is never content.
    skip: &'static [&'static str],
    /// Elements after which a line ends.
    paragraph: &'static [&'static str],
    /// Empty elements that stand for a space.
    space: &'static [&'static str],
    /// Empty elements that stand for a line break.
    line_break: &'static [&'static str],
}

impl Dialect {
    const OOXML_WORD: Dialect = Dialect {
        text_in: &["t"],
        skip: &["instrText", "delText"],
        paragraph: &["p", "tr"],
        space: &["tab"],
        line_break: &["br", "cr"],
    };
    const OOXML_SLIDE: Dialect = Dialect {
        text_in: &["t"],
        skip: &[],
        paragraph: &["p"],
        space: &[],
        line_break: &["br"],
    };
    const ODF: Dialect = Dialect {
        text_in: &[],
        skip: &["tracked-changes", "annotation", "notes-configuration"],
        paragraph: &["p", "h", "list-item"],
        space: &["s", "tab"],
        line_break: &["line-break"],
    };
}

fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

/// Collects the text of an XML part. Entity references other than the five XML
/// ones and character references are dropped, never expanded.
fn xml_text(xml: &str, d: &Dialect) -> Result<String, Skip> {
    let mut reader = Reader::from_str(xml);
    let mut out = String::new();
    let mut inside_text = 0usize;
    let mut skipping = 0usize;
    loop {
        let event = reader.read_event().map_err(|e| {
            Skip::Damaged(format!(
                "malformed XML at byte offset {}: {e}",
                reader.buffer_position()
            ))
        })?;
        match event {
            Event::Start(e) => {
                let name = local(e.local_name().into_inner()).to_string();
                if d.skip.contains(&name.as_str()) {
                    skipping += 1;
                }
                if d.text_in.contains(&name.as_str()) {
                    inside_text += 1;
                }
            }
            Event::Empty(e) => {
                let name = local(e.local_name().into_inner());
                if d.space.contains(&name) {
                    out.push(' ');
                } else if d.line_break.contains(&name) {
                    out.push('\n');
                }
            }
            Event::End(e) => {
                let name = local(e.local_name().into_inner()).to_string();
                if d.skip.contains(&name.as_str()) {
                    skipping = skipping.saturating_sub(1);
                }
                if d.text_in.contains(&name.as_str()) {
                    inside_text = inside_text.saturating_sub(1);
                }
                if d.paragraph.contains(&name.as_str()) {
                    out.push('\n');
                }
            }
            Event::Text(t) if skipping == 0 && (d.text_in.is_empty() || inside_text > 0) => {
                out.push_str(&t.xml10_content());
            }
            Event::CData(t) if skipping == 0 && (d.text_in.is_empty() || inside_text > 0) => {
                out.push_str(&t);
            }
            Event::GeneralRef(r) if skipping == 0 && (d.text_in.is_empty() || inside_text > 0) => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    out.push(c);
                } else {
                    match &*r.xml10_content() {
                        "amp" => out.push('&'),
                        "lt" => out.push('<'),
                        "gt" => out.push('>'),
                        "quot" => out.push('"'),
                        "apos" => out.push('\''),
                        _ => {}
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(super::html::tidy(&out))
}

/// `(attribute local name → value)` of every element with a given local name.
fn elements(xml: &str, element: &str) -> Result<Vec<HashMap<String, String>>, Skip> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    loop {
        match reader.read_event().map_err(|e| {
            Skip::Damaged(format!(
                "malformed XML at byte offset {}: {e}",
                reader.buffer_position()
            ))
        })? {
            Event::Start(e) | Event::Empty(e) if local(e.local_name().into_inner()) == element => {
                let mut attrs = HashMap::new();
                for a in e.attributes().flatten() {
                    let key = local(a.key.into_inner()).to_string();
                    let value = a
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .map(|v| v.into_owned())
                        .unwrap_or_default();
                    attrs.insert(key, value);
                }
                out.push(attrs);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// Relationship targets of a part (`Id → Target`), resolved against `base_dir`.
fn relationships(xml: &str, base_dir: &str) -> Result<Vec<(String, String, String)>, Skip> {
    Ok(elements(xml, "Relationship")?
        .into_iter()
        .filter_map(|mut a| {
            let id = a.remove("Id")?;
            let target = a.remove("Target")?;
            let kind = a.remove("Type").unwrap_or_default();
            Some((id, resolve(base_dir, &target), kind))
        })
        .collect())
}

/// Resolves a relative zip path (`../notesSlides/x.xml`) against a directory.
fn resolve(base_dir: &str, target: &str) -> String {
    if let Some(abs) = target.strip_prefix('/') {
        return abs.to_string();
    }
    let mut parts: Vec<&str> = base_dir.split('/').filter(|p| !p.is_empty()).collect();
    for seg in target.split('/') {
        match seg {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    parts.join("/")
}

fn pptx(zip: &mut Container<'_>, out: &mut Extracted) -> Result<(), Skip> {
    let slides = slide_order(zip)?;
    if slides.is_empty() {
        return Err(Skip::Damaged("no slides found in the presentation".into()));
    }
    for (i, slide) in slides.iter().enumerate() {
        let xml = zip.read(slide)?;
        warn_on_dtd(&xml, slide, out);
        let mut text = xml_text(&xml, &Dialect::OOXML_SLIDE)?;
        let (dir, file) = slide.rsplit_once('/').unwrap_or(("", slide));
        let rels_path = format!("{dir}/_rels/{file}.rels");
        if let Some(rels) = zip.read_optional(&rels_path)? {
            for (_, target, kind) in relationships(&rels, dir)? {
                if kind.ends_with("/notesSlide")
                    && let Some(notes) = zip.read_optional(&target)?
                {
                    let notes = xml_text(&notes, &Dialect::OOXML_SLIDE)?;
                    // Notes parts repeat the slide number as a field; drop bare numbers.
                    let notes: Vec<&str> = notes
                        .lines()
                        .filter(|l| !l.trim().chars().all(|c| c.is_ascii_digit()))
                        .collect();
                    if !notes.is_empty() {
                        text.push('\n');
                        text.push_str(&notes.join("\n"));
                    }
                }
            }
        }
        out.push_section(SectionKind::Slide, i as u32 + 1, &text);
    }
    if out.meta.title.is_none() {
        out.meta.title = out
            .sections
            .first()
            .and_then(|s| out.text[s.start..s.end].lines().next())
            .map(str::to_string);
    }
    Ok(())
}

/// Slide parts in presentation order: `presentation.xml`'s slide list through its
/// relationships, or the slide files by number when that list is missing.
fn slide_order(zip: &mut Container<'_>) -> Result<Vec<String>, Skip> {
    if let (Some(pres), Some(rels)) = (
        zip.read_optional("ppt/presentation.xml")?,
        zip.read_optional("ppt/_rels/presentation.xml.rels")?,
    ) {
        let rels: HashMap<String, String> = relationships(&rels, "ppt")?
            .into_iter()
            .map(|(id, target, _)| (id, target))
            .collect();
        let ordered: Vec<String> = elements(&pres, "sldId")?
            .into_iter()
            .filter_map(|a| rels.get(a.get("id")?).cloned())
            .collect();
        if !ordered.is_empty() {
            return Ok(ordered);
        }
    }
    let mut numbered: Vec<(u32, String)> = zip
        .names()
        .into_iter()
        .filter_map(|n| {
            let num = n
                .strip_prefix("ppt/slides/slide")?
                .strip_suffix(".xml")?
                .parse()
                .ok()?;
            Some((num, n))
        })
        .collect();
    numbered.sort();
    Ok(numbered.into_iter().map(|(_, n)| n).collect())
}

fn odp(zip: &mut Container<'_>, out: &mut Extracted) -> Result<(), Skip> {
    let xml = zip.read("content.xml")?;
    warn_on_dtd(&xml, "content.xml", out);
    // Each <draw:page> is a slide: split the part at page boundaries and read each.
    let mut reader = Reader::from_str(&xml);
    let mut pages: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    loop {
        let before = reader.buffer_position() as usize;
        match reader.read_event().map_err(|e| {
            Skip::Damaged(format!(
                "malformed XML at byte offset {}: {e}",
                reader.buffer_position()
            ))
        })? {
            Event::Start(e) if local(e.local_name().into_inner()) == "page" => start = Some(before),
            Event::End(e) if local(e.local_name().into_inner()) == "page" => {
                if let Some(s) = start.take() {
                    pages.push((s, reader.buffer_position() as usize));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if pages.is_empty() {
        return Err(Skip::Damaged("no slides found in the presentation".into()));
    }
    for (i, (s, e)) in pages.into_iter().enumerate() {
        let text = xml_text(&xml[s..e], &Dialect::ODF)?;
        out.push_section(SectionKind::Slide, i as u32 + 1, &text);
    }
    Ok(())
}

/// Title, creator and creation year from `docProps/core.xml` or `meta.xml`.
fn properties(xml: &str, out: &mut Extracted) {
    let mut reader = Reader::from_str(xml);
    let mut current = String::new();
    let mut values: HashMap<String, String> = HashMap::new();
    while let Ok(event) = reader.read_event() {
        match event {
            Event::Start(e) => current = local(e.name().into_inner()).to_string(),
            Event::Text(t) if !current.is_empty() => {
                values
                    .entry(current.clone())
                    .or_default()
                    .push_str(&t.xml10_content());
            }
            Event::End(_) => current.clear(),
            Event::Eof => break,
            _ => {}
        }
    }
    let get = |k: &str| {
        values
            .get(k)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    if let Some(title) = get("title") {
        out.meta.title = Some(title);
    }
    out.meta.author = get("creator").or_else(|| get("initial-creator"));
    if let Some(created) = get("created").or_else(|| get("creation-date")) {
        out.meta.year = created.get(..4).and_then(|y| y.parse().ok());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_are_never_expanded() {
        let xml = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>safe &lol2; text &amp; more</w:t></w:r></w:p></w:body></w:document>"#;
        let text = xml_text(xml, &Dialect::OOXML_WORD).unwrap();
        assert_eq!(text, "safe text & more");
    }

    #[test]
    fn relative_targets_resolve() {
        assert_eq!(
            resolve("ppt/slides", "../notesSlides/notesSlide1.xml"),
            "ppt/notesSlides/notesSlide1.xml"
        );
        assert_eq!(resolve("ppt", "slides/slide2.xml"), "ppt/slides/slide2.xml");
    }
}
