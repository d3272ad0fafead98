# stakemap — stakeholder network mapping
# SPDX-License-Identifier: GPL-2.0-or-later
"""`stakemap brokers` checked against peers.

Graphs NetworkX ships (karate club with its 'club' attribute, Les Misérables
with its weights scaled into (0, 1], the Florentine families with isolated
actors added) and generated ones (a random directed graph with a 3-valued
attribute, a multigraph) are written as CSV pairs; the command's figures are
compared with:

- constraint, effective size: networkx.constraint / networkx.effective_size,
  weight='weight' (quality) and weight=None (--unweighted), 1e-9 relative;
  efficiency: effective size / number of distinct contacts;
- Gould–Fernandez roles and the participation coefficient: the independent
  implementations below, written from the definitions (docs/brokerage.md).

NetworkX returns NaN for actors of a directed graph that only receive
relationships (it tests out-contacts for isolation: networkx#2661); stakemap
gives them the value of NetworkX's own formula, which the reference here
computes with NetworkX's local_constraint and normalized_mutual_weight.

Run by ctest (`peers`) with STAKEMAP_BIN set; by hand:
STAKEMAP_BIN=build/cli/stakemap /usr/bin/python3 -m pytest tests/python/test_brokerage_peers.py
"""
import csv
import io
import math
import os
import random
import subprocess

import networkx as nx
import pytest
from networkx.algorithms.structuralholes import local_constraint, normalized_mutual_weight

REL = 1e-9
ROLES = ["coordinator", "itinerant", "gatekeeper", "representative", "liaison"]


# ---- helpers (kept here: this file depends on no shared fixture) --------------------

def stakemap_bin():
    path = os.environ.get("STAKEMAP_BIN")
    if not path or not os.access(path, os.X_OK):
        pytest.fail("STAKEMAP_BIN must point at the built stakemap command")
    return path


def write_pair(folder, G, attrs=(), weight="weight", extra_rows=()):
    """Write G as actors.csv + relationships.csv; quality = the edge's `weight`
    (1 when absent). `attrs` are node attributes written as columns;
    `extra_rows` are more (source, target, quality) rows."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "actors.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "label", "kind", *attrs])
        for v in G.nodes:
            w.writerow([str(v), "", "other", *[G.nodes[v].get(a, "") for a in attrs]])
    with open(folder / "relationships.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["source", "target", "quality"])
        for u, v, d in G.edges(data=True):
            w.writerow([str(u), str(v), repr(float(d.get(weight, 1.0)))])
        for row in extra_rows:
            w.writerow([str(row[0]), str(row[1]), repr(float(row[2]))])
    return folder


def brokers(folder, *args):
    """Run `stakemap brokers` and return {id: row} with numbers parsed (NaN for empty)."""
    r = subprocess.run([stakemap_bin(), "brokers", str(folder), "--format", "csv",
                        "--sort", "none", *map(str, args)],
                       capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert r.returncode == 0, r.stderr
    out = {}
    for row in csv.DictReader(io.StringIO(r.stdout)):
        for k in ("constraint", "effective_size", "efficiency", "participation"):
            row[k] = float(row[k]) if row[k] != "" else math.nan
        for k in ROLES + ["brokerage"]:
            row[k] = int(row[k])
        out[row["id"]] = row
    return out


def close(got, want, rel=REL, abs_tol=0.0):
    if math.isnan(want):
        return math.isnan(got)
    return math.isclose(got, want, rel_tol=rel, abs_tol=abs_tol)


def contacts(G, v):
    return set(nx.all_neighbors(G, v)) if G.is_directed() else set(G[v])


def nx_structural_holes(G, weight):
    """NetworkX's constraint and effective size; for actors of a directed
    graph that only receive relationships, NetworkX's own formula."""
    c = nx.constraint(G, weight=weight)
    e = nx.effective_size(G, weight=weight)
    nmw = normalized_mutual_weight
    for v in G:
        n = contacts(G, v)
        if n and math.isnan(c[v]):
            assert G.is_directed() and G.out_degree(v) == 0
            c[v] = sum(local_constraint(G, v, u, weight) for u in n)
            e[v] = sum(1 - sum(nmw(G, v, w, weight=weight) *
                               nmw(G, u, w, norm=max, weight=weight) for w in n)
                       for u in n)
    eff = {v: (e[v] / len(contacts(G, v)) if contacts(G, v) else math.nan) for v in G}
    return c, e, eff


def roles_reference(G, group):
    """Gould–Fernandez roles from the definition: for each broker b, each
    a→b→c with a ≠ c and no tie a→c; undirected ties count both ways."""
    succ = {v: set(G.successors(v)) if G.is_directed() else set(G[v]) for v in G}
    pred = {v: set(G.predecessors(v)) if G.is_directed() else set(G[v]) for v in G}
    out = {v: dict.fromkeys(ROLES, 0) for v in G}
    for b in G:
        for a in pred[b]:
            for c in succ[b]:
                if c == a or c in succ[a]:
                    continue
                ga, gb, gc = group[a], group[b], group[c]
                if ga == gb == gc:
                    role = "coordinator"
                elif ga == gc:
                    role = "itinerant"
                elif gb == gc:
                    role = "gatekeeper"
                elif ga == gb:
                    role = "representative"
                else:
                    role = "liaison"
                out[b][role] += 1
    return out


def participation_reference(G, group, weight):
    """P_i = 1 − Σ_s (k_is / k_i)², k over every relationship of i (in and
    out on directed graphs), weighted by `weight` (None: each counts 1)."""
    res = {}
    for i in G:
        ties = []
        if G.is_directed():
            ties += [(j, d) for _, j, d in G.out_edges(i, data=True)]
            ties += [(j, d) for j, _, d in G.in_edges(i, data=True)]
        else:
            ties += [(j, d) for _, j, d in G.edges(i, data=True)]
        per_group = {}
        for j, d in ties:
            w = d.get(weight, 1.0) if weight else 1.0
            per_group[group[j]] = per_group.get(group[j], 0.0) + w
        k = sum(per_group.values())
        res[i] = 1.0 - sum((s / k) ** 2 for s in per_group.values()) if ties else 0.0
    return res


def check(G, folder, group_attr, *args, weight="weight"):
    """Run the command on `folder` (G written out) and compare every column."""
    rows = brokers(folder, "--by", group_attr, *args)
    assert set(rows) == {str(v) for v in G}
    c, e, eff = nx_structural_holes(G, weight)
    group = {v: (G.nodes[v].get(group_attr) or "(none)") for v in G}
    roles = roles_reference(G, group)
    part = participation_reference(G, group, weight)
    for v in G:
        row = rows[str(v)]
        assert row["group"] == group[v], v
        assert close(row["constraint"], c[v]), (v, row["constraint"], c[v])
        assert close(row["effective_size"], e[v]), (v, row["effective_size"], e[v])
        assert close(row["efficiency"], eff[v]), (v, row["efficiency"], eff[v])
        for role in ROLES:
            assert row[role] == roles[v][role], (v, role, row[role], roles[v][role])
        assert row["brokerage"] == sum(roles[v].values()), v
        assert close(row["participation"], part[v], abs_tol=1e-12), (v, row["participation"],
                                                                      part[v])
    return rows


def scaled(G):
    """G with weights divided by the largest, so they lie in (0, 1]."""
    top = max(d["weight"] for _, _, d in G.edges(data=True))
    H = G.copy()
    for _, _, d in H.edges(data=True):
        d["weight"] = d["weight"] / top
    return H


# ---- the graphs -----------------------------------------------------------------

@pytest.fixture(scope="module")
def karate(tmp_path_factory):
    G = scaled(nx.karate_club_graph())
    return G, write_pair(tmp_path_factory.mktemp("karate"), G, attrs=["club"])


@pytest.fixture(scope="module")
def les_miserables(tmp_path_factory):
    G = scaled(nx.les_miserables_graph())
    # Groups: greedy modularity communities (deterministic), as "c0", "c1", …
    for k, members in enumerate(nx.community.greedy_modularity_communities(G)):
        for v in members:
            G.nodes[v]["community"] = f"c{k}"
    return G, write_pair(tmp_path_factory.mktemp("lesmis"), G, attrs=["community"])


@pytest.fixture(scope="module")
def florentine(tmp_path_factory):
    G = nx.florentine_families_graph()
    G.add_nodes_from(["Pucci", "Nobody"])  # isolated actors (Pucci is isolated in Padgett)
    rng = random.Random(11)
    for v in sorted(G):
        if v != "Nobody":  # Nobody has no faction: the group "(none)"
            G.nodes[v]["faction"] = rng.choice(["medici", "oligarch", "neutral"])
    return G, write_pair(tmp_path_factory.mktemp("florentine"), G, attrs=["faction"])


@pytest.fixture(scope="module")
def random_directed(tmp_path_factory):
    rng = random.Random(2024)
    G = nx.gnp_random_graph(60, 0.08, seed=5, directed=True)
    for u, v, d in G.edges(data=True):
        d["weight"] = rng.randint(1, 20) / 20
    G.add_node(60)  # isolated
    # Actors that only receive: NetworkX's NaN case (networkx#2661).
    G.add_weighted_edges_from([(0, 61, 0.5), (5, 61, 0.25), (9, 61, 1.0), (7, 62, 0.75)])
    for v in G:
        G.nodes[v]["side"] = rng.choice(["red", "green", "blue"])
    assert any(G.out_degree(v) == 0 and G.in_degree(v) > 0 for v in G), "want a sink"
    assert any(G.has_edge(v, u) for u, v in G.edges), "want a reciprocated pair"
    return G, write_pair(tmp_path_factory.mktemp("directed"), G, attrs=["side"])


# ---- the checks ------------------------------------------------------------------

def test_karate_weighted(karate):
    G, folder = karate
    rows = check(G, folder, "club")
    assert {r["group"] for r in rows.values()} == {"Mr. Hi", "Officer"}
    # With two clubs, only coordinators, itinerants, gatekeepers and
    # representatives exist; the club leaders broker the most.
    assert all(r["liaison"] == 0 for r in rows.values())
    assert max(rows.values(), key=lambda r: r["brokerage"])["id"] in {"0", "33"}


def test_karate_unweighted(karate):
    G, folder = karate
    check(G, folder, "club", "--unweighted", weight=None)


def test_les_miserables_weighted(les_miserables):
    G, folder = les_miserables
    check(G, folder, "community")


def test_les_miserables_unweighted(les_miserables):
    G, folder = les_miserables
    check(G, folder, "community", "--unweighted", weight=None)


def test_florentine(florentine):
    G, folder = florentine
    rows = check(G, folder, "faction")
    for weight in (None,):  # no weights: both runs give the same figures
        check(G, folder, "faction", "--unweighted", weight=weight)
    assert math.isnan(rows["Pucci"]["constraint"]) and rows["Pucci"]["participation"] == 0
    assert rows["Nobody"]["group"] == "(none)"


def test_random_directed_weighted(random_directed):
    G, folder = random_directed
    check(G, folder, "side", "--directed")


def test_random_directed_unweighted(random_directed):
    G, folder = random_directed
    check(G, folder, "side", "--directed", "--unweighted", weight=None)


def test_random_directed_as_undirected(random_directed, tmp_path):
    # The same relationships read as undirected: a reciprocated pair is a
    # multi-relationship combined by max.
    D, _ = random_directed
    G = nx.Graph()
    G.add_nodes_from(D.nodes(data=True))
    for u, v, d in D.edges(data=True):
        if G.has_edge(u, v):
            G[u][v]["weight"] = max(G[u][v]["weight"], d["weight"])
        else:
            G.add_edge(u, v, weight=d["weight"])
    check(G, write_pair(tmp_path / "u", D, attrs=["side"]), "side")


@pytest.mark.parametrize("rule", ["max", "sum", "mean"])
def test_multi_relationships(karate, tmp_path, rule):
    # Every third karate relationship written again with another quality;
    # NetworkX sees the simple graph with the qualities combined by `rule`.
    K, _ = karate
    extra = [(u, v, round(d["weight"] / 3 + 0.05, 6))
             for i, (u, v, d) in enumerate(K.edges(data=True)) if i % 3 == 0]
    folder = write_pair(tmp_path / "multi", K, attrs=["club"], extra_rows=extra)
    G = K.copy()
    for u, v, q in extra:
        a = G[u][v]["weight"]
        G[u][v]["weight"] = {"max": max(a, q), "sum": a + q, "mean": (a + q) / 2}[rule]
    check(G, folder, "club", "--combine", rule)


def test_groups_differ_from_by(les_miserables):
    # Roles by one attribute, participation over another.
    G, folder = les_miserables
    rows = brokers(folder, "--by", "kind", "--groups", "community")
    part = participation_reference(G, {v: G.nodes[v]["community"] for v in G}, "weight")
    for v in G:
        assert close(rows[v]["participation"], part[v], abs_tol=1e-12), v
        # every actor is "other": all open two-paths are coordinator ones
        assert rows[v]["coordinator"] == rows[v]["brokerage"]
