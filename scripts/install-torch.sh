#!/usr/bin/env bash
# Debian's PyTorch for `researchkit models convert` (models/recipes/convert_open_clip.py) and its tests, which convert
# the tiny EVA02-CLIP checkpoint in tests/fixtures/eva02-clip-open_clip. Idempotent: does nothing when torch imports
# already; installs python3-torch with apt-get only when run as root on a Debian-like system, otherwise says what is
# missing. The conversion tests skip without torch, except under CI=true, where they fail.
set -uo pipefail
python=/usr/bin/python3
[ -x "$python" ] || python=python3
if "$python" -c "import torch" 2>/dev/null; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  if ! apt-cache show python3-torch >/dev/null 2>&1; then
    apt-get update -qq
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-torch >/dev/null \
    && "$python" -c "import torch" && { echo "installed: python3-torch"; exit 0; }
  echo "install-torch: apt-get could not install python3-torch; the conversion tests fail under CI=true" >&2
else
  echo "install-torch: torch is missing and this is not root on apt; install it (Debian: sudo apt-get install python3-torch) or the conversion tests skip" >&2
fi
exit 0
