# stakemap — stakeholder network mapping
# SPDX-License-Identifier: GPL-2.0-or-later
"""Reach against NetworkX in the same run (bench/gaps/run): a generated graph
written as a CSV pair; `stakemap gaps` (reach, coverage and standing by kind,
no recommendations) timed as a whole command against NetworkX's
multi_source_dijkstra on -ln q (unlimited hops) and a k-round relaxation in
Python (k = 2). Values must agree to 1e-12. One JSON line per comparison.

    peers.py STAKEMAP_BIN WORKDIR ACTORS RELATIONSHIPS [SEED]
"""
import json
import math
import os
import random
import subprocess
import sys
import time

import networkx as nx


def main():
    binary, work, n, m = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    seed = int(sys.argv[5]) if len(sys.argv) > 5 else 1
    rng = random.Random(seed)
    folder = os.path.join(work, f"peer-a{n}-r{m}-s{seed}")
    os.makedirs(folder, exist_ok=True)
    G = nx.Graph()
    G.add_nodes_from(f"a{i}" for i in range(n))
    edges = 0  # G.number_of_edges() is O(n): count here
    while edges < m:
        u = rng.randrange(n)
        v = u // 1000 * 1000 + rng.randrange(1000) if rng.random() < 0.8 else rng.randrange(n)
        if v < n and v != u and not G.has_edge(f"a{u}", f"a{v}"):
            G.add_edge(f"a{u}", f"a{v}", q=round(rng.uniform(0.05, 1.0), 6))
            edges += 1
    with open(os.path.join(folder, "actors.csv"), "w") as f:
        f.write("id,label,kind\n")
        for i in range(n):
            f.write(f"a{i},,{'diplomat' if i < n // 400 else 'other'}\n")
    with open(os.path.join(folder, "relationships.csv"), "w") as f:
        f.write("source,target,quality\n")
        for u, v, d in G.edges(data=True):
            f.write(f"{u},{v},{d['q']!r}\n")
    focal = {f"a{i}" for i in range(n // 400)}
    for u, v, d in G.edges(data=True):
        d["nl"] = -math.log(d["q"])

    for hops in (0, 2):
        t = time.perf_counter()
        r = subprocess.run([binary, "gaps", folder, "--focal", "kind = diplomat", "--hops",
                            str(hops), "--recommend", "0", "--standing-by", "kind",
                            "--format", "json", "--quiet"], capture_output=True, text=True)
        ours = time.perf_counter() - t
        assert r.returncode == 0, r.stderr
        got = {a["id"]: a["quality"] for a in json.loads(r.stdout)["actors"]}
        t = time.perf_counter()
        if hops == 0:
            H = G.to_directed()
            H.remove_edges_from([(u, v) for u, v in H.edges if v in focal])
            dist = nx.multi_source_dijkstra_path_length(H, focal, weight="nl")
            want = {v: math.exp(-d) for v, d in dist.items()}
            peer = "networkx multi_source_dijkstra"
        else:
            q = {v: 1.0 if v in focal else 0.0 for v in G}
            for _ in range(hops):
                nq = dict(q)
                for u, v, d in G.edges(data=True):
                    for a, b in ((u, v), (v, u)):
                        if q[a] > 0 and b not in focal and q[a] * d["q"] > nq[b]:
                            nq[b] = q[a] * d["q"]
                q = nq
            want = {v: x for v, x in q.items() if x > 0}
            peer = "python k-round relaxation"
        theirs = time.perf_counter() - t
        worst = max(abs(got[v] - want.get(v, 0.0)) for v in G)
        print(json.dumps({"actors": n, "relationships": m, "hops": hops,
                          "stakemap_command_s": round(ours, 3), "peer": peer,
                          "peer_s": round(theirs, 3), "ratio": round(theirs / ours, 1),
                          "max_abs_diff": worst}))
        if worst > 1e-12:
            sys.exit(3)


main()
