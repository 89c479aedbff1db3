#!/usr/bin/python3
"""Copies a trained export into models/emoji/NAME, writes its model card from training.json and the C#
evaluation (`researchkit eval --json`), rewrites models/emoji/EVALUATION.md from every card's numbers, and
upserts the registry entry (file sizes and SHA-256) in models/registry.json.

  publish.py TRAIN_OUT NAME EVAL_JSON
"""
import json
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from digest import sha256  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
EMOJI = os.path.join(ROOT, "models", "emoji")
LIMIT = 20 * 1024 * 1024
FILES = {
    "siglip": ["config.json", "preprocessor_config.json", "spiece.model", "logit_params.json", "vision_model.onnx", "text_model.onnx"],
    "dinov2": ["config.json", "preprocessor_config.json", "model.onnx"],
    "eva02": ["open_clip_config.json", "vocab.json", "merges.txt", "visual.onnx", "textual.onnx"],
}
FAMILY = {"siglip": ("siglip", "huggingface", "siglip"), "dinov2": ("dinov2", "huggingface", "dinov2"), "eva02": ("eva02clip", "openClip", "eva02clip")}
OBJECTIVE = {
    "siglip": "pairwise sigmoid loss (SigLIP) between every view's images and the texts, plus a sigmoid image-image term between every pair of views (the same emoji drawn by different training sets); texts are the CLDR label through prompt templates (\"an emoji of {label}\", \"{label} icon\", ...) or, one time in five, 2-4 of its emojibase tags",
    "dinov2": "SimCLR-style NT-Xent (temperature TEMPERATURE) averaged over every pair of augmented views, where the views of one emoji are its drawings from different training sets where they exist (the code-point join is the only supervision: no text, no labels), so the contrastive positives cross drawing styles. Not DINO self-distillation: at this compute a contrastive objective converges faster",
    "eva02": "symmetric InfoNCE (CLIP) between every view's images and the texts with a learned temperature, plus InfoNCE between every pair of views (the same emoji drawn by different training sets); texts as for SigLIP",
}
ARCH = {
    "siglip": "SigLIP: ViT (pre-LN blocks, gelu-tanh MLP, post-LN) with the multihead-attention-pooling head; text: pre-LN encoder, final LN, last token, linear head",
    "dinov2": "DINOv2: ViT with CLS token, learned position embeddings, LayerScale (init 0.1), final LN; embedding = CLS (pooler_output)",
    "eva02": "EVA02 vision tower (CLS token, position embeddings, 2-D RoPE on patch tokens, SwiGLU MLP with inner LN, final LN, CLS pooling, linear head) + CLIP text tower (causal transformer, pooled at the end-of-text token, linear projection)",
}


SETS = ["noto", "fluent", "openmoji"]  # the training drawing sets, as the metadata's `set` column names them


def scores(evaluation):
    return {s["name"]: s for s in evaluation["sets"]}


def chain(training):
    """The runs behind a model, first run first: each --init continuation records the run it started from."""
    runs = []
    while training:
        runs.insert(0, training)
        training = training.get("earlier")
    return runs


def totals(training):
    """Steps and minutes of a run together with every earlier run it continued (--init)."""
    runs = chain(training)
    return sum(r["steps_done"] for r in runs), round(sum(r["minutes"] for r in runs), 1)


def card(name, training, evaluation, files):
    a = training["args"]
    s = scores(evaluation)
    arch = training["arch"]

    def row(key, target):
        if key not in s or s[key].get("skipped"):
            return f"| {key} | – | {target} | no text tower |" if key in s else ""
        v = s[key]["recall_at_k"]
        verdict = "met" if target != "–" and v >= float(target) else ("missed" if target != "–" else "")
        return f"| {key} | {v:.3f} | {target} | {verdict} ({s[key]['queries']} queries, hit@10 {s[key]['hit_rate_at_k']:.3f}) |"

    text_target = "0.5" if arch != "dinov2" else "–"
    lines = [
        f"# {name}",
        "",
        f"A small {ARCH[arch].split(':')[0]} trained from scratch on the emoji test collection (data/emoji) so that ResearchKit works on a",
        "fresh machine without downloading weights. It has the real architecture and the real ONNX/config layout, but it",
        "knows only emoji: do not use it for photos.",
        "",
        "## Data",
        "Training split of data/emoji (Noto, Fluent flat and OpenMoji drawings of the base emoji, labels and tags from",
        "emojibase-data; see data/emoji/README.md for versions and licences). Twemoji is held out and never seen in training.",
        "",
        "## Recipe",
        f"- Architecture: {ARCH[arch]}.",
        f"- Size: {a['size']} px input, patch {a['patch']}, width {a['width']}, depth {a['depth']}, heads {a['heads']}"
        + (f"; text width {a['text_width']}, depth {a['text_depth']}, context {a['context']}" if arch != "dinov2" else "")
        + f"; {training['parameters'] / 1e6:.2f} M parameters.",
        f"- Objective: {OBJECTIVE[arch].replace('TEMPERATURE', format(a.get('temperature', 0.1), 'g'))}.",
        "- Augmentation: random zoom 0.8-1.3, rotation +-14 degrees, shift, brightness, per-channel gain and saturation jitter, 5% greyscale, 3x3 blur on half the images.",
        f"- Optimiser: AdamW (lr {a['lr']}, weight decay 0.05, betas 0.9/0.98), warm-up then cosine over the wall-clock budget; batch {a['batch']} distinct emoji x {a.get('views', 2)} views.",
        f"- Seed {a['seed']}; {training['steps_done']} steps in {training['minutes']} min on "
        + (f"CPU ({training['threads']} thread, torch {training['torch']}; {training.get('machine', 'a shared 2-core machine')})" if training["device"] == "cpu" else training["device"])
        + ", recipe models/recipes/train.py:",
        "",
        "```",
        f"/usr/bin/python3 models/recipes/train.py --arch {arch} --out OUT --max-minutes {a['max_minutes']:g} --seed {a['seed']} "
        f"--views {a.get('views', 2)} --width {a['width']} --depth {a['depth']} --heads {a['heads']} --text-width {a['text_width']} --embed {a['embed']}"
        + (f" --init EARLIER --lr {a['lr']:g}" if a.get("init") else "") + (" --bpe-from DIR" if a.get("bpe_from") else ""),
        "```",
        "",
    ]
    runs = chain(training)
    if len(runs) > 1:
        listed = "; ".join(f"{e['steps_done']} steps in {e['minutes']} min at lr {e['args']['lr']} (`--max-minutes {e['args']['max_minutes']:g}"
                           f" --views {e['args'].get('views', 2)} --seed {e['args']['seed']}`)" for e in runs[:-1])
        lines += [f"Continued with `--init` from {'an earlier run' if len(runs) == 2 else 'earlier runs, first to last,'} of this recipe: {listed}. Each continuation started from the"
                  f" previous run's last checkpoint with a new warm-up and cosine; this run's lr was {a['lr']}. {totals(training)[0]} steps in all.", ""]
    if any(r["args"].get("bpe_from") for r in runs):
        lines += ["The BPE vocabulary (vocab.json, merges.txt) was learned by `tokenizers.ClipBpe.train` on the same corpus in an earlier",
                  "run of this recipe and reused with `--bpe-from` (the learner is deterministic; it is slow on a busy CPU).", ""]
    lines += [
        "## Metrics (held-out Twemoji, `researchkit eval data/emoji/prepared --model " + name + "`)",
        "| query set | recall@10 | target | |",
        "|---|---|---|---|",
    ]
    lines += [r for r in (row("text_label", text_target), row("text_tag", "–"), row("image_cross", "0.6")) if r]
    if s.get("image_cross", {}).get("breakdown"):
        per_set = ", ".join(f"{g['value']} {g['recall_at_k']:.3f} ({g['queries']} queries)" for g in s["image_cross"]["breakdown"])
        lines += ["", f"image_cross per training set (`--by set`: how often that set's drawing is in the top 10): {per_set}."]
    lines += [
        "",
        "text_label: the CLDR label of each Twemoji emoji, one relevant image among 1,906. text_tag: an emojibase tag, all held-out",
        "emoji with that tag relevant. image_cross: each Twemoji image against the 5,382 training-set images, the same emoji in",
        "the other sets relevant (up to 3).",
        "",
        "## Files",
        "| file | bytes | sha256 |",
        "|---|---|---|",
    ]
    lines += [f"| {f['path']} | {f['size']} | `{f['sha256'][:16]}…` |" for f in files]
    lines += [
        "",
        "## Licence",
        "Weights: Apache-2.0 (this repository's choice for the trained parameters). They were trained on images under",
        "Apache-2.0 (Noto), MIT (Fluent) and CC BY-SA 4.0 (OpenMoji); attribution for those sets is in data/emoji/README.md.",
        "Whether a model trained on CC BY-SA images is a derivative is unsettled; if you redistribute, credit OpenMoji as well.",
        "",
    ]
    return "\n".join(lines)


def registry_entry(name, arch, training, files):
    family, layout, pre = FAMILY[arch]
    a = training["args"]
    return {
        "name": name, "family": family, "repo": f"researchkit/{name}", "revision": "main",
        "upstream": f"trained here: models/recipes/train.py --arch {arch}", "embeddingDim": a["embed"] if arch == "eva02" else a["width"],
        "imageSize": a["size"], "preprocessing": pre, "license": "apache-2.0", "layout": layout, "pullable": False,
        "files": [{"path": f["path"], "size": f["size"], "sha256": f["sha256"]} for f in files],
        "note": f"Embedded default model in models/emoji/{name} (emoji only); resolved by name without a download. Card: models/emoji/{name}/README.md.",
    }


def per_set_row(name, s):
    """A row of image_cross recall per drawing set, or None for an evaluation run without `--by set`."""
    groups = {g["value"]: g["recall_at_k"] for g in (s.get("image_cross", {}).get("breakdown") or [])}
    return f"| {name} | " + " | ".join(f"{groups[k]:.3f}" for k in SETS) + " |" if all(k in groups for k in SETS) else None


def evaluation_md():
    rows = []
    per_set = []
    for name in sorted(os.listdir(EMOJI)):
        path = os.path.join(EMOJI, name, "eval.json")
        if not os.path.exists(path):
            continue
        with open(path) as f:
            s = scores(json.load(f))
        with open(os.path.join(EMOJI, name, "training.json")) as f:
            t = json.load(f)
        cell = lambda k: "–" if k not in s or s[k].get("skipped") else f"{s[k]['recall_at_k']:.3f}"
        steps, minutes = totals(t)
        rows.append(f"| {name} | {cell('text_label')} | {cell('text_tag')} | {cell('image_cross')} | {steps} steps, {minutes} min CPU wall |")
        per_set.append(per_set_row(name, s))
    text = ["# Emoji models: evaluation", "",
            "Recall@10 on the held-out Twemoji split of data/emoji, measured by the C# engine",
            "(`researchkit eval data/emoji/prepared --model NAME --json`, the same preprocessing, tokenizers and ONNX files a user runs).",
            "Targets from issue 5: text_label >= 0.5 (SigLIP, EVA02-CLIP), image_cross >= 0.6 (all three). Chance is about 0.005 for",
            "text_label (1 of 1,906) and about 0.002 per relevant item for image_cross (10 of 5,382).", "",
            "| model | text_label | text_tag | image_cross | training |", "|---|---|---|---|---|"] + rows + [""]
    if per_set and all(per_set):
        text += ["## image_cross per training set", "",
                 "The same ranking, with recall counted separately for the relevant drawing of each training set",
                 "(`researchkit eval data/emoji/prepared --model NAME --set image_cross --by set`). Fluent lacks some emoji, so it has fewer queries.", "",
                 "| model | " + " | ".join(SETS) + " |", "|---" * (len(SETS) + 1) + "|"] + per_set + [""]
    with open(os.path.join(EMOJI, "EVALUATION.md"), "w") as f:
        f.write("\n".join(text))


def main():
    src, name, eval_path = sys.argv[1:4]
    with open(os.path.join(src, "training.json")) as f:
        training = json.load(f)
    arch = training["arch"]
    dst = os.path.join(EMOJI, name)
    os.makedirs(dst, exist_ok=True)
    files = []
    for rel in FILES[arch]:
        shutil.copy(os.path.join(src, rel), os.path.join(dst, rel))
        size = os.path.getsize(os.path.join(dst, rel))
        if size > LIMIT:
            sys.exit(f"publish: {rel} is {size} bytes, over the 20 MB limit for committed models; train a smaller model.")
        files.append({"path": rel, "size": size, "sha256": sha256(os.path.join(dst, rel))})
    shutil.copy(os.path.join(src, "training.json"), os.path.join(dst, "training.json"))
    shutil.copy(eval_path, os.path.join(dst, "eval.json"))
    with open(eval_path) as f:
        evaluation = json.load(f)
    with open(os.path.join(dst, "README.md"), "w") as f:
        f.write(card(name, training, evaluation, files))
    reg_path = os.path.join(ROOT, "models", "registry.json")
    with open(reg_path) as f:
        registry = json.load(f)
    entry = registry_entry(name, arch, training, files)
    registry["models"] = [m for m in registry["models"] if m["name"] != name] + [entry]
    with open(reg_path, "w") as f:
        json.dump(registry, f, indent=2, ensure_ascii=False)
        f.write("\n")
    evaluation_md()
    print(f"publish: {dst} ({sum(f['size'] for f in files)} bytes)")


if __name__ == "__main__":
    main()
