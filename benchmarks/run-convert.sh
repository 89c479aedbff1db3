#!/usr/bin/env bash
# Time and peak memory of `researchkit models convert` at the real EVA02-CLIP sizes, on random checkpoints in the hub's
# open_clip layout (benchmarks/eva02_random_checkpoint.py; the trained weights are not downloaded). Needs Python 3 with
# torch (scripts/install-torch.sh). Usage: benchmarks/run-convert.sh [B-16] [L-14] [L-14-336]  (default: B-16).
# Writes benchmarks/results/convert.md.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(B-16)
python=/usr/bin/python3; [ -x "$python" ] || python=python3
dotnet build src/ResearchKit.Cli -c Release -v q >/dev/null
rk=src/ResearchKit.Cli/bin/Release/net10.0/researchkit.dll
work=benchmarks/.data/convert; rm -rf "$work"; mkdir -p "$work"
load=$(cut -d' ' -f1-3 /proc/loadavg)  # the machine is shared: say how busy it was
rows=()
for size in "${sizes[@]}"; do
  "$python" benchmarks/eva02_random_checkpoint.py "$size" "$work/$size"
  weights=$(stat -c %s "$work/$size/open_clip_pytorch_model.bin")
  /usr/bin/time -v -o "$work/$size.time" dotnet "$rk" models convert "$work/$size" --out "$work/$size-onnx" --python "$python" --threads 2 \
    > "$work/$size.out" 2> "$work/$size.err" || { cat "$work/$size.err"; exit 1; }
  wall=$(grep 'Elapsed (wall clock)' "$work/$size.time" | awk '{print $NF}')
  rss=$(grep 'Maximum resident set size' "$work/$size.time" | awk '{print $NF}')
  onnx=$(( $(stat -c %s "$work/$size-onnx/visual.onnx") + $(stat -c %s "$work/$size-onnx/textual.onnx") ))
  cosines=$(grep -o 'image cosine [0-9.]*, text cosine [0-9.]*' "$work/$size.err")
  rows+=("| EVA02-CLIP-$size | $((weights / 1048576)) MiB | $((onnx / 1048576)) MiB | $wall | $((rss / 1024)) MiB | $cosines |")
done
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)
torch=$("$python" -c 'import torch; print(torch.__version__)')
{
  echo "# models convert at the real EVA02-CLIP sizes"
  echo
  echo "Machine: $cpu, $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB, load average $load at the start; torch $torch (CPU, 2 threads)."
  echo "Script: benchmarks/run-convert.sh $*"
  echo
  echo "Random weights in the hub's layout (float16 open_clip_pytorch_model.bin, nested open_clip_config.json), converted"
  echo "end to end: the recipe reads the checkpoint, exports both towers (ONNX opset 17, float32), and ResearchKit checks"
  echo "them against PyTorch on the probe inputs before publishing. Peak memory is the largest process (the recipe)."
  echo
  echo "| model | checkpoint | ONNX (both towers) | wall time | peak memory | probe |"
  echo "|---|---:|---:|---:|---:|---|"
  printf '%s\n' "${rows[@]}"
} > benchmarks/results/convert.md
cat benchmarks/results/convert.md
