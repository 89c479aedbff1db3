"""ONNX export (opset 17) and config files in the layouts ResearchKit reads:
SigLIP and DINOv2 as Hugging Face/optimum exports, EVA02-CLIP as an open_clip export."""
import inspect
import json
import math
import os

import torch

OPSET = 17


def _onnx(module, example, path, input_name, output_names, dynamic_tokens=False):
    axes = {input_name: {0: "batch"}}
    for name in output_names:
        axes[name] = {0: "batch", 1: "tokens"} if dynamic_tokens and name == "last_hidden_state" else {0: "batch"}
    # torch >= 2.9 defaults to the dynamo exporter; these recipes use the TorchScript one (Debian's torch 1.13 has only it).
    legacy = {"dynamo": False} if "dynamo" in inspect.signature(torch.onnx.export).parameters else {}
    torch.onnx.export(module, example, path, input_names=[input_name], output_names=output_names,
                      dynamic_axes=axes, opset_version=OPSET, do_constant_folding=True, **legacy)


def _write(path, obj):
    with open(path, "w") as f:
        json.dump(obj, f, indent=2)
        f.write("\n")


def export_model(a, model, tokenizer, vocab):
    model.eval()
    pixels = torch.randn(2, 3, a.size, a.size)
    resize = {"resample": 3, "do_resize": True, "do_rescale": True, "rescale_factor": 1 / 255, "do_normalize": True, "do_convert_rgb": True}
    if a.arch == "siglip":
        _onnx(model.vision, pixels, os.path.join(a.out, "vision_model.onnx"), "pixel_values", ["pooler_output"])
        ids = torch.tensor([tokenizer.encode("grinning face"), tokenizer.encode("red apple")])
        _onnx(model.text, ids, os.path.join(a.out, "text_model.onnx"), "input_ids", ["pooler_output"])
        _write(os.path.join(a.out, "config.json"), {
            "model_type": "siglip",
            "text_config": {"model_type": "siglip_text_model", "hidden_size": a.text_width, "intermediate_size": 4 * a.text_width,
                            "num_hidden_layers": a.text_depth, "num_attention_heads": a.heads, "max_position_embeddings": a.context,
                            "vocab_size": vocab, "projection_size": a.width, "hidden_act": "gelu_pytorch_tanh", "layer_norm_eps": 1e-6},
            "vision_config": {"model_type": "siglip_vision_model", "hidden_size": a.width, "intermediate_size": 4 * a.width,
                              "num_hidden_layers": a.depth, "num_attention_heads": a.heads, "image_size": a.size,
                              "patch_size": a.patch, "num_channels": 3, "hidden_act": "gelu_pytorch_tanh", "layer_norm_eps": 1e-6},
        })
        _write(os.path.join(a.out, "preprocessor_config.json"), dict(resize, image_processor_type="SiglipImageProcessor",
               image_mean=[0.5] * 3, image_std=[0.5] * 3, size={"height": a.size, "width": a.size}))
        _write(os.path.join(a.out, "logit_params.json"), {"logit_scale": round(math.exp(model.t.item()), 4), "logit_bias": round(model.b.item(), 4)})
    elif a.arch == "dinov2":
        _onnx(model.vision, pixels, os.path.join(a.out, "model.onnx"), "pixel_values", ["last_hidden_state", "pooler_output"])
        _write(os.path.join(a.out, "config.json"), {
            "model_type": "dinov2", "hidden_size": a.width, "intermediate_size": 4 * a.width, "mlp_ratio": 4,
            "num_hidden_layers": a.depth, "num_attention_heads": a.heads, "image_size": a.size, "patch_size": a.patch,
            "num_channels": 3, "hidden_act": "gelu", "layer_norm_eps": 1e-6, "layerscale_value": 0.1, "qkv_bias": True,
            "use_swiglu_ffn": False, "num_register_tokens": 0})
        _write(os.path.join(a.out, "preprocessor_config.json"), dict(resize, image_processor_type="BitImageProcessor",
               do_center_crop=True, crop_size={"height": a.size, "width": a.size}, size={"shortest_edge": a.size},
               image_mean=[0.485, 0.456, 0.406], image_std=[0.229, 0.224, 0.225]))
    else:
        _onnx(model.vision, pixels, os.path.join(a.out, "visual.onnx"), "pixel_values", ["image_embeds"])
        ids = torch.tensor([tokenizer.encode("grinning face"), tokenizer.encode("red apple")])
        _onnx(model.text, ids, os.path.join(a.out, "textual.onnx"), "input_ids", ["text_embeds"])
        _write(os.path.join(a.out, "open_clip_config.json"), {
            "embed_dim": a.embed,
            "vision_cfg": {"timm_model_name": f"eva02_emoji_patch{a.patch}_{a.size}", "image_size": a.size, "patch_size": a.patch,
                           "width": a.width, "layers": a.depth, "heads": a.heads},
            "text_cfg": {"context_length": a.context, "vocab_size": vocab, "width": a.text_width, "heads": a.heads, "layers": a.text_depth},
            "preprocess_cfg": {"mean": [0.48145466, 0.4578275, 0.40821073], "std": [0.26862954, 0.26130258, 0.27577711],
                               "interpolation": "bicubic", "resize_mode": "shortest", "size": a.size},
        })
