#!/usr/bin/env bash
# Triplet-weight training at d = 768 on 10,000 synthetic triplets (2,000 held out), ResearchKit side by
# side with a PyTorch implementation of the same objective (Debian's python3-torch, CPU, 2 threads) in
# one run on the same files. Writes benchmarks/results/triplets.md.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! /usr/bin/python3 -c "import torch, numpy" 2>/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-torch python3-numpy >/dev/null
fi
data=benchmarks/.data/triplets; mkdir -p "$data"
/usr/bin/python3 benchmarks/triplets_torch.py make "$data"
dotnet build benchmarks/ResearchKit.Benchmarks -c Release -v q >/dev/null
out=$(mktemp)
dotnet benchmarks/ResearchKit.Benchmarks/bin/Release/net10.0/ResearchKit.Benchmarks.dll triplets "$data" >>"$out"
/usr/bin/python3 benchmarks/triplets_torch.py train "$data" >>"$out"
/usr/bin/python3 - "$out" > benchmarks/results/triplets.md <<'PY'
import json, os, sys, platform
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
print("# Triplet-weight training: 10,000 triplets at d = 768, 2,000 held out\n")
print(f"Machine: {cpu}, {os.cpu_count()} cores. Script: benchmarks/run-triplets.sh. Same data files, same objective")
print("(margin 0.05, equality weight 1, pull to uniform 1e-3, Adam lr 0.02, batch 256, at most 60 epochs, patience 6,")
print("projection onto w >= 0). Answers follow a known weight vector; about 1% are 'too similar'. Time excludes loading.\n")
print("| implementation | held-out accuracy | unweighted baseline | best epoch | epochs run | seconds |")
print("|---|---:|---:|---:|---:|---:|")
for r in rows:
    print(f"| {r['impl']} | {r['heldout_accuracy']} | {r['baseline_accuracy']} | {r['best_epoch']} | {r['epochs_run']} | {r['seconds']} |")
PY
cat benchmarks/results/triplets.md
