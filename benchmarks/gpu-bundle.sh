#!/usr/bin/env bash
# Packs the GPU benchmark for a GPU machine that has no .NET and no network: a self-contained linux-x64 publish of
# the benchmark program in the CUDA build (the .NET runtime and ONNX Runtime's CUDA provider inside), compressed with
# xz and split into numbered folders .gpu/1, .gpu/2, ... of at most PART_MiB each, so each part can travel in its
# own call to a machine that takes a limited upload per call (.gpu/ is git-ignored, so a device call can carry it).
# docs/cli.md ("The GPU benchmark") says how to run it.
# usage: benchmarks/gpu-bundle.sh [PART_MiB]   (default 28)
set -euo pipefail
cd "$(dirname "$0")/.."
part=${1:-28}
rm -rf artifacts/gpu-bench .gpu
# Invariant globalization: the GPU machine may have no ICU, and the benchmark formats nothing by culture.
dotnet publish benchmarks/ResearchKit.Benchmarks -c Release -r linux-x64 --self-contained -p:OnnxRuntimeFlavor=cuda \
  -p:InvariantGlobalization=true -nologo -v q -o artifacts/gpu-bench
# Debug symbols and the TensorRT provider are not needed to run the CUDA provider.
rm -f artifacts/gpu-bench/*.pdb artifacts/gpu-bench/libonnxruntime_providers_tensorrt.so
tar -C artifacts -cf - gpu-bench | xz -9 -T0 > artifacts/gpu-bench.tar.xz
mkdir -p .gpu/parts
split -b "${part}M" -d -a 2 artifacts/gpu-bench.tar.xz .gpu/parts/part-
n=0
for f in .gpu/parts/part-*; do n=$((n + 1)); mkdir -p ".gpu/$n"; mv "$f" ".gpu/$n/"; done
rmdir .gpu/parts
echo "publish: $(du -sh artifacts/gpu-bench | cut -f1); xz: $(stat -c %s artifacts/gpu-bench.tar.xz) bytes in $n part(s) under .gpu/1 .. .gpu/$n"
