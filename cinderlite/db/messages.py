"""Queries on user messages."""

import sqlalchemy as sa

from cinderlite import exception
from cinderlite.db import common
from cinderlite.db import engine
from cinderlite.db import models


def create_message(context, values):
    with engine.writer(context) as session:
        session.execute(sa.insert(models.Message),
                        [dict(values, id=common.new_id(), created_at=models.utcnow())])


def get_message(context, message_id):
    with engine.reader(context) as session:
        query = common.scoped(session.query(models.Message), models.Message, context)
        row = query.filter(models.Message.id == message_id).first()
        if row is None:
            raise exception.MessageNotFound(message_id=message_id)
        return row


def list_messages(context, filters=None, **page):
    with engine.reader(context) as session:
        query = common.scoped(session.query(models.Message), models.Message, context,
                              all_projects=False)
        for key, value in (filters or {}).items():
            query = query.filter(getattr(models.Message, key) == value)
        return common.paginate(query, models.Message, query, **page).all()


def delete_message(context, message_id):
    get_message(context, message_id)
    with engine.writer(context) as session:
        session.execute(sa.delete(models.Message).where(models.Message.id == message_id))
