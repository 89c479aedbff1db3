#!/usr/bin/env python3
"""Writes benchmarks/results/preprocess.md from run-preprocess.sh's JSON lines: the side-by-side timings (several
rounds; the median round is shown with the range of rounds), the exact path's stage shares and draft accuracy.
usage: preprocess_report.py TIMINGS ACCURACY LOAD_BEFORE LOAD_AFTER"""
import json, os, platform, statistics, sys

timings = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
accuracy = [json.loads(l) for l in open(sys.argv[2]) if l.strip()]
load_before, load_after = sys.argv[3:5]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
pillow = next(r for r in timings if r["impl"] == "pillow+numpy")
rounds = max(r["round"] for r in timings)
keys = list(dict.fromkeys((r["model"], r["image"]) for r in timings))

def rows(impl, model, image):
    return [r for r in timings if r["impl"] == impl and r["model"] == model and r["image"] == image]

def cell(values):
    return f"{statistics.median(values):.2f} ({min(values):.2f}–{max(values):.2f})"

print("# Preprocessing: file to model-ready tensor, per image (median ms, one thread)\n")
print(f"Machine: {cpu}, {os.cpu_count()} cores, shared with other builds: load average (1, 5, 15 min) {load_before} before"
      f" and {load_after} after the run. Pillow {pillow['pillow']}, numpy {pillow['numpy']}. Script: benchmarks/run-preprocess.sh\n")
print(f"Both sides run the same steps on one thread, in turn, {rounds} rounds; each figure is the median of the rounds'"
      " medians with the range of the rounds in brackets. 'photo_' files are a fixture photo upscaled (smooth);"
      " 'mosaic_' files are tiled from the fixture photos at their own scale (detail everywhere, as a camera's).\n")
print("## Exact (bit-exact with the reference processors)\n")
print("| model steps | image | ResearchKit (ms) | Pillow + numpy (ms) | speed-up |")
print("|---|---|---:|---:|---:|")
for model, image in keys:
    ours = [r["median_ms"] for r in rows("researchkit", model, image)]
    theirs = [r["median_ms"] for r in rows("pillow+numpy", model, image)]
    print(f"| {model} | {image} | {cell(ours)} | {cell(theirs)} | {statistics.median(theirs) / statistics.median(ours):.2f}x |")

print("\n## Draft (JPEG DCT scaling, then the exact resize)\n")
print("| model steps | image | ResearchKit draft (ms) | vs ResearchKit exact | Pillow draft (ms) | speed-up over Pillow draft |")
print("|---|---|---:|---:|---:|---:|")
for model, image in keys:
    ours = [r["draft_ms"] for r in rows("researchkit", model, image)]
    exact = [r["median_ms"] for r in rows("researchkit", model, image)]
    theirs = [r["draft_ms"] for r in rows("pillow+numpy", model, image)]
    print(f"| {model} | {image} | {cell(ours)} | {statistics.median(exact) / statistics.median(ours):.1f}x faster"
          f" | {cell(theirs)} | {statistics.median(theirs) / statistics.median(ours):.2f}x |")

print("\n## Where the exact path's time goes (ResearchKit, median ms per stage, last round)\n")
print("Entropy decoding (Huffman), IDCT, colour conversion and upsampling, the horizontal resampling pass, and the vertical"
      " pass fused with crop, rescale and normalise into the tensor. Timed inside one streaming pass, so the sum is close to,"
      " not equal to, the whole.\n")
print("| model steps | image | entropy | IDCT | colour | horizontal | vertical + tensor | sum |")
print("|---|---|---:|---:|---:|---:|---:|---:|")
for model, image in keys:
    stages = rows("researchkit", model, image)[-1].get("stages")
    if not stages:
        continue
    total = sum(stages.values())
    parts = " | ".join(f"{stages[k]:.2f} ({100 * stages[k] / total:.0f}%)" for k in ("entropy", "idct", "color", "horizontal", "vertical_tensor"))
    print(f"| {model} | {image} | {parts} | {total:.2f} |")

print("\n## Draft accuracy: embedding cosine to the exact path, per fixture model\n")
print("Preprocessing time on one thread (median ms) and the cosine between the draft and the exact embedding of the same"
      " file. A file already as small as the resize target is not reduced (cosine 1).\n")
print("| model | image | size | decoded at | exact (ms) | draft (ms) | speed-up | cosine |")
print("|---|---|---|---|---:|---:|---:|---:|")
for r in accuracy:
    print(f"| {r['model']} | {r['image']} | {r['size']} | {r['decoded_at']} | {r['exact_ms']} | {r['draft_ms']}"
          f" | {r['exact_ms'] / r['draft_ms']:.1f}x | {r['cosine']:.5f} |")
