"""Side-by-side kernel benchmark through one jupyter_client script: the researchkit-csharp kernel and Debian's
python3 ipykernel. For each: time from process start to the kernel_info reply (median of STARTS runs), and the
round trip of a trivial cell (execute_request to idle, median of ROUNDS after WARMUP). The C# kernel is measured twice:
in a fresh session (cells compile against its core references) and after a cell that needs every reference (a
Plotly.NET chart), which the session then keeps. Prints one JSON line per row."""
import json
import statistics
import sys
import time

import jupyter_client

STARTS, ROUNDS, WARMUP = 5, 100, 10


def wait_idle(kc, msg_id):
    while True:
        msg = kc.get_iopub_msg(timeout=60)
        if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return


def measure(kernel_name, cell, label=None, setup=None):
    starts = []
    for _ in range(STARTS):
        km = jupyter_client.KernelManager(kernel_name=kernel_name)
        begin = time.perf_counter()
        km.start_kernel()
        kc = km.client()
        kc.start_channels()
        kc.kernel_info(reply=True, timeout=60)
        starts.append(time.perf_counter() - begin)
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
        begin = time.perf_counter()
        msg_id = kc.execute(cell)
        kc.get_shell_msg(timeout=60)
        wait_idle(kc, msg_id)
        if i >= WARMUP:
            rounds.append(time.perf_counter() - begin)
    kc.stop_channels()
    km.shutdown_kernel(now=False)
    rounds.sort()
    return {
        "kernel": label or kernel_name,
        "start_to_kernel_info_s": round(statistics.median(starts), 3),
        "roundtrip_median_ms": round(1000 * statistics.median(rounds), 2),
        "roundtrip_p90_ms": round(1000 * rounds[int(0.9 * len(rounds))], 2),
    }


if __name__ == "__main__":
    cell = sys.argv[1] if len(sys.argv) > 1 else "1 + 1"
    chart = "Plotly.NET.CSharp.Chart.Point<int, int, string>(x: new[] { 1 }, y: new[] { 1 })"
    print(json.dumps(measure("researchkit-csharp", cell)), flush=True)
    print(json.dumps(measure("researchkit-csharp", cell, "researchkit-csharp (after a chart cell)", chart)), flush=True)
    print(json.dumps(measure("python3", "1 + 1")), flush=True)
