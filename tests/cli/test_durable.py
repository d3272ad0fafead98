# stakemap — stakeholder network mapping
# SPDX-License-Identifier: GPL-2.0-or-later
"""Durable output (issue #9): a writer killed with SIGKILL at any moment
leaves the old output byte for byte, and nothing that could be taken for
output.

Every writer writes a temporary file beside the target and renames it over
the target once it is complete and synced (lib/core/atomic_file.c for
networks and tables, cli/output.c for the commands' multi-part output). The
temporary names are `<target>.tmp-XXXXXX` (library) and `<target>.tmp.XXXXXX`
(command), XXXXXX from mkstemp: never the target's name, never its
extension, so neither `stakemap` (which picks the format by extension) nor a
`*.json` / `*.csv` glob takes one for output. A kill cannot remove its own
temporary file; the tests check that whatever is left over has such a name
(docs/SECURITY.md, "Durable output").

Each case kills the command at fractions of its measured running time, and
also as soon as its temporary file appears and a little after, so that some
kills land in the middle of writing."""
import json
import os
import re
import signal
import subprocess
import time

import pytest

TEMP = re.compile(r"^(?P<target>.+)\.tmp[-.][A-Za-z0-9]{6}$")


def big_network(path, actors=15000, per_actor=4):
    """A JSON network large enough that converting it takes a while."""
    kinds = ["diplomat", "ngo", "media", "business", "academia"]
    with open(path, "w", encoding="utf-8") as f:
        f.write('{"stakemap": 1, "directed": false, "actors": [\n')
        for i in range(actors):
            f.write(('' if i == 0 else ',\n') + json.dumps(
                {"id": f"actor-{i:06d}", "label": f"Actor number {i}", "kind": kinds[i % 5],
                 "attributes": {"region": f"r{i % 17}", "age": 20 + i % 50}}))
        f.write('\n], "relationships": [\n')
        first = True
        for i in range(actors):
            for k in range(1, per_actor + 1):
                j = (i * 7919 + k * 104729) % actors
                if j == i:
                    continue
                f.write(('' if first else ',\n') + json.dumps(
                    {"source": f"actor-{i:06d}", "target": f"actor-{j:06d}",
                     "quality": round(0.05 + ((i + k) % 19) / 20, 3)}))
                first = False
        f.write('\n]}\n')
    return path


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    return big_network(tmp_path_factory.mktemp("durable") / "big.json")


def leftovers(folder, keep):
    """Files in `folder` other than `keep`; each must be a temporary file of a target."""
    found = []
    for name in sorted(os.listdir(folder)):
        if name in keep:
            continue
        m = TEMP.match(name)
        assert m, f"{name} is left in {folder} and is not a temporary file"
        assert m.group("target") in keep, f"{name} is the temporary file of an unknown target"
        assert not name.endswith((".json", ".csv", ".graphml")), name
        found.append(name)
    return found


def start(args):
    return subprocess.Popen([os.environ["STAKEMAP_BIN"], *map(str, args)],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def kill(p):
    p.send_signal(signal.SIGKILL)
    p.wait(timeout=30)


def timed_run(args):
    t0 = time.monotonic()
    p = start(args)
    assert p.wait(timeout=120) == 0, args
    return time.monotonic() - t0


def kill_schedule(args, folder, targets, restore, check, verify):
    """Run `args` once to the end (`verify()` its output) to time it, then
    kill it at fractions of that time and just after its first temporary
    file appears; after each kill `check()` the targets, then `restore()`
    them, accepting a target that is the whole new output instead
    (`verify()`). Returns how many kills found a temporary file (the command
    was writing)."""
    duration = timed_run(args)
    verify()
    assert leftovers(folder, targets) == []
    restore()
    def one_kill(how, delay):
        p = start(args)
        if how == "after":
            time.sleep(delay)
        else:
            deadline = time.monotonic() + 2 * duration + 5
            while p.poll() is None and time.monotonic() < deadline:
                if any(TEMP.match(n) for n in os.listdir(folder)):
                    break
                time.sleep(0.0005)
            time.sleep(delay)
        kill(p)
        left = leftovers(folder, targets)
        # Killed at any moment, each target is the old file or the whole new
        # one (the process may have renamed it into place and not yet exited).
        try:
            check()
        except AssertionError:
            verify()
        for name in left:
            os.remove(os.path.join(folder, name))
        restore()
        return bool(left)

    writing = 0
    for f in (0.1, 0.5, 0.9):
        writing += one_kill("after", f * duration)
    for d in (0.0, 0.01):
        writing += one_kill("temp", d)
    # On a loaded machine the polling can miss the moment of writing: try a
    # few more times before concluding that no kill can land there.
    for _ in range(8):
        if writing:
            break
        writing += one_kill("temp", 0.0)
    return writing


def test_convert_json_killed(big, tmp_path):
    out = tmp_path / "out.json"
    old = b'{\n  "stakemap": 1,\n  "directed": false,\n  "actors": [],\n  "relationships": []\n}\n'

    def restore():
        out.write_bytes(old)

    def check():
        assert out.read_bytes() == old, "out.json was changed by a killed writer"

    def verify():  # not killed, the command replaces the file with the whole network
        doc = json.loads(out.read_text(encoding="utf-8"))
        assert len(doc["actors"]) == 15000

    restore()
    writing = kill_schedule(["convert", big, "-o", out], tmp_path, {"out.json"}, restore, check,
                            verify)
    assert writing >= 1, "no kill landed while the output was being written"


def test_table_output_killed(big, tmp_path):
    out = tmp_path / "table.csv"
    old = b"id,degree\nold,1\n"

    def restore():
        out.write_bytes(old)

    def check():
        assert out.read_bytes() == old, "table.csv was changed by a killed writer"

    def verify():
        lines = out.read_text(encoding="utf-8").splitlines()
        assert lines[0].startswith("id,") and len(lines) == 15001

    restore()
    args = ["centrality", big, "--measures", "degree,strength,pagerank", "--format", "csv",
            "-o", out]
    kill_schedule(args, tmp_path, {"table.csv"}, restore, check, verify)


def test_csv_pair_killed(big, tmp_path):
    """The CSV pair is two files, each replaced atomically — not the pair as
    one: a kill between the two renames leaves the new actors.csv beside the
    old relationships.csv. Each file is always whole (old or new)."""
    folder = tmp_path / "pair"
    folder.mkdir()
    old = {"actors.csv": b"id,label,kind\nx,,other\ny,,other\n",
           "relationships.csv": b"source,target,quality\nx,y,0.5\n"}
    new = {}

    def restore():
        for name, data in old.items():
            (folder / name).write_bytes(data)

    def check():
        for name in old:
            data = (folder / name).read_bytes()
            assert data == old[name] or data == new[name], f"{name} is neither old nor new"

    def verify():
        new.update({name: (folder / name).read_bytes() for name in old})
        assert new["actors.csv"].count(b"\n") == 15001

    restore()
    args = ["convert", big, "-o", folder, "--to", "csv"]
    kill_schedule(args, folder, set(old), restore, check, verify)
