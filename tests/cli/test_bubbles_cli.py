# stakemap — stakeholder network mapping
# SPDX-License-Identifier: GPL-2.0-or-later
"""Tests of `stakemap bubbles`: arguments, exit codes, the layout of the
table, CSV and JSON outputs. The figures themselves are checked against
NetworkX and numpy in tests/python/test_bubbles_peers.py and by hand in the
unit suite (tests/unit/test_bubbles.c)."""
import csv
import io
import json

import pytest

GROUP_COLUMNS = ["group", "name", "size", "internal_weight", "external_weight", "ei_index",
                 "ei_rescaled", "conductance", "kind_entropy", "kind_blau", "top_kind",
                 "top_kind_share", "share_business", "share_ngo"]


def assert_usage_error(r, *fragments):
    """Exit 2, nothing on stdout, a message line then "try 'stakemap bubbles --help'"."""
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert r.stdout == ""
    lines = r.stderr.splitlines()
    assert len(lines) == 2, r.stderr
    assert lines[0].startswith("stakemap: ")
    assert lines[1] == "try 'stakemap bubbles --help'", lines[1]
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


@pytest.fixture
def triangles(tmp_path, csv_pair):
    """Two triangles (ngo / business) joined by a tie of quality 0.5; team A/B,
    gender, a stance (none for a3), an age (numeric) and one-valued country."""
    actors = [["id", "label", "kind", "team", "gender", "country", "stance", "age"],
              ["a1", "", "ngo", "A", "f", "fr", "1", "30"],
              ["a2", "", "ngo", "A", "f", "fr", "1", "31"],
              ["a3", "", "ngo", "A", "m", "fr", "", "32"],
              ["b1", "", "business", "B", "m", "fr", "-1", "33"],
              ["b2", "", "business", "B", "m", "fr", "-0.5", "34"],
              ["b3", "", "business", "B", "m", "fr", "-1", "35"]]
    rels = [["source", "target", "quality"],
            ["a1", "a2", "1"], ["a1", "a3", "1"], ["a2", "a3", "1"],
            ["b1", "b2", "1"], ["b1", "b3", "1"], ["b2", "b3", "1"],
            ["a1", "b1", "0.5"]]
    return csv_pair(tmp_path / "triangles", actors, rels)


def test_help(stakemap):
    r = stakemap("bubbles", "--help")
    assert r.returncode == 0
    assert r.stdout.startswith("usage: stakemap bubbles NETWORK")
    assert "stakemap bubbles survey/ --diversity-of gender,region" in r.stdout
    assert "--ei-threshold" in r.stdout and "--sides" in r.stdout
    r = stakemap("--help")
    assert "bubbles" in r.stdout


def test_table_layout(stakemap, triangles):
    r = stakemap("bubbles", triangles, "--by", "team", "--format", "table")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == "groups: 2 values of team"
    assert lines[1].startswith("bubbles: 2 (insular: rescaled E-I < -0.5; homogeneous: kind "
                               "diversity < 0.35; at least 3 actors)")
    assert lines[2] == "modularity: 0.4231"  # 11/26
    assert lines[3].startswith("assortativity: kind 0.714")  # 5/7
    i = lines.index("flagged bubbles:")
    assert lines[i + 1] == ("  A (3 actors): insular: E-I -0.71 (rescaled -0.81) < -0.5, 86% "
                            "of tie weight stays inside; homogeneous: kind diversity 0.00 < "
                            "0.35, 100% ngo")
    assert lines[i + 2].startswith("  B (3 actors): insular:")
    j = lines.index("groups:")
    assert lines[j + 1].split()[:4] == ["group", "name", "size", "internal_weight"]
    assert "actors:" not in lines
    r = stakemap("bubbles", triangles, "--by", "team", "--format", "table", "--actors",
                 "--sides", "team", "--walk-top", "1")
    lines = r.stdout.splitlines()
    assert lines[lines.index("actors:") + 1].split()[:3] == ["id", "group", "group_name"]
    assert any(line.startswith("controversy (random walks between the values of team): ")
               for line in lines)
    assert any(line.startswith("sides (p_<side>") for line in lines)


def test_no_bubble_message(stakemap, triangles):
    r = stakemap("bubbles", triangles, "--by", "team", "--format", "table",
                 "--ei-threshold", "-0.9")
    assert r.returncode == 0, r.stderr
    assert "no group is flagged as a bubble" in r.stdout.splitlines()
    assert r.stdout.splitlines()[1].startswith("bubbles: 0 ")


def test_csv_groups_and_actors(stakemap, triangles):
    r = stakemap("bubbles", triangles, "--by", "team", "--diversity-of", "gender",
                 "--stance", "stance", "--format", "csv")
    assert r.returncode == 0, r.stderr
    reader = csv.DictReader(io.StringIO(r.stdout))
    assert reader.fieldnames == GROUP_COLUMNS + ["gender_entropy", "gender_blau",
                                                 "stance_mean", "stance_sd", "top_actors",
                                                 "bubble", "reason"]
    rows = list(reader)
    assert [row["name"] for row in rows] == ["A", "B"]
    assert rows[0]["bubble"] == "true"
    assert rows[0]["top_actors"] == "a1,a2,a3"
    assert float(rows[1]["stance_mean"]) == pytest.approx(-5 / 6, rel=1e-12)
    r = stakemap("bubbles", triangles, "--by", "team", "--stance", "stance", "--actors",
                 "--format", "csv")
    reader = csv.DictReader(io.StringIO(r.stdout))
    assert reader.fieldnames == ["id", "group", "group_name", "bubble", "exposure_diversity",
                                 "share_in_group", "share_in_kind", "stance",
                                 "neighbour_stance"]
    rows = {row["id"]: row for row in reader}
    assert len(rows) == 6
    assert float(rows["a1"]["share_in_group"]) == pytest.approx(0.8, rel=1e-12)
    assert rows["a3"]["stance"] == ""  # no value
    assert float(rows["a1"]["neighbour_stance"]) == pytest.approx(1 / 3, rel=1e-12)


def test_json_holds_everything(stakemap, triangles):
    r = stakemap("bubbles", triangles, "--diversity-of", "gender,country", "--stance",
                 "stance", "--sides", "team", "--walk-top", "1", "--seed", "5",
                 "--format", "json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert set(out) == {"summary", "groups", "actors", "mixing", "assortativity",
                        "controversy"}
    s = out["summary"]
    assert s["groups"] == 2 and s["bubbles"] == 2 and s["seed"] == 5
    assert s["grouping"] == "leiden"
    assert s["modularity"] == pytest.approx(11 / 26, rel=1e-12)
    assert s["notes"]["seed"] == "5"
    assert s["notes"]["stance_missing"] == "1"
    # walk_top 1: b1/a1 absorb; every other walk stays on its side
    assert s["controversy_score"] == pytest.approx(1.0, rel=1e-12)
    assert len(out["actors"]) == 6
    assert len(out["mixing"]) == 4
    assert [a["attribute"] for a in out["assortativity"]] == ["kind", "gender", "country",
                                                              "stance"]
    assert out["assortativity"][2]["assortativity"] is None  # one value: NaN → null
    assert [c["side"] for c in out["controversy"]] == ["A", "B"]
    r = stakemap("bubbles", triangles, "--format", "json")
    assert json.loads(r.stdout)["controversy"] is None


def test_top_and_output_file(stakemap, triangles, tmp_path):
    path = tmp_path / "out.json"
    r = stakemap("bubbles", triangles, "--by", "team", "--top", "1", "-o", path)
    assert r.returncode == 0, r.stderr
    assert r.stdout == ""
    out = json.loads(path.read_text(encoding="utf-8"))  # format from the extension
    assert len(out["groups"]) == 1 and len(out["actors"]) == 1
    assert out["summary"]["groups"] == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json", "triangles"]  # no temp


def test_errors(stakemap, triangles):
    assert_error(stakemap("bubbles", triangles, "--by", "nope"),
                 "by: no actor attribute \"nope\"")
    assert_error(stakemap("bubbles", triangles, "--by", "age"), "\"age\" holds numbers")
    assert_error(stakemap("bubbles", triangles, "--diversity-of", "gender,age"),
                 "diversity_of", "\"age\" holds numbers")
    assert_error(stakemap("bubbles", triangles, "--stance", "gender"),
                 "stance", "must be a numeric attribute")
    assert_error(stakemap("bubbles", triangles, "--sides", "country"),
                 "sides: attribute \"country\" has 1 value")
    assert_error(stakemap("bubbles", triangles, "--resolution", "0"), "resolution 0")
    assert_error(stakemap("bubbles", triangles, "--resolution", "-2"), "resolution -2")
    assert_error(stakemap("bubbles", triangles, "--ei-threshold", "3"), "ei_threshold 3")
    assert_error(stakemap("bubbles", triangles, "--diversity-threshold", "-1"),
                 "diversity_threshold -1")
    assert_error(stakemap("bubbles", triangles / "missing"), "missing")


def test_usage_errors(stakemap, triangles):
    assert_usage_error(stakemap("bubbles"))
    assert_usage_error(stakemap("bubbles", triangles, "--resolution", "abc"), "resolution")
    assert_usage_error(stakemap("bubbles", triangles, "--walk-top", "0"), "walk-top")
    assert_usage_error(stakemap("bubbles", triangles, "--min-size", "x"), "min-size")
    assert_usage_error(stakemap("bubbles", triangles, "--measures", "degree"), "measures")
    assert_usage_error(stakemap("bubbles", triangles, "--format", "xml"), "format")


def test_no_relationships(stakemap, tmp_path, csv_pair):
    folder = csv_pair(tmp_path / "lonely", [["id", "label", "kind"], ["a", "", "ngo"],
                                             ["b", "", "media"]],
                      [["source", "target", "quality"]])
    r = stakemap("bubbles", folder, "--format", "json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["summary"]["groups"] == 2 and out["summary"]["bubbles"] == 0
    assert out["summary"]["modularity"] is None
    assert out["groups"][0]["ei_index"] is None
