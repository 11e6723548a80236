#!/usr/bin/env python3
"""Two clusterpool builds served side by side over HTTP: the same index, queries and
load, the builds alternating from round to round, for a change that cannot be
switched by a flag (an allocator, a compiler setting).

    python3 bench/ab_http.py --index DIR --queries FILE --a NAME=BINARY --b NAME=BINARY
                             [--index-a DIR] [--with-log] [--rounds 3] [--seconds 15]
                             [--conns 8] [--out FILE.json]

`--index` and `--queries` as for bench/querylog.py (`bench/typos_suggest.py
--workdir W` leaves both in `W/cp-typing-*/`). Each run starts `BINARY serve
--no-reindex --no-semantic --no-query-log` (`--with-log`: without the last, for
builds older than the query log, and as bench/run.py serves), asks every query once unmeasured, then
puts `wrk` on it (bench/run.py's rotating script and summary). `--index-a` gives
build A an index of its own, for a build older than the index layout (built by it
from the same corpus). Printed and written:
per build, the median over rounds of requests/s, p50, p99 and the server's CPU per
request, with the rounds' range of requests/s."""

import argparse
import datetime as dt
import json
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run as bench  # noqa: E402  (server, wrk, query paths, machine)

ROOT = Path(__file__).resolve().parent.parent


def one(args, name: str, binary: str, index: Path, paths_file: Path, paths: list[str]) -> dict:
    port = bench.free_port()
    cmd = [binary, "--index", index, "serve", "--no-reindex", "--no-semantic",
           *([] if args.with_log else ["--no-query-log"]), "--addr", f"127.0.0.1:{port}"]
    server = bench.Server(name, cmd, port, "/healthz", args.workdir / f"ab-{name}.log")
    server.start()
    try:
        for p in paths:
            bench.http_get(f"http://127.0.0.1:{port}{p}", timeout=30)
        return bench.wrk(port, paths_file, args.conns, args.seconds, server)
    finally:
        server.stop()


def build(text: str) -> tuple[str, str]:
    name, _, binary = text.partition("=")
    if not name or not binary or not Path(binary).is_file():
        raise argparse.ArgumentTypeError(f"expected NAME=BINARY with an existing file, got {text!r}")
    return name, binary


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--index", type=Path, required=True)
    ap.add_argument("--queries", type=Path, required=True)
    ap.add_argument("--a", type=build, required=True)
    ap.add_argument("--b", type=build, required=True)
    ap.add_argument("--index-a", type=Path)
    ap.add_argument("--with-log", action="store_true")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--seconds", type=int, default=15)
    ap.add_argument("--conns", type=int, default=8)
    ap.add_argument("--workdir", type=Path, default=Path("/tmp"))
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / f"ab-http-{dt.date.today()}.json")
    args = ap.parse_args()
    builds = dict([args.a, args.b])
    indexes = {args.a[0]: args.index_a or args.index, args.b[0]: args.index}
    queries = [json.loads(line) for line in args.queries.read_text(encoding="utf-8").splitlines() if line.strip()]
    paths = [bench.clusterpool_path(q) for q in queries]
    paths_file = args.workdir / "ab-paths.txt"
    paths_file.write_text("\n".join(paths) + "\n", encoding="utf-8")
    runs = {name: [] for name in builds}
    for r in range(args.rounds):
        order = list(builds) if r % 2 == 0 else list(reversed(builds))
        for name in order:
            runs[name].append(one(args, name, builds[name], indexes[name], paths_file, paths))
        bench.log(f"round {r + 1} of {args.rounds} done")
    summary = {}
    for name, rs in runs.items():
        summary[name] = {m: statistics.median(x[m] for x in rs)
                         for m in ("rps", "p50_ms", "p99_ms", "server_cpu_ms_per_req")}
        summary[name]["rps_range"] = [min(x["rps"] for x in rs), max(x["rps"] for x in rs)]
        summary[name]["errors"] = sum(x["errors"] + x["non2xx"] for x in rs)
    machine = bench.machine()
    lines = [f"{len(paths)} queries, {args.conns} connections, {args.seconds} s per run, {args.rounds} rounds; "
             f"{machine['cpu_model']} ({machine['nproc']} cores)", "",
             "| build | req/s (rounds' range) | p50 ms | p99 ms | server CPU ms/req | errors |",
             "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for name, s in summary.items():
        lines.append(f"| {name} | {s['rps']:.0f} ({s['rps_range'][0]:.0f}–{s['rps_range'][1]:.0f}) | "
                     f"{s['p50_ms']:.2f} | {s['p99_ms']:.2f} | {s['server_cpu_ms_per_req']:.2f} | {s['errors']} |")
    table = "\n".join(lines) + "\n"
    print(table)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"command": " ".join(sys.argv), "machine": machine, "commit": bench.commit(),
                                    "builds": builds, "indexes": {k: str(v) for k, v in indexes.items()}, "when": dt.datetime.now().isoformat(timespec="seconds"),
                                    "summary": summary, "runs": runs}, indent=1))
    args.out.with_suffix(".md").write_text(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
