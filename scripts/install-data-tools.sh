#!/usr/bin/env bash
# Debian packages the emoji test collection preparation needs: npm (fetch), rsvg-convert (SVG), Pillow.
# Installs only what is missing; needs root (or sudo) the first time.
set -euo pipefail
need=()
command -v npm >/dev/null || need+=(npm)
command -v rsvg-convert >/dev/null || need+=(librsvg2-bin)
/usr/bin/python3 -c 'import PIL' 2>/dev/null || need+=(python3-pil)
[ ${#need[@]} -eq 0 ] && exit 0
echo "install-data-tools: installing ${need[*]}" >&2
sudo_cmd=(); [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}"
