# stakemap — stakeholder network mapping
# SPDX-License-Identifier: GPL-2.0-or-later
"""Peer layouts for bench/report/run on the same CSV pair: python-igraph's
Fruchterman–Reingold (the same igraph C code, grid above 1,000 vertices,
500 iterations, qualities as weights) and, for small maps, NetworkX 2.8's
spring_layout (Fruchterman–Reingold, 50 iterations, dense above 500 nodes
it is O(n²) a step). Prints one line per tool: name seconds.

    peers.py FOLDER [--networkx]
"""
import csv
import os
import sys
import time


def load(folder):
    with open(os.path.join(folder, "actors.csv"), encoding="utf-8") as f:
        ids = [row["id"] for row in csv.DictReader(f)]
    index = {v: i for i, v in enumerate(ids)}
    edges, weights = [], []
    with open(os.path.join(folder, "relationships.csv"), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            edges.append((index[row["source"]], index[row["target"]]))
            weights.append(float(row["quality"]))
    return ids, edges, weights


def main():
    folder = sys.argv[1]
    ids, edges, weights = load(folder)
    import igraph as ig

    g = ig.Graph(n=len(ids), edges=edges)
    t = time.perf_counter()
    g.layout_fruchterman_reingold(weights=weights, niter=500, grid="auto")
    print(f"python-igraph-fr {time.perf_counter() - t:.3f}")
    if "--networkx" in sys.argv:
        import networkx as nx

        h = nx.Graph()
        h.add_nodes_from(range(len(ids)))
        h.add_weighted_edges_from((u, v, w) for (u, v), w in zip(edges, weights))
        t = time.perf_counter()
        nx.spring_layout(h, weight="weight", iterations=50, seed=1)
        print(f"networkx-spring {time.perf_counter() - t:.3f}")


if __name__ == "__main__":
    main()
