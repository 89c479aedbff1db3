"""The three architectures, written out in plain PyTorch so Debian's python3-torch 1.13 can train and
export them without transformers/timm/open_clip. Each follows its reference implementation's structure
and ONNX I/O names (see tests/fixtures/reference/README.md):

- SigLIP (transformers SiglipVisionModel / SiglipTextModel): pre-LN ViT, gelu-tanh MLP, post-LN,
  multihead-attention-pooling (MAP) head; text: pre-LN encoder, final LN, last token, linear head.
- DINOv2 (transformers Dinov2Model): CLS token, learned position embeddings, LayerScale, final LN;
  outputs last_hidden_state and pooler_output (= CLS after the LN).
- EVA02-CLIP (open_clip with a timm Eva trunk): CLS token, position embeddings, 2-D rotary position
  embedding on the patch tokens, SwiGLU MLP with its inner LayerNorm, final LN, CLS pooling, linear
  projection; text: CLIP's causal transformer, pooled at the end-of-text token (the highest id).
"""
import math

import torch
import torch.nn.functional as F
from torch import nn


class Attention(nn.Module):
    def __init__(self, width, heads, rope=None, causal=False):
        super().__init__()
        self.heads = heads
        self.q_proj = nn.Linear(width, width)
        self.k_proj = nn.Linear(width, width)
        self.v_proj = nn.Linear(width, width)
        self.out_proj = nn.Linear(width, width)
        self.rope = rope
        self.causal = causal

    def forward(self, x, kv=None):
        b, n, d = x.shape
        kv = x if kv is None else kv
        m = kv.shape[1]
        h = self.heads
        q = self.q_proj(x).reshape(b, n, h, d // h).transpose(1, 2)
        k = self.k_proj(kv).reshape(b, m, h, d // h).transpose(1, 2)
        v = self.v_proj(kv).reshape(b, m, h, d // h).transpose(1, 2)
        if self.rope is not None:
            q, k = self.rope(q), self.rope(k)
        att = (q @ k.transpose(-1, -2)) * (1.0 / math.sqrt(d // h))
        if self.causal:
            mask = torch.triu(torch.full((n, n), float("-inf")), diagonal=1)
            att = att + mask
        out = att.softmax(-1) @ v
        return self.out_proj(out.transpose(1, 2).reshape(b, n, d))


class Mlp(nn.Module):
    def __init__(self, width, hidden, act="gelu_tanh"):
        super().__init__()
        self.fc1 = nn.Linear(width, hidden)
        self.fc2 = nn.Linear(hidden, width)
        self.act = act

    def forward(self, x):
        x = self.fc1(x)
        x = F.gelu(x, approximate="tanh") if self.act == "gelu_tanh" else F.gelu(x)
        return self.fc2(x)


class SwiGlu(nn.Module):
    """EVA02's MLP: SiLU-gated linear unit with a LayerNorm before the output projection."""

    def __init__(self, width, hidden):
        super().__init__()
        self.fc1_g = nn.Linear(width, hidden)
        self.fc1_x = nn.Linear(width, hidden)
        self.norm = nn.LayerNorm(hidden, eps=1e-6)
        self.fc2 = nn.Linear(hidden, width)

    def forward(self, x):
        return self.fc2(self.norm(F.silu(self.fc1_g(x)) * self.fc1_x(x)))


class Block(nn.Module):
    """Pre-LN transformer block; optional LayerScale (DINOv2) and SwiGLU (EVA02)."""

    def __init__(self, width, heads, hidden, layerscale=None, swiglu=False, rope=None, causal=False, act="gelu_tanh"):
        super().__init__()
        self.norm1 = nn.LayerNorm(width, eps=1e-6)
        self.attn = Attention(width, heads, rope=rope, causal=causal)
        self.norm2 = nn.LayerNorm(width, eps=1e-6)
        self.mlp = SwiGlu(width, hidden) if swiglu else Mlp(width, hidden, act)
        self.ls1 = nn.Parameter(torch.full((width,), layerscale)) if layerscale else None
        self.ls2 = nn.Parameter(torch.full((width,), layerscale)) if layerscale else None

    def forward(self, x):
        a = self.attn(self.norm1(x))
        x = x + (a * self.ls1 if self.ls1 is not None else a)
        m = self.mlp(self.norm2(x))
        return x + (m * self.ls2 if self.ls2 is not None else m)


class PatchEmbed(nn.Module):
    def __init__(self, patch, width):
        super().__init__()
        self.proj = nn.Conv2d(3, width, patch, patch)

    def forward(self, x):
        return self.proj(x).flatten(2).transpose(1, 2)


class SiglipVision(nn.Module):
    def __init__(self, image, patch, width, depth, heads, mlp):
        super().__init__()
        self.patch_embedding = PatchEmbed(patch, width)
        self.position_embedding = nn.Parameter(torch.randn(1, (image // patch) ** 2, width) * 0.02)
        self.layers = nn.ModuleList([Block(width, heads, mlp) for _ in range(depth)])
        self.post_layernorm = nn.LayerNorm(width, eps=1e-6)
        self.probe = nn.Parameter(torch.randn(1, 1, width) * 0.02)
        self.head_attention = Attention(width, heads)
        self.head_layernorm = nn.LayerNorm(width, eps=1e-6)
        self.head_mlp = Mlp(width, mlp)

    def forward(self, pixel_values):
        x = self.patch_embedding(pixel_values) + self.position_embedding
        for layer in self.layers:
            x = layer(x)
        x = self.post_layernorm(x)
        p = self.head_attention(self.probe.expand(x.shape[0], -1, -1), kv=x)
        p = p + self.head_mlp(self.head_layernorm(p))
        return p[:, 0]


class SiglipText(nn.Module):
    def __init__(self, vocab, context, width, depth, heads, mlp, projection):
        super().__init__()
        self.token_embedding = nn.Embedding(vocab, width)
        self.position_embedding = nn.Parameter(torch.randn(1, context, width) * 0.02)
        self.layers = nn.ModuleList([Block(width, heads, mlp) for _ in range(depth)])
        self.final_layer_norm = nn.LayerNorm(width, eps=1e-6)
        self.head = nn.Linear(width, projection)

    def forward(self, input_ids):
        x = self.token_embedding(input_ids) + self.position_embedding
        for layer in self.layers:
            x = layer(x)
        return self.head(self.final_layer_norm(x)[:, -1])


class Dinov2(nn.Module):
    def __init__(self, image, patch, width, depth, heads, mlp):
        super().__init__()
        self.patch_embeddings = PatchEmbed(patch, width)
        self.cls_token = nn.Parameter(torch.randn(1, 1, width) * 0.02)
        self.position_embeddings = nn.Parameter(torch.randn(1, 1 + (image // patch) ** 2, width) * 0.02)
        self.layer = nn.ModuleList([Block(width, heads, mlp, layerscale=1e-1, act="gelu") for _ in range(depth)])
        self.layernorm = nn.LayerNorm(width, eps=1e-6)

    def forward(self, pixel_values):
        x = self.patch_embeddings(pixel_values)
        x = torch.cat([self.cls_token.expand(x.shape[0], -1, -1), x], 1) + self.position_embeddings
        for layer in self.layer:
            x = layer(x)
        x = self.layernorm(x)
        return x, x[:, 0]


class Rope2d(nn.Module):
    """EVA02's rotary embedding over the patch grid (axial: half the head dims per axis); the CLS token is left unrotated."""

    def __init__(self, head_dim, grid):
        super().__init__()
        quarter = head_dim // 4
        freqs = 1.0 / (10000 ** (torch.arange(quarter).float() / quarter))
        ys, xs = torch.meshgrid(torch.arange(grid).float(), torch.arange(grid).float(), indexing="ij")
        ang = torch.cat([ys.reshape(-1, 1) * freqs, xs.reshape(-1, 1) * freqs], 1)  # [N, head_dim/2]
        ang = torch.cat([ang, ang], 1)
        self.register_buffer("cos", ang.cos(), persistent=False)
        self.register_buffer("sin", ang.sin(), persistent=False)

    def forward(self, t):
        cls, p = t[:, :, :1], t[:, :, 1:]
        half = p.shape[-1] // 2
        rotated = torch.cat([-p[..., half:], p[..., :half]], -1)
        return torch.cat([cls, p * self.cos + rotated * self.sin], 2)


class Eva02Vision(nn.Module):
    def __init__(self, image, patch, width, depth, heads, mlp, embed_dim):
        super().__init__()
        grid = image // patch
        self.patch_embed = PatchEmbed(patch, width)
        self.cls_token = nn.Parameter(torch.randn(1, 1, width) * 0.02)
        self.pos_embed = nn.Parameter(torch.randn(1, 1 + grid * grid, width) * 0.02)
        self.rope = Rope2d(width // heads, grid)
        self.blocks = nn.ModuleList([Block(width, heads, mlp, swiglu=True, rope=self.rope) for _ in range(depth)])
        self.norm = nn.LayerNorm(width, eps=1e-6)
        self.head = nn.Linear(width, embed_dim)

    def forward(self, pixel_values):
        x = self.patch_embed(pixel_values)
        x = torch.cat([self.cls_token.expand(x.shape[0], -1, -1), x], 1) + self.pos_embed
        for block in self.blocks:
            x = block(x)
        return self.head(self.norm(x)[:, 0])


class ClipText(nn.Module):
    def __init__(self, vocab, context, width, depth, heads, embed_dim):
        super().__init__()
        self.token_embedding = nn.Embedding(vocab, width)
        self.positional_embedding = nn.Parameter(torch.randn(1, context, width) * 0.01)
        self.resblocks = nn.ModuleList([Block(width, heads, 4 * width, causal=True, act="gelu") for _ in range(depth)])
        self.ln_final = nn.LayerNorm(width)
        self.text_projection = nn.Linear(width, embed_dim, bias=False)

    def forward(self, input_ids):
        x = self.token_embedding(input_ids) + self.positional_embedding
        for block in self.resblocks:
            x = block(x)
        x = self.ln_final(x)
        eot = input_ids.argmax(-1)
        pooled = x[torch.arange(x.shape[0]), eot]
        return self.text_projection(pooled)
