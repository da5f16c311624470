"""What a restarting volume service does with work a previous run left in flight.

Every operation of the manager is idempotent and keyed on a status, so the
recovery re-drives each resource of this host still in a transitional status
(``creating``, ``deleting``, ``updating``). Sources of clones cannot be deleted
while a clone is in flight, so a resumed clone finds them as before.
"""

from oslo_log import log as logging

from cinderlite.db import cgsnapshots as db_cgsnapshots
from cinderlite.db import groups as db_groups
from cinderlite.db import snapshots as db_snapshots
from cinderlite.db import volumes as db_volumes

LOG = logging.getLogger(__name__)


def resume_work_in_flight(manager, ctx):
    """Re-run the manager operation of every resource stuck on ``manager``'s backend."""
    prefix = manager.service_host + '#'
    groups = db_groups.get_stuck_groups(ctx, prefix, ('creating', 'deleting', 'updating'))
    grouped = {g.id for g in groups}
    for group in groups:
        LOG.info('Resuming %(status)s of group %(id)s', {'status': group.status,
                                                        'id': group.id})
        if group.status == 'creating' and (group.source_cg_id or group.cgsnapshot_id):
            manager.create_consistencygroup_from_src(
                ctx, group.id, cgsnapshot_id=group.cgsnapshot_id,
                source_cg_id=group.source_cg_id)
        elif group.status == 'creating':
            manager.create_consistencygroup(ctx, group.id)
        elif group.status == 'deleting':
            manager.delete_consistencygroup(ctx, group.id)
        else:
            # The membership change is already recorded; the driver call is redone.
            manager.update_consistencygroup(ctx, group.id, [], [])
    for volume in db_volumes.get_stuck_volumes(ctx, prefix, ('creating', 'deleting')):
        if volume.consistencygroup_id in grouped:
            continue
        LOG.info('Resuming %(status)s of volume %(id)s', {'status': volume.status,
                                                         'id': volume.id})
        if volume.status == 'creating':
            manager.create_volume(ctx, volume.id)
        else:
            manager.delete_volume(ctx, volume.id)
    for snapshot in db_snapshots.get_stuck_snapshots(ctx, prefix, ('creating', 'deleting')):
        if snapshot.status == 'creating':
            manager.create_snapshot(ctx, snapshot.id)
        else:
            manager.delete_snapshot(ctx, snapshot.id)
    for cgsnapshot in db_cgsnapshots.get_stuck_cgsnapshots(ctx, prefix,
                                                           ('creating', 'deleting')):
        if cgsnapshot.status == 'creating':
            manager.create_cgsnapshot(ctx, cgsnapshot.id)
        else:
            manager.delete_cgsnapshot(ctx, cgsnapshot.id)
