#!/usr/bin/env bash
# Prepares the emoji test collection (data/emoji/prepared) from pinned npm packages; safe to rerun.
# Usage: data/emoji/prepare.sh [OUT_DIR]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bash "$here/../../scripts/install-data-tools.sh"
exec nice -n 10 /usr/bin/python3 "$here/prepare.py" "$@"
