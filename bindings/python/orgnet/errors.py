"""Exceptions: every error of the library is an orgnet.Error carrying the library's message."""

from __future__ import annotations

__all__ = ["Error", "InvalidArgumentError", "NotFoundError", "OutOfRangeError",
           "ResourceExhaustedError", "FailedPreconditionError", "DataLossError", "LoadError",
           "Diagnostic", "UnknownNameError", "CancelledError", "AlreadyExistsError",
           "PermissionDeniedError", "UnimplementedError", "InternalError", "UnavailableError",
           "shown", "choice",
           "closest_hint"]


from . import _capi_gen as _gen  # declarations only: importing it loads no library

_Status = _gen.Status


class Error(Exception):
    """Base class of every orgnet error; ``code`` is the C status code (an ``orgnet.Status``:
    each subclass's own unless given)."""

    code = _Status.UNKNOWN

    def __init__(self, message: str, code: int = None):
        super().__init__(message)
        if code is None:
            code = type(self).code
        # A code the header does not list (a newer library's) stays a plain int.
        self.code = _Status(code) if code in _Status._value2member_map_ else int(code)
        self.message = message

    def __str__(self) -> str:  # KeyError would otherwise quote the message
        return self.message


class InvalidArgumentError(Error, ValueError):
    """A bad argument or bad data."""

    code = _Status.INVALID_ARGUMENT


class NotFoundError(Error, KeyError):
    """An unknown id, or a missing file or folder."""

    code = _Status.NOT_FOUND


class CancelledError(Error):
    """The call was stopped by its progress function (it returned False); nothing was made.
    Ctrl-C during a long call raises KeyboardInterrupt instead."""

    code = _Status.CANCELLED


class UnknownNameError(NotFoundError, InvalidArgumentError):
    """An argument naming something that does not exist (a table, column, roll-up, level, rule,
    kind): a ValueError (a bad argument) and a KeyError (a failed lookup) at once. The message
    names the argument, the valid values and the closest one."""

    code = _Status.INVALID_ARGUMENT


class OutOfRangeError(Error, IndexError):
    """An index past the end."""

    code = _Status.OUT_OF_RANGE


class ResourceExhaustedError(Error, MemoryError):
    """Out of memory."""

    code = _Status.RESOURCE_EXHAUSTED


class FailedPreconditionError(Error):
    """The call does not fit the object's state (e.g. a snapshot of a format version this
    library does not read)."""

    code = _Status.FAILED_PRECONDITION


class DataLossError(Error):
    """A damaged snapshot file (the message names file, section and offset), or a write that
    failed part-way."""

    code = _Status.DATA_LOSS


class AlreadyExistsError(Error):
    """An id or a column that must be new is taken."""

    code = _Status.ALREADY_EXISTS


class PermissionDeniedError(Error, PermissionError):
    """A file or folder cannot be written."""

    code = _Status.PERMISSION_DENIED


class UnimplementedError(Error, NotImplementedError):
    """Not supported (by this build or this file system)."""

    code = _Status.UNIMPLEMENTED


class InternalError(Error):
    """A bug in orgnet: please report it."""

    code = _Status.INTERNAL


class UnavailableError(Error, ConnectionError):
    """A database server cannot be reached or refused the login (the server's message)."""

    code = _Status.UNAVAILABLE


class Diagnostic(_gen.Diagnostic):
    """One problem found in a dataset, with its position (dataset-v1)."""

    def __str__(self) -> str:
        return self.text


class LoadError(InvalidArgumentError):
    """A load, build or edit failed: ``errors`` and ``warnings`` list what was found."""

    def __init__(self, message: str, code: int = None, errors=(), warnings=(), truncated=False):
        super().__init__(message, code)
        self.errors = list(errors)
        self.warnings = list(warnings)
        self.truncated = truncated


def _by_code() -> dict:
    """Each status code's exception: the direct subclass of Error whose ``code`` it is."""
    found = {_Status.UNKNOWN: Error}
    for cls in Error.__subclasses__():
        if cls.__module__ == __name__:
            found[cls.code] = cls
    return found


_BY_CODE = _by_code()


def error_for(code: int, message: str) -> Error:
    """The exception for a C status code."""
    return _BY_CODE.get(code, Error)(message, code)


# ---------------------------------------------------------------- messages about arguments
# The way every layer (the binding's checks and the applications built on it) names a bad
# value: quoted and cut at 60 characters, with the closest valid one.

def shown(value) -> str:
    """``repr(value)`` as a message quotes it: at most 60 characters, then its length."""
    text = repr(value)
    if len(text) <= 60:
        return text
    return "%s... (%d characters)" % (text[:60], len(value) if hasattr(value, "__len__") else len(text))


def closest_hint(value, valid) -> str:
    """"; did you mean 'x'?" for the valid value closest to ``value``, or ""."""
    import difflib
    close = difflib.get_close_matches(str(value), [str(v) for v in valid], n=1, cutoff=0.6)
    return "; did you mean %r?" % close[0] if close else ""


def choice(name: str, value, valid, what: str = "") -> str:
    """``value`` when it is one of ``valid`` (str), else UnknownNameError (a ValueError)
    naming the argument, listing the valid values (the first 20) and the closest one."""
    if not isinstance(value, str):
        raise TypeError("%s must be a str; got %s" % (name, type(value).__name__))
    if value in valid:
        return value
    listed = list(valid)
    shown_valid = ", ".join(listed[:20]) + (", ..." if len(listed) > 20 else "")
    raise UnknownNameError("%s: unknown %s%s%s; valid: %s" % (
        name, (what + " ") if what else "", shown(value), closest_hint(value, listed),
        shown_valid or "(none)"))
