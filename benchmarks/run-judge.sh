#!/usr/bin/env bash
# Latency of the judging page (`researchkit judge`): how long from a key press to the next triplet on screen.
# 1. In the browser: the keyboard test in headless Chromium records, per key, the time until the next task's images
#    are decoded and painted (the page keeps a prefetched buffer); run RUNS times (default 5) on the fixture dataset.
# 2. On the server: GET /api/next and POST /api/triplets round trips over loopback on synthetic stores of 10,000 and
#    100,000 items at SigLIP's 768 dimensions, with a 300 ms pause per task (a fast judge) and with none (saturated).
# Writes benchmarks/results/judge.md. Needs chromium (scripts/install-browser.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
dotnet build benchmarks/ResearchKit.Benchmarks -c Release -v q >/dev/null
dotnet build tests/ResearchKit.Tests -c Release -v q >/dev/null
bench() { dotnet benchmarks/ResearchKit.Benchmarks/bin/Release/net10.0/ResearchKit.Benchmarks.dll "$@"; }
out=$(mktemp)
for i in $(seq "$runs"); do
  RESEARCHKIT_JUDGE_LATENCY_OUT=$out dotnet test tests/ResearchKit.Tests -c Release --no-build -v q \
    --filter "FullyQualifiedName~JudgeBrowserTests.A_dozen" >/dev/null
done
model=tests/fixtures/reference/models/siglip-tiny
for n in 10000 100000; do
  dir=benchmarks/.data/judge-$n
  bench judge-prepare "$dir" $n 768 $model
  bench judge-latency "$dir" 100 300 | tee -a "$out"
  bench judge-latency "$dir" 100 0 | tee -a "$out"
done
/usr/bin/python3 - "$out" "$runs" > benchmarks/results/judge.md <<'PY'
import json, os, sys, platform
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
def pct(xs, p):
    xs = sorted(xs); return xs[min(len(xs) - 1, max(0, -(-int(p * len(xs) * 1000) // 1000) - 1))]
lat = [x for r in rows if r["kind"] == "browser" for x in r["latencies_ms"]]
print("# Judging page latency\n")
print(f"Machine: {cpu}, {os.cpu_count()} cores (shared with other work while measured). Script: benchmarks/run-judge.sh. Goal: the next triplet on screen in under 100 ms.\n")
print("## Key press to next triplet painted (headless Chromium)\n")
print(f"The browser test judges 12 triplets by keyboard on the 11-image fixture dataset, {sys.argv[2]} runs; the page times each key")
print("until the next task's three images are decoded and a frame is painted. Tasks and images are prefetched, so no request sits on this path.\n")
if lat:
    print(f"| keys | p50 (ms) | p90 (ms) | max (ms) |\n|---:|---:|---:|---:|\n| {len(lat)} | {pct(lat, .5):.1f} | {pct(lat, .9):.1f} | {max(lat):.1f} |\n")
print("## Server round trips over loopback (synthetic 768-d stores, uncertain-first triplets)\n")
print("One client in the same process as the server, sequential like one judge. `next` is GET /api/next?count=1 (the queue refills")
print("in the background with the most-uncertain suggester when it runs low); `answer` is POST /api/triplets (SQLite commit,")
print("counter and agreement). The page never waits on either before showing the next task; they set how far ahead it can stay.\n")
print("| items | pause per task (ms) | next p50 | next p99 | next max | answer p50 | answer p99 | answer max |")
print("|---:|---:|---:|---:|---:|---:|---:|---:|")
for r in rows:
    if r["kind"] == "server":
        print(f"| {r['items']:,} | {r['think_ms']} | {r['next_p50_ms']} | {r['next_p99_ms']} | {r['next_max_ms']} | {r['answer_p50_ms']} | {r['answer_p99_ms']} | {r['answer_max_ms']} |")
print("\nWith no pause the client outruns the suggester (about 3-4 s per batch of 16 at 100,000 x 768 here), so `next` then waits for a")
print("refill: a judge faster than about four triplets a second would see that wait once the prefetched tasks are used up.")
PY
cat benchmarks/results/judge.md
