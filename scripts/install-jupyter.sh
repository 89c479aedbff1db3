#!/usr/bin/env bash
# Debian's Jupyter stack for the kernel's end-to-end tests and benchmark: jupyter_client, nbclient/nbconvert,
# nbformat and ipykernel (the benchmark's baseline). Idempotent: does nothing when the modules import already;
# installs with apt-get only when run as root on a Debian-like system, otherwise says what is missing.
set -uo pipefail
python=/usr/bin/python3
[ -x "$python" ] || python=python3
if "$python" -c "import jupyter_client, nbclient, nbconvert, nbformat, ipykernel" 2>/dev/null; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    jupyter-nbconvert python3-jupyter-client python3-nbclient python3-nbformat python3-ipykernel jupyter-core >/dev/null \
    || echo "install-jupyter: apt-get failed; the kernel's end-to-end tests will be skipped" >&2
else
  echo "install-jupyter: python3 jupyter_client/nbconvert missing and not root; the kernel's end-to-end tests will be skipped" >&2
fi
exit 0
