# stakemap — stakeholder network mapping
# SPDX-License-Identifier: GPL-2.0-or-later
"""`stakemap gaps`: output formats, values on a hand-worked map, errors.

The small map is the worked example of docs/gaps.md:
amb -0.8- a -0.9- b -0.6- h -0.9- c, amb -0.5- b, a -0.2- c, h -0.5- d.
With k = 2: a 0.8, b 0.72 (amb-a-b), h 0.3 (amb-b-h; the better amb-a-b-h
has 3 hops), c 0.16 (amb-a-c), d unreached.
"""
import csv
import io
import json
import os

import pytest

from conftest import write_csv_pair


@pytest.fixture
def worked(tmp_path):
    actors = [["id", "label", "kind", "region"],
              ["amb", "Ambassador", "diplomat", "capital"],
              ["a", "", "ngo", "capital"],
              ["b", "", "media", "capital"],
              ["c", "", "civil_society", "periphery"],
              ["d", "", "youth", "periphery"],
              ["h", "", "diplomat_for_hire", "periphery"]]
    rels = [["source", "target", "quality"],
            ["amb", "a", "0.8"], ["amb", "b", "0.5"], ["a", "b", "0.9"], ["b", "h", "0.6"],
            ["h", "c", "0.9"], ["h", "d", "0.5"], ["a", "c", "0.2"]]
    return write_csv_pair(tmp_path / "worked", actors, rels)


def test_listed_in_help(stakemap):
    r = stakemap("--help")
    assert r.returncode == 0 and "gaps" in r.stdout
    r = stakemap("gaps", "--help")
    assert r.returncode == 0
    assert "--focal EXPR" in r.stdout and "--first-hop" in r.stdout


def test_json_values(stakemap, worked):
    r = stakemap("gaps", worked, "--focal", "id = amb", "--target-by", "region",
                 "--recommend", "1", "--format", "json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    actors = {a["id"]: a for a in out["actors"]}
    assert actors["h"]["quality"] == pytest.approx(0.3, abs=1e-15)
    assert actors["h"]["hops"] == 2 and actors["h"]["via"] == "amb"
    assert actors["b"]["quality"] == pytest.approx(0.72, abs=1e-15)
    assert actors["d"]["reached"] is False and actors["d"]["hops"] == -1
    assert actors["amb"]["focal"] is True
    assert out["summary"]["reached"] == 5 and out["summary"]["actors"] == 6
    cov = {c["group"]: c for c in out["coverage"]}
    assert cov["periphery"]["representation"] == pytest.approx(0.8)
    assert cov["capital"]["representation"] == pytest.approx(1.2)
    # worked example: h is the one contact to add; it opens the periphery
    rec = out["recommendations"]
    assert [x["id"] for x in rec] == ["h"]
    wp = 1 - 0.46 / 3
    assert rec[0]["gain"] == pytest.approx(wp * 0.74, abs=1e-12)
    assert rec[0]["opens"] == "region=periphery +0.25"
    assert rec[0]["newly_reached"] == 1
    assert set(out) == {"summary", "coverage", "suspects", "recommendations", "actors"}


def test_hops_and_selections(stakemap, worked):
    def quality(*args):
        r = stakemap("gaps", worked, "--focal", "id = amb", "--recommend", "0",
                     "--format", "json", *args)
        assert r.returncode == 0, r.stderr
        return {a["id"]: a["quality"] for a in json.loads(r.stdout)["actors"]}

    assert quality("--hops", "3")["h"] == pytest.approx(0.432)
    assert quality("--hops", "0")["d"] == pytest.approx(0.216)
    assert quality("--first-hop", "id = a")["h"] == 0
    assert quality("--avoid", "id = b", "--hops", "0")["h"] == pytest.approx(0.144)
    assert quality("--min-quality", "0.2")["c"] == 0


def test_csv_is_the_coverage_table(stakemap, worked):
    r = stakemap("gaps", worked, "--focal", "id = amb", "--target-by", "kind,region",
                 "--recommend", "2", "--format", "csv")
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert list(rows[0]) == ["attribute", "group", "size", "share_of_network", "reached",
                             "share_reached", "weakly_reached", "mean_quality",
                             "share_of_reached", "representation", "weight"]
    for attr in ("kind", "region"):
        shares = [float(x["share_of_reached"]) for x in rows if x["attribute"] == attr]
        assert sum(shares) == pytest.approx(1)


def test_table_summary_first(stakemap, source_dir):
    net = os.path.join(source_dir, "examples", "data", "embassy")
    r = stakemap("gaps", net, "--focal", "kind = diplomat", "--target-by", "gender,region",
                 "--recommend", "3", "--format", "table", "--top", "5")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].startswith("reached ") and "of 42 actors" in lines[0]
    assert lines[1].startswith("most under-reached:")
    assert lines[2].startswith("top unusual suspects:")
    assert lines[3].startswith("recommended contacts: 1. ")
    assert "coverage of the target groups:" in r.stdout
    assert "actors, best reached first:" in r.stdout


def test_output_file(stakemap, worked, tmp_path):
    path = tmp_path / "gaps.json"
    r = stakemap("gaps", worked, "--focal", "id = amb", "--recommend", "1", "-o", path,
                 "--format", "json")
    assert r.returncode == 0, r.stderr
    assert r.stdout == ""
    assert json.loads(path.read_text())["summary"]["focal"] == 1
    assert os.listdir(tmp_path).count("gaps.json") == 1
    assert not [f for f in os.listdir(tmp_path) if ".tmp." in f]


def test_deterministic(stakemap, source_dir):
    net = os.path.join(source_dir, "examples", "data", "embassy")
    args = ("gaps", net, "--focal", "kind = diplomat", "--target-by", "community,kind",
            "--seed", "3", "--format", "json")
    a, b = stakemap(*args), stakemap(*args)
    assert a.returncode == 0, a.stderr
    assert a.stdout == b.stdout
    assert json.loads(a.stdout)["summary"]["seed"] == 3


@pytest.mark.parametrize("args, code, message", [
    ([], 2, "--focal EXPR is required"),
    (["--focal", "kind = = diplomat"], 1, "column 8"),
    (["--focal", "kind = nobody"], 1, "focal selection is empty"),
    (["--focal", "id = amb", "--first-hop", "(kind"], 1, "--first-hop: selection: column"),
    (["--focal", "id = amb", "--recommend", "9"], 1, "recommend 9: there are only 5"),
    (["--focal", "id = amb", "--target-by", "kind,nosuch"], 1, "no actor attribute \"nosuch\""),
    (["--focal", "id = amb", "--min-quality", "1.5"], 1, "min_quality 1.5"),
    (["--focal", "id = amb", "--assumed-quality", "0"], 1, "assumed_quality 0"),
    (["--focal", "id = amb", "--weak-quality", "1.2"], 1, "weak_quality 1.2"),
    (["--focal", "id = amb", "--hops", "-1"], 2, "--hops"),
    (["--focal", "id = amb", "--at", "2020-02-30"], 1, "at \"2020-02-30\""),
])
def test_errors(stakemap, worked, args, code, message):
    r = stakemap("gaps", worked, "--recommend", "1", *args) if "--recommend" not in args \
        else stakemap("gaps", worked, *args)
    assert r.returncode == code, (r.stdout, r.stderr)
    assert message in r.stderr
    assert r.stdout == ""


def test_selection_error_shows_caret(stakemap, worked):
    r = stakemap("gaps", worked, "--focal", "kind = = diplomat")
    assert r.returncode == 1
    lines = r.stderr.splitlines()
    assert lines[1] == "  kind = = diplomat"
    assert lines[2] == "  " + " " * 7 + "^"
