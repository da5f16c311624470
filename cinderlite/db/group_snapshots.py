"""Queries on group snapshots (cgsnapshots included)."""

import sqlalchemy as sa

from cinderlite import exception
from cinderlite.db import common
from cinderlite.db import engine
from cinderlite.db import models


def create_group_snapshot(context, values):
    with engine.writer(context) as session:
        session.execute(sa.insert(models.GroupSnapshot),
                        [dict(values, created_at=models.utcnow())])


def get_group_snapshot(context, group_snapshot_id,
                       not_found=exception.GroupSnapshotNotFound):
    """The caller's group snapshot; another project's raises ``not_found`` (a 404 class)."""
    with engine.reader(context) as session:
        return common.get_row(session, models.GroupSnapshot, context, group_snapshot_id,
                              not_found(group_snapshot_id=group_snapshot_id))


def get_group_snapshot_for_update(context, group_snapshot_id,
                                  not_found=exception.GroupSnapshotNotFound):
    """Like get_group_snapshot, locking the row for the caller's transaction."""
    with engine.writer(context) as session:
        query = common.scoped(session.query(models.GroupSnapshot), models.GroupSnapshot,
                              context)
        rows = common.lock_rows(session, models.GroupSnapshot, [group_snapshot_id], query)
        if not rows:
            raise not_found(group_snapshot_id=group_snapshot_id)
        return rows[0]


def list_group_snapshots(context, filters=None, all_projects=False, except_type_id=None,
                         **page):
    """Group snapshots matching ``filters``, except those of ``except_type_id``."""
    criteria = ([models.GroupSnapshot.group_type_id != except_type_id] if except_type_id
                else [])
    with engine.reader(context) as session:
        return common.list_rows(session, models.GroupSnapshot, context, filters,
                                all_projects, page, criteria)


def count_group_snapshots_of_group(context, group_id):
    with engine.reader(context) as session:
        return (session.query(sa.func.count(models.GroupSnapshot.id))
                .filter(models.GroupSnapshot.group_id == group_id).scalar())


def update_group_snapshot(context, group_snapshot_id, values):
    with engine.writer(context) as session:
        session.execute(sa.update(models.GroupSnapshot)
                        .where(models.GroupSnapshot.id == group_snapshot_id).values(**values))


def conditional_update(context, group_snapshot_id, values, expected_statuses):
    """Move a group_snapshot out of ``expected_statuses``; returns whether this call won."""
    with engine.writer(context) as session:
        return common.conditional_update(session, models.GroupSnapshot, group_snapshot_id,
                                         values, expected_statuses)


def delete_group_snapshot(context, group_snapshot_id):
    """Delete a group_snapshot row; returns whether it was still there."""
    with engine.writer(context) as session:
        return session.execute(sa.delete(models.GroupSnapshot)
                               .where(models.GroupSnapshot.id == group_snapshot_id)).rowcount == 1


def get_stuck_group_snapshots(context, host_prefix, statuses):
    with engine.reader(context) as session:
        return (session.query(models.GroupSnapshot)
                .join(models.Group,
                      models.Group.id == models.GroupSnapshot.group_id)
                .filter(models.Group.host.like(host_prefix + '%'))
                .filter(models.GroupSnapshot.status.in_(list(statuses))).all())
