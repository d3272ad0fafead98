#!/usr/bin/python3
# Generate a synthetic stakeholder map of about 2,000 actors with known
# structure: insular bubbles, a well-mixed core, and periphery communities
# reached mainly through diplomats-for-hire. The model is described in
# examples/data/README.md. Standard library only; deterministic for a seed.
#
#     /usr/bin/python3 examples/data/generate.py [--seed N] [--out DIR]
#
# SPDX-License-Identifier: GPL-2.0-or-later

import argparse
import csv
import datetime
import os

import random

DEFAULT_SEED = 20261125
HERE = os.path.dirname(os.path.abspath(__file__))

ABBR = {"diplomat": "dip", "government": "gov", "multilateral": "mul", "business": "bus",
        "ngo": "ngo", "philanthropy": "phi", "media": "med", "academia": "aca", "alumni": "alu",
        "diaspora": "dia", "diplomat_for_hire": "dfh", "civil_society": "civ", "youth": "you",
        "influencer": "inf", "data_science": "dat", "other": "oth"}

FIRST_F = ["Amina", "Grace", "Esther", "Naomi", "Ruth", "Faith", "Sofia", "Leila", "Mary",
           "Janet", "Hannah", "Alice", "Beatrice", "Miriam", "Zawadi", "Wanjiku", "Sharon",
           "Fatuma", "Aisha", "Lena", "Helen", "Marta", "Nadia", "Rosa", "Achieng", "Halima",
           "Joy", "Agnes", "Irene", "Lucy", "Mercy", "Priya", "Selam", "Yasmin", "Clara", "Eva"]
FIRST_M = ["Daniel", "Peter", "Samuel", "Joseph", "David", "Kofi", "Arjun", "Olivier", "Henry",
           "Marco", "George", "Paul", "Ibrahim", "Nicholas", "Kevin", "Samir", "Youssef",
           "Brian", "Simon", "Tomas", "Robert", "Julius", "Alan", "Omar", "Hassan", "Moses",
           "Isaac", "John", "Felix", "Tariq", "Lukas", "Mateo", "Kwame", "Emeka", "Ali", "Victor"]
LAST = ["Odhiambo", "Mensah", "Diallo", "Haddad", "Kamau", "Otieno", "Achieng", "Wanjiru",
        "Chebet", "Brandt", "Lindqvist", "Muthoni", "Lokwang", "Waweru", "Nderitu", "Adongo",
        "Ouma", "Abdi", "Hassan", "Akiru", "Ekal", "Lokol", "Ebei", "Maina", "Ekiru", "Nakiru",
        "Kimani", "Omondi", "Mwikali", "Lotee", "Vos", "Berger", "Smith", "Mehta", "Dubois",
        "Ferreira", "Mwangi", "Tembo", "Anan", "Ndege", "Marangu", "Lusweti", "Nyambura",
        "Osei", "Banda", "Phiri", "Mutua", "Kiprono", "Nasser", "Rahman", "Costa", "Novak"]

TOWNS = ["tarsa", "miren", "lokori", "ambeli", "kisoro", "nadeli", "oruma", "sabeni"]

# Group model: size, kind mix, share living in the periphery, share of women,
# age mix (youth, adult, senior), stance (mean, sd), mean internal degree,
# internal quality Beta(a, b), probability of one tie out to the core.
GROUPS = [
    dict(name="bizgov", size=160, periphery=0.03, female=0.2, age=(0.03, 0.47, 0.5),
         stance=(-0.5, 0.2), degree=18, quality=(6, 2), out=0.35,
         kinds={"business": 0.65, "government": 0.32, "other": 0.03}),
    dict(name="diaspora", size=120, periphery=0.1, female=0.45, age=(0.15, 0.6, 0.25),
         stance=(0.2, 0.3), degree=12, quality=(5, 2.5), out=0.45,
         kinds={"diaspora": 0.85, "business": 0.05, "alumni": 0.05, "media": 0.05}),
    dict(name="ngo_echo", size=150, periphery=0.0, female=0.65, age=(0.25, 0.6, 0.15),
         stance=(0.75, 0.15), degree=14, quality=(5, 2), out=0.5,
         kinds={"ngo": 0.7, "philanthropy": 0.15, "civil_society": 0.1, "media": 0.05}),
    dict(name="core", size=900, periphery=0.05, female=0.45, age=(0.15, 0.6, 0.25),
         stance=(0.1, 0.4), degree=8, quality=(3, 3), out=0.0,
         kinds={"diplomat": 0.08, "government": 0.12, "multilateral": 0.06, "business": 0.12,
                "ngo": 0.08, "philanthropy": 0.04, "media": 0.09, "academia": 0.1,
                "alumni": 0.06, "diaspora": 0.03, "civil_society": 0.06, "youth": 0.05,
                "influencer": 0.04, "data_science": 0.04, "other": 0.03}),
] + [
    dict(name="periphery_" + town, size=80, periphery=1.0, female=0.55, age=(0.35, 0.45, 0.2),
         stance=(0.4, 0.3), degree=7, quality=(4, 2.5), out=0.0,
         kinds={"civil_society": 0.45, "youth": 0.25, "government": 0.08, "media": 0.07,
                "other": 0.07, "ngo": 0.05, "academia": 0.03})
    for town in TOWNS
] + [
    dict(name="brokers", size=30, periphery=0.5, female=0.4, age=(0.05, 0.6, 0.35),
         stance=(0.2, 0.3), degree=0, quality=(5, 2.5), out=0.0,
         kinds={"diplomat_for_hire": 1.0}),
]

REL_KINDS = ["formal", "informal", "funding", "media", "advisory"]
BOOST = {"philanthropy": {"funding": 4}, "multilateral": {"formal": 2, "funding": 1},
         "media": {"media": 5}, "influencer": {"media": 5}, "academia": {"advisory": 3},
         "data_science": {"advisory": 3}, "diplomat_for_hire": {"advisory": 2, "informal": 2},
         "government": {"formal": 2}, "diplomat": {"formal": 2},
         "business": {"informal": 1, "funding": 0.5}}

FIRST_DATE = datetime.date(2015, 1, 1)
LAST_DATE = datetime.date(2026, 10, 31)


class Generator:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.actors = []      # dicts
        self.weight = []      # activity weight of each actor (heavy-tailed)
        self.rels = []        # dicts
        self.pairs = set()    # (min, max) pairs already tied
        self.members = {}     # group name -> list of actor indices

    def pick(self, weights):
        keys = list(weights)
        return self.rng.choices(keys, weights=[weights[k] for k in keys])[0]

    def add_actors(self):
        rng = self.rng
        for g in GROUPS:
            idx = []
            for _ in range(g["size"]):
                i = len(self.actors)
                kind = self.pick(g["kinds"])
                female = rng.random() < (0.7 if kind == "civil_society" and g["periphery"] == 1.0
                                         else g["female"])
                age = "youth" if kind == "youth" else rng.choices(
                    ["youth", "adult", "senior"], weights=g["age"])[0]
                mean, sd = g["stance"]
                stance = min(1.0, max(-1.0, rng.gauss(mean, sd)))
                first = rng.choice(FIRST_F if female else FIRST_M)
                self.actors.append({
                    "id": f"{ABBR[kind]}_{i + 1:04d}",
                    "label": f"{first} {rng.choice(LAST)}",
                    "kind": kind,
                    "gender": "f" if female else "m",
                    "region": "periphery" if rng.random() < g["periphery"] else "capital",
                    "age_group": age,
                    "stance": f"{stance:.2f}",
                    "cluster": g["name"],
                })
                self.weight.append(min(rng.paretovariate(2.5), 8.0))
                idx.append(i)
            self.members[g["name"]] = idx

    def quality(self, ab):
        q = round(self.rng.betavariate(*ab), 2)
        return min(1.0, max(0.01, q))

    def rel_kind(self, u, v):
        w = {"formal": 3.0, "informal": 4.0, "funding": 0.3, "media": 0.3, "advisory": 1.0}
        for a in (u, v):
            for k, b in BOOST.get(self.actors[a]["kind"], {}).items():
                w[k] += b
        return self.pick(w)

    def tie(self, u, v, ab, dated=0.2):
        """Add a relationship u -- v unless u = v or the pair is tied already."""
        if u == v or (min(u, v), max(u, v)) in self.pairs:
            return False
        self.pairs.add((min(u, v), max(u, v)))
        self.rels.append(self.relationship(u, v, ab, dated))
        return True

    def relationship(self, u, v, ab, dated):
        rng = self.rng
        since = until = ""
        if rng.random() < dated:
            span = (LAST_DATE - FIRST_DATE).days
            start = FIRST_DATE + datetime.timedelta(days=rng.randrange(span - 60))
            since = start.isoformat()
            if rng.random() < 0.35:  # an alliance that has ended
                end = start + datetime.timedelta(days=rng.randrange(60, 1500))
                until = min(end, LAST_DATE).isoformat()
        a, b = (u, v) if rng.random() < 0.5 else (v, u)
        return {"source": self.actors[a]["id"], "target": self.actors[b]["id"],
                "quality": f"{self.quality(ab):g}", "kind": self.rel_kind(u, v),
                "since": since, "until": until}

    def sample(self, pool):
        """An actor of `pool`, chosen in proportion to its activity weight."""
        return self.rng.choices(pool, weights=[self.weight[i] for i in pool])[0]

    def wire_group(self, g):
        pool = self.members[g["name"]]
        want = round(len(pool) * g["degree"] / 2)
        made = tries = 0
        while made < want and tries < 20 * want:
            tries += 1
            made += self.tie(self.sample(pool), self.sample(pool), g["quality"])
        tied = {i for p in self.pairs for i in p}
        for i in pool:  # nobody is left alone in their own group
            if i not in tied:
                while not self.tie(i, self.rng.choice(pool), g["quality"]):
                    pass

    def wire(self):
        rng = self.rng
        core = self.members["core"]
        for g in GROUPS:
            if g["degree"]:
                self.wire_group(g)
        # Bubbles: a few weak ties out to the core.
        for name in ("bizgov", "diaspora", "ngo_echo"):
            g = next(x for x in GROUPS if x["name"] == name)
            for i in self.members[name]:
                if rng.random() < g["out"]:
                    self.tie(i, self.sample(core), (2, 4))
        # Diplomats-for-hire: each serves two periphery communities and keeps
        # ties to the core; contracts are dated more often than other ties.
        towns = ["periphery_" + t for t in TOWNS]
        brokers = self.members["brokers"]
        for n, b in enumerate(brokers):
            for town in (towns[n % len(towns)], towns[(n + 3) % len(towns)]):
                for _ in range(rng.randint(5, 8)):
                    self.tie(b, self.sample(self.members[town]), (5, 2.5), dated=0.45)
            for _ in range(rng.randint(4, 7)):
                self.tie(b, self.sample(core), (4, 3), dated=0.45)
            if rng.random() < 0.5:
                self.tie(b, rng.choice(brokers), (4, 3))
        # Three communities also have a weak direct tie or two (a local official
        # who knows a ministry, a local group funded by the NGO bubble).
        for town in towns[:3]:
            for target in ("core", "core", "ngo_echo"):
                if rng.random() < 0.8:
                    self.tie(self.sample(self.members[town]),
                             self.sample(self.members[target]), (2, 5))
        # Multi-relationships: about 1.5% of pairs also have a tie of another kind.
        for r in list(self.rels):
            if rng.random() < 0.015:
                u = self.index[r["source"]]
                v = self.index[r["target"]]
                extra = self.relationship(u, v, (3, 3), 0.2)
                if extra["kind"] != r["kind"]:
                    self.rels.append(extra)

    def connect(self):
        """Join any stray component to the core, so the map is connected."""
        parent = list(range(len(self.actors)))

        def find(x):
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for u, v in self.pairs:
            parent[find(u)] = find(v)
        core = self.members["core"]
        root = find(core[0])
        for i in range(len(self.actors)):
            if find(i) != root:
                self.tie(i, self.sample(core), (2, 4))
                parent[find(i)] = root

    def run(self):
        self.add_actors()
        self.index = {a["id"]: i for i, a in enumerate(self.actors)}
        self.wire()
        self.connect()
        self.rng.shuffle(self.rels)


def write(path, fields, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def main():
    ap = argparse.ArgumentParser(
        description="Generate the synthetic stakeholder map examples/data/generated.")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED,
                    help=f"random seed (default {DEFAULT_SEED})")
    ap.add_argument("--out", default=os.path.join(HERE, "generated"),
                    help="output folder (default examples/data/generated)")
    args = ap.parse_args()
    gen = Generator(args.seed)
    gen.run()
    os.makedirs(args.out, exist_ok=True)
    write(os.path.join(args.out, "actors.csv"),
          ["id", "label", "kind", "gender", "region", "age_group", "stance", "cluster"],
          gen.actors)
    write(os.path.join(args.out, "relationships.csv"),
          ["source", "target", "quality", "kind", "since", "until"], gen.rels)
    dated = sum(1 for r in gen.rels if r["since"])
    ended = sum(1 for r in gen.rels if r["until"])
    periphery = sum(1 for a in gen.actors if a["region"] == "periphery")
    print(f"seed {args.seed}: {len(gen.actors)} actors ({periphery} in the periphery), "
          f"{len(gen.rels)} relationships ({dated} dated, {ended} ended) -> {args.out}")


if __name__ == "__main__":
    main()
