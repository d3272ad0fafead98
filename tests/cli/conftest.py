# stakemap — stakeholder network mapping
# SPDX-License-Identifier: GPL-2.0-or-later
"""Fixtures for the `stakemap` command tests.

ctest passes STAKEMAP_BIN (the built command) and STAKEMAP_SOURCE (the source
tree). By hand: STAKEMAP_BIN=build/cli/stakemap /usr/bin/python3 -m pytest tests/cli
"""
import csv
import json
import os
import subprocess

import pytest


def _binary():
    path = os.environ.get("STAKEMAP_BIN")
    if not path:
        pytest.fail("STAKEMAP_BIN is not set: point it at the built stakemap command")
    if not os.access(path, os.X_OK):
        pytest.fail(f"STAKEMAP_BIN={path} is not an executable")
    return path


@pytest.fixture(scope="session")
def source_dir():
    path = os.environ.get("STAKEMAP_SOURCE")
    if not path:
        path = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
    return path


@pytest.fixture(scope="session")
def stakemap():
    """run(*args) -> CompletedProcess (text, stdout and stderr captured)."""
    binary = _binary()

    def run(*args, cwd=None):
        return subprocess.run([binary, *map(str, args)], capture_output=True, text=True,
                              cwd=cwd, timeout=60, stdin=subprocess.DEVNULL)

    return run


def write_csv_pair(folder, actors, relationships):
    """Write actors.csv (when `actors` is not None) and relationships.csv.

    Each argument is a list of rows, the first being the header."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in (("actors.csv", actors), ("relationships.csv", relationships)):
        if rows is None:
            continue
        with open(folder / name, "w", newline="", encoding="utf-8") as f:
            csv.writer(f, lineterminator="\n").writerows(rows)
    return folder


def karate_graph():
    import networkx as nx

    return nx.karate_club_graph()


def karate_max_weight(g):
    return max(d["weight"] for _, _, d in g.edges(data=True))


@pytest.fixture
def karate_csv(tmp_path):
    """Zachary's karate club as a CSV pair: club attribute, quality = weight / max weight."""
    g = karate_graph()
    top = karate_max_weight(g)
    actors = [["id", "label", "kind", "club"]]
    actors += [[str(v), f"member {v}", "other", g.nodes[v]["club"]] for v in g.nodes]
    rels = [["source", "target", "quality"]]
    rels += [[str(u), str(v), repr(d["weight"] / top)] for u, v, d in g.edges(data=True)]
    return write_csv_pair(tmp_path / "karate", actors, rels)


def karate_json_document(rich=False):
    """Zachary's karate club in native JSON.

    rich=True adds labels, varied kinds, relationship kinds, dates and more
    attribute types, to exercise every field through the converters."""
    g = karate_graph()
    top = karate_max_weight(g)
    kinds = ["diplomat", "ngo", "media", "business", "academia", "diaspora"]
    actors = []
    for v in g.nodes:
        a = {"id": str(v), "kind": "other", "attributes": {"club": g.nodes[v]["club"]}}
        if rich:
            a["label"] = f"Member {v} \u00e9"
            a["kind"] = kinds[v % len(kinds)]
            a["attributes"]["age"] = 20 + v
        actors.append(a)
    rels = []
    for i, (u, v, d) in enumerate(g.edges(data=True)):
        r = {"source": str(u), "target": str(v), "quality": d["weight"] / top}
        if rich:
            r["kind"] = "formal" if i % 2 else "informal"
            if i % 5 == 0:
                r["since"] = "2020-01-%02d" % (1 + i % 28)
            if i % 7 == 0:
                r["until"] = "2024-12-31"
            r["attributes"] = {"weight": d["weight"]}
        rels.append(r)
    return {"stakemap": 1, "directed": False, "actors": actors, "relationships": rels}


@pytest.fixture
def small_csv(tmp_path):
    """Six actors in three components, one multi-relationship, one isolated actor."""
    actors = [
        ["id", "label", "kind", "gender", "age"],
        ["a", "Alice", "ngo", "f", "34"],
        ["b", "Bob", "ngo", "m", "51"],
        ["c", "Chiara", "diplomat", "f", "45"],
        ["d", "Dmitri", "media", "m", "29"],
        ["e", "Efua", "media", "f", "38"],
        ["f", "Fatima", "", "f", "23"],
    ]
    rels = [
        ["source", "target", "quality", "kind", "since", "until"],
        ["a", "b", "0.5", "formal", "2020-01-01", ""],
        ["b", "c", "1", "informal", "", ""],
        ["a", "c", "0.1", "", "", ""],
        ["d", "e", "0.9", "media", "", "2021-06-30"],
        ["d", "e", "0.3", "funding", "", ""],
    ]
    return write_csv_pair(tmp_path / "small", actors, rels)


@pytest.fixture
def karate_json(tmp_path):
    path = tmp_path / "karate.json"
    path.write_text(json.dumps(karate_json_document(), indent=1), encoding="utf-8")
    return path


@pytest.fixture
def csv_pair():
    """The write_csv_pair(folder, actors, relationships) helper."""
    return write_csv_pair


@pytest.fixture
def karate_document():
    """The karate_json_document(rich=False) helper."""
    return karate_json_document
