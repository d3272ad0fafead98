# stakemap — stakeholder network mapping
# SPDX-License-Identifier: GPL-2.0-or-later
"""Tests of `stakemap centrality`: arguments and exit codes, usage errors
(exit 2) and out-of-range values (exit 1, the library's message), the
output layouts, --top/--sort, notes and the progress bar. The values
themselves are checked against NetworkX and igraph in
tests/python/test_centrality_peers.py."""
import csv
import io
import json
import os
import pty
import re
import subprocess

import networkx as nx
import pytest

MEASURES = ["degree", "strength", "betweenness", "closeness", "harmonic", "eigenvector",
            "pagerank", "hub", "authority"]


def assert_usage_error(r, *fragments):
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert r.stdout == ""
    lines = r.stderr.splitlines()
    assert len(lines) == 2, r.stderr
    assert lines[0].startswith("stakemap: ")
    assert lines[1] == "try 'stakemap centrality --help'"
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])


def assert_error(r, *fragments):
    assert r.returncode == 1, (r.stdout, r.stderr)
    assert r.stdout == ""
    lines = r.stderr.splitlines()
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith("stakemap: ")
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])


def rows(text):
    return list(csv.DictReader(io.StringIO(text)))


def karate_pagerank():
    from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python
    g = nx.karate_club_graph()
    top = max(d["weight"] for *_, d in g.edges(data=True))
    for *_, d in g.edges(data=True):
        d["weight"] /= top
    return {str(v): x for v, x in _pagerank_python(g, tol=1e-13, max_iter=1000).items()}


# ---- help -----------------------------------------------------------------------

def test_listed_in_general_help(stakemap):
    r = stakemap("--help")
    assert re.search(r"^  centrality +who matters", r.stdout, re.M), r.stdout


@pytest.mark.parametrize("args", [["centrality", "--help"], ["centrality", "-h"],
                                  ["help", "centrality"]])
def test_help(stakemap, args):
    r = stakemap(*args)
    assert r.returncode == 0 and r.stderr == ""
    assert r.stdout.startswith("usage: stakemap centrality NETWORK")
    assert re.search(r"^Examples?:\n  stakemap centrality ", r.stdout, re.M)
    assert "Exit status" in r.stdout
    for option in ["--measures", "--distance", "--unweighted", "--combine", "--mode", "--raw",
                   "--damping", "--cutoff", "--samples", "--seed", "--threads", "--top",
                   "--sort", "--format", "-o FILE"]:
        assert option in r.stdout, option
    for m in MEASURES:
        assert re.search(rf"^  {m} ", r.stdout, re.M), m


# ---- usage errors (exit 2) --------------------------------------------------------

def test_missing_network(stakemap):
    assert_usage_error(stakemap("centrality"), "'centrality' needs a NETWORK")


def test_unknown_option(stakemap, small_csv):
    assert_usage_error(stakemap("centrality", small_csv, "--bogus"), "unknown option '--bogus'")


def test_option_of_another_command(stakemap, small_csv):
    assert_usage_error(stakemap("centrality", small_csv, "--by", "kind"),
                       "'centrality' does not take the option '--by'")
    # ... and the centrality options belong to centrality alone.
    r = stakemap("summary", small_csv, "--measures", "all")
    assert r.returncode == 2 and "'summary' does not take the option '--measures'" in r.stderr


@pytest.mark.parametrize("args, fragment", [
    (["--measures", "katz"], "--measures: unknown measure \"katz\" (known: degree, strength, "
                             "betweenness, closeness, harmonic, eigenvector, pagerank, hub, "
                             "authority or all)"),
    (["--measures", "degree,,hub"], "empty measure name"),
    (["--distance", "euclid"], "unknown --distance 'euclid' (inverse, log or hops)"),
    (["--mode", "both"], "unknown --mode 'both' (default, out, in or undirected)"),
    (["--combine", "min"], "unknown --combine rule 'min'"),
    (["--damping", "high"], "--damping needs a number, not 'high'"),
    (["--damping", "nan"], "--damping needs a number, not 'nan'"),
    (["--cutoff", "3x"], "--cutoff needs a number, not '3x'"),
    (["--samples", "ten"], "--samples needs a whole number, not 'ten'"),
    (["--samples", "2.5"], "--samples needs a whole number, not '2.5'"),
    (["--threads", "many"], "--threads needs a whole number, not 'many'"),
    (["--seed", "-1"], "--seed needs a whole number of 0 or more, not '-1'"),
    (["--seed", "99999999999999999999999"], "--seed needs a whole number"),
    (["--sort", "fame"], "unknown --sort 'fame' (a measure, 'id' or 'none')"),
    (["--sort", "betweenness"], "--sort 'betweenness' is not among the measures computed"),
    (["--top", "0"], "--top needs a whole number above 0, not '0'"),
    (["--format", "xml"], "unknown format 'xml'"),
    (["--raw=yes"], "'--raw' takes no value"),
    (["--damping"], "option '--damping' needs a value"),
])
def test_usage_errors(stakemap, small_csv, args, fragment):
    assert_usage_error(stakemap("centrality", small_csv, *args), fragment)


def test_usage_error_before_reading(stakemap, tmp_path):
    assert_usage_error(stakemap("centrality", tmp_path / "nope.json", "--measures", "x"))


# ---- bad values and inputs (exit 1) -------------------------------------------------

@pytest.mark.parametrize("args, fragment", [
    (["--damping", "1"], "damping 1 is outside [0, 1)"),
    (["--damping", "-0.5"], "damping -0.5 is outside [0, 1)"),
    (["--cutoff", "-2"], "cutoff -2 is negative: give 0 for no cutoff"),
    (["--samples", "100"], "samples 100 is more than the 34 actors"),
    (["--samples", "-1"], "samples -1 is negative"),
    (["--threads", "-3"], "threads -3 is negative"),
])
def test_bad_values(stakemap, karate_csv, args, fragment, tmp_path):
    out = tmp_path / "out.csv"
    assert_error(stakemap("centrality", karate_csv, *args, "-o", out), fragment)
    assert not out.exists()


def test_nonexistent_network(stakemap, tmp_path):
    missing = tmp_path / "missing.json"
    assert_error(stakemap("centrality", missing), str(missing))


def test_eigenvector_without_cycles(stakemap, csv_pair, tmp_path):
    folder = csv_pair(tmp_path / "dag", [["id"], ["a"], ["b"], ["c"]],
                      [["source", "target", "quality"], ["a", "b", "1"], ["b", "c", "0.5"]])
    r = stakemap("centrality", folder, "--directed", "--measures", "eigenvector")
    assert_error(r, "eigenvector centrality did not converge", "use pagerank")
    r = stakemap("centrality", folder, "--directed", "--measures", "pagerank,hub")
    assert r.returncode == 0, r.stderr


# ---- output -----------------------------------------------------------------------

def test_default_output(stakemap, karate_csv):
    r = stakemap("centrality", karate_csv)
    assert r.returncode == 0 and r.stderr == ""
    table = rows(r.stdout)  # not a terminal: csv
    assert list(table[0].keys()) == ["id", "degree", "strength", "pagerank"]
    assert len(table) == 34
    degree = [float(t["degree"]) for t in table]
    assert degree == sorted(degree, reverse=True)  # sorted by the first measure
    assert table[0]["id"] == "33" and float(table[0]["degree"]) == pytest.approx(17 / 33)
    pr = karate_pagerank()
    for t in table:
        assert float(t["pagerank"]) == pytest.approx(pr[t["id"]], rel=1e-6)


def test_all_measures_in_order(stakemap, karate_csv):
    r = stakemap("centrality", karate_csv, "--measures", "all", "--format", "csv")
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[0] == "id," + ",".join(MEASURES)
    r2 = stakemap("centrality", karate_csv, "--measures", "authority,degree", "--format", "csv")
    assert r2.stdout.splitlines()[0] == "id,degree,authority"


def test_top_and_sort(stakemap, karate_csv):
    r = stakemap("centrality", karate_csv, "--measures", "degree,pagerank", "--top", "3",
                 "--sort", "pagerank", "--format", "csv")
    assert r.returncode == 0, r.stderr
    table = rows(r.stdout)
    pr = karate_pagerank()
    want = sorted(pr, key=pr.get, reverse=True)[:3]
    assert [t["id"] for t in table] == want
    # --sort takes a measure name in any case.
    r = stakemap("centrality", karate_csv, "--measures", "degree,pagerank", "--top", "3",
                 "--sort", "PageRank", "--format", "csv")
    assert [t["id"] for t in rows(r.stdout)] == want


def test_sort_none_and_id(stakemap, small_csv):
    r = stakemap("centrality", small_csv, "--sort", "none", "--format", "csv")
    assert [t["id"] for t in rows(r.stdout)] == ["a", "b", "c", "d", "e", "f"]
    r = stakemap("centrality", small_csv, "--sort", "id", "--format", "csv")
    assert [t["id"] for t in rows(r.stdout)] == ["a", "b", "c", "d", "e", "f"]


def test_format_json(stakemap, small_csv, tmp_path):
    r = stakemap("centrality", small_csv, "--measures", "degree,betweenness,pagerank",
                 "--format", "json", "--sort", "none")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert [d["id"] for d in data] == ["a", "b", "c", "d", "e", "f"]
    assert list(data[0].keys()) == ["id", "degree", "betweenness", "pagerank"]
    # a, b, c form a triangle, d–e a pair (two relationships), f is isolated.
    assert data[0]["degree"] == pytest.approx(2 / 5)
    assert data[5]["degree"] == 0 and data[5]["betweenness"] == 0
    assert sum(d["pagerank"] for d in data) == pytest.approx(1, abs=1e-12)
    # -o FILE.json: the same JSON in the file, nothing on stdout.
    out = tmp_path / "c.json"
    r2 = stakemap("centrality", small_csv, "--measures", "degree,betweenness,pagerank",
                  "--sort", "none", "-o", out)
    assert r2.returncode == 0 and r2.stdout == "" and r2.stderr == ""
    assert json.loads(out.read_text()) == data


def test_raw_and_options_reach_the_library(stakemap, small_csv):
    def table(*args):
        r = stakemap("centrality", small_csv, "--sort", "none", "--format", "csv", *args)
        assert r.returncode == 0, r.stderr
        return {t["id"]: t for t in rows(r.stdout)}

    raw = table("--measures", "degree,strength", "--raw")
    assert raw["a"]["degree"] == "2" and raw["d"]["degree"] == "1"
    # d–e has two relationships, 0.9 and 0.3: max, sum, mean.
    assert float(raw["d"]["strength"]) == pytest.approx(0.9)
    summed = table("--measures", "strength", "--raw", "--combine", "sum")
    assert float(summed["d"]["strength"]) == pytest.approx(1.2)
    unweighted = table("--measures", "strength", "--raw", "--unweighted")
    assert float(unweighted["d"]["strength"]) == 1
    # b lies between a and c only when a–c (0.1: distance 10) is long: with hops it is not.
    weighted = table("--measures", "betweenness")
    hops = table("--measures", "betweenness", "--distance", "hops")
    assert float(weighted["b"]["betweenness"]) > 0 and float(hops["b"]["betweenness"]) == 0
    damped = table("--measures", "pagerank", "--damping", "0")
    assert all(float(t["pagerank"]) == pytest.approx(1 / 6) for t in damped.values())
    cut = table("--measures", "betweenness", "--cutoff", "2")  # a–b–c is 2 + 1 = 3 long
    assert float(cut["b"]["betweenness"]) == 0
    threads = table("--measures", "betweenness", "--threads", "1")
    assert threads == weighted


def test_modes(stakemap, csv_pair, tmp_path):
    folder = csv_pair(tmp_path / "star", [["id"], ["hub"], ["x"], ["y"]],
                      [["source", "target", "quality"], ["hub", "x", "1"], ["hub", "y", "1"]])

    def degree(mode):
        r = stakemap("centrality", folder, "--directed", "--measures", "degree", "--raw",
                     "--mode", mode, "--sort", "none", "--format", "csv")
        assert r.returncode == 0, r.stderr
        return [float(t["degree"]) for t in rows(r.stdout)]

    assert degree("default") == [2, 1, 1]
    assert degree("out") == [2, 0, 0]
    assert degree("in") == [0, 1, 1]
    assert degree("undirected") == [2, 1, 1]


def test_samples_note(stakemap, karate_csv):
    args = ["centrality", karate_csv, "--measures", "betweenness", "--samples", "10",
            "--seed", "42", "--format", "csv"]
    r = stakemap(*args)
    assert r.returncode == 0
    assert r.stderr == ("stakemap: note: betweenness estimated from 10 sampled sources "
                        "(seed 42)\n")
    again = stakemap(*args)
    assert again.stdout == r.stdout  # same seed, same estimate
    quiet = stakemap(*args, "--quiet")
    assert quiet.stderr == "" and quiet.stdout == r.stdout


def test_empty_network(stakemap, csv_pair, tmp_path):
    folder = csv_pair(tmp_path / "empty", [["id"]], [["source", "target", "quality"]])
    r = stakemap("centrality", folder, "--measures", "all", "--format", "csv")
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == ["id," + ",".join(MEASURES)]
    r = stakemap("centrality", folder, "--format", "json")
    assert r.returncode == 0 and json.loads(r.stdout) == []


def test_progress_bar_on_a_terminal(small_csv, tmp_path):
    """stderr a terminal: a bar is drawn, then its line cleared; --quiet draws none."""
    binary = os.environ["STAKEMAP_BIN"]

    def run(*extra):
        main, secondary = pty.openpty()
        out = tmp_path / "out.csv"
        p = subprocess.run([binary, "centrality", str(small_csv), "--measures", "all",
                            "-o", str(out), *extra], stderr=secondary,
                           stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL, timeout=60)
        os.close(secondary)
        chunks = []
        while True:
            try:
                data = os.read(main, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        os.close(main)
        return p.returncode, b"".join(chunks).decode()

    rc, err = run()
    assert rc == 0
    assert "pagerank" in err and "%" in err and "\r" in err
    rc, err = run("--quiet")
    assert rc == 0 and err == ""
