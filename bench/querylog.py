#!/usr/bin/env python3
"""What the query log costs a search over HTTP: the same server, index and load,
with the log on and with `--no-query-log`.

    python3 bench/querylog.py --index DIR --queries FILE [--rounds 3] [--seconds 15]
                              [--conns 8] [--out bench/results/querylog-DATE.json]

`--index` is an index folder and `--queries` bench/run.py's query workload (JSON
lines); `bench/typos_suggest.py --workdir W` leaves both in `W/cp-typing-*/`. Each
round starts `clusterpool serve --no-reindex` twice, once per setting, in an order
that alternates from round to round. Each start asks every query once, unmeasured,
then puts `wrk` on it at `--conns` connections for `--seconds` (bench/run.py's
rotating script and summary). The log's file is removed before each start, so every
run begins with an empty log. Printed and written: per setting, the median over
rounds of requests/s, p50, p99 and the server's CPU per request."""

import argparse
import datetime as dt
import json
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run as bench  # noqa: E402  (server, wrk, query paths, machine)

ROOT = Path(__file__).resolve().parent.parent

SETTINGS = {"log on": [], "log off": ["--no-query-log"]}


def one(args, setting: str, paths_file: Path, paths: list[str]) -> dict:
    (args.index / "queries.json").unlink(missing_ok=True)
    port = bench.free_port()
    cmd = [bench.bin_dir() / "clusterpool", "--index", args.index, "serve", "--no-reindex",
           "--no-semantic", "--addr", f"127.0.0.1:{port}", *SETTINGS[setting]]
    server = bench.Server(setting, cmd, port, "/healthz", args.workdir / f"serve-{setting.replace(' ', '-')}.log")
    server.start()
    try:
        for p in paths:
            bench.http_get(f"http://127.0.0.1:{port}{p}", timeout=30)
        return bench.wrk(port, paths_file, args.conns, args.seconds, server)
    finally:
        server.stop()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--index", type=Path, required=True)
    ap.add_argument("--queries", type=Path, required=True)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--seconds", type=int, default=15)
    ap.add_argument("--conns", type=int, default=8)
    ap.add_argument("--workdir", type=Path, default=Path("/tmp"))
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / f"querylog-{dt.date.today()}.json")
    args = ap.parse_args()
    queries = [json.loads(line) for line in args.queries.read_text(encoding="utf-8").splitlines() if line.strip()]
    paths = [bench.clusterpool_path(q) for q in queries]
    paths_file = args.workdir / "querylog-paths.txt"
    paths_file.write_text("\n".join(paths) + "\n", encoding="utf-8")
    runs = {s: [] for s in SETTINGS}
    for r in range(args.rounds):
        order = list(SETTINGS) if r % 2 == 0 else list(reversed(SETTINGS))
        for setting in order:
            runs[setting].append(one(args, setting, paths_file, paths))
        bench.log(f"round {r + 1} of {args.rounds} done")
    (args.index / "queries.json").unlink(missing_ok=True)
    summary = {}
    for setting, rs in runs.items():
        summary[setting] = {m: statistics.median(x[m] for x in rs)
                            for m in ("rps", "p50_ms", "p99_ms", "server_cpu_ms_per_req")}
        summary[setting]["rps_range"] = [min(x["rps"] for x in rs), max(x["rps"] for x in rs)]
        summary[setting]["errors"] = sum(x["errors"] + x["non2xx"] for x in rs)
    machine = bench.machine()
    lines = [f"{len(paths)} queries, {args.conns} connections, {args.seconds} s per run, {args.rounds} rounds; "
             f"{machine['cpu_model']} ({machine['nproc']} cores)", "",
             "| setting | req/s (rounds' range) | p50 ms | p99 ms | server CPU ms/req | errors |",
             "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for setting, s in summary.items():
        lines.append(f"| {setting} | {s['rps']:.0f} ({s['rps_range'][0]:.0f}–{s['rps_range'][1]:.0f}) | "
                     f"{s['p50_ms']:.2f} | {s['p99_ms']:.2f} | {s['server_cpu_ms_per_req']:.2f} | {s['errors']} |")
    table = "\n".join(lines) + "\n"
    print(table)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"command": " ".join(sys.argv), "machine": machine, "commit": bench.commit(),
                                    "when": dt.datetime.now().isoformat(timespec="seconds"),
                                    "summary": summary, "runs": runs}, indent=1))
    args.out.with_suffix(".md").write_text(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
