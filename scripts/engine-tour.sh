#!/usr/bin/env bash
# A tour of the embedding engine: builds the tool, then runs the embedding engine on the embedded models
# (tests/fixtures/reference/models: tiny SigLIP, DINOv2 and EVA02-CLIP with the real architectures)
# and checks every pixel tensor, token id and embedding against the reference Python outputs.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/ResearchKit.Cli -c Release -v q -nologo >/dev/null
rk() { dotnet src/ResearchKit.Cli/bin/Release/net10.0/researchkit.dll "$@"; }
fx=tests/fixtures/reference
echo "== Token ids (SigLIP, EVA02-CLIP) for \"A Cat, sitting on a RED car!\""
rk tokenize "A Cat, sitting on a RED car!" --model $fx/models/siglip-tiny | cut -c1-120
rk tokenize "A Cat, sitting on a RED car!" --model $fx/models/eva02-clip-tiny | cut -c1-120
echo "== Preprocessed tensor shapes"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for m in siglip-tiny dinov2-tiny eva02-clip-tiny; do
  printf '%-16s ' $m; rk preprocess $fx/images/photo_astronaut.jpg --model $fx/models/$m --out "$tmp/$m.bin"
done
echo "== Embeddings of three images with each model (first values of the L2-normalised vector)"
for m in siglip-tiny dinov2-tiny eva02-clip-tiny; do
  rk embed $fx/images/emoji_1f34e.png $fx/images/photo_coffee.jpg $fx/images/gradient.png --model $fx/models/$m | cut -c1-110
done
echo "== Parity with the reference Python processors, tokenizers and models"
python3 tests/parity.py $fx dotnet src/ResearchKit.Cli/bin/Release/net10.0/researchkit.dll
echo "== Index the fixture images with SigLIP and DINOv2, then search"
ds="$tmp/dataset"; mkdir -p "$ds"; cp $fx/images/* "$ds/"
rk index "$ds" --model siglip=$fx/models/siglip-tiny --model dinov2=$fx/models/dinov2-tiny
rk search "$ds" "a red apple" --space siglip --top 5
rk similar "$ds" photo_coffee.jpg --hybrid siglip=0.5,dinov2=0.5 --top 3 --json | cut -c1-200
rk search "$ds" "a house" --space siglip --rerank crops --recall 8 --top 3
./scripts/install-lexicons.sh >/dev/null
rk search "$ds" "a cofee cup" --space siglip --expand --spell --top 3
