"""Manager side of the headline: create a consistency group from a source.

A constant number of queries whatever the number of volumes: the new group,
its clones, the source and its volumes (or cgsnapshot and snapshots) are
each loaded with one query, and the outcome is written in one transaction
of a few statements (one UPDATE with a CASE per column for all clones).
"""

from oslo_log import log as logging

from cinderlite import exception
from cinderlite import message
from cinderlite import statuses
from cinderlite.db import engine as db_engine
from cinderlite.db import group_snapshots as db_group_snapshots
from cinderlite.db import groups as db_groups
from cinderlite.db import snapshots as db_snapshots
from cinderlite.db import volumes as db_volumes
from cinderlite.volume import group_calls
from cinderlite.volume.driver_view import Resource
from cinderlite.volume.driver_view import group_view
from cinderlite.volume.driver_view import snapshot_views
from cinderlite.volume.drivers import progress

LOG = logging.getLogger(__name__)


def pair_with_sources(clones, sources, key):
    """Order ``sources`` so that ``sources[i]`` is the source of ``clones[i]``.

    ``key`` is the clone's column naming its source (``source_volid`` or
    ``snapshot_id``). :raises InvalidInput: when the sets do not match.
    """
    by_id = {s.id: s for s in sources}
    if len(clones) != len(sources) or any(getattr(c, key) not in by_id for c in clones):
        raise exception.InvalidInput(reason='Input volumes or source volumes are invalid.')
    return [by_id[getattr(c, key)] for c in clones]


class CloneOperations:
    """Given the driver, and the bounded pool the volume-by-volume fallback runs in."""

    def __init__(self, driver, executor):
        self.driver = driver
        self.executor = executor

    def create_group_from_source(self, ctx, group_id):
        """Clone the group row's source (``source_group_id`` or ``group_snapshot_id``) into it."""
        group = db_groups.get_group(ctx, group_id)
        if group.status != 'creating':
            LOG.info('Group %(id)s is %(status)s, not creating: nothing to do',
                     {'id': group_id, 'status': group.status})
            return
        clones = db_volumes.get_volumes_in_groups(ctx, [group_id])
        try:
            origins, call_args = self._load_clone_sources(ctx, clones, group.group_snapshot_id,
                                                          group.source_group_id)
            group_update, updates = self._clone(ctx, group, clones, call_args)
            if (group_update or {}).get('status') == 'error':
                raise exception.VolumeDriverException(
                    message='the driver reported the group in error')
        except Exception as e:
            LOG.exception('Cloning into group %s failed', group_id)
            self._record_clone_result(ctx, group, clones, origins=None,
                                      updates={},
                                      reason=message.user_reason(e, message.RETRY))
            return
        self._record_clone_result(ctx, group, clones, origins, updates)

    def _load_clone_sources(self, ctx, clones, cgsnapshot_id, source_cg_id):
        """The origin volume of each clone (paired) and the driver's keyword arguments.

        For a cgsnapshot the origin is the snapshot's volume: bootable and
        metadata are copied from it.
        """
        if cgsnapshot_id:
            cgsnapshot = db_group_snapshots.get_group_snapshot(ctx, cgsnapshot_id)
            members = db_snapshots.get_group_snapshot_members(ctx, [cgsnapshot_id])
            snapshots = pair_with_sources(clones, members, 'snapshot_id')
            if cgsnapshot.status != 'available' or any(
                    s.status != 'available' for s in snapshots):
                raise exception.InvalidCgSnapshot(
                    reason='the cgsnapshot and its snapshots must be available')
            views = snapshot_views(ctx, snapshots)
            return ([v.volume for v in views],
                    {'cgsnapshot': Resource.of(cgsnapshot), 'snapshots': views})
        src_group = db_groups.get_group(ctx, source_cg_id)
        src_volumes = pair_with_sources(clones, db_volumes.get_volumes_by_ids(
            ctx, [c.source_volid for c in clones]), 'source_volid')
        if any(v.group_id != source_cg_id for v in src_volumes):
            raise exception.InvalidConsistencyGroup(
                reason='source volumes left group %s during the clone' % source_cg_id)
        bad = [v.id for v in src_volumes if v.status not in statuses.VOLUME_USABLE]
        if bad:
            raise exception.InvalidConsistencyGroup(
                reason='source volumes %s are not available' % ', '.join(bad))
        views = [Resource.of(v) for v in src_volumes]
        return views, {'src_group': Resource.of(src_group), 'src_volumes': views}

    def _clone(self, ctx, group, clones, call_args):
        """Ask the driver for the whole group; fall back to one volume at a time.

        The driver's create_group_from_src first, then (for a consistent group
        type) create_consistencygroup_from_src, then the generic path.
        Returns ``(group model update, {clone id: volume model update})``.
        """
        views = [Resource.of(c) for c in clones]
        view = group_view(ctx, group)
        group_args = {'group_snapshot': call_args.get('cgsnapshot'),
                      'snapshots': call_args.get('snapshots'),
                      'source_group': call_args.get('src_group'),
                      'source_vols': call_args.get('src_volumes')}

        def volume_by_volume():
            LOG.info('Driver cannot clone group %s whole; cloning volume by volume',
                     group.id)
            # The driver still gets to create the group it will later be asked to delete.
            group_update = group_calls.run(
                view, lambda: self.driver.create_group(ctx, view),
                lambda: self.driver.create_consistencygroup(ctx, view), lambda: None)
            return group_update, self._clone_volume_by_volume(group.id, views, call_args)

        def whole(method, **kwargs):
            group_update, updates = method(ctx, view, views, **kwargs)
            return group_update, {u['id']: u for u in updates or []}
        return group_calls.run(
            view, lambda: whole(self.driver.create_group_from_src, **group_args),
            lambda: whole(self.driver.create_consistencygroup_from_src, **call_args),
            volume_by_volume)

    def _clone_volume_by_volume(self, group_id, views, call_args):
        """Clone each volume in the bounded pool; a failure marks only that volume."""
        sources = call_args.get('snapshots') or call_args['src_volumes']
        create = (self.driver.create_volume_from_snapshot if 'snapshots' in call_args
                  else self.driver.create_cloned_volume)
        done = progress.Progress('Cloning into group %s volume by volume' % group_id,
                                 len(views), self.driver.conf.progress_log_interval)

        def clone_one(pair):
            volume, source = pair
            try:
                return dict(create(volume, source) or {}, id=volume.id, status='available')
            except Exception:
                LOG.exception('Cloning volume %s failed', volume.id)
                return {'id': volume.id, 'status': 'error'}
            finally:
                done.member_done()

        return {u['id']: u for u in self.executor.map(clone_one,
                                                            zip(views, sources))}

    def _record_clone_result(self, ctx, group, clones, origins, updates, reason=None):
        """Write the group's and every clone's outcome in one transaction.

        A clone the driver did not report ``error`` is ``available`` unless the
        whole operation failed; any failed clone makes the group ``error``
        (real Cinder would show it ``available``) and leaves a user message.
        """
        values = {}
        for index, clone in enumerate(clones):
            update = updates.get(clone.id, {})
            ok = reason is None and update.get('status', 'available') != 'error'
            values[clone.id] = {'status': 'available' if ok else 'error'}
            if update.get('provider_location'):
                values[clone.id]['provider_location'] = update['provider_location']
            if ok and origins:
                values[clone.id]['bootable'] = origins[index].bootable
        failed = [vid for vid, v in values.items() if v['status'] == 'error']
        if failed and reason is None:
            reason = 'volumes %s could not be cloned. %s' % (', '.join(failed),
                                                             message.RETRY)
        with db_engine.transaction(ctx):
            db_volumes.update_volumes(ctx, values)
            if origins:
                db_volumes.copy_metadata(ctx, [(c.id, o.id) for c, o in
                                               zip(clones, origins)
                                               if values[c.id]['status'] == 'available'])
            moved = db_groups.conditional_update(
                ctx, group.id, {'status': 'error' if reason else 'available'}, ['creating'])
            # In the same transaction: whoever sees the group in error finds why.
            if moved and reason:
                message.record(ctx, group.project_id, group.id, 'GROUP_000005', reason)
        if not reason:
            LOG.info('Cloned %(n)d volumes into group %(id)s', {'n': len(clones),
                                                                'id': group.id})
