"""What a scoped view shows for a row outside its scope: ``orgnet.OUTSIDE`` (no library
import, so that the formatting helpers can name it)."""

from __future__ import annotations

__all__ = ["OUTSIDE", "name_lookup"]


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


def name_lookup(table, outside: str = ""):
    """A function from a row's id to its name in ``table`` (a Table with a name column): ""
    for an empty name or None, ``outside`` for orgnet.OUTSIDE (a row outside a view)."""
    index, names = table.index, table.column("name")

    def name(ident) -> str:
        if ident is OUTSIDE:
            return outside
        if ident is None:
            return ""
        return names[index(ident)] or ""
    return name
