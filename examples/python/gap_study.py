#!/usr/bin/python3
# stakemap — stakeholder network mapping
# SPDX-License-Identifier: GPL-2.0-or-later
"""A complete network-gap study on the sample embassy map.

Who do our diplomats reach, how well, where are the filter bubbles, which groups
stay out of reach, who are the unusual suspects, and which five new contacts
would close the gap fastest? With matplotlib installed, a figure of the map
(focal set, reach quality, recommended contacts) is saved as PNG.

    /usr/bin/python3 examples/python/gap_study.py [NETWORK] [--png FILE]
"""
import argparse
import os
import sys

import stakemap

HERE = os.path.dirname(os.path.abspath(__file__))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("network", nargs="?",
                    default=os.path.join(HERE, "..", "data", "embassy"))
    ap.add_argument("--focal", default="kind = 'diplomat'")
    ap.add_argument("--png", default="gap_study.png", help="figure file ('' for none)")
    args = ap.parse_args(argv)

    net = stakemap.Network.load(args.network)
    s = net.summary()
    print(f"{s['actors']} actors, {s['relationships']} relationships, "
          f"{s['components']} component(s), density {s['density']:.3f}")

    # 1. Who matters, who connects.
    top = net.centrality(measures=["betweenness", "pagerank"]).sort("betweenness").head(5)
    print("\nTop brokers by betweenness:")
    for row in top:
        print(f"  {row['id']:<16} betweenness {row['betweenness']:.3f}  "
              f"pagerank {row['pagerank']:.3f}")

    # 2. Filter bubbles.
    bubbles = net.bubbles(diversity_of=["gender", "region"], stance="stance")
    print(f"\n{bubbles.group_count} groups (modularity {bubbles.modularity:.3f}), "
          f"{bubbles.bubble_count} flagged as bubbles:")
    for g in bubbles.groups:
        if g["bubble"]:
            print(f"  {g['name']} ({g['size']} actors): {g['reason']}")

    # 3. The gap study from the focal set.
    study = net.gaps(focal=args.focal, target_by=["kind", "gender", "region"], hops=2,
                     recommend=5)
    print(f"\nFocal set: {study.focal_count} actors; reached {study.reached_count} of "
          f"{study.actors_total}; mean reach quality {study.mean_quality:.3f}; "
          f"diversity gap {study.diversity_gap:.3f}")
    print("\nLeast represented groups:")
    for row in sorted(study.coverage, key=lambda r: r["representation"])[:5]:
        group = f"{row['attribute']}={row['group']}"
        print(f"  {group:<22} reached {row['reached']}/{row['size']}  "
              f"representation {row['representation']:.2f}")
    print("\nUnusual suspects (standing x (1 - quality)):")
    for row in study.suspects.to_dicts()[:5]:
        print(f"  {row['rank']}. {row['id']:<16} {row['kind']:<18} score {row['score']:.3f}")
    print("\nRecommended new contacts:")
    for row in study.recommendations:
        print(f"  {row['rank']}. {row['id']:<16} gain {row['gain']:.3f}  opens {row['opens']}")

    if args.png:
        draw(net, study, args.png)
    return 0


def draw(net, study, path):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("\n(matplotlib is not installed: no figure)")
        return
    pos = {r["id"]: (r["x"], r["y"]) for r in net.layout(seed=1)}
    reach = study.actors.rows_by()
    picks = set(study.recommendations.column("id"))
    fig, ax = plt.subplots(figsize=(8, 6))
    for r in net.relationships:
        (x1, y1), (x2, y2) = pos[r["source"]], pos[r["target"]]
        ax.plot([x1, x2], [y1, y2], color="0.8", linewidth=0.5 + r["quality"], zorder=1)
    ids = list(pos)
    sc = ax.scatter([pos[i][0] for i in ids], [pos[i][1] for i in ids],
                    c=[reach[i]["quality"] for i in ids], cmap="viridis", vmin=0, vmax=1,
                    s=[160 if reach[i]["focal"] else 60 for i in ids],
                    edgecolors=["red" if i in picks else "black" for i in ids],
                    linewidths=[2 if i in picks else 0.5 for i in ids], zorder=2)
    for i in ids:
        if reach[i]["focal"] or i in picks:
            ax.annotate(i, pos[i], fontsize=7, xytext=(4, 4), textcoords="offset points")
    fig.colorbar(sc, ax=ax, label="reach quality from the focal set")
    ax.set_title("Reach of the focal set; red rings: recommended new contacts")
    ax.set_axis_off()
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    print(f"\nFigure saved to {path}")


if __name__ == "__main__":
    sys.exit(main())
