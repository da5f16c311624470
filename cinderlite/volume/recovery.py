"""What a restarting volume service does with work a previous run left in flight.

Every operation of the manager is idempotent and keyed on a status, so the
recovery re-drives each resource of this host still in a transitional status
(``creating``, ``deleting``, ``extending``, ``updating``); a retype in flight is
given up (the volume returns to its status with a message: its type changes
only in one last transaction, so nothing is half done). Sources of clones
cannot be deleted while a clone is in flight, so a resumed clone finds them as
before.
"""

import functools

from oslo_log import log as logging

from cinderlite.db import group_snapshots as db_group_snapshots
from cinderlite.db import groups as db_groups
from cinderlite.db import snapshots as db_snapshots
from cinderlite.db import volumes as db_volumes
from cinderlite.volume import retypes

LOG = logging.getLogger(__name__)


def resume_work_in_flight(manager, ctx):
    """Re-run the manager operation of every resource stuck on ``manager``'s backend.

    Each resource is resumed on its own: one that fails again is logged (and
    left in the status its operation gives it), and the service still starts.
    """
    for what, resume in _work_in_flight(manager, ctx):
        LOG.info('Resuming %s', what)
        try:
            resume()
        except Exception:
            LOG.exception('Resuming %s failed; it is left as it is', what)


def _work_in_flight(manager, ctx):
    """``(description, callable)`` for every resource this backend left in flight."""
    prefix = manager.service_host + '#'
    groups = db_groups.get_stuck_groups(ctx, prefix, ('creating', 'deleting', 'updating'))
    # Their own operation covers the members of groups being created or deleted.
    covered = {g.id for g in groups if g.status in ('creating', 'deleting')}
    for group in groups:
        what = '%s of group %s' % (group.status, group.id)
        if group.status == 'creating' and (group.source_group_id or group.group_snapshot_id):
            yield what, functools.partial(
                manager.create_consistencygroup_from_src, ctx, group.id,
                cgsnapshot_id=group.group_snapshot_id, source_cg_id=group.source_group_id)
        elif group.status == 'creating':
            yield what, functools.partial(manager.create_consistencygroup, ctx, group.id)
        elif group.status == 'deleting':
            yield what, functools.partial(manager.delete_consistencygroup, ctx, group.id)
        else:
            # The membership change is already recorded; the driver call is redone.
            yield what, functools.partial(manager.update_consistencygroup, ctx, group.id,
                                          [], [])
    for volume in db_volumes.get_stuck_volumes(
            ctx, prefix, ('creating', 'deleting', 'extending', 'retyping', 'reverting')):
        what = '%s of volume %s' % (volume.status, volume.id)
        if volume.status == 'retyping':
            yield what, functools.partial(
                retypes.end_retype, ctx, volume,
                'the volume service restarted while it was in progress. ' + retypes.KEPT)
        elif volume.status == 'reverting':
            # Copying the snapshot's data again is safe: the volume is not in use.
            restoring = db_snapshots.list_snapshots(
                ctx, {'volume_id': volume.id, 'status': 'restoring'}, all_projects=True)
            if restoring:
                yield what, functools.partial(manager.revert_to_snapshot, ctx, volume.id,
                                              restoring[0].id)
        elif volume.status == 'extending':
            # The row holds the new size (and its quota): growing to it again is safe.
            yield what, functools.partial(manager.extend_volume, ctx, volume.id, volume.size)
        elif volume.group_id not in covered and volume.status == 'creating':
            yield what, functools.partial(manager.create_volume, ctx, volume.id)
        elif volume.group_id not in covered:
            # Snapshots still ``deleting`` with their volume are a cascade's: they go first.
            yield what, functools.partial(manager.delete_volume, ctx, volume.id,
                                          cascade=True)
    for snapshot in db_snapshots.get_stuck_snapshots(ctx, prefix, ('creating', 'deleting')):
        operation = (manager.create_snapshot if snapshot.status == 'creating'
                     else manager.delete_snapshot)
        yield ('%s of snapshot %s' % (snapshot.status, snapshot.id),
               functools.partial(operation, ctx, snapshot.id))
    for cgsnapshot in db_group_snapshots.get_stuck_group_snapshots(ctx, prefix,
                                                           ('creating', 'deleting')):
        operation = (manager.create_cgsnapshot if cgsnapshot.status == 'creating'
                     else manager.delete_cgsnapshot)
        yield ('%s of cgsnapshot %s' % (cgsnapshot.status, cgsnapshot.id),
               functools.partial(operation, ctx, cgsnapshot.id))
