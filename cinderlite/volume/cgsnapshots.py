"""Manager operations on group snapshots (cgsnapshots too): one snapshot of every member."""

from oslo_log import log as logging

from cinderlite import message
from cinderlite import quota
from cinderlite.db import engine as db_engine
from cinderlite.db import group_snapshots as db_group_snapshots
from cinderlite.db import groups as db_groups
from cinderlite.db import snapshots as db_snapshots
from cinderlite.db import types as db_types
from cinderlite.volume import group_calls
from cinderlite.volume import model_updates
from cinderlite.volume.driver_view import Resource
from cinderlite.volume.driver_view import group_view
from cinderlite.volume.driver_view import snapshot_views

LOG = logging.getLogger(__name__)


class CgSnapshotOperations:
    """Given the backend's driver and the bounded pool of the generic path.

    Every call takes an elevated context.
    """

    def __init__(self, driver, executor):
        self.driver = driver
        self.executor = executor

    def _views(self, ctx, group_snapshot):
        """The driver views of the group snapshot and of its group."""
        group = group_view(ctx, db_groups.get_group(ctx, group_snapshot.group_id))
        return Resource.of(group_snapshot, group=group), group

    def create(self, ctx, cgsnapshot_id):
        cgsnapshot = db_group_snapshots.get_group_snapshot(ctx, cgsnapshot_id)
        if cgsnapshot.status != 'creating':
            return
        snapshots = snapshot_views(
            ctx, db_snapshots.get_group_snapshot_members(ctx, [cgsnapshot_id]))
        view, group = self._views(ctx, cgsnapshot)

        def one_by_one():
            # Not consistent across members: several at once in the bounded pool.
            return None, list(self.executor.map(
                lambda s: dict(self.driver.create_snapshot(s) or {}, id=s.id), snapshots))
        try:
            model_update, updates = group_calls.run(
                group, lambda: self.driver.create_group_snapshot(ctx, view, snapshots),
                lambda: self.driver.create_cgsnapshot(ctx, view, snapshots), one_by_one)
            model_updates.check_model_update(model_update, 'the cgsnapshot')
        except Exception as e:
            message.record_failure(
                ctx, e, 'Creating cgsnapshot %s' % cgsnapshot_id, cgsnapshot,
                'CGSNAPSHOT_000001', message.RETRY,
                lambda: self._set_status(ctx, cgsnapshot_id, 'error'))
            return
        by_id = {u['id']: u for u in updates or []}
        values = {s.id: {'status': by_id.get(s.id, {}).get('status') or 'available',
                         'progress': '100%',
                         'provider_location': by_id.get(s.id, {}).get('provider_location')}
                  for s in snapshots}
        failed = any(v['status'] == 'error' for v in values.values())
        with db_engine.transaction(ctx):
            db_snapshots.update_snapshots(ctx, values)
            db_group_snapshots.update_group_snapshot(
                ctx, cgsnapshot_id, {'status': 'error' if failed else 'available'})
        LOG.info('Created cgsnapshot %s of %d volumes', cgsnapshot_id, len(snapshots))

    def delete(self, ctx, cgsnapshot_id):
        cgsnapshot = db_group_snapshots.get_group_snapshot(ctx, cgsnapshot_id)
        if cgsnapshot.status != 'deleting':
            return
        members = db_snapshots.get_group_snapshot_members(ctx, [cgsnapshot_id])
        snapshots = snapshot_views(ctx, members)
        view, group = self._views(ctx, cgsnapshot)

        def one_by_one():
            for snapshot in snapshots:
                self.driver.delete_snapshot(snapshot)
            return None, None
        try:
            model_update, updates = group_calls.run(
                group, lambda: self.driver.delete_group_snapshot(ctx, view, snapshots),
                lambda: self.driver.delete_cgsnapshot(ctx, view, snapshots), one_by_one)
            model_updates.check_model_update(model_update, 'the cgsnapshot')
            model_updates.check_deleted(updates, 'snapshots')
        except Exception as e:
            message.record_failure(
                ctx, e, 'Deleting cgsnapshot %s' % cgsnapshot_id, cgsnapshot,
                'CGSNAPSHOT_000002', message.ASK_ADMIN,
                lambda: self._set_status(ctx, cgsnapshot_id, 'error_deleting'))
            return
        names = db_types.get_type_names(ctx, {s.volume_type_id for s in members})
        with db_engine.transaction(ctx):
            db_snapshots.delete_group_snapshot_members(ctx, cgsnapshot_id)
            if not db_group_snapshots.delete_group_snapshot(ctx, cgsnapshot_id):
                return  # a redelivered delete: the first one refunded it
            quota.release(ctx, cgsnapshot.project_id, quota.snapshot_deltas(
                [{'size': s.size, 'volume_type_id': s.volume_type_id} for s in members],
                names))

    @staticmethod
    def _set_status(ctx, cgsnapshot_id, status):
        """The cgsnapshot and all its members take ``status``."""
        db_group_snapshots.update_group_snapshot(ctx, cgsnapshot_id, {'status': status})
        db_snapshots.set_status_of_group_snapshot_members(ctx, cgsnapshot_id, status)
        return True
