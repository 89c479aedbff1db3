#!/usr/bin/env python3
"""Checks what `researchkit demo` wrote: the report's sections, the exported config, and that the recall it measured
with each embedded model reproduces that model's committed evaluation (models/emoji/NAME/eval.json), per query set
and per drawing set. Standard library only.

usage: python3 tests/check_demo.py DEMO_OUT_DIR models/emoji
"""
import json
import os
import sys

# ONNX Runtime may round differently on another CPU, which can swap near-tied neighbours; a swap moves recall@10 over
# 1,906 queries by about 0.0005, so 0.002 allows a few while still catching a changed model, preprocessing or search.
TOLERANCE = 0.002
SECTIONS = ["Recall@10 on the held-out set", "image_cross recall@10 by set", "Text to image", "Image to image", "Calibration"]


def main(out, models):
    problems = []
    with open(os.path.join(out, "report.html"), encoding="utf-8") as f:
        report = f.read()
    problems += [f"report.html lacks the section '{s}'" for s in SECTIONS if s not in report]
    with open(os.path.join(out, "search-config.json"), encoding="utf-8") as f:
        config = json.load(f)
    if not config.get("spaces") or "calibration" not in config:
        problems.append("search-config.json has no spaces or no calibration")
    with open(os.path.join(out, "evaluation.json"), encoding="utf-8") as f:
        measured = {e["model"]: e for e in json.load(f)}
    compared = 0
    for name in sorted(os.listdir(models)):
        path = os.path.join(models, name, "eval.json")
        if not os.path.exists(path):
            continue
        if name not in measured:
            problems.append(f"the demo did not evaluate the embedded model {name}")
            continue
        with open(path, encoding="utf-8") as f:
            committed = {s["name"]: s for s in json.load(f)["sets"]}
        for s in measured[name]["sets"]:
            want = committed.get(s["name"])
            if want is None or s.get("skipped") or want.get("skipped"):
                continue
            pairs = [(s["name"], s["recall_at_k"], want["recall_at_k"])]
            groups = {g["value"]: g["recall_at_k"] for g in want.get("breakdown") or []}
            pairs += [(f"{s['name']} {g['value']}", g["recall_at_k"], groups[g["value"]]) for g in s.get("breakdown") or [] if g["value"] in groups]
            for label, got, expected in pairs:
                compared += 1
                if abs(got - expected) > TOLERANCE:
                    problems.append(f"{name} {label}: recall@10 {got:.4f}, committed {expected:.4f} (models/emoji/{name}/eval.json)")
    if compared == 0:
        problems.append(f"no committed evaluation in {models} matched a model the demo ran")
    for p in problems:
        print("check_demo: " + p)
    print(f"check_demo: {compared} recall figures compared with the committed evaluations, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
