#!/usr/bin/env bash
# Installs the lexicons that query expansion and spell correction read: the WordNet 3.0 database
# (/usr/share/wordnet, Debian package wordnet-base) and the en_US Hunspell dictionary
# (/usr/share/hunspell/en_US.aff + .dic, package hunspell-en-us). Safe to run repeatedly: it only
# installs what is missing, and only as root on an apt-based system.
set -euo pipefail

missing=()
[ -f /usr/share/wordnet/index.noun ] && [ -f /usr/share/wordnet/data.noun ] || missing+=(wordnet-base)
[ -f /usr/share/hunspell/en_US.dic ] && [ -f /usr/share/hunspell/en_US.aff ] || missing+=(hunspell-en-us)

if [ ${#missing[@]} -eq 0 ]; then
  echo "lexicons present: /usr/share/wordnet, /usr/share/hunspell/en_US.{aff,dic}"
  exit 0
fi

if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "missing lexicons; install these Debian/Ubuntu packages as root: ${missing[*]}" >&2
  echo "  sudo apt-get install -y ${missing[*]}" >&2
  echo "(or pass another WordNet / Hunspell directory to WordNetDatabase / HunspellDictionary)" >&2
  exit 1
fi

# The package lists may be empty on a fresh image; refresh them only when apt cannot see the packages.
if ! apt-cache show "${missing[@]}" >/dev/null 2>&1; then
  apt-get update -qq
fi
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "installed: ${missing[*]}"
