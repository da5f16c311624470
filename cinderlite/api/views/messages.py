"""User message views (microversion 3.3)."""

import datetime

from cinderlite.api import views

#: Cinder's default ``message_ttl``: how long a message is kept at least.
#: cinderlite never expires messages, so the promise always holds.
GUARANTEED_FOR = datetime.timedelta(seconds=2592000)


def detail(req, message):
    return {'id': message.id, 'event_id': message.event_id,
            'user_message': message.user_message, 'message_level': message.message_level,
            'resource_type': message.resource_type,
            'resource_uuid': message.resource_uuid, 'request_id': message.request_id,
            'created_at': views.iso(message.created_at),
            'guaranteed_until': views.iso(message.created_at + GUARANTEED_FOR),
            'links': views.links(req, 'messages', message.id, message.project_id)}
