# stakemap — stakeholder network mapping
# SPDX-License-Identifier: GPL-2.0-or-later
"""`stakemap convert` to the exports (GEXF, DOT, Pajek, Kumu), the help of every
command (each has an example), and the man page built by help2man.

What the readers make of the exports is checked in tests/python/test_exports_peers.py."""
import json
import os
import re
import shutil
import subprocess

import pytest

FORMATS = {  # --to word: (file name, how the file starts)
    "gexf": ("map.gexf", '<?xml version="1.0" encoding="UTF-8"?>\n<gexf '),
    "dot": ("map.dot", "// written by stakemap "),
    "pajek": ("map.net", "*Vertices 6\n"),
}


def assert_usage_error(r, *fragments):
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert r.stdout == ""
    lines = r.stderr.splitlines()
    assert len(lines) == 2 and lines[0].startswith("stakemap: "), r.stderr
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])


def assert_error(r, *fragments):
    assert r.returncode == 1, (r.stdout, r.stderr)
    lines = r.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("stakemap: "), r.stderr
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])


def files_under(path):
    return sorted(str(p.relative_to(path)) for p in path.rglob("*"))


# ---- exports ---------------------------------------------------------------------

@pytest.mark.parametrize("word", sorted(FORMATS))
def test_export_by_extension_and_by_to(stakemap, small_csv, tmp_path, word):
    name, start = FORMATS[word]
    by_ext = tmp_path / name
    r = stakemap("convert", small_csv, "-o", by_ext)
    assert r.returncode == 0, r.stderr
    assert r.stdout == ""
    # small_csv: 6 actors, 5 relationships (one pair twice).
    assert r.stderr == f"wrote {by_ext} (6 actors, 5 relationships)\n"
    assert by_ext.read_text(encoding="utf-8").startswith(start)
    forced = tmp_path / "export.data"
    r = stakemap("convert", small_csv, "-o", forced, "--to", word, "-q")
    assert r.returncode == 0 and r.stderr == ""
    assert forced.read_bytes() == by_ext.read_bytes()


def test_gv_is_dot(stakemap, small_csv, tmp_path):
    assert stakemap("convert", small_csv, "-o", tmp_path / "a.gv", "-q").returncode == 0
    assert stakemap("convert", small_csv, "-o", tmp_path / "a.dot", "-q").returncode == 0
    assert (tmp_path / "a.gv").read_bytes() == (tmp_path / "a.dot").read_bytes()


def test_pajek_content(stakemap, small_csv, tmp_path):
    out = tmp_path / "m.net"
    assert stakemap("convert", small_csv, "-o", out, "-q", "--directed").returncode == 0
    # The rows of small_csv, numbered a=1 ... f=6.
    assert out.read_text(encoding="utf-8") == (
        '*Vertices 6\n1 "a"\n2 "b"\n3 "c"\n4 "d"\n5 "e"\n6 "f"\n'
        "*Arcs\n1 2 0.5\n2 3 1\n1 3 0.1\n4 5 0.9\n4 5 0.3\n")


def test_kumu_only_when_asked(stakemap, small_csv, tmp_path):
    plain = tmp_path / "plain"
    assert stakemap("convert", small_csv, "-o", plain, "-q").returncode == 0
    assert files_under(plain) == ["actors.csv", "relationships.csv"]
    kumu = tmp_path / "kumu"
    r = stakemap("convert", small_csv, "-o", kumu, "--to", "kumu")
    assert r.returncode == 0, r.stderr
    assert r.stderr == f"wrote {kumu} (6 actors, 5 relationships)\n"
    assert files_under(kumu) == ["connections.csv", "elements.csv"]
    elements = (kumu / "elements.csv").read_text(encoding="utf-8").splitlines()
    assert elements[:2] == ["ID,Label,Type,gender,age", "a,Alice,ngo,f,34"]
    # f has an empty kind in small_csv: the reader made it "other".
    assert elements[6] == "f,Fatima,other,f,23"
    connections = (kumu / "connections.csv").read_text(encoding="utf-8").splitlines()
    assert connections[0] == "From,To,Type,Strength,Direction,Start,End"
    assert connections[1] == "a,b,formal,0.5,undirected,2020-01-01,"
    assert connections[4] == "d,e,media,0.9,undirected,,2021-06-30"
    # stakemap reads the Kumu folder back (summary of the same network).
    a = stakemap("summary", small_csv, "--format", "json")
    b = stakemap("summary", kumu, "--format", "json")
    assert a.returncode == 0 and b.returncode == 0, b.stderr
    sa, sb = json.loads(a.stdout)["summary"], json.loads(b.stdout)["summary"]
    assert sa == sb


def test_bad_to_lists_the_formats(stakemap, small_csv, tmp_path):
    assert_usage_error(stakemap("convert", small_csv, "-o", tmp_path / "x", "--to", "svg"),
                       "unknown network format 'svg'",
                       "(json, csv, graphml, gexf, dot, pajek or kumu)")


@pytest.mark.parametrize("name", ["m.gexf", "m.dot", "m.gv", "m.net"])
def test_exports_are_write_only(stakemap, small_csv, tmp_path, name):
    out = tmp_path / name
    assert stakemap("convert", small_csv, "-o", out, "-q").returncode == 0
    for command in ("summary", "validate"):
        r = stakemap(command, out)
        assert_error(r, str(out), "is write-only")
        assert r.stdout == ""


@pytest.mark.parametrize("name", ["m.gexf", "m.dot", "m.net"])
def test_unwritable_string_keeps_old_output(stakemap, tmp_path, name):
    doc = {"stakemap": 1, "directed": False,
           "actors": [{"id": "a", "label": "bell\u0007"}, {"id": "b"}],
           "relationships": [{"source": "a", "target": "b"}]}
    src = tmp_path / "in.json"
    src.write_text(json.dumps(doc), encoding="utf-8")
    out = tmp_path / name
    out.write_text("old\n")
    r = stakemap("convert", src, "-o", out)
    assert_error(r, 'actor "a": label holds U+0007')
    assert out.read_text() == "old\n"
    assert files_under(tmp_path) == sorted(["in.json", name])


@pytest.mark.parametrize("name", ["missing/m.gexf", "missing/m.dot", "missing/m.net"])
def test_export_into_missing_directory(stakemap, small_csv, tmp_path, name):
    before = files_under(tmp_path)
    assert_error(stakemap("convert", small_csv, "-o", tmp_path / name), "missing")
    assert files_under(tmp_path) == before


def test_kumu_into_missing_directory(stakemap, small_csv, tmp_path):
    before = files_under(tmp_path)
    r = stakemap("convert", small_csv, "-o", tmp_path / "missing" / "k", "--to", "kumu")
    assert_error(r, "cannot create folder")
    assert files_under(tmp_path) == before


# ---- help: every command has an example ------------------------------------------

def listed_commands(stakemap):
    r = stakemap("--help")
    assert r.returncode == 0
    block = r.stdout.split("Commands:\n", 1)[1].split("\n\n", 1)[0]
    names = [line.split()[0] for line in block.splitlines() if line.startswith("  ")]
    assert {"summary", "validate", "convert", "kinds"} <= set(names)
    return names


EXAMPLE = re.compile(r"^Examples?:\n  stakemap \S", re.M)


def test_general_help_has_an_example(stakemap):
    assert EXAMPLE.search(stakemap("--help").stdout)


def test_every_command_help_has_an_example(stakemap):
    missing = []
    for name in listed_commands(stakemap):
        for args in ((name, "--help"), ("help", name)):
            r = stakemap(*args)
            assert r.returncode == 0, (args, r.stderr)
            assert r.stdout.startswith(f"usage: stakemap {name}"), (args, r.stdout[:80])
            # The example line runs the command itself.
            if not re.search(rf"^Examples?:\n(  .*\n)*  stakemap {name}\b", r.stdout, re.M):
                missing.append(" ".join(args))
    assert not missing, f"help without an 'Example:' line running the command: {missing}"


# ---- man page ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def man_page():
    path = os.path.join(os.path.dirname(os.environ["STAKEMAP_BIN"]), "stakemap.1")
    if not os.path.exists(path):
        pytest.skip("no man page next to the command (help2man missing at configure time)")
    return path


def test_man_page_formats(man_page):
    groff = shutil.which("groff")
    if groff is None:
        pytest.skip("groff is not installed")
    r = subprocess.run([groff, "-man", "-Tutf8", "-ww", man_page], capture_output=True,
                       text=True, timeout=60)
    assert r.returncode == 0 and r.stderr == "", r.stderr
    text = re.sub(r".\x08", "", r.stdout)  # drop overstriking
    assert re.search(r"^NAME\n\s+stakemap - stakeholder network mapping", text, re.M), text[:300]
    for word in ("DESCRIPTION", "convert", "Example", "FILES", "SEE ALSO", "OUT.gexf"):
        assert word in text, word


def test_man_page_opens_with_man(man_page):
    man = shutil.which("man")
    if man is None:
        pytest.skip("man is not installed")
    r = subprocess.run([man, "-l", man_page], capture_output=True, text=True, timeout=60,
                       env={**os.environ, "MANPAGER": "cat", "PAGER": "cat", "MANWIDTH": "80"})
    assert r.returncode == 0, r.stderr
    assert "stakemap" in r.stdout and "convert" in r.stdout


def test_man_page_version(stakemap, man_page):
    version = stakemap("--version").stdout.split()[1]
    with open(man_page, encoding="utf-8") as f:
        head = f.read(2000)
    assert re.search(r'^\.TH STAKEMAP "1" ".*" "stakemap ' + re.escape(version) + '"', head,
                     re.M), head[:400]
