"""End-to-end check of the researchkit-csharp kernel through Debian's jupyter_client (a client we did not write).

Run by EndToEndTests with JUPYTER_PATH pointing at a freshly installed kernelspec. Prints one line per check and
exits non-zero on the first failure.
"""
import hmac
import hashlib
import json
import queue
import sys
import time
import uuid

import jupyter_client
import zmq

TIMEOUT = 60


def check(name, condition, detail=""):
    if not condition:
        print(f"FAIL {name}: {detail}", flush=True)
        sys.exit(1)
    print(f"ok {name}", flush=True)


def shell_reply(kc, msg_id):
    reply = kc.get_shell_msg(timeout=TIMEOUT)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kc.get_shell_msg(timeout=TIMEOUT)
    return reply["content"]


def run(kc, code, allow_stdin=False):
    """Execute code; return (reply content, iopub messages for it, in order)."""
    msg_id = kc.execute(code, allow_stdin=allow_stdin)
    return shell_reply(kc, msg_id), collect(kc, msg_id)


def collect(kc, msg_id):
    outputs = []
    while True:
        msg = kc.get_iopub_msg(timeout=TIMEOUT)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        outputs.append(msg)
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return outputs


def main():
    started = time.time()
    km, kc = jupyter_client.manager.start_new_kernel(kernel_name="researchkit-csharp", startup_timeout=TIMEOUT)
    check("start", True, f"{time.time() - started:.2f}s")
    try:
        info = kc.kernel_info(reply=True, timeout=TIMEOUT)["content"]
        check("kernel_info", info["language_info"]["name"] == "csharp" and info["protocol_version"] == "5.3", info)

        reply, out = run(kc, 'var x = 40;\nConsole.WriteLine("hello");\nx + 2')
        types = [m["msg_type"] for m in out]
        check("execute ok", reply["status"] == "ok", reply)
        check("busy first, idle last", out[0]["content"].get("execution_state") == "busy" and types[-1] == "status", types)
        check("stream", any(m["msg_type"] == "stream" and m["content"]["text"] == "hello\n" for m in out), types)
        result = [m for m in out if m["msg_type"] == "execute_result"]
        check("execute_result", result and result[0]["content"]["data"]["text/plain"] == "42", result)

        reply, out = run(kc, 'var h = display("loading");\nh.Update("done");')
        shown = [m for m in out if m["msg_type"] == "display_data"]
        updated = [m for m in out if m["msg_type"] == "update_display_data"]
        check("display_data", shown and shown[0]["content"]["transient"]["display_id"], shown)
        check("update_display_data", updated and updated[0]["content"]["transient"]["display_id"] == shown[0]["content"]["transient"]["display_id"]
              and updated[0]["content"]["data"]["text/plain"] == "done", updated)

        reply, out = run(kc, 'throw new InvalidOperationException("broken");')
        errors = [m for m in out if m["msg_type"] == "error"]
        check("error reply", reply["status"] == "error" and reply["ename"] == "InvalidOperationException", reply)
        check("error traceback", errors and any("broken" in line for line in errors[0]["content"]["traceback"]), errors)

        # "Run All": after a failing cell (stop_on_error), requests already queued behind it are aborted, not run.
        # The failing cell waits a second first, so the second request has surely reached the kernel's socket before
        # the failure even when this client is descheduled between the two sends on a loaded machine.
        failing = kc.execute('System.Threading.Thread.Sleep(1000);\nthrow new InvalidOperationException("stop here");')
        queued = kc.execute('Console.WriteLine("must not run");')
        check("failing cell in a batch", shell_reply(kc, failing)["status"] == "error")
        check("queued cell aborted", shell_reply(kc, queued)["status"] == "aborted")
        collect(kc, failing)
        check("aborted cell bracketed by busy/idle", [m["msg_type"] for m in collect(kc, queued)] == ["status", "status"])

        msg_id = kc.execute('Console.Write("name? ");\nvar who = Console.ReadLine();\n$"hi {who}"', allow_stdin=True)
        request = kc.get_stdin_msg(timeout=TIMEOUT)
        check("input_request", request["msg_type"] == "input_request" and request["parent_header"]["msg_id"] == msg_id, request)
        kc.input("Ada")
        out = collect(kc, msg_id)
        reply = shell_reply(kc, msg_id)
        check("input reply", reply["status"] == "ok", reply)
        result = [m for m in out if m["msg_type"] == "execute_result"]
        check("input answered", result and result[0]["content"]["data"]["text/plain"] == "hi Ada", [m["msg_type"] for m in out])

        msg_id = kc.execute("long spins = 0;\nwhile (true) { spins++; }")
        time.sleep(1.5)
        km.interrupt_kernel()
        reply = shell_reply(kc, msg_id)
        check("interrupt", reply.get("ename") == "CellInterrupted", reply)
        collect(kc, msg_id)
        reply, _ = run(kc, "spins > 0")
        check("kernel serves after interrupt", reply["status"] == "ok", reply)

        complete = kc.complete("Math.Sq", 7, reply=True, timeout=TIMEOUT)["content"]
        check("complete", "Sqrt" in complete["matches"] and complete["cursor_start"] == 5, complete)
        inspect = kc.inspect("Math.Sqrt", 7, reply=True, timeout=TIMEOUT)["content"]
        check("inspect", inspect["found"] and "Sqrt" in inspect["data"]["text/plain"], inspect)
        incomplete = shell_reply(kc, kc.is_complete("for (var i = 0; i < 3; i++) {"))
        check("is_complete", incomplete["status"] == "incomplete", incomplete)
        comm = shell_reply(kc, kc.comm_info())
        check("comm_info", comm["status"] == "ok" and comm["comms"] == {}, comm)

        # A message signed with the wrong key must be dropped, and the kernel must keep serving.
        context = zmq.Context.instance()
        rogue = context.socket(zmq.DEALER)
        rogue.connect(f"tcp://{km.ip}:{km.shell_port}")
        header = json.dumps({"msg_id": uuid.uuid4().hex, "session": "rogue", "username": "x", "date": "2026-01-01T00:00:00Z",
                             "msg_type": "execute_request", "version": "5.3"}).encode()
        content = json.dumps({"code": "System.Environment.Exit(3)", "silent": False}).encode()
        signature = hmac.new(b"wrong key", header + b"{}{}" + content, hashlib.sha256).hexdigest().encode()
        rogue.send_multipart([b"<IDS|MSG>", signature, header, b"{}", b"{}", content])
        check("bad signature ignored", rogue.poll(1000) == 0, "kernel answered a forged message")
        rogue.close(0)
        reply, _ = run(kc, "x")
        check("kernel alive after forged message", reply["status"] == "ok" and km.is_alive(), reply)

        stopping = time.time()
        km.shutdown_kernel(now=False)
        check("shutdown within 2.5 s", not km.is_alive() and time.time() - stopping < 2.5, f"{time.time() - stopping:.2f}s")
    finally:
        kc.stop_channels()
        if km.is_alive():
            km.shutdown_kernel(now=True)
    print("E2E OK", flush=True)


if __name__ == "__main__":
    main()
