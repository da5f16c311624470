"""Service layer for snapshots."""

from cinderlite import exception
from cinderlite import quota
from cinderlite.db import common as db_common
from cinderlite.db import engine as db_engine
from cinderlite.db import snapshots as db_snapshots
from cinderlite.db import types as db_types
from cinderlite.db import volumes as db_volumes
from cinderlite.services import checks

#: What an admin's force delete accepts: every status (a snapshot already
#: ``deleting`` is sent to its volume host again, which is harmless).
FORCE_DELETABLE = ('available', 'error', 'creating', 'deleting', 'error_deleting',
                   'updating', 'unmanaging', 'backing-up', 'restoring', 'deleted')


class SnapshotService:

    def __init__(self, conf, volume_rpcapi):
        self.conf = conf
        self.volume_rpcapi = volume_rpcapi

    def get(self, context, snapshot_id):
        return db_snapshots.get_snapshot(context, snapshot_id)

    def get_all(self, context, filters, all_projects, **page):
        """Snapshots matching ``filters``; ``metadata`` (a dict, 3.22) must all match."""
        filters = dict(filters)
        metadata = filters.pop('metadata', None)
        return db_snapshots.list_snapshots(context, filters, all_projects,
                                           metadata=metadata, **page)

    def count(self, context, filters, all_projects):
        """How many snapshots a list with ``filters`` would show without paging (3.45)."""
        filters = dict(filters)
        metadata = filters.pop('metadata', None)
        return db_snapshots.count_snapshots(context, filters, all_projects, metadata)

    def describe(self, context, snapshots):
        """``{snapshot id: metadata}`` for views, in one query."""
        return db_snapshots.get_metadata(context, [s.id for s in snapshots])

    def create(self, context, volume_id, name=None, description=None, force=False,
               metadata=None):
        """Charge quota and write the snapshot row in one transaction, then cast.

        :raises VolumeNotFound: (404) unknown or another project's volume.
        :raises InvalidVolume: (400) the volume is not available (in-use needs force).
        :raises OverQuota: (413).
        """
        volume = db_volumes.get_volume(context, volume_id)
        allowed = ('available', 'in-use') if force else ('available',)
        if volume.status not in allowed:
            raise exception.InvalidVolume(
                reason="Volume %s status must be available, but current status is: %s."
                       % (volume_id, volume.status))
        checks.require_live_host(self.conf, context, volume.host, 'the volume')
        vtype = db_types.get_type(context.elevated(), volume.volume_type_id)
        row = {'id': db_common.new_id(), 'project_id': context.project_id,
               'user_id': context.user_id, 'volume_id': volume_id, 'group_snapshot_id': None,
               'volume_type_id': volume.volume_type_id, 'status': 'creating',
               'size': volume.size, 'name': name, 'description': description,
               'progress': '0%', 'provider_location': None}
        self._write_snapshot(context, row, volume, vtype, metadata)
        try:
            self.volume_rpcapi.create_snapshot(context, volume.host, row['id'])
        except exception.ServiceUnavailable:
            self._undo_create(context, row, vtype)
            raise
        return db_snapshots.get_snapshot(context, row['id'])

    @db_engine.retry_on_deadlock
    def _undo_create(self, context, row, vtype):
        """Remove a snapshot whose cast the message bus refused, and refund it."""
        with db_engine.transaction(context):
            db_snapshots.delete_snapshot(context, row['id'])
            quota.release(context, context.project_id,
                          quota.snapshot_deltas([row], {vtype.id: vtype.name}))

    @db_engine.retry_on_deadlock
    def _write_snapshot(self, context, row, volume, vtype, metadata):
        """Hold the volume, charge quota and insert the snapshot: one transaction."""
        with db_engine.transaction(context):
            db_volumes.hold_volume(context, volume, 'Volume %s' % volume.id)
            quota.reserve(self.conf, context, context.project_id,
                          quota.snapshot_deltas([row], {vtype.id: vtype.name}))
            db_snapshots.create_snapshots(context, [row])
            db_snapshots.add_metadata(context, row['id'], metadata)

    def update(self, context, snapshot_id, values):
        db_snapshots.get_snapshot(context, snapshot_id)
        if values:
            db_snapshots.update_snapshot(context, snapshot_id, values)
        return db_snapshots.get_snapshot(context, snapshot_id)

    def delete(self, context, snapshot_id, force=False):
        """Move the snapshot to ``deleting`` and cast; ``force`` ignores its status.

        :raises InvalidSnapshot: (400) a cgsnapshot member, not available/error
            (unless forced), or the source of a volume being created.
        """
        snapshot = db_snapshots.get_snapshot(context, snapshot_id)
        if snapshot.group_snapshot_id:
            raise exception.InvalidSnapshot(
                reason='Snapshot %s cannot be deleted because it is part of a '
                       'consistency group.' % snapshot_id)
        with db_engine.transaction(context):
            if not db_snapshots.conditional_update(
                    context, snapshot_id, {'status': 'deleting'},
                    FORCE_DELETABLE if force else ('available', 'error')):
                raise exception.InvalidSnapshot(
                    reason='Volume Snapshot status must be available or error.')
            # Under the row lock that db_snapshots.hold_snapshot also takes: a volume
            # being made from this snapshot is committed by now, and counted.
            if db_volumes.count_copies_in_flight(context, snapshot_ids=[snapshot_id]):
                raise exception.InvalidSnapshot(
                    reason='Snapshot %s is the source of a volume being created; delete '
                           'it when that is done.' % snapshot_id)
        volume = db_volumes.get_volume(context.elevated(), snapshot.volume_id)
        try:
            self.volume_rpcapi.delete_snapshot(context, volume.host, snapshot_id)
        except exception.ServiceUnavailable:
            if snapshot.status != 'deleting':
                db_snapshots.conditional_update(context, snapshot_id,
                                                {'status': snapshot.status}, ('deleting',))
            raise

    def get_metadata(self, context, snapshot_id):
        db_snapshots.get_snapshot(context, snapshot_id)
        return db_snapshots.get_metadata(context, [snapshot_id])[snapshot_id]

    def set_metadata(self, context, snapshot_id, metadata, replace=False):
        """Merge ``metadata`` (or replace all keys); returns the snapshot's metadata."""
        db_snapshots.get_snapshot(context, snapshot_id)
        db_snapshots.set_metadata(context, snapshot_id, metadata, replace=replace)
        return db_snapshots.get_metadata(context, [snapshot_id])[snapshot_id]

    def delete_metadata(self, context, snapshot_id, key):
        """:raises SnapshotMetadataNotFound: (404)."""
        db_snapshots.get_snapshot(context, snapshot_id)
        db_snapshots.delete_metadata_key(context, snapshot_id, key)
