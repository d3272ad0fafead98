# stakemap — stakeholder network mapping
# SPDX-License-Identifier: GPL-2.0-or-later
"""Shared helpers of the peer cross-checks (tests/python).

The tests write a NetworkX graph as a CSV pair, run the built `stakemap`
command on it, parse its CSV output and compare with NetworkX and
python-igraph on the same graph. ctest passes STAKEMAP_BIN (the built
command) and STAKEMAP_SOURCE (the source tree). By hand:

    STAKEMAP_BIN=build/cli/stakemap /usr/bin/python3 -m pytest tests/python

Helpers (import them with `from conftest import ...`):
  peer_graph(G, weight=None)   copy of G (string node ids) whose edges carry
                               'q' = quality in (0, 1] as an exact Fraction (G's
                               weight scaled by its maximum, or 1) and, from it,
                               'weight' = float(q), 'dist' = 1/q (Fraction),
                               'fdist' = float(1/q), 'logdist' = 1 - ln q
  write_csv_pair(folder, G)    actors.csv (every node, isolated ones too) and
                               relationships.csv (one row an edge, multigraph
                               edges each) with quality = 'weight'
  run_stakemap(*args)          CompletedProcess of the command
  read_table(text)             CSV text -> {id: {column: float or str}}
  stakemap_table(*args)        run the command with --format csv, check it
                               succeeded, parse the table
  combine_multigraph(M, rule)  simple graph of a multigraph, weight combined
                               by 'max', 'sum' or 'mean'
"""
import csv
import io
import math
import os
import subprocess
from fractions import Fraction

import networkx as nx
import pytest


def _binary():
    path = os.environ.get("STAKEMAP_BIN")
    if not path:
        pytest.fail("STAKEMAP_BIN is not set: point it at the built stakemap command")
    if not os.access(path, os.X_OK):
        pytest.fail(f"STAKEMAP_BIN={path} is not an executable")
    return path


def set_distances(G):
    """From each edge's exact quality 'q' (in place): 'weight' = float(q),
    'dist' = 1/q as a Fraction, 'fdist' = float(1/q), 'logdist' = 1 - ln q.

    Exact distances matter: NetworkX compares path lengths with ==, so in
    floating point it misses ties such as 7/2 + 7/2 = 7/1 (where stakemap and
    igraph compare within a relative epsilon); with Fractions NetworkX finds
    every tie and gives the exact betweenness."""
    for *_, d in G.edges(data=True):
        q = Fraction(d["q"])
        d["q"] = q
        d["weight"] = float(q)
        d["dist"] = 1 / q
        d["fdist"] = float(1 / q)
        d["logdist"] = 1.0 - math.log(float(q))
    return G


def peer_graph(G, weight=None):
    """A copy of G whose nodes are strings and whose edges carry 'weight' = q in (0, 1]:
    G's `weight` attribute divided by its maximum (1 when `weight` is None)."""
    H = G.__class__()
    H.add_nodes_from(str(v) for v in G.nodes)
    top = max((d[weight] for *_, d in G.edges(data=True)), default=1) if weight else 1
    for u, v, d in G.edges(data=True):
        H.add_edge(str(u), str(v), q=Fraction(d[weight]) / Fraction(top) if weight else 1)
    return set_distances(H)


def combine_multigraph(M, rule="max"):
    """The simple graph of a (Multi)(Di)Graph with 'q' combined by max, sum or mean."""
    H = nx.DiGraph() if M.is_directed() else nx.Graph()
    H.add_nodes_from(M.nodes)
    groups = {}
    for u, v, d in M.edges(data=True):
        key = (u, v) if M.is_directed() else tuple(sorted((u, v)))
        groups.setdefault(key, []).append(d["q"])
    for (u, v), qs in groups.items():
        q = max(qs) if rule == "max" else sum(qs) if rule == "sum" else sum(qs) / len(qs)
        H.add_edge(u, v, q=q)
    return set_distances(H)


def write_csv_pair(folder, G, quality="q"):
    """Write G as actors.csv + relationships.csv in `folder` (created); returns folder."""
    folder = os.fspath(folder)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "actors.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "label", "kind"])
        for v in G.nodes:
            w.writerow([str(v), "", "other"])
    with open(os.path.join(folder, "relationships.csv"), "w", newline="",
              encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["source", "target", "quality"])
        for u, v, d in G.edges(data=True):
            w.writerow([str(u), str(v), repr(float(d.get(quality, 1.0)))])
    return folder


def run_stakemap(*args):
    return subprocess.run([_binary(), *map(str, args)], capture_output=True, text=True,
                          timeout=120, stdin=subprocess.DEVNULL)


def read_table(text):
    """A CSV table with an `id` column -> {id: {column: value}}, numbers as floats
    (an empty cell is NaN)."""
    rows = list(csv.DictReader(io.StringIO(text)))
    out = {}
    for row in rows:
        vals = {}
        for k, v in row.items():
            if k == "id":
                continue
            try:
                vals[k] = float(v) if v != "" else math.nan
            except ValueError:
                vals[k] = v
        out[row["id"]] = vals
    return out


def stakemap_table(*args):
    r = run_stakemap(*args, "--format", "csv")
    assert r.returncode == 0, (args, r.stderr)
    return read_table(r.stdout)


@pytest.fixture(scope="session")
def stakemap_bin():
    return _binary()
