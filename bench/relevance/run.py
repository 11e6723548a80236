#!/usr/bin/env python3
"""Relevance benchmark on LibreOffice's help: clusterpool against Lucene BM25 (Anserini)
and SQLite FTS5, per language and cross-lingually (English queries, pages in L).

    python3 bench/relevance/run.py [--out bench/results/relevance-YYYY-MM-DD.json]
                                   [--variants name=SPEC ...] [--systems ...] [--langs ...]

See README.md beside this file for what is built and the rules it follows.
"""

import argparse
import datetime
import json
import os
import platform
import re
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import lohelp  # noqa: E402
import metrics  # noqa: E402
import systems  # noqa: E402

REPO = HERE.parents[1]
PEERS = ["lucene", "fts5", "fts5-or"]
ALL_SYSTEMS = PEERS + ["clusterpool"]


class CommandFailed(RuntimeError):
    pass


class Recorder:
    """Runs commands, times them, and keeps the record for OUT.json."""

    def __init__(self):
        self.commands = []
        self.steps = []

    def note(self, message, seconds):
        self.steps.append({"step": message, "seconds": round(seconds, 3)})
        print(f"  [{seconds:7.2f} s] {message}", flush=True)

    def run(self, cmd, cwd=None, log_path=None, step=None, capture=False, stdout=None):
        cmd = [str(c) for c in cmd]
        t0 = time.time()
        err_file = open(log_path, "w", encoding="utf-8") if log_path else None
        try:
            if capture:
                out_target = subprocess.PIPE
            elif stdout is not None:
                out_target = stdout
            else:
                out_target = err_file if err_file else subprocess.PIPE
            err_target = err_file if err_file else subprocess.PIPE
            p = subprocess.run(cmd, cwd=cwd, stdout=out_target, stderr=err_target, text=True)
        finally:
            if err_file:
                err_file.close()
        secs = time.time() - t0
        rec = {"cmd": cmd, "cwd": str(cwd) if cwd else None, "seconds": round(secs, 3),
               "rc": p.returncode, "log": str(log_path) if log_path else None}
        self.commands.append(rec)
        self.note(step or " ".join(Path(c).name if i == 0 else c for i, c in enumerate(cmd))[:100], secs)
        if p.returncode != 0:
            tail = ""
            if log_path:
                tail = Path(log_path).read_text(errors="replace")[-1500:]
            elif p.stderr:
                tail = p.stderr[-1500:]
            raise CommandFailed(f"exit {p.returncode}: {' '.join(cmd)}\n{tail}")
        return p.stdout if capture else None


def machine():
    def sh(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True).stdout.strip()
        except OSError:
            return None
    cpu = None
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"uname": sh(["uname", "-a"]), "nproc": sh(["nproc"]), "cpu_model": cpu,
            "python": platform.python_version(), "loadavg": open("/proc/loadavg").read().strip()}


def repo_state():
    def git(*args):
        return subprocess.run(["git", "-C", str(REPO), *args], capture_output=True, text=True).stdout.strip()
    return {"commit": git("rev-parse", "HEAD"), "dirty": bool(git("status", "--porcelain"))}


def parse_list(values):
    out = []
    for v in values or []:
        out.extend(x for x in v.replace(",", " ").split() if x)
    return out


def fmt(v, metric):
    if v is None:
        return "—"
    return str(v) if metric == "zero" else f"{v:.3f}"


def table(kind, set_names, results, sys_names, set_info):
    """Markdown table: rows = sets + overall; columns = queries, systems × metrics."""
    head = ["set", "queries"] + [f"{s} {metrics.LABELS[m]}" for s in sys_names for m in metrics.METRICS]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for name in set_names + ["overall"]:
        label = "**overall**" if name == "overall" else (name.replace("-", "→") if kind == "cross" else name)
        n = set_info[name]["queries"] if name != "overall" else sum(set_info[s]["queries"] for s in set_names)
        cells = [label, str(n)]
        for s in sys_names:
            r = results.get(s, {}).get(name)
            if r is None or "error" in r:
                cells += ["err" if r else "—"] * len(metrics.METRICS)
            else:
                cells += [fmt(r[m], m) for m in metrics.METRICS]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def portable(text):
    """The results name no path of this machine: the checkout becomes `.`, the
    clusterpool binary `clusterpool`, Java `java`, the interpreter `python3`; a path
    in the relevance cache, or anything else under the home folder, keeps only its
    last component (`cp-en`, `index`), the cache itself is `relevance-cache`."""
    java = os.environ.get("JAVA") or ""
    pairs = [(sys.executable, "python3"), (str(systems.clusterpool_bin()), "clusterpool"),
             (str(lohelp.cache_dir()), "relevance-cache"), (os.getcwd() + "/", ""), (os.getcwd(), ".")]
    if java:
        pairs.append((java, "java"))
    for path, name in pairs:
        text = text.replace(json.dumps(path)[1:-1], name).replace(path, name)
    text = cache_paths_to_names(text)
    return home_paths_to_names(text)


def cache_paths_to_names(text):
    """`relevance-cache/a/b/c` keeps only `c`."""
    return re.sub(r"relevance-cache/(?:[^\s\"'/]+/)*([^\s\"'/]+)", r"\1", text)


def home_paths_to_names(text):
    """A path still under the home folder (`~/…` or the folder itself) keeps only its
    last component."""
    home = re.escape(str(Path.home()))
    return re.sub(r"(?:~|" + home + r")/[^\s\"']*/([^/\s\"']+)", r"\1", text)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", help="OUT.json (OUT.md beside it); default bench/results/relevance-TODAY.json")
    ap.add_argument("--variants", nargs="*", default=[],
                    help="name=SPEC pairs: one more clusterpool run each, with --ranking SPEC")
    ap.add_argument("--no-xl-variant", action="store_true",
                    help="also run clusterpool with --no-cross-lingual, as system clusterpool[no-xl]")
    ap.add_argument("--words-variant", action="store_true",
                    help="also run clusterpool with --no-semantic (words only), as system clusterpool[words]")
    ap.add_argument("--systems", nargs="*", help=f"subset of {', '.join(ALL_SYSTEMS)} (default: all)")
    ap.add_argument("--langs", nargs="*", help=f"subset of {', '.join(lohelp.LANGS)} (default: all)")
    ap.add_argument("--no-cross", action="store_true", help="skip the cross-lingual sets")
    ap.add_argument("--no-cache", action="store_true", help="recompute Lucene indexes and runs")
    ap.add_argument("--work", help="folder for clusterpool's indexes (default CACHE/work)")
    args = ap.parse_args()

    started = time.time()
    today = datetime.date.today().isoformat()
    out = Path(args.out) if args.out else REPO / "bench" / "results" / f"relevance-{today}.json"
    langs = parse_list(args.langs) or list(lohelp.LANGS)
    bad = [lang for lang in langs if lang not in lohelp.LANGS]
    if bad:
        ap.error(f"unknown language(s): {bad}")
    wanted = parse_list(args.systems) or list(ALL_SYSTEMS)
    bad = [s for s in wanted if s not in ALL_SYSTEMS]
    if bad:
        ap.error(f"unknown system(s): {bad}")
    variants = []
    for v in args.variants:
        if "=" not in v:
            ap.error(f"--variants wants name=SPEC, got {v!r}")
        name, spec = v.split("=", 1)
        variants.append((f"clusterpool[{name}]", ["--ranking", spec]))

    cache = lohelp.cache_dir()
    work = Path(args.work) if args.work else cache / "work"
    rec = Recorder()
    report = {"generated": datetime.datetime.now().isoformat(timespec="seconds"),
              "command": [sys.executable, *sys.argv], "cwd": os.getcwd(), "machine": machine(),
              "repo": repo_state(), "cache": str(cache), "langs": langs, "systems": {},
              "skipped": {}}

    print("== data")
    t0 = time.time()
    raw = lohelp.fetch_packages(cache, rec)
    rec.note("packages (download + extract of the six allowed modules)", time.time() - t0)
    t0 = time.time()
    desc, sets = lohelp.build_sets(raw, cache, rec, langs=langs, cross=not args.no_cross)
    rec.note("corpus, docs and query sets", time.time() - t0)
    report["data"] = {"packages": lohelp.package_versions(cache), "modules": lohelp.MODULES, **desc}
    mono = [lang for lang in lohelp.LANGS if lang in langs]
    cross = [f"en-{lang}" for lang in mono if lang != "en" and not args.no_cross]
    set_info = {}
    for lang in mono:
        set_info[lang] = desc["languages"][lang]
    for name in cross:
        set_info[name] = desc["crosslingual"][name]
    print("\n| lang | pages | entries | dropped untranslated | queries | en→L queries |")
    print("|---|---|---|---|---|---|")
    for lang in mono:
        d = desc["languages"][lang]
        x = desc["crosslingual"].get(f"en-{lang}", {}).get("queries", "—")
        print(f"| {lang} | {d['pages']} | {d['entries']['kept']} | {d['dropped_untranslated']} | {d['queries']} | {x} |")
    print()

    qrels = {name: json.loads(Path(sets[name]["qrels"]).read_text(encoding="utf-8")) for name in mono + cross}
    runs = {}  # system -> set -> run path (or exception text)
    sys_names = []
    index_langs = sorted({sets[name]["index_lang"] for name in mono + cross}, key=lohelp.LANGS.index)
    docs = {lang: desc["languages"][lang]["docs"] for lang in index_langs}

    if "lucene" in wanted:
        print("== lucene (Anserini)")
        lucene = systems.Lucene(cache, rec, use_cache=not args.no_cache)
        info = {"setup": None, "index": {}, "search": {}}
        report["systems"]["lucene"] = info
        try:
            info["setup"] = lucene.setup()
            keys = {}
            for lang in index_langs:
                i = lucene.index(lang, docs[lang])
                info["index"][lang] = i
                keys[lang] = i["key"]
            sys_names.append("lucene")
            runs["lucene"] = {}
            for name in mono + cross:
                lang = sets[name]["index_lang"]
                try:
                    run, sinfo = lucene.search(name, lang, sets[name]["queries"], keys[lang])
                    runs["lucene"][name] = run
                    info["search"][name] = sinfo
                except CommandFailed as e:
                    runs["lucene"][name] = str(e)
        except (CommandFailed, OSError) as e:
            report["skipped"]["lucene"] = str(e)
            print(f"  lucene skipped: {e}")

    fts_variants = [v for v in ("fts5", "fts5-or") if v in wanted]
    if fts_variants:
        print("== fts5")
        fts = systems.Fts5(cache, rec)
        for v in fts_variants:
            report["systems"][v] = {"setup": fts.setup(), "index": {}, "search": {}}
            runs[v] = {}
            sys_names.append(v)
        for lang in index_langs:
            i = fts.index(lang, docs[lang])
            for v in fts_variants:
                report["systems"][v]["index"][lang] = i
        for name in mono + cross:
            for v in fts_variants:
                run, sinfo = fts.search(name, sets[name]["index_lang"], sets[name]["queries"], v)
                runs[v][name] = run
                report["systems"][v]["search"][name] = sinfo

    if "clusterpool" in wanted:
        print("== clusterpool")
        cp = systems.Clusterpool(cache, rec, work)
        ok, setup = cp.setup(need_ranking=bool(variants))
        cp_systems = [("clusterpool", [])] + variants
        if args.no_xl_variant:
            cp_systems.append(("clusterpool[no-xl]", ["--no-cross-lingual"]))
        if args.words_variant:
            cp_systems.append(("clusterpool[words]", ["--no-semantic"]))
        for s, _ in cp_systems:
            report["systems"][s] = {"setup": setup, "index": {}, "search": {}}
        if not ok:
            for s, _ in cp_systems:
                report["skipped"][s] = setup["skipped"]
            print(f"  clusterpool skipped: {setup['skipped']}")
        else:
            try:
                for lang in index_langs:
                    i = cp.index(lang, cache / "corpus" / lang)
                    for s, _ in cp_systems:
                        report["systems"][s]["index"][lang] = i
                for s, extra in cp_systems:
                    sys_names.append(s)
                    runs[s] = {}
                    for name in mono + cross:
                        try:
                            run, sinfo = cp.search(name, sets[name]["index_lang"], sets[name]["queries"], s, extra)
                            runs[s][name] = run
                            report["systems"][s]["search"][name] = sinfo
                        except CommandFailed as e:
                            runs[s][name] = str(e)
            except CommandFailed as e:
                for s, _ in cp_systems:
                    report["skipped"][s] = str(e)
                    if s in sys_names:
                        sys_names.remove(s)
                print(f"  clusterpool failed: {e}")

    print("== metrics")
    results = {"mono": {}, "cross": {}}
    per_query = {}
    for s in sys_names:
        per_query[s] = {}
        for kind, names in (("mono", mono), ("cross", cross)):
            res = results[kind].setdefault(s, {})
            pooled = []
            for name in names:
                run = runs[s].get(name)
                if run is None or isinstance(run, str):
                    res[name] = {"error": run or "no run"}
                    continue
                r = metrics.read_run(run)
                pq = metrics.per_query(r, qrels[name])
                per_query[s][name] = pq
                res[name] = metrics.aggregate(list(pq.values()))
                unknown = metrics.unknown_qids(r, qrels[name])
                if unknown:
                    res[name]["unknown_qids"] = unknown[:20]
                pooled.extend(pq.values())
            if names:
                res["overall"] = metrics.aggregate(pooled)
                if any("error" in res[n] for n in names):
                    res["overall"]["incomplete"] = True
    report["results"] = results
    pq_path = cache / "results" / f"{out.stem}-per-query.json"
    pq_path.parent.mkdir(parents=True, exist_ok=True)
    pq_path.write_text(json.dumps(per_query, ensure_ascii=False), encoding="utf-8")
    report["per_query_file"] = str(pq_path)
    report["timings"] = rec.steps
    report["commands"] = rec.commands
    report["seconds_total"] = round(time.time() - started, 1)

    md = portable(render(report, mono, cross, sys_names, set_info))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(portable(json.dumps(report, ensure_ascii=False, indent=1)) + "\n", encoding="utf-8")
    out.with_suffix(".md").write_text(md, encoding="utf-8")
    print()
    print(md)
    print(f"wrote {out} and {out.with_suffix('.md')} in {report['seconds_total']} s")


def render(report, mono, cross, sys_names, set_info):
    m = report["machine"]
    lines = [f"# Relevance on LibreOffice help — {report['generated'][:10]}", "",
             f"Machine: {m['cpu_model']}, {m['nproc']} cores; `{m['uname']}`.",
             f"Repo: {report['repo']['commit'][:12]}{' (dirty)' if report['repo']['dirty'] else ''}. "
             f"Total {report['seconds_total']} s.", "",
             "Command: `" + " ".join(report["command"]) + "`", "",
             "Modules: " + ", ".join(lohelp.MODULES) + " (text/swriter, text/scalc and text/shared are held out).",
             "Metrics at 10, binary gains; `zero` = queries with an empty result list; "
             "overall = mean over all queries of all sets pooled.", "",
             "## Query sets", "",
             "| lang | pages | entries in modules | dropped untranslated | queries | relevant/query | en→L queries |",
             "|---|---|---|---|---|---|---|"]
    for lang in mono:
        d = report["data"]["languages"][lang]
        x = report["data"]["crosslingual"].get(f"en-{lang}", {}).get("queries", "—")
        lines.append(f"| {lang} | {d['pages']} | {d['entries']['kept']} | {d['dropped_untranslated']} | "
                     f"{d['queries']} | {d['relevant_mean']} | {x} |")
    lines += ["", "## Monolingual (queries and pages in the same language)", "",
              table("mono", mono, report["results"]["mono"], sys_names, set_info)]
    if cross:
        lines += ["", "## Cross-lingual (English queries, pages in L)", "",
                  table("cross", cross, report["results"]["cross"], sys_names, set_info)]
    notes = []
    lu = report["systems"].get("lucene", {})
    if lu.get("index"):
        an = ", ".join(f"{lang}: {i.get('analyzer')}" for lang, i in lu["index"].items())
        notes.append(f"Lucene analyzers (from Anserini's log): {an}.")
        probs = {n: s["log_problem_count"] for n, s in lu.get("search", {}).items() if s.get("log_problem_count")}
        notes.append("Anserini query errors in the search logs: " + (json.dumps(probs) if probs else "none") + ".")
    for v in ("fts5", "fts5-or"):
        f = report["systems"].get(v, {})
        errs = {n: s["query_errors"] for n, s in f.get("search", {}).items() if s.get("query_errors")}
        if f:
            notes.append(f"{v} query errors (counted as no hit): " + (json.dumps(errs) if errs else "none") + ".")
    for s, why in report["skipped"].items():
        notes.append(f"{s} skipped: {why.splitlines()[0]}")
    if notes:
        lines += ["", "## Notes", ""] + [f"- {n}" for n in notes]
    lines += ["", "## Timings", "", "| step | s |", "|---|---|"]
    lines += [f"| {t['step']} | {t['seconds']} |" for t in report["timings"]]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
