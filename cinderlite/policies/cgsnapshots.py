"""Policies of consistency group snapshots."""

from cinderlite.policies import base

CREATE = 'consistencygroup:create_cgsnapshot'
GET = 'consistencygroup:get_cgsnapshot'
GET_ALL = 'consistencygroup:get_all_cgsnapshots'
DELETE = 'consistencygroup:delete_cgsnapshot'

RULES = [
    base.rule(CREATE, base.ADMIN_OR_PROJECT_MEMBER, 'Create a cgsnapshot.',
              [('POST', '/cgsnapshots')]),
    base.rule(GET, base.ADMIN_OR_PROJECT_READER, 'Show a cgsnapshot.',
              [('GET', '/cgsnapshots/{cgsnapshot_id}')]),
    base.rule(GET_ALL, base.ADMIN_OR_PROJECT_READER, 'List cgsnapshots.',
              [('GET', '/cgsnapshots'), ('GET', '/cgsnapshots/detail')]),
    base.rule(DELETE, base.ADMIN_OR_PROJECT_MEMBER, 'Delete a cgsnapshot.',
              [('DELETE', '/cgsnapshots/{cgsnapshot_id}')]),
]


def list_rules():
    return RULES
