"""The file driver on btrfs, XFS and a plain directory: what each guarantees, and how.

Driver calls on real filesystems (loop devices, root); the API's view of the
same is in test_live_group_copies. A foreign writer (``sequence_writer``)
that ignores the driver's lock writes all along; the driver below pauses
between members, much longer than the writer takes per write, so any copy
taken from the live files instead of from one cut is caught.
"""

import errno
import os
import time
import uuid

import pytest

from cinderlite import conf as cl_conf
from cinderlite.conf import volume as volume_conf
from cinderlite.volume.driver_view import Resource
from cinderlite.volume.drivers import backing
from cinderlite.volume.drivers import btrfs
from cinderlite.volume.drivers import file as file_driver
from tests.functional import sequence_writer

MEMBERS = 3
CONSISTENT = {'consistent_group_snapshot_enabled': '<is> True'}


class PausingFileDriver(file_driver.FileDriver):
    """Sleeps before each member's copy: a slow copy of a large group, in small."""

    pause = 0.05
    fail_at = None

    def _take_copy_point(self, src, dst, size_gb):
        time.sleep(self.pause)
        if self.fail_at is not None and os.path.basename(dst) == self.fail_at:
            raise OSError('the copy of %s failed' % dst)
        return super()._take_copy_point(src, dst, size_gb)


def make_driver(volumes_dir, tmp_path, cls=PausingFileDriver):
    conf = cl_conf.new_conf()
    cl_conf.parse_args(conf, [], default_config_files=[])
    conf.set_override('state_path', str(tmp_path / 'state'))
    backend_conf = volume_conf.register_backend_opts(conf, 'file')
    conf.set_override('volumes_dir', volumes_dir, group='file')
    driver = cls(conf, backend_conf, 'file')
    driver.do_setup(None)
    driver.check_for_setup_error()
    return driver


def make_volumes(driver):
    volumes = [Resource(id=str(uuid.uuid4()), size=1) for _ in range(MEMBERS)]
    for volume in volumes:
        driver.create_volume(volume)
    return volumes


def group_snapshot(driver, volumes):
    """Files of a cgsnapshot of ``volumes``, in their order."""
    cgsnapshot = Resource(id=str(uuid.uuid4()))
    snapshots = [Resource(id=str(uuid.uuid4()), volume_id=v.id, size=v.size, volume=v)
                 for v in volumes]
    driver.create_cgsnapshot(None, cgsnapshot, snapshots)
    return [driver.snapshot_path(s.id) for s in snapshots]


def group_clone(driver, volumes):
    """Files of a clone of the live group of ``volumes``, in their order."""
    group = Resource(id=str(uuid.uuid4()), group_specs=CONSISTENT)
    clones = [Resource(id=str(uuid.uuid4()), size=v.size) for v in volumes]
    driver.create_group_from_src(None, group, clones, source_group=Resource(id='src'),
                                 source_vols=volumes)
    return [driver.volume_path(c.id) for c in clones]


def copies_under_a_foreign_writer(driver, volumes, rounds=2):
    """Take ``rounds`` group snapshots and group clones while the writer writes."""
    paths = [driver.volume_path(v.id) for v in volumes]
    found = []
    with sequence_writer.Writer(paths):
        for _ in range(rounds):
            for copy in (group_snapshot, group_clone):
                found.append(sequence_writer.read_sequence(copy(driver, volumes)))
    return found


@pytest.mark.parametrize('where, level, reflink', [
    ('btrfs subvolume', backing.CRASH_CONSISTENT, True),
    ('btrfs directory', backing.PER_VOLUME_ATOMIC, True),
    ('xfs', backing.PER_VOLUME_ATOMIC, True),
])
def test_the_backing_is_detected_and_reported(loop_filesystem, tmp_path, where, level,
                                              reflink):
    mount = loop_filesystem(where.split()[0])
    volumes_dir = os.path.join(mount, 'volumes')
    if where == 'btrfs directory':
        os.mkdir(volumes_dir)   # an operator's plain directory is left as it is
    driver = make_driver(volumes_dir, tmp_path)
    assert driver.backing.subvolume is (where == 'btrfs subvolume')
    assert driver.backing.filesystem == where.split()[0]
    stats = driver.get_volume_stats()
    assert (stats['group_consistency'], stats['reflink']) == (level, reflink)


def test_a_slow_group_copy_is_one_cut_on_a_btrfs_subvolume(loop_filesystem, tmp_path):
    driver = make_driver(os.path.join(loop_filesystem('btrfs'), 'volumes'), tmp_path)
    assert driver.backing.group_consistency == backing.CRASH_CONSISTENT
    volumes = make_volumes(driver)
    for found in copies_under_a_foreign_writer(driver, volumes):
        sequence_writer.assert_prefix(found)
        # Not vacuous: every copy holds writes of every member.
        assert all(found), found
    assert not [n for n in os.listdir(driver.volumes_dir)
                if n.startswith(file_driver.CUT_PREFIX)]


@pytest.mark.parametrize('kind', ['btrfs', 'xfs'])
def test_without_a_subvolume_copies_are_atomic_per_file_only(loop_filesystem, tmp_path,
                                                             kind):
    """Reflinks one after the other: each file whole, but the foreign writer moves on.

    This is also what shows that the check of the subvolume's test can fail.
    """
    volumes_dir = os.path.join(loop_filesystem(kind), 'volumes')
    os.mkdir(volumes_dir)
    driver = make_driver(volumes_dir, tmp_path)
    assert driver.backing.group_consistency == backing.PER_VOLUME_ATOMIC
    volumes = make_volumes(driver)
    found = copies_under_a_foreign_writer(driver, volumes)
    for copy in found:
        sequence_writer.assert_each_file_whole(copy)
    assert not all(sequence_writer.is_prefix(copy) for copy in found), found


def test_the_cut_is_deleted_when_a_copy_fails(loop_filesystem, tmp_path):
    driver = make_driver(os.path.join(loop_filesystem('btrfs'), 'volumes'), tmp_path)
    volumes = make_volumes(driver)
    cgsnapshot = Resource(id=str(uuid.uuid4()))
    snapshots = [Resource(id=str(uuid.uuid4()), volume_id=v.id, size=v.size, volume=v)
                 for v in volumes]
    driver.fail_at = os.path.basename(driver.snapshot_path(snapshots[1].id))
    with pytest.raises(OSError, match='failed'):
        driver.create_cgsnapshot(None, cgsnapshot, snapshots)
    assert not [n for n in os.listdir(driver.volumes_dir)
                if n.startswith(file_driver.CUT_PREFIX)]


def test_a_cut_left_by_a_crash_is_deleted_at_start(loop_filesystem, tmp_path):
    volumes_dir = os.path.join(loop_filesystem('btrfs'), 'volumes')
    driver = make_driver(volumes_dir, tmp_path)
    make_volumes(driver)
    stale = btrfs.snapshot(volumes_dir, volumes_dir, file_driver.CUT_PREFIX + 'stale')
    assert os.listdir(stale)
    make_driver(volumes_dir, tmp_path)
    assert not os.path.exists(stale)
    assert len(os.listdir(volumes_dir)) == MEMBERS


def test_without_reflinks_the_level_is_cooperative(loop_filesystem, tmp_path):
    driver = make_driver(os.path.join(loop_filesystem('ext4'), 'volumes'), tmp_path)
    assert (driver.backing.filesystem, driver.backing.reflink) == ('ext4', False)
    assert driver.get_volume_stats()['group_consistency'] == backing.COOPERATIVE
    volumes = make_volumes(driver)
    # The sparse copy is still a copy: bytes and the cooperative fence as before.
    assert len(group_clone(driver, volumes)) == MEMBERS


def test_a_cut_is_deleted_without_the_privilege_to_destroy_it(loop_filesystem, tmp_path,
                                                             monkeypatch):
    """Where BTRFS_IOC_SNAP_DESTROY is refused (no CAP_SYS_ADMIN), the owner empties it."""
    driver = make_driver(os.path.join(loop_filesystem('btrfs'), 'volumes'), tmp_path)
    make_volumes(driver)
    real = btrfs.fcntl.ioctl

    def ioctl(fd, request, *args):
        if request == btrfs.IOC_SNAP_DESTROY:
            raise PermissionError(errno.EPERM, 'Operation not permitted')
        return real(fd, request, *args)
    monkeypatch.setattr(btrfs.fcntl, 'ioctl', ioctl)
    cut = btrfs.snapshot(driver.volumes_dir, driver.volumes_dir, 'cut')
    btrfs.delete_subvolume(driver.volumes_dir, 'cut')
    assert not os.path.exists(cut)
    assert len(os.listdir(driver.volumes_dir)) == MEMBERS


def test_a_cut_that_will_not_go_does_not_fail_the_copy(loop_filesystem, tmp_path,
                                                       monkeypatch, caplog):
    """The copies are done; the cut stays until the next start deletes it."""
    driver = make_driver(os.path.join(loop_filesystem('btrfs'), 'volumes'), tmp_path)
    driver.pause = 0
    volumes = make_volumes(driver)
    real = btrfs.delete_subvolume

    def busy(parent, name):
        raise OSError(errno.EBUSY, 'Device or resource busy')
    monkeypatch.setattr(btrfs, 'delete_subvolume', busy)
    files = group_snapshot(driver, volumes)
    assert all(os.path.exists(f) for f in files)
    assert 'next start of the volume service deletes it' in caplog.text
    [left] = [n for n in os.listdir(driver.volumes_dir)
              if n.startswith(file_driver.CUT_PREFIX)]
    monkeypatch.setattr(btrfs, 'delete_subvolume', real)
    make_driver(driver.volumes_dir, tmp_path)
    assert not os.path.exists(os.path.join(driver.volumes_dir, left))
