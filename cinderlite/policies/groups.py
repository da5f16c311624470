"""Policies of generic volume groups (Cinder's group:* names)."""

from cinderlite.policies import base

CREATE = 'group:create'
GET = 'group:get'
GET_ALL = 'group:get_all'
UPDATE = 'group:update'
DELETE = 'group:delete'
RESET_STATUS = 'group:reset_status'
PROJECT_ATTRIBUTE = 'group:group_project_attribute'
ENABLE_REPLICATION = 'group:enable_replication'
DISABLE_REPLICATION = 'group:disable_replication'
FAILOVER_REPLICATION = 'group:failover_replication'
LIST_REPLICATION = 'group:list_replication_targets'

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
    base.rule(PROJECT_ATTRIBUTE, base.RULE_ADMIN_API,
              'List groups or show a group with its project (3.58).',
              [('GET', _GROUP), ('GET', '/groups/detail')]),
    base.rule(ENABLE_REPLICATION, base.ADMIN_OR_PROJECT_MEMBER,
              'Enable replication of a group (3.38).',
              [('POST', _GROUP + '/action (enable_replication)')]),
    base.rule(DISABLE_REPLICATION, base.ADMIN_OR_PROJECT_MEMBER,
              'Disable replication of a group (3.38).',
              [('POST', _GROUP + '/action (disable_replication)')]),
    base.rule(FAILOVER_REPLICATION, base.ADMIN_OR_PROJECT_MEMBER,
              'Fail over the replication of a group (3.38).',
              [('POST', _GROUP + '/action (failover_replication)')]),
    base.rule(LIST_REPLICATION, base.ADMIN_OR_PROJECT_MEMBER,
              'List the replication targets of a group (3.38).',
              [('POST', _GROUP + '/action (list_replication_targets)')]),
]


def list_rules():
    return RULES
