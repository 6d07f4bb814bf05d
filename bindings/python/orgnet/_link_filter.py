"""The C link filter (orgnet_link_filter) of the co-building analyses: the day links must be
active on and the kinds they must have, with the buffers it points into."""

from __future__ import annotations

import ctypes as C
from typing import Optional, Sequence

from . import _args, _capi
from ._vocabulary import DateLike

__all__ = ["EVERY_LINK", "LinkFilter", "link_rows"]


#: ``on=EVERY_LINK`` ("all"): every link, whatever its dates (the default, None, is the
#: dataset's as_of, and every link only when the dataset has no as_of).
EVERY_LINK = "all"


def _day(on: DateLike, name: str = "on") -> int:
    if on is None:
        return _capi.gen.ORGNET_DATASET_DATE
    if isinstance(on, str) and on == EVERY_LINK:
        return _capi.NO_DATE
    return _args.day(name, on, _capi.NO_DATE)


class LinkFilter:
    """A C link filter and the buffers it points into."""

    def __init__(self, on: DateLike, kinds: Optional[Sequence[str]]):
        self.struct = _capi.gen.orgnet_link_filter()
        self.struct.version = _capi.gen.ORGNET_LINK_FILTER_VERSION
        self.struct.on = _day(on)
        kinds = _args.string_list("kinds", kinds) if kinds is not None else []
        encoded = [k.encode() for k in kinds]
        self._kinds = (C.c_char_p * max(1, len(encoded)))(*encoded)
        self._lens = (C.c_size_t * max(1, len(encoded)))(*map(len, encoded))
        if encoded:
            self.struct.kinds = self._kinds
            self.struct.kind_lens = self._lens
        self.struct.kind_count = len(encoded)


def link_rows(network, on: DateLike = None, kinds: Optional[Sequence[str]] = None) -> list:
    """The link rows of ``network`` that pass ``on`` and ``kinds``, ascending (as
    ``orgnet.links(network, on, kinds).rows()``, without the graph's other figures)."""
    link_filter = LinkFilter(on, kinds)
    handle = _capi.call("orgnet_links_build", network.handle, C.byref(link_filter.struct))
    try:
        return _capi.call("orgnet_links_rows", handle).tolist()
    finally:
        _capi.release(handle)
