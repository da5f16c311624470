"""Manager operations on single volumes: create (blank or copied), delete, forget."""

from oslo_log import log as logging

from cinderlite import exception
from cinderlite import message
from cinderlite import quota
from cinderlite.db import engine as db_engine
from cinderlite.db import snapshots as db_snapshots
from cinderlite.db import types as db_types
from cinderlite.db import volumes as db_volumes
from cinderlite.volume import model_updates
from cinderlite.volume.driver_view import Resource
from cinderlite.volume.driver_view import snapshot_views

LOG = logging.getLogger(__name__)


class VolumeOperations:
    """Given the backend's driver; every call takes an elevated context."""

    def __init__(self, driver):
        self.driver = driver

    def create(self, ctx, volume_id):
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
                    Resource.of(volume), snapshot_views(ctx, [snapshot])[0])
            elif volume.source_volid:
                source = db_volumes.get_volume(ctx, volume.source_volid)
                update = self.driver.create_cloned_volume(Resource.of(volume),
                                                          Resource.of(source))
                values['bootable'] = source.bootable
            else:
                update = self.driver.create_volume(Resource.of(volume))
        except Exception as e:
            message.record_failure(
                ctx, e, 'Creating volume %s' % volume_id, volume, 'VOLUME_000002',
                message.RETRY, lambda: db_volumes.conditional_update(
                    ctx, volume_id, {'status': 'error'}, ['creating']))
            return
        values.update(model_updates.driver_columns(update))
        db_volumes.conditional_update(ctx, volume_id, values, ['creating'])
        LOG.info('Created volume %s', volume_id)

    def delete(self, ctx, volume_id):
        volume = db_volumes.get_volume(ctx, volume_id)
        if volume.status != 'deleting':
            return
        try:
            self.driver.delete_volume(Resource.of(volume))
        except Exception as e:
            message.record_failure(
                ctx, e, 'Deleting volume %s' % volume_id, volume, 'VOLUME_000003',
                message.ASK_ADMIN, lambda: db_volumes.conditional_update(
                    ctx, volume_id, {'status': 'error_deleting'}, ['deleting']))
            return
        self._forget_volume(ctx, volume)
        LOG.info('Deleted volume %s', volume_id)

    def extend(self, ctx, volume_id, new_size, old_size):
        """Grow an ``extending`` volume to the size the API wrote in its row.

        It then returns to the status it had (``available``, or ``in-use``
        from 3.42).

        On failure the volume is ``error_extending``; given ``old_size`` (an
        API's request, not a resumed one) it is set back to it and the growth
        refunded, in the same transaction.
        """
        volume = db_volumes.get_volume(ctx, volume_id)
        if volume.status != 'extending' or volume.size != new_size:
            return
        try:
            self.driver.extend_volume(Resource.of(volume), new_size)
        except Exception as e:
            message.record_failure(
                ctx, e, 'Extending volume %s' % volume_id, volume, 'VOLUME_000004',
                message.ASK_ADMIN, lambda: self._undo_growth(ctx, volume, old_size))
            return
        db_volumes.conditional_update(
            ctx, volume_id, {'status': volume.previous_status or 'available',
                             'previous_status': None}, ['extending'])
        LOG.info('Extended volume %(id)s to %(size)s GiB', {'id': volume_id,
                                                          'size': new_size})

    def revert(self, ctx, volume_id, snapshot_id):
        """Revert a ``reverting`` volume to its ``restoring`` snapshot; both end ``available``.

        A backend that cannot revert (NotImplementedError) changed nothing:
        both return to ``available`` and the owner is told. Any other failure
        may have changed part of the data: the volume is ``error`` (as in
        Cinder), the snapshot ``available`` again.
        """
        volume = db_volumes.get_volume(ctx, volume_id)
        snapshot = db_snapshots.get_snapshot(ctx, snapshot_id)
        if volume.status != 'reverting' or snapshot.status != 'restoring':
            return
        try:
            self.driver.revert_to_snapshot(ctx, Resource.of(volume),
                                           snapshot_views(ctx, [snapshot])[0])
        except NotImplementedError:
            message.record_failure(
                ctx, exception.VolumeDriverException(
                    message='this backend cannot revert volumes; the volume is unchanged'),
                'Reverting volume %s' % volume_id, volume, 'VOLUME_000006',
                message.ASK_ADMIN, lambda: self._end_revert(ctx, volume_id, snapshot_id,
                                                            'available'))
            return
        except Exception as e:
            message.record_failure(
                ctx, e, 'Reverting volume %s' % volume_id, volume, 'VOLUME_000006',
                message.ASK_ADMIN, lambda: self._end_revert(ctx, volume_id, snapshot_id,
                                                            'error'))
            return
        with db_engine.transaction(ctx):
            self._end_revert(ctx, volume_id, snapshot_id, 'available')
        LOG.info('Reverted volume %(id)s to snapshot %(snap)s', {'id': volume_id,
                                                                'snap': snapshot_id})

    @staticmethod
    def _end_revert(ctx, volume_id, snapshot_id, volume_status):
        """``reverting`` -> ``volume_status``, the snapshot back to ``available``."""
        db_snapshots.conditional_update(ctx, snapshot_id, {'status': 'available'},
                                        ['restoring'])
        return db_volumes.conditional_update(ctx, volume_id, {'status': volume_status},
                                             ['reverting'])

    @staticmethod
    def _undo_growth(ctx, volume, old_size):
        """``error_extending``, back at ``old_size`` with the growth refunded if known."""
        values = {'status': 'error_extending'}
        if old_size is not None:
            values['size'] = old_size
        if not db_volumes.conditional_update(ctx, volume.id, values, ['extending']):
            return False
        if old_size is not None:
            name = db_types.get_type_names(ctx, {volume.volume_type_id}).get(
                volume.volume_type_id)
            quota.release(ctx, volume.project_id,
                          quota.gigabytes_deltas(volume.size - old_size, name))
        return True

    @db_engine.retry_on_deadlock
    def _forget_volume(self, ctx, volume):
        """forget() of one volume, as a transaction of its own (so it may retry)."""
        self.forget(ctx, [volume])

    def forget(self, ctx, volumes):
        """Delete volume rows and refund their quota, per project, in one transaction."""
        if not volumes:
            return
        names = db_types.get_type_names(ctx, {v.volume_type_id for v in volumes})
        with db_engine.transaction(ctx):
            # Only rows still there are refunded: a delete redelivered while the
            # first one ran finds them gone (under the lock) and refunds nothing.
            volumes = db_volumes.lock_volumes(ctx, [v.id for v in volumes])
            db_volumes.delete_volumes(ctx, [v.id for v in volumes])
            for project_id in {v.project_id for v in volumes}:
                mine = [{'size': v.size, 'volume_type_id': v.volume_type_id}
                        for v in volumes if v.project_id == project_id]
                quota.release(ctx, project_id, quota.volume_deltas(mine, names))
