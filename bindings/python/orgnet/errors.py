"""Exceptions: every error of the library is an orgnet.Error carrying the library's message."""

from __future__ import annotations

__all__ = ["Error", "InvalidArgumentError", "NotFoundError", "OutOfRangeError",
           "ResourceExhaustedError", "FailedPreconditionError", "DataLossError", "LoadError",
           "Diagnostic", "UnknownNameError", "CancelledError"]

from dataclasses import dataclass

from . import _capi_gen as _gen  # declarations only: importing it loads no library


class Error(Exception):
    """Base class of every orgnet error; ``code`` is the C status code."""

    def __init__(self, message: str, code: int = 2):
        super().__init__(message)
        self.code = code
        self.message = message

    def __str__(self) -> str:  # KeyError would otherwise quote the message
        return self.message


class InvalidArgumentError(Error, ValueError):
    """A bad argument or bad data."""


class NotFoundError(Error, KeyError):
    """An unknown id, or a missing file or folder."""


class CancelledError(Error):
    """The call was stopped by its progress function (it returned False); nothing was made.
    Ctrl-C during a long call raises KeyboardInterrupt instead."""


class UnknownNameError(NotFoundError, InvalidArgumentError):
    """An argument naming something that does not exist (a table, column, roll-up, level, rule,
    kind): a ValueError (a bad argument) and a KeyError (a failed lookup) at once. The message
    names the argument, the valid values and the closest one."""


class OutOfRangeError(Error, IndexError):
    """An index past the end."""


class ResourceExhaustedError(Error, MemoryError):
    """Out of memory."""


class FailedPreconditionError(Error):
    """The call does not fit the object's state (e.g. a snapshot of a format version this
    library does not read)."""


class DataLossError(Error):
    """A damaged snapshot file (the message names file, section and offset), or a write that
    failed part-way."""


@dataclass(frozen=True)
class Diagnostic:
    """One problem found in a dataset, with its position (dataset-v1)."""

    severity: str  #: "error" or "warning"
    file: str
    line: int  #: physical line where the record starts (1 = header); 0 = unknown
    row: int  #: for builder rows: 0-based row, else -1
    column: str
    byte: int  #: syntax errors: byte offset in the line, else -1
    message: str
    text: str  #: the whole diagnostic on one line

    def __str__(self) -> str:
        return self.text


class LoadError(InvalidArgumentError):
    """A load, build or edit failed: ``errors`` and ``warnings`` list what was found."""

    def __init__(self, message: str, code: int, errors=(), warnings=(), truncated=False):
        super().__init__(message, code)
        self.errors = list(errors)
        self.warnings = list(warnings)
        self.truncated = truncated


_BY_CODE = {_gen.ORGNET_CANCELLED: CancelledError,
            _gen.ORGNET_INVALID_ARGUMENT: InvalidArgumentError,
            _gen.ORGNET_NOT_FOUND: NotFoundError,
            _gen.ORGNET_RESOURCE_EXHAUSTED: ResourceExhaustedError,
            _gen.ORGNET_OUT_OF_RANGE: OutOfRangeError,
            _gen.ORGNET_FAILED_PRECONDITION: FailedPreconditionError,
            _gen.ORGNET_DATA_LOSS: DataLossError}


def error_for(code: int, message: str) -> Error:
    """The exception for a C status code."""
    return _BY_CODE.get(code, Error)(message, code)
