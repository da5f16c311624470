"""Progress of a long copy of many members: one INFO line every few seconds.

Shared by the file driver's group copies and the manager's volume-by-volume
clones; it imports nothing of cinderlite, so any driver may use it.
"""

import threading
import time

from oslo_log import log as logging

LOG = logging.getLogger(__name__)


class Progress:
    """Counts members done; logs ``<what>: <done> of <total> members done`` at most
    once per ``interval`` seconds. Thread-safe: members may finish in a pool.
    """

    def __init__(self, what, total, interval):
        self.what = what
        self.total = total
        self.interval = interval
        self.done = 0
        self._last = time.monotonic()
        self._lock = threading.Lock()

    def member_done(self):
        with self._lock:
            self.done += 1
            now = time.monotonic()
            if now - self._last < self.interval:
                return
            self._last = now
            done = self.done
        LOG.info('%(what)s: %(done)d of %(total)d members done',
                 {'what': self.what, 'done': done, 'total': self.total})
