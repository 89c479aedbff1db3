#!/usr/bin/env bash
# The C# kernel next to Debian's python3-ipykernel, through the same jupyter_client script (benchmarks/kernel_bench.py):
# start to kernel_info reply (median of 5) and a trivial cell's round trip (median of 100). The kernelspec is installed
# into a temporary JUPYTER_PATH so the user's Jupyter set-up is untouched. Writes benchmarks/results/kernel.md.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-jupyter.sh
dotnet build src/ResearchKit.Cli -c Release -v q -nologo >/dev/null
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
dotnet src/ResearchKit.Cli/bin/Release/net10.0/researchkit.dll kernel install --prefix "$tmp" >/dev/null 2>&1
export PYDEVD_DISABLE_FILE_VALIDATION=1 JUPYTER_PATH="$tmp/share/jupyter" JUPYTER_RUNTIME_DIR="$tmp/runtime" JUPYTER_PLATFORM_DIRS=1
lines=$(/usr/bin/python3 benchmarks/kernel_bench.py)
load=$(cut -d' ' -f1-3 /proc/loadavg)
echo "$lines"
{
  echo "# Kernel start-up and round trip"
  echo
  echo "\`benchmarks/run-kernel.sh\`, $(date -u +%Y-%m-%d), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)),"
  echo ".NET $(dotnet --version), jupyter_client $(/usr/bin/python3 -c 'import jupyter_client; print(jupyter_client.__version__)'), ipykernel $(/usr/bin/python3 -c 'import ipykernel; print(ipykernel.__version__)')."
  echo "Same jupyter_client script for both kernels. Start = process launch to kernel_info reply (median of 5), and the"
  echo "kernel process's CPU time (user + system, every thread) by then; round trip = execute_request of \`1 + 1\` until its"
  echo "idle status (median and p90 of 100, after 10 warm-up cells); CPU per cell = the kernel process's CPU time over those"
  echo "100 cells (/proc/PID/stat), divided by 100, which a busy machine changes far less than the wall-clock columns;"
  echo "the second C# row first runs a Plotly.NET chart cell, whose libraries the session then binds for every later cell."
  echo
  echo "$lines" | /usr/bin/python3 -c '
import json, sys
rows = [json.loads(line) for line in sys.stdin if line.strip()]
print("| kernel | start to kernel_info (s) | CPU at kernel_info (s) | round trip median (ms) | round trip p90 (ms) | kernel CPU per cell (ms) |")
print("|---|---|---|---|---|---|")
for r in rows:
    print("| {kernel} | {start_to_kernel_info_s} | {start_cpu_s} | {roundtrip_median_ms} | {roundtrip_p90_ms} | {cpu_per_cell_ms} |".format(**r))
base = next(r for r in rows if r["kernel"] == "python3")
print()
for r in rows:
    if r["kernel"] != "python3":
        print("- {}: {:.1f}x the ipykernel median round trip, {:.1f}x its CPU per cell".format(
            r["kernel"], r["roundtrip_median_ms"] / base["roundtrip_median_ms"], r["cpu_per_cell_ms"] / base["cpu_per_cell_ms"]))
csharp = [r for r in rows if r["kernel"] != "python3"]
round_trip = all(r["roundtrip_median_ms"] <= 2 * base["roundtrip_median_ms"] for r in csharp)
start = all(r["start_to_kernel_info_s"] < 1 for r in csharp)
print()
print("Goal: round trip within 2x of ipykernel ({}), start to kernel_info under 1 s ({}).".format(
    "met in this run" if round_trip else "not met in this run", "met in this run" if start else "not met in this run"))
'
  echo
  echo "Load average at the end of the run (1, 5, 15 min): $load. Both kernels share the machine, so"
  echo "compare the rows of one run; on a busy machine every figure grows, the C# kernel's most (each cell is a Roslyn"
  echo "compilation where ipykernel evaluates bytecode). Where the C# time goes is in docs/kernel.md."
} > benchmarks/results/kernel.md
cat benchmarks/results/kernel.md
