"""Converts an open_clip EVA02-CLIP checkpoint folder (as the hub ships it) into the open_clip ONNX layout
ResearchKit loads: visual.onnx (pixel_values -> image_embeds), textual.onnx (input_ids -> text_embeds), the
checkpoint's open_clip_config.json and tokenizer files, and conversion.json (sources, settings, and a probe:
the PyTorch outputs for a fixed image tensor and id sequence, which `researchkit models convert` compares with
the ONNX outputs before it publishes the files).

Needs python3 with torch only (Debian 12: apt-get install python3-torch, torch 1.13).
Usage: convert_open_clip.py CHECKPOINT_DIR OUT_DIR [THREADS]
Exit status: 0 converted; 2 the checkpoint cannot be converted (the message says why); 1 anything else.
"""
import argparse
import json
import os
import shutil
import sys
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import openblas  # noqa: E402

openblas.tune()
import torch  # noqa: E402

import eva02_clip  # noqa: E402
from digest import sha256  # noqa: E402
import open_clip_checkpoint as ckpt  # noqa: E402
from export import OPSET, _onnx  # noqa: E402

FORMAT = 1


def probe_pixels(size):
    """A deterministic image tensor [1, 3, size, size]: ((7x + 13y + 29c) mod 101) / 50 - 1, computed in
    double and rounded to float32 (the C# side builds the same tensor)."""
    c, y, x = torch.meshgrid(torch.arange(3, dtype=torch.float64), torch.arange(size, dtype=torch.float64),
                             torch.arange(size, dtype=torch.float64), indexing="ij")
    return (torch.remainder(7 * x + 13 * y + 29 * c, 101) / 50.0 - 1.0).float().unsqueeze(0)


def probe_ids(vocab_size, context):
    """[start-of-text, five ids spread over the vocabulary, end-of-text, 0 ...]: CLIP vocabularies end with the
    two special tokens, and the text tower pools at the end-of-text token (the highest id)."""
    ids = [vocab_size - 2] + [(i * 37) % (vocab_size - 2) for i in range(1, 6)] + [vocab_size - 1]
    return torch.tensor([ids + [0] * (context - len(ids))], dtype=torch.int64)


def convert(src, out):
    config_path, model_cfg, preprocess_cfg = ckpt.read_config(src)
    weights_file = ckpt.weights_path(src)
    tokenizer = ckpt.tokenizer_files(src)
    for needed in ("vocab.json", "merges.txt"):
        if needed not in tokenizer:
            raise ckpt.CheckpointError(f"{os.path.join(src, needed)}: missing; ResearchKit reads CLIP's vocab.json + merges.txt, "
                                       "which every open_clip EVA02-CLIP repository ships.")
    trunk, text, spec = eva02_clip.build(model_cfg, config_path)
    weights = ckpt.read_weights(weights_file)
    eva02_clip.load_weights(trunk, text, weights, weights_file)
    scale = eva02_clip.logit_scale(weights)
    del weights

    size = spec["vision"]["img_size"]
    pixels = probe_pixels(size)
    ids = probe_ids(spec["text"]["vocab_size"], spec["text"]["context_length"])
    with torch.no_grad():
        image_probe = trunk(pixels)[0].tolist()
        text_probe = text(ids)[0].tolist()
        os.makedirs(out, exist_ok=True)
        _onnx(trunk, torch.cat([pixels, pixels.flip(-1)]), os.path.join(out, "visual.onnx"), "pixel_values", ["image_embeds"])
        _onnx(text, torch.cat([ids, ids.roll(1, -1)]), os.path.join(out, "textual.onnx"), "input_ids", ["text_embeds"])

    for name in [ckpt.CONFIG] + tokenizer:
        shutil.copyfile(os.path.join(src, name), os.path.join(out, name))
    record = {
        "format": FORMAT,
        "recipe": "models/recipes/convert_open_clip.py",
        "torch": torch.__version__,
        "opset": OPSET,
        "source": {"config": os.path.basename(config_path), "weights": os.path.basename(weights_file),
                   "weights_size": os.path.getsize(weights_file), "weights_sha256": sha256(weights_file)},
        "timm_model_name": spec["vision"]["name"],
        "vision": {k: v for k, v in spec["vision"].items() if k != "name"},
        "text": spec["text"],
        "embed_dim": spec["embed_dim"],
        "logit_scale": scale,
        "preprocess_cfg": preprocess_cfg,
        "probe": {"pixels": "((7x + 13y + 29c) mod 101) / 50 - 1, float32, [1, 3, size, size]", "image_size": size,
                  "image_embeds": image_probe, "input_ids": ids[0].tolist(), "text_embeds": text_probe},
    }
    with open(os.path.join(out, "conversion.json"), "w", encoding="utf-8") as f:
        json.dump(record, f, indent=1)
        f.write("\n")
    return record


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("checkpoint")
    parser.add_argument("out")
    parser.add_argument("threads", type=int, nargs="?", default=2, help="threads torch may use")
    args = parser.parse_args(argv)
    torch.set_num_threads(max(1, args.threads))
    # The tracer's notes on Python-number shapes concern other input sizes; these graphs take one image size.
    warnings.filterwarnings("ignore", category=torch.jit.TracerWarning)
    try:
        record = convert(args.checkpoint, args.out)
    except ckpt.CheckpointError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    print(f"converted {record['timm_model_name']} (embed_dim {record['embed_dim']}) into {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
