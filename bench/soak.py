#!/usr/bin/env python3
"""Soak test for clusterpool: 64 concurrent keep-alive connections of mixed searches
for 60 s (loopback only, bounded in time) while a curator reindexes every 10 s.

Reports requests/s, p50/p99 latency, the status counts (503 `overloaded`/`timeout`
are the server's deliberate answers; anything else that is not 200 is an error),
and the server's resident memory before, after and at its peak.

    python3 bench/soak.py [--docs 10000] [--seconds 60] [--connections 64]
                          [--reindex-every 10] [--semantic] [--bin PATH] [--out FILE]

Standard library only. It generates a corpus with gen-corpus, indexes it, starts
`clusterpool serve` with an admin token, and stops everything it started. Search
by meaning is off (`--no-semantic`) unless `--semantic` is given: with the model
at hand, indexing would embed every document first (about an hour for 10,000 on
two cores).
"""

import argparse
import http.client
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.expanduser("~/.cache/clusterpool-target"))


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def queries(seed, n):
    """Mixed searches: words from the real frequency lists, two-word queries,
    phrases, with and without facet filters, a few pages deep."""
    rng = random.Random(seed)
    words = {}
    for lang in ["en", "da", "sv", "lv", "lt", "et", "pl", "de", "fi"]:
        with open(os.path.join(ROOT, "bench", "words", f"{lang}.tsv"), encoding="utf-8") as f:
            words[lang] = [line.split("\t")[0] for line in f][:1500]
    out = []
    for _ in range(n):
        lang = rng.choice(list(words))
        w = words[lang]
        kind = rng.random()
        if kind < 0.4:
            q = rng.choice(w)
        elif kind < 0.75:
            q = f"{rng.choice(w)} {rng.choice(w)}"
        else:
            q = f'"{rng.choice(w)} {rng.choice(w)}"'
        params = [("q", q)]
        if rng.random() < 0.4:
            params.append(("lang", lang))
        if rng.random() < 0.3:
            params.append(("type", rng.choice(["tool", "case-study", "programme", "presentation"])))
        if rng.random() < 0.1:
            params.append(("page", str(rng.randint(2, 5))))
        out.append("/api/search?" + urllib.parse.urlencode(params))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=10000)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--connections", type=int, default=64)
    ap.add_argument("--reindex-every", type=float, default=10)
    ap.add_argument("--bin", default=os.path.join(TARGET, "release", "clusterpool"))
    ap.add_argument("--gen", default=os.path.join(TARGET, "release", "gen-corpus"))
    ap.add_argument("--out", default=None)
    ap.add_argument("--semantic", action="store_true")
    args = ap.parse_args()
    meaning = [] if args.semantic else ["--no-semantic"]

    work = tempfile.mkdtemp(prefix="clusterpool-soak-")
    corpus, index = os.path.join(work, "corpus"), os.path.join(work, "index")
    server = None
    try:
        subprocess.run([args.gen, "--docs", str(args.docs), "--seed", "7", "--out", corpus,
                        "--words", os.path.join(ROOT, "bench", "words")],
                       check=True, stdout=subprocess.DEVNULL)
        subprocess.run([args.bin, "--corpus", corpus, "--index", index, *meaning, "index"],
                       check=True, stdout=subprocess.DEVNULL)
        token = "soak-token"
        env = dict(os.environ, CLUSTERPOOL_ADMIN_TOKEN=token)
        server = subprocess.Popen(
            [args.bin, "--corpus", corpus, "--index", index, *meaning, "serve", "--no-reindex",
             "--addr", "127.0.0.1:0"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True)
        line = server.stdout.readline()
        port = int(line.strip().rsplit(":", 1)[1])
        urls = queries(7, 2000)

        # Warm up, then measure memory at rest.
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        for u in urls[:200]:
            conn.request("GET", u)
            conn.getresponse().read()
        conn.close()
        rss_before = rss_kib(server.pid)

        stop_at = time.monotonic() + args.seconds
        lock = threading.Lock()
        latencies, statuses, errors = [], {}, []
        peak = [rss_before]

        def worker(i):
            rng = random.Random(i)
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            local_lat, local_status = [], {}
            while time.monotonic() < stop_at:
                u = rng.choice(urls)
                t0 = time.perf_counter()
                try:
                    c.request("GET", u)
                    r = c.getresponse()
                    body = r.read()
                    status = r.status
                    if status == 503:
                        code = json.loads(body)["error"]["code"]
                        status = f"503 {code}"
                except Exception as e:  # a connection error is an error
                    status = f"exception {type(e).__name__}"
                    c.close()
                    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                local_lat.append(time.perf_counter() - t0)
                local_status[status] = local_status.get(status, 0) + 1
            with lock:
                latencies.extend(local_lat)
                for k, v in local_status.items():
                    statuses[k] = statuses.get(k, 0) + v

        reindexes = []

        def curator():
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            n = 0
            while time.monotonic() + args.reindex_every < stop_at + 0.5:
                time.sleep(args.reindex_every)
                # A real change each time, so the run extracts and commits.
                note = os.path.join(corpus, "gen", f"soak-{n}.md")
                with open(note, "w") as f:
                    f.write(f"---\ntitle: Soak note {n}\ntype: other\n---\nSoak note number {n} about clusters.\n")
                t0 = time.perf_counter()
                c.request("POST", "/api/admin/reindex", headers={"Authorization": f"Bearer {token}"})
                r = c.getresponse()
                body = json.loads(r.read())
                reindexes.append({"status": r.status, "seconds": round(time.perf_counter() - t0, 3),
                                  "added": body.get("added"), "docs": body.get("docs_in_index")})
                n += 1

        def sampler():
            while time.monotonic() < stop_at:
                peak[0] = max(peak[0], rss_kib(server.pid))
                time.sleep(0.5)

        threads = [threading.Thread(target=worker, args=(i,)) for i in range(args.connections)]
        threads += [threading.Thread(target=curator), threading.Thread(target=sampler)]
        t_start = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - t_start
        time.sleep(2)
        rss_after = rss_kib(server.pid)

        latencies.sort()
        total = len(latencies)
        unexpected = sum(v for k, v in statuses.items()
                         if k != 200 and k not in ("503 overloaded", "503 timeout"))
        result = {
            "date": time.strftime("%Y-%m-%d %H:%M"),
            "docs": args.docs, "connections": args.connections, "seconds": round(elapsed, 1),
            "requests": total, "requests_per_s": round(total / elapsed, 1),
            "p50_ms": round(latencies[total // 2] * 1000, 2),
            "p99_ms": round(latencies[int(total * 0.99)] * 1000, 2),
            "statuses": {str(k): v for k, v in sorted(statuses.items(), key=lambda x: str(x[0]))},
            "unexpected_errors": unexpected,
            "reindexes": reindexes,
            "rss_mib": {"before": round(rss_before / 1024, 1), "peak": round(peak[0] / 1024, 1),
                        "after": round(rss_after / 1024, 1)},
        }
        text = json.dumps(result, indent=2)
        print(text)
        if args.out:
            with open(args.out, "w") as f:
                f.write(text + "\n")
        ok = unexpected == 0 and all(r["status"] == 200 for r in reindexes)
        return 0 if ok else 1
    finally:
        if server:
            server.terminate()
            server.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
