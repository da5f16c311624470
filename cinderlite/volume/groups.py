"""Manager operations on consistency groups: create, update membership, delete."""

from oslo_log import log as logging

from cinderlite import message
from cinderlite import quota
from cinderlite.db import engine as db_engine
from cinderlite.db import groups as db_groups
from cinderlite.db import volumes as db_volumes
from cinderlite.volume import group_calls
from cinderlite.volume import model_updates
from cinderlite.volume.driver_view import Resource
from cinderlite.volume.driver_view import group_view

LOG = logging.getLogger(__name__)


class GroupOperations:
    """Given the driver, and the volume operations that forget a deleted group's members."""

    def __init__(self, driver, volumes):
        self.driver = driver
        self.volumes = volumes

    def create(self, ctx, group_id):
        group = db_groups.get_group(ctx, group_id)
        if group.status != 'creating':
            return
        view = group_view(ctx, group)
        try:
            model_updates.check_model_update(group_calls.run(
                view, lambda: self.driver.create_group(ctx, view),
                lambda: self.driver.create_consistencygroup(ctx, view),
                lambda: LOG.debug('Driver keeps no state for group %s', group_id)),
                'the group')
        except Exception as e:
            message.record_failure(
                ctx, e, 'Creating group %s' % group_id, group, 'GROUP_000002',
                message.RETRY, lambda: db_groups.conditional_update(
                    ctx, group_id, {'status': 'error'}, ['creating']))
            return
        db_groups.conditional_update(ctx, group_id, {'status': 'available'}, ['creating'])

    def delete(self, ctx, group_id):
        group = db_groups.get_group(ctx, group_id)
        if group.status != 'deleting':
            return
        volumes = db_volumes.get_volumes_in_groups(ctx, [group_id])
        views = [Resource.of(v) for v in volumes]
        view = group_view(ctx, group)

        def delete_one_by_one():
            for volume in views:
                self.driver.delete_volume(volume)
            return None, None
        try:
            model_update, volume_updates = group_calls.run(
                view, lambda: self.driver.delete_group(ctx, view, views),
                lambda: self.driver.delete_consistencygroup(ctx, view, views),
                delete_one_by_one)
            model_updates.check_model_update(model_update, 'the group')
            model_updates.check_deleted(volume_updates, 'volumes')
        except Exception as e:
            message.record_failure(
                ctx, e, 'Deleting group %s' % group_id, group, 'GROUP_000003',
                message.ASK_ADMIN, lambda: self._set_error_deleting(ctx, group_id, volumes))
            return
        try:
            with db_engine.transaction(ctx):
                self.volumes.forget(ctx, volumes)
                if db_groups.delete_group(ctx, group_id):
                    quota.release(ctx, group.project_id, {quota.GROUPS: 1})
        except Exception as e:
            # The data is gone but the rows stay: error_deleting lets a forced
            # delete try again instead of leaving the group in deleting for good.
            message.record_failure(
                ctx, e, 'Forgetting deleted group %s' % group_id, group, 'GROUP_000003',
                message.ASK_ADMIN, lambda: db_groups.conditional_update(
                    ctx, group_id, {'status': 'error_deleting'}, ('deleting',)))
            return
        LOG.info('Deleted group %s with %d volumes', group_id, len(volumes))

    @staticmethod
    def _set_error_deleting(ctx, group_id, volumes):
        db_groups.update_group(ctx, group_id, {'status': 'error_deleting'})
        db_volumes.set_status_where(ctx, [v.id for v in volumes], 'error_deleting',
                                    ['deleting'])
        return True

    def update(self, ctx, group_id, add_volume_ids, remove_volume_ids):
        """The API already recorded the new membership; undo it if the driver fails."""
        group = db_groups.get_group(ctx, group_id)
        if group.status != 'updating':
            return
        added = db_volumes.get_volumes_by_ids(ctx, add_volume_ids)
        removed = db_volumes.get_volumes_by_ids(ctx, remove_volume_ids)
        view = group_view(ctx, group)
        changes = {'add_volumes': [Resource.of(v) for v in added],
                   'remove_volumes': [Resource.of(v) for v in removed]}

        def record_only():
            LOG.debug('Driver keeps no membership for group %s', group_id)
            return None, None, None
        try:
            model_update, _, _ = group_calls.run(
                view, lambda: self.driver.update_group(ctx, view, **changes),
                lambda: self.driver.update_consistencygroup(ctx, view, **changes),
                record_only)
            model_updates.check_model_update(model_update, 'the group')
        except Exception as e:
            message.record_failure(
                ctx, e, 'Updating group %s' % group_id, group, 'GROUP_000004',
                message.ASK_ADMIN,
                lambda: self._undo_membership(ctx, group_id, added, removed))
            return
        db_groups.conditional_update(ctx, group_id, {'status': 'available'}, ['updating'])

    @staticmethod
    def _undo_membership(ctx, group_id, added, removed):
        db_volumes.update_volumes(ctx, dict(
            {v.id: {'group_id': None} for v in added},
            **{v.id: {'group_id': group_id} for v in removed}))
        db_groups.update_group(ctx, group_id, {'status': 'available'})
        return True
