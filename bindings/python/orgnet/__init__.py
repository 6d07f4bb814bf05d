"""orgnet: the "1+N" party-building organization network as a graph, over the C library.

    import orgnet
    with orgnet.Network.load("examples/district") as net:
        print(net.hierarchy.ancestors("O0000100"))
        with orgnet.links(net, on="2026-06-30") as graph:
            print(graph.clusters()[:3], graph.brokers(5))
        print(orgnet.match(net, scope="either").total)

Errors are orgnet.Error subclasses carrying the library's message (LoadError lists every
error of a failed load with file, line and column). A Network is immutable and thread-safe.
"""

try:
    from ._capi import NO_DATE, NO_INTEGER, NONE, OUTSIDE, OUTSIDE_ROW, lib as _lib
except (ImportError, OSError) as _error:  # no usable liborgnet
    from ._startup import exit_if_command
    exit_if_command(_error)
    raise
from ._arrays import Lists, TextColumn
from ._results import ResultRows
from ._capi_gen import Status
from .errors import (AlreadyExistsError, CancelledError, DataLossError, Diagnostic, Error,
                     FailedPreconditionError, InternalError, InvalidArgumentError, LoadError,
                     NotFoundError, OutOfRangeError, PermissionDeniedError, ResourceExhaustedError,
                     UnavailableError, UnimplementedError, UnknownNameError)
from .network import (SNAPSHOT_CHECKS, TABLES, Builder, EditBatch, Hierarchy, Network, Place,
                      Row, Table, Territory, has_database_support, is_database_uri, is_snapshot,
                      load, open_network)
from .coverage import (COUNTERS, RATES, ROLLUPS, RULES, Coverage, CoverageRow, CoverageRules,
                       Disagreement, Finding, Rule, UnitRow, coverage)
from .cobuild import (SCOPES, STEP_KINDS, Allocation, Cluster, CrossingCounts, Crossings,
                      IsolationRow, Links, Matching, Partner, Step, Suggestion, links, match,
                      Broker, EVERY_LINK)
from .batch import parse_batch, read_batch
from .service import (EVENT_TABLES, HAVES_RULES, CommunityHaves, EventRow, Events, GridReach,
                      Haves, HavesFinding, HavesRow, HotSpot, Reach, ReachRow, SiteChoice,
                      events, great_circle_metres, haves, reach)
from .export import export
from .diff import (CoverageChanges, Diff, PlaceChange, RowChange, TableChanges, UnitMove,
                   diff)
from .results import RESULT_TABLES, ResultWriter, write_results
from .follower import FollowedVersion, Follower, follow

__version__ = "0.1.0"
#: The release of the loaded C library.
library_version = _lib.orgnet_version().decode()
#: Where the C library was loaded from.
library_path = _lib.path

if library_version != __version__:
    raise ImportError("orgnet %s (Python) needs liborgnet %s; %s is %s" %
                      (__version__, __version__, library_path, library_version))

__all__ = ["Network", "Table", "Row", "Hierarchy", "Territory", "Place", "Builder", "EditBatch",
           "Error", "InvalidArgumentError", "NotFoundError", "OutOfRangeError",
           "ResourceExhaustedError", "FailedPreconditionError", "DataLossError", "LoadError",
           "Diagnostic", "TABLES", "SNAPSHOT_CHECKS", "NONE", "OUTSIDE", "load", "open_network", "is_snapshot",
           "library_version", "library_path", "coverage", "Coverage", "CoverageRules",
           "CoverageRow", "UnitRow", "Finding", "Rule", "Disagreement", "ROLLUPS", "COUNTERS",
           "RATES", "RULES", "links", "match", "Links", "Matching", "Partner", "Cluster",
           "IsolationRow", "Step", "CrossingCounts", "Crossings", "Suggestion", "Allocation",
           "SCOPES", "STEP_KINDS", "events", "reach", "haves", "great_circle_metres", "Events",
           "EventRow", "HotSpot", "Reach", "GridReach", "ReachRow", "SiteChoice", "Haves",
           "CommunityHaves", "HavesRow", "HavesFinding", "EVENT_TABLES", "HAVES_RULES",
           "read_batch", "parse_batch", "NO_DATE", "NO_INTEGER", "OUTSIDE_ROW", "TextColumn",
           "Lists", "ResultRows", "Broker", "EVERY_LINK", "UnknownNameError", "CancelledError",
           "diff", "Diff", "TableChanges", "RowChange", "CoverageChanges", "PlaceChange",
           "UnitMove", "export", "Status", "AlreadyExistsError", "PermissionDeniedError",
           "UnimplementedError", "InternalError", "UnavailableError", "is_database_uri",
           "has_database_support", "ResultWriter", "write_results", "RESULT_TABLES",
           "follow", "Follower", "FollowedVersion"]
