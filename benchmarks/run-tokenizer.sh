#!/usr/bin/env bash
# Loading and encoding tokenizer.json files (the 33 MB Gemma 3 file above all, and the SigLIP / Gemma fixtures),
# ResearchKit beside Hugging Face's tokenizers.js under node, in one run on the same files and the test strings.
# Writes benchmarks/results/tokenizer.md.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-node-tokenizers.sh >/dev/null
dir=tests/fixtures/tokenizers
files=("$dir/downloads/gemma3/tokenizer.json" "$dir/siglip_tokenizer.json" "$dir/gemma_tokenizer.json")
dotnet build benchmarks/ResearchKit.Benchmarks -c Release -v q >/dev/null
out=$(mktemp)
trap 'rm -f "$out"' EXIT
dotnet benchmarks/ResearchKit.Benchmarks/bin/Release/net10.0/ResearchKit.Benchmarks.dll tokenizer "$dir/strings.json" "${files[@]}" >>"$out"
node --expose-gc benchmarks/tokenizer_js.mjs "$dir/strings.json" "${files[@]}" >>"$out"
python3 - "$out" > benchmarks/results/tokenizer.md <<'PY'
import json, os, sys, platform
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
load = open("/proc/loadavg").read().split()[0]
print("# tokenizer.json: load time, memory and encoding speed\n")
print(f"Machine: {cpu}, {os.cpu_count()} cores, load average {load} at the end of the run. Script: benchmarks/run-tokenizer.sh.")
print("First load: in a fresh process (ResearchKit's includes JIT). Load: median of three later loads. Allocated: bytes")
print("allocated by one load. Retained: managed heap (JS heap) the loaded tokenizer keeps. Texts/s: the 35 strings of")
print("tests/fixtures/tokenizers/strings.json (one of 2,879 characters), median of five passes after a warm-up pass.\n")
keys = ["impl", "file", "mb", "model", "first_load_ms", "load_ms", "allocated_mb", "retained_mb", "peak_working_set_mb", "texts_per_s"]
print("| " + " | ".join(keys) + " |")
print("|" + "---|" * len(keys))
for r in rows:
    print("| " + " | ".join("" if r.get(k) is None else str(r[k]) for k in keys) + " |")
PY
cat benchmarks/results/tokenizer.md
