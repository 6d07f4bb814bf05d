"""Leadership queries over a network's organizations: Hierarchy."""

from __future__ import annotations

from typing import Iterator, List, Sequence

from . import _arrays, _capi
from ._capi import call
from ._rows import RowContext
from ._vocabulary import OrgRef
from .errors import InvalidArgumentError

__all__ = ["Hierarchy"]


def _bytes(text: str) -> bytes:
    return text.encode("utf-8")


def _same_length(*named) -> None:
    lengths = {name: len(values) for name, values in named}
    if len(set(lengths.values())) > 1:
        raise InvalidArgumentError("%s must be equally long; got %s" % (
            " and ".join(lengths), ", ".join("%d" % n for n in lengths.values())))


class Hierarchy(_capi.gen.HierarchyMethods):
    """Leadership queries by org id (an int is taken as an org index). The one-org queries
    (parent, children, siblings, ancestors, subtree, descendants, depth, root, subtree_size,
    preorder_position, lca, roots, preorder, max_depth) are generated from the header."""

    def __init__(self, network):
        self._network = network
        self._orgs = network.orgs

    @property
    def handle(self):
        """The network's C handle."""
        return self._network.handle

    _call = staticmethod(call)

    def _row(self, table: str, value: OrgRef) -> int:
        return self._index(value)

    def _row_context(self) -> RowContext:
        return RowContext(self._network)

    def _index(self, org: OrgRef, name: str = "org") -> int:
        if isinstance(org, str):
            return self._orgs.index(org)
        if isinstance(org, int) and not isinstance(org, bool):
            return org
        raise TypeError("%s must be an org id (str) or row (int); got %s" % (
            name, type(org).__name__))

    def _ids(self, indexes: Sequence[int]) -> List[str]:
        ids = self._orgs.ids()
        return [ids[i] for i in indexes]

    def _list(self, function: str, org) -> List[int]:
        return call(function, self._network.handle, self._index(org)).tolist()

    def subtree_indexes(self, org: OrgRef) -> List[int]:
        """The subtree as org indexes (rows of orgs.csv), pre-order, the organization first."""
        return self._list("orgnet_hierarchy_subtree", org)

    def walk(self, org: OrgRef) -> Iterator[str]:
        """Iterates the subtree in pre-order, the organization first."""
        ids = self._orgs.ids()
        for index in self._list("orgnet_hierarchy_subtree", org):
            yield ids[index]

    def of_kind(self, org: OrgRef, kind: str) -> List[str]:
        """Organizations of ``kind`` in the subtree (itself included), pre-order."""
        raw = _bytes(kind)
        return self._ids(call("orgnet_hierarchy_of_kind", self._network.handle, self._index(org),
                              raw, len(raw)))

    def is_ancestor(self, ancestor: OrgRef, org: OrgRef) -> bool:
        """True when ``ancestor`` is a proper ancestor of ``org``."""
        return bool(call("orgnet_hierarchy_is_ancestor", self._network.handle,
                         self._index(ancestor), self._index(org)))

    def is_ancestor_many(self, ancestors, orgs, *, numpy: bool = False):
        """``is_ancestor(ancestors[i], orgs[i])`` for every i in one call: two equally long
        lists, arrays or numpy arrays of org ids (str) or rows (int). An ``array('B')`` of 0/1
        (numpy=True: a numpy bool array)."""
        a = self._network._org_rows(ancestors, "ancestors")
        b = self._network._org_rows(orgs, "orgs")
        _same_length(("ancestors", a), ("orgs", b))
        out = _arrays.new("B", len(a))
        call("orgnet_hierarchy_is_ancestor_many", _arrays.pointer(out), self._network.handle,
             _arrays.pointer(a), _arrays.pointer(b), len(a))
        return _arrays.as_numpy(out, numpy, "bool")

    def lca_many(self, a, b, *, numpy: bool = False):
        """``lca(a[i], b[i])`` for every i, as org rows in an ``array('I')`` (``orgnet.NONE``
        across trees; ``net.orgs.ids()`` names them); inputs as ``is_ancestor_many``."""
        ra = self._network._org_rows(a, "a")
        rb = self._network._org_rows(b, "b")
        _same_length(("a", ra), ("b", rb))
        out = _arrays.new("I", len(ra))
        call("orgnet_hierarchy_lca_many", _arrays.pointer(out), self._network.handle,
             _arrays.pointer(ra), _arrays.pointer(rb), len(ra))
        return _arrays.as_numpy(out, numpy)

    def depth_many(self, orgs, *, numpy: bool = False):
        """``depth(orgs[i])`` for every i, as an ``array('I')``."""
        rows = self._network._org_rows(orgs, "orgs")
        out = _arrays.new("I", len(rows))
        call("orgnet_hierarchy_depth_many", _arrays.pointer(out), self._network.handle,
             _arrays.pointer(rows), len(rows))
        return _arrays.as_numpy(out, numpy)

    def _whole(self, function: str, numpy: bool):
        return _arrays.as_numpy(call(function, self._network.handle), numpy)

    def subtree_sizes(self, *, numpy: bool = False):
        """The subtree size of every organization, indexed by org row (``array('I')``)."""
        return self._whole("orgnet_hierarchy_subtree_sizes", numpy)

    def depths(self, *, numpy: bool = False):
        """The depth of every organization, indexed by org row (``array('I')``)."""
        return self._whole("orgnet_hierarchy_depths", numpy)

    def __repr__(self) -> str:
        return "<orgnet.Hierarchy: %d organizations, %d roots, max depth %d>" % (
            len(self._orgs), len(self.roots()), self.max_depth)


