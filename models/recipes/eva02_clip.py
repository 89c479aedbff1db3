"""EVA02-CLIP as open_clip runs it (a timm EVA02 trunk as the image tower, CLIP's text transformer), written
from the architecture's published facts, with the module names open_clip/timm save in their state dicts so
a hub checkpoint loads key for key:

- image tower (`visual.trunk.*`, timm `eva02_*_clip_*`): 2-D conv patch embedding, CLS token, learned
  absolute position embedding over CLS + patches, pre-LN blocks (LayerNorm eps 1e-6) whose attention has
  separate q/k/v projections (no k bias), 2-D rotary embedding on the patch tokens (the CLS token is not
  rotated) and a LayerNorm on the attention output before its projection ("sub-LN"); a SwiGLU MLP with
  its inner LayerNorm; a final LayerNorm; the CLS token; timm's classifier head as the projection.
- rotary embedding (timm's "cat" RoPE, EVA02 settings): head_dim/4 frequencies 1/10000^(i/(head_dim/4)),
  grid positions scaled to the 16x16 grid the models were pre-trained on (pos / grid * 16), the row
  angles then the column angles, each repeated for an interleaved pair, rotating (x0, x1) -> (-x1, x0).
- text tower (`text.*`): models/recipes/arch.py's ClipText (causal pre-LN transformer, exact GELU, pooled
  at the end-of-text token, which has the highest id), loaded from open_clip's names (fused in_proj,
  c_fc/c_proj, text_projection as a [width, embed] matrix) with open_clip's LayerNorm eps 1e-5.
"""
import math

import torch
from torch import nn

from arch import ClipText, Eva02Vision, PatchEmbed, SwiGlu
from open_clip_checkpoint import CheckpointError

# timm's EVA02-CLIP trunks (timm/models/eva.py); all use ref_feat_shape (16, 16) and mlp_ratio 4 * 2 / 3.
TRUNKS = {
    "eva02_base_patch16_clip_224": dict(img_size=224, patch_size=16, embed_dim=768, depth=12, num_heads=12),
    "eva02_large_patch14_clip_224": dict(img_size=224, patch_size=14, embed_dim=1024, depth=24, num_heads=16),
    "eva02_large_patch14_clip_336": dict(img_size=336, patch_size=14, embed_dim=1024, depth=24, num_heads=16),
}
OVERRIDABLE = {"img_size", "patch_size", "embed_dim", "depth", "num_heads", "mlp_ratio", "ref_feat_shape"}
IGNORED_KEYS = ("text.attn_mask", "attn_mask", "logit_scale", "logit_bias")


class Eva02Rope(nn.Module):
    def __init__(self, head_dim, grid, ref_grid, temperature=10000.0):
        super().__init__()
        n = head_dim // 4
        bands = 1.0 / (temperature ** (torch.arange(n).float() / n))
        rows = torch.arange(grid[0]).float() / grid[0] * ref_grid[0]
        cols = torch.arange(grid[1]).float() / grid[1] * ref_grid[1]
        ys, xs = torch.meshgrid(rows, cols, indexing="ij")
        ang = torch.cat([ys.reshape(-1, 1) * bands, xs.reshape(-1, 1) * bands], 1).repeat_interleave(2, -1)
        self.register_buffer("cos", ang.cos(), persistent=False)
        self.register_buffer("sin", ang.sin(), persistent=False)

    def forward(self, t):
        cls, p = t[:, :, :1], t[:, :, 1:]
        pairs = p.reshape(p.shape[0], p.shape[1], p.shape[2], -1, 2)
        rotated = torch.stack([-pairs[..., 1], pairs[..., 0]], -1).reshape(p.shape)
        return torch.cat([cls, p * self.cos + rotated * self.sin], 2)


class Eva02Attention(nn.Module):
    def __init__(self, width, heads, rope):
        super().__init__()
        self.heads = heads
        self.q_proj = nn.Linear(width, width)
        self.k_proj = nn.Linear(width, width, bias=False)
        self.v_proj = nn.Linear(width, width)
        self.norm = nn.LayerNorm(width, eps=1e-6)
        self.proj = nn.Linear(width, width)
        self.rope = [rope]  # shared with the trunk; a list keeps it out of this module's state dict

    def forward(self, x):
        b, n, d = x.shape
        h = self.heads
        q = self.q_proj(x).reshape(b, n, h, d // h).transpose(1, 2)
        k = self.k_proj(x).reshape(b, n, h, d // h).transpose(1, 2)
        v = self.v_proj(x).reshape(b, n, h, d // h).transpose(1, 2)
        rope = self.rope[0]
        q, k = rope(q), rope(k)
        att = (q @ k.transpose(-1, -2)) * (1.0 / math.sqrt(d // h))
        out = (att.softmax(-1) @ v).transpose(1, 2).reshape(b, n, d)
        return self.proj(self.norm(out))


class Eva02Block(nn.Module):
    def __init__(self, width, heads, hidden, rope):
        super().__init__()
        self.norm1 = nn.LayerNorm(width, eps=1e-6)
        self.attn = Eva02Attention(width, heads, rope)
        self.norm2 = nn.LayerNorm(width, eps=1e-6)
        self.mlp = SwiGlu(width, hidden)

    def forward(self, x):
        x = x + self.attn(self.norm1(x))
        return x + self.mlp(self.norm2(x))


class Eva02Trunk(Eva02Vision):
    """timm's Eva with the EVA02-CLIP settings, token pooling, and its head as the CLIP projection. The forward pass
    (patch embedding, CLS + positions, blocks, final LayerNorm, CLS token, head) is arch.Eva02Vision's; the blocks and
    the rotary embedding are timm's EVA02 ones above."""

    def __init__(self, spec, embed_dim):
        nn.Module.__init__(self)  # arch.Eva02Vision's own blocks are not built: these replace them
        width, heads = spec["embed_dim"], spec["num_heads"]
        grid = (spec["img_size"] // spec["patch_size"],) * 2
        self.patch_embed = PatchEmbed(spec["patch_size"], width)
        self.cls_token = nn.Parameter(torch.zeros(1, 1, width))
        self.pos_embed = nn.Parameter(torch.zeros(1, 1 + grid[0] * grid[1], width))
        self.rope = Eva02Rope(width // heads, grid, spec["ref_feat_shape"])
        hidden = int(width * spec["mlp_ratio"])
        self.blocks = nn.ModuleList([Eva02Block(width, heads, hidden, self.rope) for _ in range(spec["depth"])])
        self.norm = nn.LayerNorm(width, eps=1e-6)
        self.head = nn.Linear(width, embed_dim)


def trunk_spec(model_cfg, config_path):
    """The trunk's hyper-parameters: timm's defaults for the named model, then vision_cfg.timm_model_kwargs."""
    vision = model_cfg.get("vision_cfg", {})
    name = vision.get("timm_model_name")
    if name not in TRUNKS:
        raise CheckpointError(f"{config_path}: vision_cfg.timm_model_name is {name!r}; only EVA02-CLIP trunks convert "
                              f"({', '.join(sorted(TRUNKS))}).")
    if vision.get("timm_pool", "avg") != "token" or vision.get("timm_proj", "linear") not in (None, "", "none"):
        raise CheckpointError(f"{config_path}: EVA02-CLIP uses timm_pool 'token' and timm_proj null; this config has "
                              f"{vision.get('timm_pool')!r} / {vision.get('timm_proj')!r}.")
    kwargs = vision.get("timm_model_kwargs") or {}
    unknown = sorted(set(kwargs) - OVERRIDABLE)
    if unknown:
        raise CheckpointError(f"{config_path}: vision_cfg.timm_model_kwargs sets {unknown}, which this recipe does not implement.")
    spec = dict(TRUNKS[name], mlp_ratio=4 * 2 / 3, ref_feat_shape=(16, 16))
    spec.update(kwargs)
    ref = spec["ref_feat_shape"]
    spec["ref_feat_shape"] = (ref, ref) if isinstance(ref, int) else tuple(ref)
    image_size = vision.get("image_size", spec["img_size"])
    if isinstance(image_size, list):
        image_size = image_size[0] if image_size[0] == image_size[1] else None
    if image_size != spec["img_size"]:
        raise CheckpointError(f"{config_path}: vision_cfg.image_size {vision.get('image_size')} differs from the trunk's {spec['img_size']}.")
    spec["name"] = name
    return spec


def text_spec(model_cfg, config_path):
    text = dict(model_cfg.get("text_cfg", {}))
    unsupported = {k: text[k] for k in ("hf_model_name", "embed_cls", "no_causal_mask", "proj_bias", "ls_init_value", "act_kwargs", "norm_kwargs")
                   if text.get(k)}
    if text.get("pool_type", "argmax") != "argmax":
        unsupported["pool_type"] = text["pool_type"]
    if text.get("text_arch", "clip") != "clip":
        unsupported["text_arch"] = text["text_arch"]
    if model_cfg.get("quick_gelu"):
        unsupported["quick_gelu"] = True
    if unsupported:
        raise CheckpointError(f"{config_path}: text_cfg settings this recipe does not implement: {unsupported}.")
    return dict(context_length=text.get("context_length", 77), vocab_size=text.get("vocab_size", 49408),
                width=text.get("width", 512), heads=text.get("heads", 8), layers=text.get("layers", 12),
                mlp_ratio=text.get("mlp_ratio", 4.0))


def build(model_cfg, config_path):
    """(image tower, text tower, specs) with fresh weights; load_weights fills them."""
    vision, text = trunk_spec(model_cfg, config_path), text_spec(model_cfg, config_path)
    if text["mlp_ratio"] != 4.0:
        raise CheckpointError(f"{config_path}: text_cfg.mlp_ratio {text['mlp_ratio']} (CLIP's text tower uses 4).")
    embed_dim = model_cfg.get("embed_dim")
    if not isinstance(embed_dim, int):
        raise CheckpointError(f"{config_path}: model_cfg.embed_dim must be an integer.")
    trunk = Eva02Trunk(vision, embed_dim)
    clip_text = ClipText(text["vocab_size"], text["context_length"], text["width"], text["layers"], text["heads"], embed_dim)
    for module in clip_text.modules():
        if isinstance(module, nn.LayerNorm):
            module.eps = 1e-5  # open_clip's LayerNorm default; arch.py's blocks use 1e-6
    return trunk.eval(), clip_text.eval(), dict(vision=vision, text=text, embed_dim=embed_dim)


def _text_targets(clip_text, key, tensor):
    """open_clip text key (without 'text.') -> [(parameter, value)] in arch.ClipText's layout."""
    if key == "positional_embedding":
        return [(clip_text.positional_embedding, tensor.reshape(clip_text.positional_embedding.shape))]
    if key == "text_projection":
        return [(clip_text.text_projection.weight, tensor.t())]
    parts = key.split(".")
    if parts[0] != "transformer":
        return [(clip_text.get_parameter(key), tensor)]
    block = clip_text.resblocks[int(parts[2])]
    rest = ".".join(parts[3:])
    if rest in ("attn.in_proj_weight", "attn.in_proj_bias"):
        kind = "weight" if rest.endswith("weight") else "bias"
        q, k, v = tensor.chunk(3, 0)
        return [(getattr(block.attn.q_proj, kind), q), (getattr(block.attn.k_proj, kind), k), (getattr(block.attn.v_proj, kind), v)]
    renamed = {"ln_1": "norm1", "ln_2": "norm2", "mlp.c_fc": "mlp.fc1", "mlp.c_proj": "mlp.fc2"}
    for old, new in renamed.items():
        if rest.startswith(old + "."):
            rest = new + rest[len(old):]
    return [(block.get_parameter(rest), tensor)]


def load_weights(trunk, clip_text, weights, weights_path):
    """Copies every checkpoint tensor into its parameter (casting fp16/bf16 to fp32); every parameter must be
    filled once and every checkpoint tensor used, else the checkpoint is not the architecture this recipe knows."""
    filled = {}
    unused = []
    for key, tensor in weights.items():
        if key in IGNORED_KEYS:
            continue
        try:
            if key.startswith("visual.trunk."):
                targets = [(trunk.get_parameter(key[len("visual.trunk."):]), tensor)]
            elif key.startswith("text."):
                targets = _text_targets(clip_text, key[len("text."):], tensor)
            else:
                targets = _text_targets(clip_text, key, tensor)  # CLIP (not CustomTextCLIP) keeps text keys at the top
        except (AttributeError, IndexError, ValueError):
            unused.append(key)
            continue
        for param, value in targets:
            if tuple(param.shape) != tuple(value.shape):
                raise CheckpointError(f"{weights_path}: {key} has shape {tuple(value.shape)}, the config implies {tuple(param.shape)}; "
                                      "the config and the weights disagree.")
            with torch.no_grad():
                param.copy_(value.to(torch.float32))
            filled[id(param)] = key
    if unused:
        raise CheckpointError(f"{weights_path}: tensors this recipe does not know: {', '.join(unused[:8])}"
                              + (" ..." if len(unused) > 8 else "") + "; it is not an open_clip EVA02-CLIP checkpoint.")
    missing = [prefix + name for module, prefix in ((trunk, "visual.trunk."), (clip_text, "text.")) for name, p in module.named_parameters()
               if id(p) not in filled]
    if missing:
        raise CheckpointError(f"{weights_path}: no weights for {', '.join(missing[:8])}" + (" ..." if len(missing) > 8 else "") + ".")


def logit_scale(weights):
    value = weights.get("logit_scale")
    return float(value.float().exp()) if value is not None else None

