"""A retype that moves the volume to another backend (``migration_policy=on-demand``).

Three steps, each on the backend whose driver it needs, all keyed on the
volume staying ``retyping`` (so a redelivered or late message does nothing):

1. The source manager connects its copy for reading (create_export,
   initialize_connection) and sends the connection to the destination.
2. The destination manager creates the new copy with its driver, connects
   it, copies every byte, then switches in one transaction: the row keeps its
   id, and takes the destination's host, the new type and the new copy's
   provider fields, with the per-type quota (volume/retypes.py). If any of it
   fails, it deletes its own copy and returns the volume to its status with a
   user message: the source copy was never written to.
3. The source manager disconnects its copy and, once the switch is done,
   deletes it.

The copy reads and writes through ``local`` connections (a path on this
host, as the file driver answers); a connection of another kind fails the
migration before anything is switched.
"""

import os

from oslo_log import log as logging

from cinderlite import exception
from cinderlite import hosts
from cinderlite import message
from cinderlite.db import snapshots as db_snapshots
from cinderlite.db import volumes as db_volumes
from cinderlite.volume import model_updates
from cinderlite.volume import retypes
from cinderlite.volume.driver_view import Resource

LOG = logging.getLogger(__name__)

CHUNK = 4 * 1024 * 1024
#: The columns of the source copy its backend needs to disconnect and delete it.
SOURCE_KEYS = ('id', 'host', 'size', 'volume_type_id', 'provider_location', 'name',
               'project_id')


def connector(service_host):
    """The connector a migration's copy connects with: the destination's host."""
    return {'host': hosts.backend_host(service_host), 'multipath': False,
            'do_local_attach': False, 'platform': 'x86_64', 'os_type': 'linux'}


def copy_local(source_info, target_info, size_bytes):
    """Copy ``size_bytes`` from one ``local`` connection to another, skipping holes.

    :raises VolumeDriverException: a connection that is not ``local``.
    """
    paths = []
    for info in (source_info, target_info):
        if (info or {}).get('driver_volume_type') != 'local':
            raise exception.VolumeDriverException(
                message='a migration copies between local connections only, not %s'
                        % (info or {}).get('driver_volume_type'))
        paths.append(info['data']['device_path'])
    with open(paths[0], 'rb') as src, open(paths[1], 'r+b') as dst:
        offset = 0
        while offset < size_bytes:
            data = src.read(min(CHUNK, size_bytes - offset))
            if not data:
                break
            if data.count(0) != len(data):  # a zero chunk stays a hole
                dst.seek(offset)
                dst.write(data)
            offset += len(data)
        dst.flush()
        os.fsync(dst.fileno())


class MigrationOperations:
    """Given the retype operations (the switch) and the backend's driver."""

    def __init__(self, driver, service_host, retypes_ops, volume_rpcapi):
        self.driver = driver
        self.service_host = service_host
        self.retypes = retypes_ops
        self.volume_rpcapi = volume_rpcapi

    # -- 1. on the source backend ------------------------------------------------

    def start(self, ctx, volume_id, new_type_id, dest_host):
        """Connect the source copy and hand its connection to ``dest_host``."""
        volume = db_volumes.get_volume(ctx, volume_id)
        if volume.status != 'retyping':
            return
        if db_snapshots.count_snapshots_of_volumes(ctx, [volume_id]):
            retypes.end_retype(ctx, volume, 'the volume must move to another backend, and '
                               'a volume with snapshots cannot move. ' + retypes.KEPT)
            return
        if db_volumes.count_copies_in_flight(ctx, source_volids=[volume_id]):
            retypes.end_retype(ctx, volume, 'the volume must move to another backend, and '
                               'a clone of it is being made. ' + retypes.KEPT)
            return
        if volume.previous_status != 'available':
            # A host writing while the data is copied would lose its writes.
            retypes.end_retype(ctx, volume, 'the volume must move to another backend, and '
                               'an attached volume cannot move; detach it first. '
                               + retypes.KEPT)
            return
        db_volumes.conditional_update(ctx, volume_id, {'migration_status': 'migrating'},
                                      ['retyping'])
        view = Resource.of(volume)
        wanted = connector(dest_host)
        try:
            self.driver.create_export(ctx, view, wanted)
            info = self.driver.initialize_connection(view, wanted)
            self.volume_rpcapi.receive_migration(ctx, dest_host, volume_id, new_type_id,
                                                 info)
        except Exception as e:
            self._disconnect(ctx, view, wanted)
            message.record_failure(
                ctx, e, 'Migrating volume %s' % volume_id, volume, 'VOLUME_000005',
                retypes.KEPT + ' ' + message.ASK_ADMIN,
                lambda: retypes.give_up(ctx, volume))

    def finish(self, ctx, source, dest_host, delete):
        """Disconnect the source copy; delete it when the volume switched away."""
        view = Resource(dict.fromkeys(SOURCE_KEYS), **source)
        self._disconnect(ctx, view, connector(dest_host))
        if not delete:
            return
        try:
            self.driver.delete_volume(view)
        except Exception:
            LOG.exception('Volume %s moved to %s, but its old copy on %s could not be '
                          'deleted: delete it by hand', view.id, dest_host,
                          self.service_host)
            return
        LOG.info('Deleted the old copy of migrated volume %s', view.id)

    def _disconnect(self, ctx, view, wanted):
        try:
            self.driver.terminate_connection(view, wanted)
            self.driver.remove_export(ctx, view)
        except Exception:
            LOG.exception('Could not disconnect the migration copy of volume %s', view.id)

    # -- 2. on the destination backend -------------------------------------------

    def receive(self, ctx, volume_id, new_type_id, source_info, pool_host):
        """Create the new copy here, copy the data, switch; undo everything on failure."""
        volume = db_volumes.get_volume(ctx, volume_id)
        if volume.status != 'retyping' or volume.migration_status != 'migrating':
            return
        source = {k: getattr(volume, k) for k in SOURCE_KEYS}
        target = Resource(dict(Resource.of(volume), host=pool_host,
                               volume_type_id=new_type_id, provider_location=None,
                               status='creating'))
        created, update, switched = False, None, False
        try:
            update = model_updates.driver_columns(self.driver.create_volume(target))
            created = True
            target = Resource(dict(target, **update))
            here = connector(self.service_host)
            self.driver.create_export(ctx, target, here)
            try:
                info = self.driver.initialize_connection(target, here)
                copy_local(source_info, info, volume.size * 1024 ** 3)
            finally:
                self.driver.terminate_connection(target, here)
                self.driver.remove_export(ctx, target)
            switched = self.retypes.switch(ctx, volume, new_type_id, pool_host, update)
        except Exception as e:
            message.record_failure(
                ctx, e, 'Migrating volume %s' % volume_id, volume, 'VOLUME_000005',
                retypes.KEPT + ' ' + message.ASK_ADMIN,
                lambda: retypes.give_up(ctx, volume))
        if created and not switched:
            try:
                self.driver.delete_volume(target)
            except Exception:
                LOG.exception('Could not delete the unfinished copy of volume %s',
                              volume_id)
        self.volume_rpcapi.finish_migration(ctx, volume.host, source, pool_host,
                                            delete=switched)
        if switched:
            LOG.info('Moved volume %(id)s to %(host)s', {'id': volume_id, 'host': pool_host})
