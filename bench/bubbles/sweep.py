#!/usr/bin/python3
# stakemap — stakeholder network mapping
# SPDX-License-Identifier: GPL-2.0-or-later
"""The threshold sweep behind the defaults of `stakemap bubbles` (docs/bubbles.md).

Generates planted-partition maps (seeded), runs `stakemap bubbles --format json`
once on each (Leiden, default seed), and for a grid of (ei_threshold,
diversity_threshold) counts the maps on which the flagged groups are exactly the
planted bubbles. The flags are a pure function of the groups table (rescaled
E-I, kind entropy, size), so the grid is evaluated from one run per map.

Each map: 8 to 12 clusters of 20 to 60 actors (sizes vary, to show the
rescaled E-I does not depend on size); each cluster is insular or open, and
homogeneous or diverse, at random (at least one of each kind of cluster):
  insular: inside pairs tied with probability 0.5, outwardness 0.005
  open:    inside 0.3, outwardness 0.05
  (a pair in clusters a != b: sqrt(out_a * out_b))
  homogeneous: 90% one kind, the rest one other kind
  diverse:     kinds uniform over 8
Planted bubbles: insular AND homogeneous clusters. A detected group counts as
a planted cluster's when most of its members are.

    STAKEMAP_BIN=build/cli/stakemap bench/bubbles/sweep.py [--maps 20]
"""
import argparse
import csv
import json
import math
import os
import random
import subprocess
import tempfile

KINDS = ["business", "ngo", "media", "academia", "diaspora", "alumni", "youth", "government"]


def generate(seed, folder):
    rnd = random.Random(seed)
    c = rnd.randint(8, 12)
    types = [(i % 2 == 0, i % 4 < 2) for i in range(4)] + \
            [(rnd.random() < 0.5, rnd.random() < 0.5) for _ in range(c - 4)]
    rnd.shuffle(types)
    sizes = [rnd.randint(20, 60) for _ in range(c)]
    cluster, kinds = [], []
    for k, ((insular, homog), size) in enumerate(zip(types, sizes)):
        main, other = rnd.sample(range(8), 2)
        for _ in range(size):
            cluster.append(k)
            kinds.append(KINDS[(main if rnd.random() < 0.9 else other) if homog
                               else rnd.randrange(8)])
    n = len(cluster)
    out = [0.005 if types[k][0] else 0.05 for k in range(c)]
    rels = []
    for u in range(n):
        for v in range(u + 1, n):
            a, b = cluster[u], cluster[v]
            p = (0.5 if types[a][0] else 0.3) if a == b else math.sqrt(out[a] * out[b])
            if rnd.random() < p:
                rels.append((u, v, 0.5 + 0.5 * rnd.random()))
    with open(os.path.join(folder, "actors.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "label", "kind"])
        for i in range(n):
            w.writerow([f"a{i}", "", kinds[i]])
    with open(os.path.join(folder, "relationships.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["source", "target", "quality"])
        for u, v, q in rels:
            w.writerow([f"a{u}", f"a{v}", repr(q)])
    return cluster, types


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--maps", type=int, default=20)
    args = ap.parse_args()
    binary = os.environ.get("STAKEMAP_BIN", "stakemap")
    eis = [-0.3, -0.4, -0.5, -0.6, -0.7]
    divs = [0.2, 0.3, 0.35, 0.4, 0.5, 0.6]
    exact = {(e, d): 0 for e in eis for d in divs}
    wrong = {(e, d): 0 for e in eis for d in divs}
    groups = 0
    seen = {"insular": [], "open": [], "homogeneous": [], "diverse": []}
    for seed in range(1, args.maps + 1):
        with tempfile.TemporaryDirectory() as folder:
            cluster, types = generate(seed, folder)
            r = subprocess.run([binary, "bubbles", folder, "--format", "json", "--quiet"],
                               capture_output=True, text=True, check=True)
        out = json.loads(r.stdout)
        members = {}
        for a in out["actors"]:
            members.setdefault(a["group"], []).append(cluster[int(a["id"][1:])])
        planted_of = {g: max(set(m), key=m.count) for g, m in members.items()}
        truth = {g: types[c][0] and types[c][1] for g, c in planted_of.items()}
        for row in out["groups"]:
            t = types[planted_of[row["group"]]]
            if row["size"] >= 3 and row["ei_rescaled"] is not None:
                seen["insular" if t[0] else "open"].append(row["ei_rescaled"])
                seen["homogeneous" if t[1] else "diverse"].append(row["kind_entropy"])
        groups += len(out["groups"])
        for e in eis:
            for d in divs:
                bad = sum((row["size"] >= 3 and row["ei_rescaled"] is not None and
                           row["ei_rescaled"] < e and row["kind_entropy"] < d)
                          != truth[row["group"]] for row in out["groups"])
                exact[e, d] += bad == 0
                wrong[e, d] += bad
    print(f"{args.maps} maps; observed ranges over the detected groups (size >= 3):")
    for k, v in seen.items():
        what = "rescaled E-I" if k in ("insular", "open") else "kind entropy"
        print(f"  {k:12s} {what}: min {min(v):.2f}  max {max(v):.2f}  ({len(v)} groups)")
    print("maps on which exactly the planted bubbles are flagged "
          "(rows: ei_threshold, columns: diversity_threshold):")
    print("        " + "".join(f"{d:>7}" for d in divs))
    for e in eis:
        print(f"{e:>7} " + "".join(f"{exact[e, d]:>7}" for d in divs))
    print(f"groups flagged wrongly or missed, of {groups} detected groups:")
    print("        " + "".join(f"{d:>7}" for d in divs))
    for e in eis:
        print(f"{e:>7} " + "".join(f"{wrong[e, d]:>7}" for d in divs))


if __name__ == "__main__":
    main()
