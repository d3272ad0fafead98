# stakemap — stakeholder network mapping
# SPDX-License-Identifier: GPL-2.0-or-later
"""Tests of `stakemap report` and `stakemap layout`: arguments and exit codes,
the page's structure (one node per actor or per community, the legend, the
escaping of hostile data, no external requests, the same bytes for the same
seed), the top-actor figures against NetworkX, and the page rendered by
headless Chromium without errors (with a screenshot under the build folder).

How Chromium errors are detected: a copy of the report gets a first script
that records window.onerror, unhandled rejections and console.error calls,
then on load clicks a table heading (the sortable tables' script) and writes
the errors, the node count and the sorted first cell into attributes of
<body>; `chromium --headless --dump-dom` prints the DOM after the load and the
test reads them back. The original page is also loaded with
--enable-logging=stderr, and no "Uncaught" console line may appear.
"""
import csv
import html
import io
import json
import os
import re
import shutil
import subprocess

import pytest

EMBASSY = os.path.join("examples", "data", "embassy")

HOSTILE = ["<script>alert(1)</script>", "\"onmouseover=alert(2) x=\"", "'onfocus='alert(3)",
           "a&b<c>d"]


# ---- helpers ----------------------------------------------------------------

def assert_usage_error(r, command, *fragments):
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert r.stdout == ""
    lines = r.stderr.splitlines()
    assert len(lines) == 2, r.stderr
    assert lines[0].startswith("stakemap: ")
    assert lines[1] == f"try 'stakemap {command} --help'", lines[1]
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


def embassy_path(source_dir):
    return os.path.join(source_dir, EMBASSY)


def embassy_actors(source_dir):
    with open(os.path.join(embassy_path(source_dir), "actors.csv"), encoding="utf-8") as f:
        return list(csv.DictReader(f))


def write_report(stakemap, tmp_path, network, *args, name="report.html"):
    out = tmp_path / name
    r = stakemap("report", network, "-o", out, "--quiet", *args)
    assert r.returncode == 0, r.stderr
    assert r.stdout == ""
    return out.read_text(encoding="utf-8")


def table_rows(page, section):
    """The header and rows of the first table of a section, cells unescaped."""
    part = page.split(f'<section id="{section}">', 1)[1].split("</section>", 1)[0]
    table = part.split("<table", 1)[1].split("</table>", 1)[0]
    header = [html.unescape(h) for h in re.findall(r"<th(?:\s[^>]*)?>(.*?)</th>", table)]
    rows = []
    for tr in re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>", 1)[1]):
        rows.append([html.unescape(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", tr)])
    return header, rows


@pytest.fixture
def hostile_csv(tmp_path, csv_pair):
    """Ids, labels, kinds, an attribute name and its values all hostile."""
    attr = "<b onclick=x>\"side\""
    actors = [["id", "label", "kind", attr]]
    for i, text in enumerate(HOSTILE):
        actors.append([f"{text}{i}", HOSTILE[(i + 1) % 4], HOSTILE[(i + 2) % 4],
                       HOSTILE[(i + 3) % 4]])
    rels = [["source", "target", "quality", "kind"]]
    for i in range(4):
        rels.append([actors[1 + i][0], actors[1 + (i + 1) % 4][0], "0.5", HOSTILE[i]])
    return csv_pair(tmp_path / "hostile", actors, rels), attr


# ---- report: arguments --------------------------------------------------------

def test_help_has_an_example(stakemap):
    for command in ("report", "layout"):
        r = stakemap(command, "--help")
        assert r.returncode == 0
        assert "Example" in r.stdout and f"stakemap {command} " in r.stdout
    r = stakemap("--help")
    assert "report" in r.stdout and "layout" in r.stdout


def test_usage_errors(stakemap, source_dir, tmp_path):
    net = embassy_path(source_dir)
    assert_usage_error(stakemap("report", net), "report", "-o FILE is required")
    assert_usage_error(stakemap("report", net, "-o", tmp_path / "r.html", "--target-by",
                                "gender"), "report", "--target-by needs --focal")
    assert_usage_error(stakemap("report", net, "-o", tmp_path / "r.html", "--max-actors", "0"),
                       "report", "--max-actors")
    assert_usage_error(stakemap("report", net, "-o", tmp_path / "r.html", "--seed", "x"),
                       "report", "--seed")
    assert_usage_error(stakemap("report", net, "-o", tmp_path / "r.html", "--format", "csv"),
                       "report", "--format")
    assert_usage_error(stakemap("report", "-o", tmp_path / "r.html"), "report")
    assert not (tmp_path / "r.html").exists()


def test_input_errors_keep_the_old_file(stakemap, source_dir, tmp_path):
    net = embassy_path(source_dir)
    out = tmp_path / "r.html"
    out.write_text("old")
    assert_error(stakemap("report", net, "-o", out, "--focal", "kind ="), "focal")
    assert_error(stakemap("report", net, "-o", out, "--focal", "planet = 'mars'"), "planet")
    assert_error(stakemap("report", net, "-o", out, "--colour-by", "shoe_size"), "shoe_size")
    assert_error(stakemap("report", net, "-o", out, "--colour-by", "stance"), "stance")
    assert_error(stakemap("report", net, "-o", out, "--size-by", "fame"), "fame")
    assert_error(stakemap("report", net, "-o", out, "--focal", "kind = 'diplomat'",
                          "--target-by", "planet"), "planet")
    assert_error(stakemap("report", tmp_path / "missing", "-o", out), "missing")
    assert_error(stakemap("report", net, "-o", tmp_path / "no" / "r.html"), "no/r.html")
    assert out.read_text() == "old"
    assert sorted(os.listdir(tmp_path)) == ["r.html"]  # no temporary file left


# ---- report: content ------------------------------------------------------------

def test_one_node_per_actor_and_every_kind_in_the_legend(stakemap, source_dir, tmp_path):
    actors = embassy_actors(source_dir)
    page = write_report(stakemap, tmp_path, embassy_path(source_dir))
    assert page.startswith("<!DOCTYPE html>\n")
    ids = [html.unescape(i) for i in re.findall(r'<g class="node[^"]*" data-id="([^"]*)"', page)]
    assert sorted(ids) == sorted(a["id"] for a in actors)
    assert page.count("<circle ") == len(actors)
    legend = page.split('<ul class="legend" id="kinds">', 1)[1].split("</ul>", 1)[0]
    kinds = [html.unescape(k) for k in re.findall(r'<li class="kind">.*?<b>(.*?)</b>', legend)]
    assert sorted(kinds) == sorted({a["kind"] for a in actors})
    # Counts in the legend match the file.
    for kind, n in re.findall(r"<b>(.*?)</b> (\d+) ", legend):
        assert int(n) == sum(a["kind"] == html.unescape(kind) for a in actors)
    # Default title: the network's folder name.
    assert "<title>embassy</title>" in page


def test_top_actors_match_networkx(stakemap, source_dir, tmp_path):
    """The top-actor table's PageRank, degree and strength against NetworkX 2.8
    (quality as weight; a multi-relationship combined by its highest quality)."""
    import networkx as nx

    net = embassy_path(source_dir)
    g = nx.Graph()
    for a in embassy_actors(source_dir):
        g.add_node(a["id"])
    with open(os.path.join(net, "relationships.csv"), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            u, v, q = row["source"], row["target"], float(row["quality"])
            if not g.has_edge(u, v) or g[u][v]["quality"] < q:
                g.add_edge(u, v, quality=q)
    pr = nx.pagerank(g, weight="quality")
    page = write_report(stakemap, tmp_path, net, "--top", "15")
    header, rows = table_rows(page, "top-actors")
    assert header[:4] == ["rank", "id", "label", "kind"]
    assert len(rows) == 15
    col = {name: i for i, name in enumerate(header)}
    expected = sorted(pr.values(), reverse=True)[:15]
    for k, row in enumerate(rows):
        v = row[col["id"]]
        assert int(row[col["rank"]]) == k + 1
        assert float(row[col["pagerank"]]) == pytest.approx(pr[v], rel=1e-3)
        assert float(row[col["pagerank"]]) == pytest.approx(expected[k], rel=1e-3)
        assert int(row[col["degree"]]) == g.degree(v)
        assert float(row[col["strength"]]) == pytest.approx(g.degree(v, weight="quality"),
                                                            rel=1e-3)


def test_focal_set_and_gap_study(stakemap, source_dir, tmp_path):
    actors = embassy_actors(source_dir)
    diplomats = {a["id"] for a in actors if a["kind"] == "diplomat"}
    page = write_report(stakemap, tmp_path, embassy_path(source_dir), "--focal",
                        "kind = 'diplomat'", "--target-by", "kind,gender")
    focal = set(re.findall(r'<g class="node [^"]* focal(?: rec)?" data-id="([^"]*)"', page))
    assert focal == diplomats
    assert '<section id="gaps">' in page
    # The recommendations table is the gap section's last: its ids are marked on the map.
    gaps = page.split('<section id="gaps">', 1)[1].split("</section>", 1)[0]
    last = gaps.rsplit("<table", 1)[1]
    rec_ids = [html.unescape(c) for c in re.findall(r"<tr><td[^>]*>\d+</td><td>(.*?)</td>", last)]
    assert rec_ids
    marked = set(html.unescape(i) for i in re.findall(r' rec" data-id="([^"]*)"', page))
    assert marked == set(rec_ids)
    assert not marked & diplomats
    # Coverage rows for both target attributes.
    assert ">gender</td>" in gaps and ">kind</td>" in gaps


def test_drawn_by_community_above_max_actors(stakemap, source_dir, tmp_path):
    actors = embassy_actors(source_dir)
    page = write_report(stakemap, tmp_path, embassy_path(source_dir), "--max-actors", "10")
    assert 'id="by-community"' in page
    assert f"This network has {len(actors)} actors, more than 10" in page
    titles = re.findall(r"<title>community (\d+): (\d+) actors", page)
    nodes = re.findall(r'<g class="node [^"]*" data-id="community-(\d+)"', page)
    assert sorted(nodes) == sorted(t[0] for t in titles)
    assert 1 < len(nodes) <= 10
    # Every actor is in one drawn community (fewer than 10 communities here).
    assert sum(int(t[1]) for t in titles) == len(actors)
    communities = int(re.search(r"<td>communities</td><td>(\d+)</td>", page).group(1))
    assert len(nodes) == communities


def test_colour_by_and_title(stakemap, source_dir, tmp_path):
    net = embassy_path(source_dir)
    page = write_report(stakemap, tmp_path, net, "--colour-by", "gender", "--title",
                        "Embassy <2024>")
    assert "<title>Embassy &lt;2024&gt;</title>" in page
    legend = page.split('<ul class="legend" id="colours">', 1)[1].split("</ul>", 1)[0]
    genders = []
    for a in embassy_actors(source_dir):
        if a["gender"] not in genders:
            genders.append(a["gender"])
    assert re.findall(r'<span class="sw c\d+"></span>(.*?)</li>', legend) == genders
    page = write_report(stakemap, tmp_path, net, "--color-by", "community", name="c.html")
    assert "communities (Leiden, by size)" in page


def test_same_seed_same_bytes(stakemap, source_dir, tmp_path):
    net = embassy_path(source_dir)
    a = write_report(stakemap, tmp_path, net, "--focal", "kind = 'diplomat'", name="a.html")
    b = write_report(stakemap, tmp_path, net, "--focal", "kind = 'diplomat'", name="b.html")
    c = write_report(stakemap, tmp_path, net, "--focal", "kind = 'diplomat'", "--seed", "9",
                     name="c.html")
    assert a == b
    assert a != c


def test_hostile_strings_are_escaped(stakemap, hostile_csv, tmp_path):
    net, attr = hostile_csv
    page = write_report(stakemap, tmp_path, net, "--colour-by", attr, "--title", HOSTILE[1],
                        "--focal", f"kind = '{HOSTILE[0]}'", "--target-by", f"kind,{attr}")
    assert page.count("<script") == 1  # the page's own sorting script
    assert "alert(1)</script>" not in page
    assert '"onmouseover=' not in page
    assert "'onfocus=" not in page
    assert "<b onclick" not in page
    assert "a&b" not in page and "<c>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&quot;onmouseover=alert(2) x=&quot;" in page
    assert "&#39;onfocus=&#39;alert(3)" in page
    assert "&lt;b onclick=x&gt;&quot;side&quot;" in page
    ids = [html.unescape(i) for i in re.findall(r'data-id="([^"]*)"', page)]
    assert sorted(ids) == sorted(f"{t}{i}" for i, t in enumerate(HOSTILE))


def test_no_external_requests(stakemap, source_dir, hostile_csv, tmp_path):
    pages = [write_report(stakemap, tmp_path, embassy_path(source_dir), "--focal",
                          "kind = 'diplomat'", name="e.html"),
             write_report(stakemap, tmp_path, hostile_csv[0], name="h.html")]
    for page in pages:
        assert not re.search(r"https?:", page)
        assert not re.search(r"\ssrc\s*=", page, re.I)
        assert "<link" not in page and "@import" not in page and "url(" not in page
        assert re.findall(r'\shref="([^"]*)"', page)
        for ref in re.findall(r'\shref="([^"]*)"', page):
            assert ref.startswith("#"), ref


# ---- headless Chromium ------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

HOOK = """<script>
window.__errors = [];
window.onerror = function (m) { window.__errors.push('error: ' + m); };
window.addEventListener('unhandledrejection', function (e) {
  window.__errors.push('rejection: ' + e.reason); });
var __ce = console.error;
console.error = function () { window.__errors.push('console: ' +
  Array.prototype.join.call(arguments, ' ')); __ce.apply(console, arguments); };
window.addEventListener('load', function () {
  try {
    var th = document.querySelectorAll('#top-actors thead th')[1];
    th.click();
    var first = document.querySelector('#top-actors tbody tr').cells[1].textContent;
    document.body.setAttribute('data-sorted-first', first);
    document.body.setAttribute('data-sorted-dir', th.getAttribute('data-dir'));
    document.body.setAttribute('data-nodes',
      String(document.querySelectorAll('#map g.node').length));
  } catch (e) { window.__errors.push('hook: ' + e); }
  document.body.setAttribute('data-errors', JSON.stringify(window.__errors));
});
</script>
"""


def chromium(tmp_path, *args):
    profile = tmp_path / "chromium-profile"
    return subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                           f"--user-data-dir={profile}", "--no-first-run", *map(str, args)],
                          capture_output=True, text=True, timeout=180,
                          stdin=subprocess.DEVNULL)


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed "
                    "(scripts/install-deps installs Debian's chromium)")
def test_renders_in_headless_chromium(stakemap, source_dir, tmp_path):
    actors = embassy_actors(source_dir)
    out = tmp_path / "report.html"
    r = stakemap("report", embassy_path(source_dir), "-o", out, "--focal", "kind = 'diplomat'")
    assert r.returncode == 0, r.stderr
    page = out.read_text(encoding="utf-8")
    _, rows = table_rows(page, "top-actors")
    first_id = sorted(row[1] for row in rows)[0]

    # 1. The page with the error hook: no error, every node, the sort works.
    hooked = tmp_path / "hooked.html"
    hooked.write_text(page.replace("<head>\n", "<head>\n" + HOOK, 1), encoding="utf-8")
    r = chromium(tmp_path, "--dump-dom", "--virtual-time-budget=5000", hooked.as_uri())
    assert r.returncode == 0, r.stderr[-2000:]
    body = re.search(r"<body([^>]*)>", r.stdout)
    assert body, r.stdout[:500]
    attrs = dict((k, html.unescape(v)) for k, v in re.findall(r'([\w-]+)="([^"]*)"',
                                                              body.group(1)))
    assert json.loads(attrs["data-errors"]) == []
    assert attrs["data-nodes"] == str(len(actors))
    assert attrs["data-sorted-dir"] == "asc"
    assert attrs["data-sorted-first"] == first_id

    # 2. The page as written, with Chromium's console on stderr, and a screenshot.
    build = os.path.dirname(os.path.dirname(os.environ["STAKEMAP_BIN"]))
    shot = os.path.join(build, "report-screenshot.png")
    if os.path.exists(shot):
        os.remove(shot)
    r = chromium(tmp_path, "--enable-logging=stderr", "--v=0", f"--screenshot={shot}",
                 "--window-size=1400,1000", "--virtual-time-budget=5000", out.as_uri())
    assert r.returncode == 0, r.stderr[-2000:]
    console = [line for line in r.stderr.splitlines() if "CONSOLE" in line]
    assert not [line for line in console if "Uncaught" in line or "Error" in line], console
    assert os.path.getsize(shot) > 0
    with open(shot, "rb") as f:
        assert f.read(8) == b"\x89PNG\r\n\x1a\n"


# ---- layout -------------------------------------------------------------------------

def read_layout(text):
    rows = list(csv.DictReader(io.StringIO(text)))
    return rows


def test_layout_csv_and_json(stakemap, source_dir, tmp_path):
    actors = embassy_actors(source_dir)
    net = embassy_path(source_dir)
    r = stakemap("layout", net)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[0] == "id,x,y"
    rows = read_layout(r.stdout)
    assert [row["id"] for row in rows] == [a["id"] for a in actors]
    xs = [float(row["x"]) for row in rows]
    ys = [float(row["y"]) for row in rows]
    assert all(0 <= v <= 1 for v in xs + ys)
    # Scaled so that the longer side spans 0..1.
    assert max(max(xs) - min(xs), max(ys) - min(ys)) == pytest.approx(1.0)
    r = stakemap("layout", net, "--format", "json")
    assert r.returncode == 0
    doc = json.loads(r.stdout)
    assert [d["id"] for d in doc] == [a["id"] for a in actors]
    assert doc[0]["x"] == pytest.approx(xs[0]) and doc[0]["y"] == pytest.approx(ys[0])
    out = tmp_path / "layout.csv"
    r = stakemap("layout", net, "-o", out)
    assert r.returncode == 0 and r.stdout == ""
    assert read_layout(out.read_text()) == rows


def test_layout_seed_iterations_algorithm(stakemap, source_dir):
    net = embassy_path(source_dir)
    a = stakemap("layout", net, "--seed", "3").stdout
    b = stakemap("layout", net, "--seed", "3").stdout
    c = stakemap("layout", net, "--seed", "4").stdout
    d = stakemap("layout", net, "--seed", "3", "--iterations", "10").stdout
    e = stakemap("layout", net, "--seed", "3", "--algorithm", "fr").stdout
    assert a == b == e
    assert a != c and a != d


def test_layout_clusters_drawn_together(stakemap, tmp_path, csv_pair):
    """Two 6-cliques (quality 1) joined by one weak tie: each actor lies nearer,
    on average, to its own clique than to the other (attraction along ties)."""
    actors = [["id", "label", "kind"]] + [[f"{c}{i}", "", "ngo"] for c in "ab"
                                          for i in range(6)]
    rels = [["source", "target", "quality"]]
    for c in "ab":
        rels += [[f"{c}{i}", f"{c}{j}", "1"] for i in range(6) for j in range(i + 1, 6)]
    rels.append(["a0", "b0", "0.1"])
    net = csv_pair(tmp_path / "two", actors, rels)
    for algorithm in ("fr", "drl"):
        r = stakemap("layout", net, "--algorithm", algorithm)
        assert r.returncode == 0, r.stderr
        pos = {row["id"]: (float(row["x"]), float(row["y"])) for row in read_layout(r.stdout)}

        def d(u, v):
            return ((pos[u][0] - pos[v][0]) ** 2 + (pos[u][1] - pos[v][1]) ** 2) ** 0.5

        within = [d(u, v) for u in pos for v in pos if u != v and u[0] == v[0]]
        across = [d(u, v) for u in pos for v in pos if u[0] != v[0]]
        assert sum(within) / len(within) < sum(across) / len(across), algorithm


def test_layout_errors(stakemap, source_dir, tmp_path):
    net = embassy_path(source_dir)
    assert_usage_error(stakemap("layout", net, "--algorithm", "circle"), "layout",
                       "circle")
    assert_usage_error(stakemap("layout", net, "--iterations", "many"), "layout",
                       "--iterations")
    assert_usage_error(stakemap("layout", net, "--focal", "x"), "layout", "--focal")
    assert_usage_error(stakemap("layout"), "layout")
    assert_error(stakemap("layout", net, "--iterations", "-5"), "iterations -5")
    assert_error(stakemap("layout", tmp_path / "none.json"), "none.json")
