#!/usr/bin/python3
# stakemap — stakeholder network mapping
# SPDX-License-Identifier: GPL-2.0-or-later
"""(Re)write the seed files of fuzz/corpus/<target>/.

Seeds come from tests/data (every valid and invalid fixture of each format),
examples/data/embassy (the small hand-made map) and the hand-made edge cases
below. Seed files are named valid-*, invalid-*, example-* and edge-*; this
script replaces exactly those and never touches crash-*, leak-*, timeout-* or
any other file (regression inputs found by fuzzing, added by hand).

    /usr/bin/python3 fuzz/make_corpus.py
"""
import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
CORPUS = ROOT / "fuzz" / "corpus"
SEED_PREFIXES = ("valid-", "invalid-", "example-", "edge-")
SEP = b"\n----\n"  # fuzz_csv: actors.csv SEP relationships.csv


def reset(target):
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    for f in folder.iterdir():
        if f.name.startswith(SEED_PREFIXES):
            f.unlink()
    return folder


def write(folder, name, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    (folder / name).write_bytes(data)


def csv_pair(actors, relationships):
    """One fuzz_csv input; actors None = no actors.csv."""
    if actors is None:
        assert SEP not in relationships
        return relationships
    assert SEP not in actors
    return actors + SEP + relationships


# ---- JSON -------------------------------------------------------------------

def json_seeds():
    out = reset("json")
    for f in sorted((DATA / "json").glob("*.json")):
        write(out, "valid-" + f.name, f.read_bytes())
    for d in sorted((DATA / "invalid" / "json").iterdir()):
        write(out, "invalid-%s.json" % d.name, (d / "network.json").read_bytes())
    write(out, "example-embassy.json", embassy_json())
    edge = {
        "min": '{"stakemap":1}',
        "directed-empty": '{"stakemap":1,"directed":true,"actors":[],"relationships":[]}',
        "nested-64": '{"stakemap":1,"actors":[{"id":"a","attributes":{"x":'
                     + "[" * 60 + "]" * 60 + "}}]}",
        "nested-65": "[" * 65 + "]" * 65,
        "nested-deep": "[" * 5000,
        "escapes": '{"stakemap":1,"actors":[{"id":"\\u00e9\\ud83d\\ude00\\/\\b\\f\\n\\r\\t",'
                   '"label":"\\"q\\" \\\\","kind":"\\u2028"}]}',
        "numbers": '{"stakemap":1,"actors":[{"id":"a","attributes":{"n":-0}},'
                   '{"id":"b","attributes":{"n":1.7976931348623157e308}},'
                   '{"id":"c","attributes":{"n":4.9e-324}},{"id":"d","attributes":{"n":-0.0}},'
                   '{"id":"e","attributes":{"n":9007199254740993}},'
                   '{"id":"f","attributes":{"n":1e-400}}]}',
        "quality-edges": '{"stakemap":1,"actors":[{"id":"a"},{"id":"b"}],"relationships":['
                         '{"source":"a","target":"b","quality":1.0},'
                         '{"source":"b","target":"a","quality":1e-308},'
                         '{"source":"a","target":"b","quality":1.0000000000000002}]}',
        "dates": '{"stakemap":1,"actors":[{"id":"a"},{"id":"b"}],"relationships":['
                 '{"source":"a","target":"b","since":"0001-01-01","until":"9999-12-31"},'
                 '{"source":"a","target":"b","since":"2024-02-29","until":"2024-02-29"},'
                 '{"source":"a","target":"b","since":"2023-02-29"}]}',
        "multi-undirected": '{"stakemap":1,"directed":false,"actors":[{"id":"a"},{"id":"b"},'
                            '{"id":"c"}],"relationships":[{"source":"a","target":"b"},'
                            '{"source":"b","target":"a"},{"source":"a","target":"b","quality":0.5}]}',
        "attr-types": '{"stakemap":1,"actors":[{"id":"a","attributes":{"s":"","n":0,"b":false,'
                      '"z":null}},{"id":"b","attributes":{"s":"12","n":-1.5e3,"b":true}}],'
                      '"relationships":[{"source":"a","target":"b","attributes":{"w":1}}]}',
        "attr-name-odd": '{"stakemap":1,"actors":[{"id":"a","attributes":{" sp ":"x",'
                         '"a:number":"t","directed":"d","Age":1,"age":2,"=x":"=y","\'q":"\'-"}}]}',
        "control-chars": '{"stakemap":1,"actors":[{"id":"a\\u0001","label":"\\u001f\\u007f",'
                         '"kind":"\\ufffe\\uffff"}]}',
        "bom-only": b"\xef\xbb\xbf",
        "bom-ws": b"\xef\xbb\xbf \r\n\t{\"stakemap\":1}\r\n",
        "id-long": '{"stakemap":1,"actors":[{"id":"' + "x" * 65537 + '"}]}',
        "id-64k": '{"stakemap":1,"actors":[{"id":"' + "y" * 65536 + '"}]}',
        "version-float": '{"stakemap":1.0}',
        "version-2": '{"stakemap":2}',
        "name-only": '{"stakemap":1,"name":null,"description":"d"}',
        "unicode-ids": '{"stakemap":1,"actors":[{"id":"日本"},{"id":"\u00e9"},{"id":"e\u0301"}],'
                       '"relationships":[{"source":"日本","target":"\u00e9"}]}',
        "spreadsheet-text": '{"stakemap":1,"actors":[{"id":"=1+1","label":"+x","kind":"-k",'
                            '"attributes":{"t":"@a","u":"\'=b","v":"\\tx","w":"\\rx"}},'
                            '{"id":"\'\'x"}]}',
        "many-attrs": '{"stakemap":1,"actors":[{"id":"a","attributes":{'
                      + ",".join('"a%d":%d' % (i, i) for i in range(1030)) + "}}]}",
    }
    for name, text in edge.items():
        write(out, "edge-%s.json" % name, text)


def embassy_json():
    import csv
    base = ROOT / "examples" / "data" / "embassy"
    with open(base / "actors.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    actors = []
    for r in rows:
        attrs = {k: v for k, v in r.items() if k not in ("id", "label", "kind") and v != ""}
        if "stance" in attrs:
            attrs["stance"] = float(attrs["stance"])
        actors.append({"id": r["id"], "label": r["label"], "kind": r["kind"],
                       "attributes": attrs})
    with open(base / "relationships.csv", newline="", encoding="utf-8") as f:
        rels = []
        for r in csv.DictReader(f):
            rel = {"source": r["source"], "target": r["target"]}
            if r.get("quality"):
                rel["quality"] = float(r["quality"])
            for k in ("kind", "since", "until"):
                if r.get(k):
                    rel[k] = r[k]
            rels.append(rel)
    return json.dumps({"stakemap": 1, "directed": False, "actors": actors,
                       "relationships": rels}, ensure_ascii=False, indent=1)


# ---- GraphML ----------------------------------------------------------------

HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n'
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n')


def graphml_seeds():
    out = reset("graphml")
    for f in sorted((DATA / "graphml").glob("*.graphml")):
        write(out, "valid-" + f.name, f.read_bytes())
    for d in sorted((DATA / "invalid" / "graphml").iterdir()):
        write(out, "invalid-%s.graphml" % d.name, (d / "network.graphml").read_bytes())
    edge = {
        "docs-example": (ROOT / "docs" / "formats" / "graphml.md").read_text(encoding="utf-8")
                        .split("```xml\n", 1)[1].split("```", 1)[0],
        "minimal": HEAD + '<graph edgedefault="undirected"/></graphml>',
        "no-namespace": '<graphml><graph><node id="a"/><node id="b"/>'
                        '<edge source="a" target="b"/></graph></graphml>',
        "prefixed": '<g:graphml xmlns:g="http://graphml.graphdrawing.org/xmlns">'
                    '<g:graph edgedefault="directed"><g:node id="a"/><g:node id="b"/>'
                    '<g:edge source="b" target="a" directed="true"/></g:graph></g:graphml>',
        "all-types": HEAD +
            '<key id="s" for="node" attr.name="s" attr.type="string"/>'
            '<key id="i" for="node" attr.name="i" attr.type="int"/>'
            '<key id="l" for="node" attr.name="l" attr.type="long"/>'
            '<key id="f" for="node" attr.name="f" attr.type="float"/>'
            '<key id="d" for="node" attr.name="d" attr.type="double"><default> 2.5 </default></key>'
            '<key id="b" for="node" attr.name="b" attr.type="boolean"><default>1</default></key>'
            '<key id="k" for="all" attr.name="kind"/>'
            '<key id="w" for="edge" attr.name="weight" attr.type="double"/>'
            '<graph edgedefault="directed">'
            '<node id="a"><data key="s"> sp &amp; &lt;x&gt; &#233;&#x65E5;</data>'
            '<data key="i"> -7 </data><data key="l">9007199254740993</data>'
            '<data key="f">1e-3</data><data key="b">FALSE</data><data key="k">ngo</data></node>'
            '<node id="b"><data key="s"><![CDATA[<raw>&]]></data><data key="b">0</data></node>'
            '<edge source="a" target="b"><data key="w">0.25</data><data key="k">formal</data></edge>'
            '<edge source="b" target="a"><data key="w">1</data></edge>'
            '</graph></graphml>',
        "edge-before-node": HEAD + '<graph edgedefault="undirected">'
            '<edge id="e" source="a" target="b"/><node id="a"/><node id="b"/></graph></graphml>',
        "period": HEAD +
            '<key id="s" for="edge" attr.name="since"/><key id="u" for="edge" attr.name="until"/>'
            '<key id="q" for="edge" attr.name="quality" attr.type="double"/>'
            '<graph edgedefault="undirected"><node id="a"/><node id="b"/>'
            '<edge source="a" target="b"><data key="s">2020-02-29</data>'
            '<data key="u">2020-03-01</data><data key="q">0.5</data></edge>'
            '<edge source="a" target="b"><data key="s"></data><data key="q">1e-300</data></edge>'
            '</graph></graphml>',
        "whitespace-text": HEAD +
            '<key id="l" for="node" attr.name="label"/><key id="x" for="node" attr.name="x"/>'
            '<graph><node id="a"><data key="l">line1\r\nline2&#13;&#10;\ttab</data>'
            '<data key="x">  </data></node></graph></graphml>',
        "comments-pi": '<?xml version="1.0"?><!-- c --><?pi x?>\n' + HEAD[39:] +
            '<desc>d</desc><!-- c --><graph><?pi?><node id="a"><desc>x</desc></node></graph>'
            '<data key="z">ignored?</data></graphml>',
        "foreign-ns": HEAD[:-2] + ' xmlns:y="urn:y"><y:x><node id="q"/></y:x>'
            '<graph><node id="a"><y:ShapeNode><y:Geometry/></y:ShapeNode></node>'
            '</graph></graphml>',
        "utf16": ('<?xml version="1.0" encoding="UTF-16"?><graphml><graph><node id="\u00e9"/>'
                  '</graph></graphml>').encode("utf-16"),
        "latin1": ('<?xml version="1.0" encoding="ISO-8859-1"?><graphml><graph>'
                   '<node id="\u00e9"/></graph></graphml>').encode("latin-1"),
        "char-refs": HEAD + '<key id="l" for="node" attr.name="label"/><graph>'
            '<node id="&#x1F600;"><data key="l">&#x7;</data></node></graph></graphml>',
        "fffe": HEAD + '<graph><node id="a\uffff"/></graph></graphml>',
        "many-nodes": HEAD + '<graph>' + "".join('<node id="n%d"/>' % i for i in range(300))
            + "".join('<edge source="n%d" target="n%d"/>' % (i, i + 1) for i in range(299))
            + '</graph></graphml>',
        "attr-value-ws": HEAD + '<graph><node id=" a&#9;b&#10; "/><node id="c"/>'
            '<edge source=" a&#9;b&#10; " target="c"/></graph></graphml>',
    }
    for name, text in edge.items():
        write(out, "edge-%s.graphml" % name, text)


# ---- CSV --------------------------------------------------------------------

def csv_seeds():
    out = reset("csv")
    for d in sorted((DATA / "csv").iterdir()):
        a = d / "actors.csv"
        r = (d / "relationships.csv").read_bytes()
        write(out, "valid-" + d.name, csv_pair(a.read_bytes() if a.exists() else None, r))
    for d in sorted((DATA / "invalid" / "csv").iterdir()):
        a = d / "actors.csv"
        r = (d / "relationships.csv").read_bytes()
        write(out, "invalid-" + d.name, csv_pair(a.read_bytes() if a.exists() else None, r))
    emb = ROOT / "examples" / "data" / "embassy"
    write(out, "example-embassy",
          csv_pair((emb / "actors.csv").read_bytes(), (emb / "relationships.csv").read_bytes()))
    edge = {
        "empty": b"",
        "empty-actors": csv_pair(b"", b"source,target\na,b\n"),
        "header-only": b"source,target\n",
        "directed-empty": b"source,target,directed\n",
        "directed-rows": csv_pair(b"id\na\nb\nc\n",
                                  b"source,target,directed\na,b,TRUE\nb,c,\nc,a,true\n"),
        "aliases": csv_pair(b"Label,Type,name\nA,ngo,x\nB,,\n",
                            b"From,To,Strength,Start,End,type\nA,B,0.5,2020-01-01,2020-12-31,f\n"),
        "typed-headers": csv_pair(
            b"id,age:int,score:double,vip:bool,zip:string,n:long,f:float,b:boolean,s:number\n"
            b"a,1,2.5,true,01234,7,1e3,FALSE,\nb,,,,,,,,\n",
            b"source,target,w:number,directed:string,x:number:string\na,b,3,yes,1\n"),
        "inferred": csv_pair(b"id,n,b,t,mix\na,1,true,x,1\nb,-2.5e3,False,,true\nc,,,'-5,x\n",
                             b"source,target\na,b\n"),
        "formula": csv_pair(b"id,label\n'=1+1,'+x\n'-a,'@b\n''=c,'\tt\n'q,''\n",
                            b"source,target,kind\n'=1+1,'-a,'@k\n"),
        "quoted": csv_pair(b'id,label\r\n"a, b","line1\r\nline2"\r\n" c ","""q"""\r\n',
                           b'source,target\r\n"a, b"," c "\r\n'),
        "cr-only": csv_pair(b"id\ra\rb\r", b"source,target\ra,b\r"),
        "blank-lines": b"\n\nsource,target\n\n\na,b\n\n",
        "spaces": csv_pair(b" id , label \n a , A \n\tb\t,\tB\t\n",
                           b" source , target \n a ,\tb\t\n"),
        "no-final-newline": b"source,target,quality\na,b,1",
        "bom": b"\xef\xbb\xbfsource,target\na,b\n",
        "quality-forms": b"source,target,quality\na,b,.5\na,b,1.0\na,b,5e-1\na,b,1e-320\n"
                         b"a,b,+0.5\na,b, 0.5 \n",
        "dates": b"source,target,since,until\na,b,0001-01-01,9999-12-31\na,b,2024-02-29,\n"
                 b"a,b,,2023-02-29\n",
        "unicode": csv_pair("id,label,r\u00e9gion\n\u65e5\u672c,\u00e9,x\n".encode(),
                            "source,target\n\u65e5\u672c,b\n".encode()),
        "unterminated": b'source,target\na,"b\n',
        "nul-byte": b"source,target\na\x00,b\n",
        "many-columns": b"source,target," + b",".join(b"c%d" % i for i in range(1030))
                        + b"\na,b" + b",1" * 1030 + b"\n",
        "case-dup-attr": csv_pair(b"id,Age,age\na,1,2\n", b"source,target\n"),
        "long-cell": b"source,target\n" + b"a" * 65537 + b",b\n",
        "reserved-suffix": csv_pair(b"id,label:string\na,x\n", b"source,target\n"),
    }
    for name, data in edge.items():
        write(out, "edge-" + name, data)


# ---- selections --------------------------------------------------------------

def select_seeds():
    out = reset("select")
    docs = (ROOT / "docs" / "selections.md").read_text(encoding="utf-8")
    exprs = []
    for line in docs.splitlines():
        # the example and error tables: | `expr` | ... |
        if line.startswith("| `") or line.startswith("| ``"):
            cell = line.split("|")[1].strip()
            if cell.startswith("`` ") and cell.endswith(" ``"):
                exprs.append(cell[3:-3])
            elif cell.startswith("`") and cell.endswith("`"):
                exprs.append(cell[1:-1])
    hand = [
        "", " ", "kind = ngo", "kind in (ngo, diaspora) and gender = 'f'",
        "not not not kind = ngo", "KIND IN (ngo)", "kind IN (ngo) AND gender = f",
        "age >= 0 and age <= 52", "age < .5", "age = 1e-300", "age > -1e308",
        "age = 1e999", "age = 0x10", "age = 1e", "age = -", "age = --1", "reach = -0",
        "reach != 0", "trusted = true", "trusted != false", "trusted in (true)",
        "trusted < true", "trusted = 'true'", "`home region` = north",
        "`home region` = 'south`west'", "`south``west` is null", "`` = x", "`unterminated",
        "`in` = 'keyword-named'", "note = 'and'", "note = and", "unset is null",
        "unset = 1", "unset = x", "label is null", "label is not null", "id is null",
        "kind = other", "kind = 'trade union'", "kind = \"trade union\"",
        "label = 'it''s \"quoted\"'", "label = \"it's \"\"quoted\"\"\"",
        "id = r\u00e9seau", "region = 'r\u00e9gion'", "r\u00e9gion = x",
        "id in (amb, min, ngo1, jrn, dia, un-women, x42, lonely, missing)",
        "id not in (amb)", "id in (amb,)", "id in ()", "id in (1)", "id in ('a' 'b')",
        "(kind = media or kind = influencer) and reach >= 10000",
        "((((kind = ngo))))", "(" * 256 + "kind = ngo" + ")" * 256,
        "(" * 257 + "kind = ngo" + ")" * 257, "not " * 256 + "kind = ngo",
        "kind = ngo or " * 200 + "kind = media", "kind\t=\nngo\r\n", "kind=ngo",
        "kind = ngo)", "(kind = ngo", "kind == ngo", "kind = = ngo", "kind <> ngo",
        "gender = 3", "age = 'old'", "gendr = f", "zzz = 1", "id = 42", "id < 'b'",
        "label >= 'A' and label < 'Z'", "kind = '\xff'", "kind = \u00e9t\u00e9",
        "kind = _x.y-z", "kind = 9abc", "\u65e5 = 1", "a" * 300 + " = 1",
        "kind = '" + "x" * 300 + "'", "kind is", "kind is not", "kind is nul",
        "kind not", "kind not = x", "kind in", "kind in (", "kind in (a,", "and",
        "or kind = x", "not", "()", "kind = ngo and", "true", "kind = true",
        "trusted = TRUE", "kind = NULL",
    ]
    seen = set()
    n = 0
    for e in exprs + hand:
        if e in seen:
            continue
        seen.add(e)
        write(out, "edge-%03d" % n, e)
        n += 1
    write(out, "edge-too-long", "id = amb or " * 6000)
    write(out, "edge-nul-inside", b"kind = ngo\x00 garbage")


if __name__ == "__main__":
    json_seeds()
    graphml_seeds()
    csv_seeds()
    select_seeds()
    for t in ("json", "graphml", "csv", "select"):
        files = list((CORPUS / t).iterdir())
        print("%-8s %3d files, %7d bytes" % (t, len(files), sum(f.stat().st_size for f in files)))
