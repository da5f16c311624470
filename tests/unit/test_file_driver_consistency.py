"""The file driver's cgsnapshots are crash consistent while a writer keeps writing.

A writer thread counts k = 1, 2, ... and writes k to each volume in turn,
every write through :func:`volume_io` (the fenced data path). A crash
consistent copy of the group shows the volumes as a power cut would: the
counters never grow along the write order and differ by at most one. A
driver that takes the copy points one after the other without the fence
breaks that, and the last test shows this suite notices.
"""

import struct
import threading
import time
import uuid

from cinderlite import conf as cl_conf
from cinderlite.conf import volume as volume_conf
from cinderlite.volume.driver_view import Resource
from cinderlite.volume.drivers import file as file_driver

COUNTER = struct.Struct('<Q')
#: Where the second copy of a counter goes: another extent than offset 0.
TAIL = 1 << 20
CGSNAPSHOTS = 300


class UnfencedFileDriver(file_driver.FileDriver):
    """What the fence prevents: copy points taken one after the other, writers running."""

    def create_cgsnapshot(self, context, cgsnapshot, snapshots):
        for snap in snapshots:
            self._take_copy_point(self.volume_path(snap.volume_id),
                                  self.snapshot_path(snap.id), snap.size)
            time.sleep(0.002)
        return None, None


def make_driver(tmp_path, cls=file_driver.FileDriver):
    conf = cl_conf.new_conf()
    cl_conf.parse_args(conf, [], default_config_files=[])
    conf.set_override('state_path', str(tmp_path / 'state'))
    backend_conf = volume_conf.register_backend_opts(conf, 'file')
    conf.set_override('volumes_dir', str(tmp_path / 'volumes'), group='file')
    driver = cls(conf, backend_conf, 'file')
    driver.do_setup(None)
    driver.check_for_setup_error()
    return driver


def make_volumes(driver, count):
    volumes = [Resource(id=str(uuid.uuid4()), size=1) for _ in range(count)]
    for volume in volumes:
        driver.create_volume(volume)
    return volumes


class Writer(threading.Thread):
    """Writes k to every volume in order, k = 1, 2, ...; each volume's write is one I/O.

    With ``tail`` each I/O writes k twice, at 0 and at ``TAIL``: a copy that
    shows the two different has split one I/O.
    """

    def __init__(self, paths, tail=False):
        super().__init__(daemon=True)
        self.paths = paths
        self.tail = tail
        self.done = threading.Event()
        self.error = None

    def run(self):
        k = 0
        try:
            while not self.done.is_set():
                k += 1
                for path in self.paths:
                    with file_driver.volume_io(path) as f:
                        f.write(COUNTER.pack(k))
                        if self.tail:
                            f.seek(TAIL)
                            f.write(COUNTER.pack(k))
        except Exception as e:  # reported by the test, not lost in the thread
            self.error = e

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.done.set()
        self.join(10)
        assert self.error is None, self.error


def read_counter(path, offset=0):
    with open(path, 'rb') as f:
        f.seek(offset)
        return COUNTER.unpack(f.read(COUNTER.size))[0]


def take_cgsnapshots(driver, volumes, count, offsets=(0,)):
    """Take ``count`` cgsnapshots; yield, for each, the counters per member and offset."""
    for _ in range(count):
        cgsnapshot = Resource(id=str(uuid.uuid4()))
        snapshots = [Resource(id=str(uuid.uuid4()), volume_id=v.id, size=v.size,
                              cgsnapshot_id=cgsnapshot.id, volume=v) for v in volumes]
        driver.create_cgsnapshot(None, cgsnapshot, snapshots)
        yield [[read_counter(driver.snapshot_path(s.id), o) for o in offsets]
               for s in snapshots]
        driver.delete_cgsnapshot(None, cgsnapshot, snapshots)


def is_crash_consistent(counters):
    """Counters in write order: never growing, and the first at most one ahead."""
    return (all(a >= b for a, b in zip(counters, counters[1:]))
            and counters[0] - counters[-1] <= 1)


def test_cgsnapshots_are_crash_consistent_under_a_live_writer(tmp_path):
    driver = make_driver(tmp_path)
    volumes = make_volumes(driver, 3)
    seen = []
    with Writer([driver.volume_path(v.id) for v in volumes]):
        for members in take_cgsnapshots(driver, volumes, CGSNAPSHOTS):
            counters = [m[0] for m in members]
            assert is_crash_consistent(counters), counters
            seen.append(counters[0])
    # Not vacuous: the writer really wrote between the copies.
    assert len(set(seen)) >= 10, seen


def test_a_group_copy_never_splits_one_io(tmp_path):
    """A copy sees a writer's I/O whole or not at all, even a buffered one.

    The second write of each I/O below sits in the file object's buffer when
    the block ends; it must reach the file before the lock is released.
    """
    driver = make_driver(tmp_path)
    volumes = make_volumes(driver, 2)
    with Writer([driver.volume_path(v.id) for v in volumes], tail=True):
        for members in take_cgsnapshots(driver, volumes, CGSNAPSHOTS, offsets=(0, TAIL)):
            for head, tail in members:
                assert head == tail, members
            assert is_crash_consistent([m[0] for m in members]), members


def test_without_the_fence_the_copies_are_inconsistent(tmp_path):
    """The check above can fail: a driver without the fence is caught at once."""
    driver = make_driver(tmp_path, UnfencedFileDriver)
    volumes = make_volumes(driver, 2)
    inconsistent = []
    with Writer([driver.volume_path(v.id) for v in volumes]):
        for members in take_cgsnapshots(driver, volumes, 50):
            counters = [m[0] for m in members]
            if not is_crash_consistent(counters):
                inconsistent.append(counters)
                break
    assert inconsistent, 'an unfenced group copy looked consistent 50 times'
