# stakemap — stakeholder network mapping
# SPDX-License-Identifier: GPL-2.0-or-later
"""Network: a stakeholder map (actors, relationships, typed attributes) and the
analyses run on it."""
from __future__ import annotations

import datetime as _dt
import os
from typing import (Any, Callable, Dict, Iterable, Iterator, List, Mapping, Optional,
                    Sequence, Tuple, Union)

from . import _stakemap
from ._errors import invalid
from ._table import Result, Table

Selection = _stakemap.Selection

PathLike = Union[str, "os.PathLike[str]"]
Progress = Optional[Callable[[float, str], Any]]
SelectionLike = Union[str, Selection, Iterable[str]]
DateLike = Union[str, _dt.date]

_FORMATS = {None: 0, "auto": 0, "json": 1, "csv": 2, "graphml": 3}
_DISTANCES = {"inverse": 0, "log": 1, "hops": 2}
_COMBINES = {"max": 0, "sum": 1, "mean": 2}
_MODES = {"default": 0, "out": 1, "in": 2, "undirected": 3}
_DIRECTIONS = {"all": 0, "out": 1, "in": 2}
_LAYOUTS = {"auto": 0, "fr": 1, "drl": 2}

_ACTOR_FIELDS = ("id", "label", "kind")
_RELATIONSHIP_FIELDS = ("source", "target", "quality", "kind", "since", "until")


def _choice(table: Mapping[Any, int], value: Any, what: str) -> int:
    try:
        return table[value]
    except (KeyError, TypeError):
        known = ", ".join(k for k in table if k)
        raise invalid(f"{what} {value!r}: must be one of {known}") from None


def _date(value: Optional[DateLike]) -> Optional[str]:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()[:10]
    raise TypeError(f"a date is 'YYYY-MM-DD' or a datetime.date, not {type(value).__name__}")


def _list(value: Union[None, str, Iterable[str]]) -> Optional[str]:
    """A comma-separated list from a string or an iterable of strings."""
    if value is None or isinstance(value, str):
        return value
    return ",".join(value)


def _split_attrs(attrs: Mapping[str, Any]) -> Tuple[List[str], List[Any]]:
    return list(attrs.keys()), list(attrs.values())


# ---- bulk building: columns from rows or a DataFrame ----------------------------

def _is_dataframe(data: Any) -> bool:
    return hasattr(data, "columns") and hasattr(data, "iloc") and hasattr(data, "dtypes")


def _missing(v: Any) -> bool:
    return v is None or (isinstance(v, float) and v != v) or type(v).__name__ in (
        "NAType", "NaTType")


def _series_column(s: Any, dates: bool = False) -> Any:
    """A pandas Series as something the extension reads in C without a Python loop:
    a numpy array of numbers or bools (read through the buffer protocol), or an
    object array of str/None (read as an array of object pointers)."""
    import numpy as np

    kind = s.dtype.kind
    if kind == "M":  # datetime64: ISO dates
        return s.dt.strftime("%Y-%m-%d").astype(object).where(s.notna(), None).to_numpy()
    if dates and kind == "O":
        return [None if _missing(v) else _date(v) for v in s]
    if isinstance(s.dtype, np.dtype) and kind in "fiub":
        return s.to_numpy()
    if kind in "fiub":  # pandas nullable Int64 / Float64 / boolean
        return s.to_numpy(dtype=object, na_value=None)
    return s.to_numpy(dtype=object)


def _columns_from_dataframe(df: Any, fields: Sequence[str], dates: Sequence[str] = ()):
    n = len(df)
    cols: Dict[str, Any] = {}
    for name in df.columns:
        if not isinstance(name, str):
            raise TypeError(f"column names are text, not {type(name).__name__} ({name!r})")
        cols[name] = _series_column(df[name], dates=name in dates)
    fixed = {f: cols.pop(f, None) for f in fields}
    return n, fixed, list(cols.keys()), list(cols.values())


def _columns_from_rows(rows: Iterable[Mapping[str, Any]], fields: Sequence[str]):
    rows = list(rows)
    n = len(rows)
    fixed: Dict[str, Any] = {f: None for f in fields}
    names: Dict[str, List[Any]] = {}
    for f in fields:
        if any(f in r for r in rows):
            fixed[f] = [r.get(f) for r in rows]
    for i, r in enumerate(rows):
        if not isinstance(r, Mapping):
            raise TypeError(f"row {i}: a row is a dict, not {type(r).__name__}")
        extra = dict(r.get("attributes") or {})
        extra.update((k, v) for k, v in r.items() if k not in fields and k != "attributes")
        for k, v in extra.items():
            col = names.get(k)
            if col is None:
                col = names[k] = [None] * n
            col[i] = v
    for key in ("since", "until"):
        if key in fixed and fixed[key] is not None:
            fixed[key] = [_date(v) if not isinstance(v, float) else v for v in fixed[key]]
    return n, fixed, list(names.keys()), list(names.values())


class _ActorsView:
    """The actors of a network, read-only: ``len()``, iteration of dicts ``{id, label,
    kind, <attributes>}`` in actor order, ``view["id"]`` → that dict, ``"id" in view``,
    ``view.ids()``."""

    __slots__ = ("_net",)

    def __init__(self, net: "Network") -> None:
        self._net = net

    def __len__(self) -> int:
        return self._net._actor_count()

    def __iter__(self) -> Iterator[Dict[str, Any]]:
        return iter(self._net._actors_list())

    def __getitem__(self, key: Union[str, int]) -> Dict[str, Any]:
        if isinstance(key, int):
            return self._net._actor(key if key >= 0 else key + len(self))
        return self._net._actor(self._net._find(key))

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str):
            return False
        try:
            self._net._find(key)
        except KeyError:
            return False
        return True

    def ids(self) -> List[str]:
        """Every actor id, in actor order."""
        return self._net._actor_ids()

    def index(self, id: str) -> int:
        """The 0-based index of actor `id` (NotFoundError if unknown)."""
        return self._net._find(id)

    def to_pandas(self):
        """The actors as a pandas DataFrame (columns id, label, kind, attributes)."""
        import pandas as pd

        return pd.DataFrame(self._net._actors_list())

    def __repr__(self) -> str:
        return f"<stakemap actors: {len(self)}>"


class _RelationshipsView:
    """The relationships of a network, read-only: ``len()``, iteration of dicts
    ``{source, target, quality, kind, since, until, <attributes>}`` in insertion
    order (dates as 'YYYY-MM-DD' or None), ``view[i]``."""

    __slots__ = ("_net",)

    def __init__(self, net: "Network") -> None:
        self._net = net

    def __len__(self) -> int:
        return self._net._relationship_count()

    def __iter__(self) -> Iterator[Dict[str, Any]]:
        return iter(self._net._relationships_list())

    def __getitem__(self, i: int) -> Dict[str, Any]:
        return self._net._relationship(i if i >= 0 else i + len(self))

    def to_pandas(self):
        """The relationships as a pandas DataFrame."""
        import pandas as pd

        return pd.DataFrame(self._net._relationships_list())

    def __repr__(self) -> str:
        return f"<stakemap relationships: {len(self)}>"


class Bubbles(Result):
    """The result of Network.bubbles(): where the echo chambers are.

    Tables:
        groups: one row per group, largest first: ``group`` (int), ``name`` (the
            attribute value or "community N"), ``size``, ``internal_weight``,
            ``external_weight``, ``ei_index``, ``ei_rescaled``, ``conductance``,
            ``kind_entropy``, ``kind_blau``, ``top_kind``, ``top_kind_share``,
            ``share_<kind>`` per kind present, ``<attr>_entropy`` / ``<attr>_blau``
            per `diversity_of` attribute, ``stance_mean`` / ``stance_sd`` with a
            stance, ``top_actors``, ``bubble`` (bool) and ``reason`` (why it is
            flagged, in words; "" when not). Notes: grouping, seed, thresholds.
        actors: one row per actor in actor order: ``id``, ``group``, ``group_name``,
            ``bubble`` (its group is flagged), ``exposure_diversity``,
            ``share_in_group``, ``share_in_kind`` (and ``stance``,
            ``neighbour_stance`` with a stance).
        mixing: one row per ordered pair of kinds present: ``kind_a``, ``kind_b``,
            ``observed`` (share of tie weight), ``expected``, ``ratio`` (> 1 fused,
            < 1 cut off).
        assortativity: one row per attribute assessed: ``attribute``, ``type``
            ("nominal"/"numeric"), ``assortativity``.
        controversy: with `sides`, one row per side (``side``, ``size``,
            ``p_<side>``..., ``score``); None otherwise.

    Figures: ``modularity`` (of the grouping, resolution 1), ``controversy_score``
    (NaN without sides), ``group_count``, ``bubble_count``, ``seed`` (the Leiden seed
    used; 0 when grouped by an attribute).
    """

    _tables = ("groups", "actors", "mixing", "assortativity", "controversy")
    _figures = ("modularity", "controversy_score", "group_count", "bubble_count", "seed")


class Gaps(Result):
    """The result of Network.gaps(): a network-gap study.

    Tables:
        actors: one row per actor in actor order: ``id``, ``label``, ``kind``,
            ``focal``, ``reached`` (bools), ``quality`` (reach quality, 0 when not
            reached), ``hops`` (of the best path; -1 unreached), ``via`` (the focal
            actor the best path starts from), then one column per target attribute.
        coverage: one row per (attribute, group): ``attribute``, ``group``, ``size``,
            ``share_of_network``, ``reached``, ``share_reached``, ``weakly_reached``,
            ``mean_quality``, ``share_of_reached``, ``representation``
            (share_of_reached / share_of_network; < 1 under-represented), ``weight``.
            Sorted by attribute, then representation ascending.
        suspects: not-focal actors ranked by score = standing × (1 − quality):
            ``rank``, ``id``, ``label``, ``kind``, ``group``, ``standing`` (PageRank in
            its own group / the group's highest), ``quality``, ``score``.
        recommendations: one row per recommended new direct contact, in order:
            ``rank``, ``id``, ``label``, ``kind``, ``gain``, ``objective``,
            ``newly_reached``, ``opens`` (the groups whose coverage it raises most).

    Figures: ``actors_total``, ``focal_count``, ``reached_count`` (focal included),
    ``mean_quality`` (over not-focal actors), ``diversity_gap`` (Jensen–Shannon
    divergence, base 2, between the kinds reached and the kinds of the network),
    ``objective`` (before any pick), ``evaluations`` (lazy greedy) and
    ``evaluations_plain`` (what plain greedy would need), ``seed``.
    """

    _tables = ("actors", "coverage", "suspects", "recommendations")
    _figures = ("actors_total", "focal_count", "reached_count", "mean_quality",
                "diversity_gap", "objective", "evaluations", "evaluations_plain", "seed")


class Network(_stakemap._Network):
    """A stakeholder network: actors, relationships between them, typed attributes.

    Build one with ``Network(directed=False)`` and ``add_actor`` /
    ``add_relationship`` (or in bulk with ``add_actors`` / ``add_relationships`` from
    dicts or pandas DataFrames), or read one with ``Network.load(path)``.

    - An **actor** has a unique text ``id``, a ``label``, a ``kind`` (a built-in kind
      from ``stakemap.kinds()`` or any other text; default "other") and typed
      attributes (text, number or bool).
    - A **relationship** joins two actors and has a ``quality`` in (0, 1] (default 1),
      an optional ``kind`` (formal, informal, funding, ...), optional ``since`` /
      ``until`` dates (inclusive) and typed attributes. Several relationships between
      one pair are kept; analyses combine them (default: the highest quality).

    **Quality is a strength, not a distance.** Strength-based measures use q as the
    weight; path-based ones walk the distance 1/q by default.

    ``len(net)`` is the number of actors; ``net.actors`` and ``net.relationships``
    are read-only views. Analyses release the GIL, so several threads may analyse one
    network at once; a network cannot be changed while an analysis runs on it.
    """

    def __init__(self, directed: bool = False) -> None:
        """An empty network; `directed` says whether relationships have a direction."""
        super().__init__(directed=directed)

    # ---- reading and writing --------------------------------------------------
    @classmethod
    def load(cls, path: PathLike, format: Optional[str] = None,
             directed: Optional[bool] = None, max_file_bytes: int = 0) -> "Network":
        """Load a network from a file or a CSV-pair folder.

        Args:
            path: a ``.json`` (native JSON) or ``.graphml`` file, or a folder holding
                ``relationships.csv`` (and usually ``actors.csv``).
            format: "json", "csv", "graphml", or None to decide by the path.
            directed: for CSV and GraphML files that do not declare a direction
                (None: undirected).
            max_file_bytes: refuse larger inputs (0: the default limit, 4 GiB).

        Loading is all-or-nothing. Errors: NotFoundError / FileError (path),
        ParseError (syntax, with ``file``, ``line``, ``column``), InvalidArgumentError
        (a value, e.g. a quality outside (0, 1], with file and line), DuplicateError
        (an actor id), LimitError. The GIL is released while the file is read.
        """
        return cls._load(os.fspath(path), _choice(_FORMATS, format, "format"),
                         -1 if directed is None else int(bool(directed)), max_file_bytes)

    @classmethod
    def from_string(cls, data: Union[str, bytes], format: str = "json",
                    name: Optional[str] = None, directed: Optional[bool] = None) -> "Network":
        """Load a network from native JSON or GraphML text in memory; `name` is the
        file name error messages use (default "<memory>")."""
        if isinstance(data, str):
            data = data.encode("utf-8")
        fmt = _choice({"json": 1, "graphml": 3}, format, "format")
        return cls._loads(data, fmt, name, -1 if directed is None else int(bool(directed)))

    def save(self, path: PathLike, format: Optional[str] = None) -> None:
        """Save the network, atomically (on error the destination is unchanged).

        `path` is a ``.json`` or ``.graphml`` file, or a folder for the CSV pair (created
        if missing; its parent must exist). `format` ("json", "csv", "graphml") overrides
        the choice by extension; a path without an extension is a CSV folder."""
        self._save(os.fspath(path), _choice(_FORMATS, format, "format"))

    # ---- building -----------------------------------------------------------------
    def add_actor(self, id: str, label: Optional[str] = None, kind: Optional[str] = None,
                  **attrs: Any) -> int:
        """Add an actor and return its 0-based index.

        Args:
            id: unique, non-empty text.
            label: display name (None: none).
            kind: a built-in kind (``stakemap.kinds()``) or any other text; None means
                "other".
            **attrs: typed attributes: str, int/float (stored as numbers), bool; None or
                NaN leave the attribute unset. An attribute keeps the type of its first
                value; a value of another type is an InvalidArgumentError.

        Errors: DuplicateError (id used), InvalidArgumentError (empty id, bad UTF-8,
        reserved or malformed attribute name, type mismatch). On error the network is
        unchanged."""
        names, values = _split_attrs(attrs)
        return self._add_actor(id, label, kind, names, values)

    def add_relationship(self, source: str, target: str, quality: float = 1.0,
                         kind: Optional[str] = None, since: Optional[DateLike] = None,
                         until: Optional[DateLike] = None, **attrs: Any) -> int:
        """Add a relationship between two existing actors (by id); return its index.

        Args:
            source, target: ids of existing, different actors.
            quality: the strength of the relationship, in (0, 1] (default 1).
            kind: e.g. "formal", "informal", "funding", "media"; None for none.
            since, until: the period in which it is active, both ends inclusive
                ('YYYY-MM-DD' or datetime.date; None = open).
            **attrs: typed attributes, as for add_actor().

        Errors: NotFoundError (unknown actor), InvalidArgumentError (quality outside
        (0, 1] or NaN, self-relationship, malformed date, until before since, attribute
        type). On error the network is unchanged."""
        names, values = _split_attrs(attrs)
        return self._add_relationship(source, target, float(quality), kind, _date(since),
                                      _date(until), names, values)

    def set_attribute(self, actor: str, name: str, value: Any) -> None:
        """Set (or, with None, remove) attribute `name` of actor `actor`."""
        self._set_attr(0, self._find(actor), name, value)

    def add_actors(self, data: Any) -> int:
        """Add many actors at once; return how many.

        `data` is a pandas DataFrame or an iterable of dicts, with the fields ``id``
        (required), ``label``, ``kind``; every other column/key becomes an attribute
        (a dict may also nest them under "attributes"). Missing values (None, NaN,
        pandas NA) leave the field unset. DataFrame columns are read in C straight from
        their numpy arrays (no Python loop over rows).

        All-or-nothing: the rows are added to a copy that replaces the network only if
        every row was accepted; an error names the 0-based row."""
        if _is_dataframe(data):
            n, fixed, names, cols = _columns_from_dataframe(data, _ACTOR_FIELDS)
        else:
            n, fixed, names, cols = _columns_from_rows(data, _ACTOR_FIELDS)
        if n and fixed["id"] is None:
            raise invalid("the actors have no 'id' column")
        return self._bulk_actors(n, fixed["id"], fixed["label"], fixed["kind"], names, cols)

    def add_relationships(self, data: Any) -> int:
        """Add many relationships at once; return how many.

        `data` is a pandas DataFrame or an iterable of dicts with the fields ``source``,
        ``target`` (required), ``quality`` (default 1), ``kind``, ``since``, ``until``;
        every other column/key becomes an attribute. All-or-nothing, as add_actors()."""
        if _is_dataframe(data):
            n, fixed, names, cols = _columns_from_dataframe(data, _RELATIONSHIP_FIELDS,
                                                            dates=("since", "until"))
        else:
            n, fixed, names, cols = _columns_from_rows(data, _RELATIONSHIP_FIELDS)
        if n and (fixed["source"] is None or fixed["target"] is None):
            raise invalid("the relationships need 'source' and 'target' columns")
        return self._bulk_relationships(n, fixed["source"], fixed["target"], fixed["quality"],
                                        fixed["kind"], fixed["since"], fixed["until"], names,
                                        cols)

    @classmethod
    def from_pandas(cls, actors: Any = None, relationships: Any = None,
                    directed: bool = False) -> "Network":
        """A network from two DataFrames (or iterables of dicts): `actors` with columns
        id, label, kind and attributes; `relationships` with source, target, quality,
        kind, since, until and attributes. Without `actors`, the actors are made from the
        relationships' ends, in order of appearance, with kind "other"."""
        net = cls(directed=directed)
        if actors is not None:
            net.add_actors(actors)
        elif relationships is not None:
            if _is_dataframe(relationships):
                ends = list(relationships["source"]) + list(relationships["target"])
            else:
                relationships = list(relationships)
                ends = [r["source"] for r in relationships] + [r["target"] for r in relationships]
            seen = dict.fromkeys(str(e) for e in ends)
            net.add_actors({"id": e} for e in seen)
        if relationships is not None:
            net.add_relationships(relationships)
        return net

    # ---- reading ----------------------------------------------------------------
    @property
    def actors(self) -> _ActorsView:
        """The actors (read-only view): len, iteration of dicts, ``net.actors["id"]``."""
        return _ActorsView(self)

    @property
    def relationships(self) -> _RelationshipsView:
        """The relationships (read-only view): len, iteration of dicts, ``[i]``."""
        return _RelationshipsView(self)

    def attributes(self, element: str = "actor") -> Dict[str, str]:
        """The attribute names of actors ("actor") or relationships ("relationship")
        with their types ('text', 'number', 'bool'; 'null' if only missing values)."""
        return self._attributes(_choice({"actor": 0, "relationship": 1}, element, "element"))

    def kinds(self) -> Dict[str, int]:
        """How many actors of each kind the network holds, most frequent first."""
        return {r["value"]: r["actors"] for r in self.count_by("kind")}

    def count_by(self, attribute: str = "kind") -> Table:
        """Actors counted by the value of a categorical attribute ("kind", "label" or an
        actor attribute): a Table with columns value, actors, share; missing values are
        counted under "(none)"."""
        return Table(self._count_by(attribute))

    def summary(self) -> Dict[str, Any]:
        """Whole-network figures, as ``stakemap summary`` prints them: actors,
        relationships, directed, pairs, multi_relationships, density, components,
        largest_component, strong_components, isolated, mean_degree, quality_min/max/
        mean/median (NaN without relationships), quality_histogram (counts in (0,.2]
        ... (.8,1]), dated, first_date, last_date."""
        return self._summary()

    def freeze(self) -> None:
        """Build the compressed adjacency now (analyses do it on first use); after it,
        several threads analyse the network without contention."""
        self._freeze()

    def copy(self) -> "Network":
        """A deep copy (attributes included)."""
        return self._copy()

    def __repr__(self) -> str:
        kind = "directed" if self.directed else "undirected"
        return (f"<stakemap.Network {kind}: {self._actor_count()} actors, "
                f"{self._relationship_count()} relationships>")

    # ---- selections and derived networks ----------------------------------------
    def select(self, expr: str) -> Selection:
        """The actors for which the expression `expr` is true, e.g.
        ``"kind in (ngo, diaspora) and gender = 'f'"`` (docs/selections.md):
        fields id, label, kind or an attribute; ``= != < <= > >=``, ``in (...)``,
        ``is [not] null``, ``and or not``, parentheses.

        Errors: SelectionError with ``code`` (SM_EPARSE syntax, SM_ENOTFOUND unknown
        field, SM_EINVAL type mismatch) and ``column`` (1-based) of the token."""
        return self._select(expr)

    def selection(self, ids: Iterable[str]) -> Selection:
        """A selection of the actors with these ids (NotFoundError for an unknown id)."""
        return self._select_ids(list(ids))

    def _as_selection(self, value: SelectionLike, what: str) -> Selection:
        if isinstance(value, Selection):
            return value
        if isinstance(value, str):
            return self.select(value)
        if value is None:
            raise invalid(f"{what} is missing")
        return self.selection(value)

    def subgraph(self, selection: SelectionLike) -> "Network":
        """The subgraph induced by a selection (a Selection, an expression or ids): the
        selected actors with their attributes and the relationships among them."""
        return self._subgraph(self._as_selection(selection, "selection"))

    def ego(self, id: str, radius: int = 1, direction: str = "all") -> "Network":
        """The ego network of actor `id`: every actor within `radius` steps (0 = the actor
        alone) and the relationships among them. `direction` ("all", "out", "in") matters
        on directed networks."""
        return self._ego(id, int(radius), _choice(_DIRECTIONS, direction, "direction"))

    def at(self, date: DateLike) -> "Network":
        """The snapshot on `date` ('YYYY-MM-DD' or datetime.date): every actor, and the
        relationships active that day (since <= date <= until; open ends always hold)."""
        return self._at(_date(date))

    # ---- analyses ----------------------------------------------------------------
    def centrality(self, measures: Union[None, str, Iterable[str]] = None,
                   weighted: bool = True, distance: str = "inverse",
                   normalized: bool = True, mode: str = "default", damping: float = 0.85,
                   cutoff: float = 0.0, samples: int = 0, seed: int = 0, threads: int = 0,
                   combine: str = "max", progress: Progress = None) -> Table:
        """Who matters: centrality measures for every actor.

        Returns a Table, one row per actor in actor order: ``id``, then one float column
        per measure requested, in this order:

        - ``degree``: distinct contacts / (n − 1)
        - ``strength``: sum of the qualities of the actor's relationships / (n − 1)
        - ``betweenness``: share of shortest paths between others through the actor
        - ``closeness``: inverse mean distance to the actors reached, times the share
          reached (Wasserman–Faust)
        - ``harmonic``: mean of 1 / distance to every other actor
        - ``eigenvector``: leading eigenvector of the quality matrix (unit length)
        - ``pagerank``: PageRank with `damping` (sums to 1)
        - ``hub`` / ``authority``: HITS scores (each sums to 1)

        Values and normalisations are NetworkX's (docs/centrality.md).

        Args:
            measures: names as a list or a comma-separated string, or "all"; default
                degree, strength and pagerank.
            weighted: use qualities (default); False counts every relationship 1.
            distance: how path-based measures (betweenness, closeness, harmonic) turn a
                quality q into a distance: "inverse" d = 1/q (default, the usual SNA
                convention), "log" d = 1 − ln q (a product of qualities plus one a hop),
                "hops" d = 1. Quality is a strength, never a distance.
            normalized: normalise as NetworkX does (default); False: raw counts and sums.
            mode: directed networks: "default" (NetworkX's for each measure), "out",
                "in", "undirected".
            damping: PageRank damping in [0, 1) (default 0.85).
            cutoff: betweenness over paths of length <= cutoff (distance units); 0 = none.
            samples: betweenness estimated from this many random sources (scaled by n/k);
                0 = exact. The table's notes give "samples" and "seed".
            seed: seed for the sampling.
            threads: worker threads for the path measures; 0 = all cores.
            combine: multi-relationships combined by "max" (default), "sum" or "mean".
            progress: optional ``callable(fraction, stage)``, called about 100 times a
                stage; returning True cancels (CancelledError); an exception it raises
                cancels and propagates. Ctrl-C (KeyboardInterrupt) cancels too.

        Errors: InvalidArgumentError (an option out of range, naming its value).
        Time: O(n·m + n² log n) for weighted betweenness/closeness/harmonic, O(m) per
        PageRank, eigenvector or HITS iteration. The GIL is released throughout."""
        if measures is not None and not isinstance(measures, str):
            measures = ",".join(measures)
        return Table(self._centrality(
            measures=measures, weighted=bool(weighted),
            distance=_choice(_DISTANCES, distance, "distance"),
            combine=_choice(_COMBINES, combine, "combine"), normalized=bool(normalized),
            mode=_choice(_MODES, mode, "mode"), damping=float(damping), cutoff=float(cutoff),
            samples=int(samples), seed=int(seed), threads=int(threads), progress=progress))

    def brokerage(self, by: str = "kind", groups: Optional[str] = None,
                  weighted: bool = True, combine: str = "max",
                  progress: Progress = None) -> Table:
        """Who connects: Burt's structural holes and Gould–Fernandez brokerage roles.

        Returns a Table, one row per actor in actor order: ``id``, ``group`` (the
        actor's value of `by`; "(none)" when missing), ``constraint`` (how far the
        actor's contacts are tied to each other; high = closed in), ``effective_size``
        (contacts less their redundancy), ``efficiency`` (effective size / contacts) —
        these three NaN for actors without contacts, as NetworkX — then the int counts
        of open two-paths a→b→c the actor b brokers, by the groups of a, b and c:
        ``coordinator``, ``itinerant``, ``gatekeeper``, ``representative``, ``liaison``,
        their total ``brokerage``, and ``participation`` (how evenly the actor's tie
        weight spreads over the groups of `groups`: 0 one group, towards 1 many).

        Args:
            by: categorical actor attribute for the roles: "kind" (default), "label" or
                a text/bool attribute (a numeric one is an InvalidArgumentError).
            groups: attribute for the participation coefficient (default: `by`).
            weighted: constraint, effective size and participation weighted by quality
                (default); the roles never use weights.
            combine: multi-relationships: "max" (default), "sum", "mean".
            progress: as for centrality().

        Undirected relationships count as two directed ties for the roles.
        Time: O(Σ deg²). Definitions: docs/brokerage.md."""
        return Table(self._brokerage(by=by, groups=groups, weighted=bool(weighted),
                                     combine=_choice(_COMBINES, combine, "combine"),
                                     progress=progress))

    def bubbles(self, by: Optional[str] = None, resolution: float = 1.0, seed: int = 1,
                iterations: int = 2, diversity_of: Union[None, str, Iterable[str]] = None,
                stance: Optional[str] = None, sides: Optional[str] = None,
                walk_top: int = 10, ei_threshold: float = -0.5,
                diversity_threshold: float = 0.35, min_size: int = 3, top: int = 3,
                combine: str = "max", weighted: bool = True,
                progress: Progress = None) -> Bubbles:
        """Where is the echo chamber: find groups, measure how insular and homogeneous
        each is, and flag the filter bubbles.

        Groups are Leiden communities on quality (default) or the values of the
        categorical attribute `by`. Per group: size, internal and external tie weight,
        the E-I index (Krackhardt & Stern: (external − internal) / total, in [−1, 1];
        the size-rescaled one compares it with what random mixing would give),
        conductance, kind diversity (normalised Shannon entropy and Blau index), the
        same for every `diversity_of` attribute, and the stance mean/spread. A group
        of at least `min_size` actors is **flagged** as a bubble when it is insular
        (rescaled E-I below `ei_threshold`) and homogeneous (normalised kind entropy
        below `diversity_threshold`); ``reason`` says which figures crossed which
        thresholds. Per actor: exposure diversity (entropy of the kinds of its
        contacts, weighted by quality), share of tie weight inside its group and its
        kind. Network: modularity, nominal/numeric assortativity, the kind-by-kind
        mixing matrix against its expectation, and with `sides` the random-walk
        controversy score.

        Quality is a strength: tie weights are qualities (1 each with weighted=False);
        directed networks are read as undirected here.

        Args:
            by: attribute giving the groups; None = Leiden communities.
            resolution: Leiden resolution, > 0 (default 1).
            seed: Leiden seed (default 1); reported as ``result.seed``.
            iterations: Leiden iterations (default 2, as python-igraph); negative = until
                stable.
            diversity_of: attributes whose diversity is reported per group (a list or
                "gender,region"); kind is always reported.
            stance: numeric attribute (a stance or leaning): per-group mean and spread,
                per-actor neighbour stance.
            sides: categorical attribute whose values are the sides of the controversy
                score.
            walk_top: controversy walks end at the walk_top highest-degree actors of
                each side (default 10).
            ei_threshold: insular below this rescaled E-I index (default −0.5).
            diversity_threshold: homogeneous below this normalised kind entropy
                (default 0.35).
            min_size: smaller groups are never flagged (default 3).
            top: actors named per group in ``top_actors``, by strength (default 3).
            combine: multi-relationships: "max" (default), "sum", "mean".
            weighted: qualities as tie weights (default).
            progress: as for centrality().

        Returns a :class:`Bubbles` result (tables groups, actors, mixing, assortativity,
        controversy; figures modularity, controversy_score, group_count, bubble_count,
        seed). Errors: NotFoundError (unknown attribute), InvalidArgumentError (option out
        of range, numeric attribute where a categorical one is needed or the reverse,
        fewer than two sides). Definitions: docs/bubbles.md."""
        return Bubbles(self._bubbles(
            by=by, resolution=float(resolution), seed=int(seed), iterations=int(iterations),
            diversity_of=_list(diversity_of), stance=stance, sides=sides,
            walk_top=int(walk_top), ei_threshold=float(ei_threshold),
            diversity_threshold=float(diversity_threshold), min_size=int(min_size),
            top=int(top), combine=_choice(_COMBINES, combine, "combine"),
            weighted=bool(weighted), progress=progress))

    def gaps(self, focal: SelectionLike, target_by: Union[None, str, Iterable[str]] = "kind",
             hops: int = 2, min_quality: float = 0.0,
             first_hop: Optional[SelectionLike] = None, avoid: Optional[SelectionLike] = None,
             at: Optional[DateLike] = None, standing_by: Optional[str] = None,
             weak_quality: float = 0.25, suspects: int = 20, recommend: int = 5,
             assumed_quality: float = 0.5, resolution: float = 1.0, seed: int = 1,
             combine: str = "max", progress: Progress = None) -> Gaps:
        """What are we missing: a network-gap study from a focal set (our people).

        **Quality is a strength.** The quality of a path is the product of the qualities
        of its relationships; an actor's *reach quality* is the best path quality from
        any focal actor within `hops` hops (1 for focal actors, 0 when not reached). On
        directed networks paths follow the relationships' direction, outwards.

        The study reports whom the focal set reaches and how well; the *coverage* of
        every group of the target attributes (share reached, weakly reached, mean
        quality, representation = share of the reached / share of the network, < 1
        under-represented); the *unusual suspects*, actors with standing in their own
        group (PageRank within it, divided by the group's highest) whom we reach weakly
        or not at all, ranked by standing × (1 − quality); and `recommend` new direct
        contacts that close the gap fastest: they maximise F(S) = Σ_v w_v · Q_S(v) over
        not-focal actors v, where Q_S is the reach quality once the focal set has direct
        contacts with S at `assumed_quality`, and w_v the mean over target attributes of
        1 − (mean reach quality of v's group), so poorly reached groups weigh most. F is
        monotone submodular; lazy greedy (CELF) keeps the (1 − 1/e) guarantee.

        Args:
            focal: the focal set: a selection expression (``"kind = 'diplomat'"``), a
                Selection, or an iterable of ids; must not be empty.
            target_by: categorical attributes whose groups are covered (a list or
                "kind,gender,region"; "community" = Leiden communities); default "kind".
            hops: maximum hops k (default 2); 0 = unlimited.
            min_quality: paths of lower quality do not count, in [0, 1) (default 0).
            first_hop: whom the focal set can meet directly (expression, Selection or
                ids): a relationship leaving a focal actor counts only towards these.
            avoid: actors not to be relied on as intermediaries: they can be reached,
                paths do not go on through them, they are never recommended.
            at: study the snapshot of that day ('YYYY-MM-DD' or datetime.date).
            standing_by: grouping for the unusual suspects' standing: None/"community"
                (default: Leiden communities) or a categorical attribute such as "kind".
            weak_quality: reached below this quality counts as weakly reached, in (0, 1]
                (default 0.25).
            suspects: rows of the suspects table (default 20; 0 = every not-focal actor).
            recommend: new direct contacts to recommend (default 5; 0 = none).
            assumed_quality: quality assumed for a recommended contact, in (0, 1]
                (default 0.5).
            resolution, seed: Leiden resolution and seed for "community" (default 1, 1).
            combine: multi-relationships: "max" (default), "sum", "mean".
            progress: as for centrality().

        Returns a :class:`Gaps` result (tables actors, coverage, suspects,
        recommendations; figures actors_total, focal_count, reached_count, mean_quality,
        diversity_gap, objective, evaluations, evaluations_plain, seed).
        Errors: SelectionError (a bad expression), InvalidArgumentError (empty focal set,
        an option out of range naming its value), NotFoundError (unknown attribute).
        Time: O(k·m) for reach within k hops, O(m log n) without a limit; a
        recommendation evaluation is one search of at most k − 1 hops.
        Definitions and a worked example: docs/gaps.md."""
        focal_sel = self._as_selection(focal, "focal")
        first = self._as_selection(first_hop, "first_hop") if first_hop is not None else None
        avoid_sel = self._as_selection(avoid, "avoid") if avoid is not None else None
        return Gaps(self._gaps(
            focal_sel, hops=int(hops), min_quality=float(min_quality), first_hop=first,
            avoid=avoid_sel, at=_date(at), target_by=_list(target_by),
            standing_by=standing_by, weak_quality=float(weak_quality),
            suspects=int(suspects), recommend=int(recommend),
            assumed_quality=float(assumed_quality), resolution=float(resolution),
            seed=int(seed), combine=_choice(_COMBINES, combine, "combine"),
            progress=progress))

    def layout(self, algorithm: str = "auto", seed: int = 1, iterations: int = 0,
               progress: Progress = None) -> Table:
        """Place every actor in the plane: a Table ``id``, ``x``, ``y`` (scaled into
        [0, 1] × [0, 1]) with notes ``algorithm`` and ``seed``.

        `algorithm`: "auto" (Fruchterman–Reingold up to 1,000 actors, DrL above), "fr"
        (weighted by quality) or "drl". The same seed gives the same layout;
        `iterations` 0 = the algorithm's default."""
        return Table(self._layout(algorithm=_choice(_LAYOUTS, algorithm, "algorithm"),
                                  seed=int(seed), iterations=int(iterations),
                                  progress=progress))

    def report(self, path: Optional[PathLike] = None, title: Optional[str] = None,
               focal: Optional[str] = None, colour_by: Optional[str] = None,
               size_by: Optional[str] = None, target_by: Union[None, str, Iterable[str]] = None,
               top: int = 10, max_actors: int = 2000, seed: int = 1,
               progress: Progress = None) -> Optional[str]:
        """The self-contained HTML report: inline SVG map, legend, summary, top actors,
        bubbles and — with a `focal` expression — the gap study (no external requests;
        every string from the data is escaped).

        With `path` the file is written atomically and None returned; without, the HTML
        text is returned. `colour_by`: "kind" (default), "community" or a categorical
        attribute; `size_by`: a centrality measure (default "pagerank"); `target_by`:
        gap-study target attributes (default "kind"); `top`: rows of the top-actor
        tables; maps of more than `max_actors` actors are drawn one node per community;
        `seed` seeds the layout and communities. Described in docs/report.md."""
        return self._report(path=None if path is None else os.fspath(path), title=title,
                            focal=focal, colour_by=colour_by, size_by=size_by,
                            target_by=_list(target_by), top=int(top),
                            max_actors=int(max_actors), seed=int(seed), progress=progress)

    # ---- networkx -----------------------------------------------------------------
    def to_networkx(self, multigraph: Optional[bool] = None):
        """This network as a NetworkX graph; see stakemap.to_networkx()."""
        from ._nx import to_networkx

        return to_networkx(self, multigraph=multigraph)

    @classmethod
    def from_networkx(cls, graph: Any, quality: str = "quality") -> "Network":
        """A network from a NetworkX graph; see stakemap.from_networkx()."""
        from ._nx import from_networkx

        return from_networkx(graph, quality=quality, cls=cls)
