"""Builds the judged query sets from LibreOffice's help (Debian packages).

Only six help modules are ever extracted from the packages; the pages of the
Writer, Calc and shared modules are held out and never reach the disk here.
"""

import hashlib
import html
import html.parser
import json
import os
import re
import subprocess
import time
from pathlib import Path

LANGS = ["en", "da", "sv", "fi", "et", "pl", "de", "ru", "fr"]
# Folder name of each language inside usr/share/libreoffice/help/.
HELP_DIR = {lang: ("en-US" if lang == "en" else lang) for lang in LANGS}
PACKAGE = {lang: "libreoffice-help-" + ("en-us" if lang == "en" else lang) for lang in LANGS}
MODULES = ["simpress", "sdraw", "smath", "schart", "sdatabase", "sbasic"]
HELP_ROOT = "usr/share/libreoffice/help"

_KEYWORDS_META = re.compile(r"<meta\b[^>]*\bitemprop\s*=\s*[\"']?keywords\b[^>]*>", re.I)
_ENTRY = re.compile(r'^\{url:"(?P<url>[^"]*)", app:"(?P<app>[^"]*)", text:"(?P<text>(?:[^"\\]|\\.)*)"\},?\s*$')
_JS_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)", re.S)
_JS_SIMPLE = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}


def cache_dir():
    return Path(os.environ.get("CLUSTERPOOL_BENCH_CACHE", Path.home() / ".cache" / "clusterpool-bench"))


# ---------------------------------------------------------------- packages

def fetch_packages(cache, log):
    """apt-get download the nine help packages and extract only the allowed modules."""
    debs = cache / "debs"
    raw = cache / "raw"
    debs.mkdir(parents=True, exist_ok=True)
    have = {p.name.split("_")[0] for p in debs.glob("*.deb")}
    missing = [PACKAGE[lang] for lang in LANGS if PACKAGE[lang] not in have]
    if missing:
        # Package lists go stale on a fresh machine (404s): update them once first.
        log.run(["apt-get", "update", "-qq"])
        log.run(["apt-get", "download", *missing], cwd=debs)
    stamp = raw / ".extracted"
    names = sorted(p.name for p in debs.glob("*.deb"))
    key = hashlib.sha256(("\n".join(names) + "\n" + " ".join(MODULES)).encode()).hexdigest()
    if stamp.exists() and stamp.read_text() == key:
        return raw
    if raw.exists():
        subprocess.run(["rm", "-rf", str(raw)], check=True)
    raw.mkdir(parents=True)
    # Members are named ./usr/share/...; only bookmarks.js and the six allowed module
    # folders are let through tar, so held-out pages are never written.
    patterns = [f"./{HELP_ROOT}/*/bookmarks.js"] + [f"./{HELP_ROOT}/*/text/{m}/*" for m in MODULES]
    for lang in LANGS:
        deb = next(debs.glob(PACKAGE[lang] + "_*.deb"))
        t0 = time.time()
        listing = subprocess.Popen(["dpkg-deb", "--fsys-tarfile", str(deb)], stdout=subprocess.PIPE)
        subprocess.run(["tar", "-x", "-C", str(raw), "--wildcards", *patterns], stdin=listing.stdout, check=True)
        listing.stdout.close()
        if listing.wait() != 0:
            raise RuntimeError(f"dpkg-deb failed on {deb}")
        log.note(f"extracted {deb.name} (allowed modules only)", time.time() - t0)
    stamp.write_text(key)
    return raw


def lang_root(raw, lang):
    return raw / HELP_ROOT / HELP_DIR[lang]


def package_versions(cache):
    out = {}
    for lang in LANGS:
        for deb in (cache / "debs").glob(PACKAGE[lang] + "_*.deb"):
            out[lang] = deb.name
    return out


# ---------------------------------------------------------------- pages

def allowed_docid(docid):
    parts = docid.split("/")
    return len(parts) >= 3 and parts[0] == "text" and parts[1] in MODULES and docid.endswith(".html")


def list_pages(raw, lang):
    """Doc ids (path relative to the language folder) of the allowed pages."""
    root = lang_root(raw, lang)
    pages = []
    for module in MODULES:
        for path in sorted((root / "text" / module).rglob("*.html")):
            docid = path.relative_to(root).as_posix()
            assert allowed_docid(docid), docid
            pages.append(docid)
    return pages


def strip_keywords(text):
    return _KEYWORDS_META.sub("", text)


def write_corpus(raw, cache, lang):
    """Cleaned copies (keyword metas removed) under corpus/<lang>/; returns doc ids."""
    src_root = lang_root(raw, lang)
    dst_root = cache / "corpus" / lang
    pages = list_pages(raw, lang)
    wanted = set(pages)
    for docid in pages:
        text = (src_root / docid).read_text(encoding="utf-8")
        clean = strip_keywords(text)
        assert 'itemprop="keywords"' not in clean and "itemprop='keywords'" not in clean, docid
        dst = dst_root / docid
        if dst.exists() and dst.read_text(encoding="utf-8") == clean:
            continue  # unchanged: keep the mtime
        dst.parent.mkdir(parents=True, exist_ok=True)
        dst.write_text(clean, encoding="utf-8")
    # Anything else in the corpus folder (from an older run) is removed.
    for path in sorted(dst_root.rglob("*"), reverse=True):
        rel = path.relative_to(dst_root).as_posix()
        if path.is_file() and rel not in wanted:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    for path in dst_root.rglob("*.html"):
        assert "itemprop=\"keywords\"" not in path.read_text(encoding="utf-8"), path
    return pages


_BLOCK = {
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "div", "dl", "dt",
    "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
    "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot",
    "th", "thead", "tr", "ul", "label", "button", "option", "select", "img",
}
_SKIP = {"script", "style", "noscript", "template"}


class _TextExtractor(html.parser.HTMLParser):
    """Title and body text; script/style dropped, and the whole head except its title."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.title = []
        self.body = []
        self.skip = 0
        self.in_head = False
        self.in_title = False

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self.skip += 1
        elif tag == "head":
            self.in_head = True
        elif tag == "body":
            self.in_head = False
        elif tag == "title":
            self.in_title = True
        if tag in _BLOCK:
            self.body.append(" ")

    def handle_startendtag(self, tag, attrs):
        if tag in _BLOCK:
            self.body.append(" ")

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag == "head":
            self.in_head = False
        elif tag == "title":
            self.in_title = False
        if tag in _BLOCK:
            self.body.append(" ")

    def handle_data(self, data):
        if self.in_title:
            self.title.append(data)
        elif self.skip or self.in_head:
            return
        else:
            self.body.append(data)


def extract_text(page_html):
    parser = _TextExtractor()
    parser.feed(page_html)
    parser.close()
    title = " ".join("".join(parser.title).split())
    body = " ".join("".join(parser.body).split())
    return title, body


def write_docs(cache, lang, pages):
    """docs/<lang>/docs.jsonl ({id, title, body, contents}) from the cleaned corpus."""
    out = cache / "docs" / lang
    out.mkdir(parents=True, exist_ok=True)
    lines = []
    for docid in pages:
        title, body = extract_text((cache / "corpus" / lang / docid).read_text(encoding="utf-8"))
        lines.append(json.dumps({"id": docid, "title": title, "body": body,
                                 "contents": title + "\n" + body}, ensure_ascii=False))
    data = "\n".join(lines) + "\n"
    path = out / "docs.jsonl"
    if not path.exists() or path.read_text(encoding="utf-8") != data:
        path.write_text(data, encoding="utf-8")
    return path


# ---------------------------------------------------------------- keyword index

def decode_js(s):
    def repl(m):
        e = m.group(1)
        if e[0] == "u" and len(e) == 5:
            return chr(int(e[1:], 16))
        if e[0] == "x" and len(e) == 3:
            return chr(int(e[1:], 16))
        return _JS_SIMPLE.get(e, e)
    return _JS_ESCAPE.sub(repl, s)


def entry_query(text):
    """The query of one bookmarks.js text: levels joined by a space, whitespace collapsed."""
    decoded = html.unescape(decode_js(text))
    levels = re.split(r"\s--\s", decoded)
    return " ".join(" ".join(levels).split())


def read_entries(raw, lang, pages):
    """Entries of <lang>/bookmarks.js whose page is allowed and present.

    Returns (entries, stats); an entry is dict(docid, anchor, q). Entries pointing
    elsewhere are dropped on their url path alone, before their text is looked at.
    """
    prefix = HELP_DIR[lang] + "/"
    have = set(pages)
    entries = []
    stats = {"lines": 0, "outside_modules": 0, "page_missing": 0, "empty_query": 0, "unparsed": 0}
    path = lang_root(raw, lang) / "bookmarks.js"
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line.startswith("{url:"):
            continue
        stats["lines"] += 1
        m = _ENTRY.match(line)
        if not m:
            stats["unparsed"] += 1
            continue
        url = m.group("url")
        anchor = url.split("#", 1)[1] if "#" in url else ""
        upath = url.split("#", 1)[0].split("?", 1)[0]
        docid = upath[len(prefix):] if upath.startswith(prefix) else None
        if docid is None or not allowed_docid(docid):
            stats["outside_modules"] += 1
            continue
        if docid not in have:
            stats["page_missing"] += 1
            continue
        q = entry_query(m.group("text"))
        if not q:
            stats["empty_query"] += 1
            continue
        entries.append({"docid": docid, "anchor": anchor, "q": q})
    stats["kept"] = len(entries)
    return entries, stats


def _numbered(prefix, grouped):
    queries, qrels = [], {}
    for i, q in enumerate(sorted(grouped), 1):
        qid = f"{prefix}-{i:04d}"
        queries.append({"id": qid, "q": q})
        qrels[qid] = sorted(grouped[q])
    return queries, qrels


def build_sets(raw, cache, log, langs=LANGS, cross=True):
    """Corpus, docs and query sets for the given languages (English is always read:
    it decides what is untranslated). Returns (description, sets)."""
    langs = [lang for lang in LANGS if lang in langs or lang == "en"]
    desc = {"languages": {}, "crosslingual": {}}
    pages, entries = {}, {}
    for lang in langs:
        t0 = time.time()
        pages[lang] = write_corpus(raw, cache, lang)
        docs_path = write_docs(cache, lang, pages[lang])
        entries[lang], stats = read_entries(raw, lang, pages[lang])
        desc["languages"][lang] = {"pages": len(pages[lang]), "docs": str(docs_path), "entries": stats}
        log.note(f"corpus + entries {lang}: {len(pages[lang])} pages, {stats['kept']} entries", time.time() - t0)

    english = {}
    for e in entries["en"]:
        english.setdefault((e["docid"], e["anchor"]), set()).add(e["q"])

    qdir, rdir = cache / "queries", cache / "qrels"
    qdir.mkdir(parents=True, exist_ok=True)
    rdir.mkdir(parents=True, exist_ok=True)
    sets = {}
    for lang in langs:
        kept, dropped = [], 0
        for e in entries[lang]:
            if lang != "en" and e["q"] in english.get((e["docid"], e["anchor"]), ()):
                dropped += 1
                continue
            kept.append(e)
        grouped = {}
        for e in kept:
            grouped.setdefault(e["q"], set()).add(e["docid"])
        queries, qrels = _numbered(lang, grouped)
        _write_set(qdir / f"{lang}.jsonl", rdir / f"{lang}.json", queries, qrels)
        d = desc["languages"][lang]
        d["dropped_untranslated"] = dropped
        d["entries_used"] = len(kept)
        d.update(_set_stats(queries, qrels))
        sets[lang] = {"kind": "mono", "index_lang": lang, "queries": qdir / f"{lang}.jsonl",
                      "qrels": rdir / f"{lang}.json"}
        if lang == "en" or not cross:
            continue
        # Cross-lingual: the English texts of the anchors kept in this language's set,
        # judged against this language's pages.
        anchors = {(e["docid"], e["anchor"]) for e in kept}
        xgrouped = {}
        for anchor in anchors:
            for q in english.get(anchor, ()):
                xgrouped.setdefault(q, set()).add(anchor[0])
        name = f"en-{lang}"
        xq, xr = _numbered(name, xgrouped)
        _write_set(qdir / f"{name}.jsonl", rdir / f"{name}.json", xq, xr)
        x = {"anchors": len(anchors), "anchors_without_english": sum(1 for a in anchors if a not in english)}
        x.update(_set_stats(xq, xr))
        desc["crosslingual"][name] = x
        sets[name] = {"kind": "cross", "index_lang": lang, "queries": qdir / f"{name}.jsonl",
                      "qrels": rdir / f"{name}.json"}
    return desc, sets


def _set_stats(queries, qrels):
    n = len(queries)
    rel = [len(v) for v in qrels.values()]
    return {"queries": n, "relevant_total": sum(rel),
            "relevant_mean": round(sum(rel) / n, 3) if n else 0.0,
            "queries_multi_relevant": sum(1 for r in rel if r > 1)}


def _write_set(qpath, rpath, queries, qrels):
    qtext = "".join(json.dumps(q, ensure_ascii=False) + "\n" for q in queries)
    rtext = json.dumps(qrels, ensure_ascii=False, indent=0, sort_keys=True) + "\n"
    for path, text in ((qpath, qtext), (rpath, rtext)):
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")


def file_digest(*paths):
    h = hashlib.sha256()
    for p in paths:
        h.update(Path(p).read_bytes())
    return h.hexdigest()
