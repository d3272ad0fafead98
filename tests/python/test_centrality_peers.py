# stakemap — stakeholder network mapping
# SPDX-License-Identifier: GPL-2.0-or-later
"""`stakemap centrality` checked against NetworkX 2.8 and python-igraph.

Every measure on the graphs NetworkX ships (karate club and Les Misérables
with their weights scaled into (0, 1], Florentine families, Davis' southern
women) and on seeded generated ones (random directed, disconnected with
isolated actors, a multigraph), weighted and unweighted, normalised and raw,
in every direction mode. Tolerances: 1e-9 relative for the exact measures
(degree, strength, betweenness, closeness, harmonic), 1e-6 for the iterative
ones (eigenvector, PageRank, hub, authority); PageRank also within 1e-9 (L1)
of igraph's PRPACK.

Quality q is the edge attribute 'q' (an exact Fraction; 'weight' its float);
path measures use 'dist' = 1/q, exactly, for NetworkX (which compares path
lengths with ==, so rounding would hide ties), 'fdist' = float(1/q) for
igraph, and 'logdist' = 1 - ln q for --distance log. NetworkX 2.8's pagerank
needs SciPy; where it is missing the tests use NetworkX's own pure-Python
power iteration (_pagerank_python), the same definition. HITS is always
NetworkX's power iteration (_hits_python): see nx_hits().
"""
import math
import random
import warnings
from fractions import Fraction

import igraph as ig
import networkx as nx
import pytest

from conftest import combine_multigraph, peer_graph, run_stakemap, set_distances, \
    stakemap_table, write_csv_pair

EXACT = ["degree", "strength", "betweenness", "closeness", "harmonic"]
ITERATIVE = ["eigenvector", "pagerank", "hub", "authority"]
ALL = EXACT + ITERATIVE
REL_EXACT = 1e-9
REL_ITER = 1e-6


# ---- peers --------------------------------------------------------------------------------

def nx_pagerank(G, alpha=0.85, weight="weight"):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # 2.8: pagerank_scipy
            return nx.pagerank(G, alpha=alpha, weight=weight, tol=1e-12, max_iter=100000)
    except ImportError:
        from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python
        return _pagerank_python(G, alpha=alpha, weight=weight, tol=1e-12, max_iter=100000)


def nx_hits(G):
    """Hub and authority, sum 1; 'weight' is the weight (NetworkX's default)."""
    if G.number_of_edges() == 0:
        return None
    # NetworkX's own power iteration from the uniform vector, not nx.hits:
    # where the leading singular value of A is not simple (a bipartite or a
    # disconnected graph) nx.hits (SciPy's svds) returns an arbitrary vector
    # of its space, the power iteration (and stakemap) a well-defined one.
    from networkx.algorithms.link_analysis.hits_alg import _hits_python
    return _hits_python(G, tol=1e-14, max_iter=100000)


def nx_eigenvector(G, weight="weight"):
    return nx.eigenvector_centrality(G, weight=weight, tol=1e-15, max_iter=100000)


def nx_reference(G, normalized=True, dist="dist", weighted=True, eigenvector=True):
    """Every measure as NetworkX computes it, with stakemap's defaults."""
    n = len(G)
    w = "weight" if weighted else None
    if not weighted:
        dist = None
    ref = {}
    if normalized:
        ref["degree"] = nx.degree_centrality(G)
        ref["strength"] = {v: (s / (n - 1) if n > 1 else 0.0)
                           for v, s in G.degree(weight=w)}
    else:
        ref["degree"] = dict(G.degree())
        ref["strength"] = dict(G.degree(weight=w))
    ref["betweenness"] = nx.betweenness_centrality(G, weight=dist, normalized=normalized)
    ref["closeness"] = nx.closeness_centrality(G, distance=dist) if normalized else None
    h = nx.harmonic_centrality(G, distance=dist)
    ref["harmonic"] = {v: (x / (n - 1) if n > 1 else 0.0) for v, x in h.items()} \
        if normalized else h
    ref["eigenvector"] = nx_eigenvector(G, weight=w) if eigenvector else None
    ref["pagerank"] = nx_pagerank(G, weight=w)
    if weighted:
        hits = nx_hits(G)
    else:
        U = G.copy()
        for *_, d in U.edges(data=True):
            d["weight"] = 1.0
        hits = nx_hits(U)
    ref["hub"], ref["authority"] = hits if hits else ({v: 0.0 for v in G},) * 2
    return ref


def to_igraph(G):
    nodes = list(G.nodes)
    index = {v: i for i, v in enumerate(nodes)}
    g = ig.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v in G.edges()],
                 directed=G.is_directed())
    g.vs["name"] = nodes
    for key in ("weight", "fdist", "logdist"):
        g.es[key] = [d[key] for *_, d in G.edges(data=True)]
    return g, nodes


def ig_reference(G, dist="fdist"):
    """The measures python-igraph has, scaled as stakemap (and NetworkX) scale them."""
    g, nodes = to_igraph(G)
    n = len(nodes)
    mode = "in" if G.is_directed() else "all"
    ref = {}
    b = g.betweenness(weights=dist, directed=G.is_directed())
    scale = (1 if G.is_directed() else 2) / ((n - 1) * (n - 2)) if n > 2 else 1
    ref["betweenness"] = dict(zip(nodes, (x * scale for x in b)))
    raw = g.closeness(weights=dist, mode=mode, normalized=False)
    ref["closeness_raw"] = dict(zip(nodes, (0.0 if math.isnan(x) else x for x in raw)))
    ref["harmonic"] = dict(zip(nodes, g.harmonic_centrality(weights=dist, mode=mode,
                                                            normalized=True)))
    ref["pagerank"] = dict(zip(nodes, g.pagerank(weights="weight", directed=G.is_directed())))
    with warnings.catch_warnings():
        # igraph notes that weighted directed eigenvector centrality needs care.
        warnings.simplefilter("ignore", RuntimeWarning)
        ev = g.eigenvector_centrality(weights="weight", scale=False, directed=G.is_directed())
    norm = math.sqrt(sum(x * x for x in ev)) * (1 if sum(ev) >= 0 else -1)
    ref["eigenvector"] = dict(zip(nodes, (x / norm for x in ev)))
    if g.ecount():
        hub = g.hub_score(weights="weight", scale=False)
        auth = g.authority_score(weights="weight", scale=False)
        ref["hub"] = dict(zip(nodes, (x / sum(hub) for x in hub)))
        ref["authority"] = dict(zip(nodes, (x / sum(auth) for x in auth)))
    return ref


# ---- comparison ---------------------------------------------------------------------------

def assert_column(ours, ref, measure, peer, rel=None):
    rel = rel or (REL_EXACT if measure in EXACT else REL_ITER)
    abs_tol = 1e-12 if measure in EXACT else 1e-10
    assert set(ours) == set(ref), (measure, peer)
    bad = [(v, ours[v][measure], float(ref[v])) for v in ref
           if not math.isclose(ours[v][measure], ref[v], rel_tol=rel, abs_tol=abs_tol)]
    assert not bad, f"{measure} differs from {peer} at {len(bad)} actors, e.g. {bad[:3]}"


def assert_all(ours, ref, peer, measures=ALL):
    for m in measures:
        if ref.get(m) is not None:
            assert_column(ours, ref[m], m, peer)


def run_all(folder, *args):
    return stakemap_table("centrality", folder, "--measures", "all", "--sort", "none", *args)


# ---- the graphs ---------------------------------------------------------------------------

def seeded_quality(G, seed):
    """Qualities with three decimals in (0, 1], drawn from `seed`."""
    rng = random.Random(seed)
    for *_, d in G.edges(data=True):
        d["q"] = Fraction(rng.randint(1, 1000), 1000)
    return set_distances(G)


def karate():
    return peer_graph(nx.karate_club_graph(), "weight")


def lesmis():
    return peer_graph(nx.les_miserables_graph(), "weight")


def florentine():
    return peer_graph(nx.florentine_families_graph())


def florentine_q():
    return seeded_quality(peer_graph(nx.florentine_families_graph()), 11)


def davis():
    return peer_graph(nx.davis_southern_women_graph())


def gnp_directed():
    return seeded_quality(peer_graph(nx.gnp_random_graph(60, 0.07, seed=7, directed=True)), 7)


def disconnected():
    """Three components of different sizes and two isolated actors."""
    G = nx.disjoint_union_all([nx.karate_club_graph(), nx.cycle_graph(7),
                               nx.path_graph(4), nx.empty_graph(2)])
    return seeded_quality(peer_graph(G), 3)


def disconnected_directed():
    G = nx.disjoint_union_all([nx.gnp_random_graph(25, 0.15, seed=5, directed=True),
                               nx.gnp_random_graph(12, 0.25, seed=6, directed=True),
                               nx.empty_graph(3, create_using=nx.DiGraph)])
    return seeded_quality(peer_graph(G), 5)


def multigraph(directed=False):
    rng = random.Random(13)
    M = nx.MultiDiGraph() if directed else nx.MultiGraph()
    M.add_nodes_from(range(40))
    base = nx.gnp_random_graph(40, 0.12, seed=13, directed=directed)
    for u, v in base.edges():
        for _ in range(rng.choice([1, 1, 2, 3])):
            M.add_edge(u, v)
    return seeded_quality(peer_graph(M), 13)


# name -> (graph builder, compare eigenvector and hub/authority with igraph too)
CASES = {
    "karate": (karate, True),
    "lesmis": (lesmis, True),
    "florentine": (florentine, True),
    "florentine_q": (florentine_q, True),
    # bipartite: the leading eigenvalue of AᵀA is double and igraph's ARPACK
    # picks another vector of that eigenspace than the power iteration does.
    "davis": (davis, False),
    "gnp_directed": (gnp_directed, True),
    # several components: the dominant eigenvector is unique, but igraph
    # starts ARPACK elsewhere; NetworkX's power iteration is the reference.
    "disconnected": (disconnected, False),
    "disconnected_directed": (disconnected_directed, False),
}


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    """Each case written once: name -> (graph, folder)."""
    root = tmp_path_factory.mktemp("peers")
    out = {}
    for name, (build, _) in CASES.items():
        G = build()
        out[name] = (G, write_csv_pair(root / name, G))
    return out


def directed_flag(G):
    return "--directed" if G.is_directed() else "--undirected"


# ---- every measure, every graph -----------------------------------------------------------

@pytest.mark.parametrize("name", list(CASES))
def test_defaults_match_networkx(written, name):
    G, folder = written[name]
    ours = run_all(folder, directed_flag(G))
    assert_all(ours, nx_reference(G), "networkx")


@pytest.mark.parametrize("name", list(CASES))
def test_defaults_match_igraph(written, name):
    G, folder = written[name]
    ours = run_all(folder, directed_flag(G))
    ref = ig_reference(G)
    measures = ["betweenness", "harmonic", "pagerank"]
    if CASES[name][1]:
        measures += ["eigenvector", "hub", "authority"]
    assert_all(ours, ref, "igraph", measures)
    # PageRank: igraph's PRPACK within 1e-9 in L1.
    l1 = sum(abs(ours[v]["pagerank"] - ref["pagerank"][v]) for v in ref["pagerank"])
    assert l1 < 1e-9, l1


@pytest.mark.parametrize("name", list(CASES))
def test_raw_values(written, name):
    G, folder = written[name]
    ours = run_all(folder, directed_flag(G), "--raw")
    ref = nx_reference(G, normalized=False)
    assert_all(ours, ref, "networkx (unnormalised)")
    assert_column(ours, ig_reference(G)["closeness_raw"], "closeness", "igraph (unnormalised)")


@pytest.mark.parametrize("name", ["karate", "lesmis", "gnp_directed", "disconnected_directed"])
def test_unweighted(written, name):
    G, folder = written[name]
    ours = run_all(folder, directed_flag(G), "--unweighted")
    assert_all(ours, nx_reference(G, weighted=False), "networkx (unweighted)")


@pytest.mark.parametrize("name", ["karate", "florentine_q", "gnp_directed"])
def test_distance_log(written, name):
    G, folder = written[name]
    ours = stakemap_table("centrality", folder, directed_flag(G), "--sort", "none",
                          "--distance", "log", "--measures", "betweenness,closeness,harmonic")
    ref = nx_reference(G, dist="logdist")
    measures = ["betweenness", "closeness", "harmonic"]
    if name == "karate":
        # Integer weights: ln a + ln b = ln c + ln d whenever ab = cd, ties that
        # floating point breaks for NetworkX (==) but not for igraph (epsilon).
        measures.remove("betweenness")
    assert_all(ours, ref, "networkx (1 - ln q)", measures)
    ig_ref = ig_reference(G, dist="logdist")
    assert_all(ours, ig_ref, "igraph (1 - ln q)", ["betweenness", "harmonic"])


@pytest.mark.parametrize("name", ["karate", "gnp_directed"])
def test_distance_hops(written, name):
    """Hops: path measures ignore quality; strength and PageRank still use it."""
    G, folder = written[name]
    ours = run_all(folder, directed_flag(G), "--distance", "hops")
    path = nx_reference(G, weighted=False)
    assert_all(ours, path, "networkx (hops)", ["betweenness", "closeness", "harmonic"])
    assert_all(ours, nx_reference(G), "networkx", ["strength", "pagerank", "eigenvector"])


def test_damping(written):
    G, folder = written["lesmis"]
    ours = stakemap_table("centrality", folder, "--measures", "pagerank", "--damping", "0.5",
                          "--sort", "none")
    assert_column(ours, nx_pagerank(G, alpha=0.5), "pagerank", "networkx (alpha 0.5)")
    g, nodes = to_igraph(G)
    pr = dict(zip(nodes, g.pagerank(weights="weight", damping=0.5)))
    assert sum(abs(ours[v]["pagerank"] - pr[v]) for v in nodes) < 1e-9


@pytest.mark.parametrize("name", ["lesmis", "gnp_directed"])
def test_cutoff_matches_igraph(written, name):
    G, folder = written[name]
    cutoff = 6.0
    ours = stakemap_table("centrality", folder, directed_flag(G), "--measures",
                          "betweenness,closeness", "--cutoff", cutoff, "--sort", "none")
    g, nodes = to_igraph(G)
    n = len(nodes)
    b = g.betweenness(weights="fdist", directed=G.is_directed(), cutoff=cutoff)
    scale = (1 if G.is_directed() else 2) / ((n - 1) * (n - 2))
    assert_column(ours, dict(zip(nodes, (x * scale for x in b))), "betweenness",
                  "igraph (cutoff)")
    # The cutoff is for betweenness only: closeness stays exact.
    assert_column(ours, nx.closeness_centrality(G, distance="dist"), "closeness", "networkx")


# ---- direction modes ----------------------------------------------------------------------

def undirected_max(G):
    """A directed graph as undirected, reciprocal pairs combined by max."""
    M = nx.MultiGraph()
    M.add_nodes_from(G.nodes)
    M.add_edges_from(G.edges(data=True))
    return combine_multigraph(M, "max")


@pytest.mark.parametrize("name", ["gnp_directed", "disconnected_directed"])
def test_mode_out(written, name):
    G, folder = written[name]
    ours = run_all(folder, "--directed", "--mode", "out")
    n = len(G)
    R = G.reverse(copy=True)
    ref = nx_reference(R)  # distances from the actor, eigenvector/PageRank by out-ties
    ref["degree"] = nx.out_degree_centrality(G)
    ref["strength"] = {v: s / (n - 1) for v, s in G.out_degree(weight="weight")}
    ref["hub"], ref["authority"] = nx_hits(G)  # HITS keeps the direction as it is
    assert_all(ours, ref, "networkx (reversed)")


@pytest.mark.parametrize("name", ["gnp_directed", "disconnected_directed"])
def test_mode_in(written, name):
    G, folder = written[name]
    ours = run_all(folder, "--directed", "--mode", "in")
    n = len(G)
    ref = nx_reference(G)
    ref["degree"] = nx.in_degree_centrality(G)
    ref["strength"] = {v: s / (n - 1) for v, s in G.in_degree(weight="weight")}
    assert_all(ours, ref, "networkx (in)")


@pytest.mark.parametrize("name", ["gnp_directed", "disconnected_directed"])
def test_mode_undirected(written, name):
    G, folder = written[name]
    ours = run_all(folder, "--directed", "--mode", "undirected")
    assert_all(ours, nx_reference(undirected_max(G)), "networkx (undirected, max)")


# ---- multi-relationships ------------------------------------------------------------------

@pytest.mark.parametrize("directed", [False, True], ids=["undirected", "directed"])
@pytest.mark.parametrize("rule", ["max", "sum", "mean"])
def test_multigraph(tmp_path, directed, rule):
    M = multigraph(directed)
    assert M.number_of_edges() > combine_multigraph(M).number_of_edges()  # has multi-ties
    folder = write_csv_pair(tmp_path / "multi", M)
    flag = "--directed" if directed else "--undirected"
    ours = run_all(folder, flag, "--combine", rule)
    G = combine_multigraph(M, rule)
    assert_all(ours, nx_reference(G), f"networkx ({rule})")
    if rule == "sum":
        # igraph on the multigraph itself: parallel edges add up in PageRank,
        # strength and HITS as --combine sum does.
        g, nodes = to_igraph(M)
        pr = dict(zip(nodes, g.pagerank(weights="weight", directed=directed)))
        assert sum(abs(ours[v]["pagerank"] - pr[v]) for v in nodes) < 1e-9
        mode = "all"
        s = dict(zip(nodes, g.strength(weights="weight", mode=mode)))
        n = len(nodes)
        assert_column(ours, {v: x / (n - 1) for v, x in s.items()}, "strength",
                      "igraph (multigraph)")


def test_multigraph_rules_differ(tmp_path):
    M = multigraph()
    folder = write_csv_pair(tmp_path / "multi", M)
    by_rule = {r: run_all(folder, "--combine", r) for r in ("max", "sum", "mean")}
    v = max(M.degree, key=lambda t: t[1])[0]
    s = {r: by_rule[r][v]["strength"] for r in by_rule}
    assert s["sum"] > s["max"] > s["mean"] > 0
    # Degree counts distinct contacts whatever the rule.
    assert by_rule["sum"][v]["degree"] == by_rule["max"][v]["degree"]


# ---- small and degenerate networks --------------------------------------------------------

def test_empty_network(tmp_path):
    folder = write_csv_pair(tmp_path / "empty", nx.Graph())
    r = run_stakemap("centrality", folder, "--measures", "all", "--format", "csv")
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == ["id," + ",".join(
        ["degree", "strength", "betweenness", "closeness", "harmonic", "eigenvector",
         "pagerank", "hub", "authority"])]


def test_one_actor(tmp_path):
    G = nx.Graph()
    G.add_node("solo")
    ours = run_all(write_csv_pair(tmp_path / "one", G))
    # NetworkX: degree 1 for the lone node, eigenvector and PageRank 1,
    # betweenness, closeness and harmonic 0. Strength and HITS: 0 (documented).
    assert ours == {"solo": {"degree": 1.0, "strength": 0.0, "betweenness": 0.0,
                             "closeness": 0.0, "harmonic": 0.0, "eigenvector": 1.0,
                             "pagerank": 1.0, "hub": 0.0, "authority": 0.0}}
    assert nx.degree_centrality(G) == {"solo": 1}
    assert nx_eigenvector(G) == {"solo": 1.0}


def test_two_actors(tmp_path):
    G = nx.Graph()
    G.add_edge("a", "b", weight=0.5)
    G = peer_graph(G, "weight")
    ours = run_all(write_csv_pair(tmp_path / "two", G))
    assert_all(ours, nx_reference(G), "networkx")


def test_two_actors_directed(tmp_path):
    G = nx.DiGraph()
    G.add_edge("a", "b", weight=0.5)
    G = peer_graph(G, "weight")
    folder = write_csv_pair(tmp_path / "two", G)
    measures = [m for m in ALL if m != "eigenvector"]
    ours = stakemap_table("centrality", folder, "--directed", "--measures", ",".join(measures))
    ref = nx_reference(G, eigenvector=False)
    assert_all(ours, ref, "networkx", measures)
    # a -> b has no cycle: the eigenvector iteration of NetworkX does not
    # converge (it raises), and stakemap says so.
    with pytest.raises(nx.PowerIterationFailedConvergence):
        nx.eigenvector_centrality(G)
    r = run_stakemap("centrality", folder, "--directed", "--measures", "eigenvector")
    assert r.returncode == 1
    assert "eigenvector centrality did not converge" in r.stderr
    assert "no unique leading eigenvector" in r.stderr


def test_no_relationships(tmp_path):
    G = nx.empty_graph(4)
    G = peer_graph(G)
    ours = run_all(write_csv_pair(tmp_path / "none", G))
    ref = nx_reference(G)
    assert_all(ours, ref, "networkx", EXACT + ["eigenvector", "pagerank"])
    # HITS on a graph without edges: NetworkX's hits gives NaN (0/0), its
    # power iteration divides by zero; stakemap gives 0.
    assert all(ours[v]["hub"] == 0 and ours[v]["authority"] == 0 for v in ours)


# ---- sampled betweenness ------------------------------------------------------------------

def test_samples_all_sources_is_exact(written):
    G, folder = written["lesmis"]
    n = len(G)
    ours = stakemap_table("centrality", folder, "--measures", "betweenness", "--samples", n,
                          "--seed", 3, "--sort", "none")
    assert_column(ours, nx.betweenness_centrality(G, weight="dist"), "betweenness", "networkx")


def test_samples_seeded(written):
    G, folder = written["lesmis"]
    args = ("centrality", folder, "--measures", "betweenness,closeness", "--samples", 20,
            "--sort", "none")
    a = stakemap_table(*args, "--seed", 1)
    b = stakemap_table(*args, "--seed", 1)
    c = stakemap_table(*args, "--seed", 2)
    assert a == b
    assert a != c
    # Only betweenness is sampled.
    assert_column(a, nx.closeness_centrality(G, distance="dist"), "closeness", "networkx")
    # An estimate of the exact values: same order of magnitude overall.
    exact = nx.betweenness_centrality(G, weight="dist")
    total = sum(exact.values())
    assert 0.3 * total < sum(a[v]["betweenness"] for v in a) < 3 * total
    r = run_stakemap(*args, "--seed", 1, "--format", "csv")
    assert "estimated from 20 sampled sources (seed 1)" in r.stderr
