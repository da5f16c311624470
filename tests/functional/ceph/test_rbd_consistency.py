"""Group snapshots and live group clones are crash consistent under concurrent writers.

A writer writes an ever-growing counter k to block 0 of every member in turn
(member 0, then 1, ...), each write complete before the next. At any instant
the members hold (k, ..., k, k-1, ..., k-1): never increasing along the
members, and at most one apart. A cut that shows a later member ahead of an
earlier one, or two counters apart, is torn: no single instant looked like it.
"""

import threading
import time

import rados
import rbd

from tests.functional.ceph import rbd_harness

BLOCK = 4096


def counter_block(k):
    return ('%020d\n' % k).encode() * (BLOCK // 21) + bytes(BLOCK % 21)


def read_counter(data):
    return int(bytes(data[:20]) or b'0') if bytes(data[:20]).strip(b'\0') else 0


class Writer(threading.Thread):
    """Writes counters through its own librbd client, as an instance using the volumes."""

    def __init__(self, cluster, names):
        super().__init__(daemon=True)
        self.cluster = cluster
        self.names = names
        self.count = 0
        self.error = None
        self.stop = threading.Event()

    def run(self):
        client = rados.Rados(conffile=self.cluster.conf_path, rados_id='admin')
        client.connect(timeout=30)
        try:
            with client.open_ioctx(self.cluster.pool) as ioctx:
                images = [rbd.Image(ioctx, name) for name in self.names]
                try:
                    while not self.stop.is_set():
                        for image in images:
                            image.write(counter_block(self.count + 1), 0)
                        self.count += 1
                finally:
                    for image in images:
                        image.close()
        except Exception as e:  # reported by the test
            self.error = e
        finally:
            client.shutdown()

    def wait_for(self, writes):
        target = self.count + writes
        deadline = time.monotonic() + 30
        while self.count < target:
            assert self.error is None and time.monotonic() < deadline, (
                'the writer stalled at %d: %r' % (self.count, self.error))
            time.sleep(0.005)


def assert_consistent(counters, what):
    assert counters[0] > 0, '%s: no write reached it' % what
    torn = any(b > a for a, b in zip(counters, counters[1:])) or counters[0] - counters[-1] > 1
    assert not torn, '%s is torn: members hold counters %s' % (what, counters)


class TestConsistencyUnderWriters(rbd_harness.RBDHarness):

    def counters(self, driver, volumes):
        return [read_counter(self.read_volume(driver, v, 0, BLOCK)) for v in volumes]

    def test_group_snapshots_and_live_clones_are_consistent(self, ceph, tmp_path):
        driver = self._setup(tmp_path)
        group, volumes = self._group_with_members(driver, count=4)
        writer = Writer(ceph, [driver.volume_name(v.id) for v in volumes])
        writer.start()
        cuts = []
        try:
            for _ in range(3):
                writer.wait_for(10)
                cuts.append(('cgsnapshot', self._cgsnapshot(driver, group, volumes)))
                writer.wait_for(10)
                cuts.append(('live clone', self._group_from_group(driver, group, volumes)))
            writer.wait_for(10)
        finally:
            writer.stop.set()
            writer.join(30)
        assert writer.error is None, writer.error
        seen = []
        for what, cut in cuts:
            if what == 'cgsnapshot':
                cut = self._group_from_cgsnapshot(driver, *cut)
            counters = self.counters(driver, cut)
            assert_consistent(counters, what)
            seen.append(counters[0])
        # Every cut was taken while the writer ran, each later than the one before.
        assert seen == sorted(seen) and len(set(seen)) == len(seen), seen
        assert writer.count > seen[-1]
