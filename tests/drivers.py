"""Test drivers, configured like any other driver (``volume_driver = tests.drivers.X``)."""

import os
import threading
import time

from cinderlite import exception
from cinderlite.volume.drivers import file as file_driver


class FailingDriver(file_driver.FileDriver):
    """A file driver whose data operations fail as a broken backend would.

    Volumes whose name starts with ``ok`` are created normally so that a test
    can build sources on the same backend and then watch clones fail.
    """

    def create_volume(self, volume):
        if (volume.name or '').startswith('ok'):
            return super().create_volume(volume)
        raise exception.VolumeBackendAPIException(data='disk array on fire')

    def create_cloned_volume(self, volume, src_vref):
        raise exception.VolumeBackendAPIException(data='clone refused by the array')

    def create_volume_from_snapshot(self, volume, snapshot):
        raise exception.VolumeBackendAPIException(data='clone refused by the array')

    def create_consistencygroup_from_src(self, context, group, volumes, **kwargs):
        raise exception.VolumeBackendAPIException(data='group clone refused by the array')

    def extend_volume(self, volume, new_size):
        raise exception.VolumeBackendAPIException(data='the array has no room to grow')

    def revert_to_snapshot(self, context, volume, snapshot):
        if (volume.name or '').startswith('ok-cannot'):
            raise NotImplementedError()
        raise exception.VolumeBackendAPIException(data='the rollback broke halfway')

    def delete_snapshot(self, snapshot):
        if (snapshot.name or '').startswith('bad'):
            raise exception.VolumeBackendAPIException(data='the snapshot is stuck')
        return super().delete_snapshot(snapshot)

    def initialize_connection(self, volume, connector):
        if connector.get('initiator') is None:
            raise exception.InvalidConnectorException(missing='initiator')
        raise exception.VolumeBackendAPIException(data='no target port is up')

    def remove_export(self, context, volume):
        raise exception.VolumeBackendAPIException(data='the export is stuck')


class PerVolumeCloneDriver(file_driver.FileDriver):
    """A driver without group cloning: the manager must fall back to volume by volume.

    Records the calls so a test can see the fallback was taken.
    """

    calls = []

    def create_consistencygroup_from_src(self, context, group, volumes, **kwargs):
        raise NotImplementedError()

    def create_cloned_volume(self, volume, src_vref):
        type(self).calls.append(('create_cloned_volume', volume.id, src_vref.id))
        if (src_vref.name or '').startswith('bad'):
            raise exception.VolumeBackendAPIException(data='this one fails')
        return super().create_cloned_volume(volume, src_vref)

    def create_volume_from_snapshot(self, volume, snapshot):
        type(self).calls.append(('create_volume_from_snapshot', volume.id, snapshot.id))
        return super().create_volume_from_snapshot(volume, snapshot)


class SlowPerVolumeCloneDriver(PerVolumeCloneDriver):
    """The volume-by-volume fallback, ``delay`` seconds per clone (progress logs)."""

    delay = 0.0

    def create_cloned_volume(self, volume, src_vref):
        time.sleep(type(self).delay)
        return super().create_cloned_volume(volume, src_vref)


class SlowFileDriver(file_driver.FileDriver):
    """A file driver that takes ``SLOW_SECONDS`` per group member copy (restart tests).

    A separate process reads the delay from ``CINDERLITE_TEST_SLOW_SECONDS``.
    """

    SLOW_SECONDS = float(os.environ.get('CINDERLITE_TEST_SLOW_SECONDS', '1.0'))
    DEFAULT_SLOW_SECONDS = SLOW_SECONDS
    started = threading.Event()

    def _take_copy_point(self, src, dst, size_gb):
        type(self).started.set()
        time.sleep(self.SLOW_SECONDS)
        return super()._take_copy_point(src, dst, size_gb)


class GatedCloneDriver(file_driver.FileDriver):
    """Single-volume clones wait until the test opens ``gate`` (work held in flight)."""

    gate = threading.Event()
    started = threading.Event()

    def _wait(self):
        type(self).started.set()
        type(self).gate.wait(30)

    def create_cloned_volume(self, volume, src_vref):
        self._wait()
        return super().create_cloned_volume(volume, src_vref)

    def create_volume_from_snapshot(self, volume, snapshot):
        self._wait()
        return super().create_volume_from_snapshot(volume, snapshot)


def reset():
    """Put every test driver's class-level state back as it was imported.

    Tests reach these drivers through their classes (the manager builds the
    instances); conftest calls this around every test so nothing leaks.
    """
    PerVolumeCloneDriver.calls.clear()
    RetypingDriver.calls.clear()
    SlowFileDriver.SLOW_SECONDS = SlowFileDriver.DEFAULT_SLOW_SECONDS
    SlowFileDriver.started.clear()
    GatedCloneDriver.gate.clear()
    GatedCloneDriver.started.clear()


class RecordingGroupDriver(file_driver.FileDriver):
    """Records which group, CG and per-member methods the manager calls (by name)."""

    calls = []

    def _record(name):  # noqa: N805 - builds the recording methods below
        def method(self, *args, **kwargs):
            type(self).calls.append(name)
            return getattr(file_driver.FileDriver, name)(self, *args, **kwargs)
        method.__name__ = name
        return method

    for _name in ('create_group_snapshot', 'create_cgsnapshot', 'create_snapshot',
                  'create_group_from_src', 'create_consistencygroup_from_src',
                  'create_cloned_volume', 'create_volume_from_snapshot'):
        locals()[_name] = _record(_name)
    del _name, _record


class CgOnlyDriver(RecordingGroupDriver):
    """A driver written before generic groups: only the consistency group methods."""

    def _not_implemented(self, *args, **kwargs):
        raise NotImplementedError()

    create_group = delete_group = update_group = _not_implemented
    create_group_snapshot = delete_group_snapshot = create_group_from_src = _not_implemented


class RetypingDriver(file_driver.FileDriver):
    """A file driver with its own ``retype``, which records each call.

    By the volume's name: ``refuse...`` answers False (cannot in place),
    ``boom...`` raises; any other is retyped with a new provider_location.
    """

    calls = []

    def retype(self, context, volume, new_type, diff, host):
        type(self).calls.append({'volume_id': volume.id, 'new_type': new_type['name'],
                                 'extra_specs': dict(new_type.extra_specs),
                                 'diff': diff, 'host': dict(host)})
        if (volume.name or '').startswith('refuse'):
            return False
        if (volume.name or '').startswith('boom'):
            raise exception.VolumeBackendAPIException(data='the array rejects the new tier')
        return True, {'provider_location': self.volume_path(volume.id)}


class OfflineExtendDriver(file_driver.FileDriver):
    """A file driver that says it cannot extend a volume a host has attached."""

    def get_volume_stats(self, refresh=False):
        return dict(super().get_volume_stats(refresh), online_extend_support=False)
