#!/usr/bin/python3
"""Trains one of the emoji models (siglip | dinov2 | eva02) on the prepared emoji test collection and exports it
in the layout ResearchKit reads. CPU by default (Debian python3-torch); CUDA when available.

  nice -n 19 /usr/bin/python3 models/recipes/train.py --arch siglip --out models/emoji/siglip-emoji

Objectives (see models/recipes/README.md): SigLIP — pairwise sigmoid loss image<->text plus a sigmoid
image<->image term across drawing sets; EVA02-CLIP — symmetric InfoNCE image<->text plus image<->image;
DINOv2 — SimCLR-style NT-Xent between two augmented views, where the second view is the same emoji as
drawn by another training set (the code-point join is the only supervision; no text).
"""
import argparse
import json
import math
import os
import shutil
import sys
import time


sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import openblas  # noqa: E402

openblas.tune()
import torch  # noqa: E402
import torch.nn.functional as F

from arch import ClipText, Dinov2, Eva02Vision, SiglipText, SiglipVision  # noqa: E402
from emoji_data import EmojiTrainData, augment, normalise, recall_at_k  # noqa: E402
from export import export_model  # noqa: E402
from tokenizers import ClipBpe, SiglipSpm  # noqa: E402

MEANS = {
    "siglip": ([0.5, 0.5, 0.5], [0.5, 0.5, 0.5]),
    "dinov2": ([0.485, 0.456, 0.406], [0.229, 0.224, 0.225]),
    "eva02": ([0.48145466, 0.4578275, 0.40821073], [0.26862954, 0.26130258, 0.27577711]),
}


def parse():
    p = argparse.ArgumentParser()
    p.add_argument("--arch", choices=["siglip", "dinov2", "eva02"], required=True)
    p.add_argument("--data", default=os.path.join(os.path.dirname(__file__), "..", "..", "data", "emoji", "prepared"))
    p.add_argument("--out", required=True)
    p.add_argument("--steps", type=int, default=100000)
    p.add_argument("--max-minutes", type=float, default=60)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--lr", type=float, default=2e-3)
    p.add_argument("--size", type=int, default=32)
    p.add_argument("--patch", type=int, default=8)
    p.add_argument("--width", type=int, default=128)
    p.add_argument("--depth", type=int, default=4)
    p.add_argument("--heads", type=int, default=4)
    p.add_argument("--text-width", type=int, default=128)
    p.add_argument("--text-depth", type=int, default=2)
    p.add_argument("--context", type=int, default=16)
    p.add_argument("--embed", type=int, default=128)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--views", type=int, default=2, help="images per emoji in a batch, each from a different training set where it has them")
    p.add_argument("--temperature", type=float, default=0.1, help="NT-Xent temperature of the DINOv2 objective")
    p.add_argument("--val-fraction", type=float, default=0.0, help="share of the training emoji held back as a validation slice (chosen by a hash of the code points); progress lines then report it instead of the held-out set")
    p.add_argument("--eval-every", type=float, default=0, help="minutes between progress lines in the log (0: only at the end): validation recall with --val-fraction, else held-out recall, which is not used to pick weights")
    p.add_argument("--init", help="training output folder of an earlier run of the same architecture and size: start from its checkpoint.pt (a second, shorter schedule, usually with a lower --lr)")
    p.add_argument("--bpe-from", help="reuse vocab.json/merges.txt learned by an earlier run (the learner is deterministic but slow on a busy CPU)")
    return p.parse_args()


class Towers(torch.nn.Module):
    def __init__(self, a, vocab):
        super().__init__()
        mlp = 4 * a.width
        if a.arch == "siglip":
            self.vision = SiglipVision(a.size, a.patch, a.width, a.depth, a.heads, mlp)
            self.text = SiglipText(vocab, a.context, a.text_width, a.text_depth, a.heads, 4 * a.text_width, a.width)
            self.t = torch.nn.Parameter(torch.tensor(2.302585))  # log 10, as SigLIP initialises
            self.b = torch.nn.Parameter(torch.tensor(-10.0))
            self.t2 = torch.nn.Parameter(torch.tensor(2.302585))
            self.b2 = torch.nn.Parameter(torch.tensor(-10.0))
        elif a.arch == "eva02":
            self.vision = Eva02Vision(a.size, a.patch, a.width, a.depth, a.heads, mlp * 2 // 3, a.embed)
            self.text = ClipText(vocab, a.context, a.text_width, a.text_depth, a.heads, a.embed)
            self.t = torch.nn.Parameter(torch.tensor(2.659260))  # log(1/0.07), as CLIP initialises
        else:
            self.vision = Dinov2(a.size, a.patch, a.width, a.depth, a.heads, mlp)
            self.text = None

    def embed_images(self, x):
        out = self.vision(x)
        return F.normalize(out[1] if isinstance(out, tuple) else out, dim=-1)

    def embed_texts(self, ids):
        return F.normalize(self.text(ids), dim=-1)


def sigmoid_loss(x, y, t, b, pos):
    logits = x @ y.T * t.exp() + b
    return -F.logsigmoid(pos * logits).sum() / x.shape[0]


def info_nce(x, y, scale):
    logits = x @ y.T * scale
    target = torch.arange(x.shape[0], device=x.device)
    return (F.cross_entropy(logits, target) + F.cross_entropy(logits.T, target)) / 2


def nt_xent(a, b, temperature=0.1):
    z = torch.cat([a, b])
    n = a.shape[0]
    sims = z @ z.T / temperature
    sims.fill_diagonal_(float("-inf"))
    target = torch.cat([torch.arange(n, 2 * n), torch.arange(n)]).to(z.device)
    return F.cross_entropy(sims, target)


def loss_for(arch, model, views, ids, temperature=0.1):
    """Image-text terms for every view plus image-image terms for every pair of views (different drawing sets)."""
    emb = [model.embed_images(v) for v in views]
    n = emb[0].shape[0]
    pairs = [(i, j) for i in range(len(emb)) for j in range(i + 1, len(emb))]
    if arch == "dinov2":
        return sum(nt_xent(emb[i], emb[j], temperature) for i, j in pairs) / len(pairs)
    et = model.embed_texts(ids)
    if arch == "siglip":
        pos = 2 * torch.eye(n, device=et.device) - 1
        terms = [sigmoid_loss(e, et, model.t, model.b, pos) for e in emb]
        terms += [sigmoid_loss(emb[i], emb[j], model.t2, model.b2, pos) for i, j in pairs]
    else:
        scale = model.t.exp().clamp(max=100)
        terms = [info_nce(e, et, scale) for e in emb] + [info_nce(emb[i], emb[j], scale) for i, j in pairs]
    return sum(terms) / len(terms)


@torch.no_grad()
def evaluate(a, model, data, tokenizer, mean, std, device):
    """Held-out figures computed in Python (the C# `researchkit eval` is the reference for the model card)."""
    model.eval()
    held = torch.cat([model.embed_images(normalise(data.held_images[i:i + 256], mean, std).to(device)).cpu() for i in range(0, len(data.held_images), 256)])
    train = torch.cat([model.embed_images(normalise(data.images[i:i + 256], mean, std).to(device)).cpu() for i in range(0, len(data.images), 256)])
    result = {}
    rel = []
    q = []
    train_hex = [r["hexcode"] for r in data.rows]
    for qi, r in enumerate(data.held_rows):
        ids = {j for j, h in enumerate(train_hex) if h == r["hexcode"]}
        if ids:
            q.append(qi)
            rel.append(ids)
    result["image_cross_r10"] = recall_at_k(held[q], train, rel)
    if tokenizer is not None:
        ids = torch.tensor([tokenizer.encode(r["label"]) for r in data.held_rows])
        texts = torch.cat([model.embed_texts(ids[i:i + 256].to(device)).cpu() for i in range(0, len(ids), 256)])
        result["text_label_r10"] = recall_at_k(texts, held, [{i} for i in range(len(ids))])
    model.train()
    return result


@torch.no_grad()
def validate(model, data, mean, std, device):
    """Cross-set recall@10 on the validation emoji: each of their training-set images queries the images of the
    other training sets (every emoji, so the gallery is as crowded as the held-out one); the same emoji drawn by
    another set is relevant. Measured without Twemoji, so it can choose settings and continuations."""
    model.eval()
    gallery = torch.cat([model.embed_images(normalise(data.images[i:i + 256], mean, std).to(device)).cpu() for i in range(0, len(data.images), 256)])
    val = set(data.val_hexes)
    sets = sorted({r["set"] for r in data.rows})
    total, count = 0.0, 0
    for s in sets:
        others = [j for j, r in enumerate(data.rows) if r["set"] != s]
        queries = [i for i, r in enumerate(data.rows) if r["set"] == s and r["hexcode"] in val]
        rel = [{k for k, j in enumerate(others) if data.rows[j]["hexcode"] == data.rows[i]["hexcode"]} for i in queries]
        keep = [(q, r) for q, r in zip(queries, rel) if r]
        if keep:
            total += recall_at_k(gallery[[q for q, _ in keep]], gallery[others], [r for _, r in keep]) * len(keep)
            count += len(keep)
    model.train()
    return {"val_cross_r10": total / count, "val_queries": count}


def progress(a, model, data, tokenizer, mean, std, device):
    return validate(model, data, mean, std, device) if data.val_hexes else evaluate(a, model, data, tokenizer, mean, std, device)


def machine():
    """A line for the model card: which CPU, how many cores, which OpenBLAS kernels."""
    return f"{openblas._cpuinfo('model name') or 'unknown CPU'}, {os.cpu_count()} cores, OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', 'auto')}"


def main():
    a = parse()
    torch.manual_seed(a.seed)
    torch.set_num_threads(a.threads)
    os.makedirs(a.out, exist_ok=True)
    data = EmojiTrainData(a.data, a.size, a.seed, rgba_resize=(a.arch == "eva02"), val_fraction=a.val_fraction)
    tokenizer = None
    # With --init the token embedding rows belong to the earlier run's tokenizer, so it is reused, never relearned.
    if a.arch == "siglip":
        if a.init:
            shutil.copy(os.path.join(a.init, "spiece.model"), os.path.join(a.out, "spiece.model"))
        else:
            SiglipSpm.train(data.corpus(), a.out, vocab_size=2000)
        tokenizer = SiglipSpm(os.path.join(a.out, "spiece.model"), a.context)
        vocab = tokenizer.sp.get_piece_size()
    elif a.arch == "eva02":
        vocab_from = a.init or a.bpe_from
        if vocab_from:
            for name in ("vocab.json", "merges.txt"):
                shutil.copy(os.path.join(vocab_from, name), os.path.join(a.out, name))
        else:
            ClipBpe.train(data.corpus(), a.out, max_merges=6000)
        tokenizer = ClipBpe(a.out, a.context)
        vocab = len(tokenizer.vocab)
    else:
        vocab = 0
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = Towers(a, vocab).to(device)
    earlier = None
    if a.init:
        with open(os.path.join(a.init, "training.json")) as f:
            earlier = json.load(f)
        if earlier["arch"] != a.arch:
            sys.exit(f"train: --init {a.init} holds a {earlier['arch']} run, not {a.arch}")
        model.load_state_dict(torch.load(os.path.join(a.init, "checkpoint.pt"), map_location=device))
    params = sum(p.numel() for p in model.parameters())
    print(f"{a.arch}: {params / 1e6:.2f} M parameters, {len(data.images)} training images of {len(data.hexes)} emoji, {len(data.val_hexes)} validation emoji", flush=True)
    mean, std = (torch.tensor(v) for v in MEANS[a.arch])
    start_validation = None
    if data.val_hexes:
        # The starting point's figure, so a continuation can be judged against where it began.
        start_validation = validate(model, data, mean, std, device)
        print(f"step 0 validation: {json.dumps(start_validation)}", flush=True)
    fill = 0.0 if a.arch == "eva02" else 1.0
    opt = torch.optim.AdamW(model.parameters(), lr=a.lr, weight_decay=0.05, betas=(0.9, 0.98))
    # The schedule follows wall-clock time, so a shared CPU still ends the cosine at the budget
    # (--max-minutes) or at --steps, whichever comes first; training.json records the steps done.
    def lr_factor(frac):
        return min(1.0, frac / 0.05) * 0.5 * (1 + math.cos(math.pi * min(frac, 1.0)))

    gen = torch.Generator().manual_seed(a.seed)
    start = time.time()
    step = 0
    next_eval = a.eval_every
    for step in range(1, a.steps + 1):
        ks, images = data.batch(a.batch, a.views)
        ids = torch.tensor([tokenizer.encode(data.text_for(k)) for k in ks]).to(device) if tokenizer else None
        # Augmentation runs on the CPU with a seeded generator, so a GPU run sees the same views.
        views = [augment(x, gen, mean, std, fill=fill).to(device) for x in images]
        loss = loss_for(a.arch, model, views, ids, a.temperature)
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        elapsed = (time.time() - start) / 60
        frac = max(elapsed / a.max_minutes, step / a.steps)
        for group in opt.param_groups:
            group["lr"] = a.lr * lr_factor(frac)
        opt.step()
        if step % 10 == 0:
            print(f"step {step} loss {loss.item():.4f} lr {opt.param_groups[0]['lr']:.2e} {elapsed:.1f} min, cpu {time.process_time():.0f} s", flush=True)
        if a.eval_every and elapsed >= next_eval:
            next_eval += a.eval_every
            print(f"step {step} {'validation' if data.val_hexes else 'held-out (python)'}: {json.dumps(progress(a, model, data, tokenizer, mean, std, device))}", flush=True)
        if step % 500 == 0:
            torch.save(model.state_dict(), os.path.join(a.out, "checkpoint.pt"))
        if elapsed > a.max_minutes:
            print(f"stopping at step {step}: time budget of {a.max_minutes} min reached", flush=True)
            break
    minutes = (time.time() - start) / 60
    validation = validate(model, data, mean, std, device) if data.val_hexes else None
    if validation:
        print("validation:", json.dumps(validation), flush=True)
    metrics = evaluate(a, model, data, tokenizer, mean, std, device)
    print("held-out (python):", json.dumps(metrics), flush=True)
    torch.save(model.state_dict(), os.path.join(a.out, "checkpoint.pt"))
    model.cpu()
    export_model(a, model, tokenizer, vocab)
    with open(os.path.join(a.out, "training.json"), "w") as f:
        json.dump({"arch": a.arch, "args": vars(a), "steps_done": step, "minutes": round(minutes, 1), "parameters": params, "earlier": earlier,
                   "device": str(device) if device.type == "cpu" else torch.cuda.get_device_name(0), "threads": a.threads, "machine": machine(), "torch": torch.__version__, "heldout_python": metrics,
                   "validation": validation and {"emoji": len(data.val_hexes), "start": start_validation, "end": validation}}, f, indent=1)
    # checkpoint.pt stays beside the export (git-ignored) so a later run can fine-tune from it.


if __name__ == "__main__":
    main()
