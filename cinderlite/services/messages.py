"""Service layer for user messages."""

from cinderlite.db import messages as db_messages


class MessageService:

    def get(self, context, message_id):
        return db_messages.get_message(context, message_id)

    def get_all(self, context, filters, **page):
        return db_messages.list_messages(context, filters, **page)

    def delete(self, context, message_id):
        db_messages.delete_message(context, message_id)
