"""Renders the expansion reports of benchmarks/run-expansion.sh (researchkit tune expansion --report) as Markdown."""
import json
import os
import platform
import sys


def figure(m):
    return f"{m['mean']:.3f} [{m['low']:.3f}, {m['high']:.3f}]"


def signed(x):
    return f"{(round(x, 3) or 0.0):+.3f}"  # "or 0.0" turns -0.0 into +0.000


def gain(g):
    return f"{signed(g['meanDifference'])} [{signed(g['low'])}, {signed(g['high'])}]"


def table(title, comparisons, k):
    print(f"\n{title}\n")
    print(f"| queries | n | hit@{k} plain | hit@{k} expanded | recall@{k} plain | recall@{k} expanded | nDCG@{k} plain | nDCG@{k} expanded | nDCG@{k} gain |")
    print("|---|---:|---|---|---|---|---|---|---|")
    for c in comparisons:
        print(f"| {c['set']} | {c['queries']} | {figure(c['plain']['hit'])} | {figure(c['expanded']['hit'])} | "
              f"{figure(c['plain']['recall'])} | {figure(c['expanded']['recall'])} | {figure(c['plain']['ndcg'])} | "
              f"{figure(c['expanded']['ndcg'])} | {gain(c['ndcgGain'])} |")


reports = [json.load(open(path)) for path in sys.argv[1:]]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
print("# Query expansion on the emoji test collection\n")
print(f"Script: benchmarks/run-expansion.sh (researchkit tune expansion --report-on). Machine: {cpu}, {os.cpu_count()} cores.")
print("Queries are generated from the training split's labels and tags; dev/test by a hash of the query text; settings")
print("tuned on the dev half over the training images; 95% bootstrap intervals (gains: paired bootstrap, expanded minus plain).")
for r in reports:
    k = r["k"]
    s = r["settings"]
    print(f"\n## {r['space']}\n")
    print(f"Generated: {r['generated']}. Gate: {s['gate']['note']}")
    print(f"Settings: fusion {s['fusion']}, templates {s['templates'] or ['{}']}, query weight {s['queryWeight']}, "
          f"spelling {'on' if s['spellCorrect'] else 'off'}, hyponym/hypernym weight {s['hyponymWeight']}/{s['hypernymWeight']}, "
          f"entries per term {s['entriesPerTerm']}, most terms {s['maxTerms']}.")
    other = r.get("reportOn")
    if other:
        table(f"Held-out Twemoji ({other['dataset']}), all generated queries (never tuned on these images):", other["all"], k)
        table("Held-out Twemoji, test queries only (neither these queries nor these images were tuned on):", other["test"], k)
    table("Training images, test queries:", r["test"], k)
    if r.get("spelling"):
        table("Spell correction alone, misspelled test queries (training images):", [r["spelling"]], k)
