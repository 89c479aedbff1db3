#!/usr/bin/env bash
# Renders an executed notebook to a PNG the way a reader sees it: nbconvert --to html, then Debian's headless Chromium.
# Offline: the chart outputs call Plotly.newPlot and expect plotly.js on the page (Plotly.NET's own HTML does not load
# it), so the script writes the plotly.js embedded in Plotly.NET.dll beside the HTML and adds a <script> for it.
# Usage: scripts/render-notebook-screenshot.sh EXECUTED.ipynb OUT.png [WIDTH] [HEIGHT] [HEADING_ID]
# HEADING_ID (e.g. Reliability-diagrams) keeps the title cell and drops the cells before that heading.
set -euo pipefail
cd "$(dirname "$0")/.."
notebook=$1; png=$2; width=${3:-1200}; height=${4:-1800}; start_at=${5:-}
dll=${RESEARCHKIT_DLL:-src/ResearchKit.Cli/bin/Release/net10.0/researchkit.dll}
python=/usr/bin/python3; [ -x "$python" ] || python=python3
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

"$python" -m nbconvert --to html --output-dir "$work" --output page "$notebook" >/dev/null 2>&1
PLOTLY_JS_OUT="$work/plotly.min.js" dotnet "$dll" notebook run scripts/screenshot/extract-plotly-js.csx >/dev/null 2>&1
# Load plotly.js first thing in <head>, before any output script runs.
"$python" - "$work/page.html" "$start_at" <<'PY'
import json, sys
path, start_at = sys.argv[1], sys.argv[2]
html = open(path, encoding="utf-8").read()
html = html.replace("<head>", '<head>\n<script src="plotly.min.js"></script>', 1)
if start_at:
    # After the charts have drawn, drop every cell between the title cell and the chosen heading.
    trim = ("<script>(function(){var h=document.getElementById(%s);if(!h)return;var c=h.closest('.jp-Cell');"
            "while(c&&c.previousElementSibling&&c.previousElementSibling.previousElementSibling){c.previousElementSibling.remove();}})();</script>") % json.dumps(start_at)
    html = html.replace("</body>", trim + "</body>", 1)
open(path, "w", encoding="utf-8").write(html)
PY
chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars --virtual-time-budget=8000 \
  --window-size="$width,$height" --screenshot="$work/shot.png" "file://$work/page.html" >/dev/null 2>&1
# Fewer colours keep the PNG small enough to commit (the notebook pages are mostly flat colour).
"$python" - "$work/shot.png" "$png" <<'PY'
import sys
from PIL import Image
Image.open(sys.argv[1]).convert("RGB").quantize(colors=128, method=Image.Quantize.MEDIANCUT).save(sys.argv[2], optimize=True)
PY
echo "$png ($(du -k "$png" | cut -f1) KB)"
