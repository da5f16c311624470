"""The driver conformance suite: VolumeDriver's contract, checked against a real driver.

A vendor subclasses :class:`DriverConformance` in a pytest module, names the
subclass ``Test...`` and overrides ``make_driver`` and, so that the suite
can compare bytes, ``write_volume`` and ``read_volume``
(:class:`~cinderlite.testing.driver_harness.DriverHarness` documents them)::

    from cinderlite.testing import driver_conformance

    class TestAcmeDriver(driver_conformance.DriverConformance):

        def make_driver(self, tmp_path):
            ...

pytest collects the inherited ``test_*`` methods and hands each its own
``tmp_path``. Nothing here imports pytest: a check that cannot run raises
:class:`unittest.SkipTest`, which pytest reports as a skip with its reason
(an optional method the driver leaves out, or missing data hooks).
"""

import json
import numbers
import unittest

from cinderlite.testing import driver_harness
from cinderlite.testing import driver_views as views
from cinderlite.volume import group_calls

TEXT_STATS = ('volume_backend_name', 'vendor_name', 'driver_version', 'storage_protocol')
CAPACITY_STATS = ('total_capacity_gb', 'free_capacity_gb')
# Optional (Cinder's thin-provisioning model); when reported, of these types.
OPTIONAL_NUMBER_STATS = ('provisioned_capacity_gb', 'allocated_capacity_gb',
                         'max_over_subscription_ratio', 'reserved_percentage')
OPTIONAL_BOOLEAN_STATS = ('thin_provisioning_support', 'thick_provisioning_support')


def _is_number(value):
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


class DriverConformance(driver_harness.DriverHarness):
    """VolumeDriver's contract as tests; subclass as ``Test<YourDriver>``."""

    # -- life cycle and stats --------------------------------------------------

    def test_get_volume_stats(self, tmp_path):
        """The scheduler places volumes by these; the heartbeat stores them as JSON."""
        driver = self._setup(tmp_path)
        for refresh in (True, False):
            stats = driver.get_volume_stats(refresh=refresh)
            assert isinstance(stats, dict), 'get_volume_stats must return a dict'
            for key in TEXT_STATS:
                assert isinstance(stats.get(key), str) and stats[key], (
                    'stats[%r] must be a non-empty string, not %r' % (key, stats.get(key)))
            for key in CAPACITY_STATS:
                value = stats.get(key)
                assert _is_number(value) and value >= 0, (
                    'stats[%r] must be a number of GiB, not %r' % (key, value))
            for key in OPTIONAL_NUMBER_STATS:
                value = stats.get(key, 0)
                assert _is_number(value) and value >= 0, (
                    'stats[%r] must be a number, not %r' % (key, value))
            for key in OPTIONAL_BOOLEAN_STATS:
                assert isinstance(stats.get(key, False), bool), (
                    'stats[%r] must be True or False, not %r' % (key, stats[key]))
            assert stats['free_capacity_gb'] <= stats['total_capacity_gb'], (
                'free_capacity_gb exceeds total_capacity_gb')
            # Volume types pick a backend by this name: another one would never match.
            assert stats['volume_backend_name'] == driver.backend_name, (
                'volume_backend_name is %r, but this backend is %r'
                % (stats['volume_backend_name'], driver.backend_name))
            json.dumps(stats)

    def test_allocated_capacity_counts_the_volumes(self, tmp_path):
        """The scheduler charges volumes placed since a report on top of its figures.

        So ``allocated_capacity_gb`` must count exactly the volumes that exist
        when the report is taken, and ``provisioned_capacity_gb`` at least them.
        """
        driver = self._setup(tmp_path)
        before = driver.get_volume_stats(refresh=True)
        if 'allocated_capacity_gb' not in before:
            raise unittest.SkipTest('allocated_capacity_gb is not reported: the scheduler '
                                    'counts every volume on top of provisioned_capacity_gb')
        volume = self._volume(driver, size=2)
        during = driver.get_volume_stats(refresh=True)
        assert during['allocated_capacity_gb'] - before['allocated_capacity_gb'] == 2, (
            'a 2 GiB volume moved allocated_capacity_gb from %r to %r' % (
                before['allocated_capacity_gb'], during['allocated_capacity_gb']))
        provisioned_before = before.get('provisioned_capacity_gb',
                                        before['allocated_capacity_gb'])
        provisioned = during.get('provisioned_capacity_gb', during['allocated_capacity_gb'])
        assert provisioned - provisioned_before >= 2, (
            'a 2 GiB volume moved provisioned_capacity_gb from %r to %r' % (
                provisioned_before, provisioned))
        driver.delete_volume(volume)
        after = driver.get_volume_stats(refresh=True)
        assert after['allocated_capacity_gb'] == before['allocated_capacity_gb']

    # -- volumes ---------------------------------------------------------------

    def test_create_and_delete_volume(self, tmp_path):
        driver = self._setup(tmp_path)
        volume = self._volume(driver)
        driver.delete_volume(volume)
        driver.delete_volume(volume)

    def test_delete_absent_volume(self, tmp_path):
        """A delete the manager redoes after a crash finds the volume gone: not an error."""
        driver = self._setup(tmp_path)
        driver.delete_volume(views.volume(self.host, driver_harness.SIZE_GB))

    def test_volume_holds_data_across_its_size(self, tmp_path):
        driver = self._setup(tmp_path)
        volume = self._volume(driver)
        self._fill(driver, volume, 'volume')
        self._assert_holds(driver, volume, 'volume', 'the volume')

    def test_create_cloned_volume(self, tmp_path):
        driver = self._setup(tmp_path)
        source = self._volume(driver)
        clone = self._clone(driver, source)
        driver.delete_volume(clone)
        driver.delete_volume(source)

    def test_clone_has_source_bytes(self, tmp_path):
        """A clone is a copy: it holds the source's bytes, and writing it leaves the source."""
        driver = self._setup(tmp_path)
        source = self._volume(driver)
        self._fill(driver, source, 'source')
        clone = self._clone(driver, source)
        self._assert_holds(driver, clone, 'source', 'the clone')
        self._fill(driver, clone, 'clone')
        self._assert_holds(driver, source, 'source', 'the source after writing the clone')

    def test_larger_clone_reads_zeros_beyond_source(self, tmp_path):
        driver = self._setup(tmp_path)
        source = self._volume(driver)
        self._fill(driver, source, 'source')
        clone = self._clone(driver, source, size=source.size + 1)
        self._assert_holds(driver, clone, 'source', 'the larger clone', size_gb=source.size)
        for offset in (source.size * driver_harness.GiB,
                       clone.size * driver_harness.GiB - driver_harness.BLOCK):
            self._assert_zeros(driver, clone, offset, 'the larger clone')

    def test_extend_volume(self, tmp_path):
        driver = self._setup(tmp_path)
        volume = self._volume(driver)
        self._optional(driver.extend_volume, volume, volume.size + 1)

    def test_extend_volume_keeps_data(self, tmp_path):
        driver = self._setup(tmp_path)
        volume = self._volume(driver)
        self._fill(driver, volume, 'small')
        self._optional(driver.extend_volume, volume, volume.size + 1)
        extended = views.stored(dict(volume, size=volume.size + 1), {})
        self._assert_holds(driver, extended, 'small', 'the extended volume',
                           size_gb=volume.size)
        self._fill(driver, extended, 'large')
        self._assert_holds(driver, extended, 'large', 'the extended volume')

    def test_retype_keeps_the_data(self, tmp_path):
        """A retype in place answers as documented and leaves every byte as it was."""
        driver = self._setup(tmp_path)
        volume = self._volume(driver)
        self._fill(driver, volume, 'typed')
        specs = {'volume_backend_name': driver.backend_name, 'conformance:tier': 'gold'}
        diff = {'extra_specs': {'conformance:tier': (None, 'gold')}, 'qos_specs': {},
                'encryption': {}}
        retyped, update = views.check_retype(self._optional(
            driver.retype, self.context, volume, views.volume_type(**specs), diff,
            {'host': self.host}))
        if retyped:
            volume = self._track_volume(driver, views.stored(volume, update))
        self._assert_holds(driver, volume, 'typed', 'the retyped volume')

    # -- exports and connections ---------------------------------------------------

    def test_attach_and_detach(self, tmp_path):
        """The manager's attach then detach; a redone detach finds nothing and succeeds."""
        driver = self._setup(tmp_path)
        volume = self._volume(driver)
        connector = views.connector()
        volume, info = self._connect(driver, volume, connector)
        again = driver.initialize_connection(volume, connector)
        assert again == info, ('initialize_connection answered %r, then %r for the same '
                               'connector' % (info, again))
        views.check_model_update(driver.ensure_export(self.context, volume), 'ensure_export')
        self._disconnect(driver, volume, connector)
        self._disconnect(driver, volume, connector)
        driver.delete_volume(volume)

    def test_force_detach_without_connector(self, tmp_path):
        """os-force_detach terminates with no connector: every connection goes."""
        driver = self._setup(tmp_path)
        volume = self._volume(driver)
        volume, _ = self._connect(driver, volume, views.connector())
        self._disconnect(driver, volume, None, force=True)

    def test_two_hosts_connect(self, tmp_path):
        """A multiattach volume is connected to two hosts; detaching one keeps the other."""
        driver = self._setup(tmp_path)
        volume = self._volume(driver)
        first, second = views.connector('host-1'), views.connector('host-2')
        volume, _ = self._connect(driver, volume, first)
        _, info = self._connect(driver, volume, second)
        driver.terminate_connection(volume, first)
        assert driver.initialize_connection(volume, second) == info

    def test_local_connection_reaches_the_data(self, tmp_path):
        """What a client writes through a ``local`` device_path is the volume's data."""
        driver = self._setup(tmp_path)
        volume = self._volume(driver)
        self._fill(driver, volume, 'before')
        volume, info = self._connect(driver, volume, views.connector())
        if info['driver_volume_type'] != 'local':
            raise unittest.SkipTest('connecting a %r volume needs its os-brick connector; '
                                    'only "local" is checked here' % info['driver_volume_type'])
        path = info['data']['device_path']
        with open(path, 'r+b') as device:
            for offset in driver_harness.ends(volume.size):
                device.seek(offset)
                assert device.read(driver_harness.BLOCK) == driver_harness.pattern('before'), (
                    'the device path %s does not read what the volume holds' % path)
                device.seek(offset)
                device.write(driver_harness.pattern('through the device'))
        self._assert_holds(driver, volume, 'through the device',
                           'the volume written through its device path')

    # -- snapshots ---------------------------------------------------------------

    def test_snapshot_and_volume_from_snapshot(self, tmp_path):
        driver = self._setup(tmp_path)
        volume = self._volume(driver)
        snapshot = self._snapshot(driver, volume)
        clone = self._from_snapshot(driver, snapshot)
        driver.delete_volume(clone)
        driver.delete_snapshot(snapshot)
        driver.delete_snapshot(snapshot)
        driver.delete_volume(volume)

    def test_delete_absent_snapshot(self, tmp_path):
        driver = self._setup(tmp_path)
        driver.delete_snapshot(views.snapshot(self._volume(driver)))

    def test_snapshot_is_point_in_time(self, tmp_path):
        driver = self._setup(tmp_path)
        volume = self._volume(driver)
        self._fill(driver, volume, 'before')
        snapshot = self._snapshot(driver, volume)
        self._fill(driver, volume, 'after')
        clone = self._from_snapshot(driver, snapshot)
        self._assert_holds(driver, clone, 'before', 'the volume from the snapshot')
        self._assert_holds(driver, volume, 'after', 'the snapshotted volume')

    def test_revert_to_snapshot(self, tmp_path):
        """The volume reads what it held at the snapshot; the snapshot still clones."""
        driver = self._setup(tmp_path)
        volume = self._volume(driver)
        self._fill(driver, volume, 'before')
        snapshot = self._snapshot(driver, volume)
        self._fill(driver, volume, 'after')
        self._optional(driver.revert_to_snapshot, self.context, volume, snapshot)
        self._assert_holds(driver, volume, 'before', 'the reverted volume')
        self._fill(driver, volume, 'later')
        clone = self._from_snapshot(driver, snapshot)
        self._assert_holds(driver, clone, 'before', 'a volume from the snapshot reverted to')
        self._assert_holds(driver, volume, 'later', 'the reverted volume written again')

    def test_larger_volume_from_snapshot(self, tmp_path):
        """The API lets a user ask for more than the snapshot's size; the rest must be usable."""
        driver = self._setup(tmp_path)
        volume = self._volume(driver)
        self._fill(driver, volume, 'before')
        snapshot = self._snapshot(driver, volume)
        clone = self._from_snapshot(driver, snapshot, size=snapshot.size + 1)
        self._assert_holds(driver, clone, 'before', 'the larger volume from the snapshot',
                           size_gb=snapshot.size)
        self._fill(driver, clone, 'grown')
        self._assert_holds(driver, clone, 'grown', 'the larger volume from the snapshot')

    # -- consistency groups ------------------------------------------------------

    def test_create_and_delete_empty_group(self, tmp_path):
        driver = self._setup(tmp_path)
        group = self._track_group(driver, views.group(self.host))
        update = self._optional(driver.create_consistencygroup, self.context, group)
        views.check_model_update(update, 'create_consistencygroup')
        result = self._optional(driver.delete_consistencygroup, self.context, group, [])
        _, updates = views.check_pair(result, 'delete_consistencygroup')
        views.check_member_updates(updates, [], 'delete_consistencygroup', 'deleted')
        self._forget('group', group)

    def test_delete_group_with_members(self, tmp_path):
        driver = self._setup(tmp_path)
        group, volumes = self._group_with_members(driver)
        result = self._optional(driver.delete_consistencygroup, self.context, group, volumes)
        _, updates = views.check_pair(result, 'delete_consistencygroup')
        views.check_member_updates(updates, volumes, 'delete_consistencygroup', 'deleted')
        self._forget('group', group)
        for volume in volumes:
            driver.delete_volume(volume)

    def test_update_group_membership(self, tmp_path):
        """The manager passes the volumes as the API recorded them: already moved."""
        driver = self._setup(tmp_path)
        group, (leaving,) = self._group_with_members(driver, count=1)
        joining = self._volume(driver, group_id=group.id)
        result = self._optional(driver.update_consistencygroup, self.context, group,
                                add_volumes=[joining],
                                remove_volumes=[views.stored(dict(
                                    leaving, group_id=None), {})])
        assert isinstance(result, (tuple, list)) and len(result) == 3, (
            'update_consistencygroup must return (model_update, add_volumes_update, '
            'remove_volumes_update), not %r' % (result,))
        views.check_model_update(result[0], 'update_consistencygroup')
        views.check_member_updates(result[1], [joining], 'update_consistencygroup',
                                   'available')
        views.check_member_updates(result[2], [leaving], 'update_consistencygroup',
                                   'available')

    def test_create_and_delete_cgsnapshot(self, tmp_path):
        driver = self._setup(tmp_path)
        group, volumes = self._group_with_members(driver)
        cgsnapshot = views.cgsnapshot(group)
        snapshots = [self._track_snapshot(
            driver, views.snapshot(v, group_snapshot_id=cgsnapshot.id)) for v in volumes]
        result = self._optional(driver.create_cgsnapshot, self.context, cgsnapshot, snapshots)
        _, updates = views.check_pair(result, 'create_cgsnapshot')
        by_id = views.check_member_updates(updates, snapshots, 'create_cgsnapshot',
                                           'available')
        snapshots = [self._track_snapshot(driver, views.stored(s, by_id.get(s.id, {})))
                     for s in snapshots]
        result = self._optional(driver.delete_cgsnapshot, self.context,
                                views.stored(cgsnapshot, {}), snapshots)
        _, updates = views.check_pair(result, 'delete_cgsnapshot')
        views.check_member_updates(updates, snapshots, 'delete_cgsnapshot', 'deleted')
        for snapshot in snapshots:
            driver.delete_snapshot(snapshot)

    def test_cgsnapshot_is_point_in_time(self, tmp_path):
        """Each member snapshot holds its own volume's bytes, usable by volume-from-snapshot."""
        driver = self._setup(tmp_path)
        group, volumes = self._group_with_members(driver)
        for index, volume in enumerate(volumes):
            self._fill(driver, volume, 'member-%d' % index)
        _, snapshots = self._cgsnapshot(driver, group, volumes)
        for volume in volumes:
            self._fill(driver, volume, 'after')
        for index, snapshot in enumerate(snapshots):
            clone = self._from_snapshot(driver, snapshot)
            self._assert_holds(driver, clone, 'member-%d' % index,
                               'the volume from member snapshot %d' % index)

    def test_create_group_from_cgsnapshot(self, tmp_path):
        driver = self._setup(tmp_path)
        group, volumes = self._group_with_members(driver)
        cgsnapshot, snapshots = self._cgsnapshot(driver, group, volumes)
        self._group_from_cgsnapshot(driver, cgsnapshot, snapshots)

    def test_group_from_cgsnapshot_has_snapshot_bytes(self, tmp_path):
        driver = self._setup(tmp_path)
        group, volumes = self._group_with_members(driver)
        for index, volume in enumerate(volumes):
            self._fill(driver, volume, 'member-%d' % index)
        cgsnapshot, snapshots = self._cgsnapshot(driver, group, volumes)
        for volume in volumes:
            self._fill(driver, volume, 'after')
        clones = self._group_from_cgsnapshot(driver, cgsnapshot, snapshots)
        for index, clone in enumerate(clones):
            self._assert_holds(driver, clone, 'member-%d' % index, 'clone %d' % index)

    def test_create_group_from_live_group(self, tmp_path):
        driver = self._setup(tmp_path)
        group, volumes = self._group_with_members(driver)
        self._group_from_group(driver, group, volumes)

    def test_group_from_live_group_has_source_bytes(self, tmp_path):
        """Clones hold their own source's bytes (pairs kept), and sources are never modified."""
        driver = self._setup(tmp_path)
        group, volumes = self._group_with_members(driver)
        for index, volume in enumerate(volumes):
            self._fill(driver, volume, 'member-%d' % index)
        clones = self._group_from_group(driver, group, volumes)
        for index, clone in enumerate(clones):
            self._assert_holds(driver, clone, 'member-%d' % index, 'clone %d' % index)
            self._fill(driver, clone, 'clone-%d' % index)
        for index, volume in enumerate(volumes):
            self._assert_holds(driver, volume, 'member-%d' % index, 'source %d' % index)

    # -- generic volume groups (a consistent group type) ---------------------------

    def test_create_update_and_delete_generic_group(self, tmp_path):
        driver = self._setup(tmp_path)
        group = self._track_group(driver, views.group(self.host))
        views.check_model_update(self._optional(driver.create_group, self.context, group),
                                 'create_group')
        joining = self._volume(driver, group_id=group.id)
        result = self._optional(driver.update_group, self.context, group,
                                add_volumes=[joining], remove_volumes=[])
        assert isinstance(result, (tuple, list)) and len(result) == 3, (
            'update_group must return (model_update, add_volumes_update, '
            'remove_volumes_update), not %r' % (result,))
        views.check_model_update(result[0], 'update_group')
        result = self._optional(driver.delete_group, self.context, group, [joining])
        _, updates = views.check_pair(result, 'delete_group')
        views.check_member_updates(updates, [joining], 'delete_group', 'deleted')
        self._forget('group', group)
        driver.delete_volume(joining)

    def _group_snapshot(self, driver, group, volumes):
        """create_group_snapshot as the manager calls it; the members as recorded."""
        group_snapshot = views.cgsnapshot(group)
        snapshots = [self._track_snapshot(
            driver, views.snapshot(v, group_snapshot_id=group_snapshot.id)) for v in volumes]
        result = self._optional(driver.create_group_snapshot, self.context, group_snapshot,
                                snapshots)
        _, updates = views.check_pair(result, 'create_group_snapshot')
        by_id = views.check_member_updates(updates, snapshots, 'create_group_snapshot',
                                           'available')
        return group_snapshot, [self._track_snapshot(driver, views.stored(
            s, by_id.get(s.id, {}))) for s in snapshots]

    def test_group_snapshot_is_point_in_time_and_deletes(self, tmp_path):
        driver = self._setup(tmp_path)
        group, volumes = self._group_with_members(driver)
        for index, volume in enumerate(volumes):
            self._fill(driver, volume, 'member-%d' % index)
        group_snapshot, snapshots = self._group_snapshot(driver, group, volumes)
        for volume in volumes:
            self._fill(driver, volume, 'after')
        for index, snapshot in enumerate(snapshots):
            self._assert_holds(driver, self._from_snapshot(driver, snapshot),
                               'member-%d' % index, 'the volume from member %d' % index)
        result = self._optional(driver.delete_group_snapshot, self.context,
                                views.stored(group_snapshot, {}), snapshots)
        _, updates = views.check_pair(result, 'delete_group_snapshot')
        views.check_member_updates(updates, snapshots, 'delete_group_snapshot', 'deleted')

    def _group_from_src_generic(self, driver, sources, link, **call_args):
        """create_group_from_src as the manager calls it, with Cinder's argument names."""
        origin = ({'group_snapshot_id': call_args['group_snapshot'].id}
                  if call_args.get('group_snapshot') is not None
                  else {'source_group_id': call_args['source_group'].id})
        group = self._track_group(driver, views.group(self.host, **origin))
        clones = [self._track_volume(driver, views.volume(self.host, s.size, **{
            link: s.id, 'group_id': group.id})) for s in sources]
        result = self._optional(driver.create_group_from_src, self.context, group, clones,
                                **call_args)
        _, updates = views.check_pair(result, 'create_group_from_src')
        by_id = views.check_member_updates(updates, clones, 'create_group_from_src',
                                           'available')
        return [self._track_volume(driver, views.stored(c, by_id.get(c.id, {})))
                for c in clones]

    def test_group_that_is_not_consistent(self, tmp_path):
        """A group whose type does not ask for consistent snapshots, as the manager drives it.

        Each call falls back as the manager's do (:mod:`cinderlite.volume.group_calls`):
        a driver may keep no backend state for such a group, and then its
        group snapshot is one create_snapshot per member and its clone one
        create_cloned_volume per volume. Either way the bytes are right and
        everything the group made deletes.
        """
        driver = self._setup(tmp_path)
        group = views.group(self.host, consistent=False)
        views.check_model_update(group_calls.run(
            group, lambda: driver.create_group(self.context, group), None, lambda: None),
            'create_group')
        self._track('group', group, lambda: group_calls.run(
            group, lambda: driver.delete_group(self.context, group, []), None, lambda: None))
        volumes = [self._volume(driver, group_id=group.id) for _ in range(2)]
        for index, volume in enumerate(volumes):
            self._fill(driver, volume, 'member-%d' % index)
        group_snapshot = views.cgsnapshot(group)
        snapshots = [self._track_snapshot(
            driver, views.snapshot(v, group_snapshot_id=group_snapshot.id)) for v in volumes]
        _, updates = group_calls.run(
            group, lambda: driver.create_group_snapshot(self.context, group_snapshot,
                                                        snapshots), None,
            lambda: (None, [dict(driver.create_snapshot(s) or {}, id=s.id)
                            for s in snapshots]))
        by_id = views.check_member_updates(updates, snapshots, 'create_group_snapshot',
                                           'available')
        snapshots = [self._track_snapshot(driver, views.stored(s, by_id.get(s.id, {})))
                     for s in snapshots]
        for volume in volumes:
            self._fill(driver, volume, 'after')
        for index, snapshot in enumerate(snapshots):
            self._assert_holds(driver, self._from_snapshot(driver, snapshot),
                               'member-%d' % index, 'the volume from member %d' % index)
        clones = [self._clone(driver, volume) for volume in volumes]
        for clone in clones:
            self._assert_holds(driver, clone, 'after', 'a clone of a member')
        group_calls.run(
            group, lambda: driver.delete_group_snapshot(self.context, group_snapshot,
                                                        snapshots), None,
            lambda: [driver.delete_snapshot(s) for s in snapshots])
        for snapshot in snapshots:
            self._forget('snapshot', snapshot)
        group_calls.run(group, lambda: driver.delete_group(self.context, group, volumes),
                        None, lambda: [driver.delete_volume(v) for v in volumes])
        self._forget('group', group)

    def test_group_from_group_snapshot_has_snapshot_bytes(self, tmp_path):
        driver = self._setup(tmp_path)
        group, volumes = self._group_with_members(driver)
        for index, volume in enumerate(volumes):
            self._fill(driver, volume, 'member-%d' % index)
        group_snapshot, snapshots = self._cgsnapshot(driver, group, volumes)
        for volume in volumes:
            self._fill(driver, volume, 'after')
        clones = self._group_from_src_generic(driver, snapshots, 'snapshot_id',
                                              group_snapshot=group_snapshot,
                                              snapshots=snapshots)
        for index, clone in enumerate(clones):
            self._assert_holds(driver, clone, 'member-%d' % index, 'clone %d' % index)

    def test_group_from_live_generic_group_has_source_bytes(self, tmp_path):
        driver = self._setup(tmp_path)
        group, volumes = self._group_with_members(driver)
        for index, volume in enumerate(volumes):
            self._fill(driver, volume, 'member-%d' % index)
        clones = self._group_from_src_generic(driver, volumes, 'source_volid',
                                              source_group=group, source_vols=volumes)
        for index, clone in enumerate(clones):
            self._assert_holds(driver, clone, 'member-%d' % index, 'clone %d' % index)
        for index, volume in enumerate(volumes):
            self._assert_holds(driver, volume, 'member-%d' % index, 'source %d' % index)
