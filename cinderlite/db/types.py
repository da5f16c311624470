"""Queries on volume types and their extra specs."""

from oslo_db import exception as db_exc
from oslo_utils import uuidutils
import sqlalchemy as sa

from cinderlite import exception
from cinderlite.db import common
from cinderlite.db import engine
from cinderlite.db import models

DEFAULT_TYPE_NAME = '__DEFAULT__'


def create_type(context, name, description=None, is_public=True, extra_specs=None):
    """Insert a type and its specs; a taken name is VolumeTypeExists (409)."""
    type_id = common.new_id()
    try:
        with engine.writer(context) as session:
            session.add(models.VolumeType(id=type_id, name=name, description=description,
                                          is_public=is_public))
            session.flush()
            _insert_specs(session, type_id, extra_specs or {})
    except db_exc.DBDuplicateEntry:
        raise exception.VolumeTypeExists(name=name)
    return get_type(context, type_id)


def _insert_specs(session, type_id, specs):
    if specs:
        session.execute(sa.insert(models.VolumeTypeExtraSpec),
                        [{'volume_type_id': type_id, 'key': k, 'value': v,
                          'created_at': models.utcnow()} for k, v in specs.items()])


def get_type(context, type_id):
    with engine.reader(context) as session:
        row = session.get(models.VolumeType, type_id)
        if row is None:
            raise exception.VolumeTypeNotFound(volume_type_id=type_id)
        return row


def get_type_by_name_or_id(context, name_or_id):
    """A type by id, else by name; a 404 names what was asked for."""
    with engine.reader(context) as session:
        column = (models.VolumeType.id if uuidutils.is_uuid_like(name_or_id)
                  else models.VolumeType.name)
        row = session.query(models.VolumeType).filter(column == name_or_id).first()
        if row is None and column is models.VolumeType.id:
            row = (session.query(models.VolumeType)
                   .filter(models.VolumeType.name == name_or_id).first())
        if row is None:
            raise exception.VolumeTypeNotFoundByName(volume_type_name=name_or_id)
        return row


def get_types_by_names_or_ids(context, names_or_ids):
    """Resolve several types in one query; the first unknown one is a 404."""
    with engine.reader(context) as session:
        wanted = list(names_or_ids)
        rows = (session.query(models.VolumeType)
                .filter(sa.or_(models.VolumeType.id.in_(wanted),
                               models.VolumeType.name.in_(wanted))).all())
    found = {}
    for row in rows:
        found[row.id] = row
        found[row.name] = row
    for item in wanted:
        if item not in found:
            raise exception.VolumeTypeNotFoundByName(volume_type_name=item)
    return [found[item] for item in wanted]


def get_types_by_ids(context, type_ids):
    with engine.reader(context) as session:
        rows = (session.query(models.VolumeType)
                .filter(models.VolumeType.id.in_(list(type_ids))).all())
    return {row.id: row for row in rows}


def get_type_names(context, type_ids):
    """``{type id: name}`` of the listed types, in one query."""
    return {tid: t.name for tid, t in get_types_by_ids(context, type_ids).items()}


def get_default_type(context):
    """The caller's project's default type (3.62) if it has one, else ``__DEFAULT__``."""
    with engine.reader(context) as session:
        row = (session.query(models.VolumeType)
               .join(models.DefaultVolumeType,
                     models.DefaultVolumeType.volume_type_id == models.VolumeType.id)
               .filter(models.DefaultVolumeType.project_id == context.project_id).first())
    return row if row is not None else get_type_by_name_or_id(context, DEFAULT_TYPE_NAME)


def list_types(context, include_private=False, accessible_to=None, filters=None):
    """Public types, and private ones: all of them with ``include_private``,
    else those project ``accessible_to`` was given access to.

    ``filters`` (3.52): ``extra_specs``, a dict every key of which the type
    has with that value (``RESKEY:availability_zones`` contains it, as in
    Cinder); the others as common.filter_criteria reads them.
    """
    filters = dict(filters or {})
    spec = models.VolumeTypeExtraSpec
    criteria = [sa.exists().where(spec.volume_type_id == models.VolumeType.id)
                .where(spec.key == key)
                .where(spec.value.contains(value, autoescape=True)
                       if key == 'RESKEY:availability_zones' else spec.value == value)
                for key, value in filters.pop('extra_specs', {}).items()]
    criteria += common.filter_criteria(models.VolumeType, filters)
    with engine.reader(context) as session:
        query = session.query(models.VolumeType).filter(*criteria)
        if not include_private:
            visible = models.VolumeType.is_public.is_(True)
            if accessible_to is not None:
                visible = sa.or_(visible, models.VolumeType.id.in_(
                    _accessible_type_ids(accessible_to)))
            query = query.filter(visible)
        return query.order_by(models.VolumeType.name).all()


def _accessible_type_ids(project_id):
    return (sa.select(models.VolumeTypeProject.volume_type_id)
            .where(models.VolumeTypeProject.project_id == project_id))


def has_access(context, type_id, project_id):
    """Whether ``project_id`` was given access to the (private) type ``type_id``."""
    with engine.reader(context) as session:
        return session.query(
            _accessible_type_ids(project_id)
            .where(models.VolumeTypeProject.volume_type_id == type_id).exists()).scalar()


def list_access(context, type_id):
    """The projects given access to ``type_id``, in the order they were given it."""
    with engine.reader(context) as session:
        return [row.project_id for row in session.query(models.VolumeTypeProject)
                .filter(models.VolumeTypeProject.volume_type_id == type_id)
                .order_by(models.VolumeTypeProject.id)]


def add_access(context, type_id, project_id):
    """:raises VolumeTypeAccessExists: (409) the project has access already."""
    try:
        with engine.writer(context) as session:
            session.add(models.VolumeTypeProject(volume_type_id=type_id,
                                                 project_id=project_id))
    except db_exc.DBDuplicateEntry:
        raise exception.VolumeTypeAccessExists(volume_type_id=type_id,
                                               project_id=project_id)


def remove_access(context, type_id, project_id):
    """:raises VolumeTypeAccessNotFound: (404) the project had no access."""
    with engine.writer(context) as session:
        removed = session.execute(
            sa.delete(models.VolumeTypeProject)
            .where(models.VolumeTypeProject.volume_type_id == type_id)
            .where(models.VolumeTypeProject.project_id == project_id)).rowcount
    if not removed:
        raise exception.VolumeTypeAccessNotFound(volume_type_id=type_id,
                                                 project_id=project_id)


def update_type(context, type_id, values):
    try:
        with engine.writer(context) as session:
            updated = session.execute(sa.update(models.VolumeType)
                                      .where(models.VolumeType.id == type_id)
                                      .values(**values)).rowcount
    except db_exc.DBDuplicateEntry:
        raise exception.VolumeTypeExists(name=values.get('name'))
    if not updated:
        raise exception.VolumeTypeNotFound(volume_type_id=type_id)
    return get_type(context, type_id)


def delete_type(context, type_id):
    """Delete a type, its specs, access list and encryption; one in use stays (400).

    The caller counted users first; a volume created since then holds a
    foreign key, which the database enforces here.
    """
    try:
        with engine.writer(context) as session:
            for model in (models.VolumeTypeExtraSpec, models.VolumeTypeProject,
                          models.Encryption):
                session.execute(sa.delete(model).where(model.volume_type_id == type_id))
            session.execute(sa.delete(models.VolumeType)
                            .where(models.VolumeType.id == type_id))
    except db_exc.DBReferenceError:
        raise exception.InvalidVolumeType(message='Target volume type is still in use.')


def get_extra_specs(context, type_ids):
    """``{type_id: {key: value}}`` for the listed types, in one query."""
    result = {tid: {} for tid in type_ids}
    if not type_ids:
        return result
    with engine.reader(context) as session:
        rows = (session.query(models.VolumeTypeExtraSpec)
                .filter(models.VolumeTypeExtraSpec.volume_type_id.in_(list(type_ids)))
                .all())
    for row in rows:
        result[row.volume_type_id][row.key] = row.value
    return result


def is_multiattach(context, type_id):
    """Whether the type makes multiattach volumes: ``multiattach="<is> True"`` (3.50)."""
    value = get_extra_specs(context, [type_id])[type_id].get('multiattach') or ''
    return value.strip().lower() in ('<is> true', 'true')


def set_extra_specs(context, type_id, specs):
    with engine.writer(context) as session:
        existing = {row.key: row for row in session.query(models.VolumeTypeExtraSpec)
                    .filter(models.VolumeTypeExtraSpec.volume_type_id == type_id)}
        for key, value in specs.items():
            if key in existing:
                existing[key].value = value
        _insert_specs(session, type_id,
                      {k: v for k, v in specs.items() if k not in existing})


def delete_extra_spec(context, type_id, key):
    with engine.writer(context) as session:
        deleted = session.execute(
            sa.delete(models.VolumeTypeExtraSpec)
            .where(models.VolumeTypeExtraSpec.volume_type_id == type_id)
            .where(models.VolumeTypeExtraSpec.key == key)).rowcount
    if not deleted:
        raise exception.VolumeTypeExtraSpecNotFound(volume_type_id=type_id, key=key)
