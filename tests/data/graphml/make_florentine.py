#!/usr/bin/python3
# Regenerates florentine_networkx.graphml: Padgett's Florentine families
# (networkx's florentine_families_graph, 15 families, 20 marriage ties) with
# a weight in (0, 1] on each tie, each family's wealth (Padgett's figures,
# thousands of lira, int), whether it sat in the Priorate in 1282-1344 more
# than 50 times (bool, an illustrative flag) and a tie kind.
# Run: /usr/bin/python3 tests/data/graphml/make_florentine.py
import os
import networkx as nx

WEALTH = {"Acciaiuoli": 10, "Albizzi": 36, "Barbadori": 55, "Bischeri": 44,
          "Castellani": 20, "Ginori": 32, "Guadagni": 8, "Lamberteschi": 42,
          "Medici": 103, "Pazzi": 48, "Peruzzi": 49, "Ridolfi": 27,
          "Salviati": 10, "Strozzi": 146, "Tornabuoni": 48}

G = nx.florentine_families_graph()
for n in G.nodes:
    G.nodes[n]["wealth"] = WEALTH[n]
    G.nodes[n]["elite"] = WEALTH[n] >= 40
for i, (u, v) in enumerate(sorted(G.edges)):
    G.edges[u, v]["weight"] = round(0.1 + (i % 10) / 10, 1)
    G.edges[u, v]["tie"] = "marriage"
nx.write_graphml(G, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                 "florentine_networkx.graphml"))
