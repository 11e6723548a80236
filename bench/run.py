#!/usr/bin/env python3
"""Benchmarks clusterpool against raw tantivy, tantivy-cli and SQLite FTS5.

One command per run; results go to a JSON file (and a Markdown rendering of its
tables beside it):

    python3 bench/run.py --sizes 1000,10000,100000 --out bench/results/2026-11-26.json
    python3 bench/run.py --sizes 1000000 --out bench/results/2026-11-26-1m.json
    python3 bench/run.py --smoke          # 200 docs, no peers, ~20 s; exit 1 on failure

For every size: `gen-corpus --seed 7` into a temporary folder; the same texts as
JSONL (front matter and HTML stripped by a simple extraction below, so every
engine indexes the same words); indexing by clusterpool (with and without
language detection, fresh index each, then an unchanged re-run), raw tantivy
(`bench-tantivy`), `tantivy index` (tantivy-cli) and SQLite FTS5; a query workload
drawn from bench/words/<lang>.tsv run in process (`bench-search`, `bench-tantivy
search`, FTS5 through Python's sqlite3) and over HTTP (`clusterpool serve`,
`tantivy serve`) with wrk at 1, 8 and 64 connections. See bench/README.md.

Needs: Python 3.11, psutil (`pip install psutil`), the release binaries
(`CARGO_TARGET_DIR=$HOME/.cache/clusterpool-target cargo build --release --bins`),
wrk (`apt-get install wrk`) for the HTTP part, tantivy-cli for that peer
(`cargo install tantivy-cli --root $HOME/.cache/tantivy-cli`); a missing peer is
skipped and recorded as skipped.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import html
import json
import math
import os
import random
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

try:
    import psutil
except ImportError:  # pragma: no cover - reported at start
    psutil = None

ROOT = Path(__file__).resolve().parent.parent
WORDS = ROOT / "bench" / "words"
WRK_SCRIPT = ROOT / "bench" / "wrk_rotate.lua"
SEED = 7

# Words only: these figures compare lexical indexing and search with the peers,
# which embed nothing; embedding has its own benchmark (bench-embed, and
# BENCHMARKS.md's "Search by meaning"). With the model cached, clusterpool would
# otherwise embed every generated document.
os.environ["CLUSTERPOOL_SEMANTIC"] = "off"
LANGS = ["en", "da", "sv", "no", "fi", "et", "lv", "lt", "pl", "de", "ru", "fr"]
MB = 1_000_000
MIB = 1024 * 1024


# ---------------------------------------------------------------------------
# Where things are
# ---------------------------------------------------------------------------


def bin_dir() -> Path:
    if os.environ.get("CLUSTERPOOL_BIN_DIR"):
        return Path(os.environ["CLUSTERPOOL_BIN_DIR"])
    target = os.environ.get("CARGO_TARGET_DIR") or str(Path.home() / ".cache" / "clusterpool-target")
    for cand in (Path(target) / "release", ROOT / "target" / "release"):
        if (cand / "clusterpool").exists():
            return cand
    return Path(target) / "release"


def tantivy_cli() -> Path | None:
    for cand in (
        os.environ.get("TANTIVY_CLI"),
        str(Path.home() / ".cache" / "tantivy-cli" / "bin" / "tantivy"),
        shutil.which("tantivy"),
    ):
        if cand and Path(cand).exists():
            return Path(cand)
    return None


def commit() -> str:
    """The commit measured (with `+dirty` when the tree has changes)."""
    head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                          capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain"],
                           capture_output=True, text=True).stdout.strip()
    return head + ("+dirty" if dirty else "")


def log(*a):
    print(f"[{time.strftime('%H:%M:%S')}]", *a, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------
# Machine state
# ---------------------------------------------------------------------------


def machine() -> dict:
    cpu = ""
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    free = subprocess.run(["free", "-g"], capture_output=True, text=True).stdout.strip()
    return {
        "nproc": os.cpu_count(),
        "cpu_model": cpu,
        "free_g": free,
        "kernel": os.uname().release,
        "python": sys.version.split()[0],
    }


def machine_state(note: str) -> dict:
    """Load average and the busiest processes outside this benchmark, at one moment."""
    state = {"when": dt.datetime.now().isoformat(timespec="seconds"), "note": note,
             "loadavg": list(os.getloadavg())}
    if psutil is None:
        return state
    mine = {os.getpid()} | {c.pid for c in psutil.Process().children(recursive=True)}
    procs = []
    for p in psutil.process_iter(["pid", "name", "nice"]):
        try:
            p.cpu_percent(None)
            procs.append(p)
        except psutil.Error:
            pass
    time.sleep(1.0)
    busy = []
    for p in procs:
        try:
            pct = p.cpu_percent(None)
            if pct >= 5 and p.pid not in mine:
                try:
                    group = Path(f"/proc/{p.pid}/autogroup").read_text().split()[0]
                except OSError:
                    group = "?"
                busy.append({"pid": p.pid, "name": p.info["name"], "nice": p.info["nice"],
                             "cpu_pct": round(pct), "autogroup": group})
        except psutil.Error:
            pass
    busy.sort(key=lambda x: -x["cpu_pct"])
    state["busy"] = busy[:6]
    try:
        state["my_autogroup"] = Path("/proc/self/autogroup").read_text().strip()
    except OSError:
        pass
    state["cpu_pct_total"] = psutil.cpu_percent(interval=None)
    return state


# ---------------------------------------------------------------------------
# Running and measuring a process
# ---------------------------------------------------------------------------


def tree_rss(proc) -> int:
    total = 0
    try:
        total += proc.memory_info().rss
        for c in proc.children(recursive=True):
            try:
                total += c.memory_info().rss
            except psutil.Error:
                pass
    except psutil.Error:
        pass
    return total


class RssPoller:
    """Polls the RSS of a process tree every `interval` seconds; keeps the peak."""

    def __init__(self, pid: int, interval: float = 0.05):
        self.peak = 0
        self.last = 0
        self._stop = threading.Event()
        self._proc = psutil.Process(pid) if psutil else None
        self._t = threading.Thread(target=self._run, args=(interval,), daemon=True)
        self._t.start()

    def _run(self, interval):
        while not self._stop.is_set() and self._proc is not None:
            rss = tree_rss(self._proc)
            if rss:
                self.last = rss
                self.peak = max(self.peak, rss)
            self._stop.wait(interval)

    def stop(self) -> int:
        self._stop.set()
        self._t.join()
        return self.peak


def measure(cmd, *, stdin=None, check=True, env=None, nice=0) -> dict:
    """Runs `cmd`, returning wall time, CPU time, peak RSS (process tree, polled, and
    the kernel's ru_maxrss of the largest waited-for process) and its output."""
    log("$", " ".join(str(c) for c in cmd))
    stdin_f = open(stdin, "rb") if stdin else subprocess.DEVNULL
    out = tempfile.TemporaryFile()
    err = tempfile.TemporaryFile()
    started = time.perf_counter()
    p = subprocess.Popen([str(c) for c in cmd], stdin=stdin_f, stdout=out, stderr=err,
                         env=env, preexec_fn=(lambda: os.nice(nice)) if nice else None)
    poller = RssPoller(p.pid)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - started
    peak = poller.stop()
    p.returncode = os.waitstatus_to_exitcode(status)
    if stdin:
        stdin_f.close()
    out.seek(0)
    err.seek(0)
    res = {
        "cmd": [str(c) for c in cmd],
        "rc": p.returncode,
        "wall_s": wall,
        "user_s": ru.ru_utime,
        "sys_s": ru.ru_stime,
        "peak_rss_tree_mb": peak / MIB,
        "ru_maxrss_mb": ru.ru_maxrss / 1024,
        "stdout": out.read().decode("utf-8", "replace"),
        "stderr": err.read().decode("utf-8", "replace")[-4000:],
    }
    if check and p.returncode != 0:
        raise RuntimeError(f"{cmd[0]} exited with {p.returncode}: {res['stderr'][-2000:]}")
    return res


def last_json(text: str):
    for line in reversed(text.strip().splitlines()):
        line = line.strip()
        if line.startswith("{"):
            try:
                return json.loads(line)
            except json.JSONDecodeError:
                continue
    # `clusterpool index --json` prints a pretty multi-line object.
    start = text.find("{")
    return json.loads(text[start:]) if start >= 0 else None


def dir_size(path: Path) -> int:
    total = 0
    for dirpath, _, files in os.walk(path):
        for f in files:
            try:
                total += os.lstat(os.path.join(dirpath, f)).st_size
            except OSError:
                pass
    return total


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---------------------------------------------------------------------------
# The same texts for every engine
# ---------------------------------------------------------------------------

FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)
TAG = re.compile(r"<[^>]+>")
SPACE = re.compile(r"\s+")


def yaml_scalar(front: str, key: str) -> str:
    m = re.search(rf"^{key}:\s*(.*)$", front, re.M)
    if not m:
        return ""
    v = m.group(1).strip()
    if len(v) >= 2 and v[0] == v[-1] and v[0] in "\"'":
        v = v[1:-1]
    return v


def extract(path: Path) -> tuple[str, str]:
    """(title, body) of a generated Markdown or HTML file: front matter and markup
    removed, the description (which clusterpool also indexes) appended to the body."""
    raw = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".md":
        m = FRONT.match(raw)
        front, text = (m.group(1), raw[m.end():]) if m else ("", raw)
        title = yaml_scalar(front, "title")
        desc = yaml_scalar(front, "description")
        lines = [ln.lstrip("#").strip() for ln in text.splitlines()]
        body = "\n".join(ln for ln in lines if ln)
    else:
        m = re.search(r"<title>(.*?)</title>", raw, re.S)
        title = html.unescape(m.group(1)).strip() if m else ""
        m = re.search(r'<meta name="description" content="([^"]*)"', raw)
        desc = html.unescape(m.group(1)) if m else ""
        m = re.search(r"<body[^>]*>(.*)</body>", raw, re.S)
        inner = m.group(1) if m else raw
        inner = re.sub(r"<(script|style|nav|header|footer)\b.*?</\1>", " ", inner, flags=re.S)
        body = html.unescape(TAG.sub("\n", inner))
        body = "\n".join(SPACE.sub(" ", ln).strip() for ln in body.splitlines() if ln.strip())
    if desc:
        body = body + "\n" + desc
    return title, body


def write_jsonl(corpus: Path, out: Path) -> dict:
    docs = text_bytes = file_bytes = 0
    with open(corpus / "manifest.tsv", encoding="utf-8") as man, open(out, "w", encoding="utf-8") as f:
        for line in man:
            rid, lang, dtype = line.rstrip("\n").split("\t")[:3]
            path = corpus / rid
            file_bytes += path.stat().st_size
            title, body = extract(path)
            text_bytes += len(title.encode()) + len(body.encode())
            f.write(json.dumps({"id": rid, "title": title, "body": body, "lang": lang,
                                "type": dtype}, ensure_ascii=False) + "\n")
            docs += 1
    return {"docs": docs, "text_bytes": text_bytes, "file_bytes": file_bytes}


# ---------------------------------------------------------------------------
# The query workload
# ---------------------------------------------------------------------------

WORD = re.compile(r"[^\W\d_]+", re.U)


def load_words(lang: str, skip_top: int) -> tuple[list[str], list[int]]:
    words, weights = [], []
    with open(WORDS / f"{lang}.tsv", encoding="utf-8") as f:
        for rank, line in enumerate(f):
            w, freq = line.rstrip("\n").split("\t")
            if rank >= skip_top:
                words.append(w)
                weights.append(int(freq))
    return words, weights


def make_queries(corpus: Path, jsonl: Path, n: int, seed: int) -> list[dict]:
    """`n` queries, fixed seed. Language by the corpus's own mix; words drawn by their
    real frequency (bench/words/<lang>.tsv) leaving out each list's 100 most frequent
    words (stop words nobody searches for alone). 40 % one word, 35 % two words
    (AND), 25 % a quoted two-word phrase taken from a document of that language (so
    phrases can match). Half carry facet filters: 20 % lang=, 20 % type=, 10 % both."""
    rng = random.Random(seed)
    langs, types = collections.Counter(), collections.Counter()
    for line in open(corpus / "manifest.tsv", encoding="utf-8"):
        _, lang, dtype = line.rstrip("\n").split("\t")[:3]
        langs[lang] += 1
        types[dtype] += 1
    lang_list = sorted(langs)
    type_list = sorted(types)
    vocab = {lang: load_words(lang, 100) for lang in lang_list}
    # A few documents per language to take phrases from.
    samples: dict[str, list[list[str]]] = collections.defaultdict(list)
    with open(jsonl, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if len(samples[d["lang"]]) < 60:
                samples[d["lang"]].append(WORD.findall(d["body"].lower()))
            if all(len(samples[lg]) >= 60 for lg in lang_list):
                break
    out = []
    for i in range(n):
        lang = rng.choices(lang_list, weights=[langs[x] for x in lang_list])[0]
        words, weights = vocab[lang]
        r = rng.random()
        if r < 0.40:
            kind, terms = "single", rng.choices(words, weights=weights, k=1)
            q = terms[0]
        elif r < 0.75:
            kind, terms = "two", rng.choices(words, weights=weights, k=2)
            q = " ".join(terms)
        else:
            kind = "phrase"
            toks = []
            while len(toks) < 2:
                toks = rng.choice(samples[lang])
            j = rng.randrange(len(toks) - 1)
            terms = toks[j:j + 2]
            q = '"' + " ".join(terms) + '"'
        f = rng.random()
        qlang = lang if f < 0.2 or 0.4 <= f < 0.5 else None
        qtype = rng.choices(type_list, weights=[types[t] for t in type_list])[0] if 0.2 <= f < 0.5 else None
        out.append({"i": i, "q": q, "terms": terms, "kind": kind, "lang": qlang, "type": qtype})
    return out


def clusterpool_path(q: dict) -> str:
    pairs = [("q", q["q"])]
    if q["lang"]:
        pairs.append(("lang", q["lang"]))
    if q["type"]:
        pairs.append(("type", q["type"]))
    return "/api/search?" + urllib.parse.urlencode(pairs)


def tantivy_cli_query(q: dict) -> str:
    """The same search in tantivy's query grammar, fields explicit: every word (or
    the phrase) must be in the title or the body; filters as required terms."""
    if q["kind"] == "phrase":
        p = '"' + " ".join(q["terms"]) + '"'
        parts = [f"+(title:{p} body:{p})"]
    else:
        parts = [f"+(title:{t} body:{t})" for t in q["terms"]]
    if q["lang"]:
        parts.append(f'+lang:"{q["lang"]}"')
    if q["type"]:
        parts.append(f'+type:"{q["type"]}"')
    return " ".join(parts)


def tantivy_cli_path(q: dict) -> str:
    return "/api/?" + urllib.parse.urlencode([("q", tantivy_cli_query(q)), ("nhits", "10")])


def fts5_match(q: dict) -> str:
    if q["kind"] == "phrase":
        return '"' + " ".join(q["terms"]) + '"'
    return " ".join('"' + t.replace('"', '""') + '"' for t in q["terms"])


# ---------------------------------------------------------------------------
# SQLite FTS5 (run as child processes of this script so they are measured alike)
# ---------------------------------------------------------------------------


def fts5_index(jsonl: Path, db: Path) -> dict:
    started = time.perf_counter()
    con = sqlite3.connect(db)
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    con.execute("CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, lang UNINDEXED, "
                "type UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2')")
    n = 0
    with con:
        with open(jsonl, encoding="utf-8") as f:
            rows = (
                (d["id"], d["lang"], d["type"], d["title"], d["body"])
                for d in map(json.loads, f)
            )
            for batch in iter(lambda: [r for _, r in zip(range(1000), rows)], []):
                con.executemany("INSERT INTO docs VALUES (?, ?, ?, ?, ?)", batch)
                n += len(batch)
    con.close()
    return {"docs": n, "seconds": time.perf_counter() - started}


def percentile(sorted_vals: list[float], p: float) -> float:
    """Nearest-rank percentile (as bench-search and bench-tantivy compute it)."""
    if not sorted_vals:
        return 0.0
    rank = math.ceil(p / 100.0 * len(sorted_vals))
    return sorted_vals[min(max(rank, 1), len(sorted_vals)) - 1]


def lat_summary(lat: list[float], zero: int, seconds: float) -> dict:
    s = sorted(lat)
    return {"queries": len(s), "zero_hits": zero, "seconds": seconds,
            "qps_1_thread": len(s) / seconds if seconds else 0.0,
            "mean_ms": sum(s) / max(1, len(s)), "p50_ms": percentile(s, 50),
            "p95_ms": percentile(s, 95), "p99_ms": percentile(s, 99), "max_ms": s[-1] if s else 0.0}


def fts5_search(db: Path, queries: Path) -> dict:
    """Top 10 by bm25 (title weighted 2) with a snippet of the body, plus the total
    count; lang/type filters on the unindexed columns. No facet counts."""
    con = sqlite3.connect(db)
    qs = [json.loads(line) for line in open(queries, encoding="utf-8") if line.strip()]

    def one(q):
        where, args = "docs MATCH ?", [fts5_match(q)]
        if q["lang"]:
            where += " AND lang = ?"
            args.append(q["lang"])
        if q["type"]:
            where += " AND type = ?"
            args.append(q["type"])
        rows = con.execute(
            f"SELECT id, title, snippet(docs, 4, '<mark>', '</mark>', '…', 32) FROM docs "
            f"WHERE {where} ORDER BY bm25(docs, 0, 0, 0, 2.0, 1.0) LIMIT 10", args).fetchall()
        total = con.execute(f"SELECT count(*) FROM docs WHERE {where}", args).fetchone()[0]
        return total, rows

    for q in qs:  # warm-up
        one(q)
    lat, zero = [], 0
    by_kind: dict[str, list] = collections.defaultdict(lambda: [[], 0])
    started = time.perf_counter()
    for q in qs:
        t = time.perf_counter()
        total, _ = one(q)
        ms = (time.perf_counter() - t) * 1000
        lat.append(ms)
        g = by_kind[q["kind"] + ("+filter" if q["lang"] or q["type"] else "")]
        g[0].append(ms)
        if total == 0:
            zero += 1
            g[1] += 1
    out = lat_summary(lat, zero, time.perf_counter() - started)
    out["by_kind"] = {k: lat_summary(v[0], v[1], sum(v[0]) / 1000) for k, v in sorted(by_kind.items())}
    return out


# ---------------------------------------------------------------------------
# HTTP
# ---------------------------------------------------------------------------


def http_get(url: str, timeout: float = 5.0) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


class Server:
    def __init__(self, name: str, cmd: list, port: int, probe: str, logfile: Path):
        self.name, self.cmd, self.port, self.probe = name, [str(c) for c in cmd], port, probe
        self.logfile = logfile
        self.proc = None

    def start(self, timeout: float = 120.0) -> float:
        log("$", " ".join(self.cmd))
        self._log = open(self.logfile, "wb")
        t0 = time.perf_counter()
        self.proc = subprocess.Popen(self.cmd, stdout=self._log, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{self.port}{self.probe}"
        while time.perf_counter() - t0 < timeout:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.proc.returncode}; see {self.logfile}")
            try:
                status, _ = http_get(url, timeout=1.0)
                if status == 200:
                    return time.perf_counter() - t0
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            time.sleep(0.005)
        raise RuntimeError(f"{self.name} did not answer {url} within {timeout} s")

    def rss_mb(self) -> float:
        return tree_rss(psutil.Process(self.proc.pid)) / MIB if psutil else 0.0

    def cpu_s(self) -> float:
        if not psutil:
            return 0.0
        t = psutil.Process(self.proc.pid).cpu_times()
        return t.user + t.system

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if getattr(self, "_log", None):
            self._log.close()


def wrk(port: int, paths_file: Path, conns: int, duration: int, server: Server) -> dict:
    threads = max(1, min(conns, 2))
    cmd = ["wrk", "-t", str(threads), "-c", str(conns), "-d", f"{duration}s", "--latency",
           "--timeout", "10s", "-s", str(WRK_SCRIPT), f"http://127.0.0.1:{port}", "--", str(paths_file)]
    log("$", " ".join(cmd))
    poller = RssPoller(server.proc.pid, interval=0.1)
    cpu0 = server.cpu_s()
    p = subprocess.run(cmd, capture_output=True, text=True)
    cpu1 = server.cpu_s()
    peak = poller.stop()
    if p.returncode != 0:
        raise RuntimeError(f"wrk failed: {p.stderr[-2000:]}")
    r = last_json(p.stdout)
    secs = r["duration_us"] / 1e6
    errors = sum(r["errors"].values())
    return {
        "conns": conns, "threads": threads, "seconds": secs, "requests": r["requests"],
        "rps": r["requests"] / secs if secs else 0.0,
        "p50_ms": r["latency_us"]["p50"] / 1000, "p90_ms": r["latency_us"]["p90"] / 1000,
        "p99_ms": r["latency_us"]["p99"] / 1000, "max_ms": r["latency_us"]["max"] / 1000,
        "mean_ms": r["latency_us"]["mean"] / 1000,
        "errors": errors, "error_detail": r["errors"], "non2xx": r["non2xx"],
        "rss_peak_mb": peak / MIB,
        "server_cpu_ms_per_req": (cpu1 - cpu0) * 1000 / max(1, r["requests"]),
        "loadavg_after": list(os.getloadavg()),
    }


def http_bench(server: Server, paths: list[str], work: Path, conns: list[int], duration: int,
               check_json) -> dict:
    res = {"server": server.name}
    try:
        res["startup_s"] = server.start()
        time.sleep(1.0)
        res["rss_idle_mb"] = server.rss_mb()
        # Warm-up: every URL once, sequentially; checks the answers too.
        bad = 0
        t0 = time.perf_counter()
        for p in paths:
            status, body = http_get(f"http://127.0.0.1:{server.port}{p}", timeout=30)
            if status != 200 or not check_json(body):
                bad += 1
        res["warmup_s"] = time.perf_counter() - t0
        res["warmup_bad"] = bad
        res["rss_warm_mb"] = server.rss_mb()
        paths_file = work / f"paths-{server.name}.txt"
        paths_file.write_text("\n".join(paths) + "\n", encoding="utf-8")
        res["load"] = []
        if shutil.which("wrk") is None:
            res["load_skipped"] = "wrk not installed"
        else:
            for c in conns:
                res["load"].append(wrk(server.port, paths_file, c, duration, server))
        res["rss_after_mb"] = server.rss_mb()
    finally:
        server.stop()
    return res


def cp_json_ok(body: bytes) -> bool:
    try:
        d = json.loads(body)
        return "hits" in d and "facets" in d and "total" in d
    except ValueError:
        return False


def tcli_json_ok(body: bytes) -> bool:
    try:
        return "hits" in json.loads(body)
    except ValueError:
        return False


# ---------------------------------------------------------------------------
# tantivy-cli
# ---------------------------------------------------------------------------


def tantivy_cli_meta() -> dict:
    """meta.json for `tantivy index`, written by hand (`tantivy new` is interactive):
    the same schema as bench-tantivy."""

    def text(name, stored=False):
        return {"name": name, "type": "text", "options": {
            "indexing": {"record": "position", "fieldnorms": True, "tokenizer": "default"},
            "stored": stored, "fast": False}}

    def string(name, stored=False):
        return {"name": name, "type": "text", "options": {
            "indexing": {"record": "basic", "fieldnorms": False, "tokenizer": "raw"},
            "stored": stored, "fast": False}}

    return {
        "index_settings": {"docstore_compression": "lz4", "docstore_blocksize": 16384},
        "segments": [],
        "schema": [string("id", True), text("title"), text("body"), string("lang"), string("type")],
        "opstamp": 0,
    }


# ---------------------------------------------------------------------------
# One size
# ---------------------------------------------------------------------------


def index_entry(m: dict, docs: int, text_bytes: int, index_dir: Path | None, extra=None) -> dict:
    e = {
        "wall_s": m["wall_s"], "cpu_s": m["user_s"] + m["sys_s"], "user_s": m["user_s"],
        "docs_per_cpu_s": docs / max(1e-9, m["user_s"] + m["sys_s"]),
        "sys_s": m["sys_s"], "docs_per_s": docs / m["wall_s"],
        "text_mb_per_s": text_bytes / MB / m["wall_s"],
        "peak_rss_mb": max(m["peak_rss_tree_mb"], m["ru_maxrss_mb"]),
        "peak_rss_tree_polled_mb": m["peak_rss_tree_mb"], "ru_maxrss_mb": m["ru_maxrss_mb"],
        "index_mb": dir_size(index_dir) / MB if index_dir else None,
        "cmd": " ".join(m["cmd"]),
    }
    if extra:
        e.update(extra)
    return e


def run_size(n: int, args, work: Path, bins: Path, result: dict, save) -> None:
    size = result.setdefault("sizes", {}).setdefault(str(n), {})
    size["machine_state"] = [machine_state(f"before size {n}")]
    corpus = work / "corpus"
    peers = not args.no_peers

    # 1. Corpus.
    m = measure([bins / "gen-corpus", "--docs", n, "--seed", SEED, "--out", corpus, "--force"])
    size["generate_s"] = m["wall_s"]
    t = time.perf_counter()
    jsonl = work / "docs.jsonl"
    texts = write_jsonl(corpus, jsonl)
    size["corpus"] = texts | {"extract_jsonl_s": time.perf_counter() - t}
    docs, tb = texts["docs"], texts["text_bytes"]
    log(f"corpus: {docs} docs, {texts['file_bytes'] / MB:.1f} MB files, {tb / MB:.1f} MB text")

    # 2. Indexing.
    ix = size["indexing"] = {}
    cp = bins / "clusterpool"
    idx_detect = work / "idx-detect"
    m = measure([cp, "--corpus", corpus, "--index", idx_detect, "index", "--full", "--json"])
    rep = last_json(m["stdout"])
    ix["clusterpool"] = index_entry(m, docs, tb, idx_detect, {
        "indexed": rep["docs_in_index"], "skipped_files": rep["skipped"], "report_ms": rep["duration_ms"],
        "by_lang": rep["by_lang"]})
    save()
    idx_nodetect = work / "idx-nodetect"
    m = measure([cp, "--corpus", corpus, "--index", idx_nodetect, "index", "--full", "--json", "--no-detect"])
    rep = last_json(m["stdout"])
    ix["clusterpool_no_detect"] = index_entry(m, docs, tb, idx_nodetect, {
        "indexed": rep["docs_in_index"], "report_ms": rep["duration_ms"]})
    shutil.rmtree(idx_nodetect, ignore_errors=True)
    m = measure([cp, "--corpus", corpus, "--index", idx_detect, "index", "--json"])
    rep = last_json(m["stdout"])
    ix["clusterpool_unchanged"] = index_entry(m, docs, tb, idx_detect, {
        "extracted": rep["added"] + rep["updated"], "unchanged": rep["unchanged"],
        "report_ms": rep["duration_ms"]})
    extracted = rep["added"] + rep["updated"]
    if extracted != 0:
        raise RuntimeError(f"unchanged re-run extracted {extracted} files")
    save()

    if peers:
        bt = bins / "bench-tantivy"
        tdir = work / "idx-tantivy"
        m = measure([bt, "index", "--input", jsonl, "--index", tdir, "--threads", 2, "--heap-mb", 128])
        ix["tantivy_raw"] = index_entry(m, docs, tb, tdir, {"inner": last_json(m["stdout"])})
        tdir_s = work / "idx-tantivy-stored"
        m = measure([bt, "index", "--input", jsonl, "--index", tdir_s, "--threads", 2, "--heap-mb", 128,
                     "--store-body"])
        ix["tantivy_raw_stored"] = index_entry(m, docs, tb, tdir_s, {"inner": last_json(m["stdout"])})
        shutil.rmtree(tdir_s, ignore_errors=True)
        tcli = tantivy_cli()
        if tcli:
            cdir = work / "idx-tantivy-cli"
            cdir.mkdir()
            (cdir / "meta.json").write_text(json.dumps(tantivy_cli_meta()), encoding="utf-8")
            m = measure([tcli, "index", "-i", cdir, "-t", 2, "-m", 128 * MIB], stdin=jsonl)
            ix["tantivy_cli"] = index_entry(m, docs, tb, cdir)
        else:
            ix["tantivy_cli"] = {"skipped": "tantivy-cli not installed"}
        db = work / "fts5.db"
        m = measure([sys.executable, __file__, "_fts5-index", jsonl, db])
        ix["fts5"] = index_entry(m, docs, tb, None, {"index_mb": db.stat().st_size / MB,
                                                     "inner": last_json(m["stdout"])})
        base = ix["tantivy_raw"]["docs_per_s"]
        ix["ratios"] = {
            "clusterpool_vs_tantivy_raw": ix["clusterpool"]["docs_per_s"] / base,
            "clusterpool_no_detect_vs_tantivy_raw": ix["clusterpool_no_detect"]["docs_per_s"] / base,
            "clusterpool_vs_fts5": ix["clusterpool"]["docs_per_s"] / ix["fts5"]["docs_per_s"],
        }
        if "docs_per_s" in ix["tantivy_cli"]:
            ix["ratios"]["clusterpool_vs_tantivy_cli"] = ix["clusterpool"]["docs_per_s"] / ix["tantivy_cli"]["docs_per_s"]
    save()
    if args.indexing_only:
        return

    # 3. Queries in process.
    qs = make_queries(corpus, jsonl, args.queries, SEED)
    qfile = work / "queries.jsonl"
    with open(qfile, "w", encoding="utf-8") as f:
        for q in qs:
            f.write(json.dumps(q, ensure_ascii=False) + "\n")
    size["queries"] = {"count": len(qs), "kinds": dict(collections.Counter(
        q["kind"] + ("+filter" if q["lang"] or q["type"] else "") for q in qs)),
        "examples": [clusterpool_path(q) for q in qs[:8]]}
    if args.keep_queries:
        shutil.copy(qfile, Path(args.out).parent / f"queries-{n}.jsonl")
    size["machine_state"].append(machine_state(f"before queries, size {n}"))
    qp = size["in_process"] = {}
    modes = "full,no_xl,top1,raw,raw_docs,raw_snip" if not args.smoke else "full"
    m = measure([bins / "bench-search", "--index", idx_detect, "--queries", qfile, "--modes", modes,
                 "--warmup", 1, "--repeat", args.repeat])
    out = last_json(m["stdout"])
    qp["clusterpool"] = out["modes"]
    qp["clusterpool_open_s"] = out["open_seconds"]
    if peers:
        m = measure([bins / "bench-tantivy", "search", "--index", work / "idx-tantivy", "--queries", qfile,
                     "--warmup", 1, "--repeat", args.repeat])
        qp["tantivy_raw"] = last_json(m["stdout"])
        m = measure([sys.executable, __file__, "_fts5-search", work / "fts5.db", qfile])
        qp["fts5"] = last_json(m["stdout"])
    save()

    # 4. HTTP.
    hp = size["http"] = {}
    conns = [int(c) for c in args.conns.split(",")] if not args.smoke else []
    port = free_port()
    srv = Server("clusterpool", [cp, "--corpus", corpus, "--index", idx_detect, "serve", "--no-reindex",
                                 "--addr", f"127.0.0.1:{port}"], port, "/healthz", work / "serve-clusterpool.log")
    size["machine_state"].append(machine_state(f"before HTTP, size {n}"))
    hp["clusterpool"] = http_bench(srv, [clusterpool_path(q) for q in qs], work, conns, args.duration, cp_json_ok)
    save()
    if peers:
        tcli = tantivy_cli()
        if tcli and (work / "idx-tantivy-cli").exists():
            port = free_port()
            srv = Server("tantivy-cli", [tcli, "serve", "-i", work / "idx-tantivy-cli", "--host", "127.0.0.1",
                                         "-p", port], port, "/api/?q=body:x&nhits=1", work / "serve-tantivy.log")
            hp["tantivy_cli"] = http_bench(srv, [tantivy_cli_path(q) for q in qs], work, conns, args.duration,
                                           tcli_json_ok)
        else:
            hp["tantivy_cli"] = {"skipped": "tantivy-cli not installed"}
    size["machine_state"].append(machine_state(f"after size {n}"))
    save()

    # 5. Profile (one size only): where indexing and searching spend their CPU.
    if n == args.profile_size and not args.smoke:
        size["profile"] = profile(args, work, bins, corpus, jsonl, qfile)
        save()


def perf_top(cmd: list, data: Path, top: int = 30) -> dict:
    """`perf record` (software cpu-clock, so it works in a VM) and the flat profile."""
    if shutil.which("perf") is None:
        return {"skipped": "perf not installed"}
    m = measure(["perf", "record", "-e", "cpu-clock", "-F", "499", "-o", data, "--"] + cmd)
    rep = subprocess.run(["perf", "report", "-i", str(data), "--no-children", "--sort", "symbol",
                          "--stdio", "--percent-limit", "0.3"], capture_output=True, text=True).stdout
    rows = []
    for line in rep.splitlines():
        mm = re.match(r"\s*([\d.]+)%\s+\[[.k]\]\s+(.*\S)", line)
        if mm:
            sym = re.sub(r"\s+-\s+-$", "", mm.group(2)).strip()
            rows.append([float(mm.group(1)), sym[:160]])
    data.unlink(missing_ok=True)
    return {"wall_s": m["wall_s"], "cpu_s": m["user_s"] + m["sys_s"], "top": rows[:top]}


def profile(args, work: Path, bins: Path, corpus: Path, jsonl: Path, qfile: Path) -> dict:
    cp = bins / "clusterpool"
    out = {}
    out["index_detect"] = perf_top([cp, "--corpus", corpus, "--index", work / "prof-idx", "index", "--full",
                                    "--json"], work / "perf-index.data")
    shutil.rmtree(work / "prof-idx", ignore_errors=True)
    out["index_no_detect"] = perf_top([cp, "--corpus", corpus, "--index", work / "prof-idx", "index", "--full",
                                       "--json", "--no-detect"], work / "perf-index-nd.data")
    shutil.rmtree(work / "prof-idx", ignore_errors=True)
    out["search_full"] = perf_top([bins / "bench-search", "--index", work / "idx-detect", "--queries", qfile,
                                   "--modes", "full", "--warmup", 0, "--repeat", 3], work / "perf-search.data")
    m = measure([bins / "bench-search", "--index", work / "idx-detect", "--detect-jsonl", jsonl,
                 "--detect-limit", args.detect_limit])
    out["detect_variants"] = last_json(m["stdout"])["detect"]
    return out


# ---------------------------------------------------------------------------
# Markdown
# ---------------------------------------------------------------------------


def f1(x, nd=1):
    if x is None:
        return "–"
    if isinstance(x, (int,)) or (isinstance(x, float) and abs(x) >= 100):
        return f"{x:,.0f}"
    return f"{x:,.{nd}f}"


def docs_per_cpu(e: dict, size: dict) -> float:
    return size.get("corpus", {}).get("docs", 0) / max(1e-9, e["cpu_s"])


def render(result: dict) -> str:
    L = []
    L.append(f"# Benchmark run {result['meta']['started']}\n")
    L.append(f"Command: `{result['meta']['command']}`  ")
    mc = result["meta"]["machine"]
    L.append(f"Machine: {mc['nproc']} CPUs, {mc['cpu_model']}; kernel {mc['kernel']}\n")
    L.append("```\n" + mc["free_g"] + "\n```\n")
    sizes = result.get("sizes", {})
    L.append("## Indexing\n")
    L.append("| docs | engine | wall s | docs/s | text MB/s | CPU s | docs per CPU-s | peak RSS MB | index MB |")
    L.append("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    names = [("clusterpool", "clusterpool (detection)"), ("clusterpool_no_detect", "clusterpool --no-detect"),
             ("clusterpool_unchanged", "clusterpool unchanged re-run"), ("tantivy_raw", "raw tantivy (bench-tantivy)"),
             ("tantivy_raw_stored", "raw tantivy, body stored"), ("tantivy_cli", "tantivy-cli index"),
             ("fts5", "SQLite FTS5")]
    for n, s in sizes.items():
        for key, label in names:
            e = s.get("indexing", {}).get(key)
            if not e:
                continue
            if "skipped" in e:
                L.append(f"| {int(n):,} | {label} | skipped: {e['skipped']} | | | | | | |")
                continue
            L.append(f"| {int(n):,} | {label} | {f1(e['wall_s'], 2)} | {f1(e['docs_per_s'])} | "
                     f"{f1(e['text_mb_per_s'], 2)} | {f1(e['cpu_s'])} | "
                     f"{f1(e.get('docs_per_cpu_s') or docs_per_cpu(e, s))} | {f1(e['peak_rss_mb'])} | {f1(e['index_mb'])} |")
    L.append("")
    L.append("Ratios of docs/s (wall) and, in brackets, of docs per CPU-second:\n")
    L.append("| docs | clusterpool / raw tantivy | --no-detect / raw tantivy | clusterpool / tantivy-cli | clusterpool / FTS5 |")
    L.append("| ---: | ---: | ---: | ---: | ---: |")
    for n, s in sizes.items():
        ix = s.get("indexing", {})
        if "tantivy_raw" not in ix or "clusterpool" not in ix:
            continue

        def ratio(a, b):
            if a not in ix or b not in ix or "wall_s" not in ix[b]:
                return "–"
            w = ix[b]["wall_s"] / ix[a]["wall_s"]
            c = ix[b]["cpu_s"] / ix[a]["cpu_s"]
            return f"{w:.2f} ({c:.2f})"

        L.append(f"| {int(n):,} | {ratio('clusterpool', 'tantivy_raw')} | {ratio('clusterpool_no_detect', 'tantivy_raw')} | "
                 f"{ratio('clusterpool', 'tantivy_cli')} | {ratio('clusterpool', 'fts5')} |")
    L.append("\n## Queries in process (1 thread)\n")
    L.append("| docs | engine / mode | p50 ms | p95 ms | p99 ms | mean ms | queries/s | zero-hit |")
    L.append("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for n, s in sizes.items():
        qp = s.get("in_process", {})
        rows = [(f"clusterpool {k}", v) for k, v in qp.get("clusterpool", {}).items()]
        if "tantivy_raw" in qp:
            rows.append(("raw tantivy (top 10 + count + ids)", qp["tantivy_raw"]))
        if "fts5" in qp:
            rows.append(("FTS5 (top 10 + snippet + count)", qp["fts5"]))
        for label, v in rows:
            L.append(f"| {int(n):,} | {label} | {v['p50_ms']:.2f} | {v['p95_ms']:.2f} | {v['p99_ms']:.2f} | "
                     f"{v['mean_ms']:.2f} | {f1(v['qps_1_thread'])} | {v['zero_hits']} |")
    L.append("\n### clusterpool `full` by kind of query\n")
    L.append("| docs | kind | n | p50 ms | p95 ms | p99 ms | zero-hit |")
    L.append("| ---: | --- | ---: | ---: | ---: | ---: | ---: |")
    for n, s in sizes.items():
        full = s.get("in_process", {}).get("clusterpool", {}).get("full", {})
        for k, v in full.get("by_kind", {}).items():
            L.append(f"| {int(n):,} | {k} | {v['queries']} | {v['p50_ms']:.2f} | {v['p95_ms']:.2f} | {v['p99_ms']:.2f} | {v['zero_hits']} |")
    L.append("\n## HTTP (wrk, loopback, rotating through the query URLs)\n")
    L.append("| docs | server | conns | req/s | p50 ms | p99 ms | max ms | errors | non-2xx | server CPU ms/req | RSS peak MB |")
    L.append("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for n, s in sizes.items():
        for key, h in s.get("http", {}).items():
            for r in h.get("load", []):
                L.append(f"| {int(n):,} | {key} | {r['conns']} | {f1(r['rps'])} | {r['p50_ms']:.2f} | {r['p99_ms']:.2f} | "
                         f"{r['max_ms']:.1f} | {r['errors']} | {r['non2xx']} | {r['server_cpu_ms_per_req']:.2f} | {f1(r['rss_peak_mb'])} |")
    if len(sizes) > 1:
        L.append("\n## Growth (clusterpool)\n")
        L.append("| docs | index docs/s (detection) | docs per CPU-s | index MB | index bytes/doc | indexing peak RSS MB | "
                 "unchanged re-run s | full p50 / p99 ms (in process) | HTTP 8 conns req/s | HTTP 8 conns p99 ms | "
                 "server CPU ms/req | server RSS after load MB |")
        L.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for n, s in sizes.items():
            ix = s.get("indexing", {})
            cp, un = ix.get("clusterpool"), ix.get("clusterpool_unchanged")
            full = s.get("in_process", {}).get("clusterpool", {}).get("full")
            h = s.get("http", {}).get("clusterpool", {})
            eight = next((r for r in h.get("load", []) if r["conns"] == 8), None)
            if not cp or not un:
                continue
            L.append(f"| {int(n):,} | {f1(cp['docs_per_s'])} | {f1(cp.get('docs_per_cpu_s') or docs_per_cpu(cp, s))} | "
                     f"{f1(cp['index_mb'])} | {f1(cp['index_mb'] * MB / int(n))} | {f1(cp['peak_rss_mb'])} | {f1(un['wall_s'], 2)} | "
                     + (f"{full['p50_ms']:.2f} / {full['p99_ms']:.2f} | " if full else "– | ")
                     + (f"{f1(eight['rps'])} | {eight['p99_ms']:.1f} | {eight['server_cpu_ms_per_req']:.2f} | " if eight else "– | – | – | ")
                     + f"{f1(h.get('rss_after_mb'))} |")
    L.append("\n## Server start-up and memory\n")
    L.append("| docs | server | start-up ms (to first 200) | RSS idle MB | RSS after warm-up MB | RSS after load MB | warm-up failures |")
    L.append("| ---: | --- | ---: | ---: | ---: | ---: | ---: |")
    for n, s in sizes.items():
        for key, h in s.get("http", {}).items():
            if "startup_s" in h:
                L.append(f"| {int(n):,} | {key} | {h['startup_s'] * 1000:.0f} | {f1(h['rss_idle_mb'])} | "
                         f"{f1(h['rss_warm_mb'])} | {f1(h.get('rss_after_mb'))} | {h['warmup_bad']} |")
    for n, s in sizes.items():
        prof = s.get("profile")
        if not prof:
            continue
        L.append(f"\n## Profile at {int(n):,} documents\n")
        dv = prof.get("detect_variants")
        if dv:
            L.append(f"Language detection alone, {dv['docs']} bodies (mean {dv['mean_body_chars']:.0f} chars):\n")
            L.append("| detector | ms per doc (1 thread) | accuracy vs generator |")
            L.append("| --- | ---: | ---: |")
            for name, v in dv["variants"].items():
                L.append(f"| {name} | {v['ms_per_doc']:.2f} | {v['accuracy'] * 100:.1f} % |")
        for key in ("index_detect", "index_no_detect", "search_full"):
            pr = prof.get(key, {})
            if "top" not in pr:
                continue
            L.append(f"\n`{key}` (perf, cpu-clock; wall {pr['wall_s']:.1f} s, CPU {pr['cpu_s']:.1f} s), top symbols:\n")
            L.append("| % | symbol |")
            L.append("| ---: | --- |")
            for pct, sym in pr["top"][:15]:
                L.append(f"| {pct:.1f} | `{sym}` |")
    L.append("\n## Machine state during the run\n")
    L.append("| docs | when | note | load avg (1/5/15) | busy processes (CPU %, nice) |")
    L.append("| ---: | --- | --- | --- | --- |")
    for n, s in sizes.items():
        for st in s.get("machine_state", []):
            busy = ", ".join(f"{b['name']} {b['cpu_pct']}% (nice {b['nice']}{', ' + b['autogroup'] if 'autogroup' in b else ''})"
                             for b in st.get("busy", []))
            L.append(f"| {int(n):,} | {st['when']} | {st['note']} | {' / '.join(f'{x:.2f}' for x in st['loadavg'])} | {busy or '–'} |")
    return "\n".join(L) + "\n"


# ---------------------------------------------------------------------------
# Smoke
# ---------------------------------------------------------------------------


def smoke(args) -> int:
    bins = bin_dir()
    missing = [b for b in ("clusterpool", "gen-corpus", "bench-search") if not (bins / b).exists()]
    if missing:
        print(f"smoke: missing binaries in {bins}: {', '.join(missing)} "
              "(cargo build --release --bins)", file=sys.stderr)
        return 1
    args.no_peers = True
    args.queries = 60
    args.repeat = 1
    result = {"meta": {"started": dt.datetime.now().isoformat(timespec="seconds"),
                       "command": " ".join(sys.argv), "machine": machine(), "smoke": True}}
    out = Path(args.out) if args.out else None
    work = Path(tempfile.mkdtemp(prefix="cp-bench-smoke-"))
    args.out = str(out or work / "smoke.json")
    failures = []
    try:
        def save():
            Path(args.out).write_text(json.dumps(result, indent=1), encoding="utf-8")
        run_size(200, args, work, bins, result, save)
        s = result["sizes"]["200"]
        ix = s["indexing"]
        if ix["clusterpool"]["indexed"] != 200:
            failures.append(f"indexed {ix['clusterpool']['indexed']} of 200")
        if ix["clusterpool_no_detect"]["indexed"] != 200:
            failures.append("--no-detect did not index 200")
        full = s["in_process"]["clusterpool"]["full"]
        if full["queries"] != args.queries:
            failures.append("bench-search did not run every query")
        if full["zero_hits"] == full["queries"]:
            failures.append("every query found nothing")
        h = s["http"]["clusterpool"]
        if h.get("warmup_bad"):
            failures.append(f"{h['warmup_bad']} HTTP answers were not 200 with hits and facets")
        save()
    except Exception as e:  # noqa: BLE001 - any failure fails the smoke run
        failures.append(f"{type(e).__name__}: {e}")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    if failures:
        for f in failures:
            print("smoke: FAIL:", f, file=sys.stderr)
        return 1
    s = result["sizes"]["200"]
    print(f"smoke: ok: indexed 200 docs in {s['indexing']['clusterpool']['wall_s']:.2f} s, "
          f"unchanged re-run {s['indexing']['clusterpool_unchanged']['wall_s']:.2f} s, "
          f"search p50 {s['in_process']['clusterpool']['full']['p50_ms']:.2f} ms, "
          f"server up in {s['http']['clusterpool']['startup_s'] * 1000:.0f} ms")
    return 0


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "_fts5-index":
        print(json.dumps(fts5_index(Path(sys.argv[2]), Path(sys.argv[3]))))
        return 0
    if len(sys.argv) > 1 and sys.argv[1] == "_fts5-search":
        print(json.dumps(fts5_search(Path(sys.argv[2]), Path(sys.argv[3]))))
        return 0
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000,100000", help="comma-separated corpus sizes")
    ap.add_argument("--out", help="result JSON (a .md rendering is written beside it)")
    ap.add_argument("--queries", type=int, default=500, help="queries in the workload")
    ap.add_argument("--repeat", type=int, default=1, help="timed passes over the workload in process")
    ap.add_argument("--duration", type=int, default=15, help="seconds per wrk run")
    ap.add_argument("--conns", default="1,8,64", help="wrk connection counts")
    ap.add_argument("--no-peers", action="store_true", help="clusterpool only")
    ap.add_argument("--workdir", help="parent of the temporary folders (default: system temp)")
    ap.add_argument("--keep", action="store_true", help="keep corpora and indexes")
    ap.add_argument("--keep-queries", action="store_true", help="copy each query file beside --out")
    ap.add_argument("--profile-size", type=int, default=10000,
                    help="size at which to run perf and the detection experiment (0: never)")
    ap.add_argument("--detect-limit", type=int, default=1000, help="documents for the detection experiment")
    ap.add_argument("--indexing-only", action="store_true", help="stop each size after indexing (no queries, no HTTP)")
    ap.add_argument("--render", metavar="JSON", help="only rewrite JSON's .md from its figures")
    ap.add_argument("--smoke", action="store_true", help="200 docs, no peers, exit 1 on any failure")
    args = ap.parse_args()
    if psutil is None:
        print("bench/run.py needs psutil: pip install psutil", file=sys.stderr)
        return 1
    if args.render:
        src = Path(args.render)
        src.with_suffix(".md").write_text(render(json.loads(src.read_text(encoding="utf-8"))), encoding="utf-8")
        return 0
    if args.smoke:
        return smoke(args)
    if not args.out:
        args.out = str(ROOT / "bench" / "results" / f"{dt.date.today().isoformat()}.json")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    bins = bin_dir()
    result = {"meta": {
        "started": dt.datetime.now().isoformat(timespec="seconds"),
        "command": "python3 bench/run.py " + " ".join(sys.argv[1:]),
        "machine": machine(), "bin_dir": str(bins), "seed": SEED,
        "tantivy_cli": str(tantivy_cli()) if tantivy_cli() else None,
        "wrk": shutil.which("wrk"), "sqlite": sqlite3.sqlite_version,
        "git": subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True).stdout.strip(),
        "git_dirty": bool(subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "src"],
                                         capture_output=True, text=True).stdout.strip()),
    }}

    def save():
        text = json.dumps(result, indent=1, ensure_ascii=False)
        # Results are committed: they name commands, not this machine's folders.
        text = text.replace(sys.executable, "python3").replace(str(ROOT) + "/", "./")
        text = text.replace(str(bins), "$CLUSTERPOOL_BIN_DIR")
        # Anything else under the home folder keeps only its last component.
        text = re.sub(re.escape(str(Path.home())) + r"/[^\s\"']*/([^/\s\"']+)", r"\1", text)
        out.write_text(text, encoding="utf-8")
        out.with_suffix(".md").write_text(render(result), encoding="utf-8")

    rc = 0
    for n in [int(x) for x in args.sizes.split(",") if x.strip()]:
        work = Path(tempfile.mkdtemp(prefix=f"cp-bench-{n}-", dir=args.workdir))
        log(f"size {n}: working in {work}")
        try:
            run_size(n, args, work, bins, result, save)
        except Exception as e:  # noqa: BLE001 - record and go on with the next size
            log(f"size {n} failed: {e}")
            result["sizes"].setdefault(str(n), {})["error"] = f"{type(e).__name__}: {e}"
            rc = 1
        finally:
            result["meta"]["finished"] = dt.datetime.now().isoformat(timespec="seconds")
            save()
            if not args.keep:
                shutil.rmtree(work, ignore_errors=True)
    log(f"results: {out} and {out.with_suffix('.md')}")
    return rc


if __name__ == "__main__":
    sys.exit(main())
