"""Policies of user messages."""

from cinderlite.policies import base

GET = 'message:get'
GET_ALL = 'message:get_all'
DELETE = 'message:delete'

RULES = [
    base.rule(GET, base.ADMIN_OR_PROJECT_READER, 'Show a message.',
              [('GET', '/messages/{message_id}')]),
    base.rule(GET_ALL, base.ADMIN_OR_PROJECT_READER, 'List messages.',
              [('GET', '/messages')]),
    base.rule(DELETE, base.ADMIN_OR_PROJECT_MEMBER, 'Delete a message.',
              [('DELETE', '/messages/{message_id}')]),
]


def list_rules():
    return RULES
