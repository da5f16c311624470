"""Manager operations on consistency groups and cgsnapshots (mixed into VolumeManager)."""

from oslo_log import log as logging

from cinderlite import exception
from cinderlite import message
from cinderlite import quota
from cinderlite.db import cgsnapshots as db_cgsnapshots
from cinderlite.db import engine as db_engine
from cinderlite.db import groups as db_groups
from cinderlite.db import snapshots as db_snapshots
from cinderlite.db import volumes as db_volumes
from cinderlite.volume.resource import Resource

LOG = logging.getLogger(__name__)

#: Statuses by which a driver's model update reports a failure without raising.
FAILED_STATUSES = ('error', 'error_deleting')


def check_model_update(model_update, what):
    """Turn a failure the driver reported in ``model_update`` into an exception.

    The driver contract lets a driver answer ``{'status': 'error'}`` instead of
    raising; recording success then would hide a broken backend (Cinder's
    managers raise here too).

    :raises VolumeDriverException: the update's status is a failure.
    """
    status = (model_update or {}).get('status')
    if status in FAILED_STATUSES:
        raise exception.VolumeDriverException(
            message='the backend reported %s as %s' % (what, status))


def check_deleted(updates, what):
    """:raises VolumeDriverException: an item of ``updates`` was not reported deleted."""
    failed = [u['id'] for u in updates or [] if u.get('status') not in (None, 'deleted')]
    if failed:
        raise exception.VolumeDriverException(
            message='%s %s could not be deleted' % (what, ', '.join(failed)))


class GroupOperations:

    def create_consistencygroup(self, context, group_id):
        ctx = context.elevated()
        group = db_groups.get_group(ctx, group_id)
        if group.status != 'creating':
            return
        try:
            check_model_update(self.driver.create_consistencygroup(ctx, Resource.of(group)),
                               'the group')
        except NotImplementedError:
            LOG.debug('Driver keeps no state for group %s', group_id)
        except Exception as e:
            LOG.exception('Creating group %s failed', group_id)
            message.record_failure(
                ctx, lambda: db_groups.conditional_update(ctx, group_id, {'status': 'error'},
                                                          ['creating']),
                group.project_id, group_id, 'GROUP_000002',
                message.user_reason(e, message.RETRY))
            return
        db_groups.conditional_update(ctx, group_id, {'status': 'available'}, ['creating'])

    def delete_consistencygroup(self, context, group_id):
        ctx = context.elevated()
        group = db_groups.get_group(ctx, group_id)
        if group.status != 'deleting':
            return
        volumes = db_volumes.get_volumes_in_groups(ctx, [group_id])
        views = [Resource.of(v) for v in volumes]
        try:
            try:
                model_update, volume_updates = self.driver.delete_consistencygroup(
                    ctx, Resource.of(group), views)
            except NotImplementedError:
                for view in views:
                    self.driver.delete_volume(view)
                model_update = volume_updates = None
            check_model_update(model_update, 'the group')
            check_deleted(volume_updates, 'volumes')
        except Exception as e:
            LOG.exception('Deleting group %s failed', group_id)
            with db_engine.transaction(ctx):
                db_groups.update_group(ctx, group_id, {'status': 'error_deleting'})
                db_volumes.set_status_where(ctx, [v.id for v in volumes],
                                            'error_deleting', ['deleting'])
            message.record(ctx, group.project_id, group_id, 'GROUP_000003',
                           message.user_reason(e, message.ASK_ADMIN))
            return
        try:
            with db_engine.transaction(ctx):
                self.forget_volumes(ctx, volumes)
                if db_groups.delete_group(ctx, group_id):
                    quota.release(ctx, group.project_id, {quota.GROUPS: 1})
        except Exception as e:
            # The data is gone but the rows stay: error_deleting lets a forced
            # delete try again instead of leaving the group in deleting for good.
            LOG.exception('Forgetting deleted group %s failed', group_id)
            message.record_failure(
                ctx, lambda: db_groups.conditional_update(
                    ctx, group_id, {'status': 'error_deleting'}, ('deleting',)),
                group.project_id, group_id, 'GROUP_000003',
                message.user_reason(e, message.ASK_ADMIN))
            return
        LOG.info('Deleted group %s with %d volumes', group_id, len(volumes))

    def update_consistencygroup(self, context, group_id, add_volume_ids,
                                remove_volume_ids):
        """The API already recorded the new membership; undo it if the driver fails."""
        ctx = context.elevated()
        group = db_groups.get_group(ctx, group_id)
        if group.status != 'updating':
            return
        added = db_volumes.get_volumes_by_ids(ctx, add_volume_ids)
        removed = db_volumes.get_volumes_by_ids(ctx, remove_volume_ids)
        try:
            model_update, _, _ = self.driver.update_consistencygroup(
                ctx, Resource.of(group), add_volumes=[Resource.of(v) for v in added],
                remove_volumes=[Resource.of(v) for v in removed])
            check_model_update(model_update, 'the group')
        except NotImplementedError:
            LOG.debug('Driver keeps no membership for group %s', group_id)
        except Exception as e:
            LOG.exception('Updating group %s failed', group_id)
            with db_engine.transaction(ctx):
                db_volumes.update_volumes(ctx, dict(
                    {v.id: {'consistencygroup_id': None} for v in added},
                    **{v.id: {'consistencygroup_id': group_id} for v in removed}))
                db_groups.update_group(ctx, group_id, {'status': 'available'})
            message.record(ctx, group.project_id, group_id, 'GROUP_000004',
                           message.user_reason(e, message.ASK_ADMIN))
            return
        db_groups.conditional_update(ctx, group_id, {'status': 'available'}, ['updating'])

    def create_cgsnapshot(self, context, cgsnapshot_id):
        ctx = context.elevated()
        cgsnapshot = db_cgsnapshots.get_cgsnapshot(ctx, cgsnapshot_id)
        if cgsnapshot.status != 'creating':
            return
        snapshots = self._snapshot_resources(
            ctx, db_snapshots.get_cgsnapshot_members(ctx, [cgsnapshot_id]))
        try:
            try:
                model_update, updates = self.driver.create_cgsnapshot(
                    ctx, Resource.of(cgsnapshot), snapshots)
            except NotImplementedError:
                model_update = None
                updates = [dict(self.driver.create_snapshot(s) or {}, id=s.id)
                           for s in snapshots]
            check_model_update(model_update, 'the cgsnapshot')
        except Exception as e:
            LOG.exception('Creating cgsnapshot %s failed', cgsnapshot_id)
            with db_engine.transaction(ctx):
                db_cgsnapshots.update_cgsnapshot(ctx, cgsnapshot_id, {'status': 'error'})
                db_snapshots.set_status_of_cgsnapshot_members(ctx, cgsnapshot_id, 'error')
            message.record(ctx, cgsnapshot.project_id, cgsnapshot_id,
                           'CGSNAPSHOT_000001',
                           message.user_reason(e, message.RETRY))
            return
        by_id = {u['id']: u for u in updates or []}
        values = {s.id: {'status': by_id.get(s.id, {}).get('status') or 'available',
                         'progress': '100%',
                         'provider_location': by_id.get(s.id, {}).get('provider_location')}
                  for s in snapshots}
        failed = any(v['status'] == 'error' for v in values.values())
        with db_engine.transaction(ctx):
            db_snapshots.update_snapshots(ctx, values)
            db_cgsnapshots.update_cgsnapshot(
                ctx, cgsnapshot_id, {'status': 'error' if failed else 'available'})
        LOG.info('Created cgsnapshot %s of %d volumes', cgsnapshot_id, len(snapshots))

    def delete_cgsnapshot(self, context, cgsnapshot_id):
        ctx = context.elevated()
        cgsnapshot = db_cgsnapshots.get_cgsnapshot(ctx, cgsnapshot_id)
        if cgsnapshot.status != 'deleting':
            return
        members = db_snapshots.get_cgsnapshot_members(ctx, [cgsnapshot_id])
        snapshots = self._snapshot_resources(ctx, members)
        try:
            try:
                model_update, updates = self.driver.delete_cgsnapshot(
                    ctx, Resource.of(cgsnapshot), snapshots)
            except NotImplementedError:
                for snapshot in snapshots:
                    self.driver.delete_snapshot(snapshot)
                model_update = updates = None
            check_model_update(model_update, 'the cgsnapshot')
            check_deleted(updates, 'snapshots')
        except Exception as e:
            LOG.exception('Deleting cgsnapshot %s failed', cgsnapshot_id)
            with db_engine.transaction(ctx):
                db_cgsnapshots.update_cgsnapshot(ctx, cgsnapshot_id,
                                                 {'status': 'error_deleting'})
                db_snapshots.set_status_of_cgsnapshot_members(ctx, cgsnapshot_id,
                                                              'error_deleting')
            message.record(ctx, cgsnapshot.project_id, cgsnapshot_id,
                           'CGSNAPSHOT_000002',
                           message.user_reason(e, message.ASK_ADMIN))
            return
        names = self._type_names(ctx, {s.volume_type_id for s in members})
        with db_engine.transaction(ctx):
            db_snapshots.delete_cgsnapshot_members(ctx, cgsnapshot_id)
            if not db_cgsnapshots.delete_cgsnapshot(ctx, cgsnapshot_id):
                return  # a redelivered delete: the first one refunded it
            quota.release(ctx, cgsnapshot.project_id, quota.snapshot_deltas(
                [{'size': s.size, 'volume_type_id': s.volume_type_id} for s in members],
                names))
