#!/usr/bin/python3
"""Writes a ViT-B/16-sized SigLIP image tower with random weights as a model folder ResearchKit opens (Hugging Face /
optimum layout: vision_model.onnx with pixel_values -> pooler_output, config.json, preprocessor_config.json), for the
GPU throughput benchmark (benchmarks/run-gpu.sh). Speed needs the shape, not trained weights: 224 px, patch 16,
width 768, 12 layers, 12 heads, MLP 3072, MAP pooling head, as google/siglip-base-patch16-224's vision tower.

Plain PyTorch (the project's own models/recipes/arch.py), so Debian's python3-torch 1.13 and a GPU machine's newer
torch both run it; no download. usage: make_siglip_b16.py [OUT_DIR] [--depth N]
OUT_DIR defaults to benchmarks/.data/siglip-b16 (git-ignored); give a path to carry the folder elsewhere (a GPU machine).
"""
import inspect
import json
import os
import sys

import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "models", "recipes"))
from arch import SiglipVision  # noqa: E402

SIZE, PATCH, WIDTH, HEADS, MLP = 224, 16, 768, 12, 3072


def main(out, depth):
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(0)
    model = SiglipVision(SIZE, PATCH, WIDTH, depth, HEADS, MLP).eval()
    # The TorchScript exporter where the torch is new enough to default to another one.
    legacy = {"dynamo": False} if "dynamo" in inspect.signature(torch.onnx.export).parameters else {}
    args = dict(input_names=["pixel_values"], output_names=["pooler_output"],
                dynamic_axes={"pixel_values": {0: "batch"}, "pooler_output": {0: "batch"}}, opset_version=17)
    path = os.path.join(out, "vision_model.onnx")
    with torch.no_grad():
        try:
            torch.onnx.export(model, torch.randn(2, 3, SIZE, SIZE), path, do_constant_folding=True, **args, **legacy)
        except Exception as e:  # a torch whose TorchScript exporter is gone: its default exporter then
            if not legacy:
                raise
            print(f"make_siglip_b16: the TorchScript exporter failed ({e}); using torch's default exporter", file=sys.stderr)
            torch.onnx.export(model, (torch.randn(2, 3, SIZE, SIZE),), path, **args)
    write(os.path.join(out, "config.json"), {
        "model_type": "siglip",
        "vision_config": {"model_type": "siglip_vision_model", "hidden_size": WIDTH, "intermediate_size": MLP,
                          "num_hidden_layers": depth, "num_attention_heads": HEADS, "image_size": SIZE, "patch_size": PATCH,
                          "num_channels": 3, "hidden_act": "gelu_pytorch_tanh", "layer_norm_eps": 1e-6},
    })
    write(os.path.join(out, "preprocessor_config.json"), {
        "image_processor_type": "SiglipImageProcessor", "do_resize": True, "resample": 3, "do_rescale": True,
        "rescale_factor": 1 / 255, "do_normalize": True, "do_convert_rgb": True,
        "image_mean": [0.5] * 3, "image_std": [0.5] * 3, "size": {"height": SIZE, "width": SIZE},
    })
    parameters = sum(p.numel() for p in model.parameters())
    print(json.dumps({"out": out, "parameters": parameters, "onnx_bytes": os.path.getsize(path)}))


def write(path, obj):
    with open(path, "w") as f:
        json.dump(obj, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    positional = [a for i, a in enumerate(sys.argv[1:], 1) if not a.startswith("--") and sys.argv[i - 1] != "--depth"]
    default = os.path.join(os.path.dirname(os.path.abspath(__file__)), ".data", "siglip-b16")
    main(positional[0] if positional else default, int(sys.argv[sys.argv.index("--depth") + 1]) if "--depth" in sys.argv else 12)
