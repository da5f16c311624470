"""Queries on group types and their group specs."""

from oslo_db import exception as db_exc
from oslo_utils import uuidutils
import sqlalchemy as sa

from cinderlite import exception
from cinderlite.db import common
from cinderlite.db import engine
from cinderlite.db import models

#: The reserved type of consistency groups, seeded by migration 0011 as Cinder does.
CG_TYPE_NAME = 'default_cgsnapshot_type'
CONSISTENT_SPEC = 'consistent_group_snapshot_enabled'


def create_type(context, name, description=None, is_public=True, specs=None):
    """Insert a group type and its specs; a taken name is GroupTypeExists (409)."""
    type_id = common.new_id()
    try:
        with engine.writer(context) as session:
            session.add(models.GroupType(id=type_id, name=name, description=description,
                                         is_public=is_public))
            session.flush()
            _insert_specs(session, type_id, specs or {})
    except db_exc.DBDuplicateEntry:
        raise exception.GroupTypeExists(group_type_id=name)
    return get_type(context, type_id)


def _insert_specs(session, type_id, specs):
    if specs:
        session.execute(sa.insert(models.GroupTypeSpec),
                        [{'group_type_id': type_id, 'key': k, 'value': v,
                          'created_at': models.utcnow()} for k, v in specs.items()])


def get_type(context, type_id):
    """:raises GroupTypeNotFound: (404)."""
    with engine.reader(context) as session:
        row = session.get(models.GroupType, type_id)
        if row is None:
            raise exception.GroupTypeNotFound(group_type_id=type_id)
        return row


def get_type_by_name_or_id(context, name_or_id):
    """A group type by id, else by name; a 404 worded as Cinder words it."""
    with engine.reader(context) as session:
        row = None
        if uuidutils.is_uuid_like(name_or_id):
            row = session.get(models.GroupType, name_or_id)
        if row is None:
            row = (session.query(models.GroupType)
                   .filter(models.GroupType.name == name_or_id).first())
    if row is None:
        if uuidutils.is_uuid_like(name_or_id):
            raise exception.GroupTypeNotFound(group_type_id=name_or_id)
        raise exception.GroupTypeNotFoundByName(group_type_name=name_or_id)
    return row


def get_cg_type(context):
    """The reserved consistency-group type (seeded by the migrations)."""
    with engine.reader(context) as session:
        row = (session.query(models.GroupType)
               .filter(models.GroupType.name == CG_TYPE_NAME).first())
    if row is None:
        raise exception.InvalidInput(
            reason='Group type %s not found. Rerun migration script to create the '
                   'default cgsnapshot type.' % CG_TYPE_NAME)
    return row


def get_types_by_ids(context, type_ids):
    """``{id: row}`` of the listed group types, in one query."""
    if not type_ids:
        return {}
    with engine.reader(context) as session:
        rows = (session.query(models.GroupType)
                .filter(models.GroupType.id.in_(list(type_ids))).all())
    return {row.id: row for row in rows}


def list_types(context, is_public=True, **page):
    """Group types, public ones only unless ``is_public`` is False (private) or None (all)."""
    with engine.reader(context) as session:
        query = session.query(models.GroupType)
        if is_public is not None:
            query = query.filter(models.GroupType.is_public.is_(bool(is_public)))
        return common.paginate(query, models.GroupType, session.query(models.GroupType),
                               **page).all()


def update_type(context, type_id, values):
    try:
        with engine.writer(context) as session:
            updated = session.execute(sa.update(models.GroupType)
                                      .where(models.GroupType.id == type_id)
                                      .values(**values)).rowcount
    except db_exc.DBDuplicateEntry:
        raise exception.GroupTypeExists(group_type_id=values.get('name'))
    if not updated:
        raise exception.GroupTypeNotFound(group_type_id=type_id)
    return get_type(context, type_id)


def count_groups_of_type(context, type_id):
    with engine.reader(context) as session:
        return (session.query(sa.func.count(models.Group.id))
                .filter(models.Group.group_type_id == type_id).scalar())


def delete_type(context, type_id):
    """Delete a group type and its specs; one a group took meanwhile stays (400)."""
    try:
        with engine.writer(context) as session:
            session.execute(sa.delete(models.GroupTypeSpec)
                            .where(models.GroupTypeSpec.group_type_id == type_id))
            session.execute(sa.delete(models.GroupType)
                            .where(models.GroupType.id == type_id))
    except db_exc.DBReferenceError:
        raise exception.GroupTypeInUse(group_type_id=type_id)


def get_specs(context, type_ids):
    """``{type_id: {key: value}}`` for the listed types, in one query."""
    result = {tid: {} for tid in type_ids}
    if not type_ids:
        return result
    with engine.reader(context) as session:
        rows = (session.query(models.GroupTypeSpec)
                .filter(models.GroupTypeSpec.group_type_id.in_(list(type_ids))).all())
    for row in rows:
        result[row.group_type_id][row.key] = row.value
    return result


def set_specs(context, type_id, specs):
    """Upsert ``specs``: existing keys take the new values, others are kept."""
    with engine.writer(context) as session:
        existing = {row.key: row for row in session.query(models.GroupTypeSpec)
                    .filter(models.GroupTypeSpec.group_type_id == type_id)}
        for key, value in specs.items():
            if key in existing:
                existing[key].value = value
        _insert_specs(session, type_id,
                      {k: v for k, v in specs.items() if k not in existing})


def delete_spec(context, type_id, key):
    with engine.writer(context) as session:
        deleted = session.execute(
            sa.delete(models.GroupTypeSpec)
            .where(models.GroupTypeSpec.group_type_id == type_id)
            .where(models.GroupTypeSpec.key == key)).rowcount
    if not deleted:
        raise exception.GroupTypeSpecNotFound(group_type_id=type_id, key=key)


def is_consistent(specs):
    """Whether group specs ask for consistent group snapshots (``<is> True``)."""
    value = (specs.get(CONSISTENT_SPEC) or '').strip().lower()
    return value in ('<is> true', 'true')
