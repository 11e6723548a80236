#!/usr/bin/env python3
"""Issue 17's figures: what typo tolerance costs and what suggestions take, in process.

    python3 bench/typos_suggest.py --before DIR [--docs 100000] [--rounds 6] [--workdir DIR]
                            [--out bench/results/typing-DATE.json]

One generated corpus (`gen-corpus --docs N --seed 7`), indexed once by words alone
(`clusterpool index --full --no-semantic`) with the pool's `corpus/vocabulary.yaml`
beside it, and bench/run.py's query workload (500 queries, seed 7). Then, `--rounds`
times, interleaved so that the machine's drift falls on every column alike:

- `before`: `DIR/bench-search --modes full` (a build from before typo tolerance);
- `after`: this build's `bench-search --modes full,no_typos` (the engine as served,
  and the same index with `typos=off`; the order of the two modes alternates from
  round to round, so that neither always runs first);
- `misspelled`: `--misspell --modes full,no_typos` (each query's longest word with a
  letter dropped);
- `suggest`: `--modes suggest` (each query cut as while typing).

Every round runs each query 3 times after one untimed pass. Printed and written: per
configuration the median over rounds of p50, p95, p99 and mean, with the spread
(lowest–highest round) of p99, the zero-hit count and, for the misspelled workload,
how many answers carried `did_you_mean` and how many of those gave the query back
as it was."""

import argparse
import datetime as dt
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run as bench  # noqa: E402  (the workload and the machine description)

ROOT = Path(__file__).resolve().parent.parent


CONFIGS = [
    ("before", "before", ["--modes", "full"]),
    ("after", "after", ["--modes", "full,no_typos"]),
    ("misspelled", "after", ["--misspell", "--modes", "full,no_typos"]),
    ("suggest", "after", ["--modes", "suggest"]),
]


def prepare(args, work: Path, bins: Path) -> tuple[Path, Path]:
    corpus = work / "corpus"
    subprocess.run([bins / "gen-corpus", "--docs", str(args.docs), "--seed", "7", "--out", corpus],
                   check=True, stdout=subprocess.DEVNULL)
    index = work / "index"
    subprocess.run([bins / "clusterpool", "index", "--full", "--no-semantic", "--json",
                    "--corpus", corpus / "gen", "--index", index], check=True, stdout=subprocess.DEVNULL)
    (index / "vocabulary.yaml").write_bytes((ROOT / "corpus" / "vocabulary.yaml").read_bytes())
    jsonl = work / "docs.jsonl"
    bench.write_jsonl(corpus, jsonl)
    queries = work / "queries.jsonl"
    with open(queries, "w", encoding="utf-8") as f:
        for q in bench.make_queries(corpus, jsonl, 500, 7):
            f.write(json.dumps(q, ensure_ascii=False) + "\n")
    return index, queries


def summarise(rounds: list[dict]) -> dict:
    out = {}
    for key in rounds[0]:
        runs = [r[key] for r in rounds]
        med = {m: statistics.median(r[m] for r in runs) for m in ("p50_ms", "p95_ms", "p99_ms", "mean_ms")}
        med["p99_low"] = min(r["p99_ms"] for r in runs)
        med["p99_high"] = max(r["p99_ms"] for r in runs)
        for m in ("zero_hits", "corrected", "restored", "queries"):
            med[m] = runs[0].get(m)
        out[key] = med
    return out


def render(summary: dict, meta: dict) -> str:
    lines = [
        f"{meta['docs']:,} documents, {meta['rounds']} rounds, machine: {meta['machine']['cpu_model']} "
        f"({meta['machine']['nproc']} cores)",
        "",
        "| workload | build, mode | queries | p50 ms | p95 ms | p99 ms (rounds' range) | mean ms | zero-hit | did_you_mean | restored |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for key, s in summary.items():
        workload, build, mode = key.split("/")
        lines.append(
            f"| {workload} | {build} {mode} | {s['queries']} | {s['p50_ms']:.2f} | {s['p95_ms']:.2f} | "
            f"{s['p99_ms']:.2f} ({s['p99_low']:.2f}–{s['p99_high']:.2f}) | {s['mean_ms']:.2f} | "
            f"{s['zero_hits']} | {s['corrected'] if s['corrected'] is not None else '–'} | "
            f"{s['restored'] if s['restored'] is not None else '–'} |")
    return "\n".join(lines) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--before", type=Path, help="folder with a bench-search from before (required to measure)")
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--rounds", type=int, default=6)
    ap.add_argument("--workdir", type=Path)
    ap.add_argument("--render", type=Path, help="print and rewrite the tables of an earlier OUT.json")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / f"typing-{dt.date.today()}.json")
    args = ap.parse_args()
    if args.render:
        done = json.loads(args.render.read_text())
        table = render(done["summary"], done["meta"])
        print(table)
        args.render.with_suffix(".md").write_text(table)
        return 0
    if args.before is None:
        ap.error("--before is required to measure")
    bins = bench.bin_dir()
    work = Path(tempfile.mkdtemp(prefix="cp-typing-", dir=args.workdir))
    bench.log(f"corpus and index of {args.docs} documents in {work}")
    index, queries = prepare(args, work, bins)
    builds = {"before": args.before / "bench-search", "after": bins / "bench-search"}
    rounds = []
    for r in range(args.rounds):
        row = {}
        for workload, build, extra in CONFIGS:
            if r % 2 == 1 and extra[-1] == "full,no_typos":
                extra = [*extra[:-1], "no_typos,full"]
            cmd = [str(builds[build]), "--index", str(index), "--queries", str(queries),
                   "--warmup", "1", "--repeat", "3", *extra]
            out = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
            for mode, figures in out["modes"].items():
                # Each query was timed 3 times: counts per query, not per search.
                for count in ("queries", "zero_hits"):
                    figures[count] //= 3
                row[f"{workload}/{build}/{mode}"] = figures
        bench.log(f"round {r + 1} of {args.rounds} done")
        rounds.append(row)
    summary = summarise(rounds)
    meta = {"docs": args.docs, "rounds": args.rounds, "machine": bench.machine(), "commit": bench.commit(),
            "command": " ".join(sys.argv), "when": dt.datetime.now().isoformat(timespec="seconds")}
    table = render(summary, meta)
    print(table)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"meta": meta, "summary": summary, "rounds": rounds}, indent=1))
    args.out.with_suffix(".md").write_text(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
