#!/usr/bin/env bash
# Preprocessing benchmark, side by side with Pillow + numpy in one run on this machine.
# Needs Debian's python3-pil and python3-numpy (installed here if missing). Writes benchmarks/results/preprocess.md.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! /usr/bin/python3 -c "import PIL, numpy" 2>/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-pil python3-numpy >/dev/null
fi
data=benchmarks/.data; mkdir -p "$data"
# Deterministic test JPEGs at the sizes the issue names, upscaled from a fixture photo.
/usr/bin/python3 - "$data" <<'PY'
import sys
from PIL import Image
src = Image.open("tests/fixtures/reference/images/photo_astronaut.jpg").convert("RGB")
for w, h in [(1024, 768), (4000, 3000)]:
    src.resize((w, h), Image.BICUBIC).save(f"{sys.argv[1]}/photo_{w}x{h}.jpg", quality=90)
PY
dotnet build benchmarks/ResearchKit.Benchmarks -c Release -v q >/dev/null
imgs=("$data/photo_1024x768.jpg" "$data/photo_4000x3000.jpg")
out=$(mktemp)
for m in siglip-tiny dinov2-tiny; do
  dotnet benchmarks/ResearchKit.Benchmarks/bin/Release/net10.0/ResearchKit.Benchmarks.dll preprocess tests/fixtures/reference/models/$m "${imgs[@]}" >>"$out"
  /usr/bin/python3 benchmarks/preprocess_pillow.py $m "${imgs[@]}" >>"$out"
done
/usr/bin/python3 - "$out" > benchmarks/results/preprocess.md <<'PY'
import json, sys, platform, os
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
print("# Preprocessing: file to model-ready tensor, per image (median ms)\n")
print(f"Machine: {cpu}, {os.cpu_count()} cores. Pillow {rows[-1].get('pillow')}, numpy {rows[-1].get('numpy')}. Script: benchmarks/run-preprocess.sh\n")
print("Pillow + numpy runs the reference steps on one thread. ResearchKit is shown on one thread (like for like) and with its default of all cores for one large resize.\n")
print("| model steps | image | ResearchKit 1 thread (ms) | ResearchKit all cores (ms) | Pillow + numpy (ms) | speed-up, 1 thread |")
print("|---|---|---:|---:|---:|---:|")
for r in rows:
    if r["impl"] != "researchkit-1-thread": continue
    same = lambda impl: next(x for x in rows if x["impl"] == impl and x["model"] == r["model"] and x["image"] == r["image"])
    a, p = same("researchkit-all-cores"), same("pillow+numpy")
    print(f"| {r['model']} | {r['image']} | {r['median_ms']} | {a['median_ms']} | {p['median_ms']} | {p['median_ms'] / r['median_ms']:.2f}x |")
PY
cat benchmarks/results/preprocess.md
