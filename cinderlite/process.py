"""Process-wide plumbing: signals, start-up failures, deadlines that end the process.

A signal is honoured at any moment. While the process starts (opening the
database, reaching the message bus, resuming work left in flight) it aborts
the start: :class:`StopRequested` is raised wherever the main thread is,
even in a retry loop. Once the process serves, it asks for a graceful stop
(see ``launcher``); a second signal ends the process at once.
"""

import os
import re
import signal
import sys
import threading

from oslo_log import log as logging

LOG = logging.getLogger(__name__)

#: Seconds the interpreter gets to exit once every service stopped (library threads).
EXIT_GRACE_SECONDS = 5


class StopRequested(BaseException):
    """SIGTERM or SIGINT arrived while the process was starting.

    A BaseException, as KeyboardInterrupt, so that no ``except Exception``
    on the way (a retry loop, a driver) swallows it.
    """


class StartupError(Exception):
    """A part of the process cannot start; ``str()`` is the one line an operator reads."""


def one_line(error):
    """``error`` as one line of a log: its type, its words, no URL to a help page."""
    text = re.sub(r'\(Background on this error at: [^)]*\)', '', str(error))
    return '%s: %s' % (type(error).__name__, ' '.join(text.split()))


def exit_now(code, reason):
    """End the process at once, whatever its threads are doing."""
    LOG.error('%s; exiting now', reason)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code)


def exit_deadline(seconds, code, reason):
    """Call :func:`exit_now` in ``seconds`` unless the returned timer is cancelled first.

    The timer is a daemon thread, so it still fires while the interpreter
    waits at exit for a library's threads that never end.
    """
    timer = threading.Timer(seconds, exit_now, args=(code, reason))
    timer.daemon = True
    timer.start()
    return timer


class Signals:
    """SIGTERM and SIGINT for the whole life of a process; install it first thing."""

    def __init__(self):
        self.received = threading.Event()
        self._serving = False

    def install(self):
        signal.signal(signal.SIGTERM, self._handle)
        signal.signal(signal.SIGINT, self._handle)
        return self

    def serving(self):
        """From now on a first signal asks for a graceful stop instead of aborting."""
        self._serving = True
        if self.received.is_set():
            raise StopRequested()

    def _handle(self, signum, frame):
        name = signal.Signals(signum).name
        if self.received.is_set():
            exit_now(1, '%s received while stopping' % name)
        self.received.set()
        LOG.info('%s received', name)
        if not self._serving:
            raise StopRequested(name)
