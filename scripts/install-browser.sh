#!/usr/bin/env bash
# Installs Debian's headless-capable Chromium for the judging page's browser tests. Idempotent; installs only
# when missing and only as root on an apt-based system. Tests find it at /usr/bin/chromium (or $CHROMIUM).
set -euo pipefail
if command -v chromium >/dev/null || [ -x "${CHROMIUM:-}" ]; then
  echo "chromium present: $(command -v chromium || echo "$CHROMIUM")"
  exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "chromium is missing; install it as root (apt-get install -y chromium) or set CHROMIUM=/path/to/chrome" >&2
  exit 1
fi
if ! apt-cache show chromium >/dev/null 2>&1; then apt-get update -qq; fi
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
echo "installed: $(chromium --version)"
