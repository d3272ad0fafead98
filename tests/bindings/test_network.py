# stakemap — stakeholder network mapping
# SPDX-License-Identifier: GPL-2.0-or-later
"""Building, loading, saving, views, selections and derived networks."""
import datetime
import os

import pytest

import stakemap


def test_build_by_hand_and_read_back():
    net = stakemap.Network()
    assert net.add_actor("amb", "Ambassador", "diplomat", gender="f", age=52, member=True) == 0
    assert net.add_actor("ngo", kind="ngo") == 1
    assert net.add_actor("x") == 2
    assert net.add_relationship("amb", "ngo", 0.4, "informal", since="2020-01-01",
                                until=datetime.date(2022, 12, 31), channel="event") == 0
    assert len(net) == 3
    assert len(net.relationships) == 1
    assert net.actors["amb"] == {"id": "amb", "label": "Ambassador", "kind": "diplomat",
                                 "gender": "f", "age": 52.0, "member": True}
    # an actor without a kind is "other"; without a label, None
    assert net.actors["x"] == {"id": "x", "label": None, "kind": "other"}
    assert net.relationships[0] == {"source": "amb", "target": "ngo", "quality": 0.4,
                                    "kind": "informal", "since": "2020-01-01",
                                    "until": "2022-12-31", "channel": "event"}
    assert net.attributes() == {"gender": "text", "age": "number", "member": "bool"}
    assert net.attributes("relationship") == {"channel": "text"}
    assert "amb" in net.actors and "nobody" not in net.actors
    assert net.actors.ids() == ["amb", "ngo", "x"]
    assert net.kinds() == {"diplomat": 1, "ngo": 1, "other": 1}
    assert not net.directed and stakemap.Network(directed=True).directed


def test_errors_leave_the_network_unchanged():
    net = stakemap.Network()
    net.add_actor("a", age=30)
    net.add_actor("b")
    with pytest.raises(stakemap.DuplicateError, match='duplicate actor id "a"') as e:
        net.add_actor("a")
    assert e.value.code == -6
    # the attribute type mismatch is found before the actor is added
    with pytest.raises(stakemap.InvalidArgumentError, match="age"):
        net.add_actor("c", age="thirty")
    assert len(net) == 2 and "c" not in net.actors
    with pytest.raises(stakemap.InvalidArgumentError, match="space"):
        net.add_actor("c", **{"kind ": 1})
    with pytest.raises(stakemap.InvalidArgumentError, match="reserved"):
        net.add_actors([{"id": "c", "attributes": {"label": "x"}}])
    assert len(net) == 2
    with pytest.raises(stakemap.InvalidArgumentError, match="outside"):
        net.add_relationship("a", "b", 1.7)
    with pytest.raises(stakemap.InvalidArgumentError):
        net.add_relationship("a", "b", float("nan"))
    with pytest.raises(stakemap.InvalidArgumentError, match="self-relationship"):
        net.add_relationship("a", "a", 0.5)
    with pytest.raises(stakemap.NotFoundError, match='unknown actor "zz"'):
        net.add_relationship("a", "zz", 0.5)
    with pytest.raises(stakemap.InvalidArgumentError, match="2020-13-01"):
        net.add_relationship("a", "b", 0.5, since="2020-13-01")
    with pytest.raises(stakemap.InvalidArgumentError, match="before"):
        net.add_relationship("a", "b", 0.5, since="2021-01-01", until="2020-01-01")
    net.add_relationship("a", "b", 0.5, weight=2)
    with pytest.raises(stakemap.InvalidArgumentError, match="weight"):
        net.add_relationship("a", "b", 0.5, weight="heavy")
    assert len(net.relationships) == 1
    # NotFoundError is also a KeyError, InvalidArgumentError a ValueError
    assert issubclass(stakemap.NotFoundError, KeyError)
    assert issubclass(stakemap.InvalidArgumentError, ValueError)
    assert issubclass(stakemap.FileError, OSError)
    assert issubclass(stakemap.OutOfMemoryError, MemoryError)
    with pytest.raises(stakemap.InvalidArgumentError, match="datetime.date"):
        net.add_actor("d", when=datetime.date(2020, 1, 1))
    assert len(net) == 2


def test_bulk_from_dicts_is_all_or_nothing():
    net = stakemap.Network()
    assert net.add_actors([{"id": "a", "kind": "ngo", "score": 1.5},
                           {"id": "b", "label": "Bee", "attributes": {"score": 2}},
                           {"id": "c", "score": None}]) == 3
    assert net.actors["b"] == {"id": "b", "label": "Bee", "kind": "other", "score": 2.0}
    assert net.actors["c"] == {"id": "c", "label": None, "kind": "other"}
    with pytest.raises(stakemap.DuplicateError, match='row 1: duplicate actor id "a"'):
        net.add_actors([{"id": "d"}, {"id": "a"}])
    assert len(net) == 3 and "d" not in net.actors
    rels = [{"source": "a", "target": "b", "quality": 0.5},
            {"source": "b", "target": "c"},
            {"source": "c", "target": "zz"}]
    with pytest.raises(stakemap.NotFoundError, match='row 2: unknown actor "zz"'):
        net.add_relationships(rels)
    assert len(net.relationships) == 0
    assert net.add_relationships(rels[:2]) == 2
    assert [r["quality"] for r in net.relationships] == [0.5, 1.0]


def test_bulk_from_pandas_equals_loading_the_csv(small):
    pd = pytest.importorskip("pandas")
    loaded = stakemap.Network.load(small)
    actors = pd.read_csv(os.path.join(small, "actors.csv"), keep_default_na=False,
                         dtype={"kind": str})
    actors["age"] = actors["age"].astype(float)
    assert actors["member"].dtype == bool  # read through the buffer protocol as '?'
    rels = pd.read_csv(os.path.join(small, "relationships.csv"), dtype=str,
                       keep_default_na=False).replace("", None)
    rels["quality"] = rels["quality"].astype(float)
    built = stakemap.Network.from_pandas(actors.replace("", None), rels)
    assert list(built.actors) == list(loaded.actors)
    assert list(built.relationships) == list(loaded.relationships)
    assert built.attributes() == loaded.attributes()
    # datetime64 columns become ISO dates; pandas NA leaves fields unset
    rels2 = rels.copy()
    rels2["since"] = pd.to_datetime(rels2["since"])
    rels2["kind"] = rels2["kind"].astype("string")
    again = stakemap.Network.from_pandas(actors.replace("", None), rels2)
    assert list(again.relationships) == list(loaded.relationships)


def test_from_pandas_without_actors():
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame({"source": ["x", "y"], "target": ["y", "z"], "quality": [0.5, 0.25]})
    net = stakemap.Network.from_pandas(relationships=df)
    assert net.actors.ids() == ["x", "y", "z"]
    assert [r["quality"] for r in net.relationships] == [0.5, 0.25]


def test_load_save_round_trip(small, tmp_path):
    net = stakemap.Network.load(small)
    assert (len(net), len(net.relationships)) == (6, 5)
    for target in (tmp_path / "out.json", tmp_path / "out.graphml", tmp_path / "folder"):
        net.save(target)
        back = stakemap.Network.load(target)
        assert list(back.actors) == list(net.actors)
        assert list(back.relationships) == list(net.relationships)
    text = (tmp_path / "out.json").read_text()
    assert list(stakemap.Network.from_string(text).actors) == list(net.actors)
    with pytest.raises(stakemap.InvalidArgumentError, match="format 'xml'"):
        net.save(tmp_path / "x", format="xml")


def test_load_errors_carry_their_location(tmp_path, csv_pair):
    folder = csv_pair(str(tmp_path / "bad"), [["id"], ["a"], ["b"]],
                      [["source", "target", "quality"], ["a", "b", "0.5"], ["a", "b", "1.7"]])
    with pytest.raises(stakemap.InvalidArgumentError) as e:
        stakemap.Network.load(folder)
    assert e.value.file.endswith("relationships.csv") and e.value.line == 3
    assert '"1.7"' in e.value.message and "(0, 1]" in str(e.value)
    bad = tmp_path / "bad.json"
    bad.write_text('{"stakemap": 1,\n "actors": [}')
    with pytest.raises(stakemap.ParseError) as e:
        stakemap.Network.load(bad)
    assert e.value.code == -3 and e.value.line == 2 and e.value.column > 0
    assert e.value.file.endswith("bad.json")
    with pytest.raises((stakemap.NotFoundError, stakemap.FileError)) as e:
        stakemap.Network.load(tmp_path / "missing.json")
    assert "missing.json" in e.value.message
    with pytest.raises(stakemap.InvalidArgumentError, match="format 'xls'"):
        stakemap.Network.load(bad, format="xls")
    problems = stakemap.validate(folder)
    assert [p["line"] for p in problems] == [3]


def test_select_and_derived_networks(small):
    net = stakemap.Network.load(small)
    sel = net.select("kind = ngo or gender = 'f' and age < 30")
    assert list(sel) == ["a", "b", "f"] and len(sel) == 3
    assert "a" in sel and "c" not in sel and "nobody" not in sel
    assert sel.indices() == [0, 1, 5]
    sub = net.subgraph(sel)
    assert sub.actors.ids() == ["a", "b", "f"] and len(sub.relationships) == 1
    assert net.subgraph("kind = media").actors.ids() == ["d", "e"]
    assert net.subgraph(["c", "a"]).actors.ids() == ["a", "c"]
    assert net.ego("a", 1).actors.ids() == ["a", "b", "c"]
    assert net.ego("d", 0).actors.ids() == ["d"]
    # on 2021-07-01 the d-e media relationship (until 2021-06-30) is over
    snap = net.at("2021-07-01")
    assert len(snap) == 6 and [r["kind"] for r in snap.relationships] == [
        "formal", "informal", None, "funding"]
    assert len(net.at(datetime.date(2019, 1, 1)).relationships) == 4
    with pytest.raises(stakemap.SelectionError) as e:
        net.select("kind = = ngo")
    assert e.value.column == 8 and e.value.code == -3
    with pytest.raises(stakemap.SelectionError) as e:
        net.select("colour = red")
    assert e.value.code == -5 and e.value.column == 1 and "colour" in e.value.message
    with pytest.raises(stakemap.SelectionError) as e:
        net.select("age = old")
    assert e.value.code == -2
    with pytest.raises(stakemap.NotFoundError):
        net.ego("nobody", 1)
    with pytest.raises(stakemap.InvalidArgumentError, match="direction"):
        net.ego("a", 1, direction="sideways")
    # a selection is stale once its network changes, and belongs to one network
    net.add_actor("g")
    with pytest.raises(stakemap.InvalidArgumentError, match="select again"):
        net.subgraph(sel)
    with pytest.raises(stakemap.InvalidArgumentError, match="another network"):
        net.copy().subgraph(net.select("kind = ngo"))


def test_summary_matches_the_cli(small, cli):
    net = stakemap.Network.load(small)
    s = net.summary()
    expected = cli("summary", small)
    assert s["actors"] == 6 and s["relationships"] == 5 and s["isolated"] == 1
    assert s["components"] == 3 and s["multi_relationships"] == 1
    assert s["quality_min"] == 0.1 and s["quality_max"] == 1.0
    assert s["first_date"] == "2020-01-01" and s["last_date"] == "2021-06-30"
    cli_summary = dict(expected["summary"])
    cli_summary["quality_histogram"] = tuple(cli_summary["quality_histogram"])
    mine = {k: v for k, v in s.items() if k in cli_summary}
    assert mine == cli_summary
    assert set(s) - set(cli_summary) <= {"strong_components"}
    kinds = {r["value"]: r["actors"] for r in expected["by"]["kind"]}
    assert net.kinds() == kinds


def test_kinds_and_version():
    k = stakemap.kinds()
    assert list(k)[:2] == ["diplomat", "government"] and "diaspora" in k
    assert all(isinstance(v, str) and v for v in k.values())
    assert stakemap.library_version() == stakemap.__version__
    assert "pagerank" in stakemap.measures()
