"""The volume manager: the RPC endpoint of one backend (``host@backend``).

It owns every status transition after the API's first write: it loads rows
by id, calls the driver, and records the outcome (and quota refunds on
delete) in one transaction. A cast for a resource that is no longer in the
status it expects is ignored, so a redelivered message is harmless.
"""

from concurrent import futures

import oslo_messaging as messaging
from oslo_log import log as logging

from cinderlite import context as cl_context
from cinderlite import message
from cinderlite import quota
from cinderlite.conf import volume as volume_conf
from cinderlite.db import engine as db_engine
from cinderlite.db import snapshots as db_snapshots
from cinderlite.db import types as db_types
from cinderlite.db import volumes as db_volumes
from cinderlite.volume import clone_ops
from cinderlite.volume import group_ops
from cinderlite.volume import hosts
from cinderlite.volume import recovery
from cinderlite.volume.drivers import loader
from cinderlite.volume.resource import Resource

LOG = logging.getLogger(__name__)

VOLUME_COLUMNS = ('provider_location',)
class VolumeManager(group_ops.GroupOperations, clone_ops.CloneOperations):
    """Endpoint of ``cinderlite-volume`` for one backend."""

    # The newest message version this manager accepts (volume/rpcapi.py's history).
    target = messaging.Target(version='1.1')

    def __init__(self, conf, backend):
        self.conf = conf
        self.backend = backend
        self.service_host = '%s@%s' % (conf.host, backend)
        self.driver = loader.load_driver(
            conf, volume_conf.register_backend_opts(conf, backend), backend)
        self.host = hosts.pool_host(self.service_host, self.driver.backend_name)
        self.clone_executor = futures.ThreadPoolExecutor(
            conf.clone_workers, thread_name_prefix='clone-%s' % backend)

    # -- life cycle -----------------------------------------------------------

    def init_host(self):
        """Set the driver up, then finish what a previous run left in flight."""
        ctx = cl_context.get_admin_context()
        self.driver.do_setup(ctx)
        self.driver.check_for_setup_error()
        recovery.resume_work_in_flight(self, ctx)

    def report_capabilities(self):
        """What the heartbeat stores for the scheduler: the driver's stats and our pool."""
        stats = dict(self.driver.get_volume_stats(refresh=True))
        stats['pool_host'] = self.host
        return stats

    def cleanup(self):
        self.clone_executor.shutdown(wait=True)

    # -- helpers --------------------------------------------------------------

    @staticmethod
    def _type_names(ctx, type_ids):
        return {tid: t.name for tid, t in db_types.get_types_by_ids(ctx, type_ids).items()}

    @staticmethod
    def _columns(model_update, allowed):
        return {k: v for k, v in (model_update or {}).items() if k in allowed}

    def _snapshot_resources(self, ctx, snapshots):
        """Driver views of snapshots, each with its parent volume (one query)."""
        volumes = {v.id: v for v in db_volumes.get_volumes_by_ids(
            ctx, {s.volume_id for s in snapshots})}
        return [Resource.of(s, volume=Resource.of(volumes[s.volume_id])) for s in snapshots]

    # -- volumes ----------------------------------------------------------------

    def create_volume(self, context, volume_id):
        ctx = context.elevated()
        volume = db_volumes.get_volume(ctx, volume_id)
        if volume.status != 'creating':
            LOG.info('Volume %(id)s is %(status)s, not creating: nothing to do',
                     {'id': volume_id, 'status': volume.status})
            return
        values = {'status': 'available'}
        try:
            if volume.snapshot_id:
                snapshot = db_snapshots.get_snapshot(ctx, volume.snapshot_id)
                update = self.driver.create_volume_from_snapshot(
                    Resource.of(volume), self._snapshot_resources(ctx, [snapshot])[0])
            elif volume.source_volid:
                source = db_volumes.get_volume(ctx, volume.source_volid)
                update = self.driver.create_cloned_volume(Resource.of(volume),
                                                          Resource.of(source))
                values['bootable'] = source.bootable
            else:
                update = self.driver.create_volume(Resource.of(volume))
        except Exception as e:
            LOG.exception('Creating volume %s failed', volume_id)
            message.record_failure(ctx, lambda: db_volumes.conditional_update(
                ctx, volume_id, {'status': 'error'}, ['creating']),
                volume.project_id, volume_id, 'VOLUME_000002',
                message.user_reason(e, message.RETRY))
            return
        values.update(self._columns(update, VOLUME_COLUMNS))
        db_volumes.conditional_update(ctx, volume_id, values, ['creating'])
        LOG.info('Created volume %s', volume_id)

    def delete_volume(self, context, volume_id):
        ctx = context.elevated()
        volume = db_volumes.get_volume(ctx, volume_id)
        if volume.status != 'deleting':
            return
        try:
            self.driver.delete_volume(Resource.of(volume))
        except Exception as e:
            LOG.exception('Deleting volume %s failed', volume_id)
            message.record_failure(ctx, lambda: db_volumes.conditional_update(
                ctx, volume_id, {'status': 'error_deleting'}, ['deleting']),
                volume.project_id, volume_id, 'VOLUME_000003',
                message.user_reason(e, message.ASK_ADMIN))
            return
        self._forget_volume(ctx, volume)
        LOG.info('Deleted volume %s', volume_id)

    @quota.retry_on_deadlock
    def _forget_volume(self, ctx, volume):
        """forget_volumes of one volume, as a transaction of its own (so it may retry)."""
        self.forget_volumes(ctx, [volume])

    def forget_volumes(self, ctx, volumes):
        """Delete volume rows and refund their quota, per project, in one transaction."""
        if not volumes:
            return
        names = self._type_names(ctx, {v.volume_type_id for v in volumes})
        with db_engine.transaction(ctx):
            # Only rows still there are refunded: a delete redelivered while the
            # first one ran finds them gone (under the lock) and refunds nothing.
            volumes = db_volumes.lock_volumes(ctx, [v.id for v in volumes])
            db_volumes.delete_volumes(ctx, [v.id for v in volumes])
            for project_id in {v.project_id for v in volumes}:
                mine = [{'size': v.size, 'volume_type_id': v.volume_type_id}
                        for v in volumes if v.project_id == project_id]
                quota.release(ctx, project_id, quota.volume_deltas(mine, names))

    # -- snapshots --------------------------------------------------------------

    def create_snapshot(self, context, snapshot_id):
        ctx = context.elevated()
        snapshot = db_snapshots.get_snapshot(ctx, snapshot_id)
        if snapshot.status != 'creating':
            return
        try:
            update = self.driver.create_snapshot(
                self._snapshot_resources(ctx, [snapshot])[0])
        except Exception as e:
            LOG.exception('Creating snapshot %s failed', snapshot_id)
            message.record_failure(ctx, lambda: db_snapshots.conditional_update(
                ctx, snapshot_id, {'status': 'error'}, ['creating']),
                snapshot.project_id, snapshot_id, 'SNAPSHOT_000001',
                message.user_reason(e, message.RETRY))
            return
        values = dict(self._columns(update, VOLUME_COLUMNS), status='available',
                      progress='100%')
        db_snapshots.conditional_update(ctx, snapshot_id, values, ['creating'])

    def delete_snapshot(self, context, snapshot_id):
        ctx = context.elevated()
        snapshot = db_snapshots.get_snapshot(ctx, snapshot_id)
        if snapshot.status != 'deleting':
            return
        try:
            self.driver.delete_snapshot(self._snapshot_resources(ctx, [snapshot])[0])
        except Exception as e:
            LOG.exception('Deleting snapshot %s failed', snapshot_id)
            message.record_failure(ctx, lambda: db_snapshots.conditional_update(
                ctx, snapshot_id, {'status': 'error_deleting'}, ['deleting']),
                snapshot.project_id, snapshot_id, 'SNAPSHOT_000002',
                message.user_reason(e, message.ASK_ADMIN))
            return
        self._forget_snapshot(ctx, snapshot)

    @quota.retry_on_deadlock
    def _forget_snapshot(self, ctx, snapshot):
        """Delete a snapshot row and refund its quota in one transaction."""
        names = self._type_names(ctx, {snapshot.volume_type_id})
        with db_engine.transaction(ctx):
            if not db_snapshots.delete_snapshot(ctx, snapshot.id):
                return  # a redelivered delete: the first one refunded it
            quota.release(ctx, snapshot.project_id, quota.snapshot_deltas(
                [{'size': snapshot.size, 'volume_type_id': snapshot.volume_type_id}], names))
