#!/usr/bin/env bash
# Sharded indexing on this machine: one process against N shard processes started at once (N = 2, 4) over the
# emoji training split, each shard's throughput, and the cost of the plain run that merges the parts afterwards
# (it embeds nothing). Every run is a fresh store; each configuration runs RUNS times (default 3), medians reported.
# Writes benchmarks/results/scaleout.md. MODEL overrides the model (default models/emoji/dinov2-emoji).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f data/emoji/prepared/STAMP ] || data/emoji/prepare.sh
dotnet build src/ResearchKit.Cli -c Release -v q >/dev/null
cli=src/ResearchKit.Cli/bin/Release/net10.0/researchkit.dll
model=${MODEL:-models/emoji/dinov2-emoji}; data=data/emoji/prepared/train; runs=${RUNS:-3}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
out=$work/results.jsonl
now() { date +%s.%N; }
for run in $(seq 1 "$runs"); do
  store=$work/single-$run; t0=$(now)
  dotnet $cli index $data --model $model --store "$store" >"$work/single-$run.log" 2>/dev/null
  t1=$(now); echo "{\"kind\":\"single\",\"run\":$run,\"wall_s\":$(awk "BEGIN{print $t1 - $t0}"),\"log\":\"$work/single-$run.log\"}" >>"$out"
  for n in 2 4; do
    store=$work/shards-$n-$run; t0=$(now); pids=()
    for i in $(seq 0 $((n - 1))); do
      dotnet $cli index $data --model $model --store "$store" --shard "$i/$n" >"$work/shard-$n-$run-$i.log" 2>/dev/null & pids+=($!)
    done
    for pid in "${pids[@]}"; do wait "$pid"; done
    t1=$(now)
    dotnet $cli index $data --model $model --store "$store" >"$work/merge-$n-$run.log" 2>/dev/null
    t2=$(now)
    echo "{\"kind\":\"shards\",\"n\":$n,\"run\":$run,\"wall_s\":$(awk "BEGIN{print $t1 - $t0}"),\"merge_wall_s\":$(awk "BEGIN{print $t2 - $t1}"),\"logs\":\"$work/shard-$n-$run-\",\"merge_log\":\"$work/merge-$n-$run.log\"}" >>"$out"
  done
done
/usr/bin/python3 - "$out" "$model" "$data" > benchmarks/results/scaleout.md <<'PY'
import json, os, re, sys, platform, statistics
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
model, data = sys.argv[2], sys.argv[3]
line = re.compile(r"(\d+) embedded, (\d+) unchanged.*\(([\d.]+) images/s, ([\d.]+) s(?:, merge ([\d.]+) s)?\)")
def parse(path):
    m = line.search(open(path).read())
    return dict(embedded=int(m[1]), unchanged=int(m[2]), rate=float(m[3]), seconds=float(m[4]), merge=float(m[5] or 0))
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
load = open("/proc/loadavg").read().split()[:3]
single = [r for r in rows if r["kind"] == "single"]
images = parse(single[0]["log"])["embedded"]
base = statistics.median(r["wall_s"] for r in single)
print("# Scale-out: sharded indexing on one machine\n")
print(f"Machine: {cpu}, {os.cpu_count()} cores (load average at the end {' '.join(load)}: the machine is shared, so absolute figures are noisy).")
print(f"Data: `{data}` ({images} images, 64x64 PNG). Model: `{model}`. Script: `benchmarks/run-scaleout.sh`, medians of {len(single)} runs,")
print("each on a fresh store; wall time includes process start and model load. Shards are separate processes started at once,")
print("each writing its own part of the space (no global lock); the merge is the plain `index` run afterwards, which embeds")
print("nothing and rewrites the parts as one.\n")
print("| setup | wall (s) | speed-up | images/s overall | per-shard images/s (median shard) | merge run wall (s) | merge step (s) |")
print("|---|---:|---:|---:|---:|---:|---:|")
print(f"| 1 process | {base:.1f} | 1.00x | {images / base:.0f} | {statistics.median(parse(r['log'])['rate'] for r in single):.0f} | - | - |")
for n in sorted({r["n"] for r in rows if r["kind"] == "shards"}):
    group = [r for r in rows if r["kind"] == "shards" and r["n"] == n]
    wall = statistics.median(r["wall_s"] for r in group)
    shard_rates = [parse(f"{r['logs']}{i}.log")["rate"] for r in group for i in range(n)]
    merges = [parse(r["merge_log"]) for r in group]
    assert all(m["embedded"] == 0 and m["unchanged"] == images for m in merges), "the merge run embedded something"
    print(f"| {n} shards at once | {wall:.1f} | {base / wall:.2f}x | {images / wall:.0f} | {statistics.median(shard_rates):.0f} | "
          f"{statistics.median(r['merge_wall_s'] for r in group):.1f} | {statistics.median(m['merge'] for m in merges):.2f} |")
print(f"\nEvery merge run reported 0 embedded and {images} unchanged. On {os.cpu_count()} cores, shards compete for the same CPUs;")
print("the gain from sharding comes from more machines (or GPUs), one shard per task, as the Slurm script arranges.")
PY
cat benchmarks/results/scaleout.md
