#!/usr/bin/env bash
# UMAP / PCA / k-means on 10,000 and 100,000 clustered unit vectors at d = 768 (see ProjectionBenchmark.cs).
# Writes benchmarks/results/projection.md. Sizes can be overridden: ./run-projection.sh 10000 50000
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-10000 100000}")
dotnet build benchmarks/ResearchKit.Benchmarks -c Release -v q >/dev/null
out=$(mktemp)
# shellcheck disable=SC2068
dotnet benchmarks/ResearchKit.Benchmarks/bin/Release/net10.0/ResearchKit.Benchmarks.dll projection ${sizes[@]} | tee "$out"
python3 - "$out" > benchmarks/results/projection.md <<'PY'
import json, os, sys, platform
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
print("# Projection: UMAP, PCA and k-means on clustered unit vectors (d = 768, 100 clusters)\n")
print(f"Machine: {cpu}, {os.cpu_count()} cores. Script: benchmarks/run-projection.sh. UMAP defaults (15 neighbours,")
print("min_dist 0.1, cosine, PCA initialisation, 500 epochs up to 10k points and 200 above). kNN recall is against an exact")
print("scan for 200 sampled points; trustworthiness (k = 10) on a 2,000-point sample. UMAP total includes its kNN graph.\n")
keys = list(rows[0].keys())
print("| " + " | ".join(keys) + " |")
print("|" + "---|" * len(keys))
for r in rows:
    print("| " + " | ".join(str(r[k]) for k in keys) + " |")
PY
cat benchmarks/results/projection.md
