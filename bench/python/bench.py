# stakemap — stakeholder network mapping
# SPDX-License-Identifier: GPL-2.0-or-later
"""The Python side of the Python-overhead benchmark (bench/python/run).

    bench.py DATA REPEAT SAMPLES

The same sequence as sm_time.c through `import stakemap`: REPEAT loads of the CSV
pair, a warm-up PageRank, REPEAT PageRanks and sampled betweenness runs (fastest
of each; skipped when SAMPLES is -1); then the same CSV read by pandas (not timed) and REPEAT builds of a
Network from the two DataFrames with Network.from_pandas (fastest). One JSON
object on stdout.
"""
import json
import resource
import sys
import time

import pandas as pd

import stakemap


def fastest(fn, repeat):
    best, value = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        value = fn()
        best = min(best, time.perf_counter() - t)
    return best, value


def main():
    data, repeat, samples = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    load, net = fastest(lambda: stakemap.Network.load(data), repeat)
    pagerank = betweenness = 1e300  # as sm_time.c prints when skipped (SAMPLES -1)
    if samples >= 0:
        net.centrality(measures="pagerank", threads=1)
        pagerank = fastest(lambda: net.centrality(measures="pagerank", seed=1, threads=1),
                           repeat)[0]
        betweenness = fastest(lambda: net.centrality(measures="betweenness", samples=samples,
                                                     seed=1, threads=1), repeat)[0]
    n, m = len(net), len(net.relationships)
    net = None  # free it before the DataFrames are read
    actors = pd.read_csv(f"{data}/actors.csv", dtype=str, keep_default_na=False)
    rels = pd.read_csv(f"{data}/relationships.csv", dtype={"source": str, "target": str,
                                                           "kind": str},
                       keep_default_na=False)
    rels["kind"] = rels["kind"].replace("", None)
    build, built = fastest(lambda: stakemap.Network.from_pandas(actors, rels), repeat)
    assert len(built) == n and len(built.relationships) == m
    # The fixed cost of a call through Python, measured where the C work is nearly
    # nothing (2 actors): an upper bound of what the bindings add to any call.
    tiny = stakemap.Network()
    tiny.add_actors([{"id": "a"}, {"id": "b"}])
    tiny.add_relationship("a", "b", 0.5)
    calls = 20000
    fixed = fastest(lambda: [tiny.centrality(measures="pagerank", threads=1)
                             for _ in range(calls)], 3)[0] / calls
    print(json.dumps({"side": "Python", "load": load, "pagerank": pagerank,
                      "betweenness": betweenness, "from_pandas": build,
                      "call_on_2_actors": fixed, "actors": n,
                      "relationships": m,
                      "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


if __name__ == "__main__":
    main()
