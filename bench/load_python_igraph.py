#!/usr/bin/python3
# stakemap — stakeholder network mapping
# SPDX-License-Identifier: GPL-2.0-or-later
"""Time python-igraph's Graph.Read_Ncol on the benchmark edges.

    /usr/bin/python3 load_python_igraph.py DIR

Reads DIR/edges.ncol ("source target quality", the same relationships as
relationships.csv) undirected, with names and weights, and prints one line of
JSON like the other loaders. Peak RSS is ru_maxrss of this process (the
interpreter and the igraph module included: about 30 MB).
"""
import json
import os
import resource
import sys
import time

import igraph


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: load_python_igraph.py DIR")
    path = os.path.join(sys.argv[1], "edges.ncol")
    c0 = time.process_time()
    t0 = time.perf_counter()
    g = igraph.Graph.Read_Ncol(path, names=True, weights=True, directed=False)
    t1 = time.perf_counter()
    c1 = time.process_time()
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({
        "tool": "python-igraph",
        "seconds": round(t1 - t0, 3),
        "load_s": round(t1 - t0, 3),
        "freeze_s": 0,
        "cpu_s": round(c1 - c0, 3),
        "peak_rss_mb": round(peak_kb / 1024.0, 1),
        "actors": g.vcount(),
        "relationships": g.ecount(),
    }, separators=(",", ":")))


if __name__ == "__main__":
    main()
