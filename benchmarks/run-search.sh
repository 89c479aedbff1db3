#!/usr/bin/env bash
# Exact and int8 top-10 over 1,000,000 x 768 synthetic unit vectors beside this machine's measured read
# bandwidth (see SearchScanBenchmark.cs). Writes benchmarks/results/search.md. Needs about 8 GB of memory.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
dotnet build benchmarks/ResearchKit.Benchmarks -c Release -v q >/dev/null
out=$(mktemp)
dotnet benchmarks/ResearchKit.Benchmarks/bin/Release/net10.0/ResearchKit.Benchmarks.dll search "$rows" | tee "$out"
python3 - "$out" > benchmarks/results/search.md <<'PY'
import json, os, sys, platform
r = json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
load = open("/proc/loadavg").read().split()[0]
print(f"# Vector search: top-10 over {r['rows']:,} x {r['dimension']} float32 ({r['matrix_gb']} GB)\n")
print(f"Machine: {cpu}, {os.cpu_count()} cores (load average {load} when the run ended). Script: benchmarks/run-search.sh.")
print("Synthetic unit vectors around 1,000 centres; queries are noisy centres. Medians after warm-up.")
print("Bandwidth is a parallel sum over the same matrix on all cores (the ceiling for a memory-bound scan).\n")
print("| measure | value |\n|---|---:|")
for k, v in r.items():
    print(f"| {k} | {v} |")
PY
cat benchmarks/results/search.md
