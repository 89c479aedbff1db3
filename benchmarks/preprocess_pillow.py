#!/usr/bin/env python3
"""Reference side of the preprocessing benchmark: the steps the Hugging Face / open_clip processors
run with Pillow and numpy (decode, convert RGB, resize, crop, rescale, normalise), timed the same way
as the C# side (median of runs after warm-up, one thread). With draft, Pillow's Image.draft first asks
libjpeg for the largest DCT reduction that still leaves at least the resize target's size, as
ResearchKit's draft mode does. Prints JSON lines."""
import json, os, sys, time
import numpy as np
from PIL import Image

def open_rgb(path, target, draft):
    im = Image.open(path)
    size = im.size  # the resize target comes from the file's own size, drafted or not
    if draft:
        im.draft("RGB", target(size))
    return im.convert("RGB"), size

def siglip(path, draft=False, size=224):
    im = open_rgb(path, lambda s: (size, size), draft)[0].resize((size, size), Image.BICUBIC)
    x = np.asarray(im, dtype=np.float64) * (1 / 255)
    x = ((x.astype(np.float32) - 0.5) / 0.5).transpose(2, 0, 1)
    return x

def shortest_edge(size, short=256):
    w, h = size
    return (short, int(short * h / w)) if w <= h else (int(short * w / h), short)

def dinov2(path, draft=False, crop=224):
    im, size = open_rgb(path, shortest_edge, draft)
    im = im.resize(shortest_edge(size), Image.BICUBIC)
    w, h = im.size
    top, left = (h - crop) // 2, (w - crop) // 2
    im = im.crop((left, top, left + crop, top + crop))
    x = np.asarray(im, dtype=np.float64) * (1 / 255)
    mean = np.array([0.485, 0.456, 0.406], np.float32); std = np.array([0.229, 0.224, 0.225], np.float32)
    return ((x.astype(np.float32) - mean) / std).transpose(2, 0, 1)

def median_ms(fn, warmup, runs):
    for _ in range(warmup): fn()
    t = []
    for _ in range(runs):
        s = time.perf_counter(); fn(); t.append((time.perf_counter() - s) * 1000)
    t.sort()
    return t[runs // 2] if runs % 2 else (t[runs // 2 - 1] + t[runs // 2]) / 2

def runs_for(path):  # as PreprocessBenchmark.Runs on the C# side
    size = os.path.getsize(path)
    return 15 if size > 1_000_000 else 25 if size > 200_000 else 41

model = sys.argv[1]
fn = {"siglip-tiny": siglip, "dinov2-tiny": dinov2}[model]
for path in sys.argv[2:]:
    runs = runs_for(path)
    print(json.dumps({"impl": "pillow+numpy", "model": model, "image": os.path.basename(path),
                      "median_ms": round(median_ms(lambda: fn(path), 3, runs), 2),
                      "draft_ms": round(median_ms(lambda: fn(path, draft=True), 3, runs), 2), "runs": runs,
                      "pillow": Image.__version__, "numpy": np.__version__}))
