#!/usr/bin/env bash
# Debian's Jupyter stack for the kernel's end-to-end tests and benchmark: jupyter_client, nbclient/nbconvert, nbformat,
# ipykernel (the benchmark's baseline) and the classic Notebook server (the live-page chart test). Idempotent: does
# nothing when the modules import already; installs with apt-get only when run as root on a Debian-like system.
# Exits non-zero when the stack is still missing afterwards, so a caller can tell (the tests then report as skipped,
# and scripts/test.sh fails on that under CI=true).
set -uo pipefail
python=/usr/bin/python3
[ -x "$python" ] || python=python3
modules="import jupyter_client, nbclient, nbconvert, nbformat, ipykernel, notebook"
if "$python" -c "$modules" 2>/dev/null; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  packages="jupyter-nbconvert python3-jupyter-client python3-nbclient python3-nbformat python3-ipykernel jupyter-core jupyter-notebook"
  # Another apt may hold the lock for a while (a parallel installer); wait for it rather than fail.
  for attempt in 1 2 3 4 5 6; do
    if apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $packages >/dev/null; then break; fi
    echo "install-jupyter: apt-get failed (attempt $attempt); retrying in 20 s" >&2
    sleep 20
  done
else
  echo "install-jupyter: python3 Jupyter modules missing and not root; install: apt-get install jupyter-nbconvert python3-jupyter-client python3-nbclient python3-ipykernel jupyter-notebook" >&2
fi
if ! "$python" -c "$modules" 2>/dev/null; then
  echo "install-jupyter: the Jupyter stack is still missing; the kernel's end-to-end tests will report as skipped" >&2
  exit 1
fi
