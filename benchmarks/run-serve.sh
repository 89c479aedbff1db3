#!/usr/bin/env bash
# Load test of `researchkit serve` on loopback with the embedded SigLIP (tests/fixtures/reference/models/siglip-tiny):
# text-search throughput and p50/p99 at concurrency 1, 8 and 32 over 10,000 and 100,000 items, then a soak at
# twice the rate sustained at concurrency 8 (SOAK_SECONDS, default 600) with 10% likes: 5xx, lost likes, memory.
# The server runs as its own process; the load generator shares the machine's cores. Writes benchmarks/results/serve.md.
set -euo pipefail
cd "$(dirname "$0")/.."
soak=${SOAK_SECONDS:-600}; seconds=${LOAD_SECONDS:-15}
dotnet build src/ResearchKit.Cli -c Release -v q >/dev/null
dotnet build benchmarks/ResearchKit.Benchmarks -c Release -v q >/dev/null
bench() { dotnet benchmarks/ResearchKit.Benchmarks/bin/Release/net10.0/ResearchKit.Benchmarks.dll "$@"; }
model=tests/fixtures/reference/models/siglip-tiny
out=$(mktemp)
# An ephemeral port, so the benchmark never collides with another server on this machine.
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url=http://127.0.0.1:$port
load() { /usr/bin/python3 -c "import os, json; print(json.dumps({'kind': 'loadavg', 'when': '$1', 'loadavg': os.getloadavg()}))"; }
load start >> "$out"
pid=
trap 'if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; fi' EXIT  # never leave a server behind when a step fails
for n in 10000 100000; do
  dir=benchmarks/.data/serve-$n
  bench serve-prepare "$dir" $n $model
  dotnet src/ResearchKit.Cli/bin/Release/net10.0/researchkit.dll serve "$dir" --config "$dir/search.json" --urls $url --queue 512 2>/dev/null &
  pid=$!
  until curl -sf $url/health >/dev/null; do sleep 0.3; done
  bench serve-load $url $n 1,8,32 $seconds | tee -a "$out"
  if [ $n = 100000 ]; then
    rate=$(/usr/bin/python3 -c "import json,sys; r=[json.loads(l) for l in open('$out')]; print(2*[x for x in r if x.get('kind')=='load' and x['items']==100000 and x['concurrency']==8][0]['throughput_per_s'])")
    likes_before=$(/usr/bin/python3 -c "import sqlite3; print(sqlite3.connect('$dir/likes.sqlite').execute('select count(*) from likes').fetchone()[0])" 2>/dev/null || echo 0)
    bench serve-soak $url $rate $soak $pid | tee -a "$out"
  fi
  kill $pid; wait $pid 2>/dev/null || true
  load "after $n items" >> "$out"
  if [ $n = 100000 ]; then
    /usr/bin/python3 -c "import sqlite3,json; print(json.dumps({'kind':'likes','rows':sqlite3.connect('$dir/likes.sqlite').execute('select count(*) from likes where liked=1').fetchone()[0]}))" | tee -a "$out"
  fi
done
/usr/bin/python3 - "$out" > benchmarks/results/serve.md <<'PY'
import json, os, sys, platform
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
print("# Search service load test (loopback)\n")
print(f"Machine: {cpu}, {os.cpu_count()} cores, shared by the server process and the load generator. Script: benchmarks/run-serve.sh.")
print("Model: the embedded siglip-tiny (text tower runs on every request: queries are nearly all distinct). Items are")
print("synthetic clustered vectors in its space (no dataset of 100,000 images exists here). Goal: p99 < 50 ms at 100,000 items, concurrency 8.")
loads = [r for r in rows if r["kind"] == "loadavg"]
if loads:
    print("Machine load (1-, 5-, 15-minute load averages; other work shares these cores): " + "; ".join(f"{r['when']}: {', '.join(f'{x:.1f}' for x in r['loadavg'])}" for r in loads) + ".")
print()
print("| items | concurrency | requests | errors | throughput (req/s) | p50 (ms) | p99 (ms) |")
print("|---:|---:|---:|---:|---:|---:|---:|")
for r in rows:
    if r["kind"] == "load":
        print(f"| {r['items']:,} | {r['concurrency']} | {r['requests']} | {r['errors']} | {r['throughput_per_s']} | {r['p50_ms']} | {r['p99_ms']} |")
soak = next((r for r in rows if r["kind"] == "soak"), None)
likes = next((r for r in rows if r["kind"] == "likes"), None)
if soak:
    print(f"\n## Soak: {soak['seconds']:.0f} s at {soak['rate_per_s']} requests/s (twice the concurrency-8 throughput), 100,000 items, 10% likes\n")
    five = sum(v for k, v in soak["statuses"].items() if k.startswith("5"))
    print(f"- Sent {soak['sent']} requests; status counts {soak['statuses']} (-1 = connection error, -2 = client timeout); 5xx: {five}.")
    rows = likes['rows'] if likes else None
    distinct = soak.get('likes_distinct_acknowledged')
    lost = (distinct - rows) if (rows is not None and distinct is not None) else 'n/a'
    print(f"- Likes acknowledged with 200: {soak['likes_acknowledged']} ({distinct} distinct (user, item) pairs; a repeated pair is one row); liked rows in the database afterwards: {rows}; lost: {lost}.")
    print(f"- Server resident memory: first sample {soak['rss_mb_first']:.0f} MB, last {soak['rss_mb_last']:.0f} MB, max {soak['rss_mb_max']:.0f} MB; every 5 s: {soak['rss_mb_samples']}")
PY
cat benchmarks/results/serve.md
