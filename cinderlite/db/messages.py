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
        return common.get_row(session, models.Message, context, message_id,
                              exception.MessageNotFound(message_id=message_id))


def list_messages(context, filters=None, **page):
    """The caller's own project's messages (an admin's too: messages have no all_tenants)."""
    with engine.reader(context) as session:
        return common.list_rows(session, models.Message, context, filters, False, page)


def delete_message(context, message_id):
    get_message(context, message_id)
    with engine.writer(context) as session:
        session.execute(sa.delete(models.Message).where(models.Message.id == message_id))
