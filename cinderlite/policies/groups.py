"""Policies of generic volume groups (Cinder's group:* names)."""

from cinderlite.policies import base

CREATE = 'group:create'
GET = 'group:get'
GET_ALL = 'group:get_all'
UPDATE = 'group:update'
DELETE = 'group:delete'
RESET_STATUS = 'group:reset_status'

_GROUP = '/groups/{group_id}'

RULES = [
    base.rule(CREATE, base.ADMIN_OR_PROJECT_MEMBER,
              'Create a group, empty or cloned from a group or group snapshot.',
              [('POST', '/groups'), ('POST', '/groups/action (create-from-src)')]),
    base.rule(GET, base.ADMIN_OR_PROJECT_READER, 'Show a group.', [('GET', _GROUP)]),
    base.rule(GET_ALL, base.ADMIN_OR_PROJECT_READER, 'List groups.',
              [('GET', '/groups'), ('GET', '/groups/detail')]),
    base.rule(UPDATE, base.ADMIN_OR_PROJECT_MEMBER,
              'Rename a group or add and remove its volumes.', [('PUT', _GROUP)]),
    base.rule(DELETE, base.ADMIN_OR_PROJECT_MEMBER, 'Delete a group.',
              [('POST', _GROUP + '/action (delete)')]),
    base.rule(RESET_STATUS, base.RULE_ADMIN_API, 'Reset the status of a group.',
              [('POST', _GROUP + '/action (reset_status)')]),
]


def list_rules():
    return RULES
