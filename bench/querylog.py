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
import functools
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run as bench  # noqa: E402  (server, wrk, query paths, machine)
from ab_http import load_arguments, serve_and_load, side_by_side  # noqa: E402  (options, start, rounds)

SETTINGS = {"log on": [], "log off": ["--no-query-log"]}


def one(args, setting: str, paths_file: Path, paths: list[str]) -> dict:
    (args.index / "queries.json").unlink(missing_ok=True)
    cmd = [bench.bin_dir() / "clusterpool", "--index", args.index, "serve", "--no-reindex",
           "--no-semantic", *SETTINGS[setting]]
    return serve_and_load(args, setting, cmd, paths_file, paths)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    load_arguments(ap, "querylog")
    args = ap.parse_args()
    side_by_side(args, "setting", {setting: functools.partial(one, args, setting) for setting in SETTINGS}, {})
    (args.index / "queries.json").unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
