#!/usr/bin/env python3
"""Build the binary part of the clusterpool corpus (PPTX decks, PDF reports and
DOCX, ODT and ODP office documents) from the YAML sources in
scripts/corpus-binaries/content/, and the small format fixtures used by the
extractor tests.

    python3 scripts/corpus-binaries/build.py              # corpus files
    python3 scripts/corpus-binaries/build.py --fixtures   # tests/fixtures/formats
    python3 scripts/corpus-binaries/build.py --all        # both
    python3 scripts/corpus-binaries/build.py --check      # validate the YAML only
    python3 scripts/corpus-binaries/build.py --only 'lv-*'  # some documents only

Run from the repository root. The output is deterministic: dates come from the
YAML (or are fixed for the fixtures), zip entries get fixed timestamps and the
PDFs are written in ReportLab's invariant mode, so re-running the script
produces byte-identical files.
"""

import argparse
import datetime as dt
import fnmatch
import glob
import io
import os
import re
import sys
import zipfile
from xml.sax.saxutils import escape

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
CONTENT = os.path.join(HERE, "content")
REPO = os.path.dirname(os.path.dirname(HERE))  # sidecars name sources relative to this

GENERATOR = "clusterpool scripts/corpus-binaries/build.py"

# fixed date and author of the extractor test fixtures
FIXTURE_DATE = dt.datetime(2020, 1, 15, 12, 0, 0)
FIXTURE_AUTHOR = "clusterpool test suite"

FONT_DIRS = [
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/dejavu",
    "/usr/local/share/fonts",
    os.path.expanduser("~/.fonts"),
]

# --------------------------------------------------------------------------
# metadata vocabulary (see corpus/README.md)

TYPES = {"case-study", "presentation", "tool", "programme", "training-module", "other"}
AUDIENCES = {"facilitator", "policy", "business-support"}
MODULES = {"basic-1", "basic-2", "advanced-1", "advanced-2", "advanced-3",
           "programme-1", "programme-2", "programme-3"}
TOPICS = {
    "cluster-management", "cluster-mapping", "member-survey", "benchmarking",
    "cluster-labels", "facilitation", "matchmaking", "internationalisation",
    "project-development", "evaluation", "strategy", "financing", "policy-design",
    "smart-specialisation", "triple-helix", "value-chains", "skills",
    "digitalisation", "green-transition", "communication",
    "transnational-cooperation", "funding-calls",
}
LANGS = {"en", "da", "sv", "no", "fi", "et", "lv", "lt", "pl", "de", "ru", "fr"}
META_ORDER = ["title", "type", "country", "organisation", "topics", "audience",
              "module", "year", "source_url", "languages"]

# label of the summary box in the PDFs, per language of the document
SUMMARY_LABEL = {
    "en": "In brief", "da": "Kort fortalt", "sv": "I korthet", "lv": "Īsumā",
    "lt": "Trumpai", "et": "Lühidalt", "pl": "W skrócie", "fi": "Lyhyesti",
    "de": "Auf einen Blick", "no": "Kort fortalt", "ru": "Кратко", "fr": "En bref",
}

# language and country written into the office documents (spell-check language)
LOCALE = {
    "en": ("en", "GB"), "da": ("da", "DK"), "sv": ("sv", "SE"), "no": ("nb", "NO"),
    "fi": ("fi", "FI"), "et": ("et", "EE"), "lv": ("lv", "LV"), "lt": ("lt", "LT"),
    "pl": ("pl", "PL"), "de": ("de", "DE"), "ru": ("ru", "RU"), "fr": ("fr", "FR"),
}

# office documents (content/docs): formats, target folders and limits
DOC_FORMATS = {"docx", "odt", "odp"}
DOC_FOLDERS = {"tools", "reports", "programmes", "case-studies", "modules"}
DOC_BLOCKS = {"p", "ul", "ol"}
DOC_WORDS = (350, 900)
ODP_SLIDES = (6, 9)
ODP_BULLETS = (3, 7)
SIZE_LIMIT = {"pptx": 200 * 1024, "pdf": 200 * 1024,
              "docx": 100 * 1024, "odt": 100 * 1024, "odp": 100 * 1024}


class ContentError(Exception):
    pass


def words(text):
    return len(str(text).split())


def validate_meta(name, meta, kind):
    errs = []
    for key in ("title", "type", "country", "organisation", "topics", "audience", "year"):
        if key not in meta:
            errs.append(f"missing {key}")
    for key in meta:
        if key not in META_ORDER:
            errs.append(f"unknown key {key}")
    if meta.get("type") not in TYPES:
        errs.append(f"bad type {meta.get('type')!r}")
    if kind == "deck" and meta.get("type") != "presentation":
        errs.append("decks must have type presentation")
    for c in meta.get("country", []):
        if not re.fullmatch(r"[A-Z]{2}", str(c)):
            errs.append(f"bad country {c!r}")
    for o in meta.get("organisation", []):
        if "," in str(o):
            errs.append(f"comma in organisation {o!r}")
    topics = meta.get("topics", [])
    if not 1 <= len(topics) <= 4:
        errs.append("need 1-4 topics")
    for t in topics:
        if t not in TOPICS:
            errs.append(f"bad topic {t!r}")
    for a in meta.get("audience", []):
        if a not in AUDIENCES:
            errs.append(f"bad audience {a!r}")
    if "module" in meta and meta["module"] not in MODULES:
        errs.append(f"bad module {meta['module']!r}")
    year = meta.get("year")
    if not isinstance(year, int) or not 2008 <= year <= 2025:
        errs.append(f"bad year {year!r}")
    for key in ("country", "organisation", "topics", "audience"):
        if key in meta and (not isinstance(meta[key], list) or not meta[key]):
            errs.append(f"{key} must be a non-empty list")
    if errs:
        raise ContentError(f"{name}: " + "; ".join(errs))


def deck_words(doc):
    n = 0
    for s in doc["slides"]:
        n += words(s["title"]) + sum(words(b) for b in s["bullets"]) + words(s.get("notes", ""))
    return n


def report_words(doc):
    n = words(doc["meta"]["title"]) + words(doc.get("subtitle", ""))
    n += sum(words(x) for x in doc.get("summary", []))
    for sec in doc["sections"]:
        n += words(sec["heading"])
        for block in sec["body"]:
            (kind, val), = block.items()
            if kind == "p":
                n += words(val)
            elif kind in ("ul", "ol"):
                n += sum(words(x) for x in val)
            elif kind == "table":
                n += sum(words(c) for row in val for c in row)
    return n


def check_blocks(name, sections, allowed):
    if not isinstance(sections, list) or not sections:
        raise ContentError(f"{name}: sections must be a non-empty list")
    for i, sec in enumerate(sections, 1):
        if not sec.get("heading") or not isinstance(sec.get("body"), list) or not sec["body"]:
            raise ContentError(f"{name}: section {i} needs a heading and a non-empty body")
        if sec.get("level", 1) not in (1, 2):
            raise ContentError(f"{name}: section {i}: level must be 1 or 2")
        for block in sec["body"]:
            if not isinstance(block, dict) or len(block) != 1:
                raise ContentError(f"{name}: section {i}: each block is one of {sorted(allowed)}")
            (kind, val), = block.items()
            if kind not in allowed:
                raise ContentError(f"{name}: section {i}: block {kind!r}, allowed {sorted(allowed)}")
            if kind in ("ul", "ol") and (not isinstance(val, list) or not val):
                raise ContentError(f"{name}: section {i}: {kind} must be a non-empty list")


def check_document(doc):
    """content/docs: DOCX and ODT texts, ODP slide decks."""
    name, fmt = doc["name"], doc.get("format")
    if fmt not in DOC_FORMATS:
        raise ContentError(f"{name}: format must be one of {sorted(DOC_FORMATS)}")
    if fmt == "odp":
        validate_meta(name, doc["meta"], "deck")
        if doc.get("folder", "presentations") != "presentations":
            raise ContentError(f"{name}: ODP decks go to presentations")
        doc["folder"] = "presentations"
        slides = doc.get("slides") or []
        lo, hi = ODP_SLIDES
        if not lo <= len(slides) <= hi:
            raise ContentError(f"{name}: {len(slides)} slides, need {lo}-{hi}")
        for i, s in enumerate(slides, 1):
            if not s.get("title"):
                raise ContentError(f"{name}: slide {i} has no title")
            blo, bhi = ODP_BULLETS
            if not blo <= len(s.get("bullets") or []) <= bhi:
                raise ContentError(f"{name}: slide {i} needs {blo}-{bhi} bullets")
        n = deck_words(doc)
    else:
        validate_meta(name, doc["meta"], "document")
        if doc.get("folder") not in DOC_FOLDERS:
            raise ContentError(f"{name}: folder must be one of {sorted(DOC_FOLDERS)}")
        check_blocks(name, doc.get("sections"), DOC_BLOCKS)
        if not any("ul" in b for sec in doc["sections"] for b in sec["body"]):
            raise ContentError(f"{name}: needs at least one bulleted list (ul)")
        n = report_words(doc)
    lo, hi = DOC_WORDS
    if not lo <= n <= hi:
        raise ContentError(f"{name}: {n} words, need {lo}-{hi}")
    return n


def load_documents():
    docs = []
    for kind, sub in (("deck", "decks"), ("report", "reports"), ("document", "docs")):
        for path in sorted(glob.glob(os.path.join(CONTENT, sub, "*.yaml"))):
            try:
                with open(path, encoding="utf-8") as fh:
                    doc = yaml.safe_load(fh)
            except yaml.YAMLError as e:
                raise ContentError(f"{path}: invalid YAML: {e}")
            if not isinstance(doc, dict):
                raise ContentError(f"{path}: not a YAML mapping")
            name = doc.get("name", "")
            base = os.path.splitext(os.path.basename(path))[0]
            if doc.get("kind") != kind:
                raise ContentError(f"{path}: kind must be {kind}")
            if name != base:
                raise ContentError(f"{path}: name {name!r} must match the file name")
            if not re.fullmatch(r"[a-z]{2}-[a-z0-9-]+", name):
                raise ContentError(f"{path}: name must be <lang>-<ascii-slug>")
            if name[:2] not in LANGS:
                raise ContentError(f"{path}: unknown language prefix")
            if not isinstance(doc.get("created"), dt.datetime) or doc["created"].year < 1980:
                raise ContentError(f"{path}: created must be a timestamp like 2014-05-01T10:00:00")
            if not isinstance(doc.get("meta"), dict):
                raise ContentError(f"{path}: meta must be a mapping")
            doc["_path"] = path
            if kind == "deck":
                validate_meta(name, doc["meta"], kind)
                slides = doc["slides"]
                if not 8 <= len(slides) <= 14:
                    raise ContentError(f"{name}: {len(slides)} slides, need 8-14")
                for i, s in enumerate(slides, 1):
                    if not 3 <= len(s["bullets"]) <= 6:
                        raise ContentError(f"{name}: slide {i} has {len(s['bullets'])} bullets, need 3-6")
                with_notes = sum(1 for s in slides if s.get("notes"))
                if with_notes * 2 <= len(slides):
                    raise ContentError(f"{name}: most slides need speaker notes")
                n = deck_words(doc)
                if not 300 <= n <= 900:
                    raise ContentError(f"{name}: {n} words, need 300-900")
            elif kind == "report":
                validate_meta(name, doc["meta"], kind)
                n = report_words(doc)
                if not 350 <= n <= 1000:
                    raise ContentError(f"{name}: {n} words, need 350-1000")
            else:
                n = check_document(doc)
            doc["_words"] = n
            docs.append(doc)
    names = [d["name"] for d in docs]
    if len(set(names)) != len(names):
        raise ContentError("duplicate document names")
    return docs


# --------------------------------------------------------------------------
# helpers: deterministic zips, sidecars, atomic writes

def write_bytes(path, data):
    """Write only when the content differs, so reruns leave files untouched."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if os.path.exists(path):
        with open(path, "rb") as fh:
            if fh.read() == data:
                return False
    tmp = path + ".tmp"
    with open(tmp, "wb") as fh:
        fh.write(data)
    os.replace(tmp, path)
    return True


def normalise_zip(data, when):
    """Rewrite a zip (OOXML/ODF package) with fixed timestamps and attributes."""
    date_time = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            blob = src.read(info.filename)
            zi = zipfile.ZipInfo(info.filename, date_time=date_time)
            zi.compress_type = zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zi.create_system = 3
            dst.writestr(zi, blob)
    return out.getvalue()


def sidecar_text(meta, source):
    ordered = {k: meta[k] for k in META_ORDER if k in meta}
    body = yaml.safe_dump(ordered, sort_keys=False, allow_unicode=True,
                          default_flow_style=None, width=1000)
    return (f"{SIDECAR_MARK} from {source}; edit that file, not this one\n"
            + body)


def authors(meta):
    return ", ".join(meta["organisation"])


# --------------------------------------------------------------------------
# PPTX

def pptx_bytes(title, author, created, slides, keywords=""):
    from pptx import Presentation
    from pptx.util import Pt

    prs = Presentation()
    layout = prs.slide_layouts[1]  # Title and Content
    for s in slides:
        slide = prs.slides.add_slide(layout)
        slide.shapes.title.text = s["title"]
        if len(s["title"]) > 45:
            for p in slide.shapes.title.text_frame.paragraphs:
                for r in p.runs:
                    r.font.size = Pt(30)
        body = slide.placeholders[1].text_frame
        size = Pt(22) if len(s["bullets"]) <= 4 else Pt(20)
        for i, bullet in enumerate(s["bullets"]):
            para = body.paragraphs[0] if i == 0 else body.add_paragraph()
            para.text = bullet
            for r in para.runs:
                r.font.size = size
        if s.get("notes"):
            slide.notes_slide.notes_text_frame.text = s["notes"]
    cp = prs.core_properties
    cp.title = title
    cp.author = author
    cp.last_modified_by = author
    cp.created = created
    cp.modified = created
    cp.revision = 1
    cp.subject = ""
    cp.keywords = keywords
    cp.comments = ""
    cp.category = ""
    buf = io.BytesIO()
    prs.save(buf)
    return normalise_zip(buf.getvalue(), created)


# --------------------------------------------------------------------------
# PDF

_fonts_done = False


def find_font(filename):
    for d in FONT_DIRS:
        p = os.path.join(d, filename)
        if os.path.exists(p):
            return p
    raise SystemExit(f"font {filename} not found; install fonts-dejavu-core "
                     f"(apt-get install -y fonts-dejavu-core)")


def register_fonts():
    global _fonts_done
    if _fonts_done:
        return
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.lib.fonts import addMapping

    pdfmetrics.registerFont(TTFont("DejaVuSans", find_font("DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", find_font("DejaVuSans-Bold.ttf")))
    addMapping("DejaVuSans", 0, 0, "DejaVuSans")
    addMapping("DejaVuSans", 1, 0, "DejaVuSans-Bold")
    addMapping("DejaVuSans", 0, 1, "DejaVuSans")
    addMapping("DejaVuSans", 1, 1, "DejaVuSans-Bold")
    _fonts_done = True


def pdf_styles():
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib import colors

    base = ParagraphStyle("body", fontName="DejaVuSans", fontSize=10.5, leading=15.5,
                          spaceAfter=7)
    return {
        "body": base,
        "title": ParagraphStyle("title", parent=base, fontName="DejaVuSans-Bold",
                                fontSize=19, leading=24, spaceAfter=6,
                                textColor=colors.HexColor("#123a5a")),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=11.5, leading=15,
                                   textColor=colors.HexColor("#4a5a68"), spaceAfter=2),
        "byline": ParagraphStyle("byline", parent=base, fontSize=9.5, leading=13,
                                 textColor=colors.HexColor("#4a5a68"), spaceAfter=14),
        "h2": ParagraphStyle("h2", parent=base, fontName="DejaVuSans-Bold", fontSize=13,
                             leading=17, spaceBefore=12, spaceAfter=6, keepWithNext=1,
                             textColor=colors.HexColor("#123a5a")),
        "boxhead": ParagraphStyle("boxhead", parent=base, fontName="DejaVuSans-Bold",
                                  fontSize=11, spaceAfter=4),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9.5, leading=13, spaceAfter=0),
        "cellhead": ParagraphStyle("cellhead", parent=base, fontName="DejaVuSans-Bold",
                                   fontSize=9.5, leading=13, spaceAfter=0),
        "item": ParagraphStyle("item", parent=base, spaceAfter=3),
    }


def _list_flowable(items, styles, ordered):
    from reportlab.platypus import ListFlowable, ListItem, Paragraph

    extra = {"bulletFormat": "%s."} if ordered else {}
    return ListFlowable(
        [ListItem(Paragraph(escape(str(x)), styles["item"]), leftIndent=16) for x in items],
        bulletType="1" if ordered else "bullet",
        start="1" if ordered else "\u2022",
        **extra,
        bulletFontName="DejaVuSans",
        bulletFontSize=10,
        leftIndent=16,
        spaceAfter=6,
    )


def _table_flowable(rows, styles, width):
    from reportlab.platypus import Table, TableStyle, Paragraph
    from reportlab.lib import colors

    ncols = len(rows[0])
    data = []
    for r, row in enumerate(rows):
        st = styles["cellhead"] if r == 0 else styles["cell"]
        data.append([Paragraph(escape(str(c)), st) for c in row])
    # first column narrower when it holds short labels
    first_len = max(len(str(row[0])) for row in rows)
    if ncols > 1 and first_len <= 24:
        first = width * (0.22 if ncols > 2 else 0.34)
        rest = (width - first) / (ncols - 1)
        widths = [first] + [rest] * (ncols - 1)
    else:
        widths = [width / ncols] * ncols
    t = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    t.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dce6ee")),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#9aa9b5")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]))
    return t


def pdf_bytes(title, author, created, story_fn, subject="", keywords=""):
    """Render a PDF with fixed creation date. story_fn(styles, width) -> flowables."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import SimpleDocTemplate

    register_fonts()
    styles = pdf_styles()
    margin = 2.4 * cm
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf, pagesize=A4, leftMargin=margin, rightMargin=margin,
        topMargin=2.2 * cm, bottomMargin=2.2 * cm,
        title=title, author=author, subject=subject, keywords=keywords,
        creator=GENERATOR, invariant=1,
    )
    width = A4[0] - 2 * margin

    def footer(canvas, d):
        canvas.saveState()
        canvas.setFont("DejaVuSans", 8)
        canvas.setFillGray(0.4)
        canvas.drawRightString(A4[0] - margin, 1.3 * cm, str(d.page))
        canvas.restoreState()

    # ReportLab takes the document date from SOURCE_DATE_EPOCH in invariant mode
    epoch = int(created.replace(tzinfo=dt.timezone.utc).timestamp())
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        doc.build(story_fn(styles, width), onFirstPage=footer, onLaterPages=footer)
    finally:
        if old is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old
    return buf.getvalue()


def report_story(doc):
    from reportlab.platypus import Paragraph, Table, TableStyle, Spacer
    from reportlab.lib import colors

    meta = doc["meta"]
    lang = doc["name"][:2]

    def story(styles, width):
        out = [Paragraph(escape(meta["title"]), styles["title"])]
        if doc.get("subtitle"):
            out.append(Paragraph(escape(doc["subtitle"]), styles["subtitle"]))
        out.append(Paragraph(escape(f"{authors(meta)} \u00b7 {meta['year']}"), styles["byline"]))
        if doc.get("summary"):
            inner = [Paragraph(escape(SUMMARY_LABEL.get(lang, "Summary")), styles["boxhead"]),
                     _list_flowable(doc["summary"], styles, ordered=False)]
            box = Table([[inner]], colWidths=[width], hAlign="LEFT")
            box.setStyle(TableStyle([
                ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#eef3f7")),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                ("TOPPADDING", (0, 0), (-1, -1), 8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]))
            out += [box, Spacer(1, 6)]
        for sec in doc["sections"]:
            out.append(Paragraph(escape(sec["heading"]), styles["h2"]))
            for block in sec["body"]:
                (kind, val), = block.items()
                if kind == "p":
                    out.append(Paragraph(escape(val), styles["body"]))
                elif kind in ("ul", "ol"):
                    out.append(_list_flowable(val, styles, ordered=(kind == "ol")))
                elif kind == "table":
                    out += [_table_flowable(val, styles, width), Spacer(1, 8)]
                else:
                    raise ContentError(f"{doc['name']}: unknown block {kind}")
        return out

    return story


# --------------------------------------------------------------------------
# DOCX, ODT and ODP (content/docs)

def locale_tag(lang):
    language, country = LOCALE[lang]
    return f"{language}-{country}"


def _docx_numbered(d, paragraphs):
    """Give a numbered list its own numbering instance so that it starts at 1."""
    numbering = d.part.numbering_part.numbering_definitions._numbering
    style_num = d.styles["List Number"].element.pPr.numPr.numId.val
    abstract = numbering.num_having_numId(style_num).abstractNumId.val
    num = numbering.add_num(abstract)
    num.add_lvlOverride(ilvl=0).add_startOverride(1)
    for para in paragraphs:
        num_pr = para._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = 0
        num_pr.get_or_add_numId().val = num.numId


def docx_bytes(doc):
    """A Word document: Title and Subtitle styles, Heading 1/2 for the sections,
    List Bullet / List Number for lists, core properties from the YAML."""
    from docx import Document
    from docx.oxml.ns import qn

    meta, created = doc["meta"], doc["created"]
    tag = locale_tag(doc["name"][:2])
    d = Document()
    # document language (spell checking, hyphenation) in the default run properties
    for lang_el in d.styles.element.iter(qn("w:lang")):
        lang_el.set(qn("w:val"), tag)
    d.add_heading(meta["title"], level=0)
    if doc.get("subtitle"):
        d.add_paragraph(doc["subtitle"], style="Subtitle")
    d.add_paragraph(f"{authors(meta)} \u00b7 {meta['year']}")
    for sec in doc["sections"]:
        d.add_heading(sec["heading"], level=sec.get("level", 1))
        for block in sec["body"]:
            (kind, val), = block.items()
            if kind == "p":
                d.add_paragraph(val)
            elif kind == "ul":
                for item in val:
                    d.add_paragraph(str(item), style="List Bullet")
            elif kind == "ol":
                _docx_numbered(d, [d.add_paragraph(str(item), style="List Number")
                                   for item in val])
    author = authors(meta)
    cp = d.core_properties
    cp.title = meta["title"]
    cp.author = author
    cp.last_modified_by = author
    cp.created = created
    cp.modified = created
    cp.revision = 1
    cp.subject = doc.get("subtitle", "")
    cp.keywords = ", ".join(meta["topics"])
    cp.comments = ""
    cp.category = meta["type"]
    cp.language = tag
    buf = io.BytesIO()
    d.save(buf)
    return normalise_zip(buf.getvalue(), created)


def _odf_reset():
    """odfpy collects the namespaces in use in one class-level dict shared by all
    documents of the process and declares all of them in every file. Clearing it
    before each document makes a file independent of what was built before it
    (same bytes with --only, --fixtures or a full build)."""
    from odf.element import Element

    Element.namespaces.clear()


def _odf_bytes(doc, when=FIXTURE_DATE):
    buf = io.BytesIO()
    doc.write(buf)
    return normalise_zip(buf.getvalue(), when)


def _odf_meta(doc, title, author=FIXTURE_AUTHOR, created=FIXTURE_DATE, lang=None,
              subject="", keywords=()):
    """dc:title, dc:creator, meta:initial-creator, meta:creation-date, dc:date;
    dc:language, dc:subject and meta:keyword when given."""
    from odf import dc, meta

    doc.meta.addElement(dc.Title(text=title))
    doc.meta.addElement(dc.Creator(text=author))
    doc.meta.addElement(meta.InitialCreator(text=author))
    stamp = created.strftime("%Y-%m-%dT%H:%M:%S")
    doc.meta.addElement(meta.CreationDate(text=stamp))
    doc.meta.addElement(dc.Date(text=stamp))
    if lang:
        doc.meta.addElement(dc.Language(text=locale_tag(lang)))
    if subject:
        doc.meta.addElement(dc.Subject(text=subject))
    for k in keywords:
        doc.meta.addElement(meta.Keyword(text=k))


def _odf_text_props(lang, **kw):
    from odf.style import TextProperties

    language, country = LOCALE[lang]
    return TextProperties(language=language, country=country, **kw)


def _odf_list_styles(lang, bullet_size=None):
    """A bullet and a numbered list style (level 1 only)."""
    from odf.style import ListLevelProperties
    from odf.text import ListStyle, ListLevelStyleBullet, ListLevelStyleNumber

    bullets = ListStyle(name="List Bullet")
    lvl = ListLevelStyleBullet(level=1, bulletchar="\u2022")
    lvl.addElement(ListLevelProperties(spacebefore="0.3cm", minlabelwidth="0.6cm"))
    if bullet_size:
        lvl.addElement(_odf_text_props(lang, fontsize=bullet_size))
    bullets.addElement(lvl)
    numbers = ListStyle(name="List Number")
    lvl = ListLevelStyleNumber(level=1, numformat="1", numsuffix=".")
    lvl.addElement(ListLevelProperties(spacebefore="0.3cm", minlabelwidth="0.7cm"))
    numbers.addElement(lvl)
    return bullets, numbers


def odt_bytes(doc):
    """An OpenDocument text: Title, Subtitle, Heading 1/2 (outline levels), Text body
    paragraphs and real lists; meta.xml from the YAML."""
    from odf.opendocument import OpenDocumentText
    from odf.style import (DefaultStyle, FontFace, ParagraphProperties, Style)
    from odf.text import H, P, List, ListItem

    meta, created, lang = doc["meta"], doc["created"], doc["name"][:2]
    _odf_reset()
    odt = OpenDocumentText()
    _odf_meta(odt, meta["title"], authors(meta), created, lang=lang,
              subject=doc.get("subtitle", ""), keywords=meta["topics"])
    odt.fontfacedecls.addElement(FontFace(name="Liberation Sans", fontfamily="'Liberation Sans'",
                                          fontfamilygeneric="swiss", fontpitch="variable"))
    default = DefaultStyle(family="paragraph")
    default.addElement(_odf_text_props(lang, fontname="Liberation Sans", fontsize="11pt"))
    odt.styles.addElement(default)

    def pstyle(name, parent=None, para=None, text=None, **attrs):
        st = Style(name=name, family="paragraph", **attrs)
        if parent is not None:
            st.setAttribute("parentstylename", parent)
        if para:
            st.addElement(ParagraphProperties(**para))
        if text:
            st.addElement(_odf_text_props(lang, **text))
        odt.styles.addElement(st)
        return st

    standard = pstyle("Standard", attributes={"class": "text"})
    body = pstyle("Text body", standard, para={"margintop": "0cm", "marginbottom": "0.25cm",
                                               "lineheight": "125%"})
    title = pstyle("Title", standard, para={"marginbottom": "0.2cm"},
                   text={"fontsize": "20pt", "fontweight": "bold", "color": "#123a5a"})
    subtitle = pstyle("Subtitle", standard, para={"marginbottom": "0.15cm"},
                      text={"fontsize": "13pt", "color": "#4a5a68"})
    byline = pstyle("Byline", standard, para={"marginbottom": "0.4cm"},
                    text={"fontsize": "9.5pt", "color": "#4a5a68"})
    heading = {}
    for level, size in ((1, "15pt"), (2, "12.5pt")):
        heading[level] = pstyle(f"Heading {level}", standard, defaultoutlinelevel=str(level),
                                nextstylename=body,
                                para={"margintop": "0.45cm", "marginbottom": "0.2cm",
                                      "keepwithnext": "always"},
                                text={"fontsize": size, "fontweight": "bold", "color": "#123a5a"})
    item = pstyle("List Contents", body, para={"marginbottom": "0.12cm"})
    bullets, numbers = _odf_list_styles(lang)
    odt.styles.addElement(bullets)
    odt.styles.addElement(numbers)

    odt.text.addElement(P(stylename=title, text=meta["title"]))
    if doc.get("subtitle"):
        odt.text.addElement(P(stylename=subtitle, text=doc["subtitle"]))
    odt.text.addElement(P(stylename=byline, text=f"{authors(meta)} \u00b7 {meta['year']}"))
    for sec in doc["sections"]:
        level = sec.get("level", 1)
        odt.text.addElement(H(outlinelevel=level, stylename=heading[level], text=sec["heading"]))
        for block in sec["body"]:
            (kind, val), = block.items()
            if kind == "p":
                odt.text.addElement(P(stylename=body, text=val))
            else:
                lst = List(stylename=bullets if kind == "ul" else numbers)
                for x in val:
                    li = ListItem()
                    li.addElement(P(stylename=item, text=str(x)))
                    lst.addElement(li)
                odt.text.addElement(lst)
    return _odf_bytes(odt, created)


def odp_bytes(doc):
    """An OpenDocument presentation, 16:9: per slide a title frame and an outline
    frame with a bulleted list, speaker notes as presentation:notes."""
    from odf.opendocument import OpenDocumentPresentation
    from odf.style import (DefaultStyle, FontFace, GraphicProperties, MasterPage,
                           PageLayout, PageLayoutProperties, ParagraphProperties, Style)
    from odf.draw import Page, Frame, TextBox
    from odf.presentation import Notes
    from odf.text import P, List, ListItem
    from odf.namespaces import PRESENTATIONNS

    meta, created, lang = doc["meta"], doc["created"], doc["name"][:2]
    _odf_reset()
    odp = OpenDocumentPresentation()
    _odf_meta(odp, meta["title"], authors(meta), created, lang=lang, keywords=meta["topics"])
    odp.fontfacedecls.addElement(FontFace(name="Liberation Sans", fontfamily="'Liberation Sans'",
                                          fontfamilygeneric="swiss", fontpitch="variable"))
    for family in ("graphic", "paragraph"):
        default = DefaultStyle(family=family)
        default.addElement(_odf_text_props(lang, fontname="Liberation Sans", fontsize="18pt"))
        odp.styles.addElement(default)

    layout = PageLayout(name="PM1")
    layout.addElement(PageLayoutProperties(margin="0cm", pagewidth="28cm", pageheight="15.75cm",
                                           printorientation="landscape"))
    odp.automaticstyles.addElement(layout)
    frame_style = Style(name="gr1", family="graphic")
    frame_style.addElement(GraphicProperties(fill="none", stroke="none",
                                             textareaverticalalign="top"))
    odp.automaticstyles.addElement(frame_style)

    def pstyle(name, para, text):
        st = Style(name=name, family="paragraph")
        st.addElement(ParagraphProperties(**para))
        st.addElement(_odf_text_props(lang, **text))
        odp.automaticstyles.addElement(st)
        return st

    p_title = pstyle("P1", {}, {"fontsize": "30pt", "fontweight": "bold", "color": "#123a5a"})
    p_title_long = pstyle("P2", {}, {"fontsize": "25pt", "fontweight": "bold", "color": "#123a5a"})
    p_item = pstyle("P3", {"marginbottom": "0.25cm"}, {"fontsize": "20pt"})
    p_item_small = pstyle("P4", {"marginbottom": "0.2cm"}, {"fontsize": "17pt"})
    p_notes = pstyle("P5", {"marginbottom": "0.2cm"}, {"fontsize": "12pt"})
    bullets, _ = _odf_list_styles(lang)
    bullets.setAttribute("name", "L1")
    odp.automaticstyles.addElement(bullets)
    master = MasterPage(name="Default", pagelayoutname=layout)
    odp.masterstyles.addElement(master)

    def frame(cls, x, y, w, h):
        f = Frame(stylename=frame_style, x=x, y=y, width=w, height=h)
        f.setAttrNS(PRESENTATIONNS, "class", cls)
        return f

    for i, s in enumerate(doc["slides"], 1):
        page = Page(name=f"page{i}", masterpagename=master)
        tf = frame("title", "1.4cm", "0.7cm", "25.2cm", "2.6cm")
        tb = TextBox()
        tb.addElement(P(stylename=p_title_long if len(s["title"]) > 45 else p_title,
                        text=s["title"]))
        tf.addElement(tb)
        page.addElement(tf)
        bf = frame("outline", "1.4cm", "3.7cm", "25.2cm", "11cm")
        bb = TextBox()
        lst = List(stylename=bullets)
        dense = len(s["bullets"]) > 5 or sum(len(b) for b in s["bullets"]) > 330
        for bullet in s["bullets"]:
            li = ListItem()
            li.addElement(P(stylename=p_item_small if dense else p_item, text=str(bullet)))
            lst.addElement(li)
        bb.addElement(lst)
        bf.addElement(bb)
        page.addElement(bf)
        if s.get("notes"):
            notes = Notes()
            nf = frame("notes", "2cm", "13cm", "17cm", "12cm")
            nb = TextBox()
            nb.addElement(P(stylename=p_notes, text=s["notes"]))
            nf.addElement(nb)
            notes.addElement(nf)
            page.addElement(notes)
        odp.presentation.addElement(page)
    return _odf_bytes(odp, created)


# --------------------------------------------------------------------------
# corpus build

def pdf_pages(data):
    return len(re.findall(rb"/Type /Page\b", data))


SIDECAR_MARK = "# generated by scripts/corpus-binaries/build.py"


def claim_output(out):
    """Refuse to overwrite a corpus file that this script did not generate."""
    side = out + ".meta.yaml"
    if os.path.exists(side):
        with open(side, encoding="utf-8") as fh:
            if fh.readline().startswith(SIDECAR_MARK):
                return
    if os.path.exists(out) or os.path.exists(side):
        raise ContentError(f"{os.path.relpath(out)} exists and was not generated by this script")


def build_corpus(root, docs):
    written = []
    for doc in docs:
        meta = doc["meta"]
        created = doc["created"]
        src = os.path.relpath(doc["_path"], REPO)
        if doc["kind"] == "deck":
            fmt = "pptx"
            data = pptx_bytes(meta["title"], authors(meta), created, doc["slides"],
                              keywords=", ".join(meta["topics"]))
            out = os.path.join(root, "corpus", "presentations", doc["name"] + ".pptx")
        elif doc["kind"] == "report":
            fmt = "pdf"
            data = pdf_bytes(meta["title"], authors(meta), created, report_story(doc),
                             subject=doc.get("subtitle", ""), keywords=", ".join(meta["topics"]))
            pages = pdf_pages(data)
            if not 2 <= pages <= 4:
                raise ContentError(f"{doc['name']}: {pages} PDF pages, need 2-4")
            out = os.path.join(root, "corpus", "reports", doc["name"] + ".pdf")
        else:
            fmt = doc["format"]
            data = {"docx": docx_bytes, "odt": odt_bytes, "odp": odp_bytes}[fmt](doc)
            out = os.path.join(root, "corpus", doc["folder"], f"{doc['name']}.{fmt}")
        if len(data) >= SIZE_LIMIT[fmt]:
            raise ContentError(f"{doc['name']}: output is {len(data)} bytes, "
                               f"limit {SIZE_LIMIT[fmt] // 1024} KB")
        claim_output(out)
        changed = write_bytes(out, data)
        changed |= write_bytes(out + ".meta.yaml", sidecar_text(meta, src).encode("utf-8"))
        written.append((out, len(data), doc["_words"], changed))
    return written


# --------------------------------------------------------------------------
# fixtures for the extractor tests



def fixture_pdf():
    from reportlab.platypus import Paragraph, PageBreak

    def story(styles, width):
        return [
            Paragraph("Sample PDF brief", styles["title"]),
            Paragraph("Page one: why clusters survey their members", styles["h2"]),
            Paragraph("A cluster organisation asks its members once a year which services "
                      "helped them. The answers guide the work plan for the next year.",
                      styles["body"]),
            PageBreak(),
            Paragraph("Page two: follow-up", styles["h2"]),
            Paragraph("The second page carries the marker zyxpdfmarker so that tests can "
                      "check that text from later pages is extracted.", styles["body"]),
        ]

    return pdf_bytes("Sample PDF brief", FIXTURE_AUTHOR, FIXTURE_DATE, story)


def fixture_pptx():
    slides = [
        {"title": "Sample PPTX deck", "bullets": ["Test deck for the extractor", "Five slides", "English text"],
         "notes": "Opening notes for the first slide."},
        {"title": "Why matchmaking", "bullets": ["Firms meet partners", "Clusters pre-screen", "Less search cost"],
         "notes": "The notes of slide two contain zyxnotesmarker for the notes test."},
        {"title": "Preparing the event", "bullets": ["Collect needs", "Publish profiles", "Book meetings"]},
        {"title": "Follow-up", "bullets": ["Call after one month", "zyxpptxmarker in the body of slide four",
                                          "Track outcomes"],
         "notes": "Plain notes on slide four."},
        {"title": "Summary", "bullets": ["Prepare well", "Follow up", "Measure results"]},
    ]
    return pptx_bytes("Sample PPTX deck", FIXTURE_AUTHOR, FIXTURE_DATE, slides)


def fixture_docx():
    from docx import Document

    d = Document()
    d.add_heading("Sample DOCX report", level=1)
    d.add_paragraph("This short report describes how a cluster organisation plans its "
                    "annual member survey.")
    d.add_heading("Findings", level=2)
    d.add_paragraph("Members value introductions and project help. The marker "
                    "zyxdocxmarker appears in this paragraph.")
    d.add_paragraph("A second paragraph closes the report.")
    cp = d.core_properties
    cp.title = "Sample DOCX report"
    cp.author = FIXTURE_AUTHOR
    cp.last_modified_by = FIXTURE_AUTHOR
    cp.created = FIXTURE_DATE
    cp.modified = FIXTURE_DATE
    cp.revision = 1
    cp.subject = ""
    cp.keywords = ""
    cp.comments = ""
    buf = io.BytesIO()
    d.save(buf)
    return normalise_zip(buf.getvalue(), FIXTURE_DATE)


def fixture_odt():
    from odf.opendocument import OpenDocumentText
    from odf.text import H, P

    _odf_reset()
    doc = OpenDocumentText()
    _odf_meta(doc, "Sample ODT brief")
    doc.text.addElement(H(outlinelevel=1, text="Sample ODT brief"))
    doc.text.addElement(P(text="A short brief on cluster mapping with register data."))
    doc.text.addElement(P(text="This paragraph carries the marker zyxodtmarker for the tests."))
    return _odf_bytes(doc)


def fixture_odp():
    from odf.opendocument import OpenDocumentPresentation
    from odf.style import (MasterPage, PageLayout, PageLayoutProperties, Style,
                           GraphicProperties)
    from odf.draw import Page, Frame, TextBox
    from odf.text import P
    from odf.namespaces import PRESENTATIONNS

    # no _odf_reset() here: the committed sample.odp declares the namespaces left
    # over from sample.odt, which build_fixtures always builds just before it
    doc = OpenDocumentPresentation()
    _odf_meta(doc, "Sample ODP deck")
    layout = PageLayout(name="PL1")
    layout.addElement(PageLayoutProperties(margin="0cm", pagewidth="28cm", pageheight="21cm",
                                           printorientation="landscape"))
    doc.automaticstyles.addElement(layout)
    frame_style = Style(name="gr1", family="graphic")
    frame_style.addElement(GraphicProperties(fill="none", stroke="none"))
    doc.automaticstyles.addElement(frame_style)
    master = MasterPage(name="Default", pagelayoutname=layout)
    doc.masterstyles.addElement(master)

    slides = [
        ("Sample ODP deck", ["A three-slide test deck", "English text"]),
        ("Transnational cooperation", ["Partner clusters abroad", "zyxodpmarker on slide two"]),
        ("Next steps", ["Agree a theme", "Plan the follow-up"]),
    ]
    for i, (title, lines) in enumerate(slides, 1):
        page = Page(name=f"page{i}", masterpagename=master)
        tf = Frame(stylename=frame_style, width="24cm", height="3cm", x="2cm", y="1.5cm")
        tf.setAttrNS(PRESENTATIONNS, "class", "title")
        tb = TextBox()
        tb.addElement(P(text=title))
        tf.addElement(tb)
        page.addElement(tf)
        bf = Frame(stylename=frame_style, width="24cm", height="13cm", x="2cm", y="5.5cm")
        bf.setAttrNS(PRESENTATIONNS, "class", "outline")
        bb = TextBox()
        for line in lines:
            bb.addElement(P(text=line))
        bf.addElement(bb)
        page.addElement(bf)
        doc.presentation.addElement(page)
    return _odf_bytes(doc)


def build_fixtures(root):
    outdir = os.path.join(root, "tests", "fixtures", "formats")
    written = []
    for name, fn in (("sample.pdf", fixture_pdf), ("sample.pptx", fixture_pptx),
                     ("sample.docx", fixture_docx), ("sample.odt", fixture_odt),
                     ("sample.odp", fixture_odp)):
        data = fn()
        out = os.path.join(outdir, name)
        changed = write_bytes(out, data)
        written.append((out, len(data), None, changed))
    return written


# --------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    g = ap.add_mutually_exclusive_group()
    g.add_argument("--fixtures", action="store_true", help="build tests/fixtures/formats only")
    g.add_argument("--all", action="store_true", help="build corpus files and fixtures")
    g.add_argument("--check", action="store_true", help="validate the YAML sources only")
    ap.add_argument("--root", default=os.getcwd(), help="repository root (default: cwd)")
    ap.add_argument("--only", nargs="+", metavar="NAME",
                    help="build only these documents (names or shell patterns, e.g. 'lv-*')")
    args = ap.parse_args()

    root = os.path.abspath(args.root)
    if not os.path.isdir(os.path.join(root, "corpus")):
        sys.exit(f"{root} has no corpus/ folder; run from the repository root or pass --root")

    try:
        written = []
        if not args.fixtures:
            docs = load_documents()
            if args.only:
                docs = [d for d in docs if any(fnmatch.fnmatchcase(d["name"], pat)
                                               for pat in args.only)]
                if not docs:
                    raise ContentError(f"no document matches {' '.join(args.only)}")
            if args.check:
                for d in docs:
                    fmt = d.get("format") or ("pptx" if d["kind"] == "deck" else "pdf")
                    print(f"ok  {d['name']:48s} {fmt:4s} {d['_words']:4d} words")
                return
            written += build_corpus(root, docs)
        if args.fixtures or args.all:
            written += build_fixtures(root)
    except ContentError as e:
        sys.exit(f"error: {e}")

    for out, size, nwords, changed in written:
        rel = os.path.relpath(out, root)
        w = f"{nwords:4d} words" if nwords is not None else ""
        print(f"{'wrote' if changed else 'same '} {rel:60s} {size / 1024:6.1f} KB {w}")


if __name__ == "__main__":
    main()
