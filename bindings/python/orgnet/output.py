"""Crash-safe output from Python: the library's one way to write files and folders
(``orgnet_output_*``, include/orgnet/orgnet.h), so that after a kill at any moment the target
is the old content or the new one, a symbolic link planted at a temporary name is never
followed, and two writers to one target each finish whole (docs/output.md, "Writing safely").

    with orgnet.output.OutputFile("report.html") as f:      # text or bytes
        f.write("<html>...")
    # committed when the block ends normally; an exception leaves the old file as it was

    with orgnet.output.OutputFolder("tables", kind="export") as folder:
        with folder.file("orgs.csv") as f:
            f.write("id,name\\n")

Every report, export and ``-o`` output of the command line goes through these classes.
"""

from __future__ import annotations

from typing import Union

from ._capi import call, gen
from ._handle import Handle
from .errors import InvalidArgumentError

__all__ = ["OutputFile", "OutputFolder", "FOLDER_KINDS", "write_bytes", "write_text"]

_BUFFER_BYTES = 1 << 20

#: The folder kinds by name (ORGNET_FOLDER_*): what a folder may replace.
FOLDER_KINDS = {kind.label: kind for kind in gen.FolderKind}


def _path_bytes(path, what: str) -> bytes:
    import os
    try:
        text = os.fspath(path)
    except TypeError:
        raise TypeError("%s must be a path (str or os.PathLike), not %s"
                        % (what, type(path).__name__)) from None
    if isinstance(text, bytes):
        return text
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as e:
        raise InvalidArgumentError("%s: not valid UTF-8 text (%s)" % (what, e.reason)) from None


class _Commits(Handle):
    """A handle that commits when its ``with`` block ends without an exception, and is
    released (discarding what was not committed) however the block ends."""

    _committed = False

    def __exit__(self, kind, value, traceback) -> None:
        try:
            if kind is None and not self._committed:
                self.commit()
        finally:
            self.close()


class OutputFile(_Commits):
    """A file written whole or not at all: ``write()`` text (UTF-8) or bytes, ``commit()`` to
    put it in place; ``close()`` without a commit removes the temporary file and leaves the
    target as it was. As a context manager it commits when the block ends without an
    exception. Missing folders above the target are made."""

    def __init__(self, path, *, _handle=None):
        self.path = path
        self._committed = False
        self._pending, self._pending_bytes = [], 0
        if _handle is not None:
            self._adopt(_handle)
            return
        data = _path_bytes(path, "path")
        self._adopt(call("orgnet_output_open", data, len(data)))

    def writable(self) -> bool:
        return True

    def write(self, data: Union[str, bytes, bytearray, memoryview]) -> int:
        """Appends ``data`` (str as UTF-8); returns the number of characters or bytes given.
        Small writes are gathered and handed to the library a megabyte at a time."""
        raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
        self._pending.append(raw)
        self._pending_bytes += len(raw)
        if self._pending_bytes >= _BUFFER_BYTES:
            self.flush()
        return len(data)

    def flush(self) -> None:
        """Hands the gathered writes to the library (commit() syncs them)."""
        if self._pending_bytes or self._pending:
            raw = b"".join(self._pending)
            self._pending, self._pending_bytes = [], 0
            call("orgnet_output_write", self.handle, raw, len(raw))

    def commit(self) -> None:
        """Syncs the file and renames it over its target (DataLossError when that fails: the
        target is then as it was)."""
        self.flush()
        call("orgnet_output_commit", self.handle)
        self._committed = True

    @property
    def committed(self) -> bool:
        return self._committed

    def isatty(self) -> bool:
        return False

    def __repr__(self) -> str:
        return "<orgnet.OutputFile %r%s>" % (self.path, " committed" if self._committed else "")


class OutputFolder(_Commits):
    """A folder written whole or not at all: files added with ``file(name)`` go to a new
    sibling folder, which ``commit()`` exchanges with the target in one step. ``kind``:
    "dataset" (replaces a new, empty or dataset folder) or "export" (a new, empty or earlier
    export's folder); entries of the old folder that orgnet did not write are carried over.
    As a context manager it commits when the block ends without an exception."""

    def __init__(self, path, kind: str = "export"):
        if kind not in FOLDER_KINDS:
            raise InvalidArgumentError("kind: %r is not one of %s" % (kind, ", ".join(FOLDER_KINDS)))
        self.path = path
        self.kind = kind
        self._committed = False
        data = _path_bytes(path, "path")
        self._adopt(call("orgnet_output_folder_open", data, len(data), FOLDER_KINDS[kind]))

    def file(self, name: str) -> OutputFile:
        """A new file ``name`` (a plain name) of the folder; commit it (or use it as a context
        manager) before the folder is committed."""
        data = _path_bytes(name, "name")
        return OutputFile(name, _handle=call("orgnet_output_folder_add", self.handle, data,
                                             len(data)))

    def commit(self) -> None:
        """Carries the old folder's other entries over, syncs, and exchanges the new folder
        with the target."""
        call("orgnet_output_folder_commit", self.handle)
        self._committed = True

    def _describe(self) -> str:
        return "%r (%s)%s" % (self.path, self.kind, " committed" if self._committed else "")


def write_bytes(path, data: bytes) -> None:
    """Writes ``data`` to ``path`` whole or not at all."""
    with OutputFile(path) as f:
        f.write(data)


def write_text(path, text: str) -> None:
    """Writes ``text`` (UTF-8) to ``path`` whole or not at all."""
    write_bytes(path, text.encode("utf-8"))
