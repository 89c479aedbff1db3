#!/usr/bin/env bash
# Executes every notebook in notebooks/ with the headless runner (researchkit notebook run) into an output folder,
# then one of them through the C# Jupyter kernel with Debian's nbconvert, so both paths are exercised. A failing cell
# fails the script. The executed copies keep their outputs, plots included.
# Usage: scripts/run-notebooks.sh [OUT_DIR] [-p NAME=VALUE ...]   (parameters go to every notebook run by the runner)
# Env: RESEARCHKIT_DLL (default: the Release CLI build), KERNEL_NOTEBOOK (default 03-calibrate), NOTEBOOK_TIMEOUT (s per cell).
set -uo pipefail
cd "$(dirname "$0")/.."
out=${1:-artifacts/notebooks}
[ $# -gt 0 ] && shift
mkdir -p "$out/runner" "$out/kernel"
out=$(cd "$out" && pwd)
dll=${RESEARCHKIT_DLL:-src/ResearchKit.Cli/bin/Release/net10.0/researchkit.dll}
kernel_notebook=${KERNEL_NOTEBOOK:-03-calibrate}
timeout_s=${NOTEBOOK_TIMEOUT:-300}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# Debian's Python, where install-jupyter.sh puts nbconvert (a pyenv python3 on PATH may lack it).
python=/usr/bin/python3
[ -x "$python" ] || python=python3

if [ ! -f "$dll" ]; then
  dotnet build src/ResearchKit.Cli -c Release -nologo -v q || { echo "run-notebooks: build failed"; exit 1; }
fi
# The notebooks default to the emoji test collection; prepare it when missing (idempotent, pinned npm packages).
if [ ! -f data/emoji/prepared/STAMP ]; then
  data/emoji/prepare.sh || { echo "run-notebooks: could not prepare data/emoji (see above)"; exit 1; }
fi

# Seconds since a `date +%s%N` stamp, with one decimal, in shell arithmetic (no bc on bare images).
elapsed() { local ms=$(( ($(date +%s%N) - $1) / 1000000 )); echo "$((ms / 1000)).$(((ms % 1000) / 100))"; }

failed=0
summary=()
for notebook in notebooks/[0-9][0-9]-*.ipynb; do
  name=$(basename "$notebook" .ipynb)
  start=$(date +%s%N)
  if dotnet "$dll" notebook run "$notebook" --output "$out/runner/$name.ipynb" --timeout "$timeout_s" "$@" >"$out/runner/$name.log" 2>&1; then
    status=ok
  else
    status=FAILED; failed=1
    tail -n 20 "$out/runner/$name.log"
  fi
  seconds=$(elapsed "$start")
  summary+=("$(printf '%-22s %-7s %6s s' "$name" "$status" "$seconds")")
  echo "notebook $name: $status ($seconds s)"
done

# One notebook through the kernel, the way Jupyter front ends run it: a private kernelspec, Debian's nbconvert.
./scripts/install-jupyter.sh
if "$python" -c "import nbconvert, jupyter_client" 2>/dev/null; then
  jupyter_dir="$out/jupyter"
  export JUPYTER_DATA_DIR="$jupyter_dir" JUPYTER_PATH="$jupyter_dir" JUPYTER_RUNTIME_DIR="$jupyter_dir/runtime" JUPYTER_PLATFORM_DIRS=1
  dotnet "$dll" kernel install >/dev/null 2>&1 || { echo "run-notebooks: kernel install failed"; exit 1; }
  start=$(date +%s%N)
  if "$python" -m nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=researchkit-csharp \
      --ExecutePreprocessor.timeout="$timeout_s" --output-dir "$out/kernel" "notebooks/$kernel_notebook.ipynb" >"$out/kernel/$kernel_notebook.log" 2>&1; then
    status=ok
  else
    status=FAILED; failed=1
    tail -n 30 "$out/kernel/$kernel_notebook.log"
  fi
  seconds=$(elapsed "$start")
  summary+=("$(printf '%-22s %-7s %6s s  (kernel + nbconvert)' "$kernel_notebook" "$status" "$seconds")")
else
  echo "run-notebooks: python3 nbconvert/jupyter_client are missing (scripts/install-jupyter.sh installs them as root)"; failed=1
fi

printf '%s\n' "${summary[@]}" | tee "$out/summary.txt"
if [ "$failed" -ne 0 ]; then echo "notebooks: FAILED (outputs and logs in $out)"; exit 1; fi
echo "notebooks: all passed (executed copies in $out)"
