#!/usr/bin/env python3
"""Runs public Polyglot (.NET Interactive) C# notebooks through `researchkit notebook run` and measures the share of
code cells that run as they did in .NET Interactive, with each notebook's own saved outputs as the reference.

Usage: polyglot_compat.py NOTEBOOK_FOLDER [--researchkit "dotnet path/researchkit.dll"] [--out results.md]
       [--exemptions benchmarks/polyglot-exemptions.json] [--work DIR]

NOTEBOOK_FOLDER holds fetched repositories (e.g. clones of dotnet/csharp-notebooks and dotnet/interactive); every
.ipynb under it whose kernelspec is .NET Interactive's C# one and that has saved outputs is measured. Only the
standard library is used.

A code cell "runs as it did" when, against its saved outputs:
  1. it fails (an error output) exactly when the saved cell failed;
  2. every rich output kind the saved cell had is among ours, by MIME type (text/html, text/markdown, image/*,
     application/javascript; "Installed Packages" HTML counts as HTML). .NET Interactive wrapped plain values in
     <div class="dni-plaintext"> HTML: such an output counts as text;
  3. its text (stdout/stderr and plain-text results, in order; CRLF as LF, trailing spaces dropped) equals ours,
     after masking `Wall time: N ms` (#!time). Cells whose text cannot repeat (timings, random draws, the author's
     paths, versions of the packages) are listed, each with its reason, in the exemptions file: for them only 1 and 2
     count, and the results list them.
Measured: C#, HTML, JavaScript and Markdown code cells (the kinds this kernel runs or shows) of notebooks with saved
outputs, where the saved cell has outputs or an execution count. Other-language cells are counted apart.
"""
import argparse
import html
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
import time

SUPPORTED = {"csharp": "csharp", "c#": "csharp", "html": "html", "javascript": "javascript", "js": "javascript",
             "markdown": "markdown", "md": "markdown"}
OTHER = {"fsharp", "f#", "pwsh", "powershell", "sql", "kql", "mermaid", "http", "value", "python", "r", "wpf", "typescript"}
EXTENSION_NOTE = re.compile(r"^Loading extensions? from `")
DNI_PLAIN = re.compile(r'^\s*<div class="dni-plaintext">(?:<pre>)?(.*?)(?:</pre>)?</div>\s*$', re.S)
WALL_TIME = re.compile(r"Wall time: [0-9.]+ ?ms")


def source(cell):
    s = cell.get("source", "")
    return "".join(s) if isinstance(s, list) else s


def cell_kernel(nb, cell):
    md = cell.get("metadata", {})
    name = ((md.get("polyglot_notebook") or {}).get("kernelName") or (md.get("dotnet_interactive") or {}).get("language")
            or ((nb.get("metadata", {}).get("polyglot_notebook") or {}).get("kernelInfo") or {}).get("defaultKernelName")
            or "csharp")
    first = source(cell).lstrip().split("\n", 1)[0]
    words = first[2:].split() if first.startswith("#!") and not first.startswith("#!/") else []
    if words and (words[0].lower() in SUPPORTED or words[0].lower() in OTHER or words[0].lower().startswith(("sql-", "kql-"))):
        name = words[0]
    return name.lower()


def is_csharp_notebook(nb):
    ks = nb.get("metadata", {}).get("kernelspec", {})
    return ks.get("name") == ".net-csharp" or (ks.get("language") or "").lower() in ("c#", "csharp")


def text_of(value):
    return "".join(value) if isinstance(value, list) else (value or "")


def normalise_text(text):
    text = WALL_TIME.sub("Wall time: …ms", text.replace("\r\n", "\n"))
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


def classify(outputs):
    """(error, rich MIME kinds, text pieces, package notes) of a cell's outputs."""
    error, kinds, texts, notes = False, [], [], []
    for o in outputs:
        t = o.get("output_type")
        if t == "error":
            error = True
        elif t == "stream":
            texts.append(text_of(o.get("text")))
        elif t in ("execute_result", "display_data", "unknown"):
            data = o.get("data", {})
            if "text/markdown" in data and EXTENSION_NOTE.match(text_of(data["text/markdown"])):
                continue  # .NET Interactive's note that it loaded a package's kernel extension: no cell output of its own
            page = text_of(data.get("text/html"))
            if page and DNI_PLAIN.match(page):
                texts.append(html.unescape(DNI_PLAIN.match(page).group(1)))
            elif page:
                kinds.append("text/html")
                if "Installed Packages" in page and "<strong>Notes</strong>" in page:
                    notes += [html.unescape(n) for n in re.findall(r"<li><span>(.*?)</span></li>", page.split("<strong>Notes</strong>")[1])]
            elif "text/markdown" in data:
                kinds.append("text/markdown")
            elif "application/javascript" in data:
                kinds.append("application/javascript")
            elif any(k.startswith("image/") for k in data):
                kinds.append("image")
            elif "text/plain" in data:
                texts.append(text_of(data["text/plain"]))
    return error, kinds, texts, notes


def compare(ref, ours, exempt):
    r_err, r_kinds, r_texts, _ = classify(ref)
    o_err, o_kinds, o_texts, _ = classify(ours)
    if r_err != o_err:
        return "error" if o_err else "no error where the saved cell failed"
    missing = [k for k in set(r_kinds) if k not in o_kinds and not (k == "text/html" and "application/javascript" in o_kinds)]
    if missing:
        return "missing " + ", ".join(sorted(missing))
    if exempt:
        return None if (bool(r_texts) == bool(o_texts)) else "text missing"
    rt, ot = normalise_text("".join(r_texts)), normalise_text("".join(o_texts))
    if not r_err and rt != ot:
        return "different text"
    return None


def measured_cells(nb):
    for index, cell in enumerate(nb.get("cells", []), 1):
        if cell.get("cell_type") != "code" or not source(cell).strip():
            continue
        yield index, cell, cell_kernel(nb, cell)


def run_notebook(researchkit, path, out, timeout):
    cmd = shlex.split(researchkit) + ["notebook", "run", path, "--allow-errors", "-o", out, "--timeout", str(timeout)]
    started = time.time()
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=os.path.dirname(path), timeout=3600)
    return proc.returncode, time.time() - started, proc.stderr[-2000:]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder")
    ap.add_argument("--researchkit", default="dotnet " + os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src",
                                                                      "ResearchKit.Cli", "bin", "Release", "net10.0", "researchkit.dll"))
    ap.add_argument("--out", default=None)
    ap.add_argument("--exemptions", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "polyglot-exemptions.json"))
    ap.add_argument("--work", default=None, help="where executed notebooks are written (default: a temporary folder)")
    ap.add_argument("--timeout", type=int, default=300, help="seconds per cell")
    args = ap.parse_args()
    exemptions = json.load(open(args.exemptions)) if os.path.exists(args.exemptions) else {}
    work = args.work or tempfile.mkdtemp(prefix="polyglot-")
    rows, failures, notes, other, unreferenced = [], [], {}, 0, 0
    total = passed = 0
    for root, _, files in sorted(os.walk(args.folder)):
        for name in sorted(f for f in files if f.endswith(".ipynb")):
            path = os.path.join(root, name)
            rel = os.path.relpath(path, args.folder)
            nb = json.load(open(path, encoding="utf-8"))
            if not is_csharp_notebook(nb):
                continue
            cells = list(measured_cells(nb))
            if not any(c.get("outputs") for _, c, _ in cells):
                unreferenced += 1
                continue
            out = os.path.join(work, rel.replace(os.sep, "__"))
            rc, seconds, stderr = run_notebook(args.researchkit, os.path.abspath(path), out, args.timeout)
            ran = json.load(open(out, encoding="utf-8")) if os.path.exists(out) else {"cells": []}
            ours = {i: c for i, c in enumerate(ran.get("cells", []), 1)}
            nb_total = nb_pass = 0
            for index, cell, kernel in cells:
                if kernel not in SUPPORTED:
                    other += 1
                    continue
                if not cell.get("outputs") and cell.get("execution_count") is None:
                    continue  # never run in .NET Interactive: no reference
                mine = ours.get(index, {}).get("outputs", [])
                reason = exemptions.get(rel, {}).get(str(index))
                problem = compare(cell.get("outputs", []), mine, reason)
                for n in classify(mine)[3]:
                    notes.setdefault(n, set()).add(rel)
                nb_total += 1
                nb_pass += problem is None
                if problem:
                    failures.append((rel, index, problem, source(cell).strip().split("\n")[0][:70]))
            total += nb_total
            passed += nb_pass
            rows.append((rel, nb_total, nb_pass, seconds, rc))
            print(f"{rel}: {nb_pass}/{nb_total} cells as in .NET Interactive ({seconds:.0f} s, exit {rc})", file=sys.stderr)
    report = render(args, rows, failures, notes, exemptions, total, passed, other, unreferenced)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(report)
    print(report)


def render(args, rows, failures, notes, exemptions, total, passed, other, unreferenced):
    share = 100.0 * passed / total if total else 0.0
    lines = ["# Polyglot notebook compatibility", "",
             f"Measured {time.strftime('%Y-%m-%d')} with `benchmarks/polyglot_compat.py` (definition in its header) on "
             f"{os.uname().nodename if hasattr(os, 'uname') else 'this machine'}.", "",
             f"**{passed} of {total} code cells ({share:.1f}%) ran as they did in .NET Interactive**, in {len(rows)} notebooks "
             f"with saved outputs; {other} cells in other languages (F#, PowerShell, SQL, Mermaid, …) and "
             f"{unreferenced} notebooks without saved outputs were not measured.", "",
             "| notebook | cells measured | as in .NET Interactive | run time (s) |", "|---|---|---|---|"]
    lines += [f"| {r} | {t} | {p} | {s:.0f} |" for r, t, p, s, _ in rows]
    lines += ["", "## Cells that did not run as they did", "", "| notebook | cell | why | first line |", "|---|---|---|---|"]
    lines += [f"| {r} | {i} | {why} | `{first.replace('|', '/')}` |" for r, i, why, first in failures] or ["| (none) | | | |"]
    lines += ["", "## Package versions the package source lacks, mapped to served versions (the kernel's own notes)", ""]
    lines += [f"- {n} ({', '.join(sorted(where))})" for n, where in sorted(notes.items())] or ["- (none)"]
    lines += ["", "## Cells whose text cannot repeat (compared on errors and output kinds only)", ""]
    lines += [f"- {nb} cell {cell}: {why}" for nb, cells in sorted(exemptions.items()) for cell, why in sorted(cells.items(), key=lambda x: int(x[0]))] or ["- (none)"]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
