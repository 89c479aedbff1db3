#!/usr/bin/env bash
# GPU throughput of the CUDA build: images/s end to end (JPEG files decoded, preprocessed and embedded by
# ImageBatchEmbedder) against bare InferenceSession.Run on ready input tensors, at batch 32 and 128, for one model
# folder. Writes benchmarks/results/gpu.md (or $RK_OUT).
#
# usage: benchmarks/run-gpu.sh [MODEL_DIR] [PROVIDER]
#   MODEL_DIR  a model folder ResearchKit opens; default: a random-weight ViT-B/16 SigLIP image tower that
#              benchmarks/make_siglip_b16.py writes (needs python3 with torch; no download)
#   PROVIDER   cuda (default), or cpu to try the script on a machine without a GPU
# Environment:
#   RK_BENCH    the benchmark program to run, e.g. the self-contained publish for a machine with no .NET
#               (docs/benchmarks.md, "GPU"); default: built here with dotnet and -p:OnnxRuntimeFlavor=cuda
#   RK_IMAGES   how many 800x600 JPEGs to embed (default 1024); RK_BATCHES (default 32,128)
#   RK_OUT      where to write the results (default benchmarks/results/gpu.md)
set -euo pipefail
cd "$(dirname "$0")/.."
provider=${2:-cuda}
images=${RK_IMAGES:-1024}
batches=${RK_BATCHES:-32,128}
out=${RK_OUT:-benchmarks/results/gpu.md}
data=benchmarks/.data/gpu
mkdir -p "$data"

model=${1:-}
if [ -z "$model" ]; then
  model=$data/siglip-b16
  [ -f "$model/vision_model.onnx" ] || python3 benchmarks/make_siglip_b16.py "$model" >/dev/null
fi

if [ -n "${RK_BENCH:-}" ]; then
  bench=("$RK_BENCH")
else
  dotnet build benchmarks/ResearchKit.Benchmarks -c Release -v q -nologo -p:OnnxRuntimeFlavor=cuda >/dev/null
  bench=(dotnet artifacts/cuda/bin/ResearchKit.Benchmarks/Release/net10.0/ResearchKit.Benchmarks.dll)
fi

# ONNX Runtime's CUDA provider needs CUDA 13 and cuDNN 9. Use the system's where ldconfig knows them, else the NVIDIA
# wheels of a Python environment (nvidia-cublas, nvidia-cuda-runtime, nvidia-curand, nvidia-cudnn-cu13: PyTorch's).
if [ "$provider" = cuda ] && ! { ldconfig -p | grep -q 'libcublasLt\.so\.13' && ldconfig -p | grep -q 'libcudnn\.so\.9'; }; then
  wheels=$(python3 - <<'PY' || true
import glob, os, sys
dirs = set()
for entry in sys.path:
    for lib in glob.glob(os.path.join(entry, "nvidia", "**", "lib*.so*"), recursive=True):
        dirs.add(os.path.dirname(lib))
print(":".join(sorted(dirs)))
PY
)
  for d in /usr/local/nvidia/lib64 /usr/local/cuda/lib64; do [ -d "$d" ] && wheels="$wheels:$d"; done
  export LD_LIBRARY_PATH="${wheels#:}${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
fi

log=$(mktemp)
"${bench[@]}" gpu "$model" "$data/images" --provider "$provider" --batches "$batches" --images "$images" | tee "$log"

gpu=$(nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>/dev/null | head -1 || true)
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
mkdir -p "$(dirname "$out")"
python3 - "$log" "$provider" "${gpu:-no GPU}" "$cpu" "$(nproc)" "$model" > "$out" <<'PY'
import json, sys
log, provider, gpu, cpu, cores, model = sys.argv[1:7]
rows = [json.loads(l) for l in open(log) if l.startswith("{")]
print("# GPU throughput: JPEG files to vectors vs bare ONNX Runtime\n")
print(f"Machine: {gpu}; {cpu}, {cores} cores. ONNX Runtime 1.32.0 ({provider} provider, the tool's CUDA build). "
      f"Model: {model} ({rows[0]['input_size']} input). {rows[0]['images']} JPEGs of 800x600. Script: benchmarks/run-gpu.sh\n")
print("'bare' runs InferenceSession.Run on input tensors prepared beforehand (host memory, so the copy to the GPU is")
print("included); 'end to end' reads, decodes, preprocesses and embeds the files with ImageBatchEmbedder, which overlaps")
print(f"decoding ({rows[0]['decode_workers']} workers) with inference. Best of 3 runs after a warm-up run.\n")
print("| model | provider | batch | bare (images/s) | end to end (images/s) | end to end / bare |")
print("|---|---|---:|---:|---:|---:|")
for r in rows:
    print(f"| {r['model']} | {r['provider']} | {r['batch']} | {r['bare_images_per_s']} | {r['end_to_end_images_per_s']} | {r['ratio']} |")
PY
rm -f "$log"
cat "$out"
