#!/usr/bin/python3
# stakemap — stakeholder network mapping
# SPDX-License-Identifier: GPL-2.0-or-later
"""Print the load benchmark's table and target checks from the loaders' JSON lines.

    /usr/bin/python3 load_table.py RESULTS.jsonl

Exit status: 0 when every target that could be checked is met, 3 when one is
missed, 0 with "n/a" for a target whose tools did not run.
"""
import json
import sys

# The targets of the load benchmark (bench/README.md).
FASTER_THAN_PYTHON = 4.0      # stakemap at least 4x faster than python-igraph Read_Ncol
WITHIN_IGRAPH_C = 1.5         # stakemap at most 1.5x igraph C's edge-list reading
BYTES_PER_RELATIONSHIP = 100  # stakemap peak RSS per relationship


def cpu_ratio(a, b):
    """The same ratio by CPU time, when both have it: a check on wall-clock noise."""
    if a.get("cpu_s") and b.get("cpu_s"):
        return f" (by CPU time: {a['cpu_s'] / b['cpu_s']:.2f}x)"
    return ""


def main():
    rows = []
    with open(sys.argv[1]) as f:
        for line in f:
            line = line.strip()
            if line:
                rows.append(json.loads(line))
    # Several runs of a tool (run-load --repeat): keep the fastest, count them.
    runs, by_tool, order = {}, {}, []
    for r in rows:
        tool = r["tool"]
        if tool not in order:
            order.append(tool)
        runs[tool] = runs.get(tool, 0) + 1
        if r.get("failed"):
            continue
        if tool not in by_tool or r["seconds"] < by_tool[tool]["seconds"]:
            by_tool[tool] = r
    rows = [by_tool.get(t, {"tool": t, "failed": True}) for t in order]
    sm = by_tool.get("stakemap")

    head = ("tool", "runs", "seconds", "load s", "freeze s", "CPU s", "peak RSS MB", "bytes/rel",
            "time ×stakemap", "RSS ×stakemap", "actors", "relationships")
    table = [head]
    for r in rows:
        if r.get("failed"):
            table.append((r["tool"], str(runs[r["tool"]]), "failed") + ("",) * (len(head) - 3))
            continue
        rss = r["peak_rss_mb"] * 1024 * 1024
        per_rel = rss / r["relationships"] if r["relationships"] else float("nan")
        table.append((
            r["tool"],
            str(runs[r["tool"]]),
            f"{r['seconds']:.2f}",
            f"{r['load_s']:.2f}",
            f"{r['freeze_s']:.2f}",
            f"{r['cpu_s']:.2f}" if "cpu_s" in r else "",
            f"{r['peak_rss_mb']:.0f}",
            f"{per_rel:.0f}",
            f"{r['seconds'] / sm['seconds']:.2f}" if sm and sm["seconds"] > 0 else "",
            f"{r['peak_rss_mb'] / sm['peak_rss_mb']:.2f}" if sm else "",
            str(r["actors"]),
            str(r["relationships"]),
        ))
    widths = [max(len(row[i]) for row in table) for i in range(len(head))]
    for k, row in enumerate(table):
        cells = [row[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(row[1:], widths[1:])]
        print("  ".join(cells).rstrip())
        if k == 0:
            print("  ".join("-" * w for w in widths))

    print()
    missed = False

    def check(name, ok, detail):
        nonlocal missed
        verdict = "n/a " if ok is None else ("PASS" if ok else "FAIL")
        missed = missed or ok is False
        print(f"{verdict}  {name}: {detail}")

    py = by_tool.get("python-igraph")
    ic = by_tool.get("igraph-c")
    if sm and py:
        ratio = py["seconds"] / sm["seconds"]
        check(f">= {FASTER_THAN_PYTHON:g}x faster than python-igraph Read_Ncol",
              ratio >= FASTER_THAN_PYTHON, f"{ratio:.2f}x" + cpu_ratio(py, sm))
    else:
        check(f">= {FASTER_THAN_PYTHON:g}x faster than python-igraph Read_Ncol", None,
              "not measured")
    if sm and ic:
        ratio = sm["seconds"] / ic["seconds"]
        check(f"within {WITHIN_IGRAPH_C:g}x of igraph C read_graph_edgelist",
              ratio <= WITHIN_IGRAPH_C, f"{ratio:.2f}x igraph C's time" + cpu_ratio(sm, ic))
    else:
        check(f"within {WITHIN_IGRAPH_C:g}x of igraph C read_graph_edgelist", None,
              "not measured")
    if sm and sm["relationships"]:
        per_rel = sm["peak_rss_mb"] * 1024 * 1024 / sm["relationships"]
        check(f"<= {BYTES_PER_RELATIONSHIP} bytes peak RSS per relationship",
              per_rel <= BYTES_PER_RELATIONSHIP, f"{per_rel:.0f} bytes")
    else:
        check(f"<= {BYTES_PER_RELATIONSHIP} bytes peak RSS per relationship", None,
              "not measured")
    print()
    print("igraph-c reads integer pairs only (read_graph_edgelist reads no names and no "
          "weights);\nigraph-c-ncol and python-igraph read names and weights, as stakemap "
          "reads ids and qualities.")
    return 3 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
