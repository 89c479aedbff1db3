#!/usr/bin/python3
"""Builds the emoji benchmark under data/emoji/prepared from pinned npm packages.

Steps: fetch each package in packages.lock.json with `npm pack` (cached), check its sha512 against the
lock, read emojibase-data for labels/tags/groups, find each base emoji's image in the four sets (joined
by code point; Fluent by its CLDR-name file name), rasterise SVGs with rsvg-convert, write 64 px RGBA
PNGs, metadata.csv per split and the query files. Idempotent: finished outputs are reused, and the
whole tree is rebuilt only when the lock or this script changes (stamp file).
"""
import base64
import csv
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
from collections import defaultdict

from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
SIZE = 64
TRAIN_SETS = ["noto", "fluent", "openmoji"]
HELDOUT_SET = "twemoji"
SETS = TRAIN_SETS + [HELDOUT_SET]


def fail(message):
    print(f"prepare: {message}", file=sys.stderr)
    sys.exit(1)


def sha512_sri(path):
    digest = hashlib.sha512()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return "sha512-" + base64.b64encode(digest.digest()).decode()


def fetch(package, cache):
    """The package tarball, from the cache or `npm pack`, checked against the pinned integrity."""
    name, version, integrity = package["name"], package["version"], package["integrity"]
    path = os.path.join(cache, f"{name}-{version}.tgz")
    if not os.path.exists(path) or sha512_sri(path) != integrity:
        print(f"prepare: fetching {name}@{version} from npm")
        try:
            subprocess.run(["npm", "pack", f"{name}@{version}", "--pack-destination", cache, "--silent"],
                           check=True, stdout=subprocess.DEVNULL)
        except (OSError, subprocess.CalledProcessError) as e:
            fail(f"npm pack {name}@{version} failed ({e}); check that npm is installed and the registry is reachable.")
    actual = sha512_sri(path)
    if actual != integrity:
        os.remove(path)
        fail(f"{path}: sha512 is {actual} but packages.lock.json pins {integrity}; the download is corrupt or the "
             "registry changed the package. Delete the cache and retry, or re-pin after checking `npm view`.")
    return path


def members(tgz, prefix):
    """Name -> bytes for tarball members under package/PREFIX."""
    out = {}
    with tarfile.open(tgz, "r:gz") as tar:
        for m in tar.getmembers():
            if m.isfile() and m.name.startswith("package/" + prefix):
                out[m.name[len("package/" + prefix):]] = tar.extractfile(m).read()
    return out


def key(hexcode):
    """Join key for code point sequences: upper case, variation selector 16 dropped."""
    return "-".join(p for p in hexcode.upper().split("-") if p != "FE0F")


def slug(label):
    return re.sub(r"[^a-z0-9]+", "-", label.lower().replace("\u2019", "").replace("'", "")).strip("-")


def to_png(raw_png):
    """64 px RGBA, with RGB composited over white so tools that drop alpha see the emoji on white."""
    img = Image.open(io.BytesIO(raw_png)).convert("RGBA")
    if img.size != (SIZE, SIZE):
        img.thumbnail((SIZE, SIZE), Image.LANCZOS)
        canvas = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
        canvas.paste(img, ((SIZE - img.width) // 2, (SIZE - img.height) // 2))
        img = canvas
    white = Image.new("RGBA", img.size, (255, 255, 255, 255))
    rgb = Image.alpha_composite(white, img).convert("RGB")
    out = rgb.copy()
    out.putalpha(img.getchannel("A"))
    return out


def rasterise(svg_bytes):
    try:
        result = subprocess.run(["rsvg-convert", "-w", str(SIZE), "-h", str(SIZE), "-a", "-f", "png"],
                                input=svg_bytes, check=True, capture_output=True)
    except FileNotFoundError:
        fail("rsvg-convert not found; run scripts/install-data-tools.sh (Debian package librsvg2-bin).")
    return result.stdout


def main():
    out = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.join(HERE, "prepared")
    lock_path = os.path.join(HERE, "packages.lock.json")
    with open(lock_path, "rb") as f:
        lock_bytes = f.read()
    with open(os.path.abspath(__file__), "rb") as f:
        stamp = hashlib.sha256(lock_bytes + f.read()).hexdigest()
    stamp_path = os.path.join(out, "STAMP")
    if os.path.exists(stamp_path) and open(stamp_path).read().strip() == stamp:
        print(f"prepare: {out} is up to date")
        return
    cache = os.path.join(out, ".cache")
    os.makedirs(cache, exist_ok=True)
    packages = {p["name"]: p for p in json.loads(lock_bytes)["packages"]}
    tgz = {name: fetch(p, cache) for name, p in packages.items()}

    base = members(tgz["emojibase-data"], "en/")
    data = json.loads(base["data.json"])
    messages = json.loads(base["messages.json"])
    groups = {g["order"]: g["key"] for g in messages["groups"]}
    subgroups = {g["order"]: g["key"] for g in messages["subgroups"]}
    emoji = [e for e in data if e.get("group") is not None and groups[e["group"]] != "component"]

    google = members(tgz["emoji-datasource-google"], "img/google/64/")
    twitter = members(tgz["emoji-datasource-twitter"], "img/twitter/64/")
    openmoji = members(tgz["openmoji"], "color/svg/")
    fluent = members(tgz["fluentui-emoji"], "icons/flat/")
    by_key = {
        "noto": {key(n[:-4]): n for n in google},
        "twemoji": {key(n[:-4]): n for n in twitter},
        "openmoji": {key(n[:-4]): n for n in openmoji},
        "fluent": {n[:-4]: n for n in fluent},
    }
    sources = {"noto": google, "twemoji": twitter, "openmoji": openmoji, "fluent": fluent}

    tmp = out + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    rows = defaultdict(list)
    print(f"prepare: {len(emoji)} base emoji in emojibase-data; rasterising (this takes a minute or two)")
    for e in emoji:
        k = key(e["hexcode"])
        for s in SETS:
            # Fluent names files after the CLDR name; people and hands carry a "-default" (yellow) variant.
            name = (by_key[s].get(slug(e["label"])) or by_key[s].get(slug(e["label"]) + "-default")) if s == "fluent" else by_key[s].get(k)
            if name is None:
                continue
            raw = sources[s][name]
            img = to_png(rasterise(raw) if name.endswith(".svg") else raw)
            split = "heldout" if s == HELDOUT_SET else "train"
            rel = f"images/{s}/{k}.png"
            os.makedirs(os.path.join(tmp, split, "images", s), exist_ok=True)
            img.save(os.path.join(tmp, split, rel), optimize=False)
            rows[split].append({
                "id": f"{s}/{k}", "path": rel, "set": s, "hexcode": k, "emoji": e["emoji"], "label": e["label"],
                "tags": "|".join(e.get("tags", [])), "group": groups[e["group"]], "subgroup": subgroups.get(e.get("subgroup"), ""),
            })
    fields = ["id", "path", "set", "hexcode", "emoji", "label", "tags", "group", "subgroup"]
    for split, items in rows.items():
        with open(os.path.join(tmp, split, "metadata.csv"), "w", newline="", encoding="utf-8") as f:
            w = csv.DictWriter(f, fieldnames=fields)
            w.writeheader()
            w.writerows(items)
    write_queries(tmp, rows)
    counts = {s: sum(1 for r in rows["train"] + rows["heldout"] if r["set"] == s) for s in SETS}
    with open(os.path.join(tmp, "summary.json"), "w") as f:
        json.dump({"base_emoji": len(emoji), "images_per_set": counts, "size": SIZE,
                   "packages": {n: p["version"] for n, p in packages.items()}}, f, indent=1)
    # Swap in the finished tree; the download cache moves across so reruns do not fetch again.
    shutil.move(cache, os.path.join(tmp, ".cache"))
    shutil.rmtree(out, ignore_errors=True)
    os.rename(tmp, out)
    with open(stamp_path, "w") as f:
        f.write(stamp + "\n")
    print(f"prepare: wrote {out}: {json.dumps(counts)}")


def write_queries(root, rows):
    """Query sets against the held-out split (Twemoji), plus label queries on the training split for calibration."""
    q = os.path.join(root, "queries")
    os.makedirs(q, exist_ok=True)
    held = rows["heldout"]
    train = rows["train"]

    def dump(name, items):
        with open(os.path.join(q, name), "w", encoding="utf-8") as f:
            for item in items:
                f.write(json.dumps(item, ensure_ascii=False) + "\n")

    dump("text_label.jsonl", [{"gallery": "heldout", "text": r["label"], "relevant": [r["id"]]} for r in held])
    by_tag = defaultdict(list)
    for r in held:
        for t in r["tags"].split("|"):
            if t:
                by_tag[t].append(r["id"])
    dump("text_tag.jsonl", [{"gallery": "heldout", "text": t, "relevant": ids}
                            for t, ids in sorted(by_tag.items()) if 2 <= len(ids) <= 40 and re.search(r"[a-z]", t)])
    train_by_key = defaultdict(list)
    for r in train:
        train_by_key[r["hexcode"]].append(r["id"])
    dump("image_cross.jsonl", [{"gallery": "train", "image": r["id"], "image_split": "heldout", "relevant": train_by_key[r["hexcode"]]}
                               for r in held if train_by_key[r["hexcode"]]])
    dump("train_text_label.jsonl", [{"gallery": "train", "text": r["label"], "relevant": train_by_key[r["hexcode"]]}
                                    for r in train if r["set"] == "noto"])


if __name__ == "__main__":
    main()
