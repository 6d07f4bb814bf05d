"""Progress and Ctrl-C for long calls: while one runs, the C library calls a handler on this
thread (orgnet_set_progress_handler) at least every 50 ms; the handler passes the progress to
the caller's ``progress(done, total, work)`` and stops the call when that returns False or when
Ctrl-C arrives (the library then returns CANCELLED, and KeyboardInterrupt is raised again)."""

from __future__ import annotations

import signal
import threading
from typing import Callable, Optional

from ._capi import gen, lib

__all__ = ["watch", "Progress", "TerminalProgress", "default"]

#: ``progress(done, total, work)``: called with the units done, the units in all and the
#: work's name ("load", "snapshot", "coverage", "betweenness", "matching", "suggest",
#: "siting"); returning False stops the call (orgnet.CancelledError).
Progress = Optional[Callable[[int, int, str], Optional[bool]]]

_installed = threading.local()  # the innermost watch of this thread

#: The progress function of calls given none (the command line sets a TerminalProgress when
#: stderr is a terminal); None: no reports, only Ctrl-C.
default: Progress = None


class TerminalProgress:
    """Progress on a terminal for work that has run over a second: one line per work,
    rewritten in place ("orgnet: load 45%"), ended when the work completes."""

    def __init__(self, stream, after: float = 1.0, clock=None):
        import time
        self.stream, self.after, self.clock = stream, after, clock or time.monotonic
        self._work, self._started, self._shown = None, 0.0, False

    def __call__(self, done: int, total: int, work: str) -> bool:
        now = self.clock()
        if work != self._work:
            self._end()
            self._work, self._started = work, now
        if now - self._started >= self.after and total:
            self.stream.write("\rorgnet: %s %3d%%" % (work, 100 * done // total))
            self.stream.flush()
            self._shown = True
        if done >= total:
            self._end()
            self._work = None
        return True

    def _end(self) -> None:
        if self._shown:
            self.stream.write("\n")
            self.stream.flush()
        self._shown = False


class watch:
    """``with watch(progress): <one long C call>``: see the module's docstring."""

    def __init__(self, progress: Progress = None, name: str = "progress"):
        if progress is not None and not callable(progress):
            raise TypeError("%s must be a function (done, total, work) or None; got %s" % (
                name, type(progress).__name__))
        self.progress = progress if progress is not None else default
        self.interrupt: Optional[BaseException] = None
        self.error: Optional[BaseException] = None
        self._handler = gen.orgnet_progress_fn(self._report)

    def _sigint(self, signum, frame) -> None:
        # Ctrl-C while the call runs: noted here, acted on at the next report. Raising would
        # unwind into the C library's callback, where the exception is lost.
        self.interrupt = KeyboardInterrupt()

    def _report(self, _context, work, done, total) -> int:
        if self.interrupt is not None:
            return 1
        try:
            if self.progress is not None and self.progress(done, total, work.decode()) is False:
                return 1
            return 0
        except KeyboardInterrupt as e:  # Ctrl-C: stop the call, raise it once it returned
            self.interrupt = e
            return 1
        except BaseException as e:  # a failing progress function stops the call likewise
            self.error = e
            return 1

    def __enter__(self) -> "watch":
        # Ctrl-C is noted rather than raised while the call runs, where Python's own handler
        # is in place (the main thread, SIGINT not taken over by the application).
        self._previous_sigint = None
        if (threading.current_thread() is threading.main_thread() and
                signal.getsignal(signal.SIGINT) is signal.default_int_handler):
            self._previous_sigint = signal.signal(signal.SIGINT, self._sigint)
        self._outer = getattr(_installed, "current", None)
        _installed.current = self
        lib.orgnet_set_progress_handler(self._handler, None, 50)
        return self

    def __exit__(self, kind, value, traceback) -> bool:
        if self._previous_sigint is not None:
            signal.signal(signal.SIGINT, self._previous_sigint)
        _installed.current = self._outer
        if self._outer is not None:
            lib.orgnet_set_progress_handler(self._outer._handler, None, 50)
        else:
            lib.orgnet_set_progress_handler(gen.orgnet_progress_fn(), None, 0)  # NULL: removed
        if self.interrupt is not None:
            raise self.interrupt
        if self.error is not None:
            raise self.error
        return False
