"""Queries on groups (consistency groups included) and the volume types they accept."""

import sqlalchemy as sa

from cinderlite import exception
from cinderlite.db import common
from cinderlite.db import engine
from cinderlite.db import models


def create_group(context, values, volume_type_ids):
    """Insert a group row and its accepted types; ``values`` holds every column."""
    with engine.writer(context) as session:
        values = dict(values, created_at=models.utcnow())
        session.execute(sa.insert(models.Group), [values])
        session.execute(sa.insert(models.GroupVolumeTypeMapping),
                        [{'group_id': values['id'], 'volume_type_id': t,
                          'created_at': values['created_at']} for t in volume_type_ids])


def get_group(context, group_id, not_found=exception.GroupNotFound):
    """The caller's group; another project's raises ``not_found`` (a 404 class).

    The consistency group API passes ConsistencyGroupNotFound, which names
    the resource as that API does.
    """
    with engine.reader(context) as session:
        return common.get_row(session, models.Group, context, group_id,
                              not_found(group_id=group_id))


def read_group(context, group_id, not_found=exception.GroupNotFound):
    """get_group as a read-only row, for a show's view (see common.read_row)."""
    with engine.reader(context) as session:
        return common.read_row(session, models.Group, context, group_id,
                               not_found(group_id=group_id))


def get_group_for_update(context, group_id, not_found=exception.GroupNotFound):
    """Like get_group, locking the row for the caller's transaction."""
    with engine.writer(context) as session:
        query = common.scoped(session.query(models.Group), models.Group, context)
        rows = common.lock_rows(session, models.Group, [group_id], query)
        if not rows:
            raise not_found(group_id=group_id)
        return rows[0]


def hold_available(context, group):
    """Lock ``group``'s row for the caller's transaction; whether it is still ``available``.

    A delete of the group racing with a volume created into it, or with a
    group snapshot of it, either moved the group first (then this answers
    False) or waits for this transaction and then sees what it created.
    """
    with engine.writer(context) as session:
        rows = common.lock_rows(session, models.Group, [group.id])
    return bool(rows) and rows[0].status == 'available'


def get_volume_type_ids(context, group_ids):
    """``{group_id: [type ids]}`` for the listed groups, in one query."""
    result = {gid: [] for gid in group_ids}
    if not group_ids:
        return result
    with engine.reader(context) as session:
        rows = common.run(session, _VOLUME_TYPE_IDS, {'group_ids': list(group_ids)}).all()
    for group_id, type_id in rows:
        result[group_id].append(type_id)
    return result


#: Built once, of Table columns: every group view runs it (see common.run).
_MAPPING = models.GroupVolumeTypeMapping.__table__
_VOLUME_TYPE_IDS = (
    sa.select(_MAPPING.c.group_id, _MAPPING.c.volume_type_id)
    .where(_MAPPING.c.group_id.in_(sa.bindparam('group_ids', expanding=True)))
    .order_by(_MAPPING.c.volume_type_id))


def ids_of_type(context, group_ids, group_type_id):
    """The ids among ``group_ids`` of groups of ``group_type_id``, one query."""
    with engine.reader(context) as session:
        return {row[0] for row in session.query(models.Group.id)
                .filter(models.Group.id.in_(list(group_ids)))
                .filter(models.Group.group_type_id == group_type_id)}


def list_groups(context, filters=None, all_projects=False, except_type_id=None, **page):
    """Groups matching ``filters``; the groups API leaves the CG type out (``except_type_id``)."""
    criteria = [models.Group.group_type_id != except_type_id] if except_type_id else []
    with engine.reader(context) as session:
        return common.list_rows(session, models.Group, context, filters,
                                all_projects, page, criteria)


def update_group(context, group_id, values):
    with engine.writer(context) as session:
        session.execute(sa.update(models.Group)
                        .where(models.Group.id == group_id).values(**values))


def conditional_update(context, group_id, values, expected_statuses):
    """Move a group out of ``expected_statuses``; returns whether this call won."""
    with engine.writer(context) as session:
        return common.conditional_update(session, models.Group, group_id,
                                         values, expected_statuses)


def delete_group(context, group_id):
    """Delete a group row and its type links; returns whether it was still there."""
    with engine.writer(context) as session:
        session.execute(sa.delete(models.GroupVolumeTypeMapping)
                        .where(models.GroupVolumeTypeMapping.group_id
                               == group_id))
        return session.execute(sa.delete(models.Group)
                               .where(models.Group.id == group_id)).rowcount == 1


def count_clones_in_flight(context, source_group_id=None, group_snapshot_id=None):
    """Groups still being created from this source group or group snapshot."""
    model = models.Group
    with engine.reader(context) as session:
        query = session.query(sa.func.count(model.id)).filter(model.status == 'creating')
        if source_group_id:
            query = query.filter(model.source_group_id == source_group_id)
        else:
            query = query.filter(model.group_snapshot_id == group_snapshot_id)
        return query.scalar()


def get_stuck_groups(context, host_prefix, statuses):
    with engine.reader(context) as session:
        return (session.query(models.Group)
                .filter(models.Group.host.like(host_prefix + '%'))
                .filter(models.Group.status.in_(list(statuses))).all())


def count_groups_with_type(context, volume_type_id):
    with engine.reader(context) as session:
        return (session.query(sa.func.count(models.GroupVolumeTypeMapping.volume_type_id))
                .filter(models.GroupVolumeTypeMapping.volume_type_id == volume_type_id)
                .scalar())
