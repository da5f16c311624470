"""Policies of consistency groups (Cinder's consistencygroup:* names)."""

from cinderlite.policies import base

CREATE = 'consistencygroup:create'
GET = 'consistencygroup:get'
GET_ALL = 'consistencygroup:get_all'
UPDATE = 'consistencygroup:update'
DELETE = 'consistencygroup:delete'

RULES = [
    base.rule(CREATE, base.ADMIN_OR_PROJECT_MEMBER,
              'Create a consistency group, empty or cloned from a source.',
              [('POST', '/consistencygroups'),
               ('POST', '/consistencygroups/create_from_src')]),
    base.rule(GET, base.ADMIN_OR_PROJECT_READER, 'Show a consistency group.',
              [('GET', '/consistencygroups/{consistencygroup_id}')]),
    base.rule(GET_ALL, base.ADMIN_OR_PROJECT_READER, 'List consistency groups.',
              [('GET', '/consistencygroups'), ('GET', '/consistencygroups/detail')]),
    base.rule(UPDATE, base.ADMIN_OR_PROJECT_MEMBER,
              'Rename a consistency group or add and remove its volumes.',
              [('PUT', '/consistencygroups/{consistencygroup_id}'),
               ('PUT', '/consistencygroups/{consistencygroup_id}/update')]),
    base.rule(DELETE, base.ADMIN_OR_PROJECT_MEMBER, 'Delete a consistency group.',
              [('POST', '/consistencygroups/{consistencygroup_id}/delete')]),
]


def list_rules():
    return RULES
