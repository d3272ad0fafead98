# stakemap — stakeholder network mapping
# SPDX-License-Identifier: GPL-2.0-or-later
"""Hostile files through the command (issue #9, docs/SECURITY.md "Limits").

A 1 GB file of garbage — in each format — is rejected in bounded memory: the
peak resident set of the command (os.wait4's ru_maxrss) stays under 64 MB and
the run takes seconds, not the time to read a gigabyte. The files are sparse
(a garbage head, then a hole that reads as zeros), so they cost no disk and
no time to make. GraphML entity expansion ("billion laughs") and external
entities are rejected in under a second.

The 1 GB cases run when STAKEMAP_LIMITS_BIG=1 (the `limits` ctest, label
`slow`, sets it, and STAKEMAP_SCRATCH to the build folder for the files);
the small cases run in the `cli` test too. The library's own limits are
tested in tests/unit/test_limits.c."""
import os
import random
import subprocess
import tempfile
import time

import pytest

GB = 1 << 30
RSS_LIMIT_KB = 64 * 1024

big = pytest.mark.skipif(os.environ.get("STAKEMAP_LIMITS_BIG") != "1",
                         reason="1 GB cases: run by the `limits` ctest (STAKEMAP_LIMITS_BIG=1)")


def run_measured(args, timeout=60):
    """Run the command under /usr/bin/time; return (exit code, stdout + stderr,
    peak RSS in KB, seconds). (os.wait4's ru_maxrss would not do: Linux keeps
    the high-water mark across exec, so it would report the forking Python.)"""
    binary = os.environ["STAKEMAP_BIN"]
    with tempfile.TemporaryDirectory() as tmp:
        rss_file = os.path.join(tmp, "rss")
        out = os.path.join(tmp, "out")
        start = time.monotonic()
        with open(out, "wb") as f:
            p = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss_file, binary,
                                *map(str, args)], stdin=subprocess.DEVNULL, stdout=f,
                               stderr=subprocess.STDOUT, timeout=timeout)
        elapsed = time.monotonic() - start
        with open(out, "rb") as f:
            text = f.read().decode("utf-8", "replace")
        with open(rss_file) as f:
            rss = int(f.read().split()[-1])
    return p.returncode, text, rss, elapsed


def sparse_file(path, head, size=GB):
    """`head`, then zeros up to `size` bytes, without writing the zeros."""
    with open(path, "wb") as f:
        f.write(head)
        f.truncate(size)
    assert os.path.getsize(path) == size
    return path


def garbage(n, seed):
    return random.Random(seed).randbytes(n)


@pytest.fixture
def scratch(tmp_path):
    """Where the 1 GB files go: the build folder when ctest says so."""
    base = os.environ.get("STAKEMAP_SCRATCH")
    if not base:
        yield tmp_path
        return
    folder = os.path.join(base, f"limits-{os.getpid()}")
    os.makedirs(folder, exist_ok=True)
    yield folder
    for name in os.listdir(folder):
        path = os.path.join(folder, name)
        if os.path.isdir(path):
            for inner in os.listdir(path):
                os.remove(os.path.join(path, inner))
            os.rmdir(path)
        else:
            os.remove(path)
    os.rmdir(folder)


def assert_rejected(args, *fragments):
    """Exit 1 with the error: one line "stakemap: …" on stderr, or for
    `validate` the problem then "1 problem" on stdout."""
    code, text, rss, seconds = run_measured(args)
    assert code == 1, text
    lines = text.splitlines()
    if args[0] == "validate":
        assert len(lines) == 2 and lines[1] == "1 problem", text
    else:
        assert len(lines) == 1 and lines[0].startswith("stakemap: "), text
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])
    assert rss < RSS_LIMIT_KB, f"peak RSS {rss} KB for {args}"
    print(f"{args[0]} {os.path.basename(str(args[1]))}: {rss} KB, {seconds:.3f} s")
    return rss, seconds


# ---- 1 GB of garbage ---------------------------------------------------------

@big
@pytest.mark.parametrize("head, fragment", [
    (b"", "not JSON: the input starts with byte 0x00"),
    (b"{", "zeros.json:1:2: NUL byte"),
    (b"{\"stakemap\": 1, \"actors\": [" + b" " * 100000, "NUL byte"),
    (b"\x89PNG\r\n\x1a\n" + garbage(1 << 20, 1), "zeros.json:1:1: malformed UTF-8 (byte 0x89)"),
    (b"GIF89a" + garbage(1 << 20, 6), "zeros.json:1:1: not JSON: the input starts with 'G'"),
    (b"{" + garbage(1 << 20, 2), "malformed UTF-8"),
], ids=["zeros", "brace-zeros", "prefix-zeros", "png", "gif", "brace-random"])
def test_json_gigabyte_of_garbage(scratch, head, fragment):
    path = sparse_file(os.path.join(scratch, "zeros.json"), head)
    assert_rejected(["validate", path], fragment)
    assert_rejected(["summary", path], fragment)


@big
@pytest.mark.parametrize("head, fragment", [
    (b"", "a cell is longer than 65536 bytes"),
    (b"source,target\n", "a cell is longer than 65536 bytes"),
    (b"source,target\n" + garbage(1 << 20, 3), "relationships.csv:"),
], ids=["zeros", "header-zeros", "header-random"])
def test_csv_gigabyte_of_garbage(scratch, head, fragment):
    folder = os.path.join(scratch, "pair")
    os.makedirs(folder, exist_ok=True)
    sparse_file(os.path.join(folder, "relationships.csv"), head)
    assert_rejected(["validate", folder], fragment)
    assert_rejected(["summary", folder], fragment)
    # Garbage as actors.csv, next to a good relationships file.
    with open(os.path.join(folder, "relationships.csv"), "w") as f:
        f.write("source,target\na,b\n")
    sparse_file(os.path.join(folder, "actors.csv"), head.replace(b"source,target", b"id,kind"))
    assert_rejected(["summary", folder], "actors.csv")


@big
@pytest.mark.parametrize("head, fragment", [
    (b"", "garbage.graphml:1"),
    (b"<?xml version=\"1.0\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">"
     b"<graph edgedefault=\"undirected\">", "garbage.graphml:2:88: XML error: not well-formed"),
    (b"<graphml>" + garbage(1 << 20, 4), "garbage.graphml:1"),
], ids=["zeros", "open-graph-zeros", "random"])
def test_graphml_gigabyte_of_garbage(scratch, head, fragment):
    path = sparse_file(os.path.join(scratch, "garbage.graphml"), head)
    assert_rejected(["validate", path], fragment)


# ---- GraphML entities ----------------------------------------------------------

LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 {entities}
]>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="l" for="node" attr.name="label" attr.type="string"/>
  <graph edgedefault="undirected">
    <node id="a"><data key="l">&lol{top};</data></node>
  </graph>
</graphml>
"""


def billion_laughs(levels=12):
    lines = []
    for k in range(1, levels + 1):
        prev = "lol" if k == 1 else f"lol{k - 1}"
        lines.append(f'<!ENTITY lol{k} "' + f"&{prev};" * 10 + '">')
    return LAUGHS.format(entities="\n ".join(lines), top=levels)


@pytest.mark.parametrize("text", [
    billion_laughs(),
    """<?xml version="1.0"?>
<!DOCTYPE g [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="undirected">
<node id="&xxe;"/></graph></graphml>
""",
    """<?xml version="1.0"?>
<!DOCTYPE g SYSTEM "http://example.invalid/evil.dtd">
<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="undirected">
<node id="a"/></graph></graphml>
""",
    """<?xml version="1.0"?>
<!DOCTYPE g [ <!ENTITY % p SYSTEM "http://example.invalid/p.dtd"> %p; ]>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="undirected">
<node id="a"/></graph></graphml>
""",
], ids=["billion-laughs", "external-entity", "external-dtd", "parameter-entity"])
def test_graphml_entities_rejected_quickly(tmp_path, text):
    path = tmp_path / "evil.graphml"
    path.write_text(text, encoding="utf-8")
    for command in ("validate", "summary"):
        rss, seconds = assert_rejected([command, path], "evil.graphml:2", "DOCTYPE not allowed")
        assert seconds < 1.0, f"{command}: {seconds:.2f} s"


def test_json_garbage_rejected_on_first_bytes(tmp_path):
    """A small file shows the same message a huge one would."""
    path = tmp_path / "photo.json"
    path.write_bytes(b"\xff\xd8\xff\xe0" + garbage(100000, 5))
    assert_rejected(["summary", path], "photo.json:1:1: malformed UTF-8 (byte 0xFF)")
    path.write_bytes(b"  <html>")
    assert_rejected(["summary", path], "photo.json:1:3: not JSON: the input starts with '<'")
