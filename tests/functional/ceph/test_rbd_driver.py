"""What the RBD driver does beyond the conformance suite, checked on the real cluster:
Cinder's names and clone rules, the trash, one RBD group snapshot per cgsnapshot,
clean failures, and crash consistency under concurrent writers.
"""

from concurrent import futures
import json

import pytest
import rbd

from cinderlite import exception
from cinderlite.testing import driver_views as views
from cinderlite.volume.driver_view import Resource
from cinderlite.volume.drivers import rbd as rbd_driver
from cinderlite.volume.drivers import rbd_images
from tests.functional.ceph import conftest
from tests.functional.ceph import rbd_harness


def parent_id(ioctx, name):
    with rbd.Image(ioctx, name, read_only=True) as image:
        try:
            return image.parent_id()
        except rbd.ImageNotFound:
            return None


def image_id(ioctx, name):
    with rbd.Image(ioctx, name, read_only=True) as image:
        return image.id()


def user_snaps(ioctx, name):
    with rbd.Image(ioctx, name, read_only=True) as image:
        return [s['name'] for s in image.list_snaps()
                if s['namespace'] == rbd.RBD_SNAP_NAMESPACE_TYPE_USER]


def group_snaps(ioctx, group_id):
    return [s['name'] for s in rbd.Group(ioctx, 'group-%s' % group_id).list_snaps()]


def group_members(ioctx, group_id):
    return sorted(m['name'] for m in rbd.Group(ioctx, 'group-%s' % group_id).list_images())


class TestRBDDriver(rbd_harness.RBDHarness):

    def test_names_are_cinders(self, tmp_path):
        driver = self._setup(tmp_path)
        volume = self._volume(driver)
        snapshot = self._snapshot(driver, volume)
        assert 'volume-%s' % volume.id in rbd.RBD().list(self.ioctx)
        assert user_snaps(self.ioctx, 'volume-%s' % volume.id) == ['snapshot-%s' % snapshot.id]

    def test_clones_are_copy_on_write(self, tmp_path):
        driver = self._setup(tmp_path)
        source = self._volume(driver)
        clone = self._clone(driver, source)
        snapshot = self._snapshot(driver, source)
        from_snapshot = self._from_snapshot(driver, snapshot)
        for volume in (clone, from_snapshot):
            assert parent_id(self.ioctx, driver.volume_name(volume.id)) == image_id(
                self.ioctx, driver.volume_name(source.id))
        # The clone's temporary snapshot is in the trash namespace, not the user's.
        assert user_snaps(self.ioctx, driver.volume_name(source.id)) == [
            'snapshot-%s' % snapshot.id]

    def test_clone_at_max_depth_is_flattened(self, tmp_path):
        self.overrides = {'rbd_max_clone_depth': 1}
        driver = self._setup(tmp_path)
        first = self._volume(driver)
        self._fill(driver, first, 'first')
        second = self._clone(driver, first)
        third = self._clone(driver, second)
        assert parent_id(self.ioctx, driver.volume_name(second.id)) is not None
        assert parent_id(self.ioctx, driver.volume_name(third.id)) is None
        self._assert_holds(driver, third, 'first', 'the flattened clone')

    def test_flatten_volume_from_snapshot(self, tmp_path):
        self.overrides = {'rbd_flatten_volume_from_snapshot': True}
        driver = self._setup(tmp_path)
        volume = self._volume(driver)
        clone = self._from_snapshot(driver, self._snapshot(driver, volume))
        assert parent_id(self.ioctx, driver.volume_name(clone.id)) is None

    def test_volume_with_clones_waits_in_the_trash(self, tmp_path):
        driver = self._setup(tmp_path)
        source = self._volume(driver)
        self._fill(driver, source, 'source')
        clone = self._clone(driver, source)
        driver.delete_volume(source)
        assert conftest.pool_contents(self.ioctx)['trash'] == [driver.volume_name(source.id)]
        self._assert_holds(driver, clone, 'source', 'the clone of a deleted volume')
        driver.delete_volume(clone)
        assert conftest.pool_contents(self.ioctx) == self.before

    def test_volume_with_snapshots_is_not_deleted(self, tmp_path):
        driver = self._setup(tmp_path)
        volume = self._volume(driver)
        self._snapshot(driver, volume)
        with pytest.raises(exception.VolumeDriverException, match='still has snapshots'):
            driver.delete_volume(volume)
        assert driver.volume_name(volume.id) in rbd.RBD().list(self.ioctx)

    def test_stats_show_capacity_and_group_clone_method(self, tmp_path):
        driver = self._setup(tmp_path)
        before = driver.get_volume_stats(refresh=True)
        self._volume(driver, size=3)
        after = driver.get_volume_stats(refresh=True)
        assert after['provisioned_capacity_gb'] == before['provisioned_capacity_gb'] + 3
        assert 0 < after['free_capacity_gb'] <= after['total_capacity_gb']
        assert after['consistent_group_snapshot_enabled'] is True
        # Debian 12 ships Pacific, whose librbd clones by snapshot name only.
        assert after['group_snapshot_clone'] == rbd_driver.COPY

    def test_cgsnapshot_is_one_rbd_group_snapshot(self, tmp_path):
        driver = self._setup(tmp_path)
        group, volumes = self._group_with_members(driver, count=3)
        cgsnapshot, _ = self._cgsnapshot(driver, group, volumes)
        assert group_snaps(self.ioctx, group.id) == ['cgsnapshot-%s' % cgsnapshot.id]
        for volume in volumes:
            with rbd.Image(self.ioctx, driver.volume_name(volume.id)) as image:
                shares = [s for s in image.list_snaps()
                          if s['namespace'] == rbd.RBD_SNAP_NAMESPACE_TYPE_GROUP]
            assert [s['group']['snap_name'] for s in shares] == [
                'cgsnapshot-%s' % cgsnapshot.id]

    def test_live_group_clone_is_a_new_group_and_leaves_no_clone_point(self, tmp_path):
        driver = self._setup(tmp_path)
        group, volumes = self._group_with_members(driver, count=3)
        clones = self._group_from_group(driver, group, volumes)
        assert group_snaps(self.ioctx, group.id) == []
        new_group = 'group-%s' % clones[0].consistencygroup_id
        members = rbd.Group(self.ioctx, new_group).list_images()
        assert sorted(m['name'] for m in members) == sorted(
            driver.volume_name(c.id) for c in clones)

    def test_failed_clone_from_cgsnapshot_removes_what_it_made(self, tmp_path):
        """One pair names a volume outside the group snapshot: the others' copies go too."""
        driver = self._setup(tmp_path)
        group, volumes = self._group_with_members(driver, count=3)
        for index, volume in enumerate(volumes):
            self._fill(driver, volume, 'member-%d' % index)
        cgsnapshot, snapshots = self._cgsnapshot(driver, group, volumes)
        outsider = self._volume(driver)
        snapshots[1] = views.snapshot(outsider, cgsnapshot_id=cgsnapshot.id)
        before = conftest.pool_contents(self.ioctx)
        with pytest.raises(exception.VolumeBackendAPIException, match='group snapshot'):
            self._group_from_cgsnapshot(driver, cgsnapshot, snapshots)
        assert conftest.pool_contents(self.ioctx) == before
        assert group_snaps(self.ioctx, group.id) == ['cgsnapshot-%s' % cgsnapshot.id]
        for index, volume in enumerate(volumes):
            self._assert_holds(driver, volume, 'member-%d' % index, 'source %d' % index)

    def test_failed_live_group_clone_removes_what_it_made(self, tmp_path):
        driver = self._setup(tmp_path)
        group, volumes = self._group_with_members(driver, count=2)
        missing = views.volume(self.host, 1, consistencygroup_id=group.id)
        before = conftest.pool_contents(self.ioctx)
        with pytest.raises(exception.VolumeBackendAPIException):
            self._group_from_group(driver, group, volumes + [missing])
        assert conftest.pool_contents(self.ioctx) == before
        assert group_snaps(self.ioctx, group.id) == []

    def test_group_clone_redone_after_a_crash(self, tmp_path):
        """A restarted service re-runs the clone over what the first attempt left."""
        driver = self._setup(tmp_path)
        group, volumes = self._group_with_members(driver, count=2)
        for index, volume in enumerate(volumes):
            self._fill(driver, volume, 'member-%d' % index)
        clones = self._group_from_group(driver, group, volumes)
        # As if the service had died before recording the result: the same call again.
        new_group = Resource({'id': clones[0].consistencygroup_id})
        driver.create_consistencygroup_from_src(self.context, new_group, clones,
                                                src_group=group, src_volumes=volumes)
        for index, clone in enumerate(clones):
            self._assert_holds(driver, clone, 'member-%d' % index, 'clone %d' % index)
        assert group_snaps(self.ioctx, group.id) == []

    def test_group_snapshots_of_one_group_at_once(self, tmp_path):
        """Concurrent cgsnapshots and clones of one group: librbd would answer ImageBusy."""
        driver = self._setup(tmp_path)
        group, volumes = self._group_with_members(driver, count=4)

        def snapshot_and_delete():
            cgsnapshot = views.cgsnapshot(group)
            snapshots = [views.snapshot(v, cgsnapshot_id=cgsnapshot.id) for v in volumes]
            driver.create_cgsnapshot(self.context, cgsnapshot, snapshots)
            driver.delete_cgsnapshot(self.context, cgsnapshot, snapshots)

        def clone_and_delete():
            new_group = views.group(self.host, source_cg_id=group.id)
            clones = [views.volume(self.host, 1, consistencygroup_id=new_group.id,
                                   source_volid=v.id) for v in volumes]
            driver.create_consistencygroup_from_src(self.context, new_group, clones,
                                                    src_group=group, src_volumes=volumes)
            driver.delete_consistencygroup(self.context, new_group, clones)

        with futures.ThreadPoolExecutor(6) as pool:
            jobs = [pool.submit(snapshot_and_delete) for _ in range(4)]
            jobs += [pool.submit(clone_and_delete) for _ in range(2)]
            for job in jobs:
                job.result()
        assert group_snaps(self.ioctx, group.id) == []

    # -- generic groups ----------------------------------------------------------------

    def test_group_that_is_not_consistent_has_no_rbd_group(self, tmp_path):
        """Cinder's way: the manager's generic path, with ordinary snapshots to clone from."""
        driver = self._setup(tmp_path)
        group = views.group(self.host, consistent=False)
        for call in (lambda: driver.create_group(self.context, group),
                     lambda: driver.update_group(self.context, group, [], []),
                     lambda: driver.create_group_from_src(self.context, group, [],
                                                          source_group=group,
                                                          source_vols=[])):
            with pytest.raises(NotImplementedError):
                call()
        volume = self._volume(driver, group_id=group.id)
        snapshot = self._snapshot(driver, views.stored(volume, {}))
        assert rbd.RBD().group_list(self.ioctx) == self.before['groups']
        member = views.snapshot(volume, group_snapshot_id=views.new_id())
        with pytest.raises(NotImplementedError):
            driver.create_group_snapshot(self.context, views.cgsnapshot(group), [member])
        assert user_snaps(self.ioctx, driver.volume_name(volume.id)) == [
            'snapshot-%s' % snapshot.id]

    def test_create_group_again_after_a_crash(self, tmp_path):
        driver = self._setup(tmp_path)
        group = self._track_group(driver, views.group(self.host))
        for _ in range(2):
            assert driver.create_group(self.context, group) == {'status': 'available'}
        assert 'group-%s' % group.id in rbd.RBD().group_list(self.ioctx)

    def test_failed_update_group_keeps_the_members(self, tmp_path):
        """A volume whose image is gone: the group's RBD members stay as they were."""
        driver = self._setup(tmp_path)
        group, (member,) = self._group_with_members(driver, count=1)
        joining = self._volume(driver)  # made outside the group, then added
        missing = views.volume(self.host, 1)
        with pytest.raises(exception.VolumeBackendAPIException, match='update a group'):
            driver.update_group(self.context, group, add_volumes=[joining, missing],
                                remove_volumes=[member])
        assert group_members(self.ioctx, group.id) == [driver.volume_name(member.id)]

    def test_failed_group_snapshot_leaves_no_snapshot(self, tmp_path):
        driver = self._setup(tmp_path)
        group, volumes = self._group_with_members(driver, count=2)
        for index, volume in enumerate(volumes):
            self._fill(driver, volume, 'member-%d' % index)
        group_snapshot = views.cgsnapshot(group)
        gone = views.volume(self.host, 1, group_id=group.id)
        snapshots = [views.snapshot(v, group_snapshot_id=group_snapshot.id)
                     for v in volumes + [gone]]
        with pytest.raises(exception.VolumeBackendAPIException, match='group snapshot'):
            driver.create_group_snapshot(self.context, group_snapshot, snapshots)
        assert group_snaps(self.ioctx, group.id) == []
        for index, volume in enumerate(volumes):
            name = driver.volume_name(volume.id)
            with rbd.Image(self.ioctx, name, read_only=True) as image:
                assert list(image.list_snaps()) == []
            self._assert_holds(driver, volume, 'member-%d' % index, 'member %d' % index)

    def test_failed_delete_group_snapshot_keeps_it(self, tmp_path, monkeypatch):
        """The manager marks it error_deleting; a second delete must still find it."""
        driver = self._setup(tmp_path)
        group, volumes = self._group_with_members(driver, count=2)
        group_snapshot, snapshots = self._cgsnapshot(driver, group, volumes)

        def busy(group_images, snap_name):
            raise rbd.ImageBusy('busy')
        monkeypatch.setattr(rbd_images, 'remove_group_snap', busy)
        with pytest.raises(exception.VolumeBackendAPIException, match='group snapshot'):
            driver.delete_group_snapshot(self.context, group_snapshot, snapshots)
        assert group_snaps(self.ioctx, group.id) == ['cgsnapshot-%s' % group_snapshot.id]
        monkeypatch.undo()
        driver.delete_group_snapshot(self.context, group_snapshot, snapshots)
        assert group_snaps(self.ioctx, group.id) == []

    def test_delete_group_reports_a_member_it_cannot_delete(self, tmp_path):
        driver = self._setup(tmp_path)
        group, (kept, deleted) = self._group_with_members(driver, count=2)
        self._snapshot(driver, kept)
        _, updates = driver.delete_group(self.context, group, [kept, deleted])
        assert sorted((u['id'], u['status']) for u in updates) == sorted(
            [(kept.id, 'error_deleting'), (deleted.id, 'deleted')])
        names = rbd.RBD().list(self.ioctx)
        assert driver.volume_name(kept.id) in names
        assert driver.volume_name(deleted.id) not in names
        assert 'group-%s' % group.id not in rbd.RBD().group_list(self.ioctx)

    def test_failed_group_from_src_removes_what_it_made(self, tmp_path):
        """Cinder's argument names; one source volume is gone: no clone or group stays."""
        driver = self._setup(tmp_path)
        group, volumes = self._group_with_members(driver, count=2)
        for index, volume in enumerate(volumes):
            self._fill(driver, volume, 'member-%d' % index)
        sources = volumes + [views.volume(self.host, 1, group_id=group.id)]
        new_group = views.group(self.host, source_group_id=group.id)
        clones = [views.volume(self.host, 1, group_id=new_group.id, source_volid=s.id)
                  for s in sources]
        before = conftest.pool_contents(self.ioctx)
        with pytest.raises(exception.VolumeBackendAPIException):
            driver.create_group_from_src(self.context, new_group, clones,
                                         source_group=group, source_vols=sources)
        assert conftest.pool_contents(self.ioctx) == before
        assert group_snaps(self.ioctx, group.id) == []
        for index, volume in enumerate(volumes):
            self._assert_holds(driver, volume, 'member-%d' % index, 'source %d' % index)

    # -- capacity and connections ----------------------------------------------------

    def test_allocated_capacity_of_a_shared_pool(self, tmp_path):
        """rbd_exclusive_cinder_pool = False: only the images named as volumes count."""
        self.overrides = {'rbd_exclusive_cinder_pool': False}
        driver = self._setup(tmp_path)
        before = driver.get_volume_stats(refresh=True)
        rbd.RBD().create(self.ioctx, 'not-a-volume', 2 * rbd_driver.GiB)
        try:
            self._volume(driver, size=1)
            after = driver.get_volume_stats(refresh=True)
        finally:
            rbd.RBD().remove(self.ioctx, 'not-a-volume')
        assert after['allocated_capacity_gb'] == before['allocated_capacity_gb'] + 1
        assert after['provisioned_capacity_gb'] == before['provisioned_capacity_gb'] + 3

    def test_connection_info_is_cinders(self, tmp_path):
        secret = views.new_id()
        self.overrides = {'rbd_secret_uuid': secret}
        driver = self._setup(tmp_path)
        volume = self._volume(driver)
        _, info = self._connect(driver, volume, views.connector())
        with driver.connect() as (cluster, _):
            mons = json.loads(cluster.mon_command(
                json.dumps({'prefix': 'mon dump', 'format': 'json'}), b'')[1])['mons']
        assert info == {'driver_volume_type': 'rbd', 'data': {
            'name': '%s/volume-%s' % (self.backend_options['rbd_pool'], volume.id),
            'hosts': ['127.0.0.1'] * len(mons),
            'ports': [m['addr'].split(':')[1].split('/')[0] for m in mons],
            'cluster_name': 'ceph', 'auth_enabled': True,
            'auth_username': self.backend_options['rbd_user'], 'secret_type': 'ceph',
            'secret_uuid': secret, 'volume_id': volume.id, 'discard': True}}
