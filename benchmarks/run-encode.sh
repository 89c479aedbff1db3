#!/usr/bin/env bash
# End-to-end throughput benchmark: images/s from JPEG files through ImageBatchEmbedder (decode and preprocessing
# overlapped with inference) against bare InferenceSession.Run on ready tensors at batch 1, 8 and 32, for a
# ViT-B/16-sized SigLIP image tower with random weights (benchmarks/make_siglip_b16.py, Debian's python3-torch; made
# once into the git-ignored benchmarks/.data/siglip-b16) and for the tiny fixture models (plus full indexing).
# Then the measured choice of batch size and decode workers ('auto', ThroughputTuner) against a sweep of fixed
# settings (batch 1/8/32 x workers 1/2). Writes benchmarks/results/encode.md.
#
# usage: benchmarks/run-encode.sh [--quick] [MODEL_DIR]     MODEL_DIR replaces the generated ViT-B model
#   --quick: one timed run of each after a warm-up and 32 JPEGs (about 4 minutes on 2 cores; the full run about 10)
# Environment: RK_RUNS (default 3, quick 1) runs of each after a warm-up; RK_IMAGES (default 64, quick 32) JPEGs of 800x600.
set -euo pipefail
cd "$(dirname "$0")/.."
py=/usr/bin/python3; [ -x "$py" ] || py=python3
if ! "$py" -c "import PIL, numpy" 2>/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-pil python3-numpy >/dev/null
fi
quick=0; if [ "${1:-}" = "--quick" ]; then quick=1; shift; fi
runs=${RK_RUNS:-$([ $quick = 1 ] && echo 1 || echo 3)}
images=${RK_IMAGES:-$([ $quick = 1 ] && echo 32 || echo 64)}
model=${1:-benchmarks/.data/siglip-b16}
if [ ! -f "$model/vision_model.onnx" ]; then
  bash scripts/install-torch.sh
  # Its report (parameter count, ONNX size) is kept beside the model for the results' header.
  "$py" benchmarks/make_siglip_b16.py "$model" > "$model.made.json"
fi
data=benchmarks/.data/encode; rm -rf "$data"; mkdir -p "$data"
# Camera-sized JPEGs (800x600), crops and flips of the fixture photos, so decoding costs what it does in practice.
"$py" - "$data" "$images" <<'PY'
import sys
from PIL import Image, ImageOps
srcs = [Image.open(f"tests/fixtures/reference/images/{n}").convert("RGB") for n in ("photo_astronaut.jpg", "photo_coffee.jpg")]
for i in range(int(sys.argv[2])):
    im = srcs[i % 2]
    w, h = im.size
    box = (i % 7 * 3, i % 5 * 4, w - i % 3 * 5, h - i % 4 * 6)
    im = im.crop(box).resize((800, 600), Image.BICUBIC)
    if i % 2: im = ImageOps.mirror(im)
    im.save(f"{sys.argv[1]}/img_{i:03d}.jpg", quality=90)
PY
dotnet build benchmarks/ResearchKit.Benchmarks -c Release -v q -nologo >/dev/null
bench=(dotnet benchmarks/ResearchKit.Benchmarks/bin/Release/net10.0/ResearchKit.Benchmarks.dll encode "$data")
out=$(mktemp)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
"${bench[@]}" "$model" --runs "$runs" --auto | tee "$out"
fixtures=tests/fixtures/reference/models
"${bench[@]}" $fixtures/siglip-tiny $fixtures/dinov2-tiny $fixtures/eva02-clip-tiny --runs "$runs" --index --auto | tee -a "$out"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
parameters=$("$py" -c "import json,sys; print(json.load(open(sys.argv[1]))['parameters'])" "$model.made.json" 2>/dev/null \
  || "$py" -c "import onnx,sys,math; m=onnx.load(sys.argv[1]); print(sum(math.prod(t.dims) for t in m.graph.initializer))" "$model/vision_model.onnx" 2>/dev/null || echo "?")
"$py" - "$out" "$load_before" "$load_after" "$parameters" "$(basename "$model")" > benchmarks/results/encode.md <<'PY'
import json, sys, os, platform
lines = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
rows = [r for r in lines if r.get("kind") != "auto"]
autos = [r for r in lines if r.get("kind") == "auto"]
load_before, load_after, parameters, big = sys.argv[2:6]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
print("# End-to-end embedding throughput: JPEG files to vectors vs bare inference\n")
print(f"Machine: {cpu}, {os.cpu_count()} cores, ONNX Runtime CPU provider; load average (1, 5, 15 min) {load_before} before"
      f" and {load_after} after the run (the machine is shared with other builds). {rows[0]['images']} JPEGs of 800x600."
      " Script: benchmarks/run-encode.sh\n")
print(f"'{big}' is a ViT-B/16-sized SigLIP image tower (224 px, patch 16, width 768, 12 layers, MLP 3072, attention-pooling"
      f" head; {parameters} parameters, random weights) written by benchmarks/make_siglip_b16.py. The '-tiny' rows are the"
      " test fixtures, whose inference is far cheaper than decoding.\n")
print("'bare' runs a second ONNX session on tensors prepared beforehand; 'end to end' reads, decodes, preprocesses and"
      " embeds the files with ImageBatchEmbedder, which overlaps decoding with inference. 'preprocess only' decodes and"
      " preprocesses the same files on the embedder's worker count with no inference. End to end can be no faster than the"
      " slower of 'bare' and 'preprocess only' (the ceiling). 'indexing' runs DatasetIndexer into a fresh store. Bare and"
      f" end-to-end runs alternate ({rows[0]['runs']} of each after a warm-up); the best run is shown with the slowest after"
      " the slash, and 'paired ratios' divides each end-to-end run by the bare run just before it.\n")
print("| model | batch | bare (images/s, best / slowest) | end to end (images/s, best / slowest) | preprocess only (images/s) | indexing (images/s) | end to end / bare (best) | paired ratios | end to end / ceiling |")
print("|---|---:|---:|---:|---:|---:|---:|---|---:|")
for r in rows:
    index = "" if r["index_images_per_s"] is None else r["index_images_per_s"]
    paired = ", ".join(f"{p:.3f}" for p in r["paired_ratios"])
    print(f"| {r['model']} | {r['batch']} | {r['bare_images_per_s']} / {r['bare_slowest']} | {r['end_to_end_images_per_s']} / {r['end_to_end_slowest']}"
          f" | {r['preprocess_only_images_per_s']} | {index} | {r['ratio']} | {paired} | {r['ratio_to_ceiling']} |")
print("\n## Batch size and decode workers chosen by measurement ('auto')\n")
print("ImageBatchEmbedder with nothing given: the batch starts at 1 and doubles while the pipeline's images per second"
      " rise by 10% or more (three doublings of patience), each size timed for 0.5 s; decode workers are then sized to the"
      " measured decode time and inference rate (ThroughputTuner). 'sweep' is end-to-end images/s at each fixed batch x"
      " worker count (best of the runs after a warm-up); 'first pass' is auto's first pass over the files, tuning included;"
      " 'settled' is the same embedder's best run after it settled (it runs the files again until then, 'tuning images';"
      " its largest batch is capped at the file count, as indexing caps it at a commit's size).\n")
print("| model | auto picked (batch, workers) | settled (images/s) | first pass (images/s) | tuning images / s | best fixed (batch, workers: images/s) | settled / best fixed | sweep (bBATCH wWORKERS: images/s) |")
print("|---|---|---:|---:|---:|---|---:|---|")
for r in autos:
    sweep = ", ".join(f"b{s['batch']} w{s['workers']}: {s['images_per_s']}" for s in r["sweep"])
    print(f"| {r['model']} | {r['auto_batch']}, {r['auto_workers']} | {r['auto_images_per_s']} | {r['auto_first_pass_images_per_s']} | {r['tuning_images']} / {r['tuning_seconds']}"
          f" | {r['best_fixed_batch']}, {r['best_fixed_workers']}: {r['best_fixed_images_per_s']} | {r['auto_over_best_fixed']} | {sweep} |")
print("\nWhat the tuner measured (its log line):\n")
for r in autos:
    print(f"- {r['model']}: {r['auto_reason']}")
PY
cat benchmarks/results/encode.md
