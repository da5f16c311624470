"""Queries on QoS specs, their keys, and the volume types associated with them."""

from oslo_db import exception as db_exc
import sqlalchemy as sa

from cinderlite import exception
from cinderlite.db import common
from cinderlite.db import engine
from cinderlite.db import models


def create_qos_specs(context, name, consumer, specs):
    """Insert QoS specs and their keys; returns the new id.

    :raises QoSSpecsExists: (409) the name is taken.
    """
    specs_id = common.new_id()
    try:
        with engine.writer(context) as session:
            session.add(models.QosSpecs(id=specs_id, name=name, consumer=consumer))
            session.flush()
            common.set_metadata(session, models.QosSpecsItem.qos_specs_id, specs_id, specs)
    except db_exc.DBDuplicateEntry:
        raise exception.QoSSpecsExists(specs_id=name)
    return specs_id


def get_qos_specs(context, specs_id):
    """:raises QoSSpecsNotFound: (404)."""
    with engine.reader(context) as session:
        row = session.get(models.QosSpecs, specs_id)
    if row is None:
        raise exception.QoSSpecsNotFound(specs_id=specs_id)
    return row


def lock_qos_specs(context, specs_id):
    """Lock the row of ``specs_id`` for the caller's transaction.

    :raises QoSSpecsNotFound: (404) it is gone.
    """
    with engine.writer(context) as session:
        if not common.lock_rows(session, models.QosSpecs, [specs_id]):
            raise exception.QoSSpecsNotFound(specs_id=specs_id)


def list_qos_specs(context, filters, page):
    """QoS specs matching ``filters`` (exact match on columns), paginated."""
    with engine.reader(context) as session:
        query = session.query(models.QosSpecs)
        for key, value in filters.items():
            query = query.filter(getattr(models.QosSpecs, key) == value)
        return common.paginate(query, models.QosSpecs, session.query(models.QosSpecs),
                               **page).all()


def get_specs(context, specs_ids):
    """``{qos specs id: {key: value}}``, in one query."""
    with engine.reader(context) as session:
        return common.metadata_of(session, models.QosSpecsItem.qos_specs_id, specs_ids)


def update_qos_specs(context, specs_id, consumer, specs):
    """Set the consumer (unless None) and upsert keys, in the caller's transaction."""
    with engine.writer(context) as session:
        if consumer is not None:
            session.execute(sa.update(models.QosSpecs)
                            .where(models.QosSpecs.id == specs_id)
                            .values(consumer=consumer, updated_at=models.utcnow()))
        common.set_metadata(session, models.QosSpecsItem.qos_specs_id, specs_id, specs)


def delete_keys(context, specs_id, keys):
    """Delete ``keys`` of ``specs_id``: all of them or, when one is missing, none.

    :raises QoSSpecsKeyNotFound: (404) naming the first missing key.
    """
    with engine.writer(context) as session:
        column = models.QosSpecsItem.qos_specs_id
        existing = common.metadata_of(session, column, [specs_id])[specs_id]
        for key in keys:
            if key not in existing:
                raise exception.QoSSpecsKeyNotFound(specs_id=specs_id, specs_key=key)
        for key in keys:
            common.delete_metadata_key(session, column, specs_id, key)


def delete_qos_specs(context, specs_id):
    """Delete QoS specs and their keys.

    :raises QoSSpecsInUse: (400) a volume type is associated with them.
    """
    try:
        with engine.writer(context) as session:
            session.execute(sa.delete(models.QosSpecsItem)
                            .where(models.QosSpecsItem.qos_specs_id == specs_id))
            session.execute(sa.delete(models.QosSpecs).where(models.QosSpecs.id == specs_id))
    except db_exc.DBReferenceError:
        raise exception.QoSSpecsInUse(specs_id=specs_id)


def associated_types(context, specs_id):
    """The volume types associated with ``specs_id``, by name."""
    with engine.reader(context) as session:
        return (session.query(models.VolumeType)
                .filter(models.VolumeType.qos_specs_id == specs_id)
                .order_by(models.VolumeType.name).all())


def associate(context, specs_id, type_id):
    """Associate a type that has no QoS specs (or these) with ``specs_id``.

    Returns the QoS specs id the type ends with: another id means the type
    was (or just became) associated with other specs, and nothing changed.
    """
    with engine.writer(context) as session:
        session.execute(sa.update(models.VolumeType)
                        .where(models.VolumeType.id == type_id)
                        .where(models.VolumeType.qos_specs_id.is_(None))
                        .values(qos_specs_id=specs_id, updated_at=models.utcnow()))
        return session.get(models.VolumeType, type_id, populate_existing=True).qos_specs_id


def disassociate(context, specs_id, type_id=None):
    """Dissociate ``specs_id`` from one type, or from every type when ``type_id`` is None."""
    with engine.writer(context) as session:
        stmt = (sa.update(models.VolumeType)
                .where(models.VolumeType.qos_specs_id == specs_id))
        if type_id is not None:
            stmt = stmt.where(models.VolumeType.id == type_id)
        session.execute(stmt.values(qos_specs_id=None, updated_at=models.utcnow()))
