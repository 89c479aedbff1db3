"""The prepared emoji test collection as tensors for the recipes: training images per emoji (all training sets),
held-out Twemoji images, prompt texts, and a GPU/CPU-agnostic batch augmentation."""
import csv
import hashlib
import os
import random

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

TEMPLATES = ["{}", "{}", "an emoji of {}", "a {} emoji", "{} icon", "a picture of {}", "emoji: {}"]


def load_split(root, split, size, rgba_resize=False):
    """(rows, uint8 tensor [N,3,size,size]) resized as the engine's preprocessing does: SigLIP/DINOv2 drop alpha
    then resize (emoji on white); open_clip resizes RGBA (premultiplied, so transparent pixels turn black)
    and drops alpha after."""
    with open(os.path.join(root, split, "metadata.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    arr = np.zeros((len(rows), size, size, 3), np.uint8)
    for i, r in enumerate(rows):
        img = Image.open(os.path.join(root, split, r["path"]))
        if rgba_resize:
            arr[i] = np.asarray(img.convert("RGBA").resize((size, size), Image.BICUBIC).convert("RGB"))
        else:
            arr[i] = np.asarray(img.convert("RGB").resize((size, size), Image.BICUBIC))
    return rows, torch.from_numpy(arr).permute(0, 3, 1, 2).contiguous()


def is_validation(hexcode, fraction):
    """Whether an emoji belongs to the validation slice: a hash of its code points, so the slice is the same for
    every seed, architecture and machine, and grows monotonically with the fraction."""
    digest = hashlib.sha256(hexcode.encode("ascii")).digest()
    return int.from_bytes(digest[:4], "big") / 2 ** 32 < fraction


class EmojiTrainData:
    def __init__(self, root, size, seed, rgba_resize=False, val_fraction=0.0):
        self.rows, self.images = load_split(root, "train", size, rgba_resize)
        self.held_rows, self.held_images = load_split(root, "heldout", size, rgba_resize)
        by_hex = {}
        for i, r in enumerate(self.rows):
            by_hex.setdefault(r["hexcode"], []).append(i)
        # Validation emoji are drawn by at least two training sets (a cross-set query needs another set) and never
        # enter a training batch; their images stay in the galleries, as the held-out evaluation keeps them.
        self.val_hexes = sorted(h for h, m in by_hex.items() if len(m) >= 2 and is_validation(h, val_fraction))
        for h in self.val_hexes:
            del by_hex[h]
        self.hexes = sorted(by_hex)
        self.members = [by_hex[h] for h in self.hexes]
        first = {r["hexcode"]: r for r in self.rows}
        self.labels = [first[h]["label"] for h in self.hexes]
        self.tags = [[t for t in first[h]["tags"].split("|") if t] for h in self.hexes]
        self.rng = random.Random(seed)

    def corpus(self):
        """Every text the tokenizers should know: labels, tags and the prompt words (held-out labels are the same CLDR names)."""
        lines = set(self.labels) | {r["label"] for r in self.held_rows}
        lines |= {t for ts in self.tags for t in ts}
        lines |= {t.format("x") for t in TEMPLATES}
        return sorted(lines)

    def text_for(self, k):
        if self.tags[k] and self.rng.random() < 0.2:
            picked = self.rng.sample(self.tags[k], min(len(self.tags[k]), self.rng.randint(2, 4)))
            return " ".join(picked)
        return self.rng.choice(TEMPLATES).format(self.labels[k])

    def batch(self, n, views=2):
        """n distinct emoji and `views` images of each, drawn from different training sets as far as the emoji has
        them (an emoji drawn by fewer sets repeats one, which augmentation then varies); one text each."""
        ks = self.rng.sample(range(len(self.hexes)), n)
        picks = [[] for _ in range(views)]
        for k in ks:
            m = self.members[k]
            order = self.rng.sample(m, len(m))
            for v in range(views):
                picks[v].append(order[v % len(order)])
        return ks, [self.images[p] for p in picks]


def augment(x, generator, mean, std, strength=1.0, fill=1.0):
    """uint8 [B,3,H,W] -> normalised float: random scale/shift/rotation on the background colour (fill), colour
    jitter, blur, grayscale."""
    b, _, h, w = x.shape
    x = x.float() / 255.0
    g = generator
    scale = 1.0 + (torch.rand(b, generator=g) * 0.5 - 0.2) * strength   # 0.8 .. 1.3 zoom-out factor
    angle = (torch.rand(b, generator=g) - 0.5) * 0.5 * strength        # +-14 degrees
    shift = (torch.rand(b, 2, generator=g) - 0.5) * 0.3 * strength
    cos, sin = torch.cos(angle) * scale, torch.sin(angle) * scale
    theta = torch.stack([torch.stack([cos, -sin, shift[:, 0]], 1), torch.stack([sin, cos, shift[:, 1]], 1)], 1)
    grid = F.affine_grid(theta, list(x.shape), align_corners=False)
    x = fill - F.grid_sample(fill - x, grid, mode="bilinear", padding_mode="zeros", align_corners=False)
    # Colour: brightness, contrast, saturation, small hue-free channel gains.
    bright = 1.0 + (torch.rand(b, 1, 1, 1, generator=g) - 0.5) * 0.4 * strength
    gains = 1.0 + (torch.rand(b, 3, 1, 1, generator=g) - 0.5) * 0.2 * strength
    x = x * bright * gains
    grey = x.mean(1, keepdim=True)
    sat = 1.0 + (torch.rand(b, 1, 1, 1, generator=g) - 0.5) * 0.8 * strength
    x = grey + (x - grey) * sat
    to_grey = (torch.rand(b, 1, 1, 1, generator=g) < 0.05 * strength).float()
    x = x * (1 - to_grey) + x.mean(1, keepdim=True) * to_grey
    # Blur half the batch a little: bridges outlined (OpenMoji) and flat styles.
    k = torch.tensor([0.25, 0.5, 0.25])
    kernel = (k[:, None] * k[None, :]).expand(3, 1, 3, 3)
    blurred = F.conv2d(F.pad(x, (1, 1, 1, 1), mode="replicate"), kernel, groups=3)
    use = (torch.rand(b, 1, 1, 1, generator=g) < 0.5 * strength).float()
    x = (x * (1 - use) + blurred * use).clamp(0, 1)
    return (x - mean.view(1, 3, 1, 1)) / std.view(1, 3, 1, 1)


def normalise(x, mean, std):
    return (x.float() / 255.0 - mean.view(1, 3, 1, 1)) / std.view(1, 3, 1, 1)


def recall_at_k(queries, gallery, relevant, k=10):
    """Mean over queries of |relevant in top k| / |relevant|; rows are L2-normalised embeddings."""
    sims = queries @ gallery.T
    top = sims.topk(k, dim=1).indices.tolist()
    total = 0.0
    for t, rel in zip(top, relevant):
        total += len(set(t) & rel) / len(rel)
    return total / len(relevant)
