"""MRR@k, Recall@k, binary nDCG@k and zero-hit counts from TREC run files and qrels."""

import math

METRICS = ["mrr", "recall", "ndcg", "zero"]
LABELS = {"mrr": "MRR@10", "recall": "R@10", "ndcg": "nDCG@10", "zero": "zero"}


def read_run(path):
    """{qid: [docid, ...]} ordered by the rank column; a repeated docid counts once."""
    rows = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            parts = line.split()
            if not parts:
                continue
            if len(parts) < 6:
                raise ValueError(f"{path}:{n}: not a TREC run line: {line!r}")
            qid, _, docid, rank = parts[0], parts[1], parts[2], int(parts[3])
            rows.setdefault(qid, []).append((rank, n, docid))
    run = {}
    for qid, hits in rows.items():
        seen, ordered = set(), []
        for _, _, docid in sorted(hits):
            if docid not in seen:
                seen.add(docid)
                ordered.append(docid)
        run[qid] = ordered
    return run


def per_query(run, qrels, k=10):
    """{qid: {"rr", "recall", "ndcg", "hits"}} for every judged query (absent = no hit)."""
    out = {}
    for qid, relevant in qrels.items():
        rel = set(relevant)
        ranked = run.get(qid, [])[:k]
        rr, dcg, found = 0.0, 0.0, 0
        for i, docid in enumerate(ranked, 1):
            if docid in rel:
                found += 1
                dcg += 1.0 / math.log2(i + 1)
                if rr == 0.0:
                    rr = 1.0 / i
        ideal = sum(1.0 / math.log2(i + 1) for i in range(1, min(k, len(rel)) + 1))
        out[qid] = {"rr": rr, "recall": found / len(rel) if rel else 0.0,
                    "ndcg": dcg / ideal if ideal else 0.0, "hits": len(run.get(qid, []))}
    return out


def aggregate(rows):
    """Means over a list of per-query rows, and the count of queries with no hit."""
    n = len(rows)
    if not n:
        return {"queries": 0, "mrr": None, "recall": None, "ndcg": None, "zero": 0}
    return {"queries": n,
            "mrr": sum(r["rr"] for r in rows) / n,
            "recall": sum(r["recall"] for r in rows) / n,
            "ndcg": sum(r["ndcg"] for r in rows) / n,
            "zero": sum(1 for r in rows if r["hits"] == 0)}


def unknown_qids(run, qrels):
    return sorted(set(run) - set(qrels))
