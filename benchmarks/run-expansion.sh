#!/usr/bin/env bash
# The query-expansion figures of the README and models/emoji/EVALUATION.md: for each emoji model with a text tower,
# `researchkit tune expansion` generates queries from the training split's metadata, tunes on their dev half over the
# training images, reports the test half, and measures the tuned settings on the held-out Twemoji images (never tuned
# on). Writes benchmarks/results/expansion-MODEL.json (every figure, the settings and the trials) and
# benchmarks/results/expansion.md (the tables). About 70 s of CPU per model on two cores, after indexing.
# Usage: benchmarks/run-expansion.sh [MODEL ...]   (default: siglip-emoji eva02-clip-emoji)
set -euo pipefail
cd "$(dirname "$0")/.."
models=("$@")
[ ${#models[@]} -eq 0 ] && models=(siglip-emoji eva02-clip-emoji)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
./scripts/install-lexicons.sh
[ -f data/emoji/prepared/STAMP ] || data/emoji/prepare.sh
dotnet build src/ResearchKit.Cli -c Release -nologo -v q >/dev/null
rk() { dotnet src/ResearchKit.Cli/bin/Release/net10.0/researchkit.dll "$@"; }
for model in "${models[@]}"; do
  # Incremental: a split already indexed with this model is left as it is.
  rk index data/emoji/prepared/train --model "$model=$model" >/dev/null
  rk index data/emoji/prepared/heldout --model "$model=$model" >/dev/null
  rk tune expansion data/emoji/prepared/train --space "$model" --report-on data/emoji/prepared/heldout \
    --report "benchmarks/results/expansion-$model.json"
done
python3 benchmarks/expansion_table.py benchmarks/results/expansion-*.json > benchmarks/results/expansion.md
cat benchmarks/results/expansion.md
