#!/usr/bin/python3
# stakemap — stakeholder network mapping
# SPDX-License-Identifier: GPL-2.0-or-later
"""From NetworkX to stakemap and back, keeping every attribute.

Builds a small multigraph in NetworkX (actors with kinds and attributes; two
relationships between one pair, with dates), converts it to a stakemap Network,
analyses it there, writes the results back onto the NetworkX graph and checks
that nothing was lost on the way.

    /usr/bin/python3 examples/python/networkx_roundtrip.py
"""
import sys

import networkx as nx

import stakemap


def main():
    G = nx.MultiGraph()
    G.add_node("amb", label="Ambassador", kind="diplomat", gender="f")
    G.add_node("ngo", label="Women in Tech", kind="ngo", gender="f", members=120)
    G.add_node("min", label="Ministry of Trade", kind="government")
    G.add_node("jrn", label="Daily Nation", kind="media")
    G.add_node("dia", label="Diaspora NL", kind="diaspora", gender="m")
    G.add_edge("amb", "min", quality=0.9, kind="formal")
    G.add_edge("amb", "ngo", quality=0.4, kind="informal", since="2022-01-01")
    G.add_edge("amb", "ngo", quality=0.7, kind="funding", until="2024-12-31", amount=5e4)
    G.add_edge("ngo", "dia", quality=0.7, kind="informal")
    G.add_edge("min", "jrn", quality=0.3, kind="media")

    net = stakemap.from_networkx(G)
    print(net)
    table = net.centrality(measures=["strength", "betweenness", "pagerank"])
    print(table)

    H = net.to_networkx()
    for row in table:
        H.nodes[row["id"]]["pagerank"] = row["pagerank"]

    # Every node attribute and every edge (with its attributes) came back.
    for v, data in G.nodes(data=True):
        back = {k: x for k, x in H.nodes[v].items() if k != "pagerank"}
        assert back == {k: (float(x) if isinstance(x, int) else x) for k, x in data.items()}, v
    key = lambda u, v, d: (min(u, v), max(u, v), tuple(sorted(d.items())))
    assert sorted(key(*e) for e in G.edges(data=True)) == \
        sorted(key(*e) for e in H.edges(data=True))
    print(f"round trip kept {H.number_of_nodes()} nodes, {H.number_of_edges()} edges "
          "and every attribute")
    best = max(H.nodes, key=lambda v: H.nodes[v]["pagerank"])
    print(f"highest PageRank: {best} ({H.nodes[best]['label']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
