#!/usr/bin/env bash
# Preprocessing benchmark, side by side with Pillow + numpy in one run on this machine: file to model-ready tensor on
# one thread, exact and draft (Pillow: Image.draft), with the exact path's stage shares; then draft accuracy: the
# embedding cosine between draft and exact per fixture model on the fixture photos and larger ones made from them.
# Needs Debian's python3-pil and python3-numpy (installed here if missing). Writes benchmarks/results/preprocess.md.
# Environment: RK_ROUNDS (default 3) rounds of the side-by-side timings, ResearchKit and Pillow in turn.
set -euo pipefail
cd "$(dirname "$0")/.."
py=/usr/bin/python3; [ -x "$py" ] || py=python3
if ! "$py" -c "import PIL, numpy" 2>/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-pil python3-numpy >/dev/null
fi
rounds=${RK_ROUNDS:-3}
data=benchmarks/.data/preprocess; mkdir -p "$data"
# Deterministic JPEGs made from the fixture photos: 'photo_' upscaled (smooth, as before), 'mosaic_' tiled from the
# photos at their own scale with flips, so a 12-megapixel file has real detail everywhere, as a camera's has.
"$py" - "$data" <<'PY'
import sys
from PIL import Image, ImageOps
out = sys.argv[1]
photos = [Image.open(f"tests/fixtures/reference/images/{n}").convert("RGB") for n in ("photo_astronaut.jpg", "photo_coffee.jpg")]
for w, h in [(1024, 768), (2000, 1500), (4000, 3000)]:
    photos[0].resize((w, h), Image.BICUBIC).save(f"{out}/photo_{w}x{h}.jpg", quality=90)
for w, h in [(2000, 1500), (4000, 3000)]:
    canvas, i, y = Image.new("RGB", (w, h)), 0, 0
    while y < h:
        x = 0
        while x < w:
            tile = photos[i % 2]
            tile = ImageOps.mirror(tile) if i % 3 == 1 else ImageOps.flip(tile) if i % 3 == 2 else tile
            canvas.paste(tile, (x, y)); x += tile.width; i += 1
        y += 400
    canvas.save(f"{out}/mosaic_{w}x{h}.jpg", quality=90)
PY
dotnet build benchmarks/ResearchKit.Benchmarks -c Release -v q -nologo >/dev/null
bench=(dotnet benchmarks/ResearchKit.Benchmarks/bin/Release/net10.0/ResearchKit.Benchmarks.dll)
models=tests/fixtures/reference/models
timed=("$data/photo_1024x768.jpg" "$data/photo_4000x3000.jpg" "$data/mosaic_4000x3000.jpg")
out=$(mktemp); accuracy=$(mktemp)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for round in $(seq 1 "$rounds"); do
  "${bench[@]}" preprocess $models "${timed[@]}" | sed "s/^{/{\"round\": $round, /" >>"$out"
  for m in siglip-tiny dinov2-tiny; do
    "$py" benchmarks/preprocess_pillow.py $m "${timed[@]}" | sed "s/^{/{\"round\": $round, /" >>"$out"
  done
done
"${bench[@]}" draft $models tests/fixtures/reference/images/photo_astronaut.jpg tests/fixtures/reference/images/photo_coffee.jpg \
  "$data"/photo_*.jpg "$data"/mosaic_*.jpg >"$accuracy"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
"$py" benchmarks/preprocess_report.py "$out" "$accuracy" "$load_before" "$load_after" > benchmarks/results/preprocess.md
cat benchmarks/results/preprocess.md
