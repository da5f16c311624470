"""Queries on consistency group snapshots."""

import sqlalchemy as sa

from cinderlite import exception
from cinderlite.db import common
from cinderlite.db import engine
from cinderlite.db import models


def create_cgsnapshot(context, values):
    with engine.writer(context) as session:
        session.execute(sa.insert(models.CgSnapshot),
                        [dict(values, created_at=models.utcnow())])


def get_cgsnapshot(context, cgsnapshot_id):
    """The caller's cgsnapshot; another project's is CgSnapshotNotFound."""
    with engine.reader(context) as session:
        return common.get_row(session, models.CgSnapshot, context, cgsnapshot_id,
                              exception.CgSnapshotNotFound(cgsnapshot_id=cgsnapshot_id))


def get_cgsnapshot_for_update(context, cgsnapshot_id):
    """Like get_cgsnapshot, locking the row for the caller's transaction."""
    with engine.writer(context) as session:
        query = common.scoped(session.query(models.CgSnapshot), models.CgSnapshot, context)
        rows = common.lock_rows(session, models.CgSnapshot, [cgsnapshot_id], query)
        if not rows:
            raise exception.CgSnapshotNotFound(cgsnapshot_id=cgsnapshot_id)
        return rows[0]


def list_cgsnapshots(context, filters=None, all_projects=False, **page):
    with engine.reader(context) as session:
        return common.list_rows(session, models.CgSnapshot, context, filters,
                                all_projects, page)


def count_cgsnapshots_of_group(context, group_id):
    with engine.reader(context) as session:
        return (session.query(sa.func.count(models.CgSnapshot.id))
                .filter(models.CgSnapshot.consistencygroup_id == group_id).scalar())


def update_cgsnapshot(context, cgsnapshot_id, values):
    with engine.writer(context) as session:
        session.execute(sa.update(models.CgSnapshot)
                        .where(models.CgSnapshot.id == cgsnapshot_id).values(**values))


def conditional_update(context, cgsnapshot_id, values, expected_statuses):
    """Move a cgsnapshot out of ``expected_statuses``; returns whether this call won."""
    with engine.writer(context) as session:
        return common.conditional_update(session, models.CgSnapshot, cgsnapshot_id,
                                         values, expected_statuses)


def delete_cgsnapshot(context, cgsnapshot_id):
    """Delete a cgsnapshot row; returns whether it was still there."""
    with engine.writer(context) as session:
        return session.execute(sa.delete(models.CgSnapshot)
                               .where(models.CgSnapshot.id == cgsnapshot_id)).rowcount == 1


def get_stuck_cgsnapshots(context, host_prefix, statuses):
    with engine.reader(context) as session:
        return (session.query(models.CgSnapshot)
                .join(models.ConsistencyGroup,
                      models.ConsistencyGroup.id == models.CgSnapshot.consistencygroup_id)
                .filter(models.ConsistencyGroup.host.like(host_prefix + '%'))
                .filter(models.CgSnapshot.status.in_(list(statuses))).all())
