"""User message views (microversion 3.3)."""

from cinderlite.api import views


def detail(req, message):
    return {'id': message.id, 'event_id': message.event_id,
            'user_message': message.user_message, 'message_level': message.message_level,
            'resource_type': message.resource_type,
            'resource_uuid': message.resource_uuid, 'request_id': message.request_id,
            'created_at': views.iso(message.created_at), 'guaranteed_until': None,
            'links': views.links(req, 'messages', message.id, message.project_id)}
