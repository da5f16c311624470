"""How the conformance suite calls a driver: as the volume manager does, and cleanly.

:class:`DriverHarness` holds the hooks a vendor overrides, builds volumes,
snapshots and groups through the driver with the manager's arguments and
views (:mod:`cinderlite.testing.driver_views`), checks each answer as it
comes back, and deletes at teardown whatever a test created on the backend,
so the suite can run against a real array. The tests themselves are in
:mod:`cinderlite.testing.driver_conformance`.
"""

import unittest

from cinderlite import context as cl_context
from cinderlite.testing import driver_views as views

GiB = 1024 ** 3
BLOCK = 4096
SIZE_GB = 1

#: What the manager does instead when an optional method raises NotImplementedError.
FALLBACKS = {
    'extend_volume': 'it is optional',
    'initialize_connection': 'volumes of this backend cannot be attached',
    'retype': 'the manager records the new type alone',
    'revert_to_snapshot': 'volumes of this backend cannot be reverted',
    'create_consistencygroup': 'the manager keeps no backend state for the group',
    'delete_consistencygroup': 'the manager deletes the members with delete_volume',
    'update_consistencygroup': 'the manager records the membership in the database only',
    'create_cgsnapshot': 'the manager snapshots the members one by one',
    'delete_cgsnapshot': 'the manager deletes the members one by one',
    'create_consistencygroup_from_src': 'the manager clones volume by volume',
    'create_group': 'the manager tries create_consistencygroup, then keeps no state',
    'delete_group': 'the manager tries delete_consistencygroup, then delete_volume',
    'update_group': 'the manager tries update_consistencygroup, then the database only',
    'create_group_snapshot': 'the manager tries create_cgsnapshot, then member by member',
    'delete_group_snapshot': 'the manager tries delete_cgsnapshot, then member by member',
    'create_group_from_src': ('the manager tries create_consistencygroup_from_src, '
                              'then volume by volume'),
}


def pattern(tag):
    """One block that spells ``tag`` throughout, so a wrong block says whose it is."""
    unit = ('%s|' % tag).encode()
    return (unit * (BLOCK // len(unit) + 1))[:BLOCK]


def _describe(data):
    if len(data) != BLOCK:
        return 'it read %d bytes' % len(data)
    if not data.strip(b'\0'):
        return 'it reads zeros'
    return 'it starts with %r' % data[:32]


def ends(size_gb):
    """The offsets of the first and the last block of ``size_gb`` GiB."""
    return (0, size_gb * GiB - BLOCK)


class DriverHarness:
    """The hooks of the suite and the manager-like calls its tests are written with."""

    # -- hooks a vendor overrides ---------------------------------------------

    def make_driver(self, tmp_path):
        """Return a new instance of the driver under test, not yet set up.

        The suite calls ``do_setup`` and ``check_for_setup_error`` on it as
        the volume service does. ``tmp_path`` is a fresh folder per test, for
        whatever local state the driver keeps.
        """
        raise NotImplementedError('override make_driver(tmp_path) to return your driver')

    def write_volume(self, driver, volume, offset, data):
        """Write ``data`` at byte ``offset`` of ``volume`` through the backend's data path.

        ``volume`` is the suite's view of it (with the ``provider_location``
        the driver returned); offsets and lengths are multiples of 4096.
        Without this hook the tests that compare bytes are skipped.
        """
        raise unittest.SkipTest('write_volume/read_volume not provided: bytes not compared')

    def read_volume(self, driver, volume, offset, length):
        """Return ``length`` bytes read at byte ``offset`` of ``volume``; see write_volume."""
        raise unittest.SkipTest('write_volume/read_volume not provided: bytes not compared')

    # -- set up and tear down --------------------------------------------------

    def setup_method(self, method):
        """pytest calls this before each test; a subclass that overrides it calls super()."""
        self._leftovers = {}

    def teardown_method(self, method):
        """Delete what the test left on the backend, newest first; report the first failure."""
        errors = []
        for delete in reversed(list(self._leftovers.values())):
            try:
                delete()
            except Exception as e:  # keep cleaning: one failure must not leak the rest
                errors.append(e)
        if errors:
            raise errors[0]

    def _setup(self, tmp_path):
        self.context = cl_context.get_admin_context()
        driver = self.make_driver(tmp_path)
        driver.do_setup(self.context)
        driver.check_for_setup_error()
        self.host = 'conformance@%s#%s' % (driver.backend, driver.backend_name)
        return driver

    def _optional(self, method, *args, **kwargs):
        """Call an optional method; NotImplementedError skips the test, saying why that is fine."""
        try:
            return method(*args, **kwargs)
        except NotImplementedError:
            raise unittest.SkipTest('%s is not implemented: %s'
                                    % (method.__name__, FALLBACKS[method.__name__]))

    # -- making things as the manager does ------------------------------------

    def _track(self, kind, view, delete):
        """Remember how to delete ``view``; a later call for the same one replaces it."""
        self._leftovers[(kind, view.id)] = delete
        return view

    def _forget(self, kind, view):
        """A test deleted ``view`` itself: do not delete it again at teardown."""
        self._leftovers.pop((kind, view.id), None)

    def _track_volume(self, driver, volume):
        return self._track('volume', volume, lambda: driver.delete_volume(volume))

    def _track_snapshot(self, driver, snapshot):
        return self._track('snapshot', snapshot, lambda: driver.delete_snapshot(snapshot))

    def _stored_volume(self, driver, volume, update, method):
        update = views.check_model_update(update, method)
        return self._track_volume(driver, views.stored(volume, update))

    def _volume(self, driver, size=SIZE_GB, **values):
        volume = self._track_volume(driver, views.volume(self.host, size, **values))
        return self._stored_volume(driver, volume, driver.create_volume(volume),
                                   'create_volume')

    def _clone(self, driver, source, size=None):
        clone = self._track_volume(driver, views.volume(self.host, size or source.size,
                                                        source_volid=source.id))
        return self._stored_volume(driver, clone, driver.create_cloned_volume(clone, source),
                                   'create_cloned_volume')

    def _snapshot(self, driver, volume):
        snapshot = self._track_snapshot(driver, views.snapshot(volume))
        update = views.check_model_update(driver.create_snapshot(snapshot), 'create_snapshot')
        return self._track_snapshot(driver, views.stored(snapshot, update))

    def _from_snapshot(self, driver, snapshot, size=None):
        volume = self._track_volume(driver, views.volume(self.host, size or snapshot.size,
                                                         snapshot_id=snapshot.id))
        return self._stored_volume(driver, volume,
                                   driver.create_volume_from_snapshot(volume, snapshot),
                                   'create_volume_from_snapshot')

    def _track_group(self, driver, group):
        return self._track('group', group, lambda: self._delete_empty_group(driver, group))

    def _delete_empty_group(self, driver, group):
        try:
            driver.delete_consistencygroup(self.context, group, [])
        except NotImplementedError:
            pass  # the manager then deletes the members alone, and there are none

    def _group_with_members(self, driver, count=2):
        """A group made as the manager makes one, holding ``count`` new volumes."""
        group = self._track_group(driver, views.group(self.host))
        try:
            update = driver.create_consistencygroup(self.context, group)
        except NotImplementedError:
            update = None
        views.check_model_update(update, 'create_consistencygroup')
        group = self._track_group(driver, views.stored(group, {}))
        return group, [self._volume(driver, group_id=group.id)
                       for _ in range(count)]

    def _cgsnapshot(self, driver, group, volumes):
        """Snapshot the members as the manager does: create_cgsnapshot, else one by one."""
        cgsnapshot = views.cgsnapshot(group)
        snapshots = [self._track_snapshot(
            driver, views.snapshot(v, group_snapshot_id=cgsnapshot.id)) for v in volumes]
        try:
            _, updates = views.check_pair(
                driver.create_cgsnapshot(self.context, cgsnapshot, snapshots),
                'create_cgsnapshot')
            by_id = views.check_member_updates(updates, snapshots, 'create_cgsnapshot',
                                               'available')
        except NotImplementedError:
            by_id = {s.id: views.check_model_update(driver.create_snapshot(s),
                                                    'create_snapshot') for s in snapshots}
        snapshots = [self._track_snapshot(driver, views.stored(s, by_id.get(s.id, {})))
                     for s in snapshots]
        cgsnapshot = views.stored(cgsnapshot, {})
        self._track('cgsnapshot', cgsnapshot,
                    lambda: self._delete_cgsnapshot(driver, cgsnapshot, snapshots))
        return cgsnapshot, snapshots

    def _delete_cgsnapshot(self, driver, cgsnapshot, snapshots):
        try:
            driver.delete_cgsnapshot(self.context, cgsnapshot, snapshots)
        except NotImplementedError:
            for snapshot in snapshots:
                driver.delete_snapshot(snapshot)

    def _group_from_src(self, driver, sources, link, **call_args):
        """create_consistencygroup_from_src as the manager calls it; the clones as recorded.

        ``sources`` are the snapshots or live volumes, ``link`` the clone's
        column naming its source, ``call_args`` the driver's source arguments.
        """
        source_of_group = ({'group_snapshot_id': call_args['cgsnapshot'].id}
                           if 'cgsnapshot' in call_args
                           else {'source_group_id': call_args['src_group'].id})
        group = self._track_group(driver, views.group(self.host, **source_of_group))
        clones = [self._track_volume(driver, views.volume(self.host, s.size, **{
            link: s.id, 'group_id': group.id})) for s in sources]
        result = self._optional(driver.create_consistencygroup_from_src, self.context,
                                group, clones, **call_args)
        _, updates = views.check_pair(result, 'create_consistencygroup_from_src')
        by_id = views.check_member_updates(updates, clones,
                                           'create_consistencygroup_from_src', 'available')
        return [self._track_volume(driver, views.stored(c, by_id.get(c.id, {})))
                for c in clones]

    def _group_from_cgsnapshot(self, driver, cgsnapshot, snapshots):
        return self._group_from_src(driver, snapshots, 'snapshot_id',
                                    cgsnapshot=cgsnapshot, snapshots=snapshots)

    def _group_from_group(self, driver, src_group, src_volumes):
        return self._group_from_src(driver, src_volumes, 'source_volid',
                                    src_group=src_group, src_volumes=src_volumes)

    def _connect(self, driver, volume, connector):
        """Export ``volume`` and connect ``connector`` as the manager attaches it.

        :returns: the volume as recorded after create_export, and the connection info.
        """
        driver.validate_connector(connector)
        update = views.check_model_update(
            driver.create_export(self.context, volume, connector), 'create_export')
        volume = views.stored(volume, update)
        self._track('export', volume, lambda: driver.remove_export(self.context, volume))
        info = views.check_connection_info(
            self._optional(driver.initialize_connection, volume, connector))
        self._track('connection', volume,
                    lambda: driver.terminate_connection(volume, connector))
        return volume, info

    def _disconnect(self, driver, volume, connector, **kwargs):
        """Detach as the manager does: terminate_connection, then remove_export."""
        driver.terminate_connection(volume, connector, **kwargs)
        self._forget('connection', volume)
        driver.remove_export(self.context, volume)
        self._forget('export', volume)

    # -- bytes -----------------------------------------------------------------

    def _fill(self, driver, volume, tag):
        """Write ``tag``'s pattern to the first and the last block of ``volume``."""
        for offset in ends(volume.size):
            self.write_volume(driver, volume, offset, pattern(tag))

    def _assert_holds(self, driver, volume, tag, what, size_gb=None):
        """The first and last blocks of ``volume``'s first ``size_gb`` GiB hold ``tag``."""
        for offset in ends(size_gb or volume.size):
            data = bytes(self.read_volume(driver, volume, offset, BLOCK))
            assert data == pattern(tag), ('%s: the block at byte %d should hold %r, but %s'
                                           % (what, offset, tag, _describe(data)))

    def _assert_zeros(self, driver, volume, offset, what):
        data = bytes(self.read_volume(driver, volume, offset, BLOCK))
        assert data == bytes(BLOCK), ('%s: the block at byte %d should read zeros, but %s'
                                      % (what, offset, _describe(data)))
