#!/usr/bin/python3
# stakemap — stakeholder network mapping
# SPDX-License-Identifier: GPL-2.0-or-later
"""Print the PageRank benchmark's table and check its targets.

    /usr/bin/python3 table.py RESULTS.jsonl THREADS

Each measurement keeps its fastest run. "x stakemap" is the tool's seconds
over stakemap's (THREADS threads) on the same graph; "L1" the L1 distance of
its ranks to stakemap's. Targets (exit 3 when missed): python-igraph at least
2x slower than stakemap on the large graph; stakemap no slower than
graph-tool (default epsilon, same threads) on the small one.
"""
import json
import os
import sys

import numpy as np


def main():
    path, threads = sys.argv[1], int(sys.argv[2])
    best = {}
    for line in open(path, encoding="utf-8"):
        r = json.loads(line)
        key = (r["size"], r["tool"], r["threads"])
        if key not in best or r["seconds"] < best[key]["seconds"]:
            best[key] = r
    rows = sorted(best.values(), key=lambda r: (r["size"] != "large", r["tool"] != "stakemap",
                                                 -r["threads"], r["tool"]))
    ref = {size: best.get((size, "stakemap", threads)) for size in ("large", "small")}

    def ranks(r):
        # graph-tool writes the ranks of its tight run only.
        if r["tool"] == "graph-tool" or not os.path.exists(r["ranks"]):
            return None
        return np.fromfile(r["ranks"])

    head = ("graph", "tool", "threads", "seconds", "CPU s", "peak RSS MB", "x stakemap",
            "L1 to stakemap")
    print("| " + " | ".join(head) + " |")
    print("|" + "|".join("---" for _ in head) + "|")
    for r in rows:
        base = ref.get(r["size"])
        ratio = "%.2f" % (r["seconds"] / base["seconds"]) if base and base["seconds"] else "-"
        l1 = "-"
        if base and r is not base:
            a, b = ranks(r), ranks(base)
            if a is not None and b is not None and len(a) == len(b):
                l1 = "%.1e" % np.abs(a - b).sum()
        label = "%s actors / %s" % (f"{r['actors']:,}", f"{r['relationships']:,}")
        tool = r["tool"] + (" (eps %g)" % r["epsilon"] if "epsilon" in r else "")
        print(f"| {label} | {tool} | {r['threads']} | {r['seconds']:.3f} | {r['cpu_s']:.3f} | "
              f"{r['peak_rss_mb']:.0f} | {ratio} | {l1} |")
    print()
    if ref["large"]:
        print("stakemap, large graph: load %.1f s, freeze %.2f s (not in the times above)"
              % (ref["large"]["load_s"], ref["large"]["freeze_s"]))

    status = 0
    checks = []
    ig = best.get(("large", "python-igraph", 1))
    if ig and ref["large"]:
        ratio = ig["seconds"] / ref["large"]["seconds"]
        checks.append(("python-igraph / stakemap on the large graph", ratio, ">= 2", ratio >= 2))
    gt = best.get(("small", "graph-tool", threads))
    if gt and ref["small"]:
        ratio = gt["seconds"] / ref["small"]["seconds"]
        checks.append(("graph-tool / stakemap on the small graph", ratio, ">= 1", ratio >= 1))
    for what, ratio, want, ok in checks:
        print(f"target {what}: {ratio:.2f} (want {want}) {'met' if ok else 'MISSED'}")
        status = status if ok else 3
    return status


if __name__ == "__main__":
    sys.exit(main())
