# stakemap — stakeholder network mapping
# SPDX-License-Identifier: GPL-2.0-or-later
"""stakemap: stakeholder network mapping.

Who matters, who connects, where the echo chambers are, and what a focal set of
actors (our diplomats, our campaign) is missing — on a map of actors (diplomats,
government, business, media, NGOs, diaspora, ...) and the relationships between
them, each with a quality in (0, 1].

    >>> import stakemap
    >>> net = stakemap.Network.load("examples/data/embassy")
    >>> top = net.centrality(measures=["betweenness", "pagerank"]).sort("betweenness")
    >>> study = net.gaps(focal="kind = 'diplomat'", target_by=["kind", "gender"])
    >>> study.recommendations.to_pandas()

The objects: :class:`Network` (load/save, building, selections, analyses),
:class:`Table` (every result), :class:`Selection`, the composite results
:class:`Bubbles` and :class:`Gaps`, and the :class:`Error` hierarchy. The C library
does the work; analyses release the GIL. See docs/python.md.
"""
from __future__ import annotations

from typing import Dict

from . import _stakemap
from ._errors import (CancelledError, DuplicateError, Error, FileError, InternalError,
                      InvalidArgumentError, LimitError, NotFoundError, OutOfMemoryError,
                      ParseError, SelectionError, ERROR_CLASSES)
from ._network import Bubbles, Gaps, Network, Selection
from ._nx import from_networkx, to_networkx
from ._table import Table

_stakemap._set_error_classes(ERROR_CLASSES, SelectionError)

__version__: str = _stakemap.__version__

__all__ = [
    "Network", "Table", "Selection", "Bubbles", "Gaps",
    "Error", "ParseError", "SelectionError", "NotFoundError", "InvalidArgumentError",
    "DuplicateError", "FileError", "LimitError", "CancelledError", "OutOfMemoryError",
    "InternalError",
    "load", "kinds", "measures", "validate", "library_version", "from_networkx",
    "to_networkx", "__version__",
]


def load(path, format=None, directed=None) -> Network:
    """Shorthand for Network.load(path, format, directed)."""
    return Network.load(path, format=format, directed=directed)


def kinds() -> Dict[str, str]:
    """The built-in actor kinds, {name: one-line description}, in their fixed order
    (diplomat, government, multilateral, business, ngo, ...). Any other text is a valid
    kind too."""
    return dict(_stakemap.kinds())


def measures() -> list:
    """The names of the centrality measures, in column order."""
    return _stakemap.measure_names()


def validate(path, directed=None) -> list:
    """Check a file or CSV folder and return every problem found (not only the
    first), each a dict {code, message, file, line, column}; [] when the file is
    valid. Raises FileError/NotFoundError only when the check cannot run."""
    return _stakemap.validate(str(path), -1 if directed is None else int(bool(directed)))


def library_version() -> str:
    """The version of the linked libstakemap (may differ from __version__, the version
    the extension was compiled against)."""
    return _stakemap.version()
