# stakemap — stakeholder network mapping
# SPDX-License-Identifier: GPL-2.0-or-later
"""Fixtures of the Python-binding tests (tests/bindings).

ctest puts the built package on PYTHONPATH and passes STAKEMAP_BIN (the built
command, whose output the bindings must match) and STAKEMAP_SOURCE. By hand:

    PYTHONPATH=build/bindings/python STAKEMAP_BIN=build/cli/stakemap \\
        /usr/bin/python3 -m pytest tests/bindings
"""
import csv
import json
import math
import os
import subprocess

import pytest

import stakemap  # noqa: F401  (fails early when the package is not on PYTHONPATH)



def _binary():
    path = os.environ.get("STAKEMAP_BIN")
    if not path:
        pytest.fail("STAKEMAP_BIN is not set: point it at the built stakemap command")
    return path


@pytest.fixture(scope="session")
def source_dir():
    return os.environ.get("STAKEMAP_SOURCE") or os.path.abspath(
        os.path.join(os.path.dirname(__file__), "..", ".."))


@pytest.fixture(scope="session")
def embassy(source_dir):
    return os.path.join(source_dir, "examples", "data", "embassy")


@pytest.fixture(scope="session")
def cli():
    """cli(*args) -> the parsed JSON output of the built command (which must succeed)."""
    binary = _binary()

    def run(*args):
        r = subprocess.run([binary, *map(str, args), "--format", "json", "-q"],
                           capture_output=True, text=True, timeout=120,
                           stdin=subprocess.DEVNULL)
        assert r.returncode == 0, (args, r.stderr)
        return json.loads(r.stdout)

    return run


def same(a, b):
    """Equal values, NaN (Python) matching null (JSON) and NaN; floats exactly (both
    sides print the shortest text that reads back exactly)."""
    if isinstance(a, float) and math.isnan(a):
        return b is None or (isinstance(b, float) and math.isnan(b))
    if isinstance(a, float) or isinstance(b, float):
        return b is not None and a is not None and float(a) == float(b)
    return a == b


def assert_rows_equal(rows, expected):
    """Rows of a Table (dicts) equal rows from the CLI's JSON, column by column."""
    assert len(rows) == len(expected)
    for i, (r, e) in enumerate(zip(rows, expected)):
        assert list(r) == list(e), (i, list(r), list(e))
        for k in r:
            assert same(r[k], e[k]), (i, k, r[k], e[k])


def write_csv_pair(folder, actors, relationships):
    """actors.csv (when not None) and relationships.csv from lists of rows (header first)."""
    os.makedirs(folder, exist_ok=True)
    for name, rows in (("actors.csv", actors), ("relationships.csv", relationships)):
        if rows is None:
            continue
        with open(os.path.join(folder, name), "w", newline="", encoding="utf-8") as f:
            csv.writer(f, lineterminator="\n").writerows(rows)
    return folder


@pytest.fixture
def small(tmp_path):
    """Six actors in three components (one isolated), a multi-relationship, dates."""
    actors = [
        ["id", "label", "kind", "gender", "age", "member"],
        ["a", "Alice", "ngo", "f", "34", "true"],
        ["b", "Bob", "ngo", "m", "51", "false"],
        ["c", "Chiara", "diplomat", "f", "45", "true"],
        ["d", "Dmitri", "media", "m", "29", "false"],
        ["e", "Efua", "media", "f", "38", "true"],
        ["f", "Fatima", "", "f", "23", "false"],
    ]
    rels = [
        ["source", "target", "quality", "kind", "since", "until", "channel"],
        ["a", "b", "0.5", "formal", "2020-01-01", "", "meeting"],
        ["b", "c", "1", "informal", "", "", "call"],
        ["a", "c", "0.1", "", "", "", ""],
        ["d", "e", "0.9", "media", "", "2021-06-30", "press"],
        ["d", "e", "0.3", "funding", "", "", "grant"],
    ]
    return write_csv_pair(str(tmp_path / "small"), actors, rels)


@pytest.fixture
def csv_pair():
    return write_csv_pair
