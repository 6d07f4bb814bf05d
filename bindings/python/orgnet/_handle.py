"""Ownership of a C handle: freed once by close(), a ``with`` block or garbage collection."""

from __future__ import annotations

from .errors import FailedPreconditionError

__all__ = ["Handle"]


class Handle:
    """Base of every object that owns a library handle, released by the function the header
    names for its type (``_capi_gen.RELEASE``, from the @abi{owned FREE} annotations)."""

    def _adopt(self, handle) -> None:
        self._handle = handle

    @staticmethod
    def _call(name: str, *inputs):
        """_capi.call (for the methods generated from the header: _capi_gen imports nothing)."""
        from ._capi import call
        return call(name, *inputs)

    @property
    def handle(self):
        """The C handle, a typed ctypes pointer (for the library's own layers); raises Error
        once closed."""
        handle = getattr(self, "_handle", None)
        if handle is None or not handle:
            raise FailedPreconditionError("the %s is closed" % type(self).__name__.lower())
        return handle

    def close(self) -> None:
        """Frees the handle; further use raises orgnet.Error. Closing twice is fine."""
        handle = getattr(self, "_handle", None)
        if handle is not None and handle:
            from ._capi import release
            release(handle)
        self._handle = None

    def _describe(self) -> str:
        """What a subclass adds to its repr (the handle's figures)."""
        return ""

    def __repr__(self) -> str:
        handle = getattr(self, "_handle", None)
        if handle is None or not handle:
            return "<orgnet.%s (closed)>" % type(self).__name__
        try:
            described = self._describe()
        except Exception as e:  # a repr never raises: say what failed instead
            described = "(%s)" % e
        return "<orgnet.%s%s>" % (type(self).__name__, (" " + described) if described else "")

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __del__(self):
        try:
            self.close()
        except Exception:  # interpreter shutdown: the library may be gone already
            pass
