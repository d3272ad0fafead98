# stakemap — stakeholder network mapping
# SPDX-License-Identifier: GPL-2.0-or-later
"""NetworkX interoperability: stakemap.from_networkx() and Network.to_networkx()."""
from __future__ import annotations

import math
from typing import Any, Optional

from ._errors import invalid


def to_networkx(net: Any, multigraph: Optional[bool] = None):
    """`net` as a NetworkX graph, keeping everything.

    Nodes are the actor ids, in actor order, with the node attributes ``label`` (when
    set), ``kind`` and every actor attribute. Edges carry ``quality``, ``kind``,
    ``since`` and ``until`` (ISO dates; each only when set) and every relationship
    attribute. The graph is a (Multi)DiGraph for directed networks.

    multigraph: True gives a MultiGraph/MultiDiGraph (every relationship an edge, in
    insertion order, keyed 0, 1, ... per pair); False a Graph/DiGraph (an error if two
    relationships join one pair in the same direction); None (default) a multigraph
    only when the network has such multi-relationships.

    The graph attribute ``directed`` is not set: the class says it."""
    import networkx as nx

    rels = net._relationships_list()
    if multigraph is None:
        pairs = set()
        multigraph = False
        for r in rels:
            key = (r["source"], r["target"])
            if not net.directed and key[0] > key[1]:
                key = (key[1], key[0])
            if key in pairs:
                multigraph = True
                break
            pairs.add(key)
    if net.directed:
        G = nx.MultiDiGraph() if multigraph else nx.DiGraph()
    else:
        G = nx.MultiGraph() if multigraph else nx.Graph()
    for a in net._actors_list():
        id_ = a.pop("id")
        if a.get("label") is None:
            a.pop("label", None)
        G.add_node(id_, **a)
    for r in rels:
        u, v = r.pop("source"), r.pop("target")
        for key in ("kind", "since", "until"):
            if r.get(key) is None:
                r.pop(key, None)
        if not multigraph and G.has_edge(u, v):
            raise invalid(f"relationships {u!r}-{v!r}: several between one pair; "
                          "use multigraph=True")
        G.add_edge(u, v, **r)
    return G


def _plain(value: Any) -> Any:
    """numpy scalars to Python ones; other values unchanged."""
    if hasattr(value, "item") and type(value).__module__ == "numpy":
        return value.item()
    return value


def from_networkx(graph: Any, quality: str = "quality", cls: Any = None):
    """A stakemap Network from a NetworkX Graph, DiGraph, MultiGraph or MultiDiGraph.

    Node ids become actor ids (``str(node)``). The node attributes ``label`` and
    ``kind`` become the actor's label and kind; every other node attribute becomes an
    actor attribute (text, number or bool; None/NaN left unset). Each edge (each
    parallel edge of a multigraph) becomes a relationship: its quality is the edge
    attribute named by `quality` (default "quality"; missing = 1; it must be in
    (0, 1] — scale weights first), ``kind``, ``since`` and ``until`` are read as
    such, and every other edge attribute becomes a relationship attribute. Self-loops
    are refused (InvalidArgumentError), as the library refuses self-relationships.
    ``to_networkx()`` of the result gives back the same nodes, edges and attributes."""
    from ._network import Network

    cls = cls or Network
    net = cls(directed=graph.is_directed())
    actors = []
    for node, data in graph.nodes(data=True):
        row = {"id": str(node)}
        for k, v in data.items():
            row[k] = _plain(v)
        actors.append(row)
    net.add_actors(actors)
    rels = []
    for u, v, data in graph.edges(data=True):
        if u == v:
            raise invalid(f"self-loop on node {u!r}: stakemap keeps no self-relationships")
        row = {"source": str(u), "target": str(v)}
        for k, val in data.items():
            if k == quality:
                row["quality"] = float(_plain(val))
            elif k == "quality":
                row["attributes"] = dict(row.get("attributes", {}), quality=_plain(val))
            else:
                row[k] = _plain(val)
        q = row.get("quality", 1.0)
        if isinstance(q, float) and math.isnan(q):
            raise invalid(f"edge {u!r}-{v!r}: {quality} is NaN")
        rels.append(row)
    net.add_relationships(rels)
    return net
