#!/usr/bin/env python3
"""Runs public Polyglot (.NET Interactive) C# notebooks through `researchkit notebook run` and measures the share of
code cells that run as they did in .NET Interactive, with each notebook's own saved outputs as the reference.

Usage: polyglot_compat.py NOTEBOOK_FOLDER [--researchkit "dotnet path/researchkit.dll"] [--out results.md]
       [--exemptions benchmarks/polyglot-exemptions.json] [--work DIR] [--lang en_US.UTF-8] [--reuse]
(--reuse compares the executed notebooks already in --work, with the run times recorded beside them, instead of running them again.)
The comparison rules below are checked by benchmarks/polyglot_compat_test.py (no kernel needed).

NOTEBOOK_FOLDER holds fetched repositories, each in a folder named after the repository (e.g. clones of
dotnet/csharp-notebooks and dotnet/interactive as csharp-notebooks/ and interactive/); every .ipynb under it whose
kernelspec is .NET Interactive's C# one and that has saved outputs is measured. Only the standard library is used.

Culture: the kernel runs under LANG=en_US.UTF-8 (--lang), the culture the notebooks were saved in (their outputs show
`$` amounts and `.` decimals); .NET Interactive ran under the user's culture, and so does this kernel.

A code cell "runs as it did" when, against its saved outputs:
  1. it fails (an error output) exactly when the saved cell failed;
  2. every rich output kind the saved cell had is among ours, by MIME type (text/html, text/markdown, image/*,
     application/javascript; "Installed Packages" HTML counts as HTML). .NET Interactive wrapped plain values in
     <div class="dni-plaintext"> HTML: such an output counts as text;
  3. its text (stdout/stderr and plain-text results, in order; CRLF as LF, trailing spaces dropped) equals ours, with
     two maskings and one rule for old notebooks:
     - `Wall time: N ms` (#!time) is masked;
     - a path into the author's clone of the repository is compared from the repository's folder down, as is a path
       into ours: `C:\\dev\\csharp-notebooks\\machine-learning\\data\\x.csv` and `/tmp/…/csharp-notebooks/machine-learning/
       data/x.csv` both read `csharp-notebooks/machine-learning/data/x.csv`;
     - old .NET Interactive releases kept one output per cell: the last thing the cell showed. A Console write was
       saved as an execute_result holding only the text of the last write (text/plain only, ending in a line break);
       for such a saved output our text must end with it. A notebook that has such an output anywhere was saved by
       such a release; in it, a saved cell with a single output is compared with our last output only (e.g. a cell
       that prints "x.csv found here" and then returns a DataFrame saved only the table);
     - numbers: in a notebook where the kernel installed another version of a package than the one pinned (the
       kernel's own note says so; e.g. Microsoft.ML 5.0.1 for the unserved 2.0 previews), numbers in the text may
       differ by at most 1% (relative) and everything between them must be equal; the results list every cell that
       passed only within this tolerance. Elsewhere a number that differs in any digit is a different text.
Cells in the exemptions file are listed in the results with their reasons, in one of two ways:
  - "text_cannot_repeat": the saved text cannot come out of one run of the cell as saved (the notebook asks the reader
    to run the cell several times, a random draw, a saved output made by an earlier version of the source); only 1 and
    2 count for them;
  - "excluded": the cell cannot show on this machine whether it runs as it did (it reads a file the stored snapshot of
    the repository lacks, or downloads one, and this machine has no network; a placeholder the reader is told to
    replace); it is not measured, and the results count it apart.
Notebooks are grouped by their packages: a notebook is "served" when every package its cells ask for is on the package
source at some version (the kernel's own report: its "Not on the package source" list stays empty); a pinned version
the source lacks is mapped by the kernel to the nearest served one, and the kernel's notes saying so are listed.
Measured: C#, HTML, JavaScript and Markdown code cells (the kinds this kernel runs or shows) of notebooks with saved
outputs, where the saved cell has outputs or an execution count. Other-language cells are counted apart. Whether a
JavaScript cell's script works in a browser is not checked here (only its outputs are compared).
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
EXTENSION_NOTE = re.compile(r"^Loading extensions? (?:script )?from `")
DNI_PLAIN = re.compile(r'^\s*<div class="dni-plaintext">(?:<pre>)?(.*?)(?:</pre>)?</div>\s*$', re.S)
WALL_TIME = re.compile(r"Wall time: [0-9.]+ ?ms")
NOT_SERVED = re.compile(r"<strong>Not on the package source</strong><ul>(.*?)</ul>", re.S)


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


class Paths:
    """Masks paths into the repositories: the author's Windows clone and ours both read from the repository's folder down."""

    def __init__(self, corpus):
        self.ours = os.path.abspath(corpus).rstrip(os.sep) + os.sep
        repos = sorted((d for d in os.listdir(corpus) if os.path.isdir(os.path.join(corpus, d))), key=len, reverse=True)
        self.theirs = re.compile(r"[A-Za-z]:\\(?:[^\\\s\"'<>|]+\\)*?(" + "|".join(map(re.escape, repos)) + r")\\([^\s\"'<>|]*)",
                                 re.I) if repos else None

    def mask(self, text):
        text = text.replace(self.ours, "")
        if self.theirs:
            text = self.theirs.sub(lambda m: m.group(1) + "/" + m.group(2).replace("\\", "/"), text)
        return text


def normalise_text(text, paths):
    text = WALL_TIME.sub("Wall time: …ms", paths.mask(text.replace("\r\n", "\n")))
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


def classify(outputs):
    """(error, rich MIME kinds, text pieces, last-write-only, unserved packages, package notes) of a cell's outputs."""
    error, kinds, texts, last_write, unserved, notes = False, [], [], [], [], []
    for o in outputs:
        t = o.get("output_type")
        if t == "error":
            error = True
        elif t == "stream":
            texts.append(text_of(o.get("text")))
            last_write.append(False)
        elif t in ("execute_result", "display_data", "unknown"):
            data = o.get("data", {})
            if EXTENSION_NOTE.match(text_of(data.get("text/markdown") or data.get("text/plain"))):
                continue  # .NET Interactive's note that it loaded a package's kernel extension: no cell output of its own
            page = text_of(data.get("text/html"))
            if page and DNI_PLAIN.match(page):
                texts.append(html.unescape(DNI_PLAIN.match(page).group(1)))
                last_write.append(False)
            elif page:
                kinds.append("text/html")
                if "Installed Packages" in page and "<strong>Notes</strong>" in page:
                    notes += [html.unescape(n) for n in re.findall(r"<li><span>(.*?)</span></li>", page.split("<strong>Notes</strong>")[1])]
                if NOT_SERVED.search(page):
                    unserved += [html.unescape(n) for n in re.findall(r"<li><span>(.*?)</span></li>", NOT_SERVED.search(page).group(1))]
            elif "text/markdown" in data:
                kinds.append("text/markdown")
            elif "application/javascript" in data:
                kinds.append("application/javascript")
            elif any(k.startswith("image/") for k in data):
                kinds.append("image")
            elif "text/plain" in data:
                text = text_of(data["text/plain"])
                texts.append(text)
                last_write.append(t == "execute_result" and set(data) == {"text/plain"} and text.endswith("\n"))
    return error, kinds, texts, bool(last_write) and all(last_write), unserved, notes


NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")
TOLERANCE = 0.01
MAPPED_NOTE = re.compile(r" is not on the package source; .* was installed\.$| was asked for; the kernel carries ")


def within_tolerance(saved, ours):
    """Whether the texts differ only in numbers, each within TOLERANCE (relative) of the saved one."""
    if NUMBER.sub("#", saved) != NUMBER.sub("#", ours):
        return False
    pairs = zip((float(n) for n in NUMBER.findall(saved)), (float(n) for n in NUMBER.findall(ours)))
    return all(abs(a - b) <= TOLERANCE * max(abs(a), abs(b)) for a, b in pairs)


def compare(ref, ours, rules, paths):
    """None when the cell ran as it did, "tolerance" when only within the numeric tolerance, else the difference."""
    if rules["old"] and len(ref) == 1 and len(ours) > 1:
        ours = ours[-1:]  # the old release kept only the cell's last output
    r_err, r_kinds, r_texts, r_last, _, _ = classify(ref)
    o_err, o_kinds, o_texts, _, _, _ = classify(ours)
    if r_err != o_err:
        return "error" if o_err else "no error where the saved cell failed"
    missing = [k for k in set(r_kinds) if k not in o_kinds and not (k == "text/html" and "application/javascript" in o_kinds)]
    if missing:
        return "missing " + ", ".join(sorted(missing))
    if rules["text_exempt"]:
        return None if (bool(r_texts) == bool(o_texts)) else "text missing"
    rt, ot = normalise_text("".join(r_texts), paths), normalise_text("".join(o_texts), paths)
    if r_err:
        return None
    if r_last:
        if ot.endswith(rt):
            return None
        ot = "\n".join(ot.split("\n")[-len(rt.split("\n")):])  # as many last lines as the saved text has
    elif rt == ot:
        return None
    if rules["mapped"] and within_tolerance(rt, ot):
        return "tolerance"
    return "different text"


def measured_cells(nb):
    for index, cell in enumerate(nb.get("cells", []), 1):
        if cell.get("cell_type") != "code" or not source(cell).strip():
            continue
        yield index, cell, cell_kernel(nb, cell)


def run_notebook(args, path, out):
    cmd = shlex.split(args.researchkit) + ["notebook", "run", path, "--allow-errors", "-o", out, "--timeout", str(args.timeout)]
    env = dict(os.environ, LANG=args.lang, LC_ALL=args.lang)
    started = time.time()
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=os.path.dirname(path), timeout=3600, env=env)
    return proc.returncode, time.time() - started


class Tally:
    """The measured cells of one group of notebooks."""

    def __init__(self):
        self.total = self.passed = self.excluded = 0

    def share(self):
        return 100.0 * self.passed / self.total if self.total else 0.0


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder")
    ap.add_argument("--researchkit", default="dotnet " + os.path.join(here, "..", "src", "ResearchKit.Cli", "bin", "Release", "net10.0", "researchkit.dll"))
    ap.add_argument("--out", default=None)
    ap.add_argument("--exemptions", default=os.path.join(here, "polyglot-exemptions.json"))
    ap.add_argument("--work", default=None, help="where executed notebooks are written (default: a temporary folder)")
    ap.add_argument("--timeout", type=int, default=300, help="seconds per cell")
    ap.add_argument("--lang", default="en_US.UTF-8", help="LANG/LC_ALL of the kernel: the culture the notebooks were saved in")
    ap.add_argument("--only", default=None, help="measure only notebooks whose path contains this text (for a quick look)")
    ap.add_argument("--reuse", action="store_true", help="compare the executed notebooks already in --work, without running them")
    args = ap.parse_args()
    exemptions = json.load(open(args.exemptions)) if os.path.exists(args.exemptions) else {}
    excluded, text_cannot_repeat = exemptions.get("excluded", {}), exemptions.get("text_cannot_repeat", {})
    paths = Paths(args.folder)
    work = args.work or tempfile.mkdtemp(prefix="polyglot-")
    rows, failures, tolerated, notes, other, unreferenced = [], [], [], {}, 0, 0
    groups = {"served": Tally(), "unserved": Tally()}
    for root, _, files in sorted(os.walk(args.folder)):
        for name in sorted(f for f in files if f.endswith(".ipynb")):
            path = os.path.join(root, name)
            rel = os.path.relpath(path, args.folder)
            if args.only and args.only not in rel:
                continue
            nb = json.load(open(path, encoding="utf-8"))
            if not is_csharp_notebook(nb):
                continue
            cells = list(measured_cells(nb))
            if not any(c.get("outputs") for _, c, _ in cells):
                unreferenced += 1
                continue
            out = os.path.join(work, rel.replace(os.sep, "__"))
            if args.reuse and os.path.exists(out):
                rc, seconds = 0, float(open(out + ".seconds").read()) if os.path.exists(out + ".seconds") else None
            else:
                rc, seconds = run_notebook(args, os.path.abspath(path), out)
                with open(out + ".seconds", "w") as f:
                    f.write(f"{seconds:.1f}\n")
            ran = json.load(open(out, encoding="utf-8")) if os.path.exists(out) else {"cells": []}
            ours = {i: c.get("outputs", []) for i, c in enumerate(ran.get("cells", []), 1)}
            unserved = sorted({p for outputs in ours.values() for p in classify(outputs)[4]})
            rules = {"old": any(classify(c.get("outputs", []))[3] for _, c, _ in cells),
                     "mapped": any(MAPPED_NOTE.search(n) for outputs in ours.values() for n in classify(outputs)[5])}
            tally = Tally()
            for index, cell, kernel in cells:
                if kernel not in SUPPORTED:
                    other += 1
                    continue
                if not cell.get("outputs") and cell.get("execution_count") is None:
                    continue  # never run in .NET Interactive: no reference
                mine = ours.get(index, [])
                for n in classify(mine)[5]:
                    notes.setdefault(n, set()).add(rel)
                if str(index) in excluded.get(rel, {}):
                    tally.excluded += 1
                    continue
                problem = compare(cell.get("outputs", []), mine, dict(rules, text_exempt=str(index) in text_cannot_repeat.get(rel, {})), paths)
                if problem == "tolerance":
                    tolerated.append((rel, index, source(cell).strip().split("\n")[0][:70]))
                    problem = None
                tally.total += 1
                tally.passed += problem is None
                if problem:
                    failures.append((rel, index, problem, source(cell).strip().split("\n")[0][:70]))
            group = groups["unserved" if unserved else "served"]
            group.total, group.passed, group.excluded = group.total + tally.total, group.passed + tally.passed, group.excluded + tally.excluded
            rows.append((rel, tally, seconds, rc, unserved))
            print(f"{rel}: {tally.passed}/{tally.total} cells as in .NET Interactive, {tally.excluded} excluded (exit {rc})", file=sys.stderr)
    report = render(rows, (failures, tolerated), notes, exemptions, groups, (other, unreferenced), args.lang)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(report)
    print(report)


def render(rows, cells, notes, exemptions, groups, unmeasured, lang):
    (failures, tolerated), (other, unreferenced) = cells, unmeasured
    served, unserved = groups["served"], groups["unserved"]
    total, passed = served.total + unserved.total, served.passed + unserved.passed
    served_raw = served.total + served.excluded
    lines = ["# Polyglot notebook compatibility", "",
             f"Measured {time.strftime('%Y-%m-%d')} with `benchmarks/polyglot_compat.py` (definition in its header) on "
             f"{os.uname().nodename if hasattr(os, 'uname') else 'this machine'}, kernel under LANG={lang}.", "",
             f"**{served.passed} of {served.total} code cells ({served.share():.1f}%) ran as they did in .NET Interactive** in the "
             f"{sum(1 for r in rows if not r[4])} notebooks whose packages are on the package source; {served.excluded} more cells "
             f"of those notebooks could not be measured here (listed below with the reason; counted as failures, "
             f"{served.passed} of {served_raw}: {100.0 * served.passed / served_raw if served_raw else 0:.1f}%).", "",
             f"All {len(rows)} notebooks with saved outputs: {passed} of {total} measured cells ({100.0 * passed / total if total else 0:.1f}%); "
             f"in the {sum(1 for r in rows if r[4])} notebooks that need a package the source lacks: {unserved.passed} of {unserved.total}. "
             f"{other} cells in other languages (F#, PowerShell, SQL, Mermaid, …) and {unreferenced} notebooks without saved outputs "
             f"were not measured.", "",
             "| notebook | cells measured | as in .NET Interactive | excluded | packages not on the source | run time (s) |",
             "|---|---|---|---|---|---|"]
    lines += [f"| {r} | {t.total} | {t.passed} | {t.excluded} | {', '.join(u) or '-'} | {'-' if s is None else f'{s:.0f}'} |" for r, t, s, _, u in rows]
    lines += ["", "## Cells that did not run as they did", "", "| notebook | cell | why | first line |", "|---|---|---|---|"]
    lines += [f"| {r} | {i} | {why} | `{first.replace('|', '/')}` |" for r, i, why, first in failures] or ["| (none) | | | |"]
    lines += ["", f"## Cells that ran as they did within the numeric tolerance ({TOLERANCE:.0%}, mapped package versions only)", ""]
    lines += [f"- {r} cell {i}: `{first.replace('|', '/')}`" for r, i, first in tolerated] or ["- (none)"]
    lines += ["", "## Package versions the package source lacks, mapped to served versions (the kernel's own notes)", ""]
    lines += [f"- {n} ({', '.join(sorted(where))})" for n, where in sorted(notes.items())] or ["- (none)"]
    for key, title in (("excluded", "Cells not measured: they cannot show here whether they run as they did"),
                       ("text_cannot_repeat", "Cells whose saved text cannot repeat (compared on errors and output kinds only)")):
        lines += ["", f"## {title}", ""]
        lines += [f"- {nb} cell {cell}: {why}" for nb, cells in sorted(exemptions.get(key, {}).items())
                  for cell, why in sorted(cells.items(), key=lambda x: int(x[0]))] or ["- (none)"]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
