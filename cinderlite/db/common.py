"""Query helpers shared by the resource modules: project scoping, pagination, UUIDs."""

import uuid

import sqlalchemy as sa

from oslo_db.sqlalchemy import utils as db_utils

from cinderlite import exception
from cinderlite.db import models


def new_id():
    return str(uuid.uuid4())


def scoped(query, model, context, all_projects=True):
    """Limit ``query`` to the caller's project; admins see every project when asked.

    Lookups by id pass ``all_projects=True`` (an admin may act on any row);
    lists pass the request's ``all_tenants``.
    """
    if context.is_admin and all_projects:
        return query
    return query.filter(model.project_id == context.project_id)


def paginate(query, model, marker_query, limit=None, offset=None, marker=None,
             sort_keys=None, sort_dirs=None):
    """Apply sort, marker, offset and limit the way Cinder's list APIs do.

    ``marker_query`` is the scoped query in which the marker must be found:
    an unknown marker (or another project's) is a 404, as in Cinder.
    """
    sort_keys = list(sort_keys or ['created_at'])
    sort_dirs = list(sort_dirs or ['desc'] * len(sort_keys))
    if 'id' not in sort_keys:
        sort_keys.append('id')
        sort_dirs.append(sort_dirs[0])
    for key in sort_keys:
        if not hasattr(model, key):
            raise exception.InvalidInput(reason='Invalid sort key %s' % key)
    marker_obj = None
    if marker:
        marker_obj = marker_query.filter(model.id == marker).first()
        if marker_obj is None:
            raise exception.MarkerNotFound(marker=marker)
    query = db_utils.paginate_query(query, model, limit, sort_keys,
                                    marker=marker_obj, sort_dirs=sort_dirs)
    if offset:
        query = query.offset(offset)
    return query


def update_by_id(session, model, values_by_id):
    """Apply per-row values in ONE UPDATE: a ``CASE id WHEN ...`` per column.

    ``values_by_id`` is ``{id: {column: value}}``; a column not given for a
    row keeps that row's value. One round trip whatever the number of rows.
    """
    if not values_by_id:
        return
    columns = sorted({k for values in values_by_id.values() for k in values})
    assignments = {}
    for column in columns:
        whens = {rid: values[column] for rid, values in values_by_id.items()
                 if column in values}
        assignments[column] = sa.case(whens, value=model.id,
                                      else_=getattr(model, column))
    assignments['updated_at'] = models.utcnow()
    session.execute(sa.update(model).where(model.id.in_(list(values_by_id)))
                    .values(assignments))
