# stakemap — stakeholder network mapping
# SPDX-License-Identifier: GPL-2.0-or-later
"""Every analysis returns the same numbers as the built command on the same file
(the command's JSON output, parsed), and the options reach the C library."""
import math

import pytest

import stakemap
from conftest import assert_rows_equal


@pytest.fixture(scope="module")
def net(embassy):
    return stakemap.Network.load(embassy)


@pytest.mark.parametrize("args,kwargs", [
    ([], {}),
    (["--measures", "all"], {"measures": "all"}),
    (["--measures", "betweenness,closeness,harmonic", "--distance", "log", "--raw"],
     {"measures": ["betweenness", "closeness", "harmonic"], "distance": "log",
      "normalized": False}),
    (["--measures", "betweenness", "--samples", "10", "--seed", "7"],
     {"measures": "betweenness", "samples": 10, "seed": 7}),
    (["--measures", "pagerank,strength", "--damping", "0.5", "--unweighted",
      "--combine", "sum"],
     {"measures": "pagerank,strength", "damping": 0.5, "weighted": False, "combine": "sum"}),
    (["--measures", "betweenness", "--cutoff", "3", "--distance", "hops"],
     {"measures": ["betweenness"], "cutoff": 3, "distance": "hops"}),
])
def test_centrality_matches_cli(net, embassy, cli, args, kwargs):
    t = net.centrality(**kwargs)
    assert_rows_equal(t.to_dicts(), cli("centrality", embassy, "--sort", "none", *args))
    if "samples" in kwargs:
        assert t.notes["seed"] == "7" and t.notes["samples"] == "10"


def test_centrality_directed_modes(tmp_path, cli, csv_pair):
    folder = csv_pair(str(tmp_path / "d"), None, [
        ["source", "target", "quality"], ["a", "b", "0.5"], ["b", "c", "1"], ["c", "a", "0.25"],
        ["a", "d", "0.75"], ["d", "c", "0.5"]])
    net = stakemap.Network.load(folder, directed=True)
    assert net.directed
    for mode in ("default", "out", "in", "undirected"):
        t = net.centrality(measures="all", mode=mode)
        assert_rows_equal(t.to_dicts(), cli("centrality", folder, "--directed", "--measures",
                                            "all", "--mode", mode, "--sort", "none"))


@pytest.mark.parametrize("args,kwargs", [
    ([], {}),
    (["--by", "gender", "--groups", "region"], {"by": "gender", "groups": "region"}),
    (["--unweighted", "--combine", "mean"], {"weighted": False, "combine": "mean"}),
])
def test_brokerage_matches_cli(net, embassy, cli, args, kwargs):
    t = net.brokerage(**kwargs)
    assert t.types[5] == "int64"
    assert_rows_equal(t.to_dicts(), cli("brokers", embassy, "--sort", "none", *args))


@pytest.mark.parametrize("args,kwargs", [
    ([], {}),
    (["--by", "region", "--diversity-of", "gender,age_group", "--stance", "stance",
      "--sides", "region"],
     {"by": "region", "diversity_of": ["gender", "age_group"], "stance": "stance",
      "sides": "region"}),
    (["--resolution", "0.5", "--seed", "3", "--ei-threshold", "-0.2",
      "--diversity-threshold", "0.6", "--min-size", "2"],
     {"resolution": 0.5, "seed": 3, "ei_threshold": -0.2, "diversity_threshold": 0.6,
      "min_size": 2}),
])
def test_bubbles_match_cli(net, embassy, cli, args, kwargs):
    r = net.bubbles(**kwargs)
    e = cli("bubbles", embassy, "--actors", *args)
    for name in ("groups", "actors", "mixing", "assortativity"):
        assert_rows_equal(getattr(r, name).to_dicts(), e[name])
    if r.controversy is not None:
        assert_rows_equal(r.controversy.to_dicts(), e["controversy"])
    s = e["summary"]
    assert r.group_count == s["groups"] and r.bubble_count == s["bubbles"]
    assert r.modularity == s["modularity"] and r.seed == s["seed"]
    assert (math.isnan(r.controversy_score) if s["controversy_score"] is None
            else r.controversy_score == s["controversy_score"])
    assert r.groups.notes["grouping"] == s["grouping"]


@pytest.mark.parametrize("args,kwargs", [
    ([], {}),
    (["--target-by", "kind,gender,region", "--hops", "3", "--recommend", "3",
      "--assumed-quality", "0.7", "--suspects", "0", "--standing-by", "kind"],
     {"target_by": ["kind", "gender", "region"], "hops": 3, "recommend": 3,
      "assumed_quality": 0.7, "suspects": 0, "standing_by": "kind"}),
    (["--min-quality", "0.3", "--avoid", "kind = media", "--first-hop",
      "region = capital", "--weak-quality", "0.5", "--at", "2023-01-01"],
     {"min_quality": 0.3, "avoid": "kind = media", "first_hop": "region = capital",
      "weak_quality": 0.5, "at": "2023-01-01"}),
])
def test_gaps_match_cli(net, embassy, cli, args, kwargs):
    r = net.gaps(focal="kind = 'diplomat'", **kwargs)
    e = cli("gaps", embassy, "--focal", "kind = 'diplomat'", *args)
    for name in ("actors", "coverage", "suspects", "recommendations"):
        assert_rows_equal(getattr(r, name).to_dicts(), e[name])
    s = e["summary"]
    assert (r.actors_total, r.focal_count, r.reached_count) == (
        s["actors"], s["focal"], s["reached"])
    for key in ("mean_quality", "diversity_gap", "objective", "evaluations",
                "evaluations_plain", "seed"):
        assert r.figures[key] == s[key], key


def test_gaps_focal_forms_agree(net):
    by_expr = net.gaps(focal="kind = 'diplomat'")
    ids = list(net.select("kind = 'diplomat'"))
    by_ids = net.gaps(focal=ids)
    by_sel = net.gaps(focal=net.select("kind = diplomat"))
    for r in (by_ids, by_sel):
        assert r.recommendations.to_dicts() == by_expr.recommendations.to_dicts()
        assert r.figures == by_expr.figures
    with pytest.raises(stakemap.InvalidArgumentError, match="focal"):
        net.gaps(focal="kind = 'nobody'")
    with pytest.raises(stakemap.SelectionError):
        net.gaps(focal="kind = = x")


def test_layout_and_report_match_cli(net, embassy, cli, tmp_path):
    assert_rows_equal(net.layout(seed=5).to_dicts(), cli("layout", embassy, "--seed", "5"))
    html = net.report(title="Embassy", focal="kind = 'diplomat'")
    path = tmp_path / "r.html"
    assert net.report(path, title="Embassy", focal="kind = 'diplomat'") is None
    assert path.read_text(encoding="utf-8") == html
    assert html.startswith("<!DOCTYPE html") or html.lstrip().lower().startswith("<!doctype")
    assert "amb_smith" in html or "Helen Smith" in html


def test_bad_options_name_their_value(net):
    with pytest.raises(stakemap.InvalidArgumentError, match="1.5"):
        net.centrality(measures="pagerank", damping=1.5)
    with pytest.raises(stakemap.InvalidArgumentError, match="-1"):
        net.centrality(measures="betweenness", cutoff=-1)
    with pytest.raises(stakemap.InvalidArgumentError, match="colour"):
        net.centrality(measures="pagerank,colour")
    with pytest.raises(stakemap.InvalidArgumentError, match="distance 'far'"):
        net.centrality(distance="far")
    with pytest.raises(stakemap.NotFoundError, match="nothing"):
        net.brokerage(by="nothing")
    with pytest.raises(stakemap.InvalidArgumentError, match="stance"):
        net.brokerage(by="stance")
    with pytest.raises(stakemap.InvalidArgumentError, match="resolution"):
        net.bubbles(resolution=-1)
    with pytest.raises(stakemap.InvalidArgumentError, match="assumed"):
        net.gaps(focal="kind = diplomat", assumed_quality=0)


def test_table_api(net, tmp_path):
    t = net.centrality(measures="degree,pagerank")
    assert t.columns == ("id", "degree", "pagerank")
    assert t.types == ("string", "double", "double")
    rows = list(t)
    assert rows == t.to_dicts() and rows[0] == t[0] and t[-1] == rows[-1]
    assert t.column("id") == [r["id"] for r in rows]
    assert list(t.column("pagerank")) == [r["pagerank"] for r in rows]
    assert abs(sum(t.column("pagerank")) - 1.0) < 1e-12
    df = t.to_pandas()
    assert list(df.columns) == list(t.columns) and len(df) == len(net)
    assert df["pagerank"].tolist() == [r["pagerank"] for r in rows]
    text = t.to_csv()
    assert text.splitlines()[0] == "id,degree,pagerank" and len(text.splitlines()) == 43
    t.to_csv(tmp_path / "t.csv")
    assert (tmp_path / "t.csv").read_text() == text
    assert t.to_json().lstrip().startswith("[")
    assert "pagerank" in repr(t) and "more rows" in repr(t)
    top = t.sort("pagerank").head(3)
    assert len(top) == 3
    assert top.column_list("pagerank") == sorted((r["pagerank"] for r in rows),
                                                 reverse=True)[:3]
    with pytest.raises(KeyError):
        t.column("nope")
    with pytest.raises(stakemap.InvalidArgumentError, match="digits"):
        t.to_csv(digits=40)


def test_gaps_worked_example_of_the_docs():
    """docs/python.md: reach qualities are products of qualities along the best path:
    yth is reached through ngo with 0.5 x 0.4 = 0.2; dia has no path (0)."""
    net = stakemap.Network()
    net.add_actors([{"id": "amb", "kind": "diplomat"}, {"id": "min", "kind": "government"},
                    {"id": "ngo", "kind": "ngo"}, {"id": "yth", "kind": "youth"},
                    {"id": "dia", "kind": "diaspora"}])
    net.add_relationships([{"source": "amb", "target": "min", "quality": 0.9},
                           {"source": "amb", "target": "ngo", "quality": 0.5},
                           {"source": "ngo", "target": "yth", "quality": 0.4}])
    study = net.gaps(focal="id = amb", hops=2, recommend=1)
    q = dict(zip(study.actors.column("id"), study.actors.column("quality")))
    assert q == pytest.approx({"amb": 1.0, "min": 0.9, "ngo": 0.5, "yth": 0.2, "dia": 0.0},
                              abs=1e-15)
    hops = dict(zip(study.actors.column("id"), study.actors.column("hops")))
    assert hops == {"amb": 0, "min": 1, "ngo": 1, "yth": 2, "dia": -1}
    assert (study.focal_count, study.reached_count, study.actors_total) == (1, 4, 5)
    youth = [r for r in study.coverage if r["attribute"] == "kind" and r["group"] == "youth"]
    assert youth[0]["weakly_reached"] == 1  # 0.2 < weak_quality 0.25


def test_help_reads_like_the_c_docs():
    doc = stakemap.Network.gaps.__doc__
    for phrase in ("Quality is a strength", "product of the qualities", "hops: maximum hops",
                   "(1 − 1/e)", "Returns a :class:`Gaps`"):
        assert phrase in doc
    assert "1/q" in stakemap.Network.centrality.__doc__
    for name in stakemap.__all__:
        obj = getattr(stakemap, name)
        if callable(obj):
            assert obj.__doc__, name
