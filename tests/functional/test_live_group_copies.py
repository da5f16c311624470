"""Copies of in-use groups that a foreign process keeps writing, on btrfs and XFS.

The writer (``sequence_writer.py``) knows nothing of cinderlite and takes no
lock: it writes numbered blocks round-robin over the members' files, each
durable before the next. Meanwhile the group is cloned and snapshotted
through the API.

* On a btrfs subvolume every copy of the group must hold exactly writes
  0..K-1 for some K, no member ahead of another: one cut at one instant.
* On XFS with reflinks each member's copy must be one atomic copy of its
  file (its own writes, whole, with no gap), and share its extents with the
  source instead of copying them.

The members are attached as a compute host attaches them (os-reserve,
os-initialize_connection, os-attach), and the writer writes through the
``device_path`` of their ``local`` connection. The
figures (writes during each copy, milliseconds of each btrfs cut) are
printed: ``pytest -s`` shows them.
"""

import os
import time

import pytest

from cinderlite import context as cl_context
from cinderlite.db import snapshots as db_snapshots
from cinderlite.db import volumes as db_volumes
from cinderlite.volume.drivers import btrfs
from cinderlite.volume.drivers import file as file_driver
from tests import contents
from tests import fixtures
from tests.functional import groups_helpers as h
from tests.functional import sequence_writer

MEMBERS = 3
CONSISTENT = {'consistent_group_snapshot_enabled': '<is> True'}


def members_in_order(paths_by_source, source_ids):
    """The copy's files in the order of the writer's files."""
    return [paths_by_source[s] for s in source_ids]


def admin():
    return cl_context.get_admin_context()


def attach_all(cloud, volume_ids):
    """Attach every volume (os-attach); the paths a host writes them through, in order."""
    paths = [h.attach(cloud, v) for v in volume_ids]
    assert {v.status for v in db_volumes.get_volumes_by_ids(admin(), volume_ids)} == {
        'in-use'}
    return paths


def volume_files(volume_ids):
    """``{volume id: its file}``, as the driver recorded it."""
    return {v.id: v.provider_location
            for v in db_volumes.get_volumes_by_ids(admin(), volume_ids)}


def clone_files(group_id):
    """``{source volume id: clone's file}`` of a cloned group."""
    return {v.source_volid: v.provider_location
            for v in db_volumes.get_volumes_in_groups(admin(), [group_id])}


def snapshot_files(group_snapshot_id):
    return {s.volume_id: s.provider_location
            for s in db_snapshots.get_group_snapshot_members(admin(), [group_snapshot_id])}


@pytest.fixture
def timed_cuts(monkeypatch):
    """Milliseconds of each btrfs snapshot the driver takes (a spy that calls through)."""
    durations = []
    real = btrfs.snapshot

    def snapshot(*args):
        started = time.monotonic()
        try:
            return real(*args)
        finally:
            durations.append((time.monotonic() - started) * 1000)
    monkeypatch.setattr(btrfs, 'snapshot', snapshot)
    return durations


def file_cloud(make_cloud, mount):
    """A cloud whose file backend keeps its volumes in ``mount/volumes`` (made by the driver)."""
    volumes_dir = os.path.join(mount, 'volumes')
    cloud = make_cloud(backends={'file': {'volumes_dir': volumes_dir}})
    h.create_type(cloud)
    h.set_quota(cloud, 'p1', volumes=40, snapshots=40, gigabytes=100)
    return cloud, volumes_dir


def pool_capabilities(cloud):
    resp = cloud.request('GET', '/v3/admin/scheduler-stats/get_pools?detail=True',
                         token=h.ADMIN)
    assert resp.status == 200, resp
    [pool] = resp.json['pools']
    return pool['capabilities']


def in_use_group(cloud):
    """A consistency group of MEMBERS in-use volumes; its id, member ids and their files."""
    group_id, members = h.group_with_volumes(cloud, MEMBERS)
    return group_id, members, attach_all(cloud, members)


def copy_while_writing(cloud, writer, start, wait):
    """Run one copy through the API while ``writer`` writes; writes seen before and after."""
    before = writer.written()
    copy_id = start()
    wait(copy_id)
    return copy_id, before, writer.written()


def test_in_use_group_copies_are_one_cut_on_btrfs(loop_filesystem, make_cloud, timed_cuts):
    cloud, volumes_dir = file_cloud(make_cloud, loop_filesystem('btrfs'))
    # The driver made its missing volume directory a subvolume: the strong guarantee.
    assert btrfs.is_subvolume(volumes_dir)
    capabilities = pool_capabilities(cloud)
    assert capabilities['group_consistency'] == 'crash-consistent'
    assert capabilities['reflink'] is True
    group_id, members, paths = in_use_group(cloud)
    h.create_group_type(cloud, 'consistent', CONSISTENT)
    generic = h.create_generic_group(cloud, 'consistent')['id']
    generic_members = [h.create_member(cloud, generic) for _ in range(MEMBERS)]
    generic_paths = attach_all(cloud, generic_members)

    def cg_clone():
        resp = h.clone(cloud, source_cgid=group_id)
        assert resp.status == 202, resp
        return resp.json['consistencygroup']['id']

    def group_clone():
        resp = h.clone_group(cloud, source_group_id=generic)
        assert resp.status == 202, resp
        return resp.json['group']['id']

    def cgsnapshot():
        resp = cloud.request('POST', '/v3/p1/cgsnapshots', body={'cgsnapshot': {
            'consistencygroup_id': group_id}})
        assert resp.status == 202, resp
        return resp.json['cgsnapshot']['id']

    def group_snapshot():
        resp = h.call(cloud, 'POST', '/group_snapshots', body={'group_snapshot': {
            'group_id': generic}})
        assert resp.status == 202, resp
        return resp.json['group_snapshot']['id']

    def waiter(collection):
        return lambda copy_id: fixtures.wait_status(cloud, collection, copy_id, 'available')
    copies = [('CG clone', members, cg_clone, waiter('consistencygroups'), clone_files),
              ('cgsnapshot', members, cgsnapshot, waiter('cgsnapshots'), snapshot_files),
              ('group clone', generic_members, group_clone, waiter('groups'), clone_files),
              ('group snapshot', generic_members, group_snapshot,
               waiter('group_snapshots'), snapshot_files)]
    figures = []
    for sources, attached in ((members, paths), (generic_members, generic_paths)):
        with sequence_writer.Writer(attached) as writer:
            for what, _, start, wait, files_of in [c for c in copies if c[1] is sources]:
                copy_id, before, after = copy_while_writing(cloud, writer, start, wait)
                cut = sequence_writer.assert_prefix(sequence_writer.read_sequence(
                    members_in_order(files_of(copy_id), sources)))
                # The cut fell while the copy ran; the writer kept on writing through it.
                assert before <= cut <= after, (before, cut, after)
                assert after > before
                figures.append((what, after - before, cut))
                if 'clone' in what:
                    for path in files_of(copy_id).values():
                        assert contents.shared_bytes(path) > 0, path
    assert len(timed_cuts) == len(copies)
    # Every cut was deleted; nothing but volume and snapshot files is left.
    assert not [n for n in os.listdir(volumes_dir) if n.startswith(file_driver.CUT_PREFIX)]
    for (what, during, cut), ms in zip(figures, timed_cuts):
        print('btrfs %s of %d in-use volumes: %d writes during the copy, cut after '
              'write %d, btrfs snapshot %.1f ms' % (what, MEMBERS, during, cut, ms))


def test_in_use_group_clones_are_atomic_per_volume_on_xfs(loop_filesystem, make_cloud):
    cloud, volumes_dir = file_cloud(make_cloud, loop_filesystem('xfs'))
    capabilities = pool_capabilities(cloud)
    assert capabilities['group_consistency'] == 'per-volume-atomic'
    assert capabilities['reflink'] is True
    group_id, members, paths = in_use_group(cloud)
    with sequence_writer.Writer(paths) as writer:
        resp = h.clone(cloud, source_cgid=group_id)
        assert resp.status == 202, resp
        clone_id = resp.json['consistencygroup']['id']
        fixtures.wait_status(cloud, 'consistencygroups', clone_id, 'available')
        # A single in-use volume too: one atomic copy of its file.
        single = create_volume_from(cloud, source_volid=members[1])
    clones = members_in_order(clone_files(clone_id), members)
    sequence_writer.assert_each_file_whole(sequence_writer.read_sequence(clones))
    [seqs] = sequence_writer.read_sequence(volume_files([single]).values(), first_index=1)
    assert seqs and seqs == list(range(1, 1 + MEMBERS * len(seqs), MEMBERS))
    for path in clones + list(volume_files([single]).values()):
        assert contents.shared_bytes(path) > 0, path
    print('xfs CG clone of %d in-use volumes under %d writes: each member whole, '
          'extents shared' % (MEMBERS, writer.total))


def create_volume_from(cloud, **source):
    """A volume cloned from ``source_volid`` or made from ``snapshot_id``, once available."""
    resp = cloud.request('POST', '/v3/p1/volumes', body={'volume': dict(source, size=1)})
    assert resp.status == 202, resp
    return fixtures.wait_status(cloud, 'volumes', resp.json['volume']['id'],
                                'available')['id']


@pytest.mark.parametrize('kind', ['btrfs', 'xfs'])
def test_single_volume_copies_are_reflinks(loop_filesystem, make_cloud, kind):
    """A clone, a snapshot and a volume from it: the source's bytes, sharing its extents."""
    cloud, volumes_dir = file_cloud(make_cloud, loop_filesystem(kind))
    source = h.create_volume(cloud)
    path = volume_files([source])[source]
    for offset in (0, 5 << 20, 300 << 20):
        h.write_pattern(path, os.urandom(64 << 10), offset)
    clone = create_volume_from(cloud, source_volid=source)
    snapshot = cloud.request('POST', '/v3/p1/snapshots', body={'snapshot': {
        'volume_id': source}}).json['snapshot']['id']
    fixtures.wait_status(cloud, 'snapshots', snapshot, 'available')
    from_snapshot = create_volume_from(cloud, snapshot_id=snapshot)
    snapshot_path = db_snapshots.get_snapshot(admin(), snapshot).provider_location
    copies = [volume_files([clone])[clone], snapshot_path,
              volume_files([from_snapshot])[from_snapshot]]
    for copy in copies:
        assert h.checksum(copy) == h.checksum(path)
        assert contents.shared_bytes(copy) >= 3 * (64 << 10), copy


def test_a_volume_type_can_ask_for_crash_consistent_group_copies(loop_filesystem,
                                                                  make_cloud):
    """The scheduler places by the reported level, as by any capability."""
    strong = os.path.join(loop_filesystem('btrfs'), 'volumes')
    plain = os.path.join(loop_filesystem('ext4'), 'volumes')
    cloud = make_cloud(backends={'plain': {'volumes_dir': plain},
                                 'strong': {'volumes_dir': strong}})
    for name, level in (('fast', 'crash-consistent'), ('slow', 'cooperative')):
        resp = cloud.request('POST', '/v3/admin/types', token=h.ADMIN, body={'volume_type': {
            'name': name, 'extra_specs': {'group_consistency': level}}})
        assert resp.status == 200, resp
    resp = cloud.request('GET', '/v3/admin/scheduler-stats/get_pools?detail=True',
                         token=h.ADMIN)
    levels = {p['capabilities']['volume_backend_name']: p['capabilities'][
        'group_consistency'] for p in resp.json['pools']}
    assert levels == {'plain': 'cooperative', 'strong': 'crash-consistent'}
    group_id, members = h.group_with_volumes(cloud, 2)
    hosts = {v.host for v in db_volumes.get_volumes_by_ids(admin(), members)}
    assert {host.split('#')[0].split('@')[1] for host in hosts} == {'strong'}
    assert sorted(os.listdir(strong)) == sorted('volume-%s' % m for m in members)
    # And the other way round: not by chance.
    other = h.create_volume(cloud, vtype='slow')
    assert os.listdir(plain) == ['volume-%s' % other]
