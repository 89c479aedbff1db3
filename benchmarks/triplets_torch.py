#!/usr/bin/env python3
"""Triplet-weight training benchmark data and the PyTorch side of it.

`make DIR` writes seeded synthetic triplets at d = 768 whose answers follow a known weight vector
(a quarter of the dimensions matter): DIR/{train,heldout}_{anchor,a,b}.f32 (row-major float32) and
DIR/{train,heldout}_answer.u8 (0 = A closer, 1 = B closer, 2 = too similar).
`train DIR` trains the same objective as ResearchKit's TripletWeightTrainer with torch on the CPU
(Adam, projection onto w >= 0, margin loss, equality penalty, pull toward uniform weights, early
stopping on held-out accuracy) and prints one JSON line."""
import json, sys, time
import numpy as np

D, TRAIN, HELD = 768, 10000, 2000

def make(out):
    rng = np.random.default_rng(7)
    truth = np.where(np.arange(D) < D // 4, 4.0, 0.05).astype(np.float32)
    for name, n in (("train", TRAIN), ("heldout", HELD)):
        a, x, y = (rng.standard_normal((n, D), dtype=np.float32) for _ in range(3))
        dx = np.sqrt(((a - x) ** 2 * truth).sum(1)); dy = np.sqrt(((a - y) ** 2 * truth).sum(1))
        answer = np.where(dx < dy, 0, 1).astype(np.uint8)
        close = np.abs(dx - dy) < 0.02 * (dx + dy)
        answer[close & (rng.random(n) < 0.5)] = 2
        for part, arr in (("anchor", a), ("a", x), ("b", y)): arr.tofile(f"{out}/{name}_{part}.f32")
        answer.tofile(f"{out}/{name}_answer.u8")

def load(d, name):
    parts = [np.fromfile(f"{d}/{name}_{p}.f32", dtype=np.float32).reshape(-1, D) for p in ("anchor", "a", "b")]
    return parts + [np.fromfile(f"{d}/{name}_answer.u8", dtype=np.uint8)]

def train(d, margin=0.05, eq=1.0, reg=1e-3, lr=0.02, batch=256, epochs=60, patience=6, seed=1):
    import torch
    torch.set_num_threads(2); torch.manual_seed(seed)
    a, x, y, ans = (torch.from_numpy(v.astype(np.int64) if v.dtype == np.uint8 else v) for v in load(d, "train"))
    ha, hx, hy, hans = (torch.from_numpy(v.astype(np.int64) if v.dtype == np.uint8 else v) for v in load(d, "heldout"))
    sa, sb = (a - x) ** 2, (a - y) ** 2
    hsa, hsb = (ha - hx) ** 2, (ha - hy) ** 2
    judged = hans < 2
    def accuracy(w):
        da, db = (hsa @ w).clamp_min(0).sqrt(), (hsb @ w).clamp_min(0).sqrt()
        right = torch.where(hans == 0, da < db, db < da)
        return right[judged].float().mean().item()
    w = torch.ones(D, requires_grad=True)
    opt = torch.optim.Adam([w], lr=lr)
    start = time.perf_counter()
    base = accuracy(w.detach()); best, best_epoch, stale, epoch = base, 0, 0, 0
    n = len(ans)
    for epoch in range(1, epochs + 1):
        order = torch.randperm(n)
        for s in range(0, n, batch):
            i = order[s:s + batch]
            da, db = (sa[i] @ w).clamp_min(1e-12).sqrt(), (sb[i] @ w).clamp_min(1e-12).sqrt()
            k = ans[i]
            loss = torch.where(k == 0, (da - db + margin).clamp_min(0),
                   torch.where(k == 1, (db - da + margin).clamp_min(0), eq * (da - db) ** 2)).mean()
            loss = loss + reg * ((w - 1) ** 2).mean()
            opt.zero_grad(); loss.backward(); opt.step()
            with torch.no_grad(): w.clamp_(min=0)
        acc = accuracy(w.detach())
        if acc > best: best, best_epoch, stale = acc, epoch, 0
        else:
            stale += 1
            if stale >= patience: break
    seconds = time.perf_counter() - start
    print(json.dumps({"impl": f"pytorch {torch.__version__} (CPU, 2 threads)", "heldout_accuracy": round(best, 4),
                      "baseline_accuracy": round(base, 4), "best_epoch": best_epoch, "epochs_run": epoch, "seconds": round(seconds, 2)}))

if __name__ == "__main__":
    {"make": make, "train": train}[sys.argv[1]](sys.argv[2])
