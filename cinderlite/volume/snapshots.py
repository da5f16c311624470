"""Manager operations on single snapshots: create and delete."""

from oslo_log import log as logging

from cinderlite import message
from cinderlite import quota
from cinderlite.db import engine as db_engine
from cinderlite.db import snapshots as db_snapshots
from cinderlite.db import types as db_types
from cinderlite.db import volumes as db_volumes
from cinderlite.volume import model_updates
from cinderlite.volume.driver_view import snapshot_views

LOG = logging.getLogger(__name__)


class SnapshotOperations:
    """Given the backend's driver; every call takes an elevated context."""

    def __init__(self, driver):
        self.driver = driver

    def create(self, ctx, snapshot_id):
        snapshot = db_snapshots.get_snapshot(ctx, snapshot_id)
        if snapshot.status != 'creating':
            return
        try:
            update = self.driver.create_snapshot(snapshot_views(ctx, [snapshot])[0])
        except Exception as e:
            message.record_failure(
                ctx, e, 'Creating snapshot %s' % snapshot_id, snapshot, 'SNAPSHOT_000001',
                message.RETRY, lambda: db_snapshots.conditional_update(
                    ctx, snapshot_id, {'status': 'error'}, ['creating']))
            return
        values = dict(model_updates.driver_columns(update), status='available',
                      progress='100%')
        db_snapshots.conditional_update(ctx, snapshot_id, values, ['creating'])

    def delete(self, ctx, snapshot_id):
        snapshot = db_snapshots.get_snapshot(ctx, snapshot_id)
        if snapshot.status != 'deleting':
            return
        try:
            self.driver.delete_snapshot(snapshot_views(ctx, [snapshot])[0])
        except Exception as e:
            message.record_failure(
                ctx, e, 'Deleting snapshot %s' % snapshot_id, snapshot, 'SNAPSHOT_000002',
                message.ASK_ADMIN, lambda: db_snapshots.conditional_update(
                    ctx, snapshot_id, {'status': 'error_deleting'}, ['deleting']))
            return
        self._forget(ctx, snapshot)

    def delete_those_of_volume(self, ctx, volume_id):
        """Delete the ``deleting`` snapshots of a volume deleted in cascade.

        Returns whether none is left. When one cannot be deleted (it is then
        ``error_deleting``), the volume becomes ``error_deleting`` too, and its
        owner is told which snapshot stopped it; the volume's data is untouched.
        """
        snapshots = db_snapshots.list_snapshots(ctx, {'volume_id': volume_id},
                                                all_projects=True)
        for snapshot in snapshots:
            self.delete(ctx, snapshot.id)
        left = db_snapshots.list_snapshots(ctx, {'volume_id': volume_id}, all_projects=True)
        if not left:
            return True
        volume = db_volumes.get_volume(ctx, volume_id)
        with db_engine.transaction(ctx):
            if db_volumes.conditional_update(ctx, volume_id, {'status': 'error_deleting'},
                                             ['deleting']):
                message.record(ctx, volume.project_id, volume_id, 'VOLUME_000003',
                               'its snapshot %s could not be deleted first. %s'
                               % (left[0].id, message.ASK_ADMIN))
        return False

    @db_engine.retry_on_deadlock
    def _forget(self, ctx, snapshot):
        """Delete a snapshot row and refund its quota in one transaction."""
        names = db_types.get_type_names(ctx, {snapshot.volume_type_id})
        with db_engine.transaction(ctx):
            if not db_snapshots.delete_snapshot(ctx, snapshot.id):
                return  # a redelivered delete: the first one refunded it
            quota.release(ctx, snapshot.project_id, quota.snapshot_deltas(
                [{'size': snapshot.size, 'volume_type_id': snapshot.volume_type_id}], names))
