# stakemap — stakeholder network mapping
# SPDX-License-Identifier: GPL-2.0-or-later
"""Table: the result of every analysis (named, typed columns, one row per actor,
group or recommendation)."""
from __future__ import annotations

import math
import os
from typing import Any, Dict, Iterator, List, Optional, Sequence, Tuple, Union

from . import _stakemap
from ._errors import invalid

try:  # numpy is optional: columns are lists without it
    import numpy as _np
except ImportError:  # pragma: no cover - numpy is installed where the tests run
    _np = None

_FORMATS = {"csv": 0, "json": 1, "text": 2}
_DTYPES = {"d": "float64", "q": "int64", "?": "bool"}


class Table:
    """A table of named, typed columns with a fixed number of rows.

    Per-actor tables have ``id`` as their first column and one row per actor in
    the network's actor order. Column types are ``double`` (float; NaN where a
    value is missing), ``int64`` (int), ``string`` (str, or None when missing)
    and ``bool``.

    - ``t.columns``: the column names; ``t.types``: their types.
    - ``len(t)``: the number of rows; ``for row in t`` gives each row as a dict;
      ``t[i]`` is row i (a dict); ``t["name"]`` is ``t.column("name")``.
    - ``t.column(name)``: the whole column — for numeric and bool columns a
      read-only numpy array that shares the table's memory (no copy; it keeps
      the table alive), a list when numpy is not installed or for text columns.
    - ``t.to_dicts()``, ``t.to_pandas()``, ``t.to_csv(path=None)``,
      ``t.to_json(path=None)``, ``t.to_string()``.
    - ``t.notes``: how the table was made (e.g. ``{"seed": "42"}``).
    """

    __slots__ = ("_t",)

    def __init__(self, handle: Any) -> None:
        if not isinstance(handle, _stakemap._Table):
            raise TypeError("Table objects are made by the analyses (Network.centrality, ...)")
        self._t = handle

    # -- shape -------------------------------------------------------------
    @property
    def columns(self) -> Tuple[str, ...]:
        """The column names, in order."""
        return self._t.columns

    @property
    def types(self) -> Tuple[str, ...]:
        """The column types, in order: 'double', 'int64', 'string' or 'bool'."""
        return self._t.types

    @property
    def notes(self) -> Dict[str, str]:
        """Notes on how the table was made, as {key: text} (e.g. 'seed', 'samples')."""
        return self._t.notes

    def __len__(self) -> int:
        return len(self._t)

    # -- rows --------------------------------------------------------------
    def __iter__(self) -> Iterator[Dict[str, Any]]:
        for i in range(len(self._t)):
            yield self._t._row(i)

    def row(self, i: int) -> Dict[str, Any]:
        """Row `i` (negative counts from the end) as a dict {column: value}."""
        return self._t._row(i)

    def __getitem__(self, key: Union[int, str]) -> Any:
        if isinstance(key, str):
            return self.column(key)
        return self._t._row(key)

    def to_dicts(self) -> List[Dict[str, Any]]:
        """Every row as a dict {column: value}, in row order."""
        return self._t.to_dicts()

    def rows_by(self, key: str = "id") -> Dict[Any, Dict[str, Any]]:
        """The rows as {row[key]: row}, e.g. ``t.rows_by()["amb_smith"]["pagerank"]``."""
        return {r[key]: r for r in self._t.to_dicts()}

    # -- columns -----------------------------------------------------------
    def column(self, name: str) -> Any:
        """Column `name` as a whole.

        Numeric (double, int64) and bool columns are returned as a read-only numpy
        array viewing the table's own memory (no copy): the array keeps the table's
        data alive after the Table object itself is dropped. Text columns, and every
        column when numpy is not installed, are returned as a list (a copy).
        Raises KeyError for an unknown column."""
        if _np is not None:
            buf = self._t._column_buffer(name)
            if buf is not None:
                return _np.asarray(memoryview(buf))
        return self._t._column_list(name)

    def column_list(self, name: str) -> List[Any]:
        """Column `name` as a list of Python values (a copy)."""
        return self._t._column_list(name)

    # -- order ---------------------------------------------------------------
    def sort(self, column: str, descending: bool = True) -> "Table":
        """Sort the rows by `column` in place, stably (missing values last), and return
        the table. Raises BufferError while a numpy array from column() still views it."""
        self._t._sort(column, descending)
        return self

    def head(self, n: int) -> "Table":
        """Keep the first `n` rows (in place) and return the table."""
        self._t._truncate(n)
        return self

    # -- output --------------------------------------------------------------
    def to_pandas(self, index: Optional[str] = None):
        """A pandas DataFrame with the same columns (needs pandas). `index`, e.g.
        "id", makes that column the index."""
        import pandas as pd

        data = {}
        for name, type_ in zip(self.columns, self.types):
            col = self.column(name)
            data[name] = _np.array(col) if _np is not None and type_ != "string" else col
        df = pd.DataFrame(data, columns=list(self.columns))
        return df.set_index(index) if index else df

    def _write(self, fmt: str, path: Optional[Union[str, os.PathLike]], digits: int):
        if not 0 <= digits <= 17:
            raise invalid(f"digits {digits}: must be in 0..17 (0 = shortest exact)")
        if path is None:
            return self._t._format(_FORMATS[fmt], digits)
        self._t._write(os.fspath(path), _FORMATS[fmt], digits)
        return None

    def to_csv(self, path: Optional[Union[str, os.PathLike]] = None, digits: int = 0):
        """Write the table as CSV (RFC 4180, header row, formula-injection neutralised).

        With a path the file is replaced atomically and None is returned; without one
        the CSV text is returned. `digits`: significant digits for doubles, 0 = the
        shortest text that reads back exactly. This is the CLI's ``--format csv``."""
        return self._write("csv", path, digits)

    def to_json(self, path: Optional[Union[str, os.PathLike]] = None, digits: int = 0):
        """Write the table as a JSON array of objects (NaN as null); as to_csv()."""
        return self._write("json", path, digits)

    def to_string(self, digits: int = 6) -> str:
        """The table as aligned text, as the CLI prints it on a terminal."""
        return self._write("text", None, digits)

    def __repr__(self) -> str:
        n = len(self)
        shown = min(n, 5)
        lines = [f"<stakemap.Table: {n} rows x {len(self.columns)} columns>"]
        if n:
            cols = list(self.columns)
            rows = [[_fmt(self._t._row(i)[c]) for c in cols] for i in range(shown)]
            widths = [max(len(c), *(len(r[k]) for r in rows)) for k, c in enumerate(cols)]
            lines.append("  ".join(c.ljust(w) for c, w in zip(cols, widths)))
            for r in rows:
                lines.append("  ".join(v.ljust(w) for v, w in zip(r, widths)))
            if n > shown:
                lines.append(f"... ({n - shown} more rows)")
        return "\n".join(lines)


def _fmt(v: Any) -> str:
    if isinstance(v, float):
        return "" if math.isnan(v) else f"{v:.6g}"
    return "" if v is None else str(v)


class Result:
    """Base of the analyses' composite results (bubbles, gaps): tables as
    attributes and whole-network figures as attributes; ``dict(result.figures)``
    gives the figures alone."""

    _tables: Sequence[str] = ()
    _figures: Sequence[str] = ()

    def __init__(self, raw: Dict[str, Any]) -> None:
        for name in self._tables:
            handle = raw[name]
            setattr(self, name, Table(handle) if handle is not None else None)
        for name in self._figures:
            setattr(self, name, raw[name])

    @property
    def figures(self) -> Dict[str, Any]:
        """The whole-network figures as a dict."""
        return {name: getattr(self, name) for name in self._figures}

    def __repr__(self) -> str:
        figs = ", ".join(f"{k}={_fmt(v) if isinstance(v, float) else v}"
                         for k, v in self.figures.items())
        tabs = ", ".join(f"{k}[{len(getattr(self, k))}]" for k in self._tables
                         if getattr(self, k) is not None)
        return f"<stakemap.{type(self).__name__} {figs}; tables {tabs}>"
