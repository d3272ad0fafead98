# stakemap — stakeholder network mapping
# SPDX-License-Identifier: GPL-2.0-or-later
"""Round trips with NetworkX keep every actor, relationship and attribute."""
from collections import Counter

import networkx as nx
import pytest

import stakemap


def edge_multiset(G):
    def key(u, v, d):
        if not G.is_directed():
            u, v = sorted((u, v))
        return (u, v, tuple(sorted(d.items())))
    return Counter(key(u, v, d) for u, v, d in G.edges(data=True))


def rich_multigraph(directed):
    G = nx.MultiDiGraph() if directed else nx.MultiGraph()
    G.add_node("amb", label="Ambassador", kind="diplomat", gender="f", age=52.0, senior=True)
    G.add_node("ngo", kind="ngo", gender="m")
    G.add_node("lone", kind="other")  # isolated actors are kept
    G.add_node("media", label="Daily", kind="media", age=3.5)
    G.add_edge("amb", "ngo", quality=0.4, kind="informal", since="2020-01-01",
               until="2022-12-31", channel="event", trust=2.0)
    G.add_edge("amb", "ngo", quality=0.9, kind="formal", channel="meeting")
    G.add_edge("ngo", "media", quality=1.0, public=True)
    return G


@pytest.mark.parametrize("directed", [False, True])
def test_multigraph_round_trip_keeps_everything(directed):
    G = rich_multigraph(directed)
    net = stakemap.from_networkx(G)
    assert net.directed == directed and len(net) == 4 and len(net.relationships) == 3
    assert net.actors["amb"] == {"id": "amb", "label": "Ambassador", "kind": "diplomat",
                                 "gender": "f", "age": 52.0, "senior": True}
    H = net.to_networkx()
    assert type(H) is type(G)
    assert list(H.nodes(data=True)) == list(G.nodes(data=True))
    assert edge_multiset(H) == edge_multiset(G)
    again = stakemap.from_networkx(H)
    assert list(again.actors) == list(net.actors)
    assert Counter(map(repr, again.relationships)) == Counter(map(repr, net.relationships))


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # inside NetworkX 2.8 pagerank
def test_simple_graph_round_trip_and_file_round_trip(tmp_path):
    G = nx.karate_club_graph()
    top = max(d["weight"] for *_, d in G.edges(data=True))
    S = nx.Graph()
    for v, d in G.nodes(data=True):
        S.add_node(str(v), kind="other", club=d["club"])
    for u, v, d in G.edges(data=True):
        S.add_edge(str(u), str(v), quality=d["weight"] / top, weight=float(d["weight"]))
    net = stakemap.from_networkx(S)
    H = net.to_networkx()
    assert type(H) is nx.Graph
    assert list(H.nodes(data=True)) == list(S.nodes(data=True))
    assert edge_multiset(H) == edge_multiset(S)
    # through a file and back, nothing is lost either
    net.save(tmp_path / "k.json")
    K = stakemap.Network.load(tmp_path / "k.json").to_networkx()
    assert edge_multiset(K) == edge_multiset(S)
    # and the analyses agree with NetworkX on the converted graph (PageRank on quality)
    pr = nx.pagerank(S, weight="quality", tol=1e-13)
    t = net.centrality(measures="pagerank").rows_by()
    for v, value in pr.items():
        assert abs(t[v]["pagerank"] - value) < 1e-9


def test_quality_from_another_attribute_and_errors():
    G = nx.Graph()
    G.add_edge(1, 2, weight=0.25)
    G.add_edge(2, 3)
    net = stakemap.from_networkx(G, quality="weight")
    assert net.actors.ids() == ["1", "2", "3"]
    assert [r["quality"] for r in net.relationships] == [0.25, 1.0]
    G.add_edge(3, 3)
    with pytest.raises(stakemap.InvalidArgumentError, match="self-loop"):
        stakemap.from_networkx(G)
    bad = nx.Graph()
    bad.add_edge("a", "b", quality=3.0)
    with pytest.raises(stakemap.InvalidArgumentError, match="outside"):
        stakemap.from_networkx(bad)
    multi = stakemap.from_networkx(rich_multigraph(False))
    with pytest.raises(stakemap.InvalidArgumentError, match="multigraph=True"):
        multi.to_networkx(multigraph=False)
    assert type(multi.to_networkx(multigraph=True)) is nx.MultiGraph
