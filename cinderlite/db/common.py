"""Query helpers shared by the resource modules: project scoping, pagination, UUIDs."""

import datetime
import uuid

from oslo_utils import strutils
from oslo_utils import timeutils
import sqlalchemy as sa

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


def get_row(session, model, context, row_id, not_found):
    """The row ``row_id`` the caller may see; raises ``not_found`` (a 404) otherwise."""
    row = scoped(session.query(model), model, context).filter(model.id == row_id).first()
    if row is None:
        raise not_found
    return row


#: Statements built once per (model, scoped): a show runs its lookup as a
#: ready Core statement, without building a query, a cache key or an ORM
#: instance each time (together most of the CPU of a show).
_READ_BY_ID = {}


def read_row(session, model, context, row_id, not_found):
    """Like :func:`get_row`, as a read-only row (attribute access by column name).

    For the views of a show, which only read the row: not for code that
    hands the row on as a model instance (driver views, ``to_dict``).
    """
    scoped = not context.is_admin
    statement = _READ_BY_ID.get((model, scoped))
    if statement is None:
        table = model.__table__
        statement = sa.select(table).where(table.c.id == sa.bindparam('row_id'))
        if scoped:
            statement = statement.where(table.c.project_id == sa.bindparam('project_id'))
        _READ_BY_ID[(model, scoped)] = statement
    params = {'row_id': row_id}
    if scoped:
        params['project_id'] = context.project_id
    row = run(session, statement, params).first()
    if row is None:
        raise not_found
    return row


def run(session, statement, params=None):
    """Execute a Core statement of Table columns on ``session``'s connection.

    The result is plain rows. ``session.execute`` would send even a Core
    statement through the ORM's execution and loading machinery, a third
    of the cost of a small query.
    """
    return connection_of(session).execute(statement, params)


_CONNECTION = 'cinderlite_connection'


def connection_of(session):
    """``session.connection()``, looked up once per transaction of the session.

    Asking the session costs a tenth of a show (four times per show). The
    connection is kept in ``session.info`` while it is open: a session whose
    transaction ended has closed it, and the next one asks again.
    """
    connection = session.info.get(_CONNECTION)
    if connection is None or connection.closed or connection.invalidated:
        connection = session.info[_CONNECTION] = session.connection()
    return connection


def lock_rows(session, model, row_ids, query=None):
    """The listed rows that still exist, locked for the caller's write transaction.

    The one way rows are locked: ``SELECT ... FOR UPDATE`` (on SQLite every
    write transaction is already exclusive, BEGIN IMMEDIATE). A racing
    writer waits for the caller's commit, then sees what it wrote.
    """
    if not row_ids:
        return []
    query = query if query is not None else session.query(model)
    return query.filter(model.id.in_(list(row_ids))).with_for_update().all()


def conditional_update(session, model, row_id, values, expected_statuses, **where):
    """``UPDATE model SET values WHERE id AND status IN expected [AND column = value]``.

    A ``where`` value that is a tuple means ``column IN (...)``. Returns
    whether this call won: two racing requests cannot both move one row out
    of the same status.
    """
    stmt = (sa.update(model).where(model.id == row_id)
            .where(model.status.in_(list(expected_statuses))))
    for column, value in where.items():
        attribute = getattr(model, column)
        stmt = stmt.where(attribute.in_(value) if isinstance(value, tuple)
                          else attribute == value)
    return session.execute(stmt.values(**values)).rowcount == 1


def metadata_of(session, column, owner_ids):
    """``{owner id: {key: value}}`` from the metadata table of ``column``, one query.

    ``column`` is the metadata model's owner column, such as
    ``VolumeMetadata.volume_id``; every listed owner gets a dict, maybe empty.
    """
    result = {owner_id: {} for owner_id in owner_ids}
    if owner_ids:
        statement = _METADATA_OF.get(column)
        if statement is None:
            table = column.class_.__table__
            owner = table.c[column.key]
            statement = _METADATA_OF[column] = sa.select(
                owner, table.c.key, table.c.value).where(
                owner.in_(sa.bindparam('owner_ids', expanding=True)))
        for owner_id, key, value in run(session, statement, {'owner_ids': list(owner_ids)}):
            result[owner_id][key] = value
    return result


#: The statement of metadata_of per owner column, built once (see _READ_BY_ID).
_METADATA_OF = {}


def set_metadata(session, column, owner_id, metadata, replace=False):
    """Upsert ``metadata`` keys of one owner; with ``replace`` drop the keys not given.

    ``column`` is the metadata model's owner column, as for metadata_of.
    """
    model = column.class_
    existing = {row.key: row for row in session.query(model).filter(column == owner_id)}
    for key, row in existing.items():
        if key in metadata:
            row.value = metadata[key]
        elif replace:
            session.delete(row)
    new = [{column.key: owner_id, 'key': k, 'value': v, 'created_at': models.utcnow()}
           for k, v in metadata.items() if k not in existing]
    if new:
        session.execute(sa.insert(model), new)


def delete_metadata_key(session, column, owner_id, key):
    """Delete one metadata key of one owner; returns whether it was there."""
    model = column.class_
    return session.execute(sa.delete(model).where(column == owner_id)
                           .where(model.key == key)).rowcount == 1


def list_rows(session, model, context, filters, all_projects, page, criteria=()):
    """Rows matching ``filters`` (see filter_criteria) and ``criteria``, paginated.

    A list returns plain rows (attribute access by column name, read-only),
    not ORM instances: building and tracking an instance per row was a third
    of the CPU of a list page, and a page is only ever read. It runs on the
    session's connection (see :func:`run`): no ORM processing per row either.
    """
    query = scoped(sa.select(*model.__table__.columns), model, context,
                   all_projects).filter(*criteria, *filter_criteria(model, filters))
    marker_query = scoped(session.query(model), model, context)
    return run(session, paginate(query, model, marker_query, **page)).all()


def count_rows(session, model, context, filters, all_projects, criteria=()):
    """How many rows list_rows would list without paging (3.45 ``count``), one query."""
    query = scoped(sa.select(sa.func.count()).select_from(model), model, context,
                   all_projects).filter(*criteria, *filter_criteria(model, filters))
    return session.execute(query).scalar()


#: Columns Cinder filters on that cinderlite does not store, and the value
#: every row has: every volume and snapshot counts against quota.
_CONSTANT_COLUMNS = {'use_quota': True}

_TIME_OPERATORS = {'gt': '__gt__', 'gte': '__ge__', 'eq': '__eq__', 'neq': '__ne__',
                   'lt': '__lt__', 'lte': '__le__'}


def filter_criteria(model, filters):
    """SQL criteria of list filters on ``model``'s columns, as Cinder's data layer reads them.

    * ``key=value``: the column equals the value (converted to the column's
      type; a value that cannot be converted matches nothing).
    * ``key~=value`` (3.34): the column contains the value, as a literal
      (``%`` and ``_`` are escaped), ignoring case on every database.
    * ``key={op: datetime}`` (3.60): any of the comparisons holds.
    * a key that names no column matches nothing, as in Cinder.
    """
    criteria = []
    for key, value in (filters or {}).items():
        name = key[:-1] if key.endswith('~') else key
        column = model.__table__.columns.get(name)
        if column is None:
            if name in _CONSTANT_COLUMNS and not key.endswith('~'):
                criteria.append(sa.true() if value == _CONSTANT_COLUMNS[name]
                                else sa.false())
                continue
            return [sa.false()]
        attribute = getattr(model, name)
        if key.endswith('~'):
            criteria.append(_contains(attribute, column, value))
        elif isinstance(value, dict):
            criteria.append(sa.or_(*[getattr(attribute, _TIME_OPERATORS[op])(when)
                                     for op, when in value.items()]))
        else:
            converted = _converted(column, value)
            criteria.append(sa.false() if converted is _NO_MATCH
                            else attribute == converted)
    return criteria


def _contains(attribute, column, value):
    if not isinstance(column.type, (sa.String, sa.Text)):
        attribute = sa.cast(attribute, sa.String)
    escaped = (str(value).replace('/', '//').replace('%', '/%').replace('_', '/_'))
    return attribute.ilike('%' + escaped + '%', escape='/')


_NO_MATCH = object()


def _converted(column, value):
    """``value`` (a query string, or already typed) as the column's type, or _NO_MATCH."""
    if not isinstance(value, str):
        return value
    try:
        if isinstance(column.type, sa.Boolean):
            return strutils.bool_from_string(value, strict=True)
        if isinstance(column.type, sa.Integer):
            return int(value)
        if isinstance(column.type, sa.DateTime):
            return timeutils.normalize_time(timeutils.parse_isotime(value))
    except ValueError:
        return _NO_MATCH
    return value


def metadata_criteria(meta_column, owner_column, metadata):
    """One EXISTS per key: the owner has every ``metadata`` key with its value.

    ``meta_column`` is the metadata model's owner column (as for metadata_of).
    """
    meta = meta_column.class_
    return [sa.exists().where(meta_column == owner_column)
            .where(meta.key == key).where(meta.value == value)
            for key, value in (metadata or {}).items()]


# What NULL sorts as, per column type: a keyset comparison with NULL is never
# true, so NULLs are coalesced both in the ORDER BY and in the marker criteria.
_NULL_SORTS_AS = ((sa.DateTime, datetime.datetime(1, 1, 1)), (sa.String, ''),
                  (sa.Text, ''), (sa.Boolean, False), (sa.Integer, -1))


def _sort_key(model, key):
    """The ORDER BY expression of ``key`` and the Python value NULL stands for."""
    column = model.__table__.columns.get(key)
    if column is None:
        raise exception.InvalidInput(reason='Invalid sort key %s' % key)
    attribute = getattr(model, key)
    if not column.nullable:
        return attribute, None
    for type_, null_value in _NULL_SORTS_AS:
        if isinstance(column.type, type_):
            return sa.func.coalesce(attribute, null_value), null_value
    return attribute, None


def paginate(query, model, marker_query, limit=None, offset=None, marker=None,
             sort_keys=None, sort_dirs=None):
    """Apply sort, marker, offset and limit the way Cinder's list APIs do.

    ``query`` is an ORM query or a Core select; the same one comes back.

    Keyset pagination: the page after ``marker`` is every row that sorts
    after it on (sort keys..., id). ``marker_query`` is the scoped query in
    which the marker must be found: an unknown marker (or another project's)
    is a 404, as in Cinder.
    """
    sort_keys = list(sort_keys or ['created_at'])
    sort_dirs = list(sort_dirs or ['desc'] * len(sort_keys))
    if 'id' not in sort_keys:
        sort_keys.append('id')
        sort_dirs.append(sort_dirs[0])
    keys = [_sort_key(model, key) for key in sort_keys]
    if marker:
        marker_obj = marker_query.filter(model.id == marker).first()
        if marker_obj is None:
            raise exception.MarkerNotFound(marker=marker)
        values = [getattr(marker_obj, name) for name in sort_keys]
        values = [null if value is None else value
                  for value, (_, null) in zip(values, keys)]
        after = []
        for index, ((expression, _), direction) in enumerate(zip(keys, sort_dirs)):
            same_before = [keys[j][0] == values[j] for j in range(index)]
            beyond = (expression < values[index] if direction == 'desc'
                      else expression > values[index])
            after.append(sa.and_(*same_before, beyond))
        # Implied by the OR below, but a plain bound on the first sort key is
        # what lets the planner seek in the (project_id, key...) index to the
        # marker instead of scanning every row before it.
        first, first_value = keys[0][0], values[0]
        bound = first <= first_value if sort_dirs[0] == 'desc' else first >= first_value
        query = query.filter(bound, sa.or_(*after))
    query = query.order_by(*[expression.desc() if direction == 'desc' else expression.asc()
                             for (expression, _), direction in zip(keys, sort_dirs)])
    if limit is not None:
        query = query.limit(limit)
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
