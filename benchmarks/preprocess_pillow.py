#!/usr/bin/env python3
"""Reference side of the preprocessing benchmark: the steps the Hugging Face / open_clip processors
run with Pillow and numpy (decode, convert RGB, resize, crop, rescale, normalise), timed the same way
as the C# side (median of runs after warm-up, one thread). Prints JSON lines."""
import json, os, sys, time
import numpy as np
from PIL import Image

def siglip(path, size=224):
    im = Image.open(path).convert("RGB").resize((size, size), Image.BICUBIC)
    x = np.asarray(im, dtype=np.float64) * (1 / 255)
    x = ((x.astype(np.float32) - 0.5) / 0.5).transpose(2, 0, 1)
    return x

def dinov2(path, short=256, crop=224):
    im = Image.open(path).convert("RGB")
    w, h = im.size
    if w <= h: size = (short, int(short * h / w))
    else: size = (int(short * w / h), short)
    im = im.resize(size, Image.BICUBIC)
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

model = sys.argv[1]
fn = {"siglip-tiny": siglip, "dinov2-tiny": dinov2}[model]
for path in sys.argv[2:]:
    runs = 15 if os.path.getsize(path) > 1_000_000 else 41
    print(json.dumps({"impl": "pillow+numpy", "model": model, "image": os.path.basename(path),
                      "median_ms": round(median_ms(lambda: fn(path), 3, runs), 2), "runs": runs,
                      "pillow": Image.__version__, "numpy": np.__version__}))
