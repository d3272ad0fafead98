# stakemap — stakeholder network mapping
# SPDX-License-Identifier: GPL-2.0-or-later
"""Tests of `stakemap brokers`: arguments, exit codes, output columns and
layouts, sorting, the progress bar. The figures themselves are checked
against NetworkX in tests/python/test_brokerage_peers.py and in the unit
suite (tests/unit/test_brokerage.c)."""
import csv
import io
import json
import math
import os
import pty
import re
import subprocess

import pytest

COLUMNS = ["id", "group", "constraint", "effective_size", "efficiency", "coordinator",
           "itinerant", "gatekeeper", "representative", "liaison", "brokerage",
           "participation"]


# ---- helpers ----------------------------------------------------------------

def assert_usage_error(r, *fragments):
    """Exit 2, nothing on stdout, a message line then "try 'stakemap brokers --help'"."""
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert r.stdout == ""
    lines = r.stderr.splitlines()
    assert len(lines) == 2, r.stderr
    assert lines[0].startswith("stakemap: ")
    assert lines[1] == "try 'stakemap brokers --help'", lines[1]
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])


def assert_error(r, *fragments):
    """Exit 1 with one line "stakemap: <message>" on stderr and nothing on stdout."""
    assert r.returncode == 1, (r.stdout, r.stderr)
    assert r.stdout == ""
    lines = r.stderr.splitlines()
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith("stakemap: ")
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])


def rows_of(text):
    reader = csv.DictReader(io.StringIO(text))
    assert reader.fieldnames == COLUMNS
    return list(reader)


def by_id(rows):
    return {row["id"]: row for row in rows}


@pytest.fixture
def path3(tmp_path, csv_pair):
    """x–y–z, y and z media, x an ngo; w isolated; region only on x."""
    actors = [["id", "label", "kind", "region", "age"],
              ["x", "", "ngo", "north", "30"],
              ["y", "", "media", "", "41"],
              ["z", "", "media", "", "52"],
              ["w", "", "ngo", "", "63"]]
    rels = [["source", "target", "quality"], ["x", "y", "0.5"], ["y", "z", "1"]]
    return csv_pair(tmp_path / "path3", actors, rels)


@pytest.fixture
def embassy(tmp_path, csv_pair):
    """The six-actor map of docs/brokerage.md, with a doubled relationship."""
    actors = [["id", "label", "kind", "sector"],
              ["amb", "Ambassador", "diplomat", "public"],
              ["min", "Ministry", "government", "public"],
              ["ngo1", "Water NGO", "ngo", "civil"],
              ["ngo2", "Village NGO", "ngo", "civil"],
              ["jour", "Journalist", "media", "civil"],
              ["biz", "Contractor", "business", "private"]]
    rels = [["source", "target", "quality"],
            ["amb", "min", "0.9"], ["amb", "ngo1", "0.6"], ["amb", "jour", "0.5"],
            ["min", "biz", "0.8"], ["ngo1", "ngo2", "0.7"], ["ngo1", "jour", "0.4"],
            ["jour", "biz", "0.3"], ["jour", "biz", "0.1"]]
    return csv_pair(tmp_path / "embassy", actors, rels)


# ---- help and usage errors ----------------------------------------------------

def test_help(stakemap):
    r = stakemap("brokers", "--help")
    assert r.returncode == 0 and r.stderr == ""
    assert r.stdout.startswith("usage: stakemap brokers NETWORK")
    for word in ["--by ATTR", "--groups ATTR", "--unweighted", "--combine max|sum|mean",
                 "--top N", "--sort COLUMN", "--format", "-o FILE", "Examples:",
                 "stakemap brokers survey/"]:
        assert word in r.stdout, word
    assert stakemap("help", "brokers").stdout == r.stdout


def test_listed_in_general_help(stakemap):
    r = stakemap("--help")
    assert re.search(r"^  brokers\s+who connects", r.stdout, re.M), r.stdout


@pytest.mark.parametrize("args, fragment", [
    ([], "'brokers' needs a NETWORK"),
    (["--combine", "min"], "unknown --combine rule 'min' (max, sum or mean)"),
    (["--sort", "fame"], "unknown --sort column 'fame'"),
    (["--top", "0"], "--top needs a whole number above 0"),
    (["--format", "xml"], "unknown format 'xml'"),
    (["--by", ""], "--by needs an attribute name"),
    (["--groups", ""], "--groups needs an attribute name"),
    (["--sort", ""], "--sort needs a column name"),
    (["--unweighted=yes"], "'--unweighted' takes no value"),
    (["--combine"], "option '--combine' needs a value"),
    (["--fame", "x"], "unknown option '--fame'"),
    (["--by"], "option '--by' needs a value"),
])
def test_usage_errors(stakemap, path3, args, fragment):
    operand = [path3] if args else []
    assert_usage_error(stakemap("brokers", *operand, *args), fragment)


def test_extra_argument(stakemap, path3):
    assert_usage_error(stakemap("brokers", path3, path3), "unexpected argument")


def test_usage_error_before_reading(stakemap, tmp_path):
    assert_usage_error(stakemap("brokers", tmp_path / "missing.json", "--sort", "fame"))


# ---- input and analysis errors --------------------------------------------------

def test_missing_network(stakemap, tmp_path):
    missing = tmp_path / "missing.json"
    assert_error(stakemap("brokers", missing), str(missing))


def test_unknown_attribute(stakemap, path3):
    assert_error(stakemap("brokers", path3, "--by", "gender"), 'no actor attribute "gender"')
    assert_error(stakemap("brokers", path3, "--groups", "club"), 'no actor attribute "club"')


def test_numeric_attribute(stakemap, path3):
    r = stakemap("brokers", path3, "--by", "age")
    assert_error(r, 'attribute "age" holds numbers', "needs a categorical attribute")
    r = stakemap("brokers", path3, "--groups", "age")
    assert_error(r, "participation coefficient needs a categorical attribute")


def test_nothing_written_on_error(stakemap, path3, tmp_path):
    out = tmp_path / "out.csv"
    assert_error(stakemap("brokers", path3, "--by", "gender", "-o", out))
    assert not out.exists()


# ---- output ------------------------------------------------------------------

def test_csv_columns_and_values(stakemap, path3):
    r = stakemap("brokers", path3, "--format", "csv", "--sort", "none")
    assert r.returncode == 0, r.stderr
    assert r.stderr == ""
    rows = rows_of(r.stdout)
    assert [row["id"] for row in rows] == ["x", "y", "z", "w"]
    assert [row["group"] for row in rows] == ["ngo", "media", "media", "ngo"]
    y = rows[1]
    # x→y→z: gatekeeper; z→y→x: representative (undirected ties count both ways).
    assert (y["coordinator"], y["itinerant"], y["gatekeeper"], y["representative"],
            y["liaison"], y["brokerage"]) == ("0", "0", "1", "1", "0", "2")
    # y's contacts x (0.5) and z (1) are not tied: constraint (1/3)² + (2/3)².
    assert math.isclose(float(y["constraint"]), 5 / 9, rel_tol=1e-15)
    assert float(y["effective_size"]) == 2.0
    assert float(y["efficiency"]) == 1.0
    assert math.isclose(float(y["participation"]), 1 - (1 / 3) ** 2 - (2 / 3) ** 2,
                        rel_tol=1e-15)
    # An isolated actor: structural-hole measures empty (NaN), participation 0.
    w = rows[3]
    assert (w["constraint"], w["effective_size"], w["efficiency"]) == ("", "", "")
    assert w["participation"] == "0" and w["brokerage"] == "0"
    # An end of the path: one contact, constraint 1.
    assert float(rows[0]["constraint"]) == 1.0


def test_missing_values_group(stakemap, path3):
    r = stakemap("brokers", path3, "--by", "region", "--sort", "none", "--format", "csv")
    assert r.returncode == 0, r.stderr
    rows = rows_of(r.stdout)
    assert [row["group"] for row in rows] == ["north", "(none)", "(none)", "(none)"]
    # x→y→z: north, (none), (none) → gatekeeper; z→y→x → representative
    assert rows[1]["gatekeeper"] == "1" and rows[1]["representative"] == "1"


def test_json_layout(stakemap, path3):
    r = stakemap("brokers", path3, "--format", "json", "--sort", "none")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert [list(row) for row in data] == [COLUMNS] * 4
    assert data[3]["constraint"] is None  # NaN → null
    assert data[1]["brokerage"] == 2 and isinstance(data[1]["brokerage"], int)


def test_table_layout(stakemap, path3):
    r = stakemap("brokers", path3, "--format", "table")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].split() == COLUMNS
    assert set(lines[1]) <= {"-", " "}
    assert lines[2].split()[0] == "y"  # default order: brokerage, largest first


def test_sorting_and_top(stakemap, embassy):
    def ids(*args):
        r = stakemap("brokers", embassy, "--format", "csv", *args)
        assert r.returncode == 0, r.stderr
        return [row["id"] for row in rows_of(r.stdout)]

    # brokerage: amb 4, min 2, ngo1 4, ngo2 0, jour 4, biz 2 — stable among ties
    assert ids() == ["amb", "ngo1", "jour", "min", "biz", "ngo2"]
    assert ids("--top", "2") == ["amb", "ngo1"]
    assert ids("--sort", "none") == ["amb", "min", "ngo1", "ngo2", "jour", "biz"]
    assert ids("--sort", "id") == ["amb", "biz", "jour", "min", "ngo1", "ngo2"]
    assert ids("--sort", "constraint", "--top", "1") == ["ngo2"]
    assert ids("--sort", "liaison", "--by", "sector", "--top", "2") == ["jour", "biz"]


def column(stakemap, network, name, *args):
    r = stakemap("brokers", network, "--format", "csv", "--sort", "none", *args)
    assert r.returncode == 0, r.stderr
    return [float(row[name]) for row in rows_of(r.stdout)]


def test_unweighted_and_combine(stakemap, embassy):
    weighted = column(stakemap, embassy, "constraint")
    unweighted = column(stakemap, embassy, "constraint", "--unweighted")
    assert weighted != unweighted
    # Unweighted constraint of min: two contacts, not tied: 2 × (1/2)² = 0.5.
    assert unweighted[1] == 0.5
    # jour–biz is doubled (0.3, 0.1): max 0.3, sum 0.4, mean 0.2. biz's
    # contacts min (0.8) and jour are not tied: constraint p² + (1−p)².
    for rule, q in (("max", 0.3), ("sum", 0.4), ("mean", 0.2)):
        p = q / (q + 0.8)
        got = column(stakemap, embassy, "constraint", "--combine", rule)[5]
        assert math.isclose(got, p * p + (1 - p) ** 2, rel_tol=1e-12), rule
    assert column(stakemap, embassy, "constraint", "--combine", "max") == weighted


def test_groups_option(stakemap, embassy):
    by_kind = column(stakemap, embassy, "participation")
    by_sector = column(stakemap, embassy, "participation", "--groups", "sector")
    roles_by_kind = column(stakemap, embassy, "liaison")
    assert column(stakemap, embassy, "liaison", "--groups", "sector") == roles_by_kind
    assert by_kind != by_sector
    # amb's contacts: min (public, 0.9), ngo1 (civil, 0.6), jour (civil, 0.5)
    assert math.isclose(by_sector[0], 1 - (0.9 / 2) ** 2 - (1.1 / 2) ** 2, rel_tol=1e-12)


def test_output_file(stakemap, embassy, tmp_path):
    out = tmp_path / "brokers.json"
    r = stakemap("brokers", embassy, "-o", out)
    assert r.returncode == 0, r.stderr
    assert r.stdout == ""
    data = json.loads(out.read_text())  # format chosen by the extension
    assert len(data) == 6 and list(data[0]) == COLUMNS


def test_directed_relationships(stakemap, tmp_path, csv_pair):
    # a→b→c is open; with --undirected it is still open and counts both ways.
    folder = csv_pair(tmp_path / "d", None,
                      [["source", "target", "quality"], ["a", "b", "1"], ["b", "c", "1"]])
    directed = rows_of(stakemap("brokers", folder, "--directed", "--format", "csv").stdout)
    undirected = rows_of(stakemap("brokers", folder, "--format", "csv").stdout)
    assert by_id(directed)["b"]["brokerage"] == "1"
    assert by_id(undirected)["b"]["brokerage"] == "2"
    assert by_id(directed)["b"]["coordinator"] == "1"  # every actor is "other"


# ---- progress bar -------------------------------------------------------------

def run_with_terminal_stderr(*args):
    """Run the command with stderr on a pseudo-terminal; returns (rc, stdout, stderr)."""
    binary = os.environ["STAKEMAP_BIN"]
    master, slave = pty.openpty()
    try:
        p = subprocess.Popen([binary, *map(str, args)], stdout=subprocess.PIPE, stderr=slave,
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
        out = p.stdout.read()
        p.stdout.close()
        rc = p.wait(timeout=60)
    finally:
        os.close(master)
    return rc, out.decode("utf-8"), b"".join(chunks).decode("utf-8")


def test_progress_bar_on_a_terminal(embassy):
    rc, out, err = run_with_terminal_stderr("brokers", embassy, "--format", "csv")
    assert rc == 0, err
    assert "brokerage" in err and "100%" in err, repr(err)
    assert err.endswith("\r"), repr(err)  # the bar's line is cleared at the end
    assert rows_of(out)[0]["id"] == "amb"  # stdout is untouched


def test_no_progress_bar_when_quiet_or_piped(stakemap, embassy):
    rc, out, err = run_with_terminal_stderr("brokers", embassy, "--quiet", "--format", "csv")
    assert rc == 0 and err == ""
    r = stakemap("brokers", embassy)
    assert r.returncode == 0 and r.stderr == ""
    rows_of(r.stdout)  # csv when stdout is not a terminal
