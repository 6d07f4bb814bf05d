"""``orgnet follow``: follow a database's committed changes (logical replication), one line per
new version, until stopped (Ctrl-C, SIGTERM, --count or --seconds); SIGHUP refreshes it (reads
the database again: how a diverged follower is brought back)."""

from __future__ import annotations

import signal
import sys
import threading
import time

from .._format import number
from . import _common as common


def register(sub) -> None:
    """Adds the command's parser to ``sub``."""
    p = sub.add_parser("follow", help="follow a database's committed changes, a line per "
                                      "new version; SIGHUP reads the database again (refresh) "
                                      "(docs/database.md, \"Following a database\")")
    common.add_dataset(p, name="uri", help="the database: a postgresql:// URI or libpq "
                                           "conninfo (wal_level = logical; a REPLICATION user)")
    p.add_argument("--slot", default="orgnet",
                   help="the replication slot to create (default orgnet; it must not exist)")
    p.add_argument("--publication", default="orgnet",
                   help="the publication over the followed tables (default orgnet; created "
                        "if absent)")
    from ..follower import _POLICIES
    p.add_argument("--on-bad", choices=sorted(_POLICIES, key=_POLICIES.get), default="stop",
                   help="a transaction the dataset's rules refuse: stop (default) or skip it "
                        "(the network then diverges from the database until a refresh: "
                        "kill -HUP)")
    p.add_argument("--snapshot", metavar="FOLDER",
                   help="write the version to snapshots in FOLDER (every --snapshot-seconds "
                        "and on exit); started again with the same --slot, resume from the "
                        "newest (also after a kill)")
    p.add_argument("--snapshot-seconds", type=float, default=60.0, metavar="S",
                   help="a snapshot when the newest is S seconds old (default 60)")
    p.add_argument("--snapshot-transactions", type=int, default=0, metavar="N",
                   help="a snapshot every N transactions (default 0: not by count)")
    p.add_argument("--count", type=int, metavar="N",
                   help="stop after N new versions")
    p.add_argument("--seconds", type=float, metavar="S", help="stop after S seconds")
    p.set_defaults(run=run)


def _line(version, refreshed: bool) -> str:
    net = version.network
    when = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(version.commit_time / 1e6))
    return "version %d%s: %s %s at LSN %X/%X; orgs %s, members %s, events %s" % (
        version.transactions, ", refreshed" if refreshed else "",
        "read" if refreshed else "committed", when, version.lsn >> 32,
        version.lsn & 0xFFFFFFFF, number(len(net.orgs)), number(len(net.members)),
        number(len(net.events)))


def run(args) -> int:
    """Follows URI, printing a line per version, then where it stopped."""
    from ..errors import Error
    from ..follower import follow
    import queue
    stop, refresh = threading.Event(), threading.Event()
    previous = signal.signal(signal.SIGTERM, lambda *_: stop.set())
    previous_hup = signal.signal(signal.SIGHUP, lambda *_: refresh.set())
    deadline = None if args.seconds is None else time.monotonic() + args.seconds
    try:
        follower = follow(args.uri, mapping=args.mapping, slot=args.slot,
                          publication=args.publication, on_bad_transaction=args.on_bad,
                          snapshot=args.snapshot, snapshot_seconds=args.snapshot_seconds,
                          snapshot_transactions=args.snapshot_transactions)
    except Error as e:
        print("orgnet follow: %s" % e, file=sys.stderr)
        signal.signal(signal.SIGTERM, previous)
        signal.signal(signal.SIGHUP, previous_hup)
        return 1
    seen = 0
    try:
        with follower:
            start = follower.latest()
            with start.network as net:
                print("following %s from LSN %X/%X (slot %s%s): orgs %s, members %s" % (
                    common.shown_dataset(args.uri), start.lsn >> 32, start.lsn & 0xFFFFFFFF,
                    args.slot, ", resumed from a snapshot" if follower.status().resumed else "",
                    number(len(net.orgs)), number(len(net.members))), flush=True)
            last = start.transactions
            while not stop.is_set() and (args.count is None or seen < args.count):
                if deadline is not None and time.monotonic() >= deadline:
                    break
                if refresh.is_set():
                    refresh.clear()
                    try:
                        with follower.refresh().network as net:
                            print("refreshed: %s edits" % number(net.refreshed_edits),
                                  flush=True)
                    except Error as e:
                        print("orgnet follow: refresh: %s" % e, file=sys.stderr, flush=True)
                    continue
                try:
                    version = follower._next(0.2)
                except queue.Empty:
                    if not follower.status().running:
                        break
                    continue
                if version is None:
                    break
                with version.network:
                    # A version with no new transaction is a refresh's.
                    print(_line(version, version.transactions == last), flush=True)
                last = version.transactions
                seen += 1
            try:
                follower.stop()
            except Error as e:
                print("orgnet follow: stopped: %s" % e, file=sys.stderr)
                return 1
            state = follower.status()
            message = follower.message()
    except KeyboardInterrupt:
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)
        signal.signal(signal.SIGHUP, previous_hup)
    print("stopped after %d versions at LSN %X/%X%s%s" % (
        seen, state.applied_lsn >> 32, state.applied_lsn & 0xFFFFFFFF,
        "; snapshot at LSN %X/%X" % (state.snapshot_lsn >> 32, state.snapshot_lsn & 0xFFFFFFFF)
        if args.snapshot else "",
        "; diverged (%d skipped; last: %s)" % (state.skipped, message) if state.diverged else ""))
    return 0
