#!/usr/bin/python3
# Check the bundled sample maps: the rules every stakemap CSV pair must obey
# (unique ids, no self-relationships, quality in (0, 1], ISO dates with
# until >= since) and the shape each map is meant to have (connected, every
# built-in kind present, periphery reached mainly through diplomats-for-hire,
# insular clusters). Run with /usr/bin/python3 (needs networkx):
#
#     /usr/bin/python3 examples/data/check.py [FOLDER ...]
#
# Without arguments it checks examples/data/embassy and examples/data/generated,
# and that generate.py with its default seed still writes the committed files.
# Exits 1 and names the problem when a check fails.
# SPDX-License-Identifier: GPL-2.0-or-later

import csv
import datetime
import filecmp
import math
import os
import subprocess
import sys
import tempfile

import networkx as nx

KINDS = ["diplomat", "government", "multilateral", "business", "ngo", "philanthropy", "media",
         "academia", "alumni", "diaspora", "diplomat_for_hire", "civil_society", "youth",
         "influencer", "data_science", "other"]
REL_KINDS = {"formal", "informal", "funding", "media", "advisory"}
HERE = os.path.dirname(os.path.abspath(__file__))

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg)


def read(folder):
    with open(os.path.join(folder, "actors.csv"), newline="", encoding="utf-8") as f:
        actors = list(csv.DictReader(f))
    with open(os.path.join(folder, "relationships.csv"), newline="", encoding="utf-8") as f:
        rels = list(csv.DictReader(f))
    return actors, rels


def check_rules(name, actors, rels):
    ids = {}
    for line, a in enumerate(actors, start=2):
        if not a["id"]:
            fail(f"{name}/actors.csv:{line}: empty id")
        if a["id"] in ids:
            fail(f"{name}/actors.csv:{line}: duplicate id {a['id']!r}")
        ids[a["id"]] = a
        if a["kind"] not in KINDS:
            fail(f"{name}/actors.csv:{line}: kind {a['kind']!r} is not built in")
        if a["gender"] not in ("f", "m"):
            fail(f"{name}/actors.csv:{line}: gender {a['gender']!r}")
        if a["region"] not in ("capital", "periphery"):
            fail(f"{name}/actors.csv:{line}: region {a['region']!r}")
        if a["age_group"] not in ("youth", "adult", "senior"):
            fail(f"{name}/actors.csv:{line}: age_group {a['age_group']!r}")
        s = float(a["stance"])
        if not -1.0 <= s <= 1.0:
            fail(f"{name}/actors.csv:{line}: stance {a['stance']!r} outside [-1, 1]")
    missing = set(KINDS) - {a["kind"] for a in actors}
    if missing:
        fail(f"{name}: kinds never used: {sorted(missing)}")
    dated = ended = 0
    for line, r in enumerate(rels, start=2):
        where = f"{name}/relationships.csv:{line}"
        if r["source"] not in ids or r["target"] not in ids:
            fail(f"{where}: unknown actor in {r['source']!r} -- {r['target']!r}")
        if r["source"] == r["target"]:
            fail(f"{where}: self-relationship {r['source']!r}")
        q = float(r["quality"])
        if not (q > 0.0 and q <= 1.0) or math.isnan(q):
            fail(f"{where}: quality {r['quality']!r} outside (0, 1]")
        if r["kind"] not in REL_KINDS:
            fail(f"{where}: relationship kind {r['kind']!r}")
        since = until = None
        if r["since"]:
            since = datetime.date.fromisoformat(r["since"])
        if r["until"]:
            until = datetime.date.fromisoformat(r["until"])
        if since or until:
            dated += 1
        if until:
            ended += 1
        if since and until and until < since:
            fail(f"{where}: until {r['until']} before since {r['since']}")
    return ids, dated, ended


def graph(actors, rels):
    g = nx.Graph()
    for a in actors:
        g.add_node(a["id"], **a)
    for r in rels:  # multi-relationships merged by max quality, as stakemap does
        q = float(r["quality"])
        if g.has_edge(r["source"], r["target"]):
            q = max(q, g.edges[r["source"], r["target"]]["quality"])
        g.add_edge(r["source"], r["target"], quality=q)
    return g


def periphery_bridges(g, community):
    """Ties between periphery communities and the rest: how many touch a diplomat_for_hire."""
    kind = nx.get_node_attributes(g, "kind")
    cross = via = 0
    for u, v in g.edges():
        if community(u) != community(v):
            cross += 1
            if kind[u] == "diplomat_for_hire" or kind[v] == "diplomat_for_hire":
                via += 1
    return cross, via


def check(folder):
    name = os.path.basename(os.path.normpath(folder))
    actors, rels = read(folder)
    ids, dated, ended = check_rules(name, actors, rels)
    g = graph(actors, rels)
    kind = nx.get_node_attributes(g, "kind")
    region = nx.get_node_attributes(g, "region")
    comps = nx.number_connected_components(g)
    print(f"{name}: {g.number_of_nodes()} actors, {len(rels)} relationships "
          f"({g.number_of_edges()} pairs), density {nx.density(g):.4f}, "
          f"{comps} component(s), {dated} dated, {ended} ended")
    if comps != 1:
        fail(f"{name}: {comps} components, expected a connected map")

    # Periphery reached through diplomats-for-hire: for the embassy map the
    # periphery is the region; for the generated map the periphery communities.
    if "cluster" in actors[0]:
        cluster = nx.get_node_attributes(g, "cluster")
        comm = lambda u: cluster[u].startswith("periphery")  # noqa: E731
    else:
        comm = lambda u: region[u] == "periphery"  # noqa: E731
    cross, via = periphery_bridges(g, comm)
    print(f"  periphery ties to the rest: {cross}, through a diplomat_for_hire: {via} "
          f"({100.0 * via / max(cross, 1):.0f}%)")
    if via < 0.8 * cross:
        fail(f"{name}: only {via} of {cross} periphery ties go through a diplomat_for_hire")
    h = g.subgraph([u for u in g if kind[u] != "diplomat_for_hire"])
    dipl = {u for u in h if kind[u] == "diplomat"}
    reach = set().union(*(nx.node_connected_component(h, d) for d in dipl)) if dipl else set()
    per = [u for u in h if comm(u)]
    cut = sum(1 for u in per if u not in reach)
    print(f"  without diplomats-for-hire, {cut} of {len(per)} periphery actors are cut off "
          f"from the diplomats")
    if cut < 0.5 * len(per):
        fail(f"{name}: removing diplomats-for-hire cuts off only {cut} of {len(per)}")

    if "cluster" in actors[0]:
        cluster = nx.get_node_attributes(g, "cluster")
        for c in sorted(set(cluster.values())):
            if c == "core" or c.startswith("periphery") or c == "brokers":
                continue
            members = {u for u in g if cluster[u] == c}
            internal = sum(1 for u, v in g.edges(members) if v in members)
            external = sum(1 for u, v in g.edges(members) if v not in members)
            ei = (external - internal) / (external + internal)
            kinds = [kind[u] for u in members]
            top = max(set(kinds), key=kinds.count)
            share = kinds.count(top) / len(kinds)
            print(f"  {c}: {len(members)} actors, {internal} ties inside, {external} out, "
                  f"E-I {ei:+.2f}, {top} {100 * share:.0f}%")
            if ei > -0.7 or share < 0.5:
                fail(f"{name}: cluster {c} is not an insular, one-kind bubble")
    else:
        bubble = ["min_water", "ps_water", "min_finance", "mp_chair", "agri_exports",
                  "dam_builders", "bottling_co", "chamber_comm"]
        members = set(bubble)
        internal = sum(1 for u, v in g.edges(members) if v in members)
        external = sum(1 for u, v in g.edges(members) if v not in members)
        print(f"  business-government bubble: {internal} ties inside "
              f"(density {internal / 28:.2f}), {external} out, "
              f"E-I {(external - internal) / (external + internal):+.2f}")
        if internal < 2 * external:
            fail(f"{name}: the business-government cluster is not insular")
        # The figures examples/c/map_overview.c prints (and its test expects).
        women = {u for u in g if g.nodes[u]["gender"] == "f" and region[u] == "periphery"}
        among = sum(1 for r in rels if r["source"] in women and r["target"] in women)
        out = [r for r in rels if (r["source"] in women) != (r["target"] in women)]
        dfh = sum(1 for r in out if "diplomat_for_hire" in (kind[r["source"]], kind[r["target"]]))
        print(f"  women in the periphery: {len(women)} actors, {among} relationships among "
              f"them, {len(out)} ties out, {dfh} with a diplomat_for_hire")
        if (len(women), among, len(out), dfh) != (5, 6, 13, 6):
            fail(f"{name}: women in the periphery no longer match examples/c/CMakeLists.txt")
    return name


def check_generator():
    """generate.py with the default seed reproduces generated/ byte for byte."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), "--out", tmp],
                       check=True, stdout=subprocess.DEVNULL)
        for name in ("actors.csv", "relationships.csv"):
            if not filecmp.cmp(os.path.join(tmp, name),
                               os.path.join(HERE, "generated", name), shallow=False):
                fail(f"generated/{name} differs from what generate.py writes; rerun it")
    print("generate.py reproduces generated/")


def main():
    folders = sys.argv[1:] or [os.path.join(HERE, "embassy"), os.path.join(HERE, "generated")]
    for folder in folders:
        check(folder)
    if not sys.argv[1:]:
        check_generator()
    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
