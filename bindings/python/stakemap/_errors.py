# stakemap — stakeholder network mapping
# SPDX-License-Identifier: GPL-2.0-or-later
"""The exceptions of stakemap: one class per status code of the C library.

Every exception raised by the library is a :class:`Error` carrying the C
status code and message and, for errors tied to an input location, the file,
line and column. Each class also derives from the built-in exception a Python
programmer would expect (ValueError for a bad value, KeyError for an unknown
actor or attribute, OSError for a file that cannot be read, ...), so ordinary
``except ValueError:`` code keeps working.
"""
from __future__ import annotations

from typing import Optional

# The status codes of include/stakemap/common.h.
OK = 0
ENOMEM = -1
EINVAL = -2
EPARSE = -3
EIO = -4
ENOTFOUND = -5
EDUPLICATE = -6
ECANCELLED = -7
ELIMIT = -8
EINTERNAL = -9


class Error(Exception):
    """Base class of every stakemap error.

    Attributes:
        code: the C status code (a negative ``SM_E*`` value, e.g. -2 for SM_EINVAL).
        message: the library's one-line message, naming the offending value.
        file: the input file for errors tied to one (parse errors), else None.
        line: 1-based line in `file`, or 0.
        column: 1-based column (bytes) in `file` or in a selection expression, or 0.
    """

    code: int = EINTERNAL
    message: str = ""
    file: Optional[str] = None
    line: int = 0
    column: int = 0

    def __init__(self, message: str = "", *args: object) -> None:
        super().__init__(message, *args)
        self.message = message

    def __str__(self) -> str:
        return self.message

    def __reduce__(self):  # keep the attributes through pickling (multiprocessing)
        return (_rebuild, (type(self), self.message, self.code, self.file, self.line,
                           self.column))


def _rebuild(cls, message, code, file, line, column):
    e = cls(message)
    e.code, e.file, e.line, e.column = code, file, line, column
    return e


class OutOfMemoryError(Error, MemoryError):
    """SM_ENOMEM: an allocation failed."""
    code = ENOMEM


class InvalidArgumentError(Error, ValueError):
    """SM_EINVAL: an argument, option or value is invalid (e.g. a quality outside (0, 1])."""
    code = EINVAL


class ParseError(Error, ValueError):
    """SM_EPARSE: an input could not be parsed; `file`, `line` and `column` say where."""
    code = EPARSE


class FileError(Error, OSError):
    """SM_EIO: a file could not be read or written; the message names the path and the
    system error."""
    code = EIO


class NotFoundError(Error, KeyError):
    """SM_ENOTFOUND: an actor, attribute or file does not exist."""
    code = ENOTFOUND


class DuplicateError(Error, ValueError):
    """SM_EDUPLICATE: an id that must be unique is already used."""
    code = EDUPLICATE


class CancelledError(Error):
    """SM_ECANCELLED: the progress callback returned a true value and the work stopped.
    (An exception raised by the callback, KeyboardInterrupt included, propagates as
    itself instead.)"""
    code = ECANCELLED


class LimitError(Error, ValueError):
    """SM_ELIMIT: a documented limit (size, length, depth, count) was exceeded."""
    code = ELIMIT


class InternalError(Error, RuntimeError):
    """SM_EINTERNAL: a bug in stakemap or a dependency; please report it."""
    code = EINTERNAL


class SelectionError(Error, ValueError):
    """A selection expression is wrong: syntax (code SM_EPARSE), an unknown field
    (SM_ENOTFOUND) or a type mismatch (SM_EINVAL). `column` points at the offending
    token (1-based, in bytes)."""
    code = EPARSE


ERROR_CLASSES = {
    ENOMEM: OutOfMemoryError,
    EINVAL: InvalidArgumentError,
    EPARSE: ParseError,
    EIO: FileError,
    ENOTFOUND: NotFoundError,
    EDUPLICATE: DuplicateError,
    ECANCELLED: CancelledError,
    ELIMIT: LimitError,
    EINTERNAL: InternalError,
}


def invalid(message: str) -> InvalidArgumentError:
    """An InvalidArgumentError raised by the Python layer itself."""
    e = InvalidArgumentError(message)
    e.code = EINVAL
    return e
