#!/usr/bin/env bash
# The cost of the store's checksums: loading a space with XxHash3 verified in the same pass (what every load does)
# against reading the bytes with no check and against SHA-256. Writes benchmarks/results/store.md.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build benchmarks/ResearchKit.Benchmarks -c Release -v q >/dev/null
out=$(mktemp); trap 'rm -f "$out"' EXIT
dotnet benchmarks/ResearchKit.Benchmarks/bin/Release/net10.0/ResearchKit.Benchmarks.dll store-load "${ROWS:-20000,100000}" "${DIM:-768}" | tee "$out"
/usr/bin/python3 - "$out" > benchmarks/results/store.md <<'PY'
import json, os, sys, platform
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
load = open("/proc/loadavg").read().split()[:3]
print("# Store load with checksums\n")
print(f"Machine: {cpu}, {os.cpu_count()} cores (load average {' '.join(load)} at the end: shared with other jobs, so figures are noisy).")
print("Script: `benchmarks/run-store.sh`; medians of 9 interleaved rounds after one warm-up round, files in the page cache.")
print("`load` is `VectorLog.Load` (row files parsed and verified, every vector byte hashed with XxHash3 in the pass that copies it")
print("into the matrix, plus allocating the matrix); `rows` is `ReadStamps` (row files only); the last three read the same `.f32`")
print("file with no check, with XxHash3, and with SHA-256.\n")
print("| rows x dim | MB | load, verified (ms) | rows only (ms) | read only (ms) | read + XxHash3 (ms) | read + SHA-256 (ms) | XxHash3 GB/s | SHA-256 GB/s |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
for r in rows:
    print(f"| {r['rows']} x {r['dimension']} | {r['megabytes']:.0f} | {r['load_verified_ms']:.0f} | {r['rows_only_ms']:.0f} | {r['read_only_ms']:.0f} | {r['read_xxhash3_ms']:.0f} | "
          f"{r['read_sha256_ms']:.0f} | {r['xxhash3_gb_per_s']:.1f} | {r['sha256_gb_per_s']:.2f} |")
print("\nThe fast path is the hash choice and the single pass: XxHash3 runs near memory speed, so verifying adds little to")
print("reading, where SHA-256 would multiply it. A reader verifies only the chunks it loads; `index` reads every chunk once")
print("(to find damaged ones and re-embed exactly their items).")
PY
cat benchmarks/results/store.md
