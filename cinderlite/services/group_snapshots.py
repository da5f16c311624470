"""Service layer of the group snapshot API (3.14+): snapshots of groups but CGs.

Creating and deleting are the cgsnapshot operations given the groups API's
words; this module adds the reserved-type guard and reset status.
"""

from cinderlite import exception
from cinderlite.db import group_snapshots as db_group_snapshots
from cinderlite.db import group_types as db_group_types
from cinderlite.services import cgsnapshots
from cinderlite.services import group_words
from cinderlite.services import groups

RESET_STATUSES = groups.RESET_STATUSES


class GroupSnapshotService:

    def __init__(self, conf, volume_rpcapi):
        self.lifecycle = cgsnapshots.CgSnapshotService(conf, volume_rpcapi,
                                                       group_words.GROUP)

    def get(self, context, group_snapshot_id):
        """:raises GroupSnapshotNotFound: (404). :raises BadRequest: (400) a cgsnapshot."""
        group_snapshot = self.lifecycle.get(context, group_snapshot_id)
        if group_snapshot.group_type_id == db_group_types.get_cg_type(context).id:
            raise exception.BadRequest(
                reason='Group_type %s is reserved for migrating CGs to groups. Migrated '
                       'group snapshots can only be operated by CG snapshot APIs.'
                       % group_snapshot.group_type_id)
        return group_snapshot

    def get_all(self, context, filters, all_projects, **page):
        return db_group_snapshots.list_group_snapshots(
            context, filters, all_projects,
            except_type_id=db_group_types.get_cg_type(context).id, **page)

    def create(self, context, group_id, name=None, description=None):
        """A snapshot of every member of a generic group (see CgSnapshotService.create)."""
        return self.lifecycle.create(context, group_id, name, description,
                                     check_group=lambda g: groups.refuse_cg(context, g))

    def delete(self, context, group_snapshot_id):
        self.get(context, group_snapshot_id)
        self.lifecycle.delete(context, group_snapshot_id)

    def reset_status(self, context, group_snapshot_id, status):
        """:raises InvalidGroupSnapshotStatus: (400) empty or unknown status."""
        self.get(context, group_snapshot_id)
        status = (status or '').lower()
        if status not in RESET_STATUSES:
            raise exception.InvalidGroupSnapshotStatus(
                reason='Group snapshot status: %s is invalid, valid statuses are: %s.'
                       % (status, RESET_STATUSES))
        db_group_snapshots.update_group_snapshot(context, group_snapshot_id,
                                                 {'status': status})
