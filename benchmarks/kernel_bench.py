"""Side-by-side kernel benchmark through one jupyter_client script: the researchkit-csharp kernel and Debian's
python3 ipykernel. For each: time from process start to the kernel_info reply (median of STARTS runs), and the
round trip of a trivial cell (execute_request to idle, median of ROUNDS after WARMUP). Next to each wall-clock figure, the
kernel process's own CPU time (user + system, all its threads, from /proc/PID/stat): at the kernel_info reply, and per
cell over the ROUNDS cells. On a shared machine wall-clock grows with the load; CPU per cell barely does. The C# kernel is measured twice:
in a fresh session (cells compile against its first few references) and after a cell that needs more (a Plotly.NET
chart, whose libraries the session then binds for every later cell). Prints one JSON line per row."""
import json
import os
import statistics
import sys
import time

import jupyter_client

STARTS, ROUNDS, WARMUP = 5, 100, 10
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(km):
    """User + system CPU of the kernel process (every thread), from /proc/PID/stat."""
    with open(f"/proc/{km.provisioner.pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def wait_idle(kc, msg_id):
    while True:
        msg = kc.get_iopub_msg(timeout=60)
        if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return


def measure(kernel_name, cell, label=None, setup=None):
    starts, start_cpus = [], []
    for _ in range(STARTS):
        km = jupyter_client.KernelManager(kernel_name=kernel_name)
        begin = time.perf_counter()
        km.start_kernel()
        kc = km.client()
        kc.start_channels()
        kc.kernel_info(reply=True, timeout=60)
        starts.append(time.perf_counter() - begin)
        start_cpus.append(cpu_seconds(km))
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    km = jupyter_client.KernelManager(kernel_name=kernel_name)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    if setup:
        wait_idle(kc, kc.execute(setup))
    rounds = []
    for i in range(WARMUP + ROUNDS):
        if i == WARMUP:
            cpu_before = cpu_seconds(km)
        begin = time.perf_counter()
        msg_id = kc.execute(cell)
        kc.get_shell_msg(timeout=60)
        wait_idle(kc, msg_id)
        if i >= WARMUP:
            rounds.append(time.perf_counter() - begin)
    cpu_per_cell = (cpu_seconds(km) - cpu_before) / ROUNDS
    kc.stop_channels()
    km.shutdown_kernel(now=False)
    rounds.sort()
    return {
        "kernel": label or kernel_name,
        "start_to_kernel_info_s": round(statistics.median(starts), 3),
        "roundtrip_median_ms": round(1000 * statistics.median(rounds), 2),
        "roundtrip_p90_ms": round(1000 * rounds[int(0.9 * len(rounds))], 2),
        "start_cpu_s": round(statistics.median(start_cpus), 3),
        "cpu_per_cell_ms": round(1000 * cpu_per_cell, 2),
    }


if __name__ == "__main__":
    # Rows to measure (default all): csharp, csharp-chart, python3; e.g. `kernel_bench.py csharp` while profiling.
    rows = sys.argv[1:] or ["csharp", "csharp-chart", "python3"]
    chart = "Plotly.NET.CSharp.Chart.Point<int, int, string>(x: new[] { 1 }, y: new[] { 1 })"
    if "csharp" in rows:
        print(json.dumps(measure("researchkit-csharp", "1 + 1")), flush=True)
    if "csharp-chart" in rows:
        print(json.dumps(measure("researchkit-csharp", "1 + 1", "researchkit-csharp (after a chart cell)", chart)), flush=True)
    if "python3" in rows:
        print(json.dumps(measure("python3", "1 + 1")), flush=True)
