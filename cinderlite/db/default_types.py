"""Queries on per-project default volume types (Cinder's ``default_volume_types``)."""

import sqlalchemy as sa

from cinderlite.db import engine
from cinderlite.db import models


def get(context, project_id):
    """The project's default type row, or None."""
    with engine.reader(context) as session:
        return session.get(models.DefaultVolumeType, project_id)


def list_all(context):
    with engine.reader(context) as session:
        return (session.query(models.DefaultVolumeType)
                .order_by(models.DefaultVolumeType.project_id).all())


def set_default(context, project_id, volume_type_id):
    """Insert or replace the project's default type; the row as stored."""
    with engine.writer(context) as session:
        row = session.get(models.DefaultVolumeType, project_id, with_for_update=True)
        if row is None:
            row = models.DefaultVolumeType(project_id=project_id,
                                           volume_type_id=volume_type_id)
            session.add(row)
        else:
            row.volume_type_id = volume_type_id
        session.flush()
        return row


def unset(context, project_id):
    with engine.writer(context) as session:
        session.execute(sa.delete(models.DefaultVolumeType)
                        .where(models.DefaultVolumeType.project_id == project_id))


def is_a_default(context, volume_type_id):
    """Whether some project has ``volume_type_id`` as its default."""
    with engine.reader(context) as session:
        return session.query(sa.exists().where(
            models.DefaultVolumeType.volume_type_id == volume_type_id)).scalar()
