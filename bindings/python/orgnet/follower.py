"""Following a database: a network that stays current by itself. ``orgnet.follow(uri)`` loads
the network in the snapshot of a new logical replication slot and then turns each committed
transaction on the followed tables into one new version, in commit order (docs/database.md,
"Following a database")."""

from __future__ import annotations

import ctypes as C
import queue
import threading
from typing import Callable, Iterator, NamedTuple, Optional

from . import _capi
from ._capi import call
from ._handle import Handle
from .errors import InvalidArgumentError

__all__ = ["Follower", "FollowedVersion", "follow"]

_POLICIES = {p.label: p.value for p in _capi.gen.BadTransactionPolicy}


class FollowedVersion(NamedTuple):
    """One version of a followed network: the state after one committed transaction, or
    after a ``refresh()`` (then ``transactions`` is that of the version before it)."""

    network: "Network"  # noqa: F821 (orgnet.Network; its owner closes it)
    lsn: int           #: the commit's WAL position (the initial load: the slot's start)
    commit_time: int   #: microseconds since 1970-01-01 UTC (0 for the initial load)
    transactions: int  #: committed transactions applied since the load


def _text(value: str, name: str) -> bytes:
    if not isinstance(value, str):
        raise InvalidArgumentError("%s must be a str; got %s" % (name, type(value).__name__))
    return value.encode("utf-8")


class Follower(Handle):
    """A network following a PostgreSQL database through logical replication. Use
    ``orgnet.follow(...)``; close it (or leave its ``with`` block) to stop following (the slot
    stays on the server until dropped). Iterating yields each new version as it arrives, in
    commit order, until the follower stops; ``latest()`` polls. Safe from many threads."""

    def __init__(self, uri: str, *, mapping=None, slot: str = "orgnet",
                 publication: str = "orgnet", on_bad_transaction: str = "stop",
                 on_version: Optional[Callable[[FollowedVersion], None]] = None,
                 snapshot: Optional[str] = None, snapshot_seconds: float = 60.0,
                 snapshot_transactions: int = 0):
        from .network import _mapping_bytes
        if on_bad_transaction not in _POLICIES:
            raise InvalidArgumentError("on_bad_transaction must be one of %s; got %r" % (
                ", ".join(sorted(_POLICIES)), on_bad_transaction))
        raw_uri, text = _text(uri, "uri"), _mapping_bytes(mapping)
        raw_slot, raw_publication = _text(slot, "slot"), _text(publication, "publication")
        options = _capi.defaults(_capi.gen.orgnet_follower_options,
                                 "orgnet_follower_options_init")
        options.slot, options.slot_len = raw_slot, len(raw_slot)
        options.publication, options.publication_len = raw_publication, len(raw_publication)
        options.on_bad_transaction = _POLICIES[on_bad_transaction]
        if snapshot is not None:
            import os
            raw_folder = _text(os.fspath(snapshot), "snapshot")
            options.snapshot_folder, options.snapshot_folder_len = raw_folder, len(raw_folder)
        options.snapshot_seconds = float(snapshot_seconds)
        options.snapshot_transactions = int(snapshot_transactions)
        self._versions: "queue.Queue[Optional[FollowedVersion]]" = queue.Queue()
        self._on_version = on_version
        self._lock = threading.Lock()
        # Kept for as long as the follower lives: the library calls it from its own thread.
        self._callback = _capi.gen.orgnet_version_fn(self._arrived)
        self._adopt(call("orgnet_follower_start", raw_uri, len(raw_uri), text or None,
                         len(text), C.byref(options), self._callback, None))

    def _arrived(self, _context, network, lsn, commit_time, transactions) -> None:
        # On the follower's thread, with the network borrowed for the call: a handle of its own
        # shares it. An exception must not cross into C: it is kept and raised by stop().
        from .network import Network
        try:
            shared = call("orgnet_network_share", network)
            version = FollowedVersion(Network(shared), lsn, commit_time, transactions)
            self._versions.put(version)
            if self._on_version is not None:
                self._on_version(version)
        except BaseException as e:  # noqa: BLE001 (reported by stop())
            self._callback_error = e

    def latest(self) -> FollowedVersion:
        """The newest version (a Network of its own, to close)."""
        from .network import Network
        handle, lsn, commit_time, transactions = call("orgnet_follower_latest", self.handle)
        return FollowedVersion(Network(handle), lsn, commit_time, transactions)

    def refresh(self) -> FollowedVersion:
        """Brings the follower back to the database: a diverged one (``status().diverged``: a
        transaction was skipped) once the application has mended its data, or any whenever in
        doubt. The follower pauses between two transactions while the database is read again
        in one transaction (``Network.load``'s checks); the difference from the latest version
        becomes one new version (also yielded by the iteration and given to ``on_version``),
        ``refreshed_edits`` on its network saying how many edits it took (0: nothing differed,
        the latest version is returned and no new one made). Following goes on from where it
        was, none of the transactions lost or applied twice; ``diverged`` is False again.
        Raises ``Network.load``'s errors when the database is refused as it stands (the
        follower goes on, still diverged), FailedPreconditionError when it has stopped."""
        from .network import Network
        handle, lsn, commit_time, transactions, edits = call(
            "orgnet_follower_refresh", self.handle)
        network = Network(handle)
        network.refreshed_edits = edits
        return FollowedVersion(network, lsn, commit_time, transactions)

    def status(self):
        """Where the follower stands: running, diverged, error (an ORGNET_* code), applied_lsn,
        server_lsn, lag_bytes, lag_seconds, transactions, skipped."""
        struct = call("orgnet_follower_status", self.handle)
        return _capi.gen.FollowerState.from_structs([struct], None)[0]

    def message(self) -> str:
        """What stopped the follower, or why the last skipped transaction was skipped (its LSN,
        table, key and column); "" when neither."""
        return call("orgnet_follower_message", self.handle)

    def wait(self, transactions: int, timeout: float = 30.0) -> bool:
        """Waits until ``transactions`` transactions are applied (True), or the follower stops
        or ``timeout`` seconds pass (False)."""
        return bool(call("orgnet_follower_wait", self.handle, int(transactions),
                         max(0, int(timeout * 1000))))

    def stop(self) -> None:
        """Stops following; raises what had stopped it before (orgnet.Error), or what the
        ``on_version`` callback raised. The latest version stays readable until ``close()``."""
        handle = self.handle
        self._versions.put(None)
        try:
            call("orgnet_follower_stop", handle)
        finally:
            error = getattr(self, "_callback_error", None)
        if error is not None:
            raise error

    def __iter__(self) -> Iterator[FollowedVersion]:
        """Each new version as it arrives, in commit order; ends when the follower stops (an
        error that stopped it is raised)."""
        while True:
            try:
                version = self._next(0.2)
            except queue.Empty:
                if not self.status().running:
                    self.stop()  # raises what stopped it
                    return
                continue
            if version is None:
                return
            yield version

    def _next(self, timeout: float) -> Optional[FollowedVersion]:
        # The next version in order (None once stopped); queue.Empty after timeout seconds.
        return self._versions.get(timeout=timeout)

    def close(self) -> None:
        """Stops following and frees the follower. Closing twice is fine."""
        super().close()
        while True:  # versions nobody took
            try:
                version = self._versions.get_nowait()
            except queue.Empty:
                break
            if version is not None:
                version.network.close()

    def __enter__(self) -> "Follower":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def follow(uri: str, *, mapping=None, slot: str = "orgnet", publication: str = "orgnet",
           on_bad_transaction: str = "stop",
           on_version: Optional[Callable[[FollowedVersion], None]] = None,
           snapshot: Optional[str] = None, snapshot_seconds: float = 60.0,
           snapshot_transactions: int = 0) -> Follower:
    """Follows the database ``uri`` (a ``postgresql://`` URI or libpq conninfo; the server
    needs ``wal_level = logical`` and the user the REPLICATION attribute): loads the network in
    the snapshot of a new replication slot ``slot`` (creating the publication ``publication``
    over the mapped tables if absent), then applies each committed transaction as one new
    version. ``on_bad_transaction``: "stop" (keep the last good version and stop) or "skip"
    (skip it and go on; the network has then diverged). ``on_version(version)`` runs on the
    follower's thread. ``snapshot``: a folder where the follower writes its version (every
    ``snapshot_seconds``, every ``snapshot_transactions`` transactions when not 0, and on stop);
    started again with the same slot and folder, it resumes from the newest snapshot (no load,
    no transaction lost or applied twice), also after being killed. Raises
    FailedPreconditionError for what cannot be followed (a view or query, a table without the
    replica identity it needs: the message says what to run, an existing slot without a
    snapshot to resume from), and the errors of ``Network.load``."""
    return Follower(uri, mapping=mapping, slot=slot, publication=publication,
                    on_bad_transaction=on_bad_transaction, on_version=on_version,
                    snapshot=snapshot, snapshot_seconds=snapshot_seconds,
                    snapshot_transactions=snapshot_transactions)
