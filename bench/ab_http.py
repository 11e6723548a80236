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
import functools
import json
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run as bench  # noqa: E402  (server, wrk, query paths, machine)

ROOT = Path(__file__).resolve().parent.parent


def serve_and_load(args, name: str, cmd: list, paths_file: Path, paths: list[str]) -> dict:
    """Starts `cmd` (a `serve` command line without `--addr`) on a free port, asks
    every query once unmeasured, then measures it under `wrk`."""
    port = bench.free_port()
    server = bench.Server(name, [*cmd, "--addr", f"127.0.0.1:{port}"], port, "/healthz",
                          args.workdir / f"serve-{name.replace(' ', '-')}.log")
    server.start()
    try:
        for p in paths:
            bench.http_get(f"http://127.0.0.1:{port}{p}", timeout=30)
        return bench.wrk(port, paths_file, args.conns, args.seconds, server)
    finally:
        server.stop()


def one(args, name: str, binary: str, index: Path, paths_file: Path, paths: list[str]) -> dict:
    cmd = [binary, "--index", index, "serve", "--no-reindex", "--no-semantic",
           *([] if args.with_log else ["--no-query-log"])]
    return serve_and_load(args, name, cmd, paths_file, paths)


def side_by_side(args, kind: str, runners: dict, extra: dict) -> None:
    """Runs each of `runners` (name → run(paths_file, paths) → bench.wrk's figures)
    once per round, the order alternating from round to round, then prints and
    writes (`args.out`, JSON and Markdown) the median over rounds per name."""
    queries = [json.loads(line) for line in args.queries.read_text(encoding="utf-8").splitlines() if line.strip()]
    paths = [bench.clusterpool_path(q) for q in queries]
    paths_file = args.workdir / f"{args.out.stem}-paths.txt"
    paths_file.write_text("\n".join(paths) + "\n", encoding="utf-8")
    runs = {name: [] for name in runners}
    for r in range(args.rounds):
        order = list(runners) if r % 2 == 0 else list(reversed(runners))
        for name in order:
            runs[name].append(runners[name](paths_file, paths))
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
             f"| {kind} | req/s (rounds' range) | p50 ms | p99 ms | server CPU ms/req | errors |",
             "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for name, s in summary.items():
        lines.append(f"| {name} | {s['rps']:.0f} ({s['rps_range'][0]:.0f}–{s['rps_range'][1]:.0f}) | "
                     f"{s['p50_ms']:.2f} | {s['p99_ms']:.2f} | {s['server_cpu_ms_per_req']:.2f} | {s['errors']} |")
    table = "\n".join(lines) + "\n"
    print(table)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"command": " ".join(sys.argv), "machine": machine, "commit": bench.commit(),
                                    **extra, "when": dt.datetime.now().isoformat(timespec="seconds"),
                                    "summary": summary, "runs": runs}, indent=1))
    args.out.with_suffix(".md").write_text(table)


def load_arguments(ap: argparse.ArgumentParser, name: str) -> None:
    """The options [`side_by_side`] and [`serve_and_load`] read: the index, the
    queries, the rounds and the load; results go to bench/results/NAME-DATE.json."""
    ap.add_argument("--index", type=Path, required=True)
    ap.add_argument("--queries", type=Path, required=True)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--seconds", type=int, default=15)
    ap.add_argument("--conns", type=int, default=8)
    ap.add_argument("--workdir", type=Path, default=Path("/tmp"))
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / f"{name}-{dt.date.today()}.json")


def build(text: str) -> tuple[str, str]:
    name, _, binary = text.partition("=")
    if not name or not binary or not Path(binary).is_file():
        raise argparse.ArgumentTypeError(f"expected NAME=BINARY with an existing file, got {text!r}")
    return name, binary


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--a", type=build, required=True)
    ap.add_argument("--b", type=build, required=True)
    ap.add_argument("--index-a", type=Path)
    ap.add_argument("--with-log", action="store_true")
    load_arguments(ap, "ab-http")
    args = ap.parse_args()
    builds = dict([args.a, args.b])
    indexes = {args.a[0]: args.index_a or args.index, args.b[0]: args.index}
    runners = {name: functools.partial(one, args, name, builds[name], indexes[name]) for name in builds}
    side_by_side(args, "build", runners, {"builds": builds, "indexes": {k: str(v) for k, v in indexes.items()}})
    return 0


if __name__ == "__main__":
    sys.exit(main())
