"""Service layer of snapshot actions: reset status and report progress (plain writes)."""

from cinderlite import exception
from cinderlite.db import snapshots as db_snapshots

#: os-update_snapshot_status: the statuses each current status may move to (Cinder's).
UPDATABLE = {'creating': ('creating', 'available', 'error'),
             'deleting': ('deleting', 'error_deleting')}


class SnapshotActionService:

    def reset_status(self, context, snapshot_id, status):
        db_snapshots.get_snapshot(context, snapshot_id)
        db_snapshots.update_snapshot(context, snapshot_id, {'status': status})

    def update_status(self, context, snapshot_id, status, progress=None):
        """Move a ``creating`` or ``deleting`` snapshot as its reporter says.

        :raises BadRequest: (400) the snapshot or the status asked are not allowed.
        """
        snapshot = db_snapshots.get_snapshot(context, snapshot_id)
        allowed = UPDATABLE.get(snapshot.status)
        if allowed is None:
            raise exception.BadRequest(
                reason='Snapshot status %s not allowed for update_snapshot_status'
                       % snapshot.status)
        if status not in allowed:
            raise exception.BadRequest(
                reason='Provided snapshot status %s not allowed for snapshot with status '
                       '%s.' % (status, snapshot.status))
        values = {'status': status}
        if progress:
            values['progress'] = progress
        if not db_snapshots.conditional_update(context, snapshot_id, values,
                                               [snapshot.status]):
            raise exception.BadRequest(
                reason='Snapshot %s changed status while this request was served.'
                       % snapshot_id)
