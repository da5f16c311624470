"""Policies of group snapshots (Cinder's group:*group_snapshot* names)."""

from cinderlite.policies import base

CREATE = 'group:create_group_snapshot'
GET = 'group:get_group_snapshot'
GET_ALL = 'group:get_all_group_snapshots'
DELETE = 'group:delete_group_snapshot'
RESET_STATUS = 'group:reset_group_snapshot_status'
PROJECT_ATTRIBUTE = 'group:group_snapshot_project_attribute'

_SNAPSHOT = '/group_snapshots/{group_snapshot_id}'

RULES = [
    base.rule(CREATE, base.ADMIN_OR_PROJECT_MEMBER, 'Create a group snapshot.',
              [('POST', '/group_snapshots')]),
    base.rule(GET, base.ADMIN_OR_PROJECT_READER, 'Show a group snapshot.',
              [('GET', _SNAPSHOT)]),
    base.rule(GET_ALL, base.ADMIN_OR_PROJECT_READER, 'List group snapshots.',
              [('GET', '/group_snapshots'), ('GET', '/group_snapshots/detail')]),
    base.rule(DELETE, base.ADMIN_OR_PROJECT_MEMBER, 'Delete a group snapshot.',
              [('DELETE', _SNAPSHOT)]),
    base.rule(RESET_STATUS, base.RULE_ADMIN_API, 'Reset the status of a group snapshot.',
              [('POST', _SNAPSHOT + '/action (reset_status)')]),
    base.rule(PROJECT_ATTRIBUTE, base.RULE_ADMIN_API,
              'List group snapshots or show one with its project (3.58).',
              [('GET', _SNAPSHOT), ('GET', '/group_snapshots/detail')]),
]


def list_rules():
    return RULES
