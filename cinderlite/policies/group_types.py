"""Policies of group types and group specs (Cinder's group:group_types* names)."""

from cinderlite.policies import base

CREATE = 'group:group_types:create'
UPDATE = 'group:group_types:update'
DELETE = 'group:group_types:delete'
SHOW_ACCESS = 'group:access_group_types_specs'
SPEC_GET = 'group:group_types_specs:get'
SPEC_GET_ALL = 'group:group_types_specs:get_all'
SPEC_CREATE = 'group:group_types_specs:create'
SPEC_UPDATE = 'group:group_types_specs:update'
SPEC_DELETE = 'group:group_types_specs:delete'

_TYPE = '/group_types/{group_type_id}'
_SPECS = _TYPE + '/group_specs'

RULES = [
    base.rule(CREATE, base.RULE_ADMIN_API, 'Create a group type.',
              [('POST', '/group_types')]),
    base.rule(UPDATE, base.RULE_ADMIN_API, 'Update a group type.', [('PUT', _TYPE)]),
    base.rule(DELETE, base.RULE_ADMIN_API, 'Delete a group type.', [('DELETE', _TYPE)]),
    base.rule(SHOW_ACCESS, base.RULE_ADMIN_API,
              'Show the group specs of group types in their views.',
              [('GET', '/group_types'), ('GET', _TYPE)]),
    base.rule(SPEC_GET, base.RULE_ADMIN_API, 'Show one group spec.',
              [('GET', _SPECS + '/{g_spec_id}')]),
    base.rule(SPEC_GET_ALL, base.RULE_ADMIN_API, 'List the group specs of a type.',
              [('GET', _SPECS)]),
    base.rule(SPEC_CREATE, base.RULE_ADMIN_API, 'Create or update group specs.',
              [('POST', _SPECS)]),
    base.rule(SPEC_UPDATE, base.RULE_ADMIN_API, 'Update one group spec.',
              [('PUT', _SPECS + '/{g_spec_id}')]),
    base.rule(SPEC_DELETE, base.RULE_ADMIN_API, 'Delete one group spec.',
              [('DELETE', _SPECS + '/{g_spec_id}')]),
]


def list_rules():
    return RULES
