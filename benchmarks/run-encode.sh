#!/usr/bin/env bash
# End-to-end throughput benchmark: images/s from JPEG files through ImageBatchEmbedder (decode and
# preprocessing overlapped with inference) and through DatasetIndexer, against bare InferenceSession runs on ready tensors, for
# the fixture models at batch 1, 8 and 32. Writes benchmarks/results/encode.md.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! /usr/bin/python3 -c "import PIL" 2>/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-pil python3-numpy >/dev/null
fi
data=benchmarks/.data/encode; rm -rf "$data"; mkdir -p "$data"
# 96 camera-sized JPEGs (800x600), crops and flips of the fixture photos, so decoding costs what it does in practice.
/usr/bin/python3 - "$data" <<'PY'
import sys
from PIL import Image, ImageOps
srcs = [Image.open(f"tests/fixtures/reference/images/{n}").convert("RGB") for n in ("photo_astronaut.jpg", "photo_coffee.jpg")]
for i in range(96):
    im = srcs[i % 2]
    w, h = im.size
    box = (i % 7 * 3, i % 5 * 4, w - i % 3 * 5, h - i % 4 * 6)
    im = im.crop(box).resize((800, 600), Image.BICUBIC)
    if i % 2: im = ImageOps.mirror(im)
    im.save(f"{sys.argv[1]}/img_{i:03d}.jpg", quality=90)
PY
dotnet build benchmarks/ResearchKit.Benchmarks -c Release -v q >/dev/null
out=$(mktemp)
dotnet benchmarks/ResearchKit.Benchmarks/bin/Release/net10.0/ResearchKit.Benchmarks.dll encode tests/fixtures/reference/models "$data" | tee "$out"
/usr/bin/python3 - "$out" > benchmarks/results/encode.md <<'PY'
import json, sys, os, platform
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
print("# End-to-end embedding throughput: JPEG files to vectors vs bare inference\n")
print(f"Machine: {cpu}, {os.cpu_count()} cores, ONNX Runtime CPU provider. {rows[0]['images']} JPEGs of 800x600. Script: benchmarks/run-encode.sh\n")
print("'bare' runs the ONNX session on tensors prepared beforehand; 'end to end' reads, decodes, preprocesses and")
print("embeds the files with ImageBatchEmbedder, which overlaps decoding with inference. 'preprocess only' decodes and")
print("preprocesses the same files on the embedder's worker count with no inference at all. End to end can be no faster")
print("than the slower of 'bare' and 'preprocess only' (the ceiling); 'end to end / ceiling' is how close it gets. 'indexing' runs")
print("`DatasetIndexer` into a fresh store (the same pipeline plus scanning, hashing the model files and atomic commits). Best of 3 runs after warm-up.\n")
print("| model | batch | bare (images/s) | preprocess only (images/s) | end to end (images/s) | indexing (images/s) | end to end / bare | indexing / bare | end to end / ceiling |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
for r in rows:
    print(f"| {r['model']} | {r['batch']} | {r['bare_images_per_s']} | {r['preprocess_only_images_per_s']} | {r['end_to_end_images_per_s']} | {r['index_images_per_s']} | {r['ratio']} | {r['index_ratio']} | {r['ratio_to_ceiling']} |")
PY
cat benchmarks/results/encode.md
