"""Service reach: grid events (网格事件), party-mass service centres (党群服务中心) and the three
haves (三有: people, money, a place) of every community."""

from __future__ import annotations

import ctypes as C
import datetime as _dt
from typing import Dict, List, Optional

from . import _args, _capi
from .progress import Progress, watch
from ._results import ResultRows, tabular  # noqa: F401
from ._rows import RowContext
from ._capi import call, lib
from ._handle import Handle
from ._vocabulary import ROLLUPS, DateLike
from .errors import InvalidArgumentError
from ._vocabulary import OrgRef
from .network import Network

__all__ = ["DEFAULT_REACH_METRES", "Events", "EventRow", "HotSpot", "Reach", "GridReach", "ReachRow", "SiteChoice",
           "Haves", "CommunityHaves", "HavesRow", "HavesFinding", "events", "reach", "haves",
           "great_circle_metres", "HAVES_RULES", "EVENT_TABLES"]

#: The default reach radius in metres, and the one at which a scoped view counts the centres
#: outside it (ORGNET_DEFAULT_REACH_METRES; docs/permission.md, "Reach").
DEFAULT_REACH_METRES = _capi.gen.ORGNET_DEFAULT_REACH_METRES
_EPOCH = _dt.date(1970, 1, 1)
#: The event tables, in the C ABI's order.
EVENT_TABLES = _capi.gen.EventTable.labels()
#: The three-haves rule codes, in order.
HAVES_RULES = tuple(lib.orgnet_haves_rule_code(i).decode()
                    for i in range(len(_capi.gen.HavesRule)))
_TERRITORY = ROLLUPS[:4]


#: The event options' defaults, from orgnet_event_options_init (the C++ defaults).
_EVENT_DEFAULTS = _capi.defaults(_capi.gen.orgnet_event_options, "orgnet_event_options_init")

def _level(by: str, allowed=_TERRITORY) -> int:
    return ROLLUPS.index(_args.choice("by", by, allowed, "roll-up"))


def great_circle_metres(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Great-circle distance in metres between two WGS 84 points in degrees."""
    return lib.orgnet_great_circle_metres(*(_args.real_or_nan(n, v) for n, v in (
        ("lon1", lon1), ("lat1", lat1), ("lon2", lon2), ("lat2", lat2))))


#: Result rows, generated from the header's annotated structs (tools/abi); the classes
#: below add derived figures to those of them that have some.
HotSpot, GridReach = _capi.gen.HotSpot, _capi.gen.GridReach
SiteChoice, HavesFinding = _capi.gen.SiteChoice, _capi.gen.HavesFinding


class EventRow(_capi.gen.EventRow):
    """Event figures of a place (and category or month)."""

    @property
    def grid_share(self) -> Optional[float]:
        """Share of reported events resolved at grid level (None when none reported)."""
        return self.resolved_grid / self.reported if self.reported else None

    @property
    def above_share(self) -> Optional[float]:
        """Share resolved at community level or above."""
        return self.resolved_above / self.reported if self.reported else None

    @property
    def open_share(self) -> Optional[float]:
        """Share still open."""
        return self.open / self.reported if self.reported else None


class Events(Handle):
    """Grid events over a window (see ``events()``)."""

    def __init__(self, network: Network, from_: DateLike = None, to: DateLike = None,
                 as_of: DateLike = None, backlog_days=tuple(_EVENT_DEFAULTS.backlog_days),
                 hot_spot_min_events: int = _EVENT_DEFAULTS.hot_spot_min_events):
        self.network = network
        options = _capi.gen.orgnet_event_options()
        options.version = _capi.gen.ORGNET_EVENT_OPTIONS_VERSION
        options.from_ = _args.day("from_", from_, _capi.NO_DATE)
        options.to = _args.day("to", to, _capi.NO_DATE)
        options.as_of = _args.day("as_of", as_of, _capi.NO_DATE)
        backlog_days = list(backlog_days)
        if len(backlog_days) != _capi.gen.ORGNET_BACKLOG_BOUNDS:
            raise InvalidArgumentError("backlog_days holds %d bounds; got %r" % (
                _capi.gen.ORGNET_BACKLOG_BOUNDS, backlog_days))
        options.backlog_days[:] = [_args.integer("backlog_days", b, -_args.INT32_MAX - 1,
                                                 _args.INT32_MAX) for b in backlog_days]
        options.hot_spot_min_events = _args.integer("hot_spot_min_events", hot_spot_min_events,
                                                    -_args.INT32_MAX - 1, _args.INT32_MAX)
        self.backlog_days = tuple(backlog_days)
        self._adopt(call("orgnet_events_compute", network.handle, C.byref(options)))
        #: The categories seen in the window, sorted.
        self.categories = [call("orgnet_events_category", self.handle, i)
                           for i in range(call("orgnet_events_category_count", self.handle))]

    def _describe(self) -> str:
        return "as of %s: %d events counted, %d outside the window" % (
            self.as_of, self.counted, self.outside_window)

    def _counts(self):
        counted, outside, as_of = call("orgnet_events_counts", self.handle)
        return counted, outside, _EPOCH + _dt.timedelta(days=as_of)

    @property
    def counted(self) -> int:
        """Events reported in the window."""
        return self._counts()[0]

    @property
    def outside_window(self) -> int:
        """Events reported outside the window."""
        return self._counts()[1]

    @property
    def as_of(self) -> _dt.date:
        """The day open events are aged to."""
        return self._counts()[2]

    @tabular(EventRow)
    def table(self, by: str = "street", per: str = "total") -> List[EventRow]:
        """Figures per place of ``by`` (grid, community, street, district); ``per`` is
        "total" (every place), "category" or "month" (pairs with events)."""
        _args.choice("per", per, EVENT_TABLES)
        rows = call("orgnet_events_rollup", self.handle, _level(by), EVENT_TABLES.index(per))
        place = self.network.grids if by == "grid" else self.network.orgs
        return EventRow.from_structs(rows, self._context(place))

    def _context(self, place=None) -> RowContext:
        return RowContext(self.network, place, lists={"categories": self.categories})

    @tabular(HotSpot)
    def hot_spots(self, limit: int = 20) -> List[HotSpot]:
        """Grids and categories whose events per 100 households stand out most against their
        street's rate (docs/service.md)."""
        limit = _args.integer("limit", limit, 0, _args.SIZE_MAX)
        return HotSpot.from_structs(call("orgnet_events_hot_spots", self.handle, limit),
                                    self._context())


class ReachRow(_capi.gen.ReachRow):
    """Reach figures of a place."""

    @property
    def household_rate(self) -> Optional[float]:
        """Share of known households in reached grids (None when none known)."""
        return self.households_reached / self.households if self.households else None


class Reach(Handle):
    """Service-centre reach within a radius (see ``reach()``)."""

    def __init__(self, network: Network, radius: float = DEFAULT_REACH_METRES):
        self.network = network
        self.radius = radius
        radius = _args.real("radius", radius, positive=True)
        self._adopt(call("orgnet_reach_compute", network.handle, radius))

    def _describe(self) -> str:
        reached = sum(1 for g in self.grids() if g.reached)
        return "within %g m: %d of %d grids reached" % (self.radius, reached,
                                                       len(self.network.grids))

    @tabular(GridReach)
    def grids(self) -> List[GridReach]:
        """Every grid's nearest centre, in grid row order."""
        return GridReach.from_structs(call("orgnet_reach_grids", self.handle), RowContext(
            self.network, values={"grid": self.network.grids.ids()}))

    def unplaced(self, table: str = "grids") -> List[str]:
        """Ids of the grids (or centres) without coordinates."""
        if table not in ("grids", "centres"):
            raise InvalidArgumentError("table must be grids or centres")
        number = _capi.gen.Table.from_label(table)
        ids = self.network.table(table).ids()
        return [ids[i] for i in call("orgnet_reach_unplaced", self.handle, number)]

    @tabular(ReachRow)
    def table(self, by: str = "street") -> List[ReachRow]:
        """Households and units reached per grid, community, street or district."""
        rows = call("orgnet_reach_rollup", self.handle, _level(by))
        place = self.network.grids if by == "grid" else self.network.orgs
        return ReachRow.from_structs(rows, RowContext(self.network, place))

    def functions(self, community: OrgRef) -> List[str]:
        """The centre functions ``community`` can reach, sorted."""
        orgs = self.network.orgs
        index = community if isinstance(community, int) else orgs.index(community)
        joined = call("orgnet_reach_functions", self.handle, index)
        return joined.split(";") if joined else []

    @tabular(SiteChoice)
    def site(self, k: int, *, progress: Progress = None) -> List[SiteChoice]:
        """Greedy siting of up to ``k`` new centres at grid locations (docs/service.md).
        ``progress`` as in ``Links.betweenness`` (units: grids scanned, then sites chosen)."""
        k = _args.integer("k", k, 0, _args.SIZE_MAX)
        with watch(progress):
            rows = call("orgnet_reach_site", self.handle, k)
        return SiteChoice.from_structs(rows, RowContext(self.network))


class CommunityHaves(_capi.gen.CommunityHaves):
    """One community's people, money and place."""

    @property
    def funds(self) -> int:
        """The year's funds, every source."""
        return self.dues + self.fiscal + self.sponsor + self.other

    @property
    def grids_managed_share(self) -> Optional[float]:
        """Share of the community's grids with a grid manager (None when it has no grids)."""
        return self.grids_managed / self.grids if self.grids else None

    def record(self) -> dict:
        """The fields and the derived ``funds`` and ``grids_managed_share``, for CSV and JSON."""
        out = dict(self.__dict__)
        out["funds"] = self.funds
        out["grids_managed_share"] = self.grids_managed_share
        return out


class HavesRow(_capi.gen.HavesRow):
    """A street's or district's three-haves counts."""

    def share(self, count: int) -> Optional[float]:
        """``count`` (one of the ``with_*`` counts) over the communities (None when none)."""
        return count / self.communities if self.communities else None

    def record(self) -> dict:
        """The fields and each ``with_*`` count's share of the communities, for CSV and JSON."""
        out = dict(self.__dict__)
        for name in ("with_people", "with_money", "with_place", "with_all"):
            out[name.replace("with_", "") + "_share"] = self.share(getattr(self, name))
        return out


class Haves(Handle):
    """The three haves of every community for a year (see ``haves()``)."""

    def __init__(self, network: Network, year: int = 0, radius: float = DEFAULT_REACH_METRES):
        self.network = network
        year = _args.integer("year", year, 0, 9999)
        radius = _args.real("radius", radius, positive=True)
        self._adopt(call("orgnet_haves_compute", network.handle, year, radius))
        #: The year checked.
        self.year = call("orgnet_haves_year", self.handle)

    def _describe(self) -> str:
        return "year %d: %d communities, %d findings" % (self.year, len(self.communities()),
                                                        len(self.findings()))

    @tabular(CommunityHaves)
    def communities(self) -> List[CommunityHaves]:
        """Every community, ascending row."""
        return CommunityHaves.from_structs(call("orgnet_haves_communities", self.handle),
                                           RowContext(self.network))

    @tabular(HavesFinding)
    def findings(self) -> List[HavesFinding]:
        """Communities missing a have, by rule then community row."""
        return HavesFinding.from_structs(
            call("orgnet_haves_findings", self.handle),
            RowContext(self.network, lists={"haves_rules": HAVES_RULES}, values={
                "message": lambda i, _: call("orgnet_haves_describe", self.handle, i)}))

    @tabular(HavesRow)
    def table(self, by: str = "street") -> List[HavesRow]:
        """Counts per street or district."""
        rows = call("orgnet_haves_rollup", self.handle, _level(by, ("street", "district")))
        return HavesRow.from_structs(rows, RowContext(self.network))

    def columns(self) -> Dict[str, list]:
        """The communities as plain columns {name: list}."""
        rows = self.communities()
        fields = list(CommunityHaves.__dataclass_fields__)
        return {name: [getattr(r, name) for r in rows] for name in fields}


def events(network: Network, from_: DateLike = None, to: DateLike = None,
           as_of: DateLike = None, *, backlog_days=tuple(_EVENT_DEFAULTS.backlog_days),
           hot_spot_min_events: int = _EVENT_DEFAULTS.hot_spot_min_events) -> Events:
    """Grid events reported in [from_, to): ``events(net, "2026-01-01", "2027-01-01")``.
    Dates are str (ISO), datetime.date or datetime.datetime; ``as_of`` (the day open events'
    ages are measured to) defaults to the dataset's as_of, else the day before ``to``, else
    the latest date the dataset holds."""
    return Events(network, from_, to, as_of, backlog_days=backlog_days,
                  hot_spot_min_events=hot_spot_min_events)


def reach(network: Network, radius: float = DEFAULT_REACH_METRES) -> Reach:
    """Service-centre reach within ``radius`` metres (the 15-minute circle)."""
    return Reach(network, radius)


def haves(network: Network, year: int = 0, radius: float = DEFAULT_REACH_METRES) -> Haves:
    """The three haves of every community for ``year`` (0: the dataset's as_of year)."""
    return Haves(network, year, radius)
