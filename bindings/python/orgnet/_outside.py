"""What a scoped view shows for a row outside its scope: ``orgnet.OUTSIDE`` (no library
import, so that the formatting helpers can name it)."""

from __future__ import annotations

__all__ = ["OUTSIDE"]


class _Outside:
    """What a scoped view shows for a row outside its scope (a link's far end, a community
    scope's street, ...): never an id or a name. One instance, ``orgnet.OUTSIDE``."""

    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "orgnet.OUTSIDE"

    def __str__(self) -> str:
        return "(outside the scope)"

    def __reduce__(self):
        return (_Outside, ())


OUTSIDE = _Outside()
