#!/usr/bin/python3
# stakemap — stakeholder network mapping
# SPDX-License-Identifier: GPL-2.0-or-later
"""Time one shortest-path centrality in NetworkX or graph-tool on a CSV pair.

    peers.py TOOL OP DIR [--sources K] [--threads T]

TOOL: networkx | graph-tool.  OP: betweenness | closeness | harmonic |
betweenness-unweighted.  DIR holds relationships.csv (source,target,quality,…)
as bench/gen_edges writes it; the graph is undirected, multi-relationships
combined by the highest quality (as stakemap's default), distance = 1/q.

--sources K: search from K sources only (the first K actors in file order)
and extrapolate the time to every actor (time × n / K) — for NetworkX, whose
exact runs on 20,000 actors would take hours. --threads T: graph-tool's
OpenMP threads (default 2).

Prints one line of JSON: tool, op, seconds (measured), extrapolated_s (all
sources), sources, load_s, peak_rss_mb (this process: the graph plus the
computation; base_rss_mb is the peak after loading alone).
"""
import argparse
import csv
import json
import os
import resource
import sys
import time


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def read_pairs(path):
    """{(a, b): max quality} over the relationships (undirected: a < b), actors in order."""
    best = {}
    actors = {}
    with open(os.path.join(path, "relationships.csv"), newline="", encoding="utf-8") as f:
        rows = csv.reader(f)
        next(rows)
        for row in rows:
            a, b, q = row[0], row[1], float(row[2])
            for x in (a, b):
                if x not in actors:
                    actors[x] = len(actors)
            key = (a, b) if a < b else (b, a)
            if best.get(key, 0.0) < q:
                best[key] = q
    # actors without relationships count as sources too
    with open(os.path.join(path, "actors.csv"), newline="", encoding="utf-8") as f:
        rows = csv.reader(f)
        next(rows)
        for row in rows:
            if row[0] not in actors:
                actors[row[0]] = len(actors)
    return actors, best


def run_networkx(op, actors, pairs, k):
    import networkx as nx

    g = nx.Graph()
    g.add_nodes_from(actors)
    for (a, b), q in pairs.items():
        g.add_edge(a, b, distance=1.0 / q)
    nodes = list(g.nodes)
    sources = nodes[:k] if k else nodes
    base = peak_mb()
    t0 = time.perf_counter()
    if op in ("betweenness", "betweenness-unweighted"):
        weight = "distance" if op == "betweenness" else None
        if k:
            # the sum over the chosen sources, as betweenness_centrality(k=…) does
            from networkx.algorithms.centrality.betweenness import (
                _accumulate_basic, _single_source_dijkstra_path_basic,
                _single_source_shortest_path_basic)
            bc = dict.fromkeys(g, 0.0)
            for s in sources:
                if weight is None:
                    S, P, sigma, _ = _single_source_shortest_path_basic(g, s)
                else:
                    S, P, sigma, _ = _single_source_dijkstra_path_basic(g, s, weight)
                bc, _ = _accumulate_basic(bc, S, P, sigma, s)
        else:
            nx.betweenness_centrality(g, weight=weight, normalized=False)
    elif op == "closeness":
        for s in sources:
            nx.closeness_centrality(g, u=s, distance="distance")
    elif op == "harmonic":
        nx.harmonic_centrality(g, sources=sources, distance="distance")
    else:
        raise SystemExit("unknown op " + op)
    return time.perf_counter() - t0, len(sources), base


def run_graph_tool(op, actors, pairs, k, threads):
    import graph_tool.all as gt

    gt.openmp_set_num_threads(threads)
    g = gt.Graph(directed=False)
    g.add_vertex(len(actors))
    dist = g.new_edge_property("double")
    edges = [(actors[a], actors[b], 1.0 / q) for (a, b), q in pairs.items()]
    g.add_edge_list(edges, eprops=[dist])
    base = peak_mb()
    t0 = time.perf_counter()
    if op == "betweenness":
        gt.betweenness(g, weight=dist, norm=False)
    elif op == "betweenness-unweighted":
        gt.betweenness(g, norm=False)
    elif op == "closeness":
        gt.closeness(g, weight=dist, norm=False)
    elif op == "harmonic":
        gt.closeness(g, weight=dist, harmonic=True, norm=False)
    else:
        raise SystemExit("unknown op " + op)
    return time.perf_counter() - t0, len(actors), base


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("tool", choices=["networkx", "graph-tool"])
    ap.add_argument("op")
    ap.add_argument("dir")
    ap.add_argument("--sources", type=int, default=0)
    ap.add_argument("--threads", type=int, default=2)
    a = ap.parse_args()
    t0 = time.perf_counter()
    actors, pairs = read_pairs(a.dir)
    load = time.perf_counter() - t0
    if a.tool == "networkx":
        secs, nsrc, base = run_networkx(a.op, actors, pairs, a.sources)
    else:
        secs, nsrc, base = run_graph_tool(a.op, actors, pairs, a.sources, a.threads)
    n = len(actors)
    print(json.dumps({
        "tool": a.tool, "op": a.op, "threads": a.threads if a.tool == "graph-tool" else 1,
        "seconds": round(secs, 3), "sources": nsrc,
        "extrapolated_s": round(secs * n / nsrc, 1) if nsrc else 0.0,
        "load_s": round(load, 3), "base_rss_mb": round(base, 1),
        "peak_rss_mb": round(peak_mb(), 1), "actors": n, "pairs": len(pairs)}))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
