"""Writes a random EVA02-CLIP checkpoint at a real model's size, in the layout the hub's open_clip repositories use
(open_clip_config.json with model_cfg + preprocess_cfg, open_clip_pytorch_model.bin in float16 with open_clip's
state-dict names, vocab.json + merges.txt), so `models convert` can be timed without downloading the trained weights.
The architecture and names come from models/recipes/eva02_clip.py; the weights mean nothing.

Usage: eva02_random_checkpoint.py {B-16|L-14|L-14-336} OUT_DIR
"""
import json
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "models", "recipes"))
import openblas  # noqa: E402

openblas.tune()
import torch  # noqa: E402

import eva02_clip  # noqa: E402

CONFIGS = {  # open_clip's model_configs/EVA02-*.json, as the hub repositories nest them
    "B-16": ("eva02_base_patch16_clip_224", 224, 512, 512, 8),
    "L-14": ("eva02_large_patch14_clip_224", 224, 768, 768, 12),
    "L-14-336": ("eva02_large_patch14_clip_336", 336, 768, 768, 12),
}


def open_clip_state(trunk, text):
    """Our modules' weights under the names open_clip/timm save (the inverse of eva02_clip.load_weights)."""
    state = {"visual.trunk." + k: v for k, v in trunk.state_dict().items()}
    for key, value in text.state_dict().items():
        if key.startswith("resblocks."):
            index, rest = key.split(".", 2)[1:]
            base = f"text.transformer.resblocks.{index}."
            if rest.startswith(("attn.q_proj", "attn.k_proj", "attn.v_proj")):
                if rest.startswith("attn.q_proj"):
                    kind = rest.rsplit(".", 1)[1]
                    parts = [text.state_dict()[f"resblocks.{index}.attn.{p}_proj.{kind}"] for p in "qkv"]
                    state[base + f"attn.in_proj_{kind}"] = torch.cat(parts)
                continue
            for old, new in (("norm1", "ln_1"), ("norm2", "ln_2"), ("mlp.fc1", "mlp.c_fc"), ("mlp.fc2", "mlp.c_proj")):
                if rest.startswith(old + "."):
                    rest = new + rest[len(old):]
            state[base + rest] = value
        elif key == "positional_embedding":
            state["text.positional_embedding"] = value[0]
        elif key == "text_projection.weight":
            state["text.text_projection"] = value.t().contiguous()
        else:
            state["text." + key] = value
    state["logit_scale"] = torch.tensor(4.6052)
    return state


def main(size, out):
    name, image, embed, width, heads = CONFIGS[size]
    model_cfg = {"embed_dim": embed,
                 "vision_cfg": {"image_size": image, "timm_model_name": name, "timm_model_pretrained": False, "timm_pool": "token", "timm_proj": None},
                 "text_cfg": {"context_length": 77, "vocab_size": 49408, "width": width, "heads": heads, "layers": 12},
                 "custom_text": True}
    torch.manual_seed(0)
    trunk, text, _ = eva02_clip.build(model_cfg, name)
    with torch.no_grad():
        for p in list(trunk.parameters()) + list(text.parameters()):
            p.normal_(0, p.shape[-1] ** -0.5 if p.ndim >= 2 else 0.1)
    os.makedirs(out, exist_ok=True)
    torch.save({k: v.half() for k, v in open_clip_state(trunk, text).items()}, os.path.join(out, "open_clip_pytorch_model.bin"))
    with open(os.path.join(out, "open_clip_config.json"), "w") as f:
        json.dump({"model_cfg": model_cfg, "preprocess_cfg": {"mean": [0.48145466, 0.4578275, 0.40821073], "std": [0.26862954, 0.26130258, 0.27577711]}}, f, indent=2)
    tokenizers = os.path.join(HERE, "..", "tests", "fixtures", "reference", "tokenizers")
    shutil.copyfile(os.path.join(tokenizers, "clip_vocab.json"), os.path.join(out, "vocab.json"))
    shutil.copyfile(os.path.join(tokenizers, "clip_merges.txt"), os.path.join(out, "merges.txt"))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
