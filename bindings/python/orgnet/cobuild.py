"""Co-building (共建): the links as of a date, partners, clusters, brokers, cross-boundary links,
link suggestions, and the needs–resources matching (三張清單、雙向認領)."""

from __future__ import annotations

import ctypes as C
import datetime as _dt
from dataclasses import dataclass
from typing import Dict, Iterator, List, NamedTuple, Optional, Sequence, Tuple

from . import _args, _capi
from . import _arrays
from ._arrays import Lists
from .progress import Progress, watch
from ._results import ResultRows, field_names, tabular  # noqa: F401
from ._rows import RowContext
from ._capi import call
from ._handle import Handle
from ._limits import EXACT_BETWEENNESS_WORK, SAMPLED_SOURCES
from ._link_filter import EVERY_LINK, LinkFilter
from ._vocabulary import ROLLUPS, DateLike
from ._vocabulary import OrgRef
from .network import Network

#: Result rows, generated from the header's annotated structs (tools/abi).
Partner, IsolationRow, Step = _capi.gen.Partner, _capi.gen.IsolationRow, _capi.gen.Step
CrossingCounts, Suggestion = _capi.gen.CrossingCounts, _capi.gen.Suggestion
Allocation = _capi.gen.Allocation

__all__ = ["Links", "Matching", "Partner", "Cluster", "IsolationRow", "Step", "CrossingCounts",
           "Crossings", "Suggestion", "Allocation", "links", "match", "SCOPES", "STEP_KINDS",
           "EVERY_LINK", "EXACT_BETWEENNESS_WORK", "SAMPLED_SOURCES"]

_EPOCH = _dt.date(1970, 1, 1)
#: The matching scopes, in the C ABI's order.
SCOPES = _capi.gen.MatchScope.labels()
#: Path step kinds, in the C ABI's order.
STEP_KINDS = _capi.gen.StepKind.labels()


class Broker(NamedTuple):
    """An organization of high betweenness and its score."""

    id: str
    betweenness: float




#: The suggestion weights' defaults, from orgnet_suggestion_weights_init (the C++ defaults).
_WEIGHTS = _capi.defaults(_capi.gen.orgnet_suggestion_weights, "orgnet_suggestion_weights_init")

def broker_sampling(org_count: int, samples: Optional[int] = None,
                    pairs: int = 0) -> Tuple[int, str]:
    """The sources to sample for ``org_count`` organizations linked in ``pairs`` distinct pairs
    (``samples`` when given, else 0 while the exact work ``org_count x (org_count + pairs)``
    is at most EXACT_BETWEENNESS_WORK, and SAMPLED_SOURCES above), and how to say it."""
    if samples is None:
        exact = org_count * (org_count + pairs) <= EXACT_BETWEENNESS_WORK
        samples = 0 if exact else SAMPLED_SOURCES
    if samples == 0 or samples >= org_count:
        return samples, "exact"
    return samples, "estimated from %d sampled sources" % samples



@dataclass(frozen=True)
class Cluster:
    """A connected group of organizations (largest first, ties by lowest org row)."""

    number: int
    size: int
    first: str  #: the id of its lowest org row








@dataclass(frozen=True)
class Crossings:
    """Cross-boundary links: per link row, the boundaries it crosses; counts per street."""

    links: List[int]          #: link rows, ascending
    flags: List[frozenset]    #: per link: {"communities", "streets", "districts", "outside_led", "unplaced"}
    total: CrossingCounts
    by_street: List[CrossingCounts]






class Links(Handle, _capi.gen.LinksMethods):
    """The co-building graph of a network as of a date and for some kinds (see ``links()``).
    Structural figures count distinct linked pairs; partner lists show every link."""

    def __init__(self, network: Network, on: DateLike = None,
                 kinds: Optional[Sequence[str]] = None):
        self.network = network
        link_filter = LinkFilter(on, kinds)
        self.kinds = tuple(kinds or ())
        self._orgs = network.orgs
        self._adopt(call("orgnet_links_build", network.handle, C.byref(link_filter.struct)))
        day = call("orgnet_links_on", self.handle)
        #: The day the links are active on, resolved (None: every link, whatever its dates).
        self.on = None if day == _capi.NO_DATE else _args.date_of(day)

    def _describe(self) -> str:
        return "on %s%s: %d links, %d linked pairs" % (
            self.on or "every date", (", kinds " + ", ".join(self.kinds)) if self.kinds else "",
            len(self.rows()), self.pair_count)

    def _index(self, org: OrgRef) -> int:
        return self.network.hierarchy._index(org)

    def _row(self, table: str, value: OrgRef) -> int:
        return self._index(value)

    def _row_context(self) -> RowContext:
        return RowContext(self.network)

    def _ids(self, rows: Sequence[int]) -> List[str]:
        ids = self._orgs.ids()
        return [ids[r] for r in rows]

    def rows(self) -> List[int]:
        """The link rows that pass, ascending."""
        return call("orgnet_links_rows", self.handle).tolist()

    def __len__(self) -> int:
        return len(self.rows())

    @tabular(Partner)
    def partners(self, org: OrgRef) -> List[Partner]:
        """Every link of ``org``, by partner row then link row."""
        return Partner.from_structs(call("orgnet_links_partners", self.handle, self._index(org)),
                                    RowContext(self.network))

    def neighbours_many(self, orgs) -> Lists:
        """``neighbours`` of many organizations in one call (a list, array or numpy array of
        org ids or rows, in the order asked): a ``Lists`` whose list i holds the partner rows
        of ``orgs[i]``, ascending (``lists.ids(i)`` names them)."""
        rows = self.network._org_rows(orgs, "orgs")
        values, offsets = call("orgnet_links_neighbours_many", self.handle,
                               _arrays.pointer(rows), len(rows))
        return Lists(offsets, values, self._orgs.ids())

    @tabular(IsolationRow)
    def isolation(self, by: str = "street") -> List[IsolationRow]:
        """Per place (grid, community, street, district, or org subtree): organizations and how
        many are isolated."""
        _args.choice("by", by, ROLLUPS, "roll-up")
        rows = call("orgnet_links_rollup_isolation", self.handle, ROLLUPS.index(by))
        place = self.network.grids if by == "grid" else self._orgs
        return IsolationRow.from_structs(rows, RowContext(self.network, place))

    def cluster_of(self) -> List[int]:
        """The cluster number of every organization, by org row."""
        return self._components()[0]

    @tabular(Cluster)
    def clusters(self) -> List[Cluster]:
        """Every cluster, largest first (ties by lowest org row); singletons included."""
        _, sizes, first = self._components()
        ids = self._orgs.ids()
        return [Cluster(i, sizes[i], ids[first[i]]) for i in range(len(sizes))]

    def _components(self) -> Tuple[List[int], List[int], List[int]]:
        return tuple(a.tolist() for a in call("orgnet_links_components", self.handle))

    def bridges(self) -> List[Tuple[str, str]]:
        """Pairs whose loss splits a cluster, ascending by rows."""
        ids = self._orgs.ids()
        return [(ids[b.a], ids[b.b]) for b in call("orgnet_links_bridges", self.handle)]

    def betweenness(self, samples: int = 0, seed: int = 1, *,
                    progress: Progress = None) -> List[float]:
        """Betweenness by org row: exact (samples=0) or estimated from ``samples`` seeded
        sources (docs/cobuild.md). ``progress(done, total, "betweenness")`` is called about
        every 50 ms (sources done); returning False stops it (CancelledError), as Ctrl-C does
        (KeyboardInterrupt)."""
        samples = _args.integer("samples", samples, 0, _args.UINT32_MAX)
        seed = _args.integer("seed", seed, 0, _args.SIZE_MAX)
        with watch(progress):
            return call("orgnet_links_betweenness", self.handle, samples, seed).tolist()

    def brokers(self, top: int = 10, samples: Optional[int] = None,
                seed: int = 1, *, progress: Progress = None) -> "ResultRows":
        """The organizations of highest betweenness (ties by row), as ``Broker(id,
        betweenness)`` rows; only those above 0. ``samples=None`` (the default) chooses as the
        command line does: exact while orgs x (orgs + linked pairs) is at most
        EXACT_BETWEENNESS_WORK, else estimated from SAMPLED_SOURCES sources; 0 is exact. The result says what ran: ``.samples`` (0:
        exact), ``.seed`` and ``.method`` ("exact" or "estimated from N sampled sources")."""
        top = _args.integer("top", top, 0, _args.SIZE_MAX)
        if samples is not None:
            samples = _args.integer("samples", samples, 0, _args.SIZE_MAX)
        samples, method = broker_sampling(len(self._orgs), samples, self.pair_count)
        scores = self.betweenness(samples, seed, progress=progress)
        order = sorted((i for i in range(len(scores)) if scores[i] > 0),
                       key=lambda i: (-scores[i], i))[:top]
        rows = ResultRows([Broker(self._orgs.id(i), scores[i]) for i in order], Broker)
        rows.samples = 0 if method == "exact" else samples
        rows.seed = seed
        rows.method = method
        return rows

    @tabular(Step)
    def path(self, a: OrgRef, b: OrgRef, leadership: bool = False) -> List[Step]:
        """The fewest-step connection from ``a`` to ``b`` over links (and the leadership tree
        with ``leadership=True``); raises NotFoundError when there is none."""
        steps = call("orgnet_links_path", self.handle, self._index(a), self._index(b),
                     int(leadership))
        return Step.from_structs(steps, RowContext(self.network))

    def crossings(self) -> Crossings:
        """Cross-boundary links: which boundaries each link crosses, and counts per street."""
        bits, rows, total = call("orgnet_links_crossings", self.handle)
        context = RowContext(self.network)
        return Crossings(self.rows(),
                         [_capi.gen.Crossing.labels_of(f) for f in bits],
                         CrossingCounts.from_structs([total], context)[0],
                         CrossingCounts.from_structs(rows, context))

    @tabular(Suggestion)
    def suggest(self, org: OrgRef, limit: int = 10, same_grid: float = _WEIGHTS.same_grid,
                same_community: float = _WEIGHTS.same_community,
                common_partner: float = _WEIGHTS.common_partner,
                need_resource: float = _WEIGHTS.need_resource, *,
                progress: Progress = None) -> List[Suggestion]:
        """Candidate partners of ``org`` not linked to it, best score first (ties by row);
        the weights are documented in docs/cobuild.md."""
        limit = _args.integer("limit", limit, 0, _args.SIZE_MAX)
        weights = _capi.gen.orgnet_suggestion_weights(
            _capi.gen.ORGNET_SUGGESTION_WEIGHTS_VERSION, _args.real("same_grid", same_grid), _args.real("same_community", same_community),
            _args.real("common_partner", common_partner),
            _args.real("need_resource", need_resource))
        with watch(progress):
            found = call("orgnet_links_suggest", self.handle, self._index(org), limit,
                         C.byref(weights))
        return Suggestion.from_structs(found, RowContext(self.network))


class Matching(Handle):
    """A maximum allocation of listed resources to listed needs (see ``match()``)."""

    def __init__(self, network: Network, scope: str = "either", on: DateLike = None,
                 kinds: Optional[Sequence[str]] = None, progress: Progress = None):
        _args.choice("scope", scope, SCOPES)
        self.network = network
        self.scope = scope
        link_filter = LinkFilter(on, kinds)
        with watch(progress):
            self._adopt(call("orgnet_matching_compute", network.handle, SCOPES.index(scope),
                             C.byref(link_filter.struct)))

    def _describe(self) -> str:
        return "scope %s: matched %d of %d needed, %d offered" % (
            self.scope, self.total, self.needed, self.offered)

    def _totals(self) -> Tuple[int, int, int]:
        return call("orgnet_matching_totals", self.handle)

    @property
    def total(self) -> int:
        """The amount matched (the maximum any allocation reaches)."""
        return self._totals()[0]

    @property
    def needed(self) -> int:
        """The amount listed as needed."""
        return self._totals()[1]

    @property
    def offered(self) -> int:
        """The amount listed as offered."""
        return self._totals()[2]

    def _raw(self):
        return call("orgnet_matching_allocations", self.handle)

    def _amounts(self, function: str) -> List[int]:
        return call(function, self.handle).tolist()

    def need_met(self) -> List[int]:
        """The amount met of each need, by need row."""
        return self._amounts("orgnet_matching_need_met")

    def resource_used(self) -> List[int]:
        """The amount used of each resource, by resource row."""
        return self._amounts("orgnet_matching_resource_used")

    @tabular(Allocation)
    def allocations(self) -> List[Allocation]:
        """The allocation as rows, by need row then resource row."""
        return Allocation.from_structs(self._raw(), RowContext(self.network))

    def __iter__(self) -> Iterator[Allocation]:
        return iter(self.allocations())

    def columns(self) -> Dict[str, list]:
        """The allocation as plain columns {name: list}."""
        rows = self.allocations()
        return {name: [getattr(r, name) for r in rows]
                for name in field_names(Allocation)}

    def _short(self, function: str, table, used: List[int]) -> List[Tuple[str, int]]:
        return [(table.id(r), table.cell(r, "amount") - used[r])
                for r in call(function, self.handle)]

    def unmet_needs(self) -> List[Tuple[str, int]]:
        """Needs not fully met, with the amount still missing, ascending row."""
        return self._short("orgnet_matching_unmet", self.network.needs, self.need_met())

    def unused_resources(self) -> List[Tuple[str, int]]:
        """Resources with some amount left, with that amount, ascending row."""
        return self._short("orgnet_matching_unused", self.network.resources,
                           self.resource_used())


def links(network: Network, on: DateLike = None, kinds: Optional[Sequence[str]] = None) -> Links:
    """The co-building graph: ``links(net, on="2026-06-30", kinds=["pairing"])``."""
    return Links(network, on, kinds)


def match(network: Network, scope: str = "either", on: DateLike = None,
          kinds: Optional[Sequence[str]] = None, *, progress: Progress = None) -> Matching:
    """Matches needs to resources: ``match(net, scope="same_street")``; ``on`` and ``kinds``
    say which links count as "linked" (``on`` defaults to the dataset's as_of;
    ``EVERY_LINK``: every link). ``progress`` as in ``Links.betweenness``."""
    return Matching(network, scope, on, kinds, progress)
