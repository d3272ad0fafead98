# stakemap — stakeholder network mapping
# SPDX-License-Identifier: GPL-2.0-or-later
"""Generate a stakeholder map as a CSV pair for bench/report/run: N actors in
communities of about 100 (85 % of ties inside), built-in kinds (half by
community, half mixed), a gender attribute, qualities in {0.2, …, 1}.

    gen.py FOLDER ACTORS RELATIONSHIPS SEED
"""
import os
import random
import sys

KINDS = ["diplomat", "government", "multilateral", "business", "ngo", "philanthropy", "media",
         "academia", "alumni", "diaspora", "diplomat_for_hire", "civil_society", "youth",
         "influencer", "data_science", "other"]


def main(folder, n, m, seed):
    rnd = random.Random(seed)
    size = 100
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "actors.csv"), "w", encoding="utf-8") as f:
        f.write("id,label,kind,gender\n")
        for i in range(n):
            kind = KINDS[(i // size) % len(KINDS)] if rnd.random() < 0.5 else rnd.choice(KINDS)
            f.write(f"a{i},Actor {i},{kind},{rnd.choice('fm')}\n")
    seen = set()
    m = min(m, n * (n - 1) // 2)
    with open(os.path.join(folder, "relationships.csv"), "w", encoding="utf-8") as f:
        f.write("source,target,quality\n")
        while len(seen) < m:
            a = rnd.randrange(n)
            if rnd.random() < 0.85:
                base = (a // size) * size
                b = base + rnd.randrange(min(size, n - base))
            else:
                b = rnd.randrange(n)
            key = (min(a, b), max(a, b))
            if a == b or key in seen:
                continue
            seen.add(key)
            f.write(f"a{a},a{b},{rnd.choice((0.2, 0.4, 0.6, 0.8, 1.0))}\n")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
