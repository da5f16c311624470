"""Queries on volume type encryption (one row per encrypted type)."""

from oslo_db import exception as db_exc
import sqlalchemy as sa

from cinderlite import exception
from cinderlite.db import common
from cinderlite.db import engine
from cinderlite.db import models


def get_encryption(context, type_id):
    """The encryption of ``type_id``, or None when the type is not encrypted."""
    with engine.reader(context) as session:
        return (session.query(models.Encryption)
                .filter(models.Encryption.volume_type_id == type_id).first())


def describe_types(context, type_ids):
    """``({type id: name}, {ids of encrypted types})`` of ``type_ids``, in one query.

    What every volume view needs of its type; one statement instead of two
    on the path of every volume show and list.
    """
    if not type_ids:
        return {}, set()
    with engine.reader(context) as session:
        rows = common.run(session, _DESCRIBE_TYPES, {'type_ids': list(type_ids)}).all()
    return ({type_id: name for type_id, name, _ in rows},
            {type_id for type_id, _, encrypted in rows if encrypted is not None})


#: Built once (and its cache key with it) of Table columns: every volume view runs it.
_TYPES, _ENCRYPTION = models.VolumeType.__table__, models.Encryption.__table__
_DESCRIBE_TYPES = (
    sa.select(_TYPES.c.id, _TYPES.c.name, _ENCRYPTION.c.volume_type_id)
    .outerjoin(_ENCRYPTION, _ENCRYPTION.c.volume_type_id == _TYPES.c.id)
    .where(_TYPES.c.id.in_(sa.bindparam('type_ids', expanding=True))))


def create_encryption(context, type_id, values):
    """Insert the encryption of ``type_id``; returns its id.

    :raises VolumeTypeEncryptionExists: (400) the type has one already.
    """
    encryption_id = common.new_id()
    try:
        with engine.writer(context) as session:
            session.add(models.Encryption(encryption_id=encryption_id,
                                          volume_type_id=type_id, **values))
    except db_exc.DBDuplicateEntry:
        raise exception.VolumeTypeEncryptionExists(type_id=type_id)
    return encryption_id


def update_encryption(context, type_id, values):
    """:raises VolumeTypeEncryptionNotFound: (404) the type is not encrypted."""
    with engine.writer(context) as session:
        updated = session.execute(
            sa.update(models.Encryption)
            .where(models.Encryption.volume_type_id == type_id)
            .values(updated_at=models.utcnow(), **values)).rowcount
    if not updated:
        raise exception.VolumeTypeEncryptionNotFound(type_id=type_id)


def delete_encryption(context, type_id):
    """:raises VolumeTypeEncryptionNotFound: (404) the type is not encrypted."""
    with engine.writer(context) as session:
        deleted = session.execute(
            sa.delete(models.Encryption)
            .where(models.Encryption.volume_type_id == type_id)).rowcount
    if not deleted:
        raise exception.VolumeTypeEncryptionNotFound(type_id=type_id)
