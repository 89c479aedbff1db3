"""An open_clip checkpoint folder as the Hugging Face hub ships it (open_clip_config.json with model_cfg and
preprocess_cfg, open_clip_model.safetensors and/or open_clip_pytorch_model.bin, tokenizer files), read with
torch alone: Debian's python3-torch has no safetensors package, so the safetensors layout (an 8-byte
little-endian header length, a JSON header naming each tensor's dtype, shape and byte range, then the raw
little-endian data) is read here.
"""
import json
import os
import struct

import torch

CONFIG = "open_clip_config.json"
SAFETENSORS = "open_clip_model.safetensors"
PICKLE = "open_clip_pytorch_model.bin"
TOKENIZER_FILES = ("vocab.json", "merges.txt", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json")

_DTYPES = {
    "F16": torch.float16, "BF16": torch.bfloat16, "F32": torch.float32, "F64": torch.float64,
    "I64": torch.int64, "I32": torch.int32, "I16": torch.int16, "I8": torch.int8, "U8": torch.uint8, "BOOL": torch.bool,
}


class CheckpointError(Exception):
    """A checkpoint the recipe cannot convert; the message names the file and what to do."""


def read_config(folder):
    """model_cfg and preprocess_cfg of open_clip_config.json; a flat file (model_cfg at the top, as
    open_clip's own model_configs/*.json) is accepted too."""
    path = os.path.join(folder, CONFIG)
    if not os.path.isfile(path):
        raise CheckpointError(f"{path}: missing; an open_clip checkpoint folder holds open_clip_config.json beside its weights.")
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
    except (OSError, ValueError) as e:
        raise CheckpointError(f"{path}: not readable JSON ({e}).") from e
    if not isinstance(doc, dict):
        raise CheckpointError(f"{path}: expected a JSON object.")
    model_cfg = doc.get("model_cfg", doc)
    if not isinstance(model_cfg, dict) or "vision_cfg" not in model_cfg or "text_cfg" not in model_cfg:
        raise CheckpointError(f"{path}: model_cfg needs vision_cfg and text_cfg.")
    return path, model_cfg, doc.get("preprocess_cfg", {})


def weights_path(folder):
    """The weights file open_clip would load: safetensors first, else the pickled state dict."""
    for name in (SAFETENSORS, PICKLE):
        path = os.path.join(folder, name)
        if os.path.isfile(path):
            return path
    raise CheckpointError(f"{folder}: neither {SAFETENSORS} nor {PICKLE} is there; pull the checkpoint's weights first.")


def read_weights(path):
    """name -> tensor (in the stored dtype; safetensors tensors are views of one buffer, so nothing is copied twice)."""
    if path.endswith(".safetensors"):
        return _read_safetensors(path)
    try:
        # weights_only: a pickled state dict of tensors needs no arbitrary code (torch >= 1.13).
        state = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as e:  # torch raises several types for a damaged or foreign pickle
        raise CheckpointError(f"{path}: not a readable PyTorch state dict ({e}).") from e
    if isinstance(state, dict) and "state_dict" in state and isinstance(state["state_dict"], dict):
        state = state["state_dict"]
    if not isinstance(state, dict) or not all(isinstance(v, torch.Tensor) for v in state.values()):
        raise CheckpointError(f"{path}: expected a dict of tensors.")
    return {k[len("module."):] if k.startswith("module.") else k: v for k, v in state.items()}


def _read_safetensors(path):
    size = os.path.getsize(path)
    with open(path, "rb") as f:
        head = f.read(8)
        if len(head) != 8:
            raise CheckpointError(f"{path}: truncated (no header length); download it again.")
        (header_len,) = struct.unpack("<Q", head)
        if header_len <= 0 or 8 + header_len > size:
            raise CheckpointError(f"{path}: header length {header_len} does not fit a {size}-byte file; download it again.")
        try:
            header = json.loads(f.read(header_len).decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as e:
            raise CheckpointError(f"{path}: the safetensors header is not JSON ({e}).") from e
        if not isinstance(header, dict):
            raise CheckpointError(f"{path}: the safetensors header is not a JSON object; download it again.")
        data = bytearray(size - 8 - header_len)
        if f.readinto(data) != len(data):
            raise CheckpointError(f"{path}: could not read the tensor data; download it again.")
    try:
        return _tensors(path, header, data)
    except (KeyError, TypeError, ValueError) as e:
        raise CheckpointError(f"{path}: the safetensors header is malformed ({e!r}); download it again.") from e


def _tensors(path, header, data):
    described = max((info["data_offsets"][1] for name, info in header.items() if name != "__metadata__"), default=0)
    if described > len(data):
        raise CheckpointError(f"{path}: truncated: the header describes {described} bytes of tensor data, the file holds {len(data)}; download it again.")
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        dtype = _DTYPES.get(info.get("dtype"))
        if dtype is None:
            raise CheckpointError(f"{path}: tensor {name} has dtype {info.get('dtype')}, which this reader does not know.")
        begin, end = info["data_offsets"]
        shape = info["shape"]
        count = 1
        for d in shape:
            count *= d
        itemsize = torch.tensor([], dtype=dtype).element_size()
        if begin < 0 or end - begin != count * itemsize or end > len(data):
            raise CheckpointError(f"{path}: tensor {name} has {end - begin} bytes for shape {shape} ({info['dtype']}); the file is damaged, download it again.")
        flat = torch.frombuffer(data, dtype=dtype, count=count, offset=begin) if count else torch.empty(0, dtype=dtype)
        tensors[name] = flat.reshape(shape)
    return tensors


def tokenizer_files(folder):
    """The tokenizer files present in the checkpoint folder (vocab.json + merges.txt are what ResearchKit reads)."""
    return [name for name in TOKENIZER_FILES if os.path.isfile(os.path.join(folder, name))]
