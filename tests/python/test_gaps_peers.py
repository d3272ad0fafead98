# stakemap — stakeholder network mapping
# SPDX-License-Identifier: GPL-2.0-or-later
"""Cross-checks of `stakemap gaps` (sm_gaps) against independent computations.

Reach quality (the best product of qualities from the focal set) is compared
with NetworkX's multi_source_dijkstra on -ln q when there is no hop limit,
and with a direct k-round relaxation written here when there is one, to
1e-12, on seeded random graphs of several sizes, directed and undirected,
with first-hop and avoid selections and a minimum quality. Standing (the
unusual suspects) is compared with networkx.pagerank run on each group's
induced subgraph; coverage with counts made here.
"""
import json
import math
import os
import random

import networkx as nx
import pytest

from conftest import run_stakemap

ATOL = 1e-12


def make_graph(n, p, directed, seed):
    rng = random.Random(seed)
    G = nx.gnp_random_graph(n, p, seed=seed, directed=directed)
    H = G.__class__()
    kinds = ["ngo", "media", "youth", "diplomat"]
    for v in G.nodes:
        H.add_node(f"a{v}", kind=kinds[v % 4] if v >= 3 else "diplomat",
                   region="periphery" if rng.random() < 0.4 else "capital")
    for u, v in G.edges:
        H.add_edge(f"a{u}", f"a{v}", q=round(rng.uniform(0.05, 1.0), 6))
    return H


def write_pair(folder, G):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "actors.csv"), "w", encoding="utf-8") as f:
        f.write("id,label,kind,region\n")
        for v, d in G.nodes(data=True):
            f.write(f"{v},,{d['kind']},{d['region']}\n")
    with open(os.path.join(folder, "relationships.csv"), "w", encoding="utf-8") as f:
        f.write("source,target,quality\n")
        for u, v, d in G.edges(data=True):
            f.write(f"{u},{v},{d['q']!r}\n")
    return folder


def arcs(G):
    for u, v, d in G.edges(data=True):
        yield u, v, d["q"]
        if not G.is_directed():
            yield v, u, d["q"]


def allowed(u, v, focal, first, avoid):
    """The rules of docs/gaps.md for using the relationship u -> v."""
    if v in focal:
        return False
    if u in avoid and u not in focal:
        return False
    if first is not None and u in focal and v not in first:
        return False
    return True


def reach_dijkstra(G, focal, first, avoid, min_quality):
    H = nx.DiGraph()
    H.add_nodes_from(G.nodes)
    for u, v, q in arcs(G):
        if allowed(u, v, focal, first, avoid):
            H.add_edge(u, v, nl=-math.log(q))
    cutoff = -math.log(min_quality) if min_quality > 0 else None
    dist = nx.multi_source_dijkstra_path_length(H, set(focal), cutoff=cutoff, weight="nl")
    return {v: math.exp(-d) for v, d in dist.items()}


def reach_rounds(G, focal, first, avoid, min_quality, k):
    q = {v: (1.0 if v in focal else 0.0) for v in G.nodes}
    for _ in range(k):
        nq = dict(q)
        for u, v, w in arcs(G):
            if q[u] > 0 and allowed(u, v, focal, first, avoid):
                c = q[u] * w
                if c >= min_quality and c > nq[v]:
                    nq[v] = c
        q = nq
    return {v: x for v, x in q.items() if x > 0}


def run_gaps(folder, *args):
    r = run_stakemap("gaps", folder, "--format", "json", "--quiet", *args)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


CASES = [
    # n, p, directed, hops, first_hop, avoid, min_quality
    (30, 0.12, False, 0, False, False, 0.0),
    (30, 0.12, True, 0, False, False, 0.0),
    (60, 0.06, False, 2, False, False, 0.0),
    (60, 0.08, True, 3, False, False, 0.0),
    (80, 0.05, False, 0, True, True, 0.0),
    (80, 0.06, True, 0, True, True, 0.05),
    (120, 0.04, False, 2, True, True, 0.0),
    (120, 0.04, True, 4, True, True, 0.02),
    (200, 0.02, False, 3, False, True, 0.01),
    (200, 0.03, True, 1, True, False, 0.0),
]


@pytest.mark.parametrize("case", range(len(CASES)))
def test_reach_quality(tmp_path, case):
    n, p, directed, hops, use_first, use_avoid, minq = CASES[case]
    G = make_graph(n, p, directed, seed=100 + case)
    folder = write_pair(tmp_path / "net", G)
    args = ["--focal", "id in (a0, a1, a2)", "--hops", hops, "--recommend", 0,
            "--target-by", "kind,region", "--standing-by", "kind"]
    if directed:
        args.append("--directed")
    focal = {"a0", "a1", "a2"}
    first = avoid = None
    if use_first:
        args += ["--first-hop", "region = capital"]
        first = {v for v, d in G.nodes(data=True) if d["region"] == "capital"}
    if use_avoid:
        args += ["--avoid", "kind = media"]
        avoid = {v for v, d in G.nodes(data=True) if d["kind"] == "media"}
    if minq:
        args += ["--min-quality", minq]
    out = run_gaps(folder, *args)
    got = {row["id"]: row for row in out["actors"]}
    if hops == 0:
        want = reach_dijkstra(G, focal, first, avoid or set(), minq)
    else:
        want = reach_rounds(G, focal, first, avoid or set(), minq, hops)
    assert len(want) > len(focal) + 3  # something beyond the focal set is reached
    for v in G.nodes:
        w = want.get(v, 0.0)
        assert got[v]["quality"] == pytest.approx(w, abs=ATOL, rel=ATOL), v
        assert got[v]["reached"] == (w > 0)
        if w == 0:
            assert got[v]["hops"] == -1 and got[v]["via"] == ""
        elif hops:
            assert 0 <= got[v]["hops"] <= hops
    assert out["summary"]["reached"] == len(want)

    # Coverage, counted here from the reach: shares sum to 1 per attribute.
    for attr in ("kind", "region"):
        rows = [r for r in out["coverage"] if r["attribute"] == attr]
        assert sum(r["share_of_network"] for r in rows) == pytest.approx(1, abs=1e-12)
        assert sum(r["share_of_reached"] for r in rows) == pytest.approx(1, abs=1e-12)
        for r in rows:
            members = [v for v, d in G.nodes(data=True) if d[attr] == r["group"]]
            assert r["size"] == len(members)
            assert r["reached"] == sum(1 for v in members if v in want)
            assert r["mean_quality"] == pytest.approx(
                sum(want.get(v, 0.0) for v in members) / len(members), abs=1e-12)


@pytest.mark.parametrize("directed", [False, True])
def test_standing_is_pagerank_within_group(tmp_path, directed):
    G = make_graph(90, 0.08, directed, seed=7 if directed else 8)
    folder = write_pair(tmp_path / "net", G)
    args = ["--focal", "id = a0", "--recommend", 0, "--standing-by", "kind",
            "--suspects", 0]
    if directed:
        args.append("--directed")
    out = run_gaps(folder, *args)
    got = {row["id"]: row for row in out["suspects"]}
    assert len(got) == G.number_of_nodes() - 1
    for kind in {d["kind"] for _, d in G.nodes(data=True)}:
        members = [v for v, d in G.nodes(data=True) if d["kind"] == kind]
        pr = nx.pagerank(G.subgraph(members), alpha=0.85, weight="q", tol=1e-15,
                         max_iter=100000)
        top = max(pr.values())
        for v in members:
            if v in got:
                assert got[v]["standing"] == pytest.approx(pr[v] / top, abs=1e-9), v
                assert got[v]["group"] == kind
                assert got[v]["score"] == pytest.approx(
                    got[v]["standing"] * (1 - got[v]["quality"]), abs=1e-15)
    scores = [r["score"] for r in out["suspects"]]
    assert scores == sorted(scores, reverse=True)
