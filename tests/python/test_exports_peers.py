# stakemap — stakeholder network mapping
# SPDX-License-Identifier: GPL-2.0-or-later
"""Each export opened by its reader: NetworkX reads the GEXF and the GraphML,
NetworkX and python-igraph read the Pajek file, Graphviz `dot` and `sfdp`
render the DOT, and stakemap's own CSV reader reads the Kumu sheets back.

The networks are built here in Python (the native JSON document), so every
expected value comes from the document, not from stakemap's output.
"""
import json
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET

import igraph
import networkx as nx
import pytest

from conftest import run_stakemap

BUILTIN = ["diplomat", "government", "multilateral", "business", "ngo", "philanthropy",
           "media", "academia", "alumni", "diaspora", "diplomat_for_hire", "civil_society",
           "youth", "influencer", "data_science", "other"]
# docs/formats/gexf.md, the kind palette.
PALETTE = ["#1f4e99", "#4c9be8", "#17becf", "#ff7f0e", "#2ca02c", "#bcbd22", "#d62728",
           "#9467bd", "#c5b0d5", "#8c564b", "#e377c2", "#98df8a", "#ffbb78", "#e6c619",
           "#00a087", "#9e9e9e"]

HOSTILE = [
    ("q", 'say "hi" <b> & \\ back\\', "ngo"),
    ("nl", "two\nlines", "media"),
    ("uni", "Zoë Ñandú 北京 \U0001F600 \U00010348", "diaspora"),
    ("amp&<>", "", "think tank"),
    ('id "quoted" \\', "plain", "diplomat"),
]


def colour_of(kind):
    """The palette colour: built-in kinds by position, others by FNV-1a 32 % 16."""
    if kind in BUILTIN:
        return PALETTE[BUILTIN.index(kind)]
    h = 2166136261
    for b in kind.encode("utf-8"):
        h = ((h ^ b) * 16777619) & 0xFFFFFFFF
    return PALETTE[h % 16]


def rgb(hexcolour):
    return {"r": int(hexcolour[1:3], 16), "g": int(hexcolour[3:5], 16),
            "b": int(hexcolour[5:7], 16), "a": 1.0}


def karate_document(directed=False):
    """Zachary's karate club with kinds, labels, typed attributes, dates and
    three parallel relationships."""
    g = nx.karate_club_graph()
    top = max(d["weight"] for *_, d in g.edges(data=True))
    actors = []
    for v in g.nodes:
        a = {"id": f"m{v}", "kind": BUILTIN[v % 16] if v % 5 else "faction-" + str(v % 3),
             "attributes": {"club": g.nodes[v]["club"], "age": 20 + v, "core": v % 2 == 0}}
        if v % 4:
            a["label"] = f"Member {v} é"
        actors.append(a)
    rels = []
    edges = list(g.edges(data=True)) + [(0, 1, {"weight": 1}), (0, 1, {"weight": 2}),
                                        (32, 33, {"weight": 7})]
    for i, (u, v, d) in enumerate(edges):
        r = {"source": f"m{u}", "target": f"m{v}", "quality": d["weight"] / top}
        if i % 3:
            r["kind"] = "formal" if i % 2 else "informal"
        if i % 5 == 0:
            r["since"] = "2020-01-%02d" % (1 + i % 28)
        if i % 7 == 0:
            r["until"] = "2024-12-31"
        r["attributes"] = {"meetings": i % 4} if i % 2 else {"note": f"tie {i}"}
        rels.append(r)
    return {"stakemap": 1, "directed": directed, "actors": actors, "relationships": rels}


def hostile_document(directed=False):
    actors = []
    for id_, label, kind in HOSTILE:
        a = {"id": id_, "kind": kind, "attributes": {"note": label + "!"}}
        if label:
            a["label"] = label
        actors.append(a)
    ids = [a["id"] for a in actors]
    rels = [{"source": ids[i], "target": ids[(i + 1) % len(ids)], "quality": 0.2 * (i + 1),
             "kind": "k<&>\"" if i % 2 else None} for i in range(len(ids))]
    for r in rels:
        if r["kind"] is None:
            del r["kind"]
    return {"stakemap": 1, "directed": directed, "actors": actors, "relationships": rels}


def write_doc(tmp_path, doc, name="net.json"):
    path = tmp_path / name
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def convert(src, dst, *extra):
    r = run_stakemap("convert", src, "-o", dst, "-q", *extra)
    assert r.returncode == 0, r.stderr
    assert r.stderr == ""
    return dst


def shown_label(a):
    return a.get("label") or a["id"]


def edge_multiset(pairs, directed):
    out = []
    for u, v, w in pairs:
        if not directed:
            u, v = sorted((u, v))
        out.append((u, v, w))
    return sorted(out)


def doc_edges(doc):
    return edge_multiset([(r["source"], r["target"], r["quality"])
                          for r in doc["relationships"]], doc["directed"])


# ---- GEXF ---------------------------------------------------------------------------

@pytest.mark.parametrize("directed", [False, True], ids=["undirected", "directed"])
@pytest.mark.parametrize("make", [karate_document, hostile_document], ids=["karate", "hostile"])
def test_gexf_read_by_networkx(tmp_path, make, directed):
    doc = make(directed)
    out = convert(write_doc(tmp_path, doc), tmp_path / "map.gexf")
    G = nx.read_gexf(out)
    multi = len({(r["source"], r["target"]) if directed else
                 frozenset((r["source"], r["target"])) for r in doc["relationships"]}) \
        < len(doc["relationships"])
    assert G.is_directed() == directed
    assert G.is_multigraph() == multi
    assert G.number_of_nodes() == len(doc["actors"])
    assert G.number_of_edges() == len(doc["relationships"])
    dated = any("since" in r or "until" in r for r in doc["relationships"])
    assert G.graph["mode"] == ("dynamic" if dated else "static")
    for a in doc["actors"]:
        d = G.nodes[a["id"]]
        assert d["label"] == shown_label(a)
        assert d["kind"] == a["kind"]
        assert d["viz"]["color"] == rgb(colour_of(a["kind"]))
        for k, v in a["attributes"].items():
            assert d[k] == v and type(d[k]) == (float if type(v) is int else type(v)), (k, v)
    # Edges: ids e0, e1, ... in order; weight = quality; kind, dates, attributes.
    edges = G.edges(keys=True, data=True) if G.is_multigraph() else G.edges(data=True)
    by_id = {e[-1]["id"]: e for e in edges}
    assert sorted(by_id) == sorted(f"e{i}" for i in range(len(doc["relationships"])))
    for i, r in enumerate(doc["relationships"]):
        e = by_id[f"e{i}"]
        d = e[-1]
        ends = (e[0], e[1]) if directed else frozenset((e[0], e[1]))
        assert ends == ((r["source"], r["target"]) if directed
                        else frozenset((r["source"], r["target"])))
        assert d["weight"] == r["quality"]
        assert d.get("kind") == r.get("kind")
        assert d.get("start") == r.get("since")
        assert d.get("end") == r.get("until")
        for k, v in r.get("attributes", {}).items():
            assert d[k] == v


def test_gexf_attribute_named_weight(tmp_path):
    """Documented: NetworkX puts the edge's GEXF weight (the quality) over an
    attribute titled "weight"; Gephi keeps both."""
    doc = hostile_document()
    doc["relationships"][0]["attributes"] = {"weight": 9}
    out = convert(write_doc(tmp_path, doc), tmp_path / "w.gexf")
    G = nx.read_gexf(out)
    r = doc["relationships"][0]
    assert G.edges[r["source"], r["target"]]["weight"] == r["quality"]
    assert 'title="weight" type="double"' in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("directed", [False, True], ids=["undirected", "directed"])
def test_graphml_read_by_networkx(tmp_path, directed):
    doc = karate_document(directed)
    out = convert(write_doc(tmp_path, doc), tmp_path / "map.graphml")
    G = nx.read_graphml(out)
    assert G.is_directed() == directed
    assert G.number_of_nodes() == len(doc["actors"])
    assert G.number_of_edges() == len(doc["relationships"])
    for a in doc["actors"]:
        d = G.nodes[a["id"]]
        assert d.get("label", "") == a.get("label", "")
        assert d["kind"] == a["kind"]
        for k, v in a["attributes"].items():
            assert d[k] == v
    got = edge_multiset([(u, v, d["quality"]) for u, v, d in G.edges(data=True)], directed)
    assert got == doc_edges(doc)


# ---- Pajek --------------------------------------------------------------------------

def pajek_name(s):
    """docs/formats/pajek.md: " -> ', \\ -> /, TAB CR LF -> space."""
    for a, b in (('"', "'"), ("\\", "/"), ("\t", " "), ("\r", " "), ("\n", " ")):
        s = s.replace(a, b)
    return s


@pytest.mark.parametrize("directed", [False, True], ids=["undirected", "directed"])
@pytest.mark.parametrize("make", [karate_document, hostile_document], ids=["karate", "hostile"])
def test_pajek_read_by_igraph_and_networkx(tmp_path, make, directed):
    doc = make(directed)
    out = convert(write_doc(tmp_path, doc), tmp_path / "map.net")
    names = [pajek_name(a["id"]) for a in doc["actors"]]
    want = edge_multiset([(pajek_name(r["source"]), pajek_name(r["target"]), r["quality"])
                          for r in doc["relationships"]], directed)

    g = igraph.Graph.Read_Pajek(str(out))
    assert g.is_directed() == directed
    assert g.vcount() == len(doc["actors"])
    assert g.ecount() == len(doc["relationships"])
    assert g.vs["id"] == names
    got = edge_multiset([(names[e.source], names[e.target], e["weight"]) for e in g.es],
                        directed)
    assert got == want

    M = nx.read_pajek(out)
    assert M.is_directed() == directed
    assert sorted(M.nodes) == sorted(names)
    assert M.number_of_edges() == len(doc["relationships"])
    got = edge_multiset([(u, v, d["weight"]) for u, v, d in M.edges(data=True)], directed)
    assert got == want


# ---- DOT ----------------------------------------------------------------------------

SVG = "{http://www.w3.org/2000/svg}"


def dot_name(s):
    """How Graphviz stores a quoted name: \\" becomes ", \\\\ stays \\\\."""
    return s.replace("\\", "\\\\")


@pytest.mark.skipif(shutil.which("dot") is None or shutil.which("sfdp") is None,
                    reason="graphviz is not installed")
@pytest.mark.parametrize("engine", ["dot", "sfdp"])
@pytest.mark.parametrize("directed", [False, True], ids=["undirected", "directed"])
@pytest.mark.parametrize("make", [karate_document, hostile_document], ids=["karate", "hostile"])
def test_dot_renders(tmp_path, make, directed, engine):
    doc = make(directed)
    out = convert(write_doc(tmp_path, doc), tmp_path / "map.dot")
    svg = tmp_path / "map.svg"
    r = subprocess.run([engine, "-Tsvg", str(out), "-o", str(svg)], capture_output=True,
                       text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "Error" not in r.stderr and "syntax" not in r.stderr, r.stderr
    root = ET.parse(svg).getroot()  # well-formed XML
    nodes = [g for g in root.iter(SVG + "g") if g.get("class") == "node"]
    edges = [g for g in root.iter(SVG + "g") if g.get("class") == "edge"]
    assert len(nodes) == len(doc["actors"])
    assert len(edges) == len(doc["relationships"])
    # Each node: its name, its label's lines, its kind's colour.
    by_name = {g.find(SVG + "title").text: g for g in nodes}
    assert sorted(by_name) == sorted(dot_name(a["id"]) for a in doc["actors"])
    for a in doc["actors"]:
        g = by_name[dot_name(a["id"])]
        texts = [t.text or "" for t in g.iter(SVG + "text")]
        assert texts == shown_label(a).split("\n"), (texts, a)
        fills = {e.get("fill") for e in g.iter() if e.get("fill")}
        assert colour_of(a["kind"]) in fills


# ---- Kumu ---------------------------------------------------------------------------

@pytest.mark.parametrize("directed", [False, True], ids=["undirected", "directed"])
@pytest.mark.parametrize("make", [karate_document, hostile_document], ids=["karate", "hostile"])
def test_kumu_round_trip(tmp_path, make, directed):
    doc = make(directed)
    kumu = convert(write_doc(tmp_path, doc), tmp_path / "kumu", "--to", "kumu")
    assert sorted(p.name for p in kumu.iterdir()) == ["connections.csv", "elements.csv"]
    header = (kumu / "connections.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("From,To,Type,Strength,Direction")
    assert (kumu / "elements.csv").read_text(encoding="utf-8").startswith("ID,Label,Type")
    back = convert(kumu, tmp_path / "back.json", "--directed" if directed else "--undirected")
    got = json.loads(back.read_text(encoding="utf-8"))
    assert got["directed"] == directed
    assert [a["id"] for a in got["actors"]] == [a["id"] for a in doc["actors"]]
    assert [a.get("label") for a in got["actors"]] == [shown_label(a) for a in doc["actors"]]
    assert [a["kind"] for a in got["actors"]] == [a["kind"] for a in doc["actors"]]
    assert [a.get("attributes", {}) for a in got["actors"]] == \
        [a["attributes"] for a in doc["actors"]]
    assert len(got["relationships"]) == len(doc["relationships"])
    for g, w in zip(got["relationships"], doc["relationships"]):
        for k in ("source", "target", "quality", "kind", "since", "until"):
            assert g.get(k) == w.get(k), k
        want = dict(w.get("attributes", {}))
        want["Direction"] = "directed" if directed else "undirected"
        assert g["attributes"] == want


def test_kumu_formula_cells_neutralised(tmp_path):
    doc = hostile_document()
    doc["actors"][0]["attributes"]["note"] = "=HYPERLINK(\"http://x\")"
    doc["actors"][1]["label"] = "+1 555"
    kumu = convert(write_doc(tmp_path, doc), tmp_path / "kumu", "--to", "kumu")
    text = (kumu / "elements.csv").read_text(encoding="utf-8")
    assert "\"'=HYPERLINK(\"\"http://x\"\")\"" in text
    assert ",'+1 555," in text
    back = json.loads(convert(kumu, tmp_path / "b.json").read_text(encoding="utf-8"))
    assert back["actors"][0]["attributes"]["note"] == "=HYPERLINK(\"http://x\")"
    assert back["actors"][1]["label"] == "+1 555"


def test_palette_matches_docs():
    """The palette table in docs/formats/gexf.md is the one the tests use."""
    root = os.environ.get("STAKEMAP_SOURCE") or os.path.join(os.path.dirname(__file__), "..",
                                                              "..")
    text = open(os.path.join(root, "docs", "formats", "gexf.md"), encoding="utf-8").read()
    for kind, colour in zip(BUILTIN, PALETTE):
        assert f"| `{kind}` | `{colour}` |" in text, kind
