# stakemap — stakeholder network mapping
# SPDX-License-Identifier: GPL-2.0-or-later
"""Tests of the `stakemap` command: arguments, exit codes, output layouts, and
the figures of summary checked against hand counts and NetworkX."""
import csv
import io
import json
import os
import pty
import re
import subprocess

import networkx as nx
import pytest

COMMANDS = ["summary", "validate", "convert", "kinds"]
NETWORK_COMMANDS = ["summary", "validate", "convert"]

BUILTIN_KINDS = [
    "diplomat", "government", "multilateral", "business", "ngo", "philanthropy", "media",
    "academia", "alumni", "diaspora", "diplomat_for_hire", "civil_society", "youth",
    "influencer", "data_science", "other",
]


# ---- helpers ----------------------------------------------------------------

def assert_usage_error(r, *fragments):
    """Exit 2, nothing on stdout, a message line then a "try ... --help" line."""
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert r.stdout == ""
    lines = r.stderr.splitlines()
    assert len(lines) == 2, r.stderr
    assert lines[0].startswith("stakemap: ")
    assert re.fullmatch(r"try 'stakemap( [a-z]+)? --help'", lines[1]), lines[1]
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])


def assert_error(r, *fragments):
    """Exit 1 with one line "stakemap: <message>" on stderr."""
    assert r.returncode == 1, (r.stdout, r.stderr)
    lines = r.stderr.splitlines()
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith("stakemap: ")
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])


def parse_summary_csv(text):
    """The csv layout of summary: key,value table, blank line, long count table."""
    parts = re.split(r"\r?\n\r?\n", text.strip("\r\n"))
    assert len(parts) == 2, text
    kv = list(csv.reader(io.StringIO(parts[0])))
    assert kv[0] == ["key", "value"]
    summary = {k: v for k, v in kv[1:]}
    counts = list(csv.DictReader(io.StringIO(parts[1])))
    assert list(counts[0].keys()) == ["attribute", "value", "actors", "share"]
    return summary, counts


def counts_of(rows, attribute):
    return {r["value"]: int(r["actors"]) for r in rows if r["attribute"] == attribute}


def files_under(path):
    return sorted(str(p.relative_to(path)) for p in path.rglob("*"))


# ---- version and help ---------------------------------------------------------

def test_version(stakemap, source_dir):
    r = stakemap("--version")
    assert r.returncode == 0 and r.stderr == ""
    m = re.fullmatch(r"stakemap (\d+\.\d+\.\d+)\n", r.stdout)
    assert m, r.stdout
    with open(os.path.join(source_dir, "CMakeLists.txt"), encoding="utf-8") as f:
        project = re.search(r"project\(stakemap VERSION (\d+\.\d+\.\d+)", f.read())
    assert m.group(1) == project.group(1)


@pytest.mark.parametrize("args", [["--help"], ["-h"], ["help"]])
def test_general_help(stakemap, args):
    r = stakemap(*args)
    assert r.returncode == 0 and r.stderr == ""
    assert r.stdout.startswith("usage: stakemap COMMAND")
    for command in COMMANDS:
        assert re.search(rf"^  {command} ", r.stdout, re.M), command
    assert "Exit status" in r.stdout


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("form", ["option", "short", "help-command"])
def test_command_help(stakemap, command, form):
    args = {"option": [command, "--help"], "short": [command, "-h"],
            "help-command": ["help", command]}[form]
    r = stakemap(*args)
    assert r.returncode == 0 and r.stderr == ""
    assert r.stdout.startswith(f"usage: stakemap {command}")
    assert re.search(rf"^Examples?:\n  stakemap {command} ", r.stdout, re.M), r.stdout
    assert "Exit status" in r.stdout


def test_help_wins_over_missing_argument(stakemap):
    r = stakemap("convert", "--help")  # no NETWORK, no -o: help all the same
    assert r.returncode == 0 and r.stdout.startswith("usage: stakemap convert")


# ---- usage errors -------------------------------------------------------------

def test_no_command(stakemap):
    assert_usage_error(stakemap(), "missing command")


def test_unknown_command(stakemap):
    r = stakemap("frobnicate", "x.json")
    assert_usage_error(r, "unknown command 'frobnicate'")
    assert r.stderr.splitlines()[1] == "try 'stakemap --help'"


def test_help_unknown_command(stakemap):
    assert_usage_error(stakemap("help", "frobnicate"), "unknown command 'frobnicate'")


def test_unknown_global_option(stakemap):
    assert_usage_error(stakemap("--bogus"), "unknown option '--bogus'")
    assert_usage_error(stakemap("-x", "summary"), "unknown option '-x'")


@pytest.mark.parametrize("command", COMMANDS)
def test_unknown_command_option(stakemap, command, small_csv):
    r = stakemap(command, small_csv, "--bogus", "-o", "x")
    assert_usage_error(r, "unknown option '--bogus'")
    assert r.stderr.splitlines()[1] == f"try 'stakemap {command} --help'"


def test_unknown_short_option(stakemap, small_csv):
    assert_usage_error(stakemap("summary", small_csv, "-z"), "unknown option '-z'")


def test_option_of_another_command(stakemap):
    assert_usage_error(stakemap("kinds", "--by", "kind"),
                       "'kinds' does not take the option '--by'")


@pytest.mark.parametrize("command", NETWORK_COMMANDS)
def test_missing_network(stakemap, command):
    args = [command] + (["-o", "out.json"] if command == "convert" else [])
    assert_usage_error(stakemap(*args), f"'{command}' needs a NETWORK")


def test_extra_argument(stakemap, small_csv):
    assert_usage_error(stakemap("summary", small_csv, "other"), "unexpected argument 'other'")
    assert_usage_error(stakemap("kinds", "x"), "unexpected argument 'x'")


def test_missing_option_value(stakemap, small_csv):
    assert_usage_error(stakemap("summary", small_csv, "--format"), "'--format' needs a value")
    assert_usage_error(stakemap("summary", small_csv, "-o"), "'-o' needs a value")


@pytest.mark.parametrize("args, fragment", [
    (["--format", "xml"], "unknown format 'xml'"),
    (["--top", "0"], "--top needs a whole number above 0, not '0'"),
    (["--top", "ten"], "not 'ten'"),
    (["--by", "kind,,gender"], "empty attribute name"),
    (["--quiet=yes"], "'--quiet' takes no value"),
])
def test_bad_option_values(stakemap, small_csv, args, fragment):
    assert_usage_error(stakemap("summary", small_csv, *args), fragment)


def test_convert_needs_output(stakemap, small_csv):
    assert_usage_error(stakemap("convert", small_csv), "needs -o OUT")


def test_convert_bad_to(stakemap, small_csv, tmp_path):
    assert_usage_error(stakemap("convert", small_csv, "-o", tmp_path / "x", "--to", "svg"),
                       "unknown network format 'svg'")


def test_usage_error_before_reading(stakemap, tmp_path):
    # A usage error is reported even when NETWORK does not exist.
    assert_usage_error(stakemap("summary", tmp_path / "nope.json", "--format", "yaml"))


# ---- input errors ---------------------------------------------------------------

@pytest.mark.parametrize("command", NETWORK_COMMANDS)
def test_nonexistent_path(stakemap, command, tmp_path):
    missing = tmp_path / "no-such-network.json"
    args = [command, missing] + (["-o", tmp_path / "out.json"] if command == "convert" else [])
    r = stakemap(*args)
    assert_error(r, str(missing))
    assert r.stdout == ""
    assert not (tmp_path / "out.json").exists()


@pytest.mark.parametrize("command", ["summary", "convert"])
def test_folder_without_csv_pair(stakemap, command, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.txt").write_text("not a network\n")
    args = [command, empty] + (["-o", tmp_path / "out.json"] if command == "convert" else [])
    r = stakemap(*args)
    assert_error(r)
    assert "relationships.csv" in r.stderr or str(empty) in r.stderr
    assert not (tmp_path / "out.json").exists()


def test_parse_error_has_location(stakemap, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"stakemap": 1, "actors": [\n  {"id": "a"},\n  {"id": }\n]}\n')
    r = stakemap("summary", bad)
    assert_error(r, "bad.json:3")


def test_unknown_by_attribute(stakemap, small_csv, tmp_path):
    out = tmp_path / "s.csv"
    r = stakemap("summary", small_csv, "--by", "kind,shoe_size", "-o", out)
    assert_error(r, "shoe_size")
    assert not out.exists()


# ---- summary ----------------------------------------------------------------------

def test_summary_small_csv(stakemap, small_csv):
    r = stakemap("summary", small_csv, "--format", "csv")
    assert r.returncode == 0, r.stderr
    assert r.stderr == ""
    s, counts = parse_summary_csv(r.stdout)
    assert s["actors"] == "6"
    assert s["relationships"] == "5"
    assert s["directed"] == "false"
    assert s["pairs"] == "4"
    assert s["multi_relationships"] == "1"
    assert float(s["density"]) == pytest.approx(4 / 15, rel=1e-15)
    assert s["components"] == "3"
    assert s["largest_component"] == "3"
    assert "strong_components" not in s
    assert s["isolated"] == "1"
    assert float(s["mean_degree"]) == pytest.approx(2 * 5 / 6, rel=1e-15)
    assert float(s["quality_min"]) == 0.1
    assert float(s["quality_max"]) == 1.0
    assert float(s["quality_mean"]) == pytest.approx(0.56, rel=1e-15)
    assert float(s["quality_median"]) == 0.5
    assert [s[k] for k in ("quality_0-0.2", "quality_0.2-0.4", "quality_0.4-0.6",
                           "quality_0.6-0.8", "quality_0.8-1")] == ["1", "1", "1", "0", "2"]
    assert s["dated"] == "2"
    assert s["first_date"] == "2020-01-01"
    assert s["last_date"] == "2021-06-30"
    # kind and the string attribute gender by default; the numeric age is not categorical.
    assert counts_of(counts, "kind") == {"ngo": 2, "media": 2, "diplomat": 1, "other": 1}
    assert counts_of(counts, "gender") == {"f": 4, "m": 2}
    assert counts_of(counts, "age") == {}
    assert [r["attribute"] for r in counts][:4] == ["kind"] * 4
    # Sorted by count descending, then value; share = actors / 6.
    kind_rows = [r for r in counts if r["attribute"] == "kind"]
    assert [r["value"] for r in kind_rows] == ["media", "ngo", "diplomat", "other"]
    assert float(kind_rows[0]["share"]) == pytest.approx(2 / 6)


def test_summary_directed(stakemap, small_csv):
    r = stakemap("summary", small_csv, "--format", "csv", "--directed")
    assert r.returncode == 0, r.stderr
    s, _ = parse_summary_csv(r.stdout)
    assert s["directed"] == "true"
    assert s["components"] == "3"
    # a→b→c, a→c and d→e twice: no cycle, every actor its own strong component.
    assert s["strong_components"] == "6"
    assert float(s["density"]) == pytest.approx(4 / 30)


def test_summary_by_and_top(stakemap, small_csv):
    r = stakemap("summary", small_csv, "--format", "csv", "--by", "age, gender", "--top", "1")
    assert r.returncode == 0, r.stderr
    _, counts = parse_summary_csv(r.stdout)
    assert [r["attribute"] for r in counts] == ["age", "gender"]  # only --by, in order
    assert counts_of(counts, "gender") == {"f": 4}


def test_summary_json(stakemap, small_csv):
    r = stakemap("summary", small_csv, "--format", "json")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert set(doc) == {"summary", "by"}
    s = doc["summary"]
    assert s["actors"] == 6 and s["relationships"] == 5 and s["directed"] is False
    assert s["density"] == pytest.approx(4 / 15, rel=1e-15)
    assert s["quality_histogram"] == [1, 1, 1, 0, 2]
    assert s["first_date"] == "2020-01-01" and s["last_date"] == "2021-06-30"
    assert list(doc["by"]) == ["kind", "gender"]
    assert doc["by"]["gender"][0] == {"value": "f", "actors": 4,
                                      "share": pytest.approx(4 / 6)}


def test_summary_leaves_out_identifier_like_attributes(stakemap, csv_pair, tmp_path):
    # 40 actors, each with its own `fullname` (an identifier) and one of two regions.
    actors = [["id", "fullname", "region"]] + [[f"a{i}", f"Person {i}", "capital" if i % 2 else
                                            "periphery"] for i in range(40)]
    rels = [["source", "target"]] + [[f"a{i}", f"a{i + 1}"] for i in range(39)]
    folder = csv_pair(tmp_path / "ids", actors, rels)
    r = stakemap("summary", folder, "--format", "json")
    assert r.returncode == 0, r.stderr
    assert list(json.loads(r.stdout)["by"]) == ["kind", "region"]
    r = stakemap("summary", folder, "--by", "fullname", "--format", "json")
    assert r.returncode == 0, r.stderr
    assert len(json.loads(r.stdout)["by"]["fullname"]) == 40


def test_summary_json_without_relationships(stakemap, csv_pair, tmp_path):
    folder = csv_pair(tmp_path / "lonely", [["id", "kind"], ["a", "ngo"], ["b", "ngo"]],
                      [["source", "target", "quality"]])
    r = stakemap("summary", folder, "--format", "json")
    assert r.returncode == 0, r.stderr
    s = json.loads(r.stdout)["summary"]
    assert s["relationships"] == 0 and s["isolated"] == 2 and s["components"] == 2
    assert s["quality_min"] is None and s["quality_median"] is None
    assert s["first_date"] is None and s["dated"] == 0


def test_summary_table_format(stakemap, small_csv):
    r = stakemap("summary", small_csv, "--format", "table")
    assert r.returncode == 0, r.stderr
    assert re.search(r"^actors\s+6\s*$", r.stdout, re.M), r.stdout
    assert "actors by kind" in r.stdout and "actors by gender" in r.stdout
    assert "," not in r.stdout.splitlines()[1]


def test_summary_default_format_is_csv_on_a_pipe(stakemap, small_csv):
    r = stakemap("summary", small_csv)
    assert r.returncode == 0
    assert r.stdout.splitlines()[0] == "key,value"


def test_summary_output_file(stakemap, small_csv, tmp_path):
    out = tmp_path / "summary.json"
    r = stakemap("summary", small_csv, "-o", out)  # format from the extension
    assert r.returncode == 0, r.stderr
    assert r.stdout == ""
    assert json.loads(out.read_text())["summary"]["actors"] == 6
    out_csv = tmp_path / "summary.txt"
    r = stakemap("summary", small_csv, "-o", out_csv, "--format", "csv")
    assert r.returncode == 0, r.stderr
    assert parse_summary_csv(out_csv.read_text())[0]["pairs"] == "4"
    assert files_under(tmp_path).count("summary.json") == 1
    assert not [f for f in files_under(tmp_path) if ".tmp" in f]


def test_summary_output_in_missing_directory(stakemap, small_csv, tmp_path):
    out = tmp_path / "missing" / "summary.csv"
    r = stakemap("summary", small_csv, "-o", out)
    assert_error(r, str(out))
    assert not (tmp_path / "missing").exists()


def test_summary_karate(stakemap, karate_csv):
    g = nx.karate_club_graph()
    r = stakemap("summary", karate_csv, "--format", "json")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    s = doc["summary"]
    assert s["actors"] == 34 == g.number_of_nodes()
    assert s["relationships"] == 78 == g.number_of_edges()
    assert s["pairs"] == 78 and s["multi_relationships"] == 0
    assert s["density"] == pytest.approx(nx.density(g), rel=1e-12)
    assert s["density"] == pytest.approx(0.13903743315508021, rel=1e-12)
    assert s["components"] == 1 == nx.number_connected_components(g)
    assert s["largest_component"] == 34
    assert s["isolated"] == 0
    assert s["mean_degree"] == pytest.approx(2 * 78 / 34)
    weights = sorted(d["weight"] / 7 for _, _, d in g.edges(data=True))
    assert s["quality_min"] == pytest.approx(weights[0])
    assert s["quality_max"] == 1.0
    assert s["quality_mean"] == pytest.approx(sum(weights) / len(weights))
    assert sum(s["quality_histogram"]) == 78
    clubs = {row["value"]: row["actors"] for row in doc["by"]["club"]}
    expected = {}
    for v in g.nodes:
        expected[g.nodes[v]["club"]] = expected.get(g.nodes[v]["club"], 0) + 1
    assert clubs == expected == {"Mr. Hi": 17, "Officer": 17}


# ---- validate ---------------------------------------------------------------------

def test_validate_three_problems(stakemap, csv_pair, tmp_path):
    folder = csv_pair(tmp_path / "bad", [
        ["id", "label", "kind"],
        ["a", "A", "ngo"],
        ["b", "B", "media"],
        ["a", "Again", "ngo"],   # line 4: duplicate id
        ["c", "C", "diplomat"],
    ], [
        ["source", "target", "quality"],
        ["a", "b", "0.5"],
        ["a", "zed", "0.5"],     # line 3: unknown actor
        ["b", "c", "1.7"],       # line 4: quality outside (0, 1]
        ["c", "a", "0.2"],
    ])
    r = stakemap("validate", folder)
    assert r.returncode == 1, (r.stdout, r.stderr)
    assert r.stderr == ""
    lines = r.stdout.splitlines()
    assert len(lines) == 4, r.stdout
    assert lines[-1] == "3 problems"
    problems = lines[:3]
    assert all(re.match(r".*\.csv:\d+(:\d+)?: ", p) for p in problems), problems
    by_place = {re.match(r".*?((?:actors|relationships)\.csv:\d+)", p).group(1): p
                for p in problems}
    assert set(by_place) == {"actors.csv:4", "relationships.csv:3", "relationships.csv:4"}
    assert '"a"' in by_place["actors.csv:4"] or "'a'" in by_place["actors.csv:4"]
    assert "zed" in by_place["relationships.csv:3"]
    assert "1.7" in by_place["relationships.csv:4"]


def test_validate_table_and_quiet(stakemap, csv_pair, tmp_path):
    folder = csv_pair(tmp_path / "bad", [["id"], ["a"], ["b"]],
                      [["source", "target", "quality"], ["a", "b", "0"]])
    r = stakemap("validate", folder, "--format", "json")
    assert r.returncode == 1
    problems = json.loads(r.stdout)
    assert len(problems) == 1
    assert problems[0]["line"] == 2 and problems[0]["file"].endswith("relationships.csv")
    assert problems[0]["message"].startswith("quality "), problems[0]["message"]  # no location
    r = stakemap("validate", folder, "--quiet")
    assert r.returncode == 1 and r.stdout == "" and r.stderr == ""


def test_validate_valid(stakemap, karate_csv):
    r = stakemap("validate", karate_csv)
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout == f"{karate_csv}: valid (34 actors, 78 relationships)\n"
    r = stakemap("validate", karate_csv, "-q")
    assert r.returncode == 0 and r.stdout == ""


# ---- convert ----------------------------------------------------------------------

@pytest.mark.parametrize("rich", [False, True], ids=["basic", "rich"])
def test_convert_round_trip(stakemap, karate_document, tmp_path, rich):
    source = tmp_path / "karate.json"
    source.write_text(json.dumps(karate_document(rich), indent=2), encoding="utf-8")
    first = tmp_path / "first.json"
    steps = [
        (source, first),
        (first, tmp_path / "pair"),
        (tmp_path / "pair", tmp_path / "karate.graphml"),
        (tmp_path / "karate.graphml", tmp_path / "last.json"),
    ]
    for src, dst in steps:
        r = stakemap("convert", src, "-o", dst)
        assert r.returncode == 0, r.stderr
        assert r.stdout == ""
        assert r.stderr.startswith(f"wrote {dst} (34 actors, 78 relationships)")
    assert (tmp_path / "pair" / "actors.csv").is_file()
    assert (tmp_path / "pair" / "relationships.csv").is_file()
    assert (tmp_path / "last.json").read_bytes() == first.read_bytes()
    # And the JSON written holds what went in.
    doc = json.loads(first.read_text(encoding="utf-8"))
    want = karate_document(rich)
    assert [a["id"] for a in doc["actors"]] == [a["id"] for a in want["actors"]]
    assert [a["attributes"]["club"] for a in doc["actors"]] == \
        [a["attributes"]["club"] for a in want["actors"]]
    assert [r["quality"] for r in doc["relationships"]] == \
        [r["quality"] for r in want["relationships"]]
    if rich:
        assert [a["kind"] for a in doc["actors"]] == [a["kind"] for a in want["actors"]]
        assert [r.get("since") for r in doc["relationships"]] == \
            [r.get("since") for r in want["relationships"]]


def test_convert_whole_numbers(stakemap, karate_document, tmp_path):
    """Whole numbers are written as such (20, not 2e+01) in JSON and CSV."""
    source = tmp_path / "karate.json"
    source.write_text(json.dumps(karate_document(True)), encoding="utf-8")
    for out in (tmp_path / "k.json", tmp_path / "pair"):
        r = stakemap("convert", source, "-o", out, "-q")
        assert r.returncode == 0, r.stderr
    text = (tmp_path / "k.json").read_text(encoding="utf-8")
    assert [a["attributes"]["age"] for a in json.loads(text)["actors"]] == list(range(20, 54))
    assert re.search(r'"age":\s*20[\s,}]', text), text[:400]
    actors_csv = (tmp_path / "pair" / "actors.csv").read_text(encoding="utf-8")
    assert actors_csv.splitlines()[1] == "0,Member 0 \u00e9,diplomat,Mr. Hi,20"


def test_convert_forced_format(stakemap, karate_json, tmp_path):
    out = tmp_path / "export"
    r = stakemap("convert", karate_json, "-o", out, "--to", "graphml", "-q")
    assert r.returncode == 0, r.stderr
    assert r.stderr == ""
    assert out.is_file() and "<graphml" in out.read_text(encoding="utf-8")
    out.rename(tmp_path / "export.graphml")
    r = stakemap("summary", tmp_path / "export.graphml", "--format", "json")
    assert r.returncode == 0 and json.loads(r.stdout)["summary"]["relationships"] == 78


@pytest.mark.parametrize("name", ["missing/out.json", "missing/out.graphml", "missing/pair"])
def test_convert_into_missing_directory(stakemap, karate_json, tmp_path, name):
    before = files_under(tmp_path)
    r = stakemap("convert", karate_json, "-o", tmp_path / name)
    assert_error(r, "missing")
    assert r.stdout == ""
    assert files_under(tmp_path) == before


def test_convert_keeps_old_output_on_error(stakemap, tmp_path, csv_pair):
    out = tmp_path / "out.json"
    out.write_text("old\n")
    bad = csv_pair(tmp_path / "bad", [["id"], ["a"]],
                   [["source", "target", "quality"], ["a", "nobody", "1"]])
    r = stakemap("convert", bad, "-o", out)
    assert_error(r, "nobody")
    assert out.read_text() == "old\n"


def test_convert_csv_undirected_option(stakemap, small_csv, tmp_path):
    out = tmp_path / "d.json"
    assert stakemap("convert", small_csv, "-o", out, "--directed", "-q").returncode == 0
    assert json.loads(out.read_text())["directed"] is True
    assert stakemap("convert", small_csv, "-o", out, "--undirected", "-q").returncode == 0
    assert json.loads(out.read_text())["directed"] is False


# ---- kinds ------------------------------------------------------------------------

def test_kinds_csv(stakemap):
    r = stakemap("kinds")  # stdout is a pipe: csv
    assert r.returncode == 0 and r.stderr == ""
    rows = list(csv.reader(io.StringIO(r.stdout)))
    assert rows[0] == ["kind", "description"]
    assert [row[0] for row in rows[1:]] == BUILTIN_KINDS
    assert all(len(row[1]) > 10 for row in rows[1:])


def test_kinds_json_and_top(stakemap):
    r = stakemap("kinds", "--format", "json")
    assert r.returncode == 0
    kinds = json.loads(r.stdout)
    assert len(kinds) == 16
    assert [k["kind"] for k in kinds] == BUILTIN_KINDS
    assert set(kinds[0]) == {"kind", "description"}
    r = stakemap("kinds", "--format", "json", "--top", "3")
    assert [k["kind"] for k in json.loads(r.stdout)] == BUILTIN_KINDS[:3]


def test_kinds_output_file(stakemap, tmp_path):
    out = tmp_path / "kinds.json"
    r = stakemap("kinds", "-o", out)
    assert r.returncode == 0 and r.stdout == "" and r.stderr == ""
    assert [k["kind"] for k in json.loads(out.read_text())] == BUILTIN_KINDS
    out_csv = tmp_path / "kinds.csv"
    assert stakemap("kinds", "-o", out_csv).returncode == 0
    assert out_csv.read_text().splitlines()[0] == "kind,description"


def test_kinds_output_in_missing_directory(stakemap, tmp_path):
    r = stakemap("kinds", "-o", tmp_path / "missing" / "kinds.csv")
    assert_error(r, "missing")
    assert not (tmp_path / "missing").exists()


def test_kinds_table_on_a_terminal(stakemap):
    """On a terminal the default format is the aligned table."""
    binary = os.environ["STAKEMAP_BIN"]
    master, slave = pty.openpty()
    try:
        p = subprocess.Popen([binary, "kinds"], stdout=slave, stderr=subprocess.PIPE,
                             stdin=subprocess.DEVNULL)
        os.close(slave)
        chunks = []
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO once the child closed its side
                break
            if not data:
                break
            chunks.append(data)
        assert p.wait(timeout=60) == 0
    finally:
        os.close(master)
    text = b"".join(chunks).decode("utf-8").replace("\r\n", "\n")
    lines = text.splitlines()
    assert re.match(r"kind\s+description", lines[0]), text
    assert "," not in lines[0]
    assert any(re.match(r"diplomat_for_hire\s+\S", line) for line in lines)
