"""Service reach: grid events (网格事件), party-mass service centres (党群服务中心) and the three
haves (三有: people, money, a place) of every community."""

from __future__ import annotations

import ctypes as C
import datetime as _dt
import math
from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

from . import _args, _capi
from ._progress import Progress, watch
from ._results import ResultRows, tabular  # noqa: F401
from ._capi import NONE, OUTSIDE, OUTSIDE_ROW, call, lib
from ._handle import Handle
from .cobuild import DateLike
from .coverage import ROLLUPS
from .errors import InvalidArgumentError
from .network import Network, OrgRef

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


def _month_text(month: int) -> str:
    return "%04d-%02d" % (month // 12, month % 12 + 1)


@dataclass(frozen=True)
class EventRow:
    """Event figures of a place (and category or month)."""

    id: str
    name: str
    category: Optional[str]  #: None for all categories
    month: Optional[str]     #: "YYYY-MM", None for the whole window
    reported: int
    resolved_grid: int
    resolved_above: int      #: at community, street or district level
    resolved_unknown: int
    open: int
    median_days: Optional[int]
    p90_days: Optional[int]
    backlog: Tuple[int, int, int, int]  #: open events by age class

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


@dataclass(frozen=True)
class HotSpot:
    """A grid and category whose event rate stands out against its street's."""

    grid: str
    name: str
    category: str
    events: int
    households: int
    rate: float         #: events per 100 households
    street_rate: float
    score: float        #: rate / street_rate


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
        table = self.network.grids if by == "grid" else self.network.orgs
        ids, names = table.ids(), table.column("name")
        return [EventRow(ids[r.place], names[r.place] or "",
                         None if r.category < 0 else self.categories[r.category],
                         None if r.month < 0 else _month_text(r.month), r.reported,
                         r.resolved_grid, r.resolved_above, r.resolved_unknown, r.open,
                         None if r.median_days < 0 else r.median_days,
                         None if r.p90_days < 0 else r.p90_days, tuple(r.backlog))
                for r in rows]

    @tabular(HotSpot)
    def hot_spots(self, limit: int = 20) -> List[HotSpot]:
        """Grids and categories whose events per 100 households stand out most against their
        street's rate (docs/service.md)."""
        limit = _args.integer("limit", limit, 0, _args.SIZE_MAX)
        rows = call("orgnet_events_hot_spots", self.handle, limit)
        grids = self.network.grids
        ids, names = grids.ids(), grids.column("name")
        return [HotSpot(ids[h.grid], names[h.grid] or "", self.categories[h.category], h.events,
                        h.households, h.rate, h.street_rate, h.score)
                for h in rows]


@dataclass(frozen=True)
class GridReach:
    """How one grid is reached."""

    grid: str
    nearest: Optional[str]   #: the nearest centre's id
    metres: Optional[float]  #: great-circle distance to it
    placed: bool             #: the grid has coordinates
    reached: bool


@dataclass(frozen=True)
class ReachRow:
    """Reach figures of a place."""

    id: str
    name: str
    grids: int
    grids_placed: int
    grids_reached: int
    households: int
    households_reached: int
    households_unplaced: int
    units: int
    units_reached: int

    @property
    def household_rate(self) -> Optional[float]:
        """Share of known households in reached grids (None when none known)."""
        return self.households_reached / self.households if self.households else None


@dataclass(frozen=True)
class SiteChoice:
    """A new centre's location and what it adds."""

    grid: str
    name: str
    households_added: int
    grids_added: int


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
        grid_ids, centre_ids = self.network.grids.ids(), self.network.centres.ids()
        return [GridReach(grid_ids[i], None if r.nearest == NONE else OUTSIDE if r.nearest == OUTSIDE_ROW else centre_ids[r.nearest],
                          None if math.isnan(r.metres) else r.metres, bool(r.placed),
                          bool(r.reached))
                for i, r in enumerate(call("orgnet_reach_grids", self.handle))]

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
        table = self.network.grids if by == "grid" else self.network.orgs
        ids, names = table.ids(), table.column("name")
        return [ReachRow(ids[r.place], names[r.place] or "", r.grids, r.grids_placed,
                         r.grids_reached, r.households, r.households_reached,
                         r.households_unplaced, r.units, r.units_reached)
                for r in rows]

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
        grids = self.network.grids
        ids, names = grids.ids(), grids.column("name")
        return [SiteChoice(ids[s.grid], names[s.grid] or "", s.households_added, s.grids_added)
                for s in rows]


@dataclass(frozen=True)
class CommunityHaves:
    """One community's people, money and place."""

    id: str
    name: str
    grids: int
    grids_managed: int
    managers: int
    other_staff: int
    people: bool
    dues: int
    fiscal: int
    sponsor: int
    other: int
    money: bool
    place_in_community: bool
    place_within_reach: bool
    place: bool

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


@dataclass(frozen=True)
class HavesRow:
    """A street's or district's three-haves counts."""

    id: str
    name: str
    communities: int
    with_people: int
    with_money: int
    with_place: int
    with_all: int
    dues: int
    fiscal: int
    sponsor: int
    other: int

    def share(self, count: int) -> Optional[float]:
        """``count`` (one of the ``with_*`` counts) over the communities (None when none)."""
        return count / self.communities if self.communities else None

    def record(self) -> dict:
        """The fields and each ``with_*`` count's share of the communities, for CSV and JSON."""
        out = dict(self.__dict__)
        for name in ("with_people", "with_money", "with_place", "with_all"):
            out[name.replace("with_", "") + "_share"] = self.share(getattr(self, name))
        return out


@dataclass(frozen=True)
class HavesFinding:
    """A community missing one of the three."""

    rule: str
    id: str
    message: str


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
        orgs = self.network.orgs
        names = orgs.column("name")
        return [CommunityHaves(orgs.id(c.community), names[c.community] or "", c.grids,
                               c.grids_managed, c.managers, c.other_staff, bool(c.people),
                               c.funds.dues, c.funds.fiscal, c.funds.sponsor, c.funds.other,
                               bool(c.money), bool(c.place_in_community),
                               bool(c.place_within_reach), bool(c.place))
                for c in call("orgnet_haves_communities", self.handle)]

    @tabular(HavesFinding)
    def findings(self) -> List[HavesFinding]:
        """Communities missing a have, by rule then community row."""
        out = []
        for i, f in enumerate(call("orgnet_haves_findings", self.handle)):
            message = call("orgnet_haves_describe", self.handle, i)
            out.append(HavesFinding(HAVES_RULES[f.rule], self.network.orgs.id(f.community),
                                    message))
        return out

    @tabular(HavesRow)
    def table(self, by: str = "street") -> List[HavesRow]:
        """Counts per street or district."""
        rows = call("orgnet_haves_rollup", self.handle, _level(by, ("street", "district")))
        orgs = self.network.orgs
        names = orgs.column("name")
        return [HavesRow(orgs.id(r.place), names[r.place] or "", r.communities, r.with_people,
                         r.with_money, r.with_place, r.with_all, r.funds.dues, r.funds.fiscal,
                         r.funds.sponsor, r.funds.other)
                for r in rows]

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
