#!/usr/bin/env bash
# ONNX Runtime's idle intra-op threads: sleeping (ResearchKit's default) against spinning (ONNX Runtime's default,
# `--spin`), side by side in alternating rounds: bare inference and end to end from 800x600 JPEGs at batch 8 and 32,
# for the ViT-B/16-sized SigLIP tower (inference-bound) and two tiny fixture models (decode-bound). Reuses the files
# and model that benchmarks/run-encode.sh makes (it runs that first when they are missing).
# Writes benchmarks/results/spinning.md. Environment: RK_ROUNDS (default 2) rounds of each setting.
set -euo pipefail
cd "$(dirname "$0")/.."
py=/usr/bin/python3; [ -x "$py" ] || py=python3
rounds=${RK_ROUNDS:-2}
model=benchmarks/.data/siglip-b16
[ -f "$model/vision_model.onnx" ] && [ -d benchmarks/.data/encode ] || benchmarks/run-encode.sh --quick >/dev/null
dotnet build benchmarks/ResearchKit.Benchmarks -c Release -v q -nologo >/dev/null
bench=(dotnet benchmarks/ResearchKit.Benchmarks/bin/Release/net10.0/ResearchKit.Benchmarks.dll encode benchmarks/.data/encode)
fixtures=tests/fixtures/reference/models
out=$(mktemp)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for round in $(seq "$rounds"); do
  for setting in sleep spin; do
    flag=(); [ "$setting" = spin ] && flag=(--spin)
    "${bench[@]}" "$model" --runs 1 --batches 8,32 "${flag[@]}" | sed "s/^{/{\"setting\":\"$setting\",\"round\":$round,/" >> "$out"
    "${bench[@]}" $fixtures/siglip-tiny $fixtures/dinov2-tiny --runs 3 --batches 8,32 "${flag[@]}" | sed "s/^{/{\"setting\":\"$setting\",\"round\":$round,/" >> "$out"
  done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
"$py" - "$out" "$load_before" "$load_after" "$rounds" > benchmarks/results/spinning.md <<'PY'
import json, sys, platform, statistics
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
load_before, load_after, rounds = sys.argv[2:5]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
print("# ONNX Runtime's idle threads: sleeping (default here) against spinning (`--spin`)\n")
print(f"Machine: {cpu}, 2 cores, ONNX Runtime CPU provider; load average (1, 5, 15 min) {load_before} before and {load_after} after."
      f" {rounds} alternating rounds of each setting (sleep, spin, sleep, spin, ...); each cell is the median of the rounds' best runs"
      " (the ViT-B: 1 run per round, the tiny models: best of 3). 64 JPEGs of 800x600. Script: benchmarks/run-spinning.sh\n")
print("| model | batch | bare, sleep / spin (images/s) | end to end, sleep / spin (images/s) | end to end: sleep over spin |")
print("|---|---:|---:|---:|---:|")
keys = sorted({(r["model"], r["batch"]) for r in rows}, key=lambda k: (k[0] != "siglip-b16", k))
for model, batch in keys:
    def med(setting, field):
        return statistics.median(r[field] for r in rows if r["model"] == model and r["batch"] == batch and r["setting"] == setting)
    bs, bp = med("sleep", "bare_images_per_s"), med("spin", "bare_images_per_s")
    es, ep = med("sleep", "end_to_end_images_per_s"), med("spin", "end_to_end_images_per_s")
    print(f"| {model} | {batch} | {bs:.2f} / {bp:.2f} | {es:.2f} / {ep:.2f} | {es / ep:.3f} |")
PY
cat benchmarks/results/spinning.md
