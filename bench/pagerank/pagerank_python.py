#!/usr/bin/python3
# stakemap — stakeholder network mapping
# SPDX-License-Identifier: GPL-2.0-or-later
"""Time a peer's PageRank on the benchmark edges.

    /usr/bin/python3 pagerank_python.py TOOL DIR THREADS [RANKS.bin]

TOOL is one of
  python-igraph   Graph.Read_Ncol(DIR/edges.ncol, weights, undirected), then
                  Graph.pagerank(weights="weight") (PRPACK, damping 0.85)
  graph-tool      edges from DIR/edges.txt and qualities from DIR/edges.ncol,
                  then graph_tool.centrality.pagerank(weight=...) with
                  THREADS OpenMP threads, at its default epsilon (1e-6) and,
                  as "graph-tool-tight", at epsilon 1e-13
  networkx        nx.pagerank (SciPy) or its pure-Python iteration, tol 1e-12

Parallel edges (multi-relationships) stay in every peer's graph, and each
adds its weight: stakemap runs with --combine sum to see the same graph.
Only the PageRank call is timed (seconds: wall clock; cpu_s: process CPU);
peak_rss_mb is ru_maxrss of this process (loading included). With
RANKS.bin, the ranks are written as doubles in actor order (actor_<i> -> i).
Prints one line of JSON per measurement.
"""
import json
import os
import resource
import sys
import time

import numpy as np


def actor_index(names):
    return np.fromiter((int(s[6:]) for s in names), dtype=np.int64, count=len(names))


def actor_count(data):
    """Actors in DIR/actors.csv (some may have no relationship, so be absent from
    the edge lists, yet still take part in PageRank)."""
    with open(os.path.join(data, "actors.csv"), "rb") as f:
        return sum(1 for _ in f) - 1


def read_ncol(path):
    """Sources, targets (as actor indices) and qualities of edges.ncol."""
    s, t, q = [], [], []
    with open(path, encoding="ascii") as f:
        for line in f:
            a, b, w = line.split()
            s.append(int(a[6:]))
            t.append(int(b[6:]))
            q.append(float(w))
    return np.array(s, dtype=np.int64), np.array(t, dtype=np.int64), np.array(q)


def peak_mb():
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0, 1)


def emit(tool, threads, t0, t1, c0, c1, n, m, extra=None):
    d = {"tool": tool, "threads": threads, "seconds": round(t1 - t0, 3),
         "cpu_s": round(c1 - c0, 3), "peak_rss_mb": peak_mb(), "actors": n,
         "relationships": m}
    d.update(extra or {})
    print(json.dumps(d, separators=(",", ":")), flush=True)


def write_ranks(path, ranks):
    if path:
        np.asarray(ranks, dtype=np.float64).tofile(path)


def run_igraph(data, threads, out):
    import igraph
    g = igraph.Graph.Read_Ncol(os.path.join(data, "edges.ncol"), names=True, weights=True,
                               directed=False)
    n = actor_count(data)
    if g.vcount() < n:  # actors without relationships: add them, as stakemap has them
        present = set(actor_index(g.vs["name"]).tolist())
        g.add_vertices(["actor_%06d" % i for i in range(n) if i not in present])
    c0, t0 = time.process_time(), time.perf_counter()
    pr = g.pagerank(weights="weight", damping=0.85)
    t1, c1 = time.perf_counter(), time.process_time()
    emit("python-igraph", 1, t0, t1, c0, c1, g.vcount(), g.ecount())
    if out:
        ranks = np.zeros(g.vcount())
        ranks[actor_index(g.vs["name"])] = pr
        write_ranks(out, ranks)


def run_graph_tool(data, threads, out):
    import graph_tool.all as gt
    gt.openmp_set_num_threads(threads)
    s, t, q = read_ncol(os.path.join(data, "edges.ncol"))
    n = actor_count(data)
    g = gt.Graph(directed=False)
    g.add_vertex(n)
    w = g.new_edge_property("double")
    g.add_edge_list(np.column_stack((s, t, q)), eprops=[w])
    for tool, eps in (("graph-tool", 1e-6), ("graph-tool-tight", 1e-13)):
        c0, t0 = time.process_time(), time.perf_counter()
        pr = gt.pagerank(g, damping=0.85, weight=w, epsilon=eps)
        t1, c1 = time.perf_counter(), time.process_time()
        emit(tool, threads, t0, t1, c0, c1, g.num_vertices(), g.num_edges(),
             {"epsilon": eps})
        if out and tool == "graph-tool-tight":
            write_ranks(out, pr.a)


def run_networkx(data, threads, out):
    import networkx as nx
    s, t, q = read_ncol(os.path.join(data, "edges.ncol"))
    n = actor_count(data)
    G = nx.Graph()
    G.add_nodes_from(range(n))
    for a, b, w in zip(s.tolist(), t.tolist(), q.tolist()):
        if G.has_edge(a, b):
            G[a][b]["weight"] += w  # parallel edges add up, as in the other peers
        else:
            G.add_edge(a, b, weight=w)
    c0, t0 = time.process_time(), time.perf_counter()
    try:
        pr = nx.pagerank(G, alpha=0.85, weight="weight", tol=1e-12, max_iter=1000)
    except ImportError:
        from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python
        pr = _pagerank_python(G, alpha=0.85, weight="weight", tol=1e-12, max_iter=1000)
    t1, c1 = time.perf_counter(), time.process_time()
    emit("networkx", 1, t0, t1, c0, c1, G.number_of_nodes(), len(s))
    if out:
        write_ranks(out, [pr[i] for i in range(n)])


def main():
    if len(sys.argv) not in (4, 5):
        sys.exit("usage: pagerank_python.py python-igraph|graph-tool|networkx DIR THREADS "
                 "[RANKS.bin]")
    tool, data, threads = sys.argv[1], sys.argv[2], int(sys.argv[3])
    out = sys.argv[4] if len(sys.argv) == 5 else None
    {"python-igraph": run_igraph, "graph-tool": run_graph_tool,
     "networkx": run_networkx}[tool](data, threads, out)


if __name__ == "__main__":
    main()
